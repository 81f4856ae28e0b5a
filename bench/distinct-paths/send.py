"""Sends COUNT anonymous GETs to /api/webhooks/<new id> over 8 keep-alive connections; prints the status counts.

With DISTINCT_CLIENTS=1 each request also claims a new client address in X-Forwarded-For (believed
when the gateway trusts 127.0.0.1 as a proxy), so every request is a new client as well as a new path.
"""
import collections
import http.client
import itertools
import os
import sys
import threading
import urllib.parse
import uuid

base, count, label = sys.argv[1], int(sys.argv[2]), sys.argv[3]
url = urllib.parse.urlparse(base)
threads = 8
statuses = collections.Counter()
lock = threading.Lock()
distinct_clients = os.environ.get("DISTINCT_CLIENTS") == "1"
addresses = itertools.count(1)


def worker(n):
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    local = collections.Counter()
    for _ in range(n):
        headers = {}
        if distinct_clients:
            n = next(addresses) + (1 << 24 if label == "run" else 0)
            headers["X-Forwarded-For"] = f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"
        connection.request("GET", f"/api/webhooks/ep_{label}_{uuid.uuid4().hex}", headers=headers)
        response = connection.getresponse()
        response.read()
        local[response.status] += 1
    connection.close()
    with lock:
        statuses.update(local)


workers = [threading.Thread(target=worker, args=(count // threads + (1 if i < count % threads else 0),)) for i in range(threads)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print(f"{label}: {sum(statuses.values())} requests, statuses {dict(sorted(statuses.items()))}")
