/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* edit_fixture.h: what the tests of the key-editing modules share: keys
 * read from tests/data/edit with their findings collected, and a key's
 * canonical text.  Included after cmocka.h and kll.h. */
#ifndef KLL_EDIT_FIXTURE_H
#define KLL_EDIT_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXD 16

struct diags {
	size_t n;
	kll_error d[MAXD];
};

static inline void
collect(void *payload, const kll_error *d)
{
	struct diags *c = payload;

	if (c->n < MAXD)
		c->d[c->n] = *d;
	c->n++;
}

/* A key read from "path"; findings of the reader go to c (may be NULL). */
static inline kll_mapset *
key_at(const char *path, struct diags *c)
{
	kll_sssom_opts o = KLL_SSSOM_OPTS_INIT;
	struct diags none;
	kll_mapset *m = NULL;
	kll_error err;

	memset(&none, 0, sizeof(none));
	o.diag = collect;
	o.payload = c ? c : &none;
	if (kll_mapset_read(&m, path, &o, &err) != KLL_OK)
		fail_msg("%s:%u: %s", err.file, err.line, err.msg);
	return m;
}

/* The canonical text of m, in a buffer the caller frees. */
static inline char *
text_of(const kll_mapset *m)
{
	FILE *fp = tmpfile();
	kll_error err;
	char *buf;
	long n;

	assert_non_null(fp);
	assert_int_equal(kll_mapset_write(m, fp, &err), KLL_OK);
	n = ftell(fp);
	rewind(fp);
	buf = calloc(1, (size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	return buf;
}

#endif
