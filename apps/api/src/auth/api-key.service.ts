import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@seismo/config';
import { ApiKeysRepository } from '@seismo/db';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export type Scope = 'read' | 'admin';
const sha256 = (s: string) => createHash('sha256').update(s).digest();

/**
 * API keys: SEISMO_API_KEY is the bootstrap admin key; more keys (read or admin) are created over
 * REST, stored only as SHA-256 hashes, compared in constant time, and revoked to rotate.
 */
@Injectable()
export class ApiKeyService {
  private readonly envHash: Buffer | null;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly keys: ApiKeysRepository,
  ) {
    this.envHash = config.apiKey ? sha256(config.apiKey) : null;
  }

  get enabled(): boolean {
    return this.envHash !== null;
  }

  /** The scope a presented token grants, or null. */
  async scopeOf(token: string | undefined | null): Promise<Scope | null> {
    if (!token || token.length > 256) return null;
    const h = sha256(token);
    if (this.envHash && timingSafeEqual(h, this.envHash)) return 'admin';
    const row = await this.keys.findActiveByHash(h.toString('hex'));
    if (!row) return null;
    void this.keys.touch(row.id).catch(() => undefined);
    return row.scope === 'admin' ? 'admin' : 'read';
  }

  async create(name: string, scope: Scope): Promise<{ id: number; name: string; scope: Scope; prefix: string; key: string }> {
    const key = `sk_${scope}_${randomBytes(24).toString('base64url')}`;
    const row = await this.keys.create({ name, scope, prefix: key.slice(0, 12), hash: sha256(key).toString('hex') });
    return { id: row.id, name: row.name, scope, prefix: row.prefix, key };
  }
}

export function bearer(header: string | string[] | undefined): string | null {
  const h = Array.isArray(header) ? header[0] : header;
  const m = /^Bearer\s+(\S+)$/i.exec(h ?? '');
  return m ? m[1] : null;
}
