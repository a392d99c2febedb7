/* Polls: vote without reloading the page, and show "already voted" from a cookie.
   Without this script the same forms post and redirect normally. */
(function () {
  "use strict";

  function cookie(name) {
    var match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return match ? decodeURIComponent(match[1]) : "";
  }

  function setStatus(form, text, isError) {
    var status = form.querySelector(".poll-form__status");
    if (!status) return;
    status.textContent = text;
    status.classList.toggle("poll-form__status--error", !!isError);
  }

  function showResults(form, html, message) {
    var holder = form.closest(".poll") || form.parentNode;
    var note = document.createElement("p");
    note.className = "poll-form__status";
    note.setAttribute("role", "status");
    note.textContent = message;
    note.tabIndex = -1;
    holder.innerHTML = html;
    holder.insertBefore(note, holder.firstChild);
    // The form (and the focused button) is gone: keep keyboard and screen reader users here.
    note.focus();
  }

  function submit(event) {
    var form = event.target;
    if (!form.matches || !form.matches("form.poll-form") || form.dataset.captcha) return;
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    var body = new FormData(form);
    if (!body.getAll("choice").length) {
      setStatus(form, "Vui lòng chọn ít nhất một phương án.", true);
      return;
    }
    button.disabled = true;
    setStatus(form, "Đang gửi…", false);
    fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": cookie("csrftoken") || body.get("csrfmiddlewaretoken") }
    })
      .then(function (response) {
        return response.json().catch(function () { throw new Error("bad response"); });
      })
      .then(function (data) {
        if (data.html) {
          showResults(form, data.html, data.message);
        } else if (data.url) {
          window.location.href = data.url;
        } else {
          setStatus(form, data.message || "Không gửi được bình chọn.", true);
          button.disabled = false;
        }
      })
      .catch(function () {
        // Network or server trouble: fall back to the plain form post.
        form.dataset.captcha = "fallback";
        form.submit();
      });
  }

  function markVoted() {
    var ids = cookie("polls_voted").split(".");
    document.querySelectorAll("form.poll-form--compact").forEach(function (form) {
      if (ids.indexOf(form.dataset.poll) !== -1) {
        setStatus(form, "Bạn đã bình chọn cho cuộc thăm dò này.", false);
        form.querySelectorAll("input[name=choice]").forEach(function (input) { input.disabled = true; });
        var button = form.querySelector("button[type=submit]");
        if (button) button.hidden = true;
      }
    });
  }

  document.addEventListener("submit", submit);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", markVoted);
  } else {
    markVoted();
  }
})();
