/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map_learn.c: a key learnt from evidence, things coded in both
 * vocabularies, each pair's predicate from its share of the evidence of
 * its subject and of its object; and the audit of a key against such
 * evidence.  The evidence is read as a stream into a table of pair
 * counts, so memory grows with the distinct pairs, not with the rows. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* A pair's count: the key is subject << 32 | object, concept numbers
 * that are never 0, so 0 marks an empty cell. */
typedef struct cell {
	uint64_t key;
	uint64_t n;
	unsigned line; /* where the evidence first gives the pair */
} cell;

typedef struct table {
	cell *c;
	size_t used, cap; /* cap: 0 or a power of 2 */
} table;

typedef struct learn {
	const kll_learn_opts *o;
	kll_mapimport_opts io; /* o->imp, the vocabularies filled in */
	kll__imp *im;
	kll_error *err;
	kll_error local;
	const char *name; /* the evidence, for messages */
	table t;
	uint64_t *tot[2]; /* per concept number: its evidence */
	kll_learn_stats st;
	kll__problems found; /* the audit's findings, to the sink */
	char src[2][1024];   /* the key's sources as IRIs (audit) */
} learn;

/* The largest count one row of a cross-table may give: with at most
 * UINT_MAX rows, no total can overflow. */
#define MAX_ROW_COUNT 4294967295ULL

static uint64_t
mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

static uint64_t
pair_key(uint32_t s, uint32_t o)
{
	return (uint64_t)s << 32 | o;
}

static cell *
probe(const table *t, uint64_t key)
{
	size_t i = (size_t)mix(key) & (t->cap - 1);

	while (t->c[i].key != 0 && t->c[i].key != key)
		i = (i + 1) & (t->cap - 1);
	return &t->c[i];
}

static kll_status
grow(table *t)
{
	table nt;
	size_t i;

	nt.cap = t->cap ? t->cap * 2 : 1024;
	nt.used = t->used;
	if ((nt.c = kll__calloc(nt.cap, sizeof(*nt.c))) == NULL)
		return KLL_ENOMEM;
	for (i = 0; i < t->cap; i++)
		if (t->c[i].key != 0)
			*probe(&nt, t->c[i].key) = t->c[i];
	free(t->c);
	*t = nt;
	return KLL_OK;
}

static kll_status
add_count(table *t, uint64_t key, uint64_t n, unsigned line)
{
	cell *c;

	if ((t->used + 1) * 2 > t->cap && grow(t) != KLL_OK)
		return KLL_ENOMEM;
	c = probe(t, key);
	if (c->key == 0) {
		c->key = key;
		c->line = line;
		t->used++;
	}
	c->n += n;
	return KLL_OK;
}

static uint64_t
get_count(const table *t, uint64_t key)
{
	const cell *c;

	if (t->cap == 0)
		return 0;
	c = probe(t, key);
	return c->key != 0 ? c->n : 0;
}

kll_pred
kll_learn_rule(double *confidence, unsigned long long n,
    unsigned long long s_total, unsigned long long o_total,
    const kll_learn_opts *opts)
{
	double a = s_total ? (double)n / (double)s_total : 0.0;
	double b = o_total ? (double)n / (double)o_total : 0.0;
	double t = opts->exact_share, c = opts->close_share, conf;
	kll_pred p;

	if (a >= t && b >= t) {
		p = KLL_PRED_EXACT;
		conf = a < b ? a : b;
	} else if (b >= t) {
		p = KLL_PRED_NARROW;
		conf = b;
	} else if (a >= t) {
		p = KLL_PRED_BROAD;
		conf = a;
	} else if (a >= c && b >= c) {
		p = KLL_PRED_CLOSE;
		conf = a < b ? a : b;
	} else {
		p = KLL_PRED_RELATED;
		conf = a > b ? a : b;
	}
	if (confidence != NULL)
		*confidence = conf;
	return p;
}

/* Whether the shares bear out predicate "p" (the audit's rule). */
static int
borne_out(kll_pred p, uint64_t n, uint64_t s_total, uint64_t o_total,
    const kll_learn_opts *o)
{
	double a = (double)n / (double)s_total, b = (double)n / (double)o_total;

	switch (p) {
	case KLL_PRED_EXACT:
	case KLL_PRED_EQUIVALENT:
	case KLL_PRED_SAME_AS:
		return a >= o->exact_share && b >= o->exact_share;
	case KLL_PRED_NARROW:
		return b >= o->exact_share;
	case KLL_PRED_BROAD:
	case KLL_PRED_SUBCLASS:
		return a >= o->exact_share;
	case KLL_PRED_CLOSE:
		return a >= o->close_share && b >= o->close_share;
	default:
		return 1;
	}
}

/* A count of a cross-table: a whole number 0 .. MAX_ROW_COUNT. */
static int
parse_count(const char *s, uint64_t *out)
{
	unsigned long long v;
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > MAX_ROW_COUNT)
		return -1;
	*out = v;
	return 0;
}

static kll_status
read_row(learn *l, kll_csv *c, size_t nf, const int col[3])
{
	kll__problems *pr = kll__imp_problems(l->im);
	unsigned line = kll_csv_line(c);
	const char *code[2];
	uint32_t idx[2];
	uint64_t n = 1;
	int k;

	l->st.rows++;
	if ((size_t)col[0] >= nf || (size_t)col[1] >= nf ||
	    (col[2] >= 0 && (size_t)col[2] >= nf)) {
		kll__problem(pr, l->name, line, "map-columns",
		    "row has %zu field%s, too few for the columns", nf,
		    nf == 1 ? "" : "s");
		return KLL_OK;
	}
	if (col[2] >= 0 &&
	    parse_count(kll_csv_field(c, (size_t)col[2], NULL), &n) < 0) {
		kll__problem(pr, l->name, line, "learn-bad-count",
		    "the count is not a whole number from 0 to %llu",
		    MAX_ROW_COUNT);
		return KLL_OK;
	}
	code[0] = kll_csv_field(c, (size_t)col[0], NULL);
	code[1] = kll_csv_field(c, (size_t)col[1], NULL);
	if (*code[0] == '\0' || *code[1] == '\0' || n == 0) {
		l->st.skipped++;
		return KLL_OK;
	}
	for (k = 0; k < 2; k++)
		idx[k] = kll__imp_lookup(l->im, k, code[k], l->name, line);
	if (idx[0] == 0 || idx[1] == 0)
		return KLL_OK;
	l->st.total += n;
	l->tot[0][idx[0]] += n;
	l->tot[1][idx[1]] += n;
	return add_count(&l->t, pair_key(idx[0], idx[1]), n, line);
}

static kll_status
read_header(learn *l, kll_csv *c, size_t nf, int col[3])
{
	const kll_learn_opts *o = l->o;
	const char *want[3] = { o->imp.subject_column ? o->imp.subject_column :
		                                        "1",
		o->imp.object_column ? o->imp.object_column : "2",
		o->count_column };
	int i;

	for (i = 0; i < 3; i++)
		if ((col[i] = kll__imp_column(c, nf, want[i])) == -2)
			return kll__error_set(l->err, KLL_EARG, l->name,
			    kll_csv_line(c), 0, "no column '%s' in the header",
			    want[i]);
	return KLL_OK;
}

static kll_status
read_evidence(learn *l, const char *path)
{
	kll_csv_opts co = KLL_CSV_OPTS_INIT;
	kll_csv *c = NULL;
	size_t nf;
	int col[3], header = 1;
	kll_status st;

	l->name = kll__display_name(path);
	co.sep = l->o->imp.sep;
	if ((st = kll_csv_open(&c, path, &co, l->err)) != KLL_OK)
		return st;
	while ((st = kll_csv_next(c, &nf, l->err)) == KLL_OK && nf > 0) {
		if (nf == 1 && *kll_csv_field(c, 0, NULL) == '\0')
			continue;
		if (header) {
			if ((st = read_header(l, c, nf, col)) != KLL_OK)
				break;
			header = 0;
		} else if ((st = read_row(l, c, nf, col)) != KLL_OK) {
			kll__error_set(l->err, st, l->name, kll_csv_line(c), 0,
			    "out of memory");
			break;
		}
	}
	if (st == KLL_OK && header)
		st = kll__error_set(l->err, KLL_EINVALID, l->name, 0, 0,
		    "the table is empty: no header line");
	if (st == KLL_OK && kll__imp_problems(l->im)->n > 0)
		st = KLL_EINVALID;
	kll_csv_free(c);
	return st;
}

static kll_status
check_opts(const kll_learn_opts *o, kll_error *err)
{
	if (!(o->exact_share > 0.5 && o->exact_share <= 1.0))
		return kll__error_set(err, KLL_EARG, NULL, 0, 0,
		    "the exact share must be above 0.5 and at most 1");
	if (!(o->close_share > 0.0 && o->close_share <= 1.0))
		return kll__error_set(err, KLL_EARG, NULL, 0, 0,
		    "the close share must be above 0 and at most 1");
	if (o->min_count < 1)
		return kll__error_set(err, KLL_EARG, NULL, 0, 0,
		    "the minimum count must be 1 or more");
	return KLL_OK;
}

/* Open both sides and read the evidence. */
static kll_status
start(learn *l, const char *path)
{
	kll_status st;
	int k;

	if ((st = check_opts(l->o, l->err)) != KLL_OK ||
	    (st = kll__imp_open(&l->im, &l->io, l->err)) != KLL_OK)
		return st;
	for (k = 0; k < 2; k++)
		if ((l->tot[k] = kll__calloc(
		         kll_vocab_count(kll__imp_vocab(l->im, k)) + 1,
		         sizeof(*l->tot[k]))) == NULL)
			return KLL_ENOMEM;
	if ((st = read_evidence(l, path)) != KLL_OK)
		return st;
	l->st.pairs = l->t.used;
	return KLL_OK;
}

static void
finish(learn *l, kll_learn_stats *stats)
{
	if (stats != NULL)
		*stats = l->st;
	kll__imp_free(l->im);
	free(l->tot[0]);
	free(l->tot[1]);
	free(l->t.c);
}

static kll_status
set_count(learn *l, size_t rec, const char *slot, uint64_t v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)v);
	return kll_mapset_set_extra(
	    kll__imp_mapset(l->im), rec, slot, buf, l->err);
}

/* A record for pair (s, o): learnt from n rows of evidence, or, with n
 * below min_count, from the shape of the pairs table. */
static kll_status
add_record(learn *l, uint32_t s, uint32_t o, uint64_t n)
{
	kll_mapset *m = kll__imp_mapset(l->im);
	uint32_t out = kll__imp_degrees(l->im, 0)[s];
	uint32_t in = kll__imp_degrees(l->im, 1)[o];
	const char *pred, *just;
	char buf[160];
	double conf = 0;
	size_t rec;
	kll_status st;

	if ((st = kll_mapset_add(m, &rec, l->err)) != KLL_OK ||
	    (st = kll__imp_side(l->im, rec, 0, s)) != KLL_OK ||
	    (st = kll__imp_side(l->im, rec, 1, o)) != KLL_OK ||
	    (st = kll_mapset_set(m, rec, KLL_SLOT_MAPPING_CARDINALITY,
	         kll__shape_cardinality(out, in), l->err)) != KLL_OK ||
	    (st = kll_mapset_set(m, rec, KLL_SLOT_AUTHOR_LABEL,
	         l->o->author_label, l->err)) != KLL_OK)
		return st;
	if (n < l->o->min_count) {
		pred = kll__shape_predicate(out, in);
		just = "semapv:ManualMappingCuration";
		if (l->o->min_count == 1)
			snprintf(buf, sizeof(buf),
			    "no evidence: predicate "
			    "from the shape of the key");
		else
			snprintf(buf, sizeof(buf),
			    "fewer than %lu rows of evidence: predicate from "
			    "the shape of the key",
			    l->o->min_count);
		l->st.thin++;
		if ((st = kll_mapset_set(
		         m, rec, KLL_SLOT_COMMENT, buf, l->err)) != KLL_OK)
			return st;
	} else {
		pred = kll_pred_curie(
		    kll_learn_rule(&conf, n, l->tot[0][s], l->tot[1][o], l->o));
		just = l->io.justification ? l->io.justification :
		                             "semapv:InstanceBasedMatching";
		snprintf(buf, sizeof(buf), "%.6f", conf);
		if ((st = kll_mapset_set(
		         m, rec, KLL_SLOT_CONFIDENCE, buf, l->err)) != KLL_OK ||
		    (st = set_count(l, rec, "evidence_count", n)) != KLL_OK ||
		    (st = set_count(
		         l, rec, "subject_evidence", l->tot[0][s])) != KLL_OK ||
		    (st = set_count(l, rec, "object_evidence", l->tot[1][o])) !=
		        KLL_OK)
			return st;
	}
	l->st.written++;
	if ((st = kll_mapset_set(
	         m, rec, KLL_SLOT_PREDICATE_ID, pred, l->err)) != KLL_OK)
		return st;
	return kll_mapset_set(
	    m, rec, KLL_SLOT_MAPPING_JUSTIFICATION, just, l->err);
}

/* The set metadata: import's, kll as the tool, the count slots. */
static kll_status
set_meta(learn *l)
{
	static const char *const ext[] = { "evidence_count", "subject_evidence",
		"object_evidence" };
	kll_mapset *m = kll__imp_mapset(l->im);
	const char *kll = kll_mapset_prefix(m, "kll");
	char prop[64];
	kll_status st;
	size_t i;

	if ((st = kll__imp_meta(l->im)) != KLL_OK ||
	    (st = kll_mapset_set_meta(m, "mapping_tool", "kll", l->err)) !=
	        KLL_OK ||
	    (st = kll_mapset_set_meta(
	         m, "mapping_tool_version", KLL_VERSION, l->err)) != KLL_OK)
		return st;
	if (kll == NULL && (st = kll_mapset_add_prefix(
	                        m, "kll", KLL_BASE_IRI, l->err)) != KLL_OK)
		return st;
	kll = kll_mapset_prefix(m, "kll");
	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		snprintf(prop, sizeof(prop), "kll:%s", ext[i]);
		if ((st = kll_mapset_define_extension(m, ext[i],
		         strcmp(kll, KLL_BASE_IRI) == 0 ? prop : NULL,
		         "xsd:integer", l->err)) != KLL_OK)
			return st;
	}
	return KLL_OK;
}

static int
cmp_key(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Every pair of the evidence seen min_count times or more. */
static kll_status
learn_all(learn *l)
{
	uint32_t *deg[2] = { kll__imp_degrees(l->im, 0),
		kll__imp_degrees(l->im, 1) };
	uint64_t *keys = NULL;
	size_t i, n = 0;
	kll_status st = KLL_OK;

	if ((keys = kll__malloc((l->t.used + 1) * sizeof(*keys))) == NULL)
		return KLL_ENOMEM;
	for (i = 0; i < l->t.cap; i++) {
		if (l->t.c[i].key == 0)
			continue;
		if (l->t.c[i].n < l->o->min_count) {
			l->st.dropped++;
			continue;
		}
		keys[n++] = l->t.c[i].key;
		deg[0][l->t.c[i].key >> 32]++;
		deg[1][l->t.c[i].key & 0xffffffffu]++;
	}
	qsort(keys, n, sizeof(*keys), cmp_key);
	for (i = 0; i < n && st == KLL_OK; i++)
		st = add_record(l, (uint32_t)(keys[i] >> 32),
		    (uint32_t)(keys[i] & 0xffffffffu),
		    get_count(&l->t, keys[i]));
	free(keys);
	return st;
}

/* Exactly the pairs of the table o->pairs. */
static kll_status
learn_pairs(learn *l)
{
	table key = { NULL, 0, 0 };
	uint32_t s, o;
	size_t i;
	kll_status st;

	if ((st = kll__imp_read(l->im, l->o->pairs)) != KLL_OK)
		return st;
	for (i = 0; i < kll__imp_npairs(l->im); i++) {
		kll__imp_pair(l->im, i, &s, &o);
		if (o == 0)
			continue; /* the table says nothing corresponds */
		if ((st = add_count(&key, pair_key(s, o), 1, 0)) != KLL_OK ||
		    (st = add_record(
		         l, s, o, get_count(&l->t, pair_key(s, o)))) != KLL_OK)
			goto out;
	}
	for (i = 0; i < l->t.cap; i++) {
		if (l->t.c[i].key == 0)
			continue;
		if (l->t.c[i].n < l->o->min_count)
			l->st.dropped++;
		else if (get_count(&key, l->t.c[i].key) == 0)
			l->st.unkeyed++;
	}
out:
	free(key.c);
	return st;
}

static void
learn_init(learn *l, const kll_learn_opts *opts, kll_error *err)
{
	memset(l, 0, sizeof(*l));
	l->o = opts;
	l->io = opts->imp;
	l->err = err ? err : &l->local;
	l->found.fn = opts->imp.diag;
	l->found.payload = opts->imp.payload;
}

kll_status
kll_mapset_learn(kll_mapset **out, kll_learn_stats *stats, const char *path,
    const kll_learn_opts *opts, kll_error *err)
{
	learn l;
	kll_status st;

	*out = NULL;
	learn_init(&l, opts, err);
	if ((st = start(&l, path)) == KLL_OK && (st = set_meta(&l)) == KLL_OK &&
	    (st = opts->pairs ? learn_pairs(&l) : learn_all(&l)) == KLL_OK) {
		if (l.st.written == 0)
			st = kll__error_set(l.err, KLL_EINVALID, l.name, 0, 0,
			    "no pair is seen %lu time%s or more",
			    opts->min_count, opts->min_count == 1 ? "" : "s");
		else {
			kll_mapset_sort(kll__imp_mapset(l.im));
			*out = kll__imp_take(l.im);
		}
	}
	if (st == KLL_ENOMEM)
		kll__error_set(l.err, st, l.name, 0, 0, "out of memory");
	finish(&l, stats);
	return st;
}

/* ------------------------------------------------------------------ */
/* Audit                                                                */

/* The vocabularies: the options', else the key's sources as IRIs. */
static kll_status
key_sources(learn *l, const kll_mapset *key)
{
	static const char *const slot[2] = { "subject_source",
		"object_source" };
	const char **want[2] = { &l->io.subject_vocab, &l->io.object_vocab };
	const char *v;
	size_t n;
	int k;

	for (k = 0; k < 2; k++) {
		if (*want[k] != NULL)
			continue;
		if ((v = kll_mapset_meta(key, slot[k])) == NULL)
			return kll__error_set(l->err, KLL_ENOTFOUND,
			    kll_mapset_path(key), 0, 0,
			    "the key names no %s: give the vocabulary",
			    slot[k]);
		n = kll_mapset_expand(key, v, l->src[k], sizeof(l->src[k]));
		*want[k] = n > 0 && n < sizeof(l->src[k]) ? l->src[k] : v;
	}
	return KLL_OK;
}

static const char *
notation(learn *l, int k, uint32_t idx)
{
	return kll_concept_notation(
	    kll_vocab_at(kll__imp_vocab(l->im, k), idx - 1));
}

/* One record of the key against the evidence. */
static kll_status
audit_record(learn *l, const kll_mapset *key, size_t rec, table *seen)
{
	const kll_concept *c[2];
	const char *sid = kll_mapset_get(key, rec, KLL_SLOT_SUBJECT_ID);
	const char *oid = kll_mapset_get(key, rec, KLL_SLOT_OBJECT_ID);
	const char *pid = kll_mapset_get(key, rec, KLL_SLOT_PREDICATE_ID);
	const char *file = kll_mapset_path(key);
	unsigned line = kll_mapset_line(key, rec);
	uint32_t s, o;
	uint64_t n;
	double conf;
	kll_pred want;
	int k;

	if (kll_mapset_get(key, rec, KLL_SLOT_PREDICATE_MODIFIER) != NULL ||
	    (oid != NULL && strcmp(oid, "sssom:NoTermFound") == 0))
		return KLL_OK;
	for (k = 0; k < 2; k++)
		c[k] = kll_mapset_concept(
		    key, rec, (kll_side)k, kll__imp_vocab(l->im, k));
	if (c[0] == NULL || c[1] == NULL) {
		kll__problem(&l->found, file, line, "learn-unknown-code",
		    "'%s' is no concept of %s", c[0] ? oid : sid,
		    kll_vocab_id(kll__imp_vocab(l->im, c[0] ? 1 : 0)));
		return KLL_OK;
	}
	s = (uint32_t)kll_concept_index(c[0]) + 1;
	o = (uint32_t)kll_concept_index(c[1]) + 1;
	if (add_count(seen, pair_key(s, o), 1, line) != KLL_OK)
		return KLL_ENOMEM;
	n = get_count(&l->t, pair_key(s, o));
	if (n < l->o->min_count) {
		if (l->o->min_count == 1)
			kll__problem(&l->found, file, line, "learn-no-evidence",
			    "no evidence for %s %s %s", sid, pid, oid);
		else
			kll__problem(&l->found, file, line, "learn-no-evidence",
			    "fewer than %lu rows of evidence for %s %s %s",
			    l->o->min_count, sid, pid, oid);
		return KLL_OK;
	}
	if (borne_out(
	        kll_mapset_pred(key, rec), n, l->tot[0][s], l->tot[1][o], l->o))
		return KLL_OK;
	want = kll_learn_rule(&conf, n, l->tot[0][s], l->tot[1][o], l->o);
	kll__problem(&l->found, file, line, "learn-contradicted",
	    "the evidence does not bear out %s %s %s: %llu of the "
	    "subject's %llu, of the object's %llu; it gives %s",
	    sid, pid, oid, (unsigned long long)n,
	    (unsigned long long)l->tot[0][s], (unsigned long long)l->tot[1][o],
	    kll_pred_curie(want));
	return KLL_OK;
}

static int
cmp_line(const void *a, const void *b)
{
	const cell *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->key < y->key ? -1 : x->key > y->key;
}

/* The pairs of the evidence that no record has, in the evidence's order. */
static kll_status
audit_unkeyed(learn *l, const table *seen)
{
	cell *v;
	size_t i, n = 0;

	if ((v = kll__malloc((l->t.used + 1) * sizeof(*v))) == NULL)
		return KLL_ENOMEM;
	for (i = 0; i < l->t.cap; i++) {
		if (l->t.c[i].key == 0)
			continue;
		if (l->t.c[i].n < l->o->min_count)
			l->st.dropped++;
		else if (get_count(seen, l->t.c[i].key) == 0)
			v[n++] = l->t.c[i];
	}
	qsort(v, n, sizeof(*v), cmp_line);
	for (i = 0; i < n; i++)
		kll__problem(&l->found, l->name, v[i].line, "learn-not-in-key",
		    "%s and %s: %llu row%s of evidence, no pair in the key",
		    notation(l, 0, (uint32_t)(v[i].key >> 32)),
		    notation(l, 1, (uint32_t)(v[i].key & 0xffffffffu)),
		    (unsigned long long)v[i].n, v[i].n == 1 ? "" : "s");
	l->st.unkeyed = n;
	free(v);
	return KLL_OK;
}

kll_status
kll_mapset_audit(size_t *nfindings, kll_learn_stats *stats,
    const kll_mapset *key, const char *path, const kll_learn_opts *opts,
    kll_error *err)
{
	table seen = { NULL, 0, 0 };
	learn l;
	size_t i;
	kll_status st;

	*nfindings = 0;
	learn_init(&l, opts, err);
	if ((st = key_sources(&l, key)) == KLL_OK &&
	    (st = start(&l, path)) == KLL_OK) {
		for (i = 0; i < kll_mapset_count(key) && st == KLL_OK; i++)
			st = audit_record(&l, key, i, &seen);
		l.st.written = kll_mapset_count(key);
		if (st == KLL_OK)
			st = audit_unkeyed(&l, &seen);
	}
	if (st == KLL_ENOMEM)
		kll__error_set(l.err, st, l.name, 0, 0, "out of memory");
	*nfindings = l.found.n;
	free(seen.c);
	finish(&l, stats);
	return st;
}
