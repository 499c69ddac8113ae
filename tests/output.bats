#!/usr/bin/env bats
# Output conventions every command shares: stdout write errors (a full disk
# is exit 2 with a message, a reader that quits early is not an error), no
# pager and no colour off a terminal, colour on one unless NO_COLOR.
load helper

# A notes repository with 500 notes and two commits each (1001 commits),
# made with git fast-import: rf's own commands would take a minute.
setup_file() {
	export BIG="$BATS_FILE_TMPDIR/big"
	mkdir -p "$BIG"
	git -C "$BIG" init -q -b main
	local tpl profile
	tpl=$(cat "$BATS_TEST_DIRNAME/../templates/program.ini")
	profile=$(cat "$BATS_TEST_DIRNAME/../templates/profile.ini")
	LC_ALL=C awk -v n=500 -v tpl="$tpl" -v profile="$profile" '
	function blob(path, text) {
		printf "M 100644 inline %s\ndata %d\n%s\n", path, length(text) + 1, text
	}
	function commit(t, msg) {
		printf "commit refs/heads/main\n"
		printf "author Test Applicant <applicant@example.org> %d +0000\n", t
		printf "committer Test Applicant <applicant@example.org> %d +0000\n", t
		printf "data %d\n%s\n", length(msg) + 1, msg
	}
	BEGIN {
		t = 1793000000
		commit(t, "init profile: created"); blob("profile.ini", profile)
		for (i = 1; i <= n; i++) {
			slug = sprintf("program-%03d", i)
			note = tpl
			sub(/\nname =\n/, "\nname = Program " i "\n", note)
			commit(t + 60 * i, "new " slug ": Program " i); blob(slug ".ini", note)
			commit(t + 60 * i + 30, "set " slug ": visa.h1b unknown → no")
			sub(/\nh1b = unknown\n/, "\nh1b = no\n", note)
			blob(slug ".ini", note)
		}
	}' | git -C "$BIG" fast-import --quiet
	git -C "$BIG" reset -q --hard
}

@test "the 500-note repository is what the tests below need" {
	assert_equal "$(git -C "$BIG" rev-list --count HEAD)" 1001
	assert_equal "$(ls "$BIG" | wc -l)" 501
	grep -qx 'h1b = no' "$BIG/program-500.ini"
}

@test "rf-check > /dev/full: exit 2 and one message" {
	make_notes
	printf '[visa]\nh1b = maybe\n' >>"$RF_DIR/mercy-general.ini"
	run --separate-stderr bash -c 'rf-check > /dev/full'
	assert_equal "$status" 2
	assert_equal "$stderr" "rf-check: write error: No space left on device"
}

@test "--help and --version > /dev/full: exit 2 and one message" {
	for c in rf rf-init rf-new rf-edit rf-set rf-quote rf-commit rf-check; do
		run --separate-stderr bash -c "$c --help > /dev/full"
		assert_equal "$status" 2
		assert_equal "$stderr" "$c: write error: No space left on device"
		run --separate-stderr bash -c "$c --version > /dev/full"
		assert_equal "$status" 2
	done
}

@test "rf-check | head -1 on 500 notes: no broken pipe message, the status says problems" {
	cp -r "$BIG" "$BATS_TEST_TMPDIR/notes"
	for f in "$BATS_TEST_TMPDIR"/notes/program-*.ini; do
		printf '[visa]\nh1b = maybe\n' >>"$f"
	done
	# More than a pipe buffer, so the reader really goes away mid-output.
	[ "$(rf-check -C "$BATS_TEST_TMPDIR/notes" | wc -c)" -gt 65536 ]
	run --separate-stderr bash -c 'rf-check -C "$1" | head -1; echo "status ${PIPESTATUS[0]}" >&2' _ \
		"$BATS_TEST_TMPDIR/notes"
	assert_output "program-001.ini:194: section [visa] again (first on line 36; iniparser merges them)"
	assert_equal "$stderr" "status 1"
}

@test "rf-log | head -1 on 500 notes: exit 0, no broken pipe message" {
	[ "$(rf-log -C "$BIG" | wc -c)" -gt 65536 ]
	run --separate-stderr bash -c 'rf-log -C "$1" | head -1; echo "status ${PIPESTATUS[0]}" >&2' _ "$BIG"
	[ -n "$output" ]
	assert_equal "$stderr" "status 0"
	run --separate-stderr bash -c 'rf-log -C "$1" -p | head -1; echo "status ${PIPESTATUS[0]}" >&2' _ "$BIG"
	assert_equal "$stderr" "status 0"
}

@test "rf-log > /dev/full: exit 2 and one message" {
	run --separate-stderr bash -c 'rf-log -C "$1" > /dev/full' _ "$BIG"
	assert_equal "$status" 2
	assert_equal "$stderr" "rf-log: write error: No space left on device"
}

@test "rf-score | head -1 on 500 notes: exit 0, no broken pipe message" {
	run --separate-stderr bash -c 'rf-score -C "$1" | head -1; echo "status ${PIPESTATUS[0]}" >&2' _ "$BIG"
	assert_output --regexp '^rank +program +track +risk'
	assert_equal "$stderr" "status 0"
	# JSON is more than a pipe buffer: the reader surely quits mid-output.
	[ "$(rf-score -C "$BIG" --format json | wc -c)" -gt 65536 ]
	run --separate-stderr bash -c 'rf-score -C "$1" --format json | head -1; echo "status ${PIPESTATUS[0]}" >&2' _ "$BIG"
	assert_output "["
	assert_equal "$stderr" "status 0"
}

@test "rf-score > /dev/full: exit 2 and one message" {
	run --separate-stderr bash -c 'rf-score -C "$1" > /dev/full' _ "$BIG"
	assert_equal "$status" 2
	assert_equal "$stderr" "rf-score: write error: No space left on device"
	run --separate-stderr bash -c 'rf-score -C "$1" --format json > /dev/full' _ "$BIG"
	assert_equal "$status" 2
	assert_equal "$stderr" "rf-score: write error: No space left on device"
}

@test "off a terminal: no pager runs and no escape codes, whatever PAGER says" {
	export RF_PAGER="touch $BATS_TEST_TMPDIR/pager-ran; cat" PAGER="touch $BATS_TEST_TMPDIR/pager-ran; cat"
	export TERM=xterm-256color
	run --separate-stderr rf-log -C "$BIG" -p -n 3
	assert_success
	[[ "$output" != *$'\e'* ]] || fail "escape codes in piped output"
	assert_file_not_exists "$BATS_TEST_TMPDIR/pager-ran"
}

# Run a command on a pseudo-terminal (script(1)), its output in $output.
on_tty() {
	run script -qec "$*" /dev/null
}

@test "on a terminal: colour, through the pager; NO_COLOR and TERM=dumb turn colour off" {
	export TERM=xterm-256color
	export RF_PAGER="cat > $BATS_TEST_TMPDIR/paged"
	on_tty rf-log -C "$BIG" -p -n 2
	assert_success
	grep -q $'\e\\[' "$BATS_TEST_TMPDIR/paged" || fail "no colour on a terminal: $(cat "$BATS_TEST_TMPDIR/paged")"
	grep -q 'program-500' "$BATS_TEST_TMPDIR/paged"

	NO_COLOR=1 on_tty rf-log -C "$BIG" -p -n 2
	assert_success
	grep -q 'program-500' "$BATS_TEST_TMPDIR/paged"
	! grep -q $'\e' "$BATS_TEST_TMPDIR/paged" || fail "colour despite NO_COLOR"

	TERM=dumb on_tty rf-log -C "$BIG" -p -n 2
	! grep -q $'\e' "$BATS_TEST_TMPDIR/paged" || fail "colour on TERM=dumb"
}

@test "on a terminal: an empty RF_PAGER means no pager, PAGER is the fallback" {
	export TERM=xterm-256color NO_COLOR=1
	RF_PAGER= PAGER="cat > $BATS_TEST_TMPDIR/paged" on_tty rf-log -C "$BIG" -n 1
	assert_success
	assert_file_not_exists "$BATS_TEST_TMPDIR/paged"
	[[ "$output" == *program-500* ]] || fail "$output"
	unset RF_PAGER
	PAGER="cat > $BATS_TEST_TMPDIR/paged" on_tty rf-log -C "$BIG" -n 1
	grep -q 'program-500' "$BATS_TEST_TMPDIR/paged"
}
