/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* vocab-search.c: kll-vocab search, concepts whose labels hold words,
 * ranked by kll_vocab_search(). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* One hit: notation, prefLabel, how it matched, and the label that
 * matched when it is not the one shown. */
static int
print_hit(void *lang, const kll_search_hit *h)
{
	const char *shown = display_label(h->concept, lang);

	fputs(code_of(h->concept), stdout);
	putchar('\t');
	put_flat(stdout, shown);
	printf("\t%s", kll_search_rank_name(h->rank));
	if (h->label != NULL && strcmp(h->label->text, shown) != 0) {
		putchar('\t');
		put_flat(stdout, h->label->text);
	}
	putchar('\n');
	return 0;
}

/* The words of argv[0..n) joined by spaces; NULL when out of memory. */
static char *
join_words(char **argv, int n)
{
	size_t len = 1, k;
	char *q;
	int i;

	for (i = 0; i < n; i++)
		len += strlen(argv[i]) + 1;
	if ((q = malloc(len)) == NULL)
		return NULL;
	for (i = 0, k = 0; i < n; i++) {
		if (i > 0)
			q[k++] = ' ';
		memcpy(q + k, argv[i], strlen(argv[i]));
		k += strlen(argv[i]);
	}
	q[k] = '\0';
	return q;
}

static int
run(int argc, char **argv)
{
	kll_search_opts so = KLL_SEARCH_OPTS_INIT;
	vocab_args o = { NULL };
	kll_vocab *v = NULL;
	kll_error err;
	char *query = NULL;
	int first, rc;
	size_t found = 0;

	if ((rc = cli_parse(&vocab_search_cmd, argc, argv, NULL, &o)) != CLI_GO)
		return rc;
	first = optind;
	rc = EXIT_TROUBLE;
	if (argc - first < 2)
		return usage_error("search takes a vocabulary and text");
	if ((query = join_words(argv + first + 1, argc - first - 1)) == NULL) {
		errmsg("out of memory");
		goto out;
	}
	if ((v = open_vocab(argv[first], o.dirs, o.syntax)) == NULL)
		goto out;
	so.lang = o.lang;
	so.exact = o.exact;
	so.fn = print_hit;
	so.payload = (void *)o.lang;
	if (kll_vocab_search(v, query, &so, &found, &err) != KLL_OK) {
		if (err.code == KLL_EARG)
			errmsg("%s: '%s'", err.msg, query);
		else
			report(&err);
		goto out;
	}
	rc = finish(found ? EXIT_OK : EXIT_FOUND);
out:
	free(query);
	kll_vocab_free(v);
	return rc;
}

static const cli_opt options[] = {
	VOCAB_PATH_OPTION,
	VOCAB_LANG_OPTION("; search matches this language only"),
	{ "exact", CLI_AUTO, NULL,
	    "each word of text inside a label, without stems or ranking, in "
	    "code order",
	    .usage = CLI_U1, .set = CLI_SET(vocab_args, exact) },
	VOCAB_SYNTAX_OPTION,
	CLI_OPT_HELP,
	{ NULL },
};

const cli_cmd vocab_search_cmd = {
	.name = "kll-vocab search",
	.summary = "concepts with a label that has all the words of text",
	.run = run,
	.operands = { "vocab text ..." },
	.opts = options,
	.after =
	    "Each hit is a line: notation, TAB, prefLabel, TAB, how it matched\n"
	    "(exact, word, prefix, stem, substring), best first; when another\n"
	    "label matched, TAB and that label.\n"
	    "\n" VOCAB_NAMES,
};
