/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test_compose.c: the predicate algebra, composing and inverting keys
 * (lib/map_pred.c, map_compose.c, map_invert.c). */
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
#define MAXD  32

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

/* Read a key that must have no finding at all. */
static kll_mapset *
read_clean(const char *path)
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
	if (c.n > 0)
		fail_msg("%s:%u: %s [%s]", c.d[0].file, c.d[0].line, c.d[0].msg,
		    c.d[0].rule);
	return m;
}

/* A key from text, through a temporary file: warnings are fine. */
static kll_mapset *
key_from(const char *text)
{
	kll_sssom_opts o = KLL_SSSOM_OPTS_INIT;
	char path[] = "/tmp/kll-compose-XXXXXX";
	struct diags c;
	kll_mapset *m = NULL;
	kll_error err;
	FILE *fp;
	int fd;

	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
	memset(&c, 0, sizeof(c));
	o.diag = collect;
	o.payload = &c;
	if (kll_mapset_read(&m, path, &o, &err) != KLL_OK)
		fail_msg("%s:%u: %s", err.file, err.line, err.msg);
	if (kll_mapset_nerrors(m) > 0)
		fail_msg("%s:%u: %s", c.d[0].file, c.d[0].line, c.d[0].msg);
	unlink(path);
	return m;
}

static char *
written(const kll_mapset *m)
{
	char *buf = NULL;
	size_t len = 0;
	kll_error err;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	if (kll_mapset_write(m, fp, &err) != KLL_OK)
		fail_msg("write: %s", err.msg);
	fclose(fp);
	return buf;
}

static char *
slurp(const char *path)
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
	return buf;
}

/* The record of m with this subject, predicate and object, or -1. */
static long
find(const kll_mapset *m, const char *s, const char *p, const char *o)
{
	size_t i;
	const char *v;

	for (i = 0; i < kll_mapset_count(m); i++) {
		v = kll_mapset_get(m, i, KLL_SLOT_PREDICATE_ID);
		if (strcmp(kll_mapset_get(m, i, KLL_SLOT_SUBJECT_ID), s) == 0 &&
		    strcmp(kll_mapset_get(m, i, KLL_SLOT_OBJECT_ID), o) == 0 &&
		    v != NULL && strcmp(v, p) == 0)
			return (long)i;
	}
	return -1;
}

static const char *
get(const kll_mapset *m, long rec, kll_slot s)
{
	const char *v;

	assert_true(rec >= 0);
	v = kll_mapset_get(m, (size_t)rec, s);
	return v != NULL ? v : "";
}

/* ------------------------------------------------------------------ */
/* The algebra                                                          */

static const char *const names[KLL_PRED__COUNT] = { "-", "exact", "close",
	"broad", "narrow", "related", "equivalent", "sameas", "subclass" };

/* Written out again here, row by row, from the rules in the man page:
 * the result of "a ROW b" and "b COLUMN c". */
static const char *const expected[KLL_PRED__COUNT][KLL_PRED__COUNT] = {
	{ "-", "-", "-", "-", "-", "-", "-", "-", "-" },
	{ "-", "exact", "close", "broad", "narrow", "related", "exact", "exact",
	    "broad" },
	{ "-", "close", "close", "broad", "narrow", "related", "close", "close",
	    "broad" },
	{ "-", "broad", "broad", "broad", "sib", "-", "broad", "broad",
	    "broad" },
	{ "-", "narrow", "narrow", "related", "narrow", "-", "narrow", "narrow",
	    "related" },
	{ "-", "related", "related", "-", "-", "-", "related", "related", "-" },
	{ "-", "exact", "close", "broad", "narrow", "related", "equivalent",
	    "exact", "subclass" },
	{ "-", "exact", "close", "broad", "narrow", "related", "exact",
	    "sameas", "broad" },
	{ "-", "broad", "broad", "broad", "sib", "-", "subclass", "broad",
	    "subclass" },
};

static const char *
shown(kll_pred p)
{
	return names[p];
}

static void
test_table_every_pair(void **state)
{
	int p, q, sib, neg;
	kll_pred r;
	const char *want;

	(void)state;
	for (p = 0; p < KLL_PRED__COUNT; p++)
		for (q = 0; q < KLL_PRED__COUNT; q++)
			for (sib = 0; sib < 2; sib++) {
				neg = 7;
				r = kll_pred_compose(
				    (kll_pred)p, 0, (kll_pred)q, 0, sib, &neg);
				want = expected[p][q];
				if (strcmp(want, "sib") == 0)
					want = sib ? "related" : "-";
				if (strcmp(shown(r), want) != 0)
					fail_msg("%s o %s (siblings %d): %s, "
					         "not %s",
					    names[p], names[q], sib, shown(r),
					    want);
				assert_int_equal(neg, 0);
			}
}

static int
is_exact_kind(int p)
{
	return p == KLL_PRED_EXACT || p == KLL_PRED_EQUIVALENT ||
	       p == KLL_PRED_SAME_AS;
}

static void
test_table_negations(void **state)
{
	int p, q, neg;
	kll_pred r;

	(void)state;
	for (p = 0; p < KLL_PRED__COUNT; p++)
		for (q = 0; q < KLL_PRED__COUNT; q++) {
			/* Not p, then q */
			neg = 7;
			r = kll_pred_compose(
			    (kll_pred)p, 1, (kll_pred)q, 0, 1, &neg);
			if (p != 0 && q != 0 && is_exact_kind(q)) {
				assert_int_equal(r, p);
				assert_int_equal(neg, 1);
			} else {
				assert_int_equal(r, KLL_PRED_NONE);
				assert_int_equal(neg, 0);
			}
			/* p, then Not q */
			r = kll_pred_compose(
			    (kll_pred)p, 0, (kll_pred)q, 1, 1, &neg);
			if (p != 0 && q != 0 && is_exact_kind(p)) {
				assert_int_equal(r, q);
				assert_int_equal(neg, 1);
			} else {
				assert_int_equal(r, KLL_PRED_NONE);
				assert_int_equal(neg, 0);
			}
			/* Not, then Not */
			r = kll_pred_compose(
			    (kll_pred)p, 1, (kll_pred)q, 1, 1, &neg);
			assert_int_equal(r, KLL_PRED_NONE);
		}
	/* not_out may be NULL; a bad value composes to nothing. */
	assert_int_equal(
	    kll_pred_compose(KLL_PRED_EXACT, 0, KLL_PRED_BROAD, 0, 0, NULL),
	    KLL_PRED_BROAD);
	assert_int_equal(
	    kll_pred_compose((kll_pred)99, 0, KLL_PRED_EXACT, 0, 0, NULL),
	    KLL_PRED_NONE);
}

static void
test_pred_names(void **state)
{
	int p;

	(void)state;
	for (p = 1; p < KLL_PRED__COUNT; p++) {
		assert_int_equal(kll_pred_from_name(names[p]), p);
		assert_string_equal(kll_pred_name((kll_pred)p), names[p]);
		assert_int_equal(
		    kll_pred_from_name(kll_pred_curie((kll_pred)p)), p);
		assert_int_equal(
		    kll_pred_from_iri(kll_pred_iri((kll_pred)p)), p);
	}
	assert_string_equal(kll_pred_curie(KLL_PRED_BROAD), "skos:broadMatch");
	assert_string_equal(kll_pred_iri(KLL_PRED_SUBCLASS),
	    "http://www.w3.org/2000/01/rdf-schema#subClassOf");
	assert_null(kll_pred_name(KLL_PRED_NONE));
	assert_null(kll_pred_curie((kll_pred)42));
	assert_null(kll_pred_iri((kll_pred)-1));
	assert_int_equal(kll_pred_from_name("Exact"), KLL_PRED_NONE);
	assert_int_equal(kll_pred_from_name(NULL), KLL_PRED_NONE);
	assert_int_equal(kll_pred_from_iri(NULL), KLL_PRED_NONE);
	assert_int_equal(kll_pred_from_iri("http://www.w3.org/2004/02/skos/"
	                                   "core#mappingRelation"),
	    KLL_PRED_NONE);
}

static void
test_pred_inverse(void **state)
{
	static const int inv[KLL_PRED__COUNT] = { KLL_PRED_NONE, KLL_PRED_EXACT,
		KLL_PRED_CLOSE, KLL_PRED_NARROW, KLL_PRED_BROAD,
		KLL_PRED_RELATED, KLL_PRED_EQUIVALENT, KLL_PRED_SAME_AS,
		KLL_PRED_NONE };
	int p;

	(void)state;
	for (p = 0; p < KLL_PRED__COUNT; p++)
		assert_int_equal(kll_pred_inverse((kll_pred)p), inv[p]);
	assert_int_equal(kll_pred_inverse((kll_pred)77), KLL_PRED_NONE);
}

/* A prefix other than skos for the SKOS namespace still names it. */
static void
test_mapset_pred(void **state)
{
	kll_mapset *m = key_from(
	    "#curie_map:\n"
	    "#  a: https://example.org/a/\n"
	    "#  S: http://www.w3.org/2004/02/skos/core#\n"
	    "#  x: https://example.org/x#\n"
	    "#mapping_set_id: https://example.org/k\n"
	    "#license: https://example.org/l\n"
	    "subject_id\tpredicate_id\tobject_id\tmapping_justification\n"
	    "a:1\tS:narrowMatch\ta:2\tsemapv:ManualMappingCuration\n"
	    "a:1\tx:other\ta:3\tsemapv:ManualMappingCuration\n");

	(void)state;
	assert_int_equal(kll_mapset_pred(m, 0), KLL_PRED_NARROW);
	assert_int_equal(kll_mapset_pred(m, 1), KLL_PRED_NONE);
	assert_int_equal(kll_mapset_pred(m, 2), KLL_PRED_NONE);
	kll_mapset_free(m);
}

/* ------------------------------------------------------------------ */
/* Composing the test keys: occ -> isc -> esx                           */

static void
test_compose_fixtures(void **state)
{
	kll_compose_opts o = KLL_COMPOSE_OPTS_INIT;
	kll_mapset *ab = read_clean(MAP "occ_isc.sssom.tsv");
	kll_mapset *bc = read_clean(MAP "compose-isc_esx.sssom.tsv");
	kll_mapset *m = (kll_mapset *)&o, *back;
	kll_compose_stats st;
	struct diags c;
	kll_error err;
	char path[] = "/tmp/kll-composed-XXXXXX", *text;
	FILE *fp;
	long r;

	(void)state;
	memset(&c, 0, sizeof(c));
	o.diag = collect;
	o.payload = &c;
	o.pivot_check = 1;
	assert_int_equal(kll_mapset_compose(&m, ab, bc, &o, &st, &err), KLL_OK);
	assert_int_equal(kll_mapset_count(m), 9);
	assert_int_equal(st.records, 9);
	assert_int_equal(st.chains, 11);
	assert_int_equal(st.split, 9);
	assert_int_equal(st.weakened, 4);
	assert_int_equal(st.unsafe, 1);
	assert_int_equal(st.negated, 1);
	assert_int_equal(st.no_pivot, 2);
	assert_int_equal(st.unreached, 1);

	/* exact then narrow, through a split of the pivot */
	r = find(m, "occ:0110", "skos:narrowMatch", "esx:0110.2");
	assert_string_equal(get(m, r, KLL_SLOT_COMMENT),
	    "via isc:0110; through a split of isc:0110");
	assert_string_equal(get(m, r, KLL_SLOT_SUBJECT_LABEL), "Officerare");
	assert_string_equal(get(m, r, KLL_SLOT_OBJECT_LABEL), "army captain");
	assert_string_equal(get(m, r, KLL_SLOT_MAPPING_JUSTIFICATION),
	    "semapv:MappingChaining");
	assert_string_equal(get(m, r, KLL_SLOT_MAPPING_CARDINALITY), "1:n");
	assert_string_equal(get(m, r, KLL_SLOT_CONFIDENCE), "");
	/* two pivots merged into one record */
	r = find(m, "occ:2511", "skos:narrowMatch", "esx:2513.1");
	assert_string_equal(get(m, r, KLL_SLOT_COMMENT),
	    "via isc:2511, isc:2513; through splits of isc:2511, occ:2511");
	/* related then close */
	r = find(m, "occ:5321", "skos:relatedMatch", "esx:5322.1");
	assert_string_equal(get(m, r, KLL_SLOT_COMMENT),
	    "via isc:5322; through a split of occ:5321");
	assert_string_equal(get(m, r, KLL_SLOT_MAPPING_CARDINALITY), "1:1");
	/* broad then narrow is kept, weakened: related, 1 x 1 x 0.5 */
	r = find(m, "occ:2512", "skos:relatedMatch", "esx:2512.1");
	assert_string_equal(get(m, r, KLL_SLOT_CONFIDENCE), "0.5");
	assert_string_equal(get(m, r, KLL_SLOT_COMMENT),
	    "via isc:2512; through a split of isc:2512; weakened: "
	    "skos:broadMatch then skos:narrowMatch");

	/* the records of occ_isc whose pivot isc_esx lacks */
	assert_int_equal(c.n, 2);
	assert_string_equal(c.d[0].file, MAP "occ_isc.sssom.tsv");
	assert_int_equal(c.d[0].line, 15);
	assert_int_equal(c.d[1].line, 17);
	assert_int_equal(c.d[0].severity, KLL_SEV_WARNING);
	assert_string_equal(c.d[0].rule, "compose-no-pivot");
	assert_non_null(strstr(c.d[0].msg, "'isc:5321'"));

	assert_string_equal(kll_mapset_meta(m, "mapping_set_id"),
	    "https://kll.example.org/mappings/occ_isc+isc_esx");
	assert_string_equal(kll_mapset_meta(m, "mapping_set_source"),
	    "https://kll.example.org/mappings/occ_isc|"
	    "https://kll.example.org/mappings/isc_esx");
	assert_string_equal(kll_mapset_meta(m, "license"),
	    "https://creativecommons.org/publicdomain/zero/1.0/");
	assert_string_equal(kll_mapset_meta(m, "subject_source"), "kll:occ");
	assert_string_equal(kll_mapset_meta(m, "object_source"), "kll:esx");
	assert_string_equal(kll_mapset_meta(m, "mapping_tool"), "kll");
	assert_string_equal(
	    kll_mapset_meta(m, "mapping_tool_version"), KLL_VERSION);

	/* What it writes reads back without a finding, the same. */
	text = written(m);
	fp = fdopen(mkstemp(path), "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	back = read_clean(path);
	unlink(path);
	{
		char *again = written(back);
		assert_string_equal(again, text);
		free(again);
	}
	free(text);
	kll_mapset_free(back);
	kll_mapset_free(m);

	/* strict: broad then narrow gives nothing */
	assert_int_equal(kll_mapset_compose(&m, ab, bc,
	                     &(kll_compose_opts){ .strict = 1 }, &st, &err),
	    KLL_OK);
	assert_int_equal(st.records, 5);
	assert_int_equal(st.weakened, 0);
	assert_int_equal(st.unsafe, 5);
	assert_int_equal(st.unreached, 3);
	assert_int_equal(
	    find(m, "occ:2512", "skos:relatedMatch", "esx:2512.1"), -1);
	kll_mapset_free(m);

	/* strict with siblings keeps broad then narrow, weakened */
	assert_int_equal(
	    kll_mapset_compose(&m, ab, bc,
	        &(kll_compose_opts){ .strict = 1, .siblings = 1 }, &st, &err),
	    KLL_OK);
	assert_int_equal(st.records, 9);
	assert_int_equal(st.unsafe, 1);
	r = find(m, "occ:2512", "skos:relatedMatch", "esx:2512.1");
	assert_string_equal(get(m, r, KLL_SLOT_COMMENT),
	    "via isc:2512; through a split of isc:2512; weakened: "
	    "skos:broadMatch then skos:narrowMatch");
	assert_string_equal(get(m, r, KLL_SLOT_MAPPING_CARDINALITY), "n:n");
	kll_mapset_free(m);
	kll_mapset_free(ab);
	kll_mapset_free(bc);
}

/* ------------------------------------------------------------------ */
/* Composing small keys made here                                       */

#define HEAD(id, lic, ss, os)                                                  \
	"#curie_map:\n"                                                        \
	"#  a: https://example.org/a/\n"                                       \
	"#  b: https://example.org/b/\n"                                       \
	"#  c: https://example.org/c/\n"                                       \
	"#  k: https://example.org/\n"                                         \
	"#mapping_set_id: https://example.org/keys/" id "\n"                   \
	"#license: " lic "\n"                                                  \
	"#subject_source: " ss "\n"                                            \
	"#object_source: " os "\n"
#define CC0 "https://creativecommons.org/publicdomain/zero/1.0/"
#define BY  "https://creativecommons.org/licenses/by/4.0/"
#define COLS                                                                   \
	"subject_id\tpredicate_id\tpredicate_modifier\tobject_id\t"            \
	"mapping_justification\tconfidence\n"
#define ROW(s, p, m, o, c)                                                     \
	s "\tskos:" p "\t" m "\t" o "\tsemapv:ManualMappingCuration\t" c "\n"

static const char ab_text[] = HEAD("ab", CC0, "k:a", "k:b")
    COLS ROW("a:1", "exactMatch", "", "b:1", "0.8")
        ROW("a:1", "exactMatch", "", "b:2", "0.5")
            ROW("a:2", "exactMatch", "", "b:3", "")
                ROW("a:3", "exactMatch", "Not", "b:1", "")
                    ROW("a:4", "exactMatch", "", "sssom:NoTermFound", "")
                        ROW("a:5", "closeMatch", "", "b:4", "0.9");
static const char bc_text[] = HEAD("bc", CC0, "k:b", "k:c")
    COLS ROW("b:1", "exactMatch", "", "c:1", "0.5")
        ROW("b:2", "exactMatch", "", "c:1", "0.9")
            ROW("b:3", "broadMatch", "", "c:2", "0.7")
                ROW("b:4", "exactMatch", "", "sssom:NoTermFound", "")
                    ROW("b:4", "relatedMatch", "Not", "c:3", "")
                        ROW("sssom:NoTermFound", "exactMatch", "", "c:4", "");

static void
test_compose_merge_confidence(void **state)
{
	kll_mapset *ab = key_from(ab_text), *bc = key_from(bc_text), *m;
	kll_compose_stats st;
	kll_error err;
	long r;

	(void)state;
	assert_int_equal(
	    kll_mapset_compose(&m, ab, bc, NULL, &st, &err), KLL_OK);
	/* a:1 -> c:1 via b:1 (0.4) and b:2 (0.45): one record, the best */
	r = find(m, "a:1", "skos:exactMatch", "c:1");
	assert_string_equal(get(m, r, KLL_SLOT_CONFIDENCE), "0.45");
	assert_string_equal(get(m, r, KLL_SLOT_COMMENT),
	    "via b:1, b:2; through a split of a:1");
	assert_string_equal(get(m, r, KLL_SLOT_PREDICATE_MODIFIER), "");
	/* a confidence on one side only: the missing one counts as 1 */
	r = find(m, "a:2", "skos:broadMatch", "c:2");
	assert_string_equal(get(m, r, KLL_SLOT_CONFIDENCE), "0.7");
	assert_string_equal(get(m, r, KLL_SLOT_COMMENT), "via b:3");
	/* Not exact then exact: Not exact; not counted as a split of b:1 */
	r = find(m, "a:3", "skos:exactMatch", "c:1");
	assert_string_equal(get(m, r, KLL_SLOT_PREDICATE_MODIFIER), "Not");
	assert_string_equal(get(m, r, KLL_SLOT_COMMENT), "via b:1");
	assert_string_equal(get(m, r, KLL_SLOT_MAPPING_CARDINALITY), "");
	/* close then Not related: nothing; NoTermFound does not chain */
	assert_int_equal(kll_mapset_count(m), 3);
	assert_int_equal(st.chains, 5);
	assert_int_equal(st.unsafe, 1);
	assert_int_equal(st.negated, 1);
	assert_int_equal(st.no_pivot, 0);
	assert_int_equal(st.unreached, 2); /* a:4, a:5 */
	assert_string_equal(get(m, find(m, "a:2", "skos:broadMatch", "c:2"),
	                        KLL_SLOT_MAPPING_CARDINALITY),
	    "1:1");
	assert_string_equal(get(m, find(m, "a:1", "skos:exactMatch", "c:1"),
	                        KLL_SLOT_MAPPING_CARDINALITY),
	    "1:1");
	kll_mapset_free(m);
	kll_mapset_free(ab);
	kll_mapset_free(bc);
}

static void
expect_compose_error(const kll_mapset *ab, const kll_mapset *bc,
    const kll_compose_opts *o, const char *file, const char *rule,
    const char *msg)
{
	kll_mapset *m = (kll_mapset *)&m;
	kll_error err;

	assert_int_equal(
	    kll_mapset_compose(&m, ab, bc, o, NULL, &err), KLL_EINVALID);
	assert_null(m);
	assert_int_equal(err.code, KLL_EINVALID);
	assert_string_equal(err.file, file);
	assert_int_equal(err.line, 0);
	assert_string_equal(err.rule, rule);
	if (strstr(err.msg, msg) == NULL)
		fail_msg("'%s' not in '%s'", msg, err.msg);
}

static void
test_compose_errors(void **state)
{
	kll_compose_opts o = KLL_COMPOSE_OPTS_INIT;
	kll_mapset *ab = key_from(ab_text), *bc = key_from(bc_text), *m;
	kll_mapset *by = key_from(HEAD("bc", BY, "k:b", "k:c")
	        COLS ROW("b:1", "exactMatch", "", "c:1", ""));
	kll_mapset *other = key_from(HEAD("xc", CC0, "k:x", "k:c")
	        COLS ROW("b:1", "exactMatch", "", "c:1", ""));
	kll_mapset *nosrc = key_from(
	    "#curie_map:\n"
	    "#  b: https://example.org/b/\n"
	    "#  c: https://example.org/c/\n"
	    "#license: " CC0 "\n" COLS ROW("b:1", "exactMatch", "", "c:1", ""));
	kll_mapset *clash = key_from("#curie_map:\n"
	                             "#  b: https://example.org/b/\n"
	                             "#  a: https://example.org/not-a/\n"
	                             "#  k: https://example.org/\n"
	                             "#mapping_set_id: https://e.org/x\n"
	                             "#license: " CC0 "\n"
	                             "#subject_source: k:b\n" COLS ROW(
	                                 "b:1", "exactMatch", "", "a:1", ""));
	kll_error err;
	const char *f1 = kll_mapset_path(ab);

	(void)state;
	/* sources that do not meet, or are not there */
	expect_compose_error(ab, other, &o, f1, "compose-no-meet",
	    "object_source 'k:b' is not the subject_source 'k:x'");
	expect_compose_error(
	    ab, nosrc, &o, f1, "compose-no-meet", "has no subject_source");
	expect_compose_error(bc, ab, &o, kll_mapset_path(bc), "compose-no-meet",
	    "is not the subject_source 'k:a'");
	/* --force composes them all the same */
	o.force = 1;
	assert_int_equal(
	    kll_mapset_compose(&m, ab, other, &o, NULL, &err), KLL_OK);
	assert_int_equal(kll_mapset_count(m), 2);
	kll_mapset_free(m);
	o.force = 0;
	/* different licences need one named */
	expect_compose_error(ab, by, &o, f1, "compose-license",
	    "different licences ('" CC0 "' here, '" BY "' in");
	o.license = BY;
	assert_int_equal(
	    kll_mapset_compose(&m, ab, by, &o, NULL, &err), KLL_OK);
	assert_string_equal(kll_mapset_meta(m, "license"), BY);
	kll_mapset_free(m);
	/* no id to derive one from, unless one is given */
	o.force = 1;
	o.license = NULL;
	m = (kll_mapset *)&m;
	assert_int_equal(
	    kll_mapset_compose(&m, ab, nosrc, &o, NULL, &err), KLL_EINVALID);
	assert_null(m);
	assert_string_equal(err.file, kll_mapset_path(nosrc));
	assert_non_null(strstr(err.msg, "no mapping_set_id"));
	o.mapping_set_id = "https://example.org/keys/ac";
	assert_int_equal(
	    kll_mapset_compose(&m, ab, nosrc, &o, NULL, &err), KLL_OK);
	assert_string_equal(kll_mapset_meta(m, "mapping_set_id"),
	    "https://example.org/keys/ac");
	assert_string_equal(kll_mapset_meta(m, "mapping_set_source"),
	    "https://example.org/keys/ab");
	kll_mapset_free(m);
	/* one prefix, two meanings */
	o.mapping_set_id = NULL;
	assert_int_equal(
	    kll_mapset_compose(&m, ab, clash, &o, NULL, &err), KLL_EINVALID);
	assert_string_equal(err.file, kll_mapset_path(clash));
	assert_non_null(strstr(err.msg, "prefix 'a'"));
	/* bad arguments */
	assert_int_equal(
	    kll_mapset_compose(&m, NULL, bc, NULL, NULL, &err), KLL_EARG);
	assert_null(m);
	assert_int_equal(
	    kll_mapset_compose(&m, ab, NULL, NULL, NULL, NULL), KLL_EARG);
	kll_mapset_free(ab);
	kll_mapset_free(bc);
	kll_mapset_free(by);
	kll_mapset_free(other);
	kll_mapset_free(nosrc);
	kll_mapset_free(clash);
}

#define KEY(id, ss, os, ver)                                                   \
	"#curie_map:\n"                                                        \
	"#  a: https://example.org/a/\n"                                       \
	"#  b: https://example.org/b/\n"                                       \
	"#  c: https://example.org/c/\n"                                       \
	"#  k: https://example.org/\n"                                         \
	"#  kll: https://kll.example.org/\n"                                   \
	"#mapping_set_id: https://example.org/keys/" id "\n"                   \
	"#license: " CC0 "\n"                                                  \
	"#subject_source: " ss "\n"                                            \
	"#object_source: " os "\n" ver COLS

/* Versions of the pivot must agree; two IRIs of one vocabulary (two
 * lines of an INDEX) meet when the search path is given. */
static void
test_compose_meet(void **state)
{
	kll_compose_opts o = KLL_COMPOSE_OPTS_INIT;
	kll_mapset *ab = key_from(
	    KEY("ab", "k:a", "kll:isc", "#object_source_version: 2008\n")
	        ROW("a:1", "exactMatch", "", "b:1", ""));
	kll_mapset *bc = key_from(
	    KEY("bc", "k:isc-alias", "k:c", "#subject_source_version: 2012\n")
	        ROW("b:1", "exactMatch", "", "c:1", ""));
	kll_mapset *bc2 = key_from(
	    KEY("bc", "k:isc-alias", "k:c", "#subject_source_version: 2008\n")
	        ROW("b:1", "exactMatch", "", "c:1", ""));
	kll_mapset *m = NULL;
	kll_error err;
	char dir[] = "/tmp/kll-meet-XXXXXX", path[64], cwd[1024], ttl[1200];
	FILE *fp;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/INDEX", dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("isc\thttps://kll.example.org/isc\n"
	      "isc\thttps://example.org/isc-alias\n",
	    fp);
	fclose(fp);
	snprintf(path, sizeof(path), "%s/isc.ttl", dir);
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	snprintf(ttl, sizeof(ttl), "%s/%s/isc.ttl", cwd, VOCAB);
	assert_int_equal(symlink(ttl, path), 0);

	/* without the search path, the two IRIs are two vocabularies */
	expect_compose_error(ab, bc2, &o, kll_mapset_path(ab),
	    "compose-no-meet",
	    "object_source 'kll:isc' is not the subject_source "
	    "'k:isc-alias'");
	o.dirs = dir;
	expect_compose_error(ab, bc, &o, kll_mapset_path(ab), "compose-no-meet",
	    "object_source_version '2008' is not the subject_source_version "
	    "'2012'");
	assert_int_equal(
	    kll_mapset_compose(&m, ab, bc2, &o, NULL, &err), KLL_OK);
	assert_int_equal(kll_mapset_count(m), 1);
	kll_mapset_free(m);
	unlink(path);
	snprintf(path, sizeof(path), "%s/INDEX", dir);
	unlink(path);
	rmdir(dir);
	kll_mapset_free(ab);
	kll_mapset_free(bc);
	kll_mapset_free(bc2);
}

/* Without records the sources come from the keys. */
static void
test_compose_empty(void **state)
{
	kll_mapset *ab = key_from(HEAD("ab", CC0, "k:a",
	    "k:b") "#subject_source_version: v1\n" COLS ROW("a:1", "broadMatch",
	    "", "b:1", ""));
	kll_mapset *bc = key_from(HEAD("bc", CC0, "k:b",
	    "k:c") "#object_source_version: v3\n" COLS ROW("b:1", "narrowMatch",
	    "", "c:1", ""));
	kll_mapset *m = NULL;
	kll_compose_stats st;
	kll_error err;
	char *text;

	(void)state;
	assert_int_equal(kll_mapset_compose(&m, ab, bc,
	                     &(kll_compose_opts){ .strict = 1 }, &st, &err),
	    KLL_OK);
	assert_int_equal(kll_mapset_count(m), 0);
	assert_int_equal(st.unsafe, 1);
	assert_int_equal(st.unreached, 1);
	text = written(m);
	assert_non_null(strstr(text, "#subject_source: k:a\n"
	                             "#subject_source_version: v1\n"
	                             "#object_source: k:c\n"
	                             "#object_source_version: v3\n"));
	free(text);
	kll_mapset_free(m);
	kll_mapset_free(ab);
	kll_mapset_free(bc);
}

/* ------------------------------------------------------------------ */
/* Predicates a key may use                                             */

static void
expect_class(const char *iri, kll_pred_class want, const char *meant)
{
	const char *got = "unset";

	assert_int_equal(kll_pred_classify(iri, &got), want);
	if (meant == NULL && got != NULL)
		fail_msg("%s: meant '%s', expected none", iri, got);
	if (meant != NULL && (got == NULL || strcmp(got, meant) != 0))
		fail_msg("%s: meant '%s', expected '%s'", iri,
		    got ? got : "(none)", meant);
}

#define SKOS "http://www.w3.org/2004/02/skos/core#"
#define OWL  "http://www.w3.org/2002/07/owl#"
#define RDFS "http://www.w3.org/2000/01/rdf-schema#"

static void
test_pred_classify(void **state)
{
	(void)state;
	expect_class(SKOS "exactMatch", KLL_PRED_CLASS_ALGEBRA, NULL);
	expect_class(OWL "sameAs", KLL_PRED_CLASS_ALGEBRA, NULL);
	expect_class(RDFS "subClassOf", KLL_PRED_CLASS_ALGEBRA, NULL);
	expect_class(RDFS "seeAlso", KLL_PRED_CLASS_SSSOM, NULL);
	expect_class(SKOS "mappingRelation", KLL_PRED_CLASS_SSSOM, NULL);
	expect_class("http://www.geneontology.org/formats/oboInOwl#hasDbXref",
	    KLL_PRED_CLASS_SSSOM, NULL);
	expect_class(
	    "https://example.org/x#partOf", KLL_PRED_CLASS_OTHER, NULL);
	/* case, namespace, SKOS relations, typos */
	expect_class(SKOS "exactmatch", KLL_PRED_CLASS_BAD, "skos:exactMatch");
	expect_class(SKOS "sameAs", KLL_PRED_CLASS_BAD, "owl:sameAs");
	expect_class(SKOS "broader", KLL_PRED_CLASS_BAD, "skos:broadMatch");
	expect_class(
	    SKOS "narrowerTransitive", KLL_PRED_CLASS_BAD, "skos:narrowMatch");
	expect_class(SKOS "related", KLL_PRED_CLASS_BAD, "skos:relatedMatch");
	expect_class(SKOS "closeMach", KLL_PRED_CLASS_BAD, "skos:closeMatch");
	expect_class(
	    OWL "equivalentclass", KLL_PRED_CLASS_BAD, "owl:equivalentClass");
	expect_class("http://www.w3.org/2008/05/skos#exactMatch",
	    KLL_PRED_CLASS_BAD, "skos:exactMatch");
	expect_class(SKOS "prefLabel", KLL_PRED_CLASS_BAD, NULL);
	expect_class("", KLL_PRED_CLASS_BAD, NULL);
	expect_class(NULL, KLL_PRED_CLASS_BAD, NULL);
}

/* Compose and invert refuse what check calls bad; compose refuses what
 * its algebra does not know; neither drops a record silently. */
static void
test_predicates_refused(void **state)
{
	static const char bad[] = HEAD("ab", CC0, "k:a",
	    "k:b") "subject_id\tpredicate_id\tobject_id\tmapping_justification\n"
	           "a:1\tskos:exactmatch\tb:1\tsemapv:ManualMappingCuration\n"
	           "a:2\tskos:broader\tb:2\tsemapv:ManualMappingCuration\n";
	static const char other[] = HEAD("ab", CC0, "k:a",
	    "k:b") "subject_id\tpredicate_id\tobject_id\tmapping_justification\n"
	           "a:1\tskos:exactMatch\tb:1\tsemapv:ManualMappingCuration\n"
	           "a:2\trdfs:seeAlso\tb:2\tsemapv:ManualMappingCuration\n";
	kll_mapset *ab = key_from(bad), *ab2 = key_from(other);
	kll_mapset *bc = key_from(bc_text), *m = (kll_mapset *)&m;
	kll_compose_opts o = KLL_COMPOSE_OPTS_INIT;
	struct diags c;
	kll_error err;

	(void)state;
	memset(&c, 0, sizeof(c));
	o.diag = collect;
	o.payload = &c;
	assert_int_equal(
	    kll_mapset_compose(&m, ab, bc, &o, NULL, &err), KLL_EINVALID);
	assert_null(m);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.d[0].rule, "map-bad-predicate");
	assert_int_equal(c.d[0].line, 11);
	assert_int_equal(c.d[0].severity, KLL_SEV_ERROR);
	assert_string_equal(c.d[0].msg,
	    "predicate 'skos:exactmatch' is no mapping property; did you "
	    "mean 'skos:exactMatch'?");
	assert_non_null(strstr(c.d[1].msg, "'skos:broadMatch'"));
	assert_string_equal(err.rule, "map-bad-predicate");
	assert_int_equal(err.line, 11);
	assert_non_null(strstr(err.msg, "2 records"));

	memset(&c, 0, sizeof(c));
	assert_int_equal(
	    kll_mapset_compose(&m, ab2, bc, &o, NULL, &err), KLL_EINVALID);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.d[0].rule, "compose-unknown-predicate");
	assert_int_equal(c.d[0].line, 12);
	assert_string_equal(err.rule, "compose-unknown-predicate");

	memset(&c, 0, sizeof(c));
	assert_int_equal(
	    kll_mapset_invert(ab, collect, &c, &err), KLL_EINVALID);
	assert_int_equal(c.n, 2);
	assert_string_equal(err.rule, "map-bad-predicate");
	kll_mapset_free(ab);
	kll_mapset_free(ab2);
	kll_mapset_free(bc);
}

/* A weakened chain: the product of the confidences (a missing one is 1)
 * times KLL_COMPOSE_WEAK; the best chain of a group wins. */
static void
test_compose_weak_confidence(void **state)
{
	kll_mapset *ab = key_from(HEAD("ab", CC0, "k:a", "k:b")
	        COLS ROW("a:1", "relatedMatch", "", "b:1", "0.8")
	            ROW("a:1", "broadMatch", "", "b:2", "")
	                ROW("a:2", "narrowMatch", "", "b:1", "0.9"));
	kll_mapset *bc = key_from(HEAD("bc", CC0, "k:b", "k:c")
	        COLS ROW("b:1", "narrowMatch", "", "c:1", "0.5")
	            ROW("b:2", "narrowMatch", "", "c:1", "")
	                ROW("b:1", "broadMatch", "", "c:2", ""));
	kll_mapset *m = NULL;
	kll_compose_stats st;
	kll_error err;
	long r;

	(void)state;
	assert_int_equal(
	    kll_mapset_compose(&m, ab, bc, NULL, &st, &err), KLL_OK);
	assert_int_equal(st.weakened, 3);
	assert_int_equal(st.unsafe, 0);
	assert_int_equal(st.unreached, 0);
	/* related x narrow 0.8 x 0.5 x 0.5 = 0.2; broad x narrow 1 x 1 x
	 * 0.5: the best is 0.5 */
	r = find(m, "a:1", "skos:relatedMatch", "c:1");
	assert_string_equal(get(m, r, KLL_SLOT_CONFIDENCE), "0.5");
	assert_string_equal(get(m, r, KLL_SLOT_COMMENT),
	    "via b:1, b:2; through splits of a:1, b:1; weakened: "
	    "skos:relatedMatch then skos:narrowMatch, skos:broadMatch then "
	    "skos:narrowMatch");
	/* related then broad: 0.8 x 1 x 0.5 */
	r = find(m, "a:1", "skos:relatedMatch", "c:2");
	assert_string_equal(get(m, r, KLL_SLOT_CONFIDENCE), "0.4");
	/* narrow then broad is related by the algebra: not weakened */
	r = find(m, "a:2", "skos:relatedMatch", "c:2");
	assert_string_equal(get(m, r, KLL_SLOT_CONFIDENCE), "0.9");
	assert_null(strstr(get(m, r, KLL_SLOT_COMMENT), "weakened"));
	kll_mapset_free(m);
	kll_mapset_free(ab);
	kll_mapset_free(bc);
}

/* ------------------------------------------------------------------ */
/* Inverting                                                            */

static void
test_invert_round_trip(void **state)
{
	kll_mapset *m = read_clean(MAP "occ_isc.sssom.tsv");
	char *orig = slurp(MAP "occ_isc.sssom.tsv"), *once, *twice;
	kll_error err;

	(void)state;
	assert_int_equal(kll_mapset_invert(m, NULL, NULL, &err), KLL_OK);
	once = written(m);
	assert_non_null(strstr(once, "#subject_source: kll:isc\n"
	                             "#object_source: kll:occ\n"));
	assert_non_null(strstr(once,
	    "isc:2512\tSoftware developers\tskos:narrowMatch\tocc:2512\t"
	    "Mjukvaru- och systemutvecklare m.fl.\t"
	    "semapv:ManualMappingCuration\t1:n\n"));
	assert_non_null(strstr(once,
	    "isc:2513\tWeb and multimedia developers\tskos:broadMatch\t"
	    "occ:2511\tSystemanalytiker och IT-arkitekter m.fl.\t"
	    "semapv:ManualMappingCuration\tn:1\n"));
	assert_int_equal(kll_mapset_invert(m, NULL, NULL, &err), KLL_OK);
	twice = written(m);
	assert_string_equal(twice, orig);
	free(orig);
	free(once);
	free(twice);
	kll_mapset_free(m);
}

/* Every swapped slot, in records and in the metadata. */
static void
test_invert_slots(void **state)
{
	kll_mapset *m = key_from(
	    "#curie_map:\n"
	    "#  a: https://example.org/a/\n"
	    "#  b: https://example.org/b/\n"
	    "#  k: https://example.org/\n"
	    "#  S: http://www.w3.org/2004/02/skos/core#\n"
	    "#mapping_set_id: https://example.org/keys/ab\n"
	    "#license: " CC0 "\n"
	    "#subject_type: skos concept\n"
	    "#object_type: owl class\n"
	    "#subject_source: k:a\n"
	    "#subject_source_version: v1\n"
	    "#object_source: k:b\n"
	    "#subject_match_field:\n"
	    "#  - k:label\n"
	    "#object_preprocessing:\n"
	    "#  - k:stem\n"
	    "#cardinality_scope:\n"
	    "#  - subject_source\n"
	    "#  - predicate_id\n"
	    "subject_id\tsubject_label\tsubject_category\tpredicate_id\t"
	    "predicate_label\tobject_id\tobject_label\tobject_category\t"
	    "mapping_justification\tmapping_cardinality\n"
	    "a:1\tA one\tcat a\tS:broadMatch\tbroad\tb:1\tB one\tcat b\t"
	    "semapv:ManualMappingCuration\tn:1\n"
	    "a:2\tA two\t\towl:equivalentClass\tsame\tb:2\t\t\t"
	    "semapv:ManualMappingCuration\t1:0\n");
	kll_error err;
	long r;

	(void)state;
	assert_int_equal(kll_mapset_invert(m, NULL, NULL, &err), KLL_OK);
	r = find(m, "b:1", "S:narrowMatch", "a:1");
	assert_string_equal(get(m, r, KLL_SLOT_SUBJECT_LABEL), "B one");
	assert_string_equal(get(m, r, KLL_SLOT_OBJECT_LABEL), "A one");
	assert_string_equal(get(m, r, KLL_SLOT_SUBJECT_CATEGORY), "cat b");
	assert_string_equal(get(m, r, KLL_SLOT_OBJECT_CATEGORY), "cat a");
	assert_string_equal(get(m, r, KLL_SLOT_PREDICATE_LABEL), "");
	assert_string_equal(get(m, r, KLL_SLOT_MAPPING_CARDINALITY), "1:n");
	assert_string_equal(get(m, r, KLL_SLOT_SUBJECT_TYPE), "owl class");
	assert_string_equal(get(m, r, KLL_SLOT_OBJECT_TYPE), "skos concept");
	assert_string_equal(get(m, r, KLL_SLOT_OBJECT_SOURCE_VERSION), "v1");
	assert_string_equal(get(m, r, KLL_SLOT_SUBJECT_SOURCE_VERSION), "");
	assert_string_equal(get(m, r, KLL_SLOT_OBJECT_MATCH_FIELD), "k:label");
	assert_string_equal(
	    get(m, r, KLL_SLOT_SUBJECT_PREPROCESSING), "k:stem");
	assert_string_equal(get(m, r, KLL_SLOT_CARDINALITY_SCOPE),
	    "object_source|predicate_id");
	r = find(m, "b:2", "owl:equivalentClass", "a:2");
	assert_string_equal(get(m, r, KLL_SLOT_PREDICATE_LABEL), "same");
	assert_string_equal(get(m, r, KLL_SLOT_MAPPING_CARDINALITY), "0:1");
	assert_string_equal(kll_mapset_meta(m, "subject_source"), "k:b");
	assert_string_equal(kll_mapset_meta(m, "object_source"), "k:a");
	assert_string_equal(kll_mapset_meta(m, "object_type"), "skos concept");
	kll_mapset_free(m);
}

static void
test_invert_refused(void **state)
{
	static const char text[] =
	    "#curie_map:\n"
	    "#  a: https://example.org/a/\n"
	    "#  b: https://example.org/b/\n"
	    "#  x: https://example.org/x#\n"
	    "#mapping_set_id: https://example.org/keys/ab\n"
	    "#license: " CC0 "\n"
	    "subject_id\tpredicate_id\tobject_id\tmapping_justification\n"
	    "a:1\tskos:broadMatch\tb:1\tsemapv:ManualMappingCuration\n"
	    "a:2\trdfs:subClassOf\tb:2\tsemapv:ManualMappingCuration\n"
	    "a:3\tx:partOf\tb:3\tsemapv:ManualMappingCuration\n";
	kll_mapset *m = key_from(text);
	char *before = written(m), *after;
	struct diags c;
	kll_error err;

	(void)state;
	memset(&c, 0, sizeof(c));
	assert_int_equal(kll_mapset_invert(m, collect, &c, &err), KLL_EINVALID);
	assert_int_equal(c.n, 2);
	assert_int_equal(c.d[0].line, 9);
	assert_int_equal(c.d[1].line, 10);
	assert_string_equal(c.d[0].rule, "invert-no-inverse");
	assert_int_equal(c.d[0].severity, KLL_SEV_ERROR);
	assert_non_null(strstr(c.d[0].msg, "'rdfs:subClassOf'"));
	assert_non_null(strstr(c.d[1].msg, "'x:partOf'"));
	assert_int_equal(err.code, KLL_EINVALID);
	assert_int_equal(err.line, 9);
	assert_string_equal(err.file, kll_mapset_path(m));
	assert_string_equal(err.rule, "invert-no-inverse");
	assert_non_null(strstr(err.msg, "(2 records in all)"));
	after = written(m);
	assert_string_equal(after, before); /* unchanged */
	/* without a sink */
	assert_int_equal(kll_mapset_invert(m, NULL, NULL, NULL), KLL_EINVALID);
	assert_int_equal(kll_mapset_invert(NULL, NULL, NULL, &err), KLL_EARG);
	free(before);
	free(after);
	kll_mapset_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_every_pair),
		cmocka_unit_test(test_table_negations),
		cmocka_unit_test(test_pred_names),
		cmocka_unit_test(test_pred_inverse),
		cmocka_unit_test(test_mapset_pred),
		cmocka_unit_test(test_compose_fixtures),
		cmocka_unit_test(test_compose_merge_confidence),
		cmocka_unit_test(test_compose_errors),
		cmocka_unit_test(test_compose_meet),
		cmocka_unit_test(test_compose_empty),
		cmocka_unit_test(test_invert_round_trip),
		cmocka_unit_test(test_invert_slots),
		cmocka_unit_test(test_invert_refused),
		cmocka_unit_test(test_pred_classify),
		cmocka_unit_test(test_predicates_refused),
		cmocka_unit_test(test_compose_weak_confidence),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
