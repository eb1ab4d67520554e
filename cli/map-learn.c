/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map-learn.c: kll-map learn, a key from things coded in both
 * vocabularies, or the audit of a key against them. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage_text[] =
    "usage: kll-map learn -s vocab -t vocab [-q] [-o file] [-L dirs]\n"
    "           [--subject-column=col] [--object-column=col] "
    "[--count-column=col]\n"
    "           [--min-count=n] [--exact-share=T] [--close-share=C]\n"
    "           [--pairs=table.csv | --key=key.sssom.tsv] [options] "
    "evidence.csv\n";

static const char help_text[] =
    "\n"
    "Learn a key from evidence: a CSV or TSV table whose rows each code one\n"
    "thing (a job title, a person, a programme) in both vocabularies, or a\n"
    "cross-table with a count per pair.  For a pair seen n times whose\n"
    "subject code is seen S times and object code O times in all:\n"
    "n/S >= T and n/O >= T exactMatch; else n/O >= T narrowMatch (the\n"
    "subject is broader); else n/S >= T broadMatch (the object is\n"
    "broader); else n/S >= C and n/O >= C closeMatch; else relatedMatch.\n"
    "With --key, audit that key against the evidence instead: one line per\n"
    "finding, exit 1 if any.\n"
    "\n"
    "  -s, --subject-vocab=V    the subject side's vocabulary (file, id or\n"
    "                           scheme IRI); required unless --key names it\n"
    "  -t, --object-vocab=V     the object side's\n"
    "  -L, --vocab-path=DIRS    folders searched first for vocabulary ids\n"
    "      --subject-column=C   header name or 1-based number (default 1)\n"
    "      --object-column=C    (default 2)\n"
    "      --count-column=C     a cross-table: how many things per row\n"
    "                           (default: each row is one)\n"
    "      --min-count=N        drop pairs seen fewer than N times "
    "(default 3)\n"
    "      --exact-share=T      above 0.5, at most 1 (default 0.9)\n"
    "      --close-share=C      above 0, at most 1 (default 0.5)\n"
    "      --pairs=TABLE        write exactly the pairs of this key table\n"
    "                           (same code columns); pairs with too little\n"
    "                           evidence keep the predicate of its shape\n"
    "      --key=KEY            audit the SSSOM key KEY; write nothing\n"
    "      --separator=CHAR     ',', ';' or 'tab' (default: guessed)\n"
    "      --subject-prefix=P, --object-prefix=P  CURIE prefixes\n"
    "      --subject-lang=L, --object-lang=L  language of the labels\n"
    "      --justification=CURIE  (default semapv:InstanceBasedMatching)\n"
    "      --author-label=T     each mapping's author_label\n"
    "      --id=IRI             mapping_set_id\n"
    "      --license=IRI, --title=T, --description=T, --provider=IRI,\n"
    "      --date=YYYY-MM-DD, --published=YYYY-MM-DD, --set-version=V,\n"
    "      --comment=T          set metadata, as for import\n"
    "      --meta=SLOT=VALUE    any other metadata slot (repeatable)\n"
    "      --extra-column=NAME  leave the column NAME of the --pairs table\n"
    "                           out (\"*\": every other; repeatable)\n"
    "  -o, --output=FILE        write to FILE (replaced only when complete)\n"
    "      --private            make -o FILE readable by you only (0600)\n"
    "      --force              replace -o FILE even when it has other hard\n"
    "                           links, or write to the file it links to\n"
    "  -q, --quiet              no note on stderr\n"
    "  -h, --help               this text;  -V, --version  the version\n";

enum {
	OPT_SCOL = 256,
	OPT_OCOL,
	OPT_NCOL,
	OPT_MIN,
	OPT_EXACT,
	OPT_CLOSE,
	OPT_PAIRS,
	OPT_KEY,
	OPT_SEP,
	OPT_SPFX,
	OPT_OPFX,
	OPT_SLANG,
	OPT_OLANG,
	OPT_JUST,
	OPT_AUTHOR,
	OPT_ID,
	OPT_LICENSE,
	OPT_TITLE,
	OPT_DESC,
	OPT_PROVIDER,
	OPT_DATE,
	OPT_PUBLISHED,
	OPT_SETVER,
	OPT_META,
	OPT_EXTRA,
	OPT_COMMENT
};

static const struct option longopts[] = {
	{ "subject-vocab", required_argument, NULL, 's' },
	{ "object-vocab", required_argument, NULL, 't' },
	{ "vocab-path", required_argument, NULL, 'L' },
	{ "subject-column", required_argument, NULL, OPT_SCOL },
	{ "object-column", required_argument, NULL, OPT_OCOL },
	{ "count-column", required_argument, NULL, OPT_NCOL },
	{ "min-count", required_argument, NULL, OPT_MIN },
	{ "exact-share", required_argument, NULL, OPT_EXACT },
	{ "close-share", required_argument, NULL, OPT_CLOSE },
	{ "pairs", required_argument, NULL, OPT_PAIRS },
	{ "key", required_argument, NULL, OPT_KEY },
	{ "separator", required_argument, NULL, OPT_SEP },
	{ "subject-prefix", required_argument, NULL, OPT_SPFX },
	{ "object-prefix", required_argument, NULL, OPT_OPFX },
	{ "subject-lang", required_argument, NULL, OPT_SLANG },
	{ "object-lang", required_argument, NULL, OPT_OLANG },
	{ "justification", required_argument, NULL, OPT_JUST },
	{ "author-label", required_argument, NULL, OPT_AUTHOR },
	{ "id", required_argument, NULL, OPT_ID },
	{ "license", required_argument, NULL, OPT_LICENSE },
	{ "title", required_argument, NULL, OPT_TITLE },
	{ "description", required_argument, NULL, OPT_DESC },
	{ "provider", required_argument, NULL, OPT_PROVIDER },
	{ "date", required_argument, NULL, OPT_DATE },
	{ "published", required_argument, NULL, OPT_PUBLISHED },
	{ "set-version", required_argument, NULL, OPT_SETVER },
	{ "comment", required_argument, NULL, OPT_COMMENT },
	{ "meta", required_argument, NULL, OPT_META },
	{ "extra-column", required_argument, NULL, OPT_EXTRA },
	{ "output", required_argument, NULL, 'o' },
	OFILE_LONGOPTS,
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static void
on_diag(void *payload, const kll_error *d)
{
	(void)payload;
	print_diag(stderr, d, 0);
}

/* A share: a decimal number; range checks are the library's. */
static int
parse_share(const char *s, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	return errno == 0 && end != s && *end == '\0' ? 0 : -1;
}

static int
parse_min(const char *s, unsigned long *out)
{
	char *end;

	if (*s < '1' || *s > '9')
		return -1;
	errno = 0;
	*out = strtoul(s, &end, 10);
	return errno == 0 && *end == '\0' ? 0 : -1;
}

/* The options shared with import: the metadata and the columns. */
static int
meta_option(kll_mapimport_opts *o, int ch, const char *arg)
{
	const char **slot = NULL;

	switch (ch) {
	case 's':
		slot = &o->subject_vocab;
		break;
	case 't':
		slot = &o->object_vocab;
		break;
	case 'L':
		slot = &o->dirs;
		break;
	case OPT_SCOL:
		slot = &o->subject_column;
		break;
	case OPT_OCOL:
		slot = &o->object_column;
		break;
	case OPT_SPFX:
		slot = &o->subject_prefix;
		break;
	case OPT_OPFX:
		slot = &o->object_prefix;
		break;
	case OPT_SLANG:
		slot = &o->subject_lang;
		break;
	case OPT_OLANG:
		slot = &o->object_lang;
		break;
	case OPT_JUST:
		slot = &o->justification;
		break;
	case OPT_ID:
		slot = &o->mapping_set_id;
		break;
	case OPT_LICENSE:
		slot = &o->license;
		break;
	case OPT_TITLE:
		slot = &o->title;
		break;
	case OPT_DESC:
		slot = &o->description;
		break;
	case OPT_PROVIDER:
		slot = &o->provider;
		break;
	case OPT_DATE:
		slot = &o->date;
		break;
	case OPT_PUBLISHED:
		slot = &o->published;
		break;
	case OPT_SETVER:
		slot = &o->version;
		break;
	case OPT_COMMENT:
		slot = &o->comment;
		break;
	default:
		return 0;
	}
	*slot = arg;
	return 1;
}

#define MAX_META  16
#define MAX_EXTRA 64

/* Options of learn alone; 0 ok, else the exit status of a usage error. */
static int
learn_option(kll_learn_opts *o, int ch, const char *arg, const char **key)
{
	static const char *meta[MAX_META], *extra[MAX_EXTRA];

	switch (ch) {
	case OPT_EXTRA:
		if (o->imp.nextra_columns == MAX_EXTRA)
			return usage_error(
			    usage_text, "too many --extra-column options");
		extra[o->imp.nextra_columns++] = arg;
		o->imp.extra_columns = extra;
		break;
	case OPT_META:
		if (o->imp.nmeta == MAX_META)
			return usage_error(
			    usage_text, "too many --meta options");
		if (strchr(arg, '=') == NULL || arg[0] == '=')
			return usage_error(usage_text,
			    "bad --meta '%s': give SLOT=VALUE", arg);
		meta[o->imp.nmeta++] = arg;
		o->imp.meta = meta;
		break;
	case OPT_NCOL:
		o->count_column = arg;
		break;
	case OPT_MIN:
		if (parse_min(arg, &o->min_count) < 0)
			return usage_error(usage_text,
			    "bad minimum count '%s': give a whole number, 1 "
			    "or more",
			    arg);
		break;
	case OPT_EXACT:
	case OPT_CLOSE:
		if (parse_share(arg, ch == OPT_EXACT ? &o->exact_share :
		                                       &o->close_share) < 0)
			return usage_error(
			    usage_text, "bad share '%s': give a number", arg);
		break;
	case OPT_PAIRS:
		o->pairs = arg;
		break;
	case OPT_KEY:
		*key = arg;
		break;
	case OPT_AUTHOR:
		o->author_label = arg;
		break;
	case OPT_SEP:
		if (strcmp(arg, "tab") == 0)
			o->imp.sep = '\t';
		else if (strcmp(arg, ",") == 0 || strcmp(arg, ";") == 0)
			o->imp.sep = arg[0];
		else
			return usage_error(usage_text,
			    "bad separator '%s': give ',', ';' or 'tab'", arg);
		break;
	default:
		return usage_error(usage_text, NULL);
	}
	return 0;
}

static const char *
plural(unsigned long long n)
{
	return n == 1 ? "" : "s";
}

/* One note line: what was read, and what was dropped or left out. */
static void
note(const char *path, const kll_learn_stats *s, const kll_learn_opts *o,
    int audit)
{
	fprintf(stderr,
	    "%s: %s: note: %llu row%s, %zu pair%s; %zu pair%s seen fewer "
	    "than %lu time%s dropped",
	    progname, strcmp(path, "-") == 0 ? "<stdin>" : path, s->rows,
	    plural(s->rows), s->pairs, plural(s->pairs), s->dropped,
	    plural(s->dropped), o->min_count, plural(o->min_count));
	if (s->skipped > 0)
		fprintf(stderr,
		    "; %llu row%s skipped (a code missing, or a count of 0)",
		    s->skipped, plural(s->skipped));
	if (o->pairs != NULL && !audit)
		fprintf(stderr,
		    "; %zu pair%s not in the table left out; %zu of its "
		    "pairs from its shape",
		    s->unkeyed, plural(s->unkeyed), s->thin);
	fputc('\n', stderr);
}

static int
run_audit(const char *key_path, const char *path, kll_learn_opts *o, int quiet)
{
	kll_sssom_opts so = KLL_SSSOM_OPTS_INIT;
	kll_learn_stats st;
	kll_mapset *key = NULL;
	size_t nf = 0;
	kll_error err;
	int rc = EXIT_TROUBLE;

	so.diag = on_diag;
	if (kll_mapset_read(&key, key_path, &so, &err) != KLL_OK) {
		report(&err);
		return EXIT_TROUBLE;
	}
	if (kll_mapset_nerrors(key) > 0)
		goto out;
	if (kll_mapset_audit(&nf, &st, key, path, o, &err) != KLL_OK) {
		if (err.rule[0] == '\0')
			report(&err);
		goto out;
	}
	if (!quiet)
		note(path, &st, o, 1);
	rc = finish(nf > 0 ? EXIT_FOUND : EXIT_OK);
out:
	kll_mapset_free(key);
	return rc;
}

static int
run_learn(const char *path, const char *output, kll_learn_opts *o, int quiet)
{
	kll_learn_stats st;
	kll_mapset *m = NULL;
	kll_error err;
	int rc = EXIT_TROUBLE;
	ofile of;

	if (kll_mapset_learn(&m, &st, path, o, &err) != KLL_OK) {
		if (err.rule[0] == '\0')
			report(&err);
		return EXIT_TROUBLE;
	}
	if (ofile_open(&of, output) < 0)
		goto out;
	if (kll_mapset_write(m, of.fp, &err) != KLL_OK) {
		report(&err);
		ofile_abort(&of);
		goto out;
	}
	if (ofile_commit(&of) < 0)
		goto out;
	if (!quiet)
		note(path, &st, o, 0);
	rc = finish(EXIT_OK);
out:
	kll_mapset_free(m);
	return rc;
}

int
map_learn(int argc, char **argv)
{
	kll_learn_opts o = KLL_LEARN_OPTS_INIT;
	const char *output = NULL, *key = NULL;
	int ch, quiet = 0, rc;

	optind = 1;
	argv[0] = (char *)progname;
	while ((ch = getopt_long(argc, argv, "s:t:L:o:qhV", longopts, NULL)) !=
	       -1) {
		if (meta_option(&o.imp, ch, optarg))
			continue;
		switch (ch) {
		case OPT_PRIVATE:
		case OPT_OUT_FORCE:
			output_flags |= OFILE_FLAG(ch);
			break;
		case 'o':
			output = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			fputs(help_text, stdout);
			return finish(EXIT_OK);
		case 'V':
			printf("kll-map %s\n", KLL_VERSION);
			return finish(EXIT_OK);
		default:
			if ((rc = learn_option(&o, ch, optarg, &key)) != 0)
				return rc;
		}
	}
	if (argc - optind != 1)
		return usage_error(
		    usage_text, "learn takes one evidence table");
	if (key != NULL && (o.pairs != NULL || output != NULL))
		return usage_error(usage_text,
		    "--key audits and writes nothing: no --pairs or -o");
	if (key == NULL &&
	    (o.imp.subject_vocab == NULL || o.imp.object_vocab == NULL))
		return usage_error(
		    usage_text, "name both vocabularies with -s and -t");
	o.imp.diag = on_diag;
	if (key != NULL)
		return run_audit(key, argv[optind], &o, quiet);
	return run_learn(argv[optind], output, &o, quiet);
}
