/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map_split.c: the records of a key in groups, by the level or top code
 * of one side in its vocabulary, or by predicate; each group gets a name
 * that is safe in a file name. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The top concept above c: its first broader, and so on (at most 64
 * steps, against cycles). */
static const kll_concept *
top_of(const kll_concept *c)
{
	int i;

	for (i = 0; i < 64 && kll_concept_nbroader(c) > 0; i++)
		c = kll_concept_broader(c, 0);
	return c;
}

/* The name of record rec's group, into buf, made safe. */
static void
name_of(const kll_mapset *m, size_t rec, kll_split_by by, const kll_vocab *v,
    char *buf, size_t size)
{
	kll_side side =
	    (by == KLL_SPLIT_OBJECT_LEVEL || by == KLL_SPLIT_OBJECT_TOP) ?
	        KLL_OBJECT :
	        KLL_SUBJECT;
	const kll_concept *c = NULL;
	const char *p;
	char *q;

	if (by != KLL_SPLIT_PREDICATE)
		c = kll_mapset_concept(m, rec, side, v);
	switch (by) {
	case KLL_SPLIT_SUBJECT_LEVEL:
	case KLL_SPLIT_OBJECT_LEVEL:
		if (c != NULL && kll_concept_level(c) > 0)
			snprintf(buf, size, "level-%d", kll_concept_level(c));
		else
			snprintf(buf, size, "level-none");
		break;
	case KLL_SPLIT_SUBJECT_TOP:
	case KLL_SPLIT_OBJECT_TOP:
		if (c != NULL && *kll_concept_notation(top_of(c)) != '\0')
			snprintf(buf, size, "top-%s",
			    kll_concept_notation(top_of(c)));
		else
			snprintf(buf, size, "top-none");
		break;
	default:
		p = kll_mapset_get(m, rec, KLL_SLOT_PREDICATE_ID);
		snprintf(buf, size, "%s%s",
		    kll__record_negated(m, rec) ? "not-" : "", p ? p : "none");
	}
	for (q = buf; *q; q++)
		if (!((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
		        (*q >= '0' && *q <= '9') || *q == '.' || *q == '-' ||
		        *q == '_'))
			*q = *q == ':' ? '-' : '_';
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

kll_status
kll_mapset_split(size_t *group, char ***names, size_t *ngroups,
    const kll_mapset *m, kll_split_by by, const kll_vocab *vocab,
    kll_error *err)
{
	kll__map seen = KLL__MAP_INIT;
	kll__arena text = { NULL, 0, 0 };
	size_t rec, i, n = kll_mapset_count(m), total = 0, k = 0;
	char buf[256], **list = NULL, *block = NULL, *p;
	uint32_t g;
	kll_status st = KLL_OK;

	*names = NULL;
	*ngroups = 0;
	if (by != KLL_SPLIT_PREDICATE && vocab == NULL)
		return kll__error_set(err, KLL_EARG, NULL, 0, 0,
		    "splitting by level or top code needs the vocabulary");
	for (rec = 0; rec < n; rec++) {
		name_of(m, rec, by, vocab, buf, sizeof(buf));
		if (kll__map_get(&seen, buf, strlen(buf), &g))
			continue;
		if ((p = kll__arena_strdup(&text, buf)) == NULL ||
		    kll__map_put(&seen, p, strlen(p), (uint32_t)k++) < 0) {
			st = kll__nomem(err);
			goto out;
		}
		total += strlen(p) + 1;
	}
	/* One block: the pointers, then the names. */
	if ((block = kll__malloc((k + 1) * sizeof(char *) + total + 1)) ==
	    NULL) {
		st = kll__nomem(err);
		goto out;
	}
	list = (char **)(void *)block;
	p = block + (k + 1) * sizeof(char *);
	for (i = 0; i < k; i++) {
		list[i] = p;
		memcpy(p, seen.keys[i], strlen(seen.keys[i]) + 1);
		p += strlen(p) + 1;
	}
	list[k] = NULL;
	qsort(list, k, sizeof(char *), cmp_str);
	for (rec = 0; rec < n; rec++) {
		char **hit;
		char *key = buf;
		name_of(m, rec, by, vocab, buf, sizeof(buf));
		hit = bsearch(&key, list, k, sizeof(char *), cmp_str);
		group[rec] = (size_t)(hit - list);
	}
	*names = list;
	*ngroups = k;
	block = NULL;
out:
	free(block);
	kll__map_free(&seen);
	kll__arena_free(&text);
	return st;
}
