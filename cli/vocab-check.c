/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* vocab-check.c: kll-vocab check, the quality rules of kll_vocab_check()
 * on each vocabulary named.  Findings are diagnostics: one line each on
 * stderr, or JSON lines on stdout with --format=json. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage_text[] =
    "usage: kll-vocab check [-q] [-L dirs] [--lang=LANGS] "
    "[--format=text|json]\n"
    "                       [--severity=info|warning|error] "
    "[--syntax=NAME] vocab ...\n";

static const char help_text[] =
    "\n"
    "Check each vocabulary against the rules below and report every\n"
    "finding at or above the severity threshold.\n"
    "\n"
    "Options:\n"
    "  -q, --quiet            no summary line at the end\n"
    "  -L, --vocab-path=DIRS  folders to search for vocabulary ids first\n"
    "  -l, --lang=LANGS       languages in which every concept needs a\n"
    "                         prefLabel, comma-separated (sv,en); \"en\"\n"
    "                         also accepts en-GB; default: any language\n"
    "      --format=FORMAT    text (default): findings on stderr as\n"
    "                         'kll-vocab: FILE: SEVERITY: MESSAGE [RULE]';\n"
    "                         json: findings on stdout, one JSON object a\n"
    "                         line (file, line, column, severity, rule,\n"
    "                         message)\n"
    "      --severity=LEVEL   report findings of LEVEL and above: info,\n"
    "                         warning (default) or error\n"
    "      --syntax=NAME      RDF syntax of the vocabulary files (turtle,\n"
    "                         rdfxml, ntriples); default: guessed\n"
    "  -h, --help             this text;  -V, --version  the version\n"
    "\n"
    "Exit status: 0 no finding of severity error, 1 some, 2 a vocabulary\n"
    "could not be read (the others are still checked) or a usage error.\n"
    "\n"
    "Rules, in the order their findings come out:\n";

typedef struct opts {
	const char *dirs;
	const char *syntax;
	const char *langs[32];
	size_t nlangs;
	kll_severity min;
	int json, quiet;
} opts;

/* What the sink counts over all vocabularies. */
typedef struct tally {
	const opts *o;
	size_t shown[3]; /* by severity */
} tally;

enum { OPT_FORMAT = 256, OPT_SEVERITY, OPT_SYNTAX };

static const struct option longopts[] = {
	{ "quiet", no_argument, NULL, 'q' },
	{ "vocab-path", required_argument, NULL, 'L' },
	{ "lang", required_argument, NULL, 'l' },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "severity", required_argument, NULL, OPT_SEVERITY },
	{ "syntax", required_argument, NULL, OPT_SYNTAX },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static void
help(void)
{
	fputs(usage_text, stdout);
	fputs(help_text, stdout);
	print_rules(kll_check_rule_at);
}

/* A language tag as BCP 47 writes them: letters, digits and '-'. */
static int
valid_tag(const char *s)
{
	if (*s == '\0' || *s == '-')
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		        (*s >= '0' && *s <= '9') || *s == '-'))
			return 0;
	return 1;
}

static int
parse_langs(opts *o, char *arg)
{
	int n, i;

	n = split_list(
	    arg, o->langs, (int)(sizeof(o->langs) / sizeof(o->langs[0])));
	if (n < 0)
		return usage_error(usage_text, "too many languages in --lang");
	for (i = 0; i < n; i++)
		if (!valid_tag(o->langs[i]))
			return usage_error(
			    usage_text, "bad language tag '%s'", o->langs[i]);
	o->nlangs = (size_t)n;
	return 0;
}

/* Returns the index of the first operand, -1 after a usage error (already
 * reported), or -2 after --help or --version. */
static int
parse_opts(int argc, char **argv, opts *o)
{
	int ch, bad = 0;

	memset(o, 0, sizeof(*o));
	o->min = KLL_SEV_WARNING;
	optind = 1;
	argv[0] = (char *)progname; /* getopt's messages name it */
	while (!bad && (ch = getopt_long(
	                    argc, argv, "qL:l:hV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'q':
			o->quiet = 1;
			break;
		case 'L':
			o->dirs = optarg;
			break;
		case 'l':
			bad = parse_langs(o, optarg);
			break;
		case OPT_FORMAT:
			bad = parse_format(usage_text, optarg, &o->json);
			break;
		case OPT_SEVERITY:
			bad = parse_severity(usage_text, optarg, &o->min);
			break;
		case OPT_SYNTAX:
			o->syntax = optarg;
			break;
		case 'h':
			help();
			return -2;
		case 'V':
			printf("kll-vocab %s\n", KLL_VERSION);
			return -2;
		default:
			usage_error(usage_text, NULL);
			return -1;
		}
	}
	if (bad)
		return -1;
	if (optind >= argc) {
		usage_error(usage_text, "check takes one or more vocabularies");
		return -1;
	}
	return optind;
}

static void
on_finding(void *payload, const kll_error *d)
{
	tally *t = payload;

	if (d->severity < t->o->min)
		return;
	t->shown[d->severity]++;
	print_diag(t->o->json ? stdout : stderr, d, t->o->json);
}

/* Check one vocabulary; returns its exit status. */
static int
check_one(const opts *o, tally *t, const char *name)
{
	kll_load_opts lo = KLL_LOAD_OPTS_INIT;
	kll_check_opts co = KLL_CHECK_OPTS_INIT;
	kll_vocab *v = NULL;
	kll_error err;
	size_t nerrors = 0;
	int rc = EXIT_OK;

	lo.syntax = o->syntax;
	if (kll_vocab_open(&v, name, o->dirs, &lo, &err) != KLL_OK) {
		report(&err);
		return EXIT_TROUBLE;
	}
	co.langs = o->langs;
	co.nlangs = o->nlangs;
	co.diag = on_finding;
	co.payload = t;
	if (kll_vocab_check(v, &co, &nerrors, &err) != KLL_OK) {
		report(&err);
		rc = EXIT_TROUBLE;
	} else if (nerrors > 0) {
		rc = EXIT_FOUND;
	}
	kll_vocab_free(v);
	return rc;
}

static const char *
plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

int
vocab_check(int argc, char **argv)
{
	opts o;
	tally t;
	int first, i, one, rc = EXIT_OK;
	size_t checked = 0;

	if ((first = parse_opts(argc, argv, &o)) < 0)
		return first == -2 ? finish(EXIT_OK) : EXIT_TROUBLE;
	memset(&t, 0, sizeof(t));
	t.o = &o;
	for (i = first; i < argc; i++) {
		one = check_one(&o, &t, argv[i]);
		if (one != EXIT_TROUBLE)
			checked++;
		if (one > rc)
			rc = one;
	}
	/* After a file that could not be read and nothing else, its message
	 * says it all. */
	if (!o.quiet && checked > 0) {
		size_t ne = t.shown[KLL_SEV_ERROR],
		       nw = t.shown[KLL_SEV_WARNING];
		errmsg("%zu %s, %zu %s in %zu %s", ne,
		    plural(ne, "error", "errors"), nw,
		    plural(nw, "warning", "warnings"), checked,
		    plural(checked, "vocabulary", "vocabularies"));
	}
	return finish(rc);
}
