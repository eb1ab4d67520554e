/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map-fmt.c: kll-map fmt, a key rewritten in canonical form, or checked
 * to be in it. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

typedef struct opts {
	const char *output;
	int quiet, in_place, check;
	size_t errors; /* of the key being read, IRIs aside */
} opts;

/* The reader's findings; an IRI where a CURIE belongs is what fmt
 * mends, so it is no error here. */
static void
on_diag(void *payload, const kll_error *d)
{
	opts *o = payload;

	if (strcmp(d->rule, "sssom-iri-not-curie") == 0)
		return;
	if (d->severity == KLL_SEV_ERROR)
		o->errors++;
	else if (o->quiet)
		return;
	print_diag(stderr, d, 0);
}

/* Standard input copied to a temporary file that then stands in for
 * it, so that it can be read twice: NULL after a message. */
static FILE *
spool_stdin(void)
{
	char buf[65536];
	FILE *t;
	size_t n;

	if ((t = tmpfile()) == NULL) {
		errmsg("cannot make a temporary file: %s", strerror(errno));
		return NULL;
	}
	while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0)
		if (fwrite(buf, 1, n, t) != n)
			break;
	if (ferror(stdin) || fflush(t) != 0 || ferror(t) ||
	    fseek(t, 0L, SEEK_SET) != 0 || dup2(fileno(t), STDIN_FILENO) < 0) {
		errmsg("<stdin>: cannot read: %s", strerror(errno));
		fclose(t);
		return NULL;
	}
	clearerr(stdin);
	fseek(stdin, 0L, SEEK_SET);
	return t;
}

/* Read and mend the key at path; NULL after a message. */
static kll_mapset *
open_key(opts *o, const char *path)
{
	kll_sssom_opts so = KLL_SSSOM_OPTS_INIT;
	kll_mapset *m = NULL;
	kll_error err;
	size_t n;

	so.diag = on_diag;
	so.payload = o;
	o->errors = 0;
	if (kll_mapset_read(&m, path, &so, &err) != KLL_OK) {
		report(&err);
		return NULL;
	}
	if ((n = o->errors) == 0 &&
	    kll_mapset_compact(m, diag_stderr, NULL, NULL, &err) != KLL_OK) {
		if (err.code != KLL_EINVALID)
			report(&err);
		n = 1;
	}
	if (n > 0) {
		errmsg("%s: %zu %s: not formatted", kll_mapset_path(m), n,
		    plural(n, "error", "errors"));
		kll_mapset_free(m);
		return NULL;
	}
	return m;
}

/* The first line where the file differs from its canonical text, 0 when
 * it does not; -1 after a message. */
static long
differs(const kll_mapset *m, const char *path, FILE *spool)
{
	kll_error err;
	unsigned line = 0;
	FILE *fp = spool;
	long ret;

	if (fp == NULL && (fp = fopen(path, "rb")) == NULL) {
		errmsg("%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	if (spool != NULL)
		fseek(fp, 0L, SEEK_SET);
	if (kll_mapset_compare(m, fp, &line, &err) != KLL_OK) {
		if (err.file[0] == '\0')
			snprintf(err.file, sizeof(err.file), "%s",
			    kll_mapset_path(m));
		report(&err);
		ret = -1;
	} else
		ret = (long)line;
	if (fp != spool)
		fclose(fp);
	return ret;
}

static int
fmt_one(void *ctx, const char *path)
{
	opts *o = ctx;
	kll_mapset *m;
	FILE *spool = NULL;
	long line = 0;
	int rc = EXIT_TROUBLE;

	if (o->check && strcmp(path, "-") == 0 &&
	    (spool = spool_stdin()) == NULL)
		return EXIT_TROUBLE;
	if ((m = open_key(o, path)) == NULL)
		goto out;
	if ((o->check || o->in_place) && (line = differs(m, path, spool)) < 0)
		goto out;
	if (o->check) {
		if (line > 0)
			errmsg("%s:%ld: not in canonical form",
			    kll_mapset_path(m), line);
		rc = line > 0 ? EXIT_FOUND : EXIT_OK;
	} else if (o->in_place && line == 0) {
		rc = EXIT_OK;
	} else if (write_mapset(m, o->in_place ? path : o->output) == 0) {
		if (o->in_place && !o->quiet)
			errmsg("%s: formatted", path);
		rc = EXIT_OK;
	}
out:
	if (spool != NULL)
		fclose(spool);
	kll_mapset_free(m);
	return rc;
}

static const cli_opt options[] = {
	{ "check", 'c', NULL,
	    "write nothing: name each key that is not in canonical form, and "
	    "exit 1 if any is not",
	    .usage = CLI_U1, .set = CLI_SET(opts, check) },
	{ "in-place", 'i', NULL,
	    "rewrite each key in its file (replaced only when complete; a "
	    "key already canonical is left alone)",
	    .usage = CLI_U1, .set = CLI_SET(opts, in_place) },
	{ "quiet", 'q', NULL, "no warnings, and with -i no line per file",
	    .usage = CLI_U1, .set = CLI_SET(opts, quiet) },
	CLI_OPT_OUTPUT(CLI_U1, CLI_SET(opts, output)),
	CLI_OPT_PRIVATE,
	CLI_OPT_FORCE,
	CLI_OPT_HELP,
	{ NULL },
};

static int
run(int argc, char **argv)
{
	opts o;
	int rc, i;

	memset(&o, 0, sizeof(o));
	if ((rc = cli_parse(&map_fmt_cmd, argc, argv, NULL, &o)) != CLI_GO)
		return rc;
	if (o.check && o.in_place)
		return usage_error("give -c or -i, not both");
	if ((o.check || o.in_place) && o.output != NULL)
		return usage_error("-o goes without -c and -i");
	if (!o.check && !o.in_place && argc - optind > 1)
		return usage_error(
		    "fmt takes one key, or several with -c or -i");
	for (i = optind; o.in_place && i < argc; i++)
		if (strcmp(argv[i], "-") == 0)
			return usage_error("-i cannot rewrite standard input");
	rc = cli_each(argc, argv, fmt_one, &o);
	return rc == EXIT_TROUBLE ? rc : finish(rc);
}

const cli_cmd map_fmt_cmd = {
	.name = "kll-map fmt",
	.summary = "a key in canonical form, or a check that it is",
	.run = run,
	.operands = { "key.sssom.tsv ..." },
	.about =
	    "Write a key in canonical SSSOM/TSV, the form kll writes every key in:\n"
	    "the curie_map first, with only the prefixes in use, sorted; the set's\n"
	    "slots in the order of the model; values that every record shares in\n"
	    "the metadata; only the columns that have a value, in the order of the\n"
	    "model, then the others; the records sorted on every column; numbers\n"
	    "with at most 3 decimals; quotes only where needed; LF line ends.\n"
	    "An IRI where SSSOM wants a CURIE is written as the CURIE of the\n"
	    "longest namespace of the curie_map.  Formatting twice gives the same\n"
	    "bytes.  With -c nothing is written: each key that is not in that form\n"
	    "is named with the first line that differs.\n",
	.opts = options,
	.args = { 1, 0, "fmt takes one key, or several with -c or -i" },
	.after = "Exit status: 0 done (-c: every key is canonical), 1 with -c "
	         "some key is\nnot, 2 a key could not be read or written, or a "
	         "usage error.\n",
	.rules = "sssom- limit- map-fmt-no-prefix",
};
