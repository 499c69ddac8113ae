#!/usr/bin/env bats
# Completions for bash (driven through the completion function), zsh (loaded
# by compinit, then driven with compadd stubbed) and fish (complete -C).
load helper

setup() {
	setup_rf_env
	rf-init >/dev/null
	rf-new "Mercy General" >/dev/null
	rf-new "Metro IR" >/dev/null
	rf-new "Lakeside DR-ESIR" >/dev/null
	mkdir -p "$BATS_TEST_TMPDIR/other"
	rf-init -C "$BATS_TEST_TMPDIR/other" >/dev/null
	rf-new -C "$BATS_TEST_TMPDIR/other" "Zenith University" >/dev/null
}

# Complete the line $1 (cursor at its end) in bash; prints COMPREPLY sorted,
# one per line.
bash_complete() {
	bash -c '
		source "$1/completions/rf.bash"
		COMP_LINE=$2 COMP_POINT=${#2}
		read -ra COMP_WORDS <<<"$2"
		[[ $2 == *" " ]] && COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_rf
		printf "%s\n" "${COMPREPLY[@]}" | sort' _ "$RF_SRC" "$1"
}

# rf-frob: a command this release does not have, with an --help in rf's
# format, on PATH.
make_frob() {
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	cat >"$BATS_TEST_TMPDIR/bin/rf-frob" <<'EOF'
#!/bin/sh
cat <<'HELP'
usage: rf-frob [-C DIR] [-q] [-l LEVEL] [--format text|yaml] PROGRAM...

Frob the programs.

  -C DIR               notes directory (default $RF_DIR, else ~/rf)
  -q, --quiet          say less
  -l, --level LEVEL    how much
      --format FMT     text (default) or yaml
  -h, --help           show this help
      --version        show the version
HELP
EOF
	chmod +x "$BATS_TEST_TMPDIR/bin/rf-frob"
	export PATH="$BATS_TEST_TMPDIR/bin:$PATH"
}

@test "bash: rf completes command names" {
	run bash_complete "rf "
	assert_success
	for c in init new edit set quote commit check score ask log diff help; do
		assert_line "$c"
	done
	run bash_complete "rf co"
	assert_output "commit"
}

@test "bash: program slugs come from the notes directory, never the profile" {
	run bash_complete "rf-set m"
	assert_output $'mercy-general\nmetro-ir'
	run bash_complete "rf edit "
	assert_output $'lakeside-dr-esir\nmercy-general\nmetro-ir'
	run bash_complete "rf-check "
	refute_line "profile"
}

@test "bash: -C on the command line and RF_DIR choose the notes directory" {
	run bash_complete "rf-edit -C $BATS_TEST_TMPDIR/other "
	assert_output "zenith-university"
	run bash_complete "rf -C $BATS_TEST_TMPDIR/other set "
	assert_output "zenith-university"
	RF_DIR="$BATS_TEST_TMPDIR/other" run bash_complete "rf-quote "
	assert_output "zenith-university"
}

@test "bash: rf-set completes section.key= from the template, then the key's answers" {
	run bash_complete "rf-set mercy visa.h"
	assert_output $'visa.h1b=\nvisa.h1b_for_ir_before='
	# "=" breaks words in bash: the reply is the part after it.
	run bash_complete "rf-set mercy visa.h1b="
	assert_output $'case-by-case\nno\nunknown\nvague\nyes'
	run bash_complete "rf set mercy culture.staff_tone=h"
	assert_output "hostile"
	run bash_complete "rf-set mercy red"
	assert_output "red_flags."
	run bash_complete "rf-new -s program.tr"
	assert_output "program.track="
}

@test "bash: the template is found beside installed binaries without RF_SHARE" {
	mkdir -p "$BATS_TEST_TMPDIR/prefix/bin" "$BATS_TEST_TMPDIR/prefix/share/rf"
	ln -s "$(command -v rf-set)" "$BATS_TEST_TMPDIR/prefix/bin/rf-set"
	grep -v '^workload' "$RF_SRC/templates/program.ini" | sed 's/^h1b_for_ir_before/h1b_elsewhere/' \
		>"$BATS_TEST_TMPDIR/prefix/share/rf/program.ini"
	unset RF_SHARE
	PATH="$BATS_TEST_TMPDIR/prefix/bin:$PATH" run bash_complete "rf-set mercy visa.h1b_"
	assert_output "visa.h1b_elsewhere="
}

@test "bash: options come from the command's --help" {
	run bash_complete "rf-new --"
	assert_output $'--edit\n--force\n--help\n--set\n--template\n--version'
	run bash_complete "rf quote -"
	assert_output $'--help\n--version\n--who\n-C\n-h\n-w'
	run bash_complete "rf-quote -w p"
	assert_output "pd"
	run bash_complete "rf -"
	assert_output $'--help\n--version\n-C\n-h'
}

@test "bash: which options take an argument comes from --help (a name in capitals after the option)" {
	run bash_complete "rf-score --format "
	assert_output $'csv\njson\ntext\ntsv'
	run bash_complete "rf-ask --format t"
	assert_output $'text\ntsv'
	run bash_complete "rf-log --format "
	assert_output $'json\ntext\ntsv'
	# -f is --force, which takes none: the next word is the program.
	run bash_complete "rf-set -f me"
	assert_output $'mercy-general\nmetro-ir'
	run bash_complete "rf-score --explain la"
	assert_output "lakeside-dr-esir"
	run bash_complete "rf-score --sort ri"
	assert_output "risk"
	run bash_complete "rf-score --at HEAD"
	assert_output $'HEAD\nHEAD~1\nHEAD~2'
	run bash_complete "rf-new -s program.tr"
	assert_output "program.track="
	run bash_complete "rf-new --template $BATS_TEST_TMPDIR/oth"
	assert_output "$BATS_TEST_TMPDIR/other"
	# The argument of -m or -n is skipped: the word after it is a program.
	run bash_complete "rf-commit -m 'fix' me"
	assert_output $'mercy-general\nmetro-ir'
	run bash_complete "rf-log -n 3 me"
	assert_output $'mercy-general\nmetro-ir'
	run bash_complete "rf-log -n "
	assert_output ""
}

@test "bash: options are read as getopt reads them: clusters, --opt=ARG, unique prefixes, -CDIR" {
	run bash_complete "rf-new -fs program.tr"
	assert_output "program.track="
	run bash_complete "rf-new -efs program.tr"
	assert_output "program.track="
	run bash_complete "rf-score --format=c"
	assert_output "csv"
	run bash_complete "rf-new --set=visa.h1b=c"
	assert_output "case-by-case"
	run bash_complete "rf-score --form"
	assert_output "--format"
	run bash_complete "rf-score --fo "
	assert_output $'csv\njson\ntext\ntsv'
	run bash_complete "rf-score --format=json me"
	assert_output $'mercy-general\nmetro-ir'
	run bash_complete "rf-edit -C$BATS_TEST_TMPDIR/other "
	assert_output "zenith-university"
	run bash_complete "rf -C $BATS_TEST_TMPDIR/other score -C $RF_DIR la"
	assert_output "lakeside-dr-esir"
}

@test "bash: no options after the first operand, where they would be operands" {
	run bash_complete "rf-quote mercy -"
	assert_output ""
	run bash_complete "rf-quote -w pd mercy --w"
	assert_output ""
	run bash_complete "rf-score mercy --"
	assert_output ""
	run bash_complete "rf-set mercy -"
	assert_output ""
	run bash_complete "rf-diff mercy -"
	assert_output ""
	# After the first operand, -w is text and takes no argument.
	run bash_complete "rf-quote mercy -w res"
	assert_output ""
	run bash_complete "rf-quote mercy "
	assert_output ""
	run bash_complete "rf-log mercy-general "
	assert_output ""
	run bash_complete "rf-ask mercy-general me"
	assert_output $'mercy-general\nmetro-ir'
	# The words before the program are options.
	run bash_complete "rf-quote -w res"
	assert_output "resident"
	run bash_complete "rf-quote -"
	assert_line -- "-w"
}

@test "bash: -- ends the options" {
	run bash_complete "rf-log -- "
	assert_output $'lakeside-dr-esir\nmercy-general\nmetro-ir'
	run bash_complete "rf-log -- -"
	assert_output ""
	run bash_complete "rf -- "
	assert_line "set"
}

@test "bash: a new command and its options need no completion edit" {
	make_frob
	run bash_complete "rf fr"
	assert_output "frob"
	run bash_complete "rf-frob --"
	assert_output $'--format\n--help\n--level\n--quiet\n--version'
	run bash_complete "rf frob --format "
	assert_output $'text\nyaml'
	run bash_complete "rf-frob -l "
	assert_output ""
	run bash_complete "rf-frob -ql 2 me"
	assert_output $'mercy-general\nmetro-ir'
	run bash_complete "rf-frob mercy -"
	assert_output ""
	run bash -c 'source "$1/completions/rf.bash"; complete -p rf-frob' _ "$RF_SRC"
	assert_output "complete -F _rf rf-frob"
}

@test "bash: revisions for rf-diff come from git" {
	git -C "$RF_DIR" tag season-start
	branch=$(git -C "$RF_DIR" branch --show-current)
	run bash_complete "rf-diff mercy "
	assert_line "HEAD"
	assert_line "HEAD~1"
	assert_line "season-start"
	assert_line "$branch"
	run bash_complete "rf-diff -x mercy "
	assert_line "metro-ir"
	refute_line "HEAD"
	run bash_complete "rf-diff --cross mercy "
	assert_line "metro-ir"
	refute_line "HEAD"
	run bash_complete "rf-diff --format tsv mercy "
	assert_line "HEAD"
}

@test "bash, zsh, fish: every command rf --help lists is known without rf on PATH" {
	cmds=$(rf --help | awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1; next } { on = 0 }')
	[ "$(wc -w <<<"$cmds")" -ge 16 ]
	# Where the completion is loaded before rf is on PATH, only the
	# built-in list can register rf-NAME.
	run env PATH=/usr/bin:/bin bash -c 'source "$1/completions/rf.bash"; complete -p' _ "$RF_SRC"
	assert_line "complete -F _rf rf"
	for c in $cmds; do
		assert_line "complete -F _rf rf-$c"
		grep -q "^#compdef .* rf-$c " "$RF_SRC/completions/_rf" || fail "_rf's #compdef lacks rf-$c"
		grep -q "listed=( .*\b$c\b" "$RF_SRC/completions/_rf" || fail "_rf's built-in list lacks $c"
		grep -q "^set -g __rf_known_commands .*\b$c\b" "$RF_SRC/completions/rf.fish" ||
			fail "rf.fish's built-in list lacks $c"
	done
}

@test "rf-sync completes the notes directory's remotes, in bash, zsh and fish" {
	git -C "$RF_DIR" remote add origin "$BATS_TEST_TMPDIR/notes.git"
	git -C "$RF_DIR" remote add usb /media/usb/notes.git
	git -C "$BATS_TEST_TMPDIR/other" remote add nas ssh://nas/notes.git
	run bash_complete "rf-sync "
	assert_output $'origin\nusb'
	run bash_complete "rf sync u"
	assert_output "usb"
	run bash_complete "rf-sync -C $BATS_TEST_TMPDIR/other "
	assert_output "nas"
	run bash_complete "rf-sync origin "
	assert_output ""
	run bash_complete "rf "
	assert_line "sync"
	run zsh_complete "rf-sync "
	assert_output $'origin\nusb'
	run zsh_complete "rf -C $BATS_TEST_TMPDIR/other sync "
	assert_output "nas"
	run fish_complete "rf-sync "
	assert_output $'origin\nusb'
	run fish_complete "rf sync -C $BATS_TEST_TMPDIR/other "
	assert_output "nas"
}

@test "zsh: _rf loads through compinit and is bound to every command, and to any rf-NAME" {
	run zsh -f -c '
		fpath=("$1/completions" $fpath)
		autoload -Uz compinit && compinit -u -d "$2/zcompdump" || exit 1
		for c in rf rf-init rf-new rf-edit rf-set rf-quote rf-commit rf-check rf-score rf-ask rf-log rf-diff rf-rank rf-sync; do
			print -r -- "$c=$_comps[$c]"
		done
		print -r -- "rf-*=$_patcomps[rf-*]"' _ "$RF_SRC" "$BATS_TEST_TMPDIR"
	assert_success
	assert_line "rf=_rf"
	assert_line "rf-set=_rf"
	assert_line "rf-diff=_rf"
	assert_line "rf-*=_rf"
	[ -z "$(printf '%s\n' "$output" | grep -v '=_rf$')" ] || fail "$output"
}

# Run _rf in zsh with compadd and compset stubbed to print what would be
# offered (compset -P only for the patterns _rf uses: "*=", the longest
# match, and "1 *=", the first).
zsh_complete() {
	zsh -f -c '
		source "$1/completions/_rf" || exit 1
		compadd() {
			while [[ $1 == -* && $1 != -- ]]; do [[ $1 == -[SP] ]] && shift; shift; done
			[[ $1 == -- ]] && shift
			local a; for a in "$@"; do [[ $a == ${PREFIX}* ]] && print -r -- "$a"; done
		}
		compset() {
			[[ $1 == -P && $PREFIX == *=* ]] || return 1
			if [[ $2 == 1 ]]; then
				IPREFIX+=${PREFIX%%=*}= PREFIX=${PREFIX#*=}
			else
				IPREFIX+=${PREFIX%=*}= PREFIX=${PREFIX##*=}
			fi
		}
		_files() { print -r -- "(files)"; }
		words=( ${(z)2} ); [[ $2 == *" " ]] && words+=("")
		CURRENT=$#words PREFIX=${words[-1]} IPREFIX=
		_rf | sort' _ "$RF_SRC" "$1"
}

@test "zsh: _rf offers programs, keys, answers and options" {
	run zsh_complete "rf-set m"
	assert_output $'mercy-general\nmetro-ir'
	run zsh_complete "rf -C $BATS_TEST_TMPDIR/other set "
	assert_output "zenith-university"
	run zsh_complete "rf-set mercy visa.h"
	assert_output $'visa.h1b\nvisa.h1b_for_ir_before'
	run zsh_complete "rf-set mercy visa.h1b="
	assert_output $'case-by-case\nno\nunknown\nvague\nyes'
	run zsh_complete "rf-commit --"
	assert_output $'--help\n--message\n--version'
	run zsh_complete "rf -"
	assert_output $'--help\n--version\n-C\n-h'
	run zsh_complete "rf help s"
	assert_output $'score\nset\nsync'
}

@test "zsh: which options take an argument comes from --help, read as getopt reads it" {
	run zsh_complete "rf-score --format "
	assert_output $'csv\njson\ntext\ntsv'
	run zsh_complete "rf-ask --format t"
	assert_output $'text\ntsv'
	run zsh_complete "rf-set -f me"
	assert_output $'mercy-general\nmetro-ir'
	run zsh_complete "rf-score --sort ri"
	assert_output "risk"
	run zsh_complete "rf-score --explain la"
	assert_output "lakeside-dr-esir"
	run zsh_complete "rf-quote -w res"
	assert_output "resident"
	run zsh_complete "rf-new -t x"
	assert_output "(files)"
	run zsh_complete "rf-log -n 3 me"
	assert_output $'mercy-general\nmetro-ir'
	run zsh_complete "rf-new -fs program.tr"
	assert_output "program.track"
	run zsh_complete "rf-score --format=c"
	assert_output "csv"
	run zsh_complete "rf-new --set=visa.h1b=c"
	assert_output "case-by-case"
	run zsh_complete "rf-score --fo "
	assert_output $'csv\njson\ntext\ntsv'
	run zsh_complete "rf-edit -C$BATS_TEST_TMPDIR/other "
	assert_output "zenith-university"
	run zsh_complete "rf-diff --cross mercy m"
	assert_output $'mercy-general\nmetro-ir'
}

@test "zsh: no options after the first operand; -- ends them" {
	run zsh_complete "rf-quote mercy -"
	assert_output ""
	run zsh_complete "rf-quote mercy -w res"
	assert_output ""
	run zsh_complete "rf-score mercy --"
	assert_output ""
	run zsh_complete "rf-set mercy -"
	assert_output ""
	run zsh_complete "rf-quote -"
	assert_line -- "-w"
	run zsh_complete "rf-log -- -"
	assert_output ""
	run zsh_complete "rf-log -- me"
	assert_output $'mercy-general\nmetro-ir'
}

@test "zsh: a new command and its options need no completion edit" {
	make_frob
	run zsh_complete "rf fr"
	assert_output "frob"
	run zsh_complete "rf-frob --"
	assert_output $'--format\n--help\n--level\n--quiet\n--version'
	run zsh_complete "rf frob --format "
	assert_output $'text\nyaml'
	run zsh_complete "rf-frob -l "
	assert_output ""
	run zsh_complete "rf-frob -ql 2 me"
	assert_output $'mercy-general\nmetro-ir'
	run zsh_complete "rf-frob mercy -"
	assert_output ""
}

fish_complete() {
	fish -c 'source $argv[1]/completions/rf.fish; complete -C"$argv[2]" | string replace -r "\t.*" "" | sort' \
		"$RF_SRC" "$1"
}

@test "fish: rf.fish loads without error" {
	run --separate-stderr fish -c 'source $argv[1]/completions/rf.fish' "$RF_SRC"
	assert_success
	assert_equal "$stderr" ""
}

@test "fish: complete -C offers programs, keys, answers and options" {
	run fish_complete "rf-set m"
	assert_output $'mercy-general\nmetro-ir'
	run fish_complete "rf -C $BATS_TEST_TMPDIR/other edit "
	assert_output "zenith-university"
	run fish_complete "rf-set mercy visa.h1b="
	assert_output $'visa.h1b=case-by-case\nvisa.h1b=no\nvisa.h1b=unknown\nvisa.h1b=vague\nvisa.h1b=yes'
	run fish_complete "rf-set --f"
	assert_output "--force"
	run fish_complete "rf-set -f me"
	assert_output $'mercy-general\nmetro-ir'
	run fish_complete "rf help s"
	assert_output $'score\nset\nsync'
	run fish_complete "rf "
	assert_line "score"
	assert_line "init"
}

@test "fish: which options take an argument comes from --help, read as getopt reads it" {
	run fish_complete "rf-score --format "
	assert_output $'csv\njson\ntext\ntsv'
	run fish_complete "rf-ask --format t"
	assert_output $'text\ntsv'
	run fish_complete "rf-score --sort ri"
	assert_output "risk"
	run fish_complete "rf-score --explain la"
	assert_output "lakeside-dr-esir"
	run fish_complete "rf-quote -w res"
	assert_output "resident"
	run fish_complete "rf-log -n 3 me"
	assert_output $'mercy-general\nmetro-ir'
	run fish_complete "rf-new -fs program.tr"
	assert_output "program.track="
	# fish replaces the whole word: the offers keep the option.
	run fish_complete "rf-score --format=c"
	assert_output "--format=csv"
	run fish_complete "rf-new --set=visa.h1b=c"
	assert_output "--set=visa.h1b=case-by-case"
	run fish_complete "rf-score --fo "
	assert_output $'csv\njson\ntext\ntsv'
	run fish_complete "rf-edit -C$BATS_TEST_TMPDIR/other "
	assert_output "zenith-university"
	run fish_complete "rf-diff --cross mercy me"
	assert_output $'mercy-general\nmetro-ir'
}

@test "fish: no options after the first operand; -- ends them" {
	run fish_complete "rf-quote mercy -"
	assert_output ""
	run fish_complete "rf-quote mercy -w res"
	assert_output ""
	run fish_complete "rf-score mercy --"
	assert_output ""
	run fish_complete "rf-set mercy -"
	assert_output ""
	run fish_complete "rf-quote -"
	assert_line -- "-w"
	run fish_complete "rf-log -- -"
	assert_output ""
	run fish_complete "rf-log -- me"
	assert_output $'mercy-general\nmetro-ir'
}

@test "fish: a new command and its options need no completion edit" {
	make_frob
	run fish_complete "rf fr"
	assert_output "frob"
	run fish_complete "rf-frob --"
	assert_output $'--format\n--help\n--level\n--quiet\n--version'
	run fish_complete "rf frob --format "
	assert_output $'text\nyaml'
	run fish_complete "rf-frob -l "
	assert_output ""
	run fish_complete "rf-frob -ql 2 me"
	assert_output $'mercy-general\nmetro-ir'
	run fish_complete "rf-frob mercy -"
	assert_output ""
}

# rf-rank's subcommands read their own options: after the subcommand, its
# options (from `rf-rank SUB --help`), then its operands.
make_rank_list() {
	printf '%s\n' mercy-general '[supplemental prelims] for metro-ir' lakeside-dr-esir '[supplemental surgery]' \
		>"$RF_DIR/ranks.txt"
}

@test "bash, zsh, fish: rf-rank completes its subcommands, then each one's options and operands" {
	make_rank_list
	local shell
	for shell in bash_complete zsh_complete fish_complete; do
		run $shell "rf-rank "
		assert_output $'add\nattach\ncheck\ndetach\ndiff\nedit\nlog\nmove\nremove\nshow'
		run $shell "rf rank a"
		assert_output $'add\nattach'
		run $shell "rf-rank add --"
		assert_output $'--help\n--list\n--version'
		run $shell "rf-rank log --"
		assert_output $'--format\n--help\n--version'
		run $shell "rf-rank add me"
		assert_output $'mercy-general\nmetro-ir'
		run $shell "rf-rank attach "
		assert_output $'prelims\nsurgery'
		run $shell "rf-rank attach prelims me"
		assert_output $'mercy-general\nmetro-ir'
		run $shell "rf-rank diff HEAD"
		assert_output $'HEAD\nHEAD~1\nHEAD~2'
		run $shell "rf-rank show --format j"
		assert_output "json"
		run $shell "rf-rank add mercy-general -"
		assert_output ""
	done
	run bash_complete "rf-rank add --list s"
	assert_output "surgery"
	run fish_complete "rf-rank move --list p"
	assert_output "prelims"
}
