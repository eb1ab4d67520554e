/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test_vocab_search.c: searching labels, finding codes in any form, and
 * the ids of the search path with their suggestions (lib/vocab_search.c,
 * kll_vocab_find_any in lib/vocab.c, the hint of lib/resolve.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "kll.h"

#define DIRS "tests/data/search:tests/data/vocab"

static kll_vocab *v;

static int
setup(void **state)
{
	kll_error err;

	(void)state;
	setenv("KLL_PATH", "", 1);
	return kll_vocab_open(&v, "srch", DIRS, NULL, &err) == KLL_OK ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	kll_vocab_free(v);
	return 0;
}

/* What a search sent, as "NOTATION:rank" words joined by spaces. */
typedef struct got {
	char text[512];
	int calls, stop_after;
} got;

static int
collect(void *payload, const kll_search_hit *h)
{
	got *g = payload;
	size_t n = strlen(g->text);

	snprintf(g->text + n, sizeof(g->text) - n, "%s%s:%s", n ? " " : "",
	    kll_concept_notation(h->concept), kll_search_rank_name(h->rank));
	g->calls++;
	return g->stop_after != 0 && g->calls >= g->stop_after;
}

/* The hits of query, as collect() writes them. */
static const char *
search(const char *query, const char *lang, int exact)
{
	static got g;
	kll_search_opts o = KLL_SEARCH_OPTS_INIT;
	kll_error err;
	size_t n = 99;

	memset(&g, 0, sizeof(g));
	o.lang = lang;
	o.exact = exact;
	o.fn = collect;
	o.payload = &g;
	assert_int_equal(kll_vocab_search(v, query, &o, &n, &err), KLL_OK);
	assert_int_equal(n, (size_t)g.calls);
	return g.text;
}

static void
test_ranks(void **state)
{
	(void)state;
	/* The whole label first, then labels that have the word. */
	assert_string_equal(
	    search("undersköterskor", NULL, 0), "5322:exact 5321:word");
	/* Case and accents do not matter. */
	assert_string_equal(
	    search("UNDERSKOTERSKOR", NULL, 0), "5322:exact 5321:word");
	assert_string_equal(search("Assistant nurses, home care", NULL, 0),
	    "5321:exact");
	/* Beginnings of words, in every query word. */
	assert_string_equal(search("assist nur", NULL, 0),
	    "5321:prefix 5322:prefix");
	assert_string_equal(search("nurs", NULL, 0),
	    "2221:prefix 5321:prefix 5322:prefix");
	/* An altLabel counts as the prefLabel does. */
	assert_string_equal(search("kindergarten", NULL, 0), "2342:word");
}

static void
test_stems(void **state)
{
	(void)state;
	/* Swedish: the singular finds the plural. */
	assert_string_equal(search("underskoterska", NULL, 0),
	    "5321:stem 5322:stem");
	/* English: "nursing" and "nurses" share the stem "nurs". */
	assert_string_equal(search("nursing", NULL, 0),
	    "2221:word 5321:stem 5322:stem");
	assert_string_equal(search("teacher", NULL, 0),
	    "2341:prefix 2342:prefix");
	assert_string_equal(search("teaching", "en", 0), "2341:stem 2342:stem");
	/* A compound: "grundskola" by its stem at the start of a word,
	 * "lärare" inside it. */
	assert_string_equal(search("lärare grundskola", NULL, 0),
	    "2341:substring");
	assert_string_equal(search("grundskola", NULL, 0), "2341:stem");
}

static void
test_substring_and_lang(void **state)
{
	(void)state;
	assert_string_equal(
	    search("skollärare", NULL, 0), "2341:substring 2342:substring");
	/* Every query word must match, in one label. */
	assert_string_equal(search("nurses teachers", NULL, 0), "");
	assert_string_equal(search("assistant sjukskoterskor", NULL, 0), "");
	/* Only the chosen language. */
	assert_string_equal(search("teachers", "sv", 0), "");
	assert_string_equal(search("teachers", "en", 0), "2341:word 2342:word");
	/* Punctuation separates words. */
	assert_string_equal(search("omsorgs", NULL, 0), "5:word");
}

static void
test_exact(void **state)
{
	(void)state;
	/* Substrings of the folded label, no stems, in notation order. */
	assert_string_equal(search("underskoterska", NULL, 1), "");
	assert_string_equal(search("undersköterskor", NULL, 1),
	    "5321:substring 5322:exact");
	assert_string_equal(search("sk", NULL, 1),
	    "2:substring 2221:substring 2341:substring 2342:substring "
	    "5321:substring 5322:substring");
	/* Words cut at white space only: "s, h" stays one word. */
	assert_string_equal(search("s, h", NULL, 1), "5321:substring");
}

static void
test_stop_and_count(void **state)
{
	kll_search_opts o = KLL_SEARCH_OPTS_INIT;
	got g;
	size_t n = 0;

	(void)state;
	memset(&g, 0, sizeof(g));
	g.stop_after = 1;
	o.fn = collect;
	o.payload = &g;
	assert_int_equal(kll_vocab_search(v, "nurs", &o, &n, NULL), KLL_OK);
	assert_int_equal(g.calls, 1);
	assert_int_equal(n, 3);
	assert_string_equal(g.text, "2221:prefix");
	/* No callback, no options: only the count. */
	assert_int_equal(kll_vocab_search(v, "nurs", NULL, &n, NULL), KLL_OK);
	assert_int_equal(n, 3);
}

static void
test_errors(void **state)
{
	kll_error err;
	size_t n = 7;

	(void)state;
	assert_int_equal(
	    kll_vocab_search(NULL, "x", NULL, &n, &err), KLL_EARG);
	assert_int_equal(n, 0);
	assert_int_equal(kll_vocab_search(v, "ab\xff", NULL, &n, &err),
	    KLL_EARG);
	assert_string_equal(err.msg, "search text is not UTF-8");
	assert_int_equal(kll_vocab_search(v, " ,- ", NULL, &n, &err), KLL_EARG);
	assert_string_equal(err.msg, "search text has no letters or digits");
	assert_string_equal(kll_search_rank_name(KLL_SEARCH_SUBSTRING),
	    "substring");
	assert_string_equal(kll_search_rank_name((kll_search_rank)9), "");
}

static void
test_find_any(void **state)
{
	const kll_concept *c = kll_vocab_find(v, "2341");

	(void)state;
	assert_non_null(c);
	assert_ptr_equal(kll_vocab_find_any(v, "2341"), c);
	assert_ptr_equal(kll_vocab_find_any(v, "C2341"), c);
	assert_ptr_equal(kll_vocab_find_any(v, "srch:C2341"), c);
	assert_ptr_equal(kll_vocab_find_any(v, "other:2341"), c);
	assert_ptr_equal(
	    kll_vocab_find_any(v, "https://kll.example.org/srch/C2341"), c);
	assert_null(kll_vocab_find_any(v, "https://example.org/x/C2341"));
	assert_null(kll_vocab_find_any(v, "C9999"));
	assert_null(kll_vocab_find_any(v, ""));
	assert_null(kll_vocab_find_any(v, "srch:"));
	/* A local name is matched whole: "341" is no concept. */
	assert_null(kll_vocab_find_any(v, "341"));
}

static void
test_suggest(void **state)
{
	(void)state;
	assert_ptr_equal(kll_vocab_suggest(v, "23411"), kll_vocab_find(v, "2341"));
	assert_ptr_equal(kll_vocab_suggest(v, "5312"), kll_vocab_find(v, "5321"));
	assert_null(kll_vocab_suggest(v, "9"));
	assert_null(kll_vocab_suggest(v, "99999999"));
}

static void
test_ids(void **state)
{
	char **ids = NULL;
	size_t i, n = 0;

	(void)state;
	assert_int_equal(kll_vocab_ids(&ids, &n, DIRS ":" DIRS, NULL), KLL_OK);
	assert_non_null(ids);
	assert_true(n >= 4);
	assert_null(ids[n]);
	for (i = 1; i < n; i++)
		assert_true(strcmp(ids[i - 1], ids[i]) < 0); /* sorted, once */
	for (i = 0; i < n && strcmp(ids[i], "srch") != 0; i++)
		;
	assert_true(i < n);
	kll_vocab_ids_free(ids);
	kll_vocab_ids_free(NULL);
	/* Folders that are not there give an empty list. */
	assert_int_equal(kll_vocab_ids(&ids, &n, "/nonexistent", NULL), KLL_OK);
	assert_int_equal(n, 0);
	assert_null(ids[0]);
	kll_vocab_ids_free(ids);
}

static void
test_resolve_hint(void **state)
{
	char *path = NULL;
	kll_error err;

	(void)state;
	assert_int_equal(kll_vocab_resolve(&path, "srhc", DIRS, &err),
	    KLL_ENOTFOUND);
	assert_null(path);
	assert_string_equal(err.msg,
	    "no such vocabulary file, id or scheme IRI (did you mean 'srch'?)");
	/* Case and punctuation. */
	kll_vocab_resolve(&path, "SR-CH", DIRS, &err);
	assert_string_equal(err.msg,
	    "no such vocabulary file, id or scheme IRI (did you mean 'srch'?)");
	/* The beginning of ids. */
	kll_vocab_resolve(&path, "is", DIRS, &err);
	assert_string_equal(err.msg,
	    "no such vocabulary file, id or scheme IRI (did you mean 'isc'?)");
	kll_vocab_resolve(&path, "nothing-like-it", DIRS, &err);
	assert_string_equal(err.msg, "no such vocabulary file, id or scheme IRI");
	/* Paths and IRIs get no suggestion. */
	kll_vocab_resolve(&path, "https://kll.example.org/srh", DIRS, &err);
	assert_string_equal(err.msg, "no such vocabulary file, id or scheme IRI");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ranks),
		cmocka_unit_test(test_stems),
		cmocka_unit_test(test_substring_and_lang),
		cmocka_unit_test(test_exact),
		cmocka_unit_test(test_stop_and_count),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_find_any),
		cmocka_unit_test(test_suggest),
		cmocka_unit_test(test_ids),
		cmocka_unit_test(test_resolve_hint),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
