/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lang.c: the shape of a language tag, as every option that takes one
 * checks it. */
#include "internal.h"

int
kll_lang_ok(const char *s)
{
	if (s == NULL || *s == '\0' || *s == '-')
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		        (*s >= '0' && *s <= '9') || *s == '-'))
			return 0;
	return 1;
}
