#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# The XKOS export of kll-map, checked by a SHACL engine that shares no code
# with kll (rdf-validate-shacl on Node.js) and parsed by rapper.
#
# Exports tests/data/map/occ_isc.sssom.tsv, tests/data/map/export-full.
# sssom.tsv and every mappings/*.sssom.tsv with --to=xkos and validates
# each against the shapes: kll's own (shapes/), and the XKOS best-practice
# shapes of the specification when $KLL_SHARED/spec/xkos holds them
# (default: ../shared beside the tree).  One line per violation, and per
# warning with KLL_SHACL_WARNINGS=1 (else a count); the run fails on any
# violation.  A file that breaks the rules
# on purpose must fail, so that an engine that finds nothing cannot pass.
#
# The engine is installed with `npm ci` into build/shacl-node (from
# package-lock.json, once); without npm, Debian's nodejs and npm are
# installed first.  KLL_BIN names the built commands (default build/bin).
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
bin=${KLL_BIN:-$top/build/bin}
shared=${KLL_SHARED:-$top/../shared}
engine=$top/build/shacl-node
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0

say() { echo "shacl: $*"; }

install_engine() {
	if [ -f "$engine/node_modules/rdf-validate-shacl/package.json" ] &&
	    cmp -s "$here/package-lock.json" "$engine/package-lock.json"; then
		return 0
	fi
	if ! command -v npm >/dev/null 2>&1; then
		sudo=
		[ "$(id -u)" = 0 ] || sudo=sudo
		DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q \
		    --no-install-recommends nodejs npm >/dev/null 2>&1 ||
		    { $sudo apt-get update -q >/dev/null 2>&1 &&
		      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y \
		      -q --no-install-recommends nodejs npm >/dev/null 2>&1; } ||
		    { say "cannot install nodejs and npm"; return 1; }
	fi
	if ! { mkdir -p "$engine" &&
	    cp "$here/package.json" "$here/package-lock.json" "$engine/" &&
	    (cd "$engine" && npm ci --no-audit --no-fund --loglevel=error \
	        >"$tmp/npm.log" 2>&1); }; then
		cat "$tmp/npm.log" 2>/dev/null
		say "npm ci failed"
		return 1
	fi
}

# The shapes: kll's own, and the specification's when they are there.
shapes=$here/shapes/kll-xkos-correspondence.ttl
for f in xkos-best-practices-conformance-shapes.ttl \
    xkos-best-practices-recommended-optional-shapes.ttl; do
	[ -f "$shared/spec/xkos/$f" ] && shapes="$shapes $shared/spec/xkos/$f"
done

validate() {	# name file: rapper, then the shapes
	if ! rapper -q -i turtle -c "$2" 2>"$tmp/rapper.err"; then
		sed "s|^|$1: |" "$tmp/rapper.err"
		return 1
	fi
	# shellcheck disable=SC2086
	node "$engine/validate.mjs" ${KLL_SHACL_WARNINGS:+--warnings} \
	    $shapes -- "$2" >"$tmp/report" 2>&1
	rc=$?
	sed "s|^$2:|$1:|" "$tmp/report"
	return $rc
}

check() {	# name key [options]: export with --to=xkos and validate
	name=$1 key=$2
	shift 2
	out=$tmp/$(basename "$key" .sssom.tsv).ttl
	if ! "$bin/kll-map" export -q --to=xkos "$@" -o "$out" "$key"; then
		say "FAIL $name: kll-map export failed"
		fail=$((fail + 1))
		return
	fi
	if validate "$name" "$out"; then
		pass=$((pass + 1))
	else
		say "FAIL $name"
		fail=$((fail + 1))
	fi
}

install_engine || exit 2
cp "$here/validate.mjs" "$engine/validate.mjs"
command -v rapper >/dev/null 2>&1 || { say "rapper is missing"; exit 2; }

# The engine must see what is wrong in a file that is wrong.
validate bad-correspondence.ttl "$here/bad-correspondence.ttl" \
    >"$tmp/bad.out" 2>&1
if [ $? -eq 1 ] && grep -q ': violation: ' "$tmp/bad.out"; then
	pass=$((pass + 1))
else
	cat "$tmp/bad.out"
	say "FAIL the engine finds no violation in bad-correspondence.ttl"
	fail=$((fail + 1))
fi

# The test keys; occ_isc has no publication date, which XKOS requires.
check occ_isc "$top/tests/data/map/occ_isc.sssom.tsv" \
    -L "$top/tests/data/vocab" --meta=publication_date=2024-06-01
check export-full "$top/tests/data/map/export-full.sssom.tsv"
# One association per row.
check occ_isc-pairs "$top/tests/data/map/occ_isc.sssom.tsv" \
    -L "$top/tests/data/vocab" --meta=publication_date=2024-06-01 \
    --xkos-associations=pair
# The shipped keys, with the shipped vocabularies.
for key in "$top"/mappings/*.sssom.tsv; do
	[ -f "$key" ] || continue
	check "mappings/$(basename "$key")" "$key" -L "$top/vocab"
done
echo "shacl: $pass passed, $fail failed"
[ "$fail" = 0 ]
