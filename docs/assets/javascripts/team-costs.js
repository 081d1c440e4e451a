/*
 * The team cost explorer (docs/real-costs.md): a month of a team's DevOps practice (CI),
 * and its standing environments (staging, previews), its MLOps practice (training, data
 * pipelines, labels) and, apart, of running the
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
 *   #chart-team-costs .chart__plot                    the bars: one trace, a bar per driver
 *   window.teamCosts.compute(services, models, rates) the model: a list of drivers
 */
(() => {
  "use strict";

  const DEVOPS = "DevOps";
  const MLOPS = "MLOps";
  const PRODUCT = "Running the product";
  // The two practices compare like with like; running the product is shown apart.
  const PRACTICES = [DEVOPS, MLOPS];
  const GROUPS = [DEVOPS, MLOPS, PRODUCT];
  const CI_RUNNER = "CI runner";
  const CPU = "CPU machine";
  const GPU = "GPU machine";
  const NO_MACHINE = "";
  const MINUTE_TOLERANCE = 1e-9;
  const HOURS_PER_MONTH = 730;
  const DAYS_PER_MONTH = HOURS_PER_MONTH / 24;

  if (window.teamCosts) return; // set up on an earlier visit to the page

  function driver(side, name, machine, hours, dollars) {
    return { side, name, machine, hours, dollars };
  }

  // Math.max also turns the -0 that Math.ceil gives for no job into 0.
  function billedMinutes(minutes) {
    return Math.max(0, Math.ceil(minutes - MINUTE_TOLERANCE));
  }

  function perJob(minutes, w) {
    const hit = billedMinutes(minutes + w.cached_install_minutes);
    const miss = billedMinutes(minutes + w.install_minutes);
    return w.cache_hit_rate * hit + (1 - w.cache_hit_rate) * miss;
  }

  function servicesMonth(w, r) {
    const runs = w.services * w.runs_per_service;
    const matrix = perJob(w.test_minutes, w);
    const integration = w.integration_minutes ? perJob(w.integration_minutes, w) : 0;
    const jobs = [
      ["Linux jobs", w.linux_jobs * matrix, r.linux_minute],
      ["Integration suite", integration, r.linux_minute],
      ["Windows jobs", w.windows_jobs * matrix, r.windows_minute],
      ["macOS jobs", w.macos_jobs * matrix, r.macos_minute],
    ];
    const drivers = [];
    let rerunMinutes = 0;
    let rerunDollars = 0;
    jobs.forEach((job) => {
      const minutes = runs * job[1];
      drivers.push(driver(DEVOPS, job[0], CI_RUNNER, minutes / 60, minutes * job[2]));
      rerunMinutes += w.rerun_rate * minutes;
      rerunDollars += w.rerun_rate * minutes * job[2];
    });
    drivers.push(driver(DEVOPS, "Re-runs after flaky failures", CI_RUNNER, rerunMinutes / 60, rerunDollars));
    const images = w.services * w.image_builds_per_service;
    const imageMinutes = images * billedMinutes(w.image_build_minutes);
    drivers.push(driver(DEVOPS, "Image builds", CI_RUNNER, imageMinutes / 60, imageMinutes * r.linux_minute));
    const stored = w.services * w.stored_gb_per_service;
    drivers.push(driver(DEVOPS, "Storage of images and artifacts", NO_MACHINE, 0, stored * r.storage_gb_month));
    const environments = w.services * w.environment_machines_per_service * HOURS_PER_MONTH;
    drivers.push(driver(DEVOPS, "Staging and preview environments", CPU, environments, environments * r.cpu_machine_hour));
    const serving = w.services * w.serving_machines_per_service * HOURS_PER_MONTH;
    drivers.push(driver(PRODUCT, "Serving the services", CPU, serving, serving * r.cpu_machine_hour));
    return drivers;
  }

  function modelsMonth(w, r) {
    const retrains = w.models * w.retrains_per_model;
    const runMinutes = billedMinutes(w.gpu_hours_per_run * 60);
    const final = retrains * runMinutes;
    const search = retrains * (w.runs_per_retrain - 1) * runMinutes;
    const cpu = retrains * billedMinutes(w.cpu_hours_per_retrain * 60);
    const day = billedMinutes(w.feature_hours_per_day * 60);
    const features = DAYS_PER_MONTH * day;
    const backfills = w.backfills_per_month * w.backfill_days * day;
    const tasks = w.labels_per_month * w.workers_per_label;
    const stored = w.models * w.gb_per_version * w.versions_kept;
    const staging = w.models * w.staging_gpus_per_model * HOURS_PER_MONTH;
    const gpuServing = w.models * w.gpu_serving_per_model * HOURS_PER_MONTH;
    const cpuServing = w.models * w.cpu_serving_per_model * HOURS_PER_MONTH;
    const gpuMinute = r.gpu_hour / 60;
    const cpuMinute = r.cpu_machine_hour / 60;
    return [
      driver(MLOPS, "GPU training", GPU, final / 60, final * gpuMinute),
      driver(MLOPS, "Hyperparameter search", GPU, search / 60, search * gpuMinute),
      driver(MLOPS, "Validation and evaluation", CPU, cpu / 60, cpu * cpuMinute),
      driver(MLOPS, "Feature pipelines", CPU, features / 60, features * cpuMinute),
      driver(MLOPS, "Backfills", CPU, backfills / 60, backfills * cpuMinute),
      driver(MLOPS, "Labelling", NO_MACHINE, 0, tasks * r.label_task),
      driver(MLOPS, "Storage of data and model versions", NO_MACHINE, 0, stored * r.storage_gb_month),
      driver(MLOPS, "Models in staging or shadow", GPU, staging, staging * r.gpu_serving_hour),
      driver(PRODUCT, "Serving models on GPUs", GPU, gpuServing, gpuServing * r.gpu_serving_hour),
      driver(PRODUCT, "Serving models on CPUs", CPU, cpuServing, cpuServing * r.cpu_machine_hour),
    ];
  }

  // The drivers by group, DevOps, MLOps, then running the product, each in model order.
  function grouped(drivers) {
    return GROUPS.flatMap((side) => drivers.filter((d) => d.side === side));
  }

  function compute(services, models, rates) {
    return grouped(servicesMonth(services, rates).concat(modelsMonth(models, rates)));
  }

  function total(drivers, side) {
    return drivers.reduce((sum, d) => (d.side === side ? sum + d.dollars : sum), 0);
  }

  // One group's driver with the most dollars; the first on a tie, as Python's max() picks.
  function largest(drivers, side) {
    return drivers
      .filter((d) => d.side === side)
      .reduce((best, d) => (d.dollars > best.dollars ? d : best));
  }

  // One formatter each, made once: toLocaleString with options builds a new one on every
  // call, and filling the page's table called it dozens of times as the page loaded.
  const DOLLARS = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const HOURS = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

  function dollars(value) {
    return "$" + DOLLARS.format(value);
  }

  function hours(value) {
    return HOURS.format(Math.round(value * 10) / 10);
  }

  window.teamCosts = { compute };

  // ---- The page's explorer ----------------------------------------------------------

  function read(form, names, percent) {
    const values = {};
    const invalid = [];
    names.forEach((name) => {
      const input = form.elements[name];
      const ok = input.value.trim() !== "" && input.validity.valid;
      input.setAttribute("aria-invalid", String(!ok));
      if (!ok) invalid.push(input.labels[0].textContent);
      const value = Number(input.value);
      values[name] = percent.indexOf(name) >= 0 ? value / 100 : value;
    });
    return { values, invalid };
  }

  function show(figure, explorer, drivers) {
    const summary = explorer.querySelector(".team-costs__summary");
    GROUPS.forEach((side) => {
      summary.querySelector('[data-total="' + side + '"]').textContent = dollars(total(drivers, side));
    });
    // A practice's largest driver, as a share of that practice: never of the serving.
    PRACTICES.forEach((side) => {
      const top = largest(drivers, side);
      const all = total(drivers, side);
      const share = all ? Math.round((100 * top.dollars) / all) : 0;
      summary.querySelector('[data-largest="' + side + '"]').textContent =
        top.name + ", " + share + "% of " + side;
    });
    const rows = figure.querySelectorAll(".chart__data tbody tr");
    drivers.forEach((d, i) => {
      rows[i].children[2].textContent = hours(d.hours);
      rows[i].children[3].textContent = dollars(d.dollars);
    });
    const plot = figure.querySelector(".chart__plot");
    if (window.Plotly && figure.getAttribute("data-chart-state") === "ready") {
      // One trace, a bar per driver, in the model's order.
      window.Plotly.restyle(plot, { x: [drivers.map((d) => d.dollars)] });
    }
  }

  function update(figure, explorer, data) {
    const form = explorer.querySelector(".team-costs__form");
    const services = read(form, data.services, data.percent);
    const models = read(form, data.models, data.percent);
    const rates = read(form, data.rates, []);
    const invalid = services.invalid.concat(models.invalid, rates.invalid);
    const error = explorer.querySelector(".team-costs__error");
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
    const form = explorer.querySelector(".team-costs__form");
    const scenario = data.scenarios[index];
    ["services", "models"].forEach((group) => {
      data[group].forEach((name) => {
        const value = scenario[group][name];
        form.elements[name].value = String(data.percent.indexOf(name) >= 0 ? value * 100 : value);
      });
    });
    update(figure, explorer, data);
  }

  function start() {
    const figure = document.getElementById("chart-team-costs");
    const explorer = document.getElementById("team-costs-explorer");
    if (!figure || !explorer || explorer._teamCostsReady) return;
    explorer._teamCostsReady = true;
    const data = JSON.parse(explorer.querySelector(".team-costs__data").textContent);
    const form = explorer.querySelector(".team-costs__form");
    const summary = explorer.querySelector(".team-costs__summary");
    figure.querySelector(".team-costs__needs-js").hidden = true;
    form.hidden = false;
    summary.hidden = false;
    form.addEventListener("input", () => { update(figure, explorer, data); });
    // A focused input pins the result to the foot of the screen (site.css): if the
    // result now covers the input, scroll the input above it (its scroll-margin).
    form.addEventListener("focusin", (event) => {
      if (event.target.tagName !== "INPUT") return;
      if (event.target.getBoundingClientRect().bottom > summary.getBoundingClientRect().top) {
        event.target.scrollIntoView({ block: "nearest" });
      }
    });
    form.addEventListener("submit", (event) => { event.preventDefault(); });
    form.querySelectorAll("button[data-scenario]").forEach((button) => {
      button.addEventListener("click", () => {
        load(figure, explorer, data, Number(button.getAttribute("data-scenario")));
      });
    });
    // charts.js draws the figure's first month when it nears the screen: redraw the
    // reader's month once it has.
    new MutationObserver(() => {
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
