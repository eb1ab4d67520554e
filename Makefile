# SPDX-License-Identifier: LGPL-2.1-or-later
# kll: plain GNU make.  make; make check; make install PREFIX=... DESTDIR=...

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
LIBDIR  ?= $(PREFIX)/lib
INCDIR  ?= $(PREFIX)/include
MANDIR  ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share/kll
COMPDIR ?= $(PREFIX)/share/bash-completion/completions

CC      ?= cc
CSTD    ?= -std=c99
OPT     ?= -O2 -g
WARN     = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
	   -Wmissing-prototypes -Wformat=2 -Wno-format-nonliteral
PKGS     = serd-0 raptor2 redland libxml-2.0 yaml-0.1 sqlite3 libpq
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lunistring -lstemmer -lm
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)
SANITIZE ?=
SANFLAGS = $(if $(SANITIZE),-fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer)
ALL_CFLAGS = $(CSTD) -D_POSIX_C_SOURCE=200809L $(OPT) $(WARN) $(SANFLAGS) \
	   -fPIC -Ilib $(PKG_CFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)

# Everything built goes under $(B): build/ for the normal build,
# build/asan/ for the sanitizer one, so both can sit side by side.
B        ?= build
LIB_SRC  = $(sort $(wildcard lib/*.c))
LIB_OBJ  = $(LIB_SRC:%.c=$(B)/%.o)
CMDS     = $(patsubst cli/cmd-%.c,%,$(sort $(wildcard cli/cmd-*.c)))
CLI_SRC  = $(filter-out cli/main.c cli/kll.c,$(sort $(wildcard cli/*.c)))
CLI_OBJ  = $(CLI_SRC:%.c=$(B)/%.o)
PROGS    = $(B)/bin/kll $(CMDS:%=$(B)/bin/kll-%)
SPROGS   = $(PROGS:$(B)/bin/%=$(B)/shared/%)
UNIT     = $(patsubst tests/unit/%.c,$(B)/tests/%,$(sort $(wildcard tests/unit/test_*.c)))
MAN      = $(sort $(wildcard man/*.[1-9]))
SOVER    = 0
LIBA     = $(B)/lib/libkll.a
LIBSO    = $(B)/lib/libkll.so.$(SOVER)

all: $(PROGS) $(LIBA) $(LIBSO) $(B)/kll.pc $(SPROGS)

$(B)/lib/vocab_resolve.o: ALL_CFLAGS += -DKLL_DATADIR='"$(DATADIR)/vocab"'
# The installed share folder is compiled in: rebuild when it changes.
$(B)/lib/vocab_resolve.o: $(B)/datadir
$(B)/datadir: FORCE
	@mkdir -p $(@D)
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' > $@
FORCE:
# Each object lists the headers it includes in a .d file beside it (-MMD),
# so that a change to one header rebuilds only what uses it.
DEPFLAGS = -MMD -MP
$(B)/lib/%.o: lib/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c -o $@ $<

$(LIBA): $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

# The shared library exports the functions kll.h declares, under version
# KLL_0, and nothing else: the internal kll__ ones stay inside.  The
# version script is made from kll.h; tests/abi.sh checks the result.
$(B)/lib/libkll.ver: lib/kll.h
	@mkdir -p $(@D)
	{ echo 'KLL_0 {'; echo 'global:'; \
	  grep -oE '\bkll_[a-z0-9_]+\(' lib/kll.h | grep -v '^kll__' | \
	  tr -d '(' | sort -u | sed 's/.*/\t&;/'; \
	  echo 'local:'; echo '\t*;'; echo '};'; } > $@.tmp && mv $@.tmp $@

$(LIBSO): $(LIB_OBJ) $(B)/lib/libkll.ver
	$(CC) -shared -Wl,-soname,libkll.so.$(SOVER) \
	    -Wl,--version-script=$(B)/lib/libkll.ver $(ALL_LDFLAGS) -o $@ \
	    $(LIB_OBJ) $(PKG_LIBS)

$(B)/cli/%.o: cli/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c -o $@ $<

# Each kll-CMD is cli/main.c with its command's entry point.
$(B)/cli/main-%.o: cli/main.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -DKLL_CMD=cmd_$(subst -,_,$*) -c -o $@ $<

$(B)/bin/kll-%: $(B)/cli/main-%.o $(CLI_OBJ) $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $(B)/cli/main-$*.o $(CLI_OBJ) $(LIBA) $(PKG_LIBS)

$(B)/bin/kll: $(B)/cli/kll.o $(CLI_OBJ) $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $(B)/cli/kll.o $(CLI_OBJ) $(LIBA) $(PKG_LIBS)

# The commands that `make install` installs link the shared library
# (libkll.so.0, found in LIBDIR: no rpath), so that a fix to libkll reaches
# them.  The ones in $(B)/bin, which the tests run, link libkll.a: they
# run from the tree as they are, under the sanitizers and FAULTS too,
# with no LD_LIBRARY_PATH to set and no installed libkll to pick up by
# mistake.  They are built from the same objects.
$(B)/shared/kll-%: $(B)/cli/main-%.o $(CLI_OBJ) $(LIBSO)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $(B)/cli/main-$*.o $(CLI_OBJ) $(LIBSO)

$(B)/shared/kll: $(B)/cli/kll.o $(CLI_OBJ) $(LIBSO)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $(B)/cli/kll.o $(CLI_OBJ) $(LIBSO)

.SECONDARY:
-include $(wildcard $(B)/lib/*.d $(B)/cli/*.d $(B)/tests/*.d)
# make tries to remake every file it includes, and the built-in rule
# `%: %.o` with the main-%.o rule above would remake build/cli/main-X.d
# from a build/cli/main-X.d.o compiled with KLL_CMD=cmd_X.d (broken)
# whenever cli/main.c is newer than the .d.  The .d files are written by
# the compiler alone: no rule makes them.
$(B)/%.d: ;

$(B)/kll.pc: Makefile lib/kll.h
	printf 'prefix=%s\nlibdir=%s\nincludedir=%s\n\nName: kll\nDescription: classification vocabularies and translation keys\nVersion: %s\nRequires.private: serd-0 raptor2 redland libxml-2.0 yaml-0.1 sqlite3 libpq\nLibs: -L$${libdir} -lkll\nLibs.private: -lunistring -lstemmer -lm\nCflags: -I$${includedir}\n' \
	    '$(PREFIX)' '$(LIBDIR)' '$(INCDIR)' \
	    "$$(sed -n 's/^#define KLL_VERSION "\(.*\)"/\1/p' lib/kll.h)" > $@

$(B)/tests/test_%: tests/unit/test_%.c $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIBA) $(PKG_LIBS) $(CMOCKA_LIBS)

# Install the Debian packages that are missing (sudo when not root).
deps:
	@sh tools/deps.sh

# The main job on the shipped data: check every vocabulary (and key), and
# say what each holds.
run: deps
	@$(MAKE) --no-print-directory all
	@KLL_BIN=$(CURDIR)/$(B)/bin sh tools/run.sh

# The tests: unit tests, golden CLI cases and the real shipped data, then
# all of them again under AddressSanitizer and UBSan (make NOASAN=1 check
# skips that second round).  `make test` is the same without deps.
check: deps
	@$(MAKE) --no-print-directory test
	@$(MAKE) --no-print-directory faults
	@$(MAKE) --no-print-directory fuzz-short
	@$(MAKE) --no-print-directory lint-man
	@$(MAKE) --no-print-directory deb-check

# The store tests load these into SQLite (a full load of every shipped
# file takes far longer: STORE_FILES="$(ls vocab/*.ttl
# mappings/*.sssom.tsv)" for that); PostgreSQL gets every shipped file.
STORE_FILES ?= vocab/eqf.ttl vocab/seqf.ttl vocab/sun-2020-level.ttl \
	mappings/seqf_eqf.sssom.tsv

test: all $(UNIT)
	@for t in $(UNIT); do ./$$t || exit 1; done
	@KLL_BIN=$(CURDIR)/$(B)/bin sh tests/cli/run.sh
	@KLL_BIN=$(CURDIR)/$(B)/bin sh tests/real.sh
	@KLL_BIN=$(CURDIR)/$(B)/bin sh tests/hostile/run.sh
	@KLL_BIN=$(CURDIR)/$(B)/bin sh tests/hostile/yaml.sh
	@KLL_BIN=$(CURDIR)/$(B)/bin sh tests/hostile/links.sh
	@KLL_BIN=$(CURDIR)/$(B)/bin sh tests/hostile/perm.sh
	@KLL_BIN=$(CURDIR)/$(B)/bin SHARED_DATA=$(SHARED)/data sh tests/learn-real.sh
	@KLL_BIN=$(CURDIR)/$(B)/bin sh tests/diff-real.sh
	@KLL_BIN=$(CURDIR)/$(B)/bin KLL_SHARED=$(SHARED) sh tests/formats.sh
	@KLL_BIN=$(CURDIR)/$(B)/bin sh tests/completion.sh
	@KLL_BIN=$(CURDIR)/$(B)/bin sh tests/man-rules.sh
	@B=$(B) sh tests/abi.sh
	@KLL_BIN=$(CURDIR)/$(B)/bin sh tests/sarif/run.sh
	@KLL_BIN=$(CURDIR)/$(B)/bin KLL_STORE_FILES="$(STORE_FILES)" sh tests/store.sh
	@KLL_BIN=$(CURDIR)/$(B)/bin sh tests/store-cli.sh
	@KLL_BIN=$(CURDIR)/$(B)/bin sh tests/shacl/run.sh
	@KLL_BIN=$(CURDIR)/$(B)/bin $(if $(SANITIZE),KLL_PUBLISH_SHIPPED=0) \
	    sh tests/publish/shacl.sh
	@if [ -z "$(SANITIZE)" ]; then KLL_BIN=$(CURDIR)/$(B)/bin sh tests/publish/browser.sh; fi
	@if [ -z "$(SANITIZE)" ] && [ -z "$(NOASAN)" ]; then \
	    echo "== again under AddressSanitizer and UBSan"; \
	    $(MAKE) --no-print-directory asan; fi

asan:
	@ASAN_OPTIONS=abort_on_error=1:detect_leaks=1 \
	    LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	    UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1 \
	    $(MAKE) --no-print-directory B=build/asan OPT='-O1 -g' \
	    SANITIZE=address,undefined NOASAN=1 test

# Time and memory against rapper, serdi, rdflib, Jena riot, jskos-cli and
# awk on the shipped data (bench/README.md); installs those peers, and is
# not part of check.
bench: all
	@KLL_BIN=$(CURDIR)/$(B)/bin KLL_BENCH_IMPORT_OPTS="$(IMPORT_OPTS_esco_skills)" \
	    sh bench/run.sh
.PHONY: bench

# The shipped vocabularies: vocab/ID.ttl from vocab/src/ID.csv with the
# options of vocab/vocab.mk; `make vocab` regenerates them all and the
# INDEX of their scheme IRIs, `make vocab-verify` checks that doing so
# gives the same bytes.
-include vocab/vocab.mk
VOCAB_TTL = $(VOCAB_IDS:%=vocab/%.ttl)
KLL_VOCAB = $(B)/bin/kll-vocab

vocab: $(VOCAB_TTL) vocab/INDEX
vocab/%.ttl: vocab/src/%.csv vocab/vocab.mk $(KLL_VOCAB)
	$(KLL_VOCAB) import -q $(IMPORT_OPTS_$(subst -,_,$*)) -o $@ $<
vocab/INDEX: $(VOCAB_TTL) $(KLL_VOCAB)
	for id in $(VOCAB_IDS); do \
	    printf '%s\t%s\n' $$id "$$($(KLL_VOCAB) info vocab/$$id.ttl | sed -n 's/^iri\t//p')"; \
	done > $@.tmp && mv $@.tmp $@

vocab-verify: $(VOCAB_IDS:%=$(B)/vocab-verify/%.ttl)
	@for id in $(VOCAB_IDS); do \
	    cmp vocab/$$id.ttl $(B)/vocab-verify/$$id.ttl || exit 1; \
	done; echo "vocab: $(words $(VOCAB_IDS)) vocabularies regenerate byte for byte"
$(B)/vocab-verify/%.ttl: vocab/src/%.csv vocab/vocab.mk $(KLL_VOCAB)
	@mkdir -p $(@D)
	@$(KLL_VOCAB) import -q $(IMPORT_OPTS_$(subst -,_,$*)) -o $@ $<

# The shipped keys: mappings/FROM_TO.sssom.tsv from mappings/src/FROM_TO.csv
# with the options of mappings/mappings.mk (`make mappings`); the composed
# SSYK 2012 to ESCO key from two of them; `make mappings-verify` checks
# that regenerating gives the same bytes.
-include mappings/mappings.mk
KEY_TSV  = $(KEY_IDS:%=mappings/%.sssom.tsv)
KLL_MAP  = $(B)/bin/kll-map
key_from = $(firstword $(subst _, ,$(notdir $(basename $(basename $(1))))))
key_to   = $(lastword $(subst _, ,$(notdir $(basename $(basename $(1))))))
COMPOSED = mappings/ssyk-2012_esco-occupations.sssom.tsv

# A key with evidence (KEY_EVIDENCE_FROM_TO in mappings.mk) is learnt from
# it, with exactly the pairs of its table; the others are imported.
key_sub  = $(if $(KEY_EVIDENCE_$(1)),learn --pairs mappings/src/$(1).csv,import)
key_in   = $(or $(KEY_EVIDENCE_$(1)),$(2))
$(foreach k,$(KEY_IDS),$(if $(KEY_EVIDENCE_$(k)),$(eval \
    mappings/$(k).sssom.tsv $(B)/mappings-verify/$(k).sssom.tsv: $(KEY_EVIDENCE_$(k)))))

mappings: $(KEY_TSV) $(COMPOSED)
mappings/%.sssom.tsv: mappings/src/%.csv mappings/mappings.mk $(KLL_MAP) $(VOCAB_TTL)
	$(KLL_MAP) $(call key_sub,$*) -q -L vocab -s $(call key_from,$@) -t $(call key_to,$@) \
	    $(KEY_OPTS_$*) -o $@ $(call key_in,$*,$<)
$(COMPOSED): mappings/ssyk-2012_isco-08.sssom.tsv mappings/isco-08_esco-occupations.sssom.tsv mappings/mappings.mk $(KLL_MAP)
	$(KLL_MAP) compose -q -L vocab $(COMPOSE_OPTS) -o $@ $(filter %.tsv,$^)
mappings-src: $(KLL_VOCAB)
	KLL_VOCAB=$(KLL_VOCAB) sh tools/mkkeys.sh $(SHARED)/data

mappings-verify: $(KEY_IDS:%=$(B)/mappings-verify/%.sssom.tsv)
	@$(KLL_MAP) compose -q -L vocab $(COMPOSE_OPTS) \
	    -o $(B)/mappings-verify/$(notdir $(COMPOSED)) \
	    $(B)/mappings-verify/ssyk-2012_isco-08.sssom.tsv \
	    $(B)/mappings-verify/isco-08_esco-occupations.sssom.tsv
	@for k in $(KEY_IDS) $(basename $(basename $(notdir $(COMPOSED)))); do \
	    cmp mappings/$$k.sssom.tsv $(B)/mappings-verify/$$k.sssom.tsv || exit 1; \
	done; echo "mappings: $(words $(KEY_IDS) x) keys regenerate byte for byte"
$(B)/mappings-verify/%.sssom.tsv: mappings/src/%.csv mappings/mappings.mk $(KLL_MAP)
	@mkdir -p $(@D)
	@$(KLL_MAP) $(call key_sub,$*) -q -L vocab -s $(call key_from,$@) -t $(call key_to,$@) \
	    $(KEY_OPTS_$*) -o $@ $(call key_in,$*,$<)

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig \
	    $(DESTDIR)$(INCDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	    $(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(DATADIR)/vocab \
	    $(DESTDIR)$(DATADIR)/mappings
	cp -f $(SPROGS) $(DESTDIR)$(BINDIR)/
	cp -f $(LIBA) $(LIBSO) $(DESTDIR)$(LIBDIR)/
	ln -sf libkll.so.$(SOVER) $(DESTDIR)$(LIBDIR)/libkll.so
	cp -f lib/kll.h $(DESTDIR)$(INCDIR)/
	cp -f $(B)/kll.pc $(DESTDIR)$(LIBDIR)/pkgconfig/
	for m in $(MAN); do s=$${m##*.}; \
	    sed 's|@DATADIR@|$(DATADIR)|g' $$m > $(DESTDIR)$(MANDIR)/man$$s/$${m##*/}; done
	cp -f vocab/*.ttl vocab/INDEX $(DESTDIR)$(DATADIR)/vocab/
	mkdir -p $(DESTDIR)$(COMPDIR)
	sed 's|@DATADIR@|$(DATADIR)/vocab|' completion/kll.bash > $(DESTDIR)$(COMPDIR)/kll
	for c in $(notdir $(PROGS)); do [ $$c = kll ] || ln -sf kll $(DESTDIR)$(COMPDIR)/$$c; done
	if ls mappings/*.sssom.tsv >/dev/null 2>&1; then \
	    cp -f mappings/*.sssom.tsv $(DESTDIR)$(DATADIR)/mappings/; fi

uninstall:
	for p in $(notdir $(PROGS)); do rm -f $(DESTDIR)$(BINDIR)/$$p; done
	rm -f $(DESTDIR)$(LIBDIR)/libkll.a $(DESTDIR)$(LIBDIR)/libkll.so \
	    $(DESTDIR)$(LIBDIR)/libkll.so.$(SOVER) $(DESTDIR)$(INCDIR)/kll.h \
	    $(DESTDIR)$(LIBDIR)/pkgconfig/kll.pc
	for m in $(notdir $(MAN)); do s=$${m##*.}; rm -f $(DESTDIR)$(MANDIR)/man$$s/$$m; done
	rm -rf $(DESTDIR)$(DATADIR)
	for c in $(notdir $(PROGS)); do rm -f $(DESTDIR)$(COMPDIR)/$$c; done

clean:
	rm -rf build

# Packaging and documentation checks.  lint-man: every page clean under
# mandoc -Tlint -Wwarning.  test-readme (part of test): the examples of
# README.md give what it shows.  deb-check (part of check): the Debian
# packages of debian/ build from a copy of the tree in build/deb, pass
# lintian, and the commands unpacked from them pass the golden cases
# (tests/deb.sh).
lint-man:
	@for m in $(MAN); do mandoc -Tlint -Wwarning $$m || exit 1; done
	@echo "man: $(words $(MAN)) pages lint clean"

test: test-readme
test-readme: all
	@KLL_BIN=$(CURDIR)/$(B)/bin sh tests/readme.sh

deb-check:
	@sh tests/deb.sh

.PHONY: test-readme deb-check

format:
	clang-format -i lib/*.[ch] cli/*.[ch] tests/unit/*.c tools/*.c

format-check:
	clang-format --dry-run -Werror lib/*.[ch] cli/*.[ch] tests/unit/*.c

# The source tables vocab/src/ID.csv, rebuilt from the classification
# files in $(SHARED)/data (needs unzip).
SHARED ?= ../shared
$(B)/tools/mksrc: tools/mksrc.c $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIBA) $(PKG_LIBS)

vocab-src: $(B)/tools/mksrc
	$(B)/tools/mksrc $(SHARED)/data vocab/src

.PHONY: vocab-src

# Hardening.  FAULTS=1 builds the library with -DKLL_FAULTS, so that
# KLL_FAIL_ALLOC=N makes its Nth allocation fail (lib/alloc.c); `make
# faults` runs tests/faults/run.sh on such a build in build/faults.
# `make fuzz` runs each libFuzzer target of tests/fuzz/ under ASan and
# UBSan for FUZZ_SECONDS, `make fuzz-short` for 20 s (clang needed).
# `make leakcheck` runs the unit tests and CLI cases under valgrind.
ALL_CFLAGS += $(if $(FAULTS),-DKLL_FAULTS)
FUZZ_SECONDS ?= 600
faults:
	@$(MAKE) --no-print-directory B=build/faults FAULTS=1 all
	@KLL_BIN=$(CURDIR)/build/faults/bin sh tests/faults/run.sh
fuzz fuzz-short:
	@$(MAKE) --no-print-directory B=build/fuzz CC=clang OPT='-O1 -g' \
	    SANITIZE=fuzzer-no-link,address,undefined build/fuzz/lib/libkll.a
	@FUZZ_SECONDS=$(if $(filter fuzz-short,$@),20,$(FUZZ_SECONDS)) \
	    KLL_LIBS='$(PKG_LIBS)' KLL_CFLAGS='$(PKG_CFLAGS)' sh tests/fuzz/run.sh
leakcheck: all $(UNIT)
	@KLL_BIN=$(CURDIR)/$(B)/bin sh tests/faults/leakcheck.sh $(UNIT)

.PHONY: faults fuzz fuzz-short leakcheck

.PHONY: FORCE all deps run check test asan vocab vocab-verify mappings mappings-src mappings-verify install uninstall clean lint-man format format-check

# The shipped keys are in canonical form, as kll-map fmt writes them
# (part of test).
test: keys-fmt-check
keys-fmt-check: all
	@$(B)/bin/kll-map fmt --check -q mappings/*.sssom.tsv && \
	    echo "mappings: $(words $(wildcard mappings/*.sssom.tsv)) keys in canonical form"

.PHONY: keys-fmt-check
