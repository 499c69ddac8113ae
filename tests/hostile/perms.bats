#!/usr/bin/env bats
# Acceptance 4 of issue 6: no file rf creates is readable by group or
# others, .git included (rf runs with umask 077, whatever the caller's).
load hostile

@test "every writing command leaves nothing readable by group or others" {
	umask 022
	rf-init >/dev/null
	rf-new "Mercy General" >/dev/null
	rf-new -s visa.h1b=no "Other Program" >/dev/null
	rf-set mercy visa.j1=yes >/dev/null
	rf-quote -w pd mercy "we are like a family" >/dev/null
	echo "tour = fine" >>"$RF_DIR/mercy-general.ini"
	rf-commit >/dev/null
	EDITOR="sed -i -e s/^j1\ =\ yes\$/j1\ =\ no/" rf-edit mercy >/dev/null
	# Reading commands too (they must not create anything, but if they did).
	rf-check >/dev/null
	assert_equal "$(commit_count)" 7
	run find "$RF_DIR" -perm /077
	assert_output ""
	run find "$RF_DIR" -newer "$RF_DIR/profile.ini" -type f -path '*/objects/*'
	[ -n "$output" ] || fail "no objects written: the check above proves nothing"
}

@test "rf-new in a git-init'ed directory keeps its own files private" {
	umask 022
	export RF_DIR=$HOME/fresh
	git init -q "$RF_DIR"
	find "$RF_DIR" | sort >"$BATS_TEST_TMPDIR/before"
	rf-new "First Program" >/dev/null
	assert_equal "$(stat -c %a "$RF_DIR/first-program.ini")" 600
	# What rf added (objects, the branch, its lock file) is private.
	find "$RF_DIR" -perm /077 | sort >"$BATS_TEST_TMPDIR/open"
	run comm -13 "$BATS_TEST_TMPDIR/before" "$BATS_TEST_TMPDIR/open"
	assert_output ""
	[ "$(find "$RF_DIR" | sort | comm -13 "$BATS_TEST_TMPDIR/before" - | wc -l)" -gt 5 ] ||
		fail "rf added almost nothing: the check above proves nothing"
}
