"""Interoperability exports: the catalogue as OpenMetadata entities, as DCAT-AP-NL 3.0 for
data.overheid.nl, and as the Art. 30 register of processing activities.

Each exporter takes `DatasetRecord`s (a registration with what the store knows of it) and
the `Organisation`s of `organisations.yaml`; none reads the store itself. OpenMetadata's
models and client load only inside its exporter (about 4 s and 250 MB)."""
