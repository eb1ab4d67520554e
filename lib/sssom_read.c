/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sssom_read.c: the SSSOM/TSV reader: the file's text and its checks, the
 * diagnostics of reading, the header and its columns (with those of SSSOM
 * before 1.0), the rows, quoting and multivalued fields, propagation;
 * kll_mapset_read.  The metadata block is read by sssom_meta.c.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sssom_impl.h"

/* ------------------------------------------------------------------ */
/* Reading: diagnostics                                                 */

void
kll__sssom_report(struct rd *r, kll_severity sev, kll_status code,
    const char *rule, unsigned line, unsigned col, const char *fmt, ...)
{
	kll_error d;
	va_list ap;

	if (r->stop)
		return;
	memset(&d, 0, sizeof(d));
	d.code = code;
	d.severity = sev;
	snprintf(d.file, sizeof(d.file), "%s", r->file);
	d.line = line;
	d.col = col;
	snprintf(d.rule, sizeof(d.rule), "%s", rule);
	va_start(ap, fmt);
	vsnprintf(d.msg, sizeof(d.msg), fmt, ap);
	va_end(ap);
	if (sev == KLL_SEV_ERROR)
		r->m->nerrors++;
	if (r->diag != NULL) {
		r->diag(r->payload, &d);
	} else if (sev == KLL_SEV_ERROR) {
		r->first = d;
		r->stop = 1;
	}
}

static void
report_res(struct rd *r, const struct vres *res, unsigned line, unsigned col)
{
	kll__sssom_report(r, res->sev, res->code, res->rule, line,
	    col + (unsigned)res->off, "%s", res->msg);
}

void
kll__sssom_out_of_memory(struct rd *r)
{
	r->nomem = 1;
	r->stop = 1;
}

/* ------------------------------------------------------------------ */
/* Reading: files                                                       */

/* The whole of "path" ("-": stdin), NUL-terminated; reading stops once
 * more than "max" bytes are in (*len > max then). */
kll_status
kll__sssom_slurp(
    char **out, size_t *len, const char *path, size_t max, kll_error *err)
{
	FILE *fp = stdin;
	struct stat sb;
	size_t n = 0, cap = 64 * 1024, got;
	char *buf = NULL, *p;
	kll_status st = KLL_OK;

	*out = NULL;
	if (strcmp(path, "-") != 0) {
		if ((fp = kll__fopen_file(path, err)) == NULL)
			return KLL_EIO;
		if (fstat(fileno(fp), &sb) == 0 && S_ISREG(sb.st_mode))
			cap = (size_t)sb.st_size + 2;
	}
	for (;;) {
		if (buf == NULL || cap - n < 2) {
			if (buf != NULL)
				cap *= 2;
			if ((p = kll__realloc(buf, cap)) == NULL) {
				st = kll__sssom_nomem(err);
				goto out;
			}
			buf = p;
			kll__mem_large(buf, cap);
		}
		got = fread(buf + n, 1, cap - n - 1, fp);
		n += got;
		if (got == 0 || n > max) {
			if (ferror(fp))
				st = kll__error_set(err, KLL_EIO, path, 0, 0,
				    "cannot read: %s", strerror(errno));
			break;
		}
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	buf = NULL;
out:
	free(buf);
	if (fp != stdin)
		fclose(fp);
	return st;
}

/* Whether text[0..len) is UTF-8; if not, *bad is where it stops being.
 * ASCII runs are skipped a word at a time, and only lines with other
 * bytes go through the full check. */
static int
utf8_ok(const char *text, size_t len, size_t *bad)
{
	const char *p = text, *end = text + len, *a, *b;
	uint64_t w;
	size_t off;

	while (p < end) {
		while (end - p >= 8) {
			memcpy(&w, p, 8);
			if (w & 0x8080808080808080u)
				break;
			p += 8;
		}
		while (p < end && !((unsigned char)*p & 0x80))
			p++;
		if (p == end)
			break;
		for (a = p; a > text && a[-1] != '\n'; a--)
			;
		if ((b = memchr(p, '\n', (size_t)(end - p))) == NULL)
			b = end;
		if (!kll__utf8_valid(a, (size_t)(b - a), &off)) {
			*bad = (size_t)(a - text) + off;
			return 0;
		}
		p = b;
	}
	return 1;
}

/* Refuse text with a line longer than the limit. */
static kll_status
line_check(const char *text, size_t len, const char *file, unsigned line,
    kll_error *err)
{
	const char *p = text, *end = text + len, *q;

	for (; p < end; p = q + 1, line++) {
		if ((q = memchr(p, '\n', (size_t)(end - p))) == NULL)
			q = end;
		if ((size_t)(q - p) > KLL__MAX_LINE)
			return kll__error_limit(err, file, line, 0,
			    "limit-line", "a line longer than %u bytes",
			    KLL__MAX_LINE);
	}
	return KLL_OK;
}

/* Refuse text that is not UTF-8 or holds a NUL byte. */
kll_status
kll__sssom_text_check(
    const char *text, size_t len, const char *file, kll_error *err)
{
	const char *z = memchr(text, '\0', len), *p, *bol = text;
	size_t bad = len;
	unsigned line = 1;
	int utf8 = utf8_ok(text, len, &bad);

	if (utf8 && z == NULL)
		return KLL_OK;
	if (z != NULL && (utf8 || (size_t)(z - text) < bad))
		bad = (size_t)(z - text);
	for (p = text; p < text + bad; p++)
		if (*p == '\n') {
			line++;
			bol = p + 1;
		}
	if (text[bad] == '\0')
		return kll__error_set(err, KLL_ESYNTAX, file, line,
		    (unsigned)(text + bad - bol) + 1, "a NUL byte");
	return kll__error_set(err, KLL_EENCODING, file, line,
	    (unsigned)(text + bad - bol) + 1, "not UTF-8");
}

/* One pass over [text, text + len): whether every line is within the
 * limit, no byte is NUL and the text is UTF-8, eight bytes a step where
 * they are plain ASCII; *nl gets the number of LFs.  When not, the slower
 * checks above say what is wrong, and where. */
static int
text_fine(const char *text, size_t len, size_t *nl)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	const char *p = text, *end = text + len, *bol = text, *e;
	uint64_t w, t;
	size_t n = 0, off;

	while (p < end) {
		while (end - p >= 8) {
			memcpy(&w, p, 8);
			t = w ^ (ones * '\n');
			if ((((w - ones) & ~w) | ((t - ones) & ~t) | w) & high)
				break;
			p += 8;
		}
		if (p == end)
			break;
		if (*p == '\n') {
			if ((size_t)(p - bol) > KLL__MAX_LINE)
				return 0;
			n++;
			bol = ++p;
		} else if (*p == '\0') {
			return 0;
		} else if ((unsigned char)*p & 0x80) {
			if ((e = memchr(p, '\n', (size_t)(end - p))) == NULL)
				e = end;
			if (!kll__utf8_valid(bol, (size_t)(e - bol), &off))
				return 0;
			p = e;
		} else {
			p++;
		}
	}
	if ((size_t)(p - bol) > KLL__MAX_LINE)
		return 0;
	*nl = n;
	return 1;
}

/* ------------------------------------------------------------------ */
/* Reading: the TSV section                                             */

/* The ends of a run: of an unquoted field (a byte that ends it, or
 * needs a look), of a quoted one, of a record outside quotes. */
enum { RUN_PLAIN, RUN_QUOTED, RUN_RECORD };

/* One field at r->p: its value, NUL-terminated in place (NULL when
 * empty), where it starts, and what ended it: '\t', '\n', or 0 at the end
 * of the text.  -1 after an unterminated quote, which is fatal. */
/* The quoted value whose quote is at s, unescaped in place; *dend gets
 * the end of the value.  Returns where the field ends, or NULL when the
 * quote does not end. */
static char *
quoted(struct rd *r, char *s, char **dend)
{
	char *d = s, *v = s;

	for (s++;;) {
		size_t k = kll__csv_span(s, r->end, r->runend[RUN_QUOTED]);
		if (d != s)
			memmove(d, s, k);
		d += k;
		s += k;
		if (s >= r->end)
			return NULL;
		if (*s == '"') {
			if (s[1] != '"')
				break;
			s++;
		} else if (*s == '\r') {
			/* CRs before a LF end the line with it: a value keeps
			 * LF alone, which is what a write gives back. */
			char *q = s;
			while (q < r->end && *q == '\r')
				q++;
			if (q < r->end && *q == '\n')
				s = q;
		}
		if (*s == '\n') {
			r->line++;
			r->bol = s + 1;
		}
		*d++ = *s++;
	}
	s++;
	if (*s == '\r' && (s[1] == '\n' || s + 1 == r->end)) {
		s++;
	} else if (*s != '\t' && *s != '\n' && *s != '\0') {
		kll__sssom_report(r, KLL_SEV_ERROR, KLL_ESYNTAX, "sssom-syntax",
		    r->line, (unsigned)(s - r->bol) + 1,
		    "text after the closing quote of a value");
		while (*s != '\t' && *s != '\n' && *s != '\0')
			*d++ = *s++;
		if (d > v && d[-1] == '\r')
			d--;
	}
	*dend = d;
	return s;
}

/* The unquoted value at s; *dend gets its end, before a CR of CRLF. */
static char *
unquoted(struct rd *r, char *s, unsigned line, unsigned col, char **dend)
{
	char *v = s;
	int bare = 0;

	for (;;) {
		s += kll__csv_span(s, r->end, r->runend[RUN_PLAIN]);
		if (*s != '"')
			break;
		bare = 1;
		s++;
	}
	*dend = s;
	if (s > v && s[-1] == '\r' && *s != '\t')
		(*dend)--;
	if (bare)
		kll__sssom_report(r, KLL_SEV_WARNING, KLL_ESYNTAX,
		    "sssom-bare-quote", line, col,
		    "a value with '\"' in it should be quoted; read as it is");
	return s;
}

/* One field at r->p: its value, NUL-terminated in place (NULL when
 * empty), where it starts, and what ended it: '\t', '\n', or 0 at the end
 * of the text.  -1 after an unterminated quote, which is fatal. */
static int
field(struct rd *r, char **val, unsigned *line, unsigned *col, int *term,
    kll_error *err)
{
	char *s, *d, *v = r->p;

	*line = r->line;
	*col = (unsigned)(v - r->bol) + 1;
	if (*v == '"')
		s = quoted(r, v, &d);
	else
		s = unquoted(r, v, *line, *col, &d);
	if (s == NULL) {
		kll__error_set(err, KLL_ESYNTAX, r->file, *line, *col,
		    "a quote that does not end");
		return -1;
	}
	if ((size_t)(s - v) > KLL__MAX_FIELD) {
		kll__error_limit(err, r->file, *line, *col, "limit-field",
		    "a field longer than %u bytes", KLL__MAX_FIELD);
		return -1;
	}
	*term = s < r->end ? *s : 0;
	r->endcol = (unsigned)(s - r->bol) + 1;
	*d = '\0';
	r->p = s < r->end ? s + 1 : s;
	if (*term == '\n') {
		r->line++;
		r->bol = r->p;
	}
	*val = d == v ? NULL : v;
	return 0;
}

static int
blank_line(const char *p, const char *end)
{
	return p < end &&
	       (*p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n'));
}

static kll_status more(struct rd *r, kll_error *err);

/* Pass blank lines; when reading a record at a time, the window then
 * holds the record that follows. */
static kll_status
skip_blank(struct rd *r, kll_error *err)
{
	kll_status st;

	for (;;) {
		if ((st = more(r, err)) != KLL_OK)
			return st;
		if (!blank_line(r->p, r->end))
			return KLL_OK;
		r->p += *r->p == '\r' ? 2 : 1;
		r->bol = r->p;
		r->line++;
	}
}

/* Which column a header name stands for. */
static int
map_column(struct rd *r, struct colmap *cm, const char *name, const int *have,
    unsigned line, unsigned col)
{
	struct extra *x;
	int s;

	memset(cm, 0, sizeof(*cm));
	cm->slot = -1;
	cm->what = C_SLOT;
	if ((s = kll__sssom_slot_lookup(name, SF_REC)) >= 0) {
		cm->slot = s;
	} else if (strcmp(name, "match_type") == 0) {
		cm->what = have[KLL_SLOT_MAPPING_JUSTIFICATION] ? C_SKIP :
		                                                  C_MATCH_TYPE;
	} else if (strcmp(name, "match_term_type") == 0) {
		cm->subj = !have[KLL_SLOT_SUBJECT_TYPE];
		cm->obj = !have[KLL_SLOT_OBJECT_TYPE];
		cm->what = cm->subj || cm->obj ? C_MATCH_TERM_TYPE : C_SKIP;
	} else if (strcmp(name, "semantic_similarity_score") == 0) {
		cm->slot = KLL_SLOT_SIMILARITY_SCORE;
	} else if (strcmp(name, "semantic_similarity_measure") == 0) {
		cm->slot = KLL_SLOT_SIMILARITY_MEASURE;
	} else {
		cm->what = C_EXTRA;
		if ((x = kll__sssom_extra_find(r->m, name)) == NULL ||
		    !x->declared)
			kll__sssom_report(r, KLL_SEV_WARNING, KLL_EINVALID,
			    "sssom-unknown-column", line, col,
			    "unknown column '%s'", name);
		if ((x = kll__sssom_extra_add(r->m, name)) == NULL)
			return -1;
		cm->ext = (size_t)(x - r->m->ext);
	}
	if (cm->what == C_SLOT && have[cm->slot] && s < 0)
		cm->what = C_SKIP; /* an old name beside the new one */
	return 0;
}

static kll_status
alloc_columns(struct rd *r, kll_error *err)
{
	kll_mapset *m = r->m;
	struct colmap *cm;
	int s[2], k;
	size_t c, ns;

	for (c = 0; c < r->ncols; c++) {
		cm = &r->cols[c];
		ns = 0;
		if (cm->what == C_SLOT)
			s[ns++] = cm->slot;
		else if (cm->what == C_MATCH_TYPE)
			s[ns++] = KLL_SLOT_MAPPING_JUSTIFICATION;
		if (cm->what == C_MATCH_TERM_TYPE && cm->subj)
			s[ns++] = KLL_SLOT_SUBJECT_TYPE;
		if (cm->what == C_MATCH_TERM_TYPE && cm->obj)
			s[ns++] = KLL_SLOT_OBJECT_TYPE;
		for (k = 0; k < (int)ns; k++) {
			r->slotcol[s[k]] = (int)c;
			if ((m->col[s[k]] == NULL &&
			        (m->col[s[k]] = kll__sssom_new_column(m)) ==
			            NULL) ||
			    (m->fcol[s[k]] == NULL &&
			        (m->fcol[s[k]] = kll__sssom_new_pos(m)) == NULL))
				return kll__sssom_nomem(err);
		}
		if (cm->what == C_EXTRA && m->ext[cm->ext].vals == NULL &&
		    (m->ext[cm->ext].vals = kll__sssom_new_column(m)) == NULL)
			return kll__sssom_nomem(err);
	}
	return KLL_OK;
}

/* The names in the header line. */
struct header {
	char **names;
	unsigned *cols;
	size_t n, cap;
	unsigned line;
};

static kll_status
header_fields(struct rd *r, struct header *h, kll_error *err)
{
	unsigned col;
	char *v;
	void *p;
	int term;
	kll_status st;

	if ((st = skip_blank(r, err)) != KLL_OK)
		return st;
	if (r->p < r->end && *r->p == '#')
		return kll__error_set(err, KLL_ESYNTAX, r->file, r->line, 1,
		    "a blank line in the metadata block");
	if (r->p >= r->end)
		return kll__error_set(
		    err, KLL_ESYNTAX, r->file, r->line, 1, "no header line");
	/* A byte-order mark here is no part of the first name: without a
	 * metadata block the header line starts the file, where the mark
	 * is dropped, so a name starting with one would not read back. */
	if (r->end - r->p >= 3 && memcmp(r->p, "\xef\xbb\xbf", 3) == 0)
		r->p += 3;
	do {
		if (field(r, &v, &h->line, &col, &term, err) < 0)
			return KLL_ESYNTAX;
		if (h->n == KLL__MAX_COLUMNS)
			return kll__error_limit(err, r->file, h->line, col,
			    "limit-columns",
			    "the header has more than %d columns",
			    KLL__MAX_COLUMNS);
		if (h->n == h->cap) {
			h->cap = h->cap ? h->cap * 2 : 32;
			if ((p = kll__realloc(
			         h->names, h->cap * sizeof(*h->names))) == NULL)
				return kll__sssom_nomem(err);
			h->names = p;
			if ((p = kll__realloc(
			         h->cols, h->cap * sizeof(*h->cols))) == NULL)
				return kll__sssom_nomem(err);
			h->cols = p;
		}
		h->names[h->n] = v;
		h->cols[h->n++] = col;
	} while (term == '\t');
	/* Trailing tabs make empty names at the end: no columns. */
	while (h->n > 0 && h->names[h->n - 1] == NULL)
		h->n--;
	return KLL_OK;
}

/* Refuse empty and repeated names; note the slots present in have[]. */
static kll_status
header_check(struct rd *r, const struct header *h, int *have, kll_error *err)
{
	kll__map seen = KLL__MAP_INIT;
	kll_status st = KLL_OK;
	size_t i;
	int s;

	/* Hashed: a file may have many thousands of columns. */
	for (i = 0; i < h->n && st == KLL_OK; i++) {
		if (h->names[i] == NULL)
			st = kll__error_set(err, KLL_ESYNTAX, r->file, h->line,
			    h->cols[i], "a column without a name");
		else if (kll__map_get(
		             &seen, h->names[i], strlen(h->names[i]), NULL))
			st = kll__error_set(err, KLL_ESYNTAX, r->file, h->line,
			    h->cols[i], "column '%s' appears twice",
			    h->names[i]);
		else if (kll__map_put(
		             &seen, h->names[i], strlen(h->names[i]), 0) < 0)
			st = kll__sssom_nomem(err);
		else if ((s = kll__sssom_slot_lookup(h->names[i], SF_REC)) >= 0)
			have[s] = 1;
	}
	kll__map_free(&seen);
	return st;
}

static kll_status
read_header(struct rd *r, kll_error *err)
{
	struct header h;
	int have[KLL_SLOT__COUNT];
	size_t i, n, est = 1;
	kll_status st;
	const char *q;

	memset(&h, 0, sizeof(h));
	memset(have, 0, sizeof(have));
	if ((st = header_fields(r, &h, err)) != KLL_OK ||
	    (st = header_check(r, &h, have, err)) != KLL_OK)
		goto out;
	n = h.n;
	if ((r->cols = kll__calloc(n ? n : 1, sizeof(*r->cols))) == NULL ||
	    (r->fline = kll__calloc(n ? n : 1, sizeof(unsigned))) == NULL ||
	    (r->fcol = kll__calloc(n ? n : 1, sizeof(unsigned))) == NULL)
		goto oom;
	r->ncols = n;
	for (i = 0; i < n; i++)
		if (map_column(r, &r->cols[i], h.names[i], have, h.line,
		        h.cols[i]) < 0)
			goto oom;
	/* Room for as many records as the text has lines. */
	for (q = r->p; r->fp == NULL && q < r->end &&
	     (q = memchr(q, '\n', (size_t)(r->end - q))) != NULL;
	     q++)
		est++;
	if (kll__sssom_grow_records(r->m, est) < 0)
		goto oom;
	st = alloc_columns(r, err);
	goto out;
oom:
	st = kll__sssom_nomem(err);
out:
	free(h.names);
	free(h.cols);
	return st;
}

/* The value to keep for field v of slot "slot", checked. */
static const char *
take(struct rd *r, struct colmap *cm, int slot, char *v, unsigned line,
    unsigned col)
{
	const struct slotdef *sd = &kll__sssom_slotdefs[slot];
	const char *s = v, *p, *q, *end;
	struct vres res;
	int bad = 0;

	if (cm->last != NULL && strcmp(v, cm->last) == 0)
		return cm->last;
	if ((sd->flags & SF_MULTI) &&
	    (s = kll__sssom_mv_canon(r->m, v)) == NULL)
		goto oom;
	if (sd->kind != KLL_KIND_STRING) {
		end = s + strlen(s);
		for (p = s;; p = q + 1) {
			q = (sd->flags & SF_MULTI) ? kll__sssom_mv_end(p, end) :
			                             end;
			if (kll__sssom_check_item(r->m, sd, sd->name, p,
			        (size_t)(q - p), 1, &cm->cc, &res)) {
				report_res(
				    r, &res, line, col + (unsigned)(p - s));
				if (res.sev == KLL_SEV_ERROR)
					bad = 1;
				else if (res.fixed != NULL &&
				         !(sd->flags & SF_MULTI))
					s = res.fixed;
			}
			if (q == end)
				break;
		}
	}
	/* A window of the file is overwritten: keep a copy. */
	if ((sd->flags & SF_INTERN) &&
	    (s = kll__sssom_intern(r->m, s, r->fp != NULL)) == NULL)
		goto oom;
	if (!bad)
		cm->last = s;
	return s;
oom:
	kll__sssom_out_of_memory(r);
	return NULL;
}

/* A value of a column of SSSOM before 1.0, converted by table "tab". */
static const char *
legacy(struct rd *r, const struct enumval *tab, const char *name, const char *v,
    unsigned line, unsigned col)
{
	const struct enumval *e;
	char sb[80];

	for (e = tab; e->value != NULL; e++)
		if (strcmp(e->value, v) == 0)
			return e->meaning;
	kll__sssom_report(r, KLL_SEV_ERROR, KLL_EINVALID,
	    "sssom-bad-match-type", line, col,
	    "%s '%s' is not one of its permitted values", name,
	    kll__sssom_shown(v, strlen(v), sb, 64));
	return NULL;
}

static void
store(struct rd *r, size_t rec, size_t i, char *v, unsigned line, unsigned col)
{
	struct colmap *cm = &r->cols[i];
	kll_mapset *m = r->m;
	struct extra *x;
	const char *s;
	struct vres res;

	if (v == NULL)
		return;
	switch (cm->what) {
	case C_SLOT:
		m->col[cm->slot][rec] = take(r, cm, cm->slot, v, line, col);
		break;
	case C_EXTRA:
		x = &m->ext[cm->ext];
		if (x->curie && kll__sssom_check_curie(
		                    m, x->name, v, strlen(v), 1, &cm->cc, &res))
			report_res(r, &res, line, col);
		x->vals[rec] = v;
		break;
	case C_MATCH_TYPE:
		if ((s = legacy(r, match_types, "match_type", v, line, col)) !=
		    NULL)
			m->col[KLL_SLOT_MAPPING_JUSTIFICATION][rec] = s;
		break;
	case C_MATCH_TERM_TYPE:
		if ((s = legacy(r, match_term_types, "match_term_type", v, line,
		         col)) == NULL)
			break;
		if (cm->subj)
			m->col[KLL_SLOT_SUBJECT_TYPE][rec] = s;
		if (cm->obj)
			m->col[KLL_SLOT_OBJECT_TYPE][rec] = s;
		break;
	}
}

static const char *
val(const kll_mapset *m, int s, size_t rec)
{
	return m->col[s] != NULL ? m->col[s][rec] : NULL;
}

/* Note where field c of record rec is, for each slot the column fills. */
static void
put_pos(struct rd *r, size_t rec, size_t c, unsigned line, unsigned col)
{
	const struct colmap *cm = &r->cols[c];
	kll_mapset *m = r->m;
	int s[2], n = 0, k;

	if (cm->what == C_SLOT)
		s[n++] = cm->slot;
	else if (cm->what == C_MATCH_TYPE)
		s[n++] = KLL_SLOT_MAPPING_JUSTIFICATION;
	if (cm->what == C_MATCH_TERM_TYPE && cm->subj)
		s[n++] = KLL_SLOT_SUBJECT_TYPE;
	if (cm->what == C_MATCH_TERM_TYPE && cm->obj)
		s[n++] = KLL_SLOT_OBJECT_TYPE;
	for (k = 0; k < n; k++) {
		m->fcol[s[k]][rec] = col;
		if (line == m->lines[rec])
			continue;
		/* Only after a value with line breaks in it. */
		if (m->fline[s[k]] == NULL &&
		    (m->fline[s[k]] = kll__sssom_new_pos(m)) == NULL) {
			kll__sssom_out_of_memory(r);
			return;
		}
		m->fline[s[k]][rec] = line;
	}
}

static void
missing(struct rd *r, size_t rec, int slot, const char *what)
{
	int c = r->slotcol[slot];

	kll__sssom_report(r, KLL_SEV_ERROR, KLL_EINVALID, "sssom-missing-slot",
	    c >= 0 ? r->fline[c] : r->m->lines[rec], c >= 0 ? r->fcol[c] : 1,
	    "missing %s", what);
}

/* Subject or object "id" of a record is empty, or its label: fine for a
 * literal mapping with a label; "type" is the record's type there. */
static void
literal_side(struct rd *r, const struct pend *p, const char *type)
{
	int subj = p->slot == KLL_SLOT_SUBJECT_ID;

	if (type != NULL && strcmp(type, "rdfs literal") == 0) {
		if (!p->has_label)
			kll__sssom_report(r, KLL_SEV_ERROR, KLL_EINVALID,
			    "sssom-missing-slot", p->lline, p->lcol,
			    "missing %s of a literal %s",
			    subj ? "subject_label" : "object_label",
			    subj ? "subject" : "object");
	} else if (!p->has_id) {
		kll__sssom_report(r, KLL_SEV_ERROR, KLL_EINVALID,
		    "sssom-missing-slot", p->line, p->col, "missing %s",
		    subj ? "subject_id" : "object_id");
	}
}

/* Where field "slot" of record rec is, or would be. */
static void
field_pos(
    const struct rd *r, size_t rec, int slot, unsigned *line, unsigned *col)
{
	int c = r->slotcol[slot];

	*line = c >= 0 ? r->fline[c] : r->m->lines[rec];
	*col = c >= 0 ? r->fcol[c] : 1;
}

/* Whether the type of a record without one is still to be known: a
 * set value that goes to every record only when none has its own. */
static int
type_later(const struct rd *r, int type)
{
	return r->fp == NULL ||
	       (r->m->meta[type] != NULL && r->slotcol[type] >= 0);
}

/* The subject or object needs an id, or a label when its type is rdfs
 * literal (a literal mapping). */
static void
required_side(struct rd *r, size_t rec, int id, int type, int label)
{
	struct pend *p, one;
	size_t cap;

	if (val(r->m, type, rec) == NULL &&
	    (val(r->m, id, rec) == NULL || val(r->m, label, rec) == NULL) &&
	    type_later(r, type)) {
		/* The type may come from the metadata: decide after
		 * propagation.  With an id, only a literal type would make
		 * a finding. */
		if (val(r->m, id, rec) != NULL &&
		    (r->m->meta[type] == NULL ||
		        strcmp(r->m->meta[type], "rdfs literal") != 0))
			return;
		if (r->npend == r->pendcap) {
			cap = r->pendcap ? r->pendcap * 2 : 16;
			if ((p = kll__realloc(r->pend, cap * sizeof(*p))) ==
			    NULL) {
				kll__sssom_out_of_memory(r);
				return;
			}
			r->pend = p;
			r->pendcap = cap;
		}
		p = &r->pend[r->npend++];
	} else if (val(r->m, type, rec) != NULL ||
	           val(r->m, id, rec) == NULL) {
		p = &one;
	} else {
		return;
	}
	p->rec = rec;
	p->slot = id;
	p->has_id = val(r->m, id, rec) != NULL;
	p->has_label = val(r->m, label, rec) != NULL;
	field_pos(r, rec, id, &p->line, &p->col);
	field_pos(r, rec, label, &p->lline, &p->lcol);
	if (p == &one)
		literal_side(r, p, val(r->m, type, rec));
}

static void
required(struct rd *r, size_t rec)
{
	if (val(r->m, KLL_SLOT_PREDICATE_ID, rec) == NULL)
		missing(r, rec, KLL_SLOT_PREDICATE_ID, "predicate_id");
	if (val(r->m, KLL_SLOT_MAPPING_JUSTIFICATION, rec) == NULL)
		missing(r, rec, KLL_SLOT_MAPPING_JUSTIFICATION,
		    "mapping_justification");
	required_side(r, rec, KLL_SLOT_SUBJECT_ID, KLL_SLOT_SUBJECT_TYPE,
	    KLL_SLOT_SUBJECT_LABEL);
	required_side(r, rec, KLL_SLOT_OBJECT_ID, KLL_SLOT_OBJECT_TYPE,
	    KLL_SLOT_OBJECT_LABEL);
}

/* The fields of one record into record rec. */
static kll_status
read_fields(struct rd *r, size_t rec, kll_error *err)
{
	size_t nf = 0, i;
	unsigned line, col;
	int term, extra = 0;
	char *v;

	do {
		if (field(r, &v, &line, &col, &term, err) < 0)
			return KLL_ESYNTAX;
		if (nf < r->ncols) {
			r->fline[nf] = line;
			r->fcol[nf] = col;
			put_pos(r, rec, nf, line, col);
			store(r, rec, nf, v, line, col);
		} else if (v != NULL && !extra) {
			kll__sssom_report(r, KLL_SEV_ERROR, KLL_EINVALID,
			    "sssom-bad-column-count", line, col,
			    "more fields than the %zu columns of the header",
			    r->ncols);
			extra = 1;
		}
		nf++;
	} while (term == '\t');
	if (nf < r->ncols) {
		for (i = nf; i < r->ncols; i++) {
			r->fline[i] = line;
			r->fcol[i] = r->endcol;
			put_pos(r, rec, i, line, r->endcol);
		}
		kll__sssom_report(r, KLL_SEV_WARNING, KLL_EINVALID,
		    "sssom-bad-column-count", line, r->endcol,
		    "%zu field%s where the header has %zu columns; "
		    "the rest read as empty",
		    nf, nf == 1 ? "" : "s", r->ncols);
	}
	return KLL_OK;
}

/* ------------------------------------------------------------------ */
/* Reading a record at a time                                           */

/* What one read from the file asks for, and the first size of the
 * window. */
#define WINDOW ((size_t)1 << 20)

/* Where the record at p ends: past the LF that ends it outside quotes,
 * or NULL when [p, end) does not hold all of it.  The same quoting as
 * field() reads. */
static const char *
record_end(const struct rd *r, const char *p, const char *end)
{
	for (;;) {
		if (p < end && *p == '"') {
			for (p++;; p++) {
				if (end - p < 2)
					return NULL;
				if (*p == '"' && p[1] != '"')
					break;
				if (*p == '"')
					p++;
			}
			p++;
		}
		p += kll__csv_span(p, end, r->runend[RUN_RECORD]);
		if (p >= end)
			return NULL;
		if (*p++ == '\n')
			return p;
	}
}

/* Move what is left to read to the start of the window and read more
 * of the file after it, growing the window when it is more than half
 * full. */
static kll_status
refill(struct rd *r, kll_error *err)
{
	kll_mapset *m = r->m;
	size_t keep = (size_t)(r->end - r->p), chk = (size_t)(r->chk - r->p);
	size_t got, i, cap;
	char *t;

	if (m->text != NULL && r->p > m->text) {
		memmove(m->text, r->p, keep);
		/* The last values of the columns were in what moved. */
		for (i = 0; i < r->ncols; i++)
			r->cols[i].last = NULL;
	}
	if (m->text == NULL || r->cap - keep <= WINDOW / 2) {
		cap = r->cap ? r->cap * 2 : WINDOW + 1;
		if ((t = kll__realloc(m->text, cap)) == NULL)
			return kll__sssom_nomem(err);
		m->text = t;
		r->cap = cap;
		for (i = 0; i < r->ncols; i++)
			r->cols[i].last = NULL;
	}
	r->p = r->bol = m->text;
	r->chk = r->p + chk;
	got = fread(m->text + keep, 1, r->cap - keep - 1, r->fp);
	if (got == 0) {
		if (ferror(r->fp))
			return kll__error_set(err, KLL_EIO, r->file, 0, 0,
			    "cannot read: %s", strerror(errno));
		r->eof = 1;
	}
	r->end = m->text + keep + got;
	*r->end = '\0';
	return KLL_OK;
}

/* The checks that the whole text has in one go, on [r->chk, to). */
static kll_status
check_window(struct rd *r, const char *to, kll_error *err)
{
	const char *p;
	kll_status st;
	size_t nl;

	if (text_fine(r->chk, (size_t)(to - r->chk), &nl)) {
		r->chkline += (unsigned)nl;
		r->chk = (char *)to;
		return KLL_OK;
	}
	if ((st = line_check(r->chk, (size_t)(to - r->chk), r->file,
	         r->chkline, err)) != KLL_OK)
		return st;
	if ((st = kll__sssom_text_check(
	         r->chk, (size_t)(to - r->chk), r->file, err)) != KLL_OK) {
		if (err != NULL && err->line > 0)
			err->line += r->chkline - 1;
		return st;
	}
	for (p = r->chk; (p = memchr(p, '\n', (size_t)(to - p))) != NULL;
	     p++)
		r->chkline++;
	r->chk = (char *)to;
	return KLL_OK;
}

/* Make the window hold the record at r->p whole, checked, unless the
 * file ends first; with all the text in memory, nothing to do. */
static kll_status
more(struct rd *r, kll_error *err)
{
	const char *e, *last = NULL;
	kll_status st;

	if (r->fp == NULL || r->p < r->chk || (r->eof && r->chk == r->end))
		return KLL_OK;
	while ((e = record_end(r, r->chk, r->end)) == NULL && !r->eof &&
	       (size_t)(r->end - r->chk) <= KLL__MAX_LINE + KLL__MAX_FIELD)
		if ((st = refill(r, err)) != KLL_OK)
			return st;
	/* Check every record the window holds whole, in one go.  Without
	 * quotes, that is up to the last LF. */
	if (e != NULL &&
	    memchr(e, '"', (size_t)(r->end - e)) == NULL) {
		for (last = r->end; last > e && last[-1] != '\n'; last--)
			;
		e = NULL;
	}
	while (e != NULL) {
		last = e;
		e = record_end(r, e, r->end);
	}
	return check_window(r, last != NULL ? last : r->end, err);
}

/* Read the first window: the metadata block at least, checked. */
static kll_status
first_window(struct rd *r, kll_error *err)
{
	size_t off = 0;
	const char *q, *nl;
	kll_status st;

	if ((st = refill(r, err)) != KLL_OK)
		return st;
	if (r->end - r->p >= 3 && memcmp(r->p, "\xef\xbb\xbf", 3) == 0)
		r->p = r->bol = r->chk = r->p + 3;
	for (;;) {
		q = r->p + off;
		nl = q < r->end && *q == '#' ?
		         memchr(q, '\n', (size_t)(r->end - q)) :
		         NULL;
		if (nl != NULL) {
			off = (size_t)(nl + 1 - r->p);
			if (off > 2 * (size_t)KLL__MAX_META_BYTES)
				break; /* too long for the reader of it */
		} else if (r->eof || (q < r->end && *q != '#') ||
		           (size_t)(r->end - q) > KLL__MAX_LINE) {
			if (q < r->end && *q == '#')
				off = (size_t)(r->end - r->p);
			break;
		} else if ((st = refill(r, err)) != KLL_OK) {
			return st;
		}
	}
	return check_window(r, r->p + off, err);
}

/* Start record 0 afresh: the set holds one record at a time. */
static kll_status
new_row(struct rd *r, kll_error *err)
{
	kll_mapset *m = r->m;
	size_t s, k;

	if (r->nrows == 0 && m->n == 0) {
		/* A set value with no column is every record's. */
		for (s = 0; s < KLL_SLOT__COUNT; s++) {
			if (!(kll__sssom_slotdefs[s].flags & SF_PROP) ||
			    m->meta[s] == NULL || r->slotcol[s] >= 0)
				continue;
			if (m->col[s] == NULL &&
			    (m->col[s] = kll__sssom_new_column(m)) == NULL)
				return kll__sssom_nomem(err);
			/* Kept as the set's value too: the records are
			 * not there to tell it. */
			r->prop[s] = m->meta[s];
		}
		m->rowwise = 1;
	}
	if (kll__sssom_grow_records(m, 1) < 0)
		return kll__sssom_nomem(err);
	/* Only the slots with a column or positions: the list is made
	 * again when one more is made. */
	if (!r->clrok || r->clrcols != m->ncols) {
		r->nclr = 0;
		for (s = 0; s < KLL_SLOT__COUNT; s++)
			if (m->col[s] != NULL || m->fcol[s] != NULL ||
			    m->fline[s] != NULL)
				r->clr[r->nclr++] = (unsigned char)s;
		r->clrcols = m->ncols;
		r->clrok = 1;
	}
	for (k = 0; k < r->nclr; k++) {
		s = r->clr[k];
		if (m->col[s] != NULL)
			m->col[s][0] = r->prop[s];
		if (m->fcol[s] != NULL)
			m->fcol[s][0] = 0;
		if (m->fline[s] != NULL)
			m->fline[s][0] = 0;
	}
	for (s = 0; s < m->next; s++)
		if (m->ext[s].vals != NULL)
			m->ext[s].vals[0] = NULL;
	m->n = 1;
	return KLL_OK;
}

/* Give the record read to the caller. */
static kll_status
end_row(struct rd *r, kll_error *err)
{
	kll_mapset *m = r->m;
	int rc;

	r->seen[KLL_SLOT_SUBJECT_TYPE] |= val(m, KLL_SLOT_SUBJECT_TYPE, 0) !=
	                                  NULL;
	r->seen[KLL_SLOT_OBJECT_TYPE] |= val(m, KLL_SLOT_OBJECT_TYPE, 0) !=
	                                 NULL;
	r->nrows++;
	if (r->stop || (rc = r->row(r->row_payload, m, 0)) == 0)
		return KLL_OK;
	if (rc == KLL_ENOMEM)
		return kll__sssom_nomem(err);
	return kll__error_set(err, (kll_status)rc, r->file, m->lines[0], 0,
	    "reading stopped");
}

/* ------------------------------------------------------------------ */
/* Reading: the records                                                 */

static kll_status
read_rows(struct rd *r, kll_error *err)
{
	kll_mapset *m = r->m;
	kll_status st;
	size_t rec;

	while (!r->stop) {
		if ((st = skip_blank(r, err)) != KLL_OK)
			return st;
		if (r->p >= r->end)
			break;
		if (r->fp != NULL) {
			if ((st = new_row(r, err)) != KLL_OK)
				return st;
		} else if (kll__sssom_grow_records(m, m->n + 1) < 0) {
			return kll__sssom_nomem(err);
		} else {
			m->n++;
		}
		rec = m->n - 1;
		m->lines[rec] = r->line;
		if ((st = read_fields(r, rec, err)) != KLL_OK)
			return st;
		required(r, rec);
		if (r->fp != NULL && (st = end_row(r, err)) != KLL_OK)
			return st;
	}
	return KLL_OK;
}

/* Copy the set's value of each propagatable slot into every record when
 * no record has a value of its own. */
static int
propagate(kll_mapset *m)
{
	size_t s, i;
	const char *v;

	if (m->n == 0)
		return 0;
	for (s = 0; s < KLL_SLOT__COUNT; s++) {
		if (!(kll__sssom_slotdefs[s].flags & SF_PROP) ||
		    (v = m->meta[s]) == NULL)
			continue;
		if (m->col[s] != NULL) {
			for (i = 0; i < m->n && m->col[s][i] == NULL; i++)
				;
			if (i < m->n)
				continue;
		} else if ((m->col[s] = kll__sssom_new_column(m)) == NULL) {
			return -1;
		}
		for (i = 0; i < m->n; i++)
			m->col[s][i] = v;
		m->meta[s] = NULL;
	}
	return 0;
}

/* The type of pending record p after propagation. */
static const char *
pend_type(const struct rd *r, const struct pend *p)
{
	int t = p->slot == KLL_SLOT_SUBJECT_ID ? KLL_SLOT_SUBJECT_TYPE :
	                                         KLL_SLOT_OBJECT_TYPE;

	if (r->fp == NULL)
		return val(r->m, t, p->rec);
	/* Record by record, the set's value went to none: it would have
	 * gone to all when none had its own. */
	return r->seen[t] ? NULL : r->m->meta[t];
}

static void
finish(struct rd *r)
{
	kll_mapset *m = r->m;
	size_t i;

	if (r->stop)
		return;
	if (r->fp == NULL && propagate(m) < 0) {
		kll__sssom_out_of_memory(r);
		return;
	}
	for (i = 0; i < r->npend; i++)
		literal_side(r, &r->pend[i], pend_type(r, &r->pend[i]));
	r->file = r->metafile;
	if (m->meta[SL_MAPPING_SET_ID] == NULL)
		kll__sssom_report(r, KLL_SEV_WARNING, KLL_EINVALID,
		    "sssom-missing-set-slot", 1, 0,
		    "the metadata has no mapping_set_id");
	if (m->meta[KLL_SLOT_LICENSE] == NULL)
		kll__sssom_report(r, KLL_SEV_WARNING, KLL_EINVALID,
		    "sssom-missing-set-slot", 1, 0,
		    "the metadata has no license");
	r->file = m->path;
	if (r->fp != NULL)
		m->n = 0; /* the records went to the caller */
}

/* The text to read: all of it, or with opts->row the first window. */
static kll_status
open_text(struct rd *r, const char *path, kll_error *err)
{
	kll_mapset *m = r->m;
	struct stat sb;
	size_t len = 0;
	kll_status st;

	if (r->row != NULL) {
		if (strcmp(path, "-") == 0)
			r->fp = stdin;
		else if ((r->fp = kll__fopen_file(path, err)) == NULL)
			return KLL_EIO;
		if (fstat(fileno(r->fp), &sb) == 0 && S_ISREG(sb.st_mode))
			m->insize = (size_t)sb.st_size;
		r->line = r->chkline = 1;
		return first_window(r, err);
	}
	if ((st = kll__sssom_slurp(&m->text, &len, path, SIZE_MAX, err)) !=
	    KLL_OK)
		return st;
	r->p = r->bol = m->text;
	r->end = m->text + len;
	r->line = 1;
	if (len >= 3 && memcmp(r->p, "\xef\xbb\xbf", 3) == 0)
		r->p = r->bol = r->p + 3;
	if (text_fine(r->p, (size_t)(r->end - r->p), &len))
		return KLL_OK;
	if ((st = line_check(r->p, (size_t)(r->end - r->p), r->file, 1,
	         err)) != KLL_OK)
		return st;
	return kll__sssom_text_check(r->p, (size_t)(r->end - r->p), r->file,
	    err);
}

kll_status
kll_mapset_read(kll_mapset **out, const char *path, const kll_sssom_opts *opts,
    kll_error *err)
{
	kll_sssom_opts def = KLL_SSSOM_OPTS_INIT;
	kll_mapset *m = NULL;
	kll_status st;
	struct rd r;
	size_t i;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	if (path == NULL)
		return kll__error_set(err, KLL_EARG, NULL, 0, 0, "no file");
	if (opts == NULL)
		opts = &def;
	if ((st = kll_mapset_new(&m, err)) != KLL_OK)
		return st;
	r.m = m;
	r.diag = opts->diag;
	r.payload = opts->payload;
	r.row = opts->row;
	r.row_payload = opts->row_payload;
	for (i = 0; i < KLL_SLOT__COUNT; i++)
		r.slotcol[i] = -1;
	kll__csv_stops(r.runend[RUN_PLAIN], "\t\n\"");
	kll__csv_stops(r.runend[RUN_QUOTED], "\"\r\n");
	kll__csv_stops(r.runend[RUN_RECORD], "\t\n");
	if ((m->path = kll__arena_strdup(&m->arena, kll__display_name(path))) ==
	    NULL) {
		st = kll__sssom_nomem(err);
		goto out;
	}
	r.file = m->path;
	if ((st = open_text(&r, path, err)) != KLL_OK ||
	    (st = kll__sssom_read_metadata(
	         &r, path, opts->metadata_path, err)) != KLL_OK ||
	    (r.stop == 0 && (st = read_header(&r, err)) != KLL_OK) ||
	    (st = read_rows(&r, err)) != KLL_OK)
		goto out;
	finish(&r);
	if (r.nomem) {
		st = kll__sssom_nomem(err);
	} else if (r.stop) {
		st = r.first.code;
		if (err != NULL)
			*err = r.first;
	} else {
		*out = m;
		m = NULL;
	}
out:
	if (r.fp != NULL && r.fp != stdin)
		fclose(r.fp);
	free(r.cols);
	free(r.fline);
	free(r.fcol);
	free(r.pend);
	kll_mapset_free(m);
	return st;
}
