/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * kll.h: the public interface of libkll, a library for classification
 * vocabularies (SKOS/XKOS) and the translation keys (SSSOM mapping sets)
 * between them.
 *
 * Conventions: every handle is opaque; a function that can fail returns a
 * kll_status and fills a caller-owned kll_error (which may be NULL); on
 * failure an output parameter is set to NULL.  Strings returned by
 * accessors are borrowed from their handle and live until it is freed.
 * The library never prints and never exits.  All text is UTF-8.
 */
#ifndef KLL_H
#define KLL_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KLL_VERSION "0.1.0"

/* The base of the IRIs kll gives to classifications that have no official
 * RDF identifiers (the SCB ones); a publisher overrides it on import. */
#define KLL_BASE_IRI "https://kll.example.org/"

/* ------------------------------------------------------------------ */
/* Errors                                                               */

typedef enum kll_status {
	KLL_OK = 0,
	KLL_ENOMEM,	/* out of memory */
	KLL_EIO,	/* a file could not be opened, read or written */
	KLL_ESYNTAX,	/* the input is not well-formed */
	KLL_EINVALID,	/* the input is well-formed but breaks a rule */
	KLL_ENOTFOUND,	/* a named thing does not exist */
	KLL_EARG,	/* a caller passed a bad argument */
	KLL_EENCODING	/* the input is not UTF-8 */
} kll_status;

typedef enum kll_severity {
	KLL_SEV_INFO = 0,
	KLL_SEV_WARNING,
	KLL_SEV_ERROR
} kll_severity;

/* One error or diagnostic.  Owned by the caller; the library fills it in
 * place and never allocates for it. */
typedef struct kll_error {
	kll_status code;
	kll_severity severity;
	char file[256];	/* "" if none; "<stdin>" for "-" */
	unsigned line;	/* 1-based; 0 = unknown */
	unsigned col;	/* 1-based; 0 = unknown */
	char rule[48];	/* a stable rule id for diagnostics, or "" */
	char msg[512];	/* lower case, no period, no newline */
} kll_error;

/* A sink for the many findings of a check: called once per finding with a
 * diagnostic that is only valid during the call. */
typedef void (*kll_diag_fn)(void *payload, const kll_error *d);

/* A static description of "st", such as "out of memory". */
const char *kll_strerror(kll_status st);

/* "error", "warning" or "info". */
const char *kll_severity_name(kll_severity sev);

/* ------------------------------------------------------------------ */
/* Delimited text: CSV and TSV tables                                   */

/* A streaming reader of delimiter-separated tables, as spreadsheets export
 * them: RFC 4180 quoting, a UTF-8 byte-order mark and CRLF line ends are
 * accepted; the separator is ',', ';' or TAB, fixed or guessed from the
 * first line.  Input must be UTF-8: a line that is not is refused with
 * KLL_EENCODING, and a file that looks like Windows-1252 says so. */
typedef struct kll_csv kll_csv;

typedef struct kll_csv_opts {
	char sep;		/* 0: guess from the first line */
	int quotes;		/* nonzero: '"' quotes fields (the default) */
	size_t max_field;	/* longest field accepted; 0: 16 MiB */
} kll_csv_opts;
#define KLL_CSV_OPTS_INIT { 0, 1, 0 }

/* Open "path" ("-" is stdin) for reading.  The caller owns *out and frees it
 * with kll_csv_free().  Errors: KLL_EIO, KLL_ENOMEM. */
kll_status kll_csv_open(kll_csv **out, const char *path,
    const kll_csv_opts *opts, kll_error *err);

/* Read the next record.  On KLL_OK, *nfields is the number of fields, and
 * kll_csv_field() gives them until the next call; at the end of the input
 * *nfields is 0.  Errors (KLL_ESYNTAX for unbalanced quotes, KLL_EENCODING,
 * KLL_EIO) carry the file and line.  A record that spans lines reports the
 * line it starts on. */
kll_status kll_csv_next(kll_csv *c, size_t *nfields, kll_error *err);

/* Field "i" of the current record, NUL-terminated, with its length in *len
 * (len may be NULL).  NULL when i is out of range. */
const char *kll_csv_field(const kll_csv *c, size_t i, size_t *len);

/* The line on which the current record starts, and the separator in use. */
unsigned kll_csv_line(const kll_csv *c);
char kll_csv_sep(const kll_csv *c);

/* The name used in messages: the path, or "<stdin>". */
const char *kll_csv_name(const kll_csv *c);

void kll_csv_free(kll_csv *c);

/* ------------------------------------------------------------------ */
/* Vocabularies: SKOS concept schemes with XKOS levels                  */

typedef struct kll_vocab kll_vocab;
typedef struct kll_concept kll_concept;

typedef enum kll_label_kind {
	KLL_LABEL_PREF = 0,	/* skos:prefLabel */
	KLL_LABEL_ALT,		/* skos:altLabel */
	KLL_LABEL_HIDDEN,	/* skos:hiddenLabel */
	KLL_LABEL_DEFINITION,	/* skos:definition */
	KLL_LABEL_SCOPE_NOTE,	/* skos:scopeNote */
	KLL_LABEL_NOTE		/* skos:note and other notes */
} kll_label_kind;

typedef struct kll_label {
	kll_label_kind kind;
	const char *lang;	/* "" when the literal has no language */
	const char *text;
} kll_label;

typedef struct kll_load_opts {
	const char *syntax;	/* raptor parser name ("turtle", "rdfxml",
				 * "ntriples"); NULL: from the file name, or
				 * guessed from the content */
	const char *base_iri;	/* base for relative IRIs; NULL: the file's */
} kll_load_opts;
#define KLL_LOAD_OPTS_INIT { NULL, NULL }

/* Load a vocabulary from the RDF file "path" ("-" is stdin) into kll's
 * index.  Concepts are the subjects typed skos:Concept or having a
 * skos:inScheme, skos:notation or skos:topConceptOf.  On success the caller
 * owns *out (kll_vocab_free()).  Errors: KLL_EIO, KLL_ESYNTAX (with raptor's
 * line and column), KLL_ENOMEM, KLL_EINVALID (no concept at all). */
kll_status kll_vocab_load(kll_vocab **out, const char *path,
    const kll_load_opts *opts, kll_error *err);

void kll_vocab_free(kll_vocab *v);

/* The short id (dcterms:identifier of the scheme, else the file's base
 * name without extension), the scheme IRI, and the file it came from. */
const char *kll_vocab_id(const kll_vocab *v);
const char *kll_vocab_iri(const kll_vocab *v);
const char *kll_vocab_path(const kll_vocab *v);

/* The scheme's title (dcterms:title, else skos:prefLabel) in "lang", else
 * in any language; "" when none. */
const char *kll_vocab_title(const kll_vocab *v, const char *lang);

/* owl:versionInfo of the scheme, or "". */
const char *kll_vocab_version(const kll_vocab *v);

/* The number of concepts, and concept "i" (0 <= i < count), in the order
 * of their notations (concepts without notation last, by IRI). */
size_t kll_vocab_count(const kll_vocab *v);
const kll_concept *kll_vocab_at(const kll_vocab *v, size_t i);

/* The number of XKOS levels (xkos:numberOfLevels, else the deepest level
 * that has a member), and level "depth"'s IRI, label and notation pattern
 * (NULL when absent). */
int kll_vocab_levels(const kll_vocab *v);
const char *kll_vocab_level_iri(const kll_vocab *v, int depth);
const char *kll_vocab_level_pattern(const kll_vocab *v, int depth);

/* xkos:numberOfLevels as the scheme states it, or 0 when it does not. */
int kll_vocab_declared_levels(const kll_vocab *v);

/* The concept whose notation is exactly "code", or NULL. Hashed. */
const kll_concept *kll_vocab_find(const kll_vocab *v, const char *code);

/* The concept with IRI "iri", or NULL.  Hashed. */
const kll_concept *kll_vocab_find_iri(const kll_vocab *v, const char *iri);

/* The concept that "code" means when written loosely: exactly, else with
 * the vocabulary's punctuation ("01110" for "01.110"), else with the
 * leading zeros a spreadsheet dropped ("110" for "0110").  A loose form
 * that fits more than one concept fits none.  NULL when nothing fits. */
const kll_concept *kll_vocab_find_loose(const kll_vocab *v, const char *code);

/* Concept accessors.  Strings live as long as the vocabulary. */
const char *kll_concept_iri(const kll_concept *c);
const char *kll_concept_notation(const kll_concept *c);	/* "" if none */
size_t kll_concept_index(const kll_concept *c);	/* its kll_vocab_at index */

/* All distinct skos:notation values, in the order read; the first one is
 * kll_concept_notation().  NULL when i is out of range. */
size_t kll_concept_nnotations(const kll_concept *c);
const char *kll_concept_notation_at(const kll_concept *c, size_t i);

/* The XKOS depth of the concept's level (1 = top), or 0 when unknown. */
int kll_concept_level(const kll_concept *c);

/* The first label of "kind" in "lang"; with lang NULL, in the first
 * language that has one.  NULL when there is none. */
const char *kll_concept_label(const kll_concept *c, kll_label_kind kind,
    const char *lang);

/* All labels and notes: count, and label "i", sorted by kind, language
 * and text. */
size_t kll_concept_nlabels(const kll_concept *c);
const kll_label *kll_concept_label_at(const kll_concept *c, size_t i);

/* skos:broader (and the inverse of skos:narrower) within the vocabulary,
 * and skos:narrower (and the inverse of skos:broader).  Broader links to
 * IRIs outside the vocabulary (skos:broader, or skos:narrower from them)
 * are kept apart, distinct and sorted: kll_concept_external(). */
size_t kll_concept_nbroader(const kll_concept *c);
const kll_concept *kll_concept_broader(const kll_concept *c, size_t i);
size_t kll_concept_nnarrower(const kll_concept *c);
const kll_concept *kll_concept_narrower(const kll_concept *c, size_t i);
size_t kll_concept_nexternal(const kll_concept *c);
const char *kll_concept_external(const kll_concept *c, size_t i);

/* Whether it is a top concept (skos:topConceptOf / hasTopConcept). */
int kll_concept_is_top(const kll_concept *c);

/* owl:deprecated true, and the dcterms:isReplacedBy IRIs. */
int kll_concept_deprecated(const kll_concept *c);
size_t kll_concept_nreplaced(const kll_concept *c);
const char *kll_concept_replaced(const kll_concept *c, size_t i);

/* ------------------------------------------------------------------ */
/* Importing classification tables                                      */

/* How a classification table becomes a SKOS+XKOS vocabulary.  The table
 * is CSV or TSV with a header naming its columns: code (required), parent
 * (a code of the table, an absolute IRI outside it, several joined with
 * '|', or empty for a top concept), level (the XKOS depth; computed from
 * the parents when absent), iri (the concept's IRI; default: the scheme
 * IRI, '/', the code), label_LANG, altlabels_LANG ('|'-separated),
 * definition_LANG, scopenote_LANG, note_LANG, deprecated (true/false),
 * replaced_by (codes, '|'-separated).  Without a parent or level column,
 * a code's parent is the longest other code it begins with. */
typedef struct kll_import_opts {
	const char *id;		/* short id; NULL: the table's base name */
	const char *scheme_iri;	/* NULL: base_iri followed by the id */
	const char *base_iri;	/* NULL: KLL_BASE_IRI */
	const char *version;	/* owl:versionInfo */
	const char *issued;	/* dcterms:issued, YYYY-MM-DD */
	const char *license;	/* dcterms:license, an IRI */
	const char *source;	/* dcterms:source, an IRI */
	const char *publisher;	/* dc:publisher, text */
	const char *const *titles;	/* "LANG=TEXT" each */
	size_t ntitles;
	const char *const *descriptions;	/* "LANG=TEXT" each */
	size_t ndescriptions;
	const char *const *langs;	/* every concept needs a prefLabel in each */
	size_t nlangs;
	const char *const *level_names;	/* "DEPTH=LANG=TEXT" each */
	size_t nlevel_names;
	const char *const *patterns;	/* "DEPTH=REGEX" each (POSIX ERE) */
	size_t npatterns;
	const char *const *renames;	/* "NEW=OLD": read column OLD as NEW */
	size_t nrenames;
	char sep;		/* 0: guess */
	const char *syntax;	/* output syntax; NULL: "turtle" */
	const char *storage;	/* librdf storage; NULL: "memory" */
	const char *storage_name;
	const char *storage_options;
	kll_diag_fn diag;	/* receives every problem of the table */
	void *payload;
} kll_import_opts;
#define KLL_IMPORT_OPTS_INIT { 0 }

/* Import the table "path" ("-" is stdin) and write the vocabulary to
 * "out" ("outname" in messages); the output is sorted, the same bytes on
 * every run.  Every problem of the table (bad rows, duplicate codes,
 * unknown parents, cycles, missing labels, codes that break their level's
 * pattern) goes to opts->diag with its line, and the import then fails
 * with KLL_EINVALID before anything is written.  *nconcepts (may be NULL)
 * gets the number of concepts.  Errors: KLL_EIO, KLL_ESYNTAX,
 * KLL_EENCODING, KLL_EINVALID, KLL_EARG (a bad option), KLL_ENOMEM. */
kll_status kll_vocab_import(const char *path, const kll_import_opts *opts,
    FILE *out, const char *outname, size_t *nconcepts, kll_error *err);

/* ------------------------------------------------------------------ */
/* Finding vocabularies                                                 */

/* The folders searched, in order: "dirs" (a ':'-separated list; may be
 * NULL), then $KLL_PATH (same form), then the installed share folder.
 * Each folder holds ID.ttl files and an INDEX file of lines "ID<TAB>IRI". */

/* Resolve "name" (a path to an existing file, a short id such as
 * "ssyk-2012", or a scheme IRI) to a file path.  The caller owns *out
 * (free()).  Errors: KLL_ENOTFOUND, KLL_ENOMEM. */
kll_status kll_vocab_resolve(char **out, const char *name, const char *dirs,
    kll_error *err);

/* kll_vocab_resolve() then kll_vocab_load(). */
kll_status kll_vocab_open(kll_vocab **out, const char *name,
    const char *dirs, const kll_load_opts *opts, kll_error *err);

/* The installed share folder for vocabularies. */
const char *kll_vocab_datadir(void);

/* ------------------------------------------------------------------ */
/* Text                                                                 */

/* "s" folded for matching: case-folded, decomposed, without accents
 * ("Ålder" -> "alder").  The caller frees the result; NULL when out of
 * memory or when s is not UTF-8. */
char *kll_text_fold(const char *s);

#ifdef __cplusplus
}
#endif
#endif /* KLL_H */
