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
	kll__arena arena;        /* the strings of graphs[] */
	kll_store_graph *graphs; /* the catalog as last read */
	size_t ngraphs;
};

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

#endif
