/*
 * Quizzes: instant feedback, progress kept in the browser, reset. Progressive
 * enhancement of the HTML that hooks/quizzes.py writes; without this script the
 * questions still read, and each solution is a native <details>.
 *
 * DOM contract (browser tests rely on it):
 *   .quiz[data-quiz=BANK]                      one bank of questions
 *     .quiz-progress (hidden until this runs)   > p.quiz-score (aria-live) + button.quiz-reset
 *     section.quiz-question#quiz-ID[data-quiz-id=ID][data-quiz-type=choice|blank]
 *       choice: [data-select=single|multiple][data-correct=LETTERS]
 *               input[name=quiz-ID][value=LETTER] (radio, or checkbox when multiple);
 *               single: a click or change answers at once; multiple: button.quiz-check
 *       blank:  [data-answers=JSON list][data-attempts=3]; input.quiz-blank-input,
 *               button.quiz-check (or Enter); after the last wrong try the answer opens
 *       p.quiz-feedback (role=status): text starts "Correct" or "Not quite" (or "Out of tries")
 *       the section gets data-state=correct|wrong|out once answered
 *       details.quiz-solution: collapsed until the reader opens it
 *   localStorage["mlops-vs-devops:quiz:v1"] = {ID: {answer, correct, tries}}
 * Started from Material's document$ so it runs again after instant navigation.
 */
(() => {
  const KEY = "mlops-vs-devops:quiz:v1";

  const load = () => {
    try {
      return JSON.parse(localStorage.getItem(KEY)) || {};
    } catch {
      return {}; // storage blocked or corrupt: quizzes still work, just unsaved
    }
  };
  const save = (id, record) => {
    const all = load();
    if (record) all[id] = record;
    else delete all[id];
    try {
      localStorage.setItem(KEY, JSON.stringify(all));
    } catch {
      /* private mode: nothing to keep */
    }
  };

  const normalise = (text) =>
    text.toLowerCase().replace(/[\s\u00a0]+/g, " ").replace(/^[\s"'`]+|[\s"'`.!]+$/g, "");

  // "B" -> "option B"; "AC" -> "options A and C"
  const options = (letters) =>
    letters.length === 1
      ? `option ${letters}`
      : `options ${letters.slice(0, -1).split("").join(", ")} and ${letters.slice(-1)}`;

  function show(question, record, attempts) {
    const feedback = question.querySelector(".quiz-feedback");
    if (!record) {
      question.removeAttribute("data-state");
      feedback.textContent = "";
      return;
    }
    const blank = question.dataset.quizType === "blank";
    const out = blank && !record.correct && record.tries >= attempts;
    question.dataset.state = record.correct ? "correct" : out ? "out" : "wrong";
    if (record.correct) {
      feedback.textContent = blank
        ? `Correct: "${record.answer}".`
        : `Correct: ${options(record.answer)} ${record.answer.length > 1 ? "are" : "is"} right.`;
    } else if (out) {
      feedback.textContent = "Out of tries: the answer is shown below.";
      question.querySelector(".quiz-solution").open = true;
    } else if (blank) {
      const left = attempts - record.tries;
      feedback.textContent = `Not quite: "${record.answer}" is not it. ${left} ${left === 1 ? "try" : "tries"} left; the hint may help.`;
    } else {
      const chosen = record.answer ? options(record.answer) : "nothing selected";
      feedback.textContent = `Not quite: ${chosen} is not the answer. Try again, or open the solution.`;
    }
    if (blank) question.querySelector(".quiz-blank-input").disabled = record.correct || out;
  }

  function score(quiz) {
    const questions = quiz.querySelectorAll(".quiz-question");
    const saved = load();
    let answered = 0;
    let correct = 0;
    questions.forEach((q) => {
      const record = saved[q.dataset.quizId];
      if (record) answered += 1;
      if (record && record.correct) correct += 1;
    });
    quiz.querySelector(".quiz-score").textContent =
      `Score: ${correct} of ${questions.length} correct (${answered} answered). Saved in this browser.`;
  }

  function setUpChoice(question, quiz) {
    const id = question.dataset.quizId;
    const inputs = [...question.querySelectorAll("input")];
    const check = question.querySelector(".quiz-check");
    const answer = () => {
      const chosen = inputs.filter((i) => i.checked).map((i) => i.value).join("");
      const record = { answer: chosen, correct: chosen === question.dataset.correct };
      save(id, record);
      show(question, record);
      score(quiz);
    };
    if (question.dataset.select === "multiple") {
      check.hidden = false;
      check.addEventListener("click", answer);
    } else {
      inputs.forEach((input) => input.addEventListener("change", answer));
    }
    const record = load()[id];
    if (record) {
      inputs.forEach((i) => (i.checked = record.answer.includes(i.value)));
      show(question, record);
    }
  }

  function setUpBlank(question, quiz) {
    const id = question.dataset.quizId;
    const input = question.querySelector(".quiz-blank-input");
    const check = question.querySelector(".quiz-check");
    const answers = JSON.parse(question.dataset.answers).map(normalise);
    const attempts = Number(question.dataset.attempts);
    const answer = () => {
      const previous = load()[id];
      if (!input.value.trim() || (previous && (previous.correct || previous.tries >= attempts))) return;
      const record = {
        answer: input.value.trim(),
        correct: answers.includes(normalise(input.value)),
        tries: (previous ? previous.tries : 0) + 1,
      };
      save(id, record);
      show(question, record, attempts);
      score(quiz);
    };
    check.hidden = false;
    check.addEventListener("click", answer);
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        answer();
      }
    });
    const record = load()[id];
    if (record) {
      input.value = record.answer;
      show(question, record, attempts);
    }
  }

  function reset(quiz) {
    quiz.querySelectorAll(".quiz-question").forEach((question) => {
      save(question.dataset.quizId, null);
      question.querySelectorAll("input").forEach((input) => {
        input.checked = false;
        input.disabled = false;
        if (input.type === "text") input.value = "";
      });
      question.querySelectorAll("details").forEach((d) => (d.open = false));
      show(question, null);
    });
    score(quiz);
  }

  function start() {
    document.querySelectorAll(".quiz:not([data-quiz-ready])").forEach((quiz) => {
      quiz.dataset.quizReady = "";
      quiz.querySelectorAll(".quiz-question").forEach((question) =>
        question.dataset.quizType === "blank"
          ? setUpBlank(question, quiz)
          : setUpChoice(question, quiz),
      );
      quiz.querySelector(".quiz-reset").addEventListener("click", () => reset(quiz));
      quiz.querySelector(".quiz-progress").hidden = false;
      score(quiz);
    });
  }

  if (typeof document$ !== "undefined") document$.subscribe(start);
  else document.addEventListener("DOMContentLoaded", start);
})();
