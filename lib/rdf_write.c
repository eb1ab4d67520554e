/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* rdf_write.c: output graphs.  With no librdf storage asked for, the
 * triples are kept in a compact list; serd writes Turtle and N-Triples
 * from it, sorted, and any other syntax goes through a Redland (librdf)
 * model and raptor's serializers.  A graph in a librdf store is handed to
 * serd the same way for Turtle and N-Triples. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <librdf.h>
#include <serd/serd.h>

#include "rdf_guard.h"
#include "rdf_write.h"

#define MAX_PREFIX 32

/* A kept triple: ids of interned strings ("_:" and the id for a blank
 * node), or the text of a literal object; x is the language tag or (xdt)
 * the datatype of a literal, or 0. */
enum { O_IRI, O_LIT, O_BLANK }; /* raptor's order of term types */

typedef struct wtriple {
	const char *text;
	uint32_t s, p, o, x;
	uint8_t sblank, okind, xdt;
} wtriple;

struct kll__rdf {
	librdf_world *world;
	librdf_storage *storage;
	librdf_model *model;
	kll_error err;
	kll_status st;
	const char *prefix[MAX_PREFIX];
	const char *ns[MAX_PREFIX];
	size_t nprefix;
	int keep; /* the triples are kept below, not in librdf */
	kll__arena arena;
	kll__map ids;     /* string -> id */
	const char **str; /* id -> string; id 0 is "" */
	size_t nstr, capstr;
	wtriple *t;
	size_t nt, capt;
	uint32_t last[2]; /* ids of the last subject and predicate */
};

static int
on_log(void *data, librdf_log_message *m)
{
	kll__rdf *r = data;

	if (librdf_log_message_level(m) >= LIBRDF_LOG_ERROR &&
	    r->st == KLL_OK) {
		const char *msg = librdf_log_message_message(m);
		r->st = kll__error_set(&r->err, KLL_EIO, NULL, 0, 0, "%s",
		    msg ? msg : "librdf error");
	}
	return 1; /* handled: librdf must not print */
}

static void
fail(kll__rdf *r, kll_status st, const char *what)
{
	if (r->st == KLL_OK)
		r->st = kll__error_set(&r->err, st, NULL, 0, 0, "%s", what);
}

/* Start librdf with "storage" (NULL: the "hashes" store in memory). */
static kll_status
open_librdf(kll__rdf *r, const char *storage, const char *name,
    const char *options, kll_error *err)
{
	if ((r->world = librdf_new_world()) == NULL)
		return kll__error_set(
		    err, KLL_ENOMEM, NULL, 0, 0, "cannot start librdf");
	librdf_world_set_logger(r->world, r, on_log);
	librdf_world_open(r->world);
	/* kll makes no librdf parser, but a storage may read a file. */
	kll__xml_nofetch();
	/* librdf's "memory" store has no index, so adding a statement costs
	 * a scan of all the others; its "hashes" store kept in memory is the
	 * indexed in-memory default. */
	if (storage == NULL) {
		storage = "hashes";
		options = "hash-type='memory'";
	}
	r->storage =
	    librdf_new_storage(r->world, storage, name ? name : "kll", options);
	if (r->storage == NULL)
		return kll__error_set(err, KLL_EARG, NULL, 0, 0,
		    "cannot open librdf storage '%s'%s%s", storage,
		    r->st != KLL_OK ? ": " : "",
		    r->st != KLL_OK ? r->err.msg : "");
	if ((r->model = librdf_new_model(r->world, r->storage, NULL)) == NULL)
		return kll__error_set(err, KLL_ENOMEM, NULL, 0, 0,
		    "cannot create a librdf model");
	return KLL_OK;
}

/* The kept list, empty; id 0 is the empty string. */
static int
keep_init(kll__rdf *r)
{
	if (r->str != NULL)
		return 0;
	if ((r->str = kll__malloc(64 * sizeof(*r->str))) == NULL)
		return -1;
	r->capstr = 64;
	r->str[r->nstr++] = "";
	return 0;
}

kll_status
kll__rdf_new(kll__rdf **out, const char *storage, const char *name,
    const char *options, kll_error *err)
{
	kll__rdf *r;
	kll_status st;

	*out = NULL;
	if ((r = kll__calloc(1, sizeof(*r))) == NULL)
		return kll__nomem(err);
	if (storage == NULL) {
		r->keep = 1;
		if (keep_init(r) < 0) {
			kll__rdf_free(r);
			return kll__nomem(err);
		}
	} else if ((st = open_librdf(r, storage, name, options, err)) !=
	           KLL_OK) {
		kll__rdf_free(r);
		return st;
	}
	*out = r;
	return KLL_OK;
}

void
kll__rdf_free(kll__rdf *r)
{
	if (r == NULL)
		return;
	if (r->model != NULL)
		librdf_free_model(r->model);
	if (r->storage != NULL)
		librdf_free_storage(r->storage);
	if (r->world != NULL)
		librdf_free_world(r->world);
	kll__map_free(&r->ids);
	kll__arena_free(&r->arena);
	free(r->str);
	free(r->t);
	free(r);
}

static librdf_node *
resource(kll__rdf *r, const char *s)
{
	if (s[0] == '_' && s[1] == ':')
		return librdf_new_node_from_blank_identifier(
		    r->world, (const unsigned char *)s + 2);
	return librdf_new_node_from_uri_string(
	    r->world, (const unsigned char *)s);
}

static void
add(kll__rdf *r, const char *s, const char *p, librdf_node *o)
{
	librdf_node *sn = NULL, *pn = NULL;

	if (o == NULL) {
		fail(r, KLL_ENOMEM, "out of memory");
		return;
	}
	if ((sn = resource(r, s)) == NULL || (pn = resource(r, p)) == NULL) {
		fail(r, KLL_ENOMEM, "out of memory");
		goto out;
	}
	/* librdf_model_add takes the nodes over, even when it fails. */
	if (librdf_model_add(r->model, sn, pn, o) != 0)
		fail(r, KLL_EIO, "cannot add a statement to the librdf model");
	return;
out:
	if (sn != NULL)
		librdf_free_node(sn);
	librdf_free_node(o);
}

static void
lr_add_iri(kll__rdf *r, const char *s, const char *p, const char *o)
{
	add(r, s, p, resource(r, o));
}

static void
lr_add_lit(kll__rdf *r, const char *s, const char *p, const char *text,
    const char *lang)
{
	add(r, s, p,
	    librdf_new_node_from_literal(r->world, (const unsigned char *)text,
	        lang && *lang ? lang : NULL, 0));
}

static void
lr_add_typed(kll__rdf *r, const char *s, const char *p, const char *text,
    const char *datatype)
{
	librdf_uri *dt;

	if ((dt = librdf_new_uri(r->world, (const unsigned char *)datatype)) ==
	    NULL) {
		fail(r, KLL_ENOMEM, "out of memory");
		return;
	}
	add(r, s, p,
	    librdf_new_node_from_typed_literal(
	        r->world, (const unsigned char *)text, NULL, dt));
	librdf_free_uri(dt);
}

/* ------------------------------------------------------------------ */
/* Keeping the triples                                                  */

/* The id of string s; "last" caches the one of its place in the triple,
 * since the triples of a subject tend to come together. */
static uint32_t
intern(kll__rdf *r, const char *s, uint32_t *last)
{
	size_t n;
	uint32_t id;
	const char **p;
	char *copy;

	if (last != NULL && *last != 0 && strcmp(r->str[*last], s) == 0)
		return *last;
	n = strlen(s);
	if (kll__map_get(&r->ids, s, n, &id)) {
		if (last != NULL)
			*last = id;
		return id;
	}
	if (r->nstr == r->capstr) {
		if ((p = kll__realloc(r->str, 2 * r->capstr * sizeof(*p))) ==
		    NULL)
			return UINT32_MAX;
		r->str = p;
		r->capstr *= 2;
	}
	if ((copy = kll__arena_strndup(&r->arena, s, n)) == NULL)
		return UINT32_MAX;
	id = (uint32_t)r->nstr;
	if (kll__map_put(&r->ids, copy, n, id) < 0)
		return UINT32_MAX;
	r->str[r->nstr++] = copy;
	if (last != NULL)
		*last = id;
	return id;
}

static int
is_blank(const char *s)
{
	return s[0] == '_' && s[1] == ':';
}

static void
keep(kll__rdf *r, const char *s, const char *p, int okind, const char *o,
    const char *x, int xdt)
{
	wtriple *t;

	if (r->nt == r->capt) {
		size_t cap = r->capt ? 2 * r->capt : 1024;
		if ((t = kll__realloc(r->t, cap * sizeof(*t))) == NULL)
			goto nomem;
		kll__mem_large(t, cap * sizeof(*t));
		r->t = t;
		r->capt = cap;
	}
	t = &r->t[r->nt];
	memset(t, 0, sizeof(*t));
	t->sblank = (uint8_t)is_blank(s);
	t->okind = (uint8_t)(okind == O_IRI && is_blank(o) ? O_BLANK : okind);
	t->xdt = (uint8_t)xdt;
	if ((t->s = intern(r, s, &r->last[0])) == UINT32_MAX ||
	    (t->p = intern(r, p, &r->last[1])) == UINT32_MAX ||
	    (okind == O_LIT ?
	            (t->text = kll__arena_strdup(&r->arena, o)) == NULL :
	            (t->o = intern(r, o, NULL)) == UINT32_MAX) ||
	    (x != NULL && *x != '\0' &&
	        (t->x = intern(r, x, NULL)) == UINT32_MAX))
		goto nomem;
	r->nt++;
	return;
nomem:
	fail(r, KLL_ENOMEM, "out of memory");
}

/* Hand the kept triples over to librdf, in the order they came. */
static kll_status
replay(kll__rdf *r)
{
	kll_error e;
	size_t i;

	if (open_librdf(r, NULL, NULL, NULL, &e) != KLL_OK) {
		if (r->st == KLL_OK) {
			r->err = e;
			r->st = e.code;
		}
		return r->st;
	}
	for (i = 0; i < r->nt && r->st == KLL_OK; i++) {
		const wtriple *t = &r->t[i];
		const char *s = r->str[t->s], *p = r->str[t->p];
		const char *o = t->okind == O_LIT ? t->text : r->str[t->o];
		const char *x = r->str[t->x];
		if (t->okind != O_LIT)
			lr_add_iri(r, s, p, o);
		else if (t->xdt)
			lr_add_typed(r, s, p, o, x);
		else
			lr_add_lit(r, s, p, o, x);
	}
	r->keep = 0;
	return r->st;
}

void
kll__rdf_add_iri(kll__rdf *r, const char *s, const char *p, const char *o)
{
	if (r->st != KLL_OK)
		return;
	if (r->keep)
		keep(r, s, p, O_IRI, o, NULL, 0);
	else
		lr_add_iri(r, s, p, o);
}

void
kll__rdf_add_lit(kll__rdf *r, const char *s, const char *p, const char *text,
    const char *lang)
{
	if (r->st != KLL_OK || text == NULL || *text == '\0')
		return;
	if (r->keep)
		keep(r, s, p, O_LIT, text, lang, 0);
	else
		lr_add_lit(r, s, p, text, lang);
}

void
kll__rdf_add_typed(kll__rdf *r, const char *s, const char *p, const char *text,
    const char *datatype)
{
	if (r->st != KLL_OK || text == NULL || *text == '\0')
		return;
	if (r->keep)
		keep(r, s, p, O_LIT, text, datatype, 1);
	else
		lr_add_typed(r, s, p, text, datatype);
}

void
kll__rdf_add_list(kll__rdf *r, const char *s, const char *p, const char **items,
    size_t n, const char *tag)
{
	char cell[128], next[128];
	size_t i;

	if (n == 0) {
		kll__rdf_add_iri(r, s, p, NS_RDF "nil");
		return;
	}
	snprintf(cell, sizeof(cell), "_:%s1", tag);
	kll__rdf_add_iri(r, s, p, cell);
	for (i = 0; i < n; i++) {
		kll__rdf_add_iri(r, cell, NS_RDF "first", items[i]);
		if (i + 1 < n)
			snprintf(next, sizeof(next), "_:%s%zu", tag, i + 2);
		else
			snprintf(next, sizeof(next), "%s", NS_RDF "nil");
		kll__rdf_add_iri(r, cell, NS_RDF "rest", next);
		memcpy(cell, next, sizeof(cell));
	}
}

void
kll__rdf_prefix(kll__rdf *r, const char *prefix, const char *iri)
{
	if (r->nprefix < MAX_PREFIX) {
		r->prefix[r->nprefix] = prefix;
		r->ns[r->nprefix++] = iri;
	}
}

int
kll__rdf_can_write(const char *syntax)
{
	raptor_world *w = kll__raptor_world_new(NULL, NULL);
	int ok;

	if (w == NULL)
		return 0;
	ok = raptor_world_is_serializer_name(w, syntax);
	raptor_free_world(w);
	return ok;
}

kll_status
kll__rdf_status(const kll__rdf *r, kll_error *err)
{
	if (r->st != KLL_OK && err != NULL)
		*err = r->err;
	return r->st;
}

/* ------------------------------------------------------------------ */
/* Turtle and N-Triples through serd                                    */

/* The triples are sorted (subjects, then predicates, then objects: IRIs
 * before literals before blank nodes, IRIs and texts by bytes) and
 * written by serd's writer, so the same graph always gives the same
 * bytes.  In Turtle an IRI subject comes first; a blank node that is
 * the object of exactly one triple is written in place, as [ ] or, for
 * an rdf:List, as ( ); any other blank node is a subject of its own,
 * _:id, at the end. */

#define XSD NS_XSD

typedef struct writer {
	kll__rdf *r;
	FILE *fp;
	SerdWriter *sw;
	SerdSyntax syntax;
	wtriple *t; /* a sorted copy of the triples, with ranks */
	size_t nt;
	uint32_t *byrank; /* rank -> id */
	uint32_t *rank;   /* id -> rank */
	size_t *bfirst;   /* rank of a blank node -> first triple */
	uint32_t *bcount; /* ... and how many it is the subject of */
	uint32_t *ocount; /* ... and how many it is the object of */
	uint8_t *done;    /* ... and whether it has been written */
	uint32_t rdf_first, rdf_rest, rdf_nil; /* ranks */
	int failed;
} writer;

static const char *
wstr(const writer *w, uint32_t rank)
{
	return w->r->str[w->byrank[rank]];
}

typedef struct sref {
	const char *s;
	uint32_t id;
} sref;

static int
cmp_sref(const void *a, const void *b)
{
	return strcmp(((const sref *)a)->s, ((const sref *)b)->s);
}

static int
cmp_triple(const void *a, const void *b)
{
	const wtriple *x = a, *y = b;
	int xl, yl, d;

	if (x->sblank != y->sblank)
		return x->sblank - y->sblank;
	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	if (x->p != y->p)
		return x->p < y->p ? -1 : 1;
	if (x->okind != y->okind)
		return x->okind - y->okind;
	if (x->okind != O_LIT)
		return x->o < y->o ? -1 : x->o > y->o;
	if ((d = strcmp(x->text, y->text)) != 0)
		return d;
	xl = x->x != 0 && !x->xdt;
	yl = y->x != 0 && !y->xdt;
	if (xl != yl)
		return xl - yl;
	if (!xl) {
		int xd = x->x != 0, yd = y->x != 0;
		if (xd != yd)
			return xd - yd;
	}
	return x->x < y->x ? -1 : x->x > y->x;
}

static size_t
on_bytes(const void *buf, size_t len, void *stream)
{
	writer *w = stream;

	if (fwrite(buf, 1, len, w->fp) != len)
		w->failed = 1;
	return len;
}

static SerdStatus
on_serd_error(void *handle, const SerdError *e)
{
	writer *w = handle;
	char msg[256];

	vsnprintf(msg, sizeof(msg), e->fmt, *e->args);
	msg[strcspn(msg, "\n")] = '\0';
	fail(w->r, KLL_EIO, msg);
	return SERD_SUCCESS;
}

/* A typed literal that serd writes bare in Turtle must be a number or a
 * boolean as Turtle spells them; serd does not check. */
static int
lexical_ok(const char *s, const char *dt)
{
	int digits = 0, dot = 0;

	if (strcmp(dt, XSD "boolean") == 0)
		return strcmp(s, "true") == 0 || strcmp(s, "false") == 0;
	if (strcmp(dt, XSD "integer") != 0 && strcmp(dt, XSD "decimal") != 0)
		return 1;
	if (*s == '+' || *s == '-')
		s++;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (*s == '.' && !dot)
			dot = 1;
		else
			return 0;
	}
	return digits > 0 && (dot ? s[-1] != '.' : 1);
}

/* Whether serd can write every literal of the graph as it is. */
static int
serd_can_write(const writer *w)
{
	size_t i;

	for (i = 0; i < w->nt; i++)
		if (w->t[i].okind == O_LIT && w->t[i].xdt &&
		    !lexical_ok(w->t[i].text, wstr(w, w->t[i].x)))
			return 0;
	return 1;
}

static SerdNode
term(const writer *w, uint32_t rank, int blank)
{
	const char *s = wstr(w, rank);

	if (blank)
		return serd_node_from_string(SERD_BLANK, (const uint8_t *)s + 2);
	return serd_node_from_string(SERD_URI, (const uint8_t *)s);
}

/* Whether blank node b is an rdf:List cell: rdf:first and rdf:rest only,
 * the rest nil or another such cell. */
static int
is_cell(const writer *w, uint32_t b)
{
	const wtriple *t;

	if (w->bcount[b] != 2)
		return 0;
	t = &w->t[w->bfirst[b]];
	if (t[0].p != w->rdf_first || t[1].p != w->rdf_rest)
		return 0;
	if (t[1].okind == O_IRI)
		return t[1].o == w->rdf_nil;
	return t[1].okind == O_BLANK && w->ocount[t[1].o] == 1 &&
	       is_cell(w, t[1].o);
}

/* Whether blank node b is written in place, where it is the object. */
static int
nested(const writer *w, uint32_t b)
{
	return w->syntax == SERD_TURTLE && w->ocount[b] == 1 &&
	       w->bcount[b] > 0 && !w->done[b];
}

static void write_props(writer *w, size_t first, size_t n, SerdNode *subj,
    SerdStatementFlags flags, int depth);

static void
put(writer *w, SerdStatementFlags flags, const SerdNode *s, const wtriple *t,
    const SerdNode *o)
{
	SerdNode p = term(w, t->p, 0), x = SERD_NODE_NULL, lit, lang;

	if (t->okind == O_LIT) {
		lit = serd_node_from_string(
		    SERD_LITERAL, (const uint8_t *)t->text);
		if (t->xdt)
			x = term(w, t->x, 0);
		lang = t->x != 0 && !t->xdt ?
		           serd_node_from_string(SERD_LITERAL,
		               (const uint8_t *)wstr(w, t->x)) :
		           SERD_NODE_NULL;
		o = &lit;
		if (serd_writer_write_statement(w->sw, flags, NULL, s, &p, o,
		        t->xdt ? &x : NULL, lang.buf ? &lang : NULL) != 0)
			w->failed = 1;
		return;
	}
	if (serd_writer_write_statement(w->sw, flags, NULL, s, &p, o, NULL,
	        NULL) != 0)
		w->failed = 1;
}

/* A list as ( ): each cell's rdf:first and rdf:rest, as serd's reader
 * hands them over. */
static void
write_list(writer *w, uint32_t b, int depth)
{
	const wtriple *c;
	SerdNode cell, o;

	for (;;) {
		c = &w->t[w->bfirst[b]];
		cell = term(w, b, 1);
		w->done[b] = 1;
		if (c[0].okind == O_BLANK && nested(w, c[0].o)) {
			o = term(w, c[0].o, 1);
			w->done[c[0].o] = 1;
			put(w, SERD_LIST_CONT | SERD_ANON_O_BEGIN, &cell, &c[0],
			    &o);
			write_props(w, w->bfirst[c[0].o], w->bcount[c[0].o],
			    &o, SERD_ANON_CONT, depth + 1);
			serd_writer_end_anon(w->sw, &o);
		} else {
			o = c[0].okind == O_LIT ? SERD_NODE_NULL :
			                          term(w, c[0].o,
			                              c[0].okind == O_BLANK);
			put(w, SERD_LIST_CONT, &cell, &c[0], &o);
		}
		o = term(w, c[1].o, c[1].okind == O_BLANK);
		put(w, SERD_LIST_CONT, &cell, &c[1], &o);
		if (c[1].okind != O_BLANK)
			break;
		b = c[1].o;
	}
}

static void
write_props(writer *w, size_t first, size_t n, SerdNode *subj,
    SerdStatementFlags flags, int depth)
{
	size_t k;
	SerdNode o;
	int list;

	/* Lists last: serd starts the subject anew after one. */
	for (k = 0; k < 2 * n && !w->failed; k++) {
		const wtriple *t = &w->t[first + k % n];
		list = t->okind == O_BLANK && nested(w, t->o) &&
		       is_cell(w, t->o) && depth <= 64;
		if (list != (k >= n))
			continue;
		if (t->okind == O_LIT) {
			put(w, flags, subj, t, NULL);
			continue;
		}
		o = term(w, t->o, t->okind == O_BLANK);
		/* Nesting stops deep down, where serd's stack would. */
		if (t->okind != O_BLANK || !nested(w, t->o) || depth > 64) {
			put(w, flags, subj, t, &o);
		} else if (is_cell(w, t->o)) {
			put(w, flags | SERD_LIST_O_BEGIN, subj, t, &o);
			write_list(w, t->o, depth + 1);
		} else {
			w->done[t->o] = 1;
			put(w, flags | SERD_ANON_O_BEGIN, subj, t, &o);
			write_props(w, w->bfirst[t->o], w->bcount[t->o], &o,
			    SERD_ANON_CONT, depth + 1);
			serd_writer_end_anon(w->sw, &o);
		}
	}
}

/* Rank, sort and count the kept triples.  -1 when out of memory. */
static int
prepare(writer *w)
{
	kll__rdf *r = w->r;
	sref *ref = NULL;
	size_t i, j, n = r->nstr;
	uint32_t id;

	if ((w->t = kll__malloc((r->nt ? r->nt : 1) * sizeof(*w->t))) ==
	        NULL ||
	    (ref = kll__malloc(n * sizeof(*ref))) == NULL ||
	    (w->byrank = kll__malloc(n * sizeof(*w->byrank))) == NULL ||
	    (w->rank = kll__malloc(n * sizeof(*w->rank))) == NULL ||
	    (w->bfirst = kll__calloc(n, sizeof(*w->bfirst))) == NULL ||
	    (w->bcount = kll__calloc(n, sizeof(*w->bcount))) == NULL ||
	    (w->ocount = kll__calloc(n, sizeof(*w->ocount))) == NULL ||
	    (w->done = kll__calloc(n, sizeof(*w->done))) == NULL) {
		free(ref);
		return -1;
	}
	kll__mem_large(w->t, r->nt * sizeof(*w->t));
	/* Strings by rank: in the copy, ids become ranks, so that comparing
	 * two strings is comparing two integers. */
	for (i = 0; i < n; i++) {
		ref[i].s = r->str[i];
		ref[i].id = (uint32_t)i;
	}
	qsort(ref, n, sizeof(*ref), cmp_sref);
	for (i = 0; i < n; i++) {
		w->byrank[i] = ref[i].id;
		w->rank[ref[i].id] = (uint32_t)i;
	}
	free(ref);
	for (i = 0; i < r->nt; i++) {
		wtriple *t = &w->t[i];
		*t = r->t[i];
		t->s = w->rank[t->s];
		t->p = w->rank[t->p];
		t->o = w->rank[t->o]; /* 0 for a literal */
		t->x = w->rank[t->x];
	}
	qsort(w->t, r->nt, sizeof(*w->t), cmp_triple);
	for (i = j = 0; i < r->nt; i++)
		if (j == 0 || cmp_triple(&w->t[j - 1], &w->t[i]) != 0)
			w->t[j++] = w->t[i];
	w->nt = j;
	for (i = w->nt; i-- > 0;) {
		const wtriple *t = &w->t[i];
		if (t->sblank) {
			w->bfirst[t->s] = i;
			w->bcount[t->s]++;
		}
		if (t->okind == O_BLANK)
			w->ocount[t->o]++;
	}
	w->rdf_first = w->rdf_rest = w->rdf_nil = UINT32_MAX;
	if (kll__map_get(&r->ids, NS_RDF "first", strlen(NS_RDF "first"), &id))
		w->rdf_first = w->rank[id];
	if (kll__map_get(&r->ids, NS_RDF "rest", strlen(NS_RDF "rest"), &id))
		w->rdf_rest = w->rank[id];
	if (kll__map_get(&r->ids, NS_RDF "nil", strlen(NS_RDF "nil"), &id))
		w->rdf_nil = w->rank[id];
	return 0;
}

/* serd names an IRI with the first prefix whose namespace starts it:
 * the longest namespaces go first, so that a namespace inside another
 * still names its IRIs. */
static void
order_prefixes(const kll__rdf *r, size_t *ord)
{
	size_t i, j;

	for (i = 0; i < r->nprefix; i++) {
		for (j = i; j > 0; j--) {
			size_t a = strlen(r->ns[ord[j - 1]]), b = strlen(r->ns[i]);
			if (a > b || (a == b && strcmp(r->prefix[ord[j - 1]],
			                            r->prefix[i]) <= 0))
				break;
			ord[j] = ord[j - 1];
		}
		ord[j] = i;
	}
}

static void
write_prefixes(writer *w, SerdEnv *env)
{
	kll__rdf *r = w->r;
	SerdNode name, iri;
	size_t ord[MAX_PREFIX], o, i, j;

	order_prefixes(r, ord);
	for (o = 0; o < r->nprefix; o++) {
		i = ord[o];
		/* The first of two declarations of a prefix or namespace. */
		for (j = 0; j < i; j++)
			if (strcmp(r->prefix[j], r->prefix[i]) == 0 ||
			    strcmp(r->ns[j], r->ns[i]) == 0)
				break;
		if (j < i || *r->prefix[i] == '\0')
			continue;
		name = serd_node_from_string(
		    SERD_LITERAL, (const uint8_t *)r->prefix[i]);
		iri = serd_node_from_string(
		    SERD_URI, (const uint8_t *)r->ns[i]);
		if (w->syntax == SERD_TURTLE)
			serd_writer_set_prefix(w->sw, &name, &iri);
		else
			serd_env_set_prefix(env, &name, &iri);
	}
}

static void
write_all(writer *w)
{
	size_t i, j;
	SerdNode s;

	int pass;

	/* A blank node written in place has no statements of its own; the
	 * second pass writes those that nothing written took in (a cycle of
	 * blank nodes, a nesting too deep). */
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < w->nt && !w->failed; i = j) {
			const wtriple *t = &w->t[i];
			for (j = i + 1; j < w->nt &&
			                w->t[j].sblank == t->sblank &&
			                w->t[j].s == t->s;
			     j++)
				;
			if (t->sblank && (w->done[t->s] ||
			                     (pass == 0 && nested(w, t->s))))
				continue;
			if (!t->sblank && pass > 0)
				continue;
			if (t->sblank)
				w->done[t->s] = 1;
			s = term(w, t->s, t->sblank);
			write_props(w, i, j - i, &s, 0, 0);
		}
	}
}

static void
writer_free(writer *w)
{
	free(w->t);
	free(w->byrank);
	free(w->rank);
	free(w->bfirst);
	free(w->bcount);
	free(w->ocount);
	free(w->done);
}

/* 1: written; 0: a graph for librdf; -1: out of memory. */
static int
write_serd(kll__rdf *r, FILE *fp, SerdSyntax syntax)
{
	writer w;
	SerdEnv *env = NULL;
	int ret = -1;

	memset(&w, 0, sizeof(w));
	w.r = r;
	w.fp = fp;
	w.syntax = syntax;
	if (prepare(&w) < 0)
		goto out;
	ret = 0;
	if (syntax == SERD_TURTLE && !serd_can_write(&w))
		goto out;
	ret = -1;
	if ((env = serd_env_new(NULL)) == NULL ||
	    (w.sw = serd_writer_new(syntax,
	         syntax == SERD_TURTLE ?
	             (SerdStyle)(SERD_STYLE_ABBREVIATED | SERD_STYLE_CURIED |
	                 SERD_STYLE_BULK) :
	             (SerdStyle)(SERD_STYLE_ASCII | SERD_STYLE_BULK),
	         env, NULL, on_bytes, &w)) == NULL)
		goto out;
	serd_writer_set_error_sink(w.sw, on_serd_error, &w);
	write_prefixes(&w, env);
	write_all(&w);
	serd_writer_finish(w.sw);
	if (w.failed)
		fail(r, KLL_EIO, "write error");
	ret = 1;
out:
	if (w.sw != NULL)
		serd_writer_free(w.sw);
	if (env != NULL)
		serd_env_free(env);
	writer_free(&w);
	return ret;
}

/* The statements of the librdf model, kept as kll__rdf_add_* keeps
 * them, for serd to write. */
static kll_status
harvest(kll__rdf *r)
{
	librdf_stream *st;
	librdf_statement *s;
	librdf_node *n[3];
	const char *t[3];
	char *blank[2] = { NULL, NULL };
	librdf_uri *dt;
	int i;

	if ((st = librdf_model_as_stream(r->model)) == NULL) {
		fail(r, KLL_ENOMEM, "out of memory");
		return r->st;
	}
	for (; !librdf_stream_end(st) && r->st == KLL_OK;
	     librdf_stream_next(st)) {
		s = librdf_stream_get_object(st);
		n[0] = librdf_statement_get_subject(s);
		n[1] = librdf_statement_get_predicate(s);
		n[2] = librdf_statement_get_object(s);
		for (i = 0; i < 3; i++) {
			if (librdf_node_is_blank(n[i])) {
				const char *id = (const char *)
				    librdf_node_get_blank_identifier(n[i]);
				size_t len = strlen(id) + 3;
				free(blank[i == 2]);
				if ((blank[i == 2] = kll__malloc(len)) == NULL) {
					fail(r, KLL_ENOMEM, "out of memory");
					break;
				}
				snprintf(blank[i == 2], len, "_:%s", id);
				t[i] = blank[i == 2];
			} else if (librdf_node_is_resource(n[i])) {
				t[i] = (const char *)librdf_uri_as_string(
				    librdf_node_get_uri(n[i]));
			} else {
				t[i] = (const char *)librdf_node_get_literal_value(
				    n[i]);
			}
		}
		if (r->st != KLL_OK)
			break;
		if (!librdf_node_is_literal(n[2]))
			keep(r, t[0], t[1], O_IRI, t[2], NULL, 0);
		else if ((dt = librdf_node_get_literal_value_datatype_uri(
		              n[2])) != NULL)
			keep(r, t[0], t[1], O_LIT, t[2],
			    (const char *)librdf_uri_as_string(dt), 1);
		else
			keep(r, t[0], t[1], O_LIT, t[2],
			    librdf_node_get_literal_value_language(n[2]), 0);
	}
	free(blank[0]);
	free(blank[1]);
	librdf_free_stream(st);
	return r->st;
}

static kll_status
librdf_write(kll__rdf *r, FILE *fp, const char *syntax)
{
	librdf_serializer *ser = NULL;
	librdf_uri *u;
	size_t i;

	if ((ser = librdf_new_serializer(r->world, syntax, NULL, NULL)) ==
	    NULL) {
		fail(r, KLL_EARG, "unknown RDF syntax for output");
		goto out;
	}
	for (i = 0; i < r->nprefix; i++) {
		if ((u = librdf_new_uri(
		         r->world, (const unsigned char *)r->ns[i])) == NULL) {
			fail(r, KLL_ENOMEM, "out of memory");
			goto out;
		}
		librdf_serializer_set_namespace(ser, u, r->prefix[i]);
		librdf_free_uri(u);
	}
	if (librdf_serializer_serialize_model_to_file_handle(
	        ser, fp, NULL, r->model) != 0)
		fail(r, KLL_EIO, "cannot serialize the graph");
out:
	if (ser != NULL)
		librdf_free_serializer(ser);
	return r->st;
}

kll_status
kll__rdf_write(
    kll__rdf *r, FILE *fp, const char *syntax, const char *name, kll_error *err)
{
	int turtle = strcmp(syntax, "turtle") == 0, ok = 0;

	if (r->st != KLL_OK)
		goto out;
	if (turtle || strcmp(syntax, "ntriples") == 0) {
		/* A librdf store's statements go to serd as well. */
		if (!r->keep && (keep_init(r) < 0 || harvest(r) != KLL_OK))
			goto out;
		ok = write_serd(r, fp, turtle ? SERD_TURTLE : SERD_NTRIPLES);
		if (ok < 0) {
			fail(r, KLL_ENOMEM, "out of memory");
			goto out;
		}
	}
	if (ok == 0) {
		if (r->keep && replay(r) != KLL_OK)
			goto out;
		if (librdf_write(r, fp, syntax) != KLL_OK)
			goto out;
	}
	if (r->st == KLL_OK && (fflush(fp) != 0 || ferror(fp)))
		fail(r, KLL_EIO, "write error");
out:
	if (r->st != KLL_OK && name != NULL)
		snprintf(r->err.file, sizeof(r->err.file), "%s",
		    kll__display_name(name));
	return kll__rdf_status(r, err);
}
