#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# bench/store.sh: kll-store and kll-query in SQLite and PostgreSQL beside
# the file path: the time of a load, of a sync that changes nothing, of
# queries on the store and on the files, and of commands that read a
# vocabulary or a key from the store (KLL_STORE) and from its file.
# Each line: what, elapsed seconds, CPU seconds (user + system); on a
# machine shared with other work the CPU seconds are the steadier.
#   KLL_BIN=$PWD/build/bin sh bench/store.sh
# KLL_STORE_FILES: the files for SQLite (default: every shipped vocabulary
# and key).  KLL_STORE_PG_FILES: those for PostgreSQL (default: the
# same).  KLL_BENCH_PG=0: no PostgreSQL (else a cluster of our
# own in a temporary folder, as tests/store.sh makes it).
set -u
BIN=${KLL_BIN:-$PWD/build/bin}
PATH=$BIN:$PATH
export LC_ALL=C
unset KLL_STORE KLL_STORE_OPTIONS PGOPTIONS KLL_PATH
FILES=${KLL_STORE_FILES:-$(ls vocab/*.ttl mappings/*.sssom.tsv)}
PGFILES=${KLL_STORE_PG_FILES:-$FILES}
T=$(mktemp -d "${TMPDIR:-/tmp}/kll-bench-store.XXXXXX") || exit 2
PGDATA=
as_pg() {
	if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}
cleanup() {
	if [ -n "$PGDATA" ] && [ -f "$PGDATA/postmaster.pid" ]; then
		as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate -w stop \
		    >/dev/null 2>&1
	fi
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 2' INT TERM HUP

# Run "$@", its output to $T/out; print "label elapsed cpu".
timed() { # label command...
	label=$1
	shift
	/usr/bin/time -f '%e %U %S' -o "$T/time" "$@" >"$T/out" 2>"$T/err" ||
		echo "$label: failed: $(head -1 "$T/err")"
	awk -v l="$label" '{ printf "%-44s %8.2f s %8.2f s cpu\n", l, $1, $2 + $3 }' \
	    "$T/time"
}

Q_COUNTS='SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }
GROUP BY ?g ORDER BY ?g'
Q_LABEL='PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?c ?l WHERE { ?c skos:notation "2512" ; skos:prefLabel ?l }
ORDER BY ?c ?l'

# One store kind; $@ are its store options, $KS its KLL_STORE.
bench() { # kind files -- options...
	kind=$1 files=$2
	shift 3
	n=$(echo "$files" | wc -w)
	# shellcheck disable=SC2086
	timed "$kind: load $n files" kll store load -q "$@" $files
	triples=$(awk -F'\t' '{ s += $5 } END { print s }' "$T/out")
	echo "$kind: $triples triples"
	# shellcheck disable=SC2086
	timed "$kind: sync, nothing changed" kll store sync -q "$@" $files
	timed "$kind: query, triples per graph" kll query "$@" "$Q_COUNTS"
	# shellcheck disable=SC2086
	timed "files: the same query" kll query "$Q_COUNTS" $files
	timed "$kind: query, labels of code 2512" kll query "$@" "$Q_LABEL"
	# shellcheck disable=SC2086
	timed "files: the same query" kll query "$Q_LABEL" $files
	for c in "vocab info isco-08" "vocab check ssyk-2012" \
	    "map check ssyk-2012_isco-08" "map stats ssyk-2012_isco-08"; do
		case " $files " in *"/${c##* }."*) ;; *) continue ;; esac
		# shellcheck disable=SC2086
		timed "$kind: kll $c" env KLL_STORE="$KS" \
		    KLL_STORE_OPTIONS="${KSO:-}" KLL_PATH=/nonexistent kll $c
		f=$(echo "$files" | tr ' ' '\n' | grep "/${c##* }\.")
		# shellcheck disable=SC2086
		timed "files: kll ${c% *} $f" env KLL_PATH=vocab kll ${c% *} "$f"
	done
}

echo "== SQLite"
KS=sqlite:$T/kll.db KSO=
bench sqlite "$FILES" -- --storage-name="$T/kll.db"
echo "sqlite: file size $(($(stat -c %s "$T/kll.db") / 1048576)) MB"

[ "${KLL_BENCH_PG:-1}" = 0 ] && exit 0
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$PGBIN" ] ||
    ! ls /usr/lib/*/redland/librdf_storage_postgresql.so >/dev/null 2>&1; then
	echo "PostgreSQL skipped: postgresql and librdf-storage-postgresql are not installed"
	exit 0
fi
echo "== PostgreSQL"
mkdir "$T/pg" && chmod 755 "$T" && PGDATA=$T/pg/data
[ "$(id -u)" = 0 ] && chown -R nobody "$T/pg"
port=$((20000 + $$ % 20000))
as_pg "$PGBIN/initdb" -D "$PGDATA" -U kll -A trust >/dev/null 2>&1 &&
    as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$T/pg/log" -w -o \
    "-p $port -k $T/pg -c listen_addresses= -c fsync=off" start \
    >/dev/null 2>&1 || { echo "PostgreSQL: the cluster did not start"; exit 1; }
opts="host='$T/pg',port='$port',database='postgres',user='kll'"
KS=postgresql:kll KSO=$opts
bench postgresql "$PGFILES" -- --storage=postgresql --storage-name=kll \
    --storage-options="$opts"
