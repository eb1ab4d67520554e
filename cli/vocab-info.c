/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* vocab-info.c: kll-vocab info, what a vocabulary is and holds. */
#include "cli.h"

static void
info_one(const kll_vocab *v)
{
	size_t i, n = kll_vocab_count(v), per[64] = { 0 };
	int d, levels = kll_vocab_levels(v);

	printf("id\t%s\n", kll_vocab_id(v));
	printf("iri\t%s\n", kll_vocab_iri(v));
	printf("file\t%s\n", kll_vocab_path(v));
	if (*kll_vocab_title(v, "sv"))
		printf("title@sv\t%s\n", kll_vocab_title(v, "sv"));
	if (*kll_vocab_title(v, "en"))
		printf("title@en\t%s\n", kll_vocab_title(v, "en"));
	if (*kll_vocab_version(v))
		printf("version\t%s\n", kll_vocab_version(v));
	printf("concepts\t%zu\n", n);
	for (i = 0; i < n; i++) {
		d = kll_concept_level(kll_vocab_at(v, i));
		if (d > 0 && d < 64)
			per[d]++;
	}
	for (d = 1; d <= levels && d < 64; d++)
		printf("level\t%d\t%zu\n", d, per[d]);
}

static int
run(int argc, char **argv)
{
	vocab_args o = { NULL };
	kll_vocab *v;
	int first, i, rc;

	if ((rc = cli_parse(&vocab_info_cmd, argc, argv, NULL, &o)) != CLI_GO)
		return rc;
	first = optind;
	rc = EXIT_OK;
	for (i = first; i < argc; i++) {
		if ((v = open_vocab(argv[i], o.dirs, o.syntax)) == NULL) {
			rc = EXIT_TROUBLE;
			continue;
		}
		if (i > first)
			putchar('\n');
		info_one(v);
		kll_vocab_free(v);
	}
	return finish(rc);
}

static const cli_opt options[] = {
	VOCAB_PATH_OPTION,
	VOCAB_SYNTAX_OPTION,
	CLI_OPT_HELP,
	{ NULL },
};

const cli_cmd vocab_info_cmd = {
	.name = "kll-vocab info",
	.summary =
	    "id, scheme IRI, file, title, version and concepts per level",
	.run = run,
	.operands = { "vocab ..." },
	.opts = options,
	.args = { 1, 0, "info takes vocabularies" },
	.after = VOCAB_NAMES,
};
