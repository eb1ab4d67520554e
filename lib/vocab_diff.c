/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* vocab_diff.c: what changed between two versions of a vocabulary (codes
 * added, removed, relabelled, moved, renumbered; content renumbered,
 * split, merged or gone, from the match of vocab_match.c), and the match written as a
 * proposed SSSOM key from the old version to the new one. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct kll_vdiff {
	kll_match *m;
	kll_change *ch;
	size_t n, cap;
	kll__arena arena;
	const char *lang;	/* the labels shown and compared; NULL: any */
	const kll_concept **renum;	/* by old index: where a renumbered
					 * code went, else NULL */
	unsigned char *target;	/* by new index: a renumbered code's new
				 * code */
};

static const char *const change_names[] = { "added", "removed", "relabelled",
	"moved", "renumbered", "split", "merged", "regrouped", "lost",
	"novel" };

const char *
kll_change_name(kll_change_kind k)
{
	if ((int)k < 0 || k >= KLL_CHANGE__COUNT)
		return NULL;
	return change_names[k];
}

/* The code a concept goes by: its notation, else its IRI. */
static const char *
code_of(const kll_concept *c)
{
	const char *n = kll_concept_notation(c);

	return *n ? n : kll_concept_iri(c);
}

/* The same code in the other version. */
static const kll_concept *
same_concept(const kll_vocab *v, const kll_concept *c)
{
	const char *n = kll_concept_notation(c);

	return *n ? kll_vocab_find(v, n) :
	            kll_vocab_find_iri(v, kll_concept_iri(c));
}

/* The prefLabel in "lang", else in sv, en, any; "" when none. */
static const char *
label_in(const kll_concept *c, const char *lang)
{
	const char *s = NULL;

	if (c == NULL)
		return "";
	if (lang != NULL && *lang != '\0')
		s = kll_concept_label(c, KLL_LABEL_PREF, lang);
	if (s == NULL)
		s = kll_concept_label(c, KLL_LABEL_PREF, "sv");
	if (s == NULL)
		s = kll_concept_label(c, KLL_LABEL_PREF, "en");
	if (s == NULL)
		s = kll_concept_label(c, KLL_LABEL_PREF, NULL);
	return s ? s : "";
}

static kll_change *
add_change(kll_vdiff *d, kll_change_kind kind, const kll_concept *o,
    const kll_concept *n)
{
	kll_change *c;

	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 256;
		kll_change *nc = kll__realloc(d->ch, cap * sizeof(*nc));
		if (nc == NULL)
			return NULL;
		d->ch = nc;
		d->cap = cap;
	}
	c = &d->ch[d->n++];
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->old_c = o;
	c->new_c = n;
	c->level = kll_concept_level(o ? o : n);
	c->lang = d->lang ? d->lang : "";
	c->old_text = label_in(o, d->lang);
	c->new_text = label_in(n, d->lang);
	return c;
}

/* The first prefLabel of c in exactly "lang", or NULL. */
static const char *
pref_exact(const kll_concept *c, const char *lang)
{
	const kll_label *l;
	size_t i;

	for (i = 0; i < kll_concept_nlabels(c); i++) {
		l = kll_concept_label_at(c, i);
		if (l->kind == KLL_LABEL_PREF && strcmp(l->lang, lang) == 0)
			return l->text;
	}
	return NULL;
}

/* The languages of c's prefLabels not yet among langs[0..k), added
 * (up to max); the new count. */
static size_t
add_langs(const kll_concept *c, const char **langs, size_t k, size_t max)
{
	const kll_label *l;
	size_t i, j;

	for (i = 0; i < kll_concept_nlabels(c); i++) {
		l = kll_concept_label_at(c, i);
		if (l->kind != KLL_LABEL_PREF)
			continue;
		for (j = 0; j < k && strcmp(langs[j], l->lang); j++)
			;
		if (j == k && k < max)
			langs[k++] = l->lang;
	}
	return k;
}

/* A kept code's prefLabel changed: in the diff's language, else (no
 * language chosen, for none of sv and en is there) in each language. */
static int
relabelled(kll_vdiff *d, const kll_concept *o, const kll_concept *n)
{
	const char *langs[32], *a, *b;
	size_t k, i;
	kll_change *c;

	if (d->lang != NULL) {
		langs[0] = d->lang;
		k = 1;
	} else {
		k = add_langs(o, langs, 0, sizeof(langs) / sizeof(langs[0]));
		k = add_langs(n, langs, k, sizeof(langs) / sizeof(langs[0]));
	}
	for (i = 0; i < k; i++) {
		a = pref_exact(o, langs[i]);
		b = pref_exact(n, langs[i]);
		if ((a == NULL && b == NULL) ||
		    (a != NULL && b != NULL && strcmp(a, b) == 0))
			continue;
		if ((c = add_change(d, KLL_CHANGE_RELABELLED, o, n)) == NULL)
			return -1;
		c->lang = langs[i];
		c->old_text = a ? a : "";
		c->new_text = b ? b : "";
	}
	return 0;
}

/* The codes of c's broader concepts, sorted, joined by '|'. */
static const char *
broader_codes(kll_vdiff *d, const kll_concept *c)
{
	size_t n = kll_concept_nbroader(c), i, j;
	const char **codes, *t;
	kll__buf b = { NULL, 0, 0 };
	char *s = NULL;

	if (n == 0)
		return "";
	if ((codes = kll__malloc(n * sizeof(*codes))) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		codes[i] = code_of(kll_concept_broader(c, i));
		for (j = i; j > 0 && strcmp(codes[j - 1], codes[j]) > 0; j--) {
			t = codes[j];
			codes[j] = codes[j - 1];
			codes[j - 1] = t;
		}
	}
	for (i = 0; i < n; i++)
		if ((i > 0 && kll__buf_addc(&b, '|') < 0) ||
		    kll__buf_adds(&b, codes[i]) < 0)
			goto out;
	s = kll__arena_strdup(&d->arena, b.p);
out:
	free(codes);
	kll__buf_free(&b);
	return s;
}

static int
moved(kll_vdiff *d, const kll_concept *o, const kll_concept *n)
{
	const char *a = broader_codes(d, o), *b = broader_codes(d, n);
	kll_change *c;

	if (a == NULL || b == NULL)
		return -1;
	if (strcmp(a, b) == 0)
		return 0;
	if ((c = add_change(d, KLL_CHANGE_MOVED, o, n)) == NULL)
		return -1;
	c->lang = "";
	c->old_text = a;
	c->new_text = b;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Renumbered codes                                                     */

/* What a concept is, whatever its code: its level, its prefLabel and the
 * prefLabels of its narrower concepts (sorted), all in one language.
 * "" when the concept has no prefLabel in it; NULL when out of memory. */
typedef struct ident {
	const char *key;
	size_t idx;
	int side; /* 0 old, 1 new */
} ident;

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static const char *
ident_key(kll_vdiff *d, const kll_concept *c, const char *lang)
{
	size_t n = kll_concept_nnarrower(c), i;
	const char **kids = NULL, *label = pref_exact(c, lang), *k;
	kll__buf b = { NULL, 0, 0 };
	char lv[16];
	const char *s = NULL;

	if (label == NULL)
		return "";
	if (n > 0 && (kids = kll__malloc(n * sizeof(*kids))) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		k = pref_exact(kll_concept_narrower(c, i), lang);
		kids[i] = k ? k : "";
	}
	if (n > 1)
		qsort(kids, n, sizeof(*kids), cmp_str);
	snprintf(lv, sizeof(lv), "%d\x1f", kll_concept_level(c));
	if (kll__buf_adds(&b, lv) < 0 || kll__buf_adds(&b, label) < 0)
		goto out;
	for (i = 0; i < n; i++)
		if (kll__buf_addc(&b, '\x1e') < 0 ||
		    kll__buf_adds(&b, kids[i]) < 0)
			goto out;
	s = kll__arena_strdup(&d->arena, b.p);
out:
	free(kids);
	kll__buf_free(&b);
	return s;
}

/* Whether c's code is gone from the other version, or holds a concept
 * with another label there. */
static int
code_freed(const kll_vdiff *d, const kll_vocab *other, const kll_concept *c)
{
	const kll_concept *x = same_concept(other, c);

	return x == NULL ||
	    strcmp(label_in(x, d->lang), label_in(c, d->lang)) != 0;
}

static int
cmp_ident(const void *a, const void *b)
{
	const ident *x = a, *y = b;
	int r = strcmp(x->key, y->key);

	return r ? r : x->side - y->side;
}

/* The languages of the old version's prefLabels, the diff's first. */
static size_t
vocab_langs(const kll_vdiff *d, const char **langs, size_t max)
{
	const kll_vocab *v = kll_match_old(d->m);
	size_t k = 0, i;

	if (d->lang != NULL)
		langs[k++] = d->lang;
	for (i = 0; i < kll_vocab_count(v); i++)
		k = add_langs(kll_vocab_at(v, i), langs, k, max);
	return k;
}

/* In one language, pair each old concept whose code is freed with the
 * one new concept whose code is new (or freed) that has the same level,
 * label and narrower labels, when no other concept still unpaired on
 * either side shares them. */
static int
renumbered_in(kll_vdiff *d, const char *lang, ident *id)
{
	const kll_vocab *v[2] = { kll_match_old(d->m),
		kll_match_new_vocab(d->m) };
	const kll_concept *c;
	size_t n = 0, i, j, k;
	int s;

	for (s = 0; s < 2; s++)
		for (i = 0; i < kll_vocab_count(v[s]); i++) {
			c = kll_vocab_at(v[s], i);
			if ((s == 0 ? d->renum[i] != NULL : d->target[i]) ||
			    !code_freed(d, v[1 - s], c))
				continue;
			if ((id[n].key = ident_key(d, c, lang)) == NULL)
				return -1;
			if (*id[n].key == '\0')
				continue;
			id[n].idx = i;
			id[n++].side = s;
		}
	if (n > 1)
		qsort(id, n, sizeof(*id), cmp_ident);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && strcmp(id[j].key, id[i].key) == 0; j++)
			;
		if (j - i != 2 || id[i].side != 0 || id[i + 1].side != 1)
			continue;
		k = id[i + 1].idx;
		/* A code whose label changed in one language only. */
		if (strcmp(code_of(kll_vocab_at(v[0], id[i].idx)),
		        code_of(kll_vocab_at(v[1], k))) == 0)
			continue;
		d->renum[id[i].idx] = kll_vocab_at(v[1], k);
		d->target[k] = 1;
	}
	return 0;
}

/* The renumbered codes: in the diff's language first, then in each
 * other one (SNI 2025 K, "Finansiell verksamhet och
 * försäkringsverksamhet", is 2007's L in English). */
static int
find_renumbered(kll_vdiff *d)
{
	const kll_vocab *ov = kll_match_old(d->m),
	                *nv = kll_match_new_vocab(d->m);
	const char *langs[16];
	size_t nl, i;
	ident *id;
	int rc = -1;

	d->renum = kll__calloc(kll_vocab_count(ov) + 1, sizeof(*d->renum));
	d->target = kll__calloc(kll_vocab_count(nv) + 1, 1);
	id = kll__malloc(
	    (kll_vocab_count(ov) + kll_vocab_count(nv) + 1) * sizeof(*id));
	if (d->renum == NULL || d->target == NULL || id == NULL)
		goto out;
	nl = vocab_langs(d, langs, sizeof(langs) / sizeof(langs[0]));
	for (i = 0; i < nl; i++)
		if (renumbered_in(d, langs[i], id) < 0)
			goto out;
	rc = 0;
out:
	free(id);
	return rc;
}

/* Codes added and removed, kept codes relabelled or moved, and codes
 * renumbered: an old code gone (or holding other content) whose concept
 * stands under a new code, by level, label and narrower labels.  The
 * concept a renumbered code leaves behind, or that another one's
 * renumbering takes the place of, is removed or added. */
static int
code_changes(kll_vdiff *d)
{
	const kll_vocab *ov = kll_match_old(d->m),
	                *nv = kll_match_new_vocab(d->m);
	const kll_concept *o, *n;
	size_t i;

	if (find_renumbered(d) < 0)
		return -1;
	for (i = 0; i < kll_vocab_count(ov); i++) {
		o = kll_vocab_at(ov, i);
		n = same_concept(nv, o);
		if (d->renum[i] != NULL) {
			if (add_change(d, KLL_CHANGE_RENUMBERED, o,
			        d->renum[i]) == NULL)
				return -1;
		} else if (n == NULL || d->target[kll_concept_index(n)]) {
			if (add_change(d, KLL_CHANGE_REMOVED, o, NULL) == NULL)
				return -1;
		} else if (relabelled(d, o, n) < 0 || moved(d, o, n) < 0) {
			return -1;
		}
	}
	for (i = 0; i < kll_vocab_count(nv); i++) {
		n = kll_vocab_at(nv, i);
		o = same_concept(ov, n);
		if (d->target[i] ||
		    (o != NULL && d->renum[kll_concept_index(o)] == NULL))
			continue;
		if (add_change(d, KLL_CHANGE_ADDED, NULL, n) == NULL)
			return -1;
	}
	return 0;
}

/* The renumbered change of old concept o to n, made by code_changes. */
static kll_change *
renumbered_change(kll_vdiff *d, const kll_concept *o, const kll_concept *n)
{
	size_t i;

	if (d->renum[kll_concept_index(o)] != n)
		return NULL;
	for (i = 0; i < d->n; i++)
		if (d->ch[i].kind == KLL_CHANGE_RENUMBERED &&
		    d->ch[i].old_c == o)
			return &d->ch[i];
	return NULL;
}

static int
pair_changes(kll_vdiff *d)
{
	const kll_pair *p;
	kll_change_kind kind;
	kll_change *c;
	size_t i;

	for (i = 0; i < kll_match_count(d->m); i++) {
		p = kll_match_at(d->m, i);
		switch (p->rel) {
		case KLL_REL_EXACT:
		case KLL_REL_CLOSE:
			if (strcmp(code_of(p->old_c), code_of(p->new_c)) == 0)
				continue;
			/* A renumbering the codes show already gets the
			 * match's confidence. */
			if ((c = renumbered_change(d, p->old_c, p->new_c)) !=
			    NULL) {
				c->pair = p;
				continue;
			}
			kind = KLL_CHANGE_RENUMBERED;
			break;
		case KLL_REL_NARROW:
			kind = KLL_CHANGE_SPLIT;
			break;
		case KLL_REL_BROAD:
			kind = KLL_CHANGE_MERGED;
			break;
		case KLL_REL_RELATED:
			kind = KLL_CHANGE_REGROUPED;
			break;
		default:
			kind = p->old_c ? KLL_CHANGE_LOST : KLL_CHANGE_NOVEL;
		}
		if ((c = add_change(d, kind, p->old_c, p->new_c)) == NULL)
			return -1;
		c->pair = p;
	}
	return 0;
}

static const char *
sort_code(const kll_concept *c)
{
	return c ? code_of(c) : "";
}

static int
cmp_change(const void *a, const void *b)
{
	const kll_change *x = a, *y = b;
	int r;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->level != y->level)
		return x->level < y->level ? -1 : 1;
	if ((r = strcmp(sort_code(x->old_c ? x->old_c : x->new_c),
	         sort_code(y->old_c ? y->old_c : y->new_c))) != 0)
		return r;
	if ((r = strcmp(sort_code(x->new_c), sort_code(y->new_c))) != 0)
		return r;
	return strcmp(x->lang, y->lang);
}

/* Whether a concept of v has a prefLabel in exactly "lang". */
static int
has_lang(const kll_vocab *v, const char *lang)
{
	size_t i;

	for (i = 0; i < kll_vocab_count(v); i++)
		if (pref_exact(kll_vocab_at(v, i), lang) != NULL)
			return 1;
	return 0;
}

/* One language for every line: the one asked for, else sv where either
 * version has a label in sv, else en, else none (any label). */
static const char *
diff_lang(const kll_vocab *ov, const kll_vocab *nv, const kll_match_opts *o)
{
	static const char *const pref[] = { "sv", "en" };
	size_t i;

	if (o != NULL && o->lang != NULL && *o->lang != '\0')
		return o->lang;
	for (i = 0; i < sizeof(pref) / sizeof(pref[0]); i++)
		if (has_lang(ov, pref[i]) || has_lang(nv, pref[i]))
			return pref[i];
	return NULL;
}

kll_status
kll_vdiff_new(kll_vdiff **out, const kll_vocab *old_v, const kll_vocab *new_v,
    const kll_match_opts *opts, kll_error *err)
{
	kll_vdiff *d;
	kll_status st;

	*out = NULL;
	if ((d = kll__calloc(1, sizeof(*d))) == NULL)
		return kll__nomem(err);
	if ((st = kll_match_new(&d->m, old_v, new_v, opts, err)) != KLL_OK)
		goto out;
	d->lang = diff_lang(old_v, new_v, opts);
	if (code_changes(d) < 0 || pair_changes(d) < 0) {
		st = kll__nomem(err);
		goto out;
	}
	if (d->n > 0)
		qsort(d->ch, d->n, sizeof(*d->ch), cmp_change);
	*out = d;
	d = NULL;
out:
	kll_vdiff_free(d);
	return st;
}

void
kll_vdiff_free(kll_vdiff *d)
{
	if (d == NULL)
		return;
	kll_match_free(d->m);
	free(d->ch);
	free(d->renum);
	free(d->target);
	kll__arena_free(&d->arena);
	free(d);
}

size_t
kll_vdiff_count(const kll_vdiff *d)
{
	return d->n;
}

const kll_change *
kll_vdiff_at(const kll_vdiff *d, size_t i)
{
	return i < d->n ? &d->ch[i] : NULL;
}

const kll_match *
kll_vdiff_match(const kll_vdiff *d)
{
	return d->m;
}

/* ------------------------------------------------------------------ */
/* JSON lines                                                           */

static void
json_change(FILE *fp, const kll_change *c)
{
	const char *const kv[] = { "old_code",
		c->old_c ? code_of(c->old_c) : NULL, "new_code",
		c->new_c ? code_of(c->new_c) : NULL, "lang", c->lang, "old",
		c->old_text, "new", c->new_text };

	fprintf(fp, "{\"kind\":\"%s\",\"level\":%d",
	    kll_change_name(c->kind), c->level);
	kll__json_fields(fp, kv, sizeof(kv) / sizeof(kv[0]) / 2);
	if (c->pair != NULL && c->pair->rel != KLL_REL_NONE)
		fprintf(fp, ",\"confidence\":%.3f,\"review\":%s",
		    c->pair->confidence, c->pair->review ? "true" : "false");
	fputs("}\n", fp);
}

kll_status
kll_vdiff_write_json(const kll_vdiff *d, int level, FILE *fp, kll_error *err)
{
	const kll_change *c;
	size_t i;

	for (i = 0; i < d->n; i++) {
		c = &d->ch[i];
		if (level == 0 || c->level == level)
			json_change(fp, c);
	}
	return kll__write_status(fp, err);
}

/* ------------------------------------------------------------------ */
/* The proposed key                                                     */

typedef struct keyw {
	const kll_match *m;
	const kll_key_opts *o;
	kll_mapset *ms;
	kll_error *err;
	const char *idpfx[2]; /* prefix names from the vocabulary ids */
} keyw;

/* A prefix name from text: its ASCII letters and digits, starting with
 * a letter. */
static void
prefix_name(char *out, size_t size, const char *text)
{
	size_t j = 0;

	if (text[0] >= '0' && text[0] <= '9' && size > 2)
		out[j++] = 'v';
	for (; *text && j + 4 < size; text++)
		if ((*text >= 'a' && *text <= 'z') ||
		    (*text >= 'A' && *text <= 'Z') ||
		    (*text >= '0' && *text <= '9'))
			out[j++] = *text;
	if (j == 0)
		out[j++] = 'v';
	out[j] = '\0';
}

/* Declare a prefix for namespace ns, named after "base" (with a number
 * when the name is taken for another namespace). */
static kll_status
declare(keyw *k, const char *base, const char *ns)
{
	char name[64];
	const char *have;
	size_t len = strlen(base);
	int i;

	for (i = 1; i < 100; i++) {
		if (i == 1)
			snprintf(name, sizeof(name), "%s", base);
		else
			snprintf(name, sizeof(name), "%.*s%d",
			    (int)(len < 56 ? len : 56), base, i);
		have = kll_mapset_prefix(k->ms, name);
		if (have != NULL && strcmp(have, ns) == 0)
			return KLL_OK;
		if (have == NULL)
			return kll_mapset_add_prefix(k->ms, name, ns, k->err);
	}
	return kll__error_set(k->err, KLL_EINVALID, NULL, 0, 0,
	    "too many namespaces named '%s'", base);
}

/* The CURIE of an IRI into buf, declaring a prefix for its namespace
 * when none fits yet. */
static kll_status
curie(keyw *k, const char *iri, const char *base, char *buf, size_t size)
{
	char ns[1024];
	size_t n, len;
	kll_status st;

	len = kll_mapset_contract(k->ms, iri, buf, size);
	if (len > 0 && len < size && buf[len - 1] != ':')
		return KLL_OK;
	n = kll__iri_namespace_len(iri);
	if (n == 0 || n >= sizeof(ns) || iri[n] == '\0')
		return kll__error_set(k->err, KLL_EINVALID, NULL, 0, 0,
		    "cannot make a CURIE of <%s>", iri);
	memcpy(ns, iri, n);
	ns[n] = '\0';
	if ((st = declare(k, base, ns)) != KLL_OK)
		return st;
	len = kll_mapset_contract(k->ms, iri, buf, size);
	if (len == 0 || len >= size)
		return kll__error_set(k->err, KLL_EINVALID, NULL, 0, 0,
		    "cannot make a CURIE of <%s>", iri);
	return KLL_OK;
}

/* The prefix name for a scheme IRI: "kll" for kll's own base, else the
 * last segment of its namespace. */
static void
scheme_base(const char *iri, char *out, size_t size)
{
	char seg[256];
	size_t n = kll__iri_namespace_len(iri), b;

	if (n == strlen(KLL_BASE_IRI) && strncmp(iri, KLL_BASE_IRI, n) == 0) {
		snprintf(out, size, "kll");
		return;
	}
	if (n < 2) {
		snprintf(out, size, "scheme");
		return;
	}
	for (b = n - 1; b > 0 && iri[b - 1] != '/' && iri[b - 1] != '#'; b--)
		;
	snprintf(seg, sizeof(seg), "%.*s", (int)(n - 1 - b), iri + b);
	prefix_name(out, size, seg);
}

static int
wanted(const keyw *k, const kll_pair *p)
{
	if (p->old_c == NULL && !k->o->new_items)
		return 0;
	if (k->o->level == 0)
		return 1;
	return kll_concept_level(p->old_c ? p->old_c : p->new_c) == k->o->level;
}

/* Prefixes for the concepts first (so that they win over the schemes'),
 * then the schemes. */
static kll_status
declare_all(keyw *k)
{
	char buf[1024];
	const kll_pair *p;
	size_t i;
	kll_status st;

	for (i = 0; i < kll_match_count(k->m); i++) {
		p = kll_match_at(k->m, i);
		if (!wanted(k, p))
			continue;
		if ((p->old_c != NULL &&
		        (st = curie(k, kll_concept_iri(p->old_c), k->idpfx[0],
		             buf, sizeof(buf))) != KLL_OK) ||
		    (p->new_c != NULL &&
		        (st = curie(k, kll_concept_iri(p->new_c), k->idpfx[1],
		             buf, sizeof(buf))) != KLL_OK))
			return st;
	}
	return KLL_OK;
}

static kll_status
set_meta(keyw *k)
{
	const kll_vocab *v[2] = { kll_match_old(k->m),
		kll_match_new_vocab(k->m) };
	static const char *const src[2] = { "subject_source", "object_source" };
	static const char *const ver[2] = { "subject_source_version",
		"object_source_version" };
	char buf[1024], base[64], id[1024], title[1024];
	const char *t[2];
	kll_status st;
	int s;

	for (s = 0; s < 2; s++) {
		scheme_base(kll_vocab_iri(v[s]), base, sizeof(base));
		if ((st = curie(k, kll_vocab_iri(v[s]), base, buf,
		         sizeof(buf))) != KLL_OK ||
		    (st = kll_mapset_set_meta(k->ms, src[s], buf, k->err)) !=
		        KLL_OK)
			return st;
		if (*kll_vocab_version(v[s]) != '\0' &&
		    (st = kll_mapset_set_meta(k->ms, ver[s],
		         kll_vocab_version(v[s]), k->err)) != KLL_OK)
			return st;
		t[s] = kll_vocab_title(v[s], k->o->lang ? k->o->lang : "en");
		if (*t[s] == '\0')
			t[s] = kll_vocab_title(v[s], NULL);
		if (*t[s] == '\0')
			t[s] = kll_vocab_id(v[s]);
	}
	snprintf(id, sizeof(id), "%smappings/%s_%s", KLL_BASE_IRI,
	    kll_vocab_id(v[0]), kll_vocab_id(v[1]));
	snprintf(title, sizeof(title), "%s - %s (proposed)", t[0], t[1]);
	{
		const char *const meta[][2] = {
			{ "mapping_set_id",
			    k->o->mapping_set_id ? k->o->mapping_set_id : id },
			{ "mapping_set_title",
			    k->o->title ? k->o->title : title },
			{ "mapping_set_description",
			    "A key proposed from the labels and hierarchy of "
			    "the two versions alone; pairs whose comment ends "
			    "in review need a person's decision." },
			{ "license", k->o->license },
			{ "subject_type", "skos concept" },
			{ "object_type", "skos concept" },
			{ "mapping_tool", "kll-diff" },
			{ "mapping_tool_version", KLL_VERSION },
			{ "similarity_measure",
			    "weighted Dice on folded label words with character "
			    "trigrams (kll)" },
		};
		size_t i;
		for (i = 0; i < sizeof(meta) / sizeof(meta[0]); i++)
			if (meta[i][1] != NULL &&
			    (st = kll_mapset_set_meta(k->ms, meta[i][0],
			         meta[i][1], k->err)) != KLL_OK)
				return st;
	}
	return KLL_OK;
}

static const char *
predicate_of(kll_relation r)
{
	switch (r) {
	case KLL_REL_CLOSE:
		return "skos:closeMatch";
	case KLL_REL_NARROW:
		return "skos:narrowMatch";
	case KLL_REL_BROAD:
		return "skos:broadMatch";
	case KLL_REL_RELATED:
		return "skos:relatedMatch";
	default:
		return "skos:exactMatch";
	}
}

static const char *
cardinality_of(const kll_pair *p)
{
	switch (p->rel) {
	case KLL_REL_NARROW:
		return "1:n";
	case KLL_REL_BROAD:
		return "n:1";
	case KLL_REL_RELATED:
		return "n:n";
	case KLL_REL_NONE:
		return p->old_c ? "1:0" : "0:1";
	default:
		return "1:1";
	}
}

/* Where the evidence came from: the labels alone, the structure (code
 * and hierarchy) alone, or both. */
static const char *
justification_of(const kll_pair *p)
{
	unsigned structural =
	    KLL_EVID_SAME_CODE | KLL_EVID_PARENT | KLL_EVID_CHILDREN;

	if (p->rel == KLL_REL_NONE)
		return "semapv:CompositeMatching";
	if (p->label < 0.3)
		return "semapv:StructuralMatching";
	if (!(p->evidence & structural) || p->confidence - p->label < 0.05)
		return "semapv:LexicalMatching";
	return "semapv:CompositeMatching";
}

static void
append(char *buf, size_t size, const char *fmt, const char *s, double x)
{
	size_t n = strlen(buf);

	if (n >= size)
		return;
	if (n > 0)
		n += (size_t)snprintf(buf + n, size - n, "; ");
	if (n < size)
		snprintf(buf + n, size - n, fmt, s, x);
}

static void
evidence_text(const keyw *k, const kll_pair *p, char *buf, size_t size)
{
	char kids[64];

	buf[0] = '\0';
	if (p->rel == KLL_REL_NONE) {
		kll_pair best;
		if (p->old_c == NULL) {
			append(buf, size, "%sno old concept found", "", 0);
			return;
		}
		append(buf, size, "%sno counterpart found", "", 0);
		if (kll_match_candidates(k->m, p->old_c, &best, 1) == 1)
			snprintf(buf + strlen(buf), size - strlen(buf),
			    "; best candidate %s at %.2f", code_of(best.new_c),
			    best.confidence);
		return;
	}
	if (*p->lang)
		append(buf, size, "label %.2f", "", p->label),
		    snprintf(
		        buf + strlen(buf), size - strlen(buf), " %s", p->lang);
	else
		append(buf, size, "%sno label in common", "", 0);
	if (p->evidence & KLL_EVID_SAME_CODE)
		append(buf, size, "%scode kept", "", 0);
	if (p->evidence & KLL_EVID_PARENT)
		append(buf, size, "%sparent kept", "", 0);
	if (p->evidence & KLL_EVID_CHILDREN) {
		snprintf(kids, sizeof(kids), "children %u/%u", p->kids_kept,
		    p->kids_total);
		append(buf, size, "%s", kids, 0);
	}
	if (p->evidence & KLL_EVID_LEVEL)
		append(buf, size, "%sother level", "", 0);
	if (p->rel == KLL_REL_NARROW)
		append(buf, size, "%ssplit", "", 0);
	else if (p->rel == KLL_REL_BROAD)
		append(buf, size, "%smerged", "", 0);
	else if (p->rel == KLL_REL_RELATED)
		append(buf, size, "%sregrouped", "", 0);
}

/* "review", and why when a doubt sends the pair there. */
static const char *
review_text(unsigned doubt)
{
	switch (doubt & (KLL_DOUBT_TIE | KLL_DOUBT_HIERARCHY)) {
	case KLL_DOUBT_TIE:
		return "review: near tie";
	case KLL_DOUBT_HIERARCHY:
		return "review: not under the broader pair";
	case KLL_DOUBT_TIE | KLL_DOUBT_HIERARCHY:
		return "review: near tie, not under the broader pair";
	default:
		return "review";
	}
}

static kll_status
add_record(keyw *k, const kll_pair *p)
{
	char s[1024], o[1024], note[512], num[32];
	const char *lang = k->o->lang;
	size_t rec;
	kll_status st;

	if (p->old_c != NULL && (st = curie(k, kll_concept_iri(p->old_c),
	                             k->idpfx[0], s, sizeof(s))) != KLL_OK)
		return st;
	if (p->new_c != NULL && (st = curie(k, kll_concept_iri(p->new_c),
	                             k->idpfx[1], o, sizeof(o))) != KLL_OK)
		return st;
	evidence_text(k, p, note, sizeof(note));
	if (p->rel != KLL_REL_NONE && p->review)
		append(note, sizeof(note), "%s", review_text(p->doubt), 0);
	if ((st = kll_mapset_add(k->ms, &rec, k->err)) != KLL_OK)
		return st;
	{
		const struct {
			kll_slot slot;
			const char *v;
		} f[] = {
			{ KLL_SLOT_SUBJECT_ID,
			    p->old_c ? s : "sssom:NoTermFound" },
			{ KLL_SLOT_SUBJECT_LABEL,
			    p->old_c ? label_in(p->old_c, lang) : NULL },
			{ KLL_SLOT_PREDICATE_ID, predicate_of(p->rel) },
			{ KLL_SLOT_OBJECT_ID,
			    p->new_c ? o : "sssom:NoTermFound" },
			{ KLL_SLOT_OBJECT_LABEL,
			    p->new_c ? label_in(p->new_c, lang) : NULL },
			{ KLL_SLOT_MAPPING_JUSTIFICATION, justification_of(p) },
			{ KLL_SLOT_MAPPING_CARDINALITY, cardinality_of(p) },
			{ KLL_SLOT_COMMENT, note },
		};
		size_t i;
		for (i = 0; i < sizeof(f) / sizeof(f[0]); i++)
			if (f[i].v != NULL && *f[i].v != '\0' &&
			    (st = kll_mapset_set(k->ms, rec, f[i].slot, f[i].v,
			         k->err)) != KLL_OK)
				return st;
	}
	if (p->rel == KLL_REL_NONE)
		return KLL_OK;
	snprintf(num, sizeof(num), "%.3f", p->confidence);
	if ((st = kll_mapset_set(
	         k->ms, rec, KLL_SLOT_CONFIDENCE, num, k->err)) != KLL_OK)
		return st;
	snprintf(num, sizeof(num), "%.3f", p->label);
	return kll_mapset_set(
	    k->ms, rec, KLL_SLOT_SIMILARITY_SCORE, num, k->err);
}

kll_status
kll_match_key(kll_mapset **out, const kll_match *m, const kll_key_opts *opts,
    kll_error *err)
{
	kll_key_opts dflt = KLL_KEY_OPTS_INIT;
	char pfx[2][64];
	keyw k;
	size_t i;
	kll_status st;

	*out = NULL;
	memset(&k, 0, sizeof(k));
	k.m = m;
	k.o = opts ? opts : &dflt;
	k.err = err;
	prefix_name(pfx[0], sizeof(pfx[0]), kll_vocab_id(kll_match_old(m)));
	prefix_name(
	    pfx[1], sizeof(pfx[1]), kll_vocab_id(kll_match_new_vocab(m)));
	k.idpfx[0] = pfx[0];
	k.idpfx[1] = pfx[1];
	if ((st = kll_mapset_new(&k.ms, err)) != KLL_OK)
		return st;
	if ((st = declare_all(&k)) != KLL_OK || (st = set_meta(&k)) != KLL_OK)
		goto out;
	for (i = 0; i < kll_match_count(m); i++)
		if (wanted(&k, kll_match_at(m, i)) &&
		    (st = add_record(&k, kll_match_at(m, i))) != KLL_OK)
			goto out;
	kll_mapset_sort(k.ms);
	*out = k.ms;
	k.ms = NULL;
out:
	kll_mapset_free(k.ms);
	return st;
}
