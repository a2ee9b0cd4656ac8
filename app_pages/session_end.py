"""When a session ends, the server forgets it: its state, its plans, its uploads and its download links.

Streamlit keeps a closed tab's session for ``server.disconnectedSessionTTL`` seconds (120 by
default) so that a network blip can reconnect to it. After that it only drops the session from its
store, lazily and without shutting it down, so the session's download files stay in memory and
keep answering at ``/media/<id>`` (issue 12). A sweep every ``SWEEP_SECONDS`` on the server's event
loop closes what Streamlit would leave behind:

- sessions whose reconnect time is over are shut down (Streamlit's own ``AppSession.shutdown``:
  their download files and uploads are released), and their state is emptied;
- download files no session refers to any more are deleted (Streamlit marks such a file on one
  pass and deletes it on the next, so a click racing a rerun still gets its file);
- the engine's memo caches (``arguments.memo``), which may hold words of a student's, are emptied.

This reaches into Streamlit's runtime (1.67; requirements.txt pins the minor version). If those
internals change, the sweep logs a warning and stops, and ``tests/e2e/test_forget.py`` fails.
"""

from __future__ import annotations

import gc
import logging
import os
import threading

from arguments import memo

SWEEP_SECONDS = float(os.environ.get("ESSAY_PLANNER_SWEEP_SECONDS", "10"))
_LOGGER = logging.getLogger(__name__)
_STARTED = threading.Event()
_LOCK = threading.Lock()
_ENDED = "_essay_planner_ended"  # set on an AppSession this module has ended and emptied
_ALIVE: set[str] = set()  # the sessions open or awaiting reconnection at the last sweep
ended_total = 0  # sessions this process has ended (read by the tests' memory probe)


def start() -> None:
    """Start the sweep once per server process (nothing under AppTest or bare mode: no runtime there)."""
    if _STARTED.is_set():
        return
    from streamlit.runtime import Runtime

    if not Runtime.exists():
        return
    with _LOCK:
        if _STARTED.is_set():
            return
        _STARTED.set()
        threading.Thread(target=_every, args=(Runtime.instance(),), name="session-end-sweep", daemon=True).start()


def _every(runtime) -> None:
    stop = threading.Event()
    while not stop.wait(SWEEP_SECONDS):
        try:
            loop = runtime._get_async_objs().eventloop
        except Exception:  # the runtime is stopping
            return
        if loop.is_closed():
            return
        try:
            loop.call_soon_threadsafe(_sweep_safely, runtime, stop)
        except RuntimeError:  # the loop closed meanwhile
            return


def _sweep_safely(runtime, stop: threading.Event) -> None:
    try:
        sweep(runtime)
    except Exception:
        _LOGGER.warning("Session-end sweep failed; closed sessions may stay in memory.", exc_info=True)
        stop.set()


def sweep(runtime) -> int:
    """Close every session whose reconnect time is over; returns how many ended. Run on the event loop."""
    sessions = runtime._session_mgr
    media = runtime.media_file_mgr
    uploads = runtime.uploaded_file_mgr
    ended: set[str] = set()
    # Sessions whose reconnect time is over: Streamlit would drop them later without shutting them down.
    for session_id, info in sessions._session_storage._cache.expire():
        _end(info.session)
        ended.add(session_id)
    # Sessions Streamlit dropped on its own (its store holds at most 128): release what they held.
    alive = {info.session.id for info in sessions.list_sessions()}
    left = set(media._files_by_session_and_coord) | set(media._deferred_ids_by_session)
    left |= set(getattr(uploads, "file_storage", {}))
    for session_id in left - alive:
        media.clear_session_refs(session_id)
        uploads.remove_session_files(session_id)
        ended.add(session_id)
    ended |= _last_flushed(runtime, alive)
    ended |= _ALIVE - alive  # any other way a session ended (Streamlit shut it down itself)
    _ALIVE.clear()
    _ALIVE.update(alive)
    media.remove_orphaned_files()  # marks unused downloads, deletes those marked last time
    if ended:
        global ended_total
        ended_total += len(ended)
        _LOGGER.debug("Ended %d session(s): their state, plans, uploads and download files are forgotten.", len(ended))
        memo.forget()  # they may hold a student's words
        gc.collect()  # the ended sessions' state is in reference cycles; no rerun collects it (config.toml)
    return len(ended)


def _end(session) -> None:
    """Shut a session down (Streamlit releases its files) and drop everything it held."""
    from streamlit.proto.ClientState_pb2 import ClientState
    from streamlit.runtime.state import SessionState

    session.shutdown()
    setattr(session, _ENDED, True)
    session._session_state = SessionState()  # widget values, their labels' closures, st.session_state
    session._client_state = ClientState()  # the last widget values the browser sent
    session._browser_queue.clear()  # messages never sent
    session._fragment_storage.clear()  # fragments and the arguments they run with


def _last_flushed(runtime, alive: set[str]) -> set[str]:
    """Empty what Streamlit's send loop last sent to a session that has ended.

    The loop keeps the last session it flushed, and that flush's messages, in its local variables
    until it flushes another session: with no other session open, that is until the next student
    connects. The messages were sent already, and the session is gone: their content is cleared.
    """
    task = runtime._loop_coroutine_task
    frame = task.get_coro().cr_frame if task is not None and not task.done() else None
    if frame is None:
        return set()
    local = frame.f_locals
    info = local.get("active_session_info")
    if info is None or info.session.id in alive:
        return set()
    for message in local.get("msg_list") or ():
        message.Clear()  # cheap, and a no-op once done
    if getattr(info.session, _ENDED, False):  # ended already (this sweep or an earlier one)
        return set()
    _end(info.session)
    return {info.session.id}
