/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map-import.c: kll-map import, a key table to SSSOM/TSV. */
#include <string.h>

#include "cli.h"

typedef struct args {
	map_args m;
	kll_mapimport_opts o;
} args;

enum { OPT_ENCODING = 256 };

static const cli_opt options[] = {
	MAP_SIDE_OPTIONS(args, o, "required"),
	{ "predicate-column", CLI_AUTO, "C",
	    "a CURIE or exact, close, broad, narrow, related (or exactMatch "
	    "..., =, <, >, ~) per row",
	    .set = CLI_SET(args, o.predicate_column) },
	{ "comment-column", CLI_AUTO, "C", "a note per row",
	    .set = CLI_SET(args, o.comment_column) },
	MAP_SET_OPTIONS(args, o, "semapv:ManualMappingCuration"),
	{ "encoding", OPT_ENCODING, "NAME",
	    "the table's encoding: utf-8 (the default), windows-1252, "
	    "iso-8859-1, utf-16 (with a byte-order mark) or any name iconv "
	    "knows" },
	CLI_OPT_HELP,
	{ NULL },
};

static int
on_option(void *ctx, int key, char *arg)
{
	args *a = ctx;

	if (key == OPT_ENCODING)
		return parse_encoding(arg, &a->o.encoding);
	return map_option(&a->m, &a->o, key, arg);
}

static int
run(int argc, char **argv)
{
	static args a;
	kll_mapset *m = NULL;
	int rc = EXIT_TROUBLE;
	kll_error err;

	memset(&a, 0, sizeof(a));
	a.o = (kll_mapimport_opts)KLL_MAPIMPORT_OPTS_INIT;
	if ((rc = cli_parse(&map_import_cmd, argc, argv, on_option, &a)) !=
	    CLI_GO)
		return rc;
	rc = EXIT_TROUBLE;
	if (a.o.subject_vocab == NULL || a.o.object_vocab == NULL)
		return usage_error("name both vocabularies with -s and -t");
	map_args_done(&a.m, &a.o);
	if (kll_mapset_import(&m, argv[optind], &a.o, &err) != KLL_OK) {
		/* The table's problems went to the sink. */
		if (err.code != KLL_EINVALID || err.rule[0] == '\0')
			report_table_error(&err);
		return EXIT_TROUBLE;
	}
	if (write_mapset(m, a.m.output) < 0)
		goto out;
	if (!a.m.quiet && a.m.output != NULL)
		fprintf(stderr, "%s: %s: %zu mappings\n", progname, a.m.output,
		    kll_mapset_count(m));
	rc = finish(EXIT_OK);
out:
	kll_mapset_free(m);
	return rc;
}

const cli_cmd map_import_cmd = {
	.name = "kll-map import",
	.summary = "an SCB- or Eurostat-style key table to SSSOM/TSV",
	.run = run,
	.operands = { "[options] table.csv" },
	.about =
	    "Turn a key table (CSV or TSV with a header: a subject code and an\n"
	    "object code per row, maybe a relation and a note) into a canonical\n"
	    "SSSOM/TSV mapping set.  Codes are looked up in the two vocabularies,\n"
	    "forgiving dropped leading zeros and punctuation, and written as the\n"
	    "vocabularies write them.  Without a relation column the predicate\n"
	    "comes from the shape of the key: exactMatch for a pair alone on both\n"
	    "sides, narrowMatch when the subject has several objects, broadMatch\n"
	    "when the object has several subjects, relatedMatch when both have.\n"
	    "Every problem is reported and nothing is written unless there is none.\n"
	    "The table is UTF-8 unless --encoding says otherwise or it starts with\n"
	    "the byte-order mark of UTF-16 or UTF-32.\n",
	.opts = options,
	.args = { 1, 1, "import takes one table" },
	.rules = "limit- encoding- map-separator map-unknown-column map-columns "
	         "map-no-subject map-unknown-subject map-unknown-object "
	         "map-bad-predicate map-duplicate-row",
};
