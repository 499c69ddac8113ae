# bash completion for rf and the rf-* commands.
#
# Options, and which of them take an argument, come from each command's
# --help, so a new command or option needs no edit here; they are offered
# only before the first operand, where rf's parser takes them (rf.1, OPTIONS
# AND OPERANDS).  Programs are the notes (*.ini) of the notes directory (-C
# on the command line, else $RF_DIR, else ~/rf); rf-set's section.key names
# and answers come from the shipped template; revisions and remotes from git.

# Print the path of command rf-NAME (or rf), looking beside rf too.
_rf_bin() {
	local p
	p=$(type -P "$1" 2>/dev/null) && { printf '%s\n' "$p"; return; }
	p=$(type -P rf 2>/dev/null) && [ -x "${p%/*}/$1" ] && printf '%s\n' "${p%/*}/$1"
}

# A command's --help, for everything derived from it.
_rf_help() {
	local bin
	bin=$(_rf_bin "$1") || return
	"$bin" --help 2>/dev/null
}

# The options an rf --help lists (on stdin), one line each: the short form,
# the long form and the argument's name, "." for none ("-C . DIR",
# "-f --force .", ". --format FMT").  Option lines are "  -X, --long ARG  help"
# or "      --long ARG  help"; an option takes an argument when a name (in
# capitals) follows it.
_rf_optspec() {
	awk '
	/^  (-[A-Za-z0-9]|    --[A-Za-z])/ {
		label = $0
		sub(/^ +/, "", label)
		sub(/  .*/, "", label)
		s = l = a = "."
		n = split(label, w, /,? /)
		for (i = 1; i <= n; i++)
			if (w[i] ~ /^--/) l = w[i]
			else if (w[i] ~ /^-/) s = w[i]
			else a = w[i]
		print s, l, a
	}'
}

# The formats a usage line (in the --help on stdin) lists after --format.
_rf_formats() {
	grep -oE -- '--format [a-z|]+' | head -1 | cut -d' ' -f2 | tr '|' '\n'
}

# Load the option table of help text $1 into _rf_short, _rf_long, _rf_arg.
_rf_load() {
	local s l a
	_rf_short=() _rf_long=() _rf_arg=()
	while read -r s l a; do
		_rf_short+=("$s") _rf_long+=("$l") _rf_arg+=("$a")
	done < <(printf '%s\n' "$1" | _rf_optspec)
}

# The options of the loaded table, as they can be typed.
_rf_options() {
	local i
	for i in "${!_rf_short[@]}"; do
		[ "${_rf_short[i]}" != . ] && printf '%s\n' "${_rf_short[i]}"
		[ "${_rf_long[i]}" != . ] && printf '%s\n' "${_rf_long[i]}"
	done
}

# The option that word $1 names in the loaded table: _rf_opt is its long form,
# else its short one (empty when unknown), _rf_takes 1 when it takes an
# argument.  A long option may be cut to a unique prefix, as getopt_long allows.
_rf_resolve() {
	local i hit=-1
	_rf_opt= _rf_takes=0
	for i in "${!_rf_short[@]}"; do
		if [[ $1 != --* ]]; then
			[ "${_rf_short[i]}" = "$1" ] && { hit=$i; break; }
		elif [ "${_rf_long[i]}" = "$1" ]; then
			hit=$i
			break
		elif [[ ${_rf_long[i]} == "$1"* ]]; then
			((hit == -1)) && hit=$i || hit=-2
		fi
	done
	((hit >= 0)) || return 1
	_rf_opt=${_rf_long[hit]}
	[ "$_rf_opt" = . ] && _rf_opt=${_rf_short[hit]}
	[ "${_rf_arg[hit]}" != . ] && _rf_takes=1
	return 0
}

# Option $1 was given the argument $2.
_rf_optarg() {
	[ "$1" = -C ] && _rf_dir=$2
}

# Walk the words $1 .. $2-1 of _rf_words as getopt does with the loaded
# table: options end at the first operand, or after "--".  Sets _rf_first
# (the index of the first operand, $2 when none came yet), _rf_optend (1 once
# options are over: the word at $2 is an operand whatever it looks like),
# _rf_npos (the operands before $2), _rf_pending (the option whose argument
# word $2 is, or empty), _rf_seen (the options given, " --cross -C ") and,
# through _rf_optarg, _rf_dir.
_rf_scan() {
	local j=$1 end=$2 w k
	_rf_first=$end _rf_optend=0 _rf_npos=0 _rf_pending= _rf_seen=" "
	while ((j < end)); do
		w=${_rf_words[j]}
		case $w in
		--)
			_rf_first=$((j + 1)) _rf_optend=1
			break ;;
		--*=*)
			_rf_resolve "${w%%=*}" && _rf_seen+="$_rf_opt " && _rf_optarg "$_rf_opt" "${w#*=}" ;;
		--?*)
			if _rf_resolve "$w"; then
				_rf_seen+="$_rf_opt "
				if ((_rf_takes)); then
					if ((j + 1 < end)); then
						j=$((j + 1))
						_rf_optarg "$_rf_opt" "${_rf_words[j]}"
					else
						_rf_pending=$_rf_opt
					fi
				fi
			fi ;;
		-?*)
			# A cluster (-ef, -Cdir, -fs key=value): an option that takes
			# an argument takes the rest of the word, else the next word.
			for ((k = 1; k < ${#w}; k++)); do
				_rf_resolve "-${w:k:1}" || continue
				_rf_seen+="$_rf_opt "
				((_rf_takes)) || continue
				if ((k + 1 < ${#w})); then
					_rf_optarg "$_rf_opt" "${w:k+1}"
				elif ((j + 1 < end)); then
					j=$((j + 1))
					_rf_optarg "$_rf_opt" "${_rf_words[j]}"
				else
					_rf_pending=$_rf_opt
				fi
				break
			done ;;
		*)
			_rf_first=$j _rf_optend=1
			break ;;
		esac
		j=$((j + 1))
	done
	((_rf_optend)) && _rf_npos=$((end - _rf_first))
	return 0
}

# The notes directory: the last -C DIR among the options (_rf_scan), else
# $RF_DIR, else ~/rf.
_rf_notesdir() {
	local dir=${_rf_dir:-${RF_DIR:-$HOME/rf}}
	[[ $dir == "~"* ]] && dir=$HOME${dir#"~"}
	printf '%s\n' "$dir"
}

# Program slugs: NAME.ini at the top of the notes directory but the profile and rules.
_rf_programs() {
	local dir f
	dir=$(_rf_notesdir)
	for f in "$dir"/*.ini; do
		[ -f "$f" ] || continue
		f=${f##*/}
		case $f in profile.ini | rules.ini) continue ;; esac
		printf '%s\n' "${f%.ini}"
	done
}

# The shipped program.ini: $RF_SHARE, else beside the installed or built binaries.
_rf_template() {
	local bin d
	if [ -n "${RF_SHARE:-}" ]; then
		printf '%s\n' "$RF_SHARE/program.ini"
		return
	fi
	bin=$(_rf_bin rf-set) || bin=$(_rf_bin rf) || return
	d=${bin%/*}
	for d in "$d/../share/rf" "$d/../templates" /usr/local/share/rf /usr/share/rf; do
		[ -f "$d/program.ini" ] && { printf '%s\n' "$d/program.ini"; return; }
	done
}

# "section.key<TAB>vocabulary" for every key, "section.<TAB>vocabulary" for
# sections of free keys.
_rf_keys() {
	local t
	t=$(_rf_template) && [ -f "$t" ] || return
	awk '
	/^\[/ { s = $0; gsub(/^\[|\].*$/, "", s); v = ""; next }
	/^[;#]/ {
		v = ""
		if (match($0, /\[[^][]*\][ \t\r]*$/)) {
			v = substr($0, RSTART + 1)
			sub(/\][ \t\r]*$/, "", v)
		}
		if ($0 ~ /\(free keys\)/)
			print s ".\t" v
		next
	}
	/^[A-Za-z0-9_]+[ \t]*=/ { k = $0; sub(/[ \t]*=.*/, "", k); print s "." k "\t" v; v = "" }
	' "$t"
}

_rf_revisions() {
	local dir
	dir=$(_rf_notesdir)
	git -C "$dir" rev-parse --git-dir >/dev/null 2>&1 || return
	printf '%s\n' HEAD HEAD~1 HEAD~2
	git -C "$dir" for-each-ref --format='%(refname:short)' refs/heads refs/tags 2>/dev/null
}

# The notes directory's remotes, for rf-sync.
_rf_remotes() {
	git -C "$(_rf_notesdir)" remote 2>/dev/null
}

# This release's commands, for when rf cannot be run.
_rf_known_commands="init new edit set quote commit check score ask log diff import export rank report sync"

# Command names: those rf --help lists (else _rf_known_commands), every
# rf-NAME on PATH or beside rf (rf runs them too), and help.
_rf_commands() {
	local c bin listed
	listed=$(_rf_help rf | awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1; next } { on = 0 }')
	printf '%s\n' ${listed:-$_rf_known_commands} help
	for c in $(compgen -c rf-); do printf '%s\n' "${c#rf-}"; done
	bin=$(_rf_bin rf) || return 0
	for c in "${bin%/*}"/rf-*; do
		[ -x "$c" ] && printf '%s\n' "${c##*/rf-}"
	done
}

# Offer words matching $cur; bash replaces only what follows the last
# COMP_WORDBREAKS character (= and : split words), so strip up to it.
_rf_reply() {
	local w pre=
	if [[ $cur == *[=:]* ]]; then
		pre=${cur%"${cur##*[=:]}"}
	fi
	while IFS= read -r w; do
		[ -n "$w" ] && [[ $w == "$cur"* ]] && COMPREPLY+=("${w#"$pre"}")
	done
}

_rf() {
	COMPREPLY=()
	# Words as the user typed them (split on blanks only, so section.key=value
	# stays one word), from the start of the line to the cursor.
	local line=${COMP_LINE:0:COMP_POINT}
	local -a _rf_words _rf_short _rf_long _rf_arg
	read -ra _rf_words <<<"$line"
	[[ $line == *[[:space:]] || ${#_rf_words[@]} -eq 0 ]] && _rf_words+=("")
	local n=${#_rf_words[@]}
	local cur=${_rf_words[n - 1]}
	local _rf_dir= _rf_first _rf_optend _rf_npos _rf_pending _rf_seen _rf_opt _rf_takes

	# Which command: rf-NAME itself, or rf [-C DIR] NAME, where NAME is
	# rf's first operand.
	local cmd=${_rf_words[0]##*/} start=1 help
	if [ "$cmd" = rf ]; then
		help=$(_rf_help rf)
		_rf_load "$help"
		_rf_scan 1 $((n - 1))
		if ((_rf_first >= n - 1)); then
			if [ -n "$_rf_pending" ]; then
				_rf_value "$_rf_pending" "$help"
			elif [[ $cur == -* ]] && ! ((_rf_optend)); then
				_rf_reply < <(_rf_options)
			else
				_rf_reply < <(_rf_commands | sort -u)
			fi
			return
		fi
		cmd=${_rf_words[_rf_first]}
		if [ "$cmd" = help ]; then
			((_rf_first == n - 2)) && _rf_reply < <(_rf_commands | grep -vx help | sort -u)
			return
		fi
		cmd=rf-$cmd
		start=$((_rf_first + 1))
	fi

	# The command's options and operands as its --help declares them.
	help=$(_rf_help "$cmd")
	_rf_load "$help"
	_rf_scan "$start" $((n - 1))
	if [ -n "$_rf_pending" ]; then
		_rf_value "$_rf_pending" "$help"
		return
	fi
	if ! ((_rf_optend)); then
		if [[ $cur == --*=* ]]; then
			# --format=js: the argument, in the same word.
			_rf_resolve "${cur%%=*}" && ((_rf_takes)) && cur=${cur#*=} && _rf_value "$_rf_opt" "$help"
			return
		fi
		if [[ $cur == -* ]]; then
			_rf_reply < <(_rf_options)
			return
		fi
	fi

	# Operands; options are over once the first one is given, so after it
	# a word starting with '-' is an operand too (rf-quote's text).
	case $cmd in
	rf-edit | rf-quote | rf-log)
		((_rf_npos == 0)) && _rf_reply < <(_rf_programs) ;;
	rf-commit | rf-check | rf-score | rf-ask)
		_rf_reply < <(_rf_programs) ;;
	rf-set)
		if ((_rf_npos == 0)); then
			_rf_reply < <(_rf_programs)
		else
			_rf_complete_key
		fi ;;
	rf-diff)
		if ((_rf_npos == 0)) || [[ $_rf_seen == *" --cross "* ]]; then
			_rf_reply < <(_rf_programs)
		else
			_rf_reply < <(_rf_revisions)
		fi ;;
	rf-rank)
		_rf_rank "$help" ;;
	rf-sync)
		((_rf_npos == 0)) && _rf_reply < <(_rf_remotes) ;;
	*)
		# A command this file does not know: programs, when its usage
		# line names them.
		[[ $help == *PROGRAM* ]] && _rf_reply < <(_rf_programs) ;;
	esac
}

# rf-rank's subcommands, from its --help.
_rf_rank_subcommands() {
	printf '%s\n' "$1" | awk '/^Subcommands/ { on = 1; next } on && /^  [a-z]/ { print $1; next } { on = 0 }'
}

# The supplemental lists of ranks.txt.
_rf_rank_lists() {
	sed -n 's/^[[:space:]]*\[[[:space:]]*supplemental[[:space:]]\{1,\}\([a-z0-9-]*\)[[:space:]]*\].*/\1/p' \
		"$(_rf_notesdir)/ranks.txt" 2>/dev/null
}

# rf-rank: the subcommand first; after it, its options (from its own
# --help: it reads them itself) and operands.
_rf_rank() {
	if ((_rf_npos == 0)); then
		_rf_reply < <(_rf_rank_subcommands "$1")
		return
	fi
	local sub=${_rf_words[_rf_first]} bin subhelp
	bin=$(_rf_bin rf-rank) && subhelp=$("$bin" "$sub" --help 2>/dev/null) && _rf_load "$subhelp"
	_rf_scan $((_rf_first + 1)) $((n - 1))
	if [ -n "$_rf_pending" ]; then
		_rf_value "$_rf_pending" "$1"
		return
	fi
	if ! ((_rf_optend)) && [[ $cur == -* ]]; then
		_rf_reply < <(_rf_options)
		return
	fi
	case $sub in
	add | move | remove) ((_rf_npos == 0)) && _rf_reply < <(_rf_programs) ;;
	attach | detach)
		if ((_rf_npos == 0)); then
			_rf_reply < <(_rf_rank_lists)
		else
			_rf_reply < <(_rf_programs)
		fi ;;
	diff) ((_rf_npos < 2)) && _rf_reply < <(_rf_revisions) ;;
	esac
}

# The argument of option $1 (its long form, else its short one), for the
# command whose --help is $2.
_rf_value() {
	case $1 in
	-C)
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -d -- "$cur")) ;;
	--template)
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -f -- "$cur")) ;;
	--who)
		_rf_reply < <(printf '%s\n' pd apd chair chief resident faculty coordinator) ;;
	--format)
		_rf_reply < <(printf '%s\n' "$2" | _rf_formats) ;;
	--at)
		_rf_reply < <(_rf_revisions) ;;
	--explain)
		_rf_reply < <(_rf_programs) ;;
	--list)
		_rf_reply < <(_rf_rank_lists) ;;
	--sort)
		_rf_reply < <(printf '%s\n' rank program track risk tier marks flagged unknowns known green status) ;;
	--set)
		_rf_complete_key ;;
	esac
}

# Complete section.key=, then the key's answers after the "=".
_rf_complete_key() {
	local keys k v
	keys=$(_rf_keys)
	if [[ $cur == *=* ]]; then
		k=${cur%%=*}
		v=$(printf '%s\n' "$keys" | awk -F '\t' -v k="$k" '$1 == k { print $2 }')
		case $v in
		severity) v='low|medium|high' ;;
		number | position | date | text | "") v= ;;
		esac
		[ -n "$v" ] && _rf_reply < <(printf '%s\n' "$v" | tr '|' '\n' | sed "s/^/$k=/")
	else
		_rf_reply < <(printf '%s\n' "$keys" | cut -f1 | sed '/\.$/!s/$/=/')
		compopt -o nospace 2>/dev/null
	fi
}

# Every command of this release, and any other rf-NAME on PATH.
complete -F _rf rf $(printf 'rf-%s ' $_rf_known_commands) $(compgen -c rf- | sort -u)
