/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fuzz.c: scratch files and invariant checks for the fuzz targets. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"

#define MAX_FILES 8

static char dir[4096];
static char *files[MAX_FILES];

static void
cleanup(void)
{
	size_t i;

	for (i = 0; i < MAX_FILES && files[i] != NULL; i++) {
		unlink(files[i]);
		free(files[i]);
		files[i] = NULL;
	}
	if (dir[0] != '\0')
		rmdir(dir);
	dir[0] = '\0';
}

void
fuzz_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%d: invariant broken: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

static const char *
remember(const char *name)
{
	size_t i, n = strlen(dir) + strlen(name) + 2;

	for (i = 0; i < MAX_FILES && files[i] != NULL; i++)
		if (strcmp(strrchr(files[i], '/') + 1, name) == 0)
			return files[i];
	FUZZ_ASSERT(i < MAX_FILES, "too many scratch files");
	FUZZ_ASSERT((files[i] = malloc(n)) != NULL, "out of memory");
	snprintf(files[i], n, "%s/%s", dir, name);
	return files[i];
}

const char *
fuzz_file(const char *name, const void *data, size_t size)
{
	const char *tmp, *path;
	FILE *fp;

	if (dir[0] == '\0') {
		if ((tmp = getenv("TMPDIR")) == NULL || *tmp == '\0')
			tmp = "/tmp";
		snprintf(dir, sizeof(dir), "%s/kll-fuzz-XXXXXX", tmp);
		FUZZ_ASSERT(mkdtemp(dir) != NULL, "cannot make %s", dir);
		atexit(cleanup);
	}
	path = remember(name);
	FUZZ_ASSERT((fp = fopen(path, "wb")) != NULL, "cannot write %s", path);
	FUZZ_ASSERT(size == 0 || fwrite(data, 1, size, fp) == size,
	    "cannot write %s", path);
	FUZZ_ASSERT(fclose(fp) == 0, "cannot write %s", path);
	return path;
}

void
fuzz_check_error(const kll_error *err, kll_status st)
{
	FUZZ_ASSERT(err->code == st, "returned %d, error says %d", (int)st,
	    (int)err->code);
	FUZZ_ASSERT(memchr(err->msg, '\0', sizeof(err->msg)) != NULL &&
	                memchr(err->file, '\0', sizeof(err->file)) != NULL &&
	                memchr(err->rule, '\0', sizeof(err->rule)) != NULL,
	    "unterminated string in an error");
	FUZZ_ASSERT(err->msg[0] != '\0', "empty message (code %d)", (int)st);
	FUZZ_ASSERT((int)err->severity >= KLL_SEV_INFO &&
	                err->severity <= KLL_SEV_ERROR,
	    "bad severity");
}

void
fuzz_count_diag(void *payload, const kll_error *d)
{
	FUZZ_ASSERT(d->code != KLL_OK, "a finding with code KLL_OK");
	fuzz_check_error(d, d->code);
	++*(size_t *)payload;
}

/* ------------------------------------------------------------------ */
/* Vocabularies                                                         */

static int
has(const kll_concept *const *list, size_t n, const kll_concept *c)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (list[i] == c)
			return 1;
	return 0;
}

/* The index agrees with itself: positions, hashes, both directions of
 * the hierarchy. */
static void
check_concept(const kll_vocab *v, size_t i)
{
	const kll_concept *c = kll_vocab_at(v, i), *b, *f;
	const kll_concept *up[64], *down[64];
	size_t k, nb, nn;
	const char *nota;
	char loose[300];

	FUZZ_ASSERT(c != NULL && kll_concept_index(c) == i, "index %zu", i);
	FUZZ_ASSERT(kll_vocab_find_iri(v, kll_concept_iri(c)) == c,
	    "IRI %s not found", kll_concept_iri(c));
	nota = kll_concept_notation(c);
	if (*nota != '\0') {
		f = kll_vocab_find(v, nota);
		FUZZ_ASSERT(
		    f != NULL && strcmp(kll_concept_notation(f), nota) == 0,
		    "notation '%s' not found", nota);
		FUZZ_ASSERT(
		    kll_vocab_find_loose(v, nota) == f, "loose '%s'", nota);
		FUZZ_ASSERT(
		    kll_concept_nnotations(c) >= 1 &&
		        strcmp(kll_concept_notation_at(c, 0), nota) == 0,
		    "first notation");
		/* Dropped punctuation and zeros must not hurt. */
		snprintf(loose, sizeof(loose), "%s", nota + strspn(nota, "0"));
		(void)kll_vocab_find_loose(v, loose);
		snprintf(loose, sizeof(loose), "-%s.", nota);
		(void)kll_vocab_find_loose(v, loose);
	}
	FUZZ_ASSERT(kll_concept_level(c) >= 0 && kll_concept_level(c) <= 64,
	    "level %d", kll_concept_level(c));
	for (k = 0; k < kll_concept_nlabels(c); k++) {
		const kll_label *l = kll_concept_label_at(c, k);
		FUZZ_ASSERT(l != NULL && l->text != NULL && l->lang != NULL,
		    "label %zu", k);
	}
	nb = kll_concept_nbroader(c);
	nn = kll_concept_nnarrower(c);
	for (k = 0; k < nb; k++) {
		b = kll_concept_broader(c, k);
		FUZZ_ASSERT(
		    b != NULL && kll_vocab_at(v, kll_concept_index(b)) == b,
		    "broader %zu", k);
		if (k < 64)
			up[k] = b;
	}
	for (k = 0; k < nn; k++) {
		b = kll_concept_narrower(c, k);
		FUZZ_ASSERT(
		    b != NULL && kll_vocab_at(v, kll_concept_index(b)) == b,
		    "narrower %zu", k);
		if (k < 64)
			down[k] = b;
	}
	/* Each link is seen from both ends. */
	for (k = 0; k < nb && k < 64; k++) {
		size_t m, n2 = kll_concept_nnarrower(up[k]);
		const kll_concept *list[64];
		for (m = 0; m < n2 && m < 64; m++)
			list[m] = kll_concept_narrower(up[k], m);
		FUZZ_ASSERT(n2 > 64 || has(list, n2, c),
		    "%s is broader than %s, which is not its narrower",
		    kll_concept_iri(up[k]), kll_concept_iri(c));
	}
	(void)down;
	for (k = 0; k < kll_concept_nexternal(c); k++)
		FUZZ_ASSERT(kll_concept_external(c, k) != NULL, "external");
	for (k = 0; k < kll_concept_nreplaced(c); k++)
		FUZZ_ASSERT(kll_concept_replaced(c, k) != NULL, "replaced");
	FUZZ_ASSERT(kll_concept_broader(c, nb) == NULL &&
	                kll_concept_narrower(c, nn) == NULL &&
	                kll_concept_label_at(c, kll_concept_nlabels(c)) == NULL,
	    "past the end");
}

static int
same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	       (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Two loads of the same file agree on everything the index shows. */
static void
compare_concepts(const kll_concept *a, const kll_concept *b)
{
	const char *iri = kll_concept_iri(a);
	size_t k;

	FUZZ_ASSERT(
	    strcmp(iri, kll_concept_iri(b)) == 0 &&
	        strcmp(kll_concept_notation(a), kll_concept_notation(b)) == 0 &&
	        kll_concept_level(a) == kll_concept_level(b) &&
	        kll_concept_is_top(a) == kll_concept_is_top(b) &&
	        kll_concept_deprecated(a) == kll_concept_deprecated(b),
	    "%s: notation, level, top or deprecation differ", iri);
	FUZZ_ASSERT(kll_concept_nnotations(a) == kll_concept_nnotations(b) &&
	                kll_concept_nlabels(a) == kll_concept_nlabels(b) &&
	                kll_concept_nbroader(a) == kll_concept_nbroader(b) &&
	                kll_concept_nnarrower(a) == kll_concept_nnarrower(b) &&
	                kll_concept_nexternal(a) == kll_concept_nexternal(b) &&
	                kll_concept_nreplaced(a) == kll_concept_nreplaced(b),
	    "%s: counts of notations, labels or links differ", iri);
	for (k = 0; k < kll_concept_nnotations(a); k++)
		FUZZ_ASSERT(same(kll_concept_notation_at(a, k),
		                kll_concept_notation_at(b, k)),
		    "%s: notation %zu", iri, k);
	for (k = 0; k < kll_concept_nlabels(a); k++) {
		const kll_label *x = kll_concept_label_at(a, k);
		const kll_label *y = kll_concept_label_at(b, k);
		FUZZ_ASSERT(x->kind == y->kind && same(x->lang, y->lang) &&
		                same(x->text, y->text),
		    "%s: label %zu: '%s'@%s, '%s'@%s", iri, k, x->text, x->lang,
		    y->text, y->lang);
	}
	for (k = 0; k < kll_concept_nbroader(a); k++)
		FUZZ_ASSERT(kll_concept_index(kll_concept_broader(a, k)) ==
		                kll_concept_index(kll_concept_broader(b, k)),
		    "%s: broader %zu", iri, k);
	for (k = 0; k < kll_concept_nnarrower(a); k++)
		FUZZ_ASSERT(kll_concept_index(kll_concept_narrower(a, k)) ==
		                kll_concept_index(kll_concept_narrower(b, k)),
		    "%s: narrower %zu", iri, k);
	for (k = 0; k < kll_concept_nexternal(a); k++)
		FUZZ_ASSERT(same(kll_concept_external(a, k),
		                kll_concept_external(b, k)),
		    "%s: external %zu", iri, k);
	for (k = 0; k < kll_concept_nreplaced(a); k++)
		FUZZ_ASSERT(same(kll_concept_replaced(a, k),
		                kll_concept_replaced(b, k)),
		    "%s: replaced %zu", iri, k);
}

/* serd reads Turtle; raptor reads the same file as TriG, of which Turtle
 * is a part.  The two do not refuse the same things (serd is strict), but
 * where both read the file they must make the same vocabulary. */
void
fuzz_compare_with_raptor(const char *path, const kll_load_opts *lo,
    const kll_vocab *v, kll_status st)
{
	kll_load_opts o = KLL_LOAD_OPTS_INIT;
	kll_vocab *r = NULL;
	kll_error err;
	kll_status rst;
	size_t i;
	int d;

	if (lo != NULL)
		o = *lo;
	o.syntax = "trig";
	rst = kll_vocab_load(&r, path, &o, &err);
	if (st != KLL_OK || rst != KLL_OK) {
		kll_vocab_free(r);
		return;
	}
	FUZZ_ASSERT(kll_vocab_count(v) == kll_vocab_count(r),
	    "%zu concepts from the file, %zu from raptor", kll_vocab_count(v),
	    kll_vocab_count(r));
	FUZZ_ASSERT(
	    strcmp(kll_vocab_iri(v), kll_vocab_iri(r)) == 0 &&
	        strcmp(kll_vocab_version(v), kll_vocab_version(r)) == 0 &&
	        strcmp(kll_vocab_title(v, NULL), kll_vocab_title(r, NULL)) ==
	            0 &&
	        kll_vocab_levels(v) == kll_vocab_levels(r) &&
	        kll_vocab_declared_levels(v) == kll_vocab_declared_levels(r),
	    "the scheme differs");
	for (d = 1; d <= kll_vocab_levels(v); d++)
		FUZZ_ASSERT(same(kll_vocab_level_iri(v, d),
		                kll_vocab_level_iri(r, d)) &&
		                same(kll_vocab_level_pattern(v, d),
		                    kll_vocab_level_pattern(r, d)),
		    "level %d differs", d);
	for (i = 0; i < kll_vocab_count(v); i++)
		compare_concepts(kll_vocab_at(v, i), kll_vocab_at(r, i));
	kll_vocab_free(r);
}

int
fuzz_vocab(
    const uint8_t *data, size_t size, const char *syntax, const char *name)
{
	kll_load_opts lo = KLL_LOAD_OPTS_INIT;
	kll_check_opts co = KLL_CHECK_OPTS_INIT;
	static const char *const langs[] = { "sv", "en" };
	kll_vocab *v = NULL;
	kll_error err;
	kll_status st;
	const char *path;
	size_t i, ndiag = 0, nerr = 0;
	int d;

	path = fuzz_file(name, data, size);
	lo.syntax = syntax;
	lo.base_iri = "http://example.org/base/";
	st = kll_vocab_load(&v, path, &lo, &err);
	if (strcmp(syntax, "turtle") == 0)
		fuzz_compare_with_raptor(path, &lo, v, st);
	if (st != KLL_OK) {
		fuzz_check_error(&err, st);
		FUZZ_ASSERT(v == NULL, "a vocabulary on failure");
		FUZZ_ASSERT(st == KLL_ESYNTAX || st == KLL_EINVALID ||
		                st == KLL_EENCODING,
		    "status %d: %s", (int)st, err.msg);
		return 0;
	}
	FUZZ_ASSERT(kll_vocab_count(v) > 0, "an empty vocabulary");
	(void)kll_vocab_id(v);
	(void)kll_vocab_title(v, NULL);
	(void)kll_vocab_title(v, "en");
	for (d = 0; d <= kll_vocab_levels(v) + 1; d++) {
		(void)kll_vocab_level_iri(v, d);
		(void)kll_vocab_level_pattern(v, d);
	}
	for (i = 0; i < kll_vocab_count(v); i++)
		check_concept(v, i);
	FUZZ_ASSERT(
	    kll_vocab_at(v, kll_vocab_count(v)) == NULL, "past the end");
	co.diag = fuzz_count_diag;
	co.payload = &ndiag;
	if (size & 1) {
		co.langs = langs;
		co.nlangs = 2;
	}
	st = kll_vocab_check(v, &co, &nerr, &err);
	FUZZ_ASSERT(st == KLL_OK, "check: %s", err.msg);
	FUZZ_ASSERT(nerr <= ndiag, "%zu errors in %zu findings", nerr, ndiag);
	kll_vocab_free(v);
	return 0;
}
