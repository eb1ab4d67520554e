/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test_map_merge.c: keys merged (lib/map_merge.c): the same records once,
 * conflicts reported or resolved, prefixes joined. */
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
test_conflicts(void **state)
{
	kll_merge_opts o = KLL_MERGE_OPTS_INIT;
	kll_mapset *keys[2];
	struct diags c;
	kll_error err;

	(void)state;
	keys[0] = key_at(EDIT "a.sssom.tsv", NULL);
	keys[1] = key_at(EDIT "b.sssom.tsv", NULL);
	memset(&c, 0, sizeof(c));
	o.diag = collect;
	o.payload = &c;
	assert_int_equal(
	    kll_mapset_merge(keys, 2, &o, NULL, &err), KLL_EINVALID);
	assert_int_equal(c.n, 3);
	assert_string_equal(c.d[0].rule, "map-merge-meta");
	assert_non_null(strstr(c.d[0].msg, "mapping_set_id"));
	assert_string_equal(c.d[2].rule, "map-merge-row");
	assert_int_equal(c.d[2].line, 12);
	assert_non_null(strstr(c.d[2].msg, "a.sssom.tsv:12"));
	assert_non_null(strstr(c.d[2].msg, "confidence"));
	kll_mapset_free(keys[0]);
	kll_mapset_free(keys[1]);
}

static void
merged(kll_prefer rows, kll_prefer meta, const char *conf2511, const char *id)
{
	kll_merge_opts o = KLL_MERGE_OPTS_INIT;
	kll_merge_stats st;
	kll_mapset *keys[2];
	kll_error err;
	size_t i;

	keys[0] = key_at(EDIT "a.sssom.tsv", NULL);
	keys[1] = key_at(EDIT "b.sssom.tsv", NULL);
	o.rows = rows;
	o.meta = meta;
	assert_int_equal(kll_mapset_merge(keys, 2, &o, &st, &err), KLL_OK);
	assert_int_equal(kll_mapset_count(keys[0]), 4);
	assert_int_equal(st.added, 1);
	assert_int_equal(st.same, 1);
	assert_int_equal(st.resolved, 1);
	assert_int_equal(st.meta, 2);
	for (i = 0; i < 4; i++)
		if (strcmp(kll_mapset_get(keys[0], i, KLL_SLOT_SUBJECT_ID),
		        "occ:2511") == 0)
			assert_string_equal(
			    kll_mapset_get(keys[0], i, KLL_SLOT_CONFIDENCE),
			    conf2511);
	assert_string_equal(kll_mapset_meta(keys[0], "mapping_set_id"), id);
	kll_mapset_free(keys[0]);
	kll_mapset_free(keys[1]);
}

static void
test_prefer(void **state)
{
	(void)state;
	merged(KLL_PREFER_FIRST, KLL_PREFER_FIRST, "0.8",
	    "https://kll.example.org/mappings/a");
	merged(KLL_PREFER_LAST, KLL_PREFER_LAST, "0.95",
	    "https://kll.example.org/mappings/b");
	merged(KLL_PREFER_CONFIDENCE, KLL_PREFER_FIRST, "0.95",
	    "https://kll.example.org/mappings/a");
}

static void
test_prefix_clash(void **state)
{
	kll_merge_opts o = KLL_MERGE_OPTS_INIT;
	kll_mapset *keys[2];
	struct diags c;
	kll_error err;

	(void)state;
	keys[0] = key_at(EDIT "a.sssom.tsv", NULL);
	keys[1] = key_at(EDIT "c.sssom.tsv", NULL);
	memset(&c, 0, sizeof(c));
	o.diag = collect;
	o.payload = &c;
	o.rows = o.meta = KLL_PREFER_FIRST;
	assert_int_equal(
	    kll_mapset_merge(keys, 2, &o, NULL, &err), KLL_EINVALID);
	assert_string_equal(err.rule, "map-merge-prefix");
	assert_true(c.n >= 1);
	kll_mapset_free(keys[0]);
	kll_mapset_free(keys[1]);
}

static void
test_one_and_none(void **state)
{
	kll_mapset *keys[1];
	kll_error err;

	(void)state;
	assert_int_equal(kll_mapset_merge(NULL, 0, NULL, NULL, &err), KLL_EARG);
	keys[0] = key_at(EDIT "a.sssom.tsv", NULL);
	assert_int_equal(kll_mapset_merge(keys, 1, NULL, NULL, &err), KLL_OK);
	assert_int_equal(kll_mapset_count(keys[0]), 3);
	kll_mapset_free(keys[0]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_conflicts),
		cmocka_unit_test(test_prefer),
		cmocka_unit_test(test_prefix_clash),
		cmocka_unit_test(test_one_and_none),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
