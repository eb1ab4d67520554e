/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* store_sqlite.c: writing a graph into a SQLite store without librdf.
 * librdf's sqlite storage builds, parses and runs an SQL statement for
 * each node and each triple, and looks each one up by its text first;
 * a full load of the shipped files took more than 25 minutes that way.
 * Here the same rows go into librdf's own tables (uris, blanks,
 * literals, triples) through prepared statements, the ids of the nodes
 * already written are kept in memory, and each graph is one transaction
 * on a connection of its own, so that librdf reads the store as if it
 * had written it.  The sources of the graphs go into kll_sources. */
#include <string.h>

#include <librdf.h>
#include <sqlite3.h>

#include "store_impl.h"

/* How long a writer waits for another one's transaction, in ms. */
#define BUSY_MS 120000

enum { Q_GET_URI, Q_PUT_URI, Q_GET_BLANK, Q_PUT_BLANK, Q_GET_LIT, Q_PUT_LIT,
	Q_TRIPLE, Q_UNCATALOG, Q_EMPTY, Q_SOURCE, Q_UNSOURCE, Q__COUNT };

static const char *const sql[Q__COUNT] = {
	"SELECT id FROM uris WHERE uri = ?1",
	"INSERT INTO uris (id, uri) VALUES (NULL, ?1)",
	"SELECT id FROM blanks WHERE blank = ?1",
	"INSERT INTO blanks (id, blank) VALUES (NULL, ?1)",
	"SELECT id FROM literals WHERE text = ?1 AND language IS ?2 AND "
	"datatype IS ?3",
	"INSERT INTO literals (id, text, language, datatype) VALUES (NULL, ?1, "
	"?2, ?3)",
	"INSERT INTO triples (subjectUri, subjectBlank, predicateUri, "
	"objectUri, objectBlank, objectLiteral, contextUri) VALUES (?1, ?2, "
	"?3, ?4, ?5, ?6, ?7)",
	"DELETE FROM triples WHERE contextUri = ?1 AND subjectUri = ?2",
	"DELETE FROM triples WHERE contextUri = ?1",
	"INSERT OR REPLACE INTO kll_sources (context, digest, text) VALUES "
	"(?1, ?2, ?3)",
	"DELETE FROM kll_sources WHERE context = ?1",
};

typedef struct writer {
	kll_store *s;
	sqlite3 *db;
	sqlite3_stmt *q[Q__COUNT];
	kll__map ids[3]; /* uris, blanks, literals: key -> id */
	kll__map triples; /* the triples of the graph written */
	sqlite3_int64 bound[8]; /* the ids bound to the triple's columns */
	kll__arena keys;
	kll__buf key;
} writer;

static kll_status
db_fail(writer *w, kll_error *err, const char *what)
{
	return kll__error_set(err, KLL_EIO, w->s->name, 0, 0, "%s: %s", what,
	    w->db != NULL ? sqlite3_errmsg(w->db) : "out of memory");
}

static void
writer_close(writer *w)
{
	size_t i;

	for (i = 0; i < Q__COUNT; i++)
		sqlite3_finalize(w->q[i]);
	for (i = 0; i < 3; i++)
		kll__map_free(&w->ids[i]);
	kll__map_free(&w->triples);
	kll__arena_free(&w->keys);
	kll__buf_free(&w->key);
	sqlite3_close(w->db);
}

static kll_status
writer_open(writer *w, kll_store *s, kll_error *err)
{
	size_t i;

	memset(w, 0, sizeof(*w));
	w->s = s;
	if (sqlite3_open_v2(s->path, &w->db, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK)
		return db_fail(w, err, "cannot open the store");
	sqlite3_busy_timeout(w->db, BUSY_MS);
	/* A crash of the machine (not of kll) in a load may lose the
	 * last graph; the store stays whole (the journal is kept). */
	sqlite3_exec(w->db, "PRAGMA synchronous=OFF", NULL, NULL, NULL);
	for (i = 0; i < Q__COUNT; i++)
		if (sqlite3_prepare_v2(w->db, sql[i], -1, &w->q[i], NULL) !=
		    SQLITE_OK)
			return db_fail(w, err, "cannot prepare a statement");
	return KLL_OK;
}

/* Run prepared statement q (bound) to its end; for a SELECT, *id gets
 * the first column of the first row (0: no row). */
static int
step(writer *w, int q, sqlite3_int64 *id)
{
	sqlite3_stmt *st = w->q[q];
	int rc;

	if (id != NULL)
		*id = 0;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && id != NULL)
		*id = sqlite3_column_int64(st, 0);
	while (rc == SQLITE_ROW)
		rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The id of node "key" of kind k (0 uri, 1 blank, 2 literal), found or
 * added; for a literal, text, lang (may be NULL) and datatype id (0:
 * none).  -1 on failure. */
static sqlite3_int64
node_id(writer *w, int k, const char *key, size_t klen, const char *text,
    size_t tlen, const char *lang, sqlite3_int64 dt)
{
	static const int get[3] = { Q_GET_URI, Q_GET_BLANK, Q_GET_LIT };
	static const int put[3] = { Q_PUT_URI, Q_PUT_BLANK, Q_PUT_LIT };
	uint32_t v;
	sqlite3_int64 id;
	char *kept;
	int i;

	if (kll__map_get(&w->ids[k], key, klen, &v))
		return (sqlite3_int64)v;
	for (i = 0; i < 2; i++) {
		sqlite3_stmt *st = w->q[i == 0 ? get[k] : put[k]];
		sqlite3_bind_text(st, 1, text, (int)tlen, SQLITE_STATIC);
		if (k == 2) {
			if (lang != NULL)
				sqlite3_bind_text(
				    st, 2, lang, -1, SQLITE_STATIC);
			if (dt > 0)
				sqlite3_bind_int64(st, 3, dt);
		}
		if (step(w, i == 0 ? get[k] : put[k], i == 0 ? &id : NULL) < 0)
			return -1;
		if (i == 1)
			id = sqlite3_last_insert_rowid(w->db);
		if (id > 0)
			break;
	}
	if (id <= 0 || id > (sqlite3_int64)UINT32_MAX - 1 ||
	    (kept = kll__arena_strndup(&w->keys, key, klen)) == NULL ||
	    kll__map_put(&w->ids[k], kept, klen, (uint32_t)id) < 0)
		return -1;
	return id;
}

static sqlite3_int64
uri_id(writer *w, const char *iri)
{
	size_t n = strlen(iri);

	return node_id(w, 0, iri, n, iri, n, NULL, 0);
}

static sqlite3_int64
blank_id(writer *w, const char *tag, const char *b)
{
	w->key.n = 0;
	if (kll__buf_adds(&w->key, tag) < 0 || kll__buf_addc(&w->key, '_') < 0 ||
	    kll__buf_adds(&w->key, b) < 0 || kll__buf_addc(&w->key, '\0') < 0)
		return -1;
	return node_id(
	    w, 1, w->key.p, w->key.n - 1, w->key.p, w->key.n - 1, NULL, 0);
}

/* A literal's key: datatype id, '@', language, '\1', text. */
static sqlite3_int64
literal_id(writer *w, const char *text, size_t tlen, const char *lang,
    sqlite3_int64 dt)
{
	char num[32];
	size_t off;

	snprintf(num, sizeof(num), "%lld", (long long)dt);
	w->key.n = 0;
	if (kll__buf_adds(&w->key, num) < 0 || kll__buf_addc(&w->key, '@') < 0 ||
	    kll__buf_adds(&w->key, lang != NULL ? lang : "") < 0 ||
	    kll__buf_addc(&w->key, lang != NULL ? '\1' : '\2') < 0)
		return -1;
	off = w->key.n;
	if (kll__buf_add(&w->key, text, tlen) < 0 ||
	    kll__buf_addc(&w->key, '\0') < 0)
		return -1;
	return node_id(w, 2, w->key.p, w->key.n - 1, w->key.p + off, tlen,
	    lang, dt);
}

/* Bind node n to columns col (IRI), col + 1 (blank) and, for an object,
 * col + 2 (literal) of the triple statement. */
static int
bind_node(writer *w, librdf_node *n, int col, const char *tag)
{
	sqlite3_stmt *st = w->q[Q_TRIPLE];
	sqlite3_int64 id, dt = 0;
	librdf_uri *u;
	const unsigned char *v;
	size_t len;

	if (librdf_node_is_resource(n)) {
		id = uri_id(w,
		    (const char *)librdf_uri_as_string(librdf_node_get_uri(n)));
	} else if (librdf_node_is_blank(n)) {
		id = blank_id(w, tag,
		    (const char *)librdf_node_get_blank_identifier(n));
		col += 1;
	} else {
		if ((u = librdf_node_get_literal_value_datatype_uri(n)) !=
		        NULL &&
		    (dt = uri_id(w, (const char *)librdf_uri_as_string(u))) < 0)
			return -1;
		v = librdf_node_get_literal_value_as_counted_string(n, &len);
		id = literal_id(w, v != NULL ? (const char *)v : "",
		    v != NULL ? len : 0,
		    librdf_node_get_literal_value_language(n), dt);
		col += 2;
	}
	if (id < 0)
		return -1;
	w->bound[col] = id;
	return sqlite3_bind_int64(st, col, id) == SQLITE_OK ? 0 : -1;
}

/* One triple (s p o) into context id c, unless it is there already
 * (the same triple twice in a file is one triple of the graph). */
static int
put_triple(writer *w, librdf_statement *t, sqlite3_int64 c, const char *tag,
    size_t *n)
{
	sqlite3_stmt *st = w->q[Q_TRIPLE];
	char key[128];
	const char *k;
	uint32_t seen;
	int i;

	if (bind_node(w, librdf_statement_get_subject(t), 1, tag) < 0 ||
	    bind_node(w, librdf_statement_get_predicate(t), 3, tag) < 0 ||
	    bind_node(w, librdf_statement_get_object(t), 4, tag) < 0 ||
	    sqlite3_bind_int64(st, 7, c) != SQLITE_OK)
		goto fail;
	/* The triple's key: its six columns. */
	key[0] = '\0';
	for (i = 1; i <= 6; i++) {
		size_t len = strlen(key);
		snprintf(key + len, sizeof(key) - len, "%lld,",
		    (long long)w->bound[i]);
	}
	if (kll__map_get(&w->triples, key, strlen(key), &seen)) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		memset(w->bound, 0, sizeof(w->bound));
		return 0;
	}
	if ((k = kll__arena_strdup(&w->keys, key)) == NULL ||
	    kll__map_put(&w->triples, k, strlen(k), 1) < 0)
		goto fail;
	memset(w->bound, 0, sizeof(w->bound));
	++*n;
	return step(w, Q_TRIPLE, NULL);
fail:
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	memset(w->bound, 0, sizeof(w->bound));
	return -1;
}

/* The catalog statements of g about context ctx (id c) in catalog id
 * cat. */
static int
put_catalog(writer *w, const kll__newgraph *g, const char *ctx,
    sqlite3_int64 c, sqlite3_int64 cat)
{
	sqlite3_stmt *st = w->q[Q_TRIPLE];
	const char *pred, *value;
	char num[32];
	int iri, isnum;
	sqlite3_int64 p, o, dt;
	size_t i;

	for (i = 0; kll__store_catalog_row(
	                g, ctx, i, &pred, &value, &iri, &isnum, num);
	     i++) {
		if (*value == '\0')
			continue;
		dt = 0;
		if ((p = uri_id(w, pred)) < 0 ||
		    (isnum && (dt = uri_id(w, "http://www.w3.org/2001/"
		                              "XMLSchema#integer")) < 0) ||
		    (o = iri ? uri_id(w, value) :
		               literal_id(w, value, strlen(value), NULL, dt)) <
		        0)
			return -1;
		sqlite3_bind_int64(st, 1, c);
		sqlite3_bind_int64(st, 3, p);
		sqlite3_bind_int64(st, iri ? 4 : 6, o);
		sqlite3_bind_int64(st, 7, cat);
		if (step(w, Q_TRIPLE, NULL) < 0)
			return -1;
	}
	return 0;
}

/* Empty context ctx (id c): its triples, its catalog entry, its
 * source. */
static int
empty_context(writer *w, const char *ctx, sqlite3_int64 c, sqlite3_int64 cat)
{
	sqlite3_bind_int64(w->q[Q_EMPTY], 1, c);
	if (step(w, Q_EMPTY, NULL) < 0)
		return -1;
	sqlite3_bind_int64(w->q[Q_UNCATALOG], 1, cat);
	sqlite3_bind_int64(w->q[Q_UNCATALOG], 2, c);
	if (step(w, Q_UNCATALOG, NULL) < 0)
		return -1;
	sqlite3_bind_text(w->q[Q_UNSOURCE], 1, ctx, -1, SQLITE_STATIC);
	return step(w, Q_UNSOURCE, NULL);
}

/* -1: the store failed; -2: the triples did not parse. */
static int
put_graph(writer *w, const kll__newgraph *g, const char *ctx,
    const char *oldctx)
{
	kll__newgraph counted;
	sqlite3_int64 c, cat, old;
	librdf_stream *st;
	librdf_parser *p = NULL;
	librdf_uri *base = NULL;
	sqlite3_stmt *q;
	char tag[16];
	size_t n = 0;
	int rc = 0;

	if ((c = uri_id(w, ctx)) < 0 || (cat = uri_id(w, KLL__CATALOG)) < 0 ||
	    empty_context(w, ctx, c, cat) < 0)
		return -1;
	if (oldctx != NULL && *oldctx != '\0' && strcmp(oldctx, ctx) != 0 &&
	    ((old = uri_id(w, oldctx)) < 0 ||
	        empty_context(w, oldctx, old, cat) < 0))
		return -1;
	if (g == NULL)
		return 0;
	snprintf(tag, sizeof(tag), "b%.12s", g->digest);
	kll__store_clearlog(w->s);
	st = g->mem != NULL ? librdf_model_as_stream(g->mem) :
	                      kll__store_parse(w->s, g, &p, &base);
	for (; st != NULL && rc == 0 && !librdf_stream_end(st);
	     librdf_stream_next(st))
		rc = put_triple(w, librdf_stream_get_object(st), c, tag, &n);
	if (st != NULL)
		librdf_free_stream(st);
	if (base != NULL)
		librdf_free_uri(base);
	if (p != NULL)
		librdf_free_parser(p);
	if (st == NULL || rc < 0)
		return -1;
	if (w->s->logged)
		return -2;
	counted = *g;
	counted.triples = n;
	if (put_catalog(w, &counted, ctx, c, cat) < 0)
		return -1;
	q = w->q[Q_SOURCE];
	sqlite3_bind_text(q, 1, ctx, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, g->digest, -1, SQLITE_STATIC);
	sqlite3_bind_blob(q, 3, g->text.p != NULL ? g->text.p : "",
	    (int)g->text.n, SQLITE_STATIC);
	return step(w, Q_SOURCE, NULL);
}

kll_status
kll__sqlite_write(kll_store *s, const kll__newgraph *g, const char *ctx,
    const char *oldctx, kll_error *err)
{
	writer w;
	kll_status st = KLL_OK;
	int rc;

	if (g != NULL && g->text.n > (size_t)0x7fffffff)
		return kll__error_set(err, KLL_EINVALID, g->source, 0, 0,
		    "file over 2 GiB: a SQLite store cannot keep it");
	if ((st = writer_open(&w, s, err)) != KLL_OK)
		goto out;
	if (sqlite3_exec(w.db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		st = db_fail(&w, err, "cannot start a transaction");
		goto out;
	}
	if ((rc = put_graph(&w, g, ctx, oldctx)) < 0) {
		if (rc == -2)
			st = kll__error_set(err, KLL_ESYNTAX, g->source,
			    s->log.line, 0, "%s", s->log.msg);
		else
			st = db_fail(&w, err,
			    g != NULL ? "cannot write the graph" :
			                "cannot drop the graph");
		kll__store_clearlog(s);
		sqlite3_exec(w.db, "ROLLBACK", NULL, NULL, NULL);
		goto out;
	}
	if (sqlite3_exec(w.db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		st = db_fail(&w, err, "cannot commit");
		sqlite3_exec(w.db, "ROLLBACK", NULL, NULL, NULL);
	}
out:
	writer_close(&w);
	return st;
}

kll_status
kll__sqlite_source(kll_store *s, const char *ctx, const char *digest,
    kll__buf *b, kll_error *err)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *q = NULL;
	kll_status st = KLL_ENOTFOUND;
	const void *p;
	int n, rc;

	if (sqlite3_open_v2(s->path, &db, SQLITE_OPEN_READONLY, NULL) !=
	        SQLITE_OK ||
	    (sqlite3_busy_timeout(db, BUSY_MS),
	        sqlite3_prepare_v2(db,
	            "SELECT text FROM kll_sources WHERE context = ?1 AND "
	            "digest = ?2",
	            -1, &q, NULL)) != SQLITE_OK) {
		st = kll__error_set(err, KLL_EIO, s->name, 0, 0,
		    "cannot read the store: %s",
		    db != NULL ? sqlite3_errmsg(db) : "out of memory");
		goto out;
	}
	sqlite3_bind_text(q, 1, ctx, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, digest, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		p = sqlite3_column_blob(q, 0);
		n = sqlite3_column_bytes(q, 0);
		b->n = 0;
		if (kll__buf_add(b, p != NULL ? p : "", (size_t)n) < 0 ||
		    kll__buf_grow(b, 1) < 0)
			st = kll__nomem(err);
		else {
			b->p[b->n] = '\0';
			st = KLL_OK;
		}
	} else if (rc != SQLITE_DONE)
		st = kll__error_set(err, KLL_EIO, s->name, 0, 0,
		    "cannot read the store: %s", sqlite3_errmsg(db));
out:
	sqlite3_finalize(q);
	sqlite3_close(db);
	return st;
}
