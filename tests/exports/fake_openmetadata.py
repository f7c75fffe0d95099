"""A small stand-in for an OpenMetadata server, for the calls the push and the ingestion
sink make: the version, get-by-name, create-or-update (PUT, also in bulk) of services,
databases, schemas, classifications, tags and tables, and custom properties on types.

It keeps entities by fully qualified name and behaves as the real server does where the
tests look: 201 on create, 200 on update, the version raised only when the body changed,
404 for a parent, tag or property type that does not exist, 400 for a custom property
value the table type does not define, 401 without the right token. Every call is
recorded. It is not OpenMetadata: answers carry only the fields the client reads.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

from metadata.__version__ import get_client_version

# collection -> (entity type, the body field naming the parent, the parent's collection)
COLLECTIONS = {
    "services/databaseServices": ("databaseService", None, None),
    "databases": ("database", "service", "services/databaseServices"),
    "databaseSchemas": ("databaseSchema", "database", "databases"),
    "classifications": ("classification", None, None),
    "tags": ("tag", "classification", "classifications"),
    "tables": ("table", "databaseSchema", "databaseSchemas"),
}
PROPERTY_TYPES = ("string", "markdown", "integer", "number", "enum", "email", "duration")
SYSTEM_TAGS = ("PII.None", "PII.NonSensitive", "PII.Sensitive")


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    status: int


class Failure(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class FakeOpenMetadata:
    """Start with `serving()`; `url` is the address to give the push."""

    def __init__(self, token: str = "bot-token", fail_path: str | None = None) -> None:
        self.token = token
        self.fail_path = fail_path  # answer 500 to any PUT whose path starts with this
        self.calls: list[Call] = []
        self.entities: dict[str, dict[str, dict[str, Any]]] = {c: {} for c in COLLECTIONS}
        self.types = {name: _type(name, "field") for name in PROPERTY_TYPES}
        self.types["table"] = _type("table", "entity")
        self.lock = threading.Lock()
        self.url = ""

    @contextmanager
    def serving(self) -> Iterator[FakeOpenMetadata]:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        self.url = f"http://127.0.0.1:{server.server_address[1]}/api"
        try:
            yield self
        finally:
            server.shutdown()
            server.server_close()

    def writes(self) -> list[Call]:
        return [call for call in self.calls if call.method != "GET"]

    def stored(self, collection: str, fqn: str) -> dict[str, Any]:
        return self.entities[collection][fqn]["body"]

    def custom_properties(self) -> dict[str, dict[str, Any]]:
        return {p["name"]: p for p in self.types["table"]["customProperties"]}

    # --- answering ----------------------------------------------------------------------

    def answer(self, method: str, path: str, body: Any, token: str | None) -> tuple[int, Any]:
        with self.lock:
            try:
                status, answer = self._route(method, path, body, token)
            except Failure as failure:
                status, answer = failure.status, {"code": failure.status, "message": str(failure)}
            self.calls.append(Call(method, path, status))
            return status, answer

    def _route(self, method: str, path: str, body: Any, token: str | None) -> tuple[int, Any]:
        if token != f"Bearer {self.token}":
            raise Failure(401, "Not authorized; the token is not valid")
        if not path.startswith("/api/v1/"):
            raise Failure(404, f"no such resource {path}")
        route = path.removeprefix("/api/v1/")
        if method == "PUT" and self.fail_path and path.startswith(self.fail_path):
            raise Failure(500, "An exception with message [database is down] was thrown")
        if method == "GET" and route == "system/version":
            return 200, {"version": get_client_version(), "revision": "fake", "timestamp": 0}
        if route.startswith("metadata/types/"):
            return self._types(method, route.removeprefix("metadata/types/"), body)
        for collection in COLLECTIONS:
            if method == "GET" and route.startswith(f"{collection}/name/"):
                return 200, self._get(collection, unquote(route.split("/name/", 1)[1]))
            if method == "PUT" and route == collection:
                return self._put(collection, body)
            if method == "PUT" and route == f"{collection}/bulk":
                return 200, self._bulk(collection, body)
        raise Failure(404, f"no such resource {path}")

    def _get(self, collection: str, fqn: str) -> dict[str, Any]:
        stored = self.entities[collection].get(fqn)
        if stored is None:
            raise Failure(404, f"{COLLECTIONS[collection][0]} instance for {fqn} not found")
        return self._entity(collection, fqn)

    def _put(self, collection: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        kind, parent_field, parent_collection = COLLECTIONS[collection]
        fqn = _quote(body["name"])
        if parent_field:
            parent = body[parent_field]
            if parent not in self.entities[parent_collection]:
                raise Failure(404, f"{parent_field} instance for {parent} not found")
            fqn = f"{parent}.{fqn}"
        if kind == "table":
            self._check_table(body)
        stored = self.entities[collection].get(fqn)
        if stored is None:
            self.entities[collection][fqn] = {"id": str(uuid.uuid4()), "version": 1, "body": body}
            return 201, self._entity(collection, fqn)
        if stored["body"] != body:
            stored.update(version=stored["version"] + 1, body=body)
        return 200, self._entity(collection, fqn)

    def _bulk(self, collection: str, bodies: list[dict[str, Any]]) -> dict[str, Any]:
        done, failed = [], []
        for body in bodies:
            try:
                status, _ = self._put(collection, body)
                done.append({"request": body["name"], "status": status})
            except Failure as failure:
                failed.append({"request": body["name"], "message": str(failure), "status": 400})
        return {
            "status": "failure" if failed else "success",
            "numberOfRowsProcessed": len(bodies),
            "numberOfRowsPassed": len(done),
            "numberOfRowsFailed": len(failed),
            "successRequest": done,
            "failedRequest": failed,
        }

    def _check_table(self, body: dict[str, Any]) -> None:
        """Tags and custom property values must exist, as on the real server."""
        labels = list(body.get("tags") or [])
        for column in body["columns"]:
            labels += column.get("tags") or []
        known = set(SYSTEM_TAGS) | set(self.entities["tags"])
        for label in labels:
            if label["tagFQN"] not in known:
                raise Failure(404, f"tag instance for {label['tagFQN']} not found")
        defined = self.custom_properties()
        for name in body.get("extension") or {}:
            if name not in defined:
                raise Failure(400, f"Unknown custom field {name}")

    def _entity(self, collection: str, fqn: str) -> dict[str, Any]:
        """What the client parses: identity, version and the fields its model requires."""
        kind, parent_field, parent_collection = COLLECTIONS[collection]
        stored = self.entities[collection][fqn]
        body = stored["body"]
        entity: dict[str, Any] = {
            "id": stored["id"],
            "name": body["name"],
            "fullyQualifiedName": fqn,
            "description": body.get("description", ""),
            "version": stored["version"] / 10,  # OpenMetadata counts 0.1, 0.2, …
        }
        if kind == "databaseService":
            entity["serviceType"] = body["serviceType"]
        if kind == "table":
            entity["columns"] = body["columns"]
        if parent_field:
            entity[parent_field] = self._reference(parent_collection, body[parent_field])
        if kind == "databaseSchema":
            service = body["database"].rsplit(".", 1)[0]
            entity["service"] = self._reference("services/databaseServices", service)
        return entity

    def _reference(self, collection: str, fqn: str) -> dict[str, Any]:
        kind = COLLECTIONS[collection][0]
        return {"id": self.entities[collection][fqn]["id"], "type": kind, "fullyQualifiedName": fqn}

    def _types(self, method: str, rest: str, body: Any) -> tuple[int, Any]:
        if method == "GET" and rest.startswith("name/"):
            name = unquote(rest.removeprefix("name/"))
            if name not in self.types:
                raise Failure(404, f"type instance for {name} not found")
            return 200, self.types[name]
        if method == "PUT":
            entity = next((t for t in self.types.values() if t["id"] == rest), None)
            if entity is None:
                raise Failure(404, f"type instance for {rest} not found")
            return 200, self._add_property(entity, body)
        raise Failure(404, f"no such resource /metadata/types/{rest}")

    def _add_property(self, entity: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
        type_id = body["propertyType"]["id"]
        property_type = next((t for t in self.types.values() if t["id"] == type_id), None)
        if property_type is None or property_type["category"] != "field":
            raise Failure(404, f"type instance for {type_id} not found")
        prop = {**body, "propertyType": {"id": type_id, "type": "type"}}
        prop["propertyType"]["name"] = property_type["name"]
        if prop not in entity["customProperties"]:  # new, or changed: replace by name
            others = [p for p in entity["customProperties"] if p["name"] != body["name"]]
            entity["customProperties"] = [*others, prop]
            entity["version"] = round(entity["version"] + 0.1, 1)
        return entity


def _type(name: str, category: str) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "name": name,
        "fullyQualifiedName": name,
        "description": f"the {name} type",
        "category": category,
        "version": 0.1,
        "customProperties": [],
    }


def _quote(name: str) -> str:
    return f'"{name}"' if "." in name else name


def _handler(fake: FakeOpenMetadata) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self._answer("GET")

        def do_PUT(self) -> None:
            self._answer("PUT")

        def _answer(self, method: str) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            body = json.loads(raw) if raw else None
            path = urlsplit(self.path).path
            status, answer = fake.answer(method, path, body, self.headers.get("Authorization"))
            data = json.dumps(answer).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *_: Any) -> None:
            """Quiet: the fake records its calls instead."""

    return Handler
