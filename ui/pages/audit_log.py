import streamlit as st

st.title("audit_log")
