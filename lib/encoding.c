/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * encoding.c: tables in any encoding that iconv knows, decoded to UTF-8
 * before the CSV reader sees them.  UTF-8 is checked here, byte by byte,
 * so that a bad byte is named with its line and column (in characters)
 * and, where the caller lets it, passes as an escape the caller can turn
 * back into the byte.  A byte-order mark decides the encoding when none
 * is given: it cannot begin UTF-8 text, and the UTF-8 one is read the
 * same way.  The decoder is the CSV reader's source: the reader pulls
 * UTF-8 from it a buffer at a time, so a table streams whatever its
 * size.
 */
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "encoding.h"

#define INSZ  (64 * 1024)
#define SNIFF 64 /* bytes looked at for the NULs of UTF-16 */

enum { K_UTF8, K_ICONV };
enum { F_NONE, F_BYTE, F_NUL };

struct kll__dec {
	int fd;
	char *name;
	char enc[64]; /* as messages name it */
	int kind, pass;
	size_t unit; /* bytes skipped past a bad sequence */
	iconv_t cd;
	unsigned char *in;
	size_t ipos, ilen;
	int ieof;
	unsigned line, col; /* col: characters before the next one */
	int multibyte;      /* a multibyte UTF-8 character was read */
	int fail;           /* F_BYTE or F_NUL: what stopped the last run */
	unsigned char bad[4];
	size_t nbad;
	int hint1252;
	kll_status pend; /* an error for the next call */
	kll_error perr;
};

/* ------------------------------------------------------------------ */
/* Names                                                                */

/* "UTF_8", "utf8", "Utf-8" alike: lower case without '-', '_', ' '. */
static void
norm(char *out, size_t size, const char *s)
{
	size_t n = 0;

	for (; *s && n + 1 < size; s++) {
		if (*s == '-' || *s == '_' || *s == ' ')
			continue;
		out[n++] = (*s >= 'A' && *s <= 'Z') ? (char)(*s + 32) : *s;
	}
	out[n] = '\0';
}

/* Whether iconv can decode "name" to UTF-8. */
static int
iconv_knows(const char *name)
{
	iconv_t cd = iconv_open("UTF-8", name);

	if (cd == (iconv_t)-1)
		return 0;
	iconv_close(cd);
	return 1;
}

kll_status
kll_encoding_check(const char *name, kll_error *err)
{
	char k[64];

	if (name == NULL)
		return KLL_OK;
	norm(k, sizeof(k), name);
	if (strcmp(k, "utf16") == 0 || strcmp(k, "utf32") == 0 ||
	    (*name != '\0' && iconv_knows(name)))
		return KLL_OK;
	return kll__error_set(err, KLL_EARG, NULL, 0, 0,
	    "unknown encoding '%s' ('iconv -l' lists the names known)", name);
}

/* The byte-order mark that s[0..n) starts with, or NULL; *len its size. */
static const char *
bom_of(const unsigned char *s, size_t n, size_t *len)
{
	*len = 0;
	if (n >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf)
		return *len = 3, "UTF-8";
	if (n >= 4 && s[0] == 0xff && s[1] == 0xfe && s[2] == 0 && s[3] == 0)
		return *len = 4, "UTF-32LE";
	if (n >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0xfe && s[3] == 0xff)
		return *len = 4, "UTF-32BE";
	if (n >= 2 && s[0] == 0xff && s[1] == 0xfe)
		return *len = 2, "UTF-16LE";
	if (n >= 2 && s[0] == 0xfe && s[1] == 0xff)
		return *len = 2, "UTF-16BE";
	return NULL;
}

/* What the NUL bytes of the first bytes say: "utf-16le" and the like,
 * or NULL when there are none. */
static const char *
nul_guess(const unsigned char *s, size_t n)
{
	size_t i, even = 0, odd = 0;

	if (n > SNIFF)
		n = SNIFF;
	if (n >= 4 && s[0] != 0 && s[1] == 0 && s[2] == 0 && s[3] == 0)
		return "utf-32le";
	if (n >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0 && s[3] != 0)
		return "utf-32be";
	for (i = 0; i < n; i++)
		if (s[i] == 0 && i % 2)
			odd++;
		else if (s[i] == 0)
			even++;
	/* Text of Latin letters in UTF-16 has a NUL in every other byte;
	 * a stray NUL is no encoding. */
	if (odd >= even && odd >= 2 && odd * 4 >= n)
		return "utf-16le";
	if (even > odd && even >= 2 && even * 4 >= n)
		return "utf-16be";
	return NULL;
}

/* Whether a mark "bom" goes with the encoding asked for, normalized. */
static int
bom_fits(const char *bom, const char *k)
{
	char b[16];

	norm(b, sizeof(b), bom);
	return strcmp(b, k) == 0 || (strcmp(k, "utf16") == 0 &&
	                                strncmp(b, "utf16", 5) == 0) ||
	       (strcmp(k, "utf32") == 0 && strncmp(b, "utf32", 5) == 0);
}

/* ------------------------------------------------------------------ */
/* Reading                                                              */

/* More input after what is left: 1, 0 at the end, -1 on a read error. */
static int
refill(kll__dec *d)
{
	ssize_t r;

	if (d->ieof)
		return 0;
	if (d->ipos > 0) {
		memmove(d->in, d->in + d->ipos, d->ilen - d->ipos);
		d->ilen -= d->ipos;
		d->ipos = 0;
	}
	do
		r = read(d->fd, d->in + d->ilen, INSZ - d->ilen);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return -1;
	if (r == 0)
		d->ieof = 1;
	d->ilen += (size_t)r;
	return r > 0;
}

/* The length of the UTF-8 character at p (avail bytes there): 1 to 4, 0
 * for a byte that starts none, -1 when more bytes are needed to tell.
 * Overlong forms, surrogates and code points past U+10FFFF start none. */
static int
u8_len(const unsigned char *p, size_t avail)
{
	unsigned char c = p[0];
	size_t i, n;

	if (c < 0x80)
		return 1;
	if (c < 0xc2 || c > 0xf4)
		return 0;
	n = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
	for (i = 1; i < n; i++) {
		if (i >= avail)
			return -1;
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		if (i == 1 && ((c == 0xe0 && p[1] < 0xa0) ||
		                  (c == 0xed && p[1] > 0x9f) ||
		                  (c == 0xf0 && p[1] < 0x90) ||
		                  (c == 0xf4 && p[1] > 0x8f)))
			return 0;
	}
	return (int)n;
}

static unsigned char *
put_esc(unsigned char *q, unsigned char b)
{
	q[0] = 0xf4;
	q[1] = 0x8f;
	q[2] = (unsigned char)(0xbc | (b >> 6));
	q[3] = (unsigned char)(0x80 | (b & 0x3f));
	return q + KLL__ESC_LEN;
}

size_t
kll__esc_find(const char *s, size_t n)
{
	const char *p = s, *end = s + n;

	while ((p = memchr(p, 0xf4, (size_t)(end - p))) != NULL) {
		if (end - p >= KLL__ESC_LEN && KLL__IS_ESC(p))
			return (size_t)(p - s);
		p++;
	}
	return n;
}

/* Whether a bad byte b reads as Windows-1252 text: one that it defines,
 * and no UTF-8 character of several bytes before it or in what is read
 * after it. */
static int
looks_1252(const kll__dec *d, const unsigned char *p, const unsigned char *end)
{
	int k;

	if (d->multibyte || *p == 0x81 || *p == 0x8d || *p == 0x8f ||
	    *p == 0x90 || *p == 0x9d)
		return 0;
	for (; p < end; p++)
		if (*p >= 0xc2 && (k = u8_len(p, (size_t)(end - p))) > 1)
			return 0;
	return 1;
}

/* Note the bad bytes p[0..n) for the error of the next call. */
static void
set_fail(kll__dec *d, int what, const unsigned char *p, size_t n)
{
	d->fail = what;
	d->nbad = n < sizeof(d->bad) ? n : sizeof(d->bad);
	memcpy(d->bad, p, d->nbad);
}

#define WORD_HI  0x8080808080808080ull
#define WORD_ONE 0x0101010101010101ull

/* UTF-8 checked: the input into out[0..size), less room for escapes. */
static size_t
utf8_run(kll__dec *d, char *out, size_t size, int *more)
{
	const unsigned char *p = d->in + d->ipos, *end = d->in + d->ilen;
	unsigned char *q = (unsigned char *)out;
	unsigned char *qend = q + size - 4 * KLL__ESC_LEN;
	uint64_t v;
	int k;

	while (p < end && q < qend) {
		/* Eight ASCII bytes, none NUL, at a time. */
		while (end - p >= 8 && qend - q >= 8) {
			memcpy(&v, p, 8);
			if ((v & WORD_HI) || ((v - WORD_ONE) & ~v & WORD_HI))
				break;
			memcpy(q, p, 8);
			p += 8, q += 8;
		}
		if (p == end || q >= qend)
			break;
		if (*p == 0) {
			set_fail(d, F_NUL, p, 1);
			break;
		}
		if (*p < 0x80) {
			*q++ = *p++;
			continue;
		}
		k = u8_len(p, (size_t)(end - p));
		if (k < 0 && !d->ieof) {
			*more = 1;
			break;
		}
		if (k > 1 && !(d->pass && k == 4 && KLL__IS_ESC(p))) {
			memcpy(q, p, (size_t)k);
			q += k, p += k;
			d->multibyte = 1;
			continue;
		}
		if (k == 4) { /* a character that reads as an escape */
			for (k = 0; k < 4; k++)
				q = put_esc(q, *p++);
			continue;
		}
		if (!d->pass) {
			d->hint1252 = looks_1252(d, p, end);
			set_fail(d, F_BYTE, p, 1);
			break;
		}
		q = put_esc(q, *p++);
	}
	d->ipos = (size_t)(p - d->in);
	return (size_t)(q - (unsigned char *)out);
}

/* Through iconv: the input into out[0..size), less room for escapes. */
static size_t
iconv_run(kll__dec *d, char *out, size_t size, int *more)
{
	char *ip = (char *)d->in + d->ipos, *op = out, *nul;
	size_t il = d->ilen - d->ipos, ol = size - 4 * KLL__ESC_LEN, k, i;

	while (il > 0 && ol > 0) {
		if (iconv(d->cd, &ip, &il, &op, &ol) != (size_t)-1 ||
		    errno == E2BIG)
			break;
		if (errno == EINVAL && !d->ieof) {
			*more = 1;
			break;
		}
		k = il < d->unit ? il : d->unit; /* EILSEQ, or cut short */
		if (!d->pass) {
			set_fail(d, F_BYTE, (unsigned char *)ip, k);
			break;
		}
		for (i = 0; i < k; i++)
			op = (char *)put_esc(
			    (unsigned char *)op, (unsigned char)*ip++);
		il -= k;
		ol = ol > k * KLL__ESC_LEN ? ol - k * KLL__ESC_LEN : 0;
	}
	/* U+0000 decodes to a NUL byte, which no text holds. */
	if ((nul = memchr(out, 0, (size_t)(op - out))) != NULL) {
		op = nul;
		set_fail(d, F_NUL, (unsigned char *)nul, 1);
	}
	d->ipos = (size_t)(ip - (char *)d->in);
	return (size_t)(op - out);
}

/* Move the position past the UTF-8 text s[0..n). */
static void
advance(kll__dec *d, const char *s, size_t n)
{
	const char *p = s, *end = s + n, *nl;

	while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		d->line++;
		d->col = 0;
		p = nl + 1;
	}
	for (; p < end; p++)
		if (((unsigned char)*p & 0xc0) != 0x80)
			d->col++;
}

/* The error of the failed run, at the next character. */
static void
make_error(kll__dec *d)
{
	char bytes[32];
	size_t i, n = 0;

	for (i = 0; i < d->nbad; i++)
		n += (size_t)snprintf(bytes + n, sizeof(bytes) - n, "%s0x%02x",
		    i ? " " : "", d->bad[i]);
	if (d->fail == F_NUL)
		kll__error_set(&d->perr, KLL_EENCODING, d->name, d->line,
		    d->col + 1, "a NUL byte, which no text holds");
	else if (d->kind == K_UTF8 && d->hint1252)
		kll__error_set(&d->perr, KLL_EENCODING, d->name, d->line,
		    d->col + 1,
		    "byte %s is not valid UTF-8; the file looks like "
		    "Windows-1252: give --encoding=windows-1252",
		    bytes);
	else
		kll__error_set(&d->perr, KLL_EENCODING, d->name, d->line,
		    d->col + 1, "byte%s %s %s not valid %s",
		    d->nbad > 1 ? "s" : "", bytes, d->nbad > 1 ? "are" : "is",
		    d->enc);
	snprintf(d->perr.rule, sizeof(d->perr.rule), "encoding-invalid");
	d->pend = KLL_EENCODING;
}

kll_status
kll__dec_read(kll__dec *d, char *buf, size_t size, size_t *n, kll_error *err)
{
	size_t got = 0;
	int more = 0, r;

	*n = 0;
	while (d->pend == KLL_OK) {
		if (d->ipos == d->ilen || more) {
			if ((r = refill(d)) == -1)
				return kll__error_set(err, KLL_EIO, d->name,
				    d->line, 0, "read error: %s",
				    strerror(errno));
		}
		if (d->ipos == d->ilen && d->ieof)
			return KLL_OK;
		more = 0;
		got = d->kind == K_UTF8 ? utf8_run(d, buf, size, &more) :
		                          iconv_run(d, buf, size, &more);
		advance(d, buf, got);
		if (d->fail != F_NONE)
			make_error(d);
		if (got > 0) {
			*n = got;
			return KLL_OK;
		}
	}
	if (err != NULL)
		*err = d->perr;
	return d->pend;
}

const char *
kll__dec_encoding(const kll__dec *d)
{
	return d->enc;
}

/* ------------------------------------------------------------------ */
/* Opening                                                              */

static kll_status
enc_error(kll__dec *d, kll_error *err, const char *rule, const char *fmt, ...)
    KLL__PRINTF(4, 5);

static kll_status
enc_error(kll__dec *d, kll_error *err, const char *rule, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return KLL_EENCODING;
	kll__error_set(err, KLL_EENCODING, d->name, 1, 0, "%s", "");
	snprintf(err->rule, sizeof(err->rule), "%s", rule);
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return KLL_EENCODING;
}

/* The encoding of a table without a mark: as asked, but UTF-16 and
 * UTF-32 need the mark, and NULs in what should be UTF-8 are named. */
static kll_status
unmarked(kll__dec *d, const char *asked, const char *k, kll_error *err)
{
	const char *guess = nul_guess(d->in, d->ilen);

	if (strcmp(k, "utf16") == 0 || strcmp(k, "utf32") == 0)
		return enc_error(d, err, "encoding-bom",
		    "%s without a byte-order mark to give the byte order: "
		    "give --encoding=%s",
		    asked,
		    guess ? guess :
		    k[3] == '1' ? "utf-16le or utf-16be" :
		                  "utf-32le or utf-32be");
	if (guess != NULL && (*k == '\0' || strcmp(k, "utf8") == 0))
		return enc_error(d, err, "encoding-utf16",
		    "UTF-%s (%s-endian, from the NUL bytes between the "
		    "characters) without a byte-order mark: give "
		    "--encoding=%s",
		    guess[4] == '1' ? "16" : "32",
		    guess[strlen(guess) - 2] == 'l' ? "little" : "big", guess);
	return KLL_OK;
}

/* Settle the encoding from what was asked and the first bytes. */
static kll_status
settle(kll__dec *d, const char *asked, kll_error *err)
{
	const char *bom, *use;
	char k[64];
	size_t blen;
	kll_status st;

	norm(k, sizeof(k), asked ? asked : "");
	bom = bom_of(d->in, d->ilen, &blen);
	if (bom != NULL && *k != '\0' && !bom_fits(bom, k))
		return enc_error(d, err, "encoding-bom",
		    "the file starts with the byte-order mark of %s, not %s: "
		    "give --encoding=%s, or none",
		    bom, asked,
		    bom[4] == '8' ? "utf-8" :
		    bom[4] == '1' ? "utf-16" :
		                    "utf-32");
	if (bom == NULL && (st = unmarked(d, asked, k, err)) != KLL_OK)
		return st;
	d->ipos = blen;
	use = bom ? bom : *k ? asked : "UTF-8";
	snprintf(d->enc, sizeof(d->enc), "%s", use);
	norm(k, sizeof(k), use);
	if (strcmp(k, "utf8") == 0)
		return KLL_OK;
	d->kind = K_ICONV;
	d->unit = strncmp(k, "utf16", 5) == 0 || strncmp(k, "ucs2", 4) == 0 ?
	              2 :
	          strncmp(k, "utf32", 5) == 0 || strncmp(k, "ucs4", 4) == 0 ?
	              4 :
	              1;
	if ((d->cd = iconv_open("UTF-8", use)) == (iconv_t)-1)
		return kll__error_set(err, KLL_EARG, NULL, 0, 0,
		    "unknown encoding '%s' ('iconv -l' lists the names "
		    "known)",
		    use);
	return KLL_OK;
}

kll_status
kll__dec_new(kll__dec **out, int fd, const char *name, const char *encoding,
    int flags, kll_error *err)
{
	kll__dec *d;
	kll_status st;
	int r = 1;

	*out = NULL;
	if ((st = kll_encoding_check(encoding, err)) != KLL_OK)
		return st;
	if ((d = kll__calloc(1, sizeof(*d))) != NULL)
		d->cd = (iconv_t)-1;
	if (d == NULL || (d->in = kll__malloc(INSZ)) == NULL ||
	    (d->name = kll__strdup(name)) == NULL) {
		kll__dec_free(d);
		return kll__error_set(err, KLL_ENOMEM, name, 0, 0,
		    "out of memory");
	}
	d->fd = fd;
	d->pass = (flags & KLL__DEC_PASS) != 0;
	d->unit = 1;
	d->line = 1;
	while (d->ilen < 4 && (r = refill(d)) > 0)
		;
	if (r < 0)
		st = kll__error_set(err, KLL_EIO, name, 0, 0, "read error: %s",
		    strerror(errno));
	else
		st = settle(d, encoding, err);
	if (st != KLL_OK) {
		kll__dec_free(d);
		return st;
	}
	*out = d;
	return KLL_OK;
}

void
kll__dec_free(kll__dec *d)
{
	if (d == NULL)
		return;
	if (d->cd != (iconv_t)-1)
		iconv_close(d->cd);
	free(d->in);
	free(d->name);
	free(d);
}

/* ------------------------------------------------------------------ */
/* The feed: the decoder as the CSV reader's source                     */

struct kll__feed {
	kll__dec *dec;
	int src, own; /* the table's descriptor; opened here */
	int done;
	char *name;
	kll_status st; /* the decoder's failure, and where */
	kll_error err;
};

/* The CSV reader's read function.  A decoding error ends the text with
 * a NUL byte, which the reader refuses; kll__feed_end() then puts the
 * decoder's error in its place. */
static long
feed_read(void *ctx, char *buf, size_t size)
{
	kll__feed *f = ctx;
	size_t n;

	if (f->done)
		return 0;
	f->st = kll__dec_read(f->dec, buf, size, &n, &f->err);
	if (f->st != KLL_OK) {
		f->done = 1;
		buf[0] = '\0';
		return 1;
	}
	if (n == 0)
		f->done = 1;
	return (long)n;
}

/* Open the table as kll__fopen_file() would. */
static kll_status
open_src(kll__feed *f, const char *path, kll_error *err)
{
	struct stat sb;

	if (strcmp(path, "-") == 0) {
		f->src = STDIN_FILENO;
		return KLL_OK;
	}
	if ((f->src = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return kll__error_set(err, KLL_EIO, path, 0, 0,
		    "cannot open: %s", strerror(errno));
	f->own = 1;
	if (fstat(f->src, &sb) == 0 && S_ISDIR(sb.st_mode))
		return kll__error_set(
		    err, KLL_EIO, path, 0, 0, "cannot read: Is a directory");
	return KLL_OK;
}

static void
feed_free(kll__feed *f)
{
	if (f->own)
		close(f->src);
	kll__dec_free(f->dec);
	free(f->name);
	free(f);
}

kll_status
kll__feed_open(kll_csv **csv, kll__feed **out, const char *path,
    const char *encoding, int flags, const kll_csv_opts *opts,
    kll_error *err)
{
	kll__feed *f;
	kll_status st;

	*out = NULL;
	*csv = NULL;
	if ((f = kll__calloc(1, sizeof(*f))) == NULL)
		return kll__nomem(err);
	f->src = -1;
	if ((f->name = kll__strdup(kll__display_name(path))) == NULL) {
		st = kll__nomem(err);
		goto out;
	}
	if ((st = open_src(f, path, err)) != KLL_OK ||
	    (st = kll__dec_new(&f->dec, f->src, path, encoding, flags, err)) !=
	        KLL_OK ||
	    (st = kll__csv_open_fn(csv, f->name, feed_read, f, opts, err)) !=
	        KLL_OK)
		goto out;
	*out = f;
	f = NULL;
out:
	if (f != NULL)
		feed_free(f);
	return st;
}

const char *
kll__feed_encoding(const kll__feed *f)
{
	return kll__dec_encoding(f->dec);
}

kll_status
kll__feed_end(kll__feed *f, kll_status st, kll_error *err)
{
	if (f == NULL)
		return st;
	if (f->st != KLL_OK &&
	    (st == KLL_OK ||
	        (err != NULL && strcmp(err->file, f->name) == 0 &&
	            (err->line == 0 || err->line >= f->err.line)))) {
		st = f->st;
		if (err != NULL)
			*err = f->err;
	}
	feed_free(f);
	return st;
}
