/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test_map_import.c: key tables to mapping sets (lib/map_import.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "kll.h"

#define MAP "tests/data/map/"

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

static kll_mapimport_opts
opts(diags *ds)
{
	kll_mapimport_opts o = KLL_MAPIMPORT_OPTS_INIT;

	memset(ds, 0, sizeof(*ds));
	o.subject_vocab = "occ";
	o.object_vocab = "isc";
	o.dirs = "tests/data/vocab";
	o.diag = collect;
	o.payload = ds;
	return o;
}

/* The record with this subject and object, or -1. */
static long
find(const kll_mapset *m, const char *s, const char *o)
{
	size_t i;

	for (i = 0; i < kll_mapset_count(m); i++)
		if (strcmp(kll_mapset_get(m, i, KLL_SLOT_SUBJECT_ID), s) == 0 &&
		    strcmp(kll_mapset_get(m, i, KLL_SLOT_OBJECT_ID), o) == 0)
			return (long)i;
	return -1;
}

static void
expect(const kll_mapset *m, const char *s, const char *o, const char *pred,
    const char *card)
{
	long i = find(m, s, o);

	assert_true(i >= 0);
	assert_string_equal(
	    kll_mapset_get(m, (size_t)i, KLL_SLOT_PREDICATE_ID), pred);
	assert_string_equal(
	    kll_mapset_get(m, (size_t)i, KLL_SLOT_MAPPING_CARDINALITY), card);
}

/* Without relations, the shape of the key decides. */
static void
test_shape(void **state)
{
	diags ds;
	kll_mapimport_opts o = opts(&ds);
	kll_mapset *m = NULL;
	kll_error err;

	(void)state;
	assert_int_equal(
	    kll_mapset_import(&m, MAP "import-occ-isc.csv", &o, &err), KLL_OK);
	assert_int_equal(ds.n, 0);
	assert_int_equal(kll_mapset_count(m), 9);
	/* "110" is how a spreadsheet writes 0110. */
	expect(m, "occ:0110", "isc:0110", "skos:exactMatch", "1:1");
	expect(m, "occ:2511", "isc:2511", "skos:narrowMatch", "1:n");
	expect(m, "occ:2512", "isc:2512", "skos:broadMatch", "n:1");
	expect(m, "occ:5321", "isc:5321", "skos:relatedMatch", "n:n");
	expect(m, "occ:2", "sssom:NoTermFound", "skos:exactMatch", "1:0");
	assert_string_equal(
	    kll_mapset_get(m, (size_t)find(m, "occ:2512", "isc:2512"),
	        KLL_SLOT_SUBJECT_LABEL),
	    "Mjukvaru- och systemutvecklare m.fl.");
	assert_string_equal(kll_mapset_meta(m, "subject_source"), "kll:occ");
	assert_string_equal(kll_mapset_meta(m, "object_source"), "kll:isc");
	assert_string_equal(kll_mapset_meta(m, "mapping_set_id"),
	    "https://kll.example.org/mappings/occ_isc");
	assert_string_equal(
	    kll_mapset_prefix(m, "occ"), "https://kll.example.org/occ/");
	kll_mapset_free(m);
}

static void
test_relations(void **state)
{
	diags ds;
	kll_mapimport_opts o = opts(&ds);
	kll_mapset *m = NULL;
	kll_error err;

	(void)state;
	o.predicate_column = "relation";
	o.comment_column = "note";
	o.license = "https://creativecommons.org/publicdomain/zero/1.0/";
	assert_int_equal(
	    kll_mapset_import(&m, MAP "import-relations.tsv", &o, &err),
	    KLL_OK);
	expect(m, "occ:0110", "isc:0110", "skos:exactMatch", "1:1");
	expect(m, "occ:2512", "isc:2512", "skos:broadMatch", "n:1");
	expect(m, "occ:2513", "isc:2512", "skos:broadMatch", "n:1");
	expect(m, "occ:2511", "isc:2511", "skos:closeMatch", "1:1");
	assert_string_equal(
	    kll_mapset_get(
	        m, (size_t)find(m, "occ:0110", "isc:0110"), KLL_SLOT_COMMENT),
	    "one to one");
	assert_string_equal(kll_mapset_meta(m, "license"),
	    "https://creativecommons.org/publicdomain/zero/1.0/");
	kll_mapset_free(m);
}

static void
test_problems(void **state)
{
	diags ds;
	kll_mapimport_opts o = opts(&ds);
	kll_mapset *m = (kll_mapset *)1;
	kll_error err;

	(void)state;
	o.predicate_column = "relation";
	assert_int_equal(kll_mapset_import(&m, MAP "import-bad.csv", &o, &err),
	    KLL_EINVALID);
	assert_null(m);
	assert_int_equal(ds.n, 5);
	assert_string_equal(ds.d[0].file, MAP "import-bad.csv");
	assert_int_equal(ds.d[0].line, 2);
	assert_string_equal(ds.d[0].rule, "map-unknown-object");
	assert_string_equal(ds.d[0].msg, "unknown code '9999' in isc");
	assert_int_equal(ds.d[1].line, 3);
	assert_string_equal(ds.d[1].rule, "map-unknown-subject");
	assert_int_equal(ds.d[2].line, 4);
	assert_string_equal(ds.d[2].rule, "map-bad-predicate");
	assert_int_equal(ds.d[3].line, 6);
	assert_string_equal(ds.d[3].rule, "map-columns");
	assert_int_equal(ds.d[4].line, 5);
	assert_string_equal(ds.d[4].rule, "map-duplicate-row");
	assert_string_equal(ds.d[4].msg, "the pair is already on line 4");
}

static void
test_bad_arguments(void **state)
{
	diags ds;
	kll_mapimport_opts o = opts(&ds);
	kll_mapset *m = NULL;
	kll_error err;

	(void)state;
	o.subject_column = "nope";
	assert_int_equal(
	    kll_mapset_import(&m, MAP "import-occ-isc.csv", &o, &err),
	    KLL_EARG);
	assert_string_equal(err.msg, "no column 'nope' in the header");
	o = opts(&ds);
	o.object_vocab = "missing";
	assert_int_equal(
	    kll_mapset_import(&m, MAP "import-occ-isc.csv", &o, &err),
	    KLL_ENOTFOUND);
	o = opts(&ds);
	o.object_vocab = NULL;
	assert_int_equal(
	    kll_mapset_import(&m, MAP "import-occ-isc.csv", &o, &err),
	    KLL_EARG);
	o = opts(&ds);
	assert_int_equal(
	    kll_mapset_import(&m, "tests/data/csv/cp1252.csv", &o, &err),
	    KLL_EENCODING);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shape),
		cmocka_unit_test(test_relations),
		cmocka_unit_test(test_problems),
		cmocka_unit_test(test_bad_arguments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
