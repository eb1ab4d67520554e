/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map_import.c: key tables as SCB and Eurostat publish them (two code
 * columns, maybe labels, notes and a relation) to SSSOM mapping sets,
 * with codes normalised and checked against both vocabularies and the
 * predicate derived from the shape of the key where the table gives
 * none. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "encoding.h"

typedef struct pair {
	uint32_t s, o;    /* concept index + 1; 0: unknown */
	const char *pred; /* from the table, or NULL: derived */
	const char *comment;
	unsigned line;
} pair;

typedef struct side {
	kll_vocab *v;
	const char *prefix; /* CURIE prefix of its concepts */
	char ns[512];       /* and the namespace it stands for */
	int col;
	uint32_t *deg; /* per concept: how many partners */
} side;

typedef struct kll__imp {
	const kll_mapimport_opts *o;
	const char *name; /* the table, for messages */
	kll_error *err;
	kll_mapset *m;
	side sd[2];
	int col_pred, col_comment;
	pair *p;
	size_t n, cap;
	kll__arena arena;
	kll__problems pr; /* the input's problems, reported */
	kll_error local;  /* where errors go when the caller gives none */
} imp;

/* A CURIE prefix from a vocabulary id: its letters and digits. */
static void
prefix_from_id(char *out, size_t size, const char *id)
{
	size_t j = 0;

	for (; *id && j + 1 < size; id++)
		if ((*id >= 'a' && *id <= 'z') || (*id >= 'A' && *id <= 'Z') ||
		    (*id >= '0' && *id <= '9'))
			out[j++] = *id;
	out[j] = '\0';
	if (j == 0 || (out[0] >= '0' && out[0] <= '9'))
		snprintf(out, size, "v%.*s", (int)(size - 2), id);
}

static kll_status
declare(imp *im, const char *name, const char *iri)
{
	const char *have = kll_mapset_prefix(im->m, name);

	if (have != NULL && strcmp(have, iri) != 0)
		return kll__error_set(im->err, KLL_EINVALID, NULL, 0, 0,
		    "prefix '%s' would stand for both <%s> and <%s>: give "
		    "another with --subject-prefix or --object-prefix",
		    name, have, iri);
	return kll_mapset_add_prefix(im->m, name, iri, im->err);
}

/* Load a side's vocabulary and settle the prefix of its concepts. */
static kll_status
open_side(imp *im, int k, const char *vocab, const char *prefix)
{
	side *sd = &im->sd[k];
	const kll_concept *c;
	char buf[64];
	size_t n;
	kll_status st;

	if ((st = kll_vocab_open(&sd->v, vocab, im->o->dirs, NULL, im->err)) !=
	    KLL_OK)
		return st;
	c = kll_vocab_at(sd->v, 0);
	n = kll__iri_namespace_len(kll_concept_iri(c));
	if (n == 0 || n >= sizeof(sd->ns))
		return kll__error_set(im->err, KLL_EINVALID,
		    kll_vocab_path(sd->v), 0, 0,
		    "cannot tell the namespace of <%s>", kll_concept_iri(c));
	memcpy(sd->ns, kll_concept_iri(c), n);
	sd->ns[n] = '\0';
	if (prefix == NULL) {
		prefix_from_id(buf, sizeof(buf), kll_vocab_id(sd->v));
		prefix = buf;
	}
	if ((sd->prefix = kll__arena_strdup(&im->arena, prefix)) == NULL)
		return KLL_ENOMEM;
	if ((sd->deg = kll__calloc(
	         kll_vocab_count(sd->v) + 1, sizeof(*sd->deg))) == NULL)
		return KLL_ENOMEM;
	return declare(im, sd->prefix, sd->ns);
}

/* Unknown columns named one by one; the rest are counted. */
#define MAX_UNKNOWN 10

/* A column by header name or 1-based number; -1 if absent. */
static int
find_column(kll_csv *c, size_t nf, const char *want)
{
	char *end;
	long k;
	size_t i;

	if (want == NULL)
		return -1;
	k = strtol(want, &end, 10);
	if (*want != '\0' && *end == '\0')
		return k >= 1 && (size_t)k <= nf ? (int)k - 1 : -2;
	for (i = 0; i < nf; i++)
		if (strcmp(kll_csv_field(c, i, NULL), want) == 0)
			return (int)i;
	return -2;
}

/* A column the options name that the header lacks, with the header's
 * name closest to it. */
static kll_status
no_column(imp *im, kll_csv *c, size_t nf, const char *want)
{
	const char *cands[64], *best;
	size_t i, n = 0;

	for (i = 0; i < nf && n < 64; i++)
		cands[n++] = kll_csv_field(c, i, NULL);
	if ((best = kll__closest(want, cands, n)) != NULL)
		return kll__error_set(im->err, KLL_EARG, im->name,
		    kll_csv_line(c), 0,
		    "no column '%s' in the header (did you mean '%s'?)", want,
		    best);
	return kll__error_set(im->err, KLL_EARG, im->name, kll_csv_line(c), 0,
	    "no column '%s' in the header", want);
}

/* Every column is read or declared extra: one the options do not name
 * is an error, so that a misspelt header is not dropped unseen. */
static void
unused_columns(imp *im, kll_csv *c, size_t nf, const int *got)
{
	unsigned col = 1;
	size_t i, n = 0;
	const char *f;
	int k, used;

	for (i = 0; i < nf; i++) {
		f = kll_csv_field(c, i, NULL);
		for (used = 0, k = 0; k < 4; k++)
			used |= got[k] == (int)i;
		if (!used &&
		    !kll__extra_column(
		        im->o->extra_columns, im->o->nextra_columns, f) &&
		    n++ < MAX_UNKNOWN)
			kll__problem_at(&im->pr, im->name, kll_csv_line(c), col,
			    "map-unknown-column",
			    "unknown column '%s' (read it with "
			    "--predicate-column or --comment-column, or leave "
			    "it out with --extra-column)",
			    f);
		col += (unsigned)strlen(f) + 1;
	}
	if (n > MAX_UNKNOWN)
		kll__problem(&im->pr, im->name, kll_csv_line(c),
		    "map-unknown-column", "%zu more unknown columns",
		    n - MAX_UNKNOWN);
}

static kll_status
read_header(void *ctx, kll_csv *c, size_t nf)
{
	imp *im = ctx;
	const kll_mapimport_opts *o = im->o;
	const char *want[4] = { o->subject_column ? o->subject_column : "1",
		o->object_column ? o->object_column : "2", o->predicate_column,
		o->comment_column };
	int got[4], i;

	if (kll__table_wrong_sep(&im->pr, im->name, c, nf, "map-separator") !=
	    KLL_OK)
		return KLL_EINVALID;
	for (i = 0; i < 4; i++) {
		got[i] = find_column(c, nf, want[i]);
		if (got[i] == -2)
			return no_column(im, c, nf, want[i]);
	}
	unused_columns(im, c, nf, got);
	im->sd[0].col = got[0];
	im->sd[1].col = got[1];
	im->col_pred = got[2];
	im->col_comment = got[3];
	return KLL_OK;
}

/* The predicate a table cell names: a CURIE, or one of SKOS's words. */
static const char *
table_predicate(const char *s)
{
	static const struct {
		const char *word, *curie;
	} tab[] = {
		{ "exact", "skos:exactMatch" },
		{ "close", "skos:closeMatch" },
		{ "broad", "skos:broadMatch" },
		{ "narrow", "skos:narrowMatch" },
		{ "related", "skos:relatedMatch" },
		{ "=", "skos:exactMatch" },
		{ "<", "skos:broadMatch" },
		{ ">", "skos:narrowMatch" },
		{ "~", "skos:closeMatch" },
	};
	size_t i, n;

	if (strchr(s, ':') != NULL)
		return s;
	for (i = 0; i < sizeof(tab) / sizeof(tab[0]); i++) {
		n = strlen(tab[i].word);
		if (strncmp(s, tab[i].word, n) == 0 &&
		    (s[n] == '\0' || strcmp(s + n, "Match") == 0 ||
		        strcmp(s + n, "-match") == 0 ||
		        strcmp(s + n, "_match") == 0))
			return tab[i].curie;
	}
	return NULL;
}

static uint32_t
lookup(imp *im, int k, const char *code, const char *file, unsigned line)
{
	const kll_concept *c;

	if ((c = kll_vocab_find_loose(im->sd[k].v, code)) != NULL)
		return (uint32_t)kll_concept_index(c) + 1;
	kll__problem(&im->pr, file, line,
	    k == 0 ? "map-unknown-subject" : "map-unknown-object",
	    "unknown code '%s' in %s", code, kll_vocab_id(im->sd[k].v));
	return 0;
}

static kll_status
add_pair(void *ctx, kll_csv *c, size_t nf)
{
	imp *im = ctx;
	unsigned line = kll_csv_line(c);
	const char *sc, *oc, *pc;
	pair *p;

	if ((size_t)im->sd[0].col >= nf || (size_t)im->sd[1].col >= nf) {
		kll__problem(&im->pr, im->name, line, "map-columns",
		    "row has %zu field%s, too few for the code columns", nf,
		    nf == 1 ? "" : "s");
		return KLL_OK;
	}
	sc = kll_csv_field(c, (size_t)im->sd[0].col, NULL);
	oc = kll_csv_field(c, (size_t)im->sd[1].col, NULL);
	if (*sc == '\0') {
		kll__problem(&im->pr, im->name, line, "map-no-subject",
		    "empty subject code");
		return KLL_OK;
	}
	if (kll__grow(&im->p, &im->cap, im->n, sizeof(*im->p)) < 0)
		return KLL_ENOMEM;
	p = &im->p[im->n];
	memset(p, 0, sizeof(*p));
	p->line = line;
	p->s = lookup(im, 0, sc, im->name, line);
	/* An empty object: the table says nothing corresponds. */
	p->o = *oc == '\0' ? 0 : lookup(im, 1, oc, im->name, line);
	if (im->col_pred >= 0 && (size_t)im->col_pred < nf &&
	    *(pc = kll_csv_field(c, (size_t)im->col_pred, NULL)) != '\0' &&
	    (p->pred = table_predicate(pc)) == NULL)
		kll__problem(&im->pr, im->name, line, "map-bad-predicate",
		    "unknown relation '%s': give a CURIE or exact, close, "
		    "broad, narrow, related",
		    pc);
	if (p->pred != NULL &&
	    (p->pred = kll__arena_strdup(&im->arena, p->pred)) == NULL)
		return KLL_ENOMEM;
	if (im->col_comment >= 0 && (size_t)im->col_comment < nf &&
	    (p->comment = kll__arena_strdup(&im->arena,
	         kll_csv_field(c, (size_t)im->col_comment, NULL))) == NULL)
		return KLL_ENOMEM;
	im->n++;
	return KLL_OK;
}

static int
cmp_pair(const void *a, const void *b)
{
	const pair *x = a, *y = b;

	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	if (x->o != y->o)
		return x->o < y->o ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* Sort, drop repeated pairs (reporting them), and count each concept's
 * partners. */
static void
dedupe(imp *im)
{
	size_t i, j = 0;

	qsort(im->p, im->n, sizeof(*im->p), cmp_pair);
	for (i = 0; i < im->n; i++) {
		if (j > 0 && im->p[j - 1].s == im->p[i].s &&
		    im->p[j - 1].o == im->p[i].o) {
			kll__problem(&im->pr, im->name, im->p[i].line,
			    "map-duplicate-row",
			    "the pair is already on line %u",
			    im->p[j - 1].line);
			continue;
		}
		im->p[j++] = im->p[i];
	}
	im->n = j;
	for (i = 0; i < im->n; i++)
		if (im->p[i].o != 0) {
			im->sd[0].deg[im->p[i].s]++;
			im->sd[1].deg[im->p[i].o]++;
		}
}

/* The rule of the man page: a pair alone on both sides is exact; one of
 * several targets of its subject is narrow (the subject is broader); one
 * of several subjects of its target is broad; part of an n:m group is
 * related. */
const char *
kll__shape_predicate(uint32_t out, uint32_t in)
{
	if (out <= 1 && in <= 1)
		return "skos:exactMatch";
	if (in <= 1)
		return "skos:narrowMatch";
	if (out <= 1)
		return "skos:broadMatch";
	return "skos:relatedMatch";
}

const char *
kll__shape_cardinality(uint32_t out, uint32_t in)
{
	if (out <= 1 && in <= 1)
		return "1:1";
	if (in <= 1)
		return "1:n";
	if (out <= 1)
		return "n:1";
	return "n:n";
}

static const char *
label_of(const kll_concept *c, const char *lang)
{
	const char *s = NULL;

	if (lang != NULL)
		s = kll_concept_label(c, KLL_LABEL_PREF, lang);
	if (s == NULL)
		s = kll_concept_label(c, KLL_LABEL_PREF, "sv");
	if (s == NULL)
		s = kll_concept_label(c, KLL_LABEL_PREF, "en");
	if (s == NULL)
		s = kll_concept_label(c, KLL_LABEL_PREF, NULL);
	return s;
}

static kll_status
set_side(imp *im, size_t rec, int k, uint32_t idx)
{
	const kll_concept *c = kll_vocab_at(im->sd[k].v, idx - 1);
	char curie[1024];
	kll_status st;

	snprintf(curie, sizeof(curie), "%s:%s", im->sd[k].prefix,
	    kll_concept_iri(c) + strlen(im->sd[k].ns));
	if (strncmp(kll_concept_iri(c), im->sd[k].ns, strlen(im->sd[k].ns)))
		return kll__error_set(im->err, KLL_EINVALID, NULL, 0, 0,
		    "<%s> is outside the namespace <%s>", kll_concept_iri(c),
		    im->sd[k].ns);
	if ((st = kll_mapset_set(im->m, rec,
	         k ? KLL_SLOT_OBJECT_ID : KLL_SLOT_SUBJECT_ID, curie,
	         im->err)) != KLL_OK)
		return st;
	return kll_mapset_set(im->m, rec,
	    k ? KLL_SLOT_OBJECT_LABEL : KLL_SLOT_SUBJECT_LABEL,
	    label_of(c, k ? im->o->object_lang : im->o->subject_lang), im->err);
}

static kll_status
add_record(imp *im, const pair *p)
{
	const char *just = im->o->justification ?
	                       im->o->justification :
	                       "semapv:ManualMappingCuration";
	uint32_t out = im->sd[0].deg[p->s], in = p->o ? im->sd[1].deg[p->o] : 0;
	size_t rec;
	kll_status st;

	if ((st = kll_mapset_add(im->m, &rec, im->err)) != KLL_OK ||
	    (st = set_side(im, rec, 0, p->s)) != KLL_OK)
		return st;
	if (p->o == 0) {
		if ((st = kll_mapset_set(im->m, rec, KLL_SLOT_OBJECT_ID,
		         "sssom:NoTermFound", im->err)) != KLL_OK ||
		    (st = kll_mapset_set(im->m, rec, KLL_SLOT_PREDICATE_ID,
		         "skos:exactMatch", im->err)) != KLL_OK ||
		    (st = kll_mapset_set(im->m, rec,
		         KLL_SLOT_MAPPING_CARDINALITY, "1:0", im->err)) !=
		        KLL_OK)
			return st;
	} else if ((st = set_side(im, rec, 1, p->o)) != KLL_OK ||
	           (st = kll_mapset_set(im->m, rec, KLL_SLOT_PREDICATE_ID,
	                p->pred ? p->pred : kll__shape_predicate(out, in),
	                im->err)) != KLL_OK ||
	           (st = kll_mapset_set(im->m, rec,
	                KLL_SLOT_MAPPING_CARDINALITY,
	                kll__shape_cardinality(out, in), im->err)) != KLL_OK) {
		return st;
	}
	if ((st = kll_mapset_set(im->m, rec, KLL_SLOT_MAPPING_JUSTIFICATION,
	         just, im->err)) != KLL_OK)
		return st;
	if (p->comment != NULL && *p->comment != '\0')
		return kll_mapset_set(
		    im->m, rec, KLL_SLOT_COMMENT, p->comment, im->err);
	return KLL_OK;
}

/* A CURIE for a scheme IRI: with a prefix already declared, else with one
 * for the IRI's namespace, named after its last path segment. */
static kll_status
scheme_curie(imp *im, const char *iri, char *out, size_t size)
{
	char ns[512], name[64];
	size_t n = kll__iri_namespace_len(iri), len;
	const char *seg;

	len = kll_mapset_contract(im->m, iri, out, size);
	if (len > 0 && len < size)
		return KLL_OK;
	if (n == 0 || n >= sizeof(ns))
		return kll__error_set(im->err, KLL_EINVALID, NULL, 0, 0,
		    "cannot make a CURIE of <%s>", iri);
	memcpy(ns, iri, n);
	ns[n] = '\0';
	if (strcmp(ns, KLL_BASE_IRI) == 0) {
		snprintf(name, sizeof(name), "kll");
	} else {
		ns[n - 1] = '\0';
		seg = strrchr(ns, '/');
		prefix_from_id(name, sizeof(name), seg ? seg + 1 : ns);
		ns[n - 1] = iri[n - 1];
	}
	if (declare(im, name, ns) != KLL_OK)
		return im->err ? im->err->code : KLL_EINVALID;
	snprintf(out, size, "%s:%s", name, iri + n);
	return KLL_OK;
}

/* The set's links reach published pages and the catalog: the web's
 * schemes only, and urn: for the set's identifier. */
static kll_status
check_links(imp *im)
{
	const struct {
		const char *slot, *value;
		int kind;
	} v[] = {
		{ "mapping_set_id", im->o->mapping_set_id, KLL__LINK_ID },
		{ "license", im->o->license, KLL__LINK_WEB },
		{ "mapping_provider", im->o->provider, KLL__LINK_WEB },
	};
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (v[i].value != NULL && *v[i].value != '\0' &&
		    !kll__link_ok(v[i].value, v[i].kind))
			return kll__error_set(im->err, KLL_EARG, NULL, 0, 0,
			    "%s '%.200s' is not %s", v[i].slot, v[i].value,
			    kll__link_policy(v[i].kind));
	return KLL_OK;
}

/* The options' SLOT=VALUE slots, after the named ones. */
static kll_status
extra_meta(imp *im)
{
	const char *eq;
	char slot[128];
	size_t i, n;
	kll_status st;

	for (i = 0; i < im->o->nmeta; i++) {
		eq = strchr(im->o->meta[i], '=');
		n = eq ? (size_t)(eq - im->o->meta[i]) : 0;
		if (n == 0 || n >= sizeof(slot))
			return kll__error_set(im->err, KLL_EARG, NULL, 0, 0,
			    "bad metadata '%.200s': give SLOT=VALUE",
			    im->o->meta[i]);
		memcpy(slot, im->o->meta[i], n);
		slot[n] = '\0';
		if ((st = kll_mapset_set_meta(im->m, slot, eq + 1, im->err)) !=
		    KLL_OK)
			return st;
	}
	return KLL_OK;
}

static kll_status
set_meta(imp *im)
{
	const kll_mapimport_opts *o = im->o;
	char curie[1024], id[1024];
	const char *ver;
	kll_status st;
	int k;

	for (k = 0; k < 2; k++) {
		if ((st = scheme_curie(im, kll_vocab_iri(im->sd[k].v), curie,
		         sizeof(curie))) != KLL_OK ||
		    (st = kll_mapset_set_meta(im->m,
		         k ? "object_source" : "subject_source", curie,
		         im->err)) != KLL_OK)
			return st;
		ver = kll_vocab_version(im->sd[k].v);
		if (*ver &&
		    (st = kll_mapset_set_meta(im->m,
		         k ? "object_source_version" : "subject_source_version",
		         ver, im->err)) != KLL_OK)
			return st;
	}
	snprintf(id, sizeof(id), "%smappings/%s_%s", KLL_BASE_IRI,
	    kll_vocab_id(im->sd[0].v), kll_vocab_id(im->sd[1].v));
	if ((st = kll_mapset_set_meta(im->m, "mapping_set_id",
	         o->mapping_set_id ? o->mapping_set_id : id, im->err)) !=
	    KLL_OK)
		return st;
	{
		const char *const meta[][2] = {
			{ "license", o->license },
			{ "mapping_set_title", o->title },
			{ "mapping_set_description", o->description },
			{ "mapping_provider", o->provider },
			{ "mapping_date", o->date },
			{ "publication_date", o->published },
			{ "mapping_set_version", o->version },
			{ "comment", o->comment },
		};
		size_t i;
		for (i = 0; i < sizeof(meta) / sizeof(meta[0]); i++)
			if (meta[i][1] != NULL &&
			    (st = kll_mapset_set_meta(im->m, meta[i][0],
			         meta[i][1], im->err)) != KLL_OK)
				return st;
	}
	return extra_meta(im);
}

static kll_status
build(imp *im)
{
	kll_status st;
	size_t i;

	if ((st = set_meta(im)) != KLL_OK)
		return st;
	for (i = 0; i < im->n; i++)
		if ((st = add_record(im, &im->p[i])) != KLL_OK)
			return st;
	kll_mapset_sort(im->m);
	return KLL_OK;
}

kll_status
kll__imp_open(kll__imp **out, const kll_mapimport_opts *opts, kll_error *err)
{
	imp *im;
	kll_status st;

	*out = NULL;
	if (opts->subject_vocab == NULL || opts->object_vocab == NULL)
		return kll__error_set(err, KLL_EARG, NULL, 0, 0,
		    "name the vocabularies of both sides");
	if ((im = kll__calloc(1, sizeof(*im))) == NULL)
		return kll__nomem(err);
	im->o = opts;
	im->err = err ? err : &im->local;
	im->name = "";
	im->pr.fn = opts->diag;
	im->pr.payload = opts->payload;
	im->pr.first = im->err;
	if ((st = check_links(im)) != KLL_OK ||
	    (st = kll_mapset_new(&im->m, im->err)) != KLL_OK ||
	    (st = open_side(
	         im, 0, opts->subject_vocab, opts->subject_prefix)) != KLL_OK ||
	    (st = open_side(im, 1, opts->object_vocab, opts->object_prefix)) !=
	        KLL_OK) {
		if (st == KLL_ENOMEM)
			kll__error_set(
			    im->err, st, NULL, 0, 0, "out of memory");
		kll__imp_free(im);
		return st;
	}
	*out = im;
	return KLL_OK;
}

void
kll__imp_free(kll__imp *im)
{
	int k;

	if (im == NULL)
		return;
	for (k = 0; k < 2; k++) {
		kll_vocab_free(im->sd[k].v);
		free(im->sd[k].deg);
	}
	kll_mapset_free(im->m);
	kll__arena_free(&im->arena);
	free(im->p);
	free(im);
}

kll_status
kll__imp_read(kll__imp *im, const char *path)
{
	kll_status st;

	im->name = kll__display_name(path);
	if ((st = kll__table_each(path, im->name, im->o->sep,
	         im->o->encoding, read_header, add_pair, im, im->err)) !=
	    KLL_OK)
		return st;
	dedupe(im);
	if (im->pr.n > 0)
		return KLL_EINVALID;
	if (im->n == 0)
		return kll__error_set(im->err, KLL_EINVALID, im->name, 0, 0,
		    "the table has no pairs");
	return KLL_OK;
}

size_t
kll__imp_npairs(const kll__imp *im)
{
	return im->n;
}

void
kll__imp_pair(const kll__imp *im, size_t i, uint32_t *s, uint32_t *o)
{
	*s = im->p[i].s;
	*o = im->p[i].o;
}

uint32_t *
kll__imp_degrees(kll__imp *im, int k)
{
	return im->sd[k].deg;
}

const kll_vocab *
kll__imp_vocab(const kll__imp *im, int k)
{
	return im->sd[k].v;
}

int
kll__imp_column(kll_csv *c, size_t nf, const char *want)
{
	return find_column(c, nf, want);
}

uint32_t
kll__imp_lookup(
    kll__imp *im, int k, const char *code, const char *file, unsigned line)
{
	return lookup(im, k, code, file, line);
}

kll__problems *
kll__imp_problems(kll__imp *im)
{
	return &im->pr;
}

kll_status
kll__imp_meta(kll__imp *im)
{
	return set_meta(im);
}

kll_status
kll__imp_side(kll__imp *im, size_t rec, int k, uint32_t idx)
{
	return set_side(im, rec, k, idx);
}

kll_mapset *
kll__imp_mapset(kll__imp *im)
{
	return im->m;
}

kll_mapset *
kll__imp_take(kll__imp *im)
{
	kll_mapset *m = im->m;

	im->m = NULL;
	return m;
}

kll_status
kll_mapset_import(kll_mapset **out, const char *path,
    const kll_mapimport_opts *opts, kll_error *err)
{
	imp *im = NULL;
	kll_status st;

	*out = NULL;
	if ((st = kll__imp_open(&im, opts, err)) != KLL_OK)
		return st;
	if ((st = kll__imp_read(im, path)) == KLL_OK &&
	    (st = build(im)) == KLL_OK)
		*out = kll__imp_take(im);
	if (st == KLL_ENOMEM)
		kll__error_set(im->err, st, im->name, 0, 0, "out of memory");
	kll__imp_free(im);
	return st;
}
