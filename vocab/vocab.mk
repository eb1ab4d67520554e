# SPDX-License-Identifier: LGPL-2.1-or-later
# vocab.mk: the options of 'kll-vocab import' that turn each source table
# vocab/src/ID.csv into the shipped vocabulary vocab/ID.ttl.  Where each
# table comes from is in vocab/src/SOURCES.md.  Only variables here: the
# Makefile includes this file.

VOCAB_IDS = ssyk-2012 isco-08 sni-2007 nace-2 sni-2025 nace-2.1 \
	sun-2000-level sun-2000-field sun-2020-level sun-2020-field \
	isced-2011 isced-f-2013 seqf eqf esco-occupations esco-skills \
	esco-skill-groups

# Provenance: each scheme names the publisher and the source page its
# data folder's SOURCE.md gives, the version the source gives, and a
# licence only where the source states one; where it states none, the
# description says so (VOCAB_NOLIC_*).  No source gives an issue date, so
# no scheme has dcterms:issued.  vocab/src/SOURCES.md has the details.
VOCAB_EU_REUSE = http://data.europa.eu/eli/dec/2011/833/oj
VOCAB_SCB      = --publisher 'Statistiska centralbyrån (SCB)'
VOCAB_NOLIC_SV = Källan anger ingen licens.
VOCAB_NOLIC_EN = The source states no licence.
# ESCO: the European Commission's download page; ESCO states its reuse
# conditions (Commission Decision 2011/833/EU).
VOCAB_ESCO     = --version 'v1.1.1' --lang en \
	--source https://esco.ec.europa.eu/en/use-esco/download \
	--license $(VOCAB_EU_REUSE) --rights 'ESCO © European Union' \
	--publisher 'European Commission'

# Codes of one to four digits, one digit a level (SSYK, ISCO).
VOCAB_PAT_4DIGIT = --pattern '1=[0-9]' --pattern '2=[0-9]{2}' \
	--pattern '3=[0-9]{3}' --pattern '4=[0-9]{4}'

# NACE and SNI: section letter, division, group, class, SNI detailed group.
VOCAB_PAT_NACE = --pattern '2=[0-9]{2}' --pattern '3=[0-9]{2}\.[0-9]' \
	--pattern '4=[0-9]{2}\.[0-9]{2}'
VOCAB_PAT_SNI5 = --pattern '5=[0-9]{2}\.[0-9]{3}'

VOCAB_LN_NACE = --level-name '1=en=Section' --level-name '2=en=Division' \
	--level-name '3=en=Group' --level-name '4=en=Class'
VOCAB_LN_SNI = --level-name '1=sv=Avdelning' --level-name '2=sv=Huvudgrupp' \
	--level-name '3=sv=Grupp' --level-name '4=sv=Undergrupp' \
	--level-name '5=sv=Detaljgrupp' $(VOCAB_LN_NACE) \
	--level-name '5=en=Subclass'

# SUN: the level names as SCB's SUN workbooks head their columns.
VOCAB_SUN_DESC = --description 'sv=$(VOCAB_NOLIC_SV)' \
	--description 'en=$(VOCAB_NOLIC_EN)'
VOCAB_SUN_LEVEL = --lang sv $(VOCAB_SCB) $(VOCAB_SUN_DESC) \
	--source https://www.scb.se/dokumentation/klassifikationer-och-standarder/svensk-utbildningsnomenklatur-sun/ \
	--level-name '1=sv=Nivå 1-siffer' --level-name '2=sv=Nivå 2-siffer' \
	--level-name '3=sv=Nivå 3-siffer' \
	--pattern '1=[0-9]' --pattern '2=[0-9]{2}' --pattern '3=[0-9]{3}'
VOCAB_SUN_FIELD = --lang sv $(VOCAB_SCB) $(VOCAB_SUN_DESC) \
	--source https://www.scb.se/dokumentation/klassifikationer-och-standarder/svensk-utbildningsnomenklatur-sun/ \
	--level-name '1=sv=Huvudinriktning, 1-siffernivå' \
	--level-name '2=sv=Huvudinriktning, 2-siffernivå' \
	--level-name '3=sv=Ämnesinriktning, 3-siffernivå' \
	--level-name '4=sv=Huvudinriktning, 4-siffernivå (positioner)' \
	--pattern '1=[0-9]' --pattern '2=[0-9]{2}' --pattern '3=[0-9]{3}' \
	--pattern '4=[0-9]{3}[a-z]'

VOCAB_ESCO_UUID = [0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}

IMPORT_OPTS_ssyk_2012 = --id ssyk-2012 \
	--title 'sv=Standard för svensk yrkesklassificering 2012' \
	--title 'en=Swedish Standard Classification of Occupations 2012' \
	--description 'sv=Yrkesklassifikation i fyra nivåer, byggd på ISCO-08. $(VOCAB_NOLIC_SV)' \
	--description 'en=The Swedish classification of occupations in four levels, based on ISCO-08. $(VOCAB_NOLIC_EN)' \
	--version 'SSYK 2012' --lang sv,en $(VOCAB_SCB) \
	--source https://www.scb.se/dokumentation/klassifikationer-och-standarder/standard-for-svensk-yrkesklassificering-ssyk/ \
	--level-name '1=sv=Yrkesområde' --level-name '1=en=Major group' \
	--level-name '2=sv=Huvudgrupp' --level-name '2=en=Sub-major group' \
	--level-name '3=sv=Yrkesgrupp' --level-name '3=en=Minor group' \
	--level-name '4=sv=Undergrupp' --level-name '4=en=Unit group' \
	$(VOCAB_PAT_4DIGIT)

IMPORT_OPTS_isco_08 = --id isco-08 \
	--title 'en=International Standard Classification of Occupations 2008 (ISCO-08)' \
	--description 'en=ISCO-08 as ESCO v1.1.1 publishes it: major, sub-major, minor and unit groups with their descriptions. ISCO-08 is the ILO'"'"'s; the licence is ESCO'"'"'s, for its edition.' \
	--version 'ESCO v1.1.1' --lang en \
	--scheme-iri http://data.europa.eu/esco/concept-scheme/isco \
	--license $(VOCAB_EU_REUSE) \
	--source https://esco.ec.europa.eu/en/use-esco/download \
	--rights 'ISCO-08 © International Labour Organization (ILO); ESCO © European Union' \
	--publisher 'International Labour Organization (ILO); ESCO edition: European Commission' \
	--level-name '1=en=Major group' --level-name '2=en=Sub-major group' \
	--level-name '3=en=Minor group' --level-name '4=en=Unit group' \
	$(VOCAB_PAT_4DIGIT)

IMPORT_OPTS_sni_2007 = --id sni-2007 \
	--title 'sv=Svensk näringsgrensindelning 2007' \
	--title 'en=Swedish Standard Industrial Classification 2007' \
	--description 'sv=SNI 2007: NACE Rev. 2 på fyra nivåer och en svensk femte nivå (detaljgrupp). $(VOCAB_NOLIC_SV)' \
	--description 'en=SNI 2007: NACE Rev. 2 on four levels and a Swedish fifth level (detailed group); English labels (Eurostat'"'"'s NACE Rev. 2 headings) on levels 1-4 only. $(VOCAB_NOLIC_EN)' \
	--version 'SNI 2007' --lang sv $(VOCAB_SCB) \
	--source https://www.scb.se/contentassets/d43b798da37140999abf883e206d0545/sni2007.xlsx \
	$(VOCAB_LN_SNI) --pattern '1=[A-U]' $(VOCAB_PAT_NACE) $(VOCAB_PAT_SNI5)

IMPORT_OPTS_nace_2 = --id nace-2 \
	--title 'en=Statistical classification of economic activities in the European Community, Rev. 2 (NACE Rev. 2)' \
	--description 'en=The sections, divisions, groups and classes of NACE Rev. 2: the codes of SNI 2007 levels 1-4 (SCB), with Eurostat'"'"'s English headings. $(VOCAB_NOLIC_EN)' \
	--version 'Rev. 2' --lang en --publisher Eurostat \
	--source https://ec.europa.eu/eurostat/web/nace \
	$(VOCAB_LN_NACE) --pattern '1=[A-U]' $(VOCAB_PAT_NACE)

IMPORT_OPTS_sni_2025 = --id sni-2025 \
	--title 'sv=Svensk näringsgrensindelning 2025' \
	--title 'en=Swedish Standard Industrial Classification 2025' \
	--description 'sv=SNI 2025: NACE Rev. 2.1 på fyra nivåer och en svensk femte nivå (detaljgrupp). $(VOCAB_NOLIC_SV)' \
	--description 'en=SNI 2025: NACE Rev. 2.1 on four levels and a Swedish fifth level (detailed group); English labels (Eurostat'"'"'s NACE Rev. 2.1 headings) on levels 1-4 only. $(VOCAB_NOLIC_EN)' \
	--version 'SNI 2025' --lang sv $(VOCAB_SCB) --source https://www.scb.se/sni \
	$(VOCAB_LN_SNI) --pattern '1=[A-V]' $(VOCAB_PAT_NACE) $(VOCAB_PAT_SNI5)

IMPORT_OPTS_nace_2.1 = --id nace-2.1 \
	--title 'en=Statistical classification of economic activities in the European Community, Rev. 2.1 (NACE Rev. 2.1)' \
	--description 'en=The sections, divisions, groups and classes of NACE Rev. 2.1: the codes of SNI 2025 levels 1-4 (SCB), with Eurostat'"'"'s English headings. $(VOCAB_NOLIC_EN)' \
	--version 'Rev. 2.1' --lang en --publisher Eurostat \
	--source https://ec.europa.eu/eurostat/web/nace \
	$(VOCAB_LN_NACE) --pattern '1=[A-V]' $(VOCAB_PAT_NACE)

IMPORT_OPTS_sun_2000_level = --id sun-2000-level \
	--title 'sv=Svensk utbildningsnomenklatur SUN 2000: utbildningsnivå' \
	--title 'en=Swedish Standard Classification of Education SUN 2000: level of education' \
	--version 'SUN 2000' $(VOCAB_SUN_LEVEL)

IMPORT_OPTS_sun_2000_field = --id sun-2000-field \
	--title 'sv=Svensk utbildningsnomenklatur SUN 2000: utbildningsinriktning' \
	--title 'en=Swedish Standard Classification of Education SUN 2000: field of education' \
	--version 'SUN 2000' $(VOCAB_SUN_FIELD)

IMPORT_OPTS_sun_2020_level = --id sun-2020-level \
	--title 'sv=Svensk utbildningsnomenklatur SUN 2020: utbildningsnivå' \
	--title 'en=Swedish Standard Classification of Education SUN 2020: level of education' \
	--version 'SUN 2020' $(VOCAB_SUN_LEVEL)

IMPORT_OPTS_sun_2020_field = --id sun-2020-field \
	--title 'sv=Svensk utbildningsnomenklatur SUN 2020: utbildningsinriktning' \
	--title 'en=Swedish Standard Classification of Education SUN 2020: field of education' \
	--version 'SUN 2020' $(VOCAB_SUN_FIELD)

IMPORT_OPTS_isced_2011 = --id isced-2011 \
	--title 'en=International Standard Classification of Education 2011 (ISCED 2011)' \
	--description 'en=ISCED 2011 levels of education with their categories and sub-categories (three-digit codes), as Statistics Norway'"'"'s KLASS (version 3426) publishes them. $(VOCAB_NOLIC_EN)' \
	--version 'ISCED 2011' --lang en \
	--publisher 'UNESCO Institute for Statistics (UIS)' \
	--source https://uis.unesco.org/en/topic/international-standard-classification-education-isced \
	--level-name '1=en=Level' --level-name '2=en=Category' \
	--level-name '3=en=Sub-category' \
	--pattern '1=[0-9]' --pattern '2=[0-9]{2}' --pattern '3=[0-9]{3}'

IMPORT_OPTS_isced_f_2013 = --id isced-f-2013 \
	--title 'en=International standard classification of education: fields of education and training 2013 (ISCED-F 2013)' \
	--description 'en=ISCED-F 2013 broad, narrow and detailed fields, as Statistics Norway'"'"'s KLASS (version 3428) publishes them. $(VOCAB_NOLIC_EN)' \
	--version 'ISCED-F 2013' --lang en \
	--publisher 'UNESCO Institute for Statistics (UIS)' \
	--source https://uis.unesco.org/en/topic/international-standard-classification-education-isced \
	--level-name '1=en=Broad field' --level-name '2=en=Narrow field' \
	--level-name '3=en=Detailed field' \
	--pattern '1=[0-9]{2}' --pattern '2=[0-9]{3}' --pattern '3=[0-9]{4}'

IMPORT_OPTS_seqf = --id seqf \
	--title 'sv=Sveriges referensram för kvalifikationer för livslångt lärande (SeQF)' \
	--title 'en=Swedish Qualifications Framework (SeQF)' \
	--description 'sv=De åtta nivåerna i förordning (2015:545) om referensram för kvalifikationer för livslångt lärande. $(VOCAB_NOLIC_SV)' \
	--description 'en=The eight levels of the Swedish ordinance (2015:545) on a qualifications framework for lifelong learning. $(VOCAB_NOLIC_EN)' \
	--lang sv,en --publisher 'Myndigheten för yrkeshögskolan (MYH)' \
	--source https://www.seqf.se/ --pattern '1=[1-8]'

IMPORT_OPTS_eqf = --id eqf \
	--title 'en=European Qualifications Framework (EQF)' \
	--description 'en=The eight levels of the European Qualifications Framework (Council Recommendation 2017/C 189/03). $(VOCAB_NOLIC_EN)' \
	--lang en --scheme-iri http://data.europa.eu/snb/eqf/25831c2 \
	--publisher 'European Commission' \
	--source http://data.europa.eu/snb/eqf/25831c2 --pattern '1=[1-8]'

# ESCO's occupations and skills are hierarchies without levels: ESCO
# defines none (an occupation's depth below its ISCO-08 unit group is no
# level, and a skill can have broader skills at different depths).  The
# patterns check every code at import.
IMPORT_OPTS_esco_occupations = --id esco-occupations --no-levels \
	--title 'en=ESCO Occupations' \
	--description 'en=A taxonomy of the occupations in ESCO' \
	--scheme-iri http://data.europa.eu/esco/concept-scheme/occupations \
	$(VOCAB_ESCO) --pattern '1=[0-9]{4}(\.[0-9]+){1,4}' \
	--pattern '2=[0-9]{4}(\.[0-9]+){1,4}' \
	--pattern '3=[0-9]{4}(\.[0-9]+){1,4}' \
	--pattern '4=[0-9]{4}(\.[0-9]+){1,4}'

IMPORT_OPTS_esco_skills = --id esco-skills --no-levels \
	--title 'en=ESCO skills' \
	--description 'en=A taxonomy of the skills and competences in ESCO' \
	--scheme-iri http://data.europa.eu/esco/concept-scheme/skills \
	$(VOCAB_ESCO) \
	--pattern '1=$(VOCAB_ESCO_UUID)' --pattern '2=$(VOCAB_ESCO_UUID)' \
	--pattern '3=$(VOCAB_ESCO_UUID)' --pattern '4=$(VOCAB_ESCO_UUID)' \
	--pattern '5=$(VOCAB_ESCO_UUID)' --pattern '6=$(VOCAB_ESCO_UUID)' \
	--pattern '7=$(VOCAB_ESCO_UUID)'

# The skill groups that the skills' broader links name: ESCO's skills
# hierarchy, with the four levels of ESCO's skillsHierarchy_en.csv (its
# columns "Level 0" to "Level 3").
IMPORT_OPTS_esco_skill_groups = --id esco-skill-groups \
	--title 'en=ESCO skills hierarchy' \
	--description 'en=The skill groups of ESCO: the four pillars, the groups of skills, transversal skills and language skills, and the ISCED-F 2013 fields that group knowledge.' \
	--scheme-iri http://data.europa.eu/esco/concept-scheme/skills-hierarchy \
	$(VOCAB_ESCO) \
	--level-name '1=en=Level 0' --level-name '2=en=Level 1' \
	--level-name '3=en=Level 2' --level-name '4=en=Level 3' \
	--pattern '1=[KLST]' --pattern '2=[0-9]{2}|[KLST][0-9]+' \
	--pattern '3=[0-9]{3}|[KLST][0-9]+\.[0-9]+' \
	--pattern '4=[0-9]{4}|[KLST][0-9]+(\.[0-9]+){2}'
