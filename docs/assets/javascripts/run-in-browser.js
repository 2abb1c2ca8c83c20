// "Run" under every code block whose snippet runs in a browser (hooks/run_in_browser.py marks
// those blocks with data-run-snippet and copies the snippet files into the site).
//
// Run executes the whole snippet file, not only the section shown, in a Web Worker with
// Pyodide and the SQLAlchemy wheel that the test suite pins (run-in-browser-worker.mjs), and
// shows what it printed under the block, in an element labelled "Output". Lines that differ
// from the file's #> lines are marked. Edit opens the whole file for changes; Reset puts
// back the tested text; Stop ends a run (the worker is terminated).
//
// Nothing is fetched before the first Run on a page. The Python started then serves the
// page's later runs (and, through instant navigation, other pages'); each run gets a fresh
// __main__ and freshly imported SQLAlchemy (see the worker).
//
// tests/test_run_in_browser.py clicks Run on the blocks of every page in Chromium.
;(() => {
  const script = document.currentScript
  const here = new URL(script ? script.src : "assets/javascripts/run-in-browser.js", document.baseURI)
  const WORKER_URL = new URL("run-in-browser-worker.mjs", here)
  const SNIPPETS_URL = new URL("../run-in-browser/", here)

  // The snippet test's normalisation (tests/harness/snippets.py NORMALISERS): text that
  // changes from run to run, in CPython as much as here, is compared without it.
  const NORMALISERS = [
    [/0x[0-9a-fA-F]{4,16}/g, "0x…"],
    [/(session|this is) '\d+'/g, "$1 'N'"],
    [/sqlalche\.me\/e\/\d+\//g, "sqlalche.me/e/XX/"],
  ]
  const normalise = (text) => NORMALISERS.reduce((t, [re, to]) => t.replace(re, to), text)

  // "#> text" is output on every SQLAlchemy version; "#>[2.0] text" only on that version.
  const OUTPUT_LINE = /^[ \t]*#>(?:\[(\d+\.\d+)\])?(?: (.*)|$)/
  // The #> lines in file order, and grouped by the run of #> lines (one print() call) they sit in.
  function expectedBlocks(source, sqlalchemy) {
    const minor = sqlalchemy.split(".").slice(0, 2).join(".")
    const blocks = []
    let block = null
    for (const line of source.split("\n")) {
      const match = OUTPUT_LINE.exec(line)
      if (!match) {
        block = null
        continue
      }
      if (!block) blocks.push((block = []))
      if (!match[1] || match[1] === minor) block.push((match[2] || "").trimEnd())
    }
    return blocks.filter((lines) => lines.length)
  }
  const expectedLines = (source, sqlalchemy) => expectedBlocks(source, sqlalchemy).flat()

  // A print() that runs more than once (in a loop, in a function called twice) has all its
  // lines under it, so the file lists them in another order than they are printed. The output
  // still matches when it takes each print's lines in their order: tried greedily, the block
  // listed first wins a line that two could take (tests/test_run_in_browser.py does the same).
  function interleaves(printed, blocks) {
    const next = blocks.map(() => 0)
    for (const got of printed) {
      const index = blocks.findIndex(
        (lines, i) => next[i] < lines.length && normalise(lines[next[i]]) === normalise(got),
      )
      if (index < 0) return false
      next[index] += 1
    }
    return next.every((n, i) => n === blocks[i].length)
  }

  // --- The interpreter --------------------------------------------------------------------

  // One Pyodide worker for the page, started by the first Run and kept across instant
  // navigation; runs take turns. Stop terminates it and the next Run starts another.
  let interpreter = null
  let queue = Promise.resolve()
  let nextId = 1

  function startInterpreter() {
    const worker = new Worker(WORKER_URL, { type: "module" })
    const runs = new Map() // id -> callback for that run's messages
    const started = { worker, runs }
    started.ready = new Promise((resolve, reject) => {
      started.rejectReady = reject
      worker.onmessage = (event) => {
        const message = event.data
        if (message.type === "ready") resolve(message)
        else if (message.type === "failed") reject(new Error(message.message))
        else if (message.type === "fatal" && runs.has(message.id)) {
          runs.get(message.id)({ type: "crashed", error: new Error(message.message) })
        } else if (runs.has(message.id)) runs.get(message.id)(message)
      }
      worker.onerror = (event) => {
        event.preventDefault()
        const error = new Error(event.message || "the Python worker stopped")
        reject(error)
        for (const callback of runs.values()) callback({ type: "crashed", error })
      }
    })
    started.ready.catch(() => {}) // reported by the run that waits for it
    return started
  }

  function stopInterpreter(stopped) {
    stopped.worker.terminate()
    stopped.rejectReady(new Error("stopped"))
    for (const callback of [...stopped.runs.values()]) callback({ type: "stopped" })
    if (interpreter === stopped) interpreter = null
  }

  const sources = new Map()
  async function testedSource(path) {
    if (!sources.has(path)) {
      sources.set(
        path,
        fetch(new URL(path, SNIPPETS_URL)).then((response) => {
          if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`)
          return response.text()
        }),
      )
    }
    try {
      return await sources.get(path)
    } catch (error) {
      sources.delete(path)
      throw error
    }
  }

  // --- One block ----------------------------------------------------------------------------

  function element(tag, attributes = {}, text = "") {
    const node = document.createElement(tag)
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value)
    if (text) node.textContent = text
    return node
  }

  function enhance(block, config) {
    const path = block.dataset.runSnippet
    const panel = element("div", { class: "rib", "data-snippet": path })
    const bar = element("div", { class: "rib-bar" })
    const run = element("button", { type: "button", class: "rib-button rib-run" }, "Run")
    const stop = element("button", { type: "button", class: "rib-button rib-stop", hidden: "" }, "Stop")
    const edit = element(
      "button",
      { type: "button", class: "rib-button rib-edit", "aria-expanded": "false" },
      "Edit",
    )
    const reset = element("button", { type: "button", class: "rib-button rib-reset", hidden: "" }, "Reset")
    const note = element("span", { class: "rib-note" })
    note.append(
      "Runs the whole file ",
      element("code", {}, path),
      ` in your browser: Python ${config.python} (Pyodide ${config.pyodide}), SQLAlchemy ${config.sqlalchemy}.`,
    )
    bar.append(run, stop, edit, reset, note)
    panel.append(bar)
    block.after(panel)

    let editor = null
    let output = null
    let current = null // {interpreter, id} of this block's run

    async function openEditor() {
      if (!editor) {
        editor = element("textarea", {
          class: "rib-editor",
          spellcheck: "false",
          autocapitalize: "off",
          autocomplete: "off",
          "aria-label": `The whole script ${path}, editable`,
        })
        editor.value = await testedSource(path)
        editor.rows = Math.min(30, editor.value.split("\n").length + 1)
        editor.addEventListener("input", () => {
          reset.hidden = false
        })
        bar.after(editor)
      }
      editor.hidden = false
      edit.setAttribute("aria-expanded", "true")
      edit.textContent = "Hide the code"
    }

    edit.addEventListener("click", async () => {
      if (editor && !editor.hidden) {
        editor.hidden = true
        edit.setAttribute("aria-expanded", "false")
        edit.textContent = "Edit"
        return
      }
      try {
        await openEditor()
        editor.focus()
      } catch (error) {
        showFailure(`Could not load ${path}: ${error.message}`)
      }
    })

    reset.addEventListener("click", async () => {
      if (!editor) return
      editor.value = await testedSource(path)
      reset.hidden = true
    })

    function outputPanel() {
      if (!output) {
        output = {
          section: element("section", { class: "rib-output", "aria-label": "Output" }),
          status: element("p", { class: "rib-status", role: "status" }),
          pre: element("pre", { class: "rib-lines" }),
          summary: element("p", { class: "rib-summary" }),
        }
        output.section.append(output.status, output.pre, output.summary)
        panel.append(output.section)
      }
      return output
    }

    function showFailure(message) {
      const out = outputPanel()
      out.section.dataset.state = "failed"
      out.status.textContent = message
    }

    function addLine(stream, text) {
      const line = element("span", { class: `rib-line rib-${stream}`, "data-stream": stream }, text)
      output.pre.append(line, "\n")
      return line
    }

    function compare(source) {
      const expected = expectedLines(source, config.sqlalchemy)
      const printed = [...output.pre.querySelectorAll('.rib-line[data-stream="stdout"]')]
      const texts = printed.map((line) => line.textContent.trimEnd())
      const inOrder =
        texts.length === expected.length && texts.every((got, i) => normalise(got) === normalise(expected[i]))
      if (!inOrder && interleaves(texts, expectedBlocks(source, config.sqlalchemy))) {
        output.summary.textContent =
          `All ${printed.length} printed lines match the #> lines of the file. Some print() calls ` +
          "run more than once, so the file lists their lines together, under the call, in " +
          "another order than they are printed."
        output.section.dataset.differing = "0"
        return
      }
      let differ = 0
      let onlyVolatile = 0
      printed.forEach((line, index) => {
        const want = expected[index]
        const got = line.textContent.trimEnd()
        if (want === got) return
        if (want !== undefined && normalise(want) === normalise(got)) {
          onlyVolatile += 1
          line.classList.add("rib-volatile")
          line.title = "Differs from the #> line only in a number that changes from run to run"
          return
        }
        differ += 1
        line.classList.add("rib-differs")
        line.title = want === undefined ? "Not in the #> lines" : `The #> line says: ${want}`
        line.prepend(element("span", { class: "rib-mark", "aria-label": "differs:" }, "≠"))
      })
      const missing = Math.max(0, expected.length - printed.length)
      const parts = []
      if (!differ && !missing) {
        parts.push(`All ${printed.length} printed lines match the #> lines of the file.`)
      } else {
        if (differ) parts.push(`${differ} of ${printed.length} printed lines differ from the #> lines (marked ≠).`)
        if (missing) parts.push(`${missing} #> lines were not printed.`)
      }
      if (onlyVolatile) {
        parts.push(
          `${onlyVolatile} differ only in an object address or a session number, which change ` +
            "from run to run in CPython too; the test suite compares them without the number.",
        )
      }
      output.summary.textContent = parts.join(" ")
      output.section.dataset.differing = String(differ + missing)
    }

    function finish(state, message) {
      if (!current) return
      current.interpreter.runs.delete(current.id)
      current = null
      run.disabled = false
      stop.hidden = true
      output.section.dataset.state = state
      output.status.textContent = message
    }

    const STOPPED = "Stopped (the next Run starts a new Python)."
    stop.addEventListener("click", () => {
      if (!current) return
      stopInterpreter(current.interpreter)
      finish("stopped", STOPPED)
    })

    run.addEventListener("click", () => {
      if (current || waiting) return
      const clicked = performance.now()
      run.disabled = true
      stop.hidden = true
      const out = outputPanel()
      out.pre.replaceChildren()
      out.summary.textContent = ""
      for (const key of ["differing", "firstOutputMs", "clickToDoneMs"]) delete out.section.dataset[key]
      out.section.dataset.state = "starting"
      out.status.textContent = interpreter
        ? "Waiting for the run before this one…"
        : "Starting Python in your browser (about 15 MB, once per visit)…"
      waiting = true
      // Runs take turns; this one starts when the one before it has finished.
      queue = queue.then(() => execute(clicked, out)).catch(() => {})
    })

    let waiting = false

    async function execute(clicked, out) {
      waiting = false
      interpreter = interpreter || startInterpreter()
      const mine = { interpreter, id: nextId++ }
      current = mine
      stop.hidden = false
      let source
      let info
      try {
        source = editor && !editor.hidden ? editor.value : await testedSource(path)
        out.status.textContent = "Starting Python in your browser…"
        info = await mine.interpreter.ready
      } catch (error) {
        if (current === mine) finish("failed", `Python could not start: ${error.message}`)
        if (interpreter === mine.interpreter) interpreter = null
        return
      }
      if (current !== mine) return // stopped meanwhile
      const edited = source !== (await testedSource(path))
      out.section.dataset.state = "running"
      out.status.textContent = `Running on Python ${info.python} (Pyodide ${info.pyodide}), SQLAlchemy ${info.sqlalchemy}…`
      await new Promise((resolve) => {
        mine.interpreter.runs.set(mine.id, (message) => {
          if (message.type === "out") {
            addLine(message.stream, message.text)
            if (!out.section.dataset.firstOutputMs) {
              out.section.dataset.firstOutputMs = String(Math.round(performance.now() - clicked))
            }
            return
          }
          if (message.type === "done") {
            compare(source)
            out.section.dataset.clickToDoneMs = String(Math.round(performance.now() - clicked))
            const what = edited ? "your edited script" : path
            const how = message.status === 0 ? "finished" : `ended with exit status ${message.status}`
            finish(message.status === 0 ? "done" : "error", `Ran ${what}: ${how} in ${message.seconds.toFixed(2)} s.`)
          } else if (message.type === "crashed") {
            finish("failed", `Python stopped: ${message.error.message}`)
            if (interpreter === mine.interpreter) interpreter = null
          } else if (message.type === "stopped") {
            finish("stopped", STOPPED)
          }
          resolve()
        })
        mine.interpreter.worker.postMessage({ type: "run", id: mine.id, path, source })
      })
    }
  }

  function enhanceAll() {
    const holder = document.querySelector(".rib-config")
    if (!holder) return
    const config = { ...holder.dataset }
    for (const block of document.querySelectorAll("[data-run-snippet]")) {
      if (block.nextElementSibling && block.nextElementSibling.classList.contains("rib")) continue
      enhance(block, config)
    }
  }

  // Material's instant navigation swaps the page without reloading this script.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(enhanceAll)
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhanceAll)
  } else {
    enhanceAll()
  }
})()
