/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * map_check_walk.c: what a check keeps of each record (the numbers of
 * its codes and predicate, hashes of its justification and scope, where
 * its fields are), and what the end of a check works out from that: the
 * walk of the records by subject that finds duplicates, contradictions
 * and the degrees of each code, the shape (cardinality) of each record,
 * exact matches to a concept and its ancestor, and the exact
 * counterparts of each code.  The findings are map_check.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "map_check.h"

/* String hashes: kll__hash64(), folded where 32 bits do. */
static uint32_t
hash_str(const char *s, size_t n)
{
	return (uint32_t)kll__hash64(s, n);
}

static void
add_event(struct chk *c, uint32_t row, int rule, uint32_t ref, unsigned flag)
{
	struct event *e;

	if (kll__grow(&c->ev, &c->evcap, c->nev, sizeof(*c->ev)) < 0) {
		c->nomem = 1;
		return;
	}
	e = &c->ev[c->nev++];
	e->row = row;
	e->ref = ref;
	e->rule = (unsigned char)rule;
	e->flag = (unsigned char)flag;
}

/* ------------------------------------------------------------------ */
/* Numbering CURIEs and predicates                                      */

struct skey {
	const char *s;
	uint32_t h;
};

static int
entry_eq(const void *ctx, uint32_t item, const void *key)
{
	const struct entry *e = &((const struct side *)ctx)->e[item];
	const struct skey *k = key;

	return e->hash == k->h && strcmp(e->curie, k->s) == 0;
}

static uint32_t
entry_hash(const void *ctx, uint32_t item)
{
	return ((const struct side *)ctx)->e[item].hash;
}

/* What a new CURIE names. */
static void
resolve(const kll_mapset *m, const struct side *sd, struct entry *e)
{
	char iri[1024];
	size_t n = kll_mapset_expand(m, e->curie, iri, sizeof(iri));

	if (n == 0)
		e->flags |= E_NOPREFIX;
	else if (n >= sizeof(iri))
		return; /* longer than any IRI a vocabulary here holds */
	else if (strcmp(iri, NTF_IRI) == 0)
		e->flags |= E_NTF;
	else if (sd->v != NULL)
		e->c = kll_vocab_find_iri(sd->v, iri);
	if (e->c != NULL) {
		e->index = (uint32_t)kll_concept_index(e->c);
		e->level = kll_concept_level(e->c);
		if (kll_concept_deprecated(e->c))
			e->flags |= E_DEPRECATED;
	}
}

/* The entry of "curie" on side k, made when new; NONE for no CURIE. */
static uint32_t
side_id(struct chk *c, int k, const char *curie)
{
	struct side *sd = &c->sd[k];
	struct entry *e;
	struct skey key;
	uint32_t *slot;
	size_t len;

	if (curie == NULL)
		return NONE;
	if (sd->lastid != NONE && strcmp(curie, sd->e[sd->lastid].curie) == 0)
		return sd->lastid;
	len = strlen(curie);
	key.s = curie;
	key.h = hash_str(curie, len);
	if (kll__itab_room(&sd->tab, entry_hash, sd) < 0 ||
	    kll__grow(&sd->e, &sd->cap, sd->n, sizeof(*sd->e)) < 0) {
		c->nomem = 1;
		return NONE;
	}
	slot = kll__itab_slot(&sd->tab, key.h, entry_eq, sd, &key);
	if (*slot == NONE) {
		e = &sd->e[sd->n];
		memset(e, 0, sizeof(*e));
		if ((e->curie = kll__arena_strndup(&sd->text, curie, len)) ==
		    NULL) {
			c->nomem = 1;
			return NONE;
		}
		e->hash = key.h;
		resolve(c->m, sd, e);
		*slot = (uint32_t)sd->n++;
		sd->tab.n++;
	}
	sd->lastid = *slot;
	return *slot;
}

static unsigned
pred_kind(const kll_mapset *m, const char *p)
{
	static const struct {
		const char *iri;
		unsigned kind;
	} kinds[] = {
		{ SKOS "exactMatch", K_EXACT },
		{ OWL "equivalentClass", K_EXACT },
		{ OWL "equivalentProperty", K_EXACT },
		{ OWL "sameAs", K_EXACT },
		{ SKOS "broadMatch", K_BROAD },
		{ RDFS "subClassOf", K_BROAD },
		{ RDFS "subPropertyOf", K_BROAD },
		{ SKOS "narrowMatch", K_NARROW },
		{ SKOS "relatedMatch", K_RELATED },
	};
	char iri[256];
	size_t i, n = kll_mapset_expand(m, p, iri, sizeof(iri));

	if (n == 0 || n >= sizeof(iri))
		return 0;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(iri, kinds[i].iri) == 0)
			return kinds[i].kind;
	return 0;
}

/* Record r's predicate number << 1, | 1 with the modifier Not. */
static uint32_t
pred_key(struct chk *c, size_t r)
{
	const char *p = get(c, r, KLL_SLOT_PREDICATE_ID);
	const char *mod = get(c, r, KLL_SLOT_PREDICATE_MODIFIER);
	uint32_t neg = mod != NULL && strcmp(mod, "Not") == 0;
	size_t i;

	if (p == NULL)
		p = "";
	if (c->lastpi == NONE || strcmp(p, c->pred[c->lastpi].p) != 0) {
		for (i = 0; i < c->npred && strcmp(c->pred[i].p, p) != 0; i++)
			;
		if (i == c->npred) {
			if (i >= 0x7fffffff ||
			    kll__grow(&c->pred, &c->predcap, i, sizeof(*c->pred)) <
			        0 ||
			    (p = kll__arena_strndup(&c->text, p, strlen(p))) ==
			        NULL) {
				c->nomem = 1;
				return 0;
			}
			c->pred[i].p = p;
			c->pred[i].kind = pred_kind(c->m, p);
			c->pred[i].cls = kll__record_pred(c->m, c->rec, NULL, 0);
			c->pred[i].first = (uint32_t)r;
			c->npred++;
		}
		c->lastpi = (uint32_t)i;
	}
	return c->lastpi << 1 | neg;
}

/* The kind of record r's predicate, 0 when negated. */
unsigned
kll__mapcheck_plain_kind(const struct chk *c, uint32_t r)
{
	return (c->pk[r] & 1) ? 0 : c->pred[c->pk[r] >> 1].kind;
}

/* Whether "label" differs from every prefLabel of e's concept. */
static int
drifts(struct entry *e, const char *label)
{
	const kll_label *l;
	size_t i, n, np = 0;
	uint64_t h;

	/* Most records repeat a label already found right: its hash says
	 * so without touching the vocabulary's text. */
	h = kll__hash64(label, strlen(label));
	if (h == e->label && h != 0)
		return 0;
	n = kll_concept_nlabels(e->c);
	for (i = 0; i < n; i++) {
		l = kll_concept_label_at(e->c, i);
		if (l->kind != KLL_LABEL_PREF)
			continue;
		if (strcmp(l->text, label) == 0) {
			e->label = h;
			return 0;
		}
		np++;
	}
	return np > 0;
}

/* Levels, coverage and labels of the two codes of a record; bit k of
 * what it returns: side k's label drifts. */
unsigned
kll__mapcheck_note_row(struct chk *c, uint32_t r)
{
	static const kll_slot label_of[2] = { KLL_SLOT_SUBJECT_LABEL,
		KLL_SLOT_OBJECT_LABEL };
	const char *label;
	struct entry *e;
	uint32_t id;
	unsigned drift = 0;
	int k;

	for (k = 0; k < 2; k++) {
		if ((id = c->sd[k].id[r]) == NONE ||
		    (e = &c->sd[k].e[id])->c == NULL)
			continue;
		if ((label = get(c, r, label_of[k])) != NULL &&
		    drifts(e, label))
			drift |= 1u << k;
		c->lrows[k][e->level > MAXLEVEL ? MAXLEVEL : e->level]++;
		/* Whatever the other side is: a concept, sssom:NoTermFound
		 * (the code is unmappable), or a code that is wrong. */
		if (!(c->pk[r] & 1) && c->sd[k].mapped != NULL)
			c->sd[k].mapped[e->index] = 1;
	}
	return drift;
}

/* ------------------------------------------------------------------ */
/* The records of pairs with several: duplicates and contradictions    */

/* t1 holds the first record of each pair and predicate key; t2, for
 * the few that differ only in it, the first with each justification. */
struct rkey {
	uint32_t s, o, pk;
	uint64_t just; /* the justification's hash */
};

static uint32_t
rkey_hash(uint32_t s, uint32_t o, uint32_t pk, uint64_t just)
{
	return kll__hash_u64(((uint64_t)s << 32 | o) ^
	                ((uint64_t)pk * 0x9e3779b97f4a7c15u)) ^
	       kll__hash_u64(just);
}

static int
t1_eq(const void *ctx, uint32_t item, const void *key)
{
	const struct chk *c = ctx;
	const struct rkey *k = key;

	return c->sd[0].id[item] == k->s && c->sd[1].id[item] == k->o &&
	       c->pk[item] == k->pk;
}

static uint32_t
t1_hash(const void *ctx, uint32_t item)
{
	const struct chk *c = ctx;

	return rkey_hash(c->sd[0].id[item], c->sd[1].id[item], c->pk[item], 0);
}

static int
t2_eq(const void *ctx, uint32_t item, const void *key)
{
	const struct chk *c = ctx;
	const struct rkey *k = key;

	return t1_eq(ctx, item, key) && c->jh[item] == k->just;
}

static uint32_t
t2_hash(const void *ctx, uint32_t item)
{
	const struct chk *c = ctx;

	return rkey_hash(
	    c->sd[0].id[item], c->sd[1].id[item], c->pk[item], c->jh[item]);
}

/* The key of record r, with predicate key pk instead of its own. */
static void
rkey_of(struct rkey *k, const struct chk *c, uint32_t r, uint32_t pk)
{
	k->s = c->sd[0].id[r];
	k->o = c->sd[1].id[r];
	k->pk = pk;
	k->just = c->jh[r];
}

/* The first record of r's pair with predicate key pk, or NONE. */
static uint32_t
first_with(const struct chk *c, uint32_t r, uint32_t pk)
{
	struct rkey k;

	rkey_of(&k, c, r, pk);
	return *kll__itab_slot(&c->t1, rkey_hash(k.s, k.o, pk, 0), t1_eq, c, &k);
}

/* The first record of r's pair whose plain predicate is of a kind in
 * x. */
static uint32_t
first_of_kinds(const struct chk *c, uint32_t r, unsigned x)
{
	uint32_t best = NONE, f;
	size_t i;

	for (i = 0; i < c->npred; i++)
		if ((c->pred[i].kind & x) &&
		    (f = first_with(c, r, (uint32_t)i << 1)) < best)
			best = f;
	return best;
}

/* Put record r in t1 (or t2, with "just"); the record already there, or
 * NONE when r is the first. */
static uint32_t
t_insert(struct chk *c, uint32_t r, int just)
{
	kll__itab *t = just ? &c->t2 : &c->t1;
	struct rkey k;
	uint32_t *slot;

	rkey_of(&k, c, r, c->pk[r]);
	if (kll__itab_room(t, just ? t2_hash : t1_hash, c) < 0) {
		c->nomem = 1;
		return NONE;
	}
	slot = kll__itab_slot(t, rkey_hash(k.s, k.o, k.pk, just ? k.just : 0),
	    just ? t2_eq : t1_eq, c, &k);
	if (*slot != NONE)
		return *slot;
	*slot = r;
	t->n++;
	return NONE;
}

/* Record r of a pair that earlier records have too; *mask holds the
 * kinds they have. */
static void
pair_rules(struct chk *c, uint32_t r, unsigned char *mask)
{
	uint32_t f;
	unsigned kind, x;

	if ((f = t_insert(c, r, 0)) != NONE) {
		if (c->jh[f] == c->jh[r] ||
		    (f = t_insert(c, r, 1)) != NONE)
			add_event(c, r, R_DUPLICATE_ROW, f, 0);
		return;
	}
	if ((f = first_with(c, r, c->pk[r] ^ 1)) != NONE)
		add_event(c, r, R_CONTRADICTION, f, 0);
	if ((kind = kll__mapcheck_plain_kind(c, r)) == 0)
		return;
	if ((x = *mask & K_ALL & ~kind) != 0 &&
	    (f = first_of_kinds(c, r, x)) != NONE)
		add_event(c, r, R_CONTRADICTION, f, 0);
	*mask |= (unsigned char)kind;
}

/* ------------------------------------------------------------------ */
/* Cardinality scopes                                                   */

/* The number of record r's scope: records whose values of the scope's
 * slots hash alike share it. */
static uint32_t
scope_of(struct chk *c, uint32_t r)
{
	uint64_t h = 0xcbf29ce484222325u;
	const char *v;
	size_t i;

	for (i = 0; i < c->nscope; i++) {
		v = get(c, r, c->scope[i]);
		h = (h ^ (v != NULL ? kll__hash64(v, strlen(v)) : 0)) *
		    0x100000001b3u;
	}
	return kll__kset_add(&c->sc, h);
}

/* Record r of subject s (seen as "stamp") and object o, with a scope:
 * count a new (scope, subject, object) for both codes. */
static int
scoped_pair(struct chk *c, uint32_t r, uint32_t s, uint32_t o, uint32_t stamp)
{
	uint32_t i, g;

	g = c->g[r];
	if ((c->sd[0].e[s].flags | c->sd[1].e[o].flags) & E_NTF)
		return 0;
	if ((i = kll__kset_add(&c->og, (uint64_t)g << 32 | o)) == NONE)
		return -1;
	if (c->og.stamp[i] == stamp)
		return 0;
	c->og.stamp[i] = stamp;
	c->og.cnt[i]++;
	if ((i = kll__kset_add(&c->sg, (uint64_t)g << 32 | s)) == NONE)
		return -1;
	c->sg.cnt[i]++;
	return 0;
}

/* ------------------------------------------------------------------ */
/* The first pass                                                       */

/* The tables a check starts with. */
int
kll__mapcheck_alloc_tables(struct chk *c)
{
	if (kll__itab_init(&c->sd[0].tab, 0) < 0 ||
	    kll__itab_init(&c->sd[1].tab, 0) < 0 ||
	    kll__itab_init(&c->fl.t, 0) < 0 || kll__itab_init(&c->fc.t, 0) < 0)
		return -1;
	if (c->nscope > 0 &&
	    (kll__itab_init(&c->sc.t, 0) < 0 || kll__itab_init(&c->sg.t, 0) < 0 ||
	        kll__itab_init(&c->og.t, 0) < 0))
		return -1;
	return 0;
}

/* Room for one more record in every per-record array, at first for
 * "hint" records (at least 4096).  They grow four times at a time: what
 * a copy costs matters more than room not yet used, which takes no
 * memory until it is written. */
int
kll__mapcheck_row_room(struct chk *c, size_t hint)
{
	size_t cap = c->cap ? c->cap * 4 : hint > 4096 ? hint : 4096, k;

	if (c->n < c->cap)
		return 0;
	if (kll__resize(&c->sd[0].id, cap, sizeof(uint32_t)) < 0 ||
	    kll__resize(&c->sd[1].id, cap, sizeof(uint32_t)) < 0 ||
	    kll__resize(&c->pk, cap, sizeof(uint32_t)) < 0 ||
	    kll__resize(&c->jh, cap, sizeof(uint64_t)) < 0 ||
	    kll__resize(&c->card, cap, 1) < 0 ||
	    kll__resize(&c->line, cap, sizeof(uint32_t)) < 0 ||
	    (c->nscope > 0 && kll__resize(&c->g, cap, sizeof(uint32_t)) < 0))
		return -1;
	for (k = 0; k < NDSLOT; k++)
		if (kll__resize(&c->pcol[k], cap, sizeof(uint16_t)) < 0)
			return -1;
	c->cap = cap;
	return 0;
}

/* Number the codes and predicate of record r, the one taken, and keep
 * what the end needs of it. */
int
kll__mapcheck_keep_row(struct chk *c, uint32_t r)
{
	const char *j = get(c, r, KLL_SLOT_MAPPING_JUSTIFICATION);
	unsigned line, col;
	uint32_t i;
	size_t k;

	c->sd[0].id[r] = side_id(c, 0, get(c, r, KLL_SLOT_SUBJECT_ID));
	c->sd[1].id[r] = side_id(c, 1, get(c, r, KLL_SLOT_OBJECT_ID));
	c->pk[r] = pred_key(c, r);
	/* 0 only for none. */
	c->jh[r] = j != NULL ? kll__hash64(j, strlen(j)) | 1 : 0;
	c->card[r] = (unsigned char)kll_cardinality_from_name(
	    get(c, r, KLL_SLOT_MAPPING_CARDINALITY));
	if (c->nscope > 0 && (c->g[r] = scope_of(c, r)) == NONE)
		return -1;
	c->line[r] = kll_mapset_line(c->m, c->rec);
	for (k = 0; k < NDSLOT; k++) {
		kll_mapset_pos(c->m, c->rec, dslot[k], &line, &col);
		c->pcol[k][r] = (uint16_t)(col < PCOL_BIG ? col : PCOL_BIG);
		if (col >= PCOL_BIG) {
			if ((i = kll__kset_add(&c->fc, (uint64_t)r << 2 | k)) ==
			    NONE)
				return -1;
			c->fc.cnt[i] = col;
		}
		if (line == c->line[r])
			continue;
		if ((i = kll__kset_add(&c->fl, (uint64_t)r << 2 | k)) == NONE)
			return -1;
		c->fl.cnt[i] = line;
	}
	return c->nomem ? -1 : 0;
}

/* The records with a subject, in the order of their subjects, each
 * subject's in file order (a counting sort: in a sorted key, a
 * sequential pass). */
static int
by_subject(struct chk *c)
{
	size_t ns = c->sd[0].n, r, sum = 0, k, s;
	uint32_t *id = c->sd[0].id;

	if ((c->gend = kll__calloc(ns + 1, sizeof(uint32_t))) == NULL)
		return -1;
	for (r = 0; r < c->n; r++)
		if (id[r] != NONE)
			c->gend[id[r]]++;
	for (s = 0; s < ns; s++) {
		k = c->gend[s];
		c->gend[s] = (uint32_t)sum;
		sum += k;
	}
	if ((c->order = kll__malloc((sum ? sum : 1) * sizeof(uint32_t))) ==
	    NULL)
		return -1;
	for (r = 0; r < c->n; r++)
		if (id[r] != NONE)
			c->order[c->gend[id[r]]++] = (uint32_t)r;
	return 0;
}

/* Walk the records subject by subject: the first record of each pair
 * counts for the degrees of its codes; with "full", the others are
 * checked for duplicates and contradictions. */
int
kll__mapcheck_walk(struct chk *c, int full)
{
	size_t no = c->sd[1].n ? c->sd[1].n : 1, i = 0;
	struct entry *es = c->sd[0].e, *eo = c->sd[1].e;
	uint32_t s, o, r, stamp;

	c->ostamp = kll__calloc(no, sizeof(uint32_t));
	c->ofirst = kll__malloc(no * sizeof(uint32_t));
	c->omask = kll__malloc(no);
	if (c->ostamp == NULL || c->ofirst == NULL || c->omask == NULL ||
	    kll__itab_init(&c->t1, 0) < 0 || kll__itab_init(&c->t2, 0) < 0 ||
	    by_subject(c) < 0)
		return -1;
	for (s = 0; s < c->sd[0].n && !c->nomem; s++) {
		stamp = s + 1;
		for (; i < c->gend[s]; i++) {
			r = c->order[i];
			if ((o = c->sd[1].id[r]) == NONE)
				continue;
			if (c->nscope > 0 && scoped_pair(c, r, s, o, stamp) < 0)
				return -1;
			if (c->ostamp[o] != stamp) {
				c->ostamp[o] = stamp;
				c->ofirst[o] = r;
				c->omask[o] = (unsigned char)kll__mapcheck_plain_kind(c, r);
				if (!((es[s].flags | eo[o].flags) & E_NTF)) {
					es[s].deg++;
					eo[o].deg++;
				}
			} else if (full) {
				if (!(c->omask[o] & IN_T1)) {
					t_insert(c, c->ofirst[o], 0);
					c->omask[o] |= IN_T1;
				}
				pair_rules(c, r, &c->omask[o]);
			}
		}
	}
	return c->nomem ? -1 : 0;
}

/* What the walk needs only until the shapes are known. */
void
kll__mapcheck_free_walk(struct chk *c)
{
	free(c->order);
	free(c->gend);
	free(c->ostamp);
	free(c->ofirst);
	free(c->omask);
	free(c->g);
	c->order = c->gend = c->ostamp = c->ofirst = c->g = NULL;
	c->omask = NULL;
	kll__itab_free(&c->t1);
	kll__itab_free(&c->t2);
	kll__kset_free(&c->sc);
	kll__kset_free(&c->sg);
	kll__kset_free(&c->og);
}

/* ------------------------------------------------------------------ */
/* Cardinality                                                          */

unsigned char
kll__mapcheck_shape_of(
    unsigned flags_s, unsigned flags_o, uint32_t subjects, uint32_t objects)
{
	int ns = (flags_s & E_NTF) != 0, no = (flags_o & E_NTF) != 0;

	if (ns && no)
		return KLL_CARD_0_0;
	if (no)
		return KLL_CARD_1_0;
	if (ns)
		return KLL_CARD_0_1;
	if (subjects > 1)
		return objects > 1 ? KLL_CARD_N_N : KLL_CARD_N_1;
	return objects > 1 ? KLL_CARD_1_N : KLL_CARD_1_1;
}

/* The shape of every record, from the degrees the walk counted: of the
 * codes, or of the codes within their scope. */
void
kll__mapcheck_shapes(struct chk *c)
{
	const struct entry *es = c->sd[0].e, *eo = c->sd[1].e;
	uint32_t s, o, ds, dob;
	size_t r;

	for (r = 0; r < c->n; r++) {
		s = c->sd[0].id[r];
		o = c->sd[1].id[r];
		if (s == NONE || o == NONE)
			continue;
		if (c->nscope > 0) {
			ds = kll__kset_count(&c->og, (uint64_t)c->g[r] << 32 | o);
			dob = kll__kset_count(&c->sg, (uint64_t)c->g[r] << 32 | s);
		} else {
			ds = eo[o].deg;
			dob = es[s].deg;
		}
		c->shape[r] = kll__mapcheck_shape_of(es[s].flags, eo[o].flags, ds, dob);
	}
}

/* ------------------------------------------------------------------ */
/* Exact matches to a concept and its ancestor                          */

struct climb {
	uint32_t *mark, *mrow, *vis, *queue;
	unsigned char *same; /* per concept visited: the start's extent */
	uint32_t stamp, vstamp;
};

static int
u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The concept index, on side b, of record r's code there. */
static uint32_t
concept_at(const struct chk *c, int b, uint32_t r)
{
	return c->sd[b].e[c->sd[b].id[r]].index;
}

/* Walk up from concept ci of record r: an ancestor that the same code
 * (on side a) also matches exactly is a clash, unless the walk reached it
 * through only children: a concept whose one narrower concept is the
 * start, or is such a concept, is the same category as the start (SNI's
 * detailed group 01.110, the only one of class 01.11). */
static void
climb_from(struct chk *c, struct climb *w, int a, uint32_t ci, uint32_t r)
{
	const kll_vocab *v = c->sd[!a].v;
	const kll_concept *x, *b;
	size_t head = 0, tail = 0, i;
	uint32_t y, e, xi;

	w->vstamp++;
	w->vis[ci] = w->vstamp;
	w->same[ci] = 1;
	w->queue[tail++] = ci;
	while (head < tail) {
		xi = w->queue[head++];
		x = kll_vocab_at(v, xi);
		for (i = 0; i < kll_concept_nbroader(x); i++) {
			b = kll_concept_broader(x, i);
			y = (uint32_t)kll_concept_index(b);
			if (w->vis[y] == w->vstamp)
				continue;
			w->vis[y] = w->vstamp;
			w->same[y] =
			    w->same[xi] && kll_concept_nnarrower(b) == 1;
			w->queue[tail++] = y;
			if (w->mark[y] != w->stamp || w->same[y])
				continue;
			e = w->mrow[y];
			if (e > r)
				add_event(c, e, R_HIERARCHY_CLASH, r,
				    (unsigned)a | F_ANCESTOR);
			else
				add_event(
				    c, r, R_HIERARCHY_CLASH, e, (unsigned)a);
		}
	}
}

/* One group of exact records that share the code on side a, sorted. */
static void
clash_group(
    struct chk *c, struct climb *w, int a, const uint64_t *keys, size_t n)
{
	size_t i, distinct = 0;
	uint32_t r, ci;

	w->stamp++;
	for (i = 0; i < n; i++) {
		r = (uint32_t)keys[i];
		ci = concept_at(c, !a, r);
		if (w->mark[ci] != w->stamp) {
			w->mark[ci] = w->stamp;
			w->mrow[ci] = r;
			distinct++;
		}
	}
	for (i = 0; distinct > 1 && i < n; i++) {
		r = (uint32_t)keys[i];
		ci = concept_at(c, !a, r);
		if (w->mrow[ci] == r)
			climb_from(c, w, a, ci, r);
	}
}

static int
exact_row(const struct chk *c, int a, uint32_t r)
{
	uint32_t pk = c->pk[r], ia = c->sd[a].id[r], ib = c->sd[!a].id[r];

	return !(pk & 1) && c->pred[pk >> 1].kind == K_EXACT && ia != NONE &&
	       !(c->sd[a].e[ia].flags & E_NTF) && ib != NONE &&
	       c->sd[!a].e[ib].c != NULL;
}

/* Codes of side a that match exactly both a concept of the other side
 * and one of its ancestors. */
static int
clash_side(struct chk *c, int a)
{
	const kll_vocab *v = c->sd[!a].v;
	uint64_t *keys = NULL;
	struct climb w;
	size_t nk = 0, i, j, nc;
	uint32_t r;
	int st = -1;

	memset(&w, 0, sizeof(w));
	if (v == NULL || c->n == 0)
		return 0;
	nc = kll_vocab_count(v) + 1;
	if ((keys = kll__malloc(c->n * sizeof(*keys))) == NULL ||
	    (w.mark = kll__calloc(nc, sizeof(uint32_t))) == NULL ||
	    (w.mrow = kll__calloc(nc, sizeof(uint32_t))) == NULL ||
	    (w.vis = kll__calloc(nc, sizeof(uint32_t))) == NULL ||
	    (w.same = kll__calloc(nc, 1)) == NULL ||
	    (w.queue = kll__malloc(nc * sizeof(uint32_t))) == NULL)
		goto out;
	for (r = 0; r < c->n; r++)
		if (exact_row(c, a, r))
			keys[nk++] = (uint64_t)c->sd[a].id[r] << 32 | r;
	qsort(keys, nk, sizeof(*keys), u64_cmp);
	for (i = 0; i < nk; i = j) {
		for (j = i + 1; j < nk && keys[j] >> 32 == keys[i] >> 32; j++)
			;
		if (j - i > 1)
			clash_group(c, &w, a, keys + i, j - i);
	}
	st = c->nomem ? -1 : 0;
out:
	free(keys);
	free(w.mark);
	free(w.mrow);
	free(w.vis);
	free(w.same);
	free(w.queue);
	return st;
}

/* Events in the order their findings come out: by record, rule, the
 * other record. */
static int
event_cmp(const void *a, const void *b)
{
	const struct event *x = a, *y = b;

	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	if (x->ref != y->ref)
		return x->ref < y->ref ? -1 : 1;
	return (int)x->flag - (int)y->flag;
}

int
kll__mapcheck_clashes(struct chk *c)
{
	if (clash_side(c, 0) < 0 || clash_side(c, 1) < 0)
		return -1;
	if (c->nev > 1)
		qsort(c->ev, c->nev, sizeof(*c->ev), event_cmp);
	return 0;
}

/* The top of the chain of only children that concept x ends: a concept
 * that is the one narrower concept of its one broader concept is the same
 * category as that broader concept (SNI's detailed group 01.110, the only
 * one of class 01.11). */
static const kll_concept *
category_top(const kll_concept *x)
{
	const kll_concept *b;

	while (kll_concept_nbroader(x) == 1 &&
	       kll_concept_nnarrower(b = kll_concept_broader(x, 0)) == 1)
		x = b;
	return x;
}

/* Per code of side k, in xrep: the first code of the same category, so
 * that a class and its only child count as one exact counterpart. */
static int
category_reps(struct chk *c, int k)
{
	struct side *sd = &c->sd[k];
	uint32_t *first = NULL, i, t;

	if ((c->xrep[k] = kll__malloc((sd->n + 1) * sizeof(uint32_t))) == NULL)
		return -1;
	if (sd->v != NULL && (first = kll__calloc(kll_vocab_count(sd->v) + 1,
	                          sizeof(uint32_t))) == NULL)
		return -1;
	for (i = 0; i < sd->n; i++) {
		c->xrep[k][i] = i;
		if (first == NULL || sd->e[i].c == NULL)
			continue;
		t = (uint32_t)kll_concept_index(category_top(sd->e[i].c));
		if (first[t] == 0)
			first[t] = i + 1;
		c->xrep[k][i] = first[t] - 1;
	}
	free(first);
	return 0;
}

/* The number of distinct exact counterparts of each code's category, in
 * xdeg (indexed by xrep). */
int
kll__mapcheck_exact_degrees(struct chk *c)
{
	uint64_t *keys = NULL;
	size_t r, nk = 0, i;
	uint32_t s, o;
	int k;

	for (k = 0; k < 2; k++)
		if ((c->xdeg[k] = kll__calloc(
		         c->sd[k].n + 1, sizeof(uint32_t))) == NULL ||
		    category_reps(c, k) < 0)
			return -1;
	if ((keys = kll__malloc((c->n + 1) * sizeof(*keys))) == NULL)
		return -1;
	for (r = 0; r < c->n; r++) {
		s = c->sd[0].id[r];
		o = c->sd[1].id[r];
		if (s != NONE && o != NONE &&
		    kll__mapcheck_plain_kind(c, (uint32_t)r) == K_EXACT &&
		    !(c->sd[0].e[s].flags & E_NTF) &&
		    !(c->sd[1].e[o].flags & E_NTF))
			keys[nk++] =
			    (uint64_t)c->xrep[0][s] << 32 | c->xrep[1][o];
	}
	qsort(keys, nk, sizeof(*keys), u64_cmp);
	for (i = 0; i < nk; i++) {
		if (i > 0 && keys[i] == keys[i - 1])
			continue;
		c->xdeg[0][keys[i] >> 32]++;
		c->xdeg[1][keys[i] & 0xffffffffu]++;
	}
	free(keys);
	return 0;
}

