/*
 * Accessibility fixes for markup that Material creates in the browser, where a build hook cannot reach it:
 * each code block's copy-button group is a <nav> landmark, so each gets its own name (axe: landmark-unique).
 * Material mounts its components on the same document$ emission before this runs, so the groups exist by then.
 */
(function () {
  "use strict";

  function mount() {
    document.querySelectorAll(".md-content .md-code__nav:not([aria-label])").forEach(function (nav, index) {
      nav.setAttribute("aria-label", "Code block " + (index + 1) + " actions");
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mount);
  } else {
    document.addEventListener("DOMContentLoaded", mount);
  }
})();
