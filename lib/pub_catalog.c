/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* pub_catalog.c: the catalog of a publication (kll_catalog): its datasets,
 * vocabularies and keys added one by one or all those of the search
 * path's vocabulary folder and its keys folder, each with what its data
 * says of itself. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pub.h"

/* ------------------------------------------------------------------ */
/* The catalog and its datasets                                         */

kll_status
kll_catalog_new(kll_catalog **out, const kll_pubconf *conf,
    const kll_publish_opts *opts, kll_error *err)
{
	kll_catalog *c;

	*out = NULL;
	if (conf == NULL)
		return kll__error_set(err, KLL_EARG, NULL, 0, 0,
		    "a catalog needs a configuration");
	if ((c = kll__calloc(1, sizeof(*c))) == NULL)
		return kll__nomem(err);
	c->conf = conf;
	if (opts != NULL)
		c->opts = *opts;
	*out = c;
	return KLL_OK;
}

void
kll_catalog_free(kll_catalog *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nds; i++)
		kll_mapset_free(c->ds[i].m);
	free(c->ds);
	kll__arena_free(&c->arena);
	free(c);
}

size_t
kll_catalog_count(const kll_catalog *c)
{
	return c ? c->nds : 0;
}

const char *
kll_catalog_dataset_id(const kll_catalog *c, size_t i)
{
	return c && i < c->nds ? c->ds[i].id : NULL;
}

/* A copy of s (NULL: none) in the catalog's arena.  A failure marks the
 * catalog: adding a dataset checks once, at its end (added()). */
static const char *
cdup(kll_catalog *c, const char *s)
{
	const char *p;

	if (s == NULL)
		return NULL;
	if ((p = kll__arena_strdup(&c->arena, s)) == NULL)
		c->oom = 1;
	return p;
}

/* A licence IRI normalised into the arena, likewise. */
static const char *
license(kll_catalog *c, const char *iri)
{
	const char *p;

	if (iri == NULL)
		return NULL;
	if ((p = kll__license_norm(&c->arena, iri)) == NULL)
		c->oom = 1;
	return p;
}

/* The end of adding the last dataset: it stays, or it goes when memory
 * ran out on the way. */
static kll_status
added(kll_catalog *c, kll_error *err)
{
	if (!c->oom)
		return KLL_OK;
	c->oom = 0;
	c->nds--;
	return kll__nomem(err);
}

/* An id names files and parts of IRIs: letters, digits, '.', '_', '-'. */
static int
id_ok(const char *s)
{
	const char *p;

	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
	        (*s >= '0' && *s <= '9')))
		return 0;
	for (p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		        (*p >= '0' && *p <= '9') || strchr("._-", *p)))
			return 0;
	return p - s < 128;
}

/* A new dataset "id" from "src", into *out. */
static kll_status
new_dataset(kll__dataset **out, kll_catalog *c, kll__dskind kind,
    const char *id, const char *src, kll_error *err)
{
	kll__dataset *d, *grown;
	size_t i, cap;
	char frag[160];

	*out = NULL;
	if (!id_ok(id))
		return kll__error_set(err, KLL_EINVALID, src, 0, 0,
		    "id '%s' cannot name the dataset's files: use letters, "
		    "digits, '.', '_' and '-'",
		    id);
	for (i = 0; i < c->nds; i++)
		if (strcmp(c->ds[i].id, id) == 0)
			return kll__error_set(err, KLL_EINVALID, src, 0, 0,
			    "a dataset '%s' is already in the catalog (from "
			    "%s)",
			    id, c->ds[i].src);
	if (c->nds == c->capds) {
		cap = c->capds ? 2 * c->capds : 16;
		if ((grown = kll__realloc(c->ds, cap * sizeof(*grown))) == NULL)
			return kll__nomem(err);
		c->ds = grown, c->capds = cap;
	}
	d = &c->ds[c->nds];
	memset(d, 0, sizeof(*d));
	d->kind = kind;
	snprintf(frag, sizeof(frag), "dataset/%s", id);
	if ((d->id = cdup(c, id)) == NULL || (d->src = cdup(c, src)) == NULL ||
	    (d->iri = kll__catalog_iri(c, frag)) == NULL) {
		c->oom = 0;
		return kll__nomem(err);
	}
	kll__uuid5_url(d->iri, d->uuid);
	c->nds++;
	*out = d;
	return KLL_OK;
}

/* ------------------------------------------------------------------ */
/* Adding vocabularies and keys                                         */

static size_t
count_coded(const kll_vocab *v)
{
	size_t i, n = 0;

	for (i = 0; i < kll_vocab_count(v); i++)
		if (*kll_concept_notation(kll_vocab_at(v, i)) != '\0')
			n++;
	return n;
}

/* The EU codes of the languages of the concepts' prefLabels, sv and en
 * first, space-separated; NULL when none is known. */
static const char *
label_langs(kll_catalog *c, const kll_vocab *v)
{
	const char *seen[16], *code;
	char buf[16 * 5];
	size_t i, k, j, n = 0, len = 0;
	const kll_label *lb;
	const kll_concept *cc;

	seen[n++] = "SWE", seen[n++] = "ENG";
	for (i = 0; i < kll_vocab_count(v); i++) {
		cc = kll_vocab_at(v, i);
		for (k = 0; k < kll_concept_nlabels(cc); k++) {
			lb = kll_concept_label_at(cc, k);
			if (lb->kind != KLL_LABEL_PREF ||
			    (code = kll__lang_code(lb->lang)) == NULL)
				continue;
			for (j = 0; j < n && strcmp(seen[j], code) != 0; j++)
				;
			if (j == n && n < 16)
				seen[n++] = code;
		}
	}
	buf[0] = '\0';
	for (j = 0; j < n; j++) {
		for (i = 0; i < kll_vocab_count(v); i++) {
			cc = kll_vocab_at(v, i);
			for (k = 0; k < kll_concept_nlabels(cc); k++) {
				lb = kll_concept_label_at(cc, k);
				if (lb->kind == KLL_LABEL_PREF &&
				    (code = kll__lang_code(lb->lang)) != NULL &&
				    strcmp(code, seen[j]) == 0)
					break;
			}
			if (k < kll_concept_nlabels(cc))
				break;
		}
		if (i < kll_vocab_count(v))
			len += (size_t)snprintf(buf + len, sizeof(buf) - len,
			    "%s%s", len ? " " : "", seen[j]);
	}
	return buf[0] ? cdup(c, buf) : NULL;
}

static const char *
title_in(kll_catalog *c, const kll_vocab *v, const char *lang)
{
	const char *t = kll_vocab_title(v, lang);

	return t && *t ? cdup(c, t) : NULL;
}

/* A refusal under rule publish-unsafe-link: a link of the data that
 * would reach the page or the catalog. */
static kll_status
unsafe(kll_error *err, const char *file, const char *what, const char *iri,
    const char *policy)
{
	kll__error_set(err, KLL_EINVALID, file, 0, 0,
	    "%s '%.200s' is not %s: not published", what, iri, policy);
	if (err != NULL)
		snprintf(err->rule, sizeof(err->rule), "publish-unsafe-link");
	return KLL_EINVALID;
}

/* The scheme's links, which the page and the catalog would follow. */
static kll_status
vocab_links_ok(const kll_vocab *v, kll_error *err)
{
	const char *iri, *prop;
	char what[64];
	size_t i;

	for (i = 0; i < kll__vocab_nlinks(v); i++) {
		iri = kll__vocab_link(v, i, &prop);
		if (kll__link_ok(iri, KLL__LINK_WEB))
			continue;
		snprintf(what, sizeof(what), "the scheme's %s", prop);
		return unsafe(err, kll_vocab_path(v), what, iri,
		    kll__link_policy(KLL__LINK_WEB));
	}
	return KLL_OK;
}

kll_status
kll_catalog_add_vocab(kll_catalog *c, const char *name, kll_error *err)
{
	kll_vocab *v = NULL;
	kll__dataset *d;
	kll__pubmeta pm;
	kll_status st;

	if (strcmp(name, "-") == 0)
		return kll__error_set(err, KLL_EARG, name, 0, 0,
		    "a vocabulary to publish must be a file, not stdin");
	if ((st = kll_vocab_open(&v, name, c->opts.dirs, NULL, err)) != KLL_OK)
		return st;
	if ((st = vocab_links_ok(v, err)) != KLL_OK)
		goto out;
	if ((st = new_dataset(&d, c, KLL__VOCAB, kll_vocab_id(v),
	         kll_vocab_path(v), err)) != KLL_OK)
		goto out;
	d->own_title[0] = title_in(c, v, "sv");
	d->own_title[1] = title_in(c, v, "en");
	d->version =
	    *kll_vocab_version(v) ? cdup(c, kll_vocab_version(v)) : NULL;
	d->scheme = cdup(c, kll_vocab_iri(v));
	d->count = kll_vocab_count(v);
	d->count2 = (size_t)kll_vocab_levels(v);
	d->coded = count_coded(v);
	d->own_langs = label_langs(c, v);
	if ((st = added(c, err)) != KLL_OK)
		goto out;
	if ((st = kll__pub_scheme_meta(
	         &pm, d->src, d->scheme, &c->arena, err)) != KLL_OK) {
		c->nds--;
		goto out;
	}
	d->triples = pm.triples;
	d->own_desc[0] = pm.desc[0], d->own_desc[1] = pm.desc[1];
	d->own_license = license(c, pm.license);
	d->own_issued = pm.issued, d->page = pm.source;
	d->own_modified = pm.modified, d->own_freq = pm.freq;
	d->own_start = pm.start, d->own_end = pm.end;
	d->own_ident = pm.ident;
	d->has_notation = pm.has_notation, d->has_issued = pm.has_issued;
	st = added(c, err);
out:
	kll_vocab_free(v);
	return st;
}

/* The key's id: its file name without ".sssom.tsv" (or ".tsv"). */
static const char *
key_id(kll_catalog *c, const char *path)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (n > 10 && strcmp(base + n - 10, ".sssom.tsv") == 0)
		n -= 10;
	else if (n > 4 && strcmp(base + n - 4, ".tsv") == 0)
		n -= 4;
	return kll__arena_strndup(&c->arena, base, n);
}

/* The vocabulary dataset of the catalog whose scheme is the key's
 * source "slot", or NULL. */
static const kll__dataset *
published_side(const kll_catalog *c, const kll_mapset *m, const char *slot)
{
	const char *v = kll_mapset_meta(m, slot);
	char iri[1024];
	size_t i, n;

	if (v == NULL)
		return NULL;
	n = kll_mapset_expand(m, v, iri, sizeof(iri));
	if (n == 0 || n >= sizeof(iri))
		snprintf(iri, sizeof(iri), "%s", v);
	for (i = 0; i < c->nds; i++)
		if (c->ds[i].kind == KLL__VOCAB &&
		    strcmp(c->ds[i].scheme, iri) == 0)
			return &c->ds[i];
	return NULL;
}

/* The id and titles of the vocabularies of both sides of a key: one of
 * the catalog, else one found along the search path. */
static void
key_sides(kll_catalog *c, kll__dataset *d)
{
	static const char *const src[2] = { "subject_source", "object_source" };
	const kll__dataset *pub;
	kll_vocab *v;
	kll_error e;
	kll_status st;
	int side;

	for (side = 0; side < 2; side++) {
		if ((pub = published_side(c, d->m, src[side])) != NULL) {
			d->side_id[side] = pub->id;
			d->side_name[side][0] = pub->own_title[0];
			d->side_name[side][1] = pub->own_title[1];
			continue;
		}
		st = kll_mapset_vocab(&v, d->m, side ? KLL_OBJECT : KLL_SUBJECT,
		    c->opts.dirs, NULL, &e);
		if (st == KLL_ENOMEM) {
			c->oom = 1;
			return;
		}
		if (st != KLL_OK) {
			kll__catalog_diag(c, KLL_SEV_WARNING,
			    "publish-no-vocab", d->src, 0,
			    "cannot find the "
			    "vocabulary of %s (%s): the dataset's title names "
			    "it by that",
			    src[side], e.msg);
			d->side_id[side] =
			    cdup(c, kll_mapset_meta(d->m, src[side]));
			continue;
		}
		d->side_id[side] = cdup(c, kll_vocab_id(v));
		d->side_name[side][0] = title_in(c, v, "sv");
		d->side_name[side][1] = title_in(c, v, "en");
		kll_vocab_free(v);
	}
}

/* Problems of a key as it is read: on to the catalog's sink. */
static void
on_key_diag(void *payload, const kll_error *d)
{
	kll_catalog *c = payload;

	if (c->opts.diag != NULL)
		c->opts.diag(c->opts.payload, d);
}

kll_status
kll_catalog_add_key(kll_catalog *c, const char *path, kll_error *err)
{
	kll_sssom_opts so = KLL_SSSOM_OPTS_INIT;
	kll_mapset *m = NULL;
	kll__dataset *d;
	const char *id, *date, *bad, *slot, *policy;
	char link[1024];
	kll_status st;

	if (strcmp(path, "-") == 0)
		return kll__error_set(err, KLL_EARG, path, 0, 0,
		    "a key to publish must be a file, not stdin");
	so.diag = on_key_diag, so.payload = c;
	if ((st = kll_mapset_read(&m, path, &so, err)) != KLL_OK)
		return st;
	if (kll_mapset_nerrors(m) > 0) {
		st = kll__error_set(err, KLL_EINVALID, path, 0, 0,
		    "the key has %zu error%s: not published",
		    kll_mapset_nerrors(m),
		    kll_mapset_nerrors(m) == 1 ? "" : "s");
		goto fail;
	}
	if ((bad = kll__mapset_unsafe_link(
	         m, &slot, &policy, link, sizeof(link))) != NULL) {
		st = unsafe(err, path, slot, bad, policy);
		goto fail;
	}
	if (kll_mapset_meta(m, "mapping_set_id") == NULL) {
		st = kll__error_set(err, KLL_EINVALID, path, 0, 0,
		    "the key has no mapping_set_id, which names its XKOS "
		    "correspondence");
		goto fail;
	}
	if ((id = key_id(c, path)) == NULL) {
		st = kll__nomem(err);
		goto fail;
	}
	if ((st = new_dataset(&d, c, KLL__KEY, id, path, err)) != KLL_OK)
		goto fail;
	d->m = m;
	d->count = kll_mapset_count(m);
	d->version = cdup(c, kll_mapset_meta(m, "mapping_set_version"));
	d->own_license = license(c, kll_mapset_meta(m, "license"));
	if ((date = kll_mapset_meta(m, "publication_date")) == NULL)
		date = kll_mapset_meta(m, "mapping_date");
	d->own_issued = cdup(c, date);
	key_sides(c, d);
	if ((st = added(c, err)) == KLL_OK)
		return KLL_OK;
fail:
	kll_mapset_free(m);
	return st;
}

/* The first folder of the search path with an INDEX, into *out. */
static kll_status
first_index(char **out, const char *dirs, kll_error *err)
{
	const char *lists[3] = { dirs, getenv("KLL_PATH"),
		kll_vocab_datadir() };
	const char *p, *colon;
	struct stat sb;
	size_t n;
	char *path;
	int i;

	for (i = 0; i < 3; i++) {
		for (p = lists[i]; p != NULL && *p != '\0';
		     p = colon ? colon + 1 : NULL) {
			colon = strchr(p, ':');
			n = colon ? (size_t)(colon - p) : strlen(p);
			if (n == 0 || (path = kll__malloc(n + 7)) == NULL) {
				if (n == 0)
					continue;
				return kll__nomem(err);
			}
			snprintf(path, n + 7, "%.*s/INDEX", (int)n, p);
			if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode)) {
				path[n] = '\0';
				*out = path;
				return KLL_OK;
			}
			free(path);
		}
	}
	return kll__error_set(err, KLL_ENOTFOUND, NULL, 0, 0,
	    "no vocabulary folder with an INDEX on the search path (-L, "
	    "$KLL_PATH, %s)",
	    kll_vocab_datadir());
}

static kll_status
add_index(kll_catalog *c, const char *dir, size_t *n, kll_error *err)
{
	char *path, line[4096], *tab, *file;
	kll_status st = KLL_OK;
	FILE *fp;

	if ((path = kll__pub_join(dir, "INDEX")) == NULL)
		return kll__nomem(err);
	fp = kll__fopen_file(path, err);
	free(path);
	if (fp == NULL)
		return KLL_EIO;
	while (st == KLL_OK && fgets(line, sizeof(line), fp) != NULL) {
		if ((tab = strchr(line, '\t')) == NULL || tab == line)
			continue;
		memcpy(tab, ".ttl", 5);
		if ((file = kll__pub_join(dir, line)) == NULL)
			st = kll__nomem(err);
		else if ((st = kll_catalog_add_vocab(c, file, err)) == KLL_OK)
			(*n)++;
		free(file);
	}
	fclose(fp);
	return st;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.sssom.tsv of "dir", sorted; NULL-terminated, caller frees. */
static kll_status
list_keys(char ***out, const char *dir, kll_error *err)
{
	char **v = NULL, **grown;
	size_t n = 0, cap = 0, len;
	struct dirent *e;
	DIR *dp;

	*out = NULL;
	if ((dp = opendir(dir)) == NULL)
		return kll__error_set(err, KLL_EIO, dir, 0, 0,
		    "cannot open: %s", strerror(errno));
	while ((e = readdir(dp)) != NULL) {
		len = strlen(e->d_name);
		if (len <= 10 ||
		    strcmp(e->d_name + len - 10, ".sssom.tsv") != 0)
			continue;
		if (n + 2 > cap) {
			cap = cap ? 2 * cap : 16;
			if ((grown = kll__realloc(v, cap * sizeof(*v))) == NULL)
				goto nomem;
			v = grown;
		}
		len += strlen(dir) + 2;
		if ((v[n] = kll__malloc(len)) == NULL)
			goto nomem;
		snprintf(v[n++], len, "%s/%s", dir, e->d_name);
		v[n] = NULL;
	}
	closedir(dp);
	if (v != NULL)
		qsort(v, n, sizeof(*v), cmp_str);
	*out = v;
	return KLL_OK;
nomem:
	closedir(dp);
	while (n > 0)
		free(v[--n]);
	free(v);
	return kll__nomem(err);
}

kll_status
kll_catalog_add_all(kll_catalog *c, const char *keys_dir, size_t *nvocabs,
    size_t *nkeys, kll_error *err)
{
	char *dir = NULL, *kdir = NULL, **keys = NULL, *slash;
	size_t nv = 0, nk = 0, i, len;
	struct stat sb;
	kll_status st;

	if ((st = first_index(&dir, c->opts.dirs, err)) != KLL_OK ||
	    (st = add_index(c, dir, &nv, err)) != KLL_OK)
		goto out;
	if (keys_dir == NULL) {
		/* "mappings" beside the vocabulary folder. */
		len = strlen(dir) + 16;
		if ((kdir = kll__malloc(len)) == NULL) {
			st = kll__nomem(err);
			goto out;
		}
		while (strlen(dir) > 1 && dir[strlen(dir) - 1] == '/')
			dir[strlen(dir) - 1] = '\0';
		slash = strrchr(dir, '/');
		if (slash == NULL)
			snprintf(kdir, len, "mappings");
		else
			snprintf(kdir, len, "%.*s/mappings", (int)(slash - dir),
			    dir);
		if (stat(kdir, &sb) != 0 || !S_ISDIR(sb.st_mode))
			goto out;
		keys_dir = kdir;
	}
	if ((st = list_keys(&keys, keys_dir, err)) != KLL_OK)
		goto out;
	for (i = 0; keys != NULL && keys[i] != NULL && st == KLL_OK; i++)
		if ((st = kll_catalog_add_key(c, keys[i], err)) == KLL_OK)
			nk++;
out:
	for (i = 0; keys != NULL && keys[i] != NULL; i++)
		free(keys[i]);
	free(keys);
	free(kdir);
	free(dir);
	if (nvocabs != NULL)
		*nvocabs = nv;
	if (nkeys != NULL)
		*nkeys = nk;
	return st;
}
