#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Hostile input: every RDF reader must refuse it with exit status 2, one
# diagnostic line with file, line and column, within a few seconds, and
# never reach the network or a file other than its input.
#
#   KLL_BIN=build/bin sh tests/hostile/run.sh [CASE ...]
#
# Each case is one shell function case_NAME below; the big inputs are made
# here, in a temporary folder, never kept in the tree.  To add a case,
# write a function case_something and add its name to CASES.  The helper
# refused() runs a command and checks all of the above.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${KLL_BIN:-$top/build/bin}
data=$top/tests/data
tmp=$(mktemp -d) || exit 2
listener=
trap '[ -n "$listener" ] && kill "$listener" 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 2' INT TERM
PATH=$bin:$PATH
LC_ALL=C
export PATH LC_ALL
fails=0 passes=0 skips=0

fail() {
	echo "FAIL hostile: $*"
	fails=$((fails + 1))
}

now_ms() {
	t=$(date +%s%N 2>/dev/null)
	case $t in
	*N | '') echo $(($(date +%s) * 1000)) ;;
	*) echo $((t / 1000000)) ;;
	esac
}

# refused NAME SECONDS CMD...: CMD must exit 2, not hang (a run still
# going after 60 s fails; SECONDS, what it should take, is only shown
# with KLL_VERBOSE: timings are measured in bench/, not asserted), print
# nothing on stdout and one line "prog: FILE:LINE:COL: message" on stderr
# (kll-map check: "prog: KEY: error: ...: FILE:LINE:COL: message").
refused() {
	name=$1 secs=$2
	shift 2
	t0=$(now_ms)
	if command -v timeout >/dev/null 2>&1; then
		timeout 60 "$@" >"$tmp/out" 2>"$tmp/err" <"${STDIN:-/dev/null}"
	else
		"$@" >"$tmp/out" 2>"$tmp/err" <"${STDIN:-/dev/null}"
	fi
	rc=$?
	ms=$(($(now_ms) - t0))
	ok=1
	if [ "$rc" != 2 ]; then
		fail "$name: exit status $rc, expected 2"
		ok=0
	fi
	if [ "$rc" = 124 ]; then
		fail "$name: still running after 60 s"
		ok=0
	fi
	# kll-map check adds its count of findings: no diagnostic.
	grep -Ev '^kll-[a-z]+: [0-9]+ errors?, [0-9]+ warnings?' "$tmp/err" \
	    >"$tmp/diag"
	if [ "$(wc -l <"$tmp/diag")" -ne 1 ]; then
		fail "$name: $(wc -l <"$tmp/diag") lines on stderr, expected 1"
		sed 's/^/    /' "$tmp/err" | head -5
		ok=0
	elif ! grep -Eq '^kll-[a-z]+: ([^:]+: )*[^:]+:[0-9]+:[0-9]+: .' \
	    "$tmp/diag"; then
		fail "$name: no FILE:LINE:COL: $(cat "$tmp/err")"
		ok=0
	fi
	if [ -s "$tmp/out" ]; then
		fail "$name: output on stdout"
		ok=0
	fi
	[ -n "${WANT:-}" ] && ! grep -q -- "$WANT" "$tmp/err" &&
	    { fail "$name: stderr lacks '$WANT': $(cat "$tmp/err")"; ok=0; }
	[ -n "${KLL_VERBOSE:-}" ] && echo "ok $name ($ms ms, expected under $secs s): $(cat "$tmp/diag")"
	[ $ok = 1 ] && passes=$((passes + 1))
	return 0
}

rdf_head='<?xml version="1.0"?>'
rdf_open='<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:skos="http://www.w3.org/2004/02/skos/core#">'
rdf_concept='<skos:Concept rdf:about="http://ex.org/c"><skos:notation>1</skos:notation>'
ttl_head='@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<http://ex.org/c> a skos:Concept ; skos:notation "1" ; skos:prefLabel "c"@en .'

# A listener on 127.0.0.1 that writes "connected" to $tmp/conn when
# anything connects; sets $port, or returns 1 when no port can be bound.
listen() {
	command -v python3 >/dev/null 2>&1 || return 1
	rm -f "$tmp/conn" "$tmp/port"
	python3 -c '
import socket, sys
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(8)
open(sys.argv[1], "w").write("%d\n" % s.getsockname()[1])
while True:
    c, a = s.accept()
    open(sys.argv[2], "a").write("connected\n")
    c.close()
' "$tmp/port" "$tmp/conn" 2>/dev/null &
	listener=$!
	i=0
	while [ ! -s "$tmp/port" ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ -s "$tmp/port" ] || return 1
	port=$(cat "$tmp/port")
}

case_xml_network() {
	if ! listen; then
		echo "note hostile: xml_network skipped: no port on 127.0.0.1"
		skips=$((skips + 1))
		return
	fi
	url=http://127.0.0.1:$port/x.dtd
	printf '%s\n<!DOCTYPE rdf:RDF [\n<!ENTITY %% remote SYSTEM "%s">\n%%remote;\n]>\n%s\n%s</skos:Concept></rdf:RDF>\n' \
	    "$rdf_head" "$url" "$rdf_open" "$rdf_concept" >"$tmp/pe.rdf"
	printf '%s\n<!DOCTYPE rdf:RDF SYSTEM "%s">\n%s\n%s</skos:Concept></rdf:RDF>\n' \
	    "$rdf_head" "$url" "$rdf_open" "$rdf_concept" >"$tmp/dtd.rdf"
	printf '%s\n<!DOCTYPE rdf:RDF [\n<!ENTITY e SYSTEM "%s">\n]>\n%s\n%s<skos:prefLabel>&e;</skos:prefLabel></skos:Concept></rdf:RDF>\n' \
	    "$rdf_head" "$url" "$rdf_open" "$rdf_concept" >"$tmp/ge.rdf"
	WANT=$url refused xml_network_parameter_entity 5 \
	    kll-vocab info "$tmp/pe.rdf"
	WANT=$url refused xml_network_external_dtd 5 \
	    kll-vocab check "$tmp/dtd.rdf"
	WANT=$url refused xml_network_general_entity 5 \
	    kll-vocab info "$tmp/ge.rdf"
	WANT=$url STDIN=$tmp/pe.rdf refused xml_network_stdin 5 \
	    kll-vocab info --syntax=rdfxml -
	sleep 0.2
	kill "$listener" 2>/dev/null
	wait "$listener" 2>/dev/null
	listener=
	[ -s "$tmp/conn" ] &&
	    fail "xml_network: the listener on port $port saw a connection"
}

case_xml_file_entity() {
	printf '%s\n<!DOCTYPE rdf:RDF [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n%s\n%s<skos:prefLabel>&xxe;</skos:prefLabel></skos:Concept></rdf:RDF>\n' \
	    "$rdf_head" "$rdf_open" "$rdf_concept" >"$tmp/file.rdf"
	WANT=/etc/passwd refused xml_file_entity 5 kll-vocab info "$tmp/file.rdf"
	for cmd in list info; do
		kll-vocab $cmd "$tmp/file.rdf" 2>&1 | grep -q 'root:' &&
		    fail "xml_file_entity: kll-vocab $cmd shows /etc/passwd"
	done
}

case_xml_billion_laughs() {
	{
		echo "$rdf_head"
		echo '<!DOCTYPE rdf:RDF ['
		echo '<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">'
		prev=a
		for e in b c d e f g h i j; do
			echo "<!ENTITY $e \"&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;\">"
			prev=$e
		done
		echo ']>'
		echo "$rdf_open"
		echo "$rdf_concept<skos:prefLabel>&j;</skos:prefLabel></skos:Concept></rdf:RDF>"
	} >"$tmp/laughs.rdf"
	refused xml_billion_laughs 1 kll-vocab info "$tmp/laughs.rdf"
}

# One entity under the size limit, referred to many times.
case_xml_quadratic() {
	{
		echo "$rdf_head"
		printf '<!DOCTYPE rdf:RDF [\n<!ENTITY big "%s">\n]>\n' \
		    "$(awk 'BEGIN { for (i = 0; i < 4000; i++) printf "x" }')"
		echo "$rdf_open"
		echo "$rdf_concept"
		awk 'BEGIN { for (i = 0; i < 2000; i++) print "<skos:note>&big;&big;&big;&big;&big;</skos:note>" }'
		echo '</skos:Concept></rdf:RDF>'
	} >"$tmp/quad.rdf"
	refused xml_quadratic 2 kll-vocab info "$tmp/quad.rdf"
}

# deep_turtle FILE N: a concept with a [ ] note nested N deep.
deep_turtle() {
	{
		echo "$ttl_head"
		awk -v n="$2" 'BEGIN { printf "<http://ex.org/c> skos:note ";
		    for (i = 0; i < n; i++) printf "[ skos:note ";
		    printf "\"x\"";
		    for (i = 0; i < n; i++) printf " ]";
		    print " ." }'
	} >"$1"
}

case_turtle_deep() {
	deep_turtle "$tmp/deep.ttl" 50000
	refused turtle_deep_vocab_info 3 kll-vocab info "$tmp/deep.ttl"
	refused turtle_deep_vocab_check 3 kll-vocab check "$tmp/deep.ttl"
	STDIN=$tmp/deep.ttl refused turtle_deep_stdin 3 kll-vocab info -
	refused turtle_deep_diff 3 kll-diff "$data/vocab/occ.ttl" "$tmp/deep.ttl"
	mkdir -p "$tmp/L"
	cp "$data/vocab/isc.ttl" "$data/vocab/INDEX" "$tmp/L/"
	cp "$tmp/deep.ttl" "$tmp/L/occ.ttl"
	refused turtle_deep_map_check 3 kll-map check -L "$tmp/L" \
	    "$data/map/check-clean.sssom.tsv"
	rm -rf "$tmp/L"
}

case_turtle_deep_list() {
	{
		echo "$ttl_head"
		awk 'BEGIN { printf "<http://ex.org/c> skos:note ";
		    for (i = 0; i < 50000; i++) printf "( ";
		    printf "\"x\"";
		    for (i = 0; i < 50000; i++) printf " )";
		    print " ." }'
	} >"$tmp/list.ttl"
	WANT=':3:' refused turtle_deep_list 3 kll-vocab info "$tmp/list.ttl"
	STDIN=$tmp/list.ttl refused turtle_deep_list_stdin 3 \
	    kll-vocab info --syntax=turtle -
}

# At the limit the file is read.
case_turtle_depth_limit() {
	deep_turtle "$tmp/ok.ttl" 256
	kll-vocab info "$tmp/ok.ttl" >/dev/null 2>&1 ||
	    fail "turtle_depth_limit: 256 levels of [ ] not read"
	kll-vocab info - <"$tmp/ok.ttl" >/dev/null 2>&1 ||
	    fail "turtle_depth_limit: 256 levels of [ ] not read from stdin"
	deep_turtle "$tmp/over.ttl" 257
	WANT='deeper than 256' refused turtle_depth_over 3 \
	    kll-vocab info "$tmp/over.ttl"
}

case_turtle_prefixes() {
	{
		awk 'BEGIN { for (i = 0; i < 2000; i++) printf "@prefix p%d: <http://ex.org/%d/> .\n", i, i }'
		echo "$ttl_head"
	} >"$tmp/prefixes.ttl"
	WANT=':1025:1:' refused turtle_prefixes 3 kll-vocab info "$tmp/prefixes.ttl"
}

case_turtle_long_literal() {
	{
		echo "$ttl_head"
		printf '<http://ex.org/c> skos:definition "'
		head -c 9000000 /dev/zero | tr '\0' y
		echo '" .'
	} >"$tmp/long.ttl"
	WANT=':3:35:' refused turtle_long_literal 5 kll-vocab info "$tmp/long.ttl"
	STDIN=$tmp/long.ttl refused turtle_long_literal_stdin 5 \
	    kll-vocab info --syntax=turtle -
}

case_ntriples_long_line() {
	{
		printf '<http://ex.org/c> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/2004/02/skos/core#Concept> .\n'
		for i in 1 2 3; do
			printf '<http://ex.org/'
			head -c 6000000 /dev/zero | tr '\0' y
			printf '> '
		done
		echo '.'
	} >"$tmp/long.nt"
	WANT='line longer' refused ntriples_long_line 5 kll-vocab info "$tmp/long.nt"
}

case_ntriples_long_literal() {
	{
		printf '<http://ex.org/c> <http://www.w3.org/2004/02/skos/core#notation> "'
		head -c 9000000 /dev/zero | tr '\0' y
		echo '" .'
	} >"$tmp/lit.nt"
	refused ntriples_long_literal 5 kll-vocab info "$tmp/lit.nt"
}

CASES='xml_network xml_file_entity xml_billion_laughs xml_quadratic
turtle_deep turtle_deep_list turtle_depth_limit turtle_prefixes
turtle_long_literal ntriples_long_line ntriples_long_literal'
[ $# -gt 0 ] && CASES=$*
for c in $CASES; do
	"case_$c"
done
echo "hostile: $passes passed, $fails failed${skips:+, $skips skipped}"
[ "$fails" = 0 ]
