/*
 * Draws the site's charts with its own copy of plotly.js (basic partial bundle).
 *
 * The build (hooks/charts.py, snippets/charts/html.py) writes each chart as HTML:
 * the figure as JSON in the text of a hidden <div class="chart__figure">, so
 * nothing runs inline (not a <script type="application/json">: Material's instant
 * navigation re-creates inline scripts without their attributes). This file loads plotly.js only on pages with a chart, once
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
 *   #chart-explorer form.chart__controls input[type=range][name=items|features|
 *     candidates|cache_hit_rate|workers]   value = index into that control's values;
 *     the <output> after each input shows the chosen value. Changing one ("input"
 *     event) redraws the bars from the precomputed state and refills the data
 *     table (#chart-explorer .chart__data tbody: one row per pipeline).
 */
(function () {
  "use strict";

  // The bundle sits next to this script: assets/javascripts/ -> assets/vendor/plotly/.
  var script = document.currentScript;
  var PLOTLY_URL = script
    ? new URL("../vendor/plotly/plotly-basic.min.js", script.src).href
    : null;
  var plotlyLoading = null; // one promise per page view
  var intersections = null;
  var themeWatcher = null;

  function loadPlotly() {
    if (!plotlyLoading) {
      plotlyLoading = new Promise(function (resolve, reject) {
        if (window.Plotly) return resolve(window.Plotly);
        var tag = document.createElement("script");
        tag.id = "plotly-bundle";
        tag.src = PLOTLY_URL;
        tag.async = true;
        tag.onload = function () { resolve(window.Plotly); };
        tag.onerror = function () {
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
    var style = getComputedStyle(figure);
    var fg = style.getPropertyValue("--md-default-fg-color").trim() || "#444";
    var bg = style.getPropertyValue("--md-default-bg-color").trim() || "#fff";
    var grid = style.getPropertyValue("--md-default-fg-color--lightest").trim() || "#ddd";
    var line = style.getPropertyValue("--md-default-fg-color--lighter").trim() || "#999";
    var update = {
      paper_bgcolor: bg,
      "font.color": fg,
      "legend.font.color": fg,
      "hoverlabel.bgcolor": bg,
      "hoverlabel.bordercolor": line,
      "hoverlabel.font.color": fg,
    };
    var plot = figure.querySelector(".chart__plot");
    var layout = plot.layout || JSON.parse(figure.querySelector(".chart__figure").textContent).layout;
    Object.keys(layout).forEach(function (key) {
      if (/^[xy]axis\d*$/.test(key)) {
        update[key + ".gridcolor"] = grid;
        update[key + ".linecolor"] = line;
        update[key + ".zerolinecolor"] = line;
      }
    });
    return update;
  }

  function applyTheme(layout, update) {
    Object.keys(update).forEach(function (path) {
      var keys = path.split(".");
      var node = layout;
      for (var i = 0; i < keys.length - 1; i++) {
        node = node[keys[i]] = node[keys[i]] || {};
      }
      node[keys[keys.length - 1]] = update[path];
    });
    return layout;
  }

  // Explorer: the state index is row-major over the controls (last varies fastest).
  function explorerState(figure) {
    var block = figure.querySelector(".chart__states");
    if (!block) return null;
    var data = block._parsed || (block._parsed = JSON.parse(block.textContent));
    var index = 0;
    data.controls.forEach(function (control) {
      var input = figure.querySelector('input[name="' + control.name + '"]');
      var at = Number(input.value);
      index = index * control.texts.length + at;
      input.setAttribute("aria-valuetext", control.texts[at]);
      input.nextElementSibling.textContent = control.texts[at];
    });
    return data.states[index];
  }

  function draw(figure, Plotly) {
    var spec = JSON.parse(figure.querySelector(".chart__figure").textContent);
    var plot = figure.querySelector(".chart__plot");
    var state = explorerState(figure);
    if (state) {
      state.forEach(function (ys, i) { spec.data[i].y = ys; });
    }
    return Plotly.newPlot(plot, spec.data, applyTheme(spec.layout, themeLayout(figure)), {
      responsive: true,
      displayModeBar: false,
    }).then(function () {
      figure.setAttribute("data-chart-state", "ready");
    });
  }

  function show(figure) {
    if (figure.getAttribute("data-chart-state") !== "waiting") return;
    figure.setAttribute("data-chart-state", "loading");
    loadPlotly()
      .then(function (Plotly) { return draw(figure, Plotly); })
      .catch(function (error) {
        figure.setAttribute("data-chart-state", "error");
        console.error("chart " + figure.id + ":", error);
      });
  }

  // The data table shows the chosen state: one row per pipeline, one column per trace.
  function fillTable(figure, state) {
    var rows = figure.querySelectorAll(".chart__data tbody tr");
    state.forEach(function (ys, trace) {
      ys.forEach(function (y, row) {
        rows[row].children[trace + 1].textContent = y.toLocaleString("en-US");
      });
    });
  }

  function onControl(event) {
    var figure = event.target.closest("figure.chart");
    var state = explorerState(figure);
    fillTable(figure, state);
    if (window.Plotly && figure.getAttribute("data-chart-state") === "ready") {
      window.Plotly.restyle(figure.querySelector(".chart__plot"), { y: state });
    }
  }

  function retheme() {
    document.querySelectorAll('figure.chart[data-chart-state="ready"]').forEach(function (figure) {
      window.Plotly.relayout(figure.querySelector(".chart__plot"), themeLayout(figure));
    });
  }

  function start() {
    if (intersections) intersections.disconnect(); // charts of the previous page
    var figures = document.querySelectorAll("figure.chart");
    if (!figures.length || !PLOTLY_URL) return; // no chart: no plotly.js at all
    if (!themeWatcher) {
      themeWatcher = new MutationObserver(retheme);
      themeWatcher.observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
    }
    intersections = "IntersectionObserver" in window
      ? new IntersectionObserver(function (entries) {
          entries.forEach(function (entry) {
            if (entry.isIntersecting) {
              intersections.unobserve(entry.target);
              show(entry.target);
            }
          });
        // Close enough to be drawn when it scrolls in, not so far ahead that a chart
        // below a phone's first screen loads plotly.js with the page.
        }, { rootMargin: "200px 0px" })
      : null;
    figures.forEach(function (figure) {
      if (figure.hasAttribute("data-chart-state")) return;
      figure.setAttribute("data-chart-state", "waiting");
      var controls = figure.querySelector(".chart__controls");
      if (controls) {
        controls.addEventListener("input", onControl);
        controls.addEventListener("submit", function (event) { event.preventDefault(); });
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
