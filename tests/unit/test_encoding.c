/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test_encoding.c: tables decoded to UTF-8 (lib/encoding.c): the
 * encodings, byte-order marks, bad bytes and their positions, the
 * escapes of bytes let through, and the decoder as the CSV reader's
 * source. */
/* A test, not lib/: it may call malloc() and the like, which
 * internal.h poisons for the library (see there). */
#define KLL__ALLOC_C
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "encoding.h"

/* What decoding s[0..n) from "enc" gives: the text into out (NUL
 * terminated), the status, the error; reads of "chunk" bytes. */
static kll_status
decode(const char *s, size_t n, const char *enc, int flags, size_t chunk,
    kll__buf *out, kll_error *err)
{
	FILE *fp = tmpfile();
	kll__dec *d = NULL;
	kll_status st;
	char buf[70000];
	size_t got;

	assert_non_null(fp);
	assert_int_equal(fwrite(s, 1, n, fp), n);
	fflush(fp);
	rewind(fp);
	memset(err, 0, sizeof(*err));
	out->n = 0;
	st = kll__dec_new(&d, fileno(fp), "t.csv", enc, flags, err);
	while (st == KLL_OK) {
		st = kll__dec_read(d, buf, chunk, &got, err);
		if (st != KLL_OK || got == 0)
			break;
		assert_int_equal(kll__buf_add(out, buf, got), 0);
	}
	assert_int_equal(kll__buf_addc(out, '\0'), 0);
	out->n--;
	kll__dec_free(d);
	fclose(fp);
	return st;
}

#define DECODE(s, enc, flags, out, err)                                        \
	decode(s, sizeof(s) - 1, enc, flags, 64, out, err)

static void
test_check(void **state)
{
	kll_error err;

	(void)state;
	assert_int_equal(kll_encoding_check(NULL, &err), KLL_OK);
	assert_int_equal(kll_encoding_check("utf-16", &err), KLL_OK);
	assert_int_equal(kll_encoding_check("UTF_32", &err), KLL_OK);
	assert_int_equal(kll_encoding_check("windows-1252", &err), KLL_OK);
	assert_int_equal(kll_encoding_check("ISO-8859-1", &err), KLL_OK);
	assert_int_equal(kll_encoding_check("latin1", &err), KLL_OK);
	assert_int_equal(kll_encoding_check("no-such", &err), KLL_EARG);
	assert_non_null(strstr(err.msg, "'no-such'"));
	assert_int_equal(kll_encoding_check("", &err), KLL_EARG);
	kll__dec_free(NULL);
}

static void
test_utf8(void **state)
{
	kll__buf out = { NULL, 0, 0 };
	kll_error err;

	(void)state;
	assert_int_equal(
	    DECODE("a,\xc3\xa5\n\xef\xbb\xbf", NULL, 0, &out, &err), KLL_OK);
	assert_string_equal(out.p, "a,\xc3\xa5\n\xef\xbb\xbf");
	/* A UTF-8 mark at the start goes. */
	assert_int_equal(
	    DECODE("\xef\xbb\xbf" "a\n", "utf8", 0, &out, &err), KLL_OK);
	assert_string_equal(out.p, "a\n");
	kll__buf_free(&out);
}

static void
test_utf8_bad(void **state)
{
	kll__buf out = { NULL, 0, 0 };
	kll_error err;

	(void)state;
	/* Text before the bad byte comes out; the byte is at 2:3. */
	assert_int_equal(DECODE("ab\nc\xc3\xa5\xe4x", NULL, 0, &out, &err),
	    KLL_EENCODING);
	assert_string_equal(out.p, "ab\nc\xc3\xa5");
	assert_string_equal(err.file, "t.csv");
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 3);
	assert_string_equal(err.rule, "encoding-invalid");
	assert_string_equal(err.msg, "byte 0xe4 is not valid UTF-8");
	/* No character of several bytes anywhere: Windows-1252. */
	assert_int_equal(
	    DECODE("x\ny\xe4z\n", NULL, 0, &out, &err), KLL_EENCODING);
	assert_non_null(strstr(err.msg, "--encoding=windows-1252"));
	assert_int_equal(err.line, 2);
	/* Overlong forms, surrogates and a cut character are bad. */
	assert_int_equal(DECODE("\xc0\xaf", NULL, 0, &out, &err),
	    KLL_EENCODING);
	assert_int_equal(DECODE("a\xed\xa0\x80", NULL, 0, &out, &err),
	    KLL_EENCODING);
	assert_int_equal(err.col, 2);
	assert_int_equal(DECODE("ab\xc3", NULL, 0, &out, &err),
	    KLL_EENCODING);
	assert_int_equal(err.col, 3);
	/* A NUL byte is never text. */
	assert_int_equal(DECODE("a,b\nc\0d", NULL, 0, &out, &err),
	    KLL_EENCODING);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 2);
	assert_non_null(strstr(err.msg, "NUL"));
	kll__buf_free(&out);
}

static void
test_pass(void **state)
{
	kll__buf out = { NULL, 0, 0 };
	kll_error err;
	size_t at;

	(void)state;
	assert_int_equal(
	    DECODE("a\xe4z", NULL, KLL__DEC_PASS, &out, &err), KLL_OK);
	assert_int_equal(out.n, 1 + KLL__ESC_LEN + 1);
	at = kll__esc_find(out.p, out.n);
	assert_int_equal(at, 1);
	assert_true(KLL__IS_ESC(out.p + at));
	assert_int_equal(KLL__ESC_BYTE(out.p + at), 0xe4);
	assert_int_equal(kll__esc_find("abc", 3), 3);
	/* A character that reads as an escape passes as four. */
	assert_int_equal(DECODE("\xf4\x8f\xbf\xbf", NULL, KLL__DEC_PASS,
	                     &out, &err),
	    KLL_OK);
	assert_int_equal(out.n, 4 * KLL__ESC_LEN);
	assert_int_equal(KLL__ESC_BYTE(out.p), 0xf4);
	assert_int_equal(KLL__ESC_BYTE(out.p + 4), 0x8f);
	assert_int_equal(KLL__ESC_BYTE(out.p + 8), 0xbf);
	assert_int_equal(KLL__ESC_BYTE(out.p + 12), 0xbf);
	/* Every high byte survives the escape. */
	assert_int_equal(DECODE("\x80\xbf\xc0\xff", "windows-1252",
	                     KLL__DEC_PASS, &out, &err),
	    KLL_OK);
	assert_int_equal(
	    DECODE("\x81\x8d", "cp1252", KLL__DEC_PASS, &out, &err), KLL_OK);
	assert_int_equal(KLL__ESC_BYTE(out.p), 0x81);
	assert_int_equal(KLL__ESC_BYTE(out.p + 4), 0x8d);
	kll__buf_free(&out);
}

static void
test_single_byte(void **state)
{
	kll__buf out = { NULL, 0, 0 };
	kll__dec *d = NULL;
	kll_error err;

	(void)state;
	assert_int_equal(DECODE("\x80 \x96 \xe5\xe4\xf6\n", "windows-1252", 0,
	                     &out, &err),
	    KLL_OK);
	assert_string_equal(out.p,
	    "\xe2\x82\xac \xe2\x80\x93 \xc3\xa5\xc3\xa4\xc3\xb6\n");
	assert_int_equal(
	    DECODE("\x80\xe5", "iso-8859-1", 0, &out, &err), KLL_OK);
	assert_string_equal(out.p, "\xc2\x80\xc3\xa5");
	assert_int_equal(DECODE("a\n\xe5\x81", "windows-1252", 0, &out, &err),
	    KLL_EENCODING);
	assert_string_equal(out.p, "a\n\xc3\xa5");
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 2);
	assert_string_equal(err.msg, "byte 0x81 is not valid windows-1252");
	assert_int_equal(kll__dec_new(&d, 0, "x", "nope", 0, &err), KLL_EARG);
	assert_null(d);
	kll__buf_free(&out);
}

static void
test_utf16(void **state)
{
	kll__buf out = { NULL, 0, 0 };
	kll_error err;

	(void)state;
	/* A mark decides when no encoding is given. */
	assert_int_equal(DECODE("\xff\xfe" "a\0\xe5\0\n\0", NULL, 0, &out,
	                     &err),
	    KLL_OK);
	assert_string_equal(out.p, "a\xc3\xa5\n");
	assert_int_equal(DECODE("\xfe\xff\0a\0\xe5", "utf-16", 0, &out, &err),
	    KLL_OK);
	assert_string_equal(out.p, "a\xc3\xa5");
	assert_int_equal(DECODE("\0a\0b", "UTF-16BE", 0, &out, &err), KLL_OK);
	assert_string_equal(out.p, "ab");
	assert_int_equal(DECODE("\xff\xfe\0\0a\0\0\0", NULL, 0, &out, &err),
	    KLL_OK);
	assert_string_equal(out.p, "a");
	/* Without one: named, not guessed. */
	assert_int_equal(DECODE("a\0b\0c\0d\0", NULL, 0, &out, &err),
	    KLL_EENCODING);
	assert_string_equal(err.rule, "encoding-utf16");
	assert_int_equal(err.line, 1);
	assert_non_null(strstr(err.msg, "--encoding=utf-16le"));
	assert_int_equal(DECODE("\0a\0b\0c\0d", NULL, 0, &out, &err),
	    KLL_EENCODING);
	assert_non_null(strstr(err.msg, "--encoding=utf-16be"));
	assert_int_equal(DECODE("a\0b\0", "utf-16", 0, &out, &err),
	    KLL_EENCODING);
	assert_string_equal(err.rule, "encoding-bom");
	/* A mark at odds with the encoding given. */
	assert_int_equal(DECODE("\xff\xfe" "a\0", "windows-1252", 0, &out,
	                     &err),
	    KLL_EENCODING);
	assert_string_equal(err.rule, "encoding-bom");
	assert_int_equal(DECODE("\xff\xfe" "a\0", "utf-16be", 0, &out, &err),
	    KLL_EENCODING);
	/* A lone surrogate, and a text cut inside a character. */
	assert_int_equal(DECODE("\xff\xfe" "a\0\n\0\x00\xdc", NULL, 0, &out,
	                     &err),
	    KLL_EENCODING);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 1);
	assert_string_equal(err.msg, "bytes 0x00 0xdc are not valid UTF-16LE");
	assert_int_equal(DECODE("\xff\xfe" "a\0b", NULL, 0, &out, &err),
	    KLL_EENCODING);
	assert_int_equal(err.col, 2);
	/* U+0000 is no text either. */
	assert_int_equal(DECODE("\xff\xfe" "a\0\0\0", NULL, 0, &out, &err),
	    KLL_EENCODING);
	kll__buf_free(&out);
}

/* A long text whose characters straddle every read and write boundary,
 * in small and large reads. */
static void
test_long(void **state)
{
	kll__buf in = { NULL, 0, 0 }, out = { NULL, 0, 0 };
	kll_error err;
	size_t i;

	(void)state;
	for (i = 0; i < 40000; i++)
		assert_int_equal(kll__buf_adds(&in, i % 7 ? "\xc3\xa5" : "a\n"),
		    0);
	assert_int_equal(kll__buf_adds(&in, "\xe4"), 0);
	assert_int_equal(
	    decode(in.p, in.n - 1, NULL, 0, 64, &out, &err), KLL_OK);
	assert_int_equal(out.n, in.n - 1);
	assert_memory_equal(out.p, in.p, out.n);
	assert_int_equal(
	    decode(in.p, in.n, NULL, 0, 65536, &out, &err), KLL_EENCODING);
	assert_int_equal(err.line, 40000 / 7 + 2);
	assert_int_equal(out.n, in.n - 1);
	kll__buf_free(&in);
	kll__buf_free(&out);
}

static kll__feed *
feed_file(const char *s, size_t n, const char *enc, kll_csv **c)
{
	static char path[64];
	kll__feed *f = NULL;
	kll_error err;
	FILE *fp;

	snprintf(path, sizeof(path), "/tmp/kll-test-enc-%ld.csv",
	    (long)getpid());
	fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(s, 1, n, fp), n);
	fclose(fp);
	assert_int_equal(
	    kll__feed_open(c, &f, path, enc, 0, NULL, &err), KLL_OK);
	remove(path);
	return f;
}

static void
test_feed(void **state)
{
	const char s[] = "code,label\n1,\xe5sa\n2,b\xf6k\n3,\x81\n";
	kll__feed *f;
	kll_csv *c = NULL;
	kll_error err;
	kll_status st;
	size_t nf;

	(void)state;
	f = feed_file(s, sizeof(s) - 1, "windows-1252", &c);
	assert_string_equal(kll__feed_encoding(f), "windows-1252");
	while ((st = kll_csv_next(c, &nf, &err)) == KLL_OK && nf > 0)
		if (kll_csv_line(c) == 2)
			assert_string_equal(
			    kll_csv_field(c, 1, NULL), "\xc3\xa5sa");
	assert_int_not_equal(st, KLL_OK);
	kll_csv_free(c);
	/* The reader saw a NUL; the decoder's error takes its place. */
	st = kll__feed_end(f, st, &err);
	assert_int_equal(st, KLL_EENCODING);
	assert_int_equal(err.line, 4);
	assert_int_equal(err.col, 3);
	assert_string_equal(err.rule, "encoding-invalid");
	assert_non_null(strstr(err.file, "kll-test-enc-"));
	assert_int_equal(kll__feed_end(NULL, KLL_OK, &err), KLL_OK);
}

/* A reader that stops early leaves the rest unread. */
static void
test_feed_stop(void **state)
{
	kll__buf in = { NULL, 0, 0 };
	kll__feed *f;
	kll_csv *c = NULL;
	kll_error err;
	size_t nf, i;

	(void)state;
	for (i = 0; i < 100000; i++)
		assert_int_equal(kll__buf_adds(&in, "a,b,c,d\n"), 0);
	f = feed_file(in.p, in.n, NULL, &c);
	assert_int_equal(kll_csv_next(c, &nf, &err), KLL_OK);
	assert_int_equal(nf, 4);
	kll_csv_free(c);
	assert_int_equal(kll__feed_end(f, KLL_OK, &err), KLL_OK);
	assert_int_equal(kll__feed_open(&c, &f, "/no/such/file", NULL, 0, NULL,
	                     &err), KLL_EIO);
	assert_null(f);
	assert_null(c);
	kll__buf_free(&in);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_utf8_bad),
		cmocka_unit_test(test_pass),
		cmocka_unit_test(test_single_byte),
		cmocka_unit_test(test_utf16),
		cmocka_unit_test(test_long),
		cmocka_unit_test(test_feed),
		cmocka_unit_test(test_feed_stop),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
