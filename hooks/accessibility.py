"""Mend the few places where Material's own markup fails an accessibility check, in the built HTML.

Material's templates are not forked for this (see overrides/ for the one partial the site replaces); each fix is a
literal substitution that fails the build loudly if Material's markup changes, so a theme upgrade cannot quietly
drop it.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

# (what Material writes, what the site serves instead, why)
_FIXES = (
    ('<div class="md-search" data-md-component="search" role="dialog">',
     '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">',
     "the search dialog needs an accessible name (axe: aria-dialog-name)"),
)


# Apply every fix to every page; a fix that no longer matches means Material changed and the fix needs a look.
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    for before, after, why in _FIXES:
        if before not in output:
            raise PluginError(f"hooks/accessibility.py: Material's markup changed, cannot apply fix ({why}): "
                              f"{before!r} not found in {page.file.src_uri}")
        output = output.replace(before, after)
    return output
