"""The Streamlit pages (run through ``st.navigation`` in ``streamlit_app.py``) and their helpers."""
