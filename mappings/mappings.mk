# SPDX-License-Identifier: LGPL-2.1-or-later
# mappings.mk: the options of 'kll-map import' that turn each key table
# mappings/src/FROM_TO.csv into the shipped key mappings/FROM_TO.sssom.tsv.
# Where each table comes from: mappings/src/SOURCES.md.  FROM and TO are
# the vocabulary ids of the two sides.  Only variables here.

KEY_IDS = ssyk-2012_isco-08 sni-2007_nace-2 sni-2025_nace-2.1 \
	isco-08_esco-occupations seqf_eqf

KEY_EU_REUSE = http://data.europa.eu/eli/dec/2011/833/oj
KEY_NOLIC = The source states no licence.
# SSSOM requires a licence slot: its own IRI for an unknown licence, with
# KEY_NOLIC in the description, where the source states none.
KEY_UNSPECIFIED = --license https://w3id.org/sssom/license/unspecified
# Provenance (mappings/src/SOURCES.md): a key names the one who published
# it (mapping_provider, creator_label) only when that one did; the keys
# kll derives from the structure of the codes say so (mapping_tool kll,
# creator_label kll, semapv:StructuralMatching) and name no agency.  A
# licence only where the source states one (else KEY_UNSPECIFIED).  The
# source's own date is mapping_date (SCB's key, 2016-09-05) or in the
# description.
# KLL_RELEASE: kll's own release date of the shipped keys, the one date
# not from a source: publication_date says when kll published the SSSOM
# set (XKOS needs a dcterms:issued on a correspondence).  Set here only,
# by hand at a release, never from the clock.
KLL_RELEASE = 2026-11-26
KEY_PUBLISHED = --published $(KLL_RELEASE)

KEY_BY_KLL = --meta mapping_tool=kll --meta creator_label=kll \
	--justification semapv:StructuralMatching

# The SSYK 2012 to ISCO-08 key is learnt (kll-map learn --pairs): its
# pairs are exactly SCB's key table, the predicate and confidence of each
# from SCB's own job titles coded in both classifications (sheet Grunden,
# counted per pair in KEY_EVIDENCE_...).  Job titles are no personal data,
# so every title counts (--min-count 1).
KEY_EVIDENCE_ssyk-2012_isco-08 = mappings/src/ssyk-2012_isco-08.evidence.csv
KEY_OPTS_ssyk-2012_isco-08 = $(KEY_PUBLISHED) --subject-column ssyk2012 --object-column isco08 \
	--count-column titles --min-count 1 --extra-column isco08_cell_as_published \
	$(KEY_UNSPECIFIED) \
	--title 'SSYK 2012 - ISCO-08 (unit groups)' \
	--description 'Statistics Sweden key between the unit groups of SSYK 2012 and ISCO-08 (Nyckel SSYK 2012 - ISCO-08, fyrsiffernivå), its pairs as published on 2016-09-05. Each predicate is learnt by kll from the 8 618 job titles SCB coded in both (sheet Grunden): for a pair given by n titles, of S titles of its SSYK code and O of its ISCO code, exactMatch if n/S and n/O are both at least 0.9, else narrowMatch if n/O is, else broadMatch if n/S is, else closeMatch if both are at least 0.5, else relatedMatch; n, S and O are in each row. The two pairs no title gives keep the predicate of the shape of the key. $(KEY_NOLIC)' \
	--author-label 'Statistiska centralbyrån (SCB)' \
	--provider https://www.scb.se/ --date 2016-09-05 \
	--meta 'creator_label=Statistiska centralbyrån (SCB)' \
	--meta see_also=https://www.scb.se/contentassets/0c0089cc085a45d49c1dc83923ad933a/webb_nyckel_ssyk2012_isco-08_20160905.xlsx

KEY_OPTS_sni-2007_nace-2 = $(KEY_PUBLISHED) --predicate-column relation $(KEY_BY_KLL) $(KEY_UNSPECIFIED) \
	--title 'SNI 2007 - NACE Rev. 2' \
	--description 'Derived by kll from the codes: SNI 2007 levels 1-4 are NACE Rev. 2 (exact); a fifth-level detailed group is its NACE class when it is the only one in the class (exact), else narrower than the class (broad). $(KEY_NOLIC)'

KEY_OPTS_sni-2025_nace-2.1 = $(KEY_PUBLISHED) --predicate-column relation $(KEY_BY_KLL) $(KEY_UNSPECIFIED) \
	--title 'SNI 2025 - NACE Rev. 2.1' \
	--description 'Derived by kll from the codes: SNI 2025 levels 1-4 are NACE Rev. 2.1 (exact); a fifth-level detailed group is its NACE class when it is the only one in the class (exact), else narrower than the class (broad). $(KEY_NOLIC)'

KEY_OPTS_isco-08_esco-occupations = $(KEY_PUBLISHED) --predicate-column relation \
	--license $(KEY_EU_REUSE) \
	--title 'ISCO-08 - ESCO occupations (v1.1.1)' \
	--description 'Each ESCO v1.1.1 occupation under its ISCO-08 unit group, as ESCO'"'"'s iscoGroup gives it.' \
	--provider https://esco.ec.europa.eu/ --meta 'creator_label=European Commission' \
	--meta see_also=https://esco.ec.europa.eu/en/use-esco/download

KEY_OPTS_seqf_eqf = $(KEY_PUBLISHED) --predicate-column relation $(KEY_BY_KLL) $(KEY_UNSPECIFIED) \
	--title 'SeQF - EQF' \
	--description 'Derived by kll from the level numbers: SeQF level N corresponds to EQF level N (förordning 2015:545 and Sweden'"'"'s referencing of SeQF to the EQF). $(KEY_NOLIC)'

# SSYK 2012 to ESCO occupations, through ISCO-08.  Every chain is kept:
# where kll's predicate algebra gives a predicate (exactMatch or
# narrowMatch, then the ESCO occupations' narrowMatch) the record has it;
# where it gives none (an SSYK code narrower than, or only related to,
# its ISCO unit group) the record is skos:relatedMatch with half the
# confidence and "weakened: P then Q" in its comment, so every SSYK unit
# group reaches the ESCO occupations its ISCO groups hold.  The licence is ESCO's
# reuse conditions, the only licence either source states.
COMPOSE_OPTS = --license $(KEY_EU_REUSE) \
	--id https://kll.example.org/mappings/ssyk-2012_esco-occupations \
	--meta 'mapping_set_title=SSYK 2012 - ESCO occupations (v1.1.1), through ISCO-08' \
	--meta 'mapping_set_description=The SCB key SSYK 2012 - ISCO-08 composed with the ESCO v1.1.1 occupations under their ISCO-08 unit groups. skos:narrowMatch where the algebra of kll-map compose gives it (an SSYK unit group equal to or broader than its ISCO-08 group); every other chain (an SSYK unit group narrower than, or only related to, its ISCO-08 group) is skos:relatedMatch with half the confidence and the word weakened in its comment: the occupation may lie outside the SSYK group. All 429 SSYK unit groups reach some occupation.' \
	--meta publication_date=$(KLL_RELEASE)
