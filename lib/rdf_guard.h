/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* rdf_guard.h: how libkll starts raptor, and the limits every RDF reader
 * keeps on hostile input.  Every raptor world and parser of libkll is made
 * here, so that none of them reaches the network, a file other than the
 * input, an external entity or an external DTD. */
#ifndef KLL_RDF_GUARD_H
#define KLL_RDF_GUARD_H

#include <raptor2.h>

#include "internal.h"

/* The limits, documented in kll-vocab(1) LIMITS.  Real vocabularies stay
 * far below each: SKOS and XKOS nest a [ ] or ( ) two or three deep, and
 * declare a few dozen prefixes. */

/* Nesting of [ ] and ( ) in Turtle and TriG.  serd
 * recurses once per level (a few hundred bytes of stack), raptor's
 * parser stops at 10000 with "memory exhausted": 256 is deep enough for
 * any data and shallow enough for a small thread stack. */
#define KLL_RDF_DEPTH_MAX 256
/* @prefix and PREFIX declarations in one Turtle or TriG file. */
#define KLL_RDF_PREFIX_MAX 1024
/* Bytes of one string, IRI, comment or name (Turtle, N-Triples): twice
 * the 4 MiB label that kll-vocab import is tested with.  Bounds the memory
 * and time one token takes. */
#define KLL_RDF_TOKEN_MAX (8 * 1024 * 1024)
/* Bytes of one line of N-Triples or N-Quads: room for a triple of such
 * tokens. */
#define KLL_RDF_LINE_MAX (16 * 1024 * 1024)
/* RDF/XML: the document type declaration must end in these first bytes. */
#define KLL_XML_DOCTYPE_MAX (256 * 1024)
/* RDF/XML: an internal entity's text with its references replaced. */
#define KLL_XML_ENTITY_MAX 4096
/* RDF/XML: bytes that entity references add to the document, beyond
 * KLL_XML_EXPAND_RATIO times the bytes of the document itself. */
#define KLL_XML_EXPAND_MAX   (1024 * 1024)
#define KLL_XML_EXPAND_RATIO 4

/* A raptor world with "fn" (may be NULL) as its log handler, whose XML
 * reading loads nothing: libxml2's loader of external entities refuses
 * each one (kll__xml_refused() names the last).  NULL when out of memory.
 * The caller frees it with raptor_free_world(). */
raptor_world *kll__raptor_world_new(void *data, raptor_log_handler fn);

/* Set libxml2's loader of external entities, which is one for the whole
 * process, to the one that refuses: for a world that librdf makes. */
void kll__xml_nofetch(void);

/* A parser for "syntax" (one kll reads: rdfxml, turtle, ntriples, trig,
 * nquads, json) with raptor's network, file and external entity access
 * off.  NULL for another syntax or when out of memory. */
raptor_parser *kll__raptor_parser_new(raptor_world *w, const char *syntax);

/* Whether kll reads "syntax" at all. */
int kll__rdf_syntax_ok(const char *syntax);

/* The system id of the last external entity or DTD that libxml2 was
 * refused, or NULL; taking it clears it. */
const char *kll__xml_refused(void);

/* A check of the limits above on input as it streams by, in chunks of any
 * size, before a parser sees it.  Start it zeroed with
 * kll__guard_init(). */
typedef struct kll__guard {
	int kind;           /* G_TURTLE, G_NTRIPLES, G_XML, G_NONE */
	const char *name;   /* the file, for messages */
	unsigned line, col; /* of the next byte, 1-based */
	int state;
	unsigned depth, nprefix;
	size_t toklen, linelen;
	unsigned tline, tcol; /* where the current token starts */
	int quote, nquote;
	char word[8];
	size_t nword;
	int boundary;
	/* RDF/XML */
	unsigned long long seen, added;
	struct kll__xent *ent;
	size_t nent;
	char ref[64];
	size_t nref;
	int inref;
} kll__guard;

/* Which check "syntax" gets. */
void kll__guard_init(kll__guard *g, const char *syntax, const char *name);

/* Check n more bytes.  KLL_ESYNTAX with file, line and column at the
 * first limit passed; the guard then stays failed. */
kll_status kll__guard_feed(
    kll__guard *g, const char *p, size_t n, kll_error *err);

/* The RDF/XML prologue check: "p" holds the first n bytes of the
 * document (all of it when shorter than KLL_XML_DOCTYPE_MAX).  Refuses
 * an external DTD, external and parameter entities, and internal
 * entities over KLL_XML_ENTITY_MAX; learns the others' sizes for
 * kll__guard_feed(). */
kll_status kll__guard_xml_prologue(
    kll__guard *g, const char *p, size_t n, kll_error *err);

void kll__guard_free(kll__guard *g);

#endif
