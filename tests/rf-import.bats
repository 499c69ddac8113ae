#!/usr/bin/env bats
# rf-import: a sheet as spreadsheets write it, in as notes, one commit or
# none; python3's csv module writes the sheets a LibreOffice user would.
load helper

sheet() { echo "$BATS_TEST_TMPDIR/$1"; }

# The same three programs as Excel saves "CSV UTF-8" in a locale whose
# list separator is ';' (byte order mark, CRLF, decimal comma, quotes only
# where needed, a line break inside a cell as LF).
excel_sheet() {
	printf '\xef\xbb\xbfName;H1B;visa.j1;ABR core pass pct;Hours per week;notes.dinner\r\n' >"$1"
	printf 'Mercy General;Yes;case by case;87,5;;"chief said ""no visas""\nthen left; odd"\r\n' >>"$1"
	printf 'St. Mary'"'"'s \xe2\x80\x93 IR (Integrated);N;\xe2\x9c\x93;92%%;80;\r\n' >>"$1"
	printf 'Lakeside;?;;;;\r\n;;;;;\r\n' >>"$1"
}

# The same as LibreOffice Calc writes it: no byte order mark, LF, ','.
libreoffice_sheet() {
	python3 - "$1" <<-'PY'
		import csv, sys
		rows = [["Name", "H1B", "visa.j1", "ABR core pass pct", "Hours per week", "notes.dinner"],
		        ["Mercy General", "yes", "Case by case", "87.5", "", 'chief said "no visas"\nthen left; odd'],
		        ["St. Mary's \u2013 IR (Integrated)", "no", "yes", "92", "80", ""],
		        ["Lakeside", "unknown", "", "", "", ""]]
		with open(sys.argv[1], "w", newline="", encoding="utf-8") as f:
		    csv.writer(f, lineterminator="\n").writerows(rows)
	PY
}

# Every file of a notes directory but .git, with its bytes' hash.
notes_files() {
	(cd "$1" && find . -path ./.git -prune -o -type f -print0 | sort -z | xargs -0r sha256sum)
}

@test "a sheet as Excel writes it and one as LibreOffice writes it make the same notes, in one commit" {
	excel_sheet "$(sheet excel.csv)"
	libreoffice_sheet "$(sheet calc.csv)"
	run --separate-stderr rf-import -C "$BATS_TEST_TMPDIR/a" "$(sheet excel.csv)"
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$output" "import excel.csv: 3 new, 0 changed, 0 unchanged
line breaks joined with spaces in 1 cell (a note's answer is one line)"
	run --separate-stderr rf-import -C "$BATS_TEST_TMPDIR/b" "$(sheet calc.csv)"
	assert_success
	assert_equal "$(notes_files "$BATS_TEST_TMPDIR/a")" "$(notes_files "$BATS_TEST_TMPDIR/b")"
	local a=$BATS_TEST_TMPDIR/a
	assert_equal "$(git -C "$a" log -1 --format=%B)" "import excel.csv: 3 new, 0 changed, 0 unchanged

new mercy-general: Mercy General
new st-marys-ir-integrated: St. Mary's – IR (Integrated)
new lakeside: Lakeside
line breaks joined with spaces in 1 cell: $(sheet excel.csv):2:6"
	# rf-init's commit, then the import's.
	assert_equal "$(git -C "$a" rev-list --count HEAD)" 2
	assert_equal "$(ini_get "$a/mercy-general.ini" visa:h1b)" yes
	assert_equal "$(ini_get "$a/mercy-general.ini" visa:j1)" case-by-case
	assert_equal "$(ini_get "$a/mercy-general.ini" outcomes:abr_core_pass_pct)" 87.5
	assert_equal "$(ini_get "$a/mercy-general.ini" notes:dinner)" 'chief said "no visas" then left; odd'
	assert_equal "$(ini_get "$a/mercy-general.ini" program:created)" 2026-12-05
	assert_equal "$(ini_get "$a/st-marys-ir-integrated.ini" program:name)" "St. Mary's – IR (Integrated)"
	assert_equal "$(ini_get "$a/st-marys-ir-integrated.ini" visa:j1)" yes
	assert_equal "$(ini_get "$a/st-marys-ir-integrated.ini" workload:hours_per_week)" 80
	assert_equal "$(ini_get "$a/lakeside.ini" visa:h1b)" unknown
	run --separate-stderr git -C "$a" fsck --strict --no-dangling
	assert_success
	assert_equal "$(git -C "$a" status --porcelain --untracked-files=all)" ""
	run rf-check -C "$a"
	assert_success
}

@test "importing the same sheet again commits nothing" {
	excel_sheet "$(sheet excel.csv)"
	rf-import "$(sheet excel.csv)" >/dev/null
	libreoffice_sheet "$(sheet calc.csv)"
	local before
	before=$(notes_state)
	for s in excel.csv calc.csv; do
		run --separate-stderr rf-import "$(sheet $s)"
		assert_success
		assert_equal "$stderr" ""
		assert_line --index 0 "import $s: 0 new, 0 changed, 3 unchanged"
		assert_line "nothing to commit"
	done
	assert_equal "$(notes_state)" "$before"
	assert_equal "$(commit_count)" 2
}

@test "existing notes are edited in place, comments and layout kept; the counts are exact" {
	make_notes
	printf '; my own comment\n' >>"$RF_DIR/mercy-general.ini"
	rf-commit >/dev/null
	sed -e 's/^h1b = unknown$/h1b = no/' -e 's/^j1 = unknown$/j1 = yes/' "$RF_DIR/mercy-general.ini" \
		>"$BATS_TEST_TMPDIR/expected"
	printf 'program,visa.h1b,visa.j1\nMercy General,No,Y\nLakeside,,\n' >"$(sheet s.csv)"
	run --separate-stderr rf-import "$(sheet s.csv)"
	assert_success
	assert_equal "$output" "import s.csv: 1 new, 1 changed (2 answers), 0 unchanged"
	cmp "$BATS_TEST_TMPDIR/expected" "$RF_DIR/mercy-general.ini"
	assert_equal "$(git -C "$RF_DIR" log -1 --format=%B)" "import s.csv: 1 new, 1 changed (2 answers), 0 unchanged

mercy-general: visa.h1b unknown → no
mercy-general: visa.j1 unknown → yes
new lakeside: Lakeside"
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
}

@test "--dry-run prints each program's changes per key and writes nothing" {
	make_notes
	printf 'name,h1b,program.city\nMercy General,case by case,Boston\nLakeside,yes,\n' >"$(sheet s.csv)"
	local before
	before=$(notes_state)
	run --separate-stderr rf-import --dry-run "$(sheet s.csv)"
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$output" "change mercy-general ($(sheet s.csv):2)
  ~ program.city: \"\" → Boston
  ~ visa.h1b: unknown → case-by-case
new lakeside ($(sheet s.csv):3)
  + program.name: Lakeside
  + program.status: researching
  + program.created: 2026-12-05
  + visa.h1b: yes
  (69 questions unanswered)
import s.csv: 1 new, 1 changed (2 answers), 0 unchanged (dry run: nothing written)"
	assert_equal "$(notes_state)" "$before"
	# Nor does it make a notes directory that is not there.
	run rf-import --dry-run -C "$BATS_TEST_TMPDIR/none" "$(sheet s.csv)"
	assert_success
	assert_file_not_exists "$BATS_TEST_TMPDIR/none"
}

@test "a mapping file gives a sheet's own headings their keys, and leaves columns out" {
	make_notes
	cat >"$(sheet map.ini)" <<-'INI'
		; my sheet from the IMG group
		[columns]
		"Program (track)" = program.name
		"H1B sponsor?" = visa.h1b
		'Call "q"' = workload.call_frequency
		Hours/week = workload.hours_per_week
		Notes = -
	INI
	printf '"Program (track)",H1B sponsor?,"Call ""q""",Hours/week,Notes\n' >"$(sheet own.csv)"
	printf 'Mercy General,case-by-case,q4,85,loved the city\n' >>"$(sheet own.csv)"
	run --separate-stderr rf-import --map "$(sheet map.ini)" "$(sheet own.csv)"
	assert_success
	assert_equal "$output" "import own.csv: 0 new, 1 changed (3 answers), 0 unchanged"
	local f=$RF_DIR/mercy-general.ini
	assert_equal "$(ini_get "$f" visa:h1b)" case-by-case
	assert_equal "$(ini_get "$f" workload:call_frequency)" q4
	assert_equal "$(ini_get "$f" workload:hours_per_week)" 85
	run grep -c 'loved' "$f"
	assert_output 0
}

@test "a row is matched by its slug column, else the slug of its name, else its exact name" {
	make_notes
	rf-set mercy 'program.name=Mercy General Hospital – DR' >/dev/null
	printf 'slug,name,h1b\nmercy-general,,no\n' >"$(sheet a.csv)"
	run rf-import "$(sheet a.csv)"
	assert_success
	assert_equal "$(ini_get "$RF_DIR/mercy-general.ini" visa:h1b)" no
	printf 'name,h1b\nMercy General Hospital – DR,yes\n' >"$(sheet b.csv)"
	run rf-import "$(sheet b.csv)"
	assert_output "import b.csv: 0 new, 1 changed (1 answer), 0 unchanged"
	assert_equal "$(ini_get "$RF_DIR/mercy-general.ini" visa:h1b)" yes
	# A slug of its own makes a new note of that name.
	printf 'slug,name\nmercy-ir,Mercy General Hospital – DR\n' >"$(sheet c.csv)"
	run rf-import "$(sheet c.csv)"
	assert_output "import c.csv: 1 new, 0 changed, 0 unchanged"
	assert_file_exists "$RF_DIR/mercy-ir.ini"
	# A name that cannot make a file name needs the slug column, and keeps
	# its words.
	printf 'name,h1b\nMercy IR/DR,no\n' >"$(sheet d.csv)"
	assert_refused "$(sheet d.csv):2:1: a program name with '/' or control characters cannot name a note file: add a slug column" \
		rf-import "$(sheet d.csv)"
	printf 'slug,name\nmercy-ir-dr,Mercy IR/DR\n' >"$(sheet e.csv)"
	run rf-import "$(sheet e.csv)"
	assert_success
	assert_equal "$(ini_get "$RF_DIR/mercy-ir-dr.ini" program:name)" "Mercy IR/DR"
	# Now the name alone is ambiguous.
	assert_refused "$(sheet b.csv):2:1: 'Mercy General Hospital – DR' is the name of mercy-general.ini and mercy-ir.ini: add a slug column to say which" \
		rf-import "$(sheet b.csv)"
}

@test "the sheet comes from standard input with - or no FILE, a TSV too" {
	make_notes
	printf 'name\th1b\nMercy General\tno\n' | rf-import - >/dev/null
	assert_equal "$(ini_get "$RF_DIR/mercy-general.ini" visa:h1b)" no
	printf 'name|h1b\nMercy General|yes\n' | rf-import --delimiter '|' >"$BATS_TEST_TMPDIR/out"
	assert_equal "$(cat "$BATS_TEST_TMPDIR/out")" "import stdin: 0 new, 1 changed (1 answer), 0 unchanged"
	assert_equal "$(ini_get "$RF_DIR/mercy-general.ini" visa:h1b)" yes
	assert_equal "$(last_subject)" "import stdin: 0 new, 1 changed (1 answer), 0 unchanged"
	assert_refused "--delimiter ab: expected one character" rf-import --delimiter ab "$(sheet x.csv)"
}

@test "an unmapped column is refused with its place and a 'did you mean'" {
	make_notes
	printf 'name,H1B sponsor?\nMercy General,yes\n' >"$(sheet s.csv)"
	assert_refused "$(sheet s.csv):1:2: column 'H1B sponsor?' names no key of the template (did you mean visa.h1b?); map it in a --map file under [columns] (\"H1B sponsor?\" = visa.h1b), or leave it out there (\"H1B sponsor?\" = -)" \
		rf-import "$(sheet s.csv)"
	printf 'name,visa.h1\nMercy General,yes\n' >"$(sheet t.csv)"
	assert_refused "$(sheet t.csv):1:2: column 'visa.h1' names no key of the template (did you mean visa.h1b?)" \
		rf-import "$(sheet t.csv)"
}

@test "an answer outside the key's vocabulary is refused at FILE:LINE:COLUMN, with the answers it takes" {
	make_notes
	printf 'name,h1b\nMercy General,maybe\n' >"$(sheet s.csv)"
	assert_refused "$(sheet s.csv):2:2: 'maybe' is not an answer visa.h1b takes: yes, no, case-by-case, vague, unknown" \
		rf-import "$(sheet s.csv)"
	printf 'name,interview date\nMercy General,12/5/2026\n' >"$(sheet d.csv)"
	assert_refused "$(sheet d.csv):2:2: '12/5/2026' is not an answer program.interview_date takes: a date YYYY-MM-DD, unknown or vague" \
		rf-import "$(sheet d.csv)"
	# -f stores it as written.
	run rf-import -f "$(sheet s.csv)"
	assert_success
	assert_equal "$(ini_get "$RF_DIR/mercy-general.ini" visa:h1b)" maybe
}

@test "a broken quote, an empty file, a file with only a header: refused with their line" {
	make_notes
	printf 'name,notes.x\nMercy General,"never closed\nLakeside,yes\n' >"$(sheet q.csv)"
	assert_refused "$(sheet q.csv):2:2: a quoted cell starts here and is never closed: the file ends inside its quotes" \
		rf-import "$(sheet q.csv)"
	printf 'name,notes.x\nMercy General,"a "quote" inside"\n' >"$(sheet r.csv)"
	assert_refused "$(sheet r.csv):2:2: text after the closing quote of a quoted cell: a '\"' inside a quoted cell is written twice" \
		rf-import "$(sheet r.csv)"
	: >"$(sheet empty.csv)"
	assert_refused "$(sheet empty.csv):1: empty: a sheet needs a header row, then one row per program" \
		rf-import "$(sheet empty.csv)"
	printf '\xef\xbb\xbfname;h1b\r\n' >"$(sheet header.csv)"
	assert_refused "$(sheet header.csv):1: a header row and no programs under it" rf-import "$(sheet header.csv)"
	printf 'name,h1b\nMercy General,\xe9\n' >"$(sheet latin1.csv)"
	assert_refused "$(sheet latin1.csv):2:2: not UTF-8 text: save the sheet as \"CSV UTF-8\" (Excel)" \
		rf-import "$(sheet latin1.csv)"
}

@test "a program with two rows is refused at the second" {
	make_notes
	printf 'name,h1b\nMercy General,no\nLakeside,yes\nmercy general,yes\n' >"$(sheet s.csv)"
	assert_refused "$(sheet s.csv):4: the same program as line 2 (mercy-general): a program takes one row" \
		rf-import "$(sheet s.csv)"
}

@test "words that cannot be stored exactly are refused, never altered" {
	make_notes
	printf 'name,notes.x\nMercy General,"she said ""no""; it'"'"'s final"\n' >"$(sheet s.csv)"
	assert_refused "$(sheet s.csv):2:2: notes.x: text holds both \" and ' as well as ';', '#' or surrounding spaces" \
		rf-import "$(sheet s.csv)"
	printf 'name,notes.x\nMercy General,%01100d\n' 0 >"$(sheet long.csv)"
	assert_refused "$(sheet long.csv):2:2: notes.x: 1100 bytes do not fit on one line of a note" \
		rf-import "$(sheet long.csv)"
}

@test "every problem is listed, at most 20, and nothing is written" {
	make_notes
	{
		printf 'name,h1b\n'
		for i in $(seq 1 25); do printf 'Program %d,maybe\n' "$i"; done
	} >"$(sheet s.csv)"
	local before
	before=$(notes_state)
	run --separate-stderr rf-import "$(sheet s.csv)"
	assert_equal "$status" 2
	assert_equal "$output" ""
	assert_equal "$(printf '%s\n' "$stderr" | wc -l)" 21
	assert_equal "$(printf '%s\n' "$stderr" | sed -n 1p)" \
		"rf-import: $(sheet s.csv):2:2: 'maybe' is not an answer visa.h1b takes: yes, no, case-by-case, vague, unknown"
	assert_equal "$(printf '%s\n' "$stderr" | sed -n 21p)" \
		"rf-import: 25 problems in all, the first 20 shown; nothing was written"
	assert_equal "$(notes_state)" "$before"
}

@test "a note with uncommitted edits is committed with the import, with a warning" {
	make_notes
	printf '[notes]\nmine = typed in vim\n' >>"$RF_DIR/mercy-general.ini"
	printf 'name,h1b\nMercy General,no\n' >"$(sheet s.csv)"
	run --separate-stderr rf-import "$(sheet s.csv)"
	assert_success
	assert_equal "$stderr" "rf-import: warning: mercy-general.ini had edits not yet committed: they are committed with the import"
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
	git -C "$RF_DIR" show HEAD:mercy-general.ini | grep -qx 'mine = typed in vim'
}

@test "a key the template lacks comes in when a note has it, or with -f" {
	make_notes
	printf 'name,extra.keep\nMercy General,kept\n' >"$(sheet s.csv)"
	assert_refused "$(sheet s.csv):1:2: column 'extra.keep' names no key of the template" rf-import "$(sheet s.csv)"
	run rf-import -f "$(sheet s.csv)"
	assert_success
	assert_equal "$(ini_get "$RF_DIR/mercy-general.ini" extra:keep)" kept
	printf 'name,extra.keep\nMercy General,again\n' >"$(sheet t.csv)"
	run rf-import "$(sheet t.csv)"
	assert_success
	assert_equal "$(ini_get "$RF_DIR/mercy-general.ini" extra:keep)" again
}

@test "rf-import -h, --help, --version and usage errors" {
	run rf-import --help
	assert_success
	assert_line --index 0 "usage: rf-import [-C DIR] [-f] [--map FILE] [--dry-run] [--delimiter C] [FILE|-]"
	run --separate-stderr rf-import a.csv b.csv
	assert_equal "$status" 2
	run --separate-stderr rf-import "$BATS_TEST_TMPDIR/missing.csv"
	assert_equal "$status" 2
	assert_equal "$stderr" "rf-import: $BATS_TEST_TMPDIR/missing.csv: No such file or directory"
}
