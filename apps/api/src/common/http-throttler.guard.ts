import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * The REST rate limit (SEISMO_RATE_LIMIT_PER_MINUTE per client IP). Global guards also run on
 * gateway messages, where there is no HTTP request: there every socket would share one bucket
 * (one flooding client would starve the others), so sockets keep their own per-socket limit
 * in AlertsGateway instead.
 */
@Injectable()
export class HttpThrottlerGuard extends ThrottlerGuard {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    return super.canActivate(context);
  }
}
