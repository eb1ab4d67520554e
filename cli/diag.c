/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* diag.c: the one way the findings of a check, and the problems that
 * end the reading of a file, come out: as text, JSON lines, a SARIF
 * 2.1.0 document or GitHub workflow annotations, after --severity,
 * --ignore and a key's kll_ignore have had their say, counted for the
 * exit status by --fail-on. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define INFO_URI "https://example.org/kll"

diag_sink *report_sink;

/* A finding held until the suppressions of its file are known. */
struct diag_held {
	kll_error d;
};

/* What a left-out finding was left out by. */
enum { KEPT = 0, BY_OPTION, BY_FILE };

void
diag_init(diag_sink *s, const cli_cmd *c)
{
	memset(s, 0, sizeof(*s));
	s->cmd = c;
	s->min = KLL_SEV_WARNING;
	s->fail_on = KLL_SEV_ERROR;
}

/* ------------------------------------------------------------------ */
/* Options                                                              */

/* The edit distance of a and b, at most 64 bytes of each. */
static size_t
distance(const char *a, const char *b)
{
	size_t row[65], i, j, n = strlen(b), m = strlen(a), diag, up;

	if (n > 64 || m > 64)
		return 64;
	for (j = 0; j <= n; j++)
		row[j] = j;
	for (i = 1; i <= m; i++) {
		diag = row[0];
		row[0] = i;
		for (j = 1; j <= n; j++) {
			up = row[j];
			row[j] = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < row[j])
				row[j] = up + 1;
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			diag = up;
		}
	}
	return row[n];
}

static int
parse_ignore(diag_sink *s, const char *arg)
{
	const kll_check_rule *r, *best = NULL;
	size_t i, d, bestd = (size_t)-1;

	for (i = 0; (r = cli_rule_at(s->cmd, i)) != NULL; i++) {
		if (strcmp(r->id, arg) == 0)
			return push_arg(&s->ignore, arg, "ignore");
		if ((d = distance(arg, r->id)) < bestd) {
			bestd = d;
			best = r;
		}
	}
	if (best != NULL && bestd <= 2 + strlen(arg) / 4)
		return usage_error(
		    "unknown rule '%s' in --ignore; did you mean '%s'?", arg,
		    best->id);
	return usage_error("unknown rule '%s' in --ignore (see --help for "
	                   "the rules)",
	    arg);
}

int
check_option(diag_sink *s, int key, char *arg)
{
	static const char *const formats[] = { "text", "json", "sarif",
		"github", NULL };
	static const char *const levels[] = { "error", "warning", NULL };
	int i;

	switch (key) {
	case OPT_CHECK_FORMAT:
		return parse_choice(arg, "format", formats, &s->format);
	case OPT_CHECK_SEVERITY:
		return parse_severity(arg, &s->min);
	case OPT_CHECK_FAIL_ON:
		if (parse_choice(arg, "--fail-on", levels, &i) != 0)
			return EXIT_TROUBLE;
		s->fail_on = i == 0 ? KLL_SEV_ERROR : KLL_SEV_WARNING;
		return 0;
	case OPT_CHECK_IGNORE:
		return parse_ignore(s, arg);
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* The formats                                                          */

static const char *
sarif_level(kll_severity sev)
{
	return sev == KLL_SEV_ERROR   ? "error" :
	       sev == KLL_SEV_WARNING ? "warning" :
	                                "note";
}

/* A path as a URI reference: bytes other than unreserved ones and '/'
 * percent-encoded. */
static void
put_uri(FILE *fp, const char *path)
{
	const unsigned char *p = (const unsigned char *)path;

	fputc('"', fp);
	for (; *p; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p) != NULL)
			fputc(*p, fp);
		else
			fprintf(fp, "%%%02X", *p);
	fputc('"', fp);
}

static void
sarif_rules(FILE *fp, const cli_cmd *c)
{
	const kll_check_rule *r;
	size_t i;

	for (i = 0; (r = cli_rule_at(c, i)) != NULL; i++) {
		fputs(i == 0 ? "\n" : ",\n", fp);
		fputs("        {\"id\": ", fp);
		json_string(fp, r->id);
		fputs(", \"shortDescription\": {\"text\": ", fp);
		json_string(fp, r->summary);
		fprintf(fp, "}, \"defaultConfiguration\": {\"level\": \"%s\"}}",
		    sarif_level(r->severity));
	}
}

static void
sarif_start(diag_sink *s)
{
	if (s->started)
		return;
	s->started = 1;
	fputs("{\n"
	      "  \"$schema\": \"https://json.schemastore.org/"
	      "sarif-2.1.0.json\",\n"
	      "  \"version\": \"2.1.0\",\n"
	      "  \"runs\": [{\n"
	      "    \"tool\": {\"driver\": {\n"
	      "      \"name\": \"kll\",\n",
	    stdout);
	fprintf(stdout,
	    "      \"version\": \"%s\",\n"
	    "      \"informationUri\": \"%s\",\n"
	    "      \"rules\": [",
	    KLL_VERSION, INFO_URI);
	sarif_rules(stdout, s->cmd);
	fputs("]\n    }},\n    \"results\": [", stdout);
}

/* The index of rule id in the command's rules, or -1. */
static long
rule_index(const cli_cmd *c, const char *id)
{
	const kll_check_rule *r;
	size_t i;

	for (i = 0; (r = cli_rule_at(c, i)) != NULL; i++)
		if (strcmp(r->id, id) == 0)
			return (long)i;
	return -1;
}

static void
sarif_result(diag_sink *s, const kll_error *d, const char *rule, int by)
{
	FILE *fp = stdout;
	long ri = rule_index(s->cmd, rule);

	sarif_start(s);
	fputs(s->nresults++ == 0 ? "\n" : ",\n", fp);
	fputs("      {\"ruleId\": ", fp);
	json_string(fp, rule);
	if (ri >= 0)
		fprintf(fp, ", \"ruleIndex\": %ld", ri);
	fprintf(fp, ", \"level\": \"%s\", \"message\": {\"text\": ",
	    by ? "note" : sarif_level(d->severity));
	json_string(fp, d->msg);
	fputc('}', fp);
	if (d->file[0] != '\0') {
		fputs(",\n       \"locations\": [{\"physicalLocation\": "
		      "{\"artifactLocation\": {\"uri\": ",
		    fp);
		put_uri(fp, d->file);
		fputc('}', fp);
		if (d->line > 0) {
			fprintf(
			    fp, ", \"region\": {\"startLine\": %u", d->line);
			if (d->col > 0)
				fprintf(fp, ", \"startColumn\": %u", d->col);
			fputc('}', fp);
		}
		fputs("}}]", fp);
	}
	if (by)
		fprintf(fp, ",\n       \"suppressions\": [{\"kind\": \"%s\"}]",
		    by == BY_FILE ? "inSource" : "external");
	fputc('}', fp);
}

/* s as a value (data) or property of a GitHub workflow command. */
static void
put_github(FILE *fp, const char *s, int property)
{
	for (; *s; s++) {
		if (*s == '%')
			fputs("%25", fp);
		else if (*s == '\r')
			fputs("%0D", fp);
		else if (*s == '\n')
			fputs("%0A", fp);
		else if (property && *s == ':')
			fputs("%3A", fp);
		else if (property && *s == ',')
			fputs("%2C", fp);
		else
			fputc(*s, fp);
	}
}

static void
github_line(const kll_error *d, const char *rule, int by)
{
	FILE *fp = stdout;
	const char *cmd = by                             ? "notice" :
	                  d->severity == KLL_SEV_ERROR   ? "error" :
	                  d->severity == KLL_SEV_WARNING ? "warning" :
	                                                   "notice";

	fprintf(fp, "::%s ", cmd);
	if (d->file[0] != '\0') {
		fputs("file=", fp);
		put_github(fp, d->file, 1);
		if (d->line > 0)
			fprintf(fp, ",line=%u", d->line);
		if (d->line > 0 && d->col > 0)
			fprintf(fp, ",col=%u", d->col);
		fputc(',', fp);
	}
	fputs("title=", fp);
	put_github(fp, rule, 1);
	fputs("::", fp);
	if (by)
		fputs(by == BY_FILE ? "suppressed by kll_ignore: " :
		                      "left out by --ignore: ",
		    fp);
	put_github(fp, d->msg, 0);
	fputc('\n', fp);
}

static void
text_line(const kll_error *d, const char *rule, int by)
{
	kll_error n;

	if (!by) {
		n = *d;
		snprintf(n.rule, sizeof(n.rule), "%s", rule);
		print_diag(stderr, &n, 0);
		return;
	}
	fprintf(stderr, "%s: ", progname);
	if (d->file[0] != '\0') {
		fprintf(stderr, "%s:", d->file);
		if (d->line > 0)
			fprintf(stderr, "%u:", d->line);
		if (d->line > 0 && d->col > 0)
			fprintf(stderr, "%u:", d->col);
		fputc(' ', stderr);
	}
	fprintf(stderr, "note: %s: %s [%s]\n",
	    by == BY_FILE ? "suppressed by kll_ignore" : "left out by --ignore",
	    d->msg, rule);
}

static void
json_line(const kll_error *d, const char *rule, int by)
{
	FILE *fp = stdout;

	fputs("{\"file\":", fp);
	json_string(fp, d->file);
	fprintf(fp,
	    ",\"line\":%u,\"column\":%u,\"severity\":\"%s\",\"rule\":", d->line,
	    d->col, by ? "note" : kll_severity_name(d->severity));
	json_string(fp, rule);
	fputs(",\"message\":", fp);
	json_string(fp, d->msg);
	if (by)
		fprintf(fp, ",\"suppressed\":\"%s\"",
		    by == BY_FILE ? "kll_ignore" : "--ignore");
	fputs("}\n", fp);
}

static void
put(diag_sink *s, const kll_error *d, const char *rule, int by)
{
	switch (s->format) {
	case DIAG_JSON:
		json_line(d, rule, by);
		break;
	case DIAG_SARIF:
		sarif_result(s, d, rule, by);
		break;
	case DIAG_GITHUB:
		github_line(d, rule, by);
		break;
	default:
		text_line(d, rule, by);
	}
}

/* ------------------------------------------------------------------ */
/* The sink                                                             */

/* Whether id is a word of list (separated by spaces, commas, '|'). */
static int
in_list(const char *list, const char *id)
{
	size_t n = strlen(id), k;
	const char *p = list;

	while (p != NULL && *p != '\0') {
		p += strspn(p, " \t,|");
		k = strcspn(p, " \t,|");
		if (k == n && k > 0 && strncmp(p, id, n) == 0)
			return 1;
		p += k;
	}
	return 0;
}

/* What leaves out d: KEPT, BY_OPTION or BY_FILE. */
static int
left_out(const diag_sink *s, const kll_error *d)
{
	size_t i;

	for (i = 0; i < s->ignore.n; i++)
		if (strcmp(s->ignore.v[i], d->rule) == 0)
			return BY_OPTION;
	if (s->suppress != NULL && s->file != NULL &&
	    strcmp(s->file, d->file) == 0 && in_list(s->suppress, d->rule))
		return BY_FILE;
	return KEPT;
}

static void
show(diag_sink *s, const kll_error *d)
{
	int by;

	if (d->severity < s->min)
		return;
	if ((by = left_out(s, d)) != KEPT) {
		if (s->verbose)
			put(s, d, d->rule, by);
		return;
	}
	s->shown[d->severity]++;
	if (d->severity >= s->fail_on)
		s->failing++;
	put(s, d, d->rule, KEPT);
}

void
diag_emit(diag_sink *s, const kll_error *d)
{
	diag_held *h;
	size_t n;

	if (!s->holding) {
		show(s, d);
		return;
	}
	if (s->nheld == s->capheld) {
		n = s->capheld ? 2 * s->capheld : 16;
		if ((h = realloc(s->held, n * sizeof(*h))) == NULL) {
			/* Without room to wait: out, as they are. */
			diag_release(s, NULL);
			show(s, d);
			return;
		}
		s->held = h;
		s->capheld = n;
	}
	s->held[s->nheld++].d = *d;
}

void
diag_fn(void *payload, const kll_error *d)
{
	diag_emit(payload, d);
}

void
diag_fatal(diag_sink *s, const kll_error *err)
{
	kll_error d = *err;

	if (s->holding)
		diag_release(s, NULL);
	if (d.msg[0] == '\0')
		snprintf(d.msg, sizeof(d.msg), "%s", kll_strerror(d.code));
	d.severity = KLL_SEV_ERROR;
	s->fatal++;
	put(s, &d, kll_error_rule(err), KEPT);
}

void
diag_hold(diag_sink *s, const char *file)
{
	free(s->suppress);
	s->suppress = NULL;
	/* As the library names it in its findings. */
	s->file = strcmp(file, "-") == 0 ? "<stdin>" : file;
	s->holding = 1;
}

void
diag_release(diag_sink *s, const char *suppress)
{
	size_t i;

	if (!s->holding)
		return;
	s->holding = 0;
	free(s->suppress);
	s->suppress = suppress != NULL ? strdup(suppress) : NULL;
	for (i = 0; i < s->nheld; i++)
		show(s, &s->held[i].d);
	s->nheld = 0;
}

int
diag_end(diag_sink *s, int rc)
{
	if (s->holding)
		diag_release(s, NULL);
	if (s->format == DIAG_SARIF) {
		sarif_start(s);
		fputs(s->nresults > 0 ? "\n    ]\n  }]\n}\n" : "]\n  }]\n}\n",
		    stdout);
	}
	free(s->held);
	free(s->suppress);
	s->held = NULL;
	s->suppress = NULL;
	if (report_sink == s)
		report_sink = NULL;
	if (s->fatal > 0 && rc < EXIT_TROUBLE)
		rc = EXIT_TROUBLE;
	if (rc < EXIT_FOUND && s->failing > 0)
		rc = EXIT_FOUND;
	return rc;
}
