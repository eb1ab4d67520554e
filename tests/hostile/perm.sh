#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Output files given with -o: the mode of the file replaced is kept, a
# new file gets 0666 less the umask (0600 with --private, always for
# kll-map apply, whose data are about people), a file with other hard
# links or a symbolic link is refused (exit 2, nothing changed) unless
# --force, which replaces the file (the other links keep the old
# content) or writes to the file the symbolic link names.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${KLL_BIN:-$top/build/bin}
PATH=$bin:$PATH
export LC_ALL=C KLL_PATH=
data=$top/tests/data
t=$(mktemp -d "${TMPDIR:-/tmp}/kll-perm.XXXXXX") || exit 2
trap 'rm -rf "$t"' EXIT
fail=0 n=0
no() { echo "FAIL hostile: $*"; fail=$((fail + 1)); }
mode() { stat -c %a "$1"; }
# want WHAT FILE MODE
want() {
	n=$((n + 1))
	got=$(mode "$2" 2>/dev/null)
	[ "$got" = "$3" ] || no "$1: $2 is ${got:-missing}, expected $3"
}
# status WHAT WANT GOT
status() {
	n=$((n + 1))
	[ "$3" -eq "$2" ] || no "$1: exit $3, expected $2 ($(cat "$t/err"))"
}

apply() {
	kll-map apply -q -L "$data/vocab" -k "$data/map/occ_isc.sssom.tsv" \
	    -c yrke "$@" "$data/map/apply-occ.csv" 2>"$t/err"
}
vimport() {
	kll-vocab import -q --id occ "$@" "$data/vocab/occ.csv" 2>"$t/err"
}

umask 022

# The mode of the file replaced stays.
echo old >"$t/a.csv" && chmod 600 "$t/a.csv"
apply -o "$t/a.csv"; status "apply over 0600" 0 $?
want "apply over 0600" "$t/a.csv" 600
grep -q old "$t/a.csv" && no "apply over 0600: not replaced"
echo old >"$t/v.ttl" && chmod 600 "$t/v.ttl"
vimport -o "$t/v.ttl"; status "vocab import over 0600" 0 $?
want "vocab import over 0600" "$t/v.ttl" 600
echo old >"$t/v2.ttl" && chmod 640 "$t/v2.ttl"
vimport -o "$t/v2.ttl"; status "vocab import over 0640" 0 $?
want "vocab import over 0640" "$t/v2.ttl" 640

# New files.
vimport -o "$t/new.ttl"; status "vocab import new" 0 $?
want "vocab import new, umask 022" "$t/new.ttl" 644
vimport --private -o "$t/newp.ttl"; status "vocab import --private" 0 $?
want "vocab import new, --private" "$t/newp.ttl" 600
(umask 027 && vimport -o "$t/new027.ttl"); status "umask 027" 0 $?
want "vocab import new, umask 027" "$t/new027.ttl" 640
apply -o "$t/new.csv"; status "apply new" 0 $?
want "apply new" "$t/new.csv" 600
# apply never widens past 0600, even over a 0644 file.
echo old >"$t/wide.csv" && chmod 644 "$t/wide.csv"
apply -o "$t/wide.csv"; status "apply over 0644" 0 $?
want "apply over 0644" "$t/wide.csv" 600
# --private narrows a replaced file too.
echo old >"$t/p.ttl" && chmod 644 "$t/p.ttl"
vimport --private -o "$t/p.ttl"; status "--private over 0644" 0 $?
want "--private over 0644" "$t/p.ttl" 600

# Hard links: refused, both unchanged; --force replaces the name given.
echo old >"$t/h1" && chmod 640 "$t/h1" && ln "$t/h1" "$t/h2"
apply -o "$t/h1"; status "apply over a hard link" 2 $?
n=$((n + 1))
grep -q 'has 2 hard links; refusing' "$t/err" ||
    no "hard link: message is '$(cat "$t/err")'"
n=$((n + 1))
[ "$(cat "$t/h1")" = old ] && [ "$(cat "$t/h2")" = old ] &&
    [ "$(stat -c %h "$t/h1")" = 2 ] || no "hard link: a link was changed"
ls "$t" | grep -q tmp && no "hard link: a temporary file was left"
vimport -o "$t/h2"; status "vocab import over a hard link" 2 $?
apply --force -o "$t/h1"; status "apply --force over a hard link" 0 $?
n=$((n + 1))
grep -q old "$t/h1" && no "--force: h1 not replaced"
n=$((n + 1))
[ "$(cat "$t/h2")" = old ] || no "--force: the other link changed"
want "--force over a hard link 0640 (apply)" "$t/h1" 600

# Symbolic links: refused; --force writes to the file the link names.
echo old >"$t/target.ttl" && chmod 640 "$t/target.ttl"
ln -s target.ttl "$t/link.ttl"
vimport -o "$t/link.ttl"; status "symbolic link" 2 $?
n=$((n + 1))
grep -q 'is a symbolic link; refusing' "$t/err" ||
    no "symbolic link: message is '$(cat "$t/err")'"
n=$((n + 1))
[ -L "$t/link.ttl" ] && [ "$(cat "$t/target.ttl")" = old ] ||
    no "symbolic link: changed"
apply -o "$t/link.ttl"; status "apply to a symbolic link" 2 $?
vimport --force -o "$t/link.ttl"; status "--force to a symbolic link" 0 $?
n=$((n + 1))
[ -L "$t/link.ttl" ] && ! grep -q old "$t/target.ttl" ||
    no "--force to a symbolic link: the target was not written"
want "--force to a symbolic link keeps the target's mode" "$t/target.ttl" 640
ln -s missing.ttl "$t/dangling.ttl"
vimport --force -o "$t/dangling.ttl"; status "dangling symbolic link" 2 $?
n=$((n + 1))
[ -e "$t/missing.ttl" ] && no "dangling symbolic link: written through"

# Every other command with -o takes --private.
kll-map invert -q --private -o "$t/inv.tsv" "$data/map/occ_isc.sssom.tsv" \
    2>"$t/err"; status "invert --private" 0 $?
want "invert --private" "$t/inv.tsv" 600

# kll-publish: files 0666 less the umask, 0600 with --private.
pub() {
	kll-publish -q -L "$data/vocab" -c "$top/tests/data/publish/fixture.conf" \
	    "$@" occ 2>"$t/err"
}
if [ -f "$top/tests/data/publish/fixture.conf" ]; then
	pub -o "$t/pub"; status "publish" 0 $?
	want "publish folder" "$t/pub" 755
	want "publish catalog.rdf" "$t/pub/catalog.rdf" 644
	pub --private -o "$t/pubp"; status "publish --private" 0 $?
	want "publish --private folder" "$t/pubp" 700
	want "publish --private catalog.rdf" "$t/pubp/catalog.rdf" 600
	want "publish --private vocab/occ.ttl" "$t/pubp/vocab/occ.ttl" 600
fi

if [ "$fail" -gt 0 ]; then
	echo "hostile perm: $fail of $n checks failed"
	exit 1
fi
echo "hostile perm: $n checks passed"
