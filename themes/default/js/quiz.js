/* delaybook: the quiz. Check an answer, then see the explanation and the running score.
   The explanation (and the right answer) stays hidden until the question is answered.
   Only the first answer to each question counts, and the score says so: trying again
   shows the feedback and the explanation but does not change the score. Without
   JavaScript every answer is still readable in its <details>. */
(function () {
  "use strict";
  var questions = Array.prototype.slice.call(document.querySelectorAll(".quiz-q[data-answer]"));
  var scoreEl = document.getElementById("quiz-score");
  var results = {};

  function updateScore() {
    var answered = 0;
    var right = 0;
    Object.keys(results).forEach(function (k) {
      answered += 1;
      right += results[k] ? 1 : 0;
    });
    if (!scoreEl) {
      return;
    }
    scoreEl.hidden = answered === 0;
    scoreEl.textContent = scoreEl.getAttribute("data-label") + " " + right + " / " + questions.length +
      " · " + scoreEl.getAttribute("data-answered") + " " + answered;
  }

  questions.forEach(function (q, i) {
    var btn = q.querySelector("[data-quiz-check]");
    var feedback = q.querySelector(".quiz-feedback");
    var details = q.querySelector("details");
    var answer = q.getAttribute("data-answer");
    if (!btn) {
      return;
    }
    btn.hidden = false;
    if (details) {
      details.hidden = true;
    }
    btn.addEventListener("click", function () {
      var chosen = q.querySelector("input[type=radio]:checked");
      if (!chosen) {
        return;
      }
      var ok = chosen.value === answer;
      if (!Object.prototype.hasOwnProperty.call(results, i)) {
        results[i] = ok;
      }
      feedback.className = "quiz-feedback " + (ok ? "correct" : "wrong");
      var text = feedback.getAttribute(ok ? "data-correct" : "data-wrong");
      if (!ok) {
        var right = q.querySelector("[data-answer-text]");
        text += " " + (right ? right.textContent : "");
      }
      feedback.textContent = text;
      if (details) {
        details.hidden = false;
        details.open = true;
      }
      updateScore();
    });
  });

  var reset = document.getElementById("quiz-reset");
  if (reset) {
    reset.hidden = false;
    reset.addEventListener("click", function () {
      results = {};
      questions.forEach(function (q) {
        Array.prototype.forEach.call(q.querySelectorAll("input[type=radio]"), function (r) {
          r.checked = false;
        });
        var feedback = q.querySelector(".quiz-feedback");
        feedback.textContent = "";
        feedback.className = "quiz-feedback";
        var details = q.querySelector("details");
        if (details) {
          details.open = false;
          details.hidden = true;
        }
      });
      updateScore();
    });
  }
})();
