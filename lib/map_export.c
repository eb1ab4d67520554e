/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map_export.c: a key as RDF (kll_mapset_export): SKOS mapping triples,
 * SSSOM/RDF (the set and its owl:Axiom records), or an XKOS
 * correspondence of concept associations (map_export_xkos.c); the
 * records in canonical order, their values, and the run. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "map_export.h"
#include "map_load.h"

/* ------------------------------------------------------------------ */
/* Failures and notes                                                   */

static void fail(kll__ex *x, kll_status code, size_t rec, const char *fmt, ...)
    KLL__PRINTF(4, 5);

/* Record the first failure; rec is a record, or (size_t)-1 for none. */
static void
fail(kll__ex *x, kll_status code, size_t rec, const char *fmt, ...)
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

void
kll__ex_nomem(kll__ex *x)
{
	fail(x, KLL_ENOMEM, (size_t)-1, "out of memory");
}

void
kll__ex_note(
    kll__ex *x, kll_severity sev, const char *rule, const char *fmt, ...)
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
	const uint32_t *key; /* the record's ranks, one a column */
	uint32_t width, rec;
};

static int
cmp_rec(const void *pa, const void *pb)
{
	const struct recref *a = pa, *b = pb;
	uint32_t i;

	for (i = 0; i < a->width; i++)
		if (a->key[i] != b->key[i])
			return a->key[i] < b->key[i] ? -1 : 1;
	return a->rec < b->rec ? -1 : a->rec > b->rec;
}

struct distinct {
	const char *s;
	uint32_t id;
};

static int
cmp_distinct(const void *pa, const void *pb)
{
	return strcmp(((const struct distinct *)pa)->s,
	    ((const struct distinct *)pb)->s);
}

/* Column c's values as ranks into key[rec * width + k]: 0 for none, else
 * 1 + the place of the value among the column's distinct values in byte
 * order.  Returns 0 when the column is empty, -1 when out of memory. */
static int
rank_column(const kll_mapset *m, size_t c, uint32_t *key, size_t width,
    size_t k)
{
	const char *const *col = kll__mapset_column(m, c);
	size_t n = kll_mapset_count(m), i, nd = 0, cap = 0;
	kll__map ids = KLL__MAP_INIT;
	struct distinct *d = NULL;
	uint32_t *rank = NULL, id = 0;
	const char *v, *last = NULL;
	int rc = -1;

	if (col == NULL)
		return 0;
	for (i = 0; i < n; i++) {
		v = col[i];
		if (v == NULL) {
			key[i * width + k] = UINT32_MAX;
			continue;
		}
		if (v != last && !kll__map_get(&ids, v, strlen(v), &id)) {
			id = (uint32_t)nd;
			if (kll__grow(&d, &cap, nd + 1, sizeof(*d)) < 0 ||
			    kll__map_put(&ids, v, strlen(v), id) < 0)
				goto out;
			d[nd].s = v;
			d[nd].id = id;
			nd++;
		}
		last = v;
		key[i * width + k] = id;
	}
	rc = nd > 0;
	if (nd == 0)
		goto out;
	if ((rank = kll__malloc(nd * sizeof(*rank))) == NULL) {
		rc = -1;
		goto out;
	}
	qsort(d, nd, sizeof(*d), cmp_distinct);
	for (i = 0; i < nd; i++)
		rank[d[i].id] = (uint32_t)i + 1;
	for (i = 0; i < n; i++) {
		uint32_t *p = &key[i * width + k];
		*p = *p == UINT32_MAX ? 0 : rank[*p];
	}
out:
	kll__map_free(&ids);
	free(d);
	free(rank);
	return rc;
}

/* The records in the order of their values, slot by slot and then the
 * extension slots, each compared by bytes (none first), and else as
 * read.  Each column is ranked once, so that the sort compares numbers;
 * a column with no value anywhere is left out. */
static int
sort_records(kll__ex *x)
{
	size_t n = kll_mapset_count(x->m), i, c, width = 0, nonempty = 0;
	size_t ncols = KLL_SLOT__COUNT + kll_mapset_nextra(x->m);
	struct recref *refs = NULL;
	uint32_t *key = NULL;
	int rc = -1, r;

	if ((x->order = kll__malloc((n ? n : 1) * sizeof(*x->order))) == NULL)
		return -1;
	for (i = 0; i < n; i++)
		x->order[i] = i;
	if (n < 2)
		return 0;
	/* The rows of ranks are as wide as the columns with values. */
	for (c = 0; c < ncols; c++)
		nonempty += kll__mapset_column(x->m, c) != NULL;
	if (nonempty == 0)
		return 0;
	if ((key = kll__malloc(n * nonempty * sizeof(*key))) == NULL)
		return -1;
	for (c = 0; c < ncols && width < nonempty; c++) {
		if ((r = rank_column(x->m, c, key, nonempty, width)) < 0)
			goto out;
		width += (size_t)r;
	}
	if ((refs = kll__malloc(n * sizeof(*refs))) == NULL)
		goto out;
	for (i = 0; i < n; i++) {
		refs[i].key = key + i * nonempty;
		refs[i].width = (uint32_t)width;
		refs[i].rec = (uint32_t)i;
	}
	qsort(refs, n, sizeof(*refs), cmp_rec);
	for (i = 0; i < n; i++)
		x->order[i] = refs[i].rec;
	rc = 0;
out:
	free(refs);
	free(key);
	return rc;
}

static const char *
expand_to(kll__ex *x, kll__buf *b, const char *v, size_t rec)
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
		kll__ex_nomem(x);
		return NULL;
	}
	kll_mapset_expand(x->m, v, b->p, n + 1);
	return b->p;
}

const char *
kll__ex_expand(kll__ex *x, const char *v, size_t rec)
{
	return expand_to(x, &x->tmp[0], v, rec);
}

const char *
kll__ex_expand_keep(kll__ex *x, const char *v, size_t rec)
{
	const char *t = kll__ex_expand(x, v, rec);
	char *p;

	if (t == NULL)
		return NULL;
	if ((p = kll__arena_strdup(&x->arena, t)) == NULL)
		kll__ex_nomem(x);
	return p;
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
add_value(kll__ex *x, const char *s, const char *p, kll_value_kind kind,
    const char *v, size_t rec)
{
	const char *t;

	switch (kind) {
	case KLL_KIND_ENTITY:
		if ((t = kll__ex_expand(x, v, rec)) != NULL)
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
add_slot(kll__ex *x, const char *s, const char *name, kll_value_kind kind,
    int multi, const char *v, size_t rec)
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
		kll__ex_nomem(x);
		return;
	}
	for (i = 0; i < n; i++)
		add_value(x, s, p, kind, vals[i], rec);
	free(vals);
}

void
kll__ex_prefixes(kll__ex *x, const char *const (*std)[2], size_t nstd)
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
export_skos(kll__ex *x)
{
	static const char *const std[][2] = { { "skos", NS_SKOS },
		{ "owl", NS_OWL }, { "rdfs", NS_RDFS } };
	const char *sid, *pid, *oid, *s, *p, *o;
	size_t i, rec;

	kll__ex_prefixes(x, std, sizeof(std) / sizeof(std[0]));
	for (i = 0; i < kll_mapset_count(x->m) && x->st == KLL_OK; i++) {
		rec = x->order[i];
		sid = kll_mapset_get(x->m, rec, KLL_SLOT_SUBJECT_ID);
		pid = kll_mapset_get(x->m, rec, KLL_SLOT_PREDICATE_ID);
		oid = kll_mapset_get(x->m, rec, KLL_SLOT_OBJECT_ID);
		if (kll__record_negated(x->m, rec)) {
			x->stats.negated++;
			continue;
		}
		if (sid == NULL || oid == NULL || pid == NULL) {
			x->stats.literal++;
			continue;
		}
		if ((s = expand_to(x, &x->tmp[1], sid, rec)) == NULL ||
		    (p = expand_to(x, &x->tmp[2], pid, rec)) == NULL ||
		    (o = kll__ex_expand(x, oid, rec)) == NULL)
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
add_set(kll__ex *x, const char *set)
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
add_record(kll__ex *x, const char *node, size_t rec)
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
export_sssom(kll__ex *x, const char *set)
{
	static const char *const std[][2] = { { "dcterms", NS_DCT },
		{ "owl", NS_OWL }, { "pav", NS_PAV }, { "prov", NS_PROV },
		{ "rdf", NS_RDF }, { "rdfs", NS_RDFS }, { "semapv", NS_SEMAPV },
		{ "skos", NS_SKOS }, { "sssom", NS_SSSOM }, { "xsd", NS_XSD } };
	char node[64];
	const char *rid, *name;
	size_t i, rec;

	kll__ex_prefixes(x, std, sizeof(std) / sizeof(std[0]));
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
		if (kll__record_negated(x->m, rec))
			x->stats.negated++;
		x->stats.records++;
	}
	for (i = 0; i < kll_mapset_nextra(x->m); i++) {
		name = kll_mapset_extra_name(x->m, i);
		kll__ex_note(x, KLL_SEV_INFO, "export-extension",
		    "non-standard slot '%s' left out", name);
	}
	x->stats.negated = 0; /* kept, as sssom:NegatedPredicate */
}

/* ------------------------------------------------------------------ */
/* The export                                                           */

static void
left_out_notes(kll__ex *x)
{
	const kll_export_stats *s = &x->stats;

	if (s->negated > 0)
		kll__ex_note(x, KLL_SEV_INFO, "export-negated",
		    "%zu record%s with predicate_modifier Not left out: %s "
		    "cannot say that concepts do not match",
		    s->negated, s->negated == 1 ? "" : "s",
		    x->o->form == KLL_EXPORT_XKOS ? "XKOS" : "SKOS");
	if (s->no_term > 0)
		kll__ex_note(x, KLL_SEV_INFO, "export-no-term",
		    "%zu record%s with sssom:NoTermFound left out", s->no_term,
		    s->no_term == 1 ? "" : "s");
	if (s->literal > 0)
		kll__ex_note(x, KLL_SEV_INFO, "export-literal",
		    "%zu literal mapping%s (no subject_id or object_id) left "
		    "out",
		    s->literal, s->literal == 1 ? "" : "s");
}

static void
run(kll__ex *x, FILE *out, const char *outname)
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
		kll__ex_nomem(x);
		return;
	}
	if (x->o->form == KLL_EXPORT_SKOS)
		export_skos(x);
	else if (x->o->form == KLL_EXPORT_SSSOM_RDF)
		export_sssom(x, set);
	else
		kll__ex_xkos(x, set);
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
	kll__ex x;

	memset(&x, 0, sizeof(x));
	x.m = m;
	x.o = opts ? opts : &def;
	x.err = err ? err : &local;
	if (stats != NULL)
		memset(stats, 0, sizeof(*stats));
	if (m != NULL && out != NULL &&
	    (x.o->form == KLL_EXPORT_SSSOM_JSON ||
	        x.o->form == KLL_EXPORT_JSKOS))
		return kll__export_json(m, x.o, out, outname, stats, err);
	if (m == NULL || out == NULL ||
	    (x.o->form != KLL_EXPORT_SKOS &&
	        x.o->form != KLL_EXPORT_SSSOM_RDF &&
	        x.o->form != KLL_EXPORT_XKOS))
		return kll__error_set(err, KLL_EARG, NULL, 0, 0,
		    "bad arguments to kll_mapset_export");
	if (x.o->lang != NULL && !kll_lang_ok(x.o->lang))
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
