/*
 * Mermaid diagrams, drawn in the reader's browser from the pinned, self-hosted library
 * (assets/vendor/mermaid/, see VERSION.txt there), and only when needed:
 *   - pages without a diagram never download the library;
 *   - the library is fetched when the first diagram comes within half a screen of the viewport, and each diagram
 *     is drawn as it comes near, one per task, so a long page never blocks the reader for long;
 *   - diagrams follow the palette: a toggle (site.js sends "sd:palette") redraws the ones already drawn.
 * A diagram is a `pre.mermaid` block (mkdocs-mermaid2-plugin's fence); once drawn it becomes `div.mermaid` holding
 * the SVG, which carries the accTitle and accDescr that the build requires as its accessible name and description.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var blocks = Array.prototype.slice.call(document.querySelectorAll("pre.mermaid"));
  if (blocks.length === 0) return;

  var library = new URL("../vendor/mermaid/mermaid.min.js", script.src).href;
  var loading = null;
  var drawn = [];     // { host, source }
  var counter = 0;

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = library;
        tag.async = true;
        tag.onload = function () { resolve(window.mermaid); };
        tag.onerror = function () {
          loading = null;
          reject(new Error("Mermaid could not be loaded from " + library));
        };
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  function theme() {
    return document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "default";
  }

  // Mermaid's own light and dark themes, with labels on edges in the page's text and background colours: the dark
  // theme's grey label boxes fail the contrast check (axe: color-contrast).
  var LABELS = [
    ".edgeLabel, .edgeLabel p, .edgeLabel span { color: var(--md-default-fg-color) !important;",
    "  background-color: var(--md-default-bg-color) !important; }",
    ".edgeLabel rect, .labelBkg { fill: var(--md-default-bg-color) !important; }",
  ].join("\n");

  function configure(mermaid) {
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: "strict",
      theme: theme(),
      themeCSS: LABELS,
      fontFamily: getComputedStyle(document.body).fontFamily,
    });
  }

  // Mermaid renders one diagram at a time; chain them so a redraw never overlaps a first draw.
  var queue = Promise.resolve();

  function draw(target, source) {
    queue = queue.then(function () {
      return load().then(function (mermaid) {
        configure(mermaid);
        counter += 1;
        return mermaid.render("sd-diagram-" + counter, source);
      }).then(function (result) {
        var host = target;
        if (target.tagName === "PRE") {
          host = document.createElement("div");
          host.className = "mermaid";
          target.replaceWith(host);
          drawn.push({ host: host, source: source });
        }
        host.innerHTML = result.svg;
        host.setAttribute("data-sd-theme", theme());
        if (result.bindFunctions) result.bindFunctions(host);
      }).catch(function (error) {
        console.error("Diagram could not be drawn:", error);
      }).then(function () {
        return new Promise(function (resolve) { setTimeout(resolve); });   // yield between diagrams
      });
    });
    return queue;
  }

  function sourceOf(block) {
    var code = block.querySelector("code");
    return (code || block).textContent;
  }

  if (!("IntersectionObserver" in window)) {
    blocks.forEach(function (block) { draw(block, sourceOf(block)); });
  } else {
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        observer.unobserve(entry.target);
        draw(entry.target, sourceOf(entry.target));
      });
    }, { rootMargin: "50% 0px" });
    blocks.forEach(function (block) { observer.observe(block); });
  }

  document.addEventListener("sd:palette", function () {
    drawn.forEach(function (diagram) { draw(diagram.host, diagram.source); });
  });
})();
