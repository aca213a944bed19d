import { MASK, isSecretKey, maskSecrets } from './mask-secrets';

describe('maskSecrets', () => {
  it('masks values under secret-looking keys, at any depth', () => {
    const input = {
      to: 'ada@example.com',
      password: 'hunter2',
      headers: { Authorization: 'Bearer abc', 'Content-Type': 'application/json' },
      auth: { apiKey: 'k-1', api_key: 'k-2', clientSecret: 's', accessToken: 't' },
      list: [{ token: 'x', name: 'keep' }],
    };
    expect(maskSecrets(input)).toEqual({
      to: 'ada@example.com',
      password: MASK,
      headers: { Authorization: MASK, 'Content-Type': 'application/json' },
      auth: MASK,
      list: [{ token: MASK, name: 'keep' }],
    });
  });

  it('leaves ordinary keys, scalars and empty secrets alone', () => {
    expect(maskSecrets('plain')).toBe('plain');
    expect(maskSecrets(null)).toBeNull();
    expect(maskSecrets({ subject: 'Hi', token: null, password: '' })).toEqual({ subject: 'Hi', token: null, password: '' });
    expect(isSecretKey('email')).toBe(false);
    expect(isSecretKey('tokenCount')).toBe(true);
  });
});
