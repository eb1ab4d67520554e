/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd-map.c: kll-map, whose subcommands live in cli/map-*.c. */
#include <string.h>

#include "cli.h"

static const char usage_text[] =
    "usage: kll-map import -s vocab -t vocab [-q] [-o file] [-L dirs]\n"
    "           [--subject-column=col] [--object-column=col] [options] "
    "table.csv\n"
    "       kll-map check [-q] [-L dirs] [--format=text|json] "
    "[--severity=info|warning|error]\n"
    "           [--subject-vocab=V] [--object-vocab=V] [--levels=S:O] "
    "key.sssom.tsv ...\n"
    "       kll-map stats [-q] [-L dirs] [--format=text|tsv] "
    "[--subject-vocab=V]\n"
    "           [--object-vocab=V] key.sssom.tsv ...\n"
    "       kll-map compose [-q] [-L dirs] [-o file] [-i id] "
    "[--license=IRI] [--force]\n"
    "           [--pivot-check] [--siblings] [--meta=slot=value]\n"
    "           a-b.sssom.tsv b-c.sssom.tsv\n"
    "       kll-map invert [-q] [-o file] key.sssom.tsv\n"
    "       kll-map apply -k key.sssom.tsv -c n|name [-q] [-L dirs] "
    "[-o file] [--no-header]\n"
    "           [--keep] [--output-name=NAME] [--multi=all|first|fail]\n"
    "           [--unmapped=keep|empty|fail] [--predicates=LIST] "
    "[data.csv|-]\n"
    "       kll-map export --to=skos|sssom-rdf|xkos [-q] [-o file] "
    "[-L dirs]\n"
    "           [--syntax=name] [--lang=lang] [--meta=slot=value] "
    "key.sssom.tsv\n"
    "       kll-map learn -s vocab -t vocab [-q] [-o file] [-L dirs]\n"
    "           [--subject-column=col] [--object-column=col] "
    "[--count-column=col]\n"
    "           [--min-count=n] [--exact-share=T] [--close-share=C]\n"
    "           [--pairs=table.csv | --key=key.sssom.tsv] [options] "
    "evidence.csv\n";

static const char help_text[] =
    "\n"
    "A translation key is an SSSOM mapping set between two vocabularies.\n"
    "Subcommands:\n"
    "  import   an SCB- or Eurostat-style key table to SSSOM/TSV\n"
    "  check    keys against their vocabularies, one line per problem\n"
    "  stats    rows, predicates, cardinality and coverage of keys\n"
    "  compose  A to C from keys A to B and B to C\n"
    "  invert   swap the sides of a key\n"
    "  apply    recode a column of a CSV/TSV data file through a key\n"
    "  export   SKOS mapping triples, SSSOM/RDF or an XKOS correspondence\n"
    "  learn    a key from things coded in both vocabularies, or audit one\n"
    "\n"
    "'kll-map SUBCOMMAND --help' describes each.\n";

int
cmd_map(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int, char **);
	} subs[] = {
		{ "import", map_import },
		{ "check", map_check },
		{ "compose", map_compose },
		{ "invert", map_invert },
		{ "apply", map_apply },
		{ "stats", map_stats },
		{ "export", map_export },
		{ "learn", map_learn },
	};
	size_t i;

	progname = "kll-map";
	if (argc < 2)
		return usage_error(usage_text, NULL);
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		fputs(usage_text, stdout);
		fputs(help_text, stdout);
		return finish(EXIT_OK);
	}
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
		printf("kll-map %s\n", KLL_VERSION);
		return finish(EXIT_OK);
	}
	for (i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
		if (strcmp(argv[1], subs[i].name) == 0)
			return subs[i].fn(argc - 1, argv + 1);
	return usage_error(usage_text, "unknown subcommand '%s'", argv[1]);
}
