/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* rules.c: every rule id the library reports, in one registry.  The
 * vocabulary checks (vocab_check.c) and the key checks (map_check.c)
 * keep their own tables, in the order their findings come out; the ids
 * of the readers, the importers, compose, invert, apply, export, learn
 * and publish are written where they are reported and listed here, so
 * that --help, the manual pages and tests/unit/test_rules.c (which
 * checks this list against the sources) can name them all.  Where a
 * rule has two severities, the table gives the higher. */
#include <string.h>

#include "internal.h"

#define E KLL_SEV_ERROR
#define W KLL_SEV_WARNING
#define I KLL_SEV_INFO

static const kll_check_rule others[] = {
	/* What ends the reading of a file, when the error names no rule of
	 * its own (error.c, kll_error_rule). */
	{ "input-unreadable", E, "a file that cannot be opened or read" },
	{ "input-not-found", E, "no such file, vocabulary id or scheme IRI" },
	{ "input-encoding", E, "a file that is not UTF-8" },
	{ "input-syntax", E,
	    "a file that does not parse (Turtle, RDF/XML, YAML, TSV)" },
	{ "input-invalid", E, "a file the reader refuses as a whole" },
	{ "input-out-of-memory", E,
	    "a file too large for the memory there is" },
	/* The SSSOM/TSV reader (sssom*.c). */
	{ "sssom-syntax", E, "not SSSOM/TSV: bad YAML metadata or header" },
	/* The readers of keys in other formats (map_load.c and others). */
	{ "sssom-json-syntax", E, "JSON that RFC 8259 does not allow" },
	{ "sssom-rdf-syntax", E, "RDF that does not parse" },
	{ "sssom-json-not-object", E,
	    "SSSOM/JSON or a JSKOS mapping that is not an object" },
	{ "sssom-json-bad-type", E,
	    "a JSON value of the wrong type for its slot" },
	{ "sssom-bad-value", E, "a value the SSSOM model refuses" },
	{ "sssom-no-mapping", E, "no mappings, or a mapping without members" },
	{ "sssom-bad-column-count", E,
	    "a row with more or fewer fields than the header" },
	{ "sssom-bare-quote", W, "a quote inside an unquoted field" },
	{ "sssom-unknown-column", W, "a column that is no SSSOM slot" },
	{ "sssom-unknown-slot", W, "a metadata key that is no SSSOM slot" },
	{ "sssom-unknown-ignore", W, "a word of kll_ignore that is no rule id" },
	{ "sssom-missing-slot", E, "a record without a required slot" },
	{ "sssom-missing-set-slot", W,
	    "the set lacks mapping_set_id or license" },
	{ "sssom-not-multivalued", E, "a list given to a single-valued slot" },
	{ "sssom-bad-curie", E, "a value that is no CURIE" },
	{ "sssom-iri-not-curie", E, "a full IRI where a CURIE is required" },
	{ "sssom-undeclared-prefix", E,
	    "a CURIE whose prefix curie_map lacks" },
	{ "sssom-bad-prefix", E, "a bad or clashing curie_map entry" },
	{ "sssom-redefined-prefix", E,
	    "a built-in prefix given another expansion" },
	{ "sssom-bad-date", E, "a date that is not YYYY-MM-DD" },
	{ "sssom-bad-enum", E, "a value outside the slot's enumeration" },
	{ "sssom-enum-curie", W,
	    "an enumeration value written as a CURIE (read as the value)" },
	{ "sssom-bad-version", W, "an unknown sssom_version" },
	{ "sssom-bad-justification", E,
	    "a mapping_justification that is no semapv term" },
	{ "sssom-bad-uri", E, "a value that is no absolute URI" },
	{ "sssom-bad-confidence", E, "a confidence outside 0 to 1" },
	{ "sssom-bad-number", E, "a value that is no number" },
	{ "sssom-bad-match-type", E, "an unknown match_type" },
	{ "sssom-bad-extension", W, "a bad extension_definitions entry" },
	/* The readers' limits (csv.c, sssom_read.c, sssom_meta.c). */
	{ "limit-line", E, "a line or record longer than the reader takes" },
	{ "limit-field", E, "a field longer than the reader takes" },
	{ "limit-columns", E,
	    "a record with more fields than the reader takes" },
	{ "limit-yaml-depth", E,
	    "metadata nested deeper than the reader takes" },
	{ "limit-metadata-size", E, "more metadata than the reader takes" },
	{ "limit-metadata-keys", E,
	    "more metadata keys than the reader takes" },
	{ "limit-prefixes", E,
	    "more curie_map prefixes than the reader takes" },
	/* The readers of tables in any encoding (encoding.c). */
	{ "encoding-invalid", E,
	    "a byte not valid in the table's encoding, or a NUL byte" },
	{ "encoding-utf16", E,
	    "UTF-16 or UTF-32 text without a byte-order mark or --encoding" },
	{ "encoding-bom", E,
	    "a byte-order mark at odds with --encoding, or none where "
	    "utf-16 needs one" },
	/* kll-vocab import (import.c). */
	{ "import-separator", E,
	    "the header reads as one field: wrong separator" },
	{ "import-unknown-column", E, "a column the import does not know" },
	{ "import-bad-language", E, "a bad language tag in a column name" },
	{ "import-columns", E, "a row with too few fields" },
	{ "import-no-code", E, "a row without a code" },
	{ "import-duplicate-code", E, "a code on two rows" },
	{ "import-unknown-parent", E, "a parent code that no row has" },
	{ "import-cycle", E, "a code on a cycle of parents" },
	{ "import-too-deep", E, "a hierarchy deeper than the import takes" },
	{ "import-bad-level", E, "a level that is no number from 1" },
	{ "import-level-depth", E, "a level that differs from the depth" },
	{ "import-missing-language", E, "no label in a required language" },
	{ "import-missing-label", E, "a concept without a label" },
	{ "import-notation-pattern", E,
	    "a code that does not match its level's pattern" },
	{ "import-unknown-replacement", E, "a replacement code no row has" },
	{ "import-bad-iri", E, "a concept IRI that is no absolute IRI" },
	{ "import-duplicate-iri", E, "an IRI given to two concepts" },
	/* kll-map import and learn (mapimport.c, map_learn.c); the other
	 * map-* rules they use are the key check's. */
	{ "map-separator", E,
	    "the header reads as one field: wrong separator" },
	{ "map-unknown-column", E, "a column the import does not know" },
	{ "map-columns", E, "a row with too few fields" },
	{ "map-no-subject", E, "a row without a subject or object code" },
	{ "learn-bad-count", E, "a count that is no whole number" },
	{ "learn-unknown-code", E, "an evidence code not in its vocabulary" },
	{ "learn-no-evidence", W, "a key pair the evidence never shows" },
	{ "learn-contradicted", W,
	    "a key predicate other than the evidence gives" },
	{ "learn-not-in-key", W, "a well-evidenced pair the key lacks" },
	/* kll-map compose, invert, apply and export (compose.c, apply.c,
	 * mapexport.c). */
	{ "compose-no-pivot", W, "a pivot concept only one of the keys maps" },
	{ "compose-unknown-predicate", E,
	    "a predicate outside the composition algebra" },
	{ "compose-no-meet", E, "the two keys share no pivot vocabulary" },
	{ "compose-license", E,
	    "the two keys' licenses differ and none was given" },
	{ "invert-no-inverse", E, "a predicate without an inverse" },
	{ "apply-multi", E, "a code with several targets (--multi=fail)" },
	{ "apply-unmapped", E,
	    "a code the key does not map (--unmapped=fail)" },
	{ "apply-duplicate-column", E,
	    "an output header that names a column twice, or a column name "
	    "the header has twice" },
	{ "apply-bad-byte", W,
	    "a byte not valid in the table's encoding, passed through in a "
	    "column not recoded" },
	{ "export-extension", I, "an extension slot left out of the export" },
	{ "export-negated", I, "a negated mapping left out of the export" },
	{ "export-no-term", I, "a mapping to a literal left out (SKOS)" },
	{ "export-literal", I, "a literal mapping left out of the export" },
	{ "export-no-title", W, "XKOS needs a title the set lacks" },
	{ "export-no-issued", W, "XKOS needs a date the set lacks" },
	{ "export-no-source", W, "XKOS needs a source the set lacks" },
	/* kll-map fmt, merge and dedupe (map_fmt.c, map_merge.c,
	 * map_dedupe.c); dedupe's contradictions are map-contradiction. */
	{ "map-fmt-no-prefix", E,
	    "an IRI that no prefix of the curie_map turns into a CURIE" },
	{ "map-merge-prefix", E, "a prefix bound to two IRIs in merged keys" },
	{ "map-merge-meta", E, "a set slot with two values in merged keys" },
	{ "map-merge-row", E,
	    "one mapping with other slots differing in merged keys" },
	{ "map-dedupe-unranked", E,
	    "a pair with a predicate dedupe cannot rank beside another" },
	/* kll-publish (publish.c, pubconfig.c, dcat.c). */
	{ "publish-config-syntax", E,
	    "a configuration line that does not parse" },
	{ "publish-unknown-key", E, "an unknown configuration key" },
	{ "publish-bad-value", E, "a bad configuration value" },
	{ "publish-repeated-key", E, "a configuration key given twice" },
	{ "publish-missing", E, "a value DCAT-AP-SE requires is missing" },
	{ "publish-recommended", W,
	    "a value DCAT-AP-SE recommends is missing" },
	{ "publish-license", W, "a dataset without a license" },
	{ "publish-unsafe-link", E, "a link that is no http(s) IRI" },
	{ "publish-unused", W, "a configuration key nothing uses" },
	{ "publish-no-vocab", W, "a key whose vocabulary is not published" },
	{ "publish-old-folder", W, "a file of an earlier publication left" },
	{ "publish-foreign", E,
	    "a file kll-publish did not write is in the way" },
	{ "publish-removed", I,
	    "a file kll-publish did not write removed (--clean)" },
	{ "publish-dates", E, "a date of modification before that of issue" },
};

#define NOTHERS (sizeof(others) / sizeof(others[0]))

const kll_check_rule *
kll_rule_at(size_t i)
{
	size_t n;

	for (n = 0; kll_check_rule_at(n) != NULL; n++)
		;
	if (i < n)
		return kll_check_rule_at(i);
	i -= n;
	for (n = 0; kll_mapcheck_rule_at(n) != NULL; n++)
		;
	if (i < n)
		return kll_mapcheck_rule_at(i);
	i -= n;
	return i < NOTHERS ? &others[i] : NULL;
}

const kll_check_rule *
kll_rule_find(const char *id)
{
	const kll_check_rule *r;
	size_t i;

	for (i = 0; (r = kll_rule_at(i)) != NULL; i++)
		if (strcmp(r->id, id) == 0)
			return r;
	return NULL;
}
