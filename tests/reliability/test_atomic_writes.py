"""Nothing is lost on a failed write: specs, drawings and the zoo gallery are written atomically."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

import cid
from cid.files import write_atomic


def _diagram(label: str = "state") -> cid.Diagram:
    return cid.Diagram.from_edges(["S -> D -> U", "S -> U"], decisions=["D"], utilities=["U"],
                                  labels={"S": label})


def _leftovers(folder: Path, keep: set[str]) -> set[str]:
    return {p.name for p in folder.iterdir()} - keep


def test_a_failed_save_leaves_the_old_spec_intact(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    path = tmp_path / "d.json"
    cid.save(_diagram(), path)
    before = path.read_bytes()

    def interrupted(src: object, dst: object) -> None:
        raise KeyboardInterrupt  # Ctrl-C between writing the new file and moving it in

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        cid.save(_diagram(label="other"), path)
    assert path.read_bytes() == before
    assert _leftovers(tmp_path, {"d.json"}) == set()


def test_a_full_disk_leaves_the_old_drawing_intact(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import os

    path = tmp_path / "d.dot"
    cid.render(_diagram()).save(path)
    before = path.read_bytes()

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(cid.SaveError, match="No space left"):
        cid.render(_diagram(label="other")).save(path)
    assert path.read_bytes() == before
    assert _leftovers(tmp_path, {"d.dot"}) == set()


def test_rendering_save_creates_folders_and_raises_save_error(tmp_path: Path) -> None:
    nested = tmp_path / "a" / "b" / "d.dot"
    assert cid.render(_diagram()).save(nested) == nested
    assert nested.read_text().startswith("digraph")
    (tmp_path / "folder.dot").mkdir()
    with pytest.raises(cid.SaveError, match="folder.dot"):
        cid.render(_diagram()).save(tmp_path / "folder.dot")


def test_a_symlink_is_replaced_never_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("precious")
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "d.json").symlink_to(outside)
    cid.save(_diagram(), folder / "d.json")
    assert outside.read_text() == "precious"
    assert not (folder / "d.json").is_symlink()
    assert cid.load(folder / "d.json") == _diagram()


def test_permissions_of_an_existing_file_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_text("old")
    path.chmod(0o640)
    write_atomic(path, "new")
    assert path.read_text() == "new"
    assert path.stat().st_mode & 0o777 == 0o640


def test_a_concurrent_reader_never_sees_a_partial_spec(tmp_path: Path) -> None:
    edges = [f"X{i} -> X{i + 1}" for i in range(3000)] + ["X3000 -> D -> U"]
    big = cid.Diagram.from_edges(edges, decisions=["D"], utilities=["U"])
    small = _diagram()
    path = tmp_path / "spec.json"
    cid.save(small, path)
    stop = threading.Event()
    failures: list[str] = []

    def read_forever() -> None:
        while not stop.is_set():
            text = path.read_text(encoding="utf-8")
            try:
                json.loads(text)
            except ValueError:
                failures.append(text[-40:])

    reader = threading.Thread(target=read_forever)
    reader.start()
    try:
        for i in range(20):
            cid.save(big if i % 2 else small, path)
    finally:
        stop.set()
        reader.join(timeout=30)
    assert failures == []


def test_zoo_render_is_all_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from zoo import gallery

    out = tmp_path / "gallery"
    out.mkdir()
    (out / "mdp.dot").write_text("old drawing")
    calls = {"n": 0}
    real = gallery.entry_rendering

    def fail_on_third(name: str, *, incentives: bool = False) -> cid.Rendering:
        calls["n"] += 1
        if calls["n"] == 3:
            raise cid.RenderError("simulated failure half-way")
        return real(name, incentives=incentives)

    monkeypatch.setattr(gallery, "entry_rendering", fail_on_third)
    with pytest.raises(cid.RenderError):
        gallery.render_zoo(out, names=["mdp", "pomdp", "cirl"], formats=("dot",))
    assert sorted(p.name for p in out.iterdir()) == ["mdp.dot"]
    assert (out / "mdp.dot").read_text() == "old drawing"


def test_zoo_render_replaces_a_planted_symlink(tmp_path: Path) -> None:
    from zoo.gallery import render_zoo

    target = tmp_path / "victim.txt"
    target.write_text("precious")
    out = tmp_path / "gallery"
    out.mkdir()
    (out / "mdp.dot").symlink_to(target)
    render_zoo(out, names=["mdp"], formats=("dot",))
    assert target.read_text() == "precious"
    assert (out / "mdp.dot").read_text().startswith("digraph")


def test_zoo_render_into_a_dangling_symlink_is_a_clear_error(tmp_path: Path) -> None:
    from zoo.gallery import render_zoo

    out = tmp_path / "gone"
    out.symlink_to(tmp_path / "nowhere")
    with pytest.raises(cid.SaveError, match="symbolic link to nothing"):
        render_zoo(out, names=["mdp"], formats=("dot",))


@pytest.mark.needs_dot
def test_an_interrupted_render_leaves_no_dot_running(tmp_path: Path) -> None:
    """SIGINT during a long `cid render`: exit 130, no picture, and no `dot` left behind."""
    import signal
    import subprocess
    import sys
    import time

    from tests.support.cid_process import ROOT

    out = tmp_path / "big.png"

    def default_sigint() -> None:  # a test runner's worker may ignore SIGINT; the child must not
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    child = subprocess.Popen([sys.executable, "-m", "cid", "render", "zoo:mdp:horizon=400",
                              "--incentives", "-o", str(out)], cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             preexec_fn=default_sigint)
    try:
        deadline = time.monotonic() + 30
        dots: list[str] = []
        while time.monotonic() < deadline and not dots:  # wait until dot is drawing
            found = subprocess.run(["pgrep", "-P", str(child.pid)], capture_output=True,
                                   text=True)
            dots = found.stdout.split()
            time.sleep(0.1)
        if not dots:
            pytest.skip("dot finished before it could be interrupted")
        child.send_signal(signal.SIGINT)
        assert child.wait(timeout=30) == 130
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    time.sleep(0.3)
    for pid in dots:
        assert not Path(f"/proc/{pid}").exists() or \
            "zombie" in Path(f"/proc/{pid}/status").read_text().lower(), f"dot {pid} still runs"
    assert not out.exists()
