#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Write the key tables of mappings/src/ that kll-map import turns into the
# shipped keys.  Most come from the shipped vocabularies themselves (their
# codes say how SNI sits on NACE and ESCO on ISCO);
# the SSYK 2012 to ISCO-08 key is SCB's own table, copied from the public
# data folder given as $1 (default ../shared/data) when it is there.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
data=${1:-$top/../shared/data}
out=$top/mappings/src
mkdir -p "$out"

kll_vocab=${KLL_VOCAB:-$top/build/bin/kll-vocab}
codes() { "$kll_vocab" list "$@" | cut -f1; }

# SNI levels 1-4 are NACE: the same code.  SNI's fifth level is Swedish
# detail under a NACE class ("01.110" under "01.11"): the only detailed
# group of a class is the class itself (exact); where a class has several,
# each is narrower than it (broad: the class is the broader match).
sni_nace() {
	{
		for lv in 1 2 3 4; do
			codes --level $lv "$top/vocab/$1.ttl" | sed 's/.*/&,&,exact/'
		done
		codes --level 5 "$top/vocab/$1.ttl" | awk '
			{ code[NR] = $0; n[substr($0, 1, 5)]++ }
			END {
				for (i = 1; i <= NR; i++) {
					c = substr(code[i], 1, 5)
					print code[i] "," c "," \
					    (n[c] == 1 ? "exact" : "broad")
				}
			}'
	} | { echo "sni,nace,relation"; LC_ALL=C sort; } > "$out/$1_$2.csv"
}
sni_nace sni-2007 nace-2
sni_nace sni-2025 nace-2.1

# An ESCO occupation's code begins with its ISCO-08 unit group ("2512.4"
# under "2512"): the unit group is broader than each occupation under it.
codes "$top/vocab/esco-occupations.ttl" | sed 's/^\([^.]*\)\..*$/\1,&,narrow/' |
    { echo "isco08,esco,relation"; LC_ALL=C sort; } > "$out/isco-08_esco-occupations.csv"

# SeQF level N corresponds to EQF level N (Sweden's referencing of SeQF
# to the EQF).
codes "$top/vocab/seqf.ttl" | sed 's/.*/&,&,exact/' |
    { echo "seqf,eqf,relation"; LC_ALL=C sort; } > "$out/seqf_eqf.csv"

key=$data/ssyk2012-isco08-key/ssyk2012_isco08_key_4digit.csv
if [ -f "$key" ]; then
	cp "$key" "$out/ssyk-2012_isco-08.csv"
fi

# The evidence behind that key's predicates: SCB's own job titles (sheet
# Grunden), each coded in both SSYK 2012 and ISCO-08, counted per pair of
# codes (the first two columns, always four digits, never quoted).
# kll-map learn takes the predicate of each pair of the key from it.
titles=$data/ssyk2012-isco08-key/ssyk2012_isco08_jobtitles_grunden.csv
if [ -f "$titles" ]; then
	tail -n +2 "$titles" | cut -d, -f1,2 | LC_ALL=C sort | uniq -c |
	    awk 'BEGIN { print "ssyk2012,isco08,titles" } { print $2 "," $1 }' \
	    > "$out/ssyk-2012_isco-08.evidence.csv"
fi
