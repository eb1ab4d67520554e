#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# The diagnostics of the checks (kll-map check, kll-vocab check) in
# every format, as golden cases: each folder cases/CASE/ holds cmd, rc,
# out and err as tests/cli does (run in the case folder, the built
# commands first in PATH).  The stdout of each case named sarif-* is
# also validated against the SARIF 2.1.0 schema of OASIS kept here
# (sarif-schema-2.1.0.json, see SCHEMA.md) with ajv-cli, installed by
# npm from package-lock.json into node_modules/ of this folder on the
# first run, and must come out byte for byte the same a second time.
#   KLL_BIN      the commands (default build/bin)
#   KLL_UPDATE=1 write what the commands print as the new goldens
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
bin=${KLL_BIN:-$top/build/bin}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0

ajv=$here/node_modules/.bin/ajv
if [ ! -x "$ajv" ]; then
	if ! command -v npm >/dev/null 2>&1; then
		echo "FAIL sarif: npm is missing (tools/deps.sh installs it)"
		exit 2
	fi
	(cd "$here" && npm ci --no-audit --no-fund --loglevel=error \
	    >"$tmp/npm" 2>&1) || {
		echo "FAIL sarif: npm ci in tests/sarif failed:"
		sed 's/^/    /' "$tmp/npm" | tail -20
		exit 2
	}
fi

# $1 valid against the schema, or a message.
validate() {
	cp "$1" "$tmp/doc.json"
	if ! "$ajv" validate -s "$here/sarif-schema-2.1.0.json" \
	    -d "$tmp/doc.json" --schema-id=id >"$tmp/ajv" 2>&1; then
		echo "FAIL $name: not valid SARIF 2.1.0:"
		sed 's/^/    /' "$tmp/ajv" | head -20
		return 1
	fi
}

run() {
	(cd "$1" && PATH=$bin:$PATH LC_ALL=C KLL_PATH= HOME=$tmp \
	    TMPDIR=$tmp sh ./cmd </dev/null >"$2" 2>"$3")
}

for dir in "$here"/cases/*/; do
	dir=${dir%/}
	name=${dir##*/}
	[ -f "$dir/cmd" ] || continue
	want_rc=0
	[ -f "$dir/rc" ] && want_rc=$(cat "$dir/rc")
	run "$dir" "$tmp/out" "$tmp/err"
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
	case $name in
	sarif-*)
		validate "$tmp/out" || ok=0
		run "$dir" "$tmp/again" "$tmp/err2"
		if ! cmp -s "$tmp/out" "$tmp/again"; then
			echo "FAIL $name: a second run gives other bytes"
			ok=0
		fi
		;;
	esac
	if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done

# The validator itself: a document that breaks the schema is refused.
name=validator
sed 's/"level": "error"/"level": "fatal"/' "$here/cases/sarif-mixed/out" \
    >"$tmp/broken"
if validate "$tmp/broken" >/dev/null; then
	echo "FAIL validator: a SARIF level 'fatal' passes the schema"
	fail=$((fail + 1))
else
	pass=$((pass + 1))
fi

echo "sarif: $pass passed, $fail failed"
[ $fail = 0 ]
