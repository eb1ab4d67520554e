/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* pub_keypage.c: the page of one key for people: its metadata, how much
 * of each vocabulary it covers by level, its cardinality classes, a heat
 * map of the flows between the two sides' top-level codes, the codes it
 * leaves unmapped, the rows marked for review and all rows grouped by
 * the subject's top-level code.  A single file: no script, no outside
 * style or font, every text escaped, only http(s) links from the data. */
#include <stdlib.h>
#include <string.h>

#include "pub.h"

static const char *const side_word[2] = { "Subject", "Object" };

static const char page_css[] =
    "body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem "
    "auto;padding:0 1rem;line-height:1.45;color:#1b1b1b}\n"
    "h2{margin:2rem 0 .3rem;border-top:1px solid #ccc;padding-top:.8rem}\n"
    "table{border-collapse:collapse;font-size:.92rem}\n"
    "th,td{text-align:left;padding:.2rem .5rem;border-bottom:1px solid "
    "#e3e3e3;vertical-align:top}\n"
    "td.num{text-align:right;font-variant-numeric:tabular-nums}\n"
    ".bar{vertical-align:middle}\n"
    "#heatmap{font:10px sans-serif}\n"
    "code{font-size:.85rem}\n"
    "summary{cursor:pointer}\n";

void
kll__page_head(FILE *fp, const char *title)
{
	fputs("<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n"
	      "<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, "
	      "initial-scale=1\">\n<title>",
	    fp);
	kll__html_text(fp, title);
	fprintf(fp, "</title>\n<style>\n%s</style>\n</head>\n<body>\n",
	    page_css);
}

/* The top-level concept above c (c itself at the top); NULL for none. */
const kll_concept *
kll__page_top(const kll_concept *c)
{
	int n;

	for (n = 0; c != NULL && n < 256; n++) {
		if (kll_concept_is_top(c) || kll_concept_nbroader(c) == 0)
			return c;
		c = kll_concept_broader(c, 0);
	}
	return NULL;
}

static const kll_concept *
side_concept(const kll_vocab *v, const kll_mapset *m, size_t rec, int k)
{
	const char *id = kll_mapset_get(
	    m, rec, k ? KLL_SLOT_OBJECT_ID : KLL_SLOT_SUBJECT_ID);

	return v != NULL && id != NULL ? kll_vocab_find_any(v, id) : NULL;
}

static const char *
code_of(const kll_concept *c)
{
	const char *n = kll_concept_notation(c);

	return n[0] ? n : kll_concept_iri(c);
}

static void
meta_row(FILE *fp, const kll_mapset *m, const char *slot, int link)
{
	const char *v = kll_mapset_meta(m, slot);

	if (v == NULL)
		return;
	fputs("<tr><th>", fp);
	kll__html_text(fp, slot);
	fputs("</th><td>", fp);
	if (link)
		kll__html_link(fp, v, v, KLL__LINK_WEB);
	else
		kll__html_text(fp, v);
	fputs("</td></tr>\n", fp);
}

/* 0, or -1 when out of memory (as each writer below that allocates). */
static int
write_meta(FILE *fp, const kll_mapset *m)
{
	static const char *const slots[] = { "mapping_set_id",
		"mapping_set_version", "license", "creator_id", "creator_label",
		"subject_source", "subject_source_version", "object_source",
		"object_source_version", "mapping_date", "publication_date",
		"mapping_provider", "mapping_tool", NULL };
	size_t i, j, n = kll_mapset_count(m);
	const char **just;
	size_t *cnt, nj = 0;

	fputs("<h2>Metadata och proveniens · Metadata and provenance</h2>\n"
	      "<table>\n",
	    fp);
	for (i = 0; slots[i] != NULL; i++)
		meta_row(fp, m, slots[i],
		    strcmp(slots[i], "license") == 0 ||
		        strcmp(slots[i], "mapping_provider") == 0);
	fputs("</table>\n", fp);
	just = kll__calloc(n + 1, sizeof(*just));
	cnt = kll__calloc(n + 1, sizeof(*cnt));
	if (just == NULL || cnt == NULL) {
		free(just);
		free(cnt);
		return -1;
	}
	/* Justifications in order of first use. */
	for (i = 0; i < n; i++) {
		const char *s = kll_mapset_get(
		    m, i, KLL_SLOT_MAPPING_JUSTIFICATION);

		if (s == NULL)
			s = "";
		for (j = 0; j < nj && strcmp(just[j], s) != 0; j++)
			;
		if (j == nj)
			just[nj++] = s;
		cnt[j]++;
	}
	fputs("<h3>mapping_justification</h3>\n<table>\n", fp);
	for (j = 0; j < nj; j++) {
		fputs("<tr><td><code>", fp);
		kll__html_text(fp, just[j][0] ? just[j] : "(none)");
		fprintf(fp, "</code></td><td class=\"num\">%zu</td></tr>\n",
		    cnt[j]);
	}
	fputs("</table>\n", fp);
	free(just);
	free(cnt);
	return 0;
}

static void
write_coverage(FILE *fp, const kll_mapstats *s, const kll_vocab *const v[2])
{
	size_t i;
	int k;

	fputs("<h2>Täckning · Coverage</h2>\n", fp);
	for (k = 0; k < 2; k++) {
		fprintf(fp, "<h3>%s: ", side_word[k]);
		if (v[k] == NULL) {
			fputs("no vocabulary</h3>\n", fp);
			continue;
		}
		kll__html_text(fp, kll_vocab_id(v[k]));
		fputs("</h3>\n<table class=\"coverage\">\n", fp);
		for (i = 0; i < s->nlevels[k]; i++) {
			const kll_mapstats_level *l = &s->levels[k][i];
			unsigned pm = l->concepts ?
			    (unsigned)(1000 * l->mapped / l->concepts) :
			    0;

			if (l->level > 0)
				fprintf(fp, "<tr><th>level %d</th>", l->level);
			else
				fputs("<tr><th>no level</th>", fp);
			fprintf(fp,
			    "<td><svg class=\"bar\" width=\"200\" "
			    "height=\"12\"><rect width=\"200\" height=\"12\" "
			    "fill=\"#e3e3e3\"/><rect width=\"%u\" "
			    "height=\"12\" fill=\"#2a6fb0\"/></svg></td>"
			    "<td class=\"num\">%zu of %zu</td>"
			    "<td class=\"num\">%u.%u%%</td></tr>\n",
			    pm / 5, l->mapped, l->concepts, pm / 10,
			    pm % 10);
		}
		fputs("</table>\n", fp);
	}
}

static void
write_card(FILE *fp, const kll_mapstats *s)
{
	size_t i;

	fputs("<h2>Kardinalitet · Cardinality</h2>\n<table class=\"card\">\n",
	    fp);
	for (i = 1; i < KLL_CARD__COUNT; i++)
		if (s->card[i] > 0 || i <= KLL_CARD_N_N)
			fprintf(fp,
			    "<tr><th>%s</th><td class=\"num\">%zu</td></tr>\n",
			    i == KLL_CARD_N_N ?
			        "n:m" :
			        kll_cardinality_name((kll_cardinality)i),
			    s->card[i]);
	fputs("</table>\n", fp);
}

/* The top-level concepts of v in vocabulary order: tops[i] for i < n;
 * *pos (one per concept) their index, or -1. */
static size_t
tops_of(const kll_vocab *v, const kll_concept **tops)
{
	size_t i, n = 0;

	for (i = 0; i < kll_vocab_count(v); i++)
		if (kll__page_top(kll_vocab_at(v, i)) == kll_vocab_at(v, i))
			tops[n++] = kll_vocab_at(v, i);
	return n;
}

static size_t
top_index(const kll_concept *const *tops, size_t n, const kll_concept *c)
{
	size_t i;

	c = kll__page_top(c);
	for (i = 0; c != NULL && i < n; i++)
		if (tops[i] == c)
			return i;
	return n;
}

static int
negated(const kll_mapset *m, size_t rec)
{
	const char *s = kll_mapset_get(m, rec, KLL_SLOT_PREDICATE_MODIFIER);

	return s != NULL && strcmp(s, "Not") == 0;
}

static int
write_heatmap(FILE *fp, const kll_mapset *m, const kll_vocab *const v[2])
{
	const kll_concept **top[2] = { NULL, NULL };
	size_t nt[2] = { 0, 0 }, *cell = NULL, max = 0, i, j;
	unsigned w, h;
	int k, rc = -1;

	fputs("<h2>Flöden mellan toppnivåer · Flows between top levels</h2>\n",
	    fp);
	if (v[0] == NULL || v[1] == NULL) {
		fputs("<p>Needs both vocabularies.</p>\n", fp);
		return 0;
	}
	for (k = 0; k < 2; k++) {
		top[k] = kll__calloc(kll_vocab_count(v[k]) + 1, sizeof(**top));
		if (top[k] == NULL)
			goto out;
		nt[k] = tops_of(v[k], top[k]);
	}
	cell = kll__calloc((nt[0] + 1) * (nt[1] + 1), sizeof(*cell));
	if (cell == NULL)
		goto out;
	for (i = 0; i < kll_mapset_count(m); i++) {
		const kll_concept *a = side_concept(v[0], m, i, 0);
		const kll_concept *b = side_concept(v[1], m, i, 1);
		size_t r, c;

		if (a == NULL || b == NULL || negated(m, i))
			continue;
		r = top_index(top[0], nt[0], a);
		c = top_index(top[1], nt[1], b);
		if (r < nt[0] && c < nt[1] && ++cell[r * nt[1] + c] > max)
			max = cell[r * nt[1] + c];
	}
	w = 60 + 22 * (unsigned)nt[1];
	h = 60 + 22 * (unsigned)nt[0];
	fprintf(fp,
	    "<svg id=\"heatmap\" xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"%u\" height=\"%u\" viewBox=\"0 0 %u %u\" role=\"img\" "
	    "aria-label=\"heat map\">\n"
	    "<rect x=\"0\" y=\"0\" width=\"%u\" height=\"%u\" "
	    "fill=\"#ffffff\"/>\n",
	    w, h, w, h, w, h);
	for (j = 0; j < nt[1]; j++) {
		fprintf(fp, "<text x=\"%u\" y=\"52\" transform=\"rotate(-60 %u 52)\">",
		    71 + 22 * (unsigned)j, 71 + 22 * (unsigned)j);
		kll__html_text(fp, code_of(top[1][j]));
		fputs("</text>\n", fp);
	}
	for (i = 0; i < nt[0]; i++) {
		fprintf(fp, "<text x=\"56\" y=\"%u\" text-anchor=\"end\">",
		    75 + 22 * (unsigned)i);
		kll__html_text(fp, code_of(top[0][i]));
		fputs("</text>\n", fp);
		for (j = 0; j < nt[1]; j++) {
			size_t n = cell[i * nt[1] + j];
			unsigned t = max ? (unsigned)(200 * n / max) : 0;

			fprintf(fp,
			    "<rect x=\"%u\" y=\"%u\" width=\"20\" height=\"20\" "
			    "fill=\"rgb(%u,%u,%u)\" stroke=\"#cccccc\"><title>",
			    60 + 22 * (unsigned)j, 60 + 22 * (unsigned)i,
			    n ? 235 - t : 250, n ? 240 - t / 2 : 250,
			    n ? 250 - t / 4 : 250);
			kll__html_text(fp, code_of(top[0][i]));
			fputs(" → ", fp);
			kll__html_text(fp, code_of(top[1][j]));
			fprintf(fp, ": %zu %s</title></rect>\n", n,
			    n == 1 ? "row" : "rows");
		}
	}
	fputs("</svg>\n", fp);
	rc = 0;
out:
	free(cell);
	free(top[0]);
	free(top[1]);
	return rc;
}

static int
write_unmapped(FILE *fp, const kll_mapset *m, const kll_vocab *const v[2])
{
	unsigned char *seen;
	size_t i, n;
	int k;

	fputs("<h2>Omappade koder · Unmapped codes</h2>\n", fp);
	for (k = 0; k < 2; k++) {
		if (v[k] == NULL)
			continue;
		seen = kll__calloc(kll_vocab_count(v[k]) + 1, 1);
		if (seen == NULL)
			return -1;
		for (i = 0; i < kll_mapset_count(m); i++) {
			const kll_concept *c = side_concept(v[k], m, i, k);

			if (c != NULL && !negated(m, i))
				seen[kll_concept_index(c)] = 1;
		}
		for (i = n = 0; i < kll_vocab_count(v[k]); i++)
			n += !seen[i] &&
			    !kll_concept_deprecated(kll_vocab_at(v[k], i));
		fprintf(fp, "<details class=\"unmapped\"><summary>%s ",
		    side_word[k]);
		kll__html_text(fp, kll_vocab_id(v[k]));
		fprintf(fp, ": %zu unmapped</summary>\n%s", n,
		    n > 0 ? "<ul>\n" : "");
		for (i = 0; i < kll_vocab_count(v[k]); i++) {
			const kll_concept *c = kll_vocab_at(v[k], i);

			if (seen[i] || kll_concept_deprecated(c))
				continue;
			fputs("<li><code>", fp);
			kll__html_text(fp, code_of(c));
			fputs("</code> ", fp);
			kll__html_text(
			    fp, kll_concept_label(c, KLL_LABEL_PREF, NULL));
			fputs("</li>\n", fp);
		}
		fputs(n > 0 ? "</ul>\n</details>\n" : "</details>\n", fp);
		free(seen);
	}
	return 0;
}

/* Whether a comment marks its row for review: a part (between ';')
 * that is "review" or starts "review:". */
static int
for_review(const char *s)
{
	while (s != NULL && *s) {
		size_t n;

		while (*s == ' ' || *s == ';')
			s++;
		n = strcspn(s, ";");
		while (n > 0 && s[n - 1] == ' ')
			n--;
		if ((n == 6 && strncmp(s, "review", 6) == 0) ||
		    (n >= 7 && strncmp(s, "review:", 7) == 0))
			return 1;
		s += strcspn(s, ";");
	}
	return 0;
}

static void
row_head(FILE *fp)
{
	fputs("<table class=\"rows\">\n<tr><th>subject_id</th>"
	      "<th>subject_label</th><th>predicate</th><th>object_id</th>"
	      "<th>object_label</th><th>comment</th></tr>\n",
	    fp);
}

static void
row(FILE *fp, const kll_mapset *m, size_t rec)
{
	static const kll_slot cols[] = { KLL_SLOT_SUBJECT_ID,
		KLL_SLOT_SUBJECT_LABEL, KLL_SLOT_PREDICATE_ID,
		KLL_SLOT_OBJECT_ID, KLL_SLOT_OBJECT_LABEL, KLL_SLOT_COMMENT };
	size_t i;

	fputs("<tr>", fp);
	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
		fputs("<td>", fp);
		if (cols[i] == KLL_SLOT_PREDICATE_ID && negated(m, rec))
			fputs("Not ", fp);
		kll__html_text(fp, kll_mapset_get(m, rec, cols[i]));
		fputs("</td>", fp);
	}
	fputs("</tr>\n", fp);
}

static int
write_rows(FILE *fp, const kll_mapset *m, const kll_vocab *const v[2])
{
	const kll_concept **tops = NULL;
	size_t nt = 0, i, g, n = kll_mapset_count(m), nr = 0;
	size_t *grp;

	for (i = 0; i < n; i++)
		nr += for_review(kll_mapset_get(m, i, KLL_SLOT_COMMENT));
	fprintf(fp, "<h2>Att granska · For review</h2>\n<p>%zu %s marked "
	            "for review.</p>\n",
	    nr, nr == 1 ? "row" : "rows");
	if (nr > 0) {
		row_head(fp);
		for (i = 0; i < n; i++)
			if (for_review(kll_mapset_get(m, i, KLL_SLOT_COMMENT)))
				row(fp, m, i);
		fputs("</table>\n", fp);
	}
	fprintf(fp, "<h2>Alla rader · All rows</h2>\n<p>%zu %s by the "
	            "subject's top-level code.</p>\n",
	    n, n == 1 ? "row" : "rows");
	grp = kll__calloc(n + 1, sizeof(*grp));
	if (v[0] != NULL)
		tops = kll__calloc(kll_vocab_count(v[0]) + 1, sizeof(*tops));
	if (grp == NULL || (v[0] != NULL && tops == NULL)) {
		free(grp);
		free(tops);
		return -1;
	}
	if (tops != NULL)
		nt = tops_of(v[0], tops);
	for (i = 0; i < n; i++) {
		const kll_concept *c = side_concept(v[0], m, i, 0);

		grp[i] = c != NULL ? top_index(tops, nt, c) : nt;
	}
	for (g = 0; g <= nt; g++) {
		size_t cnt = 0;

		for (i = 0; i < n; i++)
			cnt += grp[i] == g;
		if (cnt == 0)
			continue;
		fputs("<details class=\"group\"><summary>", fp);
		if (g < nt) {
			fputs("<code>", fp);
			kll__html_text(fp, code_of(tops[g]));
			fputs("</code> ", fp);
			kll__html_text(fp,
			    kll_concept_label(tops[g], KLL_LABEL_PREF, NULL));
		} else {
			fputs(nt ? "Other subjects" : "All subjects", fp);
		}
		fprintf(fp, " (%zu)</summary>\n", cnt);
		row_head(fp);
		for (i = 0; i < n; i++)
			if (grp[i] == g)
				row(fp, m, i);
		fputs("</table>\n</details>\n", fp);
	}
	free(grp);
	free(tops);
	return 0;
}

kll_status
kll_mapset_page(FILE *fp, const kll_mapset *m, const kll_vocab *sv,
    const kll_vocab *ov, int flags, kll_error *err)
{
	const kll_vocab *v[2];
	const char *title = kll_mapset_meta(m, "mapping_set_title");
	kll_mapstats s;
	kll_status st;

	v[0] = sv;
	v[1] = ov;
	if ((st = kll_mapset_stats(&s, m, sv, ov, err)) != KLL_OK)
		return st;
	if (title == NULL)
		title = kll_mapset_meta(m, "mapping_set_id");
	if (title == NULL)
		title = kll_mapset_path(m);
	kll__page_head(fp, title);
	fputs("<header>\n", fp);
	if (flags & KLL_PAGE_INDEX)
		fputs("<p><a href=\"../index.html\">Index</a></p>\n", fp);
	fputs("<h1>", fp);
	kll__html_text(fp, title);
	fprintf(fp, "</h1>\n<p><strong class=\"count\">%zu</strong> %s</p>\n"
	            "</header>\n<main>\n",
	    s.rows, s.rows == 1 ? "row" : "rows");
	if (write_meta(fp, m) < 0)
		goto nomem;
	write_coverage(fp, &s, v);
	write_card(fp, &s);
	if (write_heatmap(fp, m, v) < 0 || write_unmapped(fp, m, v) < 0 ||
	    write_rows(fp, m, v) < 0)
		goto nomem;
	fputs("</main>\n</body>\n</html>\n", fp);
	kll_mapstats_release(&s);
	if (ferror(fp))
		return kll__error_set(err, KLL_EIO, NULL, 0, 0,
		    "cannot write the page");
	return KLL_OK;
nomem:
	kll_mapstats_release(&s);
	return kll__nomem(err);
}
