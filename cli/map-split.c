/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map-split.c: kll-map split, a key as several, one file per group. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

enum { OPT_BY = 256 };

typedef struct opts {
	const char *dir, *dirs, *vocab[2];
	int quiet, have_by;
	kll_split_by by;
} opts;

#define SET(m) CLI_SET(opts, m)

static const cli_opt options[] = {
	{ "by", OPT_BY,
	    "subject-level|object-level|subject-top|object-top|predicate",
	    "how to group the records (required)", .usage = CLI_U1 | CLI_R1 },
	{ "directory", 'd', "dir",
	    "the folder to write to (required; made "
	    "when missing)",
	    .usage = CLI_U1 | CLI_R1, .set = SET(dir) },
	{ "force", OPT_OUT_FORCE, NULL,
	    "replace files that are there (and write through symbolic links)",
	    .usage = CLI_U1 },
	CLI_OPT_PRIVATE,
	{ "quiet", 'q', NULL, "no line per file on stderr", .usage = CLI_U1,
	    .set = SET(quiet) },
	{ "vocab-path", 'L', "dirs",
	    "folders to search for vocabulary ids first", .usage = CLI_U1,
	    .set = SET(dirs) },
	{ "subject-vocab", CLI_AUTO, "vocab",
	    "the subject vocabulary (a file, id or scheme IRI) instead of "
	    "subject_source",
	    .set = SET(vocab[0]) },
	{ "object-vocab", CLI_AUTO, "vocab",
	    "the object vocabulary instead of object_source",
	    .set = SET(vocab[1]) },
	CLI_OPT_HELP,
	{ NULL },
};

static int
on_option(void *ctx, int key, char *arg)
{
	static const char *const names[] = { "subject-level", "object-level",
		"subject-top", "object-top", "predicate", NULL };
	opts *o = ctx;
	int i;

	if (key != OPT_BY)
		return 0;
	if (parse_choice(arg, "grouping", names, &i) != 0)
		return EXIT_TROUBLE;
	o->by = (kll_split_by)i;
	o->have_by = 1;
	return 0;
}

/* "DIR/BASE.NAME.sssom.tsv" for each group, in one array; NULL after a
 * message. */
static char **
file_names(const opts *o, const char *path, char **names, size_t n)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t len = strlen(base), i, size;
	char **out;

	if (strcmp(path, "-") == 0)
		base = "key", len = 3;
	else if (len > 10 && strcmp(base + len - 10, ".sssom.tsv") == 0)
		len -= 10;
	else if (len > 4 && strcmp(base + len - 4, ".tsv") == 0)
		len -= 4;
	if ((out = calloc(n + 1, sizeof(*out))) == NULL) {
		errmsg("out of memory");
		return NULL;
	}
	for (i = 0; i < n; i++) {
		size = strlen(o->dir) + len + strlen(names[i]) + 14;
		if ((out[i] = malloc(size)) == NULL) {
			errmsg("out of memory");
			break;
		}
		snprintf(out[i], size, "%s/%.*s.%s.sssom.tsv", o->dir, (int)len,
		    base, names[i]);
	}
	if (i < n) {
		while (i > 0)
			free(out[--i]);
		free(out);
		return NULL;
	}
	return out;
}

/* The folder made if missing; no file there overwritten without
 * --force.  -1 after a message. */
static int
check_targets(const opts *o, char **files, size_t n)
{
	struct stat sb;
	size_t i, there = 0;

	if (mkdir(o->dir, 0777) != 0 && errno != EEXIST) {
		errmsg(
		    "%s: cannot make the folder: %s", o->dir, strerror(errno));
		return -1;
	}
	if (output_flags & OFILE_FORCE)
		return 0;
	for (i = 0; i < n; i++)
		if (lstat(files[i], &sb) == 0 && there++ == 0)
			errmsg("%s: is there; refusing to replace it (use "
			       "--force)",
			    files[i]);
	if (there > 1)
		errmsg("%zu files are there: nothing written", there);
	return there ? -1 : 0;
}

static int
write_groups(const opts *o, const kll_mapset *m, const size_t *group,
    char **files, size_t n)
{
	unsigned char *keep;
	kll_mapset *part;
	kll_error err;
	size_t g, rec, k;

	if ((keep = malloc(kll_mapset_count(m) + 1)) == NULL) {
		errmsg("out of memory");
		return -1;
	}
	for (g = 0; g < n; g++) {
		for (rec = k = 0; rec < kll_mapset_count(m); rec++)
			k += keep[rec] = group[rec] == g;
		if (kll_mapset_subset(&part, m, keep, &err) != KLL_OK) {
			report(&err);
			break;
		}
		if (write_mapset(part, files[g]) < 0) {
			kll_mapset_free(part);
			break;
		}
		kll_mapset_free(part);
		if (!o->quiet)
			errmsg("%s: %zu %s", files[g], k,
			    plural(k, "record", "records"));
	}
	free(keep);
	return g < n ? -1 : 0;
}

static int
split(const opts *o, const char *path)
{
	int side =
	    o->by == KLL_SPLIT_OBJECT_LEVEL || o->by == KLL_SPLIT_OBJECT_TOP;
	kll_mapset *m;
	kll_vocab *v = NULL;
	kll_error err;
	size_t *group = NULL, n = 0, i;
	char **names = NULL, **files = NULL;
	int rc = EXIT_TROUBLE;

	if ((m = read_key(path, NULL, NULL, "split")) == NULL)
		return EXIT_TROUBLE;
	if (o->by != KLL_SPLIT_PREDICATE) {
		if (o->vocab[side] != NULL)
			v = open_vocab(o->vocab[side], o->dirs, NULL);
		else if (kll_mapset_vocab(&v, m, (kll_side)side, o->dirs, NULL,
		             &err) != KLL_OK)
			report(&err);
		if (v == NULL)
			goto out;
	}
	if ((group = calloc(kll_mapset_count(m) + 1, sizeof(size_t))) == NULL) {
		errmsg("out of memory");
		goto out;
	}
	if (kll_mapset_split(group, &names, &n, m, o->by, v, &err) != KLL_OK) {
		report(&err);
		goto out;
	}
	if ((files = file_names(o, path, names, n)) == NULL ||
	    check_targets(o, files, n) < 0 ||
	    write_groups(o, m, group, files, n) < 0)
		goto out;
	rc = EXIT_OK;
out:
	for (i = 0; files != NULL && i < n; i++)
		free(files[i]);
	free(files);
	free(names);
	free(group);
	kll_vocab_free(v);
	kll_mapset_free(m);
	return rc;
}

static int
run(int argc, char **argv)
{
	opts o;
	int rc;

	memset(&o, 0, sizeof(o));
	if ((rc = cli_parse(&map_split_cmd, argc, argv, on_option, &o)) !=
	    CLI_GO)
		return rc;
	if (!o.have_by)
		return usage_error("give the grouping with --by");
	if (o.dir == NULL)
		return usage_error("give the folder with -d");
	rc = split(&o, argv[optind]);
	return rc == EXIT_TROUBLE ? rc : finish(rc);
}

const cli_cmd map_split_cmd = {
	.name = "kll-map split",
	.summary = "a key as several, one file per group of records",
	.run = run,
	.operands = { "key.sssom.tsv" },
	.about =
	    "Write the records of a key into several keys in folder -d, each with\n"
	    "the metadata of the whole, one per group: by the level of the subject\n"
	    "or the object in its vocabulary (level-N, level-none), by the code of\n"
	    "the top concept above it (top-CODE, top-none), or by predicate (the\n"
	    "CURIE with '-' for ':', not-... when negated).  Each goes to\n"
	    "DIR/BASE.GROUP.sssom.tsv, BASE being the key's file name without\n"
	    ".sssom.tsv (key for standard input); a character other than A-Z a-z\n"
	    "0-9 . _ - in GROUP becomes '_'.  Files are written whole, one by one;\n"
	    "if one of them is there already, nothing is written without --force.\n",
	.opts = options,
	.args = { 1, 1, "split takes one key" },
	.after =
	    "Exit status: 0 written, 2 the key or its vocabulary could not "
	    "be read, a\nfile is there already, a failed write, or a usage "
	    "error.\n",
	.rules = "sssom- limit-",
};
