"""Settings of the portal under benchmark: the production settings, the portal's URLs plus the
reference admin (`benchmarks.urls`), and a middleware that reports each request's queries.

Only `manage.py benchmark` serves these (DJANGO_SETTINGS_MODULE=benchmarks.settings for its
gunicorn): the reference admin and the query report never exist in the real portal.
"""

from sentra_portal.settings import *  # noqa: F403
from sentra_portal.settings import MIDDLEWARE

ROOT_URLCONF = "benchmarks.urls"
# First, so that it counts every query of the request, the session's and the user's included.
MIDDLEWARE = ["benchmarks.middleware.count_queries", *MIDDLEWARE]
