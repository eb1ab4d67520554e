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

typedef struct kll_sssom_opts {
	const char *metadata_path;	/* the metadata block in a separate
					 * YAML file; NULL: embedded in the
					 * TSV, else from a sibling file
					 * (x.sssom.tsv -> x.sssom.yml) */
	kll_diag_fn diag;	/* receives every finding; may be NULL */
	void *payload;
} kll_sssom_opts;
#define KLL_SSSOM_OPTS_INIT { NULL, NULL, NULL }

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
 * On success the caller owns *out (kll_mapset_free()).  Errors: KLL_EIO,
 * KLL_EENCODING, KLL_ESYNTAX (YAML that does not parse or uses a
 * forbidden feature, no header line, a duplicate column, an unterminated
 * quote), KLL_EINVALID (without a sink), KLL_ENOMEM; on failure *out is
 * NULL and err (may be NULL) says why and where. */
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
	    *version, *comment;		/* set metadata, may be NULL */
	kll_diag_fn diag;		/* every problem of the table */
	void *payload;
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
/* Text                                                                 */

/* "s" folded for matching: case-folded, decomposed, without accents
 * ("Ålder" -> "alder").  The caller frees the result; NULL when out of
 * memory or when s is not UTF-8. */
char *kll_text_fold(const char *s);

#ifdef __cplusplus
}
#endif
#endif /* KLL_H */
