/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* rdf_write.h: building an output graph and serializing it (serd for
 * Turtle and N-Triples, else librdf and raptor).
 * Errors are sticky: after the first one every call does
 * nothing, and kll__rdf_write() or kll__rdf_status() report it. */
#ifndef KLL_RDF_WRITE_H
#define KLL_RDF_WRITE_H

#include <stdio.h>

#include "internal.h"

#define NS_RDF    "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_RDFS   "http://www.w3.org/2000/01/rdf-schema#"
#define NS_SKOS   "http://www.w3.org/2004/02/skos/core#"
#define NS_XKOS   "http://rdf-vocabulary.ddialliance.org/xkos#"
#define NS_DCT    "http://purl.org/dc/terms/"
#define NS_DC     "http://purl.org/dc/elements/1.1/"
#define NS_OWL    "http://www.w3.org/2002/07/owl#"
#define NS_XSD    "http://www.w3.org/2001/XMLSchema#"
#define NS_SSSOM  "https://w3id.org/sssom/"
#define NS_SEMAPV "https://w3id.org/semapv/vocab/"
#define NS_DCAT   "http://www.w3.org/ns/dcat#"
#define NS_FOAF   "http://xmlns.com/foaf/0.1/"
#define NS_VCARD  "http://www.w3.org/2006/vcard/ns#"
#define NS_ADMS   "http://www.w3.org/ns/adms#"
#define NS_SPDX   "http://spdx.org/rdf/terms#"
#define NS_PAV    "http://purl.org/pav/"
#define NS_PROV   "http://www.w3.org/ns/prov#"

typedef struct kll__rdf kll__rdf;

/* A new output graph in librdf storage "storage" with the storage's name
 * and options as librdf_new_storage() takes them; NULL: librdf's "hashes"
 * store with hash-type 'memory', the indexed one in memory. */
kll_status kll__rdf_new(kll__rdf **out, const char *storage, const char *name,
    const char *options, kll_error *err);
void kll__rdf_free(kll__rdf *r);

/* Add one triple.  s and p are IRIs, or blank node ids when they start
 * with "_:".  For add_iri, o is likewise; add_lit adds a plain or
 * language-tagged literal (lang NULL or ""), add_typed a typed one (the
 * datatype an IRI).  Empty literals are skipped. */
void kll__rdf_add_iri(kll__rdf *r, const char *s, const char *p, const char *o);
void kll__rdf_add_lit(kll__rdf *r, const char *s, const char *p,
    const char *text, const char *lang);
void kll__rdf_add_typed(kll__rdf *r, const char *s, const char *p,
    const char *text, const char *datatype);

/* An rdf:List of IRIs as object of (s, p), with blank nodes named after
 * "tag". */
void kll__rdf_add_list(kll__rdf *r, const char *s, const char *p,
    const char **items, size_t n, const char *tag);

/* Declare a namespace prefix for the serializer. */
void kll__rdf_prefix(kll__rdf *r, const char *prefix, const char *iri);

/* Serialize to fp in raptor syntax "syntax" ("turtle", "rdfxml",
 * "rdfxml-abbrev", "ntriples"...).  Turtle and N-Triples come sorted from
 * serd, the same bytes for the same graph.  "name" is used in messages. */
kll_status kll__rdf_write(kll__rdf *r, FILE *fp, const char *syntax,
    const char *name, kll_error *err);

/* The first error so far, copied to err; KLL_OK if none. */
kll_status kll__rdf_status(const kll__rdf *r, kll_error *err);

/* Whether raptor can write "syntax". */
int kll__rdf_can_write(const char *syntax);

#endif
