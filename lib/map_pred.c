/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * map_pred.c: the predicate algebra of kll (the table of the predicates
 * it knows, their inverses and how two of them compose), and how the
 * records of a key read through it: a predicate classified, a key's
 * predicates checked, a confidence.
 *
 * The algebra follows the chaining rules that the SSSOM documentation
 * gives as reasonable defaults (role chains over exactMatch, RCE1 and
 * RCE2; transitivity of broadMatch and narrowMatch, T1; owl:equivalentClass
 * read as exactMatch and rdfs:subClassOf as broadMatch when mixed with
 * SKOS, RG1 and RG2) and stays on the safe side everywhere else: a chain
 * that does not give a predicate that must hold gives no record.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ------------------------------------------------------------------ */
/* Predicates                                                           */

#define SKOS_NS "http://www.w3.org/2004/02/skos/core#"
#define OWL_NS  "http://www.w3.org/2002/07/owl#"
#define RDFS_NS "http://www.w3.org/2000/01/rdf-schema#"

static const struct {
	const char *name, *curie, *iri;
} preds[KLL_PRED__COUNT] = {
	{ NULL, NULL, NULL },
	{ "exact", "skos:exactMatch", SKOS_NS "exactMatch" },
	{ "close", "skos:closeMatch", SKOS_NS "closeMatch" },
	{ "broad", "skos:broadMatch", SKOS_NS "broadMatch" },
	{ "narrow", "skos:narrowMatch", SKOS_NS "narrowMatch" },
	{ "related", "skos:relatedMatch", SKOS_NS "relatedMatch" },
	{ "equivalent", "owl:equivalentClass", OWL_NS "equivalentClass" },
	{ "sameas", "owl:sameAs", OWL_NS "sameAs" },
	{ "subclass", "rdfs:subClassOf", RDFS_NS "subClassOf" },
};

/* Short names for the table. */
enum {
	N_ = KLL_PRED_NONE,
	EX = KLL_PRED_EXACT,
	CL = KLL_PRED_CLOSE,
	BR = KLL_PRED_BROAD,
	NA = KLL_PRED_NARROW,
	RE = KLL_PRED_RELATED,
	EQ = KLL_PRED_EQUIVALENT,
	SA = KLL_PRED_SAME_AS,
	SC = KLL_PRED_SUBCLASS,
	SIB = KLL_PRED__COUNT /* nothing, or related with "siblings" */
};

/*
 * compose_table[p][q]: the predicate of "a c" from "a p b" and "b q c".
 * Rows and columns: none, exact, close, broad, narrow, related,
 * equivalentClass, sameAs, subClassOf.
 *
 * - exact (and equivalentClass, sameAs) is neutral on either side.
 * - close composes like exact with the others, but close and exact
 *   give close: a close match is good enough to stand for its match.
 * - broad then broad is broad, narrow then narrow is narrow.
 * - narrow then broad: b lies in both a and c, so they overlap: related.
 * - broad then narrow: a and c lie in one b and may be disjoint: nothing
 *   (SIB: related on request).
 * - related composes only with exact and close.
 * - equivalentClass, sameAs and subClassOf stay themselves among
 *   themselves (T1); mixed with SKOS they read as exact and broad.
 */
/* clang-format off */
static const unsigned char compose_table[KLL_PRED__COUNT][KLL_PRED__COUNT] = {
	/*        N_  EX  CL  BR  NA   RE  EQ  SA  SC */
	/* N_ */ { N_, N_, N_, N_, N_, N_, N_, N_, N_ },
	/* EX */ { N_, EX, CL, BR, NA, RE, EX, EX, BR },
	/* CL */ { N_, CL, CL, BR, NA, RE, CL, CL, BR },
	/* BR */ { N_, BR, BR, BR, SIB, N_, BR, BR, BR },
	/* NA */ { N_, NA, NA, RE, NA, N_, NA, NA, RE },
	/* RE */ { N_, RE, RE, N_, N_, N_, RE, RE, N_ },
	/* EQ */ { N_, EX, CL, BR, NA, RE, EQ, EX, SC },
	/* SA */ { N_, EX, CL, BR, NA, RE, EX, SA, BR },
	/* SC */ { N_, BR, BR, BR, SIB, N_, SC, BR, SC },
};
/* clang-format on */

kll_pred
kll_pred_from_iri(const char *iri)
{
	int i;

	if (iri == NULL)
		return KLL_PRED_NONE;
	for (i = 1; i < KLL_PRED__COUNT; i++)
		if (strcmp(iri, preds[i].iri) == 0)
			return (kll_pred)i;
	return KLL_PRED_NONE;
}

kll_pred
kll_pred_from_name(const char *name)
{
	int i;

	if (name == NULL)
		return KLL_PRED_NONE;
	for (i = 1; i < KLL_PRED__COUNT; i++)
		if (strcmp(name, preds[i].name) == 0 ||
		    strcmp(name, preds[i].curie) == 0)
			return (kll_pred)i;
	return KLL_PRED_NONE;
}

static int
pred_ok(kll_pred p)
{
	return (int)p > 0 && p < KLL_PRED__COUNT;
}

const char *
kll_pred_iri(kll_pred p)
{
	return pred_ok(p) ? preds[p].iri : NULL;
}

const char *
kll_pred_curie(kll_pred p)
{
	return pred_ok(p) ? preds[p].curie : NULL;
}

const char *
kll_pred_name(kll_pred p)
{
	return pred_ok(p) ? preds[p].name : NULL;
}

kll_pred
kll_mapset_pred(const kll_mapset *m, size_t rec)
{
	const char *id = kll_mapset_get(m, rec, KLL_SLOT_PREDICATE_ID);
	char iri[256];
	size_t n;

	if (id == NULL)
		return KLL_PRED_NONE;
	n = kll_mapset_expand(m, id, iri, sizeof(iri));
	if (n == 0 || n >= sizeof(iri))
		return KLL_PRED_NONE;
	return kll_pred_from_iri(iri);
}

/* The predicates a mapping may use: kll's algebra, and the others that
 * SSSOM lists as common. */
#define OBO_NS "http://www.geneontology.org/formats/oboInOwl#"
static const struct {
	const char *ns, *local, *curie;
} allowed[] = {
	{ SKOS_NS, "exactMatch", "skos:exactMatch" },
	{ SKOS_NS, "closeMatch", "skos:closeMatch" },
	{ SKOS_NS, "broadMatch", "skos:broadMatch" },
	{ SKOS_NS, "narrowMatch", "skos:narrowMatch" },
	{ SKOS_NS, "relatedMatch", "skos:relatedMatch" },
	{ SKOS_NS, "mappingRelation", "skos:mappingRelation" },
	{ OWL_NS, "sameAs", "owl:sameAs" },
	{ OWL_NS, "equivalentClass", "owl:equivalentClass" },
	{ OWL_NS, "equivalentProperty", "owl:equivalentProperty" },
	{ RDFS_NS, "subClassOf", "rdfs:subClassOf" },
	{ RDFS_NS, "subPropertyOf", "rdfs:subPropertyOf" },
	{ RDFS_NS, "seeAlso", "rdfs:seeAlso" },
	{ OBO_NS, "hasDbXref", "oboInOwl:hasDbXref" },
};
#define NALLOWED (sizeof(allowed) / sizeof(allowed[0]))

/* SKOS relations within a scheme, and the mapping property meant. */
static const struct {
	const char *local;
	size_t meant;
} skos_inner[] = {
	{ "broader", 2 },
	{ "broaderTransitive", 2 },
	{ "narrower", 3 },
	{ "narrowerTransitive", 3 },
	{ "related", 4 },
	{ "semanticRelation", 5 },
};

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* The edit distance of a and b, ignoring case; at most 32 of b. */
static size_t
edit_distance(const char *a, const char *b)
{
	size_t d[33], i, j, lb = strlen(b), prev, cur;

	if (lb > 32)
		return (size_t)-1;
	for (j = 0; j <= lb; j++)
		d[j] = j;
	for (i = 1; a[i - 1] != '\0'; i++) {
		prev = d[0];
		d[0] = i;
		for (j = 1; j <= lb; j++) {
			cur = d[j];
			d[j] = prev + (lower(a[i - 1]) != lower(b[j - 1]));
			if (d[j - 1] + 1 < d[j])
				d[j] = d[j - 1] + 1;
			if (cur + 1 < d[j])
				d[j] = cur + 1;
			prev = cur;
		}
	}
	return d[lb];
}

/* The allowed predicate "local" (in namespace "ns") most likely means:
 * the same name in another case or namespace, the mapping property of
 * a SKOS relation, or the nearest name within a few edits. */
static const char *
suggest(const char *ns, const char *local)
{
	size_t i, best = NALLOWED, bd = (size_t)-1, d, len = strlen(local);

	for (i = 0; i < sizeof(skos_inner) / sizeof(skos_inner[0]); i++)
		if (strcmp(ns, SKOS_NS) == 0 &&
		    edit_distance(local, skos_inner[i].local) == 0)
			best = skos_inner[i].meant, bd = 0;
	for (i = 0; i < NALLOWED && bd != 0; i++) {
		d = edit_distance(local, allowed[i].local);
		/* Another namespace costs one edit more. */
		d = d * 2 + (strcmp(ns, allowed[i].ns) != 0);
		if (d < bd)
			best = i, bd = d;
	}
	if (best == NALLOWED || bd / 2 > (len < 9 ? 2 : len / 4))
		return NULL;
	return allowed[best].curie;
}

kll_pred_class
kll_pred_classify(const char *iri, const char **meant)
{
	static const char *const guarded[] = { SKOS_NS, OWL_NS, RDFS_NS, OBO_NS,
		"http://www.w3.org/2008/05/skos#" };
	const char *ns = NULL;
	size_t i, g = 0;

	if (meant != NULL)
		*meant = NULL;
	if (iri == NULL || *iri == '\0')
		return KLL_PRED_CLASS_BAD;
	if (kll_pred_from_iri(iri) != KLL_PRED_NONE)
		return KLL_PRED_CLASS_ALGEBRA;
	for (i = 0; i < NALLOWED; i++)
		if (strncmp(iri, allowed[i].ns, strlen(allowed[i].ns)) == 0 &&
		    strcmp(iri + strlen(allowed[i].ns), allowed[i].local) == 0)
			return KLL_PRED_CLASS_SSSOM;
	for (i = 0; i < sizeof(guarded) / sizeof(guarded[0]); i++)
		if (strncmp(iri, guarded[i], strlen(guarded[i])) == 0)
			ns = guarded[i], g = i;
	if (ns == NULL)
		return KLL_PRED_CLASS_OTHER;
	/* The 2008 draft namespace of SKOS means today's. */
	if (meant != NULL)
		*meant = suggest(g == 4 ? SKOS_NS : ns, iri + strlen(ns));
	return KLL_PRED_CLASS_BAD;
}

kll_pred
kll_pred_inverse(kll_pred p)
{
	switch (p) {
	case KLL_PRED_BROAD:
		return KLL_PRED_NARROW;
	case KLL_PRED_NARROW:
		return KLL_PRED_BROAD;
	case KLL_PRED_EXACT:
	case KLL_PRED_CLOSE:
	case KLL_PRED_RELATED:
	case KLL_PRED_EQUIVALENT:
	case KLL_PRED_SAME_AS:
		return p;
	default:
		return KLL_PRED_NONE;
	}
}

static int
exact_kind(kll_pred p)
{
	return p == KLL_PRED_EXACT || p == KLL_PRED_EQUIVALENT ||
	       p == KLL_PRED_SAME_AS;
}

kll_pred
kll_pred_compose(
    kll_pred p, int p_not, kll_pred q, int q_not, int siblings, int *not_out)
{
	kll_pred r = KLL_PRED_NONE;
	int neg = 0;

	if (!pred_ok(p) || !pred_ok(q) || (p_not && q_not)) {
		r = KLL_PRED_NONE;
	} else if (p_not || q_not) {
		/* "a is not p of b" and "b is c" give "a is not p of c"; no
		 * weaker link than identity carries a negation. */
		if (p_not && exact_kind(q))
			r = p, neg = 1;
		else if (q_not && exact_kind(p))
			r = q, neg = 1;
	} else if (compose_table[p][q] == SIB) {
		r = siblings ? KLL_PRED_RELATED : KLL_PRED_NONE;
	} else {
		r = (kll_pred)compose_table[p][q];
	}
	if (not_out != NULL)
		*not_out = r != KLL_PRED_NONE && neg;
	return r;
}

/* ------------------------------------------------------------------ */
/* Records of keys                                                      */

/* "curie" expanded with m's prefixes into buf; the text itself when it
 * is no CURIE of m.  NULL when it does not fit. */
const char *
kll__curie_expand(
    const kll_mapset *m, const char *curie, char *buf, size_t size)
{
	size_t n = kll_mapset_expand(m, curie, buf, size);

	if (n >= size)
		return NULL;
	if (n == 0) {
		if (strlen(curie) >= size)
			return NULL;
		memcpy(buf, curie, strlen(curie) + 1);
	}
	return buf;
}

kll_pred_class
kll__record_pred(const kll_mapset *m, size_t r, char *msg, size_t size)
{
	const char *id = kll_mapset_get(m, r, KLL_SLOT_PREDICATE_ID), *meant;
	char iri[1024];
	kll_pred_class cls;

	if (size > 0)
		msg[0] = '\0';
	if (id == NULL)
		id = "";
	if (kll__curie_expand(m, id, iri, sizeof(iri)) == NULL)
		snprintf(iri, sizeof(iri), "%s", id);
	cls = kll_pred_classify(iri, &meant);
	if (size == 0)
		return cls;
	if (cls == KLL_PRED_CLASS_BAD && meant != NULL)
		snprintf(msg, size,
		    "predicate '%s' is no mapping property; did you mean "
		    "'%s'?",
		    id, meant);
	else if (cls == KLL_PRED_CLASS_BAD)
		snprintf(msg, size,
		    "predicate '%s' is no mapping property of SKOS, OWL, RDFS "
		    "or SSSOM",
		    id);
	return cls;
}

/* Refuse a key with a predicate that check calls bad, or (with rule
 * "rule") one outside the algebra: each such record goes to diag as an
 * error, err names the first and the number of them. */
kll_status
kll__check_predicates(const kll_mapset *m, const char *rule, const char *why,
    kll_diag_fn diag, void *payload, kll_error *err)
{
	size_t r, nbad = 0;
	kll_error d, first;
	kll_pred_class cls;
	char msg[sizeof(d.msg)];

	for (r = 0; r < kll_mapset_count(m); r++) {
		cls = kll__record_pred(m, r, msg, sizeof(msg));
		if (cls == KLL_PRED_CLASS_ALGEBRA ||
		    (rule == NULL && cls != KLL_PRED_CLASS_BAD))
			continue;
		kll__error_set(&d, KLL_EINVALID, kll_mapset_path(m),
		    kll_mapset_line(m, r), 0, "%s", msg);
		if (cls != KLL_PRED_CLASS_BAD)
			snprintf(d.msg, sizeof(d.msg),
			    "predicate '%s' is outside kll's algebra: %s",
			    kll_mapset_get(m, r, KLL_SLOT_PREDICATE_ID), why);
		snprintf(d.rule, sizeof(d.rule), "%s",
		    cls == KLL_PRED_CLASS_BAD ? "map-bad-predicate" : rule);
		if (nbad++ == 0)
			first = d;
		if (diag != NULL)
			diag(payload, &d);
	}
	if (nbad == 0)
		return KLL_OK;
	if (err != NULL) {
		*err = first;
		if (nbad > 1)
			snprintf(err->msg, sizeof(err->msg),
			    "%zu records have a predicate that refuses the key",
			    nbad);
	}
	return KLL_EINVALID;
}

double
kll__record_confidence(const kll_mapset *m, size_t r, int *stated)
{
	const char *v = kll_mapset_get(m, r, KLL_SLOT_CONFIDENCE);
	char *end;
	double x;

	if (v == NULL)
		return 1;
	errno = 0;
	x = strtod(v, &end);
	if (*end != '\0' || errno != 0 || !(x >= 0 && x <= 1))
		return 1;
	if (stated != NULL)
		*stated = 1;
	return x;
}

int
kll__record_negated(const kll_mapset *m, size_t r)
{
	const char *v = kll_mapset_get(m, r, KLL_SLOT_PREDICATE_MODIFIER);

	return v != NULL && strcmp(v, "Not") == 0;
}
