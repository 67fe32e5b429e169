/* The connection to the web channel (bot/rasa_ext/web_channel.py) with the Socket.IO client,
   the reminder state (bot/rasa_ext/web_reminders.py: asked after the session is confirmed and
   whenever main.js asks, answered only to a browser that holds the session), and an outbox: every message keeps an id and stays in the outbox (also across a reload) until
   the server acknowledges it. It is sent again after every reconnect; the server answers an id
   once. A message not acknowledged within FAIL_AFTER_MS is shown as failed, with a retry. */
function WegwijsTransport(server, store, on) {
  "use strict";
  var KEY_SESSION = "wegwijs.session", KEY_OUTBOX = "wegwijs.outbox";
  var FAIL_AFTER_MS = 10000;
  var session = store.get(KEY_SESSION);
  var outbox = readOutbox();
  var socket = io(server, {
    path: "/socket.io",
    transports: ["websocket", "polling"],
    tryAllTransports: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 4000
  });

  function readOutbox() {
    try { return JSON.parse(store.get(KEY_OUTBOX) || "[]").filter(function (m) { return m && m.id; }); }
    catch (e) { return []; }
  }
  function saveOutbox() { store.set(KEY_OUTBOX, JSON.stringify(outbox)); }
  function newId() {
    var bytes = new Uint8Array(12);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function attempt(item) {
    if (!socket.connected || !session) return;
    var sessionAtSend = session;
    socket.timeout(FAIL_AFTER_MS).emit("user_uttered", {
      message: item.message, session_id: session, id: item.id, metadata: { language: item.language }
    }, function (error, reply) {
      if (sessionAtSend !== session) return;
      if (!error && reply && reply.ok) { settle(item.id, "sent"); return; }
      on.delivery(item.id, "failed");
    });
  }
  function settle(id, status) {
    outbox = outbox.filter(function (m) { return m.id !== id; });
    saveOutbox();
    on.delivery(id, status);
  }
  function flush() { outbox.forEach(attempt); }
  function askReminders() {
    if (socket.connected && session) socket.emit("reminders_state", { session_id: session });
  }

  socket.on("connect", function () {
    on.connection("connected");
    socket.emit("session_request", { session_id: session });
  });
  socket.on("disconnect", function () { on.connection("reconnecting"); });
  socket.io.on("reconnect_attempt", function () { on.connection("reconnecting"); });
  socket.on("connect_error", function () { on.connection("reconnecting"); });
  socket.on("session_confirm", function (id) {
    var fresh = id !== session;
    session = id; store.set(KEY_SESSION, id);
    if (fresh) on.history({ items: [], before: null }, true);
    flush();
    askReminders();
  });
  socket.on("history", function (page) { on.history(page || { items: [], before: null }, true); });
  socket.on("bot_uttered", function (reply) { on.reply(reply || {}); });
  socket.on("reminders_state", function (found) { on.reminders(found || {}); });
  socket.on("forgotten", function () {
    session = null; store.remove(KEY_SESSION);
    outbox = []; saveOutbox();
    on.forgotten();
    if (socket.connected) socket.emit("session_request", { session_id: null });
  });

  return {
    /* Queue a message (`shown` is what the person sees; null for a command) and try to send it. */
    send: function (message, shown, language) {
      var item = { id: newId(), message: message, shown: shown, language: language, at: Date.now() };
      outbox.push(item); saveOutbox();
      setTimeout(function () {
        if (outbox.some(function (m) { return m.id === item.id; })) on.delivery(item.id, "failed");
      }, FAIL_AFTER_MS);
      attempt(item);
      return item;
    },
    retry: function (id) {
      outbox.filter(function (m) { return m.id === id; }).forEach(function (item) {
        on.delivery(id, "sending");
        setTimeout(function () {
          if (outbox.some(function (m) { return m.id === id; })) on.delivery(id, "failed");
        }, FAIL_AFTER_MS);
        attempt(item);
      });
    },
    pending: function () { return outbox.slice(); },
    /* Ask whether the conversation is linked and has reminders on (a reply may have changed it). */
    reminders: askReminders,
    earlier: function (before, done) {
      if (!socket.connected || !session) { done(null); return; }
      socket.timeout(FAIL_AFTER_MS).emit("history_request", { session_id: session, before: before },
        function (error, page) { done(error ? null : page); });
    }
  };
}
