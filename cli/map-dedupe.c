/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map-dedupe.c: kll-map dedupe, one record per subject-object pair. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

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
	CLI_OPT_HELP,
	{ NULL },
};

static int
dedupe(const opts *o, const char *path)
{
	kll_mapset *m, *out = NULL;
	kll_dedupe_stats st;
	unsigned char *keep = NULL;
	kll_error err;
	int rc = EXIT_TROUBLE;

	if ((m = read_key(path, NULL, NULL, "deduplicated")) == NULL)
		return EXIT_TROUBLE;
	if ((keep = malloc(kll_mapset_count(m) + 1)) == NULL) {
		errmsg("out of memory");
		goto out;
	}
	if (kll_mapset_dedupe(keep, m, diag_stderr, NULL, &st, &err) !=
	    KLL_OK) {
		if (err.code != KLL_EINVALID)
			report(&err);
		else {
			errmsg("%s: not deduplicated", kll_mapset_path(m));
			rc = EXIT_FOUND;
		}
		goto out;
	}
	if (kll_mapset_subset(&out, m, keep, &err) != KLL_OK) {
		report(&err);
		goto out;
	}
	if (write_mapset(out, o->output) < 0)
		goto out;
	if (!o->quiet)
		errmsg("%s: %zu of %zu %s left out, of %zu %s with several",
		    kll_mapset_path(m), st.dropped, kll_mapset_count(m),
		    plural(kll_mapset_count(m), "record", "records"), st.pairs,
		    plural(st.pairs, "pair", "pairs"));
	rc = EXIT_OK;
out:
	free(keep);
	kll_mapset_free(out);
	kll_mapset_free(m);
	return rc;
}

static int
run(int argc, char **argv)
{
	opts o = { NULL, 0 };
	int rc;

	if ((rc = cli_parse(&map_dedupe_cmd, argc, argv, NULL, &o)) != CLI_GO)
		return rc;
	rc = dedupe(&o, argv[optind]);
	return rc == EXIT_TROUBLE ? rc : finish(rc);
}

const cli_cmd map_dedupe_cmd = {
	.name = "kll-map dedupe",
	.summary = "one record per subject-object pair",
	.run = run,
	.operands = { "key.sssom.tsv" },
	.about =
	    "Write the key with one record for each pair of subject and object\n"
	    "(compared as IRIs): the one with the most specific predicate, then\n"
	    "the highest confidence (none stated counts as 1), then the first in\n"
	    "the file.  From the most specific: exactMatch (owl:equivalentClass,\n"
	    "owl:equivalentProperty, owl:sameAs); broadMatch or narrowMatch\n"
	    "(rdfs:subClassOf, rdfs:subPropertyOf); closeMatch; relatedMatch;\n"
	    "skos:mappingRelation.  A record with the modifier Not is kept apart,\n"
	    "one for each negated predicate.  A pair that kll-map check calls a\n"
	    "contradiction (two of exact, broad, narrow and related, or a\n"
	    "predicate beside its Not), or with a predicate outside that order\n"
	    "beside another predicate, is an error, and nothing is written.\n",
	.opts = options,
	.args = { 1, 1, "dedupe takes one key" },
	.after =
	    "Exit status: 0 written, 1 some pair cannot be deduplicated, 2 "
	    "the key could\nnot be read or written, or a usage error.\n",
	.rules = "sssom- limit- map-contradiction map-dedupe-unranked",
};
