#!/usr/bin/env bats
# rf-quote: exact words, dated, read back by iniparser byte for byte.
load helper

f() { echo "$RF_DIR/mercy-general.ini"; }

@test "rf-quote stores the words under 'DATE WHO' and commits" {
	make_notes
	run --separate-stderr rf-quote -w pd mercy "We've never sponsored an H-1B for IR before, but we could try"
	assert_success
	assert_output ""
	assert_equal "$stderr" ""
	assert_equal "$(ini_get "$(f)" "quotes:2026-12-05 pd")" \
		"We've never sponsored an H-1B for IR before, but we could try"
	assert_equal "$(last_subject)" \
		"quote mercy-general: quotes.2026-12-05 pd (none) → We've never sponsored an H-1B for IR be…"
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
}

@test "rf-quote joins several words with spaces and counts a second quote the same day" {
	make_notes
	rf-quote -w pd mercy-general You learn by being thrown into the deep end
	rf-quote --who PD mercy-general "after you match"
	rf-quote mercy-general "no who"
	rf-quote mercy-general "no who again"
	assert_equal "$(ini_get "$(f)" "quotes:2026-12-05 pd")" "You learn by being thrown into the deep end"
	assert_equal "$(ini_get "$(f)" "quotes:2026-12-05 pd 2")" "after you match"
	assert_equal "$(ini_get "$(f)" "quotes:2026-12-05")" "no who"
	assert_equal "$(ini_get "$(f)" "quotes:2026-12-05 2")" "no who again"
	assert_equal "$(commit_count)" 6
}

@test "rf-quote reads the text from standard input, without its final newline" {
	make_notes
	printf 'service comes first; always\n' | rf-quote -w resident mercy
	assert_equal "$(ini_get "$(f)" "quotes:2026-12-05 resident")" "service comes first; always"
}

@test "rf-quote dates the key by GIT_AUTHOR_DATE in its own zone" {
	make_notes
	GIT_AUTHOR_DATE="2026-12-06T01:30:00+05:00" rf-quote -w apd mercy "hello"
	assert_equal "$(ini_get "$(f)" "quotes:2026-12-06 apd")" "hello"
}

@test "rf-quote keeps ; # ' and \" exactly (read back through iniparser)" {
	make_notes
	phrases=(
		"we're like a family; everyone stays late"
		"#1 in the region # really"
		'she said "case-by-case"; no more'
		"it's 'fine' # honestly"
		'"quoted" at the start'
		"'single' at the start"
		'  padded with spaces  '
		'ends with a backslash \'
		'key = value inside'
		$'tab\tinside'
		'ünïcödé — “curly” ‘quotes’'
		'"'
		"'"
		';'
		'#'
	)
	local k=0 p
	for p in "${phrases[@]}"; do
		k=$((k + 1))
		run --separate-stderr rf-quote -w "r$k" mercy "$p"
		assert_success
		run ini_get "$(f)" "quotes:2026-12-05 r$k"
		assert_success
		assert_equal "$output" "$p"
		# Byte for byte, not just as the shell compares strings.
		cmp <(ini_get "$(f)" "quotes:2026-12-05 r$k") <(printf '%s' "$p")
	done
	assert_equal "$(commit_count)" $((2 + ${#phrases[@]}))
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
}

@test "rf-quote refuses what iniparser cannot store exactly, writing nothing" {
	make_notes
	assert_refused "rf-quote: text holds both \" and ' as well as ';', '#' or surrounding spaces: iniparser 4.1 cannot store that exactly; change one of the quote marks" \
		rf-quote -w pd mercy "he said \"it's case-by-case\"; then left"
	assert_refused "iniparser 4.1 cannot store that exactly" rf-quote mercy "\"a\" 'b' # c"
	assert_refused "rf-quote: the text has 2 lines, and a quote is one line of the note" rf-quote mercy $'two\nlines'
	assert_refused "rf-quote: no text to quote" rf-quote mercy ""
	run --separate-stderr bash -c 'printf "a\0b" | rf-quote mercy'
	assert_equal "$status" 2
	assert_equal "$stderr" "rf-quote: the text holds a NUL byte"
	long=$(printf '%01100d' 0)
	assert_refused "the value of quotes.2026-12-05 is 1100 bytes, and at most 1009 fit on its line" rf-quote mercy "$long"
}

@test "rf-quote refuses a WHO that cannot be part of a key" {
	make_notes
	assert_refused "rf-quote: -w: who said it cannot hold control characters or [ ] : = ; # \" '" rf-quote -w 'p=d' mercy hi
	assert_refused "rf-quote: -w: who said it cannot hold" rf-quote -w $'p\nd' mercy hi
}

@test "rf-quote refuses bad program arguments and broken notes" {
	make_notes
	rf-new "Mercy West" >/dev/null
	assert_refused "rf-quote: ambiguous program 'mercy'; candidates: mercy-general, mercy-west" rf-quote mercy hi
	assert_refused "rf-quote: no such program 'nosuch'" rf-quote nosuch hi
	assert_refused "rf-quote: invalid program name" rf-quote ../x hi
	printf 'oops\n' >>"$RF_DIR/mercy-west.ini"
	n=$(wc -l <"$RF_DIR/mercy-west.ini")
	assert_refused "rf-quote: mercy-west.ini:$n: line is not '[section]', 'key = value' or a comment" \
		rf-quote mercy-west hi
}

@test "rf-quote -C DIR, -h, --help, --version and usage errors" {
	rf-new -C "$BATS_TEST_TMPDIR/n" "Mercy General" >/dev/null
	run --separate-stderr rf-quote -C "$BATS_TEST_TMPDIR/n" -w pd mercy hi
	assert_success
	assert_equal "$(ini_get "$BATS_TEST_TMPDIR/n/mercy-general.ini" "quotes:2026-12-05 pd")" "hi"
	run --separate-stderr rf-quote -h
	assert_success
	assert_line --index 0 "usage: rf-quote [-C DIR] [-w WHO] PROGRAM [TEXT...]"
	run --separate-stderr rf-quote --help
	assert_success
	assert_line --partial "-w, --who WHO"
	run --separate-stderr rf-quote --version
	assert_success
	assert_output --regexp '^rf-quote \(rf\) [0-9.]+$'
	run --separate-stderr rf-quote
	assert_equal "$status" 2
	[[ "$stderr" == "usage: rf-quote "* ]]
}
