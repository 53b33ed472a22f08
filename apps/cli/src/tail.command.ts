import type { AlertPayload, ClientToServerEvents, ServerToClientEvents, SubscribeAck } from '@seismo/contracts';
import { io, type Socket } from 'socket.io-client';

const COLOR: Record<string, string> = { critical: '\x1b[1;31m', warning: '\x1b[33m', info: '\x1b[36m' };
const RESET = '\x1b[0m';

export interface TailOptions {
  url: string;
  symbols: string[];
  keywords: string[];
  token?: string | null;
  color: boolean;
  after?: number;
}

export function formatAlert(a: AlertPayload, color: boolean): string {
  const t = (a.eventTime ?? a.createdAt).slice(0, 19).replace('T', ' ');
  const target = a.symbol ?? a.keyword ?? '-';
  const change = typeof a.changePct === 'number' ? ` ${a.changePct > 0 ? '+' : ''}${a.changePct.toFixed(1)}%` : '';
  const line = `#${a.id} ${t} ${a.severity.toUpperCase().padEnd(8)} ${target.padEnd(8)} ${a.type.padEnd(19)} ${a.title}${change}`;
  return color ? `${COLOR[a.severity] ?? ''}${line}${RESET}` : line;
}

/** `npm run cli -- tail [--symbol NVDA] [--keyword DeepSeek]`: live alerts; resumes with `after` on reconnect. */
export function tailCommand(opts: TailOptions, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Socket<ServerToClientEvents, ClientToServerEvents> {
  let last = opts.after ?? 0;
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(`${opts.url.replace(/\/$/, '')}/alerts`, {
    transports: ['websocket'],
    auth: opts.token ? { token: opts.token } : {},
    reconnectionDelayMax: 5_000,
  });
  socket.on('connect', () => {
    socket.emit('subscribe', { symbols: opts.symbols.length ? opts.symbols : undefined, keywords: opts.keywords.length ? opts.keywords : undefined, after: last }, (ack: SubscribeAck) => {
      if (!ack.ok) err.write(`subscribe refused: ${ack.error}\n`);
      else err.write(`connected: ${ack.rooms.join(', ')}${ack.replayed ? ` (${ack.replayed} missed alert(s) replayed)` : ''}\n`);
    });
  });
  socket.on('connect_error', (e) => err.write(`cannot connect to ${opts.url}: ${e.message}; retrying…\n`));
  socket.on('disconnect', (reason) => err.write(`disconnected (${reason}); reconnecting…\n`));
  socket.on('alert', (a) => {
    if (a.id <= last) return;
    last = a.id;
    out.write(`${formatAlert(a, opts.color)}\n`);
  });
  return socket;
}
