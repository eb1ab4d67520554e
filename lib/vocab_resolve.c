/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* vocab_resolve.c: finding a vocabulary by path, short id or scheme IRI in
 * the store in use, then along the search path (option, $KLL_PATH, the
 * installed share folder). */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

#ifndef KLL_DATADIR
#define KLL_DATADIR "/usr/local/share/kll/vocab"
#endif

const char *
kll_vocab_datadir(void)
{
	return KLL_DATADIR;
}

static int
is_file(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* dir/name, or NULL when out of memory. */
static char *
join(const char *dir, size_t dlen, const char *name, const char *ext)
{
	size_t n = dlen + 1 + strlen(name) + strlen(ext) + 1;
	char *p = kll__malloc(n);

	if (p != NULL)
		snprintf(p, n, "%.*s/%s%s", (int)dlen, dir, name, ext);
	return p;
}

/* The id that dir's INDEX gives for scheme IRI "iri", copied to id. */
static int
index_lookup(
    const char *dir, size_t dlen, const char *iri, char *id, size_t idsz)
{
	char *path, line[2048], *tab, *nl;
	FILE *fp;
	int found = 0;

	if ((path = join(dir, dlen, "INDEX", "")) == NULL)
		return -1;
	fp = fopen(path, "r");
	free(path);
	if (fp == NULL)
		return 0;
	while (!found && fgets(line, sizeof(line), fp) != NULL) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl = '\0';
		if ((tab = strchr(line, '\t')) == NULL)
			continue;
		*tab = '\0';
		if (strcmp(tab + 1, iri) == 0 && strlen(line) < idsz) {
			memcpy(id, line, strlen(line) + 1);
			found = 1;
		}
	}
	fclose(fp);
	return found;
}

/* Look for "name" in one folder of the path. */
static kll_status
try_dir(char **out, const char *dir, size_t dlen, const char *name)
{
	char id[256], *p;
	int r;

	if (dlen == 0)
		return KLL_ENOTFOUND;
	if (strchr(name, ':') != NULL) {
		if ((r = index_lookup(dir, dlen, name, id, sizeof(id))) < 0)
			return KLL_ENOMEM;
		if (r == 0)
			return KLL_ENOTFOUND;
		name = id;
	} else if (strchr(name, '/') != NULL || name[0] == '.') {
		return KLL_ENOTFOUND;
	}
	if ((p = join(dir, dlen, name, ".ttl")) == NULL)
		return KLL_ENOMEM;
	if (is_file(p)) {
		*out = p;
		return KLL_OK;
	}
	free(p);
	return KLL_ENOTFOUND;
}

static kll_status
try_path(char **out, const char *list, const char *name)
{
	const char *p = list, *colon;
	kll_status st;

	while (p != NULL && *p != '\0') {
		colon = strchr(p, ':');
		st = try_dir(
		    out, p, colon ? (size_t)(colon - p) : strlen(p), name);
		if (st != KLL_ENOTFOUND)
			return st;
		p = colon ? colon + 1 : NULL;
	}
	return KLL_ENOTFOUND;
}

static kll_status
not_found(const char *name, const char *dirs, kll_error *err)
{
	char hint[200];

	kll__vocab_id_hint(hint, sizeof(hint), name, dirs);
	return kll__error_set(err, KLL_ENOTFOUND, name, 0, 0,
	    "no such vocabulary file, id or scheme IRI%s", hint);
}

kll_status
kll_vocab_resolve(
    char **out, const char *name, const char *dirs, kll_error *err)
{
	kll_status st;

	*out = NULL;
	/* A name with a '/' that is no IRI is a path: loading it says
	 * what is wrong with it. */
	if (strcmp(name, "-") == 0 || is_file(name) ||
	    (strchr(name, '/') != NULL && strstr(name, "://") == NULL)) {
		if ((*out = kll__strdup(name)) == NULL)
			goto nomem;
		return KLL_OK;
	}
	if ((st = try_path(out, dirs, name)) == KLL_ENOTFOUND &&
	    (st = try_path(out, getenv("KLL_PATH"), name)) == KLL_ENOTFOUND)
		st = try_path(out, KLL_DATADIR, name);
	if (st == KLL_ENOMEM)
		goto nomem;
	if (st == KLL_ENOTFOUND)
		return not_found(name, dirs, err);
	return st;
nomem:
	return kll__error_set(err, KLL_ENOMEM, name, 0, 0, "out of memory");
}

kll_status
kll_vocab_open(kll_vocab **out, const char *name, const char *dirs,
    const kll_load_opts *opts, kll_error *err)
{
	char *path = NULL;
	kll_status st;

	kll_store *s = NULL;

	*out = NULL;
	/* A name that is not a file's: the store in use first. */
	if (!kll__is_path(name)) {
		if ((st = kll_store_current(&s, err)) != KLL_OK)
			return st;
		if (s != NULL && (st = kll_store_vocab(out, s, name, opts,
		                      err)) != KLL_ENOTFOUND)
			return st;
	}
	if ((st = kll_vocab_resolve(&path, name, dirs, err)) != KLL_OK)
		return st;
	st = kll_vocab_load(out, path, opts, err);
	free(path);
	return st;
}
