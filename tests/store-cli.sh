#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# tests/store-cli.sh: every command that takes a vocabulary or a key gives
# the same output, messages and exit code whether it reads the files or a
# store loaded with them (KLL_STORE).  Each command runs twice: from the
# repository with KLL_PATH=vocab and keys given as paths, then from an
# empty folder with KLL_PATH empty and keys given by graph name.  The only
# difference allowed is the name of what was read: a file path
# (vocab/eqf.ttl) against the store's graph (sqlite:/x.db#urn:kll:graph:eqf),
# both written <eqf> before comparing.
#
# KLL_BIN: the folder of the kll commands.  KLL_STORE_CLI: set to
# "postgresql:NAME" (with KLL_STORE_OPTIONS) to use that store instead
# of a SQLite file of our own.
set -u
BIN=${KLL_BIN:-$PWD/build/bin}
PATH=$BIN:$PATH
export LC_ALL=C
unset KLL_STORE KLL_PATH
[ -n "${KLL_STORE_CLI:-}" ] || unset KLL_STORE_OPTIONS
TOP=$PWD
T=$(mktemp -d "${TMPDIR:-/tmp}/kll-store-cli.XXXXXX") || exit 2
trap '[ -n "${KLL_KEEP:-}" ] || rm -rf "$T"' EXIT
trap 'exit 2' INT TERM HUP
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# Two more keys: one with a wrong target (map check has findings, diff
# has changes), and the inverse (compose has a partner).
mkdir "$T/k" "$T/empty"
sed 's/^seqf:8\(.*\)eqf:8\tEQF level 8/seqf:8\1eqf:9\tEQF level 9/' \
    mappings/seqf_eqf.sssom.tsv >"$T/k/seqf_eqf-b.sssom.tsv"
kll map invert -q -o "$T/k/eqf_seqf.sssom.tsv" mappings/seqf_eqf.sssom.tsv ||
	{ echo "store-cli.sh: cannot invert the key"; exit 2; }
printf 'id,level\nx,3\ny,8\nz,\n' >"$T/data.csv"
VOCABS="vocab/eqf.ttl vocab/seqf.ttl vocab/sun-2020-level.ttl"
KEYS="mappings/seqf_eqf.sssom.tsv $T/k/seqf_eqf-b.sssom.tsv $T/k/eqf_seqf.sssom.tsv"

STORE=${KLL_STORE_CLI:-sqlite:$T/kll.db}
# shellcheck disable=SC2086
if ! KLL_STORE=$STORE kll store load -q $VOCABS $KEYS >"$T/load" 2>&1; then
	cat "$T/load"
	echo "store-cli.sh: cannot load the store"
	exit 2
fi

# The commands: @K1@ @K2@ @K3@ are the keys, @DATA@ a table.
cat >"$T/cmds" <<'EOF'
kll vocab show eqf 1 8
kll vocab show seqf 3 99
kll vocab show https://kll.example.org/seqf 4
kll vocab list eqf
kll vocab list -l en sun-2020-level
kll vocab search sun-2020-level gymnasieskola
kll vocab search -l en eqf knowledge
kll vocab info eqf seqf sun-2020-level
kll vocab check eqf seqf sun-2020-level
kll vocab check --format=json sun-2020-level
kll vocab show no-such-vocab 1
kll diff eqf seqf
kll diff --format=tsv sun-2020-level sun-2020-level
kll diff --keys @K1@ @K2@
kll diff --keys --format=json @K1@ @K2@
kll map check @K1@
kll map check @K2@
kll map check --format=json @K1@ @K2@ @K3@
kll map stats @K1@ @K2@
kll map stats --format=tsv @K3@
kll map apply -k @K1@ -c level @DATA@
kll map apply -k @K2@ -c 2 --multi=all --unmapped=keep @DATA@
kll map compose @K1@ @K3@
kll map compose --pivot-check @K2@ @K3@
kll map invert @K1@
kll map invert @K2@
kll map export --to=skos @K1@
kll map export --to=sssom-rdf --syntax=ntriples @K2@
kll map export --to=xkos @K3@
kll map check no-such-key
EOF

# The names of what was read, the same in both runs.
norm() {
	sed -e "s|sqlite:$T/kll.db#urn:kll:graph:\([A-Za-z0-9_.-]*\)|<\1>|g" \
	    -e "s|$STORE#urn:kll:graph:\([A-Za-z0-9_.-]*\)|<\1>|g" \
	    -e "s|$TOP/||g" -e "s|$T/||g" \
	    -e "s#\(vocab\|mappings\|k\)/\([A-Za-z0-9_.-]*\)\.\(ttl\|sssom\.tsv\)#<\2>#g"
}

run() { # mode n command
	mode=$1 n=$2
	shift 2
	if [ "$mode" = files ]; then
		(cd "$TOP" && KLL_PATH=$TOP/vocab sh -c "$*") \
		    >"$T/$n.$mode.out" 2>"$T/$n.$mode.err"
	else
		(cd "$T/empty" && KLL_PATH=$T/empty KLL_STORE=$STORE sh -c "$*") \
		    >"$T/$n.$mode.out" 2>"$T/$n.$mode.err"
	fi
	echo $? >"$T/$n.$mode.rc"
	norm <"$T/$n.$mode.out" >"$T/$n.$mode.nout"
	norm <"$T/$n.$mode.err" >"$T/$n.$mode.nerr"
}

n=0
while IFS= read -r cmd; do
	n=$((n + 1))
	f=$(echo "$cmd" | sed -e "s|@K1@|mappings/seqf_eqf.sssom.tsv|g" \
	    -e "s|@K2@|$T/k/seqf_eqf-b.sssom.tsv|g" \
	    -e "s|@K3@|$T/k/eqf_seqf.sssom.tsv|g" -e "s|@DATA@|$T/data.csv|g")
	s=$(echo "$cmd" | sed -e "s|@K1@|seqf_eqf|g" -e "s|@K2@|seqf_eqf-b|g" \
	    -e "s|@K3@|eqf_seqf|g" -e "s|@DATA@|$T/data.csv|g")
	run files $n "$f"
	run store $n "$s"
	if cmp -s "$T/$n.files.nout" "$T/$n.store.nout" &&
	    cmp -s "$T/$n.files.nerr" "$T/$n.store.nerr" &&
	    cmp -s "$T/$n.files.rc" "$T/$n.store.rc"; then
		ok
	else
		bad "$cmd (exit $(cat "$T/$n.files.rc") from files," \
		    "$(cat "$T/$n.store.rc") from the store)"
		diff "$T/$n.files.nout" "$T/$n.store.nout" | head -5
		diff "$T/$n.files.nerr" "$T/$n.store.nerr" | head -5
	fi
	# The store run must have read the store: nothing else is there.
	case $cmd in *no-such*) ;; *)
	[ "$(cat "$T/$n.store.rc")" != 2 ] ||
		grep -q . "$T/$n.files.err" ||
		bad "$cmd: fails from the store only" ;; esac
done <"$T/cmds"

# A path that exists stays a file, store or not; a store that cannot be
# opened is an error, named once.
(cd "$TOP" && KLL_STORE=$STORE kll map stats mappings/seqf_eqf.sssom.tsv) |
    head -1 | grep -qx 'mappings/seqf_eqf.sssom.tsv' && ok ||
	bad "a key's path read from the store"
out=$(cd "$T/empty" && KLL_STORE=sqlite:$T/none.db kll vocab show eqf 1 2>&1)
rc=$?
[ $rc = 2 ] && [ "$(echo "$out" | wc -l)" = 1 ] && [ ! -e "$T/none.db" ] &&
    ok || bad "a missing store: $out"

echo "store-cli: $n commands; $pass passed, $fail failed"
[ $fail = 0 ]
