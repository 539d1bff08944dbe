/**
 * The first start on a laptop (a loopback address, no key in the store), as Jupyter does it: an operator key of
 * the default workspace, and a way in that keeps the key out of the log.
 *
 * - stdout is a terminal: one sign-in link with a one-time code (server/signin.ts), and the key itself, printed
 *   there once. The link works once, for 10 minutes: the copy in the browser's history is then worth nothing.
 * - stdout is not a terminal (a log file, a service manager): nothing is printed; the key is written to
 *   `<data dir>/first-start.key` (mode 0600), and one log line says where, without the key. With PostgreSQL there
 *   is no data folder: no key is made, and the log says how to make one with the CLI.
 * On any other address the host only warns: keys are made with the CLI there.
 * Every later start (a key exists) says where the playground is and how to sign in: on a terminal as text, else as
 * one log line (never a key: a key in the store is a hash).
 */
import { existsSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { isLoopback } from './guards.js';
import { issueKey } from './keys.js';
import { DEFAULT_WORKSPACE } from './resources.js';
import { SIGN_IN_CODE_SECONDS } from './signin.js';
import { sqliteFile } from './store/open.js';
import type { Store } from './store/types.js';

/** The CLI command that makes an operator key, exactly as it works. */
export const MAKE_KEY = 'npx pipedrive-connector keys create --workspace default --operator';

/** Where a first start that has no terminal leaves its key. */
export const FIRST_START_KEY_FILE = 'first-start.key';

export async function firstStart(
  app: FastifyInstance,
  store: Store,
  config: Config,
  out: Pick<NodeJS.WriteStream, 'write' | 'isTTY'> = process.stdout,
): Promise<void> {
  if (await store.hasActiveApiKey()) {
    laterStart(app, config, out);
    return;
  }
  if (!isLoopback(config.host)) {
    app.log.warn(`no API key exists yet: create one with \`${MAKE_KEY}\` (see the README, "Sign in")`);
    return;
  }
  const file = sqliteFile(config);
  const terminal = out.isTTY === true;
  if (!terminal && !file) {
    app.log.warn(
      `no API key exists yet, and stdout is not a terminal to show one: create one with \`${MAKE_KEY}\` (see the README, "Sign in")`,
    );
    return;
  }
  const { key } = await issueKey(store, {
    workspace_id: DEFAULT_WORKSPACE,
    operator: true,
    label: 'first start',
    by: null,
  });
  if (terminal) {
    const { code } = app.host.signIn.offer(key);
    out.write(
      `\nSign in to the playground (this link works once, within ${SIGN_IN_CODE_SECONDS / 60} minutes):\n` +
        `  ${config.publicUrl}/playground#code=${code}\n` +
        `The host operator's API key it signs in with, shown this once (keep it; make others with \`${MAKE_KEY}\`):\n` +
        `  ${key}\n\n`,
    );
    return;
  }
  const keyFile = join(dirname(file as string), FIRST_START_KEY_FILE);
  // Created afresh with mode 0600: an older file would keep its own mode.
  if (existsSync(keyFile)) unlinkSync(keyFile);
  writeFileSync(keyFile, `${key}\n`, { mode: 0o600, flag: 'wx' });
  app.log.warn(
    { file: keyFile },
    `first start: a host operator's API key was made and written to this file (mode 0600), not to the log; read it, sign in, then delete the file (or make keys with \`${MAKE_KEY}\`)`,
  );
}

/** A start with keys in the store: the playground's address and the way to sign in, with a command that works. */
function laterStart(
  app: FastifyInstance,
  config: Config,
  out: Pick<NodeJS.WriteStream, 'write' | 'isTTY'>,
): void {
  const playground = `${config.publicUrl}/playground`;
  if (out.isTTY === true) {
    out.write(
      `\nPlayground: ${playground}\n` +
        'Sign in there with a host API key (the first start printed one). Lost it? Make another with:\n' +
        `  ${MAKE_KEY}\n\n`,
    );
    return;
  }
  app.log.info(
    { playground },
    `playground at ${playground}: sign in with a host API key; make one with \`${MAKE_KEY}\``,
  );
}
