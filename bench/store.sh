#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# bench/store.sh: load and query times of kll-store and kll-query in SQLite
# and PostgreSQL beside the file path, from one run of tests/store.sh
# (which starts its own PostgreSQL cluster).  KLL_STORE_FILES picks the
# files (default: every shipped vocabulary and key).
#   KLL_BIN=$PWD/build/bin sh bench/store.sh
sh "$(dirname "$0")/../tests/store.sh" |
    grep -E '^(sqlite|postgresql)(-[a-z-]+)?: (loaded|[0-9]+ rows|[0-9]+ reads)|^store'
