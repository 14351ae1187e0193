import { createHash } from 'node:crypto';
import type { CallCounter } from './calls';
import { counted } from './counting';

/** Session: https://developers.google.com/apps-script/reference/base/session */
export class User {
  constructor(private readonly email: string) {}
  getEmail(): string {
    return this.email;
  }
  toString(): string {
    return this.email;
  }
}

export interface SessionContext {
  activeUser: string;
  effectiveUser: string;
  timeZone: string;
  /** BCP 47 or Java style ("fr-CA", "fr_CA"); reported Java style like the real service. */
  locale: string;
}

export class SessionImpl {
  constructor(
    private readonly ctx: SessionContext,
    private readonly calls: CallCounter,
  ) {}

  getActiveUser(): User {
    return counted(this.calls, 'User', new User(this.ctx.activeUser));
  }
  getEffectiveUser(): User {
    return counted(this.calls, 'User', new User(this.ctx.effectiveUser));
  }
  getScriptTimeZone(): string {
    return this.ctx.timeZone;
  }
  getActiveUserLocale(): string {
    return this.ctx.locale.replace('-', '_');
  }
  /** Stable per user, opaque, rotates every 30 days in the real service (not emulated). */
  getTemporaryActiveUserKey(): string {
    return createHash('sha256').update(`fiche-client:${this.ctx.activeUser}`).digest('base64');
  }
}

export function createSession(ctx: SessionContext, calls: CallCounter): SessionImpl {
  return counted(calls, 'Session', new SessionImpl(ctx, calls));
}
