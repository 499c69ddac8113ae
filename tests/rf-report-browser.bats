#!/usr/bin/env bats
# rf-report's page as a person sees it: the demo season (demo/season.sh)
# rendered by headless Chromium, offline (every host name unresolvable, a
# proxy that goes nowhere) with a throwaway profile.  Two Chromium runs in
# all, since each costs a second or two: a screenshot that must not be
# blank, and the DOM Chromium built, which must hold every program, the
# rank list with its findings, and a hostile note's words as text rather
# than markup.  Skipped, with the
# reason, only when Chromium cannot start here, and under make valgrind.
load helper

# make valgrind wraps rf's binaries, not Chromium: what this file runs of
# rf, tests/rf-report.bats runs too, and two browser starts under a
# valgrind-loaded machine would only cost time.  bats 1.8 counts a skip in
# setup_file as a failure, so the set-up is left out there and each test
# skips in setup.
setup_file() {
	[ -z "${RF_VALGRIND:-}" ] || return 0
	setup_rf_env
	export SEASON="$BATS_FILE_TMPDIR/season" PAGES="$BATS_FILE_TMPDIR"
	"$RF_SRC/demo/season.sh" -n "$SEASON" >/dev/null
	rf-report -C "$SEASON" -o "$PAGES/season.html"
	# The same season and a note whose name and quote try to run a script.
	cp -a "$SEASON" "$PAGES/hostile"
	rf-new -C "$PAGES/hostile" "Hostile" >/dev/null
	rf-set -C "$PAGES/hostile" hostile \
		'program.name=<script>document.title="pwned"</script><b onmouseover=alert(1)>Bold</b> & co' >/dev/null
	rf-quote -C "$PAGES/hostile" -w pd hostile '<img src=x onerror=document.title="pwned"> after you match' >/dev/null
	rf-report -C "$PAGES/hostile" -o "$PAGES/hostile.html"
}

setup() {
	[ -z "${RF_VALGRIND:-}" ] || skip "Chromium is not valgrind's to check; tests/rf-report.bats covers rf-report"
	setup_rf_env
}

# Chromium with no network and a profile of its own, as root needs it.
chromium_run() {
	local bin
	bin=$(command -v chromium || command -v chromium-browser) || return 127
	local args=(--headless --disable-gpu --disable-background-networking --disable-component-update
		--disable-sync --no-first-run --no-default-browser-check --disable-extensions --hide-scrollbars
		--host-resolver-rules='MAP * ~NOTFOUND' --proxy-server=127.0.0.1:9
		--user-data-dir="$BATS_TEST_TMPDIR/profile" --force-device-scale-factor=1)
	[ "$(id -u)" != 0 ] || args+=(--no-sandbox)
	timeout 120 "$bin" "${args[@]}" "$@"
}

# Skip, naming the reason, when Chromium cannot start at all: it renders
# about:blank or the test is skipped; a page it cannot render fails.
chromium_or_skip() {
	local out
	if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null; then
		skip "chromium is not installed (make deps installs it)"
	fi
	out=$(chromium_run --dump-dom about:blank 2>&1) ||
		skip "chromium cannot start here: $(grep -m1 -i 'error\|fatal' <<<"$out")"
}

@test "Chromium renders the demo season's page: the screenshot is not blank" {
	local png="$BATS_TEST_TMPDIR/season.png"
	run chromium_run --screenshot="$png" --window-size=1000,1000 "file://$PAGES/season.html"
	[ -s "$png" ] || chromium_or_skip
	[ -s "$png" ] || fail "no screenshot: $output"
	run python3 "$RF_SRC/tests/tools/png-stats.py" "$png"
	assert_success
	local w h variance inked distinct
	read -r w h variance inked distinct <<<"$output"
	assert_equal "$w $h" "1000 1000"
	# Text, lines and the heat map's colours: far from one flat colour.
	awk -v v="$variance" -v i="$inked" -v d="$distinct" 'BEGIN { exit !(v > 500 && i > 0.02 && d > 30) }' ||
		fail "blank-looking screenshot: $output"
}

@test "Chromium's DOM holds every program and the rank list, and a hostile note only as text" {
	local dom="$BATS_TEST_TMPDIR/dom.html"
	chromium_run --dump-dom "file://$PAGES/hostile.html" >"$dom" 2>/dev/null || true
	[ -s "$dom" ] || chromium_or_skip
	[ -s "$dom" ] || fail "no DOM dumped"
	# Every program of the season, by the name in its note, in the heat map.
	local f want got
	want=$(for f in "$PAGES"/hostile/*.ini; do
		[ "${f##*/}" = profile.ini ] || printf '%s\t%s\n' "$(basename "$f" .ini)" "$(ini_get "$f" program:name)"
	done | sort)
	got=$(python3 "$RF_SRC/tests/tools/report-dom.py" names "$dom" | sort)
	assert_equal "$got" "$want"
	[ "$(wc -l <<<"$got")" = 7 ]
	grep -qF 'Crestview University – IR (Integrated)' <<<"$got"
	# No script ran (the title is rf's), none is in the DOM, and the words
	# are there as the applicant wrote them.
	run grep -c '<title>rf-report: 7 programs, 2026-12-05</title>' "$dom"
	assert_output 1
	run python3 "$RF_SRC/tests/tools/report-dom.py" scripts "$dom"
	assert_output ""
	grep -qF '&lt;script&gt;document.title="pwned"&lt;/script&gt;&lt;b onmouseover=alert(1)&gt;Bold&lt;/b&gt; &amp; co' "$dom"
	grep -qF '&lt;img src=x onerror=document.title="pwned"&gt; after you match' "$dom"
	# The rank list as rf-rank shows it, with every finding of rf-rank check.
	want=$(rf-rank -C "$PAGES/hostile" --format tsv | awk -F'\t' 'NR > 1 { print $1 "\t" $2 "\t" $3 }')
	got=$(python3 "$RF_SRC/tests/tools/report-dom.py" ranks "$dom")
	assert_equal "$(awk -F'\t' '$2 != "" { print $1 "\t" $2 "\t" $3 }' <<<"$got")" "$want"
	[ "$(wc -l <<<"$want")" -ge 5 ]
	run rf-rank -C "$PAGES/hostile" check --format tsv
	assert_equal "$(cut -f4 <<<"$got" | tr , '\n' | grep -c .)" "$((${#lines[@]} - 1))"
	# Each chart of the season is there with its points.
	run python3 "$RF_SRC/tests/tools/report-dom.py" points "$dom"
	assert_equal "${#lines[@]}" 7
	refute_line --regexp $'\t0\t'
}
