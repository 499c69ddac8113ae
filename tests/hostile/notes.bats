#!/usr/bin/env bats
# Hostile notes: what a hand edit, another editor or a bad copy can leave
# in a note.  rf refuses what iniparser cannot read (FILE:LINE, exit 2,
# nothing written), handles the rest without losing a byte.
load hostile

setup() {
	setup_rf_env
	make_notes
	NOTE=$RF_DIR/mercy-general.ini
}

# Replace the note's text by stdin (read whole first: the pipeline may be
# reading the note) and commit it as it is.
put_note() {
	cat >"$BATS_TEST_TMPDIR/new-note"
	cat "$BATS_TEST_TMPDIR/new-note" >"$NOTE"
	rf-commit -m "hand edit" >/dev/null 2>&1
}

@test "an empty note takes rf-set: the key is added and committed" {
	put_note </dev/null
	run rf-set mercy visa.h1b=no
	assert_success
	assert_equal "$(cat "$NOTE")" $'[visa]\nh1b = no'
	assert_committed mercy-general.ini
}

@test "a binary note is refused by rf-set and rf-quote, naming the line" {
	head -c 4096 /dev/urandom | tr -d '\n' | { printf '[visa]\nh1b = no\n'; cat; } | put_note
	grep -qa $'\x00' "$NOTE" || printf '\0' >>"$NOTE"
	rf-commit >/dev/null 2>&1 || true
	assert_refused "mercy-general.ini:3: NUL byte (is this a text file?)" rf-set mercy visa.h1b=yes
	assert_refused "mercy-general.ini:3: NUL byte" rf-quote mercy "words"
}

@test "rf-check reports a binary note as FILE:LINE and exits 1" {
	printf '[visa]\nh1b = no\nx = \0\n' | put_note
	run --separate-stderr rf-check mercy
	assert_equal "$status" 1
	assert_output "mercy-general.ini:3: NUL byte (is this a text file?)"
}

@test "a 10 MB note takes rf-set, every other byte kept" {
	{
		cat "$NOTE"
		printf '[bulk]\n'
		head -c 10000000 /dev/zero | tr '\0' 'a' | fold -w 99 | sed 's/^/k = /'
	} | put_note
	sed 's/^h1b = unknown$/h1b = no/' "$NOTE" >"$BATS_TEST_TMPDIR/expected"
	run rf-set mercy visa.h1b=no
	assert_success
	cmp "$BATS_TEST_TMPDIR/expected" "$NOTE"
	assert_committed mercy-general.ini
	assert [ "$(stat -c %s "$NOTE")" -gt 10000000 ]
}

@test "a line of 1024 bytes is refused as FILE:LINE" {
	{ cat "$NOTE"; printf 'long = %01017d\n' 0; } | put_note
	local n
	n=$(wc -l <"$NOTE")
	assert_refused "mercy-general.ini:$n: line longer than 1023 bytes" rf-set mercy visa.h1b=no
	assert_refused "mercy-general.ini:$n: line longer than 1023 bytes" rf-quote mercy "words"
	run rf-check mercy
	assert_equal "$status" 1
	assert_output "mercy-general.ini:$n: line longer than 1023 bytes"
}

@test "a line of 1022 bytes and a newline (the most iniparser reads) still works" {
	{ cat "$NOTE"; printf 'long = %01015d\n' 0; } | put_note
	run rf-set mercy visa.h1b=no
	assert_success
}

@test "CRLF line ends are kept by rf-set, new lines included" {
	sed 's/$/\r/' "$NOTE" | put_note
	local nlines
	nlines=$(wc -l <"$NOTE")
	run rf-set -f mercy visa.h1b=no visa.brand_new=yes
	assert_success
	assert_equal "$(grep -c $'\r$' "$NOTE")" $((nlines + 1))
	assert_equal "$(wc -l <"$NOTE")" $((nlines + 1))
	run grep -c $'^h1b = no\r$' "$NOTE"
	assert_output 1
	run grep -c $'^brand_new = yes\r$' "$NOTE"
	assert_output 1
	assert_committed mercy-general.ini
}

@test "a UTF-8 byte order mark is refused as line 1" {
	{ printf '\xef\xbb\xbf'; cat "$NOTE"; } | put_note
	assert_refused "mercy-general.ini:1: UTF-8 byte order mark" rf-set mercy visa.h1b=no
}

@test "invalid UTF-8 is kept byte for byte by rf-set" {
	{ cat "$NOTE"; printf '[notes]\nlatin1 = caf\xe9 \xff\xfe\n'; } | put_note
	run rf-set mercy visa.h1b=no
	assert_success
	run grep -c $'^latin1 = caf\xe9 \xff\xfe$' "$NOTE"
	assert_output 1
	assert_committed mercy-general.ini
}

@test "duplicate sections and keys: rf-check reports both and exits 1" {
	{ cat "$NOTE"; printf '[visa]\nh1b = yes\n'; } | put_note
	local n
	n=$(wc -l <"$NOTE")
	run --separate-stderr rf-check mercy
	assert_equal "$status" 1
	assert_line --index 0 "mercy-general.ini:$((n - 1)): section [visa] again (first on line 36; iniparser merges them)"
	assert_line --index 1 "mercy-general.ini:$n: duplicate key visa.h1b (also on line 38; iniparser keeps this one)"
}

@test "duplicate keys: rf-set changes the one iniparser reads (the last)" {
	{ cat "$NOTE"; printf '[visa]\nh1b = yes\n'; } | put_note
	run rf-set mercy visa.h1b=no
	assert_success
	assert_equal "$(tail -1 "$NOTE")" "h1b = no"
	run grep -c '^h1b = unknown$' "$NOTE"
	assert_output 1
	assert_equal "$(ini_get "$NOTE" visa:h1b)" "no"
}

@test "a section with no keys: rf-check is content, rf-set adds under it" {
	{ cat "$NOTE"; printf '[empty]\n; nothing yet\n'; } | put_note
	run rf-check mercy
	assert_success
	run rf-set -f mercy empty.first=1
	assert_success
	assert_equal "$(tail -3 "$NOTE")" $'[empty]\nfirst = 1\n; nothing yet'
}

@test "a line without = is refused as FILE:LINE" {
	{ cat "$NOTE"; printf '[visa]\nthe pd said maybe\n'; } | put_note
	assert_refused "mercy-general.ini:$(wc -l <"$NOTE"): line is not '[section]', 'key = value' or a comment" \
		rf-set mercy visa.h1b=no
}

@test "a comment after a section header is refused as FILE:LINE" {
	{ cat "$NOTE"; printf '[extra] ; mine\nk = v\n'; } | put_note
	assert_refused "malformed section header" rf-set mercy visa.h1b=no
}

@test "a dangling backslash on the last line (iniparser drops it) is refused" {
	{ cat "$NOTE"; printf '[notes]\ntour = busy \\'; } | put_note
	assert_refused "mercy-general.ini:$(($(wc -l <"$NOTE") + 1)): '\\' at the end of the last line" \
		rf-set mercy visa.h1b=no
}

@test "a note that does not parse is still committed by rf-commit, with a warning" {
	printf '[visa]\nh1b = no\nbroken line\n' >"$NOTE"
	run --separate-stderr rf-commit
	assert_success
	assert_equal "$stderr" "rf-commit: warning: mercy-general.ini:3: line is not '[section]', 'key = value' or a comment (committed anyway; fix it and run rf-commit)"
	assert_committed mercy-general.ini
}

@test "a symlinked note is refused by every command that reads it" {
	ln -s /etc/passwd "$RF_DIR/evil.ini"
	assert_refused "evil.ini: is a symbolic link; rf does not follow links in the notes directory" rf-set evil visa.h1b=no
	assert_refused "evil.ini: is a symbolic link" rf-quote evil "words"
	assert_refused "evil.ini: is a symbolic link" rf-check evil
	EDITOR=true assert_refused "evil.ini: is a symbolic link" rf-edit evil
}

@test "a symlink to another note is refused too" {
	ln -s mercy-general.ini "$RF_DIR/alias.ini"
	assert_refused "alias.ini: is a symbolic link" rf-set alias visa.h1b=no
	assert_equal "$(readlink "$RF_DIR/alias.ini")" mercy-general.ini
}

@test "rf-commit does not follow a symlinked note out of the notes directory" {
	echo "secret" >"$HOME/outside.txt"
	ln -s "$HOME/outside.txt" "$RF_DIR/leak.ini"
	run rf-commit leak
	assert_equal "$status" 2
	run git -C "$RF_DIR" grep -q secret HEAD
	assert_failure
}

@test "a note that is a directory is refused" {
	mkdir "$RF_DIR/dir.ini"
	assert_refused "dir.ini: not a regular file" rf-set dir visa.h1b=no
	assert_refused "dir.ini: not a regular file" rf-check dir
}

@test "profile.ini with a syntax error: rf-check reports FILE:LINE and exits 1" {
	printf '[profile]\nvisa needed\n' >>"$RF_DIR/profile.ini"
	local before
	before=$(notes_state)
	run --separate-stderr rf-check
	assert_equal "$status" 1
	assert_output "profile.ini:$(wc -l <"$RF_DIR/profile.ini"): line is not '[section]', 'key = value' or a comment"
	assert_equal "$(notes_state)" "$before"
}
