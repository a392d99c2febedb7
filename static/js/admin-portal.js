// The navigation sidebar starts collapsed (the list needs the width at 1280 px); the
// editor's own choice, once made with the toggle, is kept by Django's nav_sidebar.js.
(function () {
  "use strict";
  try {
    if (localStorage.getItem("django.admin.navSidebarIsOpen") === null) {
      localStorage.setItem("django.admin.navSidebarIsOpen", "false");
    }
  } catch (e) {
    // Storage refused (private mode): Django's default applies.
  }
})();

// Vietnamese-aware slugs as the editor types ("Chỉ thị 11/2026" -> "chi-thi-11-2026"), the
// same as portal.text.slugify_vi on the server. Django's URLify drops Vietnamese letters;
// prepopulate.js looks URLify up on each keystroke, so replacing it here is enough.
(function () {
  "use strict";
  function vnSlug(text, maxLength) {
    var slug = String(text)
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9_\s-]/g, " ")
      .trim()
      .replace(/[-\s]+/g, "-")
      .replace(/^[-_]+|[-_]+$/g, "");
    if (maxLength && slug.length > maxLength) slug = slug.slice(0, maxLength).replace(/-+$/, "");
    return slug;
  }
  window.vnSlug = vnSlug;
  document.addEventListener("DOMContentLoaded", function () {
    window.URLify = function (text, maxLength) {
      return vnSlug(text, maxLength);
    };
  });
})();
