/* Reporters' idle timeout: a countdown dialog before the session ends.
   The server ends idle sessions itself (accounts.middleware.IdleSessionMiddleware);
   this script only warns, keeps the session alive on request, and logs out at zero. */
(function () {
  "use strict";

  var config = document.getElementById("idle-timeout");
  var dialog = document.getElementById("idle-dialog");
  if (!config || !dialog) return;

  var idleSeconds = parseInt(config.dataset.idleSeconds, 10) || 1800;
  var warningSeconds = Math.min(parseInt(config.dataset.warningSeconds, 10) || 60, idleSeconds);
  var keepaliveUrl = config.dataset.keepaliveUrl;
  var secondsLabel = document.getElementById("idle-dialog-seconds");
  var expiredNote = document.getElementById("idle-dialog-expired");
  var stayButton = document.getElementById("idle-dialog-stay");
  var logoutForm = document.getElementById("idle-logout-form");
  var csrfInput = logoutForm.querySelector("input[name=csrfmiddlewaretoken]");

  var deadline = 0;       // when the session ends (ms since epoch)
  var lastPing = Date.now();
  var tick = null;
  var loggingOut = false;
  // Activity on the page refreshes the session, at most this often.
  var pingEvery = Math.max(1000, Math.min(60, Math.floor(idleSeconds / 10)) * 1000);

  function restart() {
    deadline = Date.now() + idleSeconds * 1000;
  }

  function remaining() {
    return Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
  }

  function keepalive() {
    lastPing = Date.now();
    return fetch(keepaliveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfInput ? csrfInput.value : "", "X-Requested-With": "fetch" },
    }).then(function (response) {
      if (response.status === 401) {
        expire();
        return false;
      }
      return response.ok;
    }).catch(function () {
      return false;
    });
  }

  function openDialog() {
    if (dialog.open) return;
    secondsLabel.textContent = String(remaining());
    if (typeof dialog.showModal === "function") {
      dialog.showModal();
    } else {
      dialog.setAttribute("open", "");
    }
    stayButton.focus();
  }

  function closeDialog() {
    if (!dialog.open) return;
    if (typeof dialog.close === "function") {
      dialog.close();
    } else {
      dialog.removeAttribute("open");
    }
  }

  function stay() {
    if (loggingOut) return;
    restart();
    closeDialog();
    keepalive();
  }

  function expire() {
    if (loggingOut) return;
    loggingOut = true;
    window.clearInterval(tick);
    openDialog();
    secondsLabel.textContent = "0";
    expiredNote.hidden = false;
    stayButton.disabled = true;
    logoutForm.submit();
  }

  function onTick() {
    var left = remaining();
    if (left <= 0) {
      expire();
    } else if (left <= warningSeconds) {
      openDialog();
      secondsLabel.textContent = String(left);
    }
  }

  function onActivity() {
    // Once the warning shows, only the dialog's button keeps the session.
    if (dialog.open || loggingOut) return;
    restart();
    if (Date.now() - lastPing >= pingEvery) keepalive();
  }

  // Keep Tab inside the dialog (showModal already makes the page behind it inert).
  dialog.addEventListener("keydown", function (event) {
    if (event.key !== "Tab") return;
    var focusable = dialog.querySelectorAll("button:not([disabled]), [href], input:not([type=hidden])");
    if (!focusable.length) return;
    var first = focusable[0];
    var last = focusable[focusable.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  });
  // Escape means the reader is here: same as "Tiếp tục làm việc".
  dialog.addEventListener("cancel", function (event) {
    event.preventDefault();
    stay();
  });
  stayButton.addEventListener("click", stay);
  ["keydown", "pointerdown", "scroll"].forEach(function (name) {
    window.addEventListener(name, onActivity, { passive: true });
  });

  restart();
  tick = window.setInterval(onTick, 1000);
})();
