#!/usr/bin/env bats
# The history index (.git/rf/history): rf-log prints the same with it as
# without it, however history moved since it was written, whatever became
# of the file, and with writers committing meanwhile.
load helper
load season

# Every rf-log of tests/rf-log.bats, with its status and stderr.
log_all() {
	local i
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do
		echo "== $i"
		case $i in
		1) rf-log mercy ;;
		2) rf-log -p -n 6 mercy-general ;;
		3) rf-log -p --until 2026-12-03 st-marys-ir ;;
		4) rf-log -p st-marys-ir ;;
		5) rf-log ;;
		6) rf-log -p -n 2 --since 2026-12-05 --until 2026-12-05 ;;
		7) rf-log -n 2 mercy ;;
		8) rf-log --since 2026-12-02 --until 2026-12-04 mercy ;;
		9) rf-log --reverse --until 2026-12-04 mercy ;;
		10) rf-log --until "1000 days ago" mercy ;;
		11) TZ=America/New_York rf-log -n 2 mercy ;;
		12) rf-log --format tsv -n 2 mercy ;;
		13) rf-log --format json -p --since 2026-12-04 --until 2026-12-04 ;;
		14) rf-log --format json --reverse -n 1 --until 2026-12-01 mercy ;;
		15) rf-log -p ;;
		16) rf-log -n 3 st-marys-ir ;;
		esac 2>&1
		echo "status $?"
	done
}

# The same without the index: rf.cache off (nothing read or written in
# .git/rf/, which is checked).
log_all_live() {
	local before
	before=$(index_state)
	git -C "$RF_DIR" config rf.cache false
	log_all
	git -C "$RF_DIR" config --unset rf.cache
	[ "$(index_state)" = "$before" ] || echo "rf.cache=false changed .git/rf"
}

index_state() {
	find "$RF_DIR/.git/rf" -type f -printf '%P %s %T@\n' 2>/dev/null | sort
}

# The commit the index was built up to (its header is 48 bytes).
index_tip() {
	tail -c +49 "$RF_DIR/.git/rf/history" | head -c 20 | od -An -tx1 | tr -d ' \n'
}

assert_same_as_live() {
	local live
	live=$(log_all_live)
	run log_all
	assert_equal "$output" "$live"
	assert_equal "$(index_tip)" "$(git -C "$RF_DIR" rev-parse HEAD)"
}

@test "rf-log prints the same with the index as without it: built at once, read, built commit by commit" {
	season
	local live
	live=$(log_all_live)
	[ ! -e "$RF_DIR/.git/rf" ]
	# Built by the first rf-log, read by all the others.
	run log_all
	assert_equal "$output" "$live"
	[ -f "$RF_DIR/.git/rf/history" ]
	run log_all
	assert_equal "$output" "$live"
	# Kept up to date after every commit, the branch and its merge included.
	rm -rf "$RF_DIR"
	season "rf-log -n 1"
	run log_all
	assert_equal "$output" "$live"
	assert_equal "$(index_tip)" "$(git -C "$RF_DIR" rev-parse HEAD)"
}

@test "the index follows git reset --hard HEAD~5 and git commit --amend" {
	season
	rf-log >/dev/null
	git -C "$RF_DIR" reset -q --hard HEAD~5
	assert_same_as_live
	at 2026-12-09T09:00:00Z rf-set mercy visa.h1b=yes
	rf-log >/dev/null
	at 2026-12-09T10:00:00Z git -C "$RF_DIR" commit -q --amend -m "h1b: they said yes after all"
	assert_same_as_live
	run rf-log -n 1 mercy
	assert_output --partial "h1b: they said yes after all"
}

@test "the index follows a forced pull of a rewritten history" {
	season
	git -C "$RF_DIR" add -A && at 2026-12-09T09:00:00Z git -C "$RF_DIR" commit -q -m "legal support"
	git clone -q --bare "$RF_DIR" "$HOME/remote.git"
	git -C "$RF_DIR" remote add origin "$HOME/remote.git"
	git -C "$RF_DIR" fetch -q origin
	git -C "$RF_DIR" branch -q -u origin/main
	rf-log >/dev/null
	# The other laptop rewrites the last three commits and force-pushes.
	git clone -q "$HOME/remote.git" "$HOME/other"
	git -C "$HOME/other" reset -q --hard HEAD~3
	RF_DIR=$HOME/other at 2026-12-10T09:00:00Z rf-set mercy visa.h1b=yes
	git -C "$HOME/other" push -q -f origin main
	git -C "$RF_DIR" fetch -q origin
	git -C "$RF_DIR" reset -q --hard origin/main
	assert_same_as_live
}

@test "a truncated, damaged, foreign or garbage index is ignored and rebuilt, without a word" {
	season
	local live
	live=$(log_all_live)
	rf-log >/dev/null
	local f=$RF_DIR/.git/rf/history size
	size=$(stat -c %s "$f")
	truncate -s $((size / 2)) "$f"
	run --separate-stderr rf-log
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$(stat -c %s "$f")" "$size"
	# One byte of the body changed.
	printf '\377' | dd of="$f" bs=1 seek=$((size - 30)) conv=notrunc 2>/dev/null
	run log_all
	assert_equal "$output" "$live"
	# Written by another format version (header bytes 12-15).
	printf '\377' | dd of="$f" bs=1 seek=12 conv=notrunc 2>/dev/null
	run log_all
	assert_equal "$output" "$live"
	head -c 4096 /dev/urandom >"$f"
	run log_all
	assert_equal "$output" "$live"
	: >"$f"
	run log_all
	assert_equal "$output" "$live"
	assert_equal "$(index_tip)" "$(git -C "$RF_DIR" rev-parse HEAD)"
}

@test "the index under writers: rf-log while rf-set commits, and two rf-logs building it at once" {
	season
	git -C "$RF_DIR" add -A && git -C "$RF_DIR" commit -q -m "legal support"
	(
		for i in 1 2 3 4 5 6 7 8; do
			at "2026-12-1${i}T09:00:00Z" rf-set mercy "workload.hours_per_week=$((60 + i))" >/dev/null || exit 1
		done
	) &
	local writer=$! i
	for i in 1 2 3 4 5 6; do
		rf-log mercy >"$HOME/log.$i" 2>&1 &
		rf-log >"$HOME/all.$i" 2>&1 || echo "rf-log failed: $(cat "$HOME/all.$i")"
		wait $! || echo "rf-log mercy failed: $(cat "$HOME/log.$i")"
		grep -q "new mercy-general: Mercy General" "$HOME/log.$i" || echo "short log: $(cat "$HOME/log.$i")"
	done >"$HOME/problems"
	wait "$writer"
	assert_equal "$(cat "$HOME/problems")" ""
	assert_same_as_live
	git -C "$RF_DIR" fsck --strict --no-progress
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
	[ -z "$(find "$RF_DIR/.git/rf" -name 'tmp-*')" ]
}

@test "deleting .git/rf changes nothing but speed; it is never a link followed out of .git" {
	season
	rf-log >/dev/null
	local with
	with=$(log_all)
	rm -rf "$RF_DIR/.git/rf"
	assert_equal "$(log_all)" "$with"
	rm -rf "$RF_DIR/.git/rf"
	mkdir "$HOME/elsewhere"
	ln -s "$HOME/elsewhere" "$RF_DIR/.git/rf"
	assert_equal "$(log_all)" "$with"
	assert_equal "$(ls -A "$HOME/elsewhere")" ""
}

@test "without an index, rf-log -n reads history only as far as the entries it shows" {
	season
	git -C "$RF_DIR" add -A && at 2026-12-09T09:00:00Z git -C "$RF_DIR" commit -q -m "legal support"
	# The first commit's tree is lost (a damaged or partial clone): what
	# -n 2 shows never needs it, what it shows without -n does.
	local tree
	tree=$(git -C "$RF_DIR" rev-parse "$(git -C "$RF_DIR" rev-list --max-parents=0 HEAD)^{tree}")
	rm -f "$RF_DIR/.git/objects/${tree:0:2}/${tree:2}"
	git -C "$RF_DIR" config rf.cache false
	run --separate-stderr rf-log -n 2 mercy
	assert_success
	assert_equal "${#lines[@]}" 2
	assert_line --index 0 --partial "legal support"
	run --separate-stderr rf-log -n 2
	assert_success
	assert_equal "${#lines[@]}" 2
	run --separate-stderr rf-log mercy
	assert_equal "$status" 2
	assert_equal "$(printf '%s\n' "$stderr" | wc -l)" 1
	# With the caches on, no index can be built: the walk stops as early.
	git -C "$RF_DIR" config --unset rf.cache
	run --separate-stderr rf-log -n 2 mercy
	assert_success
	assert_equal "${#lines[@]}" 2
	[ ! -e "$RF_DIR/.git/rf/history" ]
}
