import { Inject, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { SubscribeMessage, WebSocketGateway, WebSocketServer, type OnGatewayInit, ConnectedSocket, MessageBody } from '@nestjs/websockets';
import { APP_CONFIG, type AppConfig } from '@seismo/config';
import { ALERTS_NAMESPACE, type AlertPayload, type ArticlePayload, type ClientToServerEvents, type PipelineEvent, type ServerToClientEvents, type SubscribeAck } from '@seismo/contracts';
import { AlertsRepository, alertToPayload, KeywordsRepository } from '@seismo/db';
import { createRedis, EventsPublisher } from '@seismo/queues';
import type { Redis } from 'ioredis';
import type { Namespace, Socket } from 'socket.io';
import { ApiKeyService } from '../auth/api-key.service';
import { NewsFanout } from './news-fanout';
import { alertRooms, articleRooms, roomsFor } from './rooms';
import { validateSubscribe } from './subscribe.validation';

type AlertsSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketState>;
interface SocketState {
  replaying?: { buffer: AlertPayload[]; rooms: Set<string> };
  tokens: number;
  refilledAt: number;
}

const REPLAYING = 'replaying';
const REPLAY_MAX = 5_000;

/**
 * Namespace `/alerts`. Pipeline events arrive on a Redis channel that every api process reads;
 * each process emits to its own sockets only (`namespace.local`), so a client gets every event
 * exactly once whichever process holds it. A subscribe with `after` replays from Postgres while
 * live alerts for that socket are buffered, then flushes the buffer without duplicates. Alerts are
 * written as soon as they are read; the news stream goes out in slices behind them (`NewsFanout`).
 */
@WebSocketGateway({ namespace: ALERTS_NAMESPACE })
export class AlertsGateway implements OnGatewayInit, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AlertsGateway.name);
  @WebSocketServer() private readonly ns: Namespace<ClientToServerEvents, ServerToClientEvents>;
  private sub: Redis | null = null;
  private readonly replaying = new Set<AlertsSocket>();
  /** Article events go out a slice of sockets at a time, so that alerts never wait behind them. */
  private readonly news = new NewsFanout(undefined, undefined, (n) => {
    if (n === 1 || n % 1_000 === 0) this.logger.warn(`news stream backlog full: ${n} article events dropped from the live stream so far`);
  });

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: ApiKeyService,
    private readonly alerts: AlertsRepository,
    private readonly keywords: KeywordsRepository,
    private readonly events: EventsPublisher,
  ) {}

  afterInit(ns: Namespace): void {
    // Authentication happens in middleware: guards do not run on connect. Fails closed.
    ns.use((socket, next) => {
      if (!this.keys.enabled) return next();
      const header = socket.handshake.headers.authorization;
      const token = (socket.handshake.auth as { token?: unknown })?.token ?? (typeof header === 'string' ? header.replace(/^Bearer\s+/i, '') : undefined);
      this.keys
        .scopeOf(typeof token === 'string' ? token : null)
        .then((scope) => next(scope ? undefined : new Error('unauthorized: a valid API key is required')))
        .catch(() => next(new Error('unauthorized: could not check the API key')));
    });
    ns.on('connection', (raw) => {
      const socket = raw as unknown as AlertsSocket;
      socket.data.tokens = 20;
      socket.data.refilledAt = Date.now();
      socket.on('disconnect', () => this.replaying.delete(socket));
    });
  }

  async onModuleInit(): Promise<void> {
    this.sub = createRedis(this.config.redisUrl);
    this.sub.on('message', (_channel, message) => this.onEvent(message));
    await this.sub.subscribe(this.events.channel).catch((e) => this.logger.warn(`cannot subscribe to events yet: ${(e as Error).message}`));
  }

  async onModuleDestroy(): Promise<void> {
    this.sub?.disconnect();
    this.news.clear();
    this.ns?.local.disconnectSockets(true);
  }

  /** Token bucket per socket: 20 burst, 5/s; a flooding client is answered with errors, others unaffected. */
  private allow(socket: AlertsSocket): boolean {
    const now = Date.now();
    socket.data.tokens = Math.min(20, socket.data.tokens + ((now - socket.data.refilledAt) / 1000) * 5);
    socket.data.refilledAt = now;
    if (socket.data.tokens < 1) return false;
    socket.data.tokens -= 1;
    return true;
  }

  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: AlertsSocket, @MessageBody() body: unknown): Promise<SubscribeAck> {
    if (!this.allow(socket)) return { ok: false, error: 'too many requests: slow down' };
    const v = validateSubscribe(body);
    if (!v.ok) return v;
    const sub = v.value;
    const { base, joined } = roomsFor(sub);
    for (const r of socket.rooms) if (r !== socket.id) socket.leave(r);
    if (sub.after === undefined) {
      socket.join(joined);
      return { ok: true, rooms: base, replayed: 0 };
    }
    // Join first (so nothing is missed), buffer live alerts, replay from Postgres, then flush.
    socket.data.replaying = { buffer: [], rooms: new Set(joined) };
    this.replaying.add(socket);
    socket.join([...joined, REPLAYING]);
    const sent = new Set<number>();
    try {
      const linked = new Map((await this.keywords.all()).map((k) => [k.term, k.symbols]));
      let after = sub.after;
      while (sent.size < REPLAY_MAX) {
        const page = await this.alerts.list({ symbols: sub.symbols, keywords: sub.keywords, types: sub.types, afterId: after, limit: 500 }, linked);
        for (const a of page.items) {
          socket.emit('alert', alertToPayload(a, a.keyword ? linked.get(a.keyword) : undefined));
          sent.add(a.id);
          after = a.id;
        }
        if (!page.next) break;
      }
    } finally {
      const buffered = socket.data.replaying?.buffer ?? [];
      socket.data.replaying = undefined;
      this.replaying.delete(socket);
      socket.leave(REPLAYING);
      for (const a of buffered.sort((x, y) => x.id - y.id)) {
        if (!sent.has(a.id)) {
          sent.add(a.id);
          socket.emit('alert', a);
        }
      }
    }
    return { ok: true, rooms: base, replayed: sent.size };
  }

  @SubscribeMessage('unsubscribe')
  unsubscribe(@ConnectedSocket() socket: AlertsSocket): SubscribeAck {
    for (const r of socket.rooms) if (r !== socket.id) socket.leave(r);
    return { ok: true, rooms: [], replayed: 0 };
  }

  private onEvent(message: string): void {
    let e: PipelineEvent;
    try {
      e = JSON.parse(message) as PipelineEvent;
    } catch {
      return;
    }
    if (e.kind === 'alert') {
      const rooms = alertRooms(e.alert);
      this.ns.local.to(rooms).except(REPLAYING).emit('alert', e.alert);
      for (const s of this.replaying) {
        if (s.data.replaying && rooms.some((r) => s.data.replaying!.rooms.has(r))) s.data.replaying.buffer.push(e.alert);
      }
    } else if (e.kind === 'article') {
      this.pushArticle(e.article);
    } else if (e.kind === 'articles') {
      for (const article of e.articles) this.pushArticle(article);
    } else if (e.kind === 'ping') {
      this.ns.local.emit('ping', { message: e.message, at: e.at });
    }
  }

  private pushArticle(article: ArticlePayload): void {
    this.news.push({
      recipients: () => this.socketsIn(articleRooms(article)),
      emit: (ids) => this.ns.local.to(ids).emit('article', article),
    });
  }

  /** This process's sockets in any of these rooms (each socket is also in the room of its own id). */
  private socketsIn(rooms: string[]): string[] {
    const ids = new Set<string>();
    for (const r of rooms) for (const id of this.ns.adapter.rooms.get(r) ?? []) ids.add(id);
    return [...ids];
  }

  localClients(): number {
    return this.ns?.sockets.size ?? 0;
  }
}
