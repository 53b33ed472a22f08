/**
 * The raw socket.io limit, with no Seismo code in the path: a plain socket.io server that relays
 * each message of a Redis channel (an alert-sized JSON object) to every connected client, as the
 * alerts gateway does.
 * Child process of the bench; writes its port as the first line of stdout.
 * Usage: node dist/bench/raw-socketio.server.js <redisUrl> <channel>
 */
import { Redis } from 'ioredis';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

const [redisUrl, channel] = process.argv.slice(2);
const http = createServer();
const io = new Server(http, { transports: ['websocket'] });
const sub = new Redis(redisUrl);
// Parsed and re-encoded by socket.io, as the alerts gateway does with each pipeline event.
sub.on('message', (_c, message: string) => io.emit('tick', JSON.parse(message)));
await sub.subscribe(channel);
http.listen(0, '127.0.0.1', () => process.stdout.write(`${(http.address() as AddressInfo).port}\n`));
process.once('SIGTERM', () => {
  sub.disconnect();
  io.close();
  process.exit(0);
});
