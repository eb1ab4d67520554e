/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* store_query.c: SPARQL on a store (rasqal through librdf) in one read
 * transaction, and its results written in the SPARQL 1.1 TSV, CSV and
 * JSON results formats.  librdf's own writers are not used: its TSV
 * leaves tabs and newlines in literals raw, and its JSON adds members
 * the format does not have. */
#include <stdlib.h>
#include <string.h>

#include <librdf.h>

#include "store_impl.h"

#define XSD_INTEGER "http://www.w3.org/2001/XMLSchema#integer"

typedef struct writer {
	FILE *fp;
	kll_results_format fmt;
	size_t rows;
} writer;

/* A string with N-Triples escapes, for TSV and N-Triples. */
static void
put_nt_string(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '"':
			fputs("\\\"", fp);
			break;
		case '\\':
			fputs("\\\\", fp);
			break;
		case '\n':
			fputs("\\n", fp);
			break;
		case '\r':
			fputs("\\r", fp);
			break;
		case '\t':
			fputs("\\t", fp);
			break;
		default:
			fputc(*s, fp);
		}
	}
}

static int
is_integer(const char *s)
{
	if (*s == '+' || *s == '-')
		s++;
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

static const char *
iri_of(librdf_node *n)
{
	return (const char *)librdf_uri_as_string(librdf_node_get_uri(n));
}

/* A term as Turtle and N-Triples write it (TSV allows a bare integer). */
static void
put_term(FILE *fp, librdf_node *n, int tsv)
{
	const char *v, *lang;
	librdf_uri *dt;

	if (librdf_node_is_resource(n)) {
		fprintf(fp, "<%s>", iri_of(n));
		return;
	}
	if (librdf_node_is_blank(n)) {
		fprintf(fp, "_:%s",
		    (const char *)librdf_node_get_blank_identifier(n));
		return;
	}
	v = (const char *)librdf_node_get_literal_value(n);
	lang = librdf_node_get_literal_value_language(n);
	dt = librdf_node_get_literal_value_datatype_uri(n);
	if (tsv && dt != NULL &&
	    strcmp((const char *)librdf_uri_as_string(dt), XSD_INTEGER) == 0 &&
	    is_integer(v)) {
		fputs(v, fp);
		return;
	}
	fputc('"', fp);
	put_nt_string(fp, v != NULL ? v : "");
	fputc('"', fp);
	if (lang != NULL && *lang != '\0')
		fprintf(fp, "@%s", lang);
	else if (dt != NULL)
		fprintf(fp, "^^<%s>", (const char *)librdf_uri_as_string(dt));
}

static void
put_json_term(FILE *fp, librdf_node *n)
{
	const char *lang;
	librdf_uri *dt;

	if (librdf_node_is_resource(n)) {
		fputs("{ \"type\": \"uri\", \"value\": ", fp);
		kll__json_string(fp, iri_of(n));
	} else if (librdf_node_is_blank(n)) {
		fputs("{ \"type\": \"bnode\", \"value\": ", fp);
		kll__json_string(
		    fp, (const char *)librdf_node_get_blank_identifier(n));
	} else {
		fputs("{ \"type\": \"literal\", \"value\": ", fp);
		kll__json_string(
		    fp, (const char *)librdf_node_get_literal_value(n));
		lang = librdf_node_get_literal_value_language(n);
		dt = librdf_node_get_literal_value_datatype_uri(n);
		if (lang != NULL && *lang != '\0') {
			fputs(", \"xml:lang\": ", fp);
			kll__json_string(fp, lang);
		} else if (dt != NULL) {
			fputs(", \"datatype\": ", fp);
			kll__json_string(
			    fp, (const char *)librdf_uri_as_string(dt));
		}
	}
	fputs(" }", fp);
}

static void
put_header(writer *w, librdf_query_results *r, int nvars)
{
	int i;
	const char *name;

	if (w->fmt == KLL_RESULTS_JSON)
		fputs("{\n  \"head\": { \"vars\": [", w->fp);
	for (i = 0; i < nvars; i++) {
		name = librdf_query_results_get_binding_name(r, i);
		if (w->fmt == KLL_RESULTS_JSON) {
			fputs(i > 0 ? ", " : " ", w->fp);
			kll__json_string(w->fp, name);
		} else {
			if (i > 0)
				fputc(w->fmt == KLL_RESULTS_TSV ? '\t' : ',',
				    w->fp);
			if (w->fmt == KLL_RESULTS_TSV)
				fputc('?', w->fp);
			fputs(name, w->fp);
		}
	}
	if (w->fmt == KLL_RESULTS_JSON)
		fputs(" ] },\n  \"results\": { \"bindings\": [", w->fp);
	else
		fputs(w->fmt == KLL_RESULTS_CSV ? "\r\n" : "\n", w->fp);
}

/* One value of a CSV row: the IRI, the lexical form, or _:label. */
static void
put_csv_term(FILE *fp, librdf_node *n)
{
	if (librdf_node_is_resource(n))
		kll__csv_put(fp, iri_of(n));
	else if (librdf_node_is_blank(n)) {
		fputs("_:", fp);
		kll__csv_put(fp, (const char *)librdf_node_get_blank_identifier(n));
	} else
		kll__csv_put(fp, (const char *)librdf_node_get_literal_value(n));
}

static void
put_row(writer *w, librdf_query_results *r, int nvars)
{
	int i, first = 1;
	librdf_node *n;

	if (w->fmt == KLL_RESULTS_JSON)
		fputs(w->rows > 0 ? ",\n    {" : "\n    {", w->fp);
	for (i = 0; i < nvars; i++) {
		n = librdf_query_results_get_binding_value(r, i);
		if (w->fmt != KLL_RESULTS_JSON && i > 0)
			fputc(w->fmt == KLL_RESULTS_TSV ? '\t' : ',', w->fp);
		if (n == NULL)
			continue;
		if (w->fmt == KLL_RESULTS_JSON) {
			fputs(first ? " " : ", ", w->fp);
			kll__json_string(
			    w->fp, librdf_query_results_get_binding_name(r, i));
			fputs(": ", w->fp);
			put_json_term(w->fp, n);
			first = 0;
		} else if (w->fmt == KLL_RESULTS_TSV)
			put_term(w->fp, n, 1);
		else
			put_csv_term(w->fp, n);
		librdf_free_node(n);
	}
	if (w->fmt == KLL_RESULTS_JSON)
		fputs(" }", w->fp);
	else
		fputs(w->fmt == KLL_RESULTS_CSV ? "\r\n" : "\n", w->fp);
	w->rows++;
}

static int
put_bindings(writer *w, librdf_query_results *r)
{
	int nvars;

	/* rasqal knows the variables only once it has looked for a row. */
	(void)librdf_query_results_finished(r);
	nvars = librdf_query_results_get_bindings_count(r);
	put_header(w, r, nvars);
	while (!librdf_query_results_finished(r)) {
		put_row(w, r, nvars);
		if (librdf_query_results_next(r) != 0)
			break;
	}
	if (w->fmt == KLL_RESULTS_JSON)
		fputs(w->rows > 0 ? "\n  ] }\n}\n" : " ] }\n}\n", w->fp);
	return 0;
}

static void
put_boolean(writer *w, int value)
{
	if (w->fmt == KLL_RESULTS_JSON)
		fprintf(w->fp, "{ \"head\": {}, \"boolean\": %s }\n",
		    value ? "true" : "false");
	else
		fprintf(w->fp, "%s\n", value ? "true" : "false");
	w->rows = 1;
}

/* CONSTRUCT and DESCRIBE: N-Triples. */
static int
put_graph(writer *w, librdf_query_results *r)
{
	librdf_stream *st = librdf_query_results_as_stream(r);
	librdf_statement *t;

	if (st == NULL)
		return -1;
	for (; !librdf_stream_end(st); librdf_stream_next(st)) {
		t = librdf_stream_get_object(st);
		put_term(w->fp, librdf_statement_get_subject(t), 0);
		fputc(' ', w->fp);
		put_term(w->fp, librdf_statement_get_predicate(t), 0);
		fputc(' ', w->fp);
		put_term(w->fp, librdf_statement_get_object(t), 0);
		fputs(" .\n", w->fp);
		w->rows++;
	}
	librdf_free_stream(st);
	return 0;
}

static kll_status
run(kll_store *s, librdf_model *m, librdf_query *q, writer *w,
    const char *outname, kll_error *err)
{
	librdf_query_results *r;
	int rc = 0;

	kll__store_clearlog(s);
	if ((r = librdf_query_execute(q, m)) == NULL) {
		/* rasqal parses the query only now. */
		if (s->logged && strstr(s->log.msg, "syntax") != NULL) {
			kll_status st = kll__error_set(err, KLL_ESYNTAX,
			    "<query>", s->log.line, 0, "%s", s->log.msg);
			kll__store_clearlog(s);
			return st;
		}
		return kll__store_fail(s, err, KLL_EIO, "the query failed");
	}
	if (librdf_query_results_is_bindings(r))
		rc = put_bindings(w, r);
	else if (librdf_query_results_is_boolean(r))
		put_boolean(w, librdf_query_results_get_boolean(r) > 0);
	else if (librdf_query_results_is_graph(r))
		rc = put_graph(w, r);
	librdf_free_query_results(r);
	if (rc != 0 || s->logged)
		return kll__store_fail(s, err, KLL_EIO, "the query failed");
	if (fflush(w->fp) != 0 || ferror(w->fp))
		return kll__error_set(
		    err, KLL_EIO, outname, 0, 0, "write error");
	return KLL_OK;
}

/* Copy context "iri" of the store into "mem". */
static int
copy_context(kll_store *s, librdf_model *mem, const char *iri)
{
	librdf_node *c;
	librdf_stream *st;
	int rc;

	if ((c = kll__store_iri(s, iri, NULL)) == NULL)
		return -1;
	st = librdf_model_context_as_stream(s->model, c);
	rc = st == NULL ? 0 : librdf_model_context_add_statements(mem, c, st);
	if (st != NULL)
		librdf_free_stream(st);
	librdf_free_node(c);
	return rc != 0 || s->logged;
}

/* The graphs the catalog lists, and the catalog, copied into memory in
 * one read transaction: a store written without transactions may hold
 * a graph being loaded, which no query should see. */
static kll_status
snapshot(kll_store *s, librdf_model *mem, kll_error *err)
{
	kll_status st;
	size_t i;

	if ((st = kll__store_read_begin(s, err)) != KLL_OK)
		return st;
	if ((st = kll__store_catalog(s, err)) == KLL_OK) {
		if (copy_context(s, mem, "urn:kll:catalog") != 0)
			st = kll__store_fail(
			    s, err, KLL_EIO, "cannot read the catalog");
		for (i = 0; st == KLL_OK && i < s->ngraphs; i++)
			if (copy_context(s, mem, s->graphs[i].context) != 0)
				st = kll__store_fail(
				    s, err, KLL_EIO, "cannot read the store");
	}
	kll__store_rollback(s);
	return st;
}

kll_status
kll_store_query(kll_store *s, const char *query, kll_results_format format,
    FILE *out, const char *outname, size_t *rows, kll_error *err)
{
	librdf_query *q;
	writer w = { out, format, 0 };
	kll_status st;

	if (rows != NULL)
		*rows = 0;
	if ((unsigned)format > KLL_RESULTS_JSON)
		return kll__error_set(
		    err, KLL_EARG, NULL, 0, 0, "unknown results format");
	kll__store_clearlog(s);
	q = librdf_new_query(
	    s->world, "sparql", NULL, (const unsigned char *)query, NULL);
	if (q == NULL) {
		st = kll__error_set(err, KLL_ESYNTAX, "<query>", s->log.line, 0,
		    "%s", s->logged ? s->log.msg : "the query does not parse");
		kll__store_clearlog(s);
		return st;
	}
	if (s->direct) {
		if ((st = kll__store_read_begin(s, err)) == KLL_OK) {
			st = run(s, s->model, q, &w, outname, err);
			kll__store_rollback(s);
		}
	} else {
		librdf_storage *ms = NULL;
		librdf_model *mem = kll__store_memory(s, &ms);

		if (mem == NULL)
			st = kll__nomem(err);
		else if ((st = snapshot(s, mem, err)) == KLL_OK)
			st = run(s, mem, q, &w, outname, err);
		if (mem != NULL)
			librdf_free_model(mem);
		if (ms != NULL)
			librdf_free_storage(ms);
	}
	librdf_free_query(q);
	if (rows != NULL)
		*rows = w.rows;
	return st;
}
