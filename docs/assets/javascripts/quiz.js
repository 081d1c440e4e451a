/*
 * Quizzes: feedback on an explicit check, progress kept in localStorage (nothing
 * leaves the browser), reset after a confirmation, a mark in the navigation on each
 * page whose sets are all done. Enhances content_markers/templates/quiz.html (its
 * comment says what this reads); runs again after Material's instant navigation.
 */
(() => {
  const KEY = "mlops-vs-devops:quiz:v1"; // {ID: {answer, correct, tries, done}}
  const SETS = "mlops-vs-devops:quiz-sets:v1"; // {BANK: {page, ids}}, from each visit

  const read = (key) => {
    try {
      return JSON.parse(localStorage.getItem(key)) || {};
    } catch {
      return {}; // storage blocked or corrupt: quizzes still work, just unsaved
    }
  };
  const write = (key, value) => {
    try {
      localStorage.setItem(key, JSON.stringify(value));
    } catch {
      /* private mode: nothing to keep */
    }
  };
  const save = (id, record) => write(KEY, { ...read(KEY), [id]: record || undefined });
  // Settled: answered right, out of tries, or a task scored against its rubric.
  const done = (record) => !!record && (record.correct || record.done);

  // Case, spacing, quotes, end punctuation and a space before "%" do not matter.
  const normalise = (text) =>
    text
      .toLowerCase()
      .replace(/[\s\u00a0]+/g, " ")
      .replace(/ %/g, "%")
      .replace(/^[\s"'`]+|[\s"'`.!]+$/g, "");

  // "B" -> "option B"; "AC" -> "options A and C"
  const options = (letters) =>
    letters.length === 1
      ? `option ${letters}`
      : `options ${letters.slice(0, -1).split("").join(", ")} and ${letters.slice(-1)}`;
  const is = (letters) => (letters.length > 1 ? "are" : "is");

  function verdict(question, record) {
    const type = question.dataset.quizType;
    if (type === "scenario") {
      const points = question.querySelectorAll(".quiz-rubric input").length;
      return `Scored: ${record.answer.length} of ${points} points of the rubric.`;
    }
    if (type === "blank") {
      if (record.correct) return `Correct: "${record.answer}".`;
      const left = question.dataset.attempts - record.tries;
      return left > 0
        ? `Not quite: "${record.answer}" is not it. ${left} ${left === 1 ? "try" : "tries"} left; the hint may help.`
        : "Out of tries: the answer is shown below.";
    }
    const chosen = record.answer;
    if (record.correct) return `Correct: ${options(chosen)} ${is(chosen)} right.`;
    const key = question.dataset.correct;
    const right = [...chosen].filter((l) => key.includes(l)).join("");
    const wrong = [...chosen].filter((l) => !key.includes(l)).join("");
    const missing = key.length - right.length;
    let text;
    if (!chosen) text = "Not quite: nothing selected.";
    else if (!right) text = `Not quite: ${options(wrong)} ${is(wrong)} not the answer.`;
    else {
      text = `Partly right: ${options(right)} ${is(right)} right`;
      if (wrong) text += `, but ${options(wrong)} ${is(wrong)} not`;
      if (missing) text += `; ${missing === 1 ? "one more option is" : `${missing} more options are`} correct too`;
      text += ".";
    }
    return `${text} Try again, or open the solution.`;
  }

  function show(question, record) {
    const feedback = question.querySelector(".quiz-feedback");
    const blank = question.querySelector(".quiz-blank-input");
    if (blank) blank.disabled = done(record);
    if (!record) {
      question.removeAttribute("data-state");
      feedback.textContent = "";
      return;
    }
    const out = blank && !record.correct && done(record);
    question.dataset.state = record.correct ? "correct" : out ? "out" : record.done ? "done" : "wrong";
    feedback.textContent = verdict(question, record);
    if (out) question.querySelector(".quiz-solution").open = true;
  }

  function score(quiz) {
    const questions = quiz.querySelectorAll(".quiz-question");
    const saved = read(KEY);
    const records = [...questions].map((q) => saved[q.dataset.quizId]).filter(Boolean);
    const correct = records.filter((record) => record.correct).length;
    quiz.querySelector(".quiz-score").textContent =
      `Score: ${correct} of ${questions.length} correct (${records.length} answered). Saved in this browser.`;
    markNavigation();
  }

  // A check mark beside each page in the navigation whose sets are all done.
  function markNavigation() {
    const saved = read(KEY);
    const complete = {};
    for (const set of Object.values(read(SETS))) {
      const all = set.ids.every((id) => done(saved[id]));
      complete[set.page] = (complete[set.page] ?? true) && all;
    }
    document.querySelectorAll(".md-nav--primary a.md-nav__link[href]").forEach((link) => {
      const url = new URL(link.href);
      link.classList.toggle("quiz-done", !url.hash && !!complete[url.pathname]);
    });
  }

  function setUp(question, quiz) {
    const id = question.dataset.quizId;
    const type = question.dataset.quizType;
    const check = question.querySelector(".quiz-check");
    const inputs = [...question.querySelectorAll("input")];
    const text = question.querySelector(".quiz-blank-input");
    // The words beside a blank may be typed with it: "continuous training", "5 percent".
    const accepts = (typed) => {
      const answers = JSON.parse(question.dataset.answers).map(normalise);
      const words = normalise(typed).split(" ");
      if (words[0] === normalise(text.previousSibling?.textContent ?? "").split(" ").pop()) words.shift();
      if (words.at(-1) === normalise(text.nextSibling?.textContent ?? "").split(" ")[0]) words.pop();
      return answers.includes(normalise(typed)) || answers.includes(words.join(" "));
    };
    const answer = () => {
      const previous = read(KEY)[id];
      let record;
      if (type === "blank") {
        if (!text.value.trim() || done(previous)) return;
        const tries = (previous ? previous.tries : 0) + 1;
        const correct = accepts(text.value);
        record = { answer: text.value.trim(), correct, tries, done: correct || tries >= question.dataset.attempts };
      } else {
        const chosen = inputs.filter((i) => i.checked).map((i) => i.value).join("");
        record =
          type === "scenario"
            ? { answer: chosen, correct: chosen.length === inputs.length, done: true }
            : { answer: chosen, correct: chosen === question.dataset.correct };
      }
      save(id, record);
      show(question, record);
      score(quiz);
    };
    check.hidden = false;
    check.addEventListener("click", answer);
    // Enter checks the answer; arrow keys only move between options.
    question.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && event.target.matches("input")) {
        event.preventDefault();
        answer();
      }
    });
    const record = read(KEY)[id];
    if (record) {
      // Graded again: its key may have changed since.
      if (type === "choice") save(id, { ...record, correct: record.answer === question.dataset.correct });
      if (text) text.value = record.answer;
      else inputs.forEach((i) => (i.checked = record.answer.includes(i.value)));
      show(question, read(KEY)[id]);
    }
  }

  function reset(quiz) {
    quiz.querySelectorAll(".quiz-question").forEach((question) => {
      save(question.dataset.quizId, null);
      question.querySelectorAll("input").forEach((input) => {
        input.checked = false;
        if (input.type === "text") input.value = "";
      });
      question.querySelectorAll("details").forEach((d) => (d.open = false));
      show(question, null);
    });
    score(quiz);
  }

  function start() {
    const sets = read(SETS);
    const quizzes = document.querySelectorAll(".quiz:not([data-quiz-ready])");
    quizzes.forEach((quiz) => {
      quiz.dataset.quizReady = "";
      const questions = quiz.querySelectorAll(".quiz-question");
      questions.forEach((question) => setUp(question, quiz));
      sets[quiz.dataset.quiz] = {
        page: location.pathname,
        ids: [...questions].map((q) => q.dataset.quizId),
      };
      quiz.querySelector(".quiz-reset").addEventListener("click", () => {
        if (confirm("Reset your answers to this set? They are kept only in this browser.")) reset(quiz);
      });
      quiz.querySelector(".quiz-progress").hidden = false;
      score(quiz);
    });
    if (quizzes.length) write(SETS, sets); // a page without sets leaves storage alone
    markNavigation();
  }

  if (typeof document$ !== "undefined") document$.subscribe(start);
  else document.addEventListener("DOMContentLoaded", start);
})();
