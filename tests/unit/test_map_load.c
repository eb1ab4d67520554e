/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test_map_load.c: keys in other formats (lib/map_load.c, json.c,
 * map_sssom_json.c, map_jskos.c, map_rdf_in.c): the strict JSON reader,
 * the format a file is found to be, and a key written in each format
 * and read back.  Defines KLL__ALLOC_C to include internal.h, whose
 * poison is for the library. */
#define KLL__ALLOC_C
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json.h"
#include "kll.h"

#define FULL "tests/data/map/export-full.sssom.tsv"
#define FMT  "tests/data/formats/"

static kll_status
parse(const char *text, kll__json **v, kll__arena *a, kll_error *err)
{
	return kll__json_parse(v, a, text, strlen(text), "t.json", 1, err);
}

static void
test_json_good(void **state)
{
	kll__arena a = { NULL, 0, 0 };
	kll__json *v = NULL;
	const kll__json *m;
	char ptr[64];

	(void)state;
	assert_int_equal(
	    parse("{\"a\": [1, -2.5e3, \"x\\u00e9\\ud83d\\ude00\", "
	          "true, null], \"b/c\": {}}",
	        &v, &a, NULL),
	    KLL_OK);
	assert_int_equal(v->type, KLL__J_OBJECT);
	assert_int_equal(v->n, 2);
	m = kll__json_get(v, "a");
	assert_non_null(m);
	assert_int_equal(m->n, 5);
	assert_string_equal(m->child->next->s, "-2.5e3");
	assert_string_equal(
	    m->child->next->next->s, "x\xc3\xa9\xf0\x9f\x98\x80");
	kll__json_pointer(m->child->next, ptr, sizeof(ptr));
	assert_string_equal(ptr, "/a/1");
	kll__json_pointer(kll__json_get(v, "b/c"), ptr, sizeof(ptr));
	assert_string_equal(ptr, "/b~1c");
	assert_null(kll__json_get(v, "z"));
	kll__arena_free(&a);
}

static void
test_json_bad(void **state)
{
	static const struct {
		const char *text;
		unsigned line, col;
	} bad[] = {
		{ "{\"a\": 1,}", 1, 9 },
		{ "[1,\n 2,\n ]", 3, 2 },
		{ "{\"a\": 1, \"a\": 2}", 1, 10 },
		{ "// c\n{}", 1, 1 },
		{ "{'a': 1}", 1, 2 },
		{ "[01]", 1, 3 },
		{ "[NaN]", 1, 2 },
		{ "\"a\tb\"", 1, 3 },
		{ "\"\\ud800\"", 1, 2 },
		{ "\"\\u0000\"", 1, 2 },
		{ "\"\xff\"", 1, 2 },
		{ "{} {}", 1, 4 },
		{ "", 1, 1 },
	};
	kll__arena a = { NULL, 0, 0 };
	kll__json *v;
	kll_error err;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		v = (kll__json *)1;
		assert_int_equal(parse(bad[i].text, &v, &a, &err), KLL_ESYNTAX);
		assert_null(v);
		assert_string_equal(err.file, "t.json");
		assert_int_equal(err.line, bad[i].line);
		assert_int_equal(err.col, bad[i].col);
		assert_string_equal(err.rule, "sssom-json-syntax");
	}
	kll__arena_free(&a);
}

static void
test_json_deep(void **state)
{
	char text[2 * KLL__JSON_DEPTH + 8];
	kll__arena a = { NULL, 0, 0 };
	kll__json *v;
	kll_error err;
	int i;

	(void)state;
	for (i = 0; i <= KLL__JSON_DEPTH; i++)
		text[i] = '[';
	text[i] = '\0';
	assert_int_equal(parse(text, &v, &a, &err), KLL_ESYNTAX);
	kll__arena_free(&a);
}

static void
test_format_names(void **state)
{
	(void)state;
	assert_int_equal(kll_key_format_from_name("tsv"), KLL_KEY_SSSOM_TSV);
	assert_int_equal(kll_key_format_from_name("jskos"), KLL_KEY_JSKOS);
	assert_int_equal(kll_key_format_from_name("yaml"), KLL_KEY__COUNT);
	assert_string_equal(
	    kll_key_format_name(KLL_KEY_SSSOM_RDF), "sssom-rdf");
	assert_null(kll_key_format_name(KLL_KEY__COUNT));
	assert_int_equal(kll_key_format_guess(FULL), KLL_KEY_SSSOM_TSV);
	assert_int_equal(
	    kll_key_format_guess(FMT "full.sssom.json"), KLL_KEY_SSSOM_JSON);
	assert_int_equal(
	    kll_key_format_guess(FMT "full.jskos.ndjson"), KLL_KEY_JSKOS);
	assert_int_equal(
	    kll_key_format_guess(FMT "full.xkos.ttl"), KLL_KEY_RDF);
}

/* m written in form "form" to a file, and read back. */
static kll_mapset *
through(const kll_mapset *m, kll_export_form form, kll_key_format fmt)
{
	kll_export_opts xo = KLL_EXPORT_OPTS_INIT;
	char path[] = "/tmp/kll-test-XXXXXX";
	kll_mapset *back = NULL;
	kll_key_format found;
	kll_error err;
	FILE *fp;
	int fd;

	assert_true((fd = mkstemp(path)) >= 0);
	assert_non_null(fp = fdopen(fd, "w"));
	xo.form = form;
	assert_int_equal(
	    kll_mapset_export(m, &xo, fp, path, NULL, &err), KLL_OK);
	fclose(fp);
	assert_int_equal(
	    kll_mapset_load(&back, path, fmt, NULL, &found, &err), KLL_OK);
	unlink(path);
	return back;
}

/* The canonical SSSOM/TSV of m. */
static char *
canon(const kll_mapset *m)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);

	assert_non_null(fp);
	assert_int_equal(kll_mapset_write(m, fp, NULL), KLL_OK);
	fclose(fp);
	return buf;
}

static void
test_roundtrip_json(void **state)
{
	kll_mapset *m = NULL, *back;
	char *a, *b;

	(void)state;
	assert_int_equal(kll_mapset_read(&m, FULL, NULL, NULL), KLL_OK);
	back = through(m, KLL_EXPORT_SSSOM_JSON, KLL_KEY_SSSOM_JSON);
	a = canon(m);
	b = canon(back);
	assert_string_equal(a, b);
	assert_true(kll_mapset_line(back, 0) > 0);
	free(a);
	free(b);
	kll_mapset_free(back);
	/* JSKOS: the pairs, predicates, labels and confidence. */
	back = through(m, KLL_EXPORT_JSKOS, KLL_KEY_AUTO);
	assert_int_equal(kll_mapset_count(back), 7); /* not the negated one */
	assert_string_equal(kll_mapset_meta(back, "mapping_set_id"),
	    "https://kll.example.org/mappings/export_full");
	kll_mapset_free(back);
	/* SSSOM/RDF: the set and its 8 records. */
	back = through(m, KLL_EXPORT_SSSOM_RDF, KLL_KEY_RDF);
	assert_int_equal(kll_mapset_count(back), 8);
	assert_string_equal(kll_mapset_meta(back, "mapping_set_title"),
	    "Occupations to ISC, a full example");
	kll_mapset_free(back);
	kll_mapset_free(m);
}

static void
test_load_errors(void **state)
{
	kll_mapset *m = (kll_mapset *)1;
	kll_sssom_opts so = KLL_SSSOM_OPTS_INIT;
	kll_error err;

	(void)state;
	/* Without a sink the first problem fails the call. */
	assert_int_equal(kll_mapset_load(&m, FMT "bad-values.sssom.json",
	                     KLL_KEY_AUTO, NULL, NULL, &err),
	    KLL_EINVALID);
	assert_null(m);
	assert_int_equal(err.line, 7);
	assert_string_equal(err.rule, "sssom-bad-value");
	assert_int_equal(
	    kll_mapset_load(&m, FMT "bad-trailing-comma.sssom.json",
	        KLL_KEY_AUTO, NULL, NULL, &err),
	    KLL_ESYNTAX);
	assert_int_equal(err.line, 5);
	assert_int_equal(kll_mapset_load(&m, FMT "bad-syntax.ttl", KLL_KEY_AUTO,
	                     NULL, NULL, &err),
	    KLL_ESYNTAX);
	assert_int_equal(kll_mapset_load(&m, FMT "nothing.json", KLL_KEY_AUTO,
	                     NULL, NULL, &err),
	    KLL_EIO);
	/* A record at a time is for SSSOM/TSV only. */
	so.row = (kll_sssom_row_fn)1;
	assert_int_equal(kll_mapset_load(&m, FMT "full.sssom.json",
	                     KLL_KEY_AUTO, &so, NULL, &err),
	    KLL_EARG);
	assert_int_equal(
	    kll_mapset_load(&m, FULL, KLL_KEY__COUNT, NULL, NULL, &err),
	    KLL_EARG);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_good),
		cmocka_unit_test(test_json_bad),
		cmocka_unit_test(test_json_deep),
		cmocka_unit_test(test_format_names),
		cmocka_unit_test(test_roundtrip_json),
		cmocka_unit_test(test_load_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
