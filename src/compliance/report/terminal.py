"""Text made safe to print on a terminal: names and values from users' files lose their control codes.

A site name in a spreadsheet can hold escape sequences: CSI (ESC [ … ) that move the cursor or clear
the screen, OSC (ESC ] … BEL or ESC \\) that set the window title or write links and, in some terminals,
the clipboard. Printed as they are, they would run in the terminal of whoever reads the report. So every
line the command prints is stripped of whole escape sequences, then of every other C0 control but tab
and newline, of DEL and of the C1 controls (U+0080–U+009F, including the one-character CSI and OSC).
"""

from __future__ import annotations

import re

_SEQUENCES = re.compile(
    r"(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC … BEL or ST (or unterminated)
    r"|(?:\x1b[P^_X]|[\x90\x9e\x9f\x98])[^\x1b\x9c]*(?:\x1b\\|\x9c)?"  # DCS, PM, APC, SOS … ST
    r"|(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?"  # CSI parameters, intermediates, final
    r"|\x1b[\x20-\x2f]*[\x30-\x7e]?"  # any other escape sequence
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """`text` without terminal control sequences or control characters (tab and newline kept)."""
    if _CONTROLS.search(text) is None:
        return text
    return _CONTROLS.sub("", _SEQUENCES.sub("", text))
