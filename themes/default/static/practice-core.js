/* prepbook practice mode, shared part: small DOM helpers, the texts (read through
 * assets/strings.js), the practice data read defensively, the reader's
 * progress in localStorage with spaced review, and a countdown timer. The other practice-*.js
 * files use it through window.prepbookPracticeCore; every string from the data is treated as
 * text (createElement and textContent only). Nothing here touches the network. */
(function () {
  "use strict";

  var P = {};
  P.MAX_SECONDS = 5999;
  var LEGACY_KEY = "prepbook-practice";
  var STORE_VERSION = 1;
  var DAY_MS = 24 * 60 * 60 * 1000;
  /** Leitner boxes 1 to 5: days until the next review of a question in each box. */
  P.BOX_DAYS = [1, 2, 4, 8, 16];

  P.root = document.documentElement.getAttribute("data-root") || "";

  // ---- Texts

  /** The text of `key` (its form for `n` when given), `{n}` and `{name}` filled from `args`:
   * assets/strings.js's reader, or the key itself if that script is missing. */
  P.t = function (key, n, args) {
    return window.prepbookT ? window.prepbookT(key, n, args) : key;
  };

  // ---- DOM helpers: elements and text nodes only.

  P.$ = function (id) { return document.getElementById(id); };

  P.el = function (tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  };

  P.clear = function (node) { while (node.firstChild) { node.removeChild(node.firstChild); } };

  /** A relative URL from the data, prefixed with the page's root; null for anything else. */
  P.safeUrl = function (url) {
    if (typeof url !== "string" || url === "" || /^[a-z][a-z0-9+.-]*:/i.test(url) || /^[\/\\]/.test(url)) { return null; }
    return P.root + url;
  };

  /** A link to `url` reading `text`, or a plain span when the URL is unusable. */
  P.link = function (url, text, className) {
    var href = P.safeUrl(url);
    var e = P.el(href === null ? "span" : "a", className, text);
    if (href !== null) { e.setAttribute("href", href); }
    return e;
  };

  /** Text split into paragraphs at blank lines. */
  P.paragraphs = function (parent, text, className) {
    String(text).split(/\n\s*\n/).forEach(function (para) {
      var t = para.replace(/\s+/g, " ").trim();
      if (t !== "") { parent.appendChild(P.el("p", className, t)); }
    });
  };

  P.shuffle = function (list) {
    var a = list.slice();
    for (var i = a.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = a[i]; a[i] = a[j]; a[j] = t;
    }
    return a;
  };

  P.formatTime = function (seconds) {
    var s = Math.max(0, Math.ceil(seconds - 1e-6));
    var m = Math.floor(s / 60), r = s % 60;
    return m + ":" + (r < 10 ? "0" : "") + r;
  };

  /** A length of time already spent, to the nearest second. */
  P.formatDuration = function (seconds) { return P.formatTime(Math.round(seconds)); };

  P.setStatus = function (node, text, kind) {
    if (!node) { return; }
    node.textContent = text;
    node.classList.toggle("is-error", kind === "error");
    node.classList.toggle("is-ok", kind === "ok");
  };

  // ---- The data, normalized: anything of the wrong type becomes empty, indices are checked.

  function str(x) { return typeof x === "string" ? x : ""; }
  function strOrNull(x) { return typeof x === "string" && x !== "" ? x : null; }
  function arr(x) { return Array.isArray(x) ? x : []; }
  function obj(x) { return x !== null && typeof x === "object" && !Array.isArray(x) ? x : {}; }
  function strings(x) { return arr(x).filter(function (s) { return typeof s === "string" && s !== ""; }); }

  function indices(list, n) {
    var seen = new Set();
    return arr(list).filter(function (i) {
      if (!Number.isInteger(i) || i < 0 || i >= n || seen.has(i)) { return false; }
      seen.add(i);
      return true;
    });
  }

  function sections(list) {
    return arr(list).filter(Array.isArray).map(function (s) { return [str(s[0]), str(s[1])]; });
  }

  function answer(a) {
    a = obj(a);
    return { framework: str(a.framework), persona: strOrNull(a.persona), sections: sections(a.sections) };
  }

  function story(s) {
    s = obj(s);
    return {
      title: str(s.title) || P.t("js_practice_untitled_story"), framework: str(s.framework),
      figures: strings(s.figures), short: strOrNull(s.short), sections: sections(s.sections), url: str(s.url)
    };
  }

  /** practice/data.js: what the page lists and picks from. A question's details (notes,
   * follow-ups, answers, stories) are in practice/details-N.js, N found from `details`, the
   * first question of each file; `pos` is the question's place in the file's list. */
  P.readData = function (raw) {
    raw = obj(raw);
    var principles = arr(raw.principles).map(function (p) {
      p = obj(p);
      return { id: str(p.id), title: str(p.title) || str(p.id), url: str(p.url) };
    });
    var questions = arr(raw.questions).map(function (q, pos) {
      q = obj(q);
      return {
        id: str(q.id), text: str(q.text), url: str(q.url), pos: pos,
        principles: indices(q.principles, principles.length),
        stage: strOrNull(q.stage), role: strOrNull(q.role), tags: strings(q.tags),
        behavioral: q.behavioral !== false,
        detail: null
      };
    }).filter(function (q) { return q.id !== "" && q.text !== ""; });
    var stages = arr(raw.stages).map(function (s) {
      s = obj(s);
      return { id: str(s.id), title: str(s.title) || str(s.id) };
    }).filter(function (s) { return s.id !== ""; });
    var tags = arr(raw.tags).map(function (s) {
      s = obj(s);
      return { id: str(s.id), title: str(s.title) || str(s.id) };
    }).filter(function (s) { return s.id !== ""; });
    var seconds = Number.isInteger(raw.seconds) && raw.seconds > 0 ? Math.min(raw.seconds, P.MAX_SECONDS) : 120;
    var special = raw.special && str(obj(raw.special).name) ? { name: str(raw.special.name), note: strOrNull(raw.special.note) } : null;
    var starts = arr(raw.details).filter(function (n) { return Number.isInteger(n) && n >= 0; });
    return {
      seconds: seconds, principles: principles, stages: stages, roles: strings(raw.roles), tags: tags,
      interviewers: strings(raw.interviewers), special: special, questions: questions,
      storyCount: Number.isInteger(raw.story_count) && raw.story_count > 0 ? raw.story_count : 0,
      details: starts
    };
  };

  // ---- A question's details, loaded with a classic <script> (file:// allows no fetch), one
  // file for a run of questions, once.

  var detailFiles = Object.create(null);  // file number -> Promise of its rows

  /** The number of the details file that holds the question at `pos`, or -1. */
  function detailFile(pos) {
    var starts = P.data.details, lo = 0, hi = starts.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (starts[mid] <= pos) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }

  P.detailPath = function (q) { return "practice/details-" + Math.max(0, detailFile(q.pos)) + ".js"; };

  function loadFile(n) {
    if (!detailFiles[n]) {
      detailFiles[n] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = P.root + "practice/details-" + n + ".js";
        s.async = true;
        s.onload = function () {
          var all = window.prepbookPracticeDetails, raw = all && typeof all === "object" ? all[n] : null;
          if (raw && typeof raw === "object") { resolve(obj(raw)); } else { reject(new Error("no data")); }
        };
        s.onerror = function () { reject(new Error("cannot load")); };
        document.head.appendChild(s);
      });
      // A file that failed is asked for again the next time.
      detailFiles[n].catch(function () { delete detailFiles[n]; });
    }
    return detailFiles[n];
  }

  /** The details of question `q` (notes, followUps, answers, stories), loaded once. */
  P.loadDetail = function (q) {
    if (q.detail) { return Promise.resolve(q.detail); }
    var n = detailFile(q.pos);
    if (n < 0) { return Promise.reject(new Error("no file")); }
    return loadFile(n).then(function (raw) {
      var row = obj(arr(raw.questions)[q.pos - P.data.details[n]]);
      // A row of another question (a details file of another build) is not shown as this one's.
      if (str(row.id) !== q.id) { throw new Error("not this question"); }
      var stories = arr(raw.stories);
      q.detail = {
        notes: str(row.notes), followUps: strings(row.follow_ups), answers: arr(row.answers).map(answer),
        stories: indices(row.stories, stories.length).map(function (i) { return story(stories[i]); })
      };
      return q.detail;
    });
  };

  /** What the page says when `q`'s details did not load. */
  P.detailError = function (q) { return P.t("js_practice_no_details", null, { file: P.detailPath(q) }); };

  // ---- Progress: {"version":1,"questions":{"<id>":{"practised":N,"rating":1..5,"last":"ISO",
  // "box":1..5,"due":"ISO"}}}, under one key per handbook.

  var site = obj(window.prepbookPracticeSite);
  P.site = { key: str(site.key) || LEGACY_KEY, slug: str(site.slug) || "prepbook", title: str(site.title) };

  P.emptyProgress = function () { return { version: STORE_VERSION, questions: Object.create(null) }; };
  P.progress = P.emptyProgress();
  P.storageWarning = "";

  function isDate(x) { return typeof x === "string" && x.length <= 40 && !isNaN(Date.parse(x)); }

  /** The progress record in `value`, checked and copied, or a string saying what is wrong. */
  P.checkProgress = function (value) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) { return P.t("js_practice_bad_object"); }
    if (value.version !== STORE_VERSION) { return P.t("js_practice_bad_version", null, { version: STORE_VERSION }); }
    var qs = value.questions;
    if (qs === null || typeof qs !== "object" || Array.isArray(qs)) { return P.t("js_practice_bad_questions"); }
    var out = P.emptyProgress();
    var ids = Object.keys(qs);
    if (ids.length > 100000) { return P.t("js_practice_bad_many"); }
    for (var i = 0; i < ids.length; i++) {
      var id = ids[i], e = qs[id], bad = function (key) { return P.t(key, null, { id: id }); };
      if (e === null || typeof e !== "object" || Array.isArray(e)) { return bad("js_practice_bad_entry"); }
      if (!Number.isInteger(e.practised) || e.practised < 0 || e.practised > 1e6) { return bad("js_practice_bad_practised"); }
      var entry = { practised: e.practised };
      if (e.rating !== undefined && e.rating !== null) {
        if (!Number.isInteger(e.rating) || e.rating < 1 || e.rating > 5) { return bad("js_practice_bad_rating"); }
        entry.rating = e.rating;
      }
      if (e.box !== undefined && e.box !== null) {
        if (!Number.isInteger(e.box) || e.box < 1 || e.box > P.BOX_DAYS.length) { return bad("js_practice_bad_box"); }
        entry.box = e.box;
      }
      var dates = ["last", "due"];
      for (var k = 0; k < dates.length; k++) {
        var d = e[dates[k]];
        if (d === undefined || d === null) { continue; }
        if (!isDate(d)) { return bad("js_practice_bad_date"); }
        entry[dates[k]] = d;
      }
      out.questions[id] = entry;
    }
    return out;
  };

  P.countEntries = function (p) { return Object.keys(p.questions).length; };

  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  /** Reads the progress of this handbook; a first visit takes over, from the key every
   * handbook once shared, the entries of questions this handbook has. */
  P.loadProgress = function (knownIds) {
    var store = storage();
    if (!store) { P.storageWarning = P.t("js_practice_no_storage"); return; }
    var raw = null, legacy = false;
    try {
      raw = store.getItem(P.site.key);
      if (raw === null && P.site.key !== LEGACY_KEY) { raw = store.getItem(LEGACY_KEY); legacy = raw !== null; }
    } catch (e) {
      P.storageWarning = P.t("js_practice_no_storage");
      return;
    }
    if (raw === null) { P.progress = P.emptyProgress(); return; }
    var parsed = null;
    try { parsed = JSON.parse(raw); } catch (e) { parsed = null; }
    var checked = P.checkProgress(parsed);
    if (typeof checked === "string") {
      P.progress = P.emptyProgress();
      if (!legacy) { P.storageWarning = P.t("js_practice_unreadable", null, { why: checked }); }
      return;
    }
    if (legacy && knownIds) {
      Object.keys(checked.questions).forEach(function (id) { if (!knownIds.has(id)) { delete checked.questions[id]; } });
    }
    P.progress = checked;
  };

  /** Saves the progress; false (with `onError` called) when the browser refuses. */
  P.saveProgress = function (onError) {
    var store = storage();
    try {
      if (!store) { throw new Error(P.t("js_practice_no_storage")); }
      if (P.countEntries(P.progress) === 0) { store.removeItem(P.site.key); } else { store.setItem(P.site.key, JSON.stringify(P.progress)); }
      return true;
    } catch (e) {
      if (onError) { onError(P.t("js_practice_save_failed", null, { why: e.message })); }
      return false;
    }
  };

  P.entryFor = function (id) {
    var e = P.progress.questions[id];
    if (!e) { e = P.progress.questions[id] = { practised: 0 }; }
    return e;
  };

  /** The Leitner box after rating a question in `box` (0 when new) with `rating`: a poor
   * answer goes back to box 1, an okay one stays, a good one moves up a box. */
  P.nextBox = function (box, rating) {
    if (rating <= 2) { return 1; }
    if (rating === 3) { return Math.max(1, box || 0); }
    return Math.min(P.BOX_DAYS.length, (box || 0) + 1);
  };

  P.dueDate = function (box, now) { return new Date(now + P.BOX_DAYS[box - 1] * DAY_MS).toISOString(); };

  /** "new" (never practised), "due" (its review date has come, or it was never rated) or "later". */
  P.reviewState = function (id, now) {
    var e = P.progress.questions[id];
    if (!e || !(e.practised > 0 || e.rating)) { return "new"; }
    if (!e.due) { return "due"; }
    return Date.parse(e.due) <= (now || Date.now()) ? "due" : "later";
  };

  /** Sorts question indices for review: due and new first, the lowest-rated (new ones count as
   * 0) before the rest, the order among equals random. */
  P.reviewOrder = function (list, questions) {
    var now = Date.now();
    return P.shuffle(list).map(function (i) {
      var id = questions[i].id, state = P.reviewState(id, now), e = P.progress.questions[id];
      return { i: i, later: state === "later" ? 1 : 0, rating: e && e.rating ? e.rating : 0 };
    }).sort(function (a, b) { return a.later - b.later || a.rating - b.rating; }).map(function (x) { return x.i; });
  };

  /** Merges `incoming` into the progress, question by question: the entry practised last wins.
   * Returns how many entries were added, updated and kept. */
  P.mergeProgress = function (incoming) {
    var counts = { added: 0, updated: 0, kept: 0 };
    Object.keys(incoming.questions).forEach(function (id) {
      var theirs = incoming.questions[id], ours = P.progress.questions[id];
      if (!ours) { P.progress.questions[id] = theirs; counts.added++; return; }
      var a = ours.last ? Date.parse(ours.last) : 0, b = theirs.last ? Date.parse(theirs.last) : 0;
      if (b > a) { P.progress.questions[id] = theirs; counts.updated++; } else { counts.kept++; }
    });
    return counts;
  };

  // ---- A countdown shown in `display` (and `note`, `toggle` when given).

  P.Timer = function (display, note, toggle) {
    this.display = display; this.note = note; this.toggle = toggle;
    this.target = this.remaining = 120; this.endsAt = 0; this.running = false; this.handle = null;
    this.onTick = null;
  };
  var T = P.Timer.prototype;
  T.render = function () {
    var up = this.remaining <= 0, d = this.display;
    d.textContent = P.formatTime(this.remaining);
    d.classList.toggle("time-up", up);
    d.classList.toggle("time-low", !up && this.remaining <= Math.min(15, this.target / 4));
    d.classList.toggle("time-paused", !this.running && !up);
    if (this.note) { this.note.textContent = up ? P.t("js_practice_time_up") : (this.running ? "" : P.t("js_practice_paused")); }
    if (this.toggle) {
      this.toggle.textContent = this.running ? P.t("js_practice_pause") : (up ? P.t("js_practice_restart_timer")
        : (this.remaining < this.target ? P.t("js_practice_resume") : P.t("js_practice_start")));
    }
    if (this.onTick) { this.onTick(this); }
  };
  T.tick = function () {
    this.remaining = Math.max(0, (this.endsAt - Date.now()) / 1000);
    if (this.remaining <= 0) { this.halt(); }
    this.render();
  };
  T.halt = function () {
    if (this.handle !== null) { clearInterval(this.handle); this.handle = null; }
    this.running = false;
  };
  T.start = function () {
    if (this.running) { return; }
    if (this.remaining <= 0) { this.remaining = this.target; }
    this.endsAt = Date.now() + this.remaining * 1000;
    this.running = true;
    var self = this;
    this.handle = setInterval(function () { self.tick(); }, 200);
    this.render();
  };
  T.pause = function () {
    if (!this.running) { return; }
    this.remaining = Math.max(0, (this.endsAt - Date.now()) / 1000);
    this.halt();
    this.render();
  };
  T.reset = function (seconds) {
    this.halt();
    this.target = this.remaining = seconds;
    this.render();
  };
  T.used = function () {
    var left = this.running ? Math.max(0, (this.endsAt - Date.now()) / 1000) : this.remaining;
    return this.target - left;
  };

  // ---- Shared by the parts: the data, principle and stage names, the question tags.

  P.data = null;

  P.principleOf = function (i) { return P.data.principles[i]; };

  P.stageTitle = function (id) {
    for (var i = 0; i < P.data.stages.length; i++) { if (P.data.stages[i].id === id) { return P.data.stages[i].title; } }
    return id;
  };

  P.questionById = function (id) {
    for (var i = 0; i < P.data.questions.length; i++) { if (P.data.questions[i].id === id) { return P.data.questions[i]; } }
    return null;
  };

  P.tags = function (q, parent, withLinks) {
    q.principles.forEach(function (pi, k) {
      var p = P.principleOf(pi);
      var t = withLinks ? P.link(p.url, p.title, "tag") : P.el("span", "tag", p.title);
      if (k === 0) { t.classList.add("tag-primary"); t.setAttribute("title", P.t("js_practice_main_principle")); }
      parent.appendChild(t);
      parent.appendChild(document.createTextNode(" "));
    });
    if (q.stage) { parent.appendChild(P.el("span", "badge badge-stage", P.stageTitle(q.stage))); parent.appendChild(document.createTextNode(" ")); }
    if (q.role) { parent.appendChild(P.el("span", "badge badge-role", q.role.toUpperCase())); }
  };

  /** "A, B and C". */
  P.titles = function (list) {
    var names = list.map(function (pi) { return P.principleOf(pi).title; });
    if (names.length <= 1) { return names.join(""); }
    return P.t("js_practice_and_list", null, { list: names.slice(0, -1).join(", "), last: names[names.length - 1] });
  };

  /** Called by the parts when progress changed (the table and the due counts redraw). */
  P.changed = [];
  P.notify = function () { P.changed.forEach(function (f) { f(); }); };

  window.prepbookPracticeCore = P;
})();
