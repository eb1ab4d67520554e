/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* alloc.c: allocation that fails on purpose, for testing.  Built with
 * -DKLL_FAULTS (make FAULTS=1), the library's allocations go through
 * these wrappers, and with KLL_FAIL_ALLOC=N in the environment the Nth
 * allocation and every one after it fail, as when memory runs out. */
/* Calls the libc allocators the rest of lib/ may not: see internal.h. */
#define KLL__ALLOC_C

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#ifdef KLL_FAULTS

/* Allocations left before the failures start; -1: never fail. */
static long left = -2;

static int
fail_now(void)
{
	const char *s;
	char *end;

	if (left == -2) {
		left = -1;
		if ((s = getenv("KLL_FAIL_ALLOC")) != NULL && *s != '\0') {
			left = strtol(s, &end, 10);
			if (*end != '\0' || left < 1)
				left = -1;
		}
	}
	if (left < 0)
		return 0;
	if (left > 1) {
		left--;
		return 0;
	}
	left = 0;
	errno = ENOMEM; /* as malloc() says it */
	return 1;
}

void *
kll__malloc(size_t n)
{
	return fail_now() ? NULL : malloc(n);
}

void *
kll__calloc(size_t n, size_t size)
{
	return fail_now() ? NULL : calloc(n, size);
}

void *
kll__realloc(void *p, size_t n)
{
	return fail_now() ? NULL : realloc(p, n);
}

char *
kll__strdup(const char *s)
{
	return fail_now() ? NULL : strdup(s);
}

#else

/* ISO C wants a declaration in every file. */
typedef int kll__no_faults;

#endif
