/* Text decisions, no DOM: the direction a text is written in, and where its links are. */
var WegwijsText = (function () {
  "use strict";
  var RTL = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
  var LETTER = /\p{L}/u;
  var BIDI_CONTROLS = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
  // One pattern, four kinds of link, tried in this order at each position.
  var LINKS = new RegExp([
    "(\\bhttps?:\\/\\/[^\\s<>\"'\\u2066-\\u2069]*[^\\s<>\"'.,;:!?)\\]\\u2066-\\u2069])",
    "(\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}\\b)",
    "(\\bwww\\.[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+(?:\\/[^\\s<>\"'\\u2066-\\u2069]*[^\\s<>\"'.,;:!?)\\]\\u2066-\\u2069])?)",
    "((?:\\+|\\b0)\\d(?:[ \\-]?\\d){7,13}\\b)"
  ].join("|"), "g");
  var DATE_LIKE = /^\d{1,2}[ \-]\d{1,2}[ \-]\d{2,4}$/;

  /* "rtl" or "ltr": the direction most of the letters are written in (a Dutch term at the start
     of a Persian question does not turn it around), the first letter's on a tie, or null.
     Isolated runs, such as a Latin name inside an Arabic sentence, are skipped, as the Unicode
     bidi algorithm does; an explicit direction mark at the start decides. */
  function direction(text) {
    var depth = 0, first = null, rtl = 0, ltr = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i);
      if (c === "\u2066" || c === "\u2067" || c === "\u2068") { depth++; continue; }
      if (c === "\u2069") { depth = Math.max(0, depth - 1); continue; }
      if (depth) continue;
      if (!first && c === "\u200F") return "rtl";
      if (!first && c === "\u200E") return "ltr";
      var code = text.codePointAt(i);
      if (code > 0xffff) { c = String.fromCodePoint(code); i++; }
      if (RTL.test(c)) { rtl++; first = first || "rtl"; }
      else if (LETTER.test(c)) { ltr++; first = first || "ltr"; }
    }
    return rtl > ltr ? "rtl" : ltr > rtl ? "ltr" : first;
  }

  function phoneHref(number) {
    var digits = number.replace(/[ \-]/g, "");
    var count = digits.replace("+", "").length;
    if (count < 9 || count > 13 || DATE_LIKE.test(number)) return null;
    return "tel:" + digits;
  }

  /* The text cut into pieces: {text} or {text, href, kind: "web" | "mail" | "tel"}. */
  function pieces(text) {
    var found = [], last = 0, match;
    LINKS.lastIndex = 0;
    while ((match = LINKS.exec(text))) {
      var href = null, kind = null;
      if (match[1]) { href = match[1]; kind = "web"; }
      else if (match[2]) { href = "mailto:" + match[2]; kind = "mail"; }
      else if (match[3]) { href = "https://" + match[3]; kind = "web"; }
      else if (match[4]) { href = phoneHref(match[4]); kind = "tel"; }
      if (!href) continue;
      if (match.index > last) found.push({ text: text.slice(last, match.index) });
      found.push({ text: match[0], href: href, kind: kind });
      last = match.index + match[0].length;
    }
    if (last < text.length) found.push({ text: text.slice(last) });
    return found;
  }

  /* What a speech synthesiser should read: the words without the direction marks. */
  function spoken(text) {
    return text.replace(BIDI_CONTROLS, "");
  }

  return { direction: direction, pieces: pieces, spoken: spoken };
})();
