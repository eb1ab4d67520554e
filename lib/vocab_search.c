/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* vocab_search.c: concepts found by the words of their labels; the ids
 * of the search path, and the id or notation nearest a name that is not
 * there.  Labels and query are folded
 * as kll_text_fold() does and cut into words at anything but letters and
 * digits.  Every query word must meet a word of one label: whole, as
 * its beginning, by Snowball stem (libstemmer) in the label's language,
 * or inside it.  The weakest way one of them met is the label's rank, and
 * the best label's rank is the concept's. */
#include <dirent.h>
#include <errno.h>
#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

#include "internal.h"

#define MAX_WORDS 64 /* query words; more are ignored */
#define MAX_LANGS 16 /* languages stemmed in one search; others are not */
#define MIN_STEM  4  /* a stem this long meets the beginning or inside of
                      * a word too: "grundskol" in "grundskollärare" */
#define NO_MATCH  (KLL_SEARCH_SUBSTRING + 1)

typedef struct span {
	size_t off, len;
} span;

/* The query words' stems in one language, and the part of each word that
 * any label meeting it holds (a cheap test before cutting the label). */
typedef struct lang_stems {
	char tag[16]; /* "" for labels without language */
	struct sb_stemmer *sb; /* NULL: no stemmer for it */
	const char *stem[MAX_WORDS];
	size_t slen[MAX_WORDS];
	const char *anchor[MAX_WORDS];
} lang_stems;

typedef struct search {
	const kll_search_opts *o;
	kll__arena arena;
	kll__buf qfold;           /* the folded query */
	span q[MAX_WORDS];         /* its words */
	size_t nq;
	lang_stems langs[MAX_LANGS + 1]; /* the last: languages past MAX */
	size_t nlangs;
	kll__buf fold;             /* the folded label */
	span *w;                   /* its words */
	size_t nw, wcap;
	kll__buf stems;            /* their stems, when needed */
	span *st;
	size_t stcap;
	kll_search_hit *hits;
	size_t nhits, hcap;
} search;

const char *
kll_search_rank_name(kll_search_rank r)
{
	static const char *const names[] = { "exact", "word", "prefix",
		"stem", "substring" };

	return (unsigned)r < sizeof(names) / sizeof(names[0]) ? names[r] : "";
}

/* ------------------------------------------------------------------ */
/* Folding and words                                                    */

/* "s" folded into b, replacing what b held: ASCII by hand (most labels,
 * and no allocation), the rest by kll_text_fold().  0, or 1 when s is
 * not UTF-8 (it cannot match), or -1 when out of memory. */
static int
fold_into(kll__buf *b, const char *s)
{
	const unsigned char *p;
	char *f;
	int r;

	for (p = (const unsigned char *)s; *p != '\0' && *p < 0x80; p++)
		;
	b->n = 0;
	if (*p == '\0') {
		if (kll__buf_add(b, s, (size_t)(p - (const unsigned char *)s)))
			return -1;
		for (f = b->p; *f != '\0'; f++)
			if (*f >= 'A' && *f <= 'Z')
				*f = (char)(*f - 'A' + 'a');
		return 0;
	}
	if ((f = kll_text_fold(s)) == NULL)
		return errno == EILSEQ ? 1 : -1;
	r = kll__buf_adds(b, f) ? -1 : 0;
	free(f);
	return r;
}

/* The length of the letter or digit at p, or 0 for anything else. */
static size_t
word_char(const char *p, size_t n)
{
	ucs4_t uc;
	int len;

	if ((unsigned char)*p < 0x80)
		return ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		           (*p >= '0' && *p <= '9')) ?
		           1 :
		           0;
	len = u8_mbtouc(&uc, (const uint8_t *)p, n);
	if (uc_is_general_category(uc, UC_LETTER) ||
	    uc_is_general_category(uc, UC_NUMBER))
		return (size_t)len;
	return 0;
}

/* The length of the character at p: folded text is UTF-8. */
static size_t
char_len(const char *p, size_t n)
{
	int len = u8_mblen((const uint8_t *)p, n);

	return len > 0 ? (size_t)len : 1;
}

/* Cut s[0..n) into words: at most max spans into out; returns how many
 * there are (possibly more than max). */
static size_t
cut_words(const char *s, size_t n, span *out, size_t max)
{
	size_t i = 0, k, nw = 0, start;

	while (i < n) {
		while (i < n && word_char(s + i, n - i) == 0)
			i += char_len(s + i, n - i);
		if (i >= n)
			break;
		start = i;
		while (i < n && (k = word_char(s + i, n - i)) > 0)
			i += k;
		if (nw < max)
			out[nw] = (span){ start, i - start };
		nw++;
	}
	return nw;
}

static int
label_words(search *s)
{
	size_t n = cut_words(s->fold.p, s->fold.n, s->w, s->wcap);
	span *p;

	if (n > s->wcap) {
		if ((p = kll__realloc(s->w, n * sizeof(*p))) == NULL)
			return -1;
		s->w = p;
		s->wcap = n;
		n = cut_words(s->fold.p, s->fold.n, s->w, s->wcap);
	}
	s->nw = n;
	return 0;
}

static int
has_prefix(const char *s, size_t n, const char *pre, size_t pn)
{
	return pn <= n && memcmp(s, pre, pn) == 0;
}

static int
contains(const char *s, size_t n, const char *needle, size_t nn)
{
	size_t i;

	for (i = 0; nn <= n && i <= n - nn; i++)
		if (s[i] == needle[0] && memcmp(s + i, needle, nn) == 0)
			return 1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Stems                                                                */

static void
release_langs(search *s)
{
	size_t i;

	for (i = 0; i < s->nlangs; i++)
		if (s->langs[i].sb != NULL)
			sb_stemmer_delete(s->langs[i].sb);
	s->nlangs = 0;
}

/* The stem of w[0..n) copied to the arena; NULL when out of memory. */
static const char *
stem_copy(search *s, struct sb_stemmer *sb, const char *w, size_t n,
    size_t *len)
{
	const sb_symbol *p = sb_stemmer_stem(sb, (const sb_symbol *)w, (int)n);

	if (p == NULL)
		return NULL;
	*len = (size_t)sb_stemmer_length(sb);
	return kll__arena_strndup(&s->arena, (const char *)p, *len);
}

/* Fill the stems and anchors of the query words in ls.  The anchor is
 * the beginning of the word that its stem keeps, less two bytes: a
 * Snowball stem differs from the word it was cut from at most in its
 * last two letters (English "happy" -> "happi", "dying" -> "die"). */
static int
query_stems(search *s, lang_stems *ls)
{
	size_t i, n, lcp;
	const char *w;

	for (i = 0; i < s->nq; i++) {
		w = s->qfold.p + s->q[i].off;
		n = s->q[i].len;
		if (ls->sb == NULL) {
			ls->stem[i] = kll__arena_strndup(&s->arena, w, n);
			ls->slen[i] = n;
			ls->anchor[i] = ls->stem[i];
		} else {
			ls->stem[i] = stem_copy(s, ls->sb, w, n, &ls->slen[i]);
			if (ls->stem[i] == NULL)
				return -1;
			for (lcp = 0; lcp < n && lcp < ls->slen[i] &&
			              w[lcp] == ls->stem[i][lcp];
			     lcp++)
				;
			if (lcp + 2 > ls->slen[i])
				lcp = ls->slen[i] >= 2 ? ls->slen[i] - 2 : 0;
			ls->anchor[i] = kll__arena_strndup(&s->arena, w, lcp);
		}
		if (ls->stem[i] == NULL || ls->anchor[i] == NULL)
			return -1;
	}
	return 0;
}

/* The stems of the query words for labels in "lang", made on first use;
 * NULL when out of memory. */
static lang_stems *
stems_for(search *s, const char *lang)
{
	char tag[16];
	size_t i;
	lang_stems *ls;

	/* The primary subtag names the stemmer: "sv-SE" is Swedish. */
	for (i = 0; lang[i] != '\0' && lang[i] != '-' && i + 1 < sizeof(tag);
	     i++)
		tag[i] = (char)(lang[i] >= 'A' && lang[i] <= 'Z' ?
		        lang[i] - 'A' + 'a' :
		        lang[i]);
	tag[i] = '\0';
	for (i = 0; i < s->nlangs; i++)
		if (strcmp(s->langs[i].tag, tag) == 0)
			return &s->langs[i];
	ls = &s->langs[s->nlangs < MAX_LANGS ? s->nlangs : MAX_LANGS];
	if (s->nlangs == MAX_LANGS && ls->stem[0] != NULL)
		return ls; /* unstemmed, filled before */
	memset(ls, 0, sizeof(*ls));
	if (s->nlangs < MAX_LANGS) {
		memcpy(ls->tag, tag, strlen(tag) + 1);
		/* NULL for a language Snowball does not know, or "". */
		errno = 0;
		if (*tag != '\0' && (ls->sb = sb_stemmer_new(tag, NULL)) == NULL &&
		    errno == ENOMEM)
			return NULL;
		s->nlangs++;
	}
	if (query_stems(s, ls) < 0)
		return NULL;
	return ls;
}

/* The stems of the label's words; -1 when out of memory. */
static int
label_stems(search *s, struct sb_stemmer *sb)
{
	const sb_symbol *p;
	size_t i, len;
	span *st;

	if (s->nw > s->stcap) {
		if ((st = kll__realloc(s->st, s->nw * sizeof(*st))) == NULL)
			return -1;
		s->st = st;
		s->stcap = s->nw;
	}
	s->stems.n = 0;
	for (i = 0; i < s->nw; i++) {
		p = sb_stemmer_stem(sb,
		    (const sb_symbol *)s->fold.p + s->w[i].off, (int)s->w[i].len);
		if (p == NULL)
			return -1;
		len = (size_t)sb_stemmer_length(sb);
		s->st[i] = (span){ s->stems.n, len };
		if (kll__buf_add(&s->stems, p, len))
			return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Matching one label                                                   */

/* Whether the label's words are the query's, in order. */
static int
same_words(const search *s)
{
	size_t i;

	if (s->nw != s->nq)
		return 0;
	for (i = 0; i < s->nq; i++)
		if (s->w[i].len != s->q[i].len ||
		    memcmp(s->fold.p + s->w[i].off, s->qfold.p + s->q[i].off,
		        s->q[i].len) != 0)
			return 0;
	return 1;
}

/* How query word i meets a word of the label; NO_MATCH if it does not.
 * *stemmed says whether the label's stems are made. */
static int
word_rank(search *s, const lang_stems *ls, size_t i, int *stemmed)
{
	const char *q = s->qfold.p + s->q[i].off, *w, *st = ls->stem[i];
	size_t j, qn = s->q[i].len, sn = ls->slen[i];
	int r = NO_MATCH;

	for (j = 0; j < s->nw && r != KLL_SEARCH_WORD; j++)
		if (has_prefix(s->fold.p + s->w[j].off, s->w[j].len, q, qn))
			r = s->w[j].len == qn ? KLL_SEARCH_WORD :
			                        KLL_SEARCH_PREFIX;
	if (r != NO_MATCH)
		return r;
	if (ls->sb != NULL) {
		if (!*stemmed) {
			if (label_stems(s, ls->sb) < 0)
				return -1;
			*stemmed = 1;
		}
		for (j = 0; j < s->nw; j++) {
			w = s->fold.p + s->w[j].off;
			if ((s->st[j].len == sn &&
			        memcmp(s->stems.p + s->st[j].off, st, sn) == 0) ||
			    (sn >= MIN_STEM && has_prefix(w, s->w[j].len, st, sn)))
				return KLL_SEARCH_STEM;
		}
	}
	for (j = 0; j < s->nw; j++) {
		w = s->fold.p + s->w[j].off;
		if (contains(w, s->w[j].len, q, qn) ||
		    (sn >= MIN_STEM && contains(w, s->w[j].len, st, sn)))
			return KLL_SEARCH_SUBSTRING;
	}
	return NO_MATCH;
}

/* The rank of the folded label in s->fold, NO_MATCH, or -1. */
static int
label_rank(search *s, const kll_label *l)
{
	const lang_stems *ls;
	size_t i;
	int r, worst = KLL_SEARCH_WORD, stemmed = 0;

	if ((ls = stems_for(s, l->lang)) == NULL)
		return -1;
	for (i = 0; i < s->nq; i++)
		if (strstr(s->fold.p, ls->anchor[i]) == NULL)
			return NO_MATCH;
	if (label_words(s) < 0)
		return -1;
	if (same_words(s))
		return KLL_SEARCH_EXACT;
	for (i = 0; i < s->nq; i++) {
		if ((r = word_rank(s, ls, i, &stemmed)) < 0 || r == NO_MATCH)
			return r;
		if (r > worst)
			worst = r;
	}
	return worst;
}

/* --exact: each query word, cut at white space only, inside the folded
 * label, as kll-vocab search did before it ranked. */
static int
label_rank_exact(search *s, const char *const *words, size_t nwords)
{
	size_t i;

	for (i = 0; i < nwords; i++)
		if (strstr(s->fold.p, words[i]) == NULL)
			return NO_MATCH;
	if (label_words(s) < 0)
		return -1;
	return same_words(s) ? KLL_SEARCH_EXACT : KLL_SEARCH_SUBSTRING;
}

/* ------------------------------------------------------------------ */
/* The search                                                           */

static int
add_hit(search *s, const kll_concept *c, int rank, const kll_label *l)
{
	kll_search_hit *h;
	size_t cap;

	if (s->nhits == s->hcap) {
		cap = s->hcap ? 2 * s->hcap : 64;
		if ((h = kll__realloc(s->hits, cap * sizeof(*h))) == NULL)
			return -1;
		s->hits = h;
		s->hcap = cap;
	}
	s->hits[s->nhits++] = (kll_search_hit){ c, (kll_search_rank)rank, l };
	return 0;
}

static int
cmp_hit(const void *a, const void *b)
{
	const kll_search_hit *x = a, *y = b;
	size_t i = kll_concept_index(x->concept), j = kll_concept_index(y->concept);

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return i < j ? -1 : i > j;
}

/* The concept's best label and its rank into the hits; -1 when out of
 * memory. */
static int
match_concept(search *s, const kll_concept *c, const char *const *words,
    size_t nwords)
{
	const kll_label *l, *best_l = NULL;
	size_t i, n = kll_concept_nlabels(c);
	int r, best = NO_MATCH;

	for (i = 0; i < n && best != KLL_SEARCH_EXACT; i++) {
		l = kll_concept_label_at(c, i);
		if (l->kind > KLL_LABEL_HIDDEN ||
		    (s->o->lang != NULL && strcmp(l->lang, s->o->lang) != 0))
			continue;
		if ((r = fold_into(&s->fold, l->text)) < 0)
			return -1;
		if (r > 0)
			continue;
		r = s->o->exact ? label_rank_exact(s, words, nwords) :
		                  label_rank(s, l);
		if (r < 0)
			return -1;
		if (r < best) {
			best = r;
			best_l = l;
		}
	}
	return best == NO_MATCH ? 0 : add_hit(s, c, best, best_l);
}

/* The query folded and cut: into words for ranking, and at white space
 * for --exact.  KLL_EARG when it is not UTF-8 or has no words. */
static kll_status
read_query(search *s, const char *query, const char ***words, size_t *nwords,
    kll_error *err)
{
	char *p, *save = NULL;
	const char **w;
	int r;

	if ((r = fold_into(&s->qfold, query)) < 0)
		return kll__nomem(err);
	if (r > 0)
		return kll__error_set(
		    err, KLL_EARG, NULL, 0, 0, "search text is not UTF-8");
	s->nq = cut_words(s->qfold.p, s->qfold.n, s->q, MAX_WORDS);
	if (s->nq > MAX_WORDS)
		s->nq = MAX_WORDS;
	if (s->nq == 0)
		return kll__error_set(err, KLL_EARG, NULL, 0, 0,
		    "search text has no letters or digits");
	if (!s->o->exact)
		return KLL_OK;
	if ((p = kll__arena_strdup(&s->arena, s->qfold.p)) == NULL ||
	    (w = kll__arena_alloc(&s->arena, MAX_WORDS * sizeof(*w))) == NULL)
		return kll__nomem(err);
	for (p = strtok_r(p, " \t\n", &save); p && *nwords < MAX_WORDS;
	     p = strtok_r(NULL, " \t\n", &save))
		w[(*nwords)++] = p;
	*words = w;
	return KLL_OK;
}

kll_status
kll_vocab_search(const kll_vocab *v, const char *query,
    const kll_search_opts *opts, size_t *nhits, kll_error *err)
{
	static const kll_search_opts defaults = KLL_SEARCH_OPTS_INIT;
	search s;
	const char **words = NULL;
	size_t i, n, nwords = 0;
	kll_status st;

	if (nhits != NULL)
		*nhits = 0;
	if (v == NULL || query == NULL)
		return kll__error_set(err, KLL_EARG, NULL, 0, 0,
		    "no vocabulary or no search text");
	memset(&s, 0, sizeof(s));
	s.o = opts != NULL ? opts : &defaults;
	if ((st = read_query(&s, query, &words, &nwords, err)) != KLL_OK)
		goto out;
	n = kll_vocab_count(v);
	for (i = 0; i < n; i++)
		if (match_concept(&s, kll_vocab_at(v, i), words, nwords) < 0) {
			st = kll__nomem(err);
			goto out;
		}
	/* --exact keeps the order of notations, as it always had. */
	if (!s.o->exact && s.nhits > 1)
		qsort(s.hits, s.nhits, sizeof(*s.hits), cmp_hit);
	if (nhits != NULL)
		*nhits = s.nhits;
	for (i = 0; i < s.nhits && s.o->fn != NULL; i++)
		if (s.o->fn(s.o->payload, &s.hits[i]) != 0)
			break;
out:
	release_langs(&s);
	kll__arena_free(&s.arena);
	kll__buf_free(&s.qfold);
	kll__buf_free(&s.fold);
	kll__buf_free(&s.stems);
	free(s.w);
	free(s.st);
	free(s.hits);
	return st;
}

/* ------------------------------------------------------------------ */
/* The ids of the search path, and the one a mistyped name meant        */

typedef struct idlist {
	char **v;
	size_t n, cap;
} idlist;

static int
cmp_id(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add the ids of one folder of the path: its *.ttl files.  -1 when out
 * of memory. */
static int
add_dir(idlist *l, const char *dir, size_t dlen)
{
	char *path, **p;
	struct dirent *e;
	size_t n, cap;
	DIR *d;
	int r = 0;

	if (dlen == 0)
		return 0;
	if ((path = kll__malloc(dlen + 1)) == NULL)
		return -1;
	memcpy(path, dir, dlen);
	path[dlen] = '\0';
	d = opendir(path);
	free(path);
	while (d != NULL && r == 0 && (e = readdir(d)) != NULL) {
		n = strlen(e->d_name);
		if (n <= 4 || e->d_name[0] == '.' ||
		    strcmp(e->d_name + n - 4, ".ttl") != 0)
			continue;
		if (l->n + 1 >= l->cap) { /* room for the NULL at the end */
			cap = l->cap ? 2 * l->cap : 32;
			if ((p = kll__realloc(l->v, cap * sizeof(*p))) == NULL) {
				r = -1;
				break;
			}
			l->v = p;
			l->cap = cap;
		}
		if ((l->v[l->n] = kll__strdup(e->d_name)) == NULL)
			r = -1;
		else
			l->v[l->n++][n - 4] = '\0';
	}
	if (d != NULL)
		closedir(d);
	return r;
}

static int
add_path(idlist *l, const char *list)
{
	const char *p = list, *colon;

	while (p != NULL && *p != '\0') {
		colon = strchr(p, ':');
		if (add_dir(l, p, colon ? (size_t)(colon - p) : strlen(p)) < 0)
			return -1;
		p = colon ? colon + 1 : NULL;
	}
	return 0;
}

void
kll_vocab_ids_free(char **ids)
{
	size_t i;

	for (i = 0; ids != NULL && ids[i] != NULL; i++)
		free(ids[i]);
	free(ids);
}

kll_status
kll_vocab_ids(char ***out, size_t *n, const char *dirs, kll_error *err)
{
	idlist l = { NULL, 0, 0 };
	size_t i, j;

	*out = NULL;
	if (n != NULL)
		*n = 0;
	if (add_path(&l, dirs) < 0 || add_path(&l, getenv("KLL_PATH")) < 0 ||
	    add_path(&l, kll_vocab_datadir()) < 0 ||
	    (l.v == NULL && (l.v = kll__calloc(1, sizeof(*l.v))) == NULL)) {
		if (l.v != NULL)
			l.v[l.n] = NULL;
		kll_vocab_ids_free(l.v);
		return kll__nomem(err);
	}
	qsort(l.v, l.n, sizeof(*l.v), cmp_id);
	for (i = j = 0; i < l.n; i++) {
		if (j > 0 && strcmp(l.v[j - 1], l.v[i]) == 0)
			free(l.v[i]);
		else
			l.v[j++] = l.v[i];
	}
	l.v[j] = NULL;
	*out = l.v;
	if (n != NULL)
		*n = j;
	return KLL_OK;
}

/* name without case and the punctuation of ids, for comparing. */
static void
squash(char *out, size_t size, const char *name)
{
	size_t j = 0;

	for (; *name != '\0' && j + 1 < size; name++)
		if (*name != '-' && *name != '_' && *name != '.')
			out[j++] = (char)(*name >= 'A' && *name <= 'Z' ?
			        *name - 'A' + 'a' :
			        *name);
	out[j] = '\0';
}

/* What "name" may have meant, into msg: an id a few edits away, else
 * the ids it begins (up to three), ignoring case and punctuation. */
static void
suggest_id(char *msg, size_t size, const char *name, char **ids, size_t n)
{
	char a[128], b[128];
	const char *best, *pre[3];
	size_t i, npre = 0, more = 0;

	*msg = '\0';
	squash(a, sizeof(a), name);
	for (i = 0; i < n; i++) {
		squash(b, sizeof(b), ids[i]);
		if (strcmp(a, b) == 0) {
			snprintf(msg, size, " (did you mean '%s'?)", ids[i]);
			return;
		}
		if (*a != '\0' && strncmp(a, b, strlen(a)) == 0) {
			if (npre < 3)
				pre[npre++] = ids[i];
			else
				more = 1;
		}
	}
	if ((best = kll__closest(name, (const char *const *)ids, n)) != NULL)
		snprintf(msg, size, " (did you mean '%s'?)", best);
	else if (npre == 1)
		snprintf(msg, size, " (did you mean '%s'?)", pre[0]);
	else if (npre == 2)
		snprintf(msg, size, " (did you mean '%s' or '%s'?)", pre[0],
		    pre[1]);
	else if (npre == 3)
		snprintf(msg, size, " (did you mean '%s', '%s'%s '%s'?)",
		    pre[0], pre[1], more ? ", ..." : " or", pre[2]);
}

void
kll__vocab_id_hint(char *hint, size_t size, const char *name, const char *dirs)
{
	char **ids = NULL;
	size_t n;

	/* Only a name that could be an id gets a suggestion; out of
	 * memory only loses it. */
	*hint = '\0';
	if (strchr(name, '/') == NULL && strchr(name, ':') == NULL &&
	    kll_vocab_ids(&ids, &n, dirs, NULL) == KLL_OK)
		suggest_id(hint, size, name, ids, n);
	kll_vocab_ids_free(ids);
}

/* ------------------------------------------------------------------ */
/* Suggestions                                                          */

const kll_concept *
kll_vocab_suggest(const kll_vocab *v, const char *code)
{
	const char **notes;
	const char *best;
	size_t i, n = kll_vocab_count(v);
	const kll_concept *c;

	if (n == 0 || (notes = kll__calloc(n, sizeof(*notes))) == NULL)
		return NULL; /* out of memory: no suggestion */
	for (i = 0; i < n; i++)
		notes[i] = kll_concept_notation(kll_vocab_at(v, i));
	best = kll__closest(code, notes, n);
	c = best != NULL && *best != '\0' ? kll_vocab_find(v, best) : NULL;
	free(notes);
	return c;
}
