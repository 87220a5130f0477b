/* prepbook search: the box in the header, the search page, and window.prepbookSearch. The text
 * rules (search-text.js), the engine (search-engine.js) and the index (search/*.js) are loaded
 * with classic <script> tags, so search works from file:// with no network, and only when it is
 * first used. Everything shown is built with createElement and textContent: index data is text,
 * never markup. */
(function () {
  "use strict";

  // The handbook's texts (assets/strings.js), in its language and with its own words.
  function t(key, n, args) { return window.prepbookT ? window.prepbookT(key, n, args) : key; }
  function kindLabel(kind) { return t("js_search_kind_" + kind); }
  var PAGE_SIZE = 50, DROPDOWN_SIZE = 10;

  var root = document.documentElement.getAttribute("data-root") || "";
  var scripts = Object.create(null);
  var enginePromise = null;

  // Loads a classic script once.
  function script(src) {
    if (!scripts[src]) {
      scripts[src] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = src;
        s.async = true;
        s.onload = function () { resolve(); };
        s.onerror = function () { delete scripts[src]; reject(new Error("cannot load " + src)); };
        document.head.appendChild(s);
      });
    }
    return scripts[src];
  }

  // The text rules, the engine and the index load side by side; index data that arrives
  // before the engine waits in api.pending.
  function engine() {
    if (!enginePromise) {
      enginePromise = Promise.all([
        script(root + "assets/search-text.js"),
        script(root + "assets/search-engine.js"),
        script(root + "search/index.js")
      ])
        .then(function () { return api.engine.loadIndex(); })
        .then(function () { api.loaded = true; return api.engine; });
      enginePromise.catch(function () { enginePromise = null; });
    }
    return enginePromise;
  }

  // The index is loaded before the reader types when the page allows: once it is idle after
  // loading, and as soon as the search field is focused or pointed at. The first keystroke
  // then only has to rank.
  function preload() { engine().catch(function () {}); }

  function whenIdle(fn) {
    if (window.requestIdleCallback) { window.requestIdleCallback(fn, { timeout: 2000 }); } else { setTimeout(fn, 500); }
  }

  function query(q, options) {
    return engine().then(function (e) { return e.query(q, options); });
  }

  // ---- Showing results: elements and text nodes only, never markup from strings.

  // A relative URL from the index, or null if it is anything else.
  function safeUrl(url) {
    if (typeof url !== "string" || /^[a-z][a-z0-9+.-]*:/i.test(url) || /^[\/\\]/.test(url)) { return null; }
    return root + url;
  }

  // The [start, end) ranges of `str` whose tokens stem to one of `terms`, merged.
  function matches(str, terms) {
    var T = window.prepbookText, lang = api.engine.language(), out = [];
    T.scan(str, lang, function (tok, start, end) {
      if (!terms.has(T.stem(tok, lang))) { return; }
      var last = out[out.length - 1];
      if (last && start <= last[1]) { last[1] = Math.max(last[1], end); } else { out.push([start, end]); }
    });
    return out;
  }

  // Appends `str` to `el`, the words that match `terms` in <mark>.
  function appendMarked(el, str, terms) {
    var last = 0;
    matches(str, terms).forEach(function (m) {
      if (m[0] > last) { el.appendChild(document.createTextNode(str.slice(last, m[0]))); }
      var mark = document.createElement("mark");
      mark.textContent = str.slice(m[0], m[1]);
      el.appendChild(mark);
      last = m[1];
    });
    if (last < str.length) { el.appendChild(document.createTextNode(str.slice(last))); }
  }

  // About 160 characters of `body` around the first matched word.
  function snippet(body, terms) {
    var first = matches(body, terms)[0], at = first ? first[0] : -1;
    var start = at < 0 ? 0 : Math.max(0, at - 60);
    if (start > 0) { var space = body.indexOf(" ", start); if (space >= 0 && space < at) { start = space + 1; } }
    var end = Math.min(body.length, start + 160);
    if (end < body.length) { var sp = body.lastIndexOf(" ", end); if (sp > start + 80) { end = sp; } }
    return (start > 0 ? "… " : "") + body.slice(start, end).replace(/\s+/g, " ") + (end < body.length ? " …" : "");
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function link(url, className) {
    var a = el("a", className), href = safeUrl(url);
    if (href !== null) { a.setAttribute("href", href); }
    return a;
  }

  function childLabel(c) {
    return c.kind === "answer" ? (c.label ? t("js_search_answer_by", null, { label: c.label }) : t("js_search_kind_answer")) : c.label;
  }

  // One result: a list item holding a link (the title, kind, principle and snippet). In the
  // dropdown the link is an option of the listbox, so it holds no other link; on search.html
  // the sample answers and matching sections follow as links of their own. The snippet comes
  // later (its text loads on demand); `pending`, when given, collects the promise of it.
  function resultItem(r, id, option, pending) {
    var li = el("li", "search-result");
    var a = link(r.url, "search-result-link");
    if (option) {
      li.setAttribute("role", "none");
      a.setAttribute("role", "option");
      a.setAttribute("aria-selected", "false");
      a.setAttribute("tabindex", "-1");
      a.id = id;
    }
    var meta = el("span", "search-result-meta");
    var kind = el("span", "search-result-kind", kindLabel(r.kind));
    kind.setAttribute("data-kind", r.kind);
    meta.appendChild(kind);
    if (r.principle) { meta.appendChild(el("span", "search-result-principle", r.principle)); }
    if (r.answers.length > 0) {
      var n = r.answers.length;
      meta.appendChild(el("span", "search-result-count", t("js_search_answers", n)));
    }
    a.appendChild(meta);
    var terms = new Set(r.terms);
    var title = el("span", "search-result-title");
    appendMarked(title, r.title, terms);
    a.appendChild(title);
    var snip = el("span", "search-result-snippet");
    a.appendChild(snip);
    li.appendChild(a);
    if (r.children.length > 0 && !option) {
      var list = el("ul", "search-result-answers");
      r.children.slice().sort(function (x, y) { return y.matched - x.matched; }).forEach(function (c) {
        var item = el("li");
        var cl = link(c.url, "search-result-answer");
        cl.textContent = childLabel(c);
        if (c.matched) { cl.setAttribute("data-matched", "true"); }
        item.appendChild(cl);
        list.appendChild(item);
      });
      li.appendChild(list);
    }
    var from = r.children.filter(function (c) { return c.doc === r.best; })[0];
    var filled = api.engine.text(r.best).then(function (body) {
      if (!body) { return; }
      if (from) { snip.appendChild(el("span", "search-result-from", childLabel(from) + ": ")); }
      appendMarked(snip, snippet(body, terms), terms);
    }, function () {});
    if (pending) { pending.push(filled); }
    return li;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  function describe(results, q) {
    var n = results.total;
    return n === 0 ? t("js_search_none", null, { query: q }) : t("js_search_count", n, { query: q });
  }

  // ---- The box in the header (a dropdown) and the search page.
  function setup() {
    var input = document.getElementById("search-input");
    if (!input) { return; }
    var dropdown = document.getElementById("search-results");
    var list = dropdown && dropdown.querySelector("[role=listbox]");
    var status = dropdown && dropdown.querySelector(".search-results-status");
    var allLink = dropdown && dropdown.querySelector(".search-results-more a");
    var pageList = document.getElementById("search-page-results");
    var pageStatus = document.getElementById("search-status");
    var more = document.getElementById("search-more");
    var principleSelect = document.getElementById("search-principle");
    var tagSelect = document.getElementById("search-tag");
    var kindBoxes = Array.prototype.slice.call(document.querySelectorAll('input[name="kind"]'));
    var selected = -1, generation = 0, running = false, again = false, limit = PAGE_SIZE, lastKey = "";

    function options() {
      if (!pageList) { return { limit: DROPDOWN_SIZE }; }
      return {
        principle: principleSelect ? principleSelect.value : "",
        tag: tagSelect ? tagSelect.value : "",
        kinds: kindBoxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; }),
        limit: limit
      };
    }

    // search.html?q=…&principle=…&kind=…: the query and filters, for reload and sharing.
    function stateUrl(q, o) {
      var params = new URLSearchParams();
      if (q) { params.set("q", q); }
      if (o.principle) { params.set("principle", o.principle); }
      if (o.tag) { params.set("tag", o.tag); }
      if (o.kinds && o.kinds.length < kindBoxes.length) { o.kinds.forEach(function (k) { params.append("kind", k); }); }
      var s = params.toString();
      return s ? "?" + s : "";
    }

    function restore() {
      var params = new URLSearchParams(window.location.search);
      if (principleSelect && params.get("principle")) {
        var wanted = params.get("principle");
        if (Array.prototype.some.call(principleSelect.options, function (o) { return o.value === wanted; })) {
          principleSelect.value = wanted;
        }
      }
      if (tagSelect && params.get("tag")) {
        var tag = params.get("tag");
        if (Array.prototype.some.call(tagSelect.options, function (o) { return o.value === tag; })) {
          tagSelect.value = tag;
        }
      }
      var kinds = params.getAll("kind").join(",").split(",").filter(Boolean);
      if (kinds.length > 0) { kindBoxes.forEach(function (b) { b.checked = kinds.indexOf(b.value) >= 0; }); }
      return params.get("q") || "";
    }

    // The dropdown's options (links with role=option).
    function items() { return list ? list.querySelectorAll("[role=option]") : []; }

    function select(i) {
      var all = items();
      if (all.length === 0) { selected = -1; return; }
      selected = (i + all.length) % all.length;
      all.forEach(function (a, j) { a.setAttribute("aria-selected", j === selected ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", all[selected].id);
      all[selected].scrollIntoView({ block: "nearest" });
    }

    function hide() {
      if (dropdown) {
        dropdown.hidden = true;
        input.setAttribute("aria-expanded", "false");
        input.removeAttribute("aria-activedescendant");
      }
      selected = -1;
    }

    // On search.html the arrows move the focus through the result links (the field, then the
    // first result, and back); Enter follows a link as links do.
    function pageLinks() { return pageList.querySelectorAll(".search-result-link"); }
    function moveFocus(from, step) {
      var links = Array.prototype.slice.call(pageLinks()), at = links.indexOf(from) + step;
      if (at < 0) { input.focus(); return; }
      if (at < links.length) { links[at].focus(); }
    }

    // Runs at once on the first keystroke; keystrokes that arrive meanwhile are folded into
    // one more run when this one is done.
    function schedule() {
      if (running) { again = true; return; }
      running = true;
      run().then(function () {
        running = false;
        if (again) { again = false; schedule(); }
      });
    }

    function run() {
      var q = input.value.trim(), o = options(), mine = ++generation;
      // The dropdown, emptied for this query's results and shown with their count.
      function open(results) {
        clear(list);
        status.textContent = describe(results, q);
        dropdown.hidden = false;
        input.setAttribute("aria-expanded", "true");
        input.removeAttribute("aria-activedescendant");
        selected = -1;
      }
      var key = JSON.stringify([q, o.principle, o.tag, o.kinds]);
      // A new query or filter on the search page starts again at its first page of results
      // (the dropdown always asks for its own few).
      if (key !== lastKey) { limit = PAGE_SIZE; lastKey = key; if (pageList) { o.limit = limit; } }
      if (allLink) { allLink.setAttribute("href", root + "search.html" + stateUrl(q, {})); }
      if (pageList) {
        try {
          window.history.replaceState(null, "", window.location.pathname + stateUrl(q, o) + window.location.hash);
        } catch (e) { /* some browsers refuse history changes on file:// */ }
      }
      if (q === "") {
        if (pageList) {
          clear(pageList);
          pageStatus.textContent = t("js_search_prompt");
          if (more) { more.hidden = true; }
        }
        hide();
        return Promise.resolve();
      }
      if (!pageList) {
        // The dropdown shows each result as soon as it and those above it are in: the first
        // needs one title shard, not all of them.
        o.each = function (r, i, results) {
          if (mine !== generation || i >= DROPDOWN_SIZE) { return; }
          if (i === 0) { open(results); }
          list.appendChild(resultItem(r, "search-result-" + i, true));
        };
      }
      return query(q, o).then(function (results) {
        if (mine !== generation) { return; }
        if (pageList) {
          // Each result is shown once its snippet is in and those above it are shown, so it
          // only ever adds to the end of the list: nothing drawn moves.
          var pending = [], items = results.map(function (r) { return resultItem(r, null, false, pending); });
          var shown = Promise.resolve();
          var start = function () {
            clear(pageList);
            pageStatus.textContent = describe(results, q) +
              (results.total > results.length ? " " + t("js_search_showing", results.length) : "");
          };
          if (items.length === 0) { start(); }
          items.forEach(function (li, i) {
            shown = shown.then(function () { return pending[i]; }).then(function () {
              if (mine !== generation) { return; }
              if (i === 0) { start(); }
              pageList.appendChild(li);
            });
          });
          return shown.then(function () {
            if (mine === generation && more) { more.hidden = results.total <= results.length; }
          });
        }
        if (results.length === 0) { open(results); }
      }, function (err) {
        if (mine !== generation) { return; }
        var target = pageStatus || status;
        target.textContent = t("js_search_unavailable", null, { why: err.message });
        if (dropdown && !pageList) { dropdown.hidden = false; }
      });
    }

    input.addEventListener("focus", preload);
    input.addEventListener("pointerenter", preload);
    if (document.readyState === "complete") { whenIdle(preload); } else {
      window.addEventListener("load", function () { whenIdle(preload); });
    }
    input.addEventListener("input", schedule);
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" && pageList) { if (pageLinks().length > 0) { e.preventDefault(); moveFocus(null, 1); } }
      else if (e.key === "ArrowDown") { e.preventDefault(); select(selected + 1); }
      else if (e.key === "ArrowUp" && !pageList) { e.preventDefault(); select(selected - 1); }
      else if (e.key === "Escape") { hide(); }
      else if (e.key === "Enter") {
        var all = items();
        if (!pageList && selected >= 0 && all[selected]) {
          e.preventDefault();
          if (all[selected].href) { window.location.href = all[selected].href; }
        } else if (pageList) {
          e.preventDefault();
          schedule();
        }
      }
    });
    document.addEventListener("keydown", function (e) {
      var t = e.target, typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      if (!typing && !e.ctrlKey && !e.metaKey && !e.altKey && (e.key === "/" || e.key === "s")) {
        e.preventDefault();
        input.focus();
        input.select();
      }
    });
    document.addEventListener("click", function (e) {
      if (dropdown && !dropdown.hidden && !input.form.contains(e.target)) { hide(); }
    });
    if (pageList) {
      pageList.addEventListener("keydown", function (e) {
        var t = e.target;
        if (!t.classList || !t.classList.contains("search-result-link")) { return; }
        if (e.key === "ArrowDown") { e.preventDefault(); moveFocus(t, 1); }
        else if (e.key === "ArrowUp") { e.preventDefault(); moveFocus(t, -1); }
      });
    }
    if (principleSelect) { principleSelect.addEventListener("change", schedule); }
    if (tagSelect) { tagSelect.addEventListener("change", schedule); }
    kindBoxes.forEach(function (b) { b.addEventListener("change", schedule); });
    if (more) {
      more.addEventListener("click", function () { limit += PAGE_SIZE; schedule(); });
    }

    if (pageList) {
      var q = restore();
      if (q) { input.value = q; schedule(); }
    } else if (input.value.trim() !== "" && document.activeElement === input) {
      // Typed before this script was set up: search it now rather than at the next key.
      schedule();
    }
  }

  var api = {
    root: root,
    script: script,
    // search/*.js data files call this; search-engine.js replaces it when it loads.
    add: function (name, data) { api.pending[name] = data; },
    pending: Object.create(null),
    query: function (q, options) {
      return query(q, options).then(function (results) {
        return results.map(function (r) {
          return {
            kind: r.kind, title: r.title, url: r.url, principle: r.principleId, principles: r.principleIds,
            answers: r.answers.map(function (a) { return a.url; })
          };
        });
      });
    },
    tokenize: function (text, lang) {
      return script(root + "assets/search-text.js").then(function () { return window.prepbookText.terms(text, lang); });
    },
    lastQueryMs: 0,
    // True once the engine and the index are loaded (for the benchmark).
    loaded: false
  };
  window.prepbookSearch = api;

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
