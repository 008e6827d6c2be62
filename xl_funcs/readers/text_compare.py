"""Text compared as a person sees it, and the difference shown when one remains.

Names pasted from macOS arrive decomposed (Unicode NFD: "ö" as o + combining
diaeresis), web pages bring no-break and thin spaces, some editors leave
zero-width characters. On screen none of that is visible, so it must not
decide a comparison. Where texts still differ but look alike (a Cyrillic "о"
for a Latin "o"), the message names the differing characters, since quoting
both texts would show the same word twice.
"""

from __future__ import annotations

import difflib
import unicodedata

# Characters that take no room on screen: zero-width space, joiners, word joiner, byte order mark, soft hyphen.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def fold_text(text: str, keep_spaces: bool = False) -> str:
    """NFC, without invisible characters; spaces of every kind (no-break, thin …) as one space, unless kept."""
    folded = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return folded if keep_spaces else " ".join(folded.split())


def _character(text: str) -> str:
    if not text:
        return "nichts"
    return ", ".join(f"„{c}“ ({unicodedata.name(c, 'ohne Namen')}, U+{ord(c):04X})" for c in text)


def visible_difference(expected: str, found: str) -> str:
    """`` (Unterschied: …)`` naming the first differing characters when the two texts look alike; else ``""``."""
    a, b = fold_text(expected), fold_text(found)
    if a == b or difflib.SequenceMatcher(None, a.casefold(), b.casefold()).ratio() < 0.8:
        return ""
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            return f" (Unterschied an Stelle {j1 + 1}: dort steht {_character(b[j1:j2])} statt {_character(a[i1:i2])})"
    return ""
