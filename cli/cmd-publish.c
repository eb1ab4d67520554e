/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd-publish.c: kll-publish, a folder of SKOS dumps and translation
 * keys with its DCAT-AP-SE catalog for Sveriges dataportal. */
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage_text[] =
    "usage: kll-publish [-q] [-c config] [-L dirs] [--keys-dir=dir]\n"
    "           [-s key=value] [--KEY=value] -o dir [vocab ...] [key ...]\n"
    "       kll-publish --check [-c config] [options] [vocab ...] [key ...]\n";

static const char help_text[] =
    "\n"
    "Write a folder for Sveriges dataportal: each vocabulary as SKOS+XKOS in\n"
    "Turtle, RDF/XML and N-Triples and as a CSV code list, each key\n"
    "(*.sssom.tsv) as canonical SSSOM/TSV, SKOS mapping triples and an XKOS\n"
    "correspondence, catalog.rdf (DCAT-AP-SE) describing them all, and\n"
    "index.html.  The catalog is checked first, every file is read back,\n"
    "and the folder replaces DIR only when complete.  Without operands,\n"
    "every vocabulary of the first INDEX on the search path and every key\n"
    "of the mappings folder beside it is published.\n"
    "\n"
    "  -o, --output=DIR       the folder to write (replaced when complete;\n"
    "                         it keeps the mode of the folder it replaces;\n"
    "                         a symbolic link: the folder it names)\n"
    "      --private          folders 0700 and files 0600, readable by you\n"
    "                         only (else 0777 and 0666 less the umask)\n"
    "  -c, --config=FILE      the publisher's details: key = value lines\n"
    "  -L, --vocab-path=DIRS  folders to search for vocabularies first\n"
    "      --keys-dir=DIR     where the keys are (default: mappings beside\n"
    "                         the vocabulary folder)\n"
    "  -s, --set=KEY=VALUE    set any configuration key, such as\n"
    "                         theme.ssyk-2012=SOCI; repeatable\n"
    "      --KEY=VALUE        the configuration key KEY: publisher,\n"
    "                         publisher-en, orgnr, publisher-type, email,\n"
    "                         contact-name, contact-type, base-url,\n"
    "                         homepage, title-sv, title-en, description-sv,\n"
    "                         description-en, language, issued, modified,\n"
    "                         theme, vocab-license, key-license,\n"
    "                         availability, spatial (options win over the\n"
    "                         configuration file)\n"
    "      --check            check the catalog only and write nothing\n"
    "      --format=FORMAT    diagnostics as text (default) or json lines\n"
    "                         on stdout\n"
    "  -q, --quiet            no notes and no summary\n"
    "  -h, --help             this text;  -V, --version  the version\n"
    "\n"
    "Exit status: 0 written (or, with --check, no error), 1 --check found\n"
    "errors, 2 nothing was written.\n";

/* The configuration keys that are also options, in kll_pubconf order. */
static const char *const conf_opts[] = {
	"publisher",
	"publisher-en",
	"orgnr",
	"publisher-type",
	"email",
	"contact-name",
	"contact-type",
	"base-url",
	"homepage",
	"title-sv",
	"title-en",
	"description-sv",
	"description-en",
	"language",
	"issued",
	"modified",
	"theme",
	"vocab-license",
	"key-license",
	"availability",
	"spatial",
};
#define NCONF (sizeof(conf_opts) / sizeof(conf_opts[0]))

enum { OPT_KEYS = 256, OPT_CHECK, OPT_FORMAT, OPT_CONF = 512 };

static const struct option fixed_opts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "private", no_argument, NULL, OPT_PRIVATE },
	{ "config", required_argument, NULL, 'c' },
	{ "vocab-path", required_argument, NULL, 'L' },
	{ "keys-dir", required_argument, NULL, OPT_KEYS },
	{ "set", required_argument, NULL, 's' },
	{ "check", no_argument, NULL, OPT_CHECK },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
};
#define NFIXED (sizeof(fixed_opts) / sizeof(fixed_opts[0]))

#define MAX_SETS 256

typedef struct setting {
	const char *key; /* NULL: "key=value" in value */
	const char *value;
	char where[64];
} setting;

typedef struct pub {
	const char *output, *config, *dirs, *keys_dir;
	int check, json, quiet, owner_only;
	setting set[MAX_SETS];
	size_t nset;
	size_t nerrors; /* error diagnostics printed */
} pub;

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
		return usage_error(usage_text, "too many settings");
	s = &p->set[p->nset++];
	s->key = key, s->value = value;
	snprintf(s->where, sizeof(s->where), "--%s", opt);
	return 0;
}

static int
parse_args(pub *p, int argc, char **argv)
{
	struct option longopts[NFIXED + NCONF + 1];
	size_t i;
	int ch;

	memcpy(longopts, fixed_opts, sizeof(fixed_opts));
	for (i = 0; i < NCONF; i++) {
		longopts[NFIXED + i].name = conf_opts[i];
		longopts[NFIXED + i].has_arg = required_argument;
		longopts[NFIXED + i].flag = NULL;
		longopts[NFIXED + i].val = OPT_CONF + (int)i;
	}
	memset(&longopts[NFIXED + NCONF], 0, sizeof(longopts[0]));
	optind = 1;
	argv[0] = (char *)progname; /* getopt's messages name it */
	while ((ch = getopt_long(argc, argv, "o:c:L:s:qhV", longopts, NULL)) !=
	       -1) {
		switch (ch) {
		case 'o':
			p->output = optarg;
			break;
		case 'c':
			p->config = optarg;
			break;
		case 'L':
			p->dirs = optarg;
			break;
		case OPT_KEYS:
			p->keys_dir = optarg;
			break;
		case 's':
			if (add_setting(p, NULL, optarg, "set") != 0)
				return EXIT_TROUBLE;
			break;
		case OPT_CHECK:
			p->check = 1;
			break;
		case OPT_PRIVATE:
			p->owner_only = 1;
			break;
		case OPT_FORMAT:
			if (parse_format(usage_text, optarg, &p->json) != 0)
				return EXIT_TROUBLE;
			break;
		case 'q':
			p->quiet = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			fputs(help_text, stdout);
			return -1;
		case 'V':
			printf("kll-publish %s\n", KLL_VERSION);
			return -1;
		default:
			if (ch >= OPT_CONF && ch < OPT_CONF + (int)NCONF) {
				if (add_setting(p, conf_opts[ch - OPT_CONF],
				        optarg, conf_opts[ch - OPT_CONF]) != 0)
					return EXIT_TROUBLE;
				break;
			}
			return usage_error(usage_text, NULL);
		}
	}
	if (p->output == NULL && !p->check)
		return usage_error(usage_text, "no output folder: give -o dir");
	if (p->output != NULL && p->check)
		return usage_error(usage_text, "--check writes nothing: no -o");
	return 0;
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

static void
catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
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
	catch_signals();
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
	if ((rc = parse_args(&p, argc, argv)) != 0)
		return rc < 0 ? finish(EXIT_OK) : rc;
	if ((conf = configure(&p)) == NULL)
		return EXIT_TROUBLE;
	po.dirs = p.dirs, po.diag = on_diag, po.payload = &p;
	po.stop = stop_now;
	po.owner_only = p.owner_only;
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
