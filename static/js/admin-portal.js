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
