/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd-store.c: kll-store, vocabularies and keys in a shared librdf store
 * (SQLite or PostgreSQL), one named graph each. */
#include <dirent.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

static const char usage_text[] =
    "usage: kll-store load|sync [-q] [--prune] [store options] "
    "[file|folder ...]\n"
    "       kll-store list [store options]\n"
    "       kll-store drop [-q] [store options] name ...\n";

static const char help_text[] =
    "\n"
    "Keep vocabularies (RDF) and keys (SSSOM/TSV, stored as SSSOM/RDF) in a\n"
    "librdf triple store, one named graph each, for kll-query and others.\n"
    "\n"
    "Subcommands:\n"
    "  load   put each file in the store, replacing its graph in one\n"
    "         transaction (default: the installed vocabularies and keys)\n"
    "  sync   the same, but only the files whose bytes changed\n"
    "  list   the graphs, with kind, triple count and source\n"
    "  drop   remove graphs by name\n"
    "\n"
    "load and sync print one line per graph: what happened (added,\n"
    "replaced, unchanged, removed), kind, name, old and new triple count.\n"
    "\n"
    "      --storage=NAME       librdf storage: sqlite (default) or\n"
    "                           postgresql\n"
    "      --storage-name=NAME  the SQLite file, or the PostgreSQL model\n"
    "      --storage-options=OPTS  librdf options (host='h',port='5432',\n"
    "                           database='d',user='u'); @FILE reads them\n"
    "                           from FILE.  Never put a password here:\n"
    "                           use @FILE, PGPASSWORD or ~/.pgpass\n"
    "      --prune              sync: also drop the graphs of no file given\n"
    "  -q, --quiet              no summary on stderr\n"
    "  -h, --help               this text;  -V, --version  the version\n"
    "Without --storage-name, KLL_STORE=STORAGE:NAME names the store and\n"
    "KLL_STORE_OPTIONS gives its options.\n"
    "\n"
    "Exit status: 0 done, 2 a usage error, a file that cannot be read, or\n"
    "a store that cannot be opened or written (its graphs stay as they\n"
    "were).\n";

enum { OPT_STORAGE = 256, OPT_STORAGE_NAME, OPT_STORAGE_OPTS, OPT_PRUNE };

static const struct option longopts[] = {
	{ "storage", required_argument, NULL, OPT_STORAGE },
	{ "storage-name", required_argument, NULL, OPT_STORAGE_NAME },
	{ "storage-options", required_argument, NULL, OPT_STORAGE_OPTS },
	{ "prune", no_argument, NULL, OPT_PRUNE },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

typedef struct files {
	char **v;
	size_t n, cap;
} files;

static int
files_add(files *f, const char *dir, const char *name)
{
	size_t len = strlen(dir) + strlen(name) + 2;
	char *p;

	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 32;
		char **v = realloc(f->v, cap * sizeof(*v));
		if (v == NULL)
			return -1;
		f->v = v;
		f->cap = cap;
	}
	if ((p = malloc(len)) == NULL)
		return -1;
	if (*dir != '\0')
		snprintf(p, len, "%s/%s", dir, name);
	else
		snprintf(p, len, "%s", name);
	f->v[f->n++] = p;
	return 0;
}

static void
files_free(files *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		free(f->v[i]);
	free(f->v);
}

static int
by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
wanted(const char *name)
{
	static const char *const ends[] = { ".ttl", ".nt", ".rdf",
		".sssom.tsv" };
	size_t n = strlen(name), i, m;

	for (i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
		m = strlen(ends[i]);
		if (n > m && strcmp(name + n - m, ends[i]) == 0)
			return 1;
	}
	return 0;
}

/* The vocabularies and keys of folder "dir", sorted; a missing folder
 * adds nothing when "quiet_missing". */
static int
add_folder(files *f, const char *dir, int quiet_missing)
{
	DIR *d;
	struct dirent *e;
	size_t first = f->n;

	if ((d = opendir(dir)) == NULL) {
		if (quiet_missing)
			return 0;
		errmsg("%s: cannot open folder", dir);
		return -1;
	}
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.' && wanted(e->d_name) &&
		    files_add(f, dir, e->d_name) < 0) {
			closedir(d);
			errmsg("out of memory");
			return -1;
		}
	closedir(d);
	qsort(f->v + first, f->n - first, sizeof(*f->v), by_str);
	return 0;
}

/* The operands, folders expanded; none: the installed data. */
static int
collect(files *f, int argc, char **argv)
{
	struct stat sb;
	char buf[4096];
	const char *dd;
	int i;

	if (argc == 0) {
		dd = kll_vocab_datadir();
		snprintf(buf, sizeof(buf), "%s/../mappings", dd);
		return add_folder(f, dd, 0) < 0 || add_folder(f, buf, 1) < 0 ?
		           -1 :
		           0;
	}
	for (i = 0; i < argc; i++) {
		if (stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
			if (add_folder(f, argv[i], 0) < 0)
				return -1;
		} else if (files_add(f, "", argv[i]) < 0) {
			errmsg("out of memory");
			return -1;
		}
	}
	return 0;
}

typedef struct tally {
	size_t n[4];
} tally;

static void
print_change(kll_store_change c, const kll_store_graph *g, size_t old)
{
	printf("%s\t%s\t%s\t%zu\t%zu\n", kll_store_change_name(c), g->kind,
	    g->name, old, c == KLL_STORE_REMOVED ? 0 : g->triples);
}

static int
in_names(const char *name, char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (names[i] != NULL && strcmp(names[i], name) == 0)
			return 1;
	return 0;
}

/* sync --prune: drop what no file gave. */
static int
prune(kll_store *s, char **names, size_t n, tally *t)
{
	kll_error err;
	kll_store_graph g;
	size_t ng, i, k = 0;
	char **drop;
	int rc = EXIT_OK;

	if (kll_store_list(s, &ng, &err) != KLL_OK) {
		report(&err);
		return EXIT_TROUBLE;
	}
	if ((drop = calloc(ng + 1, sizeof(*drop))) == NULL) {
		errmsg("out of memory");
		return EXIT_TROUBLE;
	}
	for (i = 0; i < ng; i++)
		if (!in_names(kll_store_graph_at(s, i)->name, names, n))
			drop[k++] = strdup(kll_store_graph_at(s, i)->name);
	for (i = 0; i < k; i++) {
		if (drop[i] == NULL ||
		    kll_store_drop(s, drop[i], &g, &err) != KLL_OK) {
			report(&err);
			rc = EXIT_TROUBLE;
		} else {
			print_change(KLL_STORE_REMOVED, &g, g.triples);
			t->n[KLL_STORE_REMOVED]++;
		}
		free(drop[i]);
	}
	free(drop);
	return rc;
}

static int
do_load(kll_store *s, files *f, int only_changed, int pruning, tally *t)
{
	kll_error err;
	kll_store_graph g;
	kll_store_change c;
	size_t i, old;
	char **names;
	int rc = EXIT_OK;

	if ((names = calloc(f->n + 1, sizeof(*names))) == NULL) {
		errmsg("out of memory");
		return EXIT_TROUBLE;
	}
	for (i = 0; i < f->n; i++) {
		if (kll_store_load(s, f->v[i], only_changed, &c, &g, &old,
		        &err) != KLL_OK) {
			report(&err);
			rc = EXIT_TROUBLE;
			continue;
		}
		print_change(c, &g, old);
		fflush(stdout);
		t->n[c]++;
		names[i] = strdup(g.name);
	}
	if (pruning && rc == EXIT_OK)
		rc = prune(s, names, f->n, t);
	for (i = 0; i < f->n; i++)
		free(names[i]);
	free(names);
	return rc;
}

static int
do_list(kll_store *s)
{
	kll_error err;
	const kll_store_graph *g;
	size_t n, i;

	if (kll_store_list(s, &n, &err) != KLL_OK) {
		report(&err);
		return EXIT_TROUBLE;
	}
	for (i = 0; i < n; i++) {
		g = kll_store_graph_at(s, i);
		printf("%s\t%s\t%zu\t%s\n", g->name, g->kind, g->triples,
		    g->source);
	}
	return EXIT_OK;
}

static int
do_drop(kll_store *s, int argc, char **argv, tally *t)
{
	kll_error err;
	kll_store_graph g;
	int i, rc = EXIT_OK;

	for (i = 0; i < argc; i++) {
		if (kll_store_drop(s, argv[i], &g, &err) != KLL_OK) {
			report(&err);
			rc = EXIT_TROUBLE;
			continue;
		}
		print_change(KLL_STORE_REMOVED, &g, g.triples);
		t->n[KLL_STORE_REMOVED]++;
	}
	return rc;
}

static int
run(const char *sub, kll_store_opts *o, int argc, char **argv, int prune_,
    int quiet)
{
	kll_store *s = NULL;
	kll_error err;
	files f = { 0 };
	tally t = { { 0 } };
	int rc, loading = strcmp(sub, "load") == 0 || strcmp(sub, "sync") == 0;

	if (loading && collect(&f, argc, argv) < 0) {
		files_free(&f);
		return EXIT_TROUBLE;
	}
	o->create = loading;
	if (kll_store_open(&s, o, &err) != KLL_OK) {
		report(&err);
		files_free(&f);
		return EXIT_TROUBLE;
	}
	if (loading)
		rc = do_load(s, &f, strcmp(sub, "sync") == 0, prune_, &t);
	else if (strcmp(sub, "list") == 0)
		rc = do_list(s);
	else
		rc = do_drop(s, argc, argv, &t);
	if (!quiet && strcmp(sub, "list") != 0)
		fprintf(stderr,
		    "%s: %s: %zu added, %zu replaced, %zu unchanged, %zu "
		    "removed\n",
		    progname, kll_store_name(s), t.n[0], t.n[1], t.n[2],
		    t.n[3]);
	kll_store_free(s);
	files_free(&f);
	return finish(rc);
}

int
cmd_store(int argc, char **argv)
{
	kll_store_opts o = KLL_STORE_OPTS_INIT;
	const char *sub;
	int ch, quiet = 0, prune_ = 0;

	progname = "kll-store";
	while ((ch = getopt_long(argc, argv, "+qhV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			fputs(usage_text, stdout);
			fputs(help_text, stdout);
			return finish(EXIT_OK);
		case 'V':
			printf("kll-store %s\n", KLL_VERSION);
			return finish(EXIT_OK);
		default:
			return usage_error_text(usage_text, NULL);
		}
	}
	if (optind >= argc)
		return usage_error_text(usage_text, "no subcommand");
	sub = argv[optind];
	if (strcmp(sub, "load") != 0 && strcmp(sub, "sync") != 0 &&
	    strcmp(sub, "list") != 0 && strcmp(sub, "drop") != 0)
		return usage_error_text(usage_text, "unknown subcommand '%s'", sub);
	argc -= optind;
	argv += optind;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "qhV", longopts, NULL)) != -1) {
		switch (ch) {
		case OPT_STORAGE:
			o.storage = optarg;
			break;
		case OPT_STORAGE_NAME:
			o.name = optarg;
			break;
		case OPT_STORAGE_OPTS:
			o.options = optarg;
			break;
		case OPT_PRUNE:
			prune_ = 1;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			fputs(help_text, stdout);
			return finish(EXIT_OK);
		case 'V':
			printf("kll-store %s\n", KLL_VERSION);
			return finish(EXIT_OK);
		default:
			return usage_error_text(usage_text, NULL);
		}
	}
	argc -= optind;
	argv += optind;
	if (prune_ && strcmp(sub, "sync") != 0)
		return usage_error_text(usage_text, "--prune is for sync");
	if (strcmp(sub, "list") == 0 && argc > 0)
		return usage_error_text(usage_text, "list takes no operand");
	if (strcmp(sub, "drop") == 0 && argc == 0)
		return usage_error_text(usage_text, "drop needs a graph name");
	return run(sub, &o, argc, argv, prune_, quiet);
}
