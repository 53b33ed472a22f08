import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** True when a real Prisma schema engine is on disk, so `prisma migrate deploy` can run. */
export function schemaEngineAvailable(root: string, configured = process.env.PRISMA_SCHEMA_ENGINE_BINARY): boolean {
  if (configured && existsSync(configured) && !configured.endsWith('/node')) return true;
  const dir = join(root, 'node_modules/@prisma/engines');
  return existsSync(dir) && readdirSync(dir).some((f) => f.startsWith('schema-engine'));
}
