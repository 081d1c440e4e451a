/*
 * Runs a reader's Python off the page's thread, in the site's own copy of Pyodide
 * (../vendor/pyodide/), so a runaway loop never freezes the page: runner.js can
 * terminate this worker. The interpreter loads on the first message only.
 *
 * Messages in:
 *   {type: "run", code, modules}                run `code` as a script
 *   {type: "check", step, file, code, modules}  save `code` as `file` and run the hands-on
 *                                               checker's `step` on it, as
 *                                               `python3 -m hands_on.check STEP FILE` does
 *   modules: {path: url}, files to put on the interpreter's path first (each fetched once)
 * Messages out, in this order (runner.js words them; it never reads the output):
 *   {type: "stage", stage: "loading"}  starting Python: sent by a new worker only
 *   {type: "stage", stage: "running"}  the code runs now (the time limit starts here)
 *   {type: "output", text}             what the code printed (stdout and stderr)
 *   {type: "done", raised}             the run ended; raised: null, or {name, line} of the
 *                                      exception it ended in (its traceback is in the output)
 *   {type: "done", raised, report}     a check ended; report: {checks, failed, checked}
 *   {type: "failed", text}             the interpreter itself could not start
 */
import { loadPyodide } from "../vendor/pyodide/pyodide.mjs";

// Every run starts from a fresh namespace. An exception prints the reader's part of the
// traceback (not this helper's frame) with their lines of code, as `python file.py`
// would; linecache is how traceback finds the text of code that has no file.
const HELPERS = `
import builtins, json, linecache, sys, traceback
from pathlib import Path

CODE = "<your code>"


def no_input(prompt=""):
    raise EOFError(
        "input() is not supported here: the page cannot type into your program. "
        "Put the value in the code instead, such as name = 'Ada'."
    )


builtins.input = no_input


def raised(error):
    line = error.lineno if isinstance(error, SyntaxError) and error.filename == CODE else None
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename == CODE:
            line = frame.lineno
    return {"name": type(error).__name__, "line": line}


def ended(error):
    traceback.print_exception(type(error), error, error.__traceback__.tb_next)
    return raised(error)


def flush():
    sys.stdout.flush()
    sys.stderr.flush()


def run(source):
    linecache.cache[CODE] = (len(source), None, source.splitlines(True), CODE)
    try:
        exec(compile(source, CODE, "exec"), {"__name__": "__main__"})
        return json.dumps({"raised": None})
    except BaseException as error:
        return json.dumps({"raised": ended(error)})
    finally:
        flush()


def check(step, file, source):
    from hands_on.check import STEPS
    from hands_on.runner import report_for

    path = Path(file)
    path.write_text(source, encoding="utf-8")
    try:
        report = report_for(STEPS[step], path)
    except BaseException as error:  # the learner's code ended the checker (SystemExit...)
        return json.dumps({"raised": ended(error), "report": None})
    finally:
        flush()
    print("\\n".join(report.lines))
    flush()
    counts = {"checks": report.checks, "failed": report.failed, "checked": report.checked}
    return json.dumps({"raised": None, "report": counts})
`;

let python = null; // one interpreter per worker, started by the first message
const loaded = new Set(); // module files already on the interpreter's path

// A policy that forbids compiling WebAssembly makes Pyodide wait forever: say so instead.
self.addEventListener("securitypolicyviolation", (event) => {
  postMessage({ type: "failed", text: `the page's security policy blocks it (${event.violatedDirective})` });
});

async function start() {
  postMessage({ type: "stage", stage: "loading" });
  const pyodide = await loadPyodide({
    indexURL: new URL("../vendor/pyodide/", import.meta.url).href,
  });
  const decoder = new TextDecoder();
  const write = (bytes) => {
    postMessage({ type: "output", text: decoder.decode(bytes, { stream: true }) });
    return bytes.length;
  };
  pyodide.setStdout({ write });
  pyodide.setStderr({ write });
  pyodide.setStdin({ stdin: () => null }); // end of input: sys.stdin reads nothing
  pyodide.runPython(HELPERS);
  return { pyodide, run: pyodide.globals.get("run"), check: pyodide.globals.get("check") };
}

// The files of `modules` not yet on the path (a page's examples and its checks need
// different ones, and one worker serves every page of a visit).
async function install(pyodide, modules) {
  const fresh = Object.entries(modules).filter(([path]) => !loaded.has(path));
  for (const [path, url] of fresh) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`could not load ${url} (${response.status})`);
    const file = `/home/pyodide/${path}`;
    pyodide.FS.mkdirTree(file.slice(0, file.lastIndexOf("/")));
    pyodide.FS.writeFile(file, await response.text());
    loaded.add(path);
  }
  if (fresh.length) pyodide.runPython("import importlib; importlib.invalidate_caches()");
}

self.onmessage = async ({ data }) => {
  if (data.type !== "run" && data.type !== "check") return;
  let helpers;
  try {
    python ??= start();
    helpers = await python;
  } catch (error) {
    python = null;
    postMessage({ type: "failed", text: String(error) });
    return;
  }
  try {
    await install(helpers.pyodide, data.modules || {});
  } catch (error) {
    postMessage({ type: "failed", text: String(error) });
    return;
  }
  postMessage({ type: "stage", stage: "running" });
  const result =
    data.type === "run" ? helpers.run(data.code) : helpers.check(data.step, data.file, data.code);
  postMessage({ type: "done", ...JSON.parse(result) });
};
