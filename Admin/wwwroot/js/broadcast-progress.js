// A sending broadcast's figures without reloading the page: the page is fetched again in the background and
// only its figures are swapped, so a half-ticked form stays as it is. When the broadcast stops sending, the
// page is loaded once more for its new buttons. Without this script the "обновить" link does the same.
(function () {
    const live = document.getElementById('broadcast-live');
    if (!live || live.dataset.live !== 'true') {
        return;
    }

    const seconds = Math.max(1, Number(live.dataset.refreshSeconds) || 3);
    const timer = setInterval(async () => {
        try {
            const response = await fetch(location.href, { headers: { 'X-Requested-With': 'fetch' } });
            if (!response.ok) {
                return;
            }

            const next = new DOMParser().parseFromString(await response.text(), 'text/html').getElementById('broadcast-live');
            if (!next) {
                return;
            }

            live.innerHTML = next.innerHTML;
            if (next.dataset.live !== 'true') {
                clearInterval(timer);
                location.reload();
            }
        } catch {
            // A dropped request is retried on the next tick.
        }
    }, seconds * 1000);
})();
