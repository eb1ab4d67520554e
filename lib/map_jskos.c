/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "map_load.h"
void
kll__read_jskos(kll__kin *k, const char *text, size_t n)
{
	(void)text, (void)n;
	kll__kin_report(k, KLL_SEV_ERROR, 0, 0, "key-format", "no JSKOS");
}
kll_status
kll__write_jskos(const kll_mapset *m, FILE *out, const size_t *order,
    kll_export_stats *stats, kll_error *err)
{
	(void)m, (void)out, (void)order, (void)stats;
	return kll__error_set(err, KLL_EARG, NULL, 0, 0, "no JSKOS");
}
