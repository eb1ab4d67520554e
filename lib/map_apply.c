/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * map_apply.c: recoding a column of a CSV/TSV table through a key, one row at
 * a time.  The key becomes a hash from subject codes to sorted lists of
 * target codes; the table streams through kll_csv into a large output
 * buffer, so memory depends on the key and on the longest row only.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "encoding.h"

#define OUTBUF     (256 * 1024)
#define MAX_LISTED 1000 /* distinct unmapped codes the report names */
#define MAX_WARNED 10   /* rows with bad bytes named one by one */
#define NO_TERM    "https://w3id.org/sssom/NoTermFound"

/* One subject code of the key and its targets t[first .. first+n). */
struct entry {
	const char *code;
	uint32_t first, n;
	unsigned long long rows;
};

/* A target of a subject code, and what ranks it for KLL_MULTI_BEST. */
struct pair {
	const char *s, *t;
	unsigned rank; /* 0 exact ... 4 other */
	double conf;
	size_t row;
};

struct table {
	kll__arena arena;
	kll__map codes; /* subject code -> entry */
	struct entry *e;
	size_t ne;
	struct pair *t; /* the targets of the entries */
	const kll_vocab *sv;
	/* Codes of the data that map to nothing, for the report. */
	kll__map miss;
	kll__arena missarena;
	unsigned long long *misscount;
	size_t nmiss, misscap;
};

const char *
kll_multi_name(kll_multi m)
{
	static const char *const names[] = { "all", "first", "fail", "best" };

	return (int)m >= 0 && (size_t)m < sizeof(names) / sizeof(names[0]) ?
	           names[m] :
	           NULL;
}

const char *
kll_unmapped_name(kll_unmapped u)
{
	static const char *const names[] = { "keep", "empty", "fail" };

	return (int)u >= 0 && (size_t)u < sizeof(names) / sizeof(names[0]) ?
	           names[u] :
	           NULL;
}

/* The output, buffered in large blocks.  While "hold" is set nothing
 * reaches fp: what is written waits in "held" (the header, until the
 * first record is recoded).  bad_col (1-based) and bad_byte: the first
 * field of the row being written that passed a bad byte. */
struct wr {
	FILE *fp;
	char *buf;
	size_t n;
	int eno;
	int failed;
	char sep;
	int hold;
	kll__buf held;
	size_t bad_col;
	unsigned char bad_byte;
};

/* ------------------------------------------------------------------ */
/* The key as a table                                                   */

/* The code a record names on one side: the concept's notation in "v",
 * else the local part of its CURIE; NULL for none. */
static const char *
side_code(const kll_mapset *m, size_t r, kll_side side, const kll_vocab *v,
    char *buf, size_t size)
{
	const char *id = kll_mapset_get(m, r,
	    side == KLL_SUBJECT ? KLL_SLOT_SUBJECT_ID : KLL_SLOT_OBJECT_ID);
	const kll_concept *c;
	const char *colon;
	size_t n;

	if (id == NULL)
		return NULL;
	n = kll_mapset_expand(m, id, buf, size);
	if (n > 0 && n < size && strcmp(buf, NO_TERM) == 0)
		return NULL;
	if (v != NULL && (c = kll_mapset_concept(m, r, side, v)) != NULL &&
	    *kll_concept_notation(c) != '\0')
		return kll_concept_notation(c);
	colon = strchr(id, ':');
	return colon != NULL ? colon + 1 : id;
}

/* The IRIs of the predicates to use, into an arena. */
static kll_status
predicate_iris(const char ***out, const kll_mapset *m, const kll_apply_opts *o,
    kll__arena *a, kll_error *err)
{
	const char **v;
	char buf[1024];
	const char *iri;
	kll_pred p;
	size_t i;

	*out = NULL;
	if (o->npredicates == 0)
		return KLL_OK;
	if ((v = kll__arena_alloc(a, o->npredicates * sizeof(*v))) == NULL)
		return kll__nomem(err);
	for (i = 0; i < o->npredicates; i++) {
		p = kll_pred_from_name(o->predicates[i]);
		iri = kll_pred_iri(p);
		if (iri == NULL) {
			size_t n = kll_mapset_expand(
			    m, o->predicates[i], buf, sizeof(buf));
			iri = n > 0 && n < sizeof(buf) ? buf : o->predicates[i];
		}
		if ((v[i] = kll__arena_strdup(a, iri)) == NULL)
			return kll__nomem(err);
	}
	*out = v;
	return KLL_OK;
}

static int
wanted(const kll_mapset *m, size_t r, const char **iris, size_t n)
{
	const char *id = kll_mapset_get(m, r, KLL_SLOT_PREDICATE_ID);
	const char *mod = kll_mapset_get(m, r, KLL_SLOT_PREDICATE_MODIFIER);
	char buf[1024];
	size_t i, k;

	if (id == NULL || (mod != NULL && strcmp(mod, "Not") == 0))
		return 0;
	if (iris == NULL)
		return 1;
	k = kll_mapset_expand(m, id, buf, sizeof(buf));
	if (k == 0 || k >= sizeof(buf))
		snprintf(buf, sizeof(buf), "%s", id);
	for (i = 0; i < n; i++)
		if (strcmp(buf, iris[i]) == 0)
			return 1;
	return 0;
}

static int
pair_cmp(const void *x, const void *y)
{
	const struct pair *a = x, *b = y;
	int c = strcmp(a->s, b->s);

	return c != 0 ? c : strcmp(a->t, b->t);
}

/* Whether a is a better target than b: a stronger predicate, then a
 * higher confidence, then an earlier record. */
static int
better(const struct pair *a, const struct pair *b)
{
	if (a->rank != b->rank)
		return a->rank < b->rank;
	if (a->conf != b->conf)
		return a->conf > b->conf;
	return a->row < b->row;
}

/* The strength of record r's predicate: exact 0, narrow or broad 1,
 * close 2, related 3, any other 4. */
static unsigned
strength(const kll_mapset *m, size_t r)
{
	switch (kll_mapset_pred(m, r)) {
	case KLL_PRED_EXACT:
	case KLL_PRED_EQUIVALENT:
	case KLL_PRED_SAME_AS:
		return 0;
	case KLL_PRED_NARROW:
	case KLL_PRED_BROAD:
	case KLL_PRED_SUBCLASS:
		return 1;
	case KLL_PRED_CLOSE:
		return 2;
	case KLL_PRED_RELATED:
		return 3;
	default:
		return 4;
	}
}

/* The (subject code, target code) pairs the key gives. */
static kll_status
collect_pairs(struct pair **out, size_t *np, const kll_mapset *m,
    const kll_apply_opts *o, struct table *t, kll_error *err)
{
	size_t n = kll_mapset_count(m), r, k = 0;
	const char **iris, *s, *g;
	struct pair *p;
	char b1[1024], b2[1024];
	kll_status st;

	*out = NULL;
	if ((st = predicate_iris(&iris, m, o, &t->arena, err)) != KLL_OK)
		return st;
	if ((p = kll__malloc((n + 1) * sizeof(*p))) == NULL)
		return kll__nomem(err);
	for (r = 0; r < n; r++) {
		if (!wanted(m, r, iris, o->npredicates) ||
		    (s = side_code(m, r, KLL_SUBJECT, o->subject_vocab, b1,
		         sizeof(b1))) == NULL ||
		    (g = side_code(m, r, KLL_OBJECT, o->object_vocab, b2,
		         sizeof(b2))) == NULL)
			continue;
		if ((p[k].s = kll__arena_strdup(&t->arena, s)) == NULL ||
		    (p[k].t = kll__arena_strdup(&t->arena, g)) == NULL) {
			free(p);
			return kll__nomem(err);
		}
		p[k].rank = strength(m, r);
		p[k].conf = kll__record_confidence(m, r, NULL);
		p[k].row = r;
		k++;
	}
	qsort(p, k, sizeof(*p), pair_cmp);
	*out = p;
	*np = k;
	return KLL_OK;
}

static kll_status
table_build(struct table *t, const kll_mapset *m, const kll_apply_opts *o,
    kll_error *err)
{
	struct pair *p = NULL;
	size_t np = 0, i;
	struct entry *e;
	kll_status st;

	t->sv = o->subject_vocab;
	if ((st = collect_pairs(&p, &np, m, o, t, err)) != KLL_OK)
		return st;
	if ((t->e = kll__calloc(np + 1, sizeof(*t->e))) == NULL ||
	    (t->t = kll__calloc(np + 1, sizeof(*t->t))) == NULL) {
		st = kll__nomem(err);
		goto out;
	}
	for (i = 0; i < np; i++) {
		if (i > 0 && strcmp(p[i].s, p[i - 1].s) == 0) {
			e = &t->e[t->ne - 1];
			/* One target named twice ranks as its best record. */
			if (strcmp(p[i].t, p[i - 1].t) == 0) {
				if (better(&p[i], &t->t[e->first + e->n - 1]))
					t->t[e->first + e->n - 1] = p[i];
				continue;
			}
		} else {
			e = &t->e[t->ne++];
			e->code = p[i].s;
			e->first = (uint32_t)i;
			if (kll__map_put(&t->codes, e->code, strlen(e->code),
			        (uint32_t)(t->ne - 1)) < 0) {
				st = kll__nomem(err);
				goto out;
			}
		}
		t->t[e->first + e->n++] = p[i];
	}
out:
	free(p);
	return st;
}

static void
table_free(struct table *t)
{
	kll__map_free(&t->codes);
	kll__map_free(&t->miss);
	kll__arena_free(&t->arena);
	kll__arena_free(&t->missarena);
	free(t->e);
	free(t->t);
	free(t->misscount);
}

/* The entry of data code s[0..n), or NULL. */
static struct entry *
table_find(struct table *t, const char *s, size_t n)
{
	const kll_concept *c;
	const char *code;
	uint32_t i;

	if (kll__map_get(&t->codes, s, n, &i))
		return &t->e[i];
	if (t->sv == NULL || (c = kll_vocab_find_loose(t->sv, s)) == NULL)
		return NULL;
	code = kll_concept_notation(c);
	if (kll__map_get(&t->codes, code, strlen(code), &i))
		return &t->e[i];
	return NULL;
}

/* Count a row whose code maps to nothing; -1 when out of memory. */
static int
note_miss(
    struct table *t, const char *s, size_t n, unsigned long long *unlisted)
{
	unsigned long long *p;
	const char *k;
	uint32_t i;
	size_t cap;

	if (kll__map_get(&t->miss, s, n, &i)) {
		t->misscount[i]++;
		return 0;
	}
	if (t->nmiss == MAX_LISTED) {
		(*unlisted)++;
		return 0;
	}
	if (t->nmiss == t->misscap) {
		cap = t->misscap ? 2 * t->misscap : 64;
		if ((p = kll__realloc(t->misscount, cap * sizeof(*p))) == NULL)
			return -1;
		t->misscount = p;
		t->misscap = cap;
	}
	if ((k = kll__arena_strndup(&t->missarena, s, n)) == NULL ||
	    kll__map_put(&t->miss, k, n, (uint32_t)t->nmiss) < 0)
		return -1;
	t->misscount[t->nmiss++] = 1;
	return 0;
}

struct rep {
	const char *code;
	size_t n;
	unsigned long long rows;
};

static int
rep_cmp(const void *x, const void *y)
{
	const struct rep *a = x, *b = y;
	int c = strcmp(a->code, b->code);

	return c != 0 ? c : (a->n > b->n) - (a->n < b->n);
}

/* Call the report function for the codes with none or several targets,
 * in byte order. */
static kll_status
report(struct table *t, const kll_apply_opts *o, kll_error *err)
{
	struct rep *r;
	size_t i, k = 0;

	if (o->report == NULL)
		return KLL_OK;
	if ((r = kll__malloc((t->nmiss + t->ne + 1) * sizeof(*r))) == NULL)
		return kll__nomem(err);
	for (i = 0; i < t->miss.n; i++)
		if (t->miss.keys[i] != NULL) {
			r[k].code = t->miss.keys[i];
			r[k].n = 0;
			r[k++].rows = t->misscount[t->miss.vals[i]];
		}
	for (i = 0; i < t->ne; i++)
		if (t->e[i].n > 1 && t->e[i].rows > 0) {
			r[k].code = t->e[i].code;
			r[k].n = t->e[i].n;
			r[k++].rows = t->e[i].rows;
		}
	qsort(r, k, sizeof(*r), rep_cmp);
	for (i = 0; i < k; i++)
		o->report(o->payload, r[i].code, r[i].n, r[i].rows);
	free(r);
	return KLL_OK;
}

/* ------------------------------------------------------------------ */
/* Writing                                                              */

/* s[0..n) to the file, or to "held" while held. */
static void
wr_out(struct wr *w, const char *s, size_t n)
{
	if (w->failed || n == 0)
		return;
	if (w->hold) {
		if (kll__buf_add(&w->held, s, n) < 0) {
			w->failed = 1;
			w->eno = ENOMEM;
		}
	} else if (fwrite(s, 1, n, w->fp) != n) {
		w->failed = 1;
		w->eno = errno;
	}
}

static void
wr_flush(struct wr *w)
{
	wr_out(w, w->buf, w->n);
	w->n = 0;
}

/* What was held goes out, before what the buffer holds. */
static void
wr_release(struct wr *w)
{
	if (!w->hold)
		return;
	w->hold = 0;
	wr_out(w, w->held.p, w->held.n);
	kll__buf_free(&w->held);
}

static void
wr_put(struct wr *w, const char *s, size_t n)
{
	if (OUTBUF - w->n < n) {
		wr_flush(w);
		if (n >= OUTBUF) {
			wr_out(w, s, n);
			return;
		}
	}
	memcpy(w->buf + w->n, s, n);
	w->n += n;
}

static void
wr_putc(struct wr *w, char c)
{
	if (w->n == OUTBUF)
		wr_flush(w);
	w->buf[w->n++] = c;
}

/* A field with quotes doubled and the bad bytes the decoder passed
 * (encoding.h) given back; the first such byte + 1, or 0. */
static int
wr_field_slow(struct wr *w, const char *s, size_t n, int quote)
{
	const char *end = s + n;
	int bad = 0;

	if (quote)
		wr_putc(w, '"');
	for (; s < end; s++) {
		if (*s == '"' && quote) {
			wr_putc(w, '"');
		} else if ((unsigned char)*s == 0xf4 && end - s >= KLL__ESC_LEN &&
		           KLL__IS_ESC(s)) {
			if (bad == 0)
				bad = KLL__ESC_BYTE(s) + 1;
			wr_putc(w, (char)KLL__ESC_BYTE(s));
			s += KLL__ESC_LEN - 1;
			continue;
		}
		wr_putc(w, *s);
	}
	if (quote)
		wr_putc(w, '"');
	return bad;
}

/* One field, quoted only when it holds the separator, a quote or a line
 * break; the first bad byte it passed + 1, or 0. */
static int
wr_field(struct wr *w, const char *s, size_t n)
{
	size_t i;
	int quote = 0, esc = 0;

	for (i = 0; i < n; i++) {
		char c = s[i];
		if (c == w->sep || c == '"' || c == '\n' || c == '\r')
			quote = 1;
		else if ((unsigned char)c == 0xf4)
			esc = 1;
	}
	if (!quote && !esc) {
		wr_put(w, s, n);
		return 0;
	}
	return wr_field_slow(w, s, n, quote);
}

/* A row of c with field "col" replaced by (or, with keep, followed by)
 * v[0..vn). */
static void
wr_row(struct wr *w, const kll_csv *c, size_t nf, size_t col, int keep,
    const char *v, size_t vn)
{
	const char *f;
	size_t i, n;
	int bad;

	for (i = 0; i < nf; i++) {
		if (i > 0)
			wr_putc(w, w->sep);
		f = kll_csv_field(c, i, &n);
		if (i != col) {
			if ((bad = wr_field(w, f, n)) != 0 && w->bad_col == 0) {
				w->bad_col = i + 1;
				w->bad_byte = (unsigned char)(bad - 1);
			}
			continue;
		}
		if (keep) {
			wr_field(w, f, n);
			wr_putc(w, w->sep);
		}
		wr_field(w, v, vn);
	}
	wr_putc(w, '\n');
}

/* ------------------------------------------------------------------ */
/* Reading                                                              */


struct run {
	const kll_apply_opts *o;
	struct table t;
	kll_csv *c;
	kll__feed *feed;
	const char *name; /* the table's, in messages */
	struct wr w;
	size_t col;
	kll_apply_stats st;
	const char *outname;
};

/* Fail on the current row, naming its line and rule. */
static kll_status refuse(kll_error *err, const struct run *r, unsigned col,
    const char *rule, const char *fmt, ...) KLL__PRINTF(5, 6);

static kll_status
refuse(kll_error *err, const struct run *r, unsigned col, const char *rule,
    const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	kll__error_set(err, KLL_EINVALID, r->name, kll_csv_line(r->c), col,
	    "%s", msg);
	if (err != NULL)
		snprintf(err->rule, sizeof(err->rule), "%s", rule);
	return KLL_EINVALID;
}

/* " (the header has bytes that are not ENCODING)", or "". */
static const char *
header_hint(const struct run *r, size_t nf, char *buf, size_t size)
{
	const char *f;
	size_t i, n;

	for (i = 0; i < nf; i++) {
		f = kll_csv_field(r->c, i, &n);
		if (kll__esc_find(f, n) < n) {
			snprintf(buf, size,
			    " (the header has bytes that are not valid %s: "
			    "give --encoding)",
			    kll__feed_encoding(r->feed));
			return buf;
		}
	}
	return "";
}

/* The column named "spec" in the header just read: there once. */
static kll_status
named_column(struct run *r, size_t nf, kll_error *err)
{
	const char *spec = r->o->column;
	char hint[160];
	size_t i, found = nf;

	for (i = 0; i < nf; i++) {
		if (strcmp(kll_csv_field(r->c, i, NULL), spec) != 0)
			continue;
		if (found < nf)
			return refuse(err, r, 0, "apply-duplicate-column",
			    "columns %zu and %zu are both named '%s': give "
			    "the number of the one to recode",
			    found + 1, i + 1, spec);
		found = i;
	}
	if (found < nf) {
		r->col = found;
		return KLL_OK;
	}
	return kll__error_set(err, KLL_ENOTFOUND, r->name, kll_csv_line(r->c),
	    0, "no column '%s' in the header%s", spec,
	    header_hint(r, nf, hint, sizeof(hint)));
}

/* The column named or numbered "spec" in the header just read, or a
 * number for a table without one. */
static kll_status
find_column(struct run *r, size_t nf, kll_error *err)
{
	const char *spec = r->o->column;
	unsigned long v = 0;

	if (spec == NULL || *spec == '\0')
		return kll__error_set(
		    err, KLL_EARG, NULL, 0, 0, "no column to recode");
	if (strspn(spec, "0123456789") == strlen(spec)) {
		errno = 0;
		v = strtoul(spec, NULL, 10);
		if (v == 0 || errno != 0 || v > (1ul << 24))
			return kll__error_set(err, KLL_EARG, NULL, 0, 0,
			    "bad column number '%s': they start at 1", spec);
		r->col = (size_t)v - 1;
		if (!r->o->no_header && r->col >= nf)
			return kll__error_set(err, KLL_ENOTFOUND, r->name,
			    kll_csv_line(r->c), 0,
			    "no column %s: the header has %zu", spec, nf);
		return KLL_OK;
	}
	if (r->o->no_header)
		return kll__error_set(err, KLL_EARG, NULL, 0, 0,
		    "a table without a header needs a column number, not "
		    "'%s'",
		    spec);
	return named_column(r, nf, err);
}

/* Refuse the name f of output slot i (nf: the new column) that slot j
 * has already. */
static kll_status
dup_name(struct run *r, const char *f, uint32_t j, size_t i, size_t nf,
    kll_error *err)
{
	if (i < nf)
		return refuse(err, r, 0, "apply-duplicate-column",
		    "columns %u and %zu are both named '%s': the output would "
		    "name a column twice",
		    (unsigned)j + 1, i + 1, f);
	if (j == r->col)
		return refuse(err, r, 0, "apply-duplicate-column",
		    "with --keep the new column would be named '%s', as the "
		    "column it recodes: give another --output-name",
		    f);
	return refuse(err, r, 0, "apply-duplicate-column",
	    "the recoded column would be named '%s', as column %u is: give "
	    "another --output-name",
	    f, (unsigned)j + 1);
}

/* Refuse an output header that names a column twice: the new column's
 * name "name" that another has, or two columns of the same name (empty
 * names aside: spreadsheets leave them after the last column). */
static kll_status
unique_names(struct run *r, size_t nf, const char *name, kll_error *err)
{
	kll__map seen = KLL__MAP_INIT;
	const char *f;
	uint32_t j;
	size_t i, n;
	kll_status st = KLL_OK;

	for (i = 0; i <= nf && st == KLL_OK; i++) {
		/* Slot nf is the new column; with keep the old one stays. */
		if (i == r->col && !r->o->keep)
			continue;
		f = i < nf ? kll_csv_field(r->c, i, &n) : name;
		n = strlen(f);
		if (n == 0)
			continue;
		if (kll__map_get(&seen, f, n, &j))
			st = dup_name(r, f, j, i, nf, err);
		else if (kll__map_put(&seen, f, n, (uint32_t)i) < 0)
			st = kll__nomem(err);
	}
	kll__map_free(&seen);
	return st;
}

static kll_status
header(struct run *r, size_t nf, kll_error *err)
{
	const char *name = r->o->output_name, *old;
	kll__buf b = { NULL, 0, 0 };
	size_t n;
	kll_status st;

	if ((st = find_column(r, nf, err)) != KLL_OK)
		return st;
	old = kll_csv_field(r->c, r->col, &n);
	if (name == NULL && r->o->keep) {
		if (kll__buf_add(&b, old, n) < 0 ||
		    kll__buf_adds(&b, "_to") < 0) {
			kll__buf_free(&b);
			return kll__nomem(err);
		}
		name = b.p;
	} else if (name == NULL) {
		name = old;
	}
	if ((st = unique_names(r, nf, name, err)) == KLL_OK)
		wr_row(&r->w, r->c, nf, r->col, r->o->keep, name,
		    strlen(name));
	kll__buf_free(&b);
	return st;
}

/* The index in t->t of entry e's best target. */
static size_t
best_of(const struct table *t, const struct entry *e)
{
	size_t i, b = e->first;

	for (i = e->first + 1; i < e->first + e->n; i++)
		if (better(&t->t[i], &t->t[b]))
			b = i;
	return b;
}

static size_t
chars(const char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xc0) != 0x80;
	return k;
}

/* Refuse a code with a byte not valid in the table's encoding, at its
 * column counted in characters from the fields as read. */
static kll_status
bad_code(struct run *r, const char *f, size_t at, kll_error *err)
{
	size_t i, n, col = 1;
	const char *g;

	for (i = 0; i < r->col; i++) {
		g = kll_csv_field(r->c, i, &n);
		col += chars(g, n) + 1;
	}
	col += chars(f, at);
	refuse(err, r, (unsigned)col, "encoding-invalid",
	    "byte 0x%02x of the code in column %zu is not valid %s",
	    KLL__ESC_BYTE(f + at), r->col + 1, kll__feed_encoding(r->feed));
	if (err != NULL)
		err->code = KLL_EENCODING;
	return KLL_EENCODING;
}

static void
warn(const struct run *r, unsigned line, const char *fmt, ...)
    KLL__PRINTF(3, 4);

static void
warn(const struct run *r, unsigned line, const char *fmt, ...)
{
	kll_error d;
	va_list ap;

	if (r->o->diag == NULL)
		return;
	kll__error_set(&d, KLL_OK, r->name, line, 0, "%s", "");
	d.severity = KLL_SEV_WARNING;
	snprintf(d.rule, sizeof(d.rule), "apply-bad-byte");
	va_start(ap, fmt);
	vsnprintf(d.msg, sizeof(d.msg), fmt, ap);
	va_end(ap);
	r->o->diag(r->o->diag_payload, &d);
}

/* After a row is written: a warning when it passed a bad byte. */
static void
note_bad(struct run *r)
{
	if (r->w.bad_col == 0)
		return;
	if (++r->st.badbytes <= MAX_WARNED)
		warn(r, kll_csv_line(r->c),
		    "byte 0x%02x in column %zu is not valid %s: passed "
		    "through unchanged",
		    r->w.bad_byte, r->w.bad_col, kll__feed_encoding(r->feed));
	r->w.bad_col = 0;
}

/* The row with its code "f" (n bytes) recoded. */
static kll_status
recode(struct run *r, size_t nf, const char *f, size_t n, kll_error *err)
{
	const kll_apply_opts *o = r->o;
	struct entry *e;
	size_t i;

	if ((e = table_find(&r->t, f, n)) == NULL) {
		r->st.unmapped++;
		if (o->unmapped == KLL_UNMAPPED_FAIL)
			return refuse(err, r, 0, "apply-unmapped",
			    "code '%.*s' has no target in the key", (int)n, f);
		if (note_miss(&r->t, f, n, &r->st.unlisted) < 0)
			return kll__nomem(err);
		r->st.written++;
		if (o->unmapped == KLL_UNMAPPED_EMPTY)
			n = 0;
		wr_row(&r->w, r->c, nf, r->col, o->keep, f, n);
		return KLL_OK;
	}
	if (e->n == 1) {
		r->st.mapped++;
	} else {
		r->st.multi++;
		e->rows++;
		if (o->multi == KLL_MULTI_FAIL)
			return refuse(err, r, 0, "apply-multi",
			    "code '%.*s' has %u targets", (int)n, f,
			    (unsigned)e->n);
	}
	if (o->multi == KLL_MULTI_BEST) {
		f = r->t.t[best_of(&r->t, e)].t;
		r->st.written++;
		wr_row(&r->w, r->c, nf, r->col, o->keep, f, strlen(f));
		return KLL_OK;
	}
	for (i = 0; i < e->n; i++) {
		f = r->t.t[e->first + i].t;
		r->st.written++;
		wr_row(&r->w, r->c, nf, r->col, o->keep, f, strlen(f));
		if (o->multi == KLL_MULTI_FIRST)
			break;
	}
	return KLL_OK;
}

/* Recode the current data row. */
static kll_status
row(struct run *r, size_t nf, kll_error *err)
{
	const char *f;
	size_t n, at;

	if (nf == 1 && kll_csv_field(r->c, 0, &n) != NULL && n == 0) {
		wr_putc(&r->w, '\n'); /* a blank line stays */
		return KLL_OK;
	}
	if (r->col >= nf)
		return kll__error_set(err, KLL_ESYNTAX, r->name,
		    kll_csv_line(r->c), 0,
		    "the row has %zu field%s: no column %zu", nf,
		    nf == 1 ? "" : "s", r->col + 1);
	r->st.rows++;
	f = kll_csv_field(r->c, r->col, &n);
	if (n == 0) {
		r->st.empty++;
		r->st.written++;
		wr_row(&r->w, r->c, nf, r->col, r->o->keep, "", 0);
		return KLL_OK;
	}
	if ((at = kll__esc_find(f, n)) < n)
		return bad_code(r, f, at, err);
	return recode(r, nf, f, n, err);
}

static kll_status
stream(struct run *r, kll_error *err)
{
	kll_status st;
	size_t nf;
	int first = !r->o->no_header;

	for (;;) {
		if ((st = kll_csv_next(r->c, &nf, err)) != KLL_OK)
			return st;
		if (nf == 0)
			break;
		if (r->w.sep == 0)
			r->w.sep = kll_csv_sep(r->c);
		if (first) {
			first = 0;
			st = header(r, nf, err);
		} else {
			st = row(r, nf, err);
		}
		if (st != KLL_OK)
			return st;
		note_bad(r);
		/* The first record recoded: the header may go out. */
		if (r->w.hold && r->st.rows > 0)
			wr_release(&r->w);
	}
	if (r->st.badbytes > MAX_WARNED)
		warn(r, 0,
		    "%llu more rows with bytes not valid %s passed through "
		    "unchanged",
		    r->st.badbytes - MAX_WARNED, kll__feed_encoding(r->feed));
	wr_release(&r->w);
	return KLL_OK;
}

/* Read the table through its decoder and recode it. */
static kll_status
run_table(struct run *r, const char *path, kll_error *err)
{
	kll_csv_opts co = KLL_CSV_OPTS_INIT;
	kll_status st;

	co.sep = r->o->sep;
	if ((st = kll__feed_open(&r->c, &r->feed, path, r->o->encoding,
	         KLL__DEC_PASS, &co, err)) != KLL_OK)
		return st;
	st = stream(r, err);
	kll_csv_free(r->c);
	r->c = NULL;
	st = kll__feed_end(r->feed, st, err);
	r->feed = NULL;
	return st;
}

kll_status
kll_mapset_apply(const kll_mapset *m, const char *path, FILE *out,
    const char *outname, const kll_apply_opts *opts, kll_apply_stats *stats,
    kll_error *err)
{
	struct run r;
	kll_status st;

	memset(&r, 0, sizeof(r));
	if (m == NULL || path == NULL || out == NULL || opts == NULL)
		return kll__error_set(err, KLL_EARG, NULL, 0, 0,
		    "no key, table, output or options");
	r.o = opts;
	r.outname = outname ? outname : "<output>";
	r.name = kll__display_name(path);
	r.w.fp = out;
	r.w.hold = 1;
	if (opts->no_header && (st = find_column(&r, 0, err)) != KLL_OK)
		return st;
	if ((r.w.buf = kll__malloc(OUTBUF)) == NULL) {
		st = kll__nomem(err);
		goto out;
	}
	if ((st = table_build(&r.t, m, opts, err)) != KLL_OK)
		goto out;
	st = run_table(&r, path, err);
	if (r.w.hold) /* failed before the first record: nothing out */
		r.w.n = 0;
	wr_flush(&r.w);
	if (!r.w.failed && (fflush(out) != 0 || ferror(out))) {
		r.w.failed = 1;
		r.w.eno = errno;
	}
	if (r.w.failed) {
		st = kll__error_set(err, KLL_EIO, r.outname, 0, 0,
		    "write error: %s", strerror(r.w.eno ? r.w.eno : EIO));
		goto out;
	}
	if (st == KLL_OK)
		st = report(&r.t, opts, err);
out:
	if (stats != NULL)
		*stats = r.st;
	table_free(&r.t);
	kll__buf_free(&r.w.held);
	free(r.w.buf);
	return st;
}
