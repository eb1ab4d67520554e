/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map_stats.c: what a translation key holds: rows by predicate and by
 * actual cardinality, distinct codes, and coverage of each side's
 * vocabulary by level; the actual cardinality of each record. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define NTF_IRI  "https://w3id.org/sssom/NoTermFound"
#define MAXLEVEL 64

/* The distinct CURIEs of one side and the concepts they name. */
struct tally {
	const kll_vocab *v;
	kll__map ids;             /* CURIE -> index in what[] */
	const kll_concept **what; /* NULL: no concept */
	unsigned char *ntf;       /* per CURIE: sssom:NoTermFound */
	size_t n, cap;
	unsigned char *mapped; /* per concept */
	const char *last;
	uint32_t lastid;
};

static void
tally_free(struct tally *t)
{
	kll__map_free(&t->ids);
	free((void *)t->what);
	free(t->ntf);
	free(t->mapped);
}

static int
tally_grow(struct tally *t)
{
	size_t cap = t->cap ? t->cap * 2 : 64;
	const kll_concept **w;
	unsigned char *f;

	if (t->n < t->cap)
		return 0;
	if ((w = kll__realloc((void *)t->what, cap * sizeof(*w))) == NULL)
		return -1;
	t->what = w;
	if ((f = kll__realloc(t->ntf, cap)) == NULL)
		return -1;
	t->ntf = f;
	t->cap = cap;
	return 0;
}

/* The index of "curie" on this side, added when new; -1 when out of
 * memory. */
static long
tally_id(struct tally *t, const kll_mapset *m, const char *curie)
{
	size_t len = strlen(curie), n;
	char iri[1024];
	uint32_t id;

	if (t->last != NULL && strcmp(curie, t->last) == 0)
		return (long)t->lastid;
	if (!kll__map_get(&t->ids, curie, len, &id)) {
		if (tally_grow(t) < 0 ||
		    kll__map_put(&t->ids, curie, len, (uint32_t)t->n) < 0)
			return -1;
		id = (uint32_t)t->n++;
		n = kll_mapset_expand(m, curie, iri, sizeof(iri));
		t->ntf[id] =
		    n > 0 && n < sizeof(iri) && strcmp(iri, NTF_IRI) == 0;
		t->what[id] = t->v != NULL && n > 0 && n < sizeof(iri) ?
		                  kll_vocab_find_iri(t->v, iri) :
		                  NULL;
	}
	t->last = curie;
	t->lastid = id;
	return (long)id;
}

static int
pred_cmp(const void *a, const void *b)
{
	const kll_mapstats_pred *x = a, *y = b;
	int d = strcmp(x->predicate, y->predicate);

	return d != 0 ? d : x->negated - y->negated;
}

/* Count a record's predicate and modifier. */
static int
count_pred(kll_mapstats *s, size_t *cap, const char *p, int neg)
{
	kll_mapstats_pred *q;
	size_t i;

	for (i = s->npreds; i-- > 0;)
		if (s->preds[i].negated == neg &&
		    (s->preds[i].predicate == p ||
		        strcmp(s->preds[i].predicate, p) == 0)) {
			s->preds[i].rows++;
			return 0;
		}
	if (s->npreds == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		if ((q = kll__realloc(s->preds, *cap * sizeof(*q))) == NULL)
			return -1;
		s->preds = q;
	}
	q = &s->preds[s->npreds++];
	q->predicate = p;
	q->negated = neg;
	q->rows = 1;
	return 0;
}

/* Coverage of side k by level. */
static int
coverage(kll_mapstats *s, int k, const struct tally *t)
{
	size_t total[MAXLEVEL + 1], mapped[MAXLEVEL + 1], i, n;
	kll_mapstats_level *l;
	int lv, d;

	memset(total, 0, sizeof(total));
	memset(mapped, 0, sizeof(mapped));
	n = kll_vocab_count(t->v);
	for (i = 0; i < n; i++) {
		/* A deprecated concept needs no mapping. */
		if (kll_concept_deprecated(kll_vocab_at(t->v, i)))
			continue;
		lv = kll_concept_level(kll_vocab_at(t->v, i));
		lv = lv > MAXLEVEL ? MAXLEVEL : lv;
		total[lv]++;
		mapped[lv] += t->mapped[i];
	}
	if ((s->levels[k] = kll__calloc(MAXLEVEL + 1, sizeof(*l))) == NULL)
		return -1;
	for (d = 1; d <= MAXLEVEL + 1; d++) {
		lv = d % (MAXLEVEL + 1); /* level 0, no level, comes last */
		if (total[lv] == 0)
			continue;
		l = &s->levels[k][s->nlevels[k]++];
		l->level = lv;
		l->concepts = total[lv];
		l->mapped = mapped[lv];
	}
	return 0;
}

/* One record: its predicate, its codes, what it maps. */
static int
count_row(kll_mapstats *s, size_t *pcap, struct tally *t, const kll_mapset *m,
    size_t r)
{
	static const kll_slot ids[2] = { KLL_SLOT_SUBJECT_ID,
		KLL_SLOT_OBJECT_ID };
	const char *p = kll_mapset_get(m, r, KLL_SLOT_PREDICATE_ID);
	const char *mod = kll_mapset_get(m, r, KLL_SLOT_PREDICATE_MODIFIER);
	const char *curie;
	int neg = mod != NULL && strcmp(mod, "Not") == 0, k;
	long id;

	if (count_pred(s, pcap, p != NULL ? p : "", neg) < 0)
		return -1;
	for (k = 0; k < 2; k++) {
		if ((curie = kll_mapset_get(m, r, ids[k])) == NULL)
			continue;
		if ((id = tally_id(&t[k], m, curie)) < 0)
			return -1;
		if (!neg && t[k].what[id] != NULL)
			t[k].mapped[kll_concept_index(t[k].what[id])] = 1;
	}
	return 0;
}

kll_status
kll_mapset_stats(kll_mapstats *out, const kll_mapset *m,
    const kll_vocab *subject_vocab, const kll_vocab *object_vocab,
    kll_error *err)
{
	struct tally t[2];
	unsigned char *shape = NULL;
	size_t n, r, i, pcap = 0;
	kll_status st = KLL_OK;
	int k;

	memset(out, 0, sizeof(*out));
	memset(t, 0, sizeof(t));
	if (m == NULL)
		return kll__error_set(
		    err, KLL_EARG, NULL, 0, 0, "no mapping set");
	t[0].v = subject_vocab;
	t[1].v = object_vocab;
	n = out->rows = kll_mapset_count(m);
	for (k = 0; k < 2; k++)
		if (t[k].v != NULL &&
		    (t[k].mapped = kll__calloc(
		         kll_vocab_count(t[k].v) + 1, 1)) == NULL)
			goto nomem;
	if ((shape = kll__malloc(n ? n : 1)) == NULL)
		goto nomem;
	if ((st = kll_mapset_cardinalities(shape, m, err)) != KLL_OK)
		goto out;
	for (r = 0; r < n; r++) {
		out->card[shape[r] < KLL_CARD__COUNT ? shape[r] : 0]++;
		if (count_row(out, &pcap, t, m, r) < 0)
			goto nomem;
	}
	qsort(out->preds, out->npreds, sizeof(*out->preds), pred_cmp);
	for (k = 0; k < 2; k++) {
		for (i = 0; i < t[k].n; i++) {
			out->distinct[k] += !t[k].ntf[i];
			out->unknown[k] += t[k].v != NULL && !t[k].ntf[i] &&
			                   t[k].what[i] == NULL;
		}
		if (t[k].v != NULL && coverage(out, k, &t[k]) < 0)
			goto nomem;
	}
	goto out;
nomem:
	st = kll__nomem(err);
out:
	if (st != KLL_OK)
		kll_mapstats_release(out);
	free(shape);
	tally_free(&t[0]);
	tally_free(&t[1]);
	return st;
}

void
kll_mapstats_release(kll_mapstats *s)
{
	if (s == NULL)
		return;
	free(s->preds);
	free(s->levels[0]);
	free(s->levels[1]);
	memset(s, 0, sizeof(*s));
}

/* ------------------------------------------------------------------ */
/* Cardinality names                                                    */

static const char *const card_names[KLL_CARD__COUNT] = { "", "1:1", "1:n",
	"n:1", "n:n", "1:0", "0:1", "0:0" };

const char *
kll_cardinality_name(kll_cardinality c)
{
	if ((int)c < 0 || c >= KLL_CARD__COUNT)
		return "";
	return card_names[c];
}

kll_cardinality
kll_cardinality_from_name(const char *s)
{
	int i;

	if (s == NULL)
		return KLL_CARD_NONE;
	for (i = 1; i < KLL_CARD__COUNT; i++)
		if (strcmp(s, card_names[i]) == 0)
			return (kll_cardinality)i;
	return KLL_CARD_NONE;
}

kll_status
kll_mapset_cardinalities(
    unsigned char *out, const kll_mapset *m, kll_error *err)
{
	if (m == NULL || kll_mapset_count(m) >= UINT32_MAX - 1)
		return kll__error_set(err, KLL_EARG, NULL, 0, 0,
		    m == NULL ? "no mapping set" : "too many records");
	if (kll__mapset_shapes(out, m) < 0)
		return kll__nomem(err);
	return KLL_OK;
}
