#!/usr/bin/env python3
"""Partner batch ingestion load for `make bench`: N batches of up to 500 purchases over HTTP, K at a time.

Why a separate client: the Swift load generator posts single purchases; a batch is one request carrying
hundreds of them, so the client's own overhead per purchase is negligible here (one JSON document per batch).
Prints one JSON object: purchases, seconds, purchases_per_s, batch latency percentiles, item errors.
"""
import argparse, concurrent.futures, json, time, urllib.request, uuid


def post(url, token, body):
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:
        answer = json.load(response)
    return time.perf_counter() - started, answer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True, help="partner bearer token <key_id>.<secret>")
    parser.add_argument("--merchant", required=True)
    parser.add_argument("--users", required=True, help="file of 'user_id token' lines")
    parser.add_argument("--batches", type=int, default=20)
    parser.add_argument("--size", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=2)
    args = parser.parse_args()
    users = [line.split()[0] for line in open(args.users) if line.strip()]
    bodies = []
    for b in range(args.batches):
        items = [{"external_id": f"batch-{uuid.uuid4()}", "user_id": users[(b * args.size + i) % len(users)],
                  "merchant_id": args.merchant, "amount": "100.00", "currency": "EUR"} for i in range(args.size)]
        bodies.append(json.dumps({"purchases": items}).encode())
    endpoint = args.url + "/api/v1/purchases/batch"
    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(args.concurrency) as pool:
        results = list(pool.map(lambda body: post(endpoint, args.token, body), bodies))
    seconds = time.perf_counter() - started
    latencies = sorted(r[0] * 1000 for r in results)
    created = sum(r[1]["created"] for r in results)
    failed = sum(r[1]["failed"] for r in results)
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
    print(json.dumps({"batches": args.batches, "size": args.size, "concurrency": args.concurrency,
                      "purchases": created, "item_errors": failed, "seconds": round(seconds, 3),
                      "purchases_per_s": round(created / seconds, 1),
                      "ms_per_purchase": round(seconds * 1000 / max(created, 1), 3),
                      "batch_p50_ms": round(pick(0.5), 1), "batch_max_ms": round(latencies[-1], 1)}))


if __name__ == "__main__":
    main()
