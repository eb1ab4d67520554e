/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* encoding.c: --encoding of the commands that read tables (kll-map apply
 * and import, kll-vocab import), and their errors that carry a rule. */
#include "cli.h"

int
parse_encoding(const char *arg, const char **out)
{
	kll_error err;

	if (kll_encoding_check(arg, &err) != KLL_OK)
		return usage_error("%s", err.msg);
	*out = arg;
	return 0;
}

void
report_table_error(const kll_error *err)
{
	kll_error d = *err;

	if (d.rule[0] == '\0') {
		report(&d);
		return;
	}
	d.severity = KLL_SEV_ERROR;
	print_diag(stderr, &d, 0);
}
