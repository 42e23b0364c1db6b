// A ClamAV daemon of the test's own, on a unix socket in a temporary folder, with a one-line
// signature database the test writes (the official database cannot be downloaded here).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CLAMD = '/usr/sbin/clamd';
/** The standard antivirus test string: harmless, and every scanner reports it. */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

export interface TestClamd {
  socket: string;
  stop(): Promise<void>;
}

/**
 * Starts clamd with a body signature (`.ndb`, any file type, any offset) for EICAR, so the test
 * string is found inside any file — a PDF that passes the type check among them.
 */
export async function startClamd(): Promise<TestClamd> {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-clamd-'));
  mkdirSync(join(dir, 'db'));
  writeFileSync(join(dir, 'db', 'eicar.ndb'), `Eicar-Test-Signature:0:*:${Buffer.from(EICAR).toString('hex')}\n`);
  const socket = join(dir, 'clamd.sock');
  writeFileSync(
    join(dir, 'clamd.conf'),
    [`Foreground yes`, `LocalSocket ${socket}`, `DatabaseDirectory ${join(dir, 'db')}`, `TemporaryDirectory ${dir}`, `LogFile ${join(dir, 'clamd.log')}`, `PidFile ${join(dir, 'clamd.pid')}`].join('\n') + '\n',
  );
  const child: ChildProcess = spawn(CLAMD, ['-c', join(dir, 'clamd.conf')], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let i = 0; i < 300 && !existsSync(socket); i++) {
    if (child.exitCode !== null) throw new Error(`clamd exited (${child.exitCode}); see ${dir}/clamd.log`);
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!existsSync(socket)) throw new Error('clamd did not open its socket in 30 s');
  return {
    socket,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
