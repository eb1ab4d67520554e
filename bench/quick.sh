#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# A quick comparison for work on speed: two builds of kll (OLD, NEW) and
# their peers on the inputs of bench/run.sh, each command once a round,
# the rounds interleaved, so that the load of a shared machine falls on
# all of them alike.  Prints the median wall time of each command and the
# ratios bench/README.md sets targets for.
#
#	sh bench/quick.sh OLD_BIN_DIR [NEW_BIN_DIR] [ROUNDS] [TASKS]
#
# TASKS: any of load import export check (default all).  The inputs are
# those of `make bench` (built first with BENCH_INPUTS_ONLY=1 when
# missing).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
OLD=${1:?old bin dir}
NEW=${2:-$top/build/bin}
ROUNDS=${3:-5}
TASKS=${4:-load import export check}
W=${BENCH_DIR:-$top/build/bench}
export LC_ALL=C KLL_PATH=
[ -f "$W/esco-big.sssom.tsv" ] ||
	BENCH_QUICK=1 BENCH_INPUTS_ONLY=1 BENCH_NO_INSTALL=1 KLL_BIN=$NEW \
	    sh bench/run.sh || exit 2
opts=$(make -s --no-print-directory -f vocab/vocab.mk \
    --eval 'p: ; $(info $(IMPORT_OPTS_esco_skills))' p)
T=$(mktemp -d) || exit 2
trap 'rm -rf "$T"' EXIT
: > "$T/cmds"
add() { printf '%s\t%s\n' "$1" "$2" >> "$T/cmds"; }
for t in $TASKS; do
	case $t in
	load)
		for b in old new; do
			d=$OLD; [ $b = new ] && d=$NEW
			add "check $b" "$d/kll-vocab check -q $W/esco.ttl"
			add "list $b" "$d/kll-vocab list $W/esco.ttl"
		done
		add "rapper -c" "rapper -q -i turtle -c $W/esco.ttl" ;;
	import)
		for b in old new; do
			d=$OLD; [ $b = new ] && d=$NEW
			add "import $b" "$d/kll-vocab import -q $opts -o $T/skills-$b.ttl vocab/src/esco-skills.csv"
		done
		add "serdi skills" "serdi -i ntriples -o turtle $W/esco-skills.nt > $T/serdi-skills.ttl" ;;
	export)
		[ -f "$W/key.nt" ] || {
			"$NEW/kll-map" export -L vocab --to=skos -o "$T/k.ttl" "$W/esco-big.sssom.tsv" &&
			serdi -i turtle -o ntriples "$T/k.ttl" > "$W/key.nt"; }
		for b in old new; do
			d=$OLD; [ $b = new ] && d=$NEW
			add "export $b" "$d/kll-map export -L vocab --to=skos -o $T/key-$b.ttl $W/esco-big.sssom.tsv"
		done
		add "serdi key" "serdi -i ntriples -o turtle $W/key.nt > $T/serdi-key.ttl" ;;
	check)
		for b in old new; do
			d=$OLD; [ $b = new ] && d=$NEW
			add "mapcheck $b" "$d/kll-map check -q -L vocab $W/esco-big.sssom.tsv"
		done
		add "awk" "awk -F'\t' '{n[\$1]++} END {print length(n)}' $W/esco-big.sssom.tsv" ;;
	esac
done
r=0
while [ $r -lt "$ROUNDS" ]; do
	while IFS='	' read -r name cmd; do
		/usr/bin/time -f '%e %M %U %S' -o "$T/t" sh -c "$cmd" >/dev/null 2>&1
		printf '%s\t%s\n' "$name" "$(cat "$T/t")" >> "$T/times"
	done < "$T/cmds"
	r=$((r + 1))
done
for b in old new; do
	[ -f "$T/skills-$b.ttl" ] && ! cmp -s "$T/skills-$b.ttl" vocab/esco-skills.ttl &&
		echo "import $b: not the bytes of vocab/esco-skills.ttl"
done
[ -f "$T/key-old.ttl" ] && ! cmp -s "$T/key-old.ttl" "$T/key-new.ttl" &&
	echo "export: old and new wrote other bytes"
awk -F'\t' '
	{ split($2, a, " "); t[$1] = t[$1] " " a[1]; c[$1] = c[$1] " " (a[3] + a[4]); m[$1] = a[2]; if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } }
	function med(s,   v, k, i, j, x) {
		k = split(s, v, " ")
		for (i = 2; i <= k; i++) { x = v[i]; for (j = i - 1; j >= 1 && v[j] > x; j--) v[j + 1] = v[j]; v[j + 1] = x }
		return (k % 2) ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2
	}
	END {
		for (i = 1; i <= n; i++) {
			o = order[i]; md[o] = med(t[o]); mc[o] = med(c[o])
			printf "%-14s %7.3f s wall %7.3f s cpu %8.1f MiB  (%s)\n", o, md[o], mc[o], m[o] / 1024, t[o]
		}
		for (i = 1; i <= 2; i++) {
			b = i == 1 ? "old" : "new"
			if (("check " b) in md) printf "%s: check/rapper %.3f (cpu %.3f)  list/rapper %.3f (cpu %.3f)\n", b, md["check " b] / md["rapper -c"], mc["check " b] / mc["rapper -c"], md["list " b] / md["rapper -c"], mc["list " b] / mc["rapper -c"]
			if (("import " b) in md) printf "%s: import/serdi %.3f (cpu %.3f)\n", b, md["import " b] / md["serdi skills"], mc["import " b] / mc["serdi skills"]
			if (("export " b) in md) printf "%s: export/serdi %.3f (cpu %.3f)\n", b, md["export " b] / md["serdi key"], mc["export " b] / mc["serdi key"]
			if (("mapcheck " b) in md) printf "%s: mapcheck/awk %.3f (cpu %.3f)\n", b, md["mapcheck " b] / md["awk"], mc["mapcheck " b] / mc["awk"]
		}
	}' "$T/times"
