/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map-import.c: kll-map import, a key table to SSSOM/TSV. */
#include <getopt.h>
#include <string.h>

#include "cli.h"

static const char usage_text[] =
    "usage: kll-map import -s vocab -t vocab [-q] [-o file] [-L dirs]\n"
    "           [--subject-column=col] [--object-column=col] [options] "
    "table.csv\n";

static const char help_text[] =
    "\n"
    "Turn a key table (CSV or TSV with a header: a subject code and an\n"
    "object code per row, maybe a relation and a note) into a canonical\n"
    "SSSOM/TSV mapping set.  Codes are looked up in the two vocabularies,\n"
    "forgiving dropped leading zeros and punctuation, and written as the\n"
    "vocabularies write them.  Without a relation column the predicate\n"
    "comes from the shape of the key: exactMatch for a pair alone on both\n"
    "sides, narrowMatch when the subject has several objects, broadMatch\n"
    "when the object has several subjects, relatedMatch when both have.\n"
    "Every problem is reported and nothing is written unless there is none.\n"
    "\n"
    "  -s, --subject-vocab=V    the subject side's vocabulary (file, id or\n"
    "                           scheme IRI); required\n"
    "  -t, --object-vocab=V     the object side's; required\n"
    "  -L, --vocab-path=DIRS    folders searched first for vocabulary ids\n"
    "      --subject-column=C   header name or 1-based number (default 1)\n"
    "      --object-column=C    (default 2)\n"
    "      --predicate-column=C a CURIE or exact, close, broad, narrow,\n"
    "                           related (or exactMatch ..., =, <, >, ~)\n"
    "                           per row\n"
    "      --comment-column=C   a note per row\n"
    "      --extra-column=NAME  leave the column NAME out (\"*\": every\n"
    "                           column not named above); any other column\n"
    "                           is an error; repeatable\n"
    "      --separator=CHAR     ',', ';' or 'tab' (default: guessed)\n"
    "      --subject-prefix=P, --object-prefix=P  CURIE prefixes (default:\n"
    "                           the vocabulary ids without punctuation)\n"
    "      --subject-lang=L, --object-lang=L  language of the labels\n"
    "                           written (default sv, else en)\n"
    "      --justification=CURIE  (default semapv:ManualMappingCuration)\n"
    "      --id=IRI             mapping_set_id\n"
    "      --license=IRI, --title=T, --description=T, --provider=IRI,\n"
    "      --date=YYYY-MM-DD    mapping_date: when the mappings were made\n"
    "      --published=YYYY-MM-DD  publication_date of the set\n"
    "      --set-version=V, --comment=T  set metadata\n"
    "      --meta=SLOT=VALUE    any other metadata slot of the set (e.g.\n"
    "                           creator_label, mapping_tool, see_also);\n"
    "                           repeatable\n"
    "  -o, --output=FILE        write to FILE (replaced only when complete)\n"
    "      --private            make -o FILE readable by you only (0600)\n"
    "      --force              replace -o FILE even when it has other hard\n"
    "                           links, or write to the file it links to\n"
    "  -q, --quiet              no summary on stderr\n"
    "  -h, --help               this text;  -V, --version  the version\n";

enum {
	OPT_SCOL = 256,
	OPT_OCOL,
	OPT_PCOL,
	OPT_CCOL,
	OPT_SEP,
	OPT_EXTRA,
	OPT_SPFX,
	OPT_OPFX,
	OPT_SLANG,
	OPT_OLANG,
	OPT_JUST,
	OPT_ID,
	OPT_LICENSE,
	OPT_TITLE,
	OPT_DESC,
	OPT_PROVIDER,
	OPT_DATE,
	OPT_SETVER,
	OPT_COMMENT,
	OPT_PUBLISHED,
	OPT_META
};

#define MAX_META 16

static const struct option longopts[] = {
	{ "subject-vocab", required_argument, NULL, 's' },
	{ "object-vocab", required_argument, NULL, 't' },
	{ "vocab-path", required_argument, NULL, 'L' },
	{ "subject-column", required_argument, NULL, OPT_SCOL },
	{ "object-column", required_argument, NULL, OPT_OCOL },
	{ "predicate-column", required_argument, NULL, OPT_PCOL },
	{ "comment-column", required_argument, NULL, OPT_CCOL },
	{ "separator", required_argument, NULL, OPT_SEP },
	{ "extra-column", required_argument, NULL, OPT_EXTRA },
	{ "subject-prefix", required_argument, NULL, OPT_SPFX },
	{ "object-prefix", required_argument, NULL, OPT_OPFX },
	{ "subject-lang", required_argument, NULL, OPT_SLANG },
	{ "object-lang", required_argument, NULL, OPT_OLANG },
	{ "justification", required_argument, NULL, OPT_JUST },
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

#define MAX_EXTRA 64

int
map_import(int argc, char **argv)
{
	kll_mapimport_opts o = KLL_MAPIMPORT_OPTS_INIT;
	kll_mapset *m = NULL;
	const char *output = NULL, *extra[MAX_EXTRA], *meta[MAX_META];
	size_t nmeta = 0;
	int ch, quiet = 0, rc = EXIT_TROUBLE;
	kll_error err;
	ofile of;

	optind = 1;
	argv[0] = (char *)progname;
	while ((ch = getopt_long(argc, argv, "s:t:L:o:qhV", longopts, NULL)) !=
	       -1) {
		switch (ch) {
		case 's':
			o.subject_vocab = optarg;
			break;
		case 't':
			o.object_vocab = optarg;
			break;
		case 'L':
			o.dirs = optarg;
			break;
		case OPT_SCOL:
			o.subject_column = optarg;
			break;
		case OPT_OCOL:
			o.object_column = optarg;
			break;
		case OPT_PCOL:
			o.predicate_column = optarg;
			break;
		case OPT_CCOL:
			o.comment_column = optarg;
			break;
		case OPT_EXTRA:
			if (o.nextra_columns == MAX_EXTRA)
				return usage_error(usage_text,
				    "too many --extra-column options");
			extra[o.nextra_columns++] = optarg;
			o.extra_columns = extra;
			break;
		case OPT_SEP:
			if (strcmp(optarg, "tab") == 0)
				o.sep = '\t';
			else if (strcmp(optarg, ",") == 0 ||
			         strcmp(optarg, ";") == 0)
				o.sep = optarg[0];
			else
				return usage_error(usage_text,
				    "bad separator '%s': give ',', ';' or "
				    "'tab'",
				    optarg);
			break;
		case OPT_SPFX:
			o.subject_prefix = optarg;
			break;
		case OPT_OPFX:
			o.object_prefix = optarg;
			break;
		case OPT_SLANG:
			o.subject_lang = optarg;
			break;
		case OPT_OLANG:
			o.object_lang = optarg;
			break;
		case OPT_JUST:
			o.justification = optarg;
			break;
		case OPT_ID:
			o.mapping_set_id = optarg;
			break;
		case OPT_LICENSE:
			o.license = optarg;
			break;
		case OPT_TITLE:
			o.title = optarg;
			break;
		case OPT_DESC:
			o.description = optarg;
			break;
		case OPT_PROVIDER:
			o.provider = optarg;
			break;
		case OPT_DATE:
			o.date = optarg;
			break;
		case OPT_PUBLISHED:
			o.published = optarg;
			break;
		case OPT_SETVER:
			o.version = optarg;
			break;
		case OPT_COMMENT:
			o.comment = optarg;
			break;
		case OPT_META:
			if (nmeta == MAX_META)
				return usage_error(
				    usage_text, "too many --meta options");
			if (strchr(optarg, '=') == NULL)
				return usage_error(usage_text,
				    "bad --meta '%s': give SLOT=VALUE", optarg);
			meta[nmeta++] = optarg;
			break;
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
		return usage_error(usage_text, "import takes one table");
	if (o.subject_vocab == NULL || o.object_vocab == NULL)
		return usage_error(
		    usage_text, "name both vocabularies with -s and -t");
	o.meta = meta, o.nmeta = nmeta;
	o.diag = on_diag;
	if (kll_mapset_import(&m, argv[optind], &o, &err) != KLL_OK) {
		if (err.rule[0] == '\0')
			report(&err); /* table problems went to on_diag */
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
	if (!quiet && output != NULL)
		fprintf(stderr, "%s: %s: %zu mappings\n", progname, output,
		    kll_mapset_count(m));
	rc = finish(EXIT_OK);
out:
	kll_mapset_free(m);
	return rc;
}
