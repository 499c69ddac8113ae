#!/usr/bin/env bats
# rf-commit: record edits made in any editor.
load helper

@test "rf-commit records a sed edit: the commit holds exactly that change" {
	make_notes
	cp "$RF_DIR/mercy-general.ini" "$BATS_TEST_TMPDIR/before.ini"
	sed -i 's/^h1b = unknown$/h1b = no/' "$RF_DIR/mercy-general.ini"
	run --separate-stderr rf-commit
	assert_success
	assert_output ""
	assert_equal "$stderr" ""
	assert_equal "$(last_subject)" "edit mercy-general: visa.h1b unknown → no"
	assert_equal "$(git -C "$RF_DIR" show --format= --name-only HEAD)" "mercy-general.ini"
	# Exactly one line changed, and it is the one sed changed.
	assert_equal "$(git -C "$RF_DIR" show --no-textconv --format= --unified=0 HEAD | grep '^[-+]' | grep -v '^[-+][-+]')" \
		$'-h1b = unknown\n+h1b = no'
	# The committed bytes are the edited file; the parent's are the file before.
	cmp <(git -C "$RF_DIR" show HEAD:mercy-general.ini) "$RF_DIR/mercy-general.ini"
	cmp <(git -C "$RF_DIR" show HEAD~1:mercy-general.ini) "$BATS_TEST_TMPDIR/before.ini"
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
}

@test "rf-commit with nothing changed says so and makes no commit" {
	make_notes
	before=$(notes_state)
	run --separate-stderr rf-commit
	assert_success
	assert_output "nothing to commit"
	assert_equal "$(notes_state)" "$before"
}

@test "rf-commit names every changed key, over several notes" {
	make_notes
	rf-new "Mercy West" >/dev/null
	sed -i -e 's/^h1b = unknown$/h1b = no/' -e 's/^j1 = unknown$/j1 = yes/' "$RF_DIR/mercy-general.ini"
	sed -i 's/^hours_per_week =$/hours_per_week = 80/' "$RF_DIR/mercy-west.ini"
	run --separate-stderr rf-commit
	assert_success
	assert_equal "$(git -C "$RF_DIR" log -1 --format=%B)" "edit 2 notes

mercy-general: visa.h1b unknown → no
mercy-general: visa.j1 unknown → yes
mercy-west: workload.hours_per_week \"\" → 80"
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
}

@test "rf-commit PROGRAM commits only that note; -m sets the message" {
	make_notes
	rf-new "Mercy West" >/dev/null
	sed -i 's/^h1b = unknown$/h1b = no/' "$RF_DIR/mercy-general.ini" "$RF_DIR/mercy-west.ini"
	run --separate-stderr rf-commit -m "after the interview day" mercy-west
	assert_success
	assert_equal "$(last_subject)" "after the interview day"
	assert_equal "$(git -C "$RF_DIR" show --format= --name-only HEAD)" "mercy-west.ini"
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" " M mercy-general.ini"
}

@test "rf-commit records new, deleted and hand-added notes and the profile" {
	make_notes
	cp "$RF_DIR/mercy-general.ini" "$RF_DIR/hand-made.ini"
	sed -i 's/^name = Mercy General$/name = Hand Made/' "$RF_DIR/hand-made.ini"
	rm "$RF_DIR/mercy-general.ini"
	sed -i 's/^visa_needed = h1b$/visa_needed = j1/' "$RF_DIR/profile.ini"
	run --separate-stderr rf-commit
	assert_success
	assert_equal "$(git -C "$RF_DIR" log -1 --format=%B)" "edit 3 notes

hand-made: Hand Made
mercy-general: deleted
profile: applicant.visa_needed h1b → j1"
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
}

@test "rf-commit commits a note that does not parse, with a warning" {
	make_notes
	printf 'long = %01100d\n' 0 >>"$RF_DIR/mercy-general.ini"
	n=$(wc -l <"$RF_DIR/mercy-general.ini")
	run --separate-stderr rf-commit
	assert_success
	assert_equal "$stderr" "rf-commit: warning: mercy-general.ini:$n: line longer than 1023 bytes (committed anyway; fix it and run rf-commit)"
	assert_equal "$(last_subject)" "edit mercy-general: does not parse (line $n)"
	cmp <(git -C "$RF_DIR" show HEAD:mercy-general.ini) "$RF_DIR/mercy-general.ini"
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
}

@test "rf-commit keeps the layout-only edits too" {
	make_notes
	printf '; a thought\n' >>"$RF_DIR/mercy-general.ini"
	run --separate-stderr rf-commit
	assert_success
	assert_equal "$(last_subject)" "edit mercy-general: comments and layout only"
}

@test "rf-commit does not revert a commit made with git meanwhile" {
	make_notes
	sed -i 's/^j1 = unknown$/j1 = yes/' "$RF_DIR/mercy-general.ini"
	git -C "$RF_DIR" commit -qam "by hand"
	sed -i 's/^h1b = unknown$/h1b = no/' "$RF_DIR/mercy-general.ini"
	rf-commit >/dev/null
	assert_equal "$(last_subject)" "edit mercy-general: visa.h1b unknown → no"
	git -C "$RF_DIR" show HEAD:mercy-general.ini | grep -qx 'j1 = yes'
}

@test "rf-commit refuses bad program arguments, symlinks and non-repositories" {
	make_notes
	rf-new "Mercy West" >/dev/null
	sed -i 's/^h1b = unknown$/h1b = no/' "$RF_DIR/mercy-general.ini"
	assert_refused "rf-commit: ambiguous program 'mercy'; candidates: mercy-general, mercy-west" rf-commit mercy
	assert_refused "rf-commit: no such program 'nosuch'" rf-commit nosuch
	assert_refused "rf-commit: invalid program name" rf-commit ../x
	assert_refused "rf-commit: invalid program name" rf-commit a/b
	assert_refused "rf-commit: empty program name" rf-commit ""
	ln -s "$BATS_TEST_TMPDIR/outside.ini" "$RF_DIR/evil.ini"
	echo '[program]' >"$BATS_TEST_TMPDIR/outside.ini"
	assert_refused "rf-commit: evil.ini: is a symbolic link; rf does not follow links in the notes directory" rf-commit evil
	rm "$RF_DIR/evil.ini"
	mv "$RF_DIR/.git" "$RF_DIR/.git-away"
	assert_refused "rf-commit: $RF_DIR: not a git repository (run rf-init to make it one)" rf-commit
}

@test "rf-commit -C DIR, -h, --help, --version and usage errors" {
	rf-new -C "$BATS_TEST_TMPDIR/n" "Mercy General" >/dev/null
	sed -i 's/^h1b = unknown$/h1b = no/' "$BATS_TEST_TMPDIR/n/mercy-general.ini"
	run --separate-stderr rf-commit -C "$BATS_TEST_TMPDIR/n"
	assert_success
	assert_equal "$(git -C "$BATS_TEST_TMPDIR/n" log -1 --format=%s)" "edit mercy-general: visa.h1b unknown → no"
	run --separate-stderr rf-commit -h
	assert_success
	assert_line --index 0 "usage: rf-commit [-C DIR] [-m MESSAGE] [PROGRAM...]"
	run --separate-stderr rf-commit --help
	assert_success
	assert_line --partial "-m, --message M"
	run --separate-stderr rf-commit --version
	assert_success
	assert_output --regexp '^rf-commit \(rf\) [0-9.]+$'
	run --separate-stderr rf-commit -m ""
	assert_equal "$status" 2
	run --separate-stderr rf-commit --bogus
	assert_equal "$status" 2
}

@test "rf-commit with nothing to commit brings an index left behind HEAD up to date" {
	make_notes
	rf-set mercy visa.h1b=no
	# What an rf killed between its commit and its index refresh leaves.
	git -C "$RF_DIR" read-tree HEAD~1
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" "MM mercy-general.ini"
	run --separate-stderr rf-commit
	assert_success
	assert_output "nothing to commit"
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
}

@test "rf-commit exits non-zero when rules.ini is a symbolic link" {
	make_notes
	ln -s /etc/passwd "$RF_DIR/rules.ini"
	assert_refused "rules.ini: is a symbolic link" rf-commit
}
