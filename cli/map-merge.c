/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map-merge.c: kll-map merge, several keys as one. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum { OPT_PREFER = 256, OPT_PREFER_META };

typedef struct opts {
	const char *output;
	int quiet, have_meta;
	kll_merge_opts mo;
} opts;

static const cli_opt options[] = {
	{ "prefer", OPT_PREFER, "first|last|highest-confidence",
	    "which of two records of one mapping that differ in other slots to "
	    "keep (default: neither, an error); first and last decide set "
	    "slots too, unless --prefer-meta",
	    .usage = CLI_U1 },
	{ "prefer-meta", OPT_PREFER_META, "first|last",
	    "which of two values of a set slot to keep (default: neither, an "
	    "error)",
	    .usage = CLI_U1 },
	{ "quiet", 'q', NULL, "no summary on stderr", .usage = CLI_U1,
	    .set = CLI_SET(opts, quiet) },
	CLI_OPT_OUTPUT(CLI_U1, CLI_SET(opts, output)),
	CLI_OPT_PRIVATE,
	CLI_OPT_FORCE,
	CLI_OPT_HELP,
	{ NULL },
};

static int
on_option(void *ctx, int key, char *arg)
{
	static const char *const rows[] = { "first", "last",
		"highest-confidence", NULL };
	static const char *const meta[] = { "first", "last", NULL };
	opts *o = ctx;
	int i;

	switch (key) {
	case OPT_PREFER:
		if (parse_choice(arg, "preference", rows, &i) != 0)
			return EXIT_TROUBLE;
		o->mo.rows = (kll_prefer)(i + 1);
		if (!o->have_meta)
			o->mo.meta =
			    i < 2 ? (kll_prefer)(i + 1) : KLL_PREFER_NONE;
		break;
	case OPT_PREFER_META:
		if (parse_choice(arg, "preference", meta, &i) != 0)
			return EXIT_TROUBLE;
		o->mo.meta = (kll_prefer)(i + 1);
		o->have_meta = 1;
		break;
	}
	return 0;
}

static int
merge(opts *o, char **paths, size_t n)
{
	kll_mapset **keys;
	kll_merge_stats st;
	kll_error err;
	size_t i;
	int rc = EXIT_TROUBLE;

	if ((keys = calloc(n, sizeof(*keys))) == NULL) {
		errmsg("out of memory");
		return EXIT_TROUBLE;
	}
	for (i = 0; i < n; i++)
		if ((keys[i] = read_key(paths[i], NULL, NULL, "merged")) ==
		    NULL)
			goto out;
	o->mo.diag = diag_stderr;
	if (kll_mapset_merge(keys, n, &o->mo, &st, &err) != KLL_OK) {
		if (err.code != KLL_EINVALID)
			report(&err);
		else {
			errmsg("the keys conflict: not merged");
			rc = EXIT_FOUND;
		}
		goto out;
	}
	if (write_mapset(keys[0], o->output) < 0)
		goto out;
	if (!o->quiet)
		errmsg("%zu keys: %zu records (%zu added, %zu the same, %zu "
		       "resolved; %zu set %s resolved)",
		    n, kll_mapset_count(keys[0]), st.added, st.same,
		    st.resolved, st.meta, plural(st.meta, "slot", "slots"));
	rc = EXIT_OK;
out:
	for (i = 0; i < n; i++)
		kll_mapset_free(keys[i]);
	free(keys);
	return rc;
}

static int
run(int argc, char **argv)
{
	opts o;
	int rc, i, stdin_seen = 0;

	memset(&o, 0, sizeof(o));
	if ((rc = cli_parse(&map_merge_cmd, argc, argv, on_option, &o)) !=
	    CLI_GO)
		return rc;
	for (i = optind; i < argc; i++)
		if (strcmp(argv[i], "-") == 0 && stdin_seen++)
			return usage_error("standard input can be read once");
	rc = merge(&o, argv + optind, (size_t)(argc - optind));
	return rc == EXIT_TROUBLE ? rc : finish(rc);
}

const cli_cmd map_merge_cmd = {
	.name = "kll-map merge",
	.summary = "several keys as one",
	.run = run,
	.operands = { "key.sssom.tsv key.sssom.tsv ..." },
	.about =
	    "Write the keys as one key: the records of the first, then those of\n"
	    "the others that it lacks.  Records are one mapping when subject,\n"
	    "predicate and object name the same IRIs and the modifier (Not) is the\n"
	    "same; such records that agree in every other slot are written once,\n"
	    "and those that differ (confidence, justification, comment, ...) are\n"
	    "an error, each named with both places, unless --prefer decides.  The\n"
	    "set's slots are kept when the keys agree or one has none; two values\n"
	    "are an error naming the slot and both files, unless --prefer-meta\n"
	    "(or --prefer first or last) decides.  Slots the records carry\n"
	    "(subject_source, mapping_tool, ...) stay on the records.\n"
	    "The curie_maps are joined; a prefix bound to two IRIs is an error.\n"
	    "Non-standard metadata and extension definitions come from the first\n"
	    "key; every non-standard column is kept.\n",
	.opts = options,
	.args = { 2, 0, "merge takes two keys or more" },
	.after =
	    "Exit status: 0 written, 1 the keys conflict, 2 a key could not "
	    "be read or\nwritten, or a usage error.\n",
	.rules = "sssom- limit- map-merge-",
};
