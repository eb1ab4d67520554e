/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test_map_dedupe.c: one record per pair (lib/map_dedupe.c): the rank of
 * predicates, the record kept, contradictions. */
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
test_rank(void **state)
{
	static const int want[] = { 2, 4, 1, 2, 2, 3, 4, 1 };
	kll_mapset *m;
	size_t i;

	(void)state;
	m = key_at(EDIT "dupes.sssom.tsv", NULL);
	for (i = 0; i < kll_mapset_count(m); i++)
		assert_int_equal(kll_pred_rank(m, i), want[i]);
	kll_mapset_free(m);
	m = key_at(EDIT "unranked.sssom.tsv", NULL);
	assert_int_equal(kll_pred_rank(m, 1), -1);
	kll_mapset_free(m);
}

static void
test_keep(void **state)
{
	/* 0110: exact over close; 2511: the more confident close; 2512:
	 * broad and the negated exact both; 5321 alone. */
	static const unsigned char want[] = { 0, 1, 0, 0, 1, 1, 1, 1 };
	kll_dedupe_stats st;
	unsigned char keep[8];
	kll_mapset *m;
	kll_error err;

	(void)state;
	m = key_at(EDIT "dupes.sssom.tsv", NULL);
	assert_int_equal(kll_mapset_count(m), 8);
	assert_int_equal(
	    kll_mapset_dedupe(keep, m, NULL, NULL, &st, &err), KLL_OK);
	assert_memory_equal(keep, want, sizeof(want));
	assert_int_equal(st.dropped, 3);
	assert_int_equal(st.pairs, 3);
	kll_mapset_free(m);
}

static void
test_contradictions(void **state)
{
	static const unsigned lines[] = { 12, 13, 15, 20 };
	unsigned char keep[16];
	struct diags c;
	kll_mapset *m;
	kll_error err;
	size_t i;

	(void)state;
	m = key_at(EDIT "contradictions.sssom.tsv", NULL);
	memset(&c, 0, sizeof(c));
	assert_int_equal(
	    kll_mapset_dedupe(keep, m, collect, &c, NULL, &err), KLL_EINVALID);
	assert_int_equal(c.n, 4);
	for (i = 0; i < 4; i++) {
		assert_string_equal(c.d[i].rule, "map-contradiction");
		assert_int_equal(c.d[i].line, lines[i]);
	}
	assert_string_equal(err.rule, "map-contradiction");
	assert_int_equal(err.line, 12);
	kll_mapset_free(m);
	m = key_at(EDIT "unranked.sssom.tsv", NULL);
	memset(&c, 0, sizeof(c));
	assert_int_equal(
	    kll_mapset_dedupe(keep, m, collect, &c, NULL, &err), KLL_EINVALID);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.d[0].rule, "map-dedupe-unranked");
	kll_mapset_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rank),
		cmocka_unit_test(test_keep),
		cmocka_unit_test(test_contradictions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
