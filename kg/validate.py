"""SHACL validation of kg graphs: ``kg.validate(graph)`` and ``kg validate GRAPH``.

The shapes are ``ontology/shapes.ttl`` (shipped in the package as ``kg/export/shapes.ttl``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import SH

SHAPES = Path(__file__).resolve().parent / "export" / "shapes.ttl"


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str

    def line(self) -> str:
        return f"{self.focus}  {self.path}  {self.message}"


@dataclass(frozen=True)
class ValidationResult:
    conforms: bool
    violations: tuple[Violation, ...]


def validate(graph: Graph, shapes: Graph | None = None) -> ValidationResult:
    """Check ``graph`` against kg's SHACL shapes (or ``shapes``)."""
    import pyshacl

    shapes = shapes if shapes is not None else Graph().parse(SHAPES, format="turtle")
    conforms, report, _ = pyshacl.validate(graph, shacl_graph=shapes, inference="none", allow_warnings=True)
    violations = []
    for result in report.subjects(predicate=None, object=SH.ValidationResult):
        message = report.value(result, SH.resultMessage)
        violations.append(Violation(str(report.value(result, SH.focusNode)), str(report.value(result, SH.resultPath)),
                                    " ".join(str(message).split()) if message else "violates a shape"))
    return ValidationResult(bool(conforms), tuple(sorted(violations, key=lambda v: (v.focus, v.path, v.message))))
