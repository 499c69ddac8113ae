#!/usr/bin/env bats
# The score cache (.git/rf/scores): rf-score, rf-ask and rf-log say the
# same with it as without it; a change to rules.ini or profile.ini, to a
# note behind git's back, or to the file itself is never served stale.
load helper
load season

# What the readers say, with their status.
readers() {
	local i
	for i in 1 2 3 4 5 6 7 8; do
		echo "== $i"
		case $i in
		1) rf-score ;;
		2) rf-score --format tsv ;;
		3) rf-score --format json --sort unknowns ;;
		4) rf-score --at 2026-12-04 ;;
		5) rf-ask --all ;;
		6) rf-ask --format tsv mercy ;;
		7) rf-log mercy ;;
		8) rf-log ;;
		esac 2>&1
		echo "status $?"
	done
}

readers_uncached() {
	git -C "$RF_DIR" config rf.cache false
	readers
	git -C "$RF_DIR" config --unset rf.cache
}

scores_key() {
	tail -c +49 "$RF_DIR/.git/rf/scores" | head -c 8 | od -An -tx1 | tr -d ' \n'
}

@test "rf-score, rf-ask and rf-log say the same with the score cache as without it" {
	season
	rf-new -s visa.h1b=no -s culture.abusive_teaching=yes "Third" >/dev/null
	local want
	want=$(readers_uncached)
	[ ! -e "$RF_DIR/.git/rf/scores" ]
	run readers
	assert_equal "$output" "$want"
	[ -s "$RF_DIR/.git/rf/scores" ]
	run readers
	assert_equal "$output" "$want"
	# Scored versions are kept: an edit adds one, the rest is read.
	rf-set third visa.j1=yes >/dev/null
	want=$(readers_uncached)
	run readers
	assert_equal "$output" "$want"
}

@test "a change to rules.ini or profile.ini is scored anew, and going back gives the first figures" {
	season
	local before after_rules after_profile
	before=$(readers_uncached)
	run readers
	assert_equal "$output" "$before"
	local key
	key=$(scores_key)
	# Points of a rule: uncommitted, in the work tree.
	sed -i 's/^h1b = no:12, yes:0$/h1b = no:20, yes:0/' "$RF_DIR/rules.ini"
	after_rules=$(readers_uncached)
	[ "$after_rules" != "$before" ]
	run readers
	assert_equal "$output" "$after_rules"
	[ "$(scores_key)" != "$key" ]
	# A domain weight in the profile.
	sed -i 's/^visa *=.*/visa = 2/' "$RF_DIR/profile.ini"
	grep -q '^visa = 2$' "$RF_DIR/profile.ini"
	after_profile=$(readers_uncached)
	[ "$after_profile" != "$after_rules" ]
	run readers
	assert_equal "$output" "$after_profile"
	git -C "$RF_DIR" checkout -q -- rules.ini profile.ini
	run readers
	assert_equal "$output" "$before"
}

@test "a note changed behind git's back keeps no stale score: same size, same mtime" {
	season
	git -C "$RF_DIR" add -A && git -C "$RF_DIR" commit -q -m "legal support"
	local risk_before
	risk_before=$(rf-score --format tsv mercy | awk -F'\t' 'NR == 2 { print $4 }')
	local f=$RF_DIR/mercy-general.ini size
	size=$(stat -c %s "$f")
	cp -p "$f" "$HOME/saved"
	# hostile -> unknown in place (the same inode, the same length, fewer
	# points), and the old mtime put back: only the ctime tells.
	local at
	at=$(grep -bo '^staff_tone = hostile$' "$f" | cut -d: -f1)
	printf 'staff_tone = unknown' | dd of="$f" bs=1 seek="$at" conv=notrunc 2>/dev/null
	touch -r "$HOME/saved" "$f"
	assert_equal "$(stat -c %s "$f")" "$size"
	local want
	want=$(readers_uncached)
	run readers
	assert_equal "$output" "$want"
	[ "$(rf-score --format tsv mercy | awk -F'\t' 'NR == 2 { print $4 }')" != "$risk_before" ]
}

@test "a note iniparser rejects is reported from the cache as the first time" {
	season
	printf '[broken\n' >>"$RF_DIR/st-marys-ir.ini"
	local n
	n=$(wc -l <"$RF_DIR/st-marys-ir.ini")
	git -C "$RF_DIR" add -A && git -C "$RF_DIR" commit -q -m broken
	local want="st-marys-ir.ini:$n: section header without its closing ']'"
	for cmd in "rf-score" "rf-score" "rf-ask st-marys-ir" "rf-ask st-marys-ir"; do
		run --separate-stderr $cmd
		assert_equal "$status" 1
		assert_equal "$stderr" "${cmd%% *}: $want"
	done
	run --separate-stderr rf-score --format tsv
	refute_output --partial st-marys-ir
	assert_output --partial mercy-general
	run rf-log -n 1 st-marys-ir
	assert_output --regexp ' 0 → \?  broken$'
}

@test "a damaged or foreign score cache is ignored, without a word" {
	season
	local want
	want=$(readers_uncached)
	readers >/dev/null
	local f=$RF_DIR/.git/rf/scores size
	size=$(stat -c %s "$f")
	printf '\377' | dd of="$f" bs=1 seek=$((size - 5)) conv=notrunc 2>/dev/null
	run readers
	assert_equal "$output" "$want"
	truncate -s 100 "$f"
	run readers
	assert_equal "$output" "$want"
	head -c 5000 /dev/urandom >"$f"
	run readers
	assert_equal "$output" "$want"
	[ "$(stat -c %s "$f")" -gt 100 ]
}
