/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map-report.c: kll-map report, the HTML page of one key, as kll-publish
 * writes it into a published folder, alone. */
#include <string.h>

#include "cli.h"

typedef struct opts {
	const char *dirs;
	const char *vocab[2];
	const char *output;
	int quiet;
} opts;

static const cli_opt options[] = {
	{ "quiet", 'q', NULL, "no notes on stderr", .usage = CLI_U1,
	    .set = CLI_SET(opts, quiet) },
	{ "vocab-path", 'L', "dirs", "folders to search for vocabularies first",
	    .usage = CLI_U1, .set = CLI_SET(opts, dirs) },
	CLI_OPT_OUTPUT(CLI_U1, CLI_SET(opts, output)),
	MAP_VOCAB_OPTIONS(opts),
	CLI_OPT_FROM,
	CLI_OPT_HELP,
	{ NULL },
};

static const char *const side_name[2] = { "subject", "object" };

/* The vocabulary of side k: 0, or -1 after a message.  A key that names
 * none gets a note and no coverage; one it names but that cannot be
 * read is an error. */
static int
side_vocab(const opts *o, kll_vocab_cache *vc, const kll_mapset *m, int k,
    const kll_vocab **v)
{
	const char *slot = k ? "object_source" : "subject_source";
	kll_error err;

	*v = NULL;
	if (o->vocab[k] != NULL) {
		if (kll_vocab_cache_open(v, vc, o->vocab[k], &err) == KLL_OK)
			return 0;
	} else if (kll_mapset_meta(m, slot) == NULL) {
		if (!o->quiet)
			errmsg("%s: no %s vocabulary (no %s): coverage left out",
			    kll_mapset_path(m), side_name[k], slot);
		return 0;
	} else {
		if (kll_vocab_cache_source(v, vc, m, slot, &err) == KLL_OK)
			return 0;
		errmsg("%s: %s: %s", kll_mapset_path(m), slot, err.msg);
		return -1;
	}
	report(&err);
	return -1;
}

static void
count_errors(void *payload, const kll_error *d)
{
	if (d->severity == KLL_SEV_ERROR)
		(*(size_t *)payload)++;
}

static int
run(int argc, char **argv)
{
	kll_sssom_opts so = KLL_SSSOM_OPTS_INIT;
	kll_vocab_cache *vc = NULL;
	kll_mapset *m = NULL;
	const kll_vocab *v[2] = { NULL, NULL };
	kll_error err;
	ofile of;
	size_t nerr = 0;
	opts o;
	int rc, k;

	memset(&o, 0, sizeof(o));
	if ((rc = cli_parse(&map_report_cmd, argc, argv, NULL, &o)) != CLI_GO)
		return rc;
	if (kll_vocab_cache_new(&vc, o.dirs, NULL, &err) != KLL_OK) {
		report(&err);
		return EXIT_TROUBLE;
	}
	so.diag = count_errors;
	so.payload = &nerr;
	rc = EXIT_TROUBLE;
	if (kll_mapset_load(&m, argv[optind], key_from, &so, NULL, &err) !=
	    KLL_OK) {
		report(&err);
		goto out;
	}
	if (nerr > 0 && !o.quiet)
		errmsg("%s: %zu %s in the key, shown as they are; 'kll-map "
		       "check' lists them",
		    kll_mapset_path(m), nerr, nerr == 1 ? "error" : "errors");
	for (k = 0; k < 2; k++)
		if (side_vocab(&o, vc, m, k, &v[k]) != 0)
			goto out;
	if (ofile_open(&of, o.output) != 0)
		goto out;
	if (kll_mapset_page(of.fp, m, v[0], v[1], 0, &err) != KLL_OK) {
		report(&err);
		ofile_abort(&of);
		goto out;
	}
	if (ofile_commit(&of) == 0)
		rc = EXIT_OK;
out:
	kll_mapset_free(m);
	kll_vocab_cache_free(vc);
	return finish(rc);
}

const cli_cmd map_report_cmd = {
	.name = "kll-map report",
	.summary = "an HTML page about a key",
	.run = run,
	.operands = { "key.sssom.tsv" },
	.about =
	    "Write one HTML page about a key (- is stdin): its metadata and\n"
	    "justification counts, coverage of each vocabulary by level,\n"
	    "cardinality classes, a heat map of the rows between the two\n"
	    "sides' top-level codes, the unmapped codes, the rows whose comment\n"
	    "marks them for review (a part between ';' that is 'review' or\n"
	    "begins 'review:') and all rows grouped by the subject's top-level\n"
	    "code.  The page is the one kll-publish writes per key: one file,\n"
	    "no script, nothing fetched.  The vocabularies come from\n"
	    "subject_source and object_source, or the options.\n",
	.opts = options,
	.args = { 1, 1, "report takes one key" },
	.after = "Exit status: 0 done, 2 the key or a vocabulary it names could\n"
	         "not be read, the page not written, or a usage error.\n",
	.rules = "sssom- limit-",
};
