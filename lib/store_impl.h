/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* store_impl.h: what store.c and store_query.c share. */
#ifndef KLL_STORE_IMPL_H
#define KLL_STORE_IMPL_H

#include <librdf.h>

#include "internal.h"

struct kll_store {
	librdf_world *world;
	librdf_storage *storage;
	librdf_model *model;
	char *name;    /* STORAGE:NAME, for messages */
	int txn;       /* writes go in transactions (sqlite) */
	int snap;      /* a read transaction sees one state
	                * (postgresql, REPEATABLE READ) */
	int direct;    /* queries run on the store itself (and
	                * not on a copy of its current graphs) */
	kll_error log; /* the first error librdf logged */
	int logged;
	char *path;    /* a SQLite store's file (written without
	                * librdf: store_sqlite.c) */
	char *pg_options; /* a PostgreSQL store's librdf options and
	                   * model name (written without librdf:
	                   * store_pg.c) */
	char *pg_model;
	int sources;   /* the source of each graph is kept (not in a
	                * store of files in memory) */
	kll__arena arena;        /* the strings of graphs[] */
	kll_store_graph *graphs; /* the catalog as last read */
	size_t ngraphs;
};

#define KLL__CATALOG   "urn:kll:catalog"
#define KLL__SOURCES   "urn:kll:sources"
#define KLL__GRAPH_IRI "urn:kll:graph:"

/* A graph read from a file, before it goes into the store. */
typedef struct kll__newgraph {
	char *name;
	const char *kind;
	char *about;
	const char *source;
	char digest[41];
	librdf_model *mem; /* the triples, in memory */
	librdf_storage *memst;
	size_t triples;
	kll__buf text; /* the file's bytes, when s->sources */
	/* A SQLite store parses the triples only as it writes them:
	 * mem is then NULL, and "syntax" of "rdf" (the file's bytes, or
	 * a key's SSSOM/RDF) is what kll__store_parse() reads. */
	const char *syntax;
	const kll__buf *rdf;
	kll__buf nt; /* a key's SSSOM/RDF as N-Triples */
} kll__newgraph;

/* Forget what librdf logged. */
void kll__store_clearlog(kll_store *s);

/* Fill err with "what" on the store and librdf's reason; returns st. */
kll_status kll__store_fail(
    kll_store *s, kll_error *err, kll_status st, const char *what);

/* Hide the values of password=... in s, in place. */
void kll__store_redact(char *s);

/* Transactions that wait for other processes' (a storage without
 * transactions: nothing happens).  begin is for writing, read_begin for
 * reading; rollback ends either. */
kll_status kll__store_begin(kll_store *s, kll_error *err);
kll_status kll__store_read_begin(kll_store *s, kll_error *err);
kll_status kll__store_commit(kll_store *s, kll_error *err);
void kll__store_rollback(kll_store *s);

/* Read the catalog into s->graphs (in the caller's transaction). */
kll_status kll__store_catalog(kll_store *s, kll_error *err);

/* A new model in memory, with contexts. */
librdf_model *kll__store_memory(kll_store *s, librdf_storage **st);

/* A new IRI node "a" followed by "b" (may be NULL). */
librdf_node *kll__store_iri(kll_store *s, const char *a, const char *b);

/* The statements of one catalog entry, as (predicate, value, is an
 * IRI, is an xsd:integer) for i = 0, 1... until it returns 0. */
int kll__store_catalog_row(const kll__newgraph *g, const char *ctx, size_t i,
    const char **pred, const char **value, int *iri, int *num, char num_buf[32]);

/* A stream of the triples of g, parsed from g->rdf (*p and *base are
 * the caller's to free after the stream); NULL when out of memory. */
librdf_stream *kll__store_parse(kll_store *s, const kll__newgraph *g,
    librdf_parser **p, librdf_uri **base);

/* A SQLite store: graph g written into context ctx (and the catalog,
 * and its source), replacing what ctx and oldctx held, in one
 * transaction of a connection of its own (store_sqlite.c); g NULL:
 * ctx dropped. */
kll_status kll__sqlite_write(kll_store *s, const kll__newgraph *g,
    const char *ctx, const char *oldctx, kll_error *err);

/* A PostgreSQL store: the same as kll__sqlite_write(), with COPY on a
 * connection of its own (store_pg.c). */
kll_status kll__pg_write(kll_store *s, const kll__newgraph *g,
    const char *ctx, const char *oldctx, kll_error *err);

/* A SQLite store: the source of the graph in context ctx whose digest
 * is "digest", into b.  KLL_ENOTFOUND when there is none (or another
 * version). */
kll_status kll__sqlite_source(kll_store *s, const char *ctx,
    const char *digest, kll__buf *b, kll_error *err);

#endif
