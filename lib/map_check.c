/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * map_check.c: checking translation keys against the vocabularies of
 * their two sides, and the actual cardinality of their records.
 *
 * A check takes the records one at a time, as the reader reads them
 * (kll_mapcheck_row), or from a set in memory (kll_mapset_check).  Each
 * record gets the findings it can have on its own at once: links, codes
 * unknown or deprecated or off the declared level, label drift, bad
 * predicates.  Of the record, what stays is a few numbers: the distinct
 * CURIE of each side (hashed once, with the concept it names), the
 * predicate with its modifier, a hash of the justification and of the
 * cardinality scope, the line and the columns of the fields that later
 * findings are about.  At the end, a walk of these numbers by subject
 * finds duplicates, contradictions and the cardinality of each record,
 * and the findings that need every record go out in file order.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define NONE     UINT32_MAX
#define NTF_IRI  "https://w3id.org/sssom/NoTermFound"
#define SKOS     "http://www.w3.org/2004/02/skos/core#"
#define OWL      "http://www.w3.org/2002/07/owl#"
#define RDFS     "http://www.w3.org/2000/01/rdf-schema#"
#define MAXLEVEL 64

/* ------------------------------------------------------------------ */
/* Rules                                                                */

enum {
	R_NO_VOCABULARY,
	R_UNSAFE_LINK,
	R_UNKNOWN_SUBJECT,
	R_UNKNOWN_OBJECT,
	R_DEPRECATED_SUBJECT,
	R_DEPRECATED_OBJECT,
	R_WRONG_LEVEL,
	R_LABEL_DRIFT,
	R_DUPLICATE_ROW,
	R_CONTRADICTION,
	R_HIERARCHY_CLASH,
	R_CARDINALITY,
	R_BAD_PREDICATE,
	R_OTHER_PREDICATE,
	R_EXACT_NOT_1_1,
	R_UNMAPPED,
	NRULES
};

static const kll_check_rule rules[NRULES] = {
	{ "map-no-vocabulary", KLL_SEV_ERROR,
	    "the vocabulary of a side is not named in the metadata, or "
	    "cannot be found or read" },
	{ "map-unsafe-link", KLL_SEV_ERROR,
	    "a link of the metadata (license, see_also, ...) that is not "
	    "http(s), or an identifier that is not http(s) or urn" },
	{ "map-unknown-subject", KLL_SEV_ERROR,
	    "a subject_id that is no concept of the subject vocabulary" },
	{ "map-unknown-object", KLL_SEV_ERROR,
	    "an object_id that is no concept of the object vocabulary" },
	{ "map-deprecated-subject", KLL_SEV_WARNING,
	    "a subject that its vocabulary deprecates" },
	{ "map-deprecated-object", KLL_SEV_WARNING,
	    "an object that its vocabulary deprecates" },
	{ "map-wrong-level", KLL_SEV_ERROR,
	    "a code off the key's declared level (info when no level is "
	    "declared: once, where the rows first leave the level most are "
	    "on)" },
	{ "map-label-drift", KLL_SEV_WARNING,
	    "a subject_label or object_label that is no prefLabel of its "
	    "concept in any language" },
	{ "map-duplicate-row", KLL_SEV_ERROR,
	    "the subject, predicate, modifier, object and justification of "
	    "an earlier row" },
	{ "map-contradiction", KLL_SEV_ERROR,
	    "one pair with two of exactMatch, broadMatch, narrowMatch and "
	    "relatedMatch, or with a mapping and its Not" },
	{ "map-hierarchy-clash", KLL_SEV_ERROR,
	    "a code that is an exactMatch of both a concept and its ancestor" },
	{ "map-cardinality", KLL_SEV_ERROR,
	    "rows that break the set's declared cardinality (warning: a "
	    "row's mapping_cardinality that is not its actual shape)" },
	{ "map-bad-predicate", KLL_SEV_ERROR,
	    "a predicate that is no mapping property: a term of SKOS, OWL, "
	    "RDFS or oboInOwl other than skos:exactMatch, closeMatch, "
	    "broadMatch, narrowMatch, relatedMatch, mappingRelation, "
	    "owl:sameAs, equivalentClass, equivalentProperty, "
	    "rdfs:subClassOf, subPropertyOf, seeAlso, oboInOwl:hasDbXref "
	    "(skos:exactmatch, skos:sameAs, skos:broader), with the one "
	    "meant" },
	{ "map-other-predicate", KLL_SEV_WARNING,
	    "a predicate from another vocabulary: SSSOM allows it, but "
	    "kll-map compose and invert refuse it" },
	{ "map-exact-not-one-to-one", KLL_SEV_WARNING,
	    "an exactMatch (or owl:equivalentClass, owl:sameAs) on a pair "
	    "that is 1:n, n:1 or n:n among the key's exact matches" },
	{ "map-unmapped", KLL_SEV_INFO,
	    "codes of a level the key uses that no row maps, one count per "
	    "level and side" },
};

const kll_check_rule *
kll_mapcheck_rule_at(size_t i)
{
	return i < NRULES ? &rules[i] : NULL;
}

/* String hashes: kll__hash64(), folded where 32 bits do. */
static uint32_t
hash_str(const char *s, size_t n)
{
	return (uint32_t)kll__hash64(s, n);
}

/* Grow array *p of *cap elements of "size" bytes to hold n + 1. */
static int
grow(void *p, size_t *cap, size_t n, size_t size)
{
	size_t c = *cap ? *cap : 16;
	void *q;

	if (n < *cap)
		return 0;
	while (c <= n)
		c *= 2;
	if ((q = kll__realloc(*(void **)p, c * size)) == NULL)
		return -1;
	*(void **)p = q;
	*cap = c;
	return 0;
}

/* ------------------------------------------------------------------ */
/* The state of a check                                                 */

enum {
	E_NTF = 1,      /* sssom:NoTermFound */
	E_NOPREFIX = 2, /* its prefix is not declared */
	E_GUESSED = 4,  /* guess is set */
	E_DEPRECATED = 8,
	E_ATTN = 16 /* its records need a closer look */
};

/* One distinct CURIE of a side. */
struct entry {
	const char *curie;        /* a copy, close to the others */
	const kll_concept *c;     /* NULL: no concept of the vocabulary */
	const kll_concept *guess; /* what it means written loosely */
	uint64_t label;           /* hash of a label known to be a prefLabel */
	uint32_t hash;
	uint32_t deg;   /* distinct partners on the other side */
	uint32_t index; /* the concept's kll_concept_index() */
	int level;      /* the concept's level, 0 when none */
	unsigned flags; /* E_* */
};

struct side {
	const kll_vocab *v; /* NULL: none, or it could not be had */
	struct entry *e;
	size_t n, cap;
	kll__arena text; /* the CURIEs of the entries */
	kll__itab tab; /* CURIE -> entry */
	uint32_t lastid; /* the entry looked up last, or NONE */
	uint32_t *id;          /* per record: its entry, or NONE */
	unsigned char *mapped; /* per concept of v: some record maps it */
};

/* Kinds of predicate that exclude each other for one pair. */
enum { K_EXACT = 1, K_BROAD = 2, K_NARROW = 4, K_RELATED = 8 };
#define K_ALL (K_EXACT | K_BROAD | K_NARROW | K_RELATED)
#define IN_T1 0x80 /* in omask: the pair's first record is in t1 */

struct pred {
	const char *p; /* the predicate_id as the records give it (a copy) */
	unsigned kind;
	kll_pred_class cls;
	uint32_t first; /* the first record that has it */
};

/* A finding that the first pass or the hierarchy check made for record
 * "row", about it and record "ref". */
struct event {
	uint32_t row, ref;
	unsigned char rule, flag;
};

enum { F_OBJECT_SIDE = 1, F_ANCESTOR = 2 };


/* The fields whose places the findings made at the end need. */
static const kll_slot dslot[] = { KLL_SLOT_SUBJECT_ID, KLL_SLOT_OBJECT_ID,
	KLL_SLOT_PREDICATE_ID, KLL_SLOT_MAPPING_CARDINALITY };
#define NDSLOT (sizeof(dslot) / sizeof(dslot[0]))

struct chk {
	uint32_t *xdeg[2]; /* per code of a side: its exact counterparts */
	uint32_t *xrep[2]; /* per code: the code that stands for its category */
	const kll_mapset *m;
	kll_mapcheck_opts o;
	const char *file;
	size_t n, cap; /* records, and room for them in each array */
	uint32_t cur;  /* the record taken now, or NONE */
	size_t rec;    /* the set's number for it */
	int begun;     /* the set's metadata is taken */
	int full;      /* all the rules, not only what shapes need */
	struct side sd[2];
	struct pred *pred;
	size_t npred, predcap;
	kll__arena text; /* the predicates */
	uint32_t lastpi; /* the predicate looked up last, or NONE */
	uint32_t *pk;    /* per record: predicate << 1 | Not */
	uint64_t *jh;    /* per record: a hash of its justification */
	unsigned char *card; /* per record: its own mapping_cardinality */
	uint32_t *line;      /* per record: its line */
	uint32_t *pcol[NDSLOT]; /* per record: the column of each dslot[] */
	kll__kset fl;   /* record << 2 | dslot: a field's other line */
	/* The walk of the records by subject. */
	uint32_t *order;      /* records with a subject, by subject, line */
	uint32_t *gend;       /* per subject: where its records end */
	uint32_t *ostamp;     /* per object: subject + 1 that saw it last */
	uint32_t *ofirst;     /* per object: that subject's first record */
	unsigned char *omask; /* per object: kinds seen, IN_T1 */
	kll__itab t1, t2;   /* records of pairs with several */
	/* With a cardinality_scope. */
	kll_slot scope[KLL_SLOT__COUNT];
	size_t nscope;
	uint32_t *g;   /* per record: its scope */
	kll__kset sc; /* the hash of a scope's values -> its number */
	kll__kset sg, og; /* (scope, subject) and (scope, object) */
	struct event *ev;
	size_t nev, evcap;
	unsigned char *shape; /* per record: kll_cardinality */
	int level[2];         /* declared, or 0 */
	int major[2];         /* most records' level, when undeclared */
	int mixed[2];         /* a side's mixed levels are reported */
	size_t lrows[2][MAXLEVEL + 1];
	kll_cardinality setcard; /* declared for the set, or NONE */
	const char *linkmeta[8]; /* the set's value of each link_slots[] */
	size_t nerrors;
	int nomem;
};

/* Record r's value of slot s: only while it is the record taken. */
static const char *
get(const struct chk *c, size_t r, kll_slot s)
{
	if (r != c->cur)
		return NULL;
	return kll_mapset_get(c->m, c->rec, s);
}

static int
same(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static const char *const side_name[2] = { "subject", "object" };

static void emit(struct chk *c, int rule, kll_severity sev, uint32_t row,
    kll_slot slot, const char *fmt, ...) KLL__PRINTF(6, 7);

/* Copy "s" to "out" with its control characters escaped, so that a
 * finding stays on one line whatever the values in it hold. */
static void
one_line(char *out, size_t size, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;

	for (; *p != '\0' && n + 5 < size; p++) {
		if (*p >= 0x20 && *p != 0x7f) {
			out[n++] = (char)*p;
			continue;
		}
		out[n++] = '\\';
		if (*p == '\n' || *p == '\t' || *p == '\r') {
			out[n++] = *p == '\n' ? 'n' : *p == '\t' ? 't' : 'r';
		} else {
			out[n++] = 'x';
			out[n++] = hex[*p >> 4];
			out[n++] = hex[*p & 15];
		}
	}
	out[n] = '\0';
}

/* Where record "row"'s field of slot s is: from the set while the
 * record is the one taken, else from what was kept of it. */
static void
locate(const struct chk *c, uint32_t row, kll_slot s, unsigned *line,
    unsigned *col)
{
	uint32_t i;
	size_t k;

	*line = *col = 0;
	if (row == NONE)
		return;
	if (row == c->cur) {
		kll_mapset_pos(c->m, c->rec, s, line, col);
		return;
	}
	if ((*line = c->line[row]) == 0)
		return;
	for (k = 0; k < NDSLOT && dslot[k] != s; k++)
		;
	if (k == NDSLOT)
		return;
	*col = c->pcol[k][row];
	if (c->fl.n > 0 &&
	    (i = kll__kset_find(&c->fl, (uint64_t)row << 2 | k)) != NONE)
		*line = c->fl.cnt[i];
}

/* Send one finding; "row" NONE is about the set (line 0). */
static void
emit(struct chk *c, int rule, kll_severity sev, uint32_t row, kll_slot slot,
    const char *fmt, ...)
{
	char msg[sizeof(((kll_error *)0)->msg)];
	kll_error d;
	va_list ap;

	if (sev == KLL_SEV_ERROR)
		c->nerrors++;
	if (c->o.diag == NULL || sev < c->o.min)
		return;
	memset(&d, 0, sizeof(d));
	d.code = KLL_EINVALID;
	d.severity = sev;
	snprintf(d.file, sizeof(d.file), "%s", c->file);
	snprintf(d.rule, sizeof(d.rule), "%s", rules[rule].id);
	locate(c, row, slot, &d.line, &d.col);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	one_line(d.msg, sizeof(d.msg), msg);
	c->o.diag(c->o.payload, &d);
}

static void
add_event(struct chk *c, uint32_t row, int rule, uint32_t ref, unsigned flag)
{
	struct event *e;

	if (grow(&c->ev, &c->evcap, c->nev, sizeof(*c->ev)) < 0) {
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
	    grow(&sd->e, &sd->cap, sd->n, sizeof(*sd->e)) < 0) {
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
			    grow(&c->pred, &c->predcap, i, sizeof(*c->pred)) <
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
static unsigned
plain_kind(const struct chk *c, uint32_t r)
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
static unsigned
note_row(struct chk *c, uint32_t r)
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
	if ((kind = plain_kind(c, r)) == 0)
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

/* The slots of the set's cardinality_scope; with "report", names that
 * are no slot are findings. */
static int
read_scope(struct chk *c, int report)
{
	const char *v = kll_mapset_meta(c->m, "cardinality_scope");
	char **names = NULL;
	size_t n = 0, i, j;
	kll_slot s;

	if (v == NULL)
		return 0;
	if (kll_sssom_split(&names, &n, v, NULL) != KLL_OK)
		return -1;
	for (i = 0; i < n; i++) {
		if ((s = kll_slot_from_name(names[i])) == KLL_SLOT__COUNT) {
			if (report)
				emit(c, R_CARDINALITY, KLL_SEV_WARNING, NONE,
				    KLL_SLOT__COUNT,
				    "cardinality_scope names '%s', which is "
				    "no slot of a mapping; left out",
				    names[i]);
			continue;
		}
		for (j = 0; j < c->nscope && c->scope[j] != s; j++)
			;
		if (j == c->nscope)
			c->scope[c->nscope++] = s;
	}
	free(names);
	return 0;
}

/* ------------------------------------------------------------------ */
/* The first pass                                                       */

/* The tables a check starts with. */
static int
alloc_tables(struct chk *c)
{
	if (kll__itab_init(&c->sd[0].tab, 0) < 0 ||
	    kll__itab_init(&c->sd[1].tab, 0) < 0 || kll__itab_init(&c->fl.t, 0) < 0)
		return -1;
	if (c->nscope > 0 &&
	    (kll__itab_init(&c->sc.t, 0) < 0 || kll__itab_init(&c->sg.t, 0) < 0 ||
	        kll__itab_init(&c->og.t, 0) < 0))
		return -1;
	return 0;
}

static int
resize(void *p, size_t n, size_t size)
{
	void *q;

	if ((q = kll__realloc(*(void **)p, n * size)) == NULL)
		return -1;
	*(void **)p = q;
	return 0;
}

/* Room for one more record in every per-record array.  They grow four
 * times at a time: what a copy costs matters more than room not yet
 * used, which takes no memory until it is written. */
static int
row_room(struct chk *c)
{
	size_t cap = c->cap ? c->cap * 4 : 4096, k;

	if (c->n < c->cap)
		return 0;
	if (resize(&c->sd[0].id, cap, sizeof(uint32_t)) < 0 ||
	    resize(&c->sd[1].id, cap, sizeof(uint32_t)) < 0 ||
	    resize(&c->pk, cap, sizeof(uint32_t)) < 0 ||
	    resize(&c->jh, cap, sizeof(uint64_t)) < 0 ||
	    resize(&c->card, cap, 1) < 0 ||
	    resize(&c->line, cap, sizeof(uint32_t)) < 0 ||
	    (c->nscope > 0 && resize(&c->g, cap, sizeof(uint32_t)) < 0))
		return -1;
	for (k = 0; k < NDSLOT; k++)
		if (resize(&c->pcol[k], cap, sizeof(uint32_t)) < 0)
			return -1;
	c->cap = cap;
	return 0;
}

/* Number the codes and predicate of record r, the one taken, and keep
 * what the end needs of it. */
static int
keep_row(struct chk *c, uint32_t r)
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
		c->pcol[k][r] = col;
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
static int
walk(struct chk *c, int full)
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
				c->omask[o] = (unsigned char)plain_kind(c, r);
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
static void
free_walk(struct chk *c)
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

static unsigned char
shape_of(
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
static void
shapes(struct chk *c)
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
		c->shape[r] = shape_of(es[s].flags, eo[o].flags, ds, dob);
	}
}

/* ------------------------------------------------------------------ */
/* What the set declares                                                */

/* "why", without the key's own name, for a message. */
static void
describe(char *buf, size_t size, const struct chk *c, const kll_error *why)
{
	const char *msg = why->msg[0] ? why->msg : kll_strerror(why->code);

	if (why->file[0] == '\0' || strcmp(why->file, c->file) == 0)
		snprintf(buf, size, "%.300s", msg);
	else if (why->line > 0 && why->col > 0)
		snprintf(buf, size, "%.150s:%u:%u: %.200s", why->file,
		    why->line, why->col, msg);
	else if (why->line > 0)
		snprintf(
		    buf, size, "%.150s:%u: %.200s", why->file, why->line, msg);
	else
		snprintf(buf, size, "%.150s: %.200s", why->file, msg);
}

static void
set_vocabs(struct chk *c)
{
	const kll_vocab *v;
	char buf[400];
	kll_status st;
	kll_error why;
	int k;

	if (c->o.vocabs == NULL)
		return;
	for (k = 0; k < 2 && !c->nomem; k++) {
		memset(&why, 0, sizeof(why));
		if (c->o.vocab[k] != NULL)
			st = kll_vocab_cache_open(
			    &v, c->o.vocabs, c->o.vocab[k], &why);
		else
			st = kll_vocab_cache_source(&v, c->o.vocabs, c->m,
			    k ? "object_source" : "subject_source", &why);
		if (st == KLL_ENOMEM) {
			c->nomem = 1;
		} else if (st != KLL_OK) {
			describe(buf, sizeof(buf), c, &why);
			emit(c, R_NO_VOCABULARY, KLL_SEV_ERROR, NONE,
			    KLL_SLOT__COUNT, "%s vocabulary: %s", side_name[k],
			    buf);
		} else if ((c->sd[k].mapped = kll__calloc(
		                kll_vocab_count(v) + 1, 1)) == NULL) {
			c->nomem = 1;
		} else {
			c->sd[k].v = v;
		}
	}
}

/* The depth that "s" names: a number, or a level's IRI or CURIE; 0 when
 * it cannot be told without a vocabulary, -1 when it is none. */
static int
parse_level(const struct chk *c, const kll_vocab *v, const char *s)
{
	char iri[1024];
	const char *l;
	size_t n;
	int d;

	if (*s >= '1' && *s <= '9' && strspn(s, "0123456789") == strlen(s))
		return strlen(s) > 3 ? -1 : atoi(s);
	if (v == NULL)
		return 0;
	n = kll_mapset_expand(c->m, s, iri, sizeof(iri));
	if (n == 0 || n >= sizeof(iri))
		snprintf(iri, sizeof(iri), "%s", s);
	for (d = 1; d <= kll_vocab_levels(v); d++)
		if ((l = kll_vocab_level_iri(v, d)) != NULL &&
		    strcmp(l, iri) == 0)
			return d;
	return -1;
}

static void
set_levels(struct chk *c)
{
	const char *key, *mv;
	const kll_vocab *v;
	int k, lv;

	for (k = 0; k < 2; k++) {
		v = c->sd[k].v;
		key = k ? "object_level" : "subject_level";
		mv = NULL;
		if ((lv = c->o.level[k]) == 0 &&
		    (mv = kll_mapset_meta(c->m, key)) != NULL &&
		    (lv = parse_level(c, v, mv)) < 0) {
			emit(c, R_WRONG_LEVEL, KLL_SEV_ERROR, NONE,
			    KLL_SLOT__COUNT,
			    "%s '%s' in the metadata is no level%s%s", key, mv,
			    v ? " of " : "", v ? kll_vocab_id(v) : "");
			lv = 0;
		} else if (lv > 0 && v != NULL && lv > kll_vocab_levels(v)) {
			emit(c, R_WRONG_LEVEL, KLL_SEV_ERROR, NONE,
			    KLL_SLOT__COUNT,
			    "the key's %s level %d is no level of %s, which "
			    "has %d",
			    side_name[k], lv, kll_vocab_id(v),
			    kll_vocab_levels(v));
			lv = 0;
		}
		c->level[k] = lv;
	}
}

static void
set_cardinality(struct chk *c)
{
	const char *v = kll_mapset_meta(c->m, "mapping_cardinality");
	kll_cardinality k;

	if (v == NULL)
		return;
	k = kll_cardinality_from_name(v);
	if (k >= KLL_CARD_1_1 && k <= KLL_CARD_N_N)
		c->setcard = k;
	else
		emit(c, R_CARDINALITY, KLL_SEV_ERROR, NONE, KLL_SLOT__COUNT,
		    "mapping_cardinality '%s' in the metadata is not 1:1, "
		    "1:n, n:1 or n:n",
		    v);
}

/* The level most records have on each side that declares none, when
 * they have more than one. */
static void
majority(struct chk *c)
{
	size_t best;
	int k, d, nl;

	for (k = 0; k < 2; k++) {
		c->major[k] = 0;
		if (c->level[k] > 0)
			continue;
		best = 0;
		nl = 0;
		for (d = 1; d <= MAXLEVEL; d++) {
			if (c->lrows[k][d] == 0)
				continue;
			nl++;
			if (c->lrows[k][d] > best) {
				best = c->lrows[k][d];
				c->major[k] = d;
			}
		}
		if (nl < 2)
			c->major[k] = 0;
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

static int
clashes(struct chk *c)
{
	if (clash_side(c, 0) < 0 || clash_side(c, 1) < 0)
		return -1;
	if (c->nev > 1)
		qsort(c->ev, c->nev, sizeof(*c->ev), event_cmp);
	return 0;
}

/* ------------------------------------------------------------------ */
/* The second pass: findings record by record                           */

static const kll_slot id_slot[2] = { KLL_SLOT_SUBJECT_ID, KLL_SLOT_OBJECT_ID };
static const kll_slot label_slot[2] = { KLL_SLOT_SUBJECT_LABEL,
	KLL_SLOT_OBJECT_LABEL };

/* The part of a CURIE after its prefix. */
static const char *
local_part(const char *curie)
{
	const char *p = strchr(curie, ':');

	return p != NULL ? p + 1 : curie;
}

/* The code to show for an entry: the concept's notation, else the local
 * part of the CURIE. */
static const char *
code_of(const struct entry *e)
{
	const char *n = e->c != NULL ? kll_concept_notation(e->c) : "";

	return *n != '\0' ? n : local_part(e->curie);
}

/* Record r's entry on side k that names a concept of the vocabulary
 * there, or NULL. */
static struct entry *
known(struct chk *c, uint32_t r, int k)
{
	uint32_t id = c->sd[k].id[r];

	if (c->sd[k].v == NULL || id == NONE)
		return NULL;
	return c->sd[k].e[id].c != NULL ? &c->sd[k].e[id] : NULL;
}

/* How concept x is written in this key: a CURIE, else its IRI. */
static void
written(char *buf, size_t size, const struct chk *c, const kll_concept *x)
{
	size_t n = kll_mapset_contract(c->m, kll_concept_iri(x), buf, size);

	if (n == 0 || n >= size)
		snprintf(buf, size, "%s", kll_concept_iri(x));
}

static void
rule_unknown(struct chk *c, uint32_t r, int k)
{
	struct side *sd = &c->sd[k];
	struct entry *e;
	char guess[300];

	if (sd->v == NULL || sd->id[r] == NONE)
		return;
	e = &sd->e[sd->id[r]];
	if (e->c != NULL || (e->flags & (E_NTF | E_NOPREFIX)))
		return;
	if (!(e->flags & E_GUESSED)) {
		e->guess = kll_vocab_find_loose(sd->v, local_part(e->curie));
		e->flags |= E_GUESSED;
	}
	if (e->guess == NULL) {
		emit(c, k ? R_UNKNOWN_OBJECT : R_UNKNOWN_SUBJECT, KLL_SEV_ERROR,
		    r, id_slot[k], "unknown code '%s' in %s",
		    local_part(e->curie), kll_vocab_id(sd->v));
		return;
	}
	written(guess, sizeof(guess), c, e->guess);
	/* The code is right and the namespace wrong: say which. */
	if (strcmp(kll_concept_notation(e->guess), local_part(e->curie)) == 0)
		emit(c, k ? R_UNKNOWN_OBJECT : R_UNKNOWN_SUBJECT, KLL_SEV_ERROR,
		    r, id_slot[k],
		    "'%s' is no concept of %s: did you mean '%s'", e->curie,
		    kll_vocab_id(sd->v), guess);
	else
		emit(c, k ? R_UNKNOWN_OBJECT : R_UNKNOWN_SUBJECT, KLL_SEV_ERROR,
		    r, id_slot[k], "unknown code '%s' in %s: did you mean '%s'",
		    local_part(e->curie), kll_vocab_id(sd->v), guess);
}

static void
rule_deprecated(struct chk *c, uint32_t r, int k)
{
	const struct entry *e = known(c, r, k);
	const kll_concept *x;
	const char *iri;
	char list[300];
	size_t i, n, len = 0;

	if (e == NULL || !(e->flags & E_DEPRECATED))
		return;
	list[0] = '\0';
	n = kll_concept_nreplaced(e->c);
	for (i = 0; i < n && len < sizeof(list); i++) {
		iri = kll_concept_replaced(e->c, i);
		x = kll_vocab_find_iri(c->sd[k].v, iri);
		len +=
		    (size_t)snprintf(list + len, sizeof(list) - len, "%s'%s'",
		        i == 0     ? "" :
		        i + 1 == n ? " and " :
		                     ", ",
		        x != NULL && *kll_concept_notation(x) ?
		            kll_concept_notation(x) :
		            iri);
	}
	emit(c, k ? R_DEPRECATED_OBJECT : R_DEPRECATED_SUBJECT, KLL_SEV_WARNING,
	    r, id_slot[k], "code '%s' of %s is deprecated%s%s", code_of(e),
	    kll_vocab_id(c->sd[k].v),
	    n ? ", replaced by " : " and has no replacement", list);
}

/* Without a declared level, one finding per side, where the records
 * first leave the level most of them are on. */
static void
mixed_levels(struct chk *c, uint32_t r, int k)
{
	char list[200];
	size_t len = 0, off = 0;
	int d, nl = 0, i = 0;

	if (c->mixed[k])
		return;
	c->mixed[k] = 1;
	for (d = 1; d <= MAXLEVEL; d++)
		if (c->lrows[k][d] > 0) {
			nl++;
			if (d != c->major[k])
				off += c->lrows[k][d];
		}
	list[0] = '\0';
	for (d = 1; d <= MAXLEVEL && len < sizeof(list); d++)
		if (c->lrows[k][d] > 0)
			len += (size_t)snprintf(list + len, sizeof(list) - len,
			    "%s%d",
			    i++ == 0 ? "" :
			    i == nl  ? " and " :
			               ", ",
			    d);
	emit(c, R_WRONG_LEVEL, KLL_SEV_INFO, r, id_slot[k],
	    "%ss mix levels %s of %s: %zu rows are on level %d, %zu on "
	    "others, the first of them here",
	    side_name[k], list, kll_vocab_id(c->sd[k].v),
	    c->lrows[k][c->major[k]], c->major[k], off);
}

/* A code off the key's declared level. */
static void
rule_level(struct chk *c, uint32_t r, int k)
{
	const struct entry *e = known(c, r, k);
	int lv;

	if (e == NULL || (lv = e->level) == 0)
		return;
	if (c->level[k] > 0 && lv != c->level[k])
		emit(c, R_WRONG_LEVEL, KLL_SEV_ERROR, r, id_slot[k],
		    "code '%s' is on level %d of %s, not on the key's %s "
		    "level %d",
		    code_of(e), lv, kll_vocab_id(c->sd[k].v), side_name[k],
		    c->level[k]);
}

/* Without a declared level: a code off the level of most records,
 * known once all are read. */
static void
rule_mixed(struct chk *c, uint32_t r, int k)
{
	const struct entry *e;

	if (c->mixed[k] || c->level[k] > 0 || c->major[k] == 0 ||
	    (e = known(c, r, k)) == NULL || e->level == 0 ||
	    e->level == c->major[k])
		return;
	mixed_levels(c, r, k);
}

static void
rule_drift(struct chk *c, uint32_t r, int k, unsigned drift)
{
	const struct entry *e = known(c, r, k);
	const kll_label *l;
	char list[320];
	size_t i, n, len = 0, np = 0;

	if (e == NULL || !(drift & (1u << k)))
		return;
	list[0] = '\0';
	n = kll_concept_nlabels(e->c);
	for (i = 0; i < n && len < sizeof(list); i++) {
		l = kll_concept_label_at(e->c, i);
		if (l->kind != KLL_LABEL_PREF)
			continue;
		len += (size_t)snprintf(list + len, sizeof(list) - len,
		    "%s'%s'%s%s", np++ ? ", " : "", l->text,
		    *l->lang ? "@" : "", l->lang);
	}
	emit(c, R_LABEL_DRIFT, KLL_SEV_WARNING, r, label_slot[k],
	    "%s_label '%s' is no prefLabel of '%s' in %s, which has %s",
	    side_name[k], get(c, r, label_slot[k]), code_of(e),
	    kll_vocab_id(c->sd[k].v), list);
}

/* "skos:exactMatch", or "Not skos:exactMatch", for record r. */
static void
pred_text(char *buf, size_t size, const struct chk *c, uint32_t r)
{
	snprintf(buf, size, "%s%s", (c->pk[r] & 1) ? "Not " : "",
	    c->pred[c->pk[r] >> 1].p);
}

/* Where record r is, for a message: its line, or for a set made in
 * code, its number. */
static void
where(char *buf, size_t size, const struct chk *c, uint32_t r)
{
	unsigned line = c->line[r];

	if (line > 0)
		snprintf(buf, size, "on line %u", line);
	else
		snprintf(buf, size, "in record %lu", (unsigned long)r + 1);
}

static void
event_finding(struct chk *c, const struct event *ev)
{
	char a[200], b[200], w[40];
	int s;

	where(w, sizeof(w), c, ev->ref);
	switch (ev->rule) {
	case R_DUPLICATE_ROW:
		emit(c, R_DUPLICATE_ROW, KLL_SEV_ERROR, ev->row,
		    KLL_SLOT_SUBJECT_ID, "duplicate of the row %s", w);
		break;
	case R_CONTRADICTION:
		pred_text(a, sizeof(a), c, ev->row);
		pred_text(b, sizeof(b), c, ev->ref);
		emit(c, R_CONTRADICTION, KLL_SEV_ERROR, ev->row,
		    KLL_SLOT_PREDICATE_ID,
		    "%s contradicts the %s of the same pair %s", a, b, w);
		break;
	case R_HIERARCHY_CLASH:
		s = ev->flag & F_OBJECT_SIDE;
		emit(c, R_HIERARCHY_CLASH, KLL_SEV_ERROR, ev->row, id_slot[!s],
		    "'%s' is an exactMatch of '%s' and, %s, of its %s '%s'",
		    c->sd[s].e[c->sd[s].id[ev->row]].curie,
		    c->sd[!s].e[c->sd[!s].id[ev->row]].curie, w,
		    (ev->flag & F_ANCESTOR) ? "descendant" : "ancestor",
		    c->sd[!s].e[c->sd[!s].id[ev->ref]].curie);
		break;
	}
}

/* Whether actual shape "a" fits within declared set cardinality "d". */
static int
card_fits(kll_cardinality a, kll_cardinality d)
{
	int many_s = a == KLL_CARD_N_1 || a == KLL_CARD_N_N;
	int many_o = a == KLL_CARD_1_N || a == KLL_CARD_N_N;

	if (a < KLL_CARD_1_1 || a > KLL_CARD_N_N)
		return 1;
	if (many_s && (d == KLL_CARD_1_1 || d == KLL_CARD_1_N))
		return 0;
	if (many_o && (d == KLL_CARD_1_1 || d == KLL_CARD_N_1))
		return 0;
	return 1;
}

static void
rule_cardinality(struct chk *c, uint32_t r)
{
	kll_cardinality a = (kll_cardinality)c->shape[r];
	kll_cardinality d = (kll_cardinality)c->card[r];

	if (a == KLL_CARD_NONE)
		return;
	if (d != KLL_CARD_NONE && d != a)
		emit(c, R_CARDINALITY, KLL_SEV_WARNING, r,
		    KLL_SLOT_MAPPING_CARDINALITY,
		    "mapping_cardinality is %s but the row is %s%s",
		    kll_cardinality_name(d),
		    kll_cardinality_name(a),
		    c->nscope ? " within its cardinality_scope" : "");
	if (c->setcard != KLL_CARD_NONE && !card_fits(a, c->setcard))
		emit(c, R_CARDINALITY, KLL_SEV_ERROR, r, KLL_SLOT_SUBJECT_ID,
		    "the row is %s, which the key's declared "
		    "mapping_cardinality %s does not allow",
		    kll_cardinality_name(a), kll_cardinality_name(c->setcard));
}

/* ------------------------------------------------------------------ */
/* Links                                                                */

/* The slots whose IRIs a publication writes as links or into its
 * catalog, with the schemes each may have. */
static const struct link_slot {
	const char *name;
	kll_slot slot; /* a record's slot, or KLL_SLOT__COUNT */
	int kind;      /* KLL__LINK_WEB or KLL__LINK_ID */
	int curie;     /* a CURIE to expand first */
} link_slots[] = {
	{ "mapping_set_id", KLL_SLOT__COUNT, KLL__LINK_ID, 0 },
	{ "mapping_set_source", KLL_SLOT__COUNT, KLL__LINK_ID, 0 },
	{ "license", KLL_SLOT_LICENSE, KLL__LINK_WEB, 0 },
	{ "subject_source", KLL_SLOT__COUNT, KLL__LINK_ID, 1 },
	{ "object_source", KLL_SLOT__COUNT, KLL__LINK_ID, 1 },
	{ "mapping_provider", KLL_SLOT_MAPPING_PROVIDER, KLL__LINK_WEB, 0 },
	{ "see_also", KLL_SLOT_SEE_ALSO, KLL__LINK_WEB, 0 },
	{ "issue_tracker", KLL_SLOT__COUNT, KLL__LINK_WEB, 0 },
};

typedef char
    kll__link_slots_fit[sizeof(link_slots) / sizeof(link_slots[0]) <=
                                sizeof(((struct chk *)0)->linkmeta) /
                                    sizeof(((struct chk *)0)->linkmeta[0]) ?
                            1 :
                            -1];

/* The IRI of the next '|'-separated item of *p into iri (a CURIE of a
 * "curie" slot expanded), *p moved past it; 0 past the last, -1 for an
 * item to pass over (a CURIE with an unknown prefix: another rule's
 * business). */
static int
next_link(const kll_mapset *m, const struct link_slot *ls, const char **p,
    char *iri, size_t size)
{
	const char *bar;
	char item[1024];
	size_t n;

	if (*p == NULL || **p == '\0')
		return 0;
	/* "\|" is a '|' inside an item. */
	for (bar = strchr(*p, '|'); bar != NULL && bar > *p && bar[-1] == '\\';
	     bar = strchr(bar + 1, '|'))
		;
	n = bar ? (size_t)(bar - *p) : strlen(*p);
	snprintf(item, sizeof(item), "%.*s", (int)n, *p);
	*p = bar ? bar + 1 : NULL;
	if (!ls->curie) {
		snprintf(iri, size, "%s", item);
		return 1;
	}
	n = kll_mapset_expand(m, item, iri, size);
	return n == 0 || n >= size ? -1 : 1;
}

static int
has_scheme(const char *s)
{
	const char *p;

	for (p = s; *p != '\0' && *p != ':'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		        (p > s && ((*p >= '0' && *p <= '9') || *p == '+' ||
		                      *p == '.' || *p == '-'))))
			return 0;
	return p > s && *p == ':';
}

/* A finding for each item of value "v" of slot "ls" that is no safe
 * link; at the set ("row" NONE) or a record. */
static void
link_items(
    struct chk *c, const struct link_slot *ls, uint32_t row, const char *v)
{
	char iri[1024];
	int k;

	while ((k = next_link(c->m, ls, &v, iri, sizeof(iri))) != 0) {
		/* One without a scheme is sssom-bad-uri's. */
		if (k < 0 || !has_scheme(iri) || kll__link_ok(iri, ls->kind))
			continue;
		emit(c, R_UNSAFE_LINK, KLL_SEV_ERROR, row,
		    ls->slot != KLL_SLOT__COUNT ? ls->slot :
		                                  KLL_SLOT_SUBJECT_ID,
		    "%s '%.200s' is not %s: it cannot be published as a link",
		    ls->name, iri, kll__link_policy(ls->kind));
	}
}

const char *
kll__mapset_unsafe_link(const kll_mapset *m, const char **slot,
    const char **policy, char *buf, size_t size)
{
	const struct link_slot *ls;
	const char *v;
	size_t i;
	int k;

	for (i = 0; i < sizeof(link_slots) / sizeof(link_slots[0]); i++) {
		ls = &link_slots[i];
		v = kll_mapset_meta(m, ls->name);
		while ((k = next_link(m, ls, &v, buf, size)) != 0)
			if (k > 0 && !kll__link_ok(buf, ls->kind)) {
				*slot = ls->name;
				*policy = kll__link_policy(ls->kind);
				return buf;
			}
	}
	return NULL;
}

static void
set_links(struct chk *c)
{
	size_t i;

	for (i = 0; i < sizeof(link_slots) / sizeof(link_slots[0]); i++) {
		c->linkmeta[i] = kll_mapset_meta(c->m, link_slots[i].name);
		link_items(c, &link_slots[i], NONE, c->linkmeta[i]);
	}
}

/* The links of record r that the set does not already give. */
static void
record_links(struct chk *c, uint32_t r)
{
	const struct link_slot *ls;
	const char *v;
	size_t i;

	for (i = 0; i < sizeof(link_slots) / sizeof(link_slots[0]); i++) {
		ls = &link_slots[i];
		if (ls->slot == KLL_SLOT__COUNT ||
		    (v = get(c, r, ls->slot)) == NULL ||
		    same(v, c->linkmeta[i]))
			continue;
		link_items(c, ls, r, v);
	}
}

/* A predicate that is no mapping property, or one from another
 * vocabulary: reported on each record with it. */
static void
rule_predicate(struct chk *c, uint32_t r)
{
	const struct pred *p = &c->pred[c->pk[r] >> 1];
	char msg[400];

	if (p->p[0] == '\0') /* missing: the reader says so */
		return;
	if (p->cls == KLL_PRED_CLASS_BAD) {
		kll__record_pred(c->m, c->rec, msg, sizeof(msg));
		emit(c, R_BAD_PREDICATE, KLL_SEV_ERROR, r,
		    KLL_SLOT_PREDICATE_ID, "%s", msg);
	} else if (p->cls == KLL_PRED_CLASS_OTHER) {
		emit(c, R_OTHER_PREDICATE, KLL_SEV_WARNING, r,
		    KLL_SLOT_PREDICATE_ID,
		    "predicate '%s' is from no vocabulary of mapping "
		    "properties: kll-map compose and invert refuse it",
		    p->p);
	}
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
static int
exact_degrees(struct chk *c)
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
		    plain_kind(c, (uint32_t)r) == K_EXACT &&
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

/* An exact match stands for one concept on each side: a code with two
 * exact counterparts makes them one concept, which their vocabulary
 * says they are not.  (Other predicates beside an exact match, such as
 * the broadMatch of a finer code, are fine; so is the exact match of a
 * class and of its only child: category_top().) */
static void
rule_exact_shape(struct chk *c, uint32_t r)
{
	static const char *const hint[] = { "", "", "skos:narrowMatch",
		"skos:broadMatch", "skos:relatedMatch" };
	uint32_t s = c->sd[0].id[r], o = c->sd[1].id[r];
	kll_cardinality a;

	if (c->xdeg[0] == NULL || c->xrep[1] == NULL ||
	    plain_kind(c, r) != K_EXACT || s == NONE || o == NONE)
		return;
	s = c->xrep[0][s];
	o = c->xrep[1][o];
	if (c->xdeg[0][s] < 2 && c->xdeg[1][o] < 2)
		return;
	a = shape_of(0, 0, c->xdeg[1][o], c->xdeg[0][s]);
	emit(c, R_EXACT_NOT_1_1, KLL_SEV_WARNING, r, KLL_SLOT_PREDICATE_ID,
	    "%s on a row that is %s among the key's exact matches: the %s "
	    "has other exact counterparts (%s?)",
	    c->pred[c->pk[r] >> 1].p, kll_cardinality_name(a),
	    a == KLL_CARD_1_N ? "subject" :
	    a == KLL_CARD_N_1 ? "object" :
	                        "subject and the object",
	    hint[a]);
}

/* The findings that record r, the one taken, has on its own. */
static void
row_rules(struct chk *c, uint32_t r, unsigned drift)
{
	int k;

	record_links(c, r);
	for (k = 0; k < 2; k++)
		rule_unknown(c, r, k);
	for (k = 0; k < 2; k++)
		rule_deprecated(c, r, k);
	for (k = 0; k < 2; k++)
		rule_level(c, r, k);
	for (k = 0; k < 2; k++)
		rule_drift(c, r, k, drift);
	rule_predicate(c, r);
}

/* The findings that need every record, record by record. */
static void
end_rules(struct chk *c)
{
	size_t ie = 0;
	uint32_t r;
	int k;

	for (r = 0; r < c->n; r++) {
		for (k = 0; k < 2; k++)
			rule_mixed(c, r, k);
		for (; ie < c->nev && c->ev[ie].row == r; ie++)
			event_finding(c, &c->ev[ie]);
		rule_cardinality(c, r);
		rule_exact_shape(c, r);
	}
}

/* The finding for side k's level d (0: the concepts on no level; "any":
 * the vocabulary has levels), when some codes there are not mapped. */
static void
unmapped_level(
    struct chk *c, int k, int d, int any, size_t total, size_t mapped)
{
	const char *id = kll_vocab_id(c->sd[k].v);

	if (total == mapped || (mapped == 0 && d != c->level[k]))
		return;
	if (d > 0)
		emit(c, R_UNMAPPED, KLL_SEV_INFO, NONE, KLL_SLOT__COUNT,
		    "%zu of %zu codes on level %d of %s are not mapped",
		    total - mapped, total, d, id);
	else
		emit(c, R_UNMAPPED, KLL_SEV_INFO, NONE, KLL_SLOT__COUNT,
		    "%zu of %zu codes %s %s are not mapped", total - mapped,
		    total, any ? "on no level of" : "of", id);
}

/* One count per side and level the key uses (or declares) of the codes
 * that no record maps; deprecated concepts need no mapping. */
static void
unmapped(struct chk *c)
{
	size_t total[MAXLEVEL + 1], mapped[MAXLEVEL + 1], i, n;
	const kll_concept *x;
	int k, lv, d, any;

	for (k = 0; k < 2; k++) {
		if (c->sd[k].v == NULL)
			continue;
		memset(total, 0, sizeof(total));
		memset(mapped, 0, sizeof(mapped));
		n = kll_vocab_count(c->sd[k].v);
		for (i = 0; i < n; i++) {
			x = kll_vocab_at(c->sd[k].v, i);
			if (kll_concept_deprecated(x))
				continue;
			lv = kll_concept_level(x);
			lv = lv > MAXLEVEL ? MAXLEVEL : lv;
			total[lv]++;
			mapped[lv] += c->sd[k].mapped[i];
		}
		any = 0;
		for (d = 1; d <= MAXLEVEL; d++)
			any |= total[d] > 0;
		/* Levels 1, 2, ..., then the concepts on none. */
		for (i = 1; i <= MAXLEVEL + 1; i++) {
			d = (int)(i % (MAXLEVEL + 1));
			unmapped_level(c, k, d, any, total[d], mapped[d]);
		}
	}
}

/* ------------------------------------------------------------------ */
/* Entry points                                                         */

static void
chk_release(struct chk *c)
{
	size_t k;

	free_walk(c);
	for (k = 0; k < 2; k++) {
		free(c->sd[k].e);
		free(c->sd[k].id);
		free(c->sd[k].mapped);
		kll__itab_free(&c->sd[k].tab);
		kll__arena_free(&c->sd[k].text);
	}
	free(c->pred);
	kll__arena_free(&c->text);
	free(c->xdeg[0]);
	free(c->xdeg[1]);
	free(c->xrep[0]);
	free(c->xrep[1]);
	free(c->pk);
	free(c->jh);
	free(c->card);
	free(c->line);
	for (k = 0; k < NDSLOT; k++)
		free(c->pcol[k]);
	kll__kset_free(&c->fl);
	free(c->ev);
	free(c->shape);
}

static void
chk_init(struct chk *c, const kll_mapcheck_opts *o, int full)
{
	kll_mapcheck_opts def = KLL_MAPCHECK_OPTS_INIT;

	memset(c, 0, sizeof(*c));
	c->o = o != NULL ? *o : def;
	c->full = full;
	c->cur = NONE;
	c->lastpi = NONE;
	c->sd[0].lastid = c->sd[1].lastid = NONE;
}

/* What the set's metadata says, from the set of the first record (or of
 * none). */
static void
begin(struct chk *c, const kll_mapset *m)
{
	c->begun = 1;
	c->m = m;
	c->file = kll_mapset_path(m);
	if (c->full) {
		set_vocabs(c);
		set_levels(c);
		set_cardinality(c);
		set_links(c);
	}
	if (read_scope(c, c->full) < 0 || alloc_tables(c) < 0)
		c->nomem = 1;
}

/* Take record rec of m as the next record of the key. */
static kll_status
take(struct chk *c, const kll_mapset *m, size_t rec)
{
	uint32_t r = (uint32_t)c->n;
	unsigned drift;

	if (!c->begun)
		begin(c, m);
	if (c->nomem)
		return KLL_ENOMEM;
	if (c->n >= NONE - 1)
		return KLL_EARG;
	if (row_room(c) < 0) {
		c->nomem = 1;
		return KLL_ENOMEM;
	}
	c->m = m;
	c->cur = r;
	c->rec = rec;
	c->n++;
	if (keep_row(c, r) < 0)
		c->nomem = 1;
	else if (c->full && (drift = note_row(c, r), 1))
		row_rules(c, r, drift);
	c->cur = NONE;
	return c->nomem ? KLL_ENOMEM : KLL_OK;
}

/* After the last record: the walk by subject, the shapes, and with
 * every rule, the findings that need all the records. */
static int
end(struct chk *c, const kll_mapset *m)
{
	if (!c->begun)
		begin(c, m);
	c->m = m;
	if (c->nomem || (c->shape = kll__calloc(c->n + 1, 1)) == NULL ||
	    walk(c, c->full) < 0)
		return -1;
	shapes(c);
	free_walk(c);
	if (!c->full)
		return 0;
	majority(c);
	if (clashes(c) < 0 || exact_degrees(c) < 0)
		return -1;
	end_rules(c);
	unmapped(c);
	return 0;
}

struct kll_mapcheck {
	struct chk c;
};

kll_status
kll_mapcheck_new(
    kll_mapcheck **out, const kll_mapcheck_opts *opts, kll_error *err)
{
	kll_mapcheck *mc;

	*out = NULL;
	if ((mc = kll__malloc(sizeof(*mc))) == NULL)
		return kll__nomem(err);
	chk_init(&mc->c, opts, 1);
	*out = mc;
	return KLL_OK;
}

int
kll_mapcheck_row(void *check, const kll_mapset *m, size_t rec)
{
	return (int)take(&((kll_mapcheck *)check)->c, m, rec);
}

kll_status
kll_mapcheck_end(kll_mapcheck *mc, const kll_mapset *m, size_t *nerrors,
    kll_error *err)
{
	kll_status st = KLL_OK;

	if (nerrors != NULL)
		*nerrors = 0;
	if (mc == NULL || m == NULL)
		return kll__error_set(
		    err, KLL_EARG, NULL, 0, 0, "no check or no mapping set");
	if (mc->c.n >= NONE - 1)
		st = kll__error_set(err, KLL_EARG, NULL, 0, 0,
		    "too many records");
	else if (end(&mc->c, m) < 0)
		st = kll__nomem(err);
	if (nerrors != NULL)
		*nerrors = mc->c.nerrors;
	return st;
}

void
kll_mapcheck_free(kll_mapcheck *mc)
{
	if (mc == NULL)
		return;
	chk_release(&mc->c);
	free(mc);
}

kll_status
kll_mapset_check(const kll_mapset *m, const kll_mapcheck_opts *opts,
    size_t *nerrors, kll_error *err)
{
	kll_status st = KLL_OK;
	struct chk c;
	size_t i, n;

	if (nerrors != NULL)
		*nerrors = 0;
	if (m == NULL || kll_mapset_count(m) >= NONE - 1)
		return kll__error_set(err, KLL_EARG, NULL, 0, 0,
		    m == NULL ? "no mapping set" : "too many records");
	chk_init(&c, opts, 1);
	n = kll_mapset_count(m);
	for (i = 0; i < n && st == KLL_OK; i++)
		st = take(&c, m, i);
	if (st != KLL_OK || end(&c, m) < 0)
		st = kll__nomem(err);
	if (nerrors != NULL)
		*nerrors = c.nerrors;
	chk_release(&c);
	return st;
}

/* The actual shape of each record of m, into out (kll_mapset_count(m)
 * bytes); -1 when out of memory. */
int
kll__mapset_shapes(unsigned char *out, const kll_mapset *m)
{
	kll_status st = KLL_OK;
	struct chk c;
	size_t i, n = kll_mapset_count(m);

	chk_init(&c, NULL, 0);
	for (i = 0; i < n && st == KLL_OK; i++)
		st = take(&c, m, i);
	if (st == KLL_OK && end(&c, m) < 0)
		st = KLL_ENOMEM;
	if (st == KLL_OK && n > 0)
		memcpy(out, c.shape, n);
	chk_release(&c);
	return st == KLL_OK ? 0 : -1;
}
