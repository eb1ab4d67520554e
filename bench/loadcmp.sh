#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# The Turtle reader of lib/rdf_read.c (serd behind the guard) from a file
# and from a pipe: for every Turtle file given (default: vocab/*.ttl and
# those under tests/), what the loader keeps must be the same, in the
# same order, whichever way the bytes come.  Run after make.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
B=${B:-build}
W=$B/bench/loadcmp
mkdir -p "$W"
flags="-std=c99 -D_POSIX_C_SOURCE=200809L -O2 -Ilib $(pkg-config --cflags serd-0 raptor2)"
libs="$B/lib/libkll.a $(pkg-config --libs serd-0 raptor2 redland libxml-2.0 yaml-0.1 sqlite3 libpq) -lunistring -lstemmer -lm"
# shellcheck disable=SC2086
cc $flags -o "$W/loadcmp" bench/loadcmp.c $libs || exit 2
[ $# -gt 0 ] || set -- vocab/*.ttl $(find tests -name '*.ttl' | sort)
n=0 bad=0
for f in "$@"; do
	n=$((n + 1))
	"$W/loadcmp" "$f" "file://$top/$f" > "$W/pipe.txt"
	for v in loadcmp; do
		"$W/$v" "$f" > "$W/file.txt"
		if ! cmp -s "$W/file.txt" "$W/pipe.txt"; then
			echo "FAIL loadcmp: $f ($v)"
			diff "$W/pipe.txt" "$W/file.txt" | head -5
			bad=$((bad + 1))
		fi
	done
done
echo "loadcmp: $((n - bad)) passed, $bad failed"
[ $bad -eq 0 ]
