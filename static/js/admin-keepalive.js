// Staff sessions end after STAFF_SESSION_IDLE_SECONDS (15 minutes) without a request, but
// typing in an admin form (CKEditor included) sends none until the form is saved. While a
// form has been typed in since the last ping, this refreshes the session every few minutes;
// an untouched open form lets the session end as it should.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="portal-keepalive"]');
  var form = document.querySelector('#content-main form[method="post"], #content form[method="post"]');
  if (!meta || !form) return;
  var url = meta.getAttribute("content");
  var every = Math.max(30, parseInt(meta.dataset.seconds, 10) || 240) * 1000;
  var typed = false;
  var warned = false;

  function mark() { typed = true; }
  ["input", "keydown", "change", "paste"].forEach(function (name) {
    form.addEventListener(name, mark, true);
  });

  function token() {
    var field = form.querySelector('input[name="csrfmiddlewaretoken"]');
    return field ? field.value : "";
  }

  function warn(message) {
    if (warned) return;
    warned = true;
    var note = document.createElement("p");
    note.className = "errornote keepalive-lost";
    note.setAttribute("role", "alert");
    note.textContent = (message || "Phiên làm việc đã kết thúc.") +
      " Hãy sao chép nội dung đang soạn trước khi tải lại trang để đăng nhập.";
    form.insertBefore(note, form.firstChild);
  }

  function ping() {
    if (!typed) return;
    typed = false;
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token(), "Accept": "application/json" }
    })
      .then(function (response) {
        return response.json().then(function (data) {
          if (!response.ok || !data.ok) warn(data.message);
        });
      })
      .catch(function () { typed = true; });
  }

  setInterval(ping, every);
  window.portalKeepalive = { ping: ping };
})();
