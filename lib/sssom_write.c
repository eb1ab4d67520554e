/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sssom_write.c: the canonical SSSOM/TSV writer: the view of a set as it
 * is written (columns, prefixes in use, records in canonical order), the
 * YAML metadata block and the rows; kll_mapset_sort, which puts the
 * records of a set in that same canonical order.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sssom_impl.h"

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
		if (src[i] == NULL || kll__sssom_dec_format(src[i], buf) < 0 ||
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
		return kll__sssom_nomem(err);
	for (s = 0; s < KLL_SLOT__COUNT; s++) {
		if (!any_value(m->col[s], m->n))
			continue;
		if (condense && (kll__sssom_slotdefs[s].flags & SF_PROP) &&
		    (v = kll__sssom_common_value(m, s)) != NULL &&
		    (m->meta[s] == NULL || strcmp(m->meta[s], v) == 0)) {
			w->setv[s] = v;
			continue;
		}
		col = m->col[s];
		owned = 0;
		if (kll__sssom_slotdefs[s].kind == KLL_KIND_DOUBLE &&
		    (col = number_column(w, col, m->n, &owned)) == NULL)
			return kll__sssom_nomem(err);
		view_add(w, kll__sssom_slotdefs[s].name, s, col, owned);
	}
	if ((v = w->setv[SL_MAPPING_SET_CONFIDENCE]) != NULL &&
	    kll__sssom_dec_format(v, buf) == 0 &&
	    (w->setv[SL_MAPPING_SET_CONFIDENCE] =
	            kll__arena_strdup(&w->tmp, buf)) == NULL)
		return kll__sssom_nomem(err);
	if (view_extras(w, m) < 0)
		return kll__sssom_nomem(err);
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
		if (!kll__sssom_ncname_ok(v, pl) ||
		    kll__sssom_prefix_find(w->m, v, pl, &idx) == NULL)
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
		q = multi ? kll__sssom_mv_end(p, end) : end;
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

	kll__sssom_shown(v, n, sb, 64);
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
		x = c->slot < 0 ? kll__sssom_extra_find(m, c->name) : NULL;
		if (c->slot >= 0 ?
		        kll__sssom_slotdefs[c->slot].kind != KLL_KIND_ENTITY :
		        !x->curie)
			continue;
		multi = c->slot >= 0 &&
		        (kll__sssom_slotdefs[c->slot].flags & SF_MULTI);
		memset(&cc, 0, sizeof(cc));
		for (r = 0; r < m->n; r++)
			if (c->v[r] != NULL &&
			    use_value(w, c->v[r], multi, &cc, &bad, &badn) < 0)
				return bad_curie(m, c->name, r, bad, badn, err);
	}
	for (s = 0; s < SL__COUNT; s++)
		if ((v = w->setv[s]) != NULL &&
		    kll__sssom_slotdefs[s].kind == KLL_KIND_ENTITY &&
		    use_value(w, v,
		        (kll__sssom_slotdefs[s].flags & SF_MULTI) != 0, NULL,
		        &bad, &badn) < 0)
			return bad_curie(m, kll__sssom_slotdefs[s].name, NOIDX,
			    bad, badn, err);
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
		return kll__sssom_nomem(err);
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
	for (; kll__sssom_isdig(*p) || *p == '_' || *p == ':'; p++)
		dig = 1;
	if (*p == '.')
		for (p++; kll__sssom_isdig(*p); p++)
			dig = 1;
	if (dig && (*p == 'e' || *p == 'E')) {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!kll__sssom_isdig(*p))
			return 0;
		while (kll__sssom_isdig(*p))
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
		q = kll__sssom_mv_end(p, end);
		b.n = 0;
		if (kll__buf_grow(&b, 1) < 0 ||
		    kll__sssom_mv_decode(&b, p, (size_t)(q - p)) < 0) {
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
		put_meta(o, kll__sssom_slotdefs[s].name, v,
		    (kll__sssom_slotdefs[s].flags & SF_MULTI) != 0,
		    kll__sssom_slotdefs[s].kind == KLL_KIND_DOUBLE);
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
		st = kll__sssom_nomem(err);
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
		if (kll__sssom_slotdefs[s].kind != KLL_KIND_DOUBLE ||
		    m->col[s] == NULL)
			continue;
		for (i = 0; i < m->n; i++) {
			if ((v = m->col[s][i]) == NULL ||
			    kll__sssom_dec_format(v, buf) < 0 ||
			    strcmp(buf, v) == 0)
				continue;
			if ((v = kll__sssom_keep(m, s, buf)) == NULL)
				return -1;
			m->col[s][i] = v;
		}
	}
	return 0;
}

/* The same for an array of positions, through "tmp" as well. */
static void
permute_pos(unsigned *v, const uint32_t *perm, size_t n, const char **tmp)
{
	unsigned *t = (unsigned *)(void *)tmp;
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		t[i] = v[perm[i]];
	memcpy(v, t, n * sizeof(*v));
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
	for (i = 0; i < KLL_SLOT__COUNT; i++) {
		permute(m->col[i], w.perm, m->n, tmp);
		permute_pos(m->fcol[i], w.perm, m->n, tmp);
		permute_pos(m->fline[i], w.perm, m->n, tmp);
	}
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
