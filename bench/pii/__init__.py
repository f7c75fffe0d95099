"""Labelled benchmark of the PII scanner and its throughput comparison.

Independent of `governance.pii` on purpose: the benchmark generates its own data, knows the
truth per column, and judges the scanner only through its public CLI contract
(`governance scan PATH --format json`).
"""
