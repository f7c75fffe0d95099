"""The PII scanner: Dutch recognizers, the column classifier, Presidio for free text."""
