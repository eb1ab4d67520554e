/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* mapexport.c: a key as RDF: SKOS mapping triples, SSSOM/RDF (the set and
 * its owl:Axiom records), or an XKOS correspondence of concept
 * associations. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "rdf_write.h"

#define NOTERM NS_SSSOM "NoTermFound"
#define DASH   "\xe2\x80\x93" /* U+2013, between two titles */

/* One export in progress. */
typedef struct ex {
	const kll_mapset *m;
	const kll_export_opts *o;
	kll__rdf *g;
	kll_error *err;
	kll_status st; /* the first failure */
	kll_export_stats stats;
	size_t *order;   /* the records in canonical order */
	kll__buf tmp[3]; /* expanded CURIEs for the moment */
	kll__arena arena;
} ex;

/* ------------------------------------------------------------------ */
/* Failures and notes                                                   */

static void fail(ex *x, kll_status code, size_t rec, const char *fmt, ...)
    KLL__PRINTF(4, 5);

/* Record the first failure; rec is a record, or (size_t)-1 for none. */
static void
fail(ex *x, kll_status code, size_t rec, const char *fmt, ...)
{
	char msg[sizeof(x->err->msg)];
	va_list ap;

	if (x->st != KLL_OK)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	x->st = kll__error_set(x->err, code, kll_mapset_path(x->m),
	    rec == (size_t)-1 ? 0 : kll_mapset_line(x->m, rec), 0, "%s", msg);
}

static void
nomem(ex *x)
{
	fail(x, KLL_ENOMEM, (size_t)-1, "out of memory");
}

static void note(ex *x, kll_severity sev, const char *rule, const char *fmt,
    ...) KLL__PRINTF(4, 5);

/* A note or warning about the whole key, for the caller's sink. */
static void
note(ex *x, kll_severity sev, const char *rule, const char *fmt, ...)
{
	kll_error d;
	va_list ap;

	if (x->o->diag == NULL)
		return;
	memset(&d, 0, sizeof(d));
	d.code = KLL_OK;
	d.severity = sev;
	snprintf(d.file, sizeof(d.file), "%s", kll_mapset_path(x->m));
	snprintf(d.rule, sizeof(d.rule), "%s", rule);
	va_start(ap, fmt);
	vsnprintf(d.msg, sizeof(d.msg), fmt, ap);
	va_end(ap);
	x->o->diag(x->o->payload, &d);
}

/* ------------------------------------------------------------------ */
/* Records in canonical order                                           */

struct recref {
	const kll_mapset *m;
	size_t rec;
};

static int
cmp_str(const char *a, const char *b)
{
	if (a == b)
		return 0;
	if (a == NULL || b == NULL)
		return a == NULL ? -1 : 1;
	return strcmp(a, b);
}

/* Every slot in model order, then the non-standard columns, then the
 * order read, as kll_mapset_sort() orders them. */
static int
cmp_rec(const void *pa, const void *pb)
{
	const struct recref *a = pa, *b = pb;
	const kll_mapset *m = a->m;
	size_t i;
	int c, s;

	for (s = 0; s < KLL_SLOT__COUNT; s++)
		if ((c = cmp_str(kll_mapset_get(m, a->rec, (kll_slot)s),
		         kll_mapset_get(m, b->rec, (kll_slot)s))) != 0)
			return c;
	for (i = 0; i < kll_mapset_nextra(m); i++) {
		const char *name = kll_mapset_extra_name(m, i);
		if ((c = cmp_str(kll_mapset_get_extra(m, a->rec, name),
		         kll_mapset_get_extra(m, b->rec, name))) != 0)
			return c;
	}
	return a->rec < b->rec ? -1 : a->rec > b->rec;
}

static int
sort_records(ex *x)
{
	size_t n = kll_mapset_count(x->m), i;
	struct recref *refs;

	if ((x->order = kll__malloc((n ? n : 1) * sizeof(*x->order))) == NULL ||
	    (refs = kll__malloc((n ? n : 1) * sizeof(*refs))) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		refs[i].m = x->m;
		refs[i].rec = i;
	}
	qsort(refs, n, sizeof(*refs), cmp_rec);
	for (i = 0; i < n; i++)
		x->order[i] = refs[i].rec;
	free(refs);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Values                                                               */

/* CURIE "v" expanded into b, valid until b is used again; NULL (and the
 * export fails) when its prefix is not declared. */
static const char *
expand_to(ex *x, kll__buf *b, const char *v, size_t rec)
{
	size_t n;

	if (x->st != KLL_OK)
		return NULL;
	n = kll_mapset_expand(x->m, v, NULL, 0);
	if (n == 0) {
		fail(x, KLL_EINVALID, rec,
		    "'%s' is not a CURIE with a declared prefix", v);
		return NULL;
	}
	b->n = 0;
	if (kll__buf_grow(b, n + 1) < 0) {
		nomem(x);
		return NULL;
	}
	kll_mapset_expand(x->m, v, b->p, n + 1);
	return b->p;
}

static const char *
expand(ex *x, const char *v, size_t rec)
{
	return expand_to(x, &x->tmp[0], v, rec);
}

/* Like expand(), into the arena, to keep. */
static const char *
expand_keep(ex *x, const char *v, size_t rec)
{
	const char *t = expand(x, v, rec);
	char *p;

	if (t == NULL)
		return NULL;
	if ((p = kll__arena_strdup(&x->arena, t)) == NULL)
		nomem(x);
	return p;
}

static int
is_negated(const kll_mapset *m, size_t rec)
{
	const char *mod = kll_mapset_get(m, rec, KLL_SLOT_PREDICATE_MODIFIER);

	return mod != NULL && strcmp(mod, "Not") == 0;
}

/* The meaning IRIs of the schema's enumerations (sssom_schema.yaml). */
static const char *const enum_meanings[][2] = {
	{ "owl class", NS_OWL "Class" },
	{ "owl object property", NS_OWL "ObjectProperty" },
	{ "owl data property", NS_OWL "DataProperty" },
	{ "owl annotation property", NS_OWL "AnnotationProperty" },
	{ "owl named individual", NS_OWL "NamedIndividual" },
	{ "skos concept", NS_SKOS "Concept" },
	{ "rdfs resource", NS_RDFS "Resource" },
	{ "rdfs class", NS_RDFS "Class" },
	{ "rdfs literal", NS_RDFS "Literal" },
	{ "rdfs datatype", NS_RDFS "Datatype" },
	{ "rdf property", NS_RDF "Property" },
	{ "composed entity expression", NS_SSSOM "ComposedEntityExpression" },
	{ "Not", NS_SSSOM "NegatedPredicate" },
	{ "1.0", NS_SSSOM "version1.0" },
	{ "1.1", NS_SSSOM "version1.1" },
};

static const char *
enum_meaning(const char *v)
{
	size_t i;

	for (i = 0; i < sizeof(enum_meanings) / sizeof(enum_meanings[0]); i++)
		if (strcmp(enum_meanings[i][0], v) == 0)
			return enum_meanings[i][1];
	return NULL; /* mapping_cardinality: no meaning, a string */
}

/* The property of a slot: its slot_uri in the schema, else the SSSOM
 * namespace and its name. */
static const char *
slot_property(const char *name, char *buf, size_t size)
{
	static const char *const uris[][2] = {
		{ "subject_id", NS_OWL "annotatedSource" },
		{ "predicate_id", NS_OWL "annotatedProperty" },
		{ "object_id", NS_OWL "annotatedTarget" },
		{ "mapping_set_version", NS_OWL "versionInfo" },
		{ "mapping_set_title", NS_DCT "title" },
		{ "mapping_set_description", NS_DCT "description" },
		{ "creator_id", NS_DCT "creator" },
		{ "author_id", NS_PAV "authoredBy" },
		{ "license", NS_DCT "license" },
		{ "mapping_set_source", NS_PROV "wasDerivedFrom" },
		{ "mapping_date", NS_DCT "created" },
		{ "publication_date", NS_DCT "issued" },
		{ "see_also", NS_RDFS "seeAlso" },
		{ "comment", NS_RDFS "comment" },
	};
	size_t i;

	for (i = 0; i < sizeof(uris) / sizeof(uris[0]); i++)
		if (strcmp(uris[i][0], name) == 0)
			return uris[i][1];
	snprintf(buf, size, "%s%s", NS_SSSOM, name);
	return buf;
}

/* Decimal number "v" in the canonical form of xsd:double ("0.95" ->
 * "9.5E-1", "1" -> "1.0E0") into buf; 0 when v is not a number.  Only
 * digits move, so nothing is rounded.  raptor's Turtle writer prints an
 * xsd:double bare, and a bare "0.95" would read back as an xsd:decimal:
 * the exponent keeps it a double. */
static int
canon_double(const char *v, char *buf, size_t size)
{
	char dig[64];
	size_t nd = 0, i, last;
	long point = -1, exp = 0;
	const char *p = v;
	int neg = 0;

	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	for (; (*p >= '0' && *p <= '9') || (*p == '.' && point < 0); p++) {
		if (*p == '.')
			point = (long)nd;
		else if (nd < sizeof(dig))
			dig[nd++] = *p;
		else
			return 0;
	}
	if (nd == 0)
		return 0;
	if (point < 0)
		point = (long)nd;
	if (*p == 'e' || *p == 'E') {
		char *end;
		exp = strtol(p + 1, &end, 10);
		if (end == p + 1 || *end != '\0' || exp > 100000 ||
		    exp < -100000)
			return 0;
	} else if (*p != '\0')
		return 0;
	for (i = 0; i < nd && dig[i] == '0'; i++)
		point--;
	if (i == nd) {
		snprintf(buf, size, "0.0E0");
		return 1;
	}
	for (last = nd; dig[last - 1] == '0'; last--)
		;
	snprintf(buf, size, "%s%c.%.*sE%ld", neg ? "-" : "", dig[i],
	    last - i > 1 ? (int)(last - i - 1) : 1,
	    last - i > 1 ? dig + i + 1 : "0", point + exp - 1);
	return 1;
}

/* One value "v" of a slot of kind "kind" as the object of (s, p). */
static void
add_value(ex *x, const char *s, const char *p, kll_value_kind kind,
    const char *v, size_t rec)
{
	const char *t;

	switch (kind) {
	case KLL_KIND_ENTITY:
		if ((t = expand(x, v, rec)) != NULL)
			kll__rdf_add_iri(x->g, s, p, t);
		break;
	case KLL_KIND_URI:
		kll__rdf_add_iri(x->g, s, p, v);
		break;
	case KLL_KIND_DOUBLE: {
		char num[96];
		kll__rdf_add_typed(x->g, s, p,
		    canon_double(v, num, sizeof(num)) ? num : v,
		    NS_XSD "double");
		break;
	}
	case KLL_KIND_DATE:
		kll__rdf_add_typed(x->g, s, p, v, NS_XSD "date");
		break;
	case KLL_KIND_ENUM:
		if ((t = enum_meaning(v)) != NULL)
			kll__rdf_add_iri(x->g, s, p, t);
		else
			kll__rdf_add_lit(x->g, s, p, v, NULL);
		break;
	case KLL_KIND_STRING:
		kll__rdf_add_lit(x->g, s, p, v, NULL);
		break;
	}
}

/* Slot "name" with value "v" (joined when "multi") on subject s. */
static void
add_slot(ex *x, const char *s, const char *name, kll_value_kind kind, int multi,
    const char *v, size_t rec)
{
	char buf[128], **vals = NULL;
	const char *p = slot_property(name, buf, sizeof(buf));
	size_t i, n = 0;

	if (v == NULL || *v == '\0' || x->st != KLL_OK)
		return;
	if (!multi) {
		add_value(x, s, p, kind, v, rec);
		return;
	}
	if (kll_sssom_split(&vals, &n, v, NULL) != KLL_OK) {
		nomem(x);
		return;
	}
	for (i = 0; i < n; i++)
		add_value(x, s, p, kind, vals[i], rec);
	free(vals);
}

/* Declare the key's prefixes, then the usual ones it does not name. */
static void
set_prefixes(ex *x, const char *const (*std)[2], size_t nstd)
{
	size_t i, n = kll_mapset_nprefixes(x->m);
	const char *name;

	for (i = 0; i < n; i++) {
		name = kll_mapset_prefix_name(x->m, i);
		kll__rdf_prefix(x->g, name, kll_mapset_prefix(x->m, name));
	}
	for (i = 0; i < nstd; i++) {
		name = std[i][0];
		if (kll_mapset_prefix(x->m, name) == NULL ||
		    strcmp(kll_mapset_prefix(x->m, name), std[i][1]) == 0) {
			size_t k;
			for (k = 0; k < n; k++)
				if (strcmp(kll_mapset_prefix_name(x->m, k),
				        name) == 0)
					break;
			if (k == n)
				kll__rdf_prefix(x->g, name, std[i][1]);
		}
	}
}

/* ------------------------------------------------------------------ */
/* SKOS: one triple per record                                          */

static void
export_skos(ex *x)
{
	static const char *const std[][2] = { { "skos", NS_SKOS },
		{ "owl", NS_OWL }, { "rdfs", NS_RDFS } };
	const char *sid, *pid, *oid, *s, *p, *o;
	size_t i, rec;

	set_prefixes(x, std, sizeof(std) / sizeof(std[0]));
	for (i = 0; i < kll_mapset_count(x->m) && x->st == KLL_OK; i++) {
		rec = x->order[i];
		sid = kll_mapset_get(x->m, rec, KLL_SLOT_SUBJECT_ID);
		pid = kll_mapset_get(x->m, rec, KLL_SLOT_PREDICATE_ID);
		oid = kll_mapset_get(x->m, rec, KLL_SLOT_OBJECT_ID);
		if (is_negated(x->m, rec)) {
			x->stats.negated++;
			continue;
		}
		if (sid == NULL || oid == NULL || pid == NULL) {
			x->stats.literal++;
			continue;
		}
		if ((s = expand_to(x, &x->tmp[1], sid, rec)) == NULL ||
		    (p = expand_to(x, &x->tmp[2], pid, rec)) == NULL ||
		    (o = expand(x, oid, rec)) == NULL)
			break;
		if (strcmp(s, NOTERM) == 0 || strcmp(o, NOTERM) == 0) {
			x->stats.no_term++;
			continue;
		}
		kll__rdf_add_iri(x->g, s, p, o);
		x->stats.records++;
	}
}

/* ------------------------------------------------------------------ */
/* SSSOM/RDF                                                            */

/* The set-level slots, with their kinds and whether multivalued; the
 * propagatable ones go on the records instead. */
static const struct setslot {
	const char *name;
	kll_value_kind kind;
	int multi;
} set_slots[] = {
	{ "sssom_version", KLL_KIND_ENUM, 0 },
	{ "mapping_set_version", KLL_KIND_STRING, 0 },
	{ "mapping_set_source", KLL_KIND_URI, 1 },
	{ "mapping_set_title", KLL_KIND_STRING, 0 },
	{ "mapping_set_description", KLL_KIND_STRING, 0 },
	{ "mapping_set_confidence", KLL_KIND_DOUBLE, 0 },
	{ "creator_id", KLL_KIND_ENTITY, 1 },
	{ "creator_label", KLL_KIND_STRING, 1 },
	{ "license", KLL_KIND_URI, 0 },
	{ "publication_date", KLL_KIND_DATE, 0 },
	{ "see_also", KLL_KIND_URI, 1 },
	{ "issue_tracker", KLL_KIND_URI, 0 },
	{ "other", KLL_KIND_STRING, 0 },
	{ "comment", KLL_KIND_STRING, 0 },
};

static void
add_set(ex *x, const char *set)
{
	size_t i;

	kll__rdf_add_iri(x->g, set, NS_RDF "type", NS_SSSOM "MappingSet");
	for (i = 0; i < sizeof(set_slots) / sizeof(set_slots[0]); i++)
		add_slot(x, set, set_slots[i].name, set_slots[i].kind,
		    set_slots[i].multi,
		    kll_mapset_meta(x->m, set_slots[i].name), (size_t)-1);
}

/* Record "rec" as node "node": every slot but record_id, propagatable
 * ones from the set where the record has none. */
static void
add_record(ex *x, const char *node, size_t rec)
{
	const char *v;
	int s;

	kll__rdf_add_iri(x->g, node, NS_RDF "type", NS_OWL "Axiom");
	for (s = KLL_SLOT_RECORD_ID + 1; s < KLL_SLOT__COUNT; s++) {
		v = kll_mapset_get(x->m, rec, (kll_slot)s);
		if (v == NULL && kll_slot_propagatable((kll_slot)s))
			v = kll_mapset_meta(x->m, kll_slot_name((kll_slot)s));
		add_slot(x, node, kll_slot_name((kll_slot)s),
		    kll_slot_kind((kll_slot)s),
		    kll_slot_multivalued((kll_slot)s), v, rec);
	}
}

static void
export_sssom(ex *x, const char *set)
{
	static const char *const std[][2] = { { "dcterms", NS_DCT },
		{ "owl", NS_OWL }, { "pav", NS_PAV }, { "prov", NS_PROV },
		{ "rdf", NS_RDF }, { "rdfs", NS_RDFS }, { "semapv", NS_SEMAPV },
		{ "skos", NS_SKOS }, { "sssom", NS_SSSOM }, { "xsd", NS_XSD } };
	char node[64];
	const char *rid, *name;
	size_t i, rec;

	set_prefixes(x, std, sizeof(std) / sizeof(std[0]));
	add_set(x, set);
	for (i = 0; i < kll_mapset_count(x->m) && x->st == KLL_OK; i++) {
		rec = x->order[i];
		rid = kll_mapset_get(x->m, rec, KLL_SLOT_RECORD_ID);
		if (rid != NULL) {
			if ((rid = expand_to(x, &x->tmp[1], rid, rec)) == NULL)
				break;
		} else {
			snprintf(node, sizeof(node), "_:m%zu", i + 1);
			rid = node;
		}
		kll__rdf_add_iri(x->g, set, NS_SSSOM "mappings", rid);
		add_record(x, rid, rec);
		if (is_negated(x->m, rec))
			x->stats.negated++;
		x->stats.records++;
	}
	for (i = 0; i < kll_mapset_nextra(x->m); i++) {
		name = kll_mapset_extra_name(x->m, i);
		note(x, KLL_SEV_INFO, "export-extension",
		    "non-standard slot '%s' left out", name);
	}
	x->stats.negated = 0; /* kept, as sssom:NegatedPredicate */
}

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
} graph;

/* The node of "iri" on "side", added when new; -1 when out of memory. */
static long
node_of(ex *x, graph *gr, int side, const char *iri)
{
	size_t n = strlen(iri);
	uint32_t val;
	char *key;

	if ((key = kll__arena_alloc(&x->arena, n + 2)) == NULL)
		return -1;
	key[0] = (char)('0' + side);
	memcpy(key + 1, iri, n + 1);
	if (kll__map_get(&gr->index, key, n + 1, &val))
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
	if (kll__map_put(&gr->index, key, n + 1, (uint32_t)gr->n) < 0)
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
side_iri(ex *x, size_t rec, kll_slot s)
{
	const char *v = kll_mapset_get(x->m, rec, s), *t;

	if (v == NULL || (t = expand_keep(x, v, rec)) == NULL)
		return NULL;
	return strcmp(t, NOTERM) == 0 ? NULL : t;
}

/* Add the record's subject and object, and join them. */
static int
link_record(ex *x, graph *gr, size_t rec)
{
	const char *s, *o;
	long a = -1, b = -1;

	if (is_negated(x->m, rec)) {
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
		nomem(x);
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

	if (a->side != b->side)
		return a->side - b->side;
	return strcmp(a->iri, b->iri);
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
local_part(ex *x, kll__buf *b, const char *iri)
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
				nomem(x);
		} else if (kll__buf_addc(b, '%') < 0 ||
		           kll__buf_addc(b, hex[c >> 4]) < 0 ||
		           kll__buf_addc(b, hex[c & 15]) < 0)
			nomem(x);
	}
}

/* The IRI of group g: BASE/association/S-T after its first source and
 * target (either may be empty), made unique with a suffix "_2", "_3"... */
static const char *
group_iri(ex *x, const graph *gr, size_t g, const char *base, kll__map *used)
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
		nomem(x);
	kll__buf_free(&b);
	return iri;
}

/* "SUBJECT TITLE – OBJECT TITLE" into the arena, or NULL when a title is
 * missing. */
static const char *
join_titles(ex *x, const char *s, const char *o)
{
	kll__buf b = { NULL, 0, 0 };
	const char *t = NULL;

	if (s == NULL || *s == '\0' || o == NULL || *o == '\0')
		return NULL;
	if (kll__buf_adds(&b, s) < 0 || kll__buf_adds(&b, " " DASH " ") < 0 ||
	    kll__buf_adds(&b, o) < 0 || kll__buf_addc(&b, '\0') < 0 ||
	    (t = kll__arena_strdup(&x->arena, b.p)) == NULL)
		nomem(x);
	kll__buf_free(&b);
	return t;
}

/* Titles for a correspondence from the two vocabularies' titles, in
 * "lang" (t[0]) and in English (t[1]); NULL where a vocabulary cannot be
 * found or has no title in the language. */
static void
vocab_titles(ex *x, const char *lang, const char **t)
{
	kll_vocab *v[2] = { NULL, NULL };
	kll_error e;
	int i;

	for (i = 0; i < 2; i++)
		if (kll_mapset_vocab(&v[i], x->m,
		        i == 0 ? KLL_SUBJECT : KLL_OBJECT, x->o->dirs, NULL,
		        &e) != KLL_OK) {
			if (e.code == KLL_ENOMEM)
				nomem(x);
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
add_labels(ex *x, const char *corr, const char *lang)
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
		note(x, KLL_SEV_WARNING, "export-no-title",
		    "the correspondence has no skos:prefLabel in English, "
		    "which XKOS requires: %s",
		    en ? "no mapping_set_title, and no English titles of both "
		         "vocabularies" :
		         "no English titles of both vocabularies");
}

/* The correspondence's labels, description and dates; what XKOS wants
 * and the key lacks goes to the sink as a warning. */
static void
add_corr_texts(ex *x, const char *corr, const char *lang)
{
	const char *issued = kll_mapset_meta(x->m, "publication_date");

	add_labels(x, corr, lang);
	kll__rdf_add_lit(x->g, corr, NS_DCT "description",
	    kll_mapset_meta(x->m, "mapping_set_description"), lang);
	if (issued == NULL)
		issued = kll_mapset_meta(x->m, "mapping_date");
	if (issued == NULL)
		note(x, KLL_SEV_WARNING, "export-no-issued",
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
add_corr_links(ex *x, const char *corr)
{
	static const char *const src[2] = { "subject_source", "object_source" };
	const char *v, *t;
	char **vals = NULL;
	size_t i, n = 0;

	if ((v = kll_mapset_meta(x->m, "license")) != NULL)
		kll__rdf_add_iri(x->g, corr, NS_DCT "license", v);
	v = kll_mapset_meta(x->m, "creator_id");
	if (v != NULL && kll_sssom_split(&vals, &n, v, NULL) != KLL_OK)
		nomem(x);
	for (i = 0; i < n && (t = expand(x, vals[i], (size_t)-1)) != NULL;
	     i++) {
		kll__rdf_add_iri(x->g, corr, NS_DCT "creator", t);
		kll__rdf_add_iri(x->g, t, NS_RDF "type", NS_DCT "Agent");
	}
	free(vals);
	for (i = 0; i < 2; i++) {
		if ((v = kll_mapset_meta(x->m, src[i])) == NULL) {
			note(x, KLL_SEV_WARNING, "export-no-source",
			    "no %s: the correspondence does not say which "
			    "classification it compares",
			    src[i]);
			continue;
		}
		if ((t = expand(x, v, (size_t)-1)) != NULL)
			kll__rdf_add_iri(x->g, corr, NS_XKOS "compares", t);
	}
}

static void
add_groups(ex *x, const graph *gr, const char *corr)
{
	kll__map used = { NULL, NULL, NULL, 0, 0 };
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

static void
export_xkos(ex *x, const char *corr)
{
	static const char *const std[][2] = { { "dcterms", NS_DCT },
		{ "owl", NS_OWL }, { "rdf", NS_RDF }, { "skos", NS_SKOS },
		{ "xkos", NS_XKOS }, { "xsd", NS_XSD } };
	graph gr;
	size_t i;

	memset(&gr, 0, sizeof(gr));
	set_prefixes(x, std, sizeof(std) / sizeof(std[0]));
	for (i = 0; i < kll_mapset_count(x->m) && x->st == KLL_OK; i++)
		if (link_record(x, &gr, x->order[i]) < 0)
			break;
	if (x->st == KLL_OK && make_groups(&gr) < 0)
		nomem(x);
	if (x->st == KLL_OK) {
		kll__rdf_add_iri(
		    x->g, corr, NS_RDF "type", NS_XKOS "Correspondence");
		add_corr_texts(x, corr, x->o->lang ? x->o->lang : "en");
		add_corr_links(x, corr);
		add_groups(x, &gr, corr);
	}
	graph_free(&gr);
}

/* ------------------------------------------------------------------ */
/* The export                                                           */

static void
left_out_notes(ex *x)
{
	const kll_export_stats *s = &x->stats;

	if (s->negated > 0)
		note(x, KLL_SEV_INFO, "export-negated",
		    "%zu record%s with predicate_modifier Not left out: %s "
		    "cannot say that concepts do not match",
		    s->negated, s->negated == 1 ? "" : "s",
		    x->o->form == KLL_EXPORT_XKOS ? "XKOS" : "SKOS");
	if (s->no_term > 0)
		note(x, KLL_SEV_INFO, "export-no-term",
		    "%zu record%s with sssom:NoTermFound left out", s->no_term,
		    s->no_term == 1 ? "" : "s");
	if (s->literal > 0)
		note(x, KLL_SEV_INFO, "export-literal",
		    "%zu literal mapping%s (no subject_id or object_id) left "
		    "out",
		    s->literal, s->literal == 1 ? "" : "s");
}

static int
lang_ok(const char *s)
{
	if (*s == '\0' || *s == '-')
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		        (*s >= '0' && *s <= '9') || *s == '-'))
			return 0;
	return 1;
}

static void
run(ex *x, FILE *out, const char *outname)
{
	const char *set = kll_mapset_meta(x->m, "mapping_set_id");

	if (x->o->form != KLL_EXPORT_SKOS && set == NULL) {
		fail(x, KLL_EINVALID, (size_t)-1,
		    "no mapping_set_id, which names the %s",
		    x->o->form == KLL_EXPORT_XKOS ? "XKOS correspondence" :
		                                    "SSSOM/RDF mapping set");
		return;
	}
	if (sort_records(x) < 0) {
		nomem(x);
		return;
	}
	if (x->o->form == KLL_EXPORT_SKOS)
		export_skos(x);
	else if (x->o->form == KLL_EXPORT_SSSOM_RDF)
		export_sssom(x, set);
	else
		export_xkos(x, set);
	if (x->st == KLL_OK)
		x->st = kll__rdf_write(x->g, out,
		    x->o->syntax ? x->o->syntax : "turtle", outname, x->err);
	if (x->st == KLL_OK)
		left_out_notes(x);
}

kll_status
kll_mapset_export(const kll_mapset *m, const kll_export_opts *opts, FILE *out,
    const char *outname, kll_export_stats *stats, kll_error *err)
{
	kll_export_opts def = KLL_EXPORT_OPTS_INIT;
	kll_error local;
	ex x;

	memset(&x, 0, sizeof(x));
	x.m = m;
	x.o = opts ? opts : &def;
	x.err = err ? err : &local;
	if (stats != NULL)
		memset(stats, 0, sizeof(*stats));
	if (m == NULL || out == NULL ||
	    (x.o->form != KLL_EXPORT_SKOS &&
	        x.o->form != KLL_EXPORT_SSSOM_RDF &&
	        x.o->form != KLL_EXPORT_XKOS))
		return kll__error_set(err, KLL_EARG, NULL, 0, 0,
		    "bad arguments to kll_mapset_export");
	if (x.o->lang != NULL && !lang_ok(x.o->lang))
		return kll__error_set(err, KLL_EARG, NULL, 0, 0,
		    "bad language tag '%s'", x.o->lang);
	if (x.o->syntax != NULL && !kll__rdf_can_write(x.o->syntax))
		return kll__error_set(err, KLL_EARG, NULL, 0, 0,
		    "raptor cannot write RDF syntax '%s'", x.o->syntax);
	x.st = kll__rdf_new(
	    &x.g, x.o->storage, x.o->storage_name, x.o->storage_options, x.err);
	if (x.st == KLL_OK)
		run(&x, out, outname);
	if (x.st == KLL_OK && stats != NULL)
		*stats = x.stats;
	kll__rdf_free(x.g);
	free(x.order);
	kll__buf_free(&x.tmp[0]);
	kll__buf_free(&x.tmp[1]);
	kll__buf_free(&x.tmp[2]);
	kll__arena_free(&x.arena);
	return x.st;
}

int
kll_rdf_can_write(const char *name)
{
	return name != NULL && *name != '\0' && kll__rdf_can_write(name);
}
