/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fuzz.h: what the libFuzzer targets of kll share. */
#ifndef KLL_FUZZ_H
#define KLL_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "kll.h"

/* The libFuzzer entry point every target defines. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Write data to the file "name" in this process's scratch folder and
 * return its path (valid until the next call with the same name).  The
 * folder and what it holds go away when the process exits. */
const char *fuzz_file(const char *name, const void *data, size_t size);

/* Stop the run, as a crash that libFuzzer records, when "ok" is false. */
#define FUZZ_ASSERT(ok, ...)                                                   \
	((ok) ? (void)0 : fuzz_fail(__FILE__, __LINE__, __VA_ARGS__))
void fuzz_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4), noreturn));

/* What every error the library fills must look like: the code it
 * returned, a message of one line. */
void fuzz_check_error(const kll_error *err, kll_status st);

/* A diagnostic sink that checks each finding the same way and counts
 * them; the payload is a size_t. */
void fuzz_count_diag(void *payload, const kll_error *d);

/* Load Turtle file "path" again as TriG, which raptor reads, and check
 * that it makes the same vocabulary as "v" where both loads succeed (st:
 * how loading the file through serd went). */
void fuzz_compare_with_raptor(const char *path, const kll_load_opts *lo,
    const kll_vocab *v, kll_status st);

/* The vocabulary target: load data as RDF syntax "syntax" from a file
 * called "name", check the index's invariants, then run the checks. */
int fuzz_vocab(
    const uint8_t *data, size_t size, const char *syntax, const char *name);

#endif
