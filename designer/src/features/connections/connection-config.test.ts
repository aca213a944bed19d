import { configFields, configFromValues } from './connection-config';

const schema = {
  type: 'object',
  properties: {
    host: { type: 'string' },
    port: { type: 'integer' },
    secure: { type: 'boolean' },
    password: { type: 'string', writeOnly: true, 'x-tripline-secret': true },
    region: { type: 'string', enum: ['us', 'eu'] },
    headers: { type: 'object', additionalProperties: { type: 'string' } },
  },
  required: ['host', 'password'],
};

describe('connection config', () => {
  const fields = configFields(schema, ['password']);

  it('reads the fields, marking secret ones', () => {
    expect(fields.map((f) => [f.field.name, f.input, f.secret])).toEqual([
      ['host', 'text', false],
      ['port', 'number', false],
      ['secure', 'boolean', false],
      ['password', 'text', true],
      ['region', 'select', false],
      ['headers', 'json', false],
    ]);
  });

  it('types the values and leaves empty optional fields out', () => {
    expect(configFromValues(fields, { host: 'smtp.example.com', port: '587', secure: 'true', password: 's3cret', region: 'eu', headers: '{"X-A":"1"}' })).toEqual({
      config: { host: 'smtp.example.com', port: 587, secure: true, password: 's3cret', region: 'eu', headers: { 'X-A': '1' } },
      problems: {},
    });
    expect(configFromValues(fields, { host: 'h', password: 'p' }).config).toEqual({ host: 'h', password: 'p' });
  });

  it('names missing and malformed values', () => {
    const { problems } = configFromValues(fields, { port: 'abc', headers: '{' });
    expect(Object.keys(problems).sort()).toEqual(['headers', 'host', 'password', 'port']);
  });
});
