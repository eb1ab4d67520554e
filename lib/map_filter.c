/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * map_filter.c: the records of a key that pass a filter (by predicate,
 * justification, confidence, code, level or review mark), and a new key
 * of some records of another with all of its metadata.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "map_edit.h"

int
kll_mapset_review(const kll_mapset *m, size_t rec)
{
	const char *c = kll_mapset_get(m, rec, KLL_SLOT_COMMENT);
	const char *p, *end;
	size_t n;

	for (p = c; p != NULL && *p != '\0'; p = end ? end + 2 : NULL) {
		end = strstr(p, "; ");
		n = end ? (size_t)(end - p) : strlen(p);
		if ((n == 6 && strncmp(p, "review", 6) == 0) ||
		    (n >= 7 && strncmp(p, "review:", 7) == 0))
			return 1;
	}
	return 0;
}

/* What a filter needs, worked out once. */
struct flt {
	const kll_mapset *m;
	const kll_filter_opts *o;
	char **preds;            /* the wanted predicates as IRIs */
	char *just;              /* the wanted justification as an IRI */
	unsigned char *under[2]; /* concepts that code[side] matches */
	const kll_concept *target[2];
};

static char *
iri_of(const kll_mapset *m, const char *name)
{
	char buf[2048];
	kll_pred p = kll_pred_from_name(name);

	if (p != KLL_PRED_NONE)
		return kll__strdup(kll_pred_iri(p));
	if (kll__curie_expand(m, name, buf, sizeof(buf)) == NULL)
		return kll__strdup(name);
	return kll__strdup(buf);
}

/* Whether the value of slot s of rec, expanded, is "iri". */
static int
same_iri(const kll_mapset *m, size_t rec, kll_slot s, const char *iri)
{
	const char *v = kll_mapset_get(m, rec, s);
	char buf[2048];

	if (v == NULL)
		return 0;
	if (kll__curie_expand(m, v, buf, sizeof(buf)) == NULL)
		return strcmp(v, iri) == 0;
	return strcmp(buf, iri) == 0;
}

/* Mark the concepts at and under c (through skos:narrower). */
static void
mark_under(unsigned char *mark, const kll_concept *c, int depth)
{
	size_t i, k = kll_concept_index(c);

	if (mark[k] || depth > 64)
		return;
	mark[k] = 1;
	for (i = 0; i < kll_concept_nnarrower(c); i++)
		mark_under(mark, kll_concept_narrower(c, i), depth + 1);
}

static kll_status
prepare_side(struct flt *f, int side, kll_error *err)
{
	const kll_filter_opts *o = f->o;
	const kll_vocab *v = o->vocab[side];
	const char *what = side == KLL_SUBJECT ? "subject" : "object";

	if ((o->level[side] > 0 || (o->descendants && o->code[side])) &&
	    v == NULL)
		return kll__error_set(err, KLL_EARG, NULL, 0, 0,
		    "%s %s needs the %s vocabulary",
		    o->level[side] > 0 ? "a" : "descendants of the",
		    o->level[side] > 0 ? "level" : "code", what);
	if (o->code[side] == NULL || v == NULL)
		return KLL_OK;
	if ((f->target[side] = kll_vocab_find_loose(v, o->code[side])) ==
	        NULL &&
	    (f->target[side] = kll_vocab_find_any(v, o->code[side])) == NULL)
		return kll__error_set(err, KLL_EARG, NULL, 0, 0,
		    "no %s code '%s' in the vocabulary", what, o->code[side]);
	if (!o->descendants)
		return KLL_OK;
	if ((f->under[side] = kll__calloc(kll_vocab_count(v) + 1, 1)) == NULL)
		return kll__nomem(err);
	mark_under(f->under[side], f->target[side], 0);
	return KLL_OK;
}

static kll_status
prepare(struct flt *f, kll_error *err)
{
	const kll_filter_opts *o = f->o;
	kll_status st;
	size_t i;
	int side;

	if (o->npredicates > 0) {
		if ((f->preds = kll__calloc(o->npredicates, sizeof(char *))) ==
		    NULL)
			return kll__nomem(err);
		for (i = 0; i < o->npredicates; i++)
			if ((f->preds[i] = iri_of(f->m, o->predicates[i])) ==
			    NULL)
				return kll__nomem(err);
	}
	if (o->justification != NULL &&
	    (f->just = iri_of(f->m, o->justification)) == NULL)
		return kll__nomem(err);
	for (side = 0; side < 2; side++)
		if ((st = prepare_side(f, side, err)) != KLL_OK)
			return st;
	return KLL_OK;
}

static int
code_ok(const struct flt *f, size_t rec, int side)
{
	kll_slot s =
	    side == KLL_SUBJECT ? KLL_SLOT_SUBJECT_ID : KLL_SLOT_OBJECT_ID;
	const char *id = kll_mapset_get(f->m, rec, s), *local;
	const char *code = f->o->code[side];
	const kll_concept *c;

	if (code == NULL)
		return 1;
	if (f->target[side] != NULL) {
		c = kll_mapset_concept(
		    f->m, rec, (kll_side)side, f->o->vocab[side]);
		if (c == NULL)
			return 0;
		return f->under[side] ? f->under[side][kll_concept_index(c)] :
		                        c == f->target[side];
	}
	if (id == NULL)
		return 0;
	local = strchr(id, ':');
	return strcmp(id, code) == 0 ||
	       (local != NULL && strcmp(local + 1, code) == 0);
}

static int
level_ok(const struct flt *f, size_t rec, int side)
{
	const kll_concept *c;

	if (f->o->level[side] <= 0)
		return 1;
	c = kll_mapset_concept(f->m, rec, (kll_side)side, f->o->vocab[side]);
	return c != NULL && kll_concept_level(c) == f->o->level[side];
}

static int
passes(const struct flt *f, size_t rec)
{
	const kll_filter_opts *o = f->o;
	double conf;
	size_t i;
	int side;

	if (o->npredicates > 0) {
		for (i = 0; i < o->npredicates; i++)
			if (same_iri(
			        f->m, rec, KLL_SLOT_PREDICATE_ID, f->preds[i]))
				break;
		if (i == o->npredicates)
			return 0;
	}
	if (f->just != NULL &&
	    !same_iri(f->m, rec, KLL_SLOT_MAPPING_JUSTIFICATION, f->just))
		return 0;
	conf = kll__record_confidence(f->m, rec, NULL);
	if (conf < o->min_confidence || conf > o->max_confidence)
		return 0;
	if (o->review != 0 && kll_mapset_review(f->m, rec) != (o->review > 0))
		return 0;
	for (side = 0; side < 2; side++)
		if (!code_ok(f, rec, side) || !level_ok(f, rec, side))
			return 0;
	return 1;
}

kll_status
kll_mapset_select(unsigned char *keep, size_t *nkept, const kll_mapset *m,
    const kll_filter_opts *opts, kll_error *err)
{
	struct flt f;
	kll_status st;
	size_t i, n = 0;

	memset(&f, 0, sizeof(f));
	f.m = m;
	f.o = opts;
	if ((st = prepare(&f, err)) == KLL_OK)
		for (i = 0; i < kll_mapset_count(m); i++) {
			keep[i] = (unsigned char)passes(&f, i);
			n += keep[i];
		}
	if (nkept != NULL)
		*nkept = n;
	for (i = 0; f.preds != NULL && i < opts->npredicates; i++)
		free(f.preds[i]);
	free(f.preds);
	free(f.just);
	free(f.under[0]);
	free(f.under[1]);
	return st;
}

/* ------------------------------------------------------------------ */
/* A key of some records of another                                     */

/* The metadata block and header line of m's canonical text, in a new
 * file of the temporary folder whose name goes to "path". */
static kll_status
head_file(const kll_mapset *m, char *path, size_t size, kll_error *err)
{
	const char *dir = getenv("TMPDIR");
	kll__buf line = { NULL, 0, 0 };
	FILE *all = NULL, *out = NULL;
	kll_status st;
	int fd, r;

	snprintf(path, size, "%s/kll-subset-XXXXXX",
	    dir != NULL && *dir != '\0' ? dir : "/tmp");
	if ((all = tmpfile()) == NULL || (fd = mkstemp(path)) < 0) {
		path[0] = '\0';
		st = kll__error_set(err, KLL_EIO, NULL, 0, 0,
		    "cannot make a temporary file: %s", strerror(errno));
		goto out;
	}
	if ((out = fdopen(fd, "w")) == NULL) {
		close(fd);
		st = kll__error_set(err, KLL_EIO, NULL, 0, 0,
		    "cannot make a temporary file: %s", strerror(errno));
		goto out;
	}
	if ((st = kll_mapset_write(m, all, err)) != KLL_OK)
		goto out;
	rewind(all);
	while ((r = kll__getline(&line, all)) > 0) {
		fputs(line.p, out);
		if (line.p[0] != '#')
			break; /* the header line */
	}
	if (r < 0)
		st = kll__nomem(err);
	else if (ferror(all) || fflush(out) != 0 || ferror(out))
		st = kll__error_set(err, KLL_EIO, NULL, 0, 0,
		    "temporary file: %s", strerror(errno));
out:
	if (all != NULL)
		fclose(all);
	if (out != NULL && fclose(out) != 0 && st == KLL_OK)
		st = kll__error_set(err, KLL_EIO, NULL, 0, 0,
		    "temporary file: %s", strerror(errno));
	kll__buf_free(&line);
	return st;
}

kll_status
kll__mapset_copy_record(kll_mapset *to, size_t over, const kll_mapset *from,
    size_t rec, size_t *out, kll_error *err)
{
	const char *v, *name;
	kll_status st;
	size_t r = over, i;
	int s;

	if (over >= kll_mapset_count(to) &&
	    (st = kll_mapset_add(to, &r, err)) != KLL_OK)
		return st;
	for (s = 0; s < KLL_SLOT__COUNT; s++) {
		v = kll_mapset_get(from, rec, (kll_slot)s);
		if ((v != NULL || r == over) &&
		    (st = kll_mapset_set(to, r, (kll_slot)s, v, err)) != KLL_OK)
			return st;
	}
	for (i = 0; i < kll_mapset_nextra(from); i++) {
		name = kll_mapset_extra_name(from, i);
		if ((v = kll_mapset_get_extra(from, rec, name)) != NULL &&
		    (st = kll_mapset_set_extra(to, r, name, v, err)) != KLL_OK)
			return st;
	}
	/* Over a record: its columns that "from" lacks are emptied. */
	for (i = 0; r == over && i < kll_mapset_nextra(to); i++) {
		name = kll_mapset_extra_name(to, i);
		if (kll_mapset_get_extra(from, rec, name) == NULL &&
		    kll_mapset_get_extra(to, r, name) != NULL &&
		    (st = kll_mapset_set_extra(to, r, name, NULL, err)) !=
		        KLL_OK)
			return st;
	}
	if (out != NULL)
		*out = r;
	return KLL_OK;
}

kll_status
kll__mapset_recount(kll_mapset *m, kll_error *err)
{
	unsigned char *card;
	const char *now, *want;
	kll_status st = KLL_OK;
	size_t rec, n = kll_mapset_count(m);

	if ((card = kll__malloc(n + 1)) == NULL)
		return kll__nomem(err);
	if ((st = kll_mapset_cardinalities(card, m, err)) != KLL_OK)
		goto out;
	for (rec = 0; rec < n && st == KLL_OK; rec++) {
		now = kll_mapset_get(m, rec, KLL_SLOT_MAPPING_CARDINALITY);
		want = kll_cardinality_name((kll_cardinality)card[rec]);
		if (now != NULL && *want != '\0' && strcmp(now, want) != 0)
			st = kll_mapset_set(
			    m, rec, KLL_SLOT_MAPPING_CARDINALITY, want, err);
	}
out:
	free(card);
	return st;
}

kll_status
kll_mapset_subset(kll_mapset **out, const kll_mapset *m,
    const unsigned char *keep, kll_error *err)
{
	kll_sssom_opts so = KLL_SSSOM_OPTS_INIT;
	kll_mapset *to = NULL;
	char path[4096] = "";
	kll_status st;
	size_t rec;

	*out = NULL;
	if ((st = head_file(m, path, sizeof(path), err)) != KLL_OK)
		goto out;
	if ((st = kll_mapset_read(&to, path, &so, err)) != KLL_OK)
		goto out;
	for (rec = 0; rec < kll_mapset_count(m); rec++)
		if (keep[rec] && (st = kll__mapset_copy_record(to, (size_t)-1,
		                      m, rec, NULL, err)) != KLL_OK)
			goto out;
	if ((st = kll__mapset_recount(to, err)) != KLL_OK)
		goto out;
	*out = to;
	to = NULL;
out:
	if (path[0] != '\0')
		unlink(path);
	kll_mapset_free(to);
	return st;
}
