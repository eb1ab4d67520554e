/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cli.h: what the kll commands share; never linked into the library. */
#ifndef KLL_CLI_H
#define KLL_CLI_H

#include <stddef.h>
#include <stdio.h>
#include <unistd.h> /* optind */

#include "kll.h"

/* Exit statuses, as diff(1) and grep(1) use them. */
enum { EXIT_OK = 0, EXIT_FOUND = 1, EXIT_TROUBLE = 2 };

/* The entry point of each command; kll-CMD's main calls one of them. */
int cmd_vocab(int argc, char **argv);
int cmd_map(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_publish(int argc, char **argv);
int cmd_store(int argc, char **argv);
int cmd_query(int argc, char **argv);

/* "kll vocabs": the vocabularies of the search path (vocab-list.c). */
int vocab_list_ids(int argc, char **argv);

/* The program name used in messages ("kll-vocab"); set by each command. */
extern const char *progname;

/* "prog: msg" on stderr. */
void errmsg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* An error from the library, as "prog: file:line:col: msg". */
void report(const kll_error *err);

/* A diagnostic with its severity and rule, as text or a JSON line. */
void print_diag(FILE *fp, const kll_error *d, int json);

/* A kll_diag_fn: each diagnostic as text on stderr. */
void diag_stderr(void *payload, const kll_error *d);

/* one when n is 1, else many. */
const char *plural(size_t n, const char *one, const char *many);

/* "prog: E errors, W warnings in N things" from the findings shown, by
 * severity. */
void print_tally(
    const size_t shown[3], size_t n, const char *one, const char *many);

/* Read the key at "path", each finding to fn (NULL: diag_stderr).  A
 * key with errors is refused: "PATH: N errors: not VERB".  NULL after
 * a message. */
kll_mapset *read_key(
    const char *path, kll_diag_fn fn, void *payload, const char *verb);

/* Set the metadata slot of --meta SLOT=VALUE; -1 after a message. */
int set_meta(kll_mapset *m, const char *arg);

/* Open the vocabulary "name" (a file, id or scheme IRI; dirs first,
 * syntax may be NULL); NULL after a message. */
kll_vocab *open_vocab(const char *name, const char *dirs, const char *syntax);

/* A concept's notation, else its IRI; "" for NULL. */
const char *code_of(const kll_concept *c);

/* The prefLabel to show: in lang, or sv, en, any; "" if none. */
const char *display_label(const kll_concept *c, const char *lang);

/* s on one line of TSV: line ends and TABs become spaces. */
void put_flat(FILE *fp, const char *s);

/* "CODE<TAB>LABEL" on stdout. */
void print_line(const kll_concept *c, const char *lang);

/* The options of kll-vocab show, list, search and info. */
typedef struct vocab_args {
	const char *dirs, *lang, *syntax;
	int level;
	int exact; /* search --exact */
} vocab_args;
#define VOCAB_PATH_OPTION                                                          \
	{                                                                          \
		"vocab-path", 'L', "dirs",                                         \
		    "folders to search for vocabulary ids first (then $KLL_PATH, " \
		    "then the installed vocabularies)",                            \
		    .usage = CLI_U1, .set = CLI_SET(vocab_args, dirs)              \
	}
#define VOCAB_LANG_OPTION(HELP)                                                 \
	{                                                                       \
		"lang", 'l', "lang",                                            \
		    "language of the labels shown (default: sv, else en, else " \
		    "any)" HELP,                                                \
		    .usage = CLI_U1, .set = CLI_SET(vocab_args, lang)           \
	}
#define VOCAB_SYNTAX_OPTION                                                    \
	{                                                                      \
		"syntax", CLI_AUTO, "NAME",                                    \
		    "RDF syntax of the vocabulary file (turtle, rdfxml, "      \
		    "ntriples); default: guessed",                             \
		    .set = CLI_SET(vocab_args, syntax)                         \
	}
/* What the four say after their options. */
#define VOCAB_NAMES                                                            \
	"A vocabulary is a file (- for stdin), a short id such as "            \
	"ssyk-2012, or\na scheme IRI.\n"

/* Write s as a JSON string, with quotes. */
void json_string(FILE *fp, const char *s);

/* Run fn on SIGINT, SIGTERM and SIGHUP. */
void catch_signals(void (*fn)(int));

/* Flush stdout and report a write error; returns rc or EXIT_TROUBLE. */
int finish(int rc);

/* An output file replaced only by a complete new one: written to a
 * temporary file in the same folder and renamed into place on commit.
 * The new file keeps the mode of the one it replaces (a new one gets
 * 0666 less the umask), and, where the user may, its group.  A device
 * or FIFO (/dev/stdout) is written in place. */
typedef struct ofile {
	FILE *fp;
	char *path; /* as the user named it; NULL for stdout */
	char *real; /* the file a symbolic link names, or NULL */
	char *tmp;  /* NULL when written in place */
} ofile;

/* output_flags. OFILE_PRIVATE: at most 0600 (kll-map apply always,
 * --private elsewhere).  OFILE_FORCE (--force): replace a file that has
 * other hard links (they keep the old content), and write to the file a
 * symbolic link names; without it both are refused. */
enum { OFILE_PRIVATE = 1, OFILE_FORCE = 2 };

/* The keys of --private and --force (CLI_OPT_PRIVATE, CLI_OPT_FORCE). */
enum { OPT_PRIVATE = 0x800, OPT_OUT_FORCE };
/* The flag of OPT_PRIVATE or OPT_OUT_FORCE. */
#define OFILE_FLAG(ch) ((ch) == OPT_PRIVATE ? OFILE_PRIVATE : OFILE_FORCE)

/* --from: the format the keys of a command are read in (read_key(),
 * kll-map check and stats); KLL_KEY_AUTO unless given. */
enum { OPT_KEY_FROM = 0x880 };
extern kll_key_format key_from;
#define KEY_FORMATS "sssom-tsv|sssom-json|jskos|sssom-rdf|skos|xkos"
#define CLI_OPT_FROM                                                            \
	{                                                                       \
		"from", OPT_KEY_FROM, "FORMAT",                                 \
		    "the format of the keys read: " KEY_FORMATS                 \
		    ", json or rdf (which of them from the content); default: " \
		    "from the file name, else the content",                     \
		    0                                                           \
	}

/* The OFILE_ flags of the command's options, for each ofile_open(). */
extern unsigned output_flags;

/* Open "path" ("-" or NULL: stdout).  On failure, reports and returns -1:
 * among others when "path" has other hard links or is a symbolic link
 * and output_flags lack OFILE_FORCE. */
int ofile_open(ofile *o, const char *path);

/* Flush, sync and rename into place; reports and returns -1 on failure,
 * leaving the old file as it was. */
int ofile_commit(ofile *o);

/* Remove the temporary file; the old file stays as it was. */
void ofile_abort(ofile *o);

/* Parse "sv,en" into an array of at most max tags; returns the count or
 * -1 when there are too many. */
int split_list(char *s, const char **out, int max);

/* ------------------------------------------------------------------ */
/* Option tables (opt.c)                                                */

/* The usage forms an option shows in: CLI_U1 << n in form n (0, 1, 2),
 * in brackets unless also CLI_R1 << n (required there); by its long
 * name with CLI_LONG. */
enum {
	CLI_U1 = 1,
	CLI_U2 = 2,
	CLI_U3 = 4,
	CLI_R1 = 16,
	CLI_R2 = 32,
	CLI_LONG = 256
};
#define CLI_FORMS 3

/* The option tables below leave out the fields an option does not use
 * (zero), as C allows; -Wextra would warn about each. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

/* One option of a command: getopt_long, the usage line and --help all
 * come from it. */
typedef struct cli_opt {
	const char *name; /* the long name, without "--" */
	int key;          /* the short letter, or a value above 255; 0: a
	                   * line of --help only, no option */
	const char *arg;  /* the argument's name; NULL: it takes none */
	const char *help; /* wrapped to fit; NULL: not in --help */
	unsigned usage;   /* CLI_U1 ...: where the usage line shows it */
	size_t set;       /* CLI_SET(): where cli_parse stores the value
	                   * itself (a const char *, or int 1 for an option
	                   * without argument); 0: it goes to the callback */
} cli_opt;

/* The member of the callback's context that an option sets; such an
 * option's key may be CLI_AUTO, a key of its own. */
#define CLI_SET(type, member) (offsetof(type, member) + 1)
#define CLI_AUTO              (-1)

/* The options every command has, and those of every command with -o. */
#define CLI_OPT_HELP                                                           \
	{ "help", 'h', NULL, "this text", 0 },                                 \
	{                                                                      \
		"version", 'V', NULL, "the version", 0                         \
	}
#define CLI_OPT_OUTPUT(usage, set_output)                                      \
	{                                                                      \
		"output", 'o', "file",                                         \
		    "write to file (replaced only when complete) instead of "  \
		    "stdout",                                                  \
		    usage, set_output                                          \
	}
#define CLI_OPT_PRIVATE                                                        \
	{                                                                      \
		"private", OPT_PRIVATE, NULL,                                  \
		    "make -o file readable by you only (0600)", 0              \
	}
#define CLI_OPT_FORCE                                                              \
	{                                                                          \
		"force", OPT_OUT_FORCE, NULL,                                      \
		    "replace -o file even when it has other hard links, or write " \
		    "to the file it links to",                                     \
		    0                                                              \
	}

/* A command: its table, the text of its --help, and the rule ids it
 * can report; or a command of subcommands ("subs"). */
typedef struct cli_cmd {
	const char *name;                  /* "kll-map invert" */
	const char *summary;               /* its line in the parent's --help */
	int (*run)(int argc, char **argv); /* argv[0] is the subcommand */
	const char *operands[CLI_FORMS];   /* of each usage form */
	const char *about;                 /* paragraphs before the options */
	const cli_opt *opts;               /* ends with { NULL } */
	const char *after;                 /* paragraphs after them */
	/* The number of operands, checked by cli_parse() when msg says
	 * what to give (max 0: no limit). */
	struct {
		int min, max;
		const char *msg;
	} args;
	const char *rules; /* rule ids and "family-" prefixes, or NULL */
	/* A check's own table of rules, listed first and whole. */
	const kll_check_rule *(*table)(size_t i);
	const struct cli_cmd *const *subs; /* NULL-ended */
} cli_cmd;

/* A value of getopt_long: 0, or the exit status after a usage error. */
typedef int (*cli_optfn)(void *ctx, int key, char *arg);

/* What cli_parse() returns when the command goes on. */
#define CLI_GO (-1)

/* Parse argv by c's table.  -h and -V are answered here (the exit
 * status is returned), --private and --force (OPT_PRIVATE,
 * OPT_OUT_FORCE) set output_flags, and each option of the table goes to
 * fn.  Returns CLI_GO with the operands from optind, or the exit status
 * to end with. */
int cli_parse(const cli_cmd *c, int argc, char **argv, cli_optfn fn, void *ctx);

/* fn on each operand from optind on; the highest exit status. */
int cli_each(
    int argc, char **argv, int (*fn)(void *ctx, const char *arg), void *ctx);

/* Run the subcommand argv[1] of c, or answer -h and -V. */
int cli_dispatch(const cli_cmd *c, int argc, char **argv);

/* The usage lines and the --help text of c. */
void cli_usage(FILE *fp, const cli_cmd *c);
void cli_help(FILE *fp, const cli_cmd *c);

/* "prog: msg", the usage lines of the command being parsed and "prog:
 * try 'prog --help'" on stderr; returns EXIT_TROUBLE. */
int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Arguments: 0, or the exit status after a usage error.  parse_choice
 * sets *out to the index of arg in the NULL-ended names ("bad WHAT"). */
int parse_severity(const char *arg, kll_severity *out);
int parse_choice(
    const char *arg, const char *what, const char *const *names, int *out);
int parse_level(const char *arg, int *out);
int parse_separator(const char *arg, char *out);

/* The values of a repeatable option (--meta, --extra-column). */
#define CLI_MAX_LIST 64
typedef struct cli_list {
	const char *v[CLI_MAX_LIST];
	size_t n;
} cli_list;
int push_arg(cli_list *l, const char *arg, const char *opt);
/* The same for --meta SLOT=VALUE. */
int push_meta(cli_list *l, const char *arg);

/* kll-map import and learn take the same vocabularies, code columns,
 * prefixes, label languages and set metadata: MAP_SIDE_OPTIONS and
 * MAP_SET_OPTIONS are those entries of their tables, for a context of
 * type T that starts with a map_args and holds the kll_mapimport_opts
 * at member path IMP; map_option() takes their values that cli_parse
 * does not store, and map_args_done() hands the lists to IMP. */
typedef struct map_args {
	cli_list meta, extra;
	const char *output;
	int quiet;
} map_args;
enum { OPT_MAP_SEP = 0x900, OPT_MAP_META, OPT_MAP_EXTRA };
#define MAP_SIDE_OPTIONS(T, IMP, REQ)                                           \
	{ "subject-vocab", 's', "vocab",                                        \
		"the subject side's vocabulary (file, id or scheme IRI); " REQ, \
		.usage = CLI_U1 | CLI_R1,                                       \
		.set = CLI_SET(T, IMP.subject_vocab) },                         \
	    { "object-vocab", 't', "vocab", "the object side's; " REQ,          \
		    .usage = CLI_U1 | CLI_R1,                                   \
		    .set = CLI_SET(T, IMP.object_vocab) },                      \
	    { "quiet", 'q', NULL, "no summary on stderr", .usage = CLI_U1,      \
		    .set = CLI_SET(T, m.quiet) },                               \
	    CLI_OPT_OUTPUT(CLI_U1, CLI_SET(T, m.output)), CLI_OPT_PRIVATE,      \
	    CLI_OPT_FORCE,                                                      \
	    { "vocab-path", 'L', "dirs",                                        \
		    "folders searched first for vocabulary ids",                \
		    .usage = CLI_U1, .set = CLI_SET(T, IMP.dirs) },             \
	    { "subject-column", CLI_AUTO, "col",                                \
		    "header name or 1-based number (default 1)",                \
		    .usage = CLI_U1, .set = CLI_SET(T, IMP.subject_column) },   \
	{                                                                       \
		"object-column", CLI_AUTO, "col", "(default 2)",                \
		    .usage = CLI_U1, .set = CLI_SET(T, IMP.object_column)       \
	}
#define MAP_SET_OPTIONS(T, IMP, JUSTIFICATION)                                   \
	{ "separator", OPT_MAP_SEP, "CHAR",                                      \
		"',', ';' or 'tab' (default: guessed)" },                        \
	    { "extra-column", OPT_MAP_EXTRA, "NAME",                             \
		    "leave the column NAME out (\"*\": every column not named "  \
		    "by an option); any other column is an error; repeatable" }, \
	    { "subject-prefix", CLI_AUTO, "P",                                   \
		    "CURIE prefix of the subjects (default: the vocabulary id "  \
		    "without punctuation)",                                      \
		    .set = CLI_SET(T, IMP.subject_prefix) },                     \
	    { "object-prefix", CLI_AUTO, "P", "of the objects",                  \
		    .set = CLI_SET(T, IMP.object_prefix) },                      \
	    { "subject-lang", CLI_AUTO, "L",                                     \
		    "language of the subject labels written (default sv, "       \
		    "else en)",                                                  \
		    .set = CLI_SET(T, IMP.subject_lang) },                       \
	    { "object-lang", CLI_AUTO, "L", "of the object labels",              \
		    .set = CLI_SET(T, IMP.object_lang) },                        \
	    { "justification", CLI_AUTO, "CURIE",                                \
		    "(default " JUSTIFICATION ")",                               \
		    .set = CLI_SET(T, IMP.justification) },                      \
	    { "id", CLI_AUTO, "IRI", "mapping_set_id",                           \
		    .set = CLI_SET(T, IMP.mapping_set_id) },                     \
	    { "license", CLI_AUTO, "IRI", "license of the set",                  \
		    .set = CLI_SET(T, IMP.license) },                            \
	    { "title", CLI_AUTO, "T", "mapping_set_title",                       \
		    .set = CLI_SET(T, IMP.title) },                              \
	    { "description", CLI_AUTO, "T", "mapping_set_description",           \
		    .set = CLI_SET(T, IMP.description) },                        \
	    { "provider", CLI_AUTO, "IRI", "mapping_provider",                   \
		    .set = CLI_SET(T, IMP.provider) },                           \
	    { "date", CLI_AUTO, "YYYY-MM-DD",                                    \
		    "mapping_date: when the mappings were made",                 \
		    .set = CLI_SET(T, IMP.date) },                               \
	    { "published", CLI_AUTO, "YYYY-MM-DD",                               \
		    "publication_date of the set",                               \
		    .set = CLI_SET(T, IMP.published) },                          \
	    { "set-version", CLI_AUTO, "V", "mapping_set_version",               \
		    .set = CLI_SET(T, IMP.version) },                            \
	    { "comment", CLI_AUTO, "T", "a comment on the set",                  \
		    .set = CLI_SET(T, IMP.comment) },                            \
	{                                                                        \
		"meta", OPT_MAP_META, "SLOT=VALUE",                              \
		    "any other metadata slot of the set (e.g. creator_label, "   \
		    "mapping_tool, see_also); repeatable"                        \
	}
int map_option(map_args *a, kll_mapimport_opts *imp, int key, char *arg);
void map_args_done(map_args *a, kll_mapimport_opts *imp);

/* What kll-diff compares and how it says it (cmd-diff.c); diff_vocabs()
 * (diff-vocab.c) and diff_keys() (diff-keys.c) return the exit status. */
enum { FMT_TEXT = 0, FMT_TSV, FMT_JSON };
typedef struct diff_opts {
	const char *dirs, *syntax, *output;
	const char *langs[32];
	size_t nlangs;
	int level, format, key, keys, quiet, new_items;
	double min_conf, review;
	const char *license, *set_id, *title, *label_lang;
} diff_opts;
int diff_vocabs(const diff_opts *o, const char *a, const char *b);
int diff_keys(const diff_opts *o, const char *a, const char *b);

/* Write m as SSSOM/TSV through ofile_open(path) (NULL: stdout); 0, or
 * -1 after a message. */
int write_mapset(const kll_mapset *m, const char *path);

/* Write fn's output through ofile_open(path) (NULL: stdout) and commit
 * it; 0, or -1 after a message. */
int write_output(
    const char *path, void (*fn)(FILE *, const void *), const void *arg);

/* ------------------------------------------------------------------ */
/* The diagnostics of the checks (diag.c)                              */

/* Where the findings of a check go, by --format: text on stderr, JSON
 * lines, one SARIF 2.1.0 document, or GitHub workflow annotations on
 * stdout.  The problems that end the reading of a file (report(), while
 * report_sink is set) take the same way, with a rule id of their own
 * (kll_error_rule). */
enum { DIAG_TEXT = 0, DIAG_JSON, DIAG_SARIF, DIAG_GITHUB };
typedef struct diag_held diag_held;
typedef struct diag_sink {
	const cli_cmd *cmd;   /* its rules are the SARIF ones */
	int format, verbose;  /* DIAG_*; --verbose */
	kll_severity min;     /* --severity: shown from this on */
	kll_severity fail_on; /* --fail-on: exit 1 from this on */
	cli_list ignore;      /* --ignore */
	const char *file;     /* the file whose suppressions are below */
	char *suppress;       /* its kll_ignore: ids, space-separated */
	int holding;          /* findings wait for diag_release() */
	diag_held *held;
	size_t nheld, capheld;
	size_t shown[3]; /* findings shown, by severity */
	size_t failing;  /* of those, at or above fail_on */
	size_t fatal;    /* problems that ended a file */
	size_t nresults; /* SARIF results written */
	int started;     /* the SARIF document is open */
} diag_sink;

/* While set, report() sends its error to this sink as a fatal problem. */
extern diag_sink *report_sink;

/* A sink for command c, before cli_parse(): text, warnings and up shown,
 * exit 1 on errors. */
void diag_init(diag_sink *s, const cli_cmd *c);

/* The keys of the options of CHECK_OPTIONS that cli_parse does not set;
 * 0, or the exit status after a usage error. */
int check_option(diag_sink *s, int key, char *arg);

/* A finding: shown, left out (--ignore, the file's suppressions) or
 * held; diag_fn is the same as a kll_diag_fn (payload: the sink). */
void diag_emit(diag_sink *s, const kll_error *d);
void diag_fn(void *payload, const kll_error *d);

/* A problem that ends the reading of a file: never left out. */
void diag_fatal(diag_sink *s, const kll_error *err);

/* Hold the findings until the suppressions of "file" are known, then
 * diag_release() them with the value of its kll_ignore (NULL: none):
 * rule ids separated by spaces, commas or '|'.  They stay in force for
 * the findings of that file that come after. */
void diag_hold(diag_sink *s, const char *file);
void diag_release(diag_sink *s, const char *suppress);

/* End the output (the SARIF document) and free the sink; the exit
 * status: rc when it is higher, else 1 with findings at or above
 * --fail-on, else 0. */
int diag_end(diag_sink *s, int rc);

/* The rules of c: those of its own table, then those of the registry
 * that c->rules names, as --help lists them; NULL past the last. */
const kll_check_rule *cli_rule_at(const cli_cmd *c, size_t i);

/* The options of the checks (kll-vocab check, kll-map check): -q, -L,
 * --format, --severity, --fail-on, --ignore and -v, for a context T
 * with members quiet, dirs and a diag_sink d; check_option() takes
 * them.  LINE is the form of a finding in text, IGNORE what --ignore
 * says after its first sentence. */
enum {
	OPT_CHECK_FORMAT = 0xa00,
	OPT_CHECK_SEVERITY,
	OPT_CHECK_FAIL_ON,
	OPT_CHECK_IGNORE
};
#define CHECK_OPTIONS(T, LINE, IGNORE)                                          \
	{ "quiet", 'q', NULL, "no summary line at the end", .usage = CLI_U1,    \
		.set = CLI_SET(T, quiet) },                                     \
	    { "vocab-path", 'L', "dirs",                                        \
		    "folders to search for vocabulary ids first",               \
		    .usage = CLI_U1, .set = CLI_SET(T, dirs) },                 \
	    { "format", OPT_CHECK_FORMAT, "text|json|sarif|github",             \
		    "text (default): findings on stderr as '" LINE              \
		    "'; json: on stdout, one JSON object a line (file, line, "  \
		    "column, severity, rule, message); sarif: one SARIF 2.1.0 " \
		    "document on stdout; github: GitHub workflow annotations "  \
		    "on stdout ('::error file=F,line=L,col=C,title=RULE::"      \
		    "MESSAGE').  A file that cannot be read is said the same "  \
		    "way, with its rule (input-*, limit-*)",                    \
		    .usage = CLI_U1 },                                          \
	    { "severity", OPT_CHECK_SEVERITY, "info|warning|error",             \
		    "report findings of that severity and above (default "      \
		    "warning)",                                                 \
		    .usage = CLI_U1 },                                          \
	    { "fail-on", OPT_CHECK_FAIL_ON, "error|warning",                    \
		    "exit 1 when a finding reported is of that severity or "    \
		    "above (default error: warnings alone exit 0)",             \
		    .usage = CLI_U1 },                                          \
	    { "ignore", OPT_CHECK_IGNORE, "RULE",                               \
		    "leave out the findings of rule RULE (repeatable)" IGNORE,  \
		    .usage = CLI_U1 },                                          \
	{                                                                       \
		"verbose", 'v', NULL,                                           \
		    "report each finding left out (--ignore, a key's "          \
		    "kll_ignore) as a note",                                    \
		    .usage = CLI_U1, .set = CLI_SET(T, d.verbose)               \
	}

/* --subject-vocab and --object-vocab of kll-map check and stats, into
 * the member vocab[2] of T. */
#define MAP_VOCAB_OPTIONS(T)                                                   \
	{ "subject-vocab", CLI_AUTO, "vocab",                                  \
		"the subject vocabulary (a file, id or scheme IRI) instead "   \
		"of subject_source",                                           \
		.usage = CLI_U1, .set = CLI_SET(T, vocab[0]) },                \
	{                                                                      \
		"object-vocab", CLI_AUTO, "vocab",                             \
		    "the object vocabulary instead of object_source",          \
		    .usage = CLI_U1, .set = CLI_SET(T, vocab[1])               \
	}

/* The commands and subcommands, each in a file of its own. */
extern const cli_cmd vocab_cmd, vocab_import_cmd, vocab_check_cmd,
    vocab_show_cmd, vocab_list_cmd, vocab_search_cmd, vocab_info_cmd,
    vocabs_cmd;
extern const cli_cmd diff_cmd, publish_cmd, query_cmd, store_cmd;
extern const cli_cmd map_cmd, map_import_cmd, map_check_cmd, map_stats_cmd,
    map_compose_cmd, map_invert_cmd, map_apply_cmd, map_export_cmd,
    map_learn_cmd;
extern const cli_cmd map_fmt_cmd, map_merge_cmd, map_dedupe_cmd, map_filter_cmd,
    map_split_cmd, map_annotate_cmd;
extern const cli_cmd map_report_cmd;

/* --encoding NAME of a command that reads tables (encoding.c): 0, or
 * the exit status after a usage error for a name kll_encoding_check()
 * refuses. */
int parse_encoding(const char *arg, const char **out);
/* A table's error, as a finding ("error: ... [rule]") when it has a rule
 * id, else as report() says it. */
void report_table_error(const kll_error *err);

#endif
