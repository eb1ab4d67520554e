/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test_rules.c: the rule registry (kll_rule_at, lib/rules.c) against the
 * sources: every rule id that a lib/ C file writes as a string literal
 * must be in the registry, and every id in the registry must be written
 * somewhere, so that a new diagnostic or a dropped one shows up here.
 * "test_rules --list" prints the registry (id TAB severity), for
 * tests/man-rules.sh.  The sources are read from $KLL_SRCDIR or lib. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kll.h"

/* The families of rule ids: a literal "FAMILY-..." in lib/ is a rule id. */
static const char *const families[] = { "apply", "compose", "encoding",
	"export", "import", "input", "invert", "learn", "limit", "map", "publish",
	"sssom", "vocab" };

/* Literals of that shape that are no rule ids: kll-publish's
 * configuration keys (pubconfig.c, dcat.c). */
static const char *const not_rules[] = { "vocab-license", "key-license" };

#define MAX_IDS 512

typedef struct seen {
	char id[MAX_IDS][64];
	char where[MAX_IDS][80];
	size_t n;
} seen;

static seen used;

static const char *
srcdir(void)
{
	const char *d = getenv("KLL_SRCDIR");

	return d && *d ? d : "lib";
}

static int
listed(const char *s, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

static int
looks_like_rule(const char *s)
{
	size_t i, k;
	const char *p;

	for (i = 0; i < sizeof(families) / sizeof(families[0]); i++) {
		k = strlen(families[i]);
		if (strncmp(s, families[i], k) != 0 || s[k] != '-' ||
		    s[k + 1] == '\0')
			continue;
		for (p = s + k + 1; *p; p++)
			if (!((*p >= 'a' && *p <= 'z') ||
			        (*p >= '0' && *p <= '9') || *p == '-'))
				return 0;
		return !listed(
		    s, not_rules, sizeof(not_rules) / sizeof(not_rules[0]));
	}
	return 0;
}

static void
note_literal(const char *lit, const char *file)
{
	size_t i;

	if (!looks_like_rule(lit))
		return;
	for (i = 0; i < used.n; i++)
		if (strcmp(used.id[i], lit) == 0)
			return;
	assert_true(used.n < MAX_IDS);
	snprintf(used.id[used.n], sizeof(used.id[0]), "%s", lit);
	snprintf(used.where[used.n], sizeof(used.where[0]), "%s", file);
	used.n++;
}

/* The string literals of one C file, comments and character constants
 * skipped. */
static void
scan_file(const char *path, const char *name)
{
	char lit[64];
	size_t n = 0;
	int c, prev = 0, state = 0; /* 0 code, 1 string, 2 char, 3 / *, 4 // */
	FILE *fp = fopen(path, "r");

	assert_non_null(fp);
	while ((c = getc(fp)) != EOF) {
		if (state == 0) {
			if (c == '"')
				state = 1, n = 0;
			else if (c == '\'')
				state = 2;
			else if (prev == '/' && c == '*')
				state = 3, c = 0;
			else if (prev == '/' && c == '/')
				state = 4;
		} else if (state == 1 || state == 2) {
			if (c == '\\') {
				if ((c = getc(fp)) == EOF)
					break;
				if (n < sizeof(lit) - 1)
					lit[n++] = '\\'; /* spoils an id */
				c = 0;
			} else if (c == (state == 1 ? '"' : '\'')) {
				lit[n < sizeof(lit) ? n : sizeof(lit) - 1] =
				    '\0';
				if (state == 1 && n < sizeof(lit) - 1)
					note_literal(lit, name);
				state = 0;
				c = 0;
			} else if (state == 1 && n < sizeof(lit) - 1) {
				lit[n++] = (char)c;
			}
		} else if (state == 3 && prev == '*' && c == '/') {
			state = 0, c = 0;
		} else if (state == 4 && c == '\n') {
			state = 0;
		}
		prev = c;
	}
	fclose(fp);
}

static int
setup(void **state)
{
	char path[1024];
	struct dirent *e;
	DIR *d;
	size_t k;

	(void)state;
	if ((d = opendir(srcdir())) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		k = strlen(e->d_name);
		if (k < 3 || strcmp(e->d_name + k - 2, ".c") != 0 ||
		    strcmp(e->d_name, "rules.c") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", srcdir(), e->d_name);
		scan_file(path, e->d_name);
	}
	closedir(d);
	return used.n > 0 ? 0 : -1;
}

/* Every id written in lib/ is registered. */
static void
test_sources_registered(void **state)
{
	size_t i, bad = 0;

	(void)state;
	for (i = 0; i < used.n; i++)
		if (kll_rule_find(used.id[i]) == NULL) {
			print_error("%s: rule '%s' is not in the registry "
			            "(lib/rules.c)\n",
			    used.where[i], used.id[i]);
			bad++;
		}
	assert_int_equal(bad, 0);
}

/* Every registered id is written in lib/, once in the registry. */
static void
test_registry_used(void **state)
{
	const kll_check_rule *r, *s;
	size_t i, j, bad = 0;

	(void)state;
	for (i = 0; (r = kll_rule_at(i)) != NULL; i++) {
		for (j = 0; j < used.n; j++)
			if (strcmp(used.id[j], r->id) == 0)
				break;
		if (j == used.n) {
			print_error("rule '%s' is registered but no source in "
			            "%s reports it\n",
			    r->id, srcdir());
			bad++;
		}
		for (j = 0; j < i; j++)
			if ((s = kll_rule_at(j)) != NULL &&
			    strcmp(s->id, r->id) == 0) {
				print_error(
				    "rule '%s' is registered twice\n", r->id);
				bad++;
			}
		assert_non_null(r->summary);
		assert_true(r->summary[0] != '\0');
	}
	assert_int_equal(bad, 0);
}

static void
test_find(void **state)
{
	const kll_check_rule *r;
	size_t n;

	(void)state;
	assert_non_null(r = kll_rule_find("sssom-syntax"));
	assert_int_equal(r->severity, KLL_SEV_ERROR);
	assert_non_null(kll_rule_find("vocab-cycle"));
	assert_non_null(kll_rule_find("map-no-vocabulary"));
	assert_null(kll_rule_find("no-such-rule"));
	assert_null(kll_rule_find(""));
	for (n = 0; kll_rule_at(n) != NULL; n++)
		;
	assert_true(n > 100);
	assert_null(kll_rule_at(n + 1));
	assert_ptr_equal(kll_rule_at(0), kll_check_rule_at(0));
}

/* kll_error_rule: an error's own rule, else an input-* rule by its
 * status, each in the registry. */
static void
test_error_rule(void **state)
{
	static const struct {
		kll_status code;
		const char *rule;
	} want[] = {
		{ KLL_EIO, "input-unreadable" },
		{ KLL_ENOTFOUND, "input-not-found" },
		{ KLL_EENCODING, "input-encoding" },
		{ KLL_ESYNTAX, "input-syntax" },
		{ KLL_ENOMEM, "input-out-of-memory" },
		{ KLL_EINVALID, "input-invalid" },
		{ KLL_EARG, "input-invalid" },
	};
	kll_error e;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		memset(&e, 0, sizeof(e));
		e.code = want[i].code;
		assert_string_equal(kll_error_rule(&e), want[i].rule);
		assert_non_null(kll_rule_find(kll_error_rule(&e)));
	}
	memset(&e, 0, sizeof(e));
	e.code = KLL_ESYNTAX;
	snprintf(e.rule, sizeof(e.rule), "%s", "limit-line");
	assert_string_equal(kll_error_rule(&e), "limit-line");
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sources_registered),
		cmocka_unit_test(test_registry_used),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_error_rule),
	};
	const kll_check_rule *r;
	size_t i;

	if (argc > 1 && strcmp(argv[1], "--list") == 0) {
		for (i = 0; (r = kll_rule_at(i)) != NULL; i++)
			printf(
			    "%s\t%s\n", r->id, kll_severity_name(r->severity));
		return 0;
	}
	return cmocka_run_group_tests(tests, setup, NULL);
}
