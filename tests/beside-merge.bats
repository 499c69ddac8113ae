#!/usr/bin/env bats
# Living beside git: a pull, merge or rebase that stopped on a conflict,
# and the conflict markers it leaves in a note, with the git command line
# as the other laptop.
load helper

# The notes directory and a second clone ("the other laptop") that both
# answered visa.h1b, then a pull into the notes directory that stops on
# the conflict.
conflicting_pull() {
	make_notes
	git clone -q "$RF_DIR" "$HOME/lap"
	rf-set -C "$HOME/lap" mercy visa.h1b=yes
	rf-set mercy visa.h1b=no
	git -C "$RF_DIR" config pull.rebase false
	# Without rf's merge driver (a clone set up before it, or by hand),
	# git's line merge leaves its markers.
	sed -i /merge=rf/d "$RF_DIR/.git/info/attributes"
	run git -C "$RF_DIR" pull -q "$HOME/lap" main
	assert_failure
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" "UU mercy-general.ini"
}

@test "a pull stopped on a conflict: writers refuse, naming the merge and how it ends" {
	conflicting_pull
	local merge="$RF_DIR: a merge is in progress (git pull or git merge stopped on a conflict): resolve the notes, then rf-commit concludes it; or git merge --abort"
	assert_refused "rf-set: $merge" rf-set mercy visa.j1=yes
	assert_refused "rf-quote: $merge" rf-quote mercy "we sponsor"
	assert_refused "rf-new: $merge" rf-new "Saint Elsewhere"
	# rf-commit and rf-edit conclude merges, but not over conflict markers.
	assert_refused "rf-commit: mercy-general.ini:38: unresolved git conflict marker: visa.h1b: 'no' (yours) vs 'yes' (theirs); resolve it, then rf-commit concludes the merge (or git merge --abort)" rf-commit
	EDITOR=true assert_refused "rf-edit: mercy-general.ini:38: unresolved git conflict marker" rf-edit mercy
	assert [ -f "$RF_DIR/.git/MERGE_HEAD" ]
}

@test "a pull stopped on a conflict: rf-commit concludes it with both parents, then pulls work again" {
	conflicting_pull
	local ours theirs
	ours=$(git -C "$RF_DIR" rev-parse HEAD)
	theirs=$(git -C "$RF_DIR" rev-parse MERGE_HEAD)
	# Resolved in any editor: keep "no", drop the markers.
	sed -i '/^<<<<<<< /d; /^=======$/,/^>>>>>>> /d' "$RF_DIR/mercy-general.ini"
	run --separate-stderr rf-commit
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$(git -C "$RF_DIR" log -1 --format='%s %P')" "Merge branch 'main' of $HOME/lap $ours $theirs"
	assert_equal "$(git -C "$RF_DIR" show HEAD:mercy-general.ini | ini_get /dev/stdin visa:h1b)" "no"
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
	run ls "$RF_DIR/.git"
	refute_output --partial MERGE
	run git -C "$RF_DIR" fsck --strict --no-dangling
	assert_success
	# Both sides go on: the other laptop pulls the merge, the next pull here is clean.
	run git -C "$HOME/lap" pull -q "$RF_DIR" main
	assert_success
	assert_equal "$(git -C "$HOME/lap" rev-parse HEAD)" "$(git -C "$RF_DIR" rev-parse HEAD)"
	rf-set -C "$HOME/lap" mercy visa.j1=yes
	run git -C "$RF_DIR" pull -q "$HOME/lap" main
	assert_success
	assert_equal "$(git -C "$RF_DIR" log -1 --format=%s)" "set mercy-general: visa.j1 unknown → yes"
	# Both laptops' answers are in the history rf-log shows.
	run rf-log mercy
	assert_line --partial "set mercy-general: visa.h1b unknown → yes"
	assert_line --partial "set mercy-general: visa.h1b unknown → no"
}

@test "a merge concluded by rf-edit, and one that leaves another file in conflict" {
	conflicting_pull
	export EDITOR="sed -i -e '/^<<<<<<< /d' -e '/^=======\$/,/^>>>>>>> /d'"
	run --separate-stderr rf-edit mercy
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$(git -C "$RF_DIR" log -1 --format=%P | wc -w)" 2
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""

	# A file rf does not record, still in conflict: rf-commit names it.
	printf 'a\n' >"$HOME/lap/README"
	git -C "$HOME/lap" add README
	git -C "$HOME/lap" commit -q -m readme
	printf 'b\n' >"$RF_DIR/README"
	git -C "$RF_DIR" add README
	git -C "$RF_DIR" commit -q -m readme
	run git -C "$RF_DIR" pull -q "$HOME/lap" main
	assert_failure
	assert_refused "rf-commit: README: still in conflict from the merge; resolve it (git add it when it is not a note), then rf-commit; or git merge --abort" rf-commit
	echo b >"$RF_DIR/README"
	git -C "$RF_DIR" add README
	run --separate-stderr rf-commit
	assert_success
	assert_equal "$(git -C "$RF_DIR" log -1 --format=%P | wc -w)" 2
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
}

@test "a rebase stopped on a conflict: writers name the branch to go back to, never git switch" {
	conflicting_pull
	git -C "$RF_DIR" merge --abort
	git -C "$RF_DIR" fetch -q "$HOME/lap" main
	run git -C "$RF_DIR" rebase FETCH_HEAD
	assert_failure
	assert_refused "rf-set: $RF_DIR: a rebase of branch 'main' is in progress: finish it with git rebase --continue, or git rebase --abort to return to 'main'" rf-set mercy visa.j1=yes
	run --separate-stderr rf-commit
	[[ "$stderr" != *"git switch"* ]] || fail "advises git switch: $stderr"
	assert_equal "$status" 2
}

@test "a cherry-pick or revert stopped on a conflict: writers refuse, naming how it ends" {
	conflicting_pull
	git -C "$RF_DIR" merge --abort
	git -C "$RF_DIR" fetch -q "$HOME/lap" main
	run git -C "$RF_DIR" cherry-pick FETCH_HEAD
	assert_failure
	assert_refused "rf-set: $RF_DIR: a git cherry-pick is in progress: finish it with git cherry-pick --continue, or git cherry-pick --abort" rf-set mercy visa.j1=yes
	git -C "$RF_DIR" cherry-pick --abort
	rf-set mercy visa.h1b=case-by-case
	run git -C "$RF_DIR" revert --no-edit HEAD~1
	assert_failure
	assert_refused "rf-commit: $RF_DIR: a git revert is in progress: finish it with git revert --continue, or git revert --abort" rf-commit
}

@test "conflict markers: rf-check names both sides; read commands never present one side as the answer" {
	conflicting_pull
	run --separate-stderr rf-check mercy
	assert_equal "$status" 1
	assert_output "mercy-general.ini:38: unresolved git conflict marker: visa.h1b: 'no' (yours) vs 'yes' (theirs)"
	run --separate-stderr rf-diff mercy
	assert_equal "$status" 1
	assert_output "mercy-general: $(git -C "$RF_DIR" rev-parse --short=7 HEAD) → working tree
! visa.h1b: unresolved git conflict: 'no' (yours) vs 'yes' (theirs)
risk 25.5 → ?"
	run --separate-stderr rf-log -p -n 1 mercy
	assert_success
	assert_line "    ! visa.h1b: unresolved git conflict: 'no' (yours) vs 'yes' (theirs)"
	refute_output --partial "visa.h1b: unknown → yes"
	run --separate-stderr rf-score
	assert_equal "$status" 1
	assert_equal "$stderr" "rf-score: mercy-general.ini:38: unresolved git conflict marker: visa.h1b: 'no' (yours) vs 'yes' (theirs)"
	run --separate-stderr rf-ask mercy
	assert_equal "$status" 1
	assert_equal "$stderr" "rf-ask: mercy-general.ini:38: unresolved git conflict marker: visa.h1b: 'no' (yours) vs 'yes' (theirs)"
	run --separate-stderr rf-diff --format tsv mercy
	assert_line "$(printf 'conflict\tvisa.h1b\tno\tyes')"
}
