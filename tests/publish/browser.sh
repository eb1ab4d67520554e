#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# The index.html that kll-publish writes, as a browser shows it: headless
# Chromium opens the page from the folder (file://) and dumps its DOM,
# which must hold every dataset's title, a link to each of its files (and
# each link must name a file of the folder), its counts, and text that
# needs escaping as text.  HTML Tidy checks that the page is valid HTML5.
#
# Chromium is large, so this test installs it (Debian's chromium, and
# tidy) only when it runs and they are missing.  KLL_BIN names the built
# commands (default build/bin).
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
bin=${KLL_BIN:-$top/build/bin}
data=$top/tests/data
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0
say() { echo "publish-browser: $*"; }

install() {	# the Debian packages $* when a command is missing
	sudo=
	[ "$(id -u)" = 0 ] || sudo=sudo
	say "installing $*"
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q \
	    --no-install-recommends "$@" >"$tmp/apt.log" 2>&1 ||
	    { $sudo apt-get update -q >/dev/null 2>&1 &&
	      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q \
	      --no-install-recommends "$@" >"$tmp/apt.log" 2>&1; } ||
	    { cat "$tmp/apt.log"; say "cannot install $*"; exit 2; }
}
command -v chromium >/dev/null 2>&1 || install chromium
command -v tidy >/dev/null 2>&1 || install tidy

# dom DIR: the page as Chromium builds it, into $tmp/dom.
dom() {
	chromium --headless --no-sandbox --disable-gpu \
	    --disable-background-networking --no-first-run \
	    --user-data-dir="$tmp/profile" --dump-dom "file://$1/index.html" \
	    >"$tmp/dom" 2>"$tmp/chromium.err"
}

# want NAME TEXT...: each TEXT must be in the DOM.
want() {
	name=$1
	shift
	for t in "$@"; do
		if ! grep -q -F -- "$t" "$tmp/dom"; then
			say "$name: the page lacks: $t"
			ok=0
		fi
	done
}

# page NAME DIR TEXT...: the page of DIR in the browser and in tidy.
page() {
	name=$1 dir=$2 ok=1
	shift 2
	if ! dom "$dir" || ! grep -q '</html>' "$tmp/dom"; then
		cat "$tmp/chromium.err"
		say "$name: chromium shows no page"
		ok=0
	fi
	want "$name" "$@"
	# Every file of the folder has a link, and every link a file.
	(cd "$dir" && find vocab mappings -type f 2>/dev/null | sort) \
	    >"$tmp/files"
	grep -o 'href="[^":]*"' "$tmp/dom" | sed 's/^href="//; s/"$//' |
	    grep -v '^catalog.rdf$' | sort -u >"$tmp/links"
	if ! cmp -s "$tmp/files" "$tmp/links"; then
		diff "$tmp/files" "$tmp/links" | sed "s/^/$name: /"
		say "$name: the links and the files differ"
		ok=0
	fi
	[ -f "$dir/catalog.rdf" ] || { say "$name: no catalog.rdf"; ok=0; }
	if ! tidy -q -e --doctype html5 "$dir/index.html" >"$tmp/tidy" 2>&1; then
		sed "s/^/$name: tidy: /" "$tmp/tidy"
		ok=0
	fi
	if [ $ok = 1 ]; then
		say "$name: the page shows its datasets, files and counts"
		pass=$((pass + 1))
	else
		say "FAIL $name"
		fail=$((fail + 1))
	fi
}

# subpage NAME FILE: a page of a vocabulary or a key loads with no
# console error, is valid HTML5, and each of its local links resolves.
subpage() {
	name=$1 f=$2 ok=1
	chromium --headless --no-sandbox --disable-gpu \
	    --disable-background-networking --no-first-run \
	    --enable-logging=stderr --v=0 \
	    --user-data-dir="$tmp/profile" --dump-dom "file://$f" \
	    >"$tmp/dom" 2>"$tmp/chromium.err"
	grep -q '</html>' "$tmp/dom" || { say "$name: $f: no page"; ok=0; }
	if grep -E 'CONSOLE|Uncaught' "$tmp/chromium.err" >"$tmp/console"; then
		sed "s|^|$name: $f: |" "$tmp/console"
		ok=0
	fi
	tidy -q -e --doctype html5 "$f" >"$tmp/tidy" 2>&1 ||
	    { sed "s|^|$name: tidy: |" "$tmp/tidy"; ok=0; }
	for l in $(grep -o 'href="[^"]*"' "$tmp/dom" |
	    sed 's/^href="//; s/"$//' | grep -v '^https\{0,1\}:' | sort -u); do
		[ -e "$(dirname "$f")/${l%%#*}" ] ||
		    { say "$name: $f: no file for link $l"; ok=0; }
	done
	if [ $ok = 1 ]; then
		pass=$((pass + 1))
	else
		say "FAIL $name: $f"
		fail=$((fail + 1))
	fi
}

# shot FILE: the key page's heat map is drawn: its SVG, alone on a page,
# is screenshot, and holds at least 300 pixels of the cells' blue, most of
# one 20 x 20 cell (the labels are black, the rest white or grey).
shot() {
	ok=1
	if ! sed -n '/<svg id="heatmap"/,/<\/svg>/p' "$1" >"$tmp/heat.svg" ||
	    ! [ -s "$tmp/heat.svg" ]; then
		say "no heat map in $1"
		ok=0
	fi
	{ echo '<!DOCTYPE html><html><body style="margin:0">'
	  cat "$tmp/heat.svg"; echo '</body></html>'; } >"$tmp/heat.html"
	rm -f "$tmp/shot.png"
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
	    --disable-background-networking --no-first-run \
	    --user-data-dir="$tmp/profile" --window-size=400,400 \
	    --screenshot="$tmp/shot.png" "file://$tmp/heat.html" >/dev/null 2>&1
	python3 - "$tmp/shot.png" <<'PY' || ok=0
import sys, zlib, struct
d = open(sys.argv[1], 'rb').read()
w, h, depth, ctype = struct.unpack('>IIBB', d[16:26])
if depth != 8 or ctype not in (2, 6):
    sys.exit(1)
bpp = 3 if ctype == 2 else 4
raw, i = b'', 8
while i < len(d):
    n, = struct.unpack('>I', d[i:i+4])
    if d[i+4:i+8] == b'IDAT':
        raw += d[i+8:i+8+n]
    i += 12 + n
data, stride = zlib.decompress(raw), w * bpp
prev, blue = bytearray(stride), 0
for y in range(h):
    f, line = data[y * (stride + 1)], bytearray(data[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b, c = prev[x], prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    for x in range(0, stride, bpp):
        r, g, bl = line[x], line[x + 1], line[x + 2]
        if bl > r + 40 and bl > 100:
            blue += 1
    prev = line
sys.exit(0 if blue >= 300 else 1)
PY
	if [ $ok = 1 ]; then
		say "heat map: drawn"
		pass=$((pass + 1))
	else
		say "FAIL heat map: blank or missing"
		fail=$((fail + 1))
	fi
}

PATH=$bin:$PATH
if kll-publish -q -c "$data/publish/fixture.conf" -L "$data/vocab" \
    -o "$tmp/fixture" occ isc "$data/map/occ_isc.sssom.tsv" 2>"$tmp/err"
then
	page fixture "$tmp/fixture" \
	    '<h1>Klassifikationer och översättningsnycklar</h1>' \
	    '<h2>Yrken</h2>' \
	    '<h2>Internationell yrkesklassifikation (test)</h2>' \
	    '<h2>Översättningsnyckel Yrken – Internationell yrkesklassifikation (test)</h2>' \
	    '<section id="occ">' '<section id="occ_isc">' \
	    '<strong class="count">15</strong> begrepp' \
	    '<strong class="count">16</strong> begrepp' \
	    '<strong class="count2">4</strong> nivåer' \
	    '<strong class="count">8</strong> mappningar' \
	    '<a href="vocab/occ.ttl">occ.ttl</a>' \
	    '<a href="mappings/occ_isc.xkos.ttl">occ_isc.xkos.ttl</a>' \
	    '<a href="catalog.rdf">catalog.rdf</a>' \
	    "$(sha1sum "$tmp/fixture/vocab/occ.csv" | cut -c1-40)"
	for f in "$tmp"/fixture/vocab/*.html "$tmp"/fixture/mappings/*.html; do
		subpage fixture "$f"
	done
	shot "$tmp/fixture/mappings/occ_isc.html"
else
	cat "$tmp/err"
	say "FAIL fixture: kll-publish failed"
	fail=$((fail + 1))
fi
# The tree's texts hold '&', '<', '>' and quotes: the browser must see
# them as text, not as markup.
if kll-publish -q -c "$data/publish/fixture.conf" --theme=EDUC \
    -L "$data/publish/tree/vocab" -o "$tmp/tree" 2>"$tmp/err"; then
	page tree "$tmp/tree" \
	    '<h2>Utbildningsinriktningar</h2>' \
	    'R&amp;D &lt;levels&gt; "quoted".' \
	    '"citat" &amp; &lt;tecken&gt;.' \
	    '<strong class="count">5</strong> begrepp' \
	    '<strong class="count">4</strong> mappningar' \
	    '<a href="mappings/edu_lvl.sssom.tsv">edu_lvl.sssom.tsv</a>'
	if grep -q -i '<levels' "$tmp/dom"; then
		say "FAIL tree: text became markup"
		fail=$((fail + 1))
	fi
	for f in "$tmp"/tree/vocab/*.html "$tmp"/tree/mappings/*.html; do
		subpage tree "$f"
		if grep -q -i '<levels' "$tmp/dom"; then
			say "FAIL tree: $f: text became markup"
			fail=$((fail + 1))
		fi
	done
else
	cat "$tmp/err"
	say "FAIL tree: kll-publish failed"
	fail=$((fail + 1))
fi
# The shipped vocabularies and keys, published as `make run` does: every
# page loads, and the heat map of SSYK 2012 - ISCO-08 is drawn.
if (cd "$top" && kll-publish -q -c publish.conf.example -L vocab \
    -o "$tmp/shipped") 2>"$tmp/err"; then
	for f in "$tmp"/shipped/vocab/*.html "$tmp"/shipped/mappings/*.html; do
		subpage shipped "$f"
	done
	shot "$tmp/shipped/mappings/ssyk-2012_isco-08.html"
else
	cat "$tmp/err"
	say "FAIL shipped: kll-publish failed"
	fail=$((fail + 1))
fi
echo "publish-browser: $pass passed, $fail failed"
[ "$fail" = 0 ]
