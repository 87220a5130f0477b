/* prepbook practice mode: the mock loop. One interviewer after another, each covering two or
 * three principles with one question each and never a question twice in a day; each interview
 * has its own clock, and the day ends with a summary. Questions that are not behavioral only
 * come up when the reader includes them. */
(function () {
  "use strict";

  var P = window.prepbookPracticeCore;
  if (!P) { return; }
  var $ = P.$, el = P.el, t = P.t;

  var mock = { interviews: [] };

  function pool(role, technical) {
    var out = [];
    P.data.questions.forEach(function (q, i) {
      if (role && q.role !== null && q.role !== role) { return; }
      if (!technical && !q.behavioral) { return; }
      out.push(i);
    });
    return out;
  }

  // How many principles each of `n` interviewers covers: 2 or 3 each, the total no more than
  // `available` when that allows 2 each.
  function counts(n, available) {
    var base = Math.max(1, Math.min(2, available));
    var out = [];
    for (var i = 0; i < n; i++) { out.push(base); }
    if (base < 2) { return out; }
    var extra = Math.min(n, Math.max(0, available - 2 * n));
    P.shuffle(out.map(function (_, k) { return k; })).slice(0, extra).forEach(function (k) { out[k] = 3; });
    return out;
  }

  /** Plans the day: for each interviewer, a list of [principle, question] with no question
   * twice and no principle twice for one interviewer. */
  function plan(n, primary, secondary, available) {
    var used = new Set();
    var order = P.shuffle(available), next = 0;
    function unused(pi) {
      return P.shuffle(primary[pi]).concat(P.shuffle(secondary[pi])).filter(function (q) { return !used.has(q); })[0];
    }
    return counts(n, available.length).map(function (want) {
      var mine = [], tried = 0;
      while (mine.length < want && tried < available.length * 2) {
        if (next >= order.length) { order = P.shuffle(available); next = 0; }
        var pi = order[next++];
        tried++;
        if (mine.some(function (m) { return m[0] === pi; })) { continue; }
        var qi = unused(pi);
        if (qi === undefined) { continue; }
        used.add(qi);
        mine.push([pi, qi]);
      }
      return mine;
    });
  }

  function interviewCard(slot, k, label, special, seconds) {
    var li = el("li", "mock-interviewer" + (special ? " mock-special" : ""));
    var titleId = "mock-title-" + k;
    var h = el("h3", "mock-title", t("js_practice_mock_interviewer", k + 1, { name: label }));
    h.id = titleId;
    li.appendChild(h);
    li.setAttribute("aria-labelledby", titleId);
    if (special && P.data.special.note) { li.appendChild(el("p", "mock-note", P.data.special.note)); }
    var ul = el("ul", "mock-questions");
    slot.forEach(function (m) {
      var p = P.principleOf(m[0]), q = P.data.questions[m[1]];
      var item = el("li", "mock-question");
      item.setAttribute("data-principle", p.id);
      item.setAttribute("data-question", q.id);
      item.appendChild(el("span", "mock-principle", p.title));
      item.appendChild(document.createTextNode(" "));
      item.appendChild(P.link(q.url, q.text, "mock-question-link"));
      ul.appendChild(item);
    });
    li.appendChild(ul);
    var clock = el("p", "mock-clock");
    var display = el("span", "drill-timer mock-timer");
    display.setAttribute("role", "timer");
    display.setAttribute("aria-label", t("js_practice_mock_clock", null, { name: label }));
    var toggle = el("button", "practice-button practice-button-quiet mock-toggle");
    toggle.type = "button";
    var finish = el("button", "practice-button practice-button-quiet mock-finish", t("js_practice_mock_finish"));
    finish.type = "button";
    // Named with the interviewer too, so that a list of buttons tells the interviews apart.
    toggle.id = "mock-toggle-" + k;
    finish.id = "mock-finish-" + k;
    toggle.setAttribute("aria-labelledby", toggle.id + " " + titleId);
    finish.setAttribute("aria-labelledby", finish.id + " " + titleId);
    clock.appendChild(display);
    clock.appendChild(toggle);
    clock.appendChild(finish);
    li.appendChild(clock);
    var interview = { label: label, slot: slot, li: li, finished: false, used: 0 };
    interview.timer = new P.Timer(display, null, toggle);
    interview.timer.reset(seconds);
    toggle.textContent = t("js_practice_mock_start");
    toggle.addEventListener("click", function () {
      if (interview.timer.running) { interview.timer.pause(); return; }
      mock.interviews.forEach(function (o) { if (o !== interview) { o.timer.pause(); } });
      interview.timer.start();
    });
    finish.addEventListener("click", function () { finishInterview(interview); });
    return interview;
  }

  function finishInterview(interview) {
    if (interview.finished) { return; }
    interview.used = interview.timer.used();
    interview.timer.halt();
    interview.finished = true;
    interview.li.classList.add("is-finished");
    Array.prototype.forEach.call(interview.li.querySelectorAll(".mock-clock button"), function (b) { b.disabled = true; });
    interview.li.querySelector(".mock-finish").textContent = t("js_practice_mock_done", null, { time: P.formatDuration(interview.used) });
    var rest = mock.interviews.filter(function (o) { return !o.finished; });
    if (rest.length === 0) { summary(); return; }
    rest[0].li.querySelector(".mock-toggle").focus();
  }

  function summary() {
    var box = $("mock-summary");
    P.clear(box);
    mock.interviews.forEach(function (o) {
      if (!o.finished) { o.used = o.timer.used(); o.timer.halt(); }
    });
    var done = mock.interviews.filter(function (o) { return o.used > 0 || o.finished; });
    var used = done.reduce(function (a, o) { return a + o.used; }, 0);
    var planned = mock.interviews.reduce(function (a, o) { return a + o.timer.target; }, 0);
    var questions = mock.interviews.reduce(function (a, o) { return a + o.slot.length; }, 0);
    var h = el("h3", null, t("js_practice_mock_summary"));
    h.id = "mock-summary-title";
    h.tabIndex = -1;
    box.appendChild(h);
    box.appendChild(el("p", null, t("js_practice_mock_summary_text", done.length, {
      total: mock.interviews.length, questions: questions, time: P.formatDuration(used), planned: P.formatTime(planned)
    })));
    var ul = el("ul", "mock-summary-list");
    mock.interviews.forEach(function (o) {
      var over = o.used > o.timer.target;
      var li = el("li", over ? "is-over" : null, t(over ? "js_practice_mock_summary_over" : "js_practice_mock_summary_line", null, {
        name: o.label, time: P.formatDuration(o.used), planned: P.formatTime(o.timer.target)
      }));
      ul.appendChild(li);
    });
    box.appendChild(ul);
    box.appendChild(el("p", "muted", t("js_practice_mock_summary_next")));
    box.hidden = false;
    $("mock-end").disabled = true;
    h.focus();
  }

  function generate() {
    var status = $("mock-status"), list = $("mock-loop");
    mock.interviews.forEach(function (o) { o.timer.halt(); });
    mock.interviews = [];
    $("mock-summary").hidden = true;
    var qs = pool($("mock-role").value, $("mock-technical").checked);
    var primary = P.data.principles.map(function () { return []; });
    var secondary = P.data.principles.map(function () { return []; });
    qs.forEach(function (qi) {
      P.data.questions[qi].principles.forEach(function (pi, k) { (k === 0 ? primary : secondary)[pi].push(qi); });
    });
    var available = [];
    P.data.principles.forEach(function (p, pi) { if (p.id && (primary[pi].length || secondary[pi].length)) { available.push(pi); } });
    P.clear(list);
    if (available.length === 0) {
      P.setStatus(status, t("js_practice_mock_none"), "error");
      $("mock-end").hidden = true;
      return;
    }
    var names = P.data.interviewers.length ? P.data.interviewers : [t("js_practice_mock_default_interviewer")];
    var n = names.length + (P.data.special ? 1 : 0);
    // The special interviewer (if the handbook has one) is never first: the first opens the day.
    var specialAt = P.data.special ? 1 + Math.floor(Math.random() * (n - 1)) : -1;
    var slots = plan(n, primary, secondary, available).filter(function (s) { return s.length > 0; });
    var seconds = P.targetSeconds ? P.targetSeconds() : P.data.seconds;
    var named = 0, covered = new Set();
    slots.forEach(function (slot, k) {
      var special = k === specialAt;
      var label = special ? P.data.special.name : names[named++ % names.length];
      var interview = interviewCard(slot, k, label, special, slot.length * seconds);
      mock.interviews.push(interview);
      list.appendChild(interview.li);
      slot.forEach(function (m) { covered.add(m[0]); });
    });
    $("mock-end").hidden = false;
    $("mock-end").disabled = false;
    P.setStatus(status, t("js_practice_mock_status", slots.length, { principles: t("js_practice_count_principles", covered.size) }));
  }

  P.setupMock = function () {
    var rs = $("mock-role");
    P.data.roles.forEach(function (r) {
      var o = el("option", null, t("js_practice_mock_role", null, { role: r.toUpperCase() }));
      o.value = r;
      rs.appendChild(o);
    });
    $("mock-generate").addEventListener("click", generate);
    $("mock-end").addEventListener("click", summary);
  };
})();
