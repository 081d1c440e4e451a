// Runs in <head>, before anything is drawn, what Material's bundle would do only after the
// first paint, when it costs a restyle of the whole page (blocking time on a phone), and
// what Material leaves to its bundle that the reader would see drawn wrong:
// - the stylesheet links become absolute URLs. Instant navigation makes every relative
//   link absolute when it starts (resolve() in integrations/instant), and a stylesheet
//   link whose href changes is parsed again;
// - the page is marked as running JavaScript (the bundle swaps "no-js" for "js" too),
//   so the search button and the sidebars are in place from the first paint;
// - the markers of the bundle's focus-visible polyfill are set. The bundle sets them on
//   the root as it starts, and a class on the root restyles every element: 1,267 of them
//   on the performance page (Chromium trace, phone, 4x CPU, 2026-12-07; elements restyled
//   after the first paint, median of 4 loads: 3,784 without this, 2,444 with it);
// - the colour scheme is set on <body> as the parser creates it. The page is built with
//   the first palette option's colours (light), and without a saved choice ("follow the
//   system", the default) Material's inline script changes nothing: a reader whose system
//   is dark saw the page light for 0.15-0.3 s at normal speed, 0.4-0.8 s at 4x slower CPU,
//   on every load, until the bundle's palette component ran at the end of the page. The
//   choice here is the one that component starts with (the saved option, or the first
//   whose media query matches; "follow the system" takes the colours of the option for
//   the system's scheme); tests/browser/test_palette.py records the first frames to hold
//   it.
// A block, not the global scope: the names here are not the page's.
{
  // The href property is the resolved, absolute URL: written back as the attribute.
  for (const link of document.querySelectorAll("link[rel=stylesheet]")) {
    link.setAttribute("href", link.href);
  }
  const root = document.documentElement;
  root.classList.replace("no-js", "js");
  root.classList.add("js-focus-visible");
  root.setAttribute("data-js-focus-visible", "");

  // [{media, scheme, primary, accent}, ...]: mkdocs.yml's palette, from overrides/main.html.
  const options = JSON.parse(document.currentScript.dataset.palette);
  const saved = __md_get("__palette");
  let index = typeof saved?.index === "number"
    ? saved.index
    : options.findIndex((option) => matchMedia(option.media).matches);
  index = Math.max(0, Math.min(index, options.length - 1));
  let colours = options[index];
  if (colours.media === "(prefers-color-scheme)") {
    const system = matchMedia("(prefers-color-scheme: light)").matches ? "light" : "dark";
    colours = options.find((option) => option.media === `(prefers-color-scheme: ${system})`) ?? colours;
  }
  const paint = (body) => {
    for (const key of ["scheme", "primary", "accent"]) {
      body.setAttribute(`data-md-color-${key}`, colours[key]);
    }
  };
  // The callback runs in the task that inserted <body>, before the browser can draw it.
  new MutationObserver((records, observer) => {
    if (!document.body) return;
    observer.disconnect();
    paint(document.body);
  }).observe(root, { childList: true });
}
