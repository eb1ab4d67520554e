/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map-learn.c: kll-map learn, a key from things coded in both
 * vocabularies, or the audit of a key against them. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct args {
	map_args m;
	kll_learn_opts o;
	const char *key;
} args;

enum { OPT_MIN = 256, OPT_EXACT, OPT_CLOSE };

#define SET(m) CLI_SET(args, m)

static const cli_opt options[] = {
	MAP_SIDE_OPTIONS(args, o.imp, "required unless --key names it"),
	{ "count-column", CLI_AUTO, "col",
	    "a cross-table: how many things per row (default: each row is one)",
	    .usage = CLI_U1, .set = SET(o.count_column) },
	{ "min-count", OPT_MIN, "n",
	    "drop pairs seen fewer than n times (default 3)", .usage = CLI_U1 },
	{ "exact-share", OPT_EXACT, "T", "above 0.5, at most 1 (default 0.9)",
	    .usage = CLI_U1 },
	{ "close-share", OPT_CLOSE, "C", "above 0, at most 1 (default 0.5)",
	    .usage = CLI_U1 },
	{ "pairs", CLI_AUTO, "table.csv",
	    "write exactly the pairs of this key table (same code columns); "
	    "pairs with too little evidence keep the predicate of its shape",
	    .set = SET(o.pairs) },
	{ "key", CLI_AUTO, "key.sssom.tsv",
	    "audit this SSSOM key; write nothing", .set = SET(key) },
	{ "author-label", CLI_AUTO, "T", "each mapping's author_label",
	    .set = SET(o.author_label) },
	MAP_SET_OPTIONS(args, o.imp, "semapv:InstanceBasedMatching"),
	CLI_OPT_FROM,
	CLI_OPT_HELP,
	{ NULL },
};

/* A share: a decimal number; range checks are the library's. */
static int
parse_share(const char *s, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	return errno == 0 && end != s && *end == '\0' ? 0 : -1;
}

static int
parse_min(const char *s, unsigned long *out)
{
	char *end;

	if (*s < '1' || *s > '9')
		return -1;
	errno = 0;
	*out = strtoul(s, &end, 10);
	return errno == 0 && *end == '\0' ? 0 : -1;
}

static int
on_option(void *ctx, int key, char *arg)
{
	args *a = ctx;
	kll_learn_opts *o = &a->o;

	switch (key) {
	case OPT_MIN:
		if (parse_min(arg, &o->min_count) < 0)
			return usage_error(
			    "bad minimum count '%s': give a whole "
			    "number, 1 or more",
			    arg);
		return 0;
	case OPT_EXACT:
	case OPT_CLOSE:
		if (parse_share(arg, key == OPT_EXACT ? &o->exact_share :
		                                        &o->close_share) < 0)
			return usage_error(
			    "bad share '%s': give a number", arg);
		return 0;
	}
	return map_option(&a->m, &o->imp, key, arg);
}

static const char *
s_of(unsigned long long n)
{
	return n == 1 ? "" : "s";
}

/* One note line: what was read, and what was dropped or left out. */
static void
note(const char *path, const kll_learn_stats *s, const kll_learn_opts *o,
    int audit)
{
	fprintf(stderr,
	    "%s: %s: note: %llu row%s, %zu pair%s; %zu pair%s seen fewer "
	    "than %lu time%s dropped",
	    progname, strcmp(path, "-") == 0 ? "<stdin>" : path, s->rows,
	    s_of(s->rows), s->pairs, s_of(s->pairs), s->dropped,
	    s_of(s->dropped), o->min_count, s_of(o->min_count));
	if (s->skipped > 0)
		fprintf(stderr,
		    "; %llu row%s skipped (a code missing, or a count of 0)",
		    s->skipped, s_of(s->skipped));
	if (o->pairs != NULL && !audit)
		fprintf(stderr,
		    "; %zu pair%s not in the table left out; %zu of its "
		    "pairs from its shape",
		    s->unkeyed, s_of(s->unkeyed), s->thin);
	fputc('\n', stderr);
}

static int
run_audit(const char *key_path, const char *path, kll_learn_opts *o, int quiet)
{
	kll_learn_stats st;
	kll_mapset *key;
	size_t nf = 0;
	kll_error err;
	int rc = EXIT_TROUBLE;

	if ((key = read_key(key_path, NULL, NULL, "audited")) == NULL)
		return EXIT_TROUBLE;
	if (kll_mapset_audit(&nf, &st, key, path, o, &err) != KLL_OK) {
		if (err.rule[0] == '\0')
			report(&err);
		goto out;
	}
	if (!quiet)
		note(path, &st, o, 1);
	rc = finish(nf > 0 ? EXIT_FOUND : EXIT_OK);
out:
	kll_mapset_free(key);
	return rc;
}

static int
run_learn(const char *path, const char *output, kll_learn_opts *o, int quiet)
{
	kll_learn_stats st;
	kll_mapset *m = NULL;
	kll_error err;
	int rc = EXIT_TROUBLE;

	if (kll_mapset_learn(&m, &st, path, o, &err) != KLL_OK) {
		if (err.rule[0] == '\0')
			report(&err);
		return EXIT_TROUBLE;
	}
	if (write_mapset(m, output) < 0)
		goto out;
	if (!quiet)
		note(path, &st, o, 0);
	rc = finish(EXIT_OK);
out:
	kll_mapset_free(m);
	return rc;
}

static int
run(int argc, char **argv)
{
	static args a;
	int rc;

	memset(&a, 0, sizeof(a));
	a.o = (kll_learn_opts)KLL_LEARN_OPTS_INIT;
	if ((rc = cli_parse(&map_learn_cmd, argc, argv, on_option, &a)) !=
	    CLI_GO)
		return rc;
	if (a.key != NULL && (a.o.pairs != NULL || a.m.output != NULL))
		return usage_error(
		    "--key audits and writes nothing: no --pairs or -o");
	if (a.key == NULL &&
	    (a.o.imp.subject_vocab == NULL || a.o.imp.object_vocab == NULL))
		return usage_error("name both vocabularies with -s and -t");
	map_args_done(&a.m, &a.o.imp);
	if (a.key != NULL)
		return run_audit(a.key, argv[optind], &a.o, a.m.quiet);
	return run_learn(argv[optind], a.m.output, &a.o, a.m.quiet);
}

const cli_cmd map_learn_cmd = {
	.name = "kll-map learn",
	.summary = "a key from things coded in both vocabularies, or audit one",
	.run = run,
	.operands = { "[--pairs=table.csv | --key=key.sssom.tsv] [options] "
	              "evidence.csv" },
	.about =
	    "Learn a key from evidence: a CSV or TSV table whose rows each code one\n"
	    "thing (a job title, a person, a programme) in both vocabularies, or a\n"
	    "cross-table with a count per pair.  For a pair seen n times whose\n"
	    "subject code is seen S times and object code O times in all:\n"
	    "n/S >= T and n/O >= T exactMatch; else n/O >= T narrowMatch (the\n"
	    "subject is broader); else n/S >= T broadMatch (the object is\n"
	    "broader); else n/S >= C and n/O >= C closeMatch; else relatedMatch.\n"
	    "With --key, audit that key against the evidence instead: one line per\n"
	    "finding, exit 1 if any.\n",
	.opts = options,
	.args = { 1, 1, "learn takes one evidence table" },
	.rules = "sssom- limit- learn- map-separator map-unknown-column "
	         "map-columns map-no-subject map-unknown-subject "
	         "map-unknown-object map-bad-predicate map-duplicate-row",
};
