#!/usr/bin/env bats
# rf-edit: edit a note in the user's editor, then commit it.
load helper

@test "rf-edit runs \$EDITOR on the note and commits the change per key" {
	make_notes
	export EDITOR="sed -i s/^h1b\ =\ unknown/h1b\ =\ no/"
	run --separate-stderr rf-edit mercy
	assert_success
	assert_output ""
	assert_equal "$stderr" ""
	assert_equal "$(last_subject)" "edit mercy-general: visa.h1b unknown → no"
	assert_equal "$(commit_count)" 3
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
	assert_equal "$(git -C "$RF_DIR" diff --no-textconv HEAD~1 HEAD | grep '^[-+][^-+]')" $'-h1b = unknown\n+h1b = no'
}

@test "rf-edit prefers \$VISUAL, passes the path as one argument, and works with editor arguments" {
	make_notes
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	cat >"$BATS_TEST_TMPDIR/bin/ed-script" <<-'SH'
		#!/bin/sh
		# $1 is a flag given in $VISUAL, $2 the note.
		[ "$1" = --flag ] || exit 9
		printf '%s\n' "$2" >"$HOME/edited-path"
		sed -i 's/^j1 = unknown/j1 = yes/' "$2"
	SH
	chmod +x "$BATS_TEST_TMPDIR/bin/ed-script"
	export VISUAL="$BATS_TEST_TMPDIR/bin/ed-script --flag" EDITOR=false
	run --separate-stderr rf-edit -C "$RF_DIR" mercy-general.ini
	assert_success
	assert_equal "$(cat "$HOME/edited-path")" "$RF_DIR/mercy-general.ini"
	assert_equal "$(last_subject)" "edit mercy-general: visa.j1 unknown → yes"
}

@test "rf-edit with no change makes no commit" {
	make_notes
	export EDITOR=true
	before=$(notes_state)
	run --separate-stderr rf-edit mercy
	assert_success
	assert_output "no changes"
	assert_equal "$(notes_state)" "$before"
}

@test "rf-edit: an editor that fails means exit 2 and nothing committed" {
	make_notes
	export EDITOR=false
	assert_refused "rf-edit: editor 'false' exited with status 1; nothing committed" rf-edit mercy
}

@test "rf-edit: an editor that changes the note then fails leaves the edit uncommitted" {
	make_notes
	export EDITOR="sh -c 'sed -i s/^h1b\ =\ unknown/h1b\ =\ no/ \"\$1\"; exit 3' sh"
	run --separate-stderr rf-edit mercy
	assert_equal "$status" 2
	assert_equal "$stderr" "rf-edit: editor 'sh -c 'sed -i s/^h1b\ =\ unknown/h1b\ =\ no/ \"\$1\"; exit 3' sh' exited with status 3; nothing committed"
	assert_equal "$(commit_count)" 2
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" " M mercy-general.ini"
}

@test "rf-edit commits a note the user broke, with a warning (their words are kept)" {
	make_notes
	export EDITOR="sed -i s/^h1b\ =\ unknown/h1b\ is\ no/"
	run --separate-stderr rf-edit mercy
	assert_success
	[[ "$stderr" == "rf-edit: warning: mercy-general.ini:"*": line is not '[section]', 'key = value' or a comment (committed anyway; fix it and run rf-commit)" ]]
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
	git -C "$RF_DIR" show HEAD:mercy-general.ini | grep -qx 'h1b is no'
}

@test "rf-edit refuses unknown, ambiguous and escaping program arguments" {
	make_notes
	rf-new "Mercy West" >/dev/null
	export EDITOR="sed -i s/unknown/no/"
	assert_refused "rf-edit: no such program 'nosuch'" rf-edit nosuch
	assert_refused "rf-edit: ambiguous program 'mercy'; candidates: mercy-general, mercy-west" rf-edit mercy
	assert_refused "rf-edit: invalid program name: '/' and control characters cannot name a note" rf-edit ../x
	assert_refused "rf-edit: invalid program name: '/' and control characters cannot name a note" rf-edit a/b
	assert_refused "rf-edit: empty program name" rf-edit ""
	assert_refused "control characters" rf-edit $'mercy\x01'
}

@test "rf-edit refuses a symlinked note pointing outside" {
	make_notes
	cp "$RF_DIR/mercy-general.ini" "$BATS_TEST_TMPDIR/outside.ini"
	ln -s "$BATS_TEST_TMPDIR/outside.ini" "$RF_DIR/evil.ini"
	export EDITOR="sed -i s/unknown/no/"
	assert_refused "rf-edit: evil.ini: is a symbolic link; rf does not follow links in the notes directory" rf-edit evil
	cmp "$RF_DIR/mercy-general.ini" "$BATS_TEST_TMPDIR/outside.ini"
}

@test "rf-edit -h, --help, --version and usage errors" {
	run --separate-stderr rf-edit -h
	assert_success
	assert_line --index 0 "usage: rf-edit [-C DIR] PROGRAM"
	run --separate-stderr rf-edit --help
	assert_success
	assert_line --index 0 "usage: rf-edit [-C DIR] PROGRAM"
	run --separate-stderr rf-edit --version
	assert_success
	assert_output --regexp '^rf-edit \(rf\) [0-9.]+$'
	run --separate-stderr rf-edit
	assert_equal "$status" 2
	run --separate-stderr rf-edit a b
	assert_equal "$status" 2
}
