/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map-check.c: kll-map check, the rules of kll_mapset_check() on each key
 * named, with the reader's own findings.  Findings are diagnostics, in
 * the format of --format (diag.c); the metadata slot kll_ignore of a key
 * leaves out the findings of the rules it names in that key. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct opts {
	const char *dirs;
	const char *vocab[2];
	int level[2];
	int quiet;
	diag_sink d;
} opts;

/* What the sink counts: over all keys, and for the key being checked. */
typedef struct tally {
	opts *o;
	kll_mapcheck *mc;
	size_t errors; /* error findings of this key */
	int novocab;   /* a side of this key had no vocabulary */
	kll_vocab_cache *vc;
	size_t read; /* keys that could be read */
} tally;

enum { OPT_LEVELS = 256 };

static const cli_opt options[] = {
	CHECK_OPTIONS(opts, "kll-map: FILE:LINE:COL: SEVERITY: MESSAGE [RULE]",
	    "; a key leaves out rules of its own with the metadata slot "
	    "kll_ignore"),
	MAP_VOCAB_OPTIONS(opts),
	{ "levels", OPT_LEVELS, "S:O",
	    "the key's levels (XKOS depths) on the subject and object sides; "
	    "either may be left out (4: or :4); default: the metadata keys "
	    "subject_level and object_level",
	    CLI_U1 },
	CLI_OPT_FROM,
	CLI_OPT_HELP,
	{ NULL },
};

/* One depth of --levels: empty (0), or 1 to 999. */
static int
parse_depth(const char *s, size_t n, int *out)
{
	size_t i;

	*out = 0;
	if (n == 0)
		return 0;
	if (n > 3 || *s == '0')
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*out = *out * 10 + (s[i] - '0');
	}
	return 0;
}

static int
parse_levels(opts *o, const char *arg)
{
	const char *colon = strchr(arg, ':');

	if (colon == NULL ||
	    parse_depth(arg, (size_t)(colon - arg), &o->level[0]) < 0 ||
	    parse_depth(colon + 1, strlen(colon + 1), &o->level[1]) < 0 ||
	    (o->level[0] == 0 && o->level[1] == 0))
		return usage_error(
		    "bad levels '%s': give SUBJECT:OBJECT depths, as 4:4, "
		    "4: or :4",
		    arg);
	return 0;
}

static int
on_option(void *ctx, int key, char *arg)
{
	opts *o = ctx;

	if (key == OPT_LEVELS)
		return parse_levels(o, arg);
	return check_option(&o->d, key, arg);
}

static void
on_finding(void *payload, const kll_error *d)
{
	tally *t = payload;

	if (d->severity == KLL_SEV_ERROR) {
		t->errors++;
		if (strcmp(d->rule, "map-no-vocabulary") == 0)
			t->novocab = 1;
	}
	diag_emit(&t->o->d, d);
}

/* Each record to the check; at the first, the key's suppressions are
 * known and the findings held until then go out. */
static int
on_row(void *payload, const kll_mapset *m, size_t rec)
{
	tally *t = payload;

	if (t->o->d.holding) /* the first record: the metadata is known */
		diag_release(&t->o->d, kll_mapset_meta(m, "kll_ignore"));
	return kll_mapcheck_row(t->mc, m, rec);
}

/* Check one key, its rows as they are read; returns its exit status.
 * t->read goes up when the key could be read. */
static int
check_one(void *ctx, const char *name)
{
	tally *t = ctx;
	opts *o = t->o;
	kll_sssom_opts so = KLL_SSSOM_OPTS_INIT;
	kll_mapcheck_opts co = KLL_MAPCHECK_OPTS_INIT;
	kll_mapcheck *mc = NULL;
	kll_mapset *m = NULL;
	kll_error err;
	int rc = EXIT_TROUBLE, whole;

	t->errors = 0;
	t->novocab = 0;
	co.vocabs = t->vc;
	co.vocab[0] = o->vocab[0];
	co.vocab[1] = o->vocab[1];
	co.level[0] = o->level[0];
	co.level[1] = o->level[1];
	co.min = o->d.min;
	co.diag = on_finding;
	co.payload = t;
	if (kll_mapcheck_new(&mc, &co, &err) != KLL_OK) {
		report(&err);
		return EXIT_TROUBLE;
	}
	so.diag = on_finding;
	so.payload = t;
	/* SSSOM/TSV is checked as it is read, other formats read whole. */
	whole = (key_from == KLL_KEY_AUTO ? kll_key_format_guess(name) :
	                                    key_from) != KLL_KEY_SSSOM_TSV;
	if (!whole) {
		so.row = on_row;
		so.row_payload = t;
	}
	t->mc = mc;
	diag_hold(&o->d, name);
	if (kll_mapset_load(&m, name, key_from, &so, NULL, &err) != KLL_OK) {
		report(&err);
		goto out;
	}
	diag_release(&o->d, kll_mapset_meta(m, "kll_ignore"));
	t->read++;
	if ((whole ? kll_mapset_check(m, &co, NULL, &err) :
	             kll_mapcheck_end(mc, m, NULL, &err)) != KLL_OK)
		report(&err);
	else
		rc = t->novocab ? EXIT_TROUBLE : EXIT_OK;
out:
	kll_mapcheck_free(mc);
	kll_mapset_free(m);
	return rc;
}

static int
run(int argc, char **argv)
{
	kll_error err;
	opts o;
	tally t;
	int rc;

	memset(&o, 0, sizeof(o));
	diag_init(&o.d, &map_check_cmd);
	if ((rc = cli_parse(&map_check_cmd, argc, argv, on_option, &o)) !=
	    CLI_GO)
		return rc;
	memset(&t, 0, sizeof(t));
	t.o = &o;
	report_sink = &o.d;
	if (kll_vocab_cache_new(&t.vc, o.dirs, NULL, &err) != KLL_OK) {
		report(&err);
		return finish(diag_end(&o.d, EXIT_TROUBLE));
	}
	rc = cli_each(argc, argv, check_one, &t);
	kll_vocab_cache_free(t.vc);
	rc = diag_end(&o.d, rc);
	/* After a key that could not be read and nothing else, its message
	 * says it all. */
	if (!o.quiet && t.read > 0)
		print_tally(o.d.shown, t.read, "key", "keys");
	return finish(rc);
}

const cli_cmd map_check_cmd = {
	.name = "kll-map check",
	.summary = "keys against their vocabularies, one line per problem",
	.run = run,
	.operands = { "key.sssom.tsv ..." },
	.about =
	    "Check each key (an SSSOM/TSV mapping set; - is stdin) against the\n"
	    "vocabularies of its two sides and report every finding at or above\n"
	    "the severity threshold.  The vocabularies are those the metadata\n"
	    "names in subject_source and object_source, each loaded once.\n",
	.opts = options,
	.args = { 1, 0, "check takes one or more keys" },
	.after =
	    "Exit status: 0 no finding reported of severity error (or warning,\n"
	    "with --fail-on=warning), 1 some, 2 a key or a vocabulary could not\n"
	    "be read (the other keys are still checked) or a usage error.\n"
	    "\n"
	    "Each key is checked as it is read: the findings of the metadata\n"
	    "first, then those that a row has on its own (the reader's, rules\n"
	    "sssom-*, then the check's), row by row, then those that need every\n"
	    "row (duplicates, contradictions, cardinality, ...), row by row.\n",
	.table = kll_mapcheck_rule_at,
	.rules = "sssom- limit- input-",
};
