"""HTTP API under load: `kcassistant serve` on loopback over ../shared/knowledge, 8
concurrent clients each asking the questions of ../shared/eval/dev.jsonl (with their
history) over their own keep-alive connection. Bounded: ROUNDS passes over the set
per client. Prints latency p50/p95 as the clients see it, throughput, and errors.

    .venv/bin/python bench/bench_api.py [--clients 8] [--rounds 2] [--data-dir DIR]

The index is built in a temporary folder first unless --data-dir points at one.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("KC_DOCS", ROOT.parent / "shared" / "knowledge"))
QUESTIONS = ROOT.parent / "shared" / "eval" / "dev.jsonl"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(port: int, proc: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("the server exited; see its output above")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/status")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server did not answer within {seconds} s")


def client(port: int, questions: list[dict], rounds: int, latencies: list[float], errors: list[str]) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for _ in range(rounds):
        for q in questions:
            body = json.dumps({"question": q["question"], "history": q.get("history") or []})
            started = time.perf_counter()
            try:
                conn.request("POST", "/ask", body, {"Content-Type": "application/json"})
                reply = conn.getresponse()
                reply.read()
                if reply.status != 200:
                    errors.append(f"{q['id']}: HTTP {reply.status}")
            except OSError as exc:
                errors.append(f"{q['id']}: {exc}")
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            latencies.append((time.perf_counter() - started) * 1000)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--data-dir")
    args = parser.parse_args()
    env = {**os.environ, "OMP_WAIT_POLICY": "passive"}
    env.pop("KC_CHROMA_URL", None)
    env.pop("KC_LLM_URL", None)
    data_dir = Path(args.data_dir) if args.data_dir else Path(tempfile.mkdtemp(prefix="kc-bench-api-"))
    subprocess.run([sys.executable, "-m", "kcassistant.cli", "--data-dir", str(data_dir), "ingest", str(CORPUS)],
                   check=True, env=env, stdout=subprocess.DEVNULL)
    questions = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "kcassistant.cli", "--data-dir", str(data_dir), "serve",
                               "--port", str(port), "--log-level", "warning"], env=env)
    try:
        wait_until_up(port, server)
        latencies: list[float] = []
        errors: list[str] = []
        client(port, questions[:3], 1, [], [])  # warm
        started = time.perf_counter()
        threads = [threading.Thread(target=client, args=(port, questions, args.rounds, latencies, errors))
                   for _ in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    latencies.sort()
    figures = {"clients": args.clients, "requests": len(latencies), "errors": len(errors),
               "ask_p50_ms": round(statistics.median(latencies), 1),
               "ask_p95_ms": round(latencies[int(round(0.95 * (len(latencies) - 1)))], 1),
               "requests_per_s": round(len(latencies) / wall, 1), "wall_s": round(wall, 1), "cores": os.cpu_count()}
    print(json.dumps(figures, ensure_ascii=False))
    for e in errors[:5]:
        print("error:", e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
