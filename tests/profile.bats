#!/usr/bin/env bats
# The score follows the applicant: the visa they need decides which visa
# answers count and which are deal-breakers (rules.ini [when], [best_of],
# [dealbreakers]); the profile is set like a note.
load helper

# Three programs that differ only in their sponsorship answers.
make_visa_season() {
	rf-init >/dev/null
	rf-new -s visa.h1b=yes -s visa.j1=no "H only" >/dev/null
	rf-new -s visa.h1b=no -s visa.j1=yes "J only" >/dev/null
	rf-new -s visa.h1b=no -s visa.j1=no "Neither" >/dev/null
}

# program, risk, marks and flagged, one program per line.
ranking() {
	rf-score --format tsv | tail -n +2 | cut -f2,4,6,7
}

@test "visa_needed = h1b: H-1B answers score, visa.h1b = no is a deal-breaker, J-1 answers add nothing" {
	make_visa_season
	assert_equal "$(ranking)" $'h-only\t13.5\t\t
j-only\t25.5\tdealbreaker\tvisa
neither\t25.5\tdealbreaker\tvisa'
	run --separate-stderr rf-score --explain neither
	assert_line "deal-breaker: visa.h1b = no"
	refute_line --partial "visa.j1"
	run --separate-stderr rf-ask --format tsv h-only
	refute_line --partial "visa.j1"
	assert_line --partial $'\tvisa.h1b_for_ir_before\tunknown\t8\t'
}

@test "visa_needed = j1: J-1 answers take that role and H-1B answers add nothing" {
	make_visa_season
	rf-set profile applicant.visa_needed=j1 >/dev/null
	assert_equal "$(ranking)" $'j-only\t13.25\t\t
h-only\t19.25\tdealbreaker\tvisa
neither\t19.25\tdealbreaker\tvisa'
	run --separate-stderr rf-score --explain neither --format tsv
	assert_line $'visa\tvisa.j1\tno\tno:6\t6\t1\t6'
	refute_line --partial "visa.h1b"
	run --separate-stderr rf-score --explain neither
	assert_line "deal-breaker: visa.j1 = no"
	# not asked either: an H-1B question is no question for a J-1 applicant
	run --separate-stderr rf-ask --format tsv j-only
	refute_line --partial "visa.h1b"
}

@test "visa_needed = either: the better of the two visas counts; a deal-breaker only when neither is sponsored" {
	make_visa_season
	rf-set profile applicant.visa_needed=either >/dev/null
	assert_equal "$(ranking)" $'j-only\t13.25\t\t
h-only\t13.5\t\t
neither\t19.25\tdealbreaker\tvisa'
	run --separate-stderr rf-score --explain j-only --format tsv
	assert_line $'visa\tvisa.h1b\tno\tno:12, outweighed: best_of.sponsorship\t12\t1\t0'
	run --separate-stderr rf-score --explain neither
	assert_line "deal-breaker: visa.h1b = no, visa.j1 = no"
	# an H-1B program with no H-1B history is still better than one that only says no to J-1
	rf-set h-only visa.h1b_for_ir_before=no >/dev/null
	assert_equal "$(rf-score --format tsv h-only | awk -F'\t' 'NR == 2 { print $4 }')" 19.25
}

@test "visa_needed = none: sponsorship adds nothing and nothing visa-related is a deal-breaker" {
	make_visa_season
	rf-new -s img.excluded_for_visa=yes "Excludes" >/dev/null
	rf-quote -w pd excludes "Visa stuff is complicated; we usually don't deal with that in IR." >/dev/null
	rf-set profile applicant.visa_needed=none >/dev/null
	assert_equal "$(ranking)" $'excludes\t11.75\t\t
h-only\t11.75\t\t
j-only\t11.75\t\t
neither\t11.75\t\t'
	run --separate-stderr rf-score --explain excludes --format tsv
	refute_line --partial "visa stuff"
	refute_line --partial "excluded_for_visa"
	# the IMG track record still counts for an IMG ...
	assert_line $'visa\t2 keys\tunknown\tdefault unknown\t0.25\t1\t0.5'
	# ... and not for a US graduate
	rf-set profile applicant.img=no >/dev/null
	run --separate-stderr rf-score --explain excludes --format tsv
	refute_line --regexp $'^visa\t'
	assert_equal "$(ranking | cut -f2 | sort -u)" 11.25
}

@test "rf-set profile applicant.visa_needed=j1 commits one change, layout kept; =martian is refused" {
	rf-init >/dev/null
	sed 's/^visa_needed = h1b$/visa_needed = j1/' "$RF_DIR/profile.ini" >"$BATS_TEST_TMPDIR/expected"
	run --separate-stderr rf-set profile applicant.visa_needed=j1
	assert_success
	assert_equal "$stderr" ""
	cmp "$BATS_TEST_TMPDIR/expected" "$RF_DIR/profile.ini"
	assert_equal "$(last_subject)" "set profile: applicant.visa_needed h1b → j1"
	assert_equal "$(commit_count)" 2
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
	assert_equal "$(git -C "$RF_DIR" diff --stat HEAD~1 --format= | tail -1)" " 1 file changed, 1 insertion(+), 1 deletion(-)"
	run --separate-stderr git -C "$RF_DIR" fsck --strict --no-dangling
	assert_success
	assert_refused "rf-set: applicant.visa_needed: 'martian' is not one of: h1b, j1, either, none (use --force to set it anyway)" \
		rf-set profile applicant.visa_needed=martian
	# --force cannot make a profile rf-score would refuse
	assert_refused "rf-set: profile.ini:11: applicant.visa_needed: 'martian' is not one of h1b, j1, either, none" \
		rf-set --force profile applicant.visa_needed=martian
	assert_refused "rf-set: unknown key weights.visas (did you mean weights.visa?) (use --force to set it anyway)" \
		rf-set profile weights.visas=2
	assert_refused "rf-set: weights.visa: 'heavy' is not a number (use --force to set it anyway)" \
		rf-set profile weights.visa=heavy
	# weights and the applicant's own deal-breakers, in one commit
	run --separate-stderr rf-set profile.ini weights.supervision=2 dealbreakers.supervision.solo_high_risk=yes
	assert_success
	assert_equal "$(git -C "$RF_DIR" log -1 --format=%B)" "set profile: 2 changes

weights.supervision 1 → 2
dealbreakers.supervision.solo_high_risk (none) → yes"
	assert_equal "$(ini_get "$RF_DIR/profile.ini" "dealbreakers:supervision.solo_high_risk")" "yes"
}

@test "rf-set profile in a notes directory without one says how to make it" {
	mkdir -p "$RF_DIR"
	git -C "$RF_DIR" init -q
	assert_refused "rf-set: profile.ini: no profile in $RF_DIR (create it with rf-init)" \
		rf-set profile applicant.visa_needed=j1
}

@test "a hand-written deal-breaker that contradicts visa_needed: rf-check reports it, rf-set warns" {
	rf-init >/dev/null
	rf-set profile dealbreakers.visa.h1b=no >/dev/null
	run --separate-stderr rf-check
	assert_success
	line=$(grep -n '^visa.h1b = no$' "$RF_DIR/profile.ini" | cut -d: -f1)
	run --separate-stderr rf-set profile applicant.visa_needed=j1
	assert_success
	assert_equal "$stderr" "rf-set: warning: profile.ini:$line: deal-breaker visa.h1b = no contradicts applicant.visa_needed = j1: rules.ini counts visa.h1b only for visa_needed:h1b or visa_needed:either"
	run --separate-stderr rf-check
	assert_equal "$status" 1
	assert_output "profile.ini:$line: deal-breaker visa.h1b = no contradicts applicant.visa_needed = j1: rules.ini counts visa.h1b only for visa_needed:h1b or visa_needed:either"
	rf-set profile applicant.visa_needed=either 2>/dev/null
	run --separate-stderr rf-check
	assert_equal "$status" 1
	assert_output "profile.ini:$line: deal-breaker visa.h1b = no contradicts applicant.visa_needed = either: rules.ini rules a program out only when every group of best_of.sponsorship has a deal-breaker"
	# the applicant's own deal-breaker still applies: it is theirs
	rf-new -s visa.h1b=no -s visa.j1=yes "J only" >/dev/null
	assert_equal "$(rf-score --format tsv | awk -F'\t' 'NR == 2 { print $6 }')" dealbreaker
}
