/* The widget's DOM. Every text is set with textContent (never HTML); links are <a> elements
   built from WegwijsText.pieces. Each bubble carries its own `lang` and `dir` (from the language
   the server says the reply is written in, or from the letters of what the person typed);
   the visually hidden speaker label has the interface's language and decides nothing, except
   on a staff member's reply, which is labelled with the team that wrote it ("Your consultant")
   in the reply's own language and direction. */
function WegwijsView(actions) {
  "use strict";
  var el = WegwijsDom.el, icon = WegwijsDom.icon;
  var FALLBACK = { widget_open: "Chat", widget_close: "×" };
  var ui = { language: "nl", dir: "ltr", strings: {}, languages: [] };
  var conversation = null;  // the language of the latest reply
  var unread = 0;

  function t(key) { return ui.strings[key] || FALLBACK[key] || ""; }
  /* A node whose text (or label) follows the interface language. */
  function label(node, key, attribute) {
    node.setAttribute(attribute ? "data-t-" + attribute : "data-t", key);
    if (attribute) node.setAttribute(attribute, t(key)); else node.textContent = t(key);
    return node;
  }
  function dirOf(code) {
    var found = ui.languages.filter(function (l) { return l.code === code; })[0];
    return found ? found.dir : null;
  }

  var root = el("div", { id: "wegwijs-root" });
  var launcher = el("button", { "class": "wegwijs-launcher", type: "button", "aria-expanded": "false", "aria-controls": "wegwijs-panel" });
  var launcherText = label(el("span"), "widget_open");
  var badge = el("span", { "class": "wegwijs-badge", "aria-hidden": "true", hidden: "" });
  var badgeText = el("span", { "class": "wegwijs-sr" });
  launcher.append(icon("chat"), launcherText, badge, badgeText);
  var panel = el("section", { "class": "wegwijs-panel", id: "wegwijs-panel", "aria-labelledby": "wegwijs-title" });
  var header = el("div", { "class": "wegwijs-header" });
  var title = label(el("h2", { id: "wegwijs-title" }), "widget_title");
  var langLabel = label(el("label", { "for": "wegwijs-language", "class": "wegwijs-sr" }), "widget_language");
  var langSelect = el("select", { id: "wegwijs-language" });
  var more = label(el("button", { type: "button", "class": "wegwijs-icon wegwijs-more", "aria-expanded": "false", "aria-controls": "wegwijs-menu" }), "widget_more", "aria-label");
  var close = label(el("button", { type: "button", "class": "wegwijs-icon wegwijs-close" }), "widget_close", "aria-label");
  more.append(icon("more")); close.append(icon("close"));
  header.append(title, langLabel, langSelect, more, close);
  var menu = el("div", { id: "wegwijs-menu", "class": "wegwijs-menu", hidden: "" });
  var privacyLink = label(el("a", { target: "_blank", rel: "noopener" }), "widget_privacy_link");
  var forget = label(el("button", { type: "button", "class": "wegwijs-forget" }), "widget_forget");
  menu.append(forget, privacyLink);  // Forget me on the start side, away from close
  /* Reminders on/off: shown once the server says the conversation is linked to a case. */
  var reminderBar = el("div", { "class": "wegwijs-bar", hidden: "" });
  var reminders = el("button", { type: "button", "class": "wegwijs-reminders", "aria-pressed": "false", hidden: "" });
  reminderBar.append(reminders);
  reminders.addEventListener("click", function () {
    var on = reminders.getAttribute("aria-pressed") === "true";
    actions.choose(on ? "/reminders_off" : "/reminders_on", t(on ? "widget_reminders_off" : "widget_reminders_on"));
  });
  var status = el("div", { "class": "wegwijs-status", role: "status" });
  var scroll = el("div", { "class": "wegwijs-scroll", tabindex: "0" });
  var intro = el("div", { "class": "wegwijs-intro" });
  var earlier = label(el("button", { type: "button", "class": "wegwijs-earlier", hidden: "" }), "widget_earlier");
  /* The thread is laid out in the conversation's direction. New messages go to the live log;
     earlier pages go to `older`, which is not live, and a restored history fills a new log that
     replaces the old one, so a screen reader does not read the whole conversation out again. */
  function liveLog() {
    return el("div", { "class": "wegwijs-log", role: "log", "aria-live": "polite", "aria-relevant": "additions" });
  }
  var thread = el("div", { "class": "wegwijs-thread" });
  var older = el("div", { "class": "wegwijs-older" });
  var log = liveLog();
  thread.append(older, log);
  scroll.append(intro, earlier, thread);
  var typing = label(el("div", { "class": "wegwijs-typing", hidden: "" }), "widget_typing");
  var replies = el("div", { "class": "wegwijs-replies" });
  var form = el("form", { "class": "wegwijs-form" });
  var inputLabel = label(el("label", { "for": "wegwijs-input", "class": "wegwijs-sr" }), "widget_input_label");
  var input = label(el("input", { id: "wegwijs-input", type: "text", dir: "auto", autocomplete: "off", maxlength: "2000" }), "widget_placeholder", "placeholder");
  var send = label(el("button", { type: "submit" }), "widget_send");
  form.append(inputLabel, input, send);
  panel.append(header, menu, reminderBar, status, scroll, typing, replies, form);
  root.append(launcher, panel);
  scroll.setAttribute("aria-labelledby", "wegwijs-title");

  function chip(text, onClick, attrs) {
    var button = el("button", Object.assign({ type: "button", "class": "wegwijs-chip" }, attrs || {}), text);
    button.addEventListener("click", onClick);
    return button;
  }
  function choices(buttons) {
    var list = el("ul", { "class": "wegwijs-choices" });
    buttons.forEach(function (b) { var item = el("li"); item.append(b); list.append(item); });
    return list;
  }
  function renderIntro(topics, privacyUrl) {
    intro.textContent = "";
    var privacy = el("p", {}, t("widget_privacy_line") + " ");
    privacyLink.href = privacyUrl;
    var introLink = el("a", { href: privacyUrl, target: "_blank", rel: "noopener" }, t("widget_privacy_link"));
    privacy.append(introLink);
    var others = ui.languages.filter(function (l) { return l.code !== ui.language; }).map(function (l) {
      return chip(l.name, function () { actions.language(l.code); }, { lang: l.code, dir: l.dir });
    });
    intro.append(
      el("p", {}, t("widget_greeting")), el("p", {}, t("widget_can_do")), privacy,
      el("p", { id: "wegwijs-topics" }, t("widget_topics")),
      choices(topics.map(function (b) { return chip(b.title, function () { actions.choose(b.payload, b.title); }); })),
      el("p", {}, t("widget_other_languages")), choices(others));
  }

  function applyStrings(data, topics, privacyUrl) {
    ui.language = data.language; ui.dir = data.dir; ui.strings = data.strings; ui.languages = data.languages;
    root.setAttribute("dir", data.dir); root.setAttribute("lang", data.language);
    root.querySelectorAll("[data-t]").forEach(function (n) { n.textContent = t(n.getAttribute("data-t")); });
    ["aria-label", "placeholder"].forEach(function (a) {
      root.querySelectorAll("[data-t-" + a + "]").forEach(function (n) { n.setAttribute(a, t(n.getAttribute("data-t-" + a))); });
    });
    root.querySelectorAll("[data-ui]").forEach(function (n) { n.lang = data.language; n.dir = data.dir; });
    root.querySelectorAll("[data-delivery]").forEach(function (n) { n.textContent = t("widget_" + n.getAttribute("data-delivery")); });
    langSelect.textContent = "";
    ui.languages.forEach(function (l) {
      var option = el("option", { value: l.code, lang: l.code, dir: l.dir }, l.name);
      option.selected = l.code === ui.language;
      langSelect.append(option);
    });
    renderIntro(topics, privacyUrl);
    setUnread(unread);
    if (!conversation) thread.dir = data.dir;
  }

  function linked(text) {
    var fragment = document.createDocumentFragment();
    WegwijsText.pieces(text).forEach(function (piece) {
      if (!piece.href) { fragment.append(document.createTextNode(piece.text)); return; }
      var attrs = { href: piece.href };
      if (piece.kind === "web") { attrs.target = "_blank"; attrs.rel = "noopener noreferrer"; }
      if (piece.kind !== "web") attrs.dir = "ltr";
      fragment.append(el("a", attrs, piece.text));
    });
    return fragment;
  }
  function clock(when, language) {
    var time = new Date(when ? when * 1000 : Date.now());
    var shown;
    try {  // Western digits, as in the answers' dates and amounts
      shown = time.toLocaleTimeString((language || ui.language) + "-u-nu-latn", { hour: "2-digit", minute: "2-digit" });
    } catch (e) {
      shown = time.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
    }
    return el("time", { datetime: time.toISOString(), lang: language || ui.language }, shown);
  }
  function tool(key, iconName) {
    var button = label(el("button", { type: "button", "class": "wegwijs-tool" }), key, iconName ? "aria-label" : undefined);
    if (iconName) button.append(icon(iconName));
    return button;
  }

  function dutchBlock(message, id) {
    var block = el("div", { "class": "wegwijs-dutch", id: id, lang: "nl", dir: "ltr", hidden: "" });
    var official = el("p", { "class": "wegwijs-official" });
    var own = el("span", { lang: message.language, dir: dirOf(message.language) || "auto" });
    actions.stringIn(message.language, "dutch_official", function (text) { own.textContent = text; });
    official.append(own, el("span", { lang: "nl", dir: "ltr" }, actions.officialDutch()));
    var text = el("div", { "class": "wegwijs-text" });
    text.append(linked(message.dutch));
    block.append(official, text);
    return block;
  }
  var dutchCount = 0;
  function botTools(bubble, tools, message) {
    if (message.dutch) {
      var id = "wegwijs-dutch-" + (++dutchCount);
      var block = dutchBlock(message, id);
      var show = tool("dutch_show");
      show.setAttribute("aria-expanded", "false"); show.setAttribute("aria-controls", id);
      show.addEventListener("click", function () {
        var open = block.hidden;
        block.hidden = !open;
        show.setAttribute("aria-expanded", String(open));
        show.setAttribute("data-t", open ? "dutch_hide" : "dutch_show");
        show.textContent = t(open ? "dutch_hide" : "dutch_show");
        if (open && block.scrollIntoView) block.scrollIntoView({ block: "nearest" });
      });
      tools.append(show);
      bubble.append(block);
    }
    var speak = tool("widget_read_aloud", "speaker");
    speak.classList.add("wegwijs-speak");
    speak.hidden = !actions.canSpeak(message.language);
    speak.setAttribute("aria-pressed", "false");
    speak.addEventListener("click", function () {
      actions.speak(WegwijsText.spoken(message.text), message.language, function () { speak.setAttribute("aria-pressed", "true"); },
        function () { speak.setAttribute("aria-pressed", "false"); });
    });
    speak.setAttribute("data-language", message.language);
    tools.append(speak);
  }
  function userTools(tools, message) {
    var delivery = el("span", { "class": "wegwijs-delivery", "data-delivery": message.status || "sent" }, t("widget_" + (message.status || "sent")));
    var retry = tool("widget_retry");
    retry.classList.add("wegwijs-retry");
    retry.hidden = message.status !== "failed";
    retry.addEventListener("click", function () { actions.retry(message.id); });
    tools.append(delivery, retry);
  }

  /* Who wrote a message, for screen readers: "You"/"Assistant" in the interface's language, or
     the staff member's team in the language of what they wrote. */
  function speaker(message, language) {
    if (message.from === "bot" && message.topic === "staff_reply") {
      var who = el("span", { "class": "wegwijs-sr", lang: language, dir: dirOf(language) || "auto" });
      var team = message.withStaff === "consultant" ? "label_staff_consultant" : "label_staff_team";
      actions.stringIn(language, team, function (text) { who.textContent = text; });
      return who;
    }
    return label(el("span", { "class": "wegwijs-sr", "data-ui": "", lang: ui.language, dir: ui.dir }),
      message.from === "bot" ? "widget_assistant" : "widget_you");
  }

  /* message: {from, text, language, dutch, topic, withStaff, when, id, status} */
  function bubble(message) {
    var bot = message.from === "bot";
    var language = bot ? message.language || ui.language : message.language;
    var dir = (bot && dirOf(language)) || WegwijsText.direction(message.text) || thread.dir || ui.dir;
    if (!bot && !language && conversation && dirOf(conversation) === dir) language = conversation;
    var node = el("div", { "class": "wegwijs-msg wegwijs-" + (bot ? "bot" : "user"), dir: dir });
    if (language) node.lang = language;
    if (message.id) node.setAttribute("data-id", message.id);
    var who = speaker(message, language);
    var text = el("div", { "class": "wegwijs-text" });
    text.append(linked(message.text));
    var tools = el("div", { "class": "wegwijs-tools", "data-ui": "", lang: ui.language, dir: ui.dir });
    node.append(who, text);
    if (bot) botTools(node, tools, { text: message.text, language: language, dutch: message.dutch });
    else userTools(tools, message);
    tools.append(clock(message.when, language));
    node.append(tools);
    return node;
  }

  function nearBottom() { return scroll.scrollHeight - scroll.scrollTop - scroll.clientHeight < 80; }
  function toBottom() { scroll.scrollTop = scroll.scrollHeight; }
  /* The person's bubbles before an answer, in that answer's script, are in its language. */
  function tagUsers(container, language) {
    var dir = dirOf(language);
    container.querySelectorAll(".wegwijs-user:not([lang])").forEach(function (n) { if (n.dir === dir) n.lang = language; });
  }
  function setConversation(language, container) {
    if (!language) return;
    conversation = language;
    thread.dir = dirOf(language) || ui.dir;
    tagUsers(container || thread, language);
  }
  function setUnread(count) {
    unread = count;
    badge.hidden = !count; badge.textContent = String(count);
    badgeText.textContent = count ? " (" + t("widget_unread") + ": " + count + ")" : "";
  }

  return {
    root: root, launcher: launcher, panel: panel, input: input, form: form, langSelect: langSelect,
    close: close, more: more, menu: menu, forget: forget, earlier: earlier, scroll: scroll,
    t: t, applyStrings: applyStrings, setUnread: setUnread,
    unread: function () { return unread; },
    status: function (text) { status.textContent = text || ""; },
    typing: function (on) { typing.hidden = !on; },
    /* found: {linked, on} from the server */
    reminders: function (found) {
      reminderBar.hidden = reminders.hidden = !found.linked;
      reminders.setAttribute("aria-pressed", String(Boolean(found.on)));
      label(reminders, found.on ? "widget_reminders_on" : "widget_reminders_off");
    },
    add: function (message) {
      var follow = message.from === "user" || nearBottom();
      if (message.from === "bot") setConversation(message.language);
      log.append(bubble(message));
      if (follow) toBottom();
    },
    prepend: function (messages) {
      var before = scroll.scrollHeight, fragment = document.createDocumentFragment();
      var page = el("div");
      messages.forEach(function (m) {
        page.append(bubble(m));
        if (m.from === "bot" && m.language) tagUsers(page, m.language);
      });
      while (page.firstChild) fragment.append(page.firstChild);
      older.prepend(fragment);
      scroll.scrollTop += scroll.scrollHeight - before;
    },
    reset: function (messages) {
      var fresh = liveLog();
      older.textContent = ""; conversation = null; thread.dir = ui.dir;
      messages.forEach(function (m) {
        fresh.append(bubble(m));
        if (m.from === "bot") setConversation(m.language, fresh);
      });
      thread.replaceChild(fresh, log); log = fresh;
      toBottom();
    },
    notice: function (text) { log.append(el("p", { "class": "wegwijs-notice" }, text)); toBottom(); },
    text: function (id) {
      var node = thread.querySelector('[data-id="' + id + '"] .wegwijs-text');
      return node ? node.textContent : "";
    },
    delivery: function (id, state) {
      var node = thread.querySelector('[data-id="' + id + '"]');
      if (!node) return;
      var delivery = node.querySelector(".wegwijs-delivery");
      delivery.setAttribute("data-delivery", state); delivery.textContent = t("widget_" + state);
      delivery.classList.toggle("wegwijs-failed", state === "failed");
      node.querySelector(".wegwijs-retry").hidden = state !== "failed";
    },
    replies: function (buttons) {
      var follow = nearBottom();
      replies.textContent = "";
      (buttons || []).forEach(function (b) {
        replies.append(chip(b.title, function () { actions.choose(b.payload, b.title); }));
      });
      if (follow) toBottom();
    },
    voices: function () {
      thread.querySelectorAll(".wegwijs-speak").forEach(function (b) { b.hidden = !actions.canSpeak(b.getAttribute("data-language")); });
    },
    setEarlier: function (before) { earlier.hidden = !before; earlier.setAttribute("data-before", before || ""); }
  };
}
