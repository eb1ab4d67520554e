/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map-filter.c: kll-map filter, the records of a key that pass tests. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum {
	OPT_PRED = 256,
	OPT_MIN,
	OPT_MAX,
	OPT_SLEVEL,
	OPT_OLEVEL,
	OPT_REVIEW,
	OPT_NO_REVIEW
};

typedef struct opts {
	const char *output, *dirs, *vocab[2];
	int quiet;
	cli_list preds;
	kll_filter_opts f;
} opts;

#define SET(m) CLI_SET(opts, m)

static const cli_opt options[] = {
	{ "predicate", 'p', "pred",
	    "keep records with this predicate (exact, close, broad, narrow, "
	    "related, a CURIE or an IRI); repeatable: any of them",
	    .usage = CLI_U1 },
	{ "justification", 'j', "curie",
	    "keep records with this mapping_justification", .usage = CLI_U1,
	    .set = SET(f.justification) },
	{ "min-confidence", OPT_MIN, "x",
	    "keep records of confidence x or more (none stated counts as 1)",
	    .usage = CLI_U1 },
	{ "max-confidence", OPT_MAX, "x",
	    "keep records of confidence x or less", .usage = CLI_U1 },
	{ "subject", CLI_AUTO, "code",
	    "keep records of this subject (its CURIE or code)", .usage = CLI_U1,
	    .set = SET(f.code[0]) },
	{ "object", CLI_AUTO, "code", "keep records of this object",
	    .usage = CLI_U1, .set = SET(f.code[1]) },
	{ "descendants", CLI_AUTO, NULL,
	    "--subject and --object match the codes under theirs in the "
	    "vocabulary too",
	    .usage = CLI_U1, .set = SET(f.descendants) },
	{ "subject-level", OPT_SLEVEL, "n",
	    "keep records whose subject is on level n of its vocabulary",
	    .usage = CLI_U1 },
	{ "object-level", OPT_OLEVEL, "n", "whose object is on level n",
	    .usage = CLI_U1 },
	{ "review", OPT_REVIEW, NULL,
	    "keep records marked for review in their comment",
	    .usage = CLI_U1 },
	{ "no-review", OPT_NO_REVIEW, NULL, "keep those not marked",
	    .usage = CLI_U1 },
	{ "quiet", 'q', NULL, "no summary on stderr", .usage = CLI_U1,
	    .set = SET(quiet) },
	CLI_OPT_OUTPUT(CLI_U1, SET(output)),
	CLI_OPT_PRIVATE,
	CLI_OPT_FORCE,
	{ "vocab-path", 'L', "dirs",
	    "folders to search for vocabulary ids first", .usage = CLI_U1,
	    .set = SET(dirs) },
	{ "subject-vocab", CLI_AUTO, "vocab",
	    "the subject vocabulary (a file, id or scheme IRI) instead of "
	    "subject_source",
	    .set = SET(vocab[0]) },
	{ "object-vocab", CLI_AUTO, "vocab",
	    "the object vocabulary instead of object_source",
	    .set = SET(vocab[1]) },
	CLI_OPT_HELP,
	{ NULL },
};

static int
parse_conf(const char *arg, const char *what, double *out)
{
	char *end;
	double x = strtod(arg, &end);

	if (*arg == '\0' || *end != '\0' || !(x >= 0 && x <= 1))
		return usage_error(
		    "bad %s '%s': give a number from 0 to 1", what, arg);
	*out = x;
	return 0;
}

static int
on_option(void *ctx, int key, char *arg)
{
	opts *o = ctx;

	switch (key) {
	case 'p':
		return push_arg(&o->preds, arg, "predicate");
	case OPT_MIN:
		return parse_conf(arg, "confidence", &o->f.min_confidence);
	case OPT_MAX:
		return parse_conf(arg, "confidence", &o->f.max_confidence);
	case OPT_SLEVEL:
		return parse_level(arg, &o->f.level[0]);
	case OPT_OLEVEL:
		return parse_level(arg, &o->f.level[1]);
	case OPT_REVIEW:
	case OPT_NO_REVIEW:
		if (o->f.review != 0)
			return usage_error("give --review or --no-review once");
		o->f.review = key == OPT_REVIEW ? 1 : -1;
		break;
	}
	return 0;
}

/* The vocabulary of a side, where the filter needs it: NULL and 0 when
 * it does not, -1 after a message. */
static int
side_vocab(const opts *o, const kll_mapset *m, int side, kll_vocab **out)
{
	kll_error err;

	*out = NULL;
	if (o->f.level[side] == 0 && o->vocab[side] == NULL &&
	    !(o->f.descendants && o->f.code[side] != NULL))
		return 0;
	if (o->vocab[side] != NULL)
		return (*out = open_vocab(o->vocab[side], o->dirs, NULL)) ? 0 :
		                                                            -1;
	if (kll_mapset_vocab(out, m, (kll_side)side, o->dirs, NULL, &err) !=
	    KLL_OK) {
		report(&err);
		return -1;
	}
	return 0;
}

static int
filter(opts *o, const char *path)
{
	kll_mapset *m, *out = NULL;
	kll_vocab *v[2] = { NULL, NULL };
	unsigned char *keep = NULL;
	kll_error err;
	size_t nkept;
	int rc = EXIT_TROUBLE, side;

	if ((m = read_key(path, NULL, NULL, "filtered")) == NULL)
		return EXIT_TROUBLE;
	for (side = 0; side < 2; side++)
		if (side_vocab(o, m, side, &v[side]) < 0)
			goto out;
	o->f.vocab[0] = v[0];
	o->f.vocab[1] = v[1];
	o->f.predicates = o->preds.v;
	o->f.npredicates = o->preds.n;
	if ((keep = malloc(kll_mapset_count(m) + 1)) == NULL) {
		errmsg("out of memory");
		goto out;
	}
	if (kll_mapset_select(keep, &nkept, m, &o->f, &err) != KLL_OK ||
	    kll_mapset_subset(&out, m, keep, &err) != KLL_OK) {
		report(&err);
		goto out;
	}
	if (write_mapset(out, o->output) < 0)
		goto out;
	if (!o->quiet)
		errmsg("%s: %zu of %zu %s kept", kll_mapset_path(m), nkept,
		    kll_mapset_count(m),
		    plural(kll_mapset_count(m), "record", "records"));
	rc = EXIT_OK;
out:
	free(keep);
	kll_vocab_free(v[0]);
	kll_vocab_free(v[1]);
	kll_mapset_free(out);
	kll_mapset_free(m);
	return rc;
}

static int
run(int argc, char **argv)
{
	opts o;
	int rc;

	memset(&o, 0, sizeof(o));
	o.f.max_confidence = 1;
	if ((rc = cli_parse(&map_filter_cmd, argc, argv, on_option, &o)) !=
	    CLI_GO)
		return rc;
	if (o.f.descendants && o.f.code[0] == NULL && o.f.code[1] == NULL)
		return usage_error(
		    "--descendants goes with --subject or --object");
	if (o.f.min_confidence > o.f.max_confidence)
		return usage_error(
		    "--min-confidence is above --max-confidence");
	rc = filter(&o, argv[optind]);
	return rc == EXIT_TROUBLE ? rc : finish(rc);
}

const cli_cmd map_filter_cmd = {
	.name = "kll-map filter",
	.summary = "the records of a key that pass tests",
	.run = run,
	.operands = { "key.sssom.tsv" },
	.about =
	    "Write the key with only the records that pass every test given, the\n"
	    "metadata as it was.  A code is a subject_id or object_id CURIE, or its\n"
	    "part after the prefix; with --descendants, and with the levels, it is\n"
	    "looked up in the side's vocabulary (subject_source or object_source\n"
	    "along -L, or --subject-vocab and --object-vocab).  A record is marked\n"
	    "for review when a part of its comment (parts are separated by \"; \")\n"
	    "is \"review\" or begins with \"review:\", as kll-diff writes it.  A\n"
	    "record's mapping_cardinality is its shape among the records kept.\n",
	.opts = options,
	.args = { 1, 1, "filter takes one key" },
	.after = "Exit status: 0 written (even with no record), 2 the key or a "
	         "vocabulary\ncould not be read, a failed write, or a usage "
	         "error.\n",
	.rules = "sssom- limit-",
};
