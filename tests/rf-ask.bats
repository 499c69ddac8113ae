#!/usr/bin/env bats
load helper

# Every template answer of a note set (choices to a fitting answer, numbers to 1).
answer_all() {
	local f=$RF_DIR/$1.ini
	sed -i -E '/^\[(visa|outcomes|workload|supervision|education|culture|img|sources)\]$/,/^\[quotes\]$/ {
		s/^(leadership_reaction) = unknown$/\1 = supportive/
		s/^(response_to_concerns) = unknown$/\1 = concrete/
		s/^(staff_tone) = unknown$/\1 = respectful/
		s/^([a-z_0-9]+) = unknown$/\1 = no/
		s/^(call_frequency|weekend_coverage) =$/\1 = q4/
		s/^([a-z_0-9]+) =$/\1 = 1/
	}' "$f"
	rf-commit >/dev/null
}

@test "rf-ask PROGRAM: open questions grouped by domain, highest stake first, with the template's question" {
	make_notes
	rf-set mercy visa.h1b=yes visa.policy_written=vague supervision.solo_high_risk=no culture.retaliation=no >/dev/null
	run --separate-stderr rf-ask mercy
	assert_success
	assert_line --index 0 "mercy-general: 57 open questions"
	# domains by their highest stake (ties in domain order), then items by stake (ties in template order)
	assert_line --index 1 "visa"
	assert_line --index 2 "  10    visa.mid_training_changes"
	assert_line --index 3 "         Do past IMGs report sudden visa changes mid-training?"
	assert_line --index 4 "  10    visa.leadership_reaction"
	assert_equal "$(printf '%s\n' "$output" | grep -E '^[a-z_]+$' | tr '\n' ' ')" \
		"visa outcomes workload supervision culture img education sources "
	run --separate-stderr rf-ask mercy
	assert_equal "$(printf '%s\n' "$output" | grep -A2 -x supervision)" "supervision
  10    supervision.junior_solo_nights
         Do first-year IR residents do complex procedures solo at night without backup?"
	assert_line "  6     visa.policy_written (vague)"
	refute_line --regexp "visa\.h1b$"
	refute_line --regexp "visa\.j1$"	# the profile needs an H-1B: J-1 answers do not count
	refute_line --regexp "supervision\.solo_high_risk$"
	refute_line --partial "procedures_per_resident"	# derived: its inputs are asked
	assert_line --partial "workload.ir_residents"
	# domains appear once each, as headers
	assert_equal "$(printf '%s\n' "$output" | grep -cx 'visa')" 1
	assert_equal "$(printf '%s\n' "$output" | grep -cx 'culture')" 1
}

@test "rf-ask --format tsv and json: one row per open question, stakes in order within a domain" {
	make_notes
	rf-set mercy visa.policy_written=vague >/dev/null
	run --separate-stderr rf-ask --format tsv mercy
	assert_success
	assert_line --index 0 $'program\tdomain\tkey\tanswer\tstake\tquestion'
	assert_line $'mercy-general\tvisa\tvisa.h1b\tunknown\t12\tDoes the program support H-1B for IR/DR? Or only J-1?'
	assert_line $'mercy-general\tvisa\tvisa.policy_written\tvague\t6\tIs the visa policy clearly written and specific (e.g. "We sponsor J-1 and H-1B visas for eligible candidates, including integrated IR")?'
	assert_equal "${#lines[@]}" 61
	# domains are contiguous, stakes non-increasing inside each
	printf '%s\n' "$output" | awk -F'\t' 'NR > 1 {
		if ($2 != d) { if (seen[$2]++) exit 1; d = $2; last = 1e9 }
		if ($5 + 0 > last) exit 1; last = $5 + 0 }'
	rf-ask --format json mercy >"$BATS_TEST_TMPDIR/json"
	assert_equal "$(jq length "$BATS_TEST_TMPDIR/json")" 60
	assert_equal "$(jq -r '.[] | [.program, .domain, .key, .answer, .stake, .question] | @tsv' "$BATS_TEST_TMPDIR/json")" \
		"$(rf-ask --format tsv mercy | tail -n +2)"
}

@test "rf-ask --all lists every program; a fully answered note has 0 open questions" {
	make_notes
	rf-new "Zeta" >/dev/null
	answer_all mercy-general
	run --separate-stderr rf-ask mercy
	assert_success
	assert_output "mercy-general: 0 open questions"
	run --separate-stderr rf-ask --all
	assert_success
	assert_line --index 0 "mercy-general: 0 open questions"
	assert_line "zeta: 60 open questions"
	run --separate-stderr rf-ask --all --format tsv
	assert_success
	refute_line --partial "mercy-general"
	assert_equal "$(printf '%s\n' "$output" | tail -n +2 | cut -f1 | sort -u)" "zeta"
	# the answered note has no unknowns in rf-score either
	assert_equal "$(rf-score --format tsv mercy | awk -F'\t' 'NR == 2 { print $8 }')" 0
}

@test "rf-ask: stakes follow the profile weights; errors exit 2, a broken note 1" {
	make_notes
	sed -i 's/^supervision = 1$/supervision = 0/; s/^visa = 1$/visa = 2/' "$RF_DIR/profile.ini"
	run --separate-stderr rf-ask --format tsv mercy
	assert_line --index 1 $'mercy-general\tvisa\tvisa.h1b\tunknown\t24\tDoes the program support H-1B for IR/DR? Or only J-1?'
	assert_line --partial $'supervision.solo_high_risk\tunknown\t0\t'
	assert_refused "nosuch" rf-ask nosuch
	printf '[visa]\nh1b = no\n' >"$RF_DIR/rules.ini"
	assert_refused "rules.ini:2: " rf-ask mercy
	rm "$RF_DIR/rules.ini"
	printf 'broken\n' >>"$RF_DIR/mercy-general.ini"
	run --separate-stderr rf-ask mercy
	assert_equal "$status" 1
	assert_output ""
	assert_equal "$stderr" "rf-ask: mercy-general.ini:$(wc -l <"$RF_DIR/mercy-general.ini"): line is not '[section]', 'key = value' or a comment"
}

@test "rf-ask usage errors exit 2" {
	make_notes
	run --separate-stderr rf-ask
	assert_equal "$status" 2
	[[ "$stderr" == *"usage: rf-ask "* ]] || fail "stderr: $stderr"
	run --separate-stderr rf-ask --format csv mercy
	assert_equal "$status" 2
}
