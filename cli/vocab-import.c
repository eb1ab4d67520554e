/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* vocab-import.c: kll-vocab import, a classification table to SKOS+XKOS. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage_text[] =
    "usage: kll-vocab import [-q] [-o file] [--id id] [--title lang=text]\n"
    "           [--lang langs] [--pattern depth=regex] [options] table.csv\n";

static const char help_text[] =
    "\n"
    "Write the SKOS+XKOS vocabulary of a classification table (CSV or TSV\n"
    "with a header: code, parent or level, label_LANG, altlabels_LANG,\n"
    "definition_LANG, scopenote_LANG, note_LANG, iri, deprecated,\n"
    "replaced_by).  Every problem of the table is reported, one line each,\n"
    "and nothing is written unless there is none.\n"
    "\n"
    "  -o, --output=FILE        write to FILE (replaced only when complete)\n"
    "                           instead of stdout\n"
    "      --private            make -o FILE readable by you only (0600)\n"
    "      --force              replace -o FILE even when it has other hard\n"
    "                           links, or write to the file it links to\n"
    "      --id=ID              short id (default: the table's base name)\n"
    "      --scheme-iri=IRI     the scheme's IRI (default: BASE followed by\n"
    "                           the id); concepts get SCHEME/CODE\n"
    "      --base=IRI           base of the IRIs kll mints (default " KLL_BASE_IRI
    ")\n"
    "      --title=LANG=TEXT    the scheme's title; repeatable\n"
    "      --description=LANG=TEXT  repeatable\n"
    "      --version=TEXT       owl:versionInfo\n"
    "      --issued=DATE        dcterms:issued (YYYY-MM-DD)\n"
    "      --license=IRI        dcterms:license\n"
    "      --source=IRI         dcterms:source (the publisher's page)\n"
    "      --publisher=TEXT     dc:publisher\n"
    "      --rights=TEXT        dcterms:rights (who holds them)\n"
    "      --lang=LANGS         languages every concept must have a\n"
    "                           label in, comma-separated (e.g. sv,en)\n"
    "      --level-name=DEPTH=LANG=TEXT  name of a level; repeatable\n"
    "      --pattern=DEPTH=REGEX  xkos:notationPattern of a level (POSIX\n"
    "                           extended, whole code); codes are checked\n"
    "      --no-levels          no XKOS levels: for a polyhierarchy, where\n"
    "                           a concept's depth is not a level\n"
    "      --column=NEW=OLD     read the table's column OLD as NEW (e.g.\n"
    "                           code=vardekod); repeatable\n"
    "      --extra-column=NAME  leave the column NAME out; any other\n"
    "                           column kll does not know is an error;\n"
    "                           repeatable\n"
    "  -s, --separator=CHAR     field separator: ',', ';' or 'tab'\n"
    "                           (default: guessed from the header)\n"
    "      --syntax=NAME        output syntax: turtle (default), rdfxml,\n"
    "                           rdfxml-abbrev, ntriples\n"
    "      --storage=NAME       librdf storage the graph is built in\n"
    "                           (default: hashes in memory; also sqlite,\n"
    "                           postgresql, virtuoso...)\n"
    "      --storage-name=NAME  and its name\n"
    "      --storage-options=OPTS  and its options, as librdf takes them\n"
    "  -q, --quiet              no summary on stderr\n"
    "  -h, --help               this text;  -V, --version  the version\n";

enum {
	OPT_ID = 256,
	OPT_SCHEME,
	OPT_BASE,
	OPT_TITLE,
	OPT_DESC,
	OPT_VERSION,
	OPT_ISSUED,
	OPT_LICENSE,
	OPT_SOURCE,
	OPT_PUBLISHER,
	OPT_RIGHTS,
	OPT_LANG,
	OPT_LEVEL_NAME,
	OPT_PATTERN,
	OPT_COLUMN,
	OPT_EXTRA,
	OPT_SYNTAX,
	OPT_STORAGE,
	OPT_STORAGE_NAME,
	OPT_STORAGE_OPTS,
	OPT_NO_LEVELS
};

static const struct option longopts[] = {
	{ "output", required_argument, NULL, 'o' },
	OFILE_LONGOPTS,
	{ "id", required_argument, NULL, OPT_ID },
	{ "scheme-iri", required_argument, NULL, OPT_SCHEME },
	{ "base", required_argument, NULL, OPT_BASE },
	{ "title", required_argument, NULL, OPT_TITLE },
	{ "description", required_argument, NULL, OPT_DESC },
	{ "version", required_argument, NULL, OPT_VERSION },
	{ "issued", required_argument, NULL, OPT_ISSUED },
	{ "license", required_argument, NULL, OPT_LICENSE },
	{ "source", required_argument, NULL, OPT_SOURCE },
	{ "publisher", required_argument, NULL, OPT_PUBLISHER },
	{ "rights", required_argument, NULL, OPT_RIGHTS },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "level-name", required_argument, NULL, OPT_LEVEL_NAME },
	{ "pattern", required_argument, NULL, OPT_PATTERN },
	{ "no-levels", no_argument, NULL, OPT_NO_LEVELS },
	{ "column", required_argument, NULL, OPT_COLUMN },
	{ "extra-column", required_argument, NULL, OPT_EXTRA },
	{ "separator", required_argument, NULL, 's' },
	{ "syntax", required_argument, NULL, OPT_SYNTAX },
	{ "storage", required_argument, NULL, OPT_STORAGE },
	{ "storage-name", required_argument, NULL, OPT_STORAGE_NAME },
	{ "storage-options", required_argument, NULL, OPT_STORAGE_OPTS },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "show-version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

#define MAX_REPEAT 64

typedef struct list {
	const char *v[MAX_REPEAT];
	size_t n;
} list;

static int
push(list *l, const char *s, const char *what)
{
	if (l->n == MAX_REPEAT) {
		usage_error(usage_text, "too many --%s options", what);
		return -1;
	}
	l->v[l->n++] = s;
	return 0;
}

static void
on_diag(void *payload, const kll_error *d)
{
	(void)payload;
	print_diag(stderr, d, 0);
}

static int
parse_sep(const char *s, char *out)
{
	if (strcmp(s, "tab") == 0 || strcmp(s, "\\t") == 0 ||
	    strcmp(s, "\t") == 0)
		*out = '\t';
	else if (strcmp(s, ",") == 0 || strcmp(s, ";") == 0)
		*out = s[0];
	else
		return -1;
	return 0;
}

int
vocab_import(int argc, char **argv)
{
	kll_import_opts o = KLL_IMPORT_OPTS_INIT;
	list titles = { { 0 }, 0 }, descs = { { 0 }, 0 }, names = { { 0 }, 0 };
	list pats = { { 0 }, 0 }, cols = { { 0 }, 0 }, extra = { { 0 }, 0 };
	const char *langs[16], *output = NULL;
	char *langarg = NULL;
	int ch, quiet = 0, n, r = 0;
	size_t count = 0;
	kll_error err;
	ofile of;

	optind = 1;
	argv[0] = (char *)progname; /* getopt's messages name it */
	while (
	    (ch = getopt_long(argc, argv, "o:s:qhV", longopts, NULL)) != -1) {
		switch (ch) {
		case OPT_PRIVATE:
		case OPT_OUT_FORCE:
			output_flags |= OFILE_FLAG(ch);
			break;
		case 'o':
			output = optarg;
			break;
		case OPT_ID:
			o.id = optarg;
			break;
		case OPT_SCHEME:
			o.scheme_iri = optarg;
			break;
		case OPT_BASE:
			o.base_iri = optarg;
			break;
		case OPT_TITLE:
			r = push(&titles, optarg, "title");
			break;
		case OPT_DESC:
			r = push(&descs, optarg, "description");
			break;
		case OPT_VERSION:
			o.version = optarg;
			break;
		case OPT_ISSUED:
			o.issued = optarg;
			break;
		case OPT_LICENSE:
			o.license = optarg;
			break;
		case OPT_SOURCE:
			o.source = optarg;
			break;
		case OPT_PUBLISHER:
			o.publisher = optarg;
			break;
		case OPT_RIGHTS:
			o.rights = optarg;
			break;
		case OPT_LANG:
			langarg = optarg;
			break;
		case OPT_LEVEL_NAME:
			r = push(&names, optarg, "level-name");
			break;
		case OPT_PATTERN:
			r = push(&pats, optarg, "pattern");
			break;
		case OPT_NO_LEVELS:
			o.no_levels = 1;
			break;
		case OPT_COLUMN:
			r = push(&cols, optarg, "column");
			break;
		case OPT_EXTRA:
			r = push(&extra, optarg, "extra-column");
			break;
		case 's':
			if (parse_sep(optarg, &o.sep) < 0)
				return usage_error(usage_text,
				    "bad separator '%s': give ',', ';' or "
				    "'tab'",
				    optarg);
			break;
		case OPT_SYNTAX:
			o.syntax = optarg;
			break;
		case OPT_STORAGE:
			o.storage = optarg;
			break;
		case OPT_STORAGE_NAME:
			o.storage_name = optarg;
			break;
		case OPT_STORAGE_OPTS:
			o.storage_options = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			fputs(help_text, stdout);
			return finish(EXIT_OK);
		case 'V':
			printf("kll-vocab %s\n", KLL_VERSION);
			return finish(EXIT_OK);
		default:
			return usage_error(usage_text, NULL);
		}
		if (r < 0)
			return EXIT_TROUBLE;
	}
	if (argc - optind != 1)
		return usage_error(usage_text, "import takes one table");
	if (langarg != NULL) {
		if ((n = split_list(langarg, langs, 16)) < 0)
			return usage_error(usage_text, "too many languages");
		o.langs = langs;
		o.nlangs = (size_t)n;
	}
	o.titles = titles.v, o.ntitles = titles.n;
	o.descriptions = descs.v, o.ndescriptions = descs.n;
	o.level_names = names.v, o.nlevel_names = names.n;
	o.patterns = pats.v, o.npatterns = pats.n;
	o.renames = cols.v, o.nrenames = cols.n;
	o.extra_columns = extra.v, o.nextra_columns = extra.n;
	o.diag = on_diag;
	if (ofile_open(&of, output) < 0)
		return EXIT_TROUBLE;
	if (kll_vocab_import(argv[optind], &o, of.fp,
	        output ? output : "<stdout>", &count, &err) != KLL_OK) {
		/* Table problems went to on_diag one by one already. */
		if (err.code != KLL_EINVALID || err.rule[0] == '\0')
			report(&err);
		ofile_abort(&of);
		return EXIT_TROUBLE;
	}
	if (ofile_commit(&of) < 0)
		return EXIT_TROUBLE;
	if (!quiet && output != NULL)
		fprintf(
		    stderr, "%s: %s: %zu concepts\n", progname, output, count);
	return finish(EXIT_OK);
}
