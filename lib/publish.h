/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* publish.h: what the three parts of kll-publish share: the publisher's
 * configuration (pubconfig.c), the DCAT-AP-SE catalog (dcat.c) and the
 * folder of dumps it describes (publish.c).  Not installed. */
#ifndef KLL_PUBLISH_H
#define KLL_PUBLISH_H

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
	const char *own_license, *own_issued;
	const char *version, *page, *scheme;
	const char *side_id[2];      /* keys: the vocabularies' ids or NULL */
	const char *side_name[2][2]; /* keys: their titles, sv and en */
	size_t count;                /* concepts, or mappings */
	size_t count2;               /* levels, or concept associations */
	size_t coded;                /* concepts with a notation */
	size_t triples;              /* of the vocabulary as read */
	/* Completed from the configuration. */
	const char *title[2], *desc[2], *keywords[2];
	const char *license, *issued;
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
	size_t nerrors; /* errors found by the last check */
};

/* The IRIs the catalog mints under the configured base URL. */
const char *kll__catalog_iri(kll_catalog *c, const char *fragment);

/* Send a diagnostic to the catalog's sink (nothing without one). */
void kll__catalog_diag(kll_catalog *c, kll_severity sev, const char *rule,
    const char *file, unsigned line, const char *fmt, ...) KLL__PRINTF(6, 7);

/* Write the catalog of c (after its files were written and measured) as
 * RDF/XML to fp; *ntriples (may be NULL) gets the number of triples. */
kll_status kll__catalog_write_rdf(kll_catalog *c, FILE *fp, const char *name,
    size_t *ntriples, kll_error *err);

/* Complete each dataset's metadata from its data and the
 * configuration, and check the whole catalog: every finding to the sink,
 * errors counted in c->nerrors.  Errors: KLL_ENOMEM. */
kll_status kll__catalog_complete(kll_catalog *c, kll_error *err);

#endif
