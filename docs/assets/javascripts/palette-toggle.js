/*
 * The header's palette toggle (system, light, dark), run by the site instead of by
 * Material's palette component.
 *
 * Why: when Material's component starts, on every page load, it marks <body> as
 * "switching" and sets its colour attributes again; each makes the browser restyle
 * every element of the page, and reading a style back forces that at once. On a long
 * page, on a phone, that was most of the page's blocking time. This restyles only
 * when the reader switches, or when the colours really change.
 *
 * It keeps Material's contract: the markup is Material's partial with
 * data-site-palette instead of data-md-component="palette" (overrides/partials/
 * palette.html); the choice is saved as Material saves it (key "__palette", through
 * Material's own __md_set), so theme/palette.js applies it before the next page's
 * first paint; Material's CSS shows the label after the checked option, and switches
 * colours from the <body> attributes set here. charts.js re-themes the charts when
 * data-md-color-scheme changes. Material's header is not swapped by instant
 * navigation, so this runs once per visit.
 */
(() => {
  "use strict";

  const form = document.querySelector("form[data-site-palette]");
  if (!form || typeof __md_get !== "function") return;
  const inputs = [...form.querySelectorAll("input.md-option")];
  const light = matchMedia("(prefers-color-scheme: light)");
  const AUTO = "(prefers-color-scheme)";

  const attribute = (input, name) => input.getAttribute(`data-md-color-${name}`);

  // An option's colours; "follow the system" takes those of the matching option.
  function palette(index) {
    const input = inputs[index];
    let source = input;
    if (attribute(input, "media") === AUTO) {
      const media = light.matches
        ? "(prefers-color-scheme: light)"
        : "(prefers-color-scheme: dark)";
      source = inputs.find((other) => attribute(other, "media") === media) || input;
    }
    return {
      index,
      color: {
        media: attribute(input, "media"),
        scheme: attribute(source, "scheme"),
        primary: attribute(source, "primary"),
        accent: attribute(source, "accent"),
      },
    };
  }

  // Only the label after the current option shows (it switches to the next one).
  function showLabel(index) {
    inputs.forEach((input, i) => {
      const label = input.nextElementSibling;
      if (label && label.tagName === "LABEL") label.hidden = i !== index;
    });
  }

  // Sets only the <body> colour attributes that differ: each set restyles the page.
  function paint(colors) {
    for (const [key, value] of Object.entries(colors)) {
      const name = `data-md-color-${key}`;
      if (document.body.getAttribute(name) !== value) document.body.setAttribute(name, value);
    }
  }

  // The browser's toolbar colour follows the header, as with Material's component.
  function updateThemeColor() {
    let meta = document.querySelector("meta[name=theme-color]");
    if (!meta) {
      meta = document.createElement("meta");
      meta.name = "theme-color";
      document.head.appendChild(meta);
    }
    const header = document.querySelector(".md-header");
    if (header) meta.content = getComputedStyle(header).backgroundColor;
  }

  function apply(index, save) {
    const chosen = palette(index);
    // Material's CSS turns transitions off while this attribute is set, so the page
    // changes colour at once instead of fading element by element.
    document.body.setAttribute("data-md-color-switching", "");
    paint(chosen.color);
    showLabel(index);
    if (save) __md_set("__palette", chosen);
    updateThemeColor();
    setTimeout(() => document.body.removeAttribute("data-md-color-switching"));
  }

  const current = () => Math.max(0, inputs.findIndex((input) => input.checked));

  // Start: the saved choice, or the first option whose media query matches.
  const saved = __md_get("__palette");
  let index = saved && typeof saved.index === "number"
    ? saved.index
    : inputs.findIndex((input) => matchMedia(attribute(input, "media")).matches);
  index = Math.max(0, Math.min(index, inputs.length - 1));
  inputs[index].checked = true;
  showLabel(index);
  // overrides/assets/javascripts/theme/early.js painted these colours before the first
  // paint, by the same rule; this changes nothing unless the two rules part.
  paint(palette(index).color);
  // After the first paint, when reading the header's colour forces no extra restyle.
  window.addEventListener("load", updateThemeColor);

  form.addEventListener("change", (event) => {
    const i = inputs.indexOf(event.target);
    if (i >= 0) apply(i, true);
  });
  // Enter on the focused option moves to the next one, as with Material's component.
  form.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    const next = inputs[(current() + 1) % inputs.length];
    next.click();
    next.focus();
  });
  // "Follow the system" follows it while the page is open.
  light.addEventListener("change", () => {
    const i = current();
    if (attribute(inputs[i], "media") === AUTO) apply(i, false);
  });
})();
