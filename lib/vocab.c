/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* vocab.c: the vocabulary index, built from the triples rdf_read.c keeps:
 * concepts sorted by notation, hashed by notation and IRI, with labels,
 * hierarchy and XKOS levels. */
#include <stdlib.h>
#include <string.h>

#include "rdf_read.h"

struct kll_concept {
	const char *iri;
	const char *notation;
	size_t index;
	int level;
	unsigned top : 1, deprecated : 1;
	kll_label *labels;
	size_t nlabels;
	const kll_concept **broader, **narrower;
	size_t nbroader, nnarrower;
	const char **external, **replaced;
	size_t nexternal, nreplaced;
	const char **notations; /* all of them, distinct, in reading order */
	size_t nnotations;
};

typedef struct level {
	const char *iri;
	const char *pattern;
} level;

struct kll_vocab {
	kll__arena arena;
	char *path;
	const char *id, *iri, *version;
	kll_label *titles;
	size_t ntitles;
	const char **links; /* the scheme's links, and their properties */
	unsigned char *link_p;
	size_t nlinks;
	kll_concept *c;
	size_t n;
	level *levels; /* levels[d - 1] for depth d */
	int nlevels;
	int declared_levels; /* xkos:numberOfLevels, or 0 */
	kll__map by_notation, by_iri, by_squeezed;
	size_t max_squeezed;
};

/* ------------------------------------------------------------------ */
/* Small accessors                                                      */

const char *
kll_vocab_id(const kll_vocab *v)
{
	return v->id;
}
const char *
kll_vocab_iri(const kll_vocab *v)
{
	return v->iri;
}
const char *
kll_vocab_path(const kll_vocab *v)
{
	return v->path;
}
int
kll__vocab_set_path(kll_vocab *v, const char *path)
{
	char *p = kll__strdup(path);

	if (p == NULL)
		return -1;
	free(v->path);
	v->path = p;
	return 0;
}
const char *
kll_vocab_version(const kll_vocab *v)
{
	return v->version;
}
size_t
kll_vocab_count(const kll_vocab *v)
{
	return v->n;
}
int
kll_vocab_levels(const kll_vocab *v)
{
	return v->nlevels;
}
const char *
kll_concept_iri(const kll_concept *c)
{
	return c->iri;
}
const char *
kll_concept_notation(const kll_concept *c)
{
	return c->notation;
}
size_t
kll_concept_index(const kll_concept *c)
{
	return c->index;
}
int
kll_concept_level(const kll_concept *c)
{
	return c->level;
}
size_t
kll_concept_nlabels(const kll_concept *c)
{
	return c->nlabels;
}
size_t
kll_concept_nbroader(const kll_concept *c)
{
	return c->nbroader;
}
size_t
kll_concept_nnarrower(const kll_concept *c)
{
	return c->nnarrower;
}
size_t
kll_concept_nexternal(const kll_concept *c)
{
	return c->nexternal;
}
size_t
kll_concept_nreplaced(const kll_concept *c)
{
	return c->nreplaced;
}
int
kll_concept_is_top(const kll_concept *c)
{
	return c->top;
}
int
kll_concept_deprecated(const kll_concept *c)
{
	return c->deprecated;
}
int
kll_vocab_declared_levels(const kll_vocab *v)
{
	return v->declared_levels;
}
size_t
kll_concept_nnotations(const kll_concept *c)
{
	return c->nnotations;
}

const char *
kll_concept_notation_at(const kll_concept *c, size_t i)
{
	return i < c->nnotations ? c->notations[i] : NULL;
}

const kll_concept *
kll_vocab_at(const kll_vocab *v, size_t i)
{
	return i < v->n ? &v->c[i] : NULL;
}

const char *
kll_vocab_level_iri(const kll_vocab *v, int depth)
{
	return v->levels && depth >= 1 && depth <= v->nlevels ?
	           v->levels[depth - 1].iri :
	           NULL;
}

const char *
kll_vocab_level_pattern(const kll_vocab *v, int depth)
{
	return v->levels && depth >= 1 && depth <= v->nlevels ?
	           v->levels[depth - 1].pattern :
	           NULL;
}

const kll_label *
kll_concept_label_at(const kll_concept *c, size_t i)
{
	return i < c->nlabels ? &c->labels[i] : NULL;
}

const kll_concept *
kll_concept_broader(const kll_concept *c, size_t i)
{
	return i < c->nbroader ? c->broader[i] : NULL;
}

const kll_concept *
kll_concept_narrower(const kll_concept *c, size_t i)
{
	return i < c->nnarrower ? c->narrower[i] : NULL;
}

const char *
kll_concept_external(const kll_concept *c, size_t i)
{
	return i < c->nexternal ? c->external[i] : NULL;
}

const char *
kll_concept_replaced(const kll_concept *c, size_t i)
{
	return i < c->nreplaced ? c->replaced[i] : NULL;
}

static const char *
label_in(const kll_label *l, size_t n, kll_label_kind kind, const char *lang)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (l[i].kind == kind &&
		    (lang == NULL || strcmp(l[i].lang, lang) == 0))
			return l[i].text;
	return NULL;
}

const char *
kll_concept_label(const kll_concept *c, kll_label_kind kind, const char *lang)
{
	return label_in(c->labels, c->nlabels, kind, lang);
}

const char *
kll_vocab_title(const kll_vocab *v, const char *lang)
{
	const char *t = label_in(v->titles, v->ntitles, KLL_LABEL_PREF, lang);

	return t ? t : "";
}

void
kll_vocab_free(kll_vocab *v)
{
	if (v == NULL)
		return;
	kll__map_free(&v->by_notation);
	kll__map_free(&v->by_iri);
	kll__map_free(&v->by_squeezed);
	kll__arena_free(&v->arena);
	free(v->c);
	free(v->path);
	free(v);
}

/* ------------------------------------------------------------------ */
/* Lookup                                                               */

const kll_concept *
kll_vocab_find(const kll_vocab *v, const char *code)
{
	uint32_t i;

	return kll__map_get(&v->by_notation, code, strlen(code), &i) ?
	           &v->c[i] :
	           NULL;
}

const kll_concept *
kll_vocab_find_iri(const kll_vocab *v, const char *iri)
{
	uint32_t i;

	return kll__map_get(&v->by_iri, iri, strlen(iri), &i) ? &v->c[i] : NULL;
}

/* Notations without the punctuation that spreadsheets and registers drop:
 * '.', ' ', '-' and '_'.  Returns the length written to out (size n+1). */
static size_t
squeeze(char *out, const char *s)
{
	size_t j = 0;

	for (; *s; s++)
		if (*s != '.' && *s != ' ' && *s != '-' && *s != '_')
			out[j++] = *s;
	out[j] = '\0';
	return j;
}

#define AMBIGUOUS UINT32_MAX

static const kll_concept *
find_squeezed(const kll_vocab *v, const char *s, size_t n)
{
	uint32_t i;

	if (!kll__map_get(&v->by_squeezed, s, n, &i) || i == AMBIGUOUS)
		return NULL;
	return &v->c[i];
}

const kll_concept *
kll_vocab_find_loose(const kll_vocab *v, const char *code)
{
	const kll_concept *c, *hit = NULL;
	char buf[128], *sq;
	size_t n, width, i, room;

	if ((c = kll_vocab_find(v, code)) != NULL)
		return c;
	n = strlen(code);
	/* Room in front for the zeros of the widest notation, within
	 * reason: a vocabulary may have notations longer than buf. */
	room = v->max_squeezed < sizeof(buf) / 2 ? v->max_squeezed :
	                                           sizeof(buf) / 2;
	if (n + 1 > sizeof(buf) - room)
		return NULL;
	n = squeeze(buf + room, code);
	sq = buf + room;
	if ((c = find_squeezed(v, sq, n)) != NULL || n == 0)
		return c;
	if (strspn(sq, "0123456789") != n)
		return NULL;
	/* Put back leading zeros, if exactly one width fits. */
	for (width = n + 1; width <= v->max_squeezed && width - n <= room;
	     width++) {
		for (i = 0; i < width - n; i++)
			sq[-1 - (ptrdiff_t)i] = '0';
		if ((c = find_squeezed(v, sq - (width - n), width)) != NULL) {
			if (hit != NULL)
				return NULL;
			hit = c;
		}
	}
	return hit;
}

/* The concept whose IRI ends in "/name" or "#name", if only one does.
 * A scan: show looks up a few codes, and the index has no room for
 * local names that most lookups never need. */
static const kll_concept *
find_local(const kll_vocab *v, const char *name)
{
	const kll_concept *hit = NULL;
	size_t i, n = strlen(name), len;
	const char *iri;

	if (n == 0)
		return NULL;
	for (i = 0; i < v->n; i++) {
		iri = v->c[i].iri;
		len = strlen(iri);
		if (len > n && strcmp(iri + len - n, name) == 0 &&
		    (iri[len - n - 1] == '/' || iri[len - n - 1] == '#')) {
			if (hit != NULL)
				return NULL;
			hit = &v->c[i];
		}
	}
	return hit;
}

const kll_concept *
kll_vocab_find_any(const kll_vocab *v, const char *s)
{
	const kll_concept *c;
	const char *local;

	if ((c = kll_vocab_find_loose(v, s)) != NULL ||
	    (c = kll_vocab_find_iri(v, s)) != NULL)
		return c;
	/* An IRI names one concept exactly, or none. */
	if (strstr(s, "://") != NULL || strncmp(s, "urn:", 4) == 0)
		return NULL;
	if ((local = strchr(s, ':')) != NULL) {
		local++;
		if ((c = kll_vocab_find_loose(v, local)) != NULL)
			return c;
		return find_local(v, local);
	}
	return find_local(v, s);
}

/* ------------------------------------------------------------------ */
/* Building the index                                                   */

typedef struct builder {
	kll__graph *g;
	kll_vocab *v;
	uint32_t *cnode; /* concept index -> node */
	int *node_depth; /* level node -> depth, or 0 */
	kll_error *err;
	const char *name;
} builder;

static const char *
lit_text(const kll__graph *g, uint32_t o)
{
	return (o & KLL__LITERAL) ? g->lit[o & ~KLL__LITERAL].text : NULL;
}

static int
is_concept_evidence(const kll__triple *t)
{
	return t->p == P_NOTATION || t->p == P_INSCHEME || t->p == P_TOPOF;
}

/* Mark concept nodes and count them. */
static size_t
mark_concepts(kll__graph *g)
{
	size_t i, n = 0;
	kll__triple *t;

	for (i = 0; i < g->nnode; i++)
		if (g->node[i].types & (1u << C_CONCEPT))
	g->node[i].concept = 1;
	for (i = 0; i < g->ntriple; i++) {
		t = &g->triple[i];
		if (is_concept_evidence(t) &&
		    !(g->node[t->s].types &
		        ((1u << C_SCHEME) | (1u << C_LEVEL) |
		            (1u << C_LEVEL_OLD))))
		g->node[t->s].concept = 1;
		if (t->p == P_HASTOP && !(t->o & KLL__LITERAL))
		g->node[t->o].concept = 1;
	}
	for (i = 0; i < g->nnode; i++)
		if (g->node[i].key[0] == '_' && g->node[i].key[1] == ':')
	g->node[i].concept = 0; /* concepts need IRIs */
	else if (g->node[i].concept) n++;
	return n;
}

static int
cmp_concept(const void *a, const void *b)
{
	const kll_concept *x = a, *y = b;

	if (*x->notation == '\0' || *y->notation == '\0') {
		if (*x->notation != *y->notation)
			return *x->notation == '\0' ? 1 : -1;
	} else {
		int r = strcmp(x->notation, y->notation);
		if (r != 0)
			return r;
	}
	return strcmp(x->iri, y->iri);
}

/* Create the concept array, with IRIs and notations, sorted. */
static kll_status
make_concepts(builder *b, size_t n)
{
	kll__graph *g = b->g;
	kll_vocab *v = b->v;
	size_t i, k = 0;
	const char *s;

	if ((v->c = kll__calloc(n ? n : 1, sizeof(*v->c))) == NULL)
		return KLL_ENOMEM;
	for (i = 0; i < g->nnode; i++) {
		if (!g->node[i].concept)
			continue;
		v->c[k].iri = g->node[i].key;
		v->c[k].notation = "";
		v->c[k].index = i; /* the node, until sorted */
		k++;
	}
	v->n = n;
	/* A notation per concept: the first one read. */
	for (k = 0; k < n; k++)
	g->node[v->c[k].index].concept = (uint32_t)(k + 1);
	for (i = 0; i < g->ntriple; i++) {
		kll__triple *t = &g->triple[i];
		kll_concept *c;
		if (t->p != P_NOTATION || !g->node[t->s].concept ||
		    (s = lit_text(g, t->o)) == NULL)
			continue;
		c = &v->c[g->node[t->s].concept - 1];
		if (*c->notation == '\0')
			c->notation = s;
	}
	qsort(v->c, n, sizeof(*v->c), cmp_concept);
	for (k = 0; k < n; k++) {
		b->cnode[k] = (uint32_t)v->c[k].index;
		g->node[v->c[k].index].concept = (uint32_t)(k + 1);
		v->c[k].index = k;
	}
	return KLL_OK;
}

static kll_concept *
concept_of(const builder *b, uint32_t node)
{
	if (node & KLL__LITERAL)
		return NULL;
	uint32_t k = b->g->node[node].concept;
	return k ? &b->v->c[k - 1] : NULL;
}

static int
label_kind(int p)
{
	switch (p) {
	case P_PREF:
		return KLL_LABEL_PREF;
	case P_ALT:
		return KLL_LABEL_ALT;
	case P_HIDDEN:
		return KLL_LABEL_HIDDEN;
	case P_DEF:
		return KLL_LABEL_DEFINITION;
	case P_SCOPE:
		return KLL_LABEL_SCOPE_NOTE;
	case P_NOTE:
		return KLL_LABEL_NOTE;
	}
	return -1;
}

static int
cmp_label(const void *a, const void *b)
{
	const kll_label *x = a, *y = b;
	int r;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if ((r = strcmp(x->lang, y->lang)) != 0)
		return r;
	return strcmp(x->text, y->text);
}

/* The per-concept arrays, counted first and then carved from the arena. */
typedef struct counts {
	size_t labels, broader, narrower, external, replaced, notations;
} counts;

static void
count_edges(builder *b, counts *cnt)
{
	kll__graph *g = b->g;
	size_t i;
	kll_concept *s, *o;

	for (i = 0; i < g->ntriple; i++) {
		kll__triple *t = &g->triple[i];
		if ((s = concept_of(b, t->s)) == NULL) {
			/* "X skos:narrower C" with X no concept here: an
			 * outside broader of C. */
			if (t->p == P_NARROWER && (o = concept_of(b, t->o)))
				cnt[o->index].external++;
			continue;
		}
		o = concept_of(b, t->o);
		if (label_kind(t->p) >= 0 && (t->o & KLL__LITERAL))
			cnt[s->index].labels++;
		else if (t->p == P_NOTATION && (t->o & KLL__LITERAL))
			cnt[s->index].notations++;
		else if (t->p == P_BROADER && o != NULL) {
			cnt[s->index].broader++;
			cnt[o->index].narrower++;
		} else if (t->p == P_NARROWER && o != NULL) {
			cnt[s->index].narrower++;
			cnt[o->index].broader++;
		} else if (t->p == P_BROADER && !(t->o & KLL__LITERAL))
			cnt[s->index].external++;
		else if (t->p == P_REPLACED && !(t->o & KLL__LITERAL))
			cnt[s->index].replaced++;
	}
}

static int
alloc_arrays(kll_vocab *v, const counts *cnt)
{
	size_t k;
	kll_concept *c;

	for (k = 0; k < v->n; k++) {
		c = &v->c[k];
		c->labels = kll__arena_alloc(
		    &v->arena, cnt[k].labels * sizeof(*c->labels) + 1);
		c->broader = kll__arena_alloc(
		    &v->arena, cnt[k].broader * sizeof(*c->broader) + 1);
		c->narrower = kll__arena_alloc(
		    &v->arena, cnt[k].narrower * sizeof(*c->narrower) + 1);
		c->external = kll__arena_alloc(
		    &v->arena, cnt[k].external * sizeof(*c->external) + 1);
		c->replaced = kll__arena_alloc(
		    &v->arena, cnt[k].replaced * sizeof(*c->replaced) + 1);
		c->notations = kll__arena_alloc(
		    &v->arena, cnt[k].notations * sizeof(*c->notations) + 1);
		if (!c->labels || !c->broader || !c->narrower || !c->external ||
		    !c->replaced || !c->notations)
			return -1;
	}
	return 0;
}

static void
add_edge(const kll_concept **arr, size_t *n, const kll_concept *c)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (arr[i] == c)
			return;
	arr[(*n)++] = c;
}

static void
add_str(const char **arr, size_t *n, const char *s)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp(arr[i], s) == 0)
			return;
	arr[(*n)++] = s;
}

static void
fill_edges(builder *b)
{
	kll__graph *g = b->g;
	size_t i;
	kll_concept *s, *o;
	const char *text;
	int kind;

	for (i = 0; i < g->ntriple; i++) {
		kll__triple *t = &g->triple[i];
		if ((s = concept_of(b, t->s)) == NULL) {
			if (t->p == P_NARROWER && (o = concept_of(b, t->o)))
				add_str(o->external, &o->nexternal,
				    g->node[t->s].key);
			continue;
		}
		o = concept_of(b, t->o);
		kind = label_kind(t->p);
		if (kind >= 0 && (t->o & KLL__LITERAL)) {
			kll__literal *l = &g->lit[t->o & ~KLL__LITERAL];
			s->labels[s->nlabels].kind = (kll_label_kind)kind;
			s->labels[s->nlabels].lang = l->lang;
			s->labels[s->nlabels++].text = l->text;
		} else if (t->p == P_BROADER && o != NULL) {
			add_edge(s->broader, &s->nbroader, o);
			add_edge(o->narrower, &o->nnarrower, s);
		} else if (t->p == P_NARROWER && o != NULL) {
			add_edge(s->narrower, &s->nnarrower, o);
			add_edge(o->broader, &o->nbroader, s);
		} else if (t->p == P_BROADER && !(t->o & KLL__LITERAL)) {
			add_str(s->external, &s->nexternal, g->node[t->o].key);
		} else if (t->p == P_NOTATION && (t->o & KLL__LITERAL)) {
			/* An empty notation is none, as make_concepts()
			 * has it: the first one listed is the concept's. */
			text = g->lit[t->o & ~KLL__LITERAL].text;
			if (*text != '\0')
				add_str(s->notations, &s->nnotations, text);
		} else if (t->p == P_REPLACED && !(t->o & KLL__LITERAL)) {
			s->replaced[s->nreplaced++] = g->node[t->o].key;
		} else if (t->p == P_TOPOF) {
			s->top = 1;
		} else if (t->p == P_DEPRECATED && (text = lit_text(g, t->o))) {
			s->deprecated =
			    strcmp(text, "true") == 0 || strcmp(text, "1") == 0;
		}
	}
	/* hasTopConcept has the scheme as subject, which is no concept. */
	for (i = 0; i < g->ntriple; i++) {
		kll__triple *t = &g->triple[i];
		if (t->p == P_HASTOP && (o = concept_of(b, t->o)) != NULL)
			o->top = 1;
	}
}

static int
cmp_ptr_index(const void *a, const void *b)
{
	const kll_concept *x = *(const kll_concept *const *)a;
	const kll_concept *y = *(const kll_concept *const *)b;

	return x->index < y->index ? -1 : x->index > y->index;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
sort_arrays(kll_vocab *v)
{
	size_t k;
	kll_concept *c;

	for (k = 0; k < v->n; k++) {
		c = &v->c[k];
		qsort(c->labels, c->nlabels, sizeof(*c->labels), cmp_label);
		qsort(c->broader, c->nbroader, sizeof(*c->broader),
		    cmp_ptr_index);
		qsort(c->narrower, c->nnarrower, sizeof(*c->narrower),
		    cmp_ptr_index);
		qsort(c->external, c->nexternal, sizeof(*c->external), cmp_str);
		qsort(c->replaced, c->nreplaced, sizeof(*c->replaced), cmp_str);
	}
}

static int
parse_depth(const char *s)
{
	char *end;
	long d;

	if (s == NULL)
		return 0;
	d = strtol(s, &end, 10);
	return (*end == '\0' && d > 0 && d < 64) ? (int)d : 0;
}

/* XKOS levels: depth from xkos:depth, members from skos:member. */
static kll_status
make_levels(builder *b)
{
	kll__graph *g = b->g;
	kll_vocab *v = b->v;
	size_t i;
	int d, max = 0;
	kll_concept *c;

	for (i = 0; i < g->ntriple; i++) {
		kll__triple *t = &g->triple[i];
		if ((t->p == P_DEPTH || t->p == P_DEPTH_OLD) &&
		    (d = parse_depth(lit_text(g, t->o))) > 0) {
			b->node_depth[t->s] = d;
			if (d > max)
				max = d;
		}
	}
	if (max == 0)
		return KLL_OK;
	if ((v->levels = kll__arena_alloc(
	         &v->arena, (size_t)max * sizeof(*v->levels))) == NULL)
		return KLL_ENOMEM;
	memset(v->levels, 0, (size_t)max * sizeof(*v->levels));
	v->nlevels = max;
	for (i = 0; i < g->nnode; i++)
		if ((d = b->node_depth[i]) > 0 && v->levels[d - 1].iri == NULL)
			v->levels[d - 1].iri = g->node[i].key;
	for (i = 0; i < g->ntriple; i++) {
		kll__triple *t = &g->triple[i];
		d = b->node_depth[t->s];
		if (d == 0)
			continue;
		if (t->p == P_MEMBER && (c = concept_of(b, t->o)) != NULL)
			c->level = d;
		else if (t->p == P_PATTERN || t->p == P_PATTERN_OLD)
			v->levels[d - 1].pattern = lit_text(g, t->o);
	}
	return KLL_OK;
}

/* Without XKOS levels, the depth in a tree stands in.  A polyhierarchy
 * (a concept with several broader concepts) has no levels: its depths
 * depend on the path taken; nor has a hierarchy that hangs under concepts
 * of another vocabulary (a broader concept outside): depth counted within
 * it is not a level. */
static void
infer_levels(kll_vocab *v)
{
	size_t k, guard;
	int changed = 1, max = 0;

	for (k = 0; k < v->n; k++)
		if (v->c[k].nbroader > 1 || v->c[k].nexternal > 0)
			return;
	for (k = 0; k < v->n; k++)
		if (v->c[k].nbroader == 0)
			v->c[k].level = 1;
	for (guard = 0; changed && guard < 64; guard++) {
		changed = 0;
		for (k = 0; k < v->n; k++) {
			kll_concept *c = &v->c[k];
			const kll_concept *p;
			if (c->level != 0 || c->nbroader == 0)
				continue;
			p = c->broader[0];
			if (p->level != 0) {
				c->level = p->level + 1;
				changed = 1;
			}
		}
	}
	for (k = 0; k < v->n; k++)
		if (v->c[k].level > max)
			max = v->c[k].level;
	v->nlevels = max;
}

static const char *const link_props[] = { "dcterms:license", "dcterms:source",
	"foaf:page", "foaf:homepage", "dcat:landingPage", "rdfs:seeAlso" };

/* The IRI objects of the scheme's links (P_LICENSE to P_SEEALSO). */
static kll_status
scheme_links(kll_vocab *v, kll__graph *g, uint32_t scheme)
{
	size_t i, n = 0;

	for (i = 0; i < g->ntriple; i++)
		if (g->triple[i].s == scheme && g->triple[i].p >= P_LICENSE &&
		    !(g->triple[i].o & KLL__LITERAL))
			n++;
	if (n == 0)
		return KLL_OK;
	v->links = kll__arena_alloc(&v->arena, n * sizeof(*v->links));
	v->link_p = kll__arena_alloc(&v->arena, n);
	if (v->links == NULL || v->link_p == NULL)
		return KLL_ENOMEM;
	for (i = 0; i < g->ntriple; i++) {
		kll__triple *t = &g->triple[i];
		if (t->s != scheme || t->p < P_LICENSE || (t->o & KLL__LITERAL))
			continue;
		v->link_p[v->nlinks] = (unsigned char)(t->p - P_LICENSE);
		v->links[v->nlinks++] = g->node[t->o].key;
	}
	return KLL_OK;
}

size_t
kll__vocab_nlinks(const kll_vocab *v)
{
	return v != NULL ? v->nlinks : 0;
}

const char *
kll__vocab_link(const kll_vocab *v, size_t i, const char **prop)
{
	if (v == NULL || i >= v->nlinks)
		return NULL;
	if (prop != NULL)
		*prop = link_props[v->link_p[i]];
	return v->links[i];
}

/* The scheme: the first node typed skos:ConceptScheme, by IRI. */
static kll_status
make_scheme(builder *b)
{
	kll__graph *g = b->g;
	kll_vocab *v = b->v;
	size_t i, nt = 0;
	uint32_t scheme = UINT32_MAX;
	const char *s;

	for (i = 0; i < g->nnode; i++)
		if ((g->node[i].types & (1u << C_SCHEME)) &&
		    (scheme == UINT32_MAX ||
		        strcmp(g->node[i].key, g->node[scheme].key) < 0))
			scheme = (uint32_t)i;
	v->iri = scheme == UINT32_MAX ? "" : g->node[scheme].key;
	v->version = "";
	if (scheme == UINT32_MAX)
		return KLL_OK;
	for (i = 0; i < g->ntriple; i++)
		if (g->triple[i].s == scheme &&
		    (g->triple[i].p == P_TITLE || g->triple[i].p == P_PREF))
			nt++;
	v->titles = kll__arena_alloc(&v->arena, (nt + 1) * sizeof(*v->titles));
	if (v->titles == NULL || scheme_links(v, g, scheme) != KLL_OK)
		return KLL_ENOMEM;
	for (i = 0; i < g->ntriple; i++) {
		kll__triple *t = &g->triple[i];
		if (t->s != scheme || (s = lit_text(g, t->o)) == NULL)
			continue;
		if (t->p == P_TITLE || t->p == P_PREF) {
			v->titles[v->ntitles].kind = KLL_LABEL_PREF;
			v->titles[v->ntitles].lang =
			    g->lit[t->o & ~KLL__LITERAL].lang;
			v->titles[v->ntitles++].text = s;
		} else if (t->p == P_IDENT && v->id == NULL) {
			v->id = s;
		} else if (t->p == P_VERSION && *v->version == '\0') {
			v->version = s;
		} else if (t->p == P_NLEVELS || t->p == P_NLEVELS_OLD) {
			v->declared_levels = parse_depth(s);
		}
	}
	qsort(v->titles, v->ntitles, sizeof(*v->titles), cmp_label);
	return KLL_OK;
}

static kll_status
make_hashes(kll_vocab *v)
{
	size_t k, n;
	uint32_t prev;
	char *sq;

	for (k = 0; k < v->n; k++) {
		kll_concept *c = &v->c[k];
		if (kll__map_put(
		        &v->by_iri, c->iri, strlen(c->iri), (uint32_t)k) < 0)
			return KLL_ENOMEM;
		if (*c->notation == '\0')
			continue;
		/* The first concept of a notation wins; check reports it. */
		if (!kll__map_get(&v->by_notation, c->notation,
		        strlen(c->notation), NULL) &&
		    kll__map_put(&v->by_notation, c->notation,
		        strlen(c->notation), (uint32_t)k) < 0)
			return KLL_ENOMEM;
		if ((sq = kll__arena_alloc(
		         &v->arena, strlen(c->notation) + 1)) == NULL)
			return KLL_ENOMEM;
		n = squeeze(sq, c->notation);
		if (n > v->max_squeezed)
			v->max_squeezed = n;
		if (kll__map_get(&v->by_squeezed, sq, n, &prev) && prev != k)
			prev = AMBIGUOUS;
		else
			prev = (uint32_t)k;
		if (kll__map_put(&v->by_squeezed, sq, n, prev) < 0)
			return KLL_ENOMEM;
	}
	return KLL_OK;
}

static const char *
base_name_id(kll__arena *a, const char *path)
{
	const char *slash = strrchr(path, '/'), *dot;
	const char *base = slash ? slash + 1 : path;

	if (strcmp(path, "-") == 0)
		return "stdin";
	dot = strchr(base, '.');
	return kll__arena_strndup(
	    a, base, dot ? (size_t)(dot - base) : strlen(base));
}

static kll_status
build(builder *b)
{
	kll__graph *g = b->g;
	kll_vocab *v = b->v;
	counts *cnt = NULL;
	size_t n;
	kll_status st = KLL_ENOMEM;

	n = mark_concepts(g);
	if (n == 0)
		return kll__error_set(b->err, KLL_EINVALID, b->name, 0, 0,
		    "no skos:Concept in %zu statements", g->nseen);
	if ((b->cnode = kll__malloc(n * sizeof(*b->cnode))) == NULL ||
	    (b->node_depth = kll__calloc(g->nnode, sizeof(int))) == NULL ||
	    (cnt = kll__calloc(n, sizeof(*cnt))) == NULL)
		goto out;
	if (make_concepts(b, n) != KLL_OK)
		goto out;
	count_edges(b, cnt);
	if (alloc_arrays(v, cnt) < 0)
		goto out;
	fill_edges(b);
	sort_arrays(v);
	if (make_levels(b) != KLL_OK)
		goto out;
	if (v->nlevels == 0)
		infer_levels(v);
	if (make_scheme(b) != KLL_OK || make_hashes(v) != KLL_OK)
		goto out;
	if (v->id == NULL && (v->id = base_name_id(&v->arena, v->path)) == NULL)
		goto out;
	st = KLL_OK;
out:
	if (st == KLL_ENOMEM)
		kll__error_set(b->err, st, b->name, 0, 0, "out of memory");
	free(cnt);
	free(b->cnode);
	free(b->node_depth);
	return st;
}

kll_status
kll_vocab_load(kll_vocab **out, const char *path, const kll_load_opts *opts,
    kll_error *err)
{
	kll__graph g;
	builder b;
	kll_vocab *v = NULL;
	kll_status st;

	*out = NULL;
	memset(&g, 0, sizeof(g));
	memset(&b, 0, sizeof(b));
	if ((v = kll__calloc(1, sizeof(*v))) == NULL ||
	    (v->path = kll__strdup(path)) == NULL) {
		st = kll__error_set(
		    err, KLL_ENOMEM, path, 0, 0, "out of memory");
		goto out;
	}
	st = kll__graph_load(&g, path, opts ? opts->syntax : NULL,
	    opts ? opts->base_iri : NULL, err);
	v->arena = g.arena; /* the strings now belong to v */
	if (st != KLL_OK)
		goto out;
	b.g = &g;
	b.v = v;
	b.err = err;
	b.name = path;
	if ((st = build(&b)) != KLL_OK)
		goto out;
	*out = v;
	v = NULL;
out:
	kll__graph_free(&g);
	kll_vocab_free(v);
	return st;
}

size_t
kll__iri_namespace_len(const char *iri)
{
	const char *slash = strrchr(iri, '/'), *hash = strrchr(iri, '#');
	const char *end = hash > slash ? hash : slash;

	return end ? (size_t)(end - iri) + 1 : 0;
}
