/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* vocab_check.c: quality rules on a vocabulary index, in the spirit of qSKOS.
 * Each rule is one pass over the concepts in vocabulary order, so the
 * findings come out by rule (in the order of the table below), then by
 * concept.  Everything is linear or n log n in the number of concepts. */
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Tarjan's strongly connected components of the broader graph, without
 * recursion.  comp[i] is concept i's component; the component's size is
 * size[comp[i]]. */
typedef struct scc {
	uint32_t *idx, *low, *stack, *call, *edge, *comp, *size;
	unsigned char *on;
	size_t ncomp;
} scc;

typedef struct checker checker;
typedef void rule_fn(checker *ck, int r);

struct checker {
	const kll_vocab *v;
	const kll_check_opts *o;
	size_t n;         /* concepts */
	const char *file; /* the vocabulary's name in messages */
	size_t nerrors;
	int leveled; /* the scheme declares XKOS levels */
	int nlevels;
	regex_t *re;   /* re[d - 1]: level d's notationPattern */
	int *re_err;   /* -1: no pattern; 0: compiled; else regcomp's */
	scc scc;       /* the broader graph's components */
	kll_status st; /* KLL_ENOMEM once memory ran out */
	kll_error d;   /* the finding being sent */
};

/* The rules, in the order their findings come out; rule_fns[] at the
 * end of the file runs them. */
static const kll_check_rule rules[] = {
	{ "vocab-unsafe-link", KLL_SEV_ERROR,
	    "the scheme's licence, source or a page of it is not an http or "
	    "https IRI" },
	{ "vocab-number-of-levels", KLL_SEV_WARNING,
	    "xkos:numberOfLevels differs from the levels there are" },
	{ "vocab-empty-level", KLL_SEV_WARNING,
	    "a level (1 to the deepest xkos:depth) has no concepts" },
	{ "vocab-bad-pattern", KLL_SEV_ERROR,
	    "a level's xkos:notationPattern is not a POSIX extended regular "
	    "expression" },
	{ "vocab-no-top-concept", KLL_SEV_WARNING,
	    "no concept is a top concept of the scheme" },
	{ "vocab-cycle", KLL_SEV_ERROR,
	    "a concept is its own ancestor through broader links" },
	{ "vocab-orphan", KLL_SEV_WARNING,
	    "a concept has no broader concept and is not a top concept" },
	{ "vocab-missing-broader", KLL_SEV_ERROR,
	    "a broader IRI in the scheme's namespace is no concept here" },
	{ "vocab-external-broader", KLL_SEV_INFO,
	    "a broader IRI is outside the scheme's namespace" },
	{ "vocab-top-with-broader", KLL_SEV_WARNING,
	    "a top concept has a broader concept" },
	{ "vocab-redundant-broader", KLL_SEV_INFO,
	    "a broader link is also implied through another broader concept" },
	{ "vocab-level-depth", KLL_SEV_ERROR,
	    "a concept's level is not its broader concept's level plus one" },
	{ "vocab-no-level", KLL_SEV_WARNING,
	    "the scheme has XKOS levels but a concept is on none" },
	{ "vocab-notation-pattern", KLL_SEV_ERROR,
	    "a notation does not match its level's xkos:notationPattern" },
	{ "vocab-no-notation", KLL_SEV_INFO, "a concept has no notation" },
	{ "vocab-duplicate-notation", KLL_SEV_ERROR,
	    "two or more concepts have the same notation" },
	{ "vocab-ambiguous-notation", KLL_SEV_WARNING,
	    "a concept has more than one notation" },
	{ "vocab-missing-preflabel", KLL_SEV_ERROR,
	    "a concept has no prefLabel (in a required language)" },
	{ "vocab-multiple-preflabel", KLL_SEV_ERROR,
	    "a concept has more than one prefLabel in one language" },
	{ "vocab-duplicate-label", KLL_SEV_WARNING,
	    "concepts on one level share a prefLabel in one language" },
	{ "vocab-disjoint-labels", KLL_SEV_ERROR,
	    "a concept has the same text as two of prefLabel, altLabel and "
	    "hiddenLabel" },
	{ "vocab-empty-label", KLL_SEV_WARNING,
	    "a label is empty or only white space" },
	{ "vocab-label-space", KLL_SEV_WARNING,
	    "a label has spaces at its ends, repeated spaces or a control "
	    "character" },
	{ "vocab-no-language", KLL_SEV_INFO,
	    "a concept has a label without a language tag" },
	{ "vocab-deprecated-replacement", KLL_SEV_WARNING,
	    "a deprecated concept's replacement is missing or deprecated "
	    "too" },
	{ "vocab-deprecated-no-replacement", KLL_SEV_INFO,
	    "a deprecated concept has no dcterms:isReplacedBy" },
	{ "vocab-deprecated-broader", KLL_SEV_WARNING,
	    "a concept in use has a deprecated broader concept" },
};

#define NRULES (sizeof(rules) / sizeof(rules[0]))

/* At most this many concepts are named in one message. */
#define MAX_NAMES 4

/* ------------------------------------------------------------------ */
/* Reporting                                                            */

/* Control characters become spaces; a UTF-8 sequence cut by the buffer's
 * end is dropped. */
static void
tidy(char *s, size_t size)
{
	size_t n = strlen(s), i, lead, want;
	unsigned char c;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			s[i] = ' ';
	if (n + 1 < size || n == 0)
		return;
	lead = n;
	while (lead > 0 && ((unsigned char)s[lead - 1] & 0xc0) == 0x80)
		lead--;
	if (lead == 0)
		return;
	c = (unsigned char)s[lead - 1];
	want = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
	if (n - (lead - 1) < want)
		s[lead - 1] = '\0';
}

static void emit(checker *ck, int r, const char *fmt, ...) KLL__PRINTF(3, 4);

static void
emit(checker *ck, int r, const char *fmt, ...)
{
	kll_error *d = &ck->d;
	va_list ap;

	memset(d, 0, sizeof(*d));
	d->code = KLL_EINVALID;
	d->severity = rules[r].severity;
	snprintf(d->file, sizeof(d->file), "%s", ck->file);
	snprintf(d->rule, sizeof(d->rule), "%s", rules[r].id);
	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
	va_end(ap);
	tidy(d->msg, sizeof(d->msg));
	if (d->severity == KLL_SEV_ERROR)
		ck->nerrors++;
	if (ck->o->diag != NULL)
		ck->o->diag(ck->o->payload, d);
}

/* A list of names built up for one message; it stops growing when full. */
typedef struct names {
	char s[400];
	size_t len;
} names;

static void names_add(names *b, const char *fmt, ...) KLL__PRINTF(2, 3);

static void
names_add(names *b, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (b->len + 1 >= sizeof(b->s))
		return;
	va_start(ap, fmt);
	k = vsnprintf(b->s + b->len, sizeof(b->s) - b->len, fmt, ap);
	va_end(ap);
	if (k > 0)
		b->len += (size_t)k;
	if (b->len >= sizeof(b->s))
		b->len = sizeof(b->s) - 1;
}

static void
names_init(names *b)
{
	b->len = 0;
	b->s[0] = '\0';
}

/* How a concept is named: its notation, else its IRI. */
static const char *
name(const kll_concept *c)
{
	const char *s = kll_concept_notation(c);

	return *s ? s : kll_concept_iri(c);
}

static const kll_concept *
at(const checker *ck, size_t i)
{
	return kll_vocab_at(ck->v, i);
}

static const char *const kind_names[] = {
	"prefLabel",
	"altLabel",
	"hiddenLabel",
	"definition",
	"scopeNote",
	"note",
};

/* "@sv" for a language, "" without. */
static const char *
at_sign(const char *lang)
{
	return *lang ? "@" : "";
}

/* ------------------------------------------------------------------ */
/* The scheme                                                           */

/* Each link is one a published page or catalog may follow: only the
 * web's schemes, never javascript:, data: and the like. */
static void
r_unsafe_link(checker *ck, int r)
{
	const char *iri, *prop;
	size_t i;

	for (i = 0; i < kll__vocab_nlinks(ck->v); i++) {
		iri = kll__vocab_link(ck->v, i, &prop);
		if (!kll__link_ok(iri, KLL__LINK_WEB))
			emit(ck, r,
			    "the scheme's %s '%.200s' is not %s: it cannot be "
			    "published as a link",
			    prop, iri, kll__link_policy(KLL__LINK_WEB));
	}
}

/* ------------------------------------------------------------------ */
/* Levels                                                               */

static void
r_number_of_levels(checker *ck, int r)
{
	int said = kll_vocab_declared_levels(ck->v);

	if (said == 0 || said == ck->nlevels)
		return;
	if (ck->leveled)
		emit(ck, r,
		    "xkos:numberOfLevels is %d but the deepest level "
		    "has xkos:depth %d",
		    said, ck->nlevels);
	else
		emit(ck, r,
		    "xkos:numberOfLevels is %d but the hierarchy is "
		    "%d levels deep",
		    said, ck->nlevels);
}

static void
r_empty_level(checker *ck, int r)
{
	size_t *count, i;
	int d, lv;

	if (!ck->leveled)
		return;
	if ((count = kll__calloc((size_t)ck->nlevels + 1, sizeof(*count))) ==
	    NULL) {
		ck->st = KLL_ENOMEM;
		return;
	}
	for (i = 0; i < ck->n; i++)
		if ((lv = kll_concept_level(at(ck, i))) > 0 &&
		    lv <= ck->nlevels)
			count[lv]++;
	for (d = 1; d <= ck->nlevels; d++) {
		const char *iri = kll_vocab_level_iri(ck->v, d);
		if (iri == NULL)
			emit(ck, r,
			    "no xkos:ClassificationLevel has "
			    "xkos:depth %d",
			    d);
		else if (count[d] == 0)
			emit(ck, r, "level %d '%s' has no concepts", d, iri);
	}
	free(count);
}

static void
r_bad_pattern(checker *ck, int r)
{
	char why[128];
	int d;

	for (d = 1; d <= ck->nlevels; d++) {
		if (ck->re_err[d - 1] <= 0)
			continue;
		regerror(ck->re_err[d - 1], &ck->re[d - 1], why, sizeof(why));
		emit(ck, r,
		    "notationPattern '%s' of level %d is not a POSIX "
		    "extended regular expression: %s",
		    kll_vocab_level_pattern(ck->v, d), d, why);
	}
}

static void
r_level_depth(checker *ck, int r)
{
	const kll_concept *c, *p;
	size_t i, j;
	int lv, plv;

	if (!ck->leveled)
		return;
	for (i = 0; i < ck->n; i++) {
		c = at(ck, i);
		if ((lv = kll_concept_level(c)) == 0)
			continue;
		if (lv != 1 && kll_concept_nbroader(c) == 0 &&
		    kll_concept_nexternal(c) == 0)
			emit(ck, r,
			    "concept '%s' is on level %d but has no "
			    "broader concept",
			    name(c), lv);
		for (j = 0; j < kll_concept_nbroader(c); j++) {
			p = kll_concept_broader(c, j);
			plv = kll_concept_level(p);
			if (plv > 0 && lv != plv + 1)
				emit(ck, r,
				    "concept '%s' is on level %d but "
				    "its broader concept '%s' is on level %d",
				    name(c), lv, name(p), plv);
		}
	}
}

static void
r_no_level(checker *ck, int r)
{
	const kll_concept *c;
	size_t i;

	if (!ck->leveled)
		return;
	for (i = 0; i < ck->n; i++) {
		c = at(ck, i);
		if (kll_concept_level(c) == 0 && !kll_concept_deprecated(c))
			emit(ck, r,
			    "concept '%s' is a member of no "
			    "xkos:ClassificationLevel",
			    name(c));
	}
}

/* Compile each level's pattern once, anchored: a notation must match it
 * whole. */
static kll_status
compile_patterns(checker *ck)
{
	const char *pat;
	char *full;
	size_t len;
	int d;

	if (ck->nlevels == 0)
		return KLL_OK;
	ck->re = kll__calloc((size_t)ck->nlevels, sizeof(*ck->re));
	ck->re_err = kll__malloc((size_t)ck->nlevels * sizeof(*ck->re_err));
	if (ck->re == NULL || ck->re_err == NULL)
		return KLL_ENOMEM;
	for (d = 1; d <= ck->nlevels; d++)
		ck->re_err[d - 1] = -1;
	for (d = 1; d <= ck->nlevels; d++) {
		if ((pat = kll_vocab_level_pattern(ck->v, d)) == NULL)
			continue;
		len = strlen(pat) + 5;
		if ((full = kll__malloc(len)) == NULL)
			return KLL_ENOMEM;
		snprintf(full, len, "^(%s)$", pat);
		ck->re_err[d - 1] =
		    regcomp(&ck->re[d - 1], full, REG_EXTENDED | REG_NOSUB);
		free(full);
		if (ck->re_err[d - 1] == REG_ESPACE)
			return KLL_ENOMEM;
	}
	return KLL_OK;
}

static void
free_patterns(checker *ck)
{
	int d;

	for (d = 1; ck->re_err != NULL && d <= ck->nlevels; d++)
		if (ck->re_err[d - 1] == 0)
			regfree(&ck->re[d - 1]);
	free(ck->re);
	free(ck->re_err);
}

static void
r_notation_pattern(checker *ck, int r)
{
	const kll_concept *c;
	const char *s;
	size_t i, j;
	int lv;

	for (i = 0; i < ck->n; i++) {
		c = at(ck, i);
		lv = kll_concept_level(c);
		if (lv < 1 || lv > ck->nlevels || ck->re_err[lv - 1] != 0)
			continue;
		for (j = 0; j < kll_concept_nnotations(c); j++) {
			s = kll_concept_notation_at(c, j);
			if (regexec(&ck->re[lv - 1], s, 0, NULL, 0) != 0)
				emit(ck, r,
				    "notation '%s' does not match the "
				    "notationPattern '%s' of level %d",
				    s, kll_vocab_level_pattern(ck->v, lv), lv);
		}
	}
}

/* ------------------------------------------------------------------ */
/* Hierarchy                                                            */

static void
r_no_top(checker *ck, int r)
{
	const char *iri = kll_vocab_iri(ck->v);
	size_t i;

	for (i = 0; i < ck->n; i++)
		if (kll_concept_is_top(at(ck, i)))
			return;
	if (*iri)
		emit(ck, r, "scheme '%s' has no top concept", iri);
	else
		emit(ck, r, "the vocabulary has no top concept");
}

static void
scc_free(scc *s)
{
	free(s->idx);
	free(s->low);
	free(s->stack);
	free(s->call);
	free(s->edge);
	free(s->comp);
	free(s->size);
	free(s->on);
}

static int
scc_alloc(scc *s, size_t n)
{
	memset(s, 0, sizeof(*s));
	s->idx = kll__calloc(n, sizeof(uint32_t));
	s->low = kll__calloc(n, sizeof(uint32_t));
	s->stack = kll__calloc(n, sizeof(uint32_t));
	s->call = kll__calloc(n, sizeof(uint32_t));
	s->edge = kll__calloc(n, sizeof(uint32_t));
	s->comp = kll__calloc(n, sizeof(uint32_t));
	s->size = kll__calloc(n, sizeof(uint32_t));
	s->on = kll__calloc(n, 1);
	return s->idx && s->low && s->stack && s->call && s->edge && s->comp &&
	               s->size && s->on ?
	           0 :
	           -1;
}

static void
scc_pop(scc *s, size_t *sp, uint32_t v)
{
	uint32_t w, k = (uint32_t)s->ncomp++;

	do {
		w = s->stack[--*sp];
		s->on[w] = 0;
		s->comp[w] = k;
		s->size[k]++;
	} while (w != v);
}

static void
scc_from(checker *ck, scc *s, uint32_t root, uint32_t *counter)
{
	size_t sp = 0, cp = 0;
	uint32_t v, w;
	const kll_concept *c;

	s->idx[root] = s->low[root] = ++*counter;
	s->stack[sp++] = root;
	s->on[root] = 1;
	s->call[cp] = root;
	s->edge[cp++] = 0;
	while (cp > 0) {
		v = s->call[cp - 1];
		c = at(ck, v);
		if (s->edge[cp - 1] < kll_concept_nbroader(c)) {
			w = (uint32_t)kll_concept_index(
			    kll_concept_broader(c, s->edge[cp - 1]++));
			if (s->idx[w] == 0) {
				s->idx[w] = s->low[w] = ++*counter;
				s->stack[sp++] = w;
				s->on[w] = 1;
				s->call[cp] = w;
				s->edge[cp++] = 0;
			} else if (s->on[w] && s->idx[w] < s->low[v]) {
				s->low[v] = s->idx[w];
			}
			continue;
		}
		cp--;
		if (cp > 0 && s->low[v] < s->low[s->call[cp - 1]])
			s->low[s->call[cp - 1]] = s->low[v];
		if (s->low[v] == s->idx[v])
			scc_pop(s, &sp, v);
	}
}

static int
self_broader(const kll_concept *c)
{
	size_t j;

	for (j = 0; j < kll_concept_nbroader(c); j++)
		if (kll_concept_broader(c, j) == c)
			return 1;
	return 0;
}

/* A shortest cycle through concept "from" inside its component, by a
 * breadth-first search over broader links; returns its length and leaves
 * the path in path[0..len). */
static size_t
shortest_cycle(checker *ck, scc *s, uint32_t from, uint32_t *path)
{
	uint32_t *queue = s->idx, *parent = s->low; /* free to reuse */
	size_t head = 0, tail = 0, j, len = 0;
	uint32_t v, w, last = from;
	const kll_concept *c;

	queue[tail++] = from;
	s->on[from] = 1;
	while (head < tail && last == from) {
		v = queue[head++];
		c = at(ck, v);
		for (j = 0; j < kll_concept_nbroader(c); j++) {
			w = (uint32_t)kll_concept_index(
			    kll_concept_broader(c, j));
			if (w == from) {
				last = v;
				break;
			}
			if (s->comp[w] != s->comp[from] || s->on[w])
				continue;
			s->on[w] = 1;
			parent[w] = v;
			queue[tail++] = w;
		}
	}
	for (j = 0; j < tail; j++)
		s->on[queue[j]] = 0;
	for (v = last;; v = parent[v]) {
		path[len++] = v;
		if (v == from)
			break;
	}
	/* The path was collected backwards. */
	for (j = 0; j < len / 2; j++) {
		w = path[j];
		path[j] = path[len - 1 - j];
		path[len - 1 - j] = w;
	}
	return len;
}

static void
report_cycle(checker *ck, int r, scc *s, uint32_t first, uint32_t *path)
{
	names b;
	size_t len, j, size = s->size[s->comp[first]];
	const kll_concept *c = at(ck, first);

	if (size == 1) {
		emit(ck, r, "concept '%s' is its own broader concept", name(c));
		return;
	}
	len = shortest_cycle(ck, s, first, path);
	names_init(&b);
	for (j = 0; j < len; j++)
		names_add(&b, "'%s' > ", name(at(ck, path[j])));
	names_add(&b, "'%s'", name(c));
	if (size > len)
		emit(ck, r,
		    "hierarchy cycle %s (%zu concepts in this "
		    "tangle)",
		    b.s, size);
	else
		emit(ck, r, "hierarchy cycle %s", b.s);
}

/* The components, for r_cycle and r_redundant_broader. */
static kll_status
find_components(checker *ck)
{
	uint32_t counter = 0;
	size_t i;

	if (scc_alloc(&ck->scc, ck->n ? ck->n : 1) < 0)
		return KLL_ENOMEM;
	for (i = 0; i < ck->n; i++)
		if (ck->scc.idx[i] == 0)
			scc_from(ck, &ck->scc, (uint32_t)i, &counter);
	return KLL_OK;
}

static void
r_cycle(checker *ck, int r)
{
	scc *s = &ck->scc;
	uint32_t *path = NULL, k;
	unsigned char *done = NULL;
	size_t i;

	if ((path = kll__malloc((ck->n ? ck->n : 1) * sizeof(*path))) == NULL ||
	    (done = kll__calloc(ck->n ? ck->n : 1, 1)) == NULL) {
		ck->st = KLL_ENOMEM;
		goto out;
	}
	/* One finding per tangle, at its first concept. */
	for (i = 0; i < ck->n; i++) {
		k = s->comp[i];
		if (done[k] || (s->size[k] == 1 && !self_broader(at(ck, i))))
			continue;
		done[k] = 1;
		report_cycle(ck, r, s, (uint32_t)i, path);
	}
out:
	free(path);
	free(done);
}

static void
r_orphan(checker *ck, int r)
{
	const kll_concept *c;
	size_t i;

	for (i = 0; i < ck->n; i++) {
		c = at(ck, i);
		if (!kll_concept_is_top(c) && !kll_concept_deprecated(c) &&
		    kll_concept_nbroader(c) == 0 &&
		    kll_concept_nexternal(c) == 0)
			emit(ck, r,
			    "concept '%s' has no broader concept and "
			    "is not a top concept",
			    name(c));
	}
}

/* The length of the scheme's namespace: its IRI up to and including the
 * last '/' or '#' after the authority; 0 when there is none. */
static size_t
namespace_len(const char *iri)
{
	const char *p = strstr(iri, "://"), *min, *q;
	size_t len = 0;

	min = p ? p + 3 : iri;
	for (q = iri; *q; q++)
		if ((*q == '/' || *q == '#') && q > min)
			len = (size_t)(q - iri) + 1;
	return len;
}

/* Broader IRIs that are not concepts here: missing when they are in the
 * scheme's namespace (r_missing), outside links otherwise (r_external). */
static void
outside_broader(checker *ck, int r, int missing)
{
	const char *iri = kll_vocab_iri(ck->v), *e;
	size_t ns = namespace_len(iri), i, j;
	const kll_concept *c;
	int in_ns;

	for (i = 0; i < ck->n; i++) {
		c = at(ck, i);
		for (j = 0; j < kll_concept_nexternal(c); j++) {
			e = kll_concept_external(c, j);
			in_ns = ns > 0 && strncmp(e, iri, ns) == 0;
			if (missing && in_ns)
				emit(ck, r,
				    "concept '%s' has the broader "
				    "concept '%s', which is not in the "
				    "vocabulary",
				    name(c), e);
			else if (!missing && !in_ns)
				emit(ck, r,
				    "concept '%s' has the broader "
				    "concept '%s' outside the vocabulary",
				    name(c), e);
		}
	}
}

static void
r_missing_broader(checker *ck, int r)
{
	outside_broader(ck, r, 1);
}

static void
r_external_broader(checker *ck, int r)
{
	outside_broader(ck, r, 0);
}

static void
r_top_with_broader(checker *ck, int r)
{
	const kll_concept *c;
	size_t i;

	for (i = 0; i < ck->n; i++) {
		c = at(ck, i);
		if (!kll_concept_is_top(c))
			continue;
		/* A broader concept in another scheme (an ESCO occupation
		 * under its ISCO group) leaves it on top of this one. */
		if (kll_concept_nbroader(c) > 0)
			emit(ck, r,
			    "top concept '%s' has the broader concept "
			    "'%s'",
			    name(c), name(kll_concept_broader(c, 0)));
	}
}

/* Mark with "stamp" every ancestor of "from" (itself too only when it is
 * in a cycle). */
static void
mark_ancestors(checker *ck, uint32_t *mark, uint32_t stamp, uint32_t *stack,
    const kll_concept *from)
{
	size_t sp = 0, j;
	const kll_concept *c;
	uint32_t w;

	stack[sp++] = (uint32_t)kll_concept_index(from);
	while (sp > 0) {
		c = at(ck, stack[--sp]);
		for (j = 0; j < kll_concept_nbroader(c); j++) {
			w = (uint32_t)kll_concept_index(
			    kll_concept_broader(c, j));
			if (mark[w] != stamp) {
				mark[w] = stamp;
				stack[sp++] = w;
			}
		}
	}
}

/* For a concept with several broader concepts: one that is an ancestor
 * of another is redundant.  Each broader concept's ancestors are walked
 * once. */
static void
redundant_of(checker *ck, int r, size_t i, uint32_t *mark, uint32_t *stamp,
    uint32_t *stack, uint32_t *told)
{
	const kll_concept *c = at(ck, i), *b, *via;
	size_t j, k, nb = kll_concept_nbroader(c);
	uint32_t w;

	for (k = 0; k < nb; k++) {
		via = kll_concept_broader(c, k);
		/* Inside a cycle every link is implied by the others: that
		 * is vocab-cycle's finding. */
		if (ck->scc.comp[kll_concept_index(via)] == ck->scc.comp[i])
			continue;
		mark_ancestors(ck, mark, ++*stamp, stack, via);
		for (j = 0; j < nb; j++) {
			b = kll_concept_broader(c, j);
			w = (uint32_t)kll_concept_index(b);
			if (j == k || b == c || mark[w] != *stamp ||
			    told[w] == i + 1)
				continue;
			told[w] = (uint32_t)(i + 1);
			emit(ck, r,
			    "concept '%s' has the broader concept "
			    "'%s', which is already an ancestor through '%s'",
			    name(c), name(b), name(via));
		}
	}
}

static void
r_redundant_broader(checker *ck, int r)
{
	uint32_t *mark, *stack, *told, stamp = 0;
	size_t i, n = ck->n ? ck->n : 1;

	mark = kll__calloc(n, sizeof(*mark));
	told = kll__calloc(n, sizeof(*told));
	stack = kll__malloc((n + 1) * sizeof(*stack)); /* "from" twice */
	if (mark == NULL || told == NULL || stack == NULL) {
		ck->st = KLL_ENOMEM;
		goto out;
	}
	for (i = 0; i < ck->n; i++)
		if (kll_concept_nbroader(at(ck, i)) > 1)
			redundant_of(ck, r, i, mark, &stamp, stack, told);
out:
	free(mark);
	free(told);
	free(stack);
}

/* ------------------------------------------------------------------ */
/* Notations                                                            */

static void
r_no_notation(checker *ck, int r)
{
	size_t i;

	for (i = 0; i < ck->n; i++)
		if (kll_concept_nnotations(at(ck, i)) == 0)
			emit(ck, r, "concept '%s' has no notation",
			    kll_concept_iri(at(ck, i)));
}

static void
r_ambiguous_notation(checker *ck, int r)
{
	const kll_concept *c;
	size_t i, j, nn;
	names b;

	for (i = 0; i < ck->n; i++) {
		c = at(ck, i);
		if ((nn = kll_concept_nnotations(c)) < 2)
			continue;
		names_init(&b);
		for (j = 0; j < nn && j < MAX_NAMES; j++)
			names_add(&b, "%s'%s'", j ? ", " : "",
			    kll_concept_notation_at(c, j));
		if (nn > MAX_NAMES)
			names_add(&b, " and %zu more", nn - MAX_NAMES);
		emit(ck, r, "concept '%s' has %zu notations: %s",
		    kll_concept_iri(c), nn, b.s);
	}
}

/* Groups of entries that share a key, such as a notation or a label:
 * first is the first concept of the group, and the group's entries are
 * at [start, start + len) of the sorted entries. */
typedef struct group {
	uint32_t first;
	size_t start, len;
} group;

static int
cmp_group(const void *a, const void *b)
{
	const group *x = a, *y = b;

	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

typedef struct notation_entry {
	const char *notation;
	uint32_t c;
} notation_entry;

static int
cmp_notation_entry(const void *a, const void *b)
{
	const notation_entry *x = a, *y = b;
	int k = strcmp(x->notation, y->notation);

	if (k != 0)
		return k;
	return x->c < y->c ? -1 : x->c > y->c;
}

static void
report_notation_group(
    checker *ck, int r, const notation_entry *e, const group *g)
{
	names b;
	size_t j;

	names_init(&b);
	for (j = 0; j < g->len && j < MAX_NAMES; j++)
		names_add(&b, "%s'%s'", j ? ", " : "",
		    kll_concept_iri(at(ck, e[g->start + j].c)));
	if (g->len > MAX_NAMES)
		names_add(&b, " and %zu more", g->len - MAX_NAMES);
	emit(ck, r, "notation '%s' is used by %zu concepts: %s",
	    e[g->start].notation, g->len, b.s);
}

static void
r_duplicate_notation(checker *ck, int r)
{
	notation_entry *e = NULL;
	group *g = NULL;
	size_t i, j, n = 0, ng = 0;
	const kll_concept *c;

	for (i = 0; i < ck->n; i++)
		n += kll_concept_nnotations(at(ck, i));
	e = kll__malloc((n ? n : 1) * sizeof(*e));
	g = kll__malloc((n ? n : 1) * sizeof(*g));
	if (e == NULL || g == NULL) {
		ck->st = KLL_ENOMEM;
		goto out;
	}
	for (i = 0, n = 0; i < ck->n; i++) {
		c = at(ck, i);
		for (j = 0; j < kll_concept_nnotations(c); j++) {
			e[n].notation = kll_concept_notation_at(c, j);
			e[n++].c = (uint32_t)i;
		}
	}
	qsort(e, n, sizeof(*e), cmp_notation_entry);
	/* A concept's notations are distinct, so a run is of concepts. */
	for (i = 0; i < n; i = j) {
		for (j = i + 1;
		     j < n && strcmp(e[j].notation, e[i].notation) == 0;)
			j++;
		if (j - i > 1) {
			g[ng].first = e[i].c;
			g[ng].start = i;
			g[ng++].len = j - i;
		}
	}
	qsort(g, ng, sizeof(*g), cmp_group);
	for (i = 0; i < ng; i++)
		report_notation_group(ck, r, e, &g[i]);
out:
	free(e);
	free(g);
}

/* ------------------------------------------------------------------ */
/* Labels                                                               */

/* Whether "tag" falls under the language range "range" (RFC 4647 basic
 * filtering): equal ignoring case, or range followed by '-'. */
static int
lang_matches(const char *tag, const char *range)
{
	for (; *range; tag++, range++) {
		char a = *tag, b = *range;
		if (a >= 'A' && a <= 'Z')
			a = (char)(a - 'A' + 'a');
		if (b >= 'A' && b <= 'Z')
			b = (char)(b - 'A' + 'a');
		if (a != b)
			return 0;
	}
	return *tag == '\0' || *tag == '-';
}

static int
has_pref_in(const kll_concept *c, const char *range)
{
	size_t i;
	const kll_label *l;

	for (i = 0; i < kll_concept_nlabels(c); i++) {
		l = kll_concept_label_at(c, i);
		if (l->kind == KLL_LABEL_PREF && lang_matches(l->lang, range))
			return 1;
	}
	return 0;
}

static void
r_missing_preflabel(checker *ck, int r)
{
	const kll_concept *c;
	size_t i, k;

	for (i = 0; i < ck->n; i++) {
		c = at(ck, i);
		if (ck->o->nlangs == 0) {
			if (kll_concept_label(c, KLL_LABEL_PREF, NULL) == NULL)
				emit(ck, r, "concept '%s' has no prefLabel",
				    name(c));
			continue;
		}
		for (k = 0; k < ck->o->nlangs; k++)
			if (!has_pref_in(c, ck->o->langs[k]))
				emit(ck, r,
				    "concept '%s' has no prefLabel in "
				    "'%s'",
				    name(c), ck->o->langs[k]);
	}
}

/* Labels are sorted by kind, language and text: the prefLabels of one
 * language form a run, and a repeated text is next to its twin. */
static void
multiple_in_run(checker *ck, int r, const kll_concept *c, size_t i, size_t j)
{
	const kll_label *l = kll_concept_label_at(c, i);
	size_t k, distinct = 0;
	const char *prev = NULL;
	names b;

	names_init(&b);
	for (k = i; k < j; k++) {
		const char *t = kll_concept_label_at(c, k)->text;
		if (prev != NULL && strcmp(prev, t) == 0)
			continue;
		if (distinct < MAX_NAMES)
			names_add(&b, "%s'%s'", distinct ? ", " : "", t);
		distinct++;
		prev = t;
	}
	if (distinct < 2)
		return;
	if (*l->lang)
		emit(ck, r, "concept '%s' has %zu prefLabels in '%s': %s",
		    name(c), distinct, l->lang, b.s);
	else
		emit(ck, r,
		    "concept '%s' has %zu prefLabels without a "
		    "language tag: %s",
		    name(c), distinct, b.s);
}

static void
r_multiple_preflabel(checker *ck, int r)
{
	const kll_concept *c;
	const kll_label *l;
	size_t i, k, j, nl;

	for (i = 0; i < ck->n; i++) {
		c = at(ck, i);
		nl = kll_concept_nlabels(c);
		for (k = 0; k < nl; k = j) {
			l = kll_concept_label_at(c, k);
			for (j = k + 1; j < nl; j++) {
				const kll_label *m = kll_concept_label_at(c, j);
				if (m->kind != l->kind ||
				    strcmp(m->lang, l->lang) != 0)
					break;
			}
			if (l->kind == KLL_LABEL_PREF && j - k > 1)
				multiple_in_run(ck, r, c, k, j);
		}
	}
}

typedef struct label_entry {
	int level;
	const char *lang, *text;
	uint32_t c;
} label_entry;

static int
cmp_label_entry(const void *a, const void *b)
{
	const label_entry *x = a, *y = b;
	int k;

	if (x->level != y->level)
		return x->level < y->level ? -1 : 1;
	if ((k = strcmp(x->lang, y->lang)) != 0 ||
	    (k = strcmp(x->text, y->text)) != 0)
		return k;
	return x->c < y->c ? -1 : x->c > y->c;
}

static int
same_label(const label_entry *x, const label_entry *y)
{
	return x->level == y->level && strcmp(x->lang, y->lang) == 0 &&
	       strcmp(x->text, y->text) == 0;
}

static void
report_label_group(checker *ck, int r, const label_entry *e, const group *g)
{
	const label_entry *f = &e[g->start];
	names b;
	size_t j;
	char where[48];

	names_init(&b);
	for (j = 0; j < g->len && j < MAX_NAMES; j++)
		names_add(&b, "%s'%s'", j ? ", " : "",
		    name(at(ck, e[g->start + j].c)));
	if (g->len > MAX_NAMES)
		names_add(&b, " and %zu more", g->len - MAX_NAMES);
	if (f->level > 0)
		snprintf(where, sizeof(where), "on level %d", f->level);
	else
		snprintf(where, sizeof(where), "on no level");
	emit(ck, r, "prefLabel '%s'%s%s is used by %zu concepts %s: %s",
	    f->text, at_sign(f->lang), f->lang, g->len, where, b.s);
}

/* Collect the prefLabels of the concepts that are not deprecated, once
 * per concept, language and text. */
static label_entry *
collect_preflabels(checker *ck, size_t *count)
{
	const kll_concept *c;
	const kll_label *l, *prev;
	label_entry *e;
	size_t i, j, n = 0;

	for (i = 0; i < ck->n; i++)
		n += kll_concept_nlabels(at(ck, i));
	if ((e = kll__malloc((n ? n : 1) * sizeof(*e))) == NULL)
		return NULL;
	for (i = 0, n = 0; i < ck->n; i++) {
		c = at(ck, i);
		if (kll_concept_deprecated(c))
			continue;
		for (j = 0, prev = NULL; j < kll_concept_nlabels(c); j++) {
			l = kll_concept_label_at(c, j);
			if (l->kind != KLL_LABEL_PREF)
				continue;
			if (prev == NULL || strcmp(prev->lang, l->lang) != 0 ||
			    strcmp(prev->text, l->text) != 0) {
				e[n].level = kll_concept_level(c);
				e[n].lang = l->lang;
				e[n].text = l->text;
				e[n++].c = (uint32_t)i;
			}
			prev = l;
		}
	}
	*count = n;
	return e;
}

static void
r_duplicate_label(checker *ck, int r)
{
	label_entry *e;
	group *g = NULL;
	size_t i, j, n = 0, ng = 0;

	if ((e = collect_preflabels(ck, &n)) == NULL ||
	    (g = kll__malloc((n ? n : 1) * sizeof(*g))) == NULL) {
		ck->st = KLL_ENOMEM;
		goto out;
	}
	qsort(e, n, sizeof(*e), cmp_label_entry);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && same_label(&e[i], &e[j]);)
			j++;
		if (j - i > 1) {
			g[ng].first = e[i].c;
			g[ng].start = i;
			g[ng++].len = j - i;
		}
	}
	qsort(g, ng, sizeof(*g), cmp_group);
	for (i = 0; i < ng; i++)
		report_label_group(ck, r, e, &g[i]);
out:
	free(e);
	free(g);
}

static int
is_lexical(const kll_label *l)
{
	return l->kind == KLL_LABEL_PREF || l->kind == KLL_LABEL_ALT ||
	       l->kind == KLL_LABEL_HIDDEN;
}

/* SKOS S13: prefLabel, altLabel and hiddenLabel are pairwise disjoint.
 * Each altLabel or hiddenLabel is compared with the labels of the kinds
 * before it, in the same language. */
static void
r_disjoint_labels(checker *ck, int r)
{
	const kll_concept *c;
	const kll_label *l, *m = NULL;
	size_t i, j, k, nl;

	for (i = 0; i < ck->n; i++) {
		c = at(ck, i);
		nl = kll_concept_nlabels(c);
		for (j = 0; j < nl; j++) {
			l = kll_concept_label_at(c, j);
			if (l->kind != KLL_LABEL_ALT &&
			    l->kind != KLL_LABEL_HIDDEN)
				continue;
			for (k = 0; k < j; k++) {
				m = kll_concept_label_at(c, k);
				if (m->kind != l->kind &&
				    strcmp(m->lang, l->lang) == 0 &&
				    strcmp(m->text, l->text) == 0)
					break;
			}
			if (k < j)
				emit(ck, r,
				    "concept '%s' has '%s'%s%s as both "
				    "%s and %s",
				    name(c), l->text, at_sign(l->lang), l->lang,
				    kind_names[m->kind], kind_names[l->kind]);
		}
	}
}

static int
is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static int
is_blank(const char *s)
{
	for (; *s; s++)
		if (!is_space(*s))
			return 0;
	return 1;
}

static void
r_empty_label(checker *ck, int r)
{
	const kll_concept *c;
	const kll_label *l;
	size_t i, j;

	for (i = 0; i < ck->n; i++) {
		c = at(ck, i);
		for (j = 0; j < kll_concept_nlabels(c); j++) {
			l = kll_concept_label_at(c, j);
			if (is_lexical(l) && is_blank(l->text))
				emit(ck, r, "concept '%s' has an empty %s%s%s",
				    name(c), kind_names[l->kind],
				    at_sign(l->lang), l->lang);
		}
	}
}

/* What is wrong with the spacing of label text "s", or NULL. */
static const char *
space_problem(const char *s)
{
	size_t n = strlen(s), i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return "a control character";
	if (is_space(s[0]) || is_space(s[n - 1]))
		return "white space at its start or end";
	for (i = 1; i < n; i++)
		if (s[i] == ' ' && s[i - 1] == ' ')
			return "repeated spaces";
	return NULL;
}

static void
r_label_space(checker *ck, int r)
{
	const kll_concept *c;
	const kll_label *l;
	const char *why;
	size_t i, j;

	for (i = 0; i < ck->n; i++) {
		c = at(ck, i);
		for (j = 0; j < kll_concept_nlabels(c); j++) {
			l = kll_concept_label_at(c, j);
			if (!is_lexical(l) || is_blank(l->text) ||
			    (why = space_problem(l->text)) == NULL)
				continue;
			emit(ck, r, "%s '%s'%s%s of concept '%s' has %s",
			    kind_names[l->kind], l->text, at_sign(l->lang),
			    l->lang, name(c), why);
		}
	}
}

static void
r_no_language(checker *ck, int r)
{
	const kll_concept *c;
	const kll_label *l;
	size_t i, j;

	for (i = 0; i < ck->n; i++) {
		c = at(ck, i);
		for (j = 0; j < kll_concept_nlabels(c); j++) {
			l = kll_concept_label_at(c, j);
			if (is_lexical(l) && *l->lang == '\0') {
				emit(ck, r,
				    "concept '%s' has %s %s without a "
				    "language tag",
				    name(c),
				    l->kind == KLL_LABEL_ALT ? "an" : "a",
				    kind_names[l->kind]);
				break;
			}
		}
	}
}

/* ------------------------------------------------------------------ */
/* Deprecation                                                          */

static void
r_deprecated_replacement(checker *ck, int r)
{
	const kll_concept *c, *by;
	const char *iri;
	size_t i, j;

	for (i = 0; i < ck->n; i++) {
		c = at(ck, i);
		if (!kll_concept_deprecated(c))
			continue;
		for (j = 0; j < kll_concept_nreplaced(c); j++) {
			iri = kll_concept_replaced(c, j);
			if ((by = kll_vocab_find_iri(ck->v, iri)) == NULL)
				emit(ck, r,
				    "deprecated concept '%s' is "
				    "replaced by '%s', which is not in the "
				    "vocabulary",
				    name(c), iri);
			else if (kll_concept_deprecated(by))
				emit(ck, r,
				    "deprecated concept '%s' is "
				    "replaced by '%s', which is deprecated "
				    "too",
				    name(c), name(by));
		}
	}
}

static void
r_deprecated_no_replacement(checker *ck, int r)
{
	const kll_concept *c;
	size_t i;

	for (i = 0; i < ck->n; i++) {
		c = at(ck, i);
		if (kll_concept_deprecated(c) && kll_concept_nreplaced(c) == 0)
			emit(ck, r,
			    "deprecated concept '%s' has no "
			    "dcterms:isReplacedBy",
			    name(c));
	}
}

static void
r_deprecated_broader(checker *ck, int r)
{
	const kll_concept *c, *p;
	size_t i, j;

	for (i = 0; i < ck->n; i++) {
		c = at(ck, i);
		if (kll_concept_deprecated(c))
			continue;
		for (j = 0; j < kll_concept_nbroader(c); j++) {
			p = kll_concept_broader(c, j);
			if (kll_concept_deprecated(p))
				emit(ck, r,
				    "concept '%s' has the deprecated "
				    "broader concept '%s'",
				    name(c), name(p));
		}
	}
}

/* ------------------------------------------------------------------ */
/* Running the rules                                                    */

static rule_fn *const rule_fns[] = {
	r_unsafe_link,
	r_number_of_levels,
	r_empty_level,
	r_bad_pattern,
	r_no_top,
	r_cycle,
	r_orphan,
	r_missing_broader,
	r_external_broader,
	r_top_with_broader,
	r_redundant_broader,
	r_level_depth,
	r_no_level,
	r_notation_pattern,
	r_no_notation,
	r_duplicate_notation,
	r_ambiguous_notation,
	r_missing_preflabel,
	r_multiple_preflabel,
	r_duplicate_label,
	r_disjoint_labels,
	r_empty_label,
	r_label_space,
	r_no_language,
	r_deprecated_replacement,
	r_deprecated_no_replacement,
	r_deprecated_broader,
};

/* Each rule has its function. */
typedef char kll__check_rules_match
    [NRULES == sizeof(rule_fns) / sizeof(rule_fns[0]) ? 1 : -1];

const kll_check_rule *
kll_check_rule_at(size_t i)
{
	return i < NRULES ? &rules[i] : NULL;
}

/* Whether the scheme declares XKOS levels (rather than the index
 * inferring them from the hierarchy). */
static int
has_levels(const kll_vocab *v)
{
	int d;

	for (d = 1; d <= kll_vocab_levels(v); d++)
		if (kll_vocab_level_iri(v, d) != NULL)
			return 1;
	return 0;
}

kll_status
kll_vocab_check(const kll_vocab *v, const kll_check_opts *opts, size_t *nerrors,
    kll_error *err)
{
	static const kll_check_opts defaults = KLL_CHECK_OPTS_INIT;
	checker ck;
	size_t i;

	if (nerrors != NULL)
		*nerrors = 0;
	if (v == NULL)
		return kll__error_set(
		    err, KLL_EARG, NULL, 0, 0, "no vocabulary to check");
	memset(&ck, 0, sizeof(ck));
	ck.v = v;
	ck.o = opts ? opts : &defaults;
	ck.n = kll_vocab_count(v);
	ck.file = kll__display_name(kll_vocab_path(v));
	ck.nlevels = kll_vocab_levels(v);
	ck.leveled = has_levels(v);
	if ((ck.st = compile_patterns(&ck)) == KLL_OK)
		ck.st = find_components(&ck);
	for (i = 0; i < NRULES && ck.st == KLL_OK; i++)
		rule_fns[i](&ck, (int)i);
	free_patterns(&ck);
	scc_free(&ck.scc);
	if (nerrors != NULL)
		*nerrors = ck.nerrors;
	if (ck.st != KLL_OK)
		return kll__error_set(
		    err, ck.st, kll_vocab_path(v), 0, 0, "out of memory");
	return KLL_OK;
}
