#!/usr/bin/env python3
"""A tiny ORUK / HSDS-UK 3.0 API feed on 127.0.0.1, for testing `waymark sync`.

Two kinds of feed:
  --feed DIR       the official mock feed files (../shared/interop/oruk-feed-good or -bad), each
                   mapped to its API path: / (api_details.json), /services (service_list.json),
                   /services/{id} (service_full.json), /taxonomies, /taxonomy_terms, ...
  --generated N    N full services made from the mock's service_full.json, paged (page, per_page),
                   with full=true and modified_after honoured. GET /_control/version/2 changes the
                   feed: service 2 is renamed (and modified now) and service 3 is gone.

Faults, on the services pages:
  --fail-page P --fail-status S --fail-times K   the first K requests for page P answer S
  --retry-after SECONDS                          ... with that Retry-After header
  --drop-page P                                  page P sends half its body, then drops the connection
  --hang-page P                                  page P never answers
  --no-full                                      the pages list services without details (as the mock)
  --hostile                                      every name, description and error body carries terminal
                                                 escape payloads (e2e/hostile_directory.py's), one description
                                                 a 100,000-character word; the URLs carry them percent-encoded,
                                                 so that the services still pass the official schema
  --hostile-ids                                  ... and the ids and URLs carry them raw: the schema's uuid and
                                                 uri formats must refuse the feed

It prints its port on the first line of stdout, logs each request path to --log, and binds
127.0.0.1 only. It stops on SIGTERM, or by itself after --lifetime seconds.
"""
import argparse
import copy
import datetime
import json
import os
import signal
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, quote, urlparse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hostile_directory  # noqa: E402

FILES = {
    "/": "api_details.json",
    "/services": "service_list.json",
    "/services/{id}": "service_full.json",
    "/taxonomies": "taxonomy_list.json",
    "/taxonomies/{id}": "taxonomy.json",
    "/taxonomy_terms": "taxonomy_term_list.json",
    "/taxonomy_terms/{id}": "taxonomy_term.json",
    "/organizations": "organization_list.json",
    "/organizations/{id}": ["organization.json", "organization_full.json"],
    "/service_at_locations": "service_at_location_list.json",
    "/service_at_locations/{id}": "service_at_location_full.json",
}
GOOD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "interop", "oruk-feed-good")


def page_object(items, page, per_page):
    total = len(items)
    pages = max(1, -(-total // per_page))
    contents = items[(page - 1) * per_page: page * per_page]
    return {"total_items": total, "total_pages": pages, "page_number": page, "size": len(contents),
            "first_page": page == 1, "last_page": page >= pages, "empty": not contents, "contents": contents}


def iso(t):
    return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def parse_time(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


class Feed:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.version = 1
        self.failures = {}
        self.started = time.time()
        self.changed_at = None
        if args.generated:
            with open(os.path.join(GOOD, "service_full.json")) as f:
                self.template = json.load(f)
            if args.hostile:
                hostile_directory.poison(self.template)

    def services(self):
        """The generated feed's services as (service, last_modified seconds)."""
        out = []
        for i in range(1, self.args.generated + 1):
            if self.version >= 2 and i == 3:
                continue
            s = copy.deepcopy(self.template)
            s["id"] = str(uuid.uuid5(uuid.NAMESPACE_URL, f"waymark-test-service-{i}"))
            s["name"] = f"Generated service {i}"
            if self.args.hostile:
                payload = hostile_directory.HOSTILE.replace("\x00", "")
                s["name"] += " " + hostile_directory.HOSTILE
                s["url"] = "https://example.org/" + quote(payload, safe="")
                if self.args.hostile_ids:
                    s["id"] = payload + s["id"]
                    s["url"] = "https://example.org/" + payload
                if i == 1:
                    s["description"] = "Before " + "W" * 100_000 + " after."
            modified = self.started - 86400
            if self.version >= 2 and i == 2:
                s["name"] = "Generated service 2, renamed"
                modified = self.changed_at
            s["last_modified"] = iso(modified)
            out.append((s, modified))
        return out


def bare(service):
    """A list entry: the one-to-one fields only, as the spec's /services without full."""
    return {k: v for k, v in service.items() if not isinstance(v, list)}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    feed = None

    def log_message(self, fmt, *a):
        pass

    def send_json(self, status, body, extra=None):
        if self.feed.args.hostile and status >= 400:
            body = {"message": hostile_directory.HOSTILE + " " + json.dumps(body)}
        data = json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        feed, args = self.feed, self.feed.args
        url = urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        path = url.path.rstrip("/") or "/"
        if args.log:
            with feed.lock, open(args.log, "a") as f:
                f.write(self.path + "\n")
        if path.startswith("/_control/version/"):
            with feed.lock:
                feed.version = int(path.rsplit("/", 1)[1])
                feed.changed_at = time.time()
            return self.send_json(200, {"version": feed.version})
        page = int(query.get("page", "1") or 1)
        if path == "/services":
            fault = self.fault(page)
            if fault:
                return
        if args.generated:
            return self.generated(path, query, page)
        parts = path.strip("/").split("/")
        key = "/" if path == "/" else "/" + parts[0] + ("/{id}" if len(parts) > 1 else "")
        names = FILES.get(key)
        if names is None:
            return self.send_json(404, {"message": f"no such endpoint: {path}"})
        for name in [names] if isinstance(names, str) else names:
            file = os.path.join(args.feed, name)
            if os.path.exists(file):
                with open(file) as f:
                    body = json.load(f)
                if key.endswith("{id}") and body.get("id") != parts[1]:
                    return self.send_json(404, {"message": f"no record {parts[1]}"})
                if "contents" in body and page > 1:
                    body = page_object(body["contents"], page, len(body["contents"]) or 1)
                return self.send_json(200, body)
        return self.send_json(404, {"message": f"this feed has no {path}"})

    def fault(self, page):
        args, feed = self.feed.args, self.feed
        if args.hang_page == page:
            time.sleep(args.lifetime)
            return True
        if args.drop_page == page:
            data = json.dumps(page_object([], page, 1)).encode() * 4
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(2)
            return True
        if args.fail_page == page:
            with feed.lock:
                n = feed.failures.get(page, 0)
                feed.failures[page] = n + 1
            if n < args.fail_times:
                extra = {"Retry-After": str(args.retry_after)} if args.retry_after is not None else {}
                self.send_json(args.fail_status, {"message": "try again"}, extra)
                return True
        return False

    def generated(self, path, query, page):
        feed, args = self.feed, self.feed.args
        per_page = int(query.get("per_page", "10") or 10)
        with feed.lock:
            services = feed.services()
        if "modified_after" in query:
            since = parse_time(query["modified_after"])
            services = [(s, m) for s, m in services if m >= since]
        full = query.get("full") == "true" and not args.no_full
        if path == "/services":
            items = [s if full else bare(s) for s, _ in services]
            return self.send_json(200, page_object(items, page, per_page))
        if path.startswith("/services/"):
            wanted = path.split("/", 2)[2]
            for s, _ in services:
                if s["id"] == wanted:
                    return self.send_json(200, s)
            return self.send_json(404, {"message": f"no service {wanted}"})
        if path in ("/taxonomies", "/taxonomy_terms"):
            with open(os.path.join(GOOD, "taxonomy_list.json" if path == "/taxonomies" else "taxonomy_term_list.json")) as f:
                body = json.load(f)
            if args.hostile:
                hostile_directory.poison(body)
            return self.send_json(200, body)
        if path == "/":
            with open(os.path.join(GOOD, "api_details.json")) as f:
                return self.send_json(200, json.load(f))
        return self.send_json(404, {"message": f"no such endpoint: {path}"})


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--feed", default=GOOD)
    p.add_argument("--generated", type=int, default=0)
    p.add_argument("--fail-page", type=int)
    p.add_argument("--fail-status", type=int, default=500)
    p.add_argument("--fail-times", type=int, default=2)
    p.add_argument("--retry-after", type=int)
    p.add_argument("--drop-page", type=int)
    p.add_argument("--hang-page", type=int)
    p.add_argument("--no-full", action="store_true")
    p.add_argument("--hostile", action="store_true")
    p.add_argument("--hostile-ids", action="store_true")
    p.add_argument("--log")
    p.add_argument("--lifetime", type=float, default=300)
    args = p.parse_args()
    Handler.feed = Feed(args)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    threading.Timer(args.lifetime, lambda: os._exit(0)).start()
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
