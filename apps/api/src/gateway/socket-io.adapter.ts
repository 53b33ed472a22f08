import { type INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { AppConfig } from '@seismo/config';
import { createRedis } from '@seismo/queues';
import type { IncomingMessage } from 'node:http';
import type { Redis } from 'ioredis';
import type { ServerOptions } from 'socket.io';

/** Is this browser Origin allowed? Same host as the request, or listed in SEISMO_CORS_ORIGINS. */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: string[]): boolean {
  if (!origin) return true; // not a browser: authenticated by API key instead
  if (allowed.includes('*') || allowed.includes(origin)) return true;
  try {
    return !!host && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * socket.io with the Redis pub/sub adapter (rooms and server-side broadcasts across api
 * processes), an Origin check on the handshake, and a small message size cap.
 */
export class SeismoIoAdapter extends IoAdapter {
  private readonly log = new Logger(SeismoIoAdapter.name);
  private pub: Redis | null = null;
  private sub: Redis | null = null;

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): ReturnType<IoAdapter['createIOServer']> {
    const server = super.createIOServer(port, {
      ...options,
      maxHttpBufferSize: 64 * 1024,
      pingInterval: 10_000,
      pingTimeout: 10_000,
      cors: { origin: this.config.corsOrigins.length ? this.config.corsOrigins : false, credentials: false },
      allowRequest: (req: IncomingMessage, cb: (err: string | null | undefined, ok: boolean) => void) => {
        const ok = originAllowed(req.headers.origin, req.headers.host, this.config.corsOrigins);
        if (!ok) this.log.warn(`refused socket from origin ${req.headers.origin}`);
        cb(ok ? null : 'origin not allowed', ok);
      },
    } as ServerOptions);
    if (!this.pub) {
      this.pub = createRedis(this.config.redisUrl);
      this.sub = this.pub.duplicate();
      this.sub.on('error', () => undefined);
    }
    server.adapter(createAdapter(this.pub, this.sub!, { key: `${this.config.queuePrefix}:socket.io` }));
    return server;
  }

  override async close(server: unknown): Promise<void> {
    await super.close(server as never);
    this.pub?.disconnect();
    this.sub?.disconnect();
  }
}
