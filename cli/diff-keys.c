/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* diff-keys.c: kll-diff of two versions of a mapping set, record by
 * record, as text, TSV or JSON lines. */
#include <string.h>

#include "cli.h"

/* Only a key's errors: its warnings do not bear on the comparison. */
static void
errors_only(void *payload, const kll_error *d)
{
	if (d->severity == KLL_SEV_ERROR)
		diag_stderr(payload, d);
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
	const diff_opts *o;
} mctx;

static void
emit_mchanges(FILE *fp, const void *arg)
{
	const mctx *x = arg;
	size_t counts[KLL_MCHANGE__COUNT], i;
	kll_error err;
	const kll_mchange *c;
	int k, first = 1;

	if (x->o->format == FMT_JSON) {
		/* A write error is reported when the output is closed. */
		kll_mapdiff_write_json(x->d, fp, &err);
		return;
	}
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
		if (x->o->format == FMT_TEXT) {
			text_mchange(fp, c);
		} else {
			fprintf(fp, "%s\t", kll_mchange_name(c->kind));
			put_flat(fp, c->subject);
			fputc('\t', fp);
			put_flat(fp, c->object);
			fprintf(fp, "\t%s\t", c->slot);
			put_flat(fp, c->old_value);
			fputc('\t', fp);
			put_flat(fp, c->new_value);
			fputc('\n', fp);
		}
	}
}

int
diff_keys(const diff_opts *o, const char *a, const char *b)
{
	kll_mapset *ma = NULL, *mb = NULL;
	kll_mapdiff *d = NULL;
	kll_error err;
	mctx x;
	int rc = EXIT_TROUBLE;

	ma = read_key(a, errors_only, NULL, "compared");
	mb = read_key(b, errors_only, NULL, "compared");
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
	if (!o->quiet && write_output(o->output, emit_mchanges, &x) < 0)
		goto out;
	rc = kll_mapdiff_count(d) > 0 ? EXIT_FOUND : EXIT_OK;
out:
	kll_mapdiff_free(d);
	kll_mapset_free(ma);
	kll_mapset_free(mb);
	return rc;
}
