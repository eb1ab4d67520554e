/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* store.c: vocabularies and keys as named graphs of a librdf triple store
 * (SQLite or PostgreSQL), each graph replaced in one transaction, and a
 * catalog graph that says what the store holds.  The SPARQL side is in
 * store_query.c. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <librdf.h>
#include <sqlite3.h>

#include "store_impl.h"

#define CATALOG   KLL__CATALOG
#define GRAPH_IRI KLL__GRAPH_IRI
#define P_TYPE    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
#define XSD_INT   "http://www.w3.org/2001/XMLSchema#integer"
/* How long a writer or reader waits for another one's transaction. */
#define WAIT_MS 120000
/* The longest options file read for --storage-options=@FILE. */
#define MAX_OPTIONS 65536

const char *
kll_store_change_name(kll_store_change c)
{
	static const char *const names[] = { "added", "replaced", "unchanged",
		"removed" };

	if ((unsigned)c >= sizeof(names) / sizeof(names[0]))
		return NULL;
	return names[c];
}

/* Hide the value of every password=... in "s" (librdf options, or a
 * message that quotes them). */
void
kll__store_redact(char *s)
{
	char *p = s, *v, *e;

	while ((p = strstr(p, "password=")) != NULL) {
		v = p + 9;
		if (*v == '\'' || *v == '"') {
			char q = *v++;
			for (e = v; *e != '\0' && *e != q; e++)
				;
		} else {
			for (e = v; *e != '\0' && *e != ',' && *e != ' '; e++)
				;
		}
		if (e > v) {
			memmove(v + 3, e, strlen(e) + 1);
			memcpy(v, "***", 3);
		}
		p = v;
	}
}

/* The last "what" in s, or NULL. */
static const char *
last(const char *s, const char *what)
{
	const char *p, *found = NULL;

	for (p = s; (p = strstr(p, what)) != NULL; p++)
		found = p;
	return found;
}

static int
on_log(void *data, librdf_log_message *m)
{
	kll_store *s = data;
	const char *msg, *why;
	char *p;
	raptor_locator *loc;
	int line;

	if (librdf_log_message_level(m) < LIBRDF_LOG_ERROR || s->logged)
		return 1; /* warnings are not kll's to print */
	msg = librdf_log_message_message(m);
	/* librdf's postgresql storage logs this each time it gives back
	 * the connection of a transaction, which is no pool's: no error. */
	if (msg != NULL &&
	    strncmp(msg, "Unable to find busy connection", 30) == 0)
		return 1;
	loc = librdf_log_message_locator(m);
	line = loc != NULL ? raptor_locator_line(loc) : 0;
	/* An SQL statement that failed is not for the user to read (it
	 * may be long and hold line ends): its reason is. */
	if (msg != NULL && strstr(msg, "SQL exec '") != NULL &&
	    (why = last(msg, "' failed - ")) != NULL)
		kll__error_set(&s->log, KLL_EIO, NULL, 0, 0,
		    "SQL statement failed: %s", why + 11);
	else
		kll__error_set(&s->log, KLL_EIO, NULL,
		    line > 0 ? (unsigned)line : 0, 0, "%s",
		    msg != NULL ? msg : "librdf error");
	for (p = s->log.msg; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	kll__store_redact(s->log.msg);
	s->logged = 1;
	return 1;
}

void
kll__store_clearlog(kll_store *s)
{
	s->logged = 0;
	s->log.msg[0] = '\0';
	s->log.line = 0;
}

/* Fill err with "what" and, when librdf said why, its message. */
kll_status
kll__store_fail(kll_store *s, kll_error *err, kll_status st, const char *what)
{
	kll_status r;

	r = kll__error_set(err, st, s->name, 0, 0, "%s%s%s", what,
	    s->logged ? ": " : "", s->logged ? s->log.msg : "");
	if (err != NULL)
		kll__store_redact(err->msg);
	kll__store_clearlog(s);
	return r;
}

static kll_store *
store_new(void)
{
	kll_store *s;

	if ((s = kll__calloc(1, sizeof(*s))) == NULL)
		return NULL;
	if ((s->world = librdf_new_world()) == NULL) {
		free(s);
		return NULL;
	}
	librdf_world_set_logger(s->world, s, on_log);
	librdf_world_open(s->world);
	return s;
}

void
kll_store_free(kll_store *s)
{
	if (s == NULL)
		return;
	if (s->model != NULL)
		librdf_free_model(s->model);
	if (s->storage != NULL)
		librdf_free_storage(s->storage);
	if (s->world != NULL)
		librdf_free_world(s->world);
	kll__arena_free(&s->arena);
	free(s->graphs);
	free(s->name);
	free(s->path);
	free(s->pg_options);
	free(s->pg_model);
	free(s);
}

const char *
kll_store_name(const kll_store *s)
{
	return s->name;
}

/* The options: "@FILE" read from FILE (one line or several, joined with
 * commas), anything else copied. */
static char *
read_options(const char *opt, kll_error *err)
{
	FILE *fp;
	char *buf, *p;
	size_t n;

	if (opt == NULL)
		opt = "";
	if (opt[0] != '@')
		return kll__strdup(opt);
	if ((fp = kll__fopen_file(opt + 1, err)) == NULL)
		return NULL;
	if ((buf = kll__malloc(MAX_OPTIONS + 1)) == NULL) {
		fclose(fp);
		kll__nomem(err);
		return NULL;
	}
	n = fread(buf, 1, MAX_OPTIONS + 1, fp);
	if (ferror(fp) || n > MAX_OPTIONS) {
		kll__error_set(err, KLL_EARG, opt + 1, 0, 0, "%s",
		    n > MAX_OPTIONS ? "options file over 64 KiB" :
		                      "cannot read the options file");
		fclose(fp);
		free(buf);
		return NULL;
	}
	fclose(fp);
	buf[n] = '\0';
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r' ||
	                    buf[n - 1] == ',' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	for (p = buf; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r')
			*p = ',';
	return buf;
}

/* Whether the librdf options "o" set "key". */
static int
has_option(const char *o, const char *key)
{
	size_t n = strlen(key);
	const char *p = o;

	while ((p = strstr(p, key)) != NULL) {
		if ((p == o || p[-1] == ',' || p[-1] == ' ') && p[n] == '=')
			return 1;
		p += n;
	}
	return 0;
}

/* Add key='value' to the options in "b" when they lack "key" and the
 * environment has "var". */
static int
add_env_option(kll__buf *b, const char *key, const char *var)
{
	const char *v = getenv(var);

	if (v == NULL || has_option(b->p, key) || strchr(v, '\'') != NULL)
		return 0;
	if ((b->n > 0 && kll__buf_addc(b, ',') < 0) ||
	    kll__buf_adds(b, key) < 0 || kll__buf_adds(b, "='") < 0 ||
	    kll__buf_adds(b, v) < 0 || kll__buf_adds(b, "'") < 0)
		return -1;
	b->p[b->n] = '\0';
	return 0;
}

/* The options of a postgresql store as libpq would see them: what the
 * environment sets and the options lack, added.  librdf wants database,
 * user and password spelt out. */
static char *
pg_options(const char *o, int create, kll_error *err)
{
	kll__buf b = { 0 };

	if (kll__buf_adds(&b, o) < 0 || kll__buf_grow(&b, 1) < 0)
		goto nomem;
	b.p[b.n] = '\0';
	if (add_env_option(&b, "host", "PGHOST") < 0 ||
	    add_env_option(&b, "port", "PGPORT") < 0 ||
	    add_env_option(&b, "database", "PGDATABASE") < 0 ||
	    add_env_option(&b, "user", "PGUSER") < 0 ||
	    add_env_option(&b, "user", "USER") < 0 ||
	    add_env_option(&b, "password", "PGPASSWORD") < 0)
		goto nomem;
	/* No password anywhere: an empty one, so that libpq tries
	 * ~/.pgpass (librdf refuses a store without one). */
	if ((!has_option(b.p, "password") &&
	        ((b.n > 0 && kll__buf_addc(&b, ',') < 0) ||
	            kll__buf_adds(&b, "password=''") < 0)) ||
	    (create &&
	        kll__buf_adds(&b, b.n > 0 ? ",new='yes'" : "new='yes'") < 0) ||
	    kll__buf_grow(&b, 1) < 0)
		goto nomem;
	b.p[b.n] = '\0';
	return b.p;
nomem:
	kll__buf_free(&b);
	kll__nomem(err);
	return NULL;
}

/* Split $KLL_STORE (STORAGE:NAME) into its parts. */
static kll_status
from_env(char **storage, char **name, kll_error *err)
{
	const char *e = getenv("KLL_STORE"), *colon;

	if (e == NULL || *e == '\0')
		return kll__error_set(err, KLL_EARG, NULL, 0, 0,
		    "no store: give --storage-name, or set KLL_STORE to "
		    "STORAGE:NAME");
	if ((colon = strchr(e, ':')) == NULL || colon == e || colon[1] == '\0')
		return kll__error_set(
		    err, KLL_EARG, NULL, 0, 0, "KLL_STORE is not STORAGE:NAME");
	*storage = kll__malloc((size_t)(colon - e) + 1);
	*name = kll__strdup(colon + 1);
	if (*storage == NULL || *name == NULL)
		return kll__nomem(err);
	memcpy(*storage, e, (size_t)(colon - e));
	(*storage)[colon - e] = '\0';
	return KLL_OK;
}

/* A SQLite store file, before librdf opens it: missing (and not to be
 * made), not a database, or a database of something else are refused;
 * a librdf one gets the indexes librdf's schema lacks, without which
 * each literal and blank node added costs a scan of all the others, and
 * one on (context, subject) for reading a graph or the catalog (on the
 * context alone, SQLite would prefer it to librdf's subject index for a
 * lookup of a subject in a graph), and the table of the sources. */
static kll_status
sqlite_prepare(
    kll_store *s, const char *path, int create, int *fresh, kll_error *err)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *q = NULL;
	int rc, tables = 0;
	kll_status st = KLL_OK;

	*fresh = access(path, F_OK) != 0;
	if (*fresh && !create)
		return kll__error_set(
		    err, KLL_ENOTFOUND, s->name, 0, 0, "no such store");
	if (*fresh)
		return KLL_OK;
	rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db,
		    "SELECT count(*) FROM sqlite_master WHERE type='table' AND "
		    "name IN ('uris','blanks','literals','triples')",
		    -1, &q, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		tables = sqlite3_column_int(q, 0);
		rc = SQLITE_OK;
	}
	if (rc == SQLITE_NOTADB)
		st = kll__error_set(err, KLL_EINVALID, s->name, 0, 0,
		    "the store holds something else: not a database");
	else if (rc != SQLITE_OK)
		st = kll__error_set(err, KLL_EIO, s->name, 0, 0,
		    "cannot open the store: %s",
		    db != NULL ? sqlite3_errmsg(db) : "out of memory");
	else if (tables != 4)
		st = kll__error_set(err, KLL_EINVALID, s->name, 0, 0,
		    "the store holds something else: not a librdf store");
	else if (sqlite3_exec(db,
	             "CREATE INDEX IF NOT EXISTS kll_literals ON literals "
	             "(text);"
	             "CREATE INDEX IF NOT EXISTS kll_blanks ON blanks (blank);"
	             "DROP INDEX IF EXISTS kll_contexts;"
	             "CREATE INDEX IF NOT EXISTS kll_graphs ON triples "
	             "(contextUri, subjectUri);"
	             "CREATE TABLE IF NOT EXISTS kll_sources (context TEXT "
	             "PRIMARY KEY, digest TEXT NOT NULL, text BLOB NOT NULL);",
	             NULL, NULL, NULL) != SQLITE_OK)
		st = kll__error_set(err, KLL_EIO, s->name, 0, 0,
		    "cannot index the store: %s", sqlite3_errmsg(db));
	sqlite3_finalize(q);
	sqlite3_close(db);
	return st;
}

static kll_status
open_storage(kll_store *s, const char *storage, const char *name,
    const char *options, kll_error *err)
{
	s->storage = librdf_new_storage(s->world, storage, name, options);
	if (s->storage == NULL)
		return kll__store_fail(
		    s, err, KLL_EIO, "cannot open the store");
	if ((s->model = librdf_new_model(s->world, s->storage, NULL)) == NULL)
		return kll__store_fail(
		    s, err, KLL_EIO, "cannot open the store");
	return KLL_OK;
}

/* A store that has triples but no catalog was not made by kll. */
static kll_status
check_catalog(kll_store *s, kll_error *err)
{
	librdf_node *c;
	librdf_stream *st;
	int empty, size;

	if ((size = librdf_model_size(s->model)) < 0)
		return kll__store_fail(
		    s, err, KLL_EIO, "cannot read the store");
	if (size == 0)
		return KLL_OK;
	c = librdf_new_node_from_uri_string(
	    s->world, (const unsigned char *)CATALOG);
	if (c == NULL)
		return kll__nomem(err);
	st = librdf_model_context_as_stream(s->model, c);
	empty = st == NULL || librdf_stream_end(st);
	if (st != NULL)
		librdf_free_stream(st);
	librdf_free_node(c);
	if (empty)
		return kll__error_set(err, KLL_EINVALID, s->name, 0, 0,
		    "the store holds something else: %d triples and no kll "
		    "catalog",
		    size);
	return KLL_OK;
}

/* Open a PostgreSQL model; a model that does not exist yet is made when
 * asked to (librdf's new='yes' empties a model that exists). */
static kll_status
open_pg(
    kll_store *s, const char *name, const char *o, int create, kll_error *err)
{
	char *opts;
	kll_status st;

	/* Each triple is its own transaction here: commits need not
	 * wait for the disk (a crash loses the last ones, and the
	 * catalog, written last, still names a complete version). */
	if (getenv("PGOPTIONS") == NULL)
		setenv("PGOPTIONS",
		    "-c default_transaction_isolation=repeatable\\ read "
		    "-c synchronous_commit=off",
		    1);
	if ((opts = pg_options(o, 0, err)) == NULL)
		return KLL_ENOMEM;
	/* Kept for the writes of store_pg.c. */
	if ((s->pg_options = kll__strdup(opts)) == NULL ||
	    (s->pg_model = kll__strdup(name)) == NULL) {
		free(opts);
		return kll__nomem(err);
	}
	st = open_storage(s, "postgresql", name, opts, err);
	free(opts);
	if (st == KLL_OK || s->storage != NULL)
		return st;
	if (strstr(err != NULL ? err->msg : "", "failed to find model") ==
	        NULL &&
	    strstr(err != NULL ? err->msg : "", "does not exist") == NULL)
		return st;
	if (!create)
		return kll__error_set(
		    err, KLL_ENOTFOUND, s->name, 0, 0, "no such store");
	if ((opts = pg_options(o, 1, err)) == NULL)
		return KLL_ENOMEM;
	st = open_storage(s, "postgresql", name, opts, err);
	free(opts);
	return st;
}

static kll_status
set_name(kll_store *s, const char *storage, const char *name, kll_error *err)
{
	size_t n = strlen(storage) + strlen(name) + 2;

	if ((s->name = kll__malloc(n)) == NULL)
		return kll__nomem(err);
	snprintf(s->name, n, "%s:%s", storage, name);
	kll__store_redact(s->name);
	return KLL_OK;
}

/* A copy of the options with new='yes', with which librdf makes the
 * tables of a new SQLite file (and which would empty one that exists:
 * it is given only when there is no file).  NULL when out of memory. */
static char *
with_new(const char *o)
{
	size_t n = strlen(o) + 12;
	char *p;

	if ((p = kll__malloc(n)) != NULL)
		snprintf(p, n, "%s%snew='yes'", o, *o != '\0' ? "," : "");
	return p;
}

static kll_status
store_open(kll_store *s, const char *storage, const char *name, const char *opt,
    int create, kll_error *err)
{
	char *o = NULL;
	int fresh = 0;
	kll_status st;

	if ((st = set_name(s, storage, name, err)) != KLL_OK)
		return st;
	if ((o = read_options(opt, err)) == NULL)
		return err != NULL ? err->code : KLL_EARG;
	s->sources = 1;
	if (strcmp(storage, "sqlite") == 0) {
		s->txn = s->direct = 1;
		if ((s->path = kll__strdup(name)) == NULL) {
			free(o);
			return kll__nomem(err);
		}
		if ((st = sqlite_prepare(s, name, create, &fresh, err)) ==
		        KLL_OK &&
		    fresh) {
			char *on = with_new(o);
			st = on == NULL ? kll__nomem(err) :
			                  open_storage(s, storage, name, on, err);
			free(on);
		} else if (st == KLL_OK)
			st = open_storage(s, storage, name, o, err);
		if (st == KLL_OK && fresh) {
			/* librdf made the tables: add the indexes now. */
			librdf_free_model(s->model);
			librdf_free_storage(s->storage);
			s->model = NULL;
			s->storage = NULL;
			if ((st = sqlite_prepare(s, name, 1, &fresh, err)) ==
			    KLL_OK)
				st = open_storage(s, storage, name, o, err);
		}
	} else if (strcmp(storage, "postgresql") == 0) {
		/* librdf's postgresql storage cannot add inside a
		 * transaction (its every insert of a node that exists
		 * aborts it): a new version goes into a context of its
		 * own, and readers read in a transaction of their own. */
		s->snap = 1;
		st = open_pg(s, name, o, create, err);
	} else {
		st = open_storage(s, storage, name, o, err);
	}
	free(o);
	if (st == KLL_OK)
		st = check_catalog(s, err);
	return st;
}

kll_status
kll_store_open(kll_store **out, const kll_store_opts *opts, kll_error *err)
{
	static const kll_store_opts none = KLL_STORE_OPTS_INIT;
	kll_store *s;
	char *es = NULL, *en = NULL;
	const char *storage, *name, *o;
	kll_status st;

	*out = NULL;
	if (opts == NULL)
		opts = &none;
	storage = opts->storage;
	name = opts->name;
	if (name == NULL) {
		if ((st = from_env(&es, &en, err)) != KLL_OK)
			goto out;
		name = en;
		if (storage == NULL)
			storage = es;
	}
	if (storage == NULL)
		storage = "sqlite";
	if (*name == '\0') {
		st = kll__error_set(
		    err, KLL_EARG, NULL, 0, 0, "the store's name is empty");
		goto out;
	}
	if ((o = opts->options) == NULL)
		o = getenv("KLL_STORE_OPTIONS");
	if ((s = store_new()) == NULL) {
		st = kll__nomem(err);
		goto out;
	}
	if ((st = store_open(s, storage, name, o, opts->create, err)) !=
	    KLL_OK) {
		kll_store_free(s);
		goto out;
	}
	*out = s;
out:
	free(es);
	free(en);
	return st;
}

kll_status
kll_store_open_files(
    kll_store **out, const char *const *paths, size_t n, kll_error *err)
{
	kll_store *s;
	kll_status st;
	size_t i;

	*out = NULL;
	if ((s = store_new()) == NULL)
		return kll__nomem(err);
	s->direct = 1;
	if ((st = set_name(s, "memory", "files", err)) != KLL_OK ||
	    (s->model = kll__store_memory(s, &s->storage)) == NULL) {
		st = kll__nomem(err);
		kll_store_free(s);
		return st;
	}
	for (i = 0; i < n; i++)
		if ((st = kll_store_load(
		         s, paths[i], 0, NULL, NULL, NULL, err)) != KLL_OK) {
			kll_store_free(s);
			return st;
		}
	*out = s;
	return KLL_OK;
}

/* Sleep a little between two tries of a locked store. */
static void
pause_ms(long ms)
{
	struct timespec ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	nanosleep(&ts, NULL);
}

static int
locked(const kll_store *s)
{
	return s->logged && (strstr(s->log.msg, "locked") != NULL ||
	                        strstr(s->log.msg, "busy") != NULL);
}

/* Start a transaction, waiting while another process holds the store.
 * A storage without transactions does nothing. */
static kll_status
begin(kll_store *s, int on, kll_error *err)
{
	long waited = 0, step = 10;

	if (!on)
		return KLL_OK;
	for (;;) {
		kll__store_clearlog(s);
		if (librdf_model_transaction_start(s->model) == 0)
			return KLL_OK;
		if (!locked(s) || waited >= WAIT_MS)
			return kll__store_fail(
			    s, err, KLL_EIO, "cannot start a transaction");
		pause_ms(step);
		waited += step;
		if (step < 200)
			step *= 2;
	}
}

kll_status
kll__store_begin(kll_store *s, kll_error *err)
{
	return begin(s, s->txn, err);
}

kll_status
kll__store_read_begin(kll_store *s, kll_error *err)
{
	return begin(s, s->txn || s->snap, err);
}

/* Commit, waiting while readers hold the store. */
kll_status
kll__store_commit(kll_store *s, kll_error *err)
{
	long waited = 0, step = 10;

	if (!s->txn)
		return KLL_OK;
	for (;;) {
		kll__store_clearlog(s);
		if (librdf_model_transaction_commit(s->model) == 0)
			return KLL_OK;
		if (!locked(s) || waited >= WAIT_MS) {
			kll_status st =
			    kll__store_fail(s, err, KLL_EIO, "cannot commit");
			librdf_model_transaction_rollback(s->model);
			return st;
		}
		pause_ms(step);
		waited += step;
		if (step < 200)
			step *= 2;
	}
}

void
kll__store_rollback(kll_store *s)
{
	if (s->txn || s->snap)
		librdf_model_transaction_rollback(s->model);
	kll__store_clearlog(s);
}

librdf_node *
kll__store_iri(kll_store *s, const char *a, const char *b)
{
	char buf[1024];

	snprintf(buf, sizeof(buf), "%s%s", a, b != NULL ? b : "");
	return librdf_new_node_from_uri_string(
	    s->world, (const unsigned char *)buf);
}

/* ------------------------------------------------------------------ */
/* The catalog                                                          */

static int
by_name(const void *a, const void *b)
{
	return strcmp(((const kll_store_graph *)a)->name,
	    ((const kll_store_graph *)b)->name);
}

static const char *
node_text(librdf_node *n)
{
	const unsigned char *t = NULL;

	if (librdf_node_is_resource(n))
		t = librdf_uri_as_string(librdf_node_get_uri(n));
	else if (librdf_node_is_literal(n))
		t = librdf_node_get_literal_value(n);
	return t != NULL ? (const char *)t : "";
}

/* The entry of catalog subject "subj" (the graph's context), added when
 * new (with "" everywhere). */
static kll_store_graph *
entry(kll_store *s, const char *subj, size_t *cap)
{
	kll_store_graph *g;
	size_t i;

	for (i = 0; i < s->ngraphs; i++)
		if (strcmp(s->graphs[i].context, subj) == 0)
			return &s->graphs[i];
	if (s->ngraphs == *cap) {
		size_t n = *cap ? *cap * 2 : 16;
		if ((g = kll__realloc(s->graphs, n * sizeof(*g))) == NULL)
			return NULL;
		s->graphs = g;
		*cap = n;
	}
	g = &s->graphs[s->ngraphs];
	memset(g, 0, sizeof(*g));
	if ((g->context = kll__arena_strdup(&s->arena, subj)) == NULL)
		return NULL;
	g->name = g->kind = g->about = g->source = g->digest = "";
	s->ngraphs++;
	return g;
}

static int
set_field(kll_store *s, kll_store_graph *g, const char *prop, const char *v)
{
	static const char *const props[] = { "kind", "name", "about", "source",
		"digest" };
	const char **fields[5];
	size_t i;

	fields[0] = &g->kind;
	fields[1] = &g->name;
	fields[2] = &g->about;
	fields[3] = &g->source;
	fields[4] = &g->digest;
	if (strcmp(prop, "triples") == 0) {
		g->triples = (size_t)strtoull(v, NULL, 10);
		return 0;
	}
	for (i = 0; i < 5; i++)
		if (strcmp(prop, props[i]) == 0)
			return (*fields[i] = kll__arena_strdup(&s->arena, v)) ==
			               NULL ?
			           -1 :
			           0;
	return 0;
}

/* Read the catalog into s->graphs, sorted by name.  While a graph is
 * being switched to a new context (storages without transactions), the
 * catalog lists both, complete: one of them is kept. */
kll_status
kll__store_catalog(kll_store *s, kll_error *err)
{
	librdf_node *c;
	librdf_stream *st;
	size_t cap = 0, np = strlen(KLL_STORE_NS), ng = strlen(GRAPH_IRI);
	size_t i, k;
	kll_status r = KLL_OK;

	kll__arena_free(&s->arena);
	free(s->graphs);
	s->graphs = NULL;
	s->ngraphs = 0;
	if ((c = kll__store_iri(s, CATALOG, NULL)) == NULL)
		return kll__nomem(err);
	kll__store_clearlog(s);
	st = librdf_model_context_as_stream(s->model, c);
	for (; st != NULL && !librdf_stream_end(st); librdf_stream_next(st)) {
		librdf_statement *t = librdf_stream_get_object(st);
		const char *subj = node_text(librdf_statement_get_subject(t));
		const char *pred = node_text(librdf_statement_get_predicate(t));
		kll_store_graph *g;

		if (strncmp(subj, GRAPH_IRI, ng) != 0 ||
		    strncmp(pred, KLL_STORE_NS, np) != 0)
			continue;
		if ((g = entry(s, subj, &cap)) == NULL ||
		    set_field(s, g, pred + np,
		        node_text(librdf_statement_get_object(t))) < 0) {
			r = kll__nomem(err);
			break;
		}
	}
	if (st != NULL)
		librdf_free_stream(st);
	librdf_free_node(c);
	if (r == KLL_OK && s->logged)
		r = kll__store_fail(s, err, KLL_EIO, "cannot read the catalog");
	if (s->ngraphs > 1)
		qsort(s->graphs, s->ngraphs, sizeof(*s->graphs), by_name);
	for (i = k = 0; i < s->ngraphs; i++)
		if (*s->graphs[i].name != '\0' &&
		    (k == 0 ||
		        strcmp(s->graphs[k - 1].name, s->graphs[i].name) != 0))
			s->graphs[k++] = s->graphs[i];
	s->ngraphs = k;
	return r;
}

static kll_status
read_catalog(kll_store *s, kll_error *err)
{
	kll_status st;

	if ((st = kll__store_read_begin(s, err)) != KLL_OK)
		return st;
	st = kll__store_catalog(s, err);
	kll__store_rollback(s);
	return st;
}

static kll_store_graph *
find_graph(kll_store *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->ngraphs; i++)
		if (strcmp(s->graphs[i].name, name) == 0)
			return &s->graphs[i];
	return NULL;
}

kll_status
kll_store_list(kll_store *s, size_t *n, kll_error *err)
{
	kll_status st;

	*n = 0;
	st = read_catalog(s, err);
	if (st == KLL_OK)
		*n = s->ngraphs;
	return st;
}

const kll_store_graph *
kll_store_graph_at(const kll_store *s, size_t i)
{
	return i < s->ngraphs ? &s->graphs[i] : NULL;
}

/* Remove the catalog's statements about graph "subj". */
static int
uncatalog(kll_store *s, librdf_node *cat, librdf_node *subj)
{
	librdf_statement *pat, **all = NULL, **p;
	librdf_stream *st;
	size_t n = 0, cap = 0, i;
	int rc = 0;

	pat = librdf_new_statement_from_nodes(
	    s->world, librdf_new_node_from_node(subj), NULL, NULL);
	if (pat == NULL)
		return -1;
	st = librdf_model_find_statements_in_context(s->model, pat, cat);
	for (; st != NULL && !librdf_stream_end(st); librdf_stream_next(st)) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			if ((p = kll__realloc(all, cap * sizeof(*p))) == NULL) {
				rc = -1;
				break;
			}
			all = p;
		}
		all[n] = librdf_new_statement_from_statement(
		    librdf_stream_get_object(st));
		if (all[n++] == NULL) {
			rc = -1;
			break;
		}
	}
	if (st != NULL)
		librdf_free_stream(st);
	for (i = 0; i < n; i++) {
		if (rc == 0 && all[i] != NULL &&
		    librdf_model_context_remove_statement(
		        s->model, cat, all[i]) != 0)
			rc = -1;
		if (all[i] != NULL)
			librdf_free_statement(all[i]);
	}
	free(all);
	librdf_free_statement(pat);
	return rc;
}

/* Add (subj prop value) to the catalog: an IRI when "iri", else a
 * literal, typed xsd:integer when "num". */
static int
catalog_add(kll_store *s, librdf_node *cat, librdf_node *subj, const char *prop,
    const char *value, int iri, int num)
{
	librdf_node *o;
	librdf_statement *t;
	librdf_uri *dt = NULL;
	int rc;

	if (*value == '\0')
		return 0;
	if (iri)
		o = kll__store_iri(s, value, NULL);
	else {
		if (num && (dt = librdf_new_uri(s->world,
		                (const unsigned char *)XSD_INT)) == NULL)
			return -1;
		o = librdf_new_node_from_typed_literal(
		    s->world, (const unsigned char *)value, NULL, dt);
		if (dt != NULL)
			librdf_free_uri(dt);
	}
	t = librdf_new_statement_from_nodes(s->world,
	    librdf_new_node_from_node(subj), kll__store_iri(s, prop, NULL), o);
	if (t == NULL)
		return -1;
	rc = librdf_model_context_add_statement(s->model, cat, t);
	librdf_free_statement(t);
	return rc;
}

/* What a graph is about, for the catalog. */
typedef kll__newgraph newgraph;

int
kll__store_catalog_row(const kll__newgraph *g, const char *ctx, size_t i,
    const char **pred, const char **value, int *iri, int *num, char num_buf[32])
{
	*iri = *num = 0;
	switch (i) {
	case 0:
		*pred = P_TYPE, *value = KLL_STORE_NS "Graph", *iri = 1;
		break;
	case 1:
		*pred = KLL_STORE_NS "name", *value = g->name;
		break;
	case 2:
		*pred = KLL_STORE_NS "kind", *value = g->kind;
		break;
	case 3:
		*pred = KLL_STORE_NS "context", *value = ctx, *iri = 1;
		break;
	case 4:
		*pred = KLL_STORE_NS "about", *value = g->about, *iri = 1;
		break;
	case 5:
		*pred = KLL_STORE_NS "source", *value = g->source;
		break;
	case 6:
		*pred = KLL_STORE_NS "digest", *value = g->digest;
		break;
	case 7:
		snprintf(num_buf, 32, "%zu", g->triples);
		*pred = KLL_STORE_NS "triples", *value = num_buf, *num = 1;
		break;
	default:
		return 0;
	}
	return 1;
}

static int
catalog_entry(kll_store *s, librdf_node *cat, librdf_node *subj,
    const newgraph *g, const char *ctx)
{
	char num[32];
	const char *pred, *value;
	int iri, isnum;
	size_t i;

	for (i = 0; kll__store_catalog_row(
	                g, ctx, i, &pred, &value, &iri, &isnum, num);
	     i++)
		if (catalog_add(s, cat, subj, pred, value, iri, isnum) != 0)
			return -1;
	return 0;
}

/* The source of g (its file's bytes) as the one statement of "subj" in
 * the sources context. */
static int
source_add(kll_store *s, librdf_node *src, librdf_node *subj,
    const newgraph *g)
{
	librdf_node *o;
	librdf_statement *t;
	int rc;

	o = librdf_new_node_from_typed_literal(s->world,
	    (const unsigned char *)(g->text.p != NULL ? g->text.p : ""), NULL,
	    NULL);
	t = librdf_new_statement_from_nodes(s->world,
	    librdf_new_node_from_node(subj),
	    kll__store_iri(s, KLL_STORE_NS "text", NULL), o);
	if (t == NULL)
		return -1;
	rc = librdf_model_context_add_statement(s->model, src, t);
	librdf_free_statement(t);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Loading                                                              */

/* The SHA-1 of the file's bytes, in hex; the bytes into "text" (may be
 * NULL). */
static kll_status
file_digest(kll_store *s, const char *path, char hex[41], kll__buf *text,
    kll_error *err)
{
	librdf_digest *d;
	unsigned char buf[65536], *sum;
	FILE *fp;
	size_t n, i, len;
	kll_status st = KLL_OK;

	if ((fp = kll__fopen_file(path, err)) == NULL)
		return KLL_EIO;
	if ((d = librdf_new_digest(s->world, "SHA1")) == NULL) {
		fclose(fp);
		return kll__nomem(err);
	}
	librdf_digest_init(d);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		/* Copied first: librdf's SHA-1 works on the bytes in
		 * place. */
		if (text != NULL && kll__buf_add(text, buf, n) < 0) {
			st = kll__nomem(err);
			break;
		}
		librdf_digest_update(d, buf, n);
	}
	if (text != NULL && st == KLL_OK) {
		if (kll__buf_grow(text, 1) < 0)
			st = kll__nomem(err);
		else
			text->p[text->n] = '\0';
	}
	if (ferror(fp))
		st = kll__error_set(err, KLL_EIO, path, 0, 0, "read error: %s",
		    strerror(errno));
	fclose(fp);
	librdf_digest_final(d);
	sum = librdf_digest_get_digest(d);
	len = librdf_digest_get_digest_length(d);
	for (i = 0; i < len && i < 20; i++)
		snprintf(hex + 2 * i, 3, "%02x", sum[i]);
	hex[2 * i] = '\0';
	librdf_free_digest(d);
	return st;
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static const char *
rdf_syntax(const char *path)
{
	if (ends_with(path, ".nt"))
		return "ntriples";
	if (ends_with(path, ".rdf") || ends_with(path, ".owl") ||
	    ends_with(path, ".xml"))
		return "rdfxml";
	return "turtle";
}

/* A librdf parser that fetches nothing: no network, no other file. */
static librdf_parser *
parser_new(kll_store *s, const char *syntax)
{
	static const char *const off[] = { "noNet", "noFile" };
	librdf_parser *p;
	librdf_uri *f;
	librdf_node *one;
	size_t i;

	if ((p = librdf_new_parser(s->world, syntax, NULL, NULL)) == NULL)
		return NULL;
	for (i = 0; i < 2; i++) {
		char iri[64];
		snprintf(iri, sizeof(iri),
		    "http://feature.librdf.org/raptor-%s", off[i]);
		f = librdf_new_uri(s->world, (const unsigned char *)iri);
		one = librdf_new_node_from_literal(
		    s->world, (const unsigned char *)"1", NULL, 0);
		if (f != NULL && one != NULL)
			librdf_parser_set_feature(p, f, one);
		if (f != NULL)
			librdf_free_uri(f);
		if (one != NULL)
			librdf_free_node(one);
	}
	return p;
}

/* A vocabulary: checked by kll's own reader first (which refuses what
 * is hostile or not a vocabulary), then its triples parsed as they are. */
static kll_status
read_vocab(kll_store *s, const char *path, newgraph *g, kll_error *err)
{
	kll_vocab *v = NULL;
	librdf_parser *p = NULL;
	librdf_uri *base = NULL;
	FILE *fp = NULL;
	kll_status st;

	if ((st = kll_vocab_load(&v, path, NULL, err)) != KLL_OK)
		return st;
	g->kind = "vocab";
	if ((g->name = kll__strdup(kll_vocab_id(v))) == NULL ||
	    (g->about = kll__strdup(kll_vocab_iri(v))) == NULL) {
		st = kll__nomem(err);
		goto out;
	}
	if ((s->path != NULL || s->pg_options != NULL) && g->text.p != NULL) {
		/* Parsed as it is written (store_sqlite.c, store_pg.c). */
		g->syntax = rdf_syntax(path);
		g->rdf = &g->text;
		goto out;
	}
	if ((fp = kll__fopen_file(path, err)) == NULL) {
		st = KLL_EIO;
		goto out;
	}
	kll__store_clearlog(s);
	if ((p = parser_new(s, rdf_syntax(path))) == NULL ||
	    (base = librdf_new_uri_from_filename(s->world, path)) == NULL) {
		st = kll__nomem(err);
		goto out;
	}
	if (librdf_parser_parse_file_handle_into_model(
	        p, fp, 0, base, g->mem) != 0 ||
	    s->logged) {
		st = kll__error_set(err, KLL_ESYNTAX, path, s->log.line, 0,
		    "%s", s->logged ? s->log.msg : "cannot parse");
		kll__store_clearlog(s);
	}
out:
	if (fp != NULL)
		fclose(fp);
	if (base != NULL)
		librdf_free_uri(base);
	if (p != NULL)
		librdf_free_parser(p);
	kll_vocab_free(v);
	return st;
}

/* The key file's name without folder and .sssom.tsv. */
static char *
key_name(const char *path)
{
	const char *b = strrchr(path, '/');
	char *n;
	size_t len;

	b = b != NULL ? b + 1 : path;
	if ((n = kll__strdup(b)) == NULL)
		return NULL;
	len = strlen(n);
	if (ends_with(n, ".sssom.tsv"))
		n[len - 10] = '\0';
	else if (ends_with(n, ".tsv"))
		n[len - 4] = '\0';
	return n;
}

/* The whole of fp, from its start, into b. */
static kll_status
slurp(FILE *fp, kll__buf *b, const char *path, kll_error *err)
{
	size_t got;

	if (fflush(fp) != 0 || fseek(fp, 0, SEEK_SET) != 0)
		return kll__error_set(err, KLL_EIO, path, 0, 0,
		    "cannot write a scratch file: %s", strerror(errno));
	do {
		if (kll__buf_grow(b, 65536) < 0)
			return kll__nomem(err);
		got = fread(b->p + b->n, 1, 65536, fp);
		b->n += got;
	} while (got == 65536);
	if (ferror(fp))
		return kll__error_set(err, KLL_EIO, path, 0, 0,
		    "cannot read a scratch file: %s", strerror(errno));
	return KLL_OK;
}

/* A key: read and checked, exported as SSSOM/RDF (N-Triples), and the
 * export parsed back into triples. */
static kll_status
read_key(kll_store *s, const char *path, newgraph *g, kll_error *err)
{
	kll_export_opts xo = KLL_EXPORT_OPTS_INIT;
	kll_mapset *m = NULL;
	librdf_parser *p = NULL;
	librdf_uri *base = NULL;
	kll__buf nt = { NULL, 0, 0 };
	const char *buf;
	size_t len;
	FILE *fp;
	const char *id;
	kll_status st;

	if ((st = kll_mapset_read(&m, path, NULL, err)) != KLL_OK)
		return st;
	g->kind = "key";
	id = kll_mapset_meta(m, "mapping_set_id");
	if ((g->name = key_name(path)) == NULL ||
	    (g->about = kll__strdup(id != NULL ? id : "")) == NULL) {
		st = kll__nomem(err);
		goto out;
	}
	/* Through a scratch file, so that the bytes come back in memory
	 * of kll's allocator. */
	if ((fp = tmpfile()) == NULL) {
		st = kll__error_set(err, KLL_EIO, path, 0, 0,
		    "cannot make a scratch file: %s", strerror(errno));
		goto out;
	}
	xo.form = KLL_EXPORT_SSSOM_RDF;
	xo.syntax = "ntriples";
	st = kll_mapset_export(m, &xo, fp, path, NULL, err);
	if (st == KLL_OK)
		st = slurp(fp, &nt, path, err);
	fclose(fp);
	if (st != KLL_OK)
		goto out;
	if (s->path != NULL || s->pg_options != NULL) {
		/* Parsed as it is written (store_sqlite.c, store_pg.c). */
		g->nt = nt;
		nt.p = NULL, nt.n = nt.cap = 0;
		g->syntax = "ntriples";
		g->rdf = &g->nt;
		goto out;
	}
	buf = nt.p, len = nt.n;
	kll__store_clearlog(s);
	if ((p = parser_new(s, "ntriples")) == NULL ||
	    (base = librdf_new_uri_from_filename(s->world, path)) == NULL) {
		st = kll__nomem(err);
		goto out;
	}
	if (librdf_parser_parse_counted_string_into_model(
	        p, (const unsigned char *)buf, len, base, g->mem) != 0 ||
	    s->logged)
		st = kll__store_fail(
		    s, err, KLL_ESYNTAX, "cannot read back the key's triples");
out:
	kll__buf_free(&nt);
	if (base != NULL)
		librdf_free_uri(base);
	if (p != NULL)
		librdf_free_parser(p);
	kll_mapset_free(m);
	return st;
}

static void
newgraph_free(newgraph *g)
{
	free(g->name);
	free(g->about);
	kll__buf_free(&g->text);
	kll__buf_free(&g->nt);
	if (g->mem != NULL)
		librdf_free_model(g->mem);
	if (g->memst != NULL)
		librdf_free_storage(g->memst);
}

/* Read "path" whole into g->mem. */
static kll_status
read_graph(kll_store *s, const char *path, newgraph *g, kll_error *err)
{
	kll_status st;
	int n;

	if ((st = file_digest(s, path, g->digest, s->sources ? &g->text : NULL,
	         err)) != KLL_OK)
		return st;
	g->source = path;
	if (s->path == NULL && s->pg_options == NULL) {
		g->memst = librdf_new_storage(
		    s->world, "hashes", NULL, "hash-type='memory'");
		if (g->memst == NULL ||
		    (g->mem = librdf_new_model(s->world, g->memst, NULL)) ==
		        NULL)
			return kll__nomem(err);
	}
	if (ends_with(path, ".tsv"))
		st = read_key(s, path, g, err);
	else
		st = read_vocab(s, path, g, err);
	if (st == KLL_OK && g->mem != NULL &&
	    (n = librdf_model_size(g->mem)) >= 0)
		g->triples = (size_t)n;
	return st;
}

librdf_stream *
kll__store_parse(kll_store *s, const kll__newgraph *g, librdf_parser **p,
    librdf_uri **base)
{
	*base = NULL;
	if ((*p = parser_new(s, g->syntax)) == NULL ||
	    (*base = librdf_new_uri_from_filename(s->world, g->source)) ==
	        NULL)
		return NULL;
	return librdf_parser_parse_counted_string_as_stream(*p,
	    (const unsigned char *)(g->rdf->p != NULL ? g->rdf->p : ""),
	    g->rdf->n, *base);
}

/* A copy of node n; a blank node renamed TAG_ID, so that the blank
 * nodes of two files (the _:m1 of two keys) stay apart in one store. */
static librdf_node *
renamed(kll_store *s, librdf_node *n, const char *tag)
{
	char id[256];

	if (!librdf_node_is_blank(n))
		return librdf_new_node_from_node(n);
	snprintf(id, sizeof(id), "%s_%s", tag,
	    (const char *)librdf_node_get_blank_identifier(n));
	return librdf_new_node_from_blank_identifier(
	    s->world, (const unsigned char *)id);
}

static int
add_one(kll_store *s, librdf_node *c, librdf_statement *t, const char *tag)
{
	librdf_statement *r;
	int rc;

	if (!librdf_node_is_blank(librdf_statement_get_subject(t)) &&
	    !librdf_node_is_blank(librdf_statement_get_object(t)))
		return librdf_model_context_add_statement(s->model, c, t);
	r = librdf_new_statement_from_nodes(s->world,
	    renamed(s, librdf_statement_get_subject(t), tag),
	    librdf_new_node_from_node(librdf_statement_get_predicate(t)),
	    renamed(s, librdf_statement_get_object(t), tag));
	if (r == NULL)
		return -1;
	rc = librdf_model_context_add_statement(s->model, c, r);
	librdf_free_statement(r);
	return rc;
}

/* Add every triple of g to context c, one by one: librdf's add of a
 * stream skips (postgresql) a triple that any context has already.
 * Blank nodes are named after the source's digest. */
static int
add_all(kll_store *s, librdf_node *c, const newgraph *g)
{
	librdf_stream *st;
	char tag[16];
	int rc = 0;

	snprintf(tag, sizeof(tag), "b%.12s", g->digest);
	if ((st = librdf_model_as_stream(g->mem)) == NULL)
		return -1;
	for (; !rc && !librdf_stream_end(st); librdf_stream_next(st))
		rc = add_one(s, c, librdf_stream_get_object(st), tag) != 0 ||
		     s->logged;
	librdf_free_stream(st);
	return rc;
}

/* Put g into context "ctx", and into the catalog under it, in one
 * transaction.  Without transactions, ctx is a new context: it is
 * filled, then catalogued, and only then is "oldctx" (the old version)
 * taken out of the catalog and emptied, so that a reader who goes by
 * the catalog sees one complete version or the other. */
static kll_status
write_graph(kll_store *s, const newgraph *g, const char *ctx,
    const char *oldctx, kll_error *err)
{
	librdf_node *c = NULL, *old = NULL, *cat = NULL, *src = NULL;
	kll_status r;
	int rc;

	if (s->path != NULL)
		return kll__sqlite_write(s, g, ctx, oldctx, err);
	if (s->pg_options != NULL)
		return kll__pg_write(s, g, ctx, oldctx, err);
	if ((r = kll__store_begin(s, err)) != KLL_OK)
		return r;
	c = kll__store_iri(s, ctx, NULL);
	cat = kll__store_iri(s, CATALOG, NULL);
	src = kll__store_iri(s, KLL__SOURCES, NULL);
	if (oldctx != NULL && *oldctx != '\0' && strcmp(ctx, oldctx) != 0)
		old = kll__store_iri(s, oldctx, NULL);
	if (c == NULL || cat == NULL || src == NULL) {
		r = kll__nomem(err);
		goto fail;
	}
	kll__store_clearlog(s);
	rc = librdf_model_context_remove_statements(s->model, c) != 0 ||
	     add_all(s, c, g) != 0 ||
	     (s->sources && (uncatalog(s, src, c) != 0 ||
	                        source_add(s, src, c, g) != 0)) ||
	     uncatalog(s, cat, c) != 0 || catalog_entry(s, cat, c, g, ctx) != 0;
	if (!rc && old != NULL)
		rc = uncatalog(s, cat, old) != 0 ||
		     (s->sources && uncatalog(s, src, old) != 0) ||
		     librdf_model_context_remove_statements(s->model, old) != 0;
	if (rc || s->logged) {
		r = kll__store_fail(s, err, KLL_EIO, "cannot write the graph");
		goto fail;
	}
	r = kll__store_commit(s, err);
	goto out;
fail:
	kll__store_rollback(s);
out:
	if (c != NULL)
		librdf_free_node(c);
	if (old != NULL)
		librdf_free_node(old);
	if (cat != NULL)
		librdf_free_node(cat);
	if (src != NULL)
		librdf_free_node(src);
	return r;
}

/* The context for a new version of a graph: the same one where a
 * transaction replaces it (SQLite, and PostgreSQL through store_pg.c),
 * else the other one of a pair. */
static void
next_context(const kll_store *s, const char *name, const char *cur, char *buf,
    size_t size)
{
	snprintf(buf, size, "%s%s", GRAPH_IRI, name);
	if (!s->txn && s->pg_options == NULL && cur != NULL &&
	    strcmp(cur, buf) == 0)
		snprintf(buf, size, "%s%s:b", GRAPH_IRI, name);
}

static void
copy_graph(kll_store_graph *out, const kll_store_graph *g)
{
	if (out != NULL && g != NULL)
		*out = *g;
}

kll_status
kll_store_load(kll_store *s, const char *path, int only_changed,
    kll_store_change *change, kll_store_graph *graph, size_t *old_triples,
    kll_error *err)
{
	newgraph g;
	kll_store_graph *old;
	char *oldctx = NULL, ctx[1024];
	size_t oldn = 0;
	kll_store_change what = KLL_STORE_ADDED;
	kll_status st;

	memset(&g, 0, sizeof(g));
	if ((st = read_graph(s, path, &g, err)) != KLL_OK ||
	    (st = read_catalog(s, err)) != KLL_OK)
		goto out;
	if ((old = find_graph(s, g.name)) != NULL) {
		what = KLL_STORE_REPLACED;
		oldn = old->triples;
		if (only_changed && strcmp(old->digest, g.digest) == 0) {
			what = KLL_STORE_UNCHANGED;
			copy_graph(graph, old);
			goto out;
		}
		if ((oldctx = kll__strdup(old->context)) == NULL) {
			st = kll__nomem(err);
			goto out;
		}
	}
	next_context(s, g.name, oldctx, ctx, sizeof(ctx));
	if ((st = write_graph(s, &g, ctx, oldctx, err)) != KLL_OK)
		goto out;
	if ((st = read_catalog(s, err)) == KLL_OK)
		copy_graph(graph, find_graph(s, g.name));
out:
	if (change != NULL)
		*change = what;
	if (old_triples != NULL)
		*old_triples = oldn;
	free(oldctx);
	newgraph_free(&g);
	return st;
}

kll_status
kll_store_drop(
    kll_store *s, const char *name, kll_store_graph *graph, kll_error *err)
{
	kll_store_graph *g;
	librdf_node *c = NULL, *cat = NULL, *src = NULL;
	kll_status st;
	int rc;

	if ((st = read_catalog(s, err)) != KLL_OK)
		return st;
	if ((g = find_graph(s, name)) == NULL)
		return kll__error_set(
		    err, KLL_ENOTFOUND, s->name, 0, 0, "no graph '%s'", name);
	copy_graph(graph, g);
	if (s->path != NULL)
		return kll__sqlite_write(s, NULL, g->context, NULL, err);
	if (s->pg_options != NULL)
		return kll__pg_write(s, NULL, g->context, NULL, err);
	if ((st = kll__store_begin(s, err)) != KLL_OK)
		return st;
	c = kll__store_iri(s, g->context, NULL);
	cat = kll__store_iri(s, CATALOG, NULL);
	src = kll__store_iri(s, KLL__SOURCES, NULL);
	kll__store_clearlog(s);
	/* Out of the catalog first: without transactions, a reader then
	 * no longer looks at what is being emptied. */
	rc = c == NULL || cat == NULL || src == NULL ||
	     uncatalog(s, cat, c) != 0 ||
	     (s->sources && uncatalog(s, src, c) != 0) ||
	     librdf_model_context_remove_statements(s->model, c) != 0;
	if (rc || s->logged) {
		st = kll__store_fail(s, err, KLL_EIO, "cannot drop the graph");
		kll__store_rollback(s);
	} else
		st = kll__store_commit(s, err);
	if (c != NULL)
		librdf_free_node(c);
	if (cat != NULL)
		librdf_free_node(cat);
	if (src != NULL)
		librdf_free_node(src);
	return st;
}

librdf_model *
kll__store_memory(kll_store *s, librdf_storage **st)
{
	librdf_model *m;

	*st = librdf_new_storage(
	    s->world, "hashes", NULL, "hash-type='memory',contexts='yes'");
	if (*st == NULL)
		return NULL;
	if ((m = librdf_new_model(s->world, *st, NULL)) == NULL) {
		librdf_free_storage(*st);
		*st = NULL;
	}
	return m;
}
