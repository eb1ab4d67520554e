/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* map-annotate.c: kll-map annotate, set slots of a key set or removed. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum { OPT_SET = 256, OPT_UNSET };

typedef struct opts {
	const char *output;
	int quiet;
	const char *arg[CLI_MAX_LIST]; /* in the order given */
	int unset[CLI_MAX_LIST];
	size_t n;
} opts;

static int
on_option(void *ctx, int key, char *arg)
{
	opts *o = ctx;
	const char *eq = strchr(arg, '=');

	if (key != OPT_SET && key != OPT_UNSET)
		return 0;
	if (key == OPT_SET && (eq == NULL || eq == arg))
		return usage_error("bad --set '%s': give SLOT=VALUE", arg);
	if (key == OPT_UNSET && (eq != NULL || *arg == '\0'))
		return usage_error("bad --unset '%s': give a slot name", arg);
	if (o->n == CLI_MAX_LIST)
		return usage_error("too many --set and --unset options");
	o->arg[o->n] = arg;
	o->unset[o->n++] = key == OPT_UNSET;
	return 0;
}

/* One --set or --unset on m; -1 after a message. */
static int
apply(kll_mapset *m, const char *arg, int unset)
{
	const char *eq = strchr(arg, '=');
	size_t n = unset ? strlen(arg) : (size_t)(eq - arg);
	kll_error err;
	char slot[128];

	if (n >= sizeof(slot)) {
		errmsg(
		    "--%s: no slot '%.40s...'", unset ? "unset" : "set", arg);
		return -1;
	}
	memcpy(slot, arg, n);
	slot[n] = '\0';
	if (kll_mapset_annotate(m, slot, unset ? NULL : eq + 1, &err) !=
	    KLL_OK) {
		errmsg("--%s %s: %s", unset ? "unset" : "set", arg, err.msg);
		return -1;
	}
	return 0;
}

static const cli_opt options[] = {
	{ "set", OPT_SET, "slot=value",
	    "set (or replace) a slot of the set; repeatable", .usage = CLI_U1 },
	{ "unset", OPT_UNSET, "slot", "remove a slot of the set; repeatable",
	    .usage = CLI_U1 },
	{ "quiet", 'q', NULL, "no warnings", .usage = CLI_U1,
	    .set = CLI_SET(opts, quiet) },
	CLI_OPT_OUTPUT(CLI_U1, CLI_SET(opts, output)),
	CLI_OPT_PRIVATE,
	CLI_OPT_FORCE,
	CLI_OPT_HELP,
	{ NULL },
};

static void
on_diag(void *payload, const kll_error *d)
{
	const opts *o = payload;

	if (d->severity != KLL_SEV_ERROR && o->quiet)
		return;
	print_diag(stderr, d, 0);
}

static int
run(int argc, char **argv)
{
	opts o;
	kll_mapset *m;
	size_t i;
	int rc;

	memset(&o, 0, sizeof(o));
	if ((rc = cli_parse(&map_annotate_cmd, argc, argv, on_option, &o)) !=
	    CLI_GO)
		return rc;
	if (o.n == 0)
		return usage_error("give --set or --unset");
	if ((m = read_key(argv[optind], on_diag, &o, "annotated")) == NULL)
		return EXIT_TROUBLE;
	rc = EXIT_TROUBLE;
	for (i = 0; i < o.n; i++)
		if (apply(m, o.arg[i], o.unset[i]) < 0)
			goto out;
	if (write_mapset(m, o.output) == 0)
		rc = EXIT_OK;
out:
	kll_mapset_free(m);
	return rc == EXIT_TROUBLE ? rc : finish(rc);
}

const cli_cmd map_annotate_cmd = {
	.name = "kll-map annotate",
	.summary = "set or remove slots of a key's metadata",
	.run = run,
	.operands = { "key.sssom.tsv" },
	.about =
	    "Write the key with slots of its set metadata set or removed, in the\n"
	    "order given, as kll-map export --meta sets them: a standard slot\n"
	    "(mapping_set_version, license, publication_date, ...) or any other\n"
	    "key, which becomes a non-standard one.  A slot the records may carry\n"
	    "(subject_source, mapping_tool, mapping_date, ...) is set or removed\n"
	    "in every record too.  Values must fit their slot: a date is\n"
	    "YYYY-MM-DD, an IRI absolute, an entity a CURIE.\n",
	.opts = options,
	.args = { 1, 1, "annotate takes one key" },
	.after = "Exit status: 0 written, 2 the key could not be read, a value "
	         "does not fit\nits slot, a failed write, or a usage error.\n",
	.rules = "sssom- limit-",
};
