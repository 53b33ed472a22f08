import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';
import type { Snooze } from '../generated/prisma/client';

@Injectable()
export class SnoozesRepository {
  constructor(private readonly prisma: PrismaService) {}

  list(): Promise<Snooze[]> {
    return this.prisma.snooze.findMany({ orderBy: { id: 'asc' } });
  }

  upsert(data: { targetType: string; target: string; until: Date; reason?: string | null }): Promise<Snooze> {
    return this.prisma.snooze.upsert({
      where: { targetType_target: { targetType: data.targetType, target: data.target } },
      create: { ...data, reason: data.reason ?? null },
      update: { until: data.until, reason: data.reason ?? null },
    });
  }

  delete(id: number): Promise<Snooze> {
    return this.prisma.snooze.delete({ where: { id } });
  }
}
