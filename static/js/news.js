// News pages: print button, copy link, comment counter and captcha. No third party.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });

  document.querySelectorAll("[data-copy-link]").forEach(function (button) {
    button.addEventListener("click", function () {
      var link = button.getAttribute("data-copy-link");
      var status = button.parentNode.querySelector(".news-share__status");
      var done = function () { if (status) { status.textContent = "Đã sao chép liên kết."; } };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(link).then(done, function () { window.prompt("Sao chép liên kết:", link); });
      } else {
        window.prompt("Sao chép liên kết:", link);
      }
    });
  });

  // The page is cached for every reader: this browser's own score comes from its cookie.
  var rated = document.cookie.match(/(?:^|; )news_rated=([^;]*)/);
  document.querySelectorAll("[data-rating-article]").forEach(function (section) {
    var form = section.querySelector(".news-rating__form");
    if (!form || !rated) { return; }
    rated[1].split(".").forEach(function (item) {
      var parts = item.split("-");
      if (parts[0] !== section.getAttribute("data-rating-article")) { return; }
      var done = document.createElement("p");
      done.className = "news-rating__done";
      done.textContent = "Bạn đã đánh giá bài viết này (" + parts[1] + " sao)";
      form.replaceWith(done);
    });
  });

  // A confirmation shown next to what the reader did: focused, so it is in view and read out.
  var confirmation = document.querySelector("[data-focus-on-load]");
  if (confirmation) { confirmation.focus(); }

  document.querySelectorAll("[data-counter-for]").forEach(function (counter) {
    var field = document.getElementById(counter.getAttribute("data-counter-for"));
    if (!field) { return; }
    var max = parseInt(field.getAttribute("maxlength"), 10) || 1000;
    var update = function () {
      var left = max - field.value.length;
      counter.textContent = "Còn lại " + left.toLocaleString("vi-VN") + " ký tự.";
      counter.classList.toggle("is-low", left < 50);
    };
    field.setAttribute("aria-describedby", counter.id);
    field.addEventListener("input", update);
    update();
  });

  // Comment captcha: the article page creates no challenge (a reader's GET writes nothing);
  // one is fetched from django-simple-captcha's refresh view when the reader starts a comment.
  function fetchChallenge(url) {
    return fetch(url, {
      headers: { "X-Requested-With": "XMLHttpRequest", "Accept": "application/json" },
      credentials: "same-origin",
      cache: "no-store"
    }).then(function (response) {
      if (!response.ok) { throw new Error("captcha " + response.status); }
      return response.json();
    });
  }

  function showChallenge(row, data) {
    row.querySelector("input[name=captcha_0]").value = data.key;
    row.querySelector("[data-captcha-image]").src = data.image_url;
    var answer = row.querySelector("input[name=captcha_1]");
    answer.value = "";
    return answer;
  }

  function wireRefresh(row, url) {
    var button = row.querySelector("[data-captcha-refresh]");
    if (!button) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      button.disabled = true;
      fetchChallenge(url).then(function (data) {
        showChallenge(row, data).focus();
      }).catch(function () {
        window.alert("Không tải được mã xác nhận mới. Vui lòng thử lại.");
      }).then(function () { button.disabled = false; });
    });
  }

  document.querySelectorAll("form[data-captcha-url]").forEach(function (form) {
    var url = form.getAttribute("data-captcha-url");
    var existing = form.querySelector("[data-captcha-row]");
    if (existing) { wireRefresh(existing, url); }  // re-shown by the server after a POST
    var slot = form.querySelector("[data-captcha-slot]");
    var template = form.querySelector("template[data-captcha-template]");
    if (!slot || !template) { return; }
    var state = "idle";
    var start = function () {
      if (state !== "idle") { return; }
      state = "loading";
      fetchChallenge(url).then(function (data) {
        var row = template.content.firstElementChild.cloneNode(true);
        showChallenge(row, data);
        slot.textContent = "";
        slot.appendChild(row);
        wireRefresh(row, url);
        state = "done";
      }).catch(function () {
        slot.innerHTML = "";
        var status = document.createElement("p");
        status.className = "news-captcha-slot__status";
        status.textContent = "Chưa tải được mã xác nhận; bạn sẽ được yêu cầu nhập mã sau khi gửi.";
        slot.appendChild(status);
        state = "idle";  // try again on the next focus
      });
    };
    form.addEventListener("focusin", start);
    form.addEventListener("input", start);
    // A reader who began writing before this script ran (a slow connection) gets it now.
    var fields = form.querySelectorAll("textarea, input[type=text], input[type=email]");
    var begun = Array.prototype.some.call(fields, function (field) { return field.value; });
    if (begun || form.contains(document.activeElement)) { start(); }
  });
})();
