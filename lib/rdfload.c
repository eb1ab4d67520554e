/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* rdfload.c: read an RDF file through raptor's statement stream and keep
 * only the triples a vocabulary is made of, as compact integer records. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <raptor2.h>

#include "rdfguard.h"
#include "rdfload.h"

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
		if (kll__map_get(&g->langs, language, nlang, &lang)) {
			lit->lang = g->tags[lang];
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

static raptor_uri *
base_uri(raptor_world *w, const char *path, const char *base)
{
	unsigned char *s;
	raptor_uri *u;

	if (base != NULL)
		return raptor_new_uri(w, (const unsigned char *)base);
	if (strcmp(path, "-") == 0)
		return raptor_new_uri(
		    w, (const unsigned char *)"file:///dev/stdin");
	s = raptor_uri_filename_to_uri_string(path);
	if (s == NULL)
		return NULL;
	u = raptor_new_uri(w, s);
	raptor_free_memory(s);
	return u;
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

static kll_status
parse_stream(
    loader *l, FILE *fp, const char *path, const char *syntax, const char *base)
{
	raptor_parser *parser = NULL;
	raptor_uri *buri = NULL;
	unsigned char *buf = NULL;
	size_t n, skip = 0;
	int end = 0;
	kll__guard guard;
	const char *url;
	kll__buf pend = { NULL, 0, 0 };
	int lines;

	kll__guard_init(&guard, NULL, l->name);

	if ((buf = kll__malloc(CHUNK)) == NULL)
		goto nomem;
	n = fread(buf, 1, CHUNK, fp);
	if (ferror(fp)) {
		l->st = kll__error_set(l->err, KLL_EIO, l->name, 0, 0,
		    "read error: %s", strerror(errno));
		goto out;
	}
	if (syntax == NULL && (syntax = syntax_by_name(path)) == NULL)
		syntax = raptor_world_guess_parser_name(
		    l->world, NULL, NULL, buf, n, (const unsigned char *)path);
	if (syntax == NULL || !raptor_world_is_parser_name(l->world, syntax)) {
		l->st = kll__error_set(l->err, KLL_EARG, l->name, 0, 0,
		    "unknown RDF syntax '%s'", syntax ? syntax : "");
		goto out;
	}
	if (!kll__rdf_syntax_ok(syntax)) {
		l->st = kll__error_set(l->err, KLL_EARG, l->name, 0, 0,
		    "RDF syntax '%s' is not read", syntax);
		goto out;
	}
	kll__guard_init(&guard, syntax, l->name);
	lines =
	    strcmp(syntax, "ntriples") == 0 || strcmp(syntax, "nquads") == 0;
	l->st = kll__guard_xml_prologue(&guard, (const char *)buf, n, l->err);
	if (l->st != KLL_OK)
		goto out;
	if ((parser = kll__raptor_parser_new(l->world, syntax)) == NULL ||
	    (buri = base_uri(l->world, path, base)) == NULL)
		goto nomem;
	raptor_parser_set_statement_handler(parser, l, on_statement);
	l->parser = parser;
	if (raptor_parser_parse_start(parser, buri) != 0 && l->st == KLL_OK)
		goto nomem;
	/* raptor's Turtle and N-Triples parsers stop at a byte-order mark,
	 * which Windows editors put at the start of UTF-8 files. */
	if (n >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		skip = 3;
	while (l->st == KLL_OK) {
		end = n < CHUNK && (feof(fp) || ferror(fp));
		/* The limits first: the parser never sees what passes one. */
		l->st = kll__guard_feed(
		    &guard, (const char *)buf + skip, n - skip, l->err);
		if (l->st != KLL_OK)
			break;
		if (feed_parser(
		        parser, &pend, lines, buf + skip, n - skip, end) != 0 &&
		    l->st == KLL_OK)
			l->st = kll__error_set(l->err, KLL_ESYNTAX, l->name, 0,
			    0, "cannot parse as %s", syntax);
		if (end)
			break;
		skip = 0;
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
	l->st =
	    kll__error_set(l->err, KLL_ENOMEM, l->name, 0, 0, "out of memory");
out:
	kll__guard_free(&guard);
	kll__buf_free(&pend);
	l->parser = NULL;
	if (parser != NULL)
		raptor_free_parser(parser);
	if (buri != NULL)
		raptor_free_uri(buri);
	free(buf);
	return l->st;
}

/* ------------------------------------------------------------------ */
/* A fast path for Turtle                                               */

static int
fast_syntax(const char *path, const char *syntax)
{
	if (syntax == NULL)
		syntax = syntax_by_name(path);
	return syntax != NULL && strcmp(syntax, "turtle") == 0;
}

/* raptor's Turtle parser copies the whole file into memory twice before
 * it parses, and its lexer is the slow part of a load.  This reader takes
 * the Turtle that raptor reads the same way (absolute IRIs, ASCII names,
 * the common escapes) a statement at a time and hands the triples over
 * in raptor's order: those of a [ ] when it closes, the cells of a ( )
 * when it closes from the last to the first, a statement's own at its
 * end; anonymous blank nodes are named genid1, genid2... in the order
 * raptor names them.  On anything else (a syntax error, a relative IRI,
 * @base, an escape in a name...) it gives up, and the file is read again
 * by raptor, which then has the last word, error messages included. */

#ifndef FAST_CHUNK
#define FAST_CHUNK (256 * 1024)
#endif
#define NS_RDF_NIL "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil"
#define FAST_BAIL  (-1)
#define FAST_MORE  (-2)

enum { K_IRI, K_LABEL, K_ANON, K_LIT };

typedef struct fterm {
	uint8_t kind;
	uint32_t off, len;   /* in the scratch buffer; K_ANON: the number */
	uint32_t loff, llen; /* language tag of a literal */
} fterm;

typedef struct ftriple {
	fterm s, o;
	int p; /* P_*, or -1 for a predicate not kept */
} ftriple;

typedef struct fvec {
	ftriple *v;
	size_t n, cap;
} fvec;

typedef struct fast {
	loader *l;
	kll__map known;    /* predicate IRI -> P_*; class IRI -> 64 + C_* */
	kll__map prefixes; /* prefix -> index in nsoff */
	kll__buf ns;       /* namespace IRIs, NUL-separated */
	uint32_t *nsoff;
	size_t nns, capns;
	kll__buf sb; /* the strings of the statement being read */
	fvec lvl;    /* triples of the open [ ] and of the subject */
	fvec out;    /* the statement's triples in raptor's order */
	unsigned genid;
	unsigned depth;      /* of [ ] and ( ) in the statement */
	int empty;           /* the last [ ] read was [] */
	const char *p, *end; /* the statement being read */
	int eof;
} fast;

static int
push(fvec *v, const ftriple *t)
{
	ftriple *p;

	if (v->n == v->cap) {
		size_t cap = v->cap ? 2 * v->cap : 256;
		if ((p = kll__realloc(v->v, cap * sizeof(*p))) == NULL)
			return -1;
		v->v = p;
		v->cap = cap;
	}
	v->v[v->n++] = *t;
	return 0;
}

static int
is_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int
is_alpha(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_hex(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Skip white space and comments; FAST_MORE at the end of the data. */
static int
skip(fast *f)
{
	for (;;) {
		while (f->p < f->end && is_ws((unsigned char)*f->p))
			f->p++;
		if (f->p == f->end)
			return FAST_MORE;
		if (*f->p != '#')
			return 0;
		/* A comment ends at CR as well as LF, as Turtle has it. */
		while (f->p < f->end && *f->p != '\n' && *f->p != '\r')
			f->p++;
	}
}

/* Append bytes to the scratch buffer; -1 when out of memory. */
static int
sb_add(fast *f, const char *s, size_t n)
{
	if (kll__buf_grow(&f->sb, n + 1) < 0)
		return -1;
	memcpy(f->sb.p + f->sb.n, s, n);
	f->sb.n += n;
	return 0;
}

#define NOMEM (-3)

/* A complete absolute IRI without dot segments that raptor would keep as
 * it is. */
static int
iri_ok(const char *s, size_t n)
{
	size_t i = 0, path;

	if (n == 0 || !is_alpha((unsigned char)s[0]))
		return 0;
	while (i < n && (is_alpha((unsigned char)s[i]) ||
	                    is_digit((unsigned char)s[i]) || s[i] == '+' ||
	                    s[i] == '-' || s[i] == '.'))
		i++;
	if (i == n || s[i] != ':')
		return 0;
	path = i + 1;
	for (i = path; i < n && s[i] != '?' && s[i] != '#'; i++) {
		const char *dot = memchr(s + i, '.', n - i);
		if (dot == NULL)
			break;
		i = (size_t)(dot - s);
		if (i != path && s[i - 1] != '/')
			continue;
		/* A segment "." or "..", also the first ("http:./a") */
		if (i + 1 == n || s[i + 1] == '/' || s[i + 1] == '?' ||
		    s[i + 1] == '#')
			return 0;
		if (s[i + 1] == '.' && (i + 2 == n || s[i + 2] == '/' ||
		                           s[i + 2] == '?' || s[i + 2] == '#'))
			return 0;
	}
	return 1;
}

/* A byte an IRI of the fast reader may not hold: one raptor escapes or
 * refuses, or any beyond ASCII. */
static int
bad_iri_char(unsigned char c)
{
	return c <= 0x20 || c >= 0x7f || c == '<' || c == '"' || c == '{' ||
	       c == '}' || c == '|' || c == '^' || c == '`' || c == '\\';
}

/* <IRI> into the scratch buffer. */
static int
read_iriref(fast *f, fterm *t)
{
	const char *q = f->p + 1;

	while (q < f->end && *q != '>') {
		if (bad_iri_char((unsigned char)*q))
			return FAST_BAIL;
		q++;
	}
	if (q == f->end)
		return FAST_MORE;
	if (!iri_ok(f->p + 1, (size_t)(q - f->p - 1)))
		return FAST_BAIL;
	t->kind = K_IRI;
	t->off = (uint32_t)f->sb.n;
	t->len = (uint32_t)(q - f->p - 1);
	if (sb_add(f, f->p + 1, t->len) < 0)
		return NOMEM;
	f->p = q + 1;
	return 0;
}

static int
is_pn_char(int c)
{
	return is_alpha(c) || is_digit(c) || c == '_' || c == '-';
}

/* A delimiter after a name, number or keyword. */
static int
is_delim(int c)
{
	return is_ws(c) || c == ',' || c == ';' || c == ']' || c == ')' ||
	       c == '#' || c == '.' || c == '(' || c == '[' || c == '"' ||
	       c == '\'' || c == '<';
}

/* prefix:local, expanded, into the scratch buffer. */
static int
read_pname(fast *f, fterm *t)
{
	const char *q = f->p, *pfx;
	size_t npfx;
	uint32_t k;

	while (q < f->end && (is_pn_char((unsigned char)*q) || *q == '.'))
		q++;
	if (q == f->end)
		return FAST_MORE;
	if (*q != ':' || (q > f->p && q[-1] == '.') ||
	    (q > f->p && !is_alpha((unsigned char)*f->p)))
		return FAST_BAIL;
	pfx = f->p;
	npfx = (size_t)(q - f->p);
	if (!kll__map_get(&f->prefixes, pfx, npfx, &k))
		return FAST_BAIL;
	f->p = ++q;
	if (q < f->end && (*q == '-' || *q == '.'))
		return FAST_BAIL;
	while (q < f->end) {
		unsigned char c = (unsigned char)*q;
		if (is_pn_char(c) || c == ':' || c == '.')
			q++;
		else if (c == '%') {
			if (f->end - q < 3)
				return FAST_MORE;
			if (!is_hex((unsigned char)q[1]) ||
			    !is_hex((unsigned char)q[2]))
				return FAST_BAIL;
			q += 3;
		} else
			break;
	}
	if (q == f->end)
		return FAST_MORE;
	if ((q > f->p && q[-1] == '.') || !is_delim((unsigned char)*q))
		return FAST_BAIL;
	t->kind = K_IRI;
	t->off = (uint32_t)f->sb.n;
	if (sb_add(f, f->ns.p + f->nsoff[k], strlen(f->ns.p + f->nsoff[k])) <
	        0 ||
	    sb_add(f, f->p, (size_t)(q - f->p)) < 0)
		return NOMEM;
	t->len = (uint32_t)(f->sb.n - t->off);
	if (!iri_ok(f->sb.p + t->off, t->len))
		return FAST_BAIL;
	f->p = q;
	return 0;
}

static int
put_utf8(fast *f, unsigned long c)
{
	char b[4];
	size_t n;

	if (c == 0 || (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return FAST_BAIL;
	if (c < 0x80) {
		b[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		b[0] = (char)(0xc0 | (c >> 6));
		b[1] = (char)(0x80 | (c & 0x3f));
		n = 2;
	} else if (c < 0x10000) {
		b[0] = (char)(0xe0 | (c >> 12));
		b[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		b[2] = (char)(0x80 | (c & 0x3f));
		n = 3;
	} else {
		b[0] = (char)(0xf0 | (c >> 18));
		b[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		b[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		b[3] = (char)(0x80 | (c & 0x3f));
		n = 4;
	}
	return sb_add(f, b, n) < 0 ? NOMEM : 0;
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), 0 if none. */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	size_t k, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		k = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		k = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		k = 4;
	else
		return 0;
	if (k > n)
		return n == 0 ? 0 : (size_t)-1; /* need more data */
	for (i = 1; i < k; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	if ((k == 3 && s[0] == 0xe0 && s[1] < 0xa0) ||
	    (k == 3 && s[0] == 0xed && s[1] >= 0xa0) ||
	    (k == 4 && s[0] == 0xf0 && s[1] < 0x90) ||
	    (k == 4 && s[0] == 0xf4 && s[1] >= 0x90))
		return 0;
	return k;
}

/* A quoted string, unescaped, into the scratch buffer. */
static int
read_string(fast *f, fterm *t)
{
	const char *q = f->p;
	char quote = *q;
	int longq = 0, r;

	if (f->end - q < 3)
		return FAST_MORE;
	if (q[1] == quote && q[2] == quote) {
		longq = 1;
		q += 3;
	} else
		q++;
	t->kind = K_LIT;
	t->off = (uint32_t)f->sb.n;
	t->llen = 0;
	for (;;) {
		const char *run = q;
		while (q < f->end && *q != quote && *q != '\\' &&
		       (unsigned char)*q < 0x80 && *q != '\n' && *q != '\r' &&
		       *q != '\0')
			q++;
		if (sb_add(f, run, (size_t)(q - run)) < 0)
			return NOMEM;
		if (q == f->end)
			return FAST_MORE;
		if (*q == quote) {
			if (!longq) {
				q++;
				break;
			}
			if (f->end - q < 3)
				return FAST_MORE;
			if (q[1] == quote && q[2] == quote) {
				/* """a"""" ends with a quote in the text */
				if (f->end - q < 4)
					return FAST_MORE;
				if (q[3] == quote)
					return FAST_BAIL;
				q += 3;
				break;
			}
			if (sb_add(f, q, 1) < 0)
				return NOMEM;
			q++;
		} else if (*q == '\n' || *q == '\r') {
			if (!longq)
				return FAST_BAIL;
			if (sb_add(f, q, 1) < 0)
				return NOMEM;
			q++;
		} else if (*q == '\0') {
			return FAST_BAIL;
		} else if ((unsigned char)*q >= 0x80) {
			size_t k = utf8_len(
			    (const unsigned char *)q, (size_t)(f->end - q));
			if (k == (size_t)-1)
				return FAST_MORE;
			if (k == 0)
				return FAST_BAIL;
			if (sb_add(f, q, k) < 0)
				return NOMEM;
			q += k;
		} else {
			/* A backslash escape */
			static const char from[] = "tnr\"'\\",
			                  to[] = "\t\n\r\"'\\";
			const char *e;
			unsigned long c = 0;
			int nx, i;
			if (f->end - q < 2)
				return FAST_MORE;
			if ((e = strchr(from, q[1])) != NULL && q[1] != '\0') {
				if (sb_add(f, to + (e - from), 1) < 0)
					return NOMEM;
				q += 2;
				continue;
			}
			if (q[1] != 'u' && q[1] != 'U')
				return FAST_BAIL;
			nx = q[1] == 'u' ? 4 : 8;
			if (f->end - q < 2 + nx)
				return FAST_MORE;
			for (i = 0; i < nx; i++) {
				int h = (unsigned char)q[2 + i];
				if (!is_hex(h))
					return FAST_BAIL;
				c = c * 16 +
				    (unsigned long)(is_digit(h) ?
				                        h - '0' :
				                        (h | 0x20) - 'a' + 10);
			}
			if ((r = put_utf8(f, c)) != 0)
				return r;
			q += 2 + nx;
		}
	}
	t->len = (uint32_t)(f->sb.n - t->off);
	f->p = q;
	/* A language tag, or a datatype (which is not kept). */
	if (q == f->end)
		return FAST_MORE;
	if (*q == '@') {
		const char *tag = ++q;
		while (q < f->end && is_alpha((unsigned char)*q))
			q++;
		if (q == tag)
			return q == f->end ? FAST_MORE : FAST_BAIL;
		while (q < f->end && *q == '-') {
			const char *sub = ++q;
			while (q < f->end && (is_alpha((unsigned char)*q) ||
			                         is_digit((unsigned char)*q)))
				q++;
			if (q == sub)
				return q == f->end ? FAST_MORE : FAST_BAIL;
		}
		if (q == f->end)
			return FAST_MORE;
		if (!is_delim((unsigned char)*q) || *q == '.')
			return FAST_BAIL;
		t->loff = (uint32_t)f->sb.n;
		t->llen = (uint32_t)(q - tag);
		if (sb_add(f, tag, t->llen) < 0)
			return NOMEM;
		f->p = q;
	} else if (*q == '^') {
		fterm dt;
		if (f->end - q < 3)
			return FAST_MORE;
		if (q[1] != '^')
			return FAST_BAIL;
		f->p = q + 2;
		r = *f->p == '<' ? read_iriref(f, &dt) : read_pname(f, &dt);
		if (r != 0)
			return r;
	}
	return 0;
}

/* A number or a boolean: a literal of its lexical form. */
static int
read_bare(fast *f, fterm *t)
{
	const char *q = f->p, *s = f->p;
	int digits = 0;

	if (is_alpha((unsigned char)*q)) {
		while (q < f->end && is_alpha((unsigned char)*q))
			q++;
		if (q == f->end)
			return FAST_MORE;
		if (!((q - s == 4 && memcmp(s, "true", 4) == 0) ||
		        (q - s == 5 && memcmp(s, "false", 5) == 0)) ||
		    !is_delim((unsigned char)*q) || *q == '.')
			return FAST_BAIL;
	} else {
		if (*q == '+' || *q == '-')
			q++;
		if (q == f->end)
			return FAST_MORE;
		while (q < f->end && is_digit((unsigned char)*q)) {
			q++;
			digits = 1;
		}
		if (q < f->end && *q == '.') {
			if (q + 1 == f->end)
				return FAST_MORE;
			if (!is_digit((unsigned char)q[1]))
				return FAST_BAIL; /* "1." */
			for (q++; q < f->end && is_digit((unsigned char)*q);
			     q++)
				digits = 1;
		}
		if (!digits)
			return FAST_BAIL;
		if (q < f->end && (*q == 'e' || *q == 'E')) {
			q++;
			if (q < f->end && (*q == '+' || *q == '-'))
				q++;
			if (q == f->end)
				return FAST_MORE;
			if (!is_digit((unsigned char)*q))
				return FAST_BAIL;
			while (q < f->end && is_digit((unsigned char)*q))
				q++;
		}
		if (q == f->end)
			return FAST_MORE;
		if (!is_delim((unsigned char)*q) || *q == '.')
			return FAST_BAIL;
	}
	t->kind = K_LIT;
	t->off = (uint32_t)f->sb.n;
	t->len = (uint32_t)(q - s);
	t->llen = 0;
	if (sb_add(f, s, t->len) < 0)
		return NOMEM;
	f->p = q;
	return 0;
}

static int read_object(fast *f, fterm *t);
static int read_pol(fast *f, const fterm *s, int in_brackets);

static int
read_label(fast *f, fterm *t)
{
	const char *q = f->p + 2;

	if (f->end - f->p < 3)
		return FAST_MORE;
	if (f->p[1] != ':')
		return FAST_BAIL;
	if (!is_alpha((unsigned char)*q) && !is_digit((unsigned char)*q) &&
	    *q != '_')
		return FAST_BAIL;
	while (q < f->end && is_pn_char((unsigned char)*q))
		q++;
	if (q == f->end)
		return FAST_MORE;
	if (!is_delim((unsigned char)*q) || *q == '.')
		return FAST_BAIL;
	t->kind = K_LABEL;
	t->off = (uint32_t)f->sb.n;
	t->len = (uint32_t)(q - f->p - 2);
	if (sb_add(f, f->p + 2, t->len) < 0)
		return NOMEM;
	f->p = q;
	return 0;
}

/* [ ... ] or [], as a term. */
static int
brackets(fast *f, fterm *t)
{
	size_t start = f->lvl.n, i;
	int r;

	f->p++;
	if ((r = skip(f)) != 0)
		return r;
	t->kind = K_ANON;
	t->len = 0;
	f->empty = *f->p == ']';
	if (f->empty) {
		f->p++;
		t->off = ++f->genid;
		return 0;
	}
	/* The node is named when it closes: give its triples a mark. */
	t->off = 0;
	t->len = 1;
	if ((r = read_pol(f, t, 1)) != 0)
		return r;
	if ((r = skip(f)) != 0)
		return r;
	if (*f->p != ']')
		return FAST_BAIL;
	f->p++;
	f->empty = 0;
	t->off = ++f->genid;
	t->len = 0;
	for (i = start; i < f->lvl.n; i++) {
		f->lvl.v[i].s = *t;
		if (push(&f->out, &f->lvl.v[i]) < 0)
			return NOMEM;
	}
	f->lvl.n = start;
	return 0;
}

/* The guard of fast_load() refuses deeper nesting before this reader
 * sees it; should it miss some, raptor reads the file. */
static int
read_brackets(fast *f, fterm *t)
{
	int r;

	if (++f->depth > KLL_RDF_DEPTH_MAX)
		return FAST_BAIL;
	if ((r = brackets(f, t)) == 0)
		f->depth--;
	return r;
}

static int collection(fast *f, fterm *t);

static int
read_collection(fast *f, fterm *t)
{
	int r;

	if (++f->depth > KLL_RDF_DEPTH_MAX)
		return FAST_BAIL;
	if ((r = collection(f, t)) == 0)
		f->depth--;
	return r;
}

/* ( ... ), as a term: rdf:nil, or its first cell. */
static int
collection(fast *f, fterm *t)
{
	fterm *items = NULL, *p;
	size_t n = 0, cap = 0, i;
	ftriple c;
	int r;

	f->p++;
	for (;;) {
		if ((r = skip(f)) != 0)
			goto out;
		if (*f->p == ')')
			break;
		if (n == cap) {
			cap = cap ? 2 * cap : 8;
			if ((p = kll__realloc(items, cap * sizeof(*p))) ==
			    NULL) {
				r = NOMEM;
				goto out;
			}
			items = p;
		}
		if ((r = read_object(f, &items[n])) != 0)
			goto out;
		n++;
	}
	f->p++;
	memset(t, 0, sizeof(*t));
	if (n == 0) {
		static const char nil[] = NS_RDF_NIL;
		t->kind = K_IRI;
		t->off = (uint32_t)f->sb.n;
		t->len = sizeof(nil) - 1;
		r = sb_add(f, nil, t->len) < 0 ? NOMEM : 0;
		goto out;
	}
	/* Cells from the last to the first, as raptor makes them. */
	memset(&c, 0, sizeof(c));
	for (i = n; i-- > 0;) {
		fterm cell;
		memset(&cell, 0, sizeof(cell));
		cell.kind = K_ANON;
		cell.off = ++f->genid;
		c.s = cell;
		c.p = P_FIRST;
		c.o = items[i];
		if (push(&f->out, &c) < 0) {
			r = NOMEM;
			goto out;
		}
		c.p = P_REST;
		if (i == n - 1) {
			static const char nil[] = NS_RDF_NIL;
			memset(&c.o, 0, sizeof(c.o));
			c.o.kind = K_IRI;
			c.o.off = (uint32_t)f->sb.n;
			c.o.len = sizeof(nil) - 1;
			if (sb_add(f, nil, c.o.len) < 0) {
				r = NOMEM;
				goto out;
			}
		} else {
			c.o = *t;
		}
		if (push(&f->out, &c) < 0) {
			r = NOMEM;
			goto out;
		}
		*t = cell;
	}
	r = 0;
out:
	free(items);
	return r;
}

static int
read_object(fast *f, fterm *t)
{
	int c = (unsigned char)*f->p;

	memset(t, 0, sizeof(*t));
	if (c == '<')
		return read_iriref(f, t);
	if (c == '"' || c == '\'')
		return read_string(f, t);
	if (c == '[')
		return read_brackets(f, t);
	if (c == '(')
		return read_collection(f, t);
	if (c == '_')
		return read_label(f, t);
	if (is_digit(c) || c == '+' || c == '-' || c == '.')
		return read_bare(f, t);
	if (c == 't' || c == 'f') {
		const char *q = f->p;
		while (q < f->end && is_alpha((unsigned char)*q))
			q++;
		if (q == f->end)
			return FAST_MORE;
		if (*q != ':' && *q != '.' && *q != '-' && *q != '_' &&
		    !is_digit((unsigned char)*q))
			return read_bare(f, t);
	}
	if (is_alpha(c) || c == ':')
		return read_pname(f, t);
	return FAST_BAIL;
}

static int
pred_of(fast *f, const fterm *t)
{
	uint32_t k;

	if (kll__map_get(&f->known, f->sb.p + t->off, t->len, &k) && k < 64)
		return (int)k;
	return -1;
}

/* predicate object, ... ; ... for subject s: the triples go to lvl. */
static int
read_pol(fast *f, const fterm *s, int in_brackets)
{
	ftriple t;
	fterm verb;
	int r;

	memset(&t, 0, sizeof(t));
	t.s = *s;
	for (;;) {
		if ((r = skip(f)) != 0)
			return r;
		memset(&verb, 0, sizeof(verb));
		if (*f->p == 'a' && f->end - f->p >= 2 &&
		    (is_ws((unsigned char)f->p[1]) || f->p[1] == '<' ||
		        f->p[1] == '[' || f->p[1] == '(')) {
			t.p = P_TYPE;
			f->p++;
		} else {
			if (*f->p == '<')
				r = read_iriref(f, &verb);
			else if (is_alpha((unsigned char)*f->p) || *f->p == ':')
				r = read_pname(f, &verb);
			else
				r = f->end - f->p < 2 ? FAST_MORE : FAST_BAIL;
			if (r != 0)
				return r;
			t.p = pred_of(f, &verb);
		}
		for (;;) {
			if ((r = skip(f)) != 0)
				return r;
			if ((r = read_object(f, &t.o)) != 0)
				return r;
			if (push(&f->lvl, &t) < 0)
				return NOMEM;
			if ((r = skip(f)) != 0)
				return r;
			if (*f->p != ',')
				break;
			f->p++;
		}
		/* ";" once or more, perhaps before the end */
		if (*f->p != ';')
			break;
		while (*f->p == ';') {
			f->p++;
			if ((r = skip(f)) != 0)
				return r;
		}
		if (*f->p == '.' || (in_brackets && *f->p == ']'))
			break;
	}
	return 0;
}

/* "@prefix p: <IRI> ." or "PREFIX p: <IRI>". */
static int
read_prefix(fast *f, int sparql)
{
	const char *name;
	size_t n;
	fterm t;
	uint32_t k;
	int r;

	if ((r = skip(f)) != 0)
		return r;
	name = f->p;
	while (
	    f->p < f->end && (is_pn_char((unsigned char)*f->p) || *f->p == '.'))
		f->p++;
	if (f->p == f->end)
		return FAST_MORE;
	n = (size_t)(f->p - name);
	if (*f->p != ':' ||
	    (n > 0 && (!is_alpha((unsigned char)*name) || name[n - 1] == '.')))
		return FAST_BAIL;
	f->p++;
	if ((r = skip(f)) != 0)
		return r;
	if (*f->p != '<')
		return FAST_BAIL;
	if ((r = read_iriref(f, &t)) != 0)
		return r;
	if (!sparql) {
		if ((r = skip(f)) != 0)
			return r;
		if (*f->p != '.')
			return FAST_BAIL;
		f->p++;
	}
	/* A prefix declared again takes its new IRI. */
	if (f->nns == f->capns) {
		uint32_t *p;
		size_t cap = f->capns ? 2 * f->capns : 16;
		if ((p = kll__realloc(f->nsoff, cap * sizeof(*p))) == NULL)
			return NOMEM;
		f->nsoff = p;
		f->capns = cap;
	}
	f->nsoff[f->nns] = (uint32_t)f->ns.n;
	k = (uint32_t)f->nns++;
	if (kll__buf_add(&f->ns, f->sb.p + t.off, t.len) < 0 ||
	    kll__buf_addc(&f->ns, '\0') < 0 ||
	    kll__buf_add(&f->ns, name, n) < 0 ||
	    kll__buf_addc(&f->ns, '\0') < 0)
		return NOMEM;
	/* The map keeps a pointer to the name: intern it in the arena. */
	if ((name = kll__arena_strndup(&f->l->g->arena, name, n)) == NULL ||
	    kll__map_put(&f->prefixes, name, n, k) < 0)
		return NOMEM;
	return 0;
}

/* One statement from f->p; FAST_MORE if it does not end before f->end. */
static int
read_statement(fast *f)
{
	fterm s;
	int r, c;

	if ((r = skip(f)) != 0)
		return r;
	c = (unsigned char)*f->p;
	if (c == '@') {
		if (f->end - f->p < 8)
			return FAST_MORE;
		if (memcmp(f->p, "@prefix", 7) == 0 &&
		    is_ws((unsigned char)f->p[7])) {
			f->p += 7;
			return read_prefix(f, 0);
		}
		return FAST_BAIL;
	}
	if (c == 'P' || c == 'p' || c == 'B' || c == 'b') {
		if (f->end - f->p < 7)
			return FAST_MORE;
		if (strncasecmp(f->p, "prefix", 6) == 0 &&
		    is_ws((unsigned char)f->p[6])) {
			f->p += 6;
			return read_prefix(f, 1);
		}
		if (strncasecmp(f->p, "base", 4) == 0 &&
		    is_ws((unsigned char)f->p[4]))
			return FAST_BAIL;
	}
	memset(&s, 0, sizeof(s));
	if (c == '<')
		r = read_iriref(f, &s);
	else if (c == '_')
		r = read_label(f, &s);
	else if (c == '[')
		r = read_brackets(f, &s);
	else if (c == '(')
		r = read_collection(f, &s);
	else if (is_alpha(c) || c == ':')
		r = read_pname(f, &s);
	else
		r = FAST_BAIL;
	if (r != 0)
		return r;
	if ((r = skip(f)) != 0)
		return r;
	/* "[ ... ] ." has no more to say. */
	if (!(c == '[' && !f->empty && *f->p == '.') &&
	    (r = read_pol(f, &s, 0)) != 0)
		return r;
	if ((r = skip(f)) != 0)
		return r;
	if (*f->p != '.')
		return FAST_BAIL;
	f->p++;
	/* The end of the data right after a "." could be a decimal. */
	if (f->p == f->end && !f->eof)
		return FAST_MORE;
	return 0;
}

static int
fast_node(fast *f, const fterm *t, uint32_t *out)
{
	char buf[32];

	if (t->kind == K_ANON) {
		int n = snprintf(buf, sizeof(buf), "genid%u", (unsigned)t->off);
		return node_id(f->l, buf, (size_t)n, 1, out);
	}
	return node_id(f->l, f->sb.p + t->off, t->len, t->kind == K_LABEL, out);
}

/* What on_statement() does with a statement from raptor. */
static int
fast_emit(fast *f, const ftriple *t)
{
	loader *l = f->l;
	uint32_t s, o, k;

	if (t->p < 0)
		return 0;
	l->g->nseen++;
	if (fast_node(f, &t->s, &s) < 0)
		return -1;
	if (t->p == P_TYPE) {
		if (t->o.kind == K_IRI &&
		    kll__map_get(&f->known, f->sb.p + t->o.off, t->o.len, &k) &&
		    k >= 64)
			l->g->node[s].types |= 1u << (k - 64);
		return 0;
	}
	if (t->o.kind == K_LIT) {
		if (add_literal_text(l, f->sb.p + t->o.off, t->o.len,
		        t->o.llen ? f->sb.p + t->o.loff : NULL, t->o.llen,
		        &o) < 0)
			return -1;
		o |= KLL__LITERAL;
	} else if (fast_node(f, &t->o, &o) < 0) {
		return -1;
	}
	return add_triple(l->g, s, t->p, o);
}

/* Read all of fp.  KLL_OK, an error, or FAST_BAIL as kll_status when the
 * file is for raptor. */
static int
fast_load(loader *l, FILE *fp)
{
	fast f;
	char *buf = NULL, *p;
	size_t cap = FAST_CHUNK, have = 0, used, i, n;
	int r = 0;
	kll__guard guard;

	kll__guard_init(&guard, "turtle", l->name);
	memset(&f, 0, sizeof(f));
	f.l = l;
	for (i = 0; i < P__COUNT; i++)
		if (kll__map_put(&f.known, pred_iris[i], strlen(pred_iris[i]),
		        (uint32_t)i) < 0)
			goto nomem;
	for (i = 0; i < C__COUNT; i++)
		if (kll__map_put(&f.known, class_iris[i], strlen(class_iris[i]),
		        (uint32_t)(64 + i)) < 0)
			goto nomem;
	if ((buf = kll__malloc(cap)) == NULL)
		goto nomem;
	for (;;) {
		/* Fill the buffer behind what is left of the last read. */
		if (!f.eof && have < cap) {
			n = fread(buf + have, 1, cap - have, fp);
			if (ferror(fp)) {
				l->st = kll__error_set(l->err, KLL_EIO, l->name,
				    0, 0, "read error: %s", strerror(errno));
				r = l->st;
				goto out;
			}
			/* The limits first, as raptor's path has them. */
			l->st = kll__guard_feed(&guard, buf + have, n, l->err);
			if (l->st != KLL_OK) {
				r = l->st;
				goto out;
			}
			have += n;
			if (feof(fp))
				f.eof = 1;
		}
		f.p = buf;
		f.end = buf + have;
		for (;;) {
			const char *start = f.p;
			unsigned genid = f.genid;
			f.sb.n = 0;
			f.depth = 0;
			f.lvl.n = f.out.n = 0;
			r = read_statement(&f);
			if (r == FAST_MORE) {
				f.p = start;
				f.genid = genid;
				/* At the end only white space and comments may
				 * be left. */
				if (f.eof) {
					r = skip(&f) == FAST_MORE ? 0 :
					                            FAST_BAIL;
					goto out;
				}
				break;
			}
			if (r != 0)
				goto out;
			for (i = 0; i < f.out.n; i++)
				if (fast_emit(&f, &f.out.v[i]) < 0)
					goto nomem;
			for (i = 0; i < f.lvl.n; i++)
				if (fast_emit(&f, &f.lvl.v[i]) < 0)
					goto nomem;
		}
		used = (size_t)(f.p - buf);
		if (used == 0 && have == cap) {
			/* One statement larger than the buffer. */
			if ((p = kll__realloc(buf, 2 * cap)) == NULL)
				goto nomem;
			buf = p;
			cap *= 2;
		} else {
			memmove(buf, buf + used, have - used);
			have -= used;
		}
	}
nomem:
	l->st =
	    kll__error_set(l->err, KLL_ENOMEM, l->name, 0, 0, "out of memory");
	r = l->st;
out:
	if (r == NOMEM) {
		l->st = kll__error_set(
		    l->err, KLL_ENOMEM, l->name, 0, 0, "out of memory");
		r = l->st;
	}
	kll__guard_free(&guard);
	free(buf);
	free(f.nsoff);
	free(f.lvl.v);
	free(f.out.v);
	kll__buf_free(&f.sb);
	kll__buf_free(&f.ns);
	kll__map_free(&f.known);
	kll__map_free(&f.prefixes);
	return r;
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
	/* Turtle from a file: the fast reader first, raptor if it gives up. */
	if (fp != stdin && fast_syntax(path, syntax) &&
	    fseek(fp, 0, SEEK_SET) == 0) {
		if (fast_load(&l, fp) != FAST_BAIL)
			goto out;
		kll__graph_free(g);
		kll__arena_free(&g->arena);
		memset(g, 0, sizeof(*g));
		l.st = KLL_OK;
		if (fseek(fp, 0, SEEK_SET) != 0) {
			l.st = kll__error_set(err, KLL_EIO, path, 0, 0,
			    "read error: %s", strerror(errno));
			goto out;
		}
	}
	if ((l.world = kll__raptor_world_new(&l, on_log)) == NULL) {
		l.st = kll__error_set(
		    err, KLL_ENOMEM, path, 0, 0, "cannot start raptor");
		goto out;
	}
	for (i = 0; i < P__COUNT; i++)
		l.preds[i] = raptor_new_uri(
		    l.world, (const unsigned char *)pred_iris[i]);
	for (i = 0; i < C__COUNT; i++)
		l.classes[i] = raptor_new_uri(
		    l.world, (const unsigned char *)class_iris[i]);
	parse_stream(&l, fp, path, syntax, base);
out:
	if (l.world != NULL) {
		for (i = 0; i < P__COUNT; i++)
			if (l.preds[i] != NULL)
				raptor_free_uri(l.preds[i]);
		for (i = 0; i < C__COUNT; i++)
			if (l.classes[i] != NULL)
				raptor_free_uri(l.classes[i]);
		raptor_free_world(l.world);
	}
	if (fp != NULL && fp != stdin)
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
