/*
 * The team cost explorer (docs/real-costs.md): a month of CI and of continuous
 * training, in runner hours and US dollars, for the numbers the reader types.
 *
 * compute() is snippets/team_costs.py's model written again, formula for formula and
 * in the same order of arithmetic, so it gives the same numbers to the cent (a browser
 * test, tests/browser/test_team_costs.py, compares the two on many inputs). Why a copy
 * rather than the Python model in Pyodide: see snippets/charts/team_cost_charts.py.
 *
 * Without JavaScript the form stays hidden and a note says the explorer needs it. On a
 * page without the explorer this file does nothing.
 *
 * Browser-side contract (for tests):
 *   #team-costs-explorer form.team-costs__form        inputs named as the model's fields
 *   #team-costs-explorer button[data-scenario=N]       loads team N's inputs
 *   #team-costs-explorer .team-costs__summary [data-total=DevOps|MLOps], [data-largest],
 *     [data-hours="SIDE RUNNER"]                     runner hours of one side on one runner
 *   #chart-team-costs .chart__data tbody tr           one row per driver, model order
 *   #chart-team-costs .chart__plot                    the bars, one trace per side
 *   window.teamCosts.compute(ci, training, rates)     the model: a list of drivers
 */
(function () {
  "use strict";

  var DEVOPS = "DevOps";
  var MLOPS = "MLOps";
  var CPU = "CPU runner";
  var GPU = "GPU runner";
  var NO_RUNNER = "";
  var MINUTE_TOLERANCE = 1e-9;

  function driver(side, name, runner, hours, dollars) {
    return { side: side, name: name, runner: runner, hours: hours, dollars: dollars };
  }

  // Math.max also turns the -0 that Math.ceil gives for no job into 0.
  function billedMinutes(minutes) {
    return Math.max(0, Math.ceil(minutes - MINUTE_TOLERANCE));
  }

  function ciMonth(w, r) {
    var hit = billedMinutes(w.test_minutes + w.cached_install_minutes);
    var miss = billedMinutes(w.test_minutes + w.install_minutes);
    var perJob = w.cache_hit_rate * hit + (1 - w.cache_hit_rate) * miss;
    var runs = w.services * w.runs_per_service;
    var byOs = [
      ["Linux jobs", w.linux_jobs, r.linux_minute],
      ["Windows jobs", w.windows_jobs, r.windows_minute],
      ["macOS jobs", w.macos_jobs, r.macos_minute],
    ];
    var drivers = [];
    var rerunMinutes = 0;
    var rerunDollars = 0;
    byOs.forEach(function (os) {
      var minutes = runs * os[1] * perJob;
      drivers.push(driver(DEVOPS, os[0], CPU, minutes / 60, minutes * os[2]));
      rerunMinutes += w.rerun_rate * minutes;
      rerunDollars += w.rerun_rate * minutes * os[2];
    });
    drivers.push(driver(DEVOPS, "Re-runs after flaky failures", CPU, rerunMinutes / 60, rerunDollars));
    var images = w.services * w.image_builds_per_service;
    var imageMinutes = images * billedMinutes(w.image_build_minutes);
    drivers.push(driver(DEVOPS, "Image builds", CPU, imageMinutes / 60, imageMinutes * r.linux_minute));
    var stored = w.services * w.stored_gb_per_service;
    var storage = stored * r.storage_gb_month;
    drivers.push(driver(DEVOPS, "Storage of images and artifacts", NO_RUNNER, 0, storage));
    return drivers;
  }

  function trainingMonth(w, r) {
    var retrains = w.models * w.retrains_per_model;
    var runMinutes = billedMinutes(w.gpu_hours_per_run * 60);
    var final = retrains * runMinutes;
    var search = retrains * (w.runs_per_retrain - 1) * runMinutes;
    var cpu = retrains * billedMinutes(w.cpu_hours_per_retrain * 60);
    var tasks = w.labels_per_month * w.workers_per_label;
    var stored = w.models * w.gb_per_version * w.versions_kept;
    return [
      driver(MLOPS, "GPU training", GPU, final / 60, final * r.gpu_minute),
      driver(MLOPS, "Hyperparameter search", GPU, search / 60, search * r.gpu_minute),
      driver(MLOPS, "CPU work", CPU, cpu / 60, cpu * r.linux_minute),
      driver(MLOPS, "Labelling", NO_RUNNER, 0, tasks * r.label_task),
      driver(MLOPS, "Storage of data and model versions", NO_RUNNER, 0, stored * r.storage_gb_month),
    ];
  }

  function compute(ci, training, rates) {
    return ciMonth(ci, rates).concat(trainingMonth(training, rates));
  }

  function total(drivers, side) {
    return drivers.reduce(function (sum, d) { return d.side === side ? sum + d.dollars : sum; }, 0);
  }

  // The driver with the most dollars; the first on a tie, as Python's max() picks.
  function largest(drivers) {
    return drivers.reduce(function (best, d) { return d.dollars > best.dollars ? d : best; });
  }

  function dollars(value) {
    return "$" + value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }

  function hours(value) {
    return (Math.round(value * 10) / 10).toLocaleString("en-US", { maximumFractionDigits: 1 });
  }

  function runnerHours(drivers, side, runner) {
    return drivers.reduce(function (sum, d) {
      return d.side === side && d.runner === runner ? sum + d.hours : sum;
    }, 0);
  }

  window.teamCosts = { compute: compute };

  // ---- The page's explorer ----------------------------------------------------------

  function read(form, names, percent) {
    var values = {};
    var invalid = [];
    names.forEach(function (name) {
      var input = form.elements[name];
      var ok = input.value.trim() !== "" && input.validity.valid;
      input.setAttribute("aria-invalid", String(!ok));
      if (!ok) invalid.push(input.labels[0].textContent);
      var value = Number(input.value);
      values[name] = percent.indexOf(name) >= 0 ? value / 100 : value;
    });
    return { values: values, invalid: invalid };
  }

  function show(figure, explorer, drivers) {
    var summary = explorer.querySelector(".team-costs__summary");
    [DEVOPS, MLOPS].forEach(function (side) {
      summary.querySelector('[data-total="' + side + '"]').textContent = dollars(total(drivers, side));
    });
    summary.querySelectorAll("[data-hours]").forEach(function (span) {
      var key = span.getAttribute("data-hours").split(" ");
      span.textContent = hours(runnerHours(drivers, key[0], key.slice(1).join(" ")));
    });
    var top = largest(drivers);
    var all = total(drivers, DEVOPS) + total(drivers, MLOPS);
    var share = all ? Math.round((100 * top.dollars) / all) : 0;
    summary.querySelector("[data-largest]").textContent =
      top.side + ": " + top.name + ", " + share + "% of both sides' dollars";
    var rows = figure.querySelectorAll(".chart__data tbody tr");
    drivers.forEach(function (d, i) {
      rows[i].children[2].textContent = hours(d.hours);
      rows[i].children[3].textContent = dollars(d.dollars);
    });
    var plot = figure.querySelector(".chart__plot");
    if (window.Plotly && figure.getAttribute("data-chart-state") === "ready") {
      window.Plotly.restyle(plot, {
        x: [DEVOPS, MLOPS].map(function (side) {
          return drivers.filter(function (d) { return d.side === side; }).map(function (d) { return d.dollars; });
        }),
      });
    }
  }

  function update(figure, explorer, data) {
    var form = explorer.querySelector(".team-costs__form");
    var ci = read(form, data.ci, data.percent);
    var training = read(form, data.training, data.percent);
    var rates = read(form, data.rates, []);
    var invalid = ci.invalid.concat(training.invalid, rates.invalid);
    var error = explorer.querySelector(".team-costs__error");
    error.hidden = !invalid.length;
    error.textContent = invalid.length
      ? "Enter a number of 0 or more (a whole number where it counts things, at most 100 for a %) in: " +
        invalid.join("; ") + ". The figures above are for the last valid inputs."
      : "";
    if (invalid.length) return;
    if (training.values.runs_per_retrain < 1) {
      error.hidden = false;
      error.textContent = "Training runs per retraining must be 1 or more: a retraining trains once.";
      return;
    }
    figure._teamCosts = compute(ci.values, training.values, rates.values);
    show(figure, explorer, figure._teamCosts);
  }

  function load(figure, explorer, data, index) {
    var form = explorer.querySelector(".team-costs__form");
    var scenario = data.scenarios[index];
    ["ci", "training"].forEach(function (group) {
      data[group].forEach(function (name) {
        var value = scenario[group][name];
        form.elements[name].value = String(data.percent.indexOf(name) >= 0 ? value * 100 : value);
      });
    });
    update(figure, explorer, data);
  }

  function start() {
    var figure = document.getElementById("chart-team-costs");
    var explorer = document.getElementById("team-costs-explorer");
    if (!figure || !explorer || explorer._teamCostsReady) return;
    explorer._teamCostsReady = true;
    var data = JSON.parse(explorer.querySelector(".team-costs__data").textContent);
    var form = explorer.querySelector(".team-costs__form");
    var summary = explorer.querySelector(".team-costs__summary");
    figure.querySelector(".team-costs__needs-js").hidden = true;
    form.hidden = false;
    summary.hidden = false;
    form.addEventListener("input", function () { update(figure, explorer, data); });
    // A focused input pins the result to the foot of the screen (site.css): if the
    // result now covers the input, scroll the input above it (its scroll-margin).
    form.addEventListener("focusin", function (event) {
      if (event.target.tagName !== "INPUT") return;
      if (event.target.getBoundingClientRect().bottom > summary.getBoundingClientRect().top) {
        event.target.scrollIntoView({ block: "nearest" });
      }
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.querySelectorAll("button[data-scenario]").forEach(function (button) {
      button.addEventListener("click", function () {
        load(figure, explorer, data, Number(button.getAttribute("data-scenario")));
      });
    });
    // charts.js draws the figure's first month when it nears the screen: redraw the
    // reader's month once it has.
    new MutationObserver(function () {
      if (figure._teamCosts) show(figure, explorer, figure._teamCosts);
    }).observe(figure, { attributes: true, attributeFilter: ["data-chart-state"] });
    update(figure, explorer, data);
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(start); // every page view, including instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
