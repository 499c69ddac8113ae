# fish completion for rf and the rf-* commands: options from each command's
# --help, programs from the notes directory (-C, else $RF_DIR, else ~/rf),
# section.key names and answers from the shipped template, revisions from git.
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

# Which rf-NAME runs: the command itself, or rf [-C DIR] NAME.
function __rf_cmd
    set -l w (__rf_words)
    set -l cmd (basename -- $w[1])
    if test "$cmd" = rf
        set -l i 2
        while test $i -le (count $w)
            switch $w[$i]
                case -C
                    set i (math $i + 2)
                case '-*'
                    set i (math $i + 1)
                case '*'
                    echo rf-$w[$i]
                    return
            end
        end
        return 1
    end
    echo $cmd
end

function __rf_notesdir
    set -l dir $RF_DIR
    test -n "$dir"; or set dir $HOME/rf
    set -l w (__rf_words)
    for i in (seq (count $w))
        if test "$w[$i]" = -C; and test $i -lt (count $w)
            set dir $w[(math $i + 1)]
        end
    end
    string replace -r '^~' $HOME -- $dir
end

function __rf_programs
    for f in (__rf_notesdir)/*.ini
        test -f $f; or continue
        set -l s (basename $f .ini)
        contains -- $s profile rules; or echo $s
    end
end

function __rf_options -a cmd
    set -l bin (__rf_bin $cmd)
    test -n "$bin"; or return
    $bin --help 2>/dev/null | string match -ar '(?:^|[][ ,(|])(--?[A-Za-z][-A-Za-z]*)' | string match -r '^--?[A-Za-z][-A-Za-z]*$' | sort -u
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

function __rf_key_or_answer
    set -l cur (commandline -ct)
    if string match -q '*=*' -- $cur
        set -l k (string split -m1 = -- $cur)[1]
        set -l v (__rf_keys | awk -F '\t' -v k=$k '$1 == k { print $2 }')
        switch "$v"
            case severity
                set v 'low|medium|high'
            case number date text ''
                return
        end
        for a in (string split '|' -- $v)
            echo $k=$a
        end
    else
        for k in (__rf_keys | cut -f1)
            string match -q '*.' -- $k; and echo $k; or echo $k=
        end
    end
end

function __rf_revisions
    set -l dir (__rf_notesdir)
    git -C $dir rev-parse --git-dir >/dev/null 2>&1; or return
    printf '%s\n' HEAD HEAD~1 HEAD~2
    git -C $dir for-each-ref --format='%(refname:short)' refs/heads refs/tags 2>/dev/null
end

# The options of a command that take an argument.
function __rf_argopts -a cmd
    switch $cmd
        case rf-new
            printf '%s\n' -C -s --set -t --template
        case rf-quote
            printf '%s\n' -C -w --who
        case rf-commit
            printf '%s\n' -C -m --message
        case rf-score
            printf '%s\n' -C -a --at -e --explain -f --format -s --sort
        case rf-ask
            printf '%s\n' -C -f --format
        case rf-log
            printf '%s\n' -C -n --since --until --format
        case rf-diff
            printf '%s\n' -C --format
        case '*'
            printf '%s\n' -C
    end
end

# The formats a command's usage line lists after --format.
function __rf_formats -a cmd
    set -l bin (__rf_bin $cmd)
    test -n "$bin"; or return
    $bin --help 2>/dev/null | string match -r -- '--format ([a-z|]+)' | sed -n 2p | string split '|'
end

# Positional arguments typed so far after the command (options skipped).
function __rf_npos
    set -l w (__rf_words)
    set -l argopts (__rf_argopts (__rf_cmd))
    set -l n 0
    set -l skip 0
    set -l started (test (basename -- $w[1]) = rf; and echo 0; or echo 1)
    for a in $w[2..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        if contains -- $a $argopts
            set skip 1
            continue
        end
        switch $a
            case '-*'
            case '*'
                if test $started = 0
                    set started 1
                else
                    set n (math $n + 1)
                end
        end
    end
    echo $n
end

function __rf_prev_is
    set -l w (__rf_words)
    contains -- $w[-1] $argv
end

# What to offer for the current word.
function __rf_complete
    set -l cur (commandline -ct)
    set -l cmd (__rf_cmd)
    if test -z "$cmd"
        if __rf_prev_is -C
            __fish_complete_directories $cur
        else if string match -q -- '-*' $cur
            printf '%s\n' -C -h --help --version
        else
            printf '%s\n' init new edit set quote commit check score ask log diff help
            for c in (complete -C rf- 2>/dev/null | string replace -r '\t.*' '' | string match 'rf-*')
                string replace rf- '' -- $c
            end
        end
        return
    end
    if test "$cmd" = rf-help
        test (__rf_npos) = 0; and printf '%s\n' init new edit set quote commit check score ask log diff
        return
    end
    # Which options take an argument depends on the command (-f is --force
    # for rf-set, --format for rf-score).
    set -l prev (__rf_words)[-1]
    if contains -- $prev (__rf_argopts $cmd)
        switch $cmd:$prev
            case '*:-C'
                __fish_complete_directories $cur
            case '*:-t' '*:--template'
                __fish_complete_path $cur
            case '*:-w' '*:--who'
                printf '%s\n' pd apd chair chief resident faculty coordinator
            case '*:-f' '*:--format'
                __rf_formats $cmd
            case '*:-a' '*:--at'
                __rf_revisions
            case '*:-e' '*:--explain'
                __rf_programs
            case rf-score:-s '*:--sort'
                printf '%s\n' rank program track risk tier marks flagged unknowns green status
            case rf-new:-s '*:--set'
                __rf_key_or_answer
        end
        return
    end
    if string match -q -- '-*' $cur
        __rf_options $cmd
        return
    end
    set -l npos (__rf_npos)
    switch $cmd
        case rf-edit rf-quote rf-log
            test $npos = 0; and __rf_programs
        case rf-commit rf-check rf-score rf-ask
            __rf_programs
        case rf-set
            if test $npos = 0
                __rf_programs
            else
                __rf_key_or_answer
            end
        case rf-diff
            if test $npos = 0; or contains -- -x (__rf_words); or contains -- --cross (__rf_words)
                __rf_programs
            else
                __rf_revisions
            end
    end
end

for c in rf rf-init rf-new rf-edit rf-set rf-quote rf-commit rf-check rf-score rf-ask rf-log rf-diff
    complete -c $c -e
    complete -c $c -f -a '(__rf_complete)'
end
