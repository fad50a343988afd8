"""Shell completion scripts for bash, zsh and fish, made from the command line itself.

``netui completion bash`` prints a script; sourcing it completes commands, their
options, and the names some options take (rings, networks, kinds, reciprocity,
formats, themes) and files after ``--db`` and the like. The words come from the
argparse parser and the domain's own names, so they never drift from what netui accepts.
"""

from __future__ import annotations

import argparse

SHELLS = ("bash", "zsh", "fish")
FILE_OPTIONS = ("--db", "-o", "--output")


def _values() -> dict[str, list[str]]:
    from netui.domain.journal import Kind, Reciprocity
    from netui.domain.networks import Network
    from netui.domain.rings import Ring

    return {
        "--ring": [r.value for r in Ring],
        "--network": [n.value for n in Network],
        "--kind": [k.value for k in Kind],
        "--reciprocity": [r.value for r in Reciprocity],
    }


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:  # argparse keeps them here; it offers no public way
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _options(parser: argparse.ArgumentParser) -> list[str]:
    return sorted({o for action in parser._actions for o in action.option_strings if o.startswith("--")})


def _positional_choices(parser: argparse.ArgumentParser) -> list[str]:
    return [str(c) for action in parser._actions if not action.option_strings and action.choices
            and not isinstance(action, argparse._SubParsersAction) for c in action.choices]


def script(shell: str, parser: argparse.ArgumentParser) -> str:
    if shell == "fish":
        return _fish(parser)
    text = _bash(parser)
    if shell == "zsh":
        return "autoload -U +X bashcompinit && bashcompinit\n" + text
    return text


def _bash(parser: argparse.ArgumentParser) -> str:
    commands = _commands(parser)
    values = _values()
    lines = [
        "# netui completion for bash (and zsh through bashcompinit)",
        "_netui() {",
        '    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" cmd="" w',
        '    for w in "${COMP_WORDS[@]:1:COMP_CWORD-1}"; do',
        '        case "$w" in -*) ;; *) cmd="$w"; break ;; esac',
        "    done",
        '    case "$prev" in',
    ]
    for option, words in values.items():
        lines.append(f'        {option}) COMPREPLY=($(compgen -W "{" ".join(words)}" -- "$cur")); return ;;')
    lines.append(f'        {"|".join(FILE_OPTIONS)}) COMPREPLY=($(compgen -f -- "$cur")); return ;;')
    lines.append("    esac")
    lines.append('    case "$cmd" in')
    top = " ".join(sorted(commands) + _options(parser))
    lines.append(f'        "") COMPREPLY=($(compgen -W "{top}" -- "$cur")) ;;')
    for name, sub in sorted(commands.items()):
        words = " ".join(_options(sub) + _positional_choices(sub))
        lines.append(f'        {name}) COMPREPLY=($(compgen -W "{words}" -- "$cur")) ;;')
    lines += ["    esac", "}", "complete -o default -F _netui netui", ""]
    return "\n".join(lines)


def _fish(parser: argparse.ArgumentParser) -> str:
    commands = _commands(parser)
    values = _values()
    lines = ["# netui completion for fish", "complete -c netui -f"]
    for name, sub in sorted(commands.items()):
        lines.append(f"complete -c netui -n __fish_use_subcommand -a {name} -d {_quote(sub.description or name)}")
    for name, sub in sorted(commands.items()):
        cond = f"'__fish_seen_subcommand_from {name}'"
        for option in _options(sub):
            flag = option[2:]
            if option in values:
                lines.append(f"complete -c netui -n {cond} -l {flag} -x -a {_quote(' '.join(values[option]))}")
            elif option in FILE_OPTIONS:
                lines.append(f"complete -c netui -n {cond} -l {flag} -r -F")
            else:
                lines.append(f"complete -c netui -n {cond} -l {flag}")
        choices = _positional_choices(sub)
        if choices:
            lines.append(f"complete -c netui -n {cond} -a {_quote(' '.join(choices))}")
    for option in _options(parser):
        lines.append(f"complete -c netui -n __fish_use_subcommand -l {option[2:]}")
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
