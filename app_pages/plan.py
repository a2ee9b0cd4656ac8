"""The Plan page (the default): question → thesis → plan, editing, export, projection.

The code lives in ``app_pages.plan_view``, imported once per process; this script stays tiny
because Streamlit compiles a page script anew on every rerun.
"""

from app_pages.plan_view import page

page()
