#!/usr/bin/env bats
load helper

@test "rf-set changes an answer and commits it with a per-key message" {
	make_notes
	run rf-set mercy visa.h1b=no
	assert_success
	assert_equal "$(last_subject)" "set mercy-general: visa.h1b unknown → no"
	run grep -x 'h1b = no' "$RF_DIR/mercy-general.ini"
	assert_success
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
}

@test "rf-set keeps hand-written comments and blank lines byte for byte" {
	make_notes
	cat >>"$RF_DIR/mercy-general.ini" <<-'INI'

		; my own comment, kept as is
		[extra]
		   ; indented comment
		keep   =   spacing  ; trailing comment

	INI
	rf-commit >/dev/null
	sed 's/^h1b = unknown$/h1b = case-by-case/' "$RF_DIR/mercy-general.ini" >"$BATS_TEST_TMPDIR/expected"
	run rf-set mercy-general visa.h1b=case-by-case
	assert_success
	cmp "$BATS_TEST_TMPDIR/expected" "$RF_DIR/mercy-general.ini"
}

@test "rf-set refuses an unknown key unless --force" {
	make_notes
	assert_refused "did you mean visa.h1b?" rf-set mercy visa.h1=no
	run rf-set --force mercy visa.h1=no
	assert_success
	assert_equal "$(last_subject)" "set mercy-general: visa.h1 (none) → no"
}

@test "rf-set --force refuses a key whose line would read as a git conflict marker" {
	make_notes
	assert_refused "mercy-general.ini:57: the line would read as: unresolved git conflict marker; nothing written" \
		rf-set --force mercy 'visa.<<<<<<<=x'
	run rf-check mercy
	assert_success
}

@test "rf-set refuses an assignment without '='" {
	make_notes
	assert_refused "expected section.key=value" rf-set mercy visa.h1b
}

@test "rf-set sets several answers in one commit, values read back through iniparser" {
	make_notes
	run --separate-stderr rf-set mercy-general visa.h1b=no program.rank=3 'program.website=https://x.org/#ir'
	assert_success
	assert_output ""
	assert_equal "$(commit_count)" 3
	f=$RF_DIR/mercy-general.ini
	assert_equal "$(ini_get "$f" visa:h1b)" "no"
	assert_equal "$(ini_get "$f" program:rank)" "3"
	assert_equal "$(ini_get "$f" program:website)" "https://x.org/#ir"
	assert_equal "$(git -C "$RF_DIR" log -1 --format=%B)" \
		"set mercy-general: 3 changes

program.website \"\" → https://x.org/#ir
program.rank \"\" → 3
visa.h1b unknown → no"
}

@test "rf-set adds a missing key at the end of its section and appends a missing section" {
	make_notes
	printf '[visa]\n; q\nh1b = yes\n\n; about img\n[img]\naccent_comments = no\n' >"$RF_DIR/mercy-general.ini"
	rf-commit >/dev/null
	run --separate-stderr rf-set mercy visa.j1=no notes.text=hello
	assert_success
	assert_equal "$(cat "$RF_DIR/mercy-general.ini")" \
		$'[visa]\n; q\nh1b = yes\nj1 = no\n\n; about img\n[img]\naccent_comments = no\n\n[notes]\ntext = hello'
}

@test "rf-set with the same value makes no commit" {
	make_notes
	rf-set mercy visa.h1b=no
	before=$(notes_state)
	run --separate-stderr rf-set mercy visa.h1b=no
	assert_success
	assert_equal "$(notes_state)" "$before"
}

@test "rf-set refuses unknown, ambiguous and escaping program arguments" {
	make_notes
	rf-new "Mercy West" >/dev/null
	assert_refused "rf-set: no such program 'nosuch'" rf-set nosuch visa.h1b=no
	assert_refused "rf-set: no such program 'mercy-genral'; did you mean 'mercy-general'?" rf-set mercy-genral visa.h1b=no
	assert_refused "rf-set: ambiguous program 'mercy'; candidates: mercy-general, mercy-west" rf-set mercy visa.h1b=no
	assert_refused "rf-set: invalid program name: '/' and control characters cannot name a note" rf-set ../x visa.h1b=no
	assert_refused "rf-set: invalid program name: '/' and control characters cannot name a note" rf-set a/b visa.h1b=no
	assert_refused "rf-set: invalid program name: '/' and control characters cannot name a note" rf-set ../mercy-general visa.h1b=no
	assert_refused "rf-set: empty program name" rf-set "" visa.h1b=no
	assert_refused "rf-set: invalid program name '..'" rf-set .. visa.h1b=no
	assert_refused "rf-set: invalid program name: '/' and control characters cannot name a note" rf-set $'mercy\x01' visa.h1b=no
	assert_refused "rf-set: invalid program name: '/' and control characters cannot name a note" rf-set $'mer\ncy' visa.h1b=no
}

@test "rf-set finds a program by file name, unique prefix and exact name in any case" {
	make_notes
	rf-new "Mercy West" >/dev/null
	rf-set mercy-general.ini visa.h1b=no
	assert_equal "$(last_subject)" "set mercy-general: visa.h1b unknown → no"
	rf-set mercy-w visa.h1b=yes
	assert_equal "$(last_subject)" "set mercy-west: visa.h1b unknown → yes"
	rf-set "MERCY GENERAL" visa.j1=no
	assert_equal "$(last_subject)" "set mercy-general: visa.j1 unknown → no"
}

@test "rf-set refuses an unknown section unless --force" {
	make_notes
	assert_refused "rf-set: unknown section [visas] (did you mean visa.h1b?) (use --force to set it anyway)" \
		rf-set mercy visas.h1b=no
	assert_refused "rf-set: unknown section [bogus] (use --force to set it anyway)" rf-set mercy bogus.key=1
	run --separate-stderr rf-set -f mercy bogus.key=1
	assert_success
	assert_equal "$(ini_get "$RF_DIR/mercy-general.ini" bogus:key)" "1"
}

@test "rf-set refuses a value outside the key's answers unless --force" {
	make_notes
	assert_refused "rf-set: visa.h1b: 'maybe' is not one of: yes, no, case-by-case, vague, unknown (use --force to set it anyway)" \
		rf-set mercy visa.h1b=maybe
	assert_refused "rf-set: program.rank: 'first' is not a whole number from 1 (use --force to set it anyway)" \
		rf-set mercy program.rank=first
	assert_refused "rf-set: visa.h1b: 'no\\x1B[31m' is not one of" rf-set mercy $'visa.h1b=no\e[31m'
}

@test "rf-set refuses malformed assignments with one line, writing nothing" {
	make_notes
	assert_refused "rf-set: '.h1b': expected section.key, e.g. visa.h1b" rf-set mercy .h1b=no
	assert_refused "rf-set: 'visa': expected section.key, e.g. visa.h1b" rf-set mercy visa=no
	assert_refused "rf-set: 'visa.h1b\\nx': expected section.key=value" rf-set mercy $'visa.h1b\nx'
	assert_refused "cannot hold '[', ']'" rf-set -f mercy 'vi[sa.h1b=no'
	assert_refused "a value cannot span lines" rf-set -f mercy $'notes.text=a\nb'
	# All or nothing: a good assignment before a bad one is not written either.
	assert_refused "expected section.key=value" rf-set mercy visa.h1b=no visa.j1
}

@test "rf-set refuses a note with a line of 1024 bytes or more" {
	make_notes
	printf 'long = %01100d\n' 0 >>"$RF_DIR/mercy-general.ini"
	n=$(wc -l <"$RF_DIR/mercy-general.ini")
	git -C "$RF_DIR" commit -qam "long line"
	assert_refused "rf-set: mercy-general.ini:$n: line longer than 1023 bytes" rf-set mercy visa.h1b=no
	assert_equal "$stderr" "rf-set: mercy-general.ini:$n: line longer than 1023 bytes"
}

@test "rf-set refuses a note with a line without '='" {
	make_notes
	sed -i 's/^h1b = unknown$/h1b unknown/' "$RF_DIR/mercy-general.ini"
	n=$(grep -n '^h1b unknown$' "$RF_DIR/mercy-general.ini" | cut -d: -f1)
	assert_refused "rf-set: mercy-general.ini:$n: line is not '[section]', 'key = value' or a comment" \
		rf-set mercy visa.j1=no
}

@test "rf-set refuses a notes directory that is not a git repository" {
	make_notes
	rm -rf "$RF_DIR/.git"
	assert_refused "rf-set: $RF_DIR: not a git repository (run rf-init to make it one)" rf-set mercy visa.h1b=no
	assert_refused "rf-set: $HOME/nowhere: no notes directory here (create it with rf-init)" \
		rf-set -C "$HOME/nowhere" mercy visa.h1b=no
}

@test "rf-set refuses a symlinked note pointing outside the notes directory" {
	make_notes
	cp "$RF_DIR/mercy-general.ini" "$BATS_TEST_TMPDIR/outside.ini"
	ln -s "$BATS_TEST_TMPDIR/outside.ini" "$RF_DIR/evil.ini"
	assert_refused "rf-set: evil.ini: is a symbolic link; rf does not follow links in the notes directory" \
		rf-set evil visa.h1b=no
	cmp "$RF_DIR/mercy-general.ini" "$BATS_TEST_TMPDIR/outside.ini"
}

@test "rf-set refuses to write while a stale git index.lock exists, naming it" {
	make_notes
	touch "$RF_DIR/.git/index.lock"
	assert_refused "rf-set: $RF_DIR/.git/index.lock exists: another git command is running, or one was killed; if none is running, remove that file and try again" \
		rf-set mercy visa.h1b=no
	rm "$RF_DIR/.git/index.lock"
	run rf-set mercy visa.h1b=no
	assert_success
}

@test "rf-set waits for a git lock that goes away" {
	make_notes
	touch "$RF_DIR/.git/index.lock"
	(sleep 0.5; rm -f "$RF_DIR/.git/index.lock") &
	run --separate-stderr rf-set mercy visa.h1b=no
	wait
	assert_success
	assert_equal "$(last_subject)" "set mercy-general: visa.h1b unknown → no"
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
}

@test "rf-set -C DIR, -h, --help, --version and usage errors" {
	rf-init -C "$BATS_TEST_TMPDIR/n" >/dev/null
	rf-new -C "$BATS_TEST_TMPDIR/n" "Mercy General" >/dev/null
	run --separate-stderr rf-set -C "$BATS_TEST_TMPDIR/n" mercy visa.h1b=no
	assert_success
	assert_equal "$(git -C "$BATS_TEST_TMPDIR/n" log -1 --format=%s)" "set mercy-general: visa.h1b unknown → no"
	run --separate-stderr rf-set -h
	assert_success
	assert_line --index 0 "usage: rf-set [-C DIR] [-f] PROGRAM section.key=value..."
	run --separate-stderr rf-set --help
	assert_success
	assert_line --partial "-f, --force"
	run --separate-stderr rf-set --version
	assert_success
	assert_output --regexp '^rf-set \(rf\) [0-9.]+$'
	run --separate-stderr rf-set mercy
	assert_equal "$status" 2
	[[ "$stderr" == "usage: rf-set "* ]]
}

@test "rf-set from two shells at once: 30 calls, none fails, none lost" {
	make_notes
	rf-new "Mercy West" >/dev/null
	base=$(commit_count)
	(
		rc=0
		for i in $(seq 1 15); do rf-set mercy-general program.rank=$i || rc=1; done
		echo $rc >"$BATS_TEST_TMPDIR/a.rc"
	) 2>"$BATS_TEST_TMPDIR/a.err" &
	(
		rc=0
		for i in $(seq 41 55); do rf-set mercy-west workload.hours_per_week=$i || rc=1; done
		echo $rc >"$BATS_TEST_TMPDIR/b.rc"
	) 2>"$BATS_TEST_TMPDIR/b.err" &
	wait
	assert_equal "$(cat "$BATS_TEST_TMPDIR/a.rc") $(cat "$BATS_TEST_TMPDIR/b.rc")" "0 0"
	assert_equal "$(cat "$BATS_TEST_TMPDIR/a.err" "$BATS_TEST_TMPDIR/b.err")" ""
	assert_equal "$(git -C "$RF_DIR" log --format=%s | grep -c '^set ')" 30
	assert_equal "$(commit_count)" $((base + 30))
	assert_equal "$(git -C "$RF_DIR" log --format=%s | grep -c '^set mercy-general: program.rank ')" 15
	assert_equal "$(git -C "$RF_DIR" log --format=%s | grep -c '^set mercy-west: workload.hours_per_week ')" 15
	assert_equal "$(git -C "$RF_DIR" show HEAD:mercy-general.ini | grep '^rank =')" "rank = 15"
	assert_equal "$(git -C "$RF_DIR" show HEAD:mercy-west.ini | grep '^hours_per_week =')" "hours_per_week = 55"
	assert_equal "$(ini_get "$RF_DIR/mercy-general.ini" program:rank)" 15
	assert_equal "$(ini_get "$RF_DIR/mercy-west.ini" workload:hours_per_week)" 55
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
	git -C "$RF_DIR" fsck --strict
}

@test "rf-set: a symlinked note or a directory named *.ini does not disturb other lookups" {
	make_notes
	rf-new "Mercy West" >/dev/null
	ln -s "$BATS_TEST_TMPDIR/outside.ini" "$RF_DIR/evil.ini"
	mkdir "$RF_DIR/odd.ini"
	assert_refused "rf-set: ambiguous program 'mercy'; candidates: mercy-general, mercy-west" rf-set mercy visa.h1b=no
	assert_equal "$stderr" "rf-set: ambiguous program 'mercy'; candidates: mercy-general, mercy-west"
	run --separate-stderr rf-set "Mercy West" visa.h1b=no
	assert_success
	assert_equal "$stderr" ""
	assert_refused "rf-set: odd.ini: not a regular file" rf-set odd visa.h1b=no
}
