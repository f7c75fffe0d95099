"""Pushing the export's requests to an OpenMetadata server with OpenMetadata's own client.

Each request is a create-or-update (PUT), sent in the order `build_requests` gives. What a
request did is read from the server, not assumed: an entity that did not exist before was
created, one whose version the PUT raised was updated, one whose version stayed the same
is unchanged (OpenMetadata raises an entity's version only when something changed). So a
second push of the same catalogue reports everything unchanged.

A server that cannot be reached, refuses the token or answers with an error stops the
push with `OpenMetadataPushError` (exit 2). The message says how many requests had
succeeded; the push claims nothing beyond those, and running it again is safe.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from governance.errors import BadInputError

if TYPE_CHECKING:
    from metadata.ingestion.ometa.ometa_api import OpenMetadata

    from governance.exports.openmetadata import Request

VERSION_PATH = "/system/version"
RETRY_WAIT_SECONDS = 2  # the client's default waits 30 s, 60 s, 90 s on a gateway timeout


class OpenMetadataPushError(BadInputError):
    """The server could not be reached, refused the token or failed; nothing beyond the
    requests the message counts was done."""


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass
class PushReport:
    """What the server did with each request, by `kind fqn`."""

    server: str
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.created) + len(self.updated) + len(self.unchanged)

    def record(self, request: Request, outcome: Outcome) -> None:
        getattr(self, outcome.value).append(f"{request.kind.value} {request.fqn}")

    def counts(self) -> str:
        return (
            f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged"
        )

    def describe(self) -> str:
        """One summary line, then the entities that were created or changed."""
        lines = [f"OpenMetadata at {self.server}: {self.total} requests, {self.counts()}"]
        lines += [f"  created  {name}" for name in self.created]
        lines += [f"  updated  {name}" for name in self.updated]
        return "\n".join(lines)


def push(requests: Iterable[Request], server_url: str, token: str) -> PushReport:
    """Send every request to the server at `server_url` (its API address; `/api` is added
    when missing) with the JWT `token`; stop at the first failure."""
    requests = list(requests)
    api = api_address(server_url)
    report = PushReport(api)
    current: Request | None = None
    with _quiet_client():
        try:
            sender = _Sender(connect(api, token))
            for current in requests:
                report.record(current, sender.send(current))
        except _remote_errors() as error:
            raise OpenMetadataPushError(
                _failure(api, error, report, len(requests), current)
            ) from None
    return report


def api_address(server_url: str) -> str:
    """The API address OpenMetadata's client wants (`http://host:8585/api`)."""
    address = server_url.strip().rstrip("/")
    parts = urlsplit(address)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise BadInputError(
            f"--server '{server_url}' is not a web address; give the OpenMetadata server as "
            "http(s)://host:port, e.g. http://localhost:8585"
        )
    return address if address.endswith("/api") else address + "/api"


def connect(api: str, token: str) -> OpenMetadata:
    """OpenMetadata's client with JWT authentication, after checking that the server
    answers, accepts the token and runs the OpenMetadata version of our models."""
    from metadata.generated.schema.entity.services.connections.metadata.openMetadataConnection import (  # noqa: E501
        AuthProvider,
        OpenMetadataConnection,
    )
    from metadata.generated.schema.security.client.openMetadataJWTClientConfig import (
        OpenMetadataJWTClientConfig,
    )
    from metadata.ingestion.ometa.ometa_api import OpenMetadata

    config = OpenMetadataConnection(
        hostPort=api,
        authProvider=AuthProvider.openmetadata,
        securityConfig=OpenMetadataJWTClientConfig(jwtToken=token),
        enableVersionValidation=False,  # checked below, with a message of our own
    )
    client = OpenMetadata(
        config, additional_client_config_arguments={"retry_wait": RETRY_WAIT_SECONDS}
    )
    _check_server(client)
    return client


class _Answer(Exception):
    """The server answered, but not as OpenMetadata's API does for this request."""

    def __init__(self, detail: str, status: int | None = None) -> None:
        super().__init__(detail)
        self.status = status


def _check_server(client: OpenMetadata) -> None:
    from metadata.__version__ import (
        get_client_version,
        get_server_version_from_string,
        match_versions,
    )

    response = client.client.get_raw(VERSION_PATH)
    if response is None:
        raise _Answer("gave no answer to GET /v1/system/version after several tries")
    if not response.ok:
        raise _Answer(response.text[:300], response.status_code)
    try:
        server = get_server_version_from_string(response.json()["version"])
    except (ValueError, KeyError, TypeError):
        raise _Answer(
            "answered GET /v1/system/version with something other than OpenMetadata's API "
            "(a web page?); give the address of the server, e.g. http://localhost:8585"
        ) from None
    ours = get_client_version()
    if not match_versions(server, ours):
        raise _Answer(
            f"runs OpenMetadata {server}, and this export is built for {ours[:3]} "
            f"(openmetadata-ingestion {ours}); major and minor versions must match"
        )


class _Sender:
    """Sends one request at a time and reads what the server did with it."""

    def __init__(self, client: OpenMetadata) -> None:
        self.client = client
        self.type_ids: dict[str, str] = {}

    def send(self, request: Request) -> Outcome:
        from governance.exports.openmetadata import Kind

        if request.kind is Kind.CUSTOM_PROPERTY:
            return self._custom_property(request)
        before = self.client.get_by_name(_entity_class(request.kind), request.fqn)
        after = self.client.create_or_update(request.model)
        if before is None:
            return Outcome.CREATED
        return Outcome.UNCHANGED if after.version == before.version else Outcome.UPDATED

    def _custom_property(self, request: Request) -> Outcome:
        """Custom properties belong to the table *type*: add or replace ours there and
        compare the type's version and property list before and after."""
        from governance.exports.openmetadata import EXTENDED_ENTITY

        before = self._get(f"/metadata/types/name/{EXTENDED_ENTITY}?fields=customProperties")
        existing = {prop.get("name") for prop in before.get("customProperties") or []}
        model = request.model.model_copy(
            update={"propertyType": self._property_type(request.model.propertyType)}
        )
        after = self.client.client.put(
            f"/metadata/types/{before['id']}", data=model.model_dump_json()
        )
        if not isinstance(after, dict):
            raise _Answer(f"gave no entity in answer to PUT /v1/metadata/types/{before['id']}")
        if model.name.root not in existing:
            return Outcome.CREATED
        return (
            Outcome.UNCHANGED
            if after.get("version") == before.get("version")
            else (Outcome.UPDATED)
        )

    def _property_type(self, placeholder: Any) -> Any:
        """The reference to the property type by this server's id (the files carry a
        placeholder id and the type's name)."""
        from metadata.generated.schema.type.customProperty import PropertyType
        from metadata.generated.schema.type.entityReference import EntityReference

        name = placeholder.root.name
        if name not in self.type_ids:
            self.type_ids[name] = self._get(f"/metadata/types/name/{name}?category=field")["id"]
        return PropertyType(
            EntityReference(id=self.type_ids[name], type="type", name=name, fullyQualifiedName=name)
        )

    def _get(self, path: str) -> dict[str, Any]:
        answer = self.client.client.get(path)
        if not isinstance(answer, dict) or "id" not in answer:
            raise _Answer(f"gave no entity in answer to GET /v1{path}")
        return answer


def _entity_class(kind: str) -> type[Any]:
    from metadata.generated.schema.entity.classification.classification import Classification
    from metadata.generated.schema.entity.classification.tag import Tag
    from metadata.generated.schema.entity.data.database import Database
    from metadata.generated.schema.entity.data.databaseSchema import DatabaseSchema
    from metadata.generated.schema.entity.data.table import Table
    from metadata.generated.schema.entity.services.databaseService import DatabaseService

    classes: dict[str, type[Any]] = {
        "databaseService": DatabaseService,
        "database": Database,
        "databaseSchema": DatabaseSchema,
        "classification": Classification,
        "tag": Tag,
        "table": Table,
    }
    return classes[kind]


def _remote_errors() -> tuple[type[BaseException], ...]:
    """What the client raises when the server is unreachable or answers badly (a body
    that is no entity ends in a ValidationError of the entity model)."""
    from metadata.ingestion.ometa.client import (
        APIError,
        HtmlResponseError,
        LimitsException,
        RestTransportError,
    )
    from metadata.ingestion.ometa.ometa_api import EmptyPayloadException
    from pydantic import ValidationError
    from requests import RequestException

    return (
        _Answer,
        APIError,
        HtmlResponseError,
        LimitsException,
        RestTransportError,
        EmptyPayloadException,
        RequestException,
        ValidationError,
    )


def _failure(
    api: str, error: BaseException, report: PushReport, total: int, current: Request | None
) -> str:
    cause = f"OpenMetadata at {api}: {_explain(error)}"
    retry = "fix the cause and run the push again: it is idempotent"
    if current is None:
        return f"{cause}. No request was sent (0 of {total}); {retry}"
    done = report.total
    so_far = f" ({report.counts()})" if done else ""
    rest = total - done - 1
    return (
        f"{cause}, at {current.kind.value} {current.fqn}. {done} of {total} requests "
        f"succeeded before it{so_far}; that one may or may not have taken effect and the "
        f"{rest} after it were not sent; {retry}"
    )


def _explain(error: BaseException) -> str:
    from metadata.ingestion.ometa.client import HtmlResponseError, RestTransportError

    status = _status(error)
    detail = str(error).strip() or type(error).__name__
    if status in (401, 403):
        return (
            f"the token was refused (HTTP {status}); give --token the JWT of an OpenMetadata "
            "bot (Settings > Bots) that may create services, tables, tags and custom properties"
        )
    if status is not None and status >= 500:
        return f"the server failed (HTTP {status}: {detail[:300]})"
    if status is not None:
        return f"the server refused a request (HTTP {status}: {detail[:300]})"
    if isinstance(error, RestTransportError):
        return f"the server cannot be reached ({_transport_reason(error)})"
    if isinstance(error, HtmlResponseError):
        return "the server answered with a web page, not its API; check the address"
    return detail[:300]


def _status(error: BaseException) -> int | None:
    """The HTTP status of a failed answer, wherever the client keeps it."""
    if isinstance(error, _Answer):
        return error.status
    status = getattr(error, "status_code", None)  # the client's APIError
    if status is None:
        response = getattr(error, "response", None)  # requests' HTTPError
        status = getattr(response, "status_code", None)
    return status if isinstance(status, int) else None


def _transport_reason(error: Any) -> str:
    """'[Errno 111] Connection refused' out of urllib3's long retry message."""
    text = str(error.cause)
    found = re.search(r"\[Errno -?\d+\] [^'\")]+", text)
    return found.group(0) if found else type(error.cause).__name__


@contextmanager
def _quiet_client() -> Iterator[None]:
    """The client and urllib3 log each failed call and retry as a warning, and the client
    warns about its own models as it loads them; the push reports a failure itself, once."""
    loggers = [logging.getLogger(name) for name in ("metadata", "urllib3")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
