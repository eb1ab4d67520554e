#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# tests/store.sh: kll-store and kll-query on the shipped data, in a SQLite
# store and in a PostgreSQL cluster of our own (initdb in a temporary
# folder, a unix socket only, stopped at the end whatever happens): every
# vocabulary and key loaded, queries compared with the same queries on
# the files, sync, drop, bad stores, and a reader that must see the old
# graph or the new one while a writer replaces it, never a mix.
#
# KLL_BIN: the folder of the kll commands.  KLL_STORE_FILES: the files
# to load instead of vocab/ and mappings/ (for a quick run).
# KLL_STORE_PG_FILES: those for PostgreSQL (default: vocab/ and
# mappings/ whole, whatever KLL_STORE_FILES says: a bulk load).
set -u
BIN=${KLL_BIN:-$PWD/build/bin}
PATH=$BIN:$PATH
export LC_ALL=C
unset KLL_STORE KLL_STORE_OPTIONS PGOPTIONS
FILES=${KLL_STORE_FILES:-$(ls vocab/*.ttl mappings/*.sssom.tsv)}
PGFILES=${KLL_STORE_PG_FILES:-$(ls vocab/*.ttl mappings/*.sssom.tsv)}
T=$(mktemp -d "${TMPDIR:-/tmp}/kll-store.XXXXXX") || exit 2
PGDATA=
pass=0 fail=0

cleanup() {
	if [ -n "$PGDATA" ] && [ -f "$PGDATA/postmaster.pid" ]; then
		as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate -w stop \
		    >/dev/null 2>&1 ||
			kill "$(head -1 "$PGDATA/postmaster.pid")" 2>/dev/null
	fi
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 2' INT TERM HUP

ok() { pass=$((pass + 1)); }
ms() { echo $(($(date +%s%N) / 1000000)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
t0=$(date +%s)

# The queries of kll-query(1), with the files each needs.
Q_TWO_KEYS='PREFIX sssom: <https://w3id.org/sssom/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT DISTINCT ?ssyk ?isco WHERE {
  ?a owl:annotatedSource ?ssyk ; owl:annotatedTarget ?isco .
  ?b owl:annotatedSource ?isco ; owl:annotatedTarget ?esco .
  FILTER (STRSTARTS(STR(?isco), "http://data.europa.eu/esco/isco/"))
  FILTER (STRSTARTS(STR(?esco), "http://data.europa.eu/esco/occupation/"))
  FILTER (STRSTARTS(STR(?ssyk), "https://kll.example.org/ssyk-2012/"))
} ORDER BY ?ssyk ?isco'
Q_COUNTS='SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }
GROUP BY ?g ORDER BY ?g'
Q_DEPRECATED='PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?scheme (COUNT(?c) AS ?n) WHERE {
  ?c owl:deprecated true ; skos:inScheme ?scheme .
} GROUP BY ?scheme ORDER BY ?scheme'
Q_MISSING='PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?code (COUNT(?m) AS ?records) WHERE {
  GRAPH <urn:kll:graph:sni-2007_nace-2> { ?m owl:annotatedTarget ?t }
  GRAPH <urn:kll:graph:nace-2> { ?t skos:notation ?code }
  OPTIONAL { GRAPH <urn:kll:graph:nace-2.1> { ?c skos:notation ?code } }
  FILTER (!BOUND(?c))
} GROUP BY ?code ORDER BY ?code'

# Run "kll query" on the store named by $@ and on files, and compare.
compare() { # name query files... -- store options...
	name=$1 q=$2
	shift 2
	files=
	while [ "$1" != -- ]; do files="$files $1"; shift; done
	shift
	a=$(ms)
	# shellcheck disable=SC2086
	kll query "$q" $files >"$T/$name.files" 2>"$T/$name.files.err" ||
		{ bad "$name: query on files"; cat "$T/$name.files.err"; return; }
	b=$(ms)
	kll query "$@" "$q" >"$T/$name.store" 2>"$T/$name.store.err" ||
		{ bad "$name: query on the store"; cat "$T/$name.store.err"; return; }
	echo "$name: $(($(wc -l <"$T/$name.store") - 1)) rows;" \
	    "store $(($(ms) - b)) ms, files $((b - a)) ms"
	if cmp -s "$T/$name.files" "$T/$name.store" &&
	    [ "$(wc -l <"$T/$name.store")" -gt 1 ]; then
		ok
	else
		bad "$name: the store and the files differ"
		diff "$T/$name.files" "$T/$name.store" | head -5
	fi
}

# Everything a store kind must do; $@ names the store.
suite() {
	kind=$1
	shift
	n=$(echo "$FILES" | wc -w)
	s=$(date +%s)
	# shellcheck disable=SC2086
	if kll store load -q "$@" $FILES >"$T/$kind.load" 2>"$T/$kind.err"; then
		ok
	else
		bad "$kind: load"; head -5 "$T/$kind.err"
	fi
	echo "$kind: loaded $n files in $(($(date +%s) - s)) s"
	[ "$(grep -c '^added' "$T/$kind.load")" = "$n" ] && ok ||
		bad "$kind: not every file was added"
	kll store list "$@" >"$T/$kind.list" 2>&1 &&
	    [ "$(wc -l <"$T/$kind.list")" = "$n" ] && ok ||
		bad "$kind: list has not $n graphs"
	# The triple count of each graph in the list is the file's.
	compare "$kind-counts" "$Q_COUNTS" $FILES -- "$@"
	case " $(echo $FILES) " in *" mappings/isco-08_esco-occupations.sssom.tsv "*)
	compare "$kind-two-keys" "$Q_TWO_KEYS" \
	    mappings/ssyk-2012_isco-08.sssom.tsv \
	    mappings/isco-08_esco-occupations.sssom.tsv -- "$@" ;; esac
	case " $(echo $FILES) " in *" mappings/sni-2007_nace-2.sssom.tsv "*)
	compare "$kind-missing" "$Q_MISSING" \
	    mappings/sni-2007_nace-2.sssom.tsv vocab/nace-2.ttl \
	    vocab/nace-2.1.ttl -- "$@" ;; esac
	# shellcheck disable=SC2086
	kll store sync -q "$@" $FILES >"$T/$kind.sync" 2>&1 &&
	    [ "$(grep -c '^unchanged' "$T/$kind.sync")" = "$n" ] && ok ||
		bad "$kind: sync changed something"
	# A new version: sync replaces it, drop removes it.
	sed 's/"Förskoleutbildning"@sv ;/"Förskola"@sv ;/' \
	    vocab/sun-2020-level.ttl >"$T/sun-2020-level.ttl"
	kll store load -q "$@" vocab/sun-2020-level.ttl >/dev/null 2>&1
	out=$(kll store sync -q "$@" "$T/sun-2020-level.ttl" 2>&1)
	[ "$(echo "$out" | cut -f1,3)" = "$(printf 'replaced\tsun-2020-level')" ] &&
		ok || bad "$kind: sync of a changed file: $out"
	q='SELECT ?l WHERE { <https://kll.example.org/sun-2020-level/0> <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }'
	[ "$(kll query "$@" "$q" | sed -n 2p)" = '"Förskola"@sv' ] && ok ||
		bad "$kind: the new version is not what a query sees"
	out=$(kll store drop -q "$@" sun-2020-level 2>&1)
	case $out in removed*) ok ;; *) bad "$kind: drop: $out" ;; esac
	kll store drop -q "$@" sun-2020-level >/dev/null 2>&1
	[ $? = 2 ] && ok || bad "$kind: dropping a missing graph"
	concurrency "$kind" "$@"
}

# A writer replaces a graph by turns with two versions while a reader
# counts its triples: each count must be one version's.
concurrency() {
	kind=$1
	shift
	cp vocab/isced-f-2013.ttl "$T/v1.ttl"
	{ cat vocab/isced-f-2013.ttl
	  echo '<https://kll.example.org/isced-f-2013> <https://kll.example.org/x> "x" .'
	} >"$T/v2.ttl"
	# A store of its own, with this one graph.
	case $kind in
	sqlite) set -- --storage-name="$T/conc.db" ;;
	*) set -- "$@" ;;
	esac
	kll store drop -q "$@" isced-f-2013 >/dev/null 2>&1
	kll store load -q "$@" "$T/v1.ttl" >/dev/null || { bad "$kind: v1"; return; }
	q='SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER (STRSTARTS(STR(?g), "urn:kll:graph:isced-f-2013")) }'
	n1=$(kll query "$@" "$q" | sed -n 2p)
	(for i in 1 2 3; do
		kll store load -q "$@" "$T/v2.ttl" >/dev/null &&
		kll store load -q "$@" "$T/v1.ttl" >/dev/null || exit 1
	done; touch "$T/writer.done") &
	writer=$!
	: >"$T/reads"
	while [ ! -f "$T/writer.done" ] && kill -0 $writer 2>/dev/null; do
		kll query "$@" "$q" 2>&1 | sed -n 2p >>"$T/reads"
	done
	wait $writer && ok || bad "$kind: the writer failed"
	rm -f "$T/writer.done"
	n2=$(kll query "$q" "$T/v2.ttl" | sed -n 2p)
	others=$(grep -v -x -e "$n1" -e "$n2" "$T/reads" | head -3)
	reads=$(wc -l <"$T/reads")
	echo "$kind: $reads reads while a writer replaced the graph 6 times" \
	    "($n1 or $n2 triples: $(sort "$T/reads" | uniq -c | tr -s ' \n' ' '))"
	[ -z "$others" ] && [ "$reads" -gt 0 ] && ok ||
		bad "$kind: a reader saw a mix: $others"
	kll store drop -q "$@" isced-f-2013 >/dev/null 2>&1
}

# --- SQLite -----------------------------------------------------------
suite sqlite --storage-name="$T/kll.db"

# Bad stores: one line, exit 2, nothing half-loaded.
printf 'not a database' >"$T/other.db"
out=$(kll store list --storage-name="$T/other.db" 2>&1)
[ $? = 2 ] && [ "$(echo "$out" | wc -l)" = 1 ] && ok ||
	bad "a store of something else: $out"
out=$(kll query --storage-name="$T/none.db" 'ASK {}' 2>&1)
[ $? = 2 ] && [ ! -e "$T/none.db" ] && ok || bad "a missing store: $out"
kll store load -q --storage-name="$T/full.db" vocab/eqf.ttl >/dev/null
out=$( (trap '' XFSZ; ulimit -f 100; kll store load -q \
    --storage-name="$T/full.db" vocab/isco-08.ttl) 2>&1)
[ $? = 2 ] && [ "$(echo "$out" | wc -l)" = 1 ] &&
    [ "$(kll store list --storage-name="$T/full.db" | cut -f1)" = eqf ] &&
	ok || bad "a full disk: $out"

# --- PostgreSQL ---------------------------------------------------------
as_pg() {
	if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}
pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
PGBIN=$(pgbin)
if { [ -z "$PGBIN" ] || [ ! -e /usr/lib/x86_64-linux-gnu/redland/librdf_storage_postgresql.so ] &&
    ! ls /usr/lib/*/redland/librdf_storage_postgresql.so >/dev/null 2>&1; } &&
    [ "$(id -u)" = 0 ]; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
	    postgresql librdf-storage-postgresql >/dev/null 2>&1
	PGBIN=$(pgbin)
fi
if [ -z "$PGBIN" ] ||
    ! ls /usr/lib/*/redland/librdf_storage_postgresql.so >/dev/null 2>&1; then
	echo "store.sh: PostgreSQL skipped: postgresql and librdf-storage-postgresql cannot be installed"
else
	mkdir "$T/pg" && chmod 755 "$T" && PGDATA=$T/pg/data
	echo 's3cret-pw' >"$T/pg/pw"
	[ "$(id -u)" = 0 ] && chown -R nobody "$T/pg"
	port=$((20000 + $$ % 20000))
	if as_pg "$PGBIN/initdb" -D "$PGDATA" -U kll --pwfile="$T/pg/pw" \
	    -A scram-sha-256 >"$T/pg/initdb.log" 2>&1 &&
	    as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$T/pg/log" -w -o \
	    "-p $port -k $T/pg -c listen_addresses= -c fsync=off" start \
	    >/dev/null 2>&1; then
		opts="host='$T/pg',port='$port',database='postgres',user='kll'"
		printf "%s,password='s3cret-pw'\n" "$opts" >"$T/pg/options"
		export PGPASSWORD=s3cret-pw
		FILES=$PGFILES
		suite postgresql --storage=postgresql --storage-name=kll \
		    --storage-options="$opts"
		# The commands from files and from this store.
		if KLL_STORE_CLI=postgresql:kll_cli KLL_STORE_OPTIONS=$opts \
		    sh "$(dirname "$0")/store-cli.sh" >"$T/pg/cli" 2>&1; then
			ok
		else
			bad "postgresql: commands from the store"
			tail -5 "$T/pg/cli"
		fi
		tail -1 "$T/pg/cli" | sed 's/^/postgresql-/'
		# The password from a file; a wrong one; no server.
		unset PGPASSWORD
		kll store list --storage=postgresql --storage-name=kll \
		    --storage-options="@$T/pg/options" >/dev/null 2>&1 && ok ||
			bad "postgresql: options from a file"
		out=$(PGPASSWORD=wrong-pw kll store list --storage=postgresql \
		    --storage-name=kll --storage-options="$opts" 2>&1)
		[ $? = 2 ] && [ "$(echo "$out" | wc -l)" = 1 ] && ok ||
			bad "postgresql: a wrong password: $out"
		out=$(kll store list --storage=postgresql --storage-name=kll \
		    --storage-options="$opts,password='wrong-pw'" 2>&1)
		case $out in *wrong-pw*) bad "postgresql: a password shown" ;;
		*) ok ;; esac
		out=$(PGPASSWORD=x kll store list --storage=postgresql \
		    --storage-name=kll --storage-options="host='$T/pg',port='1',database='postgres',user='kll'" 2>&1)
		[ $? = 2 ] && [ "$(echo "$out" | wc -l)" = 1 ] && ok ||
			bad "postgresql: no server: $out"
	else
		bad "postgresql: the cluster did not start"
		cat "$T/pg/initdb.log" "$T/pg/log" 2>/dev/null | tail -5
	fi
fi

echo "store.sh: $(($(date +%s) - t0)) s"
echo "store: $pass passed, $fail failed"
[ $fail = 0 ]
