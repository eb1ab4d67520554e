/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* table_read.c: what the importers of tables share (kll-map import and
 * kll-vocab import): the table read whole through its decoder, and the
 * check of a header that was split with the wrong separator. */
#include "encoding.h"

kll_status
kll__table_each(const char *path, const char *name, char sep,
    const char *encoding,
    kll_status (*header)(void *ctx, kll_csv *c, size_t nf),
    kll_status (*row)(void *ctx, kll_csv *c, size_t nf), void *ctx,
    kll_error *err)
{
	kll_csv_opts co = KLL_CSV_OPTS_INIT;
	kll__feed *f;
	kll_csv *c;
	kll_status st;

	co.sep = sep;
	if ((st = kll__feed_open(&c, &f, path, encoding, 0, &co, err)) !=
	    KLL_OK)
		return st;
	st = kll__csv_walk(c, name, header, row, ctx, err);
	kll_csv_free(c);
	return kll__feed_end(f, st, err);
}

kll_status
kll__table_wrong_sep(kll__problems *pr, const char *name, kll_csv *c,
    size_t nf, const char *rule)
{
	char sep = kll_csv_sep(c), other;

	if (nf != 1 ||
	    (other = kll__other_sep(kll_csv_field(c, 0, NULL), sep)) == 0)
		return KLL_OK;
	kll__problem_at(pr, name, kll_csv_line(c), 1, rule,
	    "the header reads as one column with the separator %s, but it "
	    "holds %s: %s",
	    kll__sep_name(sep), kll__sep_name(other),
	    other == '|'  ? "kll reads only ',', ';' or TAB" :
	    other == '\t' ? "give --separator=tab" :
	    other == ','  ? "give --separator=','" :
	                    "give --separator=';'");
	return KLL_EINVALID;
}
