/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* rdf_read.h: the triples of an RDF file that a vocabulary is made of. */
#ifndef KLL_RDF_READ_H
#define KLL_RDF_READ_H

#include "internal.h"

enum {
	P_TYPE,
	P_FIRST,
	P_REST,
	P_PREF,
	P_ALT,
	P_HIDDEN,
	P_DEF,
	P_SCOPE,
	P_NOTE,
	P_NOTATION,
	P_BROADER,
	P_NARROWER,
	P_INSCHEME,
	P_TOPOF,
	P_HASTOP,
	P_MEMBER,
	P_DEPTH,
	P_PATTERN,
	P_LEVELS,
	P_NLEVELS,
	P_DEPTH_OLD,
	P_PATTERN_OLD,
	P_LEVELS_OLD,
	P_NLEVELS_OLD,
	P_DEPRECATED,
	P_VERSION,
	P_REPLACED,
	P_TITLE,
	P_IDENT,
	P_LICENSE, /* the scheme's links, from here to P__COUNT */
	P_SOURCE,
	P_PAGE,
	P_HOMEPAGE,
	P_LANDING,
	P_SEEALSO,
	P__COUNT
};

enum { C_CONCEPT, C_SCHEME, C_LEVEL, C_LEVEL_OLD, C__COUNT };

/* The high bit of an object marks a literal index. */
#define KLL__LITERAL 0x80000000u

typedef struct kll__node {
	const char *key;  /* the IRI, or "_:" and the blank node id */
	uint32_t types;   /* 1 << C_* for each rdf:type seen */
	uint32_t concept; /* index + 1 among concepts; 0 if none */
} kll__node;

typedef struct kll__literal {
	const char *text;
	const char *lang; /* lower case; "" if none */
} kll__literal;

typedef struct kll__triple {
	uint32_t s, o;
	uint8_t p;
} kll__triple;

typedef struct kll__graph {
	kll__arena arena; /* strings; handed over to the vocabulary */
	kll__map nodes;   /* key -> node index */
	kll__map langs;   /* tag as read -> index in tags */
	const char *tags[256];
	size_t ntag;
	kll__node *node;
	size_t nnode, capnode;
	kll__literal *lit;
	size_t nlit, caplit;
	kll__triple *triple;
	size_t ntriple, captriple;
	size_t nseen; /* statements with a known predicate */
} kll__graph;

/* Parse "path" ("-" is stdin) into g, which starts zeroed.  On failure g
 * holds what was read so far and must still be freed. */
kll_status kll__graph_load(kll__graph *g, const char *path, const char *syntax,
    const char *base, kll_error *err);

/* Free g but not its arena. */
void kll__graph_free(kll__graph *g);

#endif
