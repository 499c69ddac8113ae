#!/usr/bin/env bats
# rf-new: a new note from the template, committed.
load helper

@test "rf-new creates the note from the template, commits it and prints its path" {
	rf-init >/dev/null
	run --separate-stderr rf-new "St. Mary's – IR (Integrated)"
	assert_success
	assert_output "$RF_DIR/st-marys-ir-integrated.ini"
	assert_equal "$stderr" ""
	f=$RF_DIR/st-marys-ir-integrated.ini
	assert_equal "$(ini_get "$f" program:name)" "St. Mary's – IR (Integrated)"
	assert_equal "$(ini_get "$f" program:created)" "2026-12-05"
	assert_equal "$(ini_get "$f" visa:h1b)" "unknown"
	# Everything but the two filled-in lines is the template, byte for byte.
	diff <(grep -v -e '^name =' -e '^created =' "$RF_SRC/templates/program.ini") \
		<(grep -v -e '^name =' -e '^created =' "$f")
	assert_equal "$(commit_count)" 2
	assert_equal "$(last_subject)" "new st-marys-ir-integrated: St. Mary's – IR (Integrated)"
	assert_equal "$(git -C "$RF_DIR" show --format= --name-status HEAD)" "A	st-marys-ir-integrated.ini"
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
}

@test "rf-new creates the note 0600 in a 0700 directory" {
	make_notes
	assert_equal "$(stat -c %a "$RF_DIR")" 700
	assert_equal "$(stat -c %a "$RF_DIR/mercy-general.ini")" 600
	assert_equal "$(stat -c %a "$RF_DIR/profile.ini")" 600
}

@test "rf-new makes the notes directory when it does not exist yet" {
	run --separate-stderr rf-new "Mercy General"
	assert_success
	assert_output "$RF_DIR/mercy-general.ini"
	assert_equal "$(stat -c %a "$RF_DIR")" 700
	assert_file_exists "$RF_DIR/profile.ini"
	assert_equal "$(git -C "$RF_DIR" log --format=%s)" $'new mercy-general: Mercy General\ninit profile: created'
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
}

@test "rf-new -s sets answers in the same commit" {
	rf-init >/dev/null
	run --separate-stderr rf-new -s visa.h1b=no --set program.city=Springfield "Mercy General"
	assert_success
	f=$RF_DIR/mercy-general.ini
	assert_equal "$(ini_get "$f" visa:h1b)" "no"
	assert_equal "$(ini_get "$f" program:city)" "Springfield"
	assert_equal "$(commit_count)" 2
}

@test "rf-new -s refuses an unknown key unless -f, and writes nothing" {
	rf-init >/dev/null
	assert_refused "unknown key visa.h1 (did you mean visa.h1b?)" rf-new -s visa.h1=no "Mercy General"
	assert_file_not_exists "$RF_DIR/mercy-general.ini"
	run --separate-stderr rf-new -f -s visa.h1=no "Mercy General"
	assert_success
	assert_equal "$(ini_get "$RF_DIR/mercy-general.ini" visa:h1)" "no"
}

@test "rf-new -t uses another template" {
	rf-init >/dev/null
	printf '[program]\n; Name [text]\nname =\n; Created [date]\ncreated =\n' >"$BATS_TEST_TMPDIR/mini.ini"
	run --separate-stderr rf-new -t "$BATS_TEST_TMPDIR/mini.ini" "Mercy General"
	assert_success
	assert_equal "$(cat "$RF_DIR/mercy-general.ini")" \
		$'[program]\n; Name [text]\nname = Mercy General\n; Created [date]\ncreated = 2026-12-05'
}

@test "rf-new -e opens the editor first and commits what was saved" {
	rf-init >/dev/null
	export EDITOR="sed -i s/^h1b\ =\ unknown/h1b\ =\ no/"
	run --separate-stderr rf-new -e "Mercy General"
	assert_success
	assert_equal "$(ini_get "$RF_DIR/mercy-general.ini" visa:h1b)" "no"
	assert_equal "$(git -C "$RF_DIR" show HEAD:mercy-general.ini | grep '^h1b =')" "h1b = no"
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
}

@test "rf-new -e keeps the note when the editor fails, and says how to record it" {
	rf-init >/dev/null
	export EDITOR=false
	run --separate-stderr rf-new -e "Mercy General"
	assert_equal "$status" 2
	assert_file_exists "$RF_DIR/mercy-general.ini"
	assert_equal "$(commit_count)" 1
	assert_equal "$stderr" "rf-new: editor 'false' exited with status 1; $RF_DIR/mercy-general.ini is kept: record it with rf-commit mercy-general"
}

@test "rf-new never overwrites an existing note" {
	make_notes
	echo "; mine" >>"$RF_DIR/mercy-general.ini"
	git -C "$RF_DIR" commit -qam "hand edit"
	assert_refused "rf-new: mercy-general.ini already exists (edit it with rf-edit mercy-general)" \
		rf-new "Mercy General"
	assert_refused "rf-new: 'MERCY  general!' makes the file name mercy-general.ini, which is the note of 'Mercy General'" \
		rf-new "MERCY  general!"
}

@test "rf-new refuses names that would escape the notes directory" {
	make_notes
	assert_refused "rf-new: invalid program name: '/' and control characters cannot name a note" rf-new ../x
	assert_refused "rf-new: invalid program name: '/' and control characters cannot name a note" rf-new a/b
	assert_refused "rf-new: invalid program name '': it needs at least one letter or digit" rf-new ""
	assert_refused "rf-new: invalid program name '..': it needs at least one letter or digit" rf-new ..
	assert_refused "control characters" rf-new $'evil\nname'
	assert_refused "control characters" rf-new $'esc\e[31mred'
	assert_refused "reserved for profile.ini" rf-new Profile
}

@test "rf-new refuses a notes directory that is not a git repository" {
	mkdir -m 700 -p "$RF_DIR"
	echo '[program]' >"$RF_DIR/other.ini"
	assert_refused "rf-new: $RF_DIR: not a git repository (run rf-init to make it one)" rf-new "Mercy General"
	assert_file_not_exists "$RF_DIR/mercy-general.ini"
}

@test "rf-new -C DIR writes there" {
	run --separate-stderr rf-new -C "$BATS_TEST_TMPDIR/elsewhere" "Mercy General"
	assert_success
	assert_output "$BATS_TEST_TMPDIR/elsewhere/mercy-general.ini"
	assert_file_not_exists "$RF_DIR"
}

@test "rf-new -h, --help, --version and usage errors" {
	run --separate-stderr rf-new -h
	assert_success
	assert_line --index 0 "usage: rf-new [-C DIR] [-e] [-f] [-t TEMPLATE] [-s section.key=value]... NAME"
	run --separate-stderr rf-new --help
	assert_success
	assert_line --partial "-s, --set S.K=V"
	run --separate-stderr rf-new --version
	assert_success
	assert_output --regexp '^rf-new \(rf\) [0-9.]+$'
	run --separate-stderr rf-new
	assert_equal "$status" 2
	[[ "$stderr" == "usage: rf-new "* ]]
	run --separate-stderr rf-new a b
	assert_equal "$status" 2
	assert_file_not_exists "$RF_DIR"
}
