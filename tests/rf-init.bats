#!/usr/bin/env bats
# rf-init: create the notes directory.
load helper
load remote

@test "rf-init creates a private git repository with the profile in one commit" {
	run --separate-stderr rf-init
	assert_success
	assert_output "Initialized rf notes in $RF_DIR"
	assert_equal "$stderr" ""
	assert_equal "$(stat -c %a "$RF_DIR")" 700
	assert_equal "$(stat -c %a "$RF_DIR/profile.ini")" 600
	cmp "$RF_SRC/templates/profile.ini" "$RF_DIR/profile.ini"
	assert_equal "$(git -C "$RF_DIR" rev-parse --show-toplevel)" "$RF_DIR"
	assert_equal "$(commit_count)" 1
	assert_equal "$(git -C "$RF_DIR" log -1 --format='%an <%ae>|%cn <%ce>|%aI|%cI|%s')" \
		"Test Applicant <applicant@example.org>|Test Applicant <applicant@example.org>|2026-12-05T09:00:00+00:00|2026-12-05T09:00:00+00:00|init profile: created"
	assert_equal "$(git -C "$RF_DIR" ls-tree --name-only HEAD)" "profile.ini"
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
	git -C "$RF_DIR" fsck --strict
}

@test "rf-init is idempotent: a second run changes nothing" {
	rf-init >/dev/null
	before=$(notes_state)
	run --separate-stderr rf-init
	assert_success
	assert_output "Already rf notes in $RF_DIR"
	assert_equal "$(notes_state)" "$before"
	assert_equal "$(commit_count)" 1
}

@test "rf-init keeps an existing profile and tightens a loose directory to 0700" {
	mkdir -p "$RF_DIR"
	chmod 755 "$RF_DIR"
	printf '[applicant]\nvisa_needed = j1\n' >"$RF_DIR/profile.ini"
	run --separate-stderr rf-init
	assert_success
	assert_equal "$(stat -c %a "$RF_DIR")" 700
	assert_equal "$(cat "$RF_DIR/profile.ini")" $'[applicant]\nvisa_needed = j1'
}

@test "rf-init honours GIT_AUTHOR_DATE and GIT_COMMITTER_DATE separately" {
	GIT_AUTHOR_DATE="2026-09-01 08:30:00 +0200" GIT_COMMITTER_DATE="@1790000000 +0000" rf-init >/dev/null
	assert_equal "$(git -C "$RF_DIR" log -1 --format='%aI %cI')" "2026-09-01T08:30:00+02:00 2026-09-21T14:13:20+00:00"
}

@test "rf-init -C DIR creates that directory and its parents" {
	run --separate-stderr rf-init -C "$BATS_TEST_TMPDIR/a/b/notes"
	assert_success
	assert_output "Initialized rf notes in $BATS_TEST_TMPDIR/a/b/notes"
	assert_equal "$(stat -c %a "$BATS_TEST_TMPDIR/a/b/notes")" 700
	assert_file_exists "$BATS_TEST_TMPDIR/a/b/notes/profile.ini"
	assert_file_not_exists "$RF_DIR"
}

@test "rf-init without RF_DIR uses ~/rf" {
	unset RF_DIR
	run --separate-stderr rf-init
	assert_success
	assert_output "Initialized rf notes in $HOME/rf"
}

@test "rf-init -h, --help and --version" {
	run --separate-stderr rf-init -h
	assert_success
	assert_line --index 0 "usage: rf-init [-C DIR] [URL]"
	run --separate-stderr rf-init --help
	assert_success
	assert_line --index 0 "usage: rf-init [-C DIR] [URL]"
	run --separate-stderr rf-init --version
	assert_success
	assert_output --regexp '^rf-init \(rf\) [0-9.]+$'
	assert_file_not_exists "$RF_DIR"
}

@test "rf-init refuses extra arguments and unknown options" {
	run --separate-stderr rf-init one two
	assert_equal "$status" 2
	[[ "$stderr" == *"usage: rf-init [-C DIR] [URL]"* ]]
	run --separate-stderr rf-init --bogus
	assert_equal "$status" 2
	assert_file_not_exists "$RF_DIR"
}

@test "rf-init falls back to rf <rf@localhost> when no identity is configured" {
	unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL EMAIL
	assert_file_not_exists "$HOME/.gitconfig"
	rf-init >/dev/null
	assert_equal "$(git -C "$RF_DIR" log -1 --format='%an <%ae>|%cn <%ce>')" "rf <rf@localhost>|rf <rf@localhost>"
}

@test "rf-init takes the identity from git config when no GIT_* variables are set" {
	unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL EMAIL
	git config --global user.name "Config Person"
	git config --global user.email "config@example.org"
	rf-init >/dev/null
	assert_equal "$(git -C "$RF_DIR" log -1 --format='%an <%ae>|%cn <%ce>')" \
		"Config Person <config@example.org>|Config Person <config@example.org>"
}

@test "rf-init URL clones another device's notes: private, drivers configured, one-line summary" {
	make_notes
	rf-new "Metro IR" >/dev/null
	remote=$(bare_remote notes)
	rf-sync "file://$remote" >/dev/null
	b="$BATS_TEST_TMPDIR/device-b"
	run --separate-stderr rf-init -C "$b" "file://$remote"
	assert_success
	assert_equal "$stderr" ""
	assert_output "Cloned file://$remote into $b: 2 programs, 3 commits"
	assert_equal "$(stat -c %a "$b")" 700
	assert_equal "$(stat -c %a "$b/.git")" 700
	assert_equal "$(stat -c %a "$b/mercy-general.ini") $(stat -c %a "$b/profile.ini")" "600 600"
	diff -r --exclude=.git "$RF_DIR" "$b"
	assert_equal "$(git -C "$b" rev-parse HEAD)" "$(git -C "$RF_DIR" rev-parse HEAD)"
	assert_equal "$(git -C "$b" config branch.main.remote) $(git -C "$b" config branch.main.merge)" "origin refs/heads/main"
	local bin=${RF_REAL_BIN:-$RF_BIN}	# under make valgrind, what the wrapper runs
	assert_equal "$(git -C "$b" config diff.rf.textconv)" "'$bin/rf-diff' --textconv"
	assert_equal "$(cat "$b/.git/info/attributes")" $'*.ini diff=rf\n*.ini merge=rf'
	assert_equal "$(git -C "$b" config merge.rf.driver)" "'$bin/rf-sync' --merge-driver %P %O %A %B"
	assert_equal "$(git -C "$b" status --porcelain)" ""
	# As git clone leaves it: origin's refs, its HEAD, the branch tracking it.
	assert_equal "$(git -C "$b" config remote.origin.url)" "file://$remote"
	assert_equal "$(git -C "$b" config remote.origin.fetch)" "+refs/heads/*:refs/remotes/origin/*"
	assert_equal "$(git -C "$b" symbolic-ref refs/remotes/origin/HEAD)" refs/remotes/origin/main
	assert_equal "$(git -C "$b" status -sb | head -1)" "## main...origin/main"
	git -C "$b" fsck --strict
	# Nothing is left beside it.
	assert_equal "$(ls -A "$BATS_TEST_TMPDIR" | grep -c rf-clone)" 0
}

@test "rf-init PATH clones a path, and an empty remote gets a profile on main" {
	remote=$(bare_remote empty)
	run --separate-stderr rf-init "$remote"
	assert_success
	assert_output "Cloned $remote into $RF_DIR: 0 programs, 1 commit"
	cmp "$RF_SRC/templates/profile.ini" "$RF_DIR/profile.ini"
	assert_equal "$(git -C "$RF_DIR" symbolic-ref HEAD)" refs/heads/main
	assert_equal "$(git -C "$RF_DIR" config branch.main.merge)" refs/heads/main
	run --separate-stderr rf-sync
	assert_success
	assert_output --partial "pushed to origin: main at "
	assert_equal "$(git -C "$remote" rev-parse main)" "$(git -C "$RF_DIR" rev-parse HEAD)"
}

@test "rf-init URL checks out main when the remote's HEAD names no branch" {
	make_notes
	remote="$BATS_TEST_TMPDIR/master-head.git"
	git init -q --bare -b master "$remote"
	rf-sync "$remote" >/dev/null
	b="$BATS_TEST_TMPDIR/b"
	run --separate-stderr rf-init -C "$b" "$remote"
	assert_success
	assert_output "Cloned $remote into $b: 1 program, 2 commits"
	assert_equal "$(git -C "$b" symbolic-ref HEAD)" refs/heads/main
	cmp "$RF_DIR/mercy-general.ini" "$b/mercy-general.ini"
	assert_equal "$(git -C "$b" status --porcelain)" ""
}

@test "rf-init URL refuses a directory that is not empty, and a failed clone leaves nothing" {
	make_notes
	remote=$(bare_remote notes)
	rf-sync "$remote" >/dev/null
	assert_refused "$RF_DIR: already exists and is not empty; rf-init URL makes a new notes directory" \
		rf-init "$remote"
	b="$BATS_TEST_TMPDIR/b"
	run --separate-stderr rf-init -C "$b" "$BATS_TEST_TMPDIR/nowhere.git"
	assert_equal "$status" 2
	assert_equal "$stderr" "rf-init: $BATS_TEST_TMPDIR/nowhere.git: no repository at $BATS_TEST_TMPDIR/nowhere.git; nothing was created"
	assert_file_not_exists "$b"
	port=$(closed_port)
	run --separate-stderr rf-init -C "$b" "ssh://127.0.0.1:$port/notes.git"
	assert_equal "$status" 2
	assert_equal "$stderr" "rf-init: ssh://127.0.0.1:$port/notes.git: cannot connect to 127.0.0.1 port $port: connection refused (offline, or the server is down); nothing was created"
	assert_file_not_exists "$b"
	assert_equal "$(ls -A "$BATS_TEST_TMPDIR" | grep -c rf-clone)" 0
	# An empty directory (a mount point) is filled.
	mkdir "$b"
	run --separate-stderr rf-init -C "$b" "$remote"
	assert_success
	assert_file_exists "$b/mercy-general.ini"
}
