#!/usr/bin/env bats
# Two rf commands at once must not lose either change.
load hostile

# Worker: $2 edits of note $1, each a new key w$3-k$I; exits non-zero on
# the first failure (its message kept in the test's errors file).
edit_loop() {
	local note=$1 n=$2 w=$3 i
	for ((i = 1; i <= n; i++)); do
		rf-set "$note" "red_flags.w$w-k$i=low" >/dev/null 2>>"$BATS_TEST_TMPDIR/errors" || return 1
	done
}

# Start the workers given as "NOTE N W" triples at once and wait for all.
run_workers() {
	local pids=() spec failed=0
	for spec in "$@"; do
		# shellcheck disable=SC2086
		edit_loop $spec &
		pids+=($!)
	done
	for p in "${pids[@]}"; do
		wait "$p" || failed=$((failed + 1))
	done
	[ "$failed" -eq 0 ] || fail "$failed workers failed: $(cat "$BATS_TEST_TMPDIR/errors")"
}

@test "8 processes x 50 edits to different notes: all 400 committed, history linear" {
	[ -z "${RF_VALGRIND:-}" ] || skip "timing-bound: 100x slower under valgrind (make check runs it)"
	rf-init >/dev/null
	local w before
	for w in 1 2 3 4 5 6 7 8; do
		rf-new "Program $w" >/dev/null
	done
	before=$(commit_count)
	run_workers "program-1 50 1" "program-2 50 2" "program-3 50 3" "program-4 50 4" \
		"program-5 50 5" "program-6 50 6" "program-7 50 7" "program-8 50 8"
	assert_equal "$(commit_count)" $((before + 400))
	assert_equal "$(git -C "$RF_DIR" rev-list --merges HEAD)" ""
	for w in 1 2 3 4 5 6 7 8; do
		assert_committed "program-$w.ini"
		assert_equal "$(git -C "$RF_DIR" show "HEAD:program-$w.ini" | grep -c "^w$w-k[0-9]* = low$")" 50
	done
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
	run git -C "$RF_DIR" fsck --strict --no-dangling
	assert_success
}

@test "4 processes x 25 edits to the same note, different keys: all 100 committed" {
	# Under valgrind 4 x 3: the writers still queue on the lock, and the
	# waiting and retry paths run with leak and error checking.
	local n=25
	[ -z "${RF_VALGRIND:-}" ] || n=3
	make_notes
	local before w
	before=$(commit_count)
	run_workers "mercy $n 1" "mercy $n 2" "mercy $n 3" "mercy $n 4"
	assert_equal "$(commit_count)" $((before + 4 * n))
	assert_equal "$(git -C "$RF_DIR" rev-list --merges HEAD)" ""
	assert_committed mercy-general.ini
	for w in 1 2 3 4; do
		assert_equal "$(grep -c "^w$w-k[0-9]* = low$" "$RF_DIR/mercy-general.ini")" "$n"
	done
	# Every commit changed exactly one key: none reverted another's.
	run git -C "$RF_DIR" log -$((4 * n)) --format=%s
	assert_equal "$(grep -c '^set mercy-general: red_flags\.w[1-4]-k[0-9]* (none) → low$' <<<"$output")" $((4 * n))
}
