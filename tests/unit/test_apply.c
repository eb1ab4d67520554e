/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test_apply.c: recoding a column of a table through a key
 * (lib/map_apply.c). */
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

#define MAP   "tests/data/map/"
#define VOCAB "tests/data/vocab/"

/* The report, as lines "code ntargets rows". */
struct rep {
	char text[4096];
	size_t n;
};

static void
on_report(
    void *payload, const char *code, size_t ntargets, unsigned long long rows)
{
	struct rep *r = payload;
	size_t len = strlen(r->text);

	snprintf(r->text + len, sizeof(r->text) - len, "%s %zu %llu\n", code,
	    ntargets, rows);
	r->n++;
}

static char *
temp_file(const char *text, char *path)
{
	FILE *fp;
	int fd;

	snprintf(path, 32, "/tmp/kll-apply-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
	return path;
}

static kll_mapset *
key_file(const char *path)
{
	kll_mapset *m = NULL;
	kll_error err;

	if (kll_mapset_read(&m, path, NULL, &err) != KLL_OK)
		fail_msg("%s:%u: %s", err.file, err.line, err.msg);
	return m;
}

static kll_mapset *
key_text(const char *text)
{
	char path[32];
	kll_mapset *m;

	m = key_file(temp_file(text, path));
	unlink(path);
	return m;
}

static kll_vocab *
vocab(const char *path)
{
	kll_vocab *v = NULL;
	kll_error err;

	if (kll_vocab_load(&v, path, NULL, &err) != KLL_OK)
		fail_msg("%s: %s", path, err.msg);
	return v;
}

/* Apply m to "data"; the output in *out (to free), the status back. */
static kll_status
run(const kll_mapset *m, const char *data, const kll_apply_opts *o, char **out,
    kll_apply_stats *st, kll_error *err)
{
	char path[32];
	size_t len = 0;
	kll_status s;
	FILE *fp;

	*out = NULL;
	fp = open_memstream(out, &len);
	assert_non_null(fp);
	temp_file(data, path);
	s = kll_mapset_apply(m, path, fp, "out", o, st, err);
	fclose(fp);
	unlink(path);
	return s;
}

/* Apply, expecting success and exactly "want". */
static void
expect_out(const kll_mapset *m, const char *data, const kll_apply_opts *o,
    const char *want, kll_apply_stats *st)
{
	kll_apply_stats dummy;
	kll_error err;
	char *out;

	if (run(m, data, o, &out, st ? st : &dummy, &err) != KLL_OK)
		fail_msg("%s:%u: %s", err.file, err.line, err.msg);
	assert_string_equal(out, want);
	free(out);
}

/* Apply, expecting an error of "code" at "line" whose message has
 * "msg". */
static void
expect_err(const kll_mapset *m, const char *data, const kll_apply_opts *o,
    kll_status code, unsigned line, const char *msg)
{
	kll_error err;
	char *out;

	assert_int_equal(run(m, data, o, &out, NULL, &err), code);
	free(out);
	assert_int_equal(err.code, code);
	assert_int_equal(err.line, line);
	if (line > 0)
		assert_non_null(strstr(err.file, "/tmp/kll-apply-"));
	if (strstr(err.msg, msg) == NULL)
		fail_msg("'%s' not in '%s'", msg, err.msg);
}

static const char data[] = "person,yrke,kommun\n"
                           "1,0110,Stockholm\n"
                           "2,110,\"Malmö, Västra Hamnen\"\n"
                           "3,2511,Göteborg\n"
                           "4,,Kiruna\n"
                           "5,9999,Luleå\n"
                           "6,\"2513\",Visby\n"
                           "7,9999,Ystad\n";

static void
test_apply_default(void **state)
{
	kll_apply_opts o = KLL_APPLY_OPTS_INIT;
	kll_mapset *m = key_file(MAP "occ_isc.sssom.tsv");
	kll_apply_stats st;
	struct rep r;

	(void)state;
	memset(&r, 0, sizeof(r));
	o.column = "yrke";
	o.report = on_report;
	o.payload = &r;
	expect_out(m, data, &o,
	    "person,yrke,kommun\n"
	    "1,0110,Stockholm\n"
	    "2,,\"Malmö, Västra Hamnen\"\n"
	    "3,2511,Göteborg\n"
	    "4,,Kiruna\n"
	    "5,,Luleå\n"
	    "6,2512,Visby\n"
	    "7,,Ystad\n",
	    &st);
	/* the defaults: the best target, an empty field for none */
	assert_int_equal(o.multi, KLL_MULTI_BEST);
	assert_int_equal(o.unmapped, KLL_UNMAPPED_EMPTY);
	assert_string_equal(r.text, "110 0 1\n2511 2 1\n9999 0 2\n");
	assert_true(st.rows == 7 && st.written == 7 && st.mapped == 2 &&
	            st.multi == 1 && st.unmapped == 3 && st.empty == 1 &&
	            st.unlisted == 0);
	/* the same by number, and without a report */
	o.column = "2";
	o.report = NULL;
	expect_out(m, "a,b\n1,0110\n", &o, "a,b\n1,0110\n", NULL);
	kll_mapset_free(m);
}

/* With the vocabularies: loose codes, notations as targets. */
static void
test_apply_vocab(void **state)
{
	kll_apply_opts o = KLL_APPLY_OPTS_INIT;
	kll_vocab *occ = vocab(VOCAB "occ.ttl"), *isc = vocab(VOCAB "isc.ttl");
	/* CURIEs whose local parts are not the notations */
	kll_mapset *m = key_text(
	    "#curie_map:\n"
	    "#  kll: https://kll.example.org/\n"
	    "#mapping_set_id: https://kll.example.org/k\n"
	    "#license: https://kll.example.org/l\n"
	    "subject_id\tpredicate_id\tobject_id\tmapping_justification\n"
	    "kll:occ/0110\tskos:exactMatch\tkll:isc/0110\t"
	    "semapv:ManualMappingCuration\n"
	    "kll:occ/2512\tskos:broadMatch\tkll:isc/2512\t"
	    "semapv:ManualMappingCuration\n"
	    "kll:occ/9\tskos:broadMatch\tkll:isc/9\t"
	    "semapv:ManualMappingCuration\n");
	kll_apply_stats st;

	(void)state;
	o.column = "1";
	o.no_header = 1;
	o.subject_vocab = occ;
	o.object_vocab = isc;
	o.unmapped = KLL_UNMAPPED_KEEP;
	expect_out(m, "0110\n110\n2512\n9\n", &o, "0110\n0110\n2512\n9\n", &st);
	assert_int_equal(st.mapped, 3);
	assert_int_equal(st.unmapped, 1);
	/* without them: the local parts, exactly */
	o.subject_vocab = NULL;
	o.object_vocab = NULL;
	expect_out(m, "occ/0110\n0110\n", &o, "isc/0110\n0110\n", &st);
	assert_int_equal(st.unmapped, 1);
	/* a subject vocabulary only */
	o.subject_vocab = occ;
	expect_out(m, "110\n", &o, "isc/0110\n", NULL);
	kll_mapset_free(m);
	kll_vocab_free(occ);
	kll_vocab_free(isc);
}

static void
test_apply_multi(void **state)
{
	kll_apply_opts o = KLL_APPLY_OPTS_INIT;
	kll_mapset *m = key_file(MAP "occ_isc.sssom.tsv");

	(void)state;
	o.column = "yrke";
	o.multi = KLL_MULTI_FIRST;
	expect_out(m, "yrke\n2511\n5321\n", &o, "yrke\n2511\n5321\n", NULL);
	o.multi = KLL_MULTI_ALL;
	expect_out(m, "yrke\n5321\n", &o, "yrke\n5321\n5322\n", NULL);
	o.multi = KLL_MULTI_FAIL;
	expect_out(m, "yrke\n0110\n", &o, "yrke\n0110\n", NULL);
	expect_err(m, "yrke,x\n0110,a\n\n2511,secret\n", &o, KLL_EINVALID, 4,
	    "code '2511' has 2 targets");
	kll_mapset_free(m);
}

/* --multi=best: the strongest predicate, then the highest confidence,
 * then the key's first record; a target named twice ranks as its best
 * record. */
static void
test_apply_best(void **state)
{
	kll_apply_opts o = KLL_APPLY_OPTS_INIT;
	kll_mapset *m = key_file(MAP "apply-best.sssom.tsv");
	kll_mapset *k = key_text("#curie_map:\n"
	                         "#  a: https://example.org/a/\n"
	                         "#mapping_set_id: https://example.org/k\n"
	                         "#license: https://example.org/l\n"
	                         "subject_id\tpredicate_id\tobject_id\t"
	                         "mapping_justification\tconfidence\n"
	                         "a:1\tskos:relatedMatch\ta:x\t"
	                         "semapv:ManualMappingCuration\t\n"
	                         "a:1\tskos:closeMatch\ta:y\t"
	                         "semapv:ManualMappingCuration\t0.3\n"
	                         "a:1\tskos:exactMatch\ta:x\t"
	                         "semapv:ManualMappingCuration\t0.2\n"
	                         "a:2\tskos:broadMatch\ta:y\t"
	                         "semapv:ManualMappingCuration\t0.2\n"
	                         "a:2\tskos:closeMatch\ta:x\t"
	                         "semapv:ManualMappingCuration\t1\n"
	                         "a:2\tskos:narrowMatch\ta:z\t"
	                         "semapv:ManualMappingCuration\t0.4\n");
	kll_apply_stats st;

	(void)state;
	assert_string_equal(kll_multi_name(KLL_MULTI_BEST), "best");
	assert_string_equal(kll_multi_name(KLL_MULTI_ALL), "all");
	assert_null(kll_multi_name((kll_multi)9));
	assert_string_equal(kll_unmapped_name(KLL_UNMAPPED_EMPTY), "empty");
	assert_string_equal(kll_unmapped_name(KLL_UNMAPPED_KEEP), "keep");
	assert_null(kll_unmapped_name((kll_unmapped)-1));
	o.column = "yrke";
	/* narrow beats related (byte order would take 2511); 0.9 beats
	 * 0.6; two related without a confidence: the first record */
	expect_out(
	    m, "yrke\n2512\n2511\n5321\n", &o, "yrke\n2512\n2511\n5322\n", &st);
	assert_true(st.rows == 3 && st.written == 3 && st.multi == 3);
	o.multi = KLL_MULTI_FIRST;
	expect_out(m, "yrke\n2512\n", &o, "yrke\n2511\n", NULL);
	/* exact x (0.2) beats close y (0.3): the predicate first */
	o.multi = KLL_MULTI_BEST;
	o.column = "1";
	o.no_header = 1;
	expect_out(k, "1\n2\n", &o, "x\nz\n", NULL);
	kll_mapset_free(m);
	kll_mapset_free(k);
}

static void
test_apply_unmapped(void **state)
{
	kll_apply_opts o = KLL_APPLY_OPTS_INIT;
	kll_mapset *m = key_file(MAP "occ_isc.sssom.tsv");
	kll_error err;
	char *out;

	(void)state;
	o.column = "yrke";
	o.unmapped = KLL_UNMAPPED_EMPTY;
	expect_out(
	    m, "yrke,x\n9999,a\n0110,b\n", &o, "yrke,x\n,a\n0110,b\n", NULL);
	o.unmapped = KLL_UNMAPPED_FAIL;
	expect_err(m, "x,yrke\nsecret,0110\nsecret,9999\n", &o, KLL_EINVALID, 3,
	    "code '9999' has no target");
	assert_int_equal(run(m, "x,yrke\nsecret,9999\n", &o, &out, NULL, &err),
	    KLL_EINVALID);
	assert_string_equal(err.rule, "apply-unmapped");
	free(out);
	/* keep copies the code into the target column */
	o.unmapped = KLL_UNMAPPED_KEEP;
	expect_out(m, "yrke\n9999\n", &o, "yrke\n9999\n", NULL);
	o.unmapped = KLL_UNMAPPED_FAIL;
	assert_int_equal(run(m, "x,yrke\nsecret,9999\n", &o, &out, NULL, &err),
	    KLL_EINVALID);
	assert_null(strstr(err.msg, "secret"));
	/* failing at the first record, nothing is written, not even the
	 * header; later, what came before the failing row stays */
	assert_string_equal(out, "");
	free(out);
	assert_int_equal(run(m, "x,yrke\ns,0110\nsecret,9999\n", &o, &out,
	                     NULL, &err),
	    KLL_EINVALID);
	assert_string_equal(out, "x,yrke\ns,0110\n");
	free(out);
	/* an empty code is no unmapped code */
	expect_out(m, "yrke\n\"\"\n", &o, "yrke\n\n", NULL);
	kll_mapset_free(m);
}

static void
test_apply_keep(void **state)
{
	kll_apply_opts o = KLL_APPLY_OPTS_INIT;
	kll_mapset *m = key_file(MAP "occ_isc.sssom.tsv");

	(void)state;
	o.column = "yrke";
	o.keep = 1;
	expect_out(m, "a,yrke,b\n1,2512,2\n", &o,
	    "a,yrke,yrke_to,b\n1,2512,2512,2\n", NULL);
	o.output_name = "isco";
	o.multi = KLL_MULTI_ALL;
	expect_out(m, "a,yrke,b\n1,2511,2\n", &o,
	    "a,yrke,isco,b\n1,2511,2511,2\n1,2511,2513,2\n", NULL);
	o.keep = 0;
	expect_out(m, "yrke\n9999\n", &o, "isco\n\n", NULL);
	o.no_header = 1;
	o.keep = 1;
	o.column = "1";
	expect_out(m, "0110\n\n", &o, "0110,0110\n\n", NULL);
	kll_mapset_free(m);
}

static void
test_apply_columns(void **state)
{
	kll_apply_opts o = KLL_APPLY_OPTS_INIT;
	kll_mapset *m = key_file(MAP "occ_isc.sssom.tsv");
	kll_error err;
	char *out;

	(void)state;
	o.column = "nope";
	expect_err(
	    m, "a,b\n", &o, KLL_ENOTFOUND, 1, "no column 'nope' in the header");
	o.column = "3";
	expect_err(
	    m, "a,b\n", &o, KLL_ENOTFOUND, 1, "no column 3: the header has 2");
	o.column = "0";
	expect_err(m, "a,b\n", &o, KLL_EARG, 0, "bad column number '0'");
	o.column = "";
	expect_err(m, "a,b\n", &o, KLL_EARG, 0, "no column");
	o.column = NULL;
	expect_err(m, "a,b\n", &o, KLL_EARG, 0, "no column");
	o.column = "b";
	o.no_header = 1;
	expect_err(m, "a,b\n", &o, KLL_EARG, 0, "needs a column number");
	/* a row too short: its line, and none of its fields */
	o.column = "b";
	o.no_header = 0;
	assert_int_equal(run(m, "a,b\n1,0110\n\"Anna\nAndersson\"\n3,0110\n",
	                     &o, &out, NULL, &err),
	    KLL_ESYNTAX);
	assert_int_equal(err.line, 3);
	assert_string_equal(err.msg, "the row has 1 field: no column 2");
	assert_string_equal(out, "a,b\n1,0110\n");
	free(out);
	kll_mapset_free(m);
}

/* Quotes only where needed, the separator kept, blank lines kept, CRLF
 * and a byte-order mark read. */
static void
test_apply_dialect(void **state)
{
	kll_apply_opts o = KLL_APPLY_OPTS_INIT;
	kll_mapset *m = key_file(MAP "occ_isc.sssom.tsv");

	(void)state;
	o.column = "yrke";
	expect_out(m,
	    "\xef\xbb\xbfnote,yrke\r\n"
	    "\"say \"\"hi\"\"\",\"0110\"\r\n"
	    "\r\n"
	    "\"two\nlines\",2512\r\n"
	    "\"a,b\",2512\r\n"
	    "a;b\t\"c\",2512\n",
	    &o,
	    "note,yrke\n"
	    "\"say \"\"hi\"\"\",0110\n"
	    "\n"
	    "\"two\nlines\",2512\n"
	    "\"a,b\",2512\n"
	    "\"a;b\t\"\"c\"\"\",2512\n",
	    NULL);
	expect_out(m, "note\tyrke\nx,y\t0110\n\"a\tb\"\t2512\n", &o,
	    "note\tyrke\nx,y\t0110\n\"a\tb\"\t2512\n", NULL);
	expect_out(
	    m, "note;yrke\nx,y;0110\n", &o, "note;yrke\nx,y;0110\n", NULL);
	o.sep = ',';
	o.column = "note;yrke";
	expect_out(m, "note;yrke\n0110\n", &o, "note;yrke\n0110\n", NULL);
	/* an empty table: nothing at all */
	expect_out(m, "", &o, "", NULL);
	kll_mapset_free(m);
}

static const char mixed_key[] =
    "#curie_map:\n"
    "#  a: https://example.org/a/\n"
    "#  b: https://example.org/b/\n"
    "#  x: https://example.org/x#\n"
    "#mapping_set_id: https://example.org/k\n"
    "#license: https://example.org/l\n"
    "subject_id\tpredicate_id\tpredicate_modifier\tobject_id\t"
    "mapping_justification\n"
    "a:1\tskos:exactMatch\t\tb:1\tsemapv:ManualMappingCuration\n"
    "a:1\tskos:narrowMatch\t\tb:2\tsemapv:ManualMappingCuration\n"
    "a:1\tskos:relatedMatch\t\tb:3\tsemapv:ManualMappingCuration\n"
    "a:1\tskos:exactMatch\tNot\tb:4\tsemapv:ManualMappingCuration\n"
    "a:1\tx:like\t\tb:5\tsemapv:ManualMappingCuration\n"
    "a:1\tskos:relatedMatch\t\tb:1\tsemapv:ManualMappingCuration\n"
    "a:2\tskos:exactMatch\t\tsssom:NoTermFound\t"
    "semapv:ManualMappingCuration\n";

static void
test_apply_predicates(void **state)
{
	kll_apply_opts o = KLL_APPLY_OPTS_INIT;
	kll_mapset *m = key_text(mixed_key);
	const char *p1[] = { "exact", "narrow" };
	const char *p2[] = { "skos:relatedMatch" };
	const char *p3[] = { "https://example.org/x#like", "x:none" };
	struct rep r;

	(void)state;
	memset(&r, 0, sizeof(r));
	o.column = "1";
	o.no_header = 1;
	o.report = on_report;
	o.payload = &r;
	o.multi = KLL_MULTI_ALL;
	o.unmapped = KLL_UNMAPPED_KEEP;
	/* Not and NoTermFound give no target; b:1 twice is one */
	expect_out(m, "1\n2\n", &o, "1\n2\n3\n5\n2\n", NULL);
	assert_string_equal(r.text, "1 4 1\n2 0 1\n");
	o.report = NULL;
	o.predicates = p1;
	o.npredicates = 2;
	expect_out(m, "1\n", &o, "1\n2\n", NULL);
	o.predicates = p2;
	o.npredicates = 1;
	expect_out(m, "1\n", &o, "1\n3\n", NULL);
	o.predicates = p3;
	o.npredicates = 2;
	expect_out(m, "1\n", &o, "5\n", NULL);
	kll_mapset_free(m);
}

/* The report names at most 1000 codes; memory does not grow with the
 * data. */
static void
test_apply_report_limit(void **state)
{
	kll_apply_opts o = KLL_APPLY_OPTS_INIT;
	kll_mapset *m = key_file(MAP "occ_isc.sssom.tsv");
	kll_apply_stats st;
	struct rep r;
	char *d, *out;
	size_t i, len = 0;
	kll_error err;
	FILE *fp = open_memstream(&d, &len);

	(void)state;
	memset(&r, 0, sizeof(r));
	fputs("c\n", fp);
	for (i = 0; i < 1005; i++)
		fprintf(fp, "x%04zu\n", i);
	fputs("x0000\nx1004\n", fp);
	fclose(fp);
	o.column = "c";
	o.report = on_report;
	o.payload = &r;
	assert_int_equal(run(m, d, &o, &out, &st, &err), KLL_OK);
	assert_int_equal(r.n, 1000);
	assert_true(strstr(r.text, "x0000 0 2\n") == r.text);
	assert_int_equal(st.unmapped, 1007);
	assert_int_equal(st.unlisted, 6);
	free(d);
	free(out);
	kll_mapset_free(m);
}

static void
test_apply_io(void **state)
{
	kll_apply_opts o = KLL_APPLY_OPTS_INIT;
	kll_mapset *m = key_file(MAP "occ_isc.sssom.tsv");
	kll_apply_stats st;
	kll_error err;
	char path[32];
	FILE *full;

	(void)state;
	o.column = "1";
	assert_int_equal(kll_mapset_apply(m, "/nonexistent/data.csv", stdout,
	                     "out", &o, &st, &err),
	    KLL_EIO);
	assert_string_equal(err.file, "/nonexistent/data.csv");
	assert_int_equal(st.rows, 0);
	full = fopen("/dev/full", "w");
	assert_non_null(full);
	temp_file("a\n0110\n", path);
	assert_int_equal(
	    kll_mapset_apply(m, path, full, "full.csv", &o, NULL, &err),
	    KLL_EIO);
	assert_string_equal(err.file, "full.csv");
	assert_non_null(strstr(err.msg, "write error"));
	fclose(full);
	unlink(path);
	/* a bad UTF-8 row */
	expect_err(m, "a\n0110\n\xff\n", &o, KLL_EENCODING, 3, "UTF-8");
	assert_int_equal(
	    kll_mapset_apply(NULL, "x", stdout, "out", &o, NULL, &err),
	    KLL_EARG);
	assert_int_equal(
	    kll_mapset_apply(m, "x", stdout, "out", NULL, NULL, NULL),
	    KLL_EARG);
	kll_mapset_free(m);
}

/* The warnings of a run, one line each. */
static void
on_diag(void *payload, const kll_error *d)
{
	struct rep *r = payload;
	size_t len = strlen(r->text);

	snprintf(r->text + len, sizeof(r->text) - len, "%u %s %s\n", d->line,
	    d->rule, d->msg);
	r->n++;
}

static void
test_apply_duplicate_columns(void **state)
{
	kll_apply_opts o = KLL_APPLY_OPTS_INIT;
	kll_mapset *m = key_file(MAP "occ_isc.sssom.tsv");
	kll_error err;
	char *out;

	(void)state;
	o.column = "yrke";
	o.keep = 1;
	o.output_name = "kommun";
	assert_int_equal(run(m, "yrke,kommun\n0110,a\n", &o, &out, NULL, &err),
	    KLL_EINVALID);
	assert_string_equal(err.rule, "apply-duplicate-column");
	assert_int_equal(err.line, 1);
	assert_string_equal(out, "");
	free(out);
	o.output_name = "yrke";
	assert_int_equal(run(m, "yrke,kommun\n0110,a\n", &o, &out, NULL, &err),
	    KLL_EINVALID);
	free(out);
	o.keep = 0;
	o.output_name = NULL;
	assert_int_equal(run(m, "yrke,a,yrke\n0110,a,b\n", &o, &out, NULL,
	                     &err),
	    KLL_EINVALID);
	assert_non_null(strstr(err.msg, "columns 1 and 3"));
	free(out);
	/* empty names are no names */
	expect_out(m, "yrke,,\n0110,,\n", &o, "yrke,,\n0110,,\n", NULL);
	kll_mapset_free(m);
}

static void
test_apply_bad_bytes(void **state)
{
	kll_apply_opts o = KLL_APPLY_OPTS_INIT;
	kll_mapset *m = key_file(MAP "occ_isc.sssom.tsv");
	kll_apply_stats st;
	struct rep r;
	kll_error err;
	char *out;

	(void)state;
	memset(&r, 0, sizeof(r));
	o.column = "yrke";
	o.diag = on_diag;
	o.diag_payload = &r;
	/* outside the column recoded a bad byte passes, with a warning */
	expect_out(m, "yrke,ort\n0110,Ume\xe5\n0110,\"a,\xf6\"\n", &o,
	    "yrke,ort\n0110,Ume\xe5\n0110,\"a,\xf6\"\n", &st);
	assert_int_equal(st.badbytes, 2);
	assert_string_equal(r.text,
	    "2 apply-bad-byte byte 0xe5 in column 2 is not valid UTF-8: "
	    "passed through unchanged\n"
	    "3 apply-bad-byte byte 0xf6 in column 2 is not valid UTF-8: "
	    "passed through unchanged\n");
	/* in the column recoded it is an error, at its column */
	assert_int_equal(run(m, "ort,yrke\nUme\xc3\xa5,01\xe5" "10\n", &o, &out,
	                     NULL, &err),
	    KLL_EENCODING);
	assert_string_equal(err.rule, "encoding-invalid");
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 8);
	assert_string_equal(out, "");
	free(out);
	/* decoded from the encoding given */
	o.encoding = "windows-1252";
	expect_out(m, "yrke,ort\n0110,Ume\xe5 \x96\n", &o,
	    "yrke,ort\n0110,Ume\xc3\xa5 \xe2\x80\x93\n", NULL);
	o.encoding = "no-such-encoding";
	assert_int_equal(run(m, "yrke\n0110\n", &o, &out, NULL, &err),
	    KLL_EARG);
	free(out);
	kll_mapset_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_apply_default),
		cmocka_unit_test(test_apply_vocab),
		cmocka_unit_test(test_apply_multi),
		cmocka_unit_test(test_apply_unmapped),
		cmocka_unit_test(test_apply_best),
		cmocka_unit_test(test_apply_keep),
		cmocka_unit_test(test_apply_columns),
		cmocka_unit_test(test_apply_dialect),
		cmocka_unit_test(test_apply_predicates),
		cmocka_unit_test(test_apply_report_limit),
		cmocka_unit_test(test_apply_io),
		cmocka_unit_test(test_apply_duplicate_columns),
		cmocka_unit_test(test_apply_bad_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
