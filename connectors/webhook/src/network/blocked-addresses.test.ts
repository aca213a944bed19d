import { blockedAddressReason } from './blocked-addresses';

describe('blockedAddressReason', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private address (10/8)'],
    ['172.16.0.1', 'private address (172.16/12)'],
    ['172.31.255.255', 'private address (172.16/12)'],
    ['192.168.1.1', 'private address (192.168/16)'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'reserved'],
    ['224.0.0.1', 'multicast'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::', 'unspecified'],
    ['fd00::1', 'unique-local'],
    ['fc12:3456::1', 'unique-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback address, inside an IPv6 address'],
    ['::ffff:7f00:1', 'loopback address, inside an IPv6 address'],
    ['::ffff:a9fe:a9fe', 'link-local address (cloud metadata lives here), inside'],
    ['::ffff:10.0.0.1', 'private address (10/8), inside'],
    ['64:ff9b::10.0.0.1', 'private address (10/8), inside'],
    ['2002:7f00:1::', 'loopback address, inside'],
    ['::127.0.0.1', 'IPv4-compatible'],
    ['2001:db8::1', 'documentation'],
    ['localhost', 'is not an IP address'],
  ])('blocks %s (%s)', (address, reason) => {
    expect(blockedAddressReason(address)).toContain(reason);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::8.8.8.8'])(
    'lets the public address %s through',
    (address) => {
      expect(blockedAddressReason(address)).toBeUndefined();
    },
  );
});
