# rf: red flags for residency programs.  GNU make.

PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
DATADIR  ?= $(PREFIX)/share
SHAREDIR ?= $(DATADIR)/rf
MANDIR   ?= $(DATADIR)/man
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
ZSHCOMPDIR  ?= $(DATADIR)/zsh/vendor-completions
FISHCOMPDIR ?= $(DATADIR)/fish/vendor_completions.d

VERSION  = 0.1.0
CC      ?= cc
CFLAGS  ?= -O2 -g
# Warnings are always on; WERROR=1 (CI sets it) makes them errors, so a newer
# compiler's new warning does not break a user's build.
WARN     = -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	$(if $(filter 1,$(WERROR)),-Werror)
# lib/ runs threads (history prefetch): compile and link with -pthread.
PTHREAD  = -pthread
GIT2_CFLAGS := $(shell pkg-config --cflags libgit2 2>/dev/null)
GIT2_LIBS   := $(shell pkg-config --libs libgit2 2>/dev/null || echo -lgit2)
# libssh2 directly only to read ~/.ssh/known_hosts when libgit2 refused a
# host key, to tell an unknown host from a changed key (lib/cred.c).
SSH2_CFLAGS := $(shell pkg-config --cflags libssh2 2>/dev/null)
SSH2_LIBS   := $(shell pkg-config --libs libssh2 2>/dev/null || echo -lssh2)
ALL_CFLAGS = $(WARN) $(PTHREAD) -D_GNU_SOURCE -DRF_VERSION='"$(VERSION)"' -Ilib \
	-I/usr/include/iniparser $(GIT2_CFLAGS) $(SSH2_CFLAGS) $(CFLAGS)
LDLIBS   = $(GIT2_LIBS) $(SSH2_LIBS) -liniparser -lcsv -lm

# BUILD may be set to build in a private directory (parallel work trees).
ifeq ($(SANITIZE),1)
CFLAGS  = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
BUILD  ?= build/asan
# LeakSanitizer's stop-the-world (ptrace) was seen to hang a test here now and
# then; leaks are valgrind's job (`make valgrind`), ASan+UBSan keep the rest.
ASAN_OPTIONS ?= detect_leaks=0
export ASAN_OPTIONS
else
BUILD  ?= build/plain
endif

DEPS_PKGS = libgit2-dev libssh2-1-dev libiniparser-dev libcsv-dev pkg-config bats bats-support bats-assert \
	bats-file mandoc zsh fish jq python3 valgrind parallel clang libclang-rt-14-dev tidy chromium \
	openssh-server openssh-client openssl

CMDS = rf rf-init rf-new rf-edit rf-set rf-quote rf-commit rf-check rf-log rf-diff rf-score rf-ask rf-import rf-export rf-rank rf-report rf-sync
BINS = $(CMDS:%=bin/%)
BUILT_BINS = $(CMDS:%=$(BUILD)/bin/%)
LIB_SRC = $(sort $(wildcard lib/*.c))
LIB_OBJ = $(LIB_SRC:lib/%.c=$(BUILD)/lib/%.o)
LIBRF   = $(BUILD)/librf.a
UNIT_SRC = $(sort $(wildcard tests/unit/test-*.c))
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TEMPLATES = $(sort $(wildcard templates/*.ini))
MANPAGES = $(sort $(wildcard man/*.[1-9]))

all: $(BINS)

$(BUILD)/.stamp:
	@mkdir -p $(BUILD)/lib $(BUILD)/cmd $(BUILD)/tests && touch $@

$(BUILD)/lib/%.o: lib/%.c lib/*.h | $(BUILD)/.stamp
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/cmd/%.o: cmd/%.c lib/*.h | $(BUILD)/.stamp
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# rf's caches in .git/rf/ are trusted only when this very code wrote them:
# their header carries a checksum of the library's sources.
CACHE_BUILD := $(shell cat $(LIB_SRC) $(sort $(wildcard lib/*.h)) | cksum | cut -d' ' -f1)
$(BUILD)/lib/cachefile.o: ALL_CFLAGS += -DRF_CACHE_BUILD=$(CACHE_BUILD)u
$(BUILD)/lib/cachefile.o: $(LIB_SRC)

$(LIBRF): $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $(LIB_OBJ)

$(BUILD)/bin/%: $(BUILD)/cmd/%.o $(LIBRF)
	@mkdir -p $(BUILD)/bin
	$(CC) $(PTHREAD) $(LDFLAGS) -o $@ $< $(LIBRF) $(LDLIBS)

# bin/ holds the flavour built last (plain or SANITIZE=1), copied only when it differs.
bin/%: $(BUILD)/bin/% FORCE
	@mkdir -p bin; cmp -s $< $@ || cp $< $@

$(BUILD)/tests/%: tests/unit/%.c tests/unit/unit.h $(LIBRF) | $(BUILD)/.stamp
	$(CC) $(ALL_CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(LIBRF) $(LDLIBS)

# `make check`, `demo`, `valgrind` and `fuzz` install missing Debian packages
# first (README, Quick start): deps-ok, then a second make does the work, so that with -j
# nothing compiles before the packages are there (and pkg-config is read after
# they are).  Without dpkg-query (not Debian) nothing is installed: one line
# says so and the build goes on with what the machine has.
deps-ok:
	@if ! command -v dpkg-query >/dev/null 2>&1; then \
		echo "rf: no dpkg-query, not checking packages (rf needs libgit2 1.5+, iniparser 4.1, bats 1.8 + bats-support/assert/file, GNU parallel)"; \
		exit 0; \
	fi; \
	missing=""; for p in $(DEPS_PKGS); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then $(MAKE) --no-print-directory deps; fi

deps:
	@if [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEPS_PKGS); \
	else \
		echo "rf needs Debian packages; run as root:"; \
		echo "  apt-get install -y $(DEPS_PKGS)"; exit 1; \
	fi

# Helpers the bats tests run (tests/tools): ini-get reads a value back
# through iniparser alone.
TEST_TOOLS = $(BUILD)/tests/ini-get

$(BUILD)/tests/ini-get: tests/tools/ini-get.c | $(BUILD)/.stamp
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< -liniparser

check valgrind demo: deps-ok
	@$(MAKE) --no-print-directory $@-run

# What the tests run: the commands of $(BUILD), the unit tests, the test tools.
test-bins: $(BUILT_BINS) $(UNIT_BIN) $(TEST_TOOLS)

# RF_JOBS (default: nproc) bats files and unit tests run at once (tests/run-all).
check-run: test-bins
	@RF_BIN=$(abspath $(BUILD)/bin) RF_TEST_TOOLS=$(abspath $(BUILD)/tests) tests/run-all $(UNIT_BIN)

# The unit tests and the bats files of tests/valgrind/files (chosen there by
# coverage per valgrind second) with every binary under valgrind
# (tests/valgrind/run): errors and definite leaks fail it.  VALGRIND_BATS=all
# runs the whole suite (26 min on two cores), VALGRIND_BATS="F..." any files.
valgrind-run: test-bins
	@RF_VALGRIND_BATS='$(VALGRIND_BATS)' tests/valgrind/run $(BUILD) $(UNIT_BIN)

# The sample season is built with bin/ (what `all` just made) in a temporary
# notes directory, then toured.
demo-run: all
	@RF_BIN="$(CURDIR)/bin" demo/season.sh

# Completion files are looked up by command name (bash-completion, fish), so
# every rf-* command gets a link to the one file that completes them all.
COMP_CMDS = $(filter-out rf,$(CMDS))

# install takes the binaries of $(BUILD) (what `make check BUILD=...` tested)
# and does not touch bin/.
install: $(BUILT_BINS)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SHAREDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(BASHCOMPDIR) \
		$(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR)
	install -m 755 $(BUILT_BINS) $(DESTDIR)$(BINDIR)
	install -m 644 $(TEMPLATES) $(DESTDIR)$(SHAREDIR)
	for m in $(MANPAGES); do s=$${m##*.}; install -m 644 $$m $(DESTDIR)$(MANDIR)/man$$s || exit 1; done
	install -m 644 completions/rf.bash $(DESTDIR)$(BASHCOMPDIR)/rf
	install -m 644 completions/_rf $(DESTDIR)$(ZSHCOMPDIR)/_rf
	install -m 644 completions/rf.fish $(DESTDIR)$(FISHCOMPDIR)/rf.fish
	for c in $(COMP_CMDS); do ln -sf rf $(DESTDIR)$(BASHCOMPDIR)/$$c && \
		ln -sf rf.fish $(DESTDIR)$(FISHCOMPDIR)/$$c.fish || exit 1; done

uninstall:
	rm -f $(CMDS:%=$(DESTDIR)$(BINDIR)/%)
	rm -f $(TEMPLATES:templates/%=$(DESTDIR)$(SHAREDIR)/%)
	rmdir $(DESTDIR)$(SHAREDIR) 2>/dev/null || true
	for m in $(MANPAGES); do s=$${m##*.}; rm -f $(DESTDIR)$(MANDIR)/man$$s/$${m#man/}; done
	rm -f $(DESTDIR)$(BASHCOMPDIR)/rf $(COMP_CMDS:%=$(DESTDIR)$(BASHCOMPDIR)/%)
	rm -f $(DESTDIR)$(ZSHCOMPDIR)/_rf
	rm -f $(DESTDIR)$(FISHCOMPDIR)/rf.fish $(COMP_CMDS:%=$(DESTDIR)$(FISHCOMPDIR)/%.fish)

clean:
	rm -rf build bin

# Fuzzing (tests/fuzz): libFuzzer targets built with clang into build/fuzz,
# each run for FUZZ_SECONDS, one at a time.
FUZZ_SECONDS ?= 600
FUZZ_BUILD ?= build/fuzz
FUZZ_CFLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined \
	-fno-sanitize-recover=all
FUZZ_SRC = $(sort $(wildcard tests/fuzz/fuzz-*.c))
FUZZ_BIN = $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)

$(BUILD)/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(LIBRF)
	@mkdir -p $(BUILD)/fuzz
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< $(LIBRF) $(LDLIBS)

fuzz-bins: $(FUZZ_BIN)

fuzz: deps-ok
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang CFLAGS='$(FUZZ_CFLAGS)' fuzz-bins
	@tests/fuzz/run $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# rf against git and other peers on generated repositories: medians, peak RSS
# and ratios in a table, never a failure (bench/README.md). Not part of check.
BENCH_PRESETS  ?= season xl
BENCH_VARIANTS ?= packed
BENCH_RUNS     ?= 3
BENCH_ROWS     ?=
bench: $(BUILT_BINS)
	bench/run.py --bin $(abspath $(BUILD)/bin) --presets '$(BENCH_PRESETS)' \
		--variants '$(BENCH_VARIANTS)' --runs $(BENCH_RUNS) --rows '$(BENCH_ROWS)'

.PHONY: all check check-run test-bins deps deps-ok demo demo-run install uninstall clean fuzz fuzz-bins \
	valgrind valgrind-run bench FORCE
.SECONDARY:
