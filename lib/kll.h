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

/* The declarations are aligned by hand, for reading. */
/* clang-format off */

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

/* Whether the readers of tables (kll_mapset_apply(), kll_mapset_import(),
 * kll_vocab_import()) take the encoding "name": utf-8, utf-16 and utf-32
 * (the byte order from the byte-order mark), or any name iconv knows
 * (windows-1252, iso-8859-1, utf-16le ...).  NULL is UTF-8, unless the
 * table starts with the byte-order mark of UTF-16 or UTF-32.  Errors:
 * KLL_EARG. */
kll_status kll_encoding_check(const char *name, kll_error *err);

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

/* The scheme's title (dcterms:title or skos:prefLabel) in "lang", or in
 * any language when lang is NULL; "" when none. */
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
	const char *rights;	/* dcterms:rights, text (who holds the
				 * rights); NULL: none */
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
	int no_levels;		/* nonzero: no XKOS levels (for a
				 * polyhierarchy, where depth is not a level) */
	const char *syntax;	/* output syntax; NULL: "turtle" */
	const char *storage;	/* librdf storage; NULL: hashes in memory */
	const char *storage_name;
	const char *storage_options;
	kll_diag_fn diag;	/* receives every problem of the table */
	void *payload;
	const char *const *extra_columns;	/* columns to leave out; any
						 * other column kll does not
						 * know is an error */
	size_t nextra_columns;
	const char *encoding;	/* of the table: kll_encoding_check() */
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
/* Vocabulary checks                                                    */

/* Quality rules on a loaded vocabulary, in the spirit of qSKOS: cycles,
 * orphans, broken broader links, XKOS level and notation-pattern
 * mismatches, missing, multiple and duplicate labels, duplicate and
 * ambiguous notations, deprecation without replacement.  Each rule has a
 * stable id ("vocab-cycle") and a severity. */
typedef struct kll_check_rule {
	const char *id;
	kll_severity severity;
	const char *summary;	/* one line, lower case, no period */
} kll_check_rule;

/* Rule "i" (0, 1, ...) in the order findings come out; NULL past the
 * last one.  Static. */
const kll_check_rule *kll_check_rule_at(size_t i);

typedef struct kll_check_opts {
	const char *const *langs;	/* every concept needs a prefLabel in
					 * each (a tag or a prefix of one, as
					 * "en" for "en-GB"); none: in some
					 * language */
	size_t nlangs;
	kll_diag_fn diag;	/* receives every finding; may be NULL */
	void *payload;
} kll_check_opts;
#define KLL_CHECK_OPTS_INIT { NULL, 0, NULL, NULL }

/* Run every rule on "v" (opts may be NULL).  Each finding goes to
 * opts->diag with code KLL_EINVALID, the rule's id and severity, file =
 * the vocabulary's name ("<stdin>" for "-"), line 0 (the index keeps no
 * lines) and a message that names the concept by notation, else by IRI.
 * Findings come by rule, in the order of kll_check_rule_at(), then by
 * concept in vocabulary order (kll_vocab_at()); a finding about several
 * concepts comes at the first of them.  *nerrors (may be NULL) gets the
 * number of findings of severity error.  Findings are not failures: the
 * call returns KLL_OK after them.  Errors: KLL_EARG (v is NULL),
 * KLL_ENOMEM (the findings sent so far stand). */
kll_status kll_vocab_check(const kll_vocab *v, const kll_check_opts *opts,
    size_t *nerrors, kll_error *err);

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
/* Searching vocabularies: labels, codes, ids                           */

/* The ids of the search path ("dirs", $KLL_PATH, the share folder): the
 * base names of the ID.ttl files, each once, sorted.  The caller owns
 * *out, a NULL-terminated array (kll_vocab_ids_free()); *n (may be NULL)
 * gets the count.  A folder that cannot be read is skipped.  Errors:
 * KLL_ENOMEM. */
kll_status kll_vocab_ids(char ***out, size_t *n, const char *dirs,
    kll_error *err);
void kll_vocab_ids_free(char **ids);

/* When kll_vocab_resolve() finds no vocabulary called "name" (an id, not
 * a path or IRI), its message ends with a suggestion: the id of the path
 * that "name" misspells ("ssyk2012": "did you mean 'ssyk-2012'?") or
 * begins ("sun-2020": "'sun-2020-field' or 'sun-2020-level'"). */

/* The concept "s" names: a notation (as kll_vocab_find_loose() reads
 * it), a concept IRI, the local name of a concept IRI ("C2512" for
 * .../isco/C2512), or a CURIE whose local part is either ("isco08:C2512",
 * "sni2007:01.110"; the prefix is not checked).  NULL when nothing, or
 * more than one concept, fits. */
const kll_concept *kll_vocab_find_any(const kll_vocab *v, const char *s);

/* The concept whose notation is nearest "code" by edit distance (at most
 * two edits and fewer than half of code's length), or NULL. */
const kll_concept *kll_vocab_suggest(const kll_vocab *v, const char *code);

/* How a label met a search, best first.  Labels and query are folded
 * (kll_text_fold()) and cut into words at anything but letters and
 * digits; every query word must meet a word of the same label. */
typedef enum kll_search_rank {
	KLL_SEARCH_EXACT = 0,	/* the label's words are the query's */
	KLL_SEARCH_WORD,	/* each query word is a word of it */
	KLL_SEARCH_PREFIX,	/* ... or begins one */
	KLL_SEARCH_STEM,	/* ... or has the Snowball stem of one in the
				 * label's language (sv, en, ...), or a stem
				 * of four bytes or more that begins one */
	KLL_SEARCH_SUBSTRING	/* ... or it or that stem is inside one */
} kll_search_rank;

/* "exact", "word", "prefix", "stem", "substring". */
const char *kll_search_rank_name(kll_search_rank r);

typedef struct kll_search_hit {
	const kll_concept *concept;
	kll_search_rank rank;
	const kll_label *label;	/* the label that met the query best */
} kll_search_hit;

/* Gets the hits one by one, best first; returns nonzero to stop. */
typedef int (*kll_search_fn)(void *payload, const kll_search_hit *hit);

typedef struct kll_search_opts {
	const char *lang;	/* only labels in this language; NULL: any */
	int exact;		/* nonzero: each word of the query (cut at
				 * white space) inside the folded label, the
				 * hits in the order of notations */
	kll_search_fn fn;	/* may be NULL: count only */
	void *payload;
} kll_search_opts;
#define KLL_SEARCH_OPTS_INIT { NULL, 0, NULL, NULL }

/* Find the concepts of v whose prefLabel, altLabel or hiddenLabel meets
 * "query" (UTF-8; at most 64 words count), and pass them to opts->fn
 * ranked: by kll_search_rank, then in the order of notations.  *nhits
 * (may be NULL) gets the number found.  Errors: KLL_EARG (query not
 * UTF-8, or without a letter or digit), KLL_ENOMEM. */
kll_status kll_vocab_search(const kll_vocab *v, const char *query,
    const kll_search_opts *opts, size_t *nhits, kll_error *err);

/* ------------------------------------------------------------------ */
/* Mapping sets: SSSOM                                                  */

/* A translation key is an SSSOM 1.1 mapping set: set-level metadata, a
 * CURIE map and records.  Every value is kept as text, one string per
 * slot, NULL when empty.  A multivalued slot holds its values joined
 * with '|', with '|' and '\' inside a value escaped as "\|" and "\\", as
 * SSSOM/TSV writes them (kll_sssom_split() takes them apart).  Values
 * that are not CURIEs, dates or numbers where the model wants one are
 * reported on read and kept, so that a checker can say more. */
typedef struct kll_mapset kll_mapset;

/* The slots of an SSSOM record, in the order of the model (the column
 * order of canonical SSSOM/TSV). */
typedef enum kll_slot {
	KLL_SLOT_RECORD_ID = 0,
	KLL_SLOT_SUBJECT_ID,
	KLL_SLOT_SUBJECT_LABEL,
	KLL_SLOT_SUBJECT_CATEGORY,
	KLL_SLOT_PREDICATE_ID,
	KLL_SLOT_PREDICATE_LABEL,
	KLL_SLOT_PREDICATE_MODIFIER,
	KLL_SLOT_OBJECT_ID,
	KLL_SLOT_OBJECT_LABEL,
	KLL_SLOT_OBJECT_CATEGORY,
	KLL_SLOT_MAPPING_JUSTIFICATION,
	KLL_SLOT_AUTHOR_ID,
	KLL_SLOT_AUTHOR_LABEL,
	KLL_SLOT_REVIEWER_ID,
	KLL_SLOT_REVIEWER_LABEL,
	KLL_SLOT_CREATOR_ID,
	KLL_SLOT_CREATOR_LABEL,
	KLL_SLOT_LICENSE,
	KLL_SLOT_SUBJECT_TYPE,
	KLL_SLOT_SUBJECT_SOURCE,
	KLL_SLOT_SUBJECT_SOURCE_VERSION,
	KLL_SLOT_OBJECT_TYPE,
	KLL_SLOT_OBJECT_SOURCE,
	KLL_SLOT_OBJECT_SOURCE_VERSION,
	KLL_SLOT_PREDICATE_TYPE,
	KLL_SLOT_MAPPING_PROVIDER,
	KLL_SLOT_MAPPING_SOURCE,
	KLL_SLOT_MAPPING_CARDINALITY,
	KLL_SLOT_CARDINALITY_SCOPE,
	KLL_SLOT_MAPPING_TOOL,
	KLL_SLOT_MAPPING_TOOL_ID,
	KLL_SLOT_MAPPING_TOOL_VERSION,
	KLL_SLOT_MAPPING_DATE,
	KLL_SLOT_PUBLICATION_DATE,
	KLL_SLOT_REVIEW_DATE,
	KLL_SLOT_CONFIDENCE,
	KLL_SLOT_REVIEWER_AGREEMENT,
	KLL_SLOT_CURATION_RULE,
	KLL_SLOT_CURATION_RULE_TEXT,
	KLL_SLOT_SUBJECT_MATCH_FIELD,
	KLL_SLOT_OBJECT_MATCH_FIELD,
	KLL_SLOT_MATCH_STRING,
	KLL_SLOT_SUBJECT_PREPROCESSING,
	KLL_SLOT_OBJECT_PREPROCESSING,
	KLL_SLOT_SIMILARITY_SCORE,
	KLL_SLOT_SIMILARITY_MEASURE,
	KLL_SLOT_SEE_ALSO,
	KLL_SLOT_ISSUE_TRACKER_ITEM,
	KLL_SLOT_OTHER,
	KLL_SLOT_COMMENT,
	KLL_SLOT__COUNT
} kll_slot;

/* What a slot's values are. */
typedef enum kll_value_kind {
	KLL_KIND_STRING = 0,
	KLL_KIND_ENTITY,	/* an EntityReference: a CURIE */
	KLL_KIND_URI,		/* a NonRelativeURI: an absolute URI */
	KLL_KIND_DOUBLE,
	KLL_KIND_DATE,		/* YYYY-MM-DD */
	KLL_KIND_ENUM		/* one of the schema's permissible values */
} kll_value_kind;

/* The slot's name ("subject_id"), or NULL for a bad slot; static. */
const char *kll_slot_name(kll_slot s);

/* The slot named "name", or KLL_SLOT__COUNT when no record slot is. */
kll_slot kll_slot_from_name(const char *name);

kll_value_kind kll_slot_kind(kll_slot s);
int kll_slot_multivalued(kll_slot s);
/* Whether a set-level value may stand for the same value in every record
 * (the schema's propagatable slots, such as subject_source). */
int kll_slot_propagatable(kll_slot s);

/* Reading a record at a time: called with the set once each record is
 * read and checked, the set then holding that record alone (rec 0), the
 * metadata, and the reader's findings so far.  The record's values and
 * positions are valid until the call returns.  Nonzero stops reading,
 * and kll_mapset_read() then fails with that status. */
typedef int (*kll_sssom_row_fn)(void *payload, const kll_mapset *m,
    size_t rec);

typedef struct kll_sssom_opts {
	const char *metadata_path;	/* the metadata block in a separate
					 * YAML file; NULL: embedded in the
					 * TSV, else from a sibling file
					 * (x.sssom.tsv -> x.sssom.yml) */
	kll_diag_fn diag;	/* receives every finding; may be NULL */
	void *payload;
	kll_sssom_row_fn row;	/* NULL: keep every record in the set */
	void *row_payload;
} kll_sssom_opts;
#define KLL_SSSOM_OPTS_INIT { NULL, NULL, NULL, NULL, NULL }

/* Read the SSSOM/TSV file "path" ("-" is stdin): the '#' metadata block
 * (YAML without directives, tags, anchors or aliases), one header line,
 * then the records, with RFC 4180-style quotes, CRLF or LF, UTF-8 with or
 * without a byte-order mark.  Columns of SSSOM before 1.0 (match_type,
 * match_term_type, semantic_similarity_score, ...) are converted, set
 * values of propagatable slots that no record has are copied into every
 * record, non-standard columns and metadata keys are kept.
 *
 * Problems in the content go to opts->diag, each with file, line (of the
 * file, counting the metadata lines), 1-based byte column, a severity and
 * a rule id.  Errors: sssom-syntax, sssom-bad-column-count (more fields
 * than columns), sssom-missing-slot, sssom-undeclared-prefix,
 * sssom-iri-not-curie, sssom-bad-curie, sssom-bad-uri, sssom-bad-prefix,
 * sssom-redefined-prefix, sssom-bad-justification, sssom-bad-enum,
 * sssom-bad-confidence, sssom-bad-number, sssom-bad-date,
 * sssom-bad-match-type, sssom-not-multivalued.  Warnings:
 * sssom-bad-column-count (fewer fields: the rest are empty),
 * sssom-bare-quote (a '"' inside an unquoted value, kept), sssom-enum-curie
 * (an enum value written as its CURIE, "owl:Class", read as the value),
 * sssom-unknown-column, sssom-unknown-slot, sssom-missing-set-slot (no
 * mapping_set_id or license), sssom-bad-extension, sssom-bad-version.
 * Records with such problems are kept and the call succeeds;
 * kll_mapset_nerrors() counts the errors.  Without a sink the first error
 * fails the call instead.
 *
 * With opts->row, the file is read through a window of about a megabyte
 * and each record goes to opts->row as it is read, instead of staying in
 * the set: *out then holds the metadata and no record.  Findings come in
 * the order of reading (those of the file's text, such as a line too long
 * or a byte that is not UTF-8, when the reader reaches it); a set value
 * of a propagatable slot that the file has no column for is in every
 * record, and kll_mapset_meta() gives the set's own values only.
 *
 * On success the caller owns *out (kll_mapset_free()).  Errors: KLL_EIO,
 * KLL_EENCODING, KLL_ESYNTAX (YAML that does not parse or uses a
 * forbidden feature, no header line, a duplicate column, an unterminated
 * quote), KLL_EINVALID (without a sink), KLL_ENOMEM, or what opts->row
 * returned; on failure *out is NULL and err (may be NULL) says why and
 * where. */
kll_status kll_mapset_read(kll_mapset **out, const char *path,
    const kll_sssom_opts *opts, kll_error *err);

/* Write "m" to "fp" as canonical SSSOM/TSV: embedded metadata after '#'
 * with no space, LF line ends, the curie_map first with only the
 * prefixes in use and no built-in one, sorted; metadata slots in the
 * model's order; propagatable slots that hold one value in every record
 * condensed into the metadata; only the columns that have a value, in
 * the model's order, then non-standard ones; records sorted on all
 * columns; numbers with at most 3 decimals, rounded half up, without
 * trailing zeros; quotes only where needed.  "m" is not changed.
 * Errors: KLL_EINVALID (an entity value that is not a CURIE with a
 * declared prefix: such a file could not be read back), KLL_EIO (a write
 * failed), KLL_ENOMEM. */
kll_status kll_mapset_write(const kll_mapset *m, FILE *fp, kll_error *err);

/* Flags of kll_mapset_write_flags(). */
#define KLL_SSSOM_NO_CONDENSE 0x1	/* keep propagatable values in the
					 * records (not canonical) */

kll_status kll_mapset_write_flags(const kll_mapset *m, FILE *fp,
    unsigned flags, kll_error *err);

/* An empty set, to fill in code.  The caller owns *out.  Errors:
 * KLL_ENOMEM. */
kll_status kll_mapset_new(kll_mapset **out, kll_error *err);

void kll_mapset_free(kll_mapset *m);

/* The file it was read from ("<stdin>" for "-"), or "" for a new set. */
const char *kll_mapset_path(const kll_mapset *m);

/* The number of error-severity findings reading it sent to the sink. */
size_t kll_mapset_nerrors(const kll_mapset *m);

/* Set-level metadata by slot name ("mapping_set_id", "license",
 * "creator_id", ...; also a non-standard key).  For a propagatable slot
 * that the set itself leaves empty, the value every record shares (what a
 * canonical write puts in the metadata), else NULL.  Borrowed. */
const char *kll_mapset_meta(const kll_mapset *m, const char *slot);

/* Set (copy) or clear (value NULL or "") a set-level slot; a name that
 * is not a standard slot becomes a non-standard key.  Errors: KLL_EARG
 * (curie_map or extension_definitions, which have their own calls, a
 * slot that only records have, or a bad key), KLL_EINVALID (a value that
 * does not fit the slot: a number out of range, a bad date or enum
 * value), KLL_ENOMEM. */
kll_status kll_mapset_set_meta(kll_mapset *m, const char *slot,
    const char *value, kll_error *err);

/* Declare prefix "name" for "iri" (copied), replacing an earlier one.
 * Errors: KLL_EINVALID (a name that is not an NCName, an IRI that is not
 * absolute, a built-in prefix with another IRI), KLL_ENOMEM. */
kll_status kll_mapset_add_prefix(kll_mapset *m, const char *name,
    const char *iri, kll_error *err);

/* The IRI of prefix "name", declared or built in (owl, rdf, rdfs, skos,
 * semapv, sssom, xsd, linkml), or NULL.  Borrowed. */
const char *kll_mapset_prefix(const kll_mapset *m, const char *name);

/* The declared prefixes (not the built-in ones) in declaration order. */
size_t kll_mapset_nprefixes(const kll_mapset *m);
const char *kll_mapset_prefix_name(const kll_mapset *m, size_t i);

/* Expand "curie" to an IRI, or contract "iri" to a CURIE with the longest
 * matching namespace, into buf (NUL-terminated, truncated to size; buf
 * may be NULL when size is 0).  Both return the length of the full result
 * as snprintf() does, or 0 when the prefix is unknown or nothing fits. */
size_t kll_mapset_expand(const kll_mapset *m, const char *curie, char *buf,
    size_t size);
size_t kll_mapset_contract(const kll_mapset *m, const char *iri, char *buf,
    size_t size);

/* Declare a non-standard slot (extension_definitions): "property" and
 * "type_hint" (may be NULL) are CURIEs.  Errors: KLL_EINVALID (a name that
 * is not an NCName or is a standard slot), KLL_ENOMEM. */
kll_status kll_mapset_define_extension(kll_mapset *m, const char *slot_name,
    const char *property, const char *type_hint, kll_error *err);

/* The number of records, and record "rec"'s value for "s" (NULL when
 * empty or out of range; borrowed) and the line it was read from (0 for
 * records added in code). */
size_t kll_mapset_count(const kll_mapset *m);
const char *kll_mapset_get(const kll_mapset *m, size_t rec, kll_slot s);
unsigned kll_mapset_line(const kll_mapset *m, size_t rec);

/* Where record rec's field of slot "s" was read: its line (a quoted value
 * may move it past the record's first) and 1-based byte column.  col is
 * 0 when the file has no column for it (a value from the metadata), and
 * both are 0 for records made or edited in code. */
void kll_mapset_pos(const kll_mapset *m, size_t rec, kll_slot s,
    unsigned *line, unsigned *col);

/* Non-standard columns: their number, the name of column "i", and a
 * record's value in the column named "name" (NULL when empty). */
size_t kll_mapset_nextra(const kll_mapset *m);
const char *kll_mapset_extra_name(const kll_mapset *m, size_t i);
const char *kll_mapset_get_extra(const kll_mapset *m, size_t rec,
    const char *name);

/* Append an empty record; *rec_out (may be NULL) gets its index.
 * Errors: KLL_ENOMEM. */
kll_status kll_mapset_add(kll_mapset *m, size_t *rec_out, kll_error *err);

/* Set (copy) or clear (value NULL or "") slot "s" of record "rec".  A
 * multivalued slot takes the joined form ("a|b"; see
 * kll_mapset_set_list()); an enum value given as its CURIE ("owl:Class")
 * is stored as the value ("owl class").  Errors: KLL_EARG (no such record
 * or slot), KLL_EINVALID (a value that does not fit the slot: a number
 * out of range, a bad date, enum value or CURIE, an IRI where a CURIE
 * belongs, text that is not UTF-8; an undeclared prefix is refused only
 * on write), KLL_ENOMEM. */
kll_status kll_mapset_set(kll_mapset *m, size_t rec, kll_slot s,
    const char *value, kll_error *err);

/* Set a multivalued slot from "n" separate values, escaped and joined. */
kll_status kll_mapset_set_list(kll_mapset *m, size_t rec, kll_slot s,
    const char *const *values, size_t n, kll_error *err);

/* Set (copy) or clear a record's value in the non-standard column
 * "name", which is created when new.  Errors: KLL_EARG, KLL_ENOMEM. */
kll_status kll_mapset_set_extra(kll_mapset *m, size_t rec, const char *name,
    const char *value, kll_error *err);

/* Put the records in canonical order: numbers rewritten in their
 * canonical form, then sorted on every slot in model order, then on the
 * non-standard columns.  The sort is stable.  Out of memory, the order is
 * left as it was. */
void kll_mapset_sort(kll_mapset *m);

/* Split a multivalued value ("a\|b|c" -> "a|b", "c") into a
 * NULL-terminated array of *n strings (n may be NULL), held in one block
 * that the caller frees with free().  Errors: KLL_ENOMEM. */
kll_status kll_sssom_split(char ***out, size_t *n, const char *value,
    kll_error *err);

/* ------------------------------------------------------------------ */
/* Exporting keys as RDF                                                */

typedef enum kll_export_form {
	KLL_EXPORT_SKOS = 0,	/* one direct mapping triple per record */
	KLL_EXPORT_SSSOM_RDF,	/* SSSOM/RDF: the set and one owl:Axiom per
				 * record with all its slots */
	KLL_EXPORT_XKOS,	/* an xkos:Correspondence made of one
				 * xkos:ConceptAssociation per group */
	KLL_EXPORT_SSSOM_JSON,	/* SSSOM/JSON (not RDF: syntax, storage
				 * and lang are not used) */
	KLL_EXPORT_JSKOS	/* JSKOS as NDJSON: the concordance, then
				 * one mapping a line */
} kll_export_form;

typedef struct kll_export_opts {
	kll_export_form form;
	const char *syntax;	/* raptor serializer name; NULL: "turtle" */
	const char *lang;	/* XKOS: language tag of the title and
				 * description; NULL: "en" */
	const char *dirs;	/* XKOS: where to look first for the two
				 * vocabularies, whose titles name the
				 * correspondence when the key has no title,
				 * and in English when lang is not; may be
				 * NULL */
	const char *storage;	/* librdf storage; NULL: hashes in memory */
	const char *storage_name;
	const char *storage_options;
	kll_diag_fn diag;	/* notes on what the form leaves out, and
				 * warnings; may be NULL */
	void *payload;
	int xkos_pairs;		/* XKOS: one concept association per record
				 * (its subject and object), not one per
				 * group of concepts the records connect */
} kll_export_opts;
#define KLL_EXPORT_OPTS_INIT { KLL_EXPORT_SKOS, NULL, NULL, NULL, NULL, \
	NULL, NULL, NULL, NULL, 0 }

/* What an export wrote and left out. */
typedef struct kll_export_stats {
	size_t records;		/* records written (SKOS: as triples; XKOS:
				 * into associations) */
	size_t negated;		/* left out: predicate_modifier Not */
	size_t no_term;		/* SKOS: left out for sssom:NoTermFound */
	size_t literal;		/* left out: no subject_id or object_id */
	size_t groups;		/* XKOS: concept associations */
} kll_export_stats;

/* Write key "m" to "out" ("outname" in messages) as RDF in form
 * opts->form, serialized by raptor in opts->syntax.  The records are
 * taken in canonical order, so the output is the same bytes on every run:
 * Turtle sorted, other syntaxes in the order of the librdf store.
 *
 * KLL_EXPORT_SKOS: "subject predicate object" for each record, CURIEs
 * expanded; negated records and those with sssom:NoTermFound are left out.
 * KLL_EXPORT_SSSOM_RDF: the set as a sssom:MappingSet named by its
 * mapping_set_id, with one owl:Axiom per record (sssom:mappings), named by
 * its record_id or else a blank node, as the SSSOM/RDF specification
 * says; each slot under its schema property, entities and URIs as IRIs,
 * dates as xsd:date, numbers as xsd:double, enumerations as their meaning
 * IRI where the schema gives one; propagatable slots on the records.
 * Non-standard columns are left out.  KLL_EXPORT_XKOS: an
 * xkos:Correspondence named by the mapping_set_id that compares the
 * expanded subject_source and object_source, with skos:prefLabel
 * (mapping_set_title in opts->lang, else the two vocabularies' titles
 * joined by an en dash; their English titles too when lang is not
 * English),
 * dcterms:description, dcterms:issued (publication_date, else a
 * mapping_date shared by every record), dcterms:license and
 * dcterms:creator; it is xkos:madeOf one xkos:ConceptAssociation per
 * connected group of subjects and objects of the non-negated records, with
 * their xkos:sourceConcept and xkos:targetConcept, named
 * MAPPING_SET_ID/association/S-T after the first source and target; a
 * sssom:NoTermFound side leaves an association with only targets (a new
 * item) or only sources (a deleted one).
 *
 * What is left out and what XKOS wants but the key lacks go to
 * opts->diag as notes (rules export-negated, export-no-term,
 * export-literal, export-extension) and warnings (export-no-title,
 * export-no-issued, export-no-source).  *stats (may be NULL) gets the
 * counts.  Errors: KLL_EARG (a bad syntax or storage), KLL_EINVALID (no
 * mapping_set_id for sssom-rdf or xkos, a CURIE without a declared
 * prefix, with the record's line), KLL_EIO (a write failed), KLL_ENOMEM.
 * On failure part of the output may have been written. */
kll_status kll_mapset_export(const kll_mapset *m, const kll_export_opts *opts,
    FILE *out, const char *outname, kll_export_stats *stats, kll_error *err);

/* Whether raptor can write RDF syntax "name" ("turtle", "ntriples",
 * "rdfxml", "rdfxml-abbrev", ...). */
int kll_rdf_can_write(const char *name);

/* ------------------------------------------------------------------ */
/* Composing, inverting and applying keys                               */

/* The mapping predicates kll reasons with.  Any other predicate is
 * KLL_PRED_NONE: kll neither composes nor inverts it. */
typedef enum kll_pred {
	KLL_PRED_NONE = 0,	/* none, or one kll cannot reason with */
	KLL_PRED_EXACT,		/* skos:exactMatch */
	KLL_PRED_CLOSE,		/* skos:closeMatch */
	KLL_PRED_BROAD,		/* skos:broadMatch: the object is broader */
	KLL_PRED_NARROW,	/* skos:narrowMatch: the object is narrower */
	KLL_PRED_RELATED,	/* skos:relatedMatch */
	KLL_PRED_EQUIVALENT,	/* owl:equivalentClass */
	KLL_PRED_SAME_AS,	/* owl:sameAs */
	KLL_PRED_SUBCLASS,	/* rdfs:subClassOf */
	KLL_PRED__COUNT
} kll_pred;

/* The predicate with IRI "iri"; KLL_PRED_NONE for any other. */
kll_pred kll_pred_from_iri(const char *iri);

/* The predicate called "name": its short name ("exact", "close",
 * "broad", "narrow", "related", "equivalent", "sameas", "subclass") or
 * its CURIE with the built-in prefix ("skos:exactMatch"); else
 * KLL_PRED_NONE. */
kll_pred kll_pred_from_name(const char *name);

/* Its IRI, its CURIE ("skos:broadMatch") and its short name ("broad");
 * NULL for KLL_PRED_NONE.  Static. */
const char *kll_pred_iri(kll_pred p);
const char *kll_pred_curie(kll_pred p);
const char *kll_pred_name(kll_pred p);

/* The predicate of record "rec": its predicate_id expanded with the
 * key's curie_map, then kll_pred_from_iri(). */
kll_pred kll_mapset_pred(const kll_mapset *m, size_t rec);

/* What a predicate IRI is to kll and to SSSOM. */
typedef enum kll_pred_class {
	KLL_PRED_CLASS_ALGEBRA = 0,	/* one of kll_pred: kll reasons with
					 * it */
	KLL_PRED_CLASS_SSSOM,	/* another that SSSOM lists as common
				 * (skos:mappingRelation,
				 * owl:equivalentProperty, rdfs:subPropertyOf,
				 * rdfs:seeAlso, oboInOwl:hasDbXref) */
	KLL_PRED_CLASS_OTHER,	/* from another vocabulary: SSSOM allows
				 * any predicate, kll cannot reason with
				 * it */
	KLL_PRED_CLASS_BAD	/* a term of the SKOS, OWL, RDFS or oboInOwl
				 * namespace that is none of the above
				 * (skos:exactmatch, skos:sameAs,
				 * skos:broader), or empty */
} kll_pred_class;

/* The class of predicate "iri".  For KLL_PRED_CLASS_BAD, *meant (may be
 * NULL) gets the CURIE of the predicate most likely meant (the same name
 * in another case or namespace, the mapping property of a SKOS relation
 * such as skos:broader, or the nearest name within a few edits, case
 * ignored), static, or NULL. */
kll_pred_class kll_pred_classify(const char *iri, const char **meant);

/* The inverse: "a p b" says the same as "b q a".  broad and narrow swap;
 * the others are symmetric; rdfs:subClassOf has no inverse among the
 * SSSOM predicates: KLL_PRED_NONE, as for KLL_PRED_NONE. */
kll_pred kll_pred_inverse(kll_pred p);

/* The predicate that follows from "a p b" and "b q c" by kll's algebra
 * (a static table: the man page of kll-map prints it), KLL_PRED_NONE when
 * nothing safe does.  p_not and q_not say that a predicate is negated
 * (predicate_modifier Not): a negation composes only with an exact
 * predicate (exact, equivalent, sameas) on the other side, and gives a
 * negation; *not_out (may be NULL) says whether the result is one.
 * "siblings" nonzero turns broad-then-narrow (a and c under one b) into
 * related instead of nothing. */
kll_pred kll_pred_compose(kll_pred p, int p_not, kll_pred q, int q_not,
    int siblings, int *not_out);

typedef struct kll_compose_opts {
	const char *mapping_set_id;	/* NULL: the first key's id, '+',
					 * the last segment of the second's */
	const char *license;	/* NULL: the keys' licence, which must be
				 * the same */
	const char *dirs;	/* search path (kll_vocab_resolve()) on
				 * which the two pivot sources may name one
				 * vocabulary differently */
	int force;		/* compose keys that do not meet */
	int siblings;		/* see kll_pred_compose() */
	kll_diag_fn diag;	/* receives an error for each record whose
				 * predicate refuses the keys, and with
				 * pivot_check a warning for each record of
				 * the first key whose object the second does
				 * not map (rule compose-no-pivot); may be
				 * NULL */
	void *payload;
	int pivot_check;	/* see diag */
	int strict;		/* keep only the chains whose predicate the
				 * algebra gives (and, with siblings, broad
				 * then narrow); else every chain without a
				 * negation gives a record */
} kll_compose_opts;
#define KLL_COMPOSE_OPTS_INIT { NULL, NULL, NULL, 0, 0, NULL, NULL, 0, 0 }

/* The factor by which the confidence of a chain falls when the algebra
 * gives it no predicate and it is kept as relatedMatch. */
#define KLL_COMPOSE_WEAK 0.5

/* What a composition did. */
typedef struct kll_compose_stats {
	size_t chains;		/* pairs a->b, b->c with the same b */
	size_t records;		/* records of the result */
	size_t split;		/* of those, through a split */
	size_t weakened;	/* chains with no predicate from the
				 * algebra, kept as relatedMatch */
	size_t unsafe;		/* chains dropped: nothing safe follows
				 * (strict), or a negation */
	size_t negated;		/* of those, because of a negation */
	size_t no_pivot;	/* records of the first key whose object is
				 * no subject of the second */
	size_t unreached;	/* subjects of the first key that reach
				 * nothing */
} kll_compose_stats;

/* Compose key "ab" (A to B) with key "bc" (B to C) into a new key A to C,
 * which the caller owns (*out).  Every record a->b of ab and b->c of bc
 * with the same b (compared as IRIs) gives a record a->c whose predicate
 * is kll_pred_compose() of theirs.  A chain for which that gives none
 * (without a negation) is kept as skos:relatedMatch, weakened: its
 * confidence is multiplied by KLL_COMPOSE_WEAK and its comment says
 * "; weakened: P then Q"; opts->strict drops it instead.  A chain with a
 * negation that the algebra cannot carry gives nothing (stats->negated).
 * mapping_justification semapv:MappingChaining; confidence the product
 * of both (a missing one counts as 1) times the factor, empty when
 * neither key states one and the chain is not weakened; subject slots
 * from ab, object slots from bc; comment "via
 * B" naming the pivot, and "; through a split of X" when a has several b
 * in ab or b several c in bc (counting records without the Not
 * modifier).  Records with the same subject, predicate,
 * modifier and object are merged: every pivot listed, the highest
 * confidence.  mapping_cardinality is computed on the result.  The set
 * gets mapping_set_id (opts or derived), mapping_set_source (the ids of
 * both), license, mapping_tool "kll" and its version, and the prefixes of
 * both keys.  sssom:NoTermFound does not chain.  stats may be NULL.
 * Errors: KLL_EINVALID (the keys do not meet: ab's object_source and its
 * version differ from bc's subject_source and its version, rule
 * compose-no-meet, unless opts->force; different licences and none in
 * opts, rule compose-license; a record whose predicate kll_pred_classify()
 * calls bad, rule map-bad-predicate, or is outside the algebra, rule
 * compose-unknown-predicate: each goes to opts->diag, err names the
 * first and the count; no mapping_set_id to derive one from; a
 * prefix bound to different IRIs in the two keys), KLL_ENOMEM. */
kll_status kll_mapset_compose(kll_mapset **out, const kll_mapset *ab,
    const kll_mapset *bc, const kll_compose_opts *opts,
    kll_compose_stats *stats, kll_error *err);

/* Swap the sides of "m" in place: ids, labels, categories, types,
 * sources and their versions, match fields and preprocessing, in the
 * records and in the metadata; each predicate becomes its inverse
 * (kll_pred_inverse(); a predicate_label is cleared when the predicate
 * changes); mapping_cardinality 1:n becomes n:1, 1:0 becomes 0:1 and
 * back; subject_ and object_ slot names in cardinality_scope swap.  The
 * rest (mapping_set_id, justifications, ...) stays: the inverse says the
 * same.  Inverting twice gives the set back.  Errors: KLL_EINVALID (some
 * record's predicate has no known inverse: each goes to "diag" (may be
 * NULL) with its line, rule invert-no-inverse, and m is unchanged),
 * KLL_ENOMEM (m is then half inverted: free it). */
kll_status kll_mapset_invert(kll_mapset *m, kll_diag_fn diag, void *payload,
    kll_error *err);

/* What kll_mapset_apply() does with a code that maps to several targets,
 * and with one that maps to none. */
typedef enum kll_multi {
	KLL_MULTI_ALL = 0,	/* one output row per target */
	KLL_MULTI_FIRST,	/* the first target in byte order */
	KLL_MULTI_FAIL,		/* fail, naming the line and the code */
	KLL_MULTI_BEST		/* the target of the strongest predicate
				 * (exact, equivalentClass or sameAs; then
				 * narrow, broad or subClassOf; then close;
				 * then related; then any other), then of the
				 * highest confidence (none stated counts as
				 * 1), then of the key's first record: the
				 * default */
} kll_multi;

typedef enum kll_unmapped {
	KLL_UNMAPPED_KEEP = 0,	/* keep the code as it is: the column then
				 * mixes two classifications */
	KLL_UNMAPPED_EMPTY,	/* an empty field: the default */
	KLL_UNMAPPED_FAIL	/* fail, naming the line and the code */
} kll_unmapped;

/* Their names, "best", "empty", ...; NULL when out of range. */
const char *kll_multi_name(kll_multi m);
const char *kll_unmapped_name(kll_unmapped u);

/* Called after a run for each code that maps to no target (ntargets 0;
 * the code as the data writes it) or to several (the key's code), in
 * byte order, with the number of rows that have it. */
typedef void (*kll_apply_report_fn)(void *payload, const char *code,
    size_t ntargets, unsigned long long rows);

typedef struct kll_apply_opts {
	const char *column;	/* 1-based number, or a name in the header */
	int no_header;		/* the first row is data */
	int keep;		/* keep the column and add the new one
				 * after it */
	const char *output_name;	/* the new column's header; NULL:
					 * "NAME_to" with keep, else NAME */
	kll_multi multi;
	kll_unmapped unmapped;
	const char *const *predicates;	/* use only records with these
					 * (names as kll_pred_from_name(),
					 * CURIEs of the key, or IRIs); none:
					 * all */
	size_t npredicates;
	const kll_vocab *subject_vocab;	/* NULL: codes are matched with
					 * the CURIE local parts, exactly */
	const kll_vocab *object_vocab;	/* NULL: targets are the CURIE
					 * local parts */
	char sep;		/* 0: guess from the first line */
	kll_apply_report_fn report;	/* may be NULL */
	void *payload;
	const char *encoding;	/* of the table: kll_encoding_check() */
	kll_diag_fn diag;	/* warnings (apply-bad-byte); may be NULL */
	void *diag_payload;
} kll_apply_opts;
#define KLL_APPLY_OPTS_INIT \
	{ NULL, 0, 0, NULL, KLL_MULTI_BEST, KLL_UNMAPPED_EMPTY, NULL, 0, \
	  NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL }

/* The counts of a run. */
typedef struct kll_apply_stats {
	unsigned long long rows;	/* data rows read */
	unsigned long long written;	/* data rows written */
	unsigned long long mapped;	/* rows whose code has one target */
	unsigned long long multi;	/* rows whose code has several */
	unsigned long long unmapped;	/* rows whose code has none */
	unsigned long long empty;	/* rows with an empty code */
	unsigned long long unlisted;	/* unmapped rows whose codes the
					 * report leaves out (it names at
					 * most 1000 distinct codes) */
	unsigned long long badbytes;	/* rows written with bytes not
					 * valid in the table's encoding,
					 * passed through (apply-bad-byte) */
} kll_apply_stats;

/* Recode one column of the CSV/TSV table "path" ("-" is stdin) through
 * key "m", streaming, and write the table to "out" ("outname" in
 * messages) in the same dialect: the separator read, quotes only where a
 * field needs them, LF line ends, the header kept.  A data code matches
 * a subject of the key exactly, else through kll_vocab_find_loose() on
 * opts->subject_vocab; its targets are the objects of the records that
 * name it (without the Not modifier, with one of opts->predicates, not
 * sssom:NoTermFound), written as their notations in opts->object_vocab.
 * Memory depends on the key, not on the data.  An empty code stays
 * empty.  Messages name a row by its line and quote no field but the
 * code.  stats may be NULL.  Errors: KLL_EARG (a bad column number),
 * KLL_ENOTFOUND (no such column in the header), KLL_ESYNTAX (a row
 * without the column; and the reader's), KLL_EINVALID (a code that
 * KLL_MULTI_FAIL or KLL_UNMAPPED_FAIL refuses: rule apply-multi or
 * apply-unmapped, the line of the row; an output header that names a
 * column twice, or a column name that the header has twice:
 * apply-duplicate-column), KLL_EENCODING (rules encoding-*: the table
 * is read in opts->encoding, see kll_encoding_check(); a byte that is
 * not valid there is an error in the column recoded, and elsewhere
 * passes unchanged with a warning to opts->diag, rule apply-bad-byte,
 * for each of the first 10 rows, then one with the count), KLL_EIO
 * (reading, or writing "out"), KLL_ENOMEM.  Nothing is written before
 * the first record is recoded; on a later failure, what was written
 * stays written. */
kll_status kll_mapset_apply(const kll_mapset *m, const char *path, FILE *out,
    const char *outname, const kll_apply_opts *opts, kll_apply_stats *stats,
    kll_error *err);

/* ------------------------------------------------------------------ */
/* Checking keys                                                        */

/* Vocabularies loaded once for many keys: each name is resolved along
 * "dirs" as kll_vocab_open() does, and each file (by its real path) is
 * loaded the first time it is asked for.  A name that failed fails again
 * the same way without a new attempt. */
typedef struct kll_vocab_cache kll_vocab_cache;

/* "dirs" and "lo" (both may be NULL) are copied.  The caller owns *out:
 * kll_vocab_cache_free().  Errors: KLL_ENOMEM. */
kll_status kll_vocab_cache_new(kll_vocab_cache **out, const char *dirs,
    const kll_load_opts *lo, kll_error *err);

/* Frees every vocabulary the cache handed out. */
void kll_vocab_cache_free(kll_vocab_cache *vc);

/* The vocabulary "name" (a path, a short id or a scheme IRI).  *out is
 * borrowed from the cache.  Errors: those of kll_vocab_open(). */
kll_status kll_vocab_cache_open(const kll_vocab **out, kll_vocab_cache *vc,
    const char *name, kll_error *err);

/* The vocabulary that key "m" names in its metadata slot "slot"
 * ("subject_source" or "object_source"): a CURIE expanded with the key's
 * curie_map, an IRI or a short id.  Errors: KLL_ENOTFOUND (no such slot
 * value: the message says so), KLL_EARG (another slot), and those of
 * kll_vocab_cache_open(). */
kll_status kll_vocab_cache_source(const kll_vocab **out, kll_vocab_cache *vc,
    const kll_mapset *m, const char *slot, kll_error *err);

/* The shape of a record, as SSSOM 1.1 defines mapping_cardinality: the
 * left side says how many distinct subjects its object has, the right
 * side how many distinct objects its subject has, both counted over the
 * records of the same cardinality_scope (all of them when the set gives
 * none) that do not involve sssom:NoTermFound. */
typedef enum kll_cardinality {
	KLL_CARD_NONE = 0,	/* a record without a subject or object id */
	KLL_CARD_1_1,
	KLL_CARD_1_N,
	KLL_CARD_N_1,
	KLL_CARD_N_N,
	KLL_CARD_1_0,		/* the object is sssom:NoTermFound */
	KLL_CARD_0_1,		/* the subject is sssom:NoTermFound */
	KLL_CARD_0_0,		/* both are */
	KLL_CARD__COUNT
} kll_cardinality;

/* "1:1", "1:n", ..., or "" for KLL_CARD_NONE and bad values.  Static. */
const char *kll_cardinality_name(kll_cardinality c);

/* The value named "s" ("1:1", ...), or KLL_CARD_NONE. */
kll_cardinality kll_cardinality_from_name(const char *s);

/* The actual shape of every record of "m": out[rec] for each of the
 * kll_mapset_count(m) records, in a caller-owned array of that many
 * bytes (kll_cardinality values).  Subjects and objects are told apart by
 * their CURIEs.  Errors: KLL_ENOMEM. */
kll_status kll_mapset_cardinalities(unsigned char *out, const kll_mapset *m,
    kll_error *err);

typedef struct kll_mapcheck_opts {
	kll_vocab_cache *vocabs;	/* where the vocabularies come from;
					 * NULL: no vocabulary rules */
	const char *vocab[2];	/* the subject and object vocabularies (a
				 * path, id or IRI); NULL: from the key's
				 * subject_source and object_source */
	int level[2];		/* the key's level on each side (XKOS depth);
				 * 0: as the metadata keys subject_level and
				 * object_level say (a depth, or a level's
				 * IRI or CURIE), else undeclared */
	kll_severity min;	/* findings below it are not even built */
	kll_diag_fn diag;	/* receives every finding; may be NULL */
	void *payload;
} kll_mapcheck_opts;
#define KLL_MAPCHECK_OPTS_INIT { NULL, { NULL, NULL }, { 0, 0 }, \
	KLL_SEV_INFO, NULL, NULL }

/* Rule "i" (0, 1, ...) of kll_mapset_check(); NULL past the last one.
 * Static.  Where a rule has two severities, the table gives the higher. */
const kll_check_rule *kll_mapcheck_rule_at(size_t i);

/* Check key "m" against the vocabularies of its two sides: unknown,
 * deprecated and wrong-level codes, label drift, duplicate rows,
 * contradicting predicates, exact matches to both a concept and its
 * ancestor, cardinality, and the codes left unmapped.  Each finding goes
 * to opts->diag with code KLL_EINVALID, a rule id of
 * kll_mapcheck_rule_at(), file = kll_mapset_path(m), and the line and
 * byte column of the field it is about (kll_mapset_pos(); 0 for records
 * made or edited in code).  Findings about the set come first (line 0),
 * then those that each record has on its own, in file order, then those
 * that need every record, in file order, then the unmapped codes.
 *
 * A side whose vocabulary cannot be had gives one map-no-vocabulary
 * finding (an error), and the rules that need no vocabulary still run.
 * *nerrors (may be NULL) gets the number of error findings sent.
 * Findings are not failures: the call returns KLL_OK after them.
 * Errors: KLL_EARG (m is NULL), KLL_ENOMEM. */
kll_status kll_mapset_check(const kll_mapset *m,
    const kll_mapcheck_opts *opts, size_t *nerrors, kll_error *err);

/* The same check on records as they are read, a record at a time: give
 * kll_mapcheck_row as kll_sssom_opts.row with the check as row_payload,
 * then call kll_mapcheck_end with the set that kll_mapset_read() gave.
 * What is kept of each record is a few numbers, not its values.  The
 * findings of a record that need no other go out as it is read, those
 * that need every record (duplicates, contradictions, cardinality,
 * exact matches, mixed levels) and the unmapped codes at the end, each
 * in file order.  opts, and what it points to, must outlive the check.
 * kll_mapcheck_new's errors: KLL_ENOMEM.  kll_mapcheck_row returns a
 * kll_status: KLL_ENOMEM, or KLL_EARG after too many records. */
typedef struct kll_mapcheck kll_mapcheck;
kll_status kll_mapcheck_new(kll_mapcheck **out,
    const kll_mapcheck_opts *opts, kll_error *err);
int kll_mapcheck_row(void *check, const kll_mapset *m, size_t rec);
kll_status kll_mapcheck_end(kll_mapcheck *mc, const kll_mapset *m,
    size_t *nerrors, kll_error *err);
void kll_mapcheck_free(kll_mapcheck *mc);

/* What a key holds, for kll-map stats. */
typedef struct kll_mapstats_pred {
	const char *predicate;	/* a predicate_id CURIE, borrowed from m */
	int negated;		/* predicate_modifier Not */
	size_t rows;
} kll_mapstats_pred;

typedef struct kll_mapstats_level {
	int level;		/* XKOS depth; 0: the concepts on no level */
	size_t concepts;	/* concepts on the level, deprecated ones
				 * aside */
	size_t mapped;		/* of them, those that some record maps */
} kll_mapstats_level;

/* Arrays of two are indexed by side: [0] subject, [1] object. */
typedef struct kll_mapstats {
	size_t rows;
	kll_mapstats_pred *preds;	/* sorted by predicate, Not last */
	size_t npreds;
	size_t card[KLL_CARD__COUNT];	/* records by actual shape */
	size_t distinct[2];	/* distinct ids, sssom:NoTermFound aside */
	size_t unknown[2];	/* of them, not in the vocabulary */
	kll_mapstats_level *levels[2];	/* coverage, by level; none
					 * without a vocabulary */
	size_t nlevels[2];
} kll_mapstats;

/* Count what "m" holds into "out" (caller-owned; release it with
 * kll_mapstats_release()).  A concept is mapped when a record without
 * the modifier Not names it, or maps it to sssom:NoTermFound.  Either
 * vocabulary may be NULL: that side gets no coverage.  Errors:
 * KLL_ENOMEM (out is left empty). */
kll_status kll_mapset_stats(kll_mapstats *out, const kll_mapset *m,
    const kll_vocab *subject_vocab, const kll_vocab *object_vocab,
    kll_error *err);

void kll_mapstats_release(kll_mapstats *s);

/* Flags of kll_mapset_page() and kll_vocab_page(). */
#define KLL_PAGE_INDEX 1	/* link to ../index.html (a published folder) */

/* A standalone HTML page about "m" for people: metadata, justification
 * counts, coverage by level (with the vocabularies; either may be NULL),
 * cardinality classes, an SVG heat map of the rows between the two
 * sides' top-level concepts, unmapped codes, the rows whose comment
 * marks them for review (a part between ';' that is "review" or begins
 * "review:") and all rows grouped by the subject's top-level concept.
 * Every text is escaped; only http(s) values become links; the same
 * input gives the same bytes.  Errors: KLL_ENOMEM, KLL_EIO. */
kll_status kll_mapset_page(FILE *fp, const kll_mapset *m,
    const kll_vocab *subject_vocab, const kll_vocab *object_vocab, int flags,
    kll_error *err);

/* A standalone HTML page about "v": its levels (name, count of
 * concepts) and its concepts as a tree of nested <details>.  Errors:
 * KLL_EIO. */
kll_status kll_vocab_page(FILE *fp, const kll_vocab *v, int flags,
    kll_error *err);

/* ------------------------------------------------------------------ */
/* Keys and their vocabularies                                          */

typedef enum kll_side { KLL_SUBJECT = 0, KLL_OBJECT = 1 } kll_side;

/* Load the vocabulary of one side of key "m": its subject_source or
 * object_source (a CURIE expanded with the key's curie_map, an IRI, or a
 * short id) resolved as kll_vocab_open() does, along "dirs".  The caller
 * owns *out.  Errors: KLL_ENOTFOUND (no source in the metadata, or no
 * such vocabulary), and those of kll_vocab_load(). */
kll_status kll_mapset_vocab(kll_vocab **out, const kll_mapset *m,
    kll_side side, const char *dirs, const kll_load_opts *lo, kll_error *err);

/* The concept of "v" that record "rec" names on "side" (its CURIE
 * expanded, then found by IRI), or NULL. */
const kll_concept *kll_mapset_concept(const kll_mapset *m, size_t rec,
    kll_side side, const kll_vocab *v);

/* ------------------------------------------------------------------ */
/* Importing key tables                                                 */

/* How a key table becomes a mapping set.  The table is CSV or TSV with a
 * header; each row pairs a subject code with an object code (an empty
 * object: nothing corresponds, written sssom:NoTermFound).  Codes are
 * looked up loosely (kll_vocab_find_loose()) and written as the
 * vocabulary writes them. */
typedef struct kll_mapimport_opts {
	const char *subject_vocab;	/* path, id or scheme IRI; required */
	const char *object_vocab;	/* likewise */
	const char *dirs;		/* vocabulary search path, may be NULL */
	const char *subject_column;	/* header name or 1-based number;
					 * NULL: the first column */
	const char *object_column;	/* NULL: the second column */
	const char *predicate_column;	/* optional: a CURIE or exact, close,
					 * broad, narrow, related per row */
	const char *comment_column;	/* optional */
	char sep;			/* 0: guess */
	const char *subject_prefix;	/* CURIE prefixes; NULL: from the */
	const char *object_prefix;	/* vocabulary ids ("ssyk2012") */
	const char *subject_lang;	/* language of the labels written; */
	const char *object_lang;	/* NULL: sv, else en, else any */
	const char *justification;	/* NULL: semapv:ManualMappingCuration */
	const char *mapping_set_id;	/* NULL: KLL_BASE_IRI mappings/S_O */
	const char *license, *title, *description, *provider, *date,
	    *published, *version, *comment;	/* set metadata (date is
					 * mapping_date, published
					 * publication_date); may be NULL */
	const char *const *meta;	/* nmeta more slots, each
					 * "SLOT=VALUE", set last */
	size_t nmeta;
	kll_diag_fn diag;		/* every problem of the table */
	void *payload;
	const char *const *extra_columns;	/* header names to leave out
						 * ("*": all); any other
						 * column the options do not
						 * name is an error */
	size_t nextra_columns;
	const char *encoding;		/* of the table: kll_encoding_check() */
} kll_mapimport_opts;
#define KLL_MAPIMPORT_OPTS_INIT { 0 }

/* Import the key table "path" ("-" is stdin).  Where a row gives no
 * predicate it is derived from the shape of the key: a pair alone on both
 * sides is skos:exactMatch; one of several objects of its subject is
 * skos:narrowMatch (the subject is the broader); one of several subjects
 * of its object is skos:broadMatch; a pair whose subject and object both
 * have several partners is skos:relatedMatch.  mapping_cardinality says
 * which (1:1, 1:n, n:1, n:n).  Every problem of the table (unknown codes,
 * repeated pairs, bad relations, short rows) goes to opts->diag with its
 * line, and the import then fails with KLL_EINVALID.  On success the
 * caller owns *out, sorted.  Errors: those of kll_vocab_open() and
 * kll_csv_next(), KLL_EARG (a column that is not in the header),
 * KLL_EINVALID, KLL_ENOMEM. */
kll_status kll_mapset_import(kll_mapset **out, const char *path,
    const kll_mapimport_opts *opts, kll_error *err);

/* ------------------------------------------------------------------ */
/* Learning keys from evidence                                          */

/* How a key is learnt from evidence (kll_mapset_learn()) or audited
 * against it (kll_mapset_audit()).  The evidence is a CSV or TSV table
 * with a header in which each row codes one thing (a job title, a person,
 * a programme) in both vocabularies, or, with count_column, a
 * cross-table whose rows give the number of things per pair.  Codes are
 * looked up as kll_mapset_import() looks them up.  For a pair seen n
 * times, with S the total of its subject code and O of its object code
 * over all the evidence, and T = exact_share, C = close_share
 * (kll_learn_rule()):
 *   n/S >= T and n/O >= T    skos:exactMatch
 *   n/O >= T                 skos:narrowMatch: nearly all of the
 *                            object's evidence is the subject's, whose
 *                            own evidence splits: the subject is broader
 *   n/S >= T                 skos:broadMatch: the object is broader
 *   n/S >= C and n/O >= C    skos:closeMatch
 *   otherwise                skos:relatedMatch
 * Memory grows with the number of distinct pairs, never with rows. */
typedef struct kll_learn_opts {
	kll_mapimport_opts imp;	/* vocabularies, search path, the code
				 * columns, separator, prefixes, label
				 * languages, set metadata and the sink, as
				 * import takes them; imp.justification:
				 * NULL is semapv:InstanceBasedMatching */
	const char *count_column;	/* NULL: each row counts once */
	double exact_share;	/* T; default 0.9 */
	double close_share;	/* C; default 0.5 */
	unsigned long min_count;	/* pairs seen fewer times are dropped;
					 * default 3 */
	const char *pairs;	/* a key table (same code columns): write
				 * exactly its pairs; NULL: every pair of
				 * the evidence */
	const char *author_label;	/* each record's author_label, or
					 * NULL */
} kll_learn_opts;
#define KLL_LEARN_OPTS_INIT { KLL_MAPIMPORT_OPTS_INIT, NULL, 0.9, 0.5, 3, \
	NULL, NULL }

/* What the evidence held and what became of it. */
typedef struct kll_learn_stats {
	unsigned long long rows;	/* rows of evidence read */
	unsigned long long skipped;	/* rows without a code on a side or
					 * with a count of 0 */
	unsigned long long total;	/* the evidence counted */
	size_t pairs;		/* distinct pairs in the evidence */
	size_t dropped;		/* pairs seen fewer than min_count times */
	size_t written;		/* records of the key (or of the key
				 * audited) */
	size_t thin;		/* with pairs: pairs of the table with
				 * fewer than min_count rows of evidence,
				 * their predicate from the table's shape */
	size_t unkeyed;		/* with pairs: pairs of the evidence seen
				 * min_count times or more that the table
				 * lacks, left out */
} kll_learn_stats;

/* The predicate the rule above gives a pair seen n times whose subject
 * has s_total and object o_total (n <= both; n > 0), and in *confidence
 * (may be NULL) the share it rests on: min(n/S, n/O) for exactMatch and
 * closeMatch, n/O for narrowMatch, n/S for broadMatch, max(n/S, n/O) for
 * relatedMatch. */
kll_pred kll_learn_rule(double *confidence, unsigned long long n,
    unsigned long long s_total, unsigned long long o_total,
    const kll_learn_opts *opts);

/* Learn a key from the evidence "path" ("-" is stdin): one record per
 * pair seen at least min_count times, or, with opts->pairs, exactly the
 * pairs of that table (those with less evidence keep the predicate the
 * table's shape gives, as kll_mapset_import() derives it, with
 * semapv:ManualMappingCuration, no confidence and a comment saying so).
 * A learnt record has the predicate and confidence of kll_learn_rule(),
 * its mapping_cardinality in the key, and the counts n, S and O in the
 * extension slots evidence_count, subject_evidence and object_evidence;
 * the set names kll and its version as mapping_tool.  Every problem of
 * the evidence (unknown codes, short rows, bad counts) goes to
 * opts->imp.diag with its file and line and the call then fails with
 * KLL_EINVALID.  On success the caller owns *out, sorted; stats (may be
 * NULL) says what happened.  Errors: those of kll_mapset_import(),
 * KLL_EARG (bad shares), KLL_EINVALID, KLL_ENOMEM. */
kll_status kll_mapset_learn(kll_mapset **out, kll_learn_stats *stats,
    const char *path, const kll_learn_opts *opts, kll_error *err);

/* Audit the key "key" against the evidence "path": each finding, an error
 * with file and line, goes to opts->imp.diag: learn-no-evidence (a
 * record whose pair is seen fewer than min_count times), learn-contradicted
 * (a record whose predicate the shares do not bear out: exactMatch needs
 * both shares >= T, narrowMatch n/O >= T, broadMatch n/S >= T, closeMatch
 * both >= C; relatedMatch any evidence), learn-not-in-key (a pair seen
 * min_count times or more that no record has; at the evidence line that
 * first gives it), learn-unknown-code (a record whose code is in
 * neither vocabulary).  Records with predicate_modifier Not or
 * sssom:NoTermFound are passed over.  The vocabularies are
 * opts->imp.subject_vocab and object_vocab, or else the key's sources.
 * *nfindings gets the number of findings.  Errors: those of
 * kll_mapset_learn(). */
kll_status kll_mapset_audit(size_t *nfindings, kll_learn_stats *stats,
    const kll_mapset *key, const char *path, const kll_learn_opts *opts,
    kll_error *err);

/* ------------------------------------------------------------------ */
/* Publishing                                                           */

/* The publisher's details for a DCAT-AP-SE catalog (Sveriges
 * dataportal): who publishes (publisher, publisher-en, orgnr,
 * publisher-type), whom to contact (email, contact-name, contact-type),
 * where the folder is served (base-url), the catalog's own texts and
 * dates (title-sv, title-en, description-sv, description-en, homepage,
 * language, issued, modified, spatial, availability) and the licences
 * of the data (vocab-license, key-license).  Per dataset, "KEY.ID"
 * (title-sv.ssyk-2012, theme.ssyk-2012, ...) sets title-sv, title-en,
 * description-sv, description-en, keywords-sv, keywords-en, theme,
 * issued or license of the dataset ID; a plain "theme" is the theme of
 * datasets that have none otherwise.  Values are checked and normalised
 * when set: an organisation number has 10 digits and a valid check digit,
 * an e-mail address one '@' and a domain, URLs are absolute http(s),
 * dates YYYY-MM-DD, themes codes of the EU data-theme list, publisher
 * types names of the ADMS list. */
typedef struct kll_pubconf kll_pubconf;

/* An empty configuration.  The caller owns *out (kll_pubconf_free()).
 * Errors: KLL_ENOMEM. */
kll_status kll_pubconf_new(kll_pubconf **out, kll_error *err);

void kll_pubconf_free(kll_pubconf *c);

/* Read the configuration file "path": "key = value" lines, blank lines
 * and '#' comments; a value may be quoted with '"' to keep spaces at its
 * ends.  Every problem (a line without '=', an unknown key, a bad value,
 * a key given twice) goes to diag (may be NULL) with the file, line and a
 * rule id (publish-config-syntax, publish-unknown-key, publish-bad-value,
 * publish-repeated-key), and the call then fails with KLL_EINVALID; the
 * good lines are kept.  Without a sink the first problem fails the call.
 * A line that is not UTF-8 is a publish-config-syntax problem.  Values
 * read replace those set before.  Errors: KLL_EIO, KLL_EINVALID,
 * KLL_ENOMEM. */
kll_status kll_pubconf_read(kll_pubconf *c, const char *path,
    kll_diag_fn diag, void *payload, kll_error *err);

/* Set "key" to "value" (copied), replacing an earlier value; "where" and
 * "line" say where it came from in messages ("--email", 0).  Errors:
 * KLL_EINVALID (an unknown key, rule publish-unknown-key, or a bad
 * value, rule publish-bad-value, with where and line), KLL_ENOMEM. */
kll_status kll_pubconf_set(kll_pubconf *c, const char *key,
    const char *value, const char *where, unsigned line, kll_error *err);

/* The normalised value of "key" ("orgnr" without its dash, "base-url"
 * with a final '/', "language" as EU language codes "SWE ENG", "theme"
 * as codes "ECON SOCI"), or NULL when unset.  Borrowed. */
const char *kll_pubconf_get(const kll_pubconf *c, const char *key);

/* The keys a configuration takes, in the order of the documentation;
 * NULL past the last one.  Static. */
const char *kll_pubconf_key_at(size_t i);

/* A catalog of vocabularies and keys to publish as one folder. */
typedef struct kll_catalog kll_catalog;

typedef struct kll_publish_opts {
	const char *dirs;	/* vocabulary search path (as kll_vocab_open)
				 * for ids and for the two sides of keys */
	kll_diag_fn diag;	/* warnings and errors of the checks, and
				 * problems of the keys read; may be NULL */
	void *payload;
	int (*stop)(void *payload);	/* polled between files while
					 * writing; nonzero gives up (an
					 * interrupt); may be NULL */
	int owner_only;	/* nonzero: folders 0700 and files 0600;
			 * else 0777 and 0666 less the umask */
	int clean;	/* nonzero: leave out the files of the old folder
			 * that kll-publish did not write; else keep them */
	int force;	/* nonzero: publish into a folder kll-publish did
			 * not write, and replace files in the way */
} kll_publish_opts;
#define KLL_PUBLISH_OPTS_INIT { NULL, NULL, NULL, NULL, 0, 0, 0 }

/* A catalog with the publisher of "conf", which must outlive it (opts
 * is copied, may be NULL).  The caller owns *out (kll_catalog_free()).
 * Errors: KLL_ENOMEM. */
kll_status kll_catalog_new(kll_catalog **out, const kll_pubconf *conf,
    const kll_publish_opts *opts, kll_error *err);

void kll_catalog_free(kll_catalog *c);

/* Add the vocabulary "name" (a path, a short id or a scheme IRI, found
 * along opts->dirs) as a dataset named by its id.  Errors: those of
 * kll_vocab_open(), KLL_EINVALID (an id that cannot name a file, or one
 * already in the catalog), KLL_ENOMEM. */
kll_status kll_catalog_add_vocab(kll_catalog *c, const char *name,
    kll_error *err);

/* Add the key (SSSOM/TSV) "path" as a dataset named by its file name
 * without ".sssom.tsv".  Problems reading it go to opts->diag; a key with
 * errors is refused with KLL_EINVALID.  Its two vocabularies are looked
 * up along opts->dirs for titles and themes (a warning when missing).
 * Errors: those of kll_mapset_read(), KLL_EINVALID, KLL_ENOMEM. */
kll_status kll_catalog_add_key(kll_catalog *c, const char *path,
    kll_error *err);

/* Add every vocabulary of the INDEX in the first folder of the search
 * path (opts->dirs, $KLL_PATH, the installed one) that has one, in its
 * order, and every *.sssom.tsv of "keys_dir" in name order; with
 * keys_dir NULL, of the folder "mappings" beside that vocabulary folder
 * when there is one.  *nvocabs and *nkeys (may be NULL) get the counts.
 * Errors: KLL_ENOTFOUND (no INDEX anywhere), those of the two calls
 * above. */
kll_status kll_catalog_add_all(kll_catalog *c, const char *keys_dir,
    size_t *nvocabs, size_t *nkeys, kll_error *err);

/* Check the catalog against DCAT-AP-SE 3.0.1: what it requires is an
 * error (no publisher, orgnr, publisher-type, email, base-url, catalog
 * title or description, no dataset), what it recommends a warning (no
 * modified or issued date, homepage, theme, licence or availability, a
 * title or description in only one of Swedish and English); a key or
 * dataset named in the configuration but not published is a warning.
 * Each finding goes to opts->diag naming the configuration key (with
 * where it was set) or the dataset (with its file), rule ids
 * publish-missing, publish-recommended, publish-unused.  *nerrors (may
 * be NULL) gets the number of errors.  Errors: KLL_ENOMEM. */
kll_status kll_catalog_check(kll_catalog *c, size_t *nerrors,
    kll_error *err);

/* Check the catalog (as kll_catalog_check()), and when it has no error
 * write the folder "dir": catalog.rdf (one dcat:Catalog in RDF/XML with a
 * dcat:Dataset per vocabulary and key and a dcat:Distribution per file,
 * with sizes and SHA-1 checksums), index.html (the same for people),
 * vocab/ID.ttl, .rdf, .nt and .csv for each vocabulary (SKOS+XKOS in
 * Turtle, RDF/XML, N-Triples, and a code list), and mappings/ID.sssom.tsv
 * (canonical), .skos.ttl and .xkos.ttl for each key.  Every file is read
 * back and its counts compared.  All is written to a new folder beside
 * "dir", which replaces "dir" only when complete.  The folder lists what
 * it wrote in .kll-publish-manifest; the next run owns only those files
 * (unchanged), and carries every other file and folder of "dir" over
 * (opts->clean: leaves them out); one in the way of a new file is an
 * error (rule publish-foreign) unless opts->force.  A "dir" that exists,
 * is not empty and has no manifest is refused unless opts->force.  The
 * new folder keeps the mode of
 * the one it replaces (at most 0700 with opts->owner_only).  The same
 * inputs and
 * configuration give the same bytes.  On failure nothing is changed.
 * Errors: KLL_EINVALID (the check found errors; or a dump read back
 * differs), KLL_EIO (including an interrupt through opts->stop),
 * KLL_EARG (dir exists and is no earlier output), KLL_ENOMEM. */
kll_status kll_catalog_publish(kll_catalog *c, const char *dir,
    kll_error *err);

/* The number of datasets, and dataset "i"'s id in the order added (NULL
 * past the end; borrowed). */
size_t kll_catalog_count(const kll_catalog *c);
const char *kll_catalog_dataset_id(const kll_catalog *c, size_t i);

/* ------------------------------------------------------------------ */
/* Differences between versions                                         */

/* How alike two labels are, as the matcher below compares them: both are
 * folded (kll_text_fold()), cut into words, and stripped of stop words
 * ("och", "av", "m.fl.", "and", "of", "other", "n.e.c.", ...).  Words
 * that share a prefix or suffix of four letters or more count in part
 * ("växter" and "växt"), so Swedish compounds and inflections meet. */
typedef struct kll_text_sim {
	double score;	/* 0..1: words and trigrams together */
	double words;	/* Dice coefficient on the words */
	double cover_a;	/* the share of a's words found in b */
	double cover_b;	/* the share of b's words found in a */
	double trigrams;	/* Dice coefficient on character trigrams */
} kll_text_sim;

/* The similarity of "a" and "b" with every word weighing the same (the
 * matcher weighs rare words more).  *detail (may be NULL) gets the parts.
 * 0 for text that is not UTF-8. */
double kll_text_similarity(const char *a, const char *b, kll_text_sim *detail);

/* Which concept of a new version of a vocabulary carries the content of
 * each concept of the old version, judged from labels and hierarchy only:
 * identical labels first, then the most similar labels (rare words weigh
 * more), helped by an unchanged code, broader concepts that correspond,
 * and narrower concepts that moved together.  Pairs are taken best first,
 * one to one; then new concepts left over attach to the old concept whose
 * label contains theirs (a split), and old concepts left over to the new
 * concept whose label contains theirs (a merge). */
typedef struct kll_match kll_match;

typedef enum kll_relation {
	KLL_REL_EXACT = 0,	/* one to one: skos:exactMatch */
	KLL_REL_CLOSE,		/* one to one but uncertain: skos:closeMatch */
	KLL_REL_NARROW,		/* the old concept split; the new one is
				 * narrower: skos:narrowMatch */
	KLL_REL_BROAD,		/* old concepts merged; the new one is
				 * broader: skos:broadMatch */
	KLL_REL_RELATED,	/* part of a many-to-many group:
				 * skos:relatedMatch */
	KLL_REL_NONE		/* no counterpart: new_c (old content that
				 * went) or old_c (new content) is NULL */
} kll_relation;

/* Evidence for a pair, or-ed together in kll_pair.evidence. */
#define KLL_EVID_SAME_CODE 0x01	/* the same notation */
#define KLL_EVID_SAME_LABEL 0x02	/* a prefLabel identical once folded */
#define KLL_EVID_PARENT 0x04	/* their broader concepts correspond (or
				 * both are top concepts) */
#define KLL_EVID_CHILDREN 0x08	/* narrower concepts correspond */
#define KLL_EVID_LEVEL 0x10	/* they are on different levels */
#define KLL_EVID_PART 0x20	/* one label contains the other: found as
				 * part of a split or a merge */

/* A pair of the proposed correspondence, or a candidate.  Concepts are
 * borrowed from the two vocabularies. */
typedef struct kll_pair {
	const kll_concept *old_c;	/* NULL: new content */
	const kll_concept *new_c;	/* NULL: content that went */
	kll_relation rel;
	double confidence;	/* 0..1: labels and structure together */
	double label;		/* label similarity, 0..1 */
	const char *lang;	/* language of the labels compared; "" */
	unsigned evidence;	/* KLL_EVID_* */
	unsigned kids_kept;	/* with KLL_EVID_CHILDREN: of kids_total */
	unsigned kids_total;	/* narrower concepts of the old one */
	int review;		/* nonzero: confidence below the review
				 * threshold, or a doubt; a person should
				 * decide */
	unsigned doubt;		/* KLL_DOUBT_*: why a pair goes to review
				 * whatever its confidence */
} kll_pair;

/* Doubts about a pair, or-ed together in kll_pair.doubt.  A one-to-one
 * pair with a doubt is KLL_REL_CLOSE. */
#define KLL_DOUBT_TIE 0x01	/* a candidate that is no partner of
				 * either concept scores within 0.05 of
				 * the pair, or above it */
#define KLL_DOUBT_HIERARCHY 0x02	/* the new concept lies neither
					 * under nor over any partner of the
					 * old concept's broader concept */

typedef struct kll_match_opts {
	const char *const *langs;	/* label languages compared (a tag
					 * or a prefix of one); none: all */
	size_t nlangs;
	double min_confidence;	/* pairs below are not proposed (their
				 * old concept gets KLL_REL_NONE); 0: the
				 * matcher's own floor, 0.35 */
	double review;		/* one-to-one pairs below are KLL_REL_CLOSE
				 * rather than KLL_REL_EXACT; 0: 0.6 */
	const char *lang;	/* kll_vdiff_new(): the language of the
				 * labels every change shows and compares;
				 * NULL: sv where either version has a
				 * prefLabel in sv, else en, else any */
} kll_match_opts;
#define KLL_MATCH_OPTS_INIT { NULL, 0, 0.0, 0.0, NULL }

/* Match "old_v" against "new_v" (both borrowed; they must outlive *out).
 * The caller owns *out (kll_match_free()).  The result is the same on
 * every run.  Errors: KLL_EARG (a vocabulary is NULL, a threshold outside
 * 0..1), KLL_ENOMEM. */
kll_status kll_match_new(kll_match **out, const kll_vocab *old_v,
    const kll_vocab *new_v, const kll_match_opts *opts, kll_error *err);

void kll_match_free(kll_match *m);

const kll_vocab *kll_match_old(const kll_match *m);
const kll_vocab *kll_match_new_vocab(const kll_match *m);

/* The pairs: every old concept at least once (with KLL_REL_NONE when
 * nothing corresponds), then every new concept that no old one reached
 * (KLL_REL_NONE, old_c NULL); sorted by old concept, then new concept, in
 * vocabulary order, with the new-only pairs last. */
size_t kll_match_count(const kll_match *m);
const kll_pair *kll_match_at(const kll_match *m, size_t i);

/* Up to "max" candidates in the new vocabulary for "old_c" (a concept of
 * the old one), best first, scored as the final pass scores them, with
 * rel KLL_REL_CLOSE; returns how many were written to out. */
size_t kll_match_candidates(const kll_match *m, const kll_concept *old_c,
    kll_pair *out, size_t max);

/* What changed about a code between two versions. */
typedef enum kll_change_kind {
	KLL_CHANGE_ADDED = 0,	/* a code only the new version has */
	KLL_CHANGE_REMOVED,	/* a code only the old version has */
	KLL_CHANGE_RELABELLED,	/* a kept code's prefLabel in one language */
	KLL_CHANGE_MOVED,	/* a kept code under other broader codes */
	KLL_CHANGE_RENUMBERED,	/* content kept one to one under a new code:
				 * a code gone (or holding other content)
				 * whose level, label and narrower labels
				 * stand under one new code, or a match
				 * pair with other codes */
	KLL_CHANGE_SPLIT,	/* one old concept, several new ones */
	KLL_CHANGE_MERGED,	/* several old concepts, one new one */
	KLL_CHANGE_REGROUPED,	/* part of a many-to-many group */
	KLL_CHANGE_LOST,	/* old content with no counterpart */
	KLL_CHANGE_NOVEL,	/* new content with no counterpart */
	KLL_CHANGE__COUNT
} kll_change_kind;

/* "added", "removed", "relabelled", "moved", "renumbered", "split",
 * "merged", "regrouped", "lost", "novel"; NULL for a bad kind. */
const char *kll_change_name(kll_change_kind k);

/* One change.  Concepts and strings are borrowed from the vocabularies
 * and the diff. */
typedef struct kll_change {
	kll_change_kind kind;
	int level;		/* of the old concept, else of the new one */
	const kll_concept *old_c;	/* NULL for added and novel */
	const kll_concept *new_c;	/* NULL for removed and lost */
	const char *lang;	/* the language of the labels (the diff's
				 * one); "" when any, and for moved */
	const char *old_text;	/* relabelled: the old label ("" when
				 * none); moved: the old broader codes,
				 * '|'-separated; else the old prefLabel */
	const char *new_text;	/* likewise for the new version */
	const kll_pair *pair;	/* renumbered, split, merged, regrouped,
				 * lost, novel: the pair; else NULL (and
				 * for a renumbering the match has not
				 * paired) */
} kll_change;

typedef struct kll_vdiff kll_vdiff;

/* Compare two versions of a vocabulary: codes added, removed and
 * renumbered, kept codes relabelled (prefLabels in the diff's language,
 * opts->lang, compared exactly; in each language when there is none) or
 * moved, and from the match (opts as kll_match_new() takes them; may be
 * NULL) renumbered, split, merged and regrouped content and content with
 * no counterpart.  Changes are sorted by kind, then level, then code.  The
 * caller owns *out (kll_vdiff_free()).  Errors: those of
 * kll_match_new(). */
kll_status kll_vdiff_new(kll_vdiff **out, const kll_vocab *old_v,
    const kll_vocab *new_v, const kll_match_opts *opts, kll_error *err);

void kll_vdiff_free(kll_vdiff *d);

size_t kll_vdiff_count(const kll_vdiff *d);
const kll_change *kll_vdiff_at(const kll_vdiff *d, size_t i);

/* The match the diff was made from; borrowed. */
const kll_match *kll_vdiff_match(const kll_vdiff *d);

/* How the proposed key is written. */
typedef struct kll_key_opts {
	const char *mapping_set_id;	/* NULL: KLL_BASE_IRI mappings/OLD_NEW
					 * with the vocabulary ids */
	const char *license;	/* an IRI; NULL: none (SSSOM wants one) */
	const char *title;	/* NULL: made from the two vocabularies */
	const char *lang;	/* language of the labels written; NULL:
				 * sv, else en, else any */
	int level;		/* only old concepts on this level (and new
				 * ones on it with new_items); 0: all */
	int new_items;		/* nonzero: a sssom:NoTermFound row for each
				 * new concept no old one reached */
} kll_key_opts;
#define KLL_KEY_OPTS_INIT { NULL, NULL, NULL, NULL, 0, 0 }

/* The match as a proposed SSSOM key from the old vocabulary (subjects)
 * to the new one (objects), one record per pair, sorted: predicate from
 * the relation, confidence, similarity_score (the label similarity),
 * mapping_justification semapv:LexicalMatching (labels alone),
 * semapv:StructuralMatching (hierarchy and code alone) or
 * semapv:CompositeMatching (both), mapping_cardinality, and a comment
 * with the evidence ("label 0.83 sv; code kept; parent kept"), which
 * ends in "review" for pairs below opts->review of the match.  An old
 * concept with no counterpart has object sssom:NoTermFound.  The set
 * names both schemes (subject_source and object_source as CURIEs), their
 * versions, the tool, and opts' metadata.  The caller owns *out.
 * Errors: KLL_EINVALID (a concept IRI that no CURIE can hold),
 * KLL_ENOMEM. */
kll_status kll_match_key(kll_mapset **out, const kll_match *m,
    const kll_key_opts *opts, kll_error *err);

/* Differences between two mapping sets.  Records are paired by subject
 * and object (compared as expanded IRIs, so the prefixes may differ);
 * where several records share the pair, those with the same predicate
 * and modifier go together first.  A pair's record whose predicate
 * changed is one change, not a removal and an addition. */
typedef enum kll_mchange_kind {
	KLL_MCHANGE_ADDED = 0,	/* a record only the new set has */
	KLL_MCHANGE_REMOVED,	/* a record only the old set has */
	KLL_MCHANGE_PREDICATE,	/* predicate_id or predicate_modifier */
	KLL_MCHANGE_JUSTIFICATION,	/* mapping_justification */
	KLL_MCHANGE_CONFIDENCE,	/* confidence */
	KLL_MCHANGE_LABEL,	/* subject_label, object_label, ... */
	KLL_MCHANGE_SLOT,	/* any other slot of a record */
	KLL_MCHANGE_META,	/* set metadata or a curie_map entry */
	KLL_MCHANGE__COUNT
} kll_mchange_kind;

/* "added", "removed", "predicate", "justification", "confidence",
 * "label", "slot", "meta"; NULL for a bad kind. */
const char *kll_mchange_name(kll_mchange_kind k);

typedef struct kll_mchange {
	kll_mchange_kind kind;
	const char *subject;	/* subject_id as the set writes it (the
				 * new one's when both have it); "" for
				 * meta */
	const char *object;	/* likewise */
	const char *slot;	/* the slot ("predicate_id"), metadata key,
				 * non-standard column or "curie_map:PREFIX";
				 * added and removed: "predicate_id" */
	const char *old_value;	/* "" when absent (always for added) */
	const char *new_value;	/* "" when absent (always for removed) */
	size_t old_rec, new_rec;	/* record indexes; (size_t)-1: none */
} kll_mchange;

typedef struct kll_mapdiff kll_mapdiff;

/* Compare mapping set "old_m" with "new_m" (both borrowed; they must
 * outlive *out): the set metadata first (standard MappingSet slots, and
 * propagatable slots where every record of each set shares one value),
 * then the curie_map, then the records in the new set's order with the
 * removed ones after, in the old set's order.  Non-standard metadata keys are not
 * compared.  The caller owns *out (kll_mapdiff_free()).  Errors:
 * KLL_ENOMEM. */
kll_status kll_mapdiff_new(kll_mapdiff **out, const kll_mapset *old_m,
    const kll_mapset *new_m, kll_error *err);

void kll_mapdiff_free(kll_mapdiff *d);

size_t kll_mapdiff_count(const kll_mapdiff *d);
const kll_mchange *kll_mapdiff_at(const kll_mapdiff *d, size_t i);

/* ------------------------------------------------------------------ */
/* Stores: vocabularies and keys in a librdf triple store               */

/* A store holds vocabularies and keys as named graphs (librdf contexts)
 * of a librdf storage, one graph per vocabulary or key: the vocabulary's
 * triples as its file has them, a key's as SSSOM/RDF
 * (kll_mapset_export()).  Graph NAME lives in context urn:kll:graph:NAME
 * (with another storage than sqlite or postgresql, which have no
 * transactions, in urn:kll:graph:NAME and urn:kll:graph:NAME:b by
 * turns); what the store holds is recorded in the catalog graph
 * urn:kll:catalog, with the properties of KLL_STORE_NS.  SPARQL queries
 * see all graphs as the default graph, and each under GRAPH. */
typedef struct kll_store kll_store;

#define KLL_STORE_NS KLL_BASE_IRI "store#"

typedef struct kll_store_opts {
	const char *storage;	/* librdf storage name ("sqlite",
				 * "postgresql"); NULL: from $KLL_STORE
				 * (STORAGE:NAME), else "sqlite" */
	const char *name;	/* the storage's name: the SQLite file, the
				 * PostgreSQL model; NULL: from $KLL_STORE */
	const char *options;	/* librdf options ("host='h',port='5432'");
				 * "@FILE": read from FILE; NULL:
				 * $KLL_STORE_OPTIONS, else none.  For
				 * postgresql, host, port, database, user
				 * and password that the options lack come
				 * from PGHOST, PGPORT, PGDATABASE, PGUSER
				 * and PGPASSWORD as libpq reads them */
	int create;		/* nonzero: make the store when missing */
} kll_store_opts;
#define KLL_STORE_OPTS_INIT { NULL, NULL, NULL, 0 }

/* Open the store "opts" names.  For postgresql, PGOPTIONS is set (when
 * unset) so that every transaction is REPEATABLE READ: a query sees one
 * state of the store.  Messages name the store as STORAGE:NAME and never
 * show a password.  The caller owns *out (kll_store_free()).  Errors:
 * KLL_EARG (no store named, an unknown storage, unreadable options),
 * KLL_ENOTFOUND (no such store and opts->create unset), KLL_EIO (the store
 * cannot be reached or refuses the login), KLL_EINVALID (it holds
 * something that kll did not put there), KLL_ENOMEM. */
kll_status kll_store_open(kll_store **out, const kll_store_opts *opts,
    kll_error *err);

/* A store in memory holding "paths" (vocabularies and keys, as
 * kll_store_load() takes them), for querying files.  Errors: those of
 * kll_store_load(). */
kll_status kll_store_open_files(kll_store **out, const char *const *paths,
    size_t n, kll_error *err);

void kll_store_free(kll_store *s);

/* STORAGE:NAME, for messages; borrowed. */
const char *kll_store_name(const kll_store *s);

/* What loading did to a graph. */
typedef enum kll_store_change {
	KLL_STORE_ADDED = 0,	/* a new graph */
	KLL_STORE_REPLACED,	/* the graph had other content */
	KLL_STORE_UNCHANGED,	/* the same source bytes were loaded before */
	KLL_STORE_REMOVED	/* dropped */
} kll_store_change;

/* "added", "replaced", "unchanged", "removed"; NULL for a bad value. */
const char *kll_store_change_name(kll_store_change c);

/* A graph of the store, as the catalog describes it.  Strings are
 * borrowed from the store and live until the next call on it. */
typedef struct kll_store_graph {
	const char *name;	/* "ssyk-2012", "ssyk-2012_isco-08" */
	const char *kind;	/* "vocab" or "key" */
	const char *context;	/* the context IRI */
	const char *about;	/* the scheme IRI, the mapping_set_id, or "" */
	const char *source;	/* the file it was loaded from */
	const char *digest;	/* SHA-1 of the source's bytes, in hex */
	size_t triples;
} kll_store_graph;

/* Load the vocabulary (RDF: .ttl, .nt, .rdf) or key (.sssom.tsv) "path"
 * as one graph, named by the vocabulary's id or the key file's name
 * without .sssom.tsv.  The file is read and checked whole first
 * (kll_vocab_load(), kll_mapset_read()), then the graph is replaced in
 * one transaction, so that a reader sees either the old graph or the new
 * one; on failure the store is as it was.  With "only_changed" (sync) a
 * graph whose source has the same SHA-1 as the one stored is left alone.
 * *change and *graph (either may be NULL) say what happened; graph->
 * triples is the new count, *old_triples (may be NULL) the old one (0 for
 * a new graph).  Errors: those of reading the file, KLL_EIO (the store
 * failed: unreachable, a full disk), KLL_ENOMEM. */
kll_status kll_store_load(kll_store *s, const char *path, int only_changed,
    kll_store_change *change, kll_store_graph *graph, size_t *old_triples,
    kll_error *err);

/* Remove graph "name" and its catalog entry in one transaction; *graph
 * (may be NULL) gets what it was.  Errors: KLL_ENOTFOUND, KLL_EIO. */
kll_status kll_store_drop(kll_store *s, const char *name,
    kll_store_graph *graph, kll_error *err);

/* The graphs of the catalog, sorted by name: read them once with
 * kll_store_list(), then kll_store_graph_at(i) for i < *n.  Errors:
 * KLL_EIO, KLL_ENOMEM. */
kll_status kll_store_list(kll_store *s, size_t *n, kll_error *err);
const kll_store_graph *kll_store_graph_at(const kll_store *s, size_t i);

/* SPARQL 1.1 query results formats. */
typedef enum kll_results_format {
	KLL_RESULTS_TSV = 0,
	KLL_RESULTS_CSV,
	KLL_RESULTS_JSON
} kll_results_format;

/* Run the SPARQL query "query" on the store, in one read transaction,
 * and write its results to "out" ("outname" in messages) in "format":
 * SELECT results as SPARQL 1.1 TSV, CSV or JSON, an ASK result as
 * "true"/"false" (JSON: {"head":{},"boolean":...}), CONSTRUCT and
 * DESCRIBE results as N-Triples.  *rows (may be NULL) gets the number of
 * result rows (or triples).  Errors: KLL_ESYNTAX (the query does not
 * parse, with rasqal's line), KLL_EIO (the store failed or the write
 * failed), KLL_ENOMEM. */
kll_status kll_store_query(kll_store *s, const char *query,
    kll_results_format format, FILE *out, const char *outname,
    size_t *rows, kll_error *err);

/* Store first: when a store is in use, kll_vocab_open(), the vocabulary
 * cache (kll_vocab_cache_open(), so also the sides of keys) and
 * kll_mapset_open() look a name that is not an existing file up in the
 * store before anywhere else: a vocabulary by graph name (its id) or by
 * scheme IRI, a key by graph name (its file name without .sssom.tsv) or
 * by mapping_set_id.  What they read is the file as it was loaded (the
 * store keeps each graph's source), read as from that file, so results
 * and messages are the same; messages name it STORE#GRAPH-IRI
 * ("sqlite:/srv/kll.db#urn:kll:graph:ssyk-2012") instead of the file.
 * A name the store lacks is then looked for along the search path. */

/* Use store "s" (borrowed; NULL: none) from now on, instead of the one
 * $KLL_STORE names. */
void kll_store_use(kll_store *s);

/* The store in use: that of kll_store_use(), else the one $KLL_STORE
 * (and $KLL_STORE_OPTIONS) names, opened on the first call and closed
 * at exit; *out is NULL when there is none.  A store that fails to open
 * fails every call the same way.  Errors: those of kll_store_open(). */
kll_status kll_store_current(kll_store **out, kll_error *err);

/* The vocabulary "name" (graph name or scheme IRI) of store "s".  The
 * caller owns *out.  Errors: KLL_ENOTFOUND (no such vocabulary in the
 * store: err is then left alone), KLL_EIO, and those of
 * kll_vocab_load(). */
kll_status kll_store_vocab(kll_vocab **out, kll_store *s, const char *name,
    const kll_load_opts *opts, kll_error *err);

/* The key "name" (graph name or mapping_set_id) of store "s", read as
 * kll_mapset_read() reads its file.  Errors: KLL_ENOTFOUND (no such key
 * in the store: err is then left alone), KLL_EIO, and those of
 * kll_mapset_read(). */
kll_status kll_store_mapset(kll_mapset **out, kll_store *s, const char *name,
    const kll_sssom_opts *opts, kll_error *err);

/* The key "name": an existing file (or "-") with kll_mapset_read(), else
 * from the store in use when it has it, else kll_mapset_read(name). */
kll_status kll_mapset_open(kll_mapset **out, const char *name,
    const kll_sssom_opts *opts, kll_error *err);

/* ------------------------------------------------------------------ */
/* Text                                                                 */

/* "s" folded for matching: case-folded, decomposed, without accents
 * ("Ålder" -> "alder").  The caller frees the result; NULL when out of
 * memory or when s is not UTF-8. */
char *kll_text_fold(const char *s);

/* ------------------------------------------------------------------ */
/* Editing keys: fmt, merge, dedupe, filter, split, annotate            */

/* Rewrite every value of "m" that SSSOM wants as a CURIE (the entity
 * slots of the records and of the set) but that holds a full IRI, as the
 * CURIE of the longest namespace in the key's curie_map.  Such values
 * are what the reader reports under sssom-iri-not-curie and keeps.
 * *changed (may be NULL) gets the number of values rewritten.  Errors:
 * KLL_EINVALID (an IRI that no declared prefix covers: each to diag (may
 * be NULL) with its line and column, rule map-fmt-no-prefix; the others
 * are still rewritten), KLL_ENOMEM (map_fmt.c). */
kll_status kll_mapset_compact(kll_mapset *m, kll_diag_fn diag, void *payload,
    size_t *changed, kll_error *err);

/* Compare the bytes of "orig", from where it stands to its end, with
 * what kll_mapset_write() makes of "m".  *line gets 0 when they are the
 * same, else the 1-based number of the first line that differs (one past
 * the last line when one text is a prefix of the other).  Errors:
 * KLL_EIO (reading "orig", or the temporary file the canonical text goes
 * to), and those of kll_mapset_write() (map_fmt.c). */
kll_status kll_mapset_compare(const kll_mapset *m, FILE *orig,
    unsigned *line, kll_error *err);

/* Which of two records of merged keys, or of two values of one set
 * slot, wins. */
typedef enum kll_prefer {
	KLL_PREFER_NONE = 0,	/* neither: an error */
	KLL_PREFER_FIRST,	/* the key given first */
	KLL_PREFER_LAST,	/* the key given last */
	KLL_PREFER_CONFIDENCE	/* records: the higher confidence (none
				 * stated counts as 1), then the first */
} kll_prefer;

typedef struct kll_merge_opts {
	kll_prefer rows;	/* records of one subject, predicate,
				 * modifier and object that differ in any
				 * other slot */
	kll_prefer meta;	/* set slots with two values: NONE, FIRST or
				 * LAST */
	kll_diag_fn diag;	/* each conflict left unresolved; may be
				 * NULL */
	void *payload;
} kll_merge_opts;
#define KLL_MERGE_OPTS_INIT { KLL_PREFER_NONE, KLL_PREFER_NONE, NULL, NULL }

typedef struct kll_merge_stats {
	size_t added;		/* records taken from the later keys */
	size_t same;		/* records equal to one already there */
	size_t resolved;	/* conflicting records, resolved by rows */
	size_t meta;		/* set slots resolved by meta */
} kll_merge_stats;

/* Merge keys[1] ... keys[n-1] into keys[0], in place.  Records are the
 * same mapping when their subject_id, predicate_id and object_id name the
 * same IRIs and their predicate_modifier is the same: a record equal in
 * every other slot too is dropped, one that differs (confidence,
 * justification, comment, ...) is resolved by opts->rows, or reported
 * under rule map-merge-row with both places.  Set slots (those that only
 * sets have, and the record slots a set holds that are not
 * propagatable) are kept when equal or set in one key only; two values
 * are resolved by opts->meta or reported under rule map-merge-meta,
 * naming the slot and both files.  Propagatable slots stay on the
 * records.  The curie_maps are joined: a prefix bound to two IRIs is an
 * error (rule map-merge-prefix).  Non-standard metadata keys and
 * extension definitions are those of keys[0]; the records' non-standard
 * columns are all kept; a record's mapping_cardinality, where it has one,
 * is its shape in the merged key.  stats may be NULL.  Errors:
 * KLL_EINVALID (a conflict left unresolved: each to opts->diag, err names
 * the first and the count; keys[0] is then half merged), KLL_EARG (n is
 * 0), KLL_ENOMEM (map_merge.c). */
kll_status kll_mapset_merge(kll_mapset *const *keys, size_t n,
    const kll_merge_opts *opts, kll_merge_stats *stats, kll_error *err);

/* The rank dedupe gives a predicate: 4 exact (skos:exactMatch,
 * owl:equivalentClass, owl:equivalentProperty, owl:sameAs), 3 broad or
 * narrow (skos:broadMatch, skos:narrowMatch, rdfs:subClassOf,
 * rdfs:subPropertyOf), 2 close, 1 related, 0 skos:mappingRelation; -1
 * for any other predicate, which dedupe cannot rank (map_dedupe.c). */
int kll_pred_rank(const kll_mapset *m, size_t rec);

typedef struct kll_dedupe_stats {
	size_t pairs;		/* subject-object pairs with several records */
	size_t dropped;		/* records left out */
} kll_dedupe_stats;

/* keep[rec] (a caller-owned array of kll_mapset_count(m) bytes) gets 1
 * for the one record kept of each subject-object pair (ids compared as
 * IRIs): the record of the highest kll_pred_rank(), then of the highest
 * confidence (none stated counts as 1), then the first.  Records with
 * predicate_modifier Not are ranked apart: one is kept for each negated
 * predicate.  A pair whose records contradict, as kll_mapset_check()
 * says (two of exact, broad, narrow and related, or a predicate beside
 * its Not), gives a map-contradiction error; one with a predicate of
 * rank -1 beside another predicate gives a map-dedupe-unranked error;
 * each goes to diag (may be NULL) with the line of the later record.
 * stats may be NULL.  Errors: KLL_EINVALID (such errors: err names the
 * first and the count), KLL_ENOMEM (map_dedupe.c). */
kll_status kll_mapset_dedupe(unsigned char *keep, const kll_mapset *m,
    kll_diag_fn diag, void *payload, kll_dedupe_stats *stats, kll_error *err);

/* What kll_mapset_select() keeps: a record must meet every test given.
 * Codes are matched as the record's CURIE, its local part (after the
 * first ':'), or, with the side's vocabulary, the concept that
 * kll_vocab_find_loose() finds (and with "descendants" any concept
 * under it, through skos:narrower).  Levels are XKOS depths in the
 * side's vocabulary. */
typedef struct kll_filter_opts {
	const char *const *predicates;	/* any of them: short names as
					 * kll_pred_from_name(), CURIEs of
					 * the key, or IRIs; none: all */
	size_t npredicates;
	const char *justification;	/* a CURIE, or NULL */
	double min_confidence;	/* a record that states none counts as 1 */
	double max_confidence;
	const char *code[2];	/* [KLL_SUBJECT], [KLL_OBJECT]; NULL: any */
	int descendants;	/* also the codes under code[side] */
	int level[2];		/* 0: any */
	int review;		/* 1: only records marked for review; -1:
				 * only those not marked; 0: either */
	const kll_vocab *vocab[2];	/* needed for levels and
					 * descendants; may be NULL */
} kll_filter_opts;
#define KLL_FILTER_OPTS_INIT { NULL, 0, NULL, 0.0, 1.0, { NULL, NULL }, 0, \
	{ 0, 0 }, 0, { NULL, NULL } }

/* Whether record "rec" is marked for review: a part of its comment
 * (parts are separated by "; ") that is "review" or starts with
 * "review:", as kll-diff writes it (map_filter.c). */
int kll_mapset_review(const kll_mapset *m, size_t rec);

/* keep[rec] (caller-owned, kll_mapset_count(m) bytes) gets 1 for each
 * record that passes opts; *nkept (may be NULL) their number.  Errors:
 * KLL_EARG (levels or descendants without the vocabulary of their side,
 * a code the vocabulary lacks), KLL_ENOMEM (map_filter.c). */
kll_status kll_mapset_select(unsigned char *keep, size_t *nkept,
    const kll_mapset *m, const kll_filter_opts *opts, kll_error *err);

/* A new key with the metadata, curie_map, extension definitions and
 * non-standard metadata of "m" and the records "rec" of "m" for which
 * keep[rec] is nonzero, in their order; a record's mapping_cardinality,
 * where it has one, is its shape among the records kept.  The caller
 * owns *out.  Errors:
 * KLL_EIO (the temporary file the metadata passes through), KLL_ENOMEM,
 * and those of kll_mapset_write() and kll_mapset_read() (map_filter.c). */
kll_status kll_mapset_subset(kll_mapset **out, const kll_mapset *m,
    const unsigned char *keep, kll_error *err);

/* How kll_mapset_split() groups the records. */
typedef enum kll_split_by {
	KLL_SPLIT_SUBJECT_LEVEL = 0,	/* "level-N", "level-none" */
	KLL_SPLIT_OBJECT_LEVEL,
	KLL_SPLIT_SUBJECT_TOP,	/* "top-CODE" of the top concept above the
				 * subject, "top-none" */
	KLL_SPLIT_OBJECT_TOP,
	KLL_SPLIT_PREDICATE	/* the predicate CURIE with ':' as '-',
				 * "not-" before a negated one */
} kll_split_by;

/* The group of each record: group[rec] (caller-owned, one per record)
 * indexes *names, an array of *ngroups names sorted in byte order, made
 * of the characters A-Z a-z 0-9 . _ - only (any other becomes '_').
 * The caller frees *names with free() (one block).  vocab is needed for
 * levels and top codes, and is the side's.  Errors: KLL_EARG (no
 * vocabulary where one is needed), KLL_ENOMEM (map_split.c). */
kll_status kll_mapset_split(size_t *group, char ***names, size_t *ngroups,
    const kll_mapset *m, kll_split_by by, const kll_vocab *vocab,
    kll_error *err);

/* Set (value non-NULL and not "") or remove set slot "slot", as
 * kll_mapset_set_meta() does; a propagatable slot (subject_source,
 * mapping_justification, ...) is set or cleared in every record too, so
 * that the records do not keep the old value.  Errors: those of
 * kll_mapset_set_meta() and kll_mapset_set() (map_annotate.c). */
kll_status kll_mapset_annotate(kll_mapset *m, const char *slot,
    const char *value, kll_error *err);

/* clang-format on */

/* ------------------------------------------------------------------ */
/* Rules and JSON lines                                                 */

/* Every rule id the library reports: those of kll_check_rule_at(), then
 * those of kll_mapcheck_rule_at(), then those of the readers, the
 * importers, compose, invert, apply, export, learn and publish.  Rule
 * "i" (0, 1, ...), NULL past the last one; kll_rule_find(): the rule
 * "id", or NULL.  Static.  Where a rule has two severities, the higher. */
const kll_check_rule *kll_rule_at(size_t i);
const kll_check_rule *kll_rule_find(const char *id);

/* The rule id of "err": its own, else one of the input-* rules by its
 * status (input-unreadable, input-not-found, input-encoding,
 * input-syntax, input-invalid, input-out-of-memory), so that a problem
 * that ends a command has a rule id as the findings have.  Static. */
const char *kll_error_rule(const kll_error *err);

/* Write the changes of d on level "level" (0: every level) to fp as JSON
 * lines: kind, level, old_code and new_code (null for none), lang, old,
 * new, and for a pair confidence and review.  Errors: KLL_EIO. */
kll_status kll_vdiff_write_json(
    const kll_vdiff *d, int level, FILE *fp, kll_error *err);

/* Write the changes of d to fp as JSON lines: kind, subject, object,
 * slot, old and new.  Errors: KLL_EIO. */
kll_status kll_mapdiff_write_json(
    const kll_mapdiff *d, FILE *fp, kll_error *err);

/* ------------------------------------------------------------------ */
/* Keys in other formats                                                */

/* The formats a key is read from (kll_mapset_load()). */
typedef enum kll_key_format {
	KLL_KEY_AUTO = 0,	/* from the file's name, else its first bytes */
	KLL_KEY_SSSOM_TSV,	/* SSSOM/TSV: kll_mapset_read() */
	KLL_KEY_JSON,		/* SSSOM/JSON or JSKOS, from the content */
	KLL_KEY_SSSOM_JSON,	/* SSSOM/JSON: one object, the set's slots,
				 * "curie_map" and "mappings" */
	KLL_KEY_JSKOS,		/* JSKOS concordances and mappings: NDJSON,
				 * an array, or one object */
	KLL_KEY_RDF,		/* one of the three below, from the triples:
				 * a sssom:MappingSet, else an
				 * xkos:Correspondence, else SKOS */
	KLL_KEY_SSSOM_RDF,	/* SSSOM/RDF: the set and its sssom:mappings
				 * (owl:Axiom or sssom:Mapping nodes) */
	KLL_KEY_SKOS,		/* SKOS mapping triples, grouped by the
				 * skos:inScheme of their two concepts */
	KLL_KEY_XKOS,		/* an xkos:Correspondence made of
				 * xkos:ConceptAssociations */
	KLL_KEY__COUNT
} kll_key_format;

/* "auto", "sssom-tsv", "json", "sssom-json", "jskos", "rdf",
 * "sssom-rdf", "skos", "xkos"; NULL for a bad value.  Static. */
const char *kll_key_format_name(kll_key_format f);

/* The format called "name" (also "tsv"), or KLL_KEY__COUNT. */
kll_key_format kll_key_format_from_name(const char *name);

/* The format of "path" as kll_mapset_load() finds it without reading
 * the whole: by its name (.tsv, .json, .ndjson or .jsonl or .jskos,
 * .ttl .nt .rdf .owl .xml .trig .nq), else by its first non-blank
 * byte ('{' or '[': JSON; '<', '@', '_' or PREFIX: RDF; else
 * SSSOM/TSV).  From stdin ("-") one byte is looked at and pushed back.
 * Gives KLL_KEY_SSSOM_TSV, KLL_KEY_JSON, KLL_KEY_JSKOS or KLL_KEY_RDF. */
kll_key_format kll_key_format_guess(const char *path);

/* Read the key "path" ("-" is stdin) in format "fmt" (KLL_KEY_AUTO:
 * kll_key_format_guess(), then the content).  SSSOM/TSV goes to
 * kll_mapset_read() with opts as it takes them.  The other formats are
 * read whole into a set as kll_mapset_read() makes one: problems go to
 * opts->diag with the file, the line and column (JSON: and the JSON
 * pointer in the message), and a rule id (sssom-json-syntax,
 * sssom-json-not-object, sssom-json-bad-type, sssom-bad-value,
 * sssom-rdf-syntax, sssom-no-mapping, and those of the SSSOM/TSV
 * reader where they fit); they count in
 * kll_mapset_nerrors(), and without a sink the first error fails the
 * call.  opts->row is for SSSOM/TSV only (KLL_EARG otherwise), and
 * opts->metadata_path is not used.  *found (may be NULL) gets the
 * format read.  On success the caller owns *out.  Errors: those of
 * kll_mapset_read(), KLL_EIO, KLL_ESYNTAX (JSON or RDF that does not
 * parse), KLL_EINVALID (without a sink), KLL_EARG, KLL_ENOMEM. */
kll_status kll_mapset_load(kll_mapset **out, const char *path,
    kll_key_format fmt, const kll_sssom_opts *opts, kll_key_format *found,
    kll_error *err);

/* Whether s has the shape of a language tag as BCP 47 writes them:
 * letters, digits and '-', not empty and not starting with '-'.  NULL:
 * no. */
int kll_lang_ok(const char *s);

#ifdef __cplusplus
}
#endif
#endif /* KLL_H */
