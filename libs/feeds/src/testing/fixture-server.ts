import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback HTTP server for tests: records the requests it saw. */
export interface FixtureServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  port: number;
  requests: IncomingMessage[];
  close(): Promise<void>;
}

export async function startFixtureServer(
  handler: (req: IncomingMessage, res: ServerResponse, server: FixtureServer) => void,
): Promise<FixtureServer> {
  const requests: IncomingMessage[] = [];
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const fixture: FixtureServer = {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    requests.push(req);
    handler(req, res, fixture);
  });
  return fixture;
}

/**
 * Writes `total` bytes of `fill` after `prefix`, chunk by chunk, honouring backpressure, so a
 * huge body is never held in memory. Resolves with the number of bytes actually written when
 * the body ends or the client goes away.
 */
export function streamBody(res: ServerResponse, prefix: string, total: number, fill = 'a'): Promise<number> {
  return new Promise<number>((resolve) => {
    const chunk = Buffer.alloc(64 * 1024, fill);
    let sent = 0;
    let finished = false;
    const done = () => {
      if (!finished) {
        finished = true;
        resolve(sent);
      }
    };
    res.on('close', done);
    res.write(prefix);
    sent += Buffer.byteLength(prefix);
    const pump = () => {
      while (sent < total) {
        if (res.destroyed) return done();
        sent += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      res.end(done);
    };
    pump();
  });
}
