// The completion scripts `tsecret completion bash|zsh|fish` prints. Each one hands the words of the
// command line to the hidden `__complete` command (complete.ts) and turns its answer (candidates,
// then `:<directive>`) into the shell's own completions, as cobra's generated scripts do for docker.
// Written for tsecret (not cobra's text): short, no bash-completion package needed.

/** The bash script: `complete -F`; the words are re-split from the line so `--flag=value` stays one word. */
export function bashScript(name: string, descriptions: boolean): string {
  const fn = `__${name.replace(/[^A-Za-z0-9_]/g, '_')}_complete`;
  return `# bash completion for ${name}                                  -*- shell-script -*-
# Load it with: source <(${name} completion bash)

${fn}() {
    local line=\${COMP_LINE:0:COMP_POINT}
    local -a words
    # bash splits at = and : (COMP_WORDBREAKS); ${name} wants the words as typed
    read -r -a words <<< "$line"
    [[ $line =~ [[:space:]]$ ]] && words+=("")
    local current=\${words[\${#words[@]}-1]}
    local cur=\${COMP_WORDS[COMP_CWORD]}
    local out
    out=$("\${words[0]}" ${descriptions ? '__complete' : '__completeNoDesc'} "\${words[@]:1}" 2>/dev/null) || return
    local directive=\${out##*:}
    out=\${out%:*}
    # what bash will replace: the end of the typed word after its last word break
    local keep=\${current%"$cur"}
    COMPREPLY=()
    local candidate
    while IFS= read -r candidate; do
        [[ -z $candidate ]] && continue
        candidate=\${candidate%%$'\\t'*}
        [[ $candidate == "$keep"* ]] && COMPREPLY+=("\${candidate#"$keep"}")
    done <<< "$out"
    if (( directive & 2 )); then compopt -o nospace 2>/dev/null; fi
    if (( \${#COMPREPLY[@]} == 0 && (directive & 4) == 0 )); then
        compopt -o filenames 2>/dev/null
        local IFS=$'\\n'
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}

complete -F ${fn} ${name}
`;
}

/** The zsh script: a completion function for compdef (or, saved as _tsecret in $fpath, an autoloaded one). */
export function zshScript(name: string, descriptions: boolean): string {
  const fn = `_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
  return `#compdef ${name}
# Load it with: source <(${name} completion zsh)

${fn}() {
    local -a lines candidates
    local out directive line value description
    out=$("\${words[1]}" ${descriptions ? '__complete' : '__completeNoDesc'} "\${(@)words[2,CURRENT]}" 2>/dev/null) || return 1
    lines=("\${(@f)out}")
    directive=\${lines[-1]#:}
    for line in "\${(@)lines[1,-2]}"; do
        value=\${line%%$'\\t'*}
        description=\${line#*$'\\t'}
        # _describe splits value and description at the first unescaped colon
        if [[ $line == *$'\\t'* ]]; then candidates+=("\${value//:/\\\\:}:$description"); else candidates+=("\${value//:/\\\\:}"); fi
    done
    if (( \${#candidates} )); then
        if (( directive & 2 )); then _describe -t values '${name}' candidates -S ''; else _describe -t values '${name}' candidates; fi
    elif (( (directive & 4) == 0 )); then
        _files
    fi
}

if [ "$funcstack[1]" = "${fn}" ]; then
    ${fn} "$@"
else
    compdef ${fn} ${name}
fi
`;
}

/** The fish script: one `complete` rule whose candidates come from the program. */
export function fishScript(name: string, descriptions: boolean): string {
  const fn = `__${name.replace(/[^A-Za-z0-9_]/g, '_')}_complete`;
  return `# fish completion for ${name}
# Load it with: ${name} completion fish | source

function ${fn}
    set -l words (commandline -opc) (commandline -ct)
    set -l out ($words[1] ${descriptions ? '__complete' : '__completeNoDesc'} $words[2..-1] 2>/dev/null)
    or return
    set -l directive (string replace -r '^:' '' -- $out[-1])
    set -e out[-1]
    if test (count $out) -eq 0; and test (math "bitand($directive, 4)") -eq 0
        __fish_complete_path (commandline -ct)
        return
    end
    printf '%s\\n' $out
end

complete -c ${name} -f -a '(${fn})'
`;
}
