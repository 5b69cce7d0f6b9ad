// The WebSocket feed (/api/v1/live): reconnects by itself, and tells its listeners every event
// and every change of its state.

import type { LiveEvent } from './types';

export type LiveState = 'connecting' | 'open' | 'closed';

export class LiveConnection {
  private socket: WebSocket | null = null;
  private token: string | null = null;
  private retryTimer: number | undefined;
  private retryDelayMs = 1000;
  private stopped = true;
  private readonly listeners = new Set<(event: LiveEvent) => void>();
  private readonly stateListeners = new Set<(state: LiveState) => void>();
  state: LiveState = 'closed';

  constructor() {
    window.addEventListener('online', () => this.reconnectNow());
  }

  // Connects with the token (or anonymously in demo mode), replacing any connection before.
  start(token: string | null): void {
    this.stop();
    this.stopped = false;
    this.token = token;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    window.clearTimeout(this.retryTimer);
    if (this.socket) {
      this.socket.onclose = null;
      this.socket.close();
      this.socket = null;
    }
    this.setState('closed');
  }

  onEvent(listener: (event: LiveEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onState(listener: (state: LiveState) => void): () => void {
    this.stateListeners.add(listener);
    listener(this.state);
    return () => this.stateListeners.delete(listener);
  }

  private url(): string {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    return `${scheme}://${location.host}/api/v1/live`;
  }

  private connect(): void {
    if (this.stopped) return;
    this.setState('connecting');
    let socket: WebSocket;
    try {
      // The token travels as a subprotocol, never in the address (which logs keep).
      socket = this.token
        ? new WebSocket(this.url(), ['outbreak.v1', `bearer.${this.token}`])
        : new WebSocket(this.url());
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.retryDelayMs = 1000;
      this.setState('open');
    };
    socket.onmessage = (message) => {
      let event: LiveEvent;
      try {
        event = JSON.parse(String(message.data)) as LiveEvent;
      } catch {
        return;
      }
      for (const listener of this.listeners) listener(event);
    };
    socket.onclose = () => {
      this.socket = null;
      this.setState('closed');
      this.scheduleRetry();
    };
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    window.clearTimeout(this.retryTimer);
    this.retryTimer = window.setTimeout(() => this.connect(), this.retryDelayMs);
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, 30_000);
  }

  private reconnectNow(): void {
    if (this.stopped || this.state === 'open') return;
    window.clearTimeout(this.retryTimer);
    this.retryDelayMs = 1000;
    if (this.socket) return;  // already trying
    this.connect();
  }

  private setState(state: LiveState): void {
    if (this.state === state) return;
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }
}
