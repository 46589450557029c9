// Bookings timeline: drag a booking onto a free slot to move it (fills and posts the row's plain "Перенести"
// form, the same one that works without script), and a "now" line that keeps moving.
(() => {
  'use strict';
  const table = document.querySelector('table.timeline');
  if (!table) return;
  const wrap = table.closest('.timeline-wrap');
  const slotMinutes = Number(table.dataset.slotMinutes) || 30;

  // The "now" line: placed over the header cell of the current slot, at the minute within it.
  const line = document.createElement('div');
  line.className = 'now-line';
  line.setAttribute('aria-hidden', 'true');
  line.appendChild(document.createElement('span'));
  let position = table.dataset.now === '' ? null : Number(table.dataset.now);
  const startedAt = Date.now();

  function drawNow() {
    if (position === null || !wrap) { line.remove(); return; }
    const now = position + (Date.now() - startedAt) / 60000 / slotMinutes;
    const headers = table.tHead.rows[0].cells;
    const cell = headers[1 + Math.floor(now)];
    if (!cell) { line.remove(); return; }
    line.style.left = (cell.offsetLeft + cell.offsetWidth * (now - Math.floor(now))) + 'px';
    line.style.height = table.offsetHeight + 'px';
    const d = new Date();
    line.firstChild.textContent = String(d.getHours()).padStart(2, '0') + ':' + String(d.getMinutes()).padStart(2, '0');
    if (!line.isConnected) wrap.appendChild(line);
  }

  drawNow();
  setInterval(drawNow, 30000);
  window.addEventListener('resize', drawNow);
  if (position !== null && wrap) {
    // Start the day's view near now rather than at opening time.
    const cell = table.tHead.rows[0].cells[1 + Math.floor(position)];
    if (cell) wrap.scrollLeft = Math.max(0, cell.offsetLeft - wrap.clientWidth / 3);
  }

  // Dragging: a booking block onto an empty slot.
  let dragged = null;
  table.addEventListener('dragstart', (e) => {
    const block = e.target.closest && e.target.closest('.booking-block[draggable=true]');
    if (!block) return;
    dragged = block.dataset.id;
    e.dataTransfer.effectAllowed = 'move';
    e.dataTransfer.setData('text/plain', dragged);
  });
  table.addEventListener('dragend', () => { dragged = null; clear(); });

  function clear() { table.querySelectorAll('td.drop').forEach((td) => td.classList.remove('drop')); }

  table.addEventListener('dragover', (e) => {
    const td = e.target.closest && e.target.closest('td.slot[data-time]');
    if (!dragged || !td) return;
    e.preventDefault();
    clear();
    td.classList.add('drop');
  });

  table.addEventListener('drop', (e) => {
    const td = e.target.closest && e.target.closest('td.slot[data-time]');
    const id = dragged || e.dataTransfer.getData('text/plain');
    if (!td || !id) return;
    e.preventDefault();
    const form = document.querySelector(`form[data-move="${id}"]`);
    if (!form) return;
    form.querySelector('[name=time]').value = td.dataset.time;
    form.querySelector('[name=tableId]').value = td.dataset.table;
    clear();
    form.requestSubmit ? form.requestSubmit() : form.submit();
  });
})();
