/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* rdf_read.c: read an RDF file and keep only the triples a vocabulary is
 * made of, as compact integer records.  serd reads Turtle and N-Triples,
 * raptor the other syntaxes; the guard of rdf_guard.c sees every byte
 * before either does. */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <raptor2.h>
#include <serd/serd.h>

#include "rdf_guard.h"
#include "rdf_read.h"

#define CHUNK (256 * 1024)

static const char *const pred_iris[P__COUNT] = {
	[P_TYPE] = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
	[P_FIRST] = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first",
	[P_REST] = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest",
	[P_PREF] = "http://www.w3.org/2004/02/skos/core#prefLabel",
	[P_ALT] = "http://www.w3.org/2004/02/skos/core#altLabel",
	[P_HIDDEN] = "http://www.w3.org/2004/02/skos/core#hiddenLabel",
	[P_DEF] = "http://www.w3.org/2004/02/skos/core#definition",
	[P_SCOPE] = "http://www.w3.org/2004/02/skos/core#scopeNote",
	[P_NOTE] = "http://www.w3.org/2004/02/skos/core#note",
	[P_NOTATION] = "http://www.w3.org/2004/02/skos/core#notation",
	[P_BROADER] = "http://www.w3.org/2004/02/skos/core#broader",
	[P_NARROWER] = "http://www.w3.org/2004/02/skos/core#narrower",
	[P_INSCHEME] = "http://www.w3.org/2004/02/skos/core#inScheme",
	[P_TOPOF] = "http://www.w3.org/2004/02/skos/core#topConceptOf",
	[P_HASTOP] = "http://www.w3.org/2004/02/skos/core#hasTopConcept",
	[P_MEMBER] = "http://www.w3.org/2004/02/skos/core#member",
	[P_DEPTH] = "http://rdf-vocabulary.ddialliance.org/xkos#depth",
	[P_PATTERN] =
	    "http://rdf-vocabulary.ddialliance.org/xkos#notationPattern",
	[P_LEVELS] = "http://rdf-vocabulary.ddialliance.org/xkos#levels",
	[P_NLEVELS] =
	    "http://rdf-vocabulary.ddialliance.org/xkos#numberOfLevels",
	[P_DEPTH_OLD] = "http://purl.org/linked-data/xkos#depth",
	[P_PATTERN_OLD] = "http://purl.org/linked-data/xkos#notationPattern",
	[P_LEVELS_OLD] = "http://purl.org/linked-data/xkos#levels",
	[P_NLEVELS_OLD] = "http://purl.org/linked-data/xkos#numberOfLevels",
	[P_DEPRECATED] = "http://www.w3.org/2002/07/owl#deprecated",
	[P_VERSION] = "http://www.w3.org/2002/07/owl#versionInfo",
	[P_REPLACED] = "http://purl.org/dc/terms/isReplacedBy",
	[P_TITLE] = "http://purl.org/dc/terms/title",
	[P_IDENT] = "http://purl.org/dc/terms/identifier",
	[P_LICENSE] = "http://purl.org/dc/terms/license",
	[P_SOURCE] = "http://purl.org/dc/terms/source",
	[P_PAGE] = "http://xmlns.com/foaf/0.1/page",
	[P_HOMEPAGE] = "http://xmlns.com/foaf/0.1/homepage",
	[P_LANDING] = "http://www.w3.org/ns/dcat#landingPage",
	[P_SEEALSO] = "http://www.w3.org/2000/01/rdf-schema#seeAlso",
};

static const char *const class_iris[C__COUNT] = {
	[C_CONCEPT] = "http://www.w3.org/2004/02/skos/core#Concept",
	[C_SCHEME] = "http://www.w3.org/2004/02/skos/core#ConceptScheme",
	[C_LEVEL] =
	    "http://rdf-vocabulary.ddialliance.org/xkos#ClassificationLevel",
	[C_LEVEL_OLD] = "http://purl.org/linked-data/xkos#ClassificationLevel",
};

typedef struct loader {
	kll__graph *g;
	raptor_world *world;
	raptor_uri *preds[P__COUNT];
	raptor_uri *classes[C__COUNT];
	raptor_parser *parser;
	kll_error *err;
	const char *name;
	kll_status st;
	/* The last language tag interned, as written: most literals
	 * repeat it. */
	char lastraw[16];
	size_t nlastraw;
	const char *lasttag;
} loader;

/* raptor passes on bytes that are not UTF-8 (Latin-1 text, say), which
 * a vocabulary must not keep.  Sets l->st, with the parser's line, and
 * returns 1 for such text. */
static int
bad_text(loader *l, const unsigned char *s, size_t n)
{
	size_t bad;
	int line = 0;

	if (kll__utf8_valid((const char *)s, n, &bad))
		return 0;
	if (l->parser != NULL)
		line =
		    raptor_locator_line(raptor_parser_get_locator(l->parser));
	l->st = kll__error_set(l->err, KLL_EENCODING, l->name,
	    line > 0 ? (unsigned)line : 0, 0,
	    "invalid UTF-8 byte 0x%02x in a literal or IRI", s[bad]);
	return 1;
}

/* Whether a term's text is what bad_text() refuses. */
static int
bad_term(loader *l, const raptor_term *t)
{
	size_t n = 0;
	const unsigned char *s;

	if (t->type == RAPTOR_TERM_TYPE_URI) {
		s = raptor_uri_as_counted_string(t->value.uri, &n);
	} else if (t->type == RAPTOR_TERM_TYPE_LITERAL) {
		s = t->value.literal.string;
		n = t->value.literal.string_len;
	} else {
		return 0;
	}
	return bad_text(l, s, n);
}

/* Intern a node by key; blank nodes are kept apart by a "_:" prefix. */
static int
node_id(loader *l, const char *s, size_t n, int blank, uint32_t *out)
{
	kll__graph *g = l->g;
	uint32_t id;
	char *key;
	size_t off = blank ? 2 : 0;
	kll__node *p;

	if (blank) {
		char tmp[256];
		if (n + 2 < sizeof(tmp)) {
			memcpy(tmp, "_:", 2);
			memcpy(tmp + 2, s, n);
			if (kll__map_get(&g->nodes, tmp, n + 2, out))
				return 0;
		}
	} else if (kll__map_get(&g->nodes, s, n, out)) {
		return 0;
	}
	if ((key = kll__arena_alloc(&g->arena, n + off + 1)) == NULL)
		return -1;
	memcpy(key, "_:", off);
	memcpy(key + off, s, n);
	key[n + off] = '\0';
	if (g->nnode == g->capnode) {
		size_t cap = g->capnode ? g->capnode * 2 : 1024;
		if ((p = kll__realloc(g->node, cap * sizeof(*p))) == NULL)
			return -1;
		g->node = p;
		g->capnode = cap;
	}
	id = (uint32_t)g->nnode++;
	memset(&g->node[id], 0, sizeof(g->node[id]));
	g->node[id].key = key;
	if (kll__map_put(&g->nodes, key, n + off, id) < 0)
		return -1;
	*out = id;
	return 0;
}

static int
term_node(loader *l, const raptor_term *t, uint32_t *out)
{
	if (t->type == RAPTOR_TERM_TYPE_URI) {
		size_t n;
		const unsigned char *s =
		    raptor_uri_as_counted_string(t->value.uri, &n);
		return node_id(l, (const char *)s, n, 0, out);
	}
	return node_id(l, (const char *)t->value.blank.string,
	    t->value.blank.string_len, 1, out);
}

/* Remember interned tag "tag", written "raw" (n bytes). */
static void
last_tag(loader *l, const char *raw, size_t n, const char *tag)
{
	if (n >= sizeof(l->lastraw))
		return;
	memcpy(l->lastraw, raw, n);
	l->nlastraw = n;
	l->lasttag = tag;
}

static int
add_literal_text(loader *l, const char *text, size_t n, const char *language,
    size_t nlang, uint32_t *out)
{
	kll__graph *g = l->g;
	kll__literal *p, *lit;
	uint32_t lang;

	if (g->nlit == g->caplit) {
		size_t cap = g->caplit ? g->caplit * 2 : 4096;
		if ((p = kll__realloc(g->lit, cap * sizeof(*p))) == NULL)
			return -1;
		g->lit = p;
		g->caplit = cap;
	}
	lit = &g->lit[g->nlit];
	lit->text = kll__arena_strndup(&g->arena, text, n);
	if (lit->text == NULL)
		return -1;
	lit->lang = "";
	if (language != NULL && nlang > 0) {
		/* Language tags are few: intern them, in lower case. */
		if (l->lasttag != NULL && nlang == l->nlastraw &&
		    memcmp(language, l->lastraw, nlang) == 0) {
			lit->lang = l->lasttag;
		} else if (kll__map_get(&g->langs, language, nlang, &lang)) {
			lit->lang = g->tags[lang];
			last_tag(l, language, nlang, lit->lang);
		} else {
			char *raw, *tag;
			raw = kll__arena_strndup(&g->arena, language, nlang);
			tag = raw ? kll__arena_strdup(&g->arena, raw) : NULL;
			if (tag == NULL)
				return -1;
			for (char *q = tag; *q; q++)
				if (*q >= 'A' && *q <= 'Z')
					*q = (char)(*q - 'A' + 'a');
			/* Past the room for interning, a tag is only kept. */
			if (g->ntag < sizeof(g->tags) / sizeof(g->tags[0])) {
				if (kll__map_put(&g->langs, raw, nlang,
				        (uint32_t)g->ntag) < 0)
					return -1;
				g->tags[g->ntag++] = tag;
				last_tag(l, language, nlang, tag);
			}
			lit->lang = tag;
		}
	}
	*out = (uint32_t)g->nlit++;
	return 0;
}

static int
add_literal(loader *l, const raptor_term *t, uint32_t *out)
{
	const raptor_term_literal_value *v = &t->value.literal;

	return add_literal_text(l, (const char *)v->string, v->string_len,
	    (const char *)v->language, v->language ? v->language_len : 0, out);
}

static int
add_triple(kll__graph *g, uint32_t s, int p, uint32_t o)
{
	kll__triple *t;

	if (g->ntriple == g->captriple) {
		size_t cap = g->captriple ? g->captriple * 2 : 4096;
		if ((t = kll__realloc(g->triple, cap * sizeof(*t))) == NULL)
			return -1;
		g->triple = t;
		g->captriple = cap;
	}
	t = &g->triple[g->ntriple++];
	t->s = s;
	t->p = (uint8_t)p;
	t->o = o;
	return 0;
}

static int
pred_code(const loader *l, raptor_uri *u)
{
	int i;

	/* raptor interns URIs, so a pointer compare is enough. */
	for (i = 0; i < P__COUNT; i++)
		if (l->preds[i] == u)
			return i;
	return -1;
}

static void
on_statement(void *data, raptor_statement *st)
{
	loader *l = data;
	int p, c;
	uint32_t s, o;

	if (l->st != KLL_OK || st->predicate->type != RAPTOR_TERM_TYPE_URI)
		return;
	if ((p = pred_code(l, st->predicate->value.uri)) < 0)
		return;
	if (bad_term(l, st->subject) || bad_term(l, st->object))
		return;
	l->g->nseen++;
	if (term_node(l, st->subject, &s) < 0)
		goto nomem;
	if (p == P_TYPE) {
		if (st->object->type != RAPTOR_TERM_TYPE_URI)
			return;
		for (c = 0; c < C__COUNT; c++)
			if (l->classes[c] == st->object->value.uri)
				l->g->node[s].types |= 1u << c;
		return;
	}
	if (st->object->type == RAPTOR_TERM_TYPE_LITERAL) {
		if (add_literal(l, st->object, &o) < 0)
			goto nomem;
		o |= KLL__LITERAL;
	} else if (term_node(l, st->object, &o) < 0) {
		goto nomem;
	}
	if (add_triple(l->g, s, p, o) < 0)
		goto nomem;
	return;
nomem:
	l->st =
	    kll__error_set(l->err, KLL_ENOMEM, l->name, 0, 0, "out of memory");
}

static void
on_log(void *data, raptor_log_message *m)
{
	loader *l = data;
	int line = 0, col = 0;

	const char *url;

	if (m->level < RAPTOR_LOG_LEVEL_ERROR || l->st != KLL_OK)
		return;
	if (m->locator != NULL) {
		line = raptor_locator_line(m->locator);
		col = raptor_locator_column(m->locator);
	}
	if ((url = kll__xml_refused()) != NULL) {
		l->st = kll__error_set(l->err, KLL_ESYNTAX, l->name,
		    line > 0 ? (unsigned)line : 0, col > 0 ? (unsigned)col : 0,
		    "external entity \"%s\" is not read", url);
		return;
	}
	l->st = kll__error_set(l->err, KLL_ESYNTAX, l->name,
	    line > 0 ? (unsigned)line : 0, col > 0 ? (unsigned)col : 0, "%s",
	    m->text ? m->text : "cannot parse");
	/* raptor's messages start with a capital: ours do not. */
	if (l->err != NULL && l->err->msg[0] >= 'A' && l->err->msg[0] <= 'Z' &&
	    l->err->msg[1] >= 'a' && l->err->msg[1] <= 'z')
		l->err->msg[0] = (char)(l->err->msg[0] - 'A' + 'a');
}

/* The parser for a file name's extension, or NULL. */
static const char *
syntax_by_name(const char *path)
{
	static const struct {
		const char *ext, *syntax;
	} tab[] = {
		{ ".ttl", "turtle" },
		{ ".turtle", "turtle" },
		{ ".n3", "turtle" },
		{ ".nt", "ntriples" },
		{ ".rdf", "rdfxml" },
		{ ".owl", "rdfxml" },
		{ ".xml", "rdfxml" },
		{ ".nq", "nquads" },
		{ ".trig", "trig" },
	};
	const char *dot = strrchr(path, '.');
	size_t i;

	if (dot == NULL || strchr(dot, '/') != NULL)
		return NULL;
	for (i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (strcmp(dot, tab[i].ext) == 0)
			return tab[i].syntax;
	return NULL;
}

/* Hand n bytes to raptor.  Its N-Triples parser looks for the end of a
 * line from the start of what it holds each time it gets more: a long
 * line in many chunks would take time in its square, so whole lines go
 * to it at once ("pend" keeps the rest). */
static int
feed_parser(raptor_parser *parser, kll__buf *pend, int lines,
    const unsigned char *p, size_t n, int end)
{
	size_t k = n, rest;
	int rc;

	if (!lines)
		return raptor_parser_parse_chunk(parser, p, n, end);
	while (k > 0 && p[k - 1] != '\n')
		k--;
	if (k == 0 && !end)
		return kll__buf_add(pend, p, n) < 0 ? -1 : 0;
	if (kll__buf_add(pend, p, end ? n : k) < 0)
		return -1;
	rc = raptor_parser_parse_chunk(
	    parser, (const unsigned char *)pend->p, pend->n, end);
	rest = end ? 0 : n - k;
	pend->n = 0;
	if (rest > 0 && kll__buf_add(pend, p + k, rest) < 0)
		return -1;
	return rc;
}

/* raptor reads the syntaxes other than Turtle and N-Triples: "buf" holds
 * the first n bytes of fp, already read. */
static kll_status
raptor_read(loader *l, FILE *fp, unsigned char *buf, size_t n,
    kll__guard *guard, const char *syntax, const char *base_iri)
{
	raptor_parser *parser = NULL;
	raptor_uri *buri = NULL;
	kll__buf pend = { NULL, 0, 0 };
	const char *url;
	int end, lines, i;

	lines =
	    strcmp(syntax, "ntriples") == 0 || strcmp(syntax, "nquads") == 0;
	l->st = kll__guard_xml_prologue(guard, (const char *)buf, n, l->err);
	if (l->st != KLL_OK)
		goto out;
	for (i = 0; i < P__COUNT; i++)
		if ((l->preds[i] = raptor_new_uri(l->world,
		         (const unsigned char *)pred_iris[i])) == NULL)
			goto nomem;
	for (i = 0; i < C__COUNT; i++)
		if ((l->classes[i] = raptor_new_uri(l->world,
		         (const unsigned char *)class_iris[i])) == NULL)
			goto nomem;
	if ((parser = kll__raptor_parser_new(l->world, syntax)) == NULL ||
	    (buri = raptor_new_uri(
	         l->world, (const unsigned char *)base_iri)) == NULL)
		goto nomem;
	raptor_parser_set_statement_handler(parser, l, on_statement);
	l->parser = parser;
	if (raptor_parser_parse_start(parser, buri) != 0 && l->st == KLL_OK)
		goto nomem;
	while (l->st == KLL_OK) {
		end = n < CHUNK && (feof(fp) || ferror(fp));
		/* The limits first: the parser never sees what passes one. */
		l->st = kll__guard_feed(guard, (const char *)buf, n, l->err);
		if (l->st != KLL_OK)
			break;
		if (feed_parser(parser, &pend, lines, buf, n, end) != 0 &&
		    l->st == KLL_OK)
			l->st = kll__error_set(l->err, KLL_ESYNTAX, l->name, 0,
			    0, "cannot parse as %s", syntax);
		if (end)
			break;
		n = fread(buf, 1, CHUNK, fp);
		if (ferror(fp) && l->st == KLL_OK)
			l->st = kll__error_set(l->err, KLL_EIO, l->name, 0, 0,
			    "read error: %s", strerror(errno));
	}
	/* A refusal that raptor did not report as an error. */
	if ((url = kll__xml_refused()) != NULL && l->st == KLL_OK)
		l->st = kll__error_set(l->err, KLL_ESYNTAX, l->name, 0, 0,
		    "external entity \"%s\" is not read", url);
	goto out;
nomem:
	l->st = kll__nomem(l->err);
out:
	kll__buf_free(&pend);
	l->parser = NULL;
	if (parser != NULL)
		raptor_free_parser(parser);
	if (buri != NULL)
		raptor_free_uri(buri);
	return l->st;
}

/* ------------------------------------------------------------------ */
/* Turtle and N-Triples through serd                                    */

/* serd takes its input in pages from a buffer that the guard has checked
 * first: so the guard's limits hold before serd sees a byte.  (A page of
 * one byte would tell where serd is reading, for the errors that the
 * statement sink finds, but makes the whole load a sixth slower: the
 * place of an undefined prefix is looked for in the file afterwards.) */
#define SERD_PAGE 4096

typedef struct sreader {
	loader *l;
	FILE *fp;
	char undef[256]; /* a CURIE whose prefix is not declared */
	kll__guard *guard;
	unsigned char *buf;
	size_t pos, n;
	int failed; /* a read error, or the guard said no */
	SerdEnv *env;
	kll__map known; /* predicate IRI -> P_*; class IRI -> 64 + C_* */
	kll__buf sb;    /* an IRI that had to be expanded */
} sreader;

static int
s_fill(sreader *r)
{
	loader *l = r->l;

	if (r->failed || feof(r->fp))
		return -1;
	r->pos = 0;
	r->n = fread(r->buf, 1, CHUNK, r->fp);
	if (ferror(r->fp)) {
		l->st = kll__error_set(l->err, KLL_EIO, l->name, 0, 0,
		    "read error: %s", strerror(errno));
		r->failed = 1;
		return -1;
	}
	if (kll__guard_feed(r->guard, (const char *)r->buf, r->n, l->err) !=
	    KLL_OK) {
		l->st = l->err != NULL ? l->err->code : KLL_ESYNTAX;
		r->failed = 1;
		return -1;
	}
	return r->n > 0 ? 0 : -1;
}

/* serd's SerdSource: a page of "nmemb" bytes, fewer only at the end. */
static size_t
s_read(void *out, size_t size, size_t nmemb, void *stream)
{
	sreader *r = stream;
	size_t got = 0, k;

	(void)size;
	while (got < nmemb) {
		if (r->pos == r->n && s_fill(r) < 0)
			break;
		k = nmemb - got < r->n - r->pos ? nmemb - got : r->n - r->pos;
		memcpy((char *)out + got, r->buf + r->pos, k);
		r->pos += k;
		got += k;
	}
	return got;
}

static int
s_error(void *stream)
{
	return ((sreader *)stream)->failed;
}

static SerdStatus
s_fail(sreader *r, kll_status code, const char *fmt, const char *arg)
{
	if (r->l->st == KLL_OK)
		r->l->st =
		    kll__error_set(r->l->err, code, r->l->name, 0, 0, fmt, arg);
	r->failed = 1;
	return SERD_ERR_INTERNAL;
}

/* serd's own errors: the first one is kll's. */
static SerdStatus
s_on_error(void *handle, const SerdError *e)
{
	sreader *r = handle;
	loader *l = r->l;
	char msg[sizeof(l->err->msg)];
	size_t n;
	unsigned col;
	kll_status code = KLL_ESYNTAX;

	if (l->st != KLL_OK)
		return SERD_SUCCESS;
	vsnprintf(msg, sizeof(msg), e->fmt, *e->args);
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == '.'))
		msg[--n] = '\0';
	if (strncmp(msg, "invalid UTF-8", 13) == 0)
		code = KLL_EENCODING;
	/* serd's column is that of the last byte it took, 0 for none yet
	 * on the line (then the error is at the line's first byte); on the
	 * first line it counts one more. */
	col = e->line == 1 && e->col > 0 ? e->col - 1 : e->col;
	l->st = kll__error_set(
	    l->err, code, l->name, e->line, col > 0 ? col : 1, "%s", msg);
	r->failed = 1;
	return SERD_SUCCESS;
}

static SerdStatus
s_on_base(void *handle, const SerdNode *uri)
{
	sreader *r = handle;

	return serd_env_set_base_uri(r->env, uri);
}

static SerdStatus
s_on_prefix(void *handle, const SerdNode *name, const SerdNode *uri)
{
	sreader *r = handle;

	return serd_env_set_prefix(r->env, name, uri);
}

/* Where the path of an absolute IRI starts, and whether it has a "." or
 * ".." segment. */
static size_t
path_start(const char *s, size_t n, int *dots)
{
	size_t i = 0, p, e;

	while (i < n && s[i] != ':')
		i++;
	i++;
	if (i + 1 < n && s[i] == '/' && s[i + 1] == '/')
		for (i += 2; i < n && s[i] != '/' && s[i] != '?' && s[i] != '#';)
			i++;
	*dots = 0;
	for (p = i; p < n && s[p] != '?' && s[p] != '#'; p = e + 1) {
		for (e = p; e < n && s[e] != '/' && s[e] != '?' && s[e] != '#';)
			e++;
		if ((e - p == 1 && s[p] == '.') ||
		    (e - p == 2 && s[p] == '.' && s[p + 1] == '.'))
			*dots = 1;
		if (e >= n || s[e] != '/')
			break;
	}
	return i > n ? n : i;
}

/* Remove the "." and ".." segments of the path of IRI b->p (RFC 3986,
 * 5.2.4), in place, as raptor does: kll keeps such an IRI normalized. */
static void
remove_dots(kll__buf *b, size_t start)
{
	char *s = b->p, *out = b->p + start;
	size_t i = start, n = b->n, k;

	while (i < n && s[i] != '?' && s[i] != '#') {
		if (s[i] == '/' && i + 1 < n && s[i + 1] == '.' &&
		    (i + 2 == n || strchr("/?#", s[i + 2]) != NULL)) {
			i += 2; /* "/." becomes "/" */
			if (i == n || s[i] != '/')
				*out++ = '/';
		} else if (s[i] == '/' && i + 2 < n && s[i + 1] == '.' &&
		           s[i + 2] == '.' &&
		           (i + 3 == n || strchr("/?#", s[i + 3]) != NULL)) {
			i += 3; /* "/.." drops the last output segment */
			while (out > s + start && *--out != '/')
				;
			if (i == n || s[i] != '/')
				*out++ = '/';
		} else if (s[i] == '.' && (out == s + start) &&
		           (i + 1 == n || s[i + 1] == '/' ||
		               (s[i + 1] == '.' &&
		                   (i + 2 == n || s[i + 2] == '/')))) {
			/* "./" or "../" at the start of a relative path */
			i += s[i + 1] == '.' ? 2 : 1;
			if (i < n && s[i] == '/')
				i++;
		} else {
			k = i;
			do
				*out++ = s[k++];
			while (k < n && s[k] != '/' && s[k] != '?' && s[k] != '#');
			i = k;
		}
	}
	while (i < n)
		*out++ = s[i++];
	b->n = (size_t)(out - s);
}

/* The absolute IRI of node n, in *s (NUL-terminated) and *len. */
static SerdStatus
s_iri(sreader *r, const SerdNode *n, const char **s, size_t *len)
{
	SerdChunk pre, suf;
	SerdNode abs;
	size_t start;
	int dots, absolute;

	absolute = n->type == SERD_URI && serd_uri_string_has_scheme(n->buf);
	if (absolute) {
		start = path_start((const char *)n->buf, n->n_bytes, &dots);
		if (!dots) {
			*s = (const char *)n->buf;
			*len = n->n_bytes;
			return SERD_SUCCESS;
		}
	}
	r->sb.n = 0;
	abs.buf = NULL;
	if (absolute) {
		pre.buf = n->buf;
		pre.len = n->n_bytes;
		suf.buf = NULL;
		suf.len = 0;
	} else if (n->type == SERD_URI) {
		abs = serd_env_expand_node(r->env, n);
		if (abs.buf == NULL)
			return s_fail(r, KLL_ESYNTAX, "cannot resolve <%s>",
			    (const char *)n->buf);
		pre.buf = abs.buf;
		pre.len = abs.n_bytes;
		suf.buf = NULL;
		suf.len = 0;
	} else if (serd_env_expand(r->env, n, &pre, &suf) != SERD_SUCCESS) {
		if (r->l->st == KLL_OK)
			snprintf(r->undef, sizeof(r->undef), "%s",
			    (const char *)n->buf);
		return s_fail(r, KLL_ESYNTAX,
		    "undefined namespace prefix in '%s'", (const char *)n->buf);
	}
	if (kll__buf_add(&r->sb, pre.buf, pre.len) < 0 ||
	    (suf.len > 0 && kll__buf_add(&r->sb, suf.buf, suf.len) < 0) ||
	    kll__buf_addc(&r->sb, '\0') < 0) {
		serd_node_free(&abs);
		return s_fail(r, KLL_ENOMEM, "%s", "out of memory");
	}
	serd_node_free(&abs);
	r->sb.n--;
	start = path_start(r->sb.p, r->sb.n, &dots);
	if (dots)
		remove_dots(&r->sb, start);
	r->sb.p[r->sb.n++] = '\0';
	*s = r->sb.p;
	*len = r->sb.n - 1;
	return SERD_SUCCESS;
}

static SerdStatus
s_text_ok(sreader *r, const char *s, size_t n)
{
	size_t bad;
	char what[8];

	if (kll__utf8_valid(s, n, &bad))
		return SERD_SUCCESS;
	snprintf(what, sizeof(what), "0x%02x", (unsigned char)s[bad]);
	return s_fail(r, KLL_EENCODING,
	    "invalid UTF-8 byte %s in a literal or IRI", what);
}

/* A subject or object that is not a literal. */
static SerdStatus
s_node(sreader *r, const SerdNode *n, uint32_t *out)
{
	const char *s;
	size_t len;
	SerdStatus st;

	if (n->type == SERD_BLANK) {
		s = (const char *)n->buf;
		len = n->n_bytes;
	} else if ((st = s_iri(r, n, &s, &len)) != SERD_SUCCESS) {
		return st;
	}
	if ((st = s_text_ok(r, s, len)) != SERD_SUCCESS)
		return st;
	if (node_id(r->l, s, len, n->type == SERD_BLANK, out) < 0)
		return s_fail(r, KLL_ENOMEM, "%s", "out of memory");
	return SERD_SUCCESS;
}

static SerdStatus
s_literal(sreader *r, const SerdNode *o, const SerdNode *lang, uint32_t *out)
{
	const char *tag = lang != NULL ? (const char *)lang->buf : NULL;
	SerdStatus st;

	if ((st = s_text_ok(r, (const char *)o->buf, o->n_bytes)) !=
	    SERD_SUCCESS)
		return st;
	if (add_literal_text(r->l, (const char *)o->buf, o->n_bytes, tag,
	        tag != NULL ? lang->n_bytes : 0, out) < 0)
		return s_fail(r, KLL_ENOMEM, "%s", "out of memory");
	*out |= KLL__LITERAL;
	return SERD_SUCCESS;
}

/* What on_statement() does with a raptor statement. */
static SerdStatus
s_on_statement(void *handle, SerdStatementFlags flags, const SerdNode *graph,
    const SerdNode *subject, const SerdNode *predicate,
    const SerdNode *object, const SerdNode *datatype, const SerdNode *lang)
{
	sreader *r = handle;
	const char *iri;
	size_t len;
	uint32_t p, s, o, k;
	SerdStatus st;

	(void)flags;
	(void)graph;
	(void)datatype;
	if (r->l->st != KLL_OK)
		return SERD_ERR_INTERNAL;
	if ((st = s_iri(r, predicate, &iri, &len)) != SERD_SUCCESS)
		return st;
	if (!kll__map_get(&r->known, iri, len, &p) || p >= 64)
		return SERD_SUCCESS;
	r->l->g->nseen++;
	if ((st = s_node(r, subject, &s)) != SERD_SUCCESS)
		return st;
	if (p == P_TYPE) {
		if (object->type == SERD_LITERAL || object->type == SERD_BLANK)
			return SERD_SUCCESS;
		if ((st = s_iri(r, object, &iri, &len)) != SERD_SUCCESS)
			return st;
		if (kll__map_get(&r->known, iri, len, &k) && k >= 64)
			r->l->g->node[s].types |= 1u << (k - 64);
		return SERD_SUCCESS;
	}
	st = object->type == SERD_LITERAL ? s_literal(r, object, lang, &o) :
	                                    s_node(r, object, &o);
	if (st != SERD_SUCCESS)
		return st;
	if (add_triple(r->l->g, s, (int)p, o) < 0)
		return s_fail(r, KLL_ENOMEM, "%s", "out of memory");
	return SERD_SUCCESS;
}

static int
s_known(sreader *r)
{
	size_t i;

	for (i = 0; i < P__COUNT; i++)
		if (kll__map_put(&r->known, pred_iris[i], strlen(pred_iris[i]),
		        (uint32_t)i) < 0)
			return -1;
	for (i = 0; i < C__COUNT; i++)
		if (kll__map_put(&r->known, class_iris[i],
		        strlen(class_iris[i]), (uint32_t)(64 + i)) < 0)
			return -1;
	return 0;
}

/* Bytes that end a name of Turtle, as the guard has them. */
static int
is_stop_byte(int c)
{
	return c == '\0' || strchr(" \t\n\r[]()<>\"'#;,.{}", c) != NULL;
}

/* Where the name "curie" (a prefixed name of Turtle) first stands in fp
 * as a token: outside IRIs, strings and comments, maybe after "^^".
 * Lines end at LF; columns count bytes from 1.  0 when fp cannot be
 * read again or the name is not found. */
static int
locate_name(FILE *fp, const char *curie, unsigned *line, unsigned *col)
{
	enum { TOP, IRI, SHORT, LONG, COMMENT, NAME } st = TOP;
	const char *colon = strchr(curie, ':');
	size_t plen = colon != NULL ? (size_t)(colon - curie) + 1 : 0, k = 0;
	unsigned ln = 1, cn = 0, tl = 0, tc = 0;
	int c, quote = 0, nq = 0, esc = 0, match = 0, pos = 0, bom = 0;

	if (plen == 0 || fseek(fp, 0, SEEK_SET) != 0)
		return 0;
	while ((c = getc(fp)) != EOF) {
		if (bom < 3 && pos == bom && c == "\xef\xbb\xbf"[bom]) {
			bom++;
			pos++;
			continue;
		}
		pos++;
		if (c == '\n') {
			ln++;
			cn = 0;
		} else {
			cn++;
		}
		switch (st) {
		case NAME:
			if (!is_stop_byte(c) && c != '\\') {
				if (match && k == 0 && c == curie[0]) {
					tl = ln;
					tc = cn;
				}
				if (match && k < plen && c == curie[k])
					k++;
				else if (match && k < plen &&
				         !(k == 0 && c == '^'))
					match = 0;
				if (match && k == plen) {
					*line = tl;
					*col = tc;
					return 1;
				}
				continue;
			}
			st = TOP;
			break;
		case IRI:
			if (c == '>' || c == '\n' || c == '\r')
				st = TOP;
			continue;
		case COMMENT:
			if (c == '\n' || c == '\r')
				st = TOP;
			continue;
		case SHORT:
			if (esc)
				esc = 0;
			else if (c == '\\')
				esc = 1;
			else if (c == quote || c == '\n' || c == '\r')
				st = TOP;
			continue;
		case LONG:
			if (esc) {
				esc = 0;
			} else if (c == '\\') {
				esc = 1;
				nq = 0;
			} else if (c != quote) {
				nq = 0;
			} else if (++nq == 3) {
				st = TOP;
			}
			continue;
		case TOP:
			break;
		}
		/* Between tokens. */
		if (nq > 0 && c == quote && nq < 2) {
			nq = 2;
			continue;
		}
		if (nq == 2 && c == quote) {
			st = LONG;
			nq = 0;
			continue;
		}
		if (nq == 2) {
			nq = 0; /* "" */
		} else if (nq == 1) {
			nq = 0;
			st = SHORT;
			esc = c == '\\';
			if (c == quote || c == '\n' || c == '\r')
				st = TOP;
			continue;
		}
		if (c == '<') {
			st = IRI;
		} else if (c == '"' || c == '\'') {
			quote = c;
			nq = 1;
		} else if (c == '#') {
			st = COMMENT;
		} else if (!is_stop_byte(c) && c != '\\') {
			st = NAME;
			tl = ln;
			tc = cn;
			k = 0;
			match = 1;
			if (c == curie[0]) {
				k = 1;
				if (k == plen) {
					*line = tl;
					*col = tc;
					return 1;
				}
			} else if (c != '^') {
				match = 0;
			}
		}
	}
	return 0;
}

/* Turtle or N-Triples through serd: "buf" holds the first n bytes of fp,
 * already read, of which the first "skip" (a byte-order mark) are not
 * RDF. */
static kll_status
serd_read(loader *l, FILE *fp, unsigned char *buf, size_t n, size_t skip,
    kll__guard *guard, const char *syntax, const char *base_iri)
{
	sreader r;
	SerdReader *reader = NULL;
	SerdNode base;
	SerdStatus st;

	memset(&r, 0, sizeof(r));
	r.l = l;
	r.fp = fp;
	r.guard = guard;
	r.buf = buf;
	r.pos = skip;
	r.n = n;
	if (kll__guard_feed(guard, (const char *)buf + skip, n - skip,
	        l->err) != KLL_OK) {
		l->st = l->err != NULL ? l->err->code : KLL_ESYNTAX;
		goto out;
	}
	base = serd_node_from_string(SERD_URI, (const uint8_t *)base_iri);
	if (s_known(&r) < 0 || (r.env = serd_env_new(&base)) == NULL ||
	    (reader = serd_reader_new(strcmp(syntax, "turtle") == 0 ?
	                                  SERD_TURTLE :
	                                  SERD_NTRIPLES,
	         &r, NULL, s_on_base, s_on_prefix, s_on_statement, NULL)) ==
	        NULL) {
		l->st = kll__nomem(l->err);
		goto out;
	}
	/* Strict: serd stops at the first error (and, lax, may not stop). */
	serd_reader_set_strict(reader, true);
	serd_reader_set_error_sink(reader, s_on_error, &r);
	st = serd_reader_read_source(reader, s_read, s_error, &r,
	    (const uint8_t *)l->name, SERD_PAGE);
	if (st > SERD_FAILURE && l->st == KLL_OK)
		l->st = kll__error_set(l->err, KLL_ESYNTAX, l->name, 0, 0,
		    "cannot parse as %s", syntax);
	/* serd reads ahead: the place of an undefined prefix is found
	 * afresh in the file. */
	if (r.undef[0] != '\0' && l->err != NULL && l->err->line == 0 &&
	    locate_name(fp, r.undef, &l->err->line, &l->err->col) == 0)
		l->err->line = l->err->col = 0;
out:
	serd_reader_free(reader);
	if (r.env != NULL)
		serd_env_free(r.env);
	kll__map_free(&r.known);
	kll__buf_free(&r.sb);
	return l->st;
}

/* serd reads these; raptor the others. */
static int
is_serd_syntax(const char *syntax)
{
	return strcmp(syntax, "turtle") == 0 || strcmp(syntax, "ntriples") == 0;
}

/* The base IRI of the document: "base", or that of the file. */
static char *
base_of(const char *path, const char *base)
{
	unsigned char *s;
	char *copy;

	if (base != NULL)
		return kll__strdup(base);
	if (strcmp(path, "-") == 0)
		return kll__strdup("file:///dev/stdin");
	if ((s = raptor_uri_filename_to_uri_string(path)) == NULL)
		return NULL;
	copy = kll__strdup((const char *)s);
	raptor_free_memory(s);
	return copy;
}

/* Which syntax to read fp in: "syntax", else by the file's name, else by
 * what the first n bytes look like (raptor's guess). */
static kll_status
pick_syntax(loader *l, const char *path, const char **syntax,
    const unsigned char *buf, size_t n)
{
	const char *s = *syntax;

	if (s == NULL)
		s = syntax_by_name(path);
	if (s == NULL || !is_serd_syntax(s)) {
		if ((l->world = kll__raptor_world_new(l, on_log)) == NULL)
			return l->st = kll__error_set(l->err, KLL_ENOMEM,
			           l->name, 0, 0, "cannot start raptor");
		if (s == NULL)
			s = raptor_world_guess_parser_name(l->world, NULL,
			    NULL, buf, n, (const unsigned char *)path);
		if (s == NULL || !raptor_world_is_parser_name(l->world, s))
			return l->st = kll__error_set(l->err, KLL_EARG,
			           l->name, 0, 0, "unknown RDF syntax '%s'",
			           s ? s : "");
	}
	if (!kll__rdf_syntax_ok(s))
		return l->st = kll__error_set(l->err, KLL_EARG, l->name, 0, 0,
		           "RDF syntax '%s' is not read", s);
	*syntax = s;
	return KLL_OK;
}

static kll_status
parse_stream(
    loader *l, FILE *fp, const char *path, const char *syntax, const char *base)
{
	unsigned char *buf = NULL;
	char *biri = NULL;
	size_t n, skip = 0;
	kll__guard guard;

	kll__guard_init(&guard, NULL, l->name);
	if ((buf = kll__malloc(CHUNK)) == NULL)
		goto nomem;
	n = fread(buf, 1, CHUNK, fp);
	if (ferror(fp)) {
		l->st = kll__error_set(l->err, KLL_EIO, l->name, 0, 0,
		    "read error: %s", strerror(errno));
		goto out;
	}
	if (pick_syntax(l, path, &syntax, buf, n) != KLL_OK)
		goto out;
	kll__guard_init(&guard, syntax, l->name);
	if ((biri = base_of(path, base)) == NULL)
		goto nomem;
	/* Editors on Windows start UTF-8 files with a byte-order mark. */
	if (n >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		skip = 3;
	if (is_serd_syntax(syntax))
		serd_read(l, fp, buf, n, skip, &guard, syntax, biri);
	else
		raptor_read(l, fp, buf + skip, n - skip, &guard, syntax, biri);
	goto out;
nomem:
	l->st = kll__nomem(l->err);
out:
	kll__guard_free(&guard);
	free(biri);
	free(buf);
	return l->st;
}

kll_status
kll__graph_load(kll__graph *g, const char *path, const char *syntax,
    const char *base, kll_error *err)
{
	loader l;
	FILE *fp = NULL;
	int i;

	memset(&l, 0, sizeof(l));
	l.g = g;
	l.err = err;
	l.name = path;
	if (strcmp(path, "-") == 0) {
		fp = stdin;
	} else if ((fp = kll__fopen_file(path, err)) == NULL) {
		return err ? err->code : KLL_EIO;
	}
	parse_stream(&l, fp, path, syntax, base);
	if (l.world != NULL) {
		for (i = 0; i < P__COUNT; i++)
			if (l.preds[i] != NULL)
				raptor_free_uri(l.preds[i]);
		for (i = 0; i < C__COUNT; i++)
			if (l.classes[i] != NULL)
				raptor_free_uri(l.classes[i]);
		raptor_free_world(l.world);
	}
	if (fp != stdin)
		fclose(fp);
	return l.st;
}

void
kll__graph_free(kll__graph *g)
{
	free(g->node);
	free(g->lit);
	free(g->triple);
	kll__map_free(&g->nodes);
	kll__map_free(&g->langs);
	/* The arena outlives the graph: the vocabulary keeps its strings. */
}
