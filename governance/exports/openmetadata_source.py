"""An OpenMetadata ingestion source, so an OpenMetadata administrator pulls our catalogue
with their own workflow: `metadata ingest -c governance.yaml`.

OpenMetadata's custom-connector mechanism: the workflow's source has type
`customDatabase`, its connection type `CustomDatabase` and `sourcePythonClass:
governance.exports.openmetadata_source.GovernanceCatalogSource`. Two connection options
(`connectionOptions`, strings) say where our data is:

- `store`: the SQLAlchemy URL of the governance store; default `GOVERNANCE_DB` in the
  ingestion environment, else `sqlite:///governance.db`. OpenMetadata keeps connection
  options in the clear, so give a URL with a password through `GOVERNANCE_DB` instead;
- `organisations`: the path of organisations.yaml; default `GOVERNANCE_ORGANISATIONS`,
  else the project's own.

The source yields the requests of `build_requests`, the entities in dependency order,
with barriers that make OpenMetadata's sink commit each level before the next, the tags
with their classification as the sink expects, and the custom property definitions with
this server's property type ids. The service is named after the workflow's `serviceName`.

This module imports `metadata` when loaded: only OpenMetadata's workflow loads it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from metadata.generated.schema.entity.data.table import Table
from metadata.generated.schema.entity.services.connections.database.customDatabaseConnection import (  # noqa: E501
    CustomDatabaseConnection,
)
from metadata.generated.schema.metadataIngestion.workflow import Source as WorkflowSource
from metadata.generated.schema.type.customProperty import PropertyType
from metadata.generated.schema.type.entityReference import EntityReference
from metadata.ingestion.api.models import Either
from metadata.ingestion.api.steps import InvalidSourceException, Source
from metadata.ingestion.models.barrier import Barrier
from metadata.ingestion.models.custom_properties import OMetaCustomProperties
from metadata.ingestion.models.ometa_classification import OMetaTagAndClassification
from metadata.ingestion.ometa.ometa_api import OpenMetadata

from governance.exports.context import load_organisations
from governance.exports.openmetadata import Kind, Request, build_requests
from governance.services import Governance

OPTIONS = ("store", "organisations")


class GovernanceCatalogSource(Source):
    """Reads the registrations with their latest scans and DPIA states from the store and
    yields them as OpenMetadata create requests."""

    def __init__(self, config: WorkflowSource, metadata: OpenMetadata) -> None:
        super().__init__()
        self.config = config
        self.metadata = metadata
        options = config.serviceConnection.root.config.connectionOptions
        self.options: dict[str, str] = dict(options.root) if options else {}
        self._governance: Governance | None = None

    @classmethod
    def create(
        cls,
        config_dict: dict[str, Any],
        metadata: OpenMetadata,
        pipeline_name: str | None = None,
    ) -> GovernanceCatalogSource:
        """The workflow's entry point; refuses a connection that is not ours."""
        config = WorkflowSource.model_validate(config_dict)
        connection = config.serviceConnection.root.config if config.serviceConnection else None
        if not isinstance(connection, CustomDatabaseConnection):
            raise InvalidSourceException(
                f"the governance source needs a CustomDatabase connection, not {connection}"
            )
        options = connection.connectionOptions.root if connection.connectionOptions else {}
        unknown = sorted(set(options) - set(OPTIONS))
        if unknown:
            raise InvalidSourceException(
                f"unknown connectionOptions {', '.join(unknown)}; the governance source reads "
                f"{' and '.join(OPTIONS)}"
            )
        return cls(config, metadata)

    def prepare(self) -> None:
        """Nothing to prepare: the store opens on first use."""

    def test_connection(self) -> None:
        """The store opens and its catalogue can be read."""
        self.governance().list_catalog()

    def _iter(self) -> Iterator[Either[Any]]:
        organisations = self.options.get("organisations")
        requests = build_requests(
            self.governance().export_records(),
            load_organisations(Path(organisations) if organisations else None),
            service=self.config.serviceName,
        )
        for record in self.records(requests):
            yield Either(right=record)

    def records(self, requests: Iterable[Request]) -> Iterator[Any]:
        """What OpenMetadata's sink takes, in order: databases, schemas and tables go to
        its bulk buffer, so a barrier commits each level before the next needs it."""
        by_kind: dict[Kind, list[Request]] = {kind: [] for kind in Kind}
        for request in requests:
            by_kind[request.kind].append(request)
        for service in by_kind[Kind.DATABASE_SERVICE]:
            yield self._with_connection(service)
        for kind in (Kind.DATABASE, Kind.DATABASE_SCHEMA):
            yield from (request.model for request in by_kind[kind])
            yield Barrier(reason=f"governance: {kind.value}s before what they contain")
        for classification in by_kind[Kind.CLASSIFICATION]:
            for tag in by_kind[Kind.TAG]:
                yield OMetaTagAndClassification(
                    fqn=tag.fqn,
                    classification_request=classification.model,
                    tag_request=tag.model,
                )
        for prop in by_kind[Kind.CUSTOM_PROPERTY]:
            yield OMetaCustomProperties(
                entity_type=Table, createCustomPropertyRequest=self._resolved(prop.model)
            )
        yield from (request.model for request in by_kind[Kind.TABLE])
        yield Barrier(reason="governance: tables")

    def _with_connection(self, service: Request) -> Any:
        """Our service request, with the workflow's connection when OpenMetadata is set to
        store connections (so the service can be re-run from its UI)."""
        keep = self.metadata.config.storeServiceConnection and self.config.serviceConnection
        connection = self.config.serviceConnection.root if keep else None
        return service.model.model_copy(update={"connection": connection})

    def _resolved(self, model: Any) -> Any:
        """The property definition with this server's id of its property type."""
        name = model.propertyType.root.name
        found = self.metadata.client.get(f"/metadata/types/name/{name}?category=field")
        reference = EntityReference(id=found["id"], type="type", name=name, fullyQualifiedName=name)
        return model.model_copy(update={"propertyType": PropertyType(reference)})

    def governance(self) -> Governance:
        if self._governance is None:
            self._governance = Governance.open(self.options.get("store"))
        return self._governance

    def close(self) -> None:
        if self._governance is not None:
            self._governance.store.dispose()
