import type { CaughtMessage } from './caught-message';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and quoted attributes. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

function renderMessage(message: CaughtMessage): string {
  const recipients = [...message.to, ...message.cc].join(', ') || message.envelopeTo.join(', ');
  // An HTML body is shown in a sandboxed iframe (no scripts, no same-origin), never inline.
  const htmlBody = message.html
    ? `<iframe sandbox="" title="HTML body" srcdoc="${escapeHtml(message.html)}"></iframe>`
    : '';
  const textBody = message.text ? `<pre>${escapeHtml(message.text)}</pre>` : '';
  return `<article>
  <h2>${escapeHtml(message.subject || '(no subject)')}</h2>
  <dl>
    <dt>From</dt><dd>${escapeHtml(message.from)}</dd>
    <dt>To</dt><dd>${escapeHtml(recipients)}</dd>
    <dt>Received</dt><dd><time datetime="${escapeHtml(message.receivedAt)}">${escapeHtml(message.receivedAt)}</time></dd>
    <dt>Message-ID</dt><dd><code>${escapeHtml(message.messageId ?? '')}</code></dd>
  </dl>
  ${textBody}
  ${htmlBody}
</article>`;
}

/** The mailbox page: newest message first, everything escaped. */
export function renderMailboxPage(messages: CaughtMessage[]): string {
  const items = [...messages].reverse().map(renderMessage).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="5">
<title>Tripline mailbox (${messages.length})</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #1f2933; }
  article { border: 1px solid #d9e2ec; border-radius: 6px; padding: 1rem 1.25rem; margin-bottom: 1rem; }
  h2 { margin: 0 0 .5rem; font-size: 1.1rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0 0 .75rem; }
  dt { color: #627d98; }
  dd { margin: 0; }
  pre { white-space: pre-wrap; background: #f5f7fa; padding: .75rem; border-radius: 4px; }
  iframe { width: 100%; min-height: 12rem; border: 1px solid #d9e2ec; border-radius: 4px; }
</style>
</head>
<body>
<h1>Tripline mailbox</h1>
<p>${messages.length} message(s). The page refreshes every 5 seconds. API: <code>GET /api/messages</code>, <code>DELETE /api/messages</code>.</p>
${items || '<p>No messages yet.</p>'}
</body>
</html>
`;
}
