#!/usr/bin/env bats
# Hostile editors: rf-edit runs $VISUAL/$EDITOR as git does; whatever the
# editor does, the user's words are either committed or left in place.
load hostile

setup() {
	setup_rf_env
	make_notes
}

@test "an editor that fails: exit 2, nothing committed" {
	EDITOR=false assert_refused "rf-edit: editor 'false' exited with status 1; nothing committed" rf-edit mercy
}

@test "an editor that edits, then fails: the edit stays in the working tree" {
	local head
	head=$(git -C "$RF_DIR" rev-parse HEAD)
	EDITOR='f() { sed -i "s/^h1b = unknown$/h1b = no/" "$1"; exit 3; }; f' run --separate-stderr rf-edit mercy
	assert_equal "$status" 2
	assert_equal "$stderr" "rf-edit: editor 'f() { sed -i \"s/^h1b = unknown\$/h1b = no/\" \"\$1\"; exit 3; }; f' exited with status 3; nothing committed"
	assert_equal "$(git -C "$RF_DIR" rev-parse HEAD)" "$head"
	run grep -c '^h1b = no$' "$RF_DIR/mercy-general.ini"
	assert_output 1
	run rf-commit
	assert_success
	assert_committed mercy-general.ini
}

@test "an editor killed by a signal: exit 2, nothing committed" {
	EDITOR='kill -TERM $$' assert_refused "was killed by signal 15; nothing committed" rf-edit mercy
}

@test "no VISUAL or EDITOR and no vi: exit 2 at once, no hang" {
	local bindir
	bindir=$(dirname "$(command -v rf-edit)")
	local before
	before=$(notes_state)
	run --separate-stderr timeout 20 env -u VISUAL -u EDITOR PATH="$bindir" rf-edit mercy
	assert_equal "$status" 2
	assert_equal "$stderr" "rf-edit: cannot run editor 'vi': No such file or directory (set VISUAL or EDITOR); nothing committed"
	assert_equal "$(notes_state)" "$before"
}

@test "an EDITOR that names no program: one line saying so, nothing committed" {
	EDITOR=no-such-editor assert_refused \
		"rf-edit: cannot run editor 'no-such-editor': No such file or directory (set VISUAL or EDITOR); nothing committed" \
		rf-edit mercy
	EDITOR=$RF_DIR/mercy-general.ini assert_refused "cannot run editor '$RF_DIR/mercy-general.ini': Permission denied" \
		rf-edit mercy
}

@test "an EDITOR with arguments whose program is missing: the shell's status, nothing committed" {
	local before
	before=$(notes_state)
	EDITOR="no-such-editor --wait" run --separate-stderr rf-edit mercy
	assert_equal "$status" 2
	# sh says which word it could not find (as for git), then rf its verdict.
	assert_equal "${#stderr_lines[@]}" 2
	[[ "${stderr_lines[0]}" == *"no-such-editor: not found" ]] || fail "sh said: ${stderr_lines[0]}"
	assert_equal "${stderr_lines[1]}" "rf-edit: editor 'no-such-editor --wait' exited with status 127; nothing committed"
	assert_equal "$(notes_state)" "$before"
}

@test "an EDITOR with spaces and arguments works" {
	EDITOR="sed -i -e s/^h1b\ =\ unknown\$/h1b\ =\ no/" run rf-edit mercy
	assert_success
	assert_equal "$(last_subject)" "edit mercy-general: visa.h1b unknown → no"
	assert_committed mercy-general.ini
}

@test "a notes directory whose path has spaces and quotes reaches the editor whole" {
	export RF_DIR="$HOME/my \"notes\" 'dir'"
	make_notes
	EDITOR="sed -i -e s/^j1\ =\ unknown\$/j1\ =\ yes/" run rf-edit mercy
	assert_success
	assert_equal "$(last_subject)" "edit mercy-general: visa.j1 unknown → yes"
}

@test "VISUAL wins over EDITOR" {
	VISUAL="sed -i -e s/^j1\ =\ unknown\$/j1\ =\ no/" EDITOR=false run rf-edit mercy
	assert_success
	assert_equal "$(last_subject)" "edit mercy-general: visa.j1 unknown → no"
}

@test "an editor that leaves the note unparseable: committed anyway, with a warning" {
	EDITOR="sed -i -e s/^j1\ =\ unknown\$/j1\ unknown/" run --separate-stderr rf-edit mercy
	assert_success
	[[ "$stderr" == "rf-edit: warning: mercy-general.ini:"*": line is not '[section]', 'key = value' or a comment (committed anyway; fix it and run rf-commit)" ]] ||
		fail "stderr: $stderr"
	assert_committed mercy-general.ini
}

@test "an editor that deletes the note: the deletion is committed, history keeps it" {
	EDITOR="rm" run rf-edit mercy
	assert_success
	assert_file_not_exists "$RF_DIR/mercy-general.ini"
	run git -C "$RF_DIR" show HEAD~1:mercy-general.ini
	assert_success
}
