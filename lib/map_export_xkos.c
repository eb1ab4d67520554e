/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map_export_xkos.c: a key as an XKOS correspondence: its records joined
 * into groups (concept associations) of the concepts they connect, or
 * with opts.xkos_pairs one association per record, each an
 * xkos:ConceptAssociation with its sources and targets, under one
 * xkos:Correspondence with the titles and links of the key. */
#include <stdlib.h>
#include <string.h>

#include "map_export.h"

#define DASH "\xe2\x80\x93" /* U+2013, between two titles */

/* ------------------------------------------------------------------ */
/* XKOS: the groups of a key                                            */

struct node {
	const char *iri;
	int side;      /* 0: a source concept, 1: a target */
	size_t parent; /* union-find */
	size_t group;
};

typedef struct graph {
	struct node *v;
	size_t n, cap;
	kll__map index;  /* side digit and IRI -> node */
	size_t *members; /* the nodes of each group, sources first,
	                  * each by IRI */
	size_t *start;   /* group g: members[start[g]..start[g+1]) */
	size_t ngroups;
	int pairs; /* a node per record and side: no joining */
} graph;

/* The node of "iri" on "side", added when new; -1 when out of memory. */
static long
node_of(kll__ex *x, graph *gr, int side, const char *iri)
{
	size_t n = strlen(iri);
	uint32_t val;
	char *key;

	if ((key = kll__arena_alloc(&x->arena, n + 2)) == NULL)
		return -1;
	key[0] = (char)('0' + side);
	memcpy(key + 1, iri, n + 1);
	if (!gr->pairs && kll__map_get(&gr->index, key, n + 1, &val))
		return (long)val;
	if (gr->n == gr->cap) {
		size_t cap = gr->cap ? 2 * gr->cap : 64;
		struct node *v = kll__realloc(gr->v, cap * sizeof(*v));
		if (v == NULL)
			return -1;
		gr->v = v;
		gr->cap = cap;
	}
	gr->v[gr->n].iri = key + 1;
	gr->v[gr->n].side = side;
	gr->v[gr->n].parent = gr->n;
	if (!gr->pairs &&
	    kll__map_put(&gr->index, key, n + 1, (uint32_t)gr->n) < 0)
		return -1;
	return (long)gr->n++;
}

static size_t
root(graph *gr, size_t i)
{
	while (gr->v[i].parent != i) {
		gr->v[i].parent = gr->v[gr->v[i].parent].parent;
		i = gr->v[i].parent;
	}
	return i;
}

/* The concept a record names on one side, or NULL for none
 * (sssom:NoTermFound, or a literal). */
static const char *
side_iri(kll__ex *x, size_t rec, kll_slot s)
{
	const char *v = kll_mapset_get(x->m, rec, s), *t;

	if (v == NULL || (t = kll__ex_expand_keep(x, v, rec)) == NULL)
		return NULL;
	return strcmp(t, NOTERM) == 0 ? NULL : t;
}

/* Add the record's subject and object, and join them. */
static int
link_record(kll__ex *x, graph *gr, size_t rec)
{
	const char *s, *o;
	long a = -1, b = -1;

	if (kll__record_negated(x->m, rec)) {
		x->stats.negated++;
		return 0;
	}
	if (kll_mapset_get(x->m, rec, KLL_SLOT_SUBJECT_ID) == NULL ||
	    kll_mapset_get(x->m, rec, KLL_SLOT_OBJECT_ID) == NULL) {
		x->stats.literal++;
		return 0;
	}
	s = side_iri(x, rec, KLL_SLOT_SUBJECT_ID);
	o = side_iri(x, rec, KLL_SLOT_OBJECT_ID);
	if (x->st != KLL_OK)
		return -1;
	if ((s != NULL && (a = node_of(x, gr, 0, s)) < 0) ||
	    (o != NULL && (b = node_of(x, gr, 1, o)) < 0)) {
		kll__ex_nomem(x);
		return -1;
	}
	if (a >= 0 && b >= 0)
		gr->v[root(gr, (size_t)a)].parent = root(gr, (size_t)b);
	if (a >= 0 || b >= 0)
		x->stats.records++;
	return 0;
}

struct nref {
	const char *iri;
	int side;
	size_t i;
};

static int
cmp_nref(const void *pa, const void *pb)
{
	const struct nref *a = pa, *b = pb;

	int r;

	if (a->side != b->side)
		return a->side - b->side;
	if ((r = strcmp(a->iri, b->iri)) != 0)
		return r;
	/* The same concept in two pairs: the records' order. */
	return a->i < b->i ? -1 : a->i > b->i;
}

/* Number the groups in the order of their first node (sources before
 * targets, each by IRI), and list each group's nodes in that order. */
static int
make_groups(graph *gr)
{
	struct nref *refs;
	size_t *pos = NULL, i, g, none = (size_t)-1;
	int rc = -1;

	if ((refs = kll__malloc((gr->n + 1) * sizeof(*refs))) == NULL ||
	    (gr->members = kll__malloc((gr->n + 1) * sizeof(size_t))) == NULL ||
	    (gr->start = kll__calloc(gr->n + 2, sizeof(size_t))) == NULL ||
	    (pos = kll__calloc(gr->n + 1, sizeof(size_t))) == NULL)
		goto out;
	for (i = 0; i < gr->n; i++) {
		refs[i].iri = gr->v[i].iri;
		refs[i].side = gr->v[i].side;
		refs[i].i = i;
		gr->v[i].group = none;
	}
	qsort(refs, gr->n, sizeof(*refs), cmp_nref);
	for (i = 0; i < gr->n; i++) {
		struct node *r = &gr->v[root(gr, refs[i].i)];
		if (r->group == none)
			r->group = gr->ngroups++;
		gr->v[refs[i].i].group = r->group;
		gr->start[r->group + 1]++;
	}
	for (g = 0; g < gr->ngroups; g++) {
		gr->start[g + 1] += gr->start[g];
		pos[g] = gr->start[g];
	}
	for (i = 0; i < gr->n; i++) {
		g = gr->v[refs[i].i].group;
		gr->members[pos[g]++] = refs[i].i;
	}
	rc = 0;
out:
	free(refs);
	free(pos);
	return rc;
}

static void
graph_free(graph *gr)
{
	free(gr->v);
	free(gr->members);
	free(gr->start);
	kll__map_free(&gr->index);
}

/* ------------------------------------------------------------------ */
/* XKOS: the correspondence                                             */

/* The local part of a concept's CURIE (else of its IRI, after the last
 * '/' or '#'), with what an IRI path cannot hold percent-encoded. */
static void
local_part(kll__ex *x, kll__buf *b, const char *iri)
{
	static const char hex[] = "0123456789ABCDEF";
	char curie[1024];
	const char *p = NULL, *q;
	size_t n = kll_mapset_contract(x->m, iri, curie, sizeof(curie));

	if (n > 0 && n < sizeof(curie))
		p = strchr(curie, ':') + 1;
	if (p == NULL || *p == '\0') {
		p = iri;
		for (q = iri; *q; q++)
			if (*q == '/' || *q == '#')
				p = q + 1;
	}
	for (; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c >= 0x80 || strchr("abcdefghijklmnopqrstuvwxyz"
		                        "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		                        "0123456789-._~!$&'()*+,;=:@/",
		                     c) != NULL) {
			if (kll__buf_addc(b, (char)c) < 0)
				kll__ex_nomem(x);
		} else if (kll__buf_addc(b, '%') < 0 ||
		           kll__buf_addc(b, hex[c >> 4]) < 0 ||
		           kll__buf_addc(b, hex[c & 15]) < 0)
			kll__ex_nomem(x);
	}
}

/* The IRI of group g: BASE/association/S-T after its first source and
 * target (either may be empty), made unique with a suffix "_2", "_3"... */
static const char *
group_iri(
    kll__ex *x, const graph *gr, size_t g, const char *base, kll__map *used)
{
	const size_t *mem = gr->members + gr->start[g];
	size_t nmem = gr->start[g + 1] - gr->start[g], i, len, k;
	kll__buf b = { NULL, 0, 0 };
	char *iri = NULL, suffix[24];
	uint32_t dummy;
	int bad;

	bad = kll__buf_adds(&b, base) < 0;
	if (b.n == 0 || (b.p[b.n - 1] != '/' && b.p[b.n - 1] != '#'))
		bad |= kll__buf_addc(&b, '/') < 0;
	bad |= kll__buf_adds(&b, "association/") < 0;
	if (gr->v[mem[0]].side == 0)
		local_part(x, &b, gr->v[mem[0]].iri);
	bad |= kll__buf_addc(&b, '-') < 0;
	for (i = 0; i < nmem && gr->v[mem[i]].side == 0; i++)
		;
	if (i < nmem)
		local_part(x, &b, gr->v[mem[i]].iri);
	len = b.n;
	for (k = 1; !bad && x->st == KLL_OK; k++) {
		b.n = len;
		snprintf(suffix, sizeof(suffix), "_%zu", k);
		if (k > 1)
			bad |= kll__buf_adds(&b, suffix) < 0;
		bad |= kll__buf_addc(&b, '\0') < 0;
		if (bad || !kll__map_get(used, b.p, b.n - 1, &dummy))
			break;
	}
	if (!bad && x->st == KLL_OK &&
	    ((iri = kll__arena_strdup(&x->arena, b.p)) == NULL ||
	        kll__map_put(used, iri, strlen(iri), 0) < 0)) {
		iri = NULL;
		bad = 1;
	}
	if (bad)
		kll__ex_nomem(x);
	kll__buf_free(&b);
	return iri;
}

/* "SUBJECT TITLE – OBJECT TITLE" into the arena, or NULL when a title is
 * missing. */
static const char *
join_titles(kll__ex *x, const char *s, const char *o)
{
	kll__buf b = { NULL, 0, 0 };
	const char *t = NULL;

	if (s == NULL || *s == '\0' || o == NULL || *o == '\0')
		return NULL;
	if (kll__buf_adds(&b, s) < 0 || kll__buf_adds(&b, " " DASH " ") < 0 ||
	    kll__buf_adds(&b, o) < 0 || kll__buf_addc(&b, '\0') < 0 ||
	    (t = kll__arena_strdup(&x->arena, b.p)) == NULL)
		kll__ex_nomem(x);
	kll__buf_free(&b);
	return t;
}

/* Titles for a correspondence from the two vocabularies' titles, in
 * "lang" (t[0]) and in English (t[1]); NULL where a vocabulary cannot be
 * found or has no title in the language. */
static void
vocab_titles(kll__ex *x, const char *lang, const char **t)
{
	kll_vocab *v[2] = { NULL, NULL };
	kll_error e;
	int i;

	for (i = 0; i < 2; i++)
		if (kll_mapset_vocab(&v[i], x->m,
		        i == 0 ? KLL_SUBJECT : KLL_OBJECT, x->o->dirs, NULL,
		        &e) != KLL_OK) {
			if (e.code == KLL_ENOMEM)
				kll__ex_nomem(x);
			goto out;
		}
	t[0] = join_titles(
	    x, kll_vocab_title(v[0], lang), kll_vocab_title(v[1], lang));
	t[1] = join_titles(
	    x, kll_vocab_title(v[0], "en"), kll_vocab_title(v[1], "en"));
out:
	kll_vocab_free(v[0]);
	kll_vocab_free(v[1]);
}

/* English, as SHACL's sh:languageIn ("en") takes it: "en" or "en-...". */
static int
is_english(const char *lang)
{
	return (lang[0] | 0x20) == 'e' && (lang[1] | 0x20) == 'n' &&
	       (lang[2] == '\0' || lang[2] == '-');
}

/* The key's title in "lang"; without one, the vocabularies' titles; and
 * when "lang" is not English, their English titles too, as XKOS wants a
 * name in English. */
static void
add_labels(kll__ex *x, const char *corr, const char *lang)
{
	const char *title = kll_mapset_meta(x->m, "mapping_set_title");
	const char *t[2] = { NULL, NULL };
	int en = is_english(lang);

	if (title == NULL || !en)
		vocab_titles(x, lang, t);
	if (title == NULL)
		title = t[0];
	kll__rdf_add_lit(x->g, corr, NS_SKOS "prefLabel", title, lang);
	if (!en)
		kll__rdf_add_lit(x->g, corr, NS_SKOS "prefLabel", t[1], "en");
	if (x->st == KLL_OK && (en ? title : t[1]) == NULL)
		kll__ex_note(x, KLL_SEV_WARNING, "export-no-title",
		    "the correspondence has no skos:prefLabel in English, "
		    "which XKOS requires: %s",
		    en ? "no mapping_set_title, and no English titles of both "
		         "vocabularies" :
		         "no English titles of both vocabularies");
}

/* The correspondence's labels, description and dates; what XKOS wants
 * and the key lacks goes to the sink as a warning. */
static void
add_corr_texts(kll__ex *x, const char *corr, const char *lang)
{
	const char *issued = kll_mapset_meta(x->m, "publication_date");

	add_labels(x, corr, lang);
	kll__rdf_add_lit(x->g, corr, NS_DCT "description",
	    kll_mapset_meta(x->m, "mapping_set_description"), lang);
	if (issued == NULL)
		issued = kll_mapset_meta(x->m, "mapping_date");
	if (issued == NULL)
		kll__ex_note(x, KLL_SEV_WARNING, "export-no-issued",
		    "no publication_date, nor one mapping_date for all "
		    "records: the correspondence has no dcterms:issued, which "
		    "XKOS requires");
	kll__rdf_add_typed(x->g, corr, NS_DCT "issued", issued, NS_XSD "date");
	kll__rdf_add_lit(x->g, corr, NS_OWL "versionInfo",
	    kll_mapset_meta(x->m, "mapping_set_version"), NULL);
}

/* Licence, creators (as dcterms:Agent, which the XKOS shapes ask of
 * them) and the two classifications compared. */
static void
add_corr_links(kll__ex *x, const char *corr)
{
	static const char *const src[2] = { "subject_source", "object_source" };
	const char *v, *t;
	char **vals = NULL;
	size_t i, n = 0;

	if ((v = kll_mapset_meta(x->m, "license")) != NULL)
		kll__rdf_add_iri(x->g, corr, NS_DCT "license", v);
	v = kll_mapset_meta(x->m, "creator_id");
	if (v != NULL && kll_sssom_split(&vals, &n, v, NULL) != KLL_OK)
		kll__ex_nomem(x);
	for (i = 0;
	     i < n && (t = kll__ex_expand(x, vals[i], (size_t)-1)) != NULL;
	     i++) {
		kll__rdf_add_iri(x->g, corr, NS_DCT "creator", t);
		kll__rdf_add_iri(x->g, t, NS_RDF "type", NS_DCT "Agent");
	}
	free(vals);
	for (i = 0; i < 2; i++) {
		if ((v = kll_mapset_meta(x->m, src[i])) == NULL) {
			kll__ex_note(x, KLL_SEV_WARNING, "export-no-source",
			    "no %s: the correspondence does not say which "
			    "classification it compares",
			    src[i]);
			continue;
		}
		if ((t = kll__ex_expand(x, v, (size_t)-1)) != NULL)
			kll__rdf_add_iri(x->g, corr, NS_XKOS "compares", t);
	}
}

static void
add_groups(kll__ex *x, const graph *gr, const char *corr)
{
	kll__map used = KLL__MAP_INIT;
	const char *a;
	size_t g, i;

	for (g = 0; g < gr->ngroups && x->st == KLL_OK; g++) {
		if ((a = group_iri(x, gr, g, corr, &used)) == NULL)
			break;
		kll__rdf_add_iri(x->g, corr, NS_XKOS "madeOf", a);
		kll__rdf_add_iri(
		    x->g, a, NS_RDF "type", NS_XKOS "ConceptAssociation");
		for (i = gr->start[g]; i < gr->start[g + 1]; i++) {
			const struct node *nd = &gr->v[gr->members[i]];
			kll__rdf_add_iri(x->g, a,
			    nd->side == 0 ? NS_XKOS "sourceConcept" :
			                    NS_XKOS "targetConcept",
			    nd->iri);
		}
	}
	x->stats.groups = gr->ngroups;
	kll__map_free(&used);
}

void
kll__ex_xkos(kll__ex *x, const char *corr)
{
	static const char *const std[][2] = { { "dcterms", NS_DCT },
		{ "owl", NS_OWL }, { "rdf", NS_RDF }, { "skos", NS_SKOS },
		{ "xkos", NS_XKOS }, { "xsd", NS_XSD } };
	graph gr;
	size_t i;

	memset(&gr, 0, sizeof(gr));
	gr.pairs = x->o->xkos_pairs != 0;
	kll__ex_prefixes(x, std, sizeof(std) / sizeof(std[0]));
	for (i = 0; i < kll_mapset_count(x->m) && x->st == KLL_OK; i++)
		if (link_record(x, &gr, x->order[i]) < 0)
			break;
	if (x->st == KLL_OK && make_groups(&gr) < 0)
		kll__ex_nomem(x);
	if (x->st == KLL_OK) {
		kll__rdf_add_iri(
		    x->g, corr, NS_RDF "type", NS_XKOS "Correspondence");
		add_corr_texts(x, corr, x->o->lang ? x->o->lang : "en");
		add_corr_links(x, corr);
		add_groups(x, &gr, corr);
	}
	graph_free(&gr);
}
