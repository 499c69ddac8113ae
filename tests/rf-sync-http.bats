#!/usr/bin/env bats
# rf-init and rf-sync over https, against git's own http-backend behind a
# TLS server on a loopback port that asks for a user name and password:
# credentials from ~/.git-credentials, from the URL, or typed on the
# terminal; an untrusted certificate; a remote that moves between fetch and
# push, once or for good; a push the server refuses.
load helper
load remote

setup_file() {
	start_http
}

teardown_file() {
	stop_http
}

setup() {
	setup_rf_env
	[ -z "$HTTP_SKIP" ] || skip "$HTTP_SKIP"
	export GIT_SSL_CAINFO=$HTTP_CA
	name="notes-$BATS_TEST_NUMBER"
	REMOTE="$HTTP_ROOT/$name.git"
	git init -q --bare -b main "$REMOTE"
	rf-init >/dev/null
	rf-new "Mercy General" >/dev/null
	rf-sync "$REMOTE" >/dev/null
	URL="https://localhost:$HTTP_PORT/$name.git"
	git -C "$RF_DIR" remote set-url origin "$URL"
	# git's store format: the password percent-encoded.
	printf 'https://applicant:%s@localhost:%s\n' 'pa%3Ass%20w%C3%B6rd%25' "$HTTP_PORT" >"$HOME/.git-credentials"
	rm -f "$HTTP_HOOKS/before-receive-pack"
}

teardown() {
	rm -f "${HTTP_HOOKS:-/nonexistent}/before-receive-pack"
}

# Nothing under the notes directories or on the output holds the password.
refute_password() {
	local where
	for where in "$@"; do
		! grep -rqsF "$HTTP_PASSWORD" "$where" || fail "the password is in $where"
		! grep -rqsF 'pa%3Ass' "$where" || fail "the encoded password is in $where"
	done
}

@test "https with ~/.git-credentials: rf-init URL and rf-sync" {
	b="$BATS_TEST_TMPDIR/b"
	run --separate-stderr rf-init -C "$b" "$URL"
	assert_success
	assert_equal "$stderr" ""
	assert_output "Cloned $URL into $b: 1 program, 2 commits"
	rf-set -C "$b" mercy visa.h1b=no >/dev/null
	run --separate-stderr rf-sync -C "$b"
	assert_success
	assert_output --partial "pushed to origin: main "
	run --separate-stderr rf-sync
	assert_success
	assert_output --partial "fast-forward from origin: 1 file changed"
	refute_password "$RF_DIR" "$b"
}

@test "without stored credentials the user name and password are asked on the terminal" {
	rm "$HOME/.git-credentials"
	rf-new "Metro IR" >/dev/null
	run --separate-stderr "$RF_SRC/tests/tools/pty-run" -o "$BATS_TEST_TMPDIR/out" -e "$BATS_TEST_TMPDIR/err" \
		-a "Username for 'https://localhost:$HTTP_PORT': =applicant" \
		-a "Password for 'https://applicant@localhost:$HTTP_PORT': =$HTTP_PASSWORD" -- rf-sync
	assert_success
	# The name is echoed as it is typed, the password is not.
	assert_output "Username for 'https://localhost:$HTTP_PORT': applicant
Password for 'https://applicant@localhost:$HTTP_PORT': "
	assert_equal "$(cat "$BATS_TEST_TMPDIR/err")" ""
	[[ "$(cat "$BATS_TEST_TMPDIR/out")" == "pushed to origin: main "* ]]
	refute_password "$RF_DIR"
	assert_file_not_exists "$HOME/.git-credentials"
	# No terminal, no store: the reason, and what to do.
	rf-new "Lakeside" >/dev/null
	run --separate-stderr setsid -w rf-sync
	assert_equal "$status" 2
	assert_equal "$stderr" "rf-sync: origin ($URL): the server asks for a user name and password: put them in ~/.git-credentials (git's store format), or run rf-sync on a terminal to type them; your notes are safe and committed locally"
}

@test "a wrong stored password is one line, exit 2, nothing changed" {
	printf 'https://applicant:wrong@localhost:%s\n' "$HTTP_PORT" >"$HOME/.git-credentials"
	assert_refused "rf-sync: origin ($URL): the server refused the credentials in ~/.git-credentials; your notes are safe and committed locally" \
		setsid -w rf-sync
}

@test "a password in the URL is used for that run and never written to the config" {
	rm "$HOME/.git-credentials"
	b="$BATS_TEST_TMPDIR/b"
	run --separate-stderr rf-init -C "$b" "https://applicant:pa%3Ass%20w%C3%B6rd%25@localhost:$HTTP_PORT/$name.git"
	assert_success
	assert_output "Cloned https://applicant@localhost:$HTTP_PORT/$name.git into $b: 1 program, 2 commits"
	assert_equal "$(git -C "$b" config remote.origin.url)" "https://applicant@localhost:$HTTP_PORT/$name.git"
	refute_password "$b"
}

@test "a certificate rf cannot trust is refused, nothing changed" {
	unset GIT_SSL_CAINFO
	assert_refused "rf-sync: origin ($URL): the TLS certificate of localhost is not trusted (an unknown authority, an expired certificate or another host's name); if the server has its own authority, point GIT_SSL_CAINFO or git config http.sslCAInfo at it; your notes are safe and committed locally" \
		rf-sync
	# http.sslCAInfo, as git reads it, is the other way to trust it.
	git -C "$RF_DIR" config http.sslCAInfo "$HTTP_CA"
	run --separate-stderr rf-sync
	assert_success
}

@test "the remote moved between fetch and push: fetched and merged again, then pushed" {
	race_hook "$REMOTE" 1 "$HTTP_HOOKS"
	rf-new "Metro IR" >/dev/null
	run --separate-stderr rf-sync
	assert_success
	assert_equal "$stderr" ""
	assert_line --index 0 "origin moved during the sync: fetching and merging again"
	assert_line --index 1 --regexp "^merged with origin: 2 files \([0-9a-f]{7}\)$"
	assert_equal "$(git -C "$REMOTE" rev-parse main)" "$(git -C "$RF_DIR" rev-parse HEAD)"
	assert_file_exists "$RF_DIR/third-1.ini"
}

@test "a remote that keeps moving: three retries, then exit 2 with the local merge kept" {
	race_hook "$REMOTE" 9 "$HTTP_HOOKS"
	rf-new "Metro IR" >/dev/null
	run --separate-stderr rf-sync
	assert_equal "$status" 2
	assert_equal "$stderr" "rf-sync: origin ($URL): the remote kept moving during the sync (someone else pushed 4 times between fetch and push); the notes are merged and committed locally: run rf-sync again"
	assert_equal "$(printf '%s\n' "$output" | grep -c 'moved during the sync')" 3
	# Nothing lost: the local branch has the merges of the three pushes it
	# fetched, complete and clean; the fourth is still on the remote only.
	assert_equal "$(cat "$HTTP_HOOKS/race-count")" 5
	assert_file_exists "$RF_DIR/metro-ir.ini"
	assert_file_exists "$RF_DIR/third-7.ini"
	assert_file_not_exists "$RF_DIR/third-6.ini"
	assert_equal "$(git -C "$RF_DIR" rev-list --count --merges HEAD)" 3
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
	git -C "$RF_DIR" fsck --strict
	# The next sync, once the remote is still, completes it.
	rm "$HTTP_HOOKS/before-receive-pack"
	run --separate-stderr rf-sync
	assert_success
	assert_equal "$(git -C "$REMOTE" rev-parse main)" "$(git -C "$RF_DIR" rev-parse HEAD)"
	assert_file_exists "$RF_DIR/third-6.ini"
}

@test "a push the server refuses undoes the merge: exit 2, nothing changed" {
	push_from_elsewhere "$REMOTE" lakeside $'[program]\nname = Lakeside\n'
	refuse_hook "$HTTP_HOOKS"
	rf-new "Metro IR" >/dev/null
	before=$(notes_state)
	run --separate-stderr rf-sync
	assert_equal "$status" 2
	assert_equal "$stderr" "rf-sync: origin ($URL): the server answered HTTP 500; your notes are safe and committed locally"
	assert_equal "$(notes_state)" "$before"
}
