/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* vocab-list.c: kll-vocab list, one line per concept. */
#include "cli.h"

enum { OPT_LEVEL = 256 };

static int
on_option(void *ctx, int key, char *arg)
{
	vocab_args *o = ctx;

	return key == OPT_LEVEL ? parse_level(arg, &o->level) : 0;
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
	if ((v = open_vocab(argv[first], o.dirs, o.syntax)) == NULL)
		return EXIT_TROUBLE;
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
	{ "level", OPT_LEVEL, "n", "list only the concepts on level n",
	    .usage = CLI_U1 },
	VOCAB_SYNTAX_OPTION,
	CLI_OPT_HELP,
	{ NULL },
};

const cli_cmd vocab_list_cmd = {
	.name = "kll-vocab list",
	.summary = "one line per concept: notation, TAB, prefLabel",
	.run = run,
	.operands = { "vocab" },
	.opts = options,
	.args = { 1, 1, "list takes one vocabulary" },
	.after = VOCAB_NAMES,
};
