#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Hostile keys, made here on the fly: a 2 MB nested flow sequence in the
# metadata (and in an external metadata file), one just under the 1 MiB
# limit, 100,000 top-level keys in 1 MB (and 90,000 in a flow mapping of
# an external file), a curie_map of 20,000 prefixes, a 34 MiB line, a
# header of 150,000 columns, and a long record and many fields of CSV.
# Each command that reads a key must give up at once: exit 2, one line on
# stderr naming the rule limit-*.  A run that has not ended after 60 s
# is a hang and fails; how long each took is shown, not asserted
# (timings belong in bench/): KLL_VERBOSE=1 shows each run and its time.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${KLL_BIN:-$top/build/bin}
PATH=$bin:$PATH
export LC_ALL=C KLL_PATH=
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
cd "$tmp" || exit 2
fail=0 n=0
no() { echo "FAIL hostile: $*"; fail=$((fail + 1)); }

HEAD='subject_id	predicate_id	object_id	mapping_justification'
ROW='a:1	skos:exactMatch	a:2	semapv:ManualMappingCuration'
rows() { printf '%s\n%s\n' "$HEAD" "$ROW"; }
pfx() { printf '#curie_map:\n#  a: http://a.example/\n'; }

# The inputs.
{ pfx; awk 'BEGIN { printf "#x: "; for (i = 0; i < 1000000; i++) printf "[";
	for (i = 0; i < 1000000; i++) printf "]"; print "" }'; rows; } >nested2m.sssom.tsv
{ pfx; awk 'BEGIN { printf "#x: "; for (i = 0; i < 500000; i++) printf "[";
	for (i = 0; i < 500000; i++) printf "]"; print "" }'; rows; } >nested1m.sssom.tsv
{ pfx; awk 'BEGIN { for (i = 0; i < 100000; i++) printf "#k%d: v\n", i }'; rows; } >keys.sssom.tsv
{ awk 'BEGIN { printf "{curie_map: {a: http://a.example/}";
	for (i = 0; i < 90000; i++) printf ", k%d: v", i; print "}" }'; } >flowkeys.sssom.yml
rows >flowkeys.sssom.tsv
{ pfx; awk 'BEGIN { for (i = 0; i < 20000; i++) printf "#  p%d: http://p.example/%d/\n", i, i }'; rows; } >prefixes.sssom.tsv
{ pfx; printf '%s\tcomment\n' "$HEAD"; printf '%s\t' "$ROW";
  awk 'BEGIN { s = sprintf("%1024s", ""); gsub(/ /, "y\t", s);
	for (i = 0; i < 17 * 1024; i++) printf "%s", s; print "" }'; } >longline.sssom.tsv
{ pfx; printf '%s' "$HEAD"; awk 'BEGIN { for (i = 0; i < 150000; i++) printf "\tc%d", i; print "" }';
  printf '%s\n' "$ROW"; } >columns.sssom.tsv
awk 'BEGIN { printf "x: "; for (i = 0; i < 1000000; i++) printf "[";
	for (i = 0; i < 1000000; i++) printf "]"; print "" }' >extnested.sssom.yml
rows >extnested.sssom.tsv
{ pfx; rows; } >good.sssom.tsv

# run WANT RULE CMD...: CMD exits WANT (a list like "1 2"), with one line
# on stderr that names RULE, and no hang (60 s).
run() {
	want=$1 rule=$2
	shift 2
	n=$((n + 1))
	t0=$(date +%s%N)
	timeout 60 "$@" >out 2>err
	rc=$?
	[ "$rc" = 124 ] && { no "$*: still running after 60 s"; return; }
	ms=$((($(date +%s%N) - t0) / 1000000))
	lines=$(wc -l <err)
	case " $want " in
	*" $rc "*) ;;
	*) no "$*: exit $rc, expected $want: $(head -c 300 err)"; return ;;
	esac
	f0=$fail
	[ "$lines" -eq 1 ] || no "$*: $lines lines on stderr, expected 1"
	grep -q "error: .*\[$rule\]\$" err || no "$*: no [$rule] in: $(head -c 300 err)"
	if [ "$fail" -eq "$f0" ] && [ -n "${KLL_VERBOSE:-}" ]; then
		echo "ok $ms ms: $*: $(cat err)"
	fi
}

# Every command that reads a key.
each() {
	rule=$1 f=$2
	run 2 "$rule" kll-map check -q "$f"
	run 2 "$rule" kll-map stats "$f"
	run 2 "$rule" kll-map invert "$f"
	run 2 "$rule" kll-diff --keys good.sssom.tsv "$f"
	run 2 "$rule" kll-diff --keys "$f" good.sssom.tsv
}

each limit-metadata-size nested2m.sssom.tsv
each limit-yaml-depth nested1m.sssom.tsv
each limit-metadata-keys keys.sssom.tsv
each limit-metadata-keys flowkeys.sssom.tsv
each limit-prefixes prefixes.sssom.tsv
each limit-line longline.sssom.tsv
each limit-columns columns.sssom.tsv
each limit-metadata-size extnested.sssom.tsv

# The CSV reader of kll-vocab import: a long record, many fields.
awk 'BEGIN { print "code,label_en"; printf "1"; s = sprintf("%1024s", "");
	gsub(/ /, "y", s); for (f = 0; f < 3; f++) { printf ",";
	for (i = 0; i < 11 * 1024; i++) printf "%s", s }; print "" }' >long.csv
awk 'BEGIN { printf "code,label_en"; for (i = 0; i < 150000; i++) printf ",c%d", i; print "" }' >wide.csv
run 2 limit-line kll-vocab import --id long long.csv
run 2 limit-columns kll-vocab import --id wide wide.csv

echo "hostile yaml: $n runs, $fail failures"
[ "$fail" -eq 0 ]
