/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fuzz_pubconf.c: the publisher's configuration file (kll_pubconf_read).
 * A value read is kept normalised, so setting it again must give it
 * back unchanged. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	kll_pubconf *c = NULL, *c2 = NULL;
	kll_error err;
	kll_status st;
	const char *path, *key, *v, *v2;
	size_t ndiag = 0, i;

	path = fuzz_file("in.conf", data, size);
	FUZZ_ASSERT(kll_pubconf_new(&c, &err) == KLL_OK, "new");
	FUZZ_ASSERT(kll_pubconf_new(&c2, &err) == KLL_OK, "new");
	st = kll_pubconf_read(c, path, fuzz_count_diag, &ndiag, &err);
	if (st != KLL_OK) {
		fuzz_check_error(&err, st);
		FUZZ_ASSERT(st == KLL_EINVALID && ndiag > 0,
		    "status %d after %zu problems: %s", (int)st, ndiag,
		    err.msg);
	} else {
		FUZZ_ASSERT(
		    ndiag == 0, "%zu problems, yet it succeeded", ndiag);
	}
	for (i = 0; (key = kll_pubconf_key_at(i)) != NULL; i++) {
		if ((v = kll_pubconf_get(c, key)) == NULL)
			continue;
		st = kll_pubconf_set(c2, key, v, "again", 0, &err);
		FUZZ_ASSERT(st == KLL_OK,
		    "%s = '%s' read, but not set again: %s", key, v, err.msg);
		v2 = kll_pubconf_get(c2, key);
		FUZZ_ASSERT(v2 != NULL && strcmp(v, v2) == 0,
		    "%s: '%s' set again becomes '%s'", key, v, v2 ? v2 : "");
	}
	kll_pubconf_free(c);
	kll_pubconf_free(c2);
	return 0;
}
