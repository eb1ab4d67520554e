/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* pub_page.c: the page of a publication for people (index.html): the
 * catalog's title and publisher, and per dataset its texts, counts,
 * files with their sizes and checksums, licence, version and date.
 * Every text is escaped and only a safe link becomes an href. */
#include <stdlib.h>
#include <string.h>

#include "pub.h"

void
kll__html_text(FILE *fp, const char *s)
{
	for (; s != NULL && *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", fp);
			break;
		case '<':
			fputs("&lt;", fp);
			break;
		case '>':
			fputs("&gt;", fp);
			break;
		case '"':
			fputs("&quot;", fp);
			break;
		case '\'':
			fputs("&#39;", fp);
			break;
		default:
			fputc(*s, fp);
		}
	}
}

int
kll__html_link(FILE *fp, const char *href, const char *text, int kind)
{
	int ok = href != NULL && kll__link_ok(href, kind);

	if (ok) {
		fputs("<a href=\"", fp);
		kll__html_text(fp, href);
		fputs("\">", fp);
	}
	kll__html_text(fp, text);
	if (ok)
		fputs("</a>", fp);
	return ok ? 0 : -1;
}

/* <TAG lang=..>text</TAG> when text is there. */
static void
html_elem(FILE *fp, const char *tag, const char *cls, const char *lang,
    const char *text)
{
	if (text == NULL)
		return;
	fprintf(fp, "<%s", tag);
	if (cls != NULL)
		fprintf(fp, " class=\"%s\"", cls);
	if (lang != NULL)
		fprintf(fp, " lang=\"%s\"", lang);
	fputc('>', fp);
	kll__html_text(fp, text);
	fprintf(fp, "</%s>\n", tag);
}

static const char css[] =
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem "
    "auto;padding:0 1rem;line-height:1.45;color:#1b1b1b}\n"
    "h1{margin-bottom:.2rem}h2{margin:2.2rem 0 .2rem;border-top:1px solid "
    "#ccc;padding-top:1rem}\n"
    ".en{color:#555;margin-top:0}\n"
    "table{border-collapse:collapse;width:100%;font-size:.95rem}\n"
    "th,td{text-align:left;padding:.25rem .6rem;border-bottom:1px solid "
    "#e3e3e3}\n"
    "td.num{text-align:right;font-variant-numeric:tabular-nums}\n"
    "code{font-size:.8rem;color:#555}\n"
    ".counts strong{font-size:1.1rem}\n";

static void
html_head(FILE *fp, kll_catalog *c)
{
	const char *t = kll_pubconf_get(c->conf, "title-sv");

	if (t == NULL)
		t = kll_pubconf_get(c->conf, "title-en");
	fputs("<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n"
	      "<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, "
	      "initial-scale=1\">\n",
	    fp);
	html_elem(fp, "title", NULL, NULL, t);
	fprintf(fp,
	    "<link rel=\"alternate\" type=\"application/rdf+xml\" "
	    "href=\"catalog.rdf\">\n<style>\n%s</style>\n</head>\n"
	    "<body>\n<header>\n",
	    css);
}

static void
html_header(FILE *fp, kll_catalog *c)
{
	const kll_pubconf *k = c->conf;
	const char *sv = kll_pubconf_get(k, "title-sv");
	const char *m = kll_pubconf_get(k, "modified");

	html_elem(fp, "h1", NULL, sv ? NULL : "en",
	    sv ? sv : kll_pubconf_get(k, "title-en"));
	if (sv != NULL)
		html_elem(fp, "p", "en", "en", kll_pubconf_get(k, "title-en"));
	html_elem(fp, "p", NULL, NULL, kll_pubconf_get(k, "description-sv"));
	html_elem(fp, "p", "en", "en", kll_pubconf_get(k, "description-en"));
	fputs("<p>Utgivare · Publisher: ", fp);
	kll__html_text(fp, kll_pubconf_get(k, "publisher"));
	fputs(" · Kontakt · Contact: <a href=\"mailto:", fp);
	kll__html_text(fp, kll_pubconf_get(k, "email"));
	fputs("\">", fp);
	kll__html_text(fp, kll_pubconf_get(k, "email"));
	fputs("</a>", fp);
	if (m != NULL) {
		fputs(" · Uppdaterad · Modified: <time>", fp);
		kll__html_text(fp, m);
		fputs("</time>", fp);
	}
	fputs("</p>\n<p>Katalog för Sveriges dataportal (DCAT-AP-SE) · "
	      "Catalog for Sveriges dataportal: <a href=\"catalog.rdf\">"
	      "catalog.rdf</a></p>\n</header>\n<main>\n",
	    fp);
}

static void
html_counts(FILE *fp, const kll__dataset *d)
{
	size_t n = d->count, m = d->count2;

	if (d->kind == KLL__VOCAB)
		fprintf(fp,
		    "<p class=\"counts\"><strong class=\"count\">%zu</strong> "
		    "begrepp · %s",
		    n, kll__noun(n, "concept", "concepts"));
	else
		fprintf(fp,
		    "<p class=\"counts\"><strong class=\"count\">%zu</strong> "
		    "%s · %s",
		    n, kll__noun(n, "mappning", "mappningar"),
		    kll__noun(n, "mapping", "mappings"));
	if (m > 0 && d->kind == KLL__VOCAB)
		fprintf(fp, ", <strong class=\"count2\">%zu</strong> %s · %s",
		    m, kll__noun(m, "nivå", "nivåer"),
		    kll__noun(m, "level", "levels"));
	else if (m > 0)
		fprintf(fp, ", <strong class=\"count2\">%zu</strong> %s · %s",
		    m,
		    kll__noun(m, "begreppsassociation",
		        "begreppsassociationer"),
		    kll__noun(m, "concept association",
		        "concept associations"));
	fputs("</p>\n", fp);
}

static void
html_files(FILE *fp, const kll__dataset *d)
{
	const kll__pubfile *f;
	const char *base;
	size_t i;

	fputs("<table>\n<thead><tr><th>Fil · File</th><th>Format</th>"
	      "<th>Byte</th><th>SHA-1</th></tr></thead>\n<tbody>\n",
	    fp);
	for (i = 0; i < d->nfiles; i++) {
		f = &d->file[i];
		base = strrchr(f->rel, '/');
		fputs("<tr><td><a href=\"", fp);
		kll__html_text(fp, f->rel);
		fputs("\">", fp);
		kll__html_text(fp, base ? base + 1 : f->rel);
		fputs("</a></td><td>", fp);
		kll__html_text(fp, f->media);
		fprintf(fp,
		    "</td><td class=\"num\">%llu</td><td><code>%s"
		    "</code></td></tr>\n",
		    (unsigned long long)f->size, f->sha1);
	}
	fputs("</tbody>\n</table>\n", fp);
}

static void
html_dataset(FILE *fp, const kll__dataset *d)
{
	fputs("<section id=\"", fp);
	kll__html_text(fp, d->id);
	fputs("\">\n", fp);
	html_elem(fp, "h2", NULL, d->title[0] ? NULL : "en",
	    d->title[0] ? d->title[0] : d->title[1]);
	if (d->title[0] != NULL)
		html_elem(fp, "p", "en", "en", d->title[1]);
	html_elem(fp, "p", NULL, NULL, d->desc[0]);
	html_elem(fp, "p", "en", "en", d->desc[1]);
	html_counts(fp, d);
	fprintf(fp, "<p><a href=\"%s", d->kind == KLL__VOCAB ? "vocab/" : "mappings/");
	kll__html_text(fp, d->id);
	fputs(".html\">Översikt · Overview</a></p>\n", fp);
	html_files(fp, d);
	fputs("<p>", fp);
	if (d->license != NULL) {
		fputs("Licens · Licence: ", fp);
		kll__html_link(fp, d->license, d->license, KLL__LINK_WEB);
	}
	if (d->version != NULL) {
		fputs(d->license ? " · Version: " : "Version: ", fp);
		kll__html_text(fp, d->version);
	}
	if (d->issued != NULL) {
		fputs(d->license || d->version ? " · " : "", fp);
		fputs("Utgiven · Issued: <time>", fp);
		kll__html_text(fp, d->issued);
		fputs("</time>", fp);
	}
	fputs(" · Id: <code>", fp);
	kll__html_text(fp, d->uuid);
	fputs("</code></p>\n</section>\n", fp);
}

void
kll__pub_write_page(kll__pubjob *j)
{
	char *path = NULL;
	size_t i;
	FILE *fp;

	if (kll__pub_stopped(j) ||
	    (fp = kll__pub_create(j, "index.html", &path)) == NULL) {
		free(path);
		return;
	}
	html_head(fp, j->c);
	html_header(fp, j->c);
	for (i = 0; i < j->c->nds; i++)
		html_dataset(fp, &j->c->ds[i]);
	fprintf(fp,
	    "</main>\n<footer><p>kll-publish %s</p></footer>\n"
	    "</body>\n</html>\n",
	    KLL_VERSION);
	kll__pub_close(j, fp, path, NULL);
	free(path);
}
