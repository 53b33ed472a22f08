import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';
import type { SignalState, Snooze } from '../generated/prisma/client';

@Injectable()
export class SignalStateRepository {
  constructor(private readonly prisma: PrismaService) {}

  async get(keys: string[]): Promise<Map<string, SignalState>> {
    const rows = keys.length
      ? await this.prisma.read<SignalState>(
          `SELECT "key", "armed", "last_fired_at" AS "lastFiredAt", "last_value" AS "lastValue", "updated_at" AS "updatedAt" FROM "signal_states" WHERE "key" = ANY($1::text[])`,
          [keys],
        )
      : [];
    return new Map(rows.map((r) => [r.key, r]));
  }

  /** Upserts every state in one statement (one round trip per evaluation, not one per rule). */
  async put(states: { key: string; armed: boolean; lastFiredAt: Date | null; lastValue: number | null }[]): Promise<void> {
    if (!states.length) return;
    await this.prisma.sql(
      `INSERT INTO signal_states (key, armed, last_fired_at, last_value, updated_at)
       SELECT k, a, f, v, now() FROM unnest($1::text[], $2::bool[], $3::timestamp[], $4::float8[]) AS t(k, a, f, v)
       ON CONFLICT (key) DO UPDATE SET armed = EXCLUDED.armed, last_fired_at = EXCLUDED.last_fired_at,
         last_value = EXCLUDED.last_value, updated_at = now()`,
      [
        states.map((s) => s.key),
        states.map((s) => s.armed),
        states.map((s) => (s.lastFiredAt ? s.lastFiredAt.toISOString() : null)),
        states.map((s) => (s.lastValue === null || !Number.isFinite(s.lastValue) ? null : s.lastValue)),
      ],
    );
  }

  /** Snoozes in force at `at` (hot path: every signals job reads them). */
  activeSnoozes(at: Date): Promise<Snooze[]> {
    return this.prisma.read<Snooze>(
      `SELECT "id", "target_type" AS "targetType", "target", "until", "reason", "created_at" AS "createdAt" FROM "snoozes" WHERE "until" > $1::timestamp(3)`,
      [at.toISOString()],
    );
  }
}
