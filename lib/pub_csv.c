/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* pub_csv.c: the CSV code list of a published vocabulary: code, parent
 * code, level, IRI and a label per language, one row per coded concept;
 * read back and counted. */
#include <stdlib.h>
#include <string.h>

#include "pub.h"

#define STD_CSV "https://www.rfc-editor.org/rfc/rfc4180"

/* ------------------------------------------------------------------ */
/* The languages of the concepts' prefLabels: sv and en first, then the
 * others sorted; at most max. */
static size_t
label_langs(const kll_vocab *v, const char **out, size_t max)
{
	size_t i, k, j, n = 0, m;
	const kll_label *lb;
	const kll_concept *c;

	out[n++] = "sv";
	out[n++] = "en";
	for (i = 0; i < kll_vocab_count(v); i++) {
		c = kll_vocab_at(v, i);
		for (k = 0; k < kll_concept_nlabels(c); k++) {
			lb = kll_concept_label_at(c, k);
			if (lb->kind != KLL_LABEL_PREF || *lb->lang == '\0')
				continue;
			for (j = 0; j < n && strcmp(out[j], lb->lang) != 0; j++)
				;
			if (j == n && n < max)
				out[n++] = lb->lang;
		}
	}
	/* Keep only the languages in use, sv and en first. */
	for (j = m = 0; j < n; j++) {
		for (i = 0; i < kll_vocab_count(v); i++)
			if (kll_concept_label(kll_vocab_at(v, i),
			        KLL_LABEL_PREF, out[j]) != NULL)
				break;
		if (i < kll_vocab_count(v))
			out[m++] = out[j];
	}
	for (j = 2; j < m; j++) /* insertion sort after sv, en */
		for (k = j; k > 2 && strcmp(out[k - 1], out[k]) > 0; k--) {
			const char *t = out[k];
			out[k] = out[k - 1], out[k - 1] = t;
		}
	return m;
}

static void
csv_parents(FILE *fp, const kll_concept *c)
{
	kll__buf b = { NULL, 0, 0 };
	const kll_concept *p;
	const char *s;
	size_t i;
	int bad = 0;

	for (i = 0; i < kll_concept_nbroader(c); i++) {
		p = kll_concept_broader(c, i);
		s = *kll_concept_notation(p) ? kll_concept_notation(p) :
		                               kll_concept_iri(p);
		bad |= (b.n > 0 && kll__buf_addc(&b, '|') < 0) ||
		       kll__buf_adds(&b, s) < 0;
	}
	for (i = 0; i < kll_concept_nexternal(c); i++)
		bad |= (b.n > 0 && kll__buf_addc(&b, '|') < 0) ||
		       kll__buf_adds(&b, kll_concept_external(c, i)) < 0;
	if (!bad && b.n > 0 && kll__buf_addc(&b, '\0') == 0)
		kll__csv_put(fp, b.p);
	else if (bad)
		fputs("\x01", fp); /* poisons the read-back count */
	kll__buf_free(&b);
}

static void
write_csv_rows(FILE *fp, const kll_vocab *v, const char **langs, size_t nl)
{
	const kll_concept *c;
	const char *s;
	size_t i, k;

	fputs("code,parent,level,iri", fp);
	for (k = 0; k < nl; k++)
		fprintf(fp, ",label_%s", langs[k]);
	fputs("\r\n", fp);
	for (i = 0; i < kll_vocab_count(v); i++) {
		c = kll_vocab_at(v, i);
		if (*kll_concept_notation(c) == '\0')
			continue;
		kll__csv_put(fp, kll_concept_notation(c));
		fputc(',', fp);
		csv_parents(fp, c);
		fputc(',', fp);
		if (kll_concept_level(c) > 0)
			fprintf(fp, "%d", kll_concept_level(c));
		fputc(',', fp);
		kll__csv_put(fp, kll_concept_iri(c));
		for (k = 0; k < nl; k++) {
			fputc(',', fp);
			s = kll_concept_label(c, KLL_LABEL_PREF, langs[k]);
			kll__csv_put(fp, s ? s : "");
		}
		fputs("\r\n", fp);
	}
}

/* The code list read back: one row per coded concept, all as wide as
 * the header. */
static kll_status
verify_csv(kll__pubjob *j, const kll__dataset *d, const char *path)
{
	kll_csv_opts o = KLL_CSV_OPTS_INIT;
	size_t nf, width = 0, rows = 0;
	kll_csv *csv = NULL;

	o.sep = ',';
	if (kll_csv_open(&csv, path, &o, j->err) != KLL_OK)
		return j->st = KLL_EIO;
	while ((j->st = kll_csv_next(csv, &nf, j->err)) == KLL_OK && nf > 0) {
		if (width == 0) {
			width = nf;
			continue;
		}
		if (nf != width) {
			j->st = kll__error_set(j->err, KLL_EINVALID, path,
			    kll_csv_line(csv), 0,
			    "read back %zu fields, not "
			    "%zu",
			    nf, width);
			break;
		}
		rows++;
	}
	kll_csv_free(csv);
	if (j->st == KLL_OK && rows != d->coded)
		j->st = kll__error_set(j->err, KLL_EINVALID, path, 0, 0,
		    "read back %zu codes, not the %zu of %s", rows, d->coded,
		    d->src);
	return j->st;
}

void
kll__pub_write_csv(kll__pubjob *j, kll__dataset *d)
{
	const char *langs[32];
	kll_vocab *v = NULL;
	kll__pubfile *f;
	char *path = NULL;
	FILE *fp;

	if (kll__pub_stopped(j) || (f = kll__pub_add_file(j, d, "vocab", ".csv",
	                                "csv", "text/csv")) == NULL)
		return;
	f->what_sv = "Kodlista i CSV: kod, överordnad kod, nivå, IRI och "
	             "benämningar per språk";
	f->what_en = "Code list in CSV: code, parent code, level, IRI and "
	             "labels per language";
	f->conforms[0] = STD_CSV;
	if ((j->st = kll_vocab_load(&v, d->src, NULL, j->err)) != KLL_OK)
		return;
	if ((fp = kll__pub_create(j, f->rel, &path)) != NULL) {
		write_csv_rows(fp, v, langs, label_langs(v, langs, 32));
		kll__pub_close(j, fp, path, f);
	}
	kll_vocab_free(v);
	if (j->st == KLL_OK)
		verify_csv(j, d, path);
	free(path);
}
