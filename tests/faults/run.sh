#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Faults the commands must survive without losing anything: a full disk,
# an unwritable folder, input that vanishes or breaks while it is read,
# a signal in the middle of a long run, and memory that runs out.  Each
# failure must end with exit status 2 (never a crash: below 126) and one
# clear line on stderr, and an output file given with -o must be either
# the complete new one or the old one untouched, with no temporary file
# left beside it.
#
# The commands come from $KLL_BIN (default build/faults/bin).  Allocation
# failures need a build with FAULTS=1 (make faults): KLL_FAIL_ALLOC=N
# makes the library's Nth allocation and all later ones fail, and each
# command is run for N = 1, 2, 3, ... until it succeeds.  Without such a
# build that part is skipped.  Set FAULTS_QUICK=1 to skip the import
# that is stopped and interrupted while it writes.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${KLL_BIN:-$top/build/faults/bin}
data=$top/tests/data
big=$top/vocab/src/esco-skills.csv
t=$(mktemp -d) || exit 2
trap 'chmod -R u+w "$t" 2>/dev/null; rm -rf "$t"' EXIT
trap 'exit 2' INT TERM
PATH=$bin:$PATH
LC_ALL=C
KLL_PATH=
export PATH LC_ALL KLL_PATH
pass=0 fail=0

no() {
	echo "FAIL $*"
	fail=$((fail + 1))
}

show_err() {
	sed 's/^/    /' "$t/err" | head -"${1:-5}"
}

# trouble NAME PATTERN: the last command ($rc, $t/err) failed as it
# should: status 2, exactly one line on stderr, and that line matches
# PATTERN (grep -E).
trouble() {
	if [ "$rc" -ne 2 ]; then
		no "$1: exit status $rc, expected 2"
		show_err
		return 1
	fi
	if [ "$(wc -l <"$t/err")" -ne 1 ]; then
		no "$1: $(wc -l <"$t/err") lines on stderr, expected 1"
		show_err
		return 1
	fi
	if ! grep -Eq -- "$2" "$t/err"; then
		no "$1: stderr does not say /$2/"
		show_err
		return 1
	fi
	pass=$((pass + 1))
}

# untouched NAME DIR: DIR/out still holds "old" and nothing else is in
# DIR (no temporary file left).
untouched() {
	if [ "$(cat "$2/out" 2>/dev/null)" != old ]; then
		no "$1: the old output was changed"
		return 1
	fi
	if [ "$(ls -A "$2")" != out ]; then
		no "$1: left behind: $(ls -A "$2" | grep -v '^out$' | tr '\n' ' ')"
		return 1
	fi
	pass=$((pass + 1))
}

# fresh DIR: an empty folder DIR with an old output file "out" in it.
fresh() {
	rm -rf "$1"
	mkdir -p "$1" && echo old >"$1/out"
}

# ------------------------------------------------------------------
# A full disk: /dev/full as standard output, and for -o a file size
# limit (what a full disk does to a write, without needing a small
# file system): the write fails with EFBIG once SIGXFSZ is ignored.

full_stdout() {
	name=$1
	shift
	"$@" >/dev/full 2>"$t/err"
	rc=$?
	trouble "full disk: $name" 'write error'
}

full_stdout "vocab import" kll-vocab import --id occ "$data/vocab/occ.csv"
full_stdout "vocab list" kll-vocab list -L "$data/vocab" occ
full_stdout "vocab show" kll-vocab show -L "$data/vocab" occ 0110
full_stdout "vocab search" kll-vocab search -L "$data/vocab" occ officer
full_stdout "vocab info" kll-vocab info -L "$data/vocab" occ
full_stdout "vocab check json" kll-vocab check -q --format=json \
    "$data/check/cycle.ttl"
full_stdout "map import" kll-map import -L "$data/vocab" -s occ -t isc \
    "$data/map/import-occ-isc.csv"
full_stdout "map check json" kll-map check -q -L "$data/vocab" \
    --format=json --severity=info "$data/map/occ_isc.sssom.tsv"

full_file() {
	name=$1
	shift
	fresh "$t/fs"
	(trap '' XFSZ; ulimit -f 2; "$@" 2>"$t/err")
	rc=$?
	trouble "full disk -o: $name" 'write error' &&
		untouched "full disk -o: $name" "$t/fs"
}

full_file "vocab import" kll-vocab import -q --id occ -o "$t/fs/out" \
    "$data/vocab/occ.csv"
full_file "map import" kll-map import -q -L "$data/vocab" -s occ -t isc \
    -o "$t/fs/out" "$data/map/import-occ-isc.csv"
full_file "map learn" kll-map learn -q -L "$data/vocab" -s occ -t isc \
    --count-column=n -o "$t/fs/out" "$data/map/learn-counts.tsv"

# ------------------------------------------------------------------
# An output that cannot be written: a folder without write permission
# (checked as an unprivileged user when run as root), a folder that
# does not exist, a folder where the file should be.

fresh "$t/ro"
chmod 755 "$t"
chmod 555 "$t/ro"
as_user=
if [ "$(id -u)" = 0 ]; then
	if command -v setpriv >/dev/null 2>&1; then
		as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
	else
		as_user=skip
	fi
fi
if [ "$as_user" = skip ]; then
	echo "skip unwritable folder: root without setpriv(1)"
else
	$as_user "$bin/kll-vocab" import -q --id occ -o "$t/ro/out" \
	    "$data/vocab/occ.csv" 2>"$t/err"
	rc=$?
	trouble "unwritable folder" 'cannot create: Permission denied' &&
		untouched "unwritable folder" "$t/ro"
fi
chmod 755 "$t/ro"

kll-vocab import -q --id occ -o "$t/nonexistent/out" "$data/vocab/occ.csv" \
    2>"$t/err"
rc=$?
trouble "missing folder" 'cannot create: No such file or directory'

fresh "$t/dir"
rm "$t/dir/out" && mkdir "$t/dir/out"
kll-vocab import -q --id occ -o "$t/dir/out" "$data/vocab/occ.csv" 2>"$t/err"
rc=$?
if trouble "output is a folder" 'cannot create: Is a directory'; then
	if [ "$(ls -A "$t/dir")" != out ]; then
		no "output is a folder: left behind: $(ls -A "$t/dir")"
	else
		pass=$((pass + 1))
	fi
fi

# ------------------------------------------------------------------
# Input that vanishes or breaks: a read error (/proc/self/mem cannot be
# read at offset 0), a pipe whose writer stops in the middle of a
# record, a file truncated while it is read.

read_error() {
	name=$1
	shift
	"$@" >/dev/null 2>"$t/err"
	rc=$?
	trouble "read error: $name" '(read|cannot read).*Input/output error'
}

if [ -r /proc/self/mem ]; then
	read_error "vocab import" kll-vocab import --id x /proc/self/mem
	read_error "vocab list" kll-vocab list /proc/self/mem
	read_error "vocab check" kll-vocab check /proc/self/mem
	read_error "map check" kll-map check /proc/self/mem
else
	echo "skip read errors: no /proc/self/mem"
fi

# cut_pipe NAME FILE BYTES PATTERN CMD...: CMD reads the first BYTES of
# FILE from a named pipe (its last argument) and must stop with PATTERN.
cut_pipe() {
	name=$1 file=$2 bytes=$3 pat=$4
	shift 4
	rm -f "$t/pipe"
	mkfifo "$t/pipe" || return
	(head -c "$bytes" "$file" >"$t/pipe") &
	"$@" "$t/pipe" >/dev/null 2>"$t/err"
	rc=$?
	wait
	trouble "cut pipe: $name" "$pat"
}

printf 'code,label_en\n1,One\n2,"Tw' >"$t/cut.csv"
cut_pipe "vocab import" "$t/cut.csv" 100 'unbalanced quotes' \
    kll-vocab import --id p
cut_pipe "vocab list" "$data/vocab/occ.ttl" 3000 'pipe:[0-9]+' \
    kll-vocab list --syntax=turtle
# serd reads N-Triples now; the suppressions of raptor's own leaks
# (tests/fuzz/lsan-rdf-read.supp) stay for the raptor parts of the run.
saved=${LSAN_OPTIONS-}
LSAN_OPTIONS=suppressions=$top/tests/fuzz/lsan-rdf-read.supp:print_suppressions=0
export LSAN_OPTIONS
cut_pipe "vocab list ntriples" "$data/vocab/occ.nt" 3000 'pipe:[0-9]+' \
    kll-vocab list --syntax=ntriples
LSAN_OPTIONS=$saved

# A file cut short under a running import: whatever it has read, the
# result is an error or a complete vocabulary, never a crash.
if [ -f "$big" ]; then
	cp "$big" "$t/trunc.csv"
	fresh "$t/tr"
	kll-vocab import -q --id trunc -o "$t/tr/out" "$t/trunc.csv" \
	    2>"$t/err" &
	pid=$!
	sleep 0.05
	: >"$t/trunc.csv"
	wait $pid
	rc=$?
	if [ "$rc" -ge 126 ] || [ "$rc" = 1 ]; then
		no "truncated input: exit status $rc"
		show_err
	elif [ "$rc" = 0 ] &&
	    ! kll-vocab info "$t/tr/out" >/dev/null 2>"$t/err"; then
		no "truncated input: the output does not load"
		show_err
	elif [ "$rc" = 2 ]; then
		untouched "truncated input" "$t/tr"
	else
		pass=$((pass + 1))
	fi
fi

# ------------------------------------------------------------------
# Signals: a long import killed early, and killed while it writes its
# output: status 2, one line, the old output untouched, no temporary
# file left.

# interrupt NAME SIGNAL WHEN TABLE: WHEN is a delay in seconds, or
# "write" to wait until the temporary output file has bytes in it, then
# stop the import there and signal it.
interrupt() {
	name=$1 sig=$2 when=$3 table=$4
	fresh "$t/sig"
	kll-vocab import -q --id big -o "$t/sig/out" "$table" 2>"$t/err" &
	pid=$!
	if [ "$when" = write ]; then
		i=0
		while [ $i -lt 6000 ]; do
			for f in "$t/sig/out".tmp*; do
				[ -s "$f" ] && break 2
			done
			sleep 0.01
			i=$((i + 1))
		done
		kill -s STOP $pid 2>/dev/null
	else
		sleep "$when"
	fi
	if ! kill -s "$sig" $pid 2>/dev/null; then
		# The run ended first: then its output must be whole.
		wait $pid
		rc=$?
		if [ $rc = 0 ] && [ "$(ls -A "$t/sig")" = out ] &&
		    kll-vocab info "$t/sig/out" >/dev/null 2>&1; then
			echo "note: $name: the import ended before the signal"
			pass=$((pass + 1))
		else
			no "$name: ended before the signal with status $rc"
		fi
		return
	fi
	kill -s CONT $pid 2>/dev/null
	wait $pid
	rc=$?
	# On a loaded machine the signal can come before the command has set
	# its handlers (it dies of the signal) or after its last write (it
	# ends well): either way no output may be half written.
	if [ $rc = 0 ] && [ "$(ls -A "$t/sig")" = out ] &&
	    kll-vocab info "$t/sig/out" >/dev/null 2>&1; then
		echo "note: $name: the import ended before it saw the signal"
		pass=$((pass + 1))
	elif [ $rc -gt 128 ]; then
		echo "note: $name: the signal came before the handlers were set"
		untouched "$name" "$t/sig"
	else
		trouble "$name" 'interrupted; no output was changed' &&
			untouched "$name" "$t/sig"
	fi
}

# A table of 150,000 rows (35 MB), and the largest shipped one.
awk 'BEGIN { d = sprintf("%200s", ""); gsub(/ /, "d", d)
	print "code,parent,label_en,definition_en"
	for (i = 0; i < 150000; i++)
		printf "c%d,%s,Label %d,%s %d\n", i,
		    (i < 10 ? "" : "c" int(i / 10)), i, d, i }' >"$t/big.csv"
[ -f "$big" ] || big=$t/big.csv
interrupt "SIGINT after 0.05 s" INT 0.05 "$big"
interrupt "SIGHUP after 0.1 s" HUP 0.1 "$t/big.csv"
interrupt "SIGTERM after 0.4 s" TERM 0.4 "$t/big.csv"
if [ -z "${FAULTS_QUICK:-}" ]; then
	interrupt "SIGINT while writing" INT write "$t/big.csv"
fi

# ------------------------------------------------------------------
# Memory that runs out.  Each command first runs as it is, then with
# KLL_FAIL_ALLOC=1, 2, 3, ...; every run that is not the same as the
# first must end with status 2 and say "out of memory" on stderr, adding
# at most that line to what the first run printed there, with an -o
# output untouched.

# alloc NAME CMD...: "OUT" in CMD stands for an output file (-o).
alloc() {
	name=$1
	shift
	fresh "$t/am"
	"$@" >"$t/base.out" 2>"$t/base.err"
	base=$?
	base_lines=$(wc -l <"$t/base.err")
	n=1
	while [ $n -le 20000 ]; do
		fresh "$t/am"
		KLL_FAIL_ALLOC=$n "$@" >"$t/out" 2>"$t/err"
		rc=$?
		if [ $rc = "$base" ] && cmp -s "$t/out" "$t/base.out" &&
		    cmp -s "$t/err" "$t/base.err"; then
			echo "alloc: $name: $((n - 1)) allocations fail cleanly"
			pass=$((pass + 1))
			return
		fi
		if [ $rc != 2 ]; then
			no "alloc: $name: KLL_FAIL_ALLOC=$n: exit status $rc"
			show_err
			return
		fi
		if ! grep -q 'out of memory' "$t/err"; then
			no "alloc: $name: KLL_FAIL_ALLOC=$n: no 'out of memory'"
			show_err
			return
		fi
		if [ "$(wc -l <"$t/err")" -gt $((base_lines + 1)) ]; then
			no "alloc: $name: KLL_FAIL_ALLOC=$n: more on stderr"
			show_err 8
			return
		fi
		if [ "$(cat "$t/am/out")" != old ] ||
		    [ "$(ls -A "$t/am")" != out ]; then
			no "alloc: $name: KLL_FAIL_ALLOC=$n: output changed"
			return
		fi
		n=$((n + 1))
	done
	no "alloc: $name: still failing after $n allocations"
}

KLL_FAIL_ALLOC=1 kll-vocab list -L "$data/vocab" occ >/dev/null 2>&1
if [ $? = 0 ]; then
	echo "skip allocation failures: not a FAULTS=1 build ($bin)"
else
	am=$t/am/out
	alloc "vocab import" kll-vocab import -q --id occ -o "$am" \
	    "$data/vocab/occ.csv"
	alloc "vocab list" kll-vocab list -L "$data/vocab" occ
	alloc "vocab show" kll-vocab show -L "$data/vocab" occ 0110 2512
	alloc "vocab search" kll-vocab search -L "$data/vocab" occ officer
	alloc "vocab check" kll-vocab check "$data/check/cycle.ttl" \
	    "$data/check/levels.ttl"
	alloc "map import" kll-map import -q -L "$data/vocab" -s occ -t isc \
	    -o "$am" "$data/map/import-occ-isc.csv"
	alloc "map check" kll-map check -L "$data/vocab" \
	    "$data/map/occ_isc.sssom.tsv"
	alloc "map learn" kll-map learn -q -L "$data/vocab" -s occ -t isc \
	    --subject-column=occ --object-column=isc \
	    --pairs="$data/map/import-occ-isc.csv" -o "$am" \
	    "$data/map/learn-titles.csv"
	alloc "map learn --key" kll-map learn -q -L "$data/vocab" \
	    --count-column=n --key="$data/map/occ_isc.sssom.tsv" \
	    "$data/map/learn-counts.tsv"
	# A key published: the configuration read line by line, the
	# dumps, their N-Triples counted, catalog.rdf, the page; a failed
	# run leaves no folder, new or temporary, beside "out".
	alloc "publish" kll-publish -q -c "$data/publish/fixture.conf" \
	    --theme=EDUC -L "$data/publish/tree/vocab" -o "$t/am/pub" \
	    "$data/publish/tree/mappings/edu_lvl.sssom.tsv"
fi

echo "faults: $pass passed, $fail failed"
[ $fail = 0 ]
