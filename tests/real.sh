#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Tests on the real shipped data: every vocabulary of vocab/ has exactly
# the concepts per level of tests/real/counts.tsv (and ESCO its totals,
# the occupations and skills no levels, every broader link of a skill a
# concept of kll),
# passes kll-vocab check with no error, is read by an independent parser
# (rapper), and regenerates byte for byte from vocab/src/; every key of
# mappings/ passes kll-map check and regenerates byte for byte.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${KLL_BIN:-$top/build/bin}
cd "$top" || exit 2
PATH=$bin:$PATH
export KLL_PATH=$top/vocab LC_ALL=C
fail=0 n=0
no() { echo "FAIL real: $*"; fail=$((fail + 1)); }

# Concepts per level.
while IFS='	' read -r id want; do
	case $id in '#'*|'') continue ;; esac
	n=$((n + 1))
	got=$(kll-vocab info "$id" | awk -F'\t' '$1 == "level" { printf "%s%s", sep, $3; sep = "/" }')
	[ "$got" = "$want" ] || no "$id has $got concepts per level, expected $want"
done < tests/real/counts.tsv
for pair in esco-occupations:3007 esco-skills:13896 esco-skill-groups:640; do
	id=${pair%%:*} want=${pair#*:}
	[ -f "vocab/$id.ttl" ] || continue
	n=$((n + 1))
	got=$(kll-vocab list "$id" | wc -l)
	[ "$got" -eq "$want" ] || no "$id has $got concepts, expected $want"
done
# ESCO defines no levels for its occupations and skills: none shipped,
# none inferred.
for id in esco-occupations esco-skills; do
	! grep -q 'xkos:ClassificationLevel' "vocab/$id.ttl" ||
		no "$id ships XKOS levels"
	! kll-vocab info "$id" | grep -q '^level' ||
		no "$id has levels"
done
# Every broader link of an ESCO skill (6565 to skills, 13448 to skill
# groups) and of a skill group names a concept that kll ships.
t=${TMPDIR:-/tmp}/real.$$
# As N-Triples (rapper), so that the Turtle layout does not matter.
nt() { for f; do rapper -q -i turtle -o ntriples "$f"; done; }
broader() {
	nt "$@" | awk '$2 == "<http://www.w3.org/2004/02/skos/core#broader>" &&
	    $3 ~ /^</ { print $3 }' | sort
}
subjects() { nt "$@" | awk '$1 ~ /^</ { print $1 }' | sort -u; }
broader vocab/esco-skills.ttl > "$t.b"
subjects vocab/esco-skill-groups.ttl > "$t.g"
subjects vocab/esco-skills.ttl vocab/esco-skill-groups.ttl > "$t.d"
got=$({ cat "$t.b"; broader vocab/esco-skill-groups.ttl; } | sort -u |
    comm -23 - "$t.d" | wc -l)
[ "$got" -eq 0 ] || no "$got broader links of ESCO skills or groups name no concept of kll"
got=$(wc -l < "$t.b")
[ "$got" -eq 20013 ] || no "the ESCO skills have $got broader links, expected 20013"
got=$(join "$t.b" "$t.g" | wc -l)
[ "$got" -eq 13448 ] || no "the ESCO skills have $got links to skill groups, expected 13448"
rm -f "$t.b" "$t.g" "$t.d"
# The military codes keep their leading zero.
[ "$(kll-vocab list --level 2 ssyk-2012 | head -1 | cut -f1)" = 01 ] ||
	no "ssyk-2012: the first huvudgrupp is not 01"
# SCB's Swedish names of the manager unit groups keep ", nivå 1" and
# ", nivå 2": no two concepts of a level share a Swedish label.
[ "$(kll-vocab list -l sv --level 4 ssyk-2012 | grep -c ', nivå [12]$')" -eq 50 ] ||
	no "ssyk-2012: not 50 unit groups named ', nivå 1' or ', nivå 2'"
! kll-vocab check ssyk-2012 2>&1 | grep "@sv.*vocab-duplicate-label" ||
	no "ssyk-2012: duplicate Swedish labels"

# Quality rules, an independent parser, and byte-identical regeneration.
for f in vocab/*.ttl; do
	if kll-vocab check --help >/dev/null 2>&1; then
		kll-vocab check -q "$f" >/dev/null 2>&1 ||
			no "kll-vocab check finds errors in $f"
	fi
	if command -v rapper >/dev/null 2>&1; then
		rapper -q -i turtle -c "$f" 2>/dev/null ||
			no "rapper cannot parse $f"
	fi
done
make -s --no-print-directory B="${bin%/bin}" vocab-verify >/dev/null ||
	no "vocab/ does not regenerate byte for byte from vocab/src/"

# The shipped keys: they pass kll-map check, and regenerate byte for byte
# from mappings/src/ (the composed one from the two it is composed of).
kll-map check -q mappings/*.sssom.tsv ||
	no "kll-map check finds errors in mappings/"
make -s --no-print-directory B="${bin%/bin}" mappings-verify >/dev/null ||
	no "mappings/ does not regenerate byte for byte from mappings/src/"
[ "$(grep -vc '^#' mappings/ssyk-2012_isco-08.sssom.tsv)" -eq 673 ] ||
	no "the SSYK 2012 to ISCO-08 key has not 672 pairs"
[ "$(grep -vc '^#' mappings/isco-08_esco-occupations.sssom.tsv)" -eq 3008 ] ||
	no "the ISCO-08 to ESCO key has not 3007 rows"
# SNI to NACE: levels 1-4 exact (the class rows too); a detailed group
# exact when it is the only one of its class (500 and 534), else broad.
for k in sni-2007_nace-2:381:615:500:321 sni-2025_nace-2.1:396:651:534:301; do
	IFS=: read -r key top cls only other <<EOF2
$k
EOF2
	got=$(awk -F'\t' '
		$1 ~ /^sni[0-9]*:[A-Z0-9]+(\.[0-9])?$/ && $3 == "skos:exactMatch" { a++ }
		$1 ~ /^sni[0-9]*:[0-9][0-9]\.[0-9][0-9]$/ && $3 == "skos:exactMatch" { b++ }
		$1 ~ /^sni[0-9]*:[0-9][0-9]\.[0-9][0-9][0-9]$/ && $3 == "skos:exactMatch" { c++ }
		$1 ~ /^sni[0-9]*:[0-9][0-9]\.[0-9][0-9][0-9]$/ && $3 == "skos:broadMatch" { d++ }
		END { printf "%d:%d:%d:%d", a, b, c, d }' "mappings/$key.sssom.tsv")
	[ "$got" = "$top:$cls:$only:$other" ] ||
		no "$key: exact on levels 1-3, 4, 5 and broad on 5 are $got, expected $top:$cls:$only:$other"
done
# Provenance: the keys kll derives say so and name no agency; the one
# date not from a source, publication_date, is kll's release date
# (KLL_RELEASE in mappings/mappings.mk), the same in every key.
for k in sni-2007_nace-2 sni-2025_nace-2.1 seqf_eqf; do
	grep -q '^#mapping_tool: kll$' "mappings/$k.sssom.tsv" ||
		no "$k does not say that kll derived it"
	! grep -q '^#mapping_provider:' "mappings/$k.sssom.tsv" ||
		no "$k names a provider"
done
got=$(grep -h '^#publication_date:' mappings/*.sssom.tsv | sort | uniq -c | awk '{ print $1 }')
[ "$got" = "$(ls mappings/*.sssom.tsv | wc -l)" ] ||
	no "the keys do not share one publication_date"
# Composition keeps every chain: each of the 429 SSYK 2012 unit groups
# reaches some ESCO occupation, and every record that the algebra does
# not make safe says so (relatedMatch, at most half the confidence).
n=$((n + 1))
got=$(awk -F'\t' '/^#/ || $1 == "subject_id" { next } { u[$1] = 1 }
    END { print length(u) }' mappings/ssyk-2012_esco-occupations.sssom.tsv)
[ "$got" -eq 429 ] ||
	no "the composed SSYK 2012 to ESCO key reaches $got unit groups, not 429"
bad=$(awk -F'\t' '/^#/ { next }
    $1 == "subject_id" { for (i = 1; i <= NF; i++) col[$i] = i; next }
    $col["comment"] ~ /weakened/ && ($col["predicate_id"] != "skos:relatedMatch" ||
        $col["confidence"] > 0.5) { n++ }
    END { print n + 0 }' mappings/ssyk-2012_esco-occupations.sssom.tsv)
[ "$bad" -eq 0 ] ||
	no "$bad weakened records of the composed key are not relatedMatch with confidence at most 0.5"
echo "real: $n vocabularies, $fail failures"
[ $fail = 0 ]
