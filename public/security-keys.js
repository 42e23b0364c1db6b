// The WebAuthn ceremony of the forms marked data-webauthn ("register" or "authenticate"): fetch the
// options, let the browser talk to the key, put its answer in the form, then post the form as usual
// (with its CSRF token). Pages show these forms only once this script has found WebAuthn.
import { browserSupportsWebAuthn, startAuthentication, startRegistration } from './webauthn/index.js';

const forms = document.querySelectorAll('form[data-webauthn]');

if (browserSupportsWebAuthn()) {
  for (const form of forms) {
    form.hidden = false;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void ceremony(form);
    });
  }
} else {
  for (const note of document.querySelectorAll('[data-webauthn-unsupported]')) note.hidden = false;
}

async function ceremony(form) {
  const button = form.querySelector('button[type=submit]');
  const failed = form.querySelector('[data-webauthn-failed]');
  button.disabled = true;
  failed.hidden = true;
  try {
    const response = await fetch(form.dataset.optionsUrl, { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`options answered ${response.status}`);
    const optionsJSON = await response.json();
    const answer =
      form.dataset.webauthn === 'register' ? await startRegistration({ optionsJSON }) : await startAuthentication({ optionsJSON });
    form.elements.namedItem('credential').value = JSON.stringify(answer);
    // submit() skips the submit event, so this handler does not run again.
    form.submit();
  } catch {
    // Cancelled, timed out, a key already added, or no key that fits: the person can try again.
    failed.hidden = false;
    button.disabled = false;
    button.focus();
  }
}
