/* prepbook: practice.html opened as practice.html#progress-store in a hidden frame of another
 * page of the handbook read from disk (practice-due.js). A browser that keeps storage per
 * file:// page (Firefox) keeps the practice progress where practice.html is, so that page asks
 * this one for it. Answering needs only the storage key, so the page stops loading here: the
 * practice data (megabytes in a large handbook) and the practice scripts are never read. Any
 * other way of opening practice.html leaves this script without effect. */
(function () {
  "use strict";

  var me = document.currentScript;
  var key = me ? me.getAttribute("data-key") : "";
  if (!key || window.location.protocol !== "file:" || window.location.hash !== "#progress-store" ||
      window.parent === window) { return; }
  window.prepbookProgressStore = true;

  function answer() {
    var raw = null;
    try { raw = window.localStorage.getItem(key); } catch (e) { raw = null; }
    // A file:// page's origin is opaque ("null"), so "*" is the only target that reaches it;
    // only the framing page of a build opened from disk is ever answered.
    window.parent.postMessage({ type: "prepbook-progress", key: key, value: raw }, "*");
  }
  window.addEventListener("message", function (e) {
    var m = e.data;
    if (e.source === window.parent && m && m.type === "prepbook-progress" && m.key === key) { answer(); }
  });
  // Told at once as well: a page whose loading stopped may never fire its load event, which is
  // when the framing page asks.
  answer();
  window.stop();
})();
