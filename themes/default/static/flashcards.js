/* prepbook flashcards: lays the cards out again when the reader picks a principle or a layout.
   "duplex": a page of fronts (two columns, four rows), then a page of their backs with each row
   mirrored, so a back lands behind its front when the sheet is flipped on its long edge.
   "fold": each row holds a front on the left and its back on the right, the mirror image
   across the middle of the page; fold down the middle, then cut. The choice is kept in the
   address (?principle=...&tag=...&layout=fold). The cards are the build's own elements, moved. */
(function () {
  "use strict";
  var COLUMNS = 2;
  var ROWS = 4;

  function start() {
    var pages = document.getElementById("card-pages");
    var form = document.getElementById("card-controls");
    if (!pages || !form) { return; }
    var fronts = {};
    var backs = {};
    var order = [];
    pages.querySelectorAll(".card-front").forEach(function (el) {
      var n = el.getAttribute("data-card");
      fronts[n] = el;
      order.push(n);
    });
    pages.querySelectorAll(".card-back").forEach(function (el) { backs[el.getAttribute("data-card")] = el; });

    function blank() {
      var el = document.createElement("div");
      el.className = "card card-blank";
      el.setAttribute("aria-hidden", "true");
      return el;
    }

    function page(side, cells) {
      var el = document.createElement("section");
      el.className = "card-page card-" + side;
      el.setAttribute("aria-label", window.prepbookT(side === "fronts" ? "js_flashcards_fronts" : side === "backs" ? "js_flashcards_backs" : "js_flashcards_both"));
      cells.forEach(function (c) { el.appendChild(c || blank()); });
      return el;
    }

    function has(n, attr, value) {
      return !value || (fronts[n].getAttribute(attr) || "").split(" ").indexOf(value) >= 0;
    }

    function layout(principle, tag, kind) {
      var ids = order.filter(function (n) {
        return has(n, "data-principles", principle) && has(n, "data-tags", tag);
      });
      var out = [];
      var per = kind === "fold" ? ROWS : COLUMNS * ROWS;
      for (var p = 0; p < ids.length; p += per) {
        var chunk = ids.slice(p, p + per);
        var k;
        if (kind === "fold") {
          var cells = [];
          for (k = 0; k < ROWS; k++) {
            cells.push(chunk[k] ? fronts[chunk[k]] : null, chunk[k] ? backs[chunk[k]] : null);
          }
          out.push(page("fold", cells));
        } else {
          var f = [];
          var b = [];
          for (k = 0; k < per; k++) {
            var mirrored = Math.floor(k / COLUMNS) * COLUMNS + (COLUMNS - 1 - (k % COLUMNS));
            f.push(chunk[k] ? fronts[chunk[k]] : null);
            b.push(chunk[mirrored] ? backs[chunk[mirrored]] : null);
          }
          out.push(page("fronts", f), page("backs", b));
        }
      }
      pages.textContent = "";
      out.forEach(function (el) { pages.appendChild(el); });
      if (out.length === 0) {
        var none = document.createElement("p");
        none.textContent = window.prepbookT("js_flashcards_none");
        pages.appendChild(none);
      }
      pages.setAttribute("data-layout", kind);
      if (window.prepbookFit) { window.prepbookFit(pages); }
    }

    function apply(push) {
      var principle = form.elements.principle.value;
      var tag = form.elements.tag ? form.elements.tag.value : "";
      var kind = form.querySelector('input[name="layout"]:checked').value;
      layout(principle, tag, kind);
      if (push && window.history && window.history.replaceState) {
        var q = [];
        if (principle) { q.push("principle=" + encodeURIComponent(principle)); }
        if (tag) { q.push("tag=" + encodeURIComponent(tag)); }
        if (kind !== "duplex") { q.push("layout=" + kind); }
        window.history.replaceState(null, "", window.location.pathname + (q.length ? "?" + q.join("&") : ""));
      }
    }

    var params = new URLSearchParams(window.location.search);
    var wanted = params.get("principle");
    if (wanted && form.elements.principle.querySelector('option[value="' + CSS.escape(wanted) + '"]')) {
      form.elements.principle.value = wanted;
    }
    var wantedTag = params.get("tag");
    if (wantedTag && form.elements.tag && form.elements.tag.querySelector('option[value="' + CSS.escape(wantedTag) + '"]')) {
      form.elements.tag.value = wantedTag;
    }
    if (params.get("layout") === "fold") { form.querySelector('input[value="fold"]').checked = true; }
    if (form.elements.principle.value || (form.elements.tag && form.elements.tag.value) || params.get("layout") === "fold") { apply(false); }
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
