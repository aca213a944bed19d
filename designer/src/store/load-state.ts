/** The life of one piece of server data on screen. */
export type LoadState = { status: 'idle' } | { status: 'loading' } | { status: 'ready' } | { status: 'error'; message: string };

export const IDLE: LoadState = { status: 'idle' };
export const LOADING: LoadState = { status: 'loading' };
export const READY: LoadState = { status: 'ready' };
export const failed = (message: string): LoadState => ({ status: 'error', message });
