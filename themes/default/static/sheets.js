/* prepbook cheat sheets: the build chooses what fits on one page with room to spare; this only
   acts if a wider font than planned still makes a sheet overflow. It then drops the least
   important items and counts them in the "more in the handbook" line, or, on the overview,
   shrinks the type. Text only: no markup is built from strings. */
(function () {
  "use strict";
  function overflows(el) { return el.scrollHeight > el.clientHeight + 1; }

  function fitSheet(body) {
    var guard = 200;
    while (overflows(body) && guard-- > 0) {
      var lists = Array.prototype.slice.call(body.querySelectorAll("[data-list]"))
        .filter(function (l) { return l.children.length > 0; });
      if (lists.length === 0) { return; }
      // Take from the longest list, so every list keeps its most important items.
      lists.sort(function (a, b) { return b.children.length - a.children.length; });
      var list = lists[0];
      list.removeChild(list.lastElementChild);
      var more = list.parentNode.querySelector(".more");
      if (more) {
        var n = Number(more.getAttribute("data-more")) + 1;
        more.setAttribute("data-more", String(n));
        more.textContent = "+ " + n + " more " + more.getAttribute("data-noun") + " in the handbook";
        more.hidden = false;
      }
    }
  }

  function shrink(body) {
    var size = parseFloat(window.getComputedStyle(body.firstElementChild).fontSize);
    var guard = 40;
    while (overflows(body) && size > 7 && guard-- > 0) {
      size -= 0.25;
      body.firstElementChild.style.fontSize = size + "px";
    }
  }

  function fitAll() {
    document.querySelectorAll('[data-fit="sheet"]').forEach(fitSheet);
    document.querySelectorAll('[data-fit="shrink"]').forEach(shrink);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", fitAll); } else { fitAll(); }
  window.addEventListener("beforeprint", fitAll);
})();
