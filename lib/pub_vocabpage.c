/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* pub_vocabpage.c: the page of one vocabulary for people: its levels
 * with their counts and its concepts as a tree of nested <details>,
 * depth first, with no script: a leaf is a plain list item, so a big
 * vocabulary costs a few lines per concept. */
#include <stdlib.h>
#include <string.h>

#include "pub.h"

#define MAX_DEPTH 64

static void
concept_text(FILE *fp, const kll_concept *c)
{
	const char *n = kll_concept_notation(c);
	const char *l = kll_concept_label(c, KLL_LABEL_PREF, NULL);

	fputs("<code>", fp);
	kll__html_text(fp, n[0] ? n : kll_concept_iri(c));
	fputs("</code>", fp);
	if (l != NULL) {
		fputc(' ', fp);
		kll__html_text(fp, l);
	}
}

static void
tree(FILE *fp, const kll_concept *c, int depth)
{
	size_t i, n = kll_concept_nnarrower(c);

	if (n == 0 || depth >= MAX_DEPTH) {
		fputs("<li>", fp);
		concept_text(fp, c);
		fputs("</li>\n", fp);
		return;
	}
	fputs("<li><details><summary>", fp);
	concept_text(fp, c);
	fprintf(fp, " <small>(%zu)</small></summary>\n<ul>\n", n);
	for (i = 0; i < n; i++)
		tree(fp, kll_concept_narrower(c, i), depth + 1);
	fputs("</ul>\n</details></li>\n", fp);
}

kll_status
kll_vocab_page(FILE *fp, const kll_vocab *v, int flags, kll_error *err)
{
	const char *title = kll_vocab_title(v, "sv");
	int nl = kll_vocab_levels(v), d;
	size_t i, other = 0;

	if (title == NULL || !title[0])
		title = kll_vocab_title(v, NULL);
	if (title == NULL || !title[0])
		title = kll_vocab_id(v);
	kll__page_head(fp, title);
	fputs("<header>\n", fp);
	if (flags & KLL_PAGE_INDEX)
		fputs("<p><a href=\"../index.html\">Index</a></p>\n", fp);
	fputs("<h1>", fp);
	kll__html_text(fp, title);
	fprintf(fp, "</h1>\n<p><code>");
	kll__html_text(fp, kll_vocab_id(v));
	fputs("</code>", fp);
	if (kll_vocab_version(v) != NULL) {
		fputs(" · version ", fp);
		kll__html_text(fp, kll_vocab_version(v));
	}
	fprintf(fp, " · <strong class=\"count\">%zu</strong> concepts</p>\n"
	            "</header>\n<main>\n<h2>Nivåer · Levels</h2>\n<table "
	            "class=\"levels\">\n<tr><th>depth</th><th>level</th>"
	            "<th>concepts</th></tr>\n",
	    kll_vocab_count(v));
	for (d = 1; d <= nl; d++) {
		const char *iri = kll_vocab_level_iri(v, d);
		const char *name = iri;
		size_t n = 0;

		if (iri != NULL && kll__iri_namespace_len(iri) < strlen(iri))
			name = iri + kll__iri_namespace_len(iri);
		for (i = 0; i < kll_vocab_count(v); i++)
			n += kll_concept_level(kll_vocab_at(v, i)) == d;
		fprintf(fp, "<tr><td class=\"num\">%d</td><td>", d);
		kll__html_text(fp, name != NULL ? name : "");
		fprintf(fp, "</td><td class=\"num\">%zu</td></tr>\n", n);
	}
	for (i = 0; i < kll_vocab_count(v); i++)
		other += kll_concept_level(kll_vocab_at(v, i)) == 0;
	if (other > 0)
		fprintf(fp, "<tr><td></td><td>no level</td>"
		            "<td class=\"num\">%zu</td></tr>\n",
		    other);
	fputs("</table>\n<h2>Begrepp · Concepts</h2>\n<ul class=\"tree\">\n",
	    fp);
	for (i = 0; i < kll_vocab_count(v); i++) {
		const kll_concept *c = kll_vocab_at(v, i);

		if (kll__page_top(c) == c)
			tree(fp, c, 0);
	}
	fputs("</ul>\n</main>\n</body>\n</html>\n", fp);
	if (ferror(fp))
		return kll__error_set(err, KLL_EIO, NULL, 0, 0,
		    "cannot write the page");
	return KLL_OK;
}

/* The dataset of kind "kind" called "id" in j's catalog, or NULL. */
static const kll__dataset *
find_ds(kll__pubjob *j, kll__dskind kind, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < j->c->nds; i++)
		if (j->c->ds[i].kind == kind &&
		    strcmp(j->c->ds[i].id, id) == 0)
			return &j->c->ds[i];
	return NULL;
}

static void
write_one(kll__pubjob *j, const kll__dataset *d, kll_vocab *const v[2],
    kll_vocab *own)
{
	char *rel, *path = NULL;
	const char *dir = d->kind == KLL__VOCAB ? "vocab/" : "mappings/";
	size_t n = strlen(dir) + strlen(d->id) + 6;
	FILE *fp;

	if ((rel = kll__malloc(n)) == NULL) {
		j->st = kll__nomem(j->err);
		return;
	}
	snprintf(rel, n, "%s%s.html", dir, d->id);
	if ((fp = kll__pub_create(j, rel, &path)) != NULL) {
		kll_status st = d->kind == KLL__VOCAB ?
		    kll_vocab_page(fp, own, KLL_PAGE_INDEX, j->err) :
		    kll_mapset_page(fp, d->m, v[0], v[1], KLL_PAGE_INDEX, j->err);

		if (st != KLL_OK && j->st == KLL_OK)
			j->st = st;
		kll__pub_close(j, fp, path, NULL);
	}
	free(path);
	free(rel);
}

void
kll__pub_write_pages(kll__pubjob *j)
{
	size_t i;
	int k;

	for (i = 0; i < j->c->nds && !kll__pub_stopped(j); i++) {
		const kll__dataset *d = &j->c->ds[i];
		kll_vocab *v[2] = { NULL, NULL }, *own = NULL;

		if (d->kind == KLL__VOCAB) {
			if ((j->st = kll_vocab_load(&own, d->src, NULL,
			         j->err)) == KLL_OK)
				write_one(j, d, v, own);
			kll_vocab_free(own);
			continue;
		}
		if (d->m == NULL)
			continue;
		for (k = 0; k < 2 && j->st == KLL_OK; k++) {
			const kll__dataset *s =
			    find_ds(j, KLL__VOCAB, d->side_id[k]);

			if (s != NULL)
				j->st = kll_vocab_load(&v[k], s->src, NULL, j->err);
		}
		if (j->st == KLL_OK)
			write_one(j, d, v, NULL);
		kll_vocab_free(v[0]);
		kll_vocab_free(v[1]);
	}
}
