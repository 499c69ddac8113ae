#!/usr/bin/env bats
# rf-export: every note as one table; python3's csv module and jq read it
# as a spreadsheet and a script would, and rf-import reads it back.
load helper

season=

# The demo season is built once for the file (35 rf commands) and copied
# for each test that needs it.
setup_file() {
	setup_rf_env
	"$RF_SRC/demo/season.sh" -n "$BATS_FILE_TMPDIR/season" >/dev/null
}

setup() {
	setup_rf_env
	season="$BATS_TEST_TMPDIR/season"
}

build_season() {
	cp -a "$BATS_FILE_TMPDIR/season" "$season"
	export RF_DIR=$season
}

@test "rf-export | rf-import - on the demo season commits nothing" {
	build_season
	local before
	before=$(notes_state)
	run --separate-stderr bash -c 'rf-export | rf-import -'
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$output" "import stdin: 0 new, 0 changed, 6 unchanged
nothing to commit"
	assert_equal "$(notes_state)" "$before"
	# The TSV comes back as well.
	run bash -c 'rf-export --format tsv | rf-import -'
	assert_line --index 0 "import stdin: 0 new, 0 changed, 6 unchanged"
	assert_equal "$(notes_state)" "$before"
}

@test "an export imported into an empty directory makes the same notes" {
	build_season
	rf-export >"$BATS_TEST_TMPDIR/season.csv"
	rf-import -C "$BATS_TEST_TMPDIR/copy" "$BATS_TEST_TMPDIR/season.csv" >/dev/null
	for f in "$season"/*-*.ini; do
		rf-export -C "$BATS_TEST_TMPDIR/copy" "$(basename "$f" .ini)" >"$BATS_TEST_TMPDIR/b"
		rf-export "$(basename "$f" .ini)" >"$BATS_TEST_TMPDIR/a"
		cmp "$BATS_TEST_TMPDIR/a" "$BATS_TEST_TMPDIR/b"
	done
}

@test "the CSV parses in python3's csv module: a row per program, slug and template keys first" {
	build_season
	rf-export >"$BATS_TEST_TMPDIR/s.csv"
	run python3 - "$BATS_TEST_TMPDIR/s.csv" <<-'PY'
		import csv, sys
		raw = open(sys.argv[1], "rb").read()
		assert raw.count(b"\r\n") == raw.count(b"\n"), "every line ends in CRLF"
		rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
		head, body = rows[0], rows[1:]
		assert all(len(r) == len(head) for r in body)
		by = {r[0]: dict(zip(head, r)) for r in body}
		print(len(body), head[0], head[1], head[2], head.index("visa.h1b") < head.index("quotes.2026-12-01 pd"))
		print(by["crestview-university-ir-integrated"]["visa.h1b"])
		print(by["crestview-university-ir-integrated"]["program.name"])
		print(by["crestview-university-ir-integrated"]["quotes.2026-12-01 pd"])
		print(by["lakeside-medical-center-dr-esir"]["green_flags.img_graduates_named"])
		print(by["lakeside-medical-center-dr-esir"]["quotes.2026-12-01 pd"] == "")
	PY
	assert_success
	assert_output "6 slug program.name program.track True
vague
Crestview University – IR (Integrated)
We can look into it after you match.
high
True"
}

@test "--format json is valid for jq: one object per program, null for a key a note lacks" {
	build_season
	run bash -c "rf-export --format json | jq -r 'length, (.[] | select(.slug == \"northgate-ir-independent\") | .[\"culture.staff_tone\"], .[\"red_flags.public_humiliation\"], (.[\"green_flags.img_graduates_named\"] | tostring))'"
	assert_success
	assert_output "6
hostile
high
null"
}

@test "--at exports the notes as they were, and PROGRAMs narrow the rows" {
	build_season
	run bash -c "rf-export --at 2026-11-30 --format json crestview | jq -r '.[] | .slug, .[\"visa.h1b\"], .[\"program.status\"]'"
	assert_success
	assert_output "crestview-university-ir-integrated
unknown
invited"
	# The day's start: the two programs of November 2nd, and the header.
	run bash -c "rf-export --at 2026-11-03 | cut -d, -f1"
	assert_output "slug
crestview-university-ir-integrated
lakeside-medical-center-dr-esir"
	assert_refused "HEAD~99" rf-export --at HEAD~99
}

@test "--bom starts the CSV with a UTF-8 byte order mark; TSV is tab-separated" {
	make_notes
	rf-set mercy 'notes.tab=a	b' >/dev/null
	run bash -c 'rf-export --bom | head -c 7 | od -An -c | tr -s " "'
	assert_output " 357 273 277 s l u g"
	rf-export --format tsv >"$BATS_TEST_TMPDIR/t"
	assert_equal "$(head -1 "$BATS_TEST_TMPDIR/t" | cut -f1-3)" "slug	program.name	program.track"
	assert_equal "$(tail -1 "$BATS_TEST_TMPDIR/t" | cut -f1-2)" "mercy-general	Mercy General"
	run grep -c '"a	b"' "$BATS_TEST_TMPDIR/t"
	assert_output 1
	assert_refused "--bom is for csv and tsv" rf-export --bom --format json
}

@test "a note that does not parse is refused with its line, and nothing is printed" {
	make_notes
	printf 'not a line iniparser takes\n' >>"$RF_DIR/mercy-general.ini"
	run --separate-stderr rf-export
	assert_equal "$status" 2
	assert_output ""
	assert_equal "$stderr" "rf-export: mercy-general.ini:$(wc -l <"$RF_DIR/mercy-general.ini"): line is not '[section]', 'key = value' or a comment"
}

@test "rf-export -h, --help, --version and usage errors" {
	run rf-export --help
	assert_success
	assert_line --index 0 "usage: rf-export [-C DIR] [--at REV|DATE] [--bom] [--format csv|tsv|json] [PROGRAM...]"
	make_notes
	assert_refused "--format text: expected one of csv, tsv, json" rf-export --format text
	assert_refused "no such program 'nope'" rf-export nope
}
