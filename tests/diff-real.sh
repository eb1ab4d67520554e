#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# kll-diff on the real version pairs of vocab/: the codes added, removed
# and relabelled per level (facts of the two tables), and what can be
# judged of the proposed keys from the vocabularies alone: a code whose
# label survives maps to itself and nothing else (at least 99 in 100),
# SNI matched on its Swedish labels agrees with NACE matched on its
# English ones on levels 1-4 (at least 97 in 100), and the keys pass
# kll-map check.  Run with build/bin in PATH (or KLL_BIN) and
# KLL_PATH=vocab; it takes a few seconds.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${KLL_BIN:-$top/build/bin}
cd "$top" || exit 2
PATH=$bin:$PATH
export KLL_PATH=$top/vocab LC_ALL=C
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0 n=0
no() { echo "FAIL diff-real: $*"; fail=$((fail + 1)); }

# "KIND a/b/c/...": the number of changes of KIND per level.
per_level() {
	awk -F'\t' -v kind="$2" -v top="$3" '
	    NR > 1 && $1 == kind { n[$2]++ }
	    END { for (l = 1; l <= top; l++) printf "%s%d", (l > 1 ? "/" : ""), n[l] }' "$1"
}

check_counts() {	# old new levels kind=want...
	old=$1 new=$2 top=$3
	shift 3
	kll-diff --format=tsv "$old" "$new" >"$tmp/changes.tsv"
	[ $? = 1 ] || no "$old -> $new: exit status is not 1"
	for spec in "$@"; do
		n=$((n + 1))
		kind=${spec%%=*} want=${spec#*=}
		got=$(per_level "$tmp/changes.tsv" "$kind" "$top")
		[ "$got" = "$want" ] ||
			no "$old -> $new: $kind $got per level, expected $want"
	done
}

# Labels in Swedish, the language both versions have.  A code gone, or
# given to other content, while its label and narrower labels stand
# under a new code is renumbered, neither removed, added nor relabelled.
check_counts sni-2007 sni-2025 5 added=3/0/33/111/165 \
    removed=2/1/18/75/151 relabelled=4/27/67/154/150 moved=0/35/0/0/0
check_counts sun-2000-field sun-2020-field 4 added=0/0/2/36 \
    removed=0/0/1/10 relabelled=1/3/12/99 moved=0/0/0/0
check_counts sun-2000-level sun-2020-level 3 added=0/0/0 removed=0/0/0 \
    relabelled=4/10/44

# SNI 2025 moved sections K-U to L-V.  Seven kept their label (in
# Swedish or English) and the labels of their divisions: renumbered
# codes.  M, N and S kept their Swedish label but not all their
# divisions' labels, and R took a new label: the matching pairs them, the
# codes do not.  G (repair of vehicles went to T) is relabelled, and
# J was split into J and K.
n=$((n + 1))
kll-diff --level=1 --format=tsv sni-2007 sni-2025 >"$tmp/sni-1.tsv"
got=$(awk -F'\t' '$1 == "renumbered" || $1 == "relabelled" ||
    $1 == "removed" || $1 == "added" { printf "%s%s:%s>%s", sep, $1, $3, $4; sep = " " }' \
    "$tmp/sni-1.tsv")
want="added:>K added:>O added:>T removed:M> removed:R> relabelled:G>G"
want="$want relabelled:J>J relabelled:N>N relabelled:S>S renumbered:K>L"
want="$want renumbered:L>M renumbered:M>N renumbered:N>O renumbered:O>P"
want="$want renumbered:P>Q renumbered:Q>R renumbered:R>S renumbered:S>T"
want="$want renumbered:T>U renumbered:U>V"
[ "$got" = "$want" ] || no "sni-2007 -> sni-2025 level 1: $got"
# Every line in one language.
n=$((n + 1))
langs=$(kll-diff --format=tsv sni-2007 sni-2025 |
    awk -F'\t' 'NR > 1 && $1 != "moved" { print $5 }' | sort -u | tr '\n' ' ')
[ "$langs" = "sv " ] || no "sni-2007 -> sni-2025: lines in languages $langs"
langs=$(kll-diff --format=tsv --lang=en sni-2007 sni-2025 |
    awk -F'\t' 'NR > 1 && $1 != "moved" { print $5 }' | sort -u | tr '\n' ' ')
[ "$langs" = "en " ] || no "sni-2007 -> sni-2025 --lang=en: lines in $langs"

# A code whose label survives (in its first language) maps to itself
# alone, exactly.
survivors() {	# old new lang key
	kll-vocab list -l "$3" "$1" | sort >"$tmp/a"
	kll-vocab list -l "$3" "$2" | sort >"$tmp/b"
	comm -12 "$tmp/a" "$tmp/b" | cut -f1 >"$tmp/same"
	awk -F'\t' '
	    FNR == NR { same[$1] = 1; next }
	    /^#/ || $1 == "subject_id" { next }
	    { s = $1; o = $4; sub(/^[^:]*:/, "", s); sub(/^[^:]*:/, "", o)
	      if (!(s in same)) next
	      rows[s]++; if (o == s && $3 == "skos:exactMatch") ok[s] = 1 }
	    END { for (c in same) { total++; if (ok[c] && rows[c] == 1) good++ }
	          printf "%d %d\n", good, total }' "$tmp/same" "$4"
}

for pair in sni-2007:sni-2025:sv nace-2:nace-2.1:en \
    sun-2000-field:sun-2020-field:sv sun-2000-level:sun-2020-level:sv; do
	old=${pair%%:*} rest=${pair#*:}
	new=${rest%%:*} lang=${rest#*:}
	n=$((n + 1))
	if ! kll-diff --key --license=http://creativecommons.org/publicdomain/zero/1.0/ \
	    "$old" "$new" >"$tmp/$old.sssom.tsv"; then
		no "$old -> $new: kll-diff --key fails"
		continue
	fi
	set -- $(survivors "$old" "$new" "$lang" "$tmp/$old.sssom.tsv")
	[ "$2" -gt 0 ] && [ $(($1 * 100)) -ge $(($2 * 99)) ] ||
		no "$old -> $new: $1 of $2 surviving labels map to themselves alone"
	if kll-map check --help >/dev/null 2>&1; then
		kll-map check -q "$tmp/$old.sssom.tsv" ||
			no "$old -> $new: kll-map check finds errors in the key"
	fi
done

# SNI 2007 -> 2025 on Swedish labels and NACE Rev. 2 -> 2.1 on English
# ones describe one revision of levels 1-4 twice, independently.
n=$((n + 1))
kll-diff --key -l sv sni-2007 sni-2025 >"$tmp/sni.tsv" &&
    kll-diff --key nace-2 nace-2.1 >"$tmp/nace.tsv" ||
	no "kll-diff --key fails on SNI or NACE"
pairs() {
	awk -F'\t' '/^#/ || $1 == "subject_id" || $4 == "sssom:NoTermFound" { next }
	    { s = $1; o = $4; sub(/^[^:]*:/, "", s); sub(/^[^:]*:/, "", o)
	      if (s !~ /^[0-9][0-9]\.[0-9][0-9][0-9]$/) print s "\t" o }' "$1" |
	    sort -u
}
pairs "$tmp/sni.tsv" >"$tmp/sni.pairs"
pairs "$tmp/nace.tsv" >"$tmp/nace.pairs"
both=$(comm -12 "$tmp/sni.pairs" "$tmp/nace.pairs" | wc -l)
for f in sni nace; do
	total=$(wc -l <"$tmp/$f.pairs")
	[ "$total" -gt 0 ] && [ $((both * 100)) -ge $((total * 97)) ] ||
		no "only $both of $total $f pairs on levels 1-4 agree"
done

# Pairs whose labels alone cannot decide go to review, whatever their
# confidence: near ties (SUN 2000 523a and 523b, the civil engineering
# and engineering programmes, against four 2020 codes that score alike)
# and pairs the hierarchy contradicts (SNI 2007 45.11 would go to 46.71,
# not under 47.7 where its broader 45.1 went).
n=$((n + 1))
kll-diff --key sun-2000-field sun-2020-field >"$tmp/sun.tsv"
for p in 523a:523a 523a:523d 523b:523b 523b:523c; do
	awk -F'\t' -v s="sun2000field:${p%%:*}" -v o="sun2020field:${p#*:}" '
	    $1 == s && $4 == o && $NF ~ /review: near tie/ { ok = 1 }
	    END { exit !ok }' "$tmp/sun.tsv" ||
		no "sun-2000-field $p is not marked for review as a near tie"
done
n=$((n + 1))
kll-diff --key sni-2007 sni-2025 >"$tmp/sni-all.tsv"
awk -F'\t' '$1 == "sni2007:45.11" && $NF ~ /not under the broader pair/ { ok = 1 }
    END { exit !ok }' "$tmp/sni-all.tsv" ||
	no "sni-2007 45.11 is not marked for review against its broader pair"
# Precision of the confident pairs: of the SNI pairs on levels 1-4 not in
# review, those that NACE matched on its English labels agrees with (at
# least 99 in 100; 99.46 measured, 99.14 before the doubts).
n=$((n + 1))
awk -F'\t' '/^#/ || $1 == "subject_id" || $4 == "sssom:NoTermFound" || $NF ~ /review/ { next }
    { s = $1; o = $4; sub(/^[^:]*:/, "", s); sub(/^[^:]*:/, "", o)
      if (s !~ /^[0-9][0-9]\.[0-9][0-9][0-9]$/) print s "\t" o }' "$tmp/sni.tsv" |
    sort -u >"$tmp/sni.confident"
good=$(comm -12 "$tmp/sni.confident" "$tmp/nace.pairs" | wc -l)
total=$(wc -l <"$tmp/sni.confident")
[ "$total" -gt 0 ] && [ $((good * 100)) -ge $((total * 99)) ] ||
	no "only $good of $total confident sni pairs on levels 1-4 agree with nace"
echo "diff-real: $n checks, $fail failures"
[ $fail = 0 ]
