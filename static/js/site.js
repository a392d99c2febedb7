// The page frame: Esc closes the phone menu, the document filters fold on phones, and a
// download button replaces an inline PDF preview the browser cannot show. No third party.
(function () {
  "use strict";

  var toggle = document.getElementById("nav-toggle");
  if (toggle) {
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !toggle.checked) return;
      toggle.checked = false;
      toggle.focus();
    });
  }

  // Wide screens: the menu keeps one row; what does not fit goes under "Thêm".
  var list = document.querySelector(".main-nav__list");
  var more = list && list.querySelector(".main-nav__more");
  var moreList = more && more.querySelector(".main-nav__more-list");
  var moreButton = more && more.querySelector("button");
  var wideQuery = window.matchMedia("(min-width: 601px)");

  function closeMore() {
    if (!moreList || moreList.hidden) return;
    moreList.hidden = true;
    moreButton.setAttribute("aria-expanded", "false");
  }

  function fitMenu() {
    if (!more) return;
    closeMore();
    while (moreList.firstElementChild) list.insertBefore(moreList.firstElementChild, more);
    more.hidden = true;
    var first = list.firstElementChild;
    var wraps = function (item) { return item.offsetTop > first.offsetTop; };
    if (!wideQuery.matches || !wraps(more.previousElementSibling)) return;
    more.hidden = false;
    while (wraps(more) && more.previousElementSibling !== first) {
      moreList.insertBefore(more.previousElementSibling, moreList.firstElementChild);
    }
  }

  if (more) {
    moreButton.addEventListener("click", function () {
      var open = moreList.hidden;
      moreList.hidden = !open;
      moreButton.setAttribute("aria-expanded", open ? "true" : "false");
    });
    document.addEventListener("click", function (event) {
      if (!more.contains(event.target)) closeMore();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !moreList.hidden) { closeMore(); moreButton.focus(); }
    });
    var pending = false;
    window.addEventListener("resize", function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () { pending = false; fitMenu(); });
    });
    fitMenu();
    // Web fonts change the widths once they arrive.
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(fitMenu);
  }

  var wide = wideQuery.matches;
  document.querySelectorAll("details[data-open-wide]").forEach(function (details) {
    var used = Array.prototype.some.call(details.querySelectorAll("input, select"), function (field) {
      return field.value !== "";
    });
    if (wide || used) details.open = true;
  });

  // Android Chrome and others without a PDF viewer show an empty frame.
  if (navigator.pdfViewerEnabled === false) {
    document.querySelectorAll("iframe[data-pdf-preview]").forEach(function (frame) {
      var section = frame.parentNode;
      var fallback = section.querySelector("[data-pdf-fallback]");
      var help = section.querySelector("[data-pdf-preview-help]");
      if (!fallback) return;
      frame.remove();
      if (help) help.remove();
      fallback.hidden = false;
    });
  }
})();
