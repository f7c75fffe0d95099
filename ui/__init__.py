"""The Streamlit front end. Pages lay out widgets and call `governance.services`; the
rules, the store and the engines stay behind the services."""
