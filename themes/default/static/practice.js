/* prepbook practice mode: drills against a timer, a "which principle?" quiz, mock interview days
 * and progress kept in this browser. The data comes from practice/data.js (a classic <script>
 * that sets window.prepbookPracticeData before this deferred script runs), so the page works
 * from file:// with no network. Every string in the data is treated as text: the page is built
 * with createElement and textContent only. Progress stays on the machine (localStorage); export
 * is a Blob download and import reads a local file. */
(function () {
  "use strict";

  var STORE_KEY = "prepbook-practice";
  var STORE_VERSION = 1;
  var EXPORT_NAME = "prepbook-progress.json";
  var MAX_IMPORT_BYTES = 5 * 1024 * 1024;
  var MAX_SECONDS = 5999;
  var LOW_SECONDS = 15;
  var RATING_WORDS = { 1: "rough", 2: "weak", 3: "okay", 4: "good", 5: "nailed it" };

  var root = document.documentElement.getAttribute("data-root") || "";

  // ---- Small DOM helpers: elements and text nodes only.

  function $(id) { return document.getElementById(id); }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  // A relative URL from the data, prefixed with the page's root; null for anything else
  // (a scheme such as javascript:, or an absolute path).
  function safeUrl(url) {
    if (typeof url !== "string" || url === "" || /^[a-z][a-z0-9+.-]*:/i.test(url) || /^[\/\\]/.test(url)) { return null; }
    return root + url;
  }

  // A link to `url` reading `text`, or a plain span when the URL is unusable.
  function link(url, text, className) {
    var href = safeUrl(url);
    var e = el(href === null ? "span" : "a", className, text);
    if (href !== null) { e.setAttribute("href", href); }
    return e;
  }

  // Text split into paragraphs at blank lines.
  function appendParagraphs(parent, text, className) {
    String(text).split(/\n\s*\n/).forEach(function (para) {
      var t = para.replace(/\s+/g, " ").trim();
      if (t !== "") { parent.appendChild(el("p", className, t)); }
    });
  }

  function shuffle(list) {
    var a = list.slice();
    for (var i = a.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = a[i]; a[i] = a[j]; a[j] = t;
    }
    return a;
  }

  function formatTime(seconds) {
    var s = Math.max(0, Math.ceil(seconds - 1e-6));
    var m = Math.floor(s / 60), r = s % 60;
    return m + ":" + (r < 10 ? "0" : "") + r;
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function setStatus(node, text, kind) {
    if (!node) { return; }
    node.textContent = text;
    node.classList.toggle("is-error", kind === "error");
    node.classList.toggle("is-ok", kind === "ok");
  }

  // ---- The data, normalized: anything of the wrong type becomes empty, indices are checked.

  function str(x) { return typeof x === "string" ? x : ""; }
  function strOrNull(x) { return typeof x === "string" && x !== "" ? x : null; }
  function arr(x) { return Array.isArray(x) ? x : []; }
  function obj(x) { return x !== null && typeof x === "object" && !Array.isArray(x) ? x : {}; }

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

  function readData(raw) {
    raw = obj(raw);
    var principles = arr(raw.principles).map(function (p) {
      p = obj(p);
      return { id: str(p.id), title: str(p.title) || str(p.id), url: str(p.url) };
    });
    var answers = arr(raw.answers).map(function (a) {
      a = obj(a);
      return { framework: str(a.framework), persona: strOrNull(a.persona), sections: sections(a.sections) };
    });
    var stories = arr(raw.stories).map(function (s) {
      s = obj(s);
      return {
        title: str(s.title) || "Untitled story",
        framework: str(s.framework),
        figures: arr(s.figures).filter(function (f) { return typeof f === "string" && f !== ""; }),
        short: strOrNull(s.short),
        sections: sections(s.sections),
        url: str(s.url)
      };
    });
    var questions = arr(raw.questions).map(function (q) {
      q = obj(q);
      return {
        id: str(q.id),
        text: str(q.text),
        url: str(q.url),
        principles: indices(q.principles, principles.length),
        stage: strOrNull(q.stage),
        role: strOrNull(q.role),
        answers: indices(q.answers, answers.length),
        stories: indices(q.stories, stories.length)
      };
    }).filter(function (q) { return q.id !== "" && q.text !== ""; });
    var stages = arr(raw.stages).map(function (s) {
      s = obj(s);
      return { id: str(s.id), title: str(s.title) || str(s.id) };
    }).filter(function (s) { return s.id !== ""; });
    var roles = arr(raw.roles).filter(function (r) { return typeof r === "string" && r !== ""; });
    var seconds = Number.isInteger(raw.seconds) && raw.seconds > 0 ? Math.min(raw.seconds, MAX_SECONDS) : 120;
    var interviewers = arr(raw.interviewers).filter(function (r) { return typeof r === "string" && r !== ""; });
    var special = raw.special && str(obj(raw.special).name) ? { name: str(raw.special.name), note: strOrNull(raw.special.note) } : null;
    return {
      seconds: seconds, principles: principles, stages: stages, roles: roles,
      interviewers: interviewers, special: special,
      questions: questions, answers: answers, stories: stories
    };
  }

  var data = null;

  function stageTitle(id) {
    for (var i = 0; i < data.stages.length; i++) { if (data.stages[i].id === id) { return data.stages[i].title; } }
    return id;
  }

  function principleOf(i) { return data.principles[i]; }

  function questionById(id) {
    for (var i = 0; i < data.questions.length; i++) { if (data.questions[i].id === id) { return data.questions[i]; } }
    return null;
  }

  // ---- Progress: {"version":1,"questions":{"<id>":{"practised":N,"rating":1..5,"last":"ISO date"}}}

  function emptyProgress() { return { version: STORE_VERSION, questions: Object.create(null) }; }

  var progress = emptyProgress();

  // The progress record in `value`, checked and copied, or a string saying what is wrong.
  function checkProgress(value) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) { return "it is not a JSON object"; }
    if (value.version !== STORE_VERSION) { return "it is not prepbook progress (version " + STORE_VERSION + ")"; }
    var qs = value.questions;
    if (qs === null || typeof qs !== "object" || Array.isArray(qs)) { return "its \"questions\" is not an object"; }
    var out = emptyProgress();
    var ids = Object.keys(qs);
    if (ids.length > 100000) { return "it lists too many questions"; }
    for (var i = 0; i < ids.length; i++) {
      var id = ids[i], e = qs[id];
      if (e === null || typeof e !== "object" || Array.isArray(e)) { return "the entry for \"" + id + "\" is not an object"; }
      if (!Number.isInteger(e.practised) || e.practised < 0 || e.practised > 1e6) {
        return "the entry for \"" + id + "\" has no valid \"practised\" count";
      }
      var entry = { practised: e.practised };
      if (e.rating !== undefined && e.rating !== null) {
        if (!Number.isInteger(e.rating) || e.rating < 1 || e.rating > 5) {
          return "the entry for \"" + id + "\" has a rating that is not 1 to 5";
        }
        entry.rating = e.rating;
      }
      if (e.last !== undefined && e.last !== null) {
        if (typeof e.last !== "string" || e.last.length > 40 || isNaN(Date.parse(e.last))) {
          return "the entry for \"" + id + "\" has a \"last\" that is not a date";
        }
        entry.last = e.last;
      }
      out.questions[id] = entry;
    }
    return out;
  }

  function countEntries(p) { return Object.keys(p.questions).length; }

  var storageWarning = "";

  function loadProgress() {
    var raw = null;
    try {
      raw = window.localStorage.getItem(STORE_KEY);
    } catch (e) {
      storageWarning = "This browser does not let the page keep your progress; it lasts until you close the page. Export it to keep it.";
      return;
    }
    if (raw === null) { progress = emptyProgress(); return; }
    var parsed = null;
    try { parsed = JSON.parse(raw); } catch (e) { parsed = null; }
    var checked = checkProgress(parsed);
    if (typeof checked === "string") {
      progress = emptyProgress();
      storageWarning = "The progress saved in this browser could not be read (" + checked + ") and was set aside.";
    } else {
      progress = checked;
    }
  }

  function saveProgress() {
    try {
      if (countEntries(progress) === 0) {
        window.localStorage.removeItem(STORE_KEY);
      } else {
        window.localStorage.setItem(STORE_KEY, JSON.stringify(progress));
      }
      return true;
    } catch (e) {
      setStatus($("progress-status"), "Your progress could not be saved in this browser (" + e.message + "). Export it to keep it.", "error");
      return false;
    }
  }

  function entryFor(id) {
    var e = progress.questions[id];
    if (!e) { e = progress.questions[id] = { practised: 0 }; }
    return e;
  }

  // ---- Drill

  var drill = {
    current: -1,       // index of the question shown
    counted: false,    // whether this showing already counted as practised
    revealed: false,
    bag: [],           // questions still to come for the current filters
    bagKey: null
  };

  var timer = { target: 120, remaining: 120, endsAt: 0, running: false, handle: null };

  function timerRender() {
    var t = $("drill-timer");
    var up = timer.remaining <= 0;
    t.textContent = formatTime(timer.remaining);
    t.classList.toggle("time-up", up);
    t.classList.toggle("time-low", !up && timer.remaining <= Math.min(LOW_SECONDS, timer.target / 4));
    t.classList.toggle("time-paused", !timer.running && !up);
    var clock = t.parentNode;
    if (clock) { clock.classList.toggle("time-up", up); }
    $("drill-timer-note").textContent = up ? "Time — wrap up your answer." : (timer.running ? "" : "Paused");
    var toggle = $("drill-timer-toggle");
    toggle.textContent = timer.running ? "Pause" : (up ? "Restart timer" : (timer.remaining < timer.target ? "Resume" : "Start"));
  }

  function timerTick() {
    timer.remaining = Math.max(0, (timer.endsAt - Date.now()) / 1000);
    if (timer.remaining <= 0) { timerStop(); }
    timerRender();
  }

  function timerStop() {
    if (timer.handle !== null) { clearInterval(timer.handle); timer.handle = null; }
    timer.running = false;
  }

  function timerStart() {
    if (timer.running) { return; }
    if (timer.remaining <= 0) { timer.remaining = timer.target; }
    timer.endsAt = Date.now() + timer.remaining * 1000;
    timer.running = true;
    timer.handle = setInterval(timerTick, 200);
    timerRender();
  }

  function timerPause() {
    if (!timer.running) { return; }
    timer.remaining = Math.max(0, (timer.endsAt - Date.now()) / 1000);
    timerStop();
    timerRender();
  }

  function timerReset(seconds) {
    timerStop();
    timer.target = timer.remaining = seconds;
    timerRender();
  }

  // The target in #drill-seconds, corrected in the field when it is not a whole number in range.
  function targetSeconds() {
    var input = $("drill-seconds");
    var n = Number(input.value);
    if (!Number.isFinite(n) || n < 1) { n = data.seconds; }
    n = Math.min(MAX_SECONDS, Math.round(n));
    if (String(n) !== input.value) { input.value = String(n); }
    return n;
  }

  function drillFilters() {
    return { principle: $("drill-principle").value, stage: $("drill-stage").value, role: $("drill-role").value };
  }

  function drillMatches(f) {
    var out = [];
    data.questions.forEach(function (q, i) {
      if (f.principle && !q.principles.some(function (p) { return principleOf(p).id === f.principle; })) { return; }
      if (f.stage && q.stage !== f.stage) { return; }
      if (f.role && q.role !== f.role) { return; }
      out.push(i);
    });
    return out;
  }

  // The next question for the filters: every matching question comes up once, in random order,
  // before any comes up again.
  function drillDraw() {
    var f = drillFilters();
    var key = JSON.stringify(f);
    if (key !== drill.bagKey || drill.bag.length === 0) {
      var matches = drillMatches(f);
      if (matches.length === 0) { drill.bag = []; drill.bagKey = null; return -1; }
      drill.bag = shuffle(matches);
      drill.bagKey = key;
      // Never the same question twice in a row when there is another.
      if (drill.bag.length > 1 && drill.bag[drill.bag.length - 1] === drill.current) {
        var t = drill.bag[0]; drill.bag[0] = drill.bag[drill.bag.length - 1]; drill.bag[drill.bag.length - 1] = t;
      }
    }
    return drill.bag.pop();
  }

  function tagsFor(q, parent, withLinks) {
    q.principles.forEach(function (pi, k) {
      var p = principleOf(pi);
      var t = withLinks ? link(p.url, p.title, "tag") : el("span", "tag", p.title);
      if (k === 0) {
        t.classList.add("tag-primary");
        t.setAttribute("title", "Main principle");
      }
      parent.appendChild(t);
      parent.appendChild(document.createTextNode(" "));
    });
    if (q.stage) { parent.appendChild(el("span", "badge badge-stage", stageTitle(q.stage))); parent.appendChild(document.createTextNode(" ")); }
    if (q.role) { parent.appendChild(el("span", "badge badge-role", q.role.toUpperCase())); }
  }

  function historyText(q) {
    var e = progress.questions[q.id];
    if (!e || (!e.practised && !e.rating)) { return "You have not practised this question yet."; }
    var parts = ["Practised " + (e.practised === 1 ? "once" : e.practised + " times")];
    if (e.rating) { parts.push("last rated " + e.rating + " of 5 (" + RATING_WORDS[e.rating] + ")"); }
    if (e.last) {
      var d = new Date(e.last);
      if (!isNaN(d.getTime())) { parts.push("last on " + d.toLocaleDateString()); }
    }
    return parts.join(" · ") + ".";
  }

  function drillNext() {
    var i = drillDraw();
    var status = $("drill-status");
    if (i < 0) {
      setStatus(status, "No question matches these filters. Choose “Any” for one of them.", "error");
      return;
    }
    var total = drillMatches(drillFilters()).length;
    setStatus(status, plural(total, "question matches", "questions match") + " these filters.");
    drill.current = i;
    drill.counted = false;
    drill.revealed = false;
    var q = data.questions[i];
    var qEl = $("drill-question");
    clear(qEl);
    qEl.setAttribute("data-question", q.id);
    qEl.appendChild(link(q.url, q.text, "practice-question-link"));
    var meta = $("drill-meta");
    clear(meta);
    tagsFor(q, meta, true);
    var answers = $("drill-answers");
    clear(answers);
    answers.hidden = true;
    var reveal = $("drill-reveal");
    reveal.setAttribute("aria-expanded", "false");
    reveal.textContent = "Show sample answers and your stories";
    Array.prototype.forEach.call(document.querySelectorAll('input[name="drill-rating"]'), function (r) { r.checked = false; });
    $("drill-history").textContent = historyText(q);
    $("drill-card").hidden = false;
    timerReset(targetSeconds());
    timerStart();
  }

  function answerBlock(a, level) {
    var art = el("article", "answer practice-answer");
    var h = el("h" + level, "answer-title", "Sample answer ");
    if (a.framework) { h.appendChild(el("span", "badge", a.framework)); }
    if (a.persona) { h.appendChild(el("span", "persona", a.persona)); }
    art.appendChild(h);
    a.sections.forEach(function (s) {
      var step = el("div", "step");
      step.appendChild(el("h" + (level + 1), "step-label", s[0]));
      appendParagraphs(step, s[1]);
      art.appendChild(step);
    });
    return art;
  }

  function storyBlock(s) {
    var art = el("article", "story-card");
    var h = el("h4", "story-title");
    h.appendChild(link(s.url, s.title));
    if (s.framework) { h.appendChild(document.createTextNode(" ")); h.appendChild(el("span", "badge", s.framework)); }
    art.appendChild(h);
    if (s.figures.length) {
      var figs = el("ul", "story-figures");
      figs.setAttribute("aria-label", "Figures");
      s.figures.forEach(function (f) { figs.appendChild(el("li", "badge badge-quiet", f)); });
      art.appendChild(figs);
    }
    if (s.short) {
      var short = el("div", "story-short");
      short.appendChild(el("p", "step-label", "60-second version"));
      appendParagraphs(short, s.short);
      art.appendChild(short);
    }
    if (s.sections.length) {
      var det = el("details", "story-full");
      det.appendChild(el("summary", null, "The full story"));
      s.sections.forEach(function (sec) {
        var step = el("div", "step");
        step.appendChild(el("p", "step-label", sec[0]));
        appendParagraphs(step, sec[1]);
        det.appendChild(step);
      });
      art.appendChild(det);
    }
    return art;
  }

  function fillDrillAnswers(q) {
    var box = $("drill-answers");
    clear(box);
    var answers = el("section", "drill-block");
    answers.appendChild(el("h3", null, q.answers.length > 1 ? "Sample answers" : "Sample answer"));
    if (q.answers.length === 0) {
      answers.appendChild(el("p", "muted", "There is no sample answer for this question yet."));
    }
    q.answers.forEach(function (ai) { answers.appendChild(answerBlock(data.answers[ai], 4)); });
    var more = el("p", "drill-more");
    more.appendChild(link(q.url, "Open the question page for notes and follow-up questions"));
    answers.appendChild(more);
    box.appendChild(answers);

    var stories = el("section", "drill-block");
    stories.appendChild(el("h3", null, "Your stories"));
    if (q.stories.length === 0) {
      stories.appendChild(el("p", "muted", data.stories.length === 0
        ? "You have not written any stories yet. Your own stories for this question would show here."
        : "None of your stories is linked to this question yet."));
    }
    q.stories.forEach(function (si) { stories.appendChild(storyBlock(data.stories[si])); });
    box.appendChild(stories);
  }

  function markPractised() {
    if (drill.current < 0) { return; }
    var q = data.questions[drill.current];
    var e = entryFor(q.id);
    if (!drill.counted) { e.practised += 1; drill.counted = true; }
    e.last = new Date().toISOString();
  }

  function drillReveal() {
    if (drill.current < 0) { return; }
    var box = $("drill-answers");
    var reveal = $("drill-reveal");
    if (!box.hidden) {
      box.hidden = true;
      reveal.setAttribute("aria-expanded", "false");
      reveal.textContent = "Show sample answers and your stories";
      return;
    }
    var q = data.questions[drill.current];
    if (!drill.revealed) { fillDrillAnswers(q); drill.revealed = true; }
    box.hidden = false;
    reveal.setAttribute("aria-expanded", "true");
    reveal.textContent = "Hide sample answers and your stories";
    markPractised();
    saveProgress();
    renderProgress();
  }

  function drillRate(rating) {
    if (drill.current < 0 || !(rating >= 1 && rating <= 5)) { return; }
    var q = data.questions[drill.current];
    markPractised();
    entryFor(q.id).rating = rating;
    saveProgress();
    renderProgress();
    $("drill-history").textContent = "Saved: you rated this answer " + rating + " of 5 (" + RATING_WORDS[rating] + ").";
  }

  function setupDrill() {
    var ps = $("drill-principle"), ss = $("drill-stage"), rs = $("drill-role");
    data.principles.forEach(function (p, i) {
      if (!p.id) { return; }
      var n = data.questions.filter(function (q) { return q.principles.indexOf(i) >= 0; }).length;
      var o = el("option", null, p.title + " (" + n + ")");
      o.value = p.id;
      ps.appendChild(o);
    });
    data.stages.forEach(function (s) {
      var o = el("option", null, s.title);
      o.value = s.id;
      ss.appendChild(o);
    });
    data.roles.forEach(function (r) {
      var o = el("option", null, r.toUpperCase() + " questions");
      o.value = r;
      rs.appendChild(o);
    });
    var seconds = $("drill-seconds");
    seconds.value = String(data.seconds);
    timerReset(data.seconds);
    seconds.addEventListener("change", function () {
      var n = targetSeconds();
      var wasRunning = timer.running;
      timerReset(n);
      if (wasRunning) { timerStart(); }
    });
    [ps, ss, rs].forEach(function (s) {
      s.addEventListener("change", function () {
        var n = drillMatches(drillFilters()).length;
        setStatus($("drill-status"), n === 0
          ? "No question matches these filters."
          : plural(n, "question matches", "questions match") + " these filters.", n === 0 ? "error" : null);
      });
    });
    $("drill-next").addEventListener("click", drillNext);
    $("drill-reveal").addEventListener("click", drillReveal);
    $("drill-timer-toggle").addEventListener("click", function () {
      if (timer.running) { timerPause(); } else { timerStart(); }
    });
    Array.prototype.forEach.call(document.querySelectorAll('input[name="drill-rating"]'), function (r) {
      r.addEventListener("change", function () { if (r.checked) { drillRate(Number(r.value)); } });
    });
  }

  // ---- Which principle?

  var quiz = { current: -1, answered: false, right: 0, total: 0, bag: [] };

  function quizDraw() {
    if (quiz.bag.length === 0) {
      var all = [];
      data.questions.forEach(function (q, i) { if (q.principles.length) { all.push(i); } });
      quiz.bag = shuffle(all);
      if (quiz.bag.length > 1 && quiz.bag[quiz.bag.length - 1] === quiz.current) { quiz.bag.unshift(quiz.bag.pop()); }
    }
    return quiz.bag.length ? quiz.bag.pop() : -1;
  }

  function quizNext() {
    var i = quizDraw();
    if (i < 0) { $("quiz-score").textContent = "There are no questions to quiz you on."; return; }
    quiz.current = i;
    quiz.answered = false;
    var q = data.questions[i];
    var qEl = $("quiz-question");
    qEl.textContent = q.text;
    qEl.setAttribute("data-question", q.id);
    var choices = $("quiz-choices");
    clear(choices);
    data.principles.forEach(function (p) {
      if (!p.id) { return; }
      var b = el("button", "quiz-choice", p.title);
      b.type = "button";
      b.setAttribute("data-principle", p.id);
      b.addEventListener("click", function () { quizChoose(p.id, b); });
      choices.appendChild(b);
    });
    var result = $("quiz-result");
    result.textContent = "";
    result.className = "quiz-result";
    var answer = $("quiz-answer");
    clear(answer);
    answer.hidden = true;
    $("quiz-card").hidden = false;
  }

  function titles(list) {
    var names = list.map(function (pi) { return principleOf(pi).title; });
    if (names.length <= 1) { return names.join(""); }
    return names.slice(0, -1).join(", ") + " and " + names[names.length - 1];
  }

  function quizChoose(id, button) {
    if (quiz.current < 0 || quiz.answered) { return; }
    quiz.answered = true;
    var q = data.questions[quiz.current];
    var tested = q.principles.map(function (pi) { return principleOf(pi).id; });
    var primary = principleOf(q.principles[0]);
    var others = q.principles.slice(1);
    var right = tested.indexOf(id) >= 0;
    quiz.total += 1;
    if (right) { quiz.right += 1; }
    Array.prototype.forEach.call($("quiz-choices").querySelectorAll("button"), function (b) {
      var pid = b.getAttribute("data-principle");
      b.setAttribute("aria-disabled", "true");
      if (pid === primary.id) { b.classList.add("is-primary"); }
      if (tested.indexOf(pid) >= 0) { b.classList.add("is-answer"); }
    });
    button.classList.add("is-chosen", right ? "is-right" : "is-wrong");
    var also = others.length ? " It also tests " + titles(others) + "." : "";
    var text;
    if (right && id === primary.id) {
      text = "Right — the main principle is " + primary.title + "." + also;
    } else if (right) {
      var chosenTitle = button.textContent;
      var rest = q.principles.filter(function (pi) { return principleOf(pi).id !== id && pi !== q.principles[0]; });
      text = "Right — " + chosenTitle + " is tested too; the main principle is " + primary.title + "." +
        (rest.length ? " It also tests " + titles(rest) + "." : "");
    } else {
      text = "Not quite — the main principle is " + primary.title + "." + also;
    }
    var result = $("quiz-result");
    result.textContent = text;
    result.className = "quiz-result " + (right ? "is-right" : "is-wrong");
    $("quiz-score").textContent = quiz.right + " of " + quiz.total + " right so far.";

    var answer = $("quiz-answer");
    clear(answer);
    if (q.answers.length) {
      answer.appendChild(answerBlock(data.answers[q.answers[0]], 3));
    }
    var more = el("p", "drill-more");
    more.appendChild(link(q.url, q.answers.length > 1
      ? "More sample answers and notes on the question page"
      : (q.answers.length ? "Notes and follow-up questions on the question page" : "No sample answer yet: open the question page for notes")));
    answer.appendChild(more);
    answer.hidden = false;
  }

  function setupQuiz() {
    $("quiz-next").addEventListener("click", quizNext);
  }

  // ---- Mock loop

  function mockPool(role) {
    var out = [];
    data.questions.forEach(function (q, i) {
      if (role && q.role !== null && q.role !== role) { return; }
      out.push(i);
    });
    return out;
  }

  // How many principles each of `n` interviewers covers: 2 or 3 each, the total no more than
  // `available` when that allows 2 each.
  function mockCounts(n, available) {
    var base = Math.max(1, Math.min(2, available));
    var counts = [];
    for (var i = 0; i < n; i++) { counts.push(base); }
    if (base < 2) { return counts; }
    var extra = Math.min(n, Math.max(0, available - 2 * n));
    shuffle(counts.map(function (_, k) { return k; })).slice(0, extra).forEach(function (k) { counts[k] = 3; });
    return counts;
  }

  function mockGenerate() {
    var status = $("mock-status");
    var list = $("mock-loop");
    var role = $("mock-role").value;
    var pool = mockPool(role);
    var primary = data.principles.map(function () { return []; });
    var secondary = data.principles.map(function () { return []; });
    pool.forEach(function (qi) {
      data.questions[qi].principles.forEach(function (pi, k) { (k === 0 ? primary : secondary)[pi].push(qi); });
    });
    var available = [];
    data.principles.forEach(function (p, pi) { if (p.id && (primary[pi].length || secondary[pi].length)) { available.push(pi); } });
    clear(list);
    if (available.length === 0) {
      setStatus(status, "There are no questions to build an interview day from.", "error");
      return;
    }
    var interviewers = data.interviewers.length ? data.interviewers : ["Interviewer"];
    var n = interviewers.length + (data.special ? 1 : 0);
    var counts = mockCounts(n, available.length);
    // The special interviewer (if the handbook has one) is never first: the first opens the day.
    var specialAt = data.special ? 1 + Math.floor(Math.random() * (n - 1)) : -1;
    var order = shuffle(available), next = 0;
    var usedQuestions = new Set();
    var slots = [];
    for (var i = 0; i < n; i++) {
      var mine = [];
      for (var k = 0; k < counts[i]; k++) {
        // Take the next principle in the shuffled order; once all are used (few principles),
        // start over, but never give one interviewer the same principle twice.
        var tries = 0, pi;
        do {
          if (next >= order.length) { order = shuffle(available); next = 0; }
          pi = order[next++];
          tries++;
        } while (mine.indexOf(pi) >= 0 && tries <= available.length * 2);
        if (mine.indexOf(pi) >= 0) { break; }
        mine.push(pi);
      }
      slots.push(mine);
    }
    var interviewer = 0;
    slots.forEach(function (mine, i) {
      var isSpecial = i === specialAt;
      var li = el("li", "mock-interviewer" + (isSpecial ? " mock-special" : ""));
      var label = isSpecial ? data.special.name : interviewers[interviewer++];
      li.appendChild(el("h3", "mock-title", "Interviewer " + (i + 1) + " · " + label));
      if (isSpecial && data.special.note) {
        li.appendChild(el("p", "mock-note", data.special.note));
      }
      var ul = el("ul", "mock-questions");
      mine.forEach(function (pi) {
        var p = principleOf(pi);
        var candidates = shuffle(primary[pi]).concat(shuffle(secondary[pi]));
        var qi = candidates.filter(function (c) { return !usedQuestions.has(c); })[0];
        if (qi === undefined) { qi = candidates[0]; }
        usedQuestions.add(qi);
        var q = data.questions[qi];
        var item = el("li", "mock-question");
        item.setAttribute("data-principle", p.id);
        item.setAttribute("data-question", q.id);
        item.appendChild(el("span", "mock-principle", p.title));
        item.appendChild(document.createTextNode(" "));
        item.appendChild(link(q.url, q.text, "mock-question-link"));
        ul.appendChild(item);
      });
      li.appendChild(ul);
      list.appendChild(li);
    });
    var covered = new Set();
    slots.forEach(function (m) { m.forEach(function (pi) { covered.add(pi); }); });
    setStatus(status, "An interview day with " + n + " interviewers covering " + plural(covered.size, "principle", "principles") +
      ". Answer each question out loud, then generate another day.");
  }

  function setupMock() {
    var rs = $("mock-role");
    data.roles.forEach(function (r) {
      var o = el("option", null, r.toUpperCase() + " loop (general and " + r.toUpperCase() + " questions)");
      o.value = r;
      rs.appendChild(o);
    });
    $("mock-generate").addEventListener("click", mockGenerate);
  }

  // ---- Progress table, export, import, reset

  function renderProgress() {
    var table = $("progress");
    if (!table) { return; }
    var body = table.tBodies[0], foot = table.tFoot;
    clear(body);
    if (foot) { clear(foot); }
    function row(head, practised, total, ratings, id) {
      var tr = el("tr");
      if (id !== null) { tr.setAttribute("data-principle", id); }
      tr.appendChild(head);
      var td = el("td", "progress-practised");
      td.setAttribute("data-practised", String(practised));
      td.setAttribute("data-total", String(total));
      td.appendChild(el("span", "progress-count", practised + " / " + total));
      var bar = el("span", "progress-bar");
      bar.setAttribute("aria-hidden", "true");
      var fill = el("span", "progress-fill");
      fill.style.width = (total ? Math.round(100 * practised / total) : 0) + "%";
      bar.appendChild(fill);
      td.appendChild(bar);
      tr.appendChild(td);
      var avg = ratings.length ? ratings.reduce(function (a, b) { return a + b; }, 0) / ratings.length : null;
      var ra = el("td", "progress-rating", avg === null ? "—" : avg.toFixed(1));
      ra.setAttribute("data-rating", avg === null ? "" : avg.toFixed(2));
      if (avg !== null) { ra.setAttribute("title", plural(ratings.length, "rated question", "rated questions")); }
      tr.appendChild(ra);
      return tr;
    }
    data.principles.forEach(function (p, pi) {
      if (!p.id) { return; }
      var total = 0, practised = 0, ratings = [];
      data.questions.forEach(function (q) {
        if (q.principles.indexOf(pi) < 0) { return; }
        total++;
        var e = progress.questions[q.id];
        if (e && e.practised > 0) { practised++; }
        if (e && e.rating) { ratings.push(e.rating); }
      });
      var th = el("th");
      th.setAttribute("scope", "row");
      th.appendChild(link(p.url, p.title));
      body.appendChild(row(th, practised, total, ratings, p.id));
    });
    if (foot) {
      var total = data.questions.length, practised = 0, ratings = [];
      data.questions.forEach(function (q) {
        var e = progress.questions[q.id];
        if (e && e.practised > 0) { practised++; }
        if (e && e.rating) { ratings.push(e.rating); }
      });
      var th = el("th", null, "All questions");
      th.setAttribute("scope", "row");
      foot.appendChild(row(th, practised, total, ratings, null));
    }
  }

  function exportProgress() {
    var status = $("progress-status");
    try {
      var blob = new Blob([JSON.stringify(progress, null, 2) + "\n"], { type: "application/json" });
      var url = URL.createObjectURL(blob);
      var a = document.createElement("a");
      a.href = url;
      a.download = EXPORT_NAME;
      a.hidden = true;
      document.body.appendChild(a);
      a.click();
      setTimeout(function () {
        URL.revokeObjectURL(url);
        if (a.parentNode) { a.parentNode.removeChild(a); }
      }, 10000);
      var n = countEntries(progress);
      setStatus(status, "Exported progress for " + plural(n, "question", "questions") + " as " + EXPORT_NAME + ".", "ok");
    } catch (e) {
      setStatus(status, "Could not export your progress: " + e.message, "error");
    }
  }

  function importProgress(input) {
    var status = $("progress-status");
    var file = input.files && input.files[0];
    if (!file) { return; }
    function fail(why) {
      setStatus(status, "Could not import " + (file.name || "the file") + ": " + why + ". Your progress is unchanged.", "error");
      input.value = "";
    }
    if (file.size > MAX_IMPORT_BYTES) { fail("it is larger than " + (MAX_IMPORT_BYTES >> 20) + " MB"); return; }
    var reader = new FileReader();
    reader.onerror = function () { fail("the file could not be read"); };
    reader.onload = function () {
      var parsed;
      try { parsed = JSON.parse(String(reader.result)); } catch (e) { fail("it is not valid JSON"); return; }
      var checked;
      try { checked = checkProgress(parsed); } catch (e) { checked = "it could not be checked"; }
      if (typeof checked === "string") { fail(checked); return; }
      progress = checked;
      saveProgress();
      renderProgress();
      if (drill.current >= 0) { $("drill-history").textContent = historyText(data.questions[drill.current]); }
      var n = countEntries(progress);
      var known = Object.keys(progress.questions).filter(function (id) { return questionById(id) !== null; }).length;
      setStatus(status, "Imported progress for " + plural(n, "question", "questions") +
        (known < n ? " (" + (n - known) + " not in this handbook)" : "") + ".", "ok");
      input.value = "";
    };
    try { reader.readAsText(file); } catch (e) { fail("the file could not be read"); }
  }

  var resetArmed = null;   // the timeout that disarms the reset button

  function disarmReset() {
    var b = $("progress-reset");
    if (resetArmed !== null) { clearTimeout(resetArmed); resetArmed = null; }
    b.textContent = "Reset progress";
    b.classList.remove("is-armed");
  }

  function resetClicked() {
    var b = $("progress-reset");
    var status = $("progress-status");
    if (resetArmed === null) {
      b.textContent = "Really reset?";
      b.classList.add("is-armed");
      setStatus(status, "Click “Really reset?” to delete the progress saved in this browser. Export it first to keep a copy.");
      resetArmed = setTimeout(function () {
        disarmReset();
        setStatus(status, "");
      }, 8000);
      return;
    }
    disarmReset();
    progress = emptyProgress();
    drill.counted = false;
    saveProgress();
    renderProgress();
    if (drill.current >= 0) { $("drill-history").textContent = historyText(data.questions[drill.current]); }
    setStatus(status, "Progress reset.", "ok");
  }

  function setupProgress() {
    renderProgress();
    $("progress-export").addEventListener("click", exportProgress);
    var input = $("progress-import");
    input.addEventListener("change", function () { importProgress(input); });
    var reset = $("progress-reset");
    reset.addEventListener("click", resetClicked);
    reset.addEventListener("keydown", function (e) { if (e.key === "Escape" && resetArmed !== null) { disarmReset(); setStatus($("progress-status"), ""); } });
    // Another tab of the handbook changed the progress.
    window.addEventListener("storage", function (e) {
      if (e.key !== STORE_KEY && e.key !== null) { return; }
      loadProgress();
      renderProgress();
    });
    if (storageWarning) { setStatus($("progress-status"), storageWarning, "error"); }
  }

  // ---- Start

  function unavailable(message) {
    var s = $("practice-status");
    if (s) { s.textContent = message; s.hidden = false; }
    ["drill-next", "quiz-next", "mock-generate", "progress-export", "progress-reset", "progress-import"].forEach(function (id) {
      var b = $(id);
      if (b) { b.disabled = true; }
    });
  }

  function setup() {
    if (!$("drill") || !$("progress")) { return; }
    var raw = window.prepbookPracticeData;
    if (!raw || typeof raw !== "object") {
      unavailable("The practice data (practice/data.js) did not load. Rebuild the handbook with `prepbook build` and open this page again.");
      return;
    }
    data = readData(raw);
    loadProgress();
    setupDrill();
    setupQuiz();
    setupMock();
    setupProgress();
    if (data.questions.length === 0) {
      unavailable("This handbook has no questions to practise yet.");
    }
  }

  window.prepbookPractice = { formatTime: formatTime, checkProgress: checkProgress };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
