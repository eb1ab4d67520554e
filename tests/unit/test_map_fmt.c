/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test_map_fmt.c: keys in canonical form (lib/map_fmt.c): IRIs made CURIEs, and
 * a file compared with its canonical text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kll.h"

#define EDIT "tests/data/edit/"
#include "edit_fixture.h"

static void
test_compact(void **state)
{
	struct diags c;
	kll_mapset *m;
	kll_error err;
	size_t changed = 9;

	(void)state;
	memset(&c, 0, sizeof(c));
	m = key_at(EDIT "messy.sssom.tsv", &c);
	assert_int_equal(c.n, 2); /* two IRIs, reported by the reader */
	assert_string_equal(c.d[0].rule, "sssom-iri-not-curie");
	assert_int_equal(
	    kll_mapset_compact(m, NULL, NULL, &changed, &err), KLL_OK);
	assert_int_equal(changed, 2);
	assert_string_equal(
	    kll_mapset_get(m, 1, KLL_SLOT_SUBJECT_ID), "occ:0110");
	assert_string_equal(
	    kll_mapset_get(m, 1, KLL_SLOT_OBJECT_ID), "isc:0110");
	/* Twice: nothing more to do. */
	assert_int_equal(
	    kll_mapset_compact(m, NULL, NULL, &changed, &err), KLL_OK);
	assert_int_equal(changed, 0);
	kll_mapset_free(m);
}

static void
test_no_prefix(void **state)
{
	struct diags c;
	kll_mapset *m;
	kll_error err;

	(void)state;
	m = key_at(EDIT "noprefix.sssom.tsv", NULL);
	memset(&c, 0, sizeof(c));
	assert_int_equal(
	    kll_mapset_compact(m, collect, &c, NULL, &err), KLL_EINVALID);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.d[0].rule, "map-fmt-no-prefix");
	assert_int_equal(c.d[0].line, 12);
	assert_int_equal(c.d[0].col, 50);
	assert_string_equal(err.rule, "map-fmt-no-prefix");
	assert_int_equal(err.line, 12);
	/* The IRI it could mend is mended all the same. */
	assert_string_equal(
	    kll_mapset_get(m, 1, KLL_SLOT_SUBJECT_ID), "occ:0110");
	kll_mapset_free(m);
}

static void
test_compare(void **state)
{
	kll_mapset *m;
	kll_error err;
	unsigned line = 7;
	FILE *fp;
	char *text;

	(void)state;
	m = key_at(EDIT "a.sssom.tsv", NULL);
	fp = fopen(EDIT "a.sssom.tsv", "rb");
	assert_non_null(fp);
	assert_int_equal(kll_mapset_compare(m, fp, &line, &err), KLL_OK);
	assert_int_equal(line, 0);
	fclose(fp);
	/* The canonical text with its last line cut short. */
	text = text_of(m);
	fp = tmpfile();
	fwrite(text, 1, strlen(text) - 2, fp);
	rewind(fp);
	assert_int_equal(kll_mapset_compare(m, fp, &line, &err), KLL_OK);
	assert_int_equal(line, 13);
	fclose(fp);
	/* A longer text differs one line past the end. */
	fp = tmpfile();
	fprintf(fp, "%sx\n", text);
	rewind(fp);
	assert_int_equal(kll_mapset_compare(m, fp, &line, &err), KLL_OK);
	assert_int_equal(line, 14);
	fclose(fp);
	free(text);
	kll_mapset_free(m);
}

static void
test_messy_line(void **state)
{
	kll_mapset *m;
	kll_error err;
	unsigned line;
	FILE *fp;

	(void)state;
	m = key_at(EDIT "messy.sssom.tsv", NULL);
	assert_int_equal(kll_mapset_compact(m, NULL, NULL, NULL, &err), KLL_OK);
	fp = fopen(EDIT "messy.sssom.tsv", "rb");
	assert_non_null(fp);
	assert_int_equal(kll_mapset_compare(m, fp, &line, &err), KLL_OK);
	assert_int_equal(line, 2); /* the prefixes are not sorted */
	fclose(fp);
	kll_mapset_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compact),
		cmocka_unit_test(test_no_prefix),
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_messy_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
