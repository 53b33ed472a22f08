import { Injectable, UnauthorizedException, ForbiddenException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ApiKeyService, bearer } from './api-key.service';

/** When a key is configured, mutating calls need an admin key; reads stay open for the dashboard. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly keys: ApiKeyService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    // Global guards also run on gateway messages: sockets were authenticated at the handshake.
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<Request>();
    if (!this.keys.enabled || ['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return true;
    if (req.path.startsWith('/api/websub/')) return true; // verified by challenge and HMAC instead
    const token = bearer(req.headers.authorization);
    if (!token) throw new UnauthorizedException('Authorization: Bearer <api key> is required for this call');
    const scope = await this.keys.scopeOf(token);
    if (!scope) throw new UnauthorizedException('API key not recognised');
    if (scope !== 'admin') throw new ForbiddenException('this API key is read-only');
    return true;
  }
}
