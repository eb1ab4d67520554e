/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * map_invert.c: a key B to A from a key A to B (kll_mapset_invert):
 * subjects and objects swap, with every slot that names a side, and each
 * predicate becomes its inverse in the algebra (map_pred.c).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const kll_slot swap_slots[][2] = {
	{ KLL_SLOT_SUBJECT_ID, KLL_SLOT_OBJECT_ID },
	{ KLL_SLOT_SUBJECT_LABEL, KLL_SLOT_OBJECT_LABEL },
	{ KLL_SLOT_SUBJECT_CATEGORY, KLL_SLOT_OBJECT_CATEGORY },
	{ KLL_SLOT_SUBJECT_TYPE, KLL_SLOT_OBJECT_TYPE },
	{ KLL_SLOT_SUBJECT_SOURCE, KLL_SLOT_OBJECT_SOURCE },
	{ KLL_SLOT_SUBJECT_SOURCE_VERSION, KLL_SLOT_OBJECT_SOURCE_VERSION },
	{ KLL_SLOT_SUBJECT_MATCH_FIELD, KLL_SLOT_OBJECT_MATCH_FIELD },
	{ KLL_SLOT_SUBJECT_PREPROCESSING, KLL_SLOT_OBJECT_PREPROCESSING },
};
#define NSWAP (sizeof(swap_slots) / sizeof(swap_slots[0]))

static const char *
inverse_cardinality(const char *c)
{
	static const char *const pairs[][2] = { { "1:n", "n:1" },
		{ "n:1", "1:n" }, { "1:0", "0:1" }, { "0:1", "1:0" } };
	size_t i;

	for (i = 0; c != NULL && i < sizeof(pairs) / sizeof(pairs[0]); i++)
		if (strcmp(c, pairs[i][0]) == 0)
			return pairs[i][1];
	return c;
}

/* A slot name with its subject_ or object_ swapped, into b. */
static int
swap_name(kll__buf *b, const char *s)
{
	if (strncmp(s, "subject_", 8) == 0) {
		if (kll__buf_adds(b, "object_") < 0)
			return -1;
		s += 8;
	} else if (strncmp(s, "object_", 7) == 0) {
		if (kll__buf_adds(b, "subject_") < 0)
			return -1;
		s += 7;
	}
	return kll__list_add_escaped(b, s);
}

/* A cardinality_scope list with subject_ and object_ swapped in each
 * slot name, into b; NULL when out of memory. */
static const char *
inverse_scope(const char *v, kll__buf *b)
{
	char **items = NULL;
	size_t n, i;
	int bad = 0;

	b->n = 0;
	if (kll_sssom_split(&items, &n, v, NULL) != KLL_OK)
		return NULL;
	for (i = 0; i < n && !bad; i++)
		bad = (i > 0 && kll__buf_addc(b, '|') < 0) ||
		      swap_name(b, items[i]) < 0;
	free(items);
	return bad || kll__buf_addc(b, '\0') < 0 ? NULL : b->p;
}

static kll_status
check_invertible(kll_mapset *m, kll_diag_fn diag, void *payload, kll_error *err)
{
	size_t r, bad = 0, first = 0;
	const char *p;
	kll_error d;

	for (r = 0; r < kll_mapset_count(m); r++) {
		if (kll_pred_inverse(kll_mapset_pred(m, r)) != KLL_PRED_NONE)
			continue;
		if (bad++ == 0)
			first = r;
		p = kll_mapset_get(m, r, KLL_SLOT_PREDICATE_ID);
		if (diag == NULL)
			continue;
		kll__error_set(&d, KLL_EINVALID, kll_mapset_path(m),
		    kll_mapset_line(m, r), 0,
		    "predicate '%s' has no inverse among the SSSOM predicates",
		    p ? p : "");
		snprintf(d.rule, sizeof(d.rule), "invert-no-inverse");
		diag(payload, &d);
	}
	if (bad == 0)
		return KLL_OK;
	p = kll_mapset_get(m, first, KLL_SLOT_PREDICATE_ID);
	if (bad == 1)
		kll__error_set(err, KLL_EINVALID, kll_mapset_path(m),
		    kll_mapset_line(m, first), 0,
		    "predicate '%s' has no inverse among the SSSOM predicates",
		    p ? p : "");
	else
		kll__error_set(err, KLL_EINVALID, kll_mapset_path(m),
		    kll_mapset_line(m, first), 0,
		    "predicate '%s' has no inverse among the SSSOM predicates "
		    "(%zu records in all)",
		    p ? p : "", bad);
	if (err != NULL)
		snprintf(err->rule, sizeof(err->rule), "invert-no-inverse");
	return KLL_EINVALID;
}

/* The inverse predicate written with the prefix the record uses. */
static kll_status
invert_predicate(kll_mapset *m, size_t r, kll__buf *b, kll_error *err)
{
	kll_pred p = kll_mapset_pred(m, r), q = kll_pred_inverse(p);
	const char *id = kll_mapset_get(m, r, KLL_SLOT_PREDICATE_ID);
	const char *colon = strchr(id, ':'), *local;
	kll_status st;

	if (q == p)
		return KLL_OK;
	local = strchr(kll_pred_curie(q), ':') + 1;
	b->n = 0;
	if (kll__buf_add(b, id, (size_t)(colon - id + 1)) < 0 ||
	    kll__buf_adds(b, local) < 0)
		return kll__nomem(err);
	if ((st = kll_mapset_set(m, r, KLL_SLOT_PREDICATE_ID, b->p, err)) !=
	    KLL_OK)
		return st;
	return kll_mapset_set(m, r, KLL_SLOT_PREDICATE_LABEL, NULL, err);
}

static kll_status
invert_record(kll_mapset *m, size_t r, kll__buf *b, kll_error *err)
{
	const char *x, *y;
	kll_status st;
	size_t i;

	for (i = 0; i < NSWAP; i++) {
		x = kll_mapset_get(m, r, swap_slots[i][0]);
		y = kll_mapset_get(m, r, swap_slots[i][1]);
		if ((st = kll_mapset_set(m, r, swap_slots[i][0], y, err)) !=
		        KLL_OK ||
		    (st = kll_mapset_set(m, r, swap_slots[i][1], x, err)) !=
		        KLL_OK)
			return st;
	}
	if ((st = invert_predicate(m, r, b, err)) != KLL_OK)
		return st;
	x = kll_mapset_get(m, r, KLL_SLOT_MAPPING_CARDINALITY);
	if (x != NULL &&
	    (st = kll_mapset_set(m, r, KLL_SLOT_MAPPING_CARDINALITY,
	         inverse_cardinality(x), err)) != KLL_OK)
		return st;
	if ((x = kll_mapset_get(m, r, KLL_SLOT_CARDINALITY_SCOPE)) == NULL)
		return KLL_OK;
	if ((y = inverse_scope(x, b)) == NULL)
		return kll__nomem(err);
	return kll_mapset_set(m, r, KLL_SLOT_CARDINALITY_SCOPE, y, err);
}

/* The levels a key declares for its sides (kll-map check reads these
 * non-standard keys) change sides too. */
static kll_status
swap_levels(kll_mapset *m, kll_error *err)
{
	const char *x = kll_mapset_meta(m, "subject_level");
	const char *y = kll_mapset_meta(m, "object_level");
	char *sx = NULL, *sy = NULL;
	kll_status st = KLL_OK;

	if (x == NULL && y == NULL)
		return KLL_OK;
	if ((x != NULL && (sx = kll__strdup(x)) == NULL) ||
	    (y != NULL && (sy = kll__strdup(y)) == NULL))
		st = kll__nomem(err);
	else if ((st = kll_mapset_set_meta(m, "subject_level", sy, err)) ==
	         KLL_OK)
		st = kll_mapset_set_meta(m, "object_level", sx, err);
	free(sx);
	free(sy);
	return st;
}

/* The set-level values of the propagatable side slots. */
static kll_status
invert_metadata(kll_mapset *m, kll__buf *b, kll_error *err)
{
	const char *x, *y, *n1, *n2;
	kll_status st;
	size_t i;

	for (i = 0; i < NSWAP; i++) {
		if (!kll_slot_propagatable(swap_slots[i][0]))
			continue;
		n1 = kll_slot_name(swap_slots[i][0]);
		n2 = kll_slot_name(swap_slots[i][1]);
		x = kll_mapset_meta(m, n1);
		y = kll_mapset_meta(m, n2);
		if ((st = kll_mapset_set_meta(m, n1, y, err)) != KLL_OK ||
		    (st = kll_mapset_set_meta(m, n2, x, err)) != KLL_OK)
			return st;
	}
	if ((st = swap_levels(m, err)) != KLL_OK)
		return st;
	if ((x = kll_mapset_meta(m, "cardinality_scope")) == NULL)
		return KLL_OK;
	if ((y = inverse_scope(x, b)) == NULL)
		return kll__nomem(err);
	return kll_mapset_set_meta(m, "cardinality_scope", y, err);
}

kll_status
kll_mapset_invert(
    kll_mapset *m, kll_diag_fn diag, void *payload, kll_error *err)
{
	kll__buf b = { NULL, 0, 0 };
	kll_status st;
	size_t r;

	if (m == NULL)
		return kll__error_set(err, KLL_EARG, NULL, 0, 0, "no key");
	if ((st = kll__check_predicates(m, NULL, NULL, diag, payload, err)) !=
	        KLL_OK ||
	    (st = check_invertible(m, diag, payload, err)) != KLL_OK ||
	    (st = invert_metadata(m, &b, err)) != KLL_OK)
		goto out;
	for (r = 0; r < kll_mapset_count(m); r++)
		if ((st = invert_record(m, r, &b, err)) != KLL_OK)
			goto out;
out:
	kll__buf_free(&b);
	return st;
}
