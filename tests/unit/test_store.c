/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test_store.c: a SQLite store in a temporary folder: load, sync, list,
 * drop, queries in the three results formats, bad stores, and
 * vocabularies and keys read from the store first (lib/store.c,
 * lib/store_query.c, lib/store_sqlite.c, lib/store_find.c). */
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

#define OCC "tests/data/vocab/occ.ttl"
#define KEY "tests/data/map/occ_isc.sssom.tsv"

static char dir[64];
static char db[128];

/* A tiny vocabulary whose labels need escaping in every format. */
static const char tricky[] =
    "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
    "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
    "<https://kll.example.org/t> a skos:ConceptScheme ;\n"
    "    dcterms:identifier \"t\" .\n"
    "<https://kll.example.org/t/1> a skos:Concept ;\n"
    "    skos:inScheme <https://kll.example.org/t> ;\n"
    "    skos:notation \"1\" ;\n"
    "    skos:prefLabel \"a,b \\\"c\\\"\\td\\ne\"@en .\n";

static int
setup(void **state)
{
	FILE *fp;
	char path[160];

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/kll-test-store.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(db, sizeof(db), "%s/kll.db", dir);
	snprintf(path, sizeof(path), "%s/t.ttl", dir);
	if ((fp = fopen(path, "w")) == NULL)
		return -1;
	fputs(tricky, fp);
	fclose(fp);
	unsetenv("KLL_STORE");
	unsetenv("KLL_STORE_OPTIONS");
	return 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static kll_store *
open_db(int create)
{
	kll_store_opts o = KLL_STORE_OPTS_INIT;
	kll_store *s = NULL;
	kll_error err;

	o.name = db;
	o.create = create;
	assert_int_equal(kll_store_open(&s, &o, &err), KLL_OK);
	return s;
}

static void
test_free_null(void **state)
{
	(void)state;
	kll_store_free(NULL);
	assert_string_equal(
	    kll_store_change_name(KLL_STORE_UNCHANGED), "unchanged");
	assert_null(kll_store_change_name((kll_store_change)9));
}

static void
test_missing(void **state)
{
	kll_store_opts o = KLL_STORE_OPTS_INIT;
	kll_store *s = (kll_store *)1;
	kll_error err;
	char path[160];

	(void)state;
	snprintf(path, sizeof(path), "%s/none.db", dir);
	o.name = path;
	assert_int_equal(kll_store_open(&s, &o, &err), KLL_ENOTFOUND);
	assert_null(s);
	assert_string_equal(err.msg, "no such store");
	assert_int_equal(access(path, F_OK), -1);
	/* No name and no KLL_STORE. */
	o.name = NULL;
	assert_int_equal(kll_store_open(&s, &o, &err), KLL_EARG);
	setenv("KLL_STORE", "sqlite", 1);
	assert_int_equal(kll_store_open(&s, &o, &err), KLL_EARG);
	unsetenv("KLL_STORE");
}

static void
test_something_else(void **state)
{
	kll_store_opts o = KLL_STORE_OPTS_INIT;
	kll_store *s = NULL;
	kll_error err;
	char path[160];
	FILE *fp;

	(void)state;
	snprintf(path, sizeof(path), "%s/other.db", dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("not a database at all, but a few bytes of text\n", fp);
	fclose(fp);
	o.name = path;
	o.create = 1;
	assert_int_not_equal(kll_store_open(&s, &o, &err), KLL_OK);
	assert_null(s);
	assert_non_null(strstr(err.file, "other.db"));
	assert_non_null(strstr(err.msg, "holds something else"));
}

static void
test_load_list_sync_drop(void **state)
{
	kll_store *s;
	kll_error err;
	kll_store_graph g;
	kll_store_change c;
	size_t old, n;

	(void)state;
	s = open_db(1);
	assert_int_equal(kll_store_load(s, OCC, 0, &c, &g, &old, &err), KLL_OK);
	assert_int_equal(c, KLL_STORE_ADDED);
	assert_string_equal(g.name, "occ");
	assert_string_equal(g.kind, "vocab");
	assert_string_equal(g.context, "urn:kll:graph:occ");
	assert_string_equal(g.about, "https://kll.example.org/occ");
	assert_int_equal(strlen(g.digest), 40);
	assert_true(g.triples > 50);
	assert_int_equal(old, 0);
	n = g.triples;
	assert_int_equal(kll_store_load(s, KEY, 0, &c, &g, &old, &err), KLL_OK);
	assert_string_equal(g.name, "occ_isc");
	assert_string_equal(g.kind, "key");
	/* sync: the same bytes change nothing; load replaces. */
	assert_int_equal(kll_store_load(s, OCC, 1, &c, &g, &old, &err), KLL_OK);
	assert_int_equal(c, KLL_STORE_UNCHANGED);
	assert_int_equal(kll_store_load(s, OCC, 0, &c, &g, &old, &err), KLL_OK);
	assert_int_equal(c, KLL_STORE_REPLACED);
	assert_int_equal(old, n);
	assert_int_equal(g.triples, n);
	assert_int_equal(kll_store_list(s, &n, &err), KLL_OK);
	assert_int_equal(n, 2);
	assert_string_equal(kll_store_graph_at(s, 0)->name, "occ");
	assert_string_equal(kll_store_graph_at(s, 1)->name, "occ_isc");
	assert_null(kll_store_graph_at(s, 2));
	kll_store_free(s);

	/* Another process (here: handle) sees the same. */
	s = open_db(0);
	assert_int_equal(kll_store_drop(s, "occ_isc", &g, &err), KLL_OK);
	assert_string_equal(g.kind, "key");
	assert_int_equal(kll_store_drop(s, "occ_isc", &g, &err), KLL_ENOTFOUND);
	assert_int_equal(kll_store_list(s, &n, &err), KLL_OK);
	assert_int_equal(n, 1);
	kll_store_free(s);
}

static void
test_bad_file(void **state)
{
	kll_store *s;
	kll_error err;
	size_t n;

	(void)state;
	s = open_db(1);
	assert_int_equal(kll_store_list(s, &n, &err), KLL_OK);
	assert_int_not_equal(
	    kll_store_load(s, "tests/data/none.ttl", 0, NULL, NULL, NULL, &err),
	    KLL_OK);
	assert_int_equal(err.code, KLL_EIO);
	assert_int_equal(kll_store_list(s, &n, &err), KLL_OK);
	assert_int_equal(n, 1);
	kll_store_free(s);
}

/* The query's results in "fmt", in a string the caller frees. */
static char *
query(kll_store *s, const char *q, kll_results_format fmt, kll_status *st)
{
	char *buf = NULL;
	size_t len = 0, rows;
	kll_error err;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	*st = kll_store_query(s, q, fmt, fp, "<mem>", &rows, &err);
	fclose(fp);
	return buf;
}

static void
test_formats(void **state)
{
	kll_store *s;
	kll_error err;
	kll_status st;
	char path[160], *out;
	const char *q =
	    "SELECT ?c ?l WHERE { GRAPH <urn:kll:graph:t> { ?c "
	    "<http://www.w3.org/2004/02/skos/core#prefLabel> ?l } }";

	(void)state;
	snprintf(path, sizeof(path), "%s/t.ttl", dir);
	s = open_db(1);
	assert_int_equal(
	    kll_store_load(s, path, 0, NULL, NULL, NULL, &err), KLL_OK);
	out = query(s, q, KLL_RESULTS_TSV, &st);
	assert_int_equal(st, KLL_OK);
	assert_string_equal(out, "?c\t?l\n<https://kll.example.org/t/1>\t"
	                         "\"a,b \\\"c\\\"\\td\\ne\"@en\n");
	free(out);
	out = query(s, q, KLL_RESULTS_CSV, &st);
	assert_string_equal(out, "c,l\r\nhttps://kll.example.org/t/1,"
	                         "\"a,b \"\"c\"\"\td\ne\"\r\n");
	free(out);
	out = query(s, q, KLL_RESULTS_JSON, &st);
	assert_non_null(
	    strstr(out, "\"head\": { \"vars\": [ \"c\", \"l\" ] }"));
	assert_non_null(strstr(out, "{ \"type\": \"literal\", \"value\": "
	                            "\"a,b \\\"c\\\"\\td\\ne\", \"xml:lang\": "
	                            "\"en\" }"));
	free(out);
	out = query(s, "ASK { ?s ?p ?o }", KLL_RESULTS_JSON, &st);
	assert_string_equal(out, "{ \"head\": {}, \"boolean\": true }\n");
	free(out);
	out = query(s,
	    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:kll:graph:t> "
	    "{ ?s ?p ?o } }",
	    KLL_RESULTS_TSV, &st);
	assert_string_equal(out, "?n\n6\n");
	free(out);
	out = query(s, "SELEKT nothing", KLL_RESULTS_TSV, &st);
	assert_int_equal(st, KLL_ESYNTAX);
	free(out);
	kll_store_free(s);
}

static void
test_files(void **state)
{
	const char *paths[] = { OCC, KEY };
	kll_store *s = NULL;
	kll_error err;
	kll_status st;
	char *out;

	(void)state;
	assert_int_equal(
	    kll_store_open_files(&s, (const char *const *)paths, 2, &err),
	    KLL_OK);
	assert_string_equal(kll_store_name(s), "memory:files");
	out = query(s, "SELECT ?g WHERE { GRAPH ?g { } } ORDER BY ?g",
	    KLL_RESULTS_CSV, &st);
	assert_int_equal(st, KLL_OK);
	free(out);
	out = query(s,
	    "SELECT (COUNT(*) AS ?n) WHERE { ?a "
	    "<http://www.w3.org/2002/07/owl#annotatedSource> ?s }",
	    KLL_RESULTS_CSV, &st);
	assert_int_equal(st, KLL_OK);
	assert_true(atoi(out + 3) > 0);
	free(out);
	kll_store_free(s);
	s = (kll_store *)1;
	paths[0] = "tests/data/none.sssom.tsv";
	assert_int_equal(
	    kll_store_open_files(&s, (const char *const *)paths, 1, &err),
	    KLL_EIO);
	assert_null(s);
}

static void
count_diag(void *payload, const kll_error *d)
{
	(void)d;
	++*(size_t *)payload;
}

static void
test_store_first(void **state)
{
	kll_sssom_opts so = KLL_SSSOM_OPTS_INIT;
	const kll_vocab *cv, *cv2;
	kll_vocab_cache *vc;
	kll_vocab *v, *f;
	kll_mapset *m, *fm;
	kll_store *s, *cur;
	kll_error err;
	char name[200];
	size_t ndiag = 0;

	(void)state;
	s = open_db(1);
	assert_int_equal(kll_store_load(s, OCC, 0, NULL, NULL, NULL, &err),
	    KLL_OK);
	assert_int_equal(kll_store_load(s, KEY, 0, NULL, NULL, NULL, &err),
	    KLL_OK);
	snprintf(name, sizeof(name), "sqlite:%s#urn:kll:graph:occ", db);

	/* No store in use: none. */
	assert_int_equal(kll_store_current(&cur, &err), KLL_OK);
	assert_null(cur);
	kll_store_use(s);
	assert_int_equal(kll_store_current(&cur, &err), KLL_OK);
	assert_ptr_equal(cur, s);

	/* By id and by scheme IRI, named after the graph, the same as
	 * the file. */
	assert_int_equal(kll_vocab_open(&v, "occ", "/nonexistent", NULL, &err),
	    KLL_OK);
	assert_string_equal(kll_vocab_path(v), name);
	assert_int_equal(kll_vocab_load(&f, OCC, NULL, &err), KLL_OK);
	assert_int_equal(kll_vocab_count(v), kll_vocab_count(f));
	assert_string_equal(kll_vocab_id(v), kll_vocab_id(f));
	kll_vocab_free(v);
	kll_vocab_free(f);
	assert_int_equal(kll_vocab_open(&v, "https://kll.example.org/occ",
	                     "/nonexistent", NULL, &err),
	    KLL_OK);
	kll_vocab_free(v);
	/* A name the store lacks goes on to the files. */
	assert_int_equal(
	    kll_vocab_open(&v, "isc", "/nonexistent", NULL, &err),
	    KLL_ENOTFOUND);
	assert_int_equal(kll_store_vocab(&v, s, "occ_isc", NULL, &err),
	    KLL_ENOTFOUND);

	/* The cache shares one vocabulary between its id and its IRI. */
	assert_int_equal(kll_vocab_cache_new(&vc, "/nonexistent", NULL, &err),
	    KLL_OK);
	assert_int_equal(kll_vocab_cache_open(&cv, vc, "occ", &err), KLL_OK);
	assert_int_equal(kll_vocab_cache_open(&cv2, vc,
	                     "https://kll.example.org/occ", &err),
	    KLL_OK);
	assert_ptr_equal(cv, cv2);
	kll_vocab_cache_free(vc);

	/* A key by graph name, its findings named after the graph; a
	 * path stays a file. */
	so.diag = count_diag;
	so.payload = &ndiag;
	assert_int_equal(kll_mapset_open(&m, "occ_isc", &so, &err), KLL_OK);
	snprintf(name, sizeof(name), "sqlite:%s#urn:kll:graph:occ_isc", db);
	assert_string_equal(kll_mapset_path(m), name);
	assert_int_equal(kll_mapset_read(&fm, KEY, NULL, &err), KLL_OK);
	assert_int_equal(kll_mapset_count(m), kll_mapset_count(fm));
	kll_mapset_free(m);
	assert_int_equal(kll_mapset_open(&m, KEY, NULL, &err), KLL_OK);
	assert_string_equal(kll_mapset_path(m), kll_mapset_path(fm));
	kll_mapset_free(m);
	kll_mapset_free(fm);
	assert_int_equal(kll_mapset_open(&m, "no-such-key", NULL, &err),
	    KLL_EIO);
	assert_null(m);

	kll_store_use(NULL);
	kll_store_free(s);
}

static void
test_env_and_redaction(void **state)
{
	kll_store_opts o = KLL_STORE_OPTS_INIT;
	kll_store *s = NULL;
	kll_error err;
	char env[160];

	(void)state;
	snprintf(env, sizeof(env), "sqlite:%s", db);
	setenv("KLL_STORE", env, 1);
	assert_int_equal(kll_store_open(&s, &o, &err), KLL_OK);
	assert_string_equal(kll_store_name(s), env);
	kll_store_free(s);
	unsetenv("KLL_STORE");
	/* A server that is not there: the password never shows. */
	o.storage = "postgresql";
	o.name = "kll";
	o.options = "host='/nonexistent',port='1',database='d',user='u',"
	            "password='hunter2'";
	assert_int_not_equal(kll_store_open(&s, &o, &err), KLL_OK);
	assert_null(s);
	assert_null(strstr(err.msg, "hunter2"));
	assert_null(strchr(err.msg, '\n'));
	/* Options from a file that is not there. */
	o.options = "@/nonexistent/options";
	assert_int_not_equal(kll_store_open(&s, &o, &err), KLL_OK);
	assert_string_equal(err.file, "/nonexistent/options");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_free_null),
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_something_else),
		cmocka_unit_test(test_load_list_sync_drop),
		cmocka_unit_test(test_bad_file),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_files),
		cmocka_unit_test(test_store_first),
		cmocka_unit_test(test_env_and_redaction),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
