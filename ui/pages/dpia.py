import streamlit as st

st.title("dpia")
