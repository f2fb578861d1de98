"""Keep scripts off the critical rendering path: Material's bundle is loaded with `defer`, like the site's own
scripts (mkdocs.yml), so the browser paints the page before it runs any of them."""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

_BUNDLE = re.compile(r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')


# Defer Material's bundle on every page; fail loudly if Material's markup changes and the pattern stops matching.
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    output, count = _BUNDLE.subn(r'<script defer src="\1"></script>', output)
    if count != 1:
        raise PluginError(f"hooks/performance.py: expected one Material bundle script in {page.file.src_uri}, "
                          f"found {count}")
    return output
