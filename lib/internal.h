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

/* Fill "err" (may be NULL) and return "code".  "file" may be NULL. */
kll_status kll__error_set(kll_error *err, kll_status code, const char *file,
    unsigned line, unsigned col, const char *fmt, ...) KLL__PRINTF(6, 7);

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

/* A hash set of NUL-terminated strings mapping each to a 32-bit value.
 * Keys are borrowed: the caller keeps them alive (in an arena). */
typedef struct kll__map {
	const char **keys;
	uint32_t *hashes;
	uint32_t *vals;
	size_t n, cap;
} kll__map;

uint32_t kll__hash(const char *s, size_t n);

/* Find "key"; returns 1 and sets *val when present. */
int kll__map_get(const kll__map *m, const char *key, size_t n, uint32_t *val);

/* Insert or replace.  Returns -1 when out of memory. */
int kll__map_put(kll__map *m, const char *key, size_t n, uint32_t val);

void kll__map_free(kll__map *m);

/* A growing array of bytes. */
typedef struct kll__buf {
	char *p;
	size_t n, cap;
} kll__buf;

int kll__buf_grow(kll__buf *b, size_t extra);
int kll__buf_add(kll__buf *b, const void *p, size_t n);
int kll__buf_addc(kll__buf *b, char c);
int kll__buf_adds(kll__buf *b, const char *s);
void kll__buf_free(kll__buf *b);

/* Whether s[0..n) is valid UTF-8; if not, *bad is the offset of the first
 * invalid byte. */
int kll__utf8_valid(const char *s, size_t n, size_t *bad);

#endif
