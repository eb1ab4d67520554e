#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# valgrind's memcheck over the unit test binaries given as arguments and
# over every golden CLI case (tests/cli/run.sh with each command wrapped
# in valgrind).  A definite leak or a memory error makes valgrind exit
# with status 99, which fails the case; the logs stay in $LEAK_LOGS
# (default build/leakcheck).  raptor's own leaks are suppressed by
# tests/faults/valgrind.supp.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${KLL_BIN:-$top/build/bin}
logs=${LEAK_LOGS:-$top/build/leakcheck}
if ! command -v valgrind >/dev/null 2>&1; then
	echo "leakcheck: valgrind is not installed" >&2
	exit 2
fi
rm -rf "$logs"
mkdir -p "$logs/wrap" || exit 2
vg="valgrind -q --leak-check=full --show-leak-kinds=definite
--errors-for-leak-kinds=definite --error-exitcode=99
--suppressions=$top/tests/faults/valgrind.supp"
status=0

# Unit tests run from the top of the tree, as make test runs them.
cd "$top" || exit 2
for t in "$@"; do
	name=${t##*/}
	# shellcheck disable=SC2086
	if $vg --log-file="$logs/$name.log" "./$t" >"$logs/$name.out" 2>&1
	then
		echo "leakcheck: $name: clean"
	else
		echo "leakcheck: $name: FAILED; see $logs/$name.log"
		status=1
	fi
done

# The CLI cases, with each command a wrapper that runs it in valgrind.
for p in "$bin"/kll "$bin"/kll-*; do
	[ -x "$p" ] || continue
	cat >"$logs/wrap/${p##*/}" <<WRAP
#!/bin/sh
exec $(echo $vg) --log-file="$logs/${p##*/}.%p.log" "$p" "\$@"
WRAP
	chmod +x "$logs/wrap/${p##*/}"
done
if KLL_BIN=$logs/wrap sh "$top/tests/cli/run.sh"; then
	echo "leakcheck: CLI cases: clean"
else
	status=1
fi
# Cases may expect a failure; a valgrind report is a failure all the same.
bad=$(find "$logs" -name 'kll*.log' -size +0 | wc -l)
if [ "$bad" -gt 0 ]; then
	echo "leakcheck: $bad command runs with valgrind reports:"
	find "$logs" -name 'kll*.log' -size +0 | head -20 | sed 's/^/    /'
	status=1
fi
exit $status
