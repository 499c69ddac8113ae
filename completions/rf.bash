# bash completion for rf and the rf-* commands.
#
# Options come from each command's --help, so they follow the commands;
# programs are the notes (*.ini) of the notes directory (-C on the command
# line, else $RF_DIR, else ~/rf); rf-set's section.key names and answers come
# from the shipped template; rf-log and rf-diff revisions from git.

# Print the path of command rf-NAME (or rf), looking beside rf too.
_rf_bin() {
	local p
	p=$(type -P "$1" 2>/dev/null) && { printf '%s\n' "$p"; return; }
	p=$(type -P rf 2>/dev/null) && [ -x "${p%/*}/$1" ] && printf '%s\n' "${p%/*}/$1"
}

# The options a command documents in its --help.
_rf_options() {
	local bin
	bin=$(_rf_bin "$1") || return
	"$bin" --help 2>/dev/null |
		grep -oE '(^|[][ ,(|])--?[A-Za-z][-A-Za-z]*' | sed 's/^[][ ,(|]*//' | sort -u
}

# The options of a command that take an argument.
_rf_argopts() {
	case $1 in
	rf-new) echo -C -s --set -t --template ;;
	rf-quote) echo -C -w --who ;;
	rf-commit) echo -C -m --message ;;
	rf-score) echo -C -a --at -e --explain -f --format -s --sort ;;
	rf-ask) echo -C -f --format ;;
	rf-log) echo -C -n --since --until --format ;;
	rf-diff) echo -C --format ;;
	*) echo -C ;;
	esac
}

# The formats a command's usage line lists after --format.
_rf_formats() {
	local bin
	bin=$(_rf_bin "$1") || return
	"$bin" --help 2>/dev/null | grep -oE -- '--format [a-z|]+' | head -1 | cut -d' ' -f2 | tr '|' '\n'
}

# The notes directory: the last -C DIR among the words, else $RF_DIR, else ~/rf.
_rf_notesdir() {
	local i dir=${RF_DIR:-$HOME/rf}
	for ((i = 1; i < ${#_rf_words[@]} - 1; i++)); do
		case ${_rf_words[i]} in
		-C) dir=${_rf_words[i + 1]} ;;
		-C?*) dir=${_rf_words[i]#-C} ;;
		esac
	done
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

_rf_commands() {
	local c
	printf '%s\n' init new edit set quote commit check score ask log diff help
	for c in $(compgen -c rf-); do printf '%s\n' "${c#rf-}"; done
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
	local -a _rf_words
	read -ra _rf_words <<<"$line"
	[[ $line == *[[:space:]] || ${#_rf_words[@]} -eq 0 ]] && _rf_words+=("")
	local cur=${_rf_words[${#_rf_words[@]} - 1]} prev=
	local n=${#_rf_words[@]}
	((n > 1)) && prev=${_rf_words[n - 2]}

	# Which command: rf-NAME itself, or rf [-C DIR] NAME.
	local cmd=${_rf_words[0]##*/} i=1 start=1
	if [ "$cmd" = rf ]; then
		while ((i < n - 1)); do
			case ${_rf_words[i]} in
			-C) i=$((i + 2)) ;;
			-*) i=$((i + 1)) ;;
			*) break ;;
			esac
		done
		if ((i >= n - 1)); then
			if [ "$prev" = -C ]; then
				compopt -o filenames 2>/dev/null
				COMPREPLY=($(compgen -d -- "$cur"))
			elif [[ $cur == -* ]]; then
				_rf_reply < <(printf '%s\n' -C -h --help --version)
			else
				_rf_reply < <(_rf_commands | sort -u)
			fi
			return
		fi
		cmd=${_rf_words[i]}
		if [ "$cmd" = help ]; then
			((i == n - 2)) && _rf_reply < <(_rf_commands | grep -vx help | sort -u)
			return
		fi
		cmd=rf-$cmd
		start=$((i + 1))
	fi

	# The argument of an option: which options take one depends on the
	# command (-f is --force for rf-set, --format for rf-score).
	local argopts
	argopts=" $(_rf_argopts "$cmd") "
	if [[ $argopts == *" $prev "* ]]; then
		case $cmd:$prev in
		*:-C)
			compopt -o filenames 2>/dev/null
			COMPREPLY=($(compgen -d -- "$cur")) ;;
		*:-t | *:--template)
			compopt -o filenames 2>/dev/null
			COMPREPLY=($(compgen -f -- "$cur")) ;;
		*:-w | *:--who)
			_rf_reply < <(printf '%s\n' pd apd chair chief resident faculty coordinator) ;;
		*:-f | *:--format)
			_rf_reply < <(_rf_formats "$cmd") ;;
		*:-a | *:--at)
			_rf_reply < <(_rf_revisions) ;;
		*:-e | *:--explain)
			_rf_reply < <(_rf_programs) ;;
		rf-score:-s | *:--sort)
			_rf_reply < <(printf '%s\n' rank program track risk tier marks flagged unknowns green status) ;;
		rf-new:-s | *:--set)
			_rf_complete_key ;;
		esac
		return
	fi
	if [[ $cur == -* ]]; then
		_rf_reply < <(_rf_options "$cmd")
		return
	fi

	# Positional arguments: how many come before the cursor (options and
	# their arguments skipped), and whether -x was given (rf-diff).
	local -i npos=0
	local j cross=0 w
	for ((j = start; j < n - 1; j++)); do
		w=${_rf_words[j]}
		if [[ $argopts == *" $w "* ]]; then
			j=$((j + 1))
			continue
		fi
		case $w in
		-x | --cross) cross=1 ;;
		-*) ;;
		*) npos+=1 ;;
		esac
	done

	case $cmd in
	rf-edit | rf-quote | rf-log)
		((npos == 0)) && _rf_reply < <(_rf_programs) ;;
	rf-commit | rf-check | rf-score | rf-ask)
		_rf_reply < <(_rf_programs) ;;
	rf-set)
		if ((npos == 0)); then
			_rf_reply < <(_rf_programs)
		else
			_rf_complete_key
		fi ;;
	rf-diff)
		if ((npos == 0 || cross)); then
			_rf_reply < <(_rf_programs)
		else
			_rf_reply < <(_rf_revisions)
		fi ;;
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
		number | date | text | "") v= ;;
		esac
		[ -n "$v" ] && _rf_reply < <(printf '%s\n' "$v" | tr '|' '\n' | sed "s/^/$k=/")
	else
		_rf_reply < <(printf '%s\n' "$keys" | cut -f1 | sed '/\.$/!s/$/=/')
		compopt -o nospace 2>/dev/null
	fi
}

complete -F _rf rf rf-init rf-new rf-edit rf-set rf-quote rf-commit rf-check rf-score rf-ask rf-log rf-diff
