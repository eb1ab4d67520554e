/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* pub_folder.c: what of the output folder kll-publish owns.  Each run
 * lists the files it wrote, with their SHA-1, in .kll-publish-manifest
 * (the layout of sha1sum: "HEX  PATH" a line, sorted).  The next run owns
 * exactly the files listed there that are unchanged; every other file or
 * folder of the old folder (robots.txt, old-2024/, a file edited by
 * hand) is carried into the new folder, by hard link or else by copy,
 * unless the caller asks to clean; one in the way of a file written now
 * is refused unless forced.  A folder that is not empty and has no
 * manifest was not written by kll-publish: refused unless forced. */
#define _XOPEN_SOURCE 700

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pub.h"

/* ------------------------------------------------------------------ */
/* The old folder's manifest                                            */

void
kll__owned_free(kll__owned *o)
{
	kll__map_free(&o->map);
	free(o->sum);
	kll__arena_free(&o->arena);
	memset(o, 0, sizeof(*o));
}

static int
is_hex40(const char *s)
{
	int i;

	for (i = 0; i < 40; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		        (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

/* Read "dir/.kll-publish-manifest" into o (o->present: it was there). */
static kll_status
read_manifest(kll__owned *o, const char *dir, kll_error *err)
{
	char line[4200], *path, *key, (*grown)[41];
	unsigned lineno = 0;
	kll_status st = KLL_OK;
	size_t n, cap;
	FILE *fp;

	if ((path = kll__pub_join(dir, KLL__MANIFEST)) == NULL)
		return kll__nomem(err);
	if ((fp = fopen(path, "r")) == NULL) {
		if (errno != ENOENT)
			st = kll__error_set(err, KLL_EIO, path, 0, 0,
			    "cannot open: %s", strerror(errno));
		free(path);
		return st;
	}
	o->present = 1;
	while (st == KLL_OK && fgets(line, sizeof(line), fp) != NULL) {
		lineno++;
		n = strlen(line);
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		if (n < 43 || !is_hex40(line) || line[40] != ' ' ||
		    line[41] != ' ' || line[42] == '/') {
			st = kll__error_set(err, KLL_EINVALID, path, lineno, 0,
			    "not a line of kll-publish's manifest (SHA-1, "
			    "two spaces, a path): remove the file, or give "
			    "--force");
			break;
		}
		if (o->n == o->cap) {
			cap = o->cap ? 2 * o->cap : 64;
			if ((grown = kll__realloc(o->sum, cap * sizeof(*grown))) ==
			    NULL) {
				st = kll__nomem(err);
				break;
			}
			o->sum = grown, o->cap = cap;
		}
		memcpy(o->sum[o->n], line, 40);
		o->sum[o->n][40] = '\0';
		if ((key = kll__arena_strdup(&o->arena, line + 42)) == NULL ||
		    kll__map_put(&o->map, key, strlen(key), (uint32_t)o->n) <
		        0) {
			st = kll__nomem(err);
			break;
		}
		o->n++;
	}
	if (st == KLL_OK && ferror(fp))
		st = kll__error_set(err, KLL_EIO, path, 0, 0, "read error: %s",
		    strerror(errno));
	fclose(fp);
	free(path);
	return st;
}

kll_status
kll__owned_read(kll__owned *o, kll_catalog *c, const char *dir, kll_error *err)
{
	struct dirent *e;
	struct stat sb;
	kll_status st;
	int empty = 1;
	DIR *dp;

	memset(o, 0, sizeof(*o));
	if (stat(dir, &sb) != 0) {
		if (errno == ENOENT)
			return KLL_OK;
		return kll__error_set(err, KLL_EIO, dir, 0, 0,
		    "cannot stat: %s", strerror(errno));
	}
	if (!S_ISDIR(sb.st_mode))
		return kll__error_set(
		    err, KLL_EARG, dir, 0, 0, "exists and is not a folder");
	if ((dp = opendir(dir)) == NULL)
		return kll__error_set(err, KLL_EIO, dir, 0, 0,
		    "cannot open: %s", strerror(errno));
	while ((e = readdir(dp)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			empty = 0;
	closedir(dp);
	o->exists = 1;
	if (empty)
		return KLL_OK;
	if ((st = read_manifest(o, dir, err)) != KLL_OK && !c->opts.force)
		return st;
	if (st != KLL_OK) /* a broken manifest, forced: no file is ours */
		kll__owned_free(o), o->exists = 1;
	if (!o->present && !c->opts.force) {
		kll__error_set(err, KLL_EARG, dir, 0, 0,
		    "is not empty and has no %s, so kll-publish did not "
		    "write it: --force publishes into it (keeping its files; "
		    "with --clean, removing them)",
		    KLL__MANIFEST);
		snprintf(err->rule, sizeof(err->rule), "publish-foreign");
		return KLL_EARG;
	}
	return KLL_OK;
}

/* ------------------------------------------------------------------ */
/* The new folder's manifest                                            */

typedef struct flist {
	char **rel;
	size_t n, cap;
} flist;

static int
flist_add(flist *l, const char *rel)
{
	char **grown;
	size_t cap;

	if (l->n == l->cap) {
		cap = l->cap ? 2 * l->cap : 64;
		if ((grown = kll__realloc(l->rel, cap * sizeof(*grown))) == NULL)
			return -1;
		l->rel = grown, l->cap = cap;
	}
	if ((l->rel[l->n] = kll__strdup(rel)) == NULL)
		return -1;
	l->n++;
	return 0;
}

static void
flist_free(flist *l)
{
	while (l->n > 0)
		free(l->rel[--l->n]);
	free(l->rel);
}

/* The regular files below "root/rel" (rel "" for root), into l. */
static int
list_files(const char *root, const char *rel, flist *l)
{
	char *dir, *sub;
	struct dirent *e;
	struct stat sb;
	size_t n;
	DIR *dp;
	int r = 0;

	if ((dir = *rel ? kll__pub_join(root, rel) : kll__strdup(root)) ==
	    NULL)
		return -1;
	dp = opendir(dir);
	if (dp == NULL) {
		free(dir);
		return -1;
	}
	while (r == 0 && (e = readdir(dp)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (*rel == '\0' && strcmp(e->d_name, KLL__MANIFEST) == 0)
			continue;
		n = strlen(rel) + strlen(e->d_name) + 2;
		if ((sub = kll__malloc(n)) == NULL) {
			r = -1;
			break;
		}
		snprintf(sub, n, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
		if (fstatat(dirfd(dp), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) !=
		    0)
			r = -1;
		else if (S_ISDIR(sb.st_mode))
			r = list_files(root, sub, l);
		else if (S_ISREG(sb.st_mode))
			r = flist_add(l, sub);
		free(sub);
	}
	closedir(dp);
	free(dir);
	return r;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
kll__pub_write_manifest(kll__pubjob *j)
{
	flist l = { NULL, 0, 0 };
	kll__pubfile f;
	char *path = NULL, *file;
	size_t i;
	FILE *fp;

	if (kll__pub_stopped(j))
		return;
	if (list_files(j->tmp, "", &l) != 0) {
		j->st = errno == ENOMEM ? kll__nomem(j->err) :
		    kll__error_set(j->err, KLL_EIO, j->tmp, 0, 0,
		        "cannot list the new folder: %s", strerror(errno));
		goto out;
	}
	qsort(l.rel, l.n, sizeof(*l.rel), cmp_str);
	if ((fp = kll__pub_create(j, KLL__MANIFEST, &path)) == NULL)
		goto out;
	for (i = 0; i < l.n && j->st == KLL_OK; i++) {
		if ((file = kll__pub_join(j->tmp, l.rel[i])) == NULL) {
			j->st = kll__nomem(j->err);
			break;
		}
		if (kll__pub_measure(file, &f, j->err) != KLL_OK)
			j->st = KLL_EIO;
		else
			fprintf(fp, "%s  %s\n", f.sha1, l.rel[i]);
		free(file);
	}
	kll__pub_close(j, fp, path, NULL);
out:
	free(path);
	flist_free(&l);
}

/* ------------------------------------------------------------------ */
/* Carrying the files kll-publish does not own into the new folder       */

typedef struct carry {
	kll__pubjob *j;
	const kll__owned *o;
	const char *old;  /* the old folder */
	size_t in_the_way; /* foreign files where new ones are */
} carry;

/* A copy of regular file "from" at "to", with its mode. */
static int
copy_file(const char *from, const char *to, mode_t mode)
{
	char buf[65536];
	ssize_t got, put, off;
	int in, out, r = 0;

	if ((in = open(from, O_RDONLY)) < 0)
		return -1;
	if ((out = open(to, O_WRONLY | O_CREAT | O_EXCL, mode & 07777)) < 0) {
		close(in);
		return -1;
	}
	while (r == 0 && (got = read(in, buf, sizeof(buf))) != 0) {
		if (got < 0) {
			r = -1;
			break;
		}
		for (off = 0; off < got; off += put)
			if ((put = write(out, buf + off, (size_t)(got - off))) <
			    0) {
				r = -1;
				break;
			}
	}
	close(in);
	if (fsync(out) != 0)
		r = -1;
	if (close(out) != 0)
		r = -1;
	return r;
}

/* Whether file "path" (regular) is one the manifest lists unchanged. */
static int
owned(carry *k, const char *rel, const char *path)
{
	kll__pubfile f;
	kll_error e;
	uint32_t i;

	if (!kll__map_get(&k->o->map, rel, strlen(rel), &i))
		return 0;
	if (kll__pub_measure(path, &f, &e) != KLL_OK)
		return 0;
	return strcmp(f.sha1, k->o->sum[i]) == 0;
}

static int carry_dir(carry *k, const char *rel);

/* One entry "rel" of the old folder. */
static int
carry_one(carry *k, const char *rel)
{
	kll__pubjob *j = k->j;
	kll_catalog *c = j->c;
	char *from, *to, dest[4096];
	struct stat sb, tb;
	int there, r = 0;
	ssize_t n;

	from = kll__pub_join(k->old, rel);
	to = kll__pub_join(j->tmp, rel);
	if (from == NULL || to == NULL) {
		j->st = kll__nomem(j->err);
		goto out;
	}
	if (lstat(from, &sb) != 0)
		goto io;
	there = lstat(to, &tb) == 0;
	if (S_ISDIR(sb.st_mode) && (!there || S_ISDIR(tb.st_mode))) {
		if (!there && mkdir(to, sb.st_mode & 07777) != 0)
			goto io;
		r = carry_dir(k, rel);
		/* A folder that held only files of ours goes with them. */
		if (!there && r == 0)
			(void)rmdir(to); /* fails when something was kept */
		goto out;
	}
	if (S_ISREG(sb.st_mode) && owned(k, rel, from))
		goto out;
	if (there) {
		if (c->opts.force) {
			kll__catalog_diag(c, KLL_SEV_WARNING, "publish-foreign",
			    from, 0,
			    "kll-publish did not write it (or it changed "
			    "since): replaced, as --force asks");
			goto out;
		}
		kll__catalog_diag(c, KLL_SEV_ERROR, "publish-foreign", from, 0,
		    "kll-publish did not write it (or it changed since), "
		    "and it would be replaced: move it away, or give --force");
		k->in_the_way++;
		goto out;
	}
	if (c->opts.clean) {
		kll__catalog_diag(c, KLL_SEV_INFO, "publish-removed", from, 0,
		    "kll-publish did not write it: removed, as --clean asks");
		goto out;
	}
	if (S_ISREG(sb.st_mode)) {
		if (link(from, to) != 0 && copy_file(from, to, sb.st_mode) != 0)
			goto io;
	} else if (S_ISLNK(sb.st_mode)) {
		if ((n = readlink(from, dest, sizeof(dest) - 1)) < 0)
			goto io;
		dest[n] = 0;
		if (symlink(dest, to) != 0)
			goto io;
	} else {
		kll__catalog_diag(c, KLL_SEV_ERROR, "publish-foreign", from, 0,
		    "neither a file, a folder nor a symbolic link: cannot "
		    "keep it; move it away, or give --clean");
		k->in_the_way++;
	}
	goto out;
io:
	j->st = kll__error_set(j->err, KLL_EIO, from, 0, 0,
	    "cannot keep it in the new folder: %s", strerror(errno));
	r = -1;
out:
	free(from);
	free(to);
	return j->st == KLL_OK ? r : -1;
}

static int
carry_dir(carry *k, const char *rel)
{
	char *dir, *sub;
	struct dirent *e;
	size_t n;
	DIR *dp;
	int r = 0;

	if ((dir = *rel ? kll__pub_join(k->old, rel) : kll__strdup(k->old)) ==
	    NULL) {
		k->j->st = kll__nomem(k->j->err);
		return -1;
	}
	if ((dp = opendir(dir)) == NULL) {
		k->j->st = kll__error_set(k->j->err, KLL_EIO, dir, 0, 0,
		    "cannot open: %s", strerror(errno));
		free(dir);
		return -1;
	}
	while (r == 0 && (e = readdir(dp)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (*rel == '\0' && strcmp(e->d_name, KLL__MANIFEST) == 0)
			continue;
		n = strlen(rel) + strlen(e->d_name) + 2;
		if ((sub = kll__malloc(n)) == NULL) {
			k->j->st = kll__nomem(k->j->err);
			r = -1;
			break;
		}
		snprintf(sub, n, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
		r = carry_one(k, sub);
		free(sub);
	}
	closedir(dp);
	free(dir);
	return r;
}

void
kll__pub_keep_foreign(kll__pubjob *j, const kll__owned *o, const char *old)
{
	carry k;

	if (kll__pub_stopped(j) || !o->exists)
		return;
	memset(&k, 0, sizeof(k));
	k.j = j, k.o = o, k.old = old;
	carry_dir(&k, "");
	if (j->st == KLL_OK && k.in_the_way > 0)
		j->st = kll__error_set(j->err, KLL_EARG, old, 0, 0,
		    "%zu file%s that kll-publish did not write %s in the way: "
		    "nothing was changed",
		    k.in_the_way, k.in_the_way == 1 ? "" : "s",
		    k.in_the_way == 1 ? "is" : "are");
}
