/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map_load.c: a key in any format kll reads (kll_mapset_load()): the
 * format named, or found from the file's name and first bytes; SSSOM/TSV
 * to kll_mapset_read(), the others read whole and handed to their
 * reader; what the readers share to report problems and fill the set. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "map_load.h"
#include "sssom_impl.h"

/* ------------------------------------------------------------------ */
/* Formats                                                              */

/* Written in two parts, so that they are not taken for rule ids. */
static const char *const names[] = { "auto",
	"sssom"
	"-tsv",
	"json",
	"sssom"
	"-json",
	"jskos", "rdf",
	"sssom"
	"-rdf",
	"skos", "xkos", NULL };

const char *
kll_key_format_name(kll_key_format f)
{
	return (int)f >= 0 && f < KLL_KEY__COUNT ? names[f] : NULL;
}

kll_key_format
kll_key_format_from_name(const char *name)
{
	int i;

	if (name == NULL)
		return KLL_KEY__COUNT;
	if (strcmp(name, "tsv") == 0)
		return KLL_KEY_SSSOM_TSV;
	for (i = 0; names[i] != NULL; i++)
		if (strcmp(names[i], name) == 0)
			return (kll_key_format)i;
	return KLL_KEY__COUNT;
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* The format the file name says, or KLL_KEY_AUTO. */
static kll_key_format
by_name(const char *path)
{
	static const struct {
		const char *ext;
		kll_key_format f;
	} exts[] = { { ".tsv", KLL_KEY_SSSOM_TSV },
		{ ".sssom.json", KLL_KEY_SSSOM_JSON },
		{ ".json", KLL_KEY_JSON }, { ".ndjson", KLL_KEY_JSKOS },
		{ ".jsonl", KLL_KEY_JSKOS }, { ".jskos", KLL_KEY_JSKOS },
		{ ".ttl", KLL_KEY_RDF }, { ".nt", KLL_KEY_RDF },
		{ ".rdf", KLL_KEY_RDF }, { ".owl", KLL_KEY_RDF },
		{ ".xml", KLL_KEY_RDF }, { ".trig", KLL_KEY_RDF },
		{ ".nq", KLL_KEY_RDF } };
	size_t i;

	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		if (ends_with(path, exts[i].ext))
			return exts[i].f;
	return KLL_KEY_AUTO;
}

/* The format the first bytes say. */
static kll_key_format
by_content(const char *p, size_t n)
{
	size_t i = 0;

	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < n &&
	       (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
		i++;
	if (i == n)
		return KLL_KEY_SSSOM_TSV;
	if (p[i] == '{' || p[i] == '[')
		return KLL_KEY_JSON;
	if (p[i] == '<' || p[i] == '@' || p[i] == '_' ||
	    (n - i >= 6 && (memcmp(p + i, "PREFIX", 6) == 0 ||
	                       memcmp(p + i, "prefix", 6) == 0)))
		return KLL_KEY_RDF;
	return KLL_KEY_SSSOM_TSV;
}

kll_key_format
kll_key_format_guess(const char *path)
{
	char head[512];
	kll_key_format f;
	size_t n;
	FILE *fp;
	int c;

	if (path == NULL)
		return KLL_KEY_SSSOM_TSV;
	if (strcmp(path, "-") == 0) {
		/* One byte can be pushed back, and one is enough. */
		if ((c = getc(stdin)) == EOF)
			return KLL_KEY_SSSOM_TSV;
		ungetc(c, stdin);
		head[0] = (char)c;
		return by_content(head, 1);
	}
	if ((f = by_name(path)) != KLL_KEY_AUTO)
		return f;
	if ((fp = fopen(path, "rb")) == NULL)
		return KLL_KEY_SSSOM_TSV; /* the reader says why */
	n = fread(head, 1, sizeof(head), fp);
	fclose(fp);
	return by_content(head, n);
}

/* ------------------------------------------------------------------ */
/* Problems and values                                                  */

void
kll__kin_report(kll__kin *k, kll_severity sev, unsigned line, unsigned col,
    const char *rule, const char *fmt, ...)
{
	kll_error d;
	va_list ap;

	memset(&d, 0, sizeof(d));
	d.code = sev == KLL_SEV_ERROR ? KLL_EINVALID : KLL_OK;
	d.severity = sev;
	snprintf(d.file, sizeof(d.file), "%s", k->file);
	d.line = line;
	d.col = col;
	snprintf(d.rule, sizeof(d.rule), "%s", rule);
	va_start(ap, fmt);
	vsnprintf(d.msg, sizeof(d.msg), fmt, ap);
	va_end(ap);
	if (sev == KLL_SEV_ERROR) {
		if (k->nerr++ == 0)
			k->first = d;
		if (k->m != NULL)
			k->m->nerrors++;
	}
	if (k->diag != NULL)
		k->diag(k->payload, &d);
}

void
kll__kin_syntax(kll__kin *k, unsigned line, unsigned col, const char *rule,
    const char *fmt, ...)
{
	kll_error *d = &k->syn;
	va_list ap;

	if (k->has_syn)
		return;
	k->has_syn = 1;
	memset(d, 0, sizeof(*d));
	d->code = KLL_ESYNTAX;
	d->severity = KLL_SEV_ERROR;
	snprintf(d->file, sizeof(d->file), "%s", k->file);
	d->line = line;
	d->col = col;
	snprintf(d->rule, sizeof(d->rule), "%s", rule);
	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
	va_end(ap);
}

void
kll__kin_nomem(kll__kin *k)
{
	if (k->st == KLL_OK)
		k->st = KLL_ENOMEM;
}

void
kll__kin_line(kll__kin *k, size_t rec, unsigned line)
{
	size_t old = k->caplines;

	if (kll__grow(&k->lines, &k->caplines, rec, sizeof(*k->lines)) < 0) {
		kll__kin_nomem(k);
		return;
	}
	if (k->caplines > old)
		memset(
		    k->lines + old, 0, (k->caplines - old) * sizeof(*k->lines));
	k->lines[rec] = line;
}

/* Each record's line into the set. */
static void
put_lines(kll__kin *k)
{
	size_t rec;

	for (rec = 0; rec < k->m->n && rec < k->caplines; rec++)
		k->m->lines[rec] = k->lines[rec];
}

void
kll__kin_set(kll__kin *k, size_t rec, const char *name, const char *value,
    unsigned line, unsigned col, const char *where)
{
	kll_error e;
	kll_status st;
	kll_slot s;

	if (rec == (size_t)-1)
		st = kll_mapset_set_meta(k->m, name, value, &e);
	else if ((s = kll_slot_from_name(name)) == KLL_SLOT__COUNT)
		st = kll_mapset_set_extra(k->m, rec, name, value, &e);
	else
		st = kll_mapset_set(k->m, rec, s, value, &e);
	if (st == KLL_ENOMEM)
		kll__kin_nomem(k);
	else if (st != KLL_OK)
		kll__kin_report(k, KLL_SEV_ERROR, line, col, "sssom-bad-value",
		    "%s%s%s", where, *where ? ": " : "", e.msg);
}

const char *
kll__kin_curie(
    kll__kin *k, const char *iri, const char *hint, char *buf, size_t size)
{
	char name[32];
	const char *ns;
	size_t n, i;
	unsigned u;

	n = kll__iri_namespace_len(iri);
	/* A prefix whose local part has no '/' or '#' left. */
	if (kll_mapset_contract(k->m, iri, buf, size) > 0 &&
	    strlen(buf) < size - 1 &&
	    strpbrk(strchr(buf, ':') + 1, "/#") == NULL)
		return buf;
	if (n == 0 || iri[n] == '\0')
		return NULL;
	if ((ns = kll__arena_strndup(&k->a, iri, n)) == NULL) {
		kll__kin_nomem(k);
		return NULL;
	}
	name[0] = '\0';
	if (hint != NULL && kll_mapset_prefix(k->m, hint) == NULL &&
	    strlen(hint) < sizeof(name))
		snprintf(name, sizeof(name), "%s", hint);
	for (u = 1; name[0] == '\0' || kll_mapset_prefix(k->m, name) != NULL;
	     u++)
		snprintf(name, sizeof(name), "ns%u", u);
	for (i = 0; name[i]; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') ||
		        (name[i] >= 'A' && name[i] <= 'Z') ||
		        (i > 0 && ((name[i] >= '0' && name[i] <= '9') ||
		                      name[i] == '-' || name[i] == '_' ||
		                      name[i] == '.'))))
			name[i] = '_';
	if (kll_mapset_add_prefix(k->m, name, ns, NULL) != KLL_OK)
		return NULL;
	if (kll_mapset_contract(k->m, iri, buf, size) == 0 ||
	    strlen(buf) >= size - 1)
		return NULL;
	return buf;
}

/* ------------------------------------------------------------------ */
/* Reading                                                              */

/* SSSOM/JSON or JSKOS: a single object with SSSOM's set slots is
 * SSSOM/JSON, anything else JSKOS. */
static kll_key_format
json_kind(const char *text, size_t n)
{
	kll__arena a = { NULL, 0, 0 };
	kll__json *v = NULL;
	kll_key_format f = KLL_KEY_JSKOS;

	if (kll__json_parse(&v, &a, text, n, "", 1, NULL) == KLL_OK &&
	    v->type == KLL__J_OBJECT &&
	    (kll__json_get(v, "mapping_set_id") != NULL ||
	        kll__json_get(v, "curie_map") != NULL ||
	        kll__json_get(v, "license") != NULL ||
	        (kll__json_get(v, "mappings") != NULL &&
	            kll__json_get(v, "fromScheme") == NULL &&
	            kll__json_get(v, "type") == NULL)))
		f = KLL_KEY_SSSOM_JSON;
	else if (v == NULL && by_content(text, n) == KLL_KEY_JSON) {
		/* Not one value: NDJSON, unless the first line is SSSOM's. */
		const char *nl = memchr(text, '\n', n);
		if (nl == NULL)
			f = KLL_KEY_SSSOM_JSON; /* its reader says what is wrong
			                         */
	}
	kll__arena_free(&a);
	return f;
}

/* Each CURIE of a record or of the set whose prefix the key does not
 * declare, as the SSSOM/TSV reader reports it. */
static void
undeclared(kll__kin *k)
{
	const kll_mapset *m = k->m;
	char **vals = NULL;
	size_t rec, i, n;
	const char *v;
	int s;

	for (rec = 0; rec < m->n && k->st == KLL_OK; rec++)
		for (s = 0; s < KLL_SLOT__COUNT; s++) {
			if (kll_slot_kind((kll_slot)s) != KLL_KIND_ENTITY ||
			    (v = kll_mapset_get(m, rec, (kll_slot)s)) == NULL)
				continue;
			if (kll_sssom_split(&vals, &n, v, NULL) != KLL_OK) {
				kll__kin_nomem(k);
				return;
			}
			for (i = 0; i < n; i++)
				if (kll_mapset_expand(m, vals[i], NULL, 0) == 0)
					kll__kin_report(k, KLL_SEV_ERROR,
					    m->lines[rec], 0,
					    "sssom-undeclared-prefix",
					    "%s '%s': its prefix is not in "
					    "the curie_map",
					    kll_slot_name((kll_slot)s),
					    vals[i]);
			free(vals);
		}
}

/* Set values of propagatable slots that no record has go into every
 * record, as kll_mapset_read() does. */
static void
propagate(kll__kin *k)
{
	kll_mapset *m = k->m;
	size_t rec;
	int s;

	for (s = 0; s < KLL_SLOT__COUNT && k->st == KLL_OK; s++) {
		const char *v = m->meta[s];
		if (v == NULL || !kll_slot_propagatable((kll_slot)s))
			continue;
		for (rec = 0; rec < m->n; rec++)
			if (kll_mapset_get(m, rec, (kll_slot)s) != NULL)
				break;
		if (rec < m->n)
			continue;
		for (rec = 0; rec < m->n; rec++)
			if (kll_mapset_set(m, rec, (kll_slot)s, v, NULL) ==
			    KLL_ENOMEM) {
				kll__kin_nomem(k);
				return;
			}
	}
}

static kll_status
load_whole(kll_mapset **out, const char *path, kll_key_format fmt,
    const kll_sssom_opts *opts, kll_key_format *found, kll_error *err)
{
	kll__kin k;
	char *text = NULL;
	size_t n = 0;
	kll_status st;

	memset(&k, 0, sizeof(k));
	if ((st = kll__sssom_slurp(&text, &n, path, SIZE_MAX, err)) != KLL_OK)
		return st;
	if (fmt == KLL_KEY_AUTO)
		fmt = by_content(text, n);
	if (fmt == KLL_KEY_JSON)
		fmt = json_kind(text, n);
	if ((st = kll_mapset_new(&k.m, err)) != KLL_OK)
		goto out;
	k.file = kll__display_name(path);
	k.diag = opts ? opts->diag : NULL;
	k.payload = opts ? opts->payload : NULL;
	if ((k.m->path = kll__arena_strdup(&k.m->arena, k.file)) == NULL) {
		st = kll__nomem(err);
		goto out;
	}
	if (fmt == KLL_KEY_SSSOM_JSON)
		kll__read_sssom_json(&k, text, n);
	else if (fmt == KLL_KEY_JSKOS)
		kll__read_jskos(&k, text, n);
	else
		kll__read_rdf(&k, text, n, fmt, path);
	if (k.st == KLL_OK && !k.has_syn)
		propagate(&k);
	if (k.st == KLL_OK && !k.has_syn) {
		put_lines(&k);
		undeclared(&k);
	}
	if (k.st != KLL_OK)
		st = kll__nomem(err);
	else if (k.has_syn) {
		st = KLL_ESYNTAX;
		if (err != NULL)
			*err = k.syn;
	} else if (k.nerr > 0 && k.diag == NULL) {
		st = k.first.code != KLL_OK ? k.first.code : KLL_EINVALID;
		if (err != NULL)
			*err = k.first;
	}
	if (found != NULL)
		*found = fmt;
out:
	if (st == KLL_OK) {
		*out = k.m;
		k.m = NULL;
	}
	kll_mapset_free(k.m);
	kll__arena_free(&k.a);
	free(k.lines);
	free(text);
	return st;
}

kll_status
kll_mapset_load(kll_mapset **out, const char *path, kll_key_format fmt,
    const kll_sssom_opts *opts, kll_key_format *found, kll_error *err)
{
	kll_sssom_opts def = KLL_SSSOM_OPTS_INIT;

	*out = NULL;
	if (path == NULL || (int)fmt < 0 || fmt >= KLL_KEY__COUNT)
		return kll__error_set(err, KLL_EARG, NULL, 0, 0,
		    "bad arguments to kll_mapset_load");
	if (opts == NULL)
		opts = &def;
	if (fmt == KLL_KEY_AUTO)
		fmt = kll_key_format_guess(path);
	if (fmt == KLL_KEY_SSSOM_TSV) {
		if (found != NULL)
			*found = fmt;
		return kll_mapset_open(out, path, opts, err); /* store first */
	}
	if (opts->row != NULL)
		return kll__error_set(err, KLL_EARG, path, 0, 0,
		    "a key in %s is read whole, not a record at a time",
		    kll_key_format_name(fmt));
	return load_whole(out, path, fmt, opts, found, err);
}

/* ------------------------------------------------------------------ */
/* Writing: the dispatch of kll_mapset_export()                         */

struct recref {
	const kll_mapset *m;
	size_t rec;
};

static int
cmp_str(const char *a, const char *b)
{
	if (a == b)
		return 0;
	if (a == NULL || b == NULL)
		return a == NULL ? -1 : 1;
	return strcmp(a, b);
}

static int
cmp_rec(const void *pa, const void *pb)
{
	const struct recref *a = pa, *b = pb;
	size_t i;
	int c, s;

	for (s = 0; s < KLL_SLOT__COUNT; s++)
		if ((c = cmp_str(kll_mapset_get(a->m, a->rec, (kll_slot)s),
		         kll_mapset_get(a->m, b->rec, (kll_slot)s))) != 0)
			return c;
	for (i = 0; i < kll_mapset_nextra(a->m); i++) {
		const char *name = kll_mapset_extra_name(a->m, i);
		if ((c = cmp_str(kll_mapset_get_extra(a->m, a->rec, name),
		         kll_mapset_get_extra(a->m, b->rec, name))) != 0)
			return c;
	}
	return a->rec < b->rec ? -1 : a->rec > b->rec;
}

kll_status
kll__export_json(const kll_mapset *m, const kll_export_opts *o, FILE *out,
    const char *outname, kll_export_stats *stats, kll_error *err)
{
	size_t n = kll_mapset_count(m), i, *order = NULL;
	struct recref *refs = NULL;
	kll_status st;

	(void)outname;
	if ((order = kll__malloc((n ? n : 1) * sizeof(*order))) == NULL ||
	    (refs = kll__malloc((n ? n : 1) * sizeof(*refs))) == NULL) {
		free(order);
		return kll__nomem(err);
	}
	for (i = 0; i < n; i++)
		refs[i].m = m, refs[i].rec = i;
	qsort(refs, n, sizeof(*refs), cmp_rec);
	for (i = 0; i < n; i++)
		order[i] = refs[i].rec;
	free(refs);
	if (o->form == KLL_EXPORT_SSSOM_JSON)
		st = kll__write_sssom_json(m, out, order, stats, err);
	else
		st = kll__write_jskos(m, out, order, stats, err);
	free(order);
	if (st == KLL_OK)
		st = kll__write_status(out, err);
	return st;
}
