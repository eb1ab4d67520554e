/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test_vocab_import.c: classification tables to SKOS+XKOS (lib/vocab_import.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kll.h"

#define DATA "tests/data/"

typedef struct diags {
	kll_error d[16];
	size_t n;
} diags;

static void
collect(void *payload, const kll_error *d)
{
	diags *ds = payload;

	if (ds->n < 16)
		ds->d[ds->n++] = *d;
}

static char *
read_all(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *p;
	long n;

	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	p = malloc((size_t)n + 1);
	assert_non_null(p);
	assert_int_equal(fread(p, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	*len = (size_t)n;
	return p;
}

/* The committed fixture is what importing the table gives, byte for
 * byte: the output is deterministic. */
static void
test_deterministic(void **state)
{
	static const char *const titles[] = { "sv=Yrken", "en=Occupations" };
	static const char *const langs[] = { "sv", "en" };
	static const char *const pats[] = { "1=[0-9]", "2=[0-9]{2}",
		"3=[0-9]{3}", "4=[0-9]{4}" };
	static const char *const names[] = { "1=en=Major group",
		"4=en=Unit group" };
	kll_import_opts o = KLL_IMPORT_OPTS_INIT;
	char *buf = NULL, *want;
	size_t len = 0, wlen, n = 0;
	kll_error err;
	FILE *fp;

	(void)state;
	o.id = "occ";
	o.titles = titles, o.ntitles = 2;
	o.langs = langs, o.nlangs = 2;
	o.patterns = pats, o.npatterns = 4;
	o.level_names = names, o.nlevel_names = 2;
	o.version = "1";
	fp = open_memstream(&buf, &len);
	assert_int_equal(
	    kll_vocab_import(DATA "vocab/occ.csv", &o, fp, "mem", &n, &err),
	    KLL_OK);
	fclose(fp);
	assert_int_equal(n, 15);
	want = read_all(DATA "vocab/occ.ttl", &wlen);
	assert_int_equal(len, wlen);
	assert_memory_equal(buf, want, len);
	free(buf);
	free(want);
}

static kll_status
import_diags(const char *path, kll_import_opts *o, diags *ds, kll_error *err)
{
	char *buf = NULL;
	size_t len = 0;
	kll_status st;
	FILE *fp;

	memset(ds, 0, sizeof(*ds));
	o->diag = collect;
	o->payload = ds;
	fp = open_memstream(&buf, &len);
	st = kll_vocab_import(path, o, fp, "mem", NULL, err);
	fclose(fp);
	if (st != KLL_OK)
		assert_int_equal(len, 0); /* nothing written */
	free(buf);
	return st;
}

static void
expect(const kll_error *d, unsigned line, const char *rule, const char *msg)
{
	assert_int_equal(d->line, line);
	assert_string_equal(d->rule, rule);
	assert_string_equal(d->msg, msg);
	assert_int_equal(d->severity, KLL_SEV_ERROR);
}

static void
test_bad_rows(void **state)
{
	static const char *const langs[] = { "sv" };
	kll_import_opts o = KLL_IMPORT_OPTS_INIT;
	diags ds;
	kll_error err;

	(void)state;
	o.id = "bad";
	o.langs = langs, o.nlangs = 1;
	assert_int_equal(
	    import_diags(DATA "import/bad-rows.csv", &o, &ds, &err),
	    KLL_EINVALID);
	assert_int_equal(ds.n, 5);
	assert_string_equal(ds.d[0].file, DATA "import/bad-rows.csv");
	expect(&ds.d[0], 3, "import-duplicate-code",
	    "duplicate code '1' (first on line 2)");
	expect(&ds.d[1], 4, "import-unknown-parent",
	    "parent '9' of '2' is not in the table");
	expect(&ds.d[2], 5, "import-cycle", "'3' is on a cycle of parents");
	expect(&ds.d[3], 6, "import-cycle", "'4' is on a cycle of parents");
	expect(&ds.d[4], 7, "import-missing-label", "'5' has no label in 'sv'");
	/* err holds the first problem. */
	assert_int_equal(err.line, 3);
}

static void
test_patterns_and_levels(void **state)
{
	static const char *const pats[] = { "1=[0-9]", "2=[0-9]{2}" };
	kll_import_opts o = KLL_IMPORT_OPTS_INIT;
	diags ds;
	kll_error err;

	(void)state;
	o.id = "lv";
	o.patterns = pats, o.npatterns = 2;
	assert_int_equal(import_diags(DATA "import/levels.csv", &o, &ds, &err),
	    KLL_EINVALID);
	assert_int_equal(ds.n, 1);
	expect(&ds.d[0], 4, "import-notation-pattern",
	    "code 'x1' does not match the pattern '[0-9]{2}' of level 2");
}

static void
test_bad_pattern_option(void **state)
{
	static const char *const pats[] = { "one=[0-9]" };
	static const char *const bad_re[] = { "1=[0-9" };
	kll_import_opts o = KLL_IMPORT_OPTS_INIT;
	diags ds;
	kll_error err;

	(void)state;
	o.id = "x";
	o.patterns = pats, o.npatterns = 1;
	assert_int_equal(
	    import_diags(DATA "vocab/occ.csv", &o, &ds, &err), KLL_EARG);
	assert_string_equal(
	    err.msg, "bad pattern 'one=[0-9]': give DEPTH=REGEX");
	o.patterns = bad_re;
	assert_int_equal(
	    import_diags(DATA "vocab/occ.csv", &o, &ds, &err), KLL_EARG);
}

/* SCB's flat "vardekod,vardebenamning" shape: renamed columns, and the
 * parents from the codes' prefixes. */
static void
test_flat_table(void **state)
{
	static const char *const ren[] = { "code=vardekod",
		"label_sv=vardebenamning" };
	kll_import_opts o = KLL_IMPORT_OPTS_INIT;
	kll_vocab *v = NULL;
	kll_error err;
	char path[] = "/tmp/kll-test-flat-XXXXXX";
	FILE *fp;
	int fd;

	(void)state;
	o.id = "flat";
	o.renames = ren, o.nrenames = 2;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_int_equal(kll_vocab_import(DATA "import/scb-flat.csv", &o, fp,
	                     path, NULL, &err),
	    KLL_OK);
	fclose(fp);
	assert_int_equal(kll_vocab_load(&v, path, NULL, &err), KLL_OK);
	remove(path);
	assert_int_equal(kll_vocab_count(v), 4);
	assert_string_equal(kll_concept_notation(kll_concept_broader(
	                        kll_vocab_find(v, "111"), 0)),
	    "11");
	assert_int_equal(kll_concept_level(kll_vocab_find(v, "111")), 3);
	assert_string_equal(
	    kll_concept_label(kll_vocab_find(v, "2"), KLL_LABEL_PREF, "sv"),
	    "Två");
	kll_vocab_free(v);
}

static void
test_table_errors(void **state)
{
	kll_import_opts o = KLL_IMPORT_OPTS_INIT;
	diags ds;
	kll_error err;

	(void)state;
	o.id = "x";
	assert_int_equal(import_diags(DATA "import/columns.csv", &o, &ds, &err),
	    KLL_EINVALID);
	expect(&ds.d[0], 3, "import-columns",
	    "row has 4 fields, the header has 3");
	assert_int_equal(
	    import_diags(DATA "csv/cp1252.csv", &o, &ds, &err), KLL_EENCODING);
	assert_int_equal(err.line, 2);
	assert_int_equal(
	    import_diags(DATA "csv/tab.tsv", &o, &ds, &err), KLL_OK);
	assert_int_equal(
	    import_diags(DATA "nonexistent.csv", &o, &ds, &err), KLL_EIO);
	assert_string_equal(err.file, DATA "nonexistent.csv");
	o.base_iri = "relative/";
	assert_int_equal(
	    import_diags(DATA "csv/tab.tsv", &o, &ds, &err), KLL_EARG);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_bad_rows),
		cmocka_unit_test(test_patterns_and_levels),
		cmocka_unit_test(test_bad_pattern_option),
		cmocka_unit_test(test_flat_table),
		cmocka_unit_test(test_table_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
