/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* vocab_match.h: what the parts of the matcher share (which concept of a
 * new version of a vocabulary carries each old one): its tunables, the
 * prepared labels and profiles, the index, the handle.  The parts:
 * vocab_match_label.c (words and label similarity), vocab_match_cand.c
 * (profiles, the index, scoring, candidates, one-to-one passes),
 * vocab_match_learn.c (a revision's systematic renamings) and
 * vocab_match.c (splits, merges, doubts, the pairs and the handle).
 * text.c compares two texts alone with the label part.  Not installed. */
#ifndef KLL_VOCAB_MATCH_H
#define KLL_VOCAB_MATCH_H

#include <math.h>

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

typedef struct cvec {
	cand *c;
	size_t n, cap;
} cvec;

/* The natural logarithm, for the weights of words; 0 below 1. */
static inline double
kll__match_ln(double x)
{
	return x > 1.0 ? log(x) : 0.0;
}

static inline const kll_concept *
kll__match_concept(const kll_match *m, int s, uint32_t i)
{
	return kll_vocab_at(m->sd[s].v, i);
}

/* Labels (vocab_match_label.c) */

/* Prepare label "text" into *out, words and trigrams in m's arena; with
 * "intern" zero, words m does not know yet are kept as UINT32_MAX.
 * Returns -1 when out of memory, 1 when the text is not UTF-8. */
int kll__match_prep_label(
    kll_match *m, const char *text, const char *lang, int intern, plabel *out);

/* Compare two prepared labels, old a and new b. */
void kll__match_label_sim(
    const kll_match *m, const plabel *a, const plabel *b, kll_text_sim *r);

/* The word part of label_sim: words paired greedily, best first, each
 * once; used_a and used_b (MAX_TOK each, may be NULL) get which were. */
void kll__match_word_align(const kll_match *m, const plabel *a, const plabel *b,
    kll_text_sim *r, unsigned char *used_a, unsigned char *used_b);

/* Free the words, learnt rules and arena of m (not m itself); a matcher
 * for two texts alone is a zeroed kll_match with nothing else. */
void kll__match_words_free(kll_match *m);

/* Profiles, the index, candidates (vocab_match_cand.c) */

/* Side sd of m for vocabulary v: profiles of its concepts, no index. */
int kll__match_side_init(kll_match *m, side *sd, const kll_vocab *v);
void kll__match_side_free(side *sd);

/* The weights of words over both sides, then each side's index. */
int kll__match_index(kll_match *m);

/* Whether concept i of side s has a counterpart found from its label
 * and code alone, which the hierarchy may then lean on. */
int kll__match_trusted(const kll_match *m, int s, int32_t i);

/* Score old concept o against new concept n: the label similarity, then
 * each piece of structure closing part of the gap to 1.  With
 * "structure" zero, labels and code only. */
void kll__match_score(
    const kll_match *m, uint32_t o, uint32_t n, int structure, cand *c);

/* Score the candidates of concept i of side "from" (0: old, 1: new) and
 * put the best KEEP at FLOOR or above in out, best first. */
size_t kll__match_candidates(
    kll_match *m, int from, uint32_t i, int structure, cand *out);

/* Append n candidates to v; -1 when out of memory. */
int kll__match_cvec_add(cvec *v, const cand *c, size_t n);

/* One pass: candidates of every old concept, then pairs best first, one
 * to one.  The counterparts go to the sides' cp and cpbase. */
int kll__match_one_pass(kll_match *m, int structure);

/* Learning (vocab_match_learn.c) */

/* What the confident pairs so far show of the revision's systematic
 * renamings: substitutions into m->subst, word weight factors into
 * m->fac.  -1 when out of memory. */
int kll__match_learn(kll_match *m);

#endif
