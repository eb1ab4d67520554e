/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* vocab-check.c: kll-vocab check, the quality rules of kll_vocab_check()
 * on each vocabulary named.  Findings are diagnostics, in the format of
 * --format (diag.c). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct opts {
	const char *dirs;
	const char *syntax;
	const char *langs[32];
	size_t nlangs;
	int quiet;
	diag_sink d;
} opts;

/* What the sink counts over all vocabularies. */
typedef struct tally {
	opts *o;
	size_t checked; /* vocabularies that could be read */
} tally;

static const cli_opt options[] = {
	CHECK_OPTIONS(opts, "kll-vocab: FILE: SEVERITY: MESSAGE [RULE]", ""),
	{ "lang", 'l', "langs",
	    "languages in which every concept needs a prefLabel, "
	    "comma-separated (sv,en); \"en\" also accepts en-GB; default: any "
	    "language",
	    .usage = CLI_U1 },
	{ "syntax", CLI_AUTO, "name",
	    "RDF syntax of the vocabulary files (turtle, rdfxml, ntriples); "
	    "default: guessed",
	    .usage = CLI_U1, .set = CLI_SET(opts, syntax) },
	CLI_OPT_HELP,
	{ NULL },
};

static int
parse_langs(opts *o, char *arg)
{
	int n, i;

	n = split_list(
	    arg, o->langs, (int)(sizeof(o->langs) / sizeof(o->langs[0])));
	if (n < 0)
		return usage_error("too many languages in --lang");
	for (i = 0; i < n; i++)
		if (!kll_lang_ok(o->langs[i]))
			return usage_error(
			    "bad language tag '%s'", o->langs[i]);
	o->nlangs = (size_t)n;
	return 0;
}

static int
on_option(void *ctx, int key, char *arg)
{
	opts *o = ctx;

	if (key == 'l')
		return parse_langs(o, arg);
	return check_option(&o->d, key, arg);
}

static void
on_finding(void *payload, const kll_error *d)
{
	tally *t = payload;

	diag_emit(&t->o->d, d);
}

/* Check one vocabulary; returns its exit status. */
static int
check_one(void *ctx, const char *name)
{
	tally *t = ctx;
	opts *o = t->o;
	kll_check_opts co = KLL_CHECK_OPTS_INIT;
	kll_vocab *v;
	kll_error err;
	size_t nerrors = 0; /* the sink counts them, after --ignore */
	int rc = EXIT_OK;

	if ((v = open_vocab(name, o->dirs, o->syntax)) == NULL)
		return EXIT_TROUBLE;
	t->checked++;
	co.langs = o->langs;
	co.nlangs = o->nlangs;
	co.diag = on_finding;
	co.payload = t;
	if (kll_vocab_check(v, &co, &nerrors, &err) != KLL_OK) {
		report(&err);
		rc = EXIT_TROUBLE;
	}
	kll_vocab_free(v);
	return rc;
}

static int
run(int argc, char **argv)
{
	opts o;
	tally t;
	int rc;

	memset(&o, 0, sizeof(o));
	diag_init(&o.d, &vocab_check_cmd);
	if ((rc = cli_parse(&vocab_check_cmd, argc, argv, on_option, &o)) !=
	    CLI_GO)
		return rc;
	memset(&t, 0, sizeof(t));
	t.o = &o;
	report_sink = &o.d;
	rc = diag_end(&o.d, cli_each(argc, argv, check_one, &t));
	/* After a file that could not be read and nothing else, its message
	 * says it all. */
	if (!o.quiet && t.checked > 0)
		print_tally(o.d.shown, t.checked, "vocabulary", "vocabularies");
	return finish(rc);
}

const cli_cmd vocab_check_cmd = {
	.name = "kll-vocab check",
	.summary = "quality rules on vocabularies, one line per finding",
	.run = run,
	.operands = { "vocab ..." },
	.about =
	    "Check each vocabulary against the rules below and report every\n"
	    "finding at or above the severity threshold.\n",
	.opts = options,
	.args = { 1, 0, "check takes one or more vocabularies" },
	.after =
	    "Exit status: 0 no finding reported of severity error (or warning,\n"
	    "with --fail-on=warning), 1 some, 2 a vocabulary could not be read\n"
	    "(the others are still checked) or a usage error.\n"
	    "\n"
	    "The rules come in the order their findings come out.\n",
	.table = kll_check_rule_at,
	.rules = "input-",
};
