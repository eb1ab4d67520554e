/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * hash.c: the one hash table of libkll and the hashes it uses.  A table
 * (kll__itab) holds only 32-bit item numbers, with open addressing; the
 * items themselves are kept by the caller, in arrays it grows, and the
 * caller says how to hash an item and compare it with a key.  On it are
 * built the string map (kll__map: a string to a 32-bit value) and the set
 * of 64-bit keys with a count and a stamp each (kll__kset).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define NONE KLL__ITAB_NONE

uint32_t
kll__hash(const char *s, size_t n)
{
	/* FNV-1a, folded to 32 bits; short keys dominate here. */
	uint64_t h = 0xcbf29ce484222325u;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3u;
	}
	return (uint32_t)(h ^ (h >> 32));
}

uint64_t
kll__hash64(const char *s, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15u ^ (uint64_t)n, w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdu;
		h ^= h >> 32;
	}
	w = 0;
	memcpy(&w, s, n);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53u;
	h ^= h >> 29;
	h *= 0xff51afd7ed558ccdu;
	return h ^ (h >> 32);
}

uint32_t
kll__hash_u64(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdu;
	k ^= k >> 33;
	return (uint32_t)k;
}

/* ------------------------------------------------------------------ */
/* Tables of item numbers                                               */

int
kll__itab_init(kll__itab *t, size_t expect)
{
	size_t cap = 16;

	while (cap - cap / 4 <= expect)
		cap *= 2;
	if ((t->slot = kll__malloc(cap * sizeof(*t->slot))) == NULL)
		return -1;
	memset(t->slot, 0xff, cap * sizeof(*t->slot));
	t->mask = cap - 1;
	t->n = 0;
	return 0;
}

void
kll__itab_free(kll__itab *t)
{
	free(t->slot);
	memset(t, 0, sizeof(*t));
}

uint32_t *
kll__itab_slot(const kll__itab *t, uint32_t h, kll__item_eq eq,
    const void *ctx, const void *key)
{
	size_t i = h & t->mask;

	while (t->slot[i] != NONE && !eq(ctx, t->slot[i], key))
		i = (i + 1) & t->mask;
	return &t->slot[i];
}

int
kll__itab_room(kll__itab *t, kll__item_hash hf, const void *ctx)
{
	kll__itab u;
	size_t i, j;

	if (t->slot == NULL)
		return kll__itab_init(t, 0);
	if ((t->n + 1) * 4 < (t->mask + 1) * 3)
		return 0;
	if (kll__itab_init(&u, (t->mask + 1) * 3 / 4 + 1) < 0)
		return -1;
	for (i = 0; i <= t->mask; i++) {
		if (t->slot[i] == NONE)
			continue;
		j = hf(ctx, t->slot[i]) & u.mask;
		while (u.slot[j] != NONE)
			j = (j + 1) & u.mask;
		u.slot[j] = t->slot[i];
	}
	u.n = t->n;
	kll__itab_free(t);
	*t = u;
	return 0;
}

/* ------------------------------------------------------------------ */
/* The string map                                                       */

/* The maps' own hash: kll__hash64() folded.  kll__hash() stays as it is,
 * since its values are kept by callers. */
static uint32_t
map_hash(const char *s, size_t n)
{
	return (uint32_t)kll__hash64(s, n);
}

struct mkey {
	const char *s;
	size_t n;
	uint32_t h;
};

static int
map_eq(const void *ctx, uint32_t item, const void *key)
{
	const kll__map *m = ctx;
	const struct mkey *k = key;

	return m->hashes[item] == k->h &&
	       strncmp(m->keys[item], k->s, k->n) == 0 &&
	       m->keys[item][k->n] == '\0';
}

static uint32_t
map_item_hash(const void *ctx, uint32_t item)
{
	return ((const kll__map *)ctx)->hashes[item];
}

int
kll__map_get(const kll__map *m, const char *key, size_t n, uint32_t *val)
{
	struct mkey k;
	uint32_t i;

	if (m->t.slot == NULL)
		return 0;
	k.s = key;
	k.n = n;
	k.h = map_hash(key, n);
	if ((i = *kll__itab_slot(&m->t, k.h, map_eq, m, &k)) == NONE)
		return 0;
	if (val != NULL)
		*val = m->vals[i];
	return 1;
}

int
kll__map_put(kll__map *m, const char *key, size_t n, uint32_t val)
{
	struct mkey k;
	uint32_t *slot;
	size_t cap = m->cap;

	k.s = key;
	k.n = n;
	k.h = map_hash(key, n);
	if (kll__itab_room(&m->t, map_item_hash, m) < 0 ||
	    kll__grow(&m->keys, &cap, m->n, sizeof(*m->keys)) < 0 ||
	    (cap != m->cap &&
	        (kll__resize(&m->hashes, cap, sizeof(*m->hashes)) < 0 ||
	            kll__resize(&m->vals, cap, sizeof(*m->vals)) < 0)))
		return -1;
	m->cap = cap;
	slot = kll__itab_slot(&m->t, k.h, map_eq, m, &k);
	if (*slot == NONE) {
		m->keys[m->n] = key;
		m->hashes[m->n] = k.h;
		*slot = (uint32_t)m->n++;
		m->t.n++;
	}
	m->vals[*slot] = val;
	return 0;
}

void
kll__map_free(kll__map *m)
{
	kll__itab_free(&m->t);
	free(m->keys);
	free(m->hashes);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

/* ------------------------------------------------------------------ */
/* Sets of 64-bit keys                                                  */

static int
kset_eq(const void *ctx, uint32_t item, const void *key)
{
	return ((const kll__kset *)ctx)->key[item] == *(const uint64_t *)key;
}

static uint32_t
kset_hash(const void *ctx, uint32_t item)
{
	return kll__hash_u64(((const kll__kset *)ctx)->key[item]);
}

uint32_t
kll__kset_add(kll__kset *ks, uint64_t key)
{
	uint32_t *slot;

	if (kll__itab_room(&ks->t, kset_hash, ks) < 0 ||
	    kll__grow(&ks->key, &ks->cap, ks->n, sizeof(*ks->key)) < 0 ||
	    kll__grow(&ks->cnt, &ks->ccap, ks->n, sizeof(*ks->cnt)) < 0 ||
	    kll__grow(&ks->stamp, &ks->scap, ks->n, sizeof(*ks->stamp)) < 0)
		return NONE;
	slot = kll__itab_slot(&ks->t, kll__hash_u64(key), kset_eq, ks, &key);
	if (*slot == NONE) {
		ks->key[ks->n] = key;
		ks->cnt[ks->n] = 0;
		ks->stamp[ks->n] = 0;
		*slot = (uint32_t)ks->n++;
		ks->t.n++;
	}
	return *slot;
}

uint32_t
kll__kset_find(const kll__kset *ks, uint64_t key)
{
	if (ks->t.slot == NULL)
		return NONE;
	return *kll__itab_slot(
	    &ks->t, kll__hash_u64(key), kset_eq, ks, &key);
}

uint32_t
kll__kset_count(const kll__kset *ks, uint64_t key)
{
	uint32_t i = kll__kset_find(ks, key);

	return i == NONE ? 0 : ks->cnt[i];
}

void
kll__kset_free(kll__kset *ks)
{
	kll__itab_free(&ks->t);
	free(ks->key);
	free(ks->cnt);
	free(ks->stamp);
	memset(ks, 0, sizeof(*ks));
}
