// The article form: who else has it open (heartbeat).
(function () {
  "use strict";
  var notice = document.querySelector(".editing-notice[data-presence-url]");
  if (!notice) return;
  var names = notice.querySelector(".editing-notice-names");
  function beat() {
    // Passive: the heartbeat alone must not keep an abandoned form's session alive.
    fetch(notice.dataset.presenceUrl, {
      credentials: "same-origin",
      headers: { "X-Idle-Passive": "1" }
    })
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

// Autosave of the form's text in this browser, a restore offer, and a warning before
// leaving with unsaved changes.
(function () {
  "use strict";
  var form = document.getElementById("article_form");
  if (!form) return;
  var KEY = "portal-autosave:" + location.pathname;
  var SKIP = { csrfmiddlewaretoken: true, _workflow: true };
  var dirty = false;
  var submitting = false;
  var timer = null;

  function editor() {
    return window.editors && window.editors.id_body;
  }

  function fields() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && !SKIP[el.name] && el.type !== "file" && el.type !== "hidden" &&
        el.type !== "submit" && el.type !== "button" && el.name !== "body";
    });
  }

  function snapshot() {
    var values = {};
    fields().forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.type === "checkbox") values[el.name] = el.checked;
        else if (el.checked) values[el.name] = el.value;
      } else if (el.multiple) {
        values[el.name] = Array.prototype.map.call(el.selectedOptions, function (o) { return o.value; });
      } else {
        values[el.name] = el.value;
      }
    });
    var ed = editor();
    var body = ed ? ed.getData() : (form.elements.body ? form.elements.body.value : "");
    return { values: values, body: body };
  }

  var initial = null;

  function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  function save() {
    var current = snapshot();
    dirty = !same(current, initial);
    if (!dirty) return;
    try {
      localStorage.setItem(KEY, JSON.stringify({ savedAt: Date.now(), data: current }));
    } catch (e) {
      // Storage full or refused: the leave warning still protects the text.
    }
  }

  function later() {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(save, 800);
  }

  function restore(data) {
    fields().forEach(function (el) {
      if (!(el.name in data.values)) return;
      var value = data.values[el.name];
      if (el.type === "checkbox") el.checked = !!value;
      else if (el.type === "radio") el.checked = el.value === value;
      else if (el.multiple) {
        Array.prototype.forEach.call(el.options, function (o) { o.selected = value.indexOf(o.value) >= 0; });
      } else el.value = value;
    });
    var ed = editor();
    if (ed) ed.setData(data.body);
    else if (form.elements.body) form.elements.body.value = data.body;
    dirty = true;
  }

  function offer(saved) {
    var notice = document.createElement("div");
    notice.className = "autosave-notice";
    notice.setAttribute("role", "alert");
    var when = new Date(saved.savedAt);
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    var text = document.createElement("span");
    text.textContent = "Có bản lưu tạm trên máy này lúc " + pad(when.getHours()) + ":" +
      pad(when.getMinutes()) + " " + pad(when.getDate()) + "/" + pad(when.getMonth() + 1) +
      "/" + when.getFullYear() + " chưa được lưu vào hệ thống.";
    var yes = document.createElement("button");
    yes.type = "button";
    yes.className = "button";
    yes.textContent = "Khôi phục bản lưu tạm";
    var no = document.createElement("button");
    no.type = "button";
    no.className = "button";
    no.textContent = "Bỏ bản lưu tạm";
    yes.addEventListener("click", function () {
      restore(saved.data);
      notice.remove();
    });
    no.addEventListener("click", function () {
      localStorage.removeItem(KEY);
      notice.remove();
    });
    notice.append(text, yes, no);
    form.insertBefore(notice, form.firstChild);
  }

  function start() {
    initial = snapshot();
    var saved = null;
    try {
      saved = JSON.parse(localStorage.getItem(KEY) || "null");
    } catch (e) {
      saved = null;
    }
    if (saved && saved.data && !same(saved.data, initial)) offer(saved);
    form.addEventListener("input", later);
    form.addEventListener("change", later);
    var ed = editor();
    if (ed) ed.model.document.on("change:data", later);
  }

  form.addEventListener("submit", function () {
    submitting = true;
    try {
      localStorage.removeItem(KEY);
    } catch (e) {}
  });

  window.addEventListener("beforeunload", function (event) {
    if (submitting) return;
    save();
    if (!dirty) return;
    event.preventDefault();
    event.returnValue = "";
  });

  // CKEditor is created asynchronously: wait for it (at most a few seconds).
  var tries = 0;
  (function wait() {
    if (editor() || !form.elements.body || tries > 50) return start();
    tries += 1;
    setTimeout(wait, 100);
  })();
})();

// The media library chooser: find an image, give it a description once, insert it.
(function () {
  "use strict";
  var slot = document.querySelector(".media-chooser-slot");
  var bodyRow = document.querySelector(".field-body");
  if (!slot) return;
  if (bodyRow) bodyRow.appendChild(slot);
  var panel = slot.querySelector(".media-chooser");
  var opener = slot.querySelector(".media-chooser-open");
  var search = slot.querySelector("#media-chooser-q");
  var list = slot.querySelector(".media-chooser-list");
  var empty = slot.querySelector(".media-chooser-empty");
  var chosenBox = slot.querySelector(".media-chooser-chosen");
  var altInput = slot.querySelector("#media-chooser-alt");
  var insertButton = slot.querySelector(".media-chooser-insert");
  var error = slot.querySelector(".media-chooser-error");
  var chosen = null;
  var timer = null;

  function csrf() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function load() {
    var url = slot.dataset.listUrl + "?q=" + encodeURIComponent(search.value);
    fetch(url, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        list.textContent = "";
        empty.hidden = data.images.length > 0;
        data.images.forEach(function (image) {
          var item = document.createElement("li");
          var button = document.createElement("button");
          button.type = "button";
          button.className = "media-item";
          button.dataset.id = image.id;
          var img = document.createElement("img");
          img.src = image.thumb;
          img.alt = "";
          var label = document.createElement("span");
          label.textContent = image.alt || "(chưa có mô tả)";
          button.append(img, label);
          button.addEventListener("click", function () {
            chosen = image;
            chosenBox.hidden = false;
            error.hidden = true;
            altInput.value = image.alt;
            altInput.focus();
          });
          item.appendChild(button);
          list.appendChild(item);
        });
      });
  }

  function escapeAttr(text) {
    return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  }

  function insert(image, alt) {
    var editor = window.editors && window.editors.id_body;
    if (!editor) return;
    var html = '<figure class="image"><img src="' + escapeAttr(image.url) + '" alt="' +
      escapeAttr(alt) + '"></figure>';
    var content = editor.data.toModel(editor.data.processor.toView(html));
    editor.model.change(function (writer) {
      // A selected image would be replaced: insert after it instead.
      var selected = editor.model.document.selection.getSelectedElement();
      if (selected) writer.setSelection(selected, "after");
      editor.model.insertContent(content);
    });
    editor.editing.view.focus();
  }

  opener.addEventListener("click", function () {
    panel.hidden = !panel.hidden;
    opener.setAttribute("aria-expanded", String(!panel.hidden));
    if (!panel.hidden) {
      load();
      search.focus();
    }
  });
  search.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(load, 250);
  });
  insertButton.addEventListener("click", function () {
    if (!chosen) return;
    var alt = altInput.value.trim();
    if (!alt) {
      error.textContent = "Hãy nhập mô tả ảnh trước khi chèn.";
      error.hidden = false;
      altInput.focus();
      return;
    }
    var image = chosen;
    var done = function () {
      insert(image, alt);
      image.alt = alt;
      chosenBox.hidden = true;
      panel.hidden = true;
      opener.setAttribute("aria-expanded", "false");
    };
    if (alt === image.alt) return done();
    var body = new URLSearchParams({ alt_text: alt });
    fetch(slot.dataset.describeUrl.replace("/0/", "/" + image.id + "/"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf() },
      body: body,
    }).then(function (r) {
      if (!r.ok) throw new Error("describe");
      done();
    }).catch(function () {
      error.textContent = "Chưa lưu được mô tả ảnh vào thư viện. Ảnh vẫn được chèn với mô tả này.";
      error.hidden = false;
      insert(image, alt);
    });
  });
})();
