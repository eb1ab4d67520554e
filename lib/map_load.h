/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map_load.h: what the readers of keys in formats other than SSSOM/TSV
 * share (map_load.c, map_sssom_json.c, map_jskos.c, map_rdf_in.c), and
 * the JSON writers that kll_mapset_export() hands SSSOM/JSON and JSKOS
 * to.  Not installed. */
#ifndef KLL_MAP_LOAD_H
#define KLL_MAP_LOAD_H

#include "json.h"

/* One key being read. */
typedef struct kll__kin {
	kll_mapset *m;
	const char *file; /* the name in messages */
	kll_diag_fn diag;
	void *payload;
	kll_error first; /* the first error, for a caller without a sink */
	size_t nerr;
	kll_status st;   /* a failure that stops reading (no memory) */
	unsigned *lines; /* each record's line, put in place at the end
	                  * (setting a value clears a record's line) */
	size_t caplines;
	kll_error syn; /* the input does not parse: the call fails */
	int has_syn;
	kll__arena a; /* parsed JSON, names made up while reading */
} kll__kin;

/* A problem of the input at line:col (0: unknown) under "rule". */
void kll__kin_report(kll__kin *k, kll_severity sev, unsigned line, unsigned col,
    const char *rule, const char *fmt, ...) KLL__PRINTF(6, 7);

/* The input does not parse (JSON or RDF): the first such problem is
 * what the call fails with (KLL_ESYNTAX), as kll_mapset_read() fails on
 * a quote that does not end. */
void kll__kin_syntax(kll__kin *k, unsigned line, unsigned col, const char *rule,
    const char *fmt, ...) KLL__PRINTF(5, 6);

/* Out of memory: reading stops. */
void kll__kin_nomem(kll__kin *k);

/* Record "rec" was read from "line" of the input. */
void kll__kin_line(kll__kin *k, size_t rec, unsigned line);

/* Set slot "s" of record "rec" (set-level when rec is (size_t)-1, by
 * name) from text, reporting a value the model refuses at line:col
 * under "rule" with "where" (a JSON pointer, or "") in the message. */
void kll__kin_set(kll__kin *k, size_t rec, const char *name, const char *value,
    unsigned line, unsigned col, const char *where);

/* The prefix of IRI "iri" in k->m, declared when new from its namespace
 * (the part up to the last '/' or '#') as "hint" or "ns1", "ns2" ...;
 * the CURIE into buf.  NULL when no CURIE can be made of it. */
const char *kll__kin_curie(
    kll__kin *k, const char *iri, const char *hint, char *buf, size_t size);

/* The readers: text[0..n), the whole input. */
void kll__read_sssom_json(kll__kin *k, const char *text, size_t n);
void kll__read_jskos(kll__kin *k, const char *text, size_t n);
void kll__read_rdf(kll__kin *k, const char *text, size_t n, kll_key_format fmt,
    const char *path);

/* The writers of kll_mapset_export() for KLL_EXPORT_SSSOM_JSON and
 * KLL_EXPORT_JSKOS. */
kll_status kll__export_json(const kll_mapset *m, const kll_export_opts *o,
    FILE *out, const char *outname, kll_export_stats *stats, kll_error *err);
kll_status kll__write_sssom_json(const kll_mapset *m, FILE *out,
    const size_t *order, kll_export_stats *stats, kll_error *err);
kll_status kll__write_jskos(const kll_mapset *m, FILE *out, const size_t *order,
    kll_export_stats *stats, kll_error *err);

/* s as a JSON string (with quotes) into fp. */
#define kll__jstr kll__json_string

#endif
