/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd-query.c: kll-query, SPARQL over the store or over files. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage_text[] =
    "usage: kll-query [--format=tsv|csv|json] [store options] query "
    "[file ...]\n";

static const char help_text[] =
    "\n"
    "Run a SPARQL query on the store that kll-store fills, or, with files,\n"
    "on those vocabularies (RDF) and keys (SSSOM/TSV, as SSSOM/RDF) read\n"
    "into memory, each in a graph of its own.  The results come out in\n"
    "the SPARQL 1.1 results formats; an ASK query gives true or false, a\n"
    "CONSTRUCT or DESCRIBE query N-Triples.  A query of the form @FILE is\n"
    "read from FILE.\n"
    "\n"
    "      --format=FORMAT      tsv (default), csv or json\n"
    "      --storage=NAME       librdf storage: sqlite (default) or\n"
    "                           postgresql\n"
    "      --storage-name=NAME  the SQLite file, or the PostgreSQL model\n"
    "      --storage-options=OPTS  librdf options; @FILE reads them from\n"
    "                           FILE\n"
    "  -h, --help               this text;  -V, --version  the version\n"
    "Without --storage-name, KLL_STORE=STORAGE:NAME names the store and\n"
    "KLL_STORE_OPTIONS gives its options.\n"
    "\n"
    "Exit status: 0 done, 2 a usage error, a query that does not parse, a\n"
    "file that cannot be read, or a store that cannot be opened.\n";

enum { OPT_FORMAT = 256, OPT_STORAGE, OPT_STORAGE_NAME, OPT_STORAGE_OPTS };

static const struct option longopts[] = {
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "storage", required_argument, NULL, OPT_STORAGE },
	{ "storage-name", required_argument, NULL, OPT_STORAGE_NAME },
	{ "storage-options", required_argument, NULL, OPT_STORAGE_OPTS },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/* The query text: the operand, or the file after '@'. */
static char *
query_text(const char *arg)
{
	FILE *fp;
	char *buf = NULL;
	size_t n = 0, cap = 0, r;

	if (arg[0] != '@')
		return strdup(arg);
	if ((fp = fopen(arg + 1, "r")) == NULL) {
		errmsg("%s: cannot open: %s", arg + 1, strerror(errno));
		return NULL;
	}
	do {
		if (cap - n < 4097) {
			char *p;
			cap = cap ? cap * 2 : 8192;
			if (cap > (1u << 24) ||
			    (p = realloc(buf, cap)) == NULL) {
				errmsg("%s: query too long", arg + 1);
				free(buf);
				fclose(fp);
				return NULL;
			}
			buf = p;
		}
		r = fread(buf + n, 1, 4096, fp);
		n += r;
	} while (r > 0);
	if (ferror(fp)) {
		errmsg("%s: read error", arg + 1);
		free(buf);
		fclose(fp);
		return NULL;
	}
	fclose(fp);
	buf[n] = '\0';
	return buf;
}

static int
run(const char *qarg, kll_results_format fmt, kll_store_opts *o, int argc,
    char **argv)
{
	kll_store *s = NULL;
	kll_error err;
	char *q;
	int rc = EXIT_OK;

	if ((q = query_text(qarg)) == NULL)
		return EXIT_TROUBLE;
	if ((argc > 0 ? kll_store_open_files(
	                    &s, (const char *const *)argv, (size_t)argc, &err) :
	                kll_store_open(&s, o, &err)) != KLL_OK ||
	    kll_store_query(s, q, fmt, stdout, "<stdout>", NULL, &err) !=
	        KLL_OK) {
		/* A failed write to stdout is said once, by finish(). */
		if (!ferror(stdout))
			report(&err);
		rc = EXIT_TROUBLE;
	}
	kll_store_free(s);
	free(q);
	return finish(rc);
}

int
cmd_query(int argc, char **argv)
{
	kll_store_opts o = KLL_STORE_OPTS_INIT;
	kll_results_format fmt = KLL_RESULTS_TSV;
	int ch;

	progname = "kll-query";
	while ((ch = getopt_long(argc, argv, "hV", longopts, NULL)) != -1) {
		switch (ch) {
		case OPT_FORMAT:
			if (strcmp(optarg, "tsv") == 0)
				fmt = KLL_RESULTS_TSV;
			else if (strcmp(optarg, "csv") == 0)
				fmt = KLL_RESULTS_CSV;
			else if (strcmp(optarg, "json") == 0)
				fmt = KLL_RESULTS_JSON;
			else
				return usage_error_text(
				    usage_text, "unknown format '%s'", optarg);
			break;
		case OPT_STORAGE:
			o.storage = optarg;
			break;
		case OPT_STORAGE_NAME:
			o.name = optarg;
			break;
		case OPT_STORAGE_OPTS:
			o.options = optarg;
			break;
		case 'h':
			fputs(usage_text, stdout);
			fputs(help_text, stdout);
			return finish(EXIT_OK);
		case 'V':
			printf("kll-query %s\n", KLL_VERSION);
			return finish(EXIT_OK);
		default:
			return usage_error_text(usage_text, NULL);
		}
	}
	if (optind >= argc)
		return usage_error_text(usage_text, "no query");
	return run(argv[optind], fmt, &o, argc - optind - 1, argv + optind + 1);
}
