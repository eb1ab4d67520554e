/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test_pub_pages.c: the pages of a key and of a vocabulary
 * (lib/pub_keypage.c, lib/pub_vocabpage.c): what they show, texts
 * escaped, the same bytes each time. */
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

static kll_vocab *
vocab(const char *path)
{
	kll_load_opts o = KLL_LOAD_OPTS_INIT;
	kll_vocab *v = NULL;
	kll_error err;

	if (kll_vocab_load(&v, path, &o, &err) != KLL_OK)
		fail_msg("%s:%u: %s", err.file, err.line, err.msg);
	return v;
}

static kll_mapset *
key(const char *path)
{
	kll_sssom_opts o = KLL_SSSOM_OPTS_INIT;
	kll_mapset *m = NULL;
	kll_error err;

	if (kll_mapset_read(&m, path, &o, &err) != KLL_OK)
		fail_msg("%s:%u: %s", err.file, err.line, err.msg);
	return m;
}

/* What a writer put in a temporary file, NUL-terminated. */
static char *
slurp(FILE *fp)
{
	long n = ftell(fp);
	char *buf;

	assert_true(n > 0);
	rewind(fp);
	buf = calloc(1, (size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	return buf;
}

static char *
key_page(const kll_mapset *m, const kll_vocab *s, const kll_vocab *o)
{
	FILE *fp = tmpfile();
	kll_error err;

	assert_non_null(fp);
	assert_int_equal(kll_mapset_page(fp, m, s, o, 0, &err), KLL_OK);
	return slurp(fp);
}

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

static void
test_key_page(void **state)
{
	kll_vocab *occ = vocab(DATA "vocab/occ.ttl");
	kll_vocab *isc = vocab(DATA "vocab/isc.ttl");
	kll_mapset *m = key(DATA "map/report.sssom.tsv");
	char *a, *b;

	(void)state;
	a = key_page(m, occ, isc);
	b = key_page(m, occ, isc);
	assert_string_equal(a, b);
	assert_non_null(strstr(a, "<!DOCTYPE html>"));
	assert_non_null(strstr(a, "</html>"));
	/* Labels and metadata are text, never markup. */
	assert_null(strstr(a, "<b>"));
	assert_null(strstr(a, "<a> & Bo"));
	assert_non_null(strstr(a, "Systemanalytiker &lt;b&gt;&amp; co&lt;/b&gt;"));
	assert_non_null(strstr(a, "Anna &lt;a&gt; &amp; Bo"));
	/* "review", "review: ..." and "ok; review" mark a row; "reviewed"
	 * does not. */
	assert_non_null(strstr(a, "<p>3 rows marked for review.</p>"));
	/* The pictures: coverage of both sides, and one heat map. */
	assert_int_equal(count(a, "<table class=\"coverage\">"), 2);
	assert_int_equal(count(a, "<svg id=\"heatmap\""), 1);
	assert_non_null(strstr(a, "<details class=\"unmapped\">"));
	free(a);
	free(b);
	/* Without the vocabularies: no coverage, the rest still there. */
	a = key_page(m, NULL, NULL);
	assert_int_equal(count(a, "<table class=\"coverage\">"), 0);
	assert_non_null(strstr(a, "<p>3 rows marked for review.</p>"));
	free(a);
	kll_mapset_free(m);
	kll_vocab_free(occ);
	kll_vocab_free(isc);
}

static void
test_vocab_page(void **state)
{
	kll_vocab *occ = vocab(DATA "vocab/occ.ttl");
	FILE *fp = tmpfile();
	kll_error err;
	char *a;

	(void)state;
	assert_non_null(fp);
	assert_int_equal(
	    kll_vocab_page(fp, occ, KLL_PAGE_INDEX, &err), KLL_OK);
	a = slurp(fp);
	assert_non_null(strstr(a, "href=\"../index.html\""));
	assert_non_null(strstr(a, "<details"));
	/* Every concept is in the tree once. */
	assert_true(count(a, "<li") >= kll_vocab_count(occ));
	assert_null(strstr(a, "<script"));
	free(a);
	kll_vocab_free(occ);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_page),
		cmocka_unit_test(test_vocab_page),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
