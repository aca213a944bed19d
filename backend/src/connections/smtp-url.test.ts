import { DEFAULT_FROM, smtpConfigFromUrl } from './smtp-url';

describe('smtpConfigFromUrl', () => {
  it('reads the local mail catcher URL', () => {
    expect(smtpConfigFromUrl('smtp://127.0.0.1:1025')).toEqual({ host: '127.0.0.1', port: 1025, secure: false, from: DEFAULT_FROM });
  });

  it('reads credentials (URL-decoded), smtps, default ports and a from override', () => {
    expect(smtpConfigFromUrl('smtps://ada%40example.com:p%3Ass@mail.example.com?from=Sales%20%3Csales%40example.com%3E')).toEqual({
      host: 'mail.example.com',
      port: 465,
      secure: true,
      username: 'ada@example.com',
      password: 'p:ss',
      from: 'Sales <sales@example.com>',
    });
    expect(smtpConfigFromUrl('smtp://mail.example.com').port).toBe(587);
    expect(smtpConfigFromUrl('smtp://[::1]:2525').host).toBe('::1');
  });

  it('names the problem without echoing the URL (it may hold a password)', () => {
    expect(() => smtpConfigFromUrl('http://u:secret@x')).toThrow(/must start with smtp:\/\/ or smtps:\/\/ \(got http:\/\/\)/);
    expect(() => smtpConfigFromUrl('not a url secret')).toThrow(/is not a URL/);
    expect(() => smtpConfigFromUrl('smtp://user@mail.example.com')).toThrow(/no password/);
    for (const bad of ['http://u:secret@x', 'not a url secret']) {
      expect(() => smtpConfigFromUrl(bad)).not.toThrow(/secret/);
    }
  });
});
