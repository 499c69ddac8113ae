#!/usr/bin/env bats
load helper

# Answers that are good (0 points) for a handful of keys in several domains.
GOOD=(-s visa.h1b=yes -s visa.policy_written=yes -s outcomes.forced_to_dr=no
	-s supervision.solo_high_risk=no -s culture.abusive_teaching=no -s workload.hours_per_week=55)

# The risk column of a program in tsv.
risk_of() {
	rf-score --format tsv | awk -F'\t' -v p="$1" '$2 == p { print $4 }'
}

# Programs in ranking order, one line.
order() {
	rf-score --format tsv "$@" | awk -F'\t' 'NR > 1 { printf "%s ", $2 }'
}

@test "rf-score: a PD's 'never sponsored an H-1B for IR, but we could try' scores above a written H-1B policy" {
	rf-init >/dev/null
	rf-new -s visa.h1b_for_ir_before=no "Never Sponsored" >/dev/null
	run rf-quote -w pd never-sponsored "We've never sponsored an H-1B for IR before, but we could try"
	assert_success
	rf-new -s visa.policy_written=yes -s visa.h1b_for_ir_before=yes "Written Policy" >/dev/null
	never=$(risk_of never-sponsored)
	written=$(risk_of written-policy)
	# 8 for the answer, 6 + 4 for the two phrases, 0.25 for the unknown policy_written
	assert_equal "$(echo "$never - $written" | bc)" "18.25"
	assert_equal "$(order)" "written-policy never-sponsored "
	run --separate-stderr rf-score --explain never-sponsored --format tsv
	assert_success
	assert_line --partial $'visa\tvisa.h1b_for_ir_before\tno\tno:8\t8\t1\t8'
	assert_line --partial $'quotes\tquotes.2026-12-05 pd\tnever sponsored\t"never sponsored"\t6\t1\t6'
	assert_line --partial $'quotes\tquotes.2026-12-05 pd\tbut we could try\t"but we could try"\t4\t1\t4'
}

@test "rf-score: one negative forum report with good answers scores below red answers in 3 domains, only those marked pattern" {
	rf-init >/dev/null
	rf-new "${GOOD[@]}" -s sources.forum_negative_reports=1 "Forum Report" >/dev/null
	rf-new -s supervision.solo_high_risk=yes -s culture.abusive_teaching=yes \
		-s workload.hours_per_week=85 "Three Domains" >/dev/null
	forum=$(risk_of forum-report)
	three=$(risk_of three-domains)
	assert_equal "$(echo "$forum < $three" | bc)" 1
	assert_equal "$(order)" "forum-report three-domains "
	run --separate-stderr rf-score --format tsv
	assert_success
	assert_line --index 1 --regexp $'^\tforum-report\t\t[0-9.]+\t[a-z]+\t\t\t'
	assert_line --index 2 --regexp $'^\tthree-domains\t\t[0-9.]+\t[a-z]+\tpattern\tworkload,supervision,culture\t'
	run --separate-stderr rf-score --explain three-domains --format tsv
	assert_line $'pattern\tpattern\t3 domains\t>=3 domains\t10\t1\t10'
}

@test "rf-score: visa_needed = h1b makes visa.h1b = no a deal-breaker that sorts last despite a lower risk" {
	rf-init >/dev/null
	rf-new -s visa.h1b=no "No Visa" >/dev/null
	rf-new -s supervision.solo_high_risk=yes -s culture.abusive_teaching=yes \
		-s workload.hours_per_week=85 "Risky" >/dev/null
	assert_equal "$(echo "$(risk_of no-visa) < $(risk_of risky)" | bc)" 1
	assert_equal "$(order)" "risky no-visa "
	for col in risk program unknowns green flagged marks; do
		assert_equal "$(order --sort "$col")" "risky no-visa "
	done
	run --separate-stderr rf-score --format tsv no-visa
	assert_line --index 1 --regexp $'^\tno-visa\t\t[0-9.]+\t[a-z]+\tdealbreaker\tvisa\t'
	run --separate-stderr rf-score --explain no-visa
	assert_success
	assert_line "deal-breaker: visa.h1b = no"
	# A profile that needs no visa: no deal-breaker, ordered by risk.
	sed -i 's/^visa_needed = h1b$/visa_needed = none/; s/^visa\.h1b = no$//' "$RF_DIR/profile.ini"
	assert_equal "$(order)" "no-visa risky "
}

# Three programs, one with a deal-breaker, a rank and a quote with a comma.
make_season() {
	rf-init >/dev/null
	rf-new -s program.rank=2 -s program.track=ir-integrated -s visa.h1b=yes "Alpha" >/dev/null
	rf-new -s program.rank=1 -s program.track=dr -s visa.h1b=no -s culture.retaliation=yes "Beta" >/dev/null
	rf-new -s supervision.solo_high_risk=yes -s culture.abusive_teaching=yes -s workload.hours_per_week=85 \
		-s green_flags.named_imgs=high --force "Gamma" >/dev/null
}

@test "rf-score: csv (python csv), tsv and json (jq) carry the same cells, and the table the same risks" {
	make_season
	rf-score --format tsv >"$BATS_TEST_TMPDIR/tsv"
	rf-score --format csv >"$BATS_TEST_TMPDIR/csv"
	rf-score --format json >"$BATS_TEST_TMPDIR/json"
	rf-score >"$BATS_TEST_TMPDIR/table"
	python3 - "$BATS_TEST_TMPDIR" <<-'PY'
		import csv, json, sys
		d = sys.argv[1]
		rows = list(csv.reader(open(d + "/csv", newline="")))
		tsv = [l.split("\t") for l in open(d + "/tsv").read().split("\n")[:-1]]
		assert rows == tsv, (rows, tsv)
		objs = json.load(open(d + "/json"))
		assert len(objs) == len(rows) - 1 == 3
		head = rows[0]
		assert head == ["rank", "program", "track", "risk", "tier", "marks", "flagged", "unknowns", "known", "green", "status"]
		for row, obj in zip(rows[1:], objs):
		    assert list(obj) == head, list(obj)
		    for k, cell in zip(head, row):
		        v = obj[k]
		        if v is None:
		            assert cell == "", (k, cell)
		        elif isinstance(v, (int, float)):
		            assert float(cell) == v, (k, cell, v)
		        else:
		            assert cell == v, (k, cell, v)
		table = open(d + "/table").read().split("\n")[:-1]
		assert len(table) == 4
		for line, row in zip(table[1:], rows[1:]):
		    # risk is the first number right after the program name (and track)
		    words = line.split()
		    i = words.index(row[1])
		    if row[2]:
		        assert words[i + 1] == row[2]
		        i += 1
		    assert words[i + 1] == row[3], (line, row)
	PY
	# jq reads the same numbers as the tsv
	assert_equal "$(jq -r '.[] | [.program, .risk, .unknowns, .green] | @tsv' "$BATS_TEST_TMPDIR/json")" \
		"$(awk -F'\t' 'NR > 1 { print $2 "\t" $4 "\t" $8 "\t" $10 }' "$BATS_TEST_TMPDIR/tsv")"
	assert_equal "$(jq -r '.[].program' "$BATS_TEST_TMPDIR/json" | tr '\n' ' ')" "alpha gamma beta "
	assert_equal "$(jq -r '.[2].rank' "$BATS_TEST_TMPDIR/json")" "1"
	assert_equal "$(jq -r '.[1].rank' "$BATS_TEST_TMPDIR/json")" "null"
	assert_equal "$(jq -r '.[1].green' "$BATS_TEST_TMPDIR/json")" "1"
}

@test "rf-score: output is byte-identical across runs, in every format" {
	make_season
	for f in text tsv csv json; do
		rf-score --format "$f" >"$BATS_TEST_TMPDIR/a"
		rf-score --format "$f" >"$BATS_TEST_TMPDIR/b"
		cmp "$BATS_TEST_TMPDIR/a" "$BATS_TEST_TMPDIR/b"
		rf-score --explain gamma --format "$f" >"$BATS_TEST_TMPDIR/a"
		rf-score --explain gamma --format "$f" >"$BATS_TEST_TMPDIR/b"
		cmp "$BATS_TEST_TMPDIR/a" "$BATS_TEST_TMPDIR/b"
	done
}

@test "rf-score --explain: the value column sums exactly to the total row and to the ranked risk" {
	make_season
	rf-quote -w resident gamma "We basically live here, haha, but it's fine" >/dev/null
	printf '[red_flags]\nno_post_call = high ; push through\nodd = 7\n' >>"$RF_DIR/gamma.ini"
	sed -i 's/^culture = 1$/culture = 0.33/; s/^visa = 1$/visa = 1.5/' "$RF_DIR/profile.ini"
	for p in alpha beta gamma; do
		rf-score --explain "$p" --format tsv >"$BATS_TEST_TMPDIR/x"
		total=$(awk -F'\t' '$1 == "total" { print $7 }' "$BATS_TEST_TMPDIR/x")
		sum=$(awk -F'\t' 'NR > 1 && $1 != "total" { s += $7 * 100 } END { printf "%d", s + 0.5 }' "$BATS_TEST_TMPDIR/x")
		assert_equal "$sum" "$(awk -v t="$total" 'BEGIN { printf "%d", t * 100 + 0.5 }')"
		assert_equal "$total" "$(risk_of "$p")"
	done
	run --separate-stderr rf-score --explain gamma --format tsv
	assert_line $'red_flags\tred_flags.odd\t7\t1-10\t7\t1\t7'
	assert_line --partial $'culture\tculture.abusive_teaching\tyes\tyes:10\t10\t0.33\t3.3'
}

@test "rf-score --at a date before the last edit gives the old ranking and leaves the notes untouched" {
	export GIT_AUTHOR_DATE=2026-12-01T10:00:00Z GIT_COMMITTER_DATE=2026-12-01T10:00:00Z
	rf-init >/dev/null
	rf-new -s culture.retaliation=yes "Alpha" >/dev/null
	rf-new "Beta" >/dev/null
	export GIT_AUTHOR_DATE=2026-12-03T10:00:00Z GIT_COMMITTER_DATE=2026-12-03T10:00:00Z
	rf-set beta supervision.solo_high_risk=yes culture.abusive_teaching=yes workload.hours_per_week=85 >/dev/null
	export GIT_AUTHOR_DATE=2026-12-05T10:00:00Z GIT_COMMITTER_DATE=2026-12-05T10:00:00Z
	rf-set alpha culture.retaliation=no >/dev/null
	# an uncommitted edit in the work tree is not seen by --at
	sed -i 's/^h1b = unknown$/h1b = yes/' "$RF_DIR/alpha.ini"
	before=$(notes_state)
	assert_equal "$(order)" "alpha beta "
	assert_equal "$(order --at 2026-12-04)" "alpha beta "
	assert_equal "$(order --at 2026-12-02)" "beta alpha "
	assert_equal "$(order --at HEAD~2)" "beta alpha "
	old=$(rf-score --at 2026-12-02 --format tsv | awk -F'\t' '$2 == "alpha" { print $4 }')
	assert_equal "$(echo "$old - $(risk_of alpha)" | bc)" "12.25"	# retaliation 12, h1b unknown 0.25
	run --separate-stderr rf-score --at 2026-12-02 --explain alpha --format tsv
	assert_success
	assert_line --partial $'culture\tculture.retaliation\tyes\tyes:12'
	assert_equal "$(notes_state)" "$before"
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" " M alpha.ini"
	# a note that did not exist yet
	assert_refused "beta.ini: no such note at" rf-score --at HEAD~3 beta
	assert_refused "1999-01-01" rf-score --at 1999-01-01
}

@test "rf-score PROGRAM scores only the programs named" {
	make_season
	assert_equal "$(order gam alpha)" "alpha gamma "
	assert_refused "nosuch" rf-score nosuch
	assert_refused "nosuch" rf-score --explain nosuch
}

@test "rf-score --sort orders by another column, deal-breakers still last; an unknown column is refused" {
	make_season
	assert_equal "$(order --sort program)" "alpha gamma beta "
	assert_equal "$(order --sort risk)" "alpha gamma beta "
	assert_equal "$(order --sort green)" "gamma alpha beta "
	assert_equal "$(order --sort marks)" "gamma alpha beta "
	assert_equal "$(order --sort rank)" "alpha gamma beta "
	assert_equal "$(order --sort track)" "gamma alpha beta "
	assert_refused "--sort nosuch: expected one of" rf-score --sort nosuch
	assert_refused "nosuch" rf-score --format nosuch
}

@test "rf-score: a broken rules.ini in the notes directory is reported as rules.ini:LINE, exit 2" {
	make_notes
	printf '[defaults]\nunknown = 0.25\n[visa]\nh1b = no:lots\n' >"$RF_DIR/rules.ini"
	assert_refused "rules.ini:4: 'no:lots'" rf-score
	printf '[tiers]\nlow = 0\nhigh = 40\nmid = 10\n' >"$RF_DIR/rules.ini"
	assert_refused "rules.ini:4: tiers must be in increasing order" rf-score
	rm "$RF_DIR/rules.ini"
	printf '[weights]\nvisa = heavy\n' >"$RF_DIR/profile.ini"
	assert_refused "profile.ini:2: weights.visa" rf-score
}

@test "rf-score: a rules.ini in the notes directory replaces the shipped one" {
	make_notes
	printf '[defaults]\nunknown = 1\n[visa]\nh1b = no:3\n[tiers]\ncalm = 0\nworried = 2\n' >"$RF_DIR/rules.ini"
	run --separate-stderr rf-score --format tsv
	assert_success
	assert_output $'rank\tprogram\ttrack\trisk\ttier\tmarks\tflagged\tunknowns\tknown\tgreen\tstatus\n\tmercy-general\t\t1\tcalm\t\t\t1\t0\t0\tresearching'
}

@test "rf-score: a note that does not parse is reported as FILE:LINE and left out, exit 1" {
	make_notes
	printf '[visa\n' >>"$RF_DIR/mercy-general.ini"
	line=$(wc -l <"$RF_DIR/mercy-general.ini")
	run --separate-stderr rf-score --format tsv
	assert_equal "$status" 1
	assert_output $'rank\tprogram\ttrack\trisk\ttier\tmarks\tflagged\tunknowns\tknown\tgreen\tstatus'
	assert_equal "$stderr" "rf-score: mercy-general.ini:$line: section header without its closing ']'"
}

@test "rf-score: usage errors exit 2" {
	make_notes
	for args in "--explain mercy other" "--bogus"; do
		run --separate-stderr rf-score $args
		assert_equal "$status" 2
		assert_output ""
		[[ "$stderr" == *"usage: rf-score "* ]] || fail "stderr: $stderr"
	done
	run --separate-stderr rf-score --help
	assert_success
	assert_line --index 0 --partial "usage: rf-score"
}

@test "rf-score --at a revision before a git mv scores the note as it was then, under its old name" {
	rf-init >/dev/null
	printf '[defaults]\nunknown = 0\n[culture]\nstaff_tone = hostile:12, respectful:0\n[tiers]\ncalm = 0\nworried = 10\n' \
		>"$RF_DIR/rules.ini"
	rf-new -s culture.staff_tone=hostile "A" >/dev/null
	before=$(git -C "$RF_DIR" rev-parse --short=7 HEAD)
	git -C "$RF_DIR" mv a.ini b.ini
	git -C "$RF_DIR" commit -q -m "rename a to b"
	rf-set b culture.staff_tone=respectful >/dev/null
	header=$'rank\tprogram\ttrack\trisk\ttier\tmarks\tflagged\tunknowns\tknown\tgreen\tstatus'
	run --separate-stderr rf-score --format tsv b
	assert_success
	assert_output "$header"$'\n\tb\t\t0\tcalm\t\t\t0\t100\t0\tresearching'
	run --separate-stderr rf-score --at "$before" --format tsv b
	assert_success
	assert_equal "$stderr" ""
	assert_output "$header"$'\n\ta\t\t12\tworried\t\tculture\t0\t100\t0\tresearching'
	run --separate-stderr rf-score --at "$before" --format json b
	assert_success
	assert_output '[
 {"rank": null, "program": "a", "track": "", "risk": 12, "tier": "worried", "marks": "", "flagged": "culture", "unknowns": 0, "known": 100, "green": 0, "status": "researching"}
]'
	run --separate-stderr rf-score --at "$before" --explain b --format tsv
	assert_success
	assert_line $'culture\tculture.staff_tone\thostile\thostile:12\t12\t1\t12'
	# every note at that revision: the one note, by the name it had
	run --separate-stderr rf-score --at "$before" --format tsv
	assert_success
	assert_output "$header"$'\n\ta\t\t12\tworried\t\tculture\t0\t100\t0\tresearching'
}

# The known column of a program in a format (tsv, csv: column 9; json: .known).
known_of() {
	case $1 in
	tsv) rf-score --format tsv "$2" | awk -F'\t' 'NR == 2 { print $9 }' ;;
	csv) rf-score --format csv "$2" | awk -F, 'NR == 2 { print $9 }' | tr -d '\r' ;;
	json) rf-score --format json "$2" | jq -r '.[0].known' ;;
	esac
}

@test "rf-score: the known column, in every format, grows as answers are set; vague is not known" {
	make_notes
	local f
	for f in tsv csv json; do
		assert_equal "$(known_of "$f" mercy)" 0
	done
	run --separate-stderr rf-score
	assert_line --index 0 --regexp '^rank +program +track +risk +tier +marks +flagged +unknowns +known +green +status$'
	assert_line --index 1 --regexp '^ +mercy-general +13\.75 +guarded +60 +0% +0 +researching$'
	local last=0 now
	for a in visa.h1b=yes supervision.solo_high_risk=no culture.retaliation=no outcomes.forced_to_dr=no \
		workload.hours_per_week=60; do
		rf-set mercy "$a" >/dev/null
		now=$(known_of tsv mercy)
		[ "$now" -gt "$last" ] || fail "$a: known $last% -> $now%"
		assert_equal "$(known_of json mercy)" "$now"
		assert_equal "$(known_of csv mercy)" "$now"
		last=$now
	done
	# 12 + 12 + 12 + 10 + 10 of the 397 points at stake: 14%
	assert_equal "$last" 14
	run --separate-stderr rf-score
	assert_line --index 1 --regexp '^ +mercy-general +[0-9.]+ +[a-z]+ +55 +14% +0 +researching$'
	assert_equal "$(rf-score --format json | jq -c '.[0].known | type')" '"number"'
	rf-set mercy culture.staff_tone=vague >/dev/null
	assert_equal "$(known_of tsv mercy)" 14
	assert_equal "$(order --sort known)" "mercy-general "
}

@test "rf-score --explain of a fresh note: one line of unknowns per domain, the known share, exact sum" {
	make_notes
	run --separate-stderr rf-score --explain mercy
	assert_success
	assert_output "domain       key      answer   rule             points  weight  value
visa         9 keys   unknown  default unknown    0.25       1   2.25
outcomes     8 keys   unknown  default unknown    0.25       1      2
workload     5 keys   unknown  default unknown    0.25       1   1.25
supervision  3 keys   unknown  default unknown    0.25       1   0.75
education    7 keys   unknown  default unknown    0.25       1   1.75
culture      15 keys  unknown  default unknown    0.25       1   3.75
img          5 keys   unknown  default unknown    0.25       1   1.25
sources      3 keys   unknown  default unknown    0.25       1   0.75
total                                                           13.75
known 0%: 0 of the 397 points at stake are answered"
	[ "${#lines[@]}" -lt 30 ]
	assert_equal "$(rf-score --format tsv | awk -F'\t' 'NR == 2 { print $4 }')" 13.75
	# -v (--verbose): every unknown on its own line, the same total
	run --separate-stderr rf-score -v --explain mercy --format tsv
	assert_success
	assert_equal "$(printf '%s\n' "$output" | grep -c $'\tunknown\tdefault unknown\t0.25\t1\t0.25$')" 55
	assert_line $'visa\tvisa.h1b\tunknown\tdefault unknown\t0.25\t1\t0.25'
	assert_line --index 56 $'total\t\t\t\t\t\t13.75'
	run --separate-stderr rf-score --verbose --explain mercy
	assert_line "known 0%: 0 of the 397 points at stake are answered"
	# answered keys keep their own rows; the others are still summed
	rf-set mercy visa.h1b=no visa.policy_written=vague >/dev/null
	run --separate-stderr rf-score --explain mercy --format tsv
	assert_output $'domain\tkey\tanswer\trule\tpoints\tweight\tvalue
visa\tvisa.h1b\tno\tno:12\t12\t1\t12
visa\tvisa.policy_written\tvague\tdefault vague\t4\t1\t4
visa\t7 keys\tunknown\tdefault unknown\t0.25\t1\t1.75
outcomes\t8 keys\tunknown\tdefault unknown\t0.25\t1\t2
workload\t5 keys\tunknown\tdefault unknown\t0.25\t1\t1.25
supervision\t3 keys\tunknown\tdefault unknown\t0.25\t1\t0.75
education\t7 keys\tunknown\tdefault unknown\t0.25\t1\t1.75
culture\t15 keys\tunknown\tdefault unknown\t0.25\t1\t3.75
img\t5 keys\tunknown\tdefault unknown\t0.25\t1\t1.25
sources\t3 keys\tunknown\tdefault unknown\t0.25\t1\t0.75
total\t\t\t\t\t\t29.25'
	run --separate-stderr rf-score --explain mercy
	assert_line "known 3%: 12 of the 397 points at stake are answered"
	assert_line "deal-breaker: visa.h1b = no"
	run --separate-stderr rf-score -v
	assert_equal "$status" 2
	assert_output ""
	[[ $stderr == "rf-score: -v (--verbose) goes with --explain"$'\n'"usage: rf-score "* ]] || fail "$stderr"
}
