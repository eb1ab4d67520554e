/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* publish.c: a folder for Sveriges dataportal: the dumps of vocabularies
 * and keys, each read back and counted, the DCAT-AP-SE catalog that
 * describes them, and a page for people; written beside the target and
 * moved into place only when complete. */
/* realpath() is of the X/Open system interfaces. */
#define _XOPEN_SOURCE 700

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <raptor2.h>

#include "publish.h"
#include "rdf_guard.h"
#include "rdf_write.h"

/* ------------------------------------------------------------------ */
/* The catalog and its datasets                                         */

kll_status
kll_catalog_new(kll_catalog **out, const kll_pubconf *conf,
    const kll_publish_opts *opts, kll_error *err)
{
	kll_catalog *c;

	*out = NULL;
	if (conf == NULL)
		return kll__error_set(err, KLL_EARG, NULL, 0, 0,
		    "a catalog needs a configuration");
	if ((c = kll__calloc(1, sizeof(*c))) == NULL)
		return kll__nomem(err);
	c->conf = conf;
	if (opts != NULL)
		c->opts = *opts;
	*out = c;
	return KLL_OK;
}

void
kll_catalog_free(kll_catalog *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nds; i++)
		kll_mapset_free(c->ds[i].m);
	free(c->ds);
	kll__arena_free(&c->arena);
	free(c);
}

size_t
kll_catalog_count(const kll_catalog *c)
{
	return c ? c->nds : 0;
}

const char *
kll_catalog_dataset_id(const kll_catalog *c, size_t i)
{
	return c && i < c->nds ? c->ds[i].id : NULL;
}

static char *join(const char *dir, const char *rel);

static kll_status
nomem(kll_error *err)
{
	return kll__nomem(err);
}

static const char *
cdup(kll_catalog *c, const char *s)
{
	return s ? kll__arena_strdup(&c->arena, s) : NULL;
}

/* An id names files and parts of IRIs: letters, digits, '.', '_', '-'. */
static int
id_ok(const char *s)
{
	const char *p;

	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
	        (*s >= '0' && *s <= '9')))
		return 0;
	for (p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		        (*p >= '0' && *p <= '9') || strchr("._-", *p)))
			return 0;
	return p - s < 128;
}

/* A new dataset "id" from "src", into *out. */
static kll_status
new_dataset(kll__dataset **out, kll_catalog *c, kll__dskind kind,
    const char *id, const char *src, kll_error *err)
{
	kll__dataset *d, *grown;
	size_t i, cap;
	char frag[160];

	*out = NULL;
	if (!id_ok(id))
		return kll__error_set(err, KLL_EINVALID, src, 0, 0,
		    "id '%s' cannot name the dataset's files: use letters, "
		    "digits, '.', '_' and '-'",
		    id);
	for (i = 0; i < c->nds; i++)
		if (strcmp(c->ds[i].id, id) == 0)
			return kll__error_set(err, KLL_EINVALID, src, 0, 0,
			    "a dataset '%s' is already in the catalog (from "
			    "%s)",
			    id, c->ds[i].src);
	if (c->nds == c->capds) {
		cap = c->capds ? 2 * c->capds : 16;
		if ((grown = kll__realloc(c->ds, cap * sizeof(*grown))) == NULL)
			return nomem(err);
		c->ds = grown, c->capds = cap;
	}
	d = &c->ds[c->nds];
	memset(d, 0, sizeof(*d));
	d->kind = kind;
	snprintf(frag, sizeof(frag), "dataset/%s", id);
	if ((d->id = cdup(c, id)) == NULL || (d->src = cdup(c, src)) == NULL ||
	    (d->iri = kll__catalog_iri(c, frag)) == NULL)
		return nomem(err);
	kll__uuid5_url(d->iri, d->uuid);
	c->nds++;
	*out = d;
	return KLL_OK;
}

/* ------------------------------------------------------------------ */
/* Reading RDF with raptor                                              */

typedef struct rdfio {
	raptor_world *world;
	kll_error *err;
	const char *name;
	kll_status st;
	/* What a scan collects. */
	const char *subject; /* this one's metadata; may be NULL */
	const char *cls;     /* count the subjects of this type */
	size_t triples, typed;
	kll__arena *arena;
	const char *desc[2], *license, *issued, *source;
	raptor_serializer *ser; /* a copy goes here; may be NULL */
} rdfio;

static void
on_raptor_log(void *data, raptor_log_message *m)
{
	rdfio *io = data;
	int line = -1, col = -1;

	if (m->level < RAPTOR_LOG_LEVEL_ERROR || io->st != KLL_OK)
		return;
	if (m->locator != NULL) {
		line = raptor_locator_line(m->locator);
		col = raptor_locator_column(m->locator);
	}
	io->st = kll__error_set(io->err, KLL_ESYNTAX, io->name,
	    line > 0 ? (unsigned)line : 0, col > 0 ? (unsigned)col : 0, "%s",
	    m->text ? m->text : "RDF error");
}

static int
rdfio_open(rdfio *io, const char *name, kll_error *err)
{
	memset(io, 0, sizeof(*io));
	io->err = err, io->name = name;
	if ((io->world = kll__raptor_world_new(io, on_raptor_log)) == NULL) {
		io->st = nomem(err);
		return -1;
	}
	return 0;
}

static int
term_is(const raptor_term *t, const char *iri)
{
	return t->type == RAPTOR_TERM_TYPE_URI &&
	       strcmp((const char *)raptor_uri_as_string(t->value.uri), iri) ==
	           0;
}

static const char *
keep(rdfio *io, const char *old, const unsigned char *s)
{
	if (old != NULL || s == NULL)
		return old;
	return kll__arena_strdup(io->arena, (const char *)s);
}

/* The scheme's metadata that the catalog uses, first value wins. */
static void
collect(rdfio *io, const raptor_statement *st)
{
	const raptor_term *o = st->object;
	const char *lang;
	int l;

	if (term_is(st->predicate, NS_DCT "description") &&
	    o->type == RAPTOR_TERM_TYPE_LITERAL) {
		lang = (const char *)o->value.literal.language;
		for (l = 0; l < 2 && lang != NULL; l++)
			if (strncmp(lang, l ? "en" : "sv", 2) == 0 &&
			    (lang[2] == '\0' || lang[2] == '-'))
				io->desc[l] = keep(
				    io, io->desc[l], o->value.literal.string);
	} else if (term_is(st->predicate, NS_DCT "license") &&
	           o->type == RAPTOR_TERM_TYPE_URI) {
		io->license =
		    keep(io, io->license, raptor_uri_as_string(o->value.uri));
	} else if (term_is(st->predicate, NS_DCT "source") &&
	           o->type == RAPTOR_TERM_TYPE_URI) {
		io->source =
		    keep(io, io->source, raptor_uri_as_string(o->value.uri));
	} else if (term_is(st->predicate, NS_DCT "issued") &&
	           o->type == RAPTOR_TERM_TYPE_LITERAL &&
	           o->value.literal.string_len >= 10) {
		if (io->issued == NULL)
			io->issued = kll__arena_strndup(io->arena,
			    (const char *)o->value.literal.string, 10);
	}
}

static void
on_statement(void *data, raptor_statement *st)
{
	rdfio *io = data;

	io->triples++;
	if (io->ser != NULL)
		raptor_serializer_serialize_statement(io->ser, st);
	if (io->cls != NULL && term_is(st->predicate, NS_RDF "type") &&
	    term_is(st->object, io->cls))
		io->typed++;
	if (io->subject != NULL && term_is(st->subject, io->subject))
		collect(io, st);
}

static void
on_namespace(void *data, raptor_namespace *ns)
{
	rdfio *io = data;

	if (io->ser != NULL)
		raptor_serializer_set_namespace_from_namespace(io->ser, ns);
}

/* Parse "path" with the syntax its name or content says, calling the
 * handlers above for each statement. */
static kll_status
rdfio_parse(rdfio *io, const char *path)
{
	raptor_parser *p = NULL;
	raptor_uri *base = NULL;
	unsigned char *uri = NULL, *buf = NULL;
	const char *syntax;
	size_t n;
	FILE *fp;
	kll__guard guard;

	kll__guard_init(&guard, NULL, path);
	if ((fp = kll__fopen_file(path, io->err)) == NULL)
		return io->st = KLL_EIO;
	if ((buf = kll__malloc(KLL_XML_DOCTYPE_MAX)) == NULL) {
		io->st = nomem(io->err);
		goto out;
	}
	n = fread(buf, 1, KLL_XML_DOCTYPE_MAX, fp);
	syntax = raptor_world_guess_parser_name(
	    io->world, NULL, NULL, buf, n, (const unsigned char *)path);
	if (syntax == NULL)
		syntax = "turtle";
	kll__guard_init(&guard, syntax, path);
	if (!kll__rdf_syntax_ok(syntax)) {
		io->st = kll__error_set(io->err, KLL_EARG, path, 0, 0,
		    "RDF syntax '%s' is not read", syntax);
		goto out;
	}
	if ((io->st = kll__guard_xml_prologue(
	         &guard, (const char *)buf, n, io->err)) != KLL_OK)
		goto out;
	if ((uri = raptor_uri_filename_to_uri_string(path)) == NULL ||
	    (base = raptor_new_uri(io->world, uri)) == NULL ||
	    (p = kll__raptor_parser_new(io->world, syntax)) == NULL) {
		io->st = nomem(io->err);
		goto out;
	}
	raptor_parser_set_statement_handler(p, io, on_statement);
	raptor_parser_set_namespace_handler(p, io, on_namespace);
	if (raptor_parser_parse_start(p, base) != 0 && io->st == KLL_OK)
		io->st = nomem(io->err);
	/* The limits first: the parser never sees what passes one. */
	while (io->st == KLL_OK) {
		int end = n < KLL_XML_DOCTYPE_MAX;
		if ((io->st = kll__guard_feed(
		         &guard, (const char *)buf, n, io->err)) != KLL_OK)
			break;
		if (raptor_parser_parse_chunk(p, buf, n, end) != 0 &&
		    io->st == KLL_OK)
			io->st = kll__error_set(
			    io->err, KLL_ESYNTAX, path, 0, 0, "cannot parse");
		if (end)
			break;
		n = fread(buf, 1, KLL_XML_DOCTYPE_MAX, fp);
	}
	if (ferror(fp) && io->st == KLL_OK)
		io->st = kll__error_set(io->err, KLL_EIO, path, 0, 0,
		    "read error: %s", strerror(errno));
	if ((syntax = kll__xml_refused()) != NULL && io->st == KLL_OK)
		io->st = kll__error_set(io->err, KLL_ESYNTAX, path, 0, 0,
		    "external entity \"%s\" is not read", syntax);
out:
	kll__guard_free(&guard);
	if (p != NULL)
		raptor_free_parser(p);
	if (base != NULL)
		raptor_free_uri(base);
	raptor_free_memory(uri);
	free(buf);
	fclose(fp);
	return io->st;
}

static void
rdfio_close(rdfio *io)
{
	if (io->ser != NULL)
		raptor_free_serializer(io->ser);
	if (io->world != NULL)
		raptor_free_world(io->world);
	io->ser = NULL, io->world = NULL;
}

/* Count the triples of "path", and the subjects typed "cls" (may be
 * NULL). */
static kll_status
count_rdf(const char *path, const char *cls, size_t *triples, size_t *typed,
    kll_error *err)
{
	rdfio io;

	if (rdfio_open(&io, path, err) == 0) {
		io.cls = cls;
		rdfio_parse(&io, path);
	}
	*triples = io.triples;
	if (typed != NULL)
		*typed = io.typed;
	rdfio_close(&io);
	return io.st;
}

/* Write "src" again to fp in raptor syntax "syntax", with its prefixes. */
static kll_status
reserialize(const char *src, FILE *fp, const char *syntax, size_t *triples,
    kll_error *err)
{
	rdfio io;

	if (rdfio_open(&io, src, err) < 0)
		goto out;
	if ((io.ser = raptor_new_serializer(io.world, syntax)) == NULL ||
	    raptor_serializer_start_to_file_handle(io.ser, NULL, fp) != 0) {
		io.st = kll__error_set(err, KLL_EIO, src, 0, 0,
		    "cannot start the %s writer", syntax);
		goto out;
	}
	if (rdfio_parse(&io, src) == KLL_OK &&
	    raptor_serializer_serialize_end(io.ser) != 0 && io.st == KLL_OK)
		io.st = kll__error_set(
		    err, KLL_EIO, src, 0, 0, "cannot write %s", syntax);
	*triples = io.triples;
out:
	rdfio_close(&io);
	return io.st;
}

/* ------------------------------------------------------------------ */
/* Adding vocabularies and keys                                         */

static size_t
count_coded(const kll_vocab *v)
{
	size_t i, n = 0;

	for (i = 0; i < kll_vocab_count(v); i++)
		if (*kll_concept_notation(kll_vocab_at(v, i)) != '\0')
			n++;
	return n;
}

static const char *
title_in(kll_catalog *c, const kll_vocab *v, const char *lang)
{
	const char *t = kll_vocab_title(v, lang);

	return t && *t ? cdup(c, t) : NULL;
}

/* A refusal under rule publish-unsafe-link: a link of the data that
 * would reach the page or the catalog. */
static kll_status
unsafe(kll_error *err, const char *file, const char *what, const char *iri,
    const char *policy)
{
	kll__error_set(err, KLL_EINVALID, file, 0, 0,
	    "%s '%.200s' is not %s: not published", what, iri, policy);
	if (err != NULL)
		snprintf(err->rule, sizeof(err->rule), "publish-unsafe-link");
	return KLL_EINVALID;
}

/* The scheme's links, which the page and the catalog would follow. */
static kll_status
vocab_links_ok(const kll_vocab *v, kll_error *err)
{
	const char *iri, *prop;
	char what[64];
	size_t i;

	for (i = 0; i < kll__vocab_nlinks(v); i++) {
		iri = kll__vocab_link(v, i, &prop);
		if (kll__link_ok(iri, KLL__LINK_WEB))
			continue;
		snprintf(what, sizeof(what), "the scheme's %s", prop);
		return unsafe(err, kll_vocab_path(v), what, iri,
		    kll__link_policy(KLL__LINK_WEB));
	}
	return KLL_OK;
}

kll_status
kll_catalog_add_vocab(kll_catalog *c, const char *name, kll_error *err)
{
	kll_vocab *v = NULL;
	kll__dataset *d;
	kll_status st;
	rdfio io;

	if (strcmp(name, "-") == 0)
		return kll__error_set(err, KLL_EARG, name, 0, 0,
		    "a vocabulary to publish must be a file, not stdin");
	if ((st = kll_vocab_open(&v, name, c->opts.dirs, NULL, err)) != KLL_OK)
		return st;
	if ((st = vocab_links_ok(v, err)) != KLL_OK)
		goto out;
	if ((st = new_dataset(&d, c, KLL__VOCAB, kll_vocab_id(v),
	         kll_vocab_path(v), err)) != KLL_OK)
		goto out;
	d->own_title[0] = title_in(c, v, "sv");
	d->own_title[1] = title_in(c, v, "en");
	d->version =
	    *kll_vocab_version(v) ? cdup(c, kll_vocab_version(v)) : NULL;
	d->scheme = cdup(c, kll_vocab_iri(v));
	d->count = kll_vocab_count(v);
	d->count2 = (size_t)kll_vocab_levels(v);
	d->coded = count_coded(v);
	if (rdfio_open(&io, d->src, err) == 0) {
		io.subject = d->scheme;
		io.arena = &c->arena;
		rdfio_parse(&io, d->src);
	}
	rdfio_close(&io);
	if ((st = io.st) != KLL_OK) {
		c->nds--;
		goto out;
	}
	d->triples = io.triples;
	d->own_desc[0] = io.desc[0], d->own_desc[1] = io.desc[1];
	d->own_license =
	    io.license ? kll__license_norm(&c->arena, io.license) : NULL;
	d->own_issued = io.issued, d->page = io.source;
out:
	kll_vocab_free(v);
	return st;
}

/* The key's id: its file name without ".sssom.tsv" (or ".tsv"). */
static const char *
key_id(kll_catalog *c, const char *path)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (n > 10 && strcmp(base + n - 10, ".sssom.tsv") == 0)
		n -= 10;
	else if (n > 4 && strcmp(base + n - 4, ".tsv") == 0)
		n -= 4;
	return kll__arena_strndup(&c->arena, base, n);
}

/* The vocabulary dataset of the catalog whose scheme is the key's
 * source "slot", or NULL. */
static const kll__dataset *
published_side(const kll_catalog *c, const kll_mapset *m, const char *slot)
{
	const char *v = kll_mapset_meta(m, slot);
	char iri[1024];
	size_t i, n;

	if (v == NULL)
		return NULL;
	n = kll_mapset_expand(m, v, iri, sizeof(iri));
	if (n == 0 || n >= sizeof(iri))
		snprintf(iri, sizeof(iri), "%s", v);
	for (i = 0; i < c->nds; i++)
		if (c->ds[i].kind == KLL__VOCAB &&
		    strcmp(c->ds[i].scheme, iri) == 0)
			return &c->ds[i];
	return NULL;
}

/* The id and titles of the vocabularies of both sides of a key: one of
 * the catalog, else one found along the search path. */
static void
key_sides(kll_catalog *c, kll__dataset *d)
{
	static const char *const src[2] = { "subject_source", "object_source" };
	const kll__dataset *pub;
	kll_vocab *v;
	kll_error e;
	int side;

	for (side = 0; side < 2; side++) {
		if ((pub = published_side(c, d->m, src[side])) != NULL) {
			d->side_id[side] = pub->id;
			d->side_name[side][0] = pub->own_title[0];
			d->side_name[side][1] = pub->own_title[1];
			continue;
		}
		if (kll_mapset_vocab(&v, d->m, side ? KLL_OBJECT : KLL_SUBJECT,
		        c->opts.dirs, NULL, &e) != KLL_OK) {
			kll__catalog_diag(c, KLL_SEV_WARNING,
			    "publish-no-vocab", d->src, 0,
			    "cannot find the "
			    "vocabulary of %s (%s): the dataset's title names "
			    "it by that",
			    src[side], e.msg);
			d->side_id[side] =
			    cdup(c, kll_mapset_meta(d->m, src[side]));
			continue;
		}
		d->side_id[side] = cdup(c, kll_vocab_id(v));
		d->side_name[side][0] = title_in(c, v, "sv");
		d->side_name[side][1] = title_in(c, v, "en");
		kll_vocab_free(v);
	}
}

/* Problems of a key as it is read: on to the catalog's sink. */
static void
on_key_diag(void *payload, const kll_error *d)
{
	kll_catalog *c = payload;

	if (c->opts.diag != NULL)
		c->opts.diag(c->opts.payload, d);
}

kll_status
kll_catalog_add_key(kll_catalog *c, const char *path, kll_error *err)
{
	kll_sssom_opts so = KLL_SSSOM_OPTS_INIT;
	kll_mapset *m = NULL;
	kll__dataset *d;
	const char *id, *date, *bad, *slot, *policy;
	char link[1024];
	kll_status st;

	if (strcmp(path, "-") == 0)
		return kll__error_set(err, KLL_EARG, path, 0, 0,
		    "a key to publish must be a file, not stdin");
	so.diag = on_key_diag, so.payload = c;
	if ((st = kll_mapset_read(&m, path, &so, err)) != KLL_OK)
		return st;
	if (kll_mapset_nerrors(m) > 0) {
		st = kll__error_set(err, KLL_EINVALID, path, 0, 0,
		    "the key has %zu error%s: not published",
		    kll_mapset_nerrors(m),
		    kll_mapset_nerrors(m) == 1 ? "" : "s");
		goto fail;
	}
	if ((bad = kll__mapset_unsafe_link(
	         m, &slot, &policy, link, sizeof(link))) != NULL) {
		st = unsafe(err, path, slot, bad, policy);
		goto fail;
	}
	if (kll_mapset_meta(m, "mapping_set_id") == NULL) {
		st = kll__error_set(err, KLL_EINVALID, path, 0, 0,
		    "the key has no mapping_set_id, which names its XKOS "
		    "correspondence");
		goto fail;
	}
	if ((id = key_id(c, path)) == NULL) {
		st = nomem(err);
		goto fail;
	}
	if ((st = new_dataset(&d, c, KLL__KEY, id, path, err)) != KLL_OK)
		goto fail;
	d->m = m;
	d->count = kll_mapset_count(m);
	d->version = cdup(c, kll_mapset_meta(m, "mapping_set_version"));
	if (kll_mapset_meta(m, "license") != NULL)
		d->own_license =
		    kll__license_norm(&c->arena, kll_mapset_meta(m, "license"));
	if ((date = kll_mapset_meta(m, "publication_date")) == NULL)
		date = kll_mapset_meta(m, "mapping_date");
	d->own_issued = cdup(c, date);
	key_sides(c, d);
	return KLL_OK;
fail:
	kll_mapset_free(m);
	return st;
}

/* The first folder of the search path with an INDEX, into *out. */
static kll_status
first_index(char **out, const char *dirs, kll_error *err)
{
	const char *lists[3] = { dirs, getenv("KLL_PATH"),
		kll_vocab_datadir() };
	const char *p, *colon;
	struct stat sb;
	size_t n;
	char *path;
	int i;

	for (i = 0; i < 3; i++) {
		for (p = lists[i]; p != NULL && *p != '\0';
		     p = colon ? colon + 1 : NULL) {
			colon = strchr(p, ':');
			n = colon ? (size_t)(colon - p) : strlen(p);
			if (n == 0 || (path = kll__malloc(n + 7)) == NULL) {
				if (n == 0)
					continue;
				return nomem(err);
			}
			snprintf(path, n + 7, "%.*s/INDEX", (int)n, p);
			if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode)) {
				path[n] = '\0';
				*out = path;
				return KLL_OK;
			}
			free(path);
		}
	}
	return kll__error_set(err, KLL_ENOTFOUND, NULL, 0, 0,
	    "no vocabulary folder with an INDEX on the search path (-L, "
	    "$KLL_PATH, %s)",
	    kll_vocab_datadir());
}

static kll_status
add_index(kll_catalog *c, const char *dir, size_t *n, kll_error *err)
{
	char *path, line[4096], *tab, *file;
	kll_status st = KLL_OK;
	FILE *fp;

	if ((path = join(dir, "INDEX")) == NULL)
		return nomem(err);
	fp = kll__fopen_file(path, err);
	free(path);
	if (fp == NULL)
		return KLL_EIO;
	while (st == KLL_OK && fgets(line, sizeof(line), fp) != NULL) {
		if ((tab = strchr(line, '\t')) == NULL || tab == line)
			continue;
		memcpy(tab, ".ttl", 5);
		if ((file = join(dir, line)) == NULL)
			st = nomem(err);
		else if ((st = kll_catalog_add_vocab(c, file, err)) == KLL_OK)
			(*n)++;
		free(file);
	}
	fclose(fp);
	return st;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.sssom.tsv of "dir", sorted; NULL-terminated, caller frees. */
static kll_status
list_keys(char ***out, const char *dir, kll_error *err)
{
	char **v = NULL, **grown;
	size_t n = 0, cap = 0, len;
	struct dirent *e;
	DIR *dp;

	*out = NULL;
	if ((dp = opendir(dir)) == NULL)
		return kll__error_set(err, KLL_EIO, dir, 0, 0,
		    "cannot open: %s", strerror(errno));
	while ((e = readdir(dp)) != NULL) {
		len = strlen(e->d_name);
		if (len <= 10 ||
		    strcmp(e->d_name + len - 10, ".sssom.tsv") != 0)
			continue;
		if (n + 2 > cap) {
			cap = cap ? 2 * cap : 16;
			if ((grown = kll__realloc(v, cap * sizeof(*v))) == NULL)
				goto nomem;
			v = grown;
		}
		len += strlen(dir) + 2;
		if ((v[n] = kll__malloc(len)) == NULL)
			goto nomem;
		snprintf(v[n++], len, "%s/%s", dir, e->d_name);
		v[n] = NULL;
	}
	closedir(dp);
	if (v != NULL)
		qsort(v, n, sizeof(*v), cmp_str);
	*out = v;
	return KLL_OK;
nomem:
	closedir(dp);
	while (n > 0)
		free(v[--n]);
	free(v);
	return nomem(err);
}

kll_status
kll_catalog_add_all(kll_catalog *c, const char *keys_dir, size_t *nvocabs,
    size_t *nkeys, kll_error *err)
{
	char *dir = NULL, *kdir = NULL, **keys = NULL, *slash;
	size_t nv = 0, nk = 0, i, len;
	struct stat sb;
	kll_status st;

	if ((st = first_index(&dir, c->opts.dirs, err)) != KLL_OK ||
	    (st = add_index(c, dir, &nv, err)) != KLL_OK)
		goto out;
	if (keys_dir == NULL) {
		/* "mappings" beside the vocabulary folder. */
		len = strlen(dir) + 16;
		if ((kdir = kll__malloc(len)) == NULL) {
			st = nomem(err);
			goto out;
		}
		while (strlen(dir) > 1 && dir[strlen(dir) - 1] == '/')
			dir[strlen(dir) - 1] = '\0';
		slash = strrchr(dir, '/');
		if (slash == NULL)
			snprintf(kdir, len, "mappings");
		else
			snprintf(kdir, len, "%.*s/mappings", (int)(slash - dir),
			    dir);
		if (stat(kdir, &sb) != 0 || !S_ISDIR(sb.st_mode))
			goto out;
		keys_dir = kdir;
	}
	if ((st = list_keys(&keys, keys_dir, err)) != KLL_OK)
		goto out;
	for (i = 0; keys != NULL && keys[i] != NULL && st == KLL_OK; i++)
		if ((st = kll_catalog_add_key(c, keys[i], err)) == KLL_OK)
			nk++;
out:
	for (i = 0; keys != NULL && keys[i] != NULL; i++)
		free(keys[i]);
	free(keys);
	free(kdir);
	free(dir);
	if (nvocabs != NULL)
		*nvocabs = nv;
	if (nkeys != NULL)
		*nkeys = nk;
	return st;
}

kll_status
kll_catalog_check(kll_catalog *c, size_t *nerrors, kll_error *err)
{
	kll_status st = kll__catalog_complete(c, err);

	if (nerrors != NULL)
		*nerrors = c->nerrors;
	return st;
}

/* ------------------------------------------------------------------ */
/* Writing one file of the folder                                       */

typedef struct job {
	kll_catalog *c;
	const char *tmp; /* the new folder */
	kll_error *err;
	kll_status st;
} job;

static char *
join(const char *dir, const char *rel)
{
	size_t n = strlen(dir) + strlen(rel) + 2;
	char *p = kll__malloc(n);

	if (p != NULL)
		snprintf(p, n, "%s/%s", dir, rel);
	return p;
}

static int
stopped(job *j)
{
	if (j->st == KLL_OK && j->c->opts.stop != NULL &&
	    j->c->opts.stop(j->c->opts.payload))
		j->st =
		    kll__error_set(j->err, KLL_EIO, NULL, 0, 0, "interrupted");
	return j->st != KLL_OK;
}

/* Size and SHA-1 of the file as it is on disk. */
static kll_status
measure(const char *path, kll__pubfile *f, kll_error *err)
{
	unsigned char buf[65536], md[20];
	kll__sha1 s;
	size_t n, i;
	FILE *fp;

	if ((fp = kll__fopen_file(path, err)) == NULL)
		return KLL_EIO;
	kll__sha1_init(&s);
	f->size = 0;
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		kll__sha1_update(&s, buf, n);
		f->size += n;
	}
	if (ferror(fp)) {
		fclose(fp);
		return kll__error_set(err, KLL_EIO, path, 0, 0,
		    "read error: %s", strerror(errno));
	}
	fclose(fp);
	kll__sha1_final(&s, md);
	for (i = 0; i < 20; i++)
		snprintf(f->sha1 + 2 * i, 3, "%02x", md[i]);
	return KLL_OK;
}

/* Open "rel" in the new folder for writing; *path gets its full name. */
static FILE *
create(job *j, const char *rel, char **path)
{
	FILE *fp;
	int fd;

	if ((*path = join(j->tmp, rel)) == NULL) {
		j->st = nomem(j->err);
		return NULL;
	}
	fd = open(*path, O_WRONLY | O_CREAT | O_TRUNC,
	    j->c->opts.owner_only ? 0600 : 0666);
	if (fd < 0 || (fp = fdopen(fd, "w")) == NULL) {
		j->st = kll__error_set(j->err, KLL_EIO, *path, 0, 0,
		    "cannot create: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	return fp;
}

/* Flush, sync and close; a failure is a write error. */
static kll_status
finish_file(job *j, FILE *fp, const char *path)
{
	int bad = fflush(fp) != 0 || ferror(fp) || fsync(fileno(fp)) != 0;

	if (fclose(fp) != 0)
		bad = 1;
	if (bad && j->st == KLL_OK)
		j->st = kll__error_set(j->err, KLL_EIO, path, 0, 0,
		    "write error: %s", strerror(errno ? errno : EIO));
	return j->st;
}

/* A distribution: its place, media type and what it is. */
static kll__pubfile *
add_file(job *j, kll__dataset *d, const char *dir, const char *ext,
    const char *tag, const char *media)
{
	kll__pubfile *f = &d->file[d->nfiles++];
	size_t n = strlen(dir) + strlen(d->id) + strlen(ext) + 2;
	char *rel;

	memset(f, 0, sizeof(*f));
	if ((rel = kll__arena_alloc(&j->c->arena, n)) == NULL) {
		j->st = nomem(j->err);
		return NULL;
	}
	snprintf(rel, n, "%s/%s%s", dir, d->id, ext);
	f->rel = rel, f->tag = tag, f->media = media;
	return f;
}

/* ------------------------------------------------------------------ */
/* Vocabularies                                                         */

#define STD_SKOS  "http://www.w3.org/2004/02/skos/core"
#define STD_XKOS  "http://rdf-vocabulary.ddialliance.org/xkos"
#define STD_SSSOM "https://w3id.org/sssom/"
#define STD_CSV   "https://www.rfc-editor.org/rfc/rfc4180"

static const struct form {
	const char *ext, *tag, *media, *syntax, *sv, *en;
} vocab_forms[] = {
	{ ".ttl", "turtle", "text/turtle", "turtle", "SKOS och XKOS i Turtle",
	    "SKOS and XKOS in Turtle" },
	{ ".rdf", "rdfxml", "application/rdf+xml", "rdfxml-abbrev",
	    "SKOS och XKOS i RDF/XML", "SKOS and XKOS in RDF/XML" },
	{ ".nt", "ntriples", "application/n-triples", "ntriples",
	    "SKOS och XKOS i N-Triples", "SKOS and XKOS in N-Triples" },
};

/* The vocabulary read back: the same triples, concepts and scheme. */
static kll_status
verify_vocab(job *j, const kll__dataset *d, const char *path)
{
	kll_vocab *v = NULL;
	size_t triples = 0;

	if (count_rdf(path, NULL, &triples, NULL, j->err) != KLL_OK)
		return j->st = j->err ? j->err->code : KLL_ESYNTAX;
	if (triples != d->triples)
		return j->st = kll__error_set(j->err, KLL_EINVALID, path, 0, 0,
		           "read back %zu triples, not the %zu of %s", triples,
		           d->triples, d->src);
	if (kll_vocab_load(&v, path, NULL, j->err) != KLL_OK)
		return j->st = j->err ? j->err->code : KLL_ESYNTAX;
	if (kll_vocab_count(v) != d->count ||
	    strcmp(kll_vocab_iri(v), d->scheme) != 0)
		j->st = kll__error_set(j->err, KLL_EINVALID, path, 0, 0,
		    "read back %zu concepts of <%s>, not the %zu of <%s>",
		    kll_vocab_count(v), kll_vocab_iri(v), d->count, d->scheme);
	kll_vocab_free(v);
	return j->st;
}

static void
write_rdf_form(job *j, kll__dataset *d, const struct form *fm)
{
	kll__pubfile *f;
	char *path = NULL;
	size_t triples = 0;
	FILE *fp;

	if (stopped(j) ||
	    (f = add_file(j, d, "vocab", fm->ext, fm->tag, fm->media)) == NULL)
		return;
	f->what_sv = fm->sv, f->what_en = fm->en;
	f->conforms[0] = STD_SKOS, f->conforms[1] = STD_XKOS;
	if ((fp = create(j, f->rel, &path)) != NULL) {
		j->st = reserialize(d->src, fp, fm->syntax, &triples, j->err);
		if (finish_file(j, fp, path) == KLL_OK &&
		    measure(path, f, j->err) != KLL_OK)
			j->st = KLL_EIO;
	}
	if (j->st == KLL_OK)
		verify_vocab(j, d, path);
	free(path);
}

/* ------------------------------------------------------------------ */
/* The CSV code list                                                    */

static void
csv_field(FILE *fp, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, fp);
		return;
	}
	fputc('"', fp);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', fp);
		fputc(*s, fp);
	}
	fputc('"', fp);
}

/* The languages of the concepts' prefLabels: sv and en first, then the
 * others sorted; at most max. */
static size_t
label_langs(const kll_vocab *v, const char **out, size_t max)
{
	size_t i, k, j, n = 0, m;
	const kll_label *lb;
	const kll_concept *c;

	out[n++] = "sv";
	out[n++] = "en";
	for (i = 0; i < kll_vocab_count(v); i++) {
		c = kll_vocab_at(v, i);
		for (k = 0; k < kll_concept_nlabels(c); k++) {
			lb = kll_concept_label_at(c, k);
			if (lb->kind != KLL_LABEL_PREF || *lb->lang == '\0')
				continue;
			for (j = 0; j < n && strcmp(out[j], lb->lang) != 0; j++)
				;
			if (j == n && n < max)
				out[n++] = lb->lang;
		}
	}
	/* Keep only the languages in use, sv and en first. */
	for (j = m = 0; j < n; j++) {
		for (i = 0; i < kll_vocab_count(v); i++)
			if (kll_concept_label(kll_vocab_at(v, i),
			        KLL_LABEL_PREF, out[j]) != NULL)
				break;
		if (i < kll_vocab_count(v))
			out[m++] = out[j];
	}
	for (j = 2; j < m; j++) /* insertion sort after sv, en */
		for (k = j; k > 2 && strcmp(out[k - 1], out[k]) > 0; k--) {
			const char *t = out[k];
			out[k] = out[k - 1], out[k - 1] = t;
		}
	return m;
}

static void
csv_parents(FILE *fp, const kll_concept *c)
{
	kll__buf b = { NULL, 0, 0 };
	const kll_concept *p;
	const char *s;
	size_t i;
	int bad = 0;

	for (i = 0; i < kll_concept_nbroader(c); i++) {
		p = kll_concept_broader(c, i);
		s = *kll_concept_notation(p) ? kll_concept_notation(p) :
		                               kll_concept_iri(p);
		bad |= (b.n > 0 && kll__buf_addc(&b, '|') < 0) ||
		       kll__buf_adds(&b, s) < 0;
	}
	for (i = 0; i < kll_concept_nexternal(c); i++)
		bad |= (b.n > 0 && kll__buf_addc(&b, '|') < 0) ||
		       kll__buf_adds(&b, kll_concept_external(c, i)) < 0;
	if (!bad && b.n > 0 && kll__buf_addc(&b, '\0') == 0)
		csv_field(fp, b.p);
	else if (bad)
		fputs("\x01", fp); /* poisons the read-back count */
	kll__buf_free(&b);
}

static void
write_csv_rows(FILE *fp, const kll_vocab *v, const char **langs, size_t nl)
{
	const kll_concept *c;
	const char *s;
	size_t i, k;

	fputs("code,parent,level,iri", fp);
	for (k = 0; k < nl; k++)
		fprintf(fp, ",label_%s", langs[k]);
	fputs("\r\n", fp);
	for (i = 0; i < kll_vocab_count(v); i++) {
		c = kll_vocab_at(v, i);
		if (*kll_concept_notation(c) == '\0')
			continue;
		csv_field(fp, kll_concept_notation(c));
		fputc(',', fp);
		csv_parents(fp, c);
		fputc(',', fp);
		if (kll_concept_level(c) > 0)
			fprintf(fp, "%d", kll_concept_level(c));
		fputc(',', fp);
		csv_field(fp, kll_concept_iri(c));
		for (k = 0; k < nl; k++) {
			fputc(',', fp);
			s = kll_concept_label(c, KLL_LABEL_PREF, langs[k]);
			csv_field(fp, s ? s : "");
		}
		fputs("\r\n", fp);
	}
}

/* The code list read back: one row per coded concept, all as wide as
 * the header. */
static kll_status
verify_csv(job *j, const kll__dataset *d, const char *path)
{
	kll_csv_opts o = KLL_CSV_OPTS_INIT;
	size_t nf, width = 0, rows = 0;
	kll_csv *csv = NULL;

	o.sep = ',';
	if (kll_csv_open(&csv, path, &o, j->err) != KLL_OK)
		return j->st = KLL_EIO;
	while ((j->st = kll_csv_next(csv, &nf, j->err)) == KLL_OK && nf > 0) {
		if (width == 0) {
			width = nf;
			continue;
		}
		if (nf != width) {
			j->st = kll__error_set(j->err, KLL_EINVALID, path,
			    kll_csv_line(csv), 0,
			    "read back %zu fields, not "
			    "%zu",
			    nf, width);
			break;
		}
		rows++;
	}
	kll_csv_free(csv);
	if (j->st == KLL_OK && rows != d->coded)
		j->st = kll__error_set(j->err, KLL_EINVALID, path, 0, 0,
		    "read back %zu codes, not the %zu of %s", rows, d->coded,
		    d->src);
	return j->st;
}

static void
write_csv(job *j, kll__dataset *d)
{
	const char *langs[32];
	kll_vocab *v = NULL;
	kll__pubfile *f;
	char *path = NULL;
	FILE *fp;

	if (stopped(j) ||
	    (f = add_file(j, d, "vocab", ".csv", "csv", "text/csv")) == NULL)
		return;
	f->what_sv = "Kodlista i CSV: kod, överordnad kod, nivå, IRI och "
	             "benämningar per språk";
	f->what_en = "Code list in CSV: code, parent code, level, IRI and "
	             "labels per language";
	f->conforms[0] = STD_CSV;
	if ((j->st = kll_vocab_load(&v, d->src, NULL, j->err)) != KLL_OK)
		return;
	if ((fp = create(j, f->rel, &path)) != NULL) {
		write_csv_rows(fp, v, langs, label_langs(v, langs, 32));
		if (finish_file(j, fp, path) == KLL_OK &&
		    measure(path, f, j->err) != KLL_OK)
			j->st = KLL_EIO;
	}
	kll_vocab_free(v);
	if (j->st == KLL_OK)
		verify_csv(j, d, path);
	free(path);
}

static void
write_vocab(job *j, kll__dataset *d)
{
	size_t i;

	for (i = 0; i < sizeof(vocab_forms) / sizeof(vocab_forms[0]); i++)
		write_rdf_form(j, d, &vocab_forms[i]);
	write_csv(j, d);
}

/* ------------------------------------------------------------------ */
/* Keys                                                                 */

static void
on_export_diag(void *payload, const kll_error *e)
{
	job *j = payload;
	kll_error d = *e;

	if (j->c->opts.diag == NULL)
		return;
	if (d.file[0] == '\0' || strcmp(d.file, "<stdout>") == 0)
		snprintf(d.file, sizeof(d.file), "%s", "");
	j->c->opts.diag(j->c->opts.payload, &d);
}

static kll_status
verify_tsv(job *j, const kll__dataset *d, const char *path)
{
	kll_mapset *m = NULL;

	if (kll_mapset_read(&m, path, NULL, j->err) != KLL_OK)
		return j->st = j->err ? j->err->code : KLL_EINVALID;
	if (kll_mapset_count(m) != d->count)
		j->st = kll__error_set(j->err, KLL_EINVALID, path, 0, 0,
		    "read back %zu mappings, not the %zu of %s",
		    kll_mapset_count(m), d->count, d->src);
	kll_mapset_free(m);
	return j->st;
}

static void
write_tsv(job *j, kll__dataset *d)
{
	kll__pubfile *f;
	char *path = NULL;
	FILE *fp;

	if (stopped(j) || (f = add_file(j, d, "mappings", ".sssom.tsv", "sssom",
	                       "text/tab-separated-values")) == NULL)
		return;
	f->what_sv = "Mappningarna i SSSOM/TSV";
	f->what_en = "The mappings in SSSOM/TSV";
	f->conforms[0] = STD_SSSOM;
	if ((fp = create(j, f->rel, &path)) != NULL) {
		j->st = kll_mapset_write(d->m, fp, j->err);
		if (finish_file(j, fp, path) == KLL_OK &&
		    measure(path, f, j->err) != KLL_OK)
			j->st = KLL_EIO;
	}
	if (j->st == KLL_OK)
		verify_tsv(j, d, path);
	free(path);
}

/* The export's triples: its N-Triples lines. */
static kll_status
export_count(job *j, const kll__dataset *d, kll_export_form form, size_t *n)
{
	kll_export_opts o = KLL_EXPORT_OPTS_INIT;
	char *buf = NULL;
	size_t len = 0, i;
	FILE *fp;

	o.form = form, o.syntax = "ntriples", o.dirs = j->c->opts.dirs;
	if ((fp = open_memstream(&buf, &len)) == NULL)
		return j->st = nomem(j->err);
	j->st = kll_mapset_export(d->m, &o, fp, d->src, NULL, j->err);
	fclose(fp);
	for (*n = 0, i = 0; j->st == KLL_OK && i < len; i++)
		if (buf[i] == '\n')
			(*n)++;
	free(buf);
	return j->st;
}

static void
write_export(job *j, kll__dataset *d, kll_export_form form)
{
	int x = form == KLL_EXPORT_XKOS;
	kll_export_opts o = KLL_EXPORT_OPTS_INIT;
	kll_export_stats stats;
	size_t want = 0, got = 0, typed = 0;
	kll__pubfile *f;
	char *path = NULL;
	FILE *fp;

	if (stopped(j) ||
	    (f = add_file(j, d, "mappings", x ? ".xkos.ttl" : ".skos.ttl",
	         x ? "xkos" : "skos", "text/turtle")) == NULL)
		return;
	f->what_sv =
	    x ? "XKOS-korrespondens i Turtle" : "SKOS-mappningar i Turtle";
	f->what_en = x ? "XKOS correspondence in Turtle" :
	                 "SKOS mapping triples in Turtle";
	f->conforms[0] = x ? STD_XKOS : STD_SKOS;
	o.form = form, o.syntax = "turtle", o.dirs = j->c->opts.dirs;
	o.diag = on_export_diag, o.payload = j;
	if ((fp = create(j, f->rel, &path)) != NULL) {
		j->st = kll_mapset_export(d->m, &o, fp, d->src, &stats, j->err);
		if (finish_file(j, fp, path) == KLL_OK &&
		    measure(path, f, j->err) != KLL_OK)
			j->st = KLL_EIO;
	}
	if (j->st == KLL_OK && export_count(j, d, form, &want) == KLL_OK &&
	    count_rdf(path, x ? NS_XKOS "ConceptAssociation" : NULL, &got,
	        &typed, j->err) != KLL_OK)
		j->st = j->err ? j->err->code : KLL_ESYNTAX;
	if (j->st == KLL_OK && (got != want || (x && typed != stats.groups)))
		j->st = kll__error_set(j->err, KLL_EINVALID, path, 0, 0,
		    "read back %zu triples and %zu associations, not %zu and "
		    "%zu",
		    got, typed, want, x ? stats.groups : typed);
	if (x)
		d->count2 = stats.groups;
	free(path);
}

static void
write_key(job *j, kll__dataset *d)
{
	/* A key published without a date of its own gets this one. */
	if (d->own_issued == NULL && d->issued != NULL &&
	    kll_mapset_meta(d->m, "publication_date") == NULL)
		j->st = kll_mapset_set_meta(
		    d->m, "publication_date", d->issued, j->err);
	if (j->st != KLL_OK)
		return;
	write_tsv(j, d);
	write_export(j, d, KLL_EXPORT_SKOS);
	write_export(j, d, KLL_EXPORT_XKOS);
}

/* ------------------------------------------------------------------ */
/* The catalog and the page                                             */

static void
write_catalog(job *j)
{
	size_t ntriples = 0, got = 0, typed = 0;
	char *path = NULL;
	FILE *fp;

	if (stopped(j) || (fp = create(j, "catalog.rdf", &path)) == NULL) {
		free(path);
		return;
	}
	j->st = kll__catalog_write_rdf(j->c, fp, path, &ntriples, j->err);
	finish_file(j, fp, path);
	if (j->st == KLL_OK &&
	    count_rdf(path, NS_DCAT "Dataset", &got, &typed, j->err) != KLL_OK)
		j->st = j->err ? j->err->code : KLL_ESYNTAX;
	if (j->st == KLL_OK && (got != ntriples || typed != j->c->nds))
		j->st = kll__error_set(j->err, KLL_EINVALID, path, 0, 0,
		    "read back %zu triples and %zu datasets, not %zu and %zu",
		    got, typed, ntriples, j->c->nds);
	free(path);
}

void
kll__html_text(FILE *fp, const char *s)
{
	for (; s != NULL && *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", fp);
			break;
		case '<':
			fputs("&lt;", fp);
			break;
		case '>':
			fputs("&gt;", fp);
			break;
		case '"':
			fputs("&quot;", fp);
			break;
		case '\'':
			fputs("&#39;", fp);
			break;
		default:
			fputc(*s, fp);
		}
	}
}

int
kll__html_link(FILE *fp, const char *href, const char *text, int kind)
{
	int ok = href != NULL && kll__link_ok(href, kind);

	if (ok) {
		fputs("<a href=\"", fp);
		kll__html_text(fp, href);
		fputs("\">", fp);
	}
	kll__html_text(fp, text);
	if (ok)
		fputs("</a>", fp);
	return ok ? 0 : -1;
}

/* <TAG lang=..>text</TAG> when text is there. */
static void
html_elem(FILE *fp, const char *tag, const char *cls, const char *lang,
    const char *text)
{
	if (text == NULL)
		return;
	fprintf(fp, "<%s", tag);
	if (cls != NULL)
		fprintf(fp, " class=\"%s\"", cls);
	if (lang != NULL)
		fprintf(fp, " lang=\"%s\"", lang);
	fputc('>', fp);
	kll__html_text(fp, text);
	fprintf(fp, "</%s>\n", tag);
}

static const char css[] =
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem "
    "auto;padding:0 1rem;line-height:1.45;color:#1b1b1b}\n"
    "h1{margin-bottom:.2rem}h2{margin:2.2rem 0 .2rem;border-top:1px solid "
    "#ccc;padding-top:1rem}\n"
    ".en{color:#555;margin-top:0}\n"
    "table{border-collapse:collapse;width:100%;font-size:.95rem}\n"
    "th,td{text-align:left;padding:.25rem .6rem;border-bottom:1px solid "
    "#e3e3e3}\n"
    "td.num{text-align:right;font-variant-numeric:tabular-nums}\n"
    "code{font-size:.8rem;color:#555}\n"
    ".counts strong{font-size:1.1rem}\n";

static void
html_head(FILE *fp, kll_catalog *c)
{
	const char *t = kll_pubconf_get(c->conf, "title-sv");

	if (t == NULL)
		t = kll_pubconf_get(c->conf, "title-en");
	fputs("<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n"
	      "<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, "
	      "initial-scale=1\">\n",
	    fp);
	html_elem(fp, "title", NULL, NULL, t);
	fprintf(fp,
	    "<link rel=\"alternate\" type=\"application/rdf+xml\" "
	    "href=\"catalog.rdf\">\n<style>\n%s</style>\n</head>\n"
	    "<body>\n<header>\n",
	    css);
}

static void
html_header(FILE *fp, kll_catalog *c)
{
	const kll_pubconf *k = c->conf;
	const char *sv = kll_pubconf_get(k, "title-sv");
	const char *m = kll_pubconf_get(k, "modified");

	html_elem(fp, "h1", NULL, sv ? NULL : "en",
	    sv ? sv : kll_pubconf_get(k, "title-en"));
	if (sv != NULL)
		html_elem(fp, "p", "en", "en", kll_pubconf_get(k, "title-en"));
	html_elem(fp, "p", NULL, NULL, kll_pubconf_get(k, "description-sv"));
	html_elem(fp, "p", "en", "en", kll_pubconf_get(k, "description-en"));
	fputs("<p>Utgivare · Publisher: ", fp);
	kll__html_text(fp, kll_pubconf_get(k, "publisher"));
	fputs(" · Kontakt · Contact: <a href=\"mailto:", fp);
	kll__html_text(fp, kll_pubconf_get(k, "email"));
	fputs("\">", fp);
	kll__html_text(fp, kll_pubconf_get(k, "email"));
	fputs("</a>", fp);
	if (m != NULL) {
		fputs(" · Uppdaterad · Modified: <time>", fp);
		kll__html_text(fp, m);
		fputs("</time>", fp);
	}
	fputs("</p>\n<p>Katalog för Sveriges dataportal (DCAT-AP-SE) · "
	      "Catalog for Sveriges dataportal: <a href=\"catalog.rdf\">"
	      "catalog.rdf</a></p>\n</header>\n<main>\n",
	    fp);
}

static void
html_counts(FILE *fp, const kll__dataset *d)
{
	fprintf(fp,
	    "<p class=\"counts\"><strong class=\"count\">%zu</strong> "
	    "%s",
	    d->count,
	    d->kind == KLL__VOCAB ? "begrepp · concepts" :
	                            "mappningar · mappings");
	if (d->count2 > 0)
		fprintf(fp, ", <strong class=\"count2\">%zu</strong> %s",
		    d->count2,
		    d->kind == KLL__VOCAB ? "nivåer · levels" :
		                            "begreppsassociationer · concept "
		                            "associations");
	fputs("</p>\n", fp);
}

static void
html_files(FILE *fp, const kll__dataset *d)
{
	const kll__pubfile *f;
	const char *base;
	size_t i;

	fputs("<table>\n<thead><tr><th>Fil · File</th><th>Format</th>"
	      "<th>Byte</th><th>SHA-1</th></tr></thead>\n<tbody>\n",
	    fp);
	for (i = 0; i < d->nfiles; i++) {
		f = &d->file[i];
		base = strrchr(f->rel, '/');
		fputs("<tr><td><a href=\"", fp);
		kll__html_text(fp, f->rel);
		fputs("\">", fp);
		kll__html_text(fp, base ? base + 1 : f->rel);
		fputs("</a></td><td>", fp);
		kll__html_text(fp, f->media);
		fprintf(fp,
		    "</td><td class=\"num\">%llu</td><td><code>%s"
		    "</code></td></tr>\n",
		    (unsigned long long)f->size, f->sha1);
	}
	fputs("</tbody>\n</table>\n", fp);
}

static void
html_dataset(FILE *fp, const kll__dataset *d)
{
	fputs("<section id=\"", fp);
	kll__html_text(fp, d->id);
	fputs("\">\n", fp);
	html_elem(fp, "h2", NULL, d->title[0] ? NULL : "en",
	    d->title[0] ? d->title[0] : d->title[1]);
	if (d->title[0] != NULL)
		html_elem(fp, "p", "en", "en", d->title[1]);
	html_elem(fp, "p", NULL, NULL, d->desc[0]);
	html_elem(fp, "p", "en", "en", d->desc[1]);
	html_counts(fp, d);
	html_files(fp, d);
	fputs("<p>", fp);
	if (d->license != NULL) {
		fputs("Licens · Licence: ", fp);
		kll__html_link(fp, d->license, d->license, KLL__LINK_WEB);
	}
	if (d->version != NULL) {
		fputs(d->license ? " · Version: " : "Version: ", fp);
		kll__html_text(fp, d->version);
	}
	if (d->issued != NULL) {
		fputs(d->license || d->version ? " · " : "", fp);
		fputs("Utgiven · Issued: <time>", fp);
		kll__html_text(fp, d->issued);
		fputs("</time>", fp);
	}
	fputs(" · Id: <code>", fp);
	kll__html_text(fp, d->uuid);
	fputs("</code></p>\n</section>\n", fp);
}

static void
write_html(job *j)
{
	char *path = NULL;
	size_t i;
	FILE *fp;

	if (stopped(j) || (fp = create(j, "index.html", &path)) == NULL) {
		free(path);
		return;
	}
	html_head(fp, j->c);
	html_header(fp, j->c);
	for (i = 0; i < j->c->nds; i++)
		html_dataset(fp, &j->c->ds[i]);
	fprintf(fp,
	    "</main>\n<footer><p>kll-publish %s</p></footer>\n"
	    "</body>\n</html>\n",
	    KLL_VERSION);
	finish_file(j, fp, path);
	free(path);
}

/* ------------------------------------------------------------------ */
/* The folder                                                           */

/* Remove "path" and all below it. */
static int
remove_tree(const char *path)
{
	struct dirent *e;
	struct stat sb;
	char *sub;
	DIR *dp;
	int r = 0;

	if (lstat(path, &sb) != 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(sb.st_mode))
		return unlink(path);
	if ((dp = opendir(path)) == NULL)
		return -1;
	while ((e = readdir(dp)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if ((sub = join(path, e->d_name)) == NULL) {
			r = -1;
			break;
		}
		if (remove_tree(sub) != 0)
			r = -1;
		free(sub);
	}
	closedir(dp);
	return rmdir(path) != 0 ? -1 : r;
}

/* Whether an existing folder may be replaced: it is empty or holds a
 * catalog.rdf (an earlier output). */
static kll_status
replaceable(const char *dir, kll_error *err)
{
	struct dirent *e;
	struct stat sb;
	int empty = 1, ours = 0;
	DIR *dp;

	if (stat(dir, &sb) != 0) {
		if (errno == ENOENT)
			return KLL_OK;
		return kll__error_set(err, KLL_EIO, dir, 0, 0,
		    "cannot stat: %s", strerror(errno));
	}
	if (!S_ISDIR(sb.st_mode))
		return kll__error_set(
		    err, KLL_EARG, dir, 0, 0, "exists and is not a folder");
	if ((dp = opendir(dir)) == NULL)
		return kll__error_set(err, KLL_EIO, dir, 0, 0,
		    "cannot open: %s", strerror(errno));
	while ((e = readdir(dp)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		empty = 0;
		if (strcmp(e->d_name, "catalog.rdf") == 0)
			ours = 1;
	}
	closedir(dp);
	if (!empty && !ours)
		return kll__error_set(err, KLL_EARG, dir, 0, 0,
		    "is not empty and holds no catalog.rdf: kll-publish "
		    "replaces only a folder it wrote");
	return KLL_OK;
}

/* "dir" without trailing slashes, through a symbolic link to the folder
 * it names, so that the new folder goes beside the real one. */
static char *
target_of(const char *dir)
{
	char *p, *real;
	size_t n;

	if ((p = kll__strdup(dir)) == NULL)
		return NULL;
	n = strlen(p);
	while (n > 1 && p[n - 1] == '/')
		p[--n] = '\0';
	if ((real = realpath(p, NULL)) != NULL) {
		free(p);
		return real;
	}
	return p;
}

static kll_status
make_dirs(job *j)
{
	static const char *const sub[2] = { "vocab", "mappings" };
	char *p;
	size_t i, k;

	for (k = 0; k < 2; k++) {
		for (i = 0; i < j->c->nds; i++)
			if (j->c->ds[i].kind == (kll__dskind)k)
				break;
		if (i == j->c->nds)
			continue;
		if ((p = join(j->tmp, sub[k])) == NULL)
			return j->st = nomem(j->err);
		if (mkdir(p, j->c->opts.owner_only ? 0700 : 0777) != 0)
			j->st = kll__error_set(j->err, KLL_EIO, p, 0, 0,
			    "cannot create: %s", strerror(errno));
		free(p);
	}
	return j->st;
}

/* Move the new folder in: the old one aside, the new one in its place,
 * the old one removed. */
static kll_status
swap_in(kll_catalog *c, const char *tmp, const char *dir, kll_error *err)
{
	char *old = NULL;
	size_t n = strlen(dir) + 16;
	struct stat sb;
	kll_status st = KLL_OK;

	if (lstat(dir, &sb) != 0) {
		if (rename(tmp, dir) != 0)
			st = kll__error_set(err, KLL_EIO, dir, 0, 0,
			    "cannot move the new folder in: %s",
			    strerror(errno));
		return st;
	}
	if ((old = kll__malloc(n)) == NULL)
		return nomem(err);
	snprintf(old, n, "%s.oldXXXXXX", dir);
	if (mkdtemp(old) == NULL || rename(dir, old) != 0) {
		st = kll__error_set(err, KLL_EIO, dir, 0, 0,
		    "cannot move the old folder aside: %s", strerror(errno));
		rmdir(old);
	} else if (rename(tmp, dir) != 0) {
		st = kll__error_set(err, KLL_EIO, dir, 0, 0,
		    "cannot move the new folder in: %s", strerror(errno));
		rename(old, dir);
	} else if (remove_tree(old) != 0) {
		kll__catalog_diag(c, KLL_SEV_WARNING, "publish-old-folder", old,
		    0, "cannot remove the previous output: %s",
		    strerror(errno));
	}
	free(old);
	return st;
}

static void
write_all(job *j)
{
	size_t i;

	if (make_dirs(j) != KLL_OK)
		return;
	for (i = 0; i < j->c->nds && j->st == KLL_OK; i++) {
		if (j->c->ds[i].kind == KLL__VOCAB)
			write_vocab(j, &j->c->ds[i]);
		else
			write_key(j, &j->c->ds[i]);
	}
	if (j->st == KLL_OK)
		write_catalog(j);
	if (j->st == KLL_OK)
		write_html(j);
}

/* The mode of the new folder: that of the one it replaces, else 0777
 * less the umask; at most 0700 when owner_only. */
static mode_t
folder_mode(const kll_catalog *c, const char *dir)
{
	mode_t um, mode;
	struct stat sb;

	if (stat(dir, &sb) == 0) {
		mode = sb.st_mode & 0777;
	} else {
		um = umask(0);
		umask(um);
		mode = 0777 & ~um;
	}
	return c->opts.owner_only ? mode & 0700 : mode;
}

kll_status
kll_catalog_publish(kll_catalog *c, const char *dir, kll_error *err)
{
	char *target = NULL, *tmp = NULL;
	size_t i, n;
	job j;

	memset(&j, 0, sizeof(j));
	j.c = c, j.err = err;
	if ((j.st = kll__catalog_complete(c, err)) != KLL_OK)
		return j.st;
	if (c->nerrors > 0)
		return kll__error_set(err, KLL_EINVALID, NULL, 0, 0,
		    "%zu error%s in the catalog: nothing written", c->nerrors,
		    c->nerrors == 1 ? "" : "s");
	for (i = 0; i < c->nds; i++)
		c->ds[i].nfiles = 0;
	if ((target = target_of(dir)) == NULL)
		return nomem(err);
	if ((j.st = replaceable(target, err)) != KLL_OK)
		goto out;
	n = strlen(target) + 16;
	if ((tmp = kll__malloc(n)) == NULL) {
		j.st = nomem(err);
		goto out;
	}
	snprintf(tmp, n, "%s.tmpXXXXXX", target);
	if (mkdtemp(tmp) == NULL) {
		j.st = kll__error_set(err, KLL_EIO, target, 0, 0,
		    "cannot create a folder beside it: %s", strerror(errno));
		free(tmp);
		tmp = NULL;
		goto out;
	}
	chmod(tmp, folder_mode(c, target)); /* mkdtemp makes 0700 */
	j.tmp = tmp;
	write_all(&j);
	if (j.st == KLL_OK && !stopped(&j))
		j.st = swap_in(c, tmp, target, err);
out:
	if (tmp != NULL && j.st != KLL_OK)
		remove_tree(tmp);
	free(tmp);
	free(target);
	return j.st;
}
