"""Sends COUNT anonymous GETs to /api/webhooks/<new id> over 8 keep-alive connections; prints the status counts."""
import collections
import http.client
import sys
import threading
import urllib.parse
import uuid

base, count, label = sys.argv[1], int(sys.argv[2]), sys.argv[3]
url = urllib.parse.urlparse(base)
threads = 8
statuses = collections.Counter()
lock = threading.Lock()


def worker(n):
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    local = collections.Counter()
    for _ in range(n):
        connection.request("GET", f"/api/webhooks/ep_{label}_{uuid.uuid4().hex}")
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
