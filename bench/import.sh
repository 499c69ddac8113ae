#!/usr/bin/env bash
# rf-import of 2,000 programs into a fresh notes directory: a deterministic
# sheet (every row a program with a dozen answers, as an applicant's sheet
# has), timed as the median of RUNS runs (default 3), each into a new
# directory, then printed with the commit it made.
#   usage: bench/import.sh [BIN]     BIN: the rf binaries (default bin/)
# The target is under 2 s on the 2-core machine CI runs on.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$src/bin}
runs=${RUNS:-3}
work=$(mktemp -d "${TMPDIR:-/tmp}/rf-bench-import.XXXXXX")
trap 'rm -rf "$work"' EXIT
export HOME=$work/home RF_SHARE=${RF_SHARE:-$src/templates} TZ=UTC GIT_CONFIG_NOSYSTEM=1 LC_ALL=C.UTF-8
export GIT_AUTHOR_NAME="Bench Applicant" GIT_AUTHOR_EMAIL=applicant@example.org
export GIT_COMMITTER_NAME="Bench Applicant" GIT_COMMITTER_EMAIL=applicant@example.org
export GIT_AUTHOR_DATE=2026-12-05T09:00:00Z GIT_COMMITTER_DATE=2026-12-05T09:00:00Z
mkdir -p "$HOME"

# The sheet: headings as an applicant writes them, answers in the words
# sheets use (Yes/No, case by case, 85%, a free-text note).
awk 'BEGIN {
	srand(17)
	split("ir-integrated dr dr-esir ir-independent", track, " ")
	split("Yes No ? case by case", h1b, " ")
	split("OH MI TX NY FL PA CA IL", st, " ")
	print "Name,Track,City,State,H1B,J1,Policy written,ABR core pass pct,Hours per week,IR residents,Off record warning,notes.first_look"
	for (i = 1; i <= 2000; i++) {
		printf "Program %04d IR,%s,City %d,%s,%s,%s,%s,%d%%,%d,%d,%s,\"seen %d; \"\"good\"\" so far\"\n",
			i, track[1 + i % 4], i % 97, st[1 + i % 8], (i % 5 == 4 ? "case by case" : h1b[1 + i % 3]),
			(i % 2 ? "Y" : "N"), (i % 3 ? "TRUE" : "FALSE"), 70 + i % 30, 50 + i % 40, 2 + i % 9,
			(i % 7 ? "no" : "yes"), i
	}
}' >"$work/programs.csv"

# Wall time is what the user waits; user + system CPU says how much of it
# was rf's own work on a machine shared with other jobs.
TIMEFORMAT='%R %U %S'
for r in $(seq "$runs"); do
	{ time "$bin/rf-import" -C "$work/notes-$r" "$work/programs.csv" >/dev/null; } 2>>"$work/times"
done
read -r median cpu < <(awk '{ print $1, $2 + $3 }' "$work/times" | sort -n | sed -n "$(((runs + 1) / 2))p")
notes=$(find "$work/notes-1" -maxdepth 1 -name '*.ini' ! -name profile.ini | wc -l)
printf 'rf-import, %s programs x 12 columns into a new notes directory: %.2f s (median of %s; %.2f s of CPU)\n' \
	"$notes" "$median" "$runs" "$cpu"
git -C "$work/notes-1" log -1 --format='commit: %s'
