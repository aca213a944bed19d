import { computeTriplineSignature, signatureHeaders, verifyTriplineSignature } from './tripline-signature';

// An independent vector, computed with:
//   printf '%s' '1700000000.{"event":"pql","account":"acme"}' | openssl dgst -sha256 -hmac 'tripline-test-secret-0123456789'
const SECRET = 'tripline-test-secret-0123456789';
const BODY = '{"event":"pql","account":"acme"}';
const TIMESTAMP = '1700000000';
const EXPECTED_HEX = '21691c15f503348848fc435f82a8fb40cf8c76fc662c8b5b46b98f5b4aa96b52';
const AT_TIMESTAMP_MS = 1_700_000_000_000;

describe('computeTriplineSignature', () => {
  it('is HMAC-SHA256 over "<timestamp>.<body>" in hex, for strings and bytes alike', () => {
    expect(computeTriplineSignature(SECRET, TIMESTAMP, BODY)).toBe(EXPECTED_HEX);
    expect(computeTriplineSignature(SECRET, 1700000000, Buffer.from(BODY))).toBe(EXPECTED_HEX);
  });

  it('builds the two headers from the send time', () => {
    expect(signatureHeaders(SECRET, BODY, AT_TIMESTAMP_MS + 999)).toEqual({
      'X-Tripline-Timestamp': TIMESTAMP,
      'X-Tripline-Signature': `v1=${EXPECTED_HEX}`,
    });
  });
});

describe('verifyTriplineSignature', () => {
  const verify = (overrides: { body?: string | Buffer; signature?: string; timestamp?: string; now?: number; secret?: string } = {}) =>
    verifyTriplineSignature(
      overrides.secret ?? SECRET,
      overrides.timestamp ?? TIMESTAMP,
      overrides.body ?? BODY,
      overrides.signature ?? `v1=${EXPECTED_HEX}`,
      overrides.now ?? AT_TIMESTAMP_MS + 60_000,
      300,
    );

  it('accepts the signed request within the tolerance', () => {
    expect(verify()).toEqual({ ok: true });
    expect(verify({ body: Buffer.from(BODY) })).toEqual({ ok: true });
    // While a secret rotates the header carries one value per secret.
    expect(verify({ signature: `v1=${'0'.repeat(64)}, v1=${EXPECTED_HEX}` })).toEqual({ ok: true });
  });

  it('refuses a body with one byte changed', () => {
    const tampered = Buffer.from(BODY);
    tampered[10] = tampered[10]! ^ 0x01;
    expect(verify({ body: tampered })).toMatchObject({ ok: false, reason: 'signature_mismatch' });
    expect(verify({ body: `${BODY} ` })).toMatchObject({ ok: false, reason: 'signature_mismatch' });
  });

  it('refuses a changed timestamp, a wrong secret and a tampered signature', () => {
    expect(verify({ timestamp: '1700000001', now: AT_TIMESTAMP_MS })).toMatchObject({ ok: false, reason: 'signature_mismatch' });
    expect(verify({ secret: `${SECRET}x` })).toMatchObject({ ok: false, reason: 'signature_mismatch' });
    const flipped = `${EXPECTED_HEX.slice(0, -1)}${EXPECTED_HEX.endsWith('2') ? '3' : '2'}`;
    expect(verify({ signature: `v1=${flipped}` })).toMatchObject({ ok: false, reason: 'signature_mismatch' });
    expect(verify({ signature: 'v1=abc' })).toMatchObject({ ok: false, reason: 'signature_mismatch' });
  });

  it('refuses a stale timestamp, or one from the future, past the tolerance', () => {
    expect(verify({ now: AT_TIMESTAMP_MS + 300_000 })).toEqual({ ok: true });
    expect(verify({ now: AT_TIMESTAMP_MS + 301_000 })).toMatchObject({ ok: false, reason: 'stale_timestamp' });
    expect(verify({ now: AT_TIMESTAMP_MS - 301_000 })).toMatchObject({ ok: false, reason: 'stale_timestamp' });
  });

  it('explains missing or malformed headers', () => {
    expect(verifyTriplineSignature(SECRET, undefined, BODY, `v1=${EXPECTED_HEX}`, AT_TIMESTAMP_MS)).toMatchObject({ reason: 'missing_timestamp' });
    expect(verify({ timestamp: '2023-11-14T22:13:20Z' })).toMatchObject({ reason: 'malformed_timestamp' });
    expect(verify({ signature: `v0=${EXPECTED_HEX}` })).toMatchObject({ reason: 'missing_signature' });
    expect(verifyTriplineSignature(SECRET, TIMESTAMP, BODY, null, AT_TIMESTAMP_MS)).toMatchObject({ reason: 'missing_signature' });
  });
});
