import { SIGNATURE_MAX_AGE_MS, signatureV3, signedUri, verifySignatureV3 } from './webhook-signature';

// The v3 test vector of HubSpot's own Python SDK (tests/spec/utils/test_signature.py).
const VECTOR = {
  secret: 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy',
  method: 'POST',
  url: 'https://www.example.com/webhook_uri',
  rawBody: Buffer.from("{'example_field':'example_value'}", 'utf8'),
  timestamp: '1693657560000',
  signature: 'K36dawei4A+QBNolUOqo7s91KQDWQ5MXZ/QufNYuk/Y=',
};
const now = Number(VECTOR.timestamp) + 1000;

function verify(overrides: Partial<Parameters<typeof verifySignatureV3>[0]> = {}) {
  return verifySignatureV3({ ...VECTOR, now, ...overrides });
}

describe('HubSpot webhook signature v3', () => {
  it("reproduces HubSpot's published signature and accepts it", () => {
    expect(signatureV3(VECTOR)).toBe(VECTOR.signature);
    expect(verify()).toEqual({ ok: true });
  });

  it('refuses a body with one byte changed', () => {
    const tampered = Buffer.from(VECTOR.rawBody);
    tampered[3] = tampered[3]! ^ 0x01;
    expect(verify({ rawBody: tampered })).toEqual({ ok: false, status: 401, message: 'X-HubSpot-Signature-v3 does not match the request' });
  });

  it('refuses a signature made with another secret, and another method or URL', () => {
    expect(verify({ secret: 'zzzzzzzz-yyyy-yyyy-yyyy-yyyyyyyyyyyy' })).toMatchObject({ ok: false, status: 401 });
    expect(verify({ method: 'PUT' })).toMatchObject({ ok: false });
    expect(verify({ url: 'http://www.example.com/webhook_uri' })).toMatchObject({ ok: false });
  });

  it('refuses a timestamp older than 5 minutes, even with a valid signature for it', () => {
    expect(verify({ now: Number(VECTOR.timestamp) + SIGNATURE_MAX_AGE_MS })).toEqual({ ok: true });
    expect(verify({ now: Number(VECTOR.timestamp) + SIGNATURE_MAX_AGE_MS + 1 })).toEqual({
      ok: false,
      status: 401,
      message: 'The request is 300 s old (HubSpot signatures are valid for 5 minutes)',
    });
    // The timestamp is signed: moving it to "now" breaks the signature.
    expect(verify({ timestamp: String(now) })).toMatchObject({ ok: false, message: 'X-HubSpot-Signature-v3 does not match the request' });
  });

  it('refuses a timestamp far in the future, missing headers and a missing secret', () => {
    expect(verify({ now: Number(VECTOR.timestamp) - SIGNATURE_MAX_AGE_MS - 1 })).toMatchObject({ ok: false, message: expect.stringContaining('future') });
    expect(verify({ signature: undefined })).toMatchObject({ ok: false, message: 'Missing X-HubSpot-Signature-v3 header' });
    expect(verify({ timestamp: undefined })).toMatchObject({ ok: false, message: 'Missing X-HubSpot-Request-Timestamp header' });
    expect(verify({ timestamp: 'abc' })).toMatchObject({ ok: false, message: 'X-HubSpot-Request-Timestamp is not epoch milliseconds' });
    expect(verify({ secret: undefined })).toMatchObject({ ok: false, status: 401 });
  });

  it('decodes only the characters HubSpot lists before signing the URI', () => {
    expect(signedUri('https://x.test/hooks/hubspot?src=hs%3Aapp%2Fv3&x=%28a%29&q=a%20b%26c')).toBe('https://x.test/hooks/hubspot?src=hs:app/v3&x=(a)&q=a%20b%26c');
    const url = 'https://x.test/hooks?a=%3a%40';
    const signed = signatureV3({ ...VECTOR, url });
    expect(signed).toBe(signatureV3({ ...VECTOR, url: 'https://x.test/hooks?a=:@' }));
    expect(verify({ url, signature: signed })).toEqual({ ok: true });
  });
});
