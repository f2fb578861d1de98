/*
 * The course's page behaviour, in place of Material's JavaScript bundle (see overrides/main.html).
 *
 * Material's bundle mounts every component of a page in one go: on a long lesson that is about a second of
 * main-thread work on a mid-range phone, before the reader can scroll. This file does only what the course's pages
 * use, and each part waits until it is needed:
 *   - palette toggle: system → light → dark, remembered in localStorage the way Material's own inline script
 *     reads it (the colours are applied by window.sdApplyPalette, inline in overrides/main.html);
 *   - search: Material's search worker (lunr) and the index are loaded when the reader first opens search; a
 *     result opens its page with the searched words highlighted (?h=, as Material's search.highlight);
 *   - links to sections land with the heading below the header, despite sections not yet laid out;
 *   - sidebars sized to the screen as Material's script did; the table of contents marks the section being read;
 *   - the mobile drawer closes after a link and on Escape; glossary terms show their definition on hover, focus
 *     and tap;
 *   - code blocks: the copy buttons rendered at build time (hooks/material_patches.py) copy the code;
 *   - the back-to-top button and the page title in the header appear once the reader has scrolled;
 *   - keyboard: "/", "s" or "f" opens search, Escape closes it, "p"/"," and "n"/"." go to the previous/next page.
 * Pages are ordinary pages: links load the next page, which the browser may prefetch or prerender when the reader
 * points at a link (the speculation rules in overrides/main.html).
 */
(function () {
  "use strict";

  /* ------------------------------------------------------ Material coupling */

  // Everything this file borrows from Material for MkDocs 9.x: the ids, classes and attributes of its markup, the
  // globals its inline script defines, its storage keys and its search worker's messages. Nowhere else in site.js
  // names them. tests/test_reader.py checks each against a built page and the worker, and fails naming the one
  // that changed; here, a missing piece is reported in the console instead of a feature silently disappearing.
  var MATERIAL = {
    config: "__config",                                     // <script id> with base, search worker, translations
    searchToggle: "__search", drawerToggle: "__drawer",     // the checkboxes that open search and the drawer
    palette: "[data-md-component=palette]",
    header: "[data-md-component=header]",
    headerTitle: "[data-md-component=header-title]",
    top: "[data-md-component=top]",
    dialog: "[data-md-component=dialog]",
    searchInput: ".md-search__input",
    searchMeta: ".md-search-result__meta",
    searchList: ".md-search-result__list",
    searchScroll: ".md-search__scrollwrap",
    main: ".md-main__inner",
    content: ".md-content",
    sidebar: ".md-sidebar",
    sidebarScroll: ".md-sidebar__scrollwrap",
    tocLinks: ".md-nav--secondary a.md-nav__link",
    drawerLinks: ".md-sidebar--primary a[href]",
    skip: ".md-skip",
    globals: ["__md_get", "__md_set", "__md_scope"],        // defined by Material's inline script in <head>
    paletteKey: "__palette",                                // storage key, read by overrides/main.html too
    worker: { SETUP: 0, READY: 1, QUERY: 2, RESULT: 3 }     // SearchMessageType of Material's search worker
  };
  window.sdMaterial = MATERIAL;

  function need(selector) {
    var element = selector.charAt(0) === "_" ? document.getElementById(selector) : document.querySelector(selector);
    if (!element) console.error("site.js: Material's markup changed: nothing matches " + selector);
    return element;
  }

  var configElement = need(MATERIAL.config);
  var config = configElement ? JSON.parse(configElement.textContent) : { base: ".", translations: {} };
  var base = new URL(config.base.replace(/\/?$/, "/"), location.href);
  MATERIAL.globals.forEach(function (name) {
    if (!(name in window)) console.error("site.js: Material's inline script changed: window." + name + " is missing");
  });

  function translate(key, count) {
    var text = (config.translations || {})[key] || "";
    return count === undefined ? text : text.replace("#", String(count));
  }

  function onIdle(callback) {
    if ("requestIdleCallback" in window) requestIdleCallback(callback, { timeout: 2000 });
    else setTimeout(callback, 200);
  }

  function headerHeight() {
    var header = document.querySelector(MATERIAL.header);
    return header ? header.offsetHeight : 0;
  }

  /* ---------------------------------------------------------------- palette */

  // The colours themselves are applied by window.sdApplyPalette, defined inline in overrides/main.html so that it
  // also runs before the page is first drawn; this part reacts to the toggle and to the system preference.
  function mountPalette() {
    var form = need(MATERIAL.palette);
    if (!form || typeof window.sdApplyPalette !== "function") return;
    var inputs = Array.prototype.slice.call(form.querySelectorAll("input"));
    var system = matchMedia("(prefers-color-scheme: light)");

    function apply(index) {
      // No colour transitions while the palette switches, so it changes at once (and is never half-switched).
      document.body.setAttribute("data-md-color-switching", "");
      requestAnimationFrame(function () {
        requestAnimationFrame(function () { document.body.removeAttribute("data-md-color-switching"); });
      });
      var color = window.sdApplyPalette(index);
      if (typeof window.__md_set === "function") window.__md_set(MATERIAL.paletteKey, { index: index, color: color });
    }

    form.addEventListener("change", function () {
      var index = inputs.findIndex(function (input) { return input.checked; });
      if (index >= 0) apply(index);
    });
    system.addEventListener("change", function () {
      var index = inputs.findIndex(function (input) { return input.checked; });
      if (index >= 0 && inputs[index].getAttribute("data-md-color-media") === "(prefers-color-scheme)") apply(index);
    });
  }

  /* ----------------------------------------------------------------- search */

  // Words too common to require in every result (the index leaves most of them out anyway).
  var COMMON = /^(a|an|and|are|as|at|be|by|do|does|for|from|how|i|if|in|is|it|of|on|or|the|to|vs|what|when|why|with)$/i;

  // The reader's text as Material's worker reads it: quotes, "+" and "-" keep Material's query syntax ("exact
  // words" required, +required, -excluded) and every word is matched as a prefix (the worker adds the "*").
  // Several plain words are first searched for together, each required, so a term of art such as "write skew"
  // lists the pages that say both words; the looser query (any of the words) is the fallback when none does.
  function queries(text) {
    var plain = text.trim();
    var words = plain.split(/\s+/).filter(Boolean);
    if (/["+\-~^:*]/.test(plain) || words.length < 2) return [plain];
    var strict = words.map(function (word) { return COMMON.test(word) ? word : "+" + word + "*"; }).join(" ");
    return [strict, plain];
  }

  // The words a result page highlights (?h=), as Material's search.highlight passes them.
  function highlightTerms(text) {
    return text.replace(/(^|\s)-\S*/g, " ").replace(/[~^:*+"]/g, " ").trim().split(/\s+/)
      .filter(function (word) { return word && !COMMON.test(word); }).join(" ");
  }

  function mountSearch() {
    var toggle = need(MATERIAL.searchToggle);
    var input = need(MATERIAL.searchInput);
    var meta = need(MATERIAL.searchMeta);
    var list = need(MATERIAL.searchList);
    if (!toggle || !input || !meta || !list) return;
    if (!config.search) console.error("site.js: Material's #__config names no search worker");
    var worker = null, ready = false, pending = null, fallback = null, sent = [], latest = 0;

    function ask(form) {
      latest += 1;
      sent.push(latest);
      worker.postMessage({ type: MATERIAL.worker.QUERY, data: form });
    }

    function startWorker() {
      if (worker || !config.search) return;
      worker = new Worker(new URL(config.search, location.href));
      worker.addEventListener("message", function (event) {
        var message = event.data;
        if (message.type === MATERIAL.worker.READY) {
          ready = true;
          if (pending !== null) query(pending);
          else meta.textContent = translate("search.result.placeholder");
        } else if (message.type === MATERIAL.worker.RESULT) {
          // The worker answers in the order it was asked; an answer to anything but the latest question is stale.
          var asked = sent.shift();
          if (asked !== latest) return;
          var items = (message.data && message.data.items) || [];
          if (!items.length && fallback) {
            ask(fallback);
            fallback = null;
          } else {
            render(items);
          }
        } else {
          console.error("site.js: Material's search worker sent an unknown message type: " + message.type);
        }
      });
      fetch(new URL("search/search_index.json", base))
        .then(function (response) {
          if (!response.ok) throw new Error("search index: HTTP " + response.status);
          return response.json();
        })
        .then(function (index) {
          worker.postMessage({ type: MATERIAL.worker.SETUP,
            data: { config: index.config, docs: index.docs, options: { suggest: false } } });
        })
        .catch(function (error) { meta.textContent = "Search is unavailable: " + error.message; });
    }

    function query(text) {
      pending = text;
      if (!ready) return;
      if (!text.trim()) {
        latest += 1;
        list.textContent = "";
        meta.textContent = translate("search.result.placeholder");
        return;
      }
      var forms = queries(text);
      fallback = forms[1] || null;
      ask(forms[0]);
    }

    // The worker returns a section's HTML with the matches wrapped in <mark>. A result shows its words only: the
    // marks are kept, every other element is reduced to its text, and code and diagram sources are left out.
    function words(html, into) {
      var parsed = document.createElement("template");
      parsed.innerHTML = html;
      (function walk(node) {
        node.childNodes.forEach(function (child) {
          if (child.nodeType === Node.TEXT_NODE) {
            into.appendChild(document.createTextNode(child.textContent));
          } else if (child.nodeName === "MARK") {
            var mark = document.createElement("mark");
            mark.textContent = child.textContent;
            into.appendChild(mark);
          } else if (child.nodeName !== "PRE" && child.nodeType === Node.ELEMENT_NODE) {
            walk(child);
            if (/^(P|LI|TD|TH|H[1-6]|DT|DD|SUMMARY)$/.test(child.nodeName)) into.appendChild(document.createTextNode(" "));
          }
        });
      })(parsed.content);
      return into;
    }

    function article(item, level) {
      var link = document.createElement("a");
      link.className = "md-search-result__link";
      var url = new URL(item.location, base);
      var terms = highlightTerms(pending || "");
      if (terms) url.searchParams.set("h", terms);
      link.href = url.href;
      link.tabIndex = -1;
      var box = document.createElement("article");
      box.className = "md-search-result__article md-typeset";
      if (level === 1) {
        var icon = document.createElement("div");
        icon.className = "md-search-result__icon md-icon";
        box.appendChild(icon);
      }
      box.appendChild(words(item.title, document.createElement(level === 1 ? "h1" : "h2")));
      if (item.text) {
        var teaser = words(item.text, document.createElement("p"));
        teaser.className = "md-search-result__teaser";
        box.appendChild(teaser);
      }
      link.appendChild(box);
      return link;
    }

    // Pages that have the reader's words as a phrase ("write skew", not "writes" here and "skew" there) come
    // first, in the worker's order otherwise: that is where a term of art is taught.
    function byPhrase(groups) {
      var words = pending.trim().toLowerCase().split(/\s+/);
      if (words.length < 2 || /["+\-~^:*]/.test(pending)) return groups;
      var phrase = words.join(" ");
      var has = function (group) {
        return group.some(function (item) {
          var text = (item.title + " " + (item.text || "")).replace(/<[^>]*>/g, "").replace(/\s+/g, " ");
          return text.toLowerCase().indexOf(phrase) !== -1;
        });
      };
      var first = [], rest = [];
      groups.forEach(function (group) { (has(group) ? first : rest).push(group); });
      return first.concat(rest);
    }

    function render(groups) {
      if (pending === null || !pending.trim()) return;
      groups = byPhrase(groups);
      meta.textContent = groups.length === 0 ? translate("search.result.none")
        : groups.length === 1 ? translate("search.result.one") : translate("search.result.other", groups.length);
      list.textContent = "";
      groups.slice(0, 20).forEach(function (group) {
        var entry = document.createElement("li");
        entry.className = "md-search-result__item";
        group.slice(0, 3).forEach(function (item, position) {
          entry.appendChild(article(item, position === 0 ? 1 : 2));
        });
        // A page's further sections fold away under "N more on this page", as in Material.
        var more = group.slice(3);
        if (more.length) {
          var details = document.createElement("details");
          details.className = "md-search-result__more";
          var summary = document.createElement("summary");
          var label = document.createElement("div");
          label.textContent = more.length === 1 ? translate("search.result.more.one")
            : translate("search.result.more.other", more.length);
          summary.appendChild(label);
          details.appendChild(summary);
          more.forEach(function (item) { details.appendChild(article(item, 2)); });
          entry.appendChild(details);
        }
        list.appendChild(entry);
      });
    }

    function open() {
      toggle.checked = true;
      startWorker();
      input.focus();
    }

    function close() {
      toggle.checked = false;
      input.blur();
    }

    toggle.addEventListener("change", function () {
      if (toggle.checked) open();
    });
    input.addEventListener("focus", function () {
      startWorker();
      if (!toggle.checked) toggle.checked = true;
    });
    input.addEventListener("input", function () { query(input.value); });
    input.form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = list.querySelector("a");
      if (first) { toggle.checked = false; location.href = first.href; }
    });
    input.form.addEventListener("reset", function () {
      setTimeout(function () { query(""); input.focus(); });
    });
    list.addEventListener("click", function (event) {
      if (event.target.closest("a")) toggle.checked = false;
    });

    document.addEventListener("keydown", function (event) {
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      var target = event.target;
      var typing = target instanceof HTMLElement &&
        (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (toggle.checked) {
        var links = Array.prototype.slice.call(list.querySelectorAll("a, summary")).filter(function (link) {
          return link.getClientRects().length > 0;
        });
        var at = links.indexOf(document.activeElement);
        if (event.key === "Escape") {
          event.preventDefault();
          close();
        } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
          if (links.length === 0) return;
          event.preventDefault();
          var next = event.key === "ArrowDown" ? at + 1 : (at < 0 ? links.length - 1 : at - 1);
          if (next < 0 || next >= links.length) input.focus();
          else links[next].focus();
        }
        return;
      }
      if (typing) return;
      if (event.key === "/" || event.key === "s" || event.key === "f") {
        event.preventDefault();
        open();
      } else if (event.key === "p" || event.key === ",") {
        var previous = document.querySelector("link[rel=prev]");
        if (previous) location.href = previous.href;
      } else if (event.key === "n" || event.key === ".") {
        var following = document.querySelector("link[rel=next]");
        if (following) location.href = following.href;
      }
    });
  }

  /* ------------------------------------------- highlight the searched words */

  // A page opened from a search result (?h=words) marks those words in its text, as Material's search.highlight.
  function mountHighlight() {
    var terms = (new URLSearchParams(location.search).get("h") || "").split(/\s+/).filter(function (word) {
      return word.length > 1;
    });
    var content = document.querySelector(MATERIAL.content + " article");
    if (!terms.length || !content) return;
    var pattern = new RegExp("(" + terms.map(function (word) {
      return word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }).join("|") + ")", "i");
    var walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentElement.closest("pre, script, style, svg, .headerlink, button")
          ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) if (pattern.test(walker.currentNode.nodeValue)) nodes.push(walker.currentNode);
    var split = new RegExp(pattern.source, "gi");
    nodes.forEach(function (node) {
      var fragment = document.createDocumentFragment();
      node.nodeValue.split(split).forEach(function (part, index) {
        if (!part) return;
        if (index % 2) {
          var mark = document.createElement("mark");
          mark.setAttribute("data-md-highlight", "");
          mark.textContent = part;
          fragment.appendChild(mark);
        } else {
          fragment.appendChild(document.createTextNode(part));
        }
      });
      node.parentNode.replaceChild(fragment, node);
    });
  }

  /* -------------------------------------------------- landing on a section */

  // A link to a section (from the table of contents, a search result, another page or a typed address) leaves
  // its heading just below the header (course.css: scroll-margin-top). Sections far off screen are not laid out
  // (content-visibility, hooks/sections.py), so the browser would jump by their placeholder heights and the
  // heading would then move as they are drawn. Before the jump the sections above the target are laid out once
  // (the browser then remembers their real heights: contain-intrinsic-size: auto), and after it the heading is
  // kept in place until the page settles or the reader scrolls.
  var landing = { until: 0, target: null };

  function layOutAbove(target) {
    var article = target.closest("article");
    if (!article) return;
    var section = target.closest(".sd-section");
    var all = article.querySelectorAll(".sd-section");
    for (var i = 0; i < all.length && all[i] !== section; i++) all[i].classList.add("sd-section--drawn");
    if (section) section.classList.add("sd-section--drawn");
    void article.offsetHeight;   // one layout of those sections, at their real heights
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        article.querySelectorAll(".sd-section--drawn").forEach(function (drawn) {
          drawn.classList.remove("sd-section--drawn");
        });
      });
    });
  }

  function land(target, jump) {
    if (!target) return;
    layOutAbove(target);
    landing.target = target;
    landing.until = performance.now() + 1500;
    if (jump) target.scrollIntoView({ block: "start" });
    (function check() {
      if (landing.target !== target) return;
      if (performance.now() > landing.until) { landing.target = null; return; }
      var margin = parseFloat(getComputedStyle(target).scrollMarginTop) || 0;
      var off = target.getBoundingClientRect().top - margin;
      if (Math.abs(off) > 1) window.scrollBy(0, off);
      requestAnimationFrame(check);
    })();
  }

  function targetOf(hash) {
    var id;
    try { id = decodeURIComponent(hash.slice(1)); } catch (error) { return null; }
    return id ? document.getElementById(id) : null;
  }

  function mountLanding() {
    // The reader takes over: stop re-aligning as soon as they scroll by hand.
    ["wheel", "touchstart", "keydown", "mousedown"].forEach(function (type) {
      window.addEventListener(type, function () { landing.target = null; }, { passive: true, capture: true });
    });
    document.addEventListener("click", function (event) {
      var link = event.target instanceof Element && event.target.closest("a[href*='#']");
      if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
      if (link.origin !== location.origin || link.pathname !== location.pathname) return;
      var target = targetOf(link.hash);
      if (!target) return;
      // Lay out the sections above before the browser jumps, then keep the heading in place once it has.
      layOutAbove(target);
      requestAnimationFrame(function () { land(target, false); });
    });
    window.addEventListener("hashchange", function () { land(targetOf(location.hash), true); });
    if (!location.hash) return;
    // A target the course's later scripts create (the estimator) exists once they have run: try again then.
    var landed = false;
    function first() {
      var target = targetOf(location.hash);
      if (!landed && target) { landed = true; land(target, true); }
    }
    first();
    document.addEventListener("DOMContentLoaded", first);
    window.addEventListener("load", first);
  }

  /* ---------------------------------- scrolling: sidebars, toc, top, header */

  function mountScrolling() {
    var tocLinks = Array.prototype.slice.call(document.querySelectorAll(MATERIAL.tocLinks));
    var sections = [];
    var byId = {};
    // A heading appears twice in the navigation on small screens (primary and secondary sidebars): group links.
    tocLinks.forEach(function (link) {
      var heading = targetOf(link.hash);
      if (!heading) return;
      if (!byId[heading.id]) sections.push(byId[heading.id] = { heading: heading, links: [] });
      byId[heading.id].links.push(link);
    });

    var top = need(MATERIAL.top);
    var title = need(MATERIAL.headerTitle);
    var firstHeading = document.querySelector(MATERIAL.content + " h1");
    var main = document.querySelector(MATERIAL.main);
    var sidebars = Array.prototype.slice.call(document.querySelectorAll(MATERIAL.sidebar));
    var lastY = window.scrollY, turn = lastY, active = null, scheduled = false, input = -Infinity, sized = null;
    // When the reader last scrolled by hand: the page settling as sections are drawn moves it too, unasked.
    ["wheel", "touchmove", "keydown", "pointerdown"].forEach(function (type) {
      window.addEventListener(type, function (event) {
        // A key that moves down the page (End, Page Down, ↓, space) is not the reader going back up.
        var down = /^(End|PageDown|ArrowDown)$/.test(event.key) || (event.key === " " && !event.shiftKey);
        if (type === "keydown" && down) return;
        input = performance.now();
      }, { passive: true, capture: true });
    });

    function update() {
      scheduled = false;
      var y = window.scrollY;
      var header = headerHeight();
      // A section is being read once its heading is at (or above) the place a link to it lands.
      var offset = sections.length ? parseFloat(getComputedStyle(sections[0].heading).scrollMarginTop) || header : header;

      // Sidebars, as Material's script sized them: sticky below the header and as tall as the part of the main
      // area on screen, so their own scrolling reaches every entry and they never run over the footer.
      var resized = false;
      if (main) {
        var area = main.getBoundingClientRect();
        var height = Math.max(0, Math.min(window.innerHeight, area.bottom) - Math.max(header, area.top));
        sidebars.forEach(function (sidebar) { sidebar.style.setProperty("--sd-sidebar-height", height + "px"); });
        resized = height !== sized;
        sized = height;
      }

      if (title && firstHeading) {
        title.classList.toggle("md-header__title--active", firstHeading.getBoundingClientRect().bottom < header + 8);
      }
      // Back-to-top: shown once the reader scrolls back up by hand, more than a little, past the first screen;
      // hidden once they have gone a screen back down. Landing on a section never shows it.
      if (top) {
        if (y <= window.innerHeight || landing.target) { top.hidden = true; turn = y; }
        else if (y > lastY) {
          if (top.hidden) turn = y;
          else if (y - turn > window.innerHeight) { top.hidden = true; turn = y; }
        } else if (y < lastY) {
          if (top.hidden && turn - y > 80 && performance.now() - input < 1000) { top.hidden = false; turn = y; }
          else if (!top.hidden) turn = Math.min(turn, y);
        }
      }
      lastY = y;

      var current = null;
      for (var i = 0; i < sections.length; i++) {
        if (sections[i].heading.getBoundingClientRect().top <= offset + 1) current = sections[i];
        else break;
      }
      // A table of contents that shrank (the footer came into view) may hide the entry it showed: look again.
      if (current === active && !resized) return;
      if (current !== active) sections.forEach(function (section, index) {
        var passed = current && index < sections.indexOf(current);
        section.links.forEach(function (link) {
          link.classList.toggle("md-nav__link--active", section === current);
          link.classList.toggle("md-nav__link--passed", Boolean(passed));
        });
      });
      active = current;
      // Keep the active entry in view inside the table of contents' own scrolling.
      if (current) {
        current.links.forEach(function (link) {
          var wrap = link.closest(".md-sidebar--secondary " + MATERIAL.sidebarScroll);
          if (!wrap) return;
          var box = wrap.getBoundingClientRect(), place = link.getBoundingClientRect();
          if (place.top < box.top || place.bottom > box.bottom) {
            wrap.scrollTop += place.top - box.top - box.height / 2;
          }
        });
      }
    }

    function schedule() {
      if (!scheduled) {
        scheduled = true;
        requestAnimationFrame(update);
      }
    }

    window.addEventListener("scroll", schedule, { passive: true });
    window.addEventListener("resize", schedule, { passive: true });
    // At the top of a freshly opened page CSS sizes the sidebars well enough (course.css); measuring then would
    // force a layout of the whole page while it loads.
    if (window.scrollY > 0 || location.hash) onIdle(schedule);
    if (top) {
      top.addEventListener("click", function () {
        top.hidden = true;
        window.scrollTo({ top: 0 });
        var skip = document.querySelector(MATERIAL.skip);
        if (skip) skip.focus({ preventScroll: true });
      });
    }
  }

  /* ----------------------------------------------------------------- drawer */

  // The navigation drawer (small screens) closes when a link in it is followed and on Escape; course.css locks
  // the page's scrolling while the drawer or search is open.
  function mountDrawer() {
    var drawer = need(MATERIAL.drawerToggle);
    if (!drawer) return;
    document.addEventListener("click", function (event) {
      if (drawer.checked && event.target instanceof Element && event.target.closest(MATERIAL.drawerLinks)) {
        drawer.checked = false;
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !drawer.checked) return;
      drawer.checked = false;
      var button = document.querySelector("label[for=" + MATERIAL.drawerToggle + "]");
      if (button) button.focus();
    });
  }

  /* ------------------------------------------------------------ code copy */

  function mountCopy() {
    var dialog = need(MATERIAL.dialog);
    var timer = null;

    function tell(text) {
      if (!dialog) return;
      dialog.querySelector(".md-dialog__inner").textContent = text;
      dialog.classList.add("md-dialog--active");
      clearTimeout(timer);
      timer = setTimeout(function () { dialog.classList.remove("md-dialog--active"); }, 2000);
    }

    document.addEventListener("click", function (event) {
      var button = event.target instanceof Element && event.target.closest("button[data-md-type=copy]");
      if (!button) return;
      var code = button.closest("pre").querySelector("code");
      var text = code ? code.innerText.replace(/\n$/, "") : "";
      if (!navigator.clipboard) return tell("Copying needs a secure (https) page");
      navigator.clipboard.writeText(text).then(
        function () { tell(translate("clipboard.copied")); },
        function () { tell("Could not copy: select the code and copy it by hand"); }
      );
    });
  }

  /* ------------------------------------------------------- glossary terms */

  // A term of art (hooks/glossary.py: <button class="sd-term" data-sd-definition="…">) shows its definition in
  // one shared popover on hover, keyboard focus and tap; Escape or a tap elsewhere closes it. The popover floats
  // above the text, so nothing moves, and describes the term to screen readers (aria-describedby).
  function mountTerms() {
    if (!document.querySelector(".sd-term")) return;
    var tip = null, owner = null, hideTimer = null;

    function build() {
      tip = document.createElement("div");
      tip.className = "sd-tip";
      tip.id = "sd-tip";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      tip.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
      tip.addEventListener("mouseleave", function () { hide(200); });
      document.body.appendChild(tip);
    }

    function show(term) {
      if (!tip) build();
      clearTimeout(hideTimer);
      if (owner && owner !== term) owner.setAttribute("aria-expanded", "false");
      owner = term;
      tip.textContent = term.getAttribute("data-sd-definition") + " ";
      var glossary = term.getAttribute("data-sd-glossary");
      if (glossary) {
        var link = document.createElement("a");
        link.href = glossary;
        link.textContent = "Glossary";
        tip.appendChild(link);
      }
      tip.hidden = false;
      term.setAttribute("aria-expanded", "true");
      term.setAttribute("aria-describedby", tip.id);
      var width = document.documentElement.clientWidth;
      tip.style.maxWidth = Math.min(320, width - 16) + "px";
      var box = term.getBoundingClientRect();
      var left = Math.max(8, Math.min(box.left, width - 8 - tip.offsetWidth));
      var above = box.top - tip.offsetHeight - 8 > headerHeight();
      tip.style.left = left + window.scrollX + "px";
      tip.style.top = (above ? box.top - tip.offsetHeight - 6 : box.bottom + 6) + window.scrollY + "px";
    }

    function hide(delay) {
      clearTimeout(hideTimer);
      hideTimer = setTimeout(function () {
        if (!tip) return;
        tip.hidden = true;
        if (owner) owner.setAttribute("aria-expanded", "false");
        owner = null;
      }, delay || 0);
    }

    function termOf(event) {
      return event.target instanceof Element ? event.target.closest(".sd-term") : null;
    }

    document.addEventListener("mouseover", function (event) {
      var term = termOf(event);
      if (term) show(term);
    });
    document.addEventListener("mouseout", function (event) {
      var term = termOf(event);
      if (term && !term.contains(event.relatedTarget) && document.activeElement !== term) hide(300);
    });
    document.addEventListener("focusin", function (event) {
      var term = termOf(event);
      if (term) show(term);
    });
    document.addEventListener("focusout", function (event) {
      if (termOf(event) && !(event.relatedTarget instanceof Element && event.relatedTarget.closest(".sd-tip"))) hide(100);
    });
    // A tap or click shows the definition (touch screens have no hover); a tap elsewhere closes it.
    document.addEventListener("click", function (event) {
      var inside = event.target instanceof Element && event.target.closest(".sd-term, .sd-tip");
      if (inside && inside.classList.contains("sd-term")) show(inside);
      else if (!inside && tip && !tip.hidden) hide();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && tip && !tip.hidden) hide();
    });
  }

  function start() {
    mountPalette();
    mountSearch();
    mountHighlight();
    mountLanding();
    mountScrolling();
    mountDrawer();
    mountCopy();
    mountTerms();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
