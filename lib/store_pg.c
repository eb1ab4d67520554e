/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* store_pg.c: writing a graph into a PostgreSQL store without librdf.
 * librdf's postgresql storage runs several statements for each triple,
 * each its own transaction.  Its tables are simple: a node's id is the
 * first 8 bytes of the MD5 of a letter and the node's text, read as a
 * little-endian number ('R' and the IRI for Resources, 'B' and the
 * name for Bnodes, 'L' and value '<' language '>' datatype IRI for
 * Literals), and the model's triples are rows of ids (Subject,
 * Predicate, Object, Context) in Statements<id of the model's name>.
 * Here a graph's nodes and triples are gathered from the parser in
 * memory, then sent with COPY in one transaction on a connection of
 * its own: librdf reads the rows as if it had written them, and a
 * reader sees the old version or the new one, never a mix. */
#include <stdio.h>
#include <string.h>

#include <librdf.h>
#include <libpq-fe.h>

#include "store_impl.h"

#define XSD_INTEGER "http://www.w3.org/2001/XMLSchema#integer"
#define STORE_TEXT  KLL_STORE_NS "text"

typedef struct pgw {
	kll_store *s;
	PGconn *db;
	librdf_digest *md5;
	char table[64];  /* Statements<model id> */
	kll__map seen;   /* nodes and triples already gathered */
	kll__arena keys;
	kll__buf key;
	kll__buf rows[4]; /* COPY text: resources, bnodes, literals,
	                   * statements */
} pgw;

enum { R_RES, R_BN, R_LIT, R_ST };

static kll_status
pg_fail(pgw *w, kll_error *err, const char *what)
{
	char msg[256];
	size_t n;

	snprintf(msg, sizeof(msg), "%s",
	    w->db != NULL ? PQerrorMessage(w->db) : "out of memory");
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	return kll__error_set(
	    err, KLL_EIO, w->s->name, 0, 0, "%s: %s", what, msg);
}

/* The id of a node: type letter t (0: none) and text p[0..n). */
static unsigned long long
node_hash(pgw *w, char t, const char *p, size_t n)
{
	const unsigned char *d;
	unsigned long long h = 0;
	int i;

	librdf_digest_init(w->md5);
	if (t != 0)
		librdf_digest_update(w->md5, (const unsigned char *)&t, 1);
	librdf_digest_update(w->md5, (const unsigned char *)p, n);
	librdf_digest_final(w->md5);
	d = librdf_digest_get_digest(w->md5);
	for (i = 0; i < 8; i++)
		h |= (unsigned long long)d[i] << (i * 8);
	return h;
}

/* Append v to b as a field of COPY's text format. */
static int
copy_field(kll__buf *b, const char *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const char *e = NULL;
		switch (v[i]) {
		case '\\': e = "\\\\"; break;
		case '\t': e = "\\t"; break;
		case '\n': e = "\\n"; break;
		case '\r': e = "\\r"; break;
		default: break;
		}
		if (e != NULL ? kll__buf_adds(b, e) < 0 :
		                kll__buf_addc(b, v[i]) < 0)
			return -1;
	}
	return 0;
}

/* Has key w->key been seen (1), or is it new (0, now kept)? -1: out of
 * memory. */
static int
seen(pgw *w)
{
	uint32_t v;
	const char *k;

	if (kll__map_get(&w->seen, w->key.p, w->key.n, &v))
		return 1;
	if ((k = kll__arena_strndup(&w->keys, w->key.p, w->key.n)) == NULL ||
	    kll__map_put(&w->seen, k, w->key.n, 1) < 0)
		return -1;
	return 0;
}

static int
id_text(kll__buf *b, unsigned long long id)
{
	char num[32];

	snprintf(num, sizeof(num), "%llu", id);
	return kll__buf_adds(b, num);
}

/* A node with type letter t whose hashed text is key[0..n); the row
 * for its table is the id, then the fields f[0..nf) (lengths l). */
static int
node_row(pgw *w, char t, int table, const char *const *f, const size_t *l,
    int nf, unsigned long long *id)
{
	kll__buf *b = &w->rows[table];
	int i, k;

	*id = node_hash(w, t, w->key.p + 1, w->key.n - 1);
	if ((k = seen(w)) != 0)
		return k < 0 ? -1 : 0;
	if (id_text(b, *id) < 0)
		return -1;
	for (i = 0; i < nf; i++)
		if (kll__buf_addc(b, '\t') < 0 || copy_field(b, f[i], l[i]) < 0)
			return -1;
	return kll__buf_addc(b, '\n');
}

static int
iri_id(pgw *w, const char *iri, unsigned long long *id)
{
	size_t n = strlen(iri);

	w->key.n = 0;
	if (kll__buf_addc(&w->key, 'R') < 0 || kll__buf_add(&w->key, iri, n) < 0)
		return -1;
	return node_row(w, 'R', R_RES, &iri, &n, 1, id);
}

static int
blank_id(pgw *w, const char *tag, const char *b, unsigned long long *id)
{
	const char *f;
	size_t n;

	w->key.n = 0;
	if (kll__buf_addc(&w->key, 'B') < 0 || kll__buf_adds(&w->key, tag) < 0 ||
	    kll__buf_addc(&w->key, '_') < 0 || kll__buf_adds(&w->key, b) < 0)
		return -1;
	f = w->key.p + 1;
	n = w->key.n - 1;
	/* node_row() reads the key, not f: f may move as rows grow, but
	 * rows and key are different buffers. */
	return node_row(w, 'B', R_BN, &f, &n, 1, id);
}

static int
literal_id(pgw *w, const char *v, const char *lang, const char *dt,
    unsigned long long *id)
{
	const char *f[3];
	size_t l[3];

	f[0] = v, f[1] = lang != NULL ? lang : "", f[2] = dt != NULL ? dt : "";
	l[0] = strlen(f[0]), l[1] = strlen(f[1]), l[2] = strlen(f[2]);
	w->key.n = 0;
	if (kll__buf_addc(&w->key, 'L') < 0 || kll__buf_add(&w->key, f[0], l[0]) < 0 ||
	    kll__buf_addc(&w->key, '<') < 0 || kll__buf_add(&w->key, f[1], l[1]) < 0 ||
	    kll__buf_addc(&w->key, '>') < 0 || kll__buf_add(&w->key, f[2], l[2]) < 0)
		return -1;
	return node_row(w, 'L', R_LIT, f, l, 3, id);
}

static int
node_id(pgw *w, librdf_node *n, const char *tag, unsigned long long *id)
{
	librdf_uri *u;
	const unsigned char *v;

	if (librdf_node_is_resource(n))
		return iri_id(w,
		    (const char *)librdf_uri_as_string(librdf_node_get_uri(n)),
		    id);
	if (librdf_node_is_blank(n))
		return blank_id(w, tag,
		    (const char *)librdf_node_get_blank_identifier(n), id);
	u = librdf_node_get_literal_value_datatype_uri(n);
	v = librdf_node_get_literal_value(n);
	return literal_id(w, v != NULL ? (const char *)v : "",
	    librdf_node_get_literal_value_language(n),
	    u != NULL ? (const char *)librdf_uri_as_string(u) : NULL, id);
}

/* Triple (s p o) in context c, once. */
static int
triple(pgw *w, unsigned long long sj, unsigned long long p,
    unsigned long long o, unsigned long long c, size_t *n)
{
	kll__buf *b = &w->rows[R_ST];
	char row[96];
	int k;

	snprintf(row, sizeof(row), "%llu\t%llu\t%llu\t%llu\n", sj, p, o, c);
	w->key.n = 0;
	if (kll__buf_addc(&w->key, 'T') < 0 || kll__buf_adds(&w->key, row) < 0)
		return -1;
	if ((k = seen(w)) != 0)
		return k < 0 ? -1 : 0;
	if (n != NULL)
		++*n;
	return kll__buf_adds(b, row);
}

static int
put_statement(pgw *w, librdf_statement *t, unsigned long long c,
    const char *tag, size_t *n)
{
	unsigned long long sj, p, o;

	if (node_id(w, librdf_statement_get_subject(t), tag, &sj) < 0 ||
	    node_id(w, librdf_statement_get_predicate(t), tag, &p) < 0 ||
	    node_id(w, librdf_statement_get_object(t), tag, &o) < 0)
		return -1;
	return triple(w, sj, p, o, c, n);
}

static int
exec_ok(pgw *w, const char *sql)
{
	PGresult *r = PQexec(w->db, sql);
	int ok = r != NULL && (PQresultStatus(r) == PGRES_COMMAND_OK ||
	                          PQresultStatus(r) == PGRES_TUPLES_OK);

	PQclear(r);
	return ok ? 0 : -1;
}

/* COPY b into table (cols). */
static int
copy_in(pgw *w, const char *table, const char *cols, const kll__buf *b)
{
	char sql[256];
	PGresult *r;
	size_t off = 0;
	int ok;

	if (b->n == 0)
		return 0;
	snprintf(sql, sizeof(sql), "COPY %s (%s) FROM STDIN", table, cols);
	r = PQexec(w->db, sql);
	ok = r != NULL && PQresultStatus(r) == PGRES_COPY_IN;
	PQclear(r);
	if (!ok)
		return -1;
	while (off < b->n) {
		size_t n = b->n - off > 1 << 20 ? (size_t)1 << 20 : b->n - off;
		if (PQputCopyData(w->db, b->p + off, (int)n) != 1) {
			PQputCopyEnd(w->db, "failed");
			break;
		}
		off += n;
	}
	if (off == b->n && PQputCopyEnd(w->db, NULL) != 1)
		return -1;
	ok = off == b->n;
	while ((r = PQgetResult(w->db)) != NULL) {
		if (PQresultStatus(r) != PGRES_COMMAND_OK)
			ok = 0;
		PQclear(r);
	}
	return ok ? 0 : -1;
}

/* The nodes gathered into their tables (through temporary tables: a
 * node may be there already), then the triples. */
static int
send_rows(pgw *w)
{
	static const char *const tab[3] = { "Resources", "Bnodes", "Literals" };
	static const char *const cols[3] = { "ID,URI", "ID,Name",
		"ID,Value,Language,Datatype" };
	char sql[512];
	int i;

	for (i = 0; i < 3; i++) {
		if (w->rows[i].n == 0)
			continue;
		snprintf(sql, sizeof(sql),
		    "CREATE TEMPORARY TABLE kll_new_%s (LIKE %s) ON COMMIT "
		    "DROP",
		    tab[i], tab[i]);
		if (exec_ok(w, sql) < 0)
			return -1;
		snprintf(sql, sizeof(sql), "kll_new_%s", tab[i]);
		if (copy_in(w, sql, cols[i], &w->rows[i]) < 0)
			return -1;
		snprintf(sql, sizeof(sql),
		    "INSERT INTO %s (%s) SELECT %s FROM kll_new_%s ON "
		    "CONFLICT DO NOTHING",
		    tab[i], cols[i], cols[i], tab[i]);
		if (exec_ok(w, sql) < 0)
			return -1;
	}
	return copy_in(w, w->table, "Subject,Predicate,Object,Context",
	    &w->rows[R_ST]);
}

/* Empty context id c: its triples, its catalog entry, its source. */
static int
empty_context(pgw *w, unsigned long long c, unsigned long long cat,
    unsigned long long src)
{
	char sql[256];

	snprintf(sql, sizeof(sql),
	    "DELETE FROM %s WHERE Context = %llu OR (Subject = %llu AND "
	    "Context IN (%llu, %llu))",
	    w->table, c, c, cat, src);
	return exec_ok(w, sql);
}

/* The catalog statements and the source of g in context ctx (id c). */
static int
put_catalog(pgw *w, const kll__newgraph *g, const char *ctx,
    unsigned long long c, unsigned long long cat, unsigned long long src)
{
	const char *pred, *value;
	char num[32];
	int iri, isnum;
	unsigned long long p, o;
	size_t i;

	for (i = 0; kll__store_catalog_row(
	                g, ctx, i, &pred, &value, &iri, &isnum, num);
	     i++) {
		if (*value == '\0')
			continue;
		if (iri_id(w, pred, &p) < 0 ||
		    (iri ? iri_id(w, value, &o) :
		           literal_id(w, value, NULL,
		               isnum ? XSD_INTEGER : NULL, &o)) < 0 ||
		    triple(w, c, p, o, cat, NULL) < 0)
			return -1;
	}
	if (!w->s->sources)
		return 0;
	return iri_id(w, STORE_TEXT, &p) < 0 ||
	               literal_id(w, g->text.p != NULL ? g->text.p : "", NULL,
	                   NULL, &o) < 0 ||
	               triple(w, c, p, o, src, NULL) < 0 ?
	           -1 :
	           0;
}

/* -1: the store failed; -2: the triples did not parse. */
static int
put_graph(pgw *w, const kll__newgraph *g, const char *ctx, const char *oldctx)
{
	kll__newgraph counted;
	unsigned long long c, cat, src, old;
	librdf_stream *st;
	librdf_parser *p = NULL;
	librdf_uri *base = NULL;
	char tag[16];
	size_t n = 0;
	int rc = 0;

	if (iri_id(w, ctx, &c) < 0 || iri_id(w, KLL__CATALOG, &cat) < 0 ||
	    iri_id(w, KLL__SOURCES, &src) < 0 ||
	    empty_context(w, c, cat, src) < 0)
		return -1;
	if (oldctx != NULL && *oldctx != '\0' && strcmp(oldctx, ctx) != 0 &&
	    (iri_id(w, oldctx, &old) < 0 || empty_context(w, old, cat, src) < 0))
		return -1;
	if (g != NULL) {
		snprintf(tag, sizeof(tag), "b%.12s", g->digest);
		kll__store_clearlog(w->s);
		st = g->mem != NULL ? librdf_model_as_stream(g->mem) :
		                      kll__store_parse(w->s, g, &p, &base);
		for (; st != NULL && rc == 0 && !librdf_stream_end(st);
		     librdf_stream_next(st))
			rc = put_statement(
			    w, librdf_stream_get_object(st), c, tag, &n);
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
		if (put_catalog(w, &counted, ctx, c, cat, src) < 0)
			return -1;
	}
	return send_rows(w);
}

/* Connect as librdf would, from its options: host, port, database
 * (or dbname), user, password (an empty one: libpq's own ways). */
static PGconn *
connect_db(kll_store *s)
{
	static const char *const from[5] = { "host", "port", "database",
		"user", "password" };
	static const char *const to[5] = { "host", "port", "dbname", "user",
		"password" };
	const char *keys[7], *vals[7];
	char *got[6] = { NULL };
	librdf_hash *h;
	PGconn *db = NULL;
	int i, n = 0;

	h = librdf_new_hash_from_string(s->world, NULL, s->pg_options);
	if (h == NULL)
		return NULL;
	for (i = 0; i < 5; i++) {
		got[i] = librdf_hash_get(h, from[i]);
		if (got[i] == NULL && i == 2)
			got[i] = librdf_hash_get(h, "dbname");
		if (got[i] != NULL && *got[i] != '\0') {
			keys[n] = to[i];
			vals[n++] = got[i];
		}
	}
	keys[n] = "fallback_application_name", vals[n++] = "kll";
	keys[n] = NULL, vals[n] = NULL;
	db = PQconnectdbParams(keys, vals, 0);
	for (i = 0; i < 5; i++)
		if (got[i] != NULL)
			librdf_free_memory(got[i]);
	librdf_free_hash(h);
	return db;
}

/* Statements<id>: the table of the model named s->pg_model. */
static int
model_table(pgw *w)
{
	const char *v[1];
	PGresult *r;
	int ok;

	v[0] = w->s->pg_model;
	r = PQexecParams(w->db, "SELECT ID FROM Models WHERE Name = $1", 1,
	    NULL, v, NULL, NULL, 0);
	ok = r != NULL && PQresultStatus(r) == PGRES_TUPLES_OK &&
	     PQntuples(r) == 1 && strlen(PQgetvalue(r, 0, 0)) < 30;
	if (ok)
		snprintf(w->table, sizeof(w->table), "Statements%s",
		    PQgetvalue(r, 0, 0));
	PQclear(r);
	return ok ? 0 : -1;
}

static void
pgw_close(pgw *w)
{
	int i;

	if (w->db != NULL)
		PQfinish(w->db);
	if (w->md5 != NULL)
		librdf_free_digest(w->md5);
	kll__map_free(&w->seen);
	kll__arena_free(&w->keys);
	kll__buf_free(&w->key);
	for (i = 0; i < 4; i++)
		kll__buf_free(&w->rows[i]);
}

kll_status
kll__pg_write(kll_store *s, const kll__newgraph *g, const char *ctx,
    const char *oldctx, kll_error *err)
{
	pgw w;
	kll_status st = KLL_OK;
	int rc;

	memset(&w, 0, sizeof(w));
	w.s = s;
	if ((w.md5 = librdf_new_digest(s->world, "MD5")) == NULL) {
		st = kll__nomem(err);
		goto out;
	}
	w.db = connect_db(s);
	if (w.db == NULL || PQstatus(w.db) != CONNECTION_OK) {
		st = pg_fail(&w, err, "cannot connect");
		goto out;
	}
	if (exec_ok(&w, "BEGIN ISOLATION LEVEL READ COMMITTED") < 0 ||
	    exec_ok(&w, "SET LOCAL synchronous_commit = off") < 0) {
		st = pg_fail(&w, err, "cannot start a transaction");
		goto out;
	}
	if (model_table(&w) < 0) {
		st = pg_fail(&w, err, "cannot find the model");
		exec_ok(&w, "ROLLBACK");
		goto out;
	}
	if ((rc = put_graph(&w, g, ctx, oldctx)) < 0) {
		if (rc == -2)
			st = kll__error_set(err, KLL_ESYNTAX, g->source,
			    s->log.line, 0, "%s", s->log.msg);
		else
			st = pg_fail(&w, err,
			    g != NULL ? "cannot write the graph" :
			                "cannot drop the graph");
		kll__store_clearlog(s);
		exec_ok(&w, "ROLLBACK");
		goto out;
	}
	if (exec_ok(&w, "COMMIT") < 0)
		st = pg_fail(&w, err, "cannot commit");
out:
	pgw_close(&w);
	return st;
}
