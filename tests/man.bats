#!/usr/bin/env bats
# Manual pages: lint-clean mdoc, renderable by man, one per command, each in
# step with its command's --help (as README's synopses are), and the
# key list of rf-note(5) in step with the template.
load helper

pages() {
	ls "$RF_SRC"/man/*.[157]
}

@test "every man page passes mandoc -T lint -W warning with no message" {
	local n=0
	for m in $(pages); do
		run mandoc -T lint -W warning "$m"
		[ "$status" -eq 0 ] && [ -z "$output" ] || fail "$m: $output"
		n=$((n + 1))
	done
	[ "$n" -ge 10 ]
}

@test "every man page renders with man -l, without messages" {
	for m in $(pages); do
		run --separate-stderr man -l "$m"
		[ "$status" -eq 0 ] || fail "$m: status $status"
		[ -z "$stderr" ] || fail "$m: $stderr"
		[[ "$output" == *NAME* ]] || fail "$m: no NAME section"
	done
}

@test "every command has a section 1 page with the sections users look for" {
	for bin in "${RF_BIN:-$RF_SRC/bin}"/rf "${RF_BIN:-$RF_SRC/bin}"/rf-*; do
		local name=${bin##*/} page="$RF_SRC/man/${bin##*/}.1"
		assert_file_exists "$page"
		for sec in NAME SYNOPSIS DESCRIPTION OPTIONS ENVIRONMENT FILES "EXIT STATUS" EXAMPLES "SEE ALSO"; do
			grep -qx "\.Sh $sec" "$page" || fail "$page: no $sec section"
		done
	done
}

@test "rf.7 names every command" {
	for bin in "${RF_BIN:-$RF_SRC/bin}"/rf-*; do
		grep -q "^\.It Xr ${bin##*/} 1\$" "$RF_SRC/man/rf.7" || fail "rf.7 does not list ${bin##*/}"
	done
}

@test "rf-note.5 lists every key of the template, as man/update-note-keys makes it" {
	run "$RF_SRC/man/update-note-keys"
	assert_success
	[ "$output" = "$(cat "$RF_SRC/man/rf-note.5")" ] ||
		fail "man/rf-note.5 is stale: run man/update-note-keys -w"
	local key section
	while IFS= read -r line; do
		case $line in
		\[*\]) section=${line#[}; section=${section%]} ;;
		[a-z]*=*) key=${line%%[ =]*}; grep -q "^\.It Cm $section\.$key " "$RF_SRC/man/rf-note.5" ||
			fail "rf-note.5 lacks $section.$key" ;;
		esac
	done <"$RF_SRC/templates/program.ini"
}

@test "rf help COMMAND opens that command's page" {
	mkdir -p "$BATS_TEST_TMPDIR/man/man1"
	cp "$RF_SRC/man/rf-set.1" "$BATS_TEST_TMPDIR/man/man1/"
	MANPATH="$BATS_TEST_TMPDIR/man" MANPAGER=cat PAGER=cat run --separate-stderr rf help set
	assert_success
	[[ "$output" == *"change answers in a program's note, or your profile"* ]] || fail "$output"
}

# The options a command's --help lists: -X and --long, one per line.
help_options() {
	"$1" --help | awk '/^  (-[A-Za-z0-9]|    --[A-Za-z])/ {
		sub(/^ +/, ""); sub(/  .*/, "")
		n = split($0, w, /,? /)
		for (i = 1; i <= n; i++) if (w[i] ~ /^-/) print w[i]
	}' | sort -u
}

# The options a page's OPTIONS section has an item for (.It Fl X , Fl -long).
page_options() {
	awk '/^\.Sh / { on = ($0 == ".Sh OPTIONS") } on && /^\.It / {
		n = split($0, w, " ")
		for (i = 1; i < n; i++) if (w[i] == "Fl") print "-" w[i + 1]
	}' "$1" | sort -u
}

@test "every page documents the options of its command's --help, and only options it takes" {
	local bin name page o
	for bin in "${RF_BIN:-$RF_SRC/bin}"/rf "${RF_BIN:-$RF_SRC/bin}"/rf-*; do
		name=${bin##*/} page="$RF_SRC/man/${bin##*/}.1"
		for o in $(comm -23 <(help_options "$bin") <(page_options "$page")); do
			fail "$page: OPTIONS has no item for $o"
		done
		# An option only the page has must be one the command takes
		# (rf-diff --textconv, for git, is left out of --help).
		for o in $(comm -13 <(help_options "$bin") <(page_options "$page")); do
			run --separate-stderr "$bin" "$o" </dev/null
			[[ $stderr != *"unrecognized option"* && $stderr != *"invalid option"* ]] ||
				fail "$page: $o is not an option of $name: $stderr"
		done
	done
}

@test "rf.1 states the options-and-operands rule, and the pages that depend on it refer to it" {
	grep -qx '\.Sh OPTIONS AND OPERANDS' "$RF_SRC/man/rf.1"
	for p in rf-quote rf-set; do
		grep -qx '\.Sx OPTIONS AND OPERANDS' "$RF_SRC/man/$p.1" || fail "$p.1 does not refer to it"
	done
	# No page offers the old name of the human format.
	run grep -nE -- '--format[^.]*table|Ar table|Cm table' "$RF_SRC"/man/*.[157]
	assert_failure
}

@test "README's Usage gives each command's synopsis as its --help prints it" {
	local bin name want got
	for bin in "${RF_BIN:-$RF_SRC/bin}"/rf "${RF_BIN:-$RF_SRC/bin}"/rf-*; do
		name=${bin##*/}
		want=$("$bin" --help | awk 'NR == 1 { sub(/^usage: /, "") } /^$/ { exit } { print }' |
			sed 's/^ *//' | tr -s ' \n' '  ')
		got=$(awk -v h="### $name" '$0 == h { on = 1; next } on && /^    / { print; next } on { exit }' \
			"$RF_SRC/README.md" | sed 's/^ *//' | tr -s ' \n' '  ')
		assert_equal "$got" "$want"
	done
}
