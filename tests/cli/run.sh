#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Golden tests of the commands.  Each folder tests/cli/CASE/ holds:
#   cmd     the command line (sh), run in the case folder
#   stdin   optional: what the command reads on stdin
#   rc      optional: the exact exit status expected (default 0)
#   out     optional: the exact stdout expected (default empty)
#   err     optional: the exact stderr expected (default empty)
# The built commands come first in PATH ($KLL_BIN, default build/bin);
# vocabulary ids resolve in tests/data/vocab only.  A case passes when the
# status is exactly rc (never a crash: below 126) and diff finds nothing.
# Set KLL_UPDATE=1 to write what the commands print as the new goldens.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${KLL_BIN:-$top/build/bin}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0
for dir in "$top"/tests/cli/*/; do
	dir=${dir%/}
	name=${dir##*/}
	[ -f "$dir/cmd" ] || continue
	want_rc=0
	[ -f "$dir/rc" ] && want_rc=$(cat "$dir/rc")
	in=/dev/null
	[ -f "$dir/stdin" ] && in=$dir/stdin
	(cd "$dir" && PATH=$bin:$PATH LC_ALL=C KLL_PATH= HOME=$tmp \
	    TMPDIR=$tmp KLL_TESTDATA=$top/tests/data \
	    sh ./cmd <"$in" >"$tmp/out" 2>"$tmp/err")
	rc=$?
	ok=1
	if [ "$rc" -ge 126 ] || [ "$rc" != "$want_rc" ]; then
		echo "FAIL $name: exit status $rc, expected $want_rc"
		ok=0
	fi
	for f in out err; do
		if [ "${KLL_UPDATE:-}" = 1 ]; then
			if [ -s "$tmp/$f" ]; then cp "$tmp/$f" "$dir/$f"
			else rm -f "$dir/$f"; fi
			continue
		fi
		want=$dir/$f
		[ -f "$want" ] || want=/dev/null
		if ! diff -u "$want" "$tmp/$f" >"$tmp/diff"; then
			echo "FAIL $name: $f differs"
			sed 's/^/    /' "$tmp/diff" | head -20
			ok=0
		fi
	done
	if [ "${KLL_UPDATE:-}" = 1 ]; then echo "$rc" >"$dir/rc"; fi
	if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
echo "cli: $pass passed, $fail failed"
[ $fail = 0 ]
