# Shared set-up for the hostile tests (tests/hostile/*.bats): the common
# helper, with the source tree one level further up.
load ../helper
RF_SRC=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)

# A usage error: status 2, "usage:" on stderr after a first line matching
# $1, and the notes directory unchanged.
assert_usage() {
	local pattern=$1
	shift
	local before
	before=$(notes_state)
	run --separate-stderr "$@"
	assert_equal "$status" 2
	[[ "${stderr%%$'\n'*}" == *$pattern* ]] || fail "stderr '$stderr' does not start with '$pattern'"
	[[ "$stderr" == *"usage: "* ]] || fail "no usage line in '$stderr'"
	assert_equal "$(notes_state)" "$before"
}

# Everything git knows, for commands that must not write even inside .git:
# refs, index and the list of objects (not rf's caches in .git/rf/).
git_state() {
	(
		cd "$RF_DIR/.git" || exit 1
		find . -path ./rf -prune -o -type f ! -name rf.lock -print0 | sort -z | xargs -0r sha256sum
	)
}

# The note's committed text equals its working-tree text.
assert_committed() {
	local file=$1
	assert_equal "$(git -C "$RF_DIR" show "HEAD:$file" | sha256sum)" "$(sha256sum <"$RF_DIR/$file")"
	assert_equal "$(git -C "$RF_DIR" status --porcelain -- "$file")" ""
}
