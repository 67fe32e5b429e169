/* Wegwijs chat widget. Embed with:
 *   <script src="https://<server>/webhooks/web/widget.js" data-server="https://<server>" data-lang="nl" defer></script>
 * No framework and no build step. It speaks Socket.IO v4 (Engine.IO 4) over one WebSocket with
 * Rasa's socket.io channel (bot/rasa_ext/web_channel.py). Every message is rendered as text
 * (textContent): user and case data can never inject HTML; http(s) links become safe <a> links.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var server = ((script && script.dataset.server) || (script ? new URL(script.src).origin : location.origin)).replace(/\/$/, "");
  var KEY_SESSION = "wegwijs.session", KEY_LANG = "wegwijs.language";
  var state = { session: localStorage.getItem(KEY_SESSION), lang: null, strings: {}, languages: [], forgetting: false };

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function t(key) { return state.strings[key] || key; }

  /* --- a minimal Socket.IO v4 client ------------------------------------------------------ */
  function connect(onEvent, onState) {
    var ws = null, attempts = 0;
    function open() {
      onState(attempts ? "reconnecting" : "connecting");
      ws = new WebSocket(server.replace(/^http/, "ws") + "/socket.io/?EIO=4&transport=websocket");
      ws.onmessage = function (e) {
        var data = String(e.data);
        if (data === "2") { ws.send("3"); return; }               // ping → pong
        if (data.charAt(0) === "0") { ws.send("40"); return; }    // engine open → join namespace
        if (data.slice(0, 2) === "40") { attempts = 0; onState("connected"); return; }
        if (data.slice(0, 2) === "42") {
          var packet = JSON.parse(data.slice(2));
          onEvent(packet[0], packet[1]);
        }
      };
      ws.onclose = function () {
        attempts += 1;
        onState("reconnecting");
        setTimeout(open, Math.min(500 * Math.pow(2, attempts), 8000));
      };
    }
    open();
    return function emit(name, payload) {
      if (ws && ws.readyState === 1) { ws.send("42" + JSON.stringify([name, payload])); return true; }
      return false;
    };
  }

  /* --- the interface ---------------------------------------------------------------------- */
  var style = el("style");
  style.textContent = [
    "#wegwijs-root{position:fixed;right:16px;bottom:16px;z-index:2147483000;font:16px/1.4 system-ui,sans-serif;color:#1b1b1b}",
    "#wegwijs-root[dir=rtl]{right:auto;left:16px}",
    "#wegwijs-root button,#wegwijs-root select,#wegwijs-root input{font:inherit}",
    "#wegwijs-root :focus-visible{outline:3px solid #ffbf47;outline-offset:2px}",
    ".wegwijs-launcher{background:#154273;color:#fff;border:0;border-radius:24px;padding:12px 20px;cursor:pointer}",
    ".wegwijs-panel{display:none;flex-direction:column;width:min(380px,calc(100vw - 32px));height:min(600px,calc(100vh - 32px));background:#fff;border:1px solid #6b6b6b;border-radius:12px;overflow:hidden}",
    ".wegwijs-open .wegwijs-panel{display:flex}.wegwijs-open .wegwijs-launcher{display:none}",
    ".wegwijs-header{display:flex;flex-wrap:wrap;gap:6px;align-items:center;background:#154273;color:#fff;padding:8px 10px}",
    ".wegwijs-header h2{font-size:1.05em;margin:0;flex:1 1 auto}",
    ".wegwijs-header button,.wegwijs-header select{background:#fff;color:#154273;border:0;border-radius:6px;padding:4px 8px}",
    ".wegwijs-status{font-size:.85em;padding:2px 10px;background:#f3f3f3;color:#333}",
    ".wegwijs-log{flex:1 1 auto;overflow-y:auto;padding:10px;display:flex;flex-direction:column;gap:8px}",
    ".wegwijs-msg{max-width:85%;padding:8px 10px;border-radius:10px;white-space:pre-wrap;overflow-wrap:anywhere}",
    ".wegwijs-user{align-self:flex-end;background:#154273;color:#fff}.wegwijs-bot{align-self:flex-start;background:#e8eef5;color:#1b1b1b}",
    "[dir=rtl] .wegwijs-user{align-self:flex-start}[dir=rtl] .wegwijs-bot{align-self:flex-end}",
    ".wegwijs-msg a{color:inherit;text-decoration:underline}",
    ".wegwijs-msg time{display:block;font-size:.75em;opacity:.85;margin-top:2px}",
    ".wegwijs-replies{display:flex;flex-wrap:wrap;gap:6px;padding:0 10px 6px}",
    ".wegwijs-replies button{background:#fff;color:#154273;border:2px solid #154273;border-radius:16px;padding:4px 12px;cursor:pointer}",
    ".wegwijs-typing{padding:0 10px 4px;font-size:.9em;color:#333}",
    ".wegwijs-form{display:flex;gap:6px;padding:8px;border-top:1px solid #ccc}",
    ".wegwijs-form input{flex:1 1 auto;min-width:0;padding:8px;border:1px solid #6b6b6b;border-radius:6px}",
    ".wegwijs-form button{background:#154273;color:#fff;border:0;border-radius:6px;padding:8px 12px}",
    ".wegwijs-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}"
  ].join("\n");

  var root = el("div", { id: "wegwijs-root" });
  var launcher = el("button", { "class": "wegwijs-launcher", type: "button", "aria-expanded": "false", "aria-controls": "wegwijs-panel" });
  var panel = el("section", { "class": "wegwijs-panel", id: "wegwijs-panel", "aria-labelledby": "wegwijs-title" });
  var header = el("div", { "class": "wegwijs-header" });
  var title = el("h2", { id: "wegwijs-title" });
  var langLabel = el("label", { "for": "wegwijs-language", "class": "wegwijs-sr" });
  var langSelect = el("select", { id: "wegwijs-language" });
  var forget = el("button", { type: "button", "class": "wegwijs-forget" });
  // Reminders on/off: shown once the conversation is linked to a case (the server says so).
  var reminders = el("button", { type: "button", "class": "wegwijs-reminders", "aria-pressed": "false", hidden: "" });
  var close = el("button", { type: "button", "class": "wegwijs-close" });
  var status = el("div", { "class": "wegwijs-status", role: "status" });
  var log = el("div", { "class": "wegwijs-log", role: "log", "aria-live": "polite", "aria-relevant": "additions", tabindex: "0" });
  var typing = el("div", { "class": "wegwijs-typing", hidden: "" });
  var replies = el("div", { "class": "wegwijs-replies" });
  var form = el("form", { "class": "wegwijs-form" });
  var inputLabel = el("label", { "for": "wegwijs-input", "class": "wegwijs-sr" });
  var input = el("input", { id: "wegwijs-input", type: "text", autocomplete: "off", maxlength: "2000" });
  var send = el("button", { type: "submit" });
  header.append(title, langLabel, langSelect, reminders, forget, close);
  form.append(inputLabel, input, send);
  panel.append(header, status, log, typing, replies, form);
  root.append(launcher, panel);

  function linkified(text) {
    var fragment = document.createDocumentFragment(), pattern = /https?:\/\/[^\s<>"']+/g, last = 0, match;
    while ((match = pattern.exec(text))) {
      fragment.append(document.createTextNode(text.slice(last, match.index)));
      var a = el("a", { href: match[0], target: "_blank", rel: "noopener noreferrer" }, match[0]);
      fragment.append(a);
      last = match.index + match[0].length;
    }
    fragment.append(document.createTextNode(text.slice(last)));
    return fragment;
  }

  function addMessage(from, text, when) {
    var bubble = el("div", { "class": "wegwijs-msg wegwijs-" + from, dir: "auto" });
    var who = el("span", { "class": "wegwijs-sr" }, (from === "user" ? t("widget_you") : t("widget_assistant")) + ": ");
    bubble.append(who, linkified(text));
    var time = new Date(when ? when * 1000 : Date.now());
    bubble.append(el("time", { datetime: time.toISOString() }, time.toLocaleTimeString(state.lang || undefined, { hour: "2-digit", minute: "2-digit" })));
    log.append(bubble);
    log.scrollTop = log.scrollHeight;
  }

  function showReplies(buttons) {
    replies.textContent = "";
    (buttons || []).forEach(function (b) {
      var button = el("button", { type: "button" }, b.title);
      button.addEventListener("click", function () { replies.textContent = ""; say(b.payload, b.title); });
      replies.append(button);
    });
  }

  function applyStrings(data) {
    state.lang = data.language; state.strings = data.strings; state.languages = data.languages;
    localStorage.setItem(KEY_LANG, state.lang);
    root.setAttribute("dir", data.dir); root.setAttribute("lang", data.language);
    launcher.textContent = t("widget_open"); title.textContent = t("widget_title");
    langLabel.textContent = t("widget_language"); forget.textContent = t("widget_forget");
    showReminders();
    close.textContent = "×"; close.setAttribute("aria-label", t("widget_close"));
    inputLabel.textContent = t("widget_input_label"); input.placeholder = t("widget_placeholder");
    send.textContent = t("widget_send"); typing.textContent = t("widget_typing");
    langSelect.textContent = "";
    state.languages.forEach(function (l) {
      var option = el("option", { value: l.code, lang: l.code, dir: l.dir }, l.name);
      if (l.code === state.lang) option.selected = true;
      langSelect.append(option);
    });
    showState(state.connection || "connecting");
  }

  function loadStrings(code, attempt) {
    return fetch(server + "/webhooks/web/strings/" + encodeURIComponent(code))
      .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
      .then(applyStrings)
      .catch(function () {  // the server may be starting or briefly away: try again
        return new Promise(function (resolve) { setTimeout(resolve, Math.min(1000 * ((attempt || 0) + 1), 5000)); })
          .then(function () { return loadStrings(code, (attempt || 0) + 1); });
      });
  }

  function showState(name) {
    state.connection = name;
    status.textContent = name === "connected" ? "" : t("widget_" + name);
    status.hidden = name === "connected";
  }

  var emit = null;
  function requestSession() { emit("session_request", { session_id: state.session }); }
  function showReminders() {
    var on = !!state.reminders;
    reminders.textContent = t(on ? "widget_reminders_on" : "widget_reminders_off");
    reminders.setAttribute("aria-pressed", on ? "true" : "false");
  }
  function askReminders() { if (emit && state.session) emit("reminders_state", { session_id: state.session }); }
  function say(message, shown) {
    if (shown) addMessage("user", shown);
    typing.hidden = false;
    // While a person from the municipality has the chat, the assistant stays quiet: no endless "typing".
    clearTimeout(state.typingTimer);
    state.typingTimer = setTimeout(function () { typing.hidden = true; }, 15000);
    emit("user_uttered", { message: message, session_id: state.session, metadata: { language: state.lang } });
  }

  function onEvent(name, payload) {
    if (name === "session_confirm") {
      state.session = payload; localStorage.setItem(KEY_SESSION, payload);
      askReminders();
    } else if (name === "reminders_state") {
      reminders.hidden = !(payload && payload.linked);
      state.reminders = !!(payload && payload.on); showReminders();
    } else if (name === "history") {
      if (log.childElementCount) return;  // a reconnect: the page already shows the conversation
      (payload || []).forEach(function (m) { addMessage(m.from, m.text, m.timestamp); });
      var lastBot = (payload || []).filter(function (m) { return m.from === "bot"; }).pop();
      showReplies(lastBot ? lastBot.buttons : []);
    } else if (name === "bot_uttered") {
      typing.hidden = true;
      addMessage("bot", payload.text || "");
      askReminders();  // a reply may have linked the conversation or changed the reminders
      showReplies((payload.quick_replies || []).map(function (q) { return { title: q.title, payload: q.payload }; }));
      if (state.forgetting) {
        state.forgetting = false; state.session = null; localStorage.removeItem(KEY_SESSION);
        log.textContent = ""; addMessage("bot", t("widget_forget_done")); requestSession();
      }
    }
  }

  launcher.addEventListener("click", function () {
    root.classList.add("wegwijs-open"); launcher.setAttribute("aria-expanded", "true"); input.focus();
  });
  close.addEventListener("click", function () {
    root.classList.remove("wegwijs-open"); launcher.setAttribute("aria-expanded", "false"); launcher.focus();
  });
  panel.addEventListener("keydown", function (e) { if (e.key === "Escape") close.click(); });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = ""; replies.textContent = "";
    say(text, text);
  });
  langSelect.addEventListener("change", function () {
    var code = langSelect.value;
    loadStrings(code).then(function () { say("/choose_language" + JSON.stringify({ language: code })); });
  });
  forget.addEventListener("click", function () { state.forgetting = true; say("/forget_me"); });
  reminders.addEventListener("click", function () { say(state.reminders ? "/reminders_off" : "/reminders_on"); });

  function start() {
    document.head.append(style);
    document.body.append(root);
    var wanted = localStorage.getItem(KEY_LANG) || (script && script.dataset.lang) || (navigator.language || "nl");
    loadStrings(wanted.split("-")[0]).then(function () {
      emit = connect(onEvent, function (name) { showState(name); if (name === "connected") requestSession(); });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
