#!/usr/bin/env bats
# rf-sync's merge of notes both devices changed: answer by answer against
# the merge base, the other side's differing answers in [conflicts], quotes
# kept, and the devices ending with the same bytes.
load helper
load remote

# Every file of notes directory $1 outside .git, with its bytes.
tree_bytes() {
	(cd "$1" && find . -path ./.git -prune -o -type f -print0 | sort -z | xargs -0r sha256sum)
}

# Two devices of one applicant that both edited since they last synced,
# A ($RF_DIR) and B ($B), clones of a bare remote called $1 (REMOTE): edits
# to different keys of mercy, to the same key of metro, a new note on each
# side, summit deleted on A and changed on B, a quote by the same person the
# same day on both.  Then A syncs (exit 0: nothing to merge yet).
diverged() {
	export RF_DIR="$BATS_TEST_TMPDIR/$1-a"
	REMOTE=$(bare_remote "$1")
	B="$BATS_TEST_TMPDIR/$1-b"
	rf-init >/dev/null
	rf-new "Mercy General" >/dev/null
	rf-new "Metro IR" >/dev/null
	rf-new "Summit IR" >/dev/null
	rf-sync "file://$REMOTE" >/dev/null
	rf-init -C "$B" "file://$REMOTE" >/dev/null

	# Device A: one key of mercy, metro's h1b, a new note, summit deleted
	# (with git), a quote.
	rf-set mercy visa.h1b=yes >/dev/null
	rf-set metro visa.h1b=yes >/dev/null
	rf-new "Lakeside DR-ESIR" >/dev/null
	git -C "$RF_DIR" rm -q summit-ir.ini
	git -C "$RF_DIR" commit -q -m "summit: not applying"
	rf-quote -w "Dr Lee" mercy "We never lose a resident to DR." >/dev/null
	# Device B: another key of mercy, metro's h1b otherwise, a new note,
	# summit changed, a quote by the same person the same day.
	rf-set -C "$B" mercy visa.j1=no >/dev/null
	rf-set -C "$B" metro visa.h1b=no >/dev/null
	rf-new -C "$B" "Northside IR" >/dev/null
	rf-set -C "$B" summit visa.h1b=no >/dev/null
	rf-quote -C "$B" -w "Dr Lee" mercy "Two fellows left for DR last year." >/dev/null

	run --separate-stderr rf-sync
	assert_success
	assert_equal "$stderr" ""
}

@test "A, then B, then A: every answer either device typed is kept, and both end byte-identical" {
	diverged notes
	# B: merged, one conflict recorded.
	ours=$(git -C "$B" rev-parse HEAD)
	run --separate-stderr rf-sync -C "$B"
	assert_equal "$status" 1
	assert_equal "$stderr" ""
	merge=$(git -C "$B" rev-parse HEAD)
	theirs=$(git -C "$RF_DIR" rev-parse HEAD)
	assert_line --index 0 "merged with origin: 5 files, 1 conflict recorded (rf-check lists it) (${merge:0:7})"
	assert_equal "$(git -C "$B" rev-parse HEAD^1 HEAD^2)" "$ours"$'\n'"$theirs"
	assert_equal "$(git -C "$B" log -1 --format=%B)" "sync with origin: 5 files, 1 conflict recorded

lakeside-dr-esir: new on origin
mercy-general: merged, 1 entry renumbered
metro-ir: merged, 1 conflict recorded
northside-ir: new here
summit-ir: deleted on origin, changed here: kept"
	# A: a fast-forward to B's merge.
	run --separate-stderr rf-sync
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$(git -C "$RF_DIR" rev-parse HEAD)" "$merge"
	assert_equal "$(git -C "$REMOTE" rev-parse main)" "$merge"
	assert_equal "$(tree_bytes "$RF_DIR")" "$(tree_bytes "$B")"

	# rf-log: the merge once for each note it merged, its outcome under -p.
	run --separate-stderr rf-log
	assert_equal "$(grep -c "^${merge:0:7} " <<<"$output")" 2
	run --separate-stderr rf-log -p -n 1 metro
	assert_success
	assert_output "${merge:0:7} 2026-12-05 09:00  25.5 → 25.5  sync with origin: 5 files, 1 conflict recorded
    sync: merged, 1 conflict recorded
    + [conflicts]
    + conflicts.visa.h1b: yes"

	# Every value typed on either side is there.
	m="$RF_DIR/mercy-general.ini"
	assert_equal "$(ini_get "$m" visa:h1b)" yes
	assert_equal "$(ini_get "$m" visa:j1)" no
	assert_equal "$(ini_get "$m" "quotes:2026-12-05 dr lee")" "Two fellows left for DR last year."
	assert_equal "$(ini_get "$m" "quotes:2026-12-05 dr lee 2")" "We never lose a resident to DR."
	assert_equal "$(ini_get "$RF_DIR/metro-ir.ini" visa:h1b)" no
	assert_equal "$(ini_get "$RF_DIR/metro-ir.ini" conflicts:visa.h1b)" yes
	grep -qx "; visa.h1b: from origin, 2026-12-05 09:00 +0000 (${theirs:0:7})" "$RF_DIR/metro-ir.ini"
	assert_equal "$(ini_get "$RF_DIR/summit-ir.ini" visa:h1b)" no
	assert_file_exists "$RF_DIR/lakeside-dr-esir.ini"
	assert_file_exists "$RF_DIR/northside-ir.ini"
	for d in "$RF_DIR" "$B"; do
		git -C "$d" fsck --strict
		assert_equal "$(git -C "$d" status --porcelain)" ""
	done

	# The open conflict is listed until an rf-set decides it.
	run --separate-stderr rf-check
	assert_equal "$status" 1
	assert_output --partial "metro-ir.ini:"
	assert_output --partial ": conflict: visa.h1b is 'no' here, 'yes' from origin"
	rf-set metro visa.h1b=yes >/dev/null
	! grep -q conflicts "$RF_DIR/metro-ir.ini"
	run rf-sync
	assert_success
	run rf-sync -C "$B"
	assert_success
	assert_equal "$(tree_bytes "$RF_DIR")" "$(tree_bytes "$B")"
	for d in "$RF_DIR" "$B"; do
		run --separate-stderr rf-check -C "$d"
		assert_success
	done
}

@test "profile.ini merges answer by answer, and a note broken on one side is refused, nothing changed" {
	REMOTE=$(bare_remote notes)
	B="$BATS_TEST_TMPDIR/device-b"
	rf-init >/dev/null
	rf-new "Mercy General" >/dev/null
	rf-sync "file://$REMOTE" >/dev/null
	rf-init -C "$B" "file://$REMOTE" >/dev/null
	rf-set profile applicant.visa_needed=j1 >/dev/null
	rf-sync >/dev/null
	printf '[oops\n' >>"$B/mercy-general.ini"
	git -C "$B" commit -qam "broken"
	rf-set mercy visa.h1b=yes >/dev/null
	rf-sync >/dev/null
	before=$(dir_state "$B")
	run --separate-stderr rf-sync -C "$B"
	assert_equal "$status" 2
	# The warning every writer gives for a broken note, then the refusal.
	assert_equal "$(printf '%s\n' "$stderr" | tail -1)" "rf-sync: mercy-general.ini:$(wc -l <"$B/mercy-general.ini"): section header without its closing ']'; a note that does not parse cannot be merged key by key"
	assert_equal "$(dir_state "$B")" "$before"
	# Fixed, it merges; the profile came across answer by answer.
	sed -i '$d' "$B/mercy-general.ini"
	rf-set -C "$B" profile applicant.img=yes >/dev/null
	run rf-sync -C "$B"
	assert_success
	assert_equal "$(ini_get "$B/profile.ini" applicant:visa_needed)" j1
	assert_equal "$(ini_get "$B/profile.ini" applicant:img)" yes
	assert_equal "$(ini_get "$B/mercy-general.ini" visa:h1b)" yes
}

@test "git pull on B merges through rf's merge driver into the same notes as rf-sync" {
	diverged viarf
	rf_b=$B
	run rf-sync -C "$rf_b"
	assert_equal "$status" 1
	diverged viagit
	local rf_sync=${RF_REAL_BIN:+$RF_REAL_BIN/rf-sync}
	assert_equal "$(git -C "$B" config merge.rf.driver)" "'${rf_sync:-$(command -v rf-sync)}' --merge-driver %P %O %A %B"
	grep -qx '\*.ini merge=rf' "$B/.git/info/attributes"
	assert_equal "$(git -C "$B" config merge.renames) $(git -C "$B" config pull.twohead)" "false recursive"
	run --separate-stderr git -C "$B" pull -q --no-rebase
	# git stops only where no driver runs: summit, deleted on A and changed
	# on B.  Keeping it is git add, as git says.
	assert_failure
	assert_output --partial "CONFLICT (modify/delete): summit-ir.ini deleted in"
	assert_equal "$stderr" "rf-sync: warning: metro-ir.ini: 1 answer recorded in [conflicts] (rf-check lists it)"
	git -C "$B" add summit-ir.ini
	git -C "$B" commit -q --no-edit
	assert_equal "$(tree_bytes "$B")" "$(tree_bytes "$rf_b")"
	git -C "$B" fsck --strict
	run --separate-stderr rf-check -C "$B"
	assert_equal "$status" 1
	assert_output --partial ": conflict: visa.h1b is 'no' here, 'yes' from origin"
}

@test "the merge driver leaves git's markers in a note it cannot merge, and fails" {
	printf '[visa]\nh1b = unknown\n' >"$BATS_TEST_TMPDIR/o"
	printf '[visa]\nh1b = yes\n' >"$BATS_TEST_TMPDIR/a"
	printf '[visa\nh1b = no\n' >"$BATS_TEST_TMPDIR/b"
	cd "$BATS_TEST_TMPDIR"
	run --separate-stderr rf-sync --merge-driver mercy.ini o a b
	assert_equal "$status" 1
	assert_equal "$stderr" "rf-sync: mercy.ini:1: section header without its closing ']'; a note that does not parse cannot be merged key by key"
	grep -q '^<<<<<<<' a
	# Outside a merge no remote is known: "the other side".
	printf '[visa\nh1b = unknown\n' >o
	printf '[visa]\nh1b = no\n' >b
	printf '[visa]\nh1b = unknown\n' >o
	printf '[visa]\nh1b = yes\n' >a
	run --separate-stderr rf-sync --merge-driver mercy.ini o a b
	assert_success
	assert_equal "$(cat a)" "[visa]
h1b = yes

[conflicts]
; visa.h1b: from the other side, unknown (unknown)
visa.h1b = no"
	run --separate-stderr rf-sync --merge-driver mercy.ini o a
	assert_equal "$status" 2
}
