import streamlit as st

st.title("approval")
