/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test_vocab_diff.c: label similarity and the matcher (lib/vocab_match*.c), the
 * differences between two versions of a vocabulary and the proposed key
 * (lib/vocab_diff.c), on the fixtures tests/data/diff/ind-1 and ind-2. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kll.h"

#define DIFF "tests/data/diff/"

static kll_vocab *
load(const char *path)
{
	kll_vocab *v = NULL;
	kll_error err;

	assert_int_equal(kll_vocab_load(&v, path, NULL, &err), KLL_OK);
	return v;
}

/* The two fixture versions, loaded once per test. */
typedef struct fx {
	kll_vocab *a, *b;
} fx;

static int
setup(void **state)
{
	fx *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	f->a = load(DIFF "ind-1.ttl");
	f->b = load(DIFF "ind-2.ttl");
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	fx *f = *state;

	kll_vocab_free(f->a);
	kll_vocab_free(f->b);
	free(f);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Similarity of two texts                                              */

static void
test_sim_identical_folded(void **state)
{
	kll_text_sim d;

	(void)state;
	assert_true(kll_text_similarity("Ålder", "ALDER", &d) == 1.0);
	assert_true(d.words == 1.0 && d.cover_a == 1.0 && d.cover_b == 1.0);
	assert_true(kll_text_similarity(
	                "Ånggeneratorer", "ånggeneratorer", NULL) == 1.0);
}

static void
test_sim_stop_words(void **state)
{
	kll_text_sim d;

	(void)state;
	/* "av", "och", "m.fl." and "of", "and" say nothing. */
	kll_text_similarity("Odling av frukt och bär", "Odling frukt bär", &d);
	assert_true(d.words == 1.0);
	kll_text_similarity("Systemanalytiker och IT-arkitekter m.fl.",
	    "Systemanalytiker IT-arkitekter", &d);
	assert_true(d.words == 1.0);
	kll_text_similarity(
	    "Growing of cereals and legumes", "growing cereals legumes", &d);
	assert_true(d.words == 1.0);
}

static void
test_sim_cover(void **state)
{
	kll_text_sim d;

	(void)state;
	/* The shorter label lies wholly within the longer one. */
	kll_text_similarity(
	    "Odling av spannmål", "Odling av spannmål och baljväxter", &d);
	assert_true(d.cover_a == 1.0);
	assert_true(d.cover_b > 0.66 && d.cover_b < 0.67);
	assert_true(d.words > 0.79 && d.words < 0.81);
	assert_true(d.score > 0.7 && d.score < 0.9);
}

static void
test_sim_word_parts(void **state)
{
	kll_text_sim d;

	(void)state;
	/* An inflection: one word begins the other. */
	kll_text_similarity("växter", "växt", &d);
	assert_true(d.words > 0.6 && d.words < 0.7);
	/* A compound's head: one word ends the other. */
	kll_text_similarity("kläder", "barnkläder", &d);
	assert_true(d.words == 0.6);
	/* Words that only end alike share nothing. */
	kll_text_similarity("pälsvaror", "trikåvaror", &d);
	assert_true(d.words == 0.0);
	/* Nor do words too short to tell. */
	kll_text_similarity("bil", "bilar", &d);
	assert_true(d.words == 0.0);
	kll_text_similarity("data", "datalogi", &d);
	assert_true(d.words == 0.5);
	/* Five first letters and most of the length. */
	kll_text_similarity("manufacture", "manufacturing", &d);
	assert_true(d.words > 0.76 && d.words < 0.77);
}

static void
test_sim_residual(void **state)
{
	kll_text_sim d;
	double s;

	(void)state;
	/* "Other X" is not X: the words agree, the score does not. */
	s = kll_text_similarity("Partihandel", "Övrig partihandel", &d);
	assert_true(d.words == 1.0);
	assert_true(s > 0.69 && s < 0.71);
	s = kll_text_similarity(
	    "Repair services", "Repair services n.e.c.", &d);
	assert_true(d.words == 1.0 && s < 0.71);
	/* Both residual: no penalty. */
	assert_true(kll_text_similarity("Övrig partihandel",
	                "Annan partihandel", NULL) == 1.0 ||
	            kll_text_similarity(
	                "Övrig partihandel", "Annan partihandel", NULL) > 0.9);
}

static void
test_sim_unrelated_and_bad(void **state)
{
	kll_text_sim d;

	(void)state;
	assert_true(kll_text_similarity("Bagerier", "Slakterier", &d) < 0.3);
	assert_true(d.words == 0.0);
	/* Text that is not UTF-8 is like nothing. */
	assert_true(kll_text_similarity("caf\xe9", "cafe", &d) == 0.0);
	assert_true(d.score == 0.0 && d.words == 0.0);
	/* Only stop words: trigrams alone, at half weight. */
	assert_true(kll_text_similarity("och", "av", NULL) <= 0.5);
	assert_true(kll_text_similarity("", "", NULL) == 1.0);
}

/* ------------------------------------------------------------------ */
/* The matcher                                                          */

static const kll_pair *
pair_of(const kll_match *m, const char *old_code, const char *new_code)
{
	const kll_pair *p;
	size_t i;

	for (i = 0; i < kll_match_count(m); i++) {
		p = kll_match_at(m, i);
		if ((old_code == NULL) != (p->old_c == NULL) ||
		    (new_code == NULL) != (p->new_c == NULL))
			continue;
		if ((old_code == NULL || strcmp(kll_concept_notation(p->old_c),
		                             old_code) == 0) &&
		    (new_code == NULL ||
		        strcmp(kll_concept_notation(p->new_c), new_code) == 0))
			return p;
	}
	return NULL;
}

static void
test_match_errors(void **state)
{
	fx *f = *state;
	kll_match_opts o = KLL_MATCH_OPTS_INIT;
	kll_match *m = (kll_match *)1;
	kll_error err;

	kll_match_free(NULL);
	assert_int_equal(kll_match_new(&m, NULL, f->b, NULL, &err), KLL_EARG);
	assert_null(m);
	assert_int_equal(err.code, KLL_EARG);
	o.review = 1.5;
	assert_int_equal(kll_match_new(&m, f->a, f->b, &o, &err), KLL_EARG);
	assert_null(m);
	assert_string_equal(err.msg, "a threshold must lie between 0 and 1");
	o.review = 0;
	o.min_confidence = -0.1;
	assert_int_equal(kll_match_new(&m, f->a, f->b, &o, NULL), KLL_EARG);
}

static void
test_match_pairs(void **state)
{
	fx *f = *state;
	kll_match *m = NULL;
	const kll_pair *p;
	kll_error err;

	assert_int_equal(kll_match_new(&m, f->a, f->b, NULL, &err), KLL_OK);
	assert_ptr_equal(kll_match_old(m), f->a);
	assert_ptr_equal(kll_match_new_vocab(m), f->b);
	/* 15 old concepts, 01.1 twice, 10.3 with none; 10.1 and D new. */
	assert_int_equal(kll_match_count(m), 18);
	assert_null(kll_match_at(m, 18));
	/* Kept. */
	p = pair_of(m, "02.1", "02.1");
	assert_non_null(p);
	assert_int_equal(p->rel, KLL_REL_EXACT);
	assert_true(p->confidence == 1.0 && p->label == 1.0);
	assert_int_equal(
	    p->evidence &
	        (KLL_EVID_SAME_CODE | KLL_EVID_SAME_LABEL | KLL_EVID_PARENT),
	    KLL_EVID_SAME_CODE | KLL_EVID_SAME_LABEL | KLL_EVID_PARENT);
	assert_false(p->review);
	/* Renumbered, its old code now someone else's. */
	p = pair_of(m, "10.1", "10.2");
	assert_non_null(p);
	assert_int_equal(p->rel, KLL_REL_EXACT);
	assert_false(p->evidence & KLL_EVID_SAME_CODE);
	assert_null(pair_of(m, "10.1", "10.1"));
	/* Split: both parts narrower. */
	p = pair_of(m, "01.1", "01.3");
	assert_non_null(p);
	assert_int_equal(p->rel, KLL_REL_NARROW);
	assert_true(p->evidence & KLL_EVID_PART);
	assert_int_equal(pair_of(m, "01.1", "01.1")->rel, KLL_REL_NARROW);
	/* Merged: the new one broader. */
	assert_int_equal(pair_of(m, "02.2", "02.2")->rel, KLL_REL_BROAD);
	assert_int_equal(pair_of(m, "02.3", "02.2")->rel, KLL_REL_BROAD);
	/* Gone, and new. */
	p = pair_of(m, "10.3", NULL);
	assert_non_null(p);
	assert_int_equal(p->rel, KLL_REL_NONE);
	assert_string_equal(p->lang, "");
	assert_non_null(pair_of(m, NULL, "10.1"));
	assert_non_null(pair_of(m, NULL, "D"));
	/* Moved: the broader concepts do not correspond. */
	p = pair_of(m, "12", "12");
	assert_false(p->evidence & KLL_EVID_PARENT);
	assert_true(p->confidence < 1.0);
	/* Narrower concepts that moved together. */
	p = pair_of(m, "01", "01");
	assert_true(p->evidence & KLL_EVID_CHILDREN);
	assert_int_equal(p->kids_kept, 2);
	assert_int_equal(p->kids_total, 2);
	kll_match_free(m);
}

static void
test_match_candidates(void **state)
{
	fx *f = *state;
	kll_match *m = NULL;
	kll_pair c[10];
	size_t n, i;

	assert_int_equal(kll_match_new(&m, f->a, f->b, NULL, NULL), KLL_OK);
	/* Slakterier: its twin first, then the concept with its old
	 * code. */
	n = kll_match_candidates(m, kll_vocab_find(f->a, "10.1"), c, 10);
	assert_true(n >= 1);
	assert_string_equal(kll_concept_notation(c[0].new_c), "10.2");
	assert_true(c[0].confidence == 1.0);
	assert_true(c[0].evidence & KLL_EVID_SAME_LABEL);
	for (i = 1; i < n; i++)
		assert_true(c[i].confidence <= c[i - 1].confidence);
	/* Best first, and the count is bounded by max. */
	n = kll_match_candidates(m, kll_vocab_find(f->a, "01.1"), c, 1);
	assert_int_equal(n, 1);
	assert_string_equal(kll_concept_notation(c[0].new_c), "01.1");
	assert_true(c[0].evidence & KLL_EVID_SAME_CODE);
	/* Candidates lie on the concept's level. */
	n = kll_match_candidates(m, kll_vocab_find(f->a, "02"), c, 10);
	for (i = 0; i < n; i++)
		assert_int_equal(kll_concept_level(c[i].new_c), 2);
	/* Not a concept of the old vocabulary. */
	assert_int_equal(kll_match_candidates(m, NULL, c, 10), 0);
	assert_int_equal(
	    kll_match_candidates(m, kll_vocab_find(f->b, "D"), c, 10), 0);
	kll_match_free(m);
}

/* A pair with a rival within 0.05 (here SUN 523a: the engineering and
 * the civil engineering programmes of 2020 score alike) goes to review
 * whatever its confidence, and one to one it is no exactMatch; a pair
 * with an identical label beside similar rivals does not. */
static void
test_match_doubts(void **state)
{
	kll_vocab *a = load(DIFF "edu-2000.ttl"),
	          *b = load(DIFF "edu-2020.ttl");
	const kll_pair *p;
	kll_match *m = NULL;

	(void)state;
	assert_int_equal(kll_match_new(&m, a, b, NULL, NULL), KLL_OK);
	p = pair_of(m, "523a", "523a");
	assert_non_null(p);
	assert_true(p->confidence >= 0.7); /* above the review threshold */
	assert_true(p->review);
	assert_int_equal(p->doubt, KLL_DOUBT_TIE);
	assert_int_equal(p->rel, KLL_REL_CLOSE);
	p = pair_of(m, "523b", "523b");
	assert_non_null(p);
	assert_true(p->review && (p->doubt & KLL_DOUBT_TIE));
	p = pair_of(m, "520a", "520a");
	assert_non_null(p);
	assert_false(p->review);
	assert_int_equal(p->doubt, 0);
	assert_int_equal(p->rel, KLL_REL_EXACT);
	p = pair_of(m, "523c", "523e");
	assert_non_null(p);
	assert_int_equal(p->doubt, 0);
	kll_match_free(m);
	kll_vocab_free(a);
	kll_vocab_free(b);
}

static void
test_match_thresholds(void **state)
{
	fx *f = *state;
	kll_match_opts o = KLL_MATCH_OPTS_INIT;
	kll_match *m = NULL;
	const kll_pair *p;

	/* Above every split part: they go, and 01.1 keeps none. */
	o.min_confidence = 0.95;
	assert_int_equal(kll_match_new(&m, f->a, f->b, &o, NULL), KLL_OK);
	assert_null(pair_of(m, "01.1", "01.3"));
	assert_null(pair_of(m, "02.3", "02.2"));
	assert_non_null(pair_of(m, "10.1", "10.2"));
	kll_match_free(m);
	/* A high review threshold: one-to-one pairs below it are close. */
	o.min_confidence = 0;
	o.review = 0.99;
	assert_int_equal(kll_match_new(&m, f->a, f->b, &o, NULL), KLL_OK);
	p = pair_of(m, "C", "C");
	assert_int_equal(p->rel, KLL_REL_CLOSE);
	assert_true(p->review);
	p = pair_of(m, "10.1", "10.2");
	assert_int_equal(p->rel, KLL_REL_EXACT);
	assert_false(p->review);
	/* Parts of a split stay narrower, marked for review. */
	p = pair_of(m, "01.1", "01.3");
	assert_int_equal(p->rel, KLL_REL_NARROW);
	assert_true(p->review);
	kll_match_free(m);
}

static void
test_match_langs(void **state)
{
	fx *f = *state;
	kll_match_opts o = KLL_MATCH_OPTS_INIT;
	const char *sv[] = { "sv" }, *fr[] = { "fr" };
	kll_match *m = NULL;
	const kll_pair *p;

	o.langs = sv;
	o.nlangs = 1;
	assert_int_equal(kll_match_new(&m, f->a, f->b, &o, NULL), KLL_OK);
	p = pair_of(m, "02.1", "02.1");
	assert_string_equal(p->lang, "sv");
	kll_match_free(m);
	/* No label in common: codes and structure alone, which are not
	 * enough for renumbered content. */
	o.langs = fr;
	assert_int_equal(kll_match_new(&m, f->a, f->b, &o, NULL), KLL_OK);
	assert_null(pair_of(m, "10.1", "10.2"));
	assert_non_null(pair_of(m, "10.1", NULL));
	kll_match_free(m);
}

/* ------------------------------------------------------------------ */
/* The differences                                                      */

static size_t
count_kind(const kll_vdiff *d, kll_change_kind k)
{
	size_t i, n = 0;

	for (i = 0; i < kll_vdiff_count(d); i++)
		n += kll_vdiff_at(d, i)->kind == k;
	return n;
}

static const kll_change *
change_of(
    const kll_vdiff *d, kll_change_kind k, const char *code, const char *lang)
{
	const kll_change *c;
	size_t i;

	for (i = 0; i < kll_vdiff_count(d); i++) {
		c = kll_vdiff_at(d, i);
		if (c->kind == k &&
		    strcmp(kll_concept_notation(c->old_c ? c->old_c : c->new_c),
		        code) == 0 &&
		    (lang == NULL || strcmp(c->lang, lang) == 0))
			return c;
	}
	return NULL;
}

static void
test_vdiff_kinds(void **state)
{
	fx *f = *state;
	kll_vdiff *d = NULL;
	const kll_change *c;
	kll_error err;
	size_t i;

	assert_int_equal(kll_vdiff_new(&d, f->a, f->b, NULL, &err), KLL_OK);
	/* 10.1 and 10.2 went to 10.2 and 10.3 with their labels: renumbered
	 * codes, so the Bagerier of 10.1 is added and the old 10.3
	 * removed, and none of the three is relabelled.  Labels in sv, the
	 * language both versions have. */
	assert_int_equal(count_kind(d, KLL_CHANGE_ADDED), 3);
	assert_int_equal(count_kind(d, KLL_CHANGE_REMOVED), 2);
	assert_int_equal(count_kind(d, KLL_CHANGE_RELABELLED), 3);
	assert_int_equal(count_kind(d, KLL_CHANGE_MOVED), 1);
	assert_int_equal(count_kind(d, KLL_CHANGE_RENUMBERED), 2);
	assert_int_equal(count_kind(d, KLL_CHANGE_SPLIT), 2);
	assert_int_equal(count_kind(d, KLL_CHANGE_MERGED), 2);
	assert_int_equal(count_kind(d, KLL_CHANGE_REGROUPED), 0);
	assert_int_equal(count_kind(d, KLL_CHANGE_LOST), 1);
	assert_int_equal(count_kind(d, KLL_CHANGE_NOVEL), 2);
	assert_int_equal(kll_vdiff_count(d), 18);
	/* Sorted by kind, then level. */
	for (i = 1; i < kll_vdiff_count(d); i++) {
		const kll_change *x = kll_vdiff_at(d, i - 1),
		                 *y = kll_vdiff_at(d, i);
		assert_true(x->kind < y->kind ||
		            (x->kind == y->kind && x->level <= y->level));
	}
	assert_null(kll_vdiff_at(d, 18));
	c = change_of(d, KLL_CHANGE_RELABELLED, "C", "sv");
	assert_non_null(c);
	assert_string_equal(c->old_text, "Handel");
	assert_string_equal(c->new_text, "Handel och reparation");
	assert_int_equal(c->level, 1);
	assert_null(c->pair);
	c = change_of(d, KLL_CHANGE_MOVED, "12", NULL);
	assert_string_equal(c->old_text, "B");
	assert_string_equal(c->new_text, "A");
	c = change_of(d, KLL_CHANGE_ADDED, "D", NULL);
	assert_null(c->old_c);
	assert_string_equal(c->new_text, "Energiförsörjning");
	c = change_of(d, KLL_CHANGE_RENUMBERED, "10.2", NULL);
	assert_string_equal(kll_concept_notation(c->new_c), "10.3");
	assert_non_null(c->pair);
	assert_int_equal(c->pair->rel, KLL_REL_EXACT);
	c = change_of(d, KLL_CHANGE_RENUMBERED, "10.1", "sv");
	assert_string_equal(kll_concept_notation(c->new_c), "10.2");
	assert_string_equal(c->old_text, "Slakterier");
	assert_string_equal(c->new_text, "Slakterier");
	assert_null(change_of(d, KLL_CHANGE_RELABELLED, "10.1", NULL));
	assert_null(change_of(d, KLL_CHANGE_RELABELLED, "10.3", NULL));
	c = change_of(d, KLL_CHANGE_ADDED, "10.1", "sv");
	assert_string_equal(c->new_text, "Bagerier");
	assert_non_null(change_of(d, KLL_CHANGE_REMOVED, "10.3", "sv"));
	c = change_of(d, KLL_CHANGE_LOST, "10.3", NULL);
	assert_null(c->new_c);
	assert_string_equal(c->old_text, "Tillverkning av ånggeneratorer");
	assert_non_null(kll_vdiff_match(d));
	kll_vdiff_free(d);
	kll_vdiff_free(NULL);
}

static void
test_vdiff_equal_and_langs(void **state)
{
	fx *f = *state;
	kll_match_opts o = KLL_MATCH_OPTS_INIT;
	const char *en[] = { "en" };
	kll_vdiff *d = NULL;
	kll_error err;

	assert_int_equal(kll_vdiff_new(&d, f->a, f->a, NULL, &err), KLL_OK);
	assert_int_equal(kll_vdiff_count(d), 0);
	kll_vdiff_free(d);
	/* Only English labels compared and shown: 01.2 is relabelled, in
	 * English, and every change is in English. */
	o.langs = en;
	o.nlangs = 1;
	o.lang = "en";
	assert_int_equal(kll_vdiff_new(&d, f->a, f->b, &o, &err), KLL_OK);
	assert_int_equal(count_kind(d, KLL_CHANGE_RELABELLED), 4);
	assert_non_null(change_of(d, KLL_CHANGE_RELABELLED, "01.2", "en"));
	assert_null(change_of(d, KLL_CHANGE_RELABELLED, "C", "sv"));
	assert_string_equal(
	    change_of(d, KLL_CHANGE_RENUMBERED, "10.1", "en")->old_text,
	    "Slaughterhouses");
	for (size_t i = 0; i < kll_vdiff_count(d); i++)
		if (kll_vdiff_at(d, i)->kind != KLL_CHANGE_MOVED)
			assert_string_equal(kll_vdiff_at(d, i)->lang, "en");
	kll_vdiff_free(d);
	assert_int_equal(kll_vdiff_new(&d, NULL, f->b, NULL, &err), KLL_EARG);
	assert_null(d);
}

static void
test_change_names(void **state)
{
	(void)state;
	assert_string_equal(kll_change_name(KLL_CHANGE_ADDED), "added");
	assert_string_equal(kll_change_name(KLL_CHANGE_REGROUPED), "regrouped");
	assert_string_equal(kll_change_name(KLL_CHANGE_NOVEL), "novel");
	assert_null(kll_change_name(KLL_CHANGE__COUNT));
	assert_null(kll_change_name((kll_change_kind)-1));
}

/* ------------------------------------------------------------------ */
/* The key                                                              */

static size_t
find_rec(const kll_mapset *ms, const char *s, const char *o)
{
	size_t i;

	for (i = 0; i < kll_mapset_count(ms); i++)
		if (strcmp(kll_mapset_get(ms, i, KLL_SLOT_SUBJECT_ID), s) ==
		        0 &&
		    strcmp(kll_mapset_get(ms, i, KLL_SLOT_OBJECT_ID), o) == 0)
			return i;
	return (size_t)-1;
}

static void
test_key(void **state)
{
	fx *f = *state;
	kll_key_opts ko = KLL_KEY_OPTS_INIT;
	kll_mapset *ms = NULL, *back = NULL;
	kll_match *m = NULL;
	kll_error err;
	size_t r;
	FILE *fp;
	char path[] = "/tmp/kll-test-key-XXXXXX";
	int fd;

	assert_int_equal(kll_match_new(&m, f->a, f->b, NULL, NULL), KLL_OK);
	ko.license = "https://creativecommons.org/publicdomain/zero/1.0/";
	assert_int_equal(kll_match_key(&ms, m, &ko, &err), KLL_OK);
	assert_int_equal(kll_mapset_count(ms), 16);
	assert_string_equal(kll_mapset_meta(ms, "subject_source"), "kll:ind-1");
	assert_string_equal(kll_mapset_meta(ms, "object_source"), "kll:ind-2");
	assert_string_equal(kll_mapset_meta(ms, "subject_source_version"), "1");
	assert_string_equal(kll_mapset_meta(ms, "mapping_set_id"),
	    "https://kll.example.org/mappings/ind-1_ind-2");
	assert_string_equal(kll_mapset_meta(ms, "mapping_tool"), "kll-diff");
	assert_string_equal(kll_mapset_meta(ms, "license"), ko.license);
	assert_string_equal(kll_mapset_meta(ms, "mapping_set_title"),
	    "Industries 1 - Industries 2 (proposed)");
	r = find_rec(ms, "ind1:10.3", "sssom:NoTermFound");
	assert_true(r != (size_t)-1);
	assert_string_equal(
	    kll_mapset_get(ms, r, KLL_SLOT_MAPPING_CARDINALITY), "1:0");
	assert_null(kll_mapset_get(ms, r, KLL_SLOT_CONFIDENCE));
	r = find_rec(ms, "ind1:01.1", "ind2:01.3");
	assert_string_equal(
	    kll_mapset_get(ms, r, KLL_SLOT_PREDICATE_ID), "skos:narrowMatch");
	assert_string_equal(
	    kll_mapset_get(ms, r, KLL_SLOT_MAPPING_CARDINALITY), "1:n");
	assert_non_null(
	    strstr(kll_mapset_get(ms, r, KLL_SLOT_COMMENT), "split"));
	r = find_rec(ms, "ind1:02.3", "ind2:02.2");
	assert_string_equal(
	    kll_mapset_get(ms, r, KLL_SLOT_PREDICATE_ID), "skos:broadMatch");
	r = find_rec(ms, "ind1:10.1", "ind2:10.2");
	assert_string_equal(
	    kll_mapset_get(ms, r, KLL_SLOT_PREDICATE_ID), "skos:exactMatch");
	assert_string_equal(kll_mapset_get(ms, r, KLL_SLOT_CONFIDENCE), "1");
	assert_string_equal(
	    kll_mapset_get(ms, r, KLL_SLOT_MAPPING_JUSTIFICATION),
	    "semapv:LexicalMatching");
	assert_string_equal(
	    kll_mapset_get(ms, r, KLL_SLOT_SUBJECT_LABEL), "Slakterier");
	r = find_rec(ms, "ind1:C", "ind2:C");
	assert_string_equal(
	    kll_mapset_get(ms, r, KLL_SLOT_MAPPING_JUSTIFICATION),
	    "semapv:CompositeMatching");
	/* It writes, and reads back without a problem. */
	assert_true((fd = mkstemp(path)) >= 0);
	assert_non_null(fp = fdopen(fd, "w"));
	assert_int_equal(kll_mapset_write(ms, fp, &err), KLL_OK);
	fclose(fp);
	assert_int_equal(kll_mapset_read(&back, path, NULL, &err), KLL_OK);
	assert_int_equal(kll_mapset_nerrors(back), 0);
	assert_int_equal(kll_mapset_count(back), 16);
	remove(path);
	kll_mapset_free(back);
	kll_mapset_free(ms);
	kll_match_free(m);
}

static void
test_key_options(void **state)
{
	fx *f = *state;
	kll_key_opts ko = KLL_KEY_OPTS_INIT;
	kll_mapset *ms = NULL;
	kll_match *m = NULL;
	size_t r;

	assert_int_equal(kll_match_new(&m, f->a, f->b, NULL, NULL), KLL_OK);
	/* The top level only. */
	ko.level = 1;
	assert_int_equal(kll_match_key(&ms, m, &ko, NULL), KLL_OK);
	assert_int_equal(kll_mapset_count(ms), 3);
	kll_mapset_free(ms);
	/* New items too, and English labels, another id and title. */
	ko.level = 0;
	ko.new_items = 1;
	ko.lang = "en";
	ko.mapping_set_id = "https://example.org/key";
	ko.title = "A key";
	assert_int_equal(kll_match_key(&ms, m, &ko, NULL), KLL_OK);
	assert_int_equal(kll_mapset_count(ms), 18);
	r = find_rec(ms, "sssom:NoTermFound", "ind2:D");
	assert_true(r != (size_t)-1);
	assert_string_equal(
	    kll_mapset_get(ms, r, KLL_SLOT_MAPPING_CARDINALITY), "0:1");
	assert_string_equal(
	    kll_mapset_get(ms, r, KLL_SLOT_OBJECT_LABEL), "Energy supply");
	assert_null(kll_mapset_meta(ms, "license"));
	assert_string_equal(
	    kll_mapset_meta(ms, "mapping_set_id"), "https://example.org/key");
	assert_string_equal(kll_mapset_meta(ms, "mapping_set_title"), "A key");
	kll_mapset_free(ms);
	kll_match_free(m);
}

/* Versions of one vocabulary share a namespace: one prefix serves. */
static void
test_key_same_vocab(void **state)
{
	fx *f = *state;
	kll_mapset *ms = NULL;
	kll_match *m = NULL;

	assert_int_equal(kll_match_new(&m, f->a, f->a, NULL, NULL), KLL_OK);
	assert_int_equal(kll_match_key(&ms, m, NULL, NULL), KLL_OK);
	assert_int_equal(kll_mapset_nprefixes(ms), 2);
	assert_int_equal(kll_mapset_count(ms), 15);
	assert_string_equal(kll_mapset_get(ms, 0, KLL_SLOT_SUBJECT_ID),
	    kll_mapset_get(ms, 0, KLL_SLOT_OBJECT_ID));
	kll_mapset_free(ms);
	kll_match_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sim_identical_folded),
		cmocka_unit_test(test_sim_stop_words),
		cmocka_unit_test(test_sim_cover),
		cmocka_unit_test(test_sim_word_parts),
		cmocka_unit_test(test_sim_residual),
		cmocka_unit_test(test_sim_unrelated_and_bad),
		cmocka_unit_test(test_change_names),
		cmocka_unit_test_setup_teardown(
		    test_match_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_match_pairs, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_match_candidates, setup, teardown),
		cmocka_unit_test(test_match_doubts),
		cmocka_unit_test_setup_teardown(
		    test_match_thresholds, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_match_langs, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_vdiff_kinds, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_vdiff_equal_and_langs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_key, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_key_options, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_key_same_vocab, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
