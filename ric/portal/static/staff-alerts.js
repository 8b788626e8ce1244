// Live urgent alerts on every staff page (ric/portal/help_queue.py): a banner and a sound
// within seconds of an alert, without a reload. No remote code; the page works without it.
(function () {
  "use strict";
  var box = document.getElementById("live-alert");
  if (!box || !window.EventSource) { return; }
  var text = box.querySelector("[data-alert-text]");
  var soundButton = box.querySelector("[data-alert-sound]");
  var audio = null;

  function beep() {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      if (audio.state === "suspended") {
        soundButton.hidden = false;  // the browser wants a click before it plays sound
        return;
      }
      [0, 0.35].forEach(function (offset) {
        var tone = audio.createOscillator();
        var gain = audio.createGain();
        tone.frequency.value = 880;
        gain.gain.value = 0.3;
        tone.connect(gain);
        gain.connect(audio.destination);
        tone.start(audio.currentTime + offset);
        tone.stop(audio.currentTime + offset + 0.25);
      });
    } catch (error) {
      soundButton.hidden = false;
    }
  }

  soundButton.addEventListener("click", function () {
    if (audio) { audio.resume(); }
    soundButton.hidden = true;
    beep();
  });

  var stream = new EventSource("/staff/alerts/stream");
  stream.addEventListener("urgent", function (event) {
    var data = JSON.parse(event.data);
    text.textContent = data.text;
    box.hidden = false;
    box.setAttribute("data-alert-id", String(data.id));
    document.title = "(!) " + document.title.replace(/^\(!\) /, "");
    beep();
  });
})();
