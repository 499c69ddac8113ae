#!/usr/bin/env bats
# Plain git in a notes directory shows rf's per-key changes (rf-init sets up
# the "rf" diff driver: .git/info/attributes and diff.rf.textconv).
load helper

@test "rf-init sets up the rf diff driver: attributes and textconv by absolute path" {
	rf-init >/dev/null
	assert_equal "$(cat "$RF_DIR/.git/info/attributes")" $'*.ini diff=rf\n*.ini merge=rf'
	# Under make valgrind, rf-init finds itself (/proc/self/exe) beside the
	# real binaries, not beside the wrapper scripts on PATH.
	local rf_diff=${RF_REAL_BIN:+$RF_REAL_BIN/rf-diff}
	assert_equal "$(git -C "$RF_DIR" config diff.rf.textconv)" "'${rf_diff:-$(command -v rf-diff)}' --textconv"
	local rf_sync=${RF_REAL_BIN:+$RF_REAL_BIN/rf-sync}
	assert_equal "$(git -C "$RF_DIR" config merge.rf.driver)" "'${rf_sync:-$(command -v rf-sync)}' --merge-driver %P %O %A %B"
	# A second run keeps one attribute line and leaves the tree alone.
	rf-init >/dev/null
	assert_equal "$(grep -c 'diff=rf' "$RF_DIR/.git/info/attributes")" 1
	assert_equal "$(grep -c 'merge=rf' "$RF_DIR/.git/info/attributes")" 1
	assert_equal "$(git -C "$RF_DIR" ls-tree --name-only HEAD)" "profile.ini"
}

@test "rf-init keeps the user's own attributes and adds the driver once" {
	git init -q "$RF_DIR"
	printf '*.txt text' >"$RF_DIR/.git/info/attributes"
	rf-init >/dev/null
	assert_equal "$(cat "$RF_DIR/.git/info/attributes")" $'*.txt text\n*.ini diff=rf\n*.ini merge=rf'
}

@test "git log -p and git diff show per-key lines" {
	make_notes
	rf-set mercy visa.h1b=no
	run git -C "$RF_DIR" log -p -1 --format=%s
	assert_success
	assert_line "set mercy-general: visa.h1b unknown → no"
	assert_line -- "-visa.h1b = unknown"
	assert_line -- "+visa.h1b = no"
	sed -i 's/^j1 = unknown$/j1 = yes/' "$RF_DIR/mercy-general.ini"
	run git -C "$RF_DIR" diff
	assert_line -- "-visa.j1 = unknown"
	assert_line -- "+visa.j1 = yes"
	refute_line --partial "-j1 = unknown"
}

@test "rf-diff --textconv prints a note as section.key lines in template order" {
	printf '[visa]\nj1 = yes ; PD\nh1b = a \\\n  b\n[program]\nname = M\nstatus =\n[empty]\n' >"$BATS_TEST_TMPDIR/n.ini"
	run --separate-stderr rf-diff --textconv "$BATS_TEST_TMPDIR/n.ini"
	assert_success
	assert_output "program.name = M
program.status =
visa.h1b = a   b
visa.j1 = yes
[empty]
visa.j1 ; PD"
}
