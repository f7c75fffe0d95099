import streamlit as st

st.title("register")
