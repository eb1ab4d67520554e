/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd-vocab.c: kll-vocab, and its show, list and search subcommands. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage_text[] =
    "usage: kll-vocab import [options] table.csv\n"
    "       kll-vocab check [options] vocab ...\n"
    "       kll-vocab show [-L dirs] [-l lang] vocab code ...\n"
    "       kll-vocab list [-L dirs] [-l lang] [--level n] vocab\n"
    "       kll-vocab search [-L dirs] [-l lang] vocab text ...\n"
    "       kll-vocab info [-L dirs] vocab ...\n";

static const char help_text[] =
    "\n"
    "Subcommands:\n"
    "  import   a classification table (CSV) to SKOS+XKOS Turtle\n"
    "  check    quality rules on vocabularies, one line per finding\n"
    "  show     labels, level, parent chain and children of codes\n"
    "  list     one line per concept: notation, TAB, prefLabel\n"
    "  search   concepts whose labels contain all the words of text\n"
    "  info     id, scheme IRI, file, title, version and concepts per level\n"
    "\n"
    "Options of show, list and search:\n"
    "  -L, --vocab-path=DIRS  folders to search for vocabulary ids first\n"
    "  -l, --lang=LANG        language of the labels shown (default: sv,\n"
    "                         else en, else any); search matches this\n"
    "                         language only\n"
    "      --level=N          list only the concepts on level N\n"
    "      --syntax=NAME      RDF syntax of the vocabulary file (turtle,\n"
    "                         rdfxml, ntriples); default: guessed\n"
    "  -h, --help             this text;  -V, --version  the version\n"
    "\n"
    "A vocabulary is a file (- for stdin), a short id such as ssyk-2012, or\n"
    "a scheme IRI; ids are looked up in DIRS, then $KLL_PATH, then the\n"
    "installed vocabularies.  'kll-vocab import --help' and\n"
    "'kll-vocab check --help' describe those two.\n";

typedef struct opts {
	const char *dirs;
	const char *lang;
	const char *syntax;
	int level;
} opts;

enum { OPT_LEVEL = 256, OPT_SYNTAX };

static const struct option longopts[] = {
	{ "vocab-path", required_argument, NULL, 'L' },
	{ "lang", required_argument, NULL, 'l' },
	{ "level", required_argument, NULL, OPT_LEVEL },
	{ "syntax", required_argument, NULL, OPT_SYNTAX },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/* Parse the options shared by show, list and search; returns the index of
 * the first operand, or -1 after a usage error, -2 after --help. */
static int
parse_opts(int argc, char **argv, opts *o)
{
	char *end;
	long n;
	int ch;

	memset(o, 0, sizeof(*o));
	optind = 1;
	argv[0] = (char *)progname; /* getopt's messages name it */
	while ((ch = getopt_long(argc, argv, "L:l:hV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'L':
			o->dirs = optarg;
			break;
		case 'l':
			o->lang = optarg;
			break;
		case OPT_LEVEL:
			n = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || n < 1 ||
			    n > 63) {
				usage_error(usage_text,
				    "bad level '%s': give a number from 1",
				    optarg);
				return -1;
			}
			o->level = (int)n;
			break;
		case OPT_SYNTAX:
			o->syntax = optarg;
			break;
		case 'h':
			fputs(usage_text, stdout);
			fputs(help_text, stdout);
			return -2;
		case 'V':
			printf("kll-vocab %s\n", KLL_VERSION);
			return -2;
		default:
			usage_error(usage_text, NULL);
			return -1;
		}
	}
	return optind;
}

static kll_vocab *
open_vocab(const opts *o, const char *name)
{
	kll_load_opts lo = KLL_LOAD_OPTS_INIT;
	kll_vocab *v = NULL;
	kll_error err;

	lo.syntax = o->syntax;
	if (kll_vocab_open(&v, name, o->dirs, &lo, &err) != KLL_OK)
		report(&err);
	return v;
}

/* The prefLabel to show: in lang, or sv, en, any. */
static const char *
display_label(const kll_concept *c, const char *lang)
{
	const char *s;

	if (lang != NULL)
		s = kll_concept_label(c, KLL_LABEL_PREF, lang);
	else if ((s = kll_concept_label(c, KLL_LABEL_PREF, "sv")) == NULL &&
	         (s = kll_concept_label(c, KLL_LABEL_PREF, "en")) == NULL)
		s = kll_concept_label(c, KLL_LABEL_PREF, NULL);
	return s ? s : "";
}

static const char *
code_of(const kll_concept *c)
{
	const char *n = kll_concept_notation(c);

	return *n ? n : kll_concept_iri(c);
}

/* Text on one line of TSV output: line ends and TABs become spaces. */
static void
put_flat(const char *s)
{
	for (; *s; s++)
		putchar(*s == '\n' || *s == '\r' || *s == '\t' ? ' ' : *s);
}

static void
print_line(const kll_concept *c, const char *lang)
{
	fputs(code_of(c), stdout);
	putchar('\t');
	put_flat(display_label(c, lang));
	putchar('\n');
}

static int
do_list(int argc, char **argv)
{
	opts o;
	kll_vocab *v;
	size_t i, n;
	int first;

	if ((first = parse_opts(argc, argv, &o)) < 0)
		return first == -2 ? finish(EXIT_OK) : EXIT_TROUBLE;
	if (argc - first != 1)
		return usage_error(usage_text, "list takes one vocabulary");
	if ((v = open_vocab(&o, argv[first])) == NULL)
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
		put_flat(l->text);
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

static int
do_show(int argc, char **argv)
{
	opts o;
	kll_vocab *v;
	const kll_concept *c;
	int first, i, rc = EXIT_OK, shown = 0;

	if ((first = parse_opts(argc, argv, &o)) < 0)
		return first == -2 ? finish(EXIT_OK) : EXIT_TROUBLE;
	if (argc - first < 2)
		return usage_error(
		    usage_text, "show takes a vocabulary and codes");
	if ((v = open_vocab(&o, argv[first])) == NULL)
		return EXIT_TROUBLE;
	for (i = first + 1; i < argc; i++) {
		if ((c = kll_vocab_find_loose(v, argv[i])) == NULL &&
		    (c = kll_vocab_find_iri(v, argv[i])) == NULL) {
			errmsg("unknown code '%s' in %s", argv[i],
			    kll_vocab_id(v));
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
do_search(int argc, char **argv)
{
	opts o;
	kll_vocab *v = NULL;
	char *words[64];
	int first, nwords = 0, i, found = 0, rc = EXIT_TROUBLE;
	size_t k, n;

	if ((first = parse_opts(argc, argv, &o)) < 0)
		return first == -2 ? finish(EXIT_OK) : EXIT_TROUBLE;
	if (argc - first < 2)
		return usage_error(
		    usage_text, "search takes a vocabulary and text");
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
	if ((v = open_vocab(&o, argv[first])) == NULL)
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
do_info(int argc, char **argv)
{
	opts o;
	kll_vocab *v;
	int first, i, rc = EXIT_OK;

	if ((first = parse_opts(argc, argv, &o)) < 0)
		return first == -2 ? finish(EXIT_OK) : EXIT_TROUBLE;
	if (argc - first < 1)
		return usage_error(usage_text, "info takes vocabularies");
	for (i = first; i < argc; i++) {
		if ((v = open_vocab(&o, argv[i])) == NULL) {
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

int
cmd_vocab(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int, char **);
	} subs[] = {
		{ "import", vocab_import },
		{ "check", vocab_check },
		{ "show", do_show },
		{ "list", do_list },
		{ "search", do_search },
		{ "info", do_info },
	};
	size_t i;

	progname = "kll-vocab";
	if (argc < 2)
		return usage_error(usage_text, NULL);
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		fputs(usage_text, stdout);
		fputs(help_text, stdout);
		return finish(EXIT_OK);
	}
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
		printf("kll-vocab %s\n", KLL_VERSION);
		return finish(EXIT_OK);
	}
	for (i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
		if (strcmp(argv[1], subs[i].name) == 0)
			return subs[i].fn(argc - 1, argv + 1);
	return usage_error(usage_text, "unknown subcommand '%s'", argv[1]);
}
