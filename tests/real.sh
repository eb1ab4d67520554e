#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Tests on the real shipped data: every vocabulary of vocab/ has exactly
# the concepts per level of tests/real/counts.tsv (and ESCO its totals),
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
for pair in esco-occupations:3007 esco-skills:13896; do
	id=${pair%%:*} want=${pair#*:}
	[ -f "vocab/$id.ttl" ] || continue
	n=$((n + 1))
	got=$(kll-vocab list "$id" | wc -l)
	[ "$got" -eq "$want" ] || no "$id has $got concepts, expected $want"
done
# The military codes keep their leading zero.
[ "$(kll-vocab list --level 2 ssyk-2012 | head -1 | cut -f1)" = 01 ] ||
	no "ssyk-2012: the first huvudgrupp is not 01"

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
# Composition keeps every chain: each of the 429 SSYK 2012 unit groups
# reaches some ESCO occupation, and every record that the algebra does
# not make safe says so.
n=$((n + 1))
got=$(awk -F'\t' '/^#/ || $1 == "subject_id" { next } { u[$1] = 1 }
    END { print length(u) }' mappings/ssyk-2012_esco-occupations.sssom.tsv)
[ "$got" -eq 429 ] ||
	no "the composed SSYK 2012 to ESCO key reaches $got unit groups, not 429"
bad=$(awk -F'\t' '/^#/ { next }
    $1 == "subject_id" { for (i = 1; i <= NF; i++) col[$i] = i; next }
    $col["comment"] ~ /weakened/ && ($col["predicate_id"] != "skos:relatedMatch" ||
        $col["confidence"] != 0.5) { n++ }
    END { print n + 0 }' mappings/ssyk-2012_esco-occupations.sssom.tsv)
[ "$bad" -eq 0 ] ||
	no "$bad weakened records of the composed key are not relatedMatch 0.5"
echo "real: $n vocabularies, $fail failures"
[ $fail = 0 ]
