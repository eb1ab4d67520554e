/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sssom.c: SSSOM 1.1 mapping sets: the model.  Slots, multivalued and
 * decimal values, the check of one value, records, set-level metadata,
 * prefixes and CURIEs, non-standard slots.  The reader is in
 * sssom_read.c and sssom_meta.c, the writer and the sort in sssom_write.c.
 *
 * Records are stored by column: one array of string pointers per slot in
 * use, so a million records with eight columns cost eight arrays.  The
 * reader keeps the file's text and cuts the values out of it in place;
 * values of slots with few distinct values (predicates, justifications,
 * sources) are interned, so equal values share one pointer.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KLL__SSSOM_SLOTDEFS /* the table of slots is defined here */
#include "sssom_impl.h"

/* ------------------------------------------------------------------ */
/* Slots                                                                */

const char *
kll_slot_name(kll_slot s)
{
	if ((int)s < 0 || s >= KLL_SLOT__COUNT)
		return NULL;
	return kll__sssom_slotdefs[s].name;
}

int
kll__sssom_slot_lookup(const char *name, int flags)
{
	int i;

	/* The first byte before the whole name: a reader asks this for
	 * every record, often for names that are no slot. */
	for (i = 0; i < SL__COUNT; i++)
		if (kll__sssom_slotdefs[i].name[0] == name[0] &&
		    (kll__sssom_slotdefs[i].flags & flags) &&
		    strcmp(kll__sssom_slotdefs[i].name, name) == 0)
			return i;
	return -1;
}

kll_slot
kll_slot_from_name(const char *name)
{
	int i;

	if (name == NULL || (i = kll__sssom_slot_lookup(name, SF_REC)) < 0)
		return KLL_SLOT__COUNT;
	return (kll_slot)i;
}

kll_value_kind
kll_slot_kind(kll_slot s)
{
	if ((int)s < 0 || s >= KLL_SLOT__COUNT)
		return KLL_KIND_STRING;
	return (kll_value_kind)kll__sssom_slotdefs[s].kind;
}

int
kll_slot_multivalued(kll_slot s)
{
	return (int)s >= 0 && s < KLL_SLOT__COUNT &&
	       (kll__sssom_slotdefs[s].flags & SF_MULTI) != 0;
}

int
kll_slot_propagatable(kll_slot s)
{
	return (int)s >= 0 && s < KLL_SLOT__COUNT &&
	       (kll__sssom_slotdefs[s].flags & SF_PROP) != 0;
}

/* ------------------------------------------------------------------ */
/* Multivalued values: '|' between values, "\|" and "\\" inside        */

/* The end of the value that starts at p in a joined list. */
const char *
kll__sssom_mv_end(const char *p, const char *end)
{
	while (p < end && *p != '|') {
		if (*p == '\\' && p + 1 < end && (p[1] == '|' || p[1] == '\\'))
			p++;
		p++;
	}
	return p;
}

/* Append p[0..n), a raw joined-list item, decoded. */
int
kll__sssom_mv_decode(kll__buf *b, const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] == '\\' && i + 1 < n &&
		    (p[i + 1] == '|' || p[i + 1] == '\\'))
			i++;
		if (kll__buf_addc(b, p[i]) < 0)
			return -1;
	}
	return 0;
}

/* Append "s", one value, escaped for a joined list. */
int
kll__sssom_mv_escape(kll__buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if ((s[i] == '|' || s[i] == '\\') && kll__buf_addc(b, '\\') < 0)
			return -1;
		if (kll__buf_addc(b, s[i]) < 0)
			return -1;
	}
	return 0;
}

/* Whether every '\' in v starts one of the two escapes, as the writer
 * makes them; "a\b" means the same as "a\\b" but is not canonical. */
static int
mv_canonical(const char *v)
{
	for (; *v != '\0'; v++)
		if (*v == '\\') {
			if (v[1] != '|' && v[1] != '\\')
				return 0;
			v++;
		}
	return 1;
}

/* v rewritten with canonical escapes (v itself when it is), or NULL when
 * out of memory. */
const char *
kll__sssom_mv_canon(kll_mapset *m, const char *v)
{
	kll__buf b = { NULL, 0, 0 };
	const char *p = v, *end = v + strlen(v), *q, *r = NULL;
	kll__buf one = { NULL, 0, 0 };

	if (mv_canonical(v))
		return v;
	for (;;) {
		q = kll__sssom_mv_end(p, end);
		one.n = 0;
		if (kll__buf_grow(&one, 1) < 0 ||
		    kll__sssom_mv_decode(&one, p, q - p) < 0 ||
		    kll__sssom_mv_escape(&b, one.p, one.n) < 0)
			goto out;
		if (q == end)
			break;
		if (kll__buf_addc(&b, '|') < 0)
			goto out;
		p = q + 1;
	}
	r = kll__arena_strndup(&m->arena, b.p, b.n);
out:
	kll__buf_free(&b);
	kll__buf_free(&one);
	return r;
}

kll_status
kll_sssom_split(char ***out, size_t *n, const char *value, kll_error *err)
{
	const char *p, *q, *end;
	size_t k = 0, len, i = 0;
	char **v, *s;
	kll__buf b = { NULL, 0, 0 };

	*out = NULL;
	if (value == NULL)
		value = "";
	len = strlen(value);
	end = value + len;
	if (len > 0)
		for (p = value, k = 1; (q = kll__sssom_mv_end(p, end)) < end;
		     p = q + 1)
			k++;
	if ((v = kll__malloc((k + 1) * sizeof(*v) + len + 1)) == NULL)
		return kll__nomem(err);
	s = (char *)(v + k + 1);
	for (p = value; i < k; p = q + 1) {
		q = kll__sssom_mv_end(p, end);
		b.n = 0;
		if (kll__buf_grow(&b, 1) < 0 ||
		    kll__sssom_mv_decode(&b, p, q - p) < 0) {
			free(v);
			kll__buf_free(&b);
			return kll__nomem(err);
		}
		memcpy(s, b.p, b.n);
		s[b.n] = '\0';
		v[i++] = s;
		s += b.n + 1;
	}
	v[k] = NULL;
	kll__buf_free(&b);
	if (n != NULL)
		*n = k;
	*out = v;
	return KLL_OK;
}

/* ------------------------------------------------------------------ */
/* Numbers, kept as decimal text                                        */

#define DIGMAX 48

/* A decimal number: 0.dig[0]dig[1]... times 10^point, without leading or
 * trailing zeros in dig (n == 0 for zero). */
struct dec {
	int neg;
	int n;
	int point;
	char dig[DIGMAX];
};

int
kll__sssom_isdig(int c)
{
	return c >= '0' && c <= '9';
}

/* Parse an xsd:double without INF and NaN.  -1 when s is not one, or
 * has more significant digits before the point than kll keeps. */
static int
dec_parse(struct dec *d, const char *s)
{
	int seen = 0, e = 0, eneg = 0, big = 0;

	memset(d, 0, sizeof(*d));
	if (*s == '+' || *s == '-')
		d->neg = *s++ == '-';
	for (; kll__sssom_isdig(*s); s++) {
		seen = 1;
		if (d->n == 0 && *s == '0')
			continue;
		if (d->n < DIGMAX)
			d->dig[d->n++] = *s;
		else
			big = 1;
		d->point++;
	}
	if (*s == '.')
		for (s++; kll__sssom_isdig(*s); s++) {
			seen = 1;
			if (d->n == 0 && *s == '0')
				d->point--;
			else if (d->n < DIGMAX)
				d->dig[d->n++] = *s;
		}
	if (!seen)
		return -1;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			eneg = *s++ == '-';
		if (!kll__sssom_isdig(*s))
			return -1;
		for (; kll__sssom_isdig(*s); s++)
			if (e < 100000)
				e = e * 10 + (*s - '0');
	}
	if (*s != '\0' || big)
		return -1;
	while (d->n > 0 && d->dig[d->n - 1] == '0')
		d->n--;
	if (d->n == 0)
		d->point = 0;
	d->point += eneg ? -e : e;
	if (d->point > 40 || d->point < -100000)
		return d->point > 40 ? -1 : 0;
	return 0;
}

/* The sign of |d| - 1. */
static int
dec_cmp1(const struct dec *d)
{
	if (d->n == 0 || d->point < 1)
		return -1;
	if (d->point > 1 || d->dig[0] > '1')
		return 1;
	return d->n > 1 ? 1 : 0;
}

/* Whether d is in [lo, 1]; every range in the schema ends at 1, and
 * starts at 0 or -1. */
static int
dec_in(const struct dec *d, double lo)
{
	int c = dec_cmp1(d);

	if (c > 0)
		return 0;
	if (d->neg && d->n > 0)
		return lo < 0 && c <= 0;
	return 1;
}

/* s with at most 3 decimals, rounded half up (away from zero), without
 * trailing zeros, into buf (at least 64 bytes).  -1 when s is not a
 * number. */
int
kll__sssom_dec_format(const char *s, char *buf)
{
	struct dec d;
	char a[DIGMAX + 8];
	int len, i, k, nd;
	char *o = buf;

	if (dec_parse(&d, s) < 0)
		return -1;
	/* a = round(|d| * 1000) as digits, with one more digit in front for
	 * a carry. */
	len = d.n == 0 ? 0 : d.point + 3;
	if (len < 0)
		len = 0;
	a[0] = '0';
	for (i = 0; i < len; i++)
		a[i + 1] = i < d.n ? d.dig[i] : '0';
	if (d.n > 0 && len == d.point + 3 && len < d.n && d.dig[len] >= '5')
		for (i = len; i >= 0; i--) {
			if (a[i] != '9') {
				a[i]++;
				break;
			}
			a[i] = '0';
		}
	nd = len + 1;
	for (k = 0; k < nd - 1 && a[k] == '0'; k++)
		;
	if (k == nd - 1 && a[k] == '0') {
		strcpy(buf, "0");
		return 0;
	}
	if (d.neg)
		*o++ = '-';
	/* Digits k..nd-1; the last three are decimals. */
	if (nd - k <= 3) {
		*o++ = '0';
	} else {
		memcpy(o, a + k, (size_t)(nd - k - 3));
		o += nd - k - 3;
	}
	*o++ = '.';
	for (i = nd - 3; i < nd; i++)
		*o++ = i >= k ? a[i] : '0';
	while (o[-1] == '0')
		o--;
	if (o[-1] == '.')
		o--;
	*o = '\0';
	return 0;
}

/* ------------------------------------------------------------------ */
/* Checking values                                                      */

static int
ncname_char(int c, int first)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
	    (c & 0x80))
		return 1;
	return !first && ((c >= '0' && c <= '9') || c == '-' || c == '.');
}

int
kll__sssom_ncname_ok(const char *p, size_t n)
{
	size_t i;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (!ncname_char((unsigned char)p[i], i == 0))
			return 0;
	return 1;
}

/* Bytes an IRI cannot hold as they are, by bit: controls, space and
 * <>"{}|\^`. */
static const uint32_t iri_bad[4] = { 0xffffffffu, 0x50000005u, 0x50000000u,
	0xb8000001u };

/* Whether p[0..n) may stand in an IRI. */
static int
iri_chars_ok(const char *p, size_t n)
{
	unsigned char c;
	size_t i;

	for (i = 0; i < n; i++) {
		c = (unsigned char)p[i];
		if (c < 0x80 && (iri_bad[c >> 5] >> (c & 31) & 1))
			return 0;
	}
	return 1;
}

/* The length of the URI scheme at the start of p[0..n) with its ':', or
 * 0 when there is none. */
static size_t
scheme_len(const char *p, size_t n)
{
	size_t i;

	if (n == 0 ||
	    !((p[0] >= 'A' && p[0] <= 'Z') || (p[0] >= 'a' && p[0] <= 'z')))
		return 0;
	for (i = 1; i < n; i++) {
		if (p[i] == ':')
			return i + 1;
		if (!((p[i] >= 'A' && p[i] <= 'Z') ||
		        (p[i] >= 'a' && p[i] <= 'z') ||
		        kll__sssom_isdig(p[i]) || p[i] == '+' || p[i] == '-' ||
		        p[i] == '.'))
			return 0;
	}
	return 0;
}

static int
web_scheme(const char *p, size_t n)
{
	static const char *const schemes[] = { "http", "https", "ftp", "ftps",
		"urn", "mailto", "file", NULL };
	size_t i;

	for (i = 0; schemes[i] != NULL; i++)
		if (strlen(schemes[i]) == n && memcmp(schemes[i], p, n) == 0)
			return 1;
	return 0;
}

const char *
kll__sssom_builtin_iri(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < NBUILTIN; i++)
		if (strlen(builtin_prefixes[i][0]) == n &&
		    memcmp(builtin_prefixes[i][0], p, n) == 0)
			return builtin_prefixes[i][1];
	return NULL;
}

/* The IRI of prefix p[0..n), and in *idx its index in m->pfx (NOIDX for a
 * built-in one); NULL when undeclared. */
const char *
kll__sssom_prefix_find(
    const kll_mapset *m, const char *p, size_t n, size_t *idx)
{
	const char *iri;
	uint32_t i;

	if ((iri = kll__sssom_builtin_iri(p, n)) != NULL) {
		*idx = NOIDX;
		return iri;
	}
	if (kll__map_get(&m->pfxmap, p, n, &i)) {
		*idx = i;
		return m->pfx[i].iri;
	}
	return NULL;
}

/* "s" made fit for a message: at most about 60 bytes, no control
 * character. */
const char *
kll__sssom_shown(const char *s, size_t n, char *buf, size_t size)
{
	size_t i, k = 0, lim = size - 4;

	for (i = 0; i < n && k < lim; i++)
		buf[k++] = ((unsigned char)s[i] < 0x20) ? '?' : s[i];
	if (i < n) {
		while (k > 0 && ((unsigned char)s[i] & 0xc0) == 0x80) {
			k--;
			i--;
		}
		memcpy(buf + k, "...", 3);
		k += 3;
	}
	buf[k] = '\0';
	return buf;
}

static int vfail(struct vres *res, const char *rule, size_t off,
    const char *fmt, ...) KLL__PRINTF(4, 5);

static int
vfail(struct vres *res, const char *rule, size_t off, const char *fmt, ...)
{
	va_list ap;

	res->rule = rule;
	res->sev = KLL_SEV_ERROR;
	res->code = KLL_EINVALID;
	res->off = off;
	res->fixed = NULL;
	va_start(ap, fmt);
	vsnprintf(res->msg, sizeof(res->msg), fmt, ap);
	va_end(ap);
	return 1;
}

/* A CURIE whose prefix, when "declared" is set, must be declared. */
int
kll__sssom_check_curie(const kll_mapset *m, const char *name, const char *v,
    size_t n, int declared, struct ccache *cc, struct vres *res)
{
	const char *colon = memchr(v, ':', n), *loc;
	size_t pl, ll, idx;
	char sb[80];

	if (colon == NULL)
		return vfail(res, "sssom-bad-curie", 0,
		    "%s '%s' is not a CURIE", name,
		    kll__sssom_shown(v, n, sb, 64));
	pl = (size_t)(colon - v);
	loc = colon + 1;
	ll = n - pl - 1;
	if (!(cc != NULL && cc->p != NULL && cc->n == pl &&
	        memcmp(cc->p, v, pl) == 0)) {
		if ((pl == 0 ||
		        kll__sssom_prefix_find(m, v, pl, &idx) == NULL) &&
		    ((ll >= 2 && loc[0] == '/' && loc[1] == '/') ||
		        web_scheme(v, pl)))
			return vfail(res, "sssom-iri-not-curie", 0,
			    "%s '%s' is an IRI, not a CURIE", name,
			    kll__sssom_shown(v, n, sb, 64));
		if (!kll__sssom_ncname_ok(v, pl))
			return vfail(res, "sssom-bad-curie", 0,
			    "%s '%s' is not a CURIE: bad prefix", name,
			    kll__sssom_shown(v, n, sb, 64));
		if (declared && kll__sssom_prefix_find(m, v, pl, &idx) == NULL)
			return vfail(res, "sssom-undeclared-prefix", 0,
			    "undeclared prefix '%.*s' in %s '%s'", (int)pl, v,
			    name, kll__sssom_shown(v, n, sb, 64));
		if (declared && cc != NULL) {
			cc->p = v;
			cc->n = pl;
			cc->idx = idx;
		}
	}
	if (ll == 0 || !iri_chars_ok(loc, ll))
		return vfail(res, "sssom-bad-curie", pl + 1,
		    "%s '%s' is not a CURIE: %s", name,
		    kll__sssom_shown(v, n, sb, 64),
		    ll == 0 ? "nothing after the prefix" :
		              "a character that an IRI cannot hold");
	return 0;
}

static int
check_date(const char *name, const char *v, size_t n, struct vres *res)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31 };
	int y, mo, d, i;
	char sb[80];

	for (i = 0; i < 10 && (size_t)i < n; i++)
		if ((i == 4 || i == 7) ? v[i] != '-' : !kll__sssom_isdig(v[i]))
			break;
	if (n != 10 || i != 10)
		goto bad;
	y = atoi(v);
	mo = (v[5] - '0') * 10 + v[6] - '0';
	d = (v[8] - '0') * 10 + v[9] - '0';
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1])
		goto bad;
	if (mo == 2 && d == 29 &&
	    !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		goto bad;
	return 0;
bad:
	return vfail(res, "sssom-bad-date", 0,
	    "%s '%s' is not a date (YYYY-MM-DD)", name,
	    kll__sssom_shown(v, n, sb, 64));
}

static int
check_enum(const struct slotdef *sd, const char *name, const char *v, size_t n,
    struct vres *res)
{
	const struct enumval *e;
	char sb[80];

	for (e = sd->values; e->value != NULL; e++)
		if (strlen(e->value) == n && memcmp(e->value, v, n) == 0)
			break;
	if (e->value != NULL &&
	    sd == &kll__sssom_slotdefs[KLL_SLOT_PREDICATE_TYPE] &&
	    (e == &entity_types[8] || e == &entity_types[11]))
		return vfail(res, "sssom-bad-enum", 0,
		    "predicate_type cannot be '%s'", e->value);
	if (e->value != NULL)
		return 0;
	for (e = sd->values; e->value != NULL; e++)
		if (e->meaning != NULL && strlen(e->meaning) == n &&
		    memcmp(e->meaning, v, n) == 0) {
			vfail(res, "sssom-enum-curie", 0,
			    "%s '%s' is written as a CURIE; read as '%s'", name,
			    e->meaning, e->value);
			res->sev = KLL_SEV_WARNING;
			res->fixed = e->value;
			return 1;
		}
	if (sd->kind == KIND_VERSION) {
		vfail(res, "sssom-bad-version", 0, "unknown sssom_version '%s'",
		    kll__sssom_shown(v, n, sb, 64));
		res->sev = KLL_SEV_WARNING;
		return 1;
	}
	return vfail(res, "sssom-bad-enum", 0,
	    "%s '%s' is not one of its permitted values", name,
	    kll__sssom_shown(v, n, sb, 64));
}

static int
check_justification(const char *v, size_t n, struct vres *res)
{
	size_t i;
	char sb[80];

	if (n > 7 && memcmp(v, "semapv:", 7) == 0)
		for (i = 0; justifications[i] != NULL; i++)
			if (strlen(justifications[i]) == n - 7 &&
			    memcmp(justifications[i], v + 7, n - 7) == 0)
				return 0;
	return vfail(res, "sssom-bad-justification", 0,
	    "mapping_justification '%s' is not one of the SEMAPV "
	    "justifications",
	    kll__sssom_shown(v, n, sb, 64));
}

/* Check one value (one item of a multivalued slot) of slot "sd", named
 * "name".  0 when fine, else 1 and *res says what is wrong. */
int
kll__sssom_check_item(const kll_mapset *m, const struct slotdef *sd,
    const char *name, const char *v, size_t n, int declared, struct ccache *cc,
    struct vres *res)
{
	struct dec d;
	char sb[80], tmp[64];
	size_t sl;

	switch (sd->kind) {
	case KLL_KIND_ENTITY:
		if (sd == &kll__sssom_slotdefs[KLL_SLOT_MAPPING_JUSTIFICATION])
			return check_justification(v, n, res);
		return kll__sssom_check_curie(m, name, v, n, declared, cc, res);
	case KLL_KIND_URI:
		sl = scheme_len(v, n);
		if (sl == 0 || sl == n || !iri_chars_ok(v, n))
			return vfail(res, "sssom-bad-uri", 0,
			    "%s '%s' is not an absolute URI", name,
			    kll__sssom_shown(v, n, sb, 64));
		return 0;
	case KLL_KIND_DOUBLE:
		if (n < sizeof(tmp)) {
			memcpy(tmp, v, n);
			tmp[n] = '\0';
			if (dec_parse(&d, tmp) == 0 && dec_in(&d, sd->lo))
				return 0;
		}
		return vfail(res,
		    strstr(name, "confidence") != NULL ?
		        "sssom-bad-confidence" :
		        "sssom-bad-number",
		    0, "%s '%s' is not a number from %g to %g", name,
		    kll__sssom_shown(v, n, sb, 64), sd->lo, sd->hi);
	case KLL_KIND_DATE:
		return check_date(name, v, n, res);
	case KLL_KIND_ENUM:
	case KIND_VERSION:
		return check_enum(sd, name, v, n, res);
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* The model                                                            */

kll_status
kll_mapset_new(kll_mapset **out, kll_error *err)
{
	kll_mapset *m;

	if ((*out = m = kll__calloc(1, sizeof(*m))) == NULL)
		return kll__nomem(err);
	m->path = "";
	return KLL_OK;
}

void
kll_mapset_free(kll_mapset *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < KLL_SLOT__COUNT; i++) {
		free((void *)m->col[i]);
		free(m->fcol[i]);
		free(m->fline[i]);
	}
	for (i = 0; i < m->next; i++)
		free((void *)m->ext[i].vals);
	free(m->ext);
	free(m->lines);
	free(m->pfx);
	kll__map_free(&m->pfxmap);
	kll__map_free(&m->intern);
	kll__map_free(&m->extmap);
	free((void *)m->istr);
	free(m->text);
	kll__arena_free(&m->arena);
	free(m);
}

const char *
kll_mapset_path(const kll_mapset *m)
{
	return m->path;
}

size_t
kll_mapset_nerrors(const kll_mapset *m)
{
	return m->nerrors;
}

size_t
kll_mapset_count(const kll_mapset *m)
{
	return m->n;
}

const char *
kll_mapset_get(const kll_mapset *m, size_t rec, kll_slot s)
{
	if (rec >= m->n || (int)s < 0 || s >= KLL_SLOT__COUNT ||
	    m->col[s] == NULL)
		return NULL;
	return m->col[s][rec];
}

unsigned
kll_mapset_line(const kll_mapset *m, size_t rec)
{
	return rec < m->n ? m->lines[rec] : 0;
}

void
kll_mapset_pos(const kll_mapset *m, size_t rec, kll_slot s, unsigned *line,
    unsigned *col)
{
	*line = kll_mapset_line(m, rec);
	*col = 0;
	if (*line == 0 || (int)s < 0 || s >= KLL_SLOT__COUNT)
		return;
	if (m->fline[s] != NULL && m->fline[s][rec] != 0)
		*line = m->fline[s][rec];
	if (m->fcol[s] != NULL)
		*col = m->fcol[s][rec];
}

static int
grow_pos(unsigned **pos, size_t old, size_t cap)
{
	unsigned *p;

	if ((p = kll__realloc(*pos, cap * sizeof(*p))) == NULL)
		return -1;
	kll__mem_large(p, cap * sizeof(*p));
	memset(p + old, 0, (cap - old) * sizeof(*p));
	*pos = p;
	return 0;
}

static int
grow_col(const char ***col, size_t old, size_t cap)
{
	const char **p;

	if ((p = kll__realloc((void *)*col, cap * sizeof(*p))) == NULL)
		return -1;
	kll__mem_large((void *)p, cap * sizeof(*p));
	memset((void *)(p + old), 0, (cap - old) * sizeof(*p));
	*col = p;
	return 0;
}

/* Make room for "need" records in every array. */
int
kll__sssom_grow_records(kll_mapset *m, size_t need)
{
	size_t cap = m->cap ? m->cap : 64, i;
	unsigned *l;

	if (need <= m->cap)
		return 0;
	while (cap < need)
		cap *= 2;
	if ((l = kll__realloc(m->lines, cap * sizeof(*l))) == NULL)
		return -1;
	kll__mem_large(l, cap * sizeof(*l));
	m->lines = l;
	for (i = 0; i < KLL_SLOT__COUNT; i++)
		if ((m->col[i] != NULL &&
		        grow_col(&m->col[i], m->cap, cap) < 0) ||
		    (m->fcol[i] != NULL &&
		        grow_pos(&m->fcol[i], m->cap, cap) < 0) ||
		    (m->fline[i] != NULL &&
		        grow_pos(&m->fline[i], m->cap, cap) < 0))
			return -1;
	for (i = 0; i < m->next; i++)
		if (m->ext[i].vals != NULL &&
		    grow_col(&m->ext[i].vals, m->cap, cap) < 0)
			return -1;
	m->cap = cap;
	return 0;
}

const char **
kll__sssom_new_column(kll_mapset *m)
{
	m->ncols++;
	return kll__calloc(m->cap ? m->cap : 1, sizeof(const char *));
}

unsigned *
kll__sssom_new_pos(kll_mapset *m)
{
	m->ncols++;
	return kll__calloc(m->cap ? m->cap : 1, sizeof(unsigned));
}

/* The one copy of "s" among the set's interned values; s itself is kept
 * when "copy" is 0 (it lives as long as the set).  NULL when out of
 * memory. */
const char *
kll__sssom_intern(kll_mapset *m, const char *s, int copy)
{
	size_t n = strlen(s), cap;
	uint32_t i;
	const char **p;

	if (kll__map_get(&m->intern, s, n, &i))
		return m->istr[i];
	if (copy && (s = kll__arena_strndup(&m->arena, s, n)) == NULL)
		return NULL;
	if (m->nistr == m->istrcap) {
		cap = m->istrcap ? m->istrcap * 2 : 64;
		if ((p = kll__realloc((void *)m->istr, cap * sizeof(*p))) ==
		    NULL)
			return NULL;
		m->istr = p;
		m->istrcap = cap;
	}
	if (kll__map_put(&m->intern, s, n, (uint32_t)m->nistr) < 0)
		return NULL;
	m->istr[m->nistr++] = s;
	return s;
}

/* A copy of value "v" of slot "slot" that lives as long as the set. */
const char *
kll__sssom_keep(kll_mapset *m, int slot, const char *v)
{
	if (slot >= 0 && (kll__sssom_slotdefs[slot].flags & SF_INTERN))
		return kll__sssom_intern(m, v, 1);
	return kll__arena_strdup(&m->arena, v);
}

struct extra *
kll__sssom_extra_find(const kll_mapset *m, const char *name)
{
	uint32_t i;

	/* Hashed: a file may have many thousands of columns. */
	if (m->next == 0)
		return NULL;
	return kll__map_get(&m->extmap, name, strlen(name), &i) ? &m->ext[i] :
	                                                          NULL;
}

struct extra *
kll__sssom_extra_add(kll_mapset *m, const char *name)
{
	struct extra *x;
	size_t cap;

	if ((x = kll__sssom_extra_find(m, name)) != NULL)
		return x;
	if (m->next == m->extcap) {
		cap = m->extcap ? m->extcap * 2 : 8;
		if ((x = kll__realloc(m->ext, cap * sizeof(*x))) == NULL)
			return NULL;
		m->ext = x;
		m->extcap = cap;
	}
	x = &m->ext[m->next];
	memset(x, 0, sizeof(*x));
	if ((x->name = kll__arena_strdup(&m->arena, name)) == NULL ||
	    kll__map_put(
	        &m->extmap, x->name, strlen(x->name), (uint32_t)m->next) < 0)
		return NULL;
	m->next++;
	return x;
}

size_t
kll_mapset_nextra(const kll_mapset *m)
{
	size_t i, k = 0;

	for (i = 0; i < m->next; i++)
		k += m->ext[i].vals != NULL;
	return k;
}

const char *
kll_mapset_extra_name(const kll_mapset *m, size_t i)
{
	size_t j;

	for (j = 0; j < m->next; j++)
		if (m->ext[j].vals != NULL && i-- == 0)
			return m->ext[j].name;
	return NULL;
}

size_t
kll__mapset_insize(const kll_mapset *m)
{
	return m->insize;
}

const char *const *
kll__mapset_column(const kll_mapset *m, size_t c)
{
	size_t j;

	if (c < KLL_SLOT__COUNT)
		return (const char *const *)m->col[c];
	c -= KLL_SLOT__COUNT;
	for (j = 0; j < m->next; j++)
		if (m->ext[j].vals != NULL && c-- == 0)
			return (const char *const *)m->ext[j].vals;
	return NULL;
}

const char *
kll_mapset_get_extra(const kll_mapset *m, size_t rec, const char *name)
{
	const struct extra *x = kll__sssom_extra_find(m, name);

	if (x == NULL || x->vals == NULL || rec >= m->n)
		return NULL;
	return x->vals[rec];
}

kll_status
kll__sssom_nomem(kll_error *err)
{
	return kll__nomem(err);
}

/* Check a value given in code: any problem but an undeclared prefix
 * (the prefix may be declared later; the writer checks) fails. */
static kll_status
check_api(const kll_mapset *m, int slot, const char **vp, kll_error *err)
{
	const char *v = *vp;
	const struct slotdef *sd = &kll__sssom_slotdefs[slot];
	const char *p = v, *q, *end = v + strlen(v);
	struct vres res;
	size_t bad;

	if (!kll__utf8_valid(v, (size_t)(end - v), &bad))
		return kll__error_set(err, KLL_EINVALID, NULL, 0, 0,
		    "%s value is not UTF-8", sd->name);
	for (;;) {
		q = (sd->flags & SF_MULTI) ? kll__sssom_mv_end(p, end) : end;
		if (kll__sssom_check_item(
		        m, sd, sd->name, p, (size_t)(q - p), 0, NULL, &res)) {
			if (res.sev == KLL_SEV_ERROR)
				return kll__error_set(err, KLL_EINVALID, NULL,
				    0, 0, "%s", res.msg);
			if (res.fixed != NULL && !(sd->flags & SF_MULTI))
				*vp = res.fixed;
		}
		if (q == end)
			return KLL_OK;
		p = q + 1;
	}
}

kll_status
kll_mapset_add(kll_mapset *m, size_t *rec_out, kll_error *err)
{
	if (kll__sssom_grow_records(m, m->n + 1) < 0)
		return kll__sssom_nomem(err);
	m->lines[m->n] = 0;
	if (rec_out != NULL)
		*rec_out = m->n;
	m->n++;
	return KLL_OK;
}

kll_status
kll_mapset_set(
    kll_mapset *m, size_t rec, kll_slot s, const char *value, kll_error *err)
{
	const char *v = NULL;
	kll_status st;

	if (rec >= m->n || (int)s < 0 || s >= KLL_SLOT__COUNT)
		return kll__error_set(err, KLL_EARG, NULL, 0, 0,
		    "no record %zu or no slot %d", rec, (int)s);
	if (value != NULL && *value != '\0') {
		if ((st = check_api(m, s, &value, err)) != KLL_OK)
			return st;
		if ((kll__sssom_slotdefs[s].flags & SF_MULTI) &&
		    (value = kll__sssom_mv_canon(m, value)) == NULL)
			return kll__sssom_nomem(err);
		if ((v = kll__sssom_keep(m, s, value)) == NULL)
			return kll__sssom_nomem(err);
	}
	if (m->col[s] == NULL) {
		if (v == NULL)
			return KLL_OK;
		if ((m->col[s] = kll__sssom_new_column(m)) == NULL)
			return kll__sssom_nomem(err);
	}
	m->col[s][rec] = v;
	m->lines[rec] = 0; /* its positions are no longer the file's */
	return KLL_OK;
}

kll_status
kll_mapset_set_list(kll_mapset *m, size_t rec, kll_slot s,
    const char *const *values, size_t n, kll_error *err)
{
	kll__buf b = { NULL, 0, 0 };
	kll_status st;
	size_t i;

	if ((int)s < 0 || s >= KLL_SLOT__COUNT || !kll_slot_multivalued(s))
		return kll__error_set(
		    err, KLL_EARG, NULL, 0, 0, "not a multivalued slot");
	for (i = 0; i < n; i++)
		if ((i > 0 && kll__buf_addc(&b, '|') < 0) ||
		    kll__sssom_mv_escape(&b, values[i], strlen(values[i])) <
		        0) {
			kll__buf_free(&b);
			return kll__sssom_nomem(err);
		}
	st = kll_mapset_set(m, rec, s, b.p, err);
	kll__buf_free(&b);
	return st;
}

kll_status
kll_mapset_set_extra(kll_mapset *m, size_t rec, const char *name,
    const char *value, kll_error *err)
{
	struct extra *x;
	const char *v = NULL;

	if (rec >= m->n || name == NULL || *name == '\0' ||
	    kll__sssom_slot_lookup(name, SF_REC | SF_SET) >= 0 ||
	    strpbrk(name, "\t\n\r") != NULL)
		return kll__error_set(err, KLL_EARG, NULL, 0, 0,
		    "no record %zu or a bad column name", rec);
	if (value != NULL && *value != '\0') {
		if (!kll__utf8_valid(value, strlen(value), NULL))
			return kll__error_set(err, KLL_EINVALID, NULL, 0, 0,
			    "%s value is not UTF-8", name);
		if ((v = kll__arena_strdup(&m->arena, value)) == NULL)
			return kll__sssom_nomem(err);
	}
	if ((x = kll__sssom_extra_add(m, name)) == NULL)
		return kll__sssom_nomem(err);
	if (x->vals == NULL) {
		if (v == NULL)
			return KLL_OK;
		if ((x->vals = kll__sssom_new_column(m)) == NULL)
			return kll__sssom_nomem(err);
	}
	x->vals[rec] = v;
	m->lines[rec] = 0;
	return KLL_OK;
}

/* The value every record has in slot s, or NULL. */
const char *
kll__sssom_common_value(const kll_mapset *m, int s)
{
	const char **c = m->col[s], *v;
	size_t i;

	if (c == NULL || m->n == 0 || m->rowwise || (v = c[0]) == NULL)
		return NULL;
	for (i = 1; i < m->n; i++)
		if (c[i] != v && (c[i] == NULL || strcmp(c[i], v) != 0))
			return NULL;
	return v;
}

const char *
kll_mapset_meta(const kll_mapset *m, const char *slot)
{
	const struct extra *x;
	int s;

	if (slot == NULL)
		return NULL;
	if ((s = kll__sssom_slot_lookup(slot, SF_SET)) >= 0) {
		if (m->meta[s] != NULL ||
		    !(kll__sssom_slotdefs[s].flags & SF_PROP))
			return m->meta[s];
		return kll__sssom_common_value(m, s);
	}
	if ((x = kll__sssom_extra_find(m, slot)) != NULL)
		return x->meta;
	return NULL;
}

kll_status
kll_mapset_set_meta(
    kll_mapset *m, const char *slot, const char *value, kll_error *err)
{
	struct extra *x;
	const char *v = NULL;
	kll_status st;
	int s;

	if (slot == NULL || *slot == '\0' || strpbrk(slot, "\t\n\r") ||
	    strcmp(slot, "curie_map") == 0 ||
	    strcmp(slot, "extension_definitions") == 0 ||
	    strcmp(slot, "mappings") == 0 ||
	    (kll__sssom_slot_lookup(slot, SF_REC) >= 0 &&
	        kll__sssom_slot_lookup(slot, SF_SET) < 0))
		return kll__error_set(err, KLL_EARG, NULL, 0, 0,
		    "'%s' cannot be set this way", slot ? slot : "");
	s = kll__sssom_slot_lookup(slot, SF_SET);
	if (value != NULL && *value != '\0') {
		if (s >= 0) {
			if ((st = check_api(m, s, &value, err)) != KLL_OK)
				return st;
			if ((kll__sssom_slotdefs[s].flags & SF_MULTI) &&
			    (value = kll__sssom_mv_canon(m, value)) == NULL)
				return kll__sssom_nomem(err);
		} else if (!kll__utf8_valid(value, strlen(value), NULL)) {
			return kll__error_set(err, KLL_EINVALID, NULL, 0, 0,
			    "%s value is not UTF-8", slot);
		}
		if ((v = kll__sssom_keep(m, s, value)) == NULL)
			return kll__sssom_nomem(err);
	}
	if (s >= 0) {
		m->meta[s] = v;
		return KLL_OK;
	}
	if ((x = kll__sssom_extra_add(m, slot)) == NULL)
		return kll__sssom_nomem(err);
	x->meta = v;
	x->meta_list = 0;
	return KLL_OK;
}

/* ------------------------------------------------------------------ */
/* Prefixes                                                             */

/* Declare name -> iri, both living as long as the set. */
int
kll__sssom_prefix_put(kll_mapset *m, const char *name, const char *iri)
{
	struct prefix *p;
	uint32_t i;
	size_t cap;

	if (kll__map_get(&m->pfxmap, name, strlen(name), &i)) {
		m->pfx[i].iri = iri;
		return 0;
	}
	if (m->npfx == m->pfxcap) {
		cap = m->pfxcap ? m->pfxcap * 2 : 16;
		if ((p = kll__realloc(m->pfx, cap * sizeof(*p))) == NULL)
			return -1;
		m->pfx = p;
		m->pfxcap = cap;
	}
	if (kll__map_put(&m->pfxmap, name, strlen(name), (uint32_t)m->npfx) < 0)
		return -1;
	m->pfx[m->npfx].name = name;
	m->pfx[m->npfx].iri = iri;
	m->npfx++;
	return 0;
}

/* Why prefix "name" -> "iri" cannot be declared, or NULL when it can; in
 * *rule the rule id. */
const char *
kll__sssom_prefix_problem(const char *name, const char *iri, const char **rule)
{
	const char *b;

	*rule = "sssom-bad-prefix";
	if (!kll__sssom_ncname_ok(name, strlen(name)))
		return "is not a valid prefix name";
	if (scheme_len(iri, strlen(iri)) == 0 ||
	    !iri_chars_ok(iri, strlen(iri)))
		return "is not bound to an absolute IRI";
	if ((b = kll__sssom_builtin_iri(name, strlen(name))) != NULL &&
	    strcmp(b, iri) != 0) {
		*rule = "sssom-redefined-prefix";
		return "is built in and cannot be bound to another IRI";
	}
	return NULL;
}

kll_status
kll_mapset_add_prefix(
    kll_mapset *m, const char *name, const char *iri, kll_error *err)
{
	const char *why, *rule, *n, *i;

	if (name == NULL || iri == NULL)
		return kll__error_set(
		    err, KLL_EARG, NULL, 0, 0, "no prefix name or IRI");
	if ((why = kll__sssom_prefix_problem(name, iri, &rule)) != NULL)
		return kll__error_set(
		    err, KLL_EINVALID, NULL, 0, 0, "prefix '%s' %s", name, why);
	if (kll__sssom_builtin_iri(name, strlen(name)) != NULL)
		return KLL_OK;
	if ((n = kll__arena_strdup(&m->arena, name)) == NULL ||
	    (i = kll__arena_strdup(&m->arena, iri)) == NULL ||
	    kll__sssom_prefix_put(m, n, i) < 0)
		return kll__sssom_nomem(err);
	return KLL_OK;
}

const char *
kll_mapset_prefix(const kll_mapset *m, const char *name)
{
	size_t idx;

	return name == NULL ?
	           NULL :
	           kll__sssom_prefix_find(m, name, strlen(name), &idx);
}

size_t
kll_mapset_nprefixes(const kll_mapset *m)
{
	return m->npfx;
}

const char *
kll_mapset_prefix_name(const kll_mapset *m, size_t i)
{
	return i < m->npfx ? m->pfx[i].name : NULL;
}

size_t
kll_mapset_expand(
    const kll_mapset *m, const char *curie, char *buf, size_t size)
{
	const char *colon, *iri;
	size_t idx, n1, n2;

	if (size > 0)
		buf[0] = '\0';
	if (curie == NULL || (colon = strchr(curie, ':')) == NULL ||
	    (iri = kll__sssom_prefix_find(
	         m, curie, (size_t)(colon - curie), &idx)) == NULL)
		return 0;
	/* On every record of an export: two copies, not snprintf. */
	n1 = strlen(iri);
	n2 = strlen(colon + 1);
	if (n1 + n2 < size) {
		memcpy(buf, iri, n1);
		memcpy(buf + n1, colon + 1, n2 + 1);
	} else if (size > 0) {
		snprintf(buf, size, "%s%s", iri, colon + 1);
	}
	return n1 + n2;
}

size_t
kll_mapset_contract(
    const kll_mapset *m, const char *iri, char *buf, size_t size)
{
	const char *best = NULL, *name, *ns;
	size_t i, n, bestn = 0, len;
	int k;

	if (size > 0)
		buf[0] = '\0';
	if (iri == NULL)
		return 0;
	len = strlen(iri);
	for (i = 0; i < NBUILTIN + m->npfx; i++) {
		name = i < NBUILTIN ? builtin_prefixes[i][0] :
		                      m->pfx[i - NBUILTIN].name;
		ns = i < NBUILTIN ? builtin_prefixes[i][1] :
		                    m->pfx[i - NBUILTIN].iri;
		n = strlen(ns);
		if (n >= len || strncmp(iri, ns, n) != 0 ||
		    !iri_chars_ok(iri + n, len - n))
			continue;
		if (best == NULL || n > bestn ||
		    (n == bestn && strcmp(name, best) < 0)) {
			best = name;
			bestn = n;
		}
	}
	if (best == NULL)
		return 0;
	k = snprintf(buf, size, "%s:%s", best, iri + bestn);
	return k < 0 ? 0 : (size_t)k;
}

/* Whether CURIE "t" names linkml:uriOrCurie (in any case, as files
 * write it both ways). */
int
kll__sssom_is_uriorcurie(const kll_mapset *m, const char *t)
{
	const char *colon = strchr(t, ':'), *ns, *a, *b = "uriorcurie";
	size_t idx;

	if (colon == NULL ||
	    (ns = kll__sssom_prefix_find(m, t, (size_t)(colon - t), &idx)) ==
	        NULL ||
	    strcmp(ns, "https://w3id.org/linkml/") != 0)
		return 0;
	for (a = colon + 1; *a != '\0' && *b != '\0'; a++, b++)
		if ((*a | 0x20) != *b)
			return 0;
	return *a == '\0' && *b == '\0';
}

kll_status
kll_mapset_define_extension(kll_mapset *m, const char *slot_name,
    const char *property, const char *type_hint, kll_error *err)
{
	struct extra *x;
	const char *p = NULL, *t = NULL;

	if (slot_name == NULL ||
	    !kll__sssom_ncname_ok(slot_name, strlen(slot_name)) ||
	    kll__sssom_slot_lookup(slot_name, SF_REC | SF_SET) >= 0 ||
	    strcmp(slot_name, "mappings") == 0)
		return kll__error_set(err, KLL_EINVALID, NULL, 0, 0,
		    "'%s' cannot name an extension slot",
		    slot_name ? slot_name : "");
	if ((property != NULL &&
	        (p = kll__arena_strdup(&m->arena, property)) == NULL) ||
	    (type_hint != NULL &&
	        (t = kll__arena_strdup(&m->arena, type_hint)) == NULL) ||
	    (x = kll__sssom_extra_add(m, slot_name)) == NULL)
		return kll__sssom_nomem(err);
	x->declared = 1;
	x->property = p;
	x->type_hint = t;
	x->curie = t != NULL && kll__sssom_is_uriorcurie(m, t);
	return KLL_OK;
}
