/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* json.h: a strict JSON (RFC 8259) reader into a tree that keeps where
 * each value starts, for the readers of SSSOM/JSON and JSKOS; and the
 * JSON pointer of a value, for messages.  Not installed. */
#ifndef KLL_JSON_H
#define KLL_JSON_H

#include "internal.h"

typedef enum kll__jtype {
	KLL__J_NULL = 0,
	KLL__J_FALSE,
	KLL__J_TRUE,
	KLL__J_NUMBER,
	KLL__J_STRING,
	KLL__J_ARRAY,
	KLL__J_OBJECT
} kll__jtype;

/* One value.  A string's text (no NUL inside: \u0000 is refused) and a
 * number's text as written are in s; an array's elements and an
 * object's members are the list from child, each with the member's
 * name in key.  Everything lives in the arena given to the parser. */
typedef struct kll__json {
	kll__jtype type;
	unsigned line, col; /* where it starts; col in bytes, 1-based */
	const char *s;
	const char *key;
	struct kll__json *child, *next, *parent;
	size_t n;     /* elements or members */
	size_t index; /* in its parent */
} kll__json;

/* Parse text[0..n) (one JSON value with white space around it) into
 * *out, the first line counted as "line0" for messages about "file".
 * Refused, KLL_ESYNTAX with the line and column and the rule
 * json-syntax: what RFC 8259 does not allow (comments, trailing commas,
 * single quotes, NaN, control characters in strings, lone surrogates),
 * text that is not UTF-8, a name twice in one object, nesting deeper
 * than KLL__JSON_DEPTH.  Errors: KLL_ESYNTAX, KLL_ENOMEM. */
#define KLL__JSON_DEPTH 64
kll_status kll__json_parse(kll__json **out, kll__arena *a, const char *text,
    size_t n, const char *file, unsigned line0, kll_error *err);

/* The member "key" of object o, or NULL. */
const kll__json *kll__json_get(const kll__json *o, const char *key);

/* The JSON pointer of v ("/mappings/3/subject_id") into buf. */
void kll__json_pointer(const kll__json *v, char *buf, size_t size);

/* The name of a type, for messages: "a string", "an object". */
const char *kll__json_type_name(kll__jtype t);

#endif
