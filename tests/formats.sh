#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Every shipped key (mappings/*.sssom.tsv, and tests/data/map/export-full
# with its odd rows) written in each format kll-map export writes and
# read back with --from, then written as SSSOM/TSV again and compared
# with the original in canonical form: SSSOM/JSON gives the same bytes;
# SSSOM/RDF the same records and metadata but for what the form leaves
# out (extension columns, the order of list values); JSKOS and SKOS the
# same mapping triples; XKOS the same correspondence once read and
# written again.  Then checks by tools that share no code with kll:
# rapper on the RDF, the SSSOM JSON Schema (ajv; the schema is kept in
# tests/formats, see SOURCE.md there) on the SSSOM/JSON, and jskos-validate (jskos-cli) on the JSKOS.  The Node.js
# tools are installed with `npm ci` into build/formats-node from
# tests/formats/package-lock.json; without npm those checks are skipped
# with a message saying so.  KLL_BIN names the built commands.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
bin=${KLL_BIN:-$top/build/bin}
shared=${KLL_SHARED:-$top/../shared}
[ -d "$shared/spec" ] || shared=$top/../../shared
node_dir=$top/build/formats-node
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
PATH=$bin:$PATH
export LC_ALL=C
pass=0 fail=0 skip=0

say() { echo "formats: $*"; }
ok() { pass=$((pass + 1)); }
no() { say "FAIL $*"; fail=$((fail + 1)); }

# The records of TSV file $2 with only the columns of TSV file $1's header.
project() {
	awk -F'\t' -v OFS='\t' '
	    FNR == 1 && NR == 1 { next }
	    NR == FNR && /^#/ { next }
	    NR == FNR && !h { for (i = 1; i <= NF; i++) want[$i] = 1; h = 1; next }
	    NR == FNR { next }
	    /^#/ { next }
	    !g { for (i = 1; i <= NF; i++) if ($i in want) col[++n] = i; g = 1; next }
	    { s = ""; for (i = 1; i <= n; i++) s = s (i > 1 ? OFS : "") $col[i]; print s }' "$1" "$2"
}

# The metadata lines of a TSV key, sorted, without extension_definitions.
meta() {
	awk '/^#extension_definitions:/ { skip = 1; next }
	    skip && /^#[ -]/ { next } { skip = 0 } /^#/' "$1" | sort
}

# The records of a TSV key.
records() { grep -v '^#' "$1"; }

roundtrip() {	# key base
	b=$2
	# The key in canonical form (the shipped ones are).
	kll-map export --to=sssom-tsv "$1" >"$tmp/$b.tsv" || no "$b: not read"
	k=$tmp/$b.tsv
	# SSSOM/JSON: everything, byte for byte.
	if kll-map export --to=sssom-json "$k" >"$tmp/$b.json" &&
	    kll-map export --from=sssom-json --to=sssom-tsv "$tmp/$b.json" \
	        >"$tmp/$b.json.tsv" && cmp -s "$k" "$tmp/$b.json.tsv"; then
		ok
	else
		no "$b: sssom-json read back differs"
		diff "$k" "$tmp/$b.json.tsv" | head -5
	fi
	# SSSOM/RDF: the columns it keeps, the metadata but for extensions.
	if kll-map export -q --to=sssom-rdf "$k" >"$tmp/$b.ttl" &&
	    kll-map export --from=sssom-rdf --to=sssom-tsv "$tmp/$b.ttl" \
	        >"$tmp/$b.ttl.tsv" &&
	    project "$tmp/$b.ttl.tsv" "$k" >"$tmp/want" &&
	    records "$tmp/$b.ttl.tsv" | tail -n +2 >"$tmp/got" &&
	    cmp -s "$tmp/want" "$tmp/got" &&
	    [ "$(meta "$k")" = "$(meta "$tmp/$b.ttl.tsv")" ]; then
		ok
	else
		no "$b: sssom-rdf read back differs"
		diff "$tmp/want" "$tmp/got" | head -5
	fi
	# JSKOS and SKOS: the same mapping triples.
	kll-map export -q --to=skos --syntax=ntriples "$k" | sort >"$tmp/want"
	for f in jskos skos; do
		if kll-map export -q --to=$f "$k" >"$tmp/$b.$f" &&
		    kll-map export -q --from=$f --to=skos --syntax=ntriples \
		        "$tmp/$b.$f" 2>/dev/null | sort >"$tmp/got" &&
		    [ -s "$tmp/got" ] && cmp -s "$tmp/want" "$tmp/got"; then
			ok
		else
			no "$b: $f read back gives other mapping triples"
			diff "$tmp/want" "$tmp/got" | head -5
		fi
	done
	# XKOS: the correspondence read and written again is the same.
	if kll-map export -q --to=xkos "$k" >"$tmp/$b.xkos" &&
	    kll-map export -q --from=xkos --to=xkos "$tmp/$b.xkos" \
	        2>/dev/null >"$tmp/$b.xkos2" &&
	    [ "$(grep -c 'ConceptAssociation' "$tmp/$b.xkos")" = \
	      "$(grep -c 'ConceptAssociation' "$tmp/$b.xkos2")" ] &&
	    [ "$(grep -c 'Concept ' "$tmp/$b.xkos")" = \
	      "$(grep -c 'Concept ' "$tmp/$b.xkos2")" ]; then
		ok
	else
		no "$b: xkos read back gives another correspondence"
	fi
	# rapper on each RDF form.
	for f in ttl skos xkos; do
		if rapper -q -i turtle -c "$tmp/$b.$f" 2>"$tmp/rapper.err"; then
			ok
		else
			no "$b.$f: rapper: $(head -1 "$tmp/rapper.err")"
		fi
	done
}

for k in "$top"/mappings/*.sssom.tsv "$top"/tests/data/map/export-full.sssom.tsv; do
	b=$(basename "$k" .sssom.tsv)
	roundtrip "$k" "$b"
	case $k in */mappings/*)
		if cmp -s "$k" "$tmp/$b.tsv"; then ok
		else no "$b: the shipped key is not canonical"; fi;;
	esac
done

# sssom-py's SSSOM/RDF is read.
if [ -d "$shared/spec/sssom/examples-sssom-py/rdf" ]; then
	for f in "$shared"/spec/sssom/examples-sssom-py/rdf/*.ttl; do
		if kll-map export --to=sssom-tsv "$f" >"$tmp/py.tsv" 2>"$tmp/py.err" &&
		    [ "$(records "$tmp/py.tsv" | wc -l)" -gt 1 ]; then
			ok
		else
			no "$(basename "$f"): not read: $(head -1 "$tmp/py.err")"
		fi
	done
fi

install_tools() {
	if [ -x "$node_dir/node_modules/.bin/ajv" ] &&
	    [ -x "$node_dir/node_modules/.bin/jskos-validate" ] &&
	    cmp -s "$here/formats/package-lock.json" "$node_dir/package-lock.json"; then
		return 0
	fi
	mkdir -p "$node_dir" &&
	    cp "$here/formats/package.json" "$here/formats/package-lock.json" \
	        "$node_dir/" &&
	    (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error \
	        >"$tmp/npm.log" 2>&1) && return 0
	cat "$tmp/npm.log"
	return 1
}

if ! command -v npm >/dev/null 2>&1; then
	say "SKIP the SSSOM JSON Schema and jskos-validate checks: npm is not installed"
	skip=$((skip + 1))
elif ! install_tools; then
	no "npm ci of tests/formats/package-lock.json failed"
else
	nb=$node_dir/node_modules/.bin
	schema=$here/formats/sssom_schema.schema.json
	if [ -f "$schema" ]; then
		id=$(sed -n 's/^ *"\$id": *"\([^"]*\)".*/\1/p' "$schema" | head -1)
		mkdir -p "$tmp/schema"
		printf '{"$id": "https://kll.example.org/test/mapping-set", "$ref": "%s#/$defs/MappingSet"}\n' \
		    "$id" >"$tmp/schema/set.json"
	else
		say "SKIP the SSSOM JSON Schema: $schema is not there"
		skip=$((skip + 1))
	fi
	for j in "$tmp"/*.json; do
		b=$(basename "$j" .json)
		if [ -f "$schema" ]; then
			# The schema knows no extension slot: those are taken out.
			node -e '
			    const fs = require("fs");
			    const d = JSON.parse(fs.readFileSync(process.argv[1]));
			    const ext = (d.extension_definitions || []).map(e => e.slot_name);
			    for (const m of d.mappings) for (const e of ext) delete m[e];
			    for (const e of ext) delete d[e];
			    fs.writeFileSync(process.argv[2], JSON.stringify(d));' \
			    "$j" "$tmp/$b.std.json" &&
			if "$nb/ajv" validate --spec=draft2019 --strict=false \
			    -c ajv-formats -s "$tmp/schema/set.json" -r "$schema" \
			    -d "$tmp/$b.std.json" --errors=text >"$tmp/ajv.out" 2>&1; then
				ok
			else
				no "$b.json: SSSOM JSON Schema: $(tail -1 "$tmp/ajv.out")"
			fi
		fi
		head -1 "$tmp/$b.jskos" >"$tmp/$b.concordance.ndjson"
		tail -n +2 "$tmp/$b.jskos" >"$tmp/$b.mappings.ndjson"
		if "$nb/jskos-validate" -q concordance \
		        "$tmp/$b.concordance.ndjson" >/dev/null &&
		    "$nb/jskos-validate" -q mapping "$tmp/$b.mappings.ndjson" \
		        >/dev/null; then
			ok
		else
			no "$b.jskos: jskos-validate: $("$nb/jskos-validate" -v mapping "$tmp/$b.mappings.ndjson" | grep '^#' | head -1)"
		fi
	done
	# Both tools must refuse what is wrong.
	printf '{"mapping_set_id": "x", "license": "y", "mappings": [{"confidence": "high"}]}\n' >"$tmp/bad.json"
	printf '{"from": {"memberSet": "x"}, "to": {}, "mappingRelevance": "high"}\n' >"$tmp/bad.ndjson"
	if [ -f "$schema" ] && "$nb/ajv" validate --spec=draft2019 --strict=false \
	    -c ajv-formats -s "$tmp/schema/set.json" -r "$schema" \
	    -d "$tmp/bad.json" >/dev/null 2>&1; then
		no "the SSSOM JSON Schema takes a bad mapping set"
	else
		ok
	fi
	if "$nb/jskos-validate" -q mapping "$tmp/bad.ndjson" >/dev/null 2>&1; then
		no "jskos-validate takes a bad mapping"
	else
		ok
	fi
fi

say "$pass passed, $fail failed${skip:+, $skip skipped}"
[ "$fail" = 0 ]
