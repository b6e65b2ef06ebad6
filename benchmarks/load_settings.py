"""Settings of the load benchmark's server: the example site in production, plus plain
Wagtail's pages endpoint (the anchor) and no practical message rate limit (one client
address sends every message)."""

from example_site.settings import *  # noqa: F401,F403
from example_site.settings import WAGTAIL_GOVINFO

ROOT_URLCONF = "load_urls"
WAGTAIL_GOVINFO = {**WAGTAIL_GOVINFO, "MESSAGE_RATE_LIMIT_PER_HOUR": 10**9}
