/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd-store.c: kll-store, vocabularies and keys in a shared librdf store
 * (SQLite or PostgreSQL), one named graph each. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

typedef struct args {
	kll_store_opts store;
	int quiet, prune;
} args;

#define SET(m) CLI_SET(args, m)
#define STORE_OPTIONS                                                          \
	{ "storage", CLI_AUTO, "NAME",                                         \
	    "librdf storage: sqlite (default) or postgresql",                  \
	    .set = SET(store.storage) },                                       \
	    { "storage-name", CLI_AUTO, "NAME",                                \
		"the SQLite file, or the PostgreSQL model",                    \
		.set = SET(store.name) },                                      \
	{                                                                      \
		"storage-options", CLI_AUTO, "OPTS",                           \
		    "librdf options (host='h',port='5432',database='d',"       \
		    "user='u'); @FILE reads them from FILE.  Never put a "     \
		    "password here: use @FILE, PGPASSWORD or ~/.pgpass",       \
		    .set = SET(store.options)                                  \
	}
#define STORE_QUIET                                                            \
	{                                                                      \
		"quiet", 'q', NULL, "no summary on stderr", .usage = CLI_U1,   \
		    .set = SET(quiet)                                          \
	}
#define STORE_AFTER                                                            \
	"Without --storage-name, KLL_STORE=STORAGE:NAME names the store and\n" \
	"KLL_STORE_OPTIONS gives its options.\n"                               \
	"\n"                                                                   \
	"Exit status: 0 done, 2 a usage error, a file that cannot be read, or\n" \
	"a store that cannot be opened or written (its graphs stay as they\n"  \
	"were).\n"

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

static const cli_cmd store_list_cmd;

static int
sub_run(const cli_cmd *c, int argc, char **argv)
{
	args a = { KLL_STORE_OPTS_INIT, 0, 0 };
	const char *sub = strrchr(c->name, ' ') + 1;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, &a)) != CLI_GO)
		return rc;
	if (c == &store_list_cmd && optind < argc)
		return usage_error("list takes no operand");
	return run(sub, &a.store, argc - optind, argv + optind, a.prune,
	    a.quiet);
}

static int run_load(int argc, char **argv);
static int run_sync(int argc, char **argv);
static int run_list(int argc, char **argv);
static int run_drop(int argc, char **argv);

static const cli_opt load_options[] = {
	STORE_QUIET,
	STORE_OPTIONS,
	CLI_OPT_HELP,
	{ NULL },
};

static const cli_opt sync_options[] = {
	STORE_QUIET,
	{ "prune", CLI_AUTO, NULL, "also drop the graphs of no file given",
	    .usage = CLI_U1, .set = SET(prune) },
	STORE_OPTIONS,
	CLI_OPT_HELP,
	{ NULL },
};

static const cli_opt list_options[] = {
	STORE_OPTIONS,
	CLI_OPT_HELP,
	{ NULL },
};

#define LOAD_ABOUT                                                             \
	"load and sync print one line per graph: what happened (added,\n"      \
	"replaced, unchanged, removed), kind, name, old and new triple count.\n"

static const cli_cmd store_load_cmd = {
	.name = "kll-store load",
	.summary = "put each file in the store, replacing its graph in one "
	           "transaction\n           (default: the installed "
	           "vocabularies and keys)",
	.run = run_load,
	.operands = { "[store options] [file|folder ...]" },
	.about = LOAD_ABOUT,
	.opts = load_options,
	.after = STORE_AFTER,
};

static const cli_cmd store_sync_cmd = {
	.name = "kll-store sync",
	.summary = "the same, but only the files whose bytes changed",
	.run = run_sync,
	.operands = { "[store options] [file|folder ...]" },
	.about = LOAD_ABOUT,
	.opts = sync_options,
	.after = STORE_AFTER,
};

static const cli_cmd store_list_cmd = {
	.name = "kll-store list",
	.summary = "the graphs, with kind, triple count and source",
	.run = run_list,
	.operands = { "[store options]" },
	.opts = list_options,
	.after = STORE_AFTER,
};

static const cli_cmd store_drop_cmd = {
	.name = "kll-store drop",
	.summary = "remove graphs by name",
	.run = run_drop,
	.operands = { "[store options] name ..." },
	.opts = load_options,
	.args = { 1, 0, "drop needs a graph name" },
	.after = STORE_AFTER,
};

static int
run_load(int argc, char **argv)
{
	return sub_run(&store_load_cmd, argc, argv);
}

static int
run_sync(int argc, char **argv)
{
	return sub_run(&store_sync_cmd, argc, argv);
}

static int
run_list(int argc, char **argv)
{
	return sub_run(&store_list_cmd, argc, argv);
}

static int
run_drop(int argc, char **argv)
{
	return sub_run(&store_drop_cmd, argc, argv);
}

static const cli_cmd *const subs[] = { &store_load_cmd, &store_sync_cmd,
	&store_list_cmd, &store_drop_cmd, NULL };

const cli_cmd store_cmd = {
	.name = "kll-store",
	.about = "Keep vocabularies (RDF) and keys (SSSOM/TSV, stored as "
	         "SSSOM/RDF) in a\nlibrdf triple store, one named graph each, "
	         "for kll-query and others.\n",
	.after = "'kll-store SUBCOMMAND --help' describes each.\n",
	.subs = subs,
};

int
cmd_store(int argc, char **argv)
{
	progname = "kll-store";
	return cli_dispatch(&store_cmd, argc, argv);
}
