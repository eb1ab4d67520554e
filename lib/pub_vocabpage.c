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

	if (title == NULL)
		title = kll_vocab_title(v, NULL);
	if (title == NULL)
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
