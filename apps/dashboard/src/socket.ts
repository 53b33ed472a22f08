/** socket.io link to `/alerts`: subscribes on every (re)connect with `after` = last alert id seen. */
import { io, type Socket } from 'socket.io-client';
import type {
  AlertPayload,
  ArticlePayload,
  ClientToServerEvents,
  ServerToClientEvents,
  SubscribeAck,
  SubscribePayload,
} from '../../../libs/contracts/src/events';

export type ConnectionState = 'live' | 'reconnecting' | 'offline';

export interface LiveOptions {
  token: () => string | null;
  /** Highest alert id already shown; undefined before anything was loaded. */
  lastAlertId: () => number | undefined;
  onAlert: (alert: AlertPayload) => void;
  onArticle: (article: ArticlePayload) => void;
  onState: (state: ConnectionState, detail?: string) => void;
  /** The server refused the handshake (bad or missing key). */
  onUnauthorized: () => void;
}

/** The subscribe payload for a (re)connect: everything, replaying after the last id seen. */
export function subscribePayload(lastId: number | undefined, base: SubscribePayload = {}): SubscribePayload {
  return lastId === undefined ? { ...base } : { ...base, after: lastId };
}

export class LiveConnection {
  private socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  private state: ConnectionState = 'offline';

  constructor(private readonly opts: LiveOptions) {
    window.addEventListener('offline', () => this.setState('offline', 'browser offline'));
    window.addEventListener('online', () => {
      if (this.socket && !this.socket.connected) this.socket.connect();
    });
  }

  start(): void {
    if (this.socket) return;
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io('/alerts', {
      path: '/socket.io',
      auth: (cb) => cb({ token: this.opts.token() ?? undefined }),
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
      timeout: 10_000,
    });
    this.socket = socket;
    this.setState('reconnecting', 'connecting');
    socket.on('connect', () => this.subscribe());
    socket.on('disconnect', (reason) => {
      // "io server disconnect": the server kicked us; socket.io does not retry on its own.
      if (reason === 'io server disconnect') socket.connect();
      this.setState(navigator.onLine === false ? 'offline' : 'reconnecting', reason);
    });
    socket.on('connect_error', (err) => {
      if (!socket.active) {
        // Refused by the server's middleware (auth): no automatic retry.
        this.setState('offline', err.message);
        if (/auth|token|key|unauthor|forbidden|401/i.test(err.message)) this.opts.onUnauthorized();
      } else {
        this.setState(navigator.onLine === false ? 'offline' : 'reconnecting', err.message);
      }
    });
    socket.io.on('reconnect_failed', () => this.setState('offline', 'gave up reconnecting'));
    socket.on('alert', (a) => this.opts.onAlert(a));
    socket.on('article', (a) => this.opts.onArticle(a));
  }

  /** Reconnects with the current token (after the user set an API key). */
  restart(): void {
    if (!this.socket) return this.start();
    this.socket.disconnect();
    this.socket.connect();
    this.setState('reconnecting', 'new key');
  }

  private subscribe(): void {
    const socket = this.socket;
    if (!socket) return;
    const payload = subscribePayload(this.opts.lastAlertId());
    socket.timeout(10_000).emit('subscribe', payload, (err: Error | null, ack: SubscribeAck) => {
      if (!socket.connected) return;
      if (err) return this.setState('reconnecting', 'subscribe timed out');
      if (!ack?.ok) {
        const error = ack && 'error' in ack ? ack.error : 'subscribe refused';
        this.setState('offline', error);
        if (/auth|token|key|unauthor/i.test(error)) this.opts.onUnauthorized();
        return;
      }
      this.setState('live', `replayed ${ack.replayed ?? 0}`);
    });
  }

  private setState(state: ConnectionState, detail?: string): void {
    this.state = state;
    this.opts.onState(state, detail);
  }

  get current(): ConnectionState {
    return this.state;
  }
}
