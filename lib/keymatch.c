/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* keymatch.c: which concept of a new version of a vocabulary carries the
 * content of each concept of the old one, judged from labels and
 * hierarchy alone.
 *
 * Labels are folded, cut into words and stripped of stop words; a word
 * weighs ln(1 + N/df) over both vocabularies, so "tillverkning" counts
 * little and "ånggeneratorer" much.  Two labels compare by a weighted
 * Dice coefficient on their words (words sharing a prefix or suffix of
 * four letters count in part) and a Dice coefficient on character
 * trigrams.  A pair's score adds structure to that: the same code, a
 * broader concept that corresponds, narrower concepts that moved
 * together; a pair on different levels loses some.  Candidates come from
 * an index of words, word prefixes and suffixes to concepts, never from
 * all pairs.  Pairs are taken best first, one to one, twice (the second
 * time with the broader and narrower correspondences of the first); then
 * leftovers attach as parts of splits and merges. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

#include "internal.h"

#define MAX_TOK    48  /* words of a label that count */
#define QUICK_KEEP 48  /* candidates scored in full per concept */
#define KEEP       10  /* candidates kept per concept */
#define FLOOR      0.2 /* candidates below are dropped at once */
#define ACCEPT     0.4 /* the default min_confidence */
#define REVIEW     0.7 /* the default review threshold */
#define MAX_FAMILY 64  /* siblings added as candidates */
/* A leftover whose narrower concepts all went to one concept has at
 * least this confidence. */
#define KIDS_CONF 0.6f
/* A pair with no structure is taken one to one only with labels this
 * alike. */
#define LONE_LABEL 0.7
/* The hierarchy leans only on pairs that score this from labels and
 * code alone. */
#define TRUST 0.5
/* A pair is a near tie, and goes to review, when a candidate that is no
 * partner of either concept scores within this of it (or above it). */
#define TIE 0.05

/* Weights of the structural evidence: each closes part of the gap
 * between the label score and 1. */
#define W_CODE     0.25 /* the same code, scaled by the label score */
#define W_PARENT   0.25 /* broader concepts correspond */
#define W_KIDS     0.5  /* narrower concepts correspond, by share */
#define W_MOVED    0.9  /* a factor when the broader ones do not */
#define W_RESIDUAL 0.7  /* one label is an "other" class, one not */

/* One label of a concept, ready to compare. */
typedef struct plabel {
	const char *lang; /* borrowed from the vocabulary */
	const char *fold; /* the whole label folded */
	uint32_t *tok;    /* distinct word ids, in order */
	uint32_t *tri;    /* distinct trigram hashes, sorted */
	unsigned ntok, ntri;
	int residual; /* "other", "övrig", "n.e.c." */
	int negated;  /* "non", "icke", "without" */
} plabel;

typedef struct prof {
	plabel *lab;
	unsigned nlab;
	int level;
	int32_t parent; /* index of the first broader, -1 */
} prof;

/* Postings: the concepts of one side under an index key. */
typedef struct posting {
	uint32_t *c;
	uint32_t n, cap;
} posting;

typedef struct side {
	const kll_vocab *v;
	size_t n;
	prof *p;
	kll__map keys; /* index key -> posting number */
	posting *post;
	size_t npost, cappost;
	int32_t *cp;   /* counterpart on the other side, -1 */
	float *cpbase; /* its score from labels and code alone */
} side;

/* A scored pair, internally. */
typedef struct cand {
	uint32_t o, n;
	float score, lab, cover_o, cover_n;
	float base; /* the score from labels and code alone */
	const char *lang;
	unsigned ev, kids_ok, kids;
	unsigned doubt; /* KLL_DOUBT_*: set on the pairs taken */
} cand;

struct kll_match {
	side sd[2]; /* 0: old, 1: new */
	kll__arena arena;
	kll__map tokmap; /* word -> id */
	kll__map subst;  /* "OLD>NEW" word ids: learnt substitutions */
	float *fac[2];   /* per word, old and new: learnt weight
	                  * factors for words revisions drop or add */
	const char **tokstr;
	uint32_t *toklen, *df;
	double *w;
	size_t ntok, captok;
	double nlabels;
	const char *const *langs;
	size_t nlangs;
	double accept, review;
	kll_pair *pairs;
	size_t npairs;
	/* scratch for the quick candidate search */
	float *acc;
	uint32_t *seen, stamp, *hits;
	size_t nhits;
};

/* The natural logarithm, for the weights of words; 0 below 1. */
static double
ln(double x)
{
	return x > 1.0 ? log(x) : 0.0;
}

/* x >= 0 rounded to three decimals, as SSSOM writes numbers. */
static double
round3(double x)
{
	return (double)(long)(x * 1000.0 + 0.5) / 1000.0;
}

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
static int
prep_label(
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
		return ln(1.0 + m->nlabels);
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
static void
word_align(const kll_match *m, const plabel *a, const plabel *b,
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
static void
label_sim(const kll_match *m, const plabel *a, const plabel *b, kll_text_sim *r)
{
	memset(r, 0, sizeof(*r));
	if (strcmp(a->fold, b->fold) == 0) {
		r->score = r->words = r->cover_a = r->cover_b = 1.0;
		r->trigrams = 1.0;
		return;
	}
	word_align(m, a, b, r, NULL, NULL);
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

/* A matcher with no vocabularies, for comparing two texts alone. */
static void
bare_init(kll_match *m)
{
	memset(m, 0, sizeof(*m));
}

static void
bare_free(kll_match *m)
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

double
kll_text_similarity(const char *a, const char *b, kll_text_sim *detail)
{
	kll_match m;
	plabel pa, pb;
	kll_text_sim r;

	memset(&r, 0, sizeof(r));
	bare_init(&m);
	if (prep_label(&m, a, "", 1, &pa) == 0 &&
	    prep_label(&m, b, "", 1, &pb) == 0)
		label_sim(&m, &pa, &pb, &r);
	bare_free(&m);
	if (detail != NULL)
		*detail = r;
	return r.score;
}

/* ------------------------------------------------------------------ */
/* Profiles and the index                                               */

static int
lang_wanted(const kll_match *m, const char *lang)
{
	size_t i, n;

	if (m->nlangs == 0)
		return 1;
	for (i = 0; i < m->nlangs; i++) {
		n = strlen(m->langs[i]);
		if (strncmp(lang, m->langs[i], n) == 0 &&
		    (lang[n] == '\0' || lang[n] == '-'))
			return 1;
	}
	return 0;
}

static int
build_prof(kll_match *m, side *sd, size_t i)
{
	const kll_concept *c = kll_vocab_at(sd->v, i);
	const kll_label *l;
	prof *p = &sd->p[i];
	size_t k, n = kll_concept_nlabels(c);
	unsigned j;

	p->level = kll_concept_level(c);
	p->parent = kll_concept_nbroader(c) > 0 ?
	                (int32_t)kll_concept_index(kll_concept_broader(c, 0)) :
	                -1;
	for (k = 0, j = 0; k < n; k++) {
		l = kll_concept_label_at(c, k);
		j += l->kind == KLL_LABEL_PREF && lang_wanted(m, l->lang);
	}
	if (j == 0)
		return 0;
	if ((p->lab = kll__arena_alloc(&m->arena, j * sizeof(*p->lab))) == NULL)
		return -1;
	for (k = 0; k < n; k++) {
		l = kll_concept_label_at(c, k);
		if (l->kind != KLL_LABEL_PREF || !lang_wanted(m, l->lang))
			continue;
		/* The index holds only UTF-8; a bad label is skipped. */
		switch (prep_label(m, l->text, l->lang, 1, &p->lab[p->nlab])) {
		case -1:
			return -1;
		case 0:
			p->nlab++;
		}
	}
	return 0;
}

static int
post_add(kll_match *m, side *sd, const char *key, size_t n, uint32_t c)
{
	uint32_t k;
	posting *p;
	char *s;

	if (!kll__map_get(&sd->keys, key, n, &k)) {
		if (sd->npost == sd->cappost) {
			size_t cap = sd->cappost ? sd->cappost * 2 : 1024;
			posting *np = kll__realloc(sd->post, cap * sizeof(*np));
			if (np == NULL)
				return -1;
			sd->post = np;
			sd->cappost = cap;
		}
		if ((s = kll__arena_strndup(&m->arena, key, n)) == NULL ||
		    kll__map_put(&sd->keys, s, n, (uint32_t)sd->npost) < 0)
			return -1;
		memset(&sd->post[sd->npost], 0, sizeof(*sd->post));
		k = (uint32_t)sd->npost++;
	}
	p = &sd->post[k];
	if (p->n > 0 && p->c[p->n - 1] == c)
		return 0;
	if (p->n == p->cap) {
		uint32_t cap = p->cap ? p->cap * 2 : 4;
		uint32_t *nc = kll__realloc(p->c, cap * sizeof(*nc));
		if (nc == NULL)
			return -1;
		p->c = nc;
		p->cap = cap;
	}
	p->c[p->n++] = c;
	return 0;
}

/* The index keys of a word: "=word", "<" and its first four bytes, ">"
 * and its last five. */
static size_t
word_keys(const char *w, size_t n, char keys[3][72], size_t lens[3])
{
	size_t k = 0;

	if (n > 64)
		n = 64;
	keys[k][0] = '=';
	memcpy(keys[k] + 1, w, n);
	lens[k++] = n + 1;
	if (n >= 4) {
		keys[k][0] = '<';
		memcpy(keys[k] + 1, w, 4);
		lens[k++] = 5;
	}
	if (n >= 6) {
		keys[k][0] = '>';
		memcpy(keys[k] + 1, w + n - 5, 5);
		lens[k++] = 6;
	}
	return k;
}

static int
index_side(kll_match *m, side *sd)
{
	char keys[3][72];
	size_t lens[3], nk, i, k;
	unsigned j, t;
	const plabel *l;

	for (i = 0; i < sd->n; i++)
		for (j = 0; j < sd->p[i].nlab; j++) {
			l = &sd->p[i].lab[j];
			for (t = 0; t < l->ntok; t++) {
				nk = word_keys(m->tokstr[l->tok[t]],
				    m->toklen[l->tok[t]], keys, lens);
				for (k = 0; k < nk; k++)
					if (post_add(m, sd, keys[k], lens[k],
					        (uint32_t)i) < 0)
						return -1;
			}
		}
	return 0;
}

static int
count_df(kll_match *m)
{
	size_t i, s;
	unsigned j, t;

	for (s = 0; s < 2; s++)
		for (i = 0; i < m->sd[s].n; i++)
			for (j = 0; j < m->sd[s].p[i].nlab; j++) {
				const plabel *l = &m->sd[s].p[i].lab[j];
				m->nlabels += 1;
				for (t = 0; t < l->ntok; t++)
					m->df[l->tok[t]]++;
			}
	if ((m->w = kll__malloc((m->ntok ? m->ntok : 1) * sizeof(*m->w))) ==
	    NULL)
		return -1;
	for (i = 0; i < m->ntok; i++)
		m->w[i] = ln(1.0 + m->nlabels / (m->df[i] ? m->df[i] : 1));
	return 0;
}

/* ------------------------------------------------------------------ */
/* Scoring pairs                                                        */

static const kll_concept *
concept_of(const kll_match *m, int s, uint32_t i)
{
	return kll_vocab_at(m->sd[s].v, i);
}

static int
same_code(const kll_match *m, uint32_t o, uint32_t n)
{
	const char *a = kll_concept_notation(concept_of(m, 0, o));
	const char *b = kll_concept_notation(concept_of(m, 1, n));

	return *a != '\0' && strcmp(a, b) == 0;
}

/* The best label similarity over the languages both have. */
static void
best_label(const kll_match *m, uint32_t o, uint32_t n, cand *c)
{
	const prof *po = &m->sd[0].p[o], *pn = &m->sd[1].p[n];
	kll_text_sim r;
	unsigned i, j;

	c->lab = c->cover_o = c->cover_n = 0;
	c->lang = "";
	for (i = 0; i < po->nlab; i++)
		for (j = 0; j < pn->nlab; j++) {
			if (strcmp(po->lab[i].lang, pn->lab[j].lang) != 0)
				continue;
			label_sim(m, &po->lab[i], &pn->lab[j], &r);
			if (r.score > c->lab || *c->lang == '\0') {
				c->lab = (float)r.score;
				c->cover_o = (float)r.cover_a;
				c->cover_n = (float)r.cover_b;
				c->lang = po->lab[i].lang;
			}
			if (r.score >= 1.0)
				c->ev |= KLL_EVID_SAME_LABEL;
		}
}

/* Whether concept i of side s has a counterpart found from its label
 * and code alone, which the hierarchy may then lean on. */
static int
trusted(const kll_match *m, int s, int32_t i)
{
	return i >= 0 && m->sd[s].cp[i] >= 0 && m->sd[s].cpbase[i] >= TRUST;
}

/* Narrower concepts of o whose trusted counterparts are narrower
 * concepts of n. */
static void
kids_support(const kll_match *m, cand *c)
{
	const kll_concept *co = concept_of(m, 0, c->o);
	size_t i, nk = kll_concept_nnarrower(co);
	int32_t k;

	c->kids = (unsigned)nk;
	c->kids_ok = 0;
	for (i = 0; i < nk; i++) {
		k = (int32_t)kll_concept_index(kll_concept_narrower(co, i));
		if (trusted(m, 0, k) &&
		    m->sd[1].p[m->sd[0].cp[k]].parent == (int32_t)c->n)
			c->kids_ok++;
	}
	if (c->kids_ok > 0)
		c->ev |= KLL_EVID_CHILDREN;
}

/* The broader concepts correspond: both are top concepts, or the old
 * one's trusted counterpart is the new one's broader concept. */
static int
parent_kept(const kll_match *m, const prof *po, const prof *pn)
{
	if (po->parent < 0 && pn->parent < 0)
		return 1;
	return po->parent >= 0 && pn->parent >= 0 &&
	       trusted(m, 0, po->parent) &&
	       m->sd[0].cp[po->parent] == pn->parent;
}

/* Score old concept o against new concept n: the label similarity, then
 * each piece of structure closing part of the gap to 1.  With
 * "structure" zero, labels and code only. */
static void
score_pair(const kll_match *m, uint32_t o, uint32_t n, int structure, cand *c)
{
	const prof *po = &m->sd[0].p[o], *pn = &m->sd[1].p[n];
	double s, frac;
	size_t nn;

	memset(c, 0, sizeof(*c));
	c->o = o;
	c->n = n;
	best_label(m, o, n, c);
	s = c->lab;
	if (same_code(m, o, n)) {
		c->ev |= KLL_EVID_SAME_CODE;
		s += (1 - s) * W_CODE * (c->lab < 0.4 ? c->lab / 0.4 : 1.0);
	}
	c->base = (float)s;
	/* A key pairs concepts of one level: a label that recurs on the
	 * level below (a class with a single subclass) is no counterpart. */
	if (po->level != pn->level) {
		c->ev |= KLL_EVID_LEVEL;
		c->score = 0;
		return;
	}
	if (structure) {
		if (parent_kept(m, po, pn)) {
			c->ev |= KLL_EVID_PARENT;
			s += (1 - s) * W_PARENT;
		} else if (trusted(m, 0, po->parent)) {
			s *= W_MOVED;
		}
		kids_support(m, c);
		nn = kll_concept_nnarrower(concept_of(m, 1, n));
		if (c->kids_ok > 0) {
			frac = (double)c->kids_ok /
			       (double)(c->kids > nn ? c->kids : nn);
			s += (1 - s) * W_KIDS * frac;
		}
	}
	c->score = (float)(s > 1.0 ? 1.0 : s);
}

/* ------------------------------------------------------------------ */
/* Candidates                                                           */

static void
hit(kll_match *m, uint32_t c, float w)
{
	if (m->seen[c] != m->stamp) {
		m->seen[c] = m->stamp;
		m->acc[c] = 0;
		m->hits[m->nhits++] = c;
	}
	m->acc[c] += w;
}

static const float *g_acc; /* for the sort below only */

static int
cmp_hit(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	if (g_acc[x] != g_acc[y])
		return g_acc[x] > g_acc[y] ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* The concepts of side "to" that share index keys with concept i of the
 * other side, the most shared weight first; at most QUICK_KEEP of them
 * into out.  Keys that name more than a tenth of the side (and at least
 * a hundred concepts) are too common to say anything. */
static size_t
quick(kll_match *m, int to, uint32_t i, uint32_t *out)
{
	const side *from = &m->sd[!to], *sd = &m->sd[to];
	const prof *p = &from->p[i];
	char keys[3][72];
	size_t lens[3], nk, k, n, cap = sd->n / 10 > 100 ? sd->n / 10 : 100;
	uint32_t pk, j, id;
	unsigned l, t;
	const posting *po;
	float w;

	m->stamp++;
	m->nhits = 0;
	for (l = 0; l < p->nlab; l++)
		for (t = 0; t < p->lab[l].ntok; t++) {
			id = p->lab[l].tok[t];
			nk =
			    word_keys(m->tokstr[id], m->toklen[id], keys, lens);
			for (k = 0; k < nk; k++) {
				if (!kll__map_get(
				        &sd->keys, keys[k], lens[k], &pk))
					continue;
				po = &sd->post[pk];
				if (po->n > cap)
					continue;
				w = (float)ln(1.0 + (double)sd->n / po->n);
				if (k > 0)
					w *= 0.5f;
				for (j = 0; j < po->n; j++)
					hit(m, po->c[j], w);
			}
		}
	g_acc = m->acc;
	qsort(m->hits, m->nhits, sizeof(*m->hits), cmp_hit);
	n = m->nhits < QUICK_KEEP ? m->nhits : QUICK_KEEP;
	memcpy(out, m->hits, n * sizeof(*out));
	return n;
}

static int
cmp_cand(const void *a, const void *b)
{
	const cand *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->o != y->o)
		return x->o < y->o ? -1 : 1;
	return x->n < y->n ? -1 : x->n > y->n;
}

static size_t
add_unique(uint32_t *ids, size_t n, size_t cap, uint32_t id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ids[i] == id)
			return n;
	if (n < cap)
		ids[n++] = id;
	return n;
}

/* Concepts of side "to" to consider for concept i of the other side:
 * those the index gives, the one with the same code, and (with
 * structure) the narrower concepts of the trusted counterpart of i's
 * broader concept. */
static size_t
gather(kll_match *m, int to, uint32_t i, int structure, uint32_t *ids)
{
	const kll_concept *c = concept_of(m, !to, i), *same, *pc;
	size_t n, k, cap = QUICK_KEEP + MAX_FAMILY + 1;
	int32_t parent = m->sd[!to].p[i].parent;

	n = quick(m, to, i, ids);
	if (*kll_concept_notation(c) != '\0' &&
	    (same = kll_vocab_find(m->sd[to].v, kll_concept_notation(c))) !=
	        NULL)
		n = add_unique(ids, n, cap, (uint32_t)kll_concept_index(same));
	if (structure && trusted(m, !to, parent)) {
		pc = concept_of(m, to, (uint32_t)m->sd[!to].cp[parent]);
		for (k = 0; k < kll_concept_nnarrower(pc) && k < MAX_FAMILY;
		     k++)
			n = add_unique(ids, n, cap,
			    (uint32_t)kll_concept_index(
			        kll_concept_narrower(pc, k)));
	}
	return n;
}

/* Score the candidates of concept i of side "from" (0: old, 1: new) and
 * put the best KEEP at FLOOR or above in out, best first. */
static size_t
candidates(kll_match *m, int from, uint32_t i, int structure, cand *out)
{
	uint32_t ids[QUICK_KEEP + MAX_FAMILY + 1];
	cand all[QUICK_KEEP + MAX_FAMILY + 1];
	size_t n, j, k = 0;

	n = gather(m, !from, i, structure, ids);
	for (j = 0; j < n; j++) {
		if (from == 0)
			score_pair(m, i, ids[j], structure, &all[k]);
		else
			score_pair(m, ids[j], i, structure, &all[k]);
		if (all[k].score >= FLOOR)
			k++;
	}
	qsort(all, k, sizeof(*all), cmp_cand);
	if (k > KEEP)
		k = KEEP;
	memcpy(out, all, k * sizeof(*out));
	return k;
}

/* ------------------------------------------------------------------ */
/* Assignment                                                           */

typedef struct cvec {
	cand *c;
	size_t n, cap;
} cvec;

static int
cvec_add(cvec *v, const cand *c, size_t n)
{
	if (n == 0)
		return 0;
	if (v->n + n > v->cap) {
		size_t cap = v->cap ? v->cap : 1024;
		cand *nc;
		while (cap < v->n + n)
			cap *= 2;
		if ((nc = kll__realloc(v->c, cap * sizeof(*nc))) == NULL)
			return -1;
		v->c = nc;
		v->cap = cap;
	}
	memcpy(v->c + v->n, c, n * sizeof(*c));
	v->n += n;
	return 0;
}

/* A pair good enough to take one to one: above the threshold, and with
 * labels that are alike or some structure besides. */
static int
one_to_one_ok(const kll_match *m, const cand *c)
{
	unsigned structural =
	    KLL_EVID_SAME_CODE | KLL_EVID_PARENT | KLL_EVID_CHILDREN;

	if (c->score < m->accept)
		return 0;
	return (c->ev & structural) != 0 || c->lab >= LONE_LABEL;
}

/* One pass: candidates of every old concept, then pairs best first, one
 * to one.  The counterparts go to the sides' cp and cpbase. */
static int
one_pass(kll_match *m, int structure)
{
	cand buf[KEEP];
	cvec all = { NULL, 0, 0 };
	int32_t *cp[2] = { NULL, NULL };
	float *base = NULL;
	size_t i, k;
	int s, rc = -1;

	for (s = 0; s < 2; s++)
		if ((cp[s] = kll__malloc((m->sd[s].n + 1) * sizeof(*cp[s]))) ==
		    NULL)
			goto out;
	if ((base = kll__malloc((m->sd[0].n + 1) * sizeof(*base))) == NULL)
		goto out;
	for (i = 0; i < m->sd[0].n; i++) {
		k = candidates(m, 0, (uint32_t)i, structure, buf);
		if (cvec_add(&all, buf, k) < 0)
			goto out;
	}
	if (all.n > 0)
		qsort(all.c, all.n, sizeof(*all.c), cmp_cand);
	for (s = 0; s < 2; s++)
		for (i = 0; i < m->sd[s].n; i++)
			cp[s][i] = -1;
	for (i = 0; i < all.n; i++) {
		const cand *c = &all.c[i];
		if (cp[0][c->o] != -1 || cp[1][c->n] >= 0)
			continue;
		/* The best free partner lacks the evidence to be taken one
		 * to one: a worse one with structure must not be taken
		 * instead; the concept waits for the leftovers' rules. */
		if (!one_to_one_ok(m, c)) {
			if (c->score >= m->accept)
				cp[0][c->o] = -2;
			continue;
		}
		cp[0][c->o] = (int32_t)c->n;
		cp[1][c->n] = (int32_t)c->o;
		base[c->o] = c->base;
	}
	for (i = 0; i < m->sd[0].n; i++)
		if (cp[0][i] < 0)
			cp[0][i] = -1;
	for (s = 0; s < 2; s++)
		memcpy(m->sd[s].cp, cp[s], m->sd[s].n * sizeof(*cp[s]));
	for (i = 0; i < m->sd[0].n; i++)
		m->sd[0].cpbase[i] = cp[0][i] >= 0 ? base[i] : 0;
	for (i = 0; i < m->sd[1].n; i++)
		m->sd[1].cpbase[i] = cp[1][i] >= 0 ? base[cp[1][i]] : 0;
	rc = 0;
out:
	free(cp[0]);
	free(cp[1]);
	free(base);
	free(all.c);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Learning the revision's words                                        */

/* A revision renames systematically ("service till" became
 * "stödverksamhet avseende", "specialiserad butikshandel" became
 * "detaljhandel"): the confident pairs with labels that differ show it.
 * Words of the old label left unpaired against words of the new one,
 * over at least MIN_RULE pairs, become substitutions; words that the
 * new labels mostly drop (or the old ones lack) weigh less. */
#define MIN_RULE 3

typedef struct learnt {
	uint32_t *drop, *add, *occ_old, *occ_new;
	kll__map seen;  /* label pairs counted, once each: a label
	                 * that recurs on the level below is one
	                 * renaming, not two */
	kll__map pairs; /* "a>b" -> index into count */
	uint32_t *count;
	const char **keys;
	size_t n, cap;
} learnt;

static int
bump_pair(kll_match *m, learnt *l, uint32_t a, uint32_t b)
{
	char key[24], *k;
	uint32_t i;
	size_t len;

	len = (size_t)snprintf(
	    key, sizeof(key), "%u>%u", (unsigned)a, (unsigned)b);
	if (kll__map_get(&l->pairs, key, len, &i)) {
		l->count[i]++;
		return 0;
	}
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 256;
		uint32_t *nc = kll__realloc(l->count, cap * sizeof(*nc));
		const char **nk;
		if (nc == NULL)
			return -1;
		l->count = nc;
		if ((nk = kll__realloc(l->keys, cap * sizeof(*nk))) == NULL)
			return -1;
		l->keys = nk;
		l->cap = cap;
	}
	if ((k = kll__arena_strndup(&m->arena, key, len)) == NULL ||
	    kll__map_put(&l->pairs, k, len, (uint32_t)l->n) < 0)
		return -1;
	l->keys[l->n] = k;
	l->count[l->n++] = 1;
	return 0;
}

static const plabel *
label_in_lang(const prof *p, const char *lang)
{
	unsigned i;

	for (i = 0; i < p->nlab; i++)
		if (strcmp(p->lab[i].lang, lang) == 0)
			return &p->lab[i];
	return NULL;
}

/* 1 the first time the pair of labels a, b is met, 0 after; -1 when
 * out of memory. */
static int
once(kll_match *m, learnt *l, const plabel *a, const plabel *b)
{
	size_t na = strlen(a->fold), nb = strlen(b->fold);
	char *key;

	if ((key = kll__arena_alloc(&m->arena, na + nb + 2)) == NULL)
		return -1;
	memcpy(key, a->fold, na);
	key[na] = '\n';
	memcpy(key + na + 1, b->fold, nb + 1);
	if (kll__map_get(&l->seen, key, na + nb + 1, NULL))
		return 0;
	return kll__map_put(&l->seen, key, na + nb + 1, 1) < 0 ? -1 : 1;
}

/* Count what differs between the labels of one confident pair. */
static int
learn_pair(kll_match *m, learnt *l, uint32_t o, uint32_t n)
{
	unsigned char ua[MAX_TOK], ub[MAX_TOK];
	const plabel *la, *lb;
	kll_text_sim r;
	unsigned i, j, nua = 0, nub = 0;
	cand c;

	score_pair(m, o, n, 1, &c);
	if (c.score < REVIEW || c.lab < 0.4 || (c.ev & KLL_EVID_SAME_LABEL) ||
	    (la = label_in_lang(&m->sd[0].p[o], c.lang)) == NULL ||
	    (lb = label_in_lang(&m->sd[1].p[n], c.lang)) == NULL)
		return 0;
	switch (once(m, l, la, lb)) {
	case -1:
		return -1;
	case 0:
		return 0;
	}
	word_align(m, la, lb, &r, ua, ub);
	for (i = 0; i < la->ntok; i++)
		nua += !ua[i];
	for (j = 0; j < lb->ntok; j++)
		nub += !ub[j];
	if (nua > 3 || nub > 3)
		return 0;
	for (i = 0; i < la->ntok; i++)
		if (la->tok[i] != UINT32_MAX) {
			l->occ_old[la->tok[i]]++;
			l->drop[la->tok[i]] += !ua[i];
		}
	for (j = 0; j < lb->ntok; j++)
		if (lb->tok[j] != UINT32_MAX) {
			l->occ_new[lb->tok[j]]++;
			l->add[lb->tok[j]] += !ub[j];
		}
	for (i = 0; i < la->ntok; i++)
		for (j = 0; j < lb->ntok; j++)
			if (!ua[i] && !ub[j] && la->tok[i] != UINT32_MAX &&
			    lb->tok[j] != UINT32_MAX &&
			    bump_pair(m, l, la->tok[i], lb->tok[j]) < 0)
				return -1;
	return 0;
}

/* The rules from the counts. */
static int
learn_rules(kll_match *m, learnt *l)
{
	unsigned char *has = NULL;
	unsigned a, b;
	size_t i;

	if ((has = kll__calloc(m->ntok + 1, 1)) == NULL)
		return -1;
	for (i = 0; i < l->n; i++) {
		/* The usual fate of the old word, or the usual origin of
		 * the new one. */
		if (l->count[i] < MIN_RULE ||
		    sscanf(l->keys[i], "%u>%u", &a, &b) != 2 ||
		    (l->count[i] * 2 < l->drop[a] &&
		        l->count[i] * 2 < l->add[b]))
			continue;
		if (kll__map_put(&m->subst, l->keys[i], strlen(l->keys[i]), 1) <
		    0) {
			free(has);
			return -1;
		}
		has[a] = has[b] = 1;
	}
	for (i = 0; i < m->ntok; i++) {
		m->fac[0][i] = m->fac[1][i] = 1.0f;
		if (has[i])
			continue;
		if (l->drop[i] >= MIN_RULE &&
		    l->drop[i] * 5 >= l->occ_old[i] * 3)
			m->fac[0][i] = 0.3f;
		if (l->add[i] >= MIN_RULE && l->add[i] * 5 >= l->occ_new[i] * 3)
			m->fac[1][i] = 0.3f;
	}
	free(has);
	return 0;
}

static int
learn(kll_match *m)
{
	learnt l;
	size_t i, nt = m->ntok + 1;
	int rc = -1;

	memset(&l, 0, sizeof(l));
	if ((l.drop = kll__calloc(nt, sizeof(*l.drop))) == NULL ||
	    (l.add = kll__calloc(nt, sizeof(*l.add))) == NULL ||
	    (l.occ_old = kll__calloc(nt, sizeof(*l.occ_old))) == NULL ||
	    (l.occ_new = kll__calloc(nt, sizeof(*l.occ_new))) == NULL)
		goto out;
	for (i = 0; i < m->sd[0].n; i++)
		if (m->sd[0].cp[i] >= 0 && learn_pair(m, &l, (uint32_t)i,
		                               (uint32_t)m->sd[0].cp[i]) < 0)
			goto out;
	/* The rules apply from here on, not while counting. */
	if ((m->fac[0] = kll__malloc(nt * sizeof(*m->fac[0]))) == NULL ||
	    (m->fac[1] = kll__malloc(nt * sizeof(*m->fac[1]))) == NULL)
		goto out;
	rc = learn_rules(m, &l);
out:
	if (rc < 0) {
		free(m->fac[0]);
		free(m->fac[1]);
		m->fac[0] = m->fac[1] = NULL;
	}
	free(l.drop);
	free(l.add);
	free(l.occ_old);
	free(l.occ_new);
	free(l.count);
	free(l.keys);
	kll__map_free(&l.pairs);
	kll__map_free(&l.seen);
	return rc;
}

/* The pairs taken so far, with each concept's number of partners and
 * its first partner. */
typedef struct taken {
	cvec v;
	uint32_t *deg[2];
	uint32_t *first[2]; /* index into v of the first pair */
} taken;

static int
take(taken *t, const cand *c)
{
	if (cvec_add(&t->v, c, 1) < 0)
		return -1;
	if (t->deg[0][c->o]++ == 0)
		t->first[0][c->o] = (uint32_t)(t->v.n - 1);
	if (t->deg[1][c->n]++ == 0)
		t->first[1][c->n] = (uint32_t)(t->v.n - 1);
	return 0;
}

/* The pairs of the last one-to-one pass, with the score they have now. */
static int
take_pass(kll_match *m, taken *t)
{
	cand c;
	size_t i;

	for (i = 0; i < m->sd[0].n; i++) {
		if (m->sd[0].cp[i] < 0)
			continue;
		score_pair(m, (uint32_t)i, (uint32_t)m->sd[0].cp[i], 1, &c);
		if (take(t, &c) < 0)
			return -1;
	}
	return 0;
}

/* A leftover joins a split or a merge when its label lies within the
 * other's: wholly, or mostly with the broader concepts corresponding, or
 * in good part when the pair scores well; or when all the narrower
 * concepts that have a trusted counterpart went there.  "cover" is the
 * share of the leftover's label found in the other's, "kids" and "ok"
 * count its narrower concepts and those that went along. */
static int
part_ok(
    const kll_match *m, const cand *c, double cover, unsigned kids, unsigned ok)
{
	if (kids > 0 && ok == kids)
		return 1;
	if (c->score < m->accept)
		return 0;
	if (cover >= 0.95)
		return 1;
	if (!(c->ev & KLL_EVID_PARENT))
		return 0;
	return cover >= 0.75 || (c->score >= REVIEW && cover >= 0.5);
}

/* Narrower concepts of new concept n whose trusted counterparts are
 * narrower concepts of old concept o: into *ok, out of *kids. */
static void
kids_back(
    const kll_match *m, uint32_t o, uint32_t n, unsigned *kids, unsigned *ok)
{
	const kll_concept *cn = concept_of(m, 1, n);
	size_t i, nk = kll_concept_nnarrower(cn);
	int32_t k;

	*kids = *ok = 0;
	for (i = 0; i < nk; i++) {
		k = (int32_t)kll_concept_index(kll_concept_narrower(cn, i));
		if (!trusted(m, 1, k))
			continue;
		(*kids)++;
		*ok += m->sd[0].p[m->sd[1].cp[k]].parent == (int32_t)o;
	}
}

/* The concept of side s whose single narrower concept is the only one
 * under the sole partner of concept i's broader concept (of the other
 * side), or -1: when an old broader concept went whole into a new one
 * that has a single narrower concept, every narrower old concept went
 * there (classifications partition), and the other way round.  *conf
 * gets the broader pair's score. */
static int32_t
sole_heir(const kll_match *m, const taken *t, int from, uint32_t i, float *conf)
{
	int32_t parent = m->sd[from].p[i].parent;
	const cand *pp;
	const kll_concept *pc;
	uint32_t other;

	if (parent < 0 || t->deg[from][parent] != 1)
		return -1;
	pp = &t->v.c[t->first[from][parent]];
	other = from == 0 ? pp->n : pp->o;
	pc = concept_of(m, !from, other);
	if (kll_concept_nnarrower(pc) != 1)
		return -1;
	*conf = pp->score;
	return (int32_t)kll_concept_index(kll_concept_narrower(pc, 0));
}

/* Concept i of side "from" (0: old, 1: new) has no partner: find it one
 * by the rules above, or leave it. */
static int
attach(kll_match *m, taken *t, int from, uint32_t i)
{
	cand buf[KEEP], c;
	size_t k, j;
	unsigned kids, ok;
	int32_t heir;
	float conf;

	k = candidates(m, from, i, 1, buf);
	for (j = 0; j < k; j++) {
		if (from == 0) {
			kids = buf[j].kids;
			ok = buf[j].kids_ok;
		} else {
			kids_back(m, buf[j].o, buf[j].n, &kids, &ok);
		}
		if (part_ok(m, &buf[j],
		        from == 0 ? buf[j].cover_o : buf[j].cover_n, kids,
		        ok)) {
			/* Narrower concepts that all went along are
			 * evidence in their own right. */
			if (kids > 0 && ok == kids && buf[j].score < KIDS_CONF)
				buf[j].score =
				    ok > 1 ? KIDS_CONF : KIDS_CONF - 0.1f;
			if (buf[j].score < m->accept)
				continue;
			buf[j].ev |= KLL_EVID_PART;
			return take(t, &buf[j]);
		}
	}
	if ((heir = sole_heir(m, t, from, i, &conf)) < 0 ||
	    m->sd[!from].p[heir].level != m->sd[from].p[i].level)
		return 0;
	if (from == 0)
		score_pair(m, i, (uint32_t)heir, 1, &c);
	else
		score_pair(m, (uint32_t)heir, i, 1, &c);
	if (c.score < 0.9f * conf)
		c.score = 0.9f * conf;
	if (c.score < m->accept)
		return 0;
	c.ev |= KLL_EVID_PARENT | KLL_EVID_PART;
	return take(t, &c);
}

/* Leftovers level by level from the top, so that the broader concepts
 * are settled before their narrower ones: new ones first (splits), then
 * old ones (merges). */
static int
attach_all(kll_match *m, taken *t)
{
	int level, top = 0, s;
	size_t i;

	for (s = 0; s < 2; s++)
		for (i = 0; i < m->sd[s].n; i++)
			if (m->sd[s].p[i].level > top)
				top = m->sd[s].p[i].level;
	for (level = 0; level <= top; level++)
		for (s = 1; s >= 0; s--)
			for (i = 0; i < m->sd[s].n; i++)
				if (m->sd[s].p[i].level == level &&
				    t->deg[s][i] == 0 &&
				    attach(m, t, s, (uint32_t)i) < 0)
					return -1;
	return 0;
}

static int
cmp_on(const void *a, const void *b)
{
	const cand *x = a, *y = b;

	if (x->o != y->o)
		return x->o < y->o ? -1 : 1;
	return x->n < y->n ? -1 : x->n > y->n;
}

static void
to_pair(const kll_match *m, const cand *c, kll_pair *p)
{
	memset(p, 0, sizeof(*p));
	p->old_c = concept_of(m, 0, c->o);
	p->new_c = concept_of(m, 1, c->n);
	p->rel = KLL_REL_CLOSE;
	p->confidence = round3(c->score);
	p->label = round3(c->lab);
	p->lang = c->lang ? c->lang : "";
	p->evidence = c->ev;
	p->kids_kept = c->kids_ok;
	p->kids_total = c->kids;
	p->review = p->confidence < m->review || c->doubt != 0;
	p->doubt = c->doubt;
}

static kll_pair *
lone(kll_pair *p, const kll_concept *old_c, const kll_concept *new_c)
{
	memset(p, 0, sizeof(*p));
	p->old_c = old_c;
	p->new_c = new_c;
	p->rel = KLL_REL_NONE;
	p->lang = "";
	return p;
}

/* The relation from the shape of the pairs: how many partners each side
 * of a pair has. */
static kll_relation
shape(const kll_match *m, uint32_t out, uint32_t in, double confidence)
{
	if (out > 1 && in > 1)
		return KLL_REL_RELATED;
	if (out > 1)
		return KLL_REL_NARROW;
	if (in > 1)
		return KLL_REL_BROAD;
	return confidence >= m->review ? KLL_REL_EXACT : KLL_REL_CLOSE;
}

/* Whether (o, n) is a pair of v, sorted by cmp_on. */
static int
paired(const cvec *v, uint32_t o, uint32_t n)
{
	cand key;

	key.o = o;
	key.n = n;
	return v->n > 0 &&
	       bsearch(&key, v->c, v->n, sizeof(*v->c), cmp_on) != NULL;
}

/* Whether a candidate of concept i of side "from", other than a partner,
 * scores within TIE of pair c (or above it). */
static int
near_tie(kll_match *m, const cvec *v, const cand *c, int from)
{
	cand buf[KEEP];
	size_t k, j;

	k = candidates(m, from, from == 0 ? c->o : c->n, 1, buf);
	for (j = 0; j < k; j++) {
		if (buf[j].o == c->o && buf[j].n == c->n)
			continue;
		if (paired(v, buf[j].o, buf[j].n) ||
		    (from == 0 ? paired(v, c->o, buf[j].n) :
		                 paired(v, buf[j].o, c->n)))
			continue;
		/* A rival with weaker kinds of evidence is none: an
		 * identical label against a similar one, the same level
		 * against another. */
		if (((c->ev & KLL_EVID_SAME_LABEL) &&
		        !(buf[j].ev & KLL_EVID_SAME_LABEL)) ||
		    (!(c->ev & KLL_EVID_LEVEL) && (buf[j].ev & KLL_EVID_LEVEL)))
			continue;
		if (buf[j].score >= c->score - TIE)
			return 1;
	}
	return 0;
}

/* Whether new concept a is b or one of its broader concepts. */
static int
at_or_above(const kll_match *m, int32_t a, int32_t b)
{
	int guard = 0;

	for (; b >= 0 && guard < 64; b = m->sd[1].p[b].parent, guard++)
		if (a == b)
			return 1;
	return 0;
}

/* Whether pair c's new concept lies outside (neither under nor over)
 * every partner of its old concept's broader concept, when that has
 * some: the hierarchy contradicts the labels.  An identical label is
 * evidence enough: the concept moved. */
static int
off_hierarchy(const kll_match *m, const cvec *v, const cand *c)
{
	int32_t po = m->sd[0].p[c->o].parent, pn;
	size_t lo = 0, hi = v->n, mid;
	int any = 0;

	if (po < 0 || (c->ev & KLL_EVID_SAME_LABEL))
		return 0;
	while (lo < hi) { /* the first pair of po */
		mid = lo + (hi - lo) / 2;
		if (v->c[mid].o < (uint32_t)po)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < v->n && v->c[lo].o == (uint32_t)po; lo++) {
		pn = (int32_t)v->c[lo].n;
		any = 1;
		if (at_or_above(m, pn, (int32_t)c->n) ||
		    at_or_above(m, (int32_t)c->n, pn))
			return 0;
	}
	return any;
}

/* Mark the pairs that a person should decide: near ties, and pairs that
 * the hierarchy contradicts. */
static void
doubts(kll_match *m, cvec *v)
{
	size_t i;

	for (i = 0; i < v->n; i++) {
		v->c[i].doubt = 0;
		/* Below the threshold a pair is in review anyway. */
		if (v->c[i].score >= m->review &&
		    (near_tie(m, v, &v->c[i], 0) ||
		        near_tie(m, v, &v->c[i], 1)))
			v->c[i].doubt |= KLL_DOUBT_TIE;
		if (off_hierarchy(m, v, &v->c[i]))
			v->c[i].doubt |= KLL_DOUBT_HIERARCHY;
	}
}

static int
make_pairs(kll_match *m, taken *t)
{
	cvec *v = &t->v;
	size_t i, j = 0, k = 0, nold = m->sd[0].n, nnew = m->sd[1].n, total;
	kll_pair *p;

	if (v->n > 0)
		qsort(v->c, v->n, sizeof(*v->c), cmp_on);
	doubts(m, v);
	total = v->n;
	for (i = 0; i < nold; i++)
		total += t->deg[0][i] == 0;
	for (i = 0; i < nnew; i++)
		total += t->deg[1][i] == 0;
	if ((m->pairs = kll__calloc(total + 1, sizeof(*m->pairs))) == NULL)
		return -1;
	for (i = 0; i < nold; i++) {
		if (t->deg[0][i] == 0)
			lone(&m->pairs[k++], concept_of(m, 0, (uint32_t)i),
			    NULL);
		for (; j < v->n && v->c[j].o == i; j++) {
			p = &m->pairs[k++];
			to_pair(m, &v->c[j], p);
			p->rel = shape(m, t->deg[0][i], t->deg[1][v->c[j].n],
			    p->doubt ? 0 : p->confidence);
		}
	}
	for (i = 0; i < nnew; i++)
		if (t->deg[1][i] == 0)
			lone(&m->pairs[k++], NULL,
			    concept_of(m, 1, (uint32_t)i));
	m->npairs = k;
	return 0;
}

static int
run(kll_match *m)
{
	taken t;
	int s, rc = -1;

	memset(&t, 0, sizeof(t));
	for (s = 0; s < 2; s++)
		if ((t.deg[s] = kll__calloc(
		         m->sd[s].n + 1, sizeof(*t.deg[s]))) == NULL ||
		    (t.first[s] = kll__calloc(
		         m->sd[s].n + 1, sizeof(*t.first[s]))) == NULL)
			goto out;
	/* Labels and codes alone, then with the hierarchy that gives;
	 * then with what that taught of the revision's words, twice, so
	 * that corrections at one level reach the next. */
	if (one_pass(m, 0) < 0 || one_pass(m, 1) < 0 || learn(m) < 0 ||
	    one_pass(m, 1) < 0 || one_pass(m, 1) < 0)
		goto out;
	if (take_pass(m, &t) < 0 || attach_all(m, &t) < 0 ||
	    make_pairs(m, &t) < 0)
		goto out;
	rc = 0;
out:
	for (s = 0; s < 2; s++) {
		free(t.deg[s]);
		free(t.first[s]);
	}
	free(t.v.c);
	return rc;
}

/* ------------------------------------------------------------------ */
/* The handle                                                           */

static int
init_side(kll_match *m, side *sd, const kll_vocab *v)
{
	size_t i;

	sd->v = v;
	sd->n = kll_vocab_count(v);
	if ((sd->p = kll__calloc(sd->n + 1, sizeof(*sd->p))) == NULL ||
	    (sd->cp = kll__malloc((sd->n + 1) * sizeof(*sd->cp))) == NULL ||
	    (sd->cpbase = kll__calloc(sd->n + 1, sizeof(*sd->cpbase))) == NULL)
		return -1;
	for (i = 0; i < sd->n; i++) {
		sd->cp[i] = -1;
		if (build_prof(m, sd, i) < 0)
			return -1;
	}
	return 0;
}

static void
free_side(side *sd)
{
	size_t i;

	for (i = 0; i < sd->npost; i++)
		free(sd->post[i].c);
	free(sd->post);
	kll__map_free(&sd->keys);
	free(sd->p);
	free(sd->cp);
	free(sd->cpbase);
}

void
kll_match_free(kll_match *m)
{
	if (m == NULL)
		return;
	free_side(&m->sd[0]);
	free_side(&m->sd[1]);
	free(m->w);
	free(m->acc);
	free(m->seen);
	free(m->hits);
	free(m->pairs);
	bare_free(m);
	free(m);
}

static int
threshold_ok(double t)
{
	return t >= 0.0 && t <= 1.0;
}

kll_status
kll_match_new(kll_match **out, const kll_vocab *old_v, const kll_vocab *new_v,
    const kll_match_opts *opts, kll_error *err)
{
	kll_match_opts dflt = KLL_MATCH_OPTS_INIT;
	kll_match *m = NULL;
	size_t most;
	kll_status st = KLL_ENOMEM;

	*out = NULL;
	if (opts == NULL)
		opts = &dflt;
	if (old_v == NULL || new_v == NULL)
		return kll__error_set(
		    err, KLL_EARG, NULL, 0, 0, "no vocabulary to match");
	if (!threshold_ok(opts->min_confidence) || !threshold_ok(opts->review))
		return kll__error_set(err, KLL_EARG, NULL, 0, 0,
		    "a threshold must lie between 0 and 1");
	if ((m = kll__calloc(1, sizeof(*m))) == NULL)
		goto out;
	m->langs = opts->langs;
	m->nlangs = opts->nlangs;
	m->accept = opts->min_confidence > 0 ? opts->min_confidence : ACCEPT;
	m->review = opts->review > 0 ? opts->review : REVIEW;
	if (init_side(m, &m->sd[0], old_v) < 0 ||
	    init_side(m, &m->sd[1], new_v) < 0 || count_df(m) < 0 ||
	    index_side(m, &m->sd[0]) < 0 || index_side(m, &m->sd[1]) < 0)
		goto out;
	most = m->sd[0].n > m->sd[1].n ? m->sd[0].n : m->sd[1].n;
	if ((m->acc = kll__calloc(most + 1, sizeof(*m->acc))) == NULL ||
	    (m->seen = kll__calloc(most + 1, sizeof(*m->seen))) == NULL ||
	    (m->hits = kll__malloc((most + 1) * sizeof(*m->hits))) == NULL)
		goto out;
	if (run(m) < 0)
		goto out;
	*out = m;
	m = NULL;
	st = KLL_OK;
out:
	if (st == KLL_ENOMEM)
		kll__error_set(err, st, NULL, 0, 0, "out of memory");
	kll_match_free(m);
	return st;
}

const kll_vocab *
kll_match_old(const kll_match *m)
{
	return m->sd[0].v;
}

const kll_vocab *
kll_match_new_vocab(const kll_match *m)
{
	return m->sd[1].v;
}

size_t
kll_match_count(const kll_match *m)
{
	return m->npairs;
}

const kll_pair *
kll_match_at(const kll_match *m, size_t i)
{
	return i < m->npairs ? &m->pairs[i] : NULL;
}

size_t
kll_match_candidates(
    const kll_match *m, const kll_concept *old_c, kll_pair *out, size_t max)
{
	cand buf[KEEP];
	size_t i, k, o;

	if (old_c == NULL)
		return 0;
	o = kll_concept_index(old_c);
	if (o >= m->sd[0].n || kll_vocab_at(m->sd[0].v, o) != old_c)
		return 0;
	/* The scratch space is the handle's; the search leaves no trace
	 * in the result. */
	k = candidates((kll_match *)m, 0, (uint32_t)o, 1, buf);
	for (i = 0; i < k && i < max; i++)
		to_pair(m, &buf[i], &out[i]);
	return i;
}
