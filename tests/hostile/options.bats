#!/usr/bin/env bats
# Options and operands, for every rf-* command in the build: unknown options
# and missing arguments are usage errors (exit 2, "usage:" on stderr) with
# nothing written, and parsing stops at the first operand: what follows is
# an operand even when it starts with '-' (rf.1, OPTIONS AND OPERANDS).
load hostile

setup() {
	setup_rf_env
	make_notes
}

# Every command the build made, by name.
commands() {
	local b
	for b in "${RF_BIN:-$RF_SRC/bin}"/rf-*; do
		[ -x "$b" ] && printf '%s\n' "${b##*/}"
	done
}

@test "the build has the commands the tests loop over" {
	run commands
	assert_line rf-set
	assert_line rf-quote
	[ "${#lines[@]}" -ge 11 ] || fail "only ${#lines[@]} rf-* commands found"
}

@test "every command refuses an unknown long option" {
	local c
	for c in $(commands); do
		assert_usage "$c: unrecognized option '--bogus'" "$c" --bogus mercy
	done
	assert_usage "rf: unrecognized option '--bogus'" rf --bogus
}

@test "every command refuses an unknown short option" {
	local c
	for c in $(commands) rf; do
		assert_usage "$c: invalid option -- 'Z'" "$c" -Z mercy
	done
}

@test "-C without its argument is a usage error" {
	local c
	for c in $(commands) rf; do
		assert_usage "$c: option requires an argument -- 'C'" "$c" -C
	done
}

@test "every command takes -h, --help and --version before its operands" {
	local c
	for c in $(commands); do
		run --separate-stderr "$c" -h
		assert_success
		assert_line --index 0 --regexp "^usage: $c "
		assert_line --regexp '^  -C DIR +notes directory'
		run --separate-stderr "$c" --version
		assert_success
		assert_output --regexp "^$c \\(rf\\) [0-9]+\\.[0-9]+\\.[0-9]+\$"
	done
}

@test "missing operands are usage errors" {
	assert_usage "usage: rf-set" rf-set mercy
	assert_usage "usage: rf-quote" rf-quote
	assert_usage "usage: rf-new" rf-new
	assert_usage "usage: rf-edit" rf-edit
}

# After the first operand a word starting with '-' is an operand: text for
# rf-quote, an assignment for rf-set (refused, not being one), and refused
# with one line by the commands whose operands are programs or revisions.
@test "a word starting with '-' after the first operand is an operand, in every command" {
	local c before
	for c in $(commands); do
		before=$(notes_state)
		run --separate-stderr env EDITOR=true "$c" mercy --version
		refute_output --regexp '\(rf\) [0-9]'
		case $c in
		rf-quote)
			assert_success
			assert_equal "$(ini_get "$RF_DIR/mercy-general.ini" 'quotes:2026-12-05')" "--version"
			continue ;;
		rf-set)
			assert_equal "$stderr" "rf-set: '--version': expected section.key=value" ;;
		rf-rank)
			# Its first operand is a subcommand, which reads its own
			# options; after the subcommand's first operand the rule holds.
			assert_equal "$stderr" "rf-rank: 'mercy' is not an rf-rank subcommand (show, check, add, move, remove, attach, detach, edit, log, diff); see 'rf-rank --help'"
			run --separate-stderr rf-rank add mercy --version
			assert_equal "$stderr" "rf-rank: '--version' comes after an operand: options go before the operands (see 'rf-rank --help')" ;;
		*)
			assert_equal "$stderr" "$c: '--version' comes after an operand: options go before the operands (see '$c --help')" ;;
		esac
		assert_equal "$status" 2
		assert_equal "$(notes_state)" "$before"
	done
}

@test "rf-quote PROGRAM -we never sponsor quotes '-we never sponsor', said by nobody named" {
	run --separate-stderr rf-quote mercy -we never sponsor
	assert_success
	assert_equal "$(ini_get "$RF_DIR/mercy-general.ini" 'quotes:2026-12-05')" "-we never sponsor"
	assert_equal "$(last_subject)" "quote mercy-general: quotes.2026-12-05 (none) → -we never sponsor"
}

@test "an option after the program is not taken as an assignment silently" {
	assert_refused "'--force': expected section.key=value" rf-set mercy --force visa.h1=no
}

@test "after --, a word starting with '-' is looked up as a program" {
	assert_refused "rf-log: no such program '-p'" rf-log -- -p
}

@test "each option letter means one thing in every command" {
	local c line letter long seen=
	declare -A meaning
	for c in $(commands) rf; do
		while IFS= read -r line; do
			[[ $line =~ ^\ \ -([A-Za-z]),\ --([a-z-]+) ]] || continue
			letter=${BASH_REMATCH[1]} long=${BASH_REMATCH[2]}
			if [ -n "${meaning[$letter]:-}" ] && [ "${meaning[$letter]}" != "$long" ]; then
				fail "-$letter is --${meaning[$letter]} in one command and --$long in $c"
			fi
			meaning[$letter]=$long
			seen+=$letter
		done < <("$c" --help)
	done
	[[ $seen == *f* && $seen == *h* ]] || fail "no -f or -h seen in any --help"
}
