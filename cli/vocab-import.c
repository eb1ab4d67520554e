/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* vocab-import.c: kll-vocab import, a classification table to SKOS+XKOS. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct args {
	kll_import_opts o;
	cli_list titles, descs, names, pats, cols, extra;
	const char *output;
	char *langs;
	int quiet;
} args;

enum {
	OPT_TITLE = 256,
	OPT_DESC,
	OPT_LEVEL_NAME,
	OPT_PATTERN,
	OPT_COLUMN,
	OPT_EXTRA,
	OPT_ENCODING
};

#define SET(m) CLI_SET(args, m)

static const cli_opt options[] = {
	{ "quiet", 'q', NULL, "no summary on stderr", CLI_U1, SET(quiet) },
	CLI_OPT_OUTPUT(CLI_U1, SET(output)),
	CLI_OPT_PRIVATE,
	CLI_OPT_FORCE,
	{ "id", CLI_AUTO, "id", "short id (default: the table's base name)",
	    CLI_U1, SET(o.id) },
	{ "scheme-iri", CLI_AUTO, "IRI",
	    "the scheme's IRI (default: BASE followed by the id); concepts get "
	    "SCHEME/CODE",
	    0, SET(o.scheme_iri) },
	{ "base", CLI_AUTO, "IRI",
	    "base of the IRIs kll mints (default " KLL_BASE_IRI ")", 0,
	    SET(o.base_iri) },
	{ "title", OPT_TITLE, "lang=text", "the scheme's title; repeatable",
	    CLI_U1 },
	{ "description", OPT_DESC, "LANG=TEXT",
	    "the scheme's description; repeatable" },
	{ "version", CLI_AUTO, "TEXT", "owl:versionInfo", 0, SET(o.version) },
	{ "issued", CLI_AUTO, "DATE", "dcterms:issued (YYYY-MM-DD)", 0,
	    SET(o.issued) },
	{ "license", CLI_AUTO, "IRI", "dcterms:license", 0, SET(o.license) },
	{ "source", CLI_AUTO, "IRI", "dcterms:source (the publisher's page)", 0,
	    SET(o.source) },
	{ "publisher", CLI_AUTO, "TEXT", "dc:publisher", 0, SET(o.publisher) },
	{ "rights", CLI_AUTO, "TEXT", "dcterms:rights (who holds them)", 0,
	    SET(o.rights) },
	{ "lang", CLI_AUTO, "langs",
	    "languages every concept must have a label in, comma-separated "
	    "(e.g. sv,en)",
	    CLI_U1, SET(langs) },
	{ "level-name", OPT_LEVEL_NAME, "DEPTH=LANG=TEXT",
	    "name of a level; repeatable" },
	{ "pattern", OPT_PATTERN, "depth=regex",
	    "xkos:notationPattern of a level (POSIX extended, whole code); "
	    "codes are checked",
	    CLI_U1 },
	{ "no-levels", CLI_AUTO, NULL,
	    "no XKOS levels: for a polyhierarchy, where a concept's depth is "
	    "not a level",
	    0, SET(o.no_levels) },
	{ "column", OPT_COLUMN, "NEW=OLD",
	    "read the table's column OLD as NEW (e.g. code=vardekod); "
	    "repeatable" },
	{ "extra-column", OPT_EXTRA, "NAME",
	    "leave the column NAME out; any other column kll does not know is "
	    "an error; repeatable" },
	{ "separator", 's', "CHAR",
	    "field separator: ',', ';' or 'tab' (default: guessed from the "
	    "header)" },
	{ "encoding", OPT_ENCODING, "NAME",
	    "the table's encoding: utf-8 (the default), windows-1252, "
	    "iso-8859-1, utf-16 (with a byte-order mark) or any name iconv "
	    "knows" },
	{ "syntax", CLI_AUTO, "NAME",
	    "output syntax: turtle (default), rdfxml, rdfxml-abbrev, ntriples",
	    0, SET(o.syntax) },
	{ "storage", CLI_AUTO, "NAME",
	    "librdf storage the graph is built in (default: hashes in memory; "
	    "also sqlite, postgresql, virtuoso...)",
	    0, SET(o.storage) },
	{ "storage-name", CLI_AUTO, "NAME", "and its name", 0,
	    SET(o.storage_name) },
	{ "storage-options", CLI_AUTO, "OPTS",
	    "and its options, as librdf takes them", 0,
	    SET(o.storage_options) },
	{ "help", 'h', NULL, "this text" },
	{ "show-version", 'V', NULL, "the version" },
	{ NULL },
};

static int
on_option(void *ctx, int key, char *arg)
{
	args *a = ctx;

	switch (key) {
	case OPT_TITLE:
		return push_arg(&a->titles, arg, "title");
	case OPT_DESC:
		return push_arg(&a->descs, arg, "description");
	case OPT_LEVEL_NAME:
		return push_arg(&a->names, arg, "level-name");
	case OPT_PATTERN:
		return push_arg(&a->pats, arg, "pattern");
	case OPT_COLUMN:
		return push_arg(&a->cols, arg, "column");
	case OPT_EXTRA:
		return push_arg(&a->extra, arg, "extra-column");
	case 's':
		return parse_separator(arg, &a->o.sep);
	case OPT_ENCODING:
		return parse_encoding(arg, &a->o.encoding);
	}
	return 0;
}

static int
run(int argc, char **argv)
{
	static args a; /* the lists are large */
	kll_import_opts *o = &a.o;
	const char *langs[16];
	int n, rc;
	size_t count = 0;
	kll_error err;
	ofile of;

	memset(&a, 0, sizeof(a));
	*o = (kll_import_opts)KLL_IMPORT_OPTS_INIT;
	if ((rc = cli_parse(&vocab_import_cmd, argc, argv, on_option, &a)) !=
	    CLI_GO)
		return rc;
	if (a.langs != NULL) {
		if ((n = split_list(a.langs, langs, 16)) < 0)
			return usage_error("too many languages");
		o->langs = langs;
		o->nlangs = (size_t)n;
	}
	o->titles = a.titles.v, o->ntitles = a.titles.n;
	o->descriptions = a.descs.v, o->ndescriptions = a.descs.n;
	o->level_names = a.names.v, o->nlevel_names = a.names.n;
	o->patterns = a.pats.v, o->npatterns = a.pats.n;
	o->renames = a.cols.v, o->nrenames = a.cols.n;
	o->extra_columns = a.extra.v, o->nextra_columns = a.extra.n;
	o->diag = diag_stderr;
	if (ofile_open(&of, a.output) < 0)
		return EXIT_TROUBLE;
	if (kll_vocab_import(argv[optind], o, of.fp,
	        a.output ? a.output : "<stdout>", &count, &err) != KLL_OK) {
		/* Table problems went to on_diag one by one already. */
		if (err.code != KLL_EINVALID || err.rule[0] == '\0')
			report_table_error(&err);
		ofile_abort(&of);
		return EXIT_TROUBLE;
	}
	if (ofile_commit(&of) < 0)
		return EXIT_TROUBLE;
	if (!a.quiet && a.output != NULL)
		fprintf(stderr, "%s: %s: %zu concepts\n", progname, a.output,
		    count);
	return finish(EXIT_OK);
}

const cli_cmd vocab_import_cmd = {
	.name = "kll-vocab import",
	.summary = "a classification table (CSV) to SKOS+XKOS Turtle",
	.run = run,
	.operands = { "[options] table.csv" },
	.about =
	    "Write the SKOS+XKOS vocabulary of a classification table (CSV or TSV\n"
	    "with a header: code, parent or level, label_LANG, altlabels_LANG,\n"
	    "definition_LANG, scopenote_LANG, note_LANG, iri, deprecated,\n"
	    "replaced_by).  Every problem of the table is reported, one line each,\n"
	    "and nothing is written unless there is none.  The table is UTF-8\n"
	    "unless --encoding says otherwise or it starts with the byte-order\n"
	    "mark of UTF-16 or UTF-32.\n",
	.opts = options,
	.args = { 1, 1, "import takes one table" },
	.rules = "import- limit- encoding-",
};
