/*
 * Lazy, self-hosted Mermaid for Material for MkDocs.
 *
 * Material renders every `pre.mermaid` block with the global `mermaid`, and when there is none it fetches Mermaid
 * from a CDN. This file defines a small stand-in global so that never happens: the stand-in records Material's
 * configuration and, when a diagram first comes near the viewport, loads the pinned library from this site
 * (assets/vendor/mermaid/, see VERSION.txt there) and hands every render to it. Loading the library replaces the
 * stand-in, so later pages (also after instant navigation) render with the real thing directly. Pages without
 * diagrams never download the library.
 */
(function () {
  "use strict";
  if (typeof window.mermaid !== "undefined" && !(window.mermaid instanceof Element)) return;

  var library = new URL("../vendor/mermaid/mermaid.min.js", document.currentScript.src).href;
  var settings = null;
  var loading = null;

  // Resolve when any diagram still waiting to be drawn is within half a screen height of the viewport.
  function nearViewport() {
    return new Promise(function (resolve) {
      var blocks = document.querySelectorAll("pre.mermaid");
      if (!("IntersectionObserver" in window) || blocks.length === 0) return resolve();
      var observer = new IntersectionObserver(function (entries) {
        if (entries.some(function (entry) { return entry.isIntersecting; })) {
          observer.disconnect();
          resolve();
        }
      }, { rootMargin: "50% 0px" });
      blocks.forEach(function (block) { observer.observe(block); });
    });
  }

  // Load the library once; it defines the real global `mermaid`, which gets Material's configuration.
  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = library;
        tag.async = true;
        tag.onload = function () {
          if (settings) window.mermaid.initialize(settings);
          resolve(window.mermaid);
        };
        tag.onerror = function () {
          loading = null;
          reject(new Error("Mermaid could not be loaded from " + library));
        };
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  window.mermaid = {
    initialize: function (config) { settings = config; },
    render: function (id, text) {
      return nearViewport().then(load).then(function (real) { return real.render(id, text); });
    }
  };
})();
