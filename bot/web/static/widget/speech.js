/* Read aloud with the browser's own speech synthesis: nothing leaves the device. A language is
   offered only when the device has a voice for it. */
function WegwijsSpeech(onVoices) {
  "use strict";
  var synth = window.speechSynthesis;
  var speaking = null;  // {button, utterance}

  function base(code) { return String(code || "").toLowerCase().split(/[-_]/)[0]; }
  function voiceFor(language) {
    if (!synth || !language) return null;
    var wanted = base(language);
    var voices = synth.getVoices() || [];
    return voices.filter(function (v) { return base(v.lang) === wanted; })[0] || null;
  }
  if (synth && synth.addEventListener) synth.addEventListener("voiceschanged", onVoices);

  function stop() {
    if (!speaking) return;
    var was = speaking; speaking = null;
    if (synth) synth.cancel();
    was.done();
  }

  return {
    available: function (language) { return Boolean(voiceFor(language)); },
    /* Speak `text`; `started`/`done` let the button show its state. Speaking again stops. */
    toggle: function (text, language, started, done) {
      var wasMine = speaking && speaking.text === text && speaking.language === language;
      stop();
      if (wasMine) return;
      var voice = voiceFor(language);
      if (!voice) return;
      var utterance = new SpeechSynthesisUtterance(text);
      utterance.voice = voice; utterance.lang = voice.lang; utterance.rate = 0.9;
      var current = { text: text, language: language, done: done };
      utterance.onend = utterance.onerror = function () {
        if (speaking === current) { speaking = null; done(); }
      };
      speaking = current;
      started();
      synth.speak(utterance);
    },
    stop: stop
  };
}
