/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* store_find.c: vocabularies and keys read from the store in use before
 * the files: the store named by kll_store_use() or $KLL_STORE, the graph
 * found in its catalog by name, IRI or set id, and the graph's source
 * (the file as it was loaded) read by kll's own readers from a scratch
 * copy, so that what comes out is what the file gives.  Messages then
 * name STORE#GRAPH-IRI. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <librdf.h>

#include "sssom_impl.h"
#include "store_impl.h"

static kll_store *used;     /* kll_store_use() */
static int use_set;         /* kll_store_use() was called */
static kll_store *from_env; /* $KLL_STORE, opened once */
static int env_tried;
static kll_status env_st;
static kll_error env_err;

void
kll_store_use(kll_store *s)
{
	used = s;
	use_set = 1;
}

static void
close_env(void)
{
	kll_store_free(from_env);
	from_env = NULL;
}

kll_status
kll_store_current(kll_store **out, kll_error *err)
{
	const char *e;

	*out = NULL;
	if (use_set) {
		*out = used;
		return KLL_OK;
	}
	if (!env_tried) {
		env_tried = 1;
		env_st = KLL_OK;
		if ((e = getenv("KLL_STORE")) != NULL && *e != '\0') {
			env_st = kll_store_open(&from_env, NULL, &env_err);
			if (env_st == KLL_OK)
				atexit(close_env);
		}
	}
	if (env_st != KLL_OK) {
		if (err != NULL)
			*err = env_err;
		return env_st;
	}
	*out = from_env;
	return KLL_OK;
}

int
kll__is_path(const char *name)
{
	struct stat sb;

	return strcmp(name, "-") == 0 || stat(name, &sb) == 0 ||
	       (strchr(name, '/') != NULL && strstr(name, "://") == NULL);
}

/* What the catalog says of the graph found. */
typedef struct found {
	char *display; /* STORE#GRAPH-IRI */
	char *base;    /* the base name of its source file */
	kll__buf text; /* the source */
} found;

static void
found_free(found *f)
{
	free(f->display);
	free(f->base);
	kll__buf_free(&f->text);
}

/* The source of the graph in context "ctx" from the sources graph (in
 * the caller's read transaction). */
static kll_status
rdf_source(kll_store *s, const char *ctx, kll__buf *b, kll_error *err)
{
	librdf_node *src, *subj, *pred;
	librdf_statement *pat;
	librdf_stream *st;
	const unsigned char *v;
	size_t len;
	kll_status r = KLL_ENOTFOUND;

	if ((src = kll__store_iri(s, KLL__SOURCES, NULL)) == NULL)
		return kll__nomem(err);
	subj = kll__store_iri(s, ctx, NULL);
	pred = kll__store_iri(s, KLL_STORE_NS "text", NULL);
	/* The statement owns the nodes, and frees them if it fails. */
	if (subj == NULL || pred == NULL ||
	    (pat = librdf_new_statement_from_nodes(
	         s->world, subj, pred, NULL)) == NULL) {
		if (subj == NULL && pred != NULL)
			librdf_free_node(pred);
		if (pred == NULL && subj != NULL)
			librdf_free_node(subj);
		librdf_free_node(src);
		return kll__nomem(err);
	}
	kll__store_clearlog(s);
	st = librdf_model_find_statements_in_context(s->model, pat, src);
	if (st != NULL && !librdf_stream_end(st)) {
		librdf_node *o = librdf_statement_get_object(
		    librdf_stream_get_object(st));
		v = librdf_node_is_literal(o) ?
		        librdf_node_get_literal_value_as_counted_string(o, &len) :
		        NULL;
		b->n = 0;
		if (v != NULL) {
			if (kll__buf_add(b, v, len) < 0 ||
			    kll__buf_grow(b, 1) < 0)
				r = kll__nomem(err);
			else {
				b->p[b->n] = '\0';
				r = KLL_OK;
			}
		}
	}
	if (st != NULL)
		librdf_free_stream(st);
	librdf_free_statement(pat);
	librdf_free_node(src);
	if (r == KLL_ENOTFOUND && s->logged)
		r = kll__store_fail(s, err, KLL_EIO, "cannot read the store");
	return r;
}

static char *
base_of(const char *path)
{
	const char *b = strrchr(path, '/');

	return kll__strdup(b != NULL ? b + 1 : path);
}

/* The graph of kind "kind" that "name" names, and its source. */
static kll_status
find(kll_store *s, const char *kind, const char *name, found *f,
    kll_error *err)
{
	const kll_store_graph *g = NULL;
	char *ctx = NULL, *digest = NULL;
	kll_status st;
	size_t i, n;
	int tries;

	memset(f, 0, sizeof(*f));
	/* A SQLite store's sources are read on a connection of their
	 * own: a writer may replace the graph in between, and the digest
	 * then differs; the catalog is read again. */
	for (tries = 0; tries < 5; tries++) {
		if ((st = kll__store_read_begin(s, err)) != KLL_OK)
			return st;
		if ((st = kll__store_catalog(s, err)) != KLL_OK) {
			kll__store_rollback(s);
			return st;
		}
		g = NULL;
		for (i = 0, n = s->ngraphs; i < n && g == NULL; i++)
			if (strcmp(s->graphs[i].kind, kind) == 0 &&
			    strcmp(s->graphs[i].name, name) == 0)
				g = &s->graphs[i];
		for (i = 0; i < n && g == NULL; i++)
			if (strcmp(s->graphs[i].kind, kind) == 0 &&
			    strcmp(s->graphs[i].about, name) == 0)
				g = &s->graphs[i];
		if (g == NULL) {
			kll__store_rollback(s);
			return KLL_ENOTFOUND;
		}
		free(f->display);
		free(f->base);
		free(ctx);
		free(digest);
		n = strlen(s->name) + strlen(KLL__GRAPH_IRI) +
		    strlen(g->name) + 2;
		if ((f->display = kll__malloc(n)) != NULL)
			snprintf(f->display, n, "%s#%s%s", s->name,
			    KLL__GRAPH_IRI, g->name);
		f->base = base_of(*g->source != '\0' ? g->source : g->name);
		ctx = kll__strdup(g->context);
		digest = kll__strdup(g->digest);
		if (f->display == NULL || f->base == NULL || ctx == NULL ||
		    digest == NULL) {
			kll__store_rollback(s);
			st = kll__nomem(err);
			break;
		}
		if (s->path == NULL) {
			st = rdf_source(s, ctx, &f->text, err);
			kll__store_rollback(s);
		} else {
			kll__store_rollback(s);
			st = kll__sqlite_source(s, ctx, digest, &f->text, err);
		}
		if (st != KLL_ENOTFOUND || s->path == NULL)
			break;
	}
	if (st == KLL_ENOTFOUND)
		st = kll__error_set(err, KLL_EINVALID, f->display, 0, 0,
		    "the store keeps no source of this graph: load its file "
		    "again");
	free(ctx);
	free(digest);
	if (st != KLL_OK)
		found_free(f);
	return st;
}

/* A scratch folder with f's source in it as a file of f's base name. */
static kll_status
scratch(const found *f, char **dir, char **path, kll_error *err)
{
	const char *tmp = getenv("TMPDIR");
	size_t n;
	FILE *fp;
	int ok;

	*path = NULL;
	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	n = strlen(tmp) + 32;
	if ((*dir = kll__malloc(n)) == NULL)
		return kll__nomem(err);
	snprintf(*dir, n, "%s/kll-store.XXXXXX", tmp);
	if (mkdtemp(*dir) == NULL) {
		kll__error_set(err, KLL_EIO, *dir, 0, 0,
		    "cannot make a scratch folder: %s", strerror(errno));
		free(*dir);
		*dir = NULL;
		return KLL_EIO;
	}
	n = strlen(*dir) + strlen(f->base) + 2;
	if ((*path = kll__malloc(n)) == NULL)
		return kll__nomem(err);
	snprintf(*path, n, "%s/%s", *dir, f->base);
	if ((fp = fopen(*path, "wb")) == NULL)
		return kll__error_set(err, KLL_EIO, *path, 0, 0,
		    "cannot write a scratch file: %s", strerror(errno));
	ok = fwrite(f->text.p, 1, f->text.n, fp) == f->text.n;
	if (fclose(fp) != 0 || !ok)
		return kll__error_set(err, KLL_EIO, *path, 0, 0,
		    "cannot write a scratch file: %s", strerror(errno));
	return KLL_OK;
}

static void
scratch_free(char *dir, char *path)
{
	if (path != NULL) {
		unlink(path);
		free(path);
	}
	if (dir != NULL) {
		rmdir(dir);
		free(dir);
	}
}

/* A message about the scratch file names the graph. */
static void
rename_err(kll_error *err, const char *path, const char *display)
{
	if (err != NULL && path != NULL && strcmp(err->file, path) == 0)
		snprintf(err->file, sizeof(err->file), "%s", display);
}

kll_status
kll_store_vocab(kll_vocab **out, kll_store *s, const char *name,
    const kll_load_opts *opts, kll_error *err)
{
	found f;
	char *dir = NULL, *path = NULL;
	kll_status st;

	*out = NULL;
	if ((st = find(s, "vocab", name, &f, err)) != KLL_OK)
		return st;
	if ((st = scratch(&f, &dir, &path, err)) == KLL_OK) {
		if ((st = kll_vocab_load(out, path, opts, err)) != KLL_OK)
			rename_err(err, path, f.display);
		if (st == KLL_OK && kll__vocab_set_path(*out, f.display) < 0) {
			kll_vocab_free(*out);
			*out = NULL;
			st = kll__nomem(err);
		}
	}
	scratch_free(dir, path);
	found_free(&f);
	return st;
}

/* The reader's findings and records, with the scratch file's name
 * replaced by the graph's. */
typedef struct relay {
	const kll_sssom_opts *o;
	const char *path, *display;
	kll_mapset *named; /* the set whose path is the graph's */
} relay;

static void
relay_diag(void *payload, const kll_error *d)
{
	relay *r = payload;
	kll_error e = *d;

	rename_err(&e, r->path, r->display);
	r->o->diag(r->o->payload, &e);
}

static int
name_set(kll_mapset *m, const char *display)
{
	const char *p = kll__arena_strdup(&m->arena, display);

	if (p == NULL)
		return -1;
	m->path = p;
	return 0;
}

static int
relay_row(void *payload, const kll_mapset *m, size_t rec)
{
	relay *r = payload;

	if (r->named != m) {
		/* The set is the reader's until it returns it; its name
		 * is all that changes. */
		if (name_set((kll_mapset *)m, r->display) < 0)
			return KLL_ENOMEM;
		r->named = (kll_mapset *)m;
	}
	return r->o->row(r->o->row_payload, m, rec);
}

kll_status
kll_store_mapset(kll_mapset **out, kll_store *s, const char *name,
    const kll_sssom_opts *opts, kll_error *err)
{
	kll_sssom_opts o = KLL_SSSOM_OPTS_INIT;
	found f;
	relay r;
	char *dir = NULL, *path = NULL;
	kll_status st;

	*out = NULL;
	if ((st = find(s, "key", name, &f, err)) != KLL_OK)
		return st;
	if ((st = scratch(&f, &dir, &path, err)) == KLL_OK) {
		if (opts != NULL)
			o = *opts;
		r.o = opts, r.path = path, r.display = f.display;
		r.named = NULL;
		if (opts != NULL && opts->diag != NULL)
			o.diag = relay_diag, o.payload = &r;
		if (opts != NULL && opts->row != NULL)
			o.row = relay_row, o.row_payload = &r;
		if ((st = kll_mapset_read(out, path, &o, err)) != KLL_OK)
			rename_err(err, path, f.display);
		if (st == KLL_OK && name_set(*out, f.display) < 0) {
			kll_mapset_free(*out);
			*out = NULL;
			st = kll__nomem(err);
		}
	}
	scratch_free(dir, path);
	found_free(&f);
	return st;
}

kll_status
kll_mapset_open(kll_mapset **out, const char *name,
    const kll_sssom_opts *opts, kll_error *err)
{
	kll_store *s = NULL;
	kll_status st;

	*out = NULL;
	if (!kll__is_path(name)) {
		if ((st = kll_store_current(&s, err)) != KLL_OK)
			return st;
		if (s != NULL &&
		    (st = kll_store_mapset(out, s, name, opts, err)) !=
		        KLL_ENOTFOUND)
			return st;
	}
	return kll_mapset_read(out, name, opts, err);
}
