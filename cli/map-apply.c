/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map-apply.c: kll-map apply, recoding a column of a CSV/TSV data file
 * through a key.  The data are about people: messages name a row by its
 * line and show no field but the code. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define MAX_PREDICATES 32

typedef struct opts {
	kll_apply_opts ao;
	const char *key, *dirs, *output, *data;
	const char *preds[MAX_PREDICATES];
	int quiet;
} opts;

enum { OPT_MULTI = 256, OPT_UNMAPPED, OPT_PREDICATES, OPT_ENCODING };

#define SET(m) CLI_SET(opts, m)

static const cli_opt options[] = {
	{ "key", 'k', "key.sssom.tsv", "the key (SSSOM/TSV)",
	    .usage = CLI_U1 | CLI_R1, .set = SET(key) },
	{ "column", 'c', "n|name", "the column to recode (n counts from 1)",
	    .usage = CLI_U1 | CLI_R1, .set = SET(ao.column) },
	{ "quiet", 'q', NULL, "no report on stderr (warnings stay)",
	    .usage = CLI_U1,
	    .set = SET(quiet) },
	{ "vocab-path", 'L', "dirs",
	    "folders to search for the key's vocabularies", .usage = CLI_U1,
	    .set = SET(dirs) },
	CLI_OPT_OUTPUT(CLI_U1, SET(output)),
	{ "private", OPT_PRIVATE, NULL,
	    "(always: the output is 0600, or the mode of the file it replaces "
	    "without group or other bits)" },
	CLI_OPT_FORCE,
	{ "no-header", CLI_AUTO, NULL, "the first row is data", .usage = CLI_U1,
	    .set = SET(ao.no_header) },
	{ "keep", CLI_AUTO, NULL,
	    "keep the column and add the recoded one after it, named NAME_to",
	    .usage = CLI_U1, .set = SET(ao.keep) },
	{ "output-name", CLI_AUTO, "NAME", "header of the recoded column",
	    .usage = CLI_U1, .set = SET(ao.output_name) },
	{ "multi", OPT_MULTI, "best|all|first|fail",
	    "a code with several targets: best (the default: the strongest "
	    "predicate, exact, then narrow or broad, then close, then related; "
	    "then the highest confidence; then the key's first row), all (one "
	    "row each), first (in byte order), fail",
	    .usage = CLI_U1 },
	{ "unmapped", OPT_UNMAPPED, "empty|keep|fail",
	    "a code with no target: empty (the default), keep (copy the code: "
	    "the column then mixes two classifications), fail",
	    .usage = CLI_U1 },
	{ "encoding", OPT_ENCODING, "NAME",
	    "the table's encoding: utf-8 (the default), windows-1252, "
	    "iso-8859-1, utf-16 (with a byte-order mark) or any name iconv "
	    "knows; the output is UTF-8",
	    .usage = CLI_U1 },
	{ "predicates", OPT_PREDICATES, "LIST",
	    "use only records with these predicates, comma-separated: exact, "
	    "close, broad, narrow, related, equivalent, sameas, subclass, or "
	    "CURIEs",
	    .usage = CLI_U1 },
	CLI_OPT_FROM,
	CLI_OPT_HELP,
	{ NULL },
};

static int
parse_predicates(opts *o, char *arg)
{
	int n, i;

	if ((n = split_list(arg, o->preds, MAX_PREDICATES)) < 0)
		return usage_error("too many predicates");
	if (n == 0)
		return usage_error("no predicate in --predicates");
	for (i = 0; i < n; i++)
		if (kll_pred_from_name(o->preds[i]) == KLL_PRED_NONE &&
		    strchr(o->preds[i], ':') == NULL)
			return usage_error(
			    "bad predicate '%s': give exact, close, broad, "
			    "narrow, related or a CURIE",
			    o->preds[i]);
	o->ao.predicates = o->preds;
	o->ao.npredicates = (size_t)n;
	return 0;
}

static int
check_args(opts *o, int argc, char **argv)
{
	int digits;

	if (o->key == NULL)
		return usage_error("apply needs a key (-k)");
	if (o->ao.column == NULL || *o->ao.column == '\0')
		return usage_error("apply needs a column (-c)");
	digits = strspn(o->ao.column, "0123456789") == strlen(o->ao.column);
	if (digits && strtoul(o->ao.column, NULL, 10) == 0)
		return usage_error(
		    "bad column number '%s': columns count from 1",
		    o->ao.column);
	if (!digits && o->ao.no_header)
		return usage_error(
		    "with --no-header, give the column by number, not '%s'",
		    o->ao.column);
	o->data = argc - optind == 1 ? argv[optind] : "-";
	if (strcmp(o->key, "-") == 0 && strcmp(o->data, "-") == 0)
		return usage_error("the key and the data cannot both be stdin");
	return 0;
}

static int
on_option(void *ctx, int key, char *arg)
{
	static const char *const multi[] = { "best", "all", "first", "fail",
		NULL };
	static const kll_multi multi_v[] = { KLL_MULTI_BEST, KLL_MULTI_ALL,
		KLL_MULTI_FIRST, KLL_MULTI_FAIL };
	static const char *const unmapped[] = { "empty", "keep", "fail", NULL };
	static const kll_unmapped unmapped_v[] = { KLL_UNMAPPED_EMPTY,
		KLL_UNMAPPED_KEEP, KLL_UNMAPPED_FAIL };
	opts *o = ctx;
	int i;

	switch (key) {
	case OPT_MULTI:
		if (parse_choice(arg, "--multi", multi, &i) != 0)
			return EXIT_TROUBLE;
		o->ao.multi = multi_v[i];
		break;
	case OPT_UNMAPPED:
		if (parse_choice(arg, "--unmapped", unmapped, &i) != 0)
			return EXIT_TROUBLE;
		o->ao.unmapped = unmapped_v[i];
		break;
	case OPT_PREDICATES:
		return parse_predicates(o, arg);
	case OPT_ENCODING:
		return parse_encoding(arg, &o->ao.encoding);
	}
	return 0;
}

/* The vocabulary of one side, or NULL with a note saying why. */
static kll_vocab *
side_vocab(const opts *o, const kll_mapset *m, kll_side side)
{
	kll_vocab *v = NULL;
	kll_error err;

	if (kll_mapset_vocab(&v, m, side, o->dirs, NULL, &err) == KLL_OK)
		return v;
	if (!o->quiet)
		errmsg("%s: note: no %s vocabulary (%s%s%s): %s",
		    kll_mapset_path(m),
		    side == KLL_SUBJECT ? "subject" : "object", err.file,
		    err.file[0] ? ": " : "", err.msg,
		    side == KLL_SUBJECT ?
		        "codes must match the key's exactly" :
		        "targets are written as the key's CURIEs end");
	return NULL;
}

static const char *
rows(unsigned long long n)
{
	return n == 1 ? "row" : "rows";
}

static void
on_report(
    void *payload, const char *code, size_t ntargets, unsigned long long n)
{
	const char *data = payload;

	if (ntargets == 0)
		fprintf(stderr, "%s: %s: no target for code '%s' in %llu %s\n",
		    progname, data, code, n, rows(n));
	else
		fprintf(stderr,
		    "%s: %s: %zu targets for code '%s' in %llu %s\n", progname,
		    data, ntargets, code, n, rows(n));
}

static void
totals(const char *data, const kll_apply_stats *s, const kll_apply_opts *ao)
{
	fprintf(stderr,
	    "%s: %s: %llu %s: %llu with one target, %llu with several "
	    "(--multi=%s), %llu with none (--unmapped=%s), %llu empty; %llu "
	    "written\n",
	    progname, data, s->rows, rows(s->rows), s->mapped, s->multi,
	    kll_multi_name(ao->multi), s->unmapped,
	    kll_unmapped_name(ao->unmapped), s->empty, s->written);
	if (s->unlisted > 0)
		fprintf(stderr,
		    "%s: %s: %llu more %s with no target have codes not "
		    "named above\n",
		    progname, data, s->unlisted, rows(s->unlisted));
}

static int
run(opts *o, kll_mapset *m)
{
	const char *data = strcmp(o->data, "-") == 0 ? "<stdin>" : o->data;
	kll_vocab *sv, *ov;
	kll_apply_stats stats;
	kll_error err;
	ofile of;
	int rc = EXIT_TROUBLE;

	sv = side_vocab(o, m, KLL_SUBJECT);
	ov = side_vocab(o, m, KLL_OBJECT);
	o->ao.subject_vocab = sv;
	o->ao.object_vocab = ov;
	o->ao.diag = diag_stderr; /* warnings, even with -q */
	if (!o->quiet) {
		o->ao.report = on_report;
		o->ao.payload = (void *)data;
	}
	if (ofile_open(&of, o->output) < 0)
		goto out;
	if (kll_mapset_apply(m, o->data, of.fp,
	        o->output ? o->output : "<stdout>", &o->ao, &stats,
	        &err) != KLL_OK) {
		report_table_error(&err);
		ofile_abort(&of);
		goto out;
	}
	if (ofile_commit(&of) < 0)
		goto out;
	if (!o->quiet)
		totals(data, &stats, &o->ao);
	rc = EXIT_OK;
out:
	kll_vocab_free(sv);
	kll_vocab_free(ov);
	return rc;
}

static int
apply(int argc, char **argv)
{
	kll_apply_opts def = KLL_APPLY_OPTS_INIT;
	kll_mapset *m;
	opts o;
	int rc;

	memset(&o, 0, sizeof(o));
	o.ao = def;
	output_flags |= OFILE_PRIVATE; /* the data are about people */
	if ((rc = cli_parse(&map_apply_cmd, argc, argv, on_option, &o)) !=
	        CLI_GO ||
	    (rc = check_args(&o, argc, argv)) != 0)
		return rc;
	if ((m = read_key(o.key, NULL, NULL, "applied")) == NULL)
		return EXIT_TROUBLE;
	rc = run(&o, m);
	kll_mapset_free(m);
	/* After trouble, its message says it all, a write error too. */
	return rc == EXIT_TROUBLE ? rc : finish(rc);
}

const cli_cmd map_apply_cmd = {
	.name = "kll-map apply",
	.summary = "recode a column of a CSV/TSV data file through a key",
	.run = apply,
	.operands = { "[data.csv|-]" },
	.about =
	    "Recode column n (1-based) or name of a CSV or TSV table through the\n"
	    "key: each code of the key's subject vocabulary becomes its targets in\n"
	    "the object vocabulary.  The table streams (stdin when no file is\n"
	    "given) and comes out in the same dialect: the same separator, quotes\n"
	    "only where a field needs them, LF line ends, the header kept.\n"
	    "Codes match loosely when the subject vocabulary can be loaded\n"
	    "(\"110\" is 0110, \"01110\" is 01.110), else exactly as the key's\n"
	    "CURIEs end.  Targets are written as the object vocabulary's\n"
	    "notations, else as the CURIEs end.\n",
	.opts = options,
	.args = { 0, 1, "apply takes one data file" },
	.after =
	    "The report on stderr names each code with no target and each with\n"
	    "several, with its number of rows, then the totals and the policies.\n"
	    "A byte that is not valid in the table's encoding is an error in the\n"
	    "column recoded; in any other column it passes unchanged, with a\n"
	    "warning for each of the first 10 rows and a count of the others.\n"
	    "The output header is written once the first record is recoded, and\n"
	    "never names a column twice.  A byte-order mark of UTF-16 or UTF-32\n"
	    "decides the encoding when --encoding is not given.\n"
	    "\n"
	    "Exit status: 0 done, 2 a file could not be read or written, a row\n"
	    "has no such column, --multi=fail or --unmapped=fail met a code, or a\n"
	    "usage error.\n",
	.rules = "sssom- limit- encoding- apply-",
};
