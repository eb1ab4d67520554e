/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* csv.c: a streaming reader of CSV and TSV tables as spreadsheets write
 * them (RFC 4180 quoting, BOM, CRLF), refusing anything but UTF-8; and
 * the scan of a field's bytes that it shares with the SSSOM/TSV reader
 * (kll__csv_span). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define BUFSZ (64 * 1024)

struct kll_csv {
	FILE *fp;
	int own; /* fp was opened here */
	kll__read_fn rd; /* or the bytes come from rd(rd_ctx, ...) */
	void *rd_ctx;
	char *name;
	char sep;
	int quotes;
	size_t max_field;
	unsigned line;     /* the line being read */
	unsigned rec_line; /* the line the current record starts on */
	int started;       /* the BOM and separator are settled */
	int eof;
	char *buf; /* read buffer */
	size_t pos, len;
	unsigned char stop[2][256]; /* the ends of a run: plain, quoted */
	kll__buf rec; /* fields, each NUL-terminated */
	size_t *offs; /* start of each field in rec */
	size_t nf, cap;
};

/* A reader named "name" in messages, with nothing to read yet. */
static kll_csv *
csv_new(const char *name, const kll_csv_opts *opts, kll_error *err)
{
	kll_csv_opts def = KLL_CSV_OPTS_INIT;
	kll_csv *c;

	if (opts == NULL)
		opts = &def;
	if ((c = kll__calloc(1, sizeof(*c))) == NULL ||
	    (c->buf = kll__malloc(BUFSZ)) == NULL ||
	    (c->offs = kll__malloc(16 * sizeof(*c->offs))) == NULL ||
	    (c->name = kll__strdup(name)) == NULL) {
		kll__error_set(err, KLL_ENOMEM, name, 0, 0, "out of memory");
		kll_csv_free(c);
		return NULL;
	}
	c->sep = opts->sep;
	c->quotes = opts->quotes;
	c->max_field = opts->max_field ? opts->max_field : KLL__MAX_FIELD;
	c->cap = 16;
	c->line = 1;
	return c;
}

kll_status
kll__csv_open_fn(kll_csv **out, const char *name, kll__read_fn rd,
    void *ctx, const kll_csv_opts *opts, kll_error *err)
{
	if ((*out = csv_new(name, opts, err)) == NULL)
		return KLL_ENOMEM;
	(*out)->rd = rd;
	(*out)->rd_ctx = ctx;
	return KLL_OK;
}

kll_status
kll_csv_open(
    kll_csv **out, const char *path, const kll_csv_opts *opts, kll_error *err)
{
	kll_csv *c;
	kll_status st = KLL_OK;

	*out = NULL;
	if ((c = csv_new(kll__display_name(path), opts, err)) == NULL)
		return KLL_ENOMEM;
	if (strcmp(path, "-") == 0) {
		c->fp = stdin;
	} else if ((c->fp = kll__fopen_file(path, err)) == NULL) {
		st = KLL_EIO;
		goto out;
	} else {
		c->own = 1;
	}
	*out = c;
	c = NULL;
out:
	kll_csv_free(c);
	return st;
}

/* Up to n bytes of the input into p: their count, 0 at the end, -1 on a
 * read error. */
static long
get(kll_csv *c, char *p, size_t n)
{
	size_t got;

	if (c->rd != NULL)
		return c->rd(c->rd_ctx, p, n);
	got = fread(p, 1, n, c->fp);
	return got > 0 ? (long)got : ferror(c->fp) ? -1 : 0;
}

void
kll_csv_free(kll_csv *c)
{
	if (c == NULL)
		return;
	if (c->own && c->fp != NULL)
		fclose(c->fp);
	free(c->name);
	free(c->buf);
	free(c->offs);
	kll__buf_free(&c->rec);
	free(c);
}

/* Make at least one byte available; 0 at the end of the input, -1 on a
 * read error. */
static int
fill(kll_csv *c)
{
	long r;

	if (c->pos < c->len)
		return 1;
	if (c->eof)
		return 0;
	r = get(c, c->buf, BUFSZ);
	c->len = r > 0 ? (size_t)r : 0;
	c->pos = 0;
	if (r <= 0) {
		c->eof = 1;
		return r < 0 ? -1 : 0;
	}
	return 1;
}

void
kll__csv_stops(unsigned char stop[256], const char *bytes)
{
	memset(stop, 0, 256);
	stop[0] = 1;
	for (; *bytes; bytes++)
		stop[(unsigned char)*bytes] = 1;
}

size_t
kll__csv_span(const char *p, const char *end, const unsigned char *stop)
{
	const unsigned char *q = (const unsigned char *)p;
	const unsigned char *e = (const unsigned char *)end;

	for (; e - q >= 4; q += 4) {
		if (stop[q[0]])
			return (size_t)((const char *)q - p);
		if (stop[q[1]])
			return (size_t)((const char *)q + 1 - p);
		if (stop[q[2]])
			return (size_t)((const char *)q + 2 - p);
		if (stop[q[3]])
			return (size_t)((const char *)q + 3 - p);
	}
	while (q < e && !stop[*q])
		q++;
	return (size_t)((const char *)q - p);
}

/* The bytes that end a run of a field, plain or quoted. */
static void
set_stops(kll_csv *c)
{
	char plain[] = { c->sep, '"', '\n', '\r', '\0' };

	kll__csv_stops(c->stop[0], plain);
	kll__csv_stops(c->stop[1], "\"\n");
}

/* Settle the byte-order mark and, if not fixed, the separator: the most
 * frequent of TAB, ';' and ',' outside quotes on the first line. */
static kll_status
start(kll_csv *c, kll_error *err)
{
	size_t counts[3] = { 0, 0, 0 }, i;
	int inq = 0, r;

	c->started = 1;
	while ((r = fill(c)) > 0 && c->len < 3 && !c->eof) {
		long n = get(c, c->buf + c->len, BUFSZ - c->len);
		if (n < 0)
			r = -1;
		if (n <= 0)
			break;
		c->len += (size_t)n;
	}
	if (r < 0)
		return kll__error_set(err, KLL_EIO, c->name, 0, 0,
		    "read error: %s", strerror(errno));
	if (c->len >= 3 && memcmp(c->buf, "\xef\xbb\xbf", 3) == 0)
		c->pos = 3;
	if (c->sep != 0) {
		set_stops(c);
		return KLL_OK;
	}
	for (i = c->pos; i < c->len && (inq || c->buf[i] != '\n'); i++) {
		if (c->buf[i] == '"')
			inq = !inq;
		else if (!inq && c->buf[i] == '\t')
			counts[0]++;
		else if (!inq && c->buf[i] == ';')
			counts[1]++;
		else if (!inq && c->buf[i] == ',')
			counts[2]++;
	}
	if (counts[0] >= counts[1] && counts[0] >= counts[2] && counts[0])
		c->sep = '\t';
	else if (counts[1] > counts[2])
		c->sep = ';';
	else
		c->sep = ',';
	set_stops(c);
	return KLL_OK;
}

/* End the current field: terminate it and note where the next begins.
 * -1 when out of memory, -2 past the limit on fields. */
static int
end_field(kll_csv *c)
{
	size_t *p;

	if (c->nf >= KLL__MAX_COLUMNS)
		return -2;
	if (c->rec.cap - c->rec.n > 1)
		c->rec.p[c->rec.n++] = '\0';
	else if (kll__buf_addc(&c->rec, '\0') < 0)
		return -1;
	c->nf++;
	if (c->nf == c->cap) {
		if ((p = kll__realloc(c->offs, 2 * c->cap * sizeof(*p))) ==
		    NULL)
			return -1;
		c->offs = p;
		c->cap *= 2;
	}
	c->offs[c->nf] = c->rec.n;
	return 0;
}

/* Whether bytes look like Windows-1252 text rather than broken UTF-8: no
 * well-formed multibyte UTF-8 sequence anywhere, and every high byte a
 * character that Windows-1252 defines. */
static int
looks_cp1252(const char *s, size_t n)
{
	size_t i, k, len;
	unsigned char ch;

	for (i = 0; i < n; i++) {
		ch = (unsigned char)s[i];
		if (ch == 0x81 || ch == 0x8d || ch == 0x8f || ch == 0x90 ||
		    ch == 0x9d)
			return 0;
		len = ch >= 0xf0 ? 4 : ch >= 0xe0 ? 3 : ch >= 0xc2 ? 2 : 0;
		if (len == 0 || i + len > n)
			continue;
		for (k = 1; k < len && ((unsigned char)s[i + k] & 0xc0) == 0x80;
		     k++)
			;
		if (k == len && kll__utf8_valid(s + i, len, NULL))
			return 0;
	}
	return 1;
}

static int
ascii(const char *s, size_t n)
{
	unsigned char hi = 0;
	size_t i;

	for (i = 0; i < n; i++)
		hi |= (unsigned char)s[i];
	return hi < 0x80;
}

static kll_status
check_utf8(kll_csv *c, kll_error *err)
{
	size_t bad, i, col = 1;
	unsigned line = c->rec_line;
	const char *s = c->rec.p;

	if (c->rec.n == 0 || ascii(s, c->rec.n) ||
	    kll__utf8_valid(s, c->rec.n, &bad))
		return KLL_OK;
	/* The column is approximate: fields are stored without quotes. */
	for (i = 0; i < bad; i++)
		col = s[i] == '\n' ? (line++, 1) : col + 1;
	if (looks_cp1252(s, c->rec.n))
		return kll__error_set(err, KLL_EENCODING, c->name, line,
		    (unsigned)col,
		    "not UTF-8 (looks like Windows-1252); convert it with "
		    "'iconv -f WINDOWS-1252 -t UTF-8'");
	return kll__error_set(err, KLL_EENCODING, c->name, line, (unsigned)col,
	    "invalid UTF-8 byte 0x%02x", (unsigned char)s[bad]);
}

enum { F_START, F_PLAIN, F_QUOTED, F_QUOTE_IN_QUOTED };

static kll_status
too_long(const kll_csv *c, kll_error *err)
{
	return kll__error_limit(err, c->name, c->rec_line, 0, "limit-field",
	    "field longer than %zu bytes", c->max_field);
}

/* The number of bytes from the read position that decide nothing in a
 * plain field, or in a quoted one: the loop copies them at once. */
static size_t
plain_run(const kll_csv *c, int quoted)
{
	return kll__csv_span(
	    c->buf + c->pos, c->buf + c->len, c->stop[quoted != 0]);
}

kll_status
kll_csv_next(kll_csv *c, size_t *nfields, kll_error *err)
{
	kll_status st;
	size_t flen = 0, n;
	unsigned col = 1;
	int state = F_START, r;
	char ch;

	*nfields = 0;
	if (!c->started && (st = start(c, err)) != KLL_OK)
		return st;
	c->rec.n = 0;
	c->nf = 0;
	c->rec_line = c->line;
	c->offs[0] = 0;
	for (;;) {
		if ((r = fill(c)) <= 0)
			goto eof;
		if (c->rec.n > KLL__MAX_LINE)
			return kll__error_limit(err, c->name, c->rec_line, 0,
			    "limit-line", "a record longer than %u bytes",
			    KLL__MAX_LINE);
		if (state != F_QUOTE_IN_QUOTED &&
		    (n = plain_run(c, state == F_QUOTED)) > 0 &&
		    flen + n <= c->max_field) {
			if (c->rec.cap - c->rec.n > n) {
				memcpy(c->rec.p + c->rec.n, c->buf + c->pos, n);
				c->rec.n += n;
			} else if (kll__buf_add(&c->rec, c->buf + c->pos, n) <
			           0) {
				goto nomem;
			}
			c->pos += n;
			col += (unsigned)n;
			flen += n;
			if (state == F_START)
				state = F_PLAIN;
			continue;
		}
		ch = c->buf[c->pos++];
		col++;
		if (ch == '\0')
			return kll__error_set(err, KLL_ESYNTAX, c->name,
			    c->line, col - 1, "NUL byte in text");
		if (state == F_QUOTED) {
			if (ch == '"') {
				state = F_QUOTE_IN_QUOTED;
				continue;
			}
			if (ch == '\n') {
				c->line++;
				col = 1;
			}
		} else if (ch == '"' && c->quotes && state == F_START) {
			state = F_QUOTED; /* an opening quote */
			continue;
		} else if (ch == '"' && state == F_QUOTE_IN_QUOTED) {
			state = F_QUOTED; /* "" in a quoted field: one '"' */
		} else if (ch == c->sep || ch == '\n' || ch == '\r') {
			if (ch == '\r') {
				if ((r = fill(c)) > 0 && c->buf[c->pos] == '\n')
					continue; /* CRLF: the LF ends it */
			}
			if ((r = end_field(c)) < 0)
				goto bad_end;
			if (ch == c->sep) {
				state = F_START;
				flen = 0;
				continue;
			}
			c->line++;
			goto done;
		} else if (state == F_QUOTE_IN_QUOTED) {
			return kll__error_set(err, KLL_ESYNTAX, c->name,
			    c->line, col - 1,
			    "unexpected '%c' after a closing quote", ch);
		} else {
			state = F_PLAIN;
		}
		if (++flen > c->max_field)
			return too_long(c, err);
		if (kll__buf_addc(&c->rec, ch) < 0)
			goto nomem;
	}
eof:
	if (r < 0)
		return kll__error_set(err, KLL_EIO, c->name, c->line, 0,
		    "read error: %s", strerror(errno));
	if (state == F_QUOTED)
		return kll__error_set(err, KLL_ESYNTAX, c->name, c->rec_line, 0,
		    "unbalanced quotes: a quoted field runs to the end of "
		    "the file");
	if (c->nf == 0 && c->rec.n == 0 && state == F_START)
		return KLL_OK; /* the end, after a final newline */
	if ((r = end_field(c)) < 0)
		goto bad_end;
done:
	if ((st = check_utf8(c, err)) != KLL_OK)
		return st;
	*nfields = c->nf;
	return KLL_OK;
bad_end:
	if (r == -2)
		return kll__error_limit(err, c->name, c->rec_line, 0,
		    "limit-columns", "a record with more than %d fields",
		    KLL__MAX_COLUMNS);
nomem:
	return kll__error_set(
	    err, KLL_ENOMEM, c->name, c->line, 0, "out of memory");
}

const char *
kll_csv_field(const kll_csv *c, size_t i, size_t *len)
{
	size_t end;

	if (i >= c->nf)
		return NULL;
	end = c->offs[i + 1] - 1;
	if (len != NULL)
		*len = end - c->offs[i];
	return c->rec.p + c->offs[i];
}

unsigned
kll_csv_line(const kll_csv *c)
{
	return c->rec_line;
}

char
kll_csv_sep(const kll_csv *c)
{
	return c->sep;
}

const char *
kll_csv_name(const kll_csv *c)
{
	return c->name;
}

/* A table read whole: its first record that is not a blank line to
 * header(), each later one to row(); a blank line (one empty field) is
 * skipped.  A failure of row() is an error of the record's line. */
kll_status
kll__csv_each(const char *path, const char *name, char sep,
    kll_status (*header)(void *ctx, kll_csv *c, size_t nf),
    kll_status (*row)(void *ctx, kll_csv *c, size_t nf), void *ctx,
    kll_error *err)
{
	kll_csv_opts co = KLL_CSV_OPTS_INIT;
	kll_csv *c = NULL;
	kll_status st;

	co.sep = sep;
	if ((st = kll_csv_open(&c, path, &co, err)) != KLL_OK)
		return st;
	st = kll__csv_walk(c, name, header, row, ctx, err);
	kll_csv_free(c);
	return st;
}

kll_status
kll__csv_walk(kll_csv *c, const char *name,
    kll_status (*header)(void *ctx, kll_csv *c, size_t nf),
    kll_status (*row)(void *ctx, kll_csv *c, size_t nf), void *ctx,
    kll_error *err)
{
	size_t nf;
	kll_status st;
	int first = 1;

	while ((st = kll_csv_next(c, &nf, err)) == KLL_OK && nf > 0) {
		if (nf == 1 && *kll_csv_field(c, 0, NULL) == '\0')
			continue;
		if (first) {
			if ((st = header(ctx, c, nf)) != KLL_OK)
				break;
			first = 0;
		} else if ((st = row(ctx, c, nf)) != KLL_OK) {
			kll__error_set(
			    err, st, name, kll_csv_line(c), 0, "out of memory");
			break;
		}
	}
	if (st == KLL_OK && first)
		st = kll__error_set(err, KLL_EINVALID, name, 0, 0,
		    "the table is empty: no header line");
	return st;
}

/* A CSV field: quoted when it holds a quote, comma or line end. */
void
kll__csv_put(FILE *fp, const char *s)
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
