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
(function () {
  "use strict";

  var form = document.querySelector("form[data-site-palette]");
  if (!form || typeof __md_get !== "function") return;
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input.md-option"));
  var light = matchMedia("(prefers-color-scheme: light)");
  var AUTO = "(prefers-color-scheme)";

  function attribute(input, name) {
    return input.getAttribute("data-md-color-" + name);
  }

  // An option's colours; "follow the system" takes those of the matching option.
  function palette(index) {
    var input = inputs[index];
    var source = input;
    if (attribute(input, "media") === AUTO) {
      var media = light.matches
        ? "(prefers-color-scheme: light)"
        : "(prefers-color-scheme: dark)";
      source = inputs.filter(function (other) {
        return attribute(other, "media") === media;
      })[0] || input;
    }
    return {
      index: index,
      color: {
        media: attribute(input, "media"),
        scheme: attribute(source, "scheme"),
        primary: attribute(source, "primary"),
        accent: attribute(source, "accent")
      }
    };
  }

  // Only the label after the current option shows (it switches to the next one).
  function showLabel(index) {
    inputs.forEach(function (input, i) {
      var label = input.nextElementSibling;
      if (label && label.tagName === "LABEL") label.hidden = i !== index;
    });
  }

  // Sets the <body> colour attributes that differ; true if any did.
  function paint(colors) {
    var changed = false;
    Object.keys(colors).forEach(function (key) {
      var name = "data-md-color-" + key;
      if (document.body.getAttribute(name) !== colors[key]) {
        document.body.setAttribute(name, colors[key]);
        changed = true;
      }
    });
    return changed;
  }

  // The browser's toolbar colour follows the header, as with Material's component.
  function updateThemeColor() {
    var meta = document.querySelector("meta[name=theme-color]");
    if (!meta) {
      meta = document.createElement("meta");
      meta.name = "theme-color";
      document.head.appendChild(meta);
    }
    var header = document.querySelector(".md-header");
    if (header) meta.content = getComputedStyle(header).backgroundColor;
  }

  function apply(index, save) {
    var chosen = palette(index);
    // Material's CSS turns transitions off while this attribute is set, so the page
    // changes colour at once instead of fading element by element.
    document.body.setAttribute("data-md-color-switching", "");
    paint(chosen.color);
    showLabel(index);
    if (save) __md_set("__palette", chosen);
    updateThemeColor();
    setTimeout(function () {
      document.body.removeAttribute("data-md-color-switching");
    });
  }

  function current() {
    for (var i = 0; i < inputs.length; i++) if (inputs[i].checked) return i;
    return 0;
  }

  // Start: the saved choice, or the first option whose media query matches.
  var saved = __md_get("__palette");
  var index = saved && typeof saved.index === "number"
    ? saved.index
    : inputs.findIndex(function (input) {
        return matchMedia(attribute(input, "media")).matches;
      });
  index = Math.max(0, Math.min(index, inputs.length - 1));
  inputs[index].checked = true;
  showLabel(index);
  // overrides/assets/javascripts/theme/early.js painted these colours before the first
  // paint, by the same rule; this changes nothing unless the two rules part.
  paint(palette(index).color);
  // After the first paint, when reading the header's colour forces no extra restyle.
  window.addEventListener("load", updateThemeColor);

  form.addEventListener("change", function (event) {
    var i = inputs.indexOf(event.target);
    if (i >= 0) apply(i, true);
  });
  // Enter on the focused option moves to the next one, as with Material's component.
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    event.preventDefault();
    var next = inputs[(current() + 1) % inputs.length];
    next.click();
    next.focus();
  });
  // "Follow the system" follows it while the page is open.
  light.addEventListener("change", function () {
    var i = current();
    if (attribute(inputs[i], "media") === AUTO) apply(i, false);
  });
})();
