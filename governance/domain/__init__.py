"""The pure model and its rules: registrations, legal grounds, audit chain.

Nothing here imports an engine (no pandas, presidio, SQLAlchemy or Streamlit), so the
rules can be read, tested and reused without a database or a data file.
"""
