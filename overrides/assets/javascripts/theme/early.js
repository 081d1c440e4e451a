// Runs in <head>, before anything is drawn, what Material's bundle would do only after the
// first paint, when it costs a restyle of the whole page (blocking time on a phone):
// - the stylesheet links become absolute URLs. Instant navigation makes every relative
//   link absolute when it starts (resolve() in integrations/instant), and a stylesheet
//   link whose href changes is parsed again;
// - the page is marked as running JavaScript (the bundle swaps "no-js" for "js" too),
//   so the search button and the sidebars are in place from the first paint.
for (const link of document.querySelectorAll("link[rel=stylesheet]")) link.href = link.href;
document.documentElement.classList.replace("no-js", "js");
