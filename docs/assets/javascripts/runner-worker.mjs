/*
 * Runs a reader's Python off the page's thread, in the site's own copy of Pyodide
 * (../vendor/pyodide/), so a runaway loop never freezes the page: runner.js can
 * terminate this worker. The interpreter loads on the first "run" message only.
 *
 * Messages in:  {type: "run", code, modules: {path: url}}   modules: files to put on
 *               the interpreter's path before the first run (snippets/meter.py, ...)
 * Messages out: {type: "status", text}   loading stages, for the reader
 *               {type: "output", text}   what the code printed (stdout and stderr)
 *               {type: "done", raised}   the run ended; raised: it ended in an exception,
 *                                        whose traceback is in the output
 *               {type: "failed", text}   the interpreter itself could not start
 */
import { loadPyodide } from "../vendor/pyodide/pyodide.mjs";

// Every run starts from a fresh namespace; an exception prints the reader's part of
// the traceback (not this helper's frame), as `python file.py` would.
const RUN = `
import sys, traceback

def run(source):
    namespace = {"__name__": "__main__"}
    try:
        exec(compile(source, "<your code>", "exec"), namespace)
        return False
    except BaseException as error:
        traceback.print_exception(type(error), error, error.__traceback__.tb_next)
        return True
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
run
`;

let python = null; // one interpreter per worker, started by the first run

// A policy that forbids compiling WebAssembly makes Pyodide wait forever: say so instead.
self.addEventListener("securitypolicyviolation", (event) => {
  postMessage({ type: "failed", text: `the page's security policy blocks it (${event.violatedDirective})` });
});

async function start(modules) {
  postMessage({ type: "status", text: "Loading Python (a few megabytes, the first time only)…" });
  const pyodide = await loadPyodide({
    indexURL: new URL("../vendor/pyodide/", import.meta.url).href,
  });
  postMessage({ type: "status", text: "Starting Python…" });
  for (const [path, url] of Object.entries(modules)) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`could not load ${url} (${response.status})`);
    const file = `/home/pyodide/${path}`;
    pyodide.FS.mkdirTree(file.slice(0, file.lastIndexOf("/")));
    pyodide.FS.writeFile(file, await response.text());
  }
  const decoder = new TextDecoder();
  const write = (bytes) => {
    postMessage({ type: "output", text: decoder.decode(bytes, { stream: true }) });
    return bytes.length;
  };
  pyodide.setStdout({ write });
  pyodide.setStderr({ write });
  return pyodide.runPython(RUN);
}

self.onmessage = async ({ data }) => {
  if (data.type !== "run") return;
  let run;
  try {
    python ??= start(data.modules);
    run = await python;
  } catch (error) {
    python = null;
    postMessage({ type: "failed", text: String(error) });
    return;
  }
  postMessage({ type: "status", text: "Running…" });
  const raised = run(data.code);
  postMessage({ type: "done", raised });
};
