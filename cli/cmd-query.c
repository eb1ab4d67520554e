/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd-query.c: kll-query, SPARQL over the store or over files. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct args {
	kll_store_opts store;
	int fmt; /* kll_results_format */
} args;

enum { OPT_FORMAT = 256 };

static int
on_option(void *ctx, int key, char *arg)
{
	static const char *const formats[] = { "tsv", "csv", "json", NULL };
	args *a = ctx;

	(void)key;
	return parse_choice(arg, "format", formats, &a->fmt);
}

#define SET(m) CLI_SET(args, m)
static const cli_opt options[] = {
	{ "format", OPT_FORMAT, "tsv|csv|json",
	    "the results format: tsv (default), csv or json",
	    .usage = CLI_U1 | CLI_LONG },
	{ "storage", CLI_AUTO, "NAME",
	    "librdf storage: sqlite (default) or postgresql",
	    .set = SET(store.storage) },
	{ "storage-name", CLI_AUTO, "NAME",
	    "the SQLite file, or the PostgreSQL model",
	    .set = SET(store.name) },
	{ "storage-options", CLI_AUTO, "OPTS",
	    "librdf options; @FILE reads them from FILE",
	    .set = SET(store.options) },
	CLI_OPT_HELP,
	{ NULL },
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

static int
parse_run(int argc, char **argv)
{
	args a = { KLL_STORE_OPTS_INIT, KLL_RESULTS_TSV };
	int rc;

	if ((rc = cli_parse(&query_cmd, argc, argv, on_option, &a)) != CLI_GO)
		return rc;
	return run(argv[optind], (kll_results_format)a.fmt, &a.store,
	    argc - optind - 1, argv + optind + 1);
}

const cli_cmd query_cmd = {
	.name = "kll-query",
	.run = parse_run,
	.operands = { "[store options] query [file ...]" },
	.about =
	    "Run a SPARQL query on the store that kll-store fills, or, with files,\n"
	    "on those vocabularies (RDF) and keys (SSSOM/TSV, as SSSOM/RDF) read\n"
	    "into memory, each in a graph of its own.  The results come out in\n"
	    "the SPARQL 1.1 results formats; an ASK query gives true or false, a\n"
	    "CONSTRUCT or DESCRIBE query N-Triples.  A query of the form @FILE is\n"
	    "read from FILE.\n",
	.opts = options,
	.args = { 1, 0, "no query" },
	.after =
	    "Without --storage-name, KLL_STORE=STORAGE:NAME names the store and\n"
	    "KLL_STORE_OPTIONS gives its options.\n"
	    "\n"
	    "Exit status: 0 done, 2 a usage error, a query that does not parse, a\n"
	    "file that cannot be read, or a store that cannot be opened.\n",
};

int
cmd_query(int argc, char **argv)
{
	progname = "kll-query";
	return parse_run(argc, argv);
}
