/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test_rdf_read.c: Turtle and N-Triples read through serd behind the
 * guard (lib/rdf_read.c), and written back by serd (lib/rdf_write.c). */
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
#include <unistd.h>

#include "rdf_guard.h"
#include "rdf_read.h"
#include "rdf_write.h"

#define PRE                                                                  \
	"@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"          \
	"@prefix ex: <http://example.org/v/> .\n"

static char path[64];

/* Write s to a fresh file named like "name" (its extension picks the
 * syntax) and load it. */
static kll_status
load(const char *name, const char *s, size_t n, kll__graph *g, kll_error *err)
{
	FILE *fp;
	kll_status st;

	snprintf(path, sizeof(path), "/tmp/kll-rdf-read-%ld%s", (long)getpid(),
	    name);
	assert_non_null(fp = fopen(path, "wb"));
	assert_int_equal(fwrite(s, 1, n, fp), n);
	assert_int_equal(fclose(fp), 0);
	memset(g, 0, sizeof(*g));
	memset(err, 0, sizeof(*err));
	st = kll__graph_load(g, path, NULL, "http://example.org/base/", err);
	unlink(path);
	return st;
}

static void
expect(const char *name, const char *s, kll_status code, unsigned line,
    unsigned col, const char *msg)
{
	kll__graph g;
	kll_error err;

	assert_int_equal(load(name, s, strlen(s), &g, &err), code);
	if (strncmp(err.msg, msg, strlen(msg)) != 0 || err.line != line ||
	    err.col != col)
		print_error("%u:%u: %s\n", err.line, err.col, err.msg);
	assert_int_equal(err.code, code);
	assert_string_equal(err.file, path);
	assert_int_equal(err.line, line);
	assert_int_equal(err.col, col);
	assert_memory_equal(err.msg, msg, strlen(msg));
	kll__graph_free(&g);
	kll__arena_free(&g.arena);
}

static void
test_read(void **state)
{
	kll__graph g;
	kll_error err;
	const char *s = "\xef\xbb\xbf" PRE
	                "ex:1 a skos:Concept ; skos:prefLabel \"Ett\"@SV ;\n"
	                "  skos:broader <../v/./2> ; ex:other \"x\" .\n"
	                "ex:s skos:member ( ex:1 [ skos:notation \"n\" ] ) .\n";

	(void)state;
	assert_int_equal(load(".ttl", s, strlen(s), &g, &err), KLL_OK);
	/* type, prefLabel, broader; member, the list's cells, notation */
	assert_int_equal(g.nseen, 9);
	assert_int_equal(g.ntriple, 8);
	assert_string_equal(g.node[g.triple[1].o].key,
	    "http://example.org/v/2");
	assert_string_equal(g.lit[0].lang, "sv");
	assert_true(g.node[0].types != 0);
	kll__graph_free(&g);
	kll__arena_free(&g.arena);
}

/* serd's syntax errors, with their place. */
static void
test_syntax_errors(void **state)
{
	(void)state;
	expect(".ttl", PRE "ex:1 skos:notation \"1\"\nex:2 a skos:Concept .\n",
	    KLL_ESYNTAX, 4, 1, "missing ';' or '.'");
	expect(".ttl", PRE "ex:1 skos:notation ;\n", KLL_ESYNTAX, 3, 19,
	    "expected");
	expect(".nt", "<http://e/a b> <http://e/p> \"x\" .\n", KLL_ESYNTAX, 1,
	    12, "invalid IRI character");
	expect(".ttl", PRE "ex:1 skos:notation \"a\xe4x\" .\n", KLL_EENCODING,
	    3, 22, "invalid UTF-8");
	/* Found by kll, not serd: the place is looked for afresh, past
	 * strings, IRIs and comments that hold the same bytes. */
	expect(".ttl", PRE "ex:1 skos:notation nope:x .\n", KLL_ESYNTAX, 3, 20,
	    "undefined namespace prefix in 'nope:x'");
	expect(".ttl",
	    PRE "# nope:x\nex:1 skos:note \"nope:x\" , \"\"\"a\nnope:x\"\"\" ;\n"
	        "  skos:x <nope:x> ; skos:broader nope:x .\n",
	    KLL_ESYNTAX, 6, 34, "undefined namespace prefix in 'nope:x'");
}

/* The guard stops the input before serd reads it. */
static void
test_guard_limits(void **state)
{
	char *s, *p;
	size_t i, n = 2 * KLL_RDF_DEPTH_MAX + 64;

	(void)state;
	assert_non_null(s = malloc(n + sizeof(PRE) + 32));
	p = s + snprintf(s, sizeof(PRE) + 32, PRE "ex:1 skos:note ");
	for (i = 0; i <= KLL_RDF_DEPTH_MAX; i++)
		*p++ = '(';
	*p = '\0';
	expect(".ttl", s, KLL_ESYNTAX, 3, 15 + KLL_RDF_DEPTH_MAX + 1,
	    "[ ] and ( ) nested deeper than 256 levels");
	free(s);
}

/* serd writes the same graph the same way, whatever the order it came
 * in, and what it writes reads back. */
static void
test_write_sorted(void **state)
{
	kll__rdf *a = NULL, *b = NULL;
	kll_error err;
	char *ta = NULL, *tb = NULL;
	size_t na = 0, nb = 0;
	FILE *fp;
	kll__graph g;
	const char *items[] = { "http://example.org/v/l1",
		"http://example.org/v/l2" };

	(void)state;
	assert_int_equal(kll__rdf_new(&a, NULL, NULL, NULL, &err), KLL_OK);
	assert_int_equal(kll__rdf_new(&b, NULL, NULL, NULL, &err), KLL_OK);
	kll__rdf_prefix(a, "ex", "http://example.org/v/");
	kll__rdf_prefix(b, "ex", "http://example.org/v/");
	kll__rdf_add_iri(a, "http://example.org/v/1", NS_RDF "type",
	    NS_SKOS "Concept");
	kll__rdf_add_lit(a, "http://example.org/v/1", NS_SKOS "prefLabel",
	    "Ett \"citat\"\nrad", "sv");
	kll__rdf_add_list(a, "http://example.org/v/s", NS_XKOS "levels", items,
	    2, "lv");
	kll__rdf_add_list(b, "http://example.org/v/s", NS_XKOS "levels", items,
	    2, "lv");
	kll__rdf_add_lit(b, "http://example.org/v/1", NS_SKOS "prefLabel",
	    "Ett \"citat\"\nrad", "sv");
	kll__rdf_add_iri(b, "http://example.org/v/1", NS_RDF "type",
	    NS_SKOS "Concept");
	assert_non_null(fp = open_memstream(&ta, &na));
	assert_int_equal(kll__rdf_write(a, fp, "turtle", "a", &err), KLL_OK);
	fclose(fp);
	assert_non_null(fp = open_memstream(&tb, &nb));
	assert_int_equal(kll__rdf_write(b, fp, "turtle", "b", &err), KLL_OK);
	fclose(fp);
	assert_int_equal(na, nb);
	assert_memory_equal(ta, tb, na);
	assert_non_null(strstr(ta, "#levels> ("));
	assert_int_equal(load(".ttl", ta, na, &g, &err), KLL_OK);
	/* type, prefLabel, levels and the two cells' first and rest */
	assert_int_equal(g.nseen, 7);
	kll__graph_free(&g);
	kll__arena_free(&g.arena);
	free(ta);
	free(tb);
	kll__rdf_free(a);
	kll__rdf_free(b);
}

static void
test_free_null(void **state)
{
	(void)state;
	kll__rdf_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_guard_limits),
		cmocka_unit_test(test_write_sorted),
		cmocka_unit_test(test_free_null),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
