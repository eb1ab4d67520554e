/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * map_check.h: what map_check.c (the rules, their findings, the entry
 * points) and map_check_walk.c (what is kept of each record, the walk by
 * subject, shapes and hierarchy clashes) share: the state of a check.
 * Private to those files.
 */
#ifndef KLL_MAP_CHECK_H
#define KLL_MAP_CHECK_H

#include <string.h>

#include "internal.h"

#define NONE     UINT32_MAX
#define NTF_IRI  "https://w3id.org/sssom/NoTermFound"
#define SKOS     "http://www.w3.org/2004/02/skos/core#"
#define OWL      "http://www.w3.org/2002/07/owl#"
#define RDFS     "http://www.w3.org/2000/01/rdf-schema#"
#define MAXLEVEL 64

/* The rules, in the order of kll_mapcheck_rule_at(). */
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
#define PCOL_BIG UINT16_MAX /* in pcol[]: the column is in fc */

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
	unsigned drift; /* bit k: the label of side k of the record drifts */
	size_t ie;      /* the next event to report */
	struct side sd[2];
	struct pred *pred;
	size_t npred, predcap;
	kll__arena text; /* the predicates */
	uint32_t lastpi; /* the predicate looked up last, or NONE */
	uint32_t *pk;    /* per record: predicate << 1 | Not */
	uint64_t *jh;    /* per record: a hash of its justification */
	unsigned char *card; /* per record: its own mapping_cardinality */
	uint32_t *line;      /* per record: its line */
	uint16_t *pcol[NDSLOT]; /* per record: the column of each dslot[] */
	kll__kset fl;   /* record << 2 | dslot: a field's other line */
	kll__kset fc;   /* record << 2 | dslot: a column from PCOL_BIG on */
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
static inline const char *
get(const struct chk *c, size_t r, kll_slot s)
{
	if (r != c->cur)
		return NULL;
	return kll_mapset_get(c->m, c->rec, s);
}

static inline int
same(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* map_check_walk.c */
int kll__mapcheck_alloc_tables(struct chk *c);
int kll__mapcheck_row_room(struct chk *c, size_t hint);
int kll__mapcheck_keep_row(struct chk *c, uint32_t r);
unsigned kll__mapcheck_note_row(struct chk *c, uint32_t r);
int kll__mapcheck_walk(struct chk *c, int full);
void kll__mapcheck_shapes(struct chk *c);
void kll__mapcheck_free_walk(struct chk *c);
int kll__mapcheck_clashes(struct chk *c);
int kll__mapcheck_exact_degrees(struct chk *c);
unsigned kll__mapcheck_plain_kind(const struct chk *c, uint32_t r);
unsigned char kll__mapcheck_shape_of(
    unsigned flags_s, unsigned flags_o, uint32_t subjects, uint32_t objects);

#endif
