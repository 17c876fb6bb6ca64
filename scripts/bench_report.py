#!/usr/bin/env python3
"""Turns the raw figures of scripts/bench.sh into the benchmark report.

Writes bench/results/<date>-<commit>.json (every figure plus the machine), a Markdown report beside it with a
latency CDF plot (PNG, matplotlib installed on demand), and prints a human table. Asserts nothing.
"""
import datetime
import glob
import json
import os
import platform
import subprocess
import sys


def load(directory, name):
    path = os.path.join(directory, name)
    with open(path) as handle:
        return json.load(handle)


def optional(directory, name, default):
    """A measurement that needs a tool the machine may lack (perf): its file, or the default."""
    path = os.path.join(directory, name)
    return load(directory, name) if os.path.exists(path) else default


def machine():
    def run(*command):
        try:
            return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return "unknown"

    with open("/proc/meminfo") as handle:
        memory_kb = int(handle.readline().split()[1])
    return {
        "cores": os.cpu_count(),
        "memory_gib": round(memory_kb / 1024 / 1024, 1),
        "cpu": next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?"),
        "kernel": platform.release(),
        "postgresql": run("psql", "--version"),
        "swift": run("swift", "--version").splitlines()[0] if run("swift", "--version") != "unknown" else "unknown",
        "build": "release (swift build -c release --static-swift-stdlib)",
    }


def ensure_matplotlib():
    try:
        import matplotlib  # noqa: F401
        return True
    except ImportError:
        result = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "matplotlib"], capture_output=True)
        if result.returncode != 0:
            print("bench: matplotlib unavailable; report without plot", file=sys.stderr)
            return False
        return True


def plot(results, path):
    if not ensure_matplotlib():
        return None
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axis = plt.subplots(figsize=(8, 5))
    for run in results["ingest"]["http"]:
        latencies = sorted(run.get("latencies_ms_sample", []))
        if latencies:
            axis.plot(latencies, [i / len(latencies) for i in range(len(latencies))], label=f"ingest c={run['concurrency']}")
    half = results["ingest"]["half_peak"]
    latencies = sorted(half.get("latencies_ms_sample", []))
    if latencies:
        axis.plot(latencies, [i / len(latencies) for i in range(len(latencies))], label=f"ingest @ {half['rate']}/s (half peak)", linestyle="--")
    axis.set_xscale("log")
    axis.set_xlabel("latency (ms, log scale)")
    axis.set_ylabel("fraction of requests")
    axis.set_title("POST /api/v1/purchases/ latency CDF")
    axis.grid(True, which="both", alpha=0.3)
    axis.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    return os.path.basename(path)


def main():
    directory, mode = sys.argv[1], sys.argv[2]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip() or "unknown"
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
    concurrencies = sorted(int(p.split("_")[-1].split(".")[0]) for p in glob.glob(os.path.join(directory, "ingest_http_*.json")))
    http = [load(directory, f"ingest_http_{c}.json") for c in concurrencies]
    pgbench = [load(directory, f"ingest_pgbench_{c}.json") for c in concurrencies]
    best = max(http, key=lambda run: run["rps"])
    best_pg = max(pgbench, key=lambda run: run["tps"])
    fanouts = sorted(
        (int(name.split("_")[1][:-2]), int(name.split("_")[2].split(".")[0]))
        for name in map(os.path.basename, glob.glob(os.path.join(directory, "fanout_*ms_*.json"))))
    rates = sorted(int(p.split("_")[-1].split(".")[0]) for p in glob.glob(os.path.join(directory, "settle_latency_*.json")))
    results = {
        "mode": mode, "date": stamp, "commit": commit, "machine": machine(),
        "load_generator": "clicknback-bench (our AsyncHTTPClient client; latency from request sent to response read)",
        "ingest": {
            "http": http, "pgbench": pgbench,
            "best_http_rps": best["rps"], "best_http_concurrency": best["concurrency"],
            "best_pgbench_tps": best_pg["tps"], "ratio_http_to_pgbench": best["rps"] / best_pg["tps"] if best_pg["tps"] else None,
            "half_peak": load(directory, "ingest_half_peak.json"),
            "api_cpu_ms_per_request": load(directory, "ingest_cpu.json")["ms_per_request"],
            "api_cpu_requests": load(directory, "ingest_cpu.json")["requests"],
            "api_cpu_floor": load(directory, "ingest_cpu.json")["floor"],
            "api_cpu_stages": optional(directory, "ingest_cpu_stages.json", {"stages": []})["stages"],
            "cap_with_long_month": load(directory, "ingest_history.json"),
        },
        "ingest_to_confirmed": [load(directory, f"settle_latency_{r}.json") for r in rates],
        "backlog_drain": {
            "pgbench_settle": load(directory, "settle_pgbench.json"),
            "one_worker": load(directory, "drain_1.json"), "two_workers": load(directory, "drain_2.json"),
        },
        "fan_out": [load(directory, f"fanout_{latency}ms_{m}.json") for latency, m in fanouts],
        "idle": load(directory, "idle.json"),
        "partner_batch": load(directory, "batch.json"),
        "start_to_ready": {**load(directory, "api_ready.json"), **load(directory, "worker_ready.json")},
    }
    drain = results["backlog_drain"]
    drain["ratio_one_worker_to_pgbench"] = drain["one_worker"]["settles_per_s"] / drain["pgbench_settle"]["tps"]
    os.makedirs("bench/results", exist_ok=True)
    base = f"bench/results/{stamp}-{commit}" + ("-quick" if mode == "quick" else "")
    image = plot(results, base + ".png")
    for run in http + [results["ingest"]["half_peak"]]:
        run.pop("latencies_ms_sample", None)
    with open(base + ".json", "w") as handle:
        json.dump(results, handle, indent=2, sort_keys=True)

    rows = []
    ingest = results["ingest"]
    stages = ", ".join(f"{stage['stage']} {stage['ms_per_request']:.3f}" for stage in ingest["api_cpu_stages"]) or "no perf: not split"
    rows.append(f"| API CPU per ingest | {ingest['api_cpu_ms_per_request']:.3f} ms (median of rounds of {ingest['api_cpu_requests']} requests, c=16) | by stage (ms): {stages} |")
    floor = ingest["api_cpu_floor"]
    rows.append(f"| API CPU per request that does less | GET /health/live {floor['health_live_ms']:.3f} ms, GET /api/v1/users/me {floor['users_me_ms']:.3f} ms | the HTTP stack alone; with the token check and one read |")
    history = ingest["cap_with_long_month"]
    fresh, long = history["fresh"], history["long"]
    rows.append(
        f"| ingest, {history['callers']} callers, before and after {history['purchases_added_per_caller']} purchases each this month "
        f"| {fresh['rps']:.0f} → {long['rps']:.0f} req/s; API CPU {fresh['api_cpu_ms_per_request']:.3f} → {long['api_cpu_ms_per_request']:.3f} ms "
        f"| p50 {fresh['p50_ms']:.1f} → {long['p50_ms']:.1f} ms, p99 {fresh['p99_ms']:.1f} → {long['p99_ms']:.1f} ms; errors {fresh['errors']} / {long['errors']} |")
    for run, pg in zip(http, pgbench):
        rows.append(f"| ingest c={run['concurrency']} | {run['rps']:.0f} req/s (pgbench {pg['tps']:.0f} tps, {run['rps'] / pg['tps']:.2f}×) | p50 {run['p50_ms']:.1f} / p90 {run['p90_ms']:.1f} / p99 {run['p99_ms']:.1f} / max {run['max_ms']:.1f} ms, {run['errors']} errors |")
    half = results["ingest"]["half_peak"]
    busy = ""
    if "machine_cpu_busy" in half:
        busy = f"; machine CPU {half['machine_cpu_busy'] * 100:.0f} % busy (API {half['api_cpu_share_of_machine'] * 100:.0f} %)"
    rows.append(f"| ingest @ half peak ({half['rate']}/s) | {half['rps']:.0f} req/s | p50 {half['p50_ms']:.1f} / p90 {half['p90_ms']:.1f} / p99 {half['p99_ms']:.1f} / max {half['max_ms']:.1f} ms, {half['errors']} errors{busy} |")
    for run in results["ingest_to_confirmed"]:
        rows.append(f"| ingest→confirmed @ {run['rate']}/s | {run['count']} purchases | p50 {run['p50_ms']:.1f} / p90 {run['p90_ms']:.1f} / p99 {run['p99_ms']:.1f} / max {run['max_ms']:.1f} ms |")
    rows.append(f"| backlog drain, pgbench settle (c=10) | {drain['pgbench_settle']['tps']:.0f} tps | limit |")
    for key, label in (("one_worker", "1 worker"), ("two_workers", "2 workers")):
        run = drain[key]
        rows.append(f"| backlog drain, {label} | {run['settles_per_s']:.0f} settles/s ({run['count']} in {run['seconds']:.1f} s) | peak RSS {run['peak_rss_mb']} MB; bank calls {run['http_share'] * 100:.0f} % of attempt time (first worker) |")
    for run in results["fan_out"]:
        rows.append(f"| fan-out, max_in_flight {run['max_in_flight']}, {run['bank_latency_ms']} ms bank over HTTP | {run['settles_per_s']:.0f} settles/s (ideal {run['ideal_per_s']:.0f}, {run['settles_per_s'] / run['ideal_per_s']:.2f}×) | bank calls {run['http_share'] * 100:.0f} % of attempt time; RSS {run['idle_rss_mb']} → {run['peak_rss_mb']} MB, {run['threads']} threads |")
    batch = results["partner_batch"]
    best_single = max(run["rps"] for run in results["ingest"]["http"]) if "ingest" in results else 0
    rows.append(f"| partner batches of {batch['size']} ({batch['concurrency']} at a time) | {batch['purchases_per_s']:.0f} purchases/s, {batch['ms_per_purchase']:.2f} ms each | vs best single posts {best_single:.0f} req/s ({batch['purchases_per_s'] / best_single:.1f}×); batch p50 {batch['batch_p50_ms']:.0f} ms, {batch['item_errors']} item errors |")
    idle = results["idle"]
    ready = results["start_to_ready"]
    rows.append(f"| idle worker | {idle['cpu_percent']:.2f} % CPU over {idle['idle_seconds']} s | RSS {idle['idle_rss_mb']} MB |")
    rows.append(f"| start-to-ready | api {ready['api_start_to_ready_s']:.2f} s, worker {ready['worker_start_to_ready_s']:.2f} s | |")
    table = "| measurement | figure | detail |\n|---|---|---|\n" + "\n".join(rows)
    print(table)
    with open(base + ".md", "w") as handle:
        handle.write(f"# Benchmark {stamp} ({commit}, {mode})\n\n")
        handle.write("Machine: " + ", ".join(f"{k} {v}" for k, v in results["machine"].items()) + "\n\n")
        handle.write(f"Load generator: {results['load_generator']}. Rate limiting was disabled for the run (INGEST_RATE_LIMIT_ENABLED=false).\n\n")
        handle.write(table + "\n\n")
        if image:
            handle.write(f"![latency CDF]({image})\n")
    print(f"bench: wrote {base}.json and {base}.md" + (f" and {base}.png" if image else ""), file=sys.stderr)


if __name__ == "__main__":
    main()
