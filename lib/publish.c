/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* publish.c: a folder for Sveriges dataportal (kll_catalog_publish): the
 * dumps of vocabularies and keys (pub_dumps.c, pub_csv.c), each read back
 * and counted, the DCAT-AP-SE catalog that describes them (pub_dcat.c),
 * and a page for people (pub_page.c); written into a new folder beside
 * the target and moved into place only when complete.  Here: writing one
 * file of the folder, catalog.rdf, and the folder itself. */
/* realpath() is of the X/Open system interfaces. */
#define _XOPEN_SOURCE 700

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pub.h"
#include "rdf_write.h"

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

/* ------------------------------------------------------------------ */
/* Writing one file of the folder                                       */

char *
kll__pub_join(const char *dir, const char *rel)
{
	size_t n = strlen(dir) + strlen(rel) + 2;
	char *p = kll__malloc(n);

	if (p != NULL)
		snprintf(p, n, "%s/%s", dir, rel);
	return p;
}

int
kll__pub_stopped(kll__pubjob *j)
{
	if (j->st == KLL_OK && j->c->opts.stop != NULL &&
	    j->c->opts.stop(j->c->opts.payload))
		j->st =
		    kll__error_set(j->err, KLL_EIO, NULL, 0, 0, "interrupted");
	return j->st != KLL_OK;
}

kll_status
kll__pub_measure(const char *path, kll__pubfile *f, kll_error *err)
{
	unsigned char buf[65536], md[20];
	kll__sha1 s;
	size_t n, i;
	FILE *fp;

	if ((fp = kll__fopen_file(path, err)) == NULL)
		return KLL_EIO;
	kll__sha1_init(&s);
	f->size = 0;
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		kll__sha1_update(&s, buf, n);
		f->size += n;
	}
	if (ferror(fp)) {
		fclose(fp);
		return kll__error_set(err, KLL_EIO, path, 0, 0,
		    "read error: %s", strerror(errno));
	}
	fclose(fp);
	kll__sha1_final(&s, md);
	for (i = 0; i < 20; i++)
		snprintf(f->sha1 + 2 * i, 3, "%02x", md[i]);
	return KLL_OK;
}

FILE *
kll__pub_create(kll__pubjob *j, const char *rel, char **path)
{
	FILE *fp;
	int fd;

	if ((*path = kll__pub_join(j->tmp, rel)) == NULL) {
		j->st = kll__nomem(j->err);
		return NULL;
	}
	fd = open(*path, O_WRONLY | O_CREAT | O_TRUNC,
	    j->c->opts.owner_only ? 0600 : 0666);
	if (fd < 0 || (fp = fdopen(fd, "w")) == NULL) {
		j->st = kll__error_set(j->err, KLL_EIO, *path, 0, 0,
		    "cannot create: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	return fp;
}

kll_status
kll__pub_close(kll__pubjob *j, FILE *fp, const char *path, kll__pubfile *f)
{
	int bad = fflush(fp) != 0 || ferror(fp) || fsync(fileno(fp)) != 0;

	if (fclose(fp) != 0)
		bad = 1;
	if (bad && j->st == KLL_OK)
		j->st = kll__error_set(j->err, KLL_EIO, path, 0, 0,
		    "write error: %s", strerror(errno ? errno : EIO));
	if (j->st == KLL_OK && f != NULL && kll__pub_measure(path, f, j->err) != KLL_OK)
		j->st = KLL_EIO;
	return j->st;
}

kll_status
kll__pub_count_lines(kll__pubjob *j, kll__pub_writer fn, void *ctx, size_t *n)
{
	char buf[65536], *path = NULL;
	size_t got, i;
	FILE *fp;

	*n = 0;
	if ((fp = kll__pub_create(j, ".count", &path)) != NULL) {
		j->st = fn(ctx, fp, j->err);
		kll__pub_close(j, fp, path, NULL);
	}
	if (j->st == KLL_OK && (fp = kll__fopen_file(path, j->err)) == NULL)
		j->st = KLL_EIO;
	if (j->st == KLL_OK) {
		while ((got = fread(buf, 1, sizeof(buf), fp)) > 0)
			for (i = 0; i < got; i++)
				*n += buf[i] == '\n';
		if (ferror(fp))
			j->st = kll__error_set(j->err, KLL_EIO, path, 0, 0,
			    "read error: %s", strerror(errno));
		fclose(fp);
	}
	if (path != NULL)
		unlink(path);
	free(path);
	return j->st;
}

kll__pubfile *
kll__pub_add_file(kll__pubjob *j, kll__dataset *d, const char *dir,
    const char *ext, const char *tag, const char *media)
{
	kll__pubfile *f = &d->file[d->nfiles++];
	size_t n = strlen(dir) + strlen(d->id) + strlen(ext) + 2;
	char *rel;

	memset(f, 0, sizeof(*f));
	if ((rel = kll__arena_alloc(&j->c->arena, n)) == NULL) {
		j->st = kll__nomem(j->err);
		return NULL;
	}
	snprintf(rel, n, "%s/%s%s", dir, d->id, ext);
	f->rel = rel, f->tag = tag, f->media = media;
	return f;
}

/* ------------------------------------------------------------------ */
/* The catalog and the page                                             */

static kll_status
catalog_nt(void *c, FILE *fp, kll_error *err)
{
	return kll__catalog_write_rdf(c, fp, "ntriples", NULL, err);
}

/* catalog.rdf, read back: as many triples as the graph has (its lines
 * in N-Triples), one dcat:Dataset per dataset. */
static void
write_catalog(kll__pubjob *j)
{
	size_t ntriples = 0, got = 0, typed = 0;
	char *path = NULL;
	FILE *fp;

	if (kll__pub_stopped(j) ||
	    (fp = kll__pub_create(j, "catalog.rdf", &path)) == NULL) {
		free(path);
		return;
	}
	j->st = kll__catalog_write_rdf(j->c, fp, "rdfxml-abbrev", path, j->err);
	if (kll__pub_close(j, fp, path, NULL) == KLL_OK &&
	    kll__pub_count_lines(j, catalog_nt, j->c, &ntriples) == KLL_OK &&
	    kll__pub_count_rdf(path, NS_DCAT "Dataset", &got, &typed, j->err) !=
	        KLL_OK)
		j->st = j->err ? j->err->code : KLL_ESYNTAX;
	if (j->st == KLL_OK && (got != ntriples || typed != j->c->nds))
		j->st = kll__error_set(j->err, KLL_EINVALID, path, 0, 0,
		    "read back %zu triples and %zu datasets, not %zu and %zu",
		    got, typed, ntriples, j->c->nds);
	free(path);
}

/* ------------------------------------------------------------------ */
/* The folder                                                           */

/* Remove all in the folder open as fd, and close it.  It allocates
 * nothing of ours, so that a run that ran out of memory still cleans
 * up. */
static int
empty_dir(int fd)
{
	struct dirent *e;
	struct stat sb;
	DIR *dp;
	int sub, r = 0;

	if ((dp = fdopendir(fd)) == NULL) {
		close(fd);
		return -1;
	}
	while ((e = readdir(dp)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (fstatat(dirfd(dp), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) !=
		    0) {
			r = -1;
		} else if (!S_ISDIR(sb.st_mode)) {
			if (unlinkat(dirfd(dp), e->d_name, 0) != 0)
				r = -1;
		} else if ((sub = openat(dirfd(dp), e->d_name,
		                O_RDONLY | O_DIRECTORY | O_NOFOLLOW)) < 0 ||
		           empty_dir(sub) != 0 ||
		           unlinkat(dirfd(dp), e->d_name, AT_REMOVEDIR) != 0) {
			r = -1;
		}
	}
	closedir(dp);
	return r;
}

/* Remove "path" and all below it. */
static int
remove_tree(const char *path)
{
	struct stat sb;
	int fd;

	if (lstat(path, &sb) != 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(sb.st_mode))
		return unlink(path);
	if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW)) < 0 ||
	    empty_dir(fd) != 0)
		return -1;
	return rmdir(path);
}

/* "dir" without trailing slashes, through a symbolic link to the folder
 * it names, so that the new folder goes beside the real one. */
static char *
target_of(const char *dir)
{
	char *p, *real;
	size_t n;

	if ((p = kll__strdup(dir)) == NULL)
		return NULL;
	n = strlen(p);
	while (n > 1 && p[n - 1] == '/')
		p[--n] = '\0';
	/* Into a buffer of ours: realpath(p, NULL) would allocate with
	 * malloc() behind the library's back. */
	if ((real = kll__malloc(PATH_MAX)) == NULL) {
		free(p);
		return NULL;
	}
	if (realpath(p, real) != NULL) {
		free(p);
		return real;
	}
	free(real);
	return p;
}

static kll_status
make_dirs(kll__pubjob *j)
{
	static const char *const sub[2] = { "vocab", "mappings" };
	char *p;
	size_t i, k;

	for (k = 0; k < 2; k++) {
		for (i = 0; i < j->c->nds; i++)
			if (j->c->ds[i].kind == (kll__dskind)k)
				break;
		if (i == j->c->nds)
			continue;
		if ((p = kll__pub_join(j->tmp, sub[k])) == NULL)
			return j->st = kll__nomem(j->err);
		if (mkdir(p, j->c->opts.owner_only ? 0700 : 0777) != 0)
			j->st = kll__error_set(j->err, KLL_EIO, p, 0, 0,
			    "cannot create: %s", strerror(errno));
		free(p);
	}
	return j->st;
}

/* Move the new folder in: the old one aside, the new one in its place,
 * the old one removed. */
static kll_status
swap_in(kll_catalog *c, const char *tmp, const char *dir, kll_error *err)
{
	char *old = NULL;
	size_t n = strlen(dir) + 16;
	struct stat sb;
	kll_status st = KLL_OK;

	if (lstat(dir, &sb) != 0) {
		if (rename(tmp, dir) != 0)
			st = kll__error_set(err, KLL_EIO, dir, 0, 0,
			    "cannot move the new folder in: %s",
			    strerror(errno));
		return st;
	}
	if ((old = kll__malloc(n)) == NULL)
		return kll__nomem(err);
	snprintf(old, n, "%s.oldXXXXXX", dir);
	if (mkdtemp(old) == NULL || rename(dir, old) != 0) {
		st = kll__error_set(err, KLL_EIO, dir, 0, 0,
		    "cannot move the old folder aside: %s", strerror(errno));
		rmdir(old);
	} else if (rename(tmp, dir) != 0) {
		st = kll__error_set(err, KLL_EIO, dir, 0, 0,
		    "cannot move the new folder in: %s", strerror(errno));
		rename(old, dir);
	} else if (remove_tree(old) != 0) {
		kll__catalog_diag(c, KLL_SEV_WARNING, "publish-old-folder", old,
		    0, "cannot remove the previous output: %s",
		    strerror(errno));
	}
	free(old);
	return st;
}

static void
write_all(kll__pubjob *j)
{
	size_t i;

	if (make_dirs(j) != KLL_OK)
		return;
	for (i = 0; i < j->c->nds && j->st == KLL_OK; i++) {
		if (j->c->ds[i].kind == KLL__VOCAB)
			kll__pub_write_vocab(j, &j->c->ds[i]);
		else
			kll__pub_write_key(j, &j->c->ds[i]);
	}
	if (j->st == KLL_OK)
		write_catalog(j);
	if (j->st == KLL_OK)
		kll__pub_write_pages(j);
	if (j->st == KLL_OK)
		kll__pub_write_page(j);
	if (j->st == KLL_OK)
		kll__pub_write_manifest(j);
}

/* The mode of the new folder: that of the one it replaces, else 0777
 * less the umask; at most 0700 when owner_only. */
static mode_t
folder_mode(const kll_catalog *c, const char *dir)
{
	mode_t um, mode;
	struct stat sb;

	if (stat(dir, &sb) == 0) {
		mode = sb.st_mode & 0777;
	} else {
		um = umask(0);
		umask(um);
		mode = 0777 & ~um;
	}
	return c->opts.owner_only ? mode & 0700 : mode;
}

kll_status
kll_catalog_publish(kll_catalog *c, const char *dir, kll_error *err)
{
	char *target = NULL, *tmp = NULL;
	kll__owned old;
	size_t i, n;
	kll__pubjob j;

	memset(&j, 0, sizeof(j));
	memset(&old, 0, sizeof(old));
	j.c = c, j.err = err;
	if ((j.st = kll__catalog_complete(c, err)) != KLL_OK)
		return j.st;
	if (c->nerrors > 0)
		return kll__error_set(err, KLL_EINVALID, NULL, 0, 0,
		    "%zu error%s in the catalog: nothing written", c->nerrors,
		    c->nerrors == 1 ? "" : "s");
	for (i = 0; i < c->nds; i++)
		c->ds[i].nfiles = 0;
	if ((target = target_of(dir)) == NULL)
		return kll__nomem(err);
	if ((j.st = kll__owned_read(&old, c, target, err)) != KLL_OK)
		goto out;
	n = strlen(target) + 16;
	if ((tmp = kll__malloc(n)) == NULL) {
		j.st = kll__nomem(err);
		goto out;
	}
	snprintf(tmp, n, "%s.tmpXXXXXX", target);
	if (mkdtemp(tmp) == NULL) {
		j.st = kll__error_set(err, KLL_EIO, target, 0, 0,
		    "cannot create a folder beside it: %s", strerror(errno));
		free(tmp);
		tmp = NULL;
		goto out;
	}
	chmod(tmp, folder_mode(c, target)); /* mkdtemp makes 0700 */
	j.tmp = tmp;
	write_all(&j);
	kll__pub_keep_foreign(&j, &old, target);
	if (j.st == KLL_OK && !kll__pub_stopped(&j))
		j.st = swap_in(c, tmp, target, err);
out:
	if (tmp != NULL && j.st != KLL_OK)
		remove_tree(tmp);
	free(tmp);
	free(target);
	kll__owned_free(&old);
	return j.st;
}
