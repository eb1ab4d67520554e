/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sssom_meta.c: the metadata of an SSSOM/TSV file: the YAML of its '#'
 * block or of the external metadata file, parsed with libyaml under
 * limits, then read into the set (curie_map, extension_definitions and
 * the set-level slots).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "sssom_impl.h"

/* ------------------------------------------------------------------ */
/* Reading: the metadata file                                           */

/* The metadata file beside TSV file "path" (x.sssom.tsv or x.tsv:
 * x.sssom.yml, else x.yml), or NULL when there is none.  The caller frees
 * the name. */
static char *
sibling(const char *path)
{
	static const char *const sufs[] = { ".sssom.yml", ".yml" };
	size_t n = strlen(path), i;
	struct stat sb;
	char *s;

	if (n > 10 && strcmp(path + n - 10, ".sssom.tsv") == 0)
		n -= 10;
	else if (n > 4 && strcmp(path + n - 4, ".tsv") == 0)
		n -= 4;
	for (i = 0; i < 2; i++) {
		if ((s = kll__malloc(n + strlen(sufs[i]) + 1)) == NULL)
			return NULL;
		memcpy(s, path, n);
		strcpy(s + n, sufs[i]);
		if (stat(s, &sb) == 0 && !S_ISDIR(sb.st_mode))
			return s;
		free(s);
	}
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Reading: the YAML metadata                                           */

enum { YN_SCALAR, YN_SEQ, YN_MAP };

struct ynode {
	int type;        /* YN_* */
	int null;        /* a plain null: "", "~", "null" */
	int curie_map;   /* the value of the top-level key curie_map */
	char *s;         /* a scalar's text */
	unsigned fl, fc; /* where it starts: file line and byte column */
	size_t nkids;    /* items of a list, keys and values of a map */
	struct ynode *kids, *last, *next, *up;
};

/* Where YAML text came from, to turn libyaml's marks (line from 0, column
 * in characters) into file lines and byte columns.  The marks of the
 * events come in order, so a cursor walks the text once: no position is
 * looked for from the start. */
struct ysrc {
	const char *file;
	const char *text, *end;
	unsigned line0;       /* the file line of the text's first line */
	unsigned col0;        /* bytes before each line's text ('#' ...) */
	const char *bol, *at; /* the cursor: line "line", character "col" */
	size_t line, col;
};

static void
ypos(struct ysrc *y, size_t line, size_t col, unsigned *fl, unsigned *fc)
{
	const char *q;

	if (y->bol == NULL || line < y->line) {
		y->bol = y->text;
		y->line = 0;
		y->at = NULL;
	}
	while (y->line < line &&
	       (q = memchr(y->bol, '\n', (size_t)(y->end - y->bol))) != NULL) {
		y->bol = q + 1;
		y->line++;
		y->at = NULL;
	}
	if (y->at == NULL || col < y->col) {
		y->at = y->bol;
		y->col = 0;
	}
	for (; y->col < col && y->at < y->end && *y->at != '\n'; y->col++) {
		y->at++;
		while (y->at < y->end && ((unsigned char)*y->at & 0xc0) == 0x80)
			y->at++;
	}
	*fl = y->line0 + (unsigned)line;
	*fc = y->col0 + (unsigned)(y->at - y->bol) + 1;
}

static void
ynode_pos(
    const struct ysrc *y, const struct ynode *n, unsigned *fl, unsigned *fc)
{
	(void)y;
	*fl = n->fl;
	*fc = n->fc;
}

/* A node for a scalar or collection event: 0, or 1 with *why when the
 * event uses a feature SSSOM forbids, or -1 when out of memory. */
static int
ynode_add(const yaml_event_t *ev, struct ysrc *y, kll__arena *a,
    struct ynode **root, struct ynode **cur, const char **why)
{
	const yaml_char_t *anchor, *tag;
	struct ynode *nd;
	const char *s;

	if (ev->type == YAML_SCALAR_EVENT) {
		anchor = ev->data.scalar.anchor;
		tag = ev->data.scalar.tag;
	} else if (ev->type == YAML_SEQUENCE_START_EVENT) {
		anchor = ev->data.sequence_start.anchor;
		tag = ev->data.sequence_start.tag;
	} else {
		anchor = ev->data.mapping_start.anchor;
		tag = ev->data.mapping_start.tag;
	}
	if (anchor != NULL || tag != NULL) {
		*why = anchor != NULL ?
		           "yaml anchors are not allowed in the metadata" :
		           "yaml tags are not allowed in the metadata";
		return 1;
	}
	if ((nd = kll__arena_alloc(a, sizeof(*nd))) == NULL)
		return -1;
	memset(nd, 0, sizeof(*nd));
	ypos(y, ev->start_mark.line, ev->start_mark.column, &nd->fl, &nd->fc);
	nd->up = *cur;
	if (ev->type == YAML_SCALAR_EVENT) {
		nd->type = YN_SCALAR;
		if ((nd->s = kll__arena_strndup(a,
		         (const char *)ev->data.scalar.value,
		         ev->data.scalar.length)) == NULL)
			return -1;
		s = nd->s;
		nd->null =
		    ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
		    (*s == '\0' || strcmp(s, "~") == 0 ||
		        strcmp(s, "null") == 0 || strcmp(s, "Null") == 0 ||
		        strcmp(s, "NULL") == 0);
	} else {
		nd->type =
		    ev->type == YAML_SEQUENCE_START_EVENT ? YN_SEQ : YN_MAP;
	}
	if (*cur == NULL) {
		if (*root == NULL)
			*root = nd;
	} else if ((*cur)->last == NULL) {
		(*cur)->kids = (*cur)->last = nd;
	} else {
		nd->curie_map = *cur == *root && nd->type == YN_MAP &&
		                (*cur)->type == YN_MAP && (*cur)->nkids % 2 &&
		                (*cur)->last->type == YN_SCALAR &&
		                strcmp((*cur)->last->s, "curie_map") == 0;
		(*cur)->last = (*cur)->last->next = nd;
	}
	if (*cur != NULL)
		(*cur)->nkids++;
	if (nd->type != YN_SCALAR)
		*cur = nd;
	return 0;
}

/* Take one event: a node, or the check of a document start.  0; 1 with
 * *why for a feature SSSOM forbids; -1 when out of memory. */
static int
yaml_event(const yaml_event_t *ev, struct ysrc *y, kll__arena *a,
    struct ynode **root, struct ynode **cur, int *ndocs, const char **why)
{
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (ev->data.document_start.version_directive != NULL ||
		    ev->data.document_start.tag_directives.start !=
		        ev->data.document_start.tag_directives.end)
			*why = "yaml directives are not allowed in the "
			       "metadata";
		else if ((*ndocs)++ > 0)
			*why = "the metadata holds more than one yaml document";
		return *why != NULL;
	case YAML_ALIAS_EVENT:
		*why = "yaml aliases are not allowed in the metadata";
		return 1;
	case YAML_SCALAR_EVENT:
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		return ynode_add(ev, y, a, root, cur, why);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		*cur = (*cur)->up;
		return 0;
	default:
		return 0;
	}
}

/* Whether node "nd", just added "depth" collections deep, takes the
 * metadata over a limit: KLL_OK or the error. */
static kll_status
ylimits(const struct ysrc *y, const struct ynode *nd, int depth, kll_error *err)
{
	const struct ynode *up = nd->up;

	if (depth > KLL__MAX_YAML_DEPTH)
		return kll__error_limit(err, y->file, nd->fl, nd->fc,
		    "limit-yaml-depth",
		    "the metadata nests deeper than %d levels",
		    KLL__MAX_YAML_DEPTH);
	if (up != NULL && up->up == NULL && up->type == YN_MAP &&
	    up->nkids > 2 * (size_t)KLL__MAX_META_KEYS)
		return kll__error_limit(err, y->file, nd->fl, nd->fc,
		    "limit-metadata-keys", "the metadata has more than %d keys",
		    KLL__MAX_META_KEYS);
	if (up != NULL && up->curie_map &&
	    up->nkids > 2 * (size_t)KLL__MAX_PREFIXES)
		return kll__error_limit(err, y->file, nd->fl, nd->fc,
		    "limit-prefixes", "curie_map has more than %d prefixes",
		    KLL__MAX_PREFIXES);
	return KLL_OK;
}

/* The node that event "ev" just added. */
static const struct ynode *
yadded(
    const yaml_event_t *ev, const struct ynode *root, const struct ynode *cur)
{
	if (ev->type != YAML_SCALAR_EVENT)
		return cur;
	return cur != NULL ? cur->last : root;
}

/* Parse YAML text into a tree of nodes in arena "a"; positions, depth and
 * sizes are checked as the events come, so that the work stays linear and
 * stops at the first limit. */
static kll_status
yaml_load(struct ynode **out, struct ysrc *y, kll__arena *a, kll_error *err)
{
	yaml_parser_t ps;
	yaml_event_t ev;
	struct ynode *root = NULL, *cur = NULL;
	kll_status st = KLL_OK;
	int ndocs = 0, done = 0, rc, depth = 0;
	const char *why;
	unsigned fl, fc;

	*out = NULL;
	if (!yaml_parser_initialize(&ps))
		return kll__sssom_nomem(err);
	yaml_parser_set_input_string(
	    &ps, (const unsigned char *)y->text, (size_t)(y->end - y->text));
	while (!done && st == KLL_OK) {
		if (!yaml_parser_parse(&ps, &ev)) {
			ypos(y, ps.problem_mark.line, ps.problem_mark.column,
			    &fl, &fc);
			st = kll__error_set(err, KLL_ESYNTAX, y->file, fl, fc,
			    "bad yaml in the metadata: %s%s%s",
			    ps.context ? ps.context : "",
			    ps.context ? ", " : "",
			    ps.problem ? ps.problem : "parse error");
			break;
		}
		why = NULL;
		done = ev.type == YAML_STREAM_END_EVENT;
		if (ev.type == YAML_SEQUENCE_START_EVENT ||
		    ev.type == YAML_MAPPING_START_EVENT)
			depth++;
		else if (ev.type == YAML_SEQUENCE_END_EVENT ||
		         ev.type == YAML_MAPPING_END_EVENT)
			depth--;
		if ((rc = yaml_event(&ev, y, a, &root, &cur, &ndocs, &why)) <
		    0) {
			st = kll__sssom_nomem(err);
		} else if (rc > 0) {
			ypos(y, ev.start_mark.line, ev.start_mark.column, &fl,
			    &fc);
			st = kll__error_set(
			    err, KLL_ESYNTAX, y->file, fl, fc, "%s", why);
		} else if (ev.type == YAML_SCALAR_EVENT ||
		           ev.type == YAML_SEQUENCE_START_EVENT ||
		           ev.type == YAML_MAPPING_START_EVENT) {
			st = ylimits(y, yadded(&ev, root, cur), depth, err);
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&ps);
	if (st == KLL_OK)
		*out = root;
	return st;
}

static void ywarn(struct rd *r, const struct ysrc *y, const struct ynode *n,
    kll_severity sev, const char *rule, const char *fmt, ...) KLL__PRINTF(6, 7);

/* Report a finding about node n of the metadata. */
static void
ywarn(struct rd *r, const struct ysrc *y, const struct ynode *n,
    kll_severity sev, const char *rule, const char *fmt, ...)
{
	char msg[512];
	unsigned fl, fc;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ynode_pos(y, n, &fl, &fc);
	kll__sssom_report(r, sev, KLL_EINVALID, rule, fl, fc, "%s", msg);
}

static void
load_curie_map(struct rd *r, const struct ysrc *y, const struct ynode *v)
{
	const struct ynode *k, *iri;
	const char *why, *rule;
	size_t idx;

	if (v->null)
		return;
	if (v->type != YN_MAP) {
		ywarn(r, y, v, KLL_SEV_ERROR, "sssom-bad-prefix",
		    "curie_map is not a mapping of prefixes to IRIs");
		return;
	}
	for (k = v->kids; k != NULL && !r->stop; k = iri->next) {
		iri = k->next;
		if (k->type != YN_SCALAR || iri->type != YN_SCALAR ||
		    iri->null) {
			ywarn(r, y, k, KLL_SEV_ERROR, "sssom-bad-prefix",
			    "a curie_map entry is not a prefix and an IRI");
			continue;
		}
		if ((why = kll__sssom_prefix_problem(k->s, iri->s, &rule)) !=
		    NULL) {
			ywarn(r, y, k, KLL_SEV_ERROR, rule, "prefix '%s' %s",
			    k->s, why);
			continue;
		}
		if (kll__sssom_builtin_iri(k->s, strlen(k->s)) != NULL)
			continue;
		if (kll__sssom_prefix_find(r->m, k->s, strlen(k->s), &idx) !=
		    NULL) {
			ywarn(r, y, k, KLL_SEV_ERROR, "sssom-bad-prefix",
			    "prefix '%s' is declared twice", k->s);
			continue;
		}
		if (kll__sssom_prefix_put(r->m, k->s, iri->s) < 0)
			kll__sssom_out_of_memory(r);
	}
}

/* One item of extension_definitions. */
static void
load_extdef(struct rd *r, const struct ysrc *y, const struct ynode *d)
{
	const struct ynode *k, *v;
	const char *f[3] = { NULL, NULL, NULL }, *name;
	static const char *const keys[3] = { "slot_name", "property",
		"type_hint" };
	struct vres res;
	struct extra *x;
	int i;

	if (d->type != YN_MAP) {
		ywarn(r, y, d, KLL_SEV_WARNING, "sssom-bad-extension",
		    "an extension definition is not a mapping; ignored");
		return;
	}
	for (k = d->kids; k != NULL; k = v->next) {
		v = k->next;
		for (i = 0; i < 3 && (k->type != YN_SCALAR ||
		                         strcmp(k->s, keys[i]) != 0);
		     i++)
			;
		if (i == 3 || v->type != YN_SCALAR || v->null) {
			ywarn(r, y, k, KLL_SEV_WARNING, "sssom-bad-extension",
			    "an extension definition has an unexpected "
			    "entry; ignored");
			return;
		}
		f[i] = v->s;
	}
	if ((name = f[0]) == NULL ||
	    !kll__sssom_ncname_ok(name, strlen(name)) ||
	    kll__sssom_slot_lookup(name, SF_REC | SF_SET) >= 0 ||
	    strcmp(name, "mappings") == 0) {
		ywarn(r, y, d, KLL_SEV_WARNING, "sssom-bad-extension",
		    "an extension definition has no usable slot_name; "
		    "ignored");
		return;
	}
	for (i = 1; i < 3; i++)
		if (f[i] != NULL && kll__sssom_check_curie(r->m, keys[i], f[i],
		                        strlen(f[i]), 1, NULL, &res)) {
			ywarn(r, y, d, KLL_SEV_WARNING, "sssom-bad-extension",
			    "extension '%s' ignored: %s", name, res.msg);
			return;
		}
	if ((x = kll__sssom_extra_find(r->m, name)) != NULL && x->declared) {
		ywarn(r, y, d, KLL_SEV_WARNING, "sssom-bad-extension",
		    "extension '%s' is defined twice; ignored", name);
		return;
	}
	if ((x = kll__sssom_extra_add(r->m, name)) == NULL) {
		kll__sssom_out_of_memory(r);
		return;
	}
	x->declared = 1;
	x->property = f[1];
	x->type_hint = f[2];
	x->curie = f[2] != NULL && kll__sssom_is_uriorcurie(r->m, f[2]);
}

static void
load_extdefs(struct rd *r, const struct ysrc *y, const struct ynode *v)
{
	const struct ynode *d;

	if (v->null)
		return;
	if (v->type == YN_MAP) {
		load_extdef(r, y, v);
		return;
	}
	if (v->type != YN_SEQ) {
		ywarn(r, y, v, KLL_SEV_WARNING, "sssom-bad-extension",
		    "extension_definitions is not a list; ignored");
		return;
	}
	for (d = v->kids; d != NULL && !r->stop; d = d->next)
		load_extdef(r, y, d);
}

/* Check item "it" of metadata slot "sd" (NULL: a non-standard key, "x"
 * its extension) and append it, escaped when "multi", to b. */
static int
meta_item(struct rd *r, const struct ysrc *y, const struct slotdef *sd,
    const struct extra *x, const char *name, const struct ynode *it, int multi,
    size_t *count, kll__buf *b)
{
	const struct slotdef curie = { "", KLL_KIND_ENTITY, 0, NULL, 0, 0 };
	const char *s = it->s;
	struct vres res;

	if (it->type != YN_SCALAR || it->null) {
		ywarn(r, y, it, KLL_SEV_ERROR, "sssom-syntax",
		    "%s takes text values", name);
		return 0;
	}
	if (sd == NULL && x != NULL && x->curie)
		sd = &curie;
	if (sd != NULL && kll__sssom_check_item(
	                      r->m, sd, name, s, strlen(s), 1, NULL, &res)) {
		ywarn(r, y, it, res.sev, res.rule, "%s", res.msg);
		if (res.fixed != NULL)
			s = res.fixed;
	}
	if (multi && (*count)++ > 0 && kll__buf_addc(b, '|') < 0)
		return -1;
	if (multi ? kll__sssom_mv_escape(b, s, strlen(s)) : kll__buf_adds(b, s))
		return -1;
	return 0;
}

/* The words of kll_ignore (separated by spaces, commas or '|', in one
 * text or a list) that name no rule. */
static void
check_ignore(struct rd *r, const struct ysrc *y, const struct ynode *v)
{
	const struct ynode *it = v->type == YN_SEQ ? v->kids : v;
	char id[48];
	const char *p;
	size_t k;

	for (; it != NULL; it = v->type == YN_SEQ ? it->next : NULL) {
		if (it->type != YN_SCALAR || it->null)
			continue;
		for (p = it->s; *p != '\0'; p += k) {
			p += strspn(p, " \t,|");
			if ((k = strcspn(p, " \t,|")) == 0)
				break;
			snprintf(id, sizeof(id), "%.*s", (int)k, p);
			if (k >= sizeof(id) || kll_rule_find(id) == NULL)
				ywarn(r, y, it, KLL_SEV_WARNING,
				    "sssom-unknown-ignore",
				    "kll_ignore names no rule: %.*s", (int)k,
				    p);
		}
	}
}

/* A metadata key other than curie_map and extension_definitions. */
static void
load_meta(struct rd *r, const struct ysrc *y, const struct ynode *k,
    const struct ynode *v)
{
	const char *name = k->s, *val;
	const struct slotdef *sd = NULL;
	const struct ynode *it;
	struct extra *x = NULL;
	kll__buf b = { NULL, 0, 0 };
	size_t count = 0;
	int s, multi;

	if ((s = kll__sssom_slot_lookup(name, SF_SET)) >= 0)
		sd = &kll__sssom_slotdefs[s];
	else if ((x = kll__sssom_extra_find(r->m, name)) == NULL ||
	         !x->declared)
		ywarn(r, y, k, KLL_SEV_WARNING, "sssom-unknown-slot",
		    strcmp(name, "mappings") == 0 ?
		        "mappings in the metadata block are ignored" :
		    kll__sssom_slot_lookup(name, SF_REC) >= 0 ?
		        "'%s' is a slot of records, not of the mapping set" :
		        "unknown metadata key '%s'",
		    name);
	if (v->null || strcmp(name, "mappings") == 0)
		return;
	if (strcmp(name, "kll_ignore") == 0)
		check_ignore(r, y, v);
	multi = sd != NULL ? (sd->flags & SF_MULTI) != 0 : v->type == YN_SEQ;
	if (v->type == YN_MAP || (v->type == YN_SEQ && !multi)) {
		ywarn(r, y, v, KLL_SEV_ERROR,
		    v->type == YN_MAP ? "sssom-syntax" :
		                        "sssom-not-multivalued",
		    "%s takes %s", name,
		    v->type == YN_MAP ? "text, not a mapping" :
		                        "one value, not a list");
		return;
	}
	if (kll__buf_grow(&b, 1) < 0)
		goto oom;
	if (v->type == YN_SCALAR) {
		if (meta_item(r, y, sd, x, name, v, multi, &count, &b) < 0)
			goto oom;
	} else {
		for (it = v->kids; it != NULL; it = it->next)
			if (meta_item(
			        r, y, sd, x, name, it, multi, &count, &b) < 0)
				goto oom;
	}
	if (b.n == 0)
		goto out;
	if ((val = kll__sssom_keep(r->m, s, b.p)) == NULL)
		goto oom;
	if (s >= 0) {
		r->m->meta[s] = val;
	} else {
		if ((x = kll__sssom_extra_add(r->m, name)) == NULL)
			goto oom;
		x->meta = val;
		x->meta_list = v->type == YN_SEQ;
	}
	goto out;
oom:
	kll__sssom_out_of_memory(r);
out:
	kll__buf_free(&b);
}

/* Interpret the metadata tree: curie_map first, as the other values need
 * it, then the extension definitions, then the rest. */
static kll_status
load_metadata(struct rd *r, const struct ysrc *y, const struct ynode *root,
    kll_error *err)
{
	const struct ynode *k;
	kll__map seen = KLL__MAP_INIT;
	kll_status st = KLL_OK;
	int pass;

	if (root == NULL || (root->type == YN_SCALAR && root->null))
		return KLL_OK;
	if (root->type != YN_MAP)
		return kll__error_set(err, KLL_ESYNTAX, y->file, root->fl,
		    root->fc, "the metadata block is not a yaml mapping");
	/* Hashed: the keys are many when the input is hostile. */
	for (k = root->kids; k != NULL && st == KLL_OK; k = k->next->next) {
		if (k->type != YN_SCALAR || k->null)
			st = kll__error_set(err, KLL_ESYNTAX, y->file, k->fl,
			    k->fc, "a metadata key is not a name");
		else if (kll__map_get(&seen, k->s, strlen(k->s), NULL))
			st = kll__error_set(err, KLL_ESYNTAX, y->file, k->fl,
			    k->fc, "metadata key '%s' appears twice", k->s);
		else if (kll__map_put(&seen, k->s, strlen(k->s), 0) < 0)
			st = kll__sssom_nomem(err);
	}
	kll__map_free(&seen);
	if (st != KLL_OK)
		return st;
	for (pass = 0; pass < 3; pass++)
		for (k = root->kids; k != NULL && !r->stop; k = k->next->next) {
			if (strcmp(k->s, "curie_map") == 0) {
				if (pass == 0)
					load_curie_map(r, y, k->next);
			} else if (strcmp(k->s, "extension_definitions") == 0) {
				if (pass == 1)
					load_extdefs(r, y, k->next);
			} else if (pass == 2) {
				load_meta(r, y, k, k->next);
			}
		}
	return KLL_OK;
}

/* Cut the '#' block at the start of the TSV text into YAML text. */
static kll_status
embedded_yaml(struct rd *r, kll__buf *b, unsigned *k, kll_error *err)
{
	char *eol, *s, *e;
	unsigned i;
	int first = 1;

	*k = 0;
	while (r->p < r->end && *r->p == '#') {
		if ((eol = memchr(r->p, '\n', (size_t)(r->end - r->p))) == NULL)
			eol = r->end;
		s = r->p + 1;
		if (first)
			while (s + *k < eol && s[*k] == ' ')
				(*k)++;
		first = 0;
		for (i = 0; i < *k && s < eol && *s == ' '; i++)
			s++;
		for (e = eol; e > s && (e[-1] == '\r' || e[-1] == '\t'); e--)
			;
		if (i < *k && s < e)
			return kll__error_set(err, KLL_ESYNTAX, r->file,
			    r->line, i + 2,
			    "every metadata line must have "
			    "%u space%s after '#'",
			    *k, *k == 1 ? "" : "s");
		if (kll__buf_add(b, s, (size_t)(e - s)) < 0 ||
		    kll__buf_addc(b, '\n') < 0)
			return kll__sssom_nomem(err);
		if (b->n > KLL__MAX_META_BYTES)
			return kll__error_limit(err, r->file, r->line, 0,
			    "limit-metadata-size",
			    "the metadata block is longer than %u bytes",
			    KLL__MAX_META_BYTES);
		r->p = eol < r->end ? eol + 1 : eol;
		r->bol = r->p;
		r->line++;
	}
	return KLL_OK;
}

/* The line of byte "off" of text. */
static unsigned
line_at(const char *text, size_t off)
{
	const char *p = text, *end = text + off;
	unsigned line = 1;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		line++;
		p++;
	}
	return line;
}

/* The metadata file for a TSV file without a '#' block: "metapath", else
 * a sibling of "path".  y->text stays NULL when there is none; *text is
 * for the caller to free. */
static kll_status
external_yaml(struct rd *r, const char *path, const char *metapath,
    struct ysrc *y, char **text, size_t *len, kll_error *err)
{
	char *side = NULL;
	kll_status st = KLL_OK;

	if (metapath == NULL && strcmp(path, "-") != 0)
		metapath = side = sibling(path);
	if (metapath == NULL)
		return KLL_OK;
	if ((st = kll__sssom_slurp(
	         text, len, metapath, KLL__MAX_META_BYTES, err)) != KLL_OK)
		goto out;
	y->text = *text;
	if (*len >= 3 && memcmp(*text, "\xef\xbb\xbf", 3) == 0) {
		y->text += 3;
		*len -= 3;
	}
	if ((y->file = kll__arena_strdup(
	         &r->m->arena, kll__display_name(metapath))) == NULL) {
		st = kll__sssom_nomem(err);
		goto out;
	}
	if (*len > KLL__MAX_META_BYTES) {
		st = kll__error_limit(err, y->file,
		    line_at(y->text, KLL__MAX_META_BYTES), 0,
		    "limit-metadata-size",
		    "the metadata file is longer than %u bytes",
		    KLL__MAX_META_BYTES);
		goto out;
	}
	st = kll__sssom_text_check(y->text, *len, y->file, err);
	y->line0 = 1;
out:
	free(side);
	return st;
}

kll_status
kll__sssom_read_metadata(
    struct rd *r, const char *path, const char *metapath, kll_error *err)
{
	kll__buf b = { NULL, 0, 0 };
	struct ynode *root = NULL;
	char *text = NULL;
	kll_status st = KLL_OK;
	struct ysrc y;
	size_t len = 0;
	unsigned k;

	r->metafile = r->file;
	memset(&y, 0, sizeof(y));
	if (r->p < r->end && *r->p == '#') {
		if (metapath != NULL) {
			st = kll__error_set(err, KLL_ESYNTAX, r->file, 1, 1,
			    "the file has a metadata block, and metadata "
			    "from '%s' was asked for",
			    metapath);
			goto out;
		}
		if ((st = embedded_yaml(r, &b, &k, err)) != KLL_OK)
			goto out;
		y.file = r->file;
		y.text = b.p != NULL ? b.p : "";
		y.line0 = 1;
		y.col0 = 1 + k;
		len = b.n;
	} else if ((st = external_yaml(
	                r, path, metapath, &y, &text, &len, err)) != KLL_OK ||
	           y.text == NULL) {
		goto out;
	}
	y.end = y.text + len;
	if ((st = yaml_load(&root, &y, &r->m->arena, err)) != KLL_OK)
		goto out;
	r->file = r->metafile = y.file;
	st = load_metadata(r, &y, root, err);
	r->file = r->m->path;
out:
	kll__buf_free(&b);
	free(text);
	return st;
}
