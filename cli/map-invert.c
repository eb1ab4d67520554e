/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map-invert.c: kll-map invert, a key read the other way round. */
#include <getopt.h>
#include <string.h>

#include "cli.h"

static const char usage_text[] =
    "usage: kll-map invert [-q] [-o file] key.sssom.tsv\n";

static const char help_text[] =
    "\n"
    "Write the key with its sides swapped (ids, labels, categories, types,\n"
    "sources and their versions, match fields, preprocessing), each\n"
    "predicate replaced by its inverse (broadMatch and narrowMatch swap;\n"
    "exactMatch, closeMatch, relatedMatch, owl:equivalentClass and\n"
    "owl:sameAs stay) and each cardinality turned round (1:n and n:1).\n"
    "Everything else stays: the inverse says the same.  Inverting twice\n"
    "gives the same bytes.  A predicate with no inverse among the SSSOM\n"
    "predicates (rdfs:subClassOf, and any kll does not know) is an error.\n"
    "\n"
    "Options:\n"
    "  -o, --output=FILE  write to FILE (replaced only when complete)\n"
    "      --private      make FILE readable by you only (0600)\n"
    "      --force        replace FILE even when it has other hard\n"
    "                     links, or write to the file it links to\n"
    "  -q, --quiet        no summary on stderr\n"
    "  -h, --help         this text;  -V, --version  the version\n"
    "\n"
    "Exit status: 0 done, 2 the key could not be read or inverted, or a\n"
    "usage error.\n";

static const struct option longopts[] = {
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

static int
invert(const char *path, const char *output, int quiet)
{
	kll_sssom_opts so = KLL_SSSOM_OPTS_INIT;
	kll_mapset *m = NULL;
	kll_error err;
	ofile of;
	int rc = EXIT_TROUBLE;

	so.diag = on_diag;
	if (kll_mapset_read(&m, path, &so, &err) != KLL_OK) {
		report(&err);
		return EXIT_TROUBLE;
	}
	if (kll_mapset_nerrors(m) > 0) {
		errmsg(
		    "%s: not inverted: the key has errors", kll_mapset_path(m));
		goto out;
	}
	if (kll_mapset_invert(m, on_diag, NULL, &err) != KLL_OK) {
		/* Each record without an inverse has been shown. */
		if (err.code != KLL_EINVALID)
			report(&err);
		goto out;
	}
	if (ofile_open(&of, output) < 0)
		goto out;
	if (kll_mapset_write(m, of.fp, &err) != KLL_OK) {
		if (err.file[0] == '\0')
			snprintf(err.file, sizeof(err.file), "%s",
			    output ? output : "<stdout>");
		report(&err);
		ofile_abort(&of);
		goto out;
	}
	if (ofile_commit(&of) < 0)
		goto out;
	if (!quiet && output != NULL)
		fprintf(stderr, "%s: %s: %zu records\n", progname, output,
		    kll_mapset_count(m));
	rc = EXIT_OK;
out:
	kll_mapset_free(m);
	return rc;
}

int
map_invert(int argc, char **argv)
{
	const char *output = NULL;
	int ch, quiet = 0, rc;

	optind = 1;
	argv[0] = (char *)progname; /* getopt's messages name it */
	while ((ch = getopt_long(argc, argv, "o:qhV", longopts, NULL)) != -1) {
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
			return usage_error(usage_text, NULL);
		}
	}
	if (argc - optind != 1)
		return usage_error(usage_text, "invert takes one key");
	/* After trouble, its message says it all, a write error too. */
	rc = invert(argv[optind], output, quiet);
	return rc == EXIT_TROUBLE ? rc : finish(rc);
}
