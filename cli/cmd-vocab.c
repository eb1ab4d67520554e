/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd-vocab.c: kll-vocab, and its show, list and search subcommands. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage_text[] =
    "usage: kll-vocab import [options] table.csv\n"
    "       kll-vocab check [options] vocab ...\n"
    "       kll-vocab show [-L dirs] [-l lang] vocab code ...\n"
    "       kll-vocab list [-L dirs] [-l lang] [--level n] [vocab]\n"
    "       kll-vocab search [-L dirs] [-l lang] [--exact] vocab text ...\n"
    "       kll-vocab info [-L dirs] vocab ...\n";

static const char help_text[] =
    "\n"
    "Subcommands:\n"
    "  import   a classification table (CSV) to SKOS+XKOS Turtle\n"
    "  check    quality rules on vocabularies, one line per finding\n"
    "  show     labels, level, parent chain and children of codes\n"
    "           (a code is a notation, IRI, CURIE or IRI local name)\n"
    "  list     one line per concept: notation, TAB, prefLabel; with\n"
    "           no vocab, the vocabularies: id, TAB, version, TAB, title\n"
    "  search   concepts with a label that has all the words of text:\n"
    "           notation, TAB, prefLabel, TAB, how it matched (exact,\n"
    "           word, prefix, stem, substring), best first; when\n"
    "           another label matched, TAB and that label\n"
    "  info     id, scheme IRI, file, title, version and concepts per level\n"
    "\n"
    "Options of show, list and search:\n"
    "  -L, --vocab-path=DIRS  folders to search for vocabulary ids first\n"
    "  -l, --lang=LANG        language of the labels shown (default: sv,\n"
    "                         else en, else any); search matches this\n"
    "                         language only\n"
    "      --level=N          list only the concepts on level N\n"
    "      --exact            search: each word of text inside a label,\n"
    "                         without stems or ranking, in code order\n"
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
	int exact;
} opts;

enum { OPT_LEVEL = 256, OPT_SYNTAX, OPT_EXACT };

static const struct option longopts[] = {
	{ "vocab-path", required_argument, NULL, 'L' },
	{ "lang", required_argument, NULL, 'l' },
	{ "level", required_argument, NULL, OPT_LEVEL },
	{ "syntax", required_argument, NULL, OPT_SYNTAX },
	{ "exact", no_argument, NULL, OPT_EXACT },
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
		case OPT_EXACT:
			o->exact = 1;
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

/* One line per vocabulary of the search path: id, version, title.  A
 * file that does not load is reported, and the others still listed. */
static int
list_vocabs(const opts *o)
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
		if ((v = open_vocab(o, ids[i])) == NULL) {
			rc = EXIT_TROUBLE;
			continue;
		}
		title = o->lang != NULL ? kll_vocab_title(v, o->lang) : "";
		if (!*title && !*(title = kll_vocab_title(v, "sv")) &&
		    !*(title = kll_vocab_title(v, "en")))
			title = kll_vocab_title(v, NULL);
		printf("%s\t%s\t", ids[i], kll_vocab_version(v));
		put_flat(title);
		putchar('\n');
		kll_vocab_free(v);
	}
	kll_vocab_ids_free(ids);
	return finish(rc);
}

/* "kll vocabs": the vocabularies, as "kll-vocab list" without one. */
int
vocab_list_ids(int argc, char **argv)
{
	opts o;
	int first;

	static const char usage[] = "usage: kll vocabs [-L dirs] [-l lang]\n";
	int i;

	progname = "kll";
	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			fputs(usage, stdout);
			fputs("\nThe vocabularies of the search path, one line "
			      "each: id, TAB, version,\nTAB, title; as "
			      "'kll-vocab list' without a vocab.\n\n"
			      "  -L, --vocab-path=DIRS  folders to search "
			      "for vocabulary ids first\n"
			      "  -l, --lang=LANG        language of the "
			      "titles (default: sv, else en)\n"
			      "  -h, --help             this text\n",
			    stdout);
			return finish(EXIT_OK);
		}
	if ((first = parse_opts(argc, argv, &o)) < 0)
		return first == -2 ? finish(EXIT_OK) : EXIT_TROUBLE;
	if (argc - first != 0 || o.level != 0 || o.exact || o.syntax)
		return usage_error(usage, "vocabs takes only -L and -l");
	return list_vocabs(&o);
}

static int
do_list(int argc, char **argv)
{
	opts o;
	kll_vocab *v;
	size_t i, n;
	int first, levels;

	if ((first = parse_opts(argc, argv, &o)) < 0)
		return first == -2 ? finish(EXIT_OK) : EXIT_TROUBLE;
	if (argc - first == 0 && o.level == 0)
		return list_vocabs(&o);
	if (argc - first != 1)
		return usage_error(usage_text, "list takes one vocabulary");
	if ((v = open_vocab(&o, argv[first])) == NULL)
		return EXIT_TROUBLE;
	levels = kll_vocab_levels(v);
	if (o.level > levels) {
		if (levels == 0)
			errmsg("no level %d: %s has no levels", o.level,
			    kll_vocab_id(v));
		else
			errmsg("no level %d: %s has levels 1 to %d", o.level,
			    kll_vocab_id(v), levels);
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

/* One hit: notation, prefLabel, how it matched, and the label that
 * matched when it is not the one shown. */
static int
print_hit(void *lang, const kll_search_hit *h)
{
	const char *shown = display_label(h->concept, lang);

	fputs(code_of(h->concept), stdout);
	putchar('\t');
	put_flat(shown);
	printf("\t%s", kll_search_rank_name(h->rank));
	if (h->label != NULL && strcmp(h->label->text, shown) != 0) {
		putchar('\t');
		put_flat(h->label->text);
	}
	putchar('\n');
	return 0;
}

/* The words of argv[0..n) joined by spaces; NULL when out of memory. */
static char *
join_words(char **argv, int n)
{
	size_t len = 1;
	char *q;
	int i;

	for (i = 0; i < n; i++)
		len += strlen(argv[i]) + 1;
	if ((q = malloc(len)) == NULL)
		return NULL;
	*q = '\0';
	for (i = 0; i < n; i++) {
		if (i > 0)
			strcat(q, " ");
		strcat(q, argv[i]);
	}
	return q;
}

static int
do_search(int argc, char **argv)
{
	kll_search_opts so = KLL_SEARCH_OPTS_INIT;
	opts o;
	kll_vocab *v = NULL;
	kll_error err;
	char *query = NULL;
	int first, rc = EXIT_TROUBLE;
	size_t found = 0;

	if ((first = parse_opts(argc, argv, &o)) < 0)
		return first == -2 ? finish(EXIT_OK) : EXIT_TROUBLE;
	if (argc - first < 2)
		return usage_error(
		    usage_text, "search takes a vocabulary and text");
	if ((query = join_words(argv + first + 1, argc - first - 1)) == NULL) {
		errmsg("out of memory");
		goto out;
	}
	if ((v = open_vocab(&o, argv[first])) == NULL)
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
