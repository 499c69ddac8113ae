#!/usr/bin/env bats
# Unknown options and missing arguments: a usage error (exit 2, "usage:"
# on stderr) and nothing written, for every command.
load hostile

setup() {
	setup_rf_env
	make_notes
}

@test "every command refuses an unknown long option" {
	local c
	for c in rf-init rf-new rf-edit rf-set rf-quote rf-commit rf-check; do
		assert_usage "$c: unrecognized option '--bogus'" "$c" --bogus mercy
	done
	assert_usage "rf: unknown option or command '--bogus'" rf --bogus
}

@test "every command refuses an unknown short option" {
	local c
	for c in rf-init rf-new rf-edit rf-set rf-quote rf-commit rf-check; do
		assert_usage "$c: invalid option -- 'Z'" "$c" -Z mercy
	done
}

@test "-C without its argument is a usage error" {
	local c
	for c in rf-set rf-quote rf-commit rf-check; do
		assert_usage "$c: option requires an argument -- 'C'" "$c" -C
	done
}

@test "missing operands are usage errors" {
	assert_usage "usage: rf-set" rf-set mercy
	assert_usage "usage: rf-quote" rf-quote
	assert_usage "usage: rf-new" rf-new
	assert_usage "usage: rf-edit" rf-edit
}

@test "an option after the program is not taken as an assignment silently" {
	assert_refused "'--force': expected section.key=value" rf-set mercy --force visa.h1=no
}
