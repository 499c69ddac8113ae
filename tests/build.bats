#!/usr/bin/env bats
# The Makefile's package check: it finishes before anything compiles, and
# without dpkg-query (not Debian) it installs nothing.  A stand-in compiler
# logs its calls and fails, so nothing is really built; BUILD is private.
load helper

setup() {
	setup_rf_env
	# Not the jobserver of the make that runs this suite.
	unset MAKEFLAGS MFLAGS MAKELEVEL
	fake=$BATS_TEST_TMPDIR/fake log=$BATS_TEST_TMPDIR/log
	mkdir -p "$fake"
	printf '#!/bin/sh\necho "cc $*" >>"%s"; exit 1\n' "$log" >"$fake/cc"
	printf '#!/bin/sh\necho "apt-get $1 start" >>"%s"; sleep 1; echo "apt-get $1 done" >>"%s"\n' \
		"$log" "$log" >"$fake/apt-get"
	chmod +x "$fake/cc" "$fake/apt-get"
}

run_make() {
	run --separate-stderr make -C "$RF_SRC" --no-print-directory -j4 "$@" \
		BUILD="$BATS_TEST_TMPDIR/build" CC="$fake/cc"
}

@test "make -j check installs missing packages before it compiles anything" {
	printf '#!/bin/sh\nexit 1\n' >"$fake/dpkg-query" # nothing is installed
	chmod +x "$fake/dpkg-query"
	PATH=$fake:$PATH run_make check
	assert_failure # the stand-in compiler fails
	if [ "$(id -u)" = 0 ]; then
		assert_equal "$(sed -n 1,4p "$log")" "$(printf 'apt-get %s\n' 'update start' 'update done' \
			'install start' 'install done')"
		grep -q '^cc ' "$log" || fail "nothing compiled after the install: $(cat "$log")"
	else
		# make deps only prints the apt-get line: nothing compiles.
		[[ "$output" == *"apt-get install -y "* ]] || fail "no apt-get line in: $output"
		[ ! -e "$log" ] || fail "ran: $(cat "$log")"
	fi
}

@test "without dpkg-query, make check installs nothing and says so in one line" {
	# Every command of PATH but dpkg-query; apt-get is the logging stand-in.
	local path=$BATS_TEST_TMPDIR/path d
	mkdir -p "$path"
	IFS=: read -ra dirs <<<"$PATH"
	for d in "${dirs[@]}"; do
		[ -d "$d" ] && cp -sn "$d"/* "$path"/ 2>/dev/null || true
	done
	rm -f "$path/dpkg-query" "$path/apt-get" "$path/cc"
	cp "$fake/apt-get" "$fake/cc" "$path/"
	PATH=$path run ! command -v dpkg-query
	PATH=$path run_make check
	assert_failure # the stand-in compiler fails
	assert_equal "$(grep -v "^$fake/cc " <<<"$output")" \
		"rf: no dpkg-query, not checking packages (rf needs libgit2 1.5+, iniparser 4.1, bats 1.8 + bats-support/assert/file, GNU parallel)"
	grep -q '^cc ' "$log" || fail "nothing compiled"
	run grep apt-get "$log"
	assert_output ""
}

@test "warnings are errors only with WERROR=1; -pthread compiles and links" {
	run env -u WERROR make -C "$RF_SRC" --no-print-directory -n all BUILD="$BATS_TEST_TMPDIR/build"
	assert_success
	[[ "$output" == *" -Wall -Wextra "* ]] || fail "no warnings in: $output"
	[[ "$output" != *"-Werror"* ]] || fail "-Werror without WERROR=1"
	grep -q -- "-pthread .* -c -o .*/lib/store.o lib/store.c" <<<"$output" || fail "not compiled with -pthread"
	grep -q -- "-pthread .* -o .*/bin/rf-set .*librf.a" <<<"$output" || fail "not linked with -pthread"
	run make -C "$RF_SRC" --no-print-directory -n all BUILD="$BATS_TEST_TMPDIR/build" WERROR=1
	assert_success
	grep -q -- "-Werror .* -c -o .*/lib/store.o" <<<"$output" || fail "no -Werror with WERROR=1"
}
