/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map-stats.c: kll-map stats, what each key holds: rows, predicates,
 * actual cardinality, distinct codes and coverage by level, as text or as
 * TSV lines "file, measure, key, value". */
#include <string.h>

#include "cli.h"

typedef struct opts {
	const char *dirs;
	const char *vocab[2];
	int tsv, quiet;
	kll_vocab_cache *vc;
	int shown; /* a key has been printed */
} opts;

enum { OPT_FORMAT = 256 };

static const cli_opt options[] = {
	{ "quiet", 'q', NULL, "no notes on stderr", .usage = CLI_U1,
	    .set = CLI_SET(opts, quiet) },
	{ "vocab-path", 'L', "dirs", "folders to search for vocabularies first",
	    .usage = CLI_U1, .set = CLI_SET(opts, dirs) },
	{ "format", OPT_FORMAT, "text|tsv",
	    "text (default), or tsv: one line FILE<TAB>MEASURE<TAB>KEY<TAB>VALUE "
	    "each",
	    CLI_U1 },
	MAP_VOCAB_OPTIONS(opts),
	CLI_OPT_FROM,
	CLI_OPT_HELP,
	{ NULL },
};

static const char *const side_name[2] = { "subject", "object" };

static int
on_option(void *ctx, int key, char *arg)
{
	static const char *const formats[] = { "text", "tsv", NULL };
	opts *o = ctx;

	return key == OPT_FORMAT ?
	           parse_choice(arg, "format", formats, &o->tsv) :
	           0;
}

static double
percent(size_t part, size_t whole)
{
	return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

static void
print_text(const char *file, const kll_mapstats *s, const kll_vocab *const v[2])
{
	size_t i;
	int k;

	printf("%s\n  rows: %zu\n  predicates:\n", file, s->rows);
	for (i = 0; i < s->npreds; i++)
		printf("    %s%-*s %9zu\n", s->preds[i].negated ? "Not " : "",
		    s->preds[i].negated ? 24 : 28, s->preds[i].predicate,
		    s->preds[i].rows);
	printf("  cardinality:\n");
	for (i = 1; i < KLL_CARD__COUNT; i++)
		if (s->card[i] > 0 || i <= KLL_CARD_N_N)
			printf("    %-28s %9zu\n",
			    kll_cardinality_name((kll_cardinality)i),
			    s->card[i]);
	for (k = 0; k < 2; k++) {
		printf("  %ss: %zu distinct", side_name[k], s->distinct[k]);
		if (v[k] != NULL)
			printf(", %zu not in %s", s->unknown[k],
			    kll_vocab_id(v[k]));
		putchar('\n');
	}
	for (k = 0; k < 2; k++) {
		if (v[k] == NULL) {
			printf("  %s coverage: no vocabulary\n", side_name[k]);
			continue;
		}
		printf(
		    "  %s coverage of %s:\n", side_name[k], kll_vocab_id(v[k]));
		for (i = 0; i < s->nlevels[k]; i++) {
			if (s->levels[k][i].level > 0)
				printf("    level %-4d", s->levels[k][i].level);
			else
				printf("    no level  ");
			printf("%7zu of %-7zu %6.1f%%\n",
			    s->levels[k][i].mapped, s->levels[k][i].concepts,
			    percent(s->levels[k][i].mapped,
			        s->levels[k][i].concepts));
		}
	}
}

static void
print_tsv(const char *file, const kll_mapstats *s)
{
	size_t i;
	int k;

	printf("%s\trows\tall\t%zu\n", file, s->rows);
	for (i = 0; i < s->npreds; i++)
		printf("%s\tpredicate\t%s%s\t%zu\n", file,
		    s->preds[i].negated ? "Not " : "", s->preds[i].predicate,
		    s->preds[i].rows);
	for (i = 1; i < KLL_CARD__COUNT; i++)
		printf("%s\tcardinality\t%s\t%zu\n", file,
		    kll_cardinality_name((kll_cardinality)i), s->card[i]);
	for (k = 0; k < 2; k++)
		printf("%s\t%ss\tdistinct\t%zu\n%s\t%ss\tunknown\t%zu\n", file,
		    side_name[k], s->distinct[k], file, side_name[k],
		    s->unknown[k]);
	for (k = 0; k < 2; k++)
		for (i = 0; i < s->nlevels[k]; i++)
			printf("%s\t%s_concepts\t%d\t%zu\n"
			       "%s\t%s_mapped\t%d\t%zu\n",
			    file, side_name[k], s->levels[k][i].level,
			    s->levels[k][i].concepts, file, side_name[k],
			    s->levels[k][i].level, s->levels[k][i].mapped);
}

/* The vocabulary of side k, or NULL with a note (or an error when an
 * option named it: *rc says so). */
static const kll_vocab *
side_vocab(
    const opts *o, kll_vocab_cache *vc, const kll_mapset *m, int k, int *rc)
{
	const kll_vocab *v = NULL;
	kll_error err;

	if (o->vocab[k] != NULL) {
		if (kll_vocab_cache_open(&v, vc, o->vocab[k], &err) == KLL_OK)
			return v;
		report(&err);
		*rc = EXIT_TROUBLE;
		return NULL;
	}
	if (kll_vocab_cache_source(&v, vc, m,
	        k ? "object_source" : "subject_source", &err) == KLL_OK)
		return v;
	if (err.code == KLL_ENOMEM) {
		report(&err);
		*rc = EXIT_TROUBLE;
	} else if (!o->quiet) {
		errmsg("%s: no %s vocabulary (%s%s%s): coverage left out",
		    kll_mapset_path(m), side_name[k],
		    strcmp(err.file, kll_mapset_path(m)) != 0 ? err.file : "",
		    strcmp(err.file, kll_mapset_path(m)) != 0 ? ": " : "",
		    err.msg);
	}
	return NULL;
}

/* The reader's findings: counted, and left to 'kll-map check'. */
static void
count_errors(void *payload, const kll_error *d)
{
	if (d->severity == KLL_SEV_ERROR)
		(*(size_t *)payload)++;
}

/* Count and print one key (text puts a blank line between keys). */
static int
stats_one(void *ctx, const char *name)
{
	opts *o = ctx;
	kll_sssom_opts so = KLL_SSSOM_OPTS_INIT;
	kll_mapset *m = NULL;
	const kll_vocab *v[2];
	kll_mapstats s;
	kll_error err;
	size_t nerr = 0;
	int rc = EXIT_OK, k;

	so.diag = count_errors;
	so.payload = &nerr;
	if (kll_mapset_load(&m, name, key_from, &so, NULL, &err) != KLL_OK) {
		report(&err);
		return EXIT_TROUBLE;
	}
	if (nerr > 0 && !o->quiet)
		errmsg("%s: %zu %s in the key, counted as they are; 'kll-map "
		       "check' lists them",
		    kll_mapset_path(m), nerr, nerr == 1 ? "error" : "errors");
	for (k = 0; k < 2; k++)
		v[k] = side_vocab(o, o->vc, m, k, &rc);
	if (kll_mapset_stats(&s, m, v[0], v[1], &err) != KLL_OK) {
		report(&err);
		rc = EXIT_TROUBLE;
	} else {
		if (o->shown && !o->tsv)
			putchar('\n');
		o->shown = 1;
		if (o->tsv)
			print_tsv(kll_mapset_path(m), &s);
		else
			print_text(kll_mapset_path(m), &s, v);
		kll_mapstats_release(&s);
	}
	kll_mapset_free(m);
	return rc;
}

static int
run(int argc, char **argv)
{
	kll_error err;
	opts o;
	int rc;

	memset(&o, 0, sizeof(o));
	if ((rc = cli_parse(&map_stats_cmd, argc, argv, on_option, &o)) !=
	    CLI_GO)
		return rc;
	if (kll_vocab_cache_new(&o.vc, o.dirs, NULL, &err) != KLL_OK) {
		report(&err);
		return EXIT_TROUBLE;
	}
	rc = cli_each(argc, argv, stats_one, &o);
	kll_vocab_cache_free(o.vc);
	return finish(rc);
}

const cli_cmd map_stats_cmd = {
	.name = "kll-map stats",
	.summary = "rows, predicates, cardinality and coverage of keys",
	.run = run,
	.operands = { "key.sssom.tsv ..." },
	.about =
	    "Count what each key (an SSSOM/TSV mapping set; - is stdin) holds.\n"
	    "The cardinality of a row is its shape as SSSOM defines\n"
	    "mapping_cardinality: how many distinct subjects its object has, ':',\n"
	    "how many distinct objects its subject has (1 or n), within the\n"
	    "set's cardinality_scope.  Coverage needs the vocabularies that\n"
	    "subject_source and object_source name; without them it is left out\n"
	    "with a note.\n",
	.opts = options,
	.args = { 1, 0, "stats takes one or more keys" },
	.after =
	    "TSV measures: rows (key all), predicate (the predicate, with 'Not '\n"
	    "before a negated one), cardinality (1:1, 1:n, n:1, n:n, 1:0, 0:1,\n"
	    "0:0), subjects and objects (keys distinct and unknown), and per\n"
	    "level (0: concepts on no level) subject_concepts, subject_mapped,\n"
	    "object_concepts and object_mapped.\n"
	    "\n"
	    "Exit status: 0 done, 2 a key or a vocabulary named with an option\n"
	    "could not be read (the other keys are still counted) or a usage\n"
	    "error.\n",
	.rules = "sssom- limit-",
};
