/* prepbook practice mode: the progress table (practised, due for review, average rating by
 * principle), export to a file named after the handbook and the date, import that merges
 * question by question (the entry practised last wins) and says what changed, and reset. */
(function () {
  "use strict";

  var P = window.prepbookPracticeCore;
  if (!P) { return; }
  var $ = P.$, el = P.el, t = P.t;
  var MAX_IMPORT_BYTES = 5 * 1024 * 1024;

  function render() {
    var table = $("progress");
    if (!table) { return; }
    var body = table.tBodies[0], foot = table.tFoot, now = Date.now();
    P.clear(body);
    if (foot) { P.clear(foot); }
    function row(head, list, id) {
      var practised = 0, due = 0, ratings = [];
      list.forEach(function (q) {
        var e = P.progress.questions[q.id];
        if (e && e.practised > 0) { practised++; }
        if (e && e.rating) { ratings.push(e.rating); }
        if (P.reviewState(q.id, now) === "due") { due++; }
      });
      var total = list.length;
      var tr = el("tr");
      if (id !== null) { tr.setAttribute("data-principle", id); }
      tr.appendChild(head);
      var td = el("td", "progress-practised");
      td.setAttribute("data-practised", String(practised));
      td.setAttribute("data-total", String(total));
      td.appendChild(el("span", "progress-count", practised + " / " + total));
      var bar = el("span", "progress-bar");
      bar.setAttribute("aria-hidden", "true");
      var fill = el("span", "progress-fill");
      fill.style.width = (total ? Math.round(100 * practised / total) : 0) + "%";
      bar.appendChild(fill);
      td.appendChild(bar);
      tr.appendChild(td);
      var dueCell = el("td", "progress-due", String(due));
      dueCell.setAttribute("data-due", String(due));
      tr.appendChild(dueCell);
      var avg = ratings.length ? ratings.reduce(function (a, b) { return a + b; }, 0) / ratings.length : null;
      var ra = el("td", "progress-rating", avg === null ? "—" : avg.toFixed(1));
      ra.setAttribute("data-rating", avg === null ? "" : avg.toFixed(2));
      if (avg !== null) { ra.setAttribute("title", t("js_practice_rated_questions", ratings.length)); }
      tr.appendChild(ra);
      return tr;
    }
    P.data.principles.forEach(function (p, pi) {
      if (!p.id) { return; }
      var th = el("th");
      th.setAttribute("scope", "row");
      th.appendChild(P.link(p.url, p.title));
      body.appendChild(row(th, P.data.questions.filter(function (q) { return q.principles.indexOf(pi) >= 0; }), p.id));
    });
    if (foot) {
      var th = el("th", null, t("js_practice_all_questions"));
      th.setAttribute("scope", "row");
      foot.appendChild(row(th, P.data.questions, null));
    }
  }

  /** `<slug>-progress-<YYYY-MM-DD>.json`. */
  function exportName() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return P.site.slug + "-progress-" + d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + ".json";
  }

  function exportProgress() {
    var status = $("progress-status");
    var name = exportName();
    try {
      var record = { version: P.progress.version, book: P.site.title, exported: new Date().toISOString(), questions: P.progress.questions };
      var blob = new Blob([JSON.stringify(record, null, 2) + "\n"], { type: "application/json" });
      var url = URL.createObjectURL(blob);
      var a = document.createElement("a");
      a.href = url;
      a.download = name;
      a.hidden = true;
      document.body.appendChild(a);
      a.click();
      setTimeout(function () {
        URL.revokeObjectURL(url);
        if (a.parentNode) { a.parentNode.removeChild(a); }
      }, 10000);
      P.setStatus(status, t("js_practice_exported", P.countEntries(P.progress), { name: name }), "ok");
    } catch (e) {
      P.setStatus(status, t("js_practice_export_failed", null, { why: e.message }), "error");
    }
  }

  function importProgress(input) {
    var status = $("progress-status");
    var file = input.files && input.files[0];
    if (!file) { return; }
    var fileName = file.name || t("js_practice_the_file");
    function fail(why) {
      P.setStatus(status, t("js_practice_import_failed", null, { name: fileName, why: why }), "error");
      input.value = "";
    }
    if (file.size > MAX_IMPORT_BYTES) { fail(t("js_practice_import_too_large", MAX_IMPORT_BYTES >> 20)); return; }
    var reader = new FileReader();
    reader.onerror = function () { fail(t("js_practice_import_unreadable")); };
    reader.onload = function () {
      var parsed;
      try { parsed = JSON.parse(String(reader.result)); } catch (e) { fail(t("js_practice_import_not_json")); return; }
      var checked;
      try { checked = P.checkProgress(parsed); } catch (e) { checked = t("js_practice_import_unchecked"); }
      if (typeof checked === "string") { fail(checked); return; }
      var c = P.mergeProgress(checked);
      P.saveProgress(function (msg) { P.setStatus(status, msg, "error"); });
      P.notify();
      if (P.drillHistory) { P.drillHistory(); }
      var unknown = Object.keys(checked.questions).filter(function (id) { return P.questionById(id) === null; }).length;
      var parts = [t("js_practice_import_added", c.added), t("js_practice_import_updated", c.updated), t("js_practice_import_kept", c.kept)];
      var text = t("js_practice_imported", null, { name: fileName, changes: parts.join(", ") });
      if (unknown) { text += " " + t("js_practice_import_unknown", unknown); }
      P.setStatus(status, text, "ok");
      input.value = "";
    };
    try { reader.readAsText(file); } catch (e) { fail(t("js_practice_import_unreadable")); }
  }

  var armed = null;   // the timeout that disarms the reset button

  function disarm() {
    var b = $("progress-reset");
    if (armed !== null) { clearTimeout(armed); armed = null; }
    b.textContent = t("js_practice_reset");
    b.classList.remove("is-armed");
  }

  function resetClicked() {
    var b = $("progress-reset"), status = $("progress-status");
    if (armed === null) {
      b.textContent = t("js_practice_reset_really");
      b.classList.add("is-armed");
      P.setStatus(status, t("js_practice_reset_confirm"));
      armed = setTimeout(function () { disarm(); P.setStatus(status, ""); }, 8000);
      return;
    }
    disarm();
    P.progress = P.emptyProgress();
    if (P.drill) { P.drill.counted = false; }
    P.saveProgress(function (msg) { P.setStatus(status, msg, "error"); });
    P.notify();
    if (P.drillHistory) { P.drillHistory(); }
    P.setStatus(status, t("js_practice_reset_done"), "ok");
  }

  P.setupProgress = function () {
    render();
    P.changed.push(render);
    $("progress-export").addEventListener("click", exportProgress);
    var input = $("progress-import");
    input.addEventListener("change", function () { importProgress(input); });
    var reset = $("progress-reset");
    reset.addEventListener("click", resetClicked);
    reset.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && armed !== null) { disarm(); P.setStatus($("progress-status"), ""); }
    });
    // Another tab of the handbook changed the progress.
    window.addEventListener("storage", function (e) {
      if (e.key !== P.site.key && e.key !== null) { return; }
      P.loadProgress();
      P.notify();
    });
    if (P.storageWarning) { P.setStatus($("progress-status"), P.storageWarning, "error"); }
  };
})();
