import { randomBytes } from 'node:crypto';
import { SecretBox, SecretBoxError } from './secret-box';

const boxWith = (secretKey = randomBytes(32)) => new SecretBox({ secretKey });

describe('SecretBox', () => {
  const box = boxWith();
  const value = { host: 'smtp.example.test', port: 587, password: 'hunter2', nested: { list: [1, 'two', null] } };

  it('round-trips JSON through a versioned envelope that does not contain the plaintext', () => {
    const envelope = box.seal(value);
    expect(envelope).toMatch(/^v1:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/);
    expect(envelope).not.toContain('hunter2');
    expect(box.open(envelope)).toEqual(value);
  });

  it('uses a fresh IV each time', () => {
    expect(box.seal(value)).not.toEqual(box.seal(value));
  });

  it('refuses a tampered ciphertext, tag or IV', () => {
    const [version, iv, tag, ciphertext] = box.seal(value).split(':') as [string, string, string, string];
    const flip = (text: string) => {
      const bytes = Buffer.from(text, 'base64url');
      bytes[0] = bytes[0]! ^ 0x01;
      return bytes.toString('base64url');
    };
    for (const tampered of [
      [version, iv, tag, flip(ciphertext)],
      [version, iv, flip(tag), ciphertext],
      [version, flip(iv), tag, ciphertext],
    ]) {
      expect(() => box.open(tampered.join(':'))).toThrow(SecretBoxError);
    }
  });

  it('refuses an envelope sealed under another key', () => {
    expect(() => boxWith().open(box.seal(value))).toThrow(/could not be decrypted/);
  });

  it('binds an envelope to its associated data', () => {
    const envelope = box.seal(value, 'connection:a');
    expect(box.open(envelope, 'connection:a')).toEqual(value);
    expect(() => box.open(envelope, 'connection:b')).toThrow(SecretBoxError);
    expect(() => box.open(envelope)).toThrow(SecretBoxError);
  });

  it('names malformed and unknown-version envelopes', () => {
    expect(() => box.open('nonsense')).toThrow(/malformed/);
    expect(() => box.open(box.seal(value).replace(/^v1/, 'v9'))).toThrow(/unknown version "v9"/);
  });
});

describe('SecretBox key rotation', () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);
  const value = { password: 'rotate-me' };

  it('opens envelopes of previous keys, and reseals them under the current one', () => {
    const sealedOld = new SecretBox({ secretKey: oldKey }).seal(value, 'connection:a');
    const rotated = new SecretBox({ secretKey: newKey, previousSecretKeys: [oldKey] });
    expect(rotated.open(sealedOld, 'connection:a')).toEqual(value);
    expect(rotated.isSealedWithPreviousKey(sealedOld, 'connection:a')).toBe(true);
    const resealed = rotated.reseal(sealedOld, 'connection:a')!;
    expect(rotated.isSealedWithPreviousKey(resealed, 'connection:a')).toBe(false);
    expect(rotated.reseal(resealed, 'connection:a')).toBeNull();
    // Once re-sealed, the old key can go.
    expect(new SecretBox({ secretKey: newKey }).open(resealed, 'connection:a')).toEqual(value);
    expect(() => new SecretBox({ secretKey: oldKey }).open(resealed, 'connection:a')).toThrow(SecretBoxError);
    expect(() => new SecretBox({ secretKey: newKey }).open(sealedOld, 'connection:a')).toThrow(SecretBoxError);
  });
});
