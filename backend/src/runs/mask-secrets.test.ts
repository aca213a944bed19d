import { MASKED, maskSecrets } from './mask-secrets';

describe('maskSecrets', () => {
  it('masks every secret-looking key at any depth and keeps everything else', () => {
    const input = {
      to: 'ada@example.com',
      password: 'hunter2',
      smtp: { pass: 'p1', username: 'ada', clientSecret: 's1' },
      headers: [{ Authorization: 'Bearer abc' }, { 'X-Api-Key': 'k1' }, { api_key: 'k2' }, { apikey: 'k3' }],
      accessToken: { nested: 'whole object hidden' },
      passengers: 3,
      empty: null,
    };
    expect(maskSecrets(input)).toEqual({
      to: 'ada@example.com',
      password: MASKED,
      smtp: { pass: MASKED, username: 'ada', clientSecret: MASKED },
      headers: [{ Authorization: MASKED }, { 'X-Api-Key': MASKED }, { api_key: MASKED }, { apikey: MASKED }],
      accessToken: MASKED,
      // "passengers" contains "pass": masking errs on the side of hiding.
      passengers: MASKED,
      empty: null,
    });
  });

  it('leaves scalars and the original object untouched', () => {
    const original = { token: 't' };
    maskSecrets(original);
    expect(original).toEqual({ token: 't' });
    expect(maskSecrets('text')).toBe('text');
    expect(maskSecrets(undefined)).toBeUndefined();
  });
});
