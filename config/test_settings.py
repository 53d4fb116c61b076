"""Settings for the tests (pytest and the type checker): the ordinary settings in demo mode,
so the public development key and salt are allowed and the demo mailbox pages are tested.

Set in the environment, not only here, so that the site's own processes the tests start (a
worker, ``manage.py``) run with the same settings. Never serve a site with them.
"""

import os

os.environ["DM3P_DEMO"] = "1"
os.environ["DM3P_ENV"] = "development"

from config.settings import *  # noqa: F403
