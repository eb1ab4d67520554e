/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fuzz_csv.c: the CSV/TSV reader (kll_csv_open, kll_csv_next).  The first
 * byte of an input picks the options: bits 0-1 the separator (guessed,
 * ',', ';', TAB), bit 2 no quoting, bit 3 a 16-byte field limit; the rest
 * is the file. */
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char seps[4] = { 0, ',', ';', '\t' };
	kll_csv_opts o = KLL_CSV_OPTS_INIT;
	kll_csv *c = NULL;
	kll_error err;
	kll_status st;
	const char *path, *s;
	size_t nf, i, len, nrec = 0;
	unsigned line = 0;

	if (size == 0)
		return 0;
	o.sep = seps[data[0] & 3];
	o.quotes = !(data[0] & 4);
	o.max_field = (data[0] & 8) ? 16 : 0;
	path = fuzz_file("in.csv", data + 1, size - 1);
	st = kll_csv_open(&c, path, &o, &err);
	FUZZ_ASSERT(st == KLL_OK && c != NULL, "open: %s", err.msg);
	FUZZ_ASSERT(strcmp(kll_csv_name(c), path) == 0, "name");
	while ((st = kll_csv_next(c, &nf, &err)) == KLL_OK && nf > 0) {
		nrec++;
		FUZZ_ASSERT(kll_csv_line(c) > line || nrec == 1,
		    "record %zu starts on line %u, after one on %u", nrec,
		    kll_csv_line(c), line);
		line = kll_csv_line(c);
		FUZZ_ASSERT(o.sep == 0 || kll_csv_sep(c) == o.sep, "sep");
		FUZZ_ASSERT(strchr(",;\t", kll_csv_sep(c)) != NULL, "sep");
		for (i = 0; i < nf; i++) {
			s = kll_csv_field(c, i, &len);
			FUZZ_ASSERT(s != NULL, "field %zu of %zu", i, nf);
			FUZZ_ASSERT(strlen(s) == len, "field length");
			FUZZ_ASSERT(u8_check((const uint8_t *)s, len) == NULL,
			    "field %zu is not UTF-8", i);
			FUZZ_ASSERT(o.max_field == 0 || len <= o.max_field,
			    "field longer than the limit");
			FUZZ_ASSERT(
			    memchr(s, kll_csv_sep(c), len) == NULL || o.quotes,
			    "separator in an unquoted field");
		}
		FUZZ_ASSERT(kll_csv_field(c, nf, NULL) == NULL, "past the end");
	}
	if (st != KLL_OK) {
		fuzz_check_error(&err, st);
		FUZZ_ASSERT(st == KLL_ESYNTAX || st == KLL_EENCODING,
		    "status %d: %s", (int)st, err.msg);
		FUZZ_ASSERT(strcmp(err.file, path) == 0, "file");
		FUZZ_ASSERT(err.line >= 1, "no line");
	} else {
		/* The end stays the end. */
		FUZZ_ASSERT(kll_csv_next(c, &nf, &err) == KLL_OK && nf == 0,
		    "read past the end");
	}
	kll_csv_free(c);
	return 0;
}
