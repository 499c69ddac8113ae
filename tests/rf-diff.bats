#!/usr/bin/env bats
# rf-diff: per-key differences between revisions of a note, or two notes.
load helper

N=mercy-general.ini

# Rules of our own (left untracked), so the risk figures do not move with the
# shipped ones.
setup() {
	setup_rf_env
	mkdir -p "$RF_DIR"
	printf '%s\n' '[defaults]' 'unknown = 0' 'vague = 4' 'red = 5' '[visa]' 'h1b = no:12, yes:0' \
		'[culture]' 'staff_tone = hostile:8' >"$RF_DIR/rules.ini"
}

at() {
	local when=$1
	shift
	GIT_AUTHOR_DATE="$when" GIT_COMMITTER_DATE="$when" "$@"
}

id() {
	git -C "$RF_DIR" rev-parse "$1" | cut -c1-7
}

# Run an rf command and check that it changed nothing, .git included (but
# rf's caches in .git/rf/).
run_ro() {
	local before git_before
	before=$(notes_state)
	git_before=$(cd "$RF_DIR" && find .git -path .git/rf -prune -o -type f -printf '%p %s %T@\n' | sort)
	run --separate-stderr "$@"
	assert_equal "$(cd "$RF_DIR" && find .git -path .git/rf -prune -o -type f -printf '%p %s %T@\n' | sort)" "$git_before"
	assert_equal "$(notes_state)" "$before"
}

edit() {
	sed -i "$1" "$RF_DIR/$N"
}

@test "rf-diff without changes prints nothing and exits 0" {
	make_notes
	run_ro rf-diff mercy
	assert_success
	assert_output ""
	assert_equal "$stderr" ""
}

@test "rf-diff: a changed answer, last commit → working tree, exit 1" {
	make_notes
	edit 's/^h1b = unknown$/h1b = no/'
	run_ro rf-diff mercy
	assert_equal "$status" 1
	assert_output "mercy-general: $(id HEAD) → working tree
~ visa.h1b: unknown → no
risk 0 → 12"
}

@test "rf-diff: added and removed keys, in template order" {
	make_notes
	edit 's/^j1 = unknown$//'
	printf 'pd_said = ask again in January\n' >>"$RF_DIR/$N"
	edit 's/^h1b = unknown$/h1b = vague/'
	run_ro rf-diff mercy
	assert_equal "$status" 1
	assert_output "mercy-general: $(id HEAD) → working tree
~ visa.h1b: unknown → vague
- visa.j1: unknown
+ notes.pd_said: ask again in January
risk 0 → 4"
}

@test "rf-diff: a multi-line value is one value" {
	make_notes
	printf 'story = first line \\\n  second line\n' >>"$RF_DIR/$N"
	rf-commit >/dev/null
	edit 's/^  second line$/  third line/'
	run_ro rf-diff mercy
	assert_equal "$status" 1
	assert_output "mercy-general: $(id HEAD) → working tree
~ notes.story: first line   second line → first line   third line
risk 0 → 0"
}

@test "rf-diff: comments and spacing only are reported as layout only" {
	make_notes
	edit 's/^h1b = unknown$/h1b   =   unknown   ; asked PD, no answer yet/'
	printf '; a comment of my own\n' >>"$RF_DIR/$N"
	run_ro rf-diff mercy
	assert_equal "$status" 1
	assert_output "mercy-general: $(id HEAD) → working tree
layout only (comments or spacing)
risk 0 → 0"
}

@test "rf-diff: a section added or removed" {
	make_notes
	printf '\n[interview_day]\nweather = rain\n' >>"$RF_DIR/$N"
	run_ro rf-diff mercy
	assert_equal "$status" 1
	assert_output "mercy-general: $(id HEAD) → working tree
+ [interview_day]
+ interview_day.weather: rain
risk 0 → 0"
	rf-commit >/dev/null
	run_ro rf-diff mercy HEAD~1 HEAD
	assert_equal "$status" 1
	run_ro rf-diff mercy HEAD HEAD~1
	assert_output "mercy-general: $(id HEAD) → $(id HEAD~1)
- [interview_day]
- interview_day.weather: rain
risk 0 → 0"
}

@test "rf-diff REV REV: HEAD~2, a short id, YYYY-MM-DD" {
	at 2026-12-01T09:00:00Z make_notes
	at 2026-12-02T09:00:00Z rf-set mercy visa.h1b=no
	at 2026-12-03T09:00:00Z rf-set mercy visa.j1=yes
	run_ro rf-diff mercy HEAD~2 HEAD
	assert_equal "$status" 1
	assert_output "mercy-general: $(id HEAD~2) → $(id HEAD)
~ visa.h1b: unknown → no
~ visa.j1: unknown → yes
risk 0 → 12"
	run_ro rf-diff mercy "$(git -C "$RF_DIR" rev-parse --short HEAD~1)"
	assert_equal "$status" 1
	assert_output "mercy-general: $(id HEAD~1) → working tree
~ visa.j1: unknown → yes
risk 12 → 12"
	# A day means the last commit made that day.
	run_ro rf-diff mercy 2026-12-01 2026-12-02
	assert_output "mercy-general: $(id HEAD~2) → $(id HEAD~1)
~ visa.h1b: unknown → no
risk 0 → 12"
}

@test "rf-diff 'N days ago': the last commit at or before it" {
	at "$(date -d '10 days ago' +%FT%T)" make_notes
	at "$(date -d '5 days ago' +%FT%T)" rf-set mercy visa.h1b=no
	at "$(date -d '1 day ago' +%FT%T)" rf-set mercy visa.j1=yes
	run_ro rf-diff mercy "3 days ago" HEAD
	assert_equal "$status" 1
	assert_output "mercy-general: $(id HEAD~1) → $(id HEAD)
~ visa.j1: unknown → yes
risk 12 → 12"
	run_ro rf-diff mercy "7 days ago"
	assert_output "mercy-general: $(id HEAD~2) → working tree
~ visa.h1b: unknown → no
~ visa.j1: unknown → yes
risk 0 → 12"
}

@test "rf-diff follows a note renamed with git mv back to its old name" {
	make_notes
	at 2026-12-06T09:00:00Z rf-set mercy visa.h1b=no
	git -C "$RF_DIR" mv $N mercy.ini
	git -C "$RF_DIR" commit -q -m "shorter name"
	run_ro rf-diff mercy HEAD~2
	assert_equal "$status" 1
	assert_output "mercy: mercy-general $(id HEAD~2) → working tree
~ visa.h1b: unknown → no
risk 0 → 12"
}

@test "rf-diff -x: two programs side by side, only the keys that differ" {
	make_notes
	rf-new "St Marys" >/dev/null
	rf-set mercy visa.h1b=no culture.staff_tone=hostile
	rf-set st-marys visa.h1b=yes
	run_ro rf-diff -x mercy st-marys
	assert_equal "$status" 1
	assert_output "key                 mercy-general  st-marys
program.name        Mercy General  St Marys
visa.h1b            no             yes
culture.staff_tone  hostile        unknown
risk                20             0"
	run_ro rf-diff -x mercy mercy
	assert_success
	assert_output ""
}

@test "rf-diff --format tsv and json" {
	make_notes
	edit 's/^h1b = unknown$/h1b = no/'
	printf '[extra]\n' >>"$RF_DIR/$N"
	run_ro rf-diff --format tsv mercy
	assert_equal "$status" 1
	assert_output "kind	key	old	new
changed	visa.h1b	unknown	no
section-added	[extra]		
risk		0	12"
	run_ro rf-diff --format json -x mercy mercy
	assert_success
	assert_output "[]"
	run_ro rf-diff --format json mercy
	assert_equal "$(jq -c '.[0]' <<<"$output")" '{"kind":"changed","key":"visa.h1b","old":"unknown","new":"no"}'
}

@test "rf-diff: errors exit 2 with one line and change nothing" {
	make_notes
	assert_refused "no-such" rf-diff no-such
	assert_refused "nonsense" rf-diff mercy nonsense
	assert_refused "format" rf-diff --format csv mercy
	run --separate-stderr rf-diff
	assert_equal "$status" 2
	run --separate-stderr rf-diff -x mercy
	assert_equal "$status" 2
	run --separate-stderr rf-diff mercy a b c
	assert_equal "$status" 2
}

@test "rf-diff colours only on a terminal, never with NO_COLOR" {
	make_notes
	edit 's/^h1b = unknown$/h1b = no/'
	run rf-diff mercy
	[[ "$output" != *$'\e'* ]]
	run script -qec "RF_PAGER= TERM=xterm rf-diff mercy" /dev/null
	[[ "$output" == *$'\e[33m~ visa.h1b: unknown → no\e[m'* ]]
	run script -qec "RF_PAGER= TERM=xterm NO_COLOR=1 rf-diff mercy" /dev/null
	[[ "$output" != *$'\e'* ]]
}

@test "rf-diff -h and --version" {
	run rf-diff -h
	assert_success
	assert_line --index 0 --partial "usage: rf-diff"
	run rf-diff --version
	assert_output --partial "rf-diff (rf)"
}
