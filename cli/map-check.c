/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map-check.c: kll-map check, the rules of kll_mapset_check() on each key
 * named, with the reader's own findings.  Findings are diagnostics: one
 * line each on stderr, or JSON lines on stdout with --format=json. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage_text[] =
    "usage: kll-map check [-q] [-L dirs] [--format=text|json] "
    "[--severity=info|warning|error]\n"
    "                     [--subject-vocab=V] [--object-vocab=V] "
    "[--levels=S:O] key.sssom.tsv ...\n";

static const char help_text[] =
    "\n"
    "Check each key (an SSSOM/TSV mapping set; - is stdin) against the\n"
    "vocabularies of its two sides and report every finding at or above\n"
    "the severity threshold.  The vocabularies are those the metadata\n"
    "names in subject_source and object_source, each loaded once.\n"
    "\n"
    "Options:\n"
    "  -q, --quiet              no summary line at the end\n"
    "  -L, --vocab-path=DIRS    folders to search for vocabularies first\n"
    "      --format=FORMAT      text (default): findings on stderr as\n"
    "                           'kll-map: FILE:LINE:COL: SEVERITY: MESSAGE\n"
    "                           [RULE]'; json: findings on stdout, one JSON\n"
    "                           object a line (file, line, column,\n"
    "                           severity, rule, message)\n"
    "      --severity=LEVEL     report findings of LEVEL and above: info,\n"
    "                           warning (default) or error\n"
    "      --subject-vocab=V    the subject vocabulary (a file, id or\n"
    "                           scheme IRI) instead of subject_source\n"
    "      --object-vocab=V     the object vocabulary instead of\n"
    "                           object_source\n"
    "      --levels=S:O         the key's levels (XKOS depths) on the\n"
    "                           subject and object sides; either may be\n"
    "                           left out (4: or :4); default: the metadata\n"
    "                           keys subject_level and object_level\n"
    "  -h, --help               this text;  -V, --version  the version\n"
    "\n"
    "Exit status: 0 no finding of severity error, 1 some, 2 a key or a\n"
    "vocabulary could not be read (the other keys are still checked) or\n"
    "a usage error.\n"
    "\n"
    "Each key is checked as it is read: the findings of the metadata\n"
    "first, then those that a row has on its own (the reader's, rules\n"
    "sssom-*, then the check's), row by row, then those that need every\n"
    "row (duplicates, contradictions, cardinality, ...), row by row.\n"
    "Rules of the check, with their severity:\n";

typedef struct opts {
	const char *dirs;
	const char *vocab[2];
	int level[2];
	kll_severity min;
	int json, quiet;
} opts;

/* What the sink counts: over all keys, and for the key being checked. */
typedef struct tally {
	const opts *o;
	size_t shown[3]; /* by severity */
	size_t errors;   /* error findings of this key */
	int novocab;     /* a side of this key had no vocabulary */
} tally;

enum {
	OPT_FORMAT = 256,
	OPT_SEVERITY,
	OPT_SUBJECT_VOCAB,
	OPT_OBJECT_VOCAB,
	OPT_LEVELS
};

static const struct option longopts[] = {
	{ "quiet", no_argument, NULL, 'q' },
	{ "vocab-path", required_argument, NULL, 'L' },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "severity", required_argument, NULL, OPT_SEVERITY },
	{ "subject-vocab", required_argument, NULL, OPT_SUBJECT_VOCAB },
	{ "object-vocab", required_argument, NULL, OPT_OBJECT_VOCAB },
	{ "levels", required_argument, NULL, OPT_LEVELS },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static void
help(void)
{
	fputs(usage_text, stdout);
	fputs(help_text, stdout);
	print_rules(kll_mapcheck_rule_at);
}

/* One depth of --levels: empty (0), or 1 to 999. */
static int
parse_depth(const char *s, size_t n, int *out)
{
	size_t i;

	*out = 0;
	if (n == 0)
		return 0;
	if (n > 3 || *s == '0')
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*out = *out * 10 + (s[i] - '0');
	}
	return 0;
}

static int
parse_levels(opts *o, const char *arg)
{
	const char *colon = strchr(arg, ':');

	if (colon == NULL ||
	    parse_depth(arg, (size_t)(colon - arg), &o->level[0]) < 0 ||
	    parse_depth(colon + 1, strlen(colon + 1), &o->level[1]) < 0 ||
	    (o->level[0] == 0 && o->level[1] == 0))
		return usage_error(usage_text,
		    "bad levels '%s': give SUBJECT:OBJECT depths, as 4:4, "
		    "4: or :4",
		    arg);
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
	while (!bad &&
	       (ch = getopt_long(argc, argv, "qL:hV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'q':
			o->quiet = 1;
			break;
		case 'L':
			o->dirs = optarg;
			break;
		case OPT_FORMAT:
			bad = parse_format(usage_text, optarg, &o->json);
			break;
		case OPT_SEVERITY:
			bad = parse_severity(usage_text, optarg, &o->min);
			break;
		case OPT_SUBJECT_VOCAB:
			o->vocab[0] = optarg;
			break;
		case OPT_OBJECT_VOCAB:
			o->vocab[1] = optarg;
			break;
		case OPT_LEVELS:
			bad = parse_levels(o, optarg);
			break;
		case 'h':
			help();
			return -2;
		case 'V':
			printf("kll-map %s\n", KLL_VERSION);
			return -2;
		default:
			usage_error(usage_text, NULL);
			return -1;
		}
	}
	if (bad)
		return -1;
	if (optind >= argc) {
		usage_error(usage_text, "check takes one or more keys");
		return -1;
	}
	return optind;
}

static void
on_finding(void *payload, const kll_error *d)
{
	tally *t = payload;

	if (d->severity == KLL_SEV_ERROR) {
		t->errors++;
		if (strcmp(d->rule, "map-no-vocabulary") == 0)
			t->novocab = 1;
	}
	if (d->severity < t->o->min)
		return;
	t->shown[d->severity]++;
	print_diag(t->o->json ? stdout : stderr, d, t->o->json);
}

/* Check one key; returns its exit status.  *read (a count) goes up when
 * the key could be read. */
static int
check_one(const opts *o, tally *t, kll_vocab_cache *vc, const char *name,
    size_t *read)
{
	kll_sssom_opts so = KLL_SSSOM_OPTS_INIT;
	kll_mapcheck_opts co = KLL_MAPCHECK_OPTS_INIT;
	kll_mapcheck *mc = NULL;
	kll_mapset *m = NULL;
	kll_error err;
	int rc = EXIT_TROUBLE;

	t->errors = 0;
	t->novocab = 0;
	co.vocabs = vc;
	co.vocab[0] = o->vocab[0];
	co.vocab[1] = o->vocab[1];
	co.level[0] = o->level[0];
	co.level[1] = o->level[1];
	co.min = o->min;
	co.diag = on_finding;
	co.payload = t;
	if (kll_mapcheck_new(&mc, &co, &err) != KLL_OK) {
		report(&err);
		return EXIT_TROUBLE;
	}
	/* The rows are checked as they are read. */
	so.diag = on_finding;
	so.payload = t;
	so.row = kll_mapcheck_row;
	so.row_payload = mc;
	if (kll_mapset_read(&m, name, &so, &err) != KLL_OK) {
		report(&err);
		goto out;
	}
	(*read)++;
	if (kll_mapcheck_end(mc, m, NULL, &err) != KLL_OK)
		report(&err);
	else
		rc = t->novocab ? EXIT_TROUBLE :
		     t->errors  ? EXIT_FOUND :
		                  EXIT_OK;
out:
	kll_mapcheck_free(mc);
	kll_mapset_free(m);
	return rc;
}

static const char *
plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

int
map_check(int argc, char **argv)
{
	kll_vocab_cache *vc = NULL;
	kll_error err;
	opts o;
	tally t;
	int first, i, one, rc = EXIT_OK;
	size_t read = 0, ne, nw;

	if ((first = parse_opts(argc, argv, &o)) < 0)
		return first == -2 ? finish(EXIT_OK) : EXIT_TROUBLE;
	if (kll_vocab_cache_new(&vc, o.dirs, NULL, &err) != KLL_OK) {
		report(&err);
		return EXIT_TROUBLE;
	}
	memset(&t, 0, sizeof(t));
	t.o = &o;
	for (i = first; i < argc; i++) {
		one = check_one(&o, &t, vc, argv[i], &read);
		if (one > rc)
			rc = one;
	}
	kll_vocab_cache_free(vc);
	/* After a key that could not be read and nothing else, its message
	 * says it all. */
	if (!o.quiet && read > 0) {
		ne = t.shown[KLL_SEV_ERROR];
		nw = t.shown[KLL_SEV_WARNING];
		errmsg("%zu %s, %zu %s in %zu %s", ne,
		    plural(ne, "error", "errors"), nw,
		    plural(nw, "warning", "warnings"), read,
		    plural(read, "key", "keys"));
	}
	return finish(rc);
}
