/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test_map_annotate.c: set slots of a key set and removed (lib/map_annotate.c).
 */
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
test_set_unset(void **state)
{
	kll_mapset *m;
	kll_error err;
	char *text;

	(void)state;
	m = key_at(EDIT "a.sssom.tsv", NULL);
	assert_int_equal(
	    kll_mapset_annotate(m, "mapping_set_version", "2", &err), KLL_OK);
	assert_int_equal(
	    kll_mapset_annotate(m, "subject_source", "kll:isc", &err), KLL_OK);
	assert_int_equal(
	    kll_mapset_annotate(m, "object_source", NULL, &err), KLL_OK);
	assert_int_equal(kll_mapset_annotate(m, "comment", "", &err), KLL_OK);
	assert_string_equal(
	    kll_mapset_get(m, 0, KLL_SLOT_SUBJECT_SOURCE), "kll:isc");
	assert_null(kll_mapset_get(m, 2, KLL_SLOT_OBJECT_SOURCE));
	text = text_of(m);
	assert_non_null(strstr(text, "#subject_source: kll:isc\n"));
	assert_null(strstr(text, "object_source"));
	assert_non_null(strstr(text, "#mapping_set_version: \"2\"\n"));
	free(text);
	kll_mapset_free(m);
}

static void
test_refused(void **state)
{
	kll_mapset *m;
	kll_error err;

	(void)state;
	m = key_at(EDIT "a.sssom.tsv", NULL);
	assert_int_equal(
	    kll_mapset_annotate(m, "publication_date", "soon", &err),
	    KLL_EINVALID);
	assert_int_equal(
	    kll_mapset_annotate(m, "curie_map", NULL, &err), KLL_EARG);
	kll_mapset_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_set_unset),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
