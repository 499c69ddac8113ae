#!/usr/bin/env bats
# HACKING.md describes the modules as they are: every lib/*.h it names
# exists, and every lib/*.h is named in it.
load helper

@test "HACKING.md names every lib/*.h, and only headers that exist" {
	local h named=0
	for h in "$RF_SRC"/lib/*.h; do
		grep -q "\`lib/${h##*/}\`" "$RF_SRC/HACKING.md" || fail "HACKING.md does not name lib/${h##*/}"
	done
	while IFS= read -r h; do
		[ -f "$RF_SRC/$h" ] || fail "HACKING.md names $h, which does not exist"
		named=$((named + 1))
	done < <(grep -o 'lib/[a-z0-9_]*\.h' "$RF_SRC/HACKING.md" | sort -u)
	[ "$named" -gt 20 ] || fail "only $named headers named"
}

@test "comments and tests cite only files in the repository" {
	run grep -rnw 'SPEC\|PITFALLS' "$RF_SRC/cmd" "$RF_SRC/lib" "$RF_SRC/tests" "$RF_SRC/Makefile" \
		--exclude=hacking.bats
	assert_output ""
}
