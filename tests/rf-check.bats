#!/usr/bin/env bats
# rf-check: lint notes and the profile.
load helper

@test "rf-check is silent and exits 0 on fresh notes" {
	make_notes
	rf-set mercy visa.h1b=no program.rank=2
	run --separate-stderr rf-check
	assert_success
	assert_output ""
	assert_equal "$stderr" ""
}

@test "rf-check reports every problem as FILE:LINE: message and exits 1" {
	make_notes
	printf '[visa]\nh1b = maybe\nh1 = no\nh1b = yes\n[visa]\n[bogus]\nx=1\n[program]\nrank = first\ninterview_date = 2026-02-30\n' \
		>"$RF_DIR/odd.ini"
	run --separate-stderr rf-check odd
	assert_equal "$status" 1
	assert_equal "$stderr" ""
	assert_output "odd.ini:2: visa.h1b: 'maybe' is not one of: yes, no, case-by-case, vague, unknown
odd.ini:3: unknown key visa.h1 (did you mean visa.h1b?)
odd.ini:4: duplicate key visa.h1b (also on line 2; iniparser keeps this one)
odd.ini:5: section [visa] again (first on line 1; iniparser merges them)
odd.ini:7: unknown section [bogus]
odd.ini:9: program.rank: 'first' is not a whole number from 1
odd.ini:10: program.interview_date: '2026-02-30' is not a date (YYYY-MM-DD)"
}

@test "rf-check reports lines iniparser rejects with their line numbers" {
	make_notes
	printf 'stray = 1\n[visa]\nh1b is no\nlong = %01100d\n[img] ; comment\n[culture\n' 0 >"$RF_DIR/broken.ini"
	run --separate-stderr rf-check broken.ini
	assert_equal "$status" 1
	assert_output "broken.ini:1: key 'stray' before any [section] (rf does not read it; move it into its section)
broken.ini:3: line is not '[section]', 'key = value' or a comment
broken.ini:4: line longer than 1023 bytes
broken.ini:5: malformed section header (a comment after ']' is not allowed)
broken.ini:6: section header without its closing ']'"
}

@test "rf-check with no argument checks the profile and every note" {
	make_notes
	rf-new "Mercy West" >/dev/null
	sed -i 's/^visa_needed = h1b$/visa_needed = maybe/' "$RF_DIR/profile.ini"
	sed -i 's/^h1b = unknown$/h1b = nope/' "$RF_DIR/mercy-west.ini"
	pl=$(grep -n '^visa_needed' "$RF_DIR/profile.ini" | cut -d: -f1)
	wl=$(grep -n '^h1b = nope' "$RF_DIR/mercy-west.ini" | cut -d: -f1)
	run --separate-stderr rf-check
	assert_equal "$status" 1
	assert_line --index 0 --regexp "^profile.ini:$pl: applicant.visa_needed: 'maybe' is not one of: "
	assert_line --index 1 --regexp "^mercy-west.ini:$wl: visa.h1b: 'nope' is not one of: "
	assert_equal "${#lines[@]}" 2
}

@test "rf-check never writes to the notes directory, not even the index" {
	make_notes
	sed -i 's/^h1b = unknown$/h1b = nope/' "$RF_DIR/mercy-general.ini"
	before=$(notes_state)
	idx=$(sha256sum <"$RF_DIR/.git/index")
	run rf-check
	assert_equal "$status" 1
	assert_equal "$(sha256sum <"$RF_DIR/.git/index")" "$idx"
	assert_equal "$(notes_state)" "$before"
}

@test "rf-check refuses bad program arguments and symlinks with exit 2" {
	make_notes
	rf-new "Mercy West" >/dev/null
	assert_refused "rf-check: ambiguous program 'mercy'; candidates: mercy-general, mercy-west" rf-check mercy
	assert_refused "rf-check: no such program 'nosuch'" rf-check nosuch
	assert_refused "rf-check: invalid program name" rf-check ../x
	assert_refused "rf-check: empty program name" rf-check ""
	ln -s "$BATS_TEST_TMPDIR/outside.ini" "$RF_DIR/evil.ini"
	echo '[program]' >"$BATS_TEST_TMPDIR/outside.ini"
	assert_refused "rf-check: evil.ini: is a symbolic link; rf does not follow links in the notes directory" rf-check evil
	assert_refused "rf-check: $HOME/none: no notes directory here (create it with rf-init)" rf-check -C "$HOME/none"
}

@test "rf-check -C DIR, -h, --help and --version" {
	rf-new -C "$BATS_TEST_TMPDIR/n" "Mercy General" >/dev/null
	printf '[visa]\nh1b = nope\n' >"$BATS_TEST_TMPDIR/n/x.ini"
	run --separate-stderr rf-check -C "$BATS_TEST_TMPDIR/n"
	assert_equal "$status" 1
	assert_output "x.ini:2: visa.h1b: 'nope' is not one of: yes, no, case-by-case, vague, unknown"
	run --separate-stderr rf-check -h
	assert_success
	assert_line --index 0 "usage: rf-check [-C DIR] [PROGRAM...]"
	run --separate-stderr rf-check --help
	assert_success
	assert_line --index 0 "usage: rf-check [-C DIR] [PROGRAM...]"
	run --separate-stderr rf-check --version
	assert_success
	assert_output --regexp '^rf-check \(rf\) [0-9.]+$'
	run --separate-stderr rf-check --bogus
	assert_equal "$status" 2
}
