#!/usr/bin/env bats
# No dead ends on a rank-day evening: a broken note does not hide the
# others, names from every script get a slug, typos get "did you mean",
# pasted quotes are taken or refused with the way out, ranks are numbers.
load helper

@test "program.rank takes a whole number from 1; anything else needs --force and is null in JSON" {
	make_notes
	assert_refused "rf-set: program.rank: '2.5' is not a whole number from 1 (use --force to set it anyway)" \
		rf-set mercy program.rank=2.5
	local bad
	for bad in 0 -1 02 +1 first 1e2 ' 3'; do
		assert_refused "rf-set: program.rank: '$bad' is not a whole number from 1" rf-set mercy "program.rank=$bad"
	done
	assert_refused "rf-new: program.rank: '0' is not a whole number from 1" rf-new -s program.rank=0 "Lakeside"
	run --separate-stderr rf-set mercy program.rank=12
	assert_success
	assert_equal "$(ini_get "$RF_DIR/mercy-general.ini" program:rank)" "12"
	rf-new -s program.rank=3 "Lakeside" >/dev/null
	run --separate-stderr rf-set --force mercy program.rank=first
	assert_success
	assert_equal "$(rf-score --format json | jq -c '[.[] | [.program, .rank]]')" '[["lakeside",1],["mercy-general",null]]'
	assert_equal "$(rf-score --format tsv | cut -f1,2 | tail -n +2)" $'1\tlakeside\n\tmercy-general'
	run --separate-stderr rf-check
	assert_equal "$status" 1
	assert_output "mercy-general.ini:$(grep -n '^rank = first$' "$RF_DIR/mercy-general.ini" | cut -d: -f1): program.rank: 'first' is not a whole number from 1"
}

@test "names in Cyrillic, Greek and Vietnamese get a transliterated slug, the name kept whole" {
	rf-init >/dev/null
	run --separate-stderr rf-new "Москва State Medical – IR"
	assert_success
	assert_output "$RF_DIR/moskva-state-medical-ir.ini"
	assert_equal "$(ini_get "$RF_DIR/moskva-state-medical-ir.ini" program:name)" "Москва State Medical – IR"
	run --separate-stderr rf-new "Αθήνα General"
	assert_output "$RF_DIR/athina-general.ini"
	run --separate-stderr rf-new "Bệnh viện Việt Đức"
	assert_output "$RF_DIR/benh-vien-viet-duc.ini"
	assert_equal "$(git -C "$RF_DIR" log -1 --format=%s)" "new benh-vien-viet-duc: Bệnh viện Việt Đức"
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
}

@test "names in Arabic, CJK or Devanagari say how to choose a slug, and that way works" {
	rf-init >/dev/null
	local name
	for name in "東京大学病院" "مستشفى الجامعة" "अखिल भारतीय आयुर्विज्ञान संस्थान" "서울대학교병원"; do
		assert_refused "rf-new: '$name' has no letters rf can spell in ASCII for a file name; name the note yourself: rf-new -s program.name='$name' SLUG" \
			rf-new "$name"
		assert_equal "$stderr" "rf-new: '$name' has no letters rf can spell in ASCII for a file name; name the note yourself: rf-new -s program.name='$name' SLUG"
	done
	assert_refused "rf-new -s program.name='東京 '\''大学'\''' SLUG" rf-new "東京 '大学'"
	run --separate-stderr rf-new -s program.name='東京大学病院' todai
	assert_success
	assert_output "$RF_DIR/todai.ini"
	assert_equal "$(ini_get "$RF_DIR/todai.ini" program:name)" "東京大学病院"
	# the name then finds the note, like any other
	run --separate-stderr rf-set 東京大学病院 visa.h1b=yes
	assert_success
	assert_equal "$(last_subject)" "set todai: visa.h1b unknown → yes"
}

@test "a name that makes an existing slug says which program owns it" {
	make_notes
	assert_refused "rf-new: 'MERCY  general!' makes the file name mercy-general.ini, which is the note of 'Mercy General'; give this program its own slug: rf-new -s program.name='MERCY  general!' SLUG" \
		rf-new "MERCY  general!"
	rf-new "東京大学 IR" >/dev/null
	assert_refused "rf-new: '京都大学 IR' makes the file name ir.ini, which is the note of '東京大学 IR'; give this program its own slug: rf-new -s program.name='京都大学 IR' SLUG" \
		rf-new "京都大学 IR"
	# the same program again is still "edit it"
	assert_refused "rf-new: mercy-general.ini already exists (edit it with rf-edit mercy-general)" rf-new "mercy general"
}

@test "a mistyped program gets 'did you mean': slug, name, a word or the start mistyped" {
	make_notes
	rf-new "Mercy West" >/dev/null
	rf-new "St. Mary's – IR (Integrated)" >/dev/null
	rf-new "Johns Hopkins" >/dev/null
	assert_refused "rf-set: no such program 'mercy-genral'; did you mean 'mercy-general'?" rf-set mercy-genral visa.h1b=no
	assert_equal "$stderr" "rf-set: no such program 'mercy-genral'; did you mean 'mercy-general'?"
	assert_refused "rf-score: no such program 'Jonhs Hopkins'; did you mean 'johns-hopkins'?" rf-score "Jonhs Hopkins"
	assert_refused "rf-ask: no such program 'hopkinz'; did you mean 'johns-hopkins'?" rf-ask hopkinz
	assert_refused "rf-log: no such program 'merxy'; did you mean 'mercy-general' or 'mercy-west'?" rf-log merxy
	assert_refused "rf-diff: no such program 'St Marys IR'; did you mean 'st-marys-ir-integrated'?" rf-diff "St Marys IR"
	assert_refused "rf-quote: no such program 'west'; did you mean 'mercy-west'?" rf-quote west hello
	assert_refused "rf-check: no such program 'nosuch'" rf-check nosuch
	assert_equal "$stderr" "rf-check: no such program 'nosuch'"
}

@test "a quote too long for one line says how many bytes fit; one that fits exactly is kept" {
	make_notes
	local key="2026-12-05 pd" fit
	# "2026-12-05 pd = " takes 16 of the 1022 bytes iniparser reads on a line
	fit=$((1022 - 16))
	assert_refused "rf-quote: mercy-general.ini: the value of quotes.$key is 1100 bytes, and at most $fit fit on its line (iniparser 4.1 reads lines of up to 1022 bytes): shorten it or split it in two" \
		rf-quote -w pd mercy "$(printf 'x%.0s' {1..1100})"
	# a ';' needs quotes, which take two of the bytes
	assert_refused "quotes.$key is 1006 bytes, and at most $((fit - 2)) fit on its line" \
		rf-quote -w pd mercy "$(printf 'x%.0s' {1..1005});"
	run --separate-stderr rf-quote -w pd mercy "$(printf 'x%.0s' $(seq $fit))"
	assert_success
	assert_equal "$(ini_get "$RF_DIR/mercy-general.ini" "quotes:$key")" "$(printf 'x%.0s' $(seq $fit))"
	run --separate-stderr rf-check
	assert_success
	# rf-set says the same for any answer
	assert_refused "rf-set: mercy-general.ini: the value of notes.long is 2000 bytes, and at most 1015 fit on its line" \
		rf-set mercy "notes.long=$(printf 'y%.0s' {1..2000})"
}

@test "a quote from standard input may end in CRLF or blank lines; they are dropped" {
	make_notes
	printf 'We try, but service comes first\r\n' | rf-quote -w resident mercy
	assert_equal "$(ini_get "$RF_DIR/mercy-general.ini" "quotes:2026-12-05 resident")" "We try, but service comes first"
	printf 'after you match\n\n  \r\n\n' | rf-quote -w pd mercy
	assert_equal "$(ini_get "$RF_DIR/mercy-general.ini" "quotes:2026-12-05 pd")" "after you match"
	run grep -c $'\r' "$RF_DIR/mercy-general.ini"
	assert_output 0
	assert_equal "$(last_subject)" "quote mercy-general: quotes.2026-12-05 pd (none) → after you match"
	assert_refused "rf-quote: no text to quote" bash -c "printf '\r\n\n  \n' | rf-quote mercy"
}

@test "a multi-line paste says how to join it, and nothing is written" {
	make_notes
	assert_refused "rf-quote: the text has 3 lines, and a quote is one line of the note: join them (... | tr '\\n' ' ' | rf-quote mercy) or quote each line by itself" \
		bash -c "printf 'We basically live here,\r\nhaha,\nbut it is fine\n\n' | rf-quote -w resident mercy"
	assert_refused "rf-quote: the text has 2 lines, and a quote is one line of the note: join them (... | tr '\\n' ' ' | rf-quote 'Mercy General') or quote each line by itself" \
		rf-quote "Mercy General" $'two\nlines'
	# the way out works
	printf 'We basically live here,\nhaha\n' | tr '\n' ' ' | rf-quote -w resident mercy
	assert_equal "$(ini_get "$RF_DIR/mercy-general.ini" "quotes:2026-12-05 resident")" "We basically live here, haha "
}

# Two good notes and one broken note of each kind a user
# meets: a BOM from a Windows editor, a merge's conflict markers, a pasted
# 1,100-byte line, a line without '='.
make_broken_season() {
	rf-init >/dev/null
	rf-new "Alpha" >/dev/null
	rf-new -s culture.retaliation=yes "Beta" >/dev/null
	local n
	for n in bom conflict long noeq; do
		rf-new "$n" >/dev/null
	done
	{ printf '\xef\xbb\xbf'; cat "$RF_DIR/bom.ini"; } >"$RF_DIR/x" && mv "$RF_DIR/x" "$RF_DIR/bom.ini"
	printf '<<<<<<< HEAD\nh1b = yes\n=======\nh1b = no\n>>>>>>> laptop\n' >>"$RF_DIR/conflict.ini"
	printf 'tour = %s\n' "$(printf 'x%.0s' {1..1100})" >>"$RF_DIR/long.ini"
	printf 'busy but organized\n' >>"$RF_DIR/noeq.ini"
	end=$(($(wc -l <"$RF_DIR/alpha.ini") + 1))
}

# stderr of a listing with the broken season: one line per broken note.
assert_broken_named() {
	local prog=$1 at=${2:-}
	assert_equal "$(printf '%s\n' "$stderr" | wc -l)" 4
	[[ ${stderr_lines[0]} == "$prog: bom.ini$at:1: UTF-8 byte order mark (iniparser cannot read it; save without BOM)" ]] ||
		fail "stderr line 1: ${stderr_lines[0]}"
	# the conflict marker's wording is rf-check's to choose; FILE:LINE is what matters here
	[[ ${stderr_lines[1]} == "$prog: conflict.ini$at:$end: "* ]] || fail "stderr line 2: ${stderr_lines[1]}"
	[[ ${stderr_lines[2]} == "$prog: long.ini$at:$end: line longer than 1023 bytes" ]] ||
		fail "stderr line 3: ${stderr_lines[2]}"
	[[ ${stderr_lines[3]} == "$prog: noeq.ini$at:$end: line is not '[section]', 'key = value' or a comment" ]] ||
		fail "stderr line 4: ${stderr_lines[3]}"
}

@test "one unreadable note no longer hides the ranking: rf-score lists the others, names each, exit 1" {
	make_broken_season
	before=$(notes_state)
	run --separate-stderr rf-score --format tsv
	assert_equal "$status" 1
	assert_equal "$(printf '%s\n' "$output" | cut -f2 | tr '\n' ' ')" "program alpha beta "
	assert_broken_named rf-score
	run --separate-stderr rf-score
	assert_equal "$status" 1
	assert_line --index 1 --regexp '^ +alpha '
	assert_line --index 2 --regexp '^ +beta '
	# the programs named: the same treatment
	run --separate-stderr rf-score --format tsv alpha long
	assert_equal "$status" 1
	assert_equal "$(printf '%s\n' "$output" | cut -f2 | tr '\n' ' ')" "program alpha "
	assert_equal "$stderr" "rf-score: long.ini:$end: line longer than 1023 bytes"
	# nothing to explain in a broken note: exit 2
	assert_refused "rf-score: noeq.ini:$end: line is not '[section]', 'key = value' or a comment" rf-score --explain noeq
	assert_equal "$(notes_state)" "$before"
}

@test "rf-score --at lists every note that parsed at that commit and names the others, exit 1" {
	make_broken_season
	git -C "$RF_DIR" add -A
	git -C "$RF_DIR" commit -qm "a season with broken notes"
	local id
	id=$(git -C "$RF_DIR" rev-parse --short=7 HEAD)
	git -C "$RF_DIR" rm -q bom.ini conflict.ini long.ini noeq.ini
	git -C "$RF_DIR" commit -qm "gone"
	run --separate-stderr rf-score --at HEAD~1 --format tsv
	assert_equal "$status" 1
	assert_equal "$(printf '%s\n' "$output" | cut -f2 | tr '\n' ' ')" "program alpha beta "
	assert_broken_named rf-score "@$id"
	run --separate-stderr rf-score --at HEAD --format tsv
	assert_success
	assert_equal "$stderr" ""
}

@test "rf-ask --all lists the questions of every note that parses, names the others, exit 1" {
	make_broken_season
	before=$(notes_state)
	run --separate-stderr rf-ask --all
	assert_equal "$status" 1
	assert_line --index 0 --regexp '^alpha: [0-9]+ open questions$'
	assert_line --regexp '^beta: [0-9]+ open questions$'
	assert_broken_named rf-ask
	run --separate-stderr rf-ask --all --format tsv
	assert_equal "$status" 1
	assert_equal "$(printf '%s\n' "$output" | tail -n +2 | cut -f1 | sort -u | tr '\n' ' ')" "alpha beta "
	assert_broken_named rf-ask
	# a symbolic link among the notes is named and skipped the same way
	ln -s /etc/passwd "$RF_DIR/evil.ini"
	run --separate-stderr rf-score --format tsv alpha evil
	assert_equal "$status" 1
	assert_equal "$stderr" "rf-score: evil.ini: is a symbolic link; rf does not follow links in the notes directory"
	assert_equal "$(printf '%s\n' "$output" | cut -f2 | tr '\n' ' ')" "program alpha "
	rm "$RF_DIR/evil.ini"
	assert_equal "$(notes_state)" "$before"
}
