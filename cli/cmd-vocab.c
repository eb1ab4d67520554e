/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd-vocab.c: kll-vocab, whose subcommands live in cli/vocab-*.c. */
#include "cli.h"

static const cli_cmd *const subs[] = { &vocab_import_cmd, &vocab_check_cmd,
	&vocab_show_cmd, &vocab_list_cmd, &vocab_search_cmd, &vocab_info_cmd,
	NULL };

const cli_cmd vocab_cmd = {
	.name = "kll-vocab",
	.after =
	    "A vocabulary is a file (- for stdin), a short id such as "
	    "ssyk-2012, or\n"
	    "a scheme IRI; ids are looked up in DIRS (-L), then $KLL_PATH, "
	    "then the\n"
	    "installed vocabularies.  'kll-vocab SUBCOMMAND --help' "
	    "describes each.\n",
	.subs = subs,
};

int
cmd_vocab(int argc, char **argv)
{
	progname = "kll-vocab";
	return cli_dispatch(&vocab_cmd, argc, argv);
}
