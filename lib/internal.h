/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* internal.h: helpers shared by the modules of libkll; not installed. */
#ifndef KLL_INTERNAL_H
#define KLL_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "kll.h"

#if defined(__GNUC__)
#define KLL__PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define KLL__PRINTF(a, b)
#endif

/* The library allocates through these, so that a test build (-DKLL_FAULTS,
 * make FAULTS=1) can make allocations fail: see alloc.c. */
#ifdef KLL_FAULTS
void *kll__malloc(size_t n);
void *kll__calloc(size_t n, size_t size);
void *kll__realloc(void *p, size_t n);
char *kll__strdup(const char *s);
#else
#define kll__malloc  malloc
#define kll__calloc  calloc
#define kll__realloc realloc
#define kll__strdup  strdup
#endif

/* So that every allocation of lib/ goes through the four above, the libc
 * names are poisoned, and the calls that allocate with malloc() for
 * their caller (a line, a stream in memory, a formatted string): a
 * direct call does not compile (kll__getline() reads a line; realpath()
 * is used only with a buffer of the caller's).  A macro defined
 * before the poison may still expand to them.  alloc.c, which calls
 * them, and the unit tests that include this header define KLL__ALLOC_C
 * first.  A file of lib/ includes its system headers before this one:
 * one that declares malloc() after the poison would not compile. */
#if defined(__GNUC__) && !defined(KLL__ALLOC_C)
#pragma GCC poison malloc calloc realloc strdup strndup
#pragma GCC poison getline getdelim open_memstream open_wmemstream asprintf vasprintf
#endif

/* Limits on what the readers take, so that a hostile input gets one
 * clear error (code KLL_ESYNTAX, a rule id limit-*) instead of a long wait
 * or all the memory.  Each is far above what real data needs; the LIMITS
 * section of kll-map(1) lists them: keep the two in step.
 *
 * YAML_DEPTH: nested collections in SSSOM metadata; SSSOM needs 3 (the
 * set's mapping, extension_definitions' list, one definition).
 * META_BYTES: the metadata block, or the external metadata file; a
 * curie_map of every Bioregistry prefix is about 150 KiB.
 * META_KEYS: top-level metadata keys; SSSOM defines about 40.
 * PREFIXES: curie_map entries; Bioregistry knows about 2,000 prefixes.
 * LINE: one line of SSSOM/TSV, one record of CSV; the longest line of
 * vocab/src is 4.4 KB.
 * FIELD: one field; a spreadsheet cell holds at most 32,767 characters,
 * and the longest field of the shipped keys (ESCO) is 208 bytes.
 * COLUMNS: columns of a header or fields of a CSV record; spreadsheets
 * stop at 16,384. */
#define KLL__MAX_YAML_DEPTH 32
#define KLL__MAX_META_BYTES (1u << 20)
#define KLL__MAX_META_KEYS  1000
#define KLL__MAX_PREFIXES   10000
#define KLL__MAX_LINE       (32u << 20)
#define KLL__MAX_FIELD      (16u << 20)
#define KLL__MAX_COLUMNS    100000

/* Fill "err" (may be NULL) and return "code".  "file" may be NULL. */
kll_status kll__error_set(kll_error *err, kll_status code, const char *file,
    unsigned line, unsigned col, const char *fmt, ...) KLL__PRINTF(6, 7);

/* Fill "err" (may be NULL) with "out of memory"; returns KLL_ENOMEM. */
kll_status kll__nomem(kll_error *err);

/* Fill "err" (may be NULL) for an input over a limit, with rule id "rule";
 * returns KLL_ESYNTAX. */
kll_status kll__error_limit(kll_error *err, const char *file, unsigned line,
    unsigned col, const char *rule, const char *fmt, ...) KLL__PRINTF(6, 7);

/* The class of record r's predicate (kll_pred_classify() of its IRI);
 * for KLL_PRED_CLASS_BAD, msg gets the finding of rule
 * map-bad-predicate ("predicate 'x' is no mapping property; did you mean
 * 'y'?"), else "".  msg may be NULL when size is 0. */
kll_pred_class kll__record_pred(
    const kll_mapset *m, size_t r, char *msg, size_t size);

/* Where the problems of an input go, one by one: to a caller's sink, the
 * first also into *first (may be NULL), all of them counted. */
typedef struct kll__problems {
	kll_diag_fn fn;
	void *payload;
	kll_error *first;
	size_t n;
} kll__problems;

/* Report one error-severity problem of "file" at "line" under "rule". */
void kll__problem(kll__problems *p, const char *file, unsigned line,
    const char *rule, const char *fmt, ...) KLL__PRINTF(5, 6);

/* The same at "line":"col". */
void kll__problem_at(kll__problems *p, const char *file, unsigned line,
    unsigned col, const char *rule, const char *fmt, ...) KLL__PRINTF(6, 7);

/* Of the n names "cands", the one closest to "name" by edit distance
 * (a swap of two neighbours counts one), if it is at most 2 edits away
 * and fewer than half of name's length; else NULL. */
const char *kll__closest(const char *name, const char *const *cands, size_t n);

/* " (did you mean 'ID'?)" for a vocabulary "name" not on the search path
 * "dirs" (kll_vocab_resolve()), or "" (vocab_search.c). */
void kll__vocab_id_hint(char *hint, size_t size, const char *name,
    const char *dirs);

/* A header that reads as the one field "field" with separator "sep":
 * the likely separator it holds instead (',', ';', TAB or '|'), or 0. */
char kll__other_sep(const char *field, char sep);

/* A separator as messages and options write it: "','", "TAB". */
const char *kll__sep_name(char sep);

/* Name vocabulary v after "path" (a store's graph: store_find.c);
 * -1 when out of memory (vocab.c). */
int kll__vocab_set_path(kll_vocab *v, const char *path);

/* Whether "name" is a file's (an existing one, "-", or a name with a
 * '/' that is no IRI), which is read as a file and never looked up in
 * a store. */
int kll__is_path(const char *name);

/* The name of "path" in messages: "<stdin>" for "-". */
const char *kll__display_name(const char *path);

/* fopen(path, "rb") for reading a regular file or a pipe; a folder is
 * refused.  On failure err says why (KLL_EIO) and NULL is returned. */
FILE *kll__fopen_file(const char *path, kll_error *err);

/* An arena of strings: memory that lives until kll__arena_free().  Blocks
 * never move, so pointers into it stay valid. */
typedef struct kll__arena {
	struct kll__block *head;
	size_t used, cap;
} kll__arena;

void *kll__arena_alloc(kll__arena *a, size_t n);
char *kll__arena_strndup(kll__arena *a, const char *s, size_t n);
char *kll__arena_strdup(kll__arena *a, const char *s);
void kll__arena_free(kll__arena *a);

/* hash.c: the one hash table.  A kll__itab holds 32-bit item numbers
 * (KLL__ITAB_NONE: a free slot) of items the caller keeps; it gives the
 * item's hash and how to compare an item with a key. */
#define KLL__ITAB_NONE UINT32_MAX
typedef struct kll__itab {
	uint32_t *slot;
	size_t mask, n; /* n: the items in it, counted by the caller */
} kll__itab;
typedef int (*kll__item_eq)(const void *ctx, uint32_t item, const void *key);
typedef uint32_t (*kll__item_hash)(const void *ctx, uint32_t item);

/* Room for "expect" items; -1 when out of memory. */
int kll__itab_init(kll__itab *t, size_t expect);
void kll__itab_free(kll__itab *t);
/* The slot that holds the item equal to "key" (hash h), or the free slot
 * where it would go: store the item there and count it in t->n. */
uint32_t *kll__itab_slot(const kll__itab *t, uint32_t h, kll__item_eq eq,
    const void *ctx, const void *key);
/* Make room for one more item (a table never made is made); -1 when
 * out of memory. */
int kll__itab_room(kll__itab *t, kll__item_hash hf, const void *ctx);

/* A map of NUL-terminated strings to 32-bit values, on a kll__itab.  Keys
 * are borrowed: the caller keeps them alive (in an arena). */
typedef struct kll__map {
	kll__itab t;
	const char **keys; /* per entry, in the order put */
	uint32_t *hashes;
	uint32_t *vals;
	size_t n, cap;
} kll__map;
#define KLL__MAP_INIT { { NULL, 0, 0 }, NULL, NULL, NULL, 0, 0 }

uint32_t kll__hash(const char *s, size_t n);

/* A 64-bit hash of s[0..n) that takes eight bytes a step, for long keys
 * (IRIs, CURIEs) that share their first bytes. */
uint64_t kll__hash64(const char *s, size_t n);

/* A 64-bit key mixed down to a 32-bit hash. */
uint32_t kll__hash_u64(uint64_t k);

/* Find "key"; returns 1 and sets *val when present. */
int kll__map_get(const kll__map *m, const char *key, size_t n, uint32_t *val);

/* Insert or replace.  Returns -1 when out of memory. */
int kll__map_put(kll__map *m, const char *key, size_t n, uint32_t val);

void kll__map_free(kll__map *m);

/* A set of 64-bit keys, each numbered in the order added, with a count
 * and a stamp for the caller.  Zeroed is empty. */
typedef struct kll__kset {
	kll__itab t;
	uint64_t *key;
	uint32_t *cnt, *stamp;
	size_t n, cap, ccap, scap;
} kll__kset;

/* The number of "key", made when new (count and stamp 0);
 * KLL__ITAB_NONE when out of memory. */
uint32_t kll__kset_add(kll__kset *ks, uint64_t key);
/* The number of "key", or KLL__ITAB_NONE. */
uint32_t kll__kset_find(const kll__kset *ks, uint64_t key);
/* The count of "key", 0 when absent. */
uint32_t kll__kset_count(const kll__kset *ks, uint64_t key);
void kll__kset_free(kll__kset *ks);

/* A growing array of bytes. */
typedef struct kll__buf {
	char *p;
	size_t n, cap;
} kll__buf;

/* csv.c: s as one CSV field, quoted when it must be. */
void kll__csv_put(FILE *fp, const char *s);

/* csv.c: the records of a table, the first (the header) to header(),
 * the others to row(); blank lines skipped; an empty table an error. */
kll_status kll__csv_each(const char *path, const char *name, char sep,
    kll_status (*header)(void *ctx, kll_csv *c, size_t nf),
    kll_status (*row)(void *ctx, kll_csv *c, size_t nf), void *ctx,
    kll_error *err);

/* csv.c: a reader of the bytes that rd(ctx, buf, size) gives: their
 * count, 0 at the end, -1 on a read error (errno set). */
typedef long (*kll__read_fn)(void *ctx, char *buf, size_t size);
kll_status kll__csv_open_fn(kll_csv **out, const char *name, kll__read_fn rd,
    void *ctx, const kll_csv_opts *opts, kll_error *err);

/* csv.c: kll__csv_each() on a reader that is open. */
kll_status kll__csv_walk(kll_csv *c, const char *name,
    kll_status (*header)(void *ctx, kll_csv *c, size_t nf),
    kll_status (*row)(void *ctx, kll_csv *c, size_t nf), void *ctx,
    kll_error *err);

/* csv.c: the one scan of the two table readers (kll_csv_next() and
 * the SSSOM/TSV reader).  kll__csv_stops() marks in stop[] the bytes of
 * "bytes" and NUL; kll__csv_span() is the length of the run of bytes at
 * p, before end, that stop[] does not mark. */
void kll__csv_stops(unsigned char stop[256], const char *bytes);
size_t kll__csv_span(const char *p, const char *end,
    const unsigned char *stop);

/* Grow the array *p (a pointer to the array's pointer) of *cap elements
 * of "size" bytes, doubling, so that it holds n + 1; -1 when out of
 * memory (the array is unchanged). */
int kll__grow(void *p, size_t *cap, size_t n, size_t size);

/* Make the array at *(T **)p hold n items of "size" bytes; -1 (and the
 * array as it was) when out of memory. */
int kll__resize(void *p, size_t n, size_t size);

int kll__buf_grow(kll__buf *b, size_t extra);
int kll__buf_add(kll__buf *b, const void *p, size_t n);
int kll__buf_addc(kll__buf *b, char c);
int kll__buf_adds(kll__buf *b, const char *s);
void kll__buf_free(kll__buf *b);

/* A hint that the n bytes at p, a large block, are used whole. */
void kll__mem_large(void *p, size_t n);

/* What the operations on keys share (map_pred.c, map_compose.c,
 * map_invert.c, map_apply.c, map_export.c).  kll__curie_expand: "curie"
 * expanded with m's prefixes into buf, the text itself when it is no
 * CURIE of m; NULL when it does not fit.  kll__record_negated: whether record r
 * has predicate_modifier Not.  kll__record_confidence: record r's confidence,
 * 1 when it states none or no number from 0 to 1; *stated (may be NULL)
 * is set to 1 when it does.  kll__check_predicates: refuse a key with a
 * predicate that check calls bad, or (with rule "rule") one outside the
 * algebra ("why" says what needs it): each such record to diag as an
 * error, err names the first and the count.  kll__list_add_escaped:
 * append "v" to b escaped as one value of a |-joined list. */
const char *kll__curie_expand(
    const kll_mapset *m, const char *curie, char *buf, size_t size);
double kll__record_confidence(const kll_mapset *m, size_t r, int *stated);
int kll__record_negated(const kll_mapset *m, size_t r);
kll_status kll__check_predicates(const kll_mapset *m, const char *rule,
    const char *why, kll_diag_fn diag, void *payload, kll_error *err);
int kll__list_add_escaped(kll__buf *b, const char *v);

/* The next line of fp into b (text.c), with its newline if it has one,
 * NUL-terminated, b->n bytes long: 1, or 0 at the end of the input or
 * on a read error (ferror() tells), -1 when out of memory.  getline()
 * without the allocation behind the library's back. */
int kll__getline(kll__buf *b, FILE *fp);

/* The length of the namespace of a concept IRI (vocab.c): up to and
 * including its last '/' or '#'; 0 when it has neither. */
size_t kll__iri_namespace_len(const char *iri);

/* Whether s[0..n) is valid UTF-8; if not, *bad is the offset of the first
 * invalid byte. */
int kll__utf8_valid(const char *s, size_t n, size_t *bad);

/* Links that can reach a published page (an href) or the DCAT catalog.
 * KLL__LINK_WEB: only an absolute http:// or https:// IRI with a host
 * (licences, sources, pages: what people follow).  KLL__LINK_ID: also a
 * urn:NID:... (identifiers: mapping_set_id, the sources of a set).
 * Either way no white space, control character or one of <>"{}|\^`, so
 * "javascript:", "data:", "vbscript:" and the like never pass, in any
 * case. */
#define KLL__LINK_WEB 0
#define KLL__LINK_ID  1
int kll__link_ok(const char *iri, int kind);

/* The scheme policy of "kind" in words, for messages: "an http or https
 * IRI" or "an http, https or urn IRI". */
const char *kll__link_policy(int kind);

/* The links of a vocabulary's concept scheme that a publication follows:
 * the IRI objects of dcterms:license, dcterms:source, foaf:page,
 * foaf:homepage, dcat:landingPage and rdfs:seeAlso, in reading order;
 * *prop (may be NULL) gets the property as a CURIE.  Borrowed. */
size_t kll__vocab_nlinks(const kll_vocab *v);
const char *kll__vocab_link(const kll_vocab *v, size_t i, const char **prop);

/* The first link in the metadata of m that rule map-unsafe-link refuses,
 * in buf (its IRI, a CURIE expanded), or NULL when there is none; *slot
 * gets the slot's name and *policy the schemes it may have, in words. */
const char *kll__mapset_unsafe_link(const kll_mapset *m, const char **slot,
    const char **policy, char *buf, size_t size);

/* sssom.c: the values of column c of every record of m, c below
 * KLL_SLOT__COUNT a slot, else extension slot c - KLL_SLOT__COUNT in the
 * order of kll_mapset_extra_name(); NULL when no record has one.
 * Borrowed. */
const char *const *kll__mapset_column(const kll_mapset *m, size_t c);

/* sssom.c: the size of the file a record at a time is read from, when it
 * is a regular file, else 0: what a reader may reserve room by. */
size_t kll__mapset_insize(const kll_mapset *m);

/* map_check.c: the actual shape (kll_cardinality) of each record of m
 * into out, kll_mapset_count(m) bytes; -1 when out of memory. */
int kll__mapset_shapes(unsigned char *out, const kll_mapset *m);

/* The machinery of kll_mapset_import() (map_import.c) that learning a key
 * (map_learn.c) shares: both vocabularies opened and their CURIE prefixes
 * declared in a new mapping set, codes looked up loosely, a key table of
 * pairs read, records filled in.  Concepts are numbered by their
 * kll_vocab_at() index + 1; 0 is none. */
typedef struct kll__imp kll__imp;
kll_status kll__imp_open(
    kll__imp **out, const kll_mapimport_opts *opts, kll_error *err);
void kll__imp_free(kll__imp *im);
/* Read the key table "path" with the options' columns: its pairs sorted,
 * repeated ones dropped, each concept's partners counted; KLL_EINVALID
 * when the table has problems (sent to the options' sink). */
kll_status kll__imp_read(kll__imp *im, const char *path);
size_t kll__imp_npairs(const kll__imp *im);
void kll__imp_pair(const kll__imp *im, size_t i, uint32_t *s, uint32_t *o);
/* Per concept number of a side: how many partners the table gives it. */
uint32_t *kll__imp_degrees(kll__imp *im, int side);
const kll_vocab *kll__imp_vocab(const kll__imp *im, int side);
/* A column by header name or 1-based number; -1 if "want" is NULL, -2 if
 * the header has no such column. */
int kll__imp_column(kll_csv *c, size_t nf, const char *want);
/* The number of the concept "code" names on "side", or 0 after reporting
 * map-unknown-subject or map-unknown-object at file:line. */
uint32_t kll__imp_lookup(
    kll__imp *im, int side, const char *code, const char *file, unsigned line);
kll__problems *kll__imp_problems(kll__imp *im);
/* The set metadata from the options: sources, versions, id, licence ... */
kll_status kll__imp_meta(kll__imp *im);
/* Record "rec"'s subject_id and label (side 0) or object's (side 1). */
kll_status kll__imp_side(kll__imp *im, size_t rec, int side, uint32_t idx);
kll_mapset *kll__imp_mapset(kll__imp *im);
/* The set, now the caller's. */
kll_mapset *kll__imp_take(kll__imp *im);
/* The predicate and mapping_cardinality of a pair from the shape of a
 * key: "out" partners of its subject, "in" of its object. */
const char *kll__shape_predicate(uint32_t out, uint32_t in);
const char *kll__shape_cardinality(uint32_t out, uint32_t in);

/* Whether the column "name" is one of the n the user declared extra
 * (leave it out, no error); "*" declares every column. */
int kll__extra_column(const char *const *extra, size_t n, const char *name);

/* JSON lines (the diff writers, map_diff.c): s as a JSON string with
 * its quotes; and KLL_OK, or KLL_EIO in err when fp saw a write error. */
void kll__json_string(FILE *fp, const char *s);
kll_status kll__write_status(FILE *fp, kll_error *err);
/* The fields of a JSON object, each ,"name":value, from n pairs of
 * strings in kv: a name, then its value (a JSON string; NULL: null). */
void kll__json_fields(FILE *fp, const char *const *kv, size_t n);

#endif
