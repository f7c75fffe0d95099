import streamlit as st

st.title("catalogue")
