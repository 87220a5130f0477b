/* prepbook practice mode: the drill. A question for the filters (what is due first), a
 * countdown, then everything that helps on reveal (how to approach it, follow-up questions,
 * sample answers, the reader's stories), a timed follow-up round, and a 1-to-5 rating that
 * schedules the next review (Leitner boxes, see practice-core.js). */
(function () {
  "use strict";

  var P = window.prepbookPracticeCore;
  if (!P) { return; }
  var $ = P.$, el = P.el, t = P.t;

  var drill = P.drill = {
    current: -1,     // index of the question shown
    counted: false,  // whether this showing already counted as practised
    revealed: false,
    before: null,    // the question's box and due date before this showing's rating
    followUps: [],   // follow-ups of the question not asked yet in this showing
    showing: 0,      // counts showings, so that details arriving late go to their own
    detail: null,    // the shown question's details once loaded (practice-core.js)
    failed: false,   // whether they could not be loaded
    bag: [],         // questions still to come for the current filters, in review order
    bagKey: null
  };
  var timer = null;

  function ratingWord(r) { return t("js_practice_rating_" + r); }

  /** The target in #drill-seconds, corrected in the field when it is not a whole number in range. */
  function targetSeconds() {
    var input = $("drill-seconds");
    var n = Number(input.value);
    if (!Number.isFinite(n) || n < 1) { n = P.data.seconds; }
    n = Math.min(P.MAX_SECONDS, Math.round(n));
    if (String(n) !== input.value) { input.value = String(n); }
    return n;
  }
  P.targetSeconds = targetSeconds;

  function filters() {
    return { principle: $("drill-principle").value, stage: $("drill-stage").value, role: $("drill-role").value, tag: $("drill-tag").value };
  }

  function matches(f) {
    var out = [];
    P.data.questions.forEach(function (q, i) {
      if (f.principle && !q.principles.some(function (p) { return P.principleOf(p).id === f.principle; })) { return; }
      if (f.stage && q.stage !== f.stage) { return; }
      if (f.role && q.role !== f.role) { return; }
      if (f.tag && q.tags.indexOf(f.tag) < 0) { return; }
      out.push(i);
    });
    return out;
  }

  function dueOf(list) {
    var now = Date.now();
    return list.filter(function (i) { return P.reviewState(P.data.questions[i].id, now) !== "later"; });
  }

  /** The next question: every matching question comes up once, due and weakest first, before
   * any comes up again; with `dueOnly`, only the due and new ones. */
  function draw(dueOnly) {
    var f = filters();
    var key = JSON.stringify(f) + (dueOnly ? "+due" : "");
    if (key !== drill.bagKey || drill.bag.length === 0) {
      var list = matches(f);
      if (dueOnly) { list = dueOf(list); }
      if (list.length === 0) { drill.bag = []; drill.bagKey = null; return -1; }
      drill.bag = P.reviewOrder(list, P.data.questions);
      drill.bagKey = key;
      if (drill.bag.length > 1 && drill.bag[0] === drill.current) { drill.bag.push(drill.bag.shift()); }
    }
    return drill.bag.shift();
  }

  function matchText() {
    var list = matches(filters());
    if (list.length === 0) { return null; }
    return t("js_practice_matches", list.length) + " " + t("js_practice_matches_due", dueOf(list).length);
  }

  function updateStatus() {
    var text = matchText();
    P.setStatus($("drill-status"), text === null ? t("js_practice_no_match") : text, text === null ? "error" : null);
    var n = dueOf(matches(filters())).length;
    $("drill-due").textContent = t("js_practice_due_button", n);
  }
  P.drillStatus = updateStatus;

  function historyText(q) {
    var e = P.progress.questions[q.id];
    if (!e || (!e.practised && !e.rating)) { return t("js_practice_history_new"); }
    var parts = [t("js_practice_history_practised", e.practised)];
    if (e.rating) { parts.push(t("js_practice_history_rated", e.rating, { word: ratingWord(e.rating) })); }
    if (e.due) {
      var d = new Date(e.due);
      if (!isNaN(d.getTime())) {
        parts.push(d.getTime() <= Date.now() ? t("js_practice_history_due_now") : t("js_practice_history_due", null, { date: d.toLocaleDateString() }));
      }
    }
    return parts.join(" · ") + ".";
  }
  P.drillHistory = function () {
    if (drill.current >= 0) { $("drill-history").textContent = historyText(P.data.questions[drill.current]); }
  };

  function next(dueOnly) {
    var i = draw(dueOnly);
    if (i < 0) {
      P.setStatus($("drill-status"), dueOnly && matches(filters()).length ? t("js_practice_nothing_due") : t("js_practice_no_match_any"), "error");
      return;
    }
    updateStatus();
    drill.current = i;
    drill.counted = false;
    drill.revealed = false;
    var q = P.data.questions[i];
    var e = P.progress.questions[q.id];
    drill.before = { box: e && e.box ? e.box : 0, due: e ? e.due : undefined };
    drill.followUps = [];
    drill.detail = null;
    drill.failed = false;
    var qEl = $("drill-question");
    P.clear(qEl);
    qEl.setAttribute("data-question", q.id);
    qEl.appendChild(P.link(q.url, q.text, "practice-question-link"));
    var meta = $("drill-meta");
    P.clear(meta);
    P.tags(q, meta, true);
    var answers = $("drill-answers");
    P.clear(answers);
    answers.hidden = true;
    var reveal = $("drill-reveal");
    reveal.setAttribute("aria-expanded", "false");
    reveal.textContent = t("js_practice_reveal");
    $("drill-followup").hidden = true;
    $("drill-followup-next").hidden = true;
    loadDetail(q);
    Array.prototype.forEach.call(document.querySelectorAll('input[name="drill-rating"]'), function (r) { r.checked = false; });
    $("drill-history").textContent = historyText(q);
    $("drill-card").hidden = false;
    if (P.recorder) { P.recorder.reset(); }
    timer.reset(targetSeconds());
    timer.start();
  }

  function answerBlock(a, level) {
    var art = el("article", "answer practice-answer");
    var h = el("h" + level, "answer-title", t("js_practice_sample_answer") + " ");
    if (a.framework) { h.appendChild(el("span", "badge", a.framework)); }
    if (a.persona) { h.appendChild(el("span", "persona", a.persona)); }
    art.appendChild(h);
    a.sections.forEach(function (s) {
      var step = el("div", "step");
      step.appendChild(el("h" + (level + 1), "step-label", s[0]));
      P.paragraphs(step, s[1]);
      art.appendChild(step);
    });
    return art;
  }
  P.answerBlock = answerBlock;

  function storyBlock(s) {
    var art = el("article", "story-card");
    var h = el("h4", "story-title");
    h.appendChild(P.link(s.url, s.title));
    if (s.framework) { h.appendChild(document.createTextNode(" ")); h.appendChild(el("span", "badge", s.framework)); }
    art.appendChild(h);
    if (s.figures.length) {
      var figs = el("ul", "story-figures");
      figs.setAttribute("aria-label", t("js_practice_figures"));
      s.figures.forEach(function (f) { figs.appendChild(el("li", "badge badge-quiet", f)); });
      art.appendChild(figs);
    }
    if (s.short) {
      var short = el("div", "story-short");
      short.appendChild(el("p", "step-label", t("js_practice_story_short")));
      P.paragraphs(short, s.short);
      art.appendChild(short);
    }
    if (s.sections.length) {
      var det = el("details", "story-full");
      det.appendChild(el("summary", null, t("js_practice_story_full")));
      s.sections.forEach(function (sec) {
        var step = el("div", "step");
        step.appendChild(el("p", "step-label", sec[0]));
        P.paragraphs(step, sec[1]);
        det.appendChild(step);
      });
      art.appendChild(det);
    }
    return art;
  }

  function block(className, title) {
    var s = el("section", "drill-block " + className);
    s.appendChild(el("h3", null, title));
    return s;
  }

  /** Loads the details of `q`, just shown: the follow-up button waits for them, and so does a
   * reveal asked for before they are there. The card is busy meanwhile. */
  function loadDetail(q) {
    var showing = ++drill.showing, card = $("drill-card");
    card.setAttribute("aria-busy", "true");
    function done(ok, d) {
      if (showing !== drill.showing) { return; }
      card.removeAttribute("aria-busy");
      drill.detail = ok ? d : null;
      drill.failed = !ok;
      if (ok) {
        drill.followUps = P.shuffle(d.followUps);
        $("drill-followup-next").hidden = d.followUps.length === 0;
      }
      if (!$("drill-answers").hidden && !drill.revealed) { showAnswers(q); }
    }
    P.loadDetail(q).then(function (d) { done(true, d); }, function () { done(false); });
  }

  /** Fills #drill-answers with what is known of `q`: its details, or why they are not there yet. */
  function showAnswers(q) {
    var box = $("drill-answers");
    if (drill.detail) { fill(q, drill.detail); drill.revealed = true; return; }
    P.clear(box);
    if (drill.failed) {
      box.appendChild(el("p", "practice-status is-error", P.detailError(q)));
      var more = el("p", "drill-more");
      more.appendChild(P.link(q.url, t("js_practice_open_question")));
      box.appendChild(more);
    } else {
      box.appendChild(el("p", "practice-status", t("js_practice_loading")));
    }
  }

  function fill(q, d) {
    var box = $("drill-answers");
    P.clear(box);
    if (d.notes) {
      var notes = block("drill-notes", t("js_practice_approach"));
      P.paragraphs(notes, d.notes);
      box.appendChild(notes);
    }
    if (d.followUps.length) {
      var fu = block("drill-follow-ups", t("js_practice_follow_ups"));
      var ul = el("ul");
      d.followUps.forEach(function (f) { ul.appendChild(el("li", null, f)); });
      fu.appendChild(ul);
      box.appendChild(fu);
    }
    var answers = block("drill-sample", t("js_practice_sample_answers", d.answers.length || 1));
    if (d.answers.length === 0) {
      answers.appendChild(el("p", "muted", d.notes ? t("js_practice_no_answer_notes") : t("js_practice_no_answer")));
    }
    d.answers.forEach(function (a) { answers.appendChild(answerBlock(a, 4)); });
    var more = el("p", "drill-more");
    more.appendChild(P.link(q.url, t("js_practice_open_question")));
    answers.appendChild(more);
    box.appendChild(answers);

    var stories = block("drill-stories", t("js_practice_your_stories"));
    if (d.stories.length === 0) {
      stories.appendChild(el("p", "muted", P.data.storyCount === 0 ? t("js_practice_no_stories") : t("js_practice_no_linked_story")));
    }
    d.stories.forEach(function (s) { stories.appendChild(storyBlock(s)); });
    box.appendChild(stories);
  }

  function markPractised() {
    if (drill.current < 0) { return; }
    var e = P.entryFor(P.data.questions[drill.current].id);
    if (!drill.counted) { e.practised += 1; drill.counted = true; }
    e.last = new Date().toISOString();
  }

  function save() {
    P.saveProgress(function (msg) { P.setStatus($("progress-status"), msg, "error"); });
    P.notify();
  }

  function reveal() {
    if (drill.current < 0) { return; }
    var box = $("drill-answers"), button = $("drill-reveal");
    if (!box.hidden) {
      box.hidden = true;
      button.setAttribute("aria-expanded", "false");
      button.textContent = t("js_practice_reveal");
      return;
    }
    if (!drill.revealed) { showAnswers(P.data.questions[drill.current]); }
    box.hidden = false;
    button.setAttribute("aria-expanded", "true");
    button.textContent = t("js_practice_hide");
    markPractised();
    save();
  }

  /** The follow-up round: the interviewer's next question, on a fresh, shorter clock. */
  function followUp() {
    if (drill.current < 0) { return; }
    var d = drill.detail;
    if (!d || d.followUps.length === 0) { return; }
    if (drill.followUps.length === 0) { drill.followUps = P.shuffle(d.followUps); }
    var text = drill.followUps.shift();
    var box = $("drill-followup");
    $("drill-followup-text").textContent = text;
    box.hidden = false;
    $("drill-followup-next").textContent = t("js_practice_another_follow_up");
    timer.reset(Math.max(30, Math.round(targetSeconds() / 2)));
    timer.start();
    $("drill-followup-text").focus();
  }

  function rate(rating) {
    if (drill.current < 0 || !(rating >= 1 && rating <= 5)) { return; }
    var q = P.data.questions[drill.current];
    markPractised();
    var e = P.entryFor(q.id);
    e.rating = rating;
    e.box = P.nextBox(drill.before.box, rating);
    e.due = P.dueDate(e.box, Date.now());
    save();
    $("drill-history").textContent = t("js_practice_saved_rating", rating, { word: ratingWord(rating), date: new Date(e.due).toLocaleDateString() });
  }

  P.setupDrill = function () {
    var ps = $("drill-principle"), ss = $("drill-stage"), rs = $("drill-role"), ts = $("drill-tag");
    var data = P.data;
    timer = P.drillTimer = new P.Timer($("drill-timer"), $("drill-timer-note"), $("drill-timer-toggle"));
    data.principles.forEach(function (p, i) {
      if (!p.id) { return; }
      var n = data.questions.filter(function (q) { return q.principles.indexOf(i) >= 0; }).length;
      if (n === 0) { return; }
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
      var o = el("option", null, t("js_practice_role_questions", null, { role: r.toUpperCase() }));
      o.value = r;
      rs.appendChild(o);
    });
    data.tags.forEach(function (tg) {
      var o = el("option", null, tg.title);
      o.value = tg.id;
      ts.appendChild(o);
    });
    // The tag filter shows only in a handbook whose questions have tags.
    ts.parentNode.hidden = data.tags.length === 0;
    var seconds = $("drill-seconds");
    seconds.value = String(data.seconds);
    timer.reset(data.seconds);
    seconds.addEventListener("change", function () {
      var wasRunning = timer.running;
      timer.reset(targetSeconds());
      if (wasRunning) { timer.start(); }
    });
    [ps, ss, rs, ts].forEach(function (s) { s.addEventListener("change", updateStatus); });
    $("drill-due").addEventListener("click", function () { next(true); });
    $("drill-next").addEventListener("click", function () { next(false); });
    $("drill-reveal").addEventListener("click", reveal);
    $("drill-followup-next").addEventListener("click", followUp);
    $("drill-timer-toggle").addEventListener("click", function () {
      if (timer.running) { timer.pause(); } else { timer.start(); }
    });
    Array.prototype.forEach.call(document.querySelectorAll('input[name="drill-rating"]'), function (r) {
      r.addEventListener("change", function () { if (r.checked) { rate(Number(r.value)); } });
    });
    P.changed.push(updateStatus);
  };
})();
