// The compose page's recipient count follows the audience fields: 300 ms after the last change the page's count
// handler is asked (a request still under way is given up) and its sentence replaces the count in place. The
// "Посчитать получателей" button is hidden while this works and comes back when a count cannot be had, so without
// this script — or when it fails — the button counts on the server as before.
(function () {
    const audience = document.querySelector('fieldset[data-count-url]');
    const output = audience && audience.querySelector('output.recipient-count');
    if (!output) {
        return;
    }

    const url = audience.dataset.countUrl;
    const button = audience.querySelector('.count-button');
    const waitMs = 300;
    let timer = 0;
    let current = null;

    // The audience's own fields as the form would send them (an unticked box sends nothing); the name to save the
    // audience under is not a filter.
    function query() {
        const params = new URLSearchParams();
        for (const field of audience.elements) {
            if (!field.name || field.disabled || field.type === 'submit' || field.type === 'button' || field.hasAttribute('data-not-audience')) {
                continue;
            }

            if ((field.type === 'checkbox' || field.type === 'radio') && !field.checked) {
                continue;
            }

            params.append(field.name, field.value);
        }

        return params;
    }

    function show(text, problem) {
        output.textContent = text;
        output.classList.toggle('warn', problem);
    }

    async function count() {
        if (current) {
            current.abort();
        }

        const request = current = new AbortController();
        output.setAttribute('aria-busy', 'true');
        try {
            const response = await fetch(url + (url.includes('?') ? '&' : '?') + query(), {
                headers: { Accept: 'application/json' },
                signal: request.signal,
            });
            // Signed out or no longer allowed: the answer is a page, not a count.
            if (!(response.headers.get('Content-Type') || '').includes('json')) {
                throw new Error('No count in the answer: ' + response.status);
            }

            const answer = await response.json();
            if (request !== current) {
                return;
            }

            if (response.ok) {
                show(answer.text, false);
            } else {
                show(answer.error, true);
            }

            if (button) {
                button.hidden = true;
            }
        } catch {
            if (request.signal.aborted) {
                return;
            }

            show('Не удалось посчитать — нажмите «Посчитать получателей».', true);
            if (button) {
                button.hidden = false;
            }
        } finally {
            if (request === current) {
                output.removeAttribute('aria-busy');
                current = null;
            }
        }
    }

    function countSoon(event) {
        if (event.target.hasAttribute('data-not-audience')) {
            return;
        }

        clearTimeout(timer);
        timer = setTimeout(count, waitMs);
    }

    if (button) {
        button.hidden = true;
    }

    audience.addEventListener('input', countSoon);
    audience.addEventListener('change', countSoon);
    count();
})();
