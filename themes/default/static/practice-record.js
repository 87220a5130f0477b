/* prepbook practice mode: answering out loud. Records the drill answer with the microphone
 * (MediaRecorder), plays it back and compares its length with the target time. The recording
 * stays in this page's memory: it leaves the machine never, and is kept only when the reader
 * saves it as a file; the next question or "Discard" drops it. */
(function () {
  "use strict";

  var P = window.prepbookPracticeCore;
  if (!P) { return; }
  var $ = P.$, t = P.t;

  var rec = { recorder: null, stream: null, chunks: [], url: null, blob: null, started: 0, seconds: 0, type: "" };

  function status(text, kind) { P.setStatus($("drill-record-status"), text, kind); }

  function supported() {
    return !!(window.MediaRecorder && navigator.mediaDevices && navigator.mediaDevices.getUserMedia);
  }

  function stopStream() {
    if (rec.stream) { rec.stream.getTracks().forEach(function (tr) { tr.stop(); }); rec.stream = null; }
  }

  function dropRecording() {
    if (rec.url) { URL.revokeObjectURL(rec.url); }
    rec.url = null; rec.blob = null; rec.chunks = [];
    var audio = $("drill-recording");
    audio.removeAttribute("src");
    audio.hidden = true;
    $("drill-record-save").hidden = true;
    $("drill-record-discard").hidden = true;
  }

  function setButton(recording) {
    var b = $("drill-record");
    b.textContent = recording ? t("js_practice_record_stop") : t("js_practice_record");
    b.setAttribute("aria-pressed", recording ? "true" : "false");
    b.classList.toggle("is-recording", recording);
  }

  function failure(e) {
    var name = e && e.name;
    if (name === "NotAllowedError" || name === "SecurityError") { return t("js_practice_record_denied"); }
    if (name === "NotFoundError" || name === "OverconstrainedError") { return t("js_practice_record_no_mic"); }
    return t("js_practice_record_failed", null, { why: (e && e.message) || String(e) });
  }

  function start() {
    if (!supported()) { status(t("js_practice_record_unsupported"), "error"); return; }
    dropRecording();
    status(t("js_practice_record_asking"));
    navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
      rec.stream = stream;
      var r;
      try { r = new MediaRecorder(stream); } catch (e) { stopStream(); status(failure(e), "error"); return; }
      rec.recorder = r;
      rec.chunks = [];
      r.ondataavailable = function (ev) { if (ev.data && ev.data.size > 0) { rec.chunks.push(ev.data); } };
      r.onstop = finished;
      r.onerror = function (ev) { stopStream(); setButton(false); status(failure(ev.error), "error"); };
      r.start(250);
      rec.started = Date.now();
      setButton(true);
      status(t("js_practice_record_on"));
    }, function (e) {
      setButton(false);
      status(failure(e), "error");
    });
  }

  function stop() {
    if (rec.recorder && rec.recorder.state !== "inactive") { rec.recorder.stop(); }
  }

  function finished() {
    rec.seconds = (Date.now() - rec.started) / 1000;
    rec.type = (rec.recorder && rec.recorder.mimeType) || "audio/webm";
    rec.recorder = null;
    stopStream();
    setButton(false);
    if (rec.chunks.length === 0) { status(t("js_practice_record_empty"), "error"); return; }
    rec.blob = new Blob(rec.chunks, { type: rec.type });
    rec.url = URL.createObjectURL(rec.blob);
    var audio = $("drill-recording");
    audio.src = rec.url;
    audio.hidden = false;
    $("drill-record-save").hidden = false;
    $("drill-record-discard").hidden = false;
    var target = P.drillTimer ? P.drillTimer.target : P.data.seconds;
    var key = rec.seconds > target ? "js_practice_record_over" : "js_practice_record_length";
    var el = $("drill-record-status");
    P.setStatus(el, t(key, null, { time: P.formatDuration(rec.seconds), target: P.formatTime(target) }), rec.seconds > target ? "error" : "ok");
    el.setAttribute("data-seconds", rec.seconds.toFixed(1));
  }

  function save() {
    if (!rec.url) { return; }
    var q = P.drill && P.drill.current >= 0 ? P.data.questions[P.drill.current].id : "answer";
    var ext = /ogg/.test(rec.type) ? "ogg" : (/mp4/.test(rec.type) ? "m4a" : "webm");
    var a = document.createElement("a");
    a.href = rec.url;
    a.download = P.site.slug + "-" + q + "." + ext;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { if (a.parentNode) { a.parentNode.removeChild(a); } }, 1000);
    status(t("js_practice_record_saved", null, { name: a.download }), "ok");
  }

  P.recorder = {
    reset: function () {
      if (rec.recorder) { rec.recorder.onstop = null; stop(); rec.recorder = null; }
      stopStream();
      setButton(false);
      dropRecording();
      status("");
    }
  };

  P.setupRecord = function () {
    var b = $("drill-record");
    setButton(false);
    if (!supported()) { status(t("js_practice_record_unsupported")); }
    b.addEventListener("click", function () { if (rec.recorder) { stop(); } else { start(); } });
    $("drill-record-save").addEventListener("click", save);
    $("drill-record-discard").addEventListener("click", function () { dropRecording(); status(t("js_practice_record_discarded")); b.focus(); });
  };
})();
