// Photo albums and videos: a keyboard-usable lightbox and click-to-load YouTube. No third party.
(function () {
  "use strict";

  var dialog = document.querySelector("[data-lightbox]");
  var links = Array.prototype.slice.call(document.querySelectorAll("[data-gallery-item]"));
  if (dialog && links.length && typeof dialog.showModal === "function") {
    var image = dialog.querySelector("[data-lightbox-image]");
    var caption = dialog.querySelector("[data-lightbox-caption]");
    var counter = dialog.querySelector("[data-lightbox-counter]");
    var current = 0;
    var opener = null;

    var show = function (index) {
      current = (index + links.length) % links.length;
      var link = links[current];
      var thumb = link.querySelector("img");
      image.src = link.getAttribute("href");
      image.width = Number(link.getAttribute("data-width")) || 0;
      image.height = Number(link.getAttribute("data-height")) || 0;
      image.alt = thumb ? thumb.alt : "";
      caption.textContent = link.getAttribute("data-caption") || "";
      counter.textContent = "Ảnh " + (current + 1) + "/" + links.length;
    };

    links.forEach(function (link, index) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        opener = link;
        show(index);
        dialog.showModal();
        dialog.querySelector("[data-lightbox-next]").focus();
      });
    });
    dialog.querySelector("[data-lightbox-prev]").addEventListener("click", function () { show(current - 1); });
    dialog.querySelector("[data-lightbox-next]").addEventListener("click", function () { show(current + 1); });
    dialog.querySelector("[data-lightbox-close]").addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "ArrowLeft") { show(current - 1); event.preventDefault(); }
      if (event.key === "ArrowRight") { show(current + 1); event.preventDefault(); }
      if (event.key === "Home") { show(0); event.preventDefault(); }
      if (event.key === "End") { show(links.length - 1); event.preventDefault(); }
    });
    // A click on the dark backdrop (outside the picture and buttons) closes.
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) { dialog.close(); }
    });
    dialog.addEventListener("close", function () {
      image.removeAttribute("src");
      if (opener) { opener.focus(); }
    });
  }

  // YouTube: nothing is requested from YouTube until the reader asks to play.
  document.querySelectorAll("[data-youtube]").forEach(function (box) {
    var button = box.querySelector("[data-youtube-play]");
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = box.getAttribute("data-youtube");
      frame.title = document.title;
      frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      frame.allowFullscreen = true;
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      box.textContent = "";
      box.appendChild(frame);
      frame.focus();
    });
  });
})();
