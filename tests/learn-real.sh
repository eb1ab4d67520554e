#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# kll-map learn on real data.  SCB's job titles coded in both SSYK 2012
# and ISCO-08 (the Grunden sheet, counted per pair in mappings/src/):
# learnt with --pairs, the key holds exactly SCB's 672 pairs; the audit of
# the shipped key finds exactly the 5 pairs of titles SCB's key lacks and
# the 2 pairs of the key no title gives, and contradicts none of its
# predicates, where the key of shapes alone has one contradicted.  With
# the public data folder ($SHARED_DATA, default ../shared/data) also: the
# same from the 8 618 title rows themselves, and a SUN 2020 field to
# SeQF level key learnt from MYH's 1 272 applications for programmes.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${KLL_BIN:-$top/build/bin}
data=${SHARED_DATA:-$top/../shared/data}
cd "$top" || exit 2
PATH=$bin:$PATH
export KLL_PATH=$top/vocab LC_ALL=C
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0
no() { echo "FAIL learn-real: $*"; fail=$((fail + 1)); }
ok() { n=$((n + 1)); }

key=mappings/ssyk-2012_isco-08.sssom.tsv
table=mappings/src/ssyk-2012_isco-08.csv
evidence=mappings/src/ssyk-2012_isco-08.evidence.csv
cols='--subject-column=ssyk2012 --object-column=isco08 --extra-column=isco08_cell_as_published'
# The pairs of a key as "SSYK ISCO" lines, sorted.
key_pairs() {
	grep -v '^#' "$1" | awk -F'\t' 'NR > 1 { sub(/^ssyk2012:/, "", $1);
	    sub(/^isco08:C/, "", $4); print $1, $4 }' | sort
}
tail -n +2 "$table" | cut -d, -f1,2 | tr , ' ' | sort > "$tmp/scb"
[ "$(wc -l < "$tmp/scb")" -eq 672 ] || no "the key table has not 672 pairs"

# Learnt with --pairs: exactly SCB's pairs, and it checks clean.
kll-map learn -q -s ssyk-2012 -t isco-08 $cols --count-column=titles \
    --min-count=1 --pairs="$table" -o "$tmp/pairs.tsv" "$evidence" ||
	no "learn --pairs fails"
key_pairs "$tmp/pairs.tsv" > "$tmp/got"
cmp -s "$tmp/got" "$tmp/scb" && ok ||
	no "learn --pairs has not exactly SCB's 672 pairs"
kll-map check -q "$tmp/pairs.tsv" 2>/dev/null && ok ||
	no "kll-map check finds errors in the learnt key"

# Without --pairs: the 675 pairs of the titles, 670 of them SCB's.
kll-map learn -q -s ssyk-2012 -t isco-08 $cols --count-column=titles \
    --min-count=1 -o "$tmp/all.tsv" "$evidence" || no "learn fails"
key_pairs "$tmp/all.tsv" > "$tmp/got"
[ "$(wc -l < "$tmp/got")" -eq 675 ] &&
    [ "$(comm -12 "$tmp/got" "$tmp/scb" | wc -l)" -eq 670 ] && ok ||
	no "the learnt key has not 675 pairs, 670 of them SCB's"

# The audit of the shipped key.
audit() { # key evidence [option]
	kll-map learn $cols --min-count=1 --key="$1" ${3:+"$3"} "$2" \
	    > "$tmp/out" 2> "$tmp/err"
	echo $? > "$tmp/rc"
	sed -n 's/.*: \([0-9]*\) and \([0-9]*\): .*\[learn-not-in-key\]$/\1 \2/p' \
	    "$tmp/err" | sort > "$tmp/unkeyed"
	sed -n 's/.* for ssyk2012:\([0-9]*\) [^ ]* isco08:C\([0-9]*\) \[learn-no-evidence\]$/\1 \2/p' \
	    "$tmp/err" | sort > "$tmp/thin"
}
printf '%s\n' '1361 1322' '2419 1120' '2642 1349' '2652 1349' '2654 1431' \
    > "$tmp/want-unkeyed"
printf '%s\n' '1120 1420' '1732 5221' > "$tmp/want-thin"
check_audit() { # what, contradictions expected
	[ "$(cat "$tmp/rc")" = 1 ] || no "$1: exit status $(cat "$tmp/rc"), not 1"
	[ -s "$tmp/out" ] && no "$1 writes to stdout"
	cmp -s "$tmp/unkeyed" "$tmp/want-unkeyed" && ok ||
		no "$1 does not find exactly the 5 pairs only the titles have"
	cmp -s "$tmp/thin" "$tmp/want-thin" && ok ||
		no "$1 does not find exactly the 2 pairs no title gives"
	[ "$(grep -c 'learn-contradicted' "$tmp/err")" -eq "$2" ] && ok ||
		no "$1 finds $(grep -c 'learn-contradicted' "$tmp/err") contradicted predicates, not $2"
	[ "$(grep -c '^kll-map: .*error: ' "$tmp/err")" -eq $((7 + $2)) ] ||
		no "$1 finds something else"
}
audit "$key" "$evidence" --count-column=titles
check_audit "the audit of the shipped key" 0
# The key of shapes alone (kll-map import): 1362-1322 is narrowMatch
# there, but one title of 1362's nine and one of 1322's two is no share.
kll-map import -q -s ssyk-2012 -t isco-08 $cols -o "$tmp/shape.tsv" "$table"
audit "$tmp/shape.tsv" "$evidence" --count-column=titles
check_audit "the audit of the key of shapes" 1
grep -q 'ssyk2012:1362 skos:narrowMatch isco08:C1322.*skos:relatedMatch' \
    "$tmp/err" || no "the key of shapes: 1362-1322 is not contradicted"

if [ -f "$data/ssyk2012-isco08-key/ssyk2012_isco08_jobtitles_grunden.csv" ]; then
	titles=$data/ssyk2012-isco08-key/ssyk2012_isco08_jobtitles_grunden.csv
	# The title rows themselves give the shipped key's rows.
	kll-map learn -q -s ssyk-2012 -t isco-08 $cols --min-count=1 \
	    --pairs="$table" --author-label='Statistiska centralbyrån (SCB)' \
	    "$titles" | grep -v '^#' > "$tmp/rows" || no "learn from the titles fails"
	grep -v '^#' "$key" | cmp -s - "$tmp/rows" && ok ||
		no "the titles do not give the rows of the shipped key"
	audit "$key" "$titles"
	check_audit "the audit of the shipped key from the titles" 0
else
	echo "learn-real: no $data/ssyk2012-isco08-key: the title rows skipped"
fi

myh=$data/myh-yh-seqf/yh_ansokningar_2024_tabell3.csv
if [ -f "$myh" ]; then
	# Each application codes its programme's SUN 2020 field (the first
	# four of its five SUN positions) and SeQF level (columns 2 and 15).
	awk '{
		n = 0; f = ""; q = 0
		for (i = 1; i <= length($0); i++) {
			c = substr($0, i, 1)
			if (q && c == "\"" && substr($0, i + 1, 1) == "\"") {
				f = f c; i++
			} else if (c == "\"") q = !q
			else if (!q && c == ",") { v[++n] = f; f = "" }
			else f = f c
		}
		v[++n] = f
		print (NR == 1 ? "sun,seqf" : substr(v[2], 1, 4) "," v[15])
	}' "$myh" > "$tmp/myh.csv"
	kll-map learn -s sun-2020-field -t seqf -o "$tmp/myh.tsv" \
	    "$tmp/myh.csv" 2> "$tmp/err" || no "learn from MYH fails"
	grep -q ': note: 1272 rows, 100 pairs; 41 pairs seen fewer than 3 times dropped; 20 rows skipped (a code missing, or a count of 0)$' \
	    "$tmp/err" && ok || no "learn from MYH: $(cat "$tmp/err")"
	[ "$(grep -vc '^#' "$tmp/myh.tsv")" -eq 60 ] && ok ||
		no "the SUN field to SeQF key has not 59 pairs"
	grep -v '^#' "$tmp/myh.tsv" | cut -f4 | sort -u | tr '\n' ' ' |
	    grep -qx 'object_id seqf:5 seqf:6 ' && ok ||
		no "the SUN field to SeQF key names levels other than 5 and 6"
	kll-map check -q "$tmp/myh.tsv" 2>/dev/null && ok ||
		no "kll-map check finds errors in the SUN field to SeQF key"
else
	echo "learn-real: no $data/myh-yh-seqf: the MYH programmes skipped"
fi
echo "learn-real: $n passed, $fail failures"
[ $fail = 0 ]
