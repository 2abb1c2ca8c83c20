/*
 * The title bar of every included code block (written by hooks/snippet_blocks.py):
 *
 *   snippets/x.py (link)          [2.0 + 2.1|2.1|2.0] needs PostgreSQL [Whole script] [Copy whole script]
 *
 * - "Whole script" shows the complete file (the build puts a highlighted copy beside the raw
 *   one, at <site>/snippets/x.py.html) in place of the section, with the section's lines
 *   marked; pressed again, it goes back to the section.
 * - "Copy whole script" copies the file byte for byte (<site>/snippets/x.py): what the tests
 *   ran, and what runs with `python` after `pip install -r requirements.txt`.
 * - The version buttons show the #> lines of one SQLAlchemy version, or both; the choice is
 *   remembered across pages (localStorage "guide.sqla").
 *
 * Clicks are handled on the document, so blocks that instant navigation brings in work too.
 * Another action can join the bar: append a button to `.guide-block__actions`.
 */
(function () {
  "use strict";

  var siteRoot = new URL("../../", document.currentScript.src);
  var STORAGE_KEY = "guide.sqla";
  var cache = {};

  function fetchText(path) {
    var url = new URL(path, siteRoot).href;
    if (!cache[url]) {
      cache[url] = fetch(url).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status + " for " + url);
        return response.text();
      });
      cache[url].catch(function () { delete cache[url]; });
    }
    return cache[url];
  }

  function say(button, text) {
    var label = button.dataset.guideLabel || button.textContent;
    button.dataset.guideLabel = label;
    button.textContent = text;
    clearTimeout(button.guideTimer);
    button.guideTimer = setTimeout(function () { button.textContent = label; }, 2000);
  }

  /* --- Copy the whole script ---------------------------------------------------------- */

  function copyWhole(button, bar) {
    var text = fetchText(bar.dataset.guideFile);
    var done;
    if (window.ClipboardItem && navigator.clipboard && navigator.clipboard.write) {
      // The promise keeps the click's permission to write while the file is fetched.
      var blob = text.then(function (t) { return new Blob([t], { type: "text/plain" }); });
      done = navigator.clipboard.write([new ClipboardItem({ "text/plain": blob })]);
    } else {
      done = text.then(function (t) { return navigator.clipboard.writeText(t); });
    }
    done.then(
      function () { say(button, "Copied"); button.dataset.guideCopied = bar.dataset.guideFile; },
      function (error) { say(button, "Copy failed"); console.warn("Copy whole script:", error); }
    );
  }

  /* --- Whole script in place ---------------------------------------------------------- */

  function markSections(whole, sections) {
    var names = sections ? sections.split(",") : [];
    if (!names.length) return;
    var inside = false;
    whole.querySelectorAll("code > span[id]").forEach(function (line) {
      var marker = /#\s*-+8<-+\s*\[(start|end):([^\]]+)\]/.exec(line.textContent);
      if (marker && names.indexOf(marker[2]) !== -1) {
        inside = marker[1] === "start";
        return;
      }
      if (inside) line.classList.add("guide-block__section-line");
    });
  }

  function toggleWhole(button, bar) {
    var block = bar.parentElement;
    var section = block.querySelector(":scope > pre");
    var whole = block.querySelector(":scope > .guide-block__whole");
    var showing = button.getAttribute("aria-pressed") === "true";
    if (showing) {
      if (whole) whole.hidden = true;
      section.hidden = false;
      button.setAttribute("aria-pressed", "false");
      button.textContent = "Whole script";
      return;
    }
    var ready = whole
      ? Promise.resolve(whole)
      : fetchText(bar.dataset.guideFile + ".html").then(function (fragment) {
          var holder = document.createElement("div");
          holder.innerHTML = fragment;
          var pre = holder.querySelector("pre");
          var created = document.createElement("div");
          created.className = "guide-block__whole";
          created.setAttribute("aria-label", "The whole script " + bar.dataset.guideFile);
          created.appendChild(pre);
          markSections(created, bar.dataset.guideSections);
          section.after(created);
          return created;
        });
    ready.then(
      function (shown) {
        shown.hidden = false;
        section.hidden = true;
        button.setAttribute("aria-pressed", "true");
        button.textContent = "Section only";
      },
      function (error) { say(button, "Could not load"); console.warn("Whole script:", error); }
    );
  }

  /* --- Which SQLAlchemy version's output ---------------------------------------------- */

  function storedVersion() {
    try {
      return localStorage.getItem(STORAGE_KEY) || "both";
    } catch (error) {
      return "both";
    }
  }

  function applyVersion(version) {
    document.documentElement.dataset.guideSqla = version;
    document.querySelectorAll(".guide-block__versions button").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.guideSqla === version));
    });
  }

  function chooseVersion(version) {
    try {
      localStorage.setItem(STORAGE_KEY, version);
    } catch (error) { /* private mode: the choice lasts for this page */ }
    applyVersion(version);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".guide-block__bar button");
    if (!button) return;
    var bar = button.closest(".guide-block__bar");
    if (button.dataset.guideAction === "copy-whole") copyWhole(button, bar);
    else if (button.dataset.guideAction === "whole") toggleWhole(button, bar);
    else if (button.dataset.guideSqla) chooseVersion(button.dataset.guideSqla);
  });

  applyVersion(storedVersion());
  // Instant navigation swaps the page content without reloading this script.
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(function () { applyVersion(storedVersion()); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { applyVersion(storedVersion()); });
  }
})();
