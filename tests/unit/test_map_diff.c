/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test_map_diff.c: the differences between two mapping sets
 * (lib/map_diff.c), on tests/data/diff/key-1 and key-2 and on sets built
 * in code. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "kll.h"

#define DIFF "tests/data/diff/"
#define NONE ((size_t)-1)

static kll_mapset *
read_set(const char *path)
{
	kll_mapset *m = NULL;
	kll_error err;

	assert_int_equal(kll_mapset_read(&m, path, NULL, &err), KLL_OK);
	return m;
}

static const kll_mchange *
find(const kll_mapdiff *d, kll_mchange_kind kind, const char *subject,
    const char *object, const char *slot)
{
	const kll_mchange *c;
	size_t i;

	for (i = 0; i < kll_mapdiff_count(d); i++) {
		c = kll_mapdiff_at(d, i);
		if (c->kind == kind && strcmp(c->subject, subject) == 0 &&
		    strcmp(c->object, object) == 0 &&
		    strcmp(c->slot, slot) == 0)
			return c;
	}
	return NULL;
}

static size_t
count(const kll_mapdiff *d, kll_mchange_kind kind)
{
	size_t i, n = 0;

	for (i = 0; i < kll_mapdiff_count(d); i++)
		n += kll_mapdiff_at(d, i)->kind == kind;
	return n;
}

static void
test_free_null_and_names(void **state)
{
	kll_mapdiff *d = (kll_mapdiff *)1;
	kll_error err;

	(void)state;
	kll_mapdiff_free(NULL);
	assert_int_equal(kll_mapdiff_new(&d, NULL, NULL, &err), KLL_EARG);
	assert_null(d);
	assert_int_equal(err.code, KLL_EARG);
	assert_string_equal(kll_mchange_name(KLL_MCHANGE_ADDED), "added");
	assert_string_equal(
	    kll_mchange_name(KLL_MCHANGE_PREDICATE), "predicate");
	assert_string_equal(kll_mchange_name(KLL_MCHANGE_META), "meta");
	assert_null(kll_mchange_name(KLL_MCHANGE__COUNT));
	assert_null(kll_mchange_name((kll_mchange_kind)-1));
}

static void
test_same(void **state)
{
	kll_mapset *a = read_set(DIFF "key-1.sssom.tsv");
	kll_mapset *b = read_set(DIFF "key-1.sssom.tsv");
	kll_mapdiff *d = NULL;

	(void)state;
	assert_int_equal(kll_mapdiff_new(&d, a, b, NULL), KLL_OK);
	assert_int_equal(kll_mapdiff_count(d), 0);
	assert_null(kll_mapdiff_at(d, 0));
	kll_mapdiff_free(d);
	kll_mapset_free(a);
	kll_mapset_free(b);
}

static void
test_fixtures(void **state)
{
	kll_mapset *a = read_set(DIFF "key-1.sssom.tsv");
	kll_mapset *b = read_set(DIFF "key-2.sssom.tsv");
	kll_mapdiff *d = NULL;
	const kll_mchange *c;
	size_t i;

	(void)state;
	assert_int_equal(kll_mapdiff_new(&d, a, b, NULL), KLL_OK);
	assert_int_equal(kll_mapdiff_count(d), 14);
	assert_int_equal(count(d, KLL_MCHANGE_ADDED), 3);
	assert_int_equal(count(d, KLL_MCHANGE_REMOVED), 2);
	assert_int_equal(count(d, KLL_MCHANGE_PREDICATE), 2);
	assert_int_equal(count(d, KLL_MCHANGE_JUSTIFICATION), 1);
	assert_int_equal(count(d, KLL_MCHANGE_CONFIDENCE), 1);
	assert_int_equal(count(d, KLL_MCHANGE_LABEL), 1);
	assert_int_equal(count(d, KLL_MCHANGE_SLOT), 1);
	assert_int_equal(count(d, KLL_MCHANGE_META), 3);
	/* Metadata first, records last, the removed ones at the end. */
	c = kll_mapdiff_at(d, 0);
	assert_int_equal(c->kind, KLL_MCHANGE_META);
	assert_string_equal(c->slot, "mapping_set_version");
	assert_string_equal(c->old_value, "1");
	assert_string_equal(c->new_value, "2");
	assert_true(c->old_rec == NONE && c->new_rec == NONE);
	assert_string_equal(c->subject, "");
	/* A prefix renamed: the curie_map differs, the records not. */
	c = find(d, KLL_MCHANGE_META, "", "", "curie_map:ind1");
	assert_string_equal(c->old_value, "https://kll.example.org/ind-1/");
	assert_string_equal(c->new_value, "");
	assert_non_null(find(d, KLL_MCHANGE_META, "", "", "curie_map:i1"));
	/* Exact to narrow: one change, named as the new set names it. */
	c = find(
	    d, KLL_MCHANGE_PREDICATE, "i1:01.1", "ind2:01.1", "predicate_id");
	assert_non_null(c);
	assert_string_equal(c->old_value, "skos:exactMatch");
	assert_string_equal(c->new_value, "skos:narrowMatch");
	assert_int_equal(c->old_rec, 0);
	assert_int_equal(c->new_rec, 0);
	c = find(d, KLL_MCHANGE_ADDED, "i1:01.1", "ind2:01.3", "predicate_id");
	assert_string_equal(c->new_value, "skos:narrowMatch");
	assert_string_equal(c->old_value, "");
	assert_int_equal(c->old_rec, NONE);
	c = find(d, KLL_MCHANGE_LABEL, "i1:02.2", "ind2:02.2", "object_label");
	assert_string_equal(c->new_value, "Uppfödning av får och getter");
	c = find(d, KLL_MCHANGE_JUSTIFICATION, "i1:10.2", "ind2:10.3",
	    "mapping_justification");
	assert_string_equal(c->new_value, "semapv:ManualMappingCuration");
	/* 0.90 and 0.9 are the same number; 1 and 0.95 are not. */
	assert_null(find(
	    d, KLL_MCHANGE_CONFIDENCE, "i1:10.2", "ind2:10.3", "confidence"));
	c = find(d, KLL_MCHANGE_CONFIDENCE, "i1:12", "ind2:12", "confidence");
	assert_string_equal(c->old_value, "1");
	assert_string_equal(c->new_value, "0.95");
	assert_non_null(
	    find(d, KLL_MCHANGE_SLOT, "i1:12", "ind2:12", "comment"));
	c = find(d, KLL_MCHANGE_REMOVED, "ind1:02.3", "sssom:NoTermFound",
	    "predicate_id");
	assert_string_equal(c->old_value, "skos:exactMatch");
	assert_int_equal(c->new_rec, NONE);
	for (i = 0; i + 2 < kll_mapdiff_count(d); i++)
		assert_int_not_equal(
		    kll_mapdiff_at(d, i)->kind, KLL_MCHANGE_REMOVED);
	kll_mapdiff_free(d);
	kll_mapset_free(a);
	kll_mapset_free(b);
}

/* A set with prefixes a and b and the given rows of subject, predicate,
 * object. */
static kll_mapset *
build(const char *const (*rows)[3], size_t n, const char *version)
{
	kll_mapset *m = NULL;
	size_t i, r;

	assert_int_equal(kll_mapset_new(&m, NULL), KLL_OK);
	assert_int_equal(
	    kll_mapset_add_prefix(m, "a", "https://example.org/a/", NULL),
	    KLL_OK);
	assert_int_equal(
	    kll_mapset_add_prefix(m, "b", "https://example.org/b/", NULL),
	    KLL_OK);
	assert_int_equal(kll_mapset_set_meta(m, "mapping_set_id",
	                     "https://example.org/set", NULL),
	    KLL_OK);
	for (i = 0; i < n; i++) {
		assert_int_equal(kll_mapset_add(m, &r, NULL), KLL_OK);
		assert_int_equal(
		    kll_mapset_set(m, r, KLL_SLOT_SUBJECT_ID, rows[i][0], NULL),
		    KLL_OK);
		assert_int_equal(kll_mapset_set(m, r, KLL_SLOT_PREDICATE_ID,
		                     rows[i][1], NULL),
		    KLL_OK);
		assert_int_equal(
		    kll_mapset_set(m, r, KLL_SLOT_OBJECT_ID, rows[i][2], NULL),
		    KLL_OK);
		assert_int_equal(
		    kll_mapset_set(m, r, KLL_SLOT_MAPPING_JUSTIFICATION,
		        "semapv:ManualMappingCuration", NULL),
		    KLL_OK);
		assert_int_equal(
		    kll_mapset_set(
		        m, r, KLL_SLOT_SUBJECT_SOURCE_VERSION, version, NULL),
		    KLL_OK);
	}
	return m;
}

/* Records sharing subject and object pair up by predicate first; a
 * propagatable slot that every record shares is one metadata change. */
static void
test_repeated_pairs(void **state)
{
	static const char *const old_rows[][3] = {
		{ "a:1", "skos:broadMatch", "b:1" },
		{ "a:1", "skos:relatedMatch", "b:1" },
		{ "a:2", "skos:exactMatch", "b:2" },
	};
	static const char *const new_rows[][3] = {
		{ "a:1", "skos:relatedMatch", "b:1" },
		{ "a:1", "skos:narrowMatch", "b:1" },
		{ "a:2", "skos:exactMatch", "b:2" },
	};
	kll_mapset *a = build(old_rows, 3, "1"), *b = build(new_rows, 3, "2");
	kll_mapdiff *d = NULL;
	const kll_mchange *c;

	(void)state;
	assert_int_equal(kll_mapdiff_new(&d, a, b, NULL), KLL_OK);
	assert_int_equal(kll_mapdiff_count(d), 2);
	c = kll_mapdiff_at(d, 0);
	assert_int_equal(c->kind, KLL_MCHANGE_META);
	assert_string_equal(c->slot, "subject_source_version");
	c = kll_mapdiff_at(d, 1);
	assert_int_equal(c->kind, KLL_MCHANGE_PREDICATE);
	assert_string_equal(c->old_value, "skos:broadMatch");
	assert_string_equal(c->new_value, "skos:narrowMatch");
	assert_int_equal(c->old_rec, 0);
	assert_int_equal(c->new_rec, 1);
	kll_mapdiff_free(d);
	kll_mapset_free(a);
	kll_mapset_free(b);
}

/* A propagatable slot that varies is compared record by record. */
static void
test_varying_slot(void **state)
{
	static const char *const rows[][3] = {
		{ "a:1", "skos:exactMatch", "b:1" },
		{ "a:2", "skos:exactMatch", "b:2" },
	};
	kll_mapset *a = build(rows, 2, "1"), *b = build(rows, 2, "1");
	kll_mapdiff *d = NULL;
	const kll_mchange *c;

	(void)state;
	assert_int_equal(
	    kll_mapset_set(b, 1, KLL_SLOT_SUBJECT_SOURCE_VERSION, "2", NULL),
	    KLL_OK);
	assert_int_equal(kll_mapdiff_new(&d, a, b, NULL), KLL_OK);
	assert_int_equal(kll_mapdiff_count(d), 1);
	c = kll_mapdiff_at(d, 0);
	assert_int_equal(c->kind, KLL_MCHANGE_SLOT);
	assert_string_equal(c->subject, "a:2");
	assert_string_equal(c->slot, "subject_source_version");
	kll_mapdiff_free(d);
	kll_mapset_free(a);
	kll_mapset_free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_free_null_and_names),
		cmocka_unit_test(test_same),
		cmocka_unit_test(test_fixtures),
		cmocka_unit_test(test_repeated_pairs),
		cmocka_unit_test(test_varying_slot),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
