#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# The examples of README.md, run.  Each ```console block there holds
# commands after a "$ " prompt (a line ending in a backslash goes on
# with the next one) and, after each command, what it prints, stdout and
# stderr together, exactly.  The commands run in order in one scratch
# folder (so that one example can use the file an earlier one wrote),
# with vocab/ and mappings/ linked there from the tree, the built
# commands first in PATH and KLL_PATH at the shipped vocabularies, as
# the README's tour sets them up.  An example passes when its command
# exits 0 and prints exactly what the README shows.
#   KLL_BIN          the commands (default build/bin)
#   KLL_README_PATH  KLL_PATH for the examples (default vocab/ of the tree)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${KLL_BIN:-$top/build/bin}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

# Split the blocks into ex/N.cmd and ex/N.out.
mkdir "$tmp/ex" "$tmp/work" "$tmp/home"
awk -v dir="$tmp/ex" '
	/^```console$/ { inblock = 1; next }
	inblock && /^```/ { inblock = 0; more = 0; next }
	!inblock { next }
	more { print > cmd; more = /\\$/; next }
	/^\$ / {
		close(cmd); close(out)
		n++
		cmd = sprintf("%s/%03d.cmd", dir, n)
		out = sprintf("%s/%03d.out", dir, n)
		print substr($0, 3) > cmd
		printf "" > out
		more = /\\$/
		next
	}
	{ print > out }
' "$top/README.md"

ln -s "$top/vocab" "$tmp/work/vocab"
ln -s "$top/mappings" "$tmp/work/mappings"
pass=0 fail=0
for c in "$tmp"/ex/*.cmd; do
	[ -f "$c" ] || continue
	line=$(head -1 "$c")
	(cd "$tmp/work" && PATH=$bin:$PATH LC_ALL=C.UTF-8 HOME=$tmp/home \
	    TMPDIR=$tmp KLL_PATH=${KLL_README_PATH:-$top/vocab} \
	    sh "$c" >"$tmp/got" 2>&1)
	rc=$?
	if [ $rc != 0 ]; then
		echo "FAIL readme: $line: exit status $rc"
		sed 's/^/    /' "$tmp/got" | head -10
		fail=$((fail + 1))
	elif ! diff -u "${c%.cmd}.out" "$tmp/got" >"$tmp/diff"; then
		echo "FAIL readme: $line: the output differs from README.md"
		sed 's/^/    /' "$tmp/diff" | head -20
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done
if [ $((pass + fail)) = 0 ]; then
	echo "FAIL readme: no example found in README.md"
	exit 1
fi
echo "readme: $pass passed, $fail failed"
[ $fail = 0 ]
