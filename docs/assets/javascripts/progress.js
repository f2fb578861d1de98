/*
 * Progress tracking, kept in this browser only (localStorage; no account, no server).
 *
 * - Every checklist question at the end of a lesson becomes a checkbox; ticks persist across reloads and pages.
 * - A lesson is done when all its questions are ticked. The home page shows each module's progress and the
 *   course's ("4 of 12 modules"), with reset, export and import (an import is merged with the ticks already
 *   here); the navigation marks finished lessons (not the sections of a page).
 * - Corrupt or foreign data in storage is ignored without an error; storage that refuses to keep progress (full or
 *   disabled) is reported as a failure.
 *
 * Lessons and their question ids come from assets/lessons.json, written by hooks/checklist.py at build time.
 * Runs once on every page, when the page has been parsed.
 */
(function () {
  "use strict";

  var KEY = "system-design-course.progress";
  var VERSION = 1;
  var root = typeof __md_scope !== "undefined" ? new URL(__md_scope) : new URL("../..", document.currentScript.src);
  var lessons = null;

  // ---- storage -------------------------------------------------------------------------------------------------

  function emptyProgress() {
    return { version: VERSION, pages: {} };
  }

  // Only a well-formed object of our version is trusted; anything else counts as no progress at all.
  function sanitize(data) {
    if (!data || typeof data !== "object" || data.version !== VERSION) return null;
    if (!data.pages || typeof data.pages !== "object" || Array.isArray(data.pages)) return null;
    var clean = emptyProgress();
    Object.keys(data.pages).forEach(function (page) {
      var ids = data.pages[page];
      if (typeof page === "string" && Array.isArray(ids)) {
        clean.pages[page] = ids.filter(function (id) { return typeof id === "string" && id.length <= 64; });
      }
    });
    return clean;
  }

  function load() {
    try {
      return sanitize(JSON.parse(window.localStorage.getItem(KEY))) || emptyProgress();
    } catch (error) {
      return emptyProgress();
    }
  }

  // True when the progress was stored; false when this browser's storage is full or disabled.
  function save(progress) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(progress));
      return true;
    } catch (error) {
      return false;
    }
  }

  // Two progress records as one: every question ticked in either stays ticked.
  function merge(into, from) {
    Object.keys(from.pages).forEach(function (page) {
      var done = into.pages[page] || [];
      from.pages[page].forEach(function (id) { if (done.indexOf(id) === -1) done.push(id); });
      if (done.length) into.pages[page] = done;
    });
    return into;
  }

  // ---- lessons -------------------------------------------------------------------------------------------------

  function fetchLessons() {
    if (!lessons) {
      lessons = fetch(new URL("assets/lessons.json", root).href)
        .then(function (response) { return response.ok ? response.json() : { lessons: [] }; })
        .then(function (data) { return Array.isArray(data.lessons) ? data.lessons : []; })
        .catch(function () { lessons = null; return []; });
    }
    return lessons;
  }

  // The site-relative path of a link or of the current page ("modules/01-what-is-system-design/"). A link to a
  // section of the page itself ("#caching") is not a link to a page.
  function sitePath(href) {
    if (href.charAt(0) === "#") return null;
    var url = new URL(href, window.location.href);
    if (url.origin !== root.origin || url.pathname.indexOf(root.pathname) !== 0) return null;
    return url.pathname.slice(root.pathname.length).replace(/index\.html$/, "");
  }

  function ticked(progress, lesson) {
    var done = progress.pages[lesson.url] || [];
    return lesson.questions.filter(function (id) { return done.indexOf(id) !== -1; }).length;
  }

  function isDone(progress, lesson) {
    return lesson.questions.length > 0 && ticked(progress, lesson) === lesson.questions.length;
  }

  // ---- the checklist on a lesson page ----------------------------------------------------------------------------

  function enhanceChecklist(list, page) {
    var items = list.querySelectorAll("li[data-sd-question]");
    if (!items.length || list.hasAttribute("data-sd-enhanced")) return;
    list.setAttribute("data-sd-enhanced", "");
    var status = document.createElement("p");
    status.className = "sd-checklist__status";
    status.setAttribute("aria-live", "polite");

    function update() {
      var progress = load();
      var done = progress.pages[page] || [];
      var count = 0;
      items.forEach(function (item) {
        var box = item.querySelector("input");
        box.checked = done.indexOf(item.getAttribute("data-sd-question")) !== -1;
        if (box.checked) count += 1;
      });
      status.textContent = count === items.length
        ? "All " + items.length + " answered: this lesson is done."
        : count + " of " + items.length + " answered. Tick a question once you can answer it without the page.";
    }

    items.forEach(function (item, index) {
      var id = item.getAttribute("data-sd-question");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.id = "sd-question-" + id;
      box.className = "sd-checklist__box";
      var label = document.createElement("label");
      label.htmlFor = box.id;
      while (item.firstChild) label.appendChild(item.firstChild);
      item.appendChild(box);
      item.appendChild(label);
      box.addEventListener("change", function () {
        var progress = load();
        var done = (progress.pages[page] || []).filter(function (other) { return other !== id; });
        if (box.checked) done.push(id);
        if (done.length) progress.pages[page] = done; else delete progress.pages[page];
        var saved = save(progress);
        update();
        if (!saved) {
          box.checked = !box.checked;
          status.textContent = "This browser would not store your progress (its storage is full or disabled).";
        }
        markNavigation();
      });
    });
    list.parentNode.insertBefore(status, list.nextSibling);
    update();
  }

  // ---- navigation marks ----------------------------------------------------------------------------------------

  function markNavigation() {
    fetchLessons().then(function (all) {
      var progress = load();
      var byPath = {};
      all.forEach(function (lesson) { byPath[lesson.url] = lesson; });
      document.querySelectorAll(".md-nav__link[href]").forEach(function (link) {
        var lesson = byPath[sitePath(link.getAttribute("href"))];
        var done = Boolean(lesson && isDone(progress, lesson));
        link.classList.toggle("sd-nav--done", done);
        if (done) link.setAttribute("title", "Finished: every checklist question ticked");
        else link.removeAttribute("title");
      });
    });
  }

  // ---- the home page: progress per module and for the course, reset, export, import ---------------------------------

  function button(text, onClick) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "md-button";
    element.textContent = text;
    element.addEventListener("click", onClick);
    return element;
  }

  function enhanceCourseMap(map) {
    if (map.hasAttribute("data-sd-enhanced")) return;
    map.setAttribute("data-sd-enhanced", "");
    var panel = document.createElement("section");
    panel.className = "sd-progress";
    panel.setAttribute("aria-label", "Your progress");
    var summary = document.createElement("p");
    summary.className = "sd-progress__summary";
    summary.setAttribute("aria-live", "polite");
    var bar = document.createElement("progress");
    bar.className = "sd-progress__bar";
    var message = document.createElement("p");
    message.className = "sd-progress__message";
    message.setAttribute("role", "status");
    var file = document.createElement("input");
    file.type = "file";
    file.accept = "application/json,.json";
    file.hidden = true;
    var actions = document.createElement("p");
    actions.className = "sd-progress__actions";

    function render() {
      fetchLessons().then(function (all) {
        var progress = load();
        var modules = all.filter(function (lesson) { return lesson.kind === "module"; });
        var finished = modules.filter(function (lesson) { return isDone(progress, lesson); }).length;
        var questions = 0;
        var answered = 0;
        all.forEach(function (lesson) { questions += lesson.questions.length; answered += ticked(progress, lesson); });
        summary.textContent = finished + " of " + modules.length + " modules done · " + answered + " of " +
          questions + " checklist questions answered";
        bar.max = modules.length || 1;
        bar.value = finished;
        bar.setAttribute("aria-label", finished + " of " + modules.length + " modules done");
        map.querySelectorAll("tbody tr").forEach(function (row) {
          var link = row.querySelector("a[href]");
          var lesson = link && all.filter(function (l) { return l.url === sitePath(link.getAttribute("href")); })[0];
          if (!lesson) return;
          var badge = row.querySelector(".sd-badge") || document.createElement("span");
          badge.className = "sd-badge";
          var count = ticked(progress, lesson);
          badge.textContent = isDone(progress, lesson) ? "done" : count + "/" + lesson.questions.length;
          badge.classList.toggle("sd-badge--done", isDone(progress, lesson));
          badge.setAttribute("aria-label", count + " of " + lesson.questions.length + " questions answered");
          if (!badge.parentNode) link.parentNode.appendChild(badge);
        });
        markNavigation();
      });
    }

    actions.appendChild(button("Export progress", function () {
      var blob = new Blob([JSON.stringify(load(), null, 1)], { type: "application/json" });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = "system-design-progress.json";
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 0);
      message.textContent = "Progress exported. Import the file in another browser to carry it over.";
    }));
    actions.appendChild(button("Import progress", function () { file.click(); }));
    actions.appendChild(button("Reset progress", function () {
      if (!window.confirm("Untick every checklist question in every lesson?")) return;
      try { window.localStorage.removeItem(KEY); } catch (error) { /* nothing stored */ }
      message.textContent = "Progress reset.";
      render();
    }));
    file.addEventListener("change", function () {
      var chosen = file.files && file.files[0];
      if (!chosen) return;
      chosen.text().then(function (text) {
        var data;
        try { data = sanitize(JSON.parse(text)); } catch (error) { data = null; }
        if (!data) {
          message.textContent = "That file is not a progress export from this course; nothing changed.";
        } else {
          var lessonsIn = Object.keys(data.pages).length;
          if (!save(merge(load(), data))) {
            message.textContent = "Import failed: this browser would not store the progress (its storage is full " +
              "or disabled). Nothing changed.";
          } else {
            message.textContent = "Progress imported for " + lessonsIn + " lessons and merged with what this " +
              "browser had: every question ticked in either is ticked.";
          }
          render();
        }
        file.value = "";
      });
    });

    panel.appendChild(summary);
    panel.appendChild(bar);
    panel.appendChild(actions);
    panel.appendChild(message);
    panel.appendChild(file);
    map.parentNode.insertBefore(panel, map);
    render();
  }

  // ---- wiring --------------------------------------------------------------------------------------------------

  function mount() {
    var page = sitePath(window.location.href);
    document.querySelectorAll(".sd-checklist").forEach(function (list) { enhanceChecklist(list, page); });
    var onHome = page === "";
    document.querySelectorAll(".sd-course-map").forEach(function (map) { if (onHome) enhanceCourseMap(map); });
    markNavigation();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();
