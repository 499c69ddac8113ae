# Shared set-up for rf's bats tests: a private HOME and notes directory,
# a fixed identity and clock, the freshly built binaries first on PATH.
bats_require_minimum_version 1.5.0
bats_load_library bats-support
bats_load_library bats-assert
bats_load_library bats-file

RF_SRC=$(cd "$BATS_TEST_DIRNAME/.." && pwd)

setup_rf_env() {
	export HOME="$BATS_TEST_TMPDIR/home"
	export RF_DIR="$HOME/rf"
	export RF_SHARE="$RF_SRC/templates"
	# make check points RF_BIN at the flavour it built (plain or sanitized).
	export PATH="${RF_BIN:-$RF_SRC/bin}:$PATH"
	export GIT_CONFIG_NOSYSTEM=1
	export GIT_AUTHOR_NAME="Test Applicant" GIT_AUTHOR_EMAIL="applicant@example.org"
	export GIT_COMMITTER_NAME="Test Applicant" GIT_COMMITTER_EMAIL="applicant@example.org"
	export GIT_AUTHOR_DATE="2026-12-05T09:00:00Z" GIT_COMMITTER_DATE="2026-12-05T09:00:00Z"
	export TZ=UTC LC_ALL=C.UTF-8
	unset VISUAL EDITOR NO_COLOR RF_PAGER PAGER
	mkdir -p "$HOME"
}

setup() {
	setup_rf_env
}

# A notes directory with one program, "Mercy General" (mercy-general.ini).
# Under make valgrind this set-up runs the real binaries (RF_REAL_BIN): the
# same two runs in ~190 tests were a quarter of all valgrind runs, and
# tests/rf-init.bats and tests/rf-new.bats run those paths under valgrind.
make_notes() {
	local bin=${RF_REAL_BIN:+$RF_REAL_BIN/}
	"${bin}rf-init" >/dev/null
	"${bin}rf-new" "Mercy General" >/dev/null
}

# Everything that identifies the state of the notes directory: HEAD, the
# status and a hash of every file outside .git.
notes_state() {
	(
		cd "$RF_DIR" || exit 1
		git rev-parse -q --verify HEAD || echo unborn
		git --no-optional-locks status --porcelain --untracked-files=all
		find . -path ./.git -prune -o -type f -print0 | sort -z | xargs -0r sha256sum
	)
}

# Test tools built by make check (tests/tools): RF_TEST_TOOLS, else beside RF_BIN.
ini_get() {
	"${RF_TEST_TOOLS:-${RF_BIN:-$RF_SRC/bin}/../tests}/ini-get" "$@"
}

commit_count() {
	git -C "$RF_DIR" rev-list --count HEAD
}

last_subject() {
	git -C "$RF_DIR" log -1 --format=%s
}

# Run an rf command expected to fail with a usage/input error: status 2,
# exactly one line on stderr containing $1 (literally), and the notes
# directory unchanged.
assert_refused() {
	local pattern=$1
	shift
	local before
	before=$(notes_state)
	run --separate-stderr "$@"
	assert_equal "$status" 2
	assert_equal "$(printf '%s\n' "$stderr" | wc -l)" 1
	[[ "$stderr" == *"$pattern"* ]] || fail "stderr '$stderr' does not contain '$pattern'"
	assert_equal "$(notes_state)" "$before"
}
