/* prepbook printed sheets and flashcards: fills each region marked data-fit to the last entry
   that fits, measured on the real page. The build writes every entry with a data-rank (its
   place in the order the page is filled in) and shows those that surely fit; this reveals the
   hidden ones in rank order while they fit (a list stops at its first entry that does not), or,
   if a font runs wider than planned, hides the last ones, then counts what is left out in the
   "more in the handbook" lines. If even that is not enough, it shrinks the type. The paper
   layout is measured even on a phone (html.paper forces it while measuring). Text only: no
   markup is built from strings. */
(function () {
  "use strict";

  function overflows(region) {
    return region.scrollHeight > region.clientHeight + 1 || region.scrollWidth > region.clientWidth + 1;
  }

  function ranked(region) {
    return Array.prototype.slice.call(region.querySelectorAll("[data-rank]"))
      .sort(function (a, b) { return Number(a.getAttribute("data-rank")) - Number(b.getAttribute("data-rank")); });
  }

  function entries(list) {
    return Array.prototype.filter.call(list.children, function (el) { return el.hasAttribute("data-rank"); });
  }

  /* Lists without a shown entry disappear, sections without a shown list too, and each "more"
     line says how many of its list are not shown. */
  function refresh(region) {
    region.querySelectorAll("[data-list]").forEach(function (list) {
      var items = entries(list);
      var shown = items.filter(function (el) { return !el.hidden; }).length;
      list.hidden = shown === 0;
      var block = list.closest("[data-block]");
      if (block && block.querySelector("[data-list]") === list) { block.hidden = shown === 0; }
      var more = block && block.querySelector('.more[data-more-for="' + list.getAttribute("data-list") + '"]');
      if (more) {
        var n = Number(list.getAttribute("data-total") || items.length) - shown;
        more.textContent = window.prepbookT("js_sheet_more_" + more.getAttribute("data-noun"), n);
        more.hidden = n <= 0;
      }
    });
  }

  /* The list an entry belongs to: each question's follow-ups are a list of their own. */
  function group(item) {
    var list = item.parentNode;
    var parent = list.closest("li[data-rank]");
    return (list.getAttribute("data-list") || "") + (parent ? ":" + parent.getAttribute("data-rank") : "");
  }

  function hiddenParent(item) {
    var parent = item.parentNode && item.parentNode.closest("[data-rank]");
    return parent !== null && parent !== item && parent.hidden;
  }

  function fill(region) {
    var items = ranked(region);
    refresh(region);
    var i;
    // Too much: hide from the least important entry up.
    for (i = items.length - 1; i >= 0 && overflows(region); i--) {
      if (!items[i].hidden) { items[i].hidden = true; refresh(region); }
    }
    // Room left: reveal in rank order; a list stops at its first entry that does not fit.
    var closed = {};
    for (i = 0; i < items.length; i++) {
      var item = items[i];
      var key = group(item);
      if (!item.hidden || closed[key] || hiddenParent(item)) { continue; }
      item.hidden = false;
      refresh(region);
      if (overflows(region)) {
        item.hidden = true;
        refresh(region);
        closed[key] = true;
      }
    }
    shrink(region);
  }

  function shrink(region) {
    var size = parseFloat(window.getComputedStyle(region).fontSize);
    var guard = 40;
    while (overflows(region) && size > 6 && guard-- > 0) {
      size -= 0.25;
      region.style.fontSize = size + "px";
    }
  }

  /* A sheet that shows all its principle has gives the room left to the reader's story: ruled
     lines are added, action first, while the body still fits. */
  var GROW = ["action", "situation", "action", "result"];
  function growStory(region) {
    var sheet = region.closest(".sheet");
    if (!sheet || region.querySelector("[data-rank][hidden]") || overflows(region)) { return; }
    for (var k = 0; k < 40; k++) {
      var lines = sheet.querySelector('[data-field="' + GROW[k % GROW.length] + '"] .ruled');
      if (!lines) { return; }
      var line = document.createElement("span");
      line.setAttribute("data-added", "");
      lines.appendChild(line);
      // The body keeps at least 30 mm, so that its few entries are not split over columns.
      if (overflows(region) || region.clientHeight < 30 * 96 / 25.4) {
        lines.removeChild(line);
        return;
      }
    }
  }

  function fitAll(root) {
    var html = document.documentElement;
    var forced = !html.classList.contains("paper");
    html.classList.add("paper");
    var regions = (root || document).querySelectorAll("[data-fit]");
    regions.forEach(function (region) {
      var sheet = region.closest(".sheet") || region;
      sheet.querySelectorAll("[data-added]").forEach(function (el) { el.remove(); });
    });
    regions.forEach(fill);
    regions.forEach(growStory);
    if (forced) { html.classList.remove("paper"); }
    html.setAttribute("data-fitted", "");
  }

  window.prepbookFit = fitAll;
  function start() {
    if (document.fonts && document.fonts.ready) {
      document.fonts.ready.then(function () { fitAll(); });
    } else {
      fitAll();
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
  window.addEventListener("beforeprint", function () { fitAll(); });
})();
