#!/usr/bin/env bats
# Stale locks: what a killed rf leaves is cleaned up; what anything else
# leaves is reported with the fix and never removed.
load hostile

# What an rf killed while committing leaves: its pid in .git/rf.lock, then
# git's lock file, created after it.
killed_rf_left() {
	echo 4242 >"$RF_DIR/.git/rf.lock"
	sleep 0.02
	: >"$RF_DIR/.git/$1"
}

@test "a branch lock left by an rf killed while committing is removed with a warning" {
	make_notes
	killed_rf_left refs/heads/main.lock
	run --separate-stderr rf-set mercy visa.h1b=no
	assert_success
	assert_equal "$stderr" "rf-set: warning: removed $RF_DIR/.git/refs/heads/main.lock, left by an rf command killed while committing"
	assert_file_not_exists "$RF_DIR/.git/refs/heads/main.lock"
	assert_committed mercy-general.ini
	assert_equal "$(last_subject)" "set mercy-general: visa.h1b unknown → no"
	# The marker is cleared: the next command has nothing to say.
	run --separate-stderr rf-set mercy visa.j1=no
	assert_success
	assert_equal "$stderr" ""
}

@test "an index lock left by an rf killed while committing is removed too" {
	make_notes
	killed_rf_left index.lock
	run --separate-stderr rf-quote mercy "we are like a family"
	assert_success
	assert_file_not_exists "$RF_DIR/.git/index.lock"
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
}

@test "a git lock no rf left is reported with its path and kept" {
	make_notes
	: >"$RF_DIR/.git/refs/heads/main.lock"
	assert_refused "$RF_DIR/.git/refs/heads/main.lock exists: another git command is running, or one was killed; if none is running, remove that file" \
		rf-set mercy visa.h1b=no
	assert_file_exists "$RF_DIR/.git/refs/heads/main.lock"
}

@test "a lock older than the killed rf is not its lock: reported and kept" {
	make_notes
	: >"$RF_DIR/.git/index.lock"
	sleep 0.02
	echo 4242 >"$RF_DIR/.git/rf.lock"
	assert_refused "index.lock exists" rf-commit
	assert_file_exists "$RF_DIR/.git/index.lock"
}

@test "temporary notes left by a killed rf are removed by the next writer" {
	make_notes
	echo "[visa]" >"$RF_DIR/.rf-tmp-4242-0"
	run --separate-stderr rf-set mercy visa.h1b=no
	assert_success
	assert_equal "$stderr" "rf-set: warning: removed .rf-tmp-4242-0, a temporary file left by a killed rf command"
	assert_file_not_exists "$RF_DIR/.rf-tmp-4242-0"
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
}

@test "read-only commands leave a killed rf's files alone" {
	make_notes
	killed_rf_left refs/heads/main.lock
	local before
	before=$(git_state)
	run rf-check
	assert_success
	assert_equal "$(git_state)" "$before"
	assert_file_exists "$RF_DIR/.git/refs/heads/main.lock"
}
