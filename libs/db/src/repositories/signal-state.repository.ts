import { Injectable } from '@nestjs/common';
import { PrismaService, type Statement } from '../prisma.service';
import type { SignalState, Snooze } from '../generated/prisma/client';

export interface StateWrite {
  key: string;
  armed: boolean;
  lastFiredAt: Date | null;
  lastValue: number | null;
}

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
  async put(states: StateWrite[]): Promise<void> {
    const s = this.putStatement(states);
    if (s) await this.prisma.sql(s.text, s.values);
  }

  /** `put`'s statement, to go with others (`PrismaService.together`); null when there is nothing to write. */
  putStatement(states: StateWrite[]): Statement | null {
    if (!states.length) return null;
    return {
      text: `INSERT INTO signal_states (key, armed, last_fired_at, last_value, updated_at)
       SELECT k, a, f, v, now() FROM unnest($1::text[], $2::bool[], $3::timestamp[], $4::float8[]) AS t(k, a, f, v)
       ON CONFLICT (key) DO UPDATE SET armed = EXCLUDED.armed, last_fired_at = EXCLUDED.last_fired_at,
         last_value = EXCLUDED.last_value, updated_at = now()`,
      values: [
        states.map((s) => s.key),
        states.map((s) => s.armed),
        states.map((s) => (s.lastFiredAt ? s.lastFiredAt.toISOString() : null)),
        states.map((s) => (s.lastValue === null || !Number.isFinite(s.lastValue) ? null : s.lastValue)),
      ],
    };
  }

  /** Snoozes in force at `at` (hot path: every signals job reads them). */
  activeSnoozes(at: Date): Promise<Snooze[]> {
    return this.prisma.read<Snooze>(
      `SELECT "id", "target_type" AS "targetType", "target", "until", "reason", "created_at" AS "createdAt" FROM "snoozes" WHERE "until" > $1::timestamp(3)`,
      [at.toISOString()],
    );
  }
}
