import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';
import type { ApiKey } from '../generated/prisma/client';

@Injectable()
export class ApiKeysRepository {
  constructor(private readonly prisma: PrismaService) {}

  findActiveByHash(hash: string): Promise<ApiKey | null> {
    return this.prisma.apiKey.findFirst({ where: { hash, revokedAt: null } });
  }

  list(): Promise<ApiKey[]> {
    return this.prisma.apiKey.findMany({ orderBy: { id: 'asc' } });
  }

  create(data: { name: string; prefix: string; hash: string; scope: string }): Promise<ApiKey> {
    return this.prisma.apiKey.create({ data });
  }

  revoke(id: number): Promise<ApiKey> {
    return this.prisma.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
  }

  async touch(id: number): Promise<void> {
    await this.prisma.apiKey.update({ where: { id }, data: { lastUsedAt: new Date() } });
  }
}
