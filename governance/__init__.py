"""governance: data governance and ethics compliance for Dutch municipalities."""

__version__ = "0.1.0"
