#!/usr/bin/env bats
# The read commands (rf-diff, rf-score, rf-ask) given bad revisions, bad
# dates, unknown options and programs, no repository, and broken rules.ini
# or profile.ini: each refuses with one line and exit 2, and writes nothing.
load hostile

setup() {
	setup_rf_env
	make_notes
}

@test "an unknown revision is refused by rf-diff and rf-score --at" {
	local rev
	for rev in nosuchrev 'HEAD~999'; do
		assert_refused "$rev: unknown revision" rf-diff mercy "$rev"
		assert_refused "$rev: unknown revision" rf-diff mercy HEAD "$rev"
		assert_refused "$rev: unknown revision" rf-score --at "$rev"
	done
}

@test "an impossible date is refused by rf-diff and rf-score --at" {
	local date
	for date in 2026-13-45 'banana days ago'; do
		assert_refused "$date: unknown revision" rf-diff mercy "$date"
		assert_refused "$date: unknown revision" rf-score --at "$date"
	done
}

@test "a date before the first commit is refused by rf-diff and rf-score --at" {
	assert_refused "2000-01-01: no commit at or before that date" rf-diff mercy 2000-01-01
	assert_refused "2000-01-01: no commit at or before that date" rf-score --at 2000-01-01
}

@test "unknown options are refused by the readers with a usage line" {
	assert_usage "unrecognized option '--bogus'" rf-diff --bogus mercy
	assert_usage "unrecognized option '--bogus'" rf-score --bogus
	assert_usage "unrecognized option '--bogus'" rf-ask --bogus mercy
}

@test "an unknown program is refused by the readers" {
	assert_refused "no such program 'nosuch'" rf-diff nosuch
	assert_refused "no such program 'nosuch'" rf-score nosuch
	assert_refused "no such program 'nosuch'" rf-ask nosuch
}

@test "a notes dir that is not a git repository is refused by rf-diff and rf-score --at" {
	mv "$RF_DIR/.git" "$HOME/git.saved"
	local msg="$RF_DIR: not a git repository (run rf-init to make it one)"
	assert_refused "$msg" rf-diff mercy HEAD
	assert_refused "$msg" rf-score --at HEAD
}

@test "a rules.ini with a syntax error is refused naming its line" {
	printf '[visa]\nh1b = no:0\n[outcomes\n' >"$RF_DIR/rules.ini"
	assert_refused "rules.ini:3: section header without its closing ']'" rf-score
	assert_refused "rules.ini:3: section header without its closing ']'" rf-ask mercy
	printf '[visa]\nh1b = no:banana\n' >"$RF_DIR/rules.ini"
	assert_refused "rules.ini:2: 'no:banana': points must be a number" rf-score
}

@test "a profile.ini with a bad weight is refused naming its line" {
	local n
	n=$(grep -n '^visa *=' "$RF_DIR/profile.ini" | head -1 | cut -d: -f1)
	[ -n "$n" ]
	sed -i "${n}s/=.*/= heavy/" "$RF_DIR/profile.ini"
	assert_refused "profile.ini:$n: weights.visa: 'heavy' is not a number" rf-score
	assert_refused "profile.ini:$n: weights.visa: 'heavy' is not a number" rf-ask mercy
	sed -i "${n}s/=.*/= -1/" "$RF_DIR/profile.ini"
	assert_refused "profile.ini:$n: weights.visa: '-1' is not a number" rf-score
}
