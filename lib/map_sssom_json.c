/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map_sssom_json.c: a key as SSSOM/JSON, one object with the set's slots,
 * "curie_map", "extension_definitions" and "mappings" (the JSON form of
 * the SSSOM LinkML model, as sssom-py writes it), written and read.
 * Multivalued slots are arrays, numbers are numbers; propagatable
 * values that every record shares are written once, on the set. */
#include <stdlib.h>
#include <string.h>

#include "map_load.h"
#include "sssom_impl.h"

/* The set-level slots in the order of the schema's MappingSet class. */
static const char *const set_slots[] = { "sssom_version", "mapping_set_id",
	"mapping_set_version", "mapping_set_source", "mapping_set_title",
	"mapping_set_description", "mapping_set_confidence", "creator_id",
	"creator_label", "license", "subject_type", "subject_source",
	"subject_source_version", "object_type", "object_source",
	"object_source_version", "predicate_type", "mapping_provider",
	"cardinality_scope", "mapping_tool", "mapping_tool_id",
	"mapping_tool_version", "mapping_date", "publication_date",
	"subject_match_field", "object_match_field", "subject_preprocessing",
	"object_preprocessing", "similarity_measure", "curation_rule",
	"curation_rule_text", "see_also", "issue_tracker", "other", "comment" };

static int
slot_multi(const char *name)
{
	kll_slot s = kll_slot_from_name(name);

	if (s != KLL_SLOT__COUNT)
		return kll_slot_multivalued(s);
	return strcmp(name, "mapping_set_source") == 0;
}

static int
slot_number(const char *name)
{
	kll_slot s = kll_slot_from_name(name);

	if (s != KLL_SLOT__COUNT)
		return kll_slot_kind(s) == KLL_KIND_DOUBLE;
	return strcmp(name, "mapping_set_confidence") == 0;
}

/* Whether s is a number as JSON writes one. */
static int
json_number(const char *s)
{
	if (*s == '-')
		s++;
	if (*s == '0')
		s++;
	else if (*s >= '1' && *s <= '9')
		while (*s >= '0' && *s <= '9')
			s++;
	else
		return 0;
	if (*s == '.') {
		if (!(*++s >= '0' && *s <= '9'))
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!(*s >= '0' && *s <= '9'))
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

static void
put_number(FILE *fp, const char *v)
{
	char buf[64];

	if (json_number(v)) {
		fputs(v, fp);
		return;
	}
	/* ".5", "+1", "1.": the number, else the text. */
	snprintf(buf, sizeof(buf), "%.15g", strtod(v, NULL));
	if (json_number(buf))
		fputs(buf, fp);
	else
		kll__json_string(fp, v);
}

/* "name": value, the value as its slot wants it. */
static int
put_slot(FILE *fp, const char *name, const char *v, int multi, int num,
    const char *sep)
{
	char **vals = NULL;
	size_t i, n = 0;

	fputs(sep, fp);
	kll__json_string(fp, name);
	fputs(": ", fp);
	if (!multi) {
		if (num)
			put_number(fp, v);
		else
			kll__json_string(fp, v);
		return 0;
	}
	if (kll_sssom_split(&vals, &n, v, NULL) != KLL_OK)
		return -1;
	fputc('[', fp);
	for (i = 0; i < n; i++) {
		if (i > 0)
			fputs(", ", fp);
		kll__json_string(fp, vals[i]);
	}
	fputc(']', fp);
	free(vals);
	return 0;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int
put_prefixes(FILE *fp, const kll_mapset *m)
{
	size_t n = kll_mapset_nprefixes(m), i;
	const char **names;

	if ((names = kll__malloc((n ? n : 1) * sizeof(*names))) == NULL)
		return -1;
	for (i = 0; i < n; i++)
		names[i] = kll_mapset_prefix_name(m, i);
	qsort(names, n, sizeof(*names), by_name);
	fputs("  \"curie_map\": {", fp);
	for (i = 0; i < n; i++) {
		fputs(i ? ",\n    " : "\n    ", fp);
		kll__json_string(fp, names[i]);
		fputs(": ", fp);
		kll__json_string(fp, kll_mapset_prefix(m, names[i]));
	}
	fputs(n ? "\n  }" : "}", fp);
	free(names);
	return 0;
}

static void
put_extensions(FILE *fp, const kll_mapset *m)
{
	size_t i, k = 0;

	for (i = 0; i < m->next; i++) {
		const struct extra *x = &m->ext[i];
		if (!x->declared)
			continue;
		fputs(k++ ? ",\n    {" :
		            ",\n  \"extension_definitions\": [\n    {",
		    fp);
		fputs("\"slot_name\": ", fp);
		kll__json_string(fp, x->name);
		if (x->property != NULL) {
			fputs(", \"property\": ", fp);
			kll__json_string(fp, x->property);
		}
		if (x->type_hint != NULL) {
			fputs(", \"type_hint\": ", fp);
			kll__json_string(fp, x->type_hint);
		}
		fputc('}', fp);
	}
	if (k > 0)
		fputs("\n  ]", fp);
}

/* A non-standard value as a number where its type hint says it is one. */
static int
extra_number(const kll_mapset *m, const char *name, const char *v)
{
	size_t i;

	for (i = 0; i < m->next; i++)
		if (strcmp(m->ext[i].name, name) == 0)
			return m->ext[i].type_hint != NULL &&
			       (strcmp(m->ext[i].type_hint, "xsd:integer") ==
			               0 ||
			           strcmp(m->ext[i].type_hint, "xsd:double") ==
			               0) &&
			       json_number(v);
	return 0;
}

static int
put_record(FILE *fp, const kll_mapset *m, size_t rec)
{
	const char *v, *sep = "{", *name;
	size_t i;
	int s;

	for (s = 0; s < KLL_SLOT__COUNT; s++) {
		if ((v = kll_mapset_get(m, rec, (kll_slot)s)) == NULL)
			continue;
		name = kll_slot_name((kll_slot)s);
		if (kll_slot_propagatable((kll_slot)s) &&
		    kll_mapset_meta(m, name) != NULL &&
		    strcmp(kll_mapset_meta(m, name), v) == 0)
			continue;
		if (put_slot(fp, name, v, kll_slot_multivalued((kll_slot)s),
		        kll_slot_kind((kll_slot)s) == KLL_KIND_DOUBLE, sep) < 0)
			return -1;
		sep = ", ";
	}
	for (i = 0; i < kll_mapset_nextra(m); i++) {
		name = kll_mapset_extra_name(m, i);
		if ((v = kll_mapset_get_extra(m, rec, name)) == NULL)
			continue;
		put_slot(fp, name, v, 0, extra_number(m, name, v), sep);
		sep = ", ";
	}
	fputs(*sep == '{' ? "{}" : "}", fp);
	return 0;
}

kll_status
kll__write_sssom_json(const kll_mapset *m, FILE *fp, const size_t *order,
    kll_export_stats *stats, kll_error *err)
{
	size_t i, n = kll_mapset_count(m);
	const char *v, *name;

	fputs("{\n", fp);
	if (put_prefixes(fp, m) < 0)
		return kll__nomem(err);
	for (i = 0; i < sizeof(set_slots) / sizeof(set_slots[0]); i++) {
		if ((v = kll_mapset_meta(m, set_slots[i])) == NULL)
			continue;
		if (put_slot(fp, set_slots[i], v, slot_multi(set_slots[i]),
		        slot_number(set_slots[i]), ",\n  ") < 0)
			return kll__nomem(err);
	}
	put_extensions(fp, m);
	for (i = 0; i < kll_mapset_nextra(m); i++) {
		name = kll_mapset_extra_name(m, i);
		if ((v = kll_mapset_meta(m, name)) != NULL)
			put_slot(
			    fp, name, v, 0, extra_number(m, name, v), ",\n  ");
	}
	fputs(",\n  \"mappings\": [", fp);
	for (i = 0; i < n; i++) {
		fputs(i ? ",\n    " : "\n    ", fp);
		if (put_record(fp, m, order[i]) < 0)
			return kll__nomem(err);
	}
	fputs(n ? "\n  ]\n}\n" : "]\n}\n", fp);
	if (stats != NULL) {
		memset(stats, 0, sizeof(*stats));
		stats->records = n;
	}
	return KLL_OK;
}

/* ------------------------------------------------------------------ */
/* Reading                                                              */

/* A scalar as text: a string, a number as written, true or false. */
static const char *
scalar(const kll__json *v)
{
	switch (v->type) {
	case KLL__J_STRING:
	case KLL__J_NUMBER:
		return v->s;
	case KLL__J_TRUE:
		return "true";
	case KLL__J_FALSE:
		return "false";
	default:
		return NULL;
	}
}

static void
bad_type(kll__kin *k, const kll__json *v, const char *want)
{
	char ptr[256];

	kll__json_pointer(v, ptr, sizeof(ptr));
	kll__kin_report(k, KLL_SEV_ERROR, v->line, v->col,
	    "sssom-json-bad-type", "%s: %s where %s belongs", *ptr ? ptr : "/",
	    kll__json_type_name(v->type), want);
}

/* The value of member v (a scalar, or an array of them for a
 * multivalued slot) set on record rec, or on the set. */
static void
set_member(kll__kin *k, size_t rec, const kll__json *v)
{
	char ptr[256];
	const kll__json *e;
	const char *t;
	kll__buf b = { NULL, 0, 0 };

	if (v->type == KLL__J_NULL)
		return;
	kll__json_pointer(v, ptr, sizeof(ptr));
	if (v->type != KLL__J_ARRAY) {
		if ((t = scalar(v)) == NULL) {
			bad_type(k, v, "a string or number");
			return;
		}
		if (slot_multi(v->key) && rec != (size_t)-1 &&
		    strchr(t, '|') != NULL) {
			/* One value that holds a '|': escape it. */
			if (kll__list_add_escaped(&b, t) < 0 ||
			    kll__buf_addc(&b, '\0') < 0) {
				kll__kin_nomem(k);
				goto out;
			}
			t = b.p;
		}
		kll__kin_set(k, rec, v->key, t, v->line, v->col, ptr);
		goto out;
	}
	if (!slot_multi(v->key) &&
	    kll_slot_from_name(v->key) != KLL_SLOT__COUNT) {
		kll__kin_report(k, KLL_SEV_ERROR, v->line, v->col,
		    "sssom-not-multivalued", "%s: a list given to '%s'", ptr,
		    v->key);
		goto out;
	}
	for (e = v->child; e != NULL; e = e->next) {
		if ((t = scalar(e)) == NULL) {
			bad_type(k, e, "a string");
			goto out;
		}
		if ((b.n > 0 && kll__buf_addc(&b, '|') < 0) ||
		    kll__list_add_escaped(&b, t) < 0) {
			kll__kin_nomem(k);
			goto out;
		}
	}
	if (kll__buf_addc(&b, '\0') < 0) {
		kll__kin_nomem(k);
		goto out;
	}
	if (v->n > 0)
		kll__kin_set(k, rec, v->key, b.p, v->line, v->col, ptr);
out:
	kll__buf_free(&b);
}

static void
read_prefixes(kll__kin *k, const kll__json *map, int context)
{
	const kll__json *e;
	kll_error er;
	char ptr[256];

	if (map->type != KLL__J_OBJECT) {
		if (!context)
			bad_type(k, map, "an object");
		return;
	}
	for (e = map->child; e != NULL; e = e->next) {
		if (context && (e->key[0] == '@' || e->type != KLL__J_STRING ||
		                   kll_mapset_prefix(k->m, e->key) != NULL))
			continue; /* JSON-LD terms other than prefixes */
		if (e->type != KLL__J_STRING) {
			bad_type(k, e, "a string");
			continue;
		}
		if (context && strchr(e->s, ':') == NULL)
			continue;
		if (kll_mapset_add_prefix(k->m, e->key, e->s, &er) == KLL_OK)
			continue;
		if (er.code == KLL_ENOMEM) {
			kll__kin_nomem(k);
			return;
		}
		kll__json_pointer(e, ptr, sizeof(ptr));
		kll__kin_report(k, KLL_SEV_ERROR, e->line, e->col,
		    "sssom-bad-prefix", "%s: %s", ptr, er.msg);
	}
}

static void
read_extensions(kll__kin *k, const kll__json *defs)
{
	const kll__json *d, *name, *prop, *hint;
	kll_error er;
	char ptr[256];

	if (defs->type != KLL__J_ARRAY) {
		bad_type(k, defs, "an array");
		return;
	}
	for (d = defs->child; d != NULL; d = d->next) {
		name = kll__json_get(d, "slot_name");
		prop = kll__json_get(d, "property");
		hint = kll__json_get(d, "type_hint");
		if (d->type != KLL__J_OBJECT || name == NULL ||
		    name->type != KLL__J_STRING ||
		    (prop != NULL && prop->type != KLL__J_STRING) ||
		    (hint != NULL && hint->type != KLL__J_STRING)) {
			kll__json_pointer(d, ptr, sizeof(ptr));
			kll__kin_report(k, KLL_SEV_ERROR, d->line, d->col,
			    "sssom-bad-extension",
			    "%s: an extension definition is an object with "
			    "the strings slot_name, property and type_hint",
			    ptr);
			continue;
		}
		if (kll_mapset_define_extension(k->m, name->s,
		        prop ? prop->s : NULL, hint ? hint->s : NULL,
		        &er) == KLL_OK)
			continue;
		if (er.code == KLL_ENOMEM) {
			kll__kin_nomem(k);
			return;
		}
		kll__json_pointer(d, ptr, sizeof(ptr));
		kll__kin_report(k, KLL_SEV_ERROR, d->line, d->col,
		    "sssom-bad-extension", "%s: %s", ptr, er.msg);
	}
}

static int
is_set_slot(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(set_slots) / sizeof(set_slots[0]); i++)
		if (strcmp(set_slots[i], name) == 0)
			return 1;
	return 0;
}

/* A slot that is neither the model's nor declared: kept, with a
 * warning. */
static void
unknown(kll__kin *k, const kll__json *v, int set)
{
	char ptr[256];

	if (kll__sssom_extra_find(k->m, v->key) != NULL &&
	    kll__sssom_extra_find(k->m, v->key)->declared)
		return;
	kll__json_pointer(v, ptr, sizeof(ptr));
	kll__kin_report(k, KLL_SEV_WARNING, v->line, v->col,
	    set ? "sssom-unknown-slot" : "sssom-unknown-column",
	    "%s: '%s' is no SSSOM slot (kept)", ptr, v->key);
}

/* The required slots of a record. */
static void
required(kll__kin *k, const kll__json *o, size_t rec)
{
	static const kll_slot need[] = { KLL_SLOT_SUBJECT_ID,
		KLL_SLOT_PREDICATE_ID, KLL_SLOT_OBJECT_ID,
		KLL_SLOT_MAPPING_JUSTIFICATION };
	char ptr[256];
	size_t i;

	for (i = 0; i < sizeof(need) / sizeof(need[0]); i++) {
		const char *name = kll_slot_name(need[i]);
		if (kll_mapset_get(k->m, rec, need[i]) != NULL ||
		    (kll_slot_propagatable(need[i]) &&
		        kll_mapset_meta(k->m, name) != NULL))
			continue;
		/* A literal mapping has a label instead of the id. */
		if (need[i] == KLL_SLOT_SUBJECT_ID &&
		    kll_mapset_get(k->m, rec, KLL_SLOT_SUBJECT_LABEL) != NULL)
			continue;
		if (need[i] == KLL_SLOT_OBJECT_ID &&
		    kll_mapset_get(k->m, rec, KLL_SLOT_OBJECT_LABEL) != NULL)
			continue;
		kll__json_pointer(o, ptr, sizeof(ptr));
		kll__kin_report(k, KLL_SEV_ERROR, o->line, o->col,
		    "sssom-missing-slot", "%s: no %s", ptr, name);
	}
}

static void
read_mappings(kll__kin *k, const kll__json *arr)
{
	const kll__json *o, *v;
	size_t rec;

	if (arr->type != KLL__J_ARRAY) {
		bad_type(k, arr, "an array");
		return;
	}
	for (o = arr->child; o != NULL && k->st == KLL_OK; o = o->next) {
		if (o->type != KLL__J_OBJECT) {
			bad_type(k, o, "an object");
			continue;
		}
		if (kll_mapset_add(k->m, &rec, NULL) != KLL_OK) {
			kll__kin_nomem(k);
			return;
		}
		kll__kin_line(k, rec, o->line);
		for (v = o->child; v != NULL && k->st == KLL_OK; v = v->next) {
			if (kll_slot_from_name(v->key) == KLL_SLOT__COUNT)
				unknown(k, v, 0);
			set_member(k, rec, v);
		}
		required(k, o, rec);
	}
}

void
kll__read_sssom_json(kll__kin *k, const char *text, size_t n)
{
	kll__json *root = NULL, *v;
	const kll__json *maps;
	kll_error err;

	if (kll__json_parse(&root, &k->a, text, n, k->file, 1, &err) !=
	    KLL_OK) {
		if (err.code == KLL_ENOMEM)
			kll__kin_nomem(k);
		else
			kll__kin_syntax(k, err.line, err.col,
			    "sssom-json-syntax", "%s", err.msg);
		return;
	}
	if (root->type != KLL__J_OBJECT) {
		kll__kin_report(k, KLL_SEV_ERROR, root->line, root->col,
		    "sssom-json-not-object", "SSSOM/JSON is one object, not %s",
		    kll__json_type_name(root->type));
		return;
	}
	if ((v = (kll__json *)kll__json_get(root, "curie_map")) != NULL)
		read_prefixes(k, v, 0);
	if ((v = (kll__json *)kll__json_get(root, "@context")) != NULL)
		read_prefixes(k, v, 1);
	if ((v = (kll__json *)kll__json_get(root, "extension_definitions")) !=
	    NULL)
		read_extensions(k, v);
	for (v = root->child; v != NULL && k->st == KLL_OK; v = v->next) {
		if (strcmp(v->key, "curie_map") == 0 ||
		    strcmp(v->key, "@context") == 0 ||
		    strcmp(v->key, "@type") == 0 ||
		    strcmp(v->key, "extension_definitions") == 0 ||
		    strcmp(v->key, "mappings") == 0)
			continue;
		if (!is_set_slot(v->key))
			unknown(k, v, 1);
		set_member(k, (size_t)-1, v);
	}
	if (kll_mapset_meta(k->m, "mapping_set_id") == NULL ||
	    kll_mapset_meta(k->m, "license") == NULL)
		kll__kin_report(k, KLL_SEV_WARNING, root->line, root->col,
		    "sssom-missing-set-slot", "the set has no %s",
		    kll_mapset_meta(k->m, "mapping_set_id") == NULL ?
		        "mapping_set_id" :
		        "license");
	if ((maps = kll__json_get(root, "mappings")) != NULL)
		read_mappings(k, maps);
	else
		kll__kin_report(k, KLL_SEV_ERROR, root->line, root->col,
		    "sssom-no-mapping", "no \"mappings\" array");
}
