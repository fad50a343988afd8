"""Strings that try to break a terminal UI. Every screen must show them literally.

``HOSTILE_NAMES`` are short enough to be names; ``HOSTILE_TEXT`` adds the long and
many-line ones for notes, summaries and files. ``RAW_SEQUENCES`` are what another
tool (or an older netui) might have stored without cleaning: they must reach the
terminal as visible placeholders, never as sequences.
"""

HOSTILE_NAMES = [
    # Markup: unbalanced, nested, variables, styles, actions and links.
    "[/",
    "x[/",
    "[[nested]] [a[b]c] ]]",
    "[@click=app.quit]x[/]",
    "[link=https://evil.example]click[/link]",
    "[$accent]x",
    "[ red]x",
    "[b]bold",
    ":smile: face",
    # Terminal sequences: OSC title, CSI clear and cursor report, OSC 52 clipboard,
    # OSC 8 hyperlink, full reset, an 8-bit C1 CSI, NUL and DEL.
    "Esc\x1b]0;pwned\x07Title",
    "Clear\x1b[2J\x1b[HScreen",
    "Report\x1b[6nCursor",
    "Osc52\x1b]52;c;ZXZpbA==\x07Clip",
    "Link\x1b]8;;https://evil.example\x1b\\here\x1b]8;;\x1b\\",
    "Reset\x1bcAll",
    "C1\x9b31mRed",
    "Nul\x00Del\x7f",
    # Unicode: bidi overrides and isolates, zero-width, combining marks, wide, ZWJ.
    "Bidi\u202eliame\u202c",
    "Iso\u2066late\u2067d\u2068x\u2069",
    "Zero\u200bWidth",
    "Cafe\u0301 combining Z\u0336\u0335a\u0337\u0334l\u0338g\u0361o",
    "王小明 wide 日本語の名前",
    "👩‍💻 emoji 👨‍👩‍👧‍👦 🏳️‍🌈",
    "L" * 400,
]

LONG = "Long " + "x" * 9_995  # 10,000 characters
MANY_LINES = "\n".join(f"line {i} [b]not bold[/b]" for i in range(200))

HOSTILE_TEXT = [*HOSTILE_NAMES, LONG, MANY_LINES]

# Raw, as another tool might have stored them (the store's own input cleaning would strip them).
RAW_SEQUENCES = [
    "\x1b]0;pwned\x07",
    "\x1b]52;c;ZXZpbA==\x07",
    "\x1b]8;;https://evil\x1b\\x",
    "\x1bc",
    "\x9b31m",
    "\x1b[6n",
    "\x1b[2J",
]

# Bytes that must never reach the terminal from data: title, clipboard, hyperlink,
# full reset, C1 CSI, cursor report request, clear screen from a name.
FORBIDDEN_BYTES = [
    b"\x1b]0;pwned",
    b"pwned\x07",
    b"\x1b]52;",
    b"\x1b]8;;https://evil",
    b"\x1bc",
    b"\x9b31m",
    b"\xc2\x9b",
    b"\x1b[6n",
]
