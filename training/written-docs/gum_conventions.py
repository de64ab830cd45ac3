"""Mark, in a written-documents file, the names GUM marks that GUIDE.md (as first written) left unmarked.

GUM names a court by its capitalized common noun alone, "the Court" / "this Court" (6 of its 7 in GUM train
and all 3 in GUM dev are ORG names), and "the Crown" (ORG in GUM dev); the guide had told writers to leave
them unmarked, so the written documents taught the recognizer and the name classifier the opposite of
GUM.  This marks them: ``python training/written-docs/gum_conventions.py kg/training/written_docs.txt``
(in place; running it again changes nothing).  A "Court" inside a marked name, after another capitalized
word ("High Court Judge") or before "of" ("the Court of Appeal") is left alone.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

# a marked name (skipped whole) or "the/this Court", "the Crown" not followed by "of"
_PATTERN = re.compile(r"\[\[[^\]]*\]\]|(?<=\b[Tt]he )(Court|Crown)\b(?! of\b)|(?<=\b[Tt]his )(Court)\b(?! of\b)")


def mark(text: str) -> tuple[str, int]:
    """``text`` with the names marked, and how many were."""
    count = 0

    def replace(match: re.Match) -> str:
        nonlocal count
        word = match.group(1) or match.group(2)
        if word is None:
            return match.group(0)
        count += 1
        return f"[[{word}|ORG]]"

    return _PATTERN.sub(replace, text), count


def main(argv: list[str]) -> int:
    for name in argv:
        path = Path(name)
        text, count = mark(path.read_text(encoding="utf-8"))
        path.write_text(text, encoding="utf-8")
        print(f"{path}: {count} names marked")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
