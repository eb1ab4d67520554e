/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map_diff.c: what changed between two versions of a mapping set: set
 * metadata, prefixes, and records paired by subject and object, so that
 * a predicate that changed from exact to broad is one change. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define NONE ((size_t)-1)

struct kll_mapdiff {
	kll_mchange *ch;
	size_t n, cap;
	kll__arena arena;
};

static const char *const mchange_names[] = { "added", "removed", "predicate",
	"justification", "confidence", "label", "slot", "meta" };

const char *
kll_mchange_name(kll_mchange_kind k)
{
	if ((int)k < 0 || k >= KLL_MCHANGE__COUNT)
		return NULL;
	return mchange_names[k];
}

/* The slots of a MappingSet that are not also record slots, then those
 * that are, in the order of the model. */
static const char *const set_only[] = { "sssom_version", "mapping_set_id",
	"mapping_set_version", "mapping_set_source", "mapping_set_title",
	"mapping_set_description", "mapping_set_confidence", "issue_tracker" };

typedef struct mdiff {
	kll_mapdiff *d;
	const kll_mapset *m[2];
	unsigned char prop_meta[KLL_SLOT__COUNT]; /* compared as meta */
} mdiff;

static int
add(mdiff *x, kll_mchange_kind kind, const char *subject, const char *object,
    const char *slot, const char *ov, const char *nv, size_t orec, size_t nrec)
{
	kll_mapdiff *d = x->d;
	kll_mchange *c;

	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 64;
		kll_mchange *nc = kll__realloc(d->ch, cap * sizeof(*nc));
		if (nc == NULL)
			return -1;
		d->ch = nc;
		d->cap = cap;
	}
	c = &d->ch[d->n++];
	c->kind = kind;
	c->subject = subject ? subject : "";
	c->object = object ? object : "";
	c->slot = slot ? slot : "";
	c->old_value = ov ? ov : "";
	c->new_value = nv ? nv : "";
	c->old_rec = orec;
	c->new_rec = nrec;
	return 0;
}

static const char *
nz(const char *s)
{
	return s ? s : "";
}

/* Whether CURIE-valued a (of set 0) and b (of set 1) name the same IRI;
 * values that do not expand compare as text. */
static int
same_entity(const mdiff *x, const char *a, const char *b)
{
	char ea[2048], eb[2048];
	size_t na, nb;

	if (strcmp(nz(a), nz(b)) == 0)
		return 1;
	if (a == NULL || b == NULL)
		return 0;
	na = kll_mapset_expand(x->m[0], a, ea, sizeof(ea));
	nb = kll_mapset_expand(x->m[1], b, eb, sizeof(eb));
	return na > 0 && na < sizeof(ea) && nb > 0 && nb < sizeof(eb) &&
	       strcmp(ea, eb) == 0;
}

static int
same_number(const char *a, const char *b)
{
	char *ea, *eb;
	double x, y;

	x = strtod(a, &ea);
	y = strtod(b, &eb);
	return *a != '\0' && *b != '\0' && *ea == '\0' && *eb == '\0' && x == y;
}

static int
same_value(const mdiff *x, kll_value_kind kind, const char *a, const char *b)
{
	if (strcmp(nz(a), nz(b)) == 0)
		return 1;
	if (a == NULL || b == NULL)
		return 0;
	if (kind == KLL_KIND_ENTITY)
		return same_entity(x, a, b);
	if (kind == KLL_KIND_DOUBLE)
		return same_number(a, b);
	return 0;
}

/* Whether slot s is empty in every record of m. */
static int
empty_everywhere(const kll_mapset *m, kll_slot s)
{
	size_t i;

	for (i = 0; i < kll_mapset_count(m); i++)
		if (kll_mapset_get(m, i, s) != NULL)
			return 0;
	return 1;
}

/* The set metadata: the slots only sets have, then the record slots a
 * set may hold: those that are not propagatable, and those that are when
 * each set has one value for all its records (or none at all); the
 * others are compared record by record. */
static int
meta_changes(mdiff *x)
{
	const char *a, *b, *name;
	size_t i;
	int s;

	for (i = 0; i < sizeof(set_only) / sizeof(set_only[0]); i++) {
		a = kll_mapset_meta(x->m[0], set_only[i]);
		b = kll_mapset_meta(x->m[1], set_only[i]);
		if (!same_value(x, KLL_KIND_STRING, a, b) &&
		    add(x, KLL_MCHANGE_META, NULL, NULL, set_only[i], a, b,
		        NONE, NONE) < 0)
			return -1;
	}
	for (s = 0; s < KLL_SLOT__COUNT; s++) {
		name = kll_slot_name((kll_slot)s);
		a = kll_mapset_meta(x->m[0], name);
		b = kll_mapset_meta(x->m[1], name);
		if (kll_slot_propagatable((kll_slot)s)) {
			if ((a == NULL &&
			        !empty_everywhere(x->m[0], (kll_slot)s)) ||
			    (b == NULL &&
			        !empty_everywhere(x->m[1], (kll_slot)s)))
				continue;
			x->prop_meta[s] = 1;
		}
		if (!same_value(x, kll_slot_kind((kll_slot)s), a, b) &&
		    add(x, KLL_MCHANGE_META, NULL, NULL, name, a, b, NONE,
		        NONE) < 0)
			return -1;
	}
	return 0;
}

static int
prefix_changes(mdiff *x)
{
	const char *name, *a, *b;
	char *slot;
	size_t i, k;
	int s;

	for (s = 0; s < 2; s++)
		for (i = 0; i < kll_mapset_nprefixes(x->m[s]); i++) {
			name = kll_mapset_prefix_name(x->m[s], i);
			/* A prefix both declare is reported once. */
			if (s == 1) {
				for (k = 0; k < kll_mapset_nprefixes(x->m[0]);
				     k++)
					if (strcmp(kll_mapset_prefix_name(
					               x->m[0], k),
					        name) == 0)
						break;
				if (k < kll_mapset_nprefixes(x->m[0]))
					continue;
			}
			a = kll_mapset_prefix(x->m[0], name);
			b = kll_mapset_prefix(x->m[1], name);
			if (strcmp(nz(a), nz(b)) == 0)
				continue;
			if ((slot = kll__arena_alloc(
			         &x->d->arena, strlen(name) + 11)) == NULL)
				return -1;
			snprintf(slot, strlen(name) + 11, "curie_map:%s", name);
			if (add(x, KLL_MCHANGE_META, NULL, NULL, slot, a, b,
			        NONE, NONE) < 0)
				return -1;
		}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Records                                                              */

/* The key of record r of set s: its subject and object as IRIs (the
 * labels of literal mappings), joined by a TAB, in the arena. */
static const char *
record_key(mdiff *x, int s, size_t r)
{
	const kll_mapset *m = x->m[s];
	const kll_slot ids[2] = { KLL_SLOT_SUBJECT_ID, KLL_SLOT_OBJECT_ID };
	const kll_slot labels[2] = { KLL_SLOT_SUBJECT_LABEL,
		KLL_SLOT_OBJECT_LABEL };
	kll__buf b = { NULL, 0, 0 };
	char iri[2048];
	const char *v, *key = NULL;
	size_t n;
	int k;

	for (k = 0; k < 2; k++) {
		if (k == 1 && kll__buf_addc(&b, '\t') < 0)
			goto out;
		if ((v = kll_mapset_get(m, r, ids[k])) != NULL) {
			n = kll_mapset_expand(m, v, iri, sizeof(iri));
			if (n > 0 && n < sizeof(iri))
				v = iri;
			if (kll__buf_adds(&b, v) < 0)
				goto out;
		} else if (kll__buf_adds(&b, "\"") < 0 ||
		           kll__buf_adds(
		               &b, nz(kll_mapset_get(m, r, labels[k]))) < 0) {
			goto out;
		}
	}
	key = kll__arena_strdup(&x->d->arena, b.p);
out:
	kll__buf_free(&b);
	return key;
}

static kll_mchange_kind
kind_of(kll_slot s)
{
	switch (s) {
	case KLL_SLOT_PREDICATE_ID:
	case KLL_SLOT_PREDICATE_MODIFIER:
		return KLL_MCHANGE_PREDICATE;
	case KLL_SLOT_MAPPING_JUSTIFICATION:
		return KLL_MCHANGE_JUSTIFICATION;
	case KLL_SLOT_CONFIDENCE:
		return KLL_MCHANGE_CONFIDENCE;
	case KLL_SLOT_SUBJECT_LABEL:
	case KLL_SLOT_OBJECT_LABEL:
	case KLL_SLOT_PREDICATE_LABEL:
		return KLL_MCHANGE_LABEL;
	default:
		return KLL_MCHANGE_SLOT;
	}
}

static const char *
ident(const kll_mapset *m, size_t r, kll_slot id, kll_slot label)
{
	const char *v = kll_mapset_get(m, r, id);

	return v ? v : nz(kll_mapset_get(m, r, label));
}

/* The non-standard columns of either set. */
static int
extra_changes(
    mdiff *x, size_t orec, size_t nrec, const char *subj, const char *obj)
{
	const char *name, *a, *b;
	size_t i, k;
	int s;

	for (s = 0; s < 2; s++)
		for (i = 0; i < kll_mapset_nextra(x->m[s]); i++) {
			name = kll_mapset_extra_name(x->m[s], i);
			if (s == 1) {
				for (k = 0; k < kll_mapset_nextra(x->m[0]); k++)
					if (strcmp(kll_mapset_extra_name(
					               x->m[0], k),
					        name) == 0)
						break;
				if (k < kll_mapset_nextra(x->m[0]))
					continue;
			}
			a = kll_mapset_get_extra(x->m[0], orec, name);
			b = kll_mapset_get_extra(x->m[1], nrec, name);
			if (strcmp(nz(a), nz(b)) != 0 &&
			    add(x, KLL_MCHANGE_SLOT, subj, obj, name, a, b,
			        orec, nrec) < 0)
				return -1;
		}
	return 0;
}

static int
record_changes(mdiff *x, size_t orec, size_t nrec)
{
	const kll_mapset *om = x->m[0], *nm = x->m[1];
	const char *subj =
	    ident(nm, nrec, KLL_SLOT_SUBJECT_ID, KLL_SLOT_SUBJECT_LABEL);
	const char *obj =
	    ident(nm, nrec, KLL_SLOT_OBJECT_ID, KLL_SLOT_OBJECT_LABEL);
	const char *a, *b;
	int s;

	for (s = 0; s < KLL_SLOT__COUNT; s++) {
		if (s == KLL_SLOT_SUBJECT_ID || s == KLL_SLOT_OBJECT_ID ||
		    x->prop_meta[s])
			continue;
		a = kll_mapset_get(om, orec, (kll_slot)s);
		b = kll_mapset_get(nm, nrec, (kll_slot)s);
		if (!same_value(x, kll_slot_kind((kll_slot)s), a, b) &&
		    add(x, kind_of((kll_slot)s), subj, obj,
		        kll_slot_name((kll_slot)s), a, b, orec, nrec) < 0)
			return -1;
	}
	return extra_changes(x, orec, nrec, subj, obj);
}

/* Old records by key: for each distinct key, the chain of records. */
typedef struct okeys {
	kll__map map; /* key -> first record */
	size_t *next; /* next record with the same key, or NONE */
	unsigned char *used;
} okeys;

static int
index_old(mdiff *x, okeys *k)
{
	size_t n = kll_mapset_count(x->m[0]), i, *last = NULL;
	const char *key;
	uint32_t first;
	int rc = -1;

	if ((k->next = kll__malloc((n + 1) * sizeof(*k->next))) == NULL ||
	    (k->used = kll__calloc(n + 1, 1)) == NULL ||
	    (last = kll__malloc((n + 1) * sizeof(*last))) == NULL)
		goto out;
	for (i = 0; i < n; i++) {
		k->next[i] = NONE;
		if ((key = record_key(x, 0, i)) == NULL)
			goto out;
		if (kll__map_get(&k->map, key, strlen(key), &first)) {
			k->next[last[first]] = i;
			last[first] = i;
		} else {
			if (kll__map_put(
			        &k->map, key, strlen(key), (uint32_t)i) < 0)
				goto out;
			last[i] = i;
		}
	}
	rc = 0;
out:
	free(last);
	return rc;
}

static int
same_predicate(const mdiff *x, size_t orec, size_t nrec)
{
	return same_entity(x,
	           kll_mapset_get(x->m[0], orec, KLL_SLOT_PREDICATE_ID),
	           kll_mapset_get(x->m[1], nrec, KLL_SLOT_PREDICATE_ID)) &&
	       strcmp(nz(kll_mapset_get(
	                  x->m[0], orec, KLL_SLOT_PREDICATE_MODIFIER)),
	           nz(kll_mapset_get(
	               x->m[1], nrec, KLL_SLOT_PREDICATE_MODIFIER))) == 0;
}

/* The unused old record for new record nrec: one with the same
 * predicate first, else the first one; NONE when there is none. */
static size_t
partner(const mdiff *x, okeys *k, const char *key, size_t nrec)
{
	uint32_t first;
	size_t i, any = NONE;

	if (!kll__map_get(&k->map, key, strlen(key), &first))
		return NONE;
	for (i = first; i != NONE; i = k->next[i]) {
		if (k->used[i])
			continue;
		if (same_predicate(x, i, nrec))
			return i;
		if (any == NONE)
			any = i;
	}
	return any;
}

static int
records(mdiff *x)
{
	okeys k;
	const char *key;
	size_t i, o;
	int rc = -1;

	memset(&k, 0, sizeof(k));
	if (index_old(x, &k) < 0)
		goto out;
	for (i = 0; i < kll_mapset_count(x->m[1]); i++) {
		if ((key = record_key(x, 1, i)) == NULL)
			goto out;
		if ((o = partner(x, &k, key, i)) == NONE) {
			if (add(x, KLL_MCHANGE_ADDED,
			        ident(x->m[1], i, KLL_SLOT_SUBJECT_ID,
			            KLL_SLOT_SUBJECT_LABEL),
			        ident(x->m[1], i, KLL_SLOT_OBJECT_ID,
			            KLL_SLOT_OBJECT_LABEL),
			        "predicate_id", NULL,
			        kll_mapset_get(
			            x->m[1], i, KLL_SLOT_PREDICATE_ID),
			        NONE, i) < 0)
				goto out;
			continue;
		}
		k.used[o] = 1;
		if (record_changes(x, o, i) < 0)
			goto out;
	}
	for (i = 0; i < kll_mapset_count(x->m[0]); i++)
		if (!k.used[i] &&
		    add(x, KLL_MCHANGE_REMOVED,
		        ident(x->m[0], i, KLL_SLOT_SUBJECT_ID,
		            KLL_SLOT_SUBJECT_LABEL),
		        ident(x->m[0], i, KLL_SLOT_OBJECT_ID,
		            KLL_SLOT_OBJECT_LABEL),
		        "predicate_id",
		        kll_mapset_get(x->m[0], i, KLL_SLOT_PREDICATE_ID), NULL,
		        i, NONE) < 0)
			goto out;
	rc = 0;
out:
	kll__map_free(&k.map);
	free(k.next);
	free(k.used);
	return rc;
}

kll_status
kll_mapdiff_new(kll_mapdiff **out, const kll_mapset *old_m,
    const kll_mapset *new_m, kll_error *err)
{
	mdiff x;

	*out = NULL;
	memset(&x, 0, sizeof(x));
	if (old_m == NULL || new_m == NULL)
		return kll__error_set(
		    err, KLL_EARG, NULL, 0, 0, "no mapping set to compare");
	if ((x.d = kll__calloc(1, sizeof(*x.d))) == NULL)
		goto nomem;
	x.m[0] = old_m;
	x.m[1] = new_m;
	if (meta_changes(&x) < 0 || prefix_changes(&x) < 0 || records(&x) < 0)
		goto nomem;
	*out = x.d;
	return KLL_OK;
nomem:
	kll_mapdiff_free(x.d);
	return kll__nomem(err);
}

void
kll_mapdiff_free(kll_mapdiff *d)
{
	if (d == NULL)
		return;
	free(d->ch);
	kll__arena_free(&d->arena);
	free(d);
}

size_t
kll_mapdiff_count(const kll_mapdiff *d)
{
	return d->n;
}

const kll_mchange *
kll_mapdiff_at(const kll_mapdiff *d, size_t i)
{
	return i < d->n ? &d->ch[i] : NULL;
}

/* ------------------------------------------------------------------ */
/* JSON lines                                                           */

void
kll__json_string(FILE *fp, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', fp);
	for (; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(fp, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", fp);
		else if (*p == '\t')
			fputs("\\t", fp);
		else if (*p == '\r')
			fputs("\\r", fp);
		else if (*p < 0x20)
			fprintf(fp, "\\u%04x", *p);
		else
			fputc(*p, fp);
	}
	fputc('"', fp);
}

kll_status
kll__write_status(FILE *fp, kll_error *err)
{
	if (fflush(fp) != 0 || ferror(fp))
		return kll__error_set(err, KLL_EIO, NULL, 0, 0,
		    "write error: %s", strerror(errno ? errno : EIO));
	return KLL_OK;
}

void
kll__json_fields(FILE *fp, const char *const *kv, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		fprintf(fp, ",\"%s\":", kv[2 * i]);
		if (kv[2 * i + 1] != NULL)
			kll__json_string(fp, kv[2 * i + 1]);
		else
			fputs("null", fp);
	}
}

static void
json_mchange(FILE *fp, const kll_mchange *c)
{
	const char *const kv[] = { "subject", c->subject, "object", c->object,
		"slot", c->slot, "old", c->old_value, "new", c->new_value };

	fprintf(fp, "{\"kind\":\"%s\"", kll_mchange_name(c->kind));
	kll__json_fields(fp, kv, sizeof(kv) / sizeof(kv[0]) / 2);
	fputs("}\n", fp);
}

kll_status
kll_mapdiff_write_json(const kll_mapdiff *d, FILE *fp, kll_error *err)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		json_mchange(fp, &d->ch[i]);
	return kll__write_status(fp, err);
}
