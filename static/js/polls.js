/* Polls: vote without reloading the page, and show "already voted" from a cookie.
   Without this script the same forms post and redirect normally. */
(function () {
  "use strict";
  // The poll page and the right column may both include this file: wire it once.
  if (window.portalPolls) return;
  window.portalPolls = true;

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

  function showStoredResults(form) {
    // The right column is cached for everyone: ask for this poll's results instead.
    fetch(form.dataset.resultsUrl, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("results " + response.status);
        return response.json();
      })
      .then(function (data) {
        var holder = form.closest(".poll") || form.parentNode;
        holder.innerHTML = data.html;
      })
      .catch(function () { /* the note "already voted" stays */ });
  }

  function markVoted() {
    var ids = cookie("polls_voted").split(".");
    document.querySelectorAll("form.poll-form--compact").forEach(function (form) {
      if (ids.indexOf(form.dataset.poll) !== -1) {
        setStatus(form, "Bạn đã bình chọn cho cuộc thăm dò này.", false);
        form.querySelectorAll("input[name=choice]").forEach(function (input) { input.disabled = true; });
        var button = form.querySelector("button[type=submit]");
        if (button) button.hidden = true;
        if (form.dataset.resultsUrl) showStoredResults(form);
      }
    });
  }

  // At most max_choices boxes: the others are disabled once that many are ticked (the
  // server checks again).
  function limitChoices(event) {
    var input = event.target;
    var form = input.form;
    if (!form || !form.dataset.maxChoices || input.name !== "choice") return;
    var max = parseInt(form.dataset.maxChoices, 10);
    var boxes = form.querySelectorAll("input[name=choice]");
    var ticked = form.querySelectorAll("input[name=choice]:checked").length;
    boxes.forEach(function (box) { if (!box.checked) box.disabled = ticked >= max; });
    var hint = form.querySelector(".poll-form__hint");
    if (hint) {
      hint.textContent = ticked >= max
        ? "Bạn đã chọn đủ " + max + " phương án. Bỏ chọn một phương án để chọn phương án khác."
        : "Chọn tối đa " + max + " phương án (đã chọn " + ticked + ").";
    }
  }

  document.addEventListener("submit", submit);
  document.addEventListener("change", limitChoices);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", markVoted);
  } else {
    markVoted();
  }
})();
