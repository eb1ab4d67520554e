/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* pub_rdf.c: the RDF files of a publication read with raptor: their
 * triples counted, a vocabulary written again in another syntax, the
 * concept scheme's metadata that the catalog uses. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <raptor2.h>

#include "pub.h"
#include "rdf_guard.h"
#include "rdf_write.h"

typedef struct rdfio {
	raptor_world *world;
	kll_error *err;
	const char *name;
	kll_status st;
	/* What a scan collects. */
	const char *subject; /* this one's metadata; may be NULL */
	const char *cls;     /* count the subjects of this type */
	size_t triples, typed;
	kll__arena *arena;
	const char *desc[2], *license, *issued, *source;
	const char *modified, *freq, *start, *end, *ident;
	int has_notation, has_issued;
	raptor_serializer *ser; /* a copy goes here; may be NULL */
	kll__rdf *g;            /* or here, for kll's own writer */
	kll__buf term[2];       /* blank node ids with their "_:" */
	kll__arena names;       /* the prefixes handed to io->g */
} rdfio;

static void
on_raptor_log(void *data, raptor_log_message *m)
{
	rdfio *io = data;
	int line = -1, col = -1;

	if (m->level < RAPTOR_LOG_LEVEL_ERROR || io->st != KLL_OK)
		return;
	if (m->locator != NULL) {
		line = raptor_locator_line(m->locator);
		col = raptor_locator_column(m->locator);
	}
	io->st = kll__error_set(io->err, KLL_ESYNTAX, io->name,
	    line > 0 ? (unsigned)line : 0, col > 0 ? (unsigned)col : 0, "%s",
	    m->text ? m->text : "RDF error");
}

static int
rdfio_open(rdfio *io, const char *name, kll_error *err)
{
	memset(io, 0, sizeof(*io));
	io->err = err, io->name = name;
	if ((io->world = kll__raptor_world_new(io, on_raptor_log)) == NULL) {
		io->st = kll__nomem(err);
		return -1;
	}
	return 0;
}

static int
term_is(const raptor_term *t, const char *iri)
{
	return t->type == RAPTOR_TERM_TYPE_URI &&
	       strcmp((const char *)raptor_uri_as_string(t->value.uri), iri) ==
	           0;
}

static const char *
keep(rdfio *io, const char *old, const unsigned char *s)
{
	if (old != NULL || s == NULL)
		return old;
	return kll__arena_strdup(io->arena, (const char *)s);
}

/* The scheme's metadata that the catalog uses, first value wins. */
static void
collect(rdfio *io, const raptor_statement *st)
{
	const raptor_term *o = st->object;
	const char *lang;
	int l;

	if (term_is(st->predicate, NS_DCT "description") &&
	    o->type == RAPTOR_TERM_TYPE_LITERAL) {
		lang = (const char *)o->value.literal.language;
		for (l = 0; l < 2 && lang != NULL; l++)
			if (strncmp(lang, l ? "en" : "sv", 2) == 0 &&
			    (lang[2] == '\0' || lang[2] == '-'))
				io->desc[l] = keep(
				    io, io->desc[l], o->value.literal.string);
	} else if (term_is(st->predicate, NS_DCT "license") &&
	           o->type == RAPTOR_TERM_TYPE_URI) {
		io->license =
		    keep(io, io->license, raptor_uri_as_string(o->value.uri));
	} else if (term_is(st->predicate, NS_DCT "source") &&
	           o->type == RAPTOR_TERM_TYPE_URI) {
		io->source =
		    keep(io, io->source, raptor_uri_as_string(o->value.uri));
	} else if (term_is(st->predicate, NS_DCT "issued") &&
	           o->type == RAPTOR_TERM_TYPE_LITERAL) {
		io->has_issued = 1;
		if (io->issued == NULL && o->value.literal.string_len >= 10)
			io->issued = kll__arena_strndup(io->arena,
			    (const char *)o->value.literal.string, 10);
	} else if (o->type == RAPTOR_TERM_TYPE_LITERAL &&
	           o->value.literal.string_len >= 10 &&
	           (term_is(st->predicate, NS_DCT "modified") ||
	               term_is(st->predicate, "http://schema.org/startDate") ||
	               term_is(st->predicate, "http://schema.org/endDate"))) {
		const char **to = term_is(st->predicate, NS_DCT "modified") ?
		                      &io->modified :
		                  term_is(st->predicate,
		                      "http://schema.org/startDate") ?
		                      &io->start :
		                      &io->end;
		if (*to == NULL)
			*to = kll__arena_strndup(io->arena,
			    (const char *)o->value.literal.string, 10);
	} else if (term_is(st->predicate, NS_DCT "accrualPeriodicity") &&
	           o->type == RAPTOR_TERM_TYPE_URI) {
		io->freq =
		    keep(io, io->freq, raptor_uri_as_string(o->value.uri));
	} else if (term_is(st->predicate, NS_DCT "identifier") &&
	           o->type == RAPTOR_TERM_TYPE_LITERAL) {
		io->ident = keep(io, io->ident, o->value.literal.string);
	} else if (term_is(st->predicate, NS_SKOS "notation")) {
		io->has_notation = 1;
	}
}

/* A subject or object IRI, or a blank node as "_:id", for kll__rdf. */
static const char *
node(rdfio *io, const raptor_term *t, int i)
{
	kll__buf *b = &io->term[i];

	if (t->type == RAPTOR_TERM_TYPE_URI)
		return (const char *)raptor_uri_as_string(t->value.uri);
	b->n = 0;
	if (kll__buf_adds(b, "_:") < 0 ||
	    kll__buf_add(b, (const char *)t->value.blank.string,
	        t->value.blank.string_len) < 0 ||
	    kll__buf_addc(b, '\0') < 0)
		return NULL;
	return b->p;
}

/* The statement into io->g, the graph kll's writer serializes. */
static void
copy_statement(rdfio *io, const raptor_statement *st)
{
	const raptor_term *o = st->object;
	const char *s = node(io, st->subject, 0), *p, *text;

	p = (const char *)raptor_uri_as_string(st->predicate->value.uri);
	if (s == NULL)
		goto nomem;
	if (o->type != RAPTOR_TERM_TYPE_LITERAL) {
		if ((text = node(io, o, 1)) == NULL)
			goto nomem;
		kll__rdf_add_iri(io->g, s, p, text);
		return;
	}
	text = (const char *)o->value.literal.string;
	if (o->value.literal.datatype != NULL)
		kll__rdf_add_typed(io->g, s, p, text,
		    (const char *)raptor_uri_as_string(
		        o->value.literal.datatype));
	else
		kll__rdf_add_lit(io->g, s, p, text,
		    (const char *)o->value.literal.language);
	return;
nomem:
	if (io->st == KLL_OK)
		io->st = kll__nomem(io->err);
}

static void
on_statement(void *data, raptor_statement *st)
{
	rdfio *io = data;

	io->triples++;
	if (io->ser != NULL)
		raptor_serializer_serialize_statement(io->ser, st);
	if (io->g != NULL)
		copy_statement(io, st);
	if (io->cls != NULL && term_is(st->predicate, NS_RDF "type") &&
	    term_is(st->object, io->cls))
		io->typed++;
	if (io->subject != NULL && term_is(st->subject, io->subject))
		collect(io, st);
}

static void
on_namespace(void *data, raptor_namespace *ns)
{
	rdfio *io = data;
	const char *prefix, *iri;

	if (io->ser != NULL)
		raptor_serializer_set_namespace_from_namespace(io->ser, ns);
	/* kll__rdf keeps the pointers: copies that outlive the parser. */
	if (io->g == NULL || raptor_namespace_get_uri(ns) == NULL ||
	    raptor_namespace_get_prefix(ns) == NULL)
		return;
	prefix = kll__arena_strdup(
	    &io->names, (const char *)raptor_namespace_get_prefix(ns));
	iri = kll__arena_strdup(&io->names,
	    (const char *)raptor_uri_as_string(raptor_namespace_get_uri(ns)));
	if (prefix == NULL || iri == NULL) {
		if (io->st == KLL_OK)
			io->st = kll__nomem(io->err);
		return;
	}
	kll__rdf_prefix(io->g, prefix, iri);
}

/* Parse "path" with the syntax its name or content says, calling the
 * handlers above for each statement. */
static kll_status
rdfio_parse(rdfio *io, const char *path)
{
	raptor_parser *p = NULL;
	raptor_uri *base = NULL;
	unsigned char *uri = NULL, *buf = NULL;
	const char *syntax;
	size_t n;
	FILE *fp;
	kll__guard guard;

	kll__guard_init(&guard, NULL, path);
	if ((fp = kll__fopen_file(path, io->err)) == NULL)
		return io->st = KLL_EIO;
	if ((buf = kll__malloc(KLL_XML_DOCTYPE_MAX)) == NULL) {
		io->st = kll__nomem(io->err);
		goto out;
	}
	n = fread(buf, 1, KLL_XML_DOCTYPE_MAX, fp);
	syntax = raptor_world_guess_parser_name(
	    io->world, NULL, NULL, buf, n, (const unsigned char *)path);
	if (syntax == NULL)
		syntax = "turtle";
	kll__guard_init(&guard, syntax, path);
	if (!kll__rdf_syntax_ok(syntax)) {
		io->st = kll__error_set(io->err, KLL_EARG, path, 0, 0,
		    "RDF syntax '%s' is not read", syntax);
		goto out;
	}
	if ((io->st = kll__guard_xml_prologue(
	         &guard, (const char *)buf, n, io->err)) != KLL_OK)
		goto out;
	if ((uri = raptor_uri_filename_to_uri_string(path)) == NULL ||
	    (base = raptor_new_uri(io->world, uri)) == NULL ||
	    (p = kll__raptor_parser_new(io->world, syntax)) == NULL) {
		io->st = kll__nomem(io->err);
		goto out;
	}
	raptor_parser_set_statement_handler(p, io, on_statement);
	raptor_parser_set_namespace_handler(p, io, on_namespace);
	if (raptor_parser_parse_start(p, base) != 0 && io->st == KLL_OK)
		io->st = kll__nomem(io->err);
	/* The limits first: the parser never sees what passes one. */
	while (io->st == KLL_OK) {
		int end = n < KLL_XML_DOCTYPE_MAX;
		if ((io->st = kll__guard_feed(
		         &guard, (const char *)buf, n, io->err)) != KLL_OK)
			break;
		if (raptor_parser_parse_chunk(p, buf, n, end) != 0 &&
		    io->st == KLL_OK)
			io->st = kll__error_set(
			    io->err, KLL_ESYNTAX, path, 0, 0, "cannot parse");
		if (end)
			break;
		n = fread(buf, 1, KLL_XML_DOCTYPE_MAX, fp);
	}
	if (ferror(fp) && io->st == KLL_OK)
		io->st = kll__error_set(io->err, KLL_EIO, path, 0, 0,
		    "read error: %s", strerror(errno));
	if ((syntax = kll__xml_refused()) != NULL && io->st == KLL_OK)
		io->st = kll__error_set(io->err, KLL_ESYNTAX, path, 0, 0,
		    "external entity \"%s\" is not read", syntax);
out:
	kll__guard_free(&guard);
	if (p != NULL)
		raptor_free_parser(p);
	if (base != NULL)
		raptor_free_uri(base);
	raptor_free_memory(uri);
	free(buf);
	fclose(fp);
	return io->st;
}

static void
rdfio_close(rdfio *io)
{
	if (io->ser != NULL)
		raptor_free_serializer(io->ser);
	if (io->world != NULL)
		raptor_free_world(io->world);
	kll__rdf_free(io->g);
	kll__buf_free(&io->term[0]);
	kll__buf_free(&io->term[1]);
	kll__arena_free(&io->names);
	io->ser = NULL, io->world = NULL, io->g = NULL;
}

kll_status
kll__pub_count_rdf(const char *path, const char *cls, size_t *triples,
    size_t *typed, kll_error *err)
{
	rdfio io;

	if (rdfio_open(&io, path, err) == 0) {
		io.cls = cls;
		rdfio_parse(&io, path);
	}
	*triples = io.triples;
	if (typed != NULL)
		*typed = io.typed;
	rdfio_close(&io);
	return io.st;
}

/* Turtle and N-Triples come from kll's writer, sorted, in the layout of
 * the shipped vocabularies; the other syntaxes from raptor's. */
/* One literal statement about "subject" to the raptor serializer. */
static void
ser_literal(rdfio *io, const char *subject, const char *pred,
    const char *text, const char *datatype)
{
	raptor_statement *st;
	raptor_uri *dt = NULL;
	raptor_term *s, *p, *o;

	if (datatype != NULL)
		dt = raptor_new_uri(io->world, (const unsigned char *)datatype);
	s = raptor_new_term_from_uri_string(
	    io->world, (const unsigned char *)subject);
	p = raptor_new_term_from_uri_string(
	    io->world, (const unsigned char *)pred);
	o = raptor_new_term_from_literal(
	    io->world, (const unsigned char *)text, dt, NULL);
	if (dt != NULL)
		raptor_free_uri(dt);
	if (s == NULL || p == NULL || o == NULL ||
	    (st = raptor_new_statement_from_nodes(io->world, s, p, o, NULL)) ==
	        NULL) {
		if (s)
			raptor_free_term(s);
		if (p)
			raptor_free_term(p);
		if (o)
			raptor_free_term(o);
		if (io->st == KLL_OK)
			io->st = kll__nomem(io->err);
		return;
	}
	raptor_serializer_serialize_statement(io->ser, st);
	raptor_free_statement(st);
}

/* What XKOS asks of a concept scheme and the file lacks: its short name
 * and date of publication. */
static size_t
add_scheme_meta(rdfio *io, const kll__pubadd *add)
{
	size_t n = 0;

	if (add == NULL || add->scheme == NULL)
		return 0;
	if (add->notation != NULL) {
		if (io->g != NULL)
			kll__rdf_add_lit(io->g, add->scheme,
			    NS_SKOS "notation", add->notation, NULL);
		else
			ser_literal(io, add->scheme, NS_SKOS "notation",
			    add->notation, NULL);
		n++;
	}
	if (add->issued != NULL) {
		if (io->g != NULL)
			kll__rdf_add_typed(io->g, add->scheme, NS_DCT "issued",
			    add->issued, NS_XSD "date");
		else
			ser_literal(io, add->scheme, NS_DCT "issued",
			    add->issued, NS_XSD "date");
		n++;
	}
	return n;
}

kll_status
kll__pub_reserialize(const char *src, FILE *fp, const char *syntax,
    const kll__pubadd *add, size_t *triples, kll_error *err)
{
	int own = strcmp(syntax, "turtle") == 0 ||
	          strcmp(syntax, "ntriples") == 0;
	rdfio io;

	*triples = 0;
	if (rdfio_open(&io, src, err) < 0)
		goto out;
	if (own) {
		if ((io.st = kll__rdf_new(&io.g, NULL, NULL, NULL, err)) !=
		    KLL_OK)
			goto out;
	} else if ((io.ser = raptor_new_serializer(io.world, syntax)) ==
	               NULL ||
	           raptor_serializer_start_to_file_handle(io.ser, NULL, fp) !=
	               0) {
		io.st = kll__error_set(err, KLL_EIO, src, 0, 0,
		    "cannot start the %s writer", syntax);
		goto out;
	}
	if (rdfio_parse(&io, src) != KLL_OK)
		goto out;
	io.triples += add_scheme_meta(&io, add);
	if (io.st != KLL_OK)
		goto out;
	if (own)
		io.st = kll__rdf_write(io.g, fp, syntax, src, err);
	else if (raptor_serializer_serialize_end(io.ser) != 0)
		io.st = kll__error_set(
		    err, KLL_EIO, src, 0, 0, "cannot write %s", syntax);
	*triples = io.triples;
out:
	rdfio_close(&io);
	return io.st;
}

kll_status
kll__pub_scheme_meta(kll__pubmeta *out, const char *path, const char *scheme,
    kll__arena *a, kll_error *err)
{
	rdfio io;

	memset(out, 0, sizeof(*out));
	if (rdfio_open(&io, path, err) == 0) {
		io.subject = scheme;
		io.arena = a;
		rdfio_parse(&io, path);
	}
	rdfio_close(&io);
	if (io.st == KLL_OK) {
		out->triples = io.triples;
		out->desc[0] = io.desc[0], out->desc[1] = io.desc[1];
		out->license = io.license, out->issued = io.issued;
		out->source = io.source;
		out->modified = io.modified, out->freq = io.freq;
		out->start = io.start, out->end = io.end;
		out->ident = io.ident;
		out->has_notation = io.has_notation;
		out->has_issued = io.has_issued;
	}
	return io.st;
}
