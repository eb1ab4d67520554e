/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* vocab_match_cand.c: the matcher's candidates.  Each concept has a
 * profile (its prepared labels, level and broader concept); candidates
 * come from an index of words, word prefixes and suffixes to concepts,
 * never from all pairs.  A pair's score adds structure to the label
 * similarity: the same code, a broader concept that corresponds,
 * narrower concepts that moved together; a pair on different levels
 * scores nothing.  A pass takes pairs best first, one to one. */
#include <stdlib.h>
#include <string.h>

#include "vocab_match.h"

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
		switch (kll__match_prep_label(
		    m, l->text, l->lang, 1, &p->lab[p->nlab])) {
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
		m->w[i] =
		    kll__match_ln(1.0 + m->nlabels / (m->df[i] ? m->df[i] : 1));
	return 0;
}

int
kll__match_index(kll_match *m)
{
	if (count_df(m) < 0 || index_side(m, &m->sd[0]) < 0 ||
	    index_side(m, &m->sd[1]) < 0)
		return -1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Scoring pairs                                                        */

static int
same_code(const kll_match *m, uint32_t o, uint32_t n)
{
	const char *a = kll_concept_notation(kll__match_concept(m, 0, o));
	const char *b = kll_concept_notation(kll__match_concept(m, 1, n));

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
			kll__match_label_sim(m, &po->lab[i], &pn->lab[j], &r);
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
int
kll__match_trusted(const kll_match *m, int s, int32_t i)
{
	return i >= 0 && m->sd[s].cp[i] >= 0 && m->sd[s].cpbase[i] >= TRUST;
}

/* Narrower concepts of o whose trusted counterparts are narrower
 * concepts of n. */
static void
kids_support(const kll_match *m, cand *c)
{
	const kll_concept *co = kll__match_concept(m, 0, c->o);
	size_t i, nk = kll_concept_nnarrower(co);
	int32_t k;

	c->kids = (unsigned)nk;
	c->kids_ok = 0;
	for (i = 0; i < nk; i++) {
		k = (int32_t)kll_concept_index(kll_concept_narrower(co, i));
		if (kll__match_trusted(m, 0, k) &&
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
	       kll__match_trusted(m, 0, po->parent) &&
	       m->sd[0].cp[po->parent] == pn->parent;
}

/* Score old concept o against new concept n: the label similarity, then
 * each piece of structure closing part of the gap to 1.  With
 * "structure" zero, labels and code only. */
void
kll__match_score(
    const kll_match *m, uint32_t o, uint32_t n, int structure, cand *c)
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
		} else if (kll__match_trusted(m, 0, po->parent)) {
			s *= W_MOVED;
		}
		kids_support(m, c);
		nn = kll_concept_nnarrower(kll__match_concept(m, 1, n));
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
				w = (float)kll__match_ln(
				    1.0 + (double)sd->n / po->n);
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
	const kll_concept *c = kll__match_concept(m, !to, i), *same, *pc;
	size_t n, k, cap = QUICK_KEEP + MAX_FAMILY + 1;
	int32_t parent = m->sd[!to].p[i].parent;

	n = quick(m, to, i, ids);
	if (*kll_concept_notation(c) != '\0' &&
	    (same = kll_vocab_find(m->sd[to].v, kll_concept_notation(c))) !=
	        NULL)
		n = add_unique(ids, n, cap, (uint32_t)kll_concept_index(same));
	if (structure && kll__match_trusted(m, !to, parent)) {
		pc = kll__match_concept(m, to, (uint32_t)m->sd[!to].cp[parent]);
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
size_t
kll__match_candidates(
    kll_match *m, int from, uint32_t i, int structure, cand *out)
{
	uint32_t ids[QUICK_KEEP + MAX_FAMILY + 1];
	cand all[QUICK_KEEP + MAX_FAMILY + 1];
	size_t n, j, k = 0;

	n = gather(m, !from, i, structure, ids);
	for (j = 0; j < n; j++) {
		if (from == 0)
			kll__match_score(m, i, ids[j], structure, &all[k]);
		else
			kll__match_score(m, ids[j], i, structure, &all[k]);
		if (all[k].score >= FLOOR)
			k++;
	}
	qsort(all, k, sizeof(*all), cmp_cand);
	if (k > KEEP)
		k = KEEP;
	memcpy(out, all, k * sizeof(*out));
	return k;
}

int
kll__match_cvec_add(cvec *v, const cand *c, size_t n)
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
int
kll__match_one_pass(kll_match *m, int structure)
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
		k = kll__match_candidates(m, 0, (uint32_t)i, structure, buf);
		if (kll__match_cvec_add(&all, buf, k) < 0)
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
/* Sides                                                                */

int
kll__match_side_init(kll_match *m, side *sd, const kll_vocab *v)
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

void
kll__match_side_free(side *sd)
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
