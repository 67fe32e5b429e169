/* Wegwijs chat widget. Embed with:
 *   <script src="https://<server>/webhooks/web/widget.js" data-server="https://<server>" data-lang="nl" defer></script>
 * The interface speaks the visitor's language: the one they chose before, else the browser's
 * first supported language, else data-lang, else Dutch; it follows the language the assistant
 * answers in. No framework and no build step: bot/web/pages.py serves the Socket.IO client and
 * these files as one script. */
(function () {
  "use strict";
  var script = document.currentScript;
  var server = ((script && script.dataset.server) || (script ? new URL(script.src).origin : location.origin)).replace(/\/$/, "");
  var KEY_LANG = "wegwijs.language", KEY_OPEN = "wegwijs.open";
  var NO_ANSWER_AFTER_MS = 15000;  // then "typing…" ends and the person reads "No answer yet"
  /* withStaff: the team in the chat ("consultant", "general"), from the latest pushed message;
     while it is set the assistant is silent, so there is nothing to wait for. */
  var state = { data: null, strings: {}, asked: 0, transport: null, connection: "connecting", notice: "",
    forgetNotice: "", awaiting: {}, typingTimer: null, loadingEarlier: false, withStaff: "" };

  function storage(kind) {
    return {
      get: function (k) { try { return window[kind].getItem(k); } catch (e) { return null; } },
      set: function (k, v) { try { window[kind].setItem(k, v); } catch (e) { /* private mode */ } },
      remove: function (k) { try { window[kind].removeItem(k); } catch (e) { /* private mode */ } }
    };
  }
  var local = storage("localStorage"), tab = storage("sessionStorage");
  function base(code) { return String(code || "").toLowerCase().replace("_", "-").split("-")[0]; }

  var speech = WegwijsSpeech(function () { view.voices(); });
  var view = WegwijsView({
    choose: function (payload, title) { view.replies([]); say(payload, title); view.input.focus(); },
    language: function (code) { chooseLanguage(code); view.input.focus(); },
    retry: function (id) { state.transport.retry(id); },
    canSpeak: speech.available,
    speak: speech.toggle,
    stringIn: function (code, key, done) { stringsOf(code).then(function (d) { done(d.strings[key]); }); },
    officialDutch: function () { return state.data ? state.data.official : ""; }
  });

  /* --- strings ----------------------------------------------------------------------------- */
  function stringsOf(code) {
    if (!state.strings[code]) {
      state.strings[code] = fetch(server + "/webhooks/web/strings/" + encodeURIComponent(code))
        .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
        .catch(function (error) { delete state.strings[code]; throw error; });
    }
    return state.strings[code];
  }
  /* The interface's strings; only the language asked for last is applied. */
  function loadStrings(code, attempt) {
    var asked = attempt ? state.asked : ++state.asked;
    return stringsOf(code).then(function (data) {
      return asked === state.asked ? apply(data) : data;
    }).catch(function () {  // the server may be starting: try again
      return new Promise(function (resolve) { setTimeout(resolve, Math.min(1000 * ((attempt || 0) + 1), 5000)); })
        .then(function () { return asked === state.asked ? loadStrings(code, (attempt || 0) + 1) : null; });
    });
  }
  function apply(data) {
    state.data = data;
    view.applyStrings(data, data.topics, server + "/webhooks/web/privacy/" + encodeURIComponent(data.language));
    showStatus();
    return data;
  }
  function wanted() {
    var browser = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
    return [local.get(KEY_LANG)].concat(browser, [script && script.dataset.lang, "nl"]).filter(Boolean).map(base);
  }
  function supported(code) {
    return Boolean(state.data) && state.data.languages.some(function (l) { return l.code === code; });
  }
  function chooseLanguage(code) {
    local.set(KEY_LANG, code);
    loadStrings(code).then(function () { say("/choose_language" + JSON.stringify({ language: code })); });
  }

  /* --- what the person sees happen ------------------------------------------------------------ */
  function showStatus() {
    var connection = state.connection === "connected" ? "" : view.t("widget_" + state.connection);
    view.status(connection || state.notice);
  }
  function waitForAnswer(on) {
    clearTimeout(state.typingTimer);
    on = on && !state.withStaff;
    view.typing(on);
    if (on) {
      state.typingTimer = setTimeout(function () {
        view.typing(false); state.notice = view.t("widget_no_answer"); showStatus();
      }, NO_ANSWER_AFTER_MS);
    }
  }
  function say(message, shown) {
    if (!state.transport) return;
    var item = state.transport.send(message, shown || null, state.data.language);
    if (shown) view.add({ from: "user", text: shown, id: item.id, status: "sending" });
    state.notice = ""; showStatus();
  }
  function asMessage(item) {
    var meta = item.metadata || {};
    return { from: item.from, text: item.text, language: meta.language, dutch: meta.dutch,
      topic: meta.topic, withStaff: meta.with_staff, when: item.timestamp, id: item.id,
      buttons: item.buttons, status: "sent" };
  }
  /* Who is in the chat after these messages: the latest pushed message says (it carries
     with_staff, "" when the assistant answers again); other messages leave it as it was. */
  function followStaff(messages) {
    messages.forEach(function (m) { if (typeof m.withStaff === "string") state.withStaff = m.withStaff; });
  }

  var on = {
    connection: function (name) {
      state.connection = name; view.root.setAttribute("data-connection", name); showStatus();
    },
    delivery: function (id, status) {
      view.delivery(id, status);
      if (status === "sent") {
        state.awaiting[id] = view.text(id); waitForAnswer(true);
      } else if (status === "failed" && state.connection === "connected") {
        state.notice = view.t("widget_failed"); showStatus();
      }
    },
    reply: function (reply) {
      var message = asMessage({ from: "bot", text: reply.text || "", metadata: reply.metadata, timestamp: reply.timestamp });
      var meta = reply.metadata || {};
      followStaff([message]);
      state.awaiting = {}; waitForAnswer(false); state.notice = ""; showStatus();
      view.add(message);
      view.replies(reply.quick_replies || []);
      state.transport.reminders();  // a reply may have linked the conversation or changed them
      if (!isOpen()) view.setUnread(view.unread() + 1);
      if (meta.language && state.data && meta.language !== state.data.language && supported(meta.language)) {
        local.set(KEY_LANG, meta.language);  // the labels follow the conversation's language
        loadStrings(meta.language);
      }
    },
    history: function (page) {
      var messages = (page.items || []).map(asMessage), seen = {};
      state.withStaff = ""; followStaff(messages);
      messages.forEach(function (m) { if (m.id) seen[m.id] = true; });
      view.reset(messages);
      state.transport.pending().forEach(function (item) {
        if (item.shown && !seen[item.id]) view.add({ from: "user", text: item.shown, id: item.id, status: "sending" });
      });
      Object.keys(state.awaiting).forEach(function (id) {  // sent, not stored yet: still shown
        if (seen[id]) delete state.awaiting[id];
        else if (state.awaiting[id]) view.add({ from: "user", text: state.awaiting[id], id: id, status: "sent" });
      });
      view.setEarlier(page.before);
      var last = messages[messages.length - 1];
      view.replies(last && last.from === "bot" ? last.buttons : []);
      if (state.forgetNotice) { view.notice(state.forgetNotice); state.forgetNotice = ""; }
    },
    reminders: function (found) { view.reminders(found); },
    forgotten: function () {
      state.awaiting = {}; state.withStaff = ""; waitForAnswer(false);
      view.reminders({ linked: false, on: false });
      state.forgetNotice = view.t("widget_forget_done");
      view.reset([]); view.replies([]); view.setEarlier(null);
    }
  };

  function loadEarlier() {
    var before = parseInt(view.earlier.getAttribute("data-before"), 10);
    if (state.loadingEarlier || !before) return;
    state.loadingEarlier = true;
    state.transport.earlier(before, function (page) {
      state.loadingEarlier = false;
      if (!page) return;
      view.prepend((page.items || []).map(asMessage));
      view.setEarlier(page.before);
    });
  }

  /* --- opening, closing, keys ----------------------------------------------------------------- */
  function isOpen() { return view.root.classList.contains("wegwijs-open"); }
  function fitViewport() {
    var vv = window.visualViewport;
    if (!vv) return;
    view.root.style.setProperty("--wegwijs-height", vv.height + "px");
    view.root.style.setProperty("--wegwijs-top", vv.offsetTop + "px");
  }
  function open(focus) {
    view.root.classList.add("wegwijs-open");
    view.launcher.setAttribute("aria-expanded", "true");
    view.setUnread(0); tab.set(KEY_OPEN, "1"); fitViewport();
    view.scroll.scrollTop = view.scroll.scrollHeight;
    if (focus) view.input.focus();
  }
  function close() {
    view.root.classList.remove("wegwijs-open");
    view.launcher.setAttribute("aria-expanded", "false");
    view.menu.hidden = true; view.more.setAttribute("aria-expanded", "false");
    tab.set(KEY_OPEN, "0"); speech.stop();
    view.launcher.focus();
  }

  view.launcher.addEventListener("click", function () { open(true); });
  view.close.addEventListener("click", close);
  document.addEventListener("keydown", function (e) {
    var active = document.activeElement;
    if (e.key === "Escape" && isOpen() && (!active || active === document.body || view.root.contains(active))) {
      e.preventDefault(); close();
    }
  });
  view.more.addEventListener("click", function () {
    var show = view.menu.hidden;
    view.menu.hidden = !show; view.more.setAttribute("aria-expanded", String(show));
  });
  view.forget.addEventListener("click", function () {
    view.menu.hidden = true; view.more.setAttribute("aria-expanded", "false");
    say("/forget_me"); view.input.focus();
  });
  view.form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = view.input.value.trim();
    if (!text || !state.transport) return;
    view.input.value = ""; view.replies([]);
    say(text, text);
  });
  view.langSelect.addEventListener("change", function () { chooseLanguage(view.langSelect.value); });
  view.earlier.addEventListener("click", loadEarlier);
  if (window.IntersectionObserver) {
    new IntersectionObserver(function (entries) {
      if (entries.some(function (x) { return x.isIntersecting; }) && !view.earlier.hidden) loadEarlier();
    }, { root: view.scroll }).observe(view.earlier);
  }
  if (window.visualViewport) {
    window.visualViewport.addEventListener("resize", fitViewport);
    window.visualViewport.addEventListener("scroll", fitViewport);
  }

  function start() {
    var style = document.createElement("style");
    style.textContent = WEGWIJS_CSS;
    document.head.append(style);
    document.body.append(view.root);
    var candidates = wanted();
    loadStrings(candidates[0]).then(function (data) {
      if (!data) return null;
      var codes = data.languages.map(function (l) { return l.code; });
      var pick = candidates.filter(function (c) { return codes.indexOf(c) >= 0; })[0] || data.language;
      return pick === data.language ? data : loadStrings(pick);
    }).then(function () {
      state.transport = WegwijsTransport(server, local, on);
      state.transport.pending().forEach(function (item) {
        if (item.shown) view.add({ from: "user", text: item.shown, id: item.id, status: "sending" });
      });
      if (tab.get(KEY_OPEN) === "1") open(false);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
