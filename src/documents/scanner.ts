import { createReadStream } from 'node:fs';
import { connect, type Socket } from 'node:net';

export type ScanVerdict = { verdict: 'clean' } | { verdict: 'infected'; signature: string } | { verdict: 'not_scanned' };

/**
 * The malware check of every uploaded file. `none` scans nothing, and each file says so to staff
 * ("not scanned"); `clamd` asks ClamAV's daemon and throws `ScannerUnavailable` when it cannot get
 * an answer, so that the upload is refused rather than kept unscanned.
 */
export interface Scanner {
  readonly name: 'clamd' | 'none';
  scan(path: string): Promise<ScanVerdict>;
}

export class ScannerUnavailable extends Error {
  override name = 'ScannerUnavailable';
}

export const noScanner: Scanner = { name: 'none', scan: async () => ({ verdict: 'not_scanned' }) };

export type ClamdAddress = { socket: string } | { host: string; port: number };

/** clamd's answer to INSTREAM (`stream: OK`, `stream: <signature> FOUND`), or null for anything else (an error). */
export function parseClamdReply(reply: string): ScanVerdict | null {
  const text = reply.replace(/\0+$/, '').trim();
  if (text === 'stream: OK') return { verdict: 'clean' };
  const found = /^stream: (.+) FOUND$/.exec(text);
  return found?.[1] ? { verdict: 'infected', signature: found[1] } : null;
}

const CHUNK = 64 * 1024;

/**
 * ClamAV's daemon over its unix socket or TCP, with the INSTREAM command: the file goes in chunks
 * each prefixed by its 4-byte big-endian length, then a zero-length chunk; clamd answers one line.
 */
export function clamdScanner(address: ClamdAddress, timeoutMs = 60_000): Scanner {
  return {
    name: 'clamd',
    async scan(path) {
      let socket: Socket | undefined;
      try {
        const reply = await new Promise<string>((resolve, reject) => {
          const s = 'socket' in address ? connect(address.socket) : connect(address.port, address.host);
          socket = s;
          const chunks: Buffer[] = [];
          s.setTimeout(timeoutMs, () => s.destroy(new Error('clamd did not answer in time')));
          s.on('error', reject);
          s.on('data', (chunk: Buffer) => chunks.push(chunk));
          s.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
          s.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
          s.once('connect', async () => {
            try {
              s.write('zINSTREAM\0');
              for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) {
                const data = chunk as Buffer;
                const length = Buffer.alloc(4);
                length.writeUInt32BE(data.length);
                s.write(length);
                if (!s.write(data)) await new Promise((drained) => s.once('drain', drained));
              }
              s.write(Buffer.alloc(4));
            } catch (error) {
              s.destroy(error as Error);
            }
          });
        });
        const verdict = parseClamdReply(reply);
        if (!verdict) throw new ScannerUnavailable(`clamd answered: ${reply.replace(/\0/g, '').trim() || '(nothing)'}`);
        return verdict;
      } catch (error) {
        if (error instanceof ScannerUnavailable) throw error;
        throw new ScannerUnavailable(`clamd: ${(error as Error).message}`);
      } finally {
        socket?.destroy();
      }
    },
  };
}
