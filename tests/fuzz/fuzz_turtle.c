/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fuzz_turtle.c: a vocabulary from Turtle (kll_vocab_load), then
 * kll_vocab_check. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_vocab(data, size, "turtle", "in.ttl");
}
