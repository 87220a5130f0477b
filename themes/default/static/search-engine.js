/* prepbook search: the index written by `prepbook build` (src/search/index.rs), its loading with
 * classic <script> tags (which work from file://), and ranking. Loaded by search.js when search
 * is first used, beside search-text.js. */
(function () {
  "use strict";

  // search-text.js may load after this file: read it when first needed.
  function rules() { return window.prepbookText; }
  var api = window.prepbookSearch;
  var KINDS = ["question", "principle", "answer", "tip", "page", "story"];
  // BM25 per field; a title match weighs TITLE_WEIGHT times a body match.
  var K1 = 1.2, B = 0.75, TITLE_WEIGHT = 3, LIMIT = 50;

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

  function loadIndex() {
    if (!indexPromise) {
      indexPromise = load("index").then(function (m) {
        if (m.version !== 2) { throw new Error("search index format " + m.version + " is not supported"); }
        var terms = m.terms === "" ? [] : m.terms.split(" ");
        // Principles: document d's list is codes[starts[d] .. starts[d] + codes[starts[d] - 1]);
        // a document with a parent and no list of its own has its parent's. parents[d] is its
        // parent + 1, or 0; the index holds how far back the parent is.
        var codes = decode(m.principles), starts = new Int32Array(m.docs), parents = decode(m.parents);
        for (var d = 0, at = 0; d < m.docs; d++) {
          var parent = parents[d] > 0 ? d - parents[d] : -1;
          parents[d] = parent + 1;
          starts[d] = codes[at] === 0 && parent >= 0 ? starts[parent] : at + 1;
          at += 1 + codes[at];
        }
        index = {
          meta: m,
          terms: terms,
          termIndex: new Map(terms.map(function (t, i) { return [t, i]; })),
          lengths: decode(m.lengths),
          titleLengths: decode(m.title_lengths),
          principleCodes: codes,
          principleStarts: starts,
          parents: parents,
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
    take(index.termIndex.get(s), 1);
    if (isLast && (chars.length >= 2 || unspaced)) {
      prefixed(tok, Infinity, 0.75);
      if (s !== tok) { prefixed(s, Infinity, 0.75); }
    }
    if (unspaced) { return out; }
    // Forms the stemmer keeps apart (fail, failure): a stem a little longer than this one, and
    // the longest stem that the typed word starts with.
    if (s.length >= 4) { prefixed(s, 2, 0.8); }
    for (var n = chars.length - 1, min = Math.max(4, chars.length - 3); n >= min; n--) {
      var p = index.termIndex.get(chars.slice(0, n).join(""));
      if (p !== undefined && !seen.has(p)) { take(p, 0.8); break; }
    }
    var max = chars.length >= 8 ? 2 : chars.length >= 5 ? 1 : 0;
    if (max > 0) {
      var fuzzy = [];
      for (var t = 0; t < terms.length; t++) {
        if (seen.has(t)) { continue; }
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
      var perTok = toks.map(function (tok, i) { return candidates(tok, i === toks.length - 1); });
      var shards = new Set();
      perTok.forEach(function (c) { c.forEach(function (p) { shards.add(shardOf(index.meta.postings, p[0])); }); });
      return Promise.all(Array.from(shards, function (s) { return load("postings-" + s); })).then(function () {
        return rank(perTok, options, started);
      });
    });
  }

  var scratch = null;   // per-document score arrays, reused between queries

  function kindOf(d) { return KINDS[index.meta.kinds.charCodeAt(d) - 48]; }

  function rank(perTok, options, started) {
    var m = index.meta, n = m.docs, avgdl = m.avgdl || 1, avgtl = m.avgtl || 1, limit = options.limit || LIMIT;
    var kinds = options.kinds ? new Set(options.kinds) : null;
    var principleFilter = -1;
    if (options.principle) {
      principleFilter = m.principle_list.findIndex(function (p) { return p[0] === options.principle; });
      if (principleFilter < 0) { return finish([], started); }
    }
    if (!scratch || scratch.n !== n) {
      scratch = {
        n: n, score: new Float64Array(n), best: new Float64Array(n), count: new Uint8Array(n),
        group: new Int32Array(n).fill(-1)
      };
    }
    var score = scratch.score, best = scratch.best, count = scratch.count, group = scratch.group;
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
    // Gather documents into results: a sample answer joins its question, and a section of a
    // principle or guide its first section, when that kind is shown.
    // group[key] is the best document of the result `key`, while ranking.
    var keys = [];
    function shown(d) {
      return count[d] > 0 && (!kinds || kinds.has(kindOf(d))) &&
        (principleFilter < 0 || hasPrinciple(d, principleFilter));
    }
    function keyOf(d) {
      var parent = index.parents[d] - 1;
      return parent >= 0 && (!kinds || kinds.has(kindOf(parent))) ? parent : d;
    }
    for (var i = 0; i < hit.length; i++) {
      var d = hit[i];
      if (!shown(d)) { continue; }
      var key = keyOf(d);
      if (group[key] < 0) { keys.push(key); group[key] = d; }
      else if (better(d, group[key]) > 0) { group[key] = d; }
    }
    // A document's score, scaled by the share of the query's words it matches.
    function final(d) { return score[d] * count[d] / perTok.length; }
    function better(a, b) { return final(a) - final(b) || b - a; }
    // Keep the best `limit`.
    var top = [];
    keys.forEach(function (key) {
      var g = { doc: key, best: group[key] };
      group[key] = -1;
      if (top.length === limit && better(g.best, top[limit - 1].best) <= 0) { return; }
      var at = top.length;
      while (at > 0 && better(g.best, top[at - 1].best) > 0) { at--; }
      top.splice(at, 0, g);
      if (top.length > limit) { top.pop(); }
    });
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
    var wanted = new Set();
    results.forEach(function (r) {
      wanted.add(shardOf(m.doc_shards, r.doc));
      childrenOf(r.doc).forEach(function (d) { wanted.add(shardOf(m.doc_shards, d)); });
    });
    return Promise.all(Array.from(wanted, function (s) { return load("docs-" + s); })).then(function () {
      results.forEach(function (r) {
        var row = docRow(r.doc), p = principlesOf(r.doc);
        r.title = row[0];
        r.url = row[1];
        r.principle = p.length > 0 ? m.principle_list[p[0]][1] : "";
        r.principleId = p.length > 0 ? m.principle_list[p[0]][0] : "";
        r.principleIds = p.map(function (x) { return m.principle_list[x][0]; });
        // Nested under the result: all its sample answers, and the other sections that matched.
        r.children = childrenOf(r.doc).filter(function (d) {
          return r.matched.indexOf(d) >= 0 || (kindOf(d) === "answer" && (!kinds || kinds.has("answer")));
        }).map(function (d) {
          var a = docRow(d);
          return { doc: d, kind: kindOf(d), url: a[1], label: a[2] || "", matched: r.matched.indexOf(d) >= 0 };
        });
        r.answers = r.children.filter(function (c) { return c.kind === "answer"; });
      });
      results.total = keys.length;
      return finish(results, started);
    });
  }

  // The documents shown under `d`: they follow it in the index.
  function childrenOf(d) {
    var out = [];
    for (var c = d + 1; c < index.meta.docs && index.parents[c] === d + 1; c++) { out.push(c); }
    return out;
  }

  function hasPrinciple(d, p) {
    var codes = index.principleCodes, at = index.principleStarts[d], end = at + codes[at - 1];
    for (; at < end; at++) { if (codes[at] === p) { return true; } }
    return false;
  }

  function principlesOf(d) {
    var at = index.principleStarts[d];
    return Array.from(index.principleCodes.subarray(at, at + index.principleCodes[at - 1]));
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
