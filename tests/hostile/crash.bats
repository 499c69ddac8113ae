#!/usr/bin/env bats
# Interrupting any command (kill -9) leaves a valid repository, and
# every edit is either committed or still in the working tree.
load hostile

# Start "$@" in the background, SIGKILL it after a seeded random delay
# in [0, $window_us) (it may finish first), and set $rc to its exit status.
# The window adapts: it grows after a kill and shrinks after a command that
# finished, which settles where half the attempts are killed, i.e. at about
# twice what a command takes on this machine, so the kills spread over the
# whole of a command's run however fast or slow the machine (a fixed window
# measured once let CI's slower machine finish 169 of 200 first).
run_and_kill() {
	"$@" >/dev/null 2>>"$BATS_TEST_TMPDIR/errors" &
	local pid=$! us=$(((RANDOM * 32768 + RANDOM) % window_us))
	sleep "$((us / 1000000)).$(printf '%06d' $((us % 1000000)))"
	kill -KILL "$pid" 2>/dev/null || true
	rc=0
	{ wait "$pid"; } 2>/dev/null || rc=$?
	if [ "$rc" -eq 137 ]; then
		window_us=$((window_us + window_us / 8))
	else
		window_us=$((window_us - window_us / 8 + 1))
	fi
}

@test "200 rf-set/rf-quote/rf-commit killed at random moments lose nothing" {
	[ -z "${RF_VALGRIND:-}" ] || skip "timing-bound: 100x slower under valgrind (make check runs it)"
	make_notes
	local note=$RF_DIR/mercy-general.ini i op rc keys prev=0 killed=0 done_keys=()
	local window_us=20000
	rf-set mercy red_flags.k0=low
	RANDOM=20261205
	for ((i = 1; i <= 200; i++)); do
		op=$((RANDOM % 3))
		case $op in
		0) run_and_kill rf-set mercy "red_flags.k$i=high" ;;
		1) run_and_kill rf-quote -w "k$i" mercy "words of k$i; exactly" ;;
		2)	# a hand edit, then rf-commit
			printf 'k%d = hand edit %d\n' "$i" "$i" >>"$note"
			run_and_kill rf-commit
			;;
		esac
		if [ "$rc" -eq 137 ]; then
			killed=$((killed + 1))
		else
			assert_equal "$rc" 0
			# A finished command's edit is committed.
			[ "$op" = 2 ] || done_keys+=("k$i")
			[ "$op" = 2 ] || git -C "$RF_DIR" show HEAD:mercy-general.ini | grep -q "k$i" ||
				fail "attempt $i finished but k$i is not in HEAD"
		fi
		# Never a damaged note, never a key lost from the working tree.
		run rf-check mercy
		[ "$status" -le 1 ] || fail "attempt $i: rf-check: $output"
		[[ "$output" != *"line is not"* ]] || fail "attempt $i: $output"
		keys=$(grep -c 'k[0-9]' "$note")
		[ "$keys" -ge "$prev" ] || fail "attempt $i: keys went from $prev to $keys"
		prev=$keys
	done
	echo "# $killed of 200 killed, final window $((window_us / 1000)) ms; $(grep -c 'removed' "$BATS_TEST_TMPDIR/errors") stale files removed" >&3
	[ "$killed" -ge 40 ] || fail "only $killed kills landed: the test is not testing"

	# The repository is valid and the next command is not blocked.
	run git -C "$RF_DIR" fsck --strict --no-dangling
	assert_success
	run rf-commit
	assert_success
	assert_committed mercy-general.ini
	for k in "${done_keys[@]}"; do
		grep -q "$k" "$note" || fail "$k lost"
	done
	# No lock or temporary file is left behind.
	run find "$RF_DIR" -name '*.lock' ! -name rf.lock -o -name '.rf-tmp-*'
	assert_output ""
}
