/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map-apply.c: kll-map apply, recoding a column of a CSV/TSV data file
 * through a key.  The data are about people: messages name a row by its
 * line and show no field but the code. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage_text[] =
    "usage: kll-map apply -k key.sssom.tsv -c n|name [-q] [-L dirs] "
    "[-o file] [--no-header]\n"
    "                     [--keep] [--output-name=NAME] "
    "[--multi=best|all|first|fail]\n"
    "                     [--unmapped=empty|keep|fail] "
    "[--predicates=LIST] [data.csv|-]\n";

static const char help_text[] =
    "\n"
    "Recode column n (1-based) or name of a CSV or TSV table through the\n"
    "key: each code of the key's subject vocabulary becomes its targets in\n"
    "the object vocabulary.  The table streams (stdin when no file is\n"
    "given) and comes out in the same dialect: the same separator, quotes\n"
    "only where a field needs them, LF line ends, the header kept.\n"
    "Codes match loosely when the subject vocabulary can be loaded\n"
    "(\"110\" is 0110, \"01110\" is 01.110), else exactly as the key's\n"
    "CURIEs end.  Targets are written as the object vocabulary's\n"
    "notations, else as the CURIEs end.\n"
    "\n"
    "Options:\n"
    "  -k, --key=FILE         the key (SSSOM/TSV)\n"
    "  -c, --column=N|NAME    the column to recode\n"
    "  -o, --output=FILE      write to FILE (replaced only when complete)\n"
    "      --private          (always: the output is 0600, or the mode of\n"
    "                         the file it replaces without group or other\n"
    "                         bits)\n"
    "      --force            replace -o FILE even when it has other hard\n"
    "                         links, or write to the file it links to\n"
    "      --no-header        the first row is data\n"
    "      --keep             keep the column and add the recoded one after\n"
    "                         it, named NAME_to\n"
    "      --output-name=NAME header of the recoded column\n"
    "      --multi=HOW        a code with several targets: best (the\n"
    "                         default: the strongest predicate, exact,\n"
    "                         then narrow or broad, then close, then\n"
    "                         related; then the highest confidence; then\n"
    "                         the key's first row), all (one row each),\n"
    "                         first (in byte order), fail\n"
    "      --unmapped=HOW     a code with no target: empty (the default),\n"
    "                         keep (copy the code: the column then mixes\n"
    "                         two classifications), fail\n"
    "      --predicates=LIST  use only records with these predicates,\n"
    "                         comma-separated: exact, close, broad,\n"
    "                         narrow, related, equivalent, sameas,\n"
    "                         subclass, or CURIEs\n"
    "  -L, --vocab-path=DIRS  folders to search for the key's vocabularies\n"
    "  -q, --quiet            no report on stderr\n"
    "  -h, --help             this text;  -V, --version  the version\n"
    "\n"
    "The report on stderr names each code with no target and each with\n"
    "several, with its number of rows, then the totals and the policies.\n"
    "\n"
    "Exit status: 0 done, 2 a file could not be read or written, a row\n"
    "has no such column, --multi=fail or --unmapped=fail met a code, or a\n"
    "usage error.\n";

enum {
	OPT_NO_HEADER = 256,
	OPT_KEEP,
	OPT_OUTPUT_NAME,
	OPT_MULTI,
	OPT_UNMAPPED,
	OPT_PREDICATES
};

static const struct option longopts[] = {
	{ "key", required_argument, NULL, 'k' },
	{ "column", required_argument, NULL, 'c' },
	{ "output", required_argument, NULL, 'o' },
	OFILE_LONGOPTS,
	{ "no-header", no_argument, NULL, OPT_NO_HEADER },
	{ "keep", no_argument, NULL, OPT_KEEP },
	{ "output-name", required_argument, NULL, OPT_OUTPUT_NAME },
	{ "multi", required_argument, NULL, OPT_MULTI },
	{ "unmapped", required_argument, NULL, OPT_UNMAPPED },
	{ "predicates", required_argument, NULL, OPT_PREDICATES },
	{ "vocab-path", required_argument, NULL, 'L' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

#define MAX_PREDICATES 32

typedef struct opts {
	kll_apply_opts ao;
	const char *key, *dirs, *output, *data;
	const char *preds[MAX_PREDICATES];
	int quiet;
} opts;

static void
on_diag(void *payload, const kll_error *d)
{
	(void)payload;
	print_diag(stderr, d, 0);
}

static int
parse_multi(opts *o, const char *arg)
{
	if (strcmp(arg, "best") == 0)
		o->ao.multi = KLL_MULTI_BEST;
	else if (strcmp(arg, "all") == 0)
		o->ao.multi = KLL_MULTI_ALL;
	else if (strcmp(arg, "first") == 0)
		o->ao.multi = KLL_MULTI_FIRST;
	else if (strcmp(arg, "fail") == 0)
		o->ao.multi = KLL_MULTI_FAIL;
	else
		return usage_error(usage_text,
		    "bad --multi '%s': give best, all, first or fail", arg);
	return 0;
}

static int
parse_unmapped(opts *o, const char *arg)
{
	if (strcmp(arg, "keep") == 0)
		o->ao.unmapped = KLL_UNMAPPED_KEEP;
	else if (strcmp(arg, "empty") == 0)
		o->ao.unmapped = KLL_UNMAPPED_EMPTY;
	else if (strcmp(arg, "fail") == 0)
		o->ao.unmapped = KLL_UNMAPPED_FAIL;
	else
		return usage_error(usage_text,
		    "bad --unmapped '%s': give empty, keep or fail", arg);
	return 0;
}

static int
parse_predicates(opts *o, char *arg)
{
	int n, i;

	if ((n = split_list(arg, o->preds, MAX_PREDICATES)) < 0)
		return usage_error(usage_text, "too many predicates");
	if (n == 0)
		return usage_error(usage_text, "no predicate in --predicates");
	for (i = 0; i < n; i++)
		if (kll_pred_from_name(o->preds[i]) == KLL_PRED_NONE &&
		    strchr(o->preds[i], ':') == NULL)
			return usage_error(usage_text,
			    "bad predicate '%s': give exact, close, broad, "
			    "narrow, related or a CURIE",
			    o->preds[i]);
	o->ao.predicates = o->preds;
	o->ao.npredicates = (size_t)n;
	return 0;
}

static int
check_args(opts *o, int argc, char **argv)
{
	int digits;

	if (o->key == NULL)
		return usage_error(usage_text, "apply needs a key (-k)");
	if (o->ao.column == NULL || *o->ao.column == '\0')
		return usage_error(usage_text, "apply needs a column (-c)");
	digits = strspn(o->ao.column, "0123456789") == strlen(o->ao.column);
	if (digits && strtoul(o->ao.column, NULL, 10) == 0)
		return usage_error(usage_text,
		    "bad column number '%s': columns count from 1",
		    o->ao.column);
	if (!digits && o->ao.no_header)
		return usage_error(usage_text,
		    "with --no-header, give the column by number, not '%s'",
		    o->ao.column);
	if (argc - optind > 1)
		return usage_error(usage_text, "apply takes one data file");
	o->data = argc - optind == 1 ? argv[optind] : "-";
	if (strcmp(o->key, "-") == 0 && strcmp(o->data, "-") == 0)
		return usage_error(
		    usage_text, "the key and the data cannot both be stdin");
	return 0;
}

/* Returns 0, a usage error's status, or -1 after --help or --version. */
static int
parse_opts(opts *o, int argc, char **argv)
{
	int ch, r = 0;

	optind = 1;
	argv[0] = (char *)progname; /* getopt's messages name it */
	while (r == 0 && (ch = getopt_long(argc, argv, "k:c:o:L:qhV", longopts,
	                      NULL)) != -1) {
		switch (ch) {
		case 'k':
			o->key = optarg;
			break;
		case 'c':
			o->ao.column = optarg;
			break;
		case OPT_PRIVATE:
		case OPT_OUT_FORCE:
			output_flags |= OFILE_FLAG(ch);
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'L':
			o->dirs = optarg;
			break;
		case 'q':
			o->quiet = 1;
			break;
		case OPT_NO_HEADER:
			o->ao.no_header = 1;
			break;
		case OPT_KEEP:
			o->ao.keep = 1;
			break;
		case OPT_OUTPUT_NAME:
			o->ao.output_name = optarg;
			break;
		case OPT_MULTI:
			r = parse_multi(o, optarg);
			break;
		case OPT_UNMAPPED:
			r = parse_unmapped(o, optarg);
			break;
		case OPT_PREDICATES:
			r = parse_predicates(o, optarg);
			break;
		case 'h':
			fputs(usage_text, stdout);
			fputs(help_text, stdout);
			return -1;
		case 'V':
			printf("kll-map %s\n", KLL_VERSION);
			return -1;
		default:
			return usage_error(usage_text, NULL);
		}
	}
	return r != 0 ? r : check_args(o, argc, argv);
}

/* The vocabulary of one side, or NULL with a note saying why. */
static kll_vocab *
side_vocab(const opts *o, const kll_mapset *m, kll_side side)
{
	kll_vocab *v = NULL;
	kll_error err;

	if (kll_mapset_vocab(&v, m, side, o->dirs, NULL, &err) == KLL_OK)
		return v;
	if (!o->quiet)
		errmsg("%s: note: no %s vocabulary (%s%s%s): %s",
		    kll_mapset_path(m),
		    side == KLL_SUBJECT ? "subject" : "object", err.file,
		    err.file[0] ? ": " : "", err.msg,
		    side == KLL_SUBJECT ?
		        "codes must match the key's exactly" :
		        "targets are written as the key's CURIEs end");
	return NULL;
}

static const char *
rows(unsigned long long n)
{
	return n == 1 ? "row" : "rows";
}

static void
on_report(
    void *payload, const char *code, size_t ntargets, unsigned long long n)
{
	const char *data = payload;

	if (ntargets == 0)
		fprintf(stderr, "%s: %s: no target for code '%s' in %llu %s\n",
		    progname, data, code, n, rows(n));
	else
		fprintf(stderr,
		    "%s: %s: %zu targets for code '%s' in %llu %s\n", progname,
		    data, ntargets, code, n, rows(n));
}

static void
totals(const char *data, const kll_apply_stats *s, const kll_apply_opts *ao)
{
	fprintf(stderr,
	    "%s: %s: %llu %s: %llu with one target, %llu with several "
	    "(--multi=%s), %llu with none (--unmapped=%s), %llu empty; %llu "
	    "written\n",
	    progname, data, s->rows, rows(s->rows), s->mapped, s->multi,
	    kll_multi_name(ao->multi), s->unmapped,
	    kll_unmapped_name(ao->unmapped), s->empty, s->written);
	if (s->unlisted > 0)
		fprintf(stderr,
		    "%s: %s: %llu more %s with no target have codes not "
		    "named above\n",
		    progname, data, s->unlisted, rows(s->unlisted));
}

static int
run(opts *o, kll_mapset *m)
{
	const char *data = strcmp(o->data, "-") == 0 ? "<stdin>" : o->data;
	kll_vocab *sv, *ov;
	kll_apply_stats stats;
	kll_error err;
	ofile of;
	int rc = EXIT_TROUBLE;

	sv = side_vocab(o, m, KLL_SUBJECT);
	ov = side_vocab(o, m, KLL_OBJECT);
	o->ao.subject_vocab = sv;
	o->ao.object_vocab = ov;
	if (!o->quiet) {
		o->ao.report = on_report;
		o->ao.payload = (void *)data;
	}
	if (ofile_open(&of, o->output) < 0)
		goto out;
	if (kll_mapset_apply(m, o->data, of.fp,
	        o->output ? o->output : "<stdout>", &o->ao, &stats,
	        &err) != KLL_OK) {
		if (err.rule[0] != '\0') {
			err.severity = KLL_SEV_ERROR;
			print_diag(stderr, &err, 0);
		} else {
			report(&err);
		}
		ofile_abort(&of);
		goto out;
	}
	if (ofile_commit(&of) < 0)
		goto out;
	if (!o->quiet)
		totals(data, &stats, &o->ao);
	rc = EXIT_OK;
out:
	kll_vocab_free(sv);
	kll_vocab_free(ov);
	return rc;
}

int
map_apply(int argc, char **argv)
{
	kll_apply_opts def = KLL_APPLY_OPTS_INIT;
	kll_sssom_opts so = KLL_SSSOM_OPTS_INIT;
	kll_mapset *m = NULL;
	kll_error err;
	opts o;
	int rc;

	memset(&o, 0, sizeof(o));
	o.ao = def;
	output_flags |= OFILE_PRIVATE; /* the data are about people */
	if ((rc = parse_opts(&o, argc, argv)) != 0)
		return rc < 0 ? finish(EXIT_OK) : rc;
	so.diag = on_diag;
	if (kll_mapset_read(&m, o.key, &so, &err) != KLL_OK) {
		report(&err);
		return EXIT_TROUBLE;
	}
	if (kll_mapset_nerrors(m) > 0) {
		errmsg(
		    "%s: not applied: the key has errors", kll_mapset_path(m));
		rc = EXIT_TROUBLE;
	} else {
		rc = run(&o, m);
	}
	kll_mapset_free(m);
	/* After trouble, its message says it all, a write error too. */
	return rc == EXIT_TROUBLE ? rc : finish(rc);
}
