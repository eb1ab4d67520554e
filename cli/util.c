/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* util.c: messages, JSON strings and atomic output files for the CLI. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

const char *progname = "kll";
unsigned output_flags;
kll_key_format key_from = KLL_KEY_AUTO;

void
errmsg(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void
print_loc(FILE *fp, const kll_error *e)
{
	if (e->file[0] == '\0')
		return;
	fprintf(fp, "%s:", e->file);
	if (e->line > 0) {
		fprintf(fp, "%u:", e->line);
		if (e->col > 0)
			fprintf(fp, "%u:", e->col);
	}
	fputc(' ', fp);
}

void
report(const kll_error *err)
{
	if (report_sink != NULL) {
		diag_fatal(report_sink, err);
		return;
	}
	if (strncmp(err->rule, "limit-", 6) == 0) {
		/* An input over one of the readers' limits: said as the
		 * findings are, rule id and all, so that it can be looked
		 * up in LIMITS of kll-map(1). */
		print_diag(stderr, err, 0);
		return;
	}
	fprintf(stderr, "%s: ", progname);
	print_loc(stderr, err);
	fprintf(
	    stderr, "%s\n", err->msg[0] ? err->msg : kll_strerror(err->code));
}

void
json_string(FILE *fp, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', fp);
	for (; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(fp, "\\%c", *p);
		else if (*p == '\n' || *p == '\t' || *p == '\r')
			fprintf(fp, "\\%c",
			    *p == '\n' ? 'n' :
			    *p == '\t' ? 't' :
			                 'r');
		else if (*p < 0x20)
			fprintf(fp, "\\u%04x", *p);
		else
			fputc(*p, fp);
	}
	fputc('"', fp);
}

void
print_diag(FILE *fp, const kll_error *d, int json)
{
	if (!json) {
		fprintf(fp, "%s: ", progname);
		print_loc(fp, d);
		fprintf(fp, "%s: %s", kll_severity_name(d->severity), d->msg);
		if (d->rule[0])
			fprintf(fp, " [%s]", d->rule);
		fputc('\n', fp);
		return;
	}
	fputs("{\"file\":", fp);
	json_string(fp, d->file);
	fprintf(fp,
	    ",\"line\":%u,\"column\":%u,\"severity\":\"%s\",\"rule\":", d->line,
	    d->col, kll_severity_name(d->severity));
	json_string(fp, d->rule);
	fputs(",\"message\":", fp);
	json_string(fp, d->msg);
	fputs("}\n", fp);
}

void
diag_stderr(void *payload, const kll_error *d)
{
	(void)payload;
	print_diag(stderr, d, 0);
}

const char *
plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

void
print_tally(const size_t shown[3], size_t n, const char *one, const char *many)
{
	size_t ne = shown[KLL_SEV_ERROR], nw = shown[KLL_SEV_WARNING];

	errmsg("%zu %s, %zu %s in %zu %s", ne, plural(ne, "error", "errors"),
	    nw, plural(nw, "warning", "warnings"), n, plural(n, one, many));
}

kll_mapset *
read_key(const char *path, kll_diag_fn fn, void *payload, const char *verb)
{
	kll_sssom_opts so = KLL_SSSOM_OPTS_INIT;
	kll_mapset *m = NULL;
	kll_error err;
	size_t n;

	so.diag = fn ? fn : diag_stderr;
	so.payload = payload;
	if (kll_mapset_load(&m, path, key_from, &so, NULL, &err) != KLL_OK) {
		report(&err);
		return NULL;
	}
	if ((n = kll_mapset_nerrors(m)) > 0) {
		errmsg("%s: %zu %s: not %s", kll_mapset_path(m), n,
		    plural(n, "error", "errors"), verb);
		kll_mapset_free(m);
		return NULL;
	}
	return m;
}

int
set_meta(kll_mapset *m, const char *arg)
{
	const char *eq = strchr(arg, '=');
	kll_error err;
	char *slot;
	int rc = 0;

	if ((slot = strdup(arg)) == NULL) {
		errmsg("out of memory");
		return -1;
	}
	slot[eq - arg] = '\0';
	if (kll_mapset_set_meta(m, slot, eq + 1, &err) != KLL_OK) {
		errmsg("--meta: %s", err.msg);
		rc = -1;
	}
	free(slot);
	return rc;
}

kll_vocab *
open_vocab(const char *name, const char *dirs, const char *syntax)
{
	kll_load_opts lo = KLL_LOAD_OPTS_INIT;
	kll_vocab *v = NULL;
	kll_error err;

	lo.syntax = syntax;
	if (kll_vocab_open(&v, name, dirs, &lo, &err) != KLL_OK)
		report(&err);
	return v;
}

const char *
code_of(const kll_concept *c)
{
	const char *n;

	if (c == NULL)
		return "";
	n = kll_concept_notation(c);
	return *n ? n : kll_concept_iri(c);
}

const char *
display_label(const kll_concept *c, const char *lang)
{
	const char *s;

	if (lang != NULL)
		s = kll_concept_label(c, KLL_LABEL_PREF, lang);
	else if ((s = kll_concept_label(c, KLL_LABEL_PREF, "sv")) == NULL &&
	         (s = kll_concept_label(c, KLL_LABEL_PREF, "en")) == NULL)
		s = kll_concept_label(c, KLL_LABEL_PREF, NULL);
	return s ? s : "";
}

void
put_flat(FILE *fp, const char *s)
{
	for (; *s; s++)
		fputc(*s == '\n' || *s == '\r' || *s == '\t' ? ' ' : *s, fp);
}

void
print_line(const kll_concept *c, const char *lang)
{
	fputs(code_of(c), stdout);
	putchar('\t');
	put_flat(stdout, display_label(c, lang));
	putchar('\n');
}

int
write_mapset(const kll_mapset *m, const char *path)
{
	kll_error err;
	ofile of;

	if (ofile_open(&of, path) < 0)
		return -1;
	if (kll_mapset_write(m, of.fp, &err) != KLL_OK) {
		if (err.file[0] == '\0')
			snprintf(err.file, sizeof(err.file), "%s",
			    path ? path : "<stdout>");
		report(&err);
		ofile_abort(&of);
		return -1;
	}
	return ofile_commit(&of);
}

int
write_output(
    const char *path, void (*fn)(FILE *, const void *), const void *arg)
{
	ofile of;

	if (ofile_open(&of, path) < 0)
		return -1;
	fn(of.fp, arg);
	if (ofile_commit(&of) < 0) {
		/* A file's failure has been reported; stdout's has not. */
		if (path == NULL || strcmp(path, "-") == 0)
			errmsg(
			    "write error: %s", strerror(errno ? errno : EIO));
		ofile_abort(&of);
		return -1;
	}
	return 0;
}

int
finish(int rc)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		errmsg("write error: %s", strerror(errno ? errno : EIO));
		return EXIT_TROUBLE;
	}
	return rc;
}

int
split_list(char *s, const char **out, int max)
{
	int n = 0;
	char *p;

	for (p = s; p != NULL && *p != '\0';) {
		char *comma = strchr(p, ',');
		if (comma != NULL)
			*comma = '\0';
		if (*p != '\0') {
			if (n == max)
				return -1;
			out[n++] = p;
		}
		p = comma ? comma + 1 : NULL;
	}
	return n;
}

/* ------------------------------------------------------------------ */
/* Atomic output files                                                  */

/* The temporary files in flight, removed if a signal ends the run. */
#define MAX_TMP 64
static char *volatile live_tmp[MAX_TMP];

static void
on_signal(int sig)
{
	static const char msg[] = ": interrupted; no output was changed\n";
	int i;

	for (i = 0; i < MAX_TMP; i++)
		if (live_tmp[i] != NULL)
			unlink(live_tmp[i]);
	if (write(STDERR_FILENO, progname, strlen(progname)) < 0 ||
	    write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0)
		(void)sig;
	_exit(EXIT_TROUBLE);
}

void
catch_signals(void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static void
track(char *tmp, int add)
{
	static int installed;
	int i;

	if (add && !installed) {
		catch_signals(on_signal);
		installed = 1;
	}
	for (i = 0; i < MAX_TMP; i++) {
		if (add && live_tmp[i] == NULL) {
			live_tmp[i] = tmp;
			return;
		}
		if (!add && live_tmp[i] == tmp) {
			live_tmp[i] = NULL;
			return;
		}
	}
}

/* The mode a new output gets: 0666 less the umask, at most 0600 when
 * private. */
static mode_t
new_mode(unsigned flags)
{
	mode_t um = umask(0);

	umask(um);
	return (0666 & ~um) & (flags & OFILE_PRIVATE ? 0600 : 0777);
}

/* Refuse to replace what a rename would break: a file with other hard
 * links, a symbolic link (unless --force: then its target), a folder.
 * Sets *real (malloc'd) to the file to replace, *sb to what it is now,
 * *direct when it is a device or FIFO, written in place.  Returns 0, 1
 * when there is no such file yet, -1 after a message. */
static int
check_target(
    const char *path, unsigned flags, char **real, struct stat *sb, int *direct)
{
	struct stat lsb;

	*real = NULL;
	if (lstat(path, &lsb) != 0) {
		if (errno == ENOENT)
			return 1;
		errmsg("%s: cannot create: %s", path, strerror(errno));
		return -1;
	}
	*sb = lsb;
	if (S_ISLNK(lsb.st_mode) && stat(path, sb) != 0) {
		errmsg("%s: is a symbolic link to a missing file; refusing to "
		       "write through it",
		    path);
		return -1;
	}
	if (S_ISDIR(sb->st_mode)) {
		errmsg("%s: cannot create: %s", path, strerror(EISDIR));
		return -1;
	}
	if (!S_ISREG(sb->st_mode)) {
		*direct = 1; /* /dev/stdout, a FIFO: nothing to replace */
		return 0;
	}
	if (S_ISLNK(lsb.st_mode) && !(flags & OFILE_FORCE)) {
		errmsg("%s: is a symbolic link; refusing to replace it (use "
		       "--force to write to the file it names)",
		    path);
		return -1;
	}
	if (sb->st_nlink > 1 && !(flags & OFILE_FORCE)) {
		errmsg("%s: has %lu hard links; refusing to replace it (use "
		       "--force)",
		    path, (unsigned long)sb->st_nlink);
		return -1;
	}
	if (S_ISLNK(lsb.st_mode) && (*real = realpath(path, NULL)) == NULL) {
		errmsg("%s: cannot resolve: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* Give the temporary file the mode (and, where allowed, the group) of
 * the file it replaces, or a new file's mode. */
static void
set_mode(int fd, const struct stat *old, unsigned flags)
{
	mode_t mode = new_mode(flags);

	if (old != NULL) {
		if (old->st_gid != getegid() &&
		    fchown(fd, (uid_t)-1, old->st_gid) != 0)
			errno = 0; /* not in that group: keep ours */
		mode = old->st_mode & (flags & OFILE_PRIVATE ? 0600 : 0777);
	}
	fchmod(fd, mode);
}

static int
open_direct(ofile *o, const char *path)
{
	int fd;

	if ((fd = open(path, O_WRONLY | O_TRUNC)) < 0 ||
	    (o->fp = fdopen(fd, "w")) == NULL) {
		errmsg("%s: cannot open: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return 0;
}

int
ofile_open(ofile *o, const char *path)
{
	unsigned flags = output_flags;
	struct stat sb;
	char *real = NULL;
	int fd, r, direct = 0;
	size_t n;

	memset(o, 0, sizeof(*o));
	if (path == NULL || strcmp(path, "-") == 0) {
		o->fp = stdout;
		return 0;
	}
	if ((r = check_target(path, flags, &real, &sb, &direct)) < 0)
		return -1;
	o->real = real;
	real = NULL;
	if ((o->path = strdup(path)) == NULL) {
		errmsg("out of memory");
		goto fail;
	}
	if (direct) {
		if (open_direct(o, path) < 0)
			goto fail;
		return 0;
	}
	n = strlen(o->real ? o->real : path) + 16;
	if ((o->tmp = malloc(n)) == NULL) {
		errmsg("out of memory");
		goto fail;
	}
	snprintf(o->tmp, n, "%s.tmpXXXXXX", o->real ? o->real : path);
	if ((fd = mkstemp(o->tmp)) < 0) {
		errmsg("%s: cannot create: %s", path, strerror(errno));
		goto fail;
	}
	track(o->tmp, 1);
	/* mkstemp makes 0600, so no one else could open it meanwhile. */
	set_mode(fd, r == 0 ? &sb : NULL, flags);
	if ((o->fp = fdopen(fd, "w")) == NULL) {
		errmsg("%s: cannot open: %s", path, strerror(errno));
		close(fd);
		ofile_abort(o);
		return -1;
	}
	return 0;
fail:
	free(o->real);
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof(*o));
	return -1;
}

int
ofile_commit(ofile *o)
{
	int bad;

	if (o->fp == NULL)
		return -1;
	if (o->path == NULL) {
		o->fp = NULL;
		return fflush(stdout) != 0 || ferror(stdout) ? -1 : 0;
	}
	/* A device or FIFO written in place has nothing to sync. */
	bad = fflush(o->fp) != 0 || ferror(o->fp) ||
	      (o->tmp != NULL && fsync(fileno(o->fp)) != 0);
	if (fclose(o->fp) != 0)
		bad = 1;
	o->fp = NULL;
	if (bad) {
		errmsg("%s: write error: %s", o->path, strerror(errno));
		ofile_abort(o);
		return -1;
	}
	if (o->tmp != NULL &&
	    rename(o->tmp, o->real ? o->real : o->path) != 0) {
		errmsg("%s: cannot replace: %s", o->path, strerror(errno));
		ofile_abort(o);
		return -1;
	}
	track(o->tmp, 0);
	free(o->tmp);
	free(o->real);
	free(o->path);
	memset(o, 0, sizeof(*o));
	return 0;
}

void
ofile_abort(ofile *o)
{
	if (o->fp != NULL && o->fp != stdout)
		fclose(o->fp);
	if (o->tmp != NULL) {
		unlink(o->tmp);
		track(o->tmp, 0);
	}
	free(o->tmp);
	free(o->real);
	free(o->path);
	memset(o, 0, sizeof(*o));
}
