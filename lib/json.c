/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* json.c: a strict JSON reader (RFC 8259) into a tree of values that
 * keep their line and column, and JSON pointers for messages.  Small on
 * purpose: the keys are data, so it refuses what the RFC does not allow
 * instead of guessing. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

typedef struct jp {
	const char *p, *end, *bol;
	unsigned line;
	const char *file;
	kll__arena *a;
	kll_error *err;
	kll_status st;
	kll__buf b;
	unsigned depth;
} jp;

static void fail(jp *j, const char *at, const char *fmt, ...) KLL__PRINTF(3, 4);

static void
fail(jp *j, const char *at, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	if (j->st != KLL_OK)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	j->st = kll__error_set(j->err, KLL_ESYNTAX, j->file, j->line,
	    (unsigned)(at - j->bol) + 1, "JSON: %s", msg);
	if (j->err != NULL)
		snprintf(
		    j->err->rule, sizeof(j->err->rule), "sssom-json-syntax");
}

static void
nomem(jp *j)
{
	if (j->st == KLL_OK)
		j->st = kll__nomem(j->err);
}

static void
skip_ws(jp *j)
{
	while (j->p < j->end) {
		if (*j->p == '\n') {
			j->line++;
			j->bol = j->p + 1;
		} else if (*j->p != ' ' && *j->p != '\t' && *j->p != '\r')
			return;
		j->p++;
	}
}

static kll__json *
node(jp *j, kll__jtype t)
{
	kll__json *v = kll__arena_alloc(j->a, sizeof(*v));

	if (v == NULL) {
		nomem(j);
		return NULL;
	}
	memset(v, 0, sizeof(*v));
	v->type = t;
	v->line = j->line;
	v->col = (unsigned)(j->p - j->bol) + 1;
	return v;
}

static int
hex4(const char *p, unsigned *out)
{
	unsigned v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		char c = p[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

static int
put_utf8(kll__buf *b, unsigned c)
{
	char u[4];
	size_t n;

	if (c < 0x80)
		u[0] = (char)c, n = 1;
	else if (c < 0x800)
		u[0] = (char)(0xc0 | c >> 6), u[1] = (char)(0x80 | (c & 0x3f)),
		n = 2;
	else if (c < 0x10000)
		u[0] = (char)(0xe0 | c >> 12),
		u[1] = (char)(0x80 | ((c >> 6) & 0x3f)),
		u[2] = (char)(0x80 | (c & 0x3f)), n = 3;
	else
		u[0] = (char)(0xf0 | c >> 18),
		u[1] = (char)(0x80 | ((c >> 12) & 0x3f)),
		u[2] = (char)(0x80 | ((c >> 6) & 0x3f)),
		u[3] = (char)(0x80 | (c & 0x3f)), n = 4;
	return kll__buf_add(b, u, n);
}

/* A \u escape at j->p (after the backslash and 'u'), a surrogate pair
 * taken whole. */
static int
unicode_escape(jp *j, const char *esc)
{
	unsigned c, lo;

	if (j->end - j->p < 4 || hex4(j->p, &c) < 0) {
		fail(j, esc, "bad \\u escape");
		return -1;
	}
	j->p += 4;
	if (c >= 0xdc00 && c <= 0xdfff) {
		fail(j, esc, "lone low surrogate");
		return -1;
	}
	if (c >= 0xd800 && c <= 0xdbff) {
		if (j->end - j->p < 6 || j->p[0] != '\\' || j->p[1] != 'u' ||
		    hex4(j->p + 2, &lo) < 0 || lo < 0xdc00 || lo > 0xdfff) {
			fail(j, esc, "lone high surrogate");
			return -1;
		}
		j->p += 6;
		c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
	}
	if (c == 0) {
		fail(j, esc, "\\u0000 is not taken");
		return -1;
	}
	if (put_utf8(&j->b, c) < 0) {
		nomem(j);
		return -1;
	}
	return 0;
}

static int
escape(jp *j)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *esc = j->p - 1, *k;

	if (j->p >= j->end) {
		fail(j, esc, "unterminated string");
		return -1;
	}
	if (*j->p == 'u') {
		j->p++;
		return unicode_escape(j, esc);
	}
	if ((k = strchr(from, *j->p)) == NULL || *j->p == '\0') {
		fail(j, esc, "bad escape '\\%c'", *j->p);
		return -1;
	}
	j->p++;
	if (kll__buf_addc(&j->b, to[k - from]) < 0) {
		nomem(j);
		return -1;
	}
	return 0;
}

/* A string at j->p (the opening quote), its text into the arena. */
static const char *
string(jp *j)
{
	const char *start = j->p++, *run;
	size_t bad;

	j->b.n = 0;
	for (;;) {
		run = j->p;
		while (j->p < j->end && *j->p != '"' && *j->p != '\\' &&
		       (unsigned char)*j->p >= 0x20)
			j->p++;
		if (!kll__utf8_valid(run, (size_t)(j->p - run), &bad)) {
			fail(j, run + bad, "text is not UTF-8");
			return NULL;
		}
		if (kll__buf_add(&j->b, run, (size_t)(j->p - run)) < 0) {
			nomem(j);
			return NULL;
		}
		if (j->p >= j->end) {
			fail(j, start, "unterminated string");
			return NULL;
		}
		if (*j->p == '"')
			break;
		if (*j->p != '\\') {
			fail(j, j->p, "control character in a string");
			return NULL;
		}
		j->p++;
		if (escape(j) < 0)
			return NULL;
	}
	j->p++;
	run = kll__arena_strndup(j->a, j->b.n ? j->b.p : "", j->b.n);
	if (run == NULL)
		nomem(j);
	return run;
}

static int
digits(jp *j)
{
	const char *s = j->p;

	while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
		j->p++;
	return j->p > s;
}

static const char *
number(jp *j)
{
	const char *s = j->p;
	const char *t;

	if (*j->p == '-')
		j->p++;
	if (j->p < j->end && *j->p == '0')
		j->p++;
	else if (!digits(j))
		goto bad;
	if (j->p < j->end && *j->p == '.') {
		j->p++;
		if (!digits(j))
			goto bad;
	}
	if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
		j->p++;
		if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		if (!digits(j))
			goto bad;
	}
	if ((t = kll__arena_strndup(j->a, s, (size_t)(j->p - s))) == NULL)
		nomem(j);
	return t;
bad:
	fail(j, s, "bad number");
	return NULL;
}

static kll__json *value(jp *j);

static int
dup_key(const kll__json *o, const char *key)
{
	const kll__json *c;

	for (c = o->child; c != NULL; c = c->next)
		if (strcmp(c->key, key) == 0)
			return 1;
	return 0;
}

/* The elements or members of a container at j->p (its bracket). */
static kll__json *
container(jp *j, int obj)
{
	kll__json *v = node(j, obj ? KLL__J_OBJECT : KLL__J_ARRAY), *e, **tail;
	const char *key = NULL, *at;
	char close = obj ? '}' : ']';

	if (v == NULL)
		return NULL;
	if (++j->depth > KLL__JSON_DEPTH) {
		fail(j, j->p, "nested deeper than %d", KLL__JSON_DEPTH);
		return NULL;
	}
	tail = &v->child;
	j->p++;
	skip_ws(j);
	if (j->p < j->end && *j->p == close) {
		j->p++;
		j->depth--;
		return v;
	}
	for (;;) {
		skip_ws(j);
		if (obj) {
			at = j->p;
			if (j->p >= j->end || *j->p != '"') {
				fail(j, j->p, "expected a member name");
				return NULL;
			}
			if ((key = string(j)) == NULL)
				return NULL;
			if (dup_key(v, key)) {
				fail(j, at, "member \"%s\" given twice", key);
				return NULL;
			}
			skip_ws(j);
			if (j->p >= j->end || *j->p != ':') {
				fail(j, j->p, "expected ':'");
				return NULL;
			}
			j->p++;
			skip_ws(j);
		}
		if ((e = value(j)) == NULL)
			return NULL;
		e->key = key;
		e->parent = v;
		e->index = v->n++;
		*tail = e;
		tail = &e->next;
		skip_ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			skip_ws(j);
			if (j->p < j->end && *j->p == close) {
				fail(j, j->p, "trailing comma");
				return NULL;
			}
			continue;
		}
		if (j->p < j->end && *j->p == close)
			break;
		fail(j, j->p, "expected ',' or '%c'", close);
		return NULL;
	}
	j->p++;
	j->depth--;
	return v;
}

static kll__json *
literal(jp *j, const char *word, kll__jtype t)
{
	size_t n = strlen(word);
	kll__json *v;

	if ((size_t)(j->end - j->p) < n || memcmp(j->p, word, n) != 0) {
		fail(j, j->p, "unexpected character");
		return NULL;
	}
	if ((v = node(j, t)) != NULL)
		j->p += n;
	return v;
}

static kll__json *
value(jp *j)
{
	kll__json *v;

	skip_ws(j);
	if (j->p >= j->end) {
		fail(j, j->p, "unexpected end of input");
		return NULL;
	}
	switch (*j->p) {
	case '{':
		return container(j, 1);
	case '[':
		return container(j, 0);
	case '"':
		if ((v = node(j, KLL__J_STRING)) != NULL &&
		    (v->s = string(j)) == NULL)
			return NULL;
		return v;
	case 't':
		return literal(j, "true", KLL__J_TRUE);
	case 'f':
		return literal(j, "false", KLL__J_FALSE);
	case 'n':
		return literal(j, "null", KLL__J_NULL);
	default:
		if (*j->p == '-' || (*j->p >= '0' && *j->p <= '9')) {
			if ((v = node(j, KLL__J_NUMBER)) != NULL &&
			    (v->s = number(j)) == NULL)
				return NULL;
			return v;
		}
		fail(j, j->p, "unexpected character");
		return NULL;
	}
}

kll_status
kll__json_parse(kll__json **out, kll__arena *a, const char *text, size_t n,
    const char *file, unsigned line0, kll_error *err)
{
	kll__json *v;
	jp j;

	*out = NULL;
	memset(&j, 0, sizeof(j));
	j.p = j.bol = text;
	j.end = text + n;
	j.line = line0 ? line0 : 1;
	j.file = file;
	j.a = a;
	j.err = err;
	if (n >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		j.p += 3, j.bol += 3;
	v = value(&j);
	if (v != NULL) {
		skip_ws(&j);
		if (j.p < j.end)
			fail(&j, j.p, "text after the value");
	}
	kll__buf_free(&j.b);
	if (j.st == KLL_OK)
		*out = v;
	return j.st;
}

const kll__json *
kll__json_get(const kll__json *o, const char *key)
{
	const kll__json *c;

	if (o == NULL || o->type != KLL__J_OBJECT)
		return NULL;
	for (c = o->child; c != NULL; c = c->next)
		if (strcmp(c->key, key) == 0)
			return c;
	return NULL;
}

/* One step of a pointer, '~' and '/' escaped as RFC 6901 says. */
static size_t
step(const kll__json *v, char *buf, size_t size)
{
	size_t n = 0;
	const char *k;

	if (v->parent == NULL)
		return 0;
	n = step(v->parent, buf, size);
	if (n + 1 < size)
		buf[n++] = '/';
	if (v->parent->type == KLL__J_ARRAY) {
		int w = snprintf(buf + n, size - n, "%zu", v->index);
		n += w > 0 ? (size_t)w : 0;
		return n < size ? n : size - 1;
	}
	for (k = v->key; *k && n + 2 < size; k++) {
		if (*k == '~' || *k == '/') {
			buf[n++] = '~';
			buf[n++] = *k == '~' ? '0' : '1';
		} else
			buf[n++] = *k;
	}
	return n;
}

void
kll__json_pointer(const kll__json *v, char *buf, size_t size)
{
	size_t n;

	if (size == 0)
		return;
	n = v != NULL ? step(v, buf, size) : 0;
	buf[n < size ? n : size - 1] = '\0';
}

const char *
kll__json_type_name(kll__jtype t)
{
	static const char *const names[] = { "null", "false", "true",
		"a number", "a string", "an array", "an object" };

	return names[t];
}
