/*
 * The course's page behaviour, in place of Material's JavaScript bundle (see overrides/main.html).
 *
 * Material's bundle mounts every component of a page in one go: on a long lesson that is about a second of
 * main-thread work on a mid-range phone, before the reader can scroll. This file does only what the course's pages
 * use, and each part waits until it is needed:
 *   - palette toggle: system → light → dark, remembered in localStorage the way Material's own inline script
 *     reads it (the colours are applied by window.sdApplyPalette, inline in overrides/main.html);
 *   - search: Material's search worker (lunr) and the index are loaded when the reader first opens search;
 *   - table of contents: the section being read is marked while scrolling, and kept in view in the sidebar;
 *   - code blocks: the copy buttons rendered at build time (hooks/code_blocks.py) copy the code;
 *   - the back-to-top button and the page title in the header appear once the reader has scrolled;
 *   - keyboard: "/", "s" or "f" opens search, Escape closes it, "p"/"," and "n"/"." go to the previous/next page.
 * Pages are ordinary pages: links load the next page (the browser may prefetch it, see overrides/main.html).
 */
(function () {
  "use strict";

  var configElement = document.getElementById("__config");
  var config = configElement ? JSON.parse(configElement.textContent) : { base: ".", translations: {} };
  var base = new URL(config.base.replace(/\/?$/, "/"), location.href);

  function translate(key, count) {
    var text = (config.translations || {})[key] || "";
    return count === undefined ? text : text.replace("#", String(count));
  }

  function onIdle(callback) {
    if ("requestIdleCallback" in window) requestIdleCallback(callback, { timeout: 2000 });
    else setTimeout(callback, 200);
  }

  /* ---------------------------------------------------------------- palette */

  // The colours themselves are applied by window.sdApplyPalette, defined inline in overrides/main.html so that it
  // also runs before the page is first drawn; this part reacts to the toggle and to the system preference.
  function mountPalette() {
    var form = document.querySelector("[data-md-component=palette]");
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
      if (typeof window.__md_set === "function") window.__md_set("__palette", { index: index, color: color });
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

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;   // Material's search worker protocol

  function mountSearch() {
    var toggle = document.getElementById("__search");
    var input = document.querySelector(".md-search__input");
    var meta = document.querySelector(".md-search-result__meta");
    var list = document.querySelector(".md-search-result__list");
    if (!toggle || !input || !meta || !list || !config.search) return;
    var worker = null, ready = false, pending = null;

    function start() {
      if (worker) return;
      worker = new Worker(new URL(config.search, location.href));
      worker.addEventListener("message", function (event) {
        var message = event.data;
        if (message.type === READY) {
          ready = true;
          if (pending !== null) query(pending);
          else meta.textContent = translate("search.result.placeholder");
        } else if (message.type === RESULT) {
          render(message.data);
        }
      });
      fetch(new URL("search/search_index.json", base))
        .then(function (response) {
          if (!response.ok) throw new Error("search index: HTTP " + response.status);
          return response.json();
        })
        .then(function (index) {
          worker.postMessage({ type: SETUP, data: { config: index.config, docs: index.docs, options: { suggest: false } } });
        })
        .catch(function (error) { meta.textContent = "Search is unavailable: " + error.message; });
    }

    // The reader's words as a lunr query, ranked by how many match; the last word is also matched as a prefix,
    // so results appear while it is being typed.
    function transform(text) {
      var words = text.replace(/[~^:*+\-"]/g, " ").trim().split(/\s+/).filter(Boolean);
      return words.map(function (word, position) {
        return word + (position === words.length - 1 ? "*" : "");
      }).join(" ");
    }

    function query(text) {
      pending = text;
      if (!ready) return;
      if (!text.trim()) {
        list.textContent = "";
        meta.textContent = translate("search.result.placeholder");
        return;
      }
      worker.postMessage({ type: QUERY, data: transform(text) });
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
      link.href = new URL(item.location, base).href;
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

    function render(result) {
      if (pending === null || !pending.trim()) return;
      var groups = result.items || [];
      meta.textContent = groups.length === 0 ? translate("search.result.none")
        : groups.length === 1 ? translate("search.result.one") : translate("search.result.other", groups.length);
      list.textContent = "";
      groups.slice(0, 20).forEach(function (group) {
        var entry = document.createElement("li");
        entry.className = "md-search-result__item";
        group.slice(0, 4).forEach(function (item, position) {
          entry.appendChild(article(item, position === 0 ? 1 : 2));
        });
        list.appendChild(entry);
      });
    }

    function open() {
      toggle.checked = true;
      start();
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
      start();
      if (!toggle.checked) toggle.checked = true;
    });
    input.addEventListener("input", function () { query(input.value); });
    input.form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = list.querySelector("a");
      if (first) location.href = first.href;
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
        var links = Array.prototype.slice.call(list.querySelectorAll("a"));
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

  /* ------------------------------------------ scrolling: toc, top, header */

  function mountScrolling() {
    var tocLinks = Array.prototype.slice.call(document.querySelectorAll(".md-nav--secondary a.md-nav__link"));
    var sections = [];
    tocLinks.forEach(function (link) {
      var id = decodeURIComponent(link.hash.slice(1));
      var heading = id && document.getElementById(id);
      if (heading) sections.push({ heading: heading, links: [] });
    });
    // A heading appears twice in the navigation on small screens (primary and secondary sidebars): group links.
    var byId = {};
    sections = sections.filter(function (section) {
      if (byId[section.heading.id]) return false;
      byId[section.heading.id] = section;
      return true;
    });
    tocLinks.forEach(function (link) {
      var section = byId[decodeURIComponent(link.hash.slice(1))];
      if (section) section.links.push(link);
    });

    var top = document.querySelector("[data-md-component=top]");
    var title = document.querySelector("[data-md-component=header-title]");
    var firstHeading = document.querySelector(".md-content h1");
    var header = document.querySelector("[data-md-component=header]");
    var lastY = window.scrollY, turn = lastY, active = null, scheduled = false;

    function update() {
      scheduled = false;
      var y = window.scrollY;
      var offset = (header ? header.offsetHeight : 0) + 8;

      if (title && firstHeading) {
        var below = firstHeading.getBoundingClientRect().bottom < offset;
        title.classList.toggle("md-header__title--active", below);
      }
      // Back-to-top: shown while the reader scrolls up (past the first screen), hidden once they have gone a
      // screen back down. The margin absorbs the jumps the browser makes when a section is drawn for the first
      // time and turns out taller or shorter than its placeholder (content-visibility, hooks/sections.py).
      if (top) {
        if (y <= window.innerHeight) top.hidden = true;
        else if (y < lastY) { top.hidden = false; turn = y; }
        else if (y - turn > window.innerHeight) top.hidden = true;
      }
      lastY = y;

      var current = null;
      for (var i = 0; i < sections.length; i++) {
        if (sections[i].heading.getBoundingClientRect().top <= offset + 1) current = sections[i];
        else break;
      }
      if (current === active) return;
      sections.forEach(function (section) {
        var passed = current && sections.indexOf(section) < sections.indexOf(current);
        section.links.forEach(function (link) {
          link.classList.toggle("md-nav__link--active", section === current);
          link.classList.toggle("md-nav__link--passed", Boolean(passed));
        });
      });
      active = current;
      if (current) {
        current.links.forEach(function (link) {
          var wrap = link.closest(".md-sidebar--secondary .md-sidebar__scrollwrap");
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
    if (window.scrollY > 0 || location.hash) onIdle(schedule);
    if (top) {
      top.addEventListener("click", function () {
        top.hidden = true;
        window.scrollTo({ top: 0 });
        var skip = document.querySelector(".md-skip");
        if (skip) skip.focus({ preventScroll: true });
      });
    }
  }

  /* ------------------------------------------------------------ code copy */

  function mountCopy() {
    var dialog = document.querySelector("[data-md-component=dialog]");
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

  function start() {
    mountPalette();
    mountSearch();
    mountScrolling();
    mountCopy();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
