/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* pub.h: what the parts of kll-publish share: the publisher's
 * configuration (pub_config.c), the catalog and its datasets
 * (pub_catalog.c), its DCAT-AP-SE description (pub_dcat.c), the RDF it
 * reads (pub_rdf.c), and the folder (publish.c) of dumps (pub_dumps.c,
 * pub_csv.c) and a page (pub_page.c) that it describes.  Not installed. */
#ifndef KLL_PUB_H
#define KLL_PUB_H

#include <stdint.h>

#include "internal.h"

/* ------------------------------------------------------------------ */
/* Digests                                                              */

/* SHA-1 (FIPS 180-4), incrementally: init, update as often as needed,
 * final.  Used for the checksums of distributions, which DCAT-AP-SE
 * wants as SHA-1, and for name-based UUIDs. */
typedef struct kll__sha1 {
	uint32_t h[5];
	uint64_t len; /* bytes so far */
	unsigned char block[64];
	size_t used; /* bytes in block */
} kll__sha1;

void kll__sha1_init(kll__sha1 *s);
void kll__sha1_update(kll__sha1 *s, const void *p, size_t n);
void kll__sha1_final(kll__sha1 *s, unsigned char out[20]);

/* The 40 lower-case hex digits of the SHA-1 of p[0..n). */
void kll__sha1_hex(const void *p, size_t n, char out[41]);

/* The name-based (version 5, SHA-1) UUID of "name" in the URL namespace
 * of RFC 4122 (6ba7b811-9dad-11d1-80b4-00c04fd430c8), lower case. */
void kll__uuid5_url(const char *name, char out[37]);

/* ------------------------------------------------------------------ */
/* The configuration                                                    */

/* The data-theme codes of DCAT-AP-SE 3.0.1 as a bit set. */
enum {
	KLL__THEME_AGRI = 1 << 0,
	KLL__THEME_ECON = 1 << 1,
	KLL__THEME_EDUC = 1 << 2,
	KLL__THEME_ENER = 1 << 3,
	KLL__THEME_ENVI = 1 << 4,
	KLL__THEME_GOVE = 1 << 5,
	KLL__THEME_HEAL = 1 << 6,
	KLL__THEME_INTR = 1 << 7,
	KLL__THEME_JUST = 1 << 8,
	KLL__THEME_SOCI = 1 << 9,
	KLL__THEME_REGI = 1 << 10,
	KLL__THEME_TECH = 1 << 11,
	KLL__THEME_TRAN = 1 << 12
};
#define KLL__NTHEMES 13

/* Theme "i" (0 <= i < KLL__NTHEMES): its code and its labels in
 * Swedish and English, as DCAT-AP-SE gives them. */
const char *kll__theme_code(int i);
const char *kll__theme_label(int i, const char *lang);

/* The Swedish or English label of an ADMS publisher type or a planned
 * availability by its code ("NationalAuthority", "STABLE"), or NULL. */
const char *kll__choice_label(const char *code, const char *lang);

/* A value of the configuration as set: normalised text, and where it
 * came from ("pub.conf" and a line, or "--email" and line 0). */
typedef struct kll__pubval {
	const char *value;
	const char *where;
	unsigned line;
} kll__pubval;

/* The value of "key" for dataset "id" ("theme.occ"), else the plain
 * key's value when "fallback" is nonzero, else NULL. */
const kll__pubval *kll__pubconf_lookup(
    const kll_pubconf *c, const char *key, const char *id, int fallback);

/* The themes of a space-separated list of codes, as kept after
 * normalisation. */
unsigned kll__themes_parse(const char *codes);

/* Every dataset id the configuration names in a per-dataset key, one at
 * a time: returns 0 past the last. */
int kll__pubconf_dataset_at(const kll_pubconf *c, size_t i, const char **id,
    const kll__pubval **val, const char **key);

/* The licence IRI "iri" as DCAT-AP-SE wants Creative Commons ones
 * written (http, trailing slash), into the arena; NULL when out of
 * memory. */
const char *kll__license_norm(kll__arena *a, const char *iri);

/* "one" when n is 1, else "many": a noun in the number its count takes
 * (Swedish "1 nivå", "8 nivåer"; English "1 level"). */
const char *kll__noun(size_t n, const char *one, const char *many);

/* The EU language code of a language tag ("sv" -> "SWE"), or NULL. */
const char *kll__lang_code(const char *tag);

/* ------------------------------------------------------------------ */
/* The page                                                             */

/* Write "s" (NULL: nothing) escaped for HTML text and for a quoted
 * attribute value alike: & < > " and ' as character references. */
void kll__html_text(FILE *fp, const char *s);

/* Write <a href="HREF">TEXT</a> with both escaped when "href" passes
 * kll__link_ok(href, kind); else only TEXT, escaped, and return -1. */
int kll__html_link(FILE *fp, const char *href, const char *text, int kind);

/* ------------------------------------------------------------------ */
/* The catalog                                                          */

typedef enum kll__dskind { KLL__VOCAB = 0, KLL__KEY = 1 } kll__dskind;

/* One file of a dataset in the published folder. */
typedef struct kll__pubfile {
	const char *rel;               /* path in the folder: "vocab/occ.ttl" */
	const char *tag;               /* in the distribution's IRI: "turtle" */
	const char *media;             /* IANA media type */
	const char *what_sv, *what_en; /* for dcterms:description */
	const char *conforms[3];       /* standards it follows */
	uint64_t size;
	char sha1[41];
} kll__pubfile;

#define KLL__MAXFILES 4

typedef struct kll__dataset {
	kll__dskind kind;
	const char *id;  /* also the files' base name */
	const char *src; /* the vocabulary or key file */
	const char *iri;
	char uuid[37];
	/* From the data. */
	const char *own_title[2]; /* sv, en; NULL when none */
	const char *own_desc[2];
	const char *own_license, *own_issued, *own_modified;
	const char *own_freq, *own_start, *own_end, *own_ident;
	const char *own_langs; /* EU codes of the labels' languages */
	int has_notation, has_issued; /* the scheme has them */
	const char *version, *page, *scheme;
	const char *side_id[2];      /* keys: the vocabularies' ids or NULL */
	const char *side_name[2][2]; /* keys: their titles, sv and en */
	size_t count;                /* concepts, or mappings */
	size_t count2;               /* levels, or concept associations */
	size_t coded;                /* concepts with a notation */
	size_t triples;              /* of the vocabulary as read */
	size_t added;                /* triples added to its scheme */
	/* Completed from the configuration. */
	const char *title[2], *desc[2], *keywords[2];
	const char *license, *issued, *modified;
	const char *langs;    /* EU language codes, space-separated */
	const char *freq;     /* an EU frequency code, or NULL */
	const char *temporal; /* "START/END", either may be empty; or NULL */
	const char *notation; /* a vocabulary's short name */
	unsigned themes;
	kll__pubfile file[KLL__MAXFILES];
	size_t nfiles;
	kll_mapset *m; /* keys: the key as read */
} kll__dataset;

struct kll_catalog {
	const kll_pubconf *conf;
	kll_publish_opts opts;
	kll__arena arena;
	kll__dataset *ds;
	size_t nds, capds;
	const char *modified; /* the catalog's: the latest of its datasets' */
	size_t nerrors; /* errors found by the last check */
	int oom;        /* a copy into the arena failed (pub_catalog.c) */
};

/* The IRIs the catalog mints under the configured base URL. */
const char *kll__catalog_iri(kll_catalog *c, const char *fragment);

/* Send a diagnostic to the catalog's sink (nothing without one). */
void kll__catalog_diag(kll_catalog *c, kll_severity sev, const char *rule,
    const char *file, unsigned line, const char *fmt, ...) KLL__PRINTF(6, 7);

/* Write the catalog of c (after its files were written and measured) to
 * fp in raptor syntax "syntax" ("rdfxml-abbrev"; "ntriples" to count its
 * triples); "name" (may be NULL) is used in messages. */
kll_status kll__catalog_write_rdf(kll_catalog *c, FILE *fp, const char *syntax,
    const char *name, kll_error *err);

/* Complete each dataset's metadata from its data and the
 * configuration, and check the whole catalog: every finding to the sink,
 * errors counted in c->nerrors.  Errors: KLL_ENOMEM. */
kll_status kll__catalog_complete(kll_catalog *c, kll_error *err);

/* ------------------------------------------------------------------ */
/* Reading RDF (pub_rdf.c)                                              */

/* Count the triples of "path", and the subjects typed "cls" (may be
 * NULL; typed may then be NULL too). */
kll_status kll__pub_count_rdf(const char *path, const char *cls,
    size_t *triples, size_t *typed, kll_error *err);

/* Write "src" again to fp in raptor syntax "syntax", with its prefixes,
 * and the statements of "add" (may be NULL) about its scheme; *triples
 * gets the number written. */
typedef struct kll__pubadd {
	const char *scheme;   /* NULL: add nothing */
	const char *notation; /* skos:notation to add, or NULL */
	const char *issued;   /* dcterms:issued (xsd:date) to add, or NULL */
} kll__pubadd;

kll_status kll__pub_reserialize(const char *src, FILE *fp, const char *syntax,
    const kll__pubadd *add, size_t *triples, kll_error *err);

/* What an RDF file says of its concept scheme that the catalog uses,
 * first value wins: dcterms:description in Swedish and English,
 * dcterms:license, dcterms:issued (its date), dcterms:source; NULL when
 * it says nothing.  And the file's number of triples. */
typedef struct kll__pubmeta {
	size_t triples;
	const char *desc[2], *license, *issued, *source;
	const char *modified, *freq, *start, *end; /* dcterms:modified,
	                    * accrualPeriodicity, schema:startDate, endDate */
	const char *ident;  /* dcterms:identifier */
	int has_notation, has_issued; /* skos:notation, dcterms:issued */
} kll__pubmeta;

/* Read "path" for the metadata of scheme "scheme" into *out, the strings
 * in arena "a". */
kll_status kll__pub_scheme_meta(kll__pubmeta *out, const char *path,
    const char *scheme, kll__arena *a, kll_error *err);

/* ------------------------------------------------------------------ */
/* Writing the folder (publish.c)                                       */

/* One run of kll_catalog_publish(): the first error sticks in st. */
typedef struct kll__pubjob {
	kll_catalog *c;
	const char *tmp; /* the new folder */
	kll_error *err;
	kll_status st;
} kll__pubjob;

/* "dir/rel", for the caller to free; NULL when out of memory. */
char *kll__pub_join(const char *dir, const char *rel);

/* Whether the job failed, or stops now because its caller asks it to
 * (opts.stop): then it fails with "interrupted". */
int kll__pub_stopped(kll__pubjob *j);

/* Open "rel" in the new folder for writing; *path gets its full name
 * (the caller frees it, also on failure).  NULL after an error. */
FILE *kll__pub_create(kll__pubjob *j, const char *rel, char **path);

/* Flush, sync and close fp (a failure is a write error); then, when f
 * is not NULL, the file's size and SHA-1 into f.  Returns j->st. */
kll_status kll__pub_close(
    kll__pubjob *j, FILE *fp, const char *path, kll__pubfile *f);

/* A new distribution of d at "dir/ID.ext" with its tag and media type;
 * NULL after an error. */
kll__pubfile *kll__pub_add_file(kll__pubjob *j, kll__dataset *d,
    const char *dir, const char *ext, const char *tag, const char *media);

/* The number of lines that fn writes to a stream, into *n: for output
 * that is only counted (N-Triples, a triple a line).  They go to a
 * scratch file in the new folder, removed after.  Returns j->st. */
typedef kll_status (*kll__pub_writer)(void *ctx, FILE *fp, kll_error *err);
kll_status kll__pub_count_lines(
    kll__pubjob *j, kll__pub_writer fn, void *ctx, size_t *n);

/* The files of a dataset: a vocabulary's RDF forms and a key's TSV,
 * SKOS and XKOS (pub_dumps.c), a vocabulary's code list (pub_csv.c);
 * each read back.  And the page (pub_page.c). */
void kll__pub_write_vocab(kll__pubjob *j, kll__dataset *d);
void kll__pub_write_key(kll__pubjob *j, kll__dataset *d);
void kll__pub_write_csv(kll__pubjob *j, kll__dataset *d);
void kll__pub_write_page(kll__pubjob *j);
/* The page of each dataset (pub_vocabpage.c, pub_keypage.c) at
 * vocab/ID.html or mappings/ID.html. */
void kll__pub_write_pages(kll__pubjob *j);

/* Size and SHA-1 of the file "path" as it is on disk, into f. */
kll_status kll__pub_measure(const char *path, kll__pubfile *f, kll_error *err);

/* ------------------------------------------------------------------ */
/* What of the folder kll-publish owns (pub_folder.c)                   */

/* The list of the files a run wrote, with their SHA-1, in the folder. */
#define KLL__MANIFEST ".kll-publish-manifest"

/* The old folder: whether it exists, whether it has a manifest, and the
 * files that manifest lists (path -> index into sum). */
typedef struct kll__owned {
	int exists, present;
	kll__map map;
	char (*sum)[41];
	size_t n, cap;
	kll__arena arena;
} kll__owned;

/* Read the manifest of "dir" into o.  A folder that is neither missing,
 * empty, nor holds a manifest is refused (KLL_EARG, rule
 * publish-foreign) unless opts.force. */
kll_status kll__owned_read(
    kll__owned *o, kll_catalog *c, const char *dir, kll_error *err);
void kll__owned_free(kll__owned *o);

/* Write the manifest of the new folder: every file in it, sorted. */
void kll__pub_write_manifest(kll__pubjob *j);

/* Carry every file and folder of "old" that o does not own into the new
 * folder (by hard link, else by copy), or with opts.clean leave them out;
 * one in the way of a new file fails the job unless opts.force. */
void kll__pub_keep_foreign(kll__pubjob *j, const kll__owned *o, const char *old);

/* The pages of one key and one vocabulary (pub_keypage.c,
 * pub_vocabpage.c): the head of such a page, and the top-level concept
 * above c (c itself at the top; NULL after 256 steps). */
void kll__page_head(FILE *fp, const char *title);
const kll_concept *kll__page_top(const kll_concept *c);

#endif
