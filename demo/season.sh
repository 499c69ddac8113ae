#!/usr/bin/env bash
# A sample season for rf: six fictional programs, built with the real rf
# commands (and a research sheet imported) in a fresh notes directory, one
# commit per step, each step dated
# (GIT_AUTHOR_DATE/GIT_COMMITTER_DATE) between November and January; then a
# short tour of the result.
#
# usage: demo/season.sh [-n] [DIR]    build into DIR (new or empty; default a
#                                     temporary directory), then tour it
#                                     (-n: build only)
#        demo/season.sh --steps       print the scripted steps, one per line:
#                                     DATE<TAB>COMMAND
# RF_BIN names the directory holding the rf binaries (default: bin/).
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)

# Every step makes exactly one commit.  The programs, people and quotes are
# invented; the answers follow the red flags of the article the template is
# built from.
steps() {
	cat <<'STEPS'
2026-11-02T19:05:00-05:00	rf init
2026-11-02T19:20:00-05:00	rf new -s program.track=ir-integrated -s program.institution="Crestview University Hospital" -s program.city=Crestview -s program.state=OH "Crestview University – IR (Integrated)"
2026-11-02T19:40:00-05:00	rf new -s program.track=dr-esir -s program.city=Lakeside -s program.state=MI "Lakeside Medical Center – DR-ESIR"
2026-11-03T21:10:00-05:00	rf new -s program.track=ir-integrated -s program.state=TX "Summit Valley – IR (Integrated)"
2026-11-04T20:00:00-05:00	rf new -s program.track=ir-integrated -s program.state=NY "Riverside Academic – IR (Integrated)"
2026-11-05T22:30:00-05:00	rf new -s program.track=ir-independent -s program.state=FL "Northgate IR (Independent)"
2026-11-06T18:45:00-05:00	rf new -s program.track=dr -s program.state=PA "Meadowbrook Community – DR"
2026-11-07T11:00:00-05:00	rf import --map "$src/demo/research-map.ini" "$src/demo/research.csv"
2026-11-09T20:00:00-05:00	rf set lakeside visa.h1b=yes visa.j1=yes visa.policy_written=yes culture.imgs_on_faculty=yes
2026-11-10T21:15:00-05:00	rf set riverside sources.forum_negative_reports=1 sources.report_years=1
2026-11-12T19:30:00-05:00	rf set summit workload.ir_residents=4 workload.annual_ir_procedures=9200 program.status=applied
2026-11-14T20:40:00-05:00	rf set northgate sources.forum_negative_reports=4 sources.report_years=3 sources.off_record_warning=yes
2026-11-20T17:00:00-05:00	rf set crestview program.status=invited visa.policy_written=vague
2026-12-01T16:30:00-05:00	rf set crestview program.status=interviewed program.interview_date=2026-12-01 visa.h1b=case-by-case visa.h1b_for_ir_before=no visa.leadership_reaction=uncomfortable
2026-12-01T16:45:00-05:00	rf quote -w pd crestview "We can look into it after you match."
2026-12-01T17:05:00-05:00	rf quote -w resident crestview "Honestly, nobody here has been on an H-1B; ask the GME office"
2026-12-04T15:00:00-05:00	rf set lakeside program.status=interviewed program.interview_date=2026-12-04 culture.img_in_leadership=yes education.esir_available=yes education.protected_didactics=yes outcomes.shares_data=yes
2026-12-04T15:20:00-05:00	rf quote -w apd lakeside "Two of our last three ESIR graduates trained on H-1B visas; the policy is on our website"
2026-12-04T15:30:00-05:00	rf set lakeside green_flags.img_graduates_named=high green_flags.clear_visa_policy=high
2026-12-08T14:00:00-05:00	rf set summit program.status=interviewed education.procedure_mill=yes workload.stays_late_routinely=yes education.misses_conferences_for_service=yes workload.hours_per_week=85
2026-12-08T14:10:00-05:00	rf quote -w resident summit "We try, but service comes first"
2026-12-10T13:00:00-05:00	rf set riverside program.status=interviewed culture.residents_consistent_stories=yes culture.would_choose_again=yes outcomes.shares_data=yes visa.h1b=yes outcomes.abr_core_pass_pct=100
2026-12-10T13:20:00-05:00	rf quote -w chief riverside "That review was about a rotation we dropped in 2023; ask any of us"
2026-12-14T12:00:00-05:00	rf set northgate program.status=interviewed culture.abusive_teaching=yes culture.staff_tone=hostile culture.response_to_concerns=blames_residents culture.retaliation=vague
2026-12-14T12:15:00-05:00	rf quote -w resident northgate "It's just their style; you get used to it"
2026-12-14T12:30:00-05:00	rf set northgate red_flags.public_humiliation=high
2026-12-16T10:00:00-05:00	rf set meadowbrook program.status=interviewed workload.hours_per_week=60
2027-01-06T21:00:00-05:00	VISUAL="sed -i -e 's/^h1b = case-by-case/h1b = vague/'" rf edit crestview
2027-01-09T20:30:00-05:00	sed -i -e 's/^h1b = unknown/h1b = yes/' "$RF_DIR/meadowbrook-community-dr.ini" && rf commit
2027-01-20T22:00:00-05:00	rf set lakeside program.rank=1 program.status=ranked
2027-01-20T22:05:00-05:00	rf set riverside program.rank=2 program.status=ranked
2027-01-20T22:10:00-05:00	rf set meadowbrook program.rank=3 program.status=ranked
2027-01-20T22:15:00-05:00	rf set crestview program.rank=4 program.status=ranked
2027-01-22T21:00:00-05:00	VISUAL=true rf rank edit 2>/dev/null
2027-01-22T21:05:00-05:00	rf rank move crestview 3
2027-01-22T21:10:00-05:00	rf rank add northgate
STEPS
}

build_only=0
case ${1:-} in
--steps) steps; exit 0 ;;
-n) build_only=1; shift ;;
-h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac

bin=${RF_BIN:-$src/bin}
if [ ! -x "$bin/rf" ]; then
	echo "season.sh: no rf in $bin (run make first, or set RF_BIN)" >&2
	exit 2
fi
dir=${1:-}
if [ -z "$dir" ]; then
	dir=$(mktemp -d "${TMPDIR:-/tmp}/rf-demo.XXXXXX")/rf
elif [ -e "$dir" ] && [ -n "$(ls -A "$dir")" ]; then
	echo "season.sh: $dir is not empty" >&2
	exit 2
fi

export PATH="$bin:$PATH" RF_DIR=$dir RF_SHARE=${RF_SHARE:-$src/templates}
export GIT_AUTHOR_NAME="Ana Applicant" GIT_AUTHOR_EMAIL="ana@example.org"
export GIT_COMMITTER_NAME="Ana Applicant" GIT_COMMITTER_EMAIL="ana@example.org"
export GIT_CONFIG_NOSYSTEM=1 LC_ALL=C.UTF-8
# The applicant lives on US Eastern time, as the scripted dates do (a POSIX
# TZ string: no tzdata needed).
export TZ=EST5EDT,M3.2.0,M11.1.0
# The tour prints straight to the terminal: no pager in between.
export RF_PAGER=
unset VISUAL EDITOR

while IFS=$'\t' read -r when cmd; do
	export GIT_AUTHOR_DATE=$when GIT_COMMITTER_DATE=$when
	if ! eval "$cmd" >/dev/null; then
		echo "season.sh: step failed: $cmd" >&2
		exit 2
	fi
done < <(steps)
unset GIT_AUTHOR_DATE GIT_COMMITTER_DATE
[ "$build_only" = 1 ] && exit 0

# Run one command of the tour; 1 is an answer (rf-check found problems,
# rf-diff differences), 2 a failure worth showing.
show() {
	printf '\n$ %s\n' "$*"
	local st=0
	"$@" || st=$?
	if [ "$st" -ge 2 ]; then
		echo "(exit status $st)"
		tour_failed=1
	fi
	return 0
}
tour_failed=0

echo "A season of six fictional programs, November to January, in $dir"
show git -C "$dir" log --oneline
show rf check
show rf score
show rf score --explain crestview
show rf ask meadowbrook
show rf log -n 8
show rf log -p crestview
show rf diff crestview 2026-11-30
show rf diff -x crestview lakeside
show rf rank
show rf rank log
show git -C "$dir" log -p -1 --format=%s crestview-university-ir-integrated.ini
show rf import --dry-run --map "$src/demo/research-map.ini" "$src/demo/research.csv"
echo
echo "The notes stay in $dir: try 'rf -C $dir ...' or 'git -C $dir log -p'."
exit $((tour_failed ? 2 : 0))
