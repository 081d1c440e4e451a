/*
 * The team cost explorer (docs/real-costs.md): a month of a team's DevOps practice (CI),
 * its MLOps practice (training, data pipelines, labels) and, apart, of running the
 * product (the machines that serve), in machine hours and US dollars, for the numbers
 * the reader types.
 *
 * compute() is snippets/team_costs.py's model written again, formula for formula and
 * in the same order of arithmetic, so it gives the same numbers to the cent (a browser
 * test, tests/browser/test_team_costs.py, compares the two on many inputs). Why a copy
 * rather than the Python model in Pyodide: see snippets/charts/team_cost_charts.py.
 *
 * Loaded only by the page with the explorer: its HTML carries the <script> tag, which
 * Material's instant navigation runs again each time the reader comes back to the
 * page. The first run sets everything up; later ones find it there and stop.
 *
 * Without JavaScript the form stays hidden and a note says the explorer needs it.
 *
 * Browser-side contract (for tests):
 *   #team-costs-explorer form.team-costs__form        inputs named as the model's fields
 *   #team-costs-explorer button[data-scenario=N]       loads team N's inputs
 *   #team-costs-explorer .team-costs__summary [data-total=DevOps|MLOps|Running the product],
 *                                                      [data-largest=DevOps|MLOps]
 *   #chart-team-costs .chart__data tbody tr           one row per driver, model order
 *   #chart-team-costs .chart__plot                    the bars, one trace per group
 *   window.teamCosts.compute(services, models, rates) the model: a list of drivers
 */
(function () {
  "use strict";

  var DEVOPS = "DevOps";
  var MLOPS = "MLOps";
  var PRODUCT = "Running the product";
  // The two practices compare like with like; running the product is shown apart.
  var PRACTICES = [DEVOPS, MLOPS];
  var GROUPS = [DEVOPS, MLOPS, PRODUCT];
  var CI_RUNNER = "CI runner";
  var CPU = "CPU machine";
  var GPU = "GPU machine";
  var NO_MACHINE = "";
  var MINUTE_TOLERANCE = 1e-9;
  var HOURS_PER_MONTH = 730;
  var DAYS_PER_MONTH = HOURS_PER_MONTH / 24;

  if (window.teamCosts) return; // set up on an earlier visit to the page

  function driver(side, name, machine, hours, dollars) {
    return { side: side, name: name, machine: machine, hours: hours, dollars: dollars };
  }

  // Math.max also turns the -0 that Math.ceil gives for no job into 0.
  function billedMinutes(minutes) {
    return Math.max(0, Math.ceil(minutes - MINUTE_TOLERANCE));
  }

  function perJob(minutes, w) {
    var hit = billedMinutes(minutes + w.cached_install_minutes);
    var miss = billedMinutes(minutes + w.install_minutes);
    return w.cache_hit_rate * hit + (1 - w.cache_hit_rate) * miss;
  }

  function servicesMonth(w, r) {
    var runs = w.services * w.runs_per_service;
    var matrix = perJob(w.test_minutes, w);
    var integration = w.integration_minutes ? perJob(w.integration_minutes, w) : 0;
    var jobs = [
      ["Linux jobs", w.linux_jobs * matrix, r.linux_minute],
      ["Integration suite", integration, r.linux_minute],
      ["Windows jobs", w.windows_jobs * matrix, r.windows_minute],
      ["macOS jobs", w.macos_jobs * matrix, r.macos_minute],
    ];
    var drivers = [];
    var rerunMinutes = 0;
    var rerunDollars = 0;
    jobs.forEach(function (job) {
      var minutes = runs * job[1];
      drivers.push(driver(DEVOPS, job[0], CI_RUNNER, minutes / 60, minutes * job[2]));
      rerunMinutes += w.rerun_rate * minutes;
      rerunDollars += w.rerun_rate * minutes * job[2];
    });
    drivers.push(driver(DEVOPS, "Re-runs after flaky failures", CI_RUNNER, rerunMinutes / 60, rerunDollars));
    var images = w.services * w.image_builds_per_service;
    var imageMinutes = images * billedMinutes(w.image_build_minutes);
    drivers.push(driver(DEVOPS, "Image builds", CI_RUNNER, imageMinutes / 60, imageMinutes * r.linux_minute));
    var stored = w.services * w.stored_gb_per_service;
    drivers.push(driver(DEVOPS, "Storage of images and artifacts", NO_MACHINE, 0, stored * r.storage_gb_month));
    var serving = w.services * w.serving_machines_per_service * HOURS_PER_MONTH;
    drivers.push(driver(PRODUCT, "Serving the services", CPU, serving, serving * r.cpu_machine_hour));
    return drivers;
  }

  function modelsMonth(w, r) {
    var retrains = w.models * w.retrains_per_model;
    var runMinutes = billedMinutes(w.gpu_hours_per_run * 60);
    var final = retrains * runMinutes;
    var search = retrains * (w.runs_per_retrain - 1) * runMinutes;
    var cpu = retrains * billedMinutes(w.cpu_hours_per_retrain * 60);
    var day = billedMinutes(w.feature_hours_per_day * 60);
    var features = DAYS_PER_MONTH * day;
    var backfills = w.backfills_per_month * w.backfill_days * day;
    var tasks = w.labels_per_month * w.workers_per_label;
    var stored = w.models * w.gb_per_version * w.versions_kept;
    var gpuServing = w.models * w.gpu_serving_per_model * HOURS_PER_MONTH;
    var cpuServing = w.models * w.cpu_serving_per_model * HOURS_PER_MONTH;
    var gpuMinute = r.gpu_hour / 60;
    var cpuMinute = r.cpu_machine_hour / 60;
    return [
      driver(MLOPS, "GPU training", GPU, final / 60, final * gpuMinute),
      driver(MLOPS, "Hyperparameter search", GPU, search / 60, search * gpuMinute),
      driver(MLOPS, "Validation and evaluation", CPU, cpu / 60, cpu * cpuMinute),
      driver(MLOPS, "Feature pipelines", CPU, features / 60, features * cpuMinute),
      driver(MLOPS, "Backfills", CPU, backfills / 60, backfills * cpuMinute),
      driver(MLOPS, "Labelling", NO_MACHINE, 0, tasks * r.label_task),
      driver(MLOPS, "Storage of data and model versions", NO_MACHINE, 0, stored * r.storage_gb_month),
      driver(PRODUCT, "Serving models on GPUs", GPU, gpuServing, gpuServing * r.gpu_serving_hour),
      driver(PRODUCT, "Serving models on CPUs", CPU, cpuServing, cpuServing * r.cpu_machine_hour),
    ];
  }

  // The drivers by group, DevOps, MLOps, then running the product, each in model order.
  function grouped(drivers) {
    return GROUPS.reduce(function (all, side) {
      return all.concat(drivers.filter(function (d) { return d.side === side; }));
    }, []);
  }

  function compute(services, models, rates) {
    return grouped(servicesMonth(services, rates).concat(modelsMonth(models, rates)));
  }

  function total(drivers, side) {
    return drivers.reduce(function (sum, d) { return d.side === side ? sum + d.dollars : sum; }, 0);
  }

  // One group's driver with the most dollars; the first on a tie, as Python's max() picks.
  function largest(drivers, side) {
    return drivers
      .filter(function (d) { return d.side === side; })
      .reduce(function (best, d) { return d.dollars > best.dollars ? d : best; });
  }

  function dollars(value) {
    return "$" + value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }

  function hours(value) {
    return (Math.round(value * 10) / 10).toLocaleString("en-US", { maximumFractionDigits: 1 });
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
    GROUPS.forEach(function (side) {
      summary.querySelector('[data-total="' + side + '"]').textContent = dollars(total(drivers, side));
    });
    // A practice's largest driver, as a share of that practice: never of the serving.
    PRACTICES.forEach(function (side) {
      var top = largest(drivers, side);
      var all = total(drivers, side);
      var share = all ? Math.round((100 * top.dollars) / all) : 0;
      summary.querySelector('[data-largest="' + side + '"]').textContent =
        top.name + ", " + share + "% of " + side;
    });
    var rows = figure.querySelectorAll(".chart__data tbody tr");
    drivers.forEach(function (d, i) {
      rows[i].children[2].textContent = hours(d.hours);
      rows[i].children[3].textContent = dollars(d.dollars);
    });
    var plot = figure.querySelector(".chart__plot");
    if (window.Plotly && figure.getAttribute("data-chart-state") === "ready") {
      window.Plotly.restyle(plot, {
        x: GROUPS.map(function (side) {
          return drivers.filter(function (d) { return d.side === side; }).map(function (d) { return d.dollars; });
        }),
      });
    }
  }

  function update(figure, explorer, data) {
    var form = explorer.querySelector(".team-costs__form");
    var services = read(form, data.services, data.percent);
    var models = read(form, data.models, data.percent);
    var rates = read(form, data.rates, []);
    var invalid = services.invalid.concat(models.invalid, rates.invalid);
    var error = explorer.querySelector(".team-costs__error");
    error.hidden = !invalid.length;
    error.textContent = invalid.length
      ? "Enter a number of 0 or more (a whole number where it counts things, at most 100 for a %) in: " +
        invalid.join("; ") + ". The figures above are for the last valid inputs."
      : "";
    if (invalid.length) return;
    if (models.values.runs_per_retrain < 1) {
      error.hidden = false;
      error.textContent = "Training runs per retraining must be 1 or more: a retraining trains once.";
      return;
    }
    figure._teamCosts = compute(services.values, models.values, rates.values);
    show(figure, explorer, figure._teamCosts);
  }

  function load(figure, explorer, data, index) {
    var form = explorer.querySelector(".team-costs__form");
    var scenario = data.scenarios[index];
    ["services", "models"].forEach(function (group) {
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
