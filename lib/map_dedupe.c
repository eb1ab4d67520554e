/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * map_dedupe.c: one record per subject-object pair of a key, the most
 * specific predicate and then the highest confidence.  Predicates are
 * ranked by kll's algebra (map_pred.c) with the few SSSOM predicates it
 * leaves out, and grouped into the kinds that kll-map check holds
 * disjoint (exact, broad, narrow, related), so that a pair that check
 * calls a contradiction is one here too.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define SKOS_NS "http://www.w3.org/2004/02/skos/core#"
#define OWL_NS  "http://www.w3.org/2002/07/owl#"
#define RDFS_NS "http://www.w3.org/2000/01/rdf-schema#"

/* Kinds of predicate; the first four are pairwise disjoint. */
enum { K_NONE = 0, K_EXACT, K_BROAD, K_NARROW, K_RELATED, K_CLOSE, K_ANY };

static int
kind_of(const kll_mapset *m, size_t rec)
{
	const char *id = kll_mapset_get(m, rec, KLL_SLOT_PREDICATE_ID);
	char iri[2048];

	switch (kll_mapset_pred(m, rec)) {
	case KLL_PRED_EXACT:
	case KLL_PRED_EQUIVALENT:
	case KLL_PRED_SAME_AS:
		return K_EXACT;
	case KLL_PRED_BROAD:
	case KLL_PRED_SUBCLASS:
		return K_BROAD;
	case KLL_PRED_NARROW:
		return K_NARROW;
	case KLL_PRED_CLOSE:
		return K_CLOSE;
	case KLL_PRED_RELATED:
		return K_RELATED;
	default:
		break;
	}
	if (id == NULL || kll__curie_expand(m, id, iri, sizeof(iri)) == NULL)
		return K_NONE;
	if (strcmp(iri, OWL_NS "equivalentProperty") == 0)
		return K_EXACT;
	if (strcmp(iri, RDFS_NS "subPropertyOf") == 0)
		return K_BROAD;
	if (strcmp(iri, SKOS_NS "mappingRelation") == 0)
		return K_ANY;
	return K_NONE;
}

int
kll_pred_rank(const kll_mapset *m, size_t rec)
{
	static const int rank[] = { -1, 4, 3, 3, 1, 2, 0 };

	return rank[kind_of(m, rec)];
}

struct dd {
	const kll_mapset *m;
	kll__map pairs; /* "subject TAB object" IRIs -> group */
	kll__arena text;
	uint32_t *first, *next; /* each group's records, in file order */
	size_t ngroups, cap;
	kll__problems probs;
	kll_dedupe_stats st;
};

static const char *
expanded(const kll_mapset *m, size_t rec, kll_slot s, char *buf, size_t size)
{
	const char *v = kll_mapset_get(m, rec, s);

	if (v == NULL)
		return "";
	return kll__curie_expand(m, v, buf, size) ? buf : v;
}

/* Put each record in the group of its pair; -1 out of memory. */
static int
group(struct dd *d)
{
	char sb[2048], ob[2048], *key;
	const char *s, *o;
	size_t rec, n = kll_mapset_count(d->m), len;
	uint32_t g, *last = NULL;
	int rc = -1;

	if ((d->next = kll__malloc((n + 1) * sizeof(uint32_t))) == NULL ||
	    (d->first = kll__malloc((n + 1) * sizeof(uint32_t))) == NULL ||
	    (last = kll__malloc((n + 1) * sizeof(uint32_t))) == NULL)
		goto out;
	for (rec = 0; rec < n; rec++) {
		s = expanded(d->m, rec, KLL_SLOT_SUBJECT_ID, sb, sizeof(sb));
		o = expanded(d->m, rec, KLL_SLOT_OBJECT_ID, ob, sizeof(ob));
		len = strlen(s) + strlen(o) + 2;
		if ((key = kll__arena_alloc(&d->text, len)) == NULL)
			goto out;
		snprintf(key, len, "%s\t%s", s, o);
		d->next[rec] = KLL__ITAB_NONE;
		if (kll__map_get(&d->pairs, key, len - 1, &g)) {
			d->next[last[g]] = (uint32_t)rec;
			last[g] = (uint32_t)rec;
			continue;
		}
		g = (uint32_t)d->ngroups++;
		d->first[g] = last[g] = (uint32_t)rec;
		if (kll__map_put(&d->pairs, key, len - 1, g) < 0)
			goto out;
	}
	rc = 0;
out:
	free(last);
	return rc;
}

/* Whether two records of one pair contradict, as check says. */
static int
contradict(const struct dd *d, uint32_t a, uint32_t b)
{
	int ka = kind_of(d->m, a), kb = kind_of(d->m, b);
	int na = kll__record_negated(d->m, a),
	    nb = kll__record_negated(d->m, b);
	char ia[2048], ib[2048];

	if (na != nb)
		return strcmp(expanded(d->m, a, KLL_SLOT_PREDICATE_ID, ia,
		                  sizeof(ia)),
		           expanded(d->m, b, KLL_SLOT_PREDICATE_ID, ib,
		               sizeof(ib))) == 0;
	return !na && ka != kb && ka >= K_EXACT && ka <= K_RELATED &&
	       kb >= K_EXACT && kb <= K_RELATED;
}

/* Whether a, then b, are both plain and one of them unranked. */
static int
unranked(const struct dd *d, uint32_t a, uint32_t b)
{
	char ia[2048], ib[2048];

	if (kll__record_negated(d->m, a) || kll__record_negated(d->m, b))
		return 0;
	if (kind_of(d->m, a) != K_NONE && kind_of(d->m, b) != K_NONE)
		return 0;
	return strcmp(expanded(d->m, a, KLL_SLOT_PREDICATE_ID, ia, sizeof(ia)),
	           expanded(d->m, b, KLL_SLOT_PREDICATE_ID, ib, sizeof(ib))) !=
	       0;
}

/* Whether b is to be kept rather than a (a comes first). */
static int
better(const struct dd *d, uint32_t a, uint32_t b)
{
	int ra = kll_pred_rank(d->m, a), rb = kll_pred_rank(d->m, b);

	if (ra != rb)
		return rb > ra;
	return kll__record_confidence(d->m, b, NULL) >
	       kll__record_confidence(d->m, a, NULL);
}

/* Whether a and b compete for one place: both plain, or both negations
 * of the same predicate. */
static int
rivals(const struct dd *d, uint32_t a, uint32_t b)
{
	char ia[2048], ib[2048];
	int na = kll__record_negated(d->m, a);

	if (na != kll__record_negated(d->m, b))
		return 0;
	return !na ||
	       strcmp(expanded(d->m, a, KLL_SLOT_PREDICATE_ID, ia, sizeof(ia)),
	           expanded(d->m, b, KLL_SLOT_PREDICATE_ID, ib, sizeof(ib))) ==
	           0;
}

static void
problem(struct dd *d, uint32_t later, uint32_t earlier, const char *rule)
{
	const char *pa = kll_mapset_get(d->m, later, KLL_SLOT_PREDICATE_ID);
	const char *pb = kll_mapset_get(d->m, earlier, KLL_SLOT_PREDICATE_ID);

	unsigned line, col;

	kll_mapset_pos(d->m, later, KLL_SLOT_PREDICATE_ID, &line, &col);
	kll__problem_at(&d->probs, kll_mapset_path(d->m),
	    line ? line : kll_mapset_line(d->m, later), col, rule,
	    strcmp(rule, "map-contradiction") == 0 ?
	        "%s%s contradicts the %s%s of the same pair on line %u" :
	        "%s%s and the %s%s of the same pair on line %u cannot be "
	        "ranked",
	    kll__record_negated(d->m, later) ? "Not " : "", pa ? pa : "",
	    kll__record_negated(d->m, earlier) ? "Not " : "", pb ? pb : "",
	    kll_mapset_line(d->m, earlier));
}

/* One group: mark the records kept, report what cannot be. */
static void
one_pair(struct dd *d, unsigned char *keep, uint32_t first)
{
	uint32_t a, b, best;
	int bad = 0;

	for (b = d->next[first]; b != KLL__ITAB_NONE; b = d->next[b])
		for (a = first; a != b && !bad; a = d->next[a])
			if (contradict(d, a, b)) {
				problem(d, b, a, "map-contradiction");
				bad = 1;
			} else if (unranked(d, a, b)) {
				problem(d, b, a, "map-dedupe-unranked");
				bad = 1;
			}
	if (d->next[first] != KLL__ITAB_NONE)
		d->st.pairs++;
	for (a = first; a != KLL__ITAB_NONE; a = d->next[a]) {
		best = a;
		for (b = first; b != KLL__ITAB_NONE; b = d->next[b])
			if (b != a && rivals(d, a, b) &&
			    (b < a ? !better(d, b, a) : better(d, a, b)))
				best = b;
		keep[a] = best == a;
		d->st.dropped += best != a;
	}
}

kll_status
kll_mapset_dedupe(unsigned char *keep, const kll_mapset *m, kll_diag_fn diag,
    void *payload, kll_dedupe_stats *stats, kll_error *err)
{
	struct dd d;
	kll_error first;
	kll_status st = KLL_OK;
	size_t g;

	memset(&d, 0, sizeof(d));
	d.m = m;
	d.probs.fn = diag;
	d.probs.payload = payload;
	d.probs.first = &first;
	if (group(&d) < 0) {
		st = kll__nomem(err);
		goto out;
	}
	for (g = 0; g < d.ngroups; g++)
		one_pair(&d, keep, d.first[g]);
	if (d.probs.n > 0) {
		st = kll__error_set(err, KLL_EINVALID, first.file, first.line,
		    0, "%s (%zu %s)", first.msg, d.probs.n,
		    d.probs.n == 1 ? "pair" : "pairs");
		if (err != NULL)
			snprintf(
			    err->rule, sizeof(err->rule), "%s", first.rule);
	}
	if (stats != NULL)
		*stats = d.st;
out:
	kll__map_free(&d.pairs);
	kll__arena_free(&d.text);
	free(d.first);
	free(d.next);
	return st;
}
