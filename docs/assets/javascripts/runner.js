/*
 * Code the reader runs in the page: they edit it and press Run (an example) or Check (a
 * hands-on step), and Python in their own browser runs it (runner-worker.mjs, with the
 * site's copy of Pyodide). A Check runs the step's checks from hands_on/, the same code
 * and messages as `python3 -m hands_on.check STEP FILE`. Nothing is fetched until the
 * first Run or Check; the interpreter then stays loaded for later runs on any page
 * (instant navigation keeps this script alive, and the browser's cache serves the same
 * URLs after a reload). Without JavaScript the code, and the output it printed in CI,
 * are on the page as they are, and no button shows.
 *
 * The reader's edits are kept in this browser (localStorage, per page and block) until
 * they press Reset. In the code, Tab indents; Esc then Tab leaves it; Ctrl+Enter runs it.
 *
 * DOM contract (content_markers writes it for `<!-- md:run -->` and `<!-- md:check -->`;
 * browser tests use it):
 *   div.runnable[data-modules="snippets/__init__.py snippets/meter.py"]
 *     [data-step="gate"][data-file="my_gate.py"]   a hands-on step's check (md:check)
 *     div.highlight pre > code           the code: made editable (role=textbox)
 *     div.runnable__toolbar[hidden]      shown here: button.runnable__run (Run, or Check),
 *                                        button.runnable__reset, button.runnable__stop,
 *                                        span.runnable__hint, span.runnable__status
 *                                        (role=status)
 *     div.runnable__result[hidden]       shown by a run: > samp.runnable__output, what the
 *                                        last run printed, tracebacks included
 *   div.runnable[data-state]             idle | loading | running | done | stopped | failed
 */
(() => {
  "use strict";

  const script = document.currentScript;
  const WORKER_URL = script ? new URL("runner-worker.mjs", script.src).href : null;
  const MODULES_URL = script ? new URL("../python/", script.src).href : null;
  const TIME_LIMIT_S = 10; // a run still going after this is stopped: a runaway loop
  const OUTPUT_LIMIT = 20000; // characters kept of one run's output
  const STORE = "mlops-vs-devops:code:v1"; // {"/page/#block-id": {code, page}}
  const INDENT = "    ";

  let worker = null; // one Python for every block, started by the first Run
  let workers = 0; // how many have been started: after a Stop, Python loads again
  let current = null; // the block whose run the worker is busy with

  // --- The reader's edits, kept in this browser ----------------------------------------

  function saved() {
    try {
      return JSON.parse(localStorage.getItem(STORE)) || {};
    } catch {
      return {}; // storage blocked or corrupt: the code still runs, just unsaved
    }
  }

  // The same code as the page's, but for a final newline (innerText and textContent
  // differ there): nothing of the reader's to keep.
  const unedited = (block, code) => code.trimEnd() === block.pageCode.trimEnd();

  function keep(block, code) {
    const all = saved();
    if (code === null || unedited(block, code)) delete all[block.storeKey];
    else all[block.storeKey] = { code, page: block.pageCode };
    try {
      if (Object.keys(all).length) localStorage.setItem(STORE, JSON.stringify(all));
      else localStorage.removeItem(STORE);
    } catch {
      // full or blocked: nothing to do but run unsaved
    }
  }

  // --- Runs ---------------------------------------------------------------------------

  const part = (block, name) => block.querySelector(`.runnable__${name}`);
  const isCheck = (block) => Boolean(block.dataset.step);
  // innerText keeps the line breaks an edit made; it is empty while the block is not
  // rendered (off screen), where the text as written is the code.
  const source = (code) => code.innerText || code.textContent;

  function say(block, text) {
    part(block, "status").textContent = text;
  }

  function stop(message) {
    if (!current) return;
    worker.terminate(); // the only way to interrupt Python here; the next Run restarts it
    worker = null;
    finish(current, "stopped", message);
  }

  function finish(block, state, message) {
    clearTimeout(block.timer);
    block.dataset.state = state;
    say(block, message);
    const run = part(block, "run");
    const stopButton = part(block, "stop");
    run.removeAttribute("aria-disabled");
    // The Stop button goes: a reader who pressed it, by keyboard too, is put back on Run.
    if (document.activeElement === stopButton) run.focus();
    stopButton.hidden = true;
    current = null;
  }

  function append(block, text) {
    const output = part(block, "output");
    part(block, "result").hidden = false;
    if (block.cut) return;
    const all = output.textContent + text;
    if (all.length <= OUTPUT_LIMIT) {
      output.textContent = all;
      return;
    }
    block.cut = true;
    output.textContent =
      all.slice(0, OUTPUT_LIMIT) +
      `\n… [cut here: a run keeps the first ${OUTPUT_LIMIT.toLocaleString("en")} characters it prints]\n`;
  }

  function loadingText() {
    return workers === 1
      ? "Loading Python (a few megabytes, the first time only)…"
      : "Starting Python again (a stopped run ends its Python)…";
  }

  function doneText(block, { raised, report }) {
    if (raised) {
      const where = raised.line ? ` at line ${raised.line}` : "";
      const what = isCheck(block) ? "the check stopped on" : "your code raised";
      return `Done: ${what} ${raised.name}${where} (the traceback is below).`;
    }
    if (report) {
      if (!report.checked) return "Not checked: the checker's message is below.";
      if (!report.failed) return `All ${report.checks} checks pass.`;
      const passed = report.checks - report.failed;
      return `${passed} of ${report.checks} checks pass: the first FAIL below says what to fix.`;
    }
    if (block.cut) {
      return `Done: the output was cut at ${OUTPUT_LIMIT.toLocaleString("en")} characters.`;
    }
    return part(block, "output").textContent ? "Done." : "Done: it printed nothing.";
  }

  function onMessage({ data }) {
    const block = current;
    if (!block) return;
    if (data.type === "stage") {
      block.dataset.state = data.stage;
      if (data.stage === "loading") say(block, loadingText());
      if (data.stage === "running") {
        say(block, isCheck(block) ? "Checking…" : "Running…");
        // The limit counts from the start of the run proper, not from loading Python.
        block.timer = setTimeout(
          () => stop(`Stopped: still running after ${TIME_LIMIT_S} s (an endless loop?).`),
          TIME_LIMIT_S * 1000,
        );
      }
    } else if (data.type === "output") {
      append(block, data.text);
    } else if (data.type === "done") {
      finish(block, "done", doneText(block, data));
    } else if (data.type === "failed") {
      worker.terminate();
      worker = null;
      finish(block, "failed", `Python could not start: ${data.text}`);
    }
  }

  function run(block) {
    if (block === current) return; // Run is marked unavailable until this run ends
    if (current) stop("Stopped: another example was started.");
    if (!worker) {
      worker = new Worker(WORKER_URL, { type: "module" });
      worker.onmessage = onMessage;
      workers += 1;
    }
    current = block;
    block.dataset.state = "running"; // until the worker says it loads Python first
    block.cut = false;
    part(block, "output").textContent = "";
    part(block, "result").hidden = true;
    // Unavailable, not disabled: a disabled button drops the keyboard's focus to the
    // top of the page.
    part(block, "run").setAttribute("aria-disabled", "true");
    part(block, "stop").hidden = false;
    const modules = {};
    for (const path of (block.dataset.modules || "").split(/\s+/).filter(Boolean)) {
      modules[path] = new URL(path, MODULES_URL).href;
    }
    const code = source(block.querySelector("pre > code"));
    if (isCheck(block)) {
      const { step, file } = block.dataset;
      worker.postMessage({ type: "check", step, file, code, modules });
    } else {
      worker.postMessage({ type: "run", code, modules });
    }
  }

  // --- The editor ---------------------------------------------------------------------

  // Replace the characters from `start` to `end` of the code's text with `text`, as
  // typing would (the browser's undo keeps it).
  function replaceText(code, start, end, text) {
    const range = document.createRange();
    const at = (offset) => {
      const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
      let node;
      while ((node = walker.nextNode())) {
        if (offset <= node.length) return [node, offset];
        offset -= node.length;
      }
      return [code, code.childNodes.length];
    };
    range.setStart(...at(start));
    range.setEnd(...at(end));
    const selection = getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    if (!document.execCommand("insertText", false, text)) {
      range.deleteContents();
      range.insertNode(document.createTextNode(text));
      selection.collapse(code, 0);
    }
  }

  function caret(code) {
    const selection = getSelection();
    if (!selection.rangeCount) return 0;
    const range = document.createRange();
    range.selectNodeContents(code);
    range.setEnd(selection.getRangeAt(0).startContainer, selection.getRangeAt(0).startOffset);
    return range.toString().length;
  }

  // Tab indents the line (Shift+Tab takes an indent back); Esc, then Tab, leaves the
  // code as Tab does anywhere else, the way out keyboard users know from code editors.
  function onKey(block, code, event) {
    if (event.key === "Escape") {
      block.leaving = true;
      return;
    }
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run(block);
      return;
    }
    const leaving = block.leaving;
    block.leaving = false;
    if (event.key !== "Tab" || leaving || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const text = code.textContent;
    const at = caret(code);
    if (!event.shiftKey) {
      replaceText(code, at, at, INDENT);
      return;
    }
    const line = text.lastIndexOf("\n", at - 1) + 1;
    const spaces = /^ {0,4}/.exec(text.slice(line))[0].length;
    if (spaces) replaceText(code, line, line + spaces, "");
  }

  function setUp(block) {
    if (block.dataset.state) return; // already set up (instant navigation back)
    const code = block.querySelector("pre > code");
    const original = code.cloneNode(true); // the highlighted code, for Reset
    block.pageCode = code.textContent;
    block.storeKey = `${location.pathname}#${block.id}`;
    code.contentEditable = "plaintext-only";
    if (code.contentEditable !== "plaintext-only") code.contentEditable = "true";
    code.spellcheck = false;
    code.setAttribute("role", "textbox");
    code.setAttribute("aria-multiline", "true");
    const action = part(block, "run").textContent;
    code.setAttribute("aria-label", `Python code: edit it, then press ${action}`);
    code.setAttribute("aria-describedby", part(block, "hint").id);
    code.addEventListener("keydown", (event) => onKey(block, code, event));
    code.addEventListener("blur", () => {
      block.leaving = false;
    });
    code.addEventListener("input", () => keep(block, source(code)));
    part(block, "run").addEventListener("click", () => run(block));
    part(block, "stop").addEventListener("click", () => stop("Stopped."));
    part(block, "reset").addEventListener("click", () => {
      if (block === current) stop("Stopped.");
      code.replaceChildren(...original.cloneNode(true).childNodes);
      keep(block, null);
      part(block, "result").hidden = true;
      say(block, "The code is as it was.");
      block.dataset.state = "idle";
    });
    const mine = saved()[block.storeKey];
    if (mine && !unedited(block, mine.code)) {
      code.textContent = mine.code;
      say(
        block,
        mine.page === block.pageCode
          ? "Your edited code, kept in this browser: Reset brings back the page's."
          : "Your edited code, kept in this browser; the page's code has changed since: Reset shows it.",
      );
    }
    part(block, "toolbar").hidden = false;
    block.dataset.state = "idle";
  }

  function start() {
    if (!WORKER_URL || typeof Worker === "undefined") return; // no run: the page reads as it is
    document.querySelectorAll("div.runnable").forEach(setUp);
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(start); // every page view, including instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
