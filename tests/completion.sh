#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# The bash completion (completion/kll.bash) against the built commands:
# subcommands and options come from their --help, vocabulary ids from the
# INDEX of the search path.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${KLL_BIN:-$top/build/bin}
command -v bash >/dev/null 2>&1 || { echo "completion: no bash, skipped"; exit 0; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
: >"$tmp/out.tsv"
fail=0
# complete WORDS... EXPECTED: the candidates for the last word.
try() {
	want=$1
	shift
	got=$(cd "$tmp" && PATH=$bin:$PATH KLL_PATH=$top/tests/data/vocab bash -c '
		. "$1/completion/kll.bash"
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		_kll
		printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' sh "$top" "$@")
	if [ "$got" != "$want " ]; then
		echo "FAIL completion: '$*' gave '$got', expected '$want '"
		fail=$((fail + 1))
	fi
}
try 'map' kll ma
try 'filter fmt' kll-map f
try '--by=subject-level --by=subject-top' kll-map split --by=sub
try 'first' kll-map merge --prefer fi
try '--prefer-meta=last' kll-map merge --prefer-meta=l
try '--prefer-meta= --prefer=' kll-map merge --pref
try 'last' kll-map merge --prefer = l
try 'check compose' kll-map c
try 'check compose' kll map c
try '--severity= --subject-vocab=' kll-map check --s
try '--multi=' kll-map apply --mu
try 'esx' kll-vocab show e
try 'isc' kll-vocab show -L . i
try 'out.tsv' kll-map apply -o o
try 'vocab vocabs' kll vo
try '--exact' kll-vocab search --ex
try '--help --lang= --version --vocab-path=' kll vocabs --
try 'esx isc occ out.tsv' kll-vocab list ''
try 'list load' kll store l
try '--storage-name= --storage-options= --storage=' kll-query --storage
try 'postgresql' kll-store list --storage p
[ "$fail" -eq 0 ] && echo "completion: all cases pass"
exit "$fail"
