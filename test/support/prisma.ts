import type { AppConfig } from '@seismo/config';
import { PrismaService } from '@seismo/db';
import { createTestDatabase, type TestDb } from './db';

/** A fresh, migrated database and a connected `PrismaService` on it; `drop` disconnects and drops. */
export async function createPrismaDatabase(): Promise<{ db: TestDb; prisma: PrismaService; drop(): Promise<void> }> {
  const db = await createTestDatabase();
  const prisma = new PrismaService({ databaseUrl: db.url } as AppConfig);
  await prisma.$connect();
  return {
    db,
    prisma,
    async drop() {
      await prisma.$disconnect();
      await db.drop();
    },
  };
}
