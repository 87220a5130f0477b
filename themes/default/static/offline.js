/* prepbook: when the handbook is served over HTTP(S), a service worker keeps every page, asset
   and the search index for reading with no connection. Opened from disk (file://) nothing
   happens. A small note in the footer says when the handbook is available offline. */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) { return; }
  var root = document.documentElement.getAttribute("data-root") || "";
  var manifest = document.createElement("link");
  manifest.rel = "manifest";
  manifest.href = root + "manifest.webmanifest";
  document.head.appendChild(manifest);

  function say(key) {
    var el = document.getElementById("offline-status");
    if (el) { el.textContent = " · " + window.prepbookT(key); el.hidden = false; }
  }
  // A new build took over while this page was open: load the page again from the new build,
  // so one page never mixes two versions.
  var hadController = !!navigator.serviceWorker.controller;
  navigator.serviceWorker.addEventListener("controllerchange", function () {
    if (hadController) { location.reload(); }
    hadController = true;
  });
  navigator.serviceWorker.register(root + "sw.js").then(function (registration) {
    if (registration.installing) { say("js_offline_saving"); }
    return navigator.serviceWorker.ready;
  }).then(function () {
    say("js_offline_ready");
    document.documentElement.setAttribute("data-offline-ready", "true");
  }).catch(function () { /* offline reading is a bonus; the page works without it */ });
})();
