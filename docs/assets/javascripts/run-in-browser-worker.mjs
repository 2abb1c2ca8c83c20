// The Python of the Run buttons: a Pyodide interpreter with the pinned SQLAlchemy wheels,
// started by run-in-browser.js on the first Run of a page and kept for the next runs (Stop
// terminates it; the next Run starts a new one). Every file comes from this site (docs/assets/pyodide/,
// fetched and sha256-verified by scripts/browser_runtime.py); nothing from another host.
//
// Messages: in  {type: "run", id, path, source}
//           out {type: "ready", python, pyodide, sqlalchemy, seconds}
//               {type: "out", id, stream: "stdout" | "stderr", text}   one line, no newline
//               {type: "done", id, status: 0 | 1, seconds}
//               {type: "fatal", id, message}     this Python is not used again; the worker closes
//               {type: "failed", message}                          Python could not start
import { loadPyodide, version as pyodideVersion } from "../pyodide/pyodide.mjs"

const base = new URL("../pyodide/", import.meta.url)
let running = null // the id of the run in progress

// Runs `source` the way `python path` runs a script: a fresh __main__ module, __file__ and
// sys.argv set, an uncaught exception printed as a traceback on stderr. One interpreter
// serves every run on the page, so each run first forgets what the previous ones imported
// from SQLAlchemy (and their loggers and warning filters): the snippet imports a fresh
// SQLAlchemy, with no event listener or mapper left over. The modules are compiled once, at
// start (Pyodide does not write bytecode by default), so that importing again is quick.
// Known cost: each run's SQLAlchemy stays in memory (weakref.finalize hooks on its generated
// functions and typing's caches and @overload registry still point into it), so later runs
// in one tab get slower (on checked/blog-claims: 0.7 s for the 2nd run, about 2 s for the
// 25th to 30th); scripts/bench_browser_run.py --repeat 30 measures it. Releasing those
// (detaching the hooks, typing.clear_overloads() and typing's cache_clear functions) was
// tried on Pyodide 314.0.7: the gc.collect() that frees an old copy then ended some runs
// with Pyodide's fatal "function signature mismatch" (inside the gc module), page-dependent
// and repeatable, so the copies are kept until a better way is found.
const RUNNER = `
import builtins, gc, logging, os, sys, traceback, types, warnings

_guide_home = os.getcwd()
_guide_filters = list(warnings.filters)
_guide_fresh = ("sqlalchemy", "typing_extensions", "__main__")

def _guide_forget():
    for name in [n for n in sys.modules if n.split(".")[0] in _guide_fresh]:
        del sys.modules[name]
    loggers = logging.root.manager.loggerDict
    for name in [n for n in loggers if n.split(".")[0] == "sqlalchemy"]:
        logger = loggers.pop(name)
        if isinstance(logger, logging.Logger):
            logger.handlers.clear()
    warnings.filters[:] = _guide_filters
    warnings._filters_mutated()
    os.chdir(_guide_home)
    gc.collect()

def _guide_warm():
    sys.dont_write_bytecode = False
    import sqlalchemy, sqlalchemy.orm  # noqa: F401  (writes the .pyc files)
    _guide_forget()

def _guide_run(path, source):
    _guide_forget()
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:  # so that tracebacks show the lines
        handle.write(source)
    module = types.ModuleType("__main__")
    module.__file__ = os.path.abspath(path)
    module.__builtins__ = builtins
    sys.modules["__main__"] = module
    sys.argv = [path]
    status = 0
    try:
        exec(compile(source, path, "exec"), module.__dict__)
    except SystemExit as stop:
        # As CPython's exit: None is 0, an int is the status, anything else is printed to
        # stderr and gives 1 (sys.exit("message")).
        if stop.code is None:
            status = 0
        elif isinstance(stop.code, int):
            status = stop.code
        else:
            print(stop.code, file=sys.stderr)
            status = 1
    except BaseException:
        traceback.print_exc()
        status = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    return status
`

async function start() {
  const started = performance.now()
  const runtime = await (await fetch(new URL("runtime.json", base))).json()
  const pyodide = await loadPyodide({
    indexURL: base.href,
    stdout: (text) => postMessage({ type: "out", id: running, stream: "stdout", text }),
    stderr: (text) => postMessage({ type: "out", id: running, stream: "stderr", text }),
  })
  const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]")
  for (const wheel of runtime.wheels) {
    const response = await fetch(new URL(wheel, base))
    if (!response.ok) throw new Error(`${wheel}: HTTP ${response.status}`)
    pyodide.unpackArchive(await response.arrayBuffer(), "wheel", { extractDir: sitePackages })
  }
  pyodide.runPython(RUNNER)
  pyodide.runPython("_guide_warm()")
  const versions = pyodide.runPython(
    "import platform, sqlalchemy; f'{platform.python_version()} {sqlalchemy.__version__}'",
  ).split(" ")
  postMessage({
    type: "ready",
    python: versions[0],
    pyodide: pyodideVersion,
    sqlalchemy: versions[1],
    seconds: (performance.now() - started) / 1000,
  })
  return pyodide
}

const ready = start().catch((error) => {
  postMessage({ type: "failed", message: String(error && error.message ? error.message : error) })
  return null
})

onmessage = async (event) => {
  const { type, id, path, source } = event.data
  if (type !== "run") return
  const pyodide = await ready
  if (!pyodide) return
  const started = performance.now()
  const run = pyodide.globals.get("_guide_run")
  let status
  let failure = null
  running = id
  try {
    status = run(path, source)
  } catch (error) {
    if (error instanceof pyodide.ffi.PythonError) {
      // Python failed in the runner, outside the script's own exec (after an edited script
      // closed sys.stdout, say): its traceback is shown, and a new Python is safer.
      const lines = String(error.message).trimEnd().split("\n")
      for (const text of lines) postMessage({ type: "out", id, stream: "stderr", text })
      failure = `the runner failed after the script: ${lines[lines.length - 1]}`
    } else {
      // Pyodide's own fatal error, thrown here (a WebAssembly trap, for one).
      failure = `Pyodide's fatal error (${error && error.message ? error.message : error})`
    }
  } finally {
    try {
      run.destroy()
    } catch {
      // after a fatal error Pyodide refuses every call, this one too
    }
    running = null
  }
  if (failure === null && typeof status !== "number") {
    // A fatal error raised from inside Python: Pyodide swallows it, writes the details to
    // the browser's console, and the call returns undefined.
    failure = "Pyodide's fatal error (details in the browser's console)"
  }
  if (failure !== null) {
    // This interpreter is not used again: the page is told, and the next Run starts a new one.
    postMessage({ type: "fatal", id, message: `${failure}; the next Run starts a new Python` })
    close()
    return
  }
  postMessage({ type: "done", id, status, seconds: (performance.now() - started) / 1000 })
}
