/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* main.c: kll-CMD, built once per command with KLL_CMD set to its entry. */
#include "cli.h"

int
main(int argc, char **argv)
{
	return KLL_CMD(argc, argv);
}
