#!/usr/bin/env bats
# No dead ends on a rank-day evening: a broken note does not hide the
# others, names from every script get a slug, typos get "did you mean",
# pasted quotes are taken or refused with the way out, ranks are numbers.
load helper

@test "program.rank takes a whole number from 1; anything else needs --force and is null in JSON" {
	make_notes
	assert_refused "rf-set: program.rank: '2.5' is not a whole number from 1 (use --force to set it anyway)" \
		rf-set mercy program.rank=2.5
	local bad
	for bad in 0 -1 02 +1 first 1e2 ' 3'; do
		assert_refused "rf-set: program.rank: '$bad' is not a whole number from 1" rf-set mercy "program.rank=$bad"
	done
	assert_refused "rf-new: program.rank: '0' is not a whole number from 1" rf-new -s program.rank=0 "Lakeside"
	run --separate-stderr rf-set mercy program.rank=12
	assert_success
	assert_equal "$(ini_get "$RF_DIR/mercy-general.ini" program:rank)" "12"
	rf-new -s program.rank=3 "Lakeside" >/dev/null
	run --separate-stderr rf-set --force mercy program.rank=first
	assert_success
	assert_equal "$(rf-score --format json | jq -c '[.[] | [.program, .rank]]')" '[["lakeside",3],["mercy-general",null]]'
	assert_equal "$(rf-score --format tsv | cut -f1,2 | tail -n +2)" $'3\tlakeside\nfirst\tmercy-general'
	run --separate-stderr rf-check
	assert_equal "$status" 1
	assert_output "mercy-general.ini:$(grep -n '^rank = first$' "$RF_DIR/mercy-general.ini" | cut -d: -f1): program.rank: 'first' is not a whole number from 1"
}
