/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fuzz_import.c: classification tables to SKOS+XKOS (kll_vocab_import).
 * The first byte picks options: bit 0 no XKOS levels, bit 1 labels
 * required in sv and en, bit 2 notation patterns for levels 1 and 2, bit
 * 3 Swedish column names renamed.  What an import writes must load back
 * with one concept per row, and raptor must read it the same way. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static const char *const langs[] = { "sv", "en" };
static const char *const patterns[] = { "1=[A-Z]", "2=[0-9]{2}" };
static const char *const renames[] = { "code=kod", "parent=overordnad",
	"label_sv=benamning" };
static const char *const titles[] = { "sv=Prov", "en=Test" };
static const char *const level_names[] = { "1=en=Section", "2=sv=Grupp" };

static void
load_back(const char *text, size_t len, size_t nconcepts)
{
	kll_vocab *v = NULL;
	kll_error err;
	kll_status st;
	const char *path;
	size_t i;

	path = fuzz_file("out.ttl", text, len);
	st = kll_vocab_load(&v, path, NULL, &err);
	fuzz_compare_with_raptor(path, NULL, v, st);
	FUZZ_ASSERT(st == KLL_OK, "the import does not load back: %s:%u:%u: %s",
	    err.file, err.line, err.col, err.msg);
	FUZZ_ASSERT(kll_vocab_count(v) == nconcepts,
	    "%zu rows imported, %zu concepts loaded back", nconcepts,
	    kll_vocab_count(v));
	for (i = 0; i < kll_vocab_count(v); i++) {
		const kll_concept *c = kll_vocab_at(v, i);
		FUZZ_ASSERT(*kll_concept_notation(c) != '\0',
		    "concept %s without notation", kll_concept_iri(c));
	}
	kll_vocab_free(v);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	kll_import_opts o = KLL_IMPORT_OPTS_INIT;
	kll_error err;
	kll_status st;
	const char *path;
	char *text = NULL;
	size_t len = 0, n = 0, ndiag = 0;
	FILE *out;

	if (size == 0)
		return 0;
	o.id = "fz";
	o.version = "1";
	o.titles = titles;
	o.ntitles = 2;
	o.level_names = level_names;
	o.nlevel_names = 2;
	o.no_levels = data[0] & 1;
	if (data[0] & 2) {
		o.langs = langs;
		o.nlangs = 2;
	}
	if (data[0] & 4) {
		o.patterns = patterns;
		o.npatterns = 2;
	}
	if (data[0] & 8) {
		o.renames = renames;
		o.nrenames = 3;
	}
	o.diag = fuzz_count_diag;
	o.payload = &ndiag;
	path = fuzz_file("in.csv", data + 1, size - 1);
	FUZZ_ASSERT((out = open_memstream(&text, &len)) != NULL, "memstream");
	st = kll_vocab_import(path, &o, out, "out.ttl", &n, &err);
	FUZZ_ASSERT(fclose(out) == 0, "memstream");
	if (st != KLL_OK) {
		fuzz_check_error(&err, st);
		FUZZ_ASSERT(st != KLL_EINVALID || ndiag > 0 ||
		                strstr(err.msg, "no rows") != NULL ||
		                strstr(err.msg, "no header") != NULL ||
		                strstr(err.msg, "column") != NULL ||
		                strstr(err.msg, "languages") != NULL,
		    "invalid without a finding: %s", err.msg);
	} else {
		FUZZ_ASSERT(
		    ndiag == 0, "%zu findings, yet it succeeded", ndiag);
		FUZZ_ASSERT(n > 0 && len > 0, "nothing imported");
		load_back(text, len, n);
	}
	free(text);
	return 0;
}
