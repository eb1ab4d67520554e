/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test_vocab.c: loading vocabularies into the index (lib/vocab.c,
 * lib/rdf_read.c) and finding them (lib/vocab_resolve.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "kll.h"

#define VOCAB "tests/data/vocab/"

static kll_vocab *
load(const char *path, const char *syntax)
{
	kll_load_opts o = KLL_LOAD_OPTS_INIT;
	kll_vocab *v = NULL;
	kll_error err;

	o.syntax = syntax;
	assert_int_equal(kll_vocab_load(&v, path, &o, &err), KLL_OK);
	assert_non_null(v);
	return v;
}

static void
test_free_null(void **state)
{
	(void)state;
	kll_vocab_free(NULL);
}

static size_t
count_level(const kll_vocab *v, int level)
{
	size_t i, n = 0;

	for (i = 0; i < kll_vocab_count(v); i++)
		n += kll_concept_level(kll_vocab_at(v, i)) == level;
	return n;
}

/* The same vocabulary in three syntaxes gives the same index. */
static void
check_occ(kll_vocab *v)
{
	const kll_concept *c, *p;

	assert_string_equal(kll_vocab_id(v), "occ");
	assert_string_equal(kll_vocab_iri(v), "https://kll.example.org/occ");
	assert_int_equal(kll_vocab_count(v), 15);
	assert_int_equal(kll_vocab_levels(v), 4);
	assert_int_equal(count_level(v, 1), 3);
	assert_int_equal(count_level(v, 4), 6);
	/* Sorted by notation. */
	assert_string_equal(kll_concept_notation(kll_vocab_at(v, 0)), "0");
	assert_string_equal(kll_concept_notation(kll_vocab_at(v, 14)), "5322");
	c = kll_vocab_find(v, "2512");
	assert_non_null(c);
	assert_int_equal(kll_concept_level(c), 4);
	assert_string_equal(kll_concept_label(c, KLL_LABEL_PREF, "en"),
	    "Software and systems developers");
	assert_string_equal(kll_concept_label(c, KLL_LABEL_PREF, "sv"),
	    "Mjukvaru- och systemutvecklare m.fl.");
	assert_null(kll_concept_label(c, KLL_LABEL_PREF, "de"));
	assert_int_equal(kll_concept_nbroader(c), 1);
	p = kll_concept_broader(c, 0);
	assert_string_equal(kll_concept_notation(p), "251");
	assert_int_equal(kll_concept_nnarrower(p), 3);
	assert_ptr_equal(kll_concept_narrower(p, 1), c);
	assert_null(kll_concept_narrower(p, 3));
	assert_ptr_equal(kll_vocab_find_iri(v, kll_concept_iri(c)), c);
	assert_ptr_equal(kll_vocab_at(v, kll_concept_index(c)), c);
	assert_true(kll_concept_is_top(kll_vocab_find(v, "2")));
	assert_false(kll_concept_is_top(c));
	assert_null(kll_vocab_find(v, "9999"));
	assert_null(kll_vocab_at(v, 15));
}

static void
test_load_turtle(void **state)
{
	kll_vocab *v = load(VOCAB "occ.ttl", NULL);

	(void)state;
	check_occ(v);
	assert_string_equal(kll_vocab_title(v, "en"), "Occupations");
	assert_string_equal(kll_vocab_title(v, "sv"), "Yrken");
	assert_string_equal(kll_vocab_title(v, "de"), "");
	assert_string_equal(kll_vocab_title(v, NULL), "Occupations");
	assert_string_equal(kll_vocab_version(v), "1");
	assert_string_equal(kll_vocab_level_pattern(v, 4), "[0-9]{4}");
	assert_string_equal(
	    kll_vocab_level_iri(v, 1), "https://kll.example.org/occ/level/1");
	assert_null(kll_vocab_level_iri(v, 5));
	kll_vocab_free(v);
}

static void
test_load_other_syntaxes(void **state)
{
	kll_vocab *v;

	(void)state;
	v = load(VOCAB "occ.nt", NULL);
	check_occ(v);
	kll_vocab_free(v);
	v = load(VOCAB "occ.rdf", NULL);
	check_occ(v);
	kll_vocab_free(v);
	v = load(VOCAB "occ.nt", "ntriples");
	check_occ(v);
	kll_vocab_free(v);
}

static void
test_find_loose(void **state)
{
	kll_vocab *v = load(VOCAB "occ.ttl", NULL);

	(void)state;
	/* A spreadsheet dropped the leading zero. */
	assert_string_equal(
	    kll_concept_notation(kll_vocab_find_loose(v, "110")), "0110");
	assert_string_equal(
	    kll_concept_notation(kll_vocab_find_loose(v, "2512")), "2512");
	assert_string_equal(
	    kll_concept_notation(kll_vocab_find_loose(v, "25.12")), "2512");
	/* "1" could be 01 or 001...: only 01 exists, so it fits. */
	assert_string_equal(
	    kll_concept_notation(kll_vocab_find_loose(v, "1")), "01");
	assert_null(kll_vocab_find_loose(v, "9"));
	assert_null(kll_vocab_find_loose(v, ""));
	kll_vocab_free(v);
}

static void
expect_load_error(
    const char *path, kll_status code, unsigned line, const char *msg)
{
	kll_vocab *v = (kll_vocab *)1;
	kll_error err;

	assert_int_equal(kll_vocab_load(&v, path, NULL, &err), code);
	assert_null(v);
	assert_int_equal(err.code, code);
	assert_string_equal(err.file, path);
	assert_int_equal(err.line, line);
	assert_memory_equal(err.msg, msg, strlen(msg));
}

static void
test_errors(void **state)
{
	(void)state;
	expect_load_error(
	    "tests/data/rdf/syntax-error.ttl", KLL_ESYNTAX, 6, "expected object");
	expect_load_error("tests/data/rdf/no-concepts.ttl", KLL_EINVALID, 0,
	    "no skos:Concept");
	expect_load_error("tests/data/rdf/missing.ttl", KLL_EIO, 0,
	    "cannot open: No such file");
}

static void
test_unknown_syntax(void **state)
{
	kll_load_opts o = KLL_LOAD_OPTS_INIT;
	kll_vocab *v = NULL;
	kll_error err;

	(void)state;
	o.syntax = "klingon";
	assert_int_equal(
	    kll_vocab_load(&v, VOCAB "occ.ttl", &o, &err), KLL_EARG);
	assert_string_equal(err.msg, "unknown RDF syntax 'klingon'");
}

static void
test_resolve(void **state)
{
	char *path = NULL;
	kll_error err;

	(void)state;
	assert_int_equal(kll_vocab_resolve(&path, "occ", VOCAB, &err), KLL_OK);
	assert_string_equal(path, VOCAB "/occ.ttl");
	free(path);
	assert_int_equal(kll_vocab_resolve(&path, "https://kll.example.org/occ",
	                     "/nonexistent:" VOCAB, &err),
	    KLL_OK);
	assert_string_equal(path, VOCAB "/occ.ttl");
	free(path);
	assert_int_equal(
	    kll_vocab_resolve(&path, VOCAB "occ.nt", NULL, &err), KLL_OK);
	assert_string_equal(path, VOCAB "occ.nt");
	free(path);
	assert_int_equal(
	    kll_vocab_resolve(&path, "nope", VOCAB, &err), KLL_ENOTFOUND);
	assert_null(path);
	assert_string_equal(err.file, "nope");
	/* A name with a slash is a path, even when no such file exists:
	 * loading it says why not. */
	assert_int_equal(
	    kll_vocab_resolve(&path, "../occ", VOCAB, &err), KLL_OK);
	assert_string_equal(path, "../occ");
	free(path);
}

static void
test_fold(void **state)
{
	char *f;

	(void)state;
	f = kll_text_fold("Ålder Ärende ÖVER Café");
	assert_string_equal(f, "alder arende over cafe");
	free(f);
	assert_null(kll_text_fold("\xff"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_free_null),
		cmocka_unit_test(test_load_turtle),
		cmocka_unit_test(test_load_other_syntaxes),
		cmocka_unit_test(test_find_loose),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_unknown_syntax),
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_fold),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
