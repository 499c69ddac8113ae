#!/usr/bin/env bash
# bench/log.sh: rf-log PROGRAM against `git log --format=%H -- PROGRAM.ini`
# on a notes repository of NOTES notes and COMMITS commits (default 2,000
# and 50,000), built quickly with git fast-import.  Prints the median of
# REPS runs of each, their ratio, and peak memory (/usr/bin/time -v).
#
# LOOSE=1 unpacks the objects afterwards: a repository written only by rf
# (libgit2 never packs) holds loose objects, where libgit2 has no delta
# chains to re-apply.
#
# usage: bench/log.sh [RF_BIN]   (environment: NOTES, COMMITS, REPS, BENCH_DIR, LOOSE)
set -eu
cd "$(dirname "$0")/.."
RF_BIN=${1:-${RF_BIN:-$PWD/bin}}
NOTES=${NOTES:-2000}
COMMITS=${COMMITS:-50000}
REPS=${REPS:-5}
work=${BENCH_DIR:-$(mktemp -d)}
[ -n "${BENCH_DIR:-}" ] || trap 'rm -rf "$work"' EXIT

export HOME="$work/home" RF_DIR="$work/notes" RF_SHARE="$PWD/templates" TZ=UTC LC_ALL=C.UTF-8
export GIT_CONFIG_NOSYSTEM=1 RF_PAGER=
mkdir -p "$HOME"
[ -x /usr/bin/time ] || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
[ -x "$RF_BIN/rf-log" ] || { echo "bench: no $RF_BIN/rf-log (make first)" >&2; exit 2; }

if [ ! -d "$RF_DIR/.git" ]; then
	echo "building $NOTES notes, $COMMITS commits with git fast-import ..."
	git init -q -b main "$RF_DIR"
	t0=$(date +%s.%N)
	python3 - "$NOTES" "$COMMITS" templates/program.ini <<-'PY' | git -C "$RF_DIR" fast-import --quiet
	import sys
	notes, commits, template = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
	base = open(template).read().splitlines()
	keys = [i for i, l in enumerate(base) if " = " in l or l.endswith(" =")]
	out = sys.stdout.buffer
	def blob(text):
	    b = text.encode()
	    out.write(b"blob\ndata %d\n" % len(b) + b + b"\n")
	def commit(n, msg, changes):
	    m = msg.encode()
	    t = 1764579600 + n * 60
	    out.write(b"commit refs/heads/main\n")
	    out.write(b"author A <a@example.org> %d +0000\ncommitter A <a@example.org> %d +0000\n" % (t, t))
	    out.write(b"data %d\n" % len(m) + m + b"\n")
	    for path, text in changes:
	        b = text.encode()
	        out.write(b"M 100644 inline %s\ndata %d\n" % (path.encode(), len(b)) + b + b"\n")
	    out.write(b"\n")
	texts = []
	for i in range(notes):
	    lines = list(base)
	    lines[keys[0]] = "name = Program %d" % i
	    texts.append(lines)
	commit(0, "new notes", [("program-%04d.ini" % i, "\n".join(t) + "\n") for i, t in enumerate(texts)])
	for n in range(1, commits):
	    i = (n * 7919) % notes
	    k = keys[(n * 31) % len(keys)]
	    line = texts[i][k]
	    texts[i][k] = line.split("=")[0] + "= v%d" % n
	    commit(n, "set program-%04d: change %d" % (i, n), [("program-%04d.ini" % i, "\n".join(texts[i]) + "\n")])
	PY
	git -C "$RF_DIR" reset -q --hard main
	if [ "${LOOSE:-0}" = 1 ]; then
		mkdir "$work/packs"
		mv "$RF_DIR"/.git/objects/pack/pack-* "$work/packs/"
		git -C "$RF_DIR" unpack-objects -q <"$work"/packs/*.pack
		rm -rf "$work/packs"
	fi
	printf 'built in %.1f s: %s\n' "$(echo "$(date +%s.%N) - $t0" | bc)" "$(du -sh "$RF_DIR/.git" | cut -f1) in .git"
fi

prog=program-0042
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
timeit() {
	local i t0
	for ((i = 0; i < REPS; i++)); do
		t0=$(date +%s.%N)
		"$@" >/dev/null
		echo "$(date +%s.%N) - $t0" | bc
	done | median
}
peak() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ { print $2 }'; }

rf_n=$("$RF_BIN/rf-log" --format tsv "$prog" | tail -n +2 | wc -l)
git_n=$(git -C "$RF_DIR" log --format=%H -- "$prog.ini" | wc -l)
[ "$rf_n" = "$git_n" ] || { echo "bench: rf-log lists $rf_n commits, git log $git_n" >&2; exit 1; }

rf_t=$(timeit "$RF_BIN/rf-log" "$prog")
git_t=$(timeit git -C "$RF_DIR" log --format=%H -- "$prog.ini")
rf_m=$(peak "$RF_BIN/rf-log" "$prog")
git_m=$(peak git -C "$RF_DIR" log --format=%H -- "$prog.ini")
echo "history of $prog: $rf_n commits out of $COMMITS ($NOTES notes), median of $REPS runs"
printf 'rf-log %s               %6.3f s  peak %6d KB\n' "$prog" "$rf_t" "$rf_m"
printf 'git log --format=%%H -- %s.ini  %6.3f s  peak %6d KB\n' "$prog" "$git_t" "$git_m"
printf 'ratio rf-log / git log: %.2f\n' "$(echo "$rf_t / $git_t" | bc -l)"
