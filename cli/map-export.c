/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map-export.c: kll-map export, a key as SKOS mapping triples, SSSOM/RDF,
 * an XKOS correspondence, SSSOM/JSON or JSKOS. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct opts {
	kll_export_opts x;
	const char *output;
	cli_list meta;
	int quiet, have_form, tsv;
} opts;

enum { OPT_TO = 256, OPT_META, OPT_XKOS_ASSOC };

#define SET(m) CLI_SET(opts, m)

static const cli_opt options[] = {
	{ "to", OPT_TO, "skos|sssom-rdf|xkos|sssom-json|jskos|sssom-tsv",
	    "the form (required)", .usage = CLI_U1 | CLI_R1 },
	{ "quiet", 'q', NULL, "no notes on what was left out", .usage = CLI_U1,
	    .set = SET(quiet) },
	CLI_OPT_OUTPUT(CLI_U1, SET(output)),
	CLI_OPT_PRIVATE,
	CLI_OPT_FORCE,
	{ "vocab-path", 'L', "dirs",
	    "xkos: folders to search first for the two vocabularies, whose "
	    "titles name the correspondence when the key has no title, and in "
	    "English when --lang is not English",
	    .usage = CLI_U1, .set = SET(x.dirs) },
	{ "syntax", CLI_AUTO, "name",
	    "output syntax: turtle (default), ntriples, rdfxml, rdfxml-abbrev, "
	    "or another that raptor writes",
	    .usage = CLI_U1, .set = SET(x.syntax) },
	{ "lang", CLI_AUTO, "lang",
	    "xkos: language of the key's title and description (default en)",
	    .usage = CLI_U1, .set = SET(x.lang) },
	{ "xkos-associations", OPT_XKOS_ASSOC, "group|pair",
	    "xkos: one concept association per group of concepts the rows "
	    "connect (default), or one per row",
	    .usage = CLI_U1 },
	{ "meta", OPT_META, "slot=value",
	    "set or replace a metadata slot of the key first "
	    "(publication_date=2024-01-01); repeatable",
	    .usage = CLI_U1 },
	{ "storage", CLI_AUTO, "NAME",
	    "librdf storage the graph is built in (default: hashes in memory)",
	    .set = SET(x.storage) },
	{ "storage-name", CLI_AUTO, "NAME", "and its name",
	    .set = SET(x.storage_name) },
	{ "storage-options", CLI_AUTO, "OPTS",
	    "and its options, as librdf takes them",
	    .set = SET(x.storage_options) },
	CLI_OPT_FROM,
	CLI_OPT_HELP,
	{ NULL },
};

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
on_option(void *ctx, int key, char *arg)
{
	static const char *const forms[] = { "skos", "sssom-rdf", "xkos",
		"sssom-json", "jskos", "sssom-tsv", NULL };
	static const kll_export_form form[] = { KLL_EXPORT_SKOS,
		KLL_EXPORT_SSSOM_RDF, KLL_EXPORT_XKOS, KLL_EXPORT_SSSOM_JSON,
		KLL_EXPORT_JSKOS, KLL_EXPORT_JSKOS };
	opts *o = ctx;
	int i;

	switch (key) {
	case OPT_TO:
		if (parse_choice(arg, "form", forms, &i) != 0)
			return EXIT_TROUBLE;
		o->x.form = form[i];
		o->have_form = 1;
		o->tsv = strcmp(forms[i], "sssom-tsv") == 0;
		break;
	case OPT_META:
		return push_meta(&o->meta, arg);
	case OPT_XKOS_ASSOC: {
		static const char *const kinds[] = { "group", "pair", NULL };
		if (parse_choice(arg, "association", kinds, &i) != 0)
			return EXIT_TROUBLE;
		o->x.xkos_pairs = i;
		break;
	}
	}
	return 0;
}

static int
parse_args(opts *o, int argc, char **argv)
{
	int rc;

	if ((rc = cli_parse(&map_export_cmd, argc, argv, on_option, o)) !=
	    CLI_GO)
		return rc;
	if (!o->have_form)
		return usage_error("give the form with --to");
	if (o->x.syntax != NULL && !kll_rdf_can_write(o->x.syntax))
		return usage_error(
		    "bad syntax '%s': raptor cannot write it", o->x.syntax);
	return CLI_GO;
}

/* Read the key and apply the --meta options; NULL after a report. */
static kll_mapset *
open_key(opts *o, const char *path)
{
	kll_mapset *m;
	size_t i;

	if ((m = read_key(path, on_diag, o, "exported")) == NULL)
		return NULL;
	for (i = 0; i < o->meta.n; i++)
		if (set_meta(m, o->meta.v[i]) < 0) {
			kll_mapset_free(m);
			return NULL;
		}
	return m;
}

static int
run(int argc, char **argv)
{
	opts o;
	kll_mapset *m;
	kll_error err;
	ofile of;
	int rc;

	memset(&o, 0, sizeof(o));
	if ((rc = parse_args(&o, argc, argv)) != CLI_GO)
		return rc;
	o.x.diag = on_diag;
	o.x.payload = &o;
	if ((m = open_key(&o, argv[optind])) == NULL)
		return EXIT_TROUBLE;
	if (ofile_open(&of, o.output) < 0) {
		kll_mapset_free(m);
		return EXIT_TROUBLE;
	}
	if ((o.tsv ? kll_mapset_write(m, of.fp, &err) :
	             kll_mapset_export(m, &o.x, of.fp,
	                 o.output ? o.output : "<stdout>", NULL, &err)) !=
	    KLL_OK) {
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

const cli_cmd map_export_cmd = {
	.name = "kll-map export",
	.summary = "SKOS mapping triples, SSSOM/RDF, XKOS, SSSOM/JSON or JSKOS",
	.run = run,
	.operands = { "key.sssom.tsv" },
	.about =
	    "Write a key as RDF or JSON.  What each form keeps:\n"
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
	    "  sssom-json SSSOM/JSON: the set's slots, curie_map and mappings,\n"
	    "             everything the key holds\n"
	    "  jskos      JSKOS as NDJSON, as jskos-server imports it: the\n"
	    "             concordance, then one mapping a line (a 1:n group\n"
	    "             as one mapping with several targets)\n"
	    "  sssom-tsv  canonical SSSOM/TSV, for a key read with --from\n",
	.opts = options,
	.args = { 1, 1, "export takes one key" },
	.after =
	    "Exit status: 0 written, 2 a usage error, a key that cannot be "
	    "read or\nhas errors, or a failed write.\n",
	.rules = "sssom- limit- export-",
};
