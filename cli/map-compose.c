/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map-compose.c: kll-map compose, a key A to C from keys A to B and B to
 * C, with kll's predicate algebra and the pivot of each record. */
#include <getopt.h>
#include <string.h>

#include "cli.h"

static const char usage_text[] =
    "usage: kll-map compose [-q] [-L dirs] [-o file] [-i id] "
    "[--license=IRI] [--force]\n"
    "                       [--pivot-check] [--strict [--siblings]] "
    "[--meta=slot=value]\n"
    "                       a-b.sssom.tsv b-c.sssom.tsv\n";

static const char help_text[] =
    "\n"
    "Compose key A to B with key B to C into key A to C: a record a->c\n"
    "for each a->b and b->c with the same b, its predicate from the\n"
    "algebra below, justified by semapv:MappingChaining, its confidence\n"
    "the product of the two (a missing one counts as 1), and the pivot in\n"
    "its comment (\"via B\", \"; through a split of X\" when a has several\n"
    "b or b several c).  A chain the algebra gives no predicate ('-'\n"
    "below) is kept as relatedMatch, weakened: its confidence times 0.5,\n"
    "\"; weakened: P then Q\" in its comment.  A negation that cannot\n"
    "carry gives nothing.  A key with a predicate outside the algebra is\n"
    "refused.  The result is canonical SSSOM/TSV.\n"
    "\n"
    "Options:\n"
    "  -o, --output=FILE      write to FILE (replaced only when complete)\n"
    "      --private          make -o FILE readable by you only (0600)\n"
    "  -i, --id=IRI           mapping_set_id of the result (default: the\n"
    "                         first key's, '+', the last segment of the\n"
    "                         second's)\n"
    "      --license=IRI      licence of the result; needed when the keys'\n"
    "                         licences differ\n"
    "  -L, --vocab-path=DIRS  folders in which to resolve the two pivot\n"
    "                         sources, when they name one vocabulary in\n"
    "                         two ways\n"
    "      --force            compose keys that do not meet (A-B's\n"
    "                         object_source or its version is not B-C's\n"
    "                         subject_source or its version); and replace\n"
    "                         -o FILE even when it has other hard links,\n"
    "                         or write to the file it links to\n"
    "      --pivot-check      report each record of A-B whose object is no\n"
    "                         subject of B-C; exit 1 when there is one\n"
    "      --strict           keep only the chains the algebra gives a\n"
    "                         predicate; drop the weakened ones\n"
    "      --siblings         with --strict, keep broad then narrow (a and\n"
    "                         c in one b) as weakened relatedMatch\n"
    "      --meta=SLOT=VALUE  set a metadata slot of the result (e.g.\n"
    "                         mapping_set_title=...); repeatable\n"
    "  -q, --quiet            no summary on stderr\n"
    "  -h, --help             this text;  -V, --version  the version\n"
    "\n"
    "Predicate of a->c from a->b (rows) and b->c (columns); '-' is\n"
    "weakened relatedMatch (none with --strict); equivalentClass and\n"
    "sameAs act as exact, subClassOf as broad, when mixed with SKOS:\n"
    "           exact    close    broad    narrow   related\n"
    "  exact    exact    close    broad    narrow   related\n"
    "  close    close    close    broad    narrow   related\n"
    "  broad    broad    broad    broad    -(1)     -\n"
    "  narrow   narrow   narrow   related  narrow   -\n"
    "  related  related  related  -        -        -\n"
    "  (1) kept by --strict --siblings.  A Not on one side composes only\n"
    "  with exact on the other, and gives Not; else nothing.\n"
    "\n"
    "Exit status: 0 done, 1 --pivot-check found chains that break, 2 the\n"
    "keys could not be read or composed, or a usage error.\n";

enum {
	OPT_LICENSE = 256,
	OPT_FORCE,
	OPT_PIVOT_CHECK,
	OPT_SIBLINGS,
	OPT_STRICT,
	OPT_META
};

#define MAX_META 16

/* The --meta options, SLOT=VALUE each. */
typedef struct metas {
	char *v[MAX_META];
	size_t n;
} metas;

static const struct option longopts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "private", no_argument, NULL, OPT_PRIVATE },
	{ "id", required_argument, NULL, 'i' },
	{ "license", required_argument, NULL, OPT_LICENSE },
	{ "vocab-path", required_argument, NULL, 'L' },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "pivot-check", no_argument, NULL, OPT_PIVOT_CHECK },
	{ "siblings", no_argument, NULL, OPT_SIBLINGS },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "meta", required_argument, NULL, OPT_META },
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

/* Read a key; every problem is shown; a key with errors is refused. */
static kll_mapset *
read_key(const char *path)
{
	kll_sssom_opts so = KLL_SSSOM_OPTS_INIT;
	kll_mapset *m = NULL;
	kll_error err;

	so.diag = on_diag;
	if (kll_mapset_read(&m, path, &so, &err) != KLL_OK) {
		report(&err);
		return NULL;
	}
	if (kll_mapset_nerrors(m) > 0) {
		errmsg(
		    "%s: not composed: the key has errors", kll_mapset_path(m));
		kll_mapset_free(m);
		return NULL;
	}
	return m;
}

static const char *
plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static void
summary(const kll_compose_stats *s, const char *ab, const char *bc)
{
	fprintf(stderr, "%s: %zu %s from %zu %s", progname, s->records,
	    plural(s->records, "record", "records"), s->chains,
	    plural(s->chains, "chain", "chains"));
	if (s->split > 0)
		fprintf(stderr, ", %zu through a split", s->split);
	if (s->weakened > 0)
		fprintf(stderr, "; %zu %s to relatedMatch", s->weakened,
		    plural(s->weakened, "chain weakened", "chains weakened"));
	if (s->unsafe > 0)
		fprintf(stderr, "; %zu %s no safe predicate, dropped",
		    s->unsafe, plural(s->unsafe, "chain has", "chains have"));
	if (s->negated > 0)
		fprintf(stderr, " (%zu for a negation)", s->negated);
	if (s->no_pivot > 0)
		fprintf(stderr, "; %zu %s of %s %s no pivot in %s", s->no_pivot,
		    plural(s->no_pivot, "record", "records"), ab,
		    plural(s->no_pivot, "has", "have"), bc);
	if (s->unreached > 0)
		fprintf(stderr, "; %zu %s nothing", s->unreached,
		    plural(s->unreached, "subject reaches", "subjects reach"));
	fputc('\n', stderr);
}

static int
compose(kll_mapset *ab, kll_mapset *bc, kll_compose_opts *co, const metas *meta,
    const char *output, int quiet)
{
	kll_compose_stats stats;
	kll_mapset *out = NULL;
	kll_error err;
	ofile of;
	int rc = EXIT_TROUBLE;
	size_t i;

	if (kll_mapset_compose(&out, ab, bc, co, &stats, &err) != KLL_OK) {
		/* Each record that refuses a key has been shown. */
		if (strcmp(err.rule, "map-bad-predicate") == 0 ||
		    strcmp(err.rule, "compose-unknown-predicate") == 0) {
			errmsg("%s: not composed: predicates that kll cannot "
			       "compose",
			    err.file);
			return EXIT_TROUBLE;
		}
		report(&err);
		if (strcmp(err.rule, "compose-no-meet") == 0)
			errmsg("give --force to compose them anyway");
		else if (strcmp(err.rule, "compose-license") == 0)
			errmsg("name the licence of the result with --license");
		return EXIT_TROUBLE;
	}
	for (i = 0; i < meta->n; i++) {
		char *eq = strchr(meta->v[i], '=');
		*eq = '\0';
		if (kll_mapset_set_meta(out, meta->v[i], eq + 1, &err) !=
		    KLL_OK) {
			errmsg("--meta %s: %s", meta->v[i], err.msg);
			goto out;
		}
	}
	if (ofile_open(&of, output) < 0)
		goto out;
	if (kll_mapset_write(out, of.fp, &err) != KLL_OK) {
		if (err.file[0] == '\0')
			snprintf(err.file, sizeof(err.file), "%s",
			    output ? output : "<stdout>");
		report(&err);
		ofile_abort(&of);
		goto out;
	}
	if (ofile_commit(&of) < 0)
		goto out;
	if (!quiet)
		summary(&stats, kll_mapset_path(ab), kll_mapset_path(bc));
	rc = co->pivot_check && stats.no_pivot > 0 ? EXIT_FOUND : EXIT_OK;
out:
	kll_mapset_free(out);
	return rc;
}

int
map_compose(int argc, char **argv)
{
	kll_compose_opts co = KLL_COMPOSE_OPTS_INIT;
	kll_mapset *ab = NULL, *bc = NULL;
	metas meta = { { NULL }, 0 };
	const char *output = NULL;
	int ch, quiet = 0, rc = EXIT_TROUBLE;

	co.diag = on_diag;
	optind = 1;
	argv[0] = (char *)progname; /* getopt's messages name it */
	while (
	    (ch = getopt_long(argc, argv, "o:i:L:qhV", longopts, NULL)) != -1) {
		switch (ch) {
		case OPT_PRIVATE:
			output_flags |= OFILE_PRIVATE;
			break;
		case 'o':
			output = optarg;
			break;
		case 'i':
			co.mapping_set_id = optarg;
			break;
		case OPT_LICENSE:
			co.license = optarg;
			break;
		case 'L':
			co.dirs = optarg;
			break;
		case OPT_FORCE: /* both refusals: keys that do not meet, and
		                   an output with other links */
			co.force = 1;
			output_flags |= OFILE_FORCE;
			break;
		case OPT_PIVOT_CHECK:
			co.pivot_check = 1;
			break;
		case OPT_SIBLINGS:
			co.siblings = 1;
			break;
		case OPT_STRICT:
			co.strict = 1;
			break;
		case OPT_META:
			if (meta.n == MAX_META)
				return usage_error(
				    usage_text, "too many --meta options");
			if (strchr(optarg, '=') == NULL)
				return usage_error(usage_text,
				    "bad --meta '%s': give SLOT=VALUE", optarg);
			meta.v[meta.n++] = optarg;
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
	if (argc - optind != 2)
		return usage_error(usage_text, "compose takes two keys");
	if (strcmp(argv[optind], "-") == 0 &&
	    strcmp(argv[optind + 1], "-") == 0)
		return usage_error(usage_text, "only one key can be stdin");
	if ((ab = read_key(argv[optind])) != NULL &&
	    (bc = read_key(argv[optind + 1])) != NULL)
		rc = compose(ab, bc, &co, &meta, output, quiet);
	kll_mapset_free(ab);
	kll_mapset_free(bc);
	/* After trouble, its message says it all, a write error too. */
	return rc == EXIT_TROUBLE ? rc : finish(rc);
}
