/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test_map_check.c: checking keys, their cardinality and their stats, and
 * the vocabulary cache (lib/mapcheck.c, lib/mapstats.c). */
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
#define VOCAB "tests/data/vocab"
#define MAXD  64

struct diags {
	size_t n;
	kll_error d[MAXD];
};

static void
collect(void *payload, const kll_error *d)
{
	struct diags *c = payload;

	if (c->n < MAXD)
		c->d[c->n] = *d;
	c->n++;
}

/* The reader's own findings are not what these tests are about. */
static void
ignore(void *payload, const kll_error *d)
{
	(void)payload;
	(void)d;
}

static kll_mapset *
read_key(const char *path)
{
	kll_sssom_opts so = KLL_SSSOM_OPTS_INIT;
	kll_mapset *m = NULL;
	kll_error err;

	so.diag = ignore;
	if (kll_mapset_read(&m, path, &so, &err) != KLL_OK)
		fail_msg("%s:%u:%u: %s", err.file, err.line, err.col, err.msg);
	return m;
}

/* Check key "path" with the test vocabularies; subject vocabulary
 * "subject" (may be NULL), findings at "min" and above in *c. */
static size_t
check(const char *path, const char *subject, kll_severity min, struct diags *c)
{
	kll_mapcheck_opts o = KLL_MAPCHECK_OPTS_INIT;
	kll_vocab_cache *vc = NULL;
	kll_mapset *m = read_key(path);
	kll_error err;
	size_t nerrors = 99;

	memset(c, 0, sizeof(*c));
	assert_int_equal(kll_vocab_cache_new(&vc, VOCAB, NULL, &err), KLL_OK);
	o.vocabs = vc;
	o.vocab[0] = subject;
	o.min = min;
	o.diag = collect;
	o.payload = c;
	assert_int_equal(kll_mapset_check(m, &o, &nerrors, &err), KLL_OK);
	kll_vocab_cache_free(vc);
	kll_mapset_free(m);
	return nerrors;
}

static void
expect(const struct diags *c, size_t i, kll_severity sev, const char *rule,
    unsigned line, unsigned col, const char *msg)
{
	if (i >= c->n)
		fail_msg("finding %zu of %zu expected: %s", i, c->n, msg);
	assert_int_equal(c->d[i].code, KLL_EINVALID);
	assert_string_equal(c->d[i].rule, rule);
	assert_string_equal(c->d[i].msg, msg);
	assert_int_equal(c->d[i].severity, sev);
	assert_int_equal(c->d[i].line, line);
	assert_int_equal(c->d[i].col, col);
}

/* ------------------------------------------------------------------ */
/* The vocabulary cache                                                 */

static void
test_cache_once(void **state)
{
	const kll_vocab *a = NULL, *b = NULL, *c = NULL;
	kll_vocab_cache *vc = NULL;
	kll_mapset *m = read_key(MAP "occ_isc.sssom.tsv");
	kll_error err;

	(void)state;
	assert_int_equal(kll_vocab_cache_new(&vc, VOCAB, NULL, &err), KLL_OK);
	assert_int_equal(kll_vocab_cache_open(&a, vc, "occ", &err), KLL_OK);
	assert_string_equal(kll_vocab_id(a), "occ");
	/* The same file by path, by scheme IRI, and from the key. */
	assert_int_equal(
	    kll_vocab_cache_open(&b, vc, VOCAB "/occ.ttl", &err), KLL_OK);
	assert_ptr_equal(a, b);
	assert_int_equal(
	    kll_vocab_cache_open(&b, vc, "https://kll.example.org/occ", &err),
	    KLL_OK);
	assert_ptr_equal(a, b);
	assert_int_equal(
	    kll_vocab_cache_source(&c, vc, m, "subject_source", &err), KLL_OK);
	assert_ptr_equal(a, c);
	assert_int_equal(
	    kll_vocab_cache_source(&c, vc, m, "object_source", &err), KLL_OK);
	assert_string_equal(kll_vocab_id(c), "isc");
	assert_ptr_not_equal(a, c);
	kll_vocab_cache_free(vc);
	kll_vocab_cache_free(NULL);
	kll_mapset_free(m);
}

static void
test_cache_failures(void **state)
{
	const kll_vocab *v = (const kll_vocab *)&v;
	kll_vocab_cache *vc = NULL;
	kll_mapset *m = read_key(MAP "check-no-vocabulary.sssom.tsv");
	kll_error err;
	kll_status st;
	char msg[512];

	(void)state;
	assert_int_equal(kll_vocab_cache_new(&vc, VOCAB, NULL, &err), KLL_OK);
	assert_int_equal(
	    kll_vocab_cache_open(&v, vc, "nope", &err), KLL_ENOTFOUND);
	assert_null(v);
	assert_string_equal(err.file, "nope");
	/* Asked again, the same answer without a new attempt. */
	memset(&err, 0, sizeof(err));
	assert_int_equal(
	    kll_vocab_cache_open(&v, vc, "nope", &err), KLL_ENOTFOUND);
	assert_string_equal(
	    err.msg, "no such vocabulary file, id or scheme IRI");
	/* A file that is no vocabulary fails with the loader's error, the
	 * same each time. */
	st = kll_vocab_cache_open(&v, vc, MAP "check-clean.sssom.tsv", &err);
	assert_int_not_equal(st, KLL_OK);
	snprintf(msg, sizeof(msg), "%s", err.msg);
	memset(&err, 0, sizeof(err));
	assert_int_equal(kll_vocab_cache_open(
	                     &v, vc, "./" MAP "check-clean.sssom.tsv", &err),
	    st);
	assert_string_equal(err.msg, msg);
	assert_int_equal(
	    kll_vocab_cache_source(&v, vc, m, "subject_source", &err),
	    KLL_ENOTFOUND);
	assert_string_equal(err.msg, "no subject_source in the metadata");
	assert_string_equal(err.file, MAP "check-no-vocabulary.sssom.tsv");
	assert_int_equal(
	    kll_vocab_cache_source(&v, vc, m, "object_source", &err),
	    KLL_ENOTFOUND);
	assert_string_equal(err.file, "https://kll.example.org/nope");
	assert_int_equal(
	    kll_vocab_cache_source(&v, vc, m, "license", &err), KLL_EARG);
	assert_int_equal(kll_vocab_cache_open(&v, vc, NULL, &err), KLL_EARG);
	kll_vocab_cache_free(vc);
	kll_mapset_free(m);
}

/* ------------------------------------------------------------------ */
/* Rules                                                                */

static void
test_rule_table(void **state)
{
	const kll_check_rule *r, *q;
	size_t i, j;

	(void)state;
	for (i = 0; (r = kll_mapcheck_rule_at(i)) != NULL; i++) {
		assert_true(strncmp(r->id, "map-", 4) == 0);
		assert_true(strlen(r->summary) > 10);
		for (j = 0; j < i; j++) {
			q = kll_mapcheck_rule_at(j);
			assert_string_not_equal(q->id, r->id);
		}
	}
	assert_int_equal(i, 16);
	assert_null(kll_mapcheck_rule_at(1000));
}

static void
test_clean(void **state)
{
	struct diags c;

	(void)state;
	assert_int_equal(
	    check(MAP "check-clean.sssom.tsv", NULL, KLL_SEV_WARNING, &c), 0);
	assert_int_equal(c.n, 0);
	assert_int_equal(
	    check(MAP "check-clean.sssom.tsv", NULL, KLL_SEV_INFO, &c), 0);
	assert_int_equal(c.n, 1);
	expect(&c, 0, KLL_SEV_INFO, "map-unmapped", 0, 0,
	    "1 of 7 codes on level 4 of isc are not mapped");
	assert_string_equal(c.d[0].file, MAP "check-clean.sssom.tsv");
}

/* Links of the metadata and of a record that a page would follow. */
static void
test_unsafe_link(void **state)
{
	struct diags c;

	(void)state;
	assert_int_equal(check("tests/data/hostile/js-license.sssom.tsv", NULL,
	                     KLL_SEV_WARNING, &c),
	    3);
	assert_int_equal(c.n, 3);
	expect(&c, 0, KLL_SEV_ERROR, "map-unsafe-link", 0, 0,
	    "license 'javascript:alert(1)' is not an http or https IRI: it "
	    "cannot be published as a link");
	expect(&c, 1, KLL_SEV_ERROR, "map-unsafe-link", 0, 0,
	    "see_also 'data:text/html,x' is not an http or https IRI: it "
	    "cannot be published as a link");
	expect(&c, 2, KLL_SEV_ERROR, "map-unsafe-link", 13, 110,
	    "mapping_provider 'vbscript:msgbox(1)' is not an http or https "
	    "IRI: it cannot be published as a link");
}

static void
test_broken_code(void **state)
{
	struct diags c;

	(void)state;
	assert_int_equal(
	    check(MAP "check-broken-code.sssom.tsv", NULL, KLL_SEV_WARNING, &c),
	    1);
	assert_int_equal(c.n, 1);
	expect(&c, 0, KLL_SEV_ERROR, "map-unknown-subject", 12, 1,
	    "unknown code '2521' in occ");
}

static void
test_unknown(void **state)
{
	struct diags c;

	(void)state;
	assert_int_equal(
	    check(MAP "check-unknown.sssom.tsv", NULL, KLL_SEV_WARNING, &c), 5);
	assert_int_equal(c.n, 5);
	expect(&c, 0, KLL_SEV_ERROR, "map-unknown-subject", 11, 1,
	    "unknown code '9999' in occ");
	expect(&c, 1, KLL_SEV_ERROR, "map-unknown-subject", 12, 1,
	    "unknown code '110' in occ: did you mean 'occ:0110'");
	expect(&c, 2, KLL_SEV_ERROR, "map-unknown-object", 13, 26,
	    "unknown code '9999' in isc");
	expect(&c, 3, KLL_SEV_ERROR, "map-unknown-object", 14, 26,
	    "'occ:5321' is no concept of isc: did you mean 'isc:5321'");
	/* sssom:NoTermFound on line 15 is no unknown code. */
	expect(&c, 4, KLL_SEV_ERROR, "map-unknown-subject", 16, 1,
	    "unknown code '9999' in occ");
}

/* A vocabulary with deprecated concepts, in a temporary file. */
static char *
deprecated_vocab(void)
{
	static const char ttl[] =
	    "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
	    "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
	    "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
	    "@prefix ex: <https://kll.example.org/dep/> .\n"
	    "<https://kll.example.org/dep> a skos:ConceptScheme ;\n"
	    "  dcterms:identifier \"dep\" ;\n"
	    "  skos:hasTopConcept ex:1, ex:2, ex:3, ex:4, ex:5 .\n"
	    "ex:1 a skos:Concept ; skos:notation \"1\" ; "
	    "skos:prefLabel \"One\"@en .\n"
	    "ex:2 a skos:Concept ; skos:notation \"2\" ; "
	    "skos:prefLabel \"Two\"@en ;\n"
	    "  owl:deprecated true ; dcterms:isReplacedBy ex:3, ex:4 .\n"
	    "ex:3 a skos:Concept ; skos:notation \"3\" ; "
	    "skos:prefLabel \"Three\"@en .\n"
	    "ex:4 a skos:Concept ; skos:notation \"4\" ; "
	    "skos:prefLabel \"Four\"@en .\n"
	    "ex:5 a skos:Concept ; skos:notation \"5\" ; "
	    "skos:prefLabel \"Five\"@en ;\n"
	    "  owl:deprecated true .\n";
	char *path = strdup("/tmp/test_map_check_XXXXXX");
	FILE *fp;
	int fd;

	assert_non_null(path);
	assert_true((fd = mkstemp(path)) >= 0);
	assert_non_null(fp = fdopen(fd, "w"));
	assert_int_equal(fputs(ttl, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
	return path;
}

static void
test_deprecated(void **state)
{
	char *dep = deprecated_vocab(), name[300];
	struct diags c;

	(void)state;
	snprintf(name, sizeof(name), "%s", dep);
	assert_int_equal(
	    check(MAP "check-deprecated.sssom.tsv", name, KLL_SEV_INFO, &c), 0);
	assert_int_equal(c.n, 4);
	expect(&c, 0, KLL_SEV_WARNING, "map-deprecated-subject", 11, 1,
	    "code '2' of dep is deprecated, replaced by '3' and '4'");
	expect(&c, 1, KLL_SEV_WARNING, "map-deprecated-subject", 12, 1,
	    "code '5' of dep is deprecated and has no replacement");
	/* Deprecated concepts need no mapping: 2 of the other 3. */
	expect(&c, 2, KLL_SEV_INFO, "map-unmapped", 0, 0,
	    "2 of 3 codes on level 1 of dep are not mapped");
	expect(&c, 3, KLL_SEV_INFO, "map-unmapped", 0, 0,
	    "4 of 7 codes on level 4 of isc are not mapped");
	unlink(dep);
	free(dep);
}

static void
test_levels(void **state)
{
	struct diags c;

	(void)state;
	assert_int_equal(
	    check(MAP "check-levels.sssom.tsv", NULL, KLL_SEV_INFO, &c), 1);
	assert_int_equal(c.n, 6);
	/* Declared in the metadata: an error; undeclared: an info. */
	expect(&c, 0, KLL_SEV_ERROR, "map-wrong-level", 12, 1,
	    "code '251' is on level 3 of occ, not on the key's subject "
	    "level 4");
	expect(&c, 1, KLL_SEV_INFO, "map-wrong-level", 12, 25,
	    "objects mix levels 3 and 4 of isc: 4 rows are on level 4, 1 on "
	    "others, the first of them here");
	expect(&c, 2, KLL_SEV_INFO, "map-unmapped", 0, 0,
	    "2 of 3 codes on level 3 of occ are not mapped");
	expect(&c, 3, KLL_SEV_INFO, "map-unmapped", 0, 0,
	    "2 of 6 codes on level 4 of occ are not mapped");
	expect(&c, 4, KLL_SEV_INFO, "map-unmapped", 0, 0,
	    "2 of 3 codes on level 3 of isc are not mapped");
	expect(&c, 5, KLL_SEV_INFO, "map-unmapped", 0, 0,
	    "3 of 7 codes on level 4 of isc are not mapped");
}

static void
test_levels_option(void **state)
{
	kll_mapcheck_opts o = KLL_MAPCHECK_OPTS_INIT;
	kll_vocab_cache *vc = NULL;
	kll_mapset *m = read_key(MAP "check-levels.sssom.tsv");
	struct diags c;
	kll_error err;
	size_t ne;

	(void)state;
	memset(&c, 0, sizeof(c));
	assert_int_equal(kll_vocab_cache_new(&vc, VOCAB, NULL, &err), KLL_OK);
	o.vocabs = vc;
	o.level[0] = 3; /* overrides the metadata's 4 */
	o.level[1] = 9;
	o.min = KLL_SEV_WARNING;
	o.diag = collect;
	o.payload = &c;
	assert_int_equal(kll_mapset_check(m, &o, &ne, &err), KLL_OK);
	assert_int_equal(ne, 5);
	expect(&c, 0, KLL_SEV_ERROR, "map-wrong-level", 0, 0,
	    "the key's object level 9 is no level of isc, which has 4");
	expect(&c, 1, KLL_SEV_ERROR, "map-wrong-level", 11, 1,
	    "code '0110' is on level 4 of occ, not on the key's subject "
	    "level 3");
	expect(&c, 4, KLL_SEV_ERROR, "map-wrong-level", 15, 1,
	    "code '5321' is on level 4 of occ, not on the key's subject "
	    "level 3");
	kll_vocab_cache_free(vc);
	kll_mapset_free(m);
}

static void
test_labels(void **state)
{
	struct diags c;

	(void)state;
	assert_int_equal(
	    check(MAP "check-labels.sssom.tsv", NULL, KLL_SEV_WARNING, &c), 0);
	assert_int_equal(c.n, 2);
	/* Line 11's subject_label is the English one: no drift. */
	expect(&c, 0, KLL_SEV_WARNING, "map-label-drift", 11, 71,
	    "object_label 'System analysts' is no prefLabel of '2511' in isc, "
	    "which has 'Systems analysts'@en");
	expect(&c, 1, KLL_SEV_WARNING, "map-label-drift", 12, 10,
	    "subject_label 'Mjukvaruutvecklare' is no prefLabel of '2512' in "
	    "occ, which has 'Software and systems developers'@en, "
	    "'Mjukvaru- och systemutvecklare m.fl.'@sv");
}

/* Columns where a quoted value spans lines and holds tabs, with CRLF line
 * ends and a blank line; values in messages stay on one line. */
static void
test_quoted(void **state)
{
	struct diags c;

	(void)state;
	assert_int_equal(
	    check(MAP "check-quoted.sssom.tsv", NULL, KLL_SEV_WARNING, &c), 1);
	assert_int_equal(c.n, 4);
	expect(&c, 0, KLL_SEV_ERROR, "map-unknown-object", 11, 56,
	    "unknown code '9999' in isc");
	expect(&c, 1, KLL_SEV_WARNING, "map-label-drift", 10, 1,
	    "subject_label 'Two\\nlines, a \"quote\" and a\\ttab' is no "
	    "prefLabel of '0110' in occ, which has 'Commissioned armed forces "
	    "officers'@en, 'Officerare'@sv");
	expect(&c, 2, KLL_SEV_WARNING, "map-label-drift", 13, 1,
	    "subject_label 'Officerare' is no prefLabel of '2511' in occ, "
	    "which has 'Systems analysts and ICT architects'@en, "
	    "'Systemanalytiker och IT-arkitekter m.fl.'@sv");
	/* A short last row: its missing fields are where it ends. */
	expect(&c, 3, KLL_SEV_WARNING, "map-label-drift", 14, 1,
	    "subject_label 'Officerare' is no prefLabel of '2512' in occ, "
	    "which has 'Software and systems developers'@en, "
	    "'Mjukvaru- och systemutvecklare m.fl.'@sv");
}

static void
test_duplicates(void **state)
{
	struct diags c;

	(void)state;
	assert_int_equal(
	    check(MAP "check-duplicates.sssom.tsv", NULL, KLL_SEV_WARNING, &c),
	    3);
	assert_int_equal(c.n, 3);
	expect(&c, 0, KLL_SEV_ERROR, "map-duplicate-row", 12, 1,
	    "duplicate of the row on line 10");
	/* Line 13 differs from line 11 in its justification only: a record
	 * of its own, which line 15 repeats. */
	expect(&c, 1, KLL_SEV_ERROR, "map-duplicate-row", 15, 1,
	    "duplicate of the row on line 13");
	expect(&c, 2, KLL_SEV_ERROR, "map-duplicate-row", 16, 1,
	    "duplicate of the row on line 10");
}

static void
test_contradictions(void **state)
{
	struct diags c;

	(void)state;
	assert_int_equal(check(MAP "check-contradictions.sssom.tsv", NULL,
	                     KLL_SEV_WARNING, &c),
	    4);
	assert_int_equal(c.n, 4);
	expect(&c, 0, KLL_SEV_ERROR, "map-contradiction", 12, 10,
	    "skos:broadMatch contradicts the skos:exactMatch of the same "
	    "pair on line 10");
	expect(&c, 1, KLL_SEV_ERROR, "map-contradiction", 13, 10,
	    "skos:narrowMatch contradicts the skos:broadMatch of the same "
	    "pair on line 11");
	expect(&c, 2, KLL_SEV_ERROR, "map-contradiction", 15, 10,
	    "skos:exactMatch contradicts the Not skos:exactMatch of the same "
	    "pair on line 14");
	/* closeMatch, relatedMatch and Not exactMatch (lines 16-18) agree;
	 * relatedMatch and exactMatch do not. */
	expect(&c, 3, KLL_SEV_ERROR, "map-contradiction", 20, 10,
	    "skos:exactMatch contradicts the skos:relatedMatch of the same "
	    "pair on line 19");
}

static void
test_hierarchy(void **state)
{
	struct diags c;

	(void)state;
	assert_int_equal(
	    check(MAP "check-hierarchy.sssom.tsv", NULL, KLL_SEV_ERROR, &c), 2);
	assert_int_equal(c.n, 2);
	expect(&c, 0, KLL_SEV_ERROR, "map-hierarchy-clash", 11, 26,
	    "'occ:2511' is an exactMatch of 'isc:25' and, on line 10, of its "
	    "descendant 'isc:2511'");
	expect(&c, 1, KLL_SEV_ERROR, "map-hierarchy-clash", 14, 1,
	    "'isc:2512' is an exactMatch of 'occ:2512' and, on line 13, of "
	    "its ancestor 'occ:251'");
	/* each such exact match also has two exact counterparts */
	check(MAP "check-hierarchy.sssom.tsv", NULL, KLL_SEV_WARNING, &c);
	assert_int_equal(c.n, 7);
	assert_string_equal(c.d[0].rule, "map-exact-not-one-to-one");
}

/* Predicates: SKOS, OWL or RDFS terms that are no mapping property are
 * errors with the one meant; another vocabulary's a warning; an exact
 * match with two exact counterparts a warning. */
static void
test_predicates(void **state)
{
	struct diags c;

	(void)state;
	assert_int_equal(
	    check(MAP "check-predicates.sssom.tsv", NULL, KLL_SEV_WARNING, &c),
	    2);
	assert_int_equal(c.n, 7);
	/* What a row has on its own first, then what needs every row. */
	expect(&c, 0, KLL_SEV_ERROR, "map-bad-predicate", 11, 10,
	    "predicate 'skos:sameAs' is no mapping property; did you mean "
	    "'owl:sameAs'?");
	expect(&c, 1, KLL_SEV_ERROR, "map-bad-predicate", 16, 10,
	    "predicate 'skos:exactmatch' is no mapping property; did you "
	    "mean 'skos:exactMatch'?");
	expect(&c, 2, KLL_SEV_WARNING, "map-other-predicate", 18, 10,
	    "predicate 'ex:partOf' is from no vocabulary of mapping "
	    "properties: kll-map compose and invert refuse it");
	expect(&c, 3, KLL_SEV_WARNING, "map-exact-not-one-to-one", 12, 10,
	    "skos:exactMatch on a row that is 1:n among the key's exact "
	    "matches: the subject has other exact counterparts "
	    "(skos:narrowMatch?)");
	expect(&c, 5, KLL_SEV_WARNING, "map-exact-not-one-to-one", 14, 10,
	    "skos:exactMatch on a row that is n:1 among the key's exact "
	    "matches: the object has other exact counterparts "
	    "(skos:broadMatch?)");
	/* a clean key has none */
	check(MAP "check-clean.sssom.tsv", NULL, KLL_SEV_WARNING, &c);
	assert_int_equal(c.n, 0);
}

static void
test_cardinality(void **state)
{
	struct diags c;

	(void)state;
	assert_int_equal(
	    check(MAP "check-cardinality.sssom.tsv", NULL, KLL_SEV_WARNING, &c),
	    2);
	assert_int_equal(c.n, 4);
	expect(&c, 0, KLL_SEV_WARNING, "map-cardinality", 12, 65,
	    "mapping_cardinality is 1:1 but the row is 1:n");
	expect(&c, 1, KLL_SEV_ERROR, "map-cardinality", 12, 1,
	    "the row is 1:n, which the key's declared mapping_cardinality n:1 "
	    "does not allow");
	expect(&c, 2, KLL_SEV_ERROR, "map-cardinality", 13, 1,
	    "the row is 1:n, which the key's declared mapping_cardinality n:1 "
	    "does not allow");
	expect(&c, 3, KLL_SEV_WARNING, "map-cardinality", 16, 73,
	    "mapping_cardinality is 1:1 but the row is 1:0");
}

/* The same key with a first column of 70,000 bytes on line 12: the
 * findings made after the last row still give the columns past it. */
static void
test_wide_columns(void **state)
{
	char path[] = "/tmp/kll-test-wide-XXXXXX", line[512];
	const unsigned wide = 70000;
	struct diags c;
	FILE *in, *out;
	unsigned n = 0, i;
	int fd;

	(void)state;
	assert_true((fd = mkstemp(path)) >= 0);
	assert_non_null(out = fdopen(fd, "w"));
	assert_non_null(in = fopen(MAP "check-cardinality.sssom.tsv", "r"));
	while (fgets(line, sizeof(line), in) != NULL) {
		n++;
		if (line[0] == '#') {
			fputs(line, out);
			continue;
		}
		if (n == 12)
			for (i = 0; i < wide; i++)
				fputc('x', out);
		fprintf(out, "%s\t%s", n == 10 ? "comment" : "", line);
	}
	fclose(in);
	assert_int_equal(fclose(out), 0);
	assert_int_equal(check(path, NULL, KLL_SEV_WARNING, &c), 2);
	unlink(path);
	assert_int_equal(c.n, 4);
	expect(&c, 0, KLL_SEV_WARNING, "map-cardinality", 12, wide + 66,
	    "mapping_cardinality is 1:1 but the row is 1:n");
	expect(&c, 1, KLL_SEV_ERROR, "map-cardinality", 12, wide + 2,
	    "the row is 1:n, which the key's declared mapping_cardinality n:1 "
	    "does not allow");
	expect(&c, 2, KLL_SEV_ERROR, "map-cardinality", 13, 2,
	    "the row is 1:n, which the key's declared mapping_cardinality n:1 "
	    "does not allow");
	expect(&c, 3, KLL_SEV_WARNING, "map-cardinality", 16, 74,
	    "mapping_cardinality is 1:1 but the row is 1:0");
}

static void
test_scope(void **state)
{
	struct diags c;

	(void)state;
	assert_int_equal(
	    check(MAP "check-scope.sssom.tsv", NULL, KLL_SEV_WARNING, &c), 0);
	assert_int_equal(c.n, 2);
	expect(&c, 0, KLL_SEV_WARNING, "map-cardinality", 0, 0,
	    "cardinality_scope names 'nonsense', which is no slot of a "
	    "mapping; left out");
	expect(&c, 1, KLL_SEV_WARNING, "map-cardinality", 14, 66,
	    "mapping_cardinality is 1:1 but the row is n:1 within its "
	    "cardinality_scope");
}

static void
test_no_vocabulary(void **state)
{
	struct diags c;

	(void)state;
	/* The rules that need no vocabulary still run. */
	assert_int_equal(check(MAP "check-no-vocabulary.sssom.tsv", NULL,
	                     KLL_SEV_WARNING, &c),
	    3);
	assert_int_equal(c.n, 3);
	expect(&c, 0, KLL_SEV_ERROR, "map-no-vocabulary", 0, 0,
	    "subject vocabulary: no subject_source in the metadata");
	expect(&c, 1, KLL_SEV_ERROR, "map-no-vocabulary", 0, 0,
	    "object vocabulary: https://kll.example.org/nope: no such "
	    "vocabulary file, id or scheme IRI");
	expect(&c, 2, KLL_SEV_ERROR, "map-duplicate-row", 10, 1,
	    "duplicate of the row on line 9");
}

static void
test_severity_floor(void **state)
{
	struct diags c;

	(void)state;
	/* Errors are counted whatever is shown. */
	assert_int_equal(
	    check(MAP "check-cardinality.sssom.tsv", NULL, KLL_SEV_ERROR, &c),
	    2);
	assert_int_equal(c.n, 2);
	expect(&c, 0, KLL_SEV_ERROR, "map-cardinality", 12, 1,
	    "the row is 1:n, which the key's declared mapping_cardinality n:1 "
	    "does not allow");
}

/* Without opts: no vocabulary rules, no sink, only the count. */
static void
test_no_opts(void **state)
{
	kll_mapset *m = read_key(MAP "check-duplicates.sssom.tsv");
	kll_error err;
	size_t ne = 0;

	(void)state;
	assert_int_equal(kll_mapset_check(m, NULL, &ne, &err), KLL_OK);
	assert_int_equal(ne, 3);
	assert_int_equal(kll_mapset_check(m, NULL, NULL, NULL), KLL_OK);
	ne = 7;
	assert_int_equal(kll_mapset_check(NULL, NULL, &ne, &err), KLL_EARG);
	assert_int_equal(ne, 0);
	kll_mapset_free(m);
}

/* A set built in code has no file to read columns from. */
static void
test_built_in_code(void **state)
{
	kll_mapset *m = NULL;
	kll_mapcheck_opts o = KLL_MAPCHECK_OPTS_INIT;
	struct diags c;
	kll_error err;
	size_t rec, i, ne;

	(void)state;
	memset(&c, 0, sizeof(c));
	assert_int_equal(kll_mapset_new(&m, &err), KLL_OK);
	assert_int_equal(kll_mapset_add_prefix(
	                     m, "occ", "https://kll.example.org/occ/", &err),
	    KLL_OK);
	for (i = 0; i < 2; i++) {
		assert_int_equal(kll_mapset_add(m, &rec, &err), KLL_OK);
		kll_mapset_set(m, rec, KLL_SLOT_SUBJECT_ID, "occ:1", &err);
		kll_mapset_set(
		    m, rec, KLL_SLOT_PREDICATE_ID, "skos:exactMatch", &err);
		kll_mapset_set(m, rec, KLL_SLOT_OBJECT_ID, "occ:2", &err);
		kll_mapset_set(m, rec, KLL_SLOT_MAPPING_JUSTIFICATION,
		    "semapv:ManualMappingCuration", &err);
	}
	o.diag = collect;
	o.payload = &c;
	assert_int_equal(kll_mapset_check(m, &o, &ne, &err), KLL_OK);
	assert_int_equal(ne, 1);
	expect(&c, 0, KLL_SEV_ERROR, "map-duplicate-row", 0, 0,
	    "duplicate of the row in record 1");
	kll_mapset_free(m);
}

/* ------------------------------------------------------------------ */
/* Cardinality                                                          */

static void
test_cardinality_names(void **state)
{
	int i;

	(void)state;
	for (i = 1; i < KLL_CARD__COUNT; i++)
		assert_int_equal(kll_cardinality_from_name(
		                     kll_cardinality_name((kll_cardinality)i)),
		    i);
	assert_string_equal(kll_cardinality_name(KLL_CARD_NONE), "");
	assert_string_equal(kll_cardinality_name(KLL_CARD__COUNT), "");
	assert_string_equal(kll_cardinality_name(KLL_CARD_N_1), "n:1");
	assert_int_equal(kll_cardinality_from_name("n:m"), KLL_CARD_NONE);
	assert_int_equal(kll_cardinality_from_name(NULL), KLL_CARD_NONE);
}

/* Every record's shape is what its mapping_cardinality says, in the
 * specification's examples (when they are there) and in ours. */
static void
shapes_agree(const char *path)
{
	kll_mapset *m;
	unsigned char *s;
	const char *d;
	kll_error err;
	size_t i, n;

	if (access(path, R_OK) != 0)
		return;
	m = read_key(path);
	n = kll_mapset_count(m);
	assert_non_null(s = malloc(n + 1));
	assert_int_equal(kll_mapset_cardinalities(s, m, &err), KLL_OK);
	for (i = 0; i < n; i++) {
		d = kll_mapset_get(m, i, KLL_SLOT_MAPPING_CARDINALITY);
		if (d == NULL || strcmp(d, kll_cardinality_name(s[i])) != 0)
			fail_msg("%s:%u: %s, not %s", path,
			    kll_mapset_line(m, i), kll_cardinality_name(s[i]),
			    d ? d : "");
	}
	free(s);
	kll_mapset_free(m);
}

static void
test_cardinalities(void **state)
{
	static const char *const spec[] = { "cardinality",
		"cardinality-with-unmapped-entities", "cardinality-scope-empty",
		"cardinality-scope-predicate",
		"cardinality-scope-predicate+object_source" };
	const char *sh = getenv("KLL_SHARED");
	char path[512];
	unsigned char s[16];
	kll_mapset *m;
	kll_error err;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(spec) / sizeof(spec[0]); i++) {
		snprintf(path, sizeof(path),
		    "%s/spec/sssom/examples-spec/schema/%s.sssom.tsv",
		    sh ? sh : "../shared", spec[i]);
		shapes_agree(path);
	}
	shapes_agree(MAP "check-clean.sssom.tsv");
	m = read_key(MAP "occ_isc.sssom.tsv");
	assert_int_equal(kll_mapset_cardinalities(s, m, &err), KLL_OK);
	assert_int_equal(s[0], KLL_CARD_1_1);
	assert_int_equal(s[1], KLL_CARD_1_N);
	assert_int_equal(s[3], KLL_CARD_N_1);
	assert_int_equal(s[5], KLL_CARD_N_N);
	assert_int_equal(s[6], KLL_CARD_1_N);
	assert_int_equal(s[7], KLL_CARD_N_1);
	assert_int_equal(kll_mapset_cardinalities(s, NULL, &err), KLL_EARG);
	kll_mapset_free(m);
}

/* ------------------------------------------------------------------ */
/* Stats                                                                */

static void
test_stats(void **state)
{
	kll_vocab_cache *vc = NULL;
	const kll_vocab *sv, *ov;
	kll_mapset *m = read_key(MAP "occ_isc.sssom.tsv");
	kll_mapstats s;
	kll_error err;

	(void)state;
	assert_int_equal(kll_vocab_cache_new(&vc, VOCAB, NULL, &err), KLL_OK);
	assert_int_equal(kll_vocab_cache_open(&sv, vc, "occ", &err), KLL_OK);
	assert_int_equal(kll_vocab_cache_open(&ov, vc, "isc", &err), KLL_OK);
	assert_int_equal(kll_mapset_stats(&s, m, sv, ov, &err), KLL_OK);
	assert_int_equal(s.rows, 8);
	assert_int_equal(s.npreds, 4);
	assert_string_equal(s.preds[0].predicate, "skos:broadMatch");
	assert_int_equal(s.preds[0].rows, 2);
	assert_string_equal(s.preds[3].predicate, "skos:relatedMatch");
	assert_int_equal(s.preds[3].rows, 3);
	assert_int_equal(s.card[KLL_CARD_1_1], 1);
	assert_int_equal(s.card[KLL_CARD_1_N], 3);
	assert_int_equal(s.card[KLL_CARD_N_1], 3);
	assert_int_equal(s.card[KLL_CARD_N_N], 1);
	assert_int_equal(s.distinct[0], 6);
	assert_int_equal(s.distinct[1], 6);
	assert_int_equal(s.unknown[0], 0);
	assert_int_equal(s.nlevels[0], 4);
	assert_int_equal(s.levels[0][3].level, 4);
	assert_int_equal(s.levels[0][3].concepts, 6);
	assert_int_equal(s.levels[0][3].mapped, 6);
	assert_int_equal(s.levels[1][3].concepts, 7);
	assert_int_equal(s.levels[1][3].mapped, 6);
	assert_int_equal(s.levels[1][0].mapped, 0);
	kll_mapstats_release(&s);
	kll_mapstats_release(NULL);
	kll_vocab_cache_free(vc);
	kll_mapset_free(m);
}

static void
test_stats_plain(void **state)
{
	kll_mapset *m = read_key(MAP "check-unknown.sssom.tsv");
	kll_mapstats s;
	kll_error err;

	(void)state;
	assert_int_equal(kll_mapset_stats(&s, m, NULL, NULL, &err), KLL_OK);
	assert_int_equal(s.rows, 7);
	assert_int_equal(s.npreds, 2);
	assert_string_equal(s.preds[0].predicate, "skos:closeMatch");
	/* sssom:NoTermFound is no object. */
	assert_int_equal(s.distinct[0], 6);
	assert_int_equal(s.distinct[1], 6);
	assert_int_equal(s.card[KLL_CARD_1_0], 1);
	assert_int_equal(s.nlevels[0], 0);
	assert_null(s.levels[0]);
	kll_mapstats_release(&s);
	assert_int_equal(
	    kll_mapset_stats(&s, NULL, NULL, NULL, &err), KLL_EARG);
	kll_mapset_free(m);
	m = read_key(MAP "check-contradictions.sssom.tsv");
	assert_int_equal(kll_mapset_stats(&s, m, NULL, NULL, &err), KLL_OK);
	assert_int_equal(s.npreds, 6);
	assert_string_equal(s.preds[2].predicate, "skos:exactMatch");
	assert_int_equal(s.preds[2].negated, 0);
	assert_int_equal(s.preds[2].rows, 3);
	assert_string_equal(s.preds[3].predicate, "skos:exactMatch");
	assert_int_equal(s.preds[3].negated, 1);
	assert_int_equal(s.preds[3].rows, 2);
	kll_mapstats_release(&s);
	kll_mapset_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cache_once),
		cmocka_unit_test(test_cache_failures),
		cmocka_unit_test(test_rule_table),
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_unsafe_link),
		cmocka_unit_test(test_broken_code),
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_deprecated),
		cmocka_unit_test(test_levels),
		cmocka_unit_test(test_levels_option),
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_quoted),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_contradictions),
		cmocka_unit_test(test_hierarchy),
		cmocka_unit_test(test_predicates),
		cmocka_unit_test(test_cardinality),
		cmocka_unit_test(test_wide_columns),
		cmocka_unit_test(test_scope),
		cmocka_unit_test(test_no_vocabulary),
		cmocka_unit_test(test_severity_floor),
		cmocka_unit_test(test_no_opts),
		cmocka_unit_test(test_built_in_code),
		cmocka_unit_test(test_cardinality_names),
		cmocka_unit_test(test_cardinalities),
		cmocka_unit_test(test_stats),
		cmocka_unit_test(test_stats_plain),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
