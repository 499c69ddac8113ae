#!/usr/bin/env bats
# rf-init and rf-sync over ssh, against a real OpenSSH server started on a
# loopback port with a throwaway host key: the user's key, the agent, a
# passphrase asked on the terminal, host keys checked against
# ~/.ssh/known_hosts, a remote that moves between fetch and push.
load helper
load remote

setup_file() {
	start_sshd
}

teardown_file() {
	stop_sshd
}

setup() {
	setup_rf_env
	ssh_login_setup
	REMOTE=$(bare_remote notes)
	rf-init >/dev/null
	rf-new "Mercy General" >/dev/null
	rf-sync "$REMOTE" >/dev/null
	URL=$(ssh_url "$REMOTE")
	git -C "$RF_DIR" remote set-url origin "$URL"
}

teardown() {
	[ -n "${AGENT_PID:-}" ] && kill "$AGENT_PID" 2>/dev/null
	rm -f "${SSHD_DIR:-/nonexistent}/before-receive-pack"
	return 0
}

@test "rf-init ssh://... clones and rf-sync pushes over a real sshd" {
	b="$BATS_TEST_TMPDIR/b"
	run --separate-stderr rf-init -C "$b" "$URL"
	assert_success
	assert_equal "$stderr" ""
	assert_output "Cloned $URL into $b: 1 program, 2 commits"
	assert_equal "$(git -C "$b" config remote.origin.url)" "$URL"
	rf-set -C "$b" mercy visa.h1b=no >/dev/null
	run --separate-stderr rf-sync -C "$b"
	assert_success
	assert_output --partial "pushed to origin: main "
	assert_equal "$(git -C "$REMOTE" rev-parse main)" "$(git -C "$b" rev-parse HEAD)"
	run --separate-stderr rf-sync
	assert_success
	assert_output --partial "fast-forward from origin: 1 file changed"
	assert_equal "$(ini_get "$RF_DIR/mercy-general.ini" visa:h1b)" no
	grep -q "Accepted publickey for $(id -un) from 127.0.0.1" "$SSHD_DIR/log"
}

@test "a host key missing from known_hosts is refused with its fingerprint and ssh-keyscan, nothing changed" {
	: >"$HOME/.ssh/known_hosts"
	fp=$(ssh-keygen -lf "$SSHD_DIR/host_key.pub" | cut -d' ' -f2)
	msg="[127.0.0.1]:$SSHD_PORT is not a known host (its ED25519 key $fp is not in ~/.ssh/known_hosts): if that is the server's fingerprint, add it with 'ssh-keyscan -p $SSHD_PORT 127.0.0.1 >> ~/.ssh/known_hosts' or connect once with ssh"
	assert_refused "rf-sync: origin ($URL): $msg; your notes are safe and committed locally" rf-sync
	rm "$HOME/.ssh/known_hosts"
	assert_refused "rf-sync: origin ($URL): $msg; your notes are safe and committed locally" rf-sync
	b="$BATS_TEST_TMPDIR/b"
	run --separate-stderr rf-init -C "$b" "$URL"
	assert_equal "$status" 2
	assert_equal "$stderr" "rf-init: $URL: $msg; nothing was created"
	assert_file_not_exists "$b"
	# The fix the message gives works.
	ssh-keyscan -p "$SSHD_PORT" 127.0.0.1 >>"$HOME/.ssh/known_hosts" 2>/dev/null
	run --separate-stderr rf-sync
	assert_success
}

@test "a changed host key is refused as a possible interception, nothing changed" {
	ssh-keygen -q -t ed25519 -N '' -f "$BATS_TEST_TMPDIR/impostor"
	echo "[127.0.0.1]:$SSHD_PORT $(cut -d' ' -f1,2 "$BATS_TEST_TMPDIR/impostor.pub")" >"$HOME/.ssh/known_hosts"
	fp=$(ssh-keygen -lf "$SSHD_DIR/host_key.pub" | cut -d' ' -f2)
	rf-set mercy visa.j1=yes >/dev/null
	assert_refused "rf-sync: origin ($URL): the host key of [127.0.0.1]:$SSHD_PORT (ED25519 $fp) is not the one ~/.ssh/known_hosts has for it: someone may be intercepting the connection, or the server was reinstalled; if you know it was, remove the old key (ssh-keygen -R '[127.0.0.1]:$SSHD_PORT') and add the new one (ssh-keyscan -p $SSHD_PORT 127.0.0.1 >> ~/.ssh/known_hosts); your notes are safe and committed locally" \
		rf-sync
	assert_equal "$(git -C "$REMOTE" log -1 --format=%s main)" "new mercy-general: Mercy General"
}

@test "a key the server does not know is refused, naming the key offered" {
	ssh-keygen -q -t ed25519 -N '' -f "$HOME/.ssh/id_ed25519" <<<y >/dev/null
	assert_refused "rf-sync: origin ($URL): the server refused ~/.ssh/id_ed25519 for user $(id -un) (add your public key to the server's ~/.ssh/authorized_keys, or the key to the agent with ssh-add); your notes are safe and committed locally" \
		rf-sync
	rm "$HOME/.ssh/id_ed25519" "$HOME/.ssh/id_ed25519.pub"
	assert_refused "no ssh key to offer (no agent at SSH_AUTH_SOCK, no id_ed25519, id_ecdsa or id_rsa in ~/.ssh)" rf-sync
}

@test "the ssh agent at SSH_AUTH_SOCK is used" {
	eval "$(ssh-agent -s -a "$BATS_TEST_TMPDIR/agent.sock")" >/dev/null
	AGENT_PID=$SSH_AGENT_PID
	ssh-add -q "$HOME/.ssh/id_ed25519" 2>/dev/null
	rm "$HOME/.ssh/id_ed25519" "$HOME/.ssh/id_ed25519.pub"
	rf-new "Metro IR" >/dev/null
	run --separate-stderr rf-sync
	assert_success
	assert_output --partial "pushed to origin: main "
}

@test "a key's passphrase is asked on the terminal, not echoed, once for fetch and push" {
	ssh-keygen -q -p -P '' -N 'open sesame' -f "$HOME/.ssh/id_ed25519"
	rf-new "Metro IR" >/dev/null
	run --separate-stderr "$RF_SRC/tests/tools/pty-run" -o "$BATS_TEST_TMPDIR/out" -e "$BATS_TEST_TMPDIR/err" \
		-a "Enter passphrase for key '$HOME/.ssh/id_ed25519': =open sesame" -- rf-sync
	assert_success
	# The terminal showed the question once and not the answer.
	assert_output "Enter passphrase for key '$HOME/.ssh/id_ed25519': "
	assert_equal "$(cat "$BATS_TEST_TMPDIR/err")" ""
	assert_equal "$(cat "$BATS_TEST_TMPDIR/out")" \
		"pushed to origin: main $(git -C "$RF_DIR" rev-parse --short=7 HEAD~1)..$(git -C "$RF_DIR" rev-parse --short=7 HEAD)"
	! grep -rqs "open sesame" "$RF_DIR/.git/config" "$RF_DIR"/*.ini
	! git -C "$RF_DIR" log --format=%B | grep -q "open sesame"
}

@test "a mistyped passphrase is asked again; without a terminal the key is skipped with the reason" {
	ssh-keygen -q -p -P '' -N 'open sesame' -f "$HOME/.ssh/id_ed25519"
	run --separate-stderr "$RF_SRC/tests/tools/pty-run" -o "$BATS_TEST_TMPDIR/out" -e "$BATS_TEST_TMPDIR/err" \
		-a "Enter passphrase for key '$HOME/.ssh/id_ed25519': =open sezame" \
		-a "again: =open sesame" -- rf-sync
	assert_success
	assert_equal "$(cat "$BATS_TEST_TMPDIR/out")" "in sync with origin"
	assert_refused "rf-sync: origin ($URL): ~/.ssh/id_ed25519 needs its passphrase and there is no terminal to ask it on (ssh-add it to the agent); your notes are safe and committed locally" \
		setsid -w rf-sync
}

@test "the remote moved between fetch and push: rf-sync fetches, merges and pushes again" {
	race_hook "$REMOTE" 1 "$SSHD_DIR"
	rf-new "Metro IR" >/dev/null
	run --separate-stderr rf-sync
	assert_success
	assert_equal "$stderr" ""
	assert_line --index 0 "origin moved during the sync: fetching and merging again"
	assert_line --index 1 --regexp "^merged with origin: 2 files \([0-9a-f]{7}\)$"
	assert_line --index 2 --partial "pushed to origin: main "
	assert_equal "$(git -C "$REMOTE" rev-parse main)" "$(git -C "$RF_DIR" rev-parse HEAD)"
	assert_file_exists "$RF_DIR/third-1.ini"
	assert_file_exists "$RF_DIR/metro-ir.ini"
	git -C "$RF_DIR" fsck --strict
}

@test "a push the server refuses undoes the merge: exit 2, nothing changed" {
	push_from_elsewhere "$REMOTE" lakeside $'[program]\nname = Lakeside\n'
	refuse_hook "$SSHD_DIR"
	rf-new "Metro IR" >/dev/null
	before=$(notes_state)
	run --separate-stderr rf-sync
	assert_equal "$status" 2
	assert_equal "$stderr" "rf-sync: origin ($URL): the server closed the connection before answering (early EOF); your notes are safe and committed locally"
	assert_equal "$(notes_state)" "$before"
	assert_file_not_exists "$RF_DIR/lakeside.ini"
}
