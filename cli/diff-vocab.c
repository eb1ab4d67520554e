/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* diff-vocab.c: kll-diff of two versions of a vocabulary: the changes as
 * text, TSV or JSON lines, or with --key the key from old to new. */
#include <string.h>

#include "cli.h"

static int
shown(const diff_opts *o, const kll_change *c)
{
	return o->level == 0 || c->level == o->level;
}

static void
tsv_change(FILE *fp, const kll_change *c)
{
	fprintf(fp, "%s\t%d\t%s\t%s\t%s\t", kll_change_name(c->kind), c->level,
	    code_of(c->old_c), code_of(c->new_c), c->lang);
	put_flat(fp, c->old_text);
	fputc('\t', fp);
	put_flat(fp, c->new_text);
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
		fprintf(fp, "  %s => %s  ", code_of(c->old_c),
		    code_of(c->new_c));
		if (c->pair != NULL)
			fprintf(fp, "%.2f%s  ", c->pair->confidence,
			    c->pair->review ? " review" : "");
		fputs(c->old_text, fp);
		if (strcmp(c->old_text, c->new_text) != 0)
			fprintf(fp, " => %s", c->new_text);
		fputc('\n', fp);
	}
}

/* The table of counts: a row per level, a column per kind. */
static void
text_counts(FILE *fp, const kll_vdiff *d, const diff_opts *o)
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
    const kll_vocab *nv, const diff_opts *o)
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
count_shown(const kll_vdiff *d, const diff_opts *o)
{
	size_t i, n = 0;

	for (i = 0; i < kll_vdiff_count(d); i++)
		n += shown(o, kll_vdiff_at(d, i));
	return n;
}

static void
write_changes(FILE *fp, const kll_vdiff *d, const kll_vocab *ov,
    const kll_vocab *nv, const diff_opts *o)
{
	kll_error err;
	size_t i;

	if (o->format == FMT_TEXT) {
		/* The same versions: nothing to say, as diff(1). */
		if (count_shown(d, o) > 0)
			text_report(fp, d, ov, nv, o);
		return;
	}
	if (o->format == FMT_JSON) {
		/* A write error is reported when the output is closed. */
		kll_vdiff_write_json(d, o->level, fp, &err);
		return;
	}
	fputs("kind\tlevel\told_code\tnew_code\tlang\told\tnew\n", fp);
	for (i = 0; i < kll_vdiff_count(d); i++)
		if (shown(o, kll_vdiff_at(d, i)))
			tsv_change(fp, kll_vdiff_at(d, i));
}

static void
match_opts(const diff_opts *o, kll_match_opts *mo)
{
	mo->langs = o->langs;
	mo->nlangs = o->nlangs;
	mo->lang = o->nlangs > 0 ? o->langs[0] : NULL;
	mo->min_confidence = o->min_conf;
	mo->review = o->review;
}

typedef struct vctx {
	const kll_vdiff *d;
	const kll_vocab *ov, *nv;
	const diff_opts *o;
} vctx;

static void
emit_changes(FILE *fp, const void *arg)
{
	const vctx *x = arg;

	write_changes(fp, x->d, x->ov, x->nv, x->o);
}

static int
write_key(const diff_opts *o, const kll_match *m)
{
	kll_key_opts ko = KLL_KEY_OPTS_INIT;
	kll_mapset *ms = NULL;
	kll_error err;
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
	if (write_mapset(ms, o->output) == 0)
		rc = EXIT_OK;
	kll_mapset_free(ms);
	return rc;
}

int
diff_vocabs(const diff_opts *o, const char *a, const char *b)
{
	kll_match_opts mo = KLL_MATCH_OPTS_INIT;
	kll_vocab *ov = NULL, *nv = NULL;
	kll_vdiff *d = NULL;
	kll_match *m = NULL;
	kll_error err;
	vctx x;
	int rc = EXIT_TROUBLE;

	if ((ov = open_vocab(a, o->dirs, o->syntax)) == NULL ||
	    (nv = open_vocab(b, o->dirs, o->syntax)) == NULL)
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
	if (!o->quiet && write_output(o->output, emit_changes, &x) < 0)
		goto out;
	rc = count_shown(d, o) > 0 ? EXIT_FOUND : EXIT_OK;
out:
	kll_vdiff_free(d);
	kll_match_free(m);
	kll_vocab_free(ov);
	kll_vocab_free(nv);
	return rc;
}
