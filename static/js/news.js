// News pages: print button, copy link, remaining characters of a comment. No third party.
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
})();
