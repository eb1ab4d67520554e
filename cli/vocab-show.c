/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* vocab-show.c: kll-vocab show, labels, level, parent chain and children
 * of codes. */
#include <string.h>

#include "cli.h"

static const char *const kind_names[] = {
	"prefLabel",
	"altLabel",
	"hiddenLabel",
	"definition",
	"scopeNote",
	"note",
};

static void
print_chain(const kll_concept *c, const char *lang)
{
	const kll_concept *chain[64];
	int n = 0;

	/* The first broader concept, up to the top (guarded against
	 * cycles, which check reports). */
	while (kll_concept_nbroader(c) > 0 && n < 64) {
		c = kll_concept_broader(c, 0);
		chain[n++] = c;
	}
	while (n-- > 0)
		printf("broader\t%s\t%s\n", code_of(chain[n]),
		    display_label(chain[n], lang));
}

static void
show_one(const kll_vocab *v, const kll_concept *c, const char *lang)
{
	size_t i, n;
	const kll_label *l;

	printf("code\t%s\n", code_of(c));
	printf("iri\t%s\n", kll_concept_iri(c));
	printf("scheme\t%s\n", kll_vocab_id(v));
	if (kll_concept_level(c) > 0)
		printf("level\t%d\n", kll_concept_level(c));
	n = kll_concept_nlabels(c);
	for (i = 0; i < n; i++) {
		l = kll_concept_label_at(c, i);
		if (lang != NULL && *l->lang && strcmp(l->lang, lang) != 0)
			continue;
		printf("%s%s%s\t", kind_names[l->kind], *l->lang ? "@" : "",
		    l->lang);
		put_flat(stdout, l->text);
		putchar('\n');
	}
	print_chain(c, lang);
	for (i = 0; i < kll_concept_nexternal(c); i++)
		printf("broader\t%s\n", kll_concept_external(c, i));
	n = kll_concept_nnarrower(c);
	for (i = 0; i < n; i++) {
		const kll_concept *k = kll_concept_narrower(c, i);
		printf(
		    "narrower\t%s\t%s\n", code_of(k), display_label(k, lang));
	}
	if (kll_concept_deprecated(c))
		printf("deprecated\ttrue\n");
	for (i = 0; i < kll_concept_nreplaced(c); i++)
		printf("replacedBy\t%s\n", kll_concept_replaced(c, i));
}

/* Say that "code" is not in v, with the notation it may misspell, or
 * else the search that finds it when it is a word of some label. */
static void
unknown_code(const kll_vocab *v, const char *code)
{
	const kll_concept *near = kll_vocab_suggest(v, code);
	size_t n = 0;

	if (near != NULL)
		errmsg("unknown code '%s' in %s (did you mean '%s'?)", code,
		    kll_vocab_id(v), code_of(near));
	else if (kll_vocab_search(v, code, NULL, &n, NULL) == KLL_OK && n > 0)
		errmsg("unknown code '%s' in %s (%zu concept%s match%s it: "
		       "kll-vocab search %s '%s')",
		    code, kll_vocab_id(v), n, n == 1 ? "" : "s",
		    n == 1 ? "es" : "", kll_vocab_id(v), code);
	else
		errmsg("unknown code '%s' in %s", code, kll_vocab_id(v));
}

static int
run(int argc, char **argv)
{
	vocab_args o = { NULL };
	kll_vocab *v;
	const kll_concept *c;
	int first, i, rc, shown = 0;

	if ((rc = cli_parse(&vocab_show_cmd, argc, argv, NULL, &o)) != CLI_GO)
		return rc;
	first = optind;
	if ((v = open_vocab(argv[first], o.dirs, o.syntax)) == NULL)
		return EXIT_TROUBLE;
	rc = EXIT_OK;
	for (i = first + 1; i < argc; i++) {
		if ((c = kll_vocab_find_any(v, argv[i])) == NULL) {
			unknown_code(v, argv[i]);
			rc = EXIT_FOUND;
			continue;
		}
		if (shown++)
			putchar('\n');
		show_one(v, c, o.lang);
	}
	kll_vocab_free(v);
	return finish(rc);
}

static const cli_opt options[] = {
	VOCAB_PATH_OPTION,
	VOCAB_LANG_OPTION(""),
	VOCAB_SYNTAX_OPTION,
	CLI_OPT_HELP,
	{ NULL },
};

const cli_cmd vocab_show_cmd = {
	.name = "kll-vocab show",
	.summary = "labels, level, parent chain and children of codes",
	.run = run,
	.operands = { "vocab code ..." },
	.about = "A code is a notation, an IRI, a CURIE or an IRI's local "
	         "name (C2512 for\nisco08:C2512).\n",
	.opts = options,
	.args = { 2, 0, "show takes a vocabulary and codes" },
	.after = VOCAB_NAMES,
};
