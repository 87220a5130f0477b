/* Added by `prepbook serve` to the pages it serves (never to files on disk): reloads the page
   after each rebuild, keeping its scroll position, and shows build errors over the page. */
(function () {
  "use strict";
  var me = document.currentScript;
  var version = Number(me && me.getAttribute("data-version"));
  var key = "prepbook-scroll:" + location.pathname;
  if ("scrollRestoration" in history) { history.scrollRestoration = "manual"; }
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    var restore = function () { window.scrollTo(0, Number(saved)); };
    restore();
    window.addEventListener("load", restore);
  }

  var overlay = null;
  function showError(text) {
    if (!text) {
      if (overlay) { overlay.remove(); overlay = null; }
      return;
    }
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "prepbook-error";
      overlay.setAttribute("role", "alert");
      // Opaque colours, set on every element: the page's own styles (a light background for
      // <pre>, say) must not show through or be inherited.
      overlay.style.cssText = "position:fixed;inset:0;z-index:99999;overflow:auto;background:#18181c;" +
        "color:#fff;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:24px;";
      var title = document.createElement("p");
      title.style.cssText = "font:600 16px/1.4 system-ui,sans-serif;margin:0 0 12px;color:#ff8a80;background:#18181c";
      title.textContent = "The last edit broke the build. This page shows the last good version once the problem is fixed.";
      var pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:0;padding:0;border:0;background:#18181c;" +
        "color:#fff;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;box-shadow:none";
      overlay.appendChild(title);
      overlay.appendChild(pre);
      document.body.appendChild(overlay);
    }
    overlay.lastChild.textContent = text;
  }

  function reload() {
    sessionStorage.setItem(key, String(window.scrollY));
    fetch(location.pathname, { method: "HEAD", cache: "no-store" }).then(function (r) {
      if (r.status === 404) { location.href = "/"; } else { location.reload(); }
    }, function () { location.reload(); });
  }

  var events = new EventSource("/__prepbook/events");
  events.addEventListener("state", function (e) {
    var state = JSON.parse(e.data);
    showError(state.error);
    if (!state.error && state.version !== version) { reload(); }
  });
})();
