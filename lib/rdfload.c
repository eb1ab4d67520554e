/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* rdfload.c: read an RDF file through raptor's statement stream and keep
 * only the triples a vocabulary is made of, as compact integer records. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <raptor2.h>

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
	[P_PATTERN] = "http://rdf-vocabulary.ddialliance.org/xkos#notationPattern",
	[P_LEVELS] = "http://rdf-vocabulary.ddialliance.org/xkos#levels",
	[P_NLEVELS] = "http://rdf-vocabulary.ddialliance.org/xkos#numberOfLevels",
	[P_DEPTH_OLD] = "http://purl.org/linked-data/xkos#depth",
	[P_PATTERN_OLD] = "http://purl.org/linked-data/xkos#notationPattern",
	[P_LEVELS_OLD] = "http://purl.org/linked-data/xkos#levels",
	[P_NLEVELS_OLD] = "http://purl.org/linked-data/xkos#numberOfLevels",
	[P_DEPRECATED] = "http://www.w3.org/2002/07/owl#deprecated",
	[P_VERSION] = "http://www.w3.org/2002/07/owl#versionInfo",
	[P_REPLACED] = "http://purl.org/dc/terms/isReplacedBy",
	[P_TITLE] = "http://purl.org/dc/terms/title",
	[P_IDENT] = "http://purl.org/dc/terms/identifier",
};

static const char *const class_iris[C__COUNT] = {
	[C_CONCEPT] = "http://www.w3.org/2004/02/skos/core#Concept",
	[C_SCHEME] = "http://www.w3.org/2004/02/skos/core#ConceptScheme",
	[C_LEVEL] = "http://rdf-vocabulary.ddialliance.org/xkos#ClassificationLevel",
	[C_LEVEL_OLD] = "http://purl.org/linked-data/xkos#ClassificationLevel",
};

typedef struct loader {
	kll__graph *g;
	raptor_world *world;
	raptor_uri *preds[P__COUNT];
	raptor_uri *classes[C__COUNT];
	kll_error *err;
	const char *name;
	kll_status st;
} loader;

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
		if ((p = realloc(g->node, cap * sizeof(*p))) == NULL)
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
		const unsigned char *s = raptor_uri_as_counted_string(
		    t->value.uri, &n);
		return node_id(l, (const char *)s, n, 0, out);
	}
	return node_id(l, (const char *)t->value.blank.string,
	    t->value.blank.string_len, 1, out);
}

static int
add_literal(loader *l, const raptor_term *t, uint32_t *out)
{
	kll__graph *g = l->g;
	kll__literal *p, *lit;
	const raptor_term_literal_value *v = &t->value.literal;
	uint32_t lang;

	if (g->nlit == g->caplit) {
		size_t cap = g->caplit ? g->caplit * 2 : 4096;
		if ((p = realloc(g->lit, cap * sizeof(*p))) == NULL)
			return -1;
		g->lit = p;
		g->caplit = cap;
	}
	lit = &g->lit[g->nlit];
	lit->text = kll__arena_strndup(&g->arena, (const char *)v->string,
	    v->string_len);
	if (lit->text == NULL)
		return -1;
	lit->lang = "";
	if (v->language != NULL && v->language_len > 0) {
		/* Language tags are few: intern them, in lower case. */
		if (kll__map_get(&g->langs, (const char *)v->language,
		    v->language_len, &lang)) {
			lit->lang = g->tags[lang];
		} else {
			char *raw, *tag;
			if (g->ntag == sizeof(g->tags) / sizeof(g->tags[0]))
				return -1;
			raw = kll__arena_strndup(&g->arena,
			    (const char *)v->language, v->language_len);
			tag = raw ? kll__arena_strdup(&g->arena, raw) : NULL;
			if (tag == NULL)
				return -1;
			for (char *q = tag; *q; q++)
				if (*q >= 'A' && *q <= 'Z')
					*q = (char)(*q - 'A' + 'a');
			if (kll__map_put(&g->langs, raw, v->language_len,
			    (uint32_t)g->ntag) < 0)
				return -1;
			g->tags[g->ntag++] = tag;
			lit->lang = tag;
		}
	}
	*out = (uint32_t)g->nlit++;
	return 0;
}

static int
add_triple(kll__graph *g, uint32_t s, int p, uint32_t o)
{
	kll__triple *t;

	if (g->ntriple == g->captriple) {
		size_t cap = g->captriple ? g->captriple * 2 : 4096;
		if ((t = realloc(g->triple, cap * sizeof(*t))) == NULL)
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
	l->st = kll__error_set(l->err, KLL_ENOMEM, l->name, 0, 0,
	    "out of memory");
}

static void
on_log(void *data, raptor_log_message *m)
{
	loader *l = data;
	int line = 0, col = 0;

	if (m->level < RAPTOR_LOG_LEVEL_ERROR || l->st != KLL_OK)
		return;
	if (m->locator != NULL) {
		line = raptor_locator_line(m->locator);
		col = raptor_locator_column(m->locator);
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
		{ ".ttl", "turtle" }, { ".turtle", "turtle" },
		{ ".n3", "turtle" }, { ".nt", "ntriples" },
		{ ".rdf", "rdfxml" }, { ".owl", "rdfxml" },
		{ ".xml", "rdfxml" }, { ".nq", "nquads" },
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
		return raptor_new_uri(w, (const unsigned char *)"file:///dev/stdin");
	s = raptor_uri_filename_to_uri_string(path);
	if (s == NULL)
		return NULL;
	u = raptor_new_uri(w, s);
	raptor_free_memory(s);
	return u;
}

static kll_status
parse_stream(loader *l, FILE *fp, const char *path, const char *syntax,
    const char *base)
{
	raptor_parser *parser = NULL;
	raptor_uri *buri = NULL;
	unsigned char *buf = NULL;
	size_t n;
	int end = 0;

	if ((buf = malloc(CHUNK)) == NULL)
		goto nomem;
	n = fread(buf, 1, CHUNK, fp);
	if (ferror(fp)) {
		l->st = kll__error_set(l->err, KLL_EIO, l->name, 0, 0,
		    "read error: %s", strerror(errno));
		goto out;
	}
	if (syntax == NULL && (syntax = syntax_by_name(path)) == NULL)
		syntax = raptor_world_guess_parser_name(l->world, NULL, NULL,
		    buf, n, (const unsigned char *)path);
	if (syntax == NULL || !raptor_world_is_parser_name(l->world, syntax)) {
		l->st = kll__error_set(l->err, KLL_EARG, l->name, 0, 0,
		    "unknown RDF syntax '%s'", syntax ? syntax : "");
		goto out;
	}
	if ((parser = raptor_new_parser(l->world, syntax)) == NULL ||
	    (buri = base_uri(l->world, path, base)) == NULL)
		goto nomem;
	raptor_parser_set_statement_handler(parser, l, on_statement);
	if (raptor_parser_parse_start(parser, buri) != 0 && l->st == KLL_OK)
		goto nomem;
	while (l->st == KLL_OK) {
		end = n < CHUNK && (feof(fp) || ferror(fp));
		if (raptor_parser_parse_chunk(parser, buf, n, end) != 0 &&
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
	goto out;
nomem:
	l->st = kll__error_set(l->err, KLL_ENOMEM, l->name, 0, 0,
	    "out of memory");
out:
	if (parser != NULL)
		raptor_free_parser(parser);
	if (buri != NULL)
		raptor_free_uri(buri);
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
	if ((l.world = raptor_new_world()) == NULL ||
	    raptor_world_open(l.world) != 0) {
		l.st = kll__error_set(err, KLL_ENOMEM, path, 0, 0,
		    "cannot start raptor");
		goto out;
	}
	raptor_world_set_log_handler(l.world, &l, on_log);
	for (i = 0; i < P__COUNT; i++)
		l.preds[i] = raptor_new_uri(l.world,
		    (const unsigned char *)pred_iris[i]);
	for (i = 0; i < C__COUNT; i++)
		l.classes[i] = raptor_new_uri(l.world,
		    (const unsigned char *)class_iris[i]);
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
