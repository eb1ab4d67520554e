/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* vocab-list.c: kll-vocab list, one line per concept; without a
 * vocabulary (and as "kll vocabs"), one line per vocabulary. */
#include "cli.h"

enum { OPT_LEVEL = 256 };

static int
on_option(void *ctx, int key, char *arg)
{
	vocab_args *o = ctx;

	return key == OPT_LEVEL ? parse_level(arg, &o->level) : 0;
}

/* One line per vocabulary of the search path: id, version, title.  A
 * file that does not load is reported, and the others still listed. */
static int
list_vocabs(const vocab_args *o)
{
	char **ids = NULL;
	const char *title;
	kll_vocab *v;
	kll_error err;
	size_t i;
	int rc = EXIT_OK;

	if (kll_vocab_ids(&ids, NULL, o->dirs, &err) != KLL_OK) {
		report(&err);
		return EXIT_TROUBLE;
	}
	for (i = 0; ids[i] != NULL; i++) {
		if ((v = open_vocab(ids[i], o->dirs, o->syntax)) == NULL) {
			rc = EXIT_TROUBLE;
			continue;
		}
		title = o->lang != NULL ? kll_vocab_title(v, o->lang) : "";
		if (!*title && !*(title = kll_vocab_title(v, "sv")) &&
		    !*(title = kll_vocab_title(v, "en")))
			title = kll_vocab_title(v, NULL);
		printf("%s\t%s\t", ids[i], kll_vocab_version(v));
		put_flat(stdout, title);
		putchar('\n');
		kll_vocab_free(v);
	}
	kll_vocab_ids_free(ids);
	return finish(rc);
}

/* A level the vocabulary does not have is an error that names those it
 * has. */
static int
level_ok(const kll_vocab *v, int level)
{
	int levels = kll_vocab_levels(v);

	if (level <= levels)
		return 1;
	if (levels == 0)
		errmsg("no level %d: %s has no levels", level, kll_vocab_id(v));
	else
		errmsg("no level %d: %s has levels 1 to %d", level,
		    kll_vocab_id(v), levels);
	return 0;
}

static int
run(int argc, char **argv)
{
	vocab_args o = { NULL };
	kll_vocab *v;
	size_t i, n;
	int first, rc;

	if ((rc = cli_parse(&vocab_list_cmd, argc, argv, on_option, &o)) !=
	    CLI_GO)
		return rc;
	first = optind;
	if (first == argc) {
		if (o.level != 0)
			return usage_error("--level needs a vocabulary");
		return list_vocabs(&o);
	}
	if ((v = open_vocab(argv[first], o.dirs, o.syntax)) == NULL)
		return EXIT_TROUBLE;
	if (!level_ok(v, o.level)) {
		kll_vocab_free(v);
		return EXIT_TROUBLE;
	}
	n = kll_vocab_count(v);
	for (i = 0; i < n; i++) {
		const kll_concept *c = kll_vocab_at(v, i);
		if (o.level == 0 || kll_concept_level(c) == o.level)
			print_line(c, o.lang);
	}
	kll_vocab_free(v);
	return finish(EXIT_OK);
}

static const cli_opt options[] = {
	VOCAB_PATH_OPTION,
	VOCAB_LANG_OPTION(""),
	{ "level", OPT_LEVEL, "n",
	    "list only the concepts on level n (an error when the vocabulary "
	    "has no such level)",
	    .usage = CLI_U1 },
	VOCAB_SYNTAX_OPTION,
	CLI_OPT_HELP,
	{ NULL },
};

const cli_cmd vocab_list_cmd = {
	.name = "kll-vocab list",
	.summary = "one line per concept: notation, TAB, prefLabel; without\n"
	           "           a vocab, one per vocabulary: id, version, title",
	.run = run,
	.operands = { "[vocab]" },
	.opts = options,
	.args = { 0, 1, "list takes at most one vocabulary" },
	.after = VOCAB_NAMES,
};

/* "kll vocabs": the vocabularies, as "kll-vocab list" without one. */
static const cli_opt vocabs_options[] = {
	VOCAB_PATH_OPTION,
	{ "lang", 'l', "lang",
	    "language of the titles (default: sv, else en, else any)",
	    .usage = CLI_U1, .set = CLI_SET(vocab_args, lang) },
	CLI_OPT_HELP,
	{ NULL },
};

static int
run_vocabs(int argc, char **argv)
{
	vocab_args o = { NULL };
	int rc;

	if ((rc = cli_parse(&vocabs_cmd, argc, argv, NULL, &o)) != CLI_GO)
		return rc;
	if (optind < argc)
		return usage_error("vocabs takes only -L and -l");
	return list_vocabs(&o);
}

const cli_cmd vocabs_cmd = {
	.name = "kll vocabs",
	.summary = "the vocabularies on the search path: id, version, title",
	.run = run_vocabs,
	.about = "The vocabularies of the search path, one line each: id, "
	         "TAB, version,\nTAB, title; as 'kll-vocab list' without a "
	         "vocab.\n",
	.opts = vocabs_options,
};

int
vocab_list_ids(int argc, char **argv)
{
	progname = "kll";
	return run_vocabs(argc, argv);
}
