/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map_jskos.c: a key as JSKOS, written as NDJSON the way jskos-server
 * imports it (the concordance on the first line, then one mapping a
 * line, each partOf the concordance), and read from NDJSON, a JSON array
 * or one concordance with its "mappings".  JSKOS has no place for the
 * justification or SSSOM's other per-record slots: what it keeps is the
 * concepts (uri, notation, label), the predicate as the mapping's type,
 * confidence as mappingRelevance, the date, the author and the comment.
 * Records of a 1:n group with the same predicate and confidence become
 * one mapping whose "to" has several members. */
#include <stdlib.h>
#include <string.h>

#include "map_load.h"

#define CORRESPONDENCE                                                         \
	"http://rdf-vocabulary.ddialliance.org/xkos#Correspondence"
#define LINKSET "http://rdfs.org/ns/void#Linkset" /* JSKOS before 0.5 */
#define NOTERM  "sssom:NoTermFound"

typedef struct jw {
	const kll_mapset *m;
	FILE *fp;
	kll_error *err;
	kll_status st;
	char buf[2][2048];
} jw;

/* CURIE v expanded into w->buf[i]; v itself when it is no CURIE. */
static const char *
iri(jw *w, int i, const char *v)
{
	size_t n = kll_mapset_expand(w->m, v, w->buf[i], sizeof(w->buf[i]));

	if (n == 0 || n >= sizeof(w->buf[i]))
		return v;
	return w->buf[i];
}

static void
key(FILE *fp, const char *sep, const char *k)
{
	fputs(sep, fp);
	kll__json_string(fp, k);
	fputc(':', fp);
}

/* {"und": text}, or {"und": [text]} for a list-valued map. */
static void
langmap(FILE *fp, const char *sep, const char *k, const char *text, int list)
{
	key(fp, sep, k);
	fputs(list ? "{\"und\":[" : "{\"und\":", fp);
	kll__json_string(fp, text);
	fputs(list ? "]}" : "}", fp);
}

static void
scheme(jw *w, const char *k, const char *src)
{
	key(w->fp, ",", k);
	fputs("{\"uri\":", w->fp);
	kll__json_string(w->fp, iri(w, 0, src));
	fputc('}', w->fp);
}

/* [{"prefLabel": ...}, ...] of a |-joined list of names, or of ids. */
static void
agents(jw *w, const char *k, const char *ids, const char *labels)
{
	char **v = NULL;
	size_t n = 0, i;

	if (kll_sssom_split(&v, &n, ids ? ids : labels, NULL) != KLL_OK) {
		w->st = kll__nomem(w->err);
		return;
	}
	key(w->fp, ",", k);
	for (i = 0; i < n; i++) {
		fputs(i ? ",{" : "[{", w->fp);
		if (ids != NULL) {
			fputs("\"uri\":", w->fp);
			kll__json_string(w->fp, iri(w, 0, v[i]));
		} else
			langmap(w->fp, "", "prefLabel", v[i], 0);
		fputc('}', w->fp);
	}
	fputc(']', w->fp);
	free(v);
}

static void
concordance(jw *w, size_t n)
{
	const kll_mapset *m = w->m;
	const char *v;
	FILE *fp = w->fp;

	fputs("{\"type\":[\"" CORRESPONDENCE "\"]", fp);
	if ((v = kll_mapset_meta(m, "mapping_set_id")) != NULL) {
		key(fp, ",", "uri");
		kll__json_string(fp, v);
	}
	if ((v = kll_mapset_meta(m, "subject_source")) != NULL)
		scheme(w, "fromScheme", v);
	if ((v = kll_mapset_meta(m, "object_source")) != NULL)
		scheme(w, "toScheme", v);
	if ((v = kll_mapset_meta(m, "mapping_set_title")) != NULL)
		langmap(fp, ",", "prefLabel", v, 0);
	if ((v = kll_mapset_meta(m, "mapping_set_description")) != NULL)
		langmap(fp, ",", "definition", v, 1);
	if ((v = kll_mapset_meta(m, "mapping_set_version")) != NULL) {
		key(fp, ",", "version");
		kll__json_string(fp, v);
	}
	if ((v = kll_mapset_meta(m, "license")) != NULL) {
		key(fp, ",", "license");
		fputs("[{\"uri\":", fp);
		kll__json_string(fp, v);
		fputs("}]", fp);
	}
	if (kll_mapset_meta(m, "creator_id") != NULL ||
	    kll_mapset_meta(m, "creator_label") != NULL)
		agents(w, "creator", kll_mapset_meta(m, "creator_id"),
		    kll_mapset_meta(m, "creator_label"));
	if ((v = kll_mapset_meta(m, "publication_date")) != NULL) {
		key(fp, ",", "issued");
		kll__json_string(fp, v);
	}
	key(fp, ",", "extent");
	fprintf(fp, "\"%zu\"}\n", n);
}

/* One member: uri, the CURIE's local part as notation, the label. */
static void
member(jw *w, const char *id, const char *label, int first)
{
	const char *colon = strchr(id, ':');

	fputs(first ? "{\"uri\":" : ",{\"uri\":", w->fp);
	kll__json_string(w->fp, iri(w, 0, id));
	if (colon != NULL && colon[1] != '\0' && colon[1] != '/') {
		fputs(",\"notation\":[", w->fp);
		kll__json_string(w->fp, colon + 1);
		fputc(']', w->fp);
	}
	if (label != NULL)
		langmap(w->fp, ",", "prefLabel", label, 0);
	fputc('}', w->fp);
}

static int
same(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Whether record b joins the group that record a starts. */
static int
joins(const kll_mapset *m, const unsigned char *card, size_t a, size_t b)
{
	static const kll_slot keyslots[] = { KLL_SLOT_SUBJECT_ID,
		KLL_SLOT_SUBJECT_LABEL, KLL_SLOT_PREDICATE_ID,
		KLL_SLOT_CONFIDENCE, KLL_SLOT_MAPPING_DATE, KLL_SLOT_AUTHOR_ID,
		KLL_SLOT_AUTHOR_LABEL, KLL_SLOT_COMMENT };
	size_t i;

	if (card[a] != KLL_CARD_1_N || card[b] != KLL_CARD_1_N ||
	    kll_mapset_get(m, a, KLL_SLOT_RECORD_ID) != NULL ||
	    kll_mapset_get(m, b, KLL_SLOT_RECORD_ID) != NULL)
		return 0;
	for (i = 0; i < sizeof(keyslots) / sizeof(keyslots[0]); i++)
		if (!same(kll_mapset_get(m, a, keyslots[i]),
		        kll_mapset_get(m, b, keyslots[i])))
			return 0;
	return 1;
}

/* The mapping of records order[i..j). */
static void
mapping(jw *w, const size_t *order, size_t i, size_t j)
{
	const kll_mapset *m = w->m;
	size_t r = order[i], k;
	const char *v, *sid = kll_mapset_get(m, r, KLL_SLOT_SUBJECT_ID);
	FILE *fp = w->fp;

	if ((v = kll_mapset_get(m, r, KLL_SLOT_RECORD_ID)) != NULL) {
		key(fp, "{", "uri");
		kll__json_string(fp, iri(w, 0, v));
		fputc(',', fp);
	} else
		fputc('{', fp);
	fputs("\"from\":{\"memberSet\":[", fp);
	if (!same(sid, NOTERM))
		member(w, sid, kll_mapset_get(m, r, KLL_SLOT_SUBJECT_LABEL), 1);
	fputs("]},\"to\":{\"memberSet\":[", fp);
	for (k = i; k < j; k++) {
		v = kll_mapset_get(m, order[k], KLL_SLOT_OBJECT_ID);
		if (!same(v, NOTERM))
			member(w, v,
			    kll_mapset_get(m, order[k], KLL_SLOT_OBJECT_LABEL),
			    k == i);
	}
	fputs("]}", fp);
	if ((v = kll_mapset_get(m, r, KLL_SLOT_SUBJECT_SOURCE)) != NULL)
		scheme(w, "fromScheme", v);
	if ((v = kll_mapset_get(m, r, KLL_SLOT_OBJECT_SOURCE)) != NULL)
		scheme(w, "toScheme", v);
	key(fp, ",", "type");
	fputs("[", fp);
	kll__json_string(
	    fp, iri(w, 0, kll_mapset_get(m, r, KLL_SLOT_PREDICATE_ID)));
	fputs("]", fp);
	if ((v = kll_mapset_get(m, r, KLL_SLOT_CONFIDENCE)) != NULL) {
		key(fp, ",", "mappingRelevance");
		fprintf(fp, "%.6g", strtod(v, NULL));
	}
	if ((v = kll_mapset_get(m, r, KLL_SLOT_MAPPING_DATE)) != NULL) {
		key(fp, ",", "created");
		kll__json_string(fp, v);
	}
	if (kll_mapset_get(m, r, KLL_SLOT_AUTHOR_ID) != NULL ||
	    kll_mapset_get(m, r, KLL_SLOT_AUTHOR_LABEL) != NULL)
		agents(w, "creator", kll_mapset_get(m, r, KLL_SLOT_AUTHOR_ID),
		    kll_mapset_get(m, r, KLL_SLOT_AUTHOR_LABEL));
	if ((v = kll_mapset_get(m, r, KLL_SLOT_COMMENT)) != NULL)
		langmap(fp, ",", "note", v, 1);
	if ((v = kll_mapset_meta(m, "mapping_set_id")) != NULL) {
		key(fp, ",", "partOf");
		fputs("[{\"uri\":", fp);
		kll__json_string(fp, v);
		fputs("}]", fp);
	}
	fputs("}\n", fp);
}

kll_status
kll__write_jskos(const kll_mapset *m, FILE *fp, const size_t *order,
    kll_export_stats *stats, kll_error *err)
{
	size_t n = kll_mapset_count(m), i, j, written = 0, negated = 0,
	       groups = 0;
	unsigned char *card;
	jw w;

	memset(&w, 0, sizeof(w));
	w.m = m, w.fp = fp, w.err = err;
	if ((card = kll__malloc(n ? n : 1)) == NULL)
		return kll__nomem(err);
	if ((w.st = kll_mapset_cardinalities(card, m, err)) != KLL_OK)
		goto out;
	for (i = 0; i < n; i++)
		if (!kll__record_negated(m, order[i]) &&
		    kll_mapset_get(m, order[i], KLL_SLOT_SUBJECT_ID) != NULL &&
		    kll_mapset_get(m, order[i], KLL_SLOT_OBJECT_ID) != NULL)
			written++;
	concordance(&w, written);
	written = 0;
	for (i = 0; i < n && w.st == KLL_OK; i = j) {
		j = i + 1;
		if (kll__record_negated(m, order[i])) {
			negated++;
			continue;
		}
		if (kll_mapset_get(m, order[i], KLL_SLOT_SUBJECT_ID) == NULL ||
		    kll_mapset_get(m, order[i], KLL_SLOT_OBJECT_ID) == NULL)
			continue;
		while (
		    j < n && !kll__record_negated(m, order[j]) &&
		    kll_mapset_get(m, order[j], KLL_SLOT_OBJECT_ID) != NULL &&
		    joins(m, card, order[i], order[j]))
			j++;
		mapping(&w, order, i, j);
		written += j - i;
		groups++;
	}
	if (stats != NULL) {
		memset(stats, 0, sizeof(*stats));
		stats->records = written;
		stats->negated = negated;
		stats->groups = groups;
	}
out:
	free(card);
	return w.st;
}

/* ------------------------------------------------------------------ */
/* Reading                                                              */

typedef struct jr {
	kll__kin *k;
	int have_set; /* a concordance gave the set's metadata */
	const char *hint[2];
} jr;

static void
bad(jr *r, const kll__json *v, const char *rule, const char *what)
{
	char ptr[256];

	kll__json_pointer(v, ptr, sizeof(ptr));
	kll__kin_report(r->k, KLL_SEV_ERROR, v->line, v->col, rule, "%s%s%s",
	    ptr, *ptr ? ": " : "", what);
}

static const char *
str(const kll__json *o, const char *k)
{
	const kll__json *v = kll__json_get(o, k);

	return v != NULL && v->type == KLL__J_STRING ? v->s : NULL;
}

/* The first text of a language map (of strings or of lists). */
static const char *
lang_text(const kll__json *o, const char *k)
{
	const kll__json *v = kll__json_get(o, k), *t;

	if (v == NULL || v->type != KLL__J_OBJECT || v->child == NULL)
		return NULL;
	t = v->child;
	if (t->type == KLL__J_ARRAY)
		t = t->child;
	return t != NULL && t->type == KLL__J_STRING ? t->s : NULL;
}

/* The last segment of a scheme's IRI, as the prefix of its concepts. */
static const char *
scheme_hint(jr *r, const char *uri)
{
	const char *p, *end;

	if (uri == NULL)
		return NULL;
	end = uri + strlen(uri);
	while (end > uri && (end[-1] == '/' || end[-1] == '#'))
		end--;
	for (p = end; p > uri && p[-1] != '/' && p[-1] != '#' && p[-1] != ':';
	     p--)
		;
	if (p == end || !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return NULL;
	return kll__arena_strndup(&r->k->a, p, (size_t)(end - p));
}

/* An IRI as the CURIE a slot takes; NULL after a report. */
static const char *
curie(jr *r, const kll__json *at, const char *uri, const char *hint, char *buf,
    size_t size)
{
	const char *c = kll__kin_curie(r->k, uri, hint, buf, size);

	if (c == NULL && r->k->st == KLL_OK)
		bad(r, at, "sssom-bad-value",
		    "no CURIE can be made of this IRI");
	return c;
}

static void
set_scheme(jr *r, const kll__json *o, const char *k, int side, size_t rec)
{
	const kll__json *s = kll__json_get(o, k);
	const char *uri;
	char buf[1024];

	if (s == NULL)
		return;
	if ((uri = str(s, "uri")) == NULL) {
		bad(r, s, "sssom-json-bad-type",
		    "a scheme is an object with a uri");
		return;
	}
	if (r->hint[side] == NULL)
		r->hint[side] = scheme_hint(r, uri);
	if (curie(r, s, uri, NULL, buf, sizeof(buf)) == NULL)
		return;
	kll__kin_set(r->k, rec, side ? "object_source" : "subject_source", buf,
	    s->line, s->col, "");
}

static void
read_concordance(jr *r, const kll__json *o)
{
	const kll__json *v;
	const char *t;
	size_t none = (size_t)-1;

	r->have_set = 1;
	if ((t = str(o, "uri")) != NULL)
		kll__kin_set(
		    r->k, none, "mapping_set_id", t, o->line, o->col, "");
	set_scheme(r, o, "fromScheme", 0, none);
	set_scheme(r, o, "toScheme", 1, none);
	if ((t = lang_text(o, "prefLabel")) != NULL)
		kll__kin_set(
		    r->k, none, "mapping_set_title", t, o->line, o->col, "");
	if ((t = lang_text(o, "definition")) != NULL)
		kll__kin_set(r->k, none, "mapping_set_description", t, o->line,
		    o->col, "");
	if ((t = str(o, "version")) != NULL)
		kll__kin_set(
		    r->k, none, "mapping_set_version", t, o->line, o->col, "");
	if ((v = kll__json_get(o, "license")) != NULL &&
	    v->type == KLL__J_ARRAY && v->child != NULL &&
	    (t = str(v->child, "uri")) != NULL)
		kll__kin_set(r->k, none, "license", t, v->line, v->col, "");
	if ((v = kll__json_get(o, "creator")) != NULL &&
	    v->type == KLL__J_ARRAY && v->child != NULL &&
	    (t = lang_text(v->child, "prefLabel")) != NULL)
		kll__kin_set(
		    r->k, none, "creator_label", t, v->line, v->col, "");
	if ((t = str(o, "issued")) != NULL && strlen(t) >= 10)
		kll__kin_set(r->k, none, "publication_date",
		    kll__arena_strndup(&r->k->a, t, 10), o->line, o->col, "");
}

/* The members of from (side 0) or to (side 1). */
static const kll__json *
members(jr *r, const kll__json *o, const char *k)
{
	const kll__json *side = kll__json_get(o, k), *set;

	if (side == NULL) {
		bad(r, o, "sssom-missing-slot",
		    k[0] == 'f' ? "no \"from\"" : "no \"to\"");
		return NULL;
	}
	set = kll__json_get(side, "memberSet");
	if (set == NULL)
		set = kll__json_get(side, "memberChoice");
	if (set == NULL)
		set = kll__json_get(side, "memberList");
	if (set == NULL || set->type != KLL__J_ARRAY) {
		bad(r, side, "sssom-json-bad-type",
		    "a side is an object with a memberSet array");
		return NULL;
	}
	return set;
}

/* Member c (NULL: none, sssom:NoTermFound) of a side into record rec. */
static void
set_member(jr *r, size_t rec, const kll__json *c, int side)
{
	const char *uri, *label;
	char buf[1024];

	if (c == NULL) {
		kll__kin_set(r->k, rec, side ? "object_id" : "subject_id",
		    NOTERM, 0, 0, "");
		return;
	}
	if ((uri = str(c, "uri")) == NULL) {
		bad(r, c, "sssom-missing-slot", "a member without a uri");
		return;
	}
	if (curie(r, c, uri, r->hint[side], buf, sizeof(buf)) != NULL)
		kll__kin_set(r->k, rec, side ? "object_id" : "subject_id", buf,
		    c->line, c->col, "");
	if ((label = lang_text(c, "prefLabel")) != NULL)
		kll__kin_set(r->k, rec, side ? "object_label" : "subject_label",
		    label, c->line, c->col, "");
}

/* What every record of a mapping shares. */
static void
set_common(jr *r, const kll__json *o, size_t rec)
{
	const kll__json *v;
	const char *t;
	char buf[1024];

	t = "skos:mappingRelation";
	if ((v = kll__json_get(o, "type")) != NULL) {
		if (v->type != KLL__J_ARRAY || v->child == NULL ||
		    v->child->type != KLL__J_STRING)
			bad(r, v, "sssom-json-bad-type",
			    "type is an array of predicate IRIs");
		else
			t = curie(
			    r, v->child, v->child->s, NULL, buf, sizeof(buf));
	}
	if (t != NULL)
		kll__kin_set(r->k, rec, "predicate_id", t, o->line, o->col, "");
	kll__kin_set(r->k, rec, "mapping_justification",
	    "semapv:UnspecifiedMatching", 0, 0, "");
	if ((v = kll__json_get(o, "mappingRelevance")) != NULL) {
		if (v->type != KLL__J_NUMBER)
			bad(r, v, "sssom-json-bad-type",
			    "mappingRelevance is a number from 0 to 1");
		else
			kll__kin_set(
			    r->k, rec, "confidence", v->s, v->line, v->col, "");
	}
	if ((t = str(o, "created")) != NULL && strlen(t) >= 10)
		kll__kin_set(r->k, rec, "mapping_date",
		    kll__arena_strndup(&r->k->a, t, 10), o->line, o->col, "");
	if ((v = kll__json_get(o, "creator")) != NULL &&
	    v->type == KLL__J_ARRAY && v->child != NULL) {
		if ((t = lang_text(v->child, "prefLabel")) != NULL)
			kll__kin_set(
			    r->k, rec, "author_label", t, v->line, v->col, "");
	}
	if ((t = lang_text(o, "note")) != NULL)
		kll__kin_set(r->k, rec, "comment", t, o->line, o->col, "");
	if ((t = str(o, "uri")) != NULL &&
	    curie(r, o, t, NULL, buf, sizeof(buf)) != NULL)
		kll__kin_set(r->k, rec, "record_id", buf, o->line, o->col, "");
}

static void
read_mapping(jr *r, const kll__json *o)
{
	const kll__json *from, *to, *f, *t;
	size_t rec;

	if (!r->have_set) {
		set_scheme(r, o, "fromScheme", 0, (size_t)-1);
		set_scheme(r, o, "toScheme", 1, (size_t)-1);
		r->have_set = 1;
	}
	if ((from = members(r, o, "from")) == NULL ||
	    (to = members(r, o, "to")) == NULL)
		return;
	if (from->n == 0 && to->n == 0) {
		bad(r, o, "sssom-no-mapping", "a mapping without members");
		return;
	}
	for (f = from->n ? from->child : NULL; f != NULL || from->n == 0;
	     f = f ? f->next : NULL) {
		for (t = to->n ? to->child : NULL; t != NULL || to->n == 0;
		     t = t ? t->next : NULL) {
			if (kll_mapset_add(r->k->m, &rec, NULL) != KLL_OK) {
				kll__kin_nomem(r->k);
				return;
			}
			kll__kin_line(r->k, rec, o->line);
			set_member(r, rec, f, 0);
			set_member(r, rec, t, 1);
			set_common(r, o, rec);
			if (t == NULL)
				break;
		}
		if (f == NULL)
			break;
	}
}

static int
is_concordance(const kll__json *o)
{
	const kll__json *t = kll__json_get(o, "type");

	if (kll__json_get(o, "from") != NULL || kll__json_get(o, "to") != NULL)
		return 0;
	if (t != NULL && t->type == KLL__J_ARRAY)
		for (t = t->child; t != NULL; t = t->next)
			if (t->type == KLL__J_STRING &&
			    (strcmp(t->s, LINKSET) == 0 ||
			        strcmp(t->s, CORRESPONDENCE) == 0))
				return 1;
	return kll__json_get(o, "mappings") != NULL ||
	       kll__json_get(o, "fromScheme") != NULL;
}

static void
read_object(jr *r, const kll__json *o)
{
	const kll__json *maps, *e;

	if (o->type != KLL__J_OBJECT) {
		bad(r, o, "sssom-json-not-object",
		    "a JSKOS mapping is an object");
		return;
	}
	if (!is_concordance(o)) {
		read_mapping(r, o);
		return;
	}
	read_concordance(r, o);
	if ((maps = kll__json_get(o, "mappings")) == NULL)
		return;
	if (maps->type != KLL__J_ARRAY) {
		bad(r, maps, "sssom-json-bad-type", "mappings is an array");
		return;
	}
	for (e = maps->child; e != NULL && r->k->st == KLL_OK; e = e->next)
		read_object(r, e);
}

static void
read_value(jr *r, const kll__json *v)
{
	const kll__json *e;

	if (v->type != KLL__J_ARRAY) {
		read_object(r, v);
		return;
	}
	for (e = v->child; e != NULL && r->k->st == KLL_OK; e = e->next)
		read_object(r, e);
}

/* Whether the first line that is not blank is a JSON value by itself:
 * then the text is NDJSON. */
static int
first_line_whole(kll__kin *k, const char *text, size_t n)
{
	const char *p = text, *end = text + n, *nl;
	kll__json *v;

	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (strspn(p, " \t\r") < (size_t)(nl - p))
			return kll__json_parse(&v, &k->a, p, (size_t)(nl - p),
			           k->file, 1, NULL) == KLL_OK;
	}
	return 0;
}

void
kll__read_jskos(kll__kin *k, const char *text, size_t n)
{
	const char *p = text, *end = text + n, *nl;
	kll__json *v;
	kll_error err;
	unsigned line = 1;
	jr r;

	memset(&r, 0, sizeof(r));
	r.k = k;
	/* One value for the whole text, else one a line (NDJSON). */
	if (kll__json_parse(&v, &k->a, text, n, k->file, 1, &err) == KLL_OK) {
		read_value(&r, v);
		p = end;
	} else if (err.code == KLL_ENOMEM) {
		kll__kin_nomem(k);
		return;
	} else if (!first_line_whole(k, text, n)) {
		/* One value over many lines that does not parse. */
		kll__kin_syntax(
		    k, err.line, err.col, "sssom-json-syntax", "%s", err.msg);
		return;
	}
	for (; p < end && k->st == KLL_OK; p = nl + 1, line++) {
		size_t len;
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		len = (size_t)(nl - p);
		while (len > 0 && (p[len - 1] == '\r' || p[len - 1] == ' ' ||
		                      p[len - 1] == '\t'))
			len--;
		if (len == 0)
			continue;
		if (kll__json_parse(&v, &k->a, p, len, k->file, line, &err) !=
		    KLL_OK) {
			if (err.code == KLL_ENOMEM)
				kll__kin_nomem(k);
			else
				kll__kin_syntax(k, err.line, err.col,
				    "sssom-json-syntax", "%s", err.msg);
			break;
		}
		read_value(&r, v);
	}
	if (k->st == KLL_OK && kll_mapset_count(k->m) == 0 && k->nerr == 0)
		kll__kin_report(k, KLL_SEV_ERROR, 0, 0, "sssom-no-mapping",
		    "no JSKOS mapping");
	if (k->st == KLL_OK && kll_mapset_meta(k->m, "mapping_set_id") == NULL)
		kll__kin_report(k, KLL_SEV_WARNING, 0, 0,
		    "sssom-missing-set-slot",
		    "no concordance uri: the set has no mapping_set_id");
}
