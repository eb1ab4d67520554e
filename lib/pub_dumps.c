/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* pub_dumps.c: the dumps of a publication: a vocabulary in Turtle,
 * RDF/XML and N-Triples (with its CSV code list, pub_csv.c), a key in
 * SSSOM/TSV and as SKOS and XKOS in Turtle; each read back and
 * compared with what was meant to be written. */
#include <stdlib.h>
#include <string.h>

#include "pub.h"
#include "rdf_write.h"

/* ------------------------------------------------------------------ */
/* Vocabularies                                                         */

#define STD_SKOS  "http://www.w3.org/2004/02/skos/core"
#define STD_XKOS  "http://rdf-vocabulary.ddialliance.org/xkos"
#define STD_SSSOM "https://w3id.org/sssom/"

static const struct form {
	const char *ext, *tag, *media, *syntax, *sv, *en;
} vocab_forms[] = {
	{ ".ttl", "turtle", "text/turtle", "turtle", "SKOS och XKOS i Turtle",
	    "SKOS and XKOS in Turtle" },
	{ ".rdf", "rdfxml", "application/rdf+xml", "rdfxml-abbrev",
	    "SKOS och XKOS i RDF/XML", "SKOS and XKOS in RDF/XML" },
	{ ".nt", "ntriples", "application/n-triples", "ntriples",
	    "SKOS och XKOS i N-Triples", "SKOS and XKOS in N-Triples" },
};

/* The vocabulary read back: the same triples, concepts and scheme. */
static kll_status
verify_vocab(kll__pubjob *j, const kll__dataset *d, const char *path)
{
	kll_vocab *v = NULL;
	size_t triples = 0;

	if (kll__pub_count_rdf(path, NULL, &triples, NULL, j->err) != KLL_OK)
		return j->st = j->err ? j->err->code : KLL_ESYNTAX;
	if (triples != d->triples + d->added)
		return j->st = kll__error_set(j->err, KLL_EINVALID, path, 0, 0,
		           "read back %zu triples, not the %zu of %s and %zu "
		           "added",
		           triples, d->triples, d->src, d->added);
	if (kll_vocab_load(&v, path, NULL, j->err) != KLL_OK)
		return j->st = j->err ? j->err->code : KLL_ESYNTAX;
	if (kll_vocab_count(v) != d->count ||
	    strcmp(kll_vocab_iri(v), d->scheme) != 0)
		j->st = kll__error_set(j->err, KLL_EINVALID, path, 0, 0,
		    "read back %zu concepts of <%s>, not the %zu of <%s>",
		    kll_vocab_count(v), kll_vocab_iri(v), d->count, d->scheme);
	kll_vocab_free(v);
	return j->st;
}

static void
write_rdf_form(kll__pubjob *j, kll__dataset *d, const struct form *fm)
{
	kll__pubfile *f;
	char *path = NULL;
	size_t triples = 0;
	kll__pubadd add;
	FILE *fp;

	/* XKOS makes a scheme's short name and date of publication
	 * mandatory: the file gets those it lacks. */
	add.scheme = d->scheme;
	add.notation = d->has_notation ? NULL : d->notation;
	add.issued = d->has_issued ? NULL : d->issued;
	d->added = (add.notation != NULL) + (add.issued != NULL);
	if (kll__pub_stopped(j) || (f = kll__pub_add_file(j, d, "vocab",
	                                fm->ext, fm->tag, fm->media)) == NULL)
		return;
	f->what_sv = fm->sv, f->what_en = fm->en;
	f->conforms[0] = STD_SKOS, f->conforms[1] = STD_XKOS;
	if ((fp = kll__pub_create(j, f->rel, &path)) != NULL) {
		j->st = kll__pub_reserialize(
		    d->src, fp, fm->syntax, &add, &triples, j->err);
		kll__pub_close(j, fp, path, f);
	}
	if (j->st == KLL_OK)
		verify_vocab(j, d, path);
	free(path);
}

void
kll__pub_write_vocab(kll__pubjob *j, kll__dataset *d)
{
	size_t i;

	for (i = 0; i < sizeof(vocab_forms) / sizeof(vocab_forms[0]); i++)
		write_rdf_form(j, d, &vocab_forms[i]);
	kll__pub_write_csv(j, d);
}

/* ------------------------------------------------------------------ */
/* Keys                                                                 */

static void
on_export_diag(void *payload, const kll_error *e)
{
	kll__pubjob *j = payload;
	kll_error d = *e;

	if (j->c->opts.diag == NULL)
		return;
	if (d.file[0] == '\0' || strcmp(d.file, "<stdout>") == 0)
		snprintf(d.file, sizeof(d.file), "%s", "");
	j->c->opts.diag(j->c->opts.payload, &d);
}

static kll_status
verify_tsv(kll__pubjob *j, const kll__dataset *d, const char *path)
{
	kll_mapset *m = NULL;

	if (kll_mapset_read(&m, path, NULL, j->err) != KLL_OK)
		return j->st = j->err ? j->err->code : KLL_EINVALID;
	if (kll_mapset_count(m) != d->count)
		j->st = kll__error_set(j->err, KLL_EINVALID, path, 0, 0,
		    "read back %zu mappings, not the %zu of %s",
		    kll_mapset_count(m), d->count, d->src);
	kll_mapset_free(m);
	return j->st;
}

static void
write_tsv(kll__pubjob *j, kll__dataset *d)
{
	kll__pubfile *f;
	char *path = NULL;
	FILE *fp;

	if (kll__pub_stopped(j) ||
	    (f = kll__pub_add_file(j, d, "mappings", ".sssom.tsv", "sssom",
	         "text/tab-separated-values")) == NULL)
		return;
	f->what_sv = "Mappningarna i SSSOM/TSV";
	f->what_en = "The mappings in SSSOM/TSV";
	f->conforms[0] = STD_SSSOM;
	if ((fp = kll__pub_create(j, f->rel, &path)) != NULL) {
		j->st = kll_mapset_write(d->m, fp, j->err);
		kll__pub_close(j, fp, path, f);
	}
	if (j->st == KLL_OK)
		verify_tsv(j, d, path);
	free(path);
}

/* The key as N-Triples, for counting its triples. */
typedef struct nt_export {
	const kll__dataset *d;
	kll_export_opts o;
} nt_export;

static kll_status
write_nt(void *ctx, FILE *fp, kll_error *err)
{
	nt_export *x = ctx;

	return kll_mapset_export(x->d->m, &x->o, fp, x->d->src, NULL, err);
}

/* The export's triples: its N-Triples lines. */
static kll_status
export_count(
    kll__pubjob *j, const kll__dataset *d, kll_export_form form, size_t *n)
{
	nt_export x;
	kll_export_opts o = KLL_EXPORT_OPTS_INIT;

	x.d = d, x.o = o;
	x.o.form = form, x.o.syntax = "ntriples", x.o.dirs = j->c->opts.dirs;
	return kll__pub_count_lines(j, write_nt, &x, n);
}

static void
write_export(kll__pubjob *j, kll__dataset *d, kll_export_form form)
{
	int x = form == KLL_EXPORT_XKOS;
	kll_export_opts o = KLL_EXPORT_OPTS_INIT;
	kll_export_stats stats;
	size_t want = 0, got = 0, typed = 0;
	kll__pubfile *f;
	char *path = NULL;
	FILE *fp;

	if (kll__pub_stopped(j) ||
	    (f = kll__pub_add_file(j, d, "mappings",
	         x ? ".xkos.ttl" : ".skos.ttl", x ? "xkos" : "skos",
	         "text/turtle")) == NULL)
		return;
	f->what_sv =
	    x ? "XKOS-korrespondens i Turtle" : "SKOS-mappningar i Turtle";
	f->what_en = x ? "XKOS correspondence in Turtle" :
	                 "SKOS mapping triples in Turtle";
	f->conforms[0] = x ? STD_XKOS : STD_SKOS;
	o.form = form, o.syntax = "turtle", o.dirs = j->c->opts.dirs;
	o.diag = on_export_diag, o.payload = j;
	if ((fp = kll__pub_create(j, f->rel, &path)) != NULL) {
		j->st = kll_mapset_export(d->m, &o, fp, d->src, &stats, j->err);
		kll__pub_close(j, fp, path, f);
	}
	if (j->st == KLL_OK && export_count(j, d, form, &want) == KLL_OK &&
	    kll__pub_count_rdf(path, x ? NS_XKOS "ConceptAssociation" : NULL,
	        &got, &typed, j->err) != KLL_OK)
		j->st = j->err ? j->err->code : KLL_ESYNTAX;
	if (j->st == KLL_OK && (got != want || (x && typed != stats.groups)))
		j->st = kll__error_set(j->err, KLL_EINVALID, path, 0, 0,
		    "read back %zu triples and %zu associations, not %zu and "
		    "%zu",
		    got, typed, want, x ? stats.groups : typed);
	if (x)
		d->count2 = stats.groups;
	free(path);
}

void
kll__pub_write_key(kll__pubjob *j, kll__dataset *d)
{
	/* A key published without a date of its own gets this one. */
	if (d->own_issued == NULL && d->issued != NULL &&
	    kll_mapset_meta(d->m, "publication_date") == NULL)
		j->st = kll_mapset_set_meta(
		    d->m, "publication_date", d->issued, j->err);
	if (j->st != KLL_OK)
		return;
	write_tsv(j, d);
	write_export(j, d, KLL_EXPORT_SKOS);
	write_export(j, d, KLL_EXPORT_XKOS);
}
