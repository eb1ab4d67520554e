#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# The catalog that kll-publish writes, checked by tools that share no code
# with kll's writer: rapper parses it as RDF/XML, and rdf-validate-shacl
# (Node.js, the engine tests/shacl/ installs into build/shacl-node)
# validates it against the EU DCAT-AP 3.0.1 shapes (shapes/dcat-ap-SHACL.ttl
# and shapes/ranges.ttl) and against kll's DCAT-AP-SE shapes
# (shapes/kll-dcat-ap-se.ttl).
#
# Catalogs: the test fixture (occ, isc and the key occ_isc with
# tests/data/publish/fixture.conf), the small tree of
# tests/data/publish/tree (published whole, without operands), and the
# shipped vocab/ and mappings/ with publish.conf.example (skipped with
# KLL_PUBLISH_SHIPPED=0; it takes most of the time).  Every IRI must be
# absolute.  Where DCAT-AP-SE deliberately differs from DCAT-AP 3 the EU
# shapes report violations: the rules below let exactly those through,
# and any other violation fails.  Files broken on purpose must fail, so
# that an engine that finds nothing cannot pass.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
bin=${KLL_BIN:-$top/build/bin}
engine=$top/build/shacl-node
eng_src=$top/tests/shacl
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0
say() { echo "publish-shacl: $*"; }

# The rules of the EU shapes that DCAT-AP-SE deliberately breaks, one per
# line: the path and constraint component as validate.mjs prints them.
#  1. dcterms:format, sh:class dct:MediaTypeOrExtent: DCAT-AP-SE 3.0.1
#     wants an IANA media type written as a literal ("text/turtle"), where
#     DCAT-AP 3 wants an IRI of the EU file-type list.
#  2. dcterms:format, sh:nodeKind sh:BlankNodeOrIRI: the same rule, seen
#     through the node kind.
deviations='<http://purl.org/dc/terms/format>: .*\[sh:ClassConstraintComponent\]$
<http://purl.org/dc/terms/format>: .*\[sh:NodeKindConstraintComponent\]$'

eu_shapes="$here/shapes/dcat-ap-SHACL.ttl $here/shapes/ranges.ttl"
se_shapes=$here/shapes/kll-dcat-ap-se.ttl

install_engine() {
	for f in package.json package-lock.json validate.mjs; do
		[ -f "$eng_src/$f" ] || { say "no $eng_src/$f"; return 1; }
	done
	if ! [ -f "$engine/node_modules/rdf-validate-shacl/package.json" ] ||
	    ! cmp -s "$eng_src/package-lock.json" "$engine/package-lock.json"; then
		if ! command -v npm >/dev/null 2>&1; then
			sudo=
			[ "$(id -u)" = 0 ] || sudo=sudo
			DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q \
			    --no-install-recommends nodejs npm >/dev/null 2>&1 ||
			    { say "cannot install nodejs and npm"; return 1; }
		fi
		mkdir -p "$engine" &&
		    cp "$eng_src/package.json" "$eng_src/package-lock.json" \
		    "$engine/" &&
		    (cd "$engine" && npm ci --no-audit --no-fund \
		    --loglevel=error >"$tmp/npm.log" 2>&1) ||
		    { cat "$tmp/npm.log"; say "npm ci failed"; return 1; }
	fi
	cp "$eng_src/validate.mjs" "$engine/validate.mjs"
}

# validate NAME FILE.nt SHAPES...: the violations, as validate.mjs says
# them, into $tmp/report; returns its status (0, 1, or 2: cannot read).
validate() {
	v_file=$2
	shift 2
	node "$engine/validate.mjs" "$@" -- "$v_file" >"$tmp/report" 2>&1
}

# check NAME DIR: the catalog of DIR, through rapper and both sets of
# shapes.
check() {
	name=$1 dir=$2 ok=1
	if ! rapper -q -i rdfxml -c "$dir/catalog.rdf" 2>"$tmp/rapper.err"; then
		sed "s|^|$name: |" "$tmp/rapper.err"
		ok=0
	fi
	rapper -q -i rdfxml -o ntriples "$dir/catalog.rdf" >"$tmp/$name.nt" \
	    2>/dev/null
	# Every IRI absolute: http(s) or mailto, nothing resolved against
	# the file.
	if sed 's/"\([^"\\]\|\\.\)*"/""/g' "$tmp/$name.nt" |
	    grep -o '<[^>]*>' | grep -v -E '^<(https?://|mailto:)' |
	    head -3 | grep .; then
		say "$name: IRIs that are not absolute http(s) or mailto"
		ok=0
	fi
	# shellcheck disable=SC2086
	validate "$name" "$tmp/$name.nt" $eu_shapes
	rc=$?
	if [ $rc = 2 ]; then
		cat "$tmp/report"
		ok=0
	fi
	printf '%s\n' "$deviations" >"$tmp/allowed"
	grep ': violation: ' "$tmp/report" | grep -v -E -f "$tmp/allowed" \
	    >"$tmp/left"
	ndev=$(grep ': violation: ' "$tmp/report" | grep -c -E -f "$tmp/allowed")
	if [ -s "$tmp/left" ]; then
		sed "s|^$tmp/$name.nt|$name|" "$tmp/left" | head -20
		ok=0
	fi
	validate "$name" "$tmp/$name.nt" $se_shapes
	if [ $? != 0 ]; then
		sed "s|^$tmp/$name.nt|$name|" "$tmp/report" | head -20
		ok=0
	fi
	if [ $ok = 1 ]; then
		say "$name: DCAT-AP 3 and DCAT-AP-SE shapes pass" \
		    "($ndev results of the named deviations)"
		pass=$((pass + 1))
	else
		say "FAIL $name"
		fail=$((fail + 1))
	fi
}

# must_fail NAME FILE.nt SHAPES PATTERN: the engine must find PATTERN.
must_fail() {
	name=$1 file=$2 shapes=$3 pattern=$4
	# shellcheck disable=SC2086
	validate "$name" "$file" $shapes
	if [ $? = 1 ] && grep -q -- "$pattern" "$tmp/report"; then
		pass=$((pass + 1))
	else
		cat "$tmp/report"
		say "FAIL $name: the shapes find nothing wrong in a bad catalog"
		fail=$((fail + 1))
	fi
}

install_engine || exit 2
command -v rapper >/dev/null 2>&1 || { say "rapper is missing"; exit 2; }
PATH=$bin:$PATH
data=$top/tests/data

if kll-publish -q -c "$data/publish/fixture.conf" -L "$data/vocab" \
    -o "$tmp/fixture" occ isc "$data/map/occ_isc.sssom.tsv" 2>"$tmp/err"; then
	check fixture "$tmp/fixture"
else
	cat "$tmp/err"; say "FAIL fixture: kll-publish failed"
	fail=$((fail + 1))
fi
if kll-publish -q -c "$data/publish/fixture.conf" --theme=EDUC \
    -L "$data/publish/tree/vocab" -o "$tmp/tree" 2>"$tmp/err"; then
	check tree "$tmp/tree"
else
	cat "$tmp/err"; say "FAIL tree: kll-publish failed"
	fail=$((fail + 1))
fi
if [ "${KLL_PUBLISH_SHIPPED:-1}" != 0 ] && [ -f "$top/vocab/INDEX" ]; then
	if KLL_PATH= kll-publish -q -c "$top/publish.conf.example" \
	    -L "$top/vocab" -o "$tmp/shipped" 2>"$tmp/err"; then
		check shipped "$tmp/shipped"
	else
		cat "$tmp/err"; say "FAIL shipped: kll-publish failed"
		fail=$((fail + 1))
	fi
fi

# Every published vocabulary against the XKOS best-practice conformance
# shapes of the specification ($KLL_SHARED/spec/xkos, default ../shared
# beside the tree), when they are there.  The scheme must pass: its
# skos:notation and dcterms:issued, which kll-publish adds where the
# vocabulary lacks them, included.  Named deviations of the data, not of
# kll-publish:
#  1. xkos:numberOfLevels is an xsd:positiveInteger, as the XKOS
#     ontology gives its range; the shapes want xsd:integer.
#  2. ESCO's and ISCO's definitions are plain literals, where the shapes
#     want xkos:ExplanatoryNote resources (the focus node is a literal).
shared=${KLL_SHARED:-$top/../shared}
xkos_shapes=$shared/spec/xkos/xkos-best-practices-conformance-shapes.ttl
xkos_dev='xkos#numberOfLevels>: Value does not have datatype .*\[sh:DatatypeConstraintComponent\]$
: violation: "'
vocabs() {	# name dir
	for v in "$2"/vocab/*.ttl; do
		[ -f "$v" ] || continue
		node "$engine/validate.mjs" "$xkos_shapes" -- "$v" \
		    >"$tmp/xkos" 2>&1
		[ $? = 2 ] && { cat "$tmp/xkos"; xok=0; continue; }
		printf '%s\n' "$xkos_dev" >"$tmp/xkos-allowed"
		grep ': violation: ' "$tmp/xkos" |
		    grep -v -E -f "$tmp/xkos-allowed" >"$tmp/xkos-left"
		if [ -s "$tmp/xkos-left" ]; then
			head -5 "$tmp/xkos-left"
			xok=0
		fi
	done
}
if [ -f "$xkos_shapes" ]; then
	for name in fixture tree shipped; do
		[ -d "$tmp/$name/vocab" ] || continue
		xok=1
		vocabs "$name" "$tmp/$name"
		if [ $xok = 1 ]; then
			say "$name: every vocabulary passes the XKOS shapes"
			pass=$((pass + 1))
		else
			say "FAIL $name: a vocabulary breaks the XKOS shapes"
			fail=$((fail + 1))
		fi
	done
else
	say "no $xkos_shapes: the vocabularies are not checked against XKOS"
fi

# Broken on purpose: a catalog without its title breaks the EU shapes; an
# RDF/XML media type given as a word and a distribution as a blank node
# break kll's DCAT-AP-SE shapes.
if [ -f "$tmp/fixture.nt" ]; then
	grep -v -E '#catalog> <http://purl.org/dc/terms/title>' \
	    "$tmp/fixture.nt" >"$tmp/no-title.nt"
	must_fail no-title "$tmp/no-title.nt" "$eu_shapes" \
	    '#catalog> <http://purl.org/dc/terms/title>: .*MinCount'
	sed -e 's|\(/turtle> <http://purl.org/dc/terms/format> \)"text/turtle"|\1"turtle"|' \
	    -e 's|<[^>]*#dataset/isc/csv>|_:dist|g' "$tmp/fixture.nt" \
	    >"$tmp/bad-se.nt"
	must_fail bad-format "$tmp/bad-se.nt" "$se_shapes" \
	    'dc/terms/format>: DCAT-AP-SE wants an IANA media type'
	must_fail blank-distribution "$tmp/bad-se.nt" "$se_shapes" \
	    'dcat#distribution>: Value does not have node kind'
fi
echo "publish-shacl: $pass passed, $fail failed"
[ "$fail" = 0 ]
