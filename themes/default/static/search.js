/* prepbook search: loads the index written by `prepbook build` with classic <script> tags, so it
 * works from file:// with no network, and only when search is first used. Everything shown is
 * built with createElement and textContent: index data is text, never markup. */
(function () {
  "use strict";

  // ---- Tokenizer: keep identical to src/search/tokenize.rs (tests/data/tokenizer-cases.json).
  var MAX_TOKEN_CHARS = 40;
  var STOP = new Set([
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have", "i", "if",
    "in", "into", "is", "it", "its", "me", "my", "of", "on", "or", "our", "so", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "to", "was", "we", "were", "will", "with", "you",
    "your"
  ]);
  var SPLIT = /[^\p{Alphabetic}\p{N}]+/u;
  var APOSTROPHES = /['\u2018\u2019]/g;
  function tokenize(text) {
    return String(text).toLowerCase().replace(APOSTROPHES, "").split(SPLIT).filter(function (t) {
      return t !== "" && Array.from(t).length <= MAX_TOKEN_CHARS && !STOP.has(t);
    });
  }

  // ---- Varints, as written by src/search/index.rs.
  var TERMINAL = "0123456789abcdefghijklmnopqrstuv";
  var CONTINUATION = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  var DIGIT = new Int8Array(128).fill(-1);
  for (var i = 0; i < 32; i++) {
    DIGIT[TERMINAL.charCodeAt(i)] = i;
    DIGIT[CONTINUATION.charCodeAt(i)] = 32 + i;
  }
  function decode(s) {
    var out = [], v = 0;
    for (var i = 0; i < s.length; i++) {
      var d = DIGIT[s.charCodeAt(i)];
      if (d >= 32) { v = v * 32 + (d - 32); } else if (d >= 0) { out.push(v * 32 + d); v = 0; }
    }
    return out;
  }

  var KINDS = ["question", "principle", "answer", "tip", "page"];
  var KIND_LABELS = { question: "Question", principle: "Principle", answer: "Sample answer", tip: "Tip", page: "Guide" };
  // BM25 per field; a title match weighs TITLE_WEIGHT times a body match.
  var K1 = 1.2, B = 0.75, TITLE_WEIGHT = 3, LIMIT = 50;

  var root = document.documentElement.getAttribute("data-root") || "";
  var base = root + "search/";
  var loaded = Object.create(null);   // data file name -> parsed data
  var waiting = Object.create(null);  // data file name -> [resolve, reject] lists
  var index = null;                   // the decoded index.js record
  var indexPromise = null;

  function load(name) {
    if (loaded[name]) { return Promise.resolve(loaded[name]); }
    return new Promise(function (resolve, reject) {
      if (waiting[name]) { waiting[name].push([resolve, reject]); return; }
      waiting[name] = [[resolve, reject]];
      var s = document.createElement("script");
      s.src = base + name + ".js";
      s.async = true;
      s.onerror = function () {
        var w = waiting[name] || [];
        delete waiting[name];
        w.forEach(function (p) { p[1](new Error("cannot load " + s.src)); });
      };
      document.head.appendChild(s);
    });
  }

  function add(name, data) {
    loaded[name] = data;
    var w = waiting[name] || [];
    delete waiting[name];
    w.forEach(function (p) { p[0](data); });
  }

  function loadIndex() {
    if (!indexPromise) {
      indexPromise = load("index").then(function (m) {
        if (m.version !== 1) { throw new Error("search index format " + m.version + " is not supported"); }
        var terms = m.terms === "" ? [] : m.terms.split(" ");
        index = {
          meta: m,
          terms: terms,
          termIndex: new Map(terms.map(function (t, i) { return [t, i]; })),
          lengths: decode(m.lengths),
          titleLengths: decode(m.title_lengths),
          principles: decode(m.principles),
          postings: Object.create(null)
        };
        return index;
      });
    }
    return indexPromise;
  }

  // The shard holding item `i`, given the sorted start of each shard.
  function shardOf(starts, i) {
    var lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= i) { lo = mid; } else { hi = mid - 1; }
    }
    return lo;
  }

  function postingsOf(t) {
    var cached = index.postings[t];
    if (cached) { return cached; }
    var shard = shardOf(index.meta.postings, t);
    var list = decode(loaded["postings-" + shard][t - index.meta.postings[shard]]);
    var docs = new Int32Array(list.length / 2), tfs = new Int32Array(list.length / 2), doc = 0;
    for (var j = 0; j < list.length; j += 2) {
      doc += list[j];
      docs[j / 2] = doc;
      tfs[j / 2] = list[j + 1];
    }
    return (index.postings[t] = { docs: docs, tfs: tfs });
  }

  // Edit distance of a and b if at most max, else max + 1.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) { return max + 1; }
    var prev = new Array(b.length + 1), cur = new Array(b.length + 1);
    for (var j = 0; j <= b.length; j++) { prev[j] = j; }
    for (var i = 1; i <= a.length; i++) {
      cur[0] = i;
      var best = cur[0];
      for (var k = 1; k <= b.length; k++) {
        var cost = a[i - 1] === b[k - 1] ? 0 : 1;
        cur[k] = Math.min(prev[k] + 1, cur[k - 1] + 1, prev[k - 1] + cost);
        if (cur[k] < best) { best = cur[k]; }
      }
      if (best > max) { return max + 1; }
      var tmp = prev; prev = cur; cur = tmp;
    }
    return prev[b.length];
  }

  // Terms a query token stands for: [term index, weight] pairs.
  function candidates(tok, isLast) {
    var out = [], seen = new Set();
    var exact = index.termIndex.get(tok);
    if (exact !== undefined) { out.push([exact, 1]); seen.add(exact); }
    var terms = index.terms;
    if (isLast && tok.length >= 2) {
      var lo = 0, hi = terms.length;
      while (lo < hi) { var mid = (lo + hi) >> 1; if (terms[mid] < tok) { lo = mid + 1; } else { hi = mid; } }
      for (var i = lo, n = 0; i < terms.length && terms[i].startsWith(tok) && n < 40; i++) {
        if (!seen.has(i)) { out.push([i, 0.75]); seen.add(i); n++; }
      }
    }
    var chars = Array.from(tok).length;
    var max = chars >= 8 ? 2 : chars >= 5 ? 1 : 0;
    if (max > 0) {
      var fuzzy = [];
      for (var t = 0; t < terms.length; t++) {
        if (seen.has(t)) { continue; }
        var d = distance(tok, terms[t], max);
        if (d <= max) { fuzzy.push([t, d === 1 ? 0.5 : 0.3]); }
      }
      fuzzy.sort(function (x, y) { return y[1] - x[1]; });
      out = out.concat(fuzzy.slice(0, 20));
    }
    return out;
  }

  function query(q, options) {
    options = options || {};
    var started = performance.now();
    return loadIndex().then(function () {
      var toks = Array.from(new Set(tokenize(q)));
      if (toks.length === 0) { return []; }
      var perTok = toks.map(function (tok, i) { return candidates(tok, i === toks.length - 1); });
      var shards = new Set();
      perTok.forEach(function (c) { c.forEach(function (p) { shards.add(shardOf(index.meta.postings, p[0])); }); });
      return Promise.all(Array.from(shards, function (s) { return load("postings-" + s); })).then(function () {
        return rank(toks, perTok, options, started);
      });
    });
  }

  var scratch = null;   // per-document score arrays, reused between queries

  function contains(sorted, x) {
    var lo = 0, hi = sorted.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (sorted[mid] === x) { return true; }
      if (sorted[mid] < x) { lo = mid + 1; } else { hi = mid - 1; }
    }
    return false;
  }

  function rank(toks, perTok, options, started) {
    var m = index.meta, n = m.docs, avgdl = m.avgdl || 1, avgtl = m.avgtl || 1;
    var kinds = options.kinds ? new Set(options.kinds) : null;
    var principleFilter = -1;
    if (options.principle) {
      principleFilter = m.principle_list.findIndex(function (p) { return p[0] === options.principle; });
      if (principleFilter < 0) { return finish([], started); }
    }
    if (!scratch || scratch.n !== n) {
      scratch = { n: n, score: new Float64Array(n), best: new Float64Array(n), count: new Uint8Array(n) };
    }
    var score = scratch.score, best = scratch.best, count = scratch.count;
    score.fill(0);
    count.fill(0);
    var hit = [];   // documents matching at least one word
    perTok.forEach(function (cands) {
      var touched = [];
      cands.forEach(function (c) {
        var p = postingsOf(c[0]);
        var df = p.docs.length;
        var w = c[1] * Math.log(1 + (n - df + 0.5) / (df + 0.5));
        for (var j = 0; j < df; j++) {
          var d = p.docs[j], packed = p.tfs[j], tf = packed >> 2, ttf = packed & 3;
          var body = tf === 0 ? 0 : (tf * (K1 + 1)) / (tf + K1 * (1 - B + B * index.lengths[d] / avgdl));
          var title = ttf === 0 ? 0 : (ttf * (K1 + 1)) / (ttf + K1 * (1 - B + B * index.titleLengths[d] / avgtl));
          var s = w * (body + TITLE_WEIGHT * title);
          if (best[d] === 0) { touched.push(d); }
          if (s > best[d]) { best[d] = s; }
        }
      });
      for (var k = 0; k < touched.length; k++) {
        var d = touched[k];
        if (count[d] === 0) { hit.push(d); }
        score[d] += best[d];
        count[d] += 1;
        best[d] = 0;
      }
    });
    // Keep the best LIMIT: documents matching more of the query's words first, then by score.
    var top = [], total = 0;
    function better(a, b) { return count[a] - count[b] || score[a] - score[b] || b - a; }
    for (var i = 0; i < hit.length; i++) {
      var d = hit[i];
      if (kinds && !kinds.has(KINDS[m.kinds.charCodeAt(d) - 48])) { continue; }
      if (principleFilter >= 0 && index.principles[d] !== principleFilter + 1) { continue; }
      total++;
      if (top.length === LIMIT && better(d, top[LIMIT - 1]) <= 0) { continue; }
      var at = top.length;
      while (at > 0 && better(d, top[at - 1]) > 0) { at--; }
      top.splice(at, 0, d);
      if (top.length > LIMIT) { top.pop(); }
    }
    var results = top.map(function (d) {
      // The words to highlight: the candidate terms that matched this document.
      var terms = [];
      perTok.forEach(function (cands) {
        cands.forEach(function (c) { if (contains(postingsOf(c[0]).docs, d)) { terms.push(index.terms[c[0]]); } });
      });
      return { doc: d, kind: KINDS[m.kinds.charCodeAt(d) - 48], score: score[d], matched: count[d], terms: terms };
    });
    var shards = new Set(results.map(function (r) { return shardOf(m.doc_shards, r.doc); }));
    return Promise.all(Array.from(shards, function (s) { return load("docs-" + s); })).then(function () {
      results.forEach(function (r) {
        var s = shardOf(m.doc_shards, r.doc);
        var row = loaded["docs-" + s][r.doc - m.doc_shards[s]];
        var p = index.principles[r.doc];
        r.title = row[0];
        r.url = row[1];
        r.principle = p > 0 ? m.principle_list[p - 1][1] : "";
        r.principleId = p > 0 ? m.principle_list[p - 1][0] : "";
      });
      results.total = total;
      return finish(results, started);
    });
  }

  function finish(results, started) {
    api.lastQueryMs = performance.now() - started;
    return results;
  }

  function text(doc) {
    var m = index.meta, s = shardOf(m.text_shards, doc);
    return load("text-" + s).then(function (rows) { return rows[doc - m.text_shards[s]]; });
  }

  // ---- Showing results: elements and text nodes only, never markup from strings.

  // A relative URL from the index, or null if it is anything else.
  function safeUrl(url) {
    if (typeof url !== "string" || /^[a-z][a-z0-9+.-]*:/i.test(url) || /^[\/\\]/.test(url)) { return null; }
    return root + url;
  }

  // Appends `str` to `el`, wrapping words whose token is in `terms` in <mark>.
  function appendMarked(el, str, terms) {
    var re = /[\p{Alphabetic}\p{N}'\u2018\u2019]+/gu, last = 0, match;
    while ((match = re.exec(str)) !== null) {
      var t = match[0].toLowerCase().replace(APOSTROPHES, "");
      if (terms.has(t)) {
        if (match.index > last) { el.appendChild(document.createTextNode(str.slice(last, match.index))); }
        var mark = document.createElement("mark");
        mark.textContent = match[0];
        el.appendChild(mark);
        last = match.index + match[0].length;
      }
    }
    if (last < str.length) { el.appendChild(document.createTextNode(str.slice(last))); }
  }

  // About 160 characters of `body` around the first matched word.
  function snippet(body, terms) {
    var re = /[\p{Alphabetic}\p{N}'\u2018\u2019]+/gu, match, at = -1;
    while ((match = re.exec(body)) !== null) {
      if (terms.has(match[0].toLowerCase().replace(APOSTROPHES, ""))) { at = match.index; break; }
    }
    var start = at < 0 ? 0 : Math.max(0, at - 60);
    if (start > 0) { var space = body.indexOf(" ", start); if (space >= 0 && space < at) { start = space + 1; } }
    var end = Math.min(body.length, start + 160);
    if (end < body.length) { var sp = body.lastIndexOf(" ", end); if (sp > start + 80) { end = sp; } }
    return (start > 0 ? "… " : "") + body.slice(start, end).replace(/\s+/g, " ") + (end < body.length ? " …" : "");
  }

  function resultItem(r, id) {
    var li = document.createElement("li");
    li.className = "search-result";
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", "false");
    if (id) { li.id = id; }
    var a = document.createElement("a");
    a.className = "search-result-link";
    var href = safeUrl(r.url);
    if (href !== null) { a.setAttribute("href", href); }
    var meta = document.createElement("span");
    meta.className = "search-result-meta";
    var kind = document.createElement("span");
    kind.className = "search-result-kind";
    kind.textContent = KIND_LABELS[r.kind] || r.kind;
    meta.appendChild(kind);
    if (r.principle) {
      var p = document.createElement("span");
      p.className = "search-result-principle";
      p.textContent = r.principle;
      meta.appendChild(p);
    }
    a.appendChild(meta);
    var terms = new Set(r.terms);
    var title = document.createElement("span");
    title.className = "search-result-title";
    appendMarked(title, r.title, terms);
    a.appendChild(title);
    var snip = document.createElement("p");
    snip.className = "search-result-snippet";
    a.appendChild(snip);
    li.appendChild(a);
    text(r.doc).then(function (body) { if (body) { appendMarked(snip, snippet(body, terms), terms); } }, function () {});
    return li;
  }

  function clear(el) { while (el.firstChild) { el.removeChild(el.firstChild); } }

  function describe(results, q) {
    var n = results.total || results.length;
    return (n === 0 ? "No results" : n === 1 ? "1 result" : n + " results") + " for “" + q + "”";
  }

  // ---- The box in the header (a dropdown) and the search page.
  function setup() {
    var input = document.getElementById("search-input");
    if (!input) { return; }
    var dropdown = document.getElementById("search-results");
    var list = dropdown && dropdown.querySelector("ol");
    var status = dropdown && dropdown.querySelector(".search-results-status");
    var pageList = document.getElementById("search-page-results");
    var pageStatus = document.getElementById("search-status");
    var principleSelect = document.getElementById("search-principle");
    var kindBoxes = Array.prototype.slice.call(document.querySelectorAll('input[name="kind"]'));
    var selected = -1, generation = 0, running = false, again = false;

    function options() {
      if (!pageList) { return {}; }
      return {
        principle: principleSelect ? principleSelect.value : "",
        kinds: kindBoxes.map(function (b) { return b.checked ? b.value : null; }).filter(Boolean)
      };
    }

    function items() { return list ? list.querySelectorAll(".search-result") : []; }

    function select(i) {
      var all = items();
      if (all.length === 0) { selected = -1; return; }
      selected = (i + all.length) % all.length;
      all.forEach(function (li, j) { li.setAttribute("aria-selected", j === selected ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", all[selected].id);
      all[selected].scrollIntoView({ block: "nearest" });
    }

    function hide() {
      if (dropdown) { dropdown.hidden = true; }
      input.setAttribute("aria-expanded", "false");
      selected = -1;
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
      var q = input.value.trim();
      var mine = ++generation;
      if (pageList) {
        try {
          var url = new URL(window.location.href);
          url.searchParams.set("q", q);
          window.history.replaceState(null, "", url.toString());
        } catch (e) { /* some browsers refuse history changes on file:// */ }
      }
      if (q === "") {
        if (pageList) { clear(pageList); pageStatus.textContent = "Type a few words to search the handbook."; }
        hide();
        return Promise.resolve();
      }
      return query(q, options()).then(function (results) {
        if (mine !== generation) { return; }
        if (pageList) {
          clear(pageList);
          results.forEach(function (r, i) { pageList.appendChild(resultItem(r, "search-page-result-" + i)); });
          pageStatus.textContent = describe(results, q);
          return;
        }
        clear(list);
        results.slice(0, 10).forEach(function (r, i) { list.appendChild(resultItem(r, "search-result-" + i)); });
        status.textContent = describe(results, q);
        dropdown.hidden = false;
        input.setAttribute("aria-expanded", "true");
        selected = -1;
      }, function (err) {
        if (mine !== generation) { return; }
        var target = pageStatus || status;
        target.textContent = "Search is unavailable: " + err.message;
        if (dropdown && !pageList) { dropdown.hidden = false; }
      });
    }

    input.addEventListener("focus", function () { loadIndex().catch(function () {}); });
    input.addEventListener("input", schedule);
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" && !pageList) { e.preventDefault(); select(selected + 1); }
      else if (e.key === "ArrowUp" && !pageList) { e.preventDefault(); select(selected - 1); }
      else if (e.key === "Escape") { hide(); }
      else if (e.key === "Enter") {
        var all = items();
        if (!pageList && selected >= 0 && all[selected]) {
          e.preventDefault();
          var link = all[selected].querySelector("a[href]");
          if (link) { window.location.href = link.href; }
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
    if (principleSelect) { principleSelect.addEventListener("change", schedule); }
    kindBoxes.forEach(function (b) { b.addEventListener("change", schedule); });

    if (pageList) {
      var q = new URLSearchParams(window.location.search).get("q");
      if (q) { input.value = q; schedule(); }
    }
  }

  var api = {
    add: add,
    query: function (q, options) {
      return query(q, options).then(function (results) {
        return results.map(function (r) {
          return { kind: r.kind, title: r.title, url: r.url, principle: r.principleId };
        });
      });
    },
    tokenize: tokenize,
    lastQueryMs: 0
  };
  window.prepbookSearch = api;

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
