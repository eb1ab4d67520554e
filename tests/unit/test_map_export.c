/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test_map_export.c: keys as SKOS, SSSOM/RDF and XKOS (lib/map_export.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kll.h"

#define MAP   "tests/data/map/"
#define VOCAB "tests/data/vocab"
#define OCC   "https://kll.example.org/occ/"
#define ISC   "https://kll.example.org/isc/"
#define XKOS  "http://rdf-vocabulary.ddialliance.org/xkos#"
#define SSSOM "https://w3id.org/sssom/"
#define XSD   "http://www.w3.org/2001/XMLSchema#"
#define MAXD  16

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

static kll_mapset *
read_key(const char *path)
{
	kll_sssom_opts o = KLL_SSSOM_OPTS_INIT;
	struct diags c;
	kll_mapset *m = NULL;
	kll_error err;

	memset(&c, 0, sizeof(c));
	o.diag = collect;
	o.payload = &c;
	if (kll_mapset_read(&m, path, &o, &err) != KLL_OK)
		fail_msg("%s:%u: %s", err.file, err.line, err.msg);
	return m;
}

/* The export of m in N-Triples (or opts' syntax) as a string; NULL and
 * err filled on failure. */
static char *export(const kll_mapset *m, kll_export_opts *o,
    kll_export_stats *st, struct diags *c, kll_error *err)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	kll_status s;

	assert_non_null(fp);
	if (o->syntax == NULL)
		o->syntax = "ntriples";
	if (c != NULL) {
		memset(c, 0, sizeof(*c));
		o->diag = collect;
		o->payload = c;
	}
	s = kll_mapset_export(m, o, fp, "<memory>", st, err);
	fclose(fp);
	if (s != KLL_OK) {
		free(buf);
		return NULL;
	}
	return buf;
}

static size_t
count_lines(const char *text)
{
	size_t n = 0;

	for (; *text; text++)
		n += *text == '\n';
	return n;
}

/* Whether the text has the line "s p o ." (N-Triples). */
static int
has_triple(const char *text, const char *s, const char *p, const char *o)
{
	char line[1024];

	snprintf(line, sizeof(line), "%s %s %s .\n", s, p, o);
	return strstr(text, line) != NULL;
}

#define IRI(x) "<" x ">"

static void
test_can_write(void **state)
{
	(void)state;
	assert_true(kll_rdf_can_write("turtle"));
	assert_true(kll_rdf_can_write("ntriples"));
	assert_true(kll_rdf_can_write("rdfxml"));
	assert_false(kll_rdf_can_write("sssom"));
	assert_false(kll_rdf_can_write(""));
	assert_false(kll_rdf_can_write(NULL));
}

static void
test_bad_args(void **state)
{
	kll_export_opts o = KLL_EXPORT_OPTS_INIT;
	kll_mapset *m = read_key(MAP "occ_isc.sssom.tsv");
	kll_export_stats st = { 1, 1, 1, 1, 1 };
	kll_error err;
	FILE *fp = tmpfile();

	(void)state;
	assert_int_equal(
	    kll_mapset_export(NULL, &o, fp, "x", &st, &err), KLL_EARG);
	assert_int_equal(st.records, 0);
	assert_int_equal(
	    kll_mapset_export(m, &o, NULL, "x", NULL, &err), KLL_EARG);
	o.form = (kll_export_form)7;
	assert_int_equal(
	    kll_mapset_export(m, &o, fp, "x", NULL, &err), KLL_EARG);
	o.form = KLL_EXPORT_XKOS;
	o.lang = "e n";
	assert_int_equal(
	    kll_mapset_export(m, &o, fp, "x", NULL, &err), KLL_EARG);
	assert_string_equal(err.msg, "bad language tag 'e n'");
	o.lang = NULL;
	o.syntax = "sssom";
	assert_int_equal(
	    kll_mapset_export(m, &o, fp, "x", NULL, NULL), KLL_EARG);
	o.syntax = NULL;
	o.storage = "no-such-storage";
	assert_int_equal(
	    kll_mapset_export(m, &o, fp, "x", NULL, &err), KLL_EARG);
	assert_non_null(strstr(err.msg, "no-such-storage"));
	assert_int_equal(ftell(fp), 0);
	fclose(fp);
	kll_mapset_free(m);
}

static void
test_skos(void **state)
{
	kll_export_opts o = KLL_EXPORT_OPTS_INIT;
	kll_mapset *m = read_key(MAP "occ_isc.sssom.tsv");
	kll_export_stats st;
	struct diags c;
	kll_error err;
	char *nt;

	(void)state;
	nt = export(m, &o, &st, &c, &err);
	assert_non_null(nt);
	assert_int_equal(count_lines(nt), 8);
	assert_int_equal(st.records, 8);
	assert_int_equal(st.negated + st.no_term + st.literal, 0);
	assert_int_equal(c.n, 0);
	assert_true(has_triple(nt, IRI(OCC "2511"),
	    IRI("http://www.w3.org/2004/02/skos/core#narrowMatch"),
	    IRI(ISC "2513")));
	free(nt);
	kll_mapset_free(m);
}

static void
test_skos_left_out(void **state)
{
	kll_export_opts o = KLL_EXPORT_OPTS_INIT;
	kll_mapset *m = read_key(MAP "export-full.sssom.tsv");
	kll_export_stats st;
	struct diags c;
	kll_error err;
	char *nt;

	(void)state;
	nt = export(m, &o, &st, &c, &err);
	assert_non_null(nt);
	assert_int_equal(count_lines(nt), 5);
	assert_int_equal(st.records, 5);
	assert_int_equal(st.negated, 1);
	assert_int_equal(st.no_term, 2);
	assert_null(strstr(nt, OCC "5321"));
	assert_null(strstr(nt, "NoTermFound"));
	assert_int_equal(c.n, 2);
	assert_int_equal(c.d[0].severity, KLL_SEV_INFO);
	assert_string_equal(c.d[0].rule, "export-negated");
	assert_string_equal(c.d[0].file, MAP "export-full.sssom.tsv");
	assert_string_equal(c.d[0].msg,
	    "1 record with predicate_modifier Not left out: SKOS cannot say "
	    "that concepts do not match");
	assert_string_equal(c.d[1].rule, "export-no-term");
	assert_string_equal(
	    c.d[1].msg, "2 records with sssom:NoTermFound left out");
	free(nt);
	kll_mapset_free(m);
}

/* The association of the fixture key named after its first source and
 * target, with exactly these sources and targets. */
static void
assert_group(const char *nt, const char *name, const char *const *src,
    size_t nsrc, const char *const *tgt, size_t ntgt)
{
	char a[256], c[256], needle[400];
	const char *p;
	size_t i, n = 0;

	snprintf(a, sizeof(a), "<https://kll.example.org/mappings/%s>", name);
	assert_true(has_triple(nt, a,
	    IRI("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
	    IRI(XKOS "ConceptAssociation")));
	for (i = 0; i < nsrc; i++) {
		snprintf(c, sizeof(c), "<%s>", src[i]);
		assert_true(has_triple(nt, a, IRI(XKOS "sourceConcept"), c));
	}
	for (i = 0; i < ntgt; i++) {
		snprintf(c, sizeof(c), "<%s>", tgt[i]);
		assert_true(has_triple(nt, a, IRI(XKOS "targetConcept"), c));
	}
	snprintf(needle, sizeof(needle), "%s <" XKOS, a);
	for (p = nt; (p = strstr(p, needle)) != NULL; p++)
		n++;
	assert_int_equal(n, nsrc + ntgt);
}

static void
test_xkos_groups(void **state)
{
	static const char *const one_s[] = { OCC "0110" };
	static const char *const one_t[] = { ISC "0110" };
	static const char *const split_s[] = { OCC "2511" };
	static const char *const split_t[] = { ISC "2511", ISC "2513" };
	static const char *const merge_s[] = { OCC "2512", OCC "2513" };
	static const char *const merge_t[] = { ISC "2512" };
	static const char *const nm_s[] = { OCC "5321", OCC "5322" };
	static const char *const nm_t[] = { ISC "5321", ISC "5322" };
	kll_export_opts o = KLL_EXPORT_OPTS_INIT;
	kll_mapset *m = read_key(MAP "occ_isc.sssom.tsv");
	kll_export_stats st;
	struct diags c;
	kll_error err;
	char *nt;

	(void)state;
	o.form = KLL_EXPORT_XKOS;
	o.dirs = VOCAB;
	nt = export(m, &o, &st, &c, &err);
	assert_non_null(nt);
	assert_int_equal(st.groups, 4);
	assert_int_equal(st.records, 8);
	assert_group(nt, "occ_isc/association/0110-0110", one_s, 1, one_t, 1);
	assert_group(
	    nt, "occ_isc/association/2511-2511", split_s, 1, split_t, 2);
	assert_group(
	    nt, "occ_isc/association/2512-2512", merge_s, 2, merge_t, 1);
	assert_group(nt, "occ_isc/association/5321-5321", nm_s, 2, nm_t, 2);
	assert_true(
	    has_triple(nt, IRI("https://kll.example.org/mappings/occ_isc"),
	        IRI(XKOS "compares"), IRI("https://kll.example.org/occ")));
	assert_true(
	    has_triple(nt, IRI("https://kll.example.org/mappings/occ_isc"),
	        IRI(XKOS "compares"), IRI("https://kll.example.org/isc")));
	/* No title in the key: the vocabularies' English titles. */
	assert_true(
	    has_triple(nt, IRI("https://kll.example.org/mappings/occ_isc"),
	        IRI("http://www.w3.org/2004/02/skos/core#prefLabel"),
	        "\"Occupations \\u2013 ISC\"@en"));
	/* No date at all: dcterms:issued is missing, and said so. */
	assert_null(strstr(nt, "http://purl.org/dc/terms/issued"));
	assert_int_equal(c.n, 1);
	assert_int_equal(c.d[0].severity, KLL_SEV_WARNING);
	assert_string_equal(c.d[0].rule, "export-no-issued");
	free(nt);
	kll_mapset_free(m);
}

static void
test_xkos_new_and_deleted(void **state)
{
	static const char *const new_t[] = { ISC "5322" };
	static const char *const del_s[] = { OCC "5322" };
	static const char *const one_s[] = { OCC "0110" };
	static const char *const one_t[] = { ISC "0110" };
	kll_export_opts o = KLL_EXPORT_OPTS_INIT;
	kll_mapset *m = read_key(MAP "export-full.sssom.tsv");
	kll_export_stats st;
	struct diags c;
	kll_error err;
	char *nt;

	(void)state;
	o.form = KLL_EXPORT_XKOS;
	nt = export(m, &o, &st, &c, &err);
	assert_non_null(nt);
	assert_int_equal(st.groups, 5);
	assert_int_equal(st.negated, 1);
	assert_int_equal(st.records, 7);
	assert_group(nt, "export_full/association/-5322", NULL, 0, new_t, 1);
	assert_group(nt, "export_full/association/5322-", del_s, 1, NULL, 0);
	/* The negated occ:5321 -> isc:0110 joins nothing. */
	assert_group(
	    nt, "export_full/association/0110-0110", one_s, 1, one_t, 1);
	assert_null(strstr(nt, OCC "5321"));
	assert_true(
	    has_triple(nt, IRI("https://kll.example.org/mappings/export_full"),
	        IRI("http://purl.org/dc/terms/issued"),
	        "\"2024-05-01\"^^<" XSD "date>"));
	assert_true(has_triple(nt, IRI("https://orcid.org/0000-0002-1825-0097"),
	    IRI("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
	    IRI("http://purl.org/dc/terms/Agent")));
	assert_true(
	    has_triple(nt, IRI("https://kll.example.org/mappings/export_full"),
	        IRI("http://www.w3.org/2004/02/skos/core#prefLabel"),
	        "\"Occupations to ISC, a full example\"@en"));
	assert_int_equal(c.n, 1);
	assert_string_equal(c.d[0].rule, "export-negated");
	assert_string_equal(c.d[0].msg,
	    "1 record with predicate_modifier Not left out: XKOS cannot say "
	    "that concepts do not match");
	free(nt);
	kll_mapset_free(m);
}

static void
test_xkos_fallbacks(void **state)
{
	kll_export_opts o = KLL_EXPORT_OPTS_INIT;
	kll_mapset *m = read_key(MAP "occ_isc.sssom.tsv");
	struct diags c;
	kll_error err;
	char *nt;

	(void)state;
	o.form = KLL_EXPORT_XKOS;
	o.dirs = "tests/data/no-such-folder";
	assert_int_equal(
	    kll_mapset_set_meta(m, "mapping_date", "2023-12-31", &err), KLL_OK);
	nt = export(m, &o, NULL, &c, &err);
	assert_non_null(nt);
	assert_null(strstr(nt, "prefLabel"));
	assert_true(
	    has_triple(nt, IRI("https://kll.example.org/mappings/occ_isc"),
	        IRI("http://purl.org/dc/terms/issued"),
	        "\"2023-12-31\"^^<" XSD "date>"));
	assert_int_equal(c.n, 1);
	assert_int_equal(c.d[0].severity, KLL_SEV_WARNING);
	assert_string_equal(c.d[0].rule, "export-no-title");
	free(nt);
	/* Swedish: occ has a Swedish title, isc none; the English one of
	 * both makes the label XKOS requires. */
	o.dirs = VOCAB;
	o.lang = "sv";
	nt = export(m, &o, NULL, &c, &err);
	assert_non_null(nt);
	assert_true(
	    has_triple(nt, IRI("https://kll.example.org/mappings/occ_isc"),
	        IRI("http://www.w3.org/2004/02/skos/core#prefLabel"),
	        "\"Occupations \\u2013 ISC\"@en"));
	assert_null(strstr(nt, "@sv"));
	assert_int_equal(c.n, 0);
	free(nt);
	/* A title of the key's own, in the language given, and the
	 * vocabularies' in English. */
	assert_int_equal(
	    kll_mapset_set_meta(m, "mapping_set_title", "Yrken till ISC", &err),
	    KLL_OK);
	nt = export(m, &o, NULL, &c, &err);
	assert_non_null(nt);
	assert_true(
	    has_triple(nt, IRI("https://kll.example.org/mappings/occ_isc"),
	        IRI("http://www.w3.org/2004/02/skos/core#prefLabel"),
	        "\"Yrken till ISC\"@sv"));
	assert_true(
	    has_triple(nt, IRI("https://kll.example.org/mappings/occ_isc"),
	        IRI("http://www.w3.org/2004/02/skos/core#prefLabel"),
	        "\"Occupations \\u2013 ISC\"@en"));
	assert_int_equal(c.n, 0);
	free(nt);
	/* Without the vocabularies: no English label, and a warning. */
	o.dirs = "tests/data/no-such-folder";
	nt = export(m, &o, NULL, &c, &err);
	assert_non_null(nt);
	assert_null(strstr(nt, "@en"));
	assert_int_equal(c.n, 1);
	assert_string_equal(c.d[0].rule, "export-no-title");
	assert_string_equal(c.d[0].msg,
	    "the correspondence has no skos:prefLabel in English, which XKOS "
	    "requires: no English titles of both vocabularies");
	free(nt);
	kll_mapset_free(m);
}

/* One record built in code, in SSSOM/RDF: every triple. */
static void
test_sssom_rdf_record(void **state)
{
	static const char *const want[] = {
		"<https://example.org/set> <http://purl.org/dc/terms/license> "
		"<https://creativecommons.org/publicdomain/zero/1.0/> .",
		"<https://example.org/set> "
		"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
		"<" SSSOM "MappingSet> .",
		"<https://example.org/set> <" SSSOM "mappings> _:m1 .",
		"_:m1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
		"<http://www.w3.org/2002/07/owl#Axiom> .",
		"_:m1 <http://www.w3.org/2002/07/owl#annotatedSource> "
		"<https://example.org/a/1> .",
		"_:m1 <http://www.w3.org/2002/07/owl#annotatedProperty> "
		"<http://www.w3.org/2004/02/skos/core#closeMatch> .",
		"_:m1 <http://www.w3.org/2002/07/owl#annotatedTarget> "
		"<https://example.org/b/2> .",
		"_:m1 <" SSSOM "predicate_modifier> <" SSSOM
		"NegatedPredicate> .",
		"_:m1 <" SSSOM "subject_label> \"alice\" .",
		"_:m1 <" SSSOM "mapping_justification> "
		"<https://w3id.org/semapv/vocab/ManualMappingCuration> .",
		"_:m1 <http://purl.org/pav/authoredBy> <https://orcid.org/1> .",
		"_:m1 <http://purl.org/pav/authoredBy> <https://orcid.org/2> .",
		"_:m1 <" SSSOM "subject_type> "
		"<http://www.w3.org/2002/07/owl#Class> .",
		"_:m1 <" SSSOM "mapping_cardinality> \"1:1\" .",
		"_:m1 <http://purl.org/dc/terms/created> "
		"\"2025-10-27\"^^<" XSD "date> .",
		"_:m1 <" SSSOM "confidence> \"9.5E-1\"^^<" XSD "double> .",
		"_:m1 <" SSSOM "reviewer_agreement> \"-5.0E-1\"^^<" XSD
		"double> .",
		"_:m1 <" SSSOM "reviewer_label> \"bob\" .",
		"_:m1 <" SSSOM "similarity_score> \"1.0E0\"^^<" XSD "double> .",
		"_:m1 <" SSSOM "mapping_tool> \"kll\" .",
		"_:m1 <http://www.w3.org/2000/01/rdf-schema#comment> "
		"\"a | b\" .",
	};
	static const char *const authors[] = { "orcid:1", "orcid:2" };
	kll_export_opts o = KLL_EXPORT_OPTS_INIT;
	kll_export_stats st;
	kll_mapset *m = NULL;
	kll_error err;
	size_t i;
	char *nt;

	(void)state;
	assert_int_equal(kll_mapset_new(&m, &err), KLL_OK);
	assert_int_equal(
	    kll_mapset_add_prefix(m, "a", "https://example.org/a/", &err),
	    KLL_OK);
	assert_int_equal(
	    kll_mapset_add_prefix(m, "b", "https://example.org/b/", &err),
	    KLL_OK);
	assert_int_equal(
	    kll_mapset_add_prefix(m, "orcid", "https://orcid.org/", &err),
	    KLL_OK);
	assert_int_equal(kll_mapset_set_meta(m, "mapping_set_id",
	                     "https://example.org/set", &err),
	    KLL_OK);
	assert_int_equal(
	    kll_mapset_set_meta(m, "license",
	        "https://creativecommons.org/publicdomain/zero/1.0/", &err),
	    KLL_OK);
	/* Propagatable: written on the record. */
	assert_int_equal(
	    kll_mapset_set_meta(m, "mapping_tool", "kll", &err), KLL_OK);
	assert_int_equal(kll_mapset_add(m, NULL, &err), KLL_OK);
	assert_int_equal(
	    kll_mapset_set(m, 0, KLL_SLOT_SUBJECT_ID, "a:1", &err), KLL_OK);
	assert_int_equal(
	    kll_mapset_set(m, 0, KLL_SLOT_SUBJECT_LABEL, "alice", &err),
	    KLL_OK);
	assert_int_equal(kll_mapset_set(m, 0, KLL_SLOT_PREDICATE_ID,
	                     "skos:closeMatch", &err),
	    KLL_OK);
	assert_int_equal(
	    kll_mapset_set(m, 0, KLL_SLOT_PREDICATE_MODIFIER, "Not", &err),
	    KLL_OK);
	assert_int_equal(
	    kll_mapset_set(m, 0, KLL_SLOT_OBJECT_ID, "b:2", &err), KLL_OK);
	assert_int_equal(kll_mapset_set(m, 0, KLL_SLOT_MAPPING_JUSTIFICATION,
	                     "semapv:ManualMappingCuration", &err),
	    KLL_OK);
	assert_int_equal(
	    kll_mapset_set_list(m, 0, KLL_SLOT_AUTHOR_ID, authors, 2, &err),
	    KLL_OK);
	assert_int_equal(
	    kll_mapset_set(m, 0, KLL_SLOT_SUBJECT_TYPE, "owl class", &err),
	    KLL_OK);
	assert_int_equal(
	    kll_mapset_set(m, 0, KLL_SLOT_MAPPING_CARDINALITY, "1:1", &err),
	    KLL_OK);
	assert_int_equal(
	    kll_mapset_set(m, 0, KLL_SLOT_MAPPING_DATE, "2025-10-27", &err),
	    KLL_OK);
	assert_int_equal(
	    kll_mapset_set(m, 0, KLL_SLOT_CONFIDENCE, "0.95", &err), KLL_OK);
	assert_int_equal(
	    kll_mapset_set(m, 0, KLL_SLOT_REVIEWER_AGREEMENT, "-0.50", &err),
	    KLL_OK);
	assert_int_equal(
	    kll_mapset_set(m, 0, KLL_SLOT_REVIEWER_LABEL, "bob", &err), KLL_OK);
	assert_int_equal(
	    kll_mapset_set(m, 0, KLL_SLOT_SIMILARITY_SCORE, "1", &err), KLL_OK);
	assert_int_equal(
	    kll_mapset_set(m, 0, KLL_SLOT_COMMENT, "a | b", &err), KLL_OK);
	o.form = KLL_EXPORT_SSSOM_RDF;
	nt = export(m, &o, &st, NULL, &err);
	if (nt == NULL)
		fail_msg("%s", err.msg);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		if (strstr(nt, want[i]) == NULL)
			fail_msg("missing: %s\nin:\n%s", want[i], nt);
	assert_int_equal(count_lines(nt), sizeof(want) / sizeof(want[0]));
	assert_int_equal(st.records, 1);
	assert_int_equal(st.negated, 0);
	free(nt);
	/* With a record_id, the record is named by it. */
	assert_int_equal(
	    kll_mapset_set(m, 0, KLL_SLOT_RECORD_ID, "a:r1", &err), KLL_OK);
	nt = export(m, &o, NULL, NULL, &err);
	assert_non_null(nt);
	assert_null(strstr(nt, "_:m1"));
	assert_null(strstr(nt, "record_id"));
	assert_true(has_triple(nt, IRI("https://example.org/set"),
	    IRI(SSSOM "mappings"), IRI("https://example.org/a/r1")));
	assert_int_equal(count_lines(nt), sizeof(want) / sizeof(want[0]));
	free(nt);
	kll_mapset_free(m);
}

static void
test_sssom_rdf_key(void **state)
{
	kll_export_opts o = KLL_EXPORT_OPTS_INIT;
	kll_mapset *m = read_key(MAP "export-full.sssom.tsv");
	kll_export_stats st;
	struct diags c;
	kll_error err;
	char *nt;

	(void)state;
	o.form = KLL_EXPORT_SSSOM_RDF;
	nt = export(m, &o, &st, &c, &err);
	assert_non_null(nt);
	assert_int_equal(st.records, 8);
	assert_true(
	    has_triple(nt, IRI("https://kll.example.org/mappings/export_full"),
	        IRI(SSSOM "mappings"), "_:m8"));
	assert_true(
	    has_triple(nt, IRI("https://kll.example.org/mappings/export_full"),
	        IRI("http://www.w3.org/2002/07/owl#versionInfo"), "\"2\""));
	assert_true(has_triple(nt, "_:m6",
	    IRI("http://www.w3.org/2002/07/owl#annotatedSource"),
	    IRI(OCC "5321")));
	assert_true(has_triple(nt, "_:m6", IRI(SSSOM "predicate_modifier"),
	    IRI(SSSOM "NegatedPredicate")));
	assert_true(has_triple(nt, "_:m1", IRI(SSSOM "subject_type"),
	    IRI("http://www.w3.org/2004/02/skos/core#Concept")));
	assert_null(strstr(nt, "ext_share"));
	assert_null(strstr(nt, "https://kll.example.org/share"));
	assert_int_equal(c.n, 1);
	assert_string_equal(c.d[0].rule, "export-extension");
	assert_string_equal(
	    c.d[0].msg, "non-standard slot 'ext_share' left out");
	free(nt);
	kll_mapset_free(m);
}

/* The same records in another order give the same bytes. */
static void
test_deterministic(void **state)
{
	static const char *const pairs[][2] = { { "a:1", "b:1" },
		{ "a:2", "b:1" }, { "a:2", "b:3" }, { "a:4", "b:4" } };
	kll_export_opts o = KLL_EXPORT_OPTS_INIT;
	char *out[2][3];
	kll_error err;
	int run, f;
	size_t i, k;

	(void)state;
	for (run = 0; run < 2; run++) {
		kll_mapset *m = NULL;
		assert_int_equal(kll_mapset_new(&m, &err), KLL_OK);
		kll_mapset_add_prefix(m, "a", "https://example.org/a/", &err);
		kll_mapset_add_prefix(m, "b", "https://example.org/b/", &err);
		kll_mapset_set_meta(
		    m, "mapping_set_id", "https://example.org/set", &err);
		kll_mapset_set_meta(m, "subject_source", "a:", &err);
		for (k = 0; k < 4; k++) {
			i = run == 0 ? k : 3 - k;
			assert_int_equal(kll_mapset_add(m, NULL, &err), KLL_OK);
			kll_mapset_set(
			    m, k, KLL_SLOT_SUBJECT_ID, pairs[i][0], &err);
			kll_mapset_set(m, k, KLL_SLOT_PREDICATE_ID,
			    "skos:exactMatch", &err);
			kll_mapset_set(
			    m, k, KLL_SLOT_OBJECT_ID, pairs[i][1], &err);
			kll_mapset_set(m, k, KLL_SLOT_MAPPING_JUSTIFICATION,
			    "semapv:ManualMappingCuration", &err);
		}
		for (f = 0; f < 3; f++) {
			o.form = (kll_export_form)f;
			o.syntax = "ntriples";
			out[run][f] = export(m, &o, NULL, NULL, &err);
			assert_non_null(out[run][f]);
		}
		kll_mapset_free(m);
	}
	for (f = 0; f < 3; f++) {
		assert_string_equal(out[0][f], out[1][f]);
		free(out[0][f]);
		free(out[1][f]);
	}
}

/* Two groups whose first concepts have the same local part get distinct
 * association IRIs; what an IRI path cannot hold is percent-encoded. */
static void
test_xkos_iri_clash(void **state)
{
	static const char *const rec[][2] = { { "a:1", "b:1" },
		{ "c:1", "d:1" }, { "a:x#y", "b:2" } };
	kll_export_opts o = KLL_EXPORT_OPTS_INIT;
	kll_export_stats st;
	kll_mapset *m = NULL;
	kll_error err;
	char *nt;
	size_t i;

	(void)state;
	assert_int_equal(kll_mapset_new(&m, &err), KLL_OK);
	kll_mapset_add_prefix(m, "a", "https://example.org/a/", &err);
	kll_mapset_add_prefix(m, "b", "https://example.org/b/", &err);
	kll_mapset_add_prefix(m, "c", "https://example.org/c/", &err);
	kll_mapset_add_prefix(m, "d", "https://example.org/d/", &err);
	kll_mapset_set_meta(
	    m, "mapping_set_id", "https://example.org/set/", &err);
	for (i = 0; i < 3; i++) {
		assert_int_equal(kll_mapset_add(m, NULL, &err), KLL_OK);
		assert_int_equal(
		    kll_mapset_set(m, i, KLL_SLOT_SUBJECT_ID, rec[i][0], &err),
		    KLL_OK);
		kll_mapset_set(
		    m, i, KLL_SLOT_PREDICATE_ID, "skos:exactMatch", &err);
		kll_mapset_set(m, i, KLL_SLOT_OBJECT_ID, rec[i][1], &err);
		kll_mapset_set(m, i, KLL_SLOT_MAPPING_JUSTIFICATION,
		    "semapv:ManualMappingCuration", &err);
	}
	o.form = KLL_EXPORT_XKOS;
	nt = export(m, &o, &st, NULL, &err);
	if (nt == NULL)
		fail_msg("%s", err.msg);
	assert_int_equal(st.groups, 3);
	assert_true(
	    has_triple(nt, IRI("https://example.org/set/association/1-1"),
	        IRI(XKOS "sourceConcept"), IRI("https://example.org/a/1")));
	assert_true(
	    has_triple(nt, IRI("https://example.org/set/association/1-1_2"),
	        IRI(XKOS "sourceConcept"), IRI("https://example.org/c/1")));
	assert_true(
	    has_triple(nt, IRI("https://example.org/set/association/x%23y-2"),
	        IRI(XKOS "targetConcept"), IRI("https://example.org/b/2")));
	free(nt);
	kll_mapset_free(m);
}

static void
test_no_set_id(void **state)
{
	kll_export_opts o = KLL_EXPORT_OPTS_INIT;
	kll_mapset *m = read_key(MAP "export-no-id.sssom.tsv");
	kll_error err;

	(void)state;
	o.form = KLL_EXPORT_SSSOM_RDF;
	assert_null(export(m, &o, NULL, NULL, &err));
	assert_int_equal(err.code, KLL_EINVALID);
	assert_string_equal(err.file, MAP "export-no-id.sssom.tsv");
	assert_int_equal(err.line, 0);
	assert_string_equal(err.msg,
	    "no mapping_set_id, which names the SSSOM/RDF mapping set");
	o.form = KLL_EXPORT_XKOS;
	o.syntax = NULL;
	assert_null(export(m, &o, NULL, NULL, &err));
	assert_string_equal(
	    err.msg, "no mapping_set_id, which names the XKOS correspondence");
	/* SKOS needs no set IRI. */
	o.form = KLL_EXPORT_SKOS;
	o.syntax = NULL;
	{
		char *nt = export(m, &o, NULL, NULL, &err);
		assert_non_null(nt);
		assert_int_equal(count_lines(nt), 1);
		free(nt);
	}
	kll_mapset_free(m);
}

static void
test_undeclared_prefix(void **state)
{
	kll_export_opts o = KLL_EXPORT_OPTS_INIT;
	kll_mapset *m = read_key(MAP "export-bad-prefix.sssom.tsv");
	kll_error err;
	int f;

	(void)state;
	assert_int_equal(kll_mapset_nerrors(m), 1);
	for (f = 0; f < 3; f++) {
		o.form = (kll_export_form)f;
		o.syntax = NULL;
		assert_null(export(m, &o, NULL, NULL, &err));
		assert_int_equal(err.code, KLL_EINVALID);
		assert_string_equal(
		    err.file, MAP "export-bad-prefix.sssom.tsv");
		assert_int_equal(err.line, 8);
		assert_string_equal(err.msg,
		    "'foo:2511' is not a CURIE with a declared prefix");
	}
	kll_mapset_free(m);
}

static void
test_write_error(void **state)
{
	kll_export_opts o = KLL_EXPORT_OPTS_INIT;
	kll_mapset *m = read_key(MAP "occ_isc.sssom.tsv");
	FILE *fp = fopen("/dev/full", "w");
	kll_error err;

	(void)state;
	if (fp == NULL)
		skip();
	assert_int_equal(
	    kll_mapset_export(m, &o, fp, "out.ttl", NULL, &err), KLL_EIO);
	assert_string_equal(err.file, "out.ttl");
	fclose(fp);
	kll_mapset_free(m);
}

static void
test_syntaxes(void **state)
{
	static const char *const syn[] = { "turtle", "rdfxml", "rdfxml-abbrev",
		"ntriples" };
	kll_export_opts o = KLL_EXPORT_OPTS_INIT;
	kll_mapset *m = read_key(MAP "export-full.sssom.tsv");
	kll_error err;
	size_t i;
	char *a, *b;

	(void)state;
	o.form = KLL_EXPORT_XKOS;
	for (i = 0; i < sizeof(syn) / sizeof(syn[0]); i++) {
		o.syntax = syn[i];
		a = export(m, &o, NULL, NULL, &err);
		b = export(m, &o, NULL, NULL, &err);
		assert_non_null(a);
		assert_non_null(b);
		assert_string_equal(a, b);
		assert_non_null(strstr(a, "association/2512-2512"));
		free(a);
		free(b);
	}
	kll_mapset_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_can_write),
		cmocka_unit_test(test_bad_args),
		cmocka_unit_test(test_skos),
		cmocka_unit_test(test_skos_left_out),
		cmocka_unit_test(test_xkos_groups),
		cmocka_unit_test(test_xkos_new_and_deleted),
		cmocka_unit_test(test_xkos_fallbacks),
		cmocka_unit_test(test_xkos_iri_clash),
		cmocka_unit_test(test_sssom_rdf_record),
		cmocka_unit_test(test_sssom_rdf_key),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_no_set_id),
		cmocka_unit_test(test_undeclared_prefix),
		cmocka_unit_test(test_write_error),
		cmocka_unit_test(test_syntaxes),
	};

	unsetenv("KLL_PATH");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
