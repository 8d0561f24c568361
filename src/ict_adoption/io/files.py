"""Files written safely: through a temporary file and a rename, never over an input.

:func:`atomic_write` is the one way this library writes a file (rankings, reports,
templates): a reader sees the old file or the new one, never a part.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable, Sequence, Union

from ..messages import message

__all__ = ["atomic_write", "InputOverwriteError", "PathLike"]

PathLike = Union[str, "os.PathLike[str]"]


class InputOverwriteError(FileExistsError):
    """The output path is one of the input files; ``force`` does not override this."""


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve() or os.path.normcase(str(a.resolve())) == os.path.normcase(str(b.resolve()))


def _umask() -> int:
    """The process umask, read without changing it (Linux); 0o022 elsewhere."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


def atomic_write(
    path: PathLike,
    data: str | bytes | Iterable[str] | Iterable[bytes],
    *,
    force: bool = False,
    inputs: Sequence[PathLike] = (),
) -> None:
    """Write ``data`` (``str`` as UTF-8, ``bytes``, or pieces — text as UTF-8, or bytes —
    written one after another, e.g. :func:`~ict_adoption.views.csv_bytes.csv_byte_chunks`)
    to ``path`` atomically.

    The data goes to a temporary file in the same directory, is flushed to disk, then
    renamed over ``path`` with :func:`os.replace`: readers see the old file or the new
    one, never a part. Refuses (``FileExistsError``, the file named in the message):

    * any path in ``inputs`` — an input file is never overwritten, even with ``force``
      (:class:`InputOverwriteError`; paths compared resolved, and as the same file on
      disk, so links and ``./x`` vs ``x`` are caught);
    * an existing ``path`` unless ``force=True``.

    A new file gets the usual permissions (``0o666`` minus the umask); an overwritten
    file keeps its permissions.
    """
    target = Path(path)
    for item in inputs:
        if _same_file(target, Path(item)):
            raise InputOverwriteError(message("file.is_input", path=os.fspath(path), input=os.fspath(item)))
    if target.is_dir():
        raise IsADirectoryError(f"{os.fspath(path)} is a directory, not a file")
    if (target.exists() or target.is_symlink()) and not force:
        raise FileExistsError(message("file.exists", path=os.fspath(path)))
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise FileNotFoundError(f"{os.fspath(path)}: the directory {os.fspath(directory)} does not exist")
    pieces: Iterable[bytes]
    if isinstance(data, str):
        pieces = (data.encode("utf-8"),)
    elif isinstance(data, (bytes, bytearray, memoryview)):
        pieces = (bytes(data),)
    else:  # pieces (text encoded, bytes as they are) written one after another
        pieces = (piece if isinstance(piece, (bytes, bytearray, memoryview)) else piece.encode("utf-8") for piece in data)
    mode = (target.stat().st_mode & 0o7777) if target.exists() else (0o666 & ~_umask())
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            for payload in pieces:
                fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
