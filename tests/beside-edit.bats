#!/usr/bin/env bats
# Living beside git while rf-edit has a note open: another rf command or a
# git pull commits meanwhile, and Ctrl-C reaches the terminal.
load helper

# A scripted editor: it reads the note into its buffer, says it started,
# sleeps until the test lets it go on, then saves its buffer with the edit
# in $EDIT (a sed expression), as vim does when told "write anyway".
setup() {
	setup_rf_env
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	cat >"$BATS_TEST_TMPDIR/bin/slow-editor" <<-'SH'
		#!/bin/sh
		cp "$1" "$HOME/buffer"
		: >"$HOME/started"
		while [ ! -e "$HOME/go" ]; do sleep 0.05; done
		sed -i "$EDIT" "$HOME/buffer"
		cat "$HOME/buffer" >"$1"
	SH
	chmod +x "$BATS_TEST_TMPDIR/bin/slow-editor"
	export EDITOR="$BATS_TEST_TMPDIR/bin/slow-editor"
}

# A test that failed midway must not leave rf-edit and its editor waiting.
teardown() {
	[ -n "${EDIT_PID:-}" ] || return 0
	: >"$HOME/go"
	kill "$EDIT_PID" 2>/dev/null || true
	wait "$EDIT_PID" 2>/dev/null || true
}

# Start rf-edit mercy in the background and wait until its editor runs.
edit_in_background() {
	rf-edit mercy >"$HOME/out" 2>"$HOME/err" &
	EDIT_PID=$!
	local i
	for ((i = 0; i < 600; i++)); do
		[ -e "$HOME/started" ] && return 0
		sleep 0.05
	done
	fail "the editor did not start"
}

# Let the editor save and wait for rf-edit; its status in $status.
finish_edit() {
	: >"$HOME/go"
	status=0
	wait "$EDIT_PID" || status=$?
	EDIT_PID=
	stderr=$(cat "$HOME/err")
	output=$(cat "$HOME/out")
}

@test "rf-edit: a change committed while the editor was open is kept, the edit applied on top" {
	make_notes
	export EDIT='s/^h1b = unknown$/h1b = no/'
	edit_in_background
	rf-set mercy culture.staff_tone=hostile
	local set_id
	set_id=$(git -C "$RF_DIR" rev-parse --short=7 HEAD)
	finish_edit
	assert_equal "$status" 0
	assert_equal "$stderr" "rf-edit: mercy-general.ini: merged with $set_id set mercy-general: culture.staff_tone unknown → hostile, committed while the editor was open"
	assert_equal "$(ini_get "$RF_DIR/mercy-general.ini" visa:h1b)" "no"
	assert_equal "$(ini_get "$RF_DIR/mercy-general.ini" culture:staff_tone)" "hostile"
	assert_equal "$(git -C "$RF_DIR" show HEAD:mercy-general.ini | sha256sum)" "$(sha256sum <"$RF_DIR/mercy-general.ini")"
	assert_equal "$(git -C "$RF_DIR" log --format='%s' -2)" "edit mercy-general: visa.h1b unknown → no
set mercy-general: culture.staff_tone unknown → hostile"
	assert_equal "$(git -C "$RF_DIR" log -1 --format=%b)" "Merged with $set_id set mercy-general: culture.staff_tone unknown → hostile, committed while the editor was open."
	# Only the two answers changed: every other byte is the template's.
	assert_equal "$(git -C "$RF_DIR" diff --no-textconv HEAD~2 HEAD | grep -c '^[-+][^-+]')" 4
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
}

@test "rf-edit: the same key changed meanwhile keeps the editor's answer, naming both values" {
	make_notes
	export EDIT='s/^staff_tone = unknown$/staff_tone = respectful/'
	edit_in_background
	rf-set mercy culture.staff_tone=hostile
	local set_id
	set_id=$(git -C "$RF_DIR" rev-parse --short=7 HEAD)
	finish_edit
	assert_equal "$status" 0
	assert_equal "$stderr" "rf-edit: warning: mercy-general.ini: culture.staff_tone: kept your 'respectful' over 'hostile', committed while the editor was open ($set_id set mercy-general: culture.staff_tone unknown → hostile)
rf-edit: mercy-general.ini: merged with $set_id set mercy-general: culture.staff_tone unknown → hostile, committed while the editor was open"
	assert_equal "$(ini_get "$RF_DIR/mercy-general.ini" culture:staff_tone)" "respectful"
	assert_equal "$(git -C "$RF_DIR" log -1 --format=%B)" "edit mercy-general: culture.staff_tone hostile → respectful

Merged with $set_id set mercy-general: culture.staff_tone unknown → hostile, committed while the editor was open.
culture.staff_tone: kept your 'respectful' over 'hostile'"
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
}

@test "rf-edit: a git pull while the editor was open is kept, and so are uncommitted edits" {
	make_notes
	git clone -q "$RF_DIR" "$HOME/lap"
	rf-set -C "$HOME/lap" mercy visa.j1=yes
	# An uncommitted edit in the work tree before the editor opens.
	sed -i 's/^ir_residents =$/ir_residents = 4/' "$RF_DIR/mercy-general.ini"
	export EDIT='s/^h1b = unknown$/h1b = no/'
	edit_in_background
	git -C "$RF_DIR" stash -q
	git -C "$RF_DIR" pull -q --ff-only "$HOME/lap" main
	git -C "$RF_DIR" stash pop -q
	finish_edit
	assert_equal "$status" 0
	local f=$RF_DIR/mercy-general.ini
	assert_equal "$(ini_get "$f" visa:j1) $(ini_get "$f" visa:h1b) $(ini_get "$f" workload:ir_residents)" "yes no 4"
	local pulled
	pulled=$(git -C "$RF_DIR" rev-parse --short=7 HEAD~1)
	assert_equal "$(git -C "$RF_DIR" log -1 --format=%B)" "edit mercy-general: 2 changes

visa.h1b unknown → no
workload.ir_residents \"\" → 4
Merged with $pulled set mercy-general: visa.j1 unknown → yes, committed while the editor was open."
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
	run git -C "$RF_DIR" fsck --strict --no-dangling
	assert_success
}

# An editor that gets Ctrl-C and Ctrl-\ as a terminal sends them, to its
# whole process group (rf-edit runs in a session of its own, so the signal
# reaches only rf-edit and the editor), survives them as vim and nano do,
# then saves an edit.
ctrl_c_editor() {
	cat >"$BATS_TEST_TMPDIR/bin/ctrl-c-editor" <<-'SH'
		#!/bin/sh
		trap '' INT QUIT
		kill -INT 0
		kill -QUIT 0
		sleep 0.2
		sed -i 's/^h1b = unknown$/h1b = no/' "$1"
	SH
	chmod +x "$BATS_TEST_TMPDIR/bin/ctrl-c-editor"
	export EDITOR="$BATS_TEST_TMPDIR/bin/ctrl-c-editor"
}

@test "Ctrl-C while the editor runs: rf-edit and rf-new -e wait for it and commit its edit" {
	make_notes
	ctrl_c_editor
	run --separate-stderr setsid -w rf-edit mercy
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$(git -C "$RF_DIR" log -1 --format=%s)" "edit mercy-general: visa.h1b unknown → no"
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
	run --separate-stderr setsid -w rf-new -e "Saint Elsewhere"
	assert_success
	assert_output "$RF_DIR/saint-elsewhere.ini"
	assert_equal "$(git -C "$RF_DIR" show HEAD:saint-elsewhere.ini | ini_get /dev/stdin visa:h1b)" "no"
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
}

@test "Ctrl-C that kills the editor: rf-edit says so, commits nothing" {
	make_notes
	cat >"$BATS_TEST_TMPDIR/bin/dies" <<-'SH'
		#!/bin/sh
		sed -i 's/^h1b = unknown$/h1b = no/' "$1"
		kill -INT 0
		sleep 5
	SH
	chmod +x "$BATS_TEST_TMPDIR/bin/dies"
	export EDITOR="$BATS_TEST_TMPDIR/bin/dies"
	run --separate-stderr setsid -w rf-edit mercy
	assert_equal "$status" 2
	assert_equal "$stderr" "rf-edit: editor '$EDITOR' was killed by signal 2; nothing committed"
	assert_equal "$(commit_count)" 2
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" " M mercy-general.ini"
}
