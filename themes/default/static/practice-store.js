/* prepbook: the first script of practice.html. It decides, before anything else is read, what the
 * page is for.
 * - Opened as practice.html#progress-store in a hidden frame of another page of the handbook read
 *   from disk (practice-due.js). A browser that keeps storage per file:// page (Firefox) keeps the
 *   practice progress where practice.html is, so that page asks this one for it. Answering needs
 *   only the storage key, so the page stops loading here.
 * - Opened any other way, it starts loading the practice data. The data is not a script tag of
 *   the page because a browser reads ahead in the markup and starts fetching every script it
 *   names before this one has run: the hidden frame would read megabytes it never uses.
 *   practice.js waits for `window.prepbookPracticeDataLoad` before it sets the page up. */
(function () {
  "use strict";

  var me = document.currentScript;
  if (!me) { return; }
  var key = me.getAttribute("data-key") || "";
  if (key && window.location.protocol === "file:" && window.location.hash === "#progress-store" &&
      window.parent !== window) {
    window.prepbookProgressStore = true;
    var answer = function () {
      var raw = null;
      try { raw = window.localStorage.getItem(key); } catch (e) { raw = null; }
      // A file:// page's origin is opaque ("null"), so "*" is the only target that reaches it;
      // only the framing page of a build opened from disk is ever answered.
      window.parent.postMessage({ type: "prepbook-progress", key: key, value: raw }, "*");
    };
    window.addEventListener("message", function (e) {
      var m = e.data;
      if (e.source === window.parent && m && m.type === "prepbook-progress" && m.key === key) { answer(); }
    });
    // Told at once as well: a page whose loading stopped may never fire its load event, which is
    // when the framing page asks.
    answer();
    window.stop();
    return;
  }
  var src = me.getAttribute("data-practice");
  if (!src) { return; }
  var s = document.createElement("script");
  s.src = src;
  s.async = true;
  // Settled either way: without the data, practice.js says which file is missing.
  window.prepbookPracticeDataLoad = new Promise(function (resolve) {
    s.onload = s.onerror = function () { resolve(); };
  });
  document.head.appendChild(s);
})();
