/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* vocab_match_label.c: the labels of the matcher: folded, cut into
 * words and stripped of stop words, with character trigrams; two labels
 * compared by a weighted Dice coefficient on their words (words sharing
 * a prefix or suffix of four letters count in part) and a Dice
 * coefficient on trigrams.  A word weighs ln(1 + N/df) over both
 * vocabularies, so "tillverkning" counts little and "ånggeneratorer"
 * much; two texts compared alone (kll_text_similarity) weigh each word
 * 1. */
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

#include "vocab_match.h"

/* ------------------------------------------------------------------ */
/* Words                                                                */

/* Words that say nothing of the content, folded, in strcmp() order. */
static const char *const stop_words[] = { "a", "an", "and", "andra", "annan",
	"annat", "as", "at", "av", "bl", "by", "de", "den", "det", "diverse",
	"eller", "en", "etc", "ett", "ex", "except", "excluding", "fl", "for",
	"from", "i", "in", "inom", "med", "mm", "nec", "o", "och", "od", "of",
	"on", "or", "other", "others", "ovrig", "ovriga", "ovrigt", "pa",
	"samt", "som", "than", "the", "till", "to", "utom", "with" };

/* Words that make a class residual ("other X", "övrig X"), likewise. */
static const char *const residual_words[] = { "andra", "annan", "annat",
	"diverse", "nec", "other", "others", "ovrig", "ovriga", "ovrigt" };

static int
cmp_word(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

static int
in_list(const char *w, const char *const *list, size_t n)
{
	return bsearch(w, list, n, sizeof(*list), cmp_word) != NULL;
}

/* Words that negate ("non-electric", "icke-specialiserad"): a label
 * with one and a label without mean different things; likewise. */
static const char *const negation_words[] = { "ej", "icke", "non", "not",
	"utan", "without" };

/* Length of the word character (letter or digit) at s, 0 if s is not
 * at one; -1 at the end. */
static int
word_char(const uint8_t *s, size_t n)
{
	ucs4_t uc;
	int len;

	if (n == 0)
		return -1;
	len = u8_mbtouc(&uc, s, n);
	if (len <= 0)
		return 0;
	if (uc_is_general_category(uc, UC_LETTER) ||
	    uc_is_general_category(uc, UC_NUMBER))
		return len;
	return 0;
}

/* Call fn for each word of folded text s (NUL-terminated copies in
 * buf); "n.e.c." is the one word "nec". */
typedef int (*word_fn)(void *ctx, const char *w, size_t n);

static int
each_word(const char *s, word_fn fn, void *ctx)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t n = strlen(s), i = 0, start;
	int len;

	while (i < n) {
		if ((len = word_char(p + i, n - i)) <= 0) {
			i++;
			continue;
		}
		if (strncmp(s + i, "n.e.c", 5) == 0 &&
		    (i == 0 || word_char(p + i - 1, 1) == 0) &&
		    (i + 5 == n || word_char(p + i + 5, n - i - 5) == 0)) {
			if (fn(ctx, "nec", 3) < 0)
				return -1;
			i += 5;
			continue;
		}
		start = i;
		while (i < n && (len = word_char(p + i, n - i)) > 0)
			i += (size_t)len;
		if (fn(ctx, s + start, i - start) < 0)
			return -1;
	}
	return 0;
}

/* What the word callback of a label fills. */
typedef struct wctx {
	kll_match *m;
	uint32_t tok[MAX_TOK];
	unsigned ntok;
	int residual, negated;
	kll__buf text; /* the kept words joined by spaces */
	int intern;    /* add unknown words (else skip them) */
	int fail;
} wctx;

static int
intern_word(kll_match *m, const char *w, size_t n, uint32_t *id)
{
	char *s;

	if (kll__map_get(&m->tokmap, w, n, id))
		return 0;
	if (m->ntok == m->captok) {
		size_t cap = m->captok ? m->captok * 2 : 1024;
		const char **ns = kll__realloc(m->tokstr, cap * sizeof(*ns));
		uint32_t *nl, *nd;

		if (ns == NULL)
			return -1;
		m->tokstr = ns;
		if ((nl = kll__realloc(m->toklen, cap * sizeof(*nl))) == NULL)
			return -1;
		m->toklen = nl;
		if ((nd = kll__realloc(m->df, cap * sizeof(*nd))) == NULL)
			return -1;
		m->df = nd;
		m->captok = cap;
	}
	if ((s = kll__arena_strndup(&m->arena, w, n)) == NULL ||
	    kll__map_put(&m->tokmap, s, n, (uint32_t)m->ntok) < 0)
		return -1;
	m->tokstr[m->ntok] = s;
	m->toklen[m->ntok] = (uint32_t)n;
	m->df[m->ntok] = 0;
	*id = (uint32_t)m->ntok++;
	return 0;
}

static int
on_word(void *ctx, const char *w, size_t n)
{
	wctx *x = ctx;
	char word[64];
	uint32_t id;
	unsigned i;

	if (n >= sizeof(word))
		n = sizeof(word) - 1;
	memcpy(word, w, n);
	word[n] = '\0';
	if (in_list(word, residual_words,
	        sizeof(residual_words) / sizeof(residual_words[0])))
		x->residual = 1;
	if (in_list(word, negation_words,
	        sizeof(negation_words) / sizeof(negation_words[0])))
		x->negated = 1;
	/* One letter says nothing ("m" of "m.fl."); one digit may. */
	if ((n == 1 && !(word[0] >= '0' && word[0] <= '9')) ||
	    in_list(
	        word, stop_words, sizeof(stop_words) / sizeof(stop_words[0])))
		return 0;
	if (x->text.n > 0 && kll__buf_addc(&x->text, ' ') < 0)
		return -1;
	if (kll__buf_add(&x->text, word, n) < 0)
		return -1;
	if (x->ntok == MAX_TOK)
		return 0;
	if (!x->intern) {
		if (!kll__map_get(&x->m->tokmap, word, n, &id))
			id = UINT32_MAX;
	} else if (intern_word(x->m, word, n, &id) < 0) {
		return -1;
	}
	for (i = 0; i < x->ntok; i++)
		if (x->tok[i] == id && id != UINT32_MAX)
			return 0;
	x->tok[x->ntok++] = id;
	return 0;
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* The distinct trigrams of " text ", hashed and sorted, into a fresh
 * array of *n (NULL when there are none or memory runs out). */
static uint32_t *
trigrams(const char *text, size_t len, unsigned *n)
{
	uint32_t *t;
	char *pad;
	size_t i, k = 0;

	*n = 0;
	if (len == 0)
		return NULL;
	if ((pad = kll__malloc(len + 3)) == NULL)
		return NULL;
	if ((t = kll__malloc(len * sizeof(*t))) == NULL) {
		free(pad);
		return NULL;
	}
	pad[0] = ' ';
	memcpy(pad + 1, text, len);
	pad[len + 1] = ' ';
	for (i = 0; i < len; i++)
		t[k++] = kll__hash(pad + i, 3);
	free(pad);
	qsort(t, k, sizeof(*t), cmp_u32);
	for (i = 0; i < k; i++)
		if (*n == 0 || t[*n - 1] != t[i])
			t[(*n)++] = t[i];
	return t;
}

/* Prepare label "text" into *out, words and trigrams in the arena.
 * Returns -1 when out of memory, 1 when the text is not UTF-8. */
int
kll__match_prep_label(
    kll_match *m, const char *text, const char *lang, int intern, plabel *out)
{
	wctx x;
	char *fold;
	uint32_t *tri = NULL;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	memset(&x, 0, sizeof(x));
	x.m = m;
	x.intern = intern;
	out->lang = lang;
	if ((fold = kll_text_fold(text)) == NULL)
		return kll__utf8_valid(text, strlen(text), NULL) ? -1 : 1;
	if ((out->fold = kll__arena_strdup(&m->arena, fold)) == NULL ||
	    each_word(fold, on_word, &x) < 0)
		goto out;
	out->residual = x.residual;
	out->negated = x.negated;
	out->ntok = x.ntok;
	if (x.ntok > 0 && (out->tok = kll__arena_alloc(
	                       &m->arena, x.ntok * sizeof(*out->tok))) == NULL)
		goto out;
	if (x.ntok > 0)
		memcpy(out->tok, x.tok, x.ntok * sizeof(*out->tok));
	tri = trigrams(x.text.p, x.text.n, &out->ntri);
	if (x.text.n > 0 && tri == NULL)
		goto out;
	if (out->ntri > 0 && (out->tri = kll__arena_alloc(&m->arena,
	                          out->ntri * sizeof(*out->tri))) == NULL)
		goto out;
	if (out->ntri > 0)
		memcpy(out->tri, tri, out->ntri * sizeof(*out->tri));
	rc = 0;
out:
	free(tri);
	free(fold);
	kll__buf_free(&x.text);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Similarity                                                           */

/* How alike two different words are, by length of what they share over
 * the longer one: one begins the other ("växt", "växter"), or ends it,
 * as the head of a compound does ("kläder", "barnkläder"), or they share
 * five first letters and most of their length ("manufacture",
 * "manufacturing").  Words that only end alike ("pälsvaror",
 * "trikåvaror") share nothing. */
static double
word_sim(const char *a, size_t la, const char *b, size_t lb)
{
	size_t cp = 0, cs = 0, mn = la < lb ? la : lb, mx = la < lb ? lb : la;
	double r;

	while (cp < mn && a[cp] == b[cp])
		cp++;
	while (cs < mn && a[la - 1 - cs] == b[lb - 1 - cs])
		cs++;
	r = (double)mn / (double)mx;
	if (cp == mn && mn >= 4 && r >= 0.4)
		return r;
	if (cs == mn && mn >= 5 && r >= 0.4)
		return r;
	if (cp >= 5 && (double)cp / (double)mx >= 0.6)
		return (double)cp / (double)mx;
	return 0.0;
}

typedef struct wpair {
	double s;
	unsigned i, j;
} wpair;

static int
cmp_wpair(const void *a, const void *b)
{
	const wpair *x = a, *y = b;

	if (x->s != y->s)
		return x->s > y->s ? -1 : 1;
	if (x->i != y->i)
		return x->i < y->i ? -1 : 1;
	return x->j < y->j ? -1 : x->j > y->j;
}

static double
dice_sorted(const uint32_t *a, unsigned na, const uint32_t *b, unsigned nb)
{
	unsigned i = 0, j = 0, common = 0;

	if (na + nb == 0)
		return 0.0;
	while (i < na && j < nb) {
		if (a[i] == b[j]) {
			common++;
			i++;
			j++;
		} else if (a[i] < b[j]) {
			i++;
		} else {
			j++;
		}
	}
	return 2.0 * common / (double)(na + nb);
}

/* The weight of word "id": 1 when the matcher has no weights (two texts
 * compared alone); unknown words (UINT32_MAX) weigh as the rarest. */
static double
weight(const kll_match *m, uint32_t id)
{
	if (m->w == NULL)
		return 1.0;
	if (id == UINT32_MAX || id >= m->ntok || m->df[id] == 0)
		return kll__match_ln(1.0 + m->nlabels);
	return m->w[id];
}

static const char *
tok_text(const kll_match *m, uint32_t id, size_t *len)
{
	if (id == UINT32_MAX) {
		*len = 0;
		return "";
	}
	*len = m->toklen[id];
	return m->tokstr[id];
}

/* The weight of word "id" on side "s" (0: old, 1: new), with what
 * the match learnt of words that revisions tend to drop or add. */
static double
side_weight(const kll_match *m, int s, uint32_t id)
{
	double w = weight(m, id);

	if (m->fac[s] != NULL && id != UINT32_MAX && id < m->ntok)
		w *= m->fac[s][id];
	return w;
}

/* A learnt substitution: old word a became new word b in many pairs. */
static int
substituted(const kll_match *m, uint32_t a, uint32_t b)
{
	char key[24];

	if (m->subst.n == 0)
		return 0;
	snprintf(key, sizeof(key), "%u>%u", (unsigned)a, (unsigned)b);
	return kll__map_get(&m->subst, key, strlen(key), NULL);
}

static double
pair_word(const kll_match *m, uint32_t a, uint32_t b)
{
	const char *ta, *tb;
	size_t la, lb;

	if (a == UINT32_MAX || b == UINT32_MAX)
		return 0.0;
	if (a == b)
		return 1.0;
	if (substituted(m, a, b))
		return 0.9;
	ta = tok_text(m, a, &la);
	tb = tok_text(m, b, &lb);
	return word_sim(ta, la, tb, lb);
}

/* Words of old label a and new label b: pair them greedily by
 * similarity, best first, each word once; used_a and used_b (may be
 * NULL) get which were paired. */
void
kll__match_word_align(const kll_match *m, const plabel *a, const plabel *b,
    kll_text_sim *r, unsigned char *used_a, unsigned char *used_b)
{
	wpair pr[MAX_TOK * 4];
	unsigned np = 0, i, j;
	unsigned char ua[MAX_TOK] = { 0 }, ub[MAX_TOK] = { 0 };
	double wa = 0, wb = 0, ma = 0, mb = 0, sim;

	for (i = 0; i < a->ntok; i++)
		wa += side_weight(m, 0, a->tok[i]);
	for (j = 0; j < b->ntok; j++)
		wb += side_weight(m, 1, b->tok[j]);
	for (i = 0; i < a->ntok; i++)
		for (j = 0; j < b->ntok; j++) {
			sim = pair_word(m, a->tok[i], b->tok[j]);
			if (sim > 0 && np < sizeof(pr) / sizeof(pr[0])) {
				pr[np].s = sim;
				pr[np].i = i;
				pr[np++].j = j;
			}
		}
	qsort(pr, np, sizeof(*pr), cmp_wpair);
	for (i = 0; i < np; i++) {
		if (ua[pr[i].i] || ub[pr[i].j])
			continue;
		ua[pr[i].i] = ub[pr[i].j] = 1;
		ma += pr[i].s * side_weight(m, 0, a->tok[pr[i].i]);
		mb += pr[i].s * side_weight(m, 1, b->tok[pr[i].j]);
	}
	r->words = wa + wb > 0 ? (ma + mb) / (wa + wb) : 0.0;
	r->cover_a = wa > 0 ? ma / wa : 0.0;
	r->cover_b = wb > 0 ? mb / wb : 0.0;
	if (used_a != NULL)
		memcpy(used_a, ua, sizeof(ua));
	if (used_b != NULL)
		memcpy(used_b, ub, sizeof(ub));
}

/* Compare two prepared labels. */
void
kll__match_label_sim(
    const kll_match *m, const plabel *a, const plabel *b, kll_text_sim *r)
{
	memset(r, 0, sizeof(*r));
	if (strcmp(a->fold, b->fold) == 0) {
		r->score = r->words = r->cover_a = r->cover_b = 1.0;
		r->trigrams = 1.0;
		return;
	}
	kll__match_word_align(m, a, b, r, NULL, NULL);
	r->trigrams = dice_sorted(a->tri, a->ntri, b->tri, b->ntri);
	r->score = 0.75 * r->words + 0.25 * r->trigrams;
	if (a->residual != b->residual)
		r->score *= W_RESIDUAL;
	if (a->negated != b->negated)
		r->score *= W_RESIDUAL;
	/* Nothing but stop words on one side: only trigrams can tell. */
	if (a->ntok == 0 || b->ntok == 0)
		r->score = 0.5 * r->trigrams;
}

void
kll__match_words_free(kll_match *m)
{
	kll__map_free(&m->tokmap);
	kll__map_free(&m->subst);
	free(m->fac[0]);
	free(m->fac[1]);
	free(m->tokstr);
	free(m->toklen);
	free(m->df);
	kll__arena_free(&m->arena);
}
