#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Links and text from data on the published page and in the catalog.
# A vocabulary whose titles, description and labels hold <script>, '"'
# and "'", and a key with such a comment, are published; index.html must
# then hold no raw markup from the data and no href but the page's own
# (http, https, mailto: and the folder's files), and catalog.rdf must be
# well-formed XML with no raw <script> and no javascript: anywhere.
# Data whose licence or source is a script must be refused (exit 2) with
# nothing written, by check as by publish.  Prints "FAIL hostile: ..."
# for each failure and exits 1 after any.  KLL_BIN names the built
# commands (default build/bin).
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
bin=${KLL_BIN:-$top/build/bin}
data=$top/tests/data
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
nfail=0 npass=0
fail() { echo "FAIL hostile: $*"; nfail=$((nfail + 1)); }
pass() { npass=$((npass + 1)); }
conf="-c $data/publish/fixture.conf -L $data/vocab"

# The page and the catalog of text that must stay text.
out=$tmp/labels
if ! "$bin/kll-publish" -q $conf -o "$out" "$data/hostile/labels.ttl" occ \
    "$data/hostile/labels.sssom.tsv" 2>"$tmp/err"; then
	fail "links: kll-publish of hostile labels failed: $(cat "$tmp/err")"
else
	pass
	page=$out/index.html cat=$out/catalog.rdf
	if grep -i -n '<script' "$page" >"$tmp/hits"; then
		fail "links: raw <script> in index.html: $(head -3 "$tmp/hits")"
	else pass; fi
	if grep -i -n -E '<[a-z]+[^>]* on[a-z]+=' "$page" >"$tmp/hits"; then
		fail "links: an event handler attribute in index.html: $(head -3 "$tmp/hits")"
	else pass; fi
	# Every href is the page's own: the web, mail, or a file of the folder.
	grep -o -i -E 'href[[:space:]]*=[[:space:]]*("[^"]*"|'"'"'[^'"'"']*'"'"'|[^[:space:]>]+)' \
	    "$page" >"$tmp/hrefs"
	if grep -v -E '^href="(https?://[^"]+|mailto:[^"]+|catalog\.rdf|(vocab|mappings)/[A-Za-z0-9._-]+)"$' \
	    "$tmp/hrefs" >"$tmp/hits"; then
		fail "links: an href that is no safe link: $(head -3 "$tmp/hits")"
	else pass; fi
	if grep -i -q 'javascript:' "$page"; then
		fail "links: javascript: in index.html"
	else pass; fi
	# The text is there, escaped.
	for t in '&lt;script&gt;alert(&quot;sv&quot;)&lt;/script&gt; &amp; &#39;titel&#39;' \
	    '&lt;img src=x onerror=alert(1)&gt;'; do
		if grep -q -F -- "$t" "$page"; then pass; else
			fail "links: index.html lacks the escaped text: $t"
		fi
	done
	if grep -i -n '<script' "$cat" >"$tmp/hits"; then
		fail "links: raw <script> in catalog.rdf: $(head -3 "$tmp/hits")"
	else pass; fi
	if grep -i -q 'javascript:' "$cat"; then
		fail "links: javascript: in catalog.rdf"
	else pass; fi
	if command -v xmllint >/dev/null 2>&1; then
		if xmllint --noout "$cat" 2>"$tmp/err"; then pass; else
			fail "links: catalog.rdf is not well-formed: $(head -3 "$tmp/err")"
		fi
	fi
	if grep -q -F 'rdf:resource="https://www.example.se/lbl?a=1&amp;b=2"' "$cat"; then
		pass
	else
		fail "links: catalog.rdf lacks the escaped foaf:page of lbl"
	fi
fi

# refused NAME CMD...: the command exits 2, names the rule, writes nothing.
refused() {
	name=$1 rule=$2
	shift 2
	rm -rf "$tmp/out"
	"$@" >"$tmp/stdout" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -ne 2 ]; then
		fail "links: $name: exit status $rc, not 2"
	elif ! grep -q -F "[$rule]" "$tmp/err"; then
		fail "links: $name: no $rule in: $(cat "$tmp/err")"
	elif [ -e "$tmp/out" ] || ls "$tmp" | grep -q '^out\.'; then
		fail "links: $name: something was written"
	else
		pass
	fi
}
refused "publish a vocabulary with a javascript: licence" publish-unsafe-link \
    "$bin/kll-publish" -q $conf -o "$tmp/out" occ "$data/hostile/js-license.ttl"
refused "publish it with a configured licence too" publish-unsafe-link \
    "$bin/kll-publish" -q $conf --vocab-license=https://creativecommons.org/licenses/by/4.0/ \
    -o "$tmp/out" occ "$data/hostile/js-license.ttl"
refused "publish a key with a javascript: license" publish-unsafe-link \
    "$bin/kll-publish" -q $conf -o "$tmp/out" occ isc "$data/hostile/js-license.sssom.tsv"

# check finds them, with the rule's id.
"$bin/kll-vocab" check "$data/hostile/js-license.ttl" >/dev/null 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 1 ] && grep -q -F '[vocab-unsafe-link]' "$tmp/err"; then pass; else
	fail "links: kll-vocab check of a javascript: licence: exit $rc: $(cat "$tmp/err")"
fi
"$bin/kll-map" check -L "$data/vocab" "$data/hostile/js-license.sssom.tsv" >/dev/null 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 1 ] && grep -q -F '[map-unsafe-link]' "$tmp/err"; then pass; else
	fail "links: kll-map check of a javascript: license: exit $rc: $(cat "$tmp/err")"
fi

echo "hostile links: $npass passed, $nfail failed"
[ "$nfail" -eq 0 ]
