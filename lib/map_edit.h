/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map_edit.h: what the files that edit keys (map_filter.c, map_merge.c)
 * share. */
#ifndef KLL_MAP_EDIT_H
#define KLL_MAP_EDIT_H

#include "internal.h"

/* Record "rec" of "from" appended to "to" (*out, may be NULL, gets its
 * index), or, with "over" below kll_mapset_count(to), written over record
 * "over" of "to": every slot and non-standard column, the empty ones
 * cleared. */
kll_status kll__mapset_copy_record(kll_mapset *to, size_t over,
    const kll_mapset *from, size_t rec, size_t *out, kll_error *err);

/* Set the mapping_cardinality of each record of m that has one to the
 * shape the record has now, after records were added or left out. */
kll_status kll__mapset_recount(kll_mapset *m, kll_error *err);

#endif
