"""Write a file so that readers see the old file or the whole new one, never a half-written one."""

from __future__ import annotations

import contextlib
import glob
import os
import secrets
from collections.abc import Iterator
from pathlib import Path


class OutputError(Exception):
    """An output that cannot be written. str(err) is one line naming the file and the problem."""


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside `target`; on success it replaces `target` in one step.

    On any exception the temporary file is removed and `target` is left as it was.
    """
    target = Path(target)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"{target}: folder {directory} does not exist")
    _remove_stale_parts(directory, target.name)
    # The name is chosen before the file is made, and the file made inside the `try`: a stop
    # signal (raised as an exception at the next bytecode, cli._interrupt) that strikes the moment
    # the file appears still has it removed. The writer's process id in the name tells a later
    # run whether its writer is gone.
    tmp_path = _part_name(directory, target.name)
    try:
        while True:
            try:
                os.close(os.open(tmp_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
                break
            except FileExistsError:  # another part of this process's by chance: another name
                tmp_path = _part_name(directory, target.name)
            except OSError as err:
                raise OutputError(f"{target}: cannot write in {directory} ({err.strerror})") from None
        yield tmp_path
        os.chmod(tmp_path, 0o666 & ~_umask())  # the part is made 0600; outputs are shared files
        try:
            os.replace(tmp_path, target)
        except OSError as err:
            raise OutputError(
                f"{target}: cannot replace the file ({err.strerror}; is it open in another program?)"
            ) from None
    finally:
        with contextlib.suppress(OSError):  # gone (replaced, or never made), or a later run removes it
            tmp_path.unlink()


def _part_name(directory: Path, name: str) -> Path:
    return directory / f".{name}.{os.getpid()}.{secrets.token_hex(6)}.part"


def _remove_stale_parts(directory: Path, name: str) -> None:
    """Remove the temporary files a killed run (kill -9, power loss) left for this output: those
    whose writing process no longer exists. A run still writing keeps its own."""
    prefix = f".{name}."
    for part in directory.glob(f"{glob.escape(prefix)}*.part"):
        pid = part.name[len(prefix) :].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                part.unlink()


def _alive(pid: int) -> bool:
    if os.name == "nt":  # os.kill there ends the process; no such test, so keep every part
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, someone else's
        return True
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text_atomic(target: str | os.PathLike[str], text: str) -> None:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
