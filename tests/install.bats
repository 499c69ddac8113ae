#!/usr/bin/env bats
# make install / make uninstall into a temporary DESTDIR: the installed rf
# runs from anywhere and finds its templates relative to its own prefix; the
# uninstall leaves no file behind.
load helper

# Install the binaries make check built (RF_BIN's build directory), never
# rebuilding them: -o marks each as up to date.
stage_install() {
	local build=build/plain keep=()
	if [ -n "${RF_BIN:-}" ]; then
		build=${RF_BIN%/bin}
		for b in "$RF_BIN"/*; do keep+=(-o "$b"); done
	fi
	make -s -C "$RF_SRC" "${keep[@]}" BUILD="$build" DESTDIR="$STAGE" PREFIX=/usr "$@"
}

setup() {
	setup_rf_env
	STAGE="$BATS_TEST_TMPDIR/stage"
	unset RF_SHARE
}

@test "make install puts binaries, templates, man pages and completions under DESTDIR/PREFIX" {
	run stage_install install
	assert_success
	local u="$STAGE/usr"
	for c in rf rf-init rf-new rf-edit rf-set rf-quote rf-commit rf-check; do
		assert_file_executable "$u/bin/$c"
		assert_file_exists "$u/share/man/man1/$c.1"
		[ "$c" = rf ] && continue
		assert_link_exists "$u/share/bash-completion/completions/$c"
		assert_link_exists "$u/share/fish/vendor_completions.d/$c.fish"
	done
	assert_file_exists "$u/share/rf/program.ini"
	assert_file_exists "$u/share/rf/profile.ini"
	assert_file_exists "$u/share/man/man5/rf-note.5"
	assert_file_exists "$u/share/man/man7/rf.7"
	assert_file_exists "$u/share/bash-completion/completions/rf"
	assert_file_exists "$u/share/zsh/vendor-completions/_rf"
	assert_file_exists "$u/share/fish/vendor_completions.d/rf.fish"
	assert_equal "$(stat -c %a "$u/bin/rf-set" "$u/share/rf/program.ini" "$u/share/man/man7/rf.7")" $'755\n644\n644'
	# Nothing outside DESTDIR/PREFIX.
	assert_equal "$(ls "$STAGE")" "usr"
}

@test "the installed rf runs from its prefix alone: help, and templates found relative to the binary" {
	# Under make valgrind the staged "binaries" are wrapper scripts that run
	# the build tree's programs, so there is no relocation to test.
	[ -z "${RF_VALGRIND:-}" ] || skip "relocation is not testable through valgrind wrappers"
	stage_install install
	# Mark the staged template, to see that rf-new takes it and not the source tree's.
	printf '; staged template\n' >>"$STAGE/usr/share/rf/program.ini"
	export PATH=/usr/bin:/bin
	run --separate-stderr "$STAGE/usr/bin/rf" help
	assert_success
	assert_line --partial "  set      change answers from the shell"
	run --separate-stderr "$STAGE/usr/bin/rf-new" "Mercy General"
	assert_success
	assert_output "$RF_DIR/mercy-general.ini"
	assert_equal "$(tail -1 "$RF_DIR/mercy-general.ini")" "; staged template"
	# The dispatcher runs the rf-* beside it, not from PATH.
	run --separate-stderr "$STAGE/usr/bin/rf" set mercy visa.h1b=no
	assert_success
	run "$STAGE/usr/bin/rf" check
	assert_success
	assert_equal "$(git -C "$RF_DIR" log -1 --format=%s)" "set mercy-general: visa.h1b unknown → no"
}

@test "the installed man pages and bash completion work from the stage" {
	stage_install install
	MANPATH="$STAGE/usr/share/man" MANPAGER=cat run --separate-stderr man rf-note
	assert_success
	[[ "$output" == *"visa.h1b"* ]] || fail "$output"
	RF_SHARE="$RF_SRC/templates" make_notes
	# bash-completion loads completions/rf-set for rf-set: the link to rf.
	run env PATH="$STAGE/usr/bin:/usr/bin:/bin" bash -c '
		source "$1"
		COMP_LINE="rf-set mercy visa.h1b=" COMP_POINT=22
		_rf; printf "%s\n" "${COMPREPLY[@]}"' _ "$STAGE/usr/share/bash-completion/completions/rf-set"
	assert_success
	assert_output $'yes\nno\ncase-by-case\nvague\nunknown'
}

@test "make uninstall removes every installed file" {
	stage_install install
	[ "$(find "$STAGE" ! -type d | wc -l)" -gt 30 ]
	run stage_install uninstall
	assert_success
	run find "$STAGE" ! -type d
	assert_output ""
	# The share directory was rf's own: it goes too.
	assert_dir_not_exists "$STAGE/usr/share/rf"
}
