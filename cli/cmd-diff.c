/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd-diff.c: kll-diff, what changed between two versions of a
 * vocabulary (and the key it implies, with --key: diff-vocab.c), or
 * between two mapping sets (diff-keys.c).  Exit status as diff(1): 0
 * the same, 1 different, 2 trouble. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum { OPT_LEVEL = 256, OPT_FORMAT, OPT_MINCONF, OPT_REVIEW };

#define SET(m) CLI_SET(diff_opts, m)

static const cli_opt options[] = {
	{ "key", 'k', NULL, "write the proposed key instead",
	    .usage = CLI_U2 | CLI_R2 | CLI_LONG, .set = SET(key) },
	{ "keys", CLI_AUTO, NULL, "the operands are mapping sets",
	    .usage = CLI_U3, .set = SET(keys) },
	{ "quiet", 'q', NULL, "print nothing; the exit status tells",
	    .usage = CLI_U1 | CLI_U3, .set = SET(quiet) },
	{ "vocab-path", 'L', "dirs",
	    "folders searched first for vocabulary ids",
	    .usage = CLI_U1 | CLI_U2, .set = SET(dirs) },
	{ "lang", 'l', "lang",
	    "the language of the labels shown and compared (default: sv "
	    "where a label in sv exists, else en, else any)",
	    .usage = CLI_U1 | CLI_U2 },
	{ "level", OPT_LEVEL, "n", "only changes (or key rows) of level n",
	    .usage = CLI_U1 | CLI_U2 },
	{ "format", OPT_FORMAT, "text|tsv|json",
	    "text (default), tsv (a header, then kind, level, old code, new "
	    "code, language, old, new) or json (JSON lines)",
	    .usage = CLI_U1 | CLI_U3 },
	{ "min-confidence", OPT_MINCONF, "x",
	    "propose no pair below x (default 0.35)", .usage = CLI_U2 },
	{ "review", OPT_REVIEW, "x",
	    "pairs below x are marked review and one-to-one ones are "
	    "closeMatch (default 0.6); so are near ties (a rival within 0.05) "
	    "and pairs not under their broader pair",
	    .usage = CLI_U2 },
	{ "new-items", CLI_AUTO, NULL,
	    "key rows for new concepts nothing reached",
	    .set = SET(new_items) },
	{ "label-lang", CLI_AUTO, "L",
	    "language of the labels in the key (default sv, else en)",
	    .set = SET(label_lang) },
	{ "license", CLI_AUTO, "iri", "license of the key", .usage = CLI_U2,
	    .set = SET(license) },
	{ "mapping-set-id", CLI_AUTO, "IRI", "mapping_set_id of the key",
	    .set = SET(set_id) },
	{ "title", CLI_AUTO, "TEXT", "mapping_set_title of the key",
	    .set = SET(title) },
	{ "syntax", CLI_AUTO, "NAME", "RDF syntax of vocabulary files",
	    .set = SET(syntax) },
	{ "output", 'o', "file",
	    "write to file (replaced only when complete) instead of stdout",
	    .usage = CLI_U1 | CLI_U2 | CLI_U3, .set = SET(output) },
	CLI_OPT_PRIVATE,
	CLI_OPT_FORCE,
	CLI_OPT_FROM,
	CLI_OPT_HELP,
	{ NULL },
};

static int
parse_unit(double *out, const char *name, const char *arg)
{
	char *end;
	double x = strtod(arg, &end);

	if (*arg == '\0' || *end != '\0' || !(x >= 0.0 && x <= 1.0))
		return usage_error(
		    "bad %s '%s': give a number from 0 to 1", name, arg);
	*out = x;
	return 0;
}

static int
parse_lang(diff_opts *o, char *arg)
{
	if (*arg == '\0')
		return usage_error("--lang needs a language");
	if (strchr(arg, ',') != NULL)
		return usage_error("--lang takes one language, not '%s'", arg);
	if (!kll_lang_ok(arg))
		return usage_error("bad language tag '%s'", arg);
	o->langs[0] = arg;
	o->nlangs = 1;
	return 0;
}

static int
on_option(void *ctx, int key, char *arg)
{
	static const char *const formats[] = { "text", "tsv", "json", NULL };
	diff_opts *o = ctx;

	switch (key) {
	case 'l':
		return parse_lang(o, arg);
	case OPT_LEVEL:
		return parse_level(arg, &o->level);
	case OPT_FORMAT:
		return parse_choice(arg, "format", formats, &o->format);
	case OPT_MINCONF:
		return parse_unit(&o->min_conf, "confidence", arg);
	case OPT_REVIEW:
		return parse_unit(&o->review, "review threshold", arg);
	}
	return 0;
}

static int
parse_opts(int argc, char **argv, diff_opts *o)
{
	int rc;

	memset(o, 0, sizeof(*o));
	if ((rc = cli_parse(&diff_cmd, argc, argv, on_option, o)) != CLI_GO)
		return rc;
	if (o->key && o->keys)
		return usage_error("--key compares vocabularies, not keys");
	if (o->key && o->quiet)
		return usage_error(
		    "--key writes a key; -q has nothing to silence");
	return CLI_GO;
}

/* ------------------------------------------------------------------ */
/* Which kind of input                                                  */

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Whether "path" holds a mapping set: named *.sssom.tsv, or a file that
 * opens with SSSOM metadata or an SSSOM header line. */
static int
is_sssom(const char *path)
{
	static const char *const keys[] = { "#curie_map:", "#mapping_set_id:",
		"#license:", "#subject_source:", "#object_source:",
		"#mapping_set_title:", "#sssom_version:", "subject_id\t" };
	char buf[4096];
	size_t n, i;
	FILE *fp;

	if (ends_with(path, ".sssom.tsv"))
		return 1;
	if (strcmp(path, "-") == 0 || ends_with(path, ".ttl") ||
	    ends_with(path, ".rdf") || ends_with(path, ".nt") ||
	    ends_with(path, ".owl") || ends_with(path, ".xml"))
		return 0;
	if ((fp = fopen(path, "rb")) == NULL)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strncmp(buf, keys[i], strlen(keys[i])) == 0 ||
		    (keys[i][0] != '#' && strstr(buf, keys[i]) != NULL))
			return 1;
	return 0;
}

int
cmd_diff(int argc, char **argv)
{
	diff_opts o;
	int first, ka, kb, rc;

	progname = "kll-diff";
	if ((rc = parse_opts(argc, argv, &o)) != CLI_GO)
		return rc;
	first = optind;
	ka = o.keys || is_sssom(argv[first]);
	kb = o.keys || is_sssom(argv[first + 1]);
	if (ka != kb)
		return usage_error(
		    "'%s' is a %s but '%s' is not: compare like with like",
		    ka ? argv[first] : argv[first + 1], "mapping set",
		    ka ? argv[first + 1] : argv[first]);
	if (ka && o.key)
		return usage_error("--key compares vocabularies, not keys");
	rc = ka ? diff_keys(&o, argv[first], argv[first + 1]) :
	          diff_vocabs(&o, argv[first], argv[first + 1]);
	/* After trouble, its message says it all, a write error too. */
	return rc == EXIT_TROUBLE ? rc : finish(rc);
}

const cli_cmd diff_cmd = {
	.name = "kll-diff",
	.operands = { "old new", "old new", "old.sssom.tsv new.sssom.tsv" },
	.about =
	    "Compare two versions of a vocabulary (files, ids or scheme IRIs):\n"
	    "codes added, removed and renumbered, kept codes relabelled or moved,\n"
	    "and, from labels and hierarchy together, content renumbered, split,\n"
	    "merged, regrouped, lost (no counterpart) and novel.  With --key,\n"
	    "write the key from old to new that this implies, as SSSOM/TSV.  Two\n"
	    "mapping sets (*.sssom.tsv, or --keys) are compared record by record,\n"
	    "paired by subject and object.\n",
	.opts = options,
	.args = { 2, 2, "give two versions to compare" },
	.after =
	    "Exit status: 0 no difference (or the key was written), 1 differences,\n"
	    "2 trouble (usage, an input that cannot be read, a write error).\n",
	.rules = "sssom- limit-",
};
