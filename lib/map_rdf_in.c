/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map_rdf_in.c: a key read from RDF in any syntax raptor reads: SSSOM/RDF
 * (a sssom:MappingSet and its sssom:mappings, owl:Axiom or sssom:Mapping
 * nodes, as kll-map export and sssom-py write them), an XKOS
 * correspondence (xkos:madeOf concept associations back to rows), or
 * plain SKOS mapping triples (one row each, the sources from the
 * skos:inScheme of the concepts where the file gives it).  The triples
 * are kept as strings, indexed by subject, then read into the set. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <raptor2.h>

#include "map_load.h"
#include "rdf_guard.h"
#include "rdf_write.h"

#define NS_XKOS_OLD "http://purl.org/linked-data/xkos#"

typedef struct rt {
	const char *s, *p, *o; /* IRIs; blank nodes as "_:id" */
	const char *dt;        /* a literal's datatype, or NULL */
	int lit;               /* o is a literal's text */
	unsigned line;
	uint32_t next; /* the next triple of s, or KLL__ITAB_NONE */
} rt;

typedef struct rin {
	kll__kin *k;
	raptor_world *world;
	raptor_parser *parser;
	rt *t;
	size_t n, cap;
	kll__map subj;         /* s -> its first triple */
	uint32_t *head, *last; /* per subject: its first and last triple */
	size_t nlast, caplast, caphead;
	int failed;
} rin;

/* ------------------------------------------------------------------ */
/* Parsing                                                              */

static void
on_log(void *data, raptor_log_message *m)
{
	rin *r = data;
	int line = -1, col = -1;

	if (m->level < RAPTOR_LOG_LEVEL_ERROR || r->failed)
		return;
	if (m->locator != NULL) {
		line = raptor_locator_line(m->locator);
		col = raptor_locator_column(m->locator);
	}
	r->failed = 1;
	kll__kin_syntax(r->k, line > 0 ? (unsigned)line : 0,
	    col > 0 ? (unsigned)col : 0, "sssom-rdf-syntax", "RDF: %s",
	    m->text ? m->text : "cannot parse");
}

static const char *
term(rin *r, const raptor_term *t)
{
	const char *s;
	char *b;
	size_t n;

	if (t->type == RAPTOR_TERM_TYPE_URI)
		s = (const char *)raptor_uri_as_string(t->value.uri);
	else if (t->type == RAPTOR_TERM_TYPE_LITERAL)
		s = (const char *)t->value.literal.string;
	else {
		n = t->value.blank.string_len;
		if ((b = kll__arena_alloc(&r->k->a, n + 3)) == NULL)
			return NULL;
		memcpy(b, "_:", 2);
		memcpy(b + 2, t->value.blank.string, n);
		b[n + 2] = '\0';
		return b;
	}
	return kll__arena_strdup(&r->k->a, s ? s : "");
}

static void
on_statement(void *data, raptor_statement *st)
{
	rin *r = data;
	raptor_locator *loc;
	uint32_t first;
	rt *t;

	if (r->k->st != KLL_OK)
		return;
	if (kll__grow(&r->t, &r->cap, r->n, sizeof(*r->t)) < 0)
		goto nomem;
	t = &r->t[r->n];
	memset(t, 0, sizeof(*t));
	t->next = KLL__ITAB_NONE;
	if ((t->s = term(r, st->subject)) == NULL ||
	    (t->p = term(r, st->predicate)) == NULL ||
	    (t->o = term(r, st->object)) == NULL)
		goto nomem;
	t->lit = st->object->type == RAPTOR_TERM_TYPE_LITERAL;
	if (t->lit && st->object->value.literal.datatype != NULL &&
	    (t->dt = kll__arena_strdup(
	         &r->k->a, (const char *)raptor_uri_as_string(
	                       st->object->value.literal.datatype))) == NULL)
		goto nomem;
	loc = raptor_parser_get_locator(r->parser);
	if (loc != NULL && raptor_locator_line(loc) > 0)
		t->line = (unsigned)raptor_locator_line(loc);
	if (kll__map_get(&r->subj, t->s, strlen(t->s), &first)) {
		r->t[r->last[first]].next = (uint32_t)r->n;
		r->last[first] = (uint32_t)r->n;
	} else {
		if (kll__grow(&r->last, &r->caplast, r->nlast,
		        sizeof(*r->last)) < 0 ||
		    kll__grow(&r->head, &r->caphead, r->nlast,
		        sizeof(*r->head)) < 0 ||
		    kll__map_put(
		        &r->subj, t->s, strlen(t->s), (uint32_t)r->nlast) < 0)
			goto nomem;
		r->head[r->nlast] = (uint32_t)r->n;
		r->last[r->nlast++] = (uint32_t)r->n;
	}
	r->n++;
	return;
nomem:
	kll__kin_nomem(r->k);
}

/* The file's prefixes become the key's, where the model takes them. */
static void
on_namespace(void *data, raptor_namespace *ns)
{
	rin *r = data;
	const unsigned char *prefix = raptor_namespace_get_prefix(ns);
	raptor_uri *uri = raptor_namespace_get_uri(ns);

	if (prefix == NULL || *prefix == '\0' || uri == NULL ||
	    kll_mapset_prefix(r->k->m, (const char *)prefix) != NULL)
		return;
	(void)kll_mapset_add_prefix(r->k->m, (const char *)prefix,
	    (const char *)raptor_uri_as_string(uri), NULL);
}

static void
parse(rin *r, const char *text, size_t n, const char *path)
{
	const char *syntax;
	unsigned char *uri = NULL;
	raptor_uri *base = NULL;
	kll__guard guard;
	kll_error err;

	kll__guard_init(&guard, NULL, r->k->file);
	if ((r->world = kll__raptor_world_new(r, on_log)) == NULL) {
		kll__kin_nomem(r->k);
		return;
	}
	syntax = raptor_world_guess_parser_name(r->world, NULL, NULL,
	    (const unsigned char *)text, n,
	    strcmp(path, "-") ? (const unsigned char *)path : NULL);
	if (syntax == NULL || !kll__rdf_syntax_ok(syntax))
		syntax = "turtle";
	kll__guard_init(&guard, syntax, r->k->file);
	if (kll__guard_xml_prologue(&guard, text,
	        n < KLL_XML_DOCTYPE_MAX ? n : KLL_XML_DOCTYPE_MAX,
	        &err) != KLL_OK ||
	    kll__guard_feed(&guard, text, n, &err) != KLL_OK) {
		kll__kin_syntax(
		    r->k, err.line, err.col, "sssom-rdf-syntax", "%s", err.msg);
		r->failed = 1;
		goto out;
	}
	uri = strcmp(path, "-") ? raptor_uri_filename_to_uri_string(path) :
	                          (unsigned char *)NULL;
	base = raptor_new_uri(
	    r->world, uri ? uri : (const unsigned char *)"file:///dev/stdin");
	if (base == NULL ||
	    (r->parser = kll__raptor_parser_new(r->world, syntax)) == NULL) {
		kll__kin_nomem(r->k);
		goto out;
	}
	raptor_parser_set_statement_handler(r->parser, r, on_statement);
	raptor_parser_set_namespace_handler(r->parser, r, on_namespace);
	if (raptor_parser_parse_start(r->parser, base) != 0 ||
	    raptor_parser_parse_chunk(
	        r->parser, (const unsigned char *)text, n, 1) != 0) {
		if (!r->failed)
			kll__kin_syntax(r->k, 0, 0, "sssom-rdf-syntax",
			    "RDF: cannot parse as %s", syntax);
		r->failed = 1;
	}
	if ((syntax = kll__xml_refused()) != NULL && !r->failed) {
		kll__kin_syntax(r->k, 0, 0, "sssom-rdf-syntax",
		    "external entity \"%s\" is not read", syntax);
		r->failed = 1;
	}
out:
	kll__guard_free(&guard);
	if (base != NULL)
		raptor_free_uri(base);
	raptor_free_memory(uri);
}

/* ------------------------------------------------------------------ */
/* Looking up                                                           */

/* The first triple of subject s, or KLL__ITAB_NONE. */
static uint32_t
first_of(const rin *r, const char *s)
{
	uint32_t slot;

	if (!kll__map_get(&r->subj, s, strlen(s), &slot))
		return KLL__ITAB_NONE;
	return r->head[slot];
}

/* The first triple (s, p), or NULL. */
static const rt *
value_of(const rin *r, const char *s, const char *p)
{
	uint32_t i;

	for (i = first_of(r, s); i != KLL__ITAB_NONE; i = r->t[i].next)
		if (strcmp(r->t[i].p, p) == 0)
			return &r->t[i];
	return NULL;
}

/* The first subject typed cls, or NULL. */
static const char *
typed(const rin *r, const char *cls)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->t[i].p, NS_RDF "type") == 0 && !r->t[i].lit &&
		    strcmp(r->t[i].o, cls) == 0)
			return r->t[i].s;
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Values                                                               */

/* The slot a property stands for, or NULL. */
static const char *
slot_of(const char *p)
{
	static const char *const props[][2] = {
		{ NS_OWL "annotatedSource", "subject_id" },
		{ NS_OWL "annotatedProperty", "predicate_id" },
		{ NS_OWL "annotatedTarget", "object_id" },
		{ NS_OWL "versionInfo", "mapping_set_version" },
		{ NS_DCT "title", "mapping_set_title" },
		{ NS_DCT "description", "mapping_set_description" },
		{ NS_DCT "creator", "creator_id" },
		{ NS_DC "creator", "creator_id" },
		{ NS_PAV "authoredBy", "author_id" },
		{ NS_DCT "license", "license" },
		{ NS_DC "license", "license" },
		{ NS_PROV "wasDerivedFrom", "mapping_set_source" },
		{ NS_DCT "created", "mapping_date" },
		{ NS_PAV "authoredOn", "mapping_date" },
		{ NS_DCT "issued", "publication_date" },
		{ NS_RDFS "seeAlso", "see_also" },
		{ NS_RDFS "comment", "comment" },
	};
	size_t i, n = strlen(NS_SSSOM);

	for (i = 0; i < sizeof(props) / sizeof(props[0]); i++)
		if (strcmp(props[i][0], p) == 0)
			return props[i][1];
	if (strncmp(p, NS_SSSOM, n) == 0 && p[n] != '\0' &&
	    strchr(p + n, '/') == NULL && strchr(p + n, '#') == NULL)
		return p + n;
	return NULL;
}

/* An enumeration's meaning IRI back to its value. */
static const char *
enum_value(const char *iri)
{
	static const char *const vals[][2] = {
		{ NS_OWL "Class", "owl class" },
		{ NS_OWL "ObjectProperty", "owl object property" },
		{ NS_OWL "DataProperty", "owl data property" },
		{ NS_OWL "AnnotationProperty", "owl annotation property" },
		{ NS_OWL "NamedIndividual", "owl named individual" },
		{ NS_SKOS "Concept", "skos concept" },
		{ NS_RDFS "Resource", "rdfs resource" },
		{ NS_RDFS "Class", "rdfs class" },
		{ NS_RDFS "Literal", "rdfs literal" },
		{ NS_RDFS "Datatype", "rdfs datatype" },
		{ NS_RDF "Property", "rdf property" },
		{ NS_SSSOM "ComposedEntityExpression",
		    "composed entity expression" },
		{ NS_SSSOM "NegatedPredicate", "Not" },
		{ NS_SSSOM "version1.0", "1.0" },
		{ NS_SSSOM "version1.1", "1.1" },
	};
	size_t i;

	for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++)
		if (strcmp(vals[i][0], iri) == 0)
			return vals[i][1];
	return NULL;
}

/* The kind of a slot by name; set-only slots by their schema range. */
static kll_value_kind
kind_of(const char *name)
{
	kll_slot s = kll_slot_from_name(name);

	if (s != KLL_SLOT__COUNT)
		return kll_slot_kind(s);
	if (strcmp(name, "mapping_set_id") == 0 ||
	    strcmp(name, "mapping_set_source") == 0 ||
	    strcmp(name, "issue_tracker") == 0)
		return KLL_KIND_URI;
	if (strcmp(name, "mapping_set_confidence") == 0)
		return KLL_KIND_DOUBLE;
	if (strcmp(name, "sssom_version") == 0)
		return KLL_KIND_ENUM;
	return KLL_KIND_STRING;
}

static int
multi(const char *name)
{
	kll_slot s = kll_slot_from_name(name);

	if (s != KLL_SLOT__COUNT)
		return kll_slot_multivalued(s);
	return strcmp(name, "mapping_set_source") == 0;
}

/* Triple t's object as the text slot "name" takes, into buf. */
static const char *
text_of(rin *r, const rt *t, const char *name, char *buf, size_t size)
{
	const char *v;

	switch (kind_of(name)) {
	case KLL_KIND_ENTITY:
		if (t->lit)
			return t->o;
		if ((v = kll__kin_curie(r->k, t->o, NULL, buf, size)) == NULL &&
		    r->k->st == KLL_OK)
			kll__kin_report(r->k, KLL_SEV_ERROR, t->line, 0,
			    "sssom-bad-value",
			    "%s: no CURIE can be made of <%s>", name, t->o);
		return v;
	case KLL_KIND_DOUBLE:
		snprintf(buf, size, "%.15g", strtod(t->o, NULL));
		return buf;
	case KLL_KIND_DATE:
		snprintf(buf, size, "%.10s", t->o);
		return buf;
	case KLL_KIND_ENUM:
		if (!t->lit && (v = enum_value(t->o)) != NULL)
			return v;
		return t->o;
	default:
		return t->o;
	}
}

/* Every slot of node "s" into record rec ((size_t)-1: the set). */
static void
read_node(rin *r, const char *s, size_t rec)
{
	kll__buf vals[KLL_SLOT__COUNT + 8];
	const char *names[KLL_SLOT__COUNT + 8], *name, *v;
	unsigned lines[KLL_SLOT__COUNT + 8];
	size_t nn = 0, i;
	char buf[1024];
	uint32_t k;

	memset(vals, 0, sizeof(vals));
	for (k = first_of(r, s); k != KLL__ITAB_NONE && r->k->st == KLL_OK;
	     k = r->t[k].next) {
		const rt *t = &r->t[k];
		if (strcmp(t->p, NS_RDF "type") == 0 ||
		    strcmp(t->p, NS_SSSOM "mappings") == 0)
			continue;
		if ((name = slot_of(t->p)) == NULL ||
		    (rec == (size_t)-1 && strcmp(name, "mapping_set_id") == 0 &&
		        s[0] != '_')) {
			if (name == NULL)
				kll__kin_report(r->k, KLL_SEV_WARNING, t->line,
				    0, "sssom-unknown-slot",
				    "<%s> is no SSSOM slot (left out)", t->p);
			continue;
		}
		if ((v = text_of(r, t, name, buf, sizeof(buf))) == NULL)
			continue;
		for (i = 0; i < nn && strcmp(names[i], name) != 0; i++)
			;
		if (i == nn) {
			if (nn == sizeof(names) / sizeof(names[0]))
				continue;
			names[nn] = name;
			lines[nn++] = t->line;
		} else if (!multi(name)) {
			kll__kin_report(r->k, KLL_SEV_ERROR, t->line, 0,
			    "sssom-not-multivalued",
			    "%s given twice to one node", name);
			continue;
		}
		if ((vals[i].n > 0 && kll__buf_addc(&vals[i], '|') < 0) ||
		    kll__list_add_escaped(&vals[i], v) < 0)
			kll__kin_nomem(r->k);
	}
	for (i = 0; i < nn; i++) {
		if (r->k->st == KLL_OK && kll__buf_addc(&vals[i], '\0') == 0)
			kll__kin_set(
			    r->k, rec, names[i], vals[i].p, lines[i], 0, "");
		kll__buf_free(&vals[i]);
	}
}

/* A node's own line: that of its first triple. */
static unsigned
line_of(const rin *r, const char *s)
{
	uint32_t k = first_of(r, s);

	return k == KLL__ITAB_NONE ? 0 : r->t[k].line;
}

/* ------------------------------------------------------------------ */
/* The three shapes                                                     */

static void
require(rin *r, size_t rec)
{
	static const kll_slot need[] = { KLL_SLOT_SUBJECT_ID,
		KLL_SLOT_PREDICATE_ID, KLL_SLOT_OBJECT_ID,
		KLL_SLOT_MAPPING_JUSTIFICATION };
	size_t i;

	for (i = 0; i < sizeof(need) / sizeof(need[0]); i++)
		if (kll_mapset_get(r->k->m, rec, need[i]) == NULL &&
		    kll_mapset_meta(r->k->m, kll_slot_name(need[i])) == NULL &&
		    !(need[i] == KLL_SLOT_SUBJECT_ID &&
		        kll_mapset_get(r->k->m, rec, KLL_SLOT_SUBJECT_LABEL)) &&
		    !(need[i] == KLL_SLOT_OBJECT_ID &&
		        kll_mapset_get(r->k->m, rec, KLL_SLOT_OBJECT_LABEL)))
			kll__kin_report(r->k, KLL_SEV_ERROR,
			    rec < r->k->caplines ? r->k->lines[rec] : 0, 0,
			    "sssom-missing-slot", "a mapping without %s",
			    kll_slot_name(need[i]));
}

static void
read_sssom(rin *r, const char *set)
{
	const rt *id;
	char buf[1024];
	size_t rec;
	uint32_t k;

	if (set[0] != '_')
		kll__kin_set(r->k, (size_t)-1, "mapping_set_id", set,
		    line_of(r, set), 0, "");
	else if ((id = value_of(r, set, NS_SSSOM "mapping_set_id")) != NULL)
		kll__kin_set(
		    r->k, (size_t)-1, "mapping_set_id", id->o, id->line, 0, "");
	read_node(r, set, (size_t)-1);
	for (k = first_of(r, set); k != KLL__ITAB_NONE && r->k->st == KLL_OK;
	     k = r->t[k].next) {
		const rt *t = &r->t[k];
		if (strcmp(t->p, NS_SSSOM "mappings") != 0)
			continue;
		if (t->lit) {
			kll__kin_report(r->k, KLL_SEV_ERROR, t->line, 0,
			    "sssom-bad-value",
			    "sssom:mappings names a literal");
			continue;
		}
		if (kll_mapset_add(r->k->m, &rec, NULL) != KLL_OK) {
			kll__kin_nomem(r->k);
			return;
		}
		kll__kin_line(
		    r->k, rec, line_of(r, t->o) ? line_of(r, t->o) : t->line);
		if (t->o[0] != '_' &&
		    kll__kin_curie(r->k, t->o, NULL, buf, sizeof(buf)) != NULL)
			kll__kin_set(
			    r->k, rec, "record_id", buf, t->line, 0, "");
		read_node(r, t->o, rec);
		require(r, rec);
	}
}

/* The SKOS mapping properties. */
static int
skos_mapping(const char *p)
{
	static const char *const names[] = { "exactMatch", "closeMatch",
		"broadMatch", "narrowMatch", "relatedMatch" };
	size_t i, n = strlen(NS_SKOS);

	if (strncmp(p, NS_SKOS, n) != 0)
		return 0;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(p + n, names[i]) == 0)
			return 1;
	return 0;
}

/* A concept's CURIE and prefLabel into record rec. */
static void concept(
    rin *r, size_t rec, const char *iri, int side, unsigned line)
{
	char buf[1024];
	const rt *l;

	if (kll__kin_curie(r->k, iri, NULL, buf, sizeof(buf)) == NULL) {
		if (r->k->st == KLL_OK)
			kll__kin_report(r->k, KLL_SEV_ERROR, line, 0,
			    "sssom-bad-value", "no CURIE can be made of <%s>",
			    iri);
		return;
	}
	kll__kin_set(
	    r->k, rec, side ? "object_id" : "subject_id", buf, line, 0, "");
	if ((l = value_of(r, iri, NS_SKOS "prefLabel")) != NULL && l->lit)
		kll__kin_set(r->k, rec, side ? "object_label" : "subject_label",
		    l->o, l->line, 0, "");
}

/* The sources: the one skos:inScheme of every concept on a side. */
static void
sources(rin *r, const char *const sch[2], int mixed)
{
	char buf[1024];
	int side;

	if (mixed) {
		kll__kin_report(r->k, KLL_SEV_WARNING, 0, 0,
		    "sssom-missing-set-slot",
		    "the mappings join more than two concept schemes: "
		    "subject_source and object_source left out");
		return;
	}
	for (side = 0; side < 2; side++)
		if (sch[side] != NULL &&
		    kll__kin_curie(r->k, sch[side], NULL, buf, sizeof(buf)))
			kll__kin_set(r->k, (size_t)-1,
			    side ? "object_source" : "subject_source", buf, 0,
			    0, "");
}

static void
note_scheme(const rin *r, const char *c, const char **sch, int *mixed)
{
	const rt *t = value_of(r, c, NS_SKOS "inScheme");

	if (t == NULL || t->lit)
		return;
	if (*sch == NULL)
		*sch = t->o;
	else if (strcmp(*sch, t->o) != 0)
		*mixed = 1;
}

static void
read_skos(rin *r)
{
	const char *sch[2] = { NULL, NULL };
	int mixed = 0;
	size_t i, rec;
	char buf[1024];

	for (i = 0; i < r->n && r->k->st == KLL_OK; i++) {
		const rt *t = &r->t[i];
		if (!skos_mapping(t->p) || t->lit)
			continue;
		if (kll_mapset_add(r->k->m, &rec, NULL) != KLL_OK) {
			kll__kin_nomem(r->k);
			return;
		}
		kll__kin_line(r->k, rec, t->line);
		concept(r, rec, t->s, 0, t->line);
		concept(r, rec, t->o, 1, t->line);
		if (kll__kin_curie(r->k, t->p, NULL, buf, sizeof(buf)))
			kll__kin_set(
			    r->k, rec, "predicate_id", buf, t->line, 0, "");
		kll__kin_set(r->k, rec, "mapping_justification",
		    "semapv:UnspecifiedMatching", t->line, 0, "");
		note_scheme(r, t->s, &sch[0], &mixed);
		note_scheme(r, t->o, &sch[1], &mixed);
	}
	if (r->k->st == KLL_OK)
		sources(r, sch, mixed);
}

/* Which of the compared schemes holds concept c: its skos:inScheme,
 * else the scheme whose IRI begins c's. */
static int
side_of(const rin *r, const char *const sch[2], const char *c)
{
	const rt *t = value_of(r, c, NS_SKOS "inScheme");
	int i;

	for (i = 0; i < 2; i++)
		if (sch[i] != NULL &&
		    ((t != NULL && strcmp(t->o, sch[i]) == 0) ||
		        (t == NULL && strncmp(c, sch[i], strlen(sch[i])) == 0)))
			return i;
	return -1;
}

/* The records of one concept association: each source with each
 * target, sssom:NoTermFound for a side without concepts. */
static void
association(rin *r, const char *a, const char *xns)
{
	char src[64], dst[64];
	const char *s[2] = { NULL, NULL };
	uint32_t i, j;
	size_t rec;
	int ns = 0, nt = 0;

	snprintf(src, sizeof(src), "%ssourceConcept", xns);
	snprintf(dst, sizeof(dst), "%stargetConcept", xns);
	for (i = first_of(r, a); i != KLL__ITAB_NONE; i = r->t[i].next)
		ns += strcmp(r->t[i].p, src) == 0,
		    nt += strcmp(r->t[i].p, dst) == 0;
	if (ns == 0 && nt == 0) {
		kll__kin_report(r->k, KLL_SEV_ERROR, line_of(r, a), 0,
		    "sssom-no-mapping",
		    "a concept association without concepts");
		return;
	}
	for (i = ns ? first_of(r, a) : 0; ns == 0 || i != KLL__ITAB_NONE;
	     i = r->t[i].next) {
		if (ns && strcmp(r->t[i].p, src) != 0)
			continue;
		s[0] = ns ? r->t[i].o : NULL;
		for (j = nt ? first_of(r, a) : 0;
		     nt == 0 || j != KLL__ITAB_NONE; j = r->t[j].next) {
			if (nt && strcmp(r->t[j].p, dst) != 0)
				continue;
			s[1] = nt ? r->t[j].o : NULL;
			if (kll_mapset_add(r->k->m, &rec, NULL) != KLL_OK) {
				kll__kin_nomem(r->k);
				return;
			}
			kll__kin_line(r->k, rec, line_of(r, a));
			if (s[0] != NULL)
			concept(r, rec, s[0], 0, line_of(r, a));
			else kll__kin_set(r->k, rec, "subject_id",
			    "sssom:NoTermFound", 0, 0, "");
			if (s[1] != NULL)
			concept(r, rec, s[1], 1, line_of(r, a));
			else kll__kin_set(r->k, rec, "object_id",
			    "sssom:NoTermFound", 0, 0, "");
			kll__kin_set(r->k, rec, "predicate_id",
			    "skos:mappingRelation", 0, 0, "");
			kll__kin_set(r->k, rec, "mapping_justification",
			    "semapv:UnspecifiedMatching", 0, 0, "");
			if (nt == 0)
				break;
		}
		if (ns == 0)
			break;
	}
}

/* The correspondence's metadata, first value of each. */
static void
xkos_meta(rin *r, const char *c)
{
	static const char *const props[][2] = {
		{ NS_DCT "description", "mapping_set_description" },
		{ NS_OWL "versionInfo", "mapping_set_version" },
		{ NS_DCT "license", "license" },
	};
	const rt *t;
	size_t i;
	uint32_t k;
	char buf[1024];

	if (c[0] != '_')
		kll__kin_set(r->k, (size_t)-1, "mapping_set_id", c,
		    line_of(r, c), 0, "");
	/* The title: the label without language or in English first. */
	for (k = first_of(r, c), t = NULL; k != KLL__ITAB_NONE;
	     k = r->t[k].next)
		if (strcmp(r->t[k].p, NS_SKOS "prefLabel") == 0 &&
		    r->t[k].lit && t == NULL)
			t = &r->t[k];
	if (t != NULL)
		kll__kin_set(r->k, (size_t)-1, "mapping_set_title", t->o,
		    t->line, 0, "");
	for (i = 0; i < sizeof(props) / sizeof(props[0]); i++)
		if ((t = value_of(r, c, props[i][0])) != NULL)
			kll__kin_set(r->k, (size_t)-1, props[i][1], t->o,
			    t->line, 0, "");
	if ((t = value_of(r, c, NS_DCT "issued")) != NULL && t->lit) {
		snprintf(buf, sizeof(buf), "%.10s", t->o);
		kll__kin_set(
		    r->k, (size_t)-1, "publication_date", buf, t->line, 0, "");
	}
	if ((t = value_of(r, c, NS_DCT "creator")) != NULL && !t->lit &&
	    kll__kin_curie(r->k, t->o, NULL, buf, sizeof(buf)) != NULL)
		kll__kin_set(
		    r->k, (size_t)-1, "creator_id", buf, t->line, 0, "");
}

static void
read_xkos(rin *r, const char *c, const char *xns)
{
	const char *sch[2] = { NULL, NULL };
	char comp[64], made[64], buf[1024];
	size_t rec, n0;
	uint32_t k;
	int side;

	snprintf(comp, sizeof(comp), "%scompares", xns);
	snprintf(made, sizeof(made), "%smadeOf", xns);
	xkos_meta(r, c);
	for (k = first_of(r, c); k != KLL__ITAB_NONE; k = r->t[k].next)
		if (strcmp(r->t[k].p, comp) == 0 && !r->t[k].lit)
			sch[sch[0] != NULL] = r->t[k].o;
	n0 = kll_mapset_count(r->k->m);
	for (k = first_of(r, c); k != KLL__ITAB_NONE && r->k->st == KLL_OK;
	     k = r->t[k].next)
		if (strcmp(r->t[k].p, made) == 0 && !r->t[k].lit)
			association(r, r->t[k].o, xns);
	/* The compared scheme of the first source is the subject side. */
	for (rec = n0; rec < kll_mapset_count(r->k->m); rec++) {
		const char *s =
		    kll_mapset_get(r->k->m, rec, KLL_SLOT_SUBJECT_ID);
		char iri[1024];
		if (s == NULL || strcmp(s, "sssom:NoTermFound") == 0 ||
		    kll_mapset_expand(r->k->m, s, iri, sizeof(iri)) == 0)
			continue;
		if ((side = side_of(r, sch, iri)) == 1) {
			const char *t = sch[0];
			sch[0] = sch[1], sch[1] = t;
		}
		if (side >= 0) {
			for (side = 0; side < 2; side++)
				if (sch[side] != NULL &&
				    kll__kin_curie(r->k, sch[side], NULL, buf,
				        sizeof(buf)))
					kll__kin_set(r->k, (size_t)-1,
					    side ? "object_source" :
					           "subject_source",
					    buf, 0, 0, "");
			return;
		}
		break;
	}
	if (sch[0] != NULL)
		kll__kin_report(r->k, KLL_SEV_WARNING, line_of(r, c), 0,
		    "sssom-missing-set-slot",
		    "which compared scheme is the source is unknown: "
		    "subject_source and object_source left out");
}

void
kll__read_rdf(kll__kin *k, const char *text, size_t n, kll_key_format fmt,
    const char *path)
{
	const char *set = NULL, *corr = NULL, *xns = NS_XKOS;
	rin r;

	memset(&r, 0, sizeof(r));
	r.k = k;
	parse(&r, text, n, path);
	if (r.failed || k->st != KLL_OK)
		goto out;
	if (fmt == KLL_KEY_RDF || fmt == KLL_KEY_SSSOM_RDF)
		set = typed(&r, NS_SSSOM "MappingSet");
	if (set == NULL && (fmt == KLL_KEY_RDF || fmt == KLL_KEY_XKOS)) {
		if ((corr = typed(&r, NS_XKOS "Correspondence")) == NULL &&
		    (corr = typed(&r, NS_XKOS_OLD "Correspondence")) != NULL)
			xns = NS_XKOS_OLD;
	}
	if (set != NULL)
		read_sssom(&r, set);
	else if (corr != NULL)
		read_xkos(&r, corr, xns);
	else if (fmt == KLL_KEY_RDF || fmt == KLL_KEY_SKOS)
		read_skos(&r);
	if (k->st == KLL_OK && kll_mapset_count(k->m) == 0 && k->nerr == 0)
		kll__kin_report(k, KLL_SEV_ERROR, 0, 0, "sssom-no-mapping",
		    "no %s in the RDF",
		    fmt == KLL_KEY_SSSOM_RDF ?
		        "sssom:MappingSet with mappings" :
		    fmt == KLL_KEY_XKOS ? "xkos:Correspondence with "
		                          "associations" :
		    fmt == KLL_KEY_SKOS ? "SKOS mapping triple" :
		                          "mapping set, correspondence or SKOS "
		                          "mapping triple");
	else if (k->st == KLL_OK &&
	         kll_mapset_meta(k->m, "mapping_set_id") == NULL)
		kll__kin_report(k, KLL_SEV_WARNING, 0, 0,
		    "sssom-missing-set-slot", "the set has no mapping_set_id");
out:
	if (r.parser != NULL)
		raptor_free_parser(r.parser);
	if (r.world != NULL)
		raptor_free_world(r.world);
	free(r.t);
	free(r.last);
	free(r.head);
	kll__map_free(&r.subj);
}
