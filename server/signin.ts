/**
 * The first start's sign-in link (`<PUBLIC_URL>/playground#code=<code>`): a one-time code the playground exchanges
 * for the key with `POST /signin`. The code lives 10 minutes, is used once, and is kept as its SHA-256 only, with
 * the key it signs in with, in this process's memory (never in the store or the log): once used or expired, the
 * link left in the browser's history is worth nothing.
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ConnectorError } from '../runtime/errors.js';
import { errors } from './openapi.js';
import type { App } from './routes/deps.js';

/** How long a sign-in link works. */
export const SIGN_IN_CODE_SECONDS = 600;

const hashCode = (code: string) => createHash('sha256').update(code, 'utf8').digest('hex');

export class SignInCodes {
  private readonly codes = new Map<string, { key: string; timer: NodeJS.Timeout }>();

  /** A new one-time code for `key`. */
  offer(key: string): { code: string; expiresAt: Date } {
    const code = randomBytes(32).toString('base64url');
    const hash = hashCode(code);
    // The key is forgotten when the code expires, not kept until someone asks.
    const timer = setTimeout(() => this.codes.delete(hash), SIGN_IN_CODE_SECONDS * 1000);
    timer.unref();
    this.codes.set(hash, { key, timer });
    return { code, expiresAt: new Date(Date.now() + SIGN_IN_CODE_SECONDS * 1000) };
  }

  /** The key of a code that is known and unexpired; the code is used up. */
  take(code: string): string | undefined {
    const hash = hashCode(code);
    const offered = this.codes.get(hash);
    if (!offered) return undefined;
    this.codes.delete(hash);
    clearTimeout(offered.timer);
    return offered.key;
  }

  clear(): void {
    for (const { timer } of this.codes.values()) clearTimeout(timer);
    this.codes.clear();
  }
}

/**
 * `POST /signin {"code"}`: the key of a sign-in link, once. A wrong code counts as a failed attempt of the address,
 * as a wrong API key does (AUTH_FAILURES_PER_MINUTE; `access: 'signin'`).
 */
export function registerSignInRoute(app: App, codes: SignInCodes): void {
  app.post(
    '/signin',
    {
      config: { access: 'signin' },
      schema: {
        operationId: 'signIn',
        summary: 'Exchange a sign-in code for its key',
        description: `The playground's side of the first start's sign-in link (\`/playground#code=<code>\`): the API key the link was made for. A code works once, within ${SIGN_IN_CODE_SECONDS / 60} minutes of the start; an unknown, used or expired one is \`invalid_input\` and counts as a failed attempt of the address.`,
        tags: ['host'],
        body: z.strictObject({
          code: z.string().min(1).max(200).meta({ description: 'The code of the sign-in link.' }),
        }),
        response: {
          200: z
            .object({ key: z.string().meta({ description: 'The API key: keep it, it is not shown again.' }) })
            .meta({ description: 'The key of the link.' }),
          ...errors([]),
        },
      },
    },
    async (request, reply) => {
      const key = codes.take(request.body.code);
      if (!key) {
        await app.countFailedAttempt(request, reply);
        throw new ConnectorError(
          'invalid_input',
          'This sign-in link is unknown, expired or was used already: sign in with the API key itself.',
          { issues: [{ path: 'code', message: 'is not valid' }] },
        );
      }
      request.log.info('signed in with the sign-in link of the first start');
      return { key };
    },
  );
}
