#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# The main job on the shipped data: check every vocabulary of vocab/ and
# every key of mappings/, and print what each vocabulary holds.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
PATH=${KLL_BIN:-$top/build/bin}:$PATH
export KLL_PATH=$top/vocab
cd "$top" || exit 2
rc=0
kll-vocab check vocab/*.ttl || rc=$?
if [ -x "$(command -v kll-map)" ] && ls mappings/*.sssom.tsv >/dev/null 2>&1; then
	kll-map check mappings/*.sssom.tsv || rc=$?
fi
printf '%-18s %9s  %s\n' vocabulary concepts "per level"
for f in vocab/*.ttl; do
	kll-vocab info "$f" | awk -F'\t' '
	    $1 == "id" { id = $2 } $1 == "concepts" { n = $2 }
	    $1 == "level" { lv = lv sep $3; sep = "/" }
	    END { printf "%-18s %9s  %s\n", id, n, lv }'
done
exit $rc
