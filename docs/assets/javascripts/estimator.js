/*
 * The back-of-the-envelope estimator of module 02.
 *
 * Fills every `[data-sd-estimator]` element with labelled inputs and outputs, and shows the arithmetic behind each
 * output so the reader learns the method, not just the answer. The inputs are mirrored in the address (query
 * string, with #estimator so a recipient lands on the estimator itself), and "Copy link" puts that address on the
 * clipboard. Without JavaScript the element stays empty and the page reads as it is.
 */
(function () {
  "use strict";

  var SECONDS_PER_DAY = 86400;
  var BYTE_UNITS = [["B", 1], ["KB", 1e3], ["MB", 1e6], ["GB", 1e9]];

  // name, label, default, minimum (exclusive when strict), maximum, why the maximum
  var FIELDS = [
    { name: "dau", label: "Daily active users", value: 300e6, min: 1, max: 8.2e9,
      tooMuch: "more than everyone alive (about 8.2 billion people)" },
    { name: "actions", label: "Writes per user per day", value: 5, min: 0, strict: true, max: 1e5,
      tooMuch: "more than one write per second around the clock for every user" },
    { name: "ratio", label: "Reads per write (read:write ratio)", value: 100, min: 0, max: 1e6,
      tooMuch: "over a million reads per write" },
    { name: "peak", label: "Peak factor (peak ÷ average)", value: 3, min: 1, max: 100,
      tooMuch: "a peak over 100 times the average" },
    { name: "size", label: "Size of one written object", value: 1000, min: 0, strict: true, max: 1e12, unit: true,
      tooMuch: "objects over a terabyte each" },
    { name: "retention", label: "Retention (years)", value: 5, min: 0, strict: true, max: 100,
      tooMuch: "more than a century" },
    { name: "replication", label: "Replication factor (copies kept)", value: 3, min: 1, max: 10,
      tooMuch: "more than ten copies" }
  ];

  // 17,361 → "17.4k"; 1.5e9 → "1.5B". Three significant figures at most.
  function count(n) {
    var steps = [[1e12, "T"], [1e9, "B"], [1e6, "M"], [1e3, "k"]];
    for (var i = 0; i < steps.length; i += 1) {
      if (Math.abs(n) >= steps[i][0]) return trim(n / steps[i][0]) + steps[i][1];
    }
    return trim(n);
  }

  // 1.5e12 bytes → "1.5 TB" (decimal units, as estimates use them).
  function bytes(n) {
    var units = ["B", "KB", "MB", "GB", "TB", "PB", "EB", "ZB"];
    var index = 0;
    while (Math.abs(n) >= 1000 && index < units.length - 1) { n /= 1000; index += 1; }
    return trim(n) + " " + units[index];
  }

  function trim(n) {
    if (n === 0) return "0";
    var digits = Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 10 ? 1 : Math.abs(n) >= 1 ? 2 : 3;
    return Number(n.toFixed(digits)).toLocaleString("en-US", { maximumFractionDigits: digits });
  }

  function plain(n) {
    return Number(n).toLocaleString("en-US", { maximumFractionDigits: 2 });
  }

  // Every output with the arithmetic that produces it.
  function estimate(v) {
    var perDay = v.dau * v.actions;
    var writes = perDay / SECONDS_PER_DAY;
    var peakWrites = writes * v.peak;
    var reads = writes * v.ratio;
    var peakReads = reads * v.peak;
    var dayBytes = perDay * v.size;
    var yearBytes = dayBytes * 365;
    var totalBytes = yearBytes * v.retention * v.replication;
    var inBytes = peakWrites * v.size;
    var outBytes = peakReads * v.size;
    return [
      { label: "Average write rate", value: count(writes) + " writes/s",
        how: count(v.dau) + " users × " + plain(v.actions) + " writes = " + count(perDay) + " writes a day; ÷ 86,400 s = " + count(writes) + "/s" },
      { label: "Peak write rate", value: count(peakWrites) + " writes/s",
        how: count(writes) + "/s × peak factor " + plain(v.peak) + " = " + count(peakWrites) + "/s" },
      { label: "Average read rate", value: count(reads) + " reads/s",
        how: count(writes) + " writes/s × " + plain(v.ratio) + " reads per write = " + count(reads) + "/s" },
      { label: "Peak read rate", value: count(peakReads) + " reads/s",
        how: count(reads) + "/s × peak factor " + plain(v.peak) + " = " + count(peakReads) + "/s" },
      { label: "New data per day", value: bytes(dayBytes),
        how: count(perDay) + " writes × " + bytes(v.size) + " = " + bytes(dayBytes) + " (one copy)" },
      { label: "New data per year", value: bytes(yearBytes),
        how: bytes(dayBytes) + " × 365 days = " + bytes(yearBytes) + " (one copy)" },
      { label: "Total storage", value: bytes(totalBytes),
        how: bytes(yearBytes) + " × " + plain(v.retention) + " years × " + plain(v.replication) + " copies = " + bytes(totalBytes) },
      { label: "Peak write bandwidth (in)", value: bytes(inBytes) + "/s",
        how: count(peakWrites) + " writes/s × " + bytes(v.size) + " = " + bytes(inBytes) + "/s ≈ " + bits(inBytes) },
      { label: "Peak read bandwidth (out)", value: bytes(outBytes) + "/s",
        how: count(peakReads) + " reads/s × " + bytes(v.size) + " = " + bytes(outBytes) + "/s ≈ " + bits(outBytes) }
    ];
  }

  function bits(bytesPerSecond) {
    var n = bytesPerSecond * 8;
    var units = ["bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s", "Pbit/s", "Ebit/s", "Zbit/s"];
    var index = 0;
    while (n >= 1000 && index < units.length - 1) { n /= 1000; index += 1; }
    return trim(n) + " " + units[index];
  }

  // A number the reader typed, or a message saying what is wrong with it.
  function check(field, raw) {
    var text = String(raw).trim().replace(/[,_\s]/g, "");
    if (text === "") return { error: field.label + " is empty." };
    if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) return { error: field.label + " must be a number." };
    var value = Number(text);
    if (!isFinite(value)) return { error: field.label + " is too large to be a number." };
    if (value < field.min || (field.strict && value <= field.min)) {
      return { error: field.label + " must be " + (field.strict ? "greater than " : "at least ") + plain(field.min) + "." };
    }
    if (value > field.max) return { error: field.label + " of " + plain(value) + " is " + field.tooMuch + "." };
    return { value: value };
  }

  function mount(host) {
    if (host.hasAttribute("data-sd-enhanced")) return;
    host.setAttribute("data-sd-enhanced", "");
    if (!host.id) host.id = "estimator";
    var params = new URLSearchParams(window.location.search);
    var form = document.createElement("form");
    form.className = "sd-estimator__form";
    form.setAttribute("aria-label", "Back-of-the-envelope estimator");
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var inputs = {};
    var unit = null;

    FIELDS.forEach(function (field) {
      var row = document.createElement("div");
      row.className = "sd-estimator__field";
      var label = document.createElement("label");
      label.htmlFor = "sd-estimate-" + field.name;
      label.textContent = field.label;
      var input = document.createElement("input");
      input.id = "sd-estimate-" + field.name;
      input.name = field.name;
      input.inputMode = "decimal";
      input.autocomplete = "off";
      var start = params.has(field.name) ? params.get(field.name) : String(field.value);
      row.appendChild(label);
      row.appendChild(input);
      if (field.unit) {
        unit = document.createElement("select");
        unit.id = "sd-estimate-size-unit";
        unit.setAttribute("aria-label", "Unit of the object size");
        BYTE_UNITS.forEach(function (pair) {
          var option = document.createElement("option");
          option.value = String(pair[1]);
          option.textContent = pair[0];
          unit.appendChild(option);
        });
        var sizeCheck = check(field, start);
        var scale = 1;
        if (!sizeCheck.error) {
          BYTE_UNITS.forEach(function (pair) { if (sizeCheck.value >= pair[1] && sizeCheck.value % pair[1] === 0) scale = pair[1]; });
          start = String(sizeCheck.value / scale);
        }
        unit.value = String(scale);
        row.appendChild(unit);
      }
      input.value = start;
      inputs[field.name] = input;
      form.appendChild(row);
    });

    var message = document.createElement("p");
    message.className = "sd-estimator__message";
    message.setAttribute("role", "alert");
    var results = document.createElement("dl");
    results.className = "sd-estimator__results";

    function update(reflect) {
      var values = {};
      var problems = [];
      FIELDS.forEach(function (field) {
        var raw = inputs[field.name].value;
        var result = check(field, raw);
        if (!result.error && field.unit) {
          result.value *= Number(unit.value);
          if (result.value > field.max) result = { error: field.label + " is " + field.tooMuch + "." };
        }
        inputs[field.name].setAttribute("aria-invalid", result.error ? "true" : "false");
        if (result.error) problems.push(result.error); else values[field.name] = result.value;
      });
      var rows = problems.length ? [] : estimate(values);
      if (rows.some(function (row) { return /NaN|Infinity/.test(row.value + row.how); })) {
        problems.push("Those inputs give numbers too large to mean anything; try smaller ones.");
        rows = [];
      }
      message.textContent = problems.join(" ");
      results.textContent = "";
      (rows.length ? rows : estimate(defaults()).map(function (row) { return { label: row.label, value: "—", how: "Fix the input above to see this." }; }))
        .forEach(function (row) {
          var term = document.createElement("dt");
          term.textContent = row.label;
          var value = document.createElement("dd");
          value.className = "sd-estimator__value";
          value.textContent = row.value;
          var how = document.createElement("dd");
          how.className = "sd-estimator__how";
          how.textContent = row.how;
          results.appendChild(term);
          results.appendChild(value);
          results.appendChild(how);
        });
      if (reflect && !problems.length) {
        var url = new URL(window.location.href);
        FIELDS.forEach(function (field) { url.searchParams.set(field.name, String(values[field.name])); });
        url.hash = host.id;
        window.history.replaceState(window.history.state, "", url.href);
      }
    }

    function defaults() {
      var values = {};
      FIELDS.forEach(function (field) { values[field.name] = field.value; });
      return values;
    }

    form.addEventListener("input", function () { update(true); });
    form.addEventListener("change", function () { update(true); });
    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "md-button";
    reset.textContent = "Back to the timeline example";
    reset.addEventListener("click", function () {
      FIELDS.forEach(function (field) { inputs[field.name].value = field.unit ? "1" : String(field.value); });
      unit.value = "1000";
      update(true);
    });
    form.appendChild(reset);

    // The estimate's address: these inputs, and the anchor of the estimator itself.
    function link() {
      var url = new URL(window.location.href);
      FIELDS.forEach(function (field) {
        url.searchParams.set(field.name, field.unit ? String(Number(inputs[field.name].value) * Number(unit.value))
          : inputs[field.name].value.trim());
      });
      url.searchParams.delete("h");
      url.hash = host.id;
      return url.href;
    }
    var copy = document.createElement("button");
    copy.type = "button";
    copy.className = "md-button";
    copy.textContent = "Copy link to this estimate";
    var copied = document.createElement("p");
    copied.className = "sd-estimator__copied";
    copied.setAttribute("role", "status");
    copy.addEventListener("click", function () {
      var address = link();
      var done = function () { copied.textContent = "Link copied: it opens this estimator with these inputs."; };
      var failed = function () { copied.textContent = "Copy this link by hand: " + address; };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(address).then(done, failed);
      else failed();
    });
    form.appendChild(copy);

    var heading = document.createElement("p");
    heading.className = "sd-estimator__title";
    heading.textContent = "Try it: change any input and every output is recomputed, with its arithmetic.";
    host.appendChild(heading);
    host.appendChild(form);
    host.appendChild(message);
    host.appendChild(copied);
    host.appendChild(results);
    update(false);
  }

  function mountAll() {
    document.querySelectorAll("[data-sd-estimator]").forEach(mount);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
})();
