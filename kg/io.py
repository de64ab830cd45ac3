"""Atomic file writes: an output is either complete or absent, never half-written."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from kg.errors import KgError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_writable_folder(folder: Path) -> None:
    """Raise :class:`KgError` now if files cannot be written into ``folder`` (which need not exist yet),
    so that a long build does not fail only when it comes to write.  The folder is not created."""
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if existing == folder and not folder.is_dir():
        raise KgError(f"{folder}: exists and is not a folder")
    if not existing.is_dir():
        raise KgError(f"{folder}: cannot write here, {existing} is not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise KgError(f"{folder}: cannot write here, {existing} is not writable")


def write_atomically(files: Mapping[Path, bytes]) -> None:
    """Write every file or none: all contents go to temporary files first,
    and are renamed into place only when all of them were written.  A file that
    cannot be written raises :class:`KgError` naming it, and nothing is left behind."""
    staged: list[tuple[str, Path]] = []
    path = Path()
    try:
        for path, data in files.items():
            check_writable_folder(path.parent)
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            staged.append((temporary, path))
            os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
            with os.fdopen(handle, "wb") as sink:
                sink.write(data)
                sink.flush()
                os.fsync(sink.fileno())
        # a rename fails mostly when a folder is in the way: find that before the first file is replaced
        for _, path in staged:
            if path.is_dir():
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        for temporary, path in staged:
            os.replace(temporary, path)
        staged = []
    except OSError as error:
        raise KgError(f"{path}: cannot write ({error.strerror or error})") from None
    finally:
        for temporary, _ in staged:
            try:
                os.unlink(temporary)
            except FileNotFoundError:
                pass
