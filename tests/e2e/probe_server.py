"""``streamlit run`` with a memory probe, for tests that must see inside the server (issue 12).

Run as ``python tests/e2e/probe_server.py run streamlit_app.py [streamlit options]`` with
``PROBE_DIR`` set. To ask whether some text is still held by the server, write its UTF-8 bytes as
hex to ``PROBE_DIR/request``; the probe collects garbage, then walks every object the garbage
collector tracks (and the untracked tuples, dicts and sets they hold) for a string, bytes or
bytearray containing it (or a protocol buffer whose serialised form does), and answers in ``PROBE_DIR/answer.json``:
``{"request": HEX, "holders": ["dict", "MemoryFile", ...]}`` (the types holding it; empty when none).
Writing ``stats`` instead answers ``{"request": "stats", "counts": {"AppSession": 3, ...}}``: how many
objects of each type in ``COUNTED`` are alive, and how many sessions, download and uploaded files
Streamlit's runtime holds.

Test code only: the app never imports this.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import threading
import time
from pathlib import Path

from google.protobuf.message import Message

_CONTAINERS = (tuple, list, dict, set, frozenset)
COUNTED = ("AppSession", "SessionState", "EssayPlan")


def counts() -> dict[str, int]:
    """Live objects of each ``COUNTED`` type, and the files Streamlit's runtime holds."""
    from streamlit.runtime import Runtime

    gc.collect()
    found = dict.fromkeys(COUNTED, 0)
    for obj in gc.get_objects():
        name = type(obj).__name__
        if name in found:
            found[name] += 1
    runtime = Runtime.instance()
    found["media files"] = len(runtime.media_file_mgr._file_metadata)
    found["uploaded files"] = sum(len(files) for files in runtime.uploaded_file_mgr.file_storage.values())
    found["sessions"] = len(runtime._session_mgr.list_sessions())
    from arguments import memo

    found["memo entries"] = sum(cached.cache_info().currsize for cached in memo.memo_caches())
    from app_pages import session_end

    found["ended"] = session_end.ended_total
    return found


def holders(marker: str) -> list[str]:
    """The types of the objects that hold a string or bytes containing ``marker``."""
    needle = marker.encode("utf-8")
    gc.collect()
    found: list[str] = []
    seen: set[int] = set()
    for obj in gc.get_objects():
        stack = [obj]
        while stack:
            holder = stack.pop()
            for ref in gc.get_referents(holder):
                if ref is marker or ref is needle:
                    continue
                if isinstance(ref, str):
                    if marker in ref:
                        found.append(type(holder).__name__)
                elif isinstance(ref, bytes | bytearray):
                    if needle in ref:
                        found.append(type(holder).__name__)
                elif isinstance(ref, Message):  # protocol buffers keep their strings out of Python's sight
                    if needle in ref.SerializeToString():
                        found.append(f"{type(holder).__name__}>{type(ref).__name__}")
                elif isinstance(ref, _CONTAINERS) and not gc.is_tracked(ref) and id(ref) not in seen:
                    seen.add(id(ref))  # untracked containers are not in gc.get_objects(): look inside
                    stack.append(ref)
    return found


def _serve(folder: Path) -> None:
    request, answer = folder / "request", folder / "answer.json"
    while True:
        time.sleep(0.2)
        try:
            raw = request.read_text(encoding="ascii").strip()
        except OSError:
            continue
        request.unlink(missing_ok=True)
        if raw == "stats":
            result: dict[str, object] = {"request": raw, "counts": counts()}
        else:
            result = {"request": raw, "holders": holders(bytes.fromhex(raw).decode("utf-8"))}
        partial = folder / "answer.part"
        partial.write_text(json.dumps(result), encoding="utf-8")
        partial.replace(answer)


if __name__ == "__main__":
    threading.Thread(target=_serve, args=(Path(os.environ["PROBE_DIR"]),), name="memory-probe", daemon=True).start()
    from streamlit.web.cli import main

    sys.argv = ["streamlit", *sys.argv[1:]]
    main(prog_name="streamlit")
