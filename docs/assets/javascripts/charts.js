/*
 * Draws the site's charts with its own copy of plotly.js (basic partial bundle).
 *
 * The build (snippets/charts/, through the content_markers extension) writes each
 * chart as HTML: the figure as JSON in the text of a hidden <div class="chart__figure">,
 * so nothing runs inline (not a <script type="application/json">: Material's instant
 * navigation re-creates inline scripts without their attributes). This file loads
 * plotly.js only on pages with a chart, once
 * per page view, when the first chart comes near the viewport (not blocking the
 * first paint), and starts inside Material's document$ so it works with instant
 * navigation. No chart data is computed here: the explorer only looks up states
 * the build computed.
 *
 * Browser-side contract (for tests):
 *   figure.chart#chart-NAME          one chart (NAME = the marker name, "_" -> "-")
 *     [data-chart-state]             "waiting" | "loading" | "ready" | "error"
 *   figure.chart .chart__plot        the plot element: role="img", aria-label = caption
 *   figure.chart .chart__figure      hidden; its text is the figure's JSON (data, layout)
 *   #chart-explorer .chart__states   hidden; its text is the JSON of every state
 *   .chart__plot svg.main-svg        plotly's SVG, once ready
 *   .chart__plot g.trace             one per trace (g.trace.scatter, g.trace.bars)
 *   figure.chart figcaption          the caption
 *   figure.chart details.chart__data the data table (collapsed)
 *   script#plotly-bundle             the single plotly.js <script> (absent until needed)
 *   style#plotly.js-style-global     plotly.js's CSS, in <head> on every page view after it
 *   #chart-explorer form.chart__controls input[type=range][name=services|lines|jobs|
 *     datasets|rows|candidates|workers]   value = index into that control's values
 *     (snippets/charts/explorer.py, CONTROLS);
 *     the <output> after each input shows the chosen value. Changing one ("input"
 *     event) redraws the bars from the precomputed state and refills the data
 *     table (#chart-explorer .chart__data tbody: one row per pipeline).
 */
(() => {
  "use strict";

  // The bundle sits next to this script: assets/javascripts/ -> assets/vendor/plotly/.
  const script = document.currentScript;
  const PLOTLY_URL = script
    ? new URL("../vendor/plotly/plotly-basic.min.js", script.src).href
    : null;
  let plotlyLoading = null; // one promise per page view
  let intersections = null;
  let themeWatcher = null;
  let plotlyStyle = null;

  // plotly.js writes its CSS once, as it loads, into <style id="plotly.js-style-global">
  // in <head>, rule by rule through the CSSOM; that CSS lays a chart's SVG layers over
  // one another. Material's instant navigation removes from <head> whatever the next
  // page's HTML lacks, and a removed <style> loses the rules inserted that way: on the
  // next chart page the layers stacked down the page, over the text below the chart.
  // So the rules are kept as the element's text, and the element is put back on every
  // page view.
  function keepPlotlyStyle() {
    if (!plotlyStyle) {
      plotlyStyle = document.getElementById("plotly.js-style-global");
      if (!plotlyStyle) return;
      plotlyStyle.textContent = Array.from(plotlyStyle.sheet.cssRules, (rule) => rule.cssText).join("\n");
    }
    if (!plotlyStyle.isConnected) document.head.appendChild(plotlyStyle);
  }

  function loadPlotly() {
    if (!plotlyLoading) {
      plotlyLoading = new Promise((resolve, reject) => {
        if (window.Plotly) return resolve(window.Plotly);
        const tag = document.createElement("script");
        tag.id = "plotly-bundle";
        tag.src = PLOTLY_URL;
        tag.async = true;
        tag.onload = () => {
          keepPlotlyStyle();
          resolve(window.Plotly);
        };
        tag.onerror = () => {
          plotlyLoading = null; // allow a retry on the next page
          reject(new Error("could not load " + PLOTLY_URL));
        };
        document.head.appendChild(tag);
      });
    }
    return plotlyLoading;
  }

  // Text, grid and tooltip colours from Material's palette, so charts follow the switch.
  // The tooltip's box takes the page's background: plotly's own is white or the trace's
  // colour, and under the dark scheme's light text it read almost white on white. The
  // paper takes it too: plotly draws a series' name beside its tooltip on the paper's
  // colour (white when the paper is transparent).
  function themeLayout(figure) {
    const style = getComputedStyle(figure);
    const fg = style.getPropertyValue("--md-default-fg-color").trim() || "#444";
    const bg = style.getPropertyValue("--md-default-bg-color").trim() || "#fff";
    const grid = style.getPropertyValue("--md-default-fg-color--lightest").trim() || "#ddd";
    const line = style.getPropertyValue("--md-default-fg-color--lighter").trim() || "#999";
    const update = {
      paper_bgcolor: bg,
      "font.color": fg,
      "legend.font.color": fg,
      "hoverlabel.bgcolor": bg,
      "hoverlabel.bordercolor": line,
      "hoverlabel.font.color": fg,
    };
    const plot = figure.querySelector(".chart__plot");
    const layout = plot.layout || JSON.parse(figure.querySelector(".chart__figure").textContent).layout;
    Object.keys(layout).forEach((key) => {
      if (/^[xy]axis\d*$/.test(key)) {
        update[key + ".gridcolor"] = grid;
        update[key + ".linecolor"] = line;
        update[key + ".zerolinecolor"] = line;
      }
    });
    return update;
  }

  function applyTheme(layout, update) {
    Object.keys(update).forEach((path) => {
      const keys = path.split(".");
      let node = layout;
      for (let i = 0; i < keys.length - 1; i++) {
        node = node[keys[i]] = node[keys[i]] || {};
      }
      node[keys[keys.length - 1]] = update[path];
    });
    return layout;
  }

  // Explorer: the state index is row-major over the controls (last varies fastest).
  function explorerState(figure) {
    const block = figure.querySelector(".chart__states");
    if (!block) return null;
    const data = block._parsed || (block._parsed = JSON.parse(block.textContent));
    let index = 0;
    data.controls.forEach((control) => {
      const input = figure.querySelector('input[name="' + control.name + '"]');
      const at = Number(input.value);
      index = index * control.texts.length + at;
      input.setAttribute("aria-valuetext", control.texts[at]);
      input.nextElementSibling.textContent = control.texts[at];
    });
    return data.states[index];
  }

  function draw(figure, Plotly) {
    const spec = JSON.parse(figure.querySelector(".chart__figure").textContent);
    const plot = figure.querySelector(".chart__plot");
    const state = explorerState(figure);
    if (state) {
      state.forEach((ys, i) => { spec.data[i].y = ys; });
    }
    return Plotly.newPlot(plot, spec.data, applyTheme(spec.layout, themeLayout(figure)), {
      responsive: true,
      displayModeBar: false,
    }).then(() => {
      figure.setAttribute("data-chart-state", "ready");
    });
  }

  function show(figure) {
    if (figure.getAttribute("data-chart-state") !== "waiting") return;
    figure.setAttribute("data-chart-state", "loading");
    loadPlotly()
      .then((Plotly) => (draw(figure, Plotly)))
      .catch((error) => {
        figure.setAttribute("data-chart-state", "error");
        console.error("chart " + figure.id + ":", error);
      });
  }

  // The data table shows the chosen state: one row per pipeline, one column per trace.
  function fillTable(figure, state) {
    const rows = figure.querySelectorAll(".chart__data tbody tr");
    state.forEach((ys, trace) => {
      ys.forEach((y, row) => {
        rows[row].children[trace + 1].textContent = y.toLocaleString("en-US");
      });
    });
  }

  function onControl(event) {
    const figure = event.target.closest("figure.chart");
    const state = explorerState(figure);
    fillTable(figure, state);
    if (window.Plotly && figure.getAttribute("data-chart-state") === "ready") {
      window.Plotly.restyle(figure.querySelector(".chart__plot"), { y: state });
    }
  }

  function retheme() {
    document.querySelectorAll('figure.chart[data-chart-state="ready"]').forEach((figure) => {
      window.Plotly.relayout(figure.querySelector(".chart__plot"), themeLayout(figure));
    });
  }

  function start() {
    if (intersections) intersections.disconnect(); // charts of the previous page
    const figures = document.querySelectorAll("figure.chart");
    if (!figures.length || !PLOTLY_URL) return; // no chart: no plotly.js at all
    keepPlotlyStyle();
    if (!themeWatcher) {
      themeWatcher = new MutationObserver(retheme);
      themeWatcher.observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
    }
    intersections = "IntersectionObserver" in window
      ? new IntersectionObserver((entries) => {
          entries.forEach((entry) => {
            if (entry.isIntersecting) {
              intersections.unobserve(entry.target);
              show(entry.target);
            }
          });
        // Close enough to be drawn when it scrolls in, not so far ahead that a chart
        // below a phone's first screen loads plotly.js with the page.
        }, { rootMargin: "200px 0px" })
      : null;
    figures.forEach((figure) => {
      if (figure.hasAttribute("data-chart-state")) return;
      figure.setAttribute("data-chart-state", "waiting");
      const controls = figure.querySelector(".chart__controls");
      if (controls) {
        controls.addEventListener("input", onControl);
        controls.addEventListener("submit", (event) => { event.preventDefault(); });
      }
      if (intersections) intersections.observe(figure);
      else show(figure);
    });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(start); // every page view, including instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
