import { deserialize, serialize } from 'node:v8';

/**
 * What jsdom lacks and React Flow needs to mount (as React Flow's own testing guide sets up): a
 * ResizeObserver, DOMMatrixReadOnly for the viewport transform, and element sizes, since jsdom lays
 * nothing out; and structuredClone. Layout itself is checked in the browser tests (e2e/).
 */
class ResizeObserverStub {
  private readonly callback: ResizeObserverCallback;
  constructor(callback: ResizeObserverCallback) {
    this.callback = callback;
  }
  observe(target: Element) {
    this.callback([{ target } as ResizeObserverEntry], this as unknown as ResizeObserver);
  }
  unobserve() {}
  disconnect() {}
}

class DOMMatrixReadOnlyStub {
  m22: number;
  constructor(transform?: string) {
    const scale = transform?.match(/scale\(([1-9.])\)/)?.[1];
    this.m22 = scale !== undefined ? Number(scale) : 1;
  }
}

Object.assign(globalThis, { ResizeObserver: ResizeObserverStub, DOMMatrixReadOnly: DOMMatrixReadOnlyStub });
// jsdom's window has no structuredClone; Node's serializer is the same algorithm.
if (typeof globalThis.structuredClone !== 'function') globalThis.structuredClone = <T>(value: T): T => deserialize(serialize(value)) as T;
Object.defineProperties(HTMLElement.prototype, {
  offsetHeight: { configurable: true, get: () => 80 },
  offsetWidth: { configurable: true, get: () => 240 },
});
(SVGElement.prototype as unknown as { getBBox: () => DOMRect }).getBBox = () => ({ x: 0, y: 0, width: 0, height: 0 }) as DOMRect;

// Component tests with user-event on a busy machine (the whole suite runs in parallel) can pass 5 s;
// Jest reads testTimeout only from the root config, so the component tests set theirs here.
jest.setTimeout(20_000);
