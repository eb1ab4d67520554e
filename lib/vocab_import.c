/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* vocab_import.c: a classification table (CSV, as SCB publishes them) to a
 * SKOS+XKOS vocabulary, checked whole before anything is written, and
 * written by the one RDF writer (rdf_write.c). */
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "encoding.h"
#include "rdf_write.h"

#define MAX_LANG  16
#define MAX_DEPTH 32
/* Unknown columns named one by one; the rest are counted. */
#define MAX_UNKNOWN 10

/* The columns the importer knows; per language for the label kinds. */
enum {
	COL_CODE,
	COL_PARENT,
	COL_LEVEL,
	COL_IRI,
	COL_DEPRECATED,
	COL_REPLACED,
	COL__FIXED
};
enum { LK_PREF, LK_ALT, LK_DEF, LK_SCOPE, LK_NOTE, LK__COUNT };

static const char *const fixed_names[COL__FIXED] = {
	"code",
	"parent",
	"level",
	"iri",
	"deprecated",
	"replaced_by",
};
static const char *const lk_names[LK__COUNT] = {
	"label_",
	"altlabels_",
	"definition_",
	"scopenote_",
	"note_",
};
static const char *const lk_preds[LK__COUNT] = {
	NS_SKOS "prefLabel",
	NS_SKOS "altLabel",
	NS_SKOS "definition",
	NS_SKOS "scopeNote",
	NS_SKOS "note",
};

typedef struct row {
	const char **f; /* one per table column; "" if absent */
	unsigned line;
	int level;
	const char *iri;
	size_t *parents; /* row indices of the internal parents */
	size_t nparents;
	const char **external; /* IRIs of parents outside the table */
	size_t nexternal;
} row;

typedef struct table {
	const char *name; /* for messages */
	kll__arena arena;
	size_t ncol;
	int fixed[COL__FIXED];       /* column index, or -1 */
	int lk[LK__COUNT][MAX_LANG]; /* column per kind and language */
	const char *langs[MAX_LANG];
	size_t nlang;
	row *rows;
	size_t n, cap;
	kll__map codes;   /* code -> row */
	kll__problems pr; /* the input's problems, reported */
	const kll_import_opts *o;
	kll_error *err;
} table;

/* The language index of tag, added if new; -1 when there are too many,
 * -2 when out of memory. */
static int
lang_index(table *t, const char *tag)
{
	size_t i;

	for (i = 0; i < t->nlang; i++)
		if (strcmp(t->langs[i], tag) == 0)
			return (int)i;
	if (t->nlang == MAX_LANG)
		return -1;
	if ((t->langs[t->nlang] = kll__arena_strdup(&t->arena, tag)) == NULL)
		return -2;
	return (int)t->nlang++;
}

/* Whether s[0..n) is a language tag as Turtle and BCP 47 write them:
 * letters, then subtags of letters and digits after '-', each of 1 to 8
 * characters.  Anything else would make a file that does not parse. */
static int
lang_ok(const char *s, size_t n)
{
	size_t i, len = 0, sub = 0;

	for (i = 0; i <= n; i++) {
		char ch = i < n ? s[i] : '-';
		if (ch == '-') {
			if (len == 0 || len > 8)
				return 0;
			len = 0;
			sub++;
		} else if ((ch >= 'a' && ch <= 'z') ||
		           (ch >= 'A' && ch <= 'Z') ||
		           (sub > 0 && ch >= '0' && ch <= '9')) {
			len++;
		} else {
			return 0;
		}
	}
	return 1;
}

/* The column name that "name" stands for after --rename NEW=OLD. */
static const char *
renamed(const kll_import_opts *o, const char *name)
{
	size_t i, n;

	for (i = 0; i < o->nrenames; i++) {
		const char *eq = strchr(o->renames[i], '=');
		if (eq == NULL)
			continue;
		n = (size_t)(eq - o->renames[i]);
		if (strcmp(eq + 1, name) == 0) {
			static char buf[64];
			snprintf(
			    buf, sizeof(buf), "%.*s", (int)n, o->renames[i]);
			return buf;
		}
	}
	return name;
}

/* An unknown column at 1-based byte column "col" of the header, with
 * the known name it is closest to. */
static void
unknown_column(table *t, const char *name, unsigned line, unsigned col)
{
	char buf[LK__COUNT][80];
	const char *cands[COL__FIXED + LK__COUNT], *best, *us;
	size_t k, n = 0;

	for (k = 0; k < COL__FIXED; k++)
		cands[n++] = fixed_names[k];
	us = strrchr(name, '_');
	for (k = 0; k < LK__COUNT; k++) {
		snprintf(buf[k], sizeof(buf[k]), "%s%s", lk_names[k],
		    us != NULL ? us + 1 : "sv");
		cands[n++] = buf[k];
	}
	if ((best = kll__closest(name, cands, n)) != NULL)
		kll__problem_at(&t->pr, t->name, line, col,
		    "import-unknown-column",
		    "unknown column '%s' (did you mean '%s'?)", name, best);
	else
		kll__problem_at(&t->pr, t->name, line, col,
		    "import-unknown-column",
		    "unknown column '%s' (declare it with --extra-column "
		    "to leave it out)",
		    name);
}

/* A language column (label_sv): 1 if it is one, 0 if not, or an error. */
static int
lang_column(table *t, kll_csv *c, const char *name, size_t i, kll_status *st)
{
	size_t k, pl;
	int l, found = 0;

	for (k = 0; k < LK__COUNT; k++) {
		pl = strlen(lk_names[k]);
		if (strncmp(name, lk_names[k], pl) != 0 || name[pl] == '\0')
			continue;
		found = 1;
		if (!lang_ok(name + pl, strlen(name + pl))) {
			kll__problem(&t->pr, t->name, kll_csv_line(c),
			    "import-bad-language",
			    "column '%s': '%s' is not a language tag", name,
			    name + pl);
			continue;
		}
		if ((l = lang_index(t, name + pl)) < 0) {
			*st = kll__error_set(t->err,
			    l == -1 ? KLL_EINVALID : KLL_ENOMEM, t->name,
			    kll_csv_line(c), 0, "%s",
			    l == -1 ? "too many languages" : "out of memory");
			return -1;
		}
		t->lk[k][l] = (int)i;
	}
	return found;
}

static kll_status
read_header(void *ctx, kll_csv *c, size_t nf)
{
	table *t = ctx;
	kll_status st = KLL_OK;
	size_t i, k;
	const char *name;
	unsigned col = 1;
	size_t nunknown = 0;
	int known;

	t->ncol = nf;
	for (k = 0; k < COL__FIXED; k++)
		t->fixed[k] = -1;
	memset(t->lk, -1, sizeof(t->lk));
	if (kll__table_wrong_sep(&t->pr, t->name, c, nf, "import-separator") !=
	    KLL_OK)
		return KLL_EINVALID;
	for (i = 0; i < nf; i++) {
		const char *raw = kll_csv_field(c, i, NULL);
		name = renamed(t->o, raw);
		known = kll__extra_column(
		    t->o->extra_columns, t->o->nextra_columns, raw);
		for (k = 0; k < COL__FIXED; k++)
			if (strcmp(name, fixed_names[k]) == 0)
				t->fixed[k] = (int)i, known = 1;
		switch (lang_column(t, c, name, i, &st)) {
		case -1:
			return st;
		case 1:
			known = 1;
		}
		if (!known && nunknown++ < MAX_UNKNOWN)
			unknown_column(t, raw, kll_csv_line(c), col);
		col += (unsigned)strlen(raw) + 1;
	}
	if (nunknown > MAX_UNKNOWN)
		kll__problem(&t->pr, t->name, kll_csv_line(c),
		    "import-unknown-column", "%zu more unknown columns",
		    nunknown - MAX_UNKNOWN);
	if (t->fixed[COL_CODE] < 0)
		return kll__error_set(t->err, KLL_EINVALID, t->name,
		    kll_csv_line(c), 0,
		    "no 'code' column in the header (rename one with "
		    "--column code=NAME)");
	return KLL_OK;
}

/* Line breaks in a cell become LF: raptor writes a CR as it is into a
 * Turtle string, where it is not allowed. */
static void
crlf_to_lf(char *s)
{
	char *w = s;

	for (; *s != '\0'; s++) {
		if (*s == '\r' && s[1] == '\n')
			continue;
		*w++ = *s == '\r' ? '\n' : *s;
	}
	*w = '\0';
}

/* A row of the table; one with more or fewer fields than the header
 * is a problem, and is read padded or cut. */
static kll_status
add_row(void *ctx, kll_csv *c, size_t nf)
{
	table *t = ctx;
	row *r;
	size_t i, len;
	const char *s;
	char *cell;

	if (nf != t->ncol)
		kll__problem(&t->pr, t->name, kll_csv_line(c), "import-columns",
		    "row has %zu fields, the header has %zu", nf, t->ncol);
	if (kll__grow(&t->rows, &t->cap, t->n, sizeof(*t->rows)) < 0)
		return KLL_ENOMEM;
	r = &t->rows[t->n];
	memset(r, 0, sizeof(*r));
	r->line = kll_csv_line(c);
	if ((r->f = kll__arena_alloc(&t->arena, t->ncol * sizeof(*r->f))) ==
	    NULL)
		return KLL_ENOMEM;
	for (i = 0; i < t->ncol; i++) {
		s = i < nf ? kll_csv_field(c, i, &len) : "";
		if (i >= nf)
			len = 0;
		/* Spreadsheets pad cells: trim spaces at both ends. */
		while (len > 0 && (*s == ' ' || *s == '\t'))
			s++, len--;
		while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		if ((cell = kll__arena_strndup(&t->arena, s, len)) == NULL)
			return KLL_ENOMEM;
		if (memchr(cell, '\r', len) != NULL)
			crlf_to_lf(cell);
		r->f[i] = cell;
	}
	t->n++;
	return KLL_OK;
}

static const char *
field(const table *t, const row *r, int col)
{
	(void)t;
	return col >= 0 ? r->f[col] : "";
}

static int
is_iri(const char *s)
{
	if (strncmp(s, "http://", 7) != 0 && strncmp(s, "https://", 8) != 0 &&
	    strncmp(s, "urn:", 4) != 0)
		return 0;
	/* Nothing that Turtle and N-Triples refuse in an IRI. */
	for (; *s != '\0'; s++)
		if ((unsigned char)*s <= 0x20 || strchr("<>\"{}|^`\\", *s))
			return 0;
	return 1;
}

static kll_status
index_codes(table *t)
{
	size_t i;
	uint32_t prev;
	const char *code;

	for (i = 0; i < t->n; i++) {
		row *r = &t->rows[i];
		code = field(t, r, t->fixed[COL_CODE]);
		if (*code == '\0') {
			kll__problem(&t->pr, t->name, r->line, "import-no-code",
			    "empty code");
			continue;
		}
		if (kll__map_get(&t->codes, code, strlen(code), &prev)) {
			kll__problem(&t->pr, t->name, r->line,
			    "import-duplicate-code",
			    "duplicate code '%s' (first on line %u)", code,
			    t->rows[prev].line);
			continue;
		}
		if (kll__map_put(&t->codes, code, strlen(code), (uint32_t)i) <
		    0)
			return KLL_ENOMEM;
	}
	return KLL_OK;
}

/* Split a '|'-separated cell in place into at most max parts, with "\|"
 * for a literal bar.  Returns the number of parts. */
static size_t
split_bar(char *s, char **parts, size_t max)
{
	size_t n = 0;
	char *w = s, *start = s;

	if (*s == '\0')
		return 0;
	for (;; s++) {
		if (*s == '\\' && (s[1] == '|' || s[1] == '\\')) {
			*w++ = *++s;
			continue;
		}
		if (*s == '|' || *s == '\0') {
			int end = *s == '\0';
			*w = '\0';
			if (*start != '\0' && n < max)
				parts[n++] = start;
			if (end)
				break;
			start = w = s + 1;
			continue;
		}
		*w++ = *s;
	}
	return n;
}

/* The longest other code that "code" begins with, for tables that give
 * neither parents nor levels. */
static int
prefix_parent(const table *t, const char *code, uint32_t *out)
{
	size_t n = strlen(code);

	while (n-- > 1)
		if (kll__map_get(&t->codes, code, n, out))
			return 1;
	return 0;
}

static kll_status
link_parents(table *t)
{
	size_t i, k, np;
	char *parts[64], *cell;
	uint32_t p;

	for (i = 0; i < t->n; i++) {
		row *r = &t->rows[i];
		const char *code = field(t, r, t->fixed[COL_CODE]);
		if (t->fixed[COL_PARENT] < 0) {
			if (t->fixed[COL_LEVEL] < 0 &&
			    prefix_parent(t, code, &p)) {
				if ((r->parents = kll__arena_alloc(&t->arena,
				         sizeof(*r->parents))) == NULL)
					return KLL_ENOMEM;
				r->parents[r->nparents++] = p;
			}
			continue;
		}
		cell = kll__arena_strdup(
		    &t->arena, field(t, r, t->fixed[COL_PARENT]));
		if (cell == NULL)
			return KLL_ENOMEM;
		np = split_bar(cell, parts, 64);
		r->parents =
		    kll__arena_alloc(&t->arena, (np + 1) * sizeof(*r->parents));
		r->external = kll__arena_alloc(
		    &t->arena, (np + 1) * sizeof(*r->external));
		if (r->parents == NULL || r->external == NULL)
			return KLL_ENOMEM;
		for (k = 0; k < np; k++) {
			if (is_iri(parts[k]))
				r->external[r->nexternal++] = parts[k];
			else if (!kll__map_get(
			             &t->codes, parts[k], strlen(parts[k]), &p))
				kll__problem(&t->pr, t->name, r->line,
				    "import-unknown-parent",
				    "parent '%s' of '%s' is not in the table",
				    parts[k], code);
			else if (p == i)
				kll__problem(&t->pr, t->name, r->line,
				    "import-cycle", "'%s' is its own parent",
				    code);
			else
				r->parents[r->nparents++] = p;
		}
	}
	return KLL_OK;
}

/* Depth from the parents, iteratively; rows left without one after as
 * many rounds as there are rows sit on a cycle. */
static void
compute_depths(table *t)
{
	size_t i, k, round, deep = SIZE_MAX;
	int changed = 1, d, ok;

	for (i = 0; i < t->n; i++)
		t->rows[i].level = t->rows[i].nparents == 0 ? 1 : 0;
	for (round = 0; changed && round <= t->n; round++) {
		changed = 0;
		for (i = 0; i < t->n; i++) {
			row *r = &t->rows[i];
			if (r->level != 0)
				continue;
			for (k = 0, ok = 1, d = 0; k < r->nparents; k++) {
				int pl = t->rows[r->parents[k]].level;
				if (pl == 0)
					ok = 0;
				else if (pl + 1 > d)
					d = pl + 1;
			}
			if (ok) {
				if (d > MAX_DEPTH && deep == SIZE_MAX)
					deep = i;
				r->level = d > MAX_DEPTH ? MAX_DEPTH : d;
				changed = 1;
			}
		}
	}
	/* Levels from the hierarchy stop at MAX_DEPTH: deeper rows would
	 * share the last level with their parents. */
	if (deep != SIZE_MAX && !t->o->no_levels && t->fixed[COL_LEVEL] < 0)
		kll__problem(&t->pr, t->name, t->rows[deep].line,
		    "import-too-deep",
		    "'%s' is more than %d levels deep, where XKOS levels end "
		    "(--no-levels imports deeper trees)",
		    field(t, &t->rows[deep], t->fixed[COL_CODE]), MAX_DEPTH);
	for (i = 0; i < t->n; i++)
		if (t->rows[i].level == 0) {
			kll__problem(&t->pr, t->name, t->rows[i].line,
			    "import-cycle", "'%s' is on a cycle of parents",
			    field(t, &t->rows[i], t->fixed[COL_CODE]));
			t->rows[i].level = 1;
		}
}

static void
check_levels(table *t)
{
	size_t i;
	char *end;
	long lv;

	compute_depths(t);
	if (t->fixed[COL_LEVEL] < 0)
		return;
	for (i = 0; i < t->n; i++) {
		row *r = &t->rows[i];
		const char *s = field(t, r, t->fixed[COL_LEVEL]);
		lv = strtol(s, &end, 10);
		if (*s == '\0' || *end != '\0' || lv < 1 || lv > MAX_DEPTH) {
			kll__problem(&t->pr, t->name, r->line,
			    "import-bad-level",
			    "bad level '%s': give a number from 1 to %d", s,
			    MAX_DEPTH);
			continue;
		}
		if (t->fixed[COL_PARENT] >= 0 && r->nparents > 0 &&
		    lv != r->level)
			kll__problem(&t->pr, t->name, r->line,
			    "import-level-depth",
			    "'%s' is on level %ld but its parent on level %d",
			    field(t, r, t->fixed[COL_CODE]), lv, r->level - 1);
		r->level = (int)lv;
	}
}

static void
check_labels(table *t)
{
	size_t i, k;
	int l;

	for (k = 0; k < t->o->nlangs; k++) {
		const char *lang = t->o->langs[k];
		for (l = 0; l < (int)t->nlang; l++)
			if (strcmp(t->langs[l], lang) == 0)
				break;
		if (l == (int)t->nlang || t->lk[LK_PREF][l] < 0) {
			kll__problem(&t->pr, t->name, 1,
			    "import-missing-language",
			    "no label_%s column for required language '%s'",
			    lang, lang);
			continue;
		}
		for (i = 0; i < t->n; i++)
			if (*t->rows[i].f[t->lk[LK_PREF][l]] == '\0')
				kll__problem(&t->pr, t->name, t->rows[i].line,
				    "import-missing-label",
				    "'%s' has no label in '%s'",
				    field(t, &t->rows[i], t->fixed[COL_CODE]),
				    lang);
	}
}

/* "DEPTH=REST": the depth, and REST in *rest; 0 when malformed. */
static int
depth_prefix(const char *s, const char **rest)
{
	char *end;
	long d = strtol(s, &end, 10);

	if (end == s || *end != '=' || d < 1 || d > MAX_DEPTH)
		return 0;
	*rest = end + 1;
	return (int)d;
}

static kll_status
check_patterns(table *t)
{
	size_t i, k;
	const char *re;
	char *full;
	regex_t rx;
	int d;

	for (k = 0; k < t->o->npatterns; k++) {
		if ((d = depth_prefix(t->o->patterns[k], &re)) == 0)
			return kll__error_set(t->err, KLL_EARG, NULL, 0, 0,
			    "bad pattern '%s': give DEPTH=REGEX",
			    t->o->patterns[k]);
		if ((full = kll__malloc(strlen(re) + 5)) == NULL)
			return KLL_ENOMEM;
		snprintf(full, strlen(re) + 5, "^(%s)$", re);
		if (regcomp(&rx, full, REG_EXTENDED | REG_NOSUB) != 0) {
			free(full);
			return kll__error_set(t->err, KLL_EARG, NULL, 0, 0,
			    "bad pattern '%s': not a POSIX extended regular "
			    "expression",
			    re);
		}
		free(full);
		for (i = 0; i < t->n; i++) {
			const char *code =
			    field(t, &t->rows[i], t->fixed[COL_CODE]);
			if (t->rows[i].level == d &&
			    regexec(&rx, code, 0, NULL, 0) != 0)
				kll__problem(&t->pr, t->name, t->rows[i].line,
				    "import-notation-pattern",
				    "code '%s' does not match the pattern '%s' "
				    "of level %d",
				    code, re, d);
		}
		regfree(&rx);
	}
	return KLL_OK;
}

/* ------------------------------------------------------------------ */
/* The graph                                                            */

typedef struct names {
	const char *scheme;
	char base[512]; /* base IRI followed by the id */
	const char *id;
} names;

/* scheme/CODE, with characters outside the unreserved set
 * percent-encoded. */
static const char *
concept_iri(table *t, const char *scheme, const char *code)
{
	static const char hex[] = "0123456789ABCDEF";
	kll__buf b = { 0 };
	const char *s, *res = NULL;

	if (kll__buf_adds(&b, scheme) < 0 || kll__buf_addc(&b, '/') < 0)
		goto out;
	for (s = code; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		int ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		         (ch >= '0' && ch <= '9') || ch == '-' || ch == '.' ||
		         ch == '_' || ch == '~';
		if (ok ? kll__buf_addc(&b, (char)ch) < 0 :
		         (kll__buf_addc(&b, '%') < 0 ||
		             kll__buf_addc(&b, hex[ch >> 4]) < 0 ||
		             kll__buf_addc(&b, hex[ch & 15]) < 0))
			goto out;
	}
	res = kll__arena_strndup(&t->arena, b.p, b.n);
out:
	kll__buf_free(&b);
	return res;
}

static void
lang_pairs(kll__rdf *g, const char *s, const char *p, const char *const *pairs,
    size_t n)
{
	size_t i;
	char lang[32];
	const char *eq;

	for (i = 0; i < n; i++) {
		if ((eq = strchr(pairs[i], '=')) == NULL ||
		    (size_t)(eq - pairs[i]) >= sizeof(lang)) {
			kll__rdf_add_lit(g, s, p, pairs[i], NULL);
			continue;
		}
		snprintf(
		    lang, sizeof(lang), "%.*s", (int)(eq - pairs[i]), pairs[i]);
		kll__rdf_add_lit(g, s, p, eq + 1, lang);
	}
}

static int
max_level(const table *t)
{
	size_t i;
	int m = 0;

	for (i = 0; i < t->n; i++)
		if (t->rows[i].level > m)
			m = t->rows[i].level;
	return m;
}

static void
add_levels(table *t, kll__rdf *g, const names *nm)
{
	const char *iris[MAX_DEPTH];
	char buf[600], num[16];
	int d, nlev = max_level(t), ld;
	size_t i, k;
	const char *rest, *eq;

	for (d = 1; d <= nlev; d++) {
		snprintf(buf, sizeof(buf), "%s/level/%d", nm->base, d);
		iris[d - 1] = kll__arena_strdup(&t->arena, buf);
		if (iris[d - 1] == NULL)
			return;
		kll__rdf_add_iri(
		    g, buf, NS_RDF "type", NS_XKOS "ClassificationLevel");
		snprintf(num, sizeof(num), "%d", d);
		kll__rdf_add_typed(
		    g, buf, NS_XKOS "depth", num, NS_XSD "positiveInteger");
		kll__rdf_add_iri(g, buf, NS_SKOS "inScheme", nm->scheme);
	}
	for (k = 0; k < t->o->nlevel_names; k++) {
		if ((ld = depth_prefix(t->o->level_names[k], &rest)) == 0 ||
		    ld > nlev || (eq = strchr(rest, '=')) == NULL)
			continue;
		snprintf(num, sizeof(num), "%.*s", (int)(eq - rest), rest);
		kll__rdf_add_lit(
		    g, iris[ld - 1], NS_SKOS "prefLabel", eq + 1, num);
	}
	for (k = 0; k < t->o->npatterns; k++)
		if ((ld = depth_prefix(t->o->patterns[k], &rest)) > 0 &&
		    ld <= nlev)
			kll__rdf_add_lit(g, iris[ld - 1],
			    NS_XKOS "notationPattern", rest, NULL);
	for (i = 0; i < t->n; i++)
		kll__rdf_add_iri(g, iris[t->rows[i].level - 1],
		    NS_SKOS "member", t->rows[i].iri);
	snprintf(num, sizeof(num), "%d", nlev);
	kll__rdf_add_typed(g, nm->scheme, NS_XKOS "numberOfLevels", num,
	    NS_XSD "positiveInteger");
	kll__rdf_add_list(
	    g, nm->scheme, NS_XKOS "levels", iris, (size_t)nlev, "levels");
}

static void
add_scheme(table *t, kll__rdf *g, const names *nm)
{
	const kll_import_opts *o = t->o;

	kll__rdf_add_iri(g, nm->scheme, NS_RDF "type", NS_SKOS "ConceptScheme");
	kll__rdf_add_lit(g, nm->scheme, NS_DCT "identifier", nm->id, NULL);
	lang_pairs(g, nm->scheme, NS_DCT "title", o->titles, o->ntitles);
	lang_pairs(g, nm->scheme, NS_SKOS "prefLabel", o->titles, o->ntitles);
	lang_pairs(g, nm->scheme, NS_DCT "description", o->descriptions,
	    o->ndescriptions);
	kll__rdf_add_lit(g, nm->scheme, NS_OWL "versionInfo", o->version, NULL);
	kll__rdf_add_typed(
	    g, nm->scheme, NS_DCT "issued", o->issued, NS_XSD "date");
	if (o->license && *o->license)
		kll__rdf_add_iri(g, nm->scheme, NS_DCT "license", o->license);
	if (o->source && *o->source)
		kll__rdf_add_iri(g, nm->scheme, NS_DCT "source", o->source);
	kll__rdf_add_lit(g, nm->scheme, NS_DC "publisher", o->publisher, NULL);
	kll__rdf_add_lit(g, nm->scheme, NS_DCT "rights", o->rights, NULL);
}

static void
add_texts(table *t, kll__rdf *g, const row *r)
{
	size_t l, k, n;
	char *cell, *parts[256];

	for (l = 0; l < t->nlang; l++)
		for (k = 0; k < LK__COUNT; k++) {
			if (t->lk[k][l] < 0 || *r->f[t->lk[k][l]] == '\0')
				continue;
			if (k != LK_ALT) {
				kll__rdf_add_lit(g, r->iri, lk_preds[k],
				    r->f[t->lk[k][l]], t->langs[l]);
				continue;
			}
			if ((cell = kll__arena_strdup(
			         &t->arena, r->f[t->lk[k][l]])) == NULL)
				return;
			n = split_bar(cell, parts, 256);
			while (n-- > 0)
				kll__rdf_add_lit(g, r->iri, lk_preds[k],
				    parts[n], t->langs[l]);
		}
}

static void
add_concept(table *t, kll__rdf *g, const names *nm, const row *r)
{
	const char *code = field(t, r, t->fixed[COL_CODE]);
	const char *dep = field(t, r, t->fixed[COL_DEPRECATED]);
	char *cell, *parts[64];
	size_t k, n;
	uint32_t p;

	kll__rdf_add_iri(g, r->iri, NS_RDF "type", NS_SKOS "Concept");
	kll__rdf_add_iri(g, r->iri, NS_SKOS "inScheme", nm->scheme);
	kll__rdf_add_lit(g, r->iri, NS_SKOS "notation", code, NULL);
	add_texts(t, g, r);
	for (k = 0; k < r->nparents; k++) {
		const char *piri = t->rows[r->parents[k]].iri;
		kll__rdf_add_iri(g, r->iri, NS_SKOS "broader", piri);
		kll__rdf_add_iri(g, piri, NS_SKOS "narrower", r->iri);
	}
	for (k = 0; k < r->nexternal; k++)
		kll__rdf_add_iri(g, r->iri, NS_SKOS "broader", r->external[k]);
	if (r->nparents == 0) {
		kll__rdf_add_iri(g, r->iri, NS_SKOS "topConceptOf", nm->scheme);
		kll__rdf_add_iri(
		    g, nm->scheme, NS_SKOS "hasTopConcept", r->iri);
	}
	if (strcmp(dep, "true") == 0 || strcmp(dep, "1") == 0 ||
	    strcmp(dep, "yes") == 0)
		kll__rdf_add_typed(
		    g, r->iri, NS_OWL "deprecated", "true", NS_XSD "boolean");
	cell =
	    kll__arena_strdup(&t->arena, field(t, r, t->fixed[COL_REPLACED]));
	n = cell ? split_bar(cell, parts, 64) : 0;
	for (k = 0; k < n; k++)
		if (kll__map_get(&t->codes, parts[k], strlen(parts[k]), &p))
			kll__rdf_add_iri(
			    g, r->iri, NS_DCT "isReplacedBy", t->rows[p].iri);
}

static kll_status
check_replacements(table *t)
{
	size_t i, k, n;
	char *cell, *parts[64];

	if (t->fixed[COL_REPLACED] < 0)
		return KLL_OK;
	for (i = 0; i < t->n; i++) {
		cell = kll__arena_strdup(
		    &t->arena, t->rows[i].f[t->fixed[COL_REPLACED]]);
		if (cell == NULL)
			return KLL_ENOMEM;
		n = split_bar(cell, parts, 64);
		for (k = 0; k < n; k++)
			if (!kll__map_get(
			        &t->codes, parts[k], strlen(parts[k]), NULL))
				kll__problem(&t->pr, t->name, t->rows[i].line,
				    "import-unknown-replacement",
				    "replacement '%s' is not in the table",
				    parts[k]);
	}
	return KLL_OK;
}

/* Each row's IRI, which must be its own: two rows with one IRI would
 * be one concept, and the scheme and its levels have theirs. */
static kll_status
assign_iris(table *t, const names *nm)
{
	kll__map seen = KLL__MAP_INIT;
	kll_status st = KLL_ENOMEM;
	const char *key, *code;
	char buf[600];
	uint32_t prev;
	size_t i;
	int d, nlev = t->o->no_levels ? 0 : max_level(t);
	row *r;

	if (kll__map_put(&seen, nm->scheme, strlen(nm->scheme), UINT32_MAX) < 0)
		goto out;
	for (d = 1; d <= nlev; d++) {
		snprintf(buf, sizeof(buf), "%s/level/%d", nm->base, d);
		if ((key = kll__arena_strdup(&t->arena, buf)) == NULL ||
		    kll__map_put(&seen, key, strlen(key), UINT32_MAX) < 0)
			goto out;
	}
	for (i = 0; i < t->n; i++) {
		r = &t->rows[i];
		code = field(t, r, t->fixed[COL_CODE]);
		r->iri = field(t, r, t->fixed[COL_IRI]);
		if (*r->iri == '\0')
			r->iri = concept_iri(t, nm->scheme, code);
		if (r->iri == NULL)
			goto out;
		if (!is_iri(r->iri)) {
			kll__problem(&t->pr, t->name, r->line, "import-bad-iri",
			    "'%s' is not an absolute IRI", r->iri);
			continue;
		}
		/* A repeated code is reported as such already. */
		if (kll__map_get(&t->codes, code, strlen(code), &prev) &&
		    prev != i)
			continue;
		if (!kll__map_get(&seen, r->iri, strlen(r->iri), &prev)) {
			if (kll__map_put(
			        &seen, r->iri, strlen(r->iri), (uint32_t)i) < 0)
				goto out;
		} else if (prev == UINT32_MAX) {
			kll__problem(&t->pr, t->name, r->line,
			    "import-duplicate-iri",
			    "'%s' is the IRI of the scheme or of a level",
			    r->iri);
		} else {
			kll__problem(&t->pr, t->name, r->line,
			    "import-duplicate-iri",
			    "'%s' has the IRI of '%s' (line %u): %s", code,
			    field(t, &t->rows[prev], t->fixed[COL_CODE]),
			    t->rows[prev].line, r->iri);
		}
	}
	st = KLL_OK;
out:
	kll__map_free(&seen);
	return st;
}

static void
set_prefixes(kll__rdf *g, const names *nm)
{
	kll__rdf_prefix(g, "rdf", NS_RDF);
	kll__rdf_prefix(g, "skos", NS_SKOS);
	kll__rdf_prefix(g, "xkos", NS_XKOS);
	kll__rdf_prefix(g, "dcterms", NS_DCT);
	kll__rdf_prefix(g, "dc", NS_DC);
	kll__rdf_prefix(g, "owl", NS_OWL);
	kll__rdf_prefix(g, "xsd", NS_XSD);
	(void)nm;
}

static kll_status
write_graph(table *t, const names *nm, FILE *out, const char *outname)
{
	kll__rdf *g = NULL;
	kll_status st;
	size_t i;

	st = kll__rdf_new(&g, t->o->storage, t->o->storage_name,
	    t->o->storage_options, t->err);
	if (st != KLL_OK)
		return st;
	set_prefixes(g, nm);
	add_scheme(t, g, nm);
	if (!t->o->no_levels)
		add_levels(t, g, nm);
	for (i = 0; i < t->n; i++)
		add_concept(t, g, nm, &t->rows[i]);
	st = kll__rdf_write(
	    g, out, t->o->syntax ? t->o->syntax : "turtle", outname, t->err);
	kll__rdf_free(g);
	return st;
}

static kll_status
make_names(table *t, names *nm, const char *path)
{
	const kll_import_opts *o = t->o;
	const char *base = o->base_iri ? o->base_iri : KLL_BASE_IRI;
	const char *slash, *dot, *id = o->id;

	if (id == NULL) {
		slash = strrchr(path, '/');
		id = slash ? slash + 1 : path;
		dot = strchr(id, '.');
		id = kll__arena_strndup(
		    &t->arena, id, dot ? (size_t)(dot - id) : strlen(id));
		if (id == NULL)
			return KLL_ENOMEM;
		if (strcmp(path, "-") == 0)
			return kll__error_set(t->err, KLL_EARG, NULL, 0, 0,
			    "reading stdin: give the vocabulary's --id");
	}
	nm->id = id;
	snprintf(nm->base, sizeof(nm->base), "%s%s", base, id);
	nm->scheme = o->scheme_iri ? o->scheme_iri : nm->base;
	if (!is_iri(nm->base) || !is_iri(nm->scheme))
		return kll__error_set(t->err, KLL_EARG, NULL, 0, 0,
		    "the base and scheme IRIs must be absolute: '%s'",
		    nm->scheme);
	return KLL_OK;
}

/* The licence and source become links of published pages: the web's
 * schemes only. */
static kll_status
check_link_opts(table *t)
{
	const char *const v[2] = { t->o->license, t->o->source };
	const char *const what[2] = { "licence (dcterms:license)",
		"source (dcterms:source)" };
	int i;

	for (i = 0; i < 2; i++)
		if (v[i] != NULL && *v[i] != '\0' &&
		    !kll__link_ok(v[i], KLL__LINK_WEB))
			return kll__error_set(t->err, KLL_EARG, NULL, 0, 0,
			    "the %s '%.200s' is not %s", what[i], v[i],
			    kll__link_policy(KLL__LINK_WEB));
	return KLL_OK;
}

/* The language tags of the titles, descriptions and level names. */
static kll_status
check_lang_opts(table *t)
{
	const kll_import_opts *o = t->o;
	const char *s, *eq, *rest;
	size_t i, n = o->ntitles + o->ndescriptions;

	for (i = 0; i < n + o->nlevel_names; i++) {
		s = i < o->ntitles ? o->titles[i] :
		    i < n          ? o->descriptions[i - o->ntitles] :
		                     o->level_names[i - n];
		rest = s;
		if (i >= n && depth_prefix(s, &rest) == 0)
			continue;
		if ((eq = strchr(rest, '=')) != NULL &&
		    !lang_ok(rest, (size_t)(eq - rest)))
			return kll__error_set(t->err, KLL_EARG, NULL, 0, 0,
			    "bad language tag in '%s'", s);
	}
	return KLL_OK;
}

kll_status
kll_vocab_import(const char *path, const kll_import_opts *opts, FILE *out,
    const char *outname, size_t *nconcepts, kll_error *err)
{
	kll_import_opts def = KLL_IMPORT_OPTS_INIT;
	kll_error local;
	table t;
	names nm;
	kll_status st;

	memset(&t, 0, sizeof(t));
	t.o = opts ? opts : &def;
	t.err = err ? err : &local;
	t.name = kll__display_name(path);
	t.pr.fn = t.o->diag;
	t.pr.payload = t.o->payload;
	t.pr.first = t.err;
	if ((st = make_names(&t, &nm, path)) != KLL_OK ||
	    (st = check_lang_opts(&t)) != KLL_OK ||
	    (st = check_link_opts(&t)) != KLL_OK ||
	    (st = kll__table_each(path, t.name, t.o->sep, t.o->encoding,
	         read_header, add_row, &t, t.err)) != KLL_OK)
		goto out;
	if ((st = index_codes(&t)) != KLL_OK ||
	    (st = link_parents(&t)) != KLL_OK)
		goto nomem;
	check_levels(&t);
	check_labels(&t);
	if ((st = check_patterns(&t)) != KLL_OK)
		goto out;
	if ((st = check_replacements(&t)) != KLL_OK ||
	    (st = assign_iris(&t, &nm)) != KLL_OK)
		goto nomem;
	if (t.pr.n > 0) {
		st = KLL_EINVALID; /* t.err holds the first problem */
		goto out;
	}
	if (t.n == 0) {
		st = kll__error_set(
		    t.err, KLL_EINVALID, path, 0, 0, "the table has no rows");
		goto out;
	}
	if (nconcepts != NULL)
		*nconcepts = t.n;
	st = write_graph(&t, &nm, out, outname);
	goto out;
nomem:
	if (st == KLL_ENOMEM)
		kll__error_set(t.err, st, path, 0, 0, "out of memory");
out:
	kll__map_free(&t.codes);
	kll__arena_free(&t.arena);
	free(t.rows);
	return st;
}
