/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test_map_filter.c: the records that pass a filter, and a key of some records
 * of another (lib/map_filter.c). */
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

#define VOCAB "tests/data/vocab/"

static size_t
selected(const kll_mapset *m, const kll_filter_opts *o, unsigned char *keep)
{
	kll_error err;
	size_t n = 99;

	assert_int_equal(kll_mapset_select(keep, &n, m, o, &err), KLL_OK);
	return n;
}

static void
test_review(void **state)
{
	static const unsigned char marked[] = { 0, 1, 1, 0, 0, 0 };
	kll_filter_opts o = KLL_FILTER_OPTS_INIT;
	unsigned char keep[6];
	kll_mapset *m;
	size_t i;

	(void)state;
	m = key_at(EDIT "review.sssom.tsv", NULL);
	for (i = 0; i < 6; i++)
		assert_int_equal(kll_mapset_review(m, i), marked[i]);
	o.review = 1;
	assert_int_equal(selected(m, &o, keep), 2);
	assert_memory_equal(keep, marked, 6);
	o.review = -1;
	assert_int_equal(selected(m, &o, keep), 4);
	kll_mapset_free(m);
}

static void
test_tests(void **state)
{
	const char *preds[] = { "exact", "skos:narrowMatch" };
	const char *iri[] = {
		"http://www.w3.org/2004/02/skos/core#broadMatch"
	};
	kll_filter_opts o = KLL_FILTER_OPTS_INIT;
	unsigned char keep[6];
	kll_mapset *m;

	(void)state;
	m = key_at(EDIT "review.sssom.tsv", NULL);
	assert_int_equal(selected(m, &o, keep), 6);
	o.predicates = preds;
	o.npredicates = 2;
	assert_int_equal(selected(m, &o, keep), 4);
	o.predicates = iri;
	o.npredicates = 1;
	assert_int_equal(selected(m, &o, keep), 1);
	o.npredicates = 0;
	o.min_confidence = 0.5;
	o.max_confidence = 0.9;
	assert_int_equal(selected(m, &o, keep), 3);
	o.max_confidence = 1;
	o.justification = "semapv:LexicalMatching";
	assert_int_equal(selected(m, &o, keep), 3);
	o.justification = NULL;
	o.code[KLL_SUBJECT] = "2511";
	assert_int_equal(selected(m, &o, keep), 2);
	o.code[KLL_SUBJECT] = "occ:2511";
	o.code[KLL_OBJECT] = "2513";
	assert_int_equal(selected(m, &o, keep), 1);
	kll_mapset_free(m);
}

static void
test_vocabulary(void **state)
{
	kll_load_opts lo = KLL_LOAD_OPTS_INIT;
	kll_filter_opts o = KLL_FILTER_OPTS_INIT;
	unsigned char keep[6];
	kll_vocab *v = NULL;
	kll_mapset *m;
	kll_error err;

	(void)state;
	m = key_at(EDIT "review.sssom.tsv", NULL);
	o.level[KLL_SUBJECT] = 3;
	assert_int_equal(kll_mapset_select(keep, NULL, m, &o, &err), KLL_EARG);
	assert_int_equal(
	    kll_vocab_load(&v, VOCAB "occ.ttl", &lo, &err), KLL_OK);
	o.vocab[KLL_SUBJECT] = v;
	assert_int_equal(selected(m, &o, keep), 1);
	o.level[KLL_SUBJECT] = 0;
	o.code[KLL_SUBJECT] = "25";
	assert_int_equal(selected(m, &o, keep), 0);
	o.descendants = 1;
	assert_int_equal(selected(m, &o, keep), 3);
	o.code[KLL_SUBJECT] = "9999";
	assert_int_equal(kll_mapset_select(keep, NULL, m, &o, &err), KLL_EARG);
	kll_vocab_free(v);
	kll_mapset_free(m);
}

static void
test_subset(void **state)
{
	static const unsigned char keep[] = { 0, 1, 0, 1, 0, 0 };
	kll_mapset *m, *s = NULL;
	kll_error err;
	char *text;

	(void)state;
	m = key_at(EDIT "review.sssom.tsv", NULL);
	assert_int_equal(kll_mapset_subset(&s, m, keep, &err), KLL_OK);
	assert_int_equal(kll_mapset_count(s), 2);
	assert_string_equal(kll_mapset_meta(s, "mapping_set_id"),
	    "https://kll.example.org/mappings/review");
	assert_string_equal(
	    kll_mapset_get(s, 1, KLL_SLOT_COMMENT), "reviewed by hand");
	text = text_of(s);
	assert_non_null(strstr(text, "#subject_source: kll:occ\n"));
	assert_null(strstr(text, "5321"));
	free(text);
	kll_mapset_free(s);
	kll_mapset_free(m);
}

static void
test_subset_cardinality(void **state)
{
	/* occ:5321 maps to isc:5321 (n:n, as occ:5322 does too) and
	 * isc:5322: without occ:5322 the first is 1:n. */
	static const unsigned char keep[] = { 0, 0, 0, 0, 0, 1, 1, 0 };
	kll_mapset *m, *s = NULL;
	kll_error err;

	(void)state;
	m = key_at("tests/data/map/occ_isc.sssom.tsv", NULL);
	assert_string_equal(
	    kll_mapset_get(m, 5, KLL_SLOT_MAPPING_CARDINALITY), "n:n");
	assert_int_equal(kll_mapset_subset(&s, m, keep, &err), KLL_OK);
	assert_int_equal(kll_mapset_count(s), 2);
	assert_string_equal(
	    kll_mapset_get(s, 0, KLL_SLOT_MAPPING_CARDINALITY), "1:n");
	kll_mapset_free(s);
	kll_mapset_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_review),
		cmocka_unit_test(test_tests),
		cmocka_unit_test(test_vocabulary),
		cmocka_unit_test(test_subset),
		cmocka_unit_test(test_subset_cardinality),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
