/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sssom.c: SSSOM 1.1 mapping sets: the model, the SSSOM/TSV reader and the
 * canonical SSSOM/TSV writer.
 *
 * Records are stored by column: one array of string pointers per slot in
 * use, so a million records with eight columns cost eight arrays.  The
 * reader keeps the file's text and cuts the values out of it in place;
 * values of slots with few distinct values (predicates, justifications,
 * sources) are interned, so equal values share one pointer.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "internal.h"
#include "sssom_slots.h"

struct prefix {
	const char *name;
	const char *iri;
};

/* A non-standard slot: declared in extension_definitions, or a column or
 * metadata key that the model does not know. */
struct extra {
	const char *name;
	const char *property; /* NULL when not declared or not given */
	const char *type_hint;
	int declared;
	int curie;         /* type_hint is linkml:uriOrCurie */
	const char *meta;  /* the set-level value, or NULL */
	int meta_list;     /* meta is a joined list */
	const char **vals; /* one per record; NULL: no such column */
};

struct kll_mapset {
	kll__arena arena;
	char *text; /* the file's text, which values point into */
	const char *path;
	size_t n, cap; /* records, and room for them in each array */
	unsigned *lines;
	const char **col[KLL_SLOT__COUNT]; /* NULL: no value anywhere */
	const char *meta[SL__COUNT];
	struct prefix *pfx; /* declared prefixes, no built-in one */
	size_t npfx, pfxcap;
	kll__map pfxmap; /* name -> index in pfx */
	struct extra *ext;
	size_t next, extcap;
	kll__map extmap; /* name -> index in ext */
	kll__map intern; /* value -> index in istr */
	const char **istr;
	size_t nistr, istrcap;
	size_t nerrors;
};

/* The result of checking one value. */
struct vres {
	const char *rule;
	kll_severity sev;
	kll_status code;
	size_t off;        /* where in the value the problem is */
	const char *fixed; /* the value to keep instead, or NULL */
	char msg[400];
};

/* The last prefix found declared, to skip the lookup for the next value. */
struct ccache {
	const char *p;
	size_t n;
	size_t idx; /* index in pfx, or (size_t)-1 for a built-in */
};

#define NOIDX ((size_t)-1)

/* ------------------------------------------------------------------ */
/* Slots                                                                */

const char *
kll_slot_name(kll_slot s)
{
	if ((int)s < 0 || s >= KLL_SLOT__COUNT)
		return NULL;
	return slotdefs[s].name;
}

static int
slot_lookup(const char *name, int flags)
{
	int i;

	for (i = 0; i < SL__COUNT; i++)
		if ((slotdefs[i].flags & flags) &&
		    strcmp(slotdefs[i].name, name) == 0)
			return i;
	return -1;
}

kll_slot
kll_slot_from_name(const char *name)
{
	int i;

	if (name == NULL || (i = slot_lookup(name, SF_REC)) < 0)
		return KLL_SLOT__COUNT;
	return (kll_slot)i;
}

kll_value_kind
kll_slot_kind(kll_slot s)
{
	if ((int)s < 0 || s >= KLL_SLOT__COUNT)
		return KLL_KIND_STRING;
	return (kll_value_kind)slotdefs[s].kind;
}

int
kll_slot_multivalued(kll_slot s)
{
	return (int)s >= 0 && s < KLL_SLOT__COUNT &&
	       (slotdefs[s].flags & SF_MULTI) != 0;
}

int
kll_slot_propagatable(kll_slot s)
{
	return (int)s >= 0 && s < KLL_SLOT__COUNT &&
	       (slotdefs[s].flags & SF_PROP) != 0;
}

/* ------------------------------------------------------------------ */
/* Multivalued values: '|' between values, "\|" and "\\" inside        */

/* The end of the value that starts at p in a joined list. */
static const char *
mv_end(const char *p, const char *end)
{
	while (p < end && *p != '|') {
		if (*p == '\\' && p + 1 < end && (p[1] == '|' || p[1] == '\\'))
			p++;
		p++;
	}
	return p;
}

/* Append p[0..n), a raw joined-list item, decoded. */
static int
mv_decode(kll__buf *b, const char *p, size_t n)
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
static int
mv_escape(kll__buf *b, const char *s, size_t n)
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
static const char *
mv_canon(kll_mapset *m, const char *v)
{
	kll__buf b = { NULL, 0, 0 };
	const char *p = v, *end = v + strlen(v), *q, *r = NULL;
	kll__buf one = { NULL, 0, 0 };

	if (mv_canonical(v))
		return v;
	for (;;) {
		q = mv_end(p, end);
		one.n = 0;
		if (kll__buf_grow(&one, 1) < 0 ||
		    mv_decode(&one, p, q - p) < 0 ||
		    mv_escape(&b, one.p, one.n) < 0)
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
		for (p = value, k = 1; (q = mv_end(p, end)) < end; p = q + 1)
			k++;
	if ((v = kll__malloc((k + 1) * sizeof(*v) + len + 1)) == NULL)
		return kll__error_set(
		    err, KLL_ENOMEM, NULL, 0, 0, "out of memory");
	s = (char *)(v + k + 1);
	for (p = value; i < k; p = q + 1) {
		q = mv_end(p, end);
		b.n = 0;
		if (kll__buf_grow(&b, 1) < 0 || mv_decode(&b, p, q - p) < 0) {
			free(v);
			kll__buf_free(&b);
			return kll__error_set(
			    err, KLL_ENOMEM, NULL, 0, 0, "out of memory");
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

static int
isdig(int c)
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
	for (; isdig(*s); s++) {
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
		for (s++; isdig(*s); s++) {
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
		if (!isdig(*s))
			return -1;
		for (; isdig(*s); s++)
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
static int
dec_format(const char *s, char *buf)
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

static int
ncname_ok(const char *p, size_t n)
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
		        (p[i] >= 'a' && p[i] <= 'z') || isdig(p[i]) ||
		        p[i] == '+' || p[i] == '-' || p[i] == '.'))
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

static const char *
builtin_iri(const char *p, size_t n)
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
static const char *
prefix_find(const kll_mapset *m, const char *p, size_t n, size_t *idx)
{
	const char *iri;
	uint32_t i;

	if ((iri = builtin_iri(p, n)) != NULL) {
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
static const char *
shown(const char *s, size_t n, char *buf, size_t size)
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
static int
check_curie(const kll_mapset *m, const char *name, const char *v, size_t n,
    int declared, struct ccache *cc, struct vres *res)
{
	const char *colon = memchr(v, ':', n), *loc;
	size_t pl, ll, idx;
	char sb[80];

	if (colon == NULL)
		return vfail(res, "sssom-bad-curie", 0,
		    "%s '%s' is not a CURIE", name, shown(v, n, sb, 64));
	pl = (size_t)(colon - v);
	loc = colon + 1;
	ll = n - pl - 1;
	if (!(cc != NULL && cc->p != NULL && cc->n == pl &&
	        memcmp(cc->p, v, pl) == 0)) {
		if ((pl == 0 || prefix_find(m, v, pl, &idx) == NULL) &&
		    ((ll >= 2 && loc[0] == '/' && loc[1] == '/') ||
		        web_scheme(v, pl)))
			return vfail(res, "sssom-iri-not-curie", 0,
			    "%s '%s' is an IRI, not a CURIE", name,
			    shown(v, n, sb, 64));
		if (!ncname_ok(v, pl))
			return vfail(res, "sssom-bad-curie", 0,
			    "%s '%s' is not a CURIE: bad prefix", name,
			    shown(v, n, sb, 64));
		if (declared && prefix_find(m, v, pl, &idx) == NULL)
			return vfail(res, "sssom-undeclared-prefix", 0,
			    "undeclared prefix '%.*s' in %s '%s'", (int)pl, v,
			    name, shown(v, n, sb, 64));
		if (declared && cc != NULL) {
			cc->p = v;
			cc->n = pl;
			cc->idx = idx;
		}
	}
	if (ll == 0 || !iri_chars_ok(loc, ll))
		return vfail(res, "sssom-bad-curie", pl + 1,
		    "%s '%s' is not a CURIE: %s", name, shown(v, n, sb, 64),
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
		if ((i == 4 || i == 7) ? v[i] != '-' : !isdig(v[i]))
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
	    "%s '%s' is not a date (YYYY-MM-DD)", name, shown(v, n, sb, 64));
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
	if (e->value != NULL && sd == &slotdefs[KLL_SLOT_PREDICATE_TYPE] &&
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
		    shown(v, n, sb, 64));
		res->sev = KLL_SEV_WARNING;
		return 1;
	}
	return vfail(res, "sssom-bad-enum", 0,
	    "%s '%s' is not one of its permitted values", name,
	    shown(v, n, sb, 64));
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
	    shown(v, n, sb, 64));
}

/* Check one value (one item of a multivalued slot) of slot "sd", named
 * "name".  0 when fine, else 1 and *res says what is wrong. */
static int
check_item(const kll_mapset *m, const struct slotdef *sd, const char *name,
    const char *v, size_t n, int declared, struct ccache *cc, struct vres *res)
{
	struct dec d;
	char sb[80], tmp[64];
	size_t sl;

	switch (sd->kind) {
	case KLL_KIND_ENTITY:
		if (sd == &slotdefs[KLL_SLOT_MAPPING_JUSTIFICATION])
			return check_justification(v, n, res);
		return check_curie(m, name, v, n, declared, cc, res);
	case KLL_KIND_URI:
		sl = scheme_len(v, n);
		if (sl == 0 || sl == n || !iri_chars_ok(v, n))
			return vfail(res, "sssom-bad-uri", 0,
			    "%s '%s' is not an absolute URI", name,
			    shown(v, n, sb, 64));
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
		    shown(v, n, sb, 64), sd->lo, sd->hi);
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
		return kll__error_set(
		    err, KLL_ENOMEM, NULL, 0, 0, "out of memory");
	m->path = "";
	return KLL_OK;
}

void
kll_mapset_free(kll_mapset *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < KLL_SLOT__COUNT; i++)
		free((void *)m->col[i]);
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

static int
grow_col(const char ***col, size_t old, size_t cap)
{
	const char **p;

	if ((p = kll__realloc((void *)*col, cap * sizeof(*p))) == NULL)
		return -1;
	memset((void *)(p + old), 0, (cap - old) * sizeof(*p));
	*col = p;
	return 0;
}

/* Make room for "need" records in every array. */
static int
grow_records(kll_mapset *m, size_t need)
{
	size_t cap = m->cap ? m->cap : 64, i;
	unsigned *l;

	if (need <= m->cap)
		return 0;
	while (cap < need)
		cap *= 2;
	if ((l = kll__realloc(m->lines, cap * sizeof(*l))) == NULL)
		return -1;
	m->lines = l;
	for (i = 0; i < KLL_SLOT__COUNT; i++)
		if (m->col[i] != NULL && grow_col(&m->col[i], m->cap, cap) < 0)
			return -1;
	for (i = 0; i < m->next; i++)
		if (m->ext[i].vals != NULL &&
		    grow_col(&m->ext[i].vals, m->cap, cap) < 0)
			return -1;
	m->cap = cap;
	return 0;
}

static const char **
new_column(const kll_mapset *m)
{
	return kll__calloc(m->cap ? m->cap : 1, sizeof(const char *));
}

/* The one copy of "s" among the set's interned values; s itself is kept
 * when "copy" is 0 (it lives as long as the set).  NULL when out of
 * memory. */
static const char *
intern(kll_mapset *m, const char *s, int copy)
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
static const char *
keep(kll_mapset *m, int slot, const char *v)
{
	if (slot >= 0 && (slotdefs[slot].flags & SF_INTERN))
		return intern(m, v, 1);
	return kll__arena_strdup(&m->arena, v);
}

static struct extra *
extra_find(const kll_mapset *m, const char *name)
{
	uint32_t i;

	/* Hashed: a file may have many thousands of columns. */
	return kll__map_get(&m->extmap, name, strlen(name), &i) ? &m->ext[i] :
	                                                          NULL;
}

static struct extra *
extra_add(kll_mapset *m, const char *name)
{
	struct extra *x;
	size_t cap;

	if ((x = extra_find(m, name)) != NULL)
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

const char *
kll_mapset_get_extra(const kll_mapset *m, size_t rec, const char *name)
{
	const struct extra *x = extra_find(m, name);

	if (x == NULL || x->vals == NULL || rec >= m->n)
		return NULL;
	return x->vals[rec];
}

static kll_status
nomem(kll_error *err)
{
	return kll__error_set(err, KLL_ENOMEM, NULL, 0, 0, "out of memory");
}

/* Check a value given in code: any problem but an undeclared prefix
 * (the prefix may be declared later; the writer checks) fails. */
static kll_status
check_api(const kll_mapset *m, int slot, const char **vp, kll_error *err)
{
	const char *v = *vp;
	const struct slotdef *sd = &slotdefs[slot];
	const char *p = v, *q, *end = v + strlen(v);
	struct vres res;
	size_t bad;

	if (!kll__utf8_valid(v, (size_t)(end - v), &bad))
		return kll__error_set(err, KLL_EINVALID, NULL, 0, 0,
		    "%s value is not UTF-8", sd->name);
	for (;;) {
		q = (sd->flags & SF_MULTI) ? mv_end(p, end) : end;
		if (check_item(
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
	if (grow_records(m, m->n + 1) < 0)
		return nomem(err);
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
		if ((slotdefs[s].flags & SF_MULTI) &&
		    (value = mv_canon(m, value)) == NULL)
			return nomem(err);
		if ((v = keep(m, s, value)) == NULL)
			return nomem(err);
	}
	if (m->col[s] == NULL) {
		if (v == NULL)
			return KLL_OK;
		if ((m->col[s] = new_column(m)) == NULL)
			return nomem(err);
	}
	m->col[s][rec] = v;
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
		    mv_escape(&b, values[i], strlen(values[i])) < 0) {
			kll__buf_free(&b);
			return nomem(err);
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
	    slot_lookup(name, SF_REC | SF_SET) >= 0 ||
	    strpbrk(name, "\t\n\r") != NULL)
		return kll__error_set(err, KLL_EARG, NULL, 0, 0,
		    "no record %zu or a bad column name", rec);
	if (value != NULL && *value != '\0') {
		if (!kll__utf8_valid(value, strlen(value), NULL))
			return kll__error_set(err, KLL_EINVALID, NULL, 0, 0,
			    "%s value is not UTF-8", name);
		if ((v = kll__arena_strdup(&m->arena, value)) == NULL)
			return nomem(err);
	}
	if ((x = extra_add(m, name)) == NULL)
		return nomem(err);
	if (x->vals == NULL) {
		if (v == NULL)
			return KLL_OK;
		if ((x->vals = new_column(m)) == NULL)
			return nomem(err);
	}
	x->vals[rec] = v;
	return KLL_OK;
}

/* The value every record has in slot s, or NULL. */
static const char *
common_value(const kll_mapset *m, int s)
{
	const char **c = m->col[s], *v;
	size_t i;

	if (c == NULL || m->n == 0 || (v = c[0]) == NULL)
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
	if ((s = slot_lookup(slot, SF_SET)) >= 0) {
		if (m->meta[s] != NULL || !(slotdefs[s].flags & SF_PROP))
			return m->meta[s];
		return common_value(m, s);
	}
	if ((x = extra_find(m, slot)) != NULL)
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
	    (slot_lookup(slot, SF_REC) >= 0 && slot_lookup(slot, SF_SET) < 0))
		return kll__error_set(err, KLL_EARG, NULL, 0, 0,
		    "'%s' cannot be set this way", slot ? slot : "");
	s = slot_lookup(slot, SF_SET);
	if (value != NULL && *value != '\0') {
		if (s >= 0) {
			if ((st = check_api(m, s, &value, err)) != KLL_OK)
				return st;
			if ((slotdefs[s].flags & SF_MULTI) &&
			    (value = mv_canon(m, value)) == NULL)
				return nomem(err);
		} else if (!kll__utf8_valid(value, strlen(value), NULL)) {
			return kll__error_set(err, KLL_EINVALID, NULL, 0, 0,
			    "%s value is not UTF-8", slot);
		}
		if ((v = keep(m, s, value)) == NULL)
			return nomem(err);
	}
	if (s >= 0) {
		m->meta[s] = v;
		return KLL_OK;
	}
	if ((x = extra_add(m, slot)) == NULL)
		return nomem(err);
	x->meta = v;
	x->meta_list = 0;
	return KLL_OK;
}

/* ------------------------------------------------------------------ */
/* Prefixes                                                             */

/* Declare name -> iri, both living as long as the set. */
static int
prefix_put(kll_mapset *m, const char *name, const char *iri)
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
static const char *
prefix_problem(const char *name, const char *iri, const char **rule)
{
	const char *b;

	*rule = "sssom-bad-prefix";
	if (!ncname_ok(name, strlen(name)))
		return "is not a valid prefix name";
	if (scheme_len(iri, strlen(iri)) == 0 ||
	    !iri_chars_ok(iri, strlen(iri)))
		return "is not bound to an absolute IRI";
	if ((b = builtin_iri(name, strlen(name))) != NULL &&
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
	if ((why = prefix_problem(name, iri, &rule)) != NULL)
		return kll__error_set(
		    err, KLL_EINVALID, NULL, 0, 0, "prefix '%s' %s", name, why);
	if (builtin_iri(name, strlen(name)) != NULL)
		return KLL_OK;
	if ((n = kll__arena_strdup(&m->arena, name)) == NULL ||
	    (i = kll__arena_strdup(&m->arena, iri)) == NULL ||
	    prefix_put(m, n, i) < 0)
		return nomem(err);
	return KLL_OK;
}

const char *
kll_mapset_prefix(const kll_mapset *m, const char *name)
{
	size_t idx;

	return name == NULL ? NULL : prefix_find(m, name, strlen(name), &idx);
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
	    (iri = prefix_find(m, curie, (size_t)(colon - curie), &idx)) ==
	        NULL)
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
static int
is_uriorcurie(const kll_mapset *m, const char *t)
{
	const char *colon = strchr(t, ':'), *ns, *a, *b = "uriorcurie";
	size_t idx;

	if (colon == NULL ||
	    (ns = prefix_find(m, t, (size_t)(colon - t), &idx)) == NULL ||
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

	if (slot_name == NULL || !ncname_ok(slot_name, strlen(slot_name)) ||
	    slot_lookup(slot_name, SF_REC | SF_SET) >= 0 ||
	    strcmp(slot_name, "mappings") == 0)
		return kll__error_set(err, KLL_EINVALID, NULL, 0, 0,
		    "'%s' cannot name an extension slot",
		    slot_name ? slot_name : "");
	if ((property != NULL &&
	        (p = kll__arena_strdup(&m->arena, property)) == NULL) ||
	    (type_hint != NULL &&
	        (t = kll__arena_strdup(&m->arena, type_hint)) == NULL) ||
	    (x = extra_add(m, slot_name)) == NULL)
		return nomem(err);
	x->declared = 1;
	x->property = p;
	x->type_hint = t;
	x->curie = t != NULL && is_uriorcurie(m, t);
	return KLL_OK;
}

/* ------------------------------------------------------------------ */
/* Reading: state and diagnostics                                       */

enum { C_SLOT, C_EXTRA, C_SKIP, C_MATCH_TYPE, C_MATCH_TERM_TYPE };

/* What a column of the header holds. */
struct colmap {
	int what;         /* C_* */
	int slot;         /* C_SLOT: the kll_slot */
	size_t ext;       /* C_EXTRA: index in m->ext */
	int subj, obj;    /* C_MATCH_TERM_TYPE: the slots it fills */
	const char *last; /* the last value that passed every check */
	struct ccache cc;
};

/* A record without subject_id or object_id: fine when its type, known
 * only after propagation, is rdfs literal and it has the label. */
struct pend {
	size_t rec;
	int slot;
	unsigned line, col;   /* where the id is, or would be */
	unsigned lline, lcol; /* the same for the label */
};

struct rd {
	kll_mapset *m;
	kll_diag_fn diag;
	void *payload;
	const char *file;     /* the name in messages of what is read */
	const char *metafile; /* where the metadata came from */
	kll_error first;      /* without a sink: the first error */
	int stop;             /* stop reading: see first, or nomem */
	int nomem;
	char *p, *end; /* the TSV text left to read */
	char *bol;     /* the start of the current line */
	unsigned line;
	unsigned endcol; /* the column after the last field read */
	struct colmap *cols;
	size_t ncols;
	int slotcol[KLL_SLOT__COUNT]; /* each slot's column, or -1 */
	unsigned *fline, *fcol; /* where the current record's fields are */
	struct pend *pend;
	size_t npend, pendcap;
};

static void report(struct rd *r, kll_severity sev, kll_status code,
    const char *rule, unsigned line, unsigned col, const char *fmt, ...)
    KLL__PRINTF(7, 8);

static void
report(struct rd *r, kll_severity sev, kll_status code, const char *rule,
    unsigned line, unsigned col, const char *fmt, ...)
{
	kll_error d;
	va_list ap;

	if (r->stop)
		return;
	memset(&d, 0, sizeof(d));
	d.code = code;
	d.severity = sev;
	snprintf(d.file, sizeof(d.file), "%s", r->file);
	d.line = line;
	d.col = col;
	snprintf(d.rule, sizeof(d.rule), "%s", rule);
	va_start(ap, fmt);
	vsnprintf(d.msg, sizeof(d.msg), fmt, ap);
	va_end(ap);
	if (sev == KLL_SEV_ERROR)
		r->m->nerrors++;
	if (r->diag != NULL) {
		r->diag(r->payload, &d);
	} else if (sev == KLL_SEV_ERROR) {
		r->first = d;
		r->stop = 1;
	}
}

static void
report_res(struct rd *r, const struct vres *res, unsigned line, unsigned col)
{
	report(r, res->sev, res->code, res->rule, line,
	    col + (unsigned)res->off, "%s", res->msg);
}

static void
out_of_memory(struct rd *r)
{
	r->nomem = 1;
	r->stop = 1;
}

/* ------------------------------------------------------------------ */
/* Reading: files                                                       */

/* The whole of "path" ("-": stdin), NUL-terminated; reading stops once
 * more than "max" bytes are in (*len > max then). */
static kll_status
slurp(char **out, size_t *len, const char *path, size_t max, kll_error *err)
{
	FILE *fp = stdin;
	struct stat sb;
	size_t n = 0, cap = 64 * 1024, got;
	char *buf = NULL, *p;
	kll_status st = KLL_OK;

	*out = NULL;
	if (strcmp(path, "-") != 0) {
		if ((fp = kll__fopen_file(path, err)) == NULL)
			return KLL_EIO;
		if (fstat(fileno(fp), &sb) == 0 && S_ISREG(sb.st_mode))
			cap = (size_t)sb.st_size + 2;
	}
	for (;;) {
		if (buf == NULL || cap - n < 2) {
			if (buf != NULL)
				cap *= 2;
			if ((p = kll__realloc(buf, cap)) == NULL) {
				st = nomem(err);
				goto out;
			}
			buf = p;
		}
		got = fread(buf + n, 1, cap - n - 1, fp);
		n += got;
		if (got == 0 || n > max) {
			if (ferror(fp))
				st = kll__error_set(err, KLL_EIO, path, 0, 0,
				    "cannot read: %s", strerror(errno));
			break;
		}
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	buf = NULL;
out:
	free(buf);
	if (fp != stdin)
		fclose(fp);
	return st;
}

/* Whether text[0..len) is UTF-8; if not, *bad is where it stops being.
 * ASCII runs are skipped a word at a time, and only lines with other
 * bytes go through the full check. */
static int
utf8_ok(const char *text, size_t len, size_t *bad)
{
	const char *p = text, *end = text + len, *a, *b;
	uint64_t w;
	size_t off;

	while (p < end) {
		while (end - p >= 8) {
			memcpy(&w, p, 8);
			if (w & 0x8080808080808080u)
				break;
			p += 8;
		}
		while (p < end && !((unsigned char)*p & 0x80))
			p++;
		if (p == end)
			break;
		for (a = p; a > text && a[-1] != '\n'; a--)
			;
		if ((b = memchr(p, '\n', (size_t)(end - p))) == NULL)
			b = end;
		if (!kll__utf8_valid(a, (size_t)(b - a), &off)) {
			*bad = (size_t)(a - text) + off;
			return 0;
		}
		p = b;
	}
	return 1;
}

/* Refuse text with a line longer than the limit. */
static kll_status
line_check(const char *text, size_t len, const char *file, kll_error *err)
{
	const char *p = text, *end = text + len, *q;
	unsigned line = 1;

	for (; p < end; p = q + 1, line++) {
		if ((q = memchr(p, '\n', (size_t)(end - p))) == NULL)
			q = end;
		if ((size_t)(q - p) > KLL__MAX_LINE)
			return kll__error_limit(err, file, line, 0,
			    "limit-line", "a line longer than %u bytes",
			    KLL__MAX_LINE);
	}
	return KLL_OK;
}

/* Refuse text that is not UTF-8 or holds a NUL byte. */
static kll_status
text_check(const char *text, size_t len, const char *file, kll_error *err)
{
	const char *z = memchr(text, '\0', len), *p, *bol = text;
	size_t bad = len;
	unsigned line = 1;
	int utf8 = utf8_ok(text, len, &bad);

	if (utf8 && z == NULL)
		return KLL_OK;
	if (z != NULL && (utf8 || (size_t)(z - text) < bad))
		bad = (size_t)(z - text);
	for (p = text; p < text + bad; p++)
		if (*p == '\n') {
			line++;
			bol = p + 1;
		}
	if (text[bad] == '\0')
		return kll__error_set(err, KLL_ESYNTAX, file, line,
		    (unsigned)(text + bad - bol) + 1, "a NUL byte");
	return kll__error_set(err, KLL_EENCODING, file, line,
	    (unsigned)(text + bad - bol) + 1, "not UTF-8");
}

/* The metadata file beside TSV file "path" (x.sssom.tsv or x.tsv:
 * x.sssom.yml, else x.yml), or NULL when there is none.  The caller frees
 * the name. */
static char *
sibling(const char *path)
{
	static const char *const sufs[] = { ".sssom.yml", ".yml" };
	size_t n = strlen(path), i;
	struct stat sb;
	char *s;

	if (n > 10 && strcmp(path + n - 10, ".sssom.tsv") == 0)
		n -= 10;
	else if (n > 4 && strcmp(path + n - 4, ".tsv") == 0)
		n -= 4;
	for (i = 0; i < 2; i++) {
		if ((s = kll__malloc(n + strlen(sufs[i]) + 1)) == NULL)
			return NULL;
		memcpy(s, path, n);
		strcpy(s + n, sufs[i]);
		if (stat(s, &sb) == 0 && !S_ISDIR(sb.st_mode))
			return s;
		free(s);
	}
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Reading: the YAML metadata                                           */

enum { YN_SCALAR, YN_SEQ, YN_MAP };

struct ynode {
	int type;        /* YN_* */
	int null;        /* a plain null: "", "~", "null" */
	int curie_map;   /* the value of the top-level key curie_map */
	char *s;         /* a scalar's text */
	unsigned fl, fc; /* where it starts: file line and byte column */
	size_t nkids;    /* items of a list, keys and values of a map */
	struct ynode *kids, *last, *next, *up;
};

/* Where YAML text came from, to turn libyaml's marks (line from 0, column
 * in characters) into file lines and byte columns.  The marks of the
 * events come in order, so a cursor walks the text once: no position is
 * looked for from the start. */
struct ysrc {
	const char *file;
	const char *text, *end;
	unsigned line0;       /* the file line of the text's first line */
	unsigned col0;        /* bytes before each line's text ('#' ...) */
	const char *bol, *at; /* the cursor: line "line", character "col" */
	size_t line, col;
};

static void
ypos(struct ysrc *y, size_t line, size_t col, unsigned *fl, unsigned *fc)
{
	const char *q;

	if (y->bol == NULL || line < y->line) {
		y->bol = y->text;
		y->line = 0;
		y->at = NULL;
	}
	while (y->line < line &&
	       (q = memchr(y->bol, '\n', (size_t)(y->end - y->bol))) != NULL) {
		y->bol = q + 1;
		y->line++;
		y->at = NULL;
	}
	if (y->at == NULL || col < y->col) {
		y->at = y->bol;
		y->col = 0;
	}
	for (; y->col < col && y->at < y->end && *y->at != '\n'; y->col++) {
		y->at++;
		while (y->at < y->end && ((unsigned char)*y->at & 0xc0) == 0x80)
			y->at++;
	}
	*fl = y->line0 + (unsigned)line;
	*fc = y->col0 + (unsigned)(y->at - y->bol) + 1;
}

static void
ynode_pos(
    const struct ysrc *y, const struct ynode *n, unsigned *fl, unsigned *fc)
{
	(void)y;
	*fl = n->fl;
	*fc = n->fc;
}

/* A node for a scalar or collection event: 0, or 1 with *why when the
 * event uses a feature SSSOM forbids, or -1 when out of memory. */
static int
ynode_add(const yaml_event_t *ev, struct ysrc *y, kll__arena *a,
    struct ynode **root, struct ynode **cur, const char **why)
{
	const yaml_char_t *anchor, *tag;
	struct ynode *nd;
	const char *s;

	if (ev->type == YAML_SCALAR_EVENT) {
		anchor = ev->data.scalar.anchor;
		tag = ev->data.scalar.tag;
	} else if (ev->type == YAML_SEQUENCE_START_EVENT) {
		anchor = ev->data.sequence_start.anchor;
		tag = ev->data.sequence_start.tag;
	} else {
		anchor = ev->data.mapping_start.anchor;
		tag = ev->data.mapping_start.tag;
	}
	if (anchor != NULL || tag != NULL) {
		*why = anchor != NULL ?
		           "yaml anchors are not allowed in the metadata" :
		           "yaml tags are not allowed in the metadata";
		return 1;
	}
	if ((nd = kll__arena_alloc(a, sizeof(*nd))) == NULL)
		return -1;
	memset(nd, 0, sizeof(*nd));
	ypos(y, ev->start_mark.line, ev->start_mark.column, &nd->fl, &nd->fc);
	nd->up = *cur;
	if (ev->type == YAML_SCALAR_EVENT) {
		nd->type = YN_SCALAR;
		if ((nd->s = kll__arena_strndup(a,
		         (const char *)ev->data.scalar.value,
		         ev->data.scalar.length)) == NULL)
			return -1;
		s = nd->s;
		nd->null =
		    ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
		    (*s == '\0' || strcmp(s, "~") == 0 ||
		        strcmp(s, "null") == 0 || strcmp(s, "Null") == 0 ||
		        strcmp(s, "NULL") == 0);
	} else {
		nd->type =
		    ev->type == YAML_SEQUENCE_START_EVENT ? YN_SEQ : YN_MAP;
	}
	if (*cur == NULL) {
		if (*root == NULL)
			*root = nd;
	} else if ((*cur)->last == NULL) {
		(*cur)->kids = (*cur)->last = nd;
	} else {
		nd->curie_map = *cur == *root && nd->type == YN_MAP &&
		                (*cur)->type == YN_MAP && (*cur)->nkids % 2 &&
		                (*cur)->last->type == YN_SCALAR &&
		                strcmp((*cur)->last->s, "curie_map") == 0;
		(*cur)->last = (*cur)->last->next = nd;
	}
	if (*cur != NULL)
		(*cur)->nkids++;
	if (nd->type != YN_SCALAR)
		*cur = nd;
	return 0;
}

/* Take one event: a node, or the check of a document start.  0; 1 with
 * *why for a feature SSSOM forbids; -1 when out of memory. */
static int
yaml_event(const yaml_event_t *ev, struct ysrc *y, kll__arena *a,
    struct ynode **root, struct ynode **cur, int *ndocs, const char **why)
{
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (ev->data.document_start.version_directive != NULL ||
		    ev->data.document_start.tag_directives.start !=
		        ev->data.document_start.tag_directives.end)
			*why = "yaml directives are not allowed in the "
			       "metadata";
		else if ((*ndocs)++ > 0)
			*why = "the metadata holds more than one yaml document";
		return *why != NULL;
	case YAML_ALIAS_EVENT:
		*why = "yaml aliases are not allowed in the metadata";
		return 1;
	case YAML_SCALAR_EVENT:
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		return ynode_add(ev, y, a, root, cur, why);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		*cur = (*cur)->up;
		return 0;
	default:
		return 0;
	}
}

/* Whether node "nd", just added "depth" collections deep, takes the
 * metadata over a limit: KLL_OK or the error. */
static kll_status
ylimits(const struct ysrc *y, const struct ynode *nd, int depth, kll_error *err)
{
	const struct ynode *up = nd->up;

	if (depth > KLL__MAX_YAML_DEPTH)
		return kll__error_limit(err, y->file, nd->fl, nd->fc,
		    "limit-yaml-depth",
		    "the metadata nests deeper than %d levels",
		    KLL__MAX_YAML_DEPTH);
	if (up != NULL && up->up == NULL && up->type == YN_MAP &&
	    up->nkids > 2 * (size_t)KLL__MAX_META_KEYS)
		return kll__error_limit(err, y->file, nd->fl, nd->fc,
		    "limit-metadata-keys", "the metadata has more than %d keys",
		    KLL__MAX_META_KEYS);
	if (up != NULL && up->curie_map &&
	    up->nkids > 2 * (size_t)KLL__MAX_PREFIXES)
		return kll__error_limit(err, y->file, nd->fl, nd->fc,
		    "limit-prefixes", "curie_map has more than %d prefixes",
		    KLL__MAX_PREFIXES);
	return KLL_OK;
}

/* The node that event "ev" just added. */
static const struct ynode *
yadded(
    const yaml_event_t *ev, const struct ynode *root, const struct ynode *cur)
{
	if (ev->type != YAML_SCALAR_EVENT)
		return cur;
	return cur != NULL ? cur->last : root;
}

/* Parse YAML text into a tree of nodes in arena "a"; positions, depth and
 * sizes are checked as the events come, so that the work stays linear and
 * stops at the first limit. */
static kll_status
yaml_load(struct ynode **out, struct ysrc *y, kll__arena *a, kll_error *err)
{
	yaml_parser_t ps;
	yaml_event_t ev;
	struct ynode *root = NULL, *cur = NULL;
	kll_status st = KLL_OK;
	int ndocs = 0, done = 0, rc, depth = 0;
	const char *why;
	unsigned fl, fc;

	*out = NULL;
	if (!yaml_parser_initialize(&ps))
		return nomem(err);
	yaml_parser_set_input_string(
	    &ps, (const unsigned char *)y->text, (size_t)(y->end - y->text));
	while (!done && st == KLL_OK) {
		if (!yaml_parser_parse(&ps, &ev)) {
			ypos(y, ps.problem_mark.line, ps.problem_mark.column,
			    &fl, &fc);
			st = kll__error_set(err, KLL_ESYNTAX, y->file, fl, fc,
			    "bad yaml in the metadata: %s%s%s",
			    ps.context ? ps.context : "",
			    ps.context ? ", " : "",
			    ps.problem ? ps.problem : "parse error");
			break;
		}
		why = NULL;
		done = ev.type == YAML_STREAM_END_EVENT;
		if (ev.type == YAML_SEQUENCE_START_EVENT ||
		    ev.type == YAML_MAPPING_START_EVENT)
			depth++;
		else if (ev.type == YAML_SEQUENCE_END_EVENT ||
		         ev.type == YAML_MAPPING_END_EVENT)
			depth--;
		if ((rc = yaml_event(&ev, y, a, &root, &cur, &ndocs, &why)) <
		    0) {
			st = nomem(err);
		} else if (rc > 0) {
			ypos(y, ev.start_mark.line, ev.start_mark.column, &fl,
			    &fc);
			st = kll__error_set(
			    err, KLL_ESYNTAX, y->file, fl, fc, "%s", why);
		} else if (ev.type == YAML_SCALAR_EVENT ||
		           ev.type == YAML_SEQUENCE_START_EVENT ||
		           ev.type == YAML_MAPPING_START_EVENT) {
			st = ylimits(y, yadded(&ev, root, cur), depth, err);
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&ps);
	if (st == KLL_OK)
		*out = root;
	return st;
}

static void ywarn(struct rd *r, const struct ysrc *y, const struct ynode *n,
    kll_severity sev, const char *rule, const char *fmt, ...) KLL__PRINTF(6, 7);

/* Report a finding about node n of the metadata. */
static void
ywarn(struct rd *r, const struct ysrc *y, const struct ynode *n,
    kll_severity sev, const char *rule, const char *fmt, ...)
{
	char msg[512];
	unsigned fl, fc;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ynode_pos(y, n, &fl, &fc);
	report(r, sev, KLL_EINVALID, rule, fl, fc, "%s", msg);
}

static void
load_curie_map(struct rd *r, const struct ysrc *y, const struct ynode *v)
{
	const struct ynode *k, *iri;
	const char *why, *rule;
	size_t idx;

	if (v->null)
		return;
	if (v->type != YN_MAP) {
		ywarn(r, y, v, KLL_SEV_ERROR, "sssom-bad-prefix",
		    "curie_map is not a mapping of prefixes to IRIs");
		return;
	}
	for (k = v->kids; k != NULL && !r->stop; k = iri->next) {
		iri = k->next;
		if (k->type != YN_SCALAR || iri->type != YN_SCALAR ||
		    iri->null) {
			ywarn(r, y, k, KLL_SEV_ERROR, "sssom-bad-prefix",
			    "a curie_map entry is not a prefix and an IRI");
			continue;
		}
		if ((why = prefix_problem(k->s, iri->s, &rule)) != NULL) {
			ywarn(r, y, k, KLL_SEV_ERROR, rule, "prefix '%s' %s",
			    k->s, why);
			continue;
		}
		if (builtin_iri(k->s, strlen(k->s)) != NULL)
			continue;
		if (prefix_find(r->m, k->s, strlen(k->s), &idx) != NULL) {
			ywarn(r, y, k, KLL_SEV_ERROR, "sssom-bad-prefix",
			    "prefix '%s' is declared twice", k->s);
			continue;
		}
		if (prefix_put(r->m, k->s, iri->s) < 0)
			out_of_memory(r);
	}
}

/* One item of extension_definitions. */
static void
load_extdef(struct rd *r, const struct ysrc *y, const struct ynode *d)
{
	const struct ynode *k, *v;
	const char *f[3] = { NULL, NULL, NULL }, *name;
	static const char *const keys[3] = { "slot_name", "property",
		"type_hint" };
	struct vres res;
	struct extra *x;
	int i;

	if (d->type != YN_MAP) {
		ywarn(r, y, d, KLL_SEV_WARNING, "sssom-bad-extension",
		    "an extension definition is not a mapping; ignored");
		return;
	}
	for (k = d->kids; k != NULL; k = v->next) {
		v = k->next;
		for (i = 0; i < 3 && (k->type != YN_SCALAR ||
		                         strcmp(k->s, keys[i]) != 0);
		     i++)
			;
		if (i == 3 || v->type != YN_SCALAR || v->null) {
			ywarn(r, y, k, KLL_SEV_WARNING, "sssom-bad-extension",
			    "an extension definition has an unexpected "
			    "entry; ignored");
			return;
		}
		f[i] = v->s;
	}
	if ((name = f[0]) == NULL || !ncname_ok(name, strlen(name)) ||
	    slot_lookup(name, SF_REC | SF_SET) >= 0 ||
	    strcmp(name, "mappings") == 0) {
		ywarn(r, y, d, KLL_SEV_WARNING, "sssom-bad-extension",
		    "an extension definition has no usable slot_name; "
		    "ignored");
		return;
	}
	for (i = 1; i < 3; i++)
		if (f[i] != NULL && check_curie(r->m, keys[i], f[i],
		                        strlen(f[i]), 1, NULL, &res)) {
			ywarn(r, y, d, KLL_SEV_WARNING, "sssom-bad-extension",
			    "extension '%s' ignored: %s", name, res.msg);
			return;
		}
	if ((x = extra_find(r->m, name)) != NULL && x->declared) {
		ywarn(r, y, d, KLL_SEV_WARNING, "sssom-bad-extension",
		    "extension '%s' is defined twice; ignored", name);
		return;
	}
	if ((x = extra_add(r->m, name)) == NULL) {
		out_of_memory(r);
		return;
	}
	x->declared = 1;
	x->property = f[1];
	x->type_hint = f[2];
	x->curie = f[2] != NULL && is_uriorcurie(r->m, f[2]);
}

static void
load_extdefs(struct rd *r, const struct ysrc *y, const struct ynode *v)
{
	const struct ynode *d;

	if (v->null)
		return;
	if (v->type == YN_MAP) {
		load_extdef(r, y, v);
		return;
	}
	if (v->type != YN_SEQ) {
		ywarn(r, y, v, KLL_SEV_WARNING, "sssom-bad-extension",
		    "extension_definitions is not a list; ignored");
		return;
	}
	for (d = v->kids; d != NULL && !r->stop; d = d->next)
		load_extdef(r, y, d);
}

/* Check item "it" of metadata slot "sd" (NULL: a non-standard key, "x"
 * its extension) and append it, escaped when "multi", to b. */
static int
meta_item(struct rd *r, const struct ysrc *y, const struct slotdef *sd,
    const struct extra *x, const char *name, const struct ynode *it, int multi,
    size_t *count, kll__buf *b)
{
	const struct slotdef curie = { "", KLL_KIND_ENTITY, 0, NULL, 0, 0 };
	const char *s = it->s;
	struct vres res;

	if (it->type != YN_SCALAR || it->null) {
		ywarn(r, y, it, KLL_SEV_ERROR, "sssom-syntax",
		    "%s takes text values", name);
		return 0;
	}
	if (sd == NULL && x != NULL && x->curie)
		sd = &curie;
	if (sd != NULL &&
	    check_item(r->m, sd, name, s, strlen(s), 1, NULL, &res)) {
		ywarn(r, y, it, res.sev, res.rule, "%s", res.msg);
		if (res.fixed != NULL)
			s = res.fixed;
	}
	if (multi && (*count)++ > 0 && kll__buf_addc(b, '|') < 0)
		return -1;
	if (multi ? mv_escape(b, s, strlen(s)) : kll__buf_adds(b, s))
		return -1;
	return 0;
}

/* A metadata key other than curie_map and extension_definitions. */
static void
load_meta(struct rd *r, const struct ysrc *y, const struct ynode *k,
    const struct ynode *v)
{
	const char *name = k->s, *val;
	const struct slotdef *sd = NULL;
	const struct ynode *it;
	struct extra *x = NULL;
	kll__buf b = { NULL, 0, 0 };
	size_t count = 0;
	int s, multi;

	if ((s = slot_lookup(name, SF_SET)) >= 0)
		sd = &slotdefs[s];
	else if ((x = extra_find(r->m, name)) == NULL || !x->declared)
		ywarn(r, y, k, KLL_SEV_WARNING, "sssom-unknown-slot",
		    strcmp(name, "mappings") == 0 ?
		        "mappings in the metadata block are ignored" :
		    slot_lookup(name, SF_REC) >= 0 ?
		        "'%s' is a slot of records, not of the mapping set" :
		        "unknown metadata key '%s'",
		    name);
	if (v->null || strcmp(name, "mappings") == 0)
		return;
	multi = sd != NULL ? (sd->flags & SF_MULTI) != 0 : v->type == YN_SEQ;
	if (v->type == YN_MAP || (v->type == YN_SEQ && !multi)) {
		ywarn(r, y, v, KLL_SEV_ERROR,
		    v->type == YN_MAP ? "sssom-syntax" :
		                        "sssom-not-multivalued",
		    "%s takes %s", name,
		    v->type == YN_MAP ? "text, not a mapping" :
		                        "one value, not a list");
		return;
	}
	if (kll__buf_grow(&b, 1) < 0)
		goto oom;
	if (v->type == YN_SCALAR) {
		if (meta_item(r, y, sd, x, name, v, multi, &count, &b) < 0)
			goto oom;
	} else {
		for (it = v->kids; it != NULL; it = it->next)
			if (meta_item(
			        r, y, sd, x, name, it, multi, &count, &b) < 0)
				goto oom;
	}
	if (b.n == 0)
		goto out;
	if ((val = keep(r->m, s, b.p)) == NULL)
		goto oom;
	if (s >= 0) {
		r->m->meta[s] = val;
	} else {
		if ((x = extra_add(r->m, name)) == NULL)
			goto oom;
		x->meta = val;
		x->meta_list = v->type == YN_SEQ;
	}
	goto out;
oom:
	out_of_memory(r);
out:
	kll__buf_free(&b);
}

/* Interpret the metadata tree: curie_map first, as the other values need
 * it, then the extension definitions, then the rest. */
static kll_status
load_metadata(struct rd *r, const struct ysrc *y, const struct ynode *root,
    kll_error *err)
{
	const struct ynode *k;
	kll__map seen = { NULL, NULL, NULL, 0, 0 };
	kll_status st = KLL_OK;
	int pass;

	if (root == NULL || (root->type == YN_SCALAR && root->null))
		return KLL_OK;
	if (root->type != YN_MAP)
		return kll__error_set(err, KLL_ESYNTAX, y->file, root->fl,
		    root->fc, "the metadata block is not a yaml mapping");
	/* Hashed: the keys are many when the input is hostile. */
	for (k = root->kids; k != NULL && st == KLL_OK; k = k->next->next) {
		if (k->type != YN_SCALAR || k->null)
			st = kll__error_set(err, KLL_ESYNTAX, y->file, k->fl,
			    k->fc, "a metadata key is not a name");
		else if (kll__map_get(&seen, k->s, strlen(k->s), NULL))
			st = kll__error_set(err, KLL_ESYNTAX, y->file, k->fl,
			    k->fc, "metadata key '%s' appears twice", k->s);
		else if (kll__map_put(&seen, k->s, strlen(k->s), 0) < 0)
			st = nomem(err);
	}
	kll__map_free(&seen);
	if (st != KLL_OK)
		return st;
	for (pass = 0; pass < 3; pass++)
		for (k = root->kids; k != NULL && !r->stop; k = k->next->next) {
			if (strcmp(k->s, "curie_map") == 0) {
				if (pass == 0)
					load_curie_map(r, y, k->next);
			} else if (strcmp(k->s, "extension_definitions") == 0) {
				if (pass == 1)
					load_extdefs(r, y, k->next);
			} else if (pass == 2) {
				load_meta(r, y, k, k->next);
			}
		}
	return KLL_OK;
}

/* Cut the '#' block at the start of the TSV text into YAML text. */
static kll_status
embedded_yaml(struct rd *r, kll__buf *b, unsigned *k, kll_error *err)
{
	char *eol, *s, *e;
	unsigned i;
	int first = 1;

	*k = 0;
	while (r->p < r->end && *r->p == '#') {
		if ((eol = memchr(r->p, '\n', (size_t)(r->end - r->p))) == NULL)
			eol = r->end;
		s = r->p + 1;
		if (first)
			while (s + *k < eol && s[*k] == ' ')
				(*k)++;
		first = 0;
		for (i = 0; i < *k && s < eol && *s == ' '; i++)
			s++;
		for (e = eol; e > s && (e[-1] == '\r' || e[-1] == '\t'); e--)
			;
		if (i < *k && s < e)
			return kll__error_set(err, KLL_ESYNTAX, r->file,
			    r->line, i + 2,
			    "every metadata line must have "
			    "%u space%s after '#'",
			    *k, *k == 1 ? "" : "s");
		if (kll__buf_add(b, s, (size_t)(e - s)) < 0 ||
		    kll__buf_addc(b, '\n') < 0)
			return nomem(err);
		if (b->n > KLL__MAX_META_BYTES)
			return kll__error_limit(err, r->file, r->line, 0,
			    "limit-metadata-size",
			    "the metadata block is longer than %u bytes",
			    KLL__MAX_META_BYTES);
		r->p = eol < r->end ? eol + 1 : eol;
		r->bol = r->p;
		r->line++;
	}
	return KLL_OK;
}

/* The line of byte "off" of text. */
static unsigned
line_at(const char *text, size_t off)
{
	const char *p = text, *end = text + off;
	unsigned line = 1;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		line++;
		p++;
	}
	return line;
}

/* The metadata file for a TSV file without a '#' block: "metapath", else
 * a sibling of "path".  y->text stays NULL when there is none; *text is
 * for the caller to free. */
static kll_status
external_yaml(struct rd *r, const char *path, const char *metapath,
    struct ysrc *y, char **text, size_t *len, kll_error *err)
{
	char *side = NULL;
	kll_status st = KLL_OK;

	if (metapath == NULL && strcmp(path, "-") != 0)
		metapath = side = sibling(path);
	if (metapath == NULL)
		return KLL_OK;
	if ((st = slurp(text, len, metapath, KLL__MAX_META_BYTES, err)) !=
	    KLL_OK)
		goto out;
	y->text = *text;
	if (*len >= 3 && memcmp(*text, "\xef\xbb\xbf", 3) == 0) {
		y->text += 3;
		*len -= 3;
	}
	if ((y->file = kll__arena_strdup(
	         &r->m->arena, kll__display_name(metapath))) == NULL) {
		st = nomem(err);
		goto out;
	}
	if (*len > KLL__MAX_META_BYTES) {
		st = kll__error_limit(err, y->file,
		    line_at(y->text, KLL__MAX_META_BYTES), 0,
		    "limit-metadata-size",
		    "the metadata file is longer than %u bytes",
		    KLL__MAX_META_BYTES);
		goto out;
	}
	st = text_check(y->text, *len, y->file, err);
	y->line0 = 1;
out:
	free(side);
	return st;
}

static kll_status
read_metadata(
    struct rd *r, const char *path, const char *metapath, kll_error *err)
{
	kll__buf b = { NULL, 0, 0 };
	struct ynode *root = NULL;
	char *text = NULL;
	kll_status st = KLL_OK;
	struct ysrc y;
	size_t len = 0;
	unsigned k;

	r->metafile = r->file;
	memset(&y, 0, sizeof(y));
	if (r->p < r->end && *r->p == '#') {
		if (metapath != NULL) {
			st = kll__error_set(err, KLL_ESYNTAX, r->file, 1, 1,
			    "the file has a metadata block, and metadata "
			    "from '%s' was asked for",
			    metapath);
			goto out;
		}
		if ((st = embedded_yaml(r, &b, &k, err)) != KLL_OK)
			goto out;
		y.file = r->file;
		y.text = b.p != NULL ? b.p : "";
		y.line0 = 1;
		y.col0 = 1 + k;
		len = b.n;
	} else if ((st = external_yaml(
	                r, path, metapath, &y, &text, &len, err)) != KLL_OK ||
	           y.text == NULL) {
		goto out;
	}
	y.end = y.text + len;
	if ((st = yaml_load(&root, &y, &r->m->arena, err)) != KLL_OK)
		goto out;
	r->file = r->metafile = y.file;
	st = load_metadata(r, &y, root, err);
	r->file = r->m->path;
out:
	kll__buf_free(&b);
	free(text);
	return st;
}

/* ------------------------------------------------------------------ */
/* Reading: the TSV section                                             */

/* Bytes that end an unquoted field, or need a look. */
static const unsigned char stopc[256] = {
	[0] = 1, ['\t'] = 1, ['\n'] = 1, ['"'] = 1
};

/* One field at r->p: its value, NUL-terminated in place (NULL when
 * empty), where it starts, and what ended it: '\t', '\n', or 0 at the end
 * of the text.  -1 after an unterminated quote, which is fatal. */
/* The quoted value whose quote is at s, unescaped in place; *dend gets
 * the end of the value.  Returns where the field ends, or NULL when the
 * quote does not end. */
static char *
quoted(struct rd *r, char *s, char **dend)
{
	char *d = s, *v = s;

	for (s++;;) {
		if (s >= r->end)
			return NULL;
		if (*s == '"') {
			if (s[1] != '"')
				break;
			s++;
		} else if (*s == '\r') {
			/* CRs before a LF end the line with it: a value keeps
			 * LF alone, which is what a write gives back. */
			char *q = s;
			while (q < r->end && *q == '\r')
				q++;
			if (q < r->end && *q == '\n')
				s = q;
		}
		if (*s == '\n') {
			r->line++;
			r->bol = s + 1;
		}
		*d++ = *s++;
	}
	s++;
	if (*s == '\r' && (s[1] == '\n' || s + 1 == r->end)) {
		s++;
	} else if (*s != '\t' && *s != '\n' && *s != '\0') {
		report(r, KLL_SEV_ERROR, KLL_ESYNTAX, "sssom-syntax", r->line,
		    (unsigned)(s - r->bol) + 1,
		    "text after the closing quote of a value");
		while (*s != '\t' && *s != '\n' && *s != '\0')
			*d++ = *s++;
		if (d > v && d[-1] == '\r')
			d--;
	}
	*dend = d;
	return s;
}

/* The unquoted value at s; *dend gets its end, before a CR of CRLF. */
static char *
unquoted(struct rd *r, char *s, unsigned line, unsigned col, char **dend)
{
	char *v = s;
	int bare = 0;

	for (;;) {
		while (!stopc[(unsigned char)*s])
			s++;
		if (*s != '"')
			break;
		bare = 1;
		s++;
	}
	*dend = s;
	if (s > v && s[-1] == '\r' && *s != '\t')
		(*dend)--;
	if (bare)
		report(r, KLL_SEV_WARNING, KLL_ESYNTAX, "sssom-bare-quote",
		    line, col,
		    "a value with '\"' in it should be quoted; read as it is");
	return s;
}

/* One field at r->p: its value, NUL-terminated in place (NULL when
 * empty), where it starts, and what ended it: '\t', '\n', or 0 at the end
 * of the text.  -1 after an unterminated quote, which is fatal. */
static int
field(struct rd *r, char **val, unsigned *line, unsigned *col, int *term,
    kll_error *err)
{
	char *s, *d, *v = r->p;

	*line = r->line;
	*col = (unsigned)(v - r->bol) + 1;
	if (*v == '"')
		s = quoted(r, v, &d);
	else
		s = unquoted(r, v, *line, *col, &d);
	if (s == NULL) {
		kll__error_set(err, KLL_ESYNTAX, r->file, *line, *col,
		    "a quote that does not end");
		return -1;
	}
	if ((size_t)(s - v) > KLL__MAX_FIELD) {
		kll__error_limit(err, r->file, *line, *col, "limit-field",
		    "a field longer than %u bytes", KLL__MAX_FIELD);
		return -1;
	}
	*term = s < r->end ? *s : 0;
	r->endcol = (unsigned)(s - r->bol) + 1;
	*d = '\0';
	r->p = s < r->end ? s + 1 : s;
	if (*term == '\n') {
		r->line++;
		r->bol = r->p;
	}
	*val = d == v ? NULL : v;
	return 0;
}

static int
blank_line(const char *p, const char *end)
{
	return p < end &&
	       (*p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n'));
}

static void
skip_blank(struct rd *r)
{
	while (blank_line(r->p, r->end)) {
		r->p += *r->p == '\r' ? 2 : 1;
		r->bol = r->p;
		r->line++;
	}
}

/* Which column a header name stands for. */
static int
map_column(struct rd *r, struct colmap *cm, const char *name, const int *have,
    unsigned line, unsigned col)
{
	struct extra *x;
	int s;

	memset(cm, 0, sizeof(*cm));
	cm->slot = -1;
	cm->what = C_SLOT;
	if ((s = slot_lookup(name, SF_REC)) >= 0) {
		cm->slot = s;
	} else if (strcmp(name, "match_type") == 0) {
		cm->what = have[KLL_SLOT_MAPPING_JUSTIFICATION] ? C_SKIP :
		                                                  C_MATCH_TYPE;
	} else if (strcmp(name, "match_term_type") == 0) {
		cm->subj = !have[KLL_SLOT_SUBJECT_TYPE];
		cm->obj = !have[KLL_SLOT_OBJECT_TYPE];
		cm->what = cm->subj || cm->obj ? C_MATCH_TERM_TYPE : C_SKIP;
	} else if (strcmp(name, "semantic_similarity_score") == 0) {
		cm->slot = KLL_SLOT_SIMILARITY_SCORE;
	} else if (strcmp(name, "semantic_similarity_measure") == 0) {
		cm->slot = KLL_SLOT_SIMILARITY_MEASURE;
	} else {
		cm->what = C_EXTRA;
		if ((x = extra_find(r->m, name)) == NULL || !x->declared)
			report(r, KLL_SEV_WARNING, KLL_EINVALID,
			    "sssom-unknown-column", line, col,
			    "unknown column '%s'", name);
		if ((x = extra_add(r->m, name)) == NULL)
			return -1;
		cm->ext = (size_t)(x - r->m->ext);
	}
	if (cm->what == C_SLOT && have[cm->slot] && s < 0)
		cm->what = C_SKIP; /* an old name beside the new one */
	return 0;
}

static kll_status
alloc_columns(struct rd *r, kll_error *err)
{
	kll_mapset *m = r->m;
	struct colmap *cm;
	int s[2], k;
	size_t c, ns;

	for (c = 0; c < r->ncols; c++) {
		cm = &r->cols[c];
		ns = 0;
		if (cm->what == C_SLOT)
			s[ns++] = cm->slot;
		else if (cm->what == C_MATCH_TYPE)
			s[ns++] = KLL_SLOT_MAPPING_JUSTIFICATION;
		if (cm->what == C_MATCH_TERM_TYPE && cm->subj)
			s[ns++] = KLL_SLOT_SUBJECT_TYPE;
		if (cm->what == C_MATCH_TERM_TYPE && cm->obj)
			s[ns++] = KLL_SLOT_OBJECT_TYPE;
		for (k = 0; k < (int)ns; k++) {
			r->slotcol[s[k]] = (int)c;
			if (m->col[s[k]] == NULL &&
			    (m->col[s[k]] = new_column(m)) == NULL)
				return nomem(err);
		}
		if (cm->what == C_EXTRA && m->ext[cm->ext].vals == NULL &&
		    (m->ext[cm->ext].vals = new_column(m)) == NULL)
			return nomem(err);
	}
	return KLL_OK;
}

/* The names in the header line. */
struct header {
	char **names;
	unsigned *cols;
	size_t n, cap;
	unsigned line;
};

static kll_status
header_fields(struct rd *r, struct header *h, kll_error *err)
{
	unsigned col;
	char *v;
	void *p;
	int term;

	skip_blank(r);
	if (r->p < r->end && *r->p == '#')
		return kll__error_set(err, KLL_ESYNTAX, r->file, r->line, 1,
		    "a blank line in the metadata block");
	if (r->p >= r->end)
		return kll__error_set(
		    err, KLL_ESYNTAX, r->file, r->line, 1, "no header line");
	/* A byte-order mark here is no part of the first name: without a
	 * metadata block the header line starts the file, where the mark
	 * is dropped, so a name starting with one would not read back. */
	if (r->end - r->p >= 3 && memcmp(r->p, "\xef\xbb\xbf", 3) == 0)
		r->p += 3;
	do {
		if (field(r, &v, &h->line, &col, &term, err) < 0)
			return KLL_ESYNTAX;
		if (h->n == KLL__MAX_COLUMNS)
			return kll__error_limit(err, r->file, h->line, col,
			    "limit-columns",
			    "the header has more than %d columns",
			    KLL__MAX_COLUMNS);
		if (h->n == h->cap) {
			h->cap = h->cap ? h->cap * 2 : 32;
			if ((p = kll__realloc(
			         h->names, h->cap * sizeof(*h->names))) == NULL)
				return nomem(err);
			h->names = p;
			if ((p = kll__realloc(
			         h->cols, h->cap * sizeof(*h->cols))) == NULL)
				return nomem(err);
			h->cols = p;
		}
		h->names[h->n] = v;
		h->cols[h->n++] = col;
	} while (term == '\t');
	/* Trailing tabs make empty names at the end: no columns. */
	while (h->n > 0 && h->names[h->n - 1] == NULL)
		h->n--;
	return KLL_OK;
}

/* Refuse empty and repeated names; note the slots present in have[]. */
static kll_status
header_check(struct rd *r, const struct header *h, int *have, kll_error *err)
{
	kll__map seen = { NULL, NULL, NULL, 0, 0 };
	kll_status st = KLL_OK;
	size_t i;
	int s;

	/* Hashed: a file may have many thousands of columns. */
	for (i = 0; i < h->n && st == KLL_OK; i++) {
		if (h->names[i] == NULL)
			st = kll__error_set(err, KLL_ESYNTAX, r->file, h->line,
			    h->cols[i], "a column without a name");
		else if (kll__map_get(
		             &seen, h->names[i], strlen(h->names[i]), NULL))
			st = kll__error_set(err, KLL_ESYNTAX, r->file, h->line,
			    h->cols[i], "column '%s' appears twice",
			    h->names[i]);
		else if (kll__map_put(
		             &seen, h->names[i], strlen(h->names[i]), 0) < 0)
			st = nomem(err);
		else if ((s = slot_lookup(h->names[i], SF_REC)) >= 0)
			have[s] = 1;
	}
	kll__map_free(&seen);
	return st;
}

static kll_status
read_header(struct rd *r, kll_error *err)
{
	struct header h;
	int have[KLL_SLOT__COUNT];
	size_t i, n, est = 1;
	kll_status st;
	const char *q;

	memset(&h, 0, sizeof(h));
	memset(have, 0, sizeof(have));
	if ((st = header_fields(r, &h, err)) != KLL_OK ||
	    (st = header_check(r, &h, have, err)) != KLL_OK)
		goto out;
	n = h.n;
	if ((r->cols = kll__calloc(n ? n : 1, sizeof(*r->cols))) == NULL ||
	    (r->fline = kll__calloc(n ? n : 1, sizeof(unsigned))) == NULL ||
	    (r->fcol = kll__calloc(n ? n : 1, sizeof(unsigned))) == NULL)
		goto oom;
	r->ncols = n;
	for (i = 0; i < n; i++)
		if (map_column(r, &r->cols[i], h.names[i], have, h.line,
		        h.cols[i]) < 0)
			goto oom;
	/* Room for as many records as the text has lines. */
	for (q = r->p;
	     q < r->end && (q = memchr(q, '\n', (size_t)(r->end - q))) != NULL;
	     q++)
		est++;
	if (grow_records(r->m, est) < 0)
		goto oom;
	st = alloc_columns(r, err);
	goto out;
oom:
	st = nomem(err);
out:
	free(h.names);
	free(h.cols);
	return st;
}

/* The value to keep for field v of slot "slot", checked. */
static const char *
take(struct rd *r, struct colmap *cm, int slot, char *v, unsigned line,
    unsigned col)
{
	const struct slotdef *sd = &slotdefs[slot];
	const char *s = v, *p, *q, *end;
	struct vres res;
	int bad = 0;

	if (cm->last != NULL && strcmp(v, cm->last) == 0)
		return cm->last;
	if ((sd->flags & SF_MULTI) && (s = mv_canon(r->m, v)) == NULL)
		goto oom;
	if (sd->kind != KLL_KIND_STRING) {
		end = s + strlen(s);
		for (p = s;; p = q + 1) {
			q = (sd->flags & SF_MULTI) ? mv_end(p, end) : end;
			if (check_item(r->m, sd, sd->name, p, (size_t)(q - p),
			        1, &cm->cc, &res)) {
				report_res(
				    r, &res, line, col + (unsigned)(p - s));
				if (res.sev == KLL_SEV_ERROR)
					bad = 1;
				else if (res.fixed != NULL &&
				         !(sd->flags & SF_MULTI))
					s = res.fixed;
			}
			if (q == end)
				break;
		}
	}
	if ((sd->flags & SF_INTERN) && (s = intern(r->m, s, 0)) == NULL)
		goto oom;
	if (!bad)
		cm->last = s;
	return s;
oom:
	out_of_memory(r);
	return NULL;
}

/* A value of a column of SSSOM before 1.0, converted by table "tab". */
static const char *
legacy(struct rd *r, const struct enumval *tab, const char *name, const char *v,
    unsigned line, unsigned col)
{
	const struct enumval *e;
	char sb[80];

	for (e = tab; e->value != NULL; e++)
		if (strcmp(e->value, v) == 0)
			return e->meaning;
	report(r, KLL_SEV_ERROR, KLL_EINVALID, "sssom-bad-match-type", line,
	    col, "%s '%s' is not one of its permitted values", name,
	    shown(v, strlen(v), sb, 64));
	return NULL;
}

static void
store(struct rd *r, size_t rec, size_t i, char *v, unsigned line, unsigned col)
{
	struct colmap *cm = &r->cols[i];
	kll_mapset *m = r->m;
	struct extra *x;
	const char *s;
	struct vres res;

	if (v == NULL)
		return;
	switch (cm->what) {
	case C_SLOT:
		m->col[cm->slot][rec] = take(r, cm, cm->slot, v, line, col);
		break;
	case C_EXTRA:
		x = &m->ext[cm->ext];
		if (x->curie &&
		    check_curie(m, x->name, v, strlen(v), 1, &cm->cc, &res))
			report_res(r, &res, line, col);
		x->vals[rec] = v;
		break;
	case C_MATCH_TYPE:
		if ((s = legacy(r, match_types, "match_type", v, line, col)) !=
		    NULL)
			m->col[KLL_SLOT_MAPPING_JUSTIFICATION][rec] = s;
		break;
	case C_MATCH_TERM_TYPE:
		if ((s = legacy(r, match_term_types, "match_term_type", v, line,
		         col)) == NULL)
			break;
		if (cm->subj)
			m->col[KLL_SLOT_SUBJECT_TYPE][rec] = s;
		if (cm->obj)
			m->col[KLL_SLOT_OBJECT_TYPE][rec] = s;
		break;
	}
}

static const char *
val(const kll_mapset *m, int s, size_t rec)
{
	return m->col[s] != NULL ? m->col[s][rec] : NULL;
}

static void
missing(struct rd *r, size_t rec, int slot, const char *what)
{
	int c = r->slotcol[slot];

	report(r, KLL_SEV_ERROR, KLL_EINVALID, "sssom-missing-slot",
	    c >= 0 ? r->fline[c] : r->m->lines[rec], c >= 0 ? r->fcol[c] : 1,
	    "missing %s", what);
}

/* Subject or object "id" of record rec is empty: fine for a literal
 * mapping with a label. */
static void
literal_side(struct rd *r, const struct pend *p)
{
	int subj = p->slot == KLL_SLOT_SUBJECT_ID;
	const char *t = val(
	    r->m, subj ? KLL_SLOT_SUBJECT_TYPE : KLL_SLOT_OBJECT_TYPE, p->rec);

	if (t != NULL && strcmp(t, "rdfs literal") == 0) {
		if (val(r->m,
		        subj ? KLL_SLOT_SUBJECT_LABEL : KLL_SLOT_OBJECT_LABEL,
		        p->rec) == NULL)
			report(r, KLL_SEV_ERROR, KLL_EINVALID,
			    "sssom-missing-slot", p->lline, p->lcol,
			    "missing %s of a literal %s",
			    subj ? "subject_label" : "object_label",
			    subj ? "subject" : "object");
	} else if (val(r->m, p->slot, p->rec) == NULL) {
		report(r, KLL_SEV_ERROR, KLL_EINVALID, "sssom-missing-slot",
		    p->line, p->col, "missing %s",
		    subj ? "subject_id" : "object_id");
	}
}

/* Where field "slot" of record rec is, or would be. */
static void
field_pos(
    const struct rd *r, size_t rec, int slot, unsigned *line, unsigned *col)
{
	int c = r->slotcol[slot];

	*line = c >= 0 ? r->fline[c] : r->m->lines[rec];
	*col = c >= 0 ? r->fcol[c] : 1;
}

/* The subject or object needs an id, or a label when its type is rdfs
 * literal (a literal mapping). */
static void
required_side(struct rd *r, size_t rec, int id, int type, int label)
{
	struct pend *p, one;
	size_t cap;

	if (val(r->m, type, rec) == NULL &&
	    (val(r->m, id, rec) == NULL || val(r->m, label, rec) == NULL)) {
		/* The type may come from the metadata: decide after
		 * propagation. */
		if (r->npend == r->pendcap) {
			cap = r->pendcap ? r->pendcap * 2 : 16;
			if ((p = kll__realloc(r->pend, cap * sizeof(*p))) ==
			    NULL) {
				out_of_memory(r);
				return;
			}
			r->pend = p;
			r->pendcap = cap;
		}
		p = &r->pend[r->npend++];
	} else if (val(r->m, type, rec) != NULL) {
		p = &one;
	} else {
		return;
	}
	p->rec = rec;
	p->slot = id;
	field_pos(r, rec, id, &p->line, &p->col);
	field_pos(r, rec, label, &p->lline, &p->lcol);
	if (p == &one)
		literal_side(r, p);
}

static void
required(struct rd *r, size_t rec)
{
	if (val(r->m, KLL_SLOT_PREDICATE_ID, rec) == NULL)
		missing(r, rec, KLL_SLOT_PREDICATE_ID, "predicate_id");
	if (val(r->m, KLL_SLOT_MAPPING_JUSTIFICATION, rec) == NULL)
		missing(r, rec, KLL_SLOT_MAPPING_JUSTIFICATION,
		    "mapping_justification");
	required_side(r, rec, KLL_SLOT_SUBJECT_ID, KLL_SLOT_SUBJECT_TYPE,
	    KLL_SLOT_SUBJECT_LABEL);
	required_side(r, rec, KLL_SLOT_OBJECT_ID, KLL_SLOT_OBJECT_TYPE,
	    KLL_SLOT_OBJECT_LABEL);
}

static kll_status
read_rows(struct rd *r, kll_error *err)
{
	kll_mapset *m = r->m;
	size_t rec, nf, i;
	unsigned line, col;
	int term, extra;
	char *v;

	while (r->p < r->end && !r->stop) {
		if (blank_line(r->p, r->end)) {
			skip_blank(r);
			continue;
		}
		if (grow_records(m, m->n + 1) < 0)
			return nomem(err);
		rec = m->n++;
		m->lines[rec] = r->line;
		nf = 0;
		extra = 0;
		do {
			if (field(r, &v, &line, &col, &term, err) < 0)
				return KLL_ESYNTAX;
			if (nf < r->ncols) {
				r->fline[nf] = line;
				r->fcol[nf] = col;
				store(r, rec, nf, v, line, col);
			} else if (v != NULL && !extra) {
				report(r, KLL_SEV_ERROR, KLL_EINVALID,
				    "sssom-bad-column-count", line, col,
				    "more fields than the %zu columns of the "
				    "header",
				    r->ncols);
				extra = 1;
			}
			nf++;
		} while (term == '\t');
		if (nf < r->ncols) {
			for (i = nf; i < r->ncols; i++) {
				r->fline[i] = line;
				r->fcol[i] = r->endcol;
			}
			report(r, KLL_SEV_WARNING, KLL_EINVALID,
			    "sssom-bad-column-count", line, r->endcol,
			    "%zu field%s where the header has %zu columns; "
			    "the rest read as empty",
			    nf, nf == 1 ? "" : "s", r->ncols);
		}
		required(r, rec);
	}
	return KLL_OK;
}

/* Copy the set's value of each propagatable slot into every record when
 * no record has a value of its own. */
static int
propagate(kll_mapset *m)
{
	size_t s, i;
	const char *v;

	if (m->n == 0)
		return 0;
	for (s = 0; s < KLL_SLOT__COUNT; s++) {
		if (!(slotdefs[s].flags & SF_PROP) || (v = m->meta[s]) == NULL)
			continue;
		if (m->col[s] != NULL) {
			for (i = 0; i < m->n && m->col[s][i] == NULL; i++)
				;
			if (i < m->n)
				continue;
		} else if ((m->col[s] = new_column(m)) == NULL) {
			return -1;
		}
		for (i = 0; i < m->n; i++)
			m->col[s][i] = v;
		m->meta[s] = NULL;
	}
	return 0;
}

static void
finish(struct rd *r)
{
	kll_mapset *m = r->m;
	const struct pend *p;
	size_t i;

	if (r->stop)
		return;
	if (propagate(m) < 0) {
		out_of_memory(r);
		return;
	}
	for (i = 0; i < r->npend; i++) {
		p = &r->pend[i];
		literal_side(r, p);
	}
	r->file = r->metafile;
	if (m->meta[SL_MAPPING_SET_ID] == NULL)
		report(r, KLL_SEV_WARNING, KLL_EINVALID,
		    "sssom-missing-set-slot", 1, 0,
		    "the metadata has no mapping_set_id");
	if (m->meta[KLL_SLOT_LICENSE] == NULL)
		report(r, KLL_SEV_WARNING, KLL_EINVALID,
		    "sssom-missing-set-slot", 1, 0,
		    "the metadata has no license");
	r->file = m->path;
}

kll_status
kll_mapset_read(kll_mapset **out, const char *path, const kll_sssom_opts *opts,
    kll_error *err)
{
	kll_sssom_opts def = KLL_SSSOM_OPTS_INIT;
	kll_mapset *m = NULL;
	kll_status st;
	struct rd r;
	size_t len = 0, i;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	if (path == NULL)
		return kll__error_set(err, KLL_EARG, NULL, 0, 0, "no file");
	if (opts == NULL)
		opts = &def;
	if ((st = kll_mapset_new(&m, err)) != KLL_OK)
		return st;
	r.m = m;
	r.diag = opts->diag;
	r.payload = opts->payload;
	for (i = 0; i < KLL_SLOT__COUNT; i++)
		r.slotcol[i] = -1;
	if ((m->path = kll__arena_strdup(&m->arena, kll__display_name(path))) ==
	    NULL) {
		st = nomem(err);
		goto out;
	}
	r.file = m->path;
	if ((st = slurp(&m->text, &len, path, SIZE_MAX, err)) != KLL_OK)
		goto out;
	r.p = r.bol = m->text;
	r.end = m->text + len;
	r.line = 1;
	if (len >= 3 && memcmp(r.p, "\xef\xbb\xbf", 3) == 0)
		r.p = r.bol = r.p + 3;
	if ((st = line_check(r.p, (size_t)(r.end - r.p), r.file, err)) !=
	        KLL_OK ||
	    (st = text_check(r.p, (size_t)(r.end - r.p), r.file, err)) !=
	        KLL_OK ||
	    (st = read_metadata(&r, path, opts->metadata_path, err)) !=
	        KLL_OK ||
	    (r.stop == 0 && (st = read_header(&r, err)) != KLL_OK) ||
	    (st = read_rows(&r, err)) != KLL_OK)
		goto out;
	finish(&r);
	if (r.nomem) {
		st = nomem(err);
	} else if (r.stop) {
		st = r.first.code;
		if (err != NULL)
			*err = r.first;
	} else {
		*out = m;
		m = NULL;
	}
out:
	free(r.cols);
	free(r.fline);
	free(r.fcol);
	free(r.pend);
	kll_mapset_free(m);
	return st;
}

/* ------------------------------------------------------------------ */
/* Writing                                                              */

/* A column to write. */
struct vcol {
	const char *name;
	int slot;       /* kll_slot, or -1 for a non-standard column */
	const char **v; /* one value per record; NULL: all empty */
	int owned;      /* v was allocated for the view */
};

/* What a canonical write puts out, worked out before writing. */
struct view {
	const kll_mapset *m;
	const char *setv[SL__COUNT]; /* the set-level values */
	struct vcol *cols;
	size_t ncols;
	size_t *xs; /* non-standard slots in use, in order */
	size_t nxs;
	unsigned char *used; /* which declared prefixes are in use */
	uint32_t *perm;      /* the records in canonical order */
	kll__arena tmp;      /* numbers in canonical form */
};

static void
view_free(struct view *w)
{
	size_t i;

	for (i = 0; i < w->ncols; i++)
		if (w->cols[i].owned)
			free((void *)w->cols[i].v);
	free(w->cols);
	free(w->xs);
	free(w->used);
	free(w->perm);
	kll__arena_free(&w->tmp);
}

/* Column "src" with its numbers in canonical form: src itself when they
 * all are, else a copy (*owned set); NULL when out of memory. */
static const char **
number_column(struct view *w, const char **src, size_t n, int *owned)
{
	const char **c = NULL, *last = NULL, *lastf = NULL;
	char buf[64];
	size_t i;

	*owned = 0;
	for (i = 0; i < n; i++) {
		if (src[i] == NULL || dec_format(src[i], buf) < 0 ||
		    strcmp(buf, src[i]) == 0)
			continue;
		if (c == NULL) {
			if ((c = kll__malloc(n * sizeof(*c))) == NULL)
				return NULL;
			memcpy((void *)c, (const void *)src, n * sizeof(*c));
			*owned = 1;
		}
		if (last == NULL || strcmp(last, src[i]) != 0) {
			if ((lastf = kll__arena_strdup(&w->tmp, buf)) == NULL) {
				free((void *)c);
				*owned = 0;
				return NULL;
			}
			last = src[i];
		}
		c[i] = lastf;
	}
	return c != NULL ? c : src;
}

static int
any_value(const char **v, size_t n)
{
	size_t i;

	for (i = 0; v != NULL && i < n; i++)
		if (v[i] != NULL)
			return 1;
	return 0;
}

static int
extra_used(const kll_mapset *m, const struct extra *x)
{
	return x->meta != NULL || any_value(x->vals, m->n);
}

/* Canonical order of non-standard slots: declared ones on their
 * property, then the others on their name. */
static int
extra_cmp(const struct extra *a, const struct extra *b)
{
	int c;

	if (a->declared != b->declared)
		return a->declared ? -1 : 1;
	if (a->declared && (c = strcmp(a->property ? a->property : "",
	                        b->property ? b->property : "")) != 0)
		return c;
	return strcmp(a->name, b->name);
}

static void
view_add(struct view *w, const char *name, int slot, const char **v, int owned)
{
	struct vcol *c = &w->cols[w->ncols++];

	c->name = name;
	c->slot = slot;
	c->v = v;
	c->owned = owned;
}

/* The non-standard slots in use, in canonical order, and their columns
 * after the standard ones. */
static int
extra_ptr_cmp(const void *a, const void *b)
{
	return extra_cmp(
	    *(const struct extra *const *)a, *(const struct extra *const *)b);
}

static int
view_extras(struct view *w, const kll_mapset *m)
{
	const struct extra **p;
	size_t i, t;

	/* Sorted with qsort(): a file may have many thousands of columns,
	 * and names are distinct, so no two compare equal. */
	if ((p = kll__malloc((m->next + 1) * sizeof(*p))) == NULL)
		return -1;
	for (i = 0; i < m->next; i++)
		if (extra_used(m, &m->ext[i]))
			p[w->nxs++] = &m->ext[i];
	qsort((void *)p, w->nxs, sizeof(*p), extra_ptr_cmp);
	for (i = 0; i < w->nxs; i++)
		w->xs[i] = (size_t)(p[i] - m->ext);
	free((void *)p);
	for (i = 0; i < w->nxs; i++) {
		t = w->xs[i];
		if (any_value(m->ext[t].vals, m->n))
			view_add(w, m->ext[t].name, -1, m->ext[t].vals, 0);
	}
	return 0;
}

static kll_status
view_build(struct view *w, const kll_mapset *m, int condense, kll_error *err)
{
	const char *v, **col;
	char buf[64];
	int s, owned;

	memset(w, 0, sizeof(*w));
	w->m = m;
	memcpy((void *)w->setv, (const void *)m->meta, sizeof(w->setv));
	if ((w->cols = kll__calloc(
	         KLL_SLOT__COUNT + m->next + 4, sizeof(*w->cols))) == NULL ||
	    (w->xs = kll__calloc(m->next + 1, sizeof(*w->xs))) == NULL ||
	    (w->used = kll__calloc(m->npfx + 1, 1)) == NULL)
		return nomem(err);
	for (s = 0; s < KLL_SLOT__COUNT; s++) {
		if (!any_value(m->col[s], m->n))
			continue;
		if (condense && (slotdefs[s].flags & SF_PROP) &&
		    (v = common_value(m, s)) != NULL &&
		    (m->meta[s] == NULL || strcmp(m->meta[s], v) == 0)) {
			w->setv[s] = v;
			continue;
		}
		col = m->col[s];
		owned = 0;
		if (slotdefs[s].kind == KLL_KIND_DOUBLE &&
		    (col = number_column(w, col, m->n, &owned)) == NULL)
			return nomem(err);
		view_add(w, slotdefs[s].name, s, col, owned);
	}
	if ((v = w->setv[SL_MAPPING_SET_CONFIDENCE]) != NULL &&
	    dec_format(v, buf) == 0 &&
	    (w->setv[SL_MAPPING_SET_CONFIDENCE] =
	            kll__arena_strdup(&w->tmp, buf)) == NULL)
		return nomem(err);
	if (view_extras(w, m) < 0)
		return nomem(err);
	if (w->ncols == 0) {
		/* A set without records still has a header line. */
		view_add(w, "subject_id", KLL_SLOT_SUBJECT_ID, NULL, 0);
		view_add(w, "predicate_id", KLL_SLOT_PREDICATE_ID, NULL, 0);
		view_add(w, "object_id", KLL_SLOT_OBJECT_ID, NULL, 0);
		view_add(w, "mapping_justification",
		    KLL_SLOT_MAPPING_JUSTIFICATION, NULL, 0);
	}
	return KLL_OK;
}

/* Note the prefix of CURIE v[0..n) as used; -1 when it is not a CURIE
 * with a declared prefix. */
static int
use_curie(struct view *w, const char *v, size_t n, struct ccache *cc)
{
	const char *colon = memchr(v, ':', n);
	size_t pl, idx;

	if (colon == NULL)
		return -1;
	pl = (size_t)(colon - v);
	if (cc != NULL && cc->p != NULL && cc->n == pl &&
	    memcmp(cc->p, v, pl) == 0) {
		idx = cc->idx;
	} else {
		if (!ncname_ok(v, pl) || prefix_find(w->m, v, pl, &idx) == NULL)
			return -1;
		if (cc != NULL) {
			cc->p = v;
			cc->n = pl;
			cc->idx = idx;
		}
	}
	if (idx != NOIDX)
		w->used[idx] = 1;
	return 0;
}

/* Every CURIE of value v (a joined list when "multi"); the bad one in
 * *bad. */
static int
use_value(struct view *w, const char *v, int multi, struct ccache *cc,
    const char **bad, size_t *badn)
{
	const char *p, *q, *end = v + strlen(v);

	for (p = v;; p = q + 1) {
		q = multi ? mv_end(p, end) : end;
		if (use_curie(w, p, (size_t)(q - p), cc) < 0) {
			*bad = p;
			*badn = (size_t)(q - p);
			return -1;
		}
		if (q == end)
			return 0;
	}
}

static kll_status
bad_curie(const kll_mapset *m, const char *name, size_t rec, const char *v,
    size_t n, kll_error *err)
{
	char sb[80];

	shown(v, n, sb, 64);
	if (rec == NOIDX)
		return kll__error_set(err, KLL_EINVALID, NULL, 0, 0,
		    "cannot write %s '%s' of the metadata: not a CURIE with "
		    "a declared prefix",
		    name, sb);
	return kll__error_set(err, KLL_EINVALID, NULL, 0, 0,
	    "cannot write %s '%s' of record %zu%s%.0u: not a CURIE with a "
	    "declared prefix",
	    name, sb, rec + 1, m->lines[rec] ? " from line " : "",
	    m->lines[rec]);
}

/* Mark the prefixes in use; refuse values that are not CURIEs with a
 * declared prefix, as no reader could take them back. */
static kll_status
view_prefixes(struct view *w, kll_error *err)
{
	const kll_mapset *m = w->m;
	const struct extra *x;
	const struct vcol *c;
	struct ccache cc;
	const char *bad, *v;
	size_t i, r, badn;
	int s, multi;

	for (i = 0; i < w->ncols; i++) {
		c = &w->cols[i];
		if (c->v == NULL)
			continue;
		x = c->slot < 0 ? extra_find(m, c->name) : NULL;
		if (c->slot >= 0 ? slotdefs[c->slot].kind != KLL_KIND_ENTITY :
		                   !x->curie)
			continue;
		multi = c->slot >= 0 && (slotdefs[c->slot].flags & SF_MULTI);
		memset(&cc, 0, sizeof(cc));
		for (r = 0; r < m->n; r++)
			if (c->v[r] != NULL &&
			    use_value(w, c->v[r], multi, &cc, &bad, &badn) < 0)
				return bad_curie(m, c->name, r, bad, badn, err);
	}
	for (s = 0; s < SL__COUNT; s++)
		if ((v = w->setv[s]) != NULL &&
		    slotdefs[s].kind == KLL_KIND_ENTITY &&
		    use_value(w, v, (slotdefs[s].flags & SF_MULTI) != 0, NULL,
		        &bad, &badn) < 0)
			return bad_curie(
			    m, slotdefs[s].name, NOIDX, bad, badn, err);
	for (i = 0; i < w->nxs; i++) {
		x = &m->ext[w->xs[i]];
		if ((x->property != NULL &&
		        use_value(w, x->property, 0, NULL, &bad, &badn) < 0) ||
		    (x->type_hint != NULL &&
		        use_value(w, x->type_hint, 0, NULL, &bad, &badn) < 0) ||
		    (x->curie && x->meta != NULL &&
		        use_value(w, x->meta, x->meta_list, NULL, &bad, &badn) <
		            0))
			return bad_curie(m, x->name, NOIDX, bad, badn, err);
	}
	return KLL_OK;
}

static int
rowcmp(const struct view *w, uint32_t a, uint32_t b)
{
	const struct vcol *c;
	const char *x, *y;
	size_t i;
	int d;

	for (i = 0; i < w->ncols; i++) {
		c = &w->cols[i];
		if (c->v == NULL || (x = c->v[a]) == (y = c->v[b]))
			continue;
		if ((d = strcmp(x ? x : "", y ? y : "")) != 0)
			return d;
	}
	return 0;
}

/* Stable merge sort of a[0..n) with scratch t[0..n/2]. */
static void
msort(uint32_t *a, uint32_t *t, size_t n, const struct view *w)
{
	size_t h, i, j, k;
	uint32_t x;

	if (n < 16) {
		for (i = 1; i < n; i++) {
			x = a[i];
			for (j = i; j > 0 && rowcmp(w, a[j - 1], x) > 0; j--)
				a[j] = a[j - 1];
			a[j] = x;
		}
		return;
	}
	h = n / 2;
	msort(a, t, h, w);
	msort(a + h, t, n - h, w);
	if (rowcmp(w, a[h - 1], a[h]) <= 0)
		return;
	memcpy(t, a, h * sizeof(*a));
	for (i = 0, j = h, k = 0; i < h && j < n;)
		a[k++] = rowcmp(w, a[j], t[i]) < 0 ? a[j++] : t[i++];
	while (i < h)
		a[k++] = t[i++];
}

static kll_status
view_sort(struct view *w, kll_error *err)
{
	size_t n = w->m->n, i;
	uint32_t *t;

	if ((w->perm = kll__malloc((n + 1) * sizeof(*w->perm))) == NULL ||
	    (t = kll__malloc((n / 2 + 1) * sizeof(*t))) == NULL)
		return nomem(err);
	for (i = 0; i < n; i++)
		w->perm[i] = (uint32_t)i;
	msort(w->perm, t, n, w);
	free(t);
	return KLL_OK;
}

struct out {
	FILE *fp;
	kll__buf b;
	kll_status st;
	int eno;
};

static void
flush(struct out *o)
{
	if (o->st != KLL_OK || o->b.n == 0)
		return;
	if (fwrite(o->b.p, 1, o->b.n, o->fp) != o->b.n) {
		o->st = KLL_EIO;
		o->eno = errno;
	}
	o->b.n = 0;
}

static void
put(struct out *o, const char *s, size_t n)
{
	if (o->st != KLL_OK)
		return;
	if (kll__buf_add(&o->b, s, n) < 0)
		o->st = KLL_ENOMEM;
	else if (o->b.n >= 64 * 1024)
		flush(o);
}

static void
puts_(struct out *o, const char *s)
{
	put(o, s, strlen(s));
}

/* The length of a character YAML cannot show as it is (in a double-quoted
 * scalar it needs an escape), or 0. */
static size_t
yaml_special(const unsigned char *s)
{
	if (*s < 0x20 || *s == 0x7f)
		return 1;
	if (s[0] == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f)
		return 2;
	if ((s[0] == 0xe2 && s[1] == 0x80 && (s[2] == 0xa8 || s[2] == 0xa9)) ||
	    (s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf) ||
	    (s[0] == 0xef && s[1] == 0xbf && (s[2] == 0xbe || s[2] == 0xbf)))
		return 3;
	return 0;
}

/* Whether plain scalar s would read as something other than a string in
 * YAML (null, a boolean, a number), for YAML 1.2 and 1.1 readers. */
static int
yaml_typed(const char *s)
{
	static const char *const words[] = { "~", "null", "Null", "NULL",
		"true", "True", "TRUE", "false", "False", "FALSE", "yes", "Yes",
		"YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
		"y", "Y", "n", "N", ".inf", ".Inf", ".INF", "+.inf", "+.Inf",
		"+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN",
		NULL };
	const char *p = s;
	size_t i;
	int dig = 0;

	for (i = 0; words[i] != NULL; i++)
		if (strcmp(s, words[i]) == 0)
			return 1;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'o') && p[2] != '\0' &&
	    strspn(p + 2, "0123456789abcdefABCDEF") == strlen(p + 2))
		return 1;
	if (*p == '+' || *p == '-')
		p++;
	for (; isdig(*p) || *p == '_' || *p == ':'; p++)
		dig = 1;
	if (*p == '.')
		for (p++; isdig(*p); p++)
			dig = 1;
	if (dig && (*p == 'e' || *p == 'E')) {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!isdig(*p))
			return 0;
		while (isdig(*p))
			p++;
	}
	return dig && *p == '\0';
}

/* Whether s can be written as a plain scalar after "key: " or "- ". */
static int
yaml_plain(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || s[0] == ' ' || s[n - 1] == ' ' || s[n - 1] == ':' ||
	    strchr("[]{},#&*!|>'\"%@`", s[0]) != NULL)
		return 0;
	if (strchr("-?:", s[0]) != NULL && (s[1] == '\0' || s[1] == ' '))
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] == ':' && s[i + 1] == ' ')
			return 0;
		if (s[i] == '#' && s[i - 1] == ' ')
			return 0;
		if (yaml_special((const unsigned char *)s + i))
			return 0;
	}
	return 1;
}

static void
put_quoted_yaml(struct out *o, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char esc[16];
	size_t k;

	put(o, "\"", 1);
	for (; *p != '\0'; p += k) {
		k = yaml_special(p);
		if (*p == '"' || *p == '\\') {
			snprintf(esc, sizeof(esc), "\\%c", *p);
		} else if (k == 0) {
			k = 1;
			put(o, (const char *)p, 1);
			continue;
		} else if (*p == '\t') {
			strcpy(esc, "\\t");
		} else if (*p == '\n') {
			strcpy(esc, "\\n");
		} else if (*p == '\r') {
			strcpy(esc, "\\r");
		} else if (k == 1) {
			snprintf(esc, sizeof(esc), "\\x%02X", *p);
		} else if (k == 2) {
			snprintf(esc, sizeof(esc), "\\x%02X", p[1]);
		} else if (p[0] == 0xe2) {
			strcpy(esc, p[2] == 0xa8 ? "\\L" : "\\P");
		} else {
			snprintf(esc, sizeof(esc), "\\u%04X",
			    ((p[0] & 0x0f) << 12) | ((p[1] & 0x3f) << 6) |
			        (p[2] & 0x3f));
		}
		if (k == 0)
			k = 1;
		puts_(o, esc);
	}
	put(o, "\"", 1);
}

/* A scalar in plain style where it reads back as the same string, else
 * double-quoted; "number" for a value of a double slot. */
static void
put_scalar(struct out *o, const char *s, int number)
{
	if ((number || !yaml_typed(s)) && yaml_plain(s))
		puts_(o, s);
	else
		put_quoted_yaml(o, s);
}

/* "#name: value", or a block sequence of the values of a joined list. */
static void
put_meta(struct out *o, const char *name, const char *v, int multi, int number)
{
	const char *p, *q, *end = v + strlen(v);
	kll__buf b = { NULL, 0, 0 };

	put(o, "#", 1);
	put_scalar(o, name, 0);
	if (!multi) {
		put(o, ": ", 2);
		put_scalar(o, v, number);
		put(o, "\n", 1);
		return;
	}
	put(o, ":\n", 2);
	for (p = v;; p = q + 1) {
		q = mv_end(p, end);
		b.n = 0;
		if (kll__buf_grow(&b, 1) < 0 ||
		    mv_decode(&b, p, (size_t)(q - p)) < 0) {
			o->st = KLL_ENOMEM;
			break;
		}
		b.p[b.n] = '\0';
		put(o, "#  - ", 5);
		put_scalar(o, b.p, 0);
		put(o, "\n", 1);
		if (q == end)
			break;
	}
	kll__buf_free(&b);
}

static int
pfx_cmp(const void *a, const void *b)
{
	const struct prefix *x = *(const struct prefix *const *)a;
	const struct prefix *y = *(const struct prefix *const *)b;

	return strcmp(x->name, y->name);
}

static void
put_curie_map(struct out *o, const struct view *w)
{
	const kll_mapset *m = w->m;
	const struct prefix **v;
	size_t i, n = 0;

	if ((v = kll__malloc((m->npfx + 1) * sizeof(*v))) == NULL) {
		o->st = KLL_ENOMEM;
		return;
	}
	for (i = 0; i < m->npfx; i++)
		if (w->used[i])
			v[n++] = &m->pfx[i];
	qsort((void *)v, n, sizeof(*v), pfx_cmp);
	if (n > 0)
		puts_(o, "#curie_map:\n");
	for (i = 0; i < n; i++) {
		put(o, "#  ", 3);
		put_scalar(o, v[i]->name, 0);
		put(o, ": ", 2);
		put_scalar(o, v[i]->iri, 0);
		put(o, "\n", 1);
	}
	free((void *)v);
}

static void
put_extdefs(struct out *o, const struct view *w)
{
	const struct extra *x;
	size_t i;
	int first = 1;

	for (i = 0; i < w->nxs; i++) {
		x = &w->m->ext[w->xs[i]];
		if (!x->declared)
			continue;
		if (first)
			puts_(o, "#extension_definitions:\n");
		first = 0;
		puts_(o, "#  - slot_name: ");
		put_scalar(o, x->name, 0);
		if (x->property != NULL) {
			puts_(o, "\n#    property: ");
			put_scalar(o, x->property, 0);
		}
		if (x->type_hint != NULL) {
			puts_(o, "\n#    type_hint: ");
			put_scalar(o, x->type_hint, 0);
		}
		put(o, "\n", 1);
	}
}

static void
put_metadata(struct out *o, const struct view *w)
{
	const struct extra *x;
	const char *v;
	size_t i;
	int s;

	put_curie_map(o, w);
	for (i = 0; i < sizeof(set_order) / sizeof(set_order[0]); i++) {
		s = set_order[i];
		if (s == SL_EXTENSION_DEFINITIONS)
			put_extdefs(o, w);
		if ((v = w->setv[s]) == NULL || s == SL_CURIE_MAP ||
		    s == SL_EXTENSION_DEFINITIONS)
			continue;
		put_meta(o, slotdefs[s].name, v,
		    (slotdefs[s].flags & SF_MULTI) != 0,
		    slotdefs[s].kind == KLL_KIND_DOUBLE);
	}
	for (i = 0; i < w->nxs; i++) {
		x = &w->m->ext[w->xs[i]];
		if (x->meta != NULL)
			put_meta(o, x->name, x->meta, x->meta_list, 0);
	}
}

/* A TSV value, quoted when it holds a tab, a line break or a quote, or
 * when "force" is set. */
static void
put_tsv(struct out *o, const char *s, int force)
{
	const char *q;

	if (!force && strpbrk(s, "\t\n\r\"") == NULL) {
		puts_(o, s);
		return;
	}
	put(o, "\"", 1);
	while ((q = strchr(s, '"')) != NULL) {
		put(o, s, (size_t)(q - s) + 1);
		put(o, "\"", 1);
		s = q + 1;
	}
	puts_(o, s);
	put(o, "\"", 1);
}

static void
put_records(struct out *o, const struct view *w)
{
	const struct vcol *c;
	const char *v;
	size_t i, r;

	/* A name that starts with '#' is quoted, or it would read as a
	 * metadata line. */
	for (i = 0; i < w->ncols; i++) {
		if (i > 0)
			put(o, "\t", 1);
		put_tsv(o, w->cols[i].name, w->cols[i].name[0] == '#');
	}
	put(o, "\n", 1);
	for (r = 0; r < w->m->n && o->st == KLL_OK; r++) {
		for (i = 0; i < w->ncols; i++) {
			c = &w->cols[i];
			if (i > 0)
				put(o, "\t", 1);
			if (c->v != NULL && (v = c->v[w->perm[r]]) != NULL)
				put_tsv(o, v, 0);
			else if (w->ncols == 1)
				put_tsv(o, "", 1); /* not a blank line */
		}
		put(o, "\n", 1);
	}
}

kll_status
kll_mapset_write_flags(
    const kll_mapset *m, FILE *fp, unsigned flags, kll_error *err)
{
	struct view w;
	struct out o;
	kll_status st;

	memset(&o, 0, sizeof(o));
	o.fp = fp;
	if ((st = view_build(&w, m, !(flags & KLL_SSSOM_NO_CONDENSE), err)) !=
	        KLL_OK ||
	    (st = view_prefixes(&w, err)) != KLL_OK ||
	    (st = view_sort(&w, err)) != KLL_OK)
		goto out;
	put_metadata(&o, &w);
	put_records(&o, &w);
	flush(&o);
	if (o.st == KLL_OK && (fflush(fp) != 0 || ferror(fp))) {
		o.st = KLL_EIO;
		o.eno = errno;
	}
	if (o.st == KLL_ENOMEM)
		st = nomem(err);
	else if (o.st != KLL_OK)
		st = kll__error_set(err, KLL_EIO, NULL, 0, 0, "write error: %s",
		    strerror(o.eno));
out:
	view_free(&w);
	kll__buf_free(&o.b);
	return st;
}

kll_status
kll_mapset_write(const kll_mapset *m, FILE *fp, kll_error *err)
{
	return kll_mapset_write_flags(m, fp, 0, err);
}

/* Rewrite the numbers of m in canonical form. */
static int
normalize_numbers(kll_mapset *m)
{
	const char *v;
	char buf[64];
	size_t i;
	int s;

	for (s = 0; s < KLL_SLOT__COUNT; s++) {
		if (slotdefs[s].kind != KLL_KIND_DOUBLE || m->col[s] == NULL)
			continue;
		for (i = 0; i < m->n; i++) {
			if ((v = m->col[s][i]) == NULL ||
			    dec_format(v, buf) < 0 || strcmp(buf, v) == 0)
				continue;
			if ((v = keep(m, s, buf)) == NULL)
				return -1;
			m->col[s][i] = v;
		}
	}
	return 0;
}

static int
permute(const char **v, const uint32_t *perm, size_t n, const char **tmp)
{
	size_t i;

	if (v == NULL)
		return 0;
	for (i = 0; i < n; i++)
		tmp[i] = v[perm[i]];
	memcpy((void *)v, (const void *)tmp, n * sizeof(*v));
	return 0;
}

void
kll_mapset_sort(kll_mapset *m)
{
	const char **tmp = NULL;
	unsigned *lines = NULL;
	struct view w;
	size_t i;

	memset(&w, 0, sizeof(w));
	if (m->n < 2 || normalize_numbers(m) < 0 ||
	    view_build(&w, m, 0, NULL) != KLL_OK ||
	    view_sort(&w, NULL) != KLL_OK ||
	    (tmp = kll__malloc(m->n * sizeof(*tmp))) == NULL ||
	    (lines = kll__malloc(m->n * sizeof(*lines))) == NULL)
		goto out;
	for (i = 0; i < KLL_SLOT__COUNT; i++)
		permute(m->col[i], w.perm, m->n, tmp);
	for (i = 0; i < m->next; i++)
		permute(m->ext[i].vals, w.perm, m->n, tmp);
	for (i = 0; i < m->n; i++)
		lines[i] = m->lines[w.perm[i]];
	memcpy(m->lines, lines, m->n * sizeof(*lines));
out:
	free((void *)tmp);
	free(lines);
	view_free(&w);
}
