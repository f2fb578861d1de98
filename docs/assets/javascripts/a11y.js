/*
 * Accessibility fixes for markup that Material creates in the browser, where a build hook cannot reach it:
 * each code block's copy-button group is a <nav> landmark, so each gets its own name (axe: landmark-unique).
 */
(function () {
  "use strict";

  function label(root) {
    root.querySelectorAll(".md-code__nav:not([aria-label])").forEach(function (nav, index) {
      nav.setAttribute("aria-label", "Code block " + (index + 1) + " actions");
    });
  }

  function mount() {
    var content = document.querySelector(".md-content");
    if (!content) return;
    label(content);
    // Material adds the buttons as it mounts each code block, possibly after this runs.
    var observer = new MutationObserver(function () { label(content); });
    observer.observe(content, { childList: true, subtree: true });
    setTimeout(function () { observer.disconnect(); }, 5000);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mount);
  } else {
    document.addEventListener("DOMContentLoaded", mount);
  }
})();
