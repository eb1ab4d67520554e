/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* encoding.h: tables in any encoding iconv knows, decoded to UTF-8 on
 * the way to the CSV reader (encoding.c), and what the importers of
 * tables share (table_read.c). */
#ifndef KLL_ENCODING_H
#define KLL_ENCODING_H

#include "internal.h"

/* A byte the input's encoding does not allow passes, with KLL__DEC_PASS,
 * as the private-use character U+10FF00 + byte (UTF-8 F4 8F BE|BF xx);
 * a character of that range in the input passes as four such escapes,
 * so that the bytes of the input come back exactly (KLL__ESC_BYTE).
 * Without the flag such a byte is an error. */
enum { KLL__DEC_PASS = 1 };
#define KLL__ESC_LEN 4

/* Whether s (4 bytes readable) starts an escape, and the byte it is. */
#define KLL__IS_ESC(s)                                                        \
	((unsigned char)(s)[0] == 0xf4 && (unsigned char)(s)[1] == 0x8f &&      \
	    ((unsigned char)(s)[2] & 0xfe) == 0xbe)
#define KLL__ESC_BYTE(s)                                                      \
	((unsigned char)((((unsigned char)(s)[2] & 1) ? 0xc0 : 0x80) |          \
	    ((unsigned char)(s)[3] & 0x3f)))

/* The offset of the first escape in s[0..n), or n when there is none. */
size_t kll__esc_find(const char *s, size_t n);

/* The decoder: the bytes of file descriptor "fd" ("name" in messages) in
 * "encoding" (NULL: UTF-8, unless a byte-order mark says UTF-16 or
 * UTF-32) as UTF-8.  It reads the first bytes at once: a byte-order mark
 * at odds with the encoding, or a UTF-16 text without one, fails here
 * (KLL_EENCODING, rules encoding-bom and encoding-utf16); an unknown
 * encoding fails with KLL_EARG.  The caller keeps fd. */
typedef struct kll__dec kll__dec;
kll_status kll__dec_new(kll__dec **out, int fd, const char *name,
    const char *encoding, int flags, kll_error *err);
/* Up to "size" (at least 64) bytes of UTF-8 into buf; *n is 0 at the
 * end.  Text before a bad byte comes out first; the next call fails
 * (KLL_EENCODING, rule encoding-invalid, its line and column counted
 * in characters; KLL_EIO). */
kll_status kll__dec_read(
    kll__dec *d, char *buf, size_t size, size_t *n, kll_error *err);
/* The encoding read, as messages name it ("UTF-8", "windows-1252"). */
const char *kll__dec_encoding(const kll__dec *d);
void kll__dec_free(kll__dec *d);

/* A table decoded on the fly: *csv reads "path" ("-": stdin) through
 * its decoder.  A decoding error stops the text with a NUL byte, which
 * the reader refuses; kll__feed_end() then puts the decoder's error in
 * its place.  The errors of kll__dec_new(), KLL_EIO, KLL_ENOMEM. */
typedef struct kll__feed kll__feed;
kll_status kll__feed_open(kll_csv **csv, kll__feed **out, const char *path,
    const char *encoding, int flags, const kll_csv_opts *opts,
    kll_error *err);
const char *kll__feed_encoding(const kll__feed *f);
/* Free f once its reader is freed.  "st" and err are how reading ended:
 * the decoder's error replaces the reader's when it comes first (or the
 * reader saw none).  Returns the status that stands. */
kll_status kll__feed_end(kll__feed *f, kll_status st, kll_error *err);

/* table_read.c: a table read whole, as kll__csv_each() reads it,
 * decoded from "encoding": the importers' reader. */
kll_status kll__table_each(const char *path, const char *name, char sep,
    const char *encoding,
    kll_status (*header)(void *ctx, kll_csv *c, size_t nf),
    kll_status (*row)(void *ctx, kll_csv *c, size_t nf), void *ctx,
    kll_error *err);

/* table_read.c: a header read as one column that holds another
 * separator: a problem "rule" at its line, and KLL_EINVALID. */
kll_status kll__table_wrong_sep(kll__problems *pr, const char *name,
    kll_csv *c, size_t nf, const char *rule);

#endif
