import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';
import type { SignalState, Snooze } from '../generated/prisma/client';

@Injectable()
export class SignalStateRepository {
  constructor(private readonly prisma: PrismaService) {}

  async get(keys: string[]): Promise<Map<string, SignalState>> {
    const rows = keys.length ? await this.prisma.signalState.findMany({ where: { key: { in: keys } } }) : [];
    return new Map(rows.map((r) => [r.key, r]));
  }

  async put(states: { key: string; armed: boolean; lastFiredAt: Date | null; lastValue: number | null }[]): Promise<void> {
    for (const s of states) {
      await this.prisma.signalState.upsert({ where: { key: s.key }, create: s, update: s });
    }
  }

  activeSnoozes(at: Date): Promise<Snooze[]> {
    return this.prisma.snooze.findMany({ where: { until: { gt: at } } });
  }
}
