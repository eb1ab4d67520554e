/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map-invert.c: kll-map invert, a key read the other way round. */
#include <string.h>

#include "cli.h"

static int
invert(const char *path, const char *output, int quiet)
{
	kll_mapset *m;
	kll_error err;
	int rc = EXIT_TROUBLE;

	if ((m = read_key(path, NULL, NULL, "inverted")) == NULL)
		return EXIT_TROUBLE;
	if (kll_mapset_invert(m, diag_stderr, NULL, &err) != KLL_OK) {
		/* Each record without an inverse has been shown. */
		if (err.code != KLL_EINVALID)
			report(&err);
		goto out;
	}
	if (write_mapset(m, output) < 0)
		goto out;
	if (!quiet && output != NULL)
		fprintf(stderr, "%s: %s: %zu records\n", progname, output,
		    kll_mapset_count(m));
	rc = EXIT_OK;
out:
	kll_mapset_free(m);
	return rc;
}

typedef struct opts {
	const char *output;
	int quiet;
} opts;

static const cli_opt options[] = {
	{ "quiet", 'q', NULL, "no summary on stderr", .usage = CLI_U1,
	    .set = CLI_SET(opts, quiet) },
	CLI_OPT_OUTPUT(CLI_U1, CLI_SET(opts, output)),
	CLI_OPT_PRIVATE,
	CLI_OPT_FORCE,
	CLI_OPT_FROM,
	CLI_OPT_HELP,
	{ NULL },
};

static int
run(int argc, char **argv)
{
	opts o = { NULL, 0 };
	int rc;

	if ((rc = cli_parse(&map_invert_cmd, argc, argv, NULL, &o)) != CLI_GO)
		return rc;
	/* After trouble, its message says it all, a write error too. */
	rc = invert(argv[optind], o.output, o.quiet);
	return rc == EXIT_TROUBLE ? rc : finish(rc);
}

const cli_cmd map_invert_cmd = {
	.name = "kll-map invert",
	.summary = "swap the sides of a key",
	.run = run,
	.operands = { "key.sssom.tsv" },
	.about =
	    "Write the key with its sides swapped (ids, labels, categories, types,\n"
	    "sources and their versions, match fields, preprocessing), each\n"
	    "predicate replaced by its inverse (broadMatch and narrowMatch swap;\n"
	    "exactMatch, closeMatch, relatedMatch, owl:equivalentClass and\n"
	    "owl:sameAs stay) and each cardinality turned round (1:n and n:1).\n"
	    "Everything else stays: the inverse says the same.  Inverting twice\n"
	    "gives the same bytes.  A predicate with no inverse among the SSSOM\n"
	    "predicates (rdfs:subClassOf, and any kll does not know) is an error.\n",
	.opts = options,
	.args = { 1, 1, "invert takes one key" },
	.after =
	    "Exit status: 0 done, 2 the key could not be read or inverted, "
	    "or a\nusage error.\n",
	.rules = "sssom- limit- map-bad-predicate invert-no-inverse",
};
