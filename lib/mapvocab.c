/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* mapvocab.c: the vocabularies on the two sides of a key, found from its
 * subject_source and object_source, and the concepts its records name. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char *
source_slot(kll_side side)
{
	return side == KLL_SUBJECT ? "subject_source" : "object_source";
}

kll_status
kll_mapset_vocab(kll_vocab **out, const kll_mapset *m, kll_side side,
    const char *dirs, const kll_load_opts *lo, kll_error *err)
{
	const char *src = kll_mapset_meta(m, source_slot(side));
	char iri[1024];
	size_t n;

	*out = NULL;
	if (src == NULL || *src == '\0')
		return kll__error_set(err, KLL_ENOTFOUND, kll_mapset_path(m), 0,
		    0, "no %s in the metadata: name the vocabulary",
		    source_slot(side));
	n = kll_mapset_expand(m, src, iri, sizeof(iri));
	if (n == 0 || n >= sizeof(iri))
		snprintf(iri, sizeof(iri), "%s", src); /* an IRI or an id */
	return kll_vocab_open(out, iri, dirs, lo, err);
}

const kll_concept *
kll_mapset_concept(
    const kll_mapset *m, size_t rec, kll_side side, const kll_vocab *v)
{
	const char *id = kll_mapset_get(m, rec,
	    side == KLL_SUBJECT ? KLL_SLOT_SUBJECT_ID : KLL_SLOT_OBJECT_ID);
	char iri[1024];
	size_t n;

	if (id == NULL || v == NULL)
		return NULL;
	n = kll_mapset_expand(m, id, iri, sizeof(iri));
	if (n == 0 || n >= sizeof(iri))
		return NULL;
	return kll_vocab_find_iri(v, iri);
}
