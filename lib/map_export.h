/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map_export.h: what the two parts of exporting a key as RDF share:
 * map_export.c (SKOS, SSSOM/RDF, the run) and map_export_xkos.c (an XKOS
 * correspondence of concept associations).  Not installed. */
#ifndef KLL_MAP_EXPORT_H
#define KLL_MAP_EXPORT_H

#include "rdf_write.h"

#define NOTERM NS_SSSOM "NoTermFound"

/* One export in progress. */
typedef struct kll__ex {
	const kll_mapset *m;
	const kll_export_opts *o;
	kll__rdf *g;
	kll_error *err;
	kll_status st; /* the first failure */
	kll_export_stats stats;
	size_t *order;   /* the records in canonical order */
	kll__buf tmp[3]; /* expanded CURIEs for the moment */
	kll__arena arena;
} kll__ex;

/* Fail the export with "out of memory", unless it failed already. */
void kll__ex_nomem(kll__ex *x);

/* A note or warning about the whole key, for the caller's sink. */
void kll__ex_note(kll__ex *x, kll_severity sev, const char *rule,
    const char *fmt, ...) KLL__PRINTF(4, 5);

/* CURIE "v" of record rec expanded, valid until the next call; NULL
 * (and the export fails) when its prefix is not declared. */
const char *kll__ex_expand(kll__ex *x, const char *v, size_t rec);

/* Likewise, into the export's arena, to keep. */
const char *kll__ex_expand_keep(kll__ex *x, const char *v, size_t rec);

/* Declare the key's prefixes, then those of the nstd pairs of "std"
 * (name, IRI) that it does not name. */
void kll__ex_prefixes(kll__ex *x, const char *const (*std)[2], size_t nstd);

/* The key as an XKOS correspondence named "corr" (map_export_xkos.c). */
void kll__ex_xkos(kll__ex *x, const char *corr);

#endif
