#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# kll against the tools people would otherwise use, on the shipped data:
# rapper, serdi, rdflib, Apache Jena's riot, jskos-cli and awk.  Installs
# the missing peers, builds the inputs under build/bench/, times every
# tool on the same input and prints one table (median wall time, peak
# memory, ratio to kll) with the machine and the versions, then each
# target of bench/README.md as met or missed.
#
#	sh bench/run.sh			(what `make bench` runs)
#	BENCH_RUNS=3 BENCH_QUICK=1 sh bench/run.sh
#
# BENCH_RUNS: runs of a fast command (default 5; slower ones get fewer);
# BENCH_QUICK=1 leaves out the slowest peers (rdflib, Jena) and the
# 8-language input; BENCH_NO_INSTALL=1 installs nothing;
# BENCH_INPUTS_ONLY=1 builds the inputs and stops (bench/quick.sh).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
BIN=${KLL_BIN:-$top/build/bin}
W=${BENCH_DIR:-$top/build/bench}
RUNS=${BENCH_RUNS:-5}
QUICK=${BENCH_QUICK:-}
PY=/usr/bin/python3
export LC_ALL=C KLL_PATH=
mkdir -p "$W/out" "$W/log" || exit 2
RES=$W/results.tsv
: > "$RES"
: > "$W/notes.txt"

say() { printf '%s\n' "$*" >&2; }
note() { printf '%s\n' "$*" >> "$W/notes.txt"; say "note: $*"; }
have() { command -v "$1" >/dev/null 2>&1; }

# ---------------------------------------------------------------- peers
install_peers() {
	[ -n "${BENCH_NO_INSTALL:-}" ] && return 0
	pkgs="raptor2-utils serdi hyperfine time python3-rdflib libapache-jena-java"
	missing=
	for p in $pkgs; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		    grep -q 'ok installed' || missing="$missing $p"
	done
	if [ -n "$missing" ] && have apt-get; then
		sudo=
		[ "$(id -u)" = 0 ] || sudo=sudo
		say "bench: installing$missing"
		# shellcheck disable=SC2086
		DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q \
		    --no-install-recommends $missing >"$W/log/apt.log" 2>&1 ||
		{ $sudo apt-get update -q >>"$W/log/apt.log" 2>&1 &&
		  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q \
		    --no-install-recommends $missing >>"$W/log/apt.log" 2>&1; } ||
		note "apt-get could not install$missing (see $W/log/apt.log)"
	fi
	if have npm && [ ! -x "$W/npm/node_modules/.bin/jskos-convert" ]; then
		say "bench: installing jskos-cli (npm)"
		mkdir -p "$W/npm"
		npm install --prefix "$W/npm" --no-audit --no-fund \
		    --loglevel=error jskos-cli >"$W/log/npm.log" 2>&1 ||
		    note "npm could not install jskos-cli (see $W/log/npm.log)"
	fi
}

# Debian ships Jena's jars but no riot script, and its jena-core looks for
# the messages of its relocated Xerces under a path the jar lacks: copy
# them there, and run riot with the few jars it needs.
RIOT=
setup_riot() {
	if have riot && riot --version >/dev/null 2>&1; then
		RIOT=riot
		return
	fi
	j=/usr/share/java
	[ -f $j/jena-cmds.jar ] && have java || return 0
	fix=$W/jena-fix
	if [ ! -d "$fix/xerces" ]; then
		rm -rf "$fix" && mkdir -p "$fix" &&
		(cd "$fix" && unzip -q -o $j/jena-core.jar \
		    'org/apache/jena/ext/xerces/*.properties' &&
		 cp -r org/apache/jena/ext/xerces xerces) || return 0
	fi
	cp=$fix
	for n in jena-base jena-core jena-arq jena-iri jena-cmds commons-lang3 \
	    commons-io commons-codec commons-compress commons-csv commons-cli \
	    dexx.collection slf4j-api slf4j-nop guava thrift; do
		cp=$cp:$j/$n.jar
	done
	RIOT="java -cp $cp riotcmd.riot"
	$RIOT --count vocab/seqf.ttl >/dev/null 2>&1 || {
		note "Jena riot does not start (java -cp ... riotcmd.riot)"
		RIOT=
	}
}

# ---------------------------------------------------------------- measuring
# run TASK INPUT TOOL CMD: time CMD (a sh command line; exit status 0 or
# 1 is success, 1 being "found problems") and record its median wall
# time and peak resident memory.
run() {
	task=$1 input=$2 tool=$3 cmd=$4
	say "bench: $task / $input / $tool"
	log=$W/log/$(printf '%s-%s-%s' "$task" "$input" "$tool" | tr -c 'A-Za-z0-9.\n-' _)
	/usr/bin/time -f '%e %M' -o "$log.time" sh -c "$cmd" >/dev/null 2>"$log.err"
	rc=$?
	if [ $rc -gt 1 ]; then
		note "$tool on $input ($task) failed with status $rc: $(grep -v '^Command exited' "$log.err" | head -1)"
		return 1
	fi
	read -r t0 m0 < "$log.time"
	# Commands of a second or more run 3 times (or once past 20 s) under
	# /usr/bin/time; faster ones RUNS times under hyperfine.
	n=$RUNS
	if awk "BEGIN { exit !($t0 >= 20) }"; then n=1
	elif awk "BEGIN { exit !($t0 >= 1) }"; then n=$((RUNS < 3 ? RUNS : 3))
	fi
	ts=$t0 mems=$m0
	i=1
	while [ $i -lt 3 ] && [ $i -lt "$n" ]; do
		/usr/bin/time -f '%e %M' -o "$log.time" sh -c "$cmd" >/dev/null 2>&1
		read -r t1 m1 < "$log.time"
		ts="$ts $t1" mems="$mems $m1"
		i=$((i + 1))
	done
	t=$(median $ts)
	if awk "BEGIN { exit !($t0 < 1) }" && have hyperfine; then
		hyperfine -i --style none --runs "$n" --warmup 1 \
		    --export-json "$log.json" "$cmd" >/dev/null 2>&1
		if tr -d ' \n' < "$log.json" | grep -q '"exit_codes":\[[01,]*\]'; then
			t=$(sed -n 's/.*"median": *\([0-9.eE+-]*\).*/\1/p' "$log.json" | head -1)
		else
			note "$tool on $input ($task) failed under hyperfine"
			return 1
		fi
	fi
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$task" "$input" "$tool" "$n" \
	    "$t" "$(median $mems)" >> "$RES"
}

median() {
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
	    END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# get TASK INPUT TOOL FIELD (4 = time, 5 = peak KiB): one measurement.
get() {
	awk -F'\t' -v a="$1" -v b="$2" -v c="$3" -v f="$4" \
	    '$1 == a && $2 == b && $3 == c { print $(f + 1); exit }' "$RES"
}

# ---------------------------------------------------------------- inputs
ESCO_OPTS=${KLL_BENCH_IMPORT_OPTS:-}
make_inputs() {
	say "bench: building the inputs in $W"
	# ESCO occupations and skills as one Turtle file: both are written
	# by kll-vocab import with the same prefixes and no blank nodes, so
	# they concatenate.
	cat vocab/esco-occupations.ttl vocab/esco-skills.ttl > "$W/esco.ttl"
	serdi -i turtle -o ntriples "$W/esco.ttl" > "$W/esco.nt" || return 1
	ESCO_TRIPLES=$(wc -l < "$W/esco.nt" | tr -d ' ')
	# Synthetic: every English literal again under seven more tags.
	if [ -z "$QUICK" ]; then
		awk '{ print }
		    / "([^"\\]|\\.)*"@en \.$/ {
			n = split("sv de fr es it nl pl", t, " ")
			for (i = 1; i <= n; i++) {
				s = $0
				sub(/@en \.$/, "@" t[i] " .", s)
				print s
			}
		    }' "$W/esco.nt" > "$W/esco-8lang.nt"
		serdi -i ntriples -o turtle "$W/esco-8lang.nt" > "$W/esco-8lang.ttl"
		ESCO8_TRIPLES=$(wc -l < "$W/esco-8lang.nt" | tr -d ' ')
		rm -f "$W/esco-8lang.nt"
	fi
	# The triples of vocab/esco-skills.ttl (what kll-vocab import writes
	# from vocab/src/esco-skills.csv) as N-Triples, for the writers.
	serdi -i turtle -o ntriples vocab/esco-skills.ttl > "$W/esco-skills.nt"
	SKILLS_TRIPLES=$(wc -l < "$W/esco-skills.nt" | tr -d ' ')
	# Synthetic: a key of a million rows from the real ESCO concept IRIs,
	# occupation i to skills (i * 7 + j) mod N.
	sed -n 's|^<http://data.europa.eu/esco/occupation/\([^>]*\)>$|\1|p' \
	    vocab/esco-occupations.ttl > "$W/occ.ids"
	sed -n 's|^<http://data.europa.eu/esco/skill/\([^>]*\)>$|\1|p' \
	    vocab/esco-skills.ttl > "$W/skill.ids"
	awk -v rows=1000000 -v out="$W/esco-big.sssom.tsv" '
	    FNR == 1 { f++ }
	    f == 1 { occ[no++] = $1; next }
	    { sk[ns++] = $1 }
	    END {
		printf "#curie_map:\n" > out
		printf "#  conceptscheme: http://data.europa.eu/esco/concept-scheme/\n" > out
		printf "#  escooccupations: http://data.europa.eu/esco/occupation/\n" > out
		printf "#  escoskills: http://data.europa.eu/esco/skill/\n" > out
		printf "#mapping_set_id: https://kll.example.org/bench/esco-big\n" > out
		printf "#license: http://data.europa.eu/eli/dec/2011/833/oj\n" > out
		printf "#subject_source: conceptscheme:occupations\n" > out
		printf "#object_source: conceptscheme:skills\n" > out
		printf "subject_id\tpredicate_id\tobject_id\tmapping_justification\n" > out
		per = int((rows + no - 1) / no)
		n = 0
		for (i = 0; i < no && n < rows; i++)
			for (j = 0; j < per && n < rows; j++) {
				printf "escooccupations:%s\tskos:relatedMatch\tescoskills:%s\tsemapv:ManualMappingCuration\n", occ[i], sk[(i * 7 + j) % ns] > out
				n++
			}
	    }' "$W/occ.ids" "$W/skill.ids"
	# The same key cut to its first thousand rows: the vocabularies'
	# share of time and memory.
	head -n 1009 "$W/esco-big.sssom.tsv" > "$W/esco-1k.sssom.tsv"
	# Synthetic: data files of 10k, 100k and 1M rows with the real SSYK
	# 2012 unit groups (level 4), in a fixed pseudo-random order.
	"$BIN/kll-vocab" list --level 4 vocab/ssyk-2012.ttl | cut -f1 > "$W/ssyk4.codes"
	for rows in 10000 100000 1000000; do
		awk -v rows=$rows 'BEGIN { OFS = "," }
		    { code[n++] = $1 }
		    END {
			print "id", "year", "ssyk", "persons"
			x = 12345
			for (i = 1; i <= rows; i++) {
				x = (x * 1103515245 + 12345) % 2147483648
				print i, 2020 + i % 5, code[x % n], 1 + x % 97
			}
		    }' "$W/ssyk4.codes" > "$W/data-$rows.csv"
	done
	# The skills table in the CSV layout of jskos-convert.
	if [ -x "$W/npm/node_modules/.bin/jskos-convert" ] && [ -x $PY ]; then
		$PY - vocab/src/esco-skills.csv "$W/esco-skills.jskos.csv" <<-'EOF'
		import csv, sys
		with open(sys.argv[1], newline="") as f, open(sys.argv[2], "w", newline="") as g:
		    w = csv.writer(g)
		    w.writerow(["notation", "prefLabel@en", "altLabel@en", "scopeNote@en", "broaderNotation"])
		    for r in csv.DictReader(f):
		        parents = [p for p in r["parent"].split("|") if p and ":" not in p]
		        alts = r["altlabels_en"].split("|")
		        w.writerow([r["code"], r["label_en"], alts[0], r["scopenote_en"], parents[0] if parents else ""])
		EOF
		printf '{"uri":"http://data.europa.eu/esco/concept-scheme/skills","uriPattern":"^http://data\\\\.europa\\\\.eu/esco/skill/(.+)$","notationPattern":".+"}\n' > "$W/esco-skills.jskos-scheme.json"
	fi
}

# A kll subcommand is there when its --help works.
kll_has() { "$BIN/$1" "$2" --help >/dev/null 2>&1; }

rdflib_ok() { [ -z "$QUICK" ] && [ -x $PY ] && $PY -c 'import rdflib' 2>/dev/null; }
riot_ok() { [ -z "$QUICK" ] && [ -n "$RIOT" ]; }

# ---------------------------------------------------------------- tasks
task_load() {
	input=$1 f=$2
	run load "$input" "kll-vocab check" "$BIN/kll-vocab check -q $f"
	run load "$input" "kll-vocab list" "$BIN/kll-vocab list $f"
	run load "$input" "rapper -c" "rapper -q -i turtle -c $f"
	run load "$input" "serdi" "serdi -i turtle -o ntriples $f >/dev/null"
	riot_ok && run load "$input" "riot --count" "$RIOT --count $f"
	rdflib_ok && run load "$input" "rdflib" \
	    "$PY -c 'import sys, rdflib; g = rdflib.Graph(); g.parse(sys.argv[1], format=\"turtle\")' $f"
}

task_load_all() {
	fs=$(ls vocab/*.ttl | tr '\n' ' ')
	run load "vocab/*.ttl" "kll-vocab check" "$BIN/kll-vocab check -q $fs"
	run load "vocab/*.ttl" "rapper -c" "for f in $fs; do rapper -q -i turtle -c \$f || exit 2; done"
	run load "vocab/*.ttl" "serdi" "for f in $fs; do serdi -i turtle -o ntriples \$f >/dev/null || exit 2; done"
	riot_ok && run load "vocab/*.ttl" "riot --count" "$RIOT --count $fs"
	rdflib_ok && run load "vocab/*.ttl" "rdflib" \
	    "$PY -c 'import sys, rdflib
for a in sys.argv[1:]:
    rdflib.Graph().parse(a, format=\"turtle\")' $fs"
}

task_export_vocab() {
	in="esco-skills"
	run export "$in" "kll-vocab import" \
	    "$BIN/kll-vocab import -q $ESCO_OPTS -o $W/out/kll-skills.ttl vocab/src/esco-skills.csv"
	if [ -f "$W/out/kll-skills.ttl" ] && ! cmp -s "$W/out/kll-skills.ttl" vocab/esco-skills.ttl; then
		note "kll-vocab import wrote other bytes than vocab/esco-skills.ttl"
	fi
	run export "$in" "serdi" "serdi -i ntriples -o turtle $W/esco-skills.nt > $W/out/serdi-skills.ttl"
	run export "$in" "rapper" "rapper -q -i ntriples -o turtle $W/esco-skills.nt > $W/out/rapper-skills.ttl"
	riot_ok && run export "$in" "riot --out=turtle" \
	    "$RIOT --out=turtle $W/esco-skills.nt > $W/out/riot-skills.ttl"
	rdflib_ok && run export "$in" "rdflib" \
	    "$PY -c 'import sys, rdflib; g = rdflib.Graph(); g.parse(sys.argv[1], format=\"nt\"); g.serialize(destination=sys.argv[2], format=\"turtle\")' $W/esco-skills.nt $W/out/rdflib-skills.ttl"
	j=$W/npm/node_modules/.bin/jskos-convert
	[ -x "$j" ] && [ -f "$W/esco-skills.jskos.csv" ] && run export "$in" "jskos-convert (N-Triples)" \
	    "$j concepts -q -f csv -t nt -l en -s $W/esco-skills.jskos-scheme.json $W/esco-skills.jskos.csv > $W/out/jskos-skills.nt"
}

task_map_check() {
	if ! kll_has kll-map check; then
		note "kll-map check is not there yet: the key check task was skipped"
		return
	fi
	run check "key 1M" "kll-map check" "$BIN/kll-map check -q -L vocab $W/esco-big.sssom.tsv"
	run check "key 1k" "kll-map check" "$BIN/kll-map check -q -L vocab $W/esco-1k.sssom.tsv"
	run check "key 1M" "awk" "awk -F'\t' '{n[\$1]++} END {print length(n)}' $W/esco-big.sssom.tsv"
	run check "SSYK-ISCO" "kll-map check" "$BIN/kll-map check -q -L vocab mappings/ssyk-2012_isco-08.sssom.tsv"
	run check "SSYK-ISCO" "awk" "awk -F'\t' '{n[\$1]++} END {print length(n)}' mappings/ssyk-2012_isco-08.sssom.tsv"
}

task_map_export() {
	if ! kll_has kll-map export; then
		note "kll-map export is not there yet: the key export task was skipped"
		return
	fi
	run export "key 1M" "kll-map export" \
	    "$BIN/kll-map export -L vocab --to=skos -o $W/out/kll-key.ttl $W/esco-big.sssom.tsv"
	[ -s "$W/out/kll-key.ttl" ] || return
	serdi -i turtle -o ntriples "$W/out/kll-key.ttl" > "$W/key.nt"
	run export "key 1M" "serdi" "serdi -i ntriples -o turtle $W/key.nt > $W/out/serdi-key.ttl"
	run export "key 1M" "rapper" "rapper -q -i ntriples -o turtle $W/key.nt > $W/out/rapper-key.ttl"
}

AWK_APPLY='BEGIN { FS = "\t" }
NR == FNR {
	if ($0 ~ /^#/ || $1 == "subject_id") next
	s = $1; sub(/^[^:]*:/, "", s)
	o = $4; sub(/^[^:]*:C?/, "", o)
	m[s] = (s in m) ? m[s] "|" o : o
	next
}
FNR == 1 { FS = OFS = ","; $0 = $0; print; next }
{ $3 = ($3 in m) ? m[$3] : ""; print }'

task_apply() {
	key=mappings/ssyk-2012_isco-08.sssom.tsv
	if ! kll_has kll-map apply; then
		note "kll-map apply is not there yet: the recoding task was skipped"
		apply_kll=
	else
		apply_kll=1
	fi
	for rows in 10000 100000 1000000; do
		in=data-$rows.csv
		[ -n "$apply_kll" ] && run apply "$in" "kll-map apply" \
		    "$BIN/kll-map apply -L vocab -k $key --column ssyk $W/$in > $W/out/kll-$in"
		run apply "$in" "awk" "awk '$AWK_APPLY' $key $W/$in > $W/out/awk-$in"
	done
}

# ---------------------------------------------------------------- report
machine() {
	printf -- '- machine: %s cores, %s, %s MiB memory; %s\n' "$(nproc)" \
	    "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)" \
	    "$(awk '/^MemTotal/ { printf "%d", $2 / 1024 }' /proc/meminfo)" \
	    "$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME"), Linux $(uname -r)"
	printf -- '- kll %s (%s)\n' "$("$BIN/kll-vocab" --version 2>/dev/null | head -1 | awk '{ print $NF }')" \
	    "$(git -C "$top" describe --always --dirty 2>/dev/null || echo 'no git')"
	printf -- '- rapper %s, serdi %s' "$(rapper --version 2>/dev/null)" \
	    "$(dpkg-query -W -f='${Version}' serdi 2>/dev/null)"
	if [ -n "$RIOT" ]; then
		printf ', Jena riot %s on %s' "$(dpkg-query -W -f='${Version}' libapache-jena-java 2>/dev/null)" \
		    "$(java -version 2>&1 | head -1 | tr -d '"')"
	fi
	if [ -x $PY ] && $PY -c 'import rdflib' 2>/dev/null; then
		printf ', rdflib %s on %s' "$($PY -c 'import rdflib; print(rdflib.__version__)')" \
		    "$($PY --version 2>&1)"
	fi
	if [ -x "$W/npm/node_modules/.bin/jskos-convert" ]; then
		printf ', jskos-cli %s on node %s' "$("$W/npm/node_modules/.bin/jskos-convert" --version | awk '{ print $1; exit }')" "$(node --version)"
	fi
	printf ', awk: %s' "$(awk -W version 2>/dev/null | head -1 || echo awk)"
	printf ', %s\n' "$(hyperfine --version 2>/dev/null || echo 'no hyperfine: /usr/bin/time loop')"
	printf -- '- runs: a command under 1 s %s times under hyperfine after a warm-up, under 20 s 3 times, else once; time is the median wall time, memory the median peak RSS of up to 3 runs (/usr/bin/time %%M); load average %s at the start\n' "$RUNS" "$LOAD0"
	printf -- '- inputs: esco.ttl = esco-occupations + esco-skills, %s triples; esco-8lang.ttl (synthetic) %s triples; esco-skills: %s triples; key 1M (synthetic): 1,000,000 rows of real ESCO IRIs; data-N.csv (synthetic): N rows of real SSYK 2012 unit groups\n' \
	    "$ESCO_TRIPLES" "${ESCO8_TRIPLES:-not built}" "$SKILLS_TRIPLES"
}

# The table: ratios against the kll command of the same task and input.
table() {
	printf '| task | input | tool | runs | median s | x kll | peak MiB | x kll |\n'
	printf '|---|---|---|---:|---:|---:|---:|---:|\n'
	awk -F'\t' '
	    { row[NR] = $0 }
	    $3 ~ /^kll/ && !(($1, $2) in kt) { kt[$1, $2] = $5; km[$1, $2] = $6 }
	    END {
		for (i = 1; i <= NR; i++) {
			split(row[i], f, "\t")
			t = kt[f[1], f[2]]; m = km[f[1], f[2]]
			syn = (f[2] ~ /8lang|key 1|data-/) ? " (synthetic)" : ""
			rt = (t > 0) ? sprintf("%.2f", f[5] / t) : "-"
			rm = (m > 0) ? sprintf("%.2f", f[6] / m) : "-"
			printf "| %s | %s%s | %s | %d | %.3f | %s | %.1f | %s |\n",
			    f[1], f[2], syn, f[3], f[4], f[5], rt, f[6] / 1024, rm
		}
	    }' "$RES"
}

# target LABEL VALUE LIMIT: one line, met when VALUE <= LIMIT.
target() {
	if [ -z "$2" ] || [ -z "$3" ]; then
		printf -- '- %s: not measured\n' "$1"
	else
		awk -v l="$1" -v v="$2" -v m="$3" 'BEGIN {
		    printf "- %s: %.3g (target <= %.3g): %s\n", l, v, m, v <= m ? "met" : "MISSED" }'
	fi
}
div() { [ -n "$1" ] && [ -n "$2" ] && awk -v a="$1" -v b="$2" 'BEGIN { print a / b }'; }

targets() {
	echo
	echo "Targets:"
	k=$(get load esco.ttl "kll-vocab check" 4); r=$(get load esco.ttl "rapper -c" 4)
	target "ESCO load+check: kll-vocab check time / rapper -c" "$(div "$k" "$r")" 1.5
	k=$(get load esco.ttl "kll-vocab list" 4)
	target "ESCO load: kll-vocab list time / rapper -c" "$(div "$k" "$r")" 1.5
	k=$(get load esco.ttl "kll-vocab check" 5); r=$(get load esco.ttl "rapper -c" 5)
	target "ESCO load+check: kll-vocab check memory / rapper -c" "$(div "$k" "$r")" 1
	k=$(get export esco-skills "kll-vocab import" 4); r=$(get export esco-skills serdi 4)
	target "export: kll-vocab import time / serdi N-Triples to Turtle" "$(div "$k" "$r")" 2
	if [ -n "$(get check "key 1M" "kll-map check" 4)" ]; then
		k=$(get check "key 1M" "kll-map check" 4)
		a=$(get check "key 1M" awk 4); v=$(get check "key 1k" "kll-map check" 4)
		target "key check: kll-map check 1M rows time / (3 x awk + vocabulary load)" \
		    "$(div "$k" "$(awk -v a="$a" -v v="$v" 'BEGIN { print 3 * a + v }')")" 1
		k=$(get check "key 1M" "kll-map check" 5); v=$(get check "key 1k" "kll-map check" 5)
		target "key check: bytes per row beyond the vocabularies" \
		    "$(awk -v k="$k" -v v="$v" 'BEGIN { print (k - v) * 1024 / 999000 }')" 64
	else
		echo "- key check: kll-map check is not there yet, not measured"
	fi
	if [ -n "$(get export "key 1M" "kll-map export" 4)" ]; then
		k=$(get export "key 1M" "kll-map export" 4); r=$(get export "key 1M" serdi 4)
		target "key export: kll-map export time / serdi" "$(div "$k" "$r")" 2
	else
		echo "- key export: kll-map export is not there yet, not measured"
	fi
	if [ -n "$(get apply data-1000000.csv "kll-map apply" 4)" ]; then
		k=$(get apply data-1000000.csv "kll-map apply" 4); a=$(get apply data-1000000.csv awk 4)
		target "apply 1M rows: kll-map apply time / awk" "$(div "$k" "$a")" 1
		k=$(get apply data-1000000.csv "kll-map apply" 5); a=$(get apply data-10000.csv "kll-map apply" 5)
		target "apply: peak memory at 1M rows / at 10k rows" "$(div "$k" "$a")" 1.1
	else
		echo "- apply: kll-map apply is not there yet, not measured"
	fi
	# Every peer slower than kll on the same task and input.
	awk -F'\t' '
	    $3 ~ /^kll/ { if (!(($1, $2) in kt)) { kt[$1, $2] = $5; kn[$1, $2] = $3 }; next }
	    $3 ~ /^awk/ { next }
	    { r[NR] = $0 }
	    END {
		for (i in r) {
			split(r[i], f, "\t")
			if (!((f[1], f[2]) in kt)) continue
			n++
			if (f[5] <= kt[f[1], f[2]]) {
				bad++
				printf "- %s on %s: %s (%.3f s) is not slower than %s (%.3f s)\n", f[1], f[2], f[3], f[5], kn[f[1], f[2]], kt[f[1], f[2]]
			}
		}
		printf "- every peer slower than kll (awk rows are baselines, judged above): %d of %d rows %s\n", n - bad, n, bad ? "(MISSED)" : "(met)"
	    }' "$RES"
}

# ---------------------------------------------------------------- main
start=$(date +%s)
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
[ -x "$BIN/kll-vocab" ] || { say "bench: no $BIN/kll-vocab: run make first"; exit 2; }
# Time a copy of the binaries, so that a rebuild during the run cannot
# change what is measured.
mkdir -p "$W/bin"
for b in kll-vocab kll-map; do
	[ -x "$BIN/$b" ] && cp -f "$BIN/$b" "$W/bin/$b"
done
BIN=$W/bin
install_peers
for t in rapper serdi; do
	have $t || { say "bench: $t is missing"; exit 2; }
done
[ -x /usr/bin/time ] || { say "bench: /usr/bin/time is missing"; exit 2; }
setup_riot
make_inputs || { say "bench: cannot build the inputs"; exit 2; }
[ -n "${BENCH_INPUTS_ONLY:-}" ] && exit 0

task_load esco.ttl "$W/esco.ttl"
[ -z "$QUICK" ] && task_load esco-8lang.ttl "$W/esco-8lang.ttl"
task_load_all
task_export_vocab
task_map_export
task_map_check
task_apply

{
	echo "## kll benchmark, $(date -u +%Y-%m-%d)"
	echo
	machine
	echo
	table
	targets
	if [ -s "$W/notes.txt" ]; then
		echo
		echo "Notes:"
		sed 's/^/- /' "$W/notes.txt"
	fi
	echo
	echo "Wall time of the whole run, installs included: $(( $(date +%s) - start )) s"
} > "$W/results.md"
cat "$W/results.md"
