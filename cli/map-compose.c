/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map-compose.c: kll-map compose, a key A to C from keys A to B and B to
 * C, with kll's predicate algebra and the pivot of each record. */
#include <string.h>

#include "cli.h"

typedef struct args {
	kll_compose_opts co;
	cli_list meta;
	const char *output;
	int quiet;
} args;

enum { OPT_FORCE = 256, OPT_META };

#define SET(m) CLI_SET(args, m)

static const cli_opt options[] = {
	{ "quiet", 'q', NULL, "no summary on stderr", .usage = CLI_U1,
	    .set = SET(quiet) },
	{ "vocab-path", 'L', "dirs",
	    "folders in which to resolve the two pivot sources, when they name "
	    "one vocabulary in two ways",
	    .usage = CLI_U1, .set = SET(co.dirs) },
	CLI_OPT_OUTPUT(CLI_U1, SET(output)),
	CLI_OPT_PRIVATE,
	{ "id", 'i', "id",
	    "mapping_set_id of the result (default: the first key's, '+', the "
	    "last segment of the second's)",
	    .usage = CLI_U1, .set = SET(co.mapping_set_id) },
	{ "license", CLI_AUTO, "IRI",
	    "licence of the result; needed when the keys' licences differ",
	    .usage = CLI_U1, .set = SET(co.license) },
	{ "force", OPT_FORCE, NULL,
	    "compose keys that do not meet (A-B's object_source or its version "
	    "is not B-C's subject_source or its version); and replace -o file "
	    "even when it has other hard links, or write to the file it links "
	    "to",
	    .usage = CLI_U1 },
	{ "pivot-check", CLI_AUTO, NULL,
	    "report each record of A-B whose object is no subject of B-C; exit "
	    "1 when there is one",
	    .usage = CLI_U1, .set = SET(co.pivot_check) },
	{ "strict", CLI_AUTO, NULL,
	    "keep only the chains the algebra gives a predicate; drop the "
	    "weakened ones",
	    .set = SET(co.strict) },
	{ "siblings", CLI_AUTO, NULL,
	    "with --strict, keep broad then narrow (a and c in one b) as "
	    "weakened relatedMatch",
	    .set = SET(co.siblings) },
	{ "meta", OPT_META, "slot=value",
	    "set a metadata slot of the result (e.g. mapping_set_title=...); "
	    "repeatable",
	    .usage = CLI_U1 },
	CLI_OPT_FROM,
	CLI_OPT_HELP,
	{ NULL },
};

static int
on_option(void *ctx, int key, char *arg)
{
	args *a = ctx;

	switch (key) {
	case OPT_FORCE: /* both refusals: keys that do not meet, and an
	                   output with other links */
		a->co.force = 1;
		output_flags |= OFILE_FORCE;
		break;
	case OPT_META:
		return push_meta(&a->meta, arg);
	}
	return 0;
}

static void
summary(const kll_compose_stats *s, const char *ab, const char *bc)
{
	fprintf(stderr, "%s: %zu %s from %zu %s", progname, s->records,
	    plural(s->records, "record", "records"), s->chains,
	    plural(s->chains, "chain", "chains"));
	if (s->split > 0)
		fprintf(stderr, ", %zu through a split", s->split);
	if (s->weakened > 0)
		fprintf(stderr, "; %zu %s to relatedMatch", s->weakened,
		    plural(s->weakened, "chain weakened", "chains weakened"));
	if (s->unsafe > 0)
		fprintf(stderr, "; %zu %s no safe predicate, dropped",
		    s->unsafe, plural(s->unsafe, "chain has", "chains have"));
	if (s->negated > 0)
		fprintf(stderr, " (%zu for a negation)", s->negated);
	if (s->no_pivot > 0)
		fprintf(stderr, "; %zu %s of %s %s no pivot in %s", s->no_pivot,
		    plural(s->no_pivot, "record", "records"), ab,
		    plural(s->no_pivot, "has", "have"), bc);
	if (s->unreached > 0)
		fprintf(stderr, "; %zu %s nothing", s->unreached,
		    plural(s->unreached, "subject reaches", "subjects reach"));
	fputc('\n', stderr);
}

static int
compose(kll_mapset *ab, kll_mapset *bc, kll_compose_opts *co,
    const cli_list *meta, const char *output, int quiet)
{
	kll_compose_stats stats;
	kll_mapset *out = NULL;
	kll_error err;
	int rc = EXIT_TROUBLE;
	size_t i;

	if (kll_mapset_compose(&out, ab, bc, co, &stats, &err) != KLL_OK) {
		/* Each record that refuses a key has been shown. */
		if (strcmp(err.rule, "map-bad-predicate") == 0 ||
		    strcmp(err.rule, "compose-unknown-predicate") == 0) {
			errmsg("%s: not composed: predicates that kll cannot "
			       "compose",
			    err.file);
			return EXIT_TROUBLE;
		}
		report(&err);
		if (strcmp(err.rule, "compose-no-meet") == 0)
			errmsg("give --force to compose them anyway");
		else if (strcmp(err.rule, "compose-license") == 0)
			errmsg("name the licence of the result with --license");
		return EXIT_TROUBLE;
	}
	for (i = 0; i < meta->n; i++)
		if (set_meta(out, meta->v[i]) < 0)
			goto out;
	if (write_mapset(out, output) < 0)
		goto out;
	if (!quiet)
		summary(&stats, kll_mapset_path(ab), kll_mapset_path(bc));
	rc = co->pivot_check && stats.no_pivot > 0 ? EXIT_FOUND : EXIT_OK;
out:
	kll_mapset_free(out);
	return rc;
}

static int
run(int argc, char **argv)
{
	static args a;
	kll_mapset *ab = NULL, *bc = NULL;
	int rc;

	memset(&a, 0, sizeof(a));
	a.co = (kll_compose_opts)KLL_COMPOSE_OPTS_INIT;
	a.co.diag = diag_stderr;
	if ((rc = cli_parse(&map_compose_cmd, argc, argv, on_option, &a)) !=
	    CLI_GO)
		return rc;
	rc = EXIT_TROUBLE;
	if (strcmp(argv[optind], "-") == 0 &&
	    strcmp(argv[optind + 1], "-") == 0)
		return usage_error("only one key can be stdin");
	if ((ab = read_key(argv[optind], NULL, NULL, "composed")) != NULL &&
	    (bc = read_key(argv[optind + 1], NULL, NULL, "composed")) != NULL)
		rc = compose(ab, bc, &a.co, &a.meta, a.output, a.quiet);
	kll_mapset_free(ab);
	kll_mapset_free(bc);
	/* After trouble, its message says it all, a write error too. */
	return rc == EXIT_TROUBLE ? rc : finish(rc);
}

const cli_cmd map_compose_cmd = {
	.name = "kll-map compose",
	.summary = "A to C from keys A to B and B to C",
	.run = run,
	.operands = { "[--strict [--siblings]] a-b.sssom.tsv b-c.sssom.tsv" },
	.about =
	    "Compose key A to B with key B to C into key A to C: a record a->c\n"
	    "for each a->b and b->c with the same b, its predicate from the\n"
	    "algebra below, justified by semapv:MappingChaining, its confidence\n"
	    "the product of the two (a missing one counts as 1), and the pivot in\n"
	    "its comment (\"via B\", \"; through a split of X\" when a has several\n"
	    "b or b several c).  A chain the algebra gives no predicate ('-'\n"
	    "below) is kept as relatedMatch, weakened: its confidence times 0.5,\n"
	    "\"; weakened: P then Q\" in its comment.  A negation that cannot\n"
	    "carry gives nothing.  A key with a predicate outside the algebra is\n"
	    "refused.  The result is canonical SSSOM/TSV.\n",
	.opts = options,
	.args = { 2, 2, "compose takes two keys" },
	.after =
	    "Predicate of a->c from a->b (rows) and b->c (columns); '-' is\n"
	    "weakened relatedMatch (none with --strict); equivalentClass and\n"
	    "sameAs act as exact, subClassOf as broad, when mixed with SKOS:\n"
	    "           exact    close    broad    narrow   related\n"
	    "  exact    exact    close    broad    narrow   related\n"
	    "  close    close    close    broad    narrow   related\n"
	    "  broad    broad    broad    broad    -(1)     -\n"
	    "  narrow   narrow   narrow   related  narrow   -\n"
	    "  related  related  related  -        -        -\n"
	    "  (1) kept by --strict --siblings.  A Not on one side composes only\n"
	    "  with exact on the other, and gives Not; else nothing.\n"
	    "\n"
	    "Exit status: 0 done, 1 --pivot-check found chains that break, 2 the\n"
	    "keys could not be read or composed, or a usage error.\n",
	.rules = "sssom- limit- compose- map-bad-predicate",
};
