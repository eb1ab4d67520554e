/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test_vocab_check.c: each rule of kll_vocab_check() on a tiny vocabulary in
 * tests/data/check, with the exact findings it must give. */
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

#define MAX_FOUND 32

/* What the sink saw. */
typedef struct found {
	char text[MAX_FOUND][640]; /* "rule severity: message" */
	size_t n;
	char file[256];
	int last_rule; /* index in the rule table of the last finding */
} found;

static const char *
data_path(char *buf, size_t size, const char *name)
{
	const char *top = getenv("KLL_TESTDATA");

	snprintf(
	    buf, size, "%s/check/%s", top && *top ? top : "tests/data", name);
	return buf;
}

static int
rule_index(const char *id)
{
	const kll_check_rule *r;
	int i;

	for (i = 0; (r = kll_check_rule_at((size_t)i)) != NULL; i++)
		if (strcmp(r->id, id) == 0)
			return i;
	return -1;
}

static int
valid_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int k;

	while (*p) {
		k = *p < 0x80           ? 0 :
		    (*p & 0xe0) == 0xc0 ? 1 :
		    (*p & 0xf0) == 0xe0 ? 2 :
		    (*p & 0xf8) == 0xf0 ? 3 :
		                          -1;
		if (k < 0)
			return 0;
		for (p++; k > 0; k--, p++)
			if ((*p & 0xc0) != 0x80)
				return 0;
	}
	return 1;
}

static void
sink(void *payload, const kll_error *d)
{
	found *f = payload;
	int ri = rule_index(d->rule);
	const char *m;

	assert_true(f->n < MAX_FOUND);
	assert_int_equal(d->code, KLL_EINVALID);
	assert_int_equal(d->line, 0);
	assert_int_equal(d->col, 0);
	/* The rule's own severity, and findings in rule order. */
	assert_true(ri >= 0);
	assert_int_equal(d->severity, kll_check_rule_at((size_t)ri)->severity);
	assert_true(ri >= f->last_rule);
	f->last_rule = ri;
	for (m = d->msg; *m; m++)
		assert_true((unsigned char)*m >= 0x20);
	assert_true(valid_utf8(d->msg));
	snprintf(f->file, sizeof(f->file), "%s", d->file);
	snprintf(f->text[f->n++], sizeof(f->text[0]), "%s %s: %s", d->rule,
	    kll_severity_name(d->severity), d->msg);
}

/* Check fixture "name"; returns the number of errors. */
static size_t
run(found *f, const char *name, const char *const *langs, size_t nlangs)
{
	kll_check_opts o = KLL_CHECK_OPTS_INIT;
	kll_vocab *v = NULL;
	kll_error err;
	char path[512];
	size_t nerrors = 99;

	memset(f, 0, sizeof(*f));
	data_path(path, sizeof(path), name);
	assert_int_equal(kll_vocab_load(&v, path, NULL, &err), KLL_OK);
	o.langs = langs;
	o.nlangs = nlangs;
	o.diag = sink;
	o.payload = f;
	assert_int_equal(kll_vocab_check(v, &o, &nerrors, &err), KLL_OK);
	if (f->n > 0)
		assert_string_equal(f->file, path);
	kll_vocab_free(v);
	return nerrors;
}

static void
expect(const found *f, const char *const *want, size_t n)
{
	size_t i;

	for (i = 0; i < f->n && i < n; i++)
		assert_string_equal(f->text[i], want[i]);
	assert_int_equal(f->n, n);
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* A scheme whose licence and source are scripts; its seeAlso is fine. */
static void
test_unsafe_link(void **state)
{
	static const char *const want[] = {
		"vocab-unsafe-link error: the scheme's dcterms:license "
		"'javascript:alert(1)' is not an http or https IRI: it cannot "
		"be published as a link",
		"vocab-unsafe-link error: the scheme's dcterms:source "
		"'JavaScript:alert(document.cookie)' is not an http or https "
		"IRI: it cannot be published as a link",
	};
	found f;

	(void)state;
	assert_int_equal(run(&f, "../hostile/js-license.ttl", NULL, 0), 2);
	expect(&f, want, N(want));
	assert_int_equal(run(&f, "../hostile/labels.ttl", NULL, 0), 0);
}

static void
test_clean(void **state)
{
	found f;

	(void)state;
	assert_int_equal(run(&f, "clean.ttl", NULL, 0), 0);
	assert_int_equal(f.n, 0);
}

static void
test_cycle(void **state)
{
	static const char *const want[] = {
		"vocab-cycle error: hierarchy cycle '2' > '3' > '2' "
		"(3 concepts in this tangle)",
		"vocab-cycle error: concept '6' is its own broader concept",
	};
	found f;

	(void)state;
	assert_int_equal(run(&f, "cycle.ttl", NULL, 0), 2);
	expect(&f, want, N(want));
}

static void
test_orphan(void **state)
{
	static const char *const want[] = {
		"vocab-orphan warning: concept '3' has no broader concept and "
		"is not a top concept",
	};
	found f;

	(void)state;
	assert_int_equal(run(&f, "orphan.ttl", NULL, 0), 0);
	expect(&f, want, N(want));
}

static void
test_no_top(void **state)
{
	static const char *const want[] = {
		"vocab-no-top-concept warning: scheme "
		"'https://example.org/notop' has no top concept",
		"vocab-orphan warning: concept '1' has no broader concept and "
		"is not a top concept",
	};
	found f;

	(void)state;
	assert_int_equal(run(&f, "no-top.ttl", NULL, 0), 0);
	expect(&f, want, N(want));
}

static void
test_missing_broader(void **state)
{
	static const char *const want[] = {
		"vocab-missing-broader error: concept '2' has the broader "
		"concept 'https://example.org/mb/9', which is not in the "
		"vocabulary",
		"vocab-missing-broader error: concept '4' has the broader "
		"concept 'https://example.org/mb/8', which is not in the "
		"vocabulary",
		"vocab-external-broader info: concept '3' has the broader "
		"concept 'http://other.example.net/x/7' outside the "
		"vocabulary",
	};
	found f;

	(void)state;
	assert_int_equal(run(&f, "missing-broader.ttl", NULL, 0), 2);
	expect(&f, want, N(want));
}

static void
test_top_with_broader(void **state)
{
	static const char *const want[] = {
		"vocab-external-broader info: concept '3' has the broader "
		"concept 'http://other.example.net/y' outside the vocabulary",
		"vocab-top-with-broader warning: top concept '2' has the "
		"broader concept '1'",
		/* '3' is on top here, under a concept of another scheme. */
	};
	found f;

	(void)state;
	assert_int_equal(run(&f, "top-with-broader.ttl", NULL, 0), 0);
	expect(&f, want, N(want));
}

static void
test_redundant_broader(void **state)
{
	static const char *const want[] = {
		"vocab-redundant-broader info: concept '3' has the broader "
		"concept '1', which is already an ancestor through '2'",
		"vocab-redundant-broader info: concept '6' has the broader "
		"concept '4', which is already an ancestor through '9'",
	};
	found f;

	(void)state;
	assert_int_equal(run(&f, "redundant-broader.ttl", NULL, 0), 0);
	expect(&f, want, N(want));
}

static void
test_levels(void **state)
{
	static const char *const want[] = {
		"vocab-number-of-levels warning: xkos:numberOfLevels is 5 but "
		"the deepest level has xkos:depth 4",
		"vocab-empty-level warning: no xkos:ClassificationLevel has "
		"xkos:depth 3",
		"vocab-empty-level warning: level 4 "
		"'https://example.org/lv/l4' has no concepts",
		"vocab-level-depth error: concept '111' is on level 2 but its "
		"broader concept '11' is on level 2",
		"vocab-level-depth error: concept '2' is on level 2 but has no "
		"broader concept",
		"vocab-no-level warning: concept '12' is a member of no "
		"xkos:ClassificationLevel",
	};
	found f;

	(void)state;
	assert_int_equal(run(&f, "levels.ttl", NULL, 0), 2);
	expect(&f, want, N(want));
}

static void
test_notation_pattern(void **state)
{
	static const char bad[] = "vocab-bad-pattern error: notationPattern "
	                          "'[0-9' of level 3 is not a POSIX extended "
	                          "regular expression: ";
	static const char *const want[] = {
		"vocab-notation-pattern error: notation '012' does not match "
		"the notationPattern '[0-9]{2}' of level 2",
		"vocab-notation-pattern error: notation '1' does not match "
		"the notationPattern '[0-9]{2}' of level 2",
	};
	found f;

	(void)state;
	assert_int_equal(run(&f, "notation-pattern.ttl", NULL, 0), 3);
	assert_int_equal(f.n, 3);
	/* regerror()'s own words vary with the C library. */
	assert_int_equal(strncmp(f.text[0], bad, strlen(bad)), 0);
	assert_true(strlen(f.text[0]) > strlen(bad));
	assert_string_equal(f.text[1], want[0]);
	assert_string_equal(f.text[2], want[1]);
}

static void
test_no_notation(void **state)
{
	static const char *const want[] = {
		"vocab-no-notation info: concept 'https://example.org/nn/x' "
		"has no notation",
	};
	found f;

	(void)state;
	assert_int_equal(run(&f, "no-notation.ttl", NULL, 0), 0);
	expect(&f, want, N(want));
}

static void
test_duplicate_notation(void **state)
{
	static const char *const want[] = {
		"vocab-duplicate-notation error: notation '1' is used by 2 "
		"concepts: 'https://example.org/dn/a', "
		"'https://example.org/dn/b'",
		"vocab-duplicate-notation error: notation '2' is used by 2 "
		"concepts: 'https://example.org/dn/c', "
		"'https://example.org/dn/d'",
		"vocab-ambiguous-notation warning: concept "
		"'https://example.org/dn/d' has 2 notations: "
		"'3', '2'",
	};
	found f;

	(void)state;
	assert_int_equal(run(&f, "duplicate-notation.ttl", NULL, 0), 2);
	expect(&f, want, N(want));
}

static void
test_ambiguous_notation(void **state)
{
	static const char *const want[] = {
		"vocab-ambiguous-notation warning: concept "
		"'https://example.org/an/s' has 2 notations: 'F', 'G'",
	};
	found f;

	(void)state;
	assert_int_equal(run(&f, "ambiguous-notation.ttl", NULL, 0), 0);
	expect(&f, want, N(want));
}

static void
test_missing_preflabel(void **state)
{
	static const char *const want_any[] = {
		"vocab-missing-preflabel error: concept '3' has no prefLabel",
	};
	static const char *const langs[] = { "sv", "EN" };
	static const char *const want_langs[] = {
		"vocab-missing-preflabel error: concept '2' has no prefLabel "
		"in 'EN'",
		"vocab-missing-preflabel error: concept '3' has no prefLabel "
		"in 'sv'",
		"vocab-missing-preflabel error: concept '3' has no prefLabel "
		"in 'EN'",
		"vocab-missing-preflabel error: concept '4' has no prefLabel "
		"in 'sv'",
	};
	static const char *const gb[] = { "en-gb" };
	found f;

	(void)state;
	assert_int_equal(run(&f, "missing-preflabel.ttl", NULL, 0), 1);
	expect(&f, want_any, N(want_any));
	assert_int_equal(run(&f, "missing-preflabel.ttl", langs, 2), 4);
	expect(&f, want_langs, N(want_langs));
	/* A longer tag does not stand for a shorter one. */
	assert_int_equal(run(&f, "missing-preflabel.ttl", gb, 1), 3);
}

static void
test_multiple_preflabel(void **state)
{
	static const char *const want[] = {
		"vocab-multiple-preflabel error: concept 'a' has 2 prefLabels "
		"without a language tag: 'Concept A', 'Concept A, again'",
		"vocab-multiple-preflabel error: concept 'b' has 3 prefLabels "
		"in 'fr': 'B deux', 'B trois', 'B un'",
		"vocab-no-language info: concept 'a' has a prefLabel without "
		"a language tag",
	};
	found f;

	(void)state;
	assert_int_equal(run(&f, "multiple-preflabel.ttl", NULL, 0), 2);
	expect(&f, want, N(want));
}

static void
test_duplicate_label(void **state)
{
	static const char *const want[] = {
		"vocab-duplicate-label warning: prefLabel 'Chefer'@sv is used "
		"by 2 concepts on level 1: '1', '2'",
		"vocab-duplicate-label warning: prefLabel 'Chefer'@sv is used "
		"by 2 concepts on level 2: '11', '21'",
	};
	found f;

	(void)state;
	assert_int_equal(run(&f, "duplicate-label.ttl", NULL, 0), 0);
	expect(&f, want, N(want));
}

static void
test_labels(void **state)
{
	static const char *const want[] = {
		"vocab-disjoint-labels error: concept '1' has 'Concept D'@en "
		"as both prefLabel and altLabel",
		"vocab-disjoint-labels error: concept '1' has 'Concept D'@en "
		"as both prefLabel and hiddenLabel",
		"vocab-empty-label warning: concept '2' has an empty "
		"prefLabel@en",
		"vocab-empty-label warning: concept '2' has an empty "
		"hiddenLabel@en",
		"vocab-label-space warning: prefLabel ' Lead'@en of concept "
		"'3' has white space at its start or end",
		"vocab-label-space warning: prefLabel 'Two  spaces'@en of "
		"concept '4' has repeated spaces",
		"vocab-label-space warning: prefLabel 'Line break'@en of "
		"concept '5' has a control character",
		"vocab-no-language info: concept '6' has an altLabel without "
		"a language tag",
	};
	found f;

	(void)state;
	assert_int_equal(run(&f, "labels.ttl", NULL, 0), 2);
	expect(&f, want, N(want));
}

static void
test_deprecated(void **state)
{
	static const char *const want[] = {
		"vocab-deprecated-replacement warning: deprecated concept '3' "
		"is replaced by 'https://example.org/dep/99', which is not in "
		"the vocabulary",
		"vocab-deprecated-replacement warning: deprecated concept '5' "
		"is replaced by '4', which is deprecated too",
		"vocab-deprecated-no-replacement info: deprecated concept '4' "
		"has no dcterms:isReplacedBy",
		"vocab-deprecated-broader warning: concept '6' has the "
		"deprecated broader concept '4'",
	};
	found f;

	(void)state;
	assert_int_equal(run(&f, "deprecated.ttl", NULL, 0), 0);
	expect(&f, want, N(want));
}

/* The rule table: unique ids with the "vocab-" prefix that fit in
 * kll_error.rule, a summary each, and NULL past the end. */
static void
test_rule_table(void **state)
{
	const kll_check_rule *r, *q;
	kll_error e;
	size_t i, j;

	(void)state;
	for (i = 0; (r = kll_check_rule_at(i)) != NULL; i++) {
		assert_int_equal(strncmp(r->id, "vocab-", 6), 0);
		assert_true(strlen(r->id) < sizeof(e.rule));
		assert_true(r->summary[0] >= 'a' && r->summary[0] <= 'z');
		assert_true(r->severity <= KLL_SEV_ERROR);
		for (j = 0; j < i; j++) {
			q = kll_check_rule_at(j);
			assert_string_not_equal(q->id, r->id);
		}
	}
	assert_true(i >= 13);
	assert_null(kll_check_rule_at(i));
	assert_null(kll_check_rule_at((size_t)-1));
	assert_int_equal(rule_index("vocab-cycle") >= 0, 1);
}

static void
test_null_vocab(void **state)
{
	kll_error err;
	size_t nerrors = 7;

	(void)state;
	assert_int_equal(kll_vocab_check(NULL, NULL, &nerrors, &err), KLL_EARG);
	assert_int_equal(err.code, KLL_EARG);
	assert_string_equal(err.file, "");
	assert_int_equal(err.line, 0);
	assert_int_equal(nerrors, 0);
	assert_int_equal(kll_vocab_check(NULL, NULL, NULL, NULL), KLL_EARG);
}

/* No options, no sink, no counter: the errors are still counted. */
static void
test_null_opts(void **state)
{
	kll_vocab *v = NULL;
	char path[512];
	size_t nerrors = 0;

	(void)state;
	data_path(path, sizeof(path), "cycle.ttl");
	assert_int_equal(kll_vocab_load(&v, path, NULL, NULL), KLL_OK);
	assert_int_equal(kll_vocab_check(v, NULL, &nerrors, NULL), KLL_OK);
	assert_int_equal(nerrors, 2);
	assert_int_equal(kll_vocab_check(v, NULL, NULL, NULL), KLL_OK);
	kll_vocab_free(v);
}

/* A vocabulary read from stdin is "<stdin>" in findings. */
static void
test_stdin(void **state)
{
	kll_check_opts o = KLL_CHECK_OPTS_INIT;
	kll_vocab *v = NULL;
	char path[512];
	found f;
	size_t nerrors;

	(void)state;
	memset(&f, 0, sizeof(f));
	data_path(path, sizeof(path), "orphan.ttl");
	assert_non_null(freopen(path, "r", stdin));
	assert_int_equal(kll_vocab_load(&v, "-", NULL, NULL), KLL_OK);
	o.diag = sink;
	o.payload = &f;
	assert_int_equal(kll_vocab_check(v, &o, &nerrors, NULL), KLL_OK);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.file, "<stdin>");
	kll_vocab_free(v);
}

/* A message longer than kll_error.msg is cut on a character boundary
 * ("x" puts the cut in the middle of an "å"). */
static void
test_long_message(void **state)
{
	char path[] = "/tmp/kll-test-check-XXXXXX";
	kll_check_opts o = KLL_CHECK_OPTS_INIT;
	kll_load_opts lo = KLL_LOAD_OPTS_INIT;
	kll_vocab *v = NULL;
	found f;
	FILE *fp;
	int fd, i, k;

	(void)state;
	memset(&f, 0, sizeof(f));
	assert_true((fd = mkstemp(path)) >= 0);
	assert_non_null(fp = fdopen(fd, "w"));
	fputs("@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n", fp);
	for (k = 1; k <= 2; k++) {
		fprintf(fp,
		    "<https://example.org/x/%d> skos:notation \"%d\" ;"
		    " skos:topConceptOf <https://example.org/x> ;"
		    " skos:prefLabel \"x",
		    k, k);
		for (i = 0; i < 300; i++)
			fputs("\xc3\xa5", fp); /* å */
		fputs("\"@sv .\n", fp);
	}
	assert_int_equal(fclose(fp), 0);
	lo.syntax = "turtle";
	assert_int_equal(kll_vocab_load(&v, path, &lo, NULL), KLL_OK);
	o.diag = sink;
	o.payload = &f;
	assert_int_equal(kll_vocab_check(v, &o, NULL, NULL), KLL_OK);
	assert_int_equal(f.n, 1);
	assert_int_equal(strncmp(f.text[0], "vocab-duplicate-label", 21), 0);
	kll_vocab_free(v);
	unlink(path);
}

/* The index data that only the rules use. */
static void
test_index_accessors(void **state)
{
	kll_vocab *v = NULL;
	const kll_concept *c;
	char path[512];

	(void)state;
	data_path(path, sizeof(path), "duplicate-notation.ttl");
	assert_int_equal(kll_vocab_load(&v, path, NULL, NULL), KLL_OK);
	c = kll_vocab_find_iri(v, "https://example.org/dn/d");
	assert_non_null(c);
	assert_int_equal(kll_concept_nnotations(c), 2);
	assert_string_equal(kll_concept_notation_at(c, 0), "3");
	assert_string_equal(kll_concept_notation_at(c, 1), "2");
	assert_string_equal(kll_concept_notation(c), "3");
	assert_null(kll_concept_notation_at(c, 2));
	assert_int_equal(kll_vocab_declared_levels(v), 0);
	kll_vocab_free(v);

	data_path(path, sizeof(path), "no-notation.ttl");
	assert_int_equal(kll_vocab_load(&v, path, NULL, NULL), KLL_OK);
	c = kll_vocab_find_iri(v, "https://example.org/nn/x");
	assert_int_equal(kll_concept_nnotations(c), 0);
	assert_null(kll_concept_notation_at(c, 0));
	kll_vocab_free(v);

	data_path(path, sizeof(path), "levels.ttl");
	assert_int_equal(kll_vocab_load(&v, path, NULL, NULL), KLL_OK);
	assert_int_equal(kll_vocab_declared_levels(v), 5);
	kll_vocab_free(v);

	/* "X skos:narrower C" from outside is a broader link of C's. */
	data_path(path, sizeof(path), "missing-broader.ttl");
	assert_int_equal(kll_vocab_load(&v, path, NULL, NULL), KLL_OK);
	c = kll_vocab_find(v, "4");
	assert_int_equal(kll_concept_nexternal(c), 1);
	assert_string_equal(
	    kll_concept_external(c, 0), "https://example.org/mb/8");
	kll_vocab_free(v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_unsafe_link),
		cmocka_unit_test(test_cycle),
		cmocka_unit_test(test_orphan),
		cmocka_unit_test(test_no_top),
		cmocka_unit_test(test_missing_broader),
		cmocka_unit_test(test_top_with_broader),
		cmocka_unit_test(test_redundant_broader),
		cmocka_unit_test(test_levels),
		cmocka_unit_test(test_notation_pattern),
		cmocka_unit_test(test_no_notation),
		cmocka_unit_test(test_duplicate_notation),
		cmocka_unit_test(test_ambiguous_notation),
		cmocka_unit_test(test_missing_preflabel),
		cmocka_unit_test(test_multiple_preflabel),
		cmocka_unit_test(test_duplicate_label),
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_deprecated),
		cmocka_unit_test(test_rule_table),
		cmocka_unit_test(test_null_vocab),
		cmocka_unit_test(test_null_opts),
		cmocka_unit_test(test_stdin),
		cmocka_unit_test(test_long_message),
		cmocka_unit_test(test_index_accessors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
