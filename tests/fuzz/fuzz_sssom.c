/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fuzz_sssom.c: SSSOM/TSV with its YAML block (kll_mapset_read), and the
 * canonical writer: what it writes must read back without a syntax
 * error and write again as the same bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

/* Write m canonically; NULL when the writer refuses it (a value it
 * cannot write so as to read back), which is allowed. */
static char *
write_set(const kll_mapset *m, size_t *len)
{
	kll_error err;
	kll_status st;
	char *text = NULL;
	FILE *out;

	FUZZ_ASSERT((out = open_memstream(&text, len)) != NULL, "memstream");
	st = kll_mapset_write(m, out, &err);
	FUZZ_ASSERT(fclose(out) == 0, "memstream");
	if (st != KLL_OK) {
		fuzz_check_error(&err, st);
		FUZZ_ASSERT(st == KLL_EINVALID, "write: %s", err.msg);
		free(text);
		return NULL;
	}
	return text;
}

static void
touch(const kll_mapset *m)
{
	size_t i, k;

	for (i = 0; i < kll_mapset_count(m); i++) {
		for (k = 0; k < KLL_SLOT__COUNT; k++) {
			const char *v = kll_mapset_get(m, i, (kll_slot)k);
			FUZZ_ASSERT(v == NULL || *v != '\0', "empty value");
		}
		for (k = 0; k < kll_mapset_nextra(m); k++)
			(void)kll_mapset_get_extra(
			    m, i, kll_mapset_extra_name(m, k));
	}
	for (k = 0; k < kll_mapset_nprefixes(m); k++) {
		const char *name = kll_mapset_prefix_name(m, k);
		FUZZ_ASSERT(name != NULL && kll_mapset_prefix(m, name) != NULL,
		    "prefix %zu", k);
	}
	(void)kll_mapset_meta(m, "mapping_set_id");
	(void)kll_mapset_meta(m, "subject_source");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	kll_sssom_opts o = KLL_SSSOM_OPTS_INIT;
	kll_mapset *m = NULL, *m2 = NULL;
	kll_error err;
	kll_status st;
	const char *path;
	char *w1 = NULL, *w2 = NULL;
	size_t ndiag = 0, n1 = 0, n2 = 0;

	path = fuzz_file("in.sssom.tsv", data, size);
	o.diag = fuzz_count_diag;
	o.payload = &ndiag;
	st = kll_mapset_read(&m, path, &o, &err);
	if (st != KLL_OK) {
		fuzz_check_error(&err, st);
		FUZZ_ASSERT(m == NULL, "a set on failure");
		FUZZ_ASSERT(st != KLL_EINVALID, "invalid with a sink");
		return 0;
	}
	FUZZ_ASSERT(
	    kll_mapset_nerrors(m) <= ndiag, "more errors than findings");
	touch(m);
	/* Without a sink, the first error fails the read. */
	{
		kll_mapset *m0 = NULL;
		kll_status st0 = kll_mapset_read(&m0, path, NULL, &err);
		FUZZ_ASSERT((st0 == KLL_OK) == (kll_mapset_nerrors(m) == 0),
		    "%zu errors with a sink, status %d without",
		    kll_mapset_nerrors(m), (int)st0);
		kll_mapset_free(m0);
	}
	if ((w1 = write_set(m, &n1)) == NULL)
		goto out;
	path = fuzz_file("w1.sssom.tsv", w1, n1);
	ndiag = 0;
	st = kll_mapset_read(&m2, path, &o, &err);
	FUZZ_ASSERT(st == KLL_OK,
	    "canonical output does not read back: "
	    "%s:%u:%u: %s\n%s",
	    err.file, err.line, err.col, err.msg, w1);
	FUZZ_ASSERT(kll_mapset_count(m2) == kll_mapset_count(m),
	    "%zu records, %zu read back", kll_mapset_count(m),
	    kll_mapset_count(m2));
	w2 = write_set(m2, &n2);
	FUZZ_ASSERT(w2 != NULL,
	    "canonical output read back cannot be "
	    "written:\n%s",
	    w1);
	FUZZ_ASSERT(n1 == n2 && memcmp(w1, w2, n1) == 0,
	    "canonical output is not stable:\n--- first\n%s--- second\n%s", w1,
	    w2);
out:
	free(w1);
	free(w2);
	kll_mapset_free(m);
	kll_mapset_free(m2);
	return 0;
}
