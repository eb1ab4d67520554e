/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cli.h: what the kll commands share; never linked into the library. */
#ifndef KLL_CLI_H
#define KLL_CLI_H

#include <stdio.h>

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

/* The subcommands of kll-vocab that live in files of their own. */
int vocab_import(int argc, char **argv);
int vocab_check(int argc, char **argv);

/* The subcommands of kll-map, each in cli/map-NAME.c. */
int map_import(int argc, char **argv);
int map_check(int argc, char **argv);
int map_compose(int argc, char **argv);
int map_invert(int argc, char **argv);
int map_apply(int argc, char **argv);
int map_stats(int argc, char **argv);
int map_export(int argc, char **argv);
int map_learn(int argc, char **argv);

/* The program name used in messages ("kll-vocab"); set by each command. */
extern const char *progname;

/* "prog: msg" on stderr. */
void errmsg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* An error from the library, as "prog: file:line:col: msg". */
void report(const kll_error *err);

/* A diagnostic with its severity and rule, as text or a JSON line. */
void print_diag(FILE *fp, const kll_error *d, int json);

/* Write s as a JSON string, with quotes. */
void json_string(FILE *fp, const char *s);

/* "prog: try 'prog --help'" after a usage error; returns EXIT_TROUBLE. */
int usage_error(const char *usage, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

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

/* The long options --private and --force of every command with -o, and
 * (--help says what they do: "--private  make -o FILE readable by you
 * only (0600)", "--force  replace -o FILE even when it has other hard
 * links, or write to the file it links to"). */
enum { OPT_PRIVATE = 0x800, OPT_OUT_FORCE };
#define OFILE_LONGOPTS                                                         \
	{ "private", no_argument, NULL, OPT_PRIVATE },                         \
	{                                                                      \
		"force", no_argument, NULL, OPT_OUT_FORCE                      \
	}
/* The flag of OPT_PRIVATE or OPT_OUT_FORCE. */
#define OFILE_FLAG(ch) ((ch) == OPT_PRIVATE ? OFILE_PRIVATE : OFILE_FORCE)

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

/* --severity=info|warning|error and --format=text|json: 0, or the exit
 * status after a usage error naming "usage". */
int parse_severity(const char *usage, const char *arg, kll_severity *out);
int parse_format(const char *usage, const char *arg, int *json);

/* The rule table of a check for --help: id, severity and meaning. */
void print_rules(const kll_check_rule *(*at)(size_t));

/* Parse "sv,en" into an array of at most max tags; returns the count or
 * -1 when there are too many. */
int split_list(char *s, const char **out, int max);

#endif
