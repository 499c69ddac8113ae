#!/usr/bin/env bats
load helper

@test "rf-set changes an answer and commits it with a per-key message" {
	make_notes
	run rf-set mercy visa.h1b=no
	assert_success
	assert_equal "$(last_subject)" "set mercy-general: visa.h1b unknown → no"
	run grep -x 'h1b = no' "$RF_DIR/mercy-general.ini"
	assert_success
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
}

@test "rf-set keeps hand-written comments and blank lines byte for byte" {
	make_notes
	cat >>"$RF_DIR/mercy-general.ini" <<-'INI'

		; my own comment, kept as is
		[extra]
		   ; indented comment
		keep   =   spacing  ; trailing comment

	INI
	rf-commit >/dev/null
	sed 's/^h1b = unknown$/h1b = case-by-case/' "$RF_DIR/mercy-general.ini" >"$BATS_TEST_TMPDIR/expected"
	run rf-set mercy-general visa.h1b=case-by-case
	assert_success
	cmp "$BATS_TEST_TMPDIR/expected" "$RF_DIR/mercy-general.ini"
}

@test "rf-set refuses an unknown key unless --force" {
	make_notes
	assert_refused "did you mean visa.h1b?" rf-set mercy visa.h1=no
	run rf-set --force mercy visa.h1=no
	assert_success
	assert_equal "$(last_subject)" "set mercy-general: visa.h1 (none) → no"
}

@test "rf-set refuses an assignment without '='" {
	make_notes
	assert_refused "expected section.key=value" rf-set mercy visa.h1b
}
