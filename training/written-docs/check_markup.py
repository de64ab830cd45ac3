"""Check a file of written documents (GUIDE.md): every `[[name|TYPE]]` well formed, counts per type.

    python training/written-docs/check_markup.py FILE...

Prints one line per problem and a summary; exits 1 if there are problems. It needs only Python, not kg (the
writers run it with any python3), so it keeps its own copy of the markup pattern that kg.training.corpus reads;
it is stricter about headers (GUM's six genres only).
"""

import re
import sys
from collections import Counter

TYPES = {"PERSON", "ORG", "PLACE", "EVENT", "MISC"}
MARK = re.compile(r"\[\[([^\[\]|]+)\|([A-Z]+)\]\]")
HEADER = re.compile(r"### DOC (academic|bio|court|interview|news|voyage) \S+$")


def check(path: str) -> int:
    problems = 0
    types: Counter = Counter()
    genres: Counter = Counter()
    words = 0
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            line = line.rstrip("\n")
            if line.startswith("###"):
                match = HEADER.match(line)
                if match:
                    genres[match.group(1)] += 1
                else:
                    print(f"{path}:{number}: bad document header: {line!r}")
                    problems += 1
                continue
            for name, label in MARK.findall(line):
                types[label] += 1
                if label not in TYPES:
                    print(f"{path}:{number}: unknown type {label!r} for {name!r}")
                    problems += 1
                if name != name.strip():
                    print(f"{path}:{number}: space at the edge of {name!r}")
                    problems += 1
            rest = MARK.sub("X", line)
            if "[[" in rest or "]]" in rest or "|" in rest:
                print(f"{path}:{number}: stray [[, ]] or | in: {line!r}")
                problems += 1
            words += len(rest.split())
    print(f"{path}: {sum(genres.values())} documents {dict(genres)}, ~{words} words, names {dict(types)}, "
          f"{problems} problems")
    return problems


if __name__ == "__main__":
    sys.exit(1 if sum(check(path) for path in sys.argv[1:]) else 0)
