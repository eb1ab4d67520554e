/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * map_merge.c: several keys merged into the first.  A record is the same
 * mapping as another when subject, predicate and object name the same
 * IRIs and the modifier is the same; the rest of it, and the set's
 * metadata, must agree or be resolved by a preference.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "map_edit.h"

/* The slots only sets have (as kll_mapset_meta() names them). */
static const char *const set_only[] = { "sssom_version", "mapping_set_id",
	"mapping_set_version", "mapping_set_source", "mapping_set_title",
	"mapping_set_description", "mapping_set_confidence", "issue_tracker" };
#define NSET_ONLY (sizeof(set_only) / sizeof(set_only[0]))

struct mg {
	kll_mapset *into;
	kll_mapset *const *keys;
	const kll_merge_opts *o;
	kll__map recs; /* a record's key -> its index in into */
	kll__arena text;
	size_t *from, *line; /* per record of into: its key and line */
	size_t cap;
	size_t meta_from[NSET_ONLY + KLL_SLOT__COUNT];
	kll__problems probs;
	kll_merge_stats st;
};

static const char *
expanded(const kll_mapset *m, const char *v, char *buf, size_t size)
{
	if (v == NULL)
		return "";
	return kll__curie_expand(m, v, buf, size) ? buf : v;
}

static const char *
path_of(const struct mg *g, size_t k)
{
	return kll__display_name(kll_mapset_path(g->keys[k]));
}

/* The key of record rec of m, in the arena. */
static const char *
rec_key(struct mg *g, const kll_mapset *m, size_t rec)
{
	static const kll_slot parts[] = { KLL_SLOT_SUBJECT_ID,
		KLL_SLOT_PREDICATE_ID, KLL_SLOT_PREDICATE_MODIFIER,
		KLL_SLOT_OBJECT_ID };
	char buf[2048];
	kll__buf b = { NULL, 0, 0 };
	const char *k;
	size_t i;

	for (i = 0; i < 4; i++)
		if (kll__buf_adds(
		        &b, expanded(m, kll_mapset_get(m, rec, parts[i]), buf,
		                sizeof(buf))) < 0 ||
		    kll__buf_addc(&b, '\t') < 0) {
			kll__buf_free(&b);
			return NULL;
		}
	k = kll__arena_strndup(&g->text, b.p, b.n);
	kll__buf_free(&b);
	return k;
}

/* Remember where record rec of into came from; -1 out of memory. */
static int
note_origin(struct mg *g, size_t rec, size_t k, size_t line)
{
	if (rec >= g->cap) {
		size_t cap = g->cap;
		if (kll__grow(&g->from, &cap, rec, sizeof(size_t)) < 0 ||
		    kll__grow(&g->line, &g->cap, rec, sizeof(size_t)) < 0)
			return -1;
	}
	g->from[rec] = k;
	g->line[rec] = line;
	return 0;
}

static int
index_record(struct mg *g, size_t rec, size_t k, size_t line)
{
	const char *key = rec_key(g, g->into, rec);
	uint32_t old;

	if (key == NULL || note_origin(g, rec, k, line) < 0)
		return -1;
	if (kll__map_get(&g->recs, key, strlen(key), &old))
		return 0;
	return kll__map_put(&g->recs, key, strlen(key), (uint32_t)rec);
}

/* Whether values a (of m) and b (of n) of a slot of kind "kind" agree. */
static int
same_value(const kll_mapset *m, const char *a, const kll_mapset *n,
    const char *b, kll_value_kind kind)
{
	char ea[2048], eb[2048];

	if (a == NULL || b == NULL)
		return a == b;
	if (strcmp(a, b) == 0)
		return 1;
	if (kind == KLL_KIND_ENTITY)
		return strcmp(expanded(m, a, ea, sizeof(ea)),
		           expanded(n, b, eb, sizeof(eb))) == 0;
	if (kind == KLL_KIND_DOUBLE)
		return strtod(a, NULL) == strtod(b, NULL);
	return 0;
}

/* The slots in which record r of m and record i of into differ, into
 * buf ("" when none). */
static void
differences(const struct mg *g, size_t i, const kll_mapset *m, size_t r,
    char *buf, size_t size)
{
	const char *name;
	size_t n = 0, x;
	int s;

	buf[0] = '\0';
	for (s = 0; s < KLL_SLOT__COUNT; s++)
		if (!same_value(g->into,
		        kll_mapset_get(g->into, i, (kll_slot)s), m,
		        kll_mapset_get(m, r, (kll_slot)s),
		        kll_slot_kind((kll_slot)s)) &&
		    n < size)
			n += (size_t)snprintf(buf + n, size - n, "%s%s",
			    n ? ", " : "", kll_slot_name((kll_slot)s));
	for (x = 0; x < kll_mapset_nextra(m); x++) {
		name = kll_mapset_extra_name(m, x);
		if (!same_value(g->into, kll_mapset_get_extra(g->into, i, name),
		        m, kll_mapset_get_extra(m, r, name), KLL_KIND_STRING) &&
		    n < size)
			n += (size_t)snprintf(
			    buf + n, size - n, "%s%s", n ? ", " : "", name);
	}
}

/* Record r of key k: added, dropped as the same, or resolved. */
static kll_status
merge_record(struct mg *g, size_t k, size_t r, kll_error *err)
{
	const kll_mapset *m = g->keys[k];
	const char *key = rec_key(g, m, r);
	char diff[200];
	uint32_t i;
	size_t at;
	int take;
	kll_status st;

	if (key == NULL)
		return kll__nomem(err);
	if (!kll__map_get(&g->recs, key, strlen(key), &i)) {
		if ((st = kll__mapset_copy_record(
		         g->into, (size_t)-1, m, r, &at, err)) != KLL_OK)
			return st;
		g->st.added++;
		if (note_origin(g, at, k, kll_mapset_line(m, r)) < 0 ||
		    kll__map_put(&g->recs, key, strlen(key), (uint32_t)at) < 0)
			return kll__nomem(err);
		return KLL_OK;
	}
	differences(g, i, m, r, diff, sizeof(diff));
	if (diff[0] == '\0') {
		g->st.same++;
		return KLL_OK;
	}
	switch (g->o->rows) {
	case KLL_PREFER_NONE:
		kll__problem(&g->probs, kll_mapset_path(m),
		    kll_mapset_line(m, r), "map-merge-row",
		    "the mapping of %s:%zu with another %s",
		    path_of(g, g->from[i]), g->line[i], diff);
		return KLL_OK;
	case KLL_PREFER_FIRST:
		take = 0;
		break;
	case KLL_PREFER_LAST:
		take = 1;
		break;
	default:
		take = kll__record_confidence(m, r, NULL) >
		       kll__record_confidence(g->into, i, NULL);
	}
	g->st.resolved++;
	if (!take)
		return KLL_OK;
	if ((st = kll__mapset_copy_record(g->into, i, m, r, NULL, err)) !=
	    KLL_OK)
		return st;
	return note_origin(g, i, k, kll_mapset_line(m, r)) < 0 ?
	           kll__nomem(err) :
	           KLL_OK;
}

static kll_status
merge_prefixes(struct mg *g, size_t k, kll_error *err)
{
	const kll_mapset *m = g->keys[k];
	const char *name, *iri, *had;
	size_t i;
	kll_status st;

	for (i = 0; i < kll_mapset_nprefixes(m); i++) {
		name = kll_mapset_prefix_name(m, i);
		iri = kll_mapset_prefix(m, name);
		if ((had = kll_mapset_prefix(g->into, name)) == NULL) {
			if ((st = kll_mapset_add_prefix(
			         g->into, name, iri, err)) != KLL_OK)
				return st;
		} else if (strcmp(had, iri) != 0)
			kll__problem(&g->probs, kll_mapset_path(m), 0,
			    "map-merge-prefix",
			    "prefix '%s' is <%s> here and <%s> in %s", name,
			    iri, had, path_of(g, 0));
	}
	return KLL_OK;
}

/* Set slot "name" (number j of meta_from) from key k. */
static kll_status
merge_slot(struct mg *g, size_t k, size_t j, const char *name,
    kll_value_kind kind, kll_error *err)
{
	const kll_mapset *m = g->keys[k];
	const char *a = kll_mapset_meta(g->into, name);
	const char *b = kll_mapset_meta(m, name);
	kll_status st;

	if (b == NULL || same_value(g->into, a, m, b, kind))
		return KLL_OK;
	if (a != NULL && g->o->meta == KLL_PREFER_NONE) {
		kll__problem(&g->probs, kll_mapset_path(m), 0, "map-merge-meta",
		    "%s is '%s' here and '%s' in %s", name, b, a,
		    path_of(g, g->meta_from[j]));
		return KLL_OK;
	}
	if (a != NULL) {
		g->st.meta++;
		if (g->o->meta != KLL_PREFER_LAST)
			return KLL_OK;
	}
	if ((st = kll_mapset_set_meta(g->into, name, b, err)) != KLL_OK)
		return st;
	g->meta_from[j] = k;
	return KLL_OK;
}

static kll_status
merge_meta(struct mg *g, size_t k, kll_error *err)
{
	kll_status st;
	size_t j;
	int s;

	for (j = 0; j < NSET_ONLY; j++)
		if ((st = merge_slot(
		         g, k, j, set_only[j], KLL_KIND_STRING, err)) != KLL_OK)
			return st;
	for (s = 0; s < KLL_SLOT__COUNT; s++)
		if (!kll_slot_propagatable((kll_slot)s) &&
		    (st = merge_slot(g, k, NSET_ONLY + (size_t)s,
		         kll_slot_name((kll_slot)s), kll_slot_kind((kll_slot)s),
		         err)) != KLL_OK)
			return st;
	return KLL_OK;
}

/* A propagatable value of the set that its records no longer all share
 * is left to the records. */
static kll_status
unshared(struct mg *g, kll_error *err)
{
	const char *v, *first;
	size_t r, n = kll_mapset_count(g->into);
	kll_status st;
	int s;

	for (s = 0; s < KLL_SLOT__COUNT; s++) {
		if (!kll_slot_propagatable((kll_slot)s) || n == 0)
			continue;
		first = kll_mapset_get(g->into, 0, (kll_slot)s);
		for (r = 1; r < n; r++) {
			v = kll_mapset_get(g->into, r, (kll_slot)s);
			if ((v == NULL) != (first == NULL) ||
			    (v != NULL && strcmp(v, first) != 0))
				break;
		}
		if (r < n &&
		    (st = kll_mapset_set_meta(g->into,
		         kll_slot_name((kll_slot)s), NULL, err)) != KLL_OK)
			return st;
	}
	return KLL_OK;
}

static kll_status
merge_all(struct mg *g, size_t n, kll_error *err)
{
	kll_status st;
	size_t k, r;

	for (r = 0; r < kll_mapset_count(g->into); r++)
		if (index_record(g, r, 0, kll_mapset_line(g->into, r)) < 0)
			return kll__nomem(err);
	for (k = 1; k < n; k++) {
		if ((st = merge_prefixes(g, k, err)) != KLL_OK ||
		    (st = merge_meta(g, k, err)) != KLL_OK)
			return st;
		for (r = 0; r < kll_mapset_count(g->keys[k]); r++)
			if ((st = merge_record(g, k, r, err)) != KLL_OK)
				return st;
	}
	if ((st = unshared(g, err)) != KLL_OK)
		return st;
	return g->probs.n > 0 ? KLL_OK : kll__mapset_recount(g->into, err);
}

kll_status
kll_mapset_merge(kll_mapset *const *keys, size_t n, const kll_merge_opts *opts,
    kll_merge_stats *stats, kll_error *err)
{
	kll_merge_opts dflt = KLL_MERGE_OPTS_INIT;
	kll_error first;
	struct mg g;
	kll_status st;

	if (n == 0 || keys == NULL)
		return kll__error_set(err, KLL_EARG, NULL, 0, 0, "no key");
	memset(&g, 0, sizeof(g));
	g.into = keys[0];
	g.keys = keys;
	g.o = opts ? opts : &dflt;
	g.probs.fn = g.o->diag;
	g.probs.payload = g.o->payload;
	g.probs.first = &first;
	st = merge_all(&g, n, err);
	if (st == KLL_OK && g.probs.n > 0) {
		st = kll__error_set(err, KLL_EINVALID, first.file, first.line,
		    0, "%s (%zu %s)", first.msg, g.probs.n,
		    g.probs.n == 1 ? "conflict" : "conflicts");
		if (err != NULL)
			snprintf(
			    err->rule, sizeof(err->rule), "%s", first.rule);
	}
	if (stats != NULL)
		*stats = g.st;
	kll__map_free(&g.recs);
	kll__arena_free(&g.text);
	free(g.from);
	free(g.line);
	return st;
}
