/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test_learn.c: keys learnt from evidence, and audits (lib/map_learn.c). */
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
		ds->d[ds->n] = *d;
	ds->n++;
}

static kll_learn_opts
opts(diags *ds, const char *count_column)
{
	kll_learn_opts o = KLL_LEARN_OPTS_INIT;

	memset(ds, 0, sizeof(*ds));
	o.imp.subject_vocab = "occ";
	o.imp.object_vocab = "isc";
	o.imp.dirs = "tests/data/vocab";
	o.imp.diag = collect;
	o.imp.payload = ds;
	if (count_column != NULL) {
		o.count_column = count_column;
	} else {
		o.imp.subject_column = "occ";
		o.imp.object_column = "isc";
	}
	return o;
}

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
    const char *n)
{
	long i = find(m, s, o);

	assert_true(i >= 0);
	assert_string_equal(
	    kll_mapset_get(m, (size_t)i, KLL_SLOT_PREDICATE_ID), pred);
	assert_string_equal(
	    kll_mapset_get_extra(m, (size_t)i, "evidence_count"), n);
}

static void
test_rule(void **state)
{
	kll_learn_opts o = KLL_LEARN_OPTS_INIT;
	double c = -1;

	(void)state;
	/* Both shares at T = 0.9 exactly: exact, resting on the smaller. */
	assert_int_equal(kll_learn_rule(&c, 9, 10, 9, &o), KLL_PRED_EXACT);
	assert_true(c == 0.9);
	/* Just below on the subject side: the object is nearly all this
	 * subject's, the subject splits: the subject is broader. */
	assert_int_equal(kll_learn_rule(&c, 89, 100, 89, &o), KLL_PRED_NARROW);
	assert_true(c == 1.0);
	assert_int_equal(kll_learn_rule(&c, 20, 20, 25, &o), KLL_PRED_BROAD);
	assert_true(c == 1.0);
	assert_int_equal(kll_learn_rule(&c, 6, 10, 9, &o), KLL_PRED_CLOSE);
	assert_true(c == 0.6);
	assert_int_equal(kll_learn_rule(&c, 5, 10, 25, &o), KLL_PRED_RELATED);
	assert_true(c == 0.5);
	assert_int_equal(kll_learn_rule(NULL, 1, 9, 2, &o), KLL_PRED_RELATED);
	/* Other thresholds. */
	o.exact_share = 1.0;
	assert_int_equal(kll_learn_rule(&c, 9, 10, 9, &o), KLL_PRED_NARROW);
	assert_int_equal(kll_learn_rule(&c, 7, 7, 7, &o), KLL_PRED_EXACT);
	o.close_share = 0.7;
	assert_int_equal(kll_learn_rule(&c, 6, 10, 9, &o), KLL_PRED_RELATED);
	assert_true(c > 0.66 && c < 0.67);
}

/* One row per thing: the default minimum of 3 drops the pair seen once. */
static void
test_rows(void **state)
{
	diags ds;
	kll_learn_opts o = opts(&ds, NULL);
	kll_learn_stats st;
	kll_mapset *m = NULL;
	kll_error err;

	(void)state;
	assert_int_equal(
	    kll_mapset_learn(&m, &st, MAP "learn-titles.csv", &o, &err),
	    KLL_OK);
	assert_int_equal(ds.n, 0);
	assert_int_equal(st.rows, 64);
	assert_int_equal(st.skipped, 1);
	assert_int_equal(st.total, 63);
	assert_int_equal(st.pairs, 9);
	assert_int_equal(st.dropped, 1);
	assert_int_equal(st.written, 8);
	assert_int_equal(kll_mapset_count(m), 8);
	assert_int_equal(find(m, "occ:2511", "isc:2513"), -1);
	expect(m, "occ:0110", "isc:0110", "skos:exactMatch", "10");
	expect(m, "occ:2511", "isc:2511", "skos:exactMatch", "9");
	expect(m, "occ:2512", "isc:2514", "skos:narrowMatch", "5");
	expect(m, "occ:2512", "isc:2512", "skos:relatedMatch", "5");
	expect(m, "occ:2513", "isc:2512", "skos:broadMatch", "20");
	expect(m, "occ:5321", "isc:5321", "skos:closeMatch", "6");
	expect(m, "occ:5321", "isc:5322", "skos:narrowMatch", "4");
	expect(m, "occ:5322", "isc:5321", "skos:broadMatch", "3");
	assert_string_equal(
	    kll_mapset_get(m, (size_t)find(m, "occ:5321", "isc:5321"),
	        KLL_SLOT_CONFIDENCE),
	    "0.6");
	assert_string_equal(
	    kll_mapset_get_extra(
	        m, (size_t)find(m, "occ:2513", "isc:2512"), "object_evidence"),
	    "25");
	assert_string_equal(
	    kll_mapset_get(m, 0, KLL_SLOT_MAPPING_JUSTIFICATION),
	    "semapv:InstanceBasedMatching");
	assert_string_equal(kll_mapset_meta(m, "mapping_tool"), "kll");
	assert_string_equal(
	    kll_mapset_meta(m, "mapping_tool_version"), KLL_VERSION);
	kll_mapset_free(m);
}

static char *
write_key(const kll_mapset *m)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	assert_int_equal(kll_mapset_write(m, fp, NULL), KLL_OK);
	fclose(fp);
	return buf;
}

/* A cross-table with the same counts gives the same key. */
static void
test_cross_table(void **state)
{
	diags ds;
	kll_learn_opts o = opts(&ds, NULL), oc = opts(&ds, "n");
	kll_learn_stats st;
	kll_mapset *a = NULL, *b = NULL;
	char *ta, *tb;

	(void)state;
	assert_int_equal(
	    kll_mapset_learn(&a, NULL, MAP "learn-titles.csv", &o, NULL),
	    KLL_OK);
	assert_int_equal(
	    kll_mapset_learn(&b, &st, MAP "learn-counts.tsv", &oc, NULL),
	    KLL_OK);
	assert_int_equal(st.rows, 10);
	assert_int_equal(st.skipped, 1); /* the count of 0 */
	assert_int_equal(st.total, 63);
	ta = write_key(a);
	tb = write_key(b);
	assert_string_equal(ta, tb);
	free(ta);
	free(tb);
	kll_mapset_free(a);
	kll_mapset_free(b);
}

static void
test_min_count(void **state)
{
	diags ds;
	kll_learn_opts o = opts(&ds, "n");
	kll_learn_stats st;
	kll_mapset *m = NULL;

	(void)state;
	o.min_count = 1;
	assert_int_equal(
	    kll_mapset_learn(&m, &st, MAP "learn-counts.tsv", &o, NULL),
	    KLL_OK);
	assert_int_equal(st.dropped, 0);
	assert_int_equal(kll_mapset_count(m), 9);
	/* Seen once, all of its object's evidence: narrow. */
	expect(m, "occ:2511", "isc:2513", "skos:narrowMatch", "1");
	kll_mapset_free(m);
	o.min_count = 6;
	assert_int_equal(
	    kll_mapset_learn(&m, &st, MAP "learn-counts.tsv", &o, NULL),
	    KLL_OK);
	assert_int_equal(st.dropped, 5);
	assert_int_equal(kll_mapset_count(m), 4);
	/* The totals still count the dropped pairs: 2512-2512 is gone, yet
	 * 2513's pair has 20 of its object's 25. */
	expect(m, "occ:2513", "isc:2512", "skos:broadMatch", "20");
	kll_mapset_free(m);
	o.min_count = 21;
	assert_int_equal(
	    kll_mapset_learn(&m, &st, MAP "learn-counts.tsv", &o, NULL),
	    KLL_EINVALID);
	assert_null(m);
}

/* Many rows, few pairs: counted as they stream past. */
static void
test_streaming(void **state)
{
	diags ds;
	kll_learn_opts o = opts(&ds, NULL);
	kll_learn_stats st;
	kll_mapset *m = NULL;
	char path[] = "/tmp/test_learn_XXXXXX";
	int fd = mkstemp(path);
	FILE *fp;
	long i;

	(void)state;
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	fputs("occ,isc\n", fp);
	for (i = 0; i < 200000; i++)
		fputs(i % 4 == 0 ? "5321,5322\n" :
		      i % 4 == 1 ? "5322,5321\n" :
		                   "2512,2512\n",
		    fp);
	fclose(fp);
	assert_int_equal(kll_mapset_learn(&m, &st, path, &o, NULL), KLL_OK);
	unlink(path);
	assert_int_equal(st.rows, 200000);
	assert_int_equal(st.pairs, 3);
	expect(m, "occ:2512", "isc:2512", "skos:exactMatch", "100000");
	expect(m, "occ:5321", "isc:5322", "skos:exactMatch", "50000");
	kll_mapset_free(m);
}

/* Exactly the pairs of a key table. */
static void
test_pairs(void **state)
{
	diags ds;
	kll_learn_opts o = opts(&ds, NULL);
	kll_learn_stats st;
	kll_mapset *m = NULL;
	long i;

	(void)state;
	o.pairs = MAP "import-occ-isc.csv";
	o.author_label = "SCB";
	assert_int_equal(
	    kll_mapset_learn(&m, &st, MAP "learn-titles.csv", &o, NULL),
	    KLL_OK);
	assert_int_equal(kll_mapset_count(m), 8);
	assert_int_equal(st.thin, 1);
	assert_int_equal(st.unkeyed, 1);
	assert_int_equal(find(m, "occ:2512", "isc:2514"), -1);
	i = find(m, "occ:2511", "isc:2513");
	assert_true(i >= 0);
	assert_string_equal(kll_mapset_get(m, (size_t)i, KLL_SLOT_PREDICATE_ID),
	    "skos:narrowMatch");
	assert_string_equal(
	    kll_mapset_get(m, (size_t)i, KLL_SLOT_MAPPING_JUSTIFICATION),
	    "semapv:ManualMappingCuration");
	assert_null(kll_mapset_get(m, (size_t)i, KLL_SLOT_CONFIDENCE));
	assert_null(kll_mapset_get_extra(m, (size_t)i, "evidence_count"));
	assert_non_null(kll_mapset_get(m, (size_t)i, KLL_SLOT_COMMENT));
	assert_string_equal(
	    kll_mapset_get(m, (size_t)i, KLL_SLOT_AUTHOR_LABEL), "SCB");
	/* The cardinality is the table's. */
	assert_string_equal(
	    kll_mapset_get(m, (size_t)find(m, "occ:2511", "isc:2511"),
	        KLL_SLOT_MAPPING_CARDINALITY),
	    "1:n");
	kll_mapset_free(m);
}

static void
test_audit(void **state)
{
	diags ds;
	kll_learn_opts o = opts(&ds, NULL);
	kll_learn_stats st;
	kll_mapset *key = NULL;
	size_t nf = 99;

	(void)state;
	o.imp.subject_vocab = o.imp.object_vocab = NULL; /* from the key */
	assert_int_equal(
	    kll_mapset_read(&key, MAP "occ_isc.sssom.tsv", NULL, NULL), KLL_OK);
	assert_int_equal(
	    kll_mapset_audit(&nf, &st, key, MAP "learn-titles.csv", &o, NULL),
	    KLL_OK);
	assert_int_equal(nf, 3);
	assert_int_equal(ds.n, 3);
	assert_string_equal(ds.d[0].rule, "learn-no-evidence");
	assert_int_equal(ds.d[0].line, 12);
	assert_string_equal(ds.d[1].rule, "learn-contradicted");
	assert_int_equal(ds.d[1].line, 13);
	assert_non_null(strstr(ds.d[1].msg, "skos:relatedMatch"));
	assert_string_equal(ds.d[2].rule, "learn-not-in-key");
	assert_string_equal(ds.d[2].file, MAP "learn-titles.csv");
	assert_int_equal(ds.d[2].line, 26);
	assert_int_equal(ds.d[2].severity, KLL_SEV_ERROR);
	assert_int_equal(st.unkeyed, 1);
	/* With a minimum of 1 the pair seen once is evidence. */
	memset(&ds, 0, sizeof(ds));
	o.min_count = 1;
	assert_int_equal(
	    kll_mapset_audit(&nf, NULL, key, MAP "learn-titles.csv", &o, NULL),
	    KLL_OK);
	assert_int_equal(nf, 2);
	kll_mapset_free(key);
}

/* A learnt key bears out its own evidence. */
static void
test_audit_clean(void **state)
{
	diags ds;
	kll_learn_opts o = opts(&ds, "n");
	kll_mapset *m = NULL;
	size_t nf = 99;

	(void)state;
	assert_int_equal(
	    kll_mapset_learn(&m, NULL, MAP "learn-counts.tsv", &o, NULL),
	    KLL_OK);
	assert_int_equal(
	    kll_mapset_audit(&nf, NULL, m, MAP "learn-counts.tsv", &o, NULL),
	    KLL_OK);
	assert_int_equal(nf, 0);
	kll_mapset_free(m);
}

static void
test_errors(void **state)
{
	diags ds;
	kll_learn_opts o = opts(&ds, "n");
	kll_mapset *m = (kll_mapset *)&o;
	kll_error err;
	size_t i;

	(void)state;
	assert_int_equal(
	    kll_mapset_learn(&m, NULL, MAP "learn-bad.csv", &o, &err),
	    KLL_EINVALID);
	assert_null(m);
	assert_int_equal(ds.n, 4);
	for (i = 0; i < 4; i++)
		assert_int_equal(ds.d[i].line, i + 2);
	assert_string_equal(ds.d[0].rule, "map-unknown-object");
	assert_string_equal(ds.d[1].rule, "map-unknown-subject");
	assert_string_equal(ds.d[2].rule, "learn-bad-count");
	assert_string_equal(ds.d[3].rule, "map-columns");
	/* No other field of a row in a message. */
	for (i = 0; i < 4; i++)
		assert_null(strstr(ds.d[i].msg, "Andersson"));
	o.exact_share = 0.5;
	assert_int_equal(
	    kll_mapset_learn(&m, NULL, MAP "learn-counts.tsv", &o, &err),
	    KLL_EARG);
	o.exact_share = 0.9;
	o.close_share = 0;
	assert_int_equal(
	    kll_mapset_learn(&m, NULL, MAP "learn-counts.tsv", &o, &err),
	    KLL_EARG);
	o.close_share = 0.5;
	assert_int_equal(
	    kll_mapset_learn(&m, NULL, MAP "no-such.csv", &o, &err), KLL_EIO);
	assert_string_equal(err.file, MAP "no-such.csv");
	o.count_column = "count";
	assert_int_equal(
	    kll_mapset_learn(&m, NULL, MAP "learn-counts.tsv", &o, &err),
	    KLL_EARG);
	assert_int_equal(err.line, 1);
	assert_null(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rule),
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_cross_table),
		cmocka_unit_test(test_min_count),
		cmocka_unit_test(test_streaming),
		cmocka_unit_test(test_pairs),
		cmocka_unit_test(test_audit),
		cmocka_unit_test(test_audit_clean),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
