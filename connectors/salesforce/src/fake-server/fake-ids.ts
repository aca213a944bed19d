const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const CHECKSUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** Salesforce's 18-character form: three characters encoding which of the 15 are upper case. */
export function caseSafeId(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk += 1) {
    let flags = 0;
    for (let position = 0; position < 5; position += 1) {
      const char = id15[chunk * 5 + position]!;
      if (char >= 'A' && char <= 'Z') flags |= 1 << position;
    }
    suffix += CHECKSUM[flags];
  }
  return id15 + suffix;
}

/** Ids with each object's key prefix (00Q Lead, 003 Contact, 006 Opportunity, 00T Task...), in creation order. */
export function idGenerator(): (keyPrefix: string) => string {
  let counter = 0;
  return (keyPrefix) => {
    counter += 1;
    let digits = '';
    for (let rest = counter; rest > 0; rest = Math.floor(rest / 62)) digits = BASE62[rest % 62] + digits;
    return caseSafeId(`${keyPrefix}5g0${digits.padStart(9, '0')}`);
  };
}
