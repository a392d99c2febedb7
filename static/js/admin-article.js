// The article form: who else has it open (heartbeat).
(function () {
  "use strict";
  var notice = document.querySelector(".editing-notice[data-presence-url]");
  if (!notice) return;
  var names = notice.querySelector(".editing-notice-names");
  function beat() {
    fetch(notice.dataset.presenceUrl, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) return;
        names.textContent = data.others.join(", ");
        notice.hidden = data.others.length === 0;
      })
      .catch(function () {});
  }
  // Within the server's 60 s presence window.
  setInterval(beat, 25000);
})();
