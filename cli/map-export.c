/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map-export.c: kll-map export, a key as SKOS mapping triples, SSSOM/RDF
 * or an XKOS correspondence. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage_text[] =
    "usage: kll-map export --to=skos|sssom-rdf|xkos [-q] [-o file] "
    "[-L dirs]\n"
    "           [--syntax=name] [--lang=lang] [--meta=slot=value] "
    "key.sssom.tsv\n";

static const char help_text[] =
    "\n"
    "Write a key as RDF.  What each form keeps:\n"
    "  skos       one triple 'subject predicate object' per record; records\n"
    "             with predicate_modifier Not or sssom:NoTermFound are\n"
    "             left out (a note says how many)\n"
    "  sssom-rdf  SSSOM/RDF: the set (named by its mapping_set_id) and one\n"
    "             owl:Axiom per record with all its slots; non-standard\n"
    "             columns are left out\n"
    "  xkos       an xkos:Correspondence made of one xkos:ConceptAssociation\n"
    "             per group of subjects and objects linked by records\n"
    "             (split, merge, n:m); predicates and per-record slots are\n"
    "             lost, negated records left out\n"
    "\n"
    "  -o, --output=FILE        write to FILE (replaced only when complete)\n"
    "                           instead of stdout\n"
    "      --private            make -o FILE readable by you only (0600)\n"
    "      --force              replace -o FILE even when it has other hard\n"
    "                           links, or write to the file it links to\n"
    "      --to=FORM            skos, sssom-rdf or xkos (required)\n"
    "      --syntax=NAME        output syntax: turtle (default), ntriples,\n"
    "                           rdfxml, rdfxml-abbrev, or another that\n"
    "                           raptor writes\n"
    "      --lang=LANG          xkos: language of the key's title and\n"
    "                           description (default en)\n"
    "  -L, --vocab-path=DIRS    xkos: folders to search first for the two\n"
    "                           vocabularies, whose titles name the\n"
    "                           correspondence when the key has no title,\n"
    "                           and in English when LANG is not English\n"
    "      --meta=SLOT=VALUE    set or replace a metadata slot of the key\n"
    "                           first (publication_date=2024-01-01);\n"
    "                           repeatable\n"
    "      --storage=NAME       librdf storage the graph is built in\n"
    "                           (default: hashes in memory)\n"
    "      --storage-name=NAME  and its name\n"
    "      --storage-options=OPTS  and its options, as librdf takes them\n"
    "  -q, --quiet              no notes on what was left out\n"
    "  -h, --help               this text;  -V, --version  the version\n"
    "\n"
    "Exit status: 0 written, 2 a usage error, a key that cannot be read or\n"
    "has errors, or a failed write.\n";

enum {
	OPT_TO = 256,
	OPT_SYNTAX,
	OPT_LANG,
	OPT_META,
	OPT_STORAGE,
	OPT_STORAGE_NAME,
	OPT_STORAGE_OPTS
};

static const struct option longopts[] = {
	{ "output", required_argument, NULL, 'o' },
	OFILE_LONGOPTS,
	{ "to", required_argument, NULL, OPT_TO },
	{ "syntax", required_argument, NULL, OPT_SYNTAX },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "vocab-path", required_argument, NULL, 'L' },
	{ "meta", required_argument, NULL, OPT_META },
	{ "storage", required_argument, NULL, OPT_STORAGE },
	{ "storage-name", required_argument, NULL, OPT_STORAGE_NAME },
	{ "storage-options", required_argument, NULL, OPT_STORAGE_OPTS },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

#define MAX_META 32

typedef struct opts {
	kll_export_opts x;
	const char *output;
	char *meta[MAX_META];
	size_t nmeta;
	int quiet, have_form;
} opts;

/* Findings of reading the key, and the export's notes. */
static void
on_diag(void *payload, const kll_error *d)
{
	const opts *o = payload;

	if (d->severity == KLL_SEV_INFO && o->quiet)
		return;
	print_diag(stderr, d, 0);
}

static int
parse_form(opts *o, const char *arg)
{
	if (strcmp(arg, "skos") == 0)
		o->x.form = KLL_EXPORT_SKOS;
	else if (strcmp(arg, "sssom-rdf") == 0)
		o->x.form = KLL_EXPORT_SSSOM_RDF;
	else if (strcmp(arg, "xkos") == 0)
		o->x.form = KLL_EXPORT_XKOS;
	else
		return usage_error(usage_text,
		    "bad form '%s': give skos, sssom-rdf or xkos", arg);
	o->have_form = 1;
	return 0;
}

static int
parse_args(opts *o, int argc, char **argv)
{
	int ch;

	optind = 1;
	argv[0] = (char *)progname; /* getopt's messages name it */
	while (
	    (ch = getopt_long(argc, argv, "o:L:qhV", longopts, NULL)) != -1) {
		switch (ch) {
		case OPT_PRIVATE:
		case OPT_OUT_FORCE:
			output_flags |= OFILE_FLAG(ch);
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'L':
			o->x.dirs = optarg;
			break;
		case OPT_TO:
			if (parse_form(o, optarg) != 0)
				return EXIT_TROUBLE;
			break;
		case OPT_SYNTAX:
			o->x.syntax = optarg;
			break;
		case OPT_LANG:
			o->x.lang = optarg;
			break;
		case OPT_META:
			if (o->nmeta == MAX_META)
				return usage_error(
				    usage_text, "too many --meta options");
			if (strchr(optarg, '=') == NULL)
				return usage_error(usage_text,
				    "bad --meta '%s': give SLOT=VALUE", optarg);
			o->meta[o->nmeta++] = optarg;
			break;
		case OPT_STORAGE:
			o->x.storage = optarg;
			break;
		case OPT_STORAGE_NAME:
			o->x.storage_name = optarg;
			break;
		case OPT_STORAGE_OPTS:
			o->x.storage_options = optarg;
			break;
		case 'q':
			o->quiet = 1;
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
	if (!o->have_form)
		return usage_error(usage_text, "give the form with --to");
	if (argc - optind != 1)
		return usage_error(usage_text, "export takes one key");
	if (o->x.syntax != NULL && !kll_rdf_can_write(o->x.syntax))
		return usage_error(usage_text,
		    "bad syntax '%s': raptor cannot write it", o->x.syntax);
	return 0;
}

/* Read the key and apply the --meta options; NULL after a report. */
static kll_mapset *
read_key(opts *o, const char *path)
{
	kll_sssom_opts so = KLL_SSSOM_OPTS_INIT;
	kll_mapset *m = NULL;
	kll_error err;
	size_t i;

	so.diag = on_diag;
	so.payload = o;
	if (kll_mapset_read(&m, path, &so, &err) != KLL_OK) {
		report(&err);
		return NULL;
	}
	if (kll_mapset_nerrors(m) > 0) {
		errmsg("%s: %zu error%s: not exported", kll_mapset_path(m),
		    kll_mapset_nerrors(m),
		    kll_mapset_nerrors(m) == 1 ? "" : "s");
		goto fail;
	}
	for (i = 0; i < o->nmeta; i++) {
		char *eq = strchr(o->meta[i], '=');
		*eq = '\0';
		if (kll_mapset_set_meta(m, o->meta[i], eq + 1, &err) !=
		    KLL_OK) {
			errmsg("--meta: %s", err.msg);
			goto fail;
		}
	}
	return m;
fail:
	kll_mapset_free(m);
	return NULL;
}

int
map_export(int argc, char **argv)
{
	opts o;
	kll_mapset *m;
	kll_error err;
	ofile of;
	int rc;

	memset(&o, 0, sizeof(o));
	if ((rc = parse_args(&o, argc, argv)) != 0)
		return rc < 0 ? finish(EXIT_OK) : rc;
	o.x.diag = on_diag;
	o.x.payload = &o;
	if ((m = read_key(&o, argv[optind])) == NULL)
		return EXIT_TROUBLE;
	if (ofile_open(&of, o.output) < 0) {
		kll_mapset_free(m);
		return EXIT_TROUBLE;
	}
	if (kll_mapset_export(m, &o.x, of.fp, o.output ? o.output : "<stdout>",
	        NULL, &err) != KLL_OK) {
		report(&err);
		ofile_abort(&of);
		kll_mapset_free(m);
		return EXIT_TROUBLE;
	}
	kll_mapset_free(m);
	if (ofile_commit(&of) < 0)
		return EXIT_TROUBLE;
	return finish(EXIT_OK);
}
