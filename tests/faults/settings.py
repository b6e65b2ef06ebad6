"""Settings of the processes the fault tests start (a real qcluster): the example site's,
plus a small app that kills or disconnects its worker at a chosen moment, once."""

from example_site.settings import *  # noqa: F401,F403
from example_site.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.faults.killapp"]
