# Remotes for the sync tests: bare repositories reached by path, file://,
# and a real OpenSSH server on a loopback port (start_sshd, from
# setup_file), with a throwaway host key and the test's own user key.

# A bare repository $1.git in the test's directory whose HEAD is main;
# prints its path.
bare_remote() {
	local path="$BATS_TEST_TMPDIR/$1.git"
	git init -q --bare -b main "$path"
	printf '%s\n' "$path"
}

# A free TCP port on 127.0.0.1 (bound and released: the caller binds it
# next, and retries if another process took it meanwhile).
free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# A closed port: nothing listens there once this returns.
closed_port() {
	free_port
}

# Start sshd -D with its own config in $BATS_FILE_TMPDIR/sshd (never the
# system's): host key, the user key the tests log in with (SSHD_KEY, its
# .pub authorised through the gate script, which runs the git command the
# client asked for), pid file, log.  As root it needs the privilege
# separation directory, which the Debian package leaves to the service
# to create.  Sets and exports SSHD_PORT, SSHD_DIR, or SSHD_SKIP with the
# reason it could not start.
start_sshd() {
	export SSHD_DIR="$BATS_FILE_TMPDIR/sshd" SSHD_SKIP=
	local sshd=/usr/sbin/sshd
	mkdir -p "$SSHD_DIR"
	if [ ! -x "$sshd" ]; then
		export SSHD_SKIP="no $sshd (Debian openssh-server; make deps installs it)"
		return 0
	fi
	if [ "$(id -u)" = 0 ] && [ ! -d /run/sshd ] && ! mkdir -m 755 /run/sshd 2>/dev/null; then
		export SSHD_SKIP="sshd needs /run/sshd, which cannot be created here"
		return 0
	fi
	ssh-keygen -q -t ed25519 -N '' -C rf-test-host -f "$SSHD_DIR/host_key"
	ssh-keygen -q -t ed25519 -N '' -C rf-test-user -f "$SSHD_DIR/user_key"
	export SSHD_KEY="$SSHD_DIR/user_key"
	# The gate runs what the client asked for; a test may put a script in
	# $SSHD_DIR/before-receive-pack to run (once) before a push is served.
	cat >"$SSHD_DIR/gate" <<-'GATE'
		#!/bin/sh
		dir=$(dirname "$0")
		case $SSH_ORIGINAL_COMMAND in
		git-receive-pack*)
			if [ -x "$dir/before-receive-pack" ]; then
				"$dir/before-receive-pack" >>"$dir/gate.log" 2>&1 || exit 1
			fi ;;
		esac
		exec /bin/sh -c "$SSH_ORIGINAL_COMMAND"
	GATE
	chmod +x "$SSHD_DIR/gate"
	printf 'command="%s" %s\n' "$SSHD_DIR/gate" "$(cat "$SSHD_KEY.pub")" >"$SSHD_DIR/authorized_keys"
	local try
	for try in 1 2 3; do
		SSHD_PORT=$(free_port)
		cat >"$SSHD_DIR/sshd_config" <<-CONF
			Port $SSHD_PORT
			ListenAddress 127.0.0.1
			HostKey $SSHD_DIR/host_key
			PidFile $SSHD_DIR/sshd.pid
			AuthorizedKeysFile $SSHD_DIR/authorized_keys
			AllowUsers $(id -un)
			PermitRootLogin prohibit-password
			PubkeyAuthentication yes
			PasswordAuthentication no
			KbdInteractiveAuthentication no
			UsePAM no
			StrictModes no
			PrintMotd no
			LogLevel VERBOSE
		CONF
		"$sshd" -D -e -f "$SSHD_DIR/sshd_config" >"$SSHD_DIR/log" 2>&1 3>&- &
		echo $! >"$SSHD_DIR/pid"
		# Wait (bounded) until it listens, or has died.
		local i
		for i in $(seq 100); do
			grep -q 'Server listening' "$SSHD_DIR/log" && break
			kill -0 "$(cat "$SSHD_DIR/pid")" 2>/dev/null || break
			sleep 0.05
		done
		if grep -q 'Server listening' "$SSHD_DIR/log"; then
			ssh-keyscan -p "$SSHD_PORT" -t ed25519 127.0.0.1 >"$SSHD_DIR/known_hosts" 2>/dev/null
			export SSHD_PORT
			return 0
		fi
		kill "$(cat "$SSHD_DIR/pid")" 2>/dev/null
	done
	export SSHD_SKIP="sshd did not start: $(head -3 "$SSHD_DIR/log" | tr '\n' ' ')"
}

stop_sshd() {
	[ -f "${SSHD_DIR:-}/pid" ] && kill "$(cat "$SSHD_DIR/pid")" 2>/dev/null
	return 0
}

# The test's HOME gets the user key and (unless "unknown") the server in
# known_hosts.
ssh_login_setup() {
	[ -z "$SSHD_SKIP" ] || skip "$SSHD_SKIP"
	mkdir -p -m 700 "$HOME/.ssh"
	cp "$SSHD_KEY" "$HOME/.ssh/id_ed25519"
	cp "$SSHD_KEY.pub" "$HOME/.ssh/id_ed25519.pub"
	[ "${1:-}" = unknown ] || cp "$SSHD_DIR/known_hosts" "$HOME/.ssh/known_hosts"
	rm -f "$SSHD_DIR/before-receive-pack"
	unset SSH_AUTH_SOCK
}

# ssh://127.0.0.1:PORT/PATH for a path on this machine.
ssh_url() {
	printf 'ssh://127.0.0.1:%s%s\n' "$SSHD_PORT" "$1"
}

# A commit made with the git CLI in a clone of bare repository $1 and
# pushed: a note $2.ini with text $3 (the other device of a test).
push_from_elsewhere() {
	local remote=$1 name=$2 text=$3 work
	work=$(mktemp -d "$BATS_TEST_TMPDIR/elsewhere.XXXXXX")
	git clone -q "$remote" "$work"
	printf '%s' "$text" >"$work/$name.ini"
	git -C "$work" add "$name.ini"
	git -C "$work" commit -q -m "elsewhere: $name"
	git -C "$work" push -q origin HEAD:main
	rm -rf "$work"
}

# notes_state for notes directory $1.
dir_state() {
	RF_DIR=$1 notes_state
}

# Two devices of one applicant: A ($RF_DIR, with Mercy General) pushed to
# a bare remote (REMOTE), and B ($B) cloned from it with rf-init URL.
two_devices() {
	REMOTE=$(bare_remote notes)
	B="$BATS_TEST_TMPDIR/device-b"
	rf-init >/dev/null
	rf-new "Mercy General" >/dev/null
	rf-sync "file://$REMOTE" >/dev/null
	rf-init -C "$B" "file://$REMOTE" >/dev/null
}

# A hook for the server (sshd's gate or git-http-server) that lets a third
# clone push a new note to bare repository $1 before each of the next $2
# pushes it serves, as if another device pushed between this one's fetch
# and push.  Written into directory $3 as before-receive-pack.
race_hook() {
	local remote=$1 count=$2 dir=$3
	echo "$count" >"$dir/race-count"
	cat >"$dir/before-receive-pack" <<-HOOK
		#!/bin/sh
		n=\$(cat "$dir/race-count")
		[ "\$n" -gt 0 ] || exit 0
		echo \$((n - 1)) >"$dir/race-count"
		export HOME="$dir" GIT_CONFIG_NOSYSTEM=1
		export GIT_AUTHOR_NAME=Third GIT_AUTHOR_EMAIL=third@example.org
		export GIT_COMMITTER_NAME=Third GIT_COMMITTER_EMAIL=third@example.org
		work=\$(mktemp -d "$dir/third.XXXXXX")
		git clone -q "$remote" "\$work" &&
		printf '[program]\nname = Third %s\n' "\$n" >"\$work/third-\$n.ini" &&
		git -C "\$work" add . && git -C "\$work" commit -qm "third \$n" &&
		git -C "\$work" push -q origin HEAD:main
		rc=\$?
		rm -rf "\$work"
		exit \$rc
	HOOK
	chmod +x "$dir/before-receive-pack"
}

# A hook that refuses every push, as a read-only deploy key would.
refuse_hook() {
	cat >"$1/before-receive-pack" <<-'HOOK'
		#!/bin/sh
		echo "fatal: this key may only fetch" >&2
		exit 1
	HOOK
	chmod +x "$1/before-receive-pack"
}

# git-http-server (tests/tools) with TLS and basic authentication (user
# "applicant", password HTTP_PASSWORD) over $HTTP_ROOT, for a bats file:
# exports HTTP_PORT, HTTP_ROOT, HTTP_HOOKS, HTTP_CA (the certificate to
# trust), or HTTP_SKIP with the reason it could not start.
start_http() {
	export HTTP_DIR="$BATS_FILE_TMPDIR/http" HTTP_SKIP=
	export HTTP_ROOT="$HTTP_DIR/root" HTTP_HOOKS="$HTTP_DIR/hooks" HTTP_PASSWORD='pa:ss wörd%'
	mkdir -p "$HTTP_ROOT" "$HTTP_HOOKS"
	if ! openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
		-keyout "$HTTP_DIR/key.pem" -out "$HTTP_DIR/cert.pem" -subj /CN=localhost \
		-addext subjectAltName=DNS:localhost >/dev/null 2>&1; then
		export HTTP_SKIP="openssl cannot make a test certificate"
		return 0
	fi
	export HTTP_CA="$HTTP_DIR/cert.pem"
	"$RF_SRC/tests/tools/git-http-server" --root "$HTTP_ROOT" --port-file "$HTTP_DIR/port" \
		--user applicant --password "$HTTP_PASSWORD" --cert "$HTTP_DIR/cert.pem" --key "$HTTP_DIR/key.pem" \
		--hook-dir "$HTTP_HOOKS" >"$HTTP_DIR/log" 2>&1 3>&- &
	echo $! >"$HTTP_DIR/pid"
	local i
	for i in $(seq 200); do
		[ -f "$HTTP_DIR/port" ] && break
		kill -0 "$(cat "$HTTP_DIR/pid")" 2>/dev/null || break
		sleep 0.05
	done
	if [ -f "$HTTP_DIR/port" ]; then
		export HTTP_PORT=$(cat "$HTTP_DIR/port")
	else
		export HTTP_SKIP="git-http-server did not start: $(head -3 "$HTTP_DIR/log" | tr '\n' ' ')"
	fi
}

stop_http() {
	[ -f "${HTTP_DIR:-}/pid" ] && kill "$(cat "$HTTP_DIR/pid")" 2>/dev/null
	return 0
}
