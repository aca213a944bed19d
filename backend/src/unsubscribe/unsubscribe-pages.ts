/**
 * The pages a person sees after clicking an unsubscribe link. Self-contained HTML (no scripts, no
 * external resources); every value is escaped.
 */

/** Sent with every page: nothing loads from elsewhere, the form posts only here, the token in the URL never leaks as a referrer. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
});

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** "a***@example.com": enough for the owner to recognise, little for someone the email was forwarded to. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2933}
button{font:inherit;padding:.6rem 1.2rem;border:0;border-radius:4px;background:#1f6feb;color:#fff;cursor:pointer}</style>
</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

/** GET: asks, never acts (mail scanners follow links). The form posts the RFC 8058 body to the same URL. */
export function confirmationPage(email: string): string {
  return page(
    'Unsubscribe?',
    `<p>Stop emails like this one to <strong>${escapeHtml(maskEmail(email))}</strong>?</p>
<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`,
  );
}

export function unsubscribedPage(email: string): string {
  return page('You are unsubscribed', `<p><strong>${escapeHtml(maskEmail(email))}</strong> will not receive these emails any more.</p>`);
}

export function invalidLinkPage(reason: string): string {
  return page('This link does not work', `<p>${escapeHtml(reason)}</p><p>Nothing was changed.</p>`);
}

export function failurePage(): string {
  return page('Something went wrong', '<p>Nothing was changed. Please try again in a minute.</p>');
}
