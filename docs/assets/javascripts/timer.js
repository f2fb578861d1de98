/*
 * Practice timer for the 45-minute phase-timing table (module 01 and every interview problem).
 *
 * Any table whose header reads "Phase | Time | What you produce" gets a "Start practice" button. The timer counts
 * down through the table's phases, highlights the current row, shows the time left in the phase and overall
 * (mm:ss), and can be paused, resumed and reset. Phase changes are announced politely to screen readers.
 * While the reader practises, the timer stays in view below the header (sticky) and the table's "What you produce"
 * column, the expected answers, is hidden until time is up or the timer is reset. A practice survives a reload:
 * its state is kept in this browser (localStorage) per page, and a running clock keeps running.
 * Without JavaScript the table is just a table.
 */
(function () {
  "use strict";

  function cells(row) {
    return Array.prototype.map.call(row.cells, function (cell) { return cell.textContent.trim(); });
  }

  function isPhaseTable(table) {
    var head = table.tHead && table.tHead.rows[0];
    return Boolean(head) && cells(head).join("|").toLowerCase() === "phase|time|what you produce";
  }

  function clock(ms) {
    var seconds = Math.max(0, Math.ceil(ms / 1000));
    var minutes = Math.floor(seconds / 60);
    return String(minutes).padStart(2, "0") + ":" + String(seconds % 60).padStart(2, "0");
  }

  function mount(table) {
    if (table.hasAttribute("data-sd-timer")) return;
    var phases = [];
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var minutes = parseFloat(cells(row)[1]);
      if (minutes > 0) phases.push({ row: row, name: cells(row)[0], ms: minutes * 60000 });
    });
    if (!phases.length) return;
    table.setAttribute("data-sd-timer", "");
    var total = phases.reduce(function (sum, phase) { return sum + phase.ms; }, 0);

    var panel = document.createElement("div");
    panel.className = "sd-timer";
    var start = document.createElement("button");
    start.type = "button";
    start.className = "md-button md-button--primary";
    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "md-button";
    reset.textContent = "Reset";
    var display = document.createElement("p");
    display.className = "sd-timer__clock";
    display.setAttribute("role", "timer");
    var status = document.createElement("p");
    status.className = "sd-timer__status";
    status.setAttribute("aria-live", "polite");
    panel.appendChild(start);
    panel.appendChild(reset);
    var note = document.createElement("p");
    note.className = "sd-timer__note";
    note.textContent = "The “What you produce” column is hidden while you practise; it returns when time is up " +
      "or you reset.";
    note.hidden = true;
    panel.appendChild(display);
    panel.appendChild(status);
    panel.appendChild(note);
    var wrapper = table.closest(".md-typeset__scrollwrap") || table;
    wrapper.parentNode.insertBefore(panel, wrapper);

    var key = "system-design-course.timer:" + window.location.pathname + ":" +
      Array.prototype.indexOf.call(document.querySelectorAll(".md-typeset table"), table);
    var elapsedBefore = 0;
    var startedAt = null;
    var interval = null;
    var current = -1;

    // The practice's state, kept across reloads; storage that refuses it only loses that convenience.
    function remember() {
      try {
        if (elapsedBefore === 0 && startedAt === null) window.localStorage.removeItem(key);
        else window.localStorage.setItem(key, JSON.stringify({ elapsed: elapsedBefore, startedAt: startedAt }));
      } catch (error) { /* not kept */ }
    }

    function recall() {
      try {
        var saved = JSON.parse(window.localStorage.getItem(key));
        if (saved && typeof saved.elapsed === "number" && saved.elapsed >= 0) {
          elapsedBefore = saved.elapsed;
          startedAt = typeof saved.startedAt === "number" && saved.startedAt <= Date.now() ? saved.startedAt : null;
        }
      } catch (error) { /* nothing kept, or not ours */ }
    }

    function elapsed() {
      return elapsedBefore + (startedAt === null ? 0 : Date.now() - startedAt);
    }

    function render() {
      var spent = elapsed();
      var index = 0;
      var boundary = phases[0].ms;
      while (index < phases.length - 1 && spent >= boundary) { index += 1; boundary += phases[index].ms; }
      var finished = spent >= total;
      if (finished && startedAt !== null) stop();
      var active = elapsedBefore > 0 || startedAt !== null;
      var practising = active && !finished;
      panel.classList.toggle("sd-timer--practising", practising);
      table.classList.toggle("sd-timer--practising", practising);
      phases.forEach(function (phase, i) {
        var on = active && !finished && i === index;
        phase.row.classList.toggle("sd-timer__current", on);
        if (on) phase.row.setAttribute("aria-current", "step"); else phase.row.removeAttribute("aria-current");
      });
      if (!active) {
        display.textContent = "45-minute practice: " + phases.length + " phases, " + clock(total) + " in all.";
      } else if (finished) {
        display.textContent = "Time is up: " + clock(total) + " used.";
      } else {
        display.textContent = phases[index].name + ": " + clock(boundary - spent) + " left in this phase · " +
          clock(total - spent) + " left overall";
      }
      note.hidden = !practising;
      if (finished && current !== phases.length) {
        current = phases.length;
        status.textContent = "Time is up. Compare what you produced with the table.";
      } else if (active && !finished && index !== current) {
        current = index;
        status.textContent = "Now: " + phases[index].name + ", " + clock(phases[index].ms) + ".";
      }
      start.textContent = startedAt !== null ? "Pause" : elapsedBefore > 0 && !finished ? "Resume" : "Start practice";
      start.setAttribute("aria-pressed", startedAt !== null ? "true" : "false");
    }

    function tick() {
      if (!document.body.contains(table)) { stop(); return; }
      render();
    }

    function stop() {
      if (startedAt !== null) { elapsedBefore = elapsed(); startedAt = null; }
      if (interval !== null) { clearInterval(interval); interval = null; }
      remember();
    }

    start.addEventListener("click", function () {
      if (startedAt !== null) {
        stop();
        status.textContent = "Paused.";
      } else {
        if (elapsed() >= total) { elapsedBefore = 0; current = -1; }
        if (elapsedBefore > 0) status.textContent = "Resumed.";
        startedAt = Date.now();
        interval = setInterval(tick, 250);
        remember();
      }
      render();
    });
    reset.addEventListener("click", function () {
      stop();
      elapsedBefore = 0;
      current = -1;
      status.textContent = "Timer reset.";
      remember();
      render();
    });
    recall();
    if (startedAt !== null) {
      if (elapsed() < total) interval = setInterval(tick, 250);
      status.textContent = "Your practice continues from before the page was reloaded.";
    }
    render();
  }

  function mountAll() {
    document.querySelectorAll(".md-typeset table").forEach(function (table) {
      if (isPhaseTable(table)) mount(table);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
})();
