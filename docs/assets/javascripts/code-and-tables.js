/*
 * Code blocks and wide tables, for readers on a keyboard or a screen reader.
 *
 * 1. A block that scrolls sideways can be reached with Tab, so its hidden part can be
 *    scrolled into view with the arrow keys (WCAG 2.1.1; axe-core's
 *    "scrollable-region-focusable"). Material does this for a code block only once it
 *    sets the block up, and with content.lazy that is when it nears the screen: a
 *    reader tabbing down the page would pass blocks further down. So every code block
 *    Material has not set up yet is reachable now, and Material keeps or drops that
 *    when it sets the block up. Tables (Material's .md-typeset__scrollwrap) and the
 *    lab's printed output get the same here: reachable, and dropped once drawn and
 *    found not to scroll. Nothing is measured by hand: a ResizeObserver reports each
 *    region after the browser's own layout, so this adds no forced layout.
 * 2. Material puts each code block's copy button in a <nav>, so a screen reader's list
 *    of landmarks held one unnamed "navigation" per code block (axe-core's
 *    "landmark-unique"). They are marked role="none": the button stays, the landmark goes.
 * 3. A runnable code block (<!-- md:run -->) gets its editor and Run button from
 *    runner.js, next to this file, loaded on the first page that has one and kept for
 *    the rest of the visit: the other pages do not carry its weight.
 *
 * Started from Material's document$, so it runs again after instant navigation.
 */
(() => {
  "use strict";

  const REGIONS = ".md-typeset__scrollwrap, .jupyter-wrapper .jp-RenderedText pre";
  const RUNNER = document.currentScript ? new URL("runner.js", document.currentScript.src).href : null;
  let runnerLoading = false;
  const regions = "ResizeObserver" in window ? new ResizeObserver(update) : null;
  const toolbars = new MutationObserver((records) => {
    records.forEach((record) => {
      record.addedNodes.forEach((node) => {
        if (node.nodeType === 1) demote(node);
      });
    });
  });

  function demote(root) {
    const found = root.matches("nav.md-code__nav") ? [root] : root.querySelectorAll("nav.md-code__nav");
    Array.prototype.forEach.call(found, (nav) => {
      nav.setAttribute("role", "none");
    });
  }

  // The region reports a change of width, its table a change of content: a table in a
  // closed <details> is not drawn at all. Until it is drawn, it stays reachable.
  function update(entries) {
    entries.forEach((entry) => {
      const region = entry.target.closest(REGIONS);
      if (!region) return;
      const inside = region.querySelector("table > *") || region;
      const drawn = !inside.checkVisibility || inside.checkVisibility({ contentVisibilityAuto: true });
      if (region.scrollWidth > region.clientWidth) region.setAttribute("tabindex", "0");
      else if (drawn) region.removeAttribute("tabindex");
    });
  }

  function start() {
    const content = document.querySelector(".md-content");
    if (!content) return;
    // Not set up by Material yet (it gives each <pre> an id "__code_N" when it does).
    content.querySelectorAll("pre > code").forEach((code) => {
      if (!code.parentElement.id.startsWith('__code_')) code.setAttribute("tabindex", "0");
    });
    if (regions) {
      regions.disconnect();
      content.querySelectorAll(REGIONS).forEach((region) => {
        const table = region.querySelector("table");
        region.setAttribute("tabindex", "0");
        regions.observe(region);
        if (table) regions.observe(table);
      });
    }
    demote(content);
    if (RUNNER && !runnerLoading && content.querySelector("div.runnable")) {
      runnerLoading = true;
      const tag = document.createElement("script");
      tag.src = RUNNER;
      document.head.appendChild(tag);
    }
    toolbars.disconnect();
    toolbars.observe(content, { childList: true, subtree: true });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
