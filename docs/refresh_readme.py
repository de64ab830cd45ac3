"""Refresh the README's quoted outputs from the committed example graph: python docs/refresh_readme.py

Rewrites, in place, the COUNT output, the Turtle excerpt, the three example queries' and kg stats' outputs, the
kg build --update walk-through, the kg link outputs and (with ../shared beside the repo) kg eval entities, so
that what the README shows is what kg prints.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = [("facts", "The most confident facts"), ("types", "Entities by type"),
           ("about", "What the graph says about Haley, with evidence")]
INTRO = ("The example article was mangled by an earlier naive coreference substitution (\"A former governor of South "
         "Carolina, Ms. Haley line on Russia\"), so some facts are odd: this is kg's real, unedited output.\n\n")


EXCERPT_RELATIONS = ("governor_of", "criticize", "say_nothing_about")


def kg(*args: str) -> str:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, check=True,
                          cwd=ROOT).stdout.rstrip()


def main() -> None:
    readme_path = ROOT / "README.md"
    readme = readme_path.read_text(encoding="utf-8")
    count = kg("query", "output/graph.ttl", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    count_command = re.escape('$ kg query output/graph.ttl "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"\n')
    readme = re.sub(f"({count_command})[\\s\\S]*?(\n```)", lambda m: m.group(1) + count + m.group(2), readme, count=1)
    blocks = (ROOT / "output" / "graph.ttl").read_text(encoding="utf-8").split("\n\n")
    entity = next(b for b in blocks if b.startswith("person:haley a"))
    # a statement about Haley: the first relation of this list the model's parses give, else her first statement
    about_haley = [b for b in blocks if "rdf:subject person:haley" in b]
    statement = next((b for relation in EXCERPT_RELATIONS for b in about_haley if f"rdf:predicate rel:{relation} " in b),
                     about_haley[0])
    readme = re.sub(r"(From the example graph:\n\n```turtle\n)[\s\S]*?(\n```)",
                    lambda m: m.group(1) + entity.strip() + "\n\n" + statement.strip() + m.group(2), readme, count=1)
    parts = []
    for name, title in QUERIES:
        query = (ROOT / "examples" / "queries" / f"{name}.rq").read_text(encoding="utf-8").strip()
        output = kg("query", "output/graph.ttl", "-f", f"examples/queries/{name}.rq")
        parts.append(f"**{title}** (`examples/queries/{name}.rq`):\n\n```sparql\n{query}\n```\n\n```console\n"
                     f"$ kg query output/graph.ttl -f examples/queries/{name}.rq\n{output}\n```")
    readme = re.sub(r"(## Three queries on the example graph\n\n)[\s\S]*?(\n\n## The bundled English pipeline)",
                    lambda m: m.group(1) + INTRO + "\n\n".join(parts) + m.group(2), readme, count=1)
    total = count.splitlines()[-1]
    readme = re.sub(r"kgstore: \d+ quads", f"kgstore: {total} quads", readme)
    readme = re.sub(r'(\$ kg query --store kgstore "SELECT \(COUNT\(\*\) AS \?n\) WHERE \{ \?s \?p \?o \}"\nn\n----\n)\d+',
                    lambda m: m.group(1) + total, readme)
    readme = re.sub(r"(%7B%3Fs%20%3Fp%20%3Fo%7D\"\nn\n)\d+", lambda m: m.group(1) + total, readme)
    stats = kg("stats", "output/graph.ttl")
    readme = re.sub(r"(\$ kg stats output/graph.ttl\n)[\s\S]*?(\n```)", lambda m: m.group(1) + stats + m.group(2),
                    readme, count=1)
    readme = _refresh_update_and_link(readme)
    if (ROOT.parent / "shared" / "data" / "gum").is_dir():  # the entity scores of the bundled pipeline
        command = "kg eval entities --gum ../shared/data/gum"
        readme = _replace_block(readme, command, _session([command], ROOT))
    readme_path.write_text(readme, encoding="utf-8")


def _session(commands: list[str], cwd: Path) -> str:
    """``$ command`` lines each followed by what it printed, run in ``cwd``."""
    lines = []
    for command in commands:
        args = shlex.split(command)[1:]
        lines += [f"$ {command}", subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                                                 check=True, cwd=cwd).stdout.rstrip()]
    return "\n".join(lines)


def _replace_block(readme: str, first_command: str, session: str) -> str:
    pattern = re.escape(f"```console\n$ {first_command}\n") + r"[\s\S]*?\n```"
    return re.sub(pattern, lambda m: f"```console\n{session}\n```", readme, count=1)


def _refresh_update_and_link(readme: str) -> str:
    """The kg build --update walk-through and the kg link outputs, run in a scratch folder."""
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        (work / "examples").symlink_to(ROOT / "examples")
        (work / "output").symlink_to(ROOT / "output")
        update = ["kg build examples/000_57a0fbf815bbc1ef.txt -o news",
                  "kg build --update news examples/followup.txt",
                  "kg build --update news examples/followup.txt",
                  'kg query news/graph.ttl "SELECT ?entity ?name ?count WHERE { ?e kg:surfaceForm ?f ; '
                  'rdfs:label ?entity . ?f kg:text ?name ; kg:count ?count } ORDER BY ?entity DESC(?count)"']
        readme = _replace_block(readme, update[0], _session(update, work))
        link = ["kg link output/graph.ttl --kb examples/kb.csv -o linked.ttl",
                'kg query linked.ttl "SELECT ?entity ?kb WHERE { ?e owl:sameAs ?kb ; rdfs:label ?entity } '
                'ORDER BY ?entity"']
        readme = _replace_block(readme, link[0], _session(link, work))
    return readme


if __name__ == "__main__":
    main()
