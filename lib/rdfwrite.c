/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* rdfwrite.c: output graphs in a Redland (librdf) model, serialized by
 * raptor. */
#include <stdlib.h>
#include <string.h>

#include <librdf.h>

#include "rdfwrite.h"

#define MAX_PREFIX 32

struct kll__rdf {
	librdf_world *world;
	librdf_storage *storage;
	librdf_model *model;
	kll_error err;
	kll_status st;
	const char *prefix[MAX_PREFIX];
	const char *ns[MAX_PREFIX];
	size_t nprefix;
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
	return 1;	/* handled: librdf must not print */
}

static void
fail(kll__rdf *r, kll_status st, const char *what)
{
	if (r->st == KLL_OK)
		r->st = kll__error_set(&r->err, st, NULL, 0, 0, "%s", what);
}

kll_status
kll__rdf_new(kll__rdf **out, const char *storage, const char *name,
    const char *options, kll_error *err)
{
	kll__rdf *r;
	kll_status st;

	*out = NULL;
	if ((r = calloc(1, sizeof(*r))) == NULL)
		return kll__error_set(err, KLL_ENOMEM, NULL, 0, 0,
		    "out of memory");
	if ((r->world = librdf_new_world()) == NULL) {
		free(r);
		return kll__error_set(err, KLL_ENOMEM, NULL, 0, 0,
		    "cannot start librdf");
	}
	librdf_world_set_logger(r->world, r, on_log);
	librdf_world_open(r->world);
	/* librdf's "memory" store has no index, so adding a statement costs
	 * a scan of all the others; its "hashes" store kept in memory is the
	 * indexed in-memory default. */
	if (storage == NULL) {
		storage = "hashes";
		options = "hash-type='memory'";
	}
	r->storage = librdf_new_storage(r->world, storage, name ? name : "kll",
	    options);
	if (r->storage == NULL) {
		st = kll__error_set(err, KLL_EARG, NULL, 0, 0,
		    "cannot open librdf storage '%s'%s%s", storage,
		    r->st != KLL_OK ? ": " : "", r->st != KLL_OK ? r->err.msg
							      : "");
		kll__rdf_free(r);
		return st;
	}
	if ((r->model = librdf_new_model(r->world, r->storage, NULL)) == NULL) {
		kll__rdf_free(r);
		return kll__error_set(err, KLL_ENOMEM, NULL, 0, 0,
		    "cannot create a librdf model");
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
	free(r);
}

static librdf_node *
resource(kll__rdf *r, const char *s)
{
	if (s[0] == '_' && s[1] == ':')
		return librdf_new_node_from_blank_identifier(r->world,
		    (const unsigned char *)s + 2);
	return librdf_new_node_from_uri_string(r->world,
	    (const unsigned char *)s);
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

void
kll__rdf_add_iri(kll__rdf *r, const char *s, const char *p, const char *o)
{
	if (r->st != KLL_OK)
		return;
	add(r, s, p, resource(r, o));
}

void
kll__rdf_add_lit(kll__rdf *r, const char *s, const char *p, const char *text,
    const char *lang)
{
	if (r->st != KLL_OK || text == NULL || *text == '\0')
		return;
	add(r, s, p, librdf_new_node_from_literal(r->world,
			 (const unsigned char *)text,
			 lang && *lang ? lang : NULL, 0));
}

void
kll__rdf_add_typed(kll__rdf *r, const char *s, const char *p,
    const char *text, const char *datatype)
{
	librdf_uri *dt;

	if (r->st != KLL_OK || text == NULL || *text == '\0')
		return;
	if ((dt = librdf_new_uri(r->world,
		 (const unsigned char *)datatype)) == NULL) {
		fail(r, KLL_ENOMEM, "out of memory");
		return;
	}
	add(r, s, p, librdf_new_node_from_typed_literal(r->world,
			 (const unsigned char *)text, NULL, dt));
	librdf_free_uri(dt);
}

void
kll__rdf_add_list(kll__rdf *r, const char *s, const char *p,
    const char **items, size_t n, const char *tag)
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
	raptor_world *w = raptor_new_world();
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

kll_status
kll__rdf_write(kll__rdf *r, FILE *fp, const char *syntax, const char *name,
    kll_error *err)
{
	librdf_serializer *ser = NULL;
	librdf_uri *u;
	size_t i;

	if (r->st != KLL_OK)
		goto out;
	if ((ser = librdf_new_serializer(r->world, syntax, NULL, NULL)) ==
	    NULL) {
		fail(r, KLL_EARG, "unknown RDF syntax for output");
		goto out;
	}
	for (i = 0; i < r->nprefix; i++) {
		if ((u = librdf_new_uri(r->world,
			 (const unsigned char *)r->ns[i])) == NULL) {
			fail(r, KLL_ENOMEM, "out of memory");
			goto out;
		}
		librdf_serializer_set_namespace(ser, u, r->prefix[i]);
		librdf_free_uri(u);
	}
	if (librdf_serializer_serialize_model_to_file_handle(ser, fp, NULL,
		r->model) != 0)
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
