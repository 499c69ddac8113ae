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
