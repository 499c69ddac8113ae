#!/usr/bin/env bats
# rf-rank: the rank order list (ranks.txt): its changes, one commit each;
# the NRMP's and the article's checks, each an exact line; its history;
# rf-score's rank column; the one-time migration of program.rank; bad input.
load helper

# Rules of the notes directory's own, so that risks here do not follow
# the shipped rules: four scored questions in four domains.
setup() {
	setup_rf_env
	rf-init >/dev/null
	cat >"$RF_DIR/rules.ini" <<-'EOF'
		[defaults]
		unknown = 0.25
		vague = 4
		red = 5
		[outcomes]
		forced_to_dr = yes:10, no:0
		[supervision]
		solo_high_risk = yes:10, no:0
		[culture]
		retaliation = yes:10, no:0
		[workload]
		stays_late_routinely = yes:6, no:0
		[pattern]
		domains = 3
		points = 10
		[tiers]
		low = 0
		guarded = 5
		high = 20
		severe = 35
	EOF
	rf-commit >/dev/null
}

# prog NAME [section.key=value...]: a note, interviewed unless said otherwise.
prog() {
	local name=$1 a=()
	shift
	for kv; do a+=(-s "$kv"); done
	rf-new -s program.status=interviewed "${a[@]}" "$name" >/dev/null
}

PATTERN=(outcomes.forced_to_dr=yes supervision.solo_high_risk=yes culture.retaliation=yes)

# The list body after rf's comment block.
body() {
	grep -v '^#' "$RF_DIR/ranks.txt"
}

# Write ranks.txt by hand: the lines given.
write_list() {
	printf '%s\n' "$@" >"$RF_DIR/ranks.txt"
}

# A note file copied under n names (p1 ... pN), quicker than rf-new.
copies() {
	local n=$1 i
	prog "Base" program.position=categorical
	for ((i = 1; i <= n; i++)); do cp "$RF_DIR/base.ini" "$RF_DIR/p$i.ini"; done
}

@test "rf-rank add, move, remove: one commit each, named by its move; the file keeps every other byte" {
	prog Crestview
	prog Lakeside
	prog Summit
	prog "Mercy General"
	run rf-rank add crestview
	assert_success
	assert_output "+ crestview at 1"
	rf-rank add lakeside >/dev/null
	rf-rank add summit >/dev/null
	# A comment of the user's, on its own line and after a program.
	sed -i 's/^lakeside$/lakeside  # visa answers pending/' "$RF_DIR/ranks.txt"
	printf '# my own note\n' >>"$RF_DIR/ranks.txt"
	rf-commit -m "my comments" >/dev/null
	run --separate-stderr rf-rank add mercy 2
	assert_success
	assert_output "+ mercy-general at 2"
	assert_equal "$(last_subject)" "rank: + mercy-general at 2"
	run rf-rank move summit 1
	assert_output "summit 4 → 1"
	assert_equal "$(last_subject)" "rank: summit 4 → 1"
	run rf-rank move crestview 4
	assert_output "crestview 2 → 4"
	run rf-rank remove mercy
	assert_output "- mercy-general (was 2)"
	assert_equal "$(last_subject)" "rank: - mercy-general (was 2)"
	assert_equal "$(body)" $'summit\nlakeside  # visa answers pending\ncrestview'
	assert_equal "$(tail -1 "$RF_DIR/ranks.txt")" "# my own note"
	assert_equal "$(head -c 40 "$RF_DIR/ranks.txt")" "# Rank order list: one program per line "
	assert_equal "$(git -C "$RF_DIR" log --format=%s -8 | grep -c '^rank: ')" 7
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
	run git -C "$RF_DIR" fsck --strict
	assert_success
	# git diff of a move is a line moved, as the file is one program per line.
	run git -C "$RF_DIR" diff HEAD~2 HEAD~1 -- ranks.txt
	assert_line "-crestview"
	assert_line "+crestview"
}

@test "a move to the place it has, or an attach already made, commits nothing" {
	prog Crestview
	rf-rank add crestview >/dev/null
	local before
	before=$(notes_state)
	run rf-rank move crestview 1
	assert_success
	assert_output "no change"
	assert_equal "$(notes_state)" "$before"
}

@test "supplemental lists: add --list makes one, attach names the advanced programs, detach and remove undo" {
	prog "Metro IR" program.track=ir-integrated program.position=advanced
	prog "City IR" program.track=ir-integrated program.nrmp_code=1234415A0
	prog "St Joe" program.position=preliminary
	prog "County TY" program.nrmp_code=4321999P0
	rf-rank add metro >/dev/null
	rf-rank add city >/dev/null
	run rf-rank add --list prelims st-joe
	assert_success
	assert_line --index 0 "new supplemental list prelims"
	assert_line --index 1 "prelims: + st-joe at 1"
	assert_equal "$(last_subject)" "rank: new supplemental list prelims, prelims: + st-joe at 1"
	rf-rank add --list prelims county 1 >/dev/null
	run rf-rank attach prelims metro city
	assert_output $'prelims attached to metro-ir\nprelims attached to city-ir'
	assert_equal "$(body)" $'metro-ir\ncity-ir\n\n[supplemental prelims] for metro-ir, city-ir\ncounty-ty\nst-joe'
	run rf-rank show
	assert_success
	assert_output - <<-'EOF'
		rank  program   track          position  risk  tier  marks  unknowns  status
		   1  metro-ir  ir-integrated  advanced     1  low                 4  interviewed
		   2  city-ir   ir-integrated  advanced     1  low                 4  interviewed

		supplemental prelims, for metro-ir, city-ir
		rank  program    track  position      risk  tier  marks  unknowns  status
		   1  county-ty         transitional     1  low                 4  interviewed
		   2  st-joe            preliminary      1  low                 4  interviewed
	EOF
	run rf-rank detach prelims city
	assert_line --index 0 "prelims detached from city-ir"
	assert_line --partial "rank 2 city-ir: warning: an advanced program with no supplemental list attached"
	# Off the primary list, off the attachments too.
	run rf-rank remove metro
	assert_line --index 0 "- metro-ir (was 1)"
	assert_line --index 1 "prelims detached from metro-ir"
	assert_equal "$(sed -n '/^\[/p' "$RF_DIR/ranks.txt")" "[supplemental prelims]"
	run rf-rank remove --list prelims st-joe
	assert_output --partial "prelims: - st-joe (was 2)"
}

@test "rf-rank --format tsv, csv and json carry the same rows, jq reads them" {
	prog "Metro IR" program.track=ir-integrated program.position=advanced
	prog "St Joe" program.position=preliminary
	rf-rank add metro >/dev/null
	rf-rank add --list prelims st-joe >/dev/null
	rf-rank attach prelims metro >/dev/null
	run rf-rank --format tsv
	assert_output $'list\trank\tprogram\ttrack\tposition\trisk\ttier\tmarks\tunknowns\tstatus\tsupplemental\nprimary\t1\tmetro-ir\tir-integrated\tadvanced\t1\tlow\t\t4\tinterviewed\tprelims\nprelims\t1\tst-joe\t\tpreliminary\t1\tlow\t\t4\tinterviewed\t'
	run rf-rank show --format csv
	assert_line --index 1 $'primary,1,metro-ir,ir-integrated,advanced,1,low,,4,interviewed,prelims\r'
	rf-rank --format json >"$BATS_TEST_TMPDIR/json"
	assert_equal "$(jq -r '.[] | [.list, .rank, .program, .supplemental // "-"] | @tsv' "$BATS_TEST_TMPDIR/json")" \
		$'primary\t1\tmetro-ir\tprelims\nprelims\t1\tst-joe\t-'
	run rf-rank check --format json
	assert_success
	assert_output "[]"
}

# ---- the NRMP's rules ----

@test "check: a list of 301 ranks is an error" {
	copies 301
	write_list $(seq -f 'p%g' 301)
	run --separate-stderr rf-rank check
	assert_failure 1
	assert_line "rank 301 p301: error: 301 ranks on the primary list, more than the 300 the NRMP takes [nrmp-300-ranks]"
	assert_equal "$(grep -c 'nrmp-300-ranks' <<<"$output")" 1
	# rf-rank add refuses the 301st.
	write_list $(seq -f 'p%g' 300)
	assert_refused "rf-rank: the primary list already holds 300 programs, the most the NRMP takes" rf-rank add base
}

@test "check: the 21st unique program on the primary list is a warning with the count over" {
	copies 21
	write_list $(seq -f 'p%g' 20)
	run rf-rank check
	assert_success
	assert_output ""
	write_list $(seq -f 'p%g' 21)
	run rf-rank check
	assert_failure 1
	assert_output "rank 21 p21: warning: 21 unique programs on the primary list, 1 more than the 20 the fee covers (each costs extra) [nrmp-fee]"
	# The covered number is the profile's: fees change by year.
	sed -i 's/^fee_covered = 20$/fee_covered = 25/' "$RF_DIR/profile.ini"
	run rf-rank check
	assert_success
}

@test "check: 21 unique programs across the supplemental lists are a warning; one on two lists counts once" {
	copies 21
	prog "Metro IR" program.position=advanced
	sed -i 's/^position = categorical/position = preliminary/' "$RF_DIR"/p*.ini
	write_list metro-ir '[supplemental a] for metro-ir' $(seq -f 'p%g' 11) '[supplemental b]' p1 $(seq -f 'p%g' 12 20)
	run rf-rank check
	assert_line --index 0 "b: warning: attached to no advanced program, so R3 would never use it (rf-rank attach b ADVANCED) [nrmp-attach]"
	assert_equal "${#lines[@]}" 1
	write_list metro-ir '[supplemental a] for metro-ir' $(seq -f 'p%g' 11) '[supplemental b] for metro-ir' $(seq -f 'p%g' 12 21)
	run rf-rank check
	assert_failure 1
	assert_line "b rank 10 p21: warning: 21 unique programs on the supplemental lists, 1 more than the 20 the fee covers (each costs extra) [nrmp-fee]"
	assert_line "b: error: metro-ir is attached to a too: R3 links one supplemental list to an advanced program [nrmp-attach]"
}

@test "check: an advanced program without a supplemental list is a warning, gone once one is attached" {
	prog "Metro IR" program.position=advanced
	prog "City IR" program.nrmp_code=1234415A0
	prog "St Joe" program.position=transitional
	rf-rank add metro >/dev/null
	rf-rank add city >/dev/null
	run rf-rank check
	assert_failure 1
	assert_output - <<-'EOF'
		rank 1 metro-ir: warning: an advanced program with no supplemental list attached: you could match its PGY-2 year and have no PGY-1 year (rf-rank attach LIST metro-ir) [nrmp-no-pgy1]
		rank 2 city-ir: warning: an advanced program with no supplemental list attached: you could match its PGY-2 year and have no PGY-1 year (rf-rank attach LIST city-ir) [nrmp-no-pgy1]
	EOF
	rf-rank add --list pgy1 st-joe >/dev/null
	rf-rank attach pgy1 metro city >/dev/null
	run rf-rank check
	assert_success
	assert_output ""
}

@test "check: a categorical program on a supplemental list is an error; add --list refuses one" {
	prog "Metro IR" program.position=advanced
	prog "Mercy General" program.position=categorical
	prog Odd
	write_list metro-ir '[supplemental prelims] for metro-ir' mercy-general odd
	run rf-rank check
	assert_failure 1
	assert_output - <<-'EOF'
		prelims rank 1 mercy-general: error: a categorical program on a supplemental list, which takes preliminary and transitional programs only [nrmp-supplemental]
		prelims rank 2 odd: warning: position unknown on a supplemental list (rf-set odd program.position=preliminary, or transitional) [nrmp-supplemental]
	EOF
	write_list metro-ir '[supplemental prelims] for metro-ir'
	rf-commit >/dev/null
	assert_refused "rf-rank: mercy-general is a categorical program: a supplemental list takes preliminary and transitional programs (program.position)" \
		rf-rank add --list prelims mercy
}

@test "check: a program listed twice is an error; rf-rank add refuses it" {
	prog Crestview
	prog Summit
	write_list crestview summit crestview
	run rf-rank check
	assert_failure 1
	assert_output "rank 3 crestview: error: listed twice on the primary list (also rank 1) [nrmp-twice]"
	rf-commit >/dev/null
	assert_refused "rf-rank: crestview is already rank 1 on the primary list (rf-rank move changes its rank)" rf-rank add crest
	assert_refused "rf-rank: crestview is on the primary list more than once (ranks 1 and 3): rf-rank remove it, or rf-rank edit" \
		rf-rank move crestview 2
}

@test "check: a withdrawn program is an error, one not interviewed a warning" {
	prog Summit program.status=withdrawn
	prog Lakeside program.status=invited
	prog Crestview
	rf-rank add summit >/dev/null
	rf-rank add lakeside >/dev/null
	rf-rank add crestview >/dev/null
	run rf-rank check
	assert_failure 1
	assert_output - <<-'EOF'
		rank 1 summit: error: withdrawn (program.status = withdrawn): it will not rank you [nrmp-withdrawn]
		rank 2 lakeside: warning: not interviewed (program.status = invited): programs rank only applicants they interviewed [nrmp-not-interviewed]
	EOF
}

@test "check: a program with no note, and one whose note does not parse, are errors" {
	prog Crestview
	prog Summit
	write_list crestview ghost summit
	printf '[visa\n' >>"$RF_DIR/summit.ini"
	local line
	line=$(wc -l <"$RF_DIR/summit.ini")
	run rf-rank check
	assert_failure 1
	assert_output - <<-EOF
		rank 2 ghost: error: no note ghost.ini (rf-new makes one; rf-rank remove takes it off) [no-note]
		rank 3 summit: error: its note does not parse: summit.ini:$line: section header without its closing ']' [no-note]
	EOF
	# A program with no note can still be taken off by its slug.
	git -C "$RF_DIR" checkout -q summit.ini
	rf-commit >/dev/null
	run rf-rank remove ghost
	assert_success
	assert_output "- ghost (was 2)"
}

@test "check: NRMP code and position that disagree are a warning" {
	prog "Metro IR" program.position=categorical program.nrmp_code=1234415A0
	rf-rank add metro >/dev/null
	run rf-rank check
	assert_output "rank 1 metro-ir: warning: program.position is categorical, but program.nrmp_code 1234415A0 is an advanced code [nrmp-code]"
}

# ---- the article ----

@test "check: a pattern or deal-breaker program ranked first is a warning" {
	prog Crestview "${PATTERN[@]}"
	prog Summit workload.stays_late_routinely=yes
	prog Lakeside
	sed -i 's/^\[dealbreakers\]$/&\nworkload.stays_late_routinely = yes/' "$RF_DIR/profile.ini"
	write_list crestview lakeside
	run rf-rank check
	assert_failure 1
	assert_output "rank 1 crestview: warning: a pattern program ranked first (red answers in 3 domains) [malignant-first]"
	write_list summit lakeside
	run rf-rank check
	assert_output "rank 1 summit: warning: a deal-breaker program ranked first (workload.stays_late_routinely = yes) [malignant-first]"
	write_list lakeside crestview
	run rf-rank check
	assert_success
}

@test "check: a pattern or severe integrated-IR program above a lower-risk DR or DR-ESIR program is a warning naming both" {
	prog Lakeside program.track=dr-esir
	prog "Metro IR" program.track=ir-integrated "${PATTERN[@]}"
	# Severe (28, with the tiers below) in two domains: no pattern.
	sed -i 's/^severe = 35$/severe = 25/' "$RF_DIR/rules.ini"
	prog "City IR" program.track=ir-integrated outcomes.forced_to_dr=yes supervision.solo_high_risk=yes \
		workload.stays_late_routinely=vague culture.retaliation=vague
	prog Summit program.track=dr "${PATTERN[@]}"
	write_list lakeside metro-ir city-ir summit
	run rf-rank check
	assert_success
	write_list metro-ir city-ir summit lakeside
	run rf-rank check --explain
	assert_failure 1
	assert_output - <<-'EOF'
		rank 1 metro-ir: warning: a pattern program ranked first (red answers in 3 domains) [malignant-first]
		    article: "Do not rank a clearly malignant program first just because it is your only IR option."
		rank 1 metro-ir: warning: a pattern integrated-IR program ranked above lakeside (rank 4, dr-esir, risk 1 against 40.25) [dr-safer]
		    article: "Sometimes, a high-quality DR program is a safer route than a malignant integrated IR program."
		rank 2 city-ir: warning: a severe integrated-IR program ranked above lakeside (rank 4, dr-esir, risk 1 against 28) [dr-safer]
		    article: "Sometimes, a high-quality DR program is a safer route than a malignant integrated IR program."
	EOF
}

@test "check: a top-3 program with more open questions than the profile allows is a warning with the rf-ask line" {
	prog Crestview
	prog Lakeside outcomes.forced_to_dr=no
	prog Summit
	prog Metro
	write_list crestview lakeside summit metro
	run rf-rank check
	assert_success
	sed -i 's/^open_questions = 10$/open_questions = 3/' "$RF_DIR/profile.ini"
	run rf-rank check
	assert_failure 1
	assert_output - <<-'EOF'
		rank 1 crestview: warning: 4 open questions in your top 3 (more than 3): rf-ask crestview [open-questions]
		rank 3 summit: warning: 4 open questions in your top 3 (more than 3): rf-ask summit [open-questions]
	EOF
	# Vague is open too (the article: vague answers downgrade a program).
	rf-set lakeside outcomes.forced_to_dr=vague >/dev/null
	run rf-rank check
	assert_line "rank 2 lakeside: warning: 4 open questions in your top 3 (more than 3): rf-ask lakeside [open-questions]"
}

@test "check: open [conflicts] are a warning and a mark" {
	prog Crestview
	printf '[conflicts]\nvisa.h1b = yes ; from the laptop\n' >>"$RF_DIR/crestview.ini"
	write_list crestview
	run rf-rank check
	assert_output "rank 1 crestview: warning: 1 answer in [conflicts] still to decide (rf-edit crestview) [conflicts]"
	run rf-rank --format tsv
	assert_line --index 1 $'primary\t1\tcrestview\t\tunknown\t1\tlow\tconflict\t4\tinterviewed\t'
}

@test "the findings come after every change and in show; check is read-only" {
	prog Crestview "${PATTERN[@]}"
	run rf-rank add crestview
	assert_output $'+ crestview at 1\nrank 1 crestview: warning: a pattern program ranked first (red answers in 3 domains) [malignant-first]'
	run rf-rank show
	assert_line --index 2 "rank 1 crestview: warning: a pattern program ranked first (red answers in 3 domains) [malignant-first]"
	local before
	before=$(notes_state)
	rf-rank check >/dev/null || true
	rf-rank show --explain >/dev/null
	rf-rank log >/dev/null
	rf-rank diff HEAD~1 >/dev/null || true
	assert_equal "$(notes_state)" "$before"
}

# ---- history ----

# A season with fixed dates: each step at its own time.
at() {
	export GIT_AUTHOR_DATE="$1T20:00:00Z" GIT_COMMITTER_DATE="$1T20:00:00Z"
}

@test "a scripted season: rf-rank log and rf-rank diff show the moves, hand edits and rf-rank edit too" {
	at 2027-01-02
	prog Crestview program.track=ir-integrated
	prog Lakeside program.track=dr-esir
	prog Summit program.track=dr
	prog Metro program.track=ir-integrated
	at 2027-01-05
	for p in crestview lakeside summit metro; do rf-rank add $p >/dev/null; done
	at 2027-01-09
	rf-rank move summit 1 >/dev/null
	at 2027-01-12
	# By hand in any editor, then rf-commit: crestview to the end.
	printf '%s\n' summit lakeside metro crestview >"$RF_DIR/ranks.txt"
	rf-commit >/dev/null
	assert_equal "$(last_subject)" "edit ranks.txt: crestview 2 → 4"
	at 2027-01-15
	# rf-rank edit, with an editor that puts metro first.
	cat >"$BATS_TEST_TMPDIR/editor" <<-'EOF'
		#!/bin/sh
		printf '%s\n' metro summit lakeside crestview >"$1"
	EOF
	chmod +x "$BATS_TEST_TMPDIR/editor"
	EDITOR="$BATS_TEST_TMPDIR/editor" run rf-rank edit
	assert_success
	assert_output "metro 3 → 1"
	assert_equal "$(last_subject)" "rank: metro 3 → 1"
	at 2027-01-18
	rf-rank remove lakeside >/dev/null
	# Uncommitted: lakeside back at the end, by hand.
	printf 'lakeside\n' >>"$RF_DIR/ranks.txt"
	run rf-rank log
	assert_success
	local ids
	mapfile -t ids < <(git -C "$RF_DIR" log --format=%h -- ranks.txt)
	assert_output - <<-EOF
		working tree              + lakeside at 4
		${ids[0]} 2027-01-18 20:00  - lakeside (was 3)
		${ids[1]} 2027-01-15 20:00  metro 3 → 1
		${ids[2]} 2027-01-12 20:00  crestview 2 → 4
		${ids[3]} 2027-01-09 20:00  summit 3 → 1
		${ids[4]} 2027-01-05 20:00  + metro at 4
		${ids[5]} 2027-01-05 20:00  + summit at 3
		${ids[6]} 2027-01-05 20:00  + lakeside at 2
		${ids[7]} 2027-01-05 20:00  + crestview at 1
	EOF
	run rf-rank log --format tsv
	assert_line --index 0 $'commit\tdate\tlist\tchange\tprogram\tfrom\tto'
	assert_line --index 1 $'\t\tprimary\tadded\tlakeside\t\t4'
	assert_line --index 4 "$(git -C "$RF_DIR" rev-parse "${ids[2]}")"$'\t2027-01-12T20:00:00+00:00\tprimary\tmoved\tcrestview\t2\t4'
	# From the last commit of 2027-01-10 to the work tree: metro moved
	# up, the others only made room.
	run rf-rank diff 2027-01-10
	assert_failure 1
	assert_output - <<-EOF
		ranks.txt: ${ids[3]} (2027-01-09) → working tree
		then  now  program    move   risk then  risk now
		   4    1  metro      4 → 1          1         1
		   1    2  summit                    1         1
		   2    3  crestview                 1         1
		   3    4  lakeside                  1         1
	EOF
	run rf-rank diff 2027-01-10 2027-01-12
	assert_output --partial "   2    4  crestview  2 → 4"
	run rf-rank diff HEAD HEAD
	assert_success
	assert_output ""
}

@test "rf-rank diff shows the risk then and now, read from the notes at each version" {
	at 2027-01-05
	prog Crestview
	rf-rank add crestview >/dev/null
	at 2027-01-08
	rf-set crestview culture.retaliation=yes >/dev/null
	prog Lakeside
	rf-rank add lakeside 1 >/dev/null
	run rf-rank diff --format csv 2027-01-06
	assert_failure 1
	assert_equal "${output//$'\r'/}" "list,program,rank_then,rank_now,change,risk_then,risk_now
primary,lakeside,,1,added,,1
primary,crestview,1,2,,1,10.75"
	run rf-rank show --at 2027-01-06
	assert_output $'rank  program    track  position  risk  tier  marks  unknowns  status\n   1  crestview         unknown      1  low                 4  interviewed'
}

# ---- rf-score reads the list; program.rank is taken in once ----

# The rank column of rf-score, "slug:rank" sorted by slug.
score_ranks() {
	rf-score --format tsv "$@" | awk -F'\t' 'NR > 1 { print $2 ":" $1 }' | sort | tr '\n' ' '
}

@test "rf-score's rank column is the list's, after add, move and remove, now and --at" {
	prog Crestview
	prog Lakeside
	prog Summit
	rf-rank add crestview >/dev/null
	rf-rank add lakeside >/dev/null
	assert_equal "$(score_ranks)" "crestview:1 lakeside:2 summit: "
	rf-rank add summit 1 >/dev/null
	assert_equal "$(score_ranks)" "crestview:2 lakeside:3 summit:1 "
	rf-rank move crestview 3 >/dev/null
	assert_equal "$(score_ranks)" "crestview:3 lakeside:2 summit:1 "
	assert_equal "$(score_ranks lakeside)" "lakeside:2 "
	rf-rank remove summit >/dev/null
	assert_equal "$(score_ranks)" "crestview:2 lakeside:1 summit: "
	assert_equal "$(score_ranks --at HEAD~1)" "crestview:3 lakeside:2 summit:1 "
	assert_equal "$(rf-rank --format tsv | awk -F'\t' 'NR > 1 { print $3 ":" $2 }' | sort | tr '\n' ' ')" \
		"crestview:2 lakeside:1 "
}

@test "program.rank values are taken into the list once, with a commit of their own, then no longer read" {
	prog Crestview program.rank=2
	prog Lakeside program.rank=1
	rf-new -f -s program.status=interviewed -s program.rank=first Summit >/dev/null
	prog Metro
	# Before the file exists every command shows the list they make.
	run --separate-stderr rf-rank
	assert_success
	assert_equal "$stderr" "rf-rank: warning: summit.ini: program.rank 'first' is not a rank (a number from 1) (left off the list)
rf-rank: no ranks.txt yet: this list is made from program.rank in 2 notes; the first rf-rank change writes it"
	assert_line --index 1 --regexp '^   1  lakeside '
	assert_equal "$(score_ranks)" "crestview:2 lakeside:1 metro: summit: "
	assert_file_not_exists "$RF_DIR/ranks.txt"
	run --separate-stderr rf-rank add metro
	assert_success
	assert_equal "$stderr" "rf-rank: warning: summit.ini: program.rank 'first' is not a rank (a number from 1) (left off the list)
rf-rank: ranks.txt made from program.rank of 2 notes (lakeside 1, crestview 2); from now on only ranks.txt counts"
	assert_output "+ metro at 3"
	assert_equal "$(git -C "$RF_DIR" log --format=%B -1 HEAD~1)" $'rank: list made from program.rank of 2 notes\n\n+ lakeside at 1\n+ crestview at 2'
	assert_equal "$(body)" $'lakeside\ncrestview\nmetro'
	# No longer read: a new program.rank changes nothing, and rf-set says so.
	sed -i 's/^rank = 2$/rank = 9/' "$RF_DIR/crestview.ini"
	assert_equal "$(score_ranks)" "crestview:2 lakeside:1 metro:3 summit: "
	rf-commit >/dev/null
	assert_refused "rf-set: program.rank is no longer read: ranks.txt holds your ranks (rf-rank move lakeside N; --force sets it anyway)" \
		rf-set lakeside program.rank=3
	run rf-rank add summit
	assert_success
	assert_equal "$(git -C "$RF_DIR" log --format=%s | grep -c 'made from program.rank')" 1
}

# ---- bad input ----

@test "bad input: an unknown subcommand or program, a rank out of range or not a number: exit 2, one line, nothing written" {
	prog Crestview
	prog Lakeside
	rf-rank add crestview >/dev/null
	assert_refused "rf-rank: 'frob' is not an rf-rank subcommand" rf-rank frob
	assert_refused "rf-rank: no such program 'nosuch'" rf-rank add nosuch
	assert_refused "rf-rank: no such program 'nosuch'" rf-rank move nosuch 1
	assert_refused "rf-rank: lakeside is not on the primary list" rf-rank remove lakeside
	assert_refused "rf-rank: rank 3 is out of range: the primary list has 1 program (1 to 2)" rf-rank add lakeside 3
	assert_refused "rf-rank: rank 2 is out of range: the primary list has 1 program (1 to 1)" rf-rank move crestview 2
	assert_refused "rf-rank: '0' is not a rank (a whole number from 1)" rf-rank add lakeside 0
	assert_refused "rf-rank: 'two' is not a rank (a whole number from 1)" rf-rank move crestview two
	assert_refused "rf-rank: no supplemental list prelims in ranks.txt" rf-rank move --list prelims crestview 1
	assert_refused "rf-rank: no supplemental list prelims in ranks.txt (rf-rank add --list prelims PROGRAM makes one)" \
		rf-rank attach prelims crestview
	assert_refused "rf-rank: 'Bad List' cannot name a supplemental list" rf-rank add --list 'Bad List' lakeside
	assert_refused "rf-rank: --list does not go with show" rf-rank --list prelims show
	assert_refused "rf-rank: --at does not go with add" rf-rank --at HEAD add lakeside
	local before
	before=$(notes_state)
	run --separate-stderr rf-rank add --at HEAD lakeside
	assert_failure 2
	[[ $stderr == "rf-rank: unrecognized option '--at'"* ]] || fail "$stderr"
	assert_equal "$(notes_state)" "$before"
	assert_refused "rf-rank: HEAD~9" rf-rank show --at HEAD~9
}

@test "bad input: attach refuses a program not on the list or not advanced" {
	prog Crestview program.position=categorical
	prog Metro program.position=advanced
	prog "St Joe" program.position=preliminary
	rf-rank add crestview >/dev/null
	rf-rank add --list prelims st-joe >/dev/null
	assert_refused "rf-rank: metro is not on the primary list (rf-rank add metro first)" rf-rank attach prelims metro
	assert_refused "rf-rank: crestview is categorical, not an advanced program" rf-rank attach prelims crestview
	rf-rank add metro >/dev/null
	assert_refused "rf-rank: supplemental list prelims is not attached to metro" rf-rank detach prelims metro
}

@test "bad input: a malformed list file is named by its line, and nothing is written" {
	prog Crestview
	rf-rank add crestview >/dev/null
	printf 'Mercy General\n' >>"$RF_DIR/ranks.txt"
	local line
	line=$(wc -l <"$RF_DIR/ranks.txt")
	local msg="ranks.txt:$line: 'Mercy General' is not a program: write one slug per line (like mercy-general), then at most a # comment"
	assert_refused "rf-rank: $msg" rf-rank
	assert_refused "rf-rank: $msg" rf-rank check
	assert_refused "rf-rank: $msg" rf-rank add crestview
	assert_refused "rf-rank: $msg" rf-rank move crestview 1
	# rf-check names it too; rf-score still scores (its rank column empty).
	run rf-check
	assert_failure 1
	assert_output "$msg"
	run --separate-stderr rf-score
	assert_success
	assert_equal "$stderr" "rf-score: $msg"
	assert_line --index 1 --regexp '^      crestview '
	# The log shows that version as it is.
	run rf-rank log
	assert_line --index 0 "working tree              does not parse (line $line)"
	# Other shapes.
	printf '[supplemental]\n' >"$RF_DIR/ranks.txt"
	assert_refused "ranks.txt:1: expected '[supplemental NAME]' (then 'for ADVANCED, ...'), not '[supplemental]'" rf-rank
	printf 'crestview.ini\n' >"$RF_DIR/ranks.txt"
	assert_refused "ranks.txt:1: 'crestview.ini' is a file name: write the program's slug, crestview" rf-rank
	printf '[supplemental a]\nx\n[supplemental a]\n' >"$RF_DIR/ranks.txt"
	assert_refused "ranks.txt:3: supplemental list a already begins on line 1" rf-rank
}

@test "rf-rank edit: a list that no longer parses is committed with a warning; an untouched new list is not kept" {
	prog Crestview
	EDITOR=true run rf-rank edit
	assert_success
	assert_output "no changes"
	assert_file_not_exists "$RF_DIR/ranks.txt"
	cat >"$BATS_TEST_TMPDIR/editor" <<-'EOF'
		#!/bin/sh
		printf 'crestview\nNot A Slug\n' >"$1"
	EOF
	chmod +x "$BATS_TEST_TMPDIR/editor"
	EDITOR="$BATS_TEST_TMPDIR/editor" run --separate-stderr rf-rank edit
	assert_success
	assert_equal "$stderr" "rf-rank: warning: ranks.txt:2: 'Not A Slug' is not a program: write one slug per line (like mercy-general), then at most a # comment (committed anyway; rf-rank edit to fix it)"
	assert_equal "$(last_subject)" "rank: does not parse (line 2)"
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
	# A failing editor: nothing committed.
	EDITOR=false run --separate-stderr rf-rank edit
	assert_failure 2
	assert_equal "$(last_subject)" "rank: does not parse (line 2)"
}

@test "rf-check: program.position and program.nrmp_code are checked; the list file is not a note" {
	prog Crestview program.nrmp_code=1234420A0 program.position=advanced
	run rf-check
	assert_success
	run rf-set crestview program.nrmp_code=12344A0
	assert_failure 2
	assert_output --partial "'12344A0' is not an NRMP program code"
	run rf-set crestview program.position=pgy2
	assert_failure 2
	rf-rank add crestview >/dev/null
	# ranks.txt is neither listed nor named as a program.
	run rf-score --format tsv
	assert_equal "${#lines[@]}" 2
	assert_refused "no such program 'ranks'" rf-edit ranks
}
