#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# The RULES sections of the manual pages against the rule registry
# (kll_rule_at, printed by build/tests/test_rules --list) and against
# each command's --help: every registered rule is in some page, with its
# severity, and each page lists exactly the rules its commands' --help
# lists.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${KLL_BIN:-$top/build/bin}
list=${KLL_RULES_LIST:-$bin/../tests/test_rules}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0

if ! "$list" --list >"$tmp/registry"; then
	echo "FAIL man-rules: cannot run $list --list"
	exit 2
fi
sort -u "$tmp/registry" >"$tmp/registry.sorted"

# "ID<TAB>SEVERITY" of the RULES section of page $1.
man_rules() {
	sed -n '/^\.Sh RULES/,/^\.Sh /s/^\.It Li \([a-z0-9-]*\) Pq \([a-z]*\)$/\1	\2/p' \
	    "$top/man/$1.1" | sort -u
}

# "ID<TAB>SEVERITY" of what "$@" --help lists under its rules.
help_rules() {
	"$@" --help | sed -n '/^Rules it reports/,$s/^  \([a-z0-9-]*\) (\([a-z]*\))$/\1	\2/p'
}

check_page() {
	page=$1
	shift
	man_rules "$page" >"$tmp/man"
	: >"$tmp/help"
	for sub in "$@"; do
		# shellcheck disable=SC2086
		help_rules "$bin/$page" $sub >>"$tmp/help"
	done
	sort -u "$tmp/help" -o "$tmp/help"
	if ! diff -u "$tmp/help" "$tmp/man" >"$tmp/diff"; then
		echo "FAIL man-rules: man/$page.1 RULES (+) against --help (-):"
		sed 's/^/    /' "$tmp/diff"
		fail=$((fail + 1))
	fi
	cat "$tmp/man" >>"$tmp/all"
}

: >"$tmp/all"
check_page kll-vocab import check show list search info
check_page kll-map import check stats compose invert apply export learn fmt merge dedupe filter split annotate report
check_page kll-diff ""
check_page kll-publish ""
sort -u "$tmp/all" -o "$tmp/all"
if ! diff -u "$tmp/registry.sorted" "$tmp/all" >"$tmp/diff"; then
	echo "FAIL man-rules: the manual pages (+) against the registry (-):"
	sed 's/^/    /' "$tmp/diff"
	fail=$((fail + 1))
fi
[ "$fail" -eq 0 ] && echo "man-rules: $(wc -l <"$tmp/all") rules agree"
exit "$fail"
