#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# The main job on the shipped data: check every vocabulary of vocab/ and
# every key of mappings/, print what each vocabulary holds, and publish
# them all, with the example publisher of publish.conf.example, as a
# folder ready for Sveriges dataportal: build/publish/.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
PATH=${KLL_BIN:-$top/build/bin}:$PATH
export KLL_PATH=$top/vocab
cd "$top" || exit 2
rc=0
kll-vocab check --severity=error vocab/*.ttl || rc=$?
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
# build/publish as an earlier kll-publish wrote it, without the manifest
# that tells its files from others': kll-publish would refuse it.
if [ -f build/publish/catalog.rdf ] &&
    ! [ -f build/publish/.kll-publish-manifest ]; then
	rm -rf build/publish
fi
kll-publish -q -c publish.conf.example -L vocab -o build/publish || rc=$?
[ $rc = 0 ] && echo "published: build/publish/ (catalog.rdf, index.html and the dumps)"
exit $rc
