#!/usr/bin/env bats
# Living beside git: the states a second laptop, a pull, a clone or git's own
# settings leave in a notes directory, each scripted with the git command
# line as the second client.
load helper

# A bare repository as the shared remote, holding the notes directory's
# history, and $1 (a path) cloned from it.
make_remote() {
	make_notes
	git clone -q --bare "$RF_DIR" "$HOME/origin.git"
}

clone_remote() {
	git clone -q "$HOME/origin.git" "$1"
	git -C "$1" config pull.rebase false
}

# git fsck --strict reports nothing (dangling objects of a refused command
# are not damage).
assert_fsck() {
	run git -C "${1:-$RF_DIR}" fsck --strict --no-dangling
	assert_success
	assert_output ""
}

@test "autocrlf: rf-set changes one line, git status stays clean, a pull merges without conflict" {
	make_remote
	clone_remote "$HOME/win"
	clone_remote "$HOME/lap"
	# The Windows habit: CRLF in the work tree, LF in the repository.
	git -C "$HOME/win" config core.autocrlf true
	rm "$HOME/win/mercy-general.ini"
	git -C "$HOME/win" checkout -q -- mercy-general.ini
	[[ "$(head -1 "$HOME/win/mercy-general.ini")" == *$'\r' ]] || fail "no CRLF in the work tree"

	run --separate-stderr rf-set -C "$HOME/win" mercy culture.staff_tone=hostile
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$(git -C "$HOME/win" show --stat --format= HEAD)" " mercy-general.ini | 2 +-
 1 file changed, 1 insertion(+), 1 deletion(-)"
	assert_equal "$(git -C "$HOME/win" status --porcelain)" ""
	assert_equal "$(git -C "$HOME/win" show HEAD:mercy-general.ini | grep -c $'\r')" 0
	grep -q $'^staff_tone = hostile\r$' "$HOME/win/mercy-general.ini"

	# rf-log and rf-diff see no uncommitted change in a CRLF work tree.
	run --separate-stderr rf-diff -C "$HOME/win" mercy
	assert_equal "$status" 0
	assert_output ""
	run --separate-stderr rf-log -C "$HOME/win" mercy
	refute_output --partial "working tree"

	# The other laptop changes a different key and pushes; the pull merges.
	rf-set -C "$HOME/lap" mercy visa.h1b=no
	git -C "$HOME/lap" push -q origin main
	git -C "$HOME/win" push -q origin main 2>/dev/null && fail "push should need a pull first"
	run git -C "$HOME/win" pull -q --no-edit origin main
	assert_success
	assert_equal "$(git -C "$HOME/win" log -1 --format=%P | wc -w)" 2
	assert_equal "$(ini_get "$HOME/win/mercy-general.ini" visa:h1b)" "no"
	assert_equal "$(ini_get "$HOME/win/mercy-general.ini" culture:staff_tone)" "hostile"
	assert_equal "$(git -C "$HOME/win" status --porcelain)" ""
	# And rf goes on working there: one line again.
	rf-set -C "$HOME/win" mercy visa.j1=yes
	assert_equal "$(git -C "$HOME/win" show --stat --format= HEAD | tail -1)" " 1 file changed, 1 insertion(+), 1 deletion(-)"
	assert_equal "$(git -C "$HOME/win" status --porcelain)" ""
	assert_fsck "$HOME/win"
}

# A small tmpfs at $1 of size $2 (tests run as root in CI); unmounted by
# teardown.
mount_small() {
	mkdir -p "$1"
	mount -t tmpfs -o "size=$2" tmpfs "$1" 2>/dev/null ||
		skip "cannot mount a tmpfs as $(id -un) (the disk-full test needs root)"
	MOUNTED=$1
}

teardown() {
	[ -z "${MOUNTED:-}" ] || umount "$MOUNTED"
}

# Fill the file system holding $1 completely, then free $2 pages of 4 KiB.
fill_leaving() {
	rm -f "$1/fill"
	dd if=/dev/zero of="$1/fill" bs=4096 2>/dev/null || true
	[ "$2" -eq 0 ] || truncate -s "-$(($2 * 4096))" "$1/fill"
}

@test "disk full: rf-quote and rf-set exit 2 with nothing changed; a retry stores the quote once" {
	local disk=$BATS_TEST_TMPDIR/disk k failed=() done=0
	mount_small "$disk" 4m
	export RF_DIR=$disk/rf
	make_notes
	for ((k = 0; k <= 14; k++)); do
		fill_leaving "$disk" "$k"
		local before
		before=$(notes_state)
		run --separate-stderr rf-quote -w pd mercy "free $k: we sponsor; case-by-case"
		if [ "$status" -eq 2 ]; then
			assert_equal "$(printf '%s\n' "$stderr" | wc -l)" 1
			assert_equal "$(notes_state)" "$before"
			failed+=("$k")
		else
			assert_equal "$status" 0
			done=$((done + 1))
			assert_equal "$(grep -c "free $k:" "$RF_DIR/mercy-general.ini")" 1
			assert_equal "$(git -C "$RF_DIR" show HEAD:mercy-general.ini | grep -c "free $k:")" 1
		fi
		before=$(notes_state)
		run --separate-stderr rf-set mercy "visa.imgs_matched_ir_5y=$k"
		if [ "$status" -eq 2 ]; then
			assert_equal "$(printf '%s\n' "$stderr" | wc -l)" 1
			assert_equal "$(notes_state)" "$before"
		else
			assert_equal "$status" 0
			assert_equal "$(ini_get "$RF_DIR/mercy-general.ini" visa:imgs_matched_ir_5y)" "$k"
		fi
	done
	echo "# ${#failed[@]} of 15 quotes refused on a full disk, $done committed" >&3
	[ "${#failed[@]}" -ge 3 ] && [ "$done" -ge 3 ] || fail "the disk never filled or never had room"
	rm "$disk/fill"
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
	for k in "${failed[@]}"; do
		rf-quote -w pd mercy "free $k: we sponsor; case-by-case"
		assert_equal "$(grep -c "free $k:" "$RF_DIR/mercy-general.ini")" 1
	done
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
	assert_fsck
	run find "$RF_DIR" -name '.rf-tmp-*'
	assert_output ""
}

@test "split index: rf refuses before committing, naming the git commands that turn it off" {
	make_notes
	git -C "$RF_DIR" config core.splitIndex true
	git -C "$RF_DIR" update-index --split-index
	local split="git's index is split (core.splitIndex), which rf cannot read or write; turn that off: git -C $RF_DIR config core.splitIndex false && git -C $RF_DIR update-index --no-split-index"
	assert_refused "rf-set: $RF_DIR: $split" rf-set mercy visa.h1b=no
	echo "h1b = no" >>"$RF_DIR/mercy-general.ini"
	assert_refused "rf-commit: $RF_DIR: $split" rf-commit
	run --separate-stderr rf-log mercy
	assert_equal "$status" 2
	assert_equal "$stderr" "rf-log: mercy-general.ini: $split"
	git -C "$RF_DIR" checkout -q mercy-general.ini

	# What the message says works, and then a plain git commit keeps rf's answer.
	git -C "$RF_DIR" config core.splitIndex false
	git -C "$RF_DIR" update-index --no-split-index
	rf-set mercy visa.h1b=no
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
	echo "notes" >"$RF_DIR/README"
	git -C "$RF_DIR" add README
	git -C "$RF_DIR" commit -q -m readme
	assert_equal "$(git -C "$RF_DIR" show HEAD:mercy-general.ini | ini_get /dev/stdin visa:h1b)" "no"
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
	assert_fsck
}

# Eight more commits, one a day from 2026-12-01, each changing mercy.
eight_days() {
	local d
	for d in 1 2 3 4 5 6 7 8; do
		GIT_AUTHOR_DATE="2026-12-0${d}T09:00:00Z" GIT_COMMITTER_DATE="2026-12-0${d}T09:00:00Z" \
			rf-set mercy "visa.imgs_matched_ir_5y=$d"
	done
}

@test "shallow clone: rf-log shows the history there and ends with where it stops; --at past it is named" {
	make_notes
	eight_days
	git clone -q --depth 5 "file://$RF_DIR" "$HOME/shallow"
	local cut
	cut=$(git -C "$HOME/shallow" rev-parse --short=7 HEAD~4)
	run --separate-stderr rf-log -C "$HOME/shallow" mercy
	assert_success
	assert_equal "$stderr" ""
	assert_equal "${#lines[@]}" 5
	assert_line --index 0 --partial "2026-12-08 09:00  13.5 → 13.5  set mercy-general: visa.imgs_matched_ir_5y 7 → 8"
	assert_line --index 3 --partial "2026-12-05 09:00  13.5 → 13.5  set mercy-general: visa.imgs_matched_ir_5y 4 → 5"
	assert_line --index 4 "shallow clone: the history before $cut (2026-12-04) is not here; git fetch --unshallow fetches it"
	run --separate-stderr rf-log -C "$HOME/shallow" -n 2 mercy
	assert_success
	assert_equal "${#lines[@]}" 2
	run --separate-stderr rf-log -C "$HOME/shallow" -p
	assert_success
	assert_line "shallow clone: the history before $cut (2026-12-04) is not here; git fetch --unshallow fetches it"
	run --separate-stderr rf-log -C "$HOME/shallow" --format tsv mercy
	assert_success
	assert_equal "${#lines[@]}" 5
	assert_equal "$stderr" "rf-log: shallow clone: the history before $cut (2026-12-04) is not here; git fetch --unshallow fetches it"

	assert_refused "rf-score: HEAD~7: not in this clone; this shallow clone's history starts at $cut (2026-12-04): git fetch --unshallow fetches the rest" \
		rf-score -C "$HOME/shallow" --at HEAD~7
	assert_refused "rf-score: 2026-12-02: no commit at or before that date; this shallow clone's history starts at $cut (2026-12-04): git fetch --unshallow fetches the rest" \
		rf-score -C "$HOME/shallow" --at 2026-12-02
	run rf-score -C "$HOME/shallow" --at HEAD~4
	assert_success

	# rf commits in a shallow clone like anywhere, and the history grows back.
	rf-set -C "$HOME/shallow" mercy visa.h1b=no
	assert_equal "$(git -C "$HOME/shallow" status --porcelain)" ""
	git -C "$HOME/shallow" fetch -q --unshallow
	run --separate-stderr rf-log -C "$HOME/shallow" mercy
	assert_success
	assert_equal "${#lines[@]}" 10
	refute_output --partial "shallow"
}

@test "blobless clone: rf-log names the versions it lacks, rf-score --at how to fetch them" {
	make_notes
	eight_days
	git -C "$RF_DIR" config uploadpack.allowFilter true
	git clone -q --filter=blob:none "file://$RF_DIR" "$HOME/bl"
	local fetch="git -C $HOME/bl config --unset remote.origin.partialclonefilter && git -C $HOME/bl fetch --refetch origin"
	run --separate-stderr rf-log -C "$HOME/bl" mercy
	assert_success
	assert_equal "$stderr" ""
	assert_line --index 0 --partial "2026-12-08 09:00  ? → 13.5  set mercy-general: visa.imgs_matched_ir_5y 7 → 8"
	assert_line --index 9 "partial clone: 8 versions of notes are not here (risk ?); fetch every version: $fetch"
	run --separate-stderr rf-log -C "$HOME/bl" -p -n 1 mercy
	assert_line "    (a version this partial clone does not have: changes not known)"
	local blob
	blob=$(git -C "$RF_DIR" rev-parse --short=7 HEAD~3:mercy-general.ini)
	assert_refused "rf-score: mercy-general.ini: this version (blob $blob) is not in this partial clone; fetch every version: $fetch" \
		rf-score -C "$HOME/bl" --at HEAD~3
	# What the message says works.
	git -C "$HOME/bl" config --unset remote.origin.partialclonefilter
	git -C "$HOME/bl" fetch -q --refetch origin
	run --separate-stderr rf-log -C "$HOME/bl" mercy
	assert_success
	refute_output --partial "?"
	refute_output --partial "partial clone"
}

@test "a staged git mv, then rf-set on the new name: one note, renamed, the set named" {
	rf-init >/dev/null
	rf-new Mercy >/dev/null
	git -C "$RF_DIR" mv mercy.ini mercy-general.ini
	run --separate-stderr rf-set mercy-general visa.h1b=no
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$(git -C "$RF_DIR" log -1 --format='%s')" "set mercy-general: renamed from mercy, visa.h1b unknown → no"
	assert_equal "$(git -C "$RF_DIR" ls-tree --name-only HEAD)" "mercy-general.ini
profile.ini"
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
	assert_equal "$(git -C "$RF_DIR" log --follow --format=%s -- mercy-general.ini | wc -l)" 2
	run rf-log mercy-general
	assert_line --index 1 --partial "new mercy: Mercy"
	run rf-log -p -n 1 mercy-general
	assert_line "    renamed from mercy"
	assert_line "    ~ visa.h1b: unknown → no"
	# rf-commit and rf-edit take a staged rename the same way.
	git -C "$RF_DIR" mv mercy-general.ini mg.ini
	sed -i 's/^j1 = unknown$/j1 = yes/' "$RF_DIR/mg.ini"
	rf-commit
	assert_equal "$(git -C "$RF_DIR" log -1 --format='%s')" "edit mg: renamed from mercy-general, visa.j1 unknown → yes"
	git -C "$RF_DIR" mv mg.ini mercy.ini
	EDITOR="sed -i s/^j1\ =\ yes/j1\ =\ no/" rf-edit mercy
	assert_equal "$(git -C "$RF_DIR" log -1 --format='%s')" "edit mercy: renamed from mg, visa.j1 yes → no"
	assert_equal "$(git -C "$RF_DIR" ls-tree --name-only HEAD)" "mercy.ini
profile.ini"
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
	assert_fsck
}

@test "a notes directory owned by another user: rf says so and gives the safe.directory line" {
	[ "$(id -u)" = 0 ] || skip "needs root to give the directory to another user"
	make_notes
	chown -R nobody "$RF_DIR"
	local why="owned by nobody, not by you, so git and rf refuse it until you say it is safe: git config --global --add safe.directory $RF_DIR"
	assert_refused "rf-log: $RF_DIR: $why" rf-log
	assert_refused "rf-set: $RF_DIR: $why" rf-set mercy visa.h1b=no
	assert_refused "rf-init: $RF_DIR: $why" rf-init
	# git honours safe.directory=*, rf's libgit2 does not: it says so.
	git config --global --add safe.directory '*'
	git -C "$RF_DIR" log --oneline >/dev/null
	assert_refused "rf-set: $RF_DIR: $why (safe.directory=* is not enough for rf: its libgit2 takes exact paths only)" \
		rf-set mercy visa.h1b=no
	# The line it gives works.
	git config --global --add safe.directory "$RF_DIR"
	run --separate-stderr rf-set mercy visa.h1b=no
	assert_success
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
}

@test "a bare repository as the notes directory: rf says it is bare and how to clone it" {
	make_notes
	git clone -q --bare "$RF_DIR" "$HOME/notes.git"
	local why="a bare git repository, with no work tree for notes; clone it and use the clone: git clone $HOME/notes.git ~/rf"
	assert_refused "rf-log: $HOME/notes.git: $why" rf-log -C "$HOME/notes.git"
	assert_refused "rf-init: $HOME/notes.git: $why" rf-init -C "$HOME/notes.git"
	assert_refused "rf-set: $HOME/notes.git: $why" rf-set -C "$HOME/notes.git" mercy visa.h1b=no
	# What it says works.
	git clone -q "$HOME/notes.git" "$HOME/clone"
	run rf-log -C "$HOME/clone" mercy
	assert_success
}

@test "git diff and git log -p show comment-only changes and lines that do not parse" {
	make_notes
	local note=$RF_DIR/mercy-general.ini
	sed -i 's/^; Does the program support H-1B for IR\/DR? Or only J-1?/&  Asked the PD twice./' "$note"
	run git -C "$RF_DIR" diff
	assert_success
	assert_line "-[visa] ; Does the program support H-1B for IR/DR? Or only J-1? [yes|no|case-by-case|vague|unknown]"
	assert_line "+[visa] ; Does the program support H-1B for IR/DR? Or only J-1?  Asked the PD twice. [yes|no|case-by-case|vague|unknown]"
	run --separate-stderr rf-commit
	assert_success
	assert_equal "$(last_subject)" "edit mercy-general: comments and layout only"
	run git -C "$RF_DIR" log -p -1 --format=%s
	assert_line "+[visa] ; Does the program support H-1B for IR/DR? Or only J-1?  Asked the PD twice. [yes|no|case-by-case|vague|unknown]"
	# An answer's own comment, and a line iniparser rejects.
	sed -i 's/^j1 = unknown$/j1 = unknown ; ask HR/' "$note"
	echo "the PD said no" >>"$note"
	run git -C "$RF_DIR" diff
	assert_line "+visa.j1 ; ask HR"
	assert_line "+! does not parse: the PD said no"
	run --separate-stderr rf-commit
	assert_success
	run git -C "$RF_DIR" log -p -1 --format=%s
	assert_line "+! does not parse: the PD said no"
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
}

@test "rf-init in a fresh git clone makes it private, sets the driver and says so" {
	make_notes
	rf-set mercy visa.h1b=no
	(umask 022 && git clone -q "$RF_DIR" "$HOME/lap")
	assert_equal "$(stat -c %a "$HOME/lap") $(stat -c %a "$HOME/lap/mercy-general.ini")" "755 644"
	run --separate-stderr rf-init -C "$HOME/lap"
	assert_success
	assert_equal "$stderr" ""
	assert_output "Made $HOME/lap private: the directory 0700 (was 0755), 2 files 0600
Set up git's diff driver for notes: git diff and git log -p show per-key changes
Already rf notes in $HOME/lap"
	assert_equal "$(stat -c %a "$HOME/lap") $(stat -c %a "$HOME/lap/mercy-general.ini") $(stat -c %a "$HOME/lap/profile.ini")" "700 600 600"
	run git -C "$HOME/lap" log -p -1 --format=%s
	assert_line -- "+visa.h1b = no"
	assert_equal "$(git -C "$HOME/lap" status --porcelain)" ""
	assert_equal "$(git -C "$HOME/lap" rev-parse HEAD)" "$(git -C "$RF_DIR" rev-parse HEAD)"
	# A second run has nothing to say but that.
	run --separate-stderr rf-init -C "$HOME/lap"
	assert_output "Already rf notes in $HOME/lap"
}

@test "git hooks and commit.gpgsign are not honoured, and rf says so; GIT_AUTHOR_DATE takes git's formats" {
	make_notes
	mkdir -p "$HOME/hooks"
	printf '#!/bin/sh\ntouch "$HOME/hook-ran"\nexit 1\n' >"$HOME/hooks/pre-commit"
	cp "$HOME/hooks/pre-commit" "$HOME/hooks/commit-msg"
	chmod +x "$HOME/hooks/pre-commit" "$HOME/hooks/commit-msg"
	git -C "$RF_DIR" config core.hooksPath "$HOME/hooks"
	git -C "$RF_DIR" config commit.gpgsign true
	run --separate-stderr rf-set mercy visa.h1b=no
	assert_success
	assert_equal "$stderr" "rf-set: warning: commit.gpgsign is set, but rf cannot sign its commits (see \"Living beside git\" in rf(7))
rf-set: warning: rf does not run git hooks: pre-commit, commit-msg in $HOME/hooks did not run (see \"Living beside git\" in rf(7))"
	assert_file_not_exists "$HOME/hook-ran"
	assert_equal "$(git -C "$RF_DIR" log -1 --format='%s %G?')" "set mercy-general: visa.h1b unknown → no N"
	# Nothing to commit, nothing to warn about.
	run --separate-stderr rf-set mercy visa.h1b=no
	assert_equal "$stderr" ""
	git -C "$RF_DIR" config --unset commit.gpgsign
	git -C "$RF_DIR" config --unset core.hooksPath

	# The dates git reads, among them its own log format and date(1)'s.
	GIT_AUTHOR_DATE="Sat Dec 5 10:00:00 2026 +0100" GIT_COMMITTER_DATE="Sat Dec  5 09:30:00 UTC 2026" rf-set mercy visa.j1=yes
	assert_equal "$(git -C "$RF_DIR" log -1 --format='%aI %cI')" "2026-12-05T10:00:00+01:00 2026-12-05T09:30:00+00:00"
	GIT_AUTHOR_DATE="2026-12-05T11:00:00.250+02:00" rf-set mercy visa.j1=no
	assert_equal "$(git -C "$RF_DIR" log -1 --format='%aI')" "2026-12-05T11:00:00+02:00"
	GIT_AUTHOR_DATE="Sat, 05 Dec 2026 12:00:00 +0300" rf-set mercy visa.j1=vague
	assert_equal "$(git -C "$RF_DIR" log -1 --format='%aI')" "2026-12-05T12:00:00+03:00"
	# What it cannot read, it refuses, naming the formats it takes.
	GIT_AUTHOR_DATE="next tuesday" assert_refused "rf-set: GIT_AUTHOR_DATE='next tuesday': not a date rf reads; it takes '2026-12-05T14:30:00+01:00', 'Sat, 05 Dec 2026 14:30:00 +0100', 'Sat Dec 5 14:30:00 2026 +0100' or '@1796477400 +0100'" \
		rf-set mercy visa.j1=yes
}
