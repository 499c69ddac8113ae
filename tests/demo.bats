#!/usr/bin/env bats
# make demo's sample season: built with the real commands, one commit per
# scripted step with the scripted dates, a sound repository, then the tour.
load helper

season=

setup() {
	setup_rf_env
	season="$BATS_TEST_TMPDIR/season"
}

@test "the season builds: git fsck is clean and the work tree is committed" {
	run --separate-stderr "$RF_SRC/demo/season.sh" -n "$season"
	assert_success
	assert_equal "$stderr" ""
	run --separate-stderr git -C "$season" fsck --strict --no-dangling
	assert_success
	assert_equal "$stderr$output" ""
	run git -C "$season" status --porcelain --untracked-files=all
	assert_output ""
	run rf-check -C "$season"
	assert_success
	assert_output ""
}

@test "one commit per scripted step, with the scripted dates and verbs" {
	"$RF_SRC/demo/season.sh" -n "$season"
	"$RF_SRC/demo/season.sh" --steps >"$BATS_TEST_TMPDIR/steps"
	local n
	n=$(wc -l <"$BATS_TEST_TMPDIR/steps")
	[ "$n" -ge 30 ]
	assert_equal "$(git -C "$season" rev-list --count HEAD)" "$n"
	# Dates: author and committer, exactly as scripted (strict ISO 8601).
	assert_equal "$(git -C "$season" log --reverse --format=%aI)" "$(cut -f1 "$BATS_TEST_TMPDIR/steps")"
	assert_equal "$(git -C "$season" log --reverse --format=%cI)" "$(cut -f1 "$BATS_TEST_TMPDIR/steps")"
	# The span the season covers.
	assert_equal "$(git -C "$season" log --reverse --format=%ad --date=format:%Y-%m | sed -n '1p;$p')" \
		$'2026-11\n2027-01'
	# Each commit's verb is the step's command (rf commit and rf edit record edits).
	local want
	# (rf rank edit with an editor that changes nothing only takes the old
	# program.rank values into the list: one commit.)
	want=$(cut -f2 "$BATS_TEST_TMPDIR/steps" | grep -oE 'rf (init|new|set|quote|edit|commit|import|rank)' |
		sed -e 's/^rf //' -e 's/^commit$/edit/' -e 's/^rank$/rank:/')
	assert_equal "$(git -C "$season" log --reverse --format=%s | cut -d' ' -f1)" "$want"
	assert_equal "$(git -C "$season" log --format='%an <%ae>' | sort -u)" "Ana Applicant <ana@example.org>"
}

@test "the six programs are there, each with its story" {
	"$RF_SRC/demo/season.sh" -n "$season"
	run ls "$season"
	assert_output "$(printf '%s\n' crestview-university-ir-integrated.ini lakeside-medical-center-dr-esir.ini \
		meadowbrook-community-dr.ini northgate-ir-independent.ini profile.ini ranks.txt \
		riverside-academic-ir-integrated.ini summit-valley-ir-integrated.ini)"
	grep -qx '2026-12-01 pd = We can look into it after you match.' "$season/crestview-university-ir-integrated.ini"
	grep -qx 'h1b = vague' "$season/crestview-university-ir-integrated.ini"
	grep -qx 'procedure_mill = yes' "$season/summit-valley-ir-integrated.ini"
	grep -qx 'abusive_teaching = yes' "$season/northgate-ir-independent.ini"
	grep -qx 'imgs_on_faculty = yes' "$season/lakeside-medical-center-dr-esir.ini"
	grep -qx 'forum_negative_reports = 1' "$season/riverside-academic-ir-integrated.ini"
	grep -qx 'created = 2026-11-06' "$season/meadowbrook-community-dr.ini"
	# From the research sheet, through its mapping file.
	grep -qx 'website = "https://riverside.example.edu/radiology#ir"' "$season/riverside-academic-ir-integrated.ini"
	grep -qx 'legal_support = no' "$season/summit-valley-ir-integrated.ini"
	grep -qx 'anti_harassment_policy = no' "$season/northgate-ir-independent.ini"
	assert_equal "$(git -C "$season" log --format=%s | grep '^import')" \
		"import research.csv: 0 new, 4 changed (13 answers), 0 unchanged"
}

@test "the season refuses a notes directory that is not empty" {
	mkdir -p "$season" && touch "$season/x"
	run --separate-stderr "$RF_SRC/demo/season.sh" -n "$season"
	assert_equal "$status" 2
	assert_equal "$stderr" "season.sh: $season is not empty"
}

@test "the tour shows the history and the checks" {
	run --separate-stderr "$RF_SRC/demo/season.sh" "$season"
	assert_success
	assert_equal "$stderr" ""
	assert_line "A season of six fictional programs, November to January, in $season"
	assert_line "\$ git -C $season log --oneline"
	assert_line --partial "edit crestview-university-ir-integrated: visa.h1b case-by-case → vague"
	assert_line "\$ rf check"
	assert_line "\$ rf score"
	# how much is known, beside the risk and the unknowns
	assert_line --regexp '^rank +program +track +risk +tier +marks +flagged +unknowns +known +green +status$'
	assert_line --regexp '^   1  lakeside-medical-center-dr-esir +dr-esir +12 +guarded +53 +10% +2 +ranked$'
	# --explain reads in a few lines: a domain's unknowns summed
	assert_line --regexp '^culture +15 keys +unknown +default unknown +0\.25 +1 +3\.75$'
	assert_line "known 4%: 18 of the 397 points at stake are answered"
	assert_line "\$ rf score --explain crestview"
	assert_line "\$ rf ask meadowbrook"
	assert_line "\$ rf log -n 8"
	assert_line "\$ rf log -p crestview"
	assert_line "\$ rf diff crestview 2026-11-30"
	assert_line "\$ rf diff -x crestview lakeside"
	# The ranks set with program.rank became the list, which then moved.
	assert_line "\$ rf rank"
	assert_line "\$ rf rank log"
	assert_line --regexp '^[0-9a-f]+ 2027-01-22 21:05  crestview-university-ir-integrated 4 → 3$'
	assert_line --regexp '^   5  northgate-ir-independent .* pattern '
	assert_line --partial "rank 3 crestview-university-ir-integrated: warning: "
	# git itself shows per-key lines through rf's diff driver.
	assert_line "\$ git -C $season log -p -1 --format=%s crestview-university-ir-integrated.ini"
	assert_line "+program.rank = 4"
	# Importing the research sheet again would change nothing.
	assert_line "import research.csv: 0 new, 0 changed, 4 unchanged (dry run: nothing written)"
	refute_line --partial "(exit status"
	# Shown in the applicant's time zone, as scripted.
	assert_line --regexp '^[0-9a-f]+ 2027-01-06 21:00 .* edit crestview-university-ir-integrated: '
}
