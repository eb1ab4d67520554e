/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* opt.c: the option table of each command (cli.h: cli_cmd) made into
 * what getopt_long takes, the usage line, --help and the dispatch of
 * subcommands, so that none of them is written twice. */
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define MAX_OPTS 64
#define AUTO_KEY 0x1000 /* + the index of a CLI_AUTO option */
#define WIDTH    79     /* of --help and usage lines */
#define MAX_LEFT 26     /* of the option column of --help */

static const cli_cmd *current;

/* ------------------------------------------------------------------ */
/* Usage lines                                                          */

/* The next word of s, where a bracketed group is one word; sets *len. */
static const char *
next_word(const char *s, size_t *len)
{
	const char *p;
	int depth = 0;

	while (*s == ' ')
		s++;
	for (p = s; *p != '\0' && (*p != ' ' || depth > 0); p++)
		depth += (*p == '[') - (*p == ']');
	*len = (size_t)(p - s);
	return s;
}

typedef struct line {
	FILE *fp;
	size_t col, indent;
} line;

static void
put_word(line *l, const char *w, size_t n)
{
	/* "file ..." stays on one line. */
	int glued = n == 3 && strncmp(w, "...", 3) == 0;

	if (l->col + 1 + n > WIDTH && l->col > l->indent && !glued) {
		fprintf(l->fp, "\n%*s", (int)l->indent, "");
		l->col = l->indent;
	} else {
		fputc(' ', l->fp);
		l->col++;
	}
	fwrite(w, 1, n, l->fp);
	l->col += n;
}

static void
put_option(line *l, const cli_opt *o, int required)
{
	char buf[128];

	if (o->key > 0 && o->key < 256 && !(o->usage & CLI_LONG))
		snprintf(buf, sizeof(buf), "%s-%c%s%s%s", required ? "" : "[",
		    o->key, o->arg ? " " : "", o->arg ? o->arg : "",
		    required ? "" : "]");
	else
		snprintf(buf, sizeof(buf), "%s--%s%s%s%s", required ? "" : "[",
		    o->name, o->arg ? "=" : "", o->arg ? o->arg : "",
		    required ? "" : "]");
	put_word(l, buf, strlen(buf));
}

/* Usage form "form" (0, 1, ...) of c, after "usage:" or its indent. */
static void
usage_form(FILE *fp, const cli_cmd *c, int form, int first)
{
	line l = { fp, 0, 0 };
	const cli_opt *o;
	const char *w;
	size_t n;

	fputs(first ? "usage:" : "      ", fp);
	l.col = 6;
	put_word(&l, c->name, strlen(c->name));
	l.indent = l.col + 1 < MAX_LEFT ? l.col + 1 : 11;
	for (o = c->opts; o != NULL && o->name != NULL; o++)
		if (o->usage & (CLI_U1 << form))
			put_option(&l, o, (o->usage & (CLI_R1 << form)) != 0);
	for (w = c->operands[form]; w != NULL && *w != '\0'; w += n) {
		w = next_word(w, &n);
		if (n > 0)
			put_word(&l, w, n);
	}
	fputc('\n', fp);
}

void
cli_usage(FILE *fp, const cli_cmd *c)
{
	size_t i;
	int f, first = 1;

	if (c->subs != NULL) {
		for (i = 0; c->subs[i] != NULL; i++)
			for (f = 0; f < CLI_FORMS && c->subs[i]->operands[f];
			     f++, first = 0)
				usage_form(fp, c->subs[i], f, first);
		return;
	}
	for (f = 0; f < CLI_FORMS && (f == 0 || c->operands[f]); f++)
		usage_form(fp, c, f, f == 0);
}

/* ------------------------------------------------------------------ */
/* --help                                                               */

static size_t
left_width(const cli_opt *o)
{
	size_t n = 6 + 2 + strlen(o->name);

	if (o->arg != NULL)
		n += 1 + strlen(o->arg);
	return n;
}

/* Text from column "col" on, wrapped at WIDTH; '\n' breaks a line. */
static void
put_wrapped(FILE *fp, const char *s, size_t col, size_t indent)
{
	line l = { fp, col, indent };
	const char *w;
	size_t n;
	int start = 1;

	while (*s != '\0') {
		if (*s == '\n') {
			l.col = WIDTH; /* the next word starts a line */
			s++;
			continue;
		}
		for (w = s; *w == ' '; w++)
			;
		for (n = 0; w[n] != '\0' && w[n] != ' ' && w[n] != '\n'; n++)
			;
		if (start) {
			fwrite(w, 1, n, fp);
			l.col += n;
			start = 0;
		} else {
			put_word(&l, w, n);
		}
		s = w + n;
	}
	fputc('\n', fp);
}

static void
help_options(FILE *fp, const cli_opt *opts)
{
	const cli_opt *o;
	size_t w, col = 0;

	for (o = opts; o->name != NULL; o++)
		if (o->help != NULL && (w = left_width(o)) > col &&
		    w <= MAX_LEFT)
			col = w;
	col += 2;
	fputs("\nOptions:\n", fp);
	for (o = opts; o->name != NULL; o++) {
		if (o->help == NULL)
			continue;
		if (o->key > 0 && o->key < 256)
			fprintf(fp, "  -%c, ", o->key);
		else
			fputs("      ", fp);
		fprintf(fp, "--%s%s%s", o->name, o->arg ? "=" : "",
		    o->arg ? o->arg : "");
		if ((w = left_width(o)) + 1 >= col) {
			fprintf(fp, "\n%*s", (int)col, "");
			w = col;
		}
		fprintf(fp, "%*s", (int)(col - w), "");
		put_wrapped(fp, o->help, col, col);
	}
}

/* Whether rule id matches one word of spec: an id, or a prefix "fam-". */
static int
rule_wanted(const char *spec, const char *id)
{
	const char *w;
	size_t n;

	for (w = spec; *w != '\0'; w += n) {
		w = next_word(w, &n);
		if (n == 0)
			break;
		if (w[n - 1] == '-' ? strncmp(id, w, n) == 0 :
		                      strlen(id) == n && strncmp(id, w, n) == 0)
			return 1;
	}
	return 0;
}

static void
put_rule(FILE *fp, const kll_check_rule *r)
{
	fprintf(fp, "  %s (%s)\n      ", r->id, kll_severity_name(r->severity));
	put_wrapped(fp, r->summary, 6, 6);
}

const kll_check_rule *
cli_rule_at(const cli_cmd *c, size_t i)
{
	const kll_check_rule *r;
	size_t k, j;

	for (k = 0; c->table != NULL && (r = c->table(k)) != NULL; k++)
		if (i-- == 0)
			return r;
	for (k = 0; c->rules != NULL && (r = kll_rule_at(k)) != NULL; k++) {
		for (j = 0; c->table != NULL && c->table(j) != NULL; j++)
			if (strcmp(c->table(j)->id, r->id) == 0)
				break;
		if ((c->table == NULL || c->table(j) == NULL) &&
		    rule_wanted(c->rules, r->id) && i-- == 0)
			return r;
	}
	return NULL;
}

/* The rules of c's own table in its order, then those of the registry
 * that c->rules names. */
static void
help_rules(FILE *fp, const cli_cmd *c)
{
	const kll_check_rule *r;
	size_t i;

	fputs("\nRules it reports, with their severity:\n", fp);
	for (i = 0; (r = cli_rule_at(c, i)) != NULL; i++)
		put_rule(fp, r);
}

static void
help_subs(FILE *fp, const cli_cmd *const *subs)
{
	const char *name;
	size_t i;

	fputs("\nSubcommands:\n", fp);
	for (i = 0; subs[i] != NULL; i++) {
		name = strrchr(subs[i]->name, ' ');
		fprintf(fp, "  %-8s %s\n", name ? name + 1 : subs[i]->name,
		    subs[i]->summary);
	}
}

void
cli_help(FILE *fp, const cli_cmd *c)
{
	cli_usage(fp, c);
	if (c->about != NULL)
		fprintf(fp, "\n%s", c->about);
	if (c->subs != NULL)
		help_subs(fp, c->subs);
	if (c->opts != NULL)
		help_options(fp, c->opts);
	if (c->after != NULL)
		fprintf(fp, "\n%s", c->after);
	if (c->rules != NULL || c->table != NULL)
		help_rules(fp, c);
}

/* ------------------------------------------------------------------ */
/* Parsing                                                              */

int
usage_error(const char *fmt, ...)
{
	va_list ap;

	if (fmt != NULL) {
		fprintf(stderr, "%s: ", progname);
		va_start(ap, fmt);
		vfprintf(stderr, fmt, ap);
		va_end(ap);
		fputc('\n', stderr);
	}
	if (current != NULL)
		cli_usage(stderr, current);
	fprintf(stderr, "%s: try '%s --help'\n", progname, progname);
	return EXIT_TROUBLE;
}

/* getopt_long's tables from c's. */
static void
build(const cli_cmd *c, struct option *lo, char *shorts)
{
	const cli_opt *o;
	size_t n = 0;

	for (o = c->opts; o->name != NULL; o++) {
		if (o->key == 0)
			continue; /* a line of --help only */
		if (n == MAX_OPTS)
			abort(); /* a table too long: a programmer error */
		lo[n].name = o->name;
		lo[n].has_arg = o->arg ? required_argument : no_argument;
		lo[n].flag = NULL;
		lo[n].val =
		    o->key == CLI_AUTO ? AUTO_KEY + (int)(o - c->opts) : o->key;
		n++;
		if (o->key > 0 && o->key < 256) {
			*shorts++ = (char)o->key;
			if (o->arg)
				*shorts++ = ':';
		}
	}
	memset(&lo[n], 0, sizeof(lo[n]));
	*shorts = '\0';
}

/* The entry of c behind getopt_long's value ch. */
static const cli_opt *
entry(const cli_cmd *c, int ch)
{
	const cli_opt *o;

	if (ch >= AUTO_KEY)
		return &c->opts[ch - AUTO_KEY];
	for (o = c->opts; o->name != NULL && o->key != ch; o++)
		;
	return o;
}

int
cli_parse(const cli_cmd *c, int argc, char **argv, cli_optfn fn, void *ctx)
{
	struct option lo[MAX_OPTS + 1];
	char shorts[2 * MAX_OPTS + 1];
	const cli_opt *o;
	int ch, rc;

	current = c;
	build(c, lo, shorts);
	optind = 1;
	argv[0] = (char *)progname; /* getopt's messages name it */
	while ((ch = getopt_long(argc, argv, shorts, lo, NULL)) != -1) {
		switch (ch) {
		case 'h':
			cli_help(stdout, c);
			return finish(EXIT_OK);
		case 'V':
			printf("%s %s\n", progname, KLL_VERSION);
			return finish(EXIT_OK);
		case '?':
		case ':':
			return usage_error(NULL);
		case OPT_PRIVATE:
		case OPT_OUT_FORCE:
			output_flags |= OFILE_FLAG(ch);
			break;
		case OPT_KEY_FROM:
			key_from = kll_key_format_from_name(optarg);
			if (key_from == KLL_KEY__COUNT)
				return usage_error(
				    "bad format '%s': give one of "
				    "%s, json, rdf",
				    optarg, KEY_FORMATS);
			break;
		}
		o = entry(c, ch);
		if (o->set == 0 && fn != NULL &&
		    (rc = fn(ctx, ch, optarg)) != 0)
			return rc;
		else if (o->set != 0 && o->arg != NULL)
			*(const char **)((char *)ctx + o->set - 1) = optarg;
		else if (o->set != 0)
			*(int *)((char *)ctx + o->set - 1) = 1;
	}
	if (c->args.msg != NULL &&
	    (argc - optind < c->args.min ||
	        (c->args.max > 0 && argc - optind > c->args.max)))
		return usage_error("%s", c->args.msg);
	return CLI_GO;
}

int
cli_dispatch(const cli_cmd *c, int argc, char **argv)
{
	const char *name;
	size_t i;

	current = c;
	if (argc < 2)
		return usage_error(NULL);
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		cli_help(stdout, c);
		return finish(EXIT_OK);
	}
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
		printf("%s %s\n", progname, KLL_VERSION);
		return finish(EXIT_OK);
	}
	for (i = 0; c->subs[i] != NULL; i++) {
		name = strrchr(c->subs[i]->name, ' ');
		if (name != NULL && strcmp(argv[1], name + 1) == 0)
			return c->subs[i]->run(argc - 1, argv + 1);
	}
	return usage_error("unknown subcommand '%s'", argv[1]);
}

/* ------------------------------------------------------------------ */
/* Arguments that several commands take                                 */

int
parse_severity(const char *arg, kll_severity *out)
{
	if (strcmp(arg, "info") == 0)
		*out = KLL_SEV_INFO;
	else if (strcmp(arg, "warning") == 0)
		*out = KLL_SEV_WARNING;
	else if (strcmp(arg, "error") == 0)
		*out = KLL_SEV_ERROR;
	else
		return usage_error(
		    "bad severity '%s': give info, warning or error", arg);
	return 0;
}

int
cli_each(
    int argc, char **argv, int (*fn)(void *ctx, const char *arg), void *ctx)
{
	int i, one, rc = EXIT_OK;

	for (i = optind; i < argc; i++)
		if ((one = fn(ctx, argv[i])) > rc)
			rc = one;
	return rc;
}

int
parse_choice(
    const char *arg, const char *what, const char *const *names, int *out)
{
	char list[256];
	size_t i, n = 0;

	for (i = 0; names[i] != NULL; i++)
		if (strcmp(arg, names[i]) == 0) {
			*out = (int)i;
			return 0;
		}
	list[0] = '\0';
	for (i = 0; names[i] != NULL; i++)
		n += (size_t)snprintf(list + n,
		    n < sizeof(list) ? sizeof(list) - n : 0, "%s%s",
		    i == 0       ? "" :
		    names[i + 1] ? ", " :
		                   " or ",
		    names[i]);
	return usage_error("bad %s '%s': give %s", what, arg, list);
}

int
parse_level(const char *arg, int *out)
{
	char *end;
	long n = strtol(arg, &end, 10);

	if (*arg == '\0' || *end != '\0' || n < 1 || n > 63)
		return usage_error("bad level '%s': give a number from 1", arg);
	*out = (int)n;
	return 0;
}

int
parse_separator(const char *arg, char *out)
{
	if (strcmp(arg, "tab") == 0 || strcmp(arg, "\\t") == 0 ||
	    strcmp(arg, "\t") == 0)
		*out = '\t';
	else if (strcmp(arg, ",") == 0 || strcmp(arg, ";") == 0)
		*out = arg[0];
	else
		return usage_error(
		    "bad separator '%s': give ',', ';' or 'tab'", arg);
	return 0;
}

int
push_arg(cli_list *l, const char *arg, const char *opt)
{
	if (l->n == CLI_MAX_LIST)
		return usage_error("too many --%s options", opt);
	l->v[l->n++] = arg;
	return 0;
}

int
push_meta(cli_list *l, const char *arg)
{
	if (strchr(arg, '=') == NULL || arg[0] == '=')
		return usage_error("bad --meta '%s': give SLOT=VALUE", arg);
	return push_arg(l, arg, "meta");
}

/* ------------------------------------------------------------------ */
/* kll-map import and learn                                             */

int
map_option(map_args *a, kll_mapimport_opts *imp, int key, char *arg)
{
	switch (key) {
	case OPT_MAP_SEP:
		return parse_separator(arg, &imp->sep);
	case OPT_MAP_META:
		return push_meta(&a->meta, arg);
	case OPT_MAP_EXTRA:
		return push_arg(&a->extra, arg, "extra-column");
	}
	return 0;
}

void
map_args_done(map_args *a, kll_mapimport_opts *imp)
{
	imp->meta = a->meta.v;
	imp->nmeta = a->meta.n;
	imp->extra_columns = a->extra.v;
	imp->nextra_columns = a->extra.n;
	imp->diag = diag_stderr;
}
