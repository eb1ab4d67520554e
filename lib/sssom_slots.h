/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sssom_slots.h: the slots of the SSSOM 1.1 data model as the SSSOM code
 * needs them, taken from the LinkML schema (sssom_schema.yaml): the
 * Mapping slots in the order of the "mapping" class, then the slots that
 * only the MappingSet class has.  Private to lib/sssom*.c.
 */
#ifndef KLL_SSSOM_SLOTS_H
#define KLL_SSSOM_SLOTS_H

/* Slot flags. */
#define SF_MULTI  0x01 /* multivalued: '|'-separated in TSV, a list in YAML */
#define SF_PROP   0x02 /* propagatable from the set to its records */
#define SF_REC    0x04 /* a slot of the Mapping class */
#define SF_SET    0x08 /* a slot of the MappingSet class */
#define SF_INTERN 0x10 /* few distinct values: share one copy of each */

/* Set-level slots that records do not have, numbered after the Mapping
 * slots (kll_slot) in one space. */
enum {
	SL_SSSOM_VERSION = KLL_SLOT__COUNT,
	SL_CURIE_MAP,
	SL_MAPPING_SET_ID,
	SL_MAPPING_SET_VERSION,
	SL_MAPPING_SET_SOURCE,
	SL_MAPPING_SET_TITLE,
	SL_MAPPING_SET_DESCRIPTION,
	SL_MAPPING_SET_CONFIDENCE,
	SL_ISSUE_TRACKER,
	SL_EXTENSION_DEFINITIONS,
	SL__COUNT
};

/* Kinds beyond the public kll_value_kind, for set-level slots. */
#define KIND_VERSION   100 /* sssom_version */
#define KIND_CURIE_MAP 101
#define KIND_EXT_DEFS  102

struct enumval {
	const char *value;   /* as written in SSSOM/TSV */
	const char *meaning; /* the CURIE the schema gives it, or NULL */
};

static const struct enumval entity_types[] = { { "owl class", "owl:Class" },
	{ "owl object property", "owl:ObjectProperty" },
	{ "owl data property", "owl:DataProperty" },
	{ "owl annotation property", "owl:AnnotationProperty" },
	{ "owl named individual", "owl:NamedIndividual" },
	{ "skos concept", "skos:Concept" },
	{ "rdfs resource", "rdfs:Resource" }, { "rdfs class", "rdfs:Class" },
	{ "rdfs literal", "rdfs:Literal" },
	{ "rdfs datatype", "rdfs:Datatype" },
	{ "rdf property", "rdf:Property" },
	{ "composed entity expression", "sssom:ComposedEntityExpression" },
	{ NULL, NULL } };

static const struct enumval predicate_modifiers[] = {
	{ "Not", "sssom:NegatedPredicate" }, { NULL, NULL }
};

static const struct enumval cardinalities[] = { { "1:1", NULL },
	{ "1:n", NULL }, { "n:1", NULL }, { "n:n", NULL }, { "1:0", NULL },
	{ "0:1", NULL }, { "0:0", NULL }, { NULL, NULL } };

static const struct enumval sssom_versions[] = { { "1.0", "sssom:version1.0" },
	{ "1.1", "sssom:version1.1" }, { NULL, NULL } };

struct slotdef {
	const char *name;
	int kind;                     /* kll_value_kind or KIND_* */
	int flags;                    /* SF_* */
	const struct enumval *values; /* KLL_KIND_ENUM */
	double lo, hi;                /* KLL_KIND_DOUBLE: the allowed range */
};

#define S_STR  KLL_KIND_STRING
#define S_ENT  KLL_KIND_ENTITY
#define S_URI  KLL_KIND_URI
#define S_DBL  KLL_KIND_DOUBLE
#define S_DATE KLL_KIND_DATE
#define S_ENUM KLL_KIND_ENUM
#define RS     (SF_REC | SF_SET)

/* Indexed by kll_slot, then by the SL_* numbers above.  Defined once, in
 * sssom.c, which includes this file with KLL__SSSOM_SLOTDEFS defined. */
extern const struct slotdef kll__sssom_slotdefs[SL__COUNT];
#ifdef KLL__SSSOM_SLOTDEFS
const struct slotdef kll__sssom_slotdefs[SL__COUNT] = {
	{ "record_id", S_ENT, SF_REC, NULL, 0, 0 },
	{ "subject_id", S_ENT, SF_REC, NULL, 0, 0 },
	{ "subject_label", S_STR, SF_REC, NULL, 0, 0 },
	{ "subject_category", S_STR, SF_REC | SF_INTERN, NULL, 0, 0 },
	{ "predicate_id", S_ENT, SF_REC | SF_INTERN, NULL, 0, 0 },
	{ "predicate_label", S_STR, SF_REC | SF_INTERN, NULL, 0, 0 },
	{ "predicate_modifier", S_ENUM, SF_REC | SF_INTERN, predicate_modifiers,
	    0, 0 },
	{ "object_id", S_ENT, SF_REC, NULL, 0, 0 },
	{ "object_label", S_STR, SF_REC, NULL, 0, 0 },
	{ "object_category", S_STR, SF_REC | SF_INTERN, NULL, 0, 0 },
	{ "mapping_justification", S_ENT, SF_REC | SF_INTERN, NULL, 0, 0 },
	{ "author_id", S_ENT, SF_REC | SF_MULTI | SF_INTERN, NULL, 0, 0 },
	{ "author_label", S_STR, SF_REC | SF_MULTI | SF_INTERN, NULL, 0, 0 },
	{ "reviewer_id", S_ENT, SF_REC | SF_MULTI | SF_INTERN, NULL, 0, 0 },
	{ "reviewer_label", S_STR, SF_REC | SF_MULTI | SF_INTERN, NULL, 0, 0 },
	{ "creator_id", S_ENT, RS | SF_MULTI | SF_INTERN, NULL, 0, 0 },
	{ "creator_label", S_STR, RS | SF_MULTI | SF_INTERN, NULL, 0, 0 },
	{ "license", S_URI, RS | SF_INTERN, NULL, 0, 0 },
	{ "subject_type", S_ENUM, RS | SF_PROP | SF_INTERN, entity_types, 0,
	    0 },
	{ "subject_source", S_ENT, RS | SF_PROP | SF_INTERN, NULL, 0, 0 },
	{ "subject_source_version", S_STR, RS | SF_PROP | SF_INTERN, NULL, 0,
	    0 },
	{ "object_type", S_ENUM, RS | SF_PROP | SF_INTERN, entity_types, 0, 0 },
	{ "object_source", S_ENT, RS | SF_PROP | SF_INTERN, NULL, 0, 0 },
	{ "object_source_version", S_STR, RS | SF_PROP | SF_INTERN, NULL, 0,
	    0 },
	{ "predicate_type", S_ENUM, RS | SF_PROP | SF_INTERN, entity_types, 0,
	    0 },
	{ "mapping_provider", S_URI, RS | SF_PROP | SF_INTERN, NULL, 0, 0 },
	{ "mapping_source", S_ENT, SF_REC | SF_INTERN, NULL, 0, 0 },
	{ "mapping_cardinality", S_ENUM, SF_REC | SF_INTERN, cardinalities, 0,
	    0 },
	{ "cardinality_scope", S_STR, RS | SF_MULTI | SF_PROP | SF_INTERN, NULL,
	    0, 0 },
	{ "mapping_tool", S_STR, RS | SF_PROP | SF_INTERN, NULL, 0, 0 },
	{ "mapping_tool_id", S_ENT, RS | SF_PROP | SF_INTERN, NULL, 0, 0 },
	{ "mapping_tool_version", S_STR, RS | SF_PROP | SF_INTERN, NULL, 0, 0 },
	{ "mapping_date", S_DATE, RS | SF_PROP | SF_INTERN, NULL, 0, 0 },
	{ "publication_date", S_DATE, RS | SF_INTERN, NULL, 0, 0 },
	{ "review_date", S_DATE, SF_REC | SF_INTERN, NULL, 0, 0 },
	{ "confidence", S_DBL, SF_REC | SF_INTERN, NULL, 0.0, 1.0 },
	{ "reviewer_agreement", S_DBL, SF_REC | SF_INTERN, NULL, -1.0, 1.0 },
	{ "curation_rule", S_ENT, RS | SF_MULTI | SF_PROP | SF_INTERN, NULL, 0,
	    0 },
	{ "curation_rule_text", S_STR, RS | SF_MULTI | SF_PROP | SF_INTERN,
	    NULL, 0, 0 },
	{ "subject_match_field", S_ENT, RS | SF_MULTI | SF_PROP | SF_INTERN,
	    NULL, 0, 0 },
	{ "object_match_field", S_ENT, RS | SF_MULTI | SF_PROP | SF_INTERN,
	    NULL, 0, 0 },
	{ "match_string", S_STR, SF_REC | SF_MULTI, NULL, 0, 0 },
	{ "subject_preprocessing", S_ENT, RS | SF_MULTI | SF_PROP | SF_INTERN,
	    NULL, 0, 0 },
	{ "object_preprocessing", S_ENT, RS | SF_MULTI | SF_PROP | SF_INTERN,
	    NULL, 0, 0 },
	{ "similarity_score", S_DBL, SF_REC | SF_INTERN, NULL, 0.0, 1.0 },
	{ "similarity_measure", S_STR, RS | SF_PROP | SF_INTERN, NULL, 0, 0 },
	{ "see_also", S_URI, RS | SF_MULTI, NULL, 0, 0 },
	{ "issue_tracker_item", S_ENT, SF_REC, NULL, 0, 0 },
	{ "other", S_STR, RS, NULL, 0, 0 },
	{ "comment", S_STR, RS, NULL, 0, 0 },
	/* MappingSet only. */
	{ "sssom_version", KIND_VERSION, SF_SET, sssom_versions, 0, 0 },
	{ "curie_map", KIND_CURIE_MAP, SF_SET, NULL, 0, 0 },
	{ "mapping_set_id", S_URI, SF_SET, NULL, 0, 0 },
	{ "mapping_set_version", S_STR, SF_SET, NULL, 0, 0 },
	{ "mapping_set_source", S_URI, SF_SET | SF_MULTI, NULL, 0, 0 },
	{ "mapping_set_title", S_STR, SF_SET, NULL, 0, 0 },
	{ "mapping_set_description", S_STR, SF_SET, NULL, 0, 0 },
	{ "mapping_set_confidence", S_DBL, SF_SET, NULL, 0.0, 1.0 },
	{ "issue_tracker", S_URI, SF_SET, NULL, 0, 0 },
	{ "extension_definitions", KIND_EXT_DEFS, SF_SET | SF_MULTI, NULL, 0,
	    0 },
};
#endif

/* The slots of the MappingSet class in the schema's order, which is the
 * order of the canonical metadata block (where curie_map comes first). */
static const int set_order[] = { SL_SSSOM_VERSION, SL_CURIE_MAP,
	SL_MAPPING_SET_ID, SL_MAPPING_SET_VERSION, SL_MAPPING_SET_SOURCE,
	SL_MAPPING_SET_TITLE, SL_MAPPING_SET_DESCRIPTION,
	SL_MAPPING_SET_CONFIDENCE, KLL_SLOT_CREATOR_ID, KLL_SLOT_CREATOR_LABEL,
	KLL_SLOT_LICENSE, KLL_SLOT_SUBJECT_TYPE, KLL_SLOT_SUBJECT_SOURCE,
	KLL_SLOT_SUBJECT_SOURCE_VERSION, KLL_SLOT_OBJECT_TYPE,
	KLL_SLOT_OBJECT_SOURCE, KLL_SLOT_OBJECT_SOURCE_VERSION,
	KLL_SLOT_PREDICATE_TYPE, KLL_SLOT_MAPPING_PROVIDER,
	KLL_SLOT_CARDINALITY_SCOPE, KLL_SLOT_MAPPING_TOOL,
	KLL_SLOT_MAPPING_TOOL_ID, KLL_SLOT_MAPPING_TOOL_VERSION,
	KLL_SLOT_MAPPING_DATE, KLL_SLOT_PUBLICATION_DATE,
	KLL_SLOT_SUBJECT_MATCH_FIELD, KLL_SLOT_OBJECT_MATCH_FIELD,
	KLL_SLOT_SUBJECT_PREPROCESSING, KLL_SLOT_OBJECT_PREPROCESSING,
	KLL_SLOT_SIMILARITY_MEASURE, KLL_SLOT_CURATION_RULE,
	KLL_SLOT_CURATION_RULE_TEXT, KLL_SLOT_SEE_ALSO, SL_ISSUE_TRACKER,
	KLL_SLOT_OTHER, KLL_SLOT_COMMENT, SL_EXTENSION_DEFINITIONS };

/* The SEMAPV terms that mapping_justification allows (the schema's
 * pattern), without their "semapv:" prefix. */
static const char *const justifications[] = { "MappingReview",
	"ManualMappingCuration", "LogicalReasoning", "LexicalMatching",
	"CompositeMatching", "UnspecifiedMatching",
	"SemanticSimilarityThresholdMatching",
	"LexicalSimilarityThresholdMatching", "MappingChaining",
	"MappingInversion", "StructuralMatching", "InstanceBasedMatching",
	"BackgroundKnowledgeBasedMatching", NULL };

/* The prefixes every SSSOM set may use without declaring them. */
static const char *const builtin_prefixes[][2] = {
	{ "linkml", "https://w3id.org/linkml/" },
	{ "owl", "http://www.w3.org/2002/07/owl#" },
	{ "rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#" },
	{ "rdfs", "http://www.w3.org/2000/01/rdf-schema#" },
	{ "semapv", "https://w3id.org/semapv/vocab/" },
	{ "skos", "http://www.w3.org/2004/02/skos/core#" },
	{ "sssom", "https://w3id.org/sssom/" },
	{ "xsd", "http://www.w3.org/2001/XMLSchema#" },
};
#define NBUILTIN (sizeof(builtin_prefixes) / sizeof(builtin_prefixes[0]))

/* Columns of SSSOM before 1.0 (spec-formats-tsv, "Compatibility with
 * pre-1.0 versions").  match_type "Logical" is mapped to the SEMAPV term
 * that exists, semapv:LogicalReasoning. */
static const struct enumval match_types[] = { { "Lexical",
	                                          "semapv:LexicalMatching" },
	{ "Logical", "semapv:LogicalReasoning" },
	{ "HumanCurated", "semapv:ManualMappingCuration" },
	{ "Complex", "semapv:CompositeMatching" },
	{ "Unspecified", "semapv:UnspecifiedMatching" },
	{ "SemanticSimilarity", "semapv:SemanticSimilarityThresholdMatching" },
	{ NULL, NULL } };

static const struct enumval match_term_types[] = {
	{ "ConceptMatch", "skos concept" }, { "ClassMatch", "owl class" },
	{ "ObjectPropertyMatch", "owl object property" },
	{ "IndividualMatch", "owl named individual" },
	{ "DataPropertyMatch", "owl data property" },
	{ "TermMatch", "rdfs literal" }, { NULL, NULL }
};

#endif
