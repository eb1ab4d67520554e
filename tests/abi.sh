#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# The shared library's interface (part of make test): libkll.so.0 exports
# exactly the functions lib/kll.h declares, each under version KLL_0, and
# none of the internal kll__ ones; debian/libkll0.symbols lists the same.
#   B  the build folder (default build)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
so=${B:-build}/lib/libkll.so.0
T=$(mktemp -d) || exit 2
trap 'rm -rf "$T"' EXIT
fail=0
no() { echo "FAIL abi: $*"; fail=$((fail + 1)); }

[ -f "$so" ] || { echo "abi: $so is missing: run make" >&2; exit 2; }
grep -oE '\bkll_[a-z0-9_]+\(' lib/kll.h | grep -v '^kll__' | tr -d '(' |
    sort -u > "$T/header"
# nm -D prints NAME@@VERSION for a symbol of the default version.
nm -D --defined-only "$so" | awk '$2 ~ /^[TtWwDdBbRr]$/ { print $3 }' |
    sort -u > "$T/exported"
sed -n 's/@@KLL_0$//p' "$T/exported" | grep -v '^KLL_0$' > "$T/names"
grep -v '@@KLL_0$' "$T/exported" > "$T/unversioned"
[ -s "$T/unversioned" ] &&
	no "exported without version KLL_0: $(tr '\n' ' ' < "$T/unversioned")"
grep -q '^kll__' "$T/names" &&
	no "internal functions exported: $(grep '^kll__' "$T/names" | head -5 | tr '\n' ' ')"
comm -23 "$T/header" "$T/names" > "$T/missing"
comm -13 "$T/header" "$T/names" > "$T/extra"
[ -s "$T/missing" ] &&
	no "declared in kll.h, not exported: $(tr '\n' ' ' < "$T/missing")"
[ -s "$T/extra" ] &&
	no "exported, not in kll.h: $(tr '\n' ' ' < "$T/extra")"
sed -n 's/^ \(kll_[a-z0-9_]*\)@KLL_0 .*/\1/p' debian/libkll0.symbols |
    sort > "$T/symbols"
cmp -s "$T/symbols" "$T/header" ||
	no "debian/libkll0.symbols differs from kll.h: $(diff "$T/header" "$T/symbols" | grep '^[<>]' | head -5 | tr '\n' ' ')"
if [ "$fail" -eq 0 ]; then
	echo "abi: $(wc -l < "$T/names" | tr -d ' ') functions of kll.h exported, version KLL_0, nothing else"
	exit 0
fi
exit 1
