"""Widgets and helpers the pages share: texts, the signed-in session, safe rendering."""
