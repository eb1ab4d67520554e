/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* vocab_match_learn.c: what the matcher learns of a revision's words
 * from the confident pairs of its first passes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vocab_match.h"

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

	kll__match_score(m, o, n, 1, &c);
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
	kll__match_word_align(m, la, lb, &r, ua, ub);
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

int
kll__match_learn(kll_match *m)
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
