# bash completion for evbrief
_evbrief() {
    local cur prev cmd
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    cmd=${COMP_WORDS[1]}
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "build check validate list manifest sample help --help --version" -- "$cur"))
        return
    fi
    case $prev in
        --inputs|--fonts|--out) COMPREPLY=($(compgen -d -- "$cur")); return ;;
        --locale) COMPREPLY=($(compgen -W "en fa zh" -- "$cur")); return ;;
        --paper) COMPREPLY=($(compgen -W "a4 letter" -- "$cur")); return ;;
        --diagnostic-format) COMPREPLY=($(compgen -W "text github" -- "$cur")); return ;;
    esac
    local opts
    case $cmd in
        build) opts="--inputs --fonts --out --indication --locale --paper --jobs --shard --force --fail-fast --allow-missing-glyphs --quiet --json --timings --diagnostic-format --help" ;;
        check) opts="--inputs --fonts --out --indication --locale --paper --shard --allow-missing-glyphs --json --diagnostic-format --help" ;;
        validate) opts="--inputs --fonts --locale --allow-missing-glyphs --strict --json --diagnostic-format --help" ;;
        list) opts="--inputs --json --diagnostic-format --help" ;;
        sample) opts="--fonts --out --help" ;;
        manifest) opts="merge --out --help" ;;
        help) opts="build check validate list manifest sample" ;;
    esac
    if [ "$cmd" = validate ] && [[ $cur != -* ]]; then
        COMPREPLY=($(compgen -f -X '!*.json' -- "$cur"))
        return
    fi
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
}
complete -F _evbrief evbrief
