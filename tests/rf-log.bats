#!/usr/bin/env bats
# rf-log: history of one note or of all, on a scripted season.
load helper
load season

# Abbreviated id of the commit with subject $1, as rf-log prints it.
id() {
	git -C "$RF_DIR" log --all --format='%H%x09%s' | awk -F'\t' -v s="$1" '$2 == s { print substr($1, 1, 7); exit }'
}

# Run an rf command and check that it changed nothing: work tree, HEAD,
# status, and every file under .git (the index included) but rf's own
# caches in .git/rf/.
run_ro() {
	local before git_before
	before=$(notes_state)
	git_before=$(cd "$RF_DIR" && find .git -path .git/rf -prune -o -type f -printf '%p %s %T@\n' | sort)
	run --separate-stderr "$@"
	assert_equal "$(cd "$RF_DIR" && find .git -path .git/rf -prune -o -type f -printf '%p %s %T@\n' | sort)" "$git_before"
	assert_equal "$(notes_state)" "$before"
}

@test "rf-log PROGRAM: one line per commit that changed it, newest first, working tree first" {
	season
	run_ro rf-log mercy
	assert_success
	assert_equal "$stderr" ""
	assert_output "working tree              35 → 35  (uncommitted changes)
$(id "merge laptop") 2026-12-08 16:00  35 → 35  merge laptop
$(id "set mercy-general: workload.hours_per_week \"\" → 80") 2026-12-07 15:00  20 → 35  set mercy-general: workload.hours_per_week \"\" → 80
$(id "set mercy-general: visa.j1 unknown → yes") 2026-12-06 14:00  20 → 20  set mercy-general: visa.j1 unknown → yes
$(id "call with residents") 2026-12-04 12:00  12 → 20  call with residents
$(id "set mercy-general: visa.h1b unknown → no") 2026-12-02 10:00  0 → 12   set mercy-general: visa.h1b unknown → no
$(id "new mercy-general: Mercy General") 2026-12-01 09:00  - → 0    new mercy-general: Mercy General"
}

@test "rf-log -p: per-key changes; the merge shows the other side's change against its first parent" {
	season
	run_ro rf-log -p -n 6 mercy-general
	assert_success
	assert_output "working tree              35 → 35  (uncommitted changes)
    ~ visa.legal_support: unknown → yes
$(id "merge laptop") 2026-12-08 16:00  35 → 35  merge laptop
    ~ visa.j1: unknown → yes
$(id "set mercy-general: workload.hours_per_week \"\" → 80") 2026-12-07 15:00  20 → 35  set mercy-general: workload.hours_per_week \"\" → 80
    ~ workload.hours_per_week: \"\" → 80
$(id "set mercy-general: visa.j1 unknown → yes") 2026-12-06 14:00  20 → 20  set mercy-general: visa.j1 unknown → yes
    ~ visa.j1: unknown → yes
$(id "call with residents") 2026-12-04 12:00  12 → 20  call with residents
    ~ culture.staff_tone: unknown → hostile
$(id "set mercy-general: visa.h1b unknown → no") 2026-12-02 10:00  0 → 12   set mercy-general: visa.h1b unknown → no
    ~ visa.h1b: unknown → no"
}

@test "rf-log -p on a new note lists its answers and counts the questions left" {
	season
	# The template's questions without an answer, but name and created.
	unanswered=$(($(grep -cE '^[a-z0-9_]+ =( unknown)?$' "$RF_SRC/templates/program.ini") - 2))
	run_ro rf-log -p --until 2026-12-03 st-marys-ir
	assert_success
	assert_output "$(id "new st-marys: St Marys") 2026-12-03 11:00  - → 0  new st-marys: St Marys
    + program.name: St Marys
    + program.status: researching
    + program.created: 2026-12-03
    ($unanswered questions unanswered)"
}

@test "rf-log follows a note renamed with git mv" {
	season
	run_ro rf-log -p st-marys-ir
	assert_success
	assert_line --index 0 "$(id "rename st-marys") 2026-12-05 13:00  0 → 0  rename st-marys"
	assert_line --index 1 "    renamed from st-marys"
	assert_line --index 2 "$(id "new st-marys: St Marys") 2026-12-03 11:00  - → 0  new st-marys: St Marys"
}

@test "rf-log without PROGRAM: the timeline of every note, each entry naming it" {
	season
	run_ro rf-log
	assert_success
	assert_output "working tree              mercy-general  35 → 35  (uncommitted changes)
$(id "merge laptop") 2026-12-08 16:00  mercy-general  35 → 35  merge laptop
$(id "set mercy-general: workload.hours_per_week \"\" → 80") 2026-12-07 15:00  mercy-general  20 → 35  set mercy-general: workload.hours_per_week \"\" → 80
$(id "set mercy-general: visa.j1 unknown → yes") 2026-12-06 14:00  mercy-general  20 → 20  set mercy-general: visa.j1 unknown → yes
$(id "rename st-marys") 2026-12-05 13:00  st-marys-ir    0 → 0    rename st-marys
$(id "call with residents") 2026-12-04 12:00  mercy-general  12 → 20  call with residents
$(id "new st-marys: St Marys") 2026-12-03 11:00  st-marys       - → 0    new st-marys: St Marys
$(id "set mercy-general: visa.h1b unknown → no") 2026-12-02 10:00  mercy-general  0 → 12   set mercy-general: visa.h1b unknown → no
$(id "new mercy-general: Mercy General") 2026-12-01 09:00  mercy-general  - → 0    new mercy-general: Mercy General"
}

@test "rf-log -p timeline shows each note's changes" {
	season
	run_ro rf-log -p -n 2 --since 2026-12-05 --until 2026-12-05
	assert_success
	assert_output "$(id "rename st-marys") 2026-12-05 13:00  st-marys-ir  0 → 0  rename st-marys
    renamed from st-marys"
}

@test "rf-log -n, --since, --until and --reverse select and order entries" {
	season
	run_ro rf-log -n 2 mercy
	assert_success
	assert_equal "${#lines[@]}" 2
	assert_line --index 1 "$(id "merge laptop") 2026-12-08 16:00  35 → 35  merge laptop"
	run_ro rf-log --since 2026-12-02 --until 2026-12-04 mercy
	assert_output "$(id "call with residents") 2026-12-04 12:00  12 → 20  call with residents
$(id "set mercy-general: visa.h1b unknown → no") 2026-12-02 10:00  0 → 12   set mercy-general: visa.h1b unknown → no"
	run_ro rf-log --reverse --until 2026-12-04 mercy
	assert_output "$(id "new mercy-general: Mercy General") 2026-12-01 09:00  - → 0    new mercy-general: Mercy General
$(id "set mercy-general: visa.h1b unknown → no") 2026-12-02 10:00  0 → 12   set mercy-general: visa.h1b unknown → no
$(id "call with residents") 2026-12-04 12:00  12 → 20  call with residents"
	run_ro rf-log --until "1000 days ago" mercy
	assert_success
	assert_output ""
}

@test "on a terminal, one program's log opens with its risk as a sparkline, and is coloured" {
	season
	run script -qec "RF_PAGER= TERM=xterm rf-log mercy" /dev/null
	assert_line --index 0 $'risk 0 \u2192 35  \u2581\u2583\u2585\u2585\u2588\u2588\u2588\r'
	[[ "${lines[1]}" == $'\e[33mworking tree'* ]] || fail "no colour: ${lines[1]}"
	run script -qec "RF_PAGER= TERM=xterm NO_COLOR=1 rf-log mercy" /dev/null
	[[ "$output" != *$'\e'* ]] || fail "colour with NO_COLOR"
	# Not on a terminal: no sparkline, no colour; nor for the timeline.
	run rf-log mercy
	[[ "${lines[0]}" == "working tree"* ]]
	run script -qec "RF_PAGER= TERM=xterm rf-log" /dev/null
	[[ "${lines[0]}" != risk* ]]
}

@test "rf-log prints dates in the local time zone" {
	season
	TZ=America/New_York run_ro rf-log -n 2 mercy
	assert_line --index 1 "$(id "merge laptop") 2026-12-08 11:00  35 → 35  merge laptop"
}

@test "rf-log --format tsv and json: full ids, ISO dates, one row per change with -p" {
	season
	run_ro rf-log --format tsv -n 2 mercy
	assert_success
	assert_output "commit	date	program	risk_before	risk_after	subject
		mercy-general	35	35	
$(git -C "$RF_DIR" rev-parse HEAD)	2026-12-08T16:00:00+00:00	mercy-general	35	35	merge laptop"
	run_ro rf-log --format json -p --since 2026-12-04 --until 2026-12-04
	assert_success
	assert_equal "$(jq -c '.[] | [.program, .kind, .key, .old, .new]' <<<"$output")" \
		'["mercy-general","changed","culture.staff_tone","unknown","hostile"]'
	assert_equal "$(jq -r '.[0].date' <<<"$output")" 2026-12-04T12:00:00+00:00
	assert_equal "$(jq -c '.[0] | [.risk_before, .risk_after]' <<<"$output")" '[12,20]'
	run_ro rf-log --format json --reverse -n 1 --until 2026-12-01 mercy
	assert_equal "$(jq -c '.[0] | [.risk_before, .risk_after]' <<<"$output")" '[null,0]'
}

@test "rf-log on a clean work tree has no working-tree entry; an unborn repository logs nothing" {
	rf-init >/dev/null
	run_ro rf-log
	assert_success
	assert_output ""
	rm -rf "$RF_DIR/.git" && git init -q "$RF_DIR"
	run_ro rf-log
	assert_success
	assert_output ""
}

@test "rf-log: bad arguments exit 2 with one line and change nothing" {
	season
	assert_refused "no-such" rf-log no-such
	assert_refused "not a date" rf-log --since yesterday-ish
	assert_refused "-n" rf-log -n x
	run --separate-stderr rf-log a b
	assert_equal "$status" 2
	assert_equal "${stderr%%$'\n'*}" "usage: $(rf-log -h | head -1 | sed 's/^usage: //')"
	assert_refused "format" rf-log --format csv
}

@test "rf-log -h, --version and -C DIR" {
	season
	run rf-log -h
	assert_success
	assert_line --index 0 --partial "usage: rf-log"
	run rf-log --version
	assert_output --partial "rf-log (rf)"
	run_ro env -C / RF_DIR=/nonexistent rf-log -C "$RF_DIR" -n 1 mercy
	assert_success
	assert_output "working tree              35 → 35  (uncommitted changes)"
}

@test "rf-log | head -1 and a write error" {
	season
	run bash -c 'rf-log | head -1'
	assert_success
	assert_output "working tree              mercy-general  35 → 35  (uncommitted changes)"
	run --separate-stderr rf-log mercy
	run --separate-stderr bash -c 'rf-log mercy >/dev/full'
	assert_equal "$status" 2
	assert_equal "$stderr" "rf-log: write error: No space left on device"
}
