/* Building elements: text is always set as text, icons are inline SVG hidden from screen readers. */
var WegwijsDom = (function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var ICONS = {
    chat: "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm3 6h10M7 13h7",
    more: "M12 5.5v.01M12 12v.01M12 18.5v.01",
    close: "M6 6l12 12M18 6L6 18",
    speaker: "M4 9v6h4l5 4V5L8 9H4zm12.5-.5a5 5 0 0 1 0 7M19 6a8.5 8.5 0 0 1 0 12"
  };
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function icon(name) {
    var svg = document.createElementNS(SVG, "svg"), path = document.createElementNS(SVG, "path");
    svg.setAttribute("viewBox", "0 0 24 24"); svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    path.setAttribute("d", ICONS[name]); path.setAttribute("fill", "none");
    path.setAttribute("stroke", "currentColor"); path.setAttribute("stroke-width", name === "more" ? "3.2" : "2");
    path.setAttribute("stroke-linecap", "round"); path.setAttribute("stroke-linejoin", "round");
    svg.append(path);
    return svg;
  }
  return { el: el, icon: icon };
})();
