// The order board without reloading: fetch the board partial every few seconds and merge it card by card,
// so a reason being typed, the focus and the scroll stay put. Actions post in the background.
(() => {
  'use strict';
  const board = document.getElementById('board');
  if (!board || !window.fetch) return;
  const pollUrl = board.dataset.poll;
  const seconds = Number(board.dataset.seconds) || 5;
  const state = document.getElementById('board-state');
  const news = document.getElementById('board-news');
  const sound = document.getElementById('board-sound');
  const baseTitle = document.title;
  let skew = 0; // server clock minus ours
  let unseen = 0;
  let busy = false;
  let audio = null;

  // Sound is off until a person turns it on: browsers only allow audio after a click anyway.
  if (sound) {
    sound.closest('label').hidden = false;
    sound.checked = localStorage.getItem('hl-board-sound') === '1';
    sound.addEventListener('change', () => {
      localStorage.setItem('hl-board-sound', sound.checked ? '1' : '0');
      if (sound.checked) beep();
    });
  }

  function beep() {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      if (audio.state === 'suspended') audio.resume();
      [0, 0.25].forEach((delay) => {
        const osc = audio.createOscillator();
        const gain = audio.createGain();
        const at = audio.currentTime + delay;
        osc.frequency.value = delay ? 1320 : 880;
        gain.gain.setValueAtTime(0.25, at);
        gain.gain.exponentialRampToValueAtTime(0.001, at + 0.22);
        osc.connect(gain).connect(audio.destination);
        osc.start(at);
        osc.stop(at + 0.25);
      });
    } catch (e) { /* no audio: the visual cue remains */ }
  }

  function alertsIn(root) {
    const keys = new Set();
    root.querySelectorAll('[data-alert]').forEach((el) => { if (el.dataset.alert) keys.add(el.dataset.key); });
    return keys;
  }

  let known = alertsIn(board);

  function readClock(root) {
    const live = root.querySelector('.board-live');
    if (live && live.dataset.now) skew = Date.parse(live.dataset.now) - Date.now();
  }

  function waiting(since) {
    const minutes = Math.floor((Date.now() + skew - Date.parse(since)) / 60000);
    if (minutes < 1) return 'только что';
    if (minutes < 60) return minutes + ' мин';
    return Math.floor(minutes / 60) + ' ч ' + String(minutes % 60).padStart(2, '0') + ' мин';
  }

  function tick() {
    board.querySelectorAll('[data-since]').forEach((el) => { el.textContent = waiting(el.dataset.since); });
  }

  // Typed text survives even when its card is redrawn (someone else moved the order meanwhile).
  function carryInputs(from, to) {
    from.querySelectorAll('input[name]:not([type=hidden]), textarea[name]').forEach((input) => {
      const form = input.form;
      const target = to.querySelector(`form[action="${form ? form.getAttribute('action') : ''}"] [name="${input.name}"]`)
        || to.querySelector(`[name="${input.name}"]:not([type=hidden])`);
      if (target && input.value) target.value = input.value;
    });
  }

  function merge(html) {
    const next = document.createElement('div');
    next.innerHTML = html;
    readClock(next);
    const live = board.querySelector('.board-live');
    const fresh = next.querySelector('.board-live');
    if (!live || !fresh) return;
    live.dataset.now = fresh.dataset.now;

    live.querySelectorAll('[data-flash]').forEach((el) => el.remove());
    const flash = fresh.querySelector('[data-flash]');
    if (flash) live.prepend(flash);

    // Cards are matched by key across all lists, so a card that moved column keeps what was typed in it.
    const incoming = [];
    const liveByKey = new Map();
    live.querySelectorAll('[data-list] > [data-key]').forEach((node) => liveByKey.set(node.dataset.key, node));
    const kept = new Set();
    fresh.querySelectorAll('[data-list]').forEach((list) => {
      const target = live.querySelector(`[data-list="${list.dataset.list}"]`);
      if (!target) return;
      [...list.children].forEach((item, index) => {
        let node = liveByKey.get(item.dataset.key);
        if (!node || node.dataset.ver !== item.dataset.ver) {
          if (node) carryInputs(node, item);
          if (item.dataset.alert && !known.has(item.dataset.key)) {
            item.classList.add('fresh');
            incoming.push(item.dataset.alert);
          }
          node = item;
        }
        kept.add(node);
        const at = target.children[index];
        if (at !== node) target.insertBefore(node, at || null);
      });
    });
    liveByKey.forEach((node) => { if (!kept.has(node)) node.remove(); });
    live.querySelectorAll('[data-list] > [data-key]').forEach((node) => { if (!kept.has(node)) node.remove(); });
    fresh.querySelectorAll('[data-text]').forEach((el) => {
      const target = live.querySelector(`[data-text="${el.dataset.text}"]`);
      if (target) target.textContent = el.textContent;
    });
    known = new Set([...known, ...alertsIn(fresh)]);
    if (incoming.length) announce(incoming);
    tick();
  }

  function announce(items) {
    unseen += items.length;
    document.title = `(${unseen}) ${baseTitle}`;
    if (news) {
      news.textContent = '🔔 ' + items.join(' · ');
      news.hidden = false;
    }
    if (sound && sound.checked) beep();
  }

  function seen() {
    unseen = 0;
    document.title = baseTitle;
    if (news) news.hidden = true;
    board.querySelectorAll('.fresh').forEach((el) => el.classList.remove('fresh'));
  }

  if (news) news.addEventListener('click', seen);
  board.addEventListener('click', (e) => { if (e.target.closest('.fresh')) e.target.closest('.fresh').classList.remove('fresh'); });
  document.addEventListener('visibilitychange', () => { if (!document.hidden) refresh(); });

  async function refresh() {
    if (busy) return;
    busy = true;
    try {
      const response = await fetch(pollUrl, { headers: { 'X-Board': '1' }, credentials: 'same-origin', cache: 'no-store' });
      if (response.redirected || !response.ok) throw new Error(String(response.status));
      merge(await response.text());
      board.dataset.updated = String(Date.now());
      if (state) state.textContent = 'обновлено ' + new Date().toLocaleTimeString('ru-RU', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    } catch (e) {
      if (state) state.textContent = 'нет связи с сервером — пробуем снова';
    } finally {
      busy = false;
    }
  }

  board.addEventListener('submit', async (e) => {
    const form = e.target;
    if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== 'post') return;
    e.preventDefault();
    const buttons = form.querySelectorAll('button');
    buttons.forEach((b) => { b.disabled = true; });
    try {
      const response = await fetch(form.getAttribute('action') || location.href, { method: 'POST', body: new FormData(form), headers: { 'X-Board': '1' }, credentials: 'same-origin' });
      if (response.redirected || !response.ok) throw new Error(String(response.status));
      merge(await response.text());
    } catch (err) {
      form.submit(); // fall back to the plain post
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
    }
  });

  const refreshLink = document.getElementById('board-refresh');
  if (refreshLink) refreshLink.addEventListener('click', (e) => { e.preventDefault(); seen(); refresh(); });

  readClock(board);
  setInterval(refresh, seconds * 1000);
  setInterval(tick, 20000);
})();
