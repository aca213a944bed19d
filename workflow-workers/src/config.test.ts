import { readWorkerConfig } from './config';

describe('readWorkerConfig', () => {
  it('uses the documented defaults', () => {
    expect(readWorkerConfig({ TRIPLINE_INTERNAL_TOKEN: 't' })).toEqual({
      temporalAddress: '127.0.0.1:7233',
      namespace: 'default',
      taskQueue: 'tripline-playbooks',
      apiUrl: 'http://127.0.0.1:3000',
      internalToken: 't',
    });
  });

  it('reads overrides and refuses a missing token or a bad URL', () => {
    expect(
      readWorkerConfig({
        TRIPLINE_INTERNAL_TOKEN: 't',
        TEMPORAL_ADDRESS: 'temporal:7233',
        TEMPORAL_NAMESPACE: 'prod',
        TRIPLINE_TASK_QUEUE: 'q',
        TRIPLINE_API_URL: 'http://api:3000',
      }),
    ).toMatchObject({ temporalAddress: 'temporal:7233', namespace: 'prod', taskQueue: 'q', apiUrl: 'http://api:3000' });
    expect(() => readWorkerConfig({})).toThrow('TRIPLINE_INTERNAL_TOKEN is not set');
    expect(() => readWorkerConfig({ TRIPLINE_INTERNAL_TOKEN: 't', TRIPLINE_API_URL: 'not a url' })).toThrow(
      "TRIPLINE_API_URL is not a URL: 'not a url'",
    );
  });
});
