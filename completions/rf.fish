# fish completion for rf and the rf-* commands.  Options, and which of them
# take an argument, come from each command's --help, so a new command or
# option needs no edit here; they are offered only before the first operand,
# where rf's parser takes them (rf.1, OPTIONS AND OPERANDS).  Programs come
# from the notes directory (-C, else $RF_DIR, else ~/rf), section.key names
# and answers from the shipped template, revisions and remotes from git.
# Installed as rf.fish and linked as rf-NAME.fish, since fish loads
# completions by command name; loading it twice is harmless.

function __rf_bin -a name
    set -l p (command -s $name)
    if test -z "$p"; and set -l rf (command -s rf)
        test -x (dirname $rf)/$name; and set p (dirname $rf)/$name
    end
    test -n "$p"; and echo $p
end

# The words of the command line, the one being completed excluded.
function __rf_words
    commandline -opc
end

# Command $cmd's --help, for everything derived from it.
function __rf_help -a cmd
    set -l bin (__rf_bin $cmd)
    test -n "$bin"; and $bin --help 2>/dev/null
end

# The options an rf --help lists (on stdin), one line each: the short form,
# the long form and the argument's name, "." for none ("-C . DIR",
# "-f --force .", ". --format FMT").  Option lines are "  -X, --long ARG  help"
# or "      --long ARG  help"; an option takes an argument when a name (in
# capitals) follows it.
function __rf_optspec
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
end

# The options of the table (lines of __rf_optspec), as they can be typed.
function __rf_options
    for line in $argv
        for o in (string split ' ' -- $line)[1..2]
            test "$o" != .; and echo $o
        end
    end
end

# The option that word $w names in the table $argv[2..]: prints its long form,
# else its short one, and 1 when it takes an argument, else 0.  A long option
# may be cut to a unique prefix, as getopt_long allows.
function __rf_resolve -a w
    set -l hit
    set -l n 0
    for line in $argv[2..-1]
        set -l f (string split ' ' -- $line)
        if not string match -q -- '--*' $w
            if test "$f[1]" = "$w"
                set hit $f
                set n 1
                break
            end
        else if test "$f[2]" = "$w"
            set hit $f
            set n 1
            break
        else if string match -qr -- '^'(string escape --style=regex -- $w) $f[2]
            set hit $f
            set n (math $n + 1)
        end
    end
    test $n = 1; or return 1
    set -l name $hit[2]
    test "$name" = .; and set name $hit[1]
    test "$hit[3]" = .; and echo $name 0; or echo $name 1
end

# Walk the words from index $start to the one being completed as getopt does
# with the table $argv[2..]: options end at the first operand, or after "--".
# Prints "first N" (the index of the first operand; the current word's when
# none came yet), "optend 0|1" (1: the current word is an operand, whatever
# it looks like), "npos N" (operands before it), "pending OPTION" (the option
# whose argument the current word is), "dir DIR" (the last -C), and "seen
# OPTION" for each option given.
function __rf_scan -a start
    set -l spec $argv[2..-1]
    set -l w (__rf_words)
    set -l end (math (count $w) + 1)
    set -l first $end
    set -l optend 0
    set -l j $start
    set -l r
    set -l a
    set -l k
    while test $j -lt $end
        set a $w[$j]
        switch $a
            case --
                set first (math $j + 1)
                set optend 1
                break
            case '--*=*'
                set -l kv (string split -m1 = -- $a)
                set r (string split ' ' -- (__rf_resolve $kv[1] $spec))
                if test -n "$r[1]"
                    echo seen $r[1]
                    test $r[1] = -C; and echo dir $kv[2]
                end
            case '--?*'
                set r (string split ' ' -- (__rf_resolve $a $spec))
                if test -n "$r[1]"
                    echo seen $r[1]
                    if test "$r[2]" = 1
                        if test (math $j + 1) -lt $end
                            set j (math $j + 1)
                            test $r[1] = -C; and echo dir $w[$j]
                        else
                            echo pending $r[1]
                        end
                    end
                end
            case '-?*'
                # A cluster (-ef, -Cdir, -fs key=value): an option that
                # takes an argument takes the rest of the word, else the
                # next word.
                set -l len (string length -- $a)
                for k in (seq 2 $len)
                    set r (string split ' ' -- (__rf_resolve -(string sub -s $k -l 1 -- $a) $spec))
                    test -n "$r[1]"; or continue
                    echo seen $r[1]
                    test "$r[2]" = 1; or continue
                    if test $k -lt $len
                        test $r[1] = -C; and echo dir (string sub -s (math $k + 1) -- $a)
                    else if test (math $j + 1) -lt $end
                        set j (math $j + 1)
                        test $r[1] = -C; and echo dir $w[$j]
                    else
                        echo pending $r[1]
                    end
                    break
                end
            case '*'
                set first $j
                set optend 1
                break
        end
        set j (math $j + 1)
    end
    echo first $first
    echo optend $optend
    test $optend = 1; and echo npos (math $end - $first); or echo npos 0
end

# The value of KEY in the output of __rf_scan ($argv[2..]); the last one.
function __rf_get -a key
    string replace -rf -- '^'$key' ' '' $argv[2..-1] | tail -n 1
end

# The notes directory: $dir (the last -C), else $RF_DIR, else ~/rf.
function __rf_notesdir -a dir
    test -n "$dir"; or set dir $RF_DIR
    test -n "$dir"; or set dir $HOME/rf
    string replace -r '^~' $HOME -- $dir
end

function __rf_programs -a dir
    for f in $dir/*.ini
        test -f $f; or continue
        set -l s (basename $f .ini)
        contains -- $s profile rules; or echo $s
    end
end

function __rf_template
    if test -n "$RF_SHARE"
        echo $RF_SHARE/program.ini
        return
    end
    set -l bin (__rf_bin rf-set)
    test -n "$bin"; or set bin (__rf_bin rf)
    test -n "$bin"; or return
    set -l d (dirname $bin)
    for t in $d/../share/rf $d/../templates /usr/local/share/rf /usr/share/rf
        test -f $t/program.ini; and echo $t/program.ini; and return
    end
end

# "section.key<TAB>vocabulary"; "section.<TAB>vocabulary" for free sections.
function __rf_keys
    set -l t (__rf_template)
    test -f "$t"; or return
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
    ' $t
end

# section.key= names, then the key's answers after the "="; $pre (an
# option, "--set=") goes before each.
function __rf_key_or_answer -a cur pre
    if string match -q '*=*' -- $cur
        set -l k (string split -m1 = -- $cur)[1]
        set -l v (__rf_keys | awk -F '\t' -v k=$k '$1 == k { print $2 }')
        switch "$v"
            case severity
                set v 'low|medium|high'
            case number position date text ''
                return
        end
        for a in (string split '|' -- $v)
            echo $pre$k=$a
        end
    else
        for k in (__rf_keys | cut -f1)
            string match -q '*.' -- $k; and echo $pre$k; or echo $pre$k=
        end
    end
end

function __rf_revisions -a dir
    git -C $dir rev-parse --git-dir >/dev/null 2>&1; or return
    printf '%s\n' HEAD HEAD~1 HEAD~2
    git -C $dir for-each-ref --format='%(refname:short)' refs/heads refs/tags 2>/dev/null
end

# The remotes of the notes directory, for rf-sync.
function __rf_remotes -a dir
    git -C $dir remote 2>/dev/null
end

# The formats the usage line (in the --help lines $argv) lists after --format.
function __rf_formats
    set -l m (string match -r -- '--format ([a-z|]+)' $argv)
    test -n "$m[2]"; and string split '|' -- $m[2]
end

# This release's commands, for when rf cannot be run.
set -g __rf_known_commands init new edit set quote commit check score ask log diff import export rank report sync

# Command names: those rf --help lists (else __rf_known_commands), every
# rf-NAME on PATH or beside rf (rf runs them too), and help.
function __rf_commands
    set -l listed (__rf_help rf | awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1; next } { on = 0 }')
    test -n "$listed"; or set listed $__rf_known_commands
    printf '%s\n' $listed help
    for c in (complete -C rf- 2>/dev/null | string replace -r '\t.*' '' | string match 'rf-*')
        string replace rf- '' -- $c
    end
    set -l rf (command -s rf)
    if test -n "$rf"
        for c in (dirname $rf)/rf-*
            test -x $c; and string replace -r '.*/rf-' '' -- $c
        end
    end
end

# The argument of option $opt (its long form, else its short one) in the
# current word $cur, each offer prefixed with $pre ("--format=", or none),
# for the command whose --help is $argv[5..]; $dir is the notes directory.
function __rf_value -a opt cur pre dir
    set -l help $argv[5..-1]
    switch $opt
        case -C
            __fish_complete_directories $cur
        case --template
            __fish_complete_path $cur
        case --who
            printf "$pre%s\n" pd apd chair chief resident faculty coordinator
        case --format
            __rf_formats $help | string replace -r '^' -- $pre
        case --at
            __rf_revisions $dir | string replace -r '^' -- $pre
        case --explain
            __rf_programs $dir | string replace -r '^' -- $pre
        case --list
            __rf_rank_lists $dir | string replace -r '^' -- $pre
        case --sort
            printf "$pre%s\n" rank program track risk tier marks flagged unknowns known green status
        case --set
            __rf_key_or_answer "$cur" "$pre"
    end
end

# The supplemental lists of ranks.txt in notes directory $dir.
function __rf_rank_lists -a dir
    test -r $dir/ranks.txt; or return
    sed -n 's/^[[:space:]]*\[[[:space:]]*supplemental[[:space:]]\{1,\}\([a-z0-9-]*\)[[:space:]]*\].*/\1/p' $dir/ranks.txt
end

# rf-rank after its subcommand (word $first): the subcommand's options
# (from its own --help: it reads them itself) and operands.
function __rf_rank -a cur dir first
    set -l w (__rf_words)
    set -l sub $w[$first]
    set -l bin (__rf_bin rf-rank)
    test -n "$bin"; or return
    set -l subhelp ($bin $sub --help 2>/dev/null)
    set -l spec (printf '%s\n' $subhelp | __rf_optspec)
    set -l st (__rf_scan (math $first + 1) $spec)
    set -l pending (__rf_get pending $st)
    if test -n "$pending"
        __rf_value $pending "$cur" '' "$dir" $subhelp
        return
    end
    if test (__rf_get optend $st) = 0; and string match -q -- '-*' $cur
        __rf_options $spec
        return
    end
    string match -q -- '-*' "$cur"; and return
    set -l npos (__rf_get npos $st)
    switch $sub
        case add move remove
            test $npos = 0; and __rf_programs $dir
        case attach detach
            if test $npos = 0
                __rf_rank_lists $dir
            else
                __rf_programs $dir
            end
        case diff
            test $npos -lt 2; and __rf_revisions $dir
    end
end

# What to offer for the current word.
function __rf_complete
    set -l cur (commandline -ct)
    set -l w (__rf_words)
    set -l cmd (basename -- $w[1])
    set -l start 2
    set -l help
    set -l spec
    set -l st
    set -l dir

    # Which command: rf-NAME itself, or rf [-C DIR] NAME, where NAME is rf's
    # first operand.
    if test "$cmd" = rf
        set help (__rf_help rf)
        set spec (printf '%s\n' $help | __rf_optspec)
        set st (__rf_scan 2 $spec)
        set dir (__rf_get dir $st)
        set -l first (__rf_get first $st)
        if test $first -gt (count $w)
            set -l pending (__rf_get pending $st)
            if test -n "$pending"
                __rf_value $pending "$cur" '' (__rf_notesdir "$dir") $help
            else if string match -q -- '-*' $cur; and test (__rf_get optend $st) = 0
                __rf_options $spec
            else
                __rf_commands
            end
            return
        end
        if test "$w[$first]" = help
            test $first = (count $w); and __rf_commands | string match -v help
            return
        end
        set cmd rf-$w[$first]
        set start (math $first + 1)
    end

    # The command's options and operands as its --help declares them.
    set help (__rf_help $cmd)
    set spec (printf '%s\n' $help | __rf_optspec)
    set -l st2 (__rf_scan $start $spec)
    set -l d (__rf_get dir $st2)
    test -n "$d"; and set dir $d
    set dir (__rf_notesdir "$dir")
    set -l pending (__rf_get pending $st2)
    if test -n "$pending"
        __rf_value $pending "$cur" '' "$dir" $help
        return
    end
    if test (__rf_get optend $st2) = 0
        if string match -q -- '--*=*' $cur
            # --format=js: the argument, in the same word.
            set -l kv (string split -m1 = -- $cur)
            set -l r (string split ' ' -- (__rf_resolve $kv[1] $spec))
            test "$r[2]" = 1; and __rf_value $r[1] "$kv[2]" $kv[1]= "$dir" $help
            return
        end
        if string match -q -- '-*' $cur
            __rf_options $spec
            return
        end
    end

    # Operands; options are over once the first one is given, so after it a
    # word starting with '-' is an operand too (rf-quote's text), and no
    # program, key or revision starts with '-' (fish would offer any that
    # merely contains one).
    set -l npos (__rf_get npos $st2)
    if test $cmd = rf-rank; and test $npos -gt 0
        __rf_rank "$cur" "$dir" (__rf_get first $st2)
        return
    end
    string match -q -- '-*' "$cur"; and return
    switch $cmd
        case rf-edit rf-quote rf-log
            test $npos = 0; and __rf_programs $dir
        case rf-commit rf-check rf-score rf-ask
            __rf_programs $dir
        case rf-set
            if test $npos = 0
                __rf_programs $dir
            else
                __rf_key_or_answer "$cur" ''
            end
        case rf-rank
            printf '%s\n' $help | awk '/^Subcommands/ { on = 1; next } on && /^  [a-z]/ { print $1; next } { on = 0 }'
        case rf-diff
            if test $npos = 0; or contains -- --cross (string replace -rf '^seen ' '' $st2)
                __rf_programs $dir
            else
                __rf_revisions $dir
            end
        case rf-sync
            test $npos = 0; and __rf_remotes $dir
        case '*'
            # A command this file does not know: programs, when its usage
            # line names them.
            string match -q '*PROGRAM*' -- $help; and __rf_programs $dir
    end
end

# Every command of this release, the command this file was loaded for (fish
# loads rf-NAME.fish, a link to it, for rf-NAME), and any rf-NAME on PATH.
for c in (printf "%s\n" rf rf-$__rf_known_commands (basename (status current-filename) .fish) (__rf_commands | string match -v help | string replace -r "^" rf-) | sort -u)
    complete -c $c -e
    complete -c $c -f -a '(__rf_complete)'
end
