/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * mksrc: write the source tables of the shipped vocabularies, vocab/src/
 * ID.csv in the shape 'kll-vocab import' reads, from the classification
 * files of a data folder, and check each table before it is written: one
 * row per code, every parent present, levels that follow the hierarchy,
 * the expected number of concepts per level and each level's notation
 * pattern.
 *
 * usage: mksrc datadir outdir
 *
 * The ESCO skills are read from the official zip through unzip(1).
 */
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kll.h"

#define MAXLEVEL 8

#define ESCO_ISCO  "http://data.europa.eu/esco/isco/C"
#define ESCO_OCC   "http://data.europa.eu/esco/occupation/"
#define ESCO_SKILL "http://data.europa.eu/esco/skill/"
#define EQF_BASE   "http://data.europa.eu/snb/eqf/"
#define UUID       "[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}"

/* The optional columns of a table, in the order they are written. */
enum {
	C_IRI = 1 << 0,
	C_SV = 1 << 1,
	C_EN = 1 << 2,
	C_ALT = 1 << 3,
	C_DEF = 1 << 4,
	C_SCOPE = 1 << 5
};

/* What a table must come out as: its columns, the number of concepts on
 * each level, and each level's notation pattern (a POSIX extended regular
 * expression that must match the whole code).  A table of no levels
 * (nlevels 0: a hierarchy whose source defines no levels) has no level
 * column; want[0] is its number of concepts and pattern[0] fits every
 * code. */
struct spec {
	const char *id;
	unsigned cols;
	int nlevels;
	size_t want[MAXLEVEL];
	const char *pattern[MAXLEVEL];
};

#define ESCO_ALL (C_IRI | C_EN | C_ALT | C_DEF | C_SCOPE)

/* clang-format off */
#define DIGITS4		{ "[0-9]", "[0-9]{2}", "[0-9]{3}", "[0-9]{4}" }
#define SNI(sec)	{ sec, "[0-9]{2}", "[0-9]{2}\\.[0-9]", \
			  "[0-9]{2}\\.[0-9]{2}", "[0-9]{2}\\.[0-9]{3}" }
#define SUN_LEVEL	{ "[0-9]", "[0-9]{2}", "[0-9]{3}" }
#define SUN_FIELD	{ "[0-9]", "[0-9]{2}", "[0-9]{3}", "[0-9]{3}[a-z]" }
#define ESCO_OCC_CODES	{ "[0-9]{4}(\\.[0-9]+){1,4}" }
#define ESCO_GROUP_CODES { "[KLST]", "[0-9]{2}|[KLST][0-9]+", \
			  "[0-9]{3}|[KLST][0-9]+\\.[0-9]+", \
			  "[0-9]{4}|[KLST][0-9]+(\\.[0-9]+){2}" }

static const struct spec specs[] = {
	{ "ssyk-2012", C_SV | C_EN, 4, { 10, 46, 148, 429 }, DIGITS4 },
	{ "isco-08", C_IRI | C_EN | C_DEF, 4, { 10, 43, 130, 436 }, DIGITS4 },
	{ "sni-2007", C_SV | C_EN, 5, { 21, 88, 272, 615, 821 }, SNI("[A-U]") },
	{ "nace-2", C_EN, 4, { 21, 88, 272, 615 }, SNI("[A-U]") },
	{ "sni-2025", C_SV | C_EN, 5, { 22, 87, 287, 651, 835 }, SNI("[A-V]") },
	{ "nace-2.1", C_EN, 4, { 22, 87, 287, 651 }, SNI("[A-V]") },
	{ "sun-2000-level", C_SV, 3, { 7, 14, 50 }, SUN_LEVEL },
	{ "sun-2000-field", C_SV, 4, { 10, 26, 117, 351 }, SUN_FIELD },
	{ "sun-2020-level", C_SV, 3, { 7, 14, 50 }, SUN_LEVEL },
	{ "sun-2020-field", C_SV, 4, { 10, 26, 118, 377 }, SUN_FIELD },
	{ "isced-2011", C_EN, 3, { 10, 23, 33 },
	    { "[0-9]", "[0-9]{2}", "[0-9]{3}" } },
	{ "isced-f-2013", C_EN, 3, { 12, 57, 149 },
	    { "[0-9]{2}", "[0-9]{3}", "[0-9]{4}" } },
	{ "seqf", C_SV | C_EN, 1, { 8 }, { "[1-8]" } },
	{ "eqf", C_IRI | C_EN, 1, { 8 }, { "[1-8]" } },
	{ "esco-occupations", ESCO_ALL, 0, { 3007 }, ESCO_OCC_CODES },
	{ "esco-skills", ESCO_ALL, 0, { 13896 }, { UUID } },
	{ "esco-skill-groups", ESCO_ALL, 4, { 4, 28, 156, 452 },
	    ESCO_GROUP_CODES },
};
/* clang-format on */

struct concept {
	char *code;
	char **par; /* codes in the same table, or absolute IRIs */
	size_t npar;
	int level;
	char *iri, *sv, *en, *alt, *def, *scope; /* NULL: none */
};

struct vocab {
	const struct spec *spec;
	struct concept *c;
	size_t n, cap;
	int sorted;
};

/* A CSV file read whole: the header and the rows, each padded to the
 * header's width. */
struct sheet {
	char *name;
	size_t ncols, nrows, cap;
	char **head;
	char ***rows;
	unsigned *lines;
};

static const char *outdir;
static char *tmpdir;  /* for the files unzip extracts */
static char *tmppath; /* a temporary file to remove on failure */

static void die(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3), noreturn));

static void
die(int status, const char *fmt, ...)
{
	va_list ap;

	fputs("mksrc: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (tmppath != NULL)
		unlink(tmppath);
	if (tmpdir != NULL)
		rmdir(tmpdir);
	exit(status);
}

static void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n ? n : 1)) == NULL)
		die(2, "out of memory");
	return p;
}

static char *
xstrndup(const char *s, size_t n)
{
	char *p = xrealloc(NULL, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

static char *xprintf(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

static char *
xprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		die(2, "cannot format a string");
	p = xrealloc(NULL, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

/* The length of the white space (ASCII, or U+00A0 NO-BREAK SPACE) that
 * starts "s", or with "back", that ends s[0..n); 0 when there is none. */
static size_t
space_len(const char *s, size_t n, int back)
{
	const char *p = back ? s + n - 1 : s;

	if (n == 0)
		return 0;
	if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		return 1;
	if (n >= 2 && !back && memcmp(p, "\xc2\xa0", 2) == 0)
		return 2;
	if (n >= 2 && back && memcmp(p - 1, "\xc2\xa0", 2) == 0)
		return 2;
	return 0;
}

/* Text as it goes into a table: without surrounding white space, with
 * CRLF line ends as LF.  NULL when nothing is left. */
static char *
clean(const char *s)
{
	size_t n = strlen(s), i, j, k;
	char *p;

	while ((k = space_len(s, n, 1)) > 0)
		n -= k;
	while ((k = space_len(s, n, 0)) > 0) {
		s += k;
		n -= k;
	}
	if (n == 0)
		return NULL;
	p = xstrndup(s, n);
	for (i = j = 0; i < n; i++)
		if (!(p[i] == '\r' && p[i + 1] == '\n'))
			p[j++] = p[i];
	p[j] = '\0';
	return p;
}

static int
has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int
is_iri(const char *s)
{
	return has_prefix(s, "http://") || has_prefix(s, "https://");
}

/* ------------------------------------------------------------------ */
/* Reading CSV files                                                    */

static void
sheet_add_row(struct sheet *sh, kll_csv *c, size_t nf)
{
	char **row;
	size_t i;

	if (nf > sh->ncols)
		die(1, "%s:%u: %zu fields, the header has %zu", sh->name,
		    kll_csv_line(c), nf, sh->ncols);
	if (sh->nrows == sh->cap) {
		sh->cap = sh->cap ? 2 * sh->cap : 256;
		sh->rows = xrealloc(sh->rows, sh->cap * sizeof(*sh->rows));
		sh->lines = xrealloc(sh->lines, sh->cap * sizeof(*sh->lines));
	}
	row = xrealloc(NULL, sh->ncols * sizeof(*row));
	for (i = 0; i < sh->ncols; i++)
		row[i] = xstrdup(i < nf ? kll_csv_field(c, i, NULL) : "");
	sh->lines[sh->nrows] = kll_csv_line(c);
	sh->rows[sh->nrows++] = row;
}

static struct sheet *
sheet_read(const char *path, const char *name)
{
	kll_csv_opts opts = KLL_CSV_OPTS_INIT;
	struct sheet *sh = xrealloc(NULL, sizeof(*sh));
	kll_error err;
	kll_csv *c;
	size_t nf, i;

	memset(sh, 0, sizeof(*sh));
	sh->name = xstrdup(name);
	opts.sep = ',';
	if (kll_csv_open(&c, path, &opts, &err) != KLL_OK)
		die(2, "%s: %s", name, err.msg);
	for (;;) {
		if (kll_csv_next(c, &nf, &err) != KLL_OK)
			die(2, "%s:%u: %s", name, err.line, err.msg);
		if (nf == 0)
			break;
		if (nf == 1 && kll_csv_field(c, 0, NULL)[0] == '\0')
			continue; /* a blank line */
		if (sh->head != NULL) {
			sheet_add_row(sh, c, nf);
			continue;
		}
		sh->ncols = nf;
		sh->head = xrealloc(NULL, nf * sizeof(*sh->head));
		for (i = 0; i < nf; i++)
			sh->head[i] = xstrdup(kll_csv_field(c, i, NULL));
	}
	kll_csv_free(c);
	if (sh->head == NULL)
		die(1, "%s: empty file", name);
	return sh;
}

static struct sheet *
sheet_load(const char *data, const char *rel)
{
	struct sheet *sh;
	char *path = xprintf("%s/%s", data, rel);

	sh = sheet_read(path, rel);
	free(path);
	return sh;
}

static size_t
sheet_col(const struct sheet *sh, const char *name)
{
	size_t i;

	for (i = 0; i < sh->ncols; i++)
		if (strcmp(sh->head[i], name) == 0)
			return i;
	die(1, "%s: no column '%s'", sh->name, name);
}

static int
sheet_has_col(const struct sheet *sh, const char *name)
{
	size_t i;

	for (i = 0; i < sh->ncols; i++)
		if (strcmp(sh->head[i], name) == 0)
			return 1;
	return 0;
}

static void
sheet_free(struct sheet *sh)
{
	size_t i, j;

	if (sh == NULL)
		return;
	for (i = 0; i < sh->nrows; i++) {
		for (j = 0; j < sh->ncols; j++)
			free(sh->rows[i][j]);
		free(sh->rows[i]);
	}
	for (j = 0; j < sh->ncols; j++)
		free(sh->head[j]);
	free(sh->head);
	free(sh->rows);
	free(sh->lines);
	free(sh->name);
	free(sh);
}

/* Write "s" as one single-quoted shell word to "out" (of size n). */
static void
shell_quote(char *out, size_t n, const char *s)
{
	size_t j = 0;

	out[j++] = '\'';
	for (; *s != '\0' && j + 6 < n; s++) {
		if (*s == '\'') {
			memcpy(out + j, "'\\''", 4);
			j += 4;
		} else {
			out[j++] = *s;
		}
	}
	if (*s != '\0')
		die(2, "path too long for a shell command");
	out[j++] = '\'';
	out[j] = '\0';
}

/* Extract "member" of the zip "rel" into the temporary folder with
 * 'unzip -p' and read it. */
static struct sheet *
sheet_unzip(const char *data, const char *rel, const char *member)
{
	char zip[4096], qzip[8192], qmem[512], cmd[9000], buf[65536];
	char *path = xprintf("%s/%s", tmpdir, member);
	struct sheet *sh;
	FILE *in, *out;
	size_t n;
	int status;

	snprintf(zip, sizeof(zip), "%s/%s", data, rel);
	shell_quote(qzip, sizeof(qzip), zip);
	shell_quote(qmem, sizeof(qmem), member);
	snprintf(cmd, sizeof(cmd), "unzip -p %s %s", qzip, qmem);
	if ((in = popen(cmd, "r")) == NULL)
		die(2, "cannot run unzip");
	if ((out = fopen(path, "wb")) == NULL)
		die(2, "%s: cannot create", path);
	tmppath = path;
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			die(2, "%s: write error", path);
	status = pclose(in);
	if (fclose(out) != 0)
		die(2, "%s: write error", path);
	if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		die(2, "%s: unzip cannot extract '%s'", rel, member);
	sh = sheet_read(path, member);
	unlink(path);
	tmppath = NULL;
	free(path);
	return sh;
}

/* ------------------------------------------------------------------ */
/* Building, checking and writing tables                                */

static struct vocab *
vocab_new(const char *id)
{
	struct vocab *v = xrealloc(NULL, sizeof(*v));
	size_t i;

	memset(v, 0, sizeof(*v));
	for (i = 0; i < sizeof(specs) / sizeof(specs[0]); i++)
		if (strcmp(specs[i].id, id) == 0)
			v->spec = &specs[i];
	if (v->spec == NULL)
		die(2, "no table '%s'", id);
	return v;
}

static void
vocab_free(struct vocab *v)
{
	struct concept *c;
	size_t i, j;

	for (i = 0; i < v->n; i++) {
		c = &v->c[i];
		for (j = 0; j < c->npar; j++)
			free(c->par[j]);
		free(c->par);
		free(c->code);
		free(c->iri);
		free(c->sv);
		free(c->en);
		free(c->alt);
		free(c->def);
		free(c->scope);
	}
	free(v->c);
	free(v);
}

/* A new concept "code" on "level" (0: to be computed). */
static struct concept *
concept_add(struct vocab *v, const char *code, int level)
{
	struct concept *c;

	if (v->n == v->cap) {
		v->cap = v->cap ? 2 * v->cap : 64;
		v->c = xrealloc(v->c, v->cap * sizeof(*v->c));
	}
	c = &v->c[v->n++];
	memset(c, 0, sizeof(*c));
	c->code = xstrdup(code);
	c->level = level;
	v->sorted = 0;
	return c;
}

static void
concept_parent(struct concept *c, const char *parent)
{
	size_t i;

	if (parent == NULL || *parent == '\0')
		return;
	for (i = 0; i < c->npar; i++)
		if (strcmp(c->par[i], parent) == 0)
			return;
	c->par = xrealloc(c->par, (c->npar + 1) * sizeof(*c->par));
	c->par[c->npar++] = xstrdup(parent);
}

static int
cmp_concept(const void *a, const void *b)
{
	return strcmp(((const struct concept *)a)->code,
	    ((const struct concept *)b)->code);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sort the concepts by code and each one's parents, and refuse a code
 * that is there twice. */
static void
vocab_sort(struct vocab *v)
{
	struct concept *c;
	size_t i;

	qsort(v->c, v->n, sizeof(*v->c), cmp_concept);
	for (i = 0; i < v->n; i++) {
		c = &v->c[i];
		if (c->npar > 1)
			qsort(c->par, c->npar, sizeof(*c->par), cmp_str);
	}
	for (i = 1; i < v->n; i++)
		if (strcmp(v->c[i - 1].code, v->c[i].code) == 0)
			die(1, "%s: code '%s' twice", v->spec->id,
			    v->c[i].code);
	v->sorted = 1;
}

static struct concept *
vocab_find(struct vocab *v, const char *code)
{
	struct concept key;

	if (!v->sorted)
		vocab_sort(v);
	key.code = (char *)code;
	return bsearch(&key, v->c, v->n, sizeof(*v->c), cmp_concept);
}

/* The depth of "c": 1 + the deepest of its parents in the table, 1 when
 * it has none.  "busy" marks the concepts on the current path. */
static int
depth(struct vocab *v, struct concept *c, char *busy)
{
	struct concept *p;
	size_t i;
	int d = 1, pd;

	if (c->level > 0)
		return c->level;
	if (busy[c - v->c])
		die(1, "%s: a cycle of parents through '%s'", v->spec->id,
		    c->code);
	busy[c - v->c] = 1;
	for (i = 0; i < c->npar; i++) {
		if (is_iri(c->par[i]))
			continue;
		if ((p = vocab_find(v, c->par[i])) == NULL)
			die(1, "%s: '%s': no parent '%s'", v->spec->id, c->code,
			    c->par[i]);
		if ((pd = depth(v, p, busy)) + 1 > d)
			d = pd + 1;
	}
	busy[c - v->c] = 0;
	c->level = d;
	return d;
}

/* Give every concept without a level its depth in the hierarchy. */
static void
vocab_depths(struct vocab *v)
{
	char *busy;
	size_t i;

	vocab_sort(v);
	busy = xrealloc(NULL, v->n);
	memset(busy, 0, v->n);
	for (i = 0; i < v->n; i++)
		depth(v, &v->c[i], busy);
	free(busy);
}

/* Check one concept: its parents exist, its level is one below the
 * deepest of them, its code fits the level's pattern, and it has a label
 * in the table's first language. */
static void
check_concept(struct vocab *v, struct concept *c, regex_t *re)
{
	const struct spec *sp = v->spec;
	struct concept *p;
	size_t i;
	int want = 1, d;

	if (c->level < 1 || (sp->nlevels > 0 && c->level > sp->nlevels))
		die(1, "%s: '%s': level %d out of range", sp->id, c->code,
		    c->level);
	for (i = 0; i < c->npar; i++) {
		if (is_iri(c->par[i]))
			continue;
		if ((p = vocab_find(v, c->par[i])) == NULL)
			die(1, "%s: '%s': no parent '%s'", sp->id, c->code,
			    c->par[i]);
		if (p->level + 1 > want)
			want = p->level + 1;
	}
	if (c->level != want)
		die(1, "%s: '%s': level %d, its parents make it %d", sp->id,
		    c->code, c->level, want);
	d = sp->nlevels > 0 ? c->level - 1 : 0;
	if (regexec(&re[d], c->code, 0, NULL, 0) != 0)
		die(1, "%s: '%s' does not match the pattern '%s'", sp->id,
		    c->code, sp->pattern[d]);
	if ((sp->cols & C_SV) ? c->sv == NULL : c->en == NULL)
		die(1, "%s: '%s' has no label", sp->id, c->code);
}

static void
vocab_check(struct vocab *v, size_t *count)
{
	const struct spec *sp = v->spec;
	regex_t re[MAXLEVEL];
	char *anchored;
	size_t i;
	int d, npat = sp->nlevels > 0 ? sp->nlevels : 1;

	for (d = 0; d < npat; d++) {
		anchored = xprintf("^(%s)$", sp->pattern[d]);
		if (regcomp(&re[d], anchored, REG_EXTENDED | REG_NOSUB) != 0)
			die(2, "%s: bad pattern '%s'", sp->id, sp->pattern[d]);
		free(anchored);
		count[d] = 0;
	}
	for (i = 0; i < v->n; i++) {
		check_concept(v, &v->c[i], re);
		count[sp->nlevels > 0 ? v->c[i].level - 1 : 0]++;
	}
	for (d = 0; d < npat; d++) {
		regfree(&re[d]);
		if (count[d] != sp->want[d] && sp->nlevels > 0)
			die(1, "%s: %zu concepts on level %d, not %zu", sp->id,
			    count[d], d + 1, sp->want[d]);
		if (count[d] != sp->want[d])
			die(1, "%s: %zu concepts, not %zu", sp->id, count[d],
			    sp->want[d]);
	}
}

/* Write one field, quoted only when it has to be (RFC 4180). */
static void
put_field(FILE *fp, const char *s, int first)
{
	if (!first)
		fputc(',', fp);
	if (s == NULL)
		return;
	if (strpbrk(s, ",\"\n\r") == NULL) {
		fputs(s, fp);
		return;
	}
	fputc('"', fp);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			fputc('"', fp);
		fputc(*s, fp);
	}
	fputc('"', fp);
}

static void
put_parents(FILE *fp, const struct concept *c)
{
	size_t i, n = 0;
	char *s;

	for (i = 0; i < c->npar; i++)
		n += strlen(c->par[i]) + 1;
	s = xrealloc(NULL, n + 1);
	for (i = 0, n = 0; i < c->npar; i++) {
		if (i > 0)
			s[n++] = '|';
		memcpy(s + n, c->par[i], strlen(c->par[i]));
		n += strlen(c->par[i]);
	}
	s[n] = '\0';
	put_field(fp, s, 0);
	free(s);
}

static void
put_concept(
    FILE *fp, const struct concept *c, unsigned cols, int parents, int levels)
{
	char level[16];

	snprintf(level, sizeof(level), "%d", c->level);
	put_field(fp, c->code, 1);
	if (parents)
		put_parents(fp, c);
	if (levels)
		put_field(fp, level, 0);
	if (cols & C_IRI)
		put_field(fp, c->iri, 0);
	if (cols & C_SV)
		put_field(fp, c->sv, 0);
	if (cols & C_EN)
		put_field(fp, c->en, 0);
	if (cols & C_ALT)
		put_field(fp, c->alt, 0);
	if (cols & C_DEF)
		put_field(fp, c->def, 0);
	if (cols & C_SCOPE)
		put_field(fp, c->scope, 0);
	fputc('\n', fp);
}

/* Write the table to OUTDIR/ID.csv through a temporary file. */
static void
vocab_write(const struct vocab *v)
{
	unsigned cols = v->spec->cols;
	char *path = xprintf("%s/%s.csv", outdir, v->spec->id);
	char *tmp = xprintf("%s.tmp", path);
	int parents = 0;
	FILE *fp;
	size_t i;

	for (i = 0; i < v->n; i++)
		parents |= v->c[i].npar > 0;
	if ((fp = fopen(tmp, "w")) == NULL)
		die(2, "%s: cannot create", tmp);
	tmppath = tmp;
	fprintf(fp, "code%s%s%s%s%s%s%s%s\n", parents ? ",parent" : "",
	    v->spec->nlevels > 0 ? ",level" : "", cols & C_IRI ? ",iri" : "",
	    cols & C_SV ? ",label_sv" : "", cols & C_EN ? ",label_en" : "",
	    cols & C_ALT ? ",altlabels_en" : "",
	    cols & C_DEF ? ",definition_en" : "",
	    cols & C_SCOPE ? ",scopenote_en" : "");
	for (i = 0; i < v->n; i++)
		put_concept(fp, &v->c[i], cols, parents, v->spec->nlevels > 0);
	if (fflush(fp) != 0 || ferror(fp) || fclose(fp) != 0)
		die(2, "%s: write error", tmp);
	if (rename(tmp, path) != 0)
		die(2, "%s: cannot rename to %s", tmp, path);
	tmppath = NULL;
	free(tmp);
	free(path);
}

/* Sort, check and write the table, report its counts, and free it. */
static void
vocab_done(struct vocab *v)
{
	size_t count[MAXLEVEL];
	int d;

	vocab_sort(v);
	vocab_check(v, count);
	vocab_write(v);
	fprintf(stderr, "mksrc: %s/%s.csv:", outdir, v->spec->id);
	for (d = 0; d < v->spec->nlevels; d++)
		fprintf(stderr, "%s%zu", d ? "/" : " ", count[d]);
	fprintf(stderr, " (%zu%s)\n", v->n,
	    v->spec->nlevels > 0 ? "" : ", no levels");
	vocab_free(v);
}

/* ------------------------------------------------------------------ */
/* The vocabularies                                                     */

/* The manager unit groups of SSYK 2012 that SCB splits by level of
 * responsibility: SCB names them "..., nivå 1" and "..., nivå 2" in
 * Swedish and "..., level 1" / "..., level 2" in English.  The Swedish
 * code list of the data folder lost the suffix (1211 and 1212 are both
 * "Ekonomi- och finanschefer"); SCB's English workbook keeps it. */
#define SSYK_NIVA 50

/* The Swedish label "sv" with ", nivå N" when the English label of the
 * same row ends in ", level N" and "sv" does not say it already; NULL
 * when it has no such suffix. */
static char *
ssyk_niva(const char *sv, const char *en)
{
	size_t n = strlen(en);
	const char *tail = ", level ";
	size_t tn = strlen(tail);

	if (n < tn + 1 || strncmp(en + n - tn - 1, tail, tn) != 0 ||
	    (en[n - 1] != '1' && en[n - 1] != '2'))
		return NULL;
	if (strstr(sv, "nivå") != NULL)
		return NULL;
	return xprintf("%s, nivå %c", sv, en[n - 1]);
}

/* SSYK 2012: the structure table as it is, with the level suffix of the
 * manager unit groups' Swedish names restored. */
static void
ssyk(const char *data)
{
	struct sheet *sh =
	    sheet_load(data, "ssyk2012/ssyk2012_structure_sv_en.csv");
	struct vocab *v = vocab_new("ssyk-2012");
	size_t code = sheet_col(sh, "code"), level = sheet_col(sh, "level");
	size_t parent = sheet_col(sh, "parent");
	size_t sv = sheet_col(sh, "label_sv"), en = sheet_col(sh, "label_en");
	struct concept *c;
	char **r, *niva;
	size_t i, nniva = 0;

	for (i = 0; i < sh->nrows; i++) {
		r = sh->rows[i];
		c = concept_add(v, r[code], atoi(r[level]));
		concept_parent(c, r[parent]);
		c->sv = clean(r[sv]);
		c->en = clean(r[en]);
		if (c->sv == NULL || c->en == NULL)
			die(1, "%s:%u: '%s' lacks a label", sh->name,
			    sh->lines[i], r[code]);
		if ((niva = ssyk_niva(c->sv, c->en)) != NULL) {
			free(c->sv);
			c->sv = niva;
			nniva++;
		}
	}
	if (nniva != SSYK_NIVA)
		die(1, "%s: %zu Swedish labels get a level suffix, not %d",
		    sh->name, nniva, SSYK_NIVA);
	sheet_free(sh);
	vocab_done(v);
}

/* ISCO-08 as ESCO publishes it: the level is the code's length and the
 * parent the code without its last digit. */
static void
isco(const char *data)
{
	struct sheet *sh =
	    sheet_load(data, "isco08/ISCOGroups_en_esco_v1.1.1.csv");
	struct vocab *v = vocab_new("isco-08");
	size_t code = sheet_col(sh, "code"), uri = sheet_col(sh, "conceptUri");
	size_t label = sheet_col(sh, "preferredLabel");
	size_t desc = sheet_col(sh, "description");
	struct concept *c;
	char **r, *want, *parent;
	size_t i, n;

	for (i = 0; i < sh->nrows; i++) {
		r = sh->rows[i];
		n = strlen(r[code]);
		want = xprintf("%s%s", ESCO_ISCO, r[code]);
		if (n == 0 || strcmp(r[uri], want) != 0)
			die(1, "%s:%u: IRI '%s' for code '%s'", sh->name,
			    sh->lines[i], r[uri], r[code]);
		free(want);
		c = concept_add(v, r[code], (int)n);
		parent = xstrndup(r[code], n - 1);
		concept_parent(c, parent);
		free(parent);
		c->iri = xstrdup(r[uri]);
		c->en = clean(r[label]);
		c->def = clean(r[desc]);
	}
	sheet_free(sh);
	vocab_done(v);
}

/* An SNI code as SCB writes it: a dot after the division ("01110" is
 * "01.110"); sections and divisions stay as they are. */
static char *
sni_notation(const char *code)
{
	if (strlen(code) <= 2)
		return xstrdup(code);
	return xprintf("%.2s.%s", code, code + 2);
}

/* SNI 2007 or 2025 and the NACE revision its first four levels are. */
static void
sni(const char *data, const char *file, const char *encol, const char *sni_id,
    const char *nace_id)
{
	struct sheet *sh = sheet_load(data, file);
	struct vocab *v = vocab_new(sni_id), *nace = vocab_new(nace_id);
	size_t code = sheet_col(sh, "code"), level = sheet_col(sh, "level");
	size_t parent = sheet_col(sh, "parent");
	size_t sv = sheet_col(sh, "label_sv"), en = sheet_col(sh, encol);
	struct concept *c, *n;
	char **r, *code2, *parent2;
	size_t i;

	for (i = 0; i < sh->nrows; i++) {
		r = sh->rows[i];
		code2 = sni_notation(r[code]);
		parent2 = sni_notation(r[parent]);
		c = concept_add(v, code2, atoi(r[level]));
		concept_parent(c, parent2);
		c->sv = clean(r[sv]);
		c->en = clean(r[en]);
		if (c->level <= 4 && (c->sv == NULL || c->en == NULL))
			die(1, "%s:%u: '%s' lacks a label", sh->name,
			    sh->lines[i], r[code]);
		if (c->level == 5 && c->en != NULL)
			die(1, "%s:%u: an English label on level 5", sh->name,
			    sh->lines[i]);
		if (c->level <= 4) {
			n = concept_add(nace, code2, c->level);
			concept_parent(n, parent2);
			n->en = xstrdup(c->en);
		}
		free(code2);
		free(parent2);
	}
	sheet_free(sh);
	vocab_done(v);
	vocab_done(nace);
}

/* One SUN structure table (nivå or inriktning) as it is. */
static void
sun_table(const char *data, const char *file, const char *id)
{
	struct sheet *sh = sheet_load(data, file);
	struct vocab *v = vocab_new(id);
	size_t code = sheet_col(sh, "code"), level = sheet_col(sh, "level");
	size_t parent = sheet_col(sh, "parent"), sv = sheet_col(sh, "label_sv");
	struct concept *c;
	size_t i;

	for (i = 0; i < sh->nrows; i++) {
		c = concept_add(v, sh->rows[i][code], atoi(sh->rows[i][level]));
		concept_parent(c, sh->rows[i][parent]);
		if ((c->sv = clean(sh->rows[i][sv])) == NULL)
			die(1, "%s:%u: no label", sh->name, sh->lines[i]);
	}
	sheet_free(sh);
	vocab_done(v);
}

static void
sun(const char *data)
{
	sun_table(data, "sun/sun2000_niva_structure.csv", "sun-2000-level");
	sun_table(
	    data, "sun/sun2000_inriktning_structure.csv", "sun-2000-field");
	sun_table(data, "sun/sun2020_niva_structure.csv", "sun-2020-level");
	sun_table(
	    data, "sun/sun2020_inriktning_structure.csv", "sun-2020-field");
}

/* An ISCED code list: the top level has codes of "toplen" digits, each
 * level below one digit more, and a code's parent is the code without
 * its last digit. */
static void
isced_table(const char *data, const char *file, const char *id, size_t toplen)
{
	struct sheet *sh = sheet_load(data, file);
	struct vocab *v = vocab_new(id);
	size_t code = sheet_col(sh, "vardekod");
	size_t label = sheet_col(sh, "vardebenamning");
	struct concept *c;
	char *parent;
	size_t i, n;

	for (i = 0; i < sh->nrows; i++) {
		n = strlen(sh->rows[i][code]);
		if (n < toplen)
			die(1, "%s:%u: code too short", sh->name, sh->lines[i]);
		c = concept_add(v, sh->rows[i][code], (int)(n - toplen + 1));
		if (n > toplen) {
			parent = xstrndup(c->code, n - 1);
			concept_parent(c, parent);
			free(parent);
		}
		if ((c->en = clean(sh->rows[i][label])) == NULL)
			die(1, "%s:%u: no label", sh->name, sh->lines[i]);
	}
	sheet_free(sh);
	vocab_done(v);
}

static void
isced(const char *data)
{
	isced_table(data, "isced/isced2011_codes_en.csv", "isced-2011", 1);
	isced_table(data, "isced/isced-f2013_codes_en.csv", "isced-f-2013", 2);
}

/* SeQF and EQF: eight levels each, labels only (no descriptors exist as
 * data).  The SeQF levels that MYH's table uses must be among them. */
static void
qf(const char *data)
{
	struct sheet *sh =
	    sheet_load(data, "myh-yh-seqf/yh_ansokningar_2024_tabell3.csv");
	struct vocab *seqf = vocab_new("seqf"), *eqf = vocab_new("eqf");
	size_t col = sheet_col(sh, "SeQF nivå"), i;
	struct concept *c;
	char code[2];
	int n;

	for (n = 1; n <= 8; n++) {
		snprintf(code, sizeof(code), "%d", n);
		c = concept_add(seqf, code, 1);
		c->sv = xprintf("SeQF-nivå %d", n);
		c->en = xprintf("SeQF level %d", n);
		c = concept_add(eqf, code, 1);
		c->iri = xprintf("%s%d", EQF_BASE, n);
		c->en = xprintf("EQF level %d", n);
	}
	for (i = 0; i < sh->nrows; i++)
		if (sh->rows[i][col][0] != '\0' &&
		    vocab_find(seqf, sh->rows[i][col]) == NULL)
			die(1, "%s:%u: SeQF level '%s' unknown", sh->name,
			    sh->lines[i], sh->rows[i][col]);
	sheet_free(sh);
	vocab_done(seqf);
	vocab_done(eqf);
}

static int
in_list(char *const *list, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i], s) == 0)
			return 1;
	return 0;
}

/* The labels joined with '|', a '|' or '\' in a label escaped with '\'
 * ("\|", "\\"); NULL for none.  Frees the labels and the list. */
static char *
join_labels(char **labs, size_t nlabs)
{
	size_t i, n = 0;
	char *out, *p;

	if (nlabs == 0)
		return NULL;
	for (i = 0; i < nlabs; i++)
		n += 2 * strlen(labs[i]) + 1;
	out = xrealloc(NULL, n);
	for (i = 0, n = 0; i < nlabs; i++) {
		if (i > 0)
			out[n++] = '|';
		for (p = labs[i]; *p != '\0'; p++) {
			if (*p == '|' || *p == '\\')
				out[n++] = '\\';
			out[n++] = *p;
		}
		free(labs[i]);
	}
	out[n] = '\0';
	free(labs);
	return out;
}

/* ESCO's altLabels cell has one label a line.  The preferred label, which
 * ESCO repeats there, and repeats are left out: SKOS does not allow a
 * label to be both preferred and alternative. */
static char *
esco_altlabels(const char *cell, const char *pref)
{
	char **labs = NULL, *all = xstrdup(cell), *line, *next, *lab;
	size_t nlabs = 0;

	for (line = all; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if ((lab = clean(line)) == NULL)
			continue;
		if ((pref != NULL && strcmp(lab, pref) == 0) ||
		    in_list(labs, nlabs, lab)) {
			free(lab);
			continue;
		}
		labs = xrealloc(labs, (nlabs + 1) * sizeof(*labs));
		labs[nlabs++] = lab;
	}
	free(all);
	return join_labels(labs, nlabs);
}

/* The labels and notes of an ESCO concept from row "r" of "sh": the
 * description is the definition, ESCO's own definition column only where
 * there is no description. */
static void
esco_labels(struct concept *c, const struct sheet *sh, char **r)
{
	c->iri = xstrdup(r[sheet_col(sh, "conceptUri")]);
	if ((c->en = clean(r[sheet_col(sh, "preferredLabel")])) == NULL)
		die(1, "%s: '%s' has no preferredLabel", sh->name, c->iri);
	c->alt = esco_altlabels(r[sheet_col(sh, "altLabels")], c->en);
	if ((c->def = clean(r[sheet_col(sh, "description")])) == NULL &&
	    sheet_has_col(sh, "definition"))
		c->def = clean(r[sheet_col(sh, "definition")]);
	c->scope = clean(r[sheet_col(sh, "scopeNote")]);
}

/* The code of the ESCO concept "uri" in the IRI-to-code index "idx" (n
 * pairs of strings sorted by IRI); NULL when it is not there. */
static const char *
esco_code(const char **idx, size_t n, const char *uri)
{
	const char **hit;

	hit = bsearch(&uri, idx, n, 2 * sizeof(char *), cmp_str);
	return hit != NULL ? hit[1] : NULL;
}

/* Link each concept of "v" to its broader concepts, from a broader-
 * relations file of ESCO: a broader concept of "type" becomes a parent
 * code through "idx"; any other is an external parent IRI.  A relation
 * whose narrower concept is not in "v" is counted and skipped. */
static void
esco_broader(struct vocab *v, const struct sheet *rel, const char *type,
    const char **idx, size_t nidx, size_t ntops)
{
	size_t ct = sheet_col(rel, "conceptType");
	size_t cu = sheet_col(rel, "conceptUri");
	size_t bt = sheet_col(rel, "broaderType");
	size_t bu = sheet_col(rel, "broaderUri");
	const char *code, *pcode;
	struct concept *c;
	size_t i, n, skipped = 0;
	char **r;

	for (i = 0; i < rel->nrows; i++) {
		r = rel->rows[i];
		if (strcmp(r[ct], type) != 0)
			continue;
		if ((code = esco_code(idx, nidx, r[cu])) == NULL) {
			skipped++;
			continue;
		}
		c = vocab_find(v, code);
		if (strcmp(r[bt], type) != 0) {
			concept_parent(c, r[bu]);
		} else if ((pcode = esco_code(idx, nidx, r[bu])) != NULL) {
			concept_parent(c, pcode);
		} else {
			die(1, "%s:%u: unknown broader '%s'", rel->name,
			    rel->lines[i], r[bu]);
		}
	}
	for (i = 0, n = 0; i < v->n; i++)
		if (v->c[i].npar == 0 && ++n > ntops)
			die(1, "%s: '%s' has no broader concept", v->spec->id,
			    v->c[i].code);
	if (n != ntops)
		die(1, "%s: %zu concepts have no broader concept, not %zu",
		    v->spec->id, n, ntops);
	if (skipped > 0)
		fprintf(stderr,
		    "mksrc: %s: %zu relations of %s concepts not "
		    "in %s skipped\n",
		    rel->name, skipped, type, v->spec->id);
}

/* The table "id" from ESCO's concepts "sh" (code from "codecol", or the
 * last segment of the IRI when codecol is NULL or its cell is empty) and
 * their broader relations "rel", "ntops" of them with none; depths among
 * the concepts of the table are computed (and written only for a table
 * with levels). */
static struct vocab *
esco_table(const char *id, struct sheet *sh, const char *codecol,
    struct sheet *rel, const char *type, size_t ntops)
{
	struct vocab *v = vocab_new(id);
	size_t uri = sheet_col(sh, "conceptUri"), i;
	const char **idx = xrealloc(NULL, 2 * sh->nrows * sizeof(char *));
	const char *u;

	for (i = 0; i < sh->nrows; i++) {
		u = sh->rows[i][uri];
		idx[2 * i] = u;
		if (codecol != NULL &&
		    *sh->rows[i][sheet_col(sh, codecol)] != '\0')
			idx[2 * i + 1] = sh->rows[i][sheet_col(sh, codecol)];
		else if ((idx[2 * i + 1] = strrchr(u, '/')) != NULL)
			idx[2 * i + 1]++;
		else
			die(1, "%s: IRI '%s' has no '/'", sh->name, u);
		esco_labels(concept_add(v, idx[2 * i + 1], 0), sh, sh->rows[i]);
	}
	qsort(idx, sh->nrows, 2 * sizeof(char *), cmp_str);
	esco_broader(v, rel, type, idx, sh->nrows, ntops);
	free(idx);
	vocab_depths(v);
	return v;
}

/* The ESCO occupations under the ISCO-08 unit groups, whose IRIs must be
 * the ones the iscoGroup column names. */
static void
esco_occupations(const char *data)
{
	struct sheet *sh = sheet_load(data, "esco/occupations_en.csv");
	struct sheet *rel =
	    sheet_load(data, "esco/broaderRelationsOccPillar.csv");
	size_t uri = sheet_col(sh, "conceptUri");
	size_t isco = sheet_col(sh, "iscoGroup");
	size_t code = sheet_col(sh, "code"), i;
	struct concept *c;
	struct vocab *v;
	char **r, *want;

	for (i = 0; i < sh->nrows; i++) {
		r = sh->rows[i];
		if (!has_prefix(r[uri], ESCO_OCC) ||
		    !has_prefix(r[code], r[isco]) ||
		    r[code][strlen(r[isco])] != '.')
			die(1, "%s:%u: code '%s' in ISCO group '%s'", sh->name,
			    sh->lines[i], r[code], r[isco]);
	}
	v = esco_table("esco-occupations", sh, "code", rel, "Occupation", 0);
	sheet_free(rel);
	sheet_free(sh);
	for (i = 0; i < v->n; i++) {
		c = &v->c[i];
		want = xprintf("%s%.4s", ESCO_ISCO, c->code);
		if ((c->level == 1) != (c->npar == 1 && is_iri(c->par[0]) &&
		                           strcmp(c->par[0], want) == 0))
			die(1, "esco-occupations: '%s' is not under ISCO '%s'",
			    c->code, want);
		free(want);
	}
	vocab_done(v);
}

static int
cmp_pstr(const void *a, const void *b)
{
	return strcmp((const char *)a, *(char *const *)b);
}

/* The ESCO skill groups: the skills hierarchy (four pillars, then the
 * groups and ISCED-F fields under them), a tree whose levels are ESCO's
 * own: skillsHierarchy_en.csv lists each group in its "Level N URI"
 * column (N = 0..3), which must be its depth - 1. */
static struct vocab *
esco_skill_groups(const char *data, struct sheet *rel)
{
	const char *zip = "esco/esco-v1.1.1-classification-en-csv.zip";
	struct sheet *sh = sheet_unzip(data, zip, "skillGroups_en.csv");
	struct sheet *h = sheet_unzip(data, zip, "skillsHierarchy_en.csv");
	struct vocab *v;
	char col[32], *u;
	size_t i, j, k, uri, nskip = 0;

	v = esco_table("esco-skill-groups", sh, "code", rel, "SkillGroup", 4);
	sheet_free(sh);
	for (i = 0; i < h->nrows; i++)
		for (k = 0; k < 4; k++) {
			snprintf(col, sizeof(col), "Level %zu URI", k);
			uri = sheet_col(h, col);
			if (*(u = h->rows[i][uri]) == '\0')
				continue;
			for (j = 0; j < v->n; j++)
				if (strcmp(v->c[j].iri, u) == 0)
					break;
			if (j == v->n) {
				nskip++;
				continue;
			}
			if (v->c[j].level != (int)k + 1)
				die(1,
				    "%s:%u: '%s' is on level %zu, its "
				    "broader groups make it %d",
				    h->name, h->lines[i], u, k,
				    v->c[j].level - 1);
		}
	if (nskip > 0)
		fprintf(stderr,
		    "mksrc: %s: %zu cells name groups not in "
		    "skillGroups_en.csv, skipped\n",
		    h->name, nskip);
	sheet_free(h);
	return v;
}

/* The ESCO skills, under skill groups and other skills; every skill group
 * they name must be one of "groups". */
static void
esco_skills(const char *data)
{
	const char *zip = "esco/esco-v1.1.1-classification-en-csv.zip";
	const char *relzip = "esco/esco-v1.1.1-relations-csv.zip";
	struct sheet *sh = sheet_unzip(data, zip, "skills_en.csv");
	struct sheet *rel =
	    sheet_unzip(data, relzip, "broaderRelationsSkillPillar.csv");
	size_t uri = sheet_col(sh, "conceptUri"), i, j, nlinks = 0;
	struct vocab *v, *groups;
	char **giri;

	for (i = 0; i < sh->nrows; i++)
		if (!has_prefix(sh->rows[i][uri], ESCO_SKILL))
			die(1, "%s:%u: not a skill IRI '%s'", sh->name,
			    sh->lines[i], sh->rows[i][uri]);
	v = esco_table(
	    "esco-skills", sh, NULL, rel, "KnowledgeSkillCompetence", 0);
	groups = esco_skill_groups(data, rel);
	sheet_free(rel);
	sheet_free(sh);
	giri = xrealloc(NULL, groups->n * sizeof(*giri));
	for (i = 0; i < groups->n; i++)
		giri[i] = groups->c[i].iri;
	qsort(giri, groups->n, sizeof(*giri), cmp_str);
	for (i = 0; i < v->n; i++)
		for (j = 0; j < v->c[i].npar; j++) {
			if (!is_iri(v->c[i].par[j]))
				continue;
			if (bsearch(v->c[i].par[j], giri, groups->n,
			        sizeof(*giri), cmp_pstr) == NULL)
				die(1,
				    "esco-skills: '%s': broader '%s' is no "
				    "skill group",
				    v->c[i].code, v->c[i].par[j]);
			nlinks++;
		}
	free(giri);
	fprintf(stderr,
	    "mksrc: esco-skills: %zu broader links to skill groups, all "
	    "in esco-skill-groups\n",
	    nlinks);
	vocab_done(v);
	vocab_done(groups);
}

int
main(int argc, char **argv)
{
	const char *data;
	char *base;

	if (argc != 3) {
		fputs("usage: mksrc datadir outdir\n", stderr);
		return 2;
	}
	data = argv[1];
	outdir = argv[2];
	base = xprintf("%s/mksrc.XXXXXX",
	    getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	if ((tmpdir = mkdtemp(base)) == NULL)
		die(2, "%s: cannot create a temporary folder", base);
	ssyk(data);
	isco(data);
	sni(data, "sni2007/sni2007_structure_sv_en.csv", "label_en_nace_rev2",
	    "sni-2007", "nace-2");
	sni(data, "sni2025/sni2025_structure_sv_en.csv", "label_en_nace_rev21",
	    "sni-2025", "nace-2.1");
	sun(data);
	isced(data);
	qf(data);
	esco_occupations(data);
	esco_skills(data);
	rmdir(tmpdir);
	free(tmpdir);
	return 0;
}
