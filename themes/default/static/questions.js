/* prepbook question index: the tag filter. Shows only the questions carrying the chosen tag,
   hides the principles left with none (in the list and its contents), and keeps the choice in
   the address (?tag=...), so it survives a reload and can be shared. Works from disk. */
(function () {
  "use strict";

  function start() {
    var select = document.getElementById("tag-filter");
    if (!select) { return; }
    var box = select.parentNode;
    var status = box.querySelector(".tag-filter-status");
    var items = document.querySelectorAll(".question-list li");
    var groups = document.querySelectorAll("section[data-group]");

    function apply(push) {
      var tag = select.value;
      var shown = 0;
      var seen = {};
      items.forEach(function (li) {
        var tags = (li.getAttribute("data-tags") || "").split(" ");
        var match = !tag || tags.indexOf(tag) >= 0;
        li.hidden = !match;
        if (match) {
          // A question listed under two principles is still one question.
          var href = li.querySelector("a").getAttribute("href");
          if (!seen[href]) { seen[href] = true; shown++; }
        }
      });
      groups.forEach(function (g) {
        var any = g.querySelector(".question-list li:not([hidden])") !== null;
        var hide = Boolean(tag) && !any;
        g.hidden = hide;
        var entry = document.querySelector('nav.toc li[data-group="' + g.getAttribute("data-group") + '"]');
        if (entry) {
          entry.hidden = hide;
          var count = entry.querySelector(".muted");
          if (count) { count.textContent = "(" + g.querySelectorAll(".question-list li:not([hidden])").length + ")"; }
        }
      });
      status.textContent = tag ? window.prepbookT("js_questions_tagged", shown) : "";
      if (push !== undefined) {
        var url = new URL(window.location.href);
        if (tag) { url.searchParams.set("tag", tag); } else { url.searchParams.delete("tag"); }
        try { window.history.replaceState(null, "", url.href); } catch (e) { /* file:// in some browsers */ }
      }
    }

    var wanted = new URL(window.location.href).searchParams.get("tag");
    if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) {
      select.value = wanted;
    }
    box.hidden = false;
    select.addEventListener("change", function () { apply(true); });
    apply();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
