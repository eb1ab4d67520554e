#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# The Debian packages, built and tested (make deb-check, part of make
# check).  Builds them with dpkg-buildpackage from a copy of the tree in
# build/deb (the tree itself stays clean), runs lintian on them (an error
# fails), unpacks them with dpkg -x into build/deb/root and checks what
# they install: the four packages and their files, the man pages with the
# installed share folder, a program built against libkll-dev's header,
# pkg-config file and shared library, the commands linked to that
# library (kll depends on libkll0), the golden CLI cases and the
# README's examples on the unpacked commands (KLL_PATH pointing at the
# unpacked vocabularies: the installed /usr/share/kll is compiled in),
# and kll-map check of the unpacked keys.
#   DEB_JOBS  parallel jobs for the build (default 2)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/build/deb
jobs=${DEB_JOBS:-2}
fail=0 n=0
no() { echo "FAIL deb: $*"; fail=$((fail + 1)); }
ok() { n=$((n + 1)); }

# The tools: tools/deps.sh installs them; skip only when that cannot.
if ! command -v dpkg-buildpackage >/dev/null 2>&1 ||
   ! command -v lintian >/dev/null 2>&1 ||
   ! command -v dh >/dev/null 2>&1; then
	sh "$top/tools/deps.sh" >/dev/null 2>&1
	if ! command -v dpkg-buildpackage >/dev/null 2>&1 ||
	   ! command -v lintian >/dev/null 2>&1 ||
	   ! command -v dh >/dev/null 2>&1; then
		echo "deb: SKIPPED: dpkg-buildpackage, debhelper or lintian is" \
		    "not installed and tools/deps.sh could not install them"
		exit 0
	fi
fi
start=$(date +%s)

# A copy of the tree: the files git knows (tracked, or new and not
# ignored) as they are now, else everything but build/.
ver=$(sed -n '1s/^kll (\([^)]*\)).*/\1/p' "$top/debian/changelog")
src=$out/kll-$ver
rm -rf "$out"
mkdir -p "$src" || exit 2
if git -C "$top" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	(cd "$top" && git ls-files -z --cached --others --exclude-standard |
	    tar --null -T - --ignore-failed-read -cf - 2>/dev/null) |
	    tar -xf - -C "$src" || exit 2
else
	(cd "$top" && tar --exclude=./build -cf - .) | tar -xf - -C "$src" ||
	    exit 2
fi

# Build the binary packages; for speed here without debug symbol
# packages and with xz at level 1 (a release build uses the defaults).
if ! (cd "$src" && DEB_BUILD_OPTIONS="${DEB_BUILD_OPTIONS:-} noddebs" \
    DPKG_DEB_COMPRESSOR_LEVEL=1 dpkg-buildpackage -us -uc -b -j"$jobs") \
    >"$out/build.log" 2>&1; then
	echo "FAIL deb: dpkg-buildpackage failed; the end of build/deb/build.log:"
	tail -30 "$out/build.log" | sed 's/^/    /'
	exit 1
fi
built=$(date +%s)
changes=$(ls "$out"/kll_"$ver"_*.changes)
for p in kll libkll0 libkll-dev kll-data; do
	ok
	ls "$out/${p}_$ver"_*.deb >/dev/null 2>&1 || no "no package $p"
done

# lintian, meanwhile: errors fail; the rest is listed.
lintian --fail-on error --tag-display-limit 0 "$changes" \
    >"$out/lintian.log" 2>&1 &
lintian=$!

# Unpack.
root=$out/root
mkdir -p "$root"
for d in "$out"/*.deb; do dpkg -x "$d" "$root" || { kill $lintian; exit 2; }; done
ma=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
for f in usr/bin/kll usr/bin/kll-vocab usr/bin/kll-map usr/bin/kll-diff \
    usr/bin/kll-publish usr/lib/$ma/libkll.so.0 usr/lib/$ma/libkll.so \
    usr/lib/$ma/libkll.a usr/lib/$ma/pkgconfig/kll.pc usr/include/kll.h \
    usr/share/kll/vocab/INDEX usr/share/kll/vocab/ssyk-2012.ttl \
    usr/share/kll/mappings/ssyk-2012_isco-08.sssom.tsv \
    usr/share/bash-completion/completions/kll \
    usr/share/doc/kll-data/copyright; do
	ok
	[ -e "$root/$f" ] || no "$f is not installed"
done
for m in "$top"/man/*.1; do
	page=$root/usr/share/man/man1/${m##*/}.gz
	ok
	if [ ! -f "$page" ]; then
		no "${m##*/} is not installed"
	elif zgrep -q '@DATADIR@\|/usr/local' "$page"; then
		no "${m##*/} names @DATADIR@ or /usr/local"
	fi
done
ok
zgrep -q '^\.It Pa /usr/share/kll/vocab/' "$root/usr/share/man/man1/kll.1.gz" ||
    no "kll.1 does not name /usr/share/kll/vocab/"
ok
grep -q "/usr/share/kll/vocab" "$root/usr/share/bash-completion/completions/kll" ||
    no "the bash completion does not name /usr/share/kll/vocab"

# libkll-dev: a program built with its pkg-config file, linked to the
# shared library of libkll0.
cat >"$out/uselib.c" <<'EOF'
#include <stdio.h>
#include <string.h>
#include <kll.h>

int
main(void)
{
	printf("%s %s\n", KLL_VERSION, kll_vocab_datadir());
	return strcmp(kll_strerror(KLL_OK), "") == 0;
}
EOF
ok
if ! flags=$(PKG_CONFIG_SYSROOT_DIR=$root \
    PKG_CONFIG_LIBDIR=$root/usr/lib/$ma/pkgconfig:/usr/lib/$ma/pkgconfig:/usr/share/pkgconfig \
    pkg-config --cflags --libs kll); then
	no "pkg-config kll fails on the unpacked kll.pc"
elif ! cc -o "$out/uselib" "$out/uselib.c" $flags 2>"$out/uselib.log"; then
	no "a program does not build against libkll-dev:"
	sed 's/^/    /' "$out/uselib.log"
else
	got=$(LD_LIBRARY_PATH=$root/usr/lib/$ma "$out/uselib")
	[ "$got" = "$ver /usr/share/kll/vocab" ] ||
	    no "the program against libkll0 says '$got'"
	LD_LIBRARY_PATH=$root/usr/lib/$ma ldd "$out/uselib" |
	    grep -q "libkll.so.0 => $root/" ||
	    no "the program does not use the unpacked libkll.so.0"
fi

# The commands link the shared library of libkll0, with no rpath, and
# the package says so.
ok
deps=$(dpkg-deb -f "$(ls "$out/kll_$ver"_*.deb)" Depends)
case "$deps" in
*"libkll0 (>= $ver)"*) ;;
*) no "kll does not depend on libkll0 (>= $ver): Depends: $deps" ;;
esac
for p in "$root"/usr/bin/kll "$root"/usr/bin/kll-*; do
	ok
	dyn=$(readelf -d "$p" 2>/dev/null)
	echo "$dyn" | grep -q 'NEEDED.*\[libkll\.so\.0\]' ||
	    no "${p##*/} does not link libkll.so.0"
	! echo "$dyn" | grep -q 'RPATH\|RUNPATH' ||
	    no "${p##*/} has an rpath"
done

# The unpacked commands: the golden cases, the README's examples with the
# unpacked vocabularies, and the unpacked keys against them; they find
# the unpacked libkll.so.0 through LD_LIBRARY_PATH.
bin=$root/usr/bin
LD_LIBRARY_PATH=$root/usr/lib/$ma${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
export LD_LIBRARY_PATH
ok
LC_ALL=C ldd "$bin/kll-map" | grep -q "libkll.so.0 => $root/" ||
    no "the unpacked commands do not use the unpacked libkll.so.0"
ok
KLL_BIN=$bin sh "$top/tests/cli/run.sh" >"$out/cli.log" 2>&1 ||
    no "golden cases on the unpacked commands:
$(grep -v '^cli:' "$out/cli.log" | head -30)"
echo "deb: unpacked commands, $(tail -1 "$out/cli.log")"
ok
KLL_BIN=$bin KLL_README_PATH=$root/usr/share/kll/vocab \
    sh "$top/tests/readme.sh" >"$out/readme.log" 2>&1 ||
    no "README examples on the unpacked commands:
$(head -30 "$out/readme.log")"
echo "deb: unpacked commands, $(tail -1 "$out/readme.log")"
ok
(cd "$root/usr/share/kll/mappings" && LC_ALL=C KLL_PATH=$root/usr/share/kll/vocab \
    "$bin/kll-map" check -q ./*.sssom.tsv) >"$out/keys.log" 2>&1 ||
    no "kll-map check of the unpacked keys:
$(head -10 "$out/keys.log")"

wait $lintian
lrc=$?
ok
if [ $lrc != 0 ]; then
	no "lintian reports errors (exit status $lrc):"
	sed 's/^/    /' "$out/lintian.log"
else
	echo "deb: lintian: no error, $(grep -c '^[WIP]:' "$out/lintian.log")" \
	    "other tags"
	grep '^[WIP]:' "$out/lintian.log" | sed 's/^/    /'
fi

end=$(date +%s)
echo "deb: $n checks, $fail failed (build $((built - start)) s," \
    "all $((end - start)) s)"
[ $fail = 0 ]
