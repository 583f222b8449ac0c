"""Reading and writing files safely: every write is atomic, every read is bounded.

Every file ``cid`` writes (specs, renderings, gallery pages, sweep tables) goes through
:func:`write_atomic`: the bytes go to a temporary file in the same folder, which is flushed,
synced to disk and then renamed over the destination. A reader therefore sees the old file or
the new one, never a partial one, and a failed write leaves the old file untouched and no
temporary file behind. Every file ``cid`` reads (specs, standard input) goes through
:func:`read_limited`, which refuses inputs larger than a limit instead of reading without end.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_atomic(folder / "a.txt", "new text\\n").read_text()
'new text\\n'
>>> read_limited(folder / "a.txt", max_bytes=100)
b'new text\\n'
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import BinaryIO

from cid._env import positive_int
from cid.errors import SaveError, SpecError

__all__ = ["DEFAULT_MAX_INPUT_BYTES", "max_input_bytes", "read_limited", "read_stream_limited",
           "write_atomic"]

DEFAULT_MAX_INPUT_BYTES = 256 * 2**20
"""Inputs larger than this (256 MiB) are refused unless ``CID_MAX_INPUT_BYTES`` says otherwise."""

_ENV_LIMIT = "CID_MAX_INPUT_BYTES"


def max_input_bytes() -> int:
    """The input size limit in bytes: ``CID_MAX_INPUT_BYTES`` from the environment, else
    :data:`DEFAULT_MAX_INPUT_BYTES`.

    Raises
    ------
    SpecError
        The environment variable is not a positive integer.
    """
    try:
        return positive_int(_ENV_LIMIT, DEFAULT_MAX_INPUT_BYTES)
    except ValueError as err:
        raise SpecError([("", f"{err} (a number of bytes)", "cid_limit")]) from None


def _too_large(source: str, limit: int) -> SpecError:
    return SpecError([("", f"{source} is larger than the input limit of {limit:,} bytes "
                       f"(raise it with {_ENV_LIMIT}=N)", "cid_too_large")], source=source)


def read_stream_limited(stream: BinaryIO, *, source: str, max_bytes: int | None = None) -> bytes:
    """Read a binary stream to its end, refusing more than ``max_bytes``.

    Raises
    ------
    SpecError
        The stream holds more than ``max_bytes`` (default: :func:`max_input_bytes`).
    """
    limit = max_input_bytes() if max_bytes is None else max_bytes
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise _too_large(source, limit)
    return data


def read_limited(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> bytes:
    """Read a file's bytes, refusing more than ``max_bytes`` (default: :func:`max_input_bytes`).

    Special files (``/dev/zero``, a FIFO) are read up to the limit, never without end.

    Raises
    ------
    SpecError
        The file cannot be read, or is larger than the limit; the message names it.
    """
    path = Path(path)
    try:
        with path.open("rb") as stream:
            return read_stream_limited(stream, source=str(path), max_bytes=max_bytes)
    except OSError as err:
        raise SpecError([("", f"cannot read {path}: {err.strerror or err}", "cid_io")],
                        source=str(path)) from None


def write_atomic(path: str | os.PathLike[str], data: str | bytes, *,
                 make_parents: bool = True) -> Path:
    """Write ``data`` (text is written as UTF-8) to ``path`` atomically; return the path.

    The data goes to a temporary file in the destination's folder, which is flushed, synced and
    renamed over ``path``. If ``path`` is a symbolic link, the link itself is replaced, never the
    file it points to. An existing file keeps its permission bits; a new one gets the usual
    ``0o666`` less the umask.

    Parameters
    ----------
    path : path-like
        The destination.
    data : str or bytes
        The content.
    make_parents : bool, default True
        Create missing parent folders.

    Raises
    ------
    SaveError
        The file cannot be written (the old file, if any, is left untouched and no temporary
        file remains); the message names the file and says why.
    """
    path = Path(path)
    try:
        payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    except UnicodeEncodeError as err:
        raise SaveError(f"cannot write {path}: the text cannot be UTF-8 encoded "
                        f"({err.reason} at character {err.start})") from None
    try:
        if make_parents:
            path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir() and not path.is_symlink():
            raise IsADirectoryError(21, "Is a directory", str(path))
        _replace(path, payload)
    except OSError as err:
        raise SaveError(f"cannot write {path}: {err.strerror or err}") from None
    return path


def _replace(path: Path, payload: bytes) -> None:
    mode = _mode_for(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _sync_folder(path.parent)


def _mode_for(path: Path) -> int:
    try:
        if not path.is_symlink():
            return path.stat().st_mode & 0o7777
    except OSError:
        pass
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    """Make the rename durable (where the platform allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
