import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfigOrExit } from '@seismo/config';
import { createApi } from './bootstrap';

async function main() {
  const config = loadConfigOrExit();
  const app = await createApi(config);
  await app.listen(config.port, config.host);
  new Logger('Api').log(`Seismo api on http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port} (docs at /api/docs)`);
}

main().catch((e) => {
  process.stderr.write(`api failed to start: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
