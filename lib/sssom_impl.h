/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sssom_impl.h: what the files of the SSSOM code (sssom.c, sssom_meta.c,
 * sssom_read.c, sssom_write.c) share: the mapping-set structure, the
 * reader's state, and the kll__sssom_* functions one of them defines and
 * another calls.  Private to those files.
 */
#ifndef KLL_SSSOM_IMPL_H
#define KLL_SSSOM_IMPL_H

#include <stddef.h>

#include "internal.h"
#include "sssom_slots.h"

/* ------------------------------------------------------------------ */
/* The model                                                            */

struct prefix {
	const char *name;
	const char *iri;
};

/* A non-standard slot: declared in extension_definitions, or a column or
 * metadata key that the model does not know. */
struct extra {
	const char *name;
	const char *property; /* NULL when not declared or not given */
	const char *type_hint;
	int declared;
	int curie;         /* type_hint is linkml:uriOrCurie */
	const char *meta;  /* the set-level value, or NULL */
	int meta_list;     /* meta is a joined list */
	const char **vals; /* one per record; NULL: no such column */
};

struct kll_mapset {
	kll__arena arena;
	char *text; /* the file's text, which values point into */
	const char *path;
	size_t n, cap; /* records, and room for them in each array */
	unsigned *lines; /* the line each record starts on; 0: made in code */
	const char **col[KLL_SLOT__COUNT]; /* NULL: no value anywhere */
	/* Where each record's field of a slot is: its 1-based byte column
	 * (0: no column; NULL: none anywhere), and its line when that is
	 * not the record's (0: the record's; NULL: never). */
	unsigned *fcol[KLL_SLOT__COUNT];
	unsigned *fline[KLL_SLOT__COUNT];
	const char *meta[SL__COUNT];
	struct prefix *pfx; /* declared prefixes, no built-in one */
	size_t npfx, pfxcap;
	kll__map pfxmap; /* name -> index in pfx */
	struct extra *ext;
	size_t next, extcap;
	kll__map extmap; /* name -> index in ext */
	kll__map intern; /* value -> index in istr */
	const char **istr;
	size_t nistr, istrcap;
	size_t nerrors;
	int rowwise; /* read a record at a time: no values common to all */
	size_t insize; /* read a record at a time: the file's size, or 0 */
	unsigned ncols; /* columns and positions made: a reader's list of
	                 * the slots to clear is current while it stays */
};

/* The result of checking one value. */
struct vres {
	const char *rule;
	kll_severity sev;
	kll_status code;
	size_t off;        /* where in the value the problem is */
	const char *fixed; /* the value to keep instead, or NULL */
	char msg[400];
};

/* The last prefix found declared, to skip the lookup for the next value. */
struct ccache {
	const char *p;
	size_t n;
	size_t idx; /* index in pfx, or (size_t)-1 for a built-in */
};

#define NOIDX ((size_t)-1)

/* ------------------------------------------------------------------ */
/* Reading: the state that sssom_read.c and sssom_meta.c share          */

enum { C_SLOT, C_EXTRA, C_SKIP, C_MATCH_TYPE, C_MATCH_TERM_TYPE };

/* What a column of the header holds. */
struct colmap {
	int what;         /* C_* */
	int slot;         /* C_SLOT: the kll_slot */
	size_t ext;       /* C_EXTRA: index in m->ext */
	int subj, obj;    /* C_MATCH_TERM_TYPE: the slots it fills */
	const char *last; /* the last value that passed every check */
	struct ccache cc;
};

/* A record without subject_id or object_id: fine when its type, known
 * only after propagation, is rdfs literal and it has the label. */
struct pend {
	size_t rec;
	int slot;
	int has_id, has_label; /* the record's id and label are there */
	unsigned line, col;   /* where the id is, or would be */
	unsigned lline, lcol; /* the same for the label */
};

struct rd {
	kll_mapset *m;
	kll_diag_fn diag;
	void *payload;
	const char *file;     /* the name in messages of what is read */
	const char *metafile; /* where the metadata came from */
	kll_error first;      /* without a sink: the first error */
	int stop;             /* stop reading: see first, or nomem */
	int nomem;
	char *p, *end; /* the TSV text left to read */
	char *bol;     /* the start of the current line */
	/* The bytes that end a run of an unquoted field, a quoted one,
	 * and (outside quotes) a record: kll__csv_span() finds them. */
	unsigned char runend[3][256];
	unsigned line;
	unsigned endcol; /* the column after the last field read */
	struct colmap *cols;
	size_t ncols;
	int slotcol[KLL_SLOT__COUNT]; /* each slot's column, or -1 */
	unsigned *fline, *fcol; /* where the current record's fields are */
	struct pend *pend;
	size_t npend, pendcap;
	/* Reading a record at a time (kll_sssom_opts.row): the text is a
	 * window of the file, m->text, refilled from fp. */
	FILE *fp;             /* NULL: the whole text is in memory */
	size_t cap;           /* the size of m->text */
	int eof;              /* fp has no more */
	char *chk;            /* the text before it passed the checks */
	unsigned chkline;     /* the line of chk */
	const char *prop[KLL_SLOT__COUNT]; /* set values given to each row */
	unsigned char clr[KLL_SLOT__COUNT]; /* slots cleared at each row */
	size_t nclr;
	unsigned clrcols; /* the set's ncols when clr was made */
	int clrok;
	unsigned char seen[KLL_SLOT__COUNT]; /* some row has a value */
	kll_sssom_row_fn row;
	void *row_payload;
	size_t nrows;
};

/* ------------------------------------------------------------------ */
/* Functions of one file that the others call                           */

/* sssom.c: slots, values, checks, records, prefixes */
int kll__sssom_slot_lookup(const char *name, int flags);
const char *kll__sssom_mv_end(const char *p, const char *end);
int kll__sssom_mv_decode(kll__buf *b, const char *p, size_t n);
int kll__sssom_mv_escape(kll__buf *b, const char *s, size_t n);
const char *kll__sssom_mv_canon(kll_mapset *m, const char *v);
int kll__sssom_isdig(int c);
int kll__sssom_dec_format(const char *s, char *buf);
int kll__sssom_ncname_ok(const char *p, size_t n);
const char *kll__sssom_builtin_iri(const char *p, size_t n);
const char *kll__sssom_prefix_find(
    const kll_mapset *m, const char *p, size_t n, size_t *idx);
const char *kll__sssom_shown(const char *s, size_t n, char *buf, size_t size);
int kll__sssom_check_curie(const kll_mapset *m, const char *name, const char *v,
    size_t n, int declared, struct ccache *cc, struct vres *res);
int kll__sssom_check_item(const kll_mapset *m, const struct slotdef *sd,
    const char *name, const char *v, size_t n, int declared, struct ccache *cc,
    struct vres *res);
int kll__sssom_grow_records(kll_mapset *m, size_t need);
unsigned *kll__sssom_new_pos(kll_mapset *m);
const char **kll__sssom_new_column(kll_mapset *m);
const char *kll__sssom_intern(kll_mapset *m, const char *s, int copy);
const char *kll__sssom_keep(kll_mapset *m, int slot, const char *v);
struct extra *kll__sssom_extra_find(const kll_mapset *m, const char *name);
struct extra *kll__sssom_extra_add(kll_mapset *m, const char *name);
kll_status kll__sssom_nomem(kll_error *err);
const char *kll__sssom_common_value(const kll_mapset *m, int s);
int kll__sssom_prefix_put(kll_mapset *m, const char *name, const char *iri);
const char *kll__sssom_prefix_problem(
    const char *name, const char *iri, const char **rule);
int kll__sssom_is_uriorcurie(const kll_mapset *m, const char *t);

/* sssom_read.c: diagnostics and the file's text */
void kll__sssom_report(struct rd *r, kll_severity sev, kll_status code,
    const char *rule, unsigned line, unsigned col, const char *fmt, ...)
    KLL__PRINTF(7, 8);
void kll__sssom_out_of_memory(struct rd *r);
kll_status kll__sssom_slurp(
    char **out, size_t *len, const char *path, size_t max, kll_error *err);
kll_status kll__sssom_text_check(
    const char *text, size_t len, const char *file, kll_error *err);

/* sssom_meta.c: the metadata */
kll_status kll__sssom_read_metadata(
    struct rd *r, const char *path, const char *metapath, kll_error *err);

#endif
