/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * map_fmt.c: a key in canonical form.  The canonical text is what
 * kll_mapset_write() makes of a key; what it cannot do by itself is give
 * a CURIE to a value that the file wrote as a full IRI, which is done
 * here with the key's own curie_map, and tell whether a file already is
 * that text.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Whether "v" is a full IRI that m's prefixes do not read as a CURIE:
 * its scheme is no declared or built-in prefix. */
static int
is_iri(const kll_mapset *m, const char *v)
{
	const char *colon = strchr(v, ':');
	char scheme[64];
	size_t n;

	if (colon == NULL || colon == v)
		return 0;
	n = (size_t)(colon - v);
	if (n >= sizeof(scheme))
		return 0;
	memcpy(scheme, v, n);
	scheme[n] = '\0';
	return kll_mapset_prefix(m, scheme) == NULL;
}

/* "v" (one value or a |-joined list) with each IRI as its CURIE, into b;
 * 1 when something changed, 0 when not, -1 out of memory, -2 when some
 * IRI has no CURIE (*bad gets the first). */
static int
compact_value(
    const kll_mapset *m, const char *v, kll__buf *b, char *bad, size_t badsize)
{
	char **items = NULL, curie[2048];
	size_t i, n, k;
	int changed = 0, rc = 0;

	b->n = 0;
	if (kll_sssom_split(&items, &n, v, NULL) != KLL_OK)
		return -1;
	for (i = 0; i < n && rc == 0; i++) {
		const char *it = items[i];
		if (is_iri(m, it)) {
			k = kll_mapset_contract(m, it, curie, sizeof(curie));
			if (k == 0 || k >= sizeof(curie)) {
				if (bad[0] == '\0')
					snprintf(bad, badsize, "%s", it);
				rc = -2;
				break;
			}
			it = curie;
			changed = 1;
		}
		if ((i > 0 && kll__buf_addc(b, '|') < 0) ||
		    kll__list_add_escaped(b, it) < 0)
			rc = -1;
	}
	free(items);
	if (rc == 0 && kll__buf_addc(b, '\0') < 0)
		rc = -1;
	return rc < 0 ? rc : changed;
}

struct cx {
	kll_mapset *m;
	kll__problems probs;
	kll__buf b;
	size_t changed;
};

/* One record's slot s: with "check", report an IRI that has no CURIE
 * (before any edit moves the record's positions), else rewrite; -1 when
 * out of memory. */
static int
compact_field(struct cx *x, size_t rec, kll_slot s, int check)
{
	const char *v = kll_mapset_get(x->m, rec, s);
	char bad[512] = "";
	unsigned line, col;
	int r;

	if (v == NULL)
		return 0;
	if ((r = compact_value(x->m, v, &x->b, bad, sizeof(bad))) == -1)
		return -1;
	if (r == -2 && check) {
		kll_mapset_pos(x->m, rec, s, &line, &col);
		if (line == 0)
			line = kll_mapset_line(x->m, rec);
		kll__problem_at(&x->probs, kll_mapset_path(x->m), line, col,
		    "map-fmt-no-prefix",
		    "%s '%s' is an IRI that no prefix of the curie_map covers",
		    kll_slot_name(s), bad);
		return 0;
	}
	if (r == 1 && !check) {
		if (kll_mapset_set(x->m, rec, s, x->b.p, NULL) != KLL_OK)
			return -1;
		x->changed++;
	}
	return 0;
}

/* The set's own value of slot s. */
static int
compact_meta(struct cx *x, kll_slot s)
{
	const char *name = kll_slot_name(s);
	const char *v = kll_mapset_meta(x->m, name);
	char bad[512] = "";
	int r;

	if (v == NULL)
		return 0;
	if ((r = compact_value(x->m, v, &x->b, bad, sizeof(bad))) == -1)
		return -1;
	if (r == -2) {
		kll__problem(&x->probs, kll_mapset_path(x->m), 0,
		    "map-fmt-no-prefix",
		    "%s '%s' is an IRI that no prefix of the curie_map covers",
		    name, bad);
		return 0;
	}
	if (r == 1) {
		if (kll_mapset_set_meta(x->m, name, x->b.p, NULL) != KLL_OK)
			return -1;
		x->changed++;
	}
	return 0;
}

kll_status
kll_mapset_compact(kll_mapset *m, kll_diag_fn diag, void *payload,
    size_t *changed, kll_error *err)
{
	struct cx x;
	kll_error first;
	kll_status st = KLL_OK;
	size_t rec;
	int s;

	memset(&x, 0, sizeof(x));
	x.m = m;
	x.probs.fn = diag;
	x.probs.payload = payload;
	x.probs.first = &first;
	for (rec = 0; rec < kll_mapset_count(m); rec++)
		for (s = 0; s < 2 * KLL_SLOT__COUNT; s++)
			if (kll_slot_kind((kll_slot)(s % KLL_SLOT__COUNT)) ==
			        KLL_KIND_ENTITY &&
			    compact_field(&x, rec,
			        (kll_slot)(s % KLL_SLOT__COUNT),
			        s < KLL_SLOT__COUNT) < 0) {
				st = kll__nomem(err);
				goto out;
			}
	for (s = 0; s < KLL_SLOT__COUNT; s++)
		if (kll_slot_kind((kll_slot)s) == KLL_KIND_ENTITY &&
		    compact_meta(&x, (kll_slot)s) < 0) {
			st = kll__nomem(err);
			goto out;
		}
	if (x.probs.n > 0) {
		st = kll__error_set(err, KLL_EINVALID, first.file, first.line,
		    first.col, "%s%s", first.msg,
		    x.probs.n > 1 ? " (and more)" : "");
		if (err != NULL)
			snprintf(
			    err->rule, sizeof(err->rule), "%s", first.rule);
	}
out:
	if (changed != NULL)
		*changed = x.changed;
	kll__buf_free(&x.b);
	return st;
}

kll_status
kll_mapset_compare(
    const kll_mapset *m, FILE *orig, unsigned *line, kll_error *err)
{
	FILE *tmp;
	kll_status st;
	unsigned ln = 1;
	int a, b;

	*line = 0;
	if ((tmp = tmpfile()) == NULL)
		return kll__error_set(err, KLL_EIO, NULL, 0, 0,
		    "cannot make a temporary file: %s", strerror(errno));
	if ((st = kll_mapset_write(m, tmp, err)) != KLL_OK)
		goto out;
	if (fflush(tmp) != 0 || fseek(tmp, 0L, SEEK_SET) != 0) {
		st = kll__error_set(err, KLL_EIO, NULL, 0, 0,
		    "temporary file: %s", strerror(errno));
		goto out;
	}
	do {
		a = getc(orig);
		b = getc(tmp);
		if (a != b) {
			*line = ln;
			break;
		}
		if (a == '\n')
			ln++;
	} while (a != EOF);
	if (ferror(orig) || ferror(tmp))
		st = kll__error_set(err, KLL_EIO, NULL, 0, 0, "read error: %s",
		    strerror(errno));
out:
	fclose(tmp);
	return st;
}
