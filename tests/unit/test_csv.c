/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test_csv.c: the CSV/TSV reader (lib/csv.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "kll.h"

#define DATA "tests/data/csv/"

static kll_csv *
open_ok(const char *path)
{
	kll_csv *c = NULL;
	kll_error err;

	assert_int_equal(kll_csv_open(&c, path, NULL, &err), KLL_OK);
	assert_non_null(c);
	return c;
}

static void
next_ok(kll_csv *c, size_t want)
{
	kll_error err;
	size_t nf = 99;

	assert_int_equal(kll_csv_next(c, &nf, &err), KLL_OK);
	assert_int_equal(nf, want);
}

static void
test_free_null(void **state)
{
	(void)state;
	kll_csv_free(NULL);
}

static void
test_excel_semicolon_crlf(void **state)
{
	kll_csv *c = open_ok(DATA "excel-semicolon.csv");
	size_t len;

	(void)state;
	next_ok(c, 2);
	assert_int_equal(kll_csv_sep(c), ';');
	assert_string_equal(kll_csv_field(c, 0, NULL), "code");
	assert_string_equal(kll_csv_field(c, 1, NULL), "label_sv");
	next_ok(c, 2);
	assert_string_equal(kll_csv_field(c, 1, &len), "Ett; med semikolon");
	assert_int_equal(len, 18);
	next_ok(c, 2);
	assert_string_equal(kll_csv_field(c, 1, NULL), "Två \"citat\"");
	assert_int_equal(kll_csv_line(c), 3);
	next_ok(c, 0);
	assert_null(kll_csv_field(c, 0, NULL));
	kll_csv_free(c);
}

static void
test_bom_and_multiline(void **state)
{
	kll_csv *c = open_ok(DATA "bom-multiline.csv");

	(void)state;
	next_ok(c, 2);
	assert_string_equal(kll_csv_field(c, 0, NULL), "code");
	next_ok(c, 2);
	assert_string_equal(kll_csv_field(c, 1, NULL), "rad\nbrytning");
	assert_int_equal(kll_csv_line(c), 2);
	next_ok(c, 2);
	assert_int_equal(kll_csv_line(c), 4); /* after the two-line record */
	kll_csv_free(c);
}

static void
test_tab(void **state)
{
	kll_csv *c = open_ok(DATA "tab.tsv");

	(void)state;
	next_ok(c, 2);
	assert_int_equal(kll_csv_sep(c), '\t');
	next_ok(c, 2);
	assert_string_equal(kll_csv_field(c, 1, NULL), "One");
	kll_csv_free(c);
}

/* Read to the first error and check its code, line and message start. */
static void
expect_error(const char *path, kll_status code, unsigned line, const char *msg)
{
	kll_csv *c = open_ok(path);
	kll_error err;
	size_t nf;
	kll_status st;

	while ((st = kll_csv_next(c, &nf, &err)) == KLL_OK && nf > 0)
		;
	assert_int_equal(st, code);
	assert_int_equal(err.code, code);
	assert_string_equal(err.file, path);
	assert_int_equal(err.line, line);
	assert_memory_equal(err.msg, msg, strlen(msg));
	kll_csv_free(c);
}

static void
test_errors(void **state)
{
	(void)state;
	expect_error(
	    DATA "unbalanced.csv", KLL_ESYNTAX, 2, "unbalanced quotes");
	expect_error(DATA "cp1252.csv", KLL_EENCODING, 2,
	    "not UTF-8 (looks like Windows-1252)");
	expect_error(DATA "badutf8.csv", KLL_EENCODING, 2, "invalid UTF-8");
	expect_error(DATA "after-quote.csv", KLL_ESYNTAX, 2,
	    "unexpected 'b' after a closing quote");
	expect_error(DATA "nul.csv", KLL_ESYNTAX, 2, "NUL byte");
}

static void
test_missing_file(void **state)
{
	kll_csv *c = (kll_csv *)1;
	kll_error err;

	(void)state;
	assert_int_equal(
	    kll_csv_open(&c, DATA "nonexistent.csv", NULL, &err), KLL_EIO);
	assert_null(c);
	assert_string_equal(err.file, DATA "nonexistent.csv");
	assert_string_equal(err.msg, "cannot open: No such file or directory");
}

static void
test_fixed_separator_and_limit(void **state)
{
	kll_csv_opts o = KLL_CSV_OPTS_INIT;
	kll_csv *c = NULL;
	kll_error err;
	size_t nf;

	(void)state;
	o.sep = ',';
	o.max_field = 4;
	assert_int_equal(
	    kll_csv_open(&c, DATA "excel-semicolon.csv", &o, &err), KLL_OK);
	assert_int_equal(kll_csv_next(c, &nf, &err), KLL_ESYNTAX);
	assert_string_equal(err.msg, "field longer than 4 bytes");
	kll_csv_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_free_null),
		cmocka_unit_test(test_excel_semicolon_crlf),
		cmocka_unit_test(test_bom_and_multiline),
		cmocka_unit_test(test_tab),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_fixed_separator_and_limit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
