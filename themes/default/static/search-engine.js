/* prepbook search: the index written by `prepbook build` (src/search/index.rs), its loading with
 * classic <script> tags (which work from file://), and ranking. Loaded by search.js when search
 * is first used, beside search-text.js. */
(function () {
  "use strict";

  // search-text.js may load after this file: read it when first needed.
  function rules() { return window.prepbookText; }
  var api = window.prepbookSearch;
  var KINDS = ["question", "principle", "answer", "tip", "page", "story"];
  // Postings hold each document's BM25 score for the term, scored at build time
  // (src/search/index.rs `impact`); here it is weighted by the term's rarity.
  var LIMIT = 50;

  // ---- Varints, as written by src/search/index.rs.
  var TERMINAL = "0123456789abcdefghijklmnopqrstuv";
  var CONTINUATION = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  var DIGIT = new Int8Array(128).fill(-1);
  for (var i = 0; i < 32; i++) {
    DIGIT[TERMINAL.charCodeAt(i)] = i;
    DIGIT[CONTINUATION.charCodeAt(i)] = 32 + i;
  }
  function decode(s) {
    var n = 0, i, d;
    for (i = 0; i < s.length; i++) { d = DIGIT[s.charCodeAt(i)]; if (d >= 0 && d < 32) { n++; } }
    var out = new Int32Array(n), v = 0, k = 0;
    for (i = 0; i < s.length; i++) {
      d = DIGIT[s.charCodeAt(i)];
      if (d >= 32) { v = v * 32 + (d - 32); } else if (d >= 0) { out[k++] = v * 32 + d; v = 0; }
    }
    return out;
  }

  var base = api.root + "search/";
  var loaded = api.pending;            // data file name -> parsed data
  var waiting = Object.create(null);  // data file name -> [resolve, reject] lists
  var index = null;                   // the decoded index.js record
  var indexPromise = null;

  function load(name) {
    if (loaded[name]) { return Promise.resolve(loaded[name]); }
    return new Promise(function (resolve, reject) {
      if (waiting[name]) { waiting[name].push([resolve, reject]); return; }
      waiting[name] = [[resolve, reject]];
      api.script(base + name + ".js").catch(function (err) {
        var w = waiting[name] || [];
        delete waiting[name];
        w.forEach(function (p) { p[1](err); });
      });
    });
  }

  function add(name, data) {
    loaded[name] = data;
    var w = waiting[name] || [];
    delete waiting[name];
    w.forEach(function (p) { p[0](data); });
  }

  // Everything here is read in place from index.js's strings, with no pass over all documents,
  // so the index is ready as soon as its script has run.
  function loadIndex() {
    if (!indexPromise) {
      indexPromise = load("index").then(function (m) {
        if (m.version !== 5) { throw new Error("search index format " + m.version + " is not supported"); }
        index = {
          meta: m,
          terms: m.terms === "" ? [] : m.terms.split(" "),
          principleDocs: null,
          tagDocs: null,
          postings: Object.create(null)
        };
        // Made while the reader has not typed yet: at 100,000s of documents these arrays are
        // megabytes, and making them during the first query delayed its results.
        ensureScratch(m.docs);
        return index;
      });
    }
    return indexPromise;
  }

  // kinds[d] is "0" + kind for a document on its own, "a" + kind for one shown under the
  // nearest such document before it.
  function hasParent(d) { return index.meta.kinds.charCodeAt(d) >= 97; }

  function parentOf(d) {
    var kinds = index.meta.kinds;
    if (kinds.charCodeAt(d) < 97) { return -1; }
    while (d > 0 && kinds.charCodeAt(d) >= 97) { d--; }
    return d;
  }

  // The documents that name principle `p` (or carry tag `p`), as a byte per document
  // (decoded on first use of the filter, one list only).
  function groupDocs(cacheName, lists, p) {
    var cache = index[cacheName] || (index[cacheName] = []);
    if (!cache[p]) {
      var list = decode(lists[p] || ""), has = new Uint8Array(index.meta.docs);
      for (var i = 0, doc = 0; i < list.length; i++) { doc += list[i]; has[doc] = 1; doc += 1; }
      cache[p] = has;
    }
    return cache[p];
  }
  function principleDocs(p) { return groupDocs("principleDocs", index.meta.principle_docs, p); }
  function tagDocs(t) { return groupDocs("tagDocs", index.meta.tag_docs, t); }

  // The number of term `t`, or undefined.
  function termNumber(t) {
    var i = lowerBound(t);
    return index.terms[i] === t ? i : undefined;
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
    return (index.postings[t] = decodePostings(loaded["postings-" + shard][t - index.meta.postings[shard]]));
  }

  // One pass over the varints of a postings list, which alternate document delta and impact.
  function decodePostings(s) {
    var docs = new Int32Array(s.length >> 1), impacts = new Int32Array(s.length >> 1);
    var n = 0, doc = 0, v = 0, second = false;
    for (var i = 0; i < s.length; i++) {
      var d = DIGIT[s.charCodeAt(i)];
      if (d >= 32) { v = v * 32 + (d - 32); continue; }
      v = v * 32 + d;
      if (second) { impacts[n++] = v; } else { doc += v; docs[n] = doc; }
      second = !second;
      v = 0;
    }
    return { docs: docs.subarray(0, n), impacts: impacts.subarray(0, n) };
  }

  // Edit distance of a and b if at most max, else max + 1. It is worked out for every term of
  // the index on each query, so the two rows are kept between calls.
  var rowA = new Int32Array(32), rowB = new Int32Array(32);
  function distance(a, b, max) {
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > max) { return max + 1; }
    if (lb + 1 > rowA.length) { rowA = new Int32Array(lb + 1); rowB = new Int32Array(lb + 1); }
    var prev = rowA, cur = rowB;
    for (var j = 0; j <= lb; j++) { prev[j] = j; }
    for (var i = 1; i <= la; i++) {
      var ca = a.charCodeAt(i - 1), best = i;
      cur[0] = i;
      for (var k = 1; k <= lb; k++) {
        var v = prev[k - 1] + (ca === b.charCodeAt(k - 1) ? 0 : 1);
        if (prev[k] + 1 < v) { v = prev[k] + 1; }
        if (cur[k - 1] + 1 < v) { v = cur[k - 1] + 1; }
        cur[k] = v;
        if (v < best) { best = v; }
      }
      if (best > max) { return max + 1; }
      var tmp = prev; prev = cur; cur = tmp;
    }
    return prev[lb];
  }

  // The first term at or after `prefix` in the sorted term list.
  function lowerBound(prefix) {
    var terms = index.terms, lo = 0, hi = terms.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (terms[mid] < prefix) { lo = mid + 1; } else { hi = mid; } }
    return lo;
  }

  // Terms a query token stands for: [term index, weight] pairs. The token's stem counts fully;
  // the last word also matches as a prefix; other forms of a word, and typos, count less.
  function candidates(tok, isLast) {
    var out = [], seen = new Set(), terms = index.terms, lang = index.meta.language;
    var T = rules(), s = T.stem(tok, lang), chars = Array.from(tok), unspaced = chars.some(T.isUnspaced);
    function take(t, w) { if (t !== undefined && !seen.has(t)) { out.push([t, w]); seen.add(t); } }
    function prefixed(p, max, w) {
      for (var i = lowerBound(p), n = 0; i < terms.length && terms[i].startsWith(p) && n < 40; i++) {
        if (terms[i].length - p.length <= max) { take(i, w); n++; }
      }
    }
    take(termNumber(s), 1);
    if (isLast && (chars.length >= 2 || unspaced)) {
      prefixed(tok, Infinity, 0.75);
      if (s !== tok) { prefixed(s, Infinity, 0.75); }
    }
    if (unspaced) { return out; }
    // Forms the stemmer keeps apart (fail, failure): a stem a little longer than this one, and
    // the longest stem that the typed word starts with.
    if (s.length >= 4) { prefixed(s, 2, 0.8); }
    for (var n = chars.length - 1, min = Math.max(4, chars.length - 3); n >= min; n--) {
      var p = termNumber(chars.slice(0, n).join(""));
      if (p !== undefined && !seen.has(p)) { take(p, 0.8); break; }
    }
    var max = chars.length >= 8 ? 2 : chars.length >= 5 ? 1 : 0;
    if (max > 0) {
      var fuzzy = [];
      for (var t = 0, ls = s.length; t < terms.length; t++) {
        if (Math.abs(terms[t].length - ls) > max || seen.has(t)) { continue; }
        var d = distance(s, terms[t], max);
        if (d <= max) { fuzzy.push([t, d === 1 ? 0.5 : 0.3]); }
      }
      fuzzy.sort(function (x, y) { return y[1] - x[1]; });
      fuzzy.slice(0, 20).forEach(function (f) { take(f[0], f[1]); });
    }
    return out;
  }

  function query(q, options) {
    options = options || {};
    var started = performance.now();
    return loadIndex().then(function () {
      var toks = Array.from(new Set(rules().tokenize(q, index.meta.language)));
      if (toks.length === 0) { return finish([], started); }
      // The shards of the words' own stems are asked for at once: working out their other
      // forms (prefixes, typos) takes a few milliseconds, which the loading can use.
      toks.forEach(function (tok) {
        var t = termNumber(rules().stem(tok, index.meta.language));
        if (t !== undefined) { load("postings-" + shardOf(index.meta.postings, t)).catch(function () {}); }
      });
      var perTok = toks.map(function (tok, i) { return candidates(tok, i === toks.length - 1); });
      // The candidate terms by postings shard. Each shard's lists are decoded as soon as it
      // has arrived, while the others are still loading; ranking waits for all of them.
      var shards = new Map();
      perTok.forEach(function (c) {
        c.forEach(function (p) {
          var s = shardOf(index.meta.postings, p[0]);
          if (!shards.has(s)) { shards.set(s, []); }
          shards.get(s).push(p[0]);
        });
      });
      return Promise.all(Array.from(shards, function (e) {
        return load("postings-" + e[0]).then(function () { e[1].forEach(postingsOf); });
      })).then(function () {
        return rank(perTok, options, started);
      });
    });
  }

  var scratch = null;   // per-document score arrays, reused between queries
  function ensureScratch(n) {
    if (!scratch || scratch.n !== n) {
      scratch = {
        n: n, score: new Float64Array(n), best: new Float64Array(n), count: new Uint8Array(n),
        group: new Int32Array(n).fill(-1), touched: new Int32Array(n), hit: new Int32Array(n)
      };
    }
  }

  // The scores of the postings `p` of one term, weighted by `weight` and the term's rarity,
  // into best[d] (the best over a word's terms); documents met for the first time are appended
  // to touched[].
  function scoreTerm(p, weight, best, touched, ntouched) {
    var docs = p.docs, impacts = p.impacts, df = docs.length, n = index.meta.docs;
    var w = weight * Math.log(1 + (n - df + 0.5) / (df + 0.5));
    for (var j = 0; j < df; j++) {
      var d = docs[j], s = w * impacts[j];
      if (best[d] === 0) { touched[ntouched++] = d; }
      if (s > best[d]) { best[d] = s; }
    }
    return ntouched;
  }

  // The same for a word that stands for one term only: its scores go straight into score[],
  // and documents met for the first time in the query are appended to hits[].
  function addTerm(p, weight, score, count, hits, nhit) {
    var docs = p.docs, impacts = p.impacts, df = docs.length, n = index.meta.docs;
    var w = weight * Math.log(1 + (n - df + 0.5) / (df + 0.5));
    for (var j = 0; j < df; j++) {
      var d = docs[j];
      if (count[d] === 0) { hits[nhit++] = d; }
      score[d] += w * impacts[j];
      count[d] += 1;
    }
    return nhit;
  }

  function kindOf(d) { var c = index.meta.kinds.charCodeAt(d); return KINDS[c >= 97 ? c - 97 : c - 48]; }

  // The best `options.limit` results of the words' candidate terms `perTok`, without their
  // titles and URLs (see `rows`); null when a filter names nothing the index knows.
  function ranked(perTok, options) {
    var m = index.meta, n = m.docs, limit = options.limit || LIMIT;
    var kinds = options.kinds ? new Set(options.kinds) : null;
    var inPrinciple = null;
    if (options.principle) {
      var p = m.principle_list.findIndex(function (x) { return x[0] === options.principle; });
      if (p < 0) { return null; }
      inPrinciple = principleDocs(p);
    }
    var inTag = null;
    if (options.tag) {
      var tg = m.tag_list.findIndex(function (x) { return x[0] === options.tag; });
      if (tg < 0) { return null; }
      inTag = tagDocs(tg);
    }
    ensureScratch(n);
    var score = scratch.score, best = scratch.best, count = scratch.count, group = scratch.group;
    var touched = scratch.touched, hits = scratch.hit, nhit = 0;
    score.fill(0);
    count.fill(0);
    // Per word: each document's best score over the terms the word stands for, added up.
    for (var t = 0; t < perTok.length; t++) {
      var cands = perTok[t], ntouched = 0;
      if (cands.length === 1) {
        // One term for the word: its scores are the word's (one pass instead of two).
        nhit = addTerm(postingsOf(cands[0][0]), cands[0][1], score, count, hits, nhit);
        continue;
      }
      for (var c = 0; c < cands.length; c++) {
        ntouched = scoreTerm(postingsOf(cands[c][0]), cands[c][1], best, touched, ntouched);
      }
      for (var k = 0; k < ntouched; k++) {
        var d = touched[k];
        if (count[d] === 0) { hits[nhit++] = d; }
        score[d] += best[d];
        count[d] += 1;
        best[d] = 0;
      }
    }
    var hit = hits.subarray(0, nhit);   // documents matching at least one word
    // A document's final score: its sum scaled by the share of the query's words it matches.
    for (var h = 0; h < nhit; h++) { score[hit[h]] *= count[hit[h]] / perTok.length; }
    // Gather documents into results: a sample answer joins its question, and a section of a
    // principle or guide its first section, when that kind is shown.
    // group[key] is the best document of the result `key`, while ranking. The keys go in
    // touched[], free once the words are added up.
    var keys = touched, nkeys = 0;
    function shown(d) {
      return count[d] > 0 && (!kinds || kinds.has(kindOf(d))) &&
        (!inPrinciple || inPrinciple[d] === 1) && (!inTag || inTag[d] === 1);
    }
    function keyOf(d) {
      var parent = parentOf(d);
      return parent >= 0 && (!kinds || kinds.has(kindOf(parent))) ? parent : d;
    }
    var filtered = kinds !== null || inPrinciple !== null || inTag !== null, kindCodes = m.kinds;
    for (var i = 0; i < nhit; i++) {
      var d = hit[i];
      if (filtered && !shown(d)) { continue; }
      var key = d;
      if (filtered) { key = keyOf(d); } else { while (key > 0 && kindCodes.charCodeAt(key) >= 97) { key--; } }
      var g = group[key];
      if (g < 0) { keys[nkeys++] = key; group[key] = d; }
      else if (score[d] > score[g] || (score[d] === score[g] && d < g)) { group[key] = d; }
    }
    function final(d) { return score[d]; }
    function better(a, b) { return score[a] - score[b] || b - a; }
    // Keep the best `limit`.
    var top = [];
    for (var ki = 0; ki < nkeys; ki++) {
      var gk = keys[ki], gb = group[gk];
      group[gk] = -1;
      if (top.length === limit) {
        // Not better than the last kept: a lower score, or the same score and a later document.
        var last = top[limit - 1].best, diff = score[gb] - score[last];
        if (diff < 0 || (diff === 0 && gb > last)) { continue; }
      }
      var at = top.length;
      while (at > 0 && better(gb, top[at - 1].best) > 0) { at--; }
      top.splice(at, 0, { doc: gk, best: gb });
      if (top.length > limit) { top.pop(); }
    }
    top.forEach(function (g) {
      g.matched = [g.doc].concat(childrenOf(g.doc)).filter(function (d) { return shown(d) && keyOf(d) === g.doc; });
    });
    var results = top.map(function (g) {
      // The terms to highlight: the candidate terms found in the result's documents.
      var terms = [];
      perTok.forEach(function (cands) {
        cands.forEach(function (c) {
          var docs = postingsOf(c[0]).docs;
          if (g.matched.some(function (d) { return contains(docs, d); })) { terms.push(index.terms[c[0]]); }
        });
      });
      return { doc: g.doc, best: g.best, matched: g.matched, kind: kindOf(g.doc), score: final(g.best), terms: terms };
    });
    results.total = nkeys;
    return results;
  }

  function rank(perTok, options, started) {
    var results = ranked(perTok, options);
    if (!results) { return finish([], started); }
    return rows(results, options).then(function () { return finish(results, started); });
  }

  // Fills in the titles, URLs and nested documents of `results` from the docs shards. All the
  // shards they need load side by side; `options.each(result, i, results)` is called for each
  // result in order as soon as it and those above it are filled, so a list can show its first
  // results while later ones are still loading.
  function rows(results, options) {
    var m = index.meta, kinds = options.kinds ? new Set(options.kinds) : null;
    function fill(r) {
      var row = docRow(r.doc), p = row[2];
      r.title = row[0] || (hasParent(r.doc) ? docRow(parentOf(r.doc))[0] : "");
      r.url = row[1];
      r.principle = p.length > 0 ? m.principle_list[p[0]][1] : "";
      r.principleId = p.length > 0 ? m.principle_list[p[0]][0] : "";
      r.principleIds = p.map(function (x) { return m.principle_list[x][0]; });
      // Nested under the result: all its sample answers, and the other sections that matched.
      r.children = childrenOf(r.doc).filter(function (d) {
        return r.matched.indexOf(d) >= 0 || (kindOf(d) === "answer" && (!kinds || kinds.has("answer")));
      }).map(function (d) {
        var a = docRow(d);
        return { doc: d, kind: kindOf(d), url: a[1], label: a[3] || "", matched: r.matched.indexOf(d) >= 0 };
      });
      r.answers = r.children.filter(function (c) { return c.kind === "answer"; });
    }
    function shardsOf(r) {
      var wanted = [shardOf(m.doc_shards, r.doc)];
      // A sample answer's row leaves its title to its question's.
      if (hasParent(r.doc)) { wanted.push(shardOf(m.doc_shards, parentOf(r.doc))); }
      childrenOf(r.doc).forEach(function (d) { wanted.push(shardOf(m.doc_shards, d)); });
      return Promise.all(wanted.map(function (s) { return load("docs-" + s); }));
    }
    // The first result's shards are asked for alone, so that they do not share the reading
    // with the others; the rest follow as soon as they are in.
    var first = results.length > 0 ? shardsOf(results[0]) : Promise.resolve();
    var loading = results.map(function (r, i) {
      var all = i === 0 ? first : first.then(function () { return shardsOf(r); }, function () { return shardsOf(r); });
      // A failure is reported once, by the chain below, when it reaches this result.
      all.catch(function () {});
      return all;
    });
    var done = Promise.resolve();
    results.forEach(function (r, i) {
      done = done.then(function () { return loading[i]; }).then(function () {
        fill(r);
        if (options.each) { options.each(r, i, results); }
      });
    });
    return done;
  }

  // The documents shown under `d`: they follow it in the index.
  function childrenOf(d) {
    var out = [];
    if (hasParent(d)) { return out; }
    for (var c = d + 1; c < index.meta.docs && hasParent(c); c++) { out.push(c); }
    return out;
  }

  function docRow(d) {
    var s = shardOf(index.meta.doc_shards, d);
    return loaded["docs-" + s][d - index.meta.doc_shards[s]];
  }

  function contains(sorted, x) {
    var lo = 0, hi = sorted.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (sorted[mid] === x) { return true; }
      if (sorted[mid] < x) { lo = mid + 1; } else { hi = mid - 1; }
    }
    return false;
  }

  function finish(results, started) {
    if (results.total === undefined) { results.total = results.length; }
    api.lastQueryMs = performance.now() - started;
    return results;
  }

  function text(doc) {
    var m = index.meta, s = shardOf(m.text_shards, doc);
    return load("text-" + s).then(function (rows) { return rows[doc - m.text_shards[s]]; });
  }

  api.add = add;
  api.engine = {
    loadIndex: loadIndex,
    query: query,
    text: text,
    language: function () { return index ? index.meta.language : ""; }
  };
})();
