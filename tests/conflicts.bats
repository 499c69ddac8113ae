#!/usr/bin/env bats
# Open entries of a note's [conflicts] section (what a merge records when
# both devices changed an answer differently): rf-check lists them, rf-set
# on the answer resolves them in the same commit, deleting one by hand
# resolves it too, and the template does not judge them.
load helper

# mercy-general.ini with visa.h1b = yes here and two open entries, as a
# merge with origin writes them.
conflicted_note() {
	make_notes
	rf-set mercy visa.h1b=yes culture.staff_tone=hostile >/dev/null
	cat >>"$RF_DIR/mercy-general.ini" <<'INI'

[conflicts]
; visa.h1b: from origin, 2026-12-05 09:00 +0000 (1a2b3c4)
visa.h1b = no
; culture.staff_tone: removed on origin, 2026-12-05 09:00 +0000 (1a2b3c4)
culture.staff_tone =
INI
	git -C "$RF_DIR" commit -qam "merge with origin"
	H1B=$(grep -n '^visa.h1b = no' "$RF_DIR/mercy-general.ini" | cut -d: -f1)
	TONE=$((H1B + 2))
}

@test "rf-check lists each open conflict as FILE:LINE: conflict and exits 1" {
	conflicted_note
	run --separate-stderr rf-check
	assert_equal "$status" 1
	assert_equal "$stderr" ""
	assert_output "mercy-general.ini:$H1B: conflict: visa.h1b is 'yes' here, 'no' from origin
mercy-general.ini:$TONE: conflict: culture.staff_tone is 'hostile' here, removed on origin"
}

@test "[conflicts] keys are not checked against the template; a stray entry is named" {
	conflicted_note
	printf 'visa.h1b 2 = maybe\nnonsense = 1\n' >>"$RF_DIR/mercy-general.ini"
	run --separate-stderr rf-check mercy
	assert_equal "$status" 1
	assert_line --index 2 "mercy-general.ini:$((TONE + 1)): conflict: visa.h1b is 'yes' here, 'maybe' from the other side"
	assert_line --index 3 "mercy-general.ini:$((TONE + 2)): [conflicts] entry 'nonsense' names no answer (section.key); delete it"
	assert_equal "${#lines[@]}" 4
}

@test "rf-set on the answer resolves its entry in the same commit, other entries stay" {
	conflicted_note
	before=$(commit_count)
	run --separate-stderr rf-set mercy visa.h1b=no
	assert_success
	assert_equal "$(commit_count)" $((before + 1))
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
	run grep -c '^visa.h1b\|; visa.h1b:' "$RF_DIR/mercy-general.ini"
	assert_output 0
	assert_equal "$(git -C "$RF_DIR" show HEAD --format= --name-only)" mercy-general.ini
	assert_equal "$(last_subject)" "set mercy-general: visa.h1b yes → no, conflicts.visa.h1b no → (none)"
	run --separate-stderr rf-check
	assert_equal "$status" 1
	assert_output "mercy-general.ini:$H1B: conflict: culture.staff_tone is 'hostile' here, removed on origin"
	# The last one resolved: the section goes, rf-check is clean.
	rf-set mercy culture.staff_tone=hostile >/dev/null
	run grep -c 'conflicts' "$RF_DIR/mercy-general.ini"
	assert_output 0
	run --separate-stderr rf-check
	assert_success
	assert_output ""
	git -C "$RF_DIR" fsck --strict
}

@test "deleting the entry by hand resolves it" {
	conflicted_note
	sed -i '/visa.h1b/d' "$RF_DIR/mercy-general.ini"
	run --separate-stderr rf-check mercy
	assert_equal "$status" 1
	assert_output "mercy-general.ini:$H1B: conflict: culture.staff_tone is 'hostile' here, removed on origin"
}

@test "rf-score marks a note with open conflicts, and scores it on the answers in place" {
	conflicted_note
	rf-new "Metro IR" >/dev/null
	run --separate-stderr rf-score --format tsv
	assert_success
	assert_line --index 0 --partial $'\tmarks\t'
	mercy=$(printf '%s\n' "${lines[@]}" | grep $'\tmercy-general\t')
	metro=$(printf '%s\n' "${lines[@]}" | grep $'\tmetro-ir\t')
	assert_equal "$(cut -f6 <<<"$mercy")" conflict
	assert_equal "$(cut -f6 <<<"$metro")" ""
	# The entries do not count: the same risk as the note without them.
	risk=$(cut -f4 <<<"$mercy")
	rf-set mercy visa.h1b=yes culture.staff_tone=hostile >/dev/null
	run --separate-stderr rf-score --format tsv mercy
	assert_equal "$(cut -f4 <<<"${lines[1]}")" "$risk"
	assert_equal "$(cut -f6 <<<"${lines[1]}")" ""
}
