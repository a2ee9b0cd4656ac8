"""Essay planner: the Streamlit entry point. Run from the repository root:

    streamlit run streamlit_app.py                      # every debate bundled in schools/
    streamlit run streamlit_app.py -- --pack my-schools/  # one pack (repeat --pack for several)
    ESSAY_PLANNER_PACK=my-schools/ streamlit run streamlit_app.py

It only sets the page up, loads the data packs (once per process), offers the debates when there
is more than one, and hands over to a page.
"""

import streamlit as st

from app_pages.common import PAGES, debate_picker, debates, load, show_problems

found = debates()
pack, problems = load(found)
if pack is None:
    st.set_page_config(page_title="Essay planner", page_icon="📝")
    show_problems(problems)
    st.stop()
st.set_page_config(page_title=f"Essay planner: {pack.info.subject}", page_icon="📝")
debate_picker(found, pack)

page = st.navigation(
    [
        st.Page(
            PAGES / "plan.py",
            title="Plan",
            icon=":material/edit_note:",
            default=True,
            help="Choose a question and a thesis, shape the plan, download it or project it",
        ),
        st.Page(
            PAGES / "explorer.py",
            title="Evidence explorer",
            icon=":material/manage_search:",
            url_path="explorer",
            help="Every dated evidence item, with filters and a timeline",
        ),
        st.Page(
            PAGES / "schools.py",
            title="Schools",
            icon=":material/groups:",
            url_path="schools",
            help="The schools of historians side by side, and how each reads the same event",
        ),
    ],
    position="top",
)
page.run()
