/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map_rdf_in.c: a key read from RDF: SSSOM/RDF, SKOS mapping triples or
 * an XKOS correspondence. */
#include <string.h>

#include "map_load.h"

void
kll__read_rdf(kll__kin *k, const char *text, size_t n, kll_key_format fmt,
    const char *path)
{
	(void)text, (void)n, (void)path;
	kll__kin_report(k, KLL_SEV_ERROR, 0, 0, "sssom-format-unread",
	    "reading keys from %s is not supported", kll_key_format_name(fmt));
}
