/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd-map.c: kll-map, whose subcommands live in cli/map-*.c. */
#include "cli.h"

static const cli_cmd *const subs[] = { &map_import_cmd, &map_check_cmd,
	&map_stats_cmd, &map_compose_cmd, &map_invert_cmd, &map_apply_cmd,
	&map_export_cmd, &map_learn_cmd, &map_fmt_cmd, &map_merge_cmd,
	&map_dedupe_cmd, &map_filter_cmd, &map_split_cmd, &map_annotate_cmd,
	&map_report_cmd,
	NULL };

const cli_cmd map_cmd = {
	.name = "kll-map",
	.about = "A translation key is an SSSOM mapping set between two "
	         "vocabularies.\n",
	.after = "'kll-map SUBCOMMAND --help' describes each.\n",
	.subs = subs,
};

int
cmd_map(int argc, char **argv)
{
	progname = "kll-map";
	return cli_dispatch(&map_cmd, argc, argv);
}
