#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# The fast Turtle reader of lib/rdfload.c against raptor: for every Turtle
# file given (default: vocab/*.ttl and those under tests/), what the
# loader keeps must be the same, in the same order, whichever reads it;
# the reader is built twice, with its usual buffer and with one of 64
# bytes, so that statements cross buffer ends everywhere.  Run after make.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
B=${B:-build}
W=$B/bench/loadcmp
mkdir -p "$W"
flags="-std=c99 -D_POSIX_C_SOURCE=200809L -O2 -Ilib $(pkg-config --cflags raptor2)"
libs="$B/lib/libkll.a $(pkg-config --libs raptor2 redland libxml-2.0 yaml-0.1) -lunistring"
# shellcheck disable=SC2086
cc $flags -o "$W/loadcmp" bench/loadcmp.c $libs &&
cc $flags -DFAST_CHUNK=64 -o "$W/loadcmp64" bench/loadcmp.c lib/rdfload.c $libs ||
	exit 2
[ $# -gt 0 ] || set -- vocab/*.ttl $(find tests -name '*.ttl' | sort)
n=0 bad=0
for f in "$@"; do
	n=$((n + 1))
	"$W/loadcmp" "$f" "file://$top/$f" > "$W/raptor.txt"
	for v in loadcmp loadcmp64; do
		"$W/$v" "$f" > "$W/fast.txt"
		if ! cmp -s "$W/fast.txt" "$W/raptor.txt"; then
			echo "FAIL loadcmp: $f ($v)"
			diff "$W/raptor.txt" "$W/fast.txt" | head -5
			bad=$((bad + 1))
		fi
	done
done
echo "loadcmp: $((n - bad)) passed, $bad failed"
[ $bad -eq 0 ]
