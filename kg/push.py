"""Upload a graph to a triple store with the SPARQL 1.1 Graph Store HTTP Protocol: ``kg push GRAPH --endpoint URL``.

``PUT`` replaces the target graph (the default), ``POST`` adds to it (``append=True``); the target is
``?graph=IRI`` or, with no graph given, the store's default graph (``?default``).  The body is Turtle
(``text/turtle``, the default: every Graph Store accepts it) or N-Triples (``application/n-triples``), serialized
by rdflib after three comment lines.  The comments are for Virtuoso 7, whose endpoint ignores Content-Type and
guesses the syntax by parsing the body's first 64 KiB, with and without its last three lines: with fewer than
three line breaks in there (an N-Triples line holding a long literal) it refuses the upload as "text/plain".

TriG and N-Quads files (and rdflib datasets) are pushed as the union of their graphs into the one target graph
— the same view ``kg query`` has of them — so one request replaces (or extends) exactly one graph in the store.

HTTP authentication: ``basic`` sends the credentials with the upload; ``digest`` and ``auto`` (either, as the
server asks) learn the server's challenge with a body-less ``HEAD`` first, so the graph is normally sent once.
Only the standard library is used.
"""

from __future__ import annotations

import base64
import http.client
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from rdflib import Graph

from kg.errors import KgError

CONTENT_TYPES = {"turtle": "text/turtle", "nt": "application/n-triples"}
AUTH_SCHEMES = ("auto", "digest", "basic")
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*")


@dataclass(frozen=True)
class PushResult:
    """What :func:`push` sent and how the store answered."""

    triples: int  # triples sent
    graph: str | None  # the target graph's IRI; None for the store's default graph
    status: int  # the store's HTTP status (2xx)
    method: str  # "PUT" (replace) or "POST" (append)
    endpoint: str  # the Graph Store endpoint, as given

    def line(self) -> str:
        """One line for the command line, e.g. ``pushed 2016 triples to <urn:x> (replaced; HTTP 201)``."""
        target = f"<{self.graph}>" if self.graph else "the default graph"
        action = "replaced" if self.method == "PUT" else "appended"
        return f"pushed {self.triples} triples to {target} at {self.endpoint} ({action}; HTTP {self.status})"


def push(source: Graph | str | Path, endpoint: str, graph: str | None = None, *, append: bool = False,
         user: str | None = None, password: str | None = None, auth: str = "auto", fmt: str = "turtle",
         timeout: float = 120.0) -> PushResult:
    """Upload ``source`` (an rdflib graph or any RDF file :func:`kg.query.load_graph` reads) to a SPARQL 1.1
    Graph Store HTTP Protocol ``endpoint`` (e.g. Virtuoso's ``http://host:8890/sparql-graph-crud-auth``).

    ``graph`` is the target graph's IRI (``None``: the default graph, ``?default``).  ``append=False`` PUTs
    (the graph becomes exactly ``source``; pushing twice changes nothing), ``append=True`` POSTs (RDF merge).
    ``user``/``password`` authenticate with HTTP ``auth`` = ``"auto"``, ``"digest"`` or ``"basic"``;
    ``fmt`` = ``"turtle"`` or ``"nt"`` picks the body's syntax.  Any network error, refused authentication or
    non-2xx answer raises :class:`kg.errors.KgError` with one line (status and the server's message).
    """
    if fmt not in CONTENT_TYPES:
        raise KgError(f"unknown push format '{fmt}' (use {', '.join(CONTENT_TYPES)})")
    if auth not in AUTH_SCHEMES:
        raise KgError(f"unknown authentication '{auth}' (use {', '.join(AUTH_SCHEMES)})")
    if (user is None) != (password is None):
        raise KgError("give both a user and a password (--user and --password or KG_PUSH_PASSWORD), or neither")
    if graph is not None and not _IRI.fullmatch(graph):
        raise KgError(f"'{graph}' is not an absolute IRI (e.g. urn:kg:news or https://example.org/graph)")
    url = target_url(endpoint, graph)
    triples = _as_graph(source)
    header = f"# Sent by kg push\n# {len(triples)} triples\n# {CONTENT_TYPES[fmt]}\n"  # see the module docstring
    body = header.encode("utf-8") + triples.serialize(format=fmt, encoding="utf-8")
    method = "POST" if append else "PUT"
    status = _send(url, method, body, CONTENT_TYPES[fmt], (user, password) if user is not None else None, auth,
                   timeout, endpoint)
    return PushResult(len(triples), graph, status, method, endpoint)


def target_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store request URL: ``endpoint?graph=IRI`` (percent-encoded) or ``endpoint?default``."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise KgError(f"'{endpoint}' is not an http(s) URL of a Graph Store endpoint")
    parameter = "default" if graph is None else "graph=" + urllib.parse.quote(graph, safe="")
    query = f"{parts.query}&{parameter}" if parts.query else parameter
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path or "/", query, ""))


def _as_graph(source: Graph | str | Path) -> Graph:
    """An rdflib graph with the triples to send: a dataset's graphs are merged, as load_graph merges TriG."""
    if isinstance(source, Graph):
        if not source.context_aware:
            return source
        union = Graph()
        for subject, predicate, obj, _ in source.quads((None, None, None, None)):
            union.add((subject, predicate, obj))
        return union
    from kg.query import load_graph

    return load_graph(source)


def _send(url: str, method: str, body: bytes, content_type: str, credentials: tuple[str, str] | None, auth: str,
          timeout: float, endpoint: str) -> int:
    """Send the request, authenticating as the server asks; at most two uploads (one if a HEAD shows the way)."""
    authorization = None
    if credentials is not None:
        if auth == "basic":
            authorization = _basic(credentials)
        else:  # learn the challenge without sending the graph (servers answer HEAD with 401 too)
            probe = _open(urllib.request.Request(url, method="HEAD"), timeout, endpoint)
            if probe.status == 401 and _challenges(probe):
                authorization = _authorize(probe, url, method, credentials, auth, endpoint)
    for attempt in (1, 2):
        request = urllib.request.Request(url, data=body, method=method,
                                         headers={"Content-Type": content_type, "User-Agent": "kg-push"})
        if authorization:
            request.add_unredirected_header("Authorization", authorization)
        answer = _open(request, timeout, endpoint)
        if 200 <= answer.status < 300:
            return answer.status
        challenges = _challenges(answer)
        if answer.status != 401 or credentials is None or not challenges or attempt == 2:
            break
        stale = any(re.search(r'stale\s*=\s*"?true', c, flags=re.I) for c in challenges)
        if authorization and authorization.split()[0].lower() in challenges and not stale:
            break  # the server refused the credentials we sent
        authorization = _authorize(answer, url, method, credentials, auth, endpoint)
    if answer.status == 401:
        if credentials is None:
            hint = "the endpoint needs --user and --password"
        elif authorization is None:
            hint = "the server sent no authentication challenge"
        elif auth == "basic":
            hint = "wrong user or password, or the server does not take basic authentication"
        else:
            hint = "wrong user or password"
        raise KgError(f"{endpoint}: HTTP 401 {answer.reason or 'Unauthorized'} ({hint})")
    message = answer.message
    if 300 <= answer.status < 400:  # never followed: a redirected PUT or POST could silently become a GET
        message = f"redirected to {answer.headers.get('Location', '?')}; give that URL as --endpoint"
    message = f": {message}" if message else ""
    raise KgError(f"{endpoint}: HTTP {answer.status} {answer.reason}{message}")


def _challenges(answer: _Answer) -> dict[str, str]:
    """The WWW-Authenticate challenges of a 401 answer by lower-case scheme (``{"digest": "Digest realm=…"}``)."""
    found = (c.strip() for c in answer.headers.get_all("WWW-Authenticate") or [])
    return {c.split(None, 1)[0].lower(): c for c in found if c}


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # the 3xx answer is reported as an error instead


@dataclass(frozen=True)
class _Answer:
    status: int
    reason: str
    headers: http.client.HTTPMessage
    message: str  # a short text from the body of an error answer


def _open(request: urllib.request.Request, timeout: float, endpoint: str) -> _Answer:
    """Perform one request (no redirects followed for uploads; no auth handlers): the status, or a KgError
    when the server cannot be reached."""
    try:
        with urllib.request.build_opener(_NoRedirects).open(request, timeout=timeout) as response:
            response.read()
            return _Answer(response.status, response.reason, response.headers, "")
    except urllib.error.HTTPError as error:
        try:
            text = error.read(4096).decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            text = ""
        finally:
            error.close()
        return _Answer(error.code, str(error.reason), error.headers, _server_message(text))
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise KgError(f"{endpoint}: no answer within {timeout:g} s (raise --timeout for big graphs)") from None
        reason = getattr(error.reason, "strerror", None) or str(error.reason)
        raise KgError(f"cannot reach {endpoint}: {reason}") from None
    except TimeoutError:
        raise KgError(f"{endpoint}: no answer within {timeout:g} s (raise --timeout for big graphs)") from None
    except (OSError, http.client.HTTPException) as error:
        detail = " ".join(str(error).split()) or type(error).__name__
        raise KgError(f"{endpoint}: connection failed ({detail[:160]})") from None


def _server_message(text: str, limit: int = 200) -> str:
    """The gist of an error body on one line: the preformatted part of an HTML page if any, else its text."""
    pre = re.search(r"<(xmp|pre)[^>]*>(.*?)</\1>", text, flags=re.S | re.I)
    if pre:
        text = pre.group(2)
    else:
        text = re.sub(r"<(head|script|style)[^>]*>.*?</\1>", " ", text, flags=re.S | re.I)
        text = re.sub(r"<[^>]+>", " ", text)
    text = " ".join(unescape(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _basic(credentials: tuple[str, str]) -> str:
    return "Basic " + base64.b64encode(":".join(credentials).encode("utf-8")).decode("ascii")


def _authorize(answer: _Answer, url: str, method: str, credentials: tuple[str, str], auth: str,
               endpoint: str) -> str:
    """The Authorization header that answers the server's WWW-Authenticate challenge (Digest or Basic)."""
    schemes = _challenges(answer)
    if "digest" in schemes and auth in ("auto", "digest"):
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, url, *credentials)
        handler = urllib.request.AbstractDigestAuthHandler(manager)
        parameters = schemes["digest"].split(None, 1)[1] if " " in schemes["digest"] else ""
        challenge = urllib.request.parse_keqv_list(filter(None, urllib.request.parse_http_list(parameters)))
        try:
            value = handler.get_authorization(urllib.request.Request(url, method=method), challenge)
        except (urllib.error.URLError, ValueError, KeyError):
            value = None
        if not value:
            raise KgError(f"{endpoint}: unsupported digest challenge ({schemes['digest'][:120]})")
        return "Digest " + value
    if "basic" in schemes and auth in ("auto", "basic"):
        return _basic(credentials)
    offered = ", ".join(c.split(None, 1)[0] for c in schemes.values())
    raise KgError(f"{endpoint}: the server asks for {offered} authentication; kg push speaks "
                  f"{'basic and digest' if auth == 'auto' else auth} (see --auth)")
