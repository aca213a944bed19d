import type { EmailOutreachHooks } from '@tripline/connector-sdk';

/** The one value RFC 8058 allows in List-Unsubscribe-Post. */
export const ONE_CLICK = 'List-Unsubscribe=One-Click';

/**
 * nodemailer options for RFC 2369 `List-Unsubscribe` (the URL first, then the mailto when given)
 * and RFC 8058 `List-Unsubscribe-Post`: mail clients show an "Unsubscribe" button that POSTs to the
 * URL. RFC 8058 needs an https URL (TRIPLINE_PUBLIC_URL in production); receivers ignore the POST
 * header next to a plain-http one, so a local setup is still correct, just not one-click.
 */
export function listUnsubscribeHeaders(unsubscribe: EmailOutreachHooks['unsubscribe']): Record<string, string | PreparedHeader> {
  const url = new URL(unsubscribe.url);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`The unsubscribe URL must be http(s), got ${url.protocol}`);
  }
  const links = [url.href];
  if (unsubscribe.mailto) {
    const mailto = new URL(unsubscribe.mailto);
    if (mailto.protocol !== 'mailto:') throw new Error(`The unsubscribe mailto must be a mailto: URL, got ${mailto.protocol}`);
    links.push(mailto.href);
  }
  return {
    // One header with every link (nodemailer's `list` option would write one header per link). The
    // links are ASCII (URL-encoded) and hold no spaces, so folding only ever breaks after a comma.
    'List-Unsubscribe': { prepared: true, foldLines: true, value: links.map((link) => `<${link}>`).join(', ') },
    'List-Unsubscribe-Post': ONE_CLICK,
  };
}

/** A header nodemailer writes as given (folded at spaces only), without encoding it. */
interface PreparedHeader {
  prepared: true;
  foldLines: true;
  value: string;
}
