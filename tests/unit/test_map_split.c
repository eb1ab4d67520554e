/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test_map_split.c: the records of a key in groups (lib/map_split.c). */
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
test_by_predicate(void **state)
{
	size_t group[8], n;
	char **names = NULL;
	kll_mapset *m;
	kll_error err;

	(void)state;
	m = key_at(EDIT "dupes.sssom.tsv", NULL);
	assert_int_equal(kll_mapset_split(group, &names, &n, m,
	                     KLL_SPLIT_PREDICATE, NULL, &err),
	    KLL_OK);
	assert_int_equal(n, 5);
	assert_string_equal(names[0], "not-skos-exactMatch");
	assert_string_equal(names[2], "skos-closeMatch");
	assert_null(names[5]);
	assert_int_equal(group[0], 2);
	assert_int_equal(group[6], 0);
	free(names);
	kll_mapset_free(m);
}

static void
test_by_level(void **state)
{
	kll_load_opts lo = KLL_LOAD_OPTS_INIT;
	size_t group[6], n;
	char **names = NULL;
	kll_vocab *v = NULL;
	kll_mapset *m;
	kll_error err;

	(void)state;
	m = key_at(EDIT "review.sssom.tsv", NULL);
	assert_int_equal(kll_mapset_split(group, &names, &n, m,
	                     KLL_SPLIT_SUBJECT_LEVEL, NULL, &err),
	    KLL_EARG);
	assert_null(names);
	assert_int_equal(
	    kll_vocab_load(&v, "tests/data/vocab/occ.ttl", &lo, &err), KLL_OK);
	assert_int_equal(kll_mapset_split(group, &names, &n, m,
	                     KLL_SPLIT_SUBJECT_LEVEL, v, &err),
	    KLL_OK);
	assert_int_equal(n, 2);
	assert_string_equal(names[0], "level-3");
	assert_string_equal(names[1], "level-4");
	assert_int_equal(group[5], 0);
	free(names);
	assert_int_equal(kll_mapset_split(group, &names, &n, m,
	                     KLL_SPLIT_SUBJECT_TOP, v, &err),
	    KLL_OK);
	assert_int_equal(n, 3);
	assert_string_equal(names[2], "top-5");
	free(names);
	kll_vocab_free(v);
	kll_mapset_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_by_predicate),
		cmocka_unit_test(test_by_level),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
