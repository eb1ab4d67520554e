/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * map_compose.c: composing a key A to B with a key B to C into a key A
 * to C (kll_mapset_compose): where the two keys meet, the chains through
 * their pivot concepts, one record per group of chains with the
 * predicate of the algebra (map_pred.c), and the new set's metadata.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

#define NO_TERM "https://w3id.org/sssom/NoTermFound"

/* ------------------------------------------------------------------ */
/* Helpers                                                              */

static int
no_term(const kll_mapset *m, const char *curie)
{
	char buf[64];
	const char *iri;

	if (curie == NULL)
		return 1;
	iri = kll__curie_expand(m, curie, buf, sizeof(buf));
	return iri != NULL && strcmp(iri, NO_TERM) == 0;
}

/* For each i, the number of distinct vals[j] with keys[j] equal to
 * keys[i], into out[i] (0 when keys[i] is NULL).  -1 when out of
 * memory. */
static int
distinct_counts(
    const char *const *keys, const char *const *vals, size_t n, uint32_t *out)
{
	kll__arena a = { NULL, 0, 0 };
	kll__map pairs = KLL__MAP_INIT;
	kll__map per = KLL__MAP_INIT;
	size_t i, kl, vl;
	uint32_t c;
	char *pair;
	int rc = -1;

	for (i = 0; i < n; i++) {
		if (keys[i] == NULL)
			continue;
		kl = strlen(keys[i]);
		vl = vals[i] ? strlen(vals[i]) : 0;
		if ((pair = kll__arena_alloc(&a, kl + vl + 2)) == NULL)
			goto out;
		memcpy(pair, keys[i], kl);
		pair[kl] = '\t';
		memcpy(pair + kl + 1, vals[i] ? vals[i] : "", vl + 1);
		if (kll__map_get(&pairs, pair, kl + vl + 1, NULL))
			continue;
		if (kll__map_put(&pairs, pair, kl + vl + 1, 0) < 0)
			goto out;
		c = 0;
		kll__map_get(&per, keys[i], kl, &c);
		if (kll__map_put(&per, keys[i], kl, c + 1) < 0)
			goto out;
	}
	for (i = 0; i < n; i++) {
		out[i] = 0;
		if (keys[i] != NULL)
			kll__map_get(&per, keys[i], strlen(keys[i]), &out[i]);
	}
	rc = 0;
out:
	kll__map_free(&pairs);
	kll__map_free(&per);
	kll__arena_free(&a);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Composition: where the two keys meet                                 */

/* Whether two vocabulary names resolve to the same file. */
static int
same_vocab(const char *x, const char *y, const char *dirs)
{
	char *px = NULL, *py = NULL;
	struct stat sx, sy;
	int same = 0;

	if (kll_vocab_resolve(&px, x, dirs, NULL) == KLL_OK &&
	    kll_vocab_resolve(&py, y, dirs, NULL) == KLL_OK &&
	    stat(px, &sx) == 0 && stat(py, &sy) == 0)
		same = sx.st_dev == sy.st_dev && sx.st_ino == sy.st_ino;
	free(px);
	free(py);
	return same;
}

/* The keys meet when ab's object side is bc's subject side: the same
 * source (as IRIs, or as the vocabulary file they resolve to) and no
 * two different versions of it. */
static kll_status
check_meet(const kll_mapset *ab, const kll_mapset *bc, const char *dirs,
    kll_error *err)
{
	const char *s1 = kll_mapset_meta(ab, "object_source");
	const char *s2 = kll_mapset_meta(bc, "subject_source");
	const char *v1 = kll_mapset_meta(ab, "object_source_version");
	const char *v2 = kll_mapset_meta(bc, "subject_source_version");
	const char *i1, *i2;
	char b1[1024], b2[1024], msg[1200];

	msg[0] = '\0';
	if (s1 == NULL || s2 == NULL) {
		snprintf(msg, sizeof(msg),
		    "cannot tell whether the keys meet: %s has no %s",
		    kll_mapset_path(s1 == NULL ? ab : bc),
		    s1 == NULL ? "object_source" : "subject_source");
	} else if ((i1 = kll__curie_expand(ab, s1, b1, sizeof(b1))) == NULL ||
	           (i2 = kll__curie_expand(bc, s2, b2, sizeof(b2))) == NULL ||
	           (strcmp(i1, i2) != 0 && !same_vocab(i1, i2, dirs))) {
		snprintf(msg, sizeof(msg),
		    "the keys do not meet: object_source '%s' is not the "
		    "subject_source '%s' of %s",
		    s1, s2, kll_mapset_path(bc));
	} else if (v1 != NULL && v2 != NULL && strcmp(v1, v2) != 0) {
		snprintf(msg, sizeof(msg),
		    "the keys do not meet: object_source_version '%s' is not "
		    "the subject_source_version '%s' of %s",
		    v1, v2, kll_mapset_path(bc));
	}
	if (msg[0] == '\0')
		return KLL_OK;
	kll__error_set(err, KLL_EINVALID, kll_mapset_path(ab), 0, 0, "%s", msg);
	if (err != NULL)
		snprintf(err->rule, sizeof(err->rule), "compose-no-meet");
	return KLL_EINVALID;
}

static kll_status
pick_license(const char **out, const kll_mapset *ab, const kll_mapset *bc,
    const kll_compose_opts *o, kll_error *err)
{
	const char *l1 = kll_mapset_meta(ab, "license");
	const char *l2 = kll_mapset_meta(bc, "license");

	*out = o->license;
	if (o->license != NULL && !kll__link_ok(o->license, KLL__LINK_WEB))
		return kll__error_set(err, KLL_EARG, NULL, 0, 0,
		    "license '%.200s' is not %s", o->license,
		    kll__link_policy(KLL__LINK_WEB));
	if (o->license != NULL)
		return KLL_OK;
	if (l1 == NULL && l2 == NULL)
		return KLL_OK;
	if (l1 != NULL && l2 != NULL && strcmp(l1, l2) == 0) {
		*out = l1;
		return KLL_OK;
	}
	kll__error_set(err, KLL_EINVALID, kll_mapset_path(ab), 0, 0,
	    "the keys have different licences ('%s' here, '%s' in %s): the "
	    "composed key needs one that honours both",
	    l1 ? l1 : "none", l2 ? l2 : "none", kll_mapset_path(bc));
	if (err != NULL)
		snprintf(err->rule, sizeof(err->rule), "compose-license");
	return KLL_EINVALID;
}

/* The last segment of an IRI: after its last '/' or '#', without a
 * trailing '/'. */
static void
last_segment(const char *iri, const char **p, size_t *n)
{
	size_t len = strlen(iri), i;

	while (len > 0 && iri[len - 1] == '/')
		len--;
	for (i = len; i > 0 && iri[i - 1] != '/' && iri[i - 1] != '#'; i--)
		;
	*p = iri + i;
	*n = len - i;
}

/* ------------------------------------------------------------------ */
/* Composition: the chains                                              */

struct chain {
	const char *a; /* subject_id in ab */
	const char *c; /* object_id in bc */
	size_t r1, r2;
	kll_pred p, pa, pb; /* the result, and a->b and b->c */
	int neg;
	int weak; /* no predicate from the algebra: kept as related */
};

struct comp {
	const kll_mapset *ab, *bc;
	const kll_compose_opts *o;
	kll_compose_stats st;
	kll__arena arena;
	kll__map bysubj;  /* bc subject IRI -> its first record */
	size_t *next;     /* bc: the next record with that subject */
	uint32_t *asplit; /* ab: objects of each record's subject */
	uint32_t *bsplit; /* bc: objects of each record's subject */
	struct chain *ch;
	size_t nch, chcap;
	kll_mapset *out;
};

#define NOREC ((size_t)-1)

static kll_status
index_bc(struct comp *k, kll_error *err)
{
	const kll_mapset *bc = k->bc;
	size_t n = kll_mapset_count(bc), r;
	const char *s, *iri, **keys = NULL, **vals = NULL;
	char buf[1024];
	uint32_t head;
	kll_status st = KLL_OK;

	if ((k->next = kll__malloc((n + 1) * sizeof(*k->next))) == NULL ||
	    (k->bsplit = kll__malloc((n + 1) * sizeof(*k->bsplit))) == NULL ||
	    (keys = kll__calloc(n + 1, sizeof(*keys))) == NULL ||
	    (vals = kll__calloc(n + 1, sizeof(*vals))) == NULL)
		goto nomem;
	for (r = 0; r < n; r++) {
		k->next[r] = NOREC;
		s = kll_mapset_get(bc, r, KLL_SLOT_SUBJECT_ID);
		if (s == NULL || no_term(bc, s) ||
		    (iri = kll__curie_expand(bc, s, buf, sizeof(buf))) == NULL)
			continue;
		if (!no_term(bc, kll_mapset_get(bc, r, KLL_SLOT_OBJECT_ID)) &&
		    !kll__record_negated(bc, r)) {
			keys[r] = s;
			vals[r] = kll_mapset_get(bc, r, KLL_SLOT_OBJECT_ID);
		}
		/* A key already in the map keeps its first copy: only the
		 * value, the newest record, changes. */
		if (kll__map_get(&k->bysubj, iri, strlen(iri), &head)) {
			k->next[r] = head;
		} else if ((iri = kll__arena_strdup(&k->arena, iri)) == NULL) {
			goto nomem;
		}
		if (kll__map_put(&k->bysubj, iri, strlen(iri), (uint32_t)r) < 0)
			goto nomem;
	}
	if (distinct_counts(keys, vals, n, k->bsplit) < 0)
		goto nomem;
	goto out;
nomem:
	st = kll__nomem(err);
out:
	free((void *)keys);
	free((void *)vals);
	return st;
}

static kll_status
count_ab_splits(struct comp *k, kll_error *err)
{
	const kll_mapset *ab = k->ab;
	size_t n = kll_mapset_count(ab), r;
	const char **keys = NULL, **vals = NULL, *s, *o;
	kll_status st = KLL_OK;

	if ((k->asplit = kll__malloc((n + 1) * sizeof(*k->asplit))) == NULL ||
	    (keys = kll__calloc(n + 1, sizeof(*keys))) == NULL ||
	    (vals = kll__calloc(n + 1, sizeof(*vals))) == NULL) {
		st = kll__nomem(err);
		goto out;
	}
	for (r = 0; r < n; r++) {
		s = kll_mapset_get(ab, r, KLL_SLOT_SUBJECT_ID);
		o = kll_mapset_get(ab, r, KLL_SLOT_OBJECT_ID);
		if (!no_term(ab, s) && !no_term(ab, o) &&
		    !kll__record_negated(ab, r)) {
			keys[r] = s;
			vals[r] = o;
		}
	}
	if (distinct_counts(keys, vals, n, k->asplit) < 0)
		st = kll__nomem(err);
out:
	free((void *)keys);
	free((void *)vals);
	return st;
}

static int
push_chain(struct comp *k, const struct chain *c)
{
	struct chain *p;
	size_t cap;

	if (k->nch == k->chcap) {
		cap = k->chcap ? 2 * k->chcap : 256;
		if ((p = kll__realloc(k->ch, cap * sizeof(*p))) == NULL)
			return -1;
		k->ch = p;
		k->chcap = cap;
	}
	k->ch[k->nch++] = *c;
	return 0;
}

static void
no_pivot(struct comp *k, size_t r1, const char *a, const char *b)
{
	kll_error d;

	k->st.no_pivot++;
	if (k->o->diag == NULL || !k->o->pivot_check)
		return;
	kll__error_set(&d, KLL_EINVALID, kll_mapset_path(k->ab),
	    kll_mapset_line(k->ab, r1), 0,
	    "'%s' is no subject of %s: the chain from '%s' stops there", b,
	    kll_mapset_path(k->bc), a);
	d.severity = KLL_SEV_WARNING;
	snprintf(d.rule, sizeof(d.rule), "compose-no-pivot");
	k->o->diag(k->o->payload, &d);
}

/* Whether a chain that the algebra gives no predicate is kept, as
 * relatedMatch: never with a negation (nothing positive follows from
 * one), with strict only broad then narrow and only with siblings. */
static int
keep_weak(const struct comp *k, kll_pred p, int pn, kll_pred q, int qn)
{
	if (pn || qn)
		return 0;
	if (!k->o->strict)
		return 1;
	return k->o->siblings &&
	       kll_pred_compose(p, 0, q, 0, 1, NULL) != KLL_PRED_NONE;
}

/* Follow record r1 of ab into every record of bc that continues it. */
static int
follow(struct comp *k, size_t r1)
{
	const char *a = kll_mapset_get(k->ab, r1, KLL_SLOT_SUBJECT_ID);
	const char *b = kll_mapset_get(k->ab, r1, KLL_SLOT_OBJECT_ID);
	const char *iri;
	kll_pred p = kll_mapset_pred(k->ab, r1), q;
	int pn = kll__record_negated(k->ab, r1), qn;
	struct chain c;
	char buf[1024];
	uint32_t head;
	size_t r2;

	if (no_term(k->ab, a) || no_term(k->ab, b))
		return 0;
	if ((iri = kll__curie_expand(k->ab, b, buf, sizeof(buf))) == NULL ||
	    !kll__map_get(&k->bysubj, iri, strlen(iri), &head)) {
		no_pivot(k, r1, a, b);
		return 0;
	}
	for (r2 = head; r2 != NOREC; r2 = k->next[r2]) {
		c.c = kll_mapset_get(k->bc, r2, KLL_SLOT_OBJECT_ID);
		if (no_term(k->bc, c.c))
			continue;
		k->st.chains++;
		q = kll_mapset_pred(k->bc, r2);
		qn = kll__record_negated(k->bc, r2);
		c.p = kll_pred_compose(p, pn, q, qn, 0, &c.neg);
		c.weak = c.p == KLL_PRED_NONE;
		if (c.weak && !keep_weak(k, p, pn, q, qn)) {
			k->st.unsafe++;
			k->st.negated += pn || qn;
			continue;
		}
		if (c.weak) {
			c.p = KLL_PRED_RELATED;
			k->st.weakened++;
		}
		c.pa = p;
		c.pb = q;
		c.a = a;
		c.r1 = r1;
		c.r2 = r2;
		if (push_chain(k, &c) < 0)
			return -1;
	}
	return 0;
}

static int
chain_cmp(const void *x, const void *y)
{
	const struct chain *a = x, *b = y;
	int c;

	if ((c = strcmp(a->a, b->a)) != 0)
		return c;
	if (a->p != b->p)
		return a->p < b->p ? -1 : 1;
	if (a->neg != b->neg)
		return a->neg - b->neg;
	if ((c = strcmp(a->c, b->c)) != 0)
		return c;
	if (a->r1 != b->r1)
		return a->r1 < b->r1 ? -1 : 1;
	if (a->r2 != b->r2)
		return a->r2 < b->r2 ? -1 : 1;
	return 0;
}

static int
same_group(const struct chain *a, const struct chain *b)
{
	return a->p == b->p && a->neg == b->neg && strcmp(a->a, b->a) == 0 &&
	       strcmp(a->c, b->c) == 0;
}

/* Subjects of ab that no chain reaches. */
static int
count_unreached(struct comp *k)
{
	kll__map seen = KLL__MAP_INIT;
	kll__map reached = KLL__MAP_INIT;
	size_t i, n = kll_mapset_count(k->ab);
	const char *s;
	int rc = -1;

	for (i = 0; i < k->nch; i++)
		if (kll__map_put(&reached, k->ch[i].a, strlen(k->ch[i].a), 0) <
		    0)
			goto out;
	for (i = 0; i < n; i++) {
		s = kll_mapset_get(k->ab, i, KLL_SLOT_SUBJECT_ID);
		if (no_term(k->ab, s) ||
		    kll__map_get(&seen, s, strlen(s), NULL))
			continue;
		if (kll__map_put(&seen, s, strlen(s), 0) < 0)
			goto out;
		if (!kll__map_get(&reached, s, strlen(s), NULL))
			k->st.unreached++;
	}
	rc = 0;
out:
	kll__map_free(&seen);
	kll__map_free(&reached);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Composition: the records                                             */

static const kll_slot subject_slots[] = { KLL_SLOT_SUBJECT_ID,
	KLL_SLOT_SUBJECT_LABEL, KLL_SLOT_SUBJECT_CATEGORY,
	KLL_SLOT_SUBJECT_TYPE, KLL_SLOT_SUBJECT_SOURCE,
	KLL_SLOT_SUBJECT_SOURCE_VERSION, KLL_SLOT_SUBJECT_MATCH_FIELD,
	KLL_SLOT_SUBJECT_PREPROCESSING };
static const kll_slot object_slots[] = { KLL_SLOT_OBJECT_ID,
	KLL_SLOT_OBJECT_LABEL, KLL_SLOT_OBJECT_CATEGORY, KLL_SLOT_OBJECT_TYPE,
	KLL_SLOT_OBJECT_SOURCE, KLL_SLOT_OBJECT_SOURCE_VERSION,
	KLL_SLOT_OBJECT_MATCH_FIELD, KLL_SLOT_OBJECT_PREPROCESSING };
#define NSIDE (sizeof(subject_slots) / sizeof(subject_slots[0]))

/* Copy one side's slots into record "rec": from the first record of the
 * group that has a value in each. */
static kll_status
copy_side(struct comp *k, size_t rec, const struct chain *g, size_t n, int obj,
    kll_error *err)
{
	const kll_mapset *src = obj ? k->bc : k->ab;
	const kll_slot *slots = obj ? object_slots : subject_slots;
	const char *v;
	kll_status st;
	size_t s, i;

	for (s = 0; s < NSIDE; s++) {
		for (i = 0, v = NULL; i < n && v == NULL; i++)
			v = kll_mapset_get(
			    src, obj ? g[i].r2 : g[i].r1, slots[s]);
		if (v != NULL && (st = kll_mapset_set(
		                      k->out, rec, slots[s], v, err)) != KLL_OK)
			return st;
	}
	return KLL_OK;
}

/* The highest confidence of a chain of the group, as text in buf: the
 * product of the two (a missing one counts as 1), times KLL_COMPOSE_WEAK
 * for a weakened chain; "" when the best chain states none and is not
 * weakened. */
static void
group_confidence(
    struct comp *k, const struct chain *g, size_t n, char *buf, size_t size)
{
	double best = -1, x;
	size_t i;
	int stated, bstated = 0;

	for (i = 0; i < n; i++) {
		stated = g[i].weak;
		x = kll__record_confidence(k->ab, g[i].r1, &stated) *
		    kll__record_confidence(k->bc, g[i].r2, &stated);
		if (g[i].weak)
			x *= KLL_COMPOSE_WEAK;
		if (x > best || (x == best && !stated)) {
			bstated = x > best ? stated : 0;
			best = x;
		}
	}
	buf[0] = '\0';
	if (best >= 0 && bstated)
		snprintf(buf, size, "%.10g", best);
}

/* "; weakened: P then Q, ..." when every chain of the group is weak. */
static int
weak_comment(const struct chain *g, size_t n, kll__buf *b)
{
	size_t i, j, k = 0;

	for (i = 0; i < n; i++)
		if (!g[i].weak)
			return 0;
	for (i = 0; i < n; i++) {
		for (j = 0; j < i; j++)
			if (g[j].pa == g[i].pa && g[j].pb == g[i].pb)
				break;
		if (j < i)
			continue;
		if (kll__buf_adds(b, k++ == 0 ? "; weakened: " : ", ") < 0 ||
		    kll__buf_adds(b, kll_pred_curie(g[i].pa)) < 0 ||
		    kll__buf_adds(b, " then ") < 0 ||
		    kll__buf_adds(b, kll_pred_curie(g[i].pb)) < 0)
			return -1;
	}
	return 0;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sort and drop repeats; returns the new count. */
static size_t
uniq(const char **v, size_t n)
{
	size_t i, k = 0;

	qsort((void *)v, n, sizeof(*v), str_cmp);
	for (i = 0; i < n; i++)
		if (k == 0 || strcmp(v[k - 1], v[i]) != 0)
			v[k++] = v[i];
	return k;
}

static int
add_list(kll__buf *b, const char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((i > 0 && kll__buf_adds(b, ", ") < 0) ||
		    kll__buf_adds(b, v[i]) < 0)
			return -1;
	return 0;
}

/* "via B1, B2; through a split of X": the pivots and the splits. */
static int
group_comment(
    struct comp *k, const struct chain *g, size_t n, kll__buf *b, int *split)
{
	const char **piv, **spl;
	size_t i, np = 0, ns = 0;
	int rc = -1;

	b->n = 0;
	piv = kll__malloc((n + 1) * sizeof(*piv));
	spl = kll__malloc((2 * n + 1) * sizeof(*spl));
	if (piv == NULL || spl == NULL)
		goto out;
	for (i = 0; i < n; i++) {
		piv[np++] = kll_mapset_get(k->ab, g[i].r1, KLL_SLOT_OBJECT_ID);
		if (k->asplit[g[i].r1] > 1)
			spl[ns++] = g[i].a;
		if (k->bsplit[g[i].r2] > 1)
			spl[ns++] = piv[np - 1];
	}
	np = uniq(piv, np);
	ns = uniq(spl, ns);
	*split = ns > 0;
	if (kll__buf_adds(b, "via ") < 0 || add_list(b, piv, np) < 0 ||
	    (ns > 0 &&
	        kll__buf_adds(b, ns == 1 ? "; through a split of " :
	                                   "; through splits of ") < 0) ||
	    add_list(b, spl, ns) < 0 || weak_comment(g, n, b) < 0 ||
	    kll__buf_addc(b, '\0') < 0)
		goto out;
	rc = 0;
out:
	free((void *)piv);
	free((void *)spl);
	return rc;
}

static kll_status
add_group(struct comp *k, const struct chain *g, size_t n, kll__buf *b,
    kll_error *err)
{
	char conf[64];
	size_t rec;
	int split = 0;
	kll_status st;

	if ((st = kll_mapset_add(k->out, &rec, err)) != KLL_OK ||
	    (st = copy_side(k, rec, g, n, 0, err)) != KLL_OK ||
	    (st = copy_side(k, rec, g, n, 1, err)) != KLL_OK ||
	    (st = kll_mapset_set(k->out, rec, KLL_SLOT_PREDICATE_ID,
	         kll_pred_curie(g->p), err)) != KLL_OK ||
	    (st = kll_mapset_set(k->out, rec, KLL_SLOT_PREDICATE_MODIFIER,
	         g->neg ? "Not" : NULL, err)) != KLL_OK ||
	    (st = kll_mapset_set(k->out, rec, KLL_SLOT_MAPPING_JUSTIFICATION,
	         "semapv:MappingChaining", err)) != KLL_OK)
		return st;
	group_confidence(k, g, n, conf, sizeof(conf));
	if ((st = kll_mapset_set(
	         k->out, rec, KLL_SLOT_CONFIDENCE, conf, err)) != KLL_OK)
		return st;
	if (group_comment(k, g, n, b, &split) < 0)
		return kll__nomem(err);
	k->st.split += split;
	k->st.records++;
	return kll_mapset_set(k->out, rec, KLL_SLOT_COMMENT, b->p, err);
}

/* mapping_cardinality of every positive record of the result. */
static kll_status
set_cardinality(kll_mapset *m, kll_error *err)
{
	size_t n = kll_mapset_count(m), r;
	const char **subj = NULL, **obj = NULL;
	uint32_t *nobj = NULL, *nsubj = NULL;
	char card[4];
	kll_status st = KLL_OK;

	if ((subj = kll__calloc(n + 1, sizeof(*subj))) == NULL ||
	    (obj = kll__calloc(n + 1, sizeof(*obj))) == NULL ||
	    (nobj = kll__malloc((n + 1) * sizeof(*nobj))) == NULL ||
	    (nsubj = kll__malloc((n + 1) * sizeof(*nsubj))) == NULL) {
		st = kll__nomem(err);
		goto out;
	}
	for (r = 0; r < n; r++) {
		if (kll__record_negated(m, r))
			continue;
		subj[r] = kll_mapset_get(m, r, KLL_SLOT_SUBJECT_ID);
		obj[r] = kll_mapset_get(m, r, KLL_SLOT_OBJECT_ID);
	}
	if (distinct_counts(subj, obj, n, nobj) < 0 ||
	    distinct_counts(obj, subj, n, nsubj) < 0) {
		st = kll__nomem(err);
		goto out;
	}
	for (r = 0; r < n && st == KLL_OK; r++) {
		if (subj[r] == NULL)
			continue;
		card[0] = nsubj[r] > 1 ? 'n' : '1';
		card[1] = ':';
		card[2] = nobj[r] > 1 ? 'n' : '1';
		card[3] = '\0';
		st = kll_mapset_set(
		    m, r, KLL_SLOT_MAPPING_CARDINALITY, card, err);
	}
out:
	free((void *)subj);
	free((void *)obj);
	free(nobj);
	free(nsubj);
	return st;
}

static kll_status
copy_prefixes(kll_mapset *out, const kll_mapset *m, kll_error *err)
{
	const char *name, *iri, *have;
	size_t i;

	for (i = 0; i < kll_mapset_nprefixes(m); i++) {
		name = kll_mapset_prefix_name(m, i);
		iri = kll_mapset_prefix(m, name);
		if ((have = kll_mapset_prefix(out, name)) != NULL &&
		    strcmp(have, iri) != 0)
			return kll__error_set(err, KLL_EINVALID,
			    kll_mapset_path(m), 0, 0,
			    "prefix '%s' is '%s' here but '%s' in the other "
			    "key",
			    name, iri, have);
		if (kll_mapset_add_prefix(out, name, iri, err) != KLL_OK)
			return err != NULL ? err->code : KLL_EINVALID;
	}
	return KLL_OK;
}

int
kll__list_add_escaped(kll__buf *b, const char *v)
{
	for (; *v != '\0'; v++)
		if (((*v == '|' || *v == '\\') && kll__buf_addc(b, '\\') < 0) ||
		    kll__buf_addc(b, *v) < 0)
			return -1;
	return 0;
}

static kll_status
set_id(struct comp *k, kll__buf *b, kll_error *err)
{
	const char *id1 = kll_mapset_meta(k->ab, "mapping_set_id");
	const char *id2 = kll_mapset_meta(k->bc, "mapping_set_id");
	const char *seg;
	size_t n;

	b->n = 0;
	if (k->o->mapping_set_id != NULL)
		return kll_mapset_set_meta(
		    k->out, "mapping_set_id", k->o->mapping_set_id, err);
	if (id1 == NULL || id2 == NULL)
		return kll__error_set(err, KLL_EINVALID,
		    kll_mapset_path(id1 == NULL ? k->ab : k->bc), 0, 0,
		    "no mapping_set_id to derive the composed key's from");
	last_segment(id2, &seg, &n);
	if (kll__buf_adds(b, id1) < 0 || kll__buf_addc(b, '+') < 0 ||
	    kll__buf_add(b, seg, n) < 0)
		return kll__nomem(err);
	return kll_mapset_set_meta(k->out, "mapping_set_id", b->p, err);
}

static kll_status
set_metadata(struct comp *k, const char *license, kll_error *err)
{
	const char *id1 = kll_mapset_meta(k->ab, "mapping_set_id");
	const char *id2 = kll_mapset_meta(k->bc, "mapping_set_id");
	static const char *const sides[][2] = {
		{ "subject_source", "subject_source_version" },
		{ "object_source", "object_source_version" },
	};
	kll__buf b = { NULL, 0, 0 };
	kll_status st;
	int i, j;

	if ((st = set_id(k, &b, err)) != KLL_OK)
		goto out;
	b.n = 0;
	if ((id1 != NULL && kll__list_add_escaped(&b, id1) < 0) ||
	    (id1 != NULL && id2 != NULL && kll__buf_addc(&b, '|') < 0) ||
	    (id2 != NULL && kll__list_add_escaped(&b, id2) < 0) ||
	    kll__buf_addc(&b, '\0') < 0) {
		st = kll__nomem(err);
		goto out;
	}
	if ((st = kll_mapset_set_meta(
	         k->out, "mapping_set_source", b.p, err)) != KLL_OK ||
	    (st = kll_mapset_set_meta(k->out, "license", license, err)) !=
	        KLL_OK ||
	    (st = kll_mapset_set_meta(k->out, "mapping_tool", "kll", err)) !=
	        KLL_OK ||
	    (st = kll_mapset_set_meta(
	         k->out, "mapping_tool_version", KLL_VERSION, err)) != KLL_OK)
		goto out;
	/* With records, these come from them; without, from the keys. */
	for (i = 0; i < 2 && kll_mapset_count(k->out) == 0; i++)
		for (j = 0; j < 2; j++)
			if ((st = kll_mapset_set_meta(k->out, sides[i][j],
			         kll_mapset_meta(
			             i ? k->bc : k->ab, sides[i][j]),
			         err)) != KLL_OK)
				goto out;
out:
	kll__buf_free(&b);
	return st;
}

static kll_status
build(struct comp *k, const char *license, kll_error *err)
{
	kll__buf b = { NULL, 0, 0 };
	kll_status st;
	size_t i, j;

	if ((st = kll_mapset_new(&k->out, err)) != KLL_OK ||
	    (st = copy_prefixes(k->out, k->ab, err)) != KLL_OK ||
	    (st = copy_prefixes(k->out, k->bc, err)) != KLL_OK)
		return st;
	if (k->nch > 0)
		qsort(k->ch, k->nch, sizeof(*k->ch), chain_cmp);
	for (i = 0; i < k->nch; i = j) {
		for (j = i + 1; j < k->nch && same_group(&k->ch[i], &k->ch[j]);
		     j++)
			;
		if ((st = add_group(k, &k->ch[i], j - i, &b, err)) != KLL_OK)
			goto out;
	}
	if ((st = set_cardinality(k->out, err)) != KLL_OK)
		goto out;
	st = set_metadata(k, license, err);
out:
	kll__buf_free(&b);
	return st;
}

#define UNKNOWN "no chain through it has a predicate"

kll_status
kll_mapset_compose(kll_mapset **out, const kll_mapset *ab, const kll_mapset *bc,
    const kll_compose_opts *opts, kll_compose_stats *stats, kll_error *err)
{
	kll_compose_opts def = KLL_COMPOSE_OPTS_INIT;
	const char *license = NULL;
	struct comp k;
	kll_status st;
	size_t r;

	*out = NULL;
	memset(&k, 0, sizeof(k));
	if (ab == NULL || bc == NULL)
		return kll__error_set(err, KLL_EARG, NULL, 0, 0, "no key");
	k.ab = ab;
	k.bc = bc;
	k.o = opts != NULL ? opts : &def;
	if ((st = kll__check_predicates(ab, "compose-unknown-predicate",
	         UNKNOWN, k.o->diag, k.o->payload, err)) != KLL_OK ||
	    (st = kll__check_predicates(bc, "compose-unknown-predicate",
	         UNKNOWN, k.o->diag, k.o->payload, err)) != KLL_OK ||
	    (!k.o->force &&
	        (st = check_meet(ab, bc, k.o->dirs, err)) != KLL_OK) ||
	    (st = pick_license(&license, ab, bc, k.o, err)) != KLL_OK ||
	    (st = index_bc(&k, err)) != KLL_OK ||
	    (st = count_ab_splits(&k, err)) != KLL_OK)
		goto out;
	for (r = 0; r < kll_mapset_count(ab); r++)
		if (follow(&k, r) < 0) {
			st = kll__nomem(err);
			goto out;
		}
	if (count_unreached(&k) < 0) {
		st = kll__nomem(err);
		goto out;
	}
	if ((st = build(&k, license, err)) != KLL_OK)
		goto out;
	*out = k.out;
	k.out = NULL;
	if (stats != NULL)
		*stats = k.st;
out:
	kll_mapset_free(k.out);
	kll__map_free(&k.bysubj);
	kll__arena_free(&k.arena);
	free(k.next);
	free(k.asplit);
	free(k.bsplit);
	free(k.ch);
	return st;
}
