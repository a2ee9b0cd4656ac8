"""Essay planner (placeholder page until the full plan page lands): pick a thesis, read its plan."""

import streamlit as st

from arguments.export import render_markdown
from arguments.load import PackError, load_pack
from arguments.plan import build_plan

st.set_page_config(page_title="Essay planner", layout="centered")


@st.cache_resource
def pack():
    return load_pack()


try:
    data = pack()
except PackError as error:
    st.error("The data pack has problems:")
    st.text(error.report())
    st.stop()
thesis = st.selectbox("Thesis", [t.id for t in data.theses], format_func=lambda t: data.thesis[t].title, key="thesis")
st.markdown(render_markdown(build_plan(data, thesis)).split("---\n", 2)[-1])
