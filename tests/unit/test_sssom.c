/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test_sssom.c: SSSOM mapping sets (lib/sssom*.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kll.h"

#define DATA "tests/data/sssom/"
#define MAXD 64

/* The specification's files, read in place when they are there. */
static const char *
shared(void)
{
	const char *s = getenv("KLL_SHARED");

	return s != NULL ? s : "../shared";
}

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
read_ok(const char *path, struct diags *c)
{
	kll_sssom_opts o = KLL_SSSOM_OPTS_INIT;
	kll_mapset *m = NULL;
	kll_error err;

	o.diag = collect;
	o.payload = c;
	memset(c, 0, sizeof(*c));
	if (kll_mapset_read(&m, path, &o, &err) != KLL_OK)
		fail_msg("%s:%u:%u: %s", err.file, err.line, err.col, err.msg);
	assert_non_null(m);
	return m;
}

static void
expect_diag(const struct diags *c, size_t i, kll_severity sev, const char *rule,
    unsigned line, unsigned col)
{
	assert_true(i < c->n);
	assert_int_equal(c->d[i].severity, sev);
	assert_string_equal(c->d[i].rule, rule);
	assert_int_equal(c->d[i].line, line);
	assert_int_equal(c->d[i].col, col);
}

static void
expect_fail(const char *path, kll_status code, unsigned line, unsigned col,
    const char *msg)
{
	kll_mapset *m = (kll_mapset *)&m;
	kll_error err;

	assert_int_equal(kll_mapset_read(&m, path, NULL, &err), code);
	assert_null(m);
	assert_int_equal(err.code, code);
	assert_string_equal(err.file, path);
	assert_int_equal(err.line, line);
	assert_int_equal(err.col, col);
	if (msg != NULL)
		assert_non_null(strstr(err.msg, msg));
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	buf[n] = '\0';
	fclose(fp);
	*len = (size_t)n;
	return buf;
}

/* "text" in a new temporary file, whose name goes to path[32]. */
static void
write_temp(const char *text, char *path)
{
	FILE *fp;
	int fd;

	strcpy(path, "/tmp/kll-sssom-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

/* m written as canonical SSSOM/TSV, in a string to free. */
static char *
written(const kll_mapset *m, unsigned flags)
{
	char *buf = NULL;
	size_t len = 0;
	kll_error err;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	assert_int_equal(kll_mapset_write_flags(m, fp, flags, &err), KLL_OK);
	fclose(fp);
	return buf;
}

static void
test_free_null(void **state)
{
	(void)state;
	kll_mapset_free(NULL);
}

static void
test_slots(void **state)
{
	int s;

	(void)state;
	for (s = 0; s < KLL_SLOT__COUNT; s++)
		assert_int_equal(kll_slot_from_name(kll_slot_name(s)), s);
	assert_string_equal(kll_slot_name(KLL_SLOT_SUBJECT_ID), "subject_id");
	assert_string_equal(kll_slot_name(KLL_SLOT_COMMENT), "comment");
	assert_null(kll_slot_name(KLL_SLOT__COUNT));
	assert_int_equal(kll_slot_from_name("mapping_set_id"), KLL_SLOT__COUNT);
	assert_int_equal(kll_slot_from_name(NULL), KLL_SLOT__COUNT);
	assert_int_equal(kll_slot_kind(KLL_SLOT_OBJECT_ID), KLL_KIND_ENTITY);
	assert_int_equal(kll_slot_kind(KLL_SLOT_LICENSE), KLL_KIND_URI);
	assert_int_equal(kll_slot_kind(KLL_SLOT_CONFIDENCE), KLL_KIND_DOUBLE);
	assert_int_equal(kll_slot_kind(KLL_SLOT_MAPPING_DATE), KLL_KIND_DATE);
	assert_int_equal(kll_slot_kind(KLL_SLOT_SUBJECT_TYPE), KLL_KIND_ENUM);
	assert_true(kll_slot_multivalued(KLL_SLOT_AUTHOR_ID));
	assert_false(kll_slot_multivalued(KLL_SLOT_SUBJECT_ID));
	assert_true(kll_slot_propagatable(KLL_SLOT_SUBJECT_SOURCE));
	assert_true(kll_slot_propagatable(KLL_SLOT_MAPPING_TOOL_ID));
	assert_false(kll_slot_propagatable(KLL_SLOT_MAPPING_JUSTIFICATION));
	assert_false(kll_slot_propagatable(KLL_SLOT_LICENSE));
}

/* Reading a canonical file and writing it gives the same bytes. */
static void
test_canonical_roundtrip(void **state)
{
	struct diags c;
	kll_mapset *m, *m2;
	char *in, *out, *out2, tmp[32];
	size_t len;

	(void)state;
	m = read_ok(DATA "canonical.sssom.tsv", &c);
	assert_int_equal(c.n, 0);
	assert_int_equal(kll_mapset_nerrors(m), 0);
	in = slurp(DATA "canonical.sssom.tsv", &len);
	out = written(m, 0);
	assert_string_equal(out, in);
	/* Sorting in memory changes nothing in a canonical set. */
	kll_mapset_sort(m);
	out2 = written(m, 0);
	assert_string_equal(out2, in);
	free(out2);
	/* Without condensation, the propagated values stay in the rows;
	 * reading that back condenses them again. */
	out2 = written(m, KLL_SSSOM_NO_CONDENSE);
	assert_null(strstr(out2, "#subject_source:"));
	assert_non_null(strstr(out2, "\tSSYK:scheme\t"));
	kll_mapset_free(m);
	write_temp(out2, tmp);
	m2 = read_ok(tmp, &c);
	free(out);
	out = written(m2, 0);
	assert_string_equal(out, in);
	kll_mapset_free(m2);
	remove(tmp);
	free(out2);
	free(out);
	free(in);
}

static void
test_canonical_values(void **state)
{
	struct diags c;
	kll_mapset *m;
	char buf[128];
	size_t n;

	(void)state;
	m = read_ok(DATA "canonical.sssom.tsv", &c);
	assert_string_equal(kll_mapset_path(m), DATA "canonical.sssom.tsv");
	assert_int_equal(kll_mapset_count(m), 6);
	/* The literal mapping sorts first: its subject_id is empty. */
	assert_null(kll_mapset_get(m, 0, KLL_SLOT_SUBJECT_ID));
	assert_string_equal(
	    kll_mapset_get(m, 0, KLL_SLOT_SUBJECT_TYPE), "rdfs literal");
	assert_int_equal(kll_mapset_line(m, 0), 29);
	assert_string_equal(
	    kll_mapset_get(m, 1, KLL_SLOT_SUBJECT_LABEL), "Officerare");
	assert_string_equal(kll_mapset_get(m, 2, KLL_SLOT_AUTHOR_LABEL),
	    "Berg, Anna|Lind, Per");
	assert_string_equal(
	    kll_mapset_get(m, 2, KLL_SLOT_COMMENT), "Delvis: \"system\" ingår");
	assert_string_equal(
	    kll_mapset_get(m, 3, KLL_SLOT_COMMENT), "rad 1\nrad 2");
	assert_int_equal(kll_mapset_line(m, 4), 34);
	assert_string_equal(
	    kll_mapset_get(m, 4, KLL_SLOT_PREDICATE_MODIFIER), "Not");
	assert_string_equal(
	    kll_mapset_get(m, 5, KLL_SLOT_OBJECT_ID), "sssom:NoTermFound");
	assert_null(kll_mapset_get(m, 5, KLL_SLOT_OBJECT_LABEL));
	assert_null(kll_mapset_get(m, 6, KLL_SLOT_OBJECT_ID));
	assert_null(kll_mapset_get(m, 0, KLL_SLOT__COUNT));
	/* Propagated: in every record, and still seen as the set's. */
	assert_string_equal(
	    kll_mapset_get(m, 3, KLL_SLOT_SUBJECT_SOURCE), "SSYK:scheme");
	assert_string_equal(
	    kll_mapset_meta(m, "subject_source"), "SSYK:scheme");
	assert_string_equal(kll_mapset_meta(m, "mapping_set_id"),
	    "https://kll.example.org/mappings/ssyk-2012-isco-08");
	assert_string_equal(kll_mapset_meta(m, "creator_id"),
	    "orcid:0000-0002-1825-0097|orcid:0000-0001-5109-3700");
	assert_string_equal(kll_mapset_meta(m, "sssom_version"), "1.1");
	assert_string_equal(
	    kll_mapset_meta(m, "subject_source_version"), "2012");
	assert_null(kll_mapset_meta(m, "mapping_set_description"));
	assert_null(kll_mapset_meta(m, "no_such_slot"));
	/* Extension columns. */
	assert_int_equal(kll_mapset_nextra(m), 1);
	assert_string_equal(kll_mapset_extra_name(m, 0), "weight");
	assert_null(kll_mapset_extra_name(m, 1));
	assert_string_equal(kll_mapset_get_extra(m, 2, "weight"), "0.6");
	assert_null(kll_mapset_get_extra(m, 0, "weight"));
	assert_null(kll_mapset_get_extra(m, 0, "nothing"));
	/* Prefixes. */
	assert_int_equal(kll_mapset_nprefixes(m), 5);
	assert_string_equal(kll_mapset_prefix_name(m, 0), "ISCO");
	assert_null(kll_mapset_prefix_name(m, 5));
	assert_string_equal(kll_mapset_prefix(m, "skos"),
	    "http://www.w3.org/2004/02/skos/core#");
	assert_null(kll_mapset_prefix(m, "nope"));
	n = kll_mapset_expand(m, "ISCO:2512", buf, sizeof(buf));
	assert_string_equal(buf, "http://data.europa.eu/esco/isco/C2512");
	assert_int_equal(n, strlen(buf));
	assert_int_equal(kll_mapset_expand(m, "ISCO:2512", NULL, 0), n);
	assert_int_equal(kll_mapset_expand(m, "nope:1", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "");
	/* The longest namespace wins: isco/C over esco/. */
	n = kll_mapset_contract(
	    m, "http://data.europa.eu/esco/isco/C2512", buf, sizeof(buf));
	assert_string_equal(buf, "ISCO:2512");
	assert_int_equal(n, 9);
	kll_mapset_contract(
	    m, "http://data.europa.eu/esco/skill/abc", buf, sizeof(buf));
	assert_string_equal(buf, "esco:skill/abc");
	assert_int_equal(
	    kll_mapset_contract(
	        m, "http://www.w3.org/2004/02/skos/core#exactMatch", buf, 6),
	    15);
	assert_string_equal(buf, "skos:");
	assert_int_equal(
	    kll_mapset_contract(m, "urn:x:y", buf, sizeof(buf)), 0);
	assert_int_equal(kll_mapset_contract(m, "https://orcid.org/has space",
	                     buf, sizeof(buf)),
	    0);
	kll_mapset_free(m);
}

/* Every quoting and escaping case; CRLF; a BOM; blank lines. */
static void
test_quoting(void **state)
{
	struct diags c;
	kll_mapset *m;

	(void)state;
	m = read_ok(DATA "quoting.sssom.tsv", &c);
	assert_int_equal(kll_mapset_count(m), 4);
	assert_int_equal(kll_mapset_nerrors(m), 0);
	assert_string_equal(
	    kll_mapset_get(m, 0, KLL_SLOT_SUBJECT_LABEL), "quoted");
	assert_string_equal(
	    kll_mapset_get(m, 0, KLL_SLOT_OBJECT_LABEL), "say \"hi\"");
	assert_string_equal(kll_mapset_get(m, 0, KLL_SLOT_COMMENT), "a\tb");
	/* A lone backslash is literal, kept in canonical form. */
	assert_string_equal(
	    kll_mapset_get(m, 0, KLL_SLOT_AUTHOR_LABEL), "A\\|B|C\\\\|D\\\\x");
	assert_null(kll_mapset_get(m, 1, KLL_SLOT_SUBJECT_LABEL));
	assert_string_equal(
	    kll_mapset_get(m, 1, KLL_SLOT_OBJECT_LABEL), "two\nlines");
	assert_string_equal(
	    kll_mapset_get(m, 1, KLL_SLOT_COMMENT), "crlf\ninside");
	assert_int_equal(kll_mapset_line(m, 1), 13);
	assert_int_equal(kll_mapset_line(m, 2), 17);
	assert_string_equal(
	    kll_mapset_get(m, 2, KLL_SLOT_SUBJECT_LABEL), "say \"what\"");
	assert_null(kll_mapset_get(m, 2, KLL_SLOT_COMMENT));
	assert_string_equal(kll_mapset_get(m, 3, KLL_SLOT_OBJECT_LABEL), "x");
	assert_null(kll_mapset_get(m, 3, KLL_SLOT_AUTHOR_LABEL));
	/* Metadata: "# " prefix, folded scalar, escapes, pseudo-list. */
	assert_string_equal(
	    kll_mapset_meta(m, "comment"), "folded over two lines");
	assert_string_equal(
	    kll_mapset_meta(m, "mapping_set_title"), "tab\there å");
	assert_string_equal(
	    kll_mapset_meta(m, "creator_label"), "A single value, not a list");
	assert_string_equal(
	    kll_mapset_prefix(m, "COM"), "https://example.com/e/");
	assert_int_equal(c.n, 2);
	expect_diag(&c, 0, KLL_SEV_WARNING, "sssom-bare-quote", 17, 7);
	expect_diag(&c, 1, KLL_SEV_WARNING, "sssom-bad-column-count", 18, 65);
	assert_string_equal(c.d[0].file, DATA "quoting.sssom.tsv");
	kll_mapset_free(m);
}

static void
test_pre10(void **state)
{
	struct diags c;
	kll_mapset *m;

	(void)state;
	m = read_ok(DATA "pre10.sssom.tsv", &c);
	assert_int_equal(kll_mapset_count(m), 3);
	assert_string_equal(
	    kll_mapset_get(m, 0, KLL_SLOT_MAPPING_JUSTIFICATION),
	    "semapv:ManualMappingCuration");
	assert_string_equal(
	    kll_mapset_get(m, 0, KLL_SLOT_SUBJECT_TYPE), "owl class");
	assert_string_equal(
	    kll_mapset_get(m, 0, KLL_SLOT_OBJECT_TYPE), "owl class");
	assert_string_equal(
	    kll_mapset_get(m, 0, KLL_SLOT_SIMILARITY_SCORE), "0.80");
	assert_string_equal(
	    kll_mapset_get(m, 0, KLL_SLOT_SIMILARITY_MEASURE), "levenshtein");
	assert_string_equal(
	    kll_mapset_get(m, 1, KLL_SLOT_MAPPING_JUSTIFICATION),
	    "semapv:LogicalReasoning");
	assert_string_equal(
	    kll_mapset_get(m, 1, KLL_SLOT_OBJECT_TYPE), "rdfs literal");
	assert_null(kll_mapset_get(m, 2, KLL_SLOT_MAPPING_JUSTIFICATION));
	/* TermMatch makes both sides literals, which need labels. */
	assert_int_equal(c.n, 5);
	expect_diag(&c, 0, KLL_SEV_ERROR, "sssom-missing-slot", 8, 1);
	assert_non_null(strstr(c.d[0].msg, "subject_label"));
	expect_diag(&c, 1, KLL_SEV_ERROR, "sssom-missing-slot", 8, 1);
	assert_non_null(strstr(c.d[1].msg, "object_label"));
	expect_diag(&c, 2, KLL_SEV_ERROR, "sssom-bad-match-type", 9, 25);
	expect_diag(&c, 3, KLL_SEV_ERROR, "sssom-bad-match-type", 9, 33);
	expect_diag(&c, 4, KLL_SEV_ERROR, "sssom-missing-slot", 9, 25);
	assert_int_equal(kll_mapset_nerrors(m), 5);
	kll_mapset_free(m);
}

static void
test_undeclared_prefix(void **state)
{
	struct diags c;
	kll_mapset *m;

	(void)state;
	/* With a sink: reported, and the record is kept. */
	m = read_ok(DATA "undeclared-prefix.sssom.tsv", &c);
	assert_int_equal(kll_mapset_count(m), 2);
	assert_int_equal(c.n, 1);
	expect_diag(&c, 0, KLL_SEV_ERROR, "sssom-undeclared-prefix", 8, 21);
	assert_int_equal(c.d[0].code, KLL_EINVALID);
	assert_string_equal(c.d[0].file, DATA "undeclared-prefix.sssom.tsv");
	assert_non_null(strstr(c.d[0].msg, "'C'"));
	kll_mapset_free(m);
	/* Without one, the read fails there. */
	expect_fail(DATA "undeclared-prefix.sssom.tsv", KLL_EINVALID, 8, 21,
	    "undeclared prefix 'C'");
}

static void
test_bad_values(void **state)
{
	static const struct {
		kll_severity sev;
		const char *rule;
		unsigned line, col;
	} want[] = {
		{ KLL_SEV_ERROR, "sssom-redefined-prefix", 4, 4 },
		{ KLL_SEV_ERROR, "sssom-bad-prefix", 5, 4 },
		{ KLL_SEV_ERROR, "sssom-bad-confidence", 8, 26 },
		{ KLL_SEV_ERROR, "sssom-bad-curie", 11, 6 },
		{ KLL_SEV_ERROR, "sssom-not-multivalued", 13, 4 },
		{ KLL_SEV_WARNING, "sssom-unknown-slot", 15, 2 },
		{ KLL_SEV_WARNING, "sssom-unknown-column", 16, 103 },
		{ KLL_SEV_ERROR, "sssom-bad-confidence", 17, 58 },
		{ KLL_SEV_ERROR, "sssom-bad-date", 17, 62 },
		{ KLL_SEV_ERROR, "sssom-iri-not-curie", 18, 1 },
		{ KLL_SEV_ERROR, "sssom-bad-justification", 18, 44 },
		{ KLL_SEV_WARNING, "sssom-enum-curie", 18, 52 },
		{ KLL_SEV_ERROR, "sssom-bad-uri", 18, 77 },
		{ KLL_SEV_ERROR, "sssom-bad-curie", 19, 6 },
		{ KLL_SEV_ERROR, "sssom-bad-enum", 19, 33 },
		{ KLL_SEV_ERROR, "sssom-bad-confidence", 19, 43 },
		{ KLL_SEV_ERROR, "sssom-bad-column-count", 19, 48 },
		{ KLL_SEV_ERROR, "sssom-missing-slot", 19, 5 },
		{ KLL_SEV_ERROR, "sssom-missing-slot", 20, 22 },
		{ KLL_SEV_ERROR, "sssom-missing-slot", 20, 1 },
	};
	struct diags c;
	kll_mapset *m;
	size_t i;

	(void)state;
	m = read_ok(DATA "bad-values.sssom.tsv", &c);
	assert_int_equal(c.n, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < c.n; i++)
		expect_diag(&c, i, want[i].sev, want[i].rule, want[i].line,
		    want[i].col);
	assert_int_equal(kll_mapset_nerrors(m), 17);
	/* Rows with errors are kept; the enum CURIE is read as the value. */
	assert_int_equal(kll_mapset_count(m), 4);
	assert_string_equal(
	    kll_mapset_get(m, 1, KLL_SLOT_SUBJECT_TYPE), "owl class");
	assert_string_equal(kll_mapset_get(m, 0, KLL_SLOT_CONFIDENCE), "1.5");
	assert_string_equal(kll_mapset_get_extra(m, 1, "no_such_column"), "ok");
	assert_string_equal(kll_mapset_meta(m, "no_such_key"), "1");
	/* The built-in prefix keeps its IRI. */
	assert_string_equal(kll_mapset_prefix(m, "skos"),
	    "http://www.w3.org/2004/02/skos/core#");
	kll_mapset_free(m);
	/* Without a sink, the first error fails the read. */
	expect_fail(
	    DATA "bad-values.sssom.tsv", KLL_EINVALID, 4, 4, "built in");
}

static void
test_fatal(void **state)
{
	(void)state;
	expect_fail(DATA "bad-yaml.sssom.tsv", KLL_ESYNTAX, 3, 9, "bad yaml");
	expect_fail(DATA "yaml-anchor.sssom.tsv", KLL_ESYNTAX, 2, 7, "anchors");
	expect_fail(DATA "yaml-tag.sssom.tsv", KLL_ESYNTAX, 1, 18, "tags");
	expect_fail(
	    DATA "yaml-directive.sssom.tsv", KLL_ESYNTAX, 1, 2, "directives");
	expect_fail(DATA "metadata-not-map.sssom.tsv", KLL_ESYNTAX, 1, 2,
	    "not a yaml mapping");
	expect_fail(DATA "duplicate-key.sssom.tsv", KLL_ESYNTAX, 2, 2,
	    "'license' appears twice");
	expect_fail(DATA "bad-indent.sssom.tsv", KLL_ESYNTAX, 3, 2,
	    "1 space after '#'");
	expect_fail(DATA "blank-in-metadata.sssom.tsv", KLL_ESYNTAX, 4, 1,
	    "blank line");
	expect_fail(
	    DATA "no-header.sssom.tsv", KLL_ESYNTAX, 6, 1, "no header line");
	expect_fail(DATA "duplicate-column.sssom.tsv", KLL_ESYNTAX, 6, 35,
	    "'subject_id' appears twice");
	expect_fail(DATA "empty-column-name.sssom.tsv", KLL_ESYNTAX, 6, 12,
	    "without a name");
	expect_fail(DATA "unterminated-quote.sssom.tsv", KLL_ESYNTAX, 8, 5,
	    "does not end");
	expect_fail(
	    DATA "not-utf8.sssom.tsv", KLL_EENCODING, 7, 6, "not UTF-8");
	expect_fail(DATA "nul-byte.sssom.tsv", KLL_ESYNTAX, 7, 7, "NUL");
	expect_fail(
	    DATA "no-such-file.sssom.tsv", KLL_EIO, 0, 0, "cannot open");
	expect_fail(DATA, KLL_EIO, 0, 0, "directory");
}

static void
test_args(void **state)
{
	kll_mapset *m = (kll_mapset *)&m;
	kll_error err;

	(void)state;
	assert_int_equal(kll_mapset_read(&m, NULL, NULL, &err), KLL_EARG);
	assert_null(m);
	assert_int_equal(kll_mapset_read(&m, NULL, NULL, NULL), KLL_EARG);
}

static void
test_stdin(void **state)
{
	struct diags c;
	kll_mapset *m;

	(void)state;
	assert_non_null(freopen(DATA "canonical.sssom.tsv", "r", stdin));
	m = read_ok("-", &c);
	assert_string_equal(kll_mapset_path(m), "<stdin>");
	assert_int_equal(kll_mapset_count(m), 6);
	kll_mapset_free(m);
	assert_non_null(
	    freopen(DATA "undeclared-prefix.sssom.tsv", "r", stdin));
	m = read_ok("-", &c);
	assert_string_equal(c.d[0].file, "<stdin>");
	kll_mapset_free(m);
}

static void
test_external(void **state)
{
	kll_sssom_opts o = KLL_SSSOM_OPTS_INIT;
	struct diags c;
	kll_mapset *m;
	kll_error err;

	(void)state;
	/* x.sssom.tsv finds x.sssom.yml beside it. */
	m = read_ok(DATA "external.sssom.tsv", &c);
	assert_int_equal(c.n, 0);
	assert_string_equal(kll_mapset_meta(m, "mapping_set_id"),
	    "https://example.org/sets/external");
	kll_mapset_free(m);
	/* A file named explicitly; its diagnostics carry its name. */
	o.metadata_path = DATA "other-metadata.yml";
	o.diag = collect;
	o.payload = &c;
	memset(&c, 0, sizeof(c));
	assert_int_equal(
	    kll_mapset_read(&m, DATA "external.sssom.tsv", &o, &err), KLL_OK);
	assert_string_equal(kll_mapset_meta(m, "mapping_set_id"),
	    "https://example.org/sets/other");
	assert_int_equal(c.n, 1);
	expect_diag(&c, 0, KLL_SEV_ERROR, "sssom-not-multivalued", 6, 15);
	assert_string_equal(c.d[0].file, DATA "other-metadata.yml");
	kll_mapset_free(m);
	/* Both embedded and external metadata. */
	o.diag = NULL;
	assert_int_equal(
	    kll_mapset_read(&m, DATA "canonical.sssom.tsv", &o, &err),
	    KLL_ESYNTAX);
	assert_null(m);
	assert_int_equal(err.line, 1);
	o.metadata_path = DATA "no-such.yml";
	assert_int_equal(
	    kll_mapset_read(&m, DATA "external.sssom.tsv", &o, &err), KLL_EIO);
	assert_string_equal(err.file, DATA "no-such.yml");
}

static void
test_literal(void **state)
{
	struct diags c;
	kll_mapset *m;

	(void)state;
	m = read_ok(DATA "literal.sssom.tsv", &c);
	assert_int_equal(kll_mapset_count(m), 2);
	assert_null(kll_mapset_get(m, 0, KLL_SLOT_SUBJECT_ID));
	assert_string_equal(
	    kll_mapset_get(m, 0, KLL_SLOT_SUBJECT_TYPE), "rdfs literal");
	assert_string_equal(
	    kll_mapset_get(m, 1, KLL_SLOT_OBJECT_SOURCE), "B:vocab");
	/* The second record has no label: known only after propagation. */
	assert_int_equal(c.n, 1);
	expect_diag(&c, 0, KLL_SEV_ERROR, "sssom-missing-slot", 9, 1);
	assert_non_null(strstr(c.d[0].msg, "subject_label"));
	kll_mapset_free(m);
}

static void
test_split(void **state)
{
	char **v;
	size_t n = 99;

	(void)state;
	assert_int_equal(
	    kll_sssom_split(
	        &v, &n, "Alice\\\\Bob|Charlie\\\\|David\\\\\\|Eve\\\\", NULL),
	    KLL_OK);
	assert_int_equal(n, 3);
	assert_string_equal(v[0], "Alice\\Bob");
	assert_string_equal(v[1], "Charlie\\");
	assert_string_equal(v[2], "David\\|Eve\\");
	assert_null(v[3]);
	free(v);
	assert_int_equal(kll_sssom_split(&v, &n, "a\\|b|c\\d", NULL), KLL_OK);
	assert_int_equal(n, 2);
	assert_string_equal(v[0], "a|b");
	assert_string_equal(v[1], "c\\d");
	free(v);
	assert_int_equal(kll_sssom_split(&v, &n, "", NULL), KLL_OK);
	assert_int_equal(n, 0);
	assert_null(v[0]);
	free(v);
	assert_int_equal(kll_sssom_split(&v, NULL, NULL, NULL), KLL_OK);
	assert_null(v[0]);
	free(v);
}

static const char built_tsv[] =
    "#curie_map:\n"
    "#  ISCO: http://data.europa.eu/esco/isco/C\n"
    "#  SSYK: https://kll.example.org/ssyk-2012/\n"
    "#mapping_set_id: https://kll.example.org/mappings/built\n"
    "#creator_label:\n"
    "#  - \"yes\"\n"
    "#  - \"a: b\"\n"
    "#license: https://creativecommons.org/publicdomain/zero/1.0/\n"
    "#mapping_tool: kll\n"
    "#mapping_date: 2024-05-06\n"
    "#odd key: \"#value\"\n"
    "subject_id\tpredicate_id\tobject_id\tmapping_justification"
    "\tauthor_label\tconfidence\treviewer_agreement\tnote\n"
    "SSYK:2512\tskos:broadMatch\tISCO:2512\tsemapv:ManualMappingCuration"
    "\ta\\|b|c\t0.845\t-0.5\tx\n"
    "SSYK:2512\tskos:broadMatch\tISCO:2519\tsemapv:ManualMappingCuration"
    "\t\t0.001\t\t\n"
    "SSYK:5311\tskos:exactMatch\tISCO:5311\tsemapv:ManualMappingCuration"
    "\t\t1\t\t\n";

/* Building a set in code, then writing it canonically. */
static void
test_build(void **state)
{
	static const char *const two[] = { "a|b", "c" };
	static const struct {
		const char *s, *o, *p, *conf;
	} rows[] = {
		{ "SSYK:5311", "ISCO:5311", "skos:exactMatch", "1.0" },
		{ "SSYK:2512", "ISCO:2519", "skos:broadMatch", "0.0005" },
		{ "SSYK:2512", "ISCO:2512", "skos:broadMatch", "0.8445" },
	};
	kll_mapset *m;
	kll_error err;
	size_t r, i;
	char *out;

	(void)state;
	assert_int_equal(kll_mapset_new(&m, &err), KLL_OK);
	assert_string_equal(kll_mapset_path(m), "");
	assert_int_equal(kll_mapset_set_meta(m, "mapping_set_id",
	                     "https://kll.example.org/mappings/built", &err),
	    KLL_OK);
	assert_int_equal(
	    kll_mapset_set_meta(m, "license",
	        "https://creativecommons.org/publicdomain/zero/1.0/", &err),
	    KLL_OK);
	assert_int_equal(
	    kll_mapset_set_meta(m, "creator_label", "yes|a: b", &err), KLL_OK);
	assert_int_equal(
	    kll_mapset_set_meta(m, "odd key", "#value", &err), KLL_OK);
	assert_int_equal(
	    kll_mapset_set_meta(m, "comment", "gone", &err), KLL_OK);
	assert_int_equal(kll_mapset_set_meta(m, "comment", NULL, &err), KLL_OK);
	assert_null(kll_mapset_meta(m, "comment"));
	assert_int_equal(
	    kll_mapset_set_meta(m, "license", "not a uri", &err), KLL_EINVALID);
	assert_int_equal(
	    kll_mapset_set_meta(m, "mapping_set_confidence", "2", &err),
	    KLL_EINVALID);
	assert_int_equal(
	    kll_mapset_set_meta(m, "curie_map", "x", &err), KLL_EARG);
	assert_int_equal(kll_mapset_set_meta(m, "mapping_justification",
	                     "semapv:LexicalMatching", &err),
	    KLL_EARG);
	assert_int_equal(kll_mapset_add_prefix(m, "SSYK",
	                     "https://kll.example.org/ssyk-2012/", &err),
	    KLL_OK);
	assert_int_equal(kll_mapset_add_prefix(m, "ISCO",
	                     "http://data.europa.eu/esco/isco/C", &err),
	    KLL_OK);
	assert_int_equal(kll_mapset_add_prefix(
	                     m, "UNUSED", "https://example.org/unused/", &err),
	    KLL_OK);
	assert_int_equal(kll_mapset_add_prefix(m, "skos",
	                     "http://www.w3.org/2004/02/skos/core#", &err),
	    KLL_OK);
	assert_int_equal(
	    kll_mapset_add_prefix(m, "skos", "https://example.org/", &err),
	    KLL_EINVALID);
	assert_int_equal(kll_mapset_add_prefix(m, "1x", "https://e.org/", &err),
	    KLL_EINVALID);
	assert_int_equal(
	    kll_mapset_add_prefix(m, "x", "relative", &err), KLL_EINVALID);
	assert_int_equal(kll_mapset_nprefixes(m), 3);
	for (i = 0; i < 3; i++) {
		assert_int_equal(kll_mapset_add(m, &r, &err), KLL_OK);
		assert_int_equal(r, i);
		assert_int_equal(kll_mapset_line(m, r), 0);
		assert_int_equal(
		    kll_mapset_set(m, r, KLL_SLOT_SUBJECT_ID, rows[i].s, &err),
		    KLL_OK);
		assert_int_equal(
		    kll_mapset_set(m, r, KLL_SLOT_OBJECT_ID, rows[i].o, &err),
		    KLL_OK);
		assert_int_equal(kll_mapset_set(m, r, KLL_SLOT_PREDICATE_ID,
		                     rows[i].p, &err),
		    KLL_OK);
		assert_int_equal(
		    kll_mapset_set(m, r, KLL_SLOT_MAPPING_JUSTIFICATION,
		        "semapv:ManualMappingCuration", &err),
		    KLL_OK);
		assert_int_equal(kll_mapset_set(m, r, KLL_SLOT_CONFIDENCE,
		                     rows[i].conf, &err),
		    KLL_OK);
		assert_int_equal(
		    kll_mapset_set(m, r, KLL_SLOT_MAPPING_TOOL, "kll", &err),
		    KLL_OK);
		assert_int_equal(kll_mapset_set(m, r, KLL_SLOT_MAPPING_DATE,
		                     "2024-05-06", &err),
		    KLL_OK);
	}
	/* Interned: equal values share one copy. */
	assert_ptr_equal(kll_mapset_get(m, 1, KLL_SLOT_PREDICATE_ID),
	    kll_mapset_get(m, 2, KLL_SLOT_PREDICATE_ID));
	assert_int_equal(
	    kll_mapset_set_list(m, 2, KLL_SLOT_AUTHOR_LABEL, two, 2, &err),
	    KLL_OK);
	assert_string_equal(
	    kll_mapset_get(m, 2, KLL_SLOT_AUTHOR_LABEL), "a\\|b|c");
	assert_int_equal(
	    kll_mapset_set(m, 2, KLL_SLOT_REVIEWER_AGREEMENT, "-0.50", &err),
	    KLL_OK);
	assert_int_equal(kll_mapset_set_extra(m, 2, "note", "x", &err), KLL_OK);
	assert_int_equal(
	    kll_mapset_set_extra(m, 1, "note", NULL, &err), KLL_OK);
	assert_int_equal(
	    kll_mapset_set_extra(m, 1, "subject_id", "x", &err), KLL_EARG);
	/* Bad values and bad calls. */
	assert_int_equal(
	    kll_mapset_set(m, 0, KLL_SLOT_CONFIDENCE, "1.01", &err),
	    KLL_EINVALID);
	assert_int_equal(
	    kll_mapset_set(m, 0, KLL_SLOT_REVIEWER_AGREEMENT, "-1.5", &err),
	    KLL_EINVALID);
	assert_int_equal(
	    kll_mapset_set(m, 0, KLL_SLOT_MAPPING_DATE, "2023-02-29", &err),
	    KLL_EINVALID);
	assert_int_equal(
	    kll_mapset_set(m, 0, KLL_SLOT_SUBJECT_TYPE, "owl:Class", &err),
	    KLL_OK);
	assert_string_equal(
	    kll_mapset_get(m, 0, KLL_SLOT_SUBJECT_TYPE), "owl class");
	assert_int_equal(
	    kll_mapset_set(m, 0, KLL_SLOT_SUBJECT_TYPE, "thing", &err),
	    KLL_EINVALID);
	assert_int_equal(
	    kll_mapset_set(m, 0, KLL_SLOT_SUBJECT_TYPE, NULL, &err), KLL_OK);
	assert_int_equal(
	    kll_mapset_set(m, 0, KLL_SLOT_PREDICATE_TYPE, "rdfs literal", &err),
	    KLL_EINVALID);
	assert_int_equal(kll_mapset_set(m, 0, KLL_SLOT_SUBJECT_ID,
	                     "https://kll.example.org/ssyk-2012/5311", &err),
	    KLL_EINVALID);
	assert_non_null(strstr(err.msg, "IRI"));
	assert_int_equal(kll_mapset_set(m, 0, KLL_SLOT_MAPPING_JUSTIFICATION,
	                     "semapv:Guessing", &err),
	    KLL_EINVALID);
	assert_int_equal(
	    kll_mapset_set(m, 3, KLL_SLOT_SUBJECT_ID, "SSYK:1", &err),
	    KLL_EARG);
	assert_int_equal(
	    kll_mapset_set(m, 0, KLL_SLOT__COUNT, "x", &err), KLL_EARG);
	assert_int_equal(
	    kll_mapset_set_list(m, 0, KLL_SLOT_SUBJECT_ID, two, 2, &err),
	    KLL_EARG);
	assert_int_equal(
	    kll_mapset_set(m, 0, KLL_SLOT_SUBJECT_LABEL, "\xff", &err),
	    KLL_EINVALID);
	/* Condensed, sorted, numbers canonical, unused prefix left out. */
	out = written(m, 0);
	assert_string_equal(out, built_tsv);
	free(out);
	/* Sorting in memory, with numbers in canonical form. */
	kll_mapset_sort(m);
	assert_string_equal(
	    kll_mapset_get(m, 0, KLL_SLOT_OBJECT_ID), "ISCO:2512");
	assert_string_equal(kll_mapset_get(m, 0, KLL_SLOT_CONFIDENCE), "0.845");
	assert_string_equal(
	    kll_mapset_get(m, 0, KLL_SLOT_REVIEWER_AGREEMENT), "-0.5");
	assert_string_equal(kll_mapset_get(m, 1, KLL_SLOT_CONFIDENCE), "0.001");
	assert_string_equal(kll_mapset_get(m, 2, KLL_SLOT_CONFIDENCE), "1");
	assert_string_equal(kll_mapset_get_extra(m, 0, "note"), "x");
	/* The shared value counts as the set's. */
	assert_string_equal(kll_mapset_meta(m, "mapping_tool"), "kll");
	/* A prefix nobody declared cannot be written. */
	assert_int_equal(
	    kll_mapset_set(m, 1, KLL_SLOT_OBJECT_ID, "ESCO:1", &err), KLL_OK);
	assert_int_equal(kll_mapset_write(m, stdout, &err), KLL_EINVALID);
	assert_non_null(strstr(err.msg, "object_id 'ESCO:1' of record 2"));
	assert_int_equal(
	    kll_mapset_define_extension(m, "note", "ESCO:note", NULL, &err),
	    KLL_OK);
	assert_int_equal(kll_mapset_define_extension(
	                     m, "subject_id", "ESCO:note", NULL, &err),
	    KLL_EINVALID);
	kll_mapset_free(m);
}

/* Numbers: canonical form (3 decimals, half up, no trailing zeros) and
 * what is refused. */
static void
test_numbers(void **state)
{
	static const char *const num[][2] = { { "0.9999", "1" },
		{ "1E-3", "0.001" }, { ".5", "0.5" }, { "+0.25", "0.25" },
		{ "-0.0001", "0" }, { "-1", "-1" }, { "0.0004", "0" },
		{ "0.1235", "0.124" }, { "0.12349", "0.123" },
		{ "5e-1", "0.5" }, { "0", "0" }, { "-0.9995", "-1" },
		{ "1.000", "1" }, { "0.000", "0" }, { "00.70", "0.7" },
		{ "-0.0005", "-0.001" } };
	static const char *const bad[] = { "NaN", "INF", "1e", "1.2.3", "0x1",
		"1,5", " 1", "1.0001", "-1.5", "e5", "." };
	kll_mapset *m;
	kll_error err;
	char id[16];
	size_t i, r;

	(void)state;
	assert_int_equal(kll_mapset_new(&m, NULL), KLL_OK);
	for (i = 0; i < sizeof(num) / sizeof(num[0]); i++) {
		assert_int_equal(kll_mapset_add(m, &r, NULL), KLL_OK);
		snprintf(id, sizeof(id), "A:%02u", (unsigned)i);
		assert_int_equal(
		    kll_mapset_set(m, r, KLL_SLOT_SUBJECT_ID, id, &err),
		    KLL_OK);
		assert_int_equal(
		    kll_mapset_set(
		        m, r, KLL_SLOT_REVIEWER_AGREEMENT, num[i][0], &err),
		    KLL_OK);
	}
	kll_mapset_sort(m);
	for (i = 0; i < sizeof(num) / sizeof(num[0]); i++)
		assert_string_equal(
		    kll_mapset_get(m, i, KLL_SLOT_REVIEWER_AGREEMENT),
		    num[i][1]);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(kll_mapset_set(m, 0,
		                     KLL_SLOT_REVIEWER_AGREEMENT, bad[i], &err),
		    KLL_EINVALID);
	assert_int_equal(
	    kll_mapset_set(m, 0, KLL_SLOT_CONFIDENCE, "-0.1", &err),
	    KLL_EINVALID);
	assert_int_equal(
	    kll_mapset_set(m, 0, KLL_SLOT_CONFIDENCE, "-0", &err), KLL_OK);
	kll_mapset_free(m);
}

/* Metadata values that plain YAML would misread are double-quoted, and
 * read back as they were. */
static void
test_yaml_scalars(void **state)
{
	static const char *const val[][2] = { { "plain text", "plain text" },
		{ "true", "\"true\"" }, { "1.5", "\"1.5\"" },
		{ "null", "\"null\"" }, { "~", "\"~\"" }, { "- x", "\"- x\"" },
		{ "-x", "-x" }, { "a #b", "\"a #b\"" }, { "a#b", "a#b" },
		{ "x:", "\"x:\"" }, { "x: y", "\"x: y\"" },
		{ "http://a/b", "http://a/b" }, { " lead", "\" lead\"" },
		{ "[x]", "\"[x]\"" }, { "a\tb", "\"a\\tb\"" },
		{ "a\nb", "\"a\\nb\"" }, { "q\"q", "q\"q" },
		{ "\"q", "\"\\\"q\"" }, { "b\\s", "b\\s" },
		{ "c\x01", "\"c\\x01\"" }, { "nel\xc2\x85", "\"nel\\x85\"" },
		{ "ls\xe2\x80\xa8", "\"ls\\L\"" },
		{ "bom\xef\xbb\xbf", "\"bom\\uFEFF\"" },
		{ "\xc3\x96vers\xc3\xa4ttning", "\xc3\x96vers\xc3\xa4ttning" },
		{ "12:30", "\"12:30\"" }, { "0x1F", "\"0x1F\"" },
		{ "2024-01-01", "2024-01-01" } };
	char line[128], tmp[32], *out;
	struct diags c;
	kll_mapset *m;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(val) / sizeof(val[0]); i++) {
		assert_int_equal(kll_mapset_new(&m, NULL), KLL_OK);
		assert_int_equal(kll_mapset_set_meta(
		                     m, "mapping_set_title", val[i][0], NULL),
		    KLL_OK);
		out = written(m, 0);
		kll_mapset_free(m);
		snprintf(
		    line, sizeof(line), "#mapping_set_title: %s\n", val[i][1]);
		if (strstr(out, line) == NULL)
			fail_msg("%s: not in\n%s", line, out);
		write_temp(out, tmp);
		free(out);
		m = read_ok(tmp, &c);
		assert_string_equal(
		    kll_mapset_meta(m, "mapping_set_title"), val[i][0]);
		kll_mapset_free(m);
		remove(tmp);
	}
}

/* A propagatable value that some record has is not propagated, and is
 * written back both ways. */
static void
test_partial_propagation(void **state)
{
	static const char text[] =
	    "#curie_map:\n"
	    "#  A: https://example.org/a/\n"
	    "#mapping_set_id: https://example.org/sets/p\n"
	    "#license: https://creativecommons.org/licenses/by/4.0/\n"
	    "#mapping_tool: set tool\n"
	    "subject_id\tpredicate_id\tobject_id\tmapping_justification"
	    "\tmapping_tool\n"
	    "A:1\tskos:exactMatch\tA:2\tsemapv:LexicalMatching\t\n"
	    "A:3\tskos:exactMatch\tA:4\tsemapv:LexicalMatching\tother\n";
	struct diags c;
	kll_mapset *m;
	char tmp[32], *out;

	(void)state;
	write_temp(text, tmp);
	m = read_ok(tmp, &c);
	assert_int_equal(c.n, 0);
	assert_null(kll_mapset_get(m, 0, KLL_SLOT_MAPPING_TOOL));
	assert_string_equal(
	    kll_mapset_get(m, 1, KLL_SLOT_MAPPING_TOOL), "other");
	assert_string_equal(kll_mapset_meta(m, "mapping_tool"), "set tool");
	out = written(m, 0);
	assert_string_equal(out, text);
	free(out);
	kll_mapset_free(m);
	remove(tmp);
}

static void
test_write_errors(void **state)
{
	struct diags c;
	kll_mapset *m;
	kll_error err;
	FILE *fp;

	(void)state;
	m = read_ok(DATA "canonical.sssom.tsv", &c);
	if ((fp = fopen("/dev/full", "w")) != NULL) {
		assert_int_equal(kll_mapset_write(m, fp, &err), KLL_EIO);
		assert_non_null(strstr(err.msg, "write error"));
		fclose(fp);
	}
	kll_mapset_free(m);
}

/* An empty set still has its header line; reading it back works. */
static void
test_empty(void **state)
{
	struct diags c;
	kll_mapset *m;
	char *out, tmp[32];

	(void)state;
	assert_int_equal(kll_mapset_new(&m, NULL), KLL_OK);
	out = written(m, 0);
	assert_string_equal(out,
	    "subject_id\tpredicate_id\tobject_id\tmapping_justification\n");
	kll_mapset_free(m);
	write_temp(out, tmp);
	free(out);
	m = read_ok(tmp, &c);
	assert_int_equal(kll_mapset_count(m), 0);
	assert_int_equal(c.n, 2); /* no mapping_set_id, no license */
	expect_diag(&c, 0, KLL_SEV_WARNING, "sssom-missing-set-slot", 1, 0);
	assert_string_equal(c.d[0].file, tmp);
	kll_mapset_free(m);
	remove(tmp);
}

/* Read every file of "dir" ending in ".tsv"; return how many. */
static int
read_dir(const char *dir, int want_clean, int want_errors)
{
	char path[1024];
	struct dirent *e;
	struct diags c;
	kll_mapset *m;
	size_t n, i;
	int count = 0;
	DIR *d;

	if ((d = opendir(dir)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		n = strlen(e->d_name);
		if (n < 4 || strcmp(e->d_name + n - 4, ".tsv") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		m = read_ok(path, &c);
		if (want_clean)
			for (i = 0; i < c.n && i < MAXD; i++)
				if (c.d[i].severity == KLL_SEV_ERROR)
					fail_msg("%s:%u:%u: %s", c.d[i].file,
					    c.d[i].line, c.d[i].col,
					    c.d[i].msg);
		if (want_errors && kll_mapset_nerrors(m) == 0)
			fail_msg("%s: no error found", path);
		kll_mapset_free(m);
		count++;
	}
	closedir(d);
	return count;
}

static void
test_spec_examples(void **state)
{
	char dir[512];
	struct stat sb;

	(void)state;
	snprintf(dir, sizeof(dir), "%s/spec/sssom", shared());
	if (stat(dir, &sb) != 0)
		skip();
	snprintf(
	    dir, sizeof(dir), "%s/spec/sssom/examples-spec/embedded", shared());
	assert_int_equal(read_dir(dir, 1, 0), 2);
	/* Each finds its .sssom.yml. */
	snprintf(
	    dir, sizeof(dir), "%s/spec/sssom/examples-spec/external", shared());
	assert_int_equal(read_dir(dir, 1, 0), 2);
	snprintf(
	    dir, sizeof(dir), "%s/spec/sssom/examples-spec/schema", shared());
	assert_int_equal(read_dir(dir, 1, 0), 27);
	/* sssom-py's "valid" files all read; three break SSSOM rules that
	 * sssom-py does not check (undeclared prefixes, IRIs, unknown
	 * justifications), which kll reports. */
	snprintf(dir, sizeof(dir), "%s/spec/sssom/examples-sssom-py/valid",
	    shared());
	assert_int_equal(read_dir(dir, 0, 0), 15);
	snprintf(dir, sizeof(dir), "%s/spec/sssom/examples-sssom-py/invalid",
	    shared());
	assert_int_equal(read_dir(dir, 0, 1), 3);
}

/* What each of sssom-py's invalid files is reported for. */
static void
test_spec_invalid(void **state)
{
	char path[512];
	struct diags c;
	kll_mapset *m;
	struct stat sb;
	size_t i;
	int redefined = 0, justification = 0, curie = 0;

	(void)state;
	snprintf(path, sizeof(path),
	    "%s/spec/sssom/examples-sssom-py/"
	    "invalid/basic_strict_fail.tsv",
	    shared());
	if (stat(path, &sb) != 0)
		skip();
	m = read_ok(path, &c);
	for (i = 0; i < c.n; i++)
		redefined += strcmp(c.d[i].rule, "sssom-redefined-prefix") == 0;
	assert_int_equal(redefined, 1);
	kll_mapset_free(m);
	snprintf(path, sizeof(path),
	    "%s/spec/sssom/examples-sssom-py/"
	    "invalid/mondo-nando.sssom.tsv",
	    shared());
	m = read_ok(path, &c);
	for (i = 0; i < c.n; i++) {
		justification +=
		    strcmp(c.d[i].rule, "sssom-bad-justification") == 0;
		curie += strcmp(c.d[i].rule, "sssom-bad-curie") == 0;
	}
	assert_int_equal(justification, 3);
	assert_int_equal(curie, 1);
	kll_mapset_free(m);
}

/* ------------------------------------------------------------------ */
/* Record by record, and where fields are                               */

struct rows {
	const kll_mapset *full; /* the same file read whole */
	size_t n;
};

/* Each record handed over is the full read's record n, with the same
 * values and positions. */
static int
same_row(void *payload, const kll_mapset *m, size_t rec)
{
	struct rows *w = payload;
	unsigned l1, c1, l2, c2;
	const char *a, *b;
	int s;

	assert_int_equal(rec, 0);
	assert_int_equal(kll_mapset_count(m), 1);
	assert_true(w->n < kll_mapset_count(w->full));
	assert_int_equal(kll_mapset_line(m, 0), kll_mapset_line(w->full, w->n));
	for (s = 0; s < KLL_SLOT__COUNT; s++) {
		kll_mapset_pos(m, 0, (kll_slot)s, &l1, &c1);
		kll_mapset_pos(w->full, w->n, (kll_slot)s, &l2, &c2);
		assert_int_equal(l1, l2);
		assert_int_equal(c1, c2);
		a = kll_mapset_get(m, 0, (kll_slot)s);
		b = kll_mapset_get(w->full, w->n, (kll_slot)s);
		if (a == NULL || b == NULL)
			assert_true(a == b);
		else
			assert_string_equal(a, b);
	}
	w->n++;
	return 0;
}

static void
test_rows(void **state)
{
	kll_sssom_opts o = KLL_SSSOM_OPTS_INIT;
	struct diags c, d;
	struct rows w;
	kll_mapset *m, *full;
	unsigned line, col;
	kll_error err;
	size_t i, j;

	(void)state;
	full = read_ok(DATA "quoting.sssom.tsv", &c);
	/* Fields after a value with a line break are on a later line. */
	kll_mapset_pos(full, 1, KLL_SLOT_MAPPING_JUSTIFICATION, &line, &col);
	assert_int_equal(line, kll_mapset_line(full, 1) + 1);
	assert_int_equal(col, 8);
	kll_mapset_pos(full, 0, KLL_SLOT_PREDICATE_ID, &line, &col);
	assert_int_equal(line, kll_mapset_line(full, 0));
	assert_int_equal(col, 16);
	memset(&w, 0, sizeof(w));
	memset(&d, 0, sizeof(d));
	w.full = full;
	o.diag = collect;
	o.payload = &d;
	o.row = same_row;
	o.row_payload = &w;
	assert_int_equal(kll_mapset_read(&m, DATA "quoting.sssom.tsv", &o, &err),
	    KLL_OK);
	assert_int_equal(w.n, kll_mapset_count(full));
	assert_int_equal(kll_mapset_count(m), 0);
	assert_string_equal(
	    kll_mapset_meta(m, "mapping_set_id"), "https://example.org/sets/quoting");
	/* The same findings, in the order of reading. */
	assert_int_equal(d.n, c.n);
	for (i = 0; i < c.n; i++) {
		for (j = 0; j < d.n; j++)
			if (strcmp(c.d[i].rule, d.d[j].rule) == 0 &&
			    strcmp(c.d[i].msg, d.d[j].msg) == 0 &&
			    c.d[i].line == d.d[j].line && c.d[i].col == d.d[j].col)
				break;
		assert_true(j < d.n);
	}
	kll_mapset_free(m);
	/* An edited record has no place in the file any more. */
	assert_int_equal(kll_mapset_set(full, 0, KLL_SLOT_COMMENT, "x", &err),
	    KLL_OK);
	assert_int_equal(kll_mapset_line(full, 0), 0);
	kll_mapset_pos(full, 0, KLL_SLOT_PREDICATE_ID, &line, &col);
	assert_int_equal(line, 0);
	assert_int_equal(col, 0);
	kll_mapset_free(full);
}

/* A stop asked for by the callback fails the read with its status. */
static int
stop_row(void *payload, const kll_mapset *m, size_t rec)
{
	(void)m;
	(void)rec;
	return ++*(int *)payload == 2 ? KLL_EINVALID : 0;
}

static void
test_rows_stop(void **state)
{
	kll_sssom_opts o = KLL_SSSOM_OPTS_INIT;
	kll_mapset *m = (kll_mapset *)&o;
	kll_error err;
	int n = 0;

	(void)state;
	o.row = stop_row;
	o.row_payload = &n;
	o.diag = collect;
	o.payload = &(struct diags){ 0 };
	assert_int_equal(kll_mapset_read(&m, DATA "quoting.sssom.tsv", &o, &err),
	    KLL_EINVALID);
	assert_null(m);
	assert_int_equal(n, 2);
	assert_int_equal(err.code, KLL_EINVALID);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_free_null),
		cmocka_unit_test(test_slots),
		cmocka_unit_test(test_canonical_roundtrip),
		cmocka_unit_test(test_canonical_values),
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_pre10),
		cmocka_unit_test(test_undeclared_prefix),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_fatal),
		cmocka_unit_test(test_args),
		cmocka_unit_test(test_stdin),
		cmocka_unit_test(test_external),
		cmocka_unit_test(test_literal),
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_build),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_rows_stop),
		cmocka_unit_test(test_yaml_scalars),
		cmocka_unit_test(test_partial_propagation),
		cmocka_unit_test(test_write_errors),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_spec_examples),
		cmocka_unit_test(test_spec_invalid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
