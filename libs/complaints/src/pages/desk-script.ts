/**
 * Progressive enhancement for the complaint form: validates in the browser with the same rules as
 * the server, submits as JSON without a page load, and shows the server's own messages. Without
 * JavaScript the form posts normally and the server renders the same messages.
 */
export const DESK_SCRIPT = `(() => {
  const form = document.getElementById('complaint-form');
  if (!form) return;
  const messages = JSON.parse(form.dataset.messages || '{}');
  const summary = document.getElementById('form-errors');
  const rules = {
    platformUserId: (v) => /^[1-9][0-9]{4,11}$/.test(v),
    contact: (v) => /^[^\\s@]{1,64}@[^\\s@]{1,189}\\.[^\\s@]{2,}$/.test(v) || /^(?:\\+?86[- ]?)?1[3-9][0-9]{9}$/.test(v),
    description: (v) => v.trim().length > 0 && v.length <= 5000,
    title: (v) => v.length <= 200,
  };
  const show = (errors, general) => {
    for (const el of form.querySelectorAll('[data-error-for]')) {
      const name = el.dataset.errorFor;
      const input = form.elements[name];
      el.textContent = errors[name] || '';
      el.hidden = !errors[name];
      if (input) {
        if (errors[name]) { input.setAttribute('aria-invalid', 'true'); input.setAttribute('aria-describedby', name + '-error'); }
        else { input.removeAttribute('aria-invalid'); input.removeAttribute('aria-describedby'); }
      }
    }
    const lines = [general, ...Object.values(errors)].filter(Boolean);
    summary.hidden = lines.length === 0;
    summary.replaceChildren(...lines.map((line) => { const p = document.createElement('p'); p.textContent = line; return p; }));
    const first = Object.keys(errors)[0];
    if (first && form.elements[first]) form.elements[first].focus();
    else if (lines.length) summary.focus();
  };
  summary.tabIndex = -1;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    const errors = {};
    for (const [name, ok] of Object.entries(rules)) if (!ok(String(data[name] || ''))) errors[name] = messages[name];
    if (!data.title) delete errors.title;
    if (Object.keys(errors).length) return show(errors);
    const body = {};
    for (const name of ['platformUserId', 'contact', 'title', 'description', 'category', 'locale', 'website']) if (data[name]) body[name] = data[name];
    const button = form.querySelector('button[type=submit]');
    const label = button.textContent;
    button.disabled = true;
    button.textContent = form.dataset.submitting;
    try {
      const response = await fetch('/api/v1/public/complaints', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'form:' + data.formKey },
        body: JSON.stringify(body),
      });
      const result = await response.json();
      if (response.status === 201) {
        const panel = document.getElementById('received-template').content.cloneNode(true);
        panel.getElementById('tracking-code').textContent = result.trackingCode;
        panel.getElementById('tracking-token').textContent = result.trackingToken || '';
        const link = panel.getElementById('track-link');
        link.href = '/track?lang=' + form.dataset.locale + '&code=' + encodeURIComponent(result.trackingCode);
        document.querySelector('main').replaceChildren(panel);
        document.getElementById('received').querySelector('h1').focus();
        return;
      }
      show({}, result.message || 'Error ' + response.status);
    } catch (error) {
      show({}, String(error));
    } finally {
      button.disabled = false;
      button.textContent = label;
    }
  });
})();
`;
