// Drag-to-reorder for the menu editor: an enhancement over the ↑/↓ buttons, which keep working without JavaScript.
// A list marked data-reorder="<list>" posts its new order (ids=3,1,2) to data-handler after each drop.
(function () {
  "use strict";

  function token() {
    var input = document.querySelector("input[name='__RequestVerificationToken']");
    return input ? input.value : "";
  }

  function showProblem(text) {
    var status = document.querySelector(".me-status");
    if (status) {
      status.textContent = text;
      status.hidden = false;
    }
  }

  function enable(list) {
    var dragged = null;
    var rows = function () { return Array.prototype.filter.call(list.children, function (el) { return el.hasAttribute("data-id"); }); };
    var before = "";
    list.classList.add("me-draggable");
    rows().forEach(function (row) {
      row.draggable = true;
      row.addEventListener("dragstart", function (e) {
        e.stopPropagation(); // an item inside a draggable section moves alone
        dragged = row;
        before = rows().map(function (r) { return r.dataset.id; }).join(",");
        row.classList.add("me-dragging");
        e.dataTransfer.effectAllowed = "move";
        e.dataTransfer.setData("text/plain", row.dataset.id);
      });
      row.addEventListener("dragend", function (e) {
        e.stopPropagation();
        if (dragged !== row) {
          return;
        }
        row.classList.remove("me-dragging");
        var after = rows().map(function (r) { return r.dataset.id; }).join(",");
        dragged = null;
        if (after !== before) {
          save(list, after);
        }
      });
      row.addEventListener("dragover", function (e) {
        if (!dragged || dragged.parentNode !== list) {
          return;
        }
        e.preventDefault();
        e.stopPropagation();
        if (dragged === row) {
          return;
        }
        var box = row.getBoundingClientRect();
        var after = (e.clientY - box.top) > box.height / 2;
        list.insertBefore(dragged, after ? row.nextSibling : row);
      });
    });
  }

  function save(list, ids) {
    var body = new URLSearchParams();
    body.set("list", list.dataset.reorder);
    body.set("ids", ids);
    body.set("__RequestVerificationToken", token());
    fetch(list.dataset.handler, {
      method: "POST",
      headers: { "X-Requested-With": "fetch", "Content-Type": "application/x-www-form-urlencoded" },
      body: body,
      credentials: "same-origin"
    }).then(function (response) {
      if (!response.ok) {
        return response.text().then(function (text) {
          showProblem(text || "Порядок не сохранён. Обновите страницу.");
        });
      }
    }).catch(function () {
      showProblem("Нет связи: порядок не сохранён. Обновите страницу.");
    });
  }

  document.querySelectorAll("[data-reorder][data-handler]").forEach(enable);
})();
