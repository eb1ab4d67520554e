/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test_lang.c: the shape of a language tag (lib/lang.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "kll.h"

static void
test_lang_ok(void **state)
{
	(void)state;
	assert_true(kll_lang_ok("sv"));
	assert_true(kll_lang_ok("en-GB"));
	assert_true(kll_lang_ok("sr-Latn-RS"));
	assert_true(kll_lang_ok("x-kll1"));
}

static void
test_lang_bad(void **state)
{
	(void)state;
	assert_false(kll_lang_ok(NULL));
	assert_false(kll_lang_ok(""));
	assert_false(kll_lang_ok("-sv"));
	assert_false(kll_lang_ok("sv,en"));
	assert_false(kll_lang_ok("sv en"));
	assert_false(kll_lang_ok("sv_SE"));
	assert_false(kll_lang_ok("sv\xc3\xa4"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lang_ok),
		cmocka_unit_test(test_lang_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
