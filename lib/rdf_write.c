/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* rdfwrite.c: output graphs, serialized by raptor through a Redland
 * (librdf) model.  With no librdf storage asked for, the triples are kept
 * in a compact list instead, and Turtle is written straight from it in
 * the very bytes raptor's Turtle serializer gives; any other syntax, or a
 * graph whose shape that writer does not cover, goes through librdf. */
#include <stdlib.h>
#include <string.h>

#include <librdf.h>

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
		/* Id 0 is the empty string. */
		r->keep = 1;
		if ((r->str = kll__malloc(64 * sizeof(*r->str))) == NULL) {
			kll__rdf_free(r);
			return kll__nomem(err);
		}
		r->capstr = 64;
		r->str[r->nstr++] = "";
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
/* Turtle straight from the kept triples                                */

/* This follows raptor 2's Turtle serializer as librdf drives it: the
 * prefixes (rdf: first, then the declared ones, skipping a prefix or a
 * namespace seen before) and an empty line; the subjects sorted, each
 * with its predicate-object pairs sorted (IRIs before literals before
 * blank nodes; IRIs and texts by bytes; a literal without language
 * before one with, without datatype before one with), "a" for
 * rdf:type, objects of one predicate joined by ", "; an IRI as
 * prefix:local when the local part is a name ([A-Za-z_][A-Za-z0-9_-]*),
 * else <IRI>; literals in "..." or, with a newline, """...""", with only
 * \ and " escaped; xsd:integer, decimal, double and boolean bare; a
 * blank node used once as an object nested in [ ] or, for an rdf:List,
 * ( ).  Graphs outside that (other blank nodes, IRIs that raptor would
 * escape, ambiguous prefixes...) go through librdf instead. */

#define XSD    "http://www.w3.org/2001/XMLSchema#"
#define NS_XML "http://www.w3.org/XML/1998/namespace"

typedef struct wns {
	const char *prefix, *iri;
	size_t len;
} wns;

typedef struct writer {
	kll__rdf *r;
	FILE *fp;
	kll__buf out;
	int indent;
	wtriple *t; /* a sorted copy of the triples, with ranks */
	size_t nt;
	uint32_t *byrank; /* rank -> id */
	uint32_t *rank;   /* id -> rank */
	int16_t *qn;      /* rank -> namespace of its qname, -1 none,
	                   * -2 not for this writer, -3 not known yet */
	size_t *bfirst;   /* rank of a blank node -> first triple */
	uint32_t *bcount; /* ... and how many it is the subject of */
	uint32_t *ocount; /* ... and how many it is the object of */
	wns ns[MAX_PREFIX + 2];
	size_t nns;
	uint32_t rdf_type, rdf_first, rdf_rest, rdf_nil; /* ranks */
	uint32_t xsd_int, xsd_dbl, xsd_dec, xsd_bool;
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

/* An IRI raptor writes as it is: printable ASCII that needs no escape. */
static int
plain_iri(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c <= 0x20 || c >= 0x7f || c == '<' || c == '>' ||
		    c == '"' || c == '{' || c == '}' || c == '|' || c == '^' ||
		    c == '`' || c == '\\')
			return 0;
	}
	return 1;
}

static int
name_ok(const char *s)
{
	if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
	        *s == '_'))
		return 0;
	for (s++; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		        (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
			return 0;
	return 1;
}

/* The namespace whose prefix names IRI rank i, -1 if none, -2 if more
 * than one could (raptor's choice then depends on its hash table). */
static int
qname_of(writer *w, uint32_t i)
{
	const char *s = wstr(w, i);
	size_t n = strlen(s), k;
	int hit = -1;

	for (k = 0; k < w->nns; k++) {
		if (w->ns[k].len >= n ||
		    strncmp(s, w->ns[k].iri, w->ns[k].len) != 0 ||
		    !name_ok(s + w->ns[k].len))
			continue;
		if (hit >= 0)
			return -2;
		hit = (int)k;
	}
	return hit;
}

static int
utf8_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		unsigned c = *p;
		int n = c < 0x80           ? 0 :
		        (c & 0xe0) == 0xc0 ? 1 :
		        (c & 0xf0) == 0xe0 ? 2 :
		        (c & 0xf8) == 0xf0 ? 3 :
		                             -1;
		if (n < 0 || (n == 1 && c < 0xc2) || (n == 3 && c > 0xf4))
			return 0;
		for (p++; n > 0; n--, p++)
			if ((*p & 0xc0) != 0x80)
				return 0;
	}
	return 1;
}

/* How raptor writes a literal of a datatype it knows: 1 bare, 0 quoted,
 * -1 an error (raptor complains, so librdf must say it). */
static int
bare_literal(const writer *w, const wtriple *t)
{
	const char *s = t->text;
	char *end;

	if (!t->xdt)
		return 0;
	if (t->x == w->xsd_int) {
		(void)strtol(s, &end, 10);
		return end != s && *end == '\0' ? 1 : -1;
	}
	if (t->x == w->xsd_dbl || t->x == w->xsd_dec) {
		(void)strtod(s, &end);
		return end != s && *end == '\0' ? 1 : -1;
	}
	if (t->x == w->xsd_bool)
		return strcmp(s, "0") == 0 || strcmp(s, "1") == 0 ||
		               strcmp(s, "true") == 0 ||
		               strcmp(s, "false") == 0 ?
		           1 :
		           -1;
	return 0;
}

/* The triples of blank node b as subject: [*first, *first + *n). */
static int
is_cell(const writer *w, uint32_t b)
{
	const wtriple *t;

	if (w->bcount[b] < 2)
		return 0;
	t = &w->t[w->bfirst[b]];
	return t[0].p == w->rdf_first && t[1].p == w->rdf_rest;
}

/* Whether IRI rank i is one to write here; sets its qname. */
static int
iri_ok(writer *w, uint32_t i)
{
	if (w->qn[i] == -3) {
		if (!plain_iri(wstr(w, i)))
			w->qn[i] = -2;
		else
			w->qn[i] = (int16_t)qname_of(w, i);
	}
	return w->qn[i] != -2;
}

/* Whether the graph is one this writer puts out as raptor would. */
static int
can_write(writer *w)
{
	size_t i;

	for (i = 0; i < w->nt; i++) {
		const wtriple *t = &w->t[i];
		if (!iri_ok(w, t->p) || strncmp(wstr(w, t->p), NS_RDF "_",
		                            sizeof(NS_RDF "_") - 1) == 0)
			return 0;
		if (!t->sblank && !iri_ok(w, t->s))
			return 0;
		if (t->okind == O_IRI && !iri_ok(w, t->o))
			return 0;
		if (t->okind == O_LIT) {
			if (!utf8_ok(t->text) || !utf8_ok(wstr(w, t->x)) ||
			    bare_literal(w, t) < 0)
				return 0;
			if (t->xdt && !iri_ok(w, t->x))
				return 0;
		}
		if (t->okind == O_BLANK && w->bcount[t->o] == 0)
			return 0;
		if (t->sblank) {
			/* Only blank nodes used once as an object, and lists
			 * of exactly rdf:first and rdf:rest cells. */
			const wtriple *c = &w->t[w->bfirst[t->s]];
			if (w->ocount[t->s] != 1)
				return 0;
			if (is_cell(w, t->s) &&
			    (w->bcount[t->s] != 2 ||
			        (c[1].okind == O_BLANK ?
			                !is_cell(w, c[1].o) :
			                c[1].okind != O_IRI ||
			                    c[1].o != w->rdf_nil)))
				return 0;
		}
	}
	return 1;
}

static void
wflush(writer *w)
{
	if (w->out.n > 0)
		fwrite(w->out.p, 1, w->out.n, w->fp);
	w->out.n = 0;
}

static void
wput(writer *w, const char *s, size_t n)
{
	if (w->out.cap - w->out.n <= n) {
		wflush(w);
		if (w->out.cap <= n) {
			fwrite(s, 1, n, w->fp);
			return;
		}
	}
	memcpy(w->out.p + w->out.n, s, n);
	w->out.n += n;
}

static void
wputs(writer *w, const char *s)
{
	wput(w, s, strlen(s));
}

static void
newline(writer *w)
{
	static const char sp[] = "\n                                ";
	int n = w->indent;

	wput(w, sp, 1);
	for (; n > 0; n -= (int)sizeof(sp) - 2)
		wput(w, sp + 1,
		    (size_t)(n < (int)sizeof(sp) - 2 ? n :
		                                       (int)sizeof(sp) - 2));
}

static void
write_iri(writer *w, uint32_t i)
{
	int k = w->qn[i];
	const char *s = wstr(w, i);

	if (k >= 0) {
		wputs(w, w->ns[k].prefix);
		wput(w, ":", 1);
		wputs(w, s + w->ns[k].len);
	} else {
		wput(w, "<", 1);
		wputs(w, s);
		wput(w, ">", 1);
	}
}

static void
write_literal(writer *w, const wtriple *t)
{
	const char *s = t->text, *q = "\"", *run;

	if (bare_literal(w, t) > 0) {
		if (t->x == w->xsd_bool)
			wputs(w, *s == '1' || *s == 't' ? "true" : "false");
		else
			wputs(w, s);
		return;
	}
	/* A line end may stand in a long string only (raptor writes a lone
	 * CR in a short one, which no Turtle reader takes). */
	if (strpbrk(s, "\n\r") != NULL)
		q = "\"\"\"";
	wputs(w, q);
	for (run = s; *s; s++) {
		if (*s != '"' && *s != '\\')
			continue;
		wput(w, run, (size_t)(s - run));
		wput(w, "\\", 1);
		run = s;
	}
	wput(w, run, (size_t)(s - run));
	wputs(w, q);
	if (t->xdt) {
		wput(w, "^^", 2);
		write_iri(w, t->x);
	} else if (t->x != 0) {
		wput(w, "@", 1);
		wputs(w, wstr(w, t->x));
	}
}

static void write_props(writer *w, size_t first, size_t n);

static void
write_object(writer *w, const wtriple *t)
{
	const wtriple *c;
	uint32_t b;
	int i;

	if (t->okind == O_IRI) {
		write_iri(w, t->o);
		return;
	}
	if (t->okind == O_LIT) {
		write_literal(w, t);
		return;
	}
	b = t->o;
	if (!is_cell(w, b)) {
		wput(w, "[", 1);
		w->indent += 4;
		newline(w);
		write_props(w, w->bfirst[b], w->bcount[b]);
		w->indent -= 4;
		newline(w);
		wput(w, "]", 1);
		return;
	}
	wput(w, "(", 1);
	w->indent += 4;
	for (i = 0;; i++) {
		c = &w->t[w->bfirst[b]];
		if (i > 0)
			newline(w);
		write_object(w, &c[0]);
		if (c[1].okind != O_BLANK)
			break;
		b = c[1].o;
	}
	w->indent -= 4;
	newline(w);
	wput(w, ")", 1);
}

static void
write_props(writer *w, size_t first, size_t n)
{
	size_t i;

	for (i = first; i < first + n; i++) {
		const wtriple *t = &w->t[i];
		if (i > first && t->p == t[-1].p) {
			wput(w, ", ", 2);
		} else {
			if (i > first) {
				wput(w, " ;", 2);
				newline(w);
			}
			if (t->p == w->rdf_type)
				wput(w, "a", 1);
			else
				write_iri(w, t->p);
			wput(w, " ", 1);
		}
		write_object(w, t);
	}
}

static uint32_t
rank_of(const writer *w, const char *s)
{
	uint32_t id;

	return kll__map_get(&w->r->ids, s, strlen(s), &id) ? w->rank[id] :
	                                                     UINT32_MAX;
}

/* 1: written; 0: not a graph for this writer; -1: out of memory. */
static int
write_turtle(kll__rdf *r, FILE *fp)
{
	writer w;
	sref *ref = NULL;
	size_t i, j, n;
	int ret = -1;

	memset(&w, 0, sizeof(w));
	w.r = r;
	w.fp = fp;
	n = r->nstr;
	if ((w.t = kll__malloc((r->nt ? r->nt : 1) * sizeof(*w.t))) == NULL ||
	    (ref = kll__malloc(n * sizeof(*ref))) == NULL ||
	    (w.byrank = kll__malloc(n * sizeof(*w.byrank))) == NULL ||
	    (w.rank = kll__malloc(n * sizeof(*w.rank))) == NULL ||
	    (w.qn = kll__malloc(n * sizeof(*w.qn))) == NULL ||
	    (w.bfirst = kll__calloc(n, sizeof(*w.bfirst))) == NULL ||
	    (w.bcount = kll__calloc(n, sizeof(*w.bcount))) == NULL ||
	    (w.ocount = kll__calloc(n, sizeof(*w.ocount))) == NULL ||
	    kll__buf_grow(&w.out, 1 << 16) < 0)
		goto out;
	/* Strings by rank: in the copy, ids become ranks, so that comparing
	 * two strings is comparing two integers. */
	for (i = 0; i < n; i++) {
		ref[i].s = r->str[i];
		ref[i].id = (uint32_t)i;
	}
	qsort(ref, n, sizeof(*ref), cmp_sref);
	for (i = 0; i < n; i++) {
		w.byrank[i] = ref[i].id;
		w.rank[ref[i].id] = (uint32_t)i;
		w.qn[i] = -3;
	}
	for (i = 0; i < r->nt; i++) {
		wtriple *t = &w.t[i];
		*t = r->t[i];
		t->s = w.rank[t->s];
		t->p = w.rank[t->p];
		t->o = w.rank[t->o]; /* 0 for a literal */
		t->x = w.rank[t->x];
	}
	qsort(w.t, r->nt, sizeof(*w.t), cmp_triple);
	for (i = j = 0; i < r->nt; i++)
		if (j == 0 || cmp_triple(&w.t[j - 1], &w.t[i]) != 0)
			w.t[j++] = w.t[i];
	w.nt = j;
	for (i = w.nt; i-- > 0;) {
		const wtriple *t = &w.t[i];
		if (t->sblank) {
			w.bfirst[t->s] = i;
			w.bcount[t->s]++;
		}
		if (t->okind == O_BLANK)
			w.ocount[t->o]++;
	}
	w.rdf_type = rank_of(&w, NS_RDF "type");
	w.rdf_first = rank_of(&w, NS_RDF "first");
	w.rdf_rest = rank_of(&w, NS_RDF "rest");
	w.rdf_nil = rank_of(&w, NS_RDF "nil");
	w.xsd_int = rank_of(&w, XSD "integer");
	w.xsd_dbl = rank_of(&w, XSD "double");
	w.xsd_dec = rank_of(&w, XSD "decimal");
	w.xsd_bool = rank_of(&w, XSD "boolean");
	/* The prefixes as raptor declares them. */
	ret = 0;
	w.ns[w.nns++] = (wns){ "rdf", NS_RDF, strlen(NS_RDF) };
	for (i = 0; i < r->nprefix; i++) {
		if (*r->prefix[i] == '\0' || !plain_iri(r->ns[i]))
			goto out;
		for (j = 0; j < w.nns; j++)
			if (strcmp(w.ns[j].prefix, r->prefix[i]) == 0 ||
			    strcmp(w.ns[j].iri, r->ns[i]) == 0)
				break;
		if (j == w.nns)
			w.ns[w.nns++] =
			    (wns){ r->prefix[i], r->ns[i], strlen(r->ns[i]) };
	}
	n = w.nns;
	/* raptor also knows xml: without declaring it. */
	w.ns[w.nns++] = (wns){ "xml", NS_XML, strlen(NS_XML) };
	if (!can_write(&w))
		goto out;
	for (i = 0; i < n; i++) {
		wputs(&w, "@prefix ");
		wputs(&w, w.ns[i].prefix);
		wputs(&w, ": <");
		wputs(&w, w.ns[i].iri);
		wputs(&w, "> .\n");
	}
	wput(&w, "\n", 1);
	for (i = 0; i < w.nt && !w.t[i].sblank; i = j) {
		for (j = i + 1;
		     j < w.nt && !w.t[j].sblank && w.t[j].s == w.t[i].s; j++)
			;
		write_iri(&w, w.t[i].s);
		w.indent = 4;
		newline(&w);
		write_props(&w, i, j - i);
		w.indent = 0;
		wput(&w, " .\n\n", 4);
	}
	wflush(&w);
	ret = 1;
out:
	free(ref);
	free(w.t);
	free(w.byrank);
	free(w.rank);
	free(w.qn);
	free(w.bfirst);
	free(w.bcount);
	free(w.ocount);
	kll__buf_free(&w.out);
	return ret;
}

kll_status
kll__rdf_write(
    kll__rdf *r, FILE *fp, const char *syntax, const char *name, kll_error *err)
{
	librdf_serializer *ser = NULL;
	librdf_uri *u;
	size_t i;

	if (r->st != KLL_OK)
		goto out;
	if (r->keep && strcmp(syntax, "turtle") == 0) {
		int ok = write_turtle(r, fp);
		if (ok < 0) {
			fail(r, KLL_ENOMEM, "out of memory");
			goto out;
		}
		if (ok > 0) {
			if (fflush(fp) != 0 || ferror(fp))
				fail(r, KLL_EIO, "write error");
			goto out;
		}
	}
	if (r->keep && replay(r) != KLL_OK)
		goto out;
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
	if (r->st == KLL_OK && (fflush(fp) != 0 || ferror(fp)))
		fail(r, KLL_EIO, "write error");
out:
	if (ser != NULL)
		librdf_free_serializer(ser);
	if (r->st != KLL_OK && name != NULL)
		snprintf(r->err.file, sizeof(r->err.file), "%s",
		    kll__display_name(name));
	return kll__rdf_status(r, err);
}
