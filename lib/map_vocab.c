/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map_vocab.c: the vocabularies on the two sides of a key, found from its
 * subject_source and object_source, and the concepts its records name;
 * the cache that loads each vocabulary once for many keys. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

static const char *
source_slot(kll_side side)
{
	return side == KLL_SUBJECT ? "subject_source" : "object_source";
}

kll_status
kll_mapset_vocab(kll_vocab **out, const kll_mapset *m, kll_side side,
    const char *dirs, const kll_load_opts *lo, kll_error *err)
{
	const char *src = kll_mapset_meta(m, source_slot(side));
	char iri[1024];
	size_t n;

	*out = NULL;
	if (src == NULL || *src == '\0')
		return kll__error_set(err, KLL_ENOTFOUND, kll_mapset_path(m), 0,
		    0, "no %s in the metadata: name the vocabulary",
		    source_slot(side));
	n = kll_mapset_expand(m, src, iri, sizeof(iri));
	if (n == 0 || n >= sizeof(iri))
		snprintf(iri, sizeof(iri), "%s", src); /* an IRI or an id */
	return kll_vocab_open(out, iri, dirs, lo, err);
}

const kll_concept *
kll_mapset_concept(
    const kll_mapset *m, size_t rec, kll_side side, const kll_vocab *v)
{
	const char *id = kll_mapset_get(m, rec,
	    side == KLL_SUBJECT ? KLL_SLOT_SUBJECT_ID : KLL_SLOT_OBJECT_ID);
	char iri[1024];
	size_t n;

	if (id == NULL || v == NULL)
		return NULL;
	n = kll_mapset_expand(m, id, iri, sizeof(iri));
	if (n == 0 || n >= sizeof(iri))
		return NULL;
	return kll_vocab_find_iri(v, iri);
}

/* ------------------------------------------------------------------ */
/* The vocabulary cache                                                 */

struct vc_entry {
	char *name; /* as asked for */
	char *key;  /* its path; NULL when it did not resolve */
	dev_t dev;  /* the file, when stat() could tell */
	ino_t ino;
	int have_id;
	kll_vocab *v; /* NULL after a failure */
	int owner;    /* this entry frees v */
	kll_status st;
	kll_error err; /* why it failed */
};

struct kll_vocab_cache {
	char *dirs, *syntax, *base;
	kll_load_opts lo;
	struct vc_entry *e;
	size_t n, cap;
};

static char *
dup_or_null(const char *s, int *bad)
{
	char *p;

	if (s == NULL)
		return NULL;
	if ((p = kll__strdup(s)) == NULL)
		*bad = 1;
	return p;
}

kll_status
kll_vocab_cache_new(kll_vocab_cache **out, const char *dirs,
    const kll_load_opts *lo, kll_error *err)
{
	kll_vocab_cache *vc;
	int bad = 0;

	*out = NULL;
	if ((vc = kll__calloc(1, sizeof(*vc))) == NULL)
		return kll__nomem(err);
	vc->dirs = dup_or_null(dirs, &bad);
	if (lo != NULL) {
		vc->syntax = dup_or_null(lo->syntax, &bad);
		vc->base = dup_or_null(lo->base_iri, &bad);
	}
	vc->lo.syntax = vc->syntax;
	vc->lo.base_iri = vc->base;
	if (bad) {
		kll_vocab_cache_free(vc);
		return kll__nomem(err);
	}
	*out = vc;
	return KLL_OK;
}

void
kll_vocab_cache_free(kll_vocab_cache *vc)
{
	size_t i;

	if (vc == NULL)
		return;
	for (i = 0; i < vc->n; i++) {
		if (vc->e[i].owner)
			kll_vocab_free(vc->e[i].v);
		free(vc->e[i].name);
		free(vc->e[i].key);
	}
	free(vc->e);
	free(vc->dirs);
	free(vc->syntax);
	free(vc->base);
	free(vc);
}

/* Remember the outcome for "name"; takes over key.  Returns st, or
 * KLL_ENOMEM when there is no room (v is then freed if it is ours). */
static kll_status
vc_add(kll_vocab_cache *vc, const char *name, char *key, const struct stat *sb,
    kll_vocab *v, int owner, kll_status st, const kll_error *why,
    kll_error *err)
{
	struct vc_entry *e;
	char *nm;

	if (kll__grow(&vc->e, &vc->cap, vc->n, sizeof(*vc->e)) < 0 ||
	    (nm = kll__strdup(name)) == NULL) {
		free(key);
		if (owner)
			kll_vocab_free(v);
		return kll__nomem(err);
	}
	e = &vc->e[vc->n++];
	memset(e, 0, sizeof(*e));
	e->name = nm;
	e->key = key;
	if (sb != NULL) {
		e->dev = sb->st_dev;
		e->ino = sb->st_ino;
		e->have_id = 1;
	}
	e->v = v;
	e->owner = owner;
	e->st = st;
	if (why != NULL)
		e->err = *why;
	if (st != KLL_OK && err != NULL)
		*err = e->err;
	return st;
}

/* The outcome already known for entry e. */
static kll_status
vc_answer(const struct vc_entry *e, const kll_vocab **out, kll_error *err)
{
	if (e->st != KLL_OK) {
		if (err != NULL)
			*err = e->err;
		return e->st;
	}
	*out = e->v;
	return KLL_OK;
}

/* Whether entry e is the file of path "key", whose stat() is sb. */
static int
vc_same_file(const struct vc_entry *e, const char *key, const struct stat *sb)
{
	if (e->key == NULL)
		return 0;
	if (sb != NULL && e->have_id)
		return e->dev == sb->st_dev && e->ino == sb->st_ino;
	return strcmp(e->key, key) == 0;
}

/* "name" from the store in use: KLL_ENOTFOUND when there is none or it
 * lacks the name; else the outcome, remembered.  The graph's name
 * (STORE#GRAPH-IRI) is the entry's key, so that an id and an IRI of one
 * graph share a vocabulary. */
static kll_status
from_store(kll_vocab_cache *vc, const char *name, const kll_vocab **out,
    kll_error *err)
{
	kll_store *s = NULL;
	kll_vocab *v = NULL;
	kll_status st;
	kll_error why;
	char *key;
	size_t i;

	if ((st = kll_store_current(&s, &why)) != KLL_OK)
		return vc_add(vc, name, NULL, NULL, NULL, 0, st, &why, err);
	if (s == NULL)
		return KLL_ENOTFOUND;
	if ((st = kll_store_vocab(&v, s, name, &vc->lo, &why)) ==
	    KLL_ENOTFOUND)
		return st;
	if (st != KLL_OK)
		return vc_add(vc, name, NULL, NULL, NULL, 0, st, &why, err);
	if ((key = kll__strdup(kll_vocab_path(v))) == NULL) {
		kll_vocab_free(v);
		return kll__nomem(err);
	}
	for (i = 0; i < vc->n; i++)
		if (vc->e[i].v != NULL && !vc->e[i].have_id &&
		    vc->e[i].key != NULL && strcmp(vc->e[i].key, key) == 0) {
			kll_vocab_free(v);
			v = vc->e[i].v;
			st = vc_add(vc, name, key, NULL, v, 0, KLL_OK, NULL, err);
			break;
		}
	if (i == vc->n)
		st = vc_add(vc, name, key, NULL, v, 1, KLL_OK, NULL, err);
	if (st == KLL_OK)
		*out = v;
	return st;
}

kll_status
kll_vocab_cache_open(const kll_vocab **out, kll_vocab_cache *vc,
    const char *name, kll_error *err)
{
	kll_vocab *v = NULL;
	char *path = NULL;
	struct stat sb, *psb = NULL;
	kll_status st;
	kll_error why;
	size_t i;

	*out = NULL;
	if (vc == NULL || name == NULL)
		return kll__error_set(
		    err, KLL_EARG, NULL, 0, 0, "no cache or no name");
	for (i = 0; i < vc->n; i++)
		if (strcmp(vc->e[i].name, name) == 0)
			return vc_answer(&vc->e[i], out, err);
	if (!kll__is_path(name))
		switch ((st = from_store(vc, name, out, err))) {
		case KLL_ENOTFOUND:
			break;
		default:
			return st;
		}
	if ((st = kll_vocab_resolve(&path, name, vc->dirs, &why)) != KLL_OK)
		return vc_add(vc, name, NULL, NULL, NULL, 0, st, &why, err);
	if (strcmp(path, "-") != 0 && stat(path, &sb) == 0 &&
	    S_ISREG(sb.st_mode))
		psb = &sb;
	for (i = 0; i < vc->n; i++)
		if (vc_same_file(&vc->e[i], path, psb)) {
			v = vc->e[i].v;
			st = vc_add(vc, name, path, psb, v, 0, vc->e[i].st,
			    &vc->e[i].err, err);
			break;
		}
	if (i == vc->n) {
		st = kll_vocab_load(&v, path, &vc->lo, &why);
		st = vc_add(vc, name, path, psb, v, v != NULL, st, &why, err);
	}
	if (st != KLL_OK)
		return st;
	*out = v;
	return KLL_OK;
}

kll_status
kll_vocab_cache_source(const kll_vocab **out, kll_vocab_cache *vc,
    const kll_mapset *m, const char *slot, kll_error *err)
{
	const char *src;
	char iri[1024];
	size_t n;

	*out = NULL;
	if (m == NULL || slot == NULL ||
	    (strcmp(slot, "subject_source") != 0 &&
	        strcmp(slot, "object_source") != 0))
		return kll__error_set(err, KLL_EARG, NULL, 0, 0,
		    "give subject_source or object_source");
	src = kll_mapset_meta(m, slot);
	if (src == NULL || *src == '\0')
		return kll__error_set(err, KLL_ENOTFOUND, kll_mapset_path(m), 0,
		    0, "no %s in the metadata", slot);
	n = kll_mapset_expand(m, src, iri, sizeof(iri));
	if (n == 0 || n >= sizeof(iri))
		snprintf(iri, sizeof(iri), "%s", src);
	return kll_vocab_cache_open(out, vc, iri, err);
}
