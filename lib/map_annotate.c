/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map_annotate.c: a set slot of a key set or removed, the records too
 * where the slot is propagatable, so that they cannot bring the old
 * value back when the set is written. */
#include <string.h>

#include "internal.h"

kll_status
kll_mapset_annotate(
    kll_mapset *m, const char *slot, const char *value, kll_error *err)
{
	kll_slot s = kll_slot_from_name(slot);
	kll_status st;
	size_t rec;

	if (value != NULL && *value == '\0')
		value = NULL;
	if ((st = kll_mapset_set_meta(m, slot, value, err)) != KLL_OK)
		return st;
	if (s == KLL_SLOT__COUNT || !kll_slot_propagatable(s))
		return KLL_OK;
	for (rec = 0; rec < kll_mapset_count(m); rec++)
		if ((st = kll_mapset_set(m, rec, s, value, err)) != KLL_OK)
			return st;
	return KLL_OK;
}
