# SPDX-License-Identifier: LGPL-2.1-or-later
# mappings.mk: the options of 'kll-map import' that turn each key table
# mappings/src/FROM_TO.csv into the shipped key mappings/FROM_TO.sssom.tsv.
# Where each table comes from: mappings/src/SOURCES.md.  FROM and TO are
# the vocabulary ids of the two sides.  Only variables here.

KEY_IDS = ssyk-2012_isco-08 sni-2007_nace-2 sni-2025_nace-2.1 \
	isco-08_esco-occupations seqf_eqf

KEY_CC0 = http://creativecommons.org/publicdomain/zero/1.0/
KEY_EU_REUSE = http://data.europa.eu/eli/dec/2011/833/oj
# When kll published these sets (the date they were made from the data).
KEY_PUBLISHED = --published 2026-11-26

KEY_OPTS_ssyk-2012_isco-08 = $(KEY_PUBLISHED) --subject-column ssyk2012 --object-column isco08 \
	--license $(KEY_CC0) \
	--title 'SSYK 2012 - ISCO-08 (unit groups)' \
	--description 'Statistics Sweden key between the unit groups of SSYK 2012 and ISCO-08 (Nyckel SSYK 2012 - ISCO-08, fyrsiffernivå), as published on 2016-09-05; predicates from the shape of the key.' \
	--provider https://www.scb.se/ --date 2016-09-05

KEY_OPTS_sni-2007_nace-2 = $(KEY_PUBLISHED) --predicate-column relation --license $(KEY_CC0) \
	--title 'SNI 2007 - NACE Rev. 2' \
	--description 'SNI 2007 levels 1-4 are NACE Rev. 2; each fifth-level detailed group lies under its NACE class.' \
	--provider https://www.scb.se/

KEY_OPTS_sni-2025_nace-2.1 = $(KEY_PUBLISHED) --predicate-column relation --license $(KEY_CC0) \
	--title 'SNI 2025 - NACE Rev. 2.1' \
	--description 'SNI 2025 levels 1-4 are NACE Rev. 2.1; each fifth-level detailed group lies under its NACE class.' \
	--provider https://www.scb.se/

KEY_OPTS_isco-08_esco-occupations = $(KEY_PUBLISHED) --predicate-column relation \
	--license $(KEY_EU_REUSE) \
	--title 'ISCO-08 - ESCO occupations (v1.1.1)' \
	--description 'Each ESCO v1.1.1 occupation under its ISCO-08 unit group.' \
	--provider https://esco.ec.europa.eu/

KEY_OPTS_seqf_eqf = $(KEY_PUBLISHED) --predicate-column relation --license $(KEY_CC0) \
	--title 'SeQF - EQF' \
	--description 'SeQF level N corresponds to EQF level N.' \
	--provider https://www.myh.se/

# SSYK 2012 to ESCO occupations, through ISCO-08.  Every chain is kept:
# where kll's predicate algebra gives a predicate (exactMatch or
# narrowMatch, then the ESCO occupations' narrowMatch) the record has it;
# where it gives none (an SSYK code broader than, or only related to, its
# ISCO unit group) the record is skos:relatedMatch with confidence 0.5 and
# "weakened: P then Q" in its comment, so every SSYK unit group reaches
# the ESCO occupations its ISCO groups hold.  The licence is the stricter
# of the two (ESCO's reuse conditions).
COMPOSE_OPTS = --license $(KEY_EU_REUSE) \
	--id https://kll.example.org/mappings/ssyk-2012_esco-occupations \
	--meta 'mapping_set_title=SSYK 2012 - ESCO occupations (v1.1.1), through ISCO-08' \
	--meta 'mapping_set_description=The SCB key SSYK 2012 - ISCO-08 composed with the ESCO v1.1.1 occupations under their ISCO-08 unit groups. skos:narrowMatch where the algebra of kll-map compose gives it (an SSYK unit group equal to or broader than its ISCO-08 group); every other chain (an SSYK unit group narrower than, or only related to, its ISCO-08 group) is skos:relatedMatch with confidence 0.5 and the word weakened in its comment: the occupation may lie outside the SSYK group. All 429 SSYK unit groups reach some occupation.' \
	--meta publication_date=2026-11-26
