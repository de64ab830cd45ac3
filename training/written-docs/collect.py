"""Collect the writers' files into the recipe's written documents (`kg/training/written_docs.txt`).

    python training/written-docs/collect.py OUT FILE...

Documents are kept in the order given; a slug used twice gets a number. Every file must pass
check_markup.py first.
"""

import sys
from pathlib import Path

from check_markup import HEADER, check


def collect(out: Path, paths: list[str]) -> None:
    if sum(check(path) for path in paths):
        sys.exit("fix the problems above first")
    seen: set[str] = set()
    lines: list[str] = []
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            line = line.rstrip()
            match = HEADER.match(line)
            if match:
                name, number = line, 2
                while name in seen:
                    name, number = f"{line}-{number}", number + 1
                seen.add(name)
                line = name
            lines.append(line)
    out.write_text("\n".join(lines).strip("\n") + "\n", encoding="utf-8")
    print(f"{out}: {len(seen)} documents")


if __name__ == "__main__":
    collect(Path(sys.argv[1]), sys.argv[2:])
