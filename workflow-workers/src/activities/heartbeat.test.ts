import { MockActivityEnvironment } from '@temporalio/testing';
import { HEARTBEAT_EVERY_MS, whileHeartbeating } from './heartbeat';

describe('whileHeartbeating', () => {
  it('heartbeats while the work runs and stops when it settles', async () => {
    const env = new MockActivityEnvironment();
    let beats = 0;
    env.on('heartbeat', () => (beats += 1));
    let finish: (value: string) => void = () => undefined;
    const work = new Promise<string>((resolve) => (finish = resolve));

    jest.useFakeTimers();
    try {
      const running = env.run(() => whileHeartbeating(() => work));
      jest.advanceTimersByTime(HEARTBEAT_EVERY_MS * 3 + 1);
      expect(beats).toBe(3);
      finish('sent');
      await expect(running).resolves.toBe('sent');
      jest.advanceTimersByTime(HEARTBEAT_EVERY_MS * 5);
      expect(beats).toBe(3);
    } finally {
      jest.useRealTimers();
    }
  });

  it('stops heartbeating when the work fails, and passes the failure on', async () => {
    const env = new MockActivityEnvironment();
    let beats = 0;
    env.on('heartbeat', () => (beats += 1));
    jest.useFakeTimers();
    try {
      await expect(env.run(() => whileHeartbeating(() => Promise.reject(new Error('vendor down'))))).rejects.toThrow('vendor down');
      jest.advanceTimersByTime(HEARTBEAT_EVERY_MS * 5);
      expect(beats).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });
});
