#!/usr/bin/env bats
# Hostile names: program names and arguments that try to leave the notes
# directory, hide as options or smuggle control characters.
load hostile

setup() {
	setup_rf_env
	make_notes
}

long_name() {
	printf 'a%.0s' {1..300}
}

@test "rf-new refuses a name with ../" {
	assert_refused "invalid program name" rf-new "../escape"
	assert_file_not_exists "$HOME/escape.ini"
}

@test "rf-new refuses a name with /" {
	assert_refused "invalid program name: '/' and control characters cannot name a note" rf-new "IR/DR combined"
}

@test "rf-new refuses a name that is only dots" {
	assert_refused "invalid program name '..': it needs at least one letter or digit" rf-new ..
}

@test "rf-new reads a leading - as an option, not a name" {
	assert_usage "unrecognized option" rf-new --rm
}

@test "rf-new -- -NAME makes a note whose slug has no leading -" {
	run rf-new -- "--rm"
	assert_success
	assert_output "$RF_DIR/rm.ini"
	assert_committed rm.ini
}

@test "rf-new refuses a name with a newline" {
	assert_refused "invalid program name" rf-new $'Mercy\nEast'
}

@test "rf-new refuses a name with a tab or escape character" {
	assert_refused "invalid program name" rf-new $'Mercy\tEast'
	assert_refused "invalid program name" rf-new $'Mercy\e[31mEast'
}

@test "rf-new refuses a name of only punctuation" {
	assert_refused "invalid program name '!!! ---': it needs at least one letter or digit" rf-new '!!! ---'
}

@test "rf-new takes a 300-byte name: slug capped at 64 bytes, name kept whole" {
	run rf-new "$(long_name)"
	assert_success
	local slug
	slug=$(printf 'a%.0s' {1..64})
	assert_output "$RF_DIR/$slug.ini"
	run grep -c "^name = $(long_name)\$" "$RF_DIR/$slug.ini"
	assert_output 1
}

@test "rf-new transliterates unicode letters into the slug" {
	run rf-new "Zürich Ståte Ünïversity – IR"
	assert_success
	assert_output "$RF_DIR/zurich-state-university-ir.ini"
	assert_committed zurich-state-university-ir.ini
	run grep -c '^name = Zürich Ståte Ünïversity – IR$' "$RF_DIR/zurich-state-university-ir.ini"
	assert_output 1
}

@test "rf-new named .git makes git.ini and leaves .git alone" {
	local before
	before=$(git_state)
	run rf-new .git
	assert_success
	assert_output "$RF_DIR/git.ini"
	assert [ -d "$RF_DIR/.git" ]
	git -C "$RF_DIR" fsck --strict --no-dangling
}

@test "rf-new never overwrites an existing note" {
	echo "my words" >>"$RF_DIR/mercy-general.ini"
	assert_refused "mercy-general.ini already exists" rf-new "Mercy General"
	run tail -1 "$RF_DIR/mercy-general.ini"
	assert_output "my words"
}

@test "rf-set refuses a program argument with ../" {
	assert_refused "invalid program name" rf-set ../rf/mercy-general visa.h1b=no
}

@test "rf-set refuses an absolute path as program" {
	assert_refused "invalid program name" rf-set /etc/passwd visa.h1b=no
}

@test "rf-set refuses a program argument with a newline" {
	assert_refused "invalid program name" rf-set $'mercy\n' visa.h1b=no
}

@test "rf-set refuses a 300-byte program argument as unknown" {
	assert_refused "no such program '$(long_name)'" rf-set "$(long_name)" visa.h1b=no
}

@test "rf-set refuses a program of only punctuation as unknown" {
	assert_refused "no such program '...'" rf-set ... visa.h1b=no
}

@test "rf-set -- -PROGRAM is a program name, not an option" {
	assert_refused "no such program '-mercy'" rf-set -- -mercy visa.h1b=no
}

@test "rf-set finds a note by its unicode name, ASCII case ignored" {
	rf-new "Zürich Ståte" >/dev/null
	run rf-set "ZüRICH ståTE" visa.h1b=no
	assert_success
	assert_equal "$(last_subject)" "set zurich-state: visa.h1b unknown → no"
}

@test "rf-set refuses an ambiguous prefix and lists the candidates" {
	rf-new "Mercy West" >/dev/null
	assert_refused "ambiguous program 'mercy'; candidates: mercy-general, mercy-west" rf-set mercy visa.h1b=no
}

@test "rf-set refuses a section or key with [ ] = or control characters" {
	assert_refused "a section or key name cannot hold" rf-set -f mercy 'vi[sa.h1b=no'
	assert_refused "a section or key name cannot hold" rf-set -f mercy $'visa.h1\tb=no'
	assert_refused "expected section.key" rf-set -f mercy '=no'
}

@test "rf-set refuses a value with a newline even with --force" {
	assert_refused "a value cannot span lines" rf-set -f mercy $'notes.tour=line one\nline two'
}

@test "rf-set refuses a value iniparser cannot store exactly" {
	assert_refused "iniparser 4.1 cannot store that exactly" rf-set -f mercy "notes.tour=\"a\" 'b'; c"
}

@test "rf-quote refuses text holding a NUL byte (from standard input)" {
	assert_refused "the text holds a NUL byte" bash -c 'printf "we are\0family\n" | rf-quote mercy'
}

@test "rf-quote refuses empty text" {
	assert_refused "no text to quote" bash -c 'rf-quote mercy </dev/null'
}

@test "rf-quote refuses a WHO with a newline or =" {
	assert_refused "who said it cannot hold" rf-quote -w $'pd\nx' mercy "words"
	assert_refused "who said it cannot hold" rf-quote -w 'pd = x' mercy "words"
}

@test "rf-quote keeps a quote with ; # and double quotes exactly" {
	run rf-quote -w pd mercy "\"case-by-case\"; after you match #maybe"
	assert_success
	run ini_get "$RF_DIR/mercy-general.ini" "quotes:2026-12-05 pd"
	assert_output "\"case-by-case\"; after you match #maybe"
}

@test "rf-quote refuses text iniparser cannot store exactly, naming the fix" {
	assert_refused "change one of the quote marks" rf-quote -w pd mercy "it's \"case-by-case\"; after you match"
}

@test "rf-commit, rf-edit and rf-check refuse a program argument with ../" {
	assert_refused "invalid program name" rf-commit ../x
	assert_refused "invalid program name" rf-check ../x
	EDITOR=true assert_refused "invalid program name" rf-edit ../x
}

@test "rf refuses a command name that is a path" {
	assert_usage "rf: '../../bin/sh' is not an rf command" rf ../../bin/sh
	assert_refused "'nosuch' is not an rf command" rf nosuch
}
