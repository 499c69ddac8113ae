#!/usr/bin/env bats
# Read-only commands under attack: bad revisions, dates and counts are
# usage errors (exit 2, one line); whatever the input, nothing is written,
# not even inside .git (rf.7: read-only commands).
load hostile

setup() {
	setup_rf_env
	make_notes
	rf-set mercy visa.h1b=no >/dev/null
}

# Refused, and .git untouched as well as the work tree.
assert_refused_ro() {
	local before
	before=$(git_state)
	assert_refused "$@"
	assert_equal "$(git_state)" "$before"
}

@test "rf-log refuses dates that are not dates" {
	assert_refused_ro "'notadate': not a date (YYYY-MM-DD or \"N days ago\")" rf-log --since notadate
	assert_refused_ro "'2026-13-45': not a date" rf-log --until 2026-13-45
	assert_refused_ro "'2026-02-30': not a date" rf-log --since 2026-02-30
	assert_refused_ro "not a date" rf-log --since "-3 days ago"
	assert_refused_ro "not a date" rf-log --since $'2026-12-01\n'
}

@test "rf-log refuses counts that are not counts" {
	assert_refused_ro "-n '-1': not a number" rf-log -n -1
	assert_refused_ro "-n 'abc': not a number" rf-log -n abc
	assert_refused_ro "-n '99999999999999999999': not a number" rf-log -n 99999999999999999999
}

@test "rf-log refuses an unknown format and bad programs" {
	assert_refused_ro "--format xml: expected one of" rf-log --format xml
	assert_refused_ro "invalid program name" rf-log ../rf/mercy-general
	assert_refused_ro "no such program '$(printf 'b%.0s' {1..300})'" rf-log "$(printf 'b%.0s' {1..300})"
	assert_usage "rf-log: unrecognized option '--bogus'" rf-log --bogus
}

@test "rf-log on a corrupt commit is refused, and changes nothing" {
	local c f
	c=$(git -C "$RF_DIR" rev-parse HEAD)
	f=$RF_DIR/.git/objects/${c:0:2}/${c:2}
	chmod u+w "$f"
	echo junk >"$f"
	assert_refused_ro "HEAD" rf-log
}

@test "rf-log works on a detached HEAD and on an unborn branch, writing nothing" {
	git -C "$RF_DIR" checkout -q --detach
	local before
	before=$(git_state)
	run rf-log
	assert_success
	assert_equal "${#lines[@]}" 2
	assert_equal "$(git_state)" "$before"
	export RF_DIR=$HOME/fresh
	git init -q "$RF_DIR"
	run --separate-stderr rf-log
	assert_success
	assert_output ""
}

@test "read-only commands never write, even with broken notes and a killed rf's lock" {
	printf 'x = \0\n' >>"$RF_DIR/mercy-general.ini"
	ln -s /etc/passwd "$RF_DIR/evil.ini"
	echo 4242 >"$RF_DIR/.git/rf.lock"
	: >"$RF_DIR/.git/index.lock"
	local before wt
	before=$(git_state)
	wt=$(cd "$RF_DIR" && find . -path ./.git -prune -o -print0 | sort -z | xargs -0 stat -c '%n %s %Y')
	rf-log >/dev/null 2>&1 || true
	rf-log -p mercy >/dev/null 2>&1 || true
	rf-check >/dev/null 2>&1 || true
	rf-check mercy >/dev/null 2>&1 || true
	# rf-rank's read subcommands, on a list naming the broken note.
	printf 'mercy-general\nevil\n' >"$RF_DIR/ranks.txt"
	before=$(git_state)
	wt=$(cd "$RF_DIR" && find . -path ./.git -prune -o -print0 | sort -z | xargs -0 stat -c '%n %s %Y')
	for sub in show check log diff; do
		rf-rank $sub >/dev/null 2>&1 || true
	done
	rf-rank show --at HEAD >/dev/null 2>&1 || true
	assert_equal "$(git_state)" "$before"
	assert_equal "$(cd "$RF_DIR" && find . -path ./.git -prune -o -print0 | sort -z | xargs -0 stat -c '%n %s %Y')" "$wt"
}
