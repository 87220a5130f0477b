/* prepbook practice mode: starts the parts (practice-core.js, -drill, -record, -quiz, -mock,
 * -progress, all loaded before this one) once the page and practice/data.js (which
 * practice-store.js started loading) are there, and
 * applies a deep link: practice.html?principle=<id>&stage=<id>&role=<label>&tag=<slug> sets the filters.
 * Loaded as practice.html#progress-store in a hidden frame, the page only hands on the progress
 * (practice-store.js) and this file does nothing. */
(function () {
  "use strict";

  var P = window.prepbookPracticeCore;
  if (!P) { return; }
  var $ = P.$;

  function unavailable(message) {
    var s = $("practice-status");
    if (s) { s.textContent = message; s.hidden = false; }
    ["drill-due", "drill-next", "quiz-next", "mock-generate", "progress-export", "progress-reset", "progress-import"].forEach(function (id) {
      var b = $(id);
      if (b) { b.disabled = true; }
    });
  }

  /** Sets `select` to `value` when it offers it; true if it did. */
  function choose(select, value) {
    if (!select || value === null) { return false; }
    var ok = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
    if (ok) { select.value = value; }
    return ok;
  }

  function deepLink() {
    var params;
    try { params = new URLSearchParams(window.location.search); } catch (e) { return; }
    var set = false;
    set = choose($("drill-principle"), params.get("principle")) || set;
    set = choose($("drill-stage"), params.get("stage")) || set;
    set = choose($("drill-role"), params.get("role")) || set;
    set = choose($("drill-tag"), params.get("tag")) || set;
    choose($("mock-role"), params.get("role"));
    if (set && !window.location.hash) {
      var h = $("drill-title");
      if (h && h.scrollIntoView) { h.scrollIntoView(); }
    }
  }

  function setup() {
    if (!$("drill") || !$("progress")) { return; }
    var raw = window.prepbookPracticeData;
    if (!raw || typeof raw !== "object") {
      // practice/site.js, which holds the scripts' texts, may be missing too: the page carries
      // this one message itself.
      var status = $("practice-status");
      unavailable((status && status.getAttribute("data-no-data")) || P.t("js_practice_no_data"));
      return;
    }
    P.data = P.readData(raw);
    P.loadProgress(new Set(P.data.questions.map(function (q) { return q.id; })));
    P.setupDrill();
    P.setupRecord();
    P.setupQuiz();
    P.setupMock();
    P.setupProgress();
    deepLink();
    P.drillStatus();
    if (P.data.questions.length === 0) { unavailable(P.t("js_practice_no_questions")); }
  }

  window.prepbookPractice = {
    formatTime: P.formatTime, checkProgress: P.checkProgress, nextBox: P.nextBox, storageKey: P.site.key
  };

  // In the hidden frame only practice-store.js has work to do.
  if (window.prepbookProgressStore) { return; }
  // practice-store.js started loading the data; a theme without it leaves the promise unset.
  var loaded = window.prepbookPracticeDataLoad || Promise.resolve();
  loaded.then(function () {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", setup);
    } else {
      setup();
    }
  });
})();
