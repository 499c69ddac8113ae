#!/usr/bin/env bats
# rf-sync over file:// and path remotes: the first push, fast-forwards,
# note-by-note merges of notes changed on one side, pending edits, remote
# resolution, and refusals that change nothing.
load helper
load remote

@test "the first rf-sync URL pushes the branch and makes the URL origin and the upstream" {
	make_notes
	remote=$(bare_remote notes)
	run --separate-stderr rf-sync "file://$remote"
	assert_success
	assert_equal "$stderr" ""
	assert_output "pushed to origin: main at $(git -C "$RF_DIR" rev-parse --short=7 HEAD) (new branch)"
	assert_equal "$(git -C "$remote" rev-parse main)" "$(git -C "$RF_DIR" rev-parse HEAD)"
	assert_equal "$(git -C "$RF_DIR" config remote.origin.url)" "file://$remote"
	assert_equal "$(git -C "$RF_DIR" config branch.main.remote)" origin
	assert_equal "$(git -C "$RF_DIR" config branch.main.merge)" refs/heads/main
	assert_equal "$(git -C "$RF_DIR" rev-parse origin/main)" "$(git -C "$RF_DIR" rev-parse HEAD)"
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
	# Then the upstream is the default, and there is nothing to do.
	before=$(notes_state)
	run --separate-stderr rf-sync
	assert_success
	assert_output "in sync with origin"
	assert_equal "$(notes_state)" "$before"
}

@test "a path is made absolute before it is kept as origin's URL" {
	make_notes
	bare_remote notes >/dev/null
	cd "$BATS_TEST_TMPDIR"
	run --separate-stderr rf-sync ./notes.git
	assert_success
	assert_equal "$(git -C "$RF_DIR" config remote.origin.url)" "$BATS_TEST_TMPDIR/notes.git"
}

@test "rf-sync fast-forwards to what the other device pushed, without a merge commit" {
	two_devices
	rf-set -C "$B" mercy visa.h1b=no >/dev/null
	rf-new -C "$B" "Metro IR" >/dev/null
	rf-sync -C "$B" >/dev/null
	old=$(git -C "$RF_DIR" rev-parse --short=7 HEAD)
	run --separate-stderr rf-sync
	assert_success
	assert_equal "$stderr" ""
	assert_output "fast-forward from origin: 2 files changed ($old..$(git -C "$B" rev-parse --short=7 HEAD))"
	assert_equal "$(git -C "$RF_DIR" rev-parse HEAD)" "$(git -C "$B" rev-parse HEAD)"
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
	cmp "$RF_DIR/metro-ir.ini" "$B/metro-ir.ini"
	cmp "$RF_DIR/mercy-general.ini" "$B/mercy-general.ini"
	assert_equal "$(stat -c %a "$RF_DIR/metro-ir.ini")" 600
	assert_equal "$(git -C "$RF_DIR" reflog -1 --format=%gs)" "rf-sync: fast-forward"
	git -C "$RF_DIR" fsck --strict
}

@test "notes changed on different devices merge in one commit with both parents, then push" {
	two_devices
	rf-new -C "$B" "Lakeside DR-ESIR" >/dev/null
	rf-sync -C "$B" >/dev/null
	rf-set mercy visa.h1b=no >/dev/null
	rf-new "Metro IR" >/dev/null
	ours=$(git -C "$RF_DIR" rev-parse HEAD)
	theirs=$(git -C "$B" rev-parse HEAD)
	run --separate-stderr rf-sync
	assert_success
	assert_equal "$stderr" ""
	merge=$(git -C "$RF_DIR" rev-parse HEAD)
	assert_line --index 0 "merged with origin: 3 files (${merge:0:7})"
	assert_line --index 1 "pushed to origin: main ${theirs:0:7}..${merge:0:7}"
	assert_equal "$(git -C "$RF_DIR" rev-parse HEAD^1 HEAD^2)" "$ours"$'\n'"$theirs"
	assert_equal "$(git -C "$RF_DIR" log -1 --format=%B)" "sync with origin: 3 files

lakeside-dr-esir: new on origin
mercy-general: as here
metro-ir: new here"
	assert_equal "$(git -C "$REMOTE" rev-parse main)" "$merge"
	# The tracking branch is where the push left the remote, as git's.
	assert_equal "$(git -C "$RF_DIR" rev-parse origin/main)" "$merge"
	assert_equal "$(git -C "$RF_DIR" status -sb | head -1)" "## main...origin/main"
	cmp "$RF_DIR/lakeside-dr-esir.ini" "$B/lakeside-dr-esir.ini"
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
	git -C "$RF_DIR" fsck --strict
	# B takes the merge as a fast-forward: both hold the same notes.
	rf-sync -C "$B" >/dev/null
	assert_equal "$(git -C "$B" rev-parse HEAD)" "$merge"
	diff -r --exclude=.git "$RF_DIR" "$B"
}

@test "a note deleted on one device and changed on the other is kept" {
	two_devices
	rf-new "Metro IR" >/dev/null
	rf-sync >/dev/null
	rf-sync -C "$B" >/dev/null
	rm "$B/metro-ir.ini"
	rf-commit -C "$B" >/dev/null
	rf-sync -C "$B" >/dev/null
	rf-set metro visa.j1=yes >/dev/null
	run --separate-stderr rf-sync
	assert_success
	assert_file_exists "$RF_DIR/metro-ir.ini"
	assert_equal "$(ini_get "$RF_DIR/metro-ir.ini" visa:j1)" yes
	assert_equal "$(git -C "$RF_DIR" log -1 --format=%b)" "metro-ir: deleted on origin, changed here: kept"
	# The other way round: deleted here, changed there.
	rf-sync -C "$B" >/dev/null
	rf-set -C "$B" metro visa.h1b=no >/dev/null
	rf-sync -C "$B" >/dev/null
	rm "$RF_DIR/metro-ir.ini"
	rf-commit >/dev/null
	run --separate-stderr rf-sync
	assert_success
	assert_equal "$(ini_get "$RF_DIR/metro-ir.ini" visa:h1b)" no
	assert_equal "$(git -C "$RF_DIR" log -1 --format=%b)" \
		"metro-ir: deleted here, changed on origin: kept as origin has it"
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
}

@test "edits not committed yet are committed first, as rf-commit would" {
	two_devices
	sed -i 's/^h1b = unknown/h1b = no/' "$RF_DIR/mercy-general.ini"
	run --separate-stderr rf-sync
	assert_success
	assert_line --index 0 "committed: edit mercy-general: visa.h1b unknown → no"
	assert_line --index 1 --partial "pushed to origin: main "
	assert_equal "$(git -C "$REMOTE" log -1 --format=%s main)" "edit mercy-general: visa.h1b unknown → no"
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
}

@test "a remote is named by its name, its URL, or used by URL alone" {
	two_devices
	other=$(bare_remote usb)
	git -C "$RF_DIR" remote add usb "$other"
	run --separate-stderr rf-sync usb
	assert_success
	assert_output --partial "pushed to usb: main at "
	# origin stays the upstream: the branch had one.
	assert_equal "$(git -C "$RF_DIR" config branch.main.remote)" origin
	rf-new "Metro IR" >/dev/null
	run --separate-stderr rf-sync "$other"
	assert_success
	assert_output --partial "pushed to usb: main "
	# A URL no remote has is used as it is, and not kept.
	third=$(bare_remote third)
	run --separate-stderr rf-sync "$third"
	assert_success
	assert_output --partial "pushed to $third: main at "
	assert_equal "$(git -C "$RF_DIR" remote)" $'origin\nusb'
	assert_equal "$(git -C "$third" rev-parse main)" "$(git -C "$RF_DIR" rev-parse HEAD)"
}

@test "url.BASE.insteadOf, pushInsteadOf and remote.NAME.pushurl are followed as git follows them" {
	two_devices
	# A short name for the place the notes live, as in ~/.gitconfig.
	git -C "$RF_DIR" config "url.file://$BATS_TEST_TMPDIR/.insteadOf" nas:
	git -C "$RF_DIR" config remote.origin.url nas:notes.git
	rf-set -C "$B" mercy visa.h1b=no >/dev/null
	rf-sync -C "$B" >/dev/null
	run --separate-stderr rf-sync
	assert_success
	assert_output --partial "fast-forward from origin: 1 file changed"
	assert_equal "$(git -C "$RF_DIR" rev-parse HEAD)" "$(git -C "$REMOTE" rev-parse main)"
	assert_equal "$(git -C "$RF_DIR" config remote.origin.url)" nas:notes.git
	# Pushes go to the pushurl, rewritten by pushInsteadOf; fetches do not.
	mirror=$(bare_remote mirror)
	git -C "$mirror" fetch -q "$REMOTE" main:main
	git -C "$RF_DIR" config "url.$BATS_TEST_TMPDIR/.pushInsteadOf" usb:
	git -C "$RF_DIR" config remote.origin.pushurl usb:mirror.git
	rf-new "Metro IR" >/dev/null
	run --separate-stderr rf-sync
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$(git -C "$mirror" rev-parse main)" "$(git -C "$RF_DIR" rev-parse HEAD)"
	assert_equal "$(git -C "$REMOTE" rev-parse main)" "$(git -C "$B" rev-parse HEAD)"
}

@test "an unknown remote name is refused with the remotes there are" {
	two_devices
	assert_refused "rf-sync: 'orgin': no such remote (origin); give a remote's name or a URL" rf-sync orgin
}

@test "without an upstream or origin rf-sync says how to name one" {
	make_notes
	assert_refused "no remote to sync with: give one (rf-sync URL), or add origin (git remote add origin URL)" rf-sync
}

@test "a remote that is not there is one line, exit 2, and nothing changes" {
	two_devices
	rf-set mercy visa.h1b=no >/dev/null
	assert_refused "rf-sync: $BATS_TEST_TMPDIR/nowhere.git: no repository at $BATS_TEST_TMPDIR/nowhere.git; your notes are safe and committed locally" \
		rf-sync "$BATS_TEST_TMPDIR/nowhere.git"
	assert_refused "rf-sync: file:///nonexistent/notes.git: no repository at /nonexistent/notes.git; your notes are safe and committed locally" \
		rf-sync file:///nonexistent/notes.git
	git -C "$RF_DIR" remote set-url origin "$BATS_TEST_TMPDIR/moved.git"
	assert_refused "rf-sync: origin ($BATS_TEST_TMPDIR/moved.git): no repository at $BATS_TEST_TMPDIR/moved.git; your notes are safe and committed locally" \
		rf-sync
}

@test "a closed port is one line naming the remote, exit 2, and nothing changes" {
	two_devices
	port=$(closed_port)
	for url in "ssh://127.0.0.1:$port/notes.git" "https://127.0.0.1:$port/notes.git" "http://127.0.0.1:$port/notes.git"; do
		assert_refused "rf-sync: $url: cannot connect to 127.0.0.1 port $port: connection refused (offline, or the server is down); your notes are safe and committed locally" \
			rf-sync "$url"
	done
}

@test "pending edits are committed even when the remote cannot be reached" {
	two_devices
	sed -i 's/^h1b = unknown/h1b = no/' "$RF_DIR/mercy-general.ini"
	git -C "$RF_DIR" remote set-url origin "$BATS_TEST_TMPDIR/moved.git"
	run --separate-stderr rf-sync
	assert_equal "$status" 2
	assert_output "committed: edit mercy-general: visa.h1b unknown → no"
	assert_equal "$stderr" "rf-sync: origin ($BATS_TEST_TMPDIR/moved.git): no repository at $BATS_TEST_TMPDIR/moved.git; your notes are safe and committed locally"
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
}

@test "a non-bare repository given by path cannot be pushed to, and the merge is undone" {
	two_devices
	rf-new -C "$B" "Metro IR" >/dev/null
	rf-new "Lakeside" >/dev/null
	before=$(notes_state)
	run --separate-stderr rf-sync "$B"
	assert_equal "$status" 2
	assert_equal "$stderr" "rf-sync: $B: a repository given by its path must be bare to be pushed to (make one with git init --bare); your notes are safe and committed locally"
	assert_equal "$(notes_state)" "$before"
	assert_file_not_exists "$RF_DIR/metro-ir.ini"
}

@test "a detached HEAD, a merge in progress and two empty histories are refused" {
	two_devices
	git -C "$RF_DIR" checkout -q --detach
	assert_refused "HEAD is detached; check out a branch first (git switch main)" rf-sync
	git -C "$RF_DIR" checkout -q main
	# A git merge stopped on a conflict.
	git -C "$RF_DIR" checkout -q -b other
	sed -i 's/^h1b = unknown/h1b = no/' "$RF_DIR/mercy-general.ini"
	git -C "$RF_DIR" commit -qam other
	git -C "$RF_DIR" checkout -q main
	sed -i 's/^h1b = unknown/h1b = yes/' "$RF_DIR/mercy-general.ini"
	git -C "$RF_DIR" commit -qam main
	sed -i /merge=rf/d "$RF_DIR/.git/info/attributes"
	run git -C "$RF_DIR" merge other
	assert_failure
	assert_refused "a merge is in progress (git pull or git merge stopped on a conflict)" rf-sync
	git -C "$RF_DIR" merge --abort
	# Nothing on either side.
	empty="$BATS_TEST_TMPDIR/empty"
	git init -q -b main "$empty"
	remote=$(bare_remote void)
	assert_refused "are both empty: nothing to sync" rf-sync -C "$empty" "$remote"
}

@test "a work-tree file in the way of the fast-forward is refused, naming it, nothing changed" {
	two_devices
	printf 'my own list\n' >"$B/rank-list.txt"
	git -C "$B" add rank-list.txt
	git -C "$B" commit -qm "rank list"
	git -C "$B" push -q
	printf 'something else\n' >"$RF_DIR/rank-list.txt"
	assert_refused "rank-list.txt: changed in the work tree and not committed (or in the way)" rf-sync
	assert_equal "$(cat "$RF_DIR/rank-list.txt")" "something else"
}

@test "files that are not notes follow too, also in directories" {
	two_devices
	mkdir -p "$B/letters"
	printf 'dear PD\n' >"$B/letters/mercy.txt"
	printf 'list\n' >"$B/rank-list.txt"
	git -C "$B" add letters rank-list.txt
	git -C "$B" commit -qm "letters"
	git -C "$B" push -q
	run --separate-stderr rf-sync
	assert_success
	assert_equal "$(cat "$RF_DIR/letters/mercy.txt")" "dear PD"
	assert_equal "$(git -C "$RF_DIR" status --porcelain)" ""
}

@test "two notes directories started apart merge with an empty base" {
	rf-init >/dev/null
	rf-new "Mercy General" >/dev/null
	remote=$(bare_remote notes)
	rf-sync "$remote" >/dev/null
	other="$BATS_TEST_TMPDIR/other"
	rf-init -C "$other" >/dev/null
	rf-new -C "$other" "Metro IR" >/dev/null
	run --separate-stderr rf-sync -C "$other" "$remote"
	assert_success
	assert_equal "$(git -C "$other" rev-list --count --merges HEAD)" 1
	assert_file_exists "$other/mercy-general.ini"
	assert_file_exists "$other/metro-ir.ini"
}

@test "rf-sync -h, --help, --version and operand errors" {
	run --separate-stderr rf-sync -h
	assert_success
	assert_line --index 0 "usage: rf-sync [-C DIR] [REMOTE]"
	run --separate-stderr rf-sync --version
	assert_success
	assert_output --regexp '^rf-sync \(rf\) [0-9.]+$'
	run --separate-stderr rf-sync a b
	assert_equal "$status" 2
	[[ "$stderr" == *"usage: rf-sync [-C DIR] [REMOTE]"* ]]
	assert_file_not_exists "$RF_DIR"
}
