#!/usr/bin/env bats
# A hostile notes directory: missing, corrupt or unusual git state, no
# permission to write.  rf refuses clearly and changes nothing.
load hostile

setup() {
	setup_rf_env
	make_notes
}

teardown() {
	if [ -n "${RO_BASE:-}" ]; then
		chmod -R u+rwx "$RO_BASE" 2>/dev/null || true
		rm -rf "$RO_BASE"
	fi
}

@test "a missing .git is refused by every writer" {
	mv "$RF_DIR/.git" "$HOME/git.saved"
	local msg="$RF_DIR: not a git repository (run rf-init to make it one)"
	assert_refused "$msg" rf-set mercy visa.h1b=no
	assert_refused "$msg" rf-quote mercy "words"
	assert_refused "$msg" rf-new "Other Program"
	assert_refused "$msg" rf-commit
	EDITOR="sed -i s/unknown/no/" assert_refused "$msg" rf-edit mercy
}

@test "rf-edit checks the repository before the editor opens, not after" {
	git -C "$RF_DIR" checkout -q --detach
	EDITOR="touch $HOME/editor-ran" assert_refused "HEAD is detached" rf-edit mercy
	assert_file_not_exists "$HOME/editor-ran"
	mv "$RF_DIR/.git" "$HOME/git.saved"
	EDITOR="touch $HOME/editor-ran" assert_refused "not a git repository" rf-edit mercy
	assert_file_not_exists "$HOME/editor-ran"
}

@test "a corrupt HEAD is refused" {
	echo "garbage" >"$RF_DIR/.git/HEAD"
	assert_refused "HEAD" rf-set mercy visa.h1b=no
	assert_refused "HEAD" rf-quote mercy "words"
}

@test "a corrupt commit object is refused and nothing is written" {
	local c f
	c=$(git -C "$RF_DIR" rev-parse HEAD)
	f=$RF_DIR/.git/objects/${c:0:2}/${c:2}
	chmod u+w "$f"
	echo junk >"$f"
	assert_refused "HEAD" rf-set mercy visa.h1b=no
	assert_refused "HEAD" rf-new "Other Program"
}

@test "a .git that is a file pointing nowhere is refused" {
	rm -rf "$RF_DIR/.git"
	echo "gitdir: /nonexistent/repo" >"$RF_DIR/.git"
	assert_refused "$RF_DIR" rf-set mercy visa.h1b=no
}

@test "a detached HEAD is refused by every writer, with the fix" {
	git -C "$RF_DIR" checkout -q --detach
	local msg="HEAD is detached; check out a branch first (git switch main)"
	assert_refused "$msg" rf-set mercy visa.h1b=no
	assert_refused "$msg" rf-quote mercy "words"
	assert_refused "$msg" rf-new "Other Program"
	assert_refused "$msg" rf-commit
}

@test "an unborn branch (git init only): rf-new makes the first commit" {
	export RF_DIR=$HOME/fresh
	git init -q "$RF_DIR"
	run rf-new "First Program"
	assert_success
	assert_output "$RF_DIR/first-program.ini"
	assert_equal "$(commit_count)" 1
	assert_equal "$(last_subject)" "new first-program: First Program"
	assert_committed first-program.ini
}

@test "an unborn branch: rf-set commits the hand-made note as the first commit" {
	export RF_DIR=$HOME/fresh
	git init -q "$RF_DIR"
	cp "$RF_SRC/templates/program.ini" "$RF_DIR/hand-made.ini"
	run rf-set hand-made visa.h1b=no
	assert_success
	assert_equal "$(commit_count)" 1
	assert_committed hand-made.ini
}

@test "a missing notes directory is refused, and not created by rf-set" {
	export RF_DIR=$HOME/nowhere
	run --separate-stderr rf-set mercy visa.h1b=no
	assert_equal "$status" 2
	assert_equal "$stderr" "rf-set: $RF_DIR: no notes directory here (create it with rf-init)"
	assert_file_not_exists "$RF_DIR"
}

@test "a notes directory that is a file is refused" {
	assert_refused "Not a directory" rf-set -C "$RF_DIR/profile.ini" mercy visa.h1b=no
}

# Root ignores permissions: as root, the command runs as nobody (setpriv)
# on a copy of the notes owned by nobody.
ro_run() {
	if [ "$(id -u)" = 0 ]; then
		"$(command -v setpriv)" --reuid=65534 --regid=65534 --clear-groups \
			env HOME="$RO_BASE" PATH="$PATH" "$@"
	else
		"$@"
	fi
}

@test "a read-only notes directory: writers refuse, nothing changes" {
	if [ "$(id -u)" = 0 ] && ! command -v setpriv >/dev/null; then
		skip "running as root without setpriv: permissions cannot be tested"
	fi
	RO_BASE=$(mktemp -d /tmp/rf-hostile-ro.XXXXXX)
	chmod 711 "$RO_BASE"
	cp -a "$RF_DIR" "$RO_BASE/rf"
	export RF_DIR=$RO_BASE/rf
	[ "$(id -u)" != 0 ] || chown -R 65534:65534 "$RF_DIR"
	chmod 500 "$RF_DIR"
	assert_refused "Permission denied" ro_run rf-set mercy visa.h1b=no
	assert_refused "Permission denied" ro_run rf-quote mercy "words"
	assert_refused "Permission denied" ro_run rf-new "Other Program"
	run ro_run rf-check
	assert_success
}
