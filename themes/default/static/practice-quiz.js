/* prepbook practice mode: "which principle?" rounds. Questions that are not behavioral (a
 * technical question) only come up when the reader includes them. */
(function () {
  "use strict";

  var P = window.prepbookPracticeCore;
  if (!P) { return; }
  var $ = P.$, el = P.el, t = P.t;

  // `showing` counts questions shown, so that details arriving late go to their own.
  var quiz = { current: -1, answered: false, right: 0, total: 0, bag: [], technical: false, showing: 0 };

  function draw() {
    var technical = $("quiz-technical").checked;
    if (technical !== quiz.technical) { quiz.bag = []; quiz.technical = technical; }
    if (quiz.bag.length === 0) {
      var all = [];
      P.data.questions.forEach(function (q, i) {
        if (q.principles.length && (technical || q.behavioral)) { all.push(i); }
      });
      quiz.bag = P.shuffle(all);
      if (quiz.bag.length > 1 && quiz.bag[quiz.bag.length - 1] === quiz.current) { quiz.bag.unshift(quiz.bag.pop()); }
    }
    return quiz.bag.length ? quiz.bag.pop() : -1;
  }

  function next() {
    var i = draw();
    if (i < 0) { $("quiz-score").textContent = t("js_practice_quiz_none"); return; }
    quiz.current = i;
    quiz.answered = false;
    var q = P.data.questions[i];
    var qEl = $("quiz-question");
    qEl.textContent = q.text;
    qEl.setAttribute("data-question", q.id);
    var choices = $("quiz-choices");
    P.clear(choices);
    P.data.principles.forEach(function (p) {
      if (!p.id) { return; }
      var b = el("button", "quiz-choice", p.title);
      b.type = "button";
      b.setAttribute("data-principle", p.id);
      b.addEventListener("click", function () { choose(p.id, b); });
      choices.appendChild(b);
    });
    var result = $("quiz-result");
    result.textContent = "";
    result.className = "quiz-result";
    var answer = $("quiz-answer");
    P.clear(answer);
    answer.hidden = true;
    $("quiz-card").hidden = false;
    // The sample answer shown after a choice is in the question's details: loaded meanwhile.
    var showing = ++quiz.showing, card = $("quiz-card");
    card.setAttribute("aria-busy", "true");
    function done() {
      if (showing !== quiz.showing) { return; }
      card.removeAttribute("aria-busy");
      if (quiz.answered) { showAnswer(q); }
    }
    P.loadDetail(q).then(done, done);
  }

  /** The first sample answer of `q` and a link to its page, once its details are there. */
  function showAnswer(q) {
    var answer = $("quiz-answer"), d = q.detail;
    P.clear(answer);
    if ($("quiz-card").getAttribute("aria-busy") === "true") {
      answer.appendChild(el("p", "practice-status", t("js_practice_loading")));
      answer.hidden = false;
      return;
    }
    if (!d) { answer.appendChild(el("p", "practice-status is-error", P.detailError(q))); }
    var answers = d ? d.answers : [];
    if (answers.length) { answer.appendChild(P.answerBlock(answers[0], 3)); }
    var more = el("p", "drill-more");
    more.appendChild(P.link(q.url, answers.length > 1 ? t("js_practice_quiz_more_answers")
      : (answers.length ? t("js_practice_quiz_notes") : t("js_practice_quiz_no_answer"))));
    answer.appendChild(more);
    answer.hidden = false;
  }

  function choose(id, button) {
    if (quiz.current < 0 || quiz.answered) { return; }
    quiz.answered = true;
    var q = P.data.questions[quiz.current];
    var tested = q.principles.map(function (pi) { return P.principleOf(pi).id; });
    var primary = P.principleOf(q.principles[0]);
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
    var also = others.length ? " " + t("js_practice_quiz_also", null, { list: P.titles(others) }) : "";
    var text;
    if (right && id === primary.id) {
      text = t("js_practice_quiz_right", null, { main: primary.title }) + also;
    } else if (right) {
      var rest = q.principles.filter(function (pi) { return P.principleOf(pi).id !== id && pi !== q.principles[0]; });
      text = t("js_practice_quiz_right_too", null, { chosen: button.textContent, main: primary.title }) +
        (rest.length ? " " + t("js_practice_quiz_also", null, { list: P.titles(rest) }) : "");
    } else {
      text = t("js_practice_quiz_wrong", null, { main: primary.title }) + also;
    }
    var result = $("quiz-result");
    result.textContent = text;
    result.className = "quiz-result " + (right ? "is-right" : "is-wrong");
    $("quiz-score").textContent = t("js_practice_quiz_score", quiz.total, { right: quiz.right });
    showAnswer(q);
  }

  P.setupQuiz = function () {
    $("quiz-next").addEventListener("click", next);
  };
})();
