#!/usr/bin/env python3
"""scripts/cpu_stages.py — splits the API's CPU time per ingest into the stages of a request.

Why: `make bench` measures the API's CPU per ingest as a whole (/proc/<pid>/stat ticks over a fixed number of
requests). To know where it goes, it also samples the API with `perf record -g` during that run; this script
reads `perf script` output (demangled by swift-demangle) on stdin and assigns each sample to a stage.

A sample belongs to the first stage below that any frame of its stack names: JSON written for the access line
is log time even though the JSON writer is a leaf, a socket write under PostgresNIO is database time. Samples
whose stack names no stage are the Swift runtime and NIO's event loop on their own (task switches, allocation,
epoll waits): "runtime and scheduling". Async functions tail-call each other, so a stack holds the function
running now, not every caller: a stage is where the CPU was spent, not who asked for it.

Usage: perf script | swift-demangle --simplified | scripts/cpu_stages.py MS_PER_REQUEST > stages.json
"""

import json
import re
import sys

# (stage, frame pattern), in priority order: a sample goes to the first stage whose pattern any frame matches.
STAGES = [
    ("log line", re.compile(r"JSONLogHandler|AccessLogMiddleware|LogOutput|JSONLine|UTCTimestamp")),
    ("metrics", re.compile(r"MetricsMiddleware|APIMetrics|Prometheus|CoreMetrics|\bMetrics\.")),
    ("auth: token check (JWT, HMAC)", re.compile(r"JWTKit|JWTTokenService|StrictCompactToken|CCryptoBoringSSL|HMAC")),
    ("database: PostgresNIO, pool, statements, their socket I/O", re.compile(
        r"PostgresNIO|PostgresChannelHandler|PostgresConnection|_ConnectionPoolModule|ConnectionPool|"
        r"PostgresRepositories|Postgres[A-Za-z]*Repository|StatementFile|LeaseDeadline|PostgresUnitOfWork")),
    ("timers: Task.sleep, libdispatch", re.compile(r"_sleep|dispatch_after|_dispatch_mgr|_dispatch_timer")),
    ("encode: response body", re.compile(r"WireResponseEncoder|JSONEncoder|PurchaseResponse")),
    ("decode: request body", re.compile(r"BodyFields|JSONDecoder|JSONSerialization|JSONScanner|JSONMap")),
    ("HTTP: parse, write, socket I/O (NIOHTTP1, Hummingbird server)", re.compile(
        r"NIOHTTP1|llhttp|HummingbirdCore|HTTPServer|NIOHTTPTypes|HTTP1Channel|HTTPChannelHandler|NIOAsyncChannel|"
        r"NIOAsyncWriter|HTTPFields")),
    ("router and middleware (Hummingbird)", re.compile(r"\bHummingbird\.|Router|Middleware|APIRequestContext")),
    ("application and domain", re.compile(r"\bApplication\.|\bDomain\.|IngestionPolicy|PurchaseService|AuthService")),
    ("HTTP API handlers", re.compile(r"\bHTTPAPI\.|PurchaseController")),
    ("kernel: epoll waits, wake-ups, scheduler", re.compile(r"\[kernel\.kallsyms\]|\[k\]")),
]
RUNTIME = "runtime and scheduling (Swift concurrency, allocation, NIO loop)"


def samples(lines):
    """Yields each sample's frames, leaf first."""
    frames = []
    for line in lines:
        if not line.strip():
            if frames:
                yield frames
            frames = []
        elif line.startswith((" ", "\t")):
            frames.append(line.strip())
    if frames:
        yield frames


def stage_of(frames):
    for stage, pattern in STAGES:
        if any(pattern.search(frame) for frame in frames):
            return stage
    return RUNTIME


def main():
    ms_per_request = float(sys.argv[1])
    counts = {}
    total = 0
    for frames in samples(sys.stdin):
        stage = stage_of(frames)
        counts[stage] = counts.get(stage, 0) + 1
        total += 1
    stages = [
        {"stage": stage, "share": round(count / total, 3), "ms_per_request": round(ms_per_request * count / total, 4)}
        for stage, count in sorted(counts.items(), key=lambda item: -item[1])
    ]
    json.dump({"samples": total, "stages": stages}, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
