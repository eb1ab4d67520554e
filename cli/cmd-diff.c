/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd-diff.c: kll-diff, what changed between two versions of a
 * vocabulary (and the key it implies, with --key), or between two
 * mapping sets.  Exit status as diff(1): 0 the same, 1 different, 2
 * trouble. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage_text[] =
    "usage: kll-diff [-q] [-L dirs] [-l langs] [--level=n] "
    "[--format=text|tsv|json]\n"
    "                [-o file] old new\n"
    "       kll-diff --key [-L dirs] [-l langs] [--level=n] "
    "[--min-confidence=x]\n"
    "                [--review=x] [--license=iri] [-o file] old new\n"
    "       kll-diff [--keys] [-q] [--format=text|tsv|json] [-o file]\n"
    "                old.sssom.tsv new.sssom.tsv\n";

static const char help_text[] =
    "\n"
    "Compare two versions of a vocabulary (files, ids or scheme IRIs):\n"
    "codes added and removed, kept codes relabelled or moved, and, from\n"
    "labels and hierarchy together, content renumbered, split, merged,\n"
    "regrouped, lost (no counterpart) and novel.  With --key, write the\n"
    "key from old to new that this implies, as SSSOM/TSV.  Two mapping\n"
    "sets (*.sssom.tsv, or --keys) are compared record by record, paired\n"
    "by subject and object.\n"
    "\n"
    "  -L, --vocab-path=DIRS    folders searched first for vocabulary ids\n"
    "  -l, --lang=LANGS         label languages compared, comma-separated\n"
    "                           (default: all)\n"
    "      --level=N            only changes (or key rows) of level N\n"
    "      --format=FORMAT      text (default), tsv (a header, then kind,\n"
    "                           level, old code, new code, language, old,\n"
    "                           new) or json (JSON lines)\n"
    "  -k, --key                write the proposed key instead\n"
    "      --keys               the operands are mapping sets\n"
    "      --min-confidence=X   propose no pair below X (default 0.35)\n"
    "      --review=X           pairs below X are marked review and one-to-\n"
    "                           one ones are closeMatch (default 0.6); so\n"
    "                           are near ties (a rival within 0.05) and\n"
    "                           pairs not under their broader pair\n"
    "      --new-items          key rows for new concepts nothing reached\n"
    "      --label-lang=L       language of the labels in the key (default\n"
    "                           sv, else en)\n"
    "      --license=IRI, --mapping-set-id=IRI, --title=TEXT  key metadata\n"
    "      --syntax=NAME        RDF syntax of vocabulary files\n"
    "  -o, --output=FILE        write to FILE (replaced only when complete)\n"
    "      --private            make -o FILE readable by you only (0600)\n"
    "      --force              replace -o FILE even when it has other hard\n"
    "                           links, or write to the file it links to\n"
    "  -q, --quiet              print nothing; the exit status tells\n"
    "  -h, --help               this text;  -V, --version  the version\n"
    "\n"
    "Exit status: 0 no difference (or the key was written), 1 differences,\n"
    "2 trouble (usage, an input that cannot be read, a write error).\n";

enum { FMT_TEXT = 0, FMT_TSV, FMT_JSON };

typedef struct opts {
	const char *dirs, *syntax, *output;
	const char *langs[32];
	size_t nlangs;
	int level, format, key, keys, quiet, new_items;
	double min_conf, review;
	const char *license, *set_id, *title, *label_lang;
} opts;

enum {
	OPT_LEVEL = 256,
	OPT_FORMAT,
	OPT_KEYS,
	OPT_MINCONF,
	OPT_REVIEW,
	OPT_NEWITEMS,
	OPT_LABELLANG,
	OPT_LICENSE,
	OPT_SETID,
	OPT_TITLE,
	OPT_SYNTAX
};

static const struct option longopts[] = {
	{ "vocab-path", required_argument, NULL, 'L' },
	{ "lang", required_argument, NULL, 'l' },
	{ "level", required_argument, NULL, OPT_LEVEL },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "key", no_argument, NULL, 'k' },
	{ "keys", no_argument, NULL, OPT_KEYS },
	{ "min-confidence", required_argument, NULL, OPT_MINCONF },
	{ "review", required_argument, NULL, OPT_REVIEW },
	{ "new-items", no_argument, NULL, OPT_NEWITEMS },
	{ "label-lang", required_argument, NULL, OPT_LABELLANG },
	{ "license", required_argument, NULL, OPT_LICENSE },
	{ "mapping-set-id", required_argument, NULL, OPT_SETID },
	{ "title", required_argument, NULL, OPT_TITLE },
	{ "syntax", required_argument, NULL, OPT_SYNTAX },
	{ "output", required_argument, NULL, 'o' },
	OFILE_LONGOPTS,
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static int
parse_level(opts *o, const char *arg)
{
	char *end;
	long n = strtol(arg, &end, 10);

	if (*arg == '\0' || *end != '\0' || n < 1 || n > 63)
		return usage_error(
		    usage_text, "bad level '%s': give a number from 1", arg);
	o->level = (int)n;
	return 0;
}

static int
parse_diff_format(opts *o, const char *arg)
{
	if (strcmp(arg, "text") == 0)
		o->format = FMT_TEXT;
	else if (strcmp(arg, "tsv") == 0)
		o->format = FMT_TSV;
	else if (strcmp(arg, "json") == 0)
		o->format = FMT_JSON;
	else
		return usage_error(
		    usage_text, "bad format '%s': give text, tsv or json", arg);
	return 0;
}

static int
parse_unit(double *out, const char *name, const char *arg)
{
	char *end;
	double x = strtod(arg, &end);

	if (*arg == '\0' || *end != '\0' || !(x >= 0.0 && x <= 1.0))
		return usage_error(usage_text,
		    "bad %s '%s': give a number from 0 to 1", name, arg);
	*out = x;
	return 0;
}

static int
parse_langs(opts *o, char *arg)
{
	int n = split_list(
	    arg, o->langs, (int)(sizeof(o->langs) / sizeof(o->langs[0])));

	if (n <= 0)
		return usage_error(
		    usage_text, n < 0 ? "too many languages in --lang" :
		                        "--lang needs a language");
	o->nlangs = (size_t)n;
	return 0;
}

static int
parse_one(opts *o, int ch)
{
	switch (ch) {
	case 'L':
		o->dirs = optarg;
		return 0;
	case 'l':
		return parse_langs(o, optarg);
	case OPT_LEVEL:
		return parse_level(o, optarg);
	case OPT_FORMAT:
		return parse_diff_format(o, optarg);
	case 'k':
		o->key = 1;
		return 0;
	case OPT_KEYS:
		o->keys = 1;
		return 0;
	case OPT_MINCONF:
		return parse_unit(&o->min_conf, "confidence", optarg);
	case OPT_REVIEW:
		return parse_unit(&o->review, "review threshold", optarg);
	case OPT_NEWITEMS:
		o->new_items = 1;
		return 0;
	case OPT_LABELLANG:
		o->label_lang = optarg;
		return 0;
	case OPT_LICENSE:
		o->license = optarg;
		return 0;
	case OPT_SETID:
		o->set_id = optarg;
		return 0;
	case OPT_TITLE:
		o->title = optarg;
		return 0;
	case OPT_SYNTAX:
		o->syntax = optarg;
		return 0;
	case OPT_PRIVATE:
	case OPT_OUT_FORCE:
		output_flags |= OFILE_FLAG(ch);
		return 0;
	case 'o':
		o->output = optarg;
		return 0;
	case 'q':
		o->quiet = 1;
		return 0;
	}
	return usage_error(usage_text, NULL);
}

/* Returns the index of the first operand, -1 after a usage error, -2
 * after --help or --version. */
static int
parse_opts(int argc, char **argv, opts *o)
{
	int ch;

	memset(o, 0, sizeof(*o));
	optind = 1;
	argv[0] = (char *)progname;
	while ((ch = getopt_long(argc, argv, "L:l:ko:qhV", longopts, NULL)) !=
	       -1) {
		if (ch == 'h') {
			fputs(usage_text, stdout);
			fputs(help_text, stdout);
			return -2;
		}
		if (ch == 'V') {
			printf("kll-diff %s\n", KLL_VERSION);
			return -2;
		}
		if (parse_one(o, ch) != 0)
			return -1;
	}
	if (argc - optind != 2) {
		usage_error(usage_text, "give two versions to compare");
		return -1;
	}
	if (o->key && o->keys) {
		usage_error(
		    usage_text, "--key compares vocabularies, not keys");
		return -1;
	}
	if (o->key && o->quiet) {
		usage_error(usage_text, "--key writes a key; -q has nothing to "
		                        "silence");
		return -1;
	}
	return optind;
}

/* ------------------------------------------------------------------ */
/* Which kind of input                                                  */

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Whether "path" holds a mapping set: named *.sssom.tsv, or a file that
 * opens with SSSOM metadata or an SSSOM header line. */
static int
is_sssom(const char *path)
{
	static const char *const keys[] = { "#curie_map:", "#mapping_set_id:",
		"#license:", "#subject_source:", "#object_source:",
		"#mapping_set_title:", "#sssom_version:", "subject_id\t" };
	char buf[4096];
	size_t n, i;
	FILE *fp;

	if (ends_with(path, ".sssom.tsv"))
		return 1;
	if (strcmp(path, "-") == 0 || ends_with(path, ".ttl") ||
	    ends_with(path, ".rdf") || ends_with(path, ".nt") ||
	    ends_with(path, ".owl") || ends_with(path, ".xml"))
		return 0;
	if ((fp = fopen(path, "rb")) == NULL)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strncmp(buf, keys[i], strlen(keys[i])) == 0 ||
		    (keys[i][0] != '#' && strstr(buf, keys[i]) != NULL))
			return 1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Two vocabularies                                                     */

static const char *
code_of(const kll_concept *c)
{
	const char *n;

	if (c == NULL)
		return "";
	n = kll_concept_notation(c);
	return *n ? n : kll_concept_iri(c);
}

/* A label for a TSV field: tabs and line ends become spaces. */
static void
tsv_field(FILE *fp, const char *s)
{
	for (; *s; s++)
		fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, fp);
}

static int
shown(const opts *o, const kll_change *c)
{
	return o->level == 0 || c->level == o->level;
}

static void
json_change(FILE *fp, const kll_change *c)
{
	fprintf(fp, "{\"kind\":\"%s\",\"level\":%d,\"old_code\":",
	    kll_change_name(c->kind), c->level);
	if (c->old_c != NULL)
		json_string(fp, code_of(c->old_c));
	else
		fputs("null", fp);
	fputs(",\"new_code\":", fp);
	if (c->new_c != NULL)
		json_string(fp, code_of(c->new_c));
	else
		fputs("null", fp);
	fputs(",\"lang\":", fp);
	json_string(fp, c->lang);
	fputs(",\"old\":", fp);
	json_string(fp, c->old_text);
	fputs(",\"new\":", fp);
	json_string(fp, c->new_text);
	if (c->pair != NULL && c->pair->rel != KLL_REL_NONE)
		fprintf(fp, ",\"confidence\":%.3f,\"review\":%s",
		    c->pair->confidence, c->pair->review ? "true" : "false");
	fputs("}\n", fp);
}

static void
tsv_change(FILE *fp, const kll_change *c)
{
	fprintf(fp, "%s\t%d\t%s\t%s\t%s\t", kll_change_name(c->kind), c->level,
	    code_of(c->old_c), code_of(c->new_c), c->lang);
	tsv_field(fp, c->old_text);
	fputc('\t', fp);
	tsv_field(fp, c->new_text);
	fputc('\n', fp);
}

static void
text_change(FILE *fp, const kll_change *c)
{
	switch (c->kind) {
	case KLL_CHANGE_ADDED:
	case KLL_CHANGE_NOVEL:
		fprintf(fp, "  %s  %s\n", code_of(c->new_c), c->new_text);
		break;
	case KLL_CHANGE_REMOVED:
	case KLL_CHANGE_LOST:
		fprintf(fp, "  %s  %s\n", code_of(c->old_c), c->old_text);
		break;
	case KLL_CHANGE_RELABELLED:
		fprintf(fp, "  %s  [%s] %s => %s\n", code_of(c->old_c), c->lang,
		    *c->old_text ? c->old_text : "(none)",
		    *c->new_text ? c->new_text : "(none)");
		break;
	case KLL_CHANGE_MOVED:
		fprintf(fp, "  %s  under %s => %s\n", code_of(c->old_c),
		    *c->old_text ? c->old_text : "(top)",
		    *c->new_text ? c->new_text : "(top)");
		break;
	default:
		fprintf(fp, "  %s => %s  %.2f%s  %s", code_of(c->old_c),
		    code_of(c->new_c), c->pair->confidence,
		    c->pair->review ? " review" : "", c->old_text);
		if (strcmp(c->old_text, c->new_text) != 0)
			fprintf(fp, " => %s", c->new_text);
		fputc('\n', fp);
	}
}

/* The table of counts: a row per level, a column per kind. */
static void
text_counts(FILE *fp, const kll_vdiff *d, const opts *o)
{
	size_t counts[65][KLL_CHANGE__COUNT], all[KLL_CHANGE__COUNT];
	const kll_change *c;
	size_t i;
	int lv, k, top = 0;

	memset(counts, 0, sizeof(counts));
	memset(all, 0, sizeof(all));
	for (i = 0; i < kll_vdiff_count(d); i++) {
		c = kll_vdiff_at(d, i);
		if (!shown(o, c))
			continue;
		lv = c->level >= 0 && c->level <= 64 ? c->level : 0;
		counts[lv][c->kind]++;
		all[c->kind]++;
		if (lv > top)
			top = lv;
	}
	fputs("level", fp);
	for (k = 0; k < KLL_CHANGE__COUNT; k++)
		fprintf(fp, " %s", kll_change_name((kll_change_kind)k));
	fputc('\n', fp);
	for (lv = 0; lv <= top; lv++) {
		size_t sum = 0;
		for (k = 0; k < KLL_CHANGE__COUNT; k++)
			sum += counts[lv][k];
		if (sum == 0 && (lv == 0 || o->level != 0))
			continue;
		fprintf(fp, "%-5d", lv);
		for (k = 0; k < KLL_CHANGE__COUNT; k++)
			fprintf(fp, " %*zu",
			    (int)strlen(kll_change_name((kll_change_kind)k)),
			    counts[lv][k]);
		fputc('\n', fp);
	}
	fputs("all  ", fp);
	for (k = 0; k < KLL_CHANGE__COUNT; k++)
		fprintf(fp, " %*zu",
		    (int)strlen(kll_change_name((kll_change_kind)k)), all[k]);
	fputc('\n', fp);
}

static void
text_report(FILE *fp, const kll_vdiff *d, const kll_vocab *ov,
    const kll_vocab *nv, const opts *o)
{
	const kll_change *c;
	size_t i, j, n;

	fprintf(fp, "--- %s (%s): %zu concepts\n", kll_vocab_id(ov),
	    kll_vocab_path(ov), kll_vocab_count(ov));
	fprintf(fp, "+++ %s (%s): %zu concepts\n", kll_vocab_id(nv),
	    kll_vocab_path(nv), kll_vocab_count(nv));
	text_counts(fp, d, o);
	for (i = 0; i < kll_vdiff_count(d); i = j) {
		c = kll_vdiff_at(d, i);
		for (j = i, n = 0; j < kll_vdiff_count(d) &&
		                   kll_vdiff_at(d, j)->kind == c->kind;
		     j++)
			n += shown(o, kll_vdiff_at(d, j));
		if (n == 0)
			continue;
		fprintf(fp, "\n%s (%zu):\n", kll_change_name(c->kind), n);
		for (; i < j; i++)
			if (shown(o, kll_vdiff_at(d, i)))
				text_change(fp, kll_vdiff_at(d, i));
	}
}

static size_t
count_shown(const kll_vdiff *d, const opts *o)
{
	size_t i, n = 0;

	for (i = 0; i < kll_vdiff_count(d); i++)
		n += shown(o, kll_vdiff_at(d, i));
	return n;
}

static void
write_changes(FILE *fp, const kll_vdiff *d, const kll_vocab *ov,
    const kll_vocab *nv, const opts *o)
{
	size_t i;

	if (o->format == FMT_TEXT) {
		/* The same versions: nothing to say, as diff(1). */
		if (count_shown(d, o) > 0)
			text_report(fp, d, ov, nv, o);
		return;
	}
	if (o->format == FMT_TSV)
		fputs("kind\tlevel\told_code\tnew_code\tlang\told\tnew\n", fp);
	for (i = 0; i < kll_vdiff_count(d); i++) {
		if (!shown(o, kll_vdiff_at(d, i)))
			continue;
		if (o->format == FMT_TSV)
			tsv_change(fp, kll_vdiff_at(d, i));
		else
			json_change(fp, kll_vdiff_at(d, i));
	}
}

static void
match_opts(const opts *o, kll_match_opts *mo)
{
	mo->langs = o->langs;
	mo->nlangs = o->nlangs;
	mo->min_confidence = o->min_conf;
	mo->review = o->review;
}

/* Write through -o (atomically) or to stdout; returns 0 or -1. */
static int
emit(const opts *o, void (*fn)(FILE *, const void *), const void *arg)
{
	ofile of;

	if (ofile_open(&of, o->output) < 0)
		return -1;
	fn(of.fp, arg);
	if (ofile_commit(&of) < 0) {
		ofile_abort(&of);
		return -1;
	}
	return 0;
}

typedef struct vctx {
	const kll_vdiff *d;
	const kll_vocab *ov, *nv;
	const opts *o;
} vctx;

static void
emit_changes(FILE *fp, const void *arg)
{
	const vctx *x = arg;

	write_changes(fp, x->d, x->ov, x->nv, x->o);
}

static kll_vocab *
open_vocab(const opts *o, const char *name)
{
	kll_load_opts lo = KLL_LOAD_OPTS_INIT;
	kll_vocab *v = NULL;
	kll_error err;

	lo.syntax = o->syntax;
	if (kll_vocab_open(&v, name, o->dirs, &lo, &err) != KLL_OK)
		report(&err);
	return v;
}

static int
write_key(const opts *o, const kll_match *m)
{
	kll_key_opts ko = KLL_KEY_OPTS_INIT;
	kll_mapset *ms = NULL;
	kll_error err;
	ofile of;
	int rc = EXIT_TROUBLE;

	ko.mapping_set_id = o->set_id;
	ko.license = o->license;
	ko.title = o->title;
	ko.lang = o->label_lang;
	ko.level = o->level;
	ko.new_items = o->new_items;
	if (kll_match_key(&ms, m, &ko, &err) != KLL_OK) {
		report(&err);
		return EXIT_TROUBLE;
	}
	if (ofile_open(&of, o->output) < 0)
		goto out;
	if (kll_mapset_write(ms, of.fp, &err) != KLL_OK) {
		/* A failed write to stdout is reported once, by finish(). */
		if (!(err.code == KLL_EIO && of.fp == stdout))
			report(&err);
		ofile_abort(&of);
		goto out;
	}
	if (ofile_commit(&of) < 0) {
		ofile_abort(&of);
		goto out;
	}
	rc = EXIT_OK;
out:
	kll_mapset_free(ms);
	return rc;
}

static int
diff_vocabs(const opts *o, const char *a, const char *b)
{
	kll_match_opts mo = KLL_MATCH_OPTS_INIT;
	kll_vocab *ov = NULL, *nv = NULL;
	kll_vdiff *d = NULL;
	kll_match *m = NULL;
	kll_error err;
	vctx x;
	int rc = EXIT_TROUBLE;

	if ((ov = open_vocab(o, a)) == NULL || (nv = open_vocab(o, b)) == NULL)
		goto out;
	match_opts(o, &mo);
	if (o->key) {
		if (kll_match_new(&m, ov, nv, &mo, &err) != KLL_OK)
			report(&err);
		else
			rc = write_key(o, m);
		goto out;
	}
	if (kll_vdiff_new(&d, ov, nv, &mo, &err) != KLL_OK) {
		report(&err);
		goto out;
	}
	x.d = d;
	x.ov = ov;
	x.nv = nv;
	x.o = o;
	if (!o->quiet && emit(o, emit_changes, &x) < 0)
		goto out;
	rc = count_shown(d, o) > 0 ? EXIT_FOUND : EXIT_OK;
out:
	kll_vdiff_free(d);
	kll_match_free(m);
	kll_vocab_free(ov);
	kll_vocab_free(nv);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Two mapping sets                                                     */

static void
on_problem(void *payload, const kll_error *d)
{
	size_t *nerr = payload;

	if (d->severity != KLL_SEV_ERROR)
		return;
	(*nerr)++;
	print_diag(stderr, d, 0);
}

static kll_mapset *
read_key(const char *path)
{
	kll_sssom_opts so = KLL_SSSOM_OPTS_INIT;
	kll_mapset *m = NULL;
	kll_error err;
	size_t nerr = 0;

	so.diag = on_problem;
	so.payload = &nerr;
	if (kll_mapset_read(&m, path, &so, &err) != KLL_OK) {
		report(&err);
		return NULL;
	}
	if (nerr > 0) {
		errmsg("%s: %zu %s: not compared", kll_mapset_path(m), nerr,
		    nerr == 1 ? "error" : "errors");
		kll_mapset_free(m);
		return NULL;
	}
	return m;
}

static void
json_mchange(FILE *fp, const kll_mchange *c)
{
	fprintf(fp, "{\"kind\":\"%s\",\"subject\":", kll_mchange_name(c->kind));
	json_string(fp, c->subject);
	fputs(",\"object\":", fp);
	json_string(fp, c->object);
	fputs(",\"slot\":", fp);
	json_string(fp, c->slot);
	fputs(",\"old\":", fp);
	json_string(fp, c->old_value);
	fputs(",\"new\":", fp);
	json_string(fp, c->new_value);
	fputs("}\n", fp);
}

static void
text_mchange(FILE *fp, const kll_mchange *c)
{
	switch (c->kind) {
	case KLL_MCHANGE_ADDED:
		fprintf(
		    fp, "+ %s %s %s\n", c->subject, c->new_value, c->object);
		break;
	case KLL_MCHANGE_REMOVED:
		fprintf(
		    fp, "- %s %s %s\n", c->subject, c->old_value, c->object);
		break;
	case KLL_MCHANGE_META:
		fprintf(fp, "~ %s: %s => %s\n", c->slot,
		    *c->old_value ? c->old_value : "(none)",
		    *c->new_value ? c->new_value : "(none)");
		break;
	default:
		fprintf(fp, "~ %s %s %s: %s => %s\n", c->subject, c->object,
		    c->slot, *c->old_value ? c->old_value : "(none)",
		    *c->new_value ? c->new_value : "(none)");
	}
}

typedef struct mctx {
	const kll_mapdiff *d;
	const kll_mapset *a, *b;
	const opts *o;
} mctx;

static void
emit_mchanges(FILE *fp, const void *arg)
{
	const mctx *x = arg;
	size_t counts[KLL_MCHANGE__COUNT], i;
	const kll_mchange *c;
	int k, first = 1;

	if (x->o->format == FMT_TSV)
		fputs("kind\tsubject_id\tobject_id\tslot\told\tnew\n", fp);
	if (x->o->format == FMT_TEXT && kll_mapdiff_count(x->d) == 0)
		return;
	if (x->o->format == FMT_TEXT) {
		memset(counts, 0, sizeof(counts));
		for (i = 0; i < kll_mapdiff_count(x->d); i++)
			counts[kll_mapdiff_at(x->d, i)->kind]++;
		fprintf(fp, "--- %s: %zu records\n+++ %s: %zu records\n",
		    kll_mapset_path(x->a), kll_mapset_count(x->a),
		    kll_mapset_path(x->b), kll_mapset_count(x->b));
		for (k = 0; k < KLL_MCHANGE__COUNT; k++)
			if (counts[k] > 0) {
				fprintf(fp, "%s%zu %s", first ? "" : ", ",
				    counts[k],
				    kll_mchange_name((kll_mchange_kind)k));
				first = 0;
			}
		if (!first)
			fputc('\n', fp);
	}
	for (i = 0; i < kll_mapdiff_count(x->d); i++) {
		c = kll_mapdiff_at(x->d, i);
		if (x->o->format == FMT_JSON) {
			json_mchange(fp, c);
		} else if (x->o->format == FMT_TEXT) {
			text_mchange(fp, c);
		} else {
			fprintf(fp, "%s\t", kll_mchange_name(c->kind));
			tsv_field(fp, c->subject);
			fputc('\t', fp);
			tsv_field(fp, c->object);
			fprintf(fp, "\t%s\t", c->slot);
			tsv_field(fp, c->old_value);
			fputc('\t', fp);
			tsv_field(fp, c->new_value);
			fputc('\n', fp);
		}
	}
}

static int
diff_keys(const opts *o, const char *a, const char *b)
{
	kll_mapset *ma = NULL, *mb = NULL;
	kll_mapdiff *d = NULL;
	kll_error err;
	mctx x;
	int rc = EXIT_TROUBLE;

	ma = read_key(a);
	mb = read_key(b);
	if (ma == NULL || mb == NULL)
		goto out;
	if (kll_mapdiff_new(&d, ma, mb, &err) != KLL_OK) {
		report(&err);
		goto out;
	}
	x.d = d;
	x.a = ma;
	x.b = mb;
	x.o = o;
	if (!o->quiet && emit(o, emit_mchanges, &x) < 0)
		goto out;
	rc = kll_mapdiff_count(d) > 0 ? EXIT_FOUND : EXIT_OK;
out:
	kll_mapdiff_free(d);
	kll_mapset_free(ma);
	kll_mapset_free(mb);
	return rc;
}

int
cmd_diff(int argc, char **argv)
{
	opts o;
	int first, ka, kb;

	progname = "kll-diff";
	if ((first = parse_opts(argc, argv, &o)) < 0)
		return first == -2 ? finish(EXIT_OK) : EXIT_TROUBLE;
	ka = o.keys || is_sssom(argv[first]);
	kb = o.keys || is_sssom(argv[first + 1]);
	if (ka != kb)
		return usage_error(usage_text,
		    "'%s' is a %s but '%s' is not: compare like with like",
		    ka ? argv[first] : argv[first + 1], "mapping set",
		    ka ? argv[first + 1] : argv[first]);
	if (ka && o.key)
		return usage_error(
		    usage_text, "--key compares vocabularies, not keys");
	if (ka)
		return finish(diff_keys(&o, argv[first], argv[first + 1]));
	return finish(diff_vocabs(&o, argv[first], argv[first + 1]));
}
