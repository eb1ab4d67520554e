#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Install the Debian packages kll needs that are missing (with sudo when
# not root).  Quiet and quick when everything is there.
set -eu
pkgs="gcc make pkg-config libserd-dev libraptor2-dev librdf0-dev libxml2-dev libyaml-dev
libunistring-dev libstemmer-dev libcmocka-dev raptor2-utils clang libclang-rt-14-dev
valgrind mandoc build-essential debhelper devscripts dpkg-dev fakeroot lintian
libsqlite3-dev librdf-storage-sqlite librdf-storage-postgresql postgresql libpq-dev"
missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
# The schema and SHACL checks run on Node.js: Debian's nodejs and npm
# where no node and npm are there already (a nodejs from elsewhere
# brings its own npm, which Debian's npm package would conflict with).
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
[ -z "$missing" ] && exit 0
echo "installing:$missing" >&2
sudo=
[ "$(id -u)" = 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
$sudo apt-get install -y -q --no-install-recommends $missing >/dev/null ||
	{ $sudo apt-get update -q >/dev/null &&
	  $sudo apt-get install -y -q --no-install-recommends $missing >/dev/null; }
