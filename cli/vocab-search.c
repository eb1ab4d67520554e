/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* vocab-search.c: kll-vocab search, concepts whose labels hold words. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Whether every word of the folded query is in one of c's labels; -1
 * when out of memory. */
static int
matches(const kll_concept *c, char **words, int nwords, const char *lang)
{
	size_t i, n = kll_concept_nlabels(c);
	const kll_label *l;
	char *f;
	int w, hit, all = 0;

	for (i = 0; i < n && !all; i++) {
		l = kll_concept_label_at(c, i);
		if (l->kind > KLL_LABEL_HIDDEN ||
		    (lang != NULL && strcmp(l->lang, lang) != 0))
			continue;
		if ((f = kll_text_fold(l->text)) == NULL) {
			if (errno == ENOMEM)
				return -1;
			continue; /* not UTF-8: it cannot match */
		}
		for (w = 0, hit = 1; w < nwords && hit; w++)
			hit = strstr(f, words[w]) != NULL;
		free(f);
		all = hit;
	}
	return all;
}

static int
run(int argc, char **argv)
{
	vocab_args o = { NULL };
	kll_vocab *v = NULL;
	char *words[64];
	int first, nwords = 0, i, found = 0, rc = EXIT_TROUBLE;
	size_t k, n;

	if ((rc = cli_parse(&vocab_search_cmd, argc, argv, NULL, &o)) != CLI_GO)
		return rc;
	first = optind;
	rc = EXIT_TROUBLE;
	if (argc - first < 2)
		return usage_error("search takes a vocabulary and text");
	for (i = first + 1; i < argc; i++) {
		char *q = kll_text_fold(argv[i]), *save = NULL, *w;
		if (q == NULL) {
			if (errno == ENOMEM)
				errmsg("out of memory");
			else
				errmsg(
				    "search text is not UTF-8: '%s'", argv[i]);
			goto out;
		}
		for (w = strtok_r(q, " \t", &save); w && nwords < 64;
		     w = strtok_r(NULL, " \t", &save))
			if ((words[nwords] = strdup(w)) != NULL)
				nwords++;
		free(q);
	}
	if ((v = open_vocab(argv[first], o.dirs, o.syntax)) == NULL)
		goto out;
	n = kll_vocab_count(v);
	for (k = 0; k < n; k++) {
		const kll_concept *c = kll_vocab_at(v, k);
		int hit = matches(c, words, nwords, o.lang);
		if (hit < 0) {
			errmsg("out of memory");
			goto out;
		}
		if (hit) {
			print_line(c, o.lang);
			found++;
		}
	}
	rc = finish(found ? EXIT_OK : EXIT_FOUND);
out:
	while (nwords > 0)
		free(words[--nwords]);
	kll_vocab_free(v);
	return rc;
}

static const cli_opt options[] = {
	VOCAB_PATH_OPTION,
	VOCAB_LANG_OPTION("; search matches this language only"),
	VOCAB_SYNTAX_OPTION,
	CLI_OPT_HELP,
	{ NULL },
};

const cli_cmd vocab_search_cmd = {
	.name = "kll-vocab search",
	.summary = "concepts whose labels contain all the words of text",
	.run = run,
	.operands = { "vocab text ..." },
	.opts = options,
	.after = VOCAB_NAMES,
};
