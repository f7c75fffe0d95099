"""Data quality before sharing: the registration as a schema contract (pandera) and the
steward's expectation suite (Great Expectations), with results kept as evidence."""
