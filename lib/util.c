/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* util.c: the arena and byte buffer used across libkll (the hash tables
 * are in hash.c). */
#if defined(__linux__) && !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE /* madvise */
#endif
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "internal.h"

typedef union align {
	long double ld;
	long long ll;
	void *p;
} align;

struct kll__block {
	struct kll__block *next;
	size_t cap;
	align data[];
};

#define BLOCK_MIN (64 * 1024)

void *
kll__arena_alloc(kll__arena *a, size_t n)
{
	struct kll__block *b;
	size_t cap;
	char *p;

	n = (n + sizeof(align) - 1) & ~(sizeof(align) - 1);
	if (a->head == NULL || a->cap - a->used < n) {
		cap = n > BLOCK_MIN ? n : BLOCK_MIN;
		if ((b = kll__malloc(sizeof(*b) + cap)) == NULL)
			return NULL;
		b->next = a->head;
		b->cap = cap;
		a->head = b;
		a->used = 0;
		a->cap = cap;
	}
	p = (char *)a->head->data + a->used;
	a->used += n;
	return p;
}

char *
kll__arena_strndup(kll__arena *a, const char *s, size_t n)
{
	char *p;

	if ((p = kll__arena_alloc(a, n + 1)) == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
kll__arena_strdup(kll__arena *a, const char *s)
{
	return kll__arena_strndup(a, s, strlen(s));
}

void
kll__arena_free(kll__arena *a)
{
	struct kll__block *b, *next;

	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
	a->used = a->cap = 0;
}

int
kll__buf_grow(kll__buf *b, size_t extra)
{
	size_t cap;
	char *p;

	if (b->cap - b->n > extra)
		return 0;
	cap = b->cap ? b->cap : 256;
	while (cap - b->n <= extra)
		cap *= 2;
	if ((p = kll__realloc(b->p, cap)) == NULL)
		return -1;
	b->p = p;
	b->cap = cap;
	return 0;
}

int
kll__buf_add(kll__buf *b, const void *p, size_t n)
{
	if (kll__buf_grow(b, n) < 0)
		return -1;
	memcpy(b->p + b->n, p, n);
	b->n += n;
	b->p[b->n] = '\0';
	return 0;
}

int
kll__buf_addc(kll__buf *b, char c)
{
	return kll__buf_add(b, &c, 1);
}

int
kll__buf_adds(kll__buf *b, const char *s)
{
	return kll__buf_add(b, s, strlen(s));
}

void
kll__buf_free(kll__buf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}

/* ------------------------------------------------------------------ */
/* Links                                                                */

static int
prefix_ci(const char *s, const char *pre)
{
	for (; *pre != '\0'; s++, pre++)
		if (*s == '\0' || (*s | 0x20) != *pre)
			return 0;
	return 1;
}

int
kll__link_ok(const char *iri, int kind)
{
	const unsigned char *p;
	const char *rest;

	if (iri == NULL)
		return 0;
	if (prefix_ci(iri, "http://"))
		rest = iri + 7;
	else if (prefix_ci(iri, "https://"))
		rest = iri + 8;
	else if (kind == KLL__LINK_ID && prefix_ci(iri, "urn:"))
		rest = iri + 4;
	else
		return 0;
	/* A host, or a namespace id and a colon. */
	if (*rest == '\0' || strchr("/:?#", *rest) != NULL)
		return 0;
	if (rest == iri + 4 && strchr(rest, ':') == NULL)
		return 0;
	for (p = (const unsigned char *)iri; *p != '\0'; p++)
		if (*p <= 0x20 || *p == 0x7f || strchr("<>\"{}|\\^`", *p))
			return 0;
	return 1;
}

const char *
kll__link_policy(int kind)
{
	return kind == KLL__LINK_ID ? "an http, https or urn IRI" :
	                              "an http or https IRI";
}

/* Optimal string alignment distance of a and b, both at most 63 bytes
 * (longer: far). */
static size_t
edit_distance(const char *a, const char *b)
{
	size_t d[64][64], i, j, la = strlen(a), lb = strlen(b), c;

	if (la > 63 || lb > 63)
		return (size_t)-1;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			c = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < c)
				c = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < c)
				c = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < c)
				c = d[i - 2][j - 2] + 1;
			d[i][j] = c;
		}
	}
	return d[la][lb];
}

const char *
kll__closest(const char *name, const char *const *cands, size_t n)
{
	const char *best = NULL;
	size_t i, e, min = 3;

	for (i = 0; i < n; i++) {
		e = edit_distance(name, cands[i]);
		if (e < min && 2 * e < strlen(name)) {
			min = e;
			best = cands[i];
		}
	}
	return best;
}

char
kll__other_sep(const char *field, char sep)
{
	static const char seps[] = { ',', ';', '\t', '|' };
	size_t i;

	for (i = 0; i < sizeof(seps); i++)
		if (seps[i] != sep && strchr(field, seps[i]) != NULL)
			return seps[i];
	return 0;
}

const char *
kll__sep_name(char sep)
{
	switch (sep) {
	case '\t':
		return "TAB";
	case ',':
		return "','";
	case ';':
		return "';'";
	case '|':
		return "'|'";
	}
	return "?";
}

int
kll__extra_column(const char *const *extra, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(extra[i], name) == 0 || strcmp(extra[i], "*") == 0)
			return 1;
	return 0;
}

/* Grow array *p of *cap elements of "size" bytes to hold n + 1. */
int
kll__grow(void *p, size_t *cap, size_t n, size_t size)
{
	size_t c = *cap ? *cap : 16;
	void *q;

	if (n < *cap)
		return 0;
	while (c <= n)
		c *= 2;
	if ((q = kll__realloc(*(void **)p, c * size)) == NULL)
		return -1;
	kll__mem_large(q, c * size);
	*(void **)p = q;
	*cap = c;
	return 0;
}

int
kll__resize(void *p, size_t n, size_t size)
{
	void *q;

	if ((q = kll__realloc(*(void **)p, n * size)) == NULL)
		return -1;
	*(void **)p = q;
	return 0;
}

/* Where the system has them, large pages for the n bytes at p: a file
 * read whole is then paged in a few hundred faults, not tens of
 * thousands.  Only a hint. */
void
kll__mem_large(void *p, size_t n)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
	const size_t huge = (size_t)2 << 20;
	uintptr_t a = ((uintptr_t)p + huge - 1) & ~(uintptr_t)(huge - 1);
	uintptr_t e = ((uintptr_t)p + n) & ~(uintptr_t)(huge - 1);

	if (n >= 4 * huge && e > a)
		(void)madvise((void *)a, (size_t)(e - a), MADV_HUGEPAGE);
#else
	(void)p;
	(void)n;
#endif
}
