import streamlit as st

st.title("ethics")
