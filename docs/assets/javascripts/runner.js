/*
 * Runnable examples: the reader edits the code, presses Run and sees what it prints,
 * computed by Python in their own browser (runner-worker.mjs, with the site's copy of
 * Pyodide). Nothing is fetched until the first Run; the interpreter then stays loaded
 * for later runs on any page (instant navigation keeps this script alive, and the
 * browser's cache serves the same URLs after a reload). Without JavaScript the code and
 * the output it printed in CI are on the page as they are.
 *
 * DOM contract (content_markers writes it for `<!-- md:run -->`; browser tests use it):
 *   div.runnable[data-modules="snippets/__init__.py snippets/meter.py"]
 *     div.highlight pre > code           the code: made editable (role=textbox)
 *     div.runnable__toolbar[hidden]      shown here: button.runnable__run,
 *                                        button.runnable__reset, button.runnable__stop,
 *                                        span.runnable__status (role=status)
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

  let worker = null; // one Python for every example, started by the first Run
  let current = null; // the block whose run the worker is busy with

  function stop(message) {
    if (!current) return;
    worker.terminate(); // the only way to interrupt Python here; the next Run restarts it
    worker = null;
    finish(current, "stopped", message);
  }

  function finish(block, state, message) {
    clearTimeout(block.timer);
    block.dataset.state = state;
    block.querySelector(".runnable__status").textContent = message;
    block.querySelector(".runnable__run").disabled = false;
    block.querySelector(".runnable__stop").hidden = true;
    current = null;
  }

  function append(block, text) {
    const output = block.querySelector(".runnable__output");
    block.querySelector(".runnable__result").hidden = false;
    if (output.textContent.length < OUTPUT_LIMIT) {
      output.textContent = (output.textContent + text).slice(0, OUTPUT_LIMIT);
    }
  }

  function onMessage({ data }) {
    const block = current;
    if (!block) return;
    const status = block.querySelector(".runnable__status");
    if (data.type === "status") {
      const running = data.text.startsWith("Running");
      block.dataset.state = running ? "running" : "loading";
      status.textContent = data.text;
      // The limit counts from the start of the run proper, not from loading Python.
      if (running) {
        block.timer = setTimeout(
          () => stop(`Stopped: still running after ${TIME_LIMIT_S} s (an endless loop?).`),
          TIME_LIMIT_S * 1000,
        );
      }
    } else if (data.type === "output") {
      append(block, data.text);
    } else if (data.type === "done") {
      const output = block.querySelector(".runnable__output");
      const said = data.raised
        ? "Done: your code raised an exception (the traceback is below)."
        : output.textContent ? "Done." : "Done: it printed nothing.";
      finish(block, "done", said);
    } else if (data.type === "failed") {
      worker.terminate();
      worker = null;
      finish(block, "failed", `Python could not start: ${data.text}`);
    }
  }

  function run(block) {
    if (current) stop("Stopped: another example was started.");
    worker ??= new Worker(WORKER_URL, { type: "module" });
    worker.onmessage = onMessage;
    current = block;
    block.querySelector(".runnable__output").textContent = "";
    block.querySelector(".runnable__result").hidden = true;
    block.querySelector(".runnable__run").disabled = true;
    block.querySelector(".runnable__stop").hidden = false;
    const modules = {};
    for (const path of (block.dataset.modules || "").split(/\s+/).filter(Boolean)) {
      modules[path] = new URL(path, MODULES_URL).href;
    }
    const code = block.querySelector("pre > code").innerText;
    worker.postMessage({ type: "run", code, modules });
  }

  function setUp(block) {
    if (block.dataset.state) return; // already set up (instant navigation back)
    const code = block.querySelector("pre > code");
    const original = code.cloneNode(true); // the highlighted code, for Reset
    code.contentEditable = "plaintext-only";
    if (code.contentEditable !== "plaintext-only") code.contentEditable = "true";
    code.spellcheck = false;
    code.setAttribute("role", "textbox");
    code.setAttribute("aria-multiline", "true");
    code.setAttribute("aria-label", "Python code: edit it, then press Run");
    block.querySelector(".runnable__run").addEventListener("click", () => run(block));
    block.querySelector(".runnable__stop").addEventListener("click", () => stop("Stopped."));
    block.querySelector(".runnable__reset").addEventListener("click", () => {
      if (block === current) stop("Stopped.");
      code.replaceChildren(...original.cloneNode(true).childNodes);
      block.querySelector(".runnable__result").hidden = true;
      block.querySelector(".runnable__status").textContent = "The code is as it was.";
      block.dataset.state = "idle";
    });
    block.querySelector(".runnable__toolbar").hidden = false;
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
