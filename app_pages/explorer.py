"""Evidence explorer: every evidence item in a filterable table, and a timeline of school stances.

The code lives in ``app_pages.explorer_view`` (imported once per process; this script stays tiny).
"""

from app_pages.explorer_view import page

page()
