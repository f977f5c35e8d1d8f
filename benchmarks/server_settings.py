"""Settings of the server the scale benchmark starts (`benchmarks/scale_pages.py`): the
production settings, configured by the same environment variables, with one addition: the
URLconf `benchmarks.server_urls`, which adds the bare view the pages are compared with.

The bare view lives here, not behind a setting of `config.urls`, so that no environment
variable can ever switch it on in production.
"""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.server_urls"
