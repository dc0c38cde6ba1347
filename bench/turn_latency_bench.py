"""One interview turn in the running app: Enter → the next question on screen (target server time ≤ 300 ms).

Creates a temporary database with the demo scan (live coding on, as in the
app), starts ``streamlit run app.py`` on it, opens a new interview in Chromium
(Debian's ``/usr/bin/chromium``) and answers ``--turns`` questions by typing
in the chat box and pressing Enter. Per turn it records

* server time: from the browser sending the rerun (Enter) to the "script finished"
  message of the run that drew the next question, both as Chromium's network stack
  timestamps them (DevTools protocol websocket frames: the first frame sent after
  Enter, the first frame holding the question's text, the first "script finished"
  from then on) — the server's work for the turn plus the loopback;
* screen time: from Enter until the next guide question is visible.

Prints median and p95 of both; the last line is JSON (``bench/_runner.py``).

    python bench/turn_latency_bench.py [--turns 20] [--pause 2]
"""

from __future__ import annotations

import argparse
import base64
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import _runner

ROOT = _runner.ROOT
TARGET_MS = 300
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
ANSWERS = [
    "We hebben een integriteitsscreening voor nieuwe medewerkers en vragen een VOG aan.",
    "Bij vergunningen doen we een Bibob-toets als er signalen zijn van ondermijning.",
    "Collega's weten niet altijd waar ze een vermoeden kunnen melden.",
    "Er is een ondermijningsoverleg met politie en het RIEC, maar informatie delen blijft lastig.",
    "Over ondermijning communiceren we nog weinig naar inwoners en ondernemers.",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(round(share * len(ordered))) - 1)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument(
        "--pause", type=float, default=2.0,
        help="seconds between an answer appearing and the next Enter (an interviewer types for longer than this; "
        "0 sends the next answer at once, while the previous one is still being coded live)",
    )  # fmt: skip
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    folder = tempfile.mkdtemp(prefix="weerbaar-turns-")
    url = f"sqlite:///{folder}/turns.sqlite"
    os.environ.update(WEERBAAR_DATA_DIR=folder, WEERBAAR_DATABASE_URL=url)
    from models.auth import LOCAL
    from models.content import latest_guide
    from models.demo import load_demo
    from models.interviews import create_interview, list_turns
    from models.scans import list_respondents
    from models.startup import connect_database

    db = connect_database(url)
    scan_id = load_demo(db, LOCAL)
    respondent = list_respondents(db, LOCAL, scan_id)[0]
    _, guide = latest_guide(db)
    interview_id = create_interview(
        db, LOCAL, scan_id, title="Bench", kind="individueel", date="2026-12-03", interviewer="bench",
        participant_ids=[respondent.id], plan=guide.plan_for([respondent.role]),
    )  # fmt: skip
    db.engine.dispose()

    port = _free_port()
    log = Path(folder) / "streamlit.log"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
               "--server.headless", "true", "--server.fileWatcherType", "none"]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
                              start_new_session=True)  # fmt: skip
    server_ms: list[float] = []
    screen_ms: list[float] = []
    try:
        for _ in range(240):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            frames: list[tuple[str, float, bytes]] = []  # (sent|received, CDP timestamp s, payload)
            cdp = page.context.new_cdp_session(page)
            cdp.send("Network.enable")

            def frame(kind: str):  # type: ignore[no-untyped-def]
                def record(params: dict) -> None:  # type: ignore[type-arg]
                    response = params["response"]
                    if response.get("opcode") == 2:  # binary: a protobuf message
                        frames.append((kind, float(params["timestamp"]), base64.b64decode(response["payloadData"])))

                return record

            cdp.on("Network.webSocketFrameSent", frame("sent"))
            cdp.on("Network.webSocketFrameReceived", frame("received"))

            def server_time(start: int, question: str) -> float | None:
                """Seconds from the first frame sent after ``start`` to the finish of the run drawing ``question``."""
                sent = next((at for kind, at, _ in frames[start:] if kind == "sent"), None)
                needle = question.encode()
                drawn = next((i for i, (kind, _, data) in enumerate(frames) if i >= start and kind == "received"
                              and needle in data), None)  # fmt: skip
                if sent is None or drawn is None:
                    return None
                for kind, at, data in frames[drawn:]:
                    if kind == "received" and ForwardMsg.FromString(data).WhichOneof("type") == "script_finished":
                        return at - sent
                return None

            page.goto(f"http://127.0.0.1:{port}/interview?scan={scan_id}&interview={interview_id}")
            box = page.locator('[data-testid="stChatInputTextArea"]')
            box.wait_for(timeout=120_000)
            page.wait_for_timeout(1500)
            for number in range(args.turns + 1):
                before = len(list_turns(db, interview_id))
                box.fill(ANSWERS[number % len(ANSWERS)] + f" ({number})")
                page.wait_for_timeout(max(300, args.pause * 1000))  # typing time; the fill's messages go first
                start = len(frames)
                started = time.perf_counter()
                box.press("Enter")
                deadline = time.monotonic() + 60
                while time.monotonic() < deadline:
                    turns = list_turns(db, interview_id)
                    if len(turns) >= before + 2 and turns[-1].kind == "question":
                        break
                    page.wait_for_timeout(5)
                question = list_turns(db, interview_id)[-1].text
                page.get_by_text(question, exact=True).last.wait_for(timeout=60_000)
                shown = time.perf_counter()
                page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')")
                page.wait_for_timeout(200)  # the last frames of the run reach the DevTools events
                seconds = server_time(start, question)
                if number and seconds is not None:  # the first turn warms the live coder in the server
                    server_ms.append(seconds * 1000)
                    screen_ms.append((shown - started) * 1000)
            page.screenshot(path=str(Path(folder) / "turns.png"), full_page=False)
            browser.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    figures = {
        "turns": len(server_ms),
        "pause_s": args.pause,
        "server_median_ms": round(statistics.median(server_ms), 1),
        "server_p95_ms": round(_percentile(server_ms, 0.95), 1),
        "screen_median_ms": round(statistics.median(screen_ms), 1),
        "screen_p95_ms": round(_percentile(screen_ms, 0.95), 1),
    }
    met = figures["server_p95_ms"] <= TARGET_MS
    print(f"Enter → next question over {len(server_ms)} turns, {args.pause} s between turns: server median {figures['server_median_ms']} ms, "
          f"p95 {figures['server_p95_ms']} ms; on screen median {figures['screen_median_ms']} ms "
          f"(screenshot {folder}/turns.png)")  # fmt: skip
    return _runner.report("turn_latency", figures, target=f"server_p95_ms <= {TARGET_MS}", met=met)


if __name__ == "__main__":
    sys.exit(main())
