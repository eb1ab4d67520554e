/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* vocab_match.c: which concept of a new version of a vocabulary carries
 * the content of each concept of the old one, judged from labels and
 * hierarchy alone (kll_match_new).
 *
 * Labels compare by their words and trigrams (vocab_match_label.c);
 * candidates come from an index and score with structure besides
 * (vocab_match_cand.c).  Pairs are taken best first, one to one, twice
 * (the second time with the broader and narrower correspondences of the
 * first), then again with what those pairs taught of the revision's
 * renamings (vocab_match_learn.c).  Here leftovers attach as parts of
 * splits and merges, doubtful pairs are marked for review, and the pairs
 * become the kll_pair list of the handle. */
#include <stdlib.h>
#include <string.h>

#include "vocab_match.h"

/* x >= 0 rounded to three decimals, as SSSOM writes numbers. */
static double
round3(double x)
{
	return (double)(long)(x * 1000.0 + 0.5) / 1000.0;
}

/* ------------------------------------------------------------------ */
/* Splits and merges                                                    */

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
	if (kll__match_cvec_add(&t->v, c, 1) < 0)
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
		kll__match_score(
		    m, (uint32_t)i, (uint32_t)m->sd[0].cp[i], 1, &c);
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
	const kll_concept *cn = kll__match_concept(m, 1, n);
	size_t i, nk = kll_concept_nnarrower(cn);
	int32_t k;

	*kids = *ok = 0;
	for (i = 0; i < nk; i++) {
		k = (int32_t)kll_concept_index(kll_concept_narrower(cn, i));
		if (!kll__match_trusted(m, 1, k))
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
	pc = kll__match_concept(m, !from, other);
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

	k = kll__match_candidates(m, from, i, 1, buf);
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
		kll__match_score(m, i, (uint32_t)heir, 1, &c);
	else
		kll__match_score(m, (uint32_t)heir, i, 1, &c);
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
	p->old_c = kll__match_concept(m, 0, c->o);
	p->new_c = kll__match_concept(m, 1, c->n);
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

	k = kll__match_candidates(m, from, from == 0 ? c->o : c->n, 1, buf);
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
			lone(&m->pairs[k++],
			    kll__match_concept(m, 0, (uint32_t)i), NULL);
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
			    kll__match_concept(m, 1, (uint32_t)i));
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
	if (kll__match_one_pass(m, 0) < 0 || kll__match_one_pass(m, 1) < 0 ||
	    kll__match_learn(m) < 0 || kll__match_one_pass(m, 1) < 0 ||
	    kll__match_one_pass(m, 1) < 0)
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

void
kll_match_free(kll_match *m)
{
	if (m == NULL)
		return;
	kll__match_side_free(&m->sd[0]);
	kll__match_side_free(&m->sd[1]);
	free(m->w);
	free(m->acc);
	free(m->seen);
	free(m->hits);
	free(m->pairs);
	kll__match_words_free(m);
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
	if (kll__match_side_init(m, &m->sd[0], old_v) < 0 ||
	    kll__match_side_init(m, &m->sd[1], new_v) < 0 ||
	    kll__match_index(m) < 0)
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
	k = kll__match_candidates((kll_match *)m, 0, (uint32_t)o, 1, buf);
	for (i = 0; i < k && i < max; i++)
		to_pair(m, &buf[i], &out[i]);
	return i;
}
