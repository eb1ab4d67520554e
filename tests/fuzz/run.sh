#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Build the libFuzzer targets tests/fuzz/fuzz_*.c against the fuzzing
# build of libkll ($B/lib/libkll.a, made by `make fuzz`), replay every
# saved crash and seed (tests/fuzz/crashes/TARGET/, tests/fuzz/corpus/
# TARGET/: each must now pass), then fuzz each target for FUZZ_SECONDS,
# FUZZ_JOBS at a time.
#
#   FUZZ_SECONDS  time per target (default 600); 0 only replays
#   FUZZ_JOBS     targets fuzzed at once (default 2)
#   FUZZ_TARGETS  names to run (default: all), e.g. "csv sssom"
#   B             the build folder (default build/fuzz)
#
# The corpus grows in $B/corpus/TARGET/; crashes land in
# $B/artifacts/TARGET/ with the log in $B/log/TARGET.log.  The exit status
# is 1 when a replay fails or a run leaves a crash.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
B=${B:-build/fuzz}
secs=${FUZZ_SECONDS:-600}
jobs=${FUZZ_JOBS:-2}
fz=tests/fuzz
CC=${FUZZ_CC:-clang}

if [ ! -f "$B/lib/libkll.a" ]; then
	echo "fuzz: $B/lib/libkll.a is missing: run 'make fuzz'" >&2
	exit 2
fi
targets=${FUZZ_TARGETS:-$(for f in $fz/fuzz_*.c; do
	f=${f##*/fuzz_}; echo "${f%.c}"; done)}
# The libraries and flags libkll.a needs: from make (KLL_LIBS,
# KLL_CFLAGS), else the same list asked of pkg-config.
pkgs="serd-0 raptor2 redland libxml-2.0 yaml-0.1 sqlite3 libpq"
libs=${KLL_LIBS:-"$(pkg-config --libs $pkgs) -lunistring -lstemmer -lm"}
cflags="-std=c99 -D_POSIX_C_SOURCE=200809L -O1 -g -Wall -Wextra -Wpedantic
-Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2
-Wno-format-nonliteral -fno-omit-frame-pointer -Ilib -I$fz
${KLL_CFLAGS:-$(pkg-config --cflags $pkgs)}"
san="-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all"
mkdir -p "$B/bin" "$B/log"

# Leaks are crashes too, but not raptor's own (tests/lsan.supp, and for
# the targets that only parse RDF, tests/fuzz/lsan-rdf-read.supp).
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS UBSAN_OPTIONS
supp() {
	case $1 in
	turtle | ntriples) s=$top/$fz/lsan-rdf-read.supp ;;
	*) s=$top/tests/lsan.supp ;;
	esac
	echo "suppressions=$s:print_suppressions=0"
}

status=0
for t in $targets; do
	# shellcheck disable=SC2086
	$CC $cflags $san -o "$B/bin/fuzz_$t" "$fz/fuzz_$t.c" "$fz/fuzz.c" \
	    "$B/lib/libkll.a" $libs || exit 2
done

# Replays: every seed and every saved crash must pass now.
for t in $targets; do
	set --
	for d in "$fz/corpus/$t" "$fz/crashes/$t"; do
		[ -d "$d" ] || continue
		for f in "$d"/*; do
			[ -f "$f" ] && set -- "$@" "$f"
		done
	done
	[ $# -gt 0 ] || continue
	if LSAN_OPTIONS=$(supp "$t") "$B/bin/fuzz_$t" -timeout=20 "$@" \
	    >"$B/log/$t.replay" 2>&1; then
		echo "fuzz: $t: $# saved inputs pass"
	else
		echo "fuzz: $t: a saved input fails; see $B/log/$t.replay"
		status=1
	fi
done
[ "$secs" -gt 0 ] || exit $status

# Each target runs in libFuzzer's fork mode, so that it goes on after a
# crash and one run finds as many as it can.  raptor loses a block on
# most documents (tests/fuzz/lsan-rdf-read.supp), and libFuzzer then runs
# a leak check after each input, which makes the RDF targets a hundred
# times slower: they fuzz without leak checks, and their whole corpus is
# run once more with them at the end.
run_one() {
	t=$1
	mkdir -p "$B/corpus/$t" "$B/artifacts/$t"
	rm -f "$B/artifacts/$t"/*
	dict= leaks=1
	[ -f "$fz/dict/$t.dict" ] && dict=-dict=$fz/dict/$t.dict
	case $t in turtle | ntriples) leaks=0 ;; esac
	# shellcheck disable=SC2086
	LSAN_OPTIONS=$(supp "$t") "$B/bin/fuzz_$t" -fork=1 \
	    -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
	    -detect_leaks=$leaks -max_total_time="$secs" -timeout=20 \
	    -rss_limit_mb=2048 -max_len=65536 \
	    -artifact_prefix="$B/artifacts/$t/" $dict \
	    "$B/corpus/$t" "$fz/corpus/$t" >"$B/log/$t.log" 2>&1
	[ $leaks = 1 ] && return
	LSAN_OPTIONS=$(supp "$t") "$B/bin/fuzz_$t" -runs=0 -timeout=20 \
	    -artifact_prefix="$B/artifacts/$t/" "$B/corpus/$t" \
	    >"$B/log/$t.leaks" 2>&1 ||
		echo "fuzz: $t: leak check failed; see $B/log/$t.leaks"
}

# One line per target; 1 when it left crashes behind.
summary() {
	t=$1
	last=$(grep -aE '^#[0-9]+: cov' "$B/log/$t.log" | tail -1)
	runs=$(echo "$last" | sed -n 's/^#\([0-9]*\):.*/\1/p')
	cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	speed=$(echo "$last" | sed -n 's/.* exec\/s \([0-9]*\).*/\1/p')
	n=$(find "$B/corpus/$t" -type f | wc -l)
	k=$(find "$B/artifacts/$t" -type f | wc -l)
	echo "fuzz: $t: ${runs:-?} runs (${speed:-?}/s), coverage ${cov:-?}," \
	    "corpus $n, crashes $k"
	[ "$k" = 0 ] && return 0
	find "$B/artifacts/$t" -type f | sed 's/^/    /'
	return 1
}

set -- $targets
while [ $# -gt 0 ]; do
	batch=
	i=0
	while [ $# -gt 0 ] && [ $i -lt "$jobs" ]; do
		run_one "$1" &
		batch="$batch $1:$!"
		shift
		i=$((i + 1))
	done
	for tp in $batch; do
		wait "${tp#*:}"
		summary "${tp%%:*}" || status=1
	done
done
exit $status
