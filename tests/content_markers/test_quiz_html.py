"""The quiz HTML, whole: quiz.js and the browser tests depend on its every element,
class and data attribute, so a change to it shows here as a diff, not as a substring
that happens to survive. After a deliberate change to the markup, review the diff and
update the snapshots: `.venv/bin/pytest tests/content_markers/test_quiz_html.py
--inline-snapshot=fix`."""

from __future__ import annotations

from inline_snapshot import snapshot

from content_markers import quizzes
from content_markers.quiz_html import render_bank
from tests.content_markers.sample_bank import GOOD

MULTIPLE = (
    GOOD.replace(
        "difficulty: easy", "difficulty: hard\nselect: multiple\nkind: workflow\ntime: 4 min"
    )
    .replace("- [ ] Continuous integration", "- [x] Continuous integration")
    .replace("-> Option B", "-> Options A and B")
)

BLANK = """\
## blank-ct

type: blank
difficulty: easy
answer: training | CT
hint: It is the T in *CT*.

Retraining on triggers is called continuous ___.
"""


def rendered(text: str, name: str = "bank") -> str:
    return render_bank(name, quizzes.parse_bank(text, f"quizzes/{name}.md"))


def test_a_single_choice_question() -> None:
    assert rendered(GOOD) == snapshot("""\
<div class="quiz" data-quiz="bank">
<p class="quiz-summary">1 question.</p>
<div class="quiz-progress" hidden>
<p class="quiz-score" aria-live="polite"></p>
<button type="button" class="quiz-reset md-button">Reset progress</button>
</div>
<section class="quiz-question" id="quiz-ct-is-unique" data-quiz-id="ct-is-unique" data-quiz-type="choice" data-select="single" data-correct="B" data-difficulty="easy">
<fieldset aria-describedby="quiz-ct-is-unique-stem">
<legend>Question 1 <span class="quiz-meta">(easy)</span></legend>
<div class="quiz-stem" id="quiz-ct-is-unique-stem">
<p>Which practice is unique to ML systems?</p>
</div>
<div class="quiz-options">
<label class="quiz-option" for="quiz-ct-is-unique-a"><input type="radio" id="quiz-ct-is-unique-a" name="quiz-ct-is-unique" value="A"> <span class="quiz-letter">A.</span> Continuous integration</label>
<label class="quiz-option" for="quiz-ct-is-unique-b"><input type="radio" id="quiz-ct-is-unique-b" name="quiz-ct-is-unique" value="B"> <span class="quiz-letter">B.</span> Continuous training</label>
<label class="quiz-option" for="quiz-ct-is-unique-c"><input type="radio" id="quiz-ct-is-unique-c" name="quiz-ct-is-unique" value="C"> <span class="quiz-letter">C.</span> Continuous delivery</label>
</div>
<button type="button" class="quiz-check md-button" hidden>Check answer</button>
<p class="quiz-feedback" role="status" aria-live="polite"></p>
</fieldset>
<details class="quiz-solution success">
<summary>Solution</summary>
<ol class="quiz-steps">
<li><strong>Step 1:</strong> CI and CD come from DevOps.</li>
<li><strong>Step 2:</strong> Retraining on triggers is what ML adds.</li>
</ol>
<p class="quiz-final"><strong>Final answer:</strong> Continuous training → Option B</p>
<p class="quiz-quick-check"><strong>Quick check:</strong> CT = the ML-only practice.</p>
<p><strong>Common mistakes:</strong></p>
<ul class="quiz-mistakes">
<li>Picking CI because ML pipelines run it too.</li>
</ul>
</details>
</section>
</div>\
""")


def test_a_multiple_choice_question_with_kind_and_time() -> None:
    assert rendered(MULTIPLE) == snapshot("""\
<div class="quiz" data-quiz="bank">
<p class="quiz-summary">1 question, about 4 minutes in all.</p>
<div class="quiz-progress" hidden>
<p class="quiz-score" aria-live="polite"></p>
<button type="button" class="quiz-reset md-button">Reset progress</button>
</div>
<section class="quiz-question" id="quiz-ct-is-unique" data-quiz-id="ct-is-unique" data-quiz-type="choice" data-select="multiple" data-correct="AB" data-difficulty="hard">
<fieldset aria-describedby="quiz-ct-is-unique-stem">
<legend>Question 1 <span class="quiz-meta">(workflow · hard · about 4 min)</span></legend>
<div class="quiz-stem" id="quiz-ct-is-unique-stem">
<p>Which practice is unique to ML systems?</p>
</div>
<p class="quiz-select-hint">Select every correct option, then check.</p>
<div class="quiz-options">
<label class="quiz-option" for="quiz-ct-is-unique-a"><input type="checkbox" id="quiz-ct-is-unique-a" name="quiz-ct-is-unique" value="A"> <span class="quiz-letter">A.</span> Continuous integration</label>
<label class="quiz-option" for="quiz-ct-is-unique-b"><input type="checkbox" id="quiz-ct-is-unique-b" name="quiz-ct-is-unique" value="B"> <span class="quiz-letter">B.</span> Continuous training</label>
<label class="quiz-option" for="quiz-ct-is-unique-c"><input type="checkbox" id="quiz-ct-is-unique-c" name="quiz-ct-is-unique" value="C"> <span class="quiz-letter">C.</span> Continuous delivery</label>
</div>
<button type="button" class="quiz-check md-button" hidden>Check answer</button>
<p class="quiz-feedback" role="status" aria-live="polite"></p>
</fieldset>
<details class="quiz-solution success">
<summary>Solution</summary>
<ol class="quiz-steps">
<li><strong>Step 1:</strong> CI and CD come from DevOps.</li>
<li><strong>Step 2:</strong> Retraining on triggers is what ML adds.</li>
</ol>
<p class="quiz-final"><strong>Final answer:</strong> Continuous training → Options A and B</p>
<p class="quiz-quick-check"><strong>Quick check:</strong> CT = the ML-only practice.</p>
<p><strong>Common mistakes:</strong></p>
<ul class="quiz-mistakes">
<li>Picking CI because ML pipelines run it too.</li>
</ul>
</details>
</section>
</div>\
""")


def test_a_fill_in_the_blank_task() -> None:
    assert rendered(BLANK) == snapshot("""\
<div class="quiz" data-quiz="bank">
<p class="quiz-summary">1 task.</p>
<div class="quiz-progress" hidden>
<p class="quiz-score" aria-live="polite"></p>
<button type="button" class="quiz-reset md-button">Reset progress</button>
</div>
<section class="quiz-question quiz-blank" id="quiz-blank-ct" data-quiz-id="blank-ct" data-quiz-type="blank" data-answers="[&quot;training&quot;, &quot;CT&quot;]" data-attempts="3" data-difficulty="easy">
<fieldset aria-describedby="quiz-blank-ct-feedback">
<legend>Task 1 <span class="quiz-meta">(easy)</span></legend>
<div class="quiz-stem">
<p>Retraining on triggers is called continuous <input type="text" class="quiz-blank-input" id="quiz-blank-ct-input" autocomplete="off" spellcheck="false" aria-label="The blank in task 1">.</p>
</div>
<button type="button" class="quiz-check md-button" hidden>Check</button>
<p class="quiz-feedback" id="quiz-blank-ct-feedback" role="status" aria-live="polite"></p>
</fieldset>
<details class="quiz-hint tip">
<summary>Hint</summary>
<p>It is the T in <em>CT</em>.</p>
</details>
<details class="quiz-solution success">
<summary>Answer</summary>
<p><code>training</code> or <code>CT</code></p>
</details>
</section>
</div>\
""")


SCENARIO = """\
## scenario-stale-model

type: scenario
difficulty: hard
kind: troubleshooting
time: 8 min

A nightly job overwrites `model.pkl`. On Wednesday the forecasts are worse.
What would you change, and why?

### Solution

Step 1: Keep every model as a version.
Step 2: Gate each one on evaluation.

Rubric:

- Keeps model versions with their data.
- Gates a release on *evaluation*.

Common mistakes:

- Rolling back the code, which did not change.
"""

NAMED_MISTAKES = GOOD.replace(
    "- Picking CI because ML pipelines run it too.",
    "- Option A: Picking CI because ML pipelines run it too.\n"
    "- Options A and C: Reading *continuous* as ML's own word.",
)


def test_a_scenario_task_with_its_rubric_as_a_checklist() -> None:
    assert rendered(SCENARIO) == snapshot("""\
<div class="quiz" data-quiz="bank">
<p class="quiz-summary">1 question, about 8 minutes in all.</p>
<div class="quiz-progress" hidden>
<p class="quiz-score" aria-live="polite"></p>
<button type="button" class="quiz-reset md-button">Reset progress</button>
</div>
<section class="quiz-question quiz-scenario" id="quiz-scenario-stale-model" data-quiz-id="scenario-stale-model" data-quiz-type="scenario" data-difficulty="hard">
<p class="quiz-legend">Scenario 1 <span class="quiz-meta">(troubleshooting · hard · about 8 min)</span></p>
<div class="quiz-stem" id="quiz-scenario-stale-model-stem">
<p>A nightly job overwrites <code>model.pkl</code>. On Wednesday the forecasts are worse.
What would you change, and why?</p>
</div>
<p class="quiz-select-hint">Write your answer down first. Then open the worked solution and tick each point of its rubric that your answer covers.</p>
<p class="quiz-feedback" role="status" aria-live="polite"></p>
<details class="quiz-solution success">
<summary>Worked solution and rubric</summary>
<ol class="quiz-steps">
<li><strong>Step 1:</strong> Keep every model as a version.</li>
<li><strong>Step 2:</strong> Gate each one on evaluation.</li>
</ol>
<fieldset class="quiz-rubric">
<legend>Rubric: a good answer</legend>
<label class="quiz-option" for="quiz-scenario-stale-model-1"><input type="checkbox" id="quiz-scenario-stale-model-1" name="quiz-scenario-stale-model" value="a"> Keeps model versions with their data.</label>
<label class="quiz-option" for="quiz-scenario-stale-model-2"><input type="checkbox" id="quiz-scenario-stale-model-2" name="quiz-scenario-stale-model" value="b"> Gates a release on <em>evaluation</em>.</label>
</fieldset>
<button type="button" class="quiz-check md-button" hidden>Save my score</button>
<p><strong>Common mistakes:</strong></p>
<ul class="quiz-mistakes">
<li>Rolling back the code, which did not change.</li>
</ul>
</details>
</section>
</div>\
""")


def test_a_common_mistake_names_the_option_it_explains_in_bold() -> None:
    html = rendered(NAMED_MISTAKES)
    mistakes = html[html.index('<ul class="quiz-mistakes">') : html.index("</details>")]
    assert mistakes == snapshot("""\
<ul class="quiz-mistakes">
<li><strong>Option A:</strong> Picking CI because ML pipelines run it too.</li>
<li><strong>Options A and C:</strong> Reading <em>continuous</em> as ML's own word.</li>
</ul>
""")
