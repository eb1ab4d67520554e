/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test_rdf_guard.c: the limits on hostile RDF input (lib/rdf_guard.c). */
/* A test, not lib/: it may call malloc() and the like, which
 * internal.h poisons for the library (see there). */
#define KLL__ALLOC_C
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rdf_guard.h"

/* Feed s in chunks of "step" bytes (0: at once). */
static kll_status
feed(const char *syntax, const char *s, size_t step, kll_error *err)
{
	kll__guard g;
	size_t n = strlen(s), i, k;
	kll_status st = KLL_OK;

	memset(err, 0, sizeof(*err));
	kll__guard_init(&g, syntax, "in");
	st = kll__guard_xml_prologue(&g, s, n, err);
	for (i = 0; st == KLL_OK && i < n; i += k) {
		k = step == 0 || n - i < step ? n - i : step;
		st = kll__guard_feed(&g, s + i, k, err);
	}
	kll__guard_free(&g);
	return st;
}

/* The same verdict and place whatever the chunks. */
static kll_status
check(const char *syntax, const char *s, unsigned line, unsigned col)
{
	static const size_t steps[] = { 0, 1, 2, 3, 7 };
	kll_error err, first;
	kll_status st = KLL_OK;
	size_t i;

	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		kll_status r = feed(syntax, s, steps[i], &err);
		if (i == 0) {
			st = r;
			first = err;
		}
		assert_int_equal(r, st);
		assert_int_equal(err.line, first.line);
		assert_int_equal(err.col, first.col);
	}
	if (st != KLL_OK) {
		assert_string_equal(first.file, "in");
		assert_int_equal(first.line, line);
		assert_int_equal(first.col, col);
	}
	return st;
}

/* A growing string for building test documents: add() appends
 * printf-style, so no test writes past an estimate. */
typedef struct sbuf {
	char *p;
	size_t n, cap;
} sbuf;

static void
add(sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int k;

	for (;;) {
		va_start(ap, fmt);
		k = vsnprintf(b->p ? b->p + b->n : NULL,
		    b->p ? b->cap - b->n : 0, fmt, ap);
		va_end(ap);
		assert_true(k >= 0);
		if (b->p != NULL && (size_t)k < b->cap - b->n)
			break;
		b->cap = 2 * (b->cap + (size_t)k + 1);
		b->p = realloc(b->p, b->cap);
		assert_non_null(b->p);
	}
	b->n += (size_t)k;
}

static char *
nest(const char *open, const char *close, int n)
{
	sbuf b = { NULL, 0, 0 };
	int i;

	add(&b, "<a> <b> ");
	for (i = 0; i < n; i++)
		add(&b, "%s", open);
	add(&b, "1");
	for (i = 0; i < n; i++)
		add(&b, "%s", close);
	add(&b, " .\n");
	return b.p;
}

static void
test_depth(void **state)
{
	char *s;

	(void)state;
	s = nest("[ <p> ", " ]", KLL_RDF_DEPTH_MAX);
	assert_int_equal(check("turtle", s, 0, 0), KLL_OK);
	free(s);
	s = nest("[ <p> ", " ]", KLL_RDF_DEPTH_MAX + 1);
	assert_int_equal(
	    check("turtle", s, 1, 9 + 6 * KLL_RDF_DEPTH_MAX), KLL_ESYNTAX);
	free(s);
	s = nest("(", ")", KLL_RDF_DEPTH_MAX + 1);
	assert_int_equal(
	    check("trig", s, 1, 9 + KLL_RDF_DEPTH_MAX), KLL_ESYNTAX);
	free(s);
	/* No other syntax counts brackets. */
	s = nest("(", ")", KLL_RDF_DEPTH_MAX + 1);
	assert_int_equal(check("json", s, 0, 0), KLL_OK);
	free(s);
}

static void
test_tokens_hide_brackets(void **state)
{
	static const char ttl[] =
	    "# [[[ ((( \"\n"
	    "<a> <b> \"[[[(\\\"((\" , '((' , \"\"\"[[ \"\" (( \\\"\"\"\" ,\n"
	    " '''[[[''' , \"\" , <http://x/((([> , ex:a\\(\\( .\n";
	sbuf b = { NULL, 0, 0 };
	int i;

	(void)state;
	/* Brackets in strings, IRIs, comments and escapes are no nesting. */
	for (i = 0; i <= KLL_RDF_DEPTH_MAX; i++)
		add(&b, "%s", ttl);
	assert_int_equal(check("turtle", b.p, 0, 0), KLL_OK);
	free(b.p);
}

static void
test_prefixes(void **state)
{
	sbuf b = { NULL, 0, 0 };
	int i;

	(void)state;
	for (i = 0; i < KLL_RDF_PREFIX_MAX; i++)
		add(&b, i % 2 ? "@prefix p%d: <x> .\n" : "PREFIX p%d: <x>\n",
		    i);
	assert_int_equal(check("turtle", b.p, 0, 0), KLL_OK);
	add(&b, "  prefix q: <x>\n");
	assert_int_equal(
	    check("turtle", b.p, KLL_RDF_PREFIX_MAX + 1, 3), KLL_ESYNTAX);
	/* Names and strings that say "prefix" are no declaration. */
	b.n = 0;
	add(&b, "<a> <b> \"@prefix \" , prefix:x , ex:prefix .\n");
	assert_int_equal(check("turtle", b.p, 0, 0), KLL_OK);
	free(b.p);
}

static void
test_long_token(void **state)
{
	size_t n = KLL_RDF_TOKEN_MAX + 16;
	char *s = malloc(n + 32);

	(void)state;
	memcpy(s, "<a> <b> \"", 9);
	memset(s + 9, 'y', n);
	strcpy(s + 9 + n, "\" .\n");
	assert_int_equal(check("ntriples", s, 1, 9), KLL_ESYNTAX);
	s[8] = '<';
	s[9 + n] = '>';
	assert_int_equal(check("turtle", s, 1, 9), KLL_ESYNTAX);
	free(s);
}

static void
test_xml(void **state)
{
	static const char *const bad[] = {
		"<!DOCTYPE r SYSTEM \"http://h/x.dtd\"><r/>",
		"<?xml version=\"1.0\"?>\n<!DOCTYPE r [\n<!ENTITY e SYSTEM "
		"\"file:///etc/passwd\">]><r/>",
		"<!DOCTYPE r [<!ENTITY % p SYSTEM \"http://h/\"> %p;]><r/>",
		"<!DOCTYPE r [<!ENTITY % p \"x\"> %p;]><r/>",
		"<!DOCTYPE r [<!ENTITY e \"%p;\">]><r/>",
		"<!DOCTYPE r [<!ENTITY a \"&b;\"><!ENTITY b \"x\">]><r/>",
		"<!DOCTYPE r [<!ATTLIST r a CDATA \"&e;\">]><r/>",
		"<!DOCTYPE r [<!ENTITY e \"x\">",
		"\xff\xfe<\0r\0/\0>\0",
	};
	char big[KLL_XML_ENTITY_MAX + 64];
	kll_error err;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(feed("rdfxml", bad[i], 0, &err), KLL_ESYNTAX);
	assert_int_equal(feed("rdfxml", bad[1], 0, &err), KLL_ESYNTAX);
	assert_int_equal(err.line, 3);
	assert_non_null(strstr(err.msg, "file:///etc/passwd"));
	/* Internal entities, as Protege writes them, are read. */
	assert_int_equal(feed("rdfxml",
	                     "<?xml version=\"1.0\"?>\n<!-- c -->\n"
	                     "<!DOCTYPE rdf:RDF [\n"
	                     "  <!ENTITY ex \"http://ex.org/\" >\n"
	                     "  <!ENTITY exc '&ex;c/&#38;&amp;' >\n"
	                     "]>\n<r a=\"&exc;1\">&ex;</r>\n",
	                     0, &err),
	    KLL_OK);
	/* An entity at the size limit, and one past it. */
	snprintf(big, sizeof(big), "<!DOCTYPE r [<!ENTITY e \"%0*d\">]>",
	    KLL_XML_ENTITY_MAX, 0);
	assert_int_equal(feed("rdfxml", big, 0, &err), KLL_OK);
	snprintf(big, sizeof(big), "<!DOCTYPE r [<!ENTITY e \"%0*d\">]>",
	    KLL_XML_ENTITY_MAX + 1, 0);
	assert_int_equal(feed("rdfxml", big, 0, &err), KLL_ESYNTAX);
}

static void
test_xml_expansion(void **state)
{
	size_t refs = 2 * KLL_XML_EXPAND_MAX / KLL_XML_ENTITY_MAX, i;
	sbuf b = { NULL, 0, 0 };
	kll_error err;

	(void)state;
	add(&b, "<!DOCTYPE r [<!ENTITY e \"%0*d\">]><r>", KLL_XML_ENTITY_MAX,
	    0);
	for (i = 0; i < refs; i++)
		add(&b, "&e;");
	add(&b, "</r>");
	assert_int_equal(feed("rdfxml", b.p, 0, &err), KLL_ESYNTAX);
	assert_non_null(strstr(err.msg, "entity references add"));
	free(b.p);
}

static void
test_syntaxes(void **state)
{
	(void)state;
	assert_true(kll__rdf_syntax_ok("rdfxml"));
	assert_true(kll__rdf_syntax_ok("turtle"));
	assert_true(kll__rdf_syntax_ok("ntriples"));
	assert_false(kll__rdf_syntax_ok("grddl"));
	assert_false(kll__rdf_syntax_ok("rdfa"));
	assert_false(kll__rdf_syntax_ok(NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_depth),
		cmocka_unit_test(test_tokens_hide_brackets),
		cmocka_unit_test(test_prefixes),
		cmocka_unit_test(test_long_token),
		cmocka_unit_test(test_xml),
		cmocka_unit_test(test_xml_expansion),
		cmocka_unit_test(test_syntaxes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
