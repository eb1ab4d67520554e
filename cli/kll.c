/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* kll.c: "kll CMD ARGS" runs the command CMD, as git does. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const struct command {
	const char *name;
	int (*fn)(int, char **);
	const char *help;
} commands[] = {
	{ "vocab", cmd_vocab,
	    "import, check, show, list and search vocabularies" },
	{ "vocabs", vocab_list_ids,
	    "the vocabularies on the search path: id, version, title" },
	{ "map", cmd_map,
	    "import, learn, check, stats, compose, invert, apply and export keys" },
	{ "publish", cmd_publish,
	    "a folder of dumps and its catalog for dataportal.se" },
	{ "diff", cmd_diff, "what changed between two versions, and the key" },
	{ "store", cmd_store,
	    "load, sync, list and drop graphs of a shared triple store" },
	{ "query", cmd_query, "SPARQL over the store, or over files" },
};

static void
help(FILE *fp)
{
	size_t i;

	fprintf(fp, "usage: kll [--version] [--help] command [args ...]\n\n"
	            "Translation keys between classifications.  Commands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(fp, "  %-9s %s\n", commands[i].name, commands[i].help);
	fprintf(fp, "\n'kll CMD --help' tells more; 'kll CMD' is 'kll-CMD'.\n");
}

int
main(int argc, char **argv)
{
	char prog[64];
	const char *name;
	size_t i;

	progname = "kll";
	if (argc < 2) {
		help(stderr);
		return EXIT_TROUBLE;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		help(stdout);
		return finish(EXIT_OK);
	}
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
		printf("kll %s\n", KLL_VERSION);
		return finish(EXIT_OK);
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	name = argv[1];
	if (name[0] != '-' && strchr(name, '/') == NULL &&
	    snprintf(prog, sizeof(prog), "kll-%s", name) < (int)sizeof(prog)) {
		argv[1] = prog;
		execvp(prog, argv + 1);
		if (errno != ENOENT) {
			errmsg("cannot run '%s': %s", prog, strerror(errno));
			return EXIT_TROUBLE;
		}
	}
	fprintf(stderr, "kll: '%s' is not a kll command. See 'kll --help'.\n",
	    name);
	return EXIT_TROUBLE;
}
