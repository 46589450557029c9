// The bot preview without reloads: forms are posted in the background and the chats are refreshed when the
// server says one changed (server-sent events). Without this script every form still works by itself.
(function () {
    const root = document.getElementById('preview');
    if (!root) {
        return;
    }

    const guest = () => root.dataset.chat;
    let refreshing = null;
    let again = false;

    // One transcript fetch at a time; a change announced while one is in flight gets a fresh fetch after it,
    // so the last message is never lost to a fetch that started just before it arrived.
    async function refresh() {
        if (refreshing) {
            again = true;
            return refreshing;
        }

        refreshing = (async () => {
            do {
                again = false;
                const response = await fetch(`?handler=Transcript&chat=${encodeURIComponent(guest() || '')}`, { headers: { 'X-Preview-Script': '1' } });
                if (response.ok) {
                    root.innerHTML = await response.text();
                    root.querySelectorAll('.tg-messages').forEach(list => list.scrollTop = list.scrollHeight);
                }
            } while (again);
        })();
        try {
            await refreshing;
        } finally {
            refreshing = null;
        }
    }

    root.addEventListener('submit', async event => {
        const form = event.target;
        event.preventDefault();
        const buttons = form.querySelectorAll('button');
        buttons.forEach(b => b.disabled = true);
        try {
            await fetch(form.action, { method: 'POST', body: new FormData(form), headers: { 'X-Preview-Script': '1' } });
            const input = form.querySelector('input[name=text]:not([type=hidden])');
            if (input) {
                input.value = '';
            }

            await refresh();
        } finally {
            buttons.forEach(b => b.disabled = false);
        }
    });

    const events = new EventSource('/admin/bot/events');
    events.onmessage = event => {
        if (event.data === guest() || event.data === root.dataset.staff) {
            refresh();
        }
    };

    root.querySelectorAll('.tg-messages').forEach(list => list.scrollTop = list.scrollHeight);
})();
