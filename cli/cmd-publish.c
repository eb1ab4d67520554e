/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd-publish.c: kll-publish, a folder of SKOS dumps and translation
 * keys with its DCAT-AP-SE catalog for Sveriges dataportal. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The configuration keys that are also options are OPT_CONF + i. */
enum { OPT_FORMAT = 256, OPT_CONF = 512 };

#define SET(m) CLI_SET(pub, m)

#define MAX_SETS 256

typedef struct setting {
	const char *key; /* NULL: "key=value" in value */
	const char *value;
	char where[64];
} setting;

typedef struct pub {
	const char *output, *config, *dirs, *keys_dir;
	int check, json, quiet, owner_only, clean, force;
	setting set[MAX_SETS];
	size_t nset;
	size_t nerrors; /* error diagnostics printed */
} pub;

static const cli_opt options[] = {
	{ "check", CLI_AUTO, NULL, "check the catalog only and write nothing",
	    .usage = CLI_U2 | CLI_R2, .set = SET(check) },
	{ "quiet", 'q', NULL, "no notes and no summary", .usage = CLI_U1,
	    .set = SET(quiet) },
	{ "config", 'c', "config", "the publisher's details: key = value lines",
	    .usage = CLI_U1 | CLI_U2, .set = SET(config) },
	{ "vocab-path", 'L', "dirs", "folders to search for vocabularies first",
	    .usage = CLI_U1, .set = SET(dirs) },
	{ "keys-dir", CLI_AUTO, "dir",
	    "where the keys are (default: mappings beside the vocabulary "
	    "folder)",
	    .usage = CLI_U1, .set = SET(keys_dir) },
	{ "set", 's', "key=value",
	    "set any configuration key, such as theme.ssyk-2012=SOCI; "
	    "repeatable",
	    .usage = CLI_U1 },
	{ "KEY", 0, "value",
	    "the configuration key KEY: publisher, publisher-en, orgnr, "
	    "publisher-type, email, contact-name, contact-type, base-url, "
	    "homepage, title-sv, title-en, description-sv, description-en, "
	    "language, issued, modified, theme, vocab-license, key-license, "
	    "availability, spatial (options win over the configuration file; "
	    "--set for the others)",
	    .usage = CLI_U1 },
	{ "output", 'o', "dir",
	    "the folder to write (replaced when complete; it keeps the mode of "
	    "the folder it replaces; a symbolic link: the folder it names)",
	    .usage = CLI_U1 | CLI_R1, .set = SET(output) },
	{ "clean", CLI_AUTO, NULL,
	    "leave out the files and folders of dir that kll-publish did not "
	    "write (else they are kept)",
	    .set = SET(clean) },
	{ "force", CLI_AUTO, NULL,
	    "publish into a folder kll-publish did not write, and replace "
	    "files of others in the way",
	    .set = SET(force) },
	{ "private", OPT_PRIVATE, NULL,
	    "folders 0700 and files 0600, readable by you only (else 0777 and "
	    "0666 less the umask)",
	    .set = SET(owner_only) },
	{ "format", OPT_FORMAT, "text|json",
	    "diagnostics as text (default) or json lines on stdout" },
	{ "publisher", OPT_CONF + 0, "value" },
	{ "publisher-en", OPT_CONF + 1, "value" },
	{ "orgnr", OPT_CONF + 2, "value" },
	{ "publisher-type", OPT_CONF + 3, "value" },
	{ "email", OPT_CONF + 4, "value" },
	{ "contact-name", OPT_CONF + 5, "value" },
	{ "contact-type", OPT_CONF + 6, "value" },
	{ "base-url", OPT_CONF + 7, "value" },
	{ "homepage", OPT_CONF + 8, "value" },
	{ "title-sv", OPT_CONF + 9, "value" },
	{ "title-en", OPT_CONF + 10, "value" },
	{ "description-sv", OPT_CONF + 11, "value" },
	{ "description-en", OPT_CONF + 12, "value" },
	{ "language", OPT_CONF + 13, "value" },
	{ "issued", OPT_CONF + 14, "value" },
	{ "modified", OPT_CONF + 15, "value" },
	{ "theme", OPT_CONF + 16, "value" },
	{ "vocab-license", OPT_CONF + 17, "value" },
	{ "key-license", OPT_CONF + 18, "value" },
	{ "availability", OPT_CONF + 19, "value" },
	{ "spatial", OPT_CONF + 20, "value" },
	CLI_OPT_HELP,
	{ NULL },
};

static volatile sig_atomic_t interrupted;

static void
on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

static int
stop_now(void *payload)
{
	(void)payload;
	return interrupted != 0;
}

static void
on_diag(void *payload, const kll_error *d)
{
	pub *p = payload;

	if (d->severity == KLL_SEV_ERROR)
		p->nerrors++;
	if (p->quiet && d->severity == KLL_SEV_INFO)
		return;
	print_diag(p->json ? stdout : stderr, d, p->json);
}

/* A library error, as a diagnostic when it names a rule. */
static void
fail(pub *p, const kll_error *e)
{
	if (e->rule[0] != '\0') {
		on_diag(p, e);
		return;
	}
	p->nerrors++;
	report(e);
}

static int
add_setting(pub *p, const char *key, const char *value, const char *opt)
{
	setting *s;

	if (p->nset == MAX_SETS)
		return usage_error("too many settings");
	s = &p->set[p->nset++];
	s->key = key, s->value = value;
	snprintf(s->where, sizeof(s->where), "--%s", opt);
	return 0;
}

static int
on_option(void *ctx, int key, char *arg)
{
	static const char *const formats[] = { "text", "json", NULL };
	const cli_opt *o;
	pub *p = ctx;

	switch (key) {
	case 's':
		return add_setting(p, NULL, arg, "set");
	case OPT_FORMAT:
		return parse_choice(arg, "format", formats, &p->json);
	}
	/* A configuration key given as an option: --KEY=value. */
	for (o = options; o->name != NULL; o++)
		if (key >= OPT_CONF && o->key == key)
			return add_setting(p, o->name, arg, o->name);
	return 0;
}

static int
parse_args(pub *p, int argc, char **argv)
{
	int rc;

	if ((rc = cli_parse(&publish_cmd, argc, argv, on_option, p)) != CLI_GO)
		return rc;
	if (p->output == NULL && !p->check)
		return usage_error("no output folder: give -o dir");
	if (p->output != NULL && p->check)
		return usage_error("--check writes nothing: no -o");
	return CLI_GO;
}

/* The configuration file, then the options, which win. */
static kll_pubconf *
configure(pub *p)
{
	kll_pubconf *c = NULL;
	kll_error err;
	char key[128];
	const char *eq, *k, *v;
	size_t i;

	if (kll_pubconf_new(&c, &err) != KLL_OK) {
		report(&err);
		return NULL;
	}
	if (p->config != NULL &&
	    kll_pubconf_read(c, p->config, on_diag, p, &err) != KLL_OK &&
	    err.rule[0] == '\0')
		fail(p, &err);
	for (i = 0; i < p->nset; i++) {
		k = p->set[i].key;
		v = p->set[i].value;
		if (k == NULL) {
			if ((eq = strchr(v, '=')) == NULL ||
			    (size_t)(eq - v) >= sizeof(key)) {
				errmsg(
				    "--set: expected KEY=VALUE, not '%s'", v);
				p->nerrors++;
				continue;
			}
			snprintf(key, sizeof(key), "%.*s", (int)(eq - v), v);
			k = key;
			v = eq + 1;
		}
		if (kll_pubconf_set(c, k, v, p->set[i].where, 0, &err) !=
		    KLL_OK)
			fail(p, &err);
	}
	return c;
}

static int
is_key(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && strcmp(name + n - 4, ".tsv") == 0;
}

static void
add_operands(pub *p, kll_catalog *cat, int argc, char **argv)
{
	kll_error err;
	int i;

	if (argc == 0) {
		if (kll_catalog_add_all(cat, p->keys_dir, NULL, NULL, &err) !=
		    KLL_OK)
			fail(p, &err);
		return;
	}
	/* The vocabularies first: a key names those of the catalog. */
	for (i = 0; i < argc; i++)
		if (!is_key(argv[i]) &&
		    kll_catalog_add_vocab(cat, argv[i], &err) != KLL_OK)
			fail(p, &err);
	for (i = 0; i < argc; i++)
		if (is_key(argv[i]) &&
		    kll_catalog_add_key(cat, argv[i], &err) != KLL_OK)
			fail(p, &err);
}

static int
run(pub *p, kll_catalog *cat)
{
	size_t nerrors = 0, n = kll_catalog_count(cat);
	kll_error err;

	if (p->check) {
		if (kll_catalog_check(cat, &nerrors, &err) != KLL_OK) {
			report(&err);
			return EXIT_TROUBLE;
		}
		return nerrors > 0 ? EXIT_FOUND : EXIT_OK;
	}
	catch_signals(on_signal);
	if (kll_catalog_publish(cat, p->output, &err) != KLL_OK) {
		if (interrupted)
			errmsg(
			    "%s: interrupted; nothing was changed", p->output);
		else
			report(&err);
		return EXIT_TROUBLE;
	}
	if (!p->quiet)
		fprintf(stderr, "%s: %s: %zu dataset%s\n", progname, p->output,
		    n, n == 1 ? "" : "s");
	return EXIT_OK;
}

int
cmd_publish(int argc, char **argv)
{
	kll_publish_opts po = KLL_PUBLISH_OPTS_INIT;
	kll_catalog *cat = NULL;
	kll_pubconf *conf = NULL;
	kll_error err;
	int rc;
	pub p;

	progname = "kll-publish";
	memset(&p, 0, sizeof(p));
	if ((rc = parse_args(&p, argc, argv)) != CLI_GO)
		return rc;
	if ((conf = configure(&p)) == NULL)
		return EXIT_TROUBLE;
	po.dirs = p.dirs, po.diag = on_diag, po.payload = &p;
	po.stop = stop_now;
	po.owner_only = p.owner_only;
	po.clean = p.clean, po.force = p.force;
	if (kll_catalog_new(&cat, conf, &po, &err) != KLL_OK) {
		report(&err);
		rc = EXIT_TROUBLE;
		goto out;
	}
	add_operands(&p, cat, argc - optind, argv + optind);
	if (p.nerrors > 0) {
		errmsg("%zu error%s: nothing %s", p.nerrors,
		    p.nerrors == 1 ? "" : "s", p.check ? "checked" : "written");
		rc = EXIT_TROUBLE;
		goto out;
	}
	rc = finish(run(&p, cat));
out:
	kll_catalog_free(cat);
	kll_pubconf_free(conf);
	return rc;
}

const cli_cmd publish_cmd = {
	.name = "kll-publish",
	.operands = { "[vocab ...] [key ...]",
	    "[options] [vocab ...] [key ...]" },
	.about =
	    "Write a folder for Sveriges dataportal: each vocabulary as SKOS+XKOS in\n"
	    "Turtle, RDF/XML and N-Triples and as a CSV code list, each key\n"
	    "(*.sssom.tsv) as canonical SSSOM/TSV, SKOS mapping triples and an XKOS\n"
	    "correspondence, catalog.rdf (DCAT-AP-SE) describing them all, and\n"
	    "index.html.  The catalog is checked first, every file is read back,\n"
	    "and the folder replaces DIR only when complete.  kll-publish owns only\n"
	    "the files its last run listed in DIR/.kll-publish-manifest: the others\n"
	    "are kept (--clean: removed).  Without operands,\n"
	    "every vocabulary of the first INDEX on the search path and every key\n"
	    "of the mappings folder beside it is published.\n",
	.opts = options,
	.after =
	    "Exit status: 0 written (or, with --check, no error), 1 --check "
	    "found\nerrors, 2 nothing was written.\n",
	.rules = "publish- sssom- limit-",
};
