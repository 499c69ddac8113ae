#!/usr/bin/env bats
# rf: the dispatcher.
load helper

@test "rf NAME runs rf-NAME with the remaining arguments" {
	run --separate-stderr rf init
	assert_success
	assert_output "Initialized rf notes in $RF_DIR"
	run --separate-stderr rf new "Mercy General"
	assert_success
	assert_output "$RF_DIR/mercy-general.ini"
	run --separate-stderr rf set mercy visa.h1b=no
	assert_success
	assert_equal "$(last_subject)" "set mercy-general: visa.h1b unknown → no"
}

@test "rf -C DIR passes the notes directory on" {
	run --separate-stderr rf -C "$BATS_TEST_TMPDIR/other" new "Mercy General"
	assert_success
	assert_output "$BATS_TEST_TMPDIR/other/mercy-general.ini"
	assert_file_not_exists "$RF_DIR"
}

@test "rf help and rf --help list the commands on stdout" {
	run --separate-stderr rf help
	assert_success
	assert_line --index 0 "usage: rf [-C DIR] COMMAND [ARG...] | rf help [COMMAND] | rf --version"
	assert_line --regexp '^  set +change answers from the shell'
	assert_line --regexp '^  quote +record exact words said'
	assert_equal "$stderr" ""
	run --separate-stderr rf --help
	assert_success
	assert_line --regexp '^  init +create the notes directory'
	run --separate-stderr rf -h
	assert_success
	assert_line --regexp '^  commit +record edits made in any editor'
}

@test "rf --version prints the version" {
	run --separate-stderr rf --version
	assert_success
	assert_output --regexp '^rf \(rf\) [0-9]+\.[0-9]+\.[0-9]+$'
}

@test "rf with no command prints the list on stderr and exits 2" {
	run --separate-stderr rf
	assert_equal "$status" 2
	assert_output ""
	[[ "$stderr" == usage:* ]]
}

@test "an unknown command exits 2 with one line" {
	make_notes
	assert_refused "rf: 'frobnicate' is not an rf command; see 'rf help'" rf frobnicate
}

@test "a mistyped command gets 'did you mean' with the command line to type, exit 2" {
	make_notes
	assert_refused "rf: 'sett' is not an rf command; did you mean 'rf set'?" rf sett mercy visa.h1b=no
	assert_equal "$stderr" "rf: 'sett' is not an rf command; did you mean 'rf set'?"
	assert_refused "rf: 'sco' is not an rf command; did you mean 'rf score'?" rf sco
	assert_refused "rf: 'lg' is not an rf command; did you mean 'rf log'?" rf lg
	assert_refused "rf: 'nwe' is not an rf command; did you mean 'rf new'?" rf nwe
}

@test "rf help with a mistyped command says so itself, exit 2, without running man" {
	make_notes
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	printf '#!/bin/sh\necho man ran >&2\nexit 0\n' >"$BATS_TEST_TMPDIR/bin/man"
	chmod +x "$BATS_TEST_TMPDIR/bin/man"
	PATH="$BATS_TEST_TMPDIR/bin:$PATH" assert_refused "rf: 'sett' is not an rf command; did you mean 'rf help set'?" rf help sett
	assert_equal "$stderr" "rf: 'sett' is not an rf command; did you mean 'rf help set'?"
	PATH="$BATS_TEST_TMPDIR/bin:$PATH" assert_refused "rf: 'frobnicate' is not an rf command; see 'rf help'" rf help frobnicate
	assert_output ""
}

@test "rf refuses a command that is a path or an option" {
	run --separate-stderr rf ../rf-set
	assert_equal "$status" 2
	[[ "$stderr" == "rf: '../rf-set' is not an rf command"$'\n'usage:* ]]
	run --separate-stderr rf --frob
	assert_equal "$status" 2
	[[ "$stderr" == "rf: unrecognized option '--frob'"$'\n'usage:* ]]
	# Run by its path, as wrappers and scripts do, it still names itself.
	run --separate-stderr "$RF_BIN/rf-set" --frob
	assert_equal "$status" 2
	[[ "$stderr" == "rf-set: unrecognized option '--frob'"$'\n'usage:* ]]
}

@test "rf passes the command's exit status through" {
	make_notes
	run --separate-stderr rf set nosuch visa.h1b=no
	assert_equal "$status" 2
	assert_equal "$stderr" "rf-set: no such program 'nosuch'"
}
