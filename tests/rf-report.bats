#!/usr/bin/env bats
# rf-report: the season on one self-contained page (rf-report.1): its
# structure read back with Python's HTML parser (tests/tools/report-dom.py),
# tidy's verdict, no URL leaving the page, escaping of hostile notes, the
# text view, atomic -o, --at, and the notes directory left untouched.
# tests/rf-report-browser.bats renders the page in Chromium.
load helper

dom() {
	python3 "$RF_SRC/tests/tools/report-dom.py" "$@"
}

# Two programs with a short history, one of them pattern and deal-breaker.
small_season() {
	rf-init >/dev/null
	rf-new "Mercy General" >/dev/null
	rf-new -s program.track=dr "Lakeside DR" >/dev/null
	GIT_AUTHOR_DATE=2026-12-06T10:00:00Z rf-set mercy visa.h1b=no culture.abusive_teaching=yes >/dev/null
	GIT_AUTHOR_DATE=2026-12-07T10:00:00Z rf-quote -w pd mercy "We try, but service comes first" >/dev/null
	GIT_AUTHOR_DATE=2026-12-08T10:00:00Z rf-set lakeside program.rank=1 visa.h1b=yes >/dev/null
}

# Every file of the repository and the work tree, with its bytes and mtime.
# Every file but rf's caches in .git/rf/, the one place read-only commands
# may write (rf.7, Caches).
repo_state() {
	(cd "$RF_DIR" && find . -path ./.git/rf -prune -o -type f -print0 | sort -z | xargs -0 stat -c "%n %s %Y" && GIT_OPTIONAL_LOCKS=0 git status --porcelain)
}

@test "the page is one HTML5 document: lang, title, the CSP meta, a heading per section" {
	small_season
	run --separate-stderr rf-report
	assert_success
	assert_equal "$stderr" ""
	assert_line --index 0 '<!DOCTYPE html>'
	assert_line --index 1 '<html lang="en">'
	assert_line '<meta charset="utf-8">'
	assert_line "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">"
	assert_line '<title>rf-report: 2 programs, 2026-12-05</title>'
	assert_line '<h2 id="h-summary">Summary</h2>'
	assert_line '<h2 id="h-ranklist">Rank list</h2>'
	assert_line '<h2 id="h-heatmap">Heat map</h2>'
	assert_line '<h2 id="h-trajectories">Risk over the season</h2>'
	assert_line '<h2 id="h-programs">Programs</h2>'
	assert_equal "${lines[${#lines[@]} - 1]}" '</html>'
	# Table headers all carry a scope; every chart has a title and a description.
	[ "$(grep -o '<th[ >]' <<<"$output" | wc -l)" = "$(grep -o '<th scope="\(col\|row\)"' <<<"$output" | wc -l)" ]
	[ "$(grep -o '<svg ' <<<"$output" | wc -l)" = 2 ]
	[ "$(grep -o '<svg [^>]*role="img"[^>]*><title>[^<]*</title><desc>[^<]*</desc>' <<<"$output" | wc -l)" = 2 ]
}

@test "tidy finds no errors or warnings, nothing can run and nothing points off the page" {
	small_season
	rf-report >"$BATS_TEST_TMPDIR/page.html"
	run tidy -q -errors "$BATS_TEST_TMPDIR/page.html"
	assert_success
	assert_output ""
	run dom scripts "$BATS_TEST_TMPDIR/page.html"
	assert_output ""
	# Every link is a fragment of the page itself; nothing has a src or url().
	run dom urls "$BATS_TEST_TMPDIR/page.html"
	assert_success
	[ "${#lines[@]}" -gt 4 ]
	refute_line --regexp '^(href=[^#]|[^h])'
	run grep -c -e 'http://' -e 'https://' -e 'src="//' "$BATS_TEST_TMPDIR/page.html"
	assert_output 0
}

@test "the heat map: each cell the domain's weighted points, rows in rank order then by risk, marks" {
	small_season
	rf-report >"$BATS_TEST_TMPDIR/page.html"
	run dom cells "$BATS_TEST_TMPDIR/page.html"
	assert_success
	assert_output "$(printf '%s\n' \
		lakeside-dr$'\t'{visa$'\t'2,outcomes$'\t'2,workload$'\t'1.25,supervision$'\t'0.75,education$'\t'1.75,culture$'\t'3.75,img$'\t'1.25,sources$'\t'0.75,quotes$'\t'0,red_flags$'\t'0,pattern$'\t'0,risk$'\t'13.5} \
		mercy-general$'\t'{visa$'\t'14,outcomes$'\t'2,workload$'\t'1.25,supervision$'\t'0.75,education$'\t'1.75,culture$'\t'13.5,img$'\t'1.25,sources$'\t'0.75,quotes$'\t'6,red_flags$'\t'0,pattern$'\t'10,risk$'\t'51.25})"
	run dom names "$BATS_TEST_TMPDIR/page.html"
	assert_output "$(printf 'lakeside-dr\tLakeside DR\nmercy-general\tMercy General\n')"
	grep -qF '<a href="#p2">Mercy General</a> <span class="mark">pattern</span> <span class="mark">deal-breaker</span></th>' \
		"$BATS_TEST_TMPDIR/page.html"
	# Colour bands: 0, under 1, 1-5, 5-10, 10-20, 20+ (rf-report.1).
	grep -q '<td class="cell b3" data-domain="quotes">6</td>' "$BATS_TEST_TMPDIR/page.html"
	grep -q '<td class="cell b4" data-domain="visa">14</td>' "$BATS_TEST_TMPDIR/page.html"
	grep -q '<td class="cell b1" data-domain="supervision">0.75</td>' "$BATS_TEST_TMPDIR/page.html"
	grep -q '<td class="cell b0" data-domain="red_flags">0</td>' "$BATS_TEST_TMPDIR/page.html"
	grep -q '<tr data-program="mercy-general" class="marked">' "$BATS_TEST_TMPDIR/page.html"
	grep -q '<li><span class="sw b5">25</span>20 or more points</li>' "$BATS_TEST_TMPDIR/page.html"
}

@test "the rank list: every list as rf-rank shows it, each finding beside its program, heat map in rank order" {
	small_season
	rf-new -s program.track=ir-integrated -s program.position=advanced -s program.status=interviewed "Metro IR" >/dev/null
	rf-new -s program.track=other -s program.position=preliminary "St Joe <Prelim>" >/dev/null
	rf-new "Zed Valley" >/dev/null
	rf-rank add mercy 1 >/dev/null 2>&1
	rf-rank add metro-ir >/dev/null 2>&1
	rf-rank add --list prelims st-joe-prelim >/dev/null 2>&1
	rf-rank attach prelims metro-ir >/dev/null 2>&1
	rf-rank add --list spare zed-valley >/dev/null 2>&1
	rf-report >"$BATS_TEST_TMPDIR/page.html"
	# Each row's findings are rf-rank check's for that list and rank; the
	# list-wide one (spare attached to nothing) under its table.
	run dom ranks "$BATS_TEST_TMPDIR/page.html"
	assert_output "$(printf '%s\n' \
		$'primary\t1\tmercy-general\tnrmp-not-interviewed,malignant-first,open-questions' \
		$'primary\t2\tlakeside-dr\tnrmp-not-interviewed,open-questions' \
		$'primary\t3\tmetro-ir\topen-questions' \
		$'prelims\t1\tst-joe-prelim\tnrmp-not-interviewed' \
		$'spare\t1\tzed-valley\tnrmp-not-interviewed,nrmp-supplemental' \
		$'spare\t\t\tnrmp-attach')"
	run rf-rank check --format tsv
	assert_equal "$(($(wc -l <<<"$output") - 1))" "$(dom ranks "$BATS_TEST_TMPDIR/page.html" | cut -f4 | tr , '\n' | wc -l)"
	grep -qF '<h3>Supplemental list prelims, for <code>metro-ir</code></h3>' "$BATS_TEST_TMPDIR/page.html"
	grep -qF '<strong>warning:</strong> a deal-breaker program ranked first (visa.h1b = no) <span class="muted">[malignant-first]</span><br><span class="muted">article: ' \
		"$BATS_TEST_TMPDIR/page.html"
	grep -qF 'with what <code>rf-rank check</code> finds beside the program it is about: 0 errors, 10 warnings.' \
		"$BATS_TEST_TMPDIR/page.html"
	grep -qF '<tr data-list="primary" data-rank="1" data-slug="mercy-general" class="found"><td class="n">1</td><th scope="row"><a href="#p1">Mercy General</a></th>' \
		"$BATS_TEST_TMPDIR/page.html"
	grep -qF '<th scope="row"><a href="#p5">St Joe &lt;Prelim&gt;</a></th>' "$BATS_TEST_TMPDIR/page.html"
	run tidy -q -errors "$BATS_TEST_TMPDIR/page.html"
	assert_output ""
	# The heat map: the primary list in its order, then the others by risk, deal-breakers last.
	run dom names "$BATS_TEST_TMPDIR/page.html"
	assert_output "$(printf '%s\n' $'mercy-general\tMercy General' $'lakeside-dr\tLakeside DR' $'metro-ir\tMetro IR' \
		$'zed-valley\tZed Valley' $'st-joe-prelim\tSt Joe <Prelim>')"
	run rf-report --format text
	assert_line 'rank list: 3 programs, 0 errors, 10 warnings (rf-rank)'
	# A list file that does not parse: reported once, the page shows why and keeps the scores.
	echo '[supplemental Bad' >>"$RF_DIR/ranks.txt"
	run --separate-stderr rf-report
	assert_success
	assert_equal "$stderr" "rf-report: ranks.txt:$(wc -l <"$RF_DIR/ranks.txt"): expected '[supplemental NAME]' (then 'for ADVANCED, ...'), not '[supplemental Bad'"
	[[ $output == *'<p><strong>The list file does not parse:</strong> <code>ranks.txt:'"$(wc -l <"$RF_DIR/ranks.txt")"': expected &#39;[supplemental NAME]&#39;'* ]]
	[ "$(grep -c '<td class="n" data-domain="risk">' <<<"$output")" = 5 ]
}

@test "the charts: one point per commit that moved the risk, each naming its change" {
	small_season
	rf-report >"$BATS_TEST_TMPDIR/page.html"
	run dom points "$BATS_TEST_TMPDIR/page.html"
	assert_output "$(printf 'lakeside-dr\t2\t2\nmercy-general\t3\t3\n')"
	local id
	id=$(git -C "$RF_DIR" rev-parse --short=7 HEAD~1)
	grep -qF "<title>2026-12-07 10:00 $id: quote mercy-general: quotes.2026-12-07 pd (none) → We try, but service comes first (risk 35.25 → 51.25)</title>" \
		"$BATS_TEST_TMPDIR/page.html"
	grep -qF '<desc>Risk 13.75 on 2026-12-05, 51.25 on 2026-12-07, after 3 changes; tier now high.</desc>' \
		"$BATS_TEST_TMPDIR/page.html"
	# A shared scale: the highest risk (51.25) is under the "severe" edge (60), the top of every chart.
	[ "$(grep -o '<text class="y" x="31" y="11">60</text>' "$BATS_TEST_TMPDIR/page.html" | wc -l)" = 2 ]
	# Uncommitted edits are the last point, as rf-log shows them first.
	sed -i "s/^abusive_teaching = unknown/abusive_teaching = yes/" "$RF_DIR/lakeside-dr.ini"
	rf-report >"$BATS_TEST_TMPDIR/page.html"
	run dom points "$BATS_TEST_TMPDIR/page.html"
	assert_output "$(printf 'lakeside-dr\t3\t3\nmercy-general\t3\t3\n')"
	grep -qF 'working tree: uncommitted changes (risk 13.5 → ' "$BATS_TEST_TMPDIR/page.html"
}

@test "per program: contributions with unknowns summed, quotes with warning phrases, open questions" {
	small_season
	rf-report mercy >"$BATS_TEST_TMPDIR/page.html"
	local page
	page=$(cat "$BATS_TEST_TMPDIR/page.html")
	[[ $page == *'<tr><td>visa</td><td><code>visa.h1b</code></td><td>no</td><td><code>no:12</code></td><td class="n">12</td><td class="n">1</td><td class="n">12</td></tr>'* ]]
	# rf-score --explain's rows: the domain's unknowns summed after its last row.
	[[ $page == *'<td class="n">12</td></tr>'$'\n''<tr><td>visa</td><td>8 keys</td><td>unknown</td><td><code>default unknown</code></td><td class="n">0.25</td><td class="n">1</td><td class="n">2</td></tr>'* ]]
	[[ $page == *'<tfoot><tr><th scope="row" colspan="6">total</th><td class="n">51.25</td></tr></tfoot>'* ]]
	[[ $page == *'<p class="muted">Known 5 %: 22 of the 397 points at stake are answered.</p>'* ]]
	# The rows are rf-score --explain's, in its order.
	[ "$(grep -c '^<tr><td>' <<<"$page")" -ge "$(($(rf-score --format tsv --explain mercy | wc -l) - 2))" ]
	[[ $page == *'<figure class="quote"><blockquote>We try, but service comes first</blockquote><figcaption class="muted">2026-12-07 pd: “service comes first”, +6</figcaption></figure>'* ]]
	[[ $page == *'<strong>Deal-breaker:</strong> <code>visa.h1b = no</code>'* ]]
	# The first open question is rf-ask's first.
	local first
	first=$(rf-ask --format tsv mercy | sed -n 2p | cut -f3)
	[[ $page == *"<ol class=\"ask\">"$'\n'"<li>"*"<code>$first</code>"* ]]
	[[ $page == *"more: <code>rf-ask mercy-general</code>"* ]]
	# Only the program named.
	run dom names "$BATS_TEST_TMPDIR/page.html"
	assert_output "$(printf 'mercy-general\tMercy General')"
}

@test "the summary: tiers, pattern and deal-breaker programs, conflicts, answered questions" {
	small_season
	printf '\n[conflicts]\nvisa.h1b = yes (from the other laptop)\n' >>"$RF_DIR/lakeside-dr.ini"
	run --separate-stderr rf-report --format text
	assert_success
	assert_line --index 0 '2 programs; the notes as of 2026-12-05 09:00 (the working tree)'
	assert_line --index 1 'tiers: low 0, guarded 1, elevated 0, high 1, severe 0'
	assert_line --index 2 'pattern (red answers in 3 or more domains): 1: mercy-general'
	assert_line --index 3 'deal-breakers: 1: mercy-general (visa.h1b = no)'
	assert_line --index 4 'open conflicts: 1: lakeside-dr'
	assert_line --index 5 'questions answered: 3 of 120 (2 %); 0 vague; 117 not asked yet'
	assert_line --index 6 'known 4%: 34 of the 794 points at stake are answered'
	assert_line --index 7 'rank list: 1 program, 0 errors, 3 warnings (rf-rank)'
	rf-report >"$BATS_TEST_TMPDIR/page.html"
	grep -qF '<li>Open conflicts between devices: 1: <a href="#p1">Lakeside DR</a> (1)</li>' "$BATS_TEST_TMPDIR/page.html"
	grep -qF '<li>Questions answered: 3 of 120 (2 %); 0 of them vague (asked, but dodged); 117 not asked yet.</li>' \
		"$BATS_TEST_TMPDIR/page.html"
	grep -qF '<tr class="t3"><th scope="row">high</th><td class="n">40</td><td class="n">1</td></tr>' \
		"$BATS_TEST_TMPDIR/page.html"
}

@test "--format text: the summary and the heat map, coloured only on a terminal" {
	small_season
	run --separate-stderr rf-report --format text
	assert_success
	assert_equal "${lines[8]}" "rank  program        marks                visa  outcomes  workload  supervision  education  culture   img  sources  quotes  red_flags  pattern   risk  tier"
	assert_equal "${lines[9]}" "   1  lakeside-dr                            2         2      1.25         0.75       1.75     3.75  1.25     0.75       0          0        0   13.5  guarded"
	assert_equal "${lines[10]}" "      mercy-general  pattern,dealbreaker    14         2      1.25         0.75       1.75     13.5  1.25     0.75       6          0       10  51.25  high"
	assert_equal "${#lines[@]}" 11
	[[ $output != *$'\033'* ]]
	run script -qec "RF_PAGER= TERM=xterm rf-report --format text" /dev/null
	assert_success
	[[ $output == *'pattern,dealbreaker  '$'\033[48;5;160;38;5;231m''  14'$'\033[m''  '$'\033[48;5;223;38;5;16m''       2'$'\033[m'* ]] ||
		fail "no colour: $output"
	run script -qec "RF_PAGER= TERM=xterm NO_COLOR=1 rf-report --format text" /dev/null
	[[ $output != *$'\033['* ]] || fail "coloured despite NO_COLOR"
}

@test "hostile notes are shown as written, never as markup" {
	rf-init >/dev/null
	rf-new -s 'program.website=https://evil.example/?a=1#x' 'X script' >/dev/null
	local slug=x-script
	rf-set "$slug" 'program.name=X<script>alert(1)</script> & "Co" O'\''Neil' >/dev/null
	rf-quote -w '<i>pd</i>' "$slug" '</blockquote><img src=//evil.example/x onerror=alert(1)> see http://evil.example after you match' >/dev/null
	rf-quote "$slug" "we're like a family" >/dev/null
	rf-report >"$BATS_TEST_TMPDIR/page.html"
	run tidy -q -errors "$BATS_TEST_TMPDIR/page.html"
	assert_output ""
	run dom scripts "$BATS_TEST_TMPDIR/page.html"
	assert_output ""
	run dom urls "$BATS_TEST_TMPDIR/page.html"
	refute_line --regexp '^(href=[^#]|[^h])'
	# The words are all there, escaped; the only URLs in the file are the user's text.
	grep -qF 'X&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot; O&#39;Neil' "$BATS_TEST_TMPDIR/page.html"
	grep -qF '<blockquote>&lt;/blockquote&gt;&lt;img src=//evil.example/x onerror=alert(1)&gt; see http://evil.example after you match</blockquote>' \
		"$BATS_TEST_TMPDIR/page.html"
	grep -qF '<figcaption class="muted">2026-12-05 &lt;i&gt;pd&lt;/i&gt;: “after you match”, +' "$BATS_TEST_TMPDIR/page.html"
	run grep -o -e 'http://[^ <]*' -e 'https://[^ <]*' -e 'src="//' "$BATS_TEST_TMPDIR/page.html"
	refute_line --regexp 'src="//'
	refute_line --regexp '^https?://[^e]'
	run grep -c '<script' "$BATS_TEST_TMPDIR/page.html"
	assert_output 0
	run dom names "$BATS_TEST_TMPDIR/page.html"
	assert_output "$slug"$'\t''X<script>alert(1)</script> & "Co" O'\''Neil'
}

@test "-o FILE: the page replaces FILE atomically, mode kept, nothing else left" {
	small_season
	local out=$HOME/reports/season.html
	mkdir -p "$HOME/reports"
	rf-report >"$BATS_TEST_TMPDIR/stdout.html"
	run --separate-stderr rf-report -o "$out"
	assert_success
	assert_output ""
	assert_equal "$stderr" ""
	cmp "$out" "$BATS_TEST_TMPDIR/stdout.html"
	assert_equal "$(stat -c %a "$out")" 600
	chmod 644 "$out"
	rf-set mercy visa.j1=no >/dev/null
	rf-report --output "$out"
	assert_equal "$(stat -c %a "$out")" 644
	assert_equal "$(ls -A "$HOME/reports")" season.html
	assert_equal "$(grep -o 'data-domain' "$out" | wc -l)" 24
	# -o - is standard output; --format text goes to FILE too.
	run rf-report -o - --format text
	assert_line --index 0 --partial '2 programs; '
	rf-report -o "$HOME/reports/season.txt" --format text
	assert_equal "$(sed -n 1p "$HOME/reports/season.txt")" '2 programs; the notes as of 2026-12-05 09:00 (the working tree)'
}

@test "-o FILE: a failure writes nothing and leaves FILE as it was" {
	small_season
	local out=$HOME/season.html
	echo "last week's page" >"$out"
	printf 'no equals sign\n' >>"$RF_DIR/mercy-general.ini"
	run --separate-stderr rf-report -o "$out"
	assert_equal "$status" 2
	assert_equal "$stderr" "rf-report: mercy-general.ini:$(wc -l <"$RF_DIR/mercy-general.ini"): line is not '[section]', 'key = value' or a comment"
	assert_equal "$(cat "$out")" "last week's page"
	assert_equal "$(ls -A "$HOME")" "$(printf 'rf\nseason.html')"
	git -C "$RF_DIR" checkout -q mercy-general.ini
	assert_refused "rf-report: $HOME/nowhere/season.html: No such file or directory" rf-report -o "$HOME/nowhere/season.html"
	assert_refused "rf-report: $HOME: is a directory" rf-report -o "$HOME"
	assert_refused "rf-report: /dev/full: No space left on device" rf-report -o /dev/full
}

# Refused with one line, and not a byte of the notes directory changed
# (assert_refused runs git status, which refreshes the index).
refused_untouched() {
	local pattern=$1 before
	shift
	before=$(repo_state)
	run --separate-stderr "$@"
	assert_equal "$status" 2
	assert_equal "$(printf '%s\n' "$stderr" | wc -l)" 1
	[[ $stderr == *"$pattern"* ]] || fail "stderr '$stderr' does not contain '$pattern'"
	assert_equal "$(repo_state)" "$before"
}

@test "-o inside the notes directory is refused: a report never replaces a note" {
	small_season
	refused_untouched "rf-report: $RF_DIR/mercy-general.ini: inside the notes directory $RF_DIR, where read-only commands never write; write it elsewhere" \
		rf-report -o "$RF_DIR/mercy-general.ini"
	refused_untouched "inside the notes directory" rf-report -o "$RF_DIR/report.html"
	refused_untouched "inside the notes directory" rf-report -o "$RF_DIR/.git/index"
	ln -s "$RF_DIR/mercy-general.ini" "$HOME/link.html"
	refused_untouched "rf-report: $HOME/link.html: inside the notes directory" rf-report -o "$HOME/link.html"
	cd "$RF_DIR"
	refused_untouched "rf-report: season.html: inside the notes directory" rf-report -o season.html
}

@test "read-only: the notes directory and its .git are untouched" {
	small_season
	sed -i 's/^j1 = unknown/j1 = no/' "$RF_DIR/lakeside-dr.ini"
	local before
	before=$(repo_state)
	rf-report >/dev/null
	rf-report --format text >/dev/null
	rf-report --at HEAD~2 >/dev/null
	rf-report -o "$HOME/page.html"
	assert_equal "$(repo_state)" "$before"
	run git -C "$RF_DIR" fsck --strict --no-dangling
	assert_success
}

@test "--at REV|DATE: the notes, their scores and the charts as they were" {
	small_season
	local id
	id=$(git -C "$RF_DIR" rev-parse HEAD~2)
	run --separate-stderr rf-report --at HEAD~2 --format text
	assert_success
	assert_line --index 0 '2 programs; the notes as of 2026-12-06 10:00 (commit '"${id:0:7}"')'
	rf-report --at HEAD~2 >"$BATS_TEST_TMPDIR/page.html"
	run dom points "$BATS_TEST_TMPDIR/page.html"
	assert_output "$(printf 'lakeside-dr\t1\t1\nmercy-general\t2\t2\n')"
	grep -qF "(commit <code>${id:0:7}</code>)" "$BATS_TEST_TMPDIR/page.html"
	run dom cells "$BATS_TEST_TMPDIR/page.html"
	assert_line "$(printf 'mercy-general\trisk\t35.25')"
	# A date means its last commit; before the first, nothing.
	rf-report --at 2026-12-07 >"$BATS_TEST_TMPDIR/dated.html"
	run dom cells "$BATS_TEST_TMPDIR/dated.html"
	assert_line "$(printf 'mercy-general\trisk\t51.25')"
	assert_refused "rf-report: 2020-01-01: no commit at or before that date" rf-report --at 2020-01-01
	assert_refused "rf-report: HEAD~99: unknown revision" rf-report --at HEAD~99
}

@test "bad arguments are refused with one line and nothing written" {
	small_season
	assert_refused "rf-report: --format xml: expected one of html, text" rf-report --format xml
	assert_refused "rf-report: --format tsv: expected one of html, text" rf-report --format tsv -o "$HOME/x.html"
	assert_refused "rf-report: no such program 'nosuch'" rf-report nosuch
	assert_refused "rf-report: '-o' comes after an operand" rf-report mercy -o "$HOME/x.html"
	[ ! -e "$HOME/x.html" ]
	run --separate-stderr rf-report -o
	assert_equal "$status" 2
	[[ $stderr == *"option requires an argument -- 'o'"* ]]
}

@test "an empty season is a page too" {
	rf-init >/dev/null
	run --separate-stderr rf-report --format text
	assert_success
	assert_line --index 0 '0 programs; the notes as of 2026-12-05 09:00 (the working tree)'
	assert_line --index 5 'questions answered: 0 of 0; 0 vague; 0 not asked yet'
	rf-report >"$BATS_TEST_TMPDIR/page.html"
	run tidy -q -errors "$BATS_TEST_TMPDIR/page.html"
	assert_output ""
	grep -qF '<title>rf-report: 0 programs, 2026-12-05</title>' "$BATS_TEST_TMPDIR/page.html"
}

# A season of 60 programs and fixed dates (tests/tools/gen-season.py): every
# cell of the heat map equals the sum of that domain's values in
# rf-score --explain, and every chart has one point per commit rf-log shows
# moving the program's risk.
@test "60 programs: heat map cells are rf-score --explain's per-domain sums, one point per risk change" {
	python3 "$RF_SRC/tests/tools/gen-season.py" "$RF_SRC/templates" "$RF_DIR" 60
	rf-report -o "$BATS_TEST_TMPDIR/page.html"
	dom cells "$BATS_TEST_TMPDIR/page.html" | awk -F'\t' '$2 != "risk" { printf "%s\t%s\t%.2f\n", $1, $2, $3 }' |
		sort >"$BATS_TEST_TMPDIR/cells"
	assert_equal "$(wc -l <"$BATS_TEST_TMPDIR/cells")" $((60 * 11))
	# Under make valgrind, 6 of the 60 rf-score runs: the same comparison,
	# a tenth of the minutes.
	local slug slugs
	slugs=$(cd "$RF_DIR" && ls *.ini | grep -v '^profile.ini$' | sed 's/\.ini$//')
	[ -z "${RF_VALGRIND:-}" ] || slugs=$(head -6 <<<"$slugs")
	for slug in $slugs; do
		rf-score --format tsv --explain "$slug" | awk -F'\t' -v s="$slug" '
			NR == 1 || $1 == "total" { next }
			{ v[$1] += $7 }
			END {
				n = split("visa outcomes workload supervision education culture img sources quotes red_flags pattern", d, " ")
				for (i = 1; i <= n; i++) printf "%s\t%s\t%.2f\n", s, d[i], v[d[i]]
			}'
	done | sort >"$BATS_TEST_TMPDIR/explain"
	[ -z "${RF_VALGRIND:-}" ] || grep -F -f <(sed 's/$/\t/' <<<"$slugs") "$BATS_TEST_TMPDIR/cells" >"$BATS_TEST_TMPDIR/cells.6"
	[ -z "${RF_VALGRIND:-}" ] || mv "$BATS_TEST_TMPDIR/cells.6" "$BATS_TEST_TMPDIR/cells"
	run diff "$BATS_TEST_TMPDIR/explain" "$BATS_TEST_TMPDIR/cells"
	assert_success
	# The risk column is rf-score's.
	rf-score --format tsv | awk -F'\t' 'NR > 1 { printf "%s\t%.2f\n", $2, $4 }' | sort >"$BATS_TEST_TMPDIR/risk"
	dom cells "$BATS_TEST_TMPDIR/page.html" | awk -F'\t' '$2 == "risk" { printf "%s\t%.2f\n", $1, $3 }' | sort |
		diff "$BATS_TEST_TMPDIR/risk" -
	# Points: rf-log's entries whose risk moved (the renamed note's old
	# entries under its new slug), and each chart's circles match.
	rf-log --format tsv | awk -F'\t' 'NR > 1 && $5 != "" && $4 != $5 { sub(/^program-07$/, "program-07-renamed", $3); n[$3]++ }
		END { for (s in n) printf "%s\t%d\n", s, n[s] }' | sort >"$BATS_TEST_TMPDIR/log-points"
	dom points "$BATS_TEST_TMPDIR/page.html" | awk -F'\t' '$2 != $3 { print "mismatch " $0 } { printf "%s\t%d\n", $1, $2 }' |
		sort >"$BATS_TEST_TMPDIR/chart-points"
	run diff "$BATS_TEST_TMPDIR/log-points" "$BATS_TEST_TMPDIR/chart-points"
	assert_success
	assert_equal "$(wc -l <"$BATS_TEST_TMPDIR/chart-points")" 60
	grep -q '^program-07-renamed' "$BATS_TEST_TMPDIR/chart-points"
	run tidy -q -errors "$BATS_TEST_TMPDIR/page.html"
	assert_output ""
}
