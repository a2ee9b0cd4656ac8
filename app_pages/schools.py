"""Schools page: the schools of historians side by side, and how each reads the same episodes.

The code lives in ``app_pages.schools_view`` (imported once per process; this script stays tiny).
"""

from app_pages.schools_view import page

page()
