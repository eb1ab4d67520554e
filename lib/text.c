/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* text.c: text as libkll reads and compares it: lines read into a
 * kll__buf, UTF-8 checks, folding for matching (libunistring), and the
 * similarity of two texts alone (the label part of the matcher,
 * vocab_match_label.c). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "vocab_match.h"

int
kll__getline(kll__buf *b, FILE *fp)
{
	int ch;

	b->n = 0;
	while ((ch = getc(fp)) != EOF) {
		if (kll__buf_addc(b, (char)ch) < 0)
			return -1;
		if (ch == '\n')
			break;
	}
	if (b->n == 0)
		return 0;
	/* kll__buf_addc() leaves room for the NUL. */
	b->p[b->n] = '\0';
	return 1;
}

/* ASCII, the most of what is checked, eight bytes at a time; the rest
 * from the first word that has other bytes. */
int
kll__utf8_valid(const char *s, size_t n, size_t *bad)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + n;
	uint64_t w;

	while (end - p >= 8) {
		memcpy(&w, p, 8);
		if (w & 0x8080808080808080u)
			break;
		p += 8;
	}
	if ((p = u8_check(p, (size_t)(end - p))) == NULL)
		return 1;
	if (bad != NULL)
		*bad = (size_t)(p - (const uint8_t *)s);
	return 0;
}

char *
kll_text_fold(const char *s)
{
	uint8_t *folded, *out;
	size_t n = 0, i, j;
	ucs4_t uc;
	int len;

	/* errno tells the two failures apart: EILSEQ, or malloc's ENOMEM. */
	if (!kll__utf8_valid(s, strlen(s), NULL)) {
		errno = EILSEQ;
		return NULL;
	}
	/* Case-fold and decompose, then drop the combining marks: "Å" and
	 * "a" compare equal, as a user typing a search expects. */
	folded = u8_casefold(
	    (const uint8_t *)s, strlen(s), NULL, UNINORM_NFD, NULL, &n);
	if (folded == NULL)
		return NULL;
	if ((out = kll__malloc(n + 1)) == NULL) {
		free(folded);
		return NULL;
	}
	for (i = j = 0; i < n; i += (size_t)len) {
		len = u8_mbtouc(&uc, folded + i, n - i);
		if (uc_is_general_category(uc, UC_MARK))
			continue;
		memcpy(out + j, folded + i, (size_t)len);
		j += (size_t)len;
	}
	out[j] = '\0';
	free(folded);
	return (char *)out;
}

/* Two texts compared alone: a matcher with no vocabularies, whose words
 * all weigh 1. */
double
kll_text_similarity(const char *a, const char *b, kll_text_sim *detail)
{
	kll_match m;
	plabel pa, pb;
	kll_text_sim r;

	memset(&r, 0, sizeof(r));
	memset(&m, 0, sizeof(m));
	if (kll__match_prep_label(&m, a, "", 1, &pa) == 0 &&
	    kll__match_prep_label(&m, b, "", 1, &pb) == 0)
		kll__match_label_sim(&m, &pa, &pb, &r);
	kll__match_words_free(&m);
	if (detail != NULL)
		*detail = r;
	return r.score;
}
