// Reading aids: text size and high contrast remembered in this browser (localStorage, no
// server write), and "Nghe đọc bài" with the browser's own Vietnamese voice. No third party.
(function () {
  "use strict";

  var SIZES = [0.9, 1, 1.15, 1.3, 1.5];
  var DEFAULT_STEP = 1;
  var SIZE_KEY = "portal.textSize";
  var CONTRAST_KEY = "portal.highContrast";
  var root = document.documentElement;

  function load(key) {
    try { return window.localStorage.getItem(key); } catch (error) { return null; }
  }
  function save(key, value) {
    try { window.localStorage.setItem(key, value); } catch (error) { /* private mode: not kept */ }
  }

  var step = parseInt(load(SIZE_KEY), 10);
  if (isNaN(step) || step < 0 || step >= SIZES.length) { step = DEFAULT_STEP; }

  function applySize() {
    root.style.setProperty("--reading-scale", String(SIZES[step]));
    root.setAttribute("data-reading-size", String(step));
  }
  function applyContrast(on) {
    root.classList.toggle("high-contrast", on);
    document.querySelectorAll("[data-contrast]").forEach(function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }
  applySize();
  applyContrast(load(CONTRAST_KEY) === "1");

  var status = document.querySelector("[data-reading-status]");
  function announce(text) { if (status) { status.textContent = text; } }

  document.querySelectorAll("button[data-text-size]").forEach(function (button) {
    button.addEventListener("click", function () {
      var change = parseInt(button.getAttribute("data-text-size"), 10);
      step = change === 0 ? DEFAULT_STEP : Math.min(SIZES.length - 1, Math.max(0, step + change));
      applySize();
      save(SIZE_KEY, String(step));
      announce("Cỡ chữ " + Math.round(SIZES[step] * 100) + "%");
    });
  });
  document.querySelectorAll("[data-contrast]").forEach(function (button) {
    button.addEventListener("click", function () {
      var on = !root.classList.contains("high-contrast");
      applyContrast(on);
      save(CONTRAST_KEY, on ? "1" : "0");
      announce(on ? "Đã bật chế độ tương phản cao" : "Đã tắt chế độ tương phản cao");
    });
  });

  // Listening: shown only when the device has a Vietnamese voice.
  var controls = document.querySelector("[data-listen-controls]");
  var synth = window.speechSynthesis;
  if (!controls || !synth || typeof window.SpeechSynthesisUtterance !== "function") { return; }
  var listen = controls.querySelector("[data-listen]");
  var pause = controls.querySelector("[data-listen-pause]");
  var stop = controls.querySelector("[data-listen-stop]");
  var voice = null;
  var queue = [];
  var reading = false;

  function findVoice() {
    var voices = synth.getVoices() || [];
    voice = null;
    for (var i = 0; i < voices.length; i += 1) {
      if (String(voices[i].lang).toLowerCase().replace("_", "-").indexOf("vi") === 0) {
        voice = voices[i];
        break;
      }
    }
    controls.hidden = !voice;
  }
  findVoice();
  if (typeof synth.addEventListener === "function") {
    synth.addEventListener("voiceschanged", findVoice);
  }

  function text() {
    var parts = [];
    document.querySelectorAll("[data-reading-text]").forEach(function (element) {
      parts.push(element.innerText || element.textContent || "");
    });
    return parts.join(". ").replace(/\s+/g, " ").trim();
  }

  // Browsers cut long utterances: speak sentence groups of at most ~220 characters.
  function chunks(all) {
    var sentences = all.match(/[^.!?…;:]+[.!?…;:]*/g) || [];
    var out = [];
    var current = "";
    sentences.forEach(function (sentence) {
      if ((current + sentence).length > 220 && current) { out.push(current); current = ""; }
      current += sentence;
    });
    if (current.trim()) { out.push(current); }
    return out;
  }

  function showState() {
    listen.hidden = reading;
    pause.hidden = !reading;
    stop.hidden = !reading;
    pause.textContent = synth.paused ? "Tiếp tục" : "Tạm dừng";
    pause.setAttribute("aria-pressed", synth.paused ? "true" : "false");
  }

  function finish() {
    reading = false;
    queue = [];
    showState();
  }

  function speakNext() {
    if (!reading) { return; }
    if (!queue.length) { finish(); announce("Đã đọc xong"); listen.focus(); return; }
    var utterance = new window.SpeechSynthesisUtterance(queue.shift());
    utterance.lang = voice.lang || "vi-VN";
    utterance.voice = voice;
    utterance.onend = speakNext;
    utterance.onerror = function () { finish(); };
    synth.speak(utterance);
  }

  listen.addEventListener("click", function () {
    synth.cancel();
    queue = chunks(text());
    reading = true;
    showState();
    pause.focus();
    announce("Đang đọc bài");
    speakNext();
  });
  pause.addEventListener("click", function () {
    if (synth.paused) { synth.resume(); announce("Tiếp tục đọc"); } else { synth.pause(); announce("Đã tạm dừng"); }
    // paused flips asynchronously in some browsers: show the state that was asked for.
    var willBePaused = pause.textContent === "Tạm dừng";
    pause.textContent = willBePaused ? "Tiếp tục" : "Tạm dừng";
    pause.setAttribute("aria-pressed", willBePaused ? "true" : "false");
  });
  stop.addEventListener("click", function () {
    reading = false;
    synth.cancel();
    finish();
    announce("Đã dừng đọc");
    listen.focus();
  });
  window.addEventListener("pagehide", function () { synth.cancel(); });
})();
