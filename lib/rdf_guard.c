/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* rdf_guard.c: raptor worlds and parsers that load nothing but their
 * input, and the limits on hostile input that every RDF reader of libkll
 * keeps (see rdf_guard.h). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <raptor2.h>

#include "rdf_guard.h"

/* ------------------------------------------------------------------ */
/* Worlds and parsers                                                   */

/* libxml2's entity loader is one for the whole process: it is set to one
 * that refuses, and the last refusal is kept here for the message. */
static char refused[256];
static int have_refused;

static xmlParserInputPtr
refuse_entity(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)ctxt;
	snprintf(refused, sizeof(refused), "%s",
	    url != NULL ? url :
	    id != NULL  ? id :
	                  "");
	have_refused = 1;
	return NULL;
}

const char *
kll__xml_refused(void)
{
	if (!have_refused)
		return NULL;
	have_refused = 0;
	return refused;
}

void
kll__xml_nofetch(void)
{
	xmlSetExternalEntityLoader(refuse_entity);
}

raptor_world *
kll__raptor_world_new(void *data, raptor_log_handler fn)
{
	raptor_world *w;

	if ((w = raptor_new_world()) == NULL)
		return NULL;
	if (fn != NULL)
		raptor_world_set_log_handler(w, data, fn);
	if (raptor_world_open(w) != 0) {
		raptor_free_world(w);
		return NULL;
	}
	/* After raptor has started libxml2, so that nothing sets it back. */
	kll__xml_nofetch();
	return w;
}

int
kll__rdf_syntax_ok(const char *syntax)
{
	/* Not grddl (it fetches XSLT), rss-tag-soup or rdfa (HTML). */
	static const char *const ok[] = { "rdfxml", "turtle", "ntriples",
		"trig", "nquads", "json" };
	size_t i;

	for (i = 0; syntax != NULL && i < sizeof(ok) / sizeof(ok[0]); i++)
		if (strcmp(syntax, ok[i]) == 0)
			return 1;
	return 0;
}

raptor_parser *
kll__raptor_parser_new(raptor_world *w, const char *syntax)
{
	raptor_parser *p;

	if (!kll__rdf_syntax_ok(syntax) ||
	    (p = raptor_new_parser(w, syntax)) == NULL)
		return NULL;
	/* An option a parser does not have is refused: that is fine. */
	raptor_parser_set_option(p, RAPTOR_OPTION_NO_NET, NULL, 1);
	raptor_parser_set_option(p, RAPTOR_OPTION_NO_FILE, NULL, 1);
	raptor_parser_set_option(
	    p, RAPTOR_OPTION_LOAD_EXTERNAL_ENTITIES, NULL, 0);
	raptor_parser_set_option(p, RAPTOR_OPTION_WWW_TIMEOUT, NULL, 1);
	kll__xml_nofetch();
	return p;
}

/* ------------------------------------------------------------------ */
/* Limits on Turtle and N-Triples as they stream by                     */

enum { G_NONE, G_TURTLE, G_NTRIPLES, G_XML };

enum {
	S_TOP,     /* between tokens, or in a name */
	S_NAME,    /* a run of name bytes */
	S_ESC,     /* after a backslash outside a string */
	S_QUOTES,  /* after one or two quotes */
	S_SHORT,   /* in "..." */
	S_SESC,    /* after a backslash in "..." */
	S_LONG,    /* in """...""" */
	S_LESC,    /* after a backslash in """...""" */
	S_IRI,     /* in <...> */
	S_COMMENT, /* after # */
	S_FAILED
};

struct kll__xent {
	kll__arena names;
	kll__map map; /* name -> index in size */
	size_t *size;
	size_t n, cap;
};

void
kll__guard_init(kll__guard *g, const char *syntax, const char *name)
{
	memset(g, 0, sizeof(*g));
	g->name = name;
	g->line = g->col = 1;
	if (syntax == NULL)
		g->kind = G_NONE;
	else if (strcmp(syntax, "turtle") == 0 || strcmp(syntax, "trig") == 0)
		g->kind = G_TURTLE;
	else if (strcmp(syntax, "ntriples") == 0 ||
	         strcmp(syntax, "nquads") == 0)
		g->kind = G_NTRIPLES;
	else if (strcmp(syntax, "rdfxml") == 0)
		g->kind = G_XML;
	else
		g->kind = G_NONE;
}

void
kll__guard_free(kll__guard *g)
{
	if (g->ent != NULL) {
		kll__map_free(&g->ent->map);
		kll__arena_free(&g->ent->names);
		free(g->ent->size);
		free(g->ent);
		g->ent = NULL;
	}
}

/* Fail at line:col; "fmt" has one %lu, the limit. */
static kll_status
refuse(kll__guard *g, kll_error *err, unsigned line, unsigned col,
    const char *fmt, unsigned long limit)
{
	g->state = S_FAILED;
	return kll__error_set(err, KLL_ESYNTAX, g->name, line, col, fmt, limit);
}

static const char *
token_kind(int state)
{
	switch (state) {
	case S_SHORT:
	case S_SESC:
	case S_LONG:
	case S_LESC:
	case S_QUOTES:
		return "a string longer than %lu bytes";
	case S_IRI:
		return "an IRI longer than %lu bytes";
	case S_COMMENT:
		return "a comment longer than %lu bytes";
	}
	return "a name longer than %lu bytes";
}

static void
token_start(kll__guard *g, int state)
{
	g->state = state;
	g->toklen = 0;
	g->tline = g->line;
	g->tcol = g->col;
}

/* The end of a run of name bytes: count a prefix declaration. */
static kll_status
name_end(kll__guard *g, int c, kll_error *err)
{
	int decl = (g->nword == 7 && memcmp(g->word, "@prefix", 7) == 0) ||
	           (g->nword == 6 && strncasecmp(g->word, "prefix", 6) == 0);

	g->state = S_TOP;
	if (!decl || !(c == ' ' || c == '\t' || c == '\n' || c == '\r'))
		return KLL_OK;
	if (++g->nprefix > KLL_RDF_PREFIX_MAX)
		return refuse(g, err, g->tline, g->tcol,
		    "more than %lu prefix declarations", KLL_RDF_PREFIX_MAX);
	return KLL_OK;
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Bytes that end a name (and are not in one): spaces and
 * []()<>"'#;,.{}, and NUL as strchr() finds it. */
static const unsigned char stop_byte[256] = {
	[0] = 1, [' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1, ['['] = 1,
	[']'] = 1, ['('] = 1, [')'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1,
	['\''] = 1, ['#'] = 1, [';'] = 1, [','] = 1, ['.'] = 1, ['{'] = 1,
	['}'] = 1
};

static int
is_stop(int c)
{
	return stop_byte[(unsigned char)c];
}

/* Bytes that end a run in a string, with its quote; in an IRI, with
 * '>'; in a comment. */
static const unsigned char string_end[256] = {
	['\\'] = 1, ['\n'] = 1, ['\r'] = 1
};
static const unsigned char line_end[256] = { ['\n'] = 1, ['\r'] = 1 };

/* One byte between tokens. */
static kll_status
top(kll__guard *g, int c, kll_error *err)
{
	if (c == '[' || c == '(') {
		if (++g->depth > KLL_RDF_DEPTH_MAX)
			return refuse(g, err, g->line, g->col,
			    "[ ] and ( ) nested deeper than %lu levels",
			    KLL_RDF_DEPTH_MAX);
	} else if (c == ']' || c == ')') {
		if (g->depth > 0)
			g->depth--;
	} else if (c == '<') {
		token_start(g, S_IRI);
	} else if (c == '"' || c == '\'') {
		token_start(g, S_QUOTES);
		g->quote = c;
		g->nquote = 1;
	} else if (c == '#') {
		token_start(g, S_COMMENT);
	} else if (c == '\\') {
		g->state = S_ESC;
	} else if (!is_stop(c)) {
		token_start(g, S_NAME);
		g->nword = 0;
		g->word[g->nword++] = (char)c;
	}
	return KLL_OK;
}

/* One byte of Turtle or N-Triples. */
static kll_status
step(kll__guard *g, int c, kll_error *err)
{
	kll_status st;

	if (g->state != S_TOP && g->state != S_ESC &&
	    ++g->toklen > KLL_RDF_TOKEN_MAX)
		return refuse(g, err, g->tline, g->tcol, token_kind(g->state),
		    KLL_RDF_TOKEN_MAX);
	switch (g->state) {
	case S_NAME:
		if (!is_stop(c) && c != '\\') {
			if (g->nword < sizeof(g->word))
				g->word[g->nword] = (char)c;
			g->nword++;
			return KLL_OK;
		}
		if ((st = name_end(g, c, err)) != KLL_OK)
			return st;
		return top(g, c, err);
	case S_ESC:
		g->state = S_TOP;
		return KLL_OK;
	case S_QUOTES:
		if (c == g->quote && g->nquote == 1) {
			g->nquote = 2;
		} else if (c == g->quote) {
			g->state = S_LONG; /* """ */
			g->nquote = 0;
		} else if (g->nquote == 2) {
			g->state = S_TOP; /* "" */
			return top(g, c, err);
		} else {
			g->state = S_SHORT;
			return step(g, c, err);
		}
		return KLL_OK;
	case S_SHORT:
		/* A line break ends a broken string, as it ends raptor's. */
		if (c == g->quote || c == '\n' || c == '\r')
			g->state = S_TOP;
		else if (c == '\\')
			g->state = S_SESC;
		return KLL_OK;
	case S_SESC:
		g->state = S_SHORT;
		return KLL_OK;
	case S_LONG:
		if (c == '\\') {
			g->state = S_LESC;
			g->nquote = 0;
		} else if (c != g->quote) {
			g->nquote = 0;
		} else if (++g->nquote == 3) {
			g->state = S_TOP;
		}
		return KLL_OK;
	case S_LESC:
		g->state = S_LONG;
		return KLL_OK;
	case S_IRI:
		if (c == '>' || c == '\n' || c == '\r')
			g->state = S_TOP;
		return KLL_OK;
	case S_COMMENT:
		if (c == '\n' || c == '\r')
			g->state = S_TOP;
		return KLL_OK;
	}
	return top(g, c, err);
}

static kll_status xml_step(kll__guard *g, int c, kll_error *err);

/* How many bytes from p change nothing in the token being read but its
 * length: the loop of kll__guard_feed() skips them at once, and stops
 * short of a limit so that step() finds it at the same byte. */
static size_t
plain_run(const kll__guard *g, const char *p, size_t n)
{
	size_t i = 0;

	if (n > KLL_RDF_TOKEN_MAX - g->toklen)
		n = KLL_RDF_TOKEN_MAX - g->toklen;
	if (g->kind == G_NTRIPLES && n > KLL_RDF_LINE_MAX - g->linelen)
		n = KLL_RDF_LINE_MAX - g->linelen;
	switch (g->state) {
	case S_SHORT:
	case S_LONG:
		while (i < n && !string_end[(unsigned char)p[i]] &&
		       p[i] != g->quote)
			i++;
		break;
	case S_IRI:
		while (i < n && !line_end[(unsigned char)p[i]] && p[i] != '>')
			i++;
		break;
	case S_COMMENT:
		while (i < n && !line_end[(unsigned char)p[i]])
			i++;
		break;
	case S_NAME:
		while (i < n && !stop_byte[(unsigned char)p[i]] &&
		       p[i] != '\\')
			i++;
		break;
	}
	return i;
}

kll_status
kll__guard_feed(kll__guard *g, const char *p, size_t n, kll_error *err)
{
	size_t i = 0;
	kll_status st;

	if (g->state == S_FAILED)
		return KLL_ESYNTAX;
	if (g->kind == G_NONE)
		return KLL_OK;
	/* A byte-order mark is no part of the text. */
	if (g->line == 1 && g->col == 1 && g->seen == 0 && n >= 3 &&
	    memcmp(p, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	for (; i < n; i++) {
		int c = (unsigned char)p[i];
		size_t k;
		if (g->kind != G_XML && (k = plain_run(g, p + i, n - i)) > 0) {
			if (g->state == S_LONG)
				g->nquote = 0;
			if (g->state == S_NAME) {
				size_t w = sizeof(g->word) - g->nword;
				if (g->nword < sizeof(g->word))
					memcpy(g->word + g->nword, p + i,
					    k < w ? k : w);
				g->nword += k;
			}
			g->toklen += k;
			g->seen += k;
			g->col += (unsigned)k;
			g->linelen += k;
			i += k - 1;
			continue;
		}
		if (g->kind == G_XML)
			st = xml_step(g, c, err);
		else
			st = step(g, c, err);
		if (st != KLL_OK)
			return st;
		g->seen++;
		if (c == '\n') {
			g->line++;
			g->col = 1;
			g->linelen = 0;
		} else {
			g->col++;
			if (g->kind == G_NTRIPLES && c != '\r' &&
			    ++g->linelen > KLL_RDF_LINE_MAX)
				return refuse(g, err, g->line, 1,
				    "a line longer than %lu bytes",
				    KLL_RDF_LINE_MAX);
		}
	}
	return KLL_OK;
}

/* ------------------------------------------------------------------ */
/* RDF/XML: the document type declaration and entity references         */

typedef struct xscan {
	kll__guard *g;
	kll_error *err;
	const char *p;
	size_t i, n;
} xscan;

static void
xpos(const xscan *x, size_t at, unsigned *line, unsigned *col)
{
	size_t i;

	*line = *col = 1;
	for (i = 0; i < at && i < x->n; i++) {
		if (x->p[i] == '\n') {
			++*line;
			*col = 1;
		} else {
			++*col;
		}
	}
}

/* Refuse at byte "at" of the prologue. */
static kll_status xrefuse(xscan *x, size_t at, const char *fmt, ...)
    KLL__PRINTF(3, 4);

static kll_status
xrefuse(xscan *x, size_t at, const char *fmt, ...)
{
	unsigned line, col;
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	xpos(x, at, &line, &col);
	x->g->state = S_FAILED;
	return kll__error_set(
	    x->err, KLL_ESYNTAX, x->g->name, line, col, "%s", msg);
}

static int
xlit(const xscan *x, const char *s)
{
	size_t k = strlen(s);

	return x->n - x->i >= k && memcmp(x->p + x->i, s, k) == 0;
}

static void
xskip_ws(xscan *x)
{
	while (x->i < x->n && is_space((unsigned char)x->p[x->i]))
		x->i++;
}

/* Skip past "end"; 0 if it does not come. */
static int
xskip_to(xscan *x, const char *end)
{
	size_t k = strlen(end);

	for (; x->i + k <= x->n; x->i++)
		if (memcmp(x->p + x->i, end, k) == 0) {
			x->i += k;
			return 1;
		}
	x->i = x->n;
	return 0;
}

static int
is_xname(int c)
{
	return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == ':' || c == '-' ||
	       c == '.';
}

/* A name into buf (cut to its size). */
static void
xname(xscan *x, char *buf, size_t size)
{
	size_t k = 0;

	while (x->i < x->n && is_xname((unsigned char)x->p[x->i])) {
		if (k + 1 < size)
			buf[k++] = x->p[x->i];
		x->i++;
	}
	buf[k] = '\0';
}

/* The quoted text at x->i, for messages; "" if none. */
static void
xquoted(const xscan *x, char *buf, size_t size)
{
	size_t i = x->i, k = 0;
	char q;

	buf[0] = '\0';
	while (i < x->n && is_space((unsigned char)x->p[i]))
		i++;
	if (i >= x->n || (x->p[i] != '"' && x->p[i] != '\''))
		return;
	q = x->p[i++];
	while (i < x->n && x->p[i] != q && k + 1 < size)
		buf[k++] = x->p[i++];
	buf[k] = '\0';
}

static kll_status
xunterminated(xscan *x, size_t at)
{
	char lim[32];

	if (x->n < KLL_XML_DOCTYPE_MAX)
		return xrefuse(x, at, "document type declaration does not end");
	snprintf(lim, sizeof(lim), "%d", KLL_XML_DOCTYPE_MAX);
	return xrefuse(x, at,
	    "document type declaration longer than the limit of %s bytes", lim);
}

/* The replacement size of an entity that refers to "ref", or 0 when it
 * refers to one not declared before it. */
static int
xref_size(kll__guard *g, const char *ref, size_t *size)
{
	static const char *const predef[] = { "lt", "gt", "amp", "apos",
		"quot" };
	uint32_t k;
	size_t i;

	for (i = 0; i < 5; i++)
		if (strcmp(ref, predef[i]) == 0) {
			*size = 1;
			return 1;
		}
	if (g->ent != NULL &&
	    kll__map_get(&g->ent->map, ref, strlen(ref), &k)) {
		*size = g->ent->size[k];
		return 1;
	}
	return 0;
}

static int
xent_add(kll__guard *g, const char *name, size_t size)
{
	struct kll__xent *e;
	size_t *p;
	char *key;
	uint32_t k;

	if (g->ent == NULL && (g->ent = kll__calloc(1, sizeof(*e))) == NULL)
		return -1;
	e = g->ent;
	/* XML keeps the first declaration of a name. */
	if (kll__map_get(&e->map, name, strlen(name), &k))
		return 0;
	if (e->n == e->cap) {
		size_t cap = e->cap ? 2 * e->cap : 16;
		if ((p = kll__realloc(e->size, cap * sizeof(*p))) == NULL)
			return -1;
		e->size = p;
		e->cap = cap;
	}
	if ((key = kll__arena_strdup(&e->names, name)) == NULL ||
	    kll__map_put(&e->map, key, strlen(key), (uint32_t)e->n) < 0)
		return -1;
	e->size[e->n++] = size;
	return 0;
}

/* The quoted value of entity "name" at x->i: its size with references
 * replaced. */
static kll_status
xentity_value(xscan *x, const char *name, size_t *out)
{
	char q = x->p[x->i++], ref[64];
	size_t size = 0, sub, at;

	for (; x->i < x->n && x->p[x->i] != q; x->i++) {
		at = x->i;
		if (x->p[x->i] == '%')
			return xrefuse(x, at,
			    "parameter entity reference in entity '%s'", name);
		if (x->p[x->i] != '&' || x->i + 1 >= x->n ||
		    x->p[x->i + 1] == '#') {
			size++;
		} else {
			x->i++;
			xname(x, ref, sizeof(ref));
			if (x->i >= x->n || x->p[x->i] != ';') {
				x->i--; /* not a reference: read on */
				continue;
			}
			if (!xref_size(x->g, ref, &sub))
				return xrefuse(x, at,
				    "entity '%s' refers to '%s', which is not "
				    "declared before it",
				    name, ref);
			size += sub;
		}
		if (size > KLL_XML_ENTITY_MAX)
			return xrefuse(x, at,
			    "entity '%s' is longer than %d bytes when "
			    "expanded",
			    name, KLL_XML_ENTITY_MAX);
	}
	if (x->i >= x->n)
		return xunterminated(x, x->i);
	x->i++;
	*out = size;
	return KLL_OK;
}

/* <!ENTITY ...> at x->i. */
static kll_status
xentity(xscan *x)
{
	char name[64], sys[200];
	size_t start = x->i, size = 0;
	int pe = 0;
	kll_status st;

	x->i += 8;
	xskip_ws(x);
	if (x->i < x->n && x->p[x->i] == '%') {
		pe = 1;
		x->i++;
		xskip_ws(x);
	}
	xname(x, name, sizeof(name));
	xskip_ws(x);
	if (xlit(x, "SYSTEM") || xlit(x, "PUBLIC")) {
		x->i += 6;
		xquoted(x, sys, sizeof(sys));
		return xrefuse(x, start,
		    "external entity '%s' (\"%s\") is not read", name, sys);
	}
	if (x->i >= x->n)
		return xunterminated(x, start);
	if (x->p[x->i] != '"' && x->p[x->i] != '\'')
		return xrefuse(x, x->i,
		    "cannot read the declaration of entity '%s'", name);
	if ((st = xentity_value(x, name, &size)) != KLL_OK)
		return st;
	xskip_ws(x);
	if (x->i >= x->n)
		return xunterminated(x, start);
	if (x->p[x->i] != '>')
		return xrefuse(x, x->i,
		    "cannot read the declaration of entity '%s'", name);
	x->i++;
	/* Parameter entities are never referred to (see xsubset). */
	if (!pe && xent_add(x->g, name, size) < 0)
		return kll__error_set(
		    x->err, KLL_ENOMEM, x->g->name, 0, 0, "out of memory");
	return KLL_OK;
}

/* <!ELEMENT, <!ATTLIST or <!NOTATION at x->i: skipped, but for an
 * attribute default that refers to an entity. */
static kll_status
xother(xscan *x)
{
	size_t start = x->i;
	int attlist = xlit(x, "<!ATTLIST");
	char q = 0;

	for (x->i += 2; x->i < x->n; x->i++) {
		char c = x->p[x->i];
		if (q != 0) {
			if (c == q)
				q = 0;
			else if (c == '&' && attlist && x->i + 1 < x->n &&
			         x->p[x->i + 1] != '#')
				return xrefuse(x, x->i,
				    "entity reference in an attribute "
				    "default");
		} else if (c == '"' || c == '\'') {
			q = c;
		} else if (c == '>') {
			x->i++;
			return KLL_OK;
		}
	}
	return xunterminated(x, start);
}

/* The internal subset after "[". */
static kll_status
xsubset(xscan *x)
{
	kll_status st;
	size_t at;
	char name[64];

	for (;;) {
		xskip_ws(x);
		at = x->i;
		if (x->i >= x->n)
			return xunterminated(x, at);
		if (x->p[x->i] == ']') {
			x->i++;
			return KLL_OK;
		}
		if (x->p[x->i] == '%') {
			x->i++;
			xname(x, name, sizeof(name));
			return xrefuse(x, at,
			    "parameter entity reference '%%%s;' is not read",
			    name);
		}
		if (xlit(x, "<!--")) {
			if (!xskip_to(x, "-->"))
				return xunterminated(x, at);
		} else if (xlit(x, "<?")) {
			if (!xskip_to(x, "?>"))
				return xunterminated(x, at);
		} else if (xlit(x, "<!ENTITY")) {
			if ((st = xentity(x)) != KLL_OK)
				return st;
		} else if (xlit(x, "<!ELEMENT") || xlit(x, "<!ATTLIST") ||
		           xlit(x, "<!NOTATION")) {
			if ((st = xother(x)) != KLL_OK)
				return st;
		} else {
			return xrefuse(
			    x, at, "cannot read the document type declaration");
		}
	}
}

/* <!DOCTYPE at x->i. */
static kll_status
xdoctype(xscan *x)
{
	size_t start = x->i;
	char name[64], sys[200];
	kll_status st;

	x->i += 9;
	xskip_ws(x);
	xname(x, name, sizeof(name));
	xskip_ws(x);
	if (xlit(x, "SYSTEM") || xlit(x, "PUBLIC")) {
		x->i += 6;
		xquoted(x, sys, sizeof(sys));
		return xrefuse(
		    x, start, "external DTD \"%s\" is not read", sys);
	}
	if (x->i < x->n && x->p[x->i] == '[') {
		x->i++;
		if ((st = xsubset(x)) != KLL_OK)
			return st;
		xskip_ws(x);
	}
	if (x->i >= x->n)
		return xunterminated(x, start);
	if (x->p[x->i] != '>')
		return xrefuse(
		    x, x->i, "cannot read the document type declaration");
	return KLL_OK;
}

kll_status
kll__guard_xml_prologue(kll__guard *g, const char *p, size_t n, kll_error *err)
{
	xscan x;

	if (g->kind != G_XML)
		return KLL_OK;
	memset(&x, 0, sizeof(x));
	x.g = g, x.err = err, x.p = p, x.n = n;
	/* The checks below read ASCII: UTF-16, UTF-32 and EBCDIC are not. */
	if (n >= 2 &&
	    ((unsigned char)p[0] == 0xfe || (unsigned char)p[0] == 0xff ||
	        p[0] == '\0' || p[1] == '\0' || memcmp(p, "\x4c\x6f", 2) == 0))
		return xrefuse(&x, 0, "RDF/XML that is not UTF-8 is not read");
	if (xlit(&x, "\xef\xbb\xbf"))
		x.i = 3;
	for (;;) {
		xskip_ws(&x);
		if (xlit(&x, "<?")) {
			if (!xskip_to(&x, "?>"))
				return KLL_OK;
		} else if (xlit(&x, "<!--")) {
			if (!xskip_to(&x, "-->"))
				return KLL_OK;
		} else if (xlit(&x, "<!DOCTYPE")) {
			return xdoctype(&x);
		} else {
			return KLL_OK;
		}
	}
}

/* Entity references in the document: what they add is counted against
 * its size. */
static kll_status
xml_step(kll__guard *g, int c, kll_error *err)
{
	size_t size;
	uint32_t k;

	if (c == '&') {
		g->inref = 1;
		g->nref = 0;
		g->tline = g->line;
		g->tcol = g->col;
		return KLL_OK;
	}
	if (!g->inref)
		return KLL_OK;
	if (c != ';') {
		if (!is_xname(c) || g->nref + 1 >= sizeof(g->ref))
			g->inref = 0;
		else
			g->ref[g->nref++] = (char)c;
		return KLL_OK;
	}
	g->inref = 0;
	g->ref[g->nref] = '\0';
	if (g->ent == NULL || !kll__map_get(&g->ent->map, g->ref, g->nref, &k))
		return KLL_OK;
	size = g->ent->size[k];
	g->added += size;
	if (g->added > KLL_XML_EXPAND_MAX + KLL_XML_EXPAND_RATIO * g->seen) {
		g->state = S_FAILED;
		return kll__error_set(err, KLL_ESYNTAX, g->name, g->tline,
		    g->tcol,
		    "entity references add more than %d bytes and %d times "
		    "the size of the document",
		    KLL_XML_EXPAND_MAX, KLL_XML_EXPAND_RATIO);
	}
	return KLL_OK;
}
