/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fuzz_ntriples.c: a vocabulary from N-Triples (kll_vocab_load), then
 * kll_vocab_check. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_vocab(data, size, "ntriples", "in.nt");
}
