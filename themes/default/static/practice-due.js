/* prepbook: how many questions are due for review, on the home page and each principle page.
 * Reads the reader's practice progress (see practice-core.js: one localStorage key per
 * handbook, Leitner review dates) and practice/site.js; fills every [data-practice-due]
 * element (the value a principle id, or empty for the whole handbook) and shows it. Opened from
 * disk in a browser that keeps storage per file:// page (Firefox), this page finds no progress
 * of its own: it then asks practice.html, loaded in a hidden frame as practice.html#progress-store,
 * for the progress kept there (practice.js answers). With no progress anywhere nothing is shown. */
(function () {
  "use strict";

  var site = window.prepbookPracticeSite;
  if (!site || typeof site.key !== "string" || !Array.isArray(site.questions)) { return; }

  function t(key, n) { return window.prepbookT ? window.prepbookT(key, n) : key; }

  var asked = false;

  /** Reads the progress from practice.html in a hidden frame, then shows it; false if it cannot. */
  function askPracticePage() {
    if (asked || window.location.protocol !== "file:") { return false; }
    var link = document.querySelector('a[href*="practice.html"]');
    if (!link) { return false; }
    asked = true;
    var url = link.href.replace(/[?#].*$/, "") + "#progress-store";
    var frame = document.createElement("iframe");
    frame.hidden = true;
    frame.setAttribute("aria-hidden", "true");
    frame.tabIndex = -1;
    frame.title = "";
    function done(e) {
      var m = e.data;
      if (e.source !== frame.contentWindow || !m || m.type !== "prepbook-progress" || m.key !== site.key) { return; }
      window.removeEventListener("message", done);
      if (frame.parentNode) { frame.parentNode.removeChild(frame); }
      if (typeof m.value === "string") { render(m.value); }
    }
    window.addEventListener("message", done);
    frame.addEventListener("load", function () {
      frame.contentWindow.postMessage({ type: "prepbook-progress", key: site.key }, "*");
    });
    frame.src = url;
    document.body.appendChild(frame);
    return true;
  }

  function show() {
    var raw = null;
    try { raw = window.localStorage.getItem(site.key); } catch (e) { raw = null; }
    if (raw === null && askPracticePage()) { return; }
    render(raw);
  }

  function render(raw) {
    var progress = null;
    try { progress = JSON.parse(raw); } catch (e) { progress = null; }
    var qs = progress && typeof progress === "object" && progress.questions && typeof progress.questions === "object" ? progress.questions : null;
    var now = Date.now();
    Array.prototype.forEach.call(document.querySelectorAll("[data-practice-due]"), function (node) {
      var id = node.getAttribute("data-practice-due");
      var pi = id ? site.principles.indexOf(id) : -1;
      if (id && pi < 0) { return; }
      var due = 0, fresh = 0;
      site.questions.forEach(function (q) {
        if (!Array.isArray(q) || (pi >= 0 && (!Array.isArray(q[1]) || q[1].indexOf(pi) < 0))) { return; }
        var e = qs ? qs[q[0]] : null;
        if (!e || typeof e !== "object" || !(e.practised > 0 || e.rating)) { fresh++; return; }
        var at = typeof e.due === "string" ? Date.parse(e.due) : NaN;
        if (isNaN(at) || at <= now) { due++; }
      });
      if (!qs) { node.hidden = true; return; }
      node.textContent = t("js_practice_due_count", due) + " · " + t("js_practice_new_count", fresh);
      node.setAttribute("data-due", String(due));
      node.hidden = false;
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", show);
  } else {
    show();
  }
  window.addEventListener("storage", show);
  window.addEventListener("pageshow", show);
})();
