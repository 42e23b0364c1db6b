// The behaviour every Storage adapter must have, run by storage.int.test.ts on each adapter.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { newStorageKey, type Storage, StoredObjectMissing } from './storage.ts';

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Registers the contract's tests for one adapter; `open` gives the adapter once its service is up. */
export function storageContract(name: string, open: () => Storage): void {
  test(`${name}: ready when it can be written and read`, async () => {
    await open().ready();
  });

  test(`${name}: a buffer put under a key comes back byte for byte`, async () => {
    const storage = open();
    const key = newStorageKey();
    const content = randomBytes(1000);
    await storage.put(key, content);
    assert.deepEqual(await bytesOf(await storage.get(key)), content);
  });

  test(`${name}: a stream of several MiB, with or without its size, comes back whole`, async () => {
    const storage = open();
    const content = randomBytes(6 * 1024 * 1024 + 17);
    const chunks = () => Readable.from(Array.from({ length: Math.ceil(content.length / 65536) }, (_, i) => content.subarray(i * 65536, (i + 1) * 65536)));
    const sized = newStorageKey();
    await storage.put(sized, chunks(), content.length);
    assert.ok((await bytesOf(await storage.get(sized))).equals(content));
    const unsized = newStorageKey();
    await storage.put(unsized, chunks());
    assert.ok((await bytesOf(await storage.get(unsized))).equals(content));
  });

  test(`${name}: an empty object is an object`, async () => {
    const storage = open();
    const key = newStorageKey();
    await storage.put(key, Buffer.alloc(0));
    assert.equal((await bytesOf(await storage.get(key))).length, 0);
  });

  test(`${name}: a key never written, or removed, is missing; removing twice is fine`, async () => {
    const storage = open();
    await assert.rejects(storage.get(newStorageKey()), StoredObjectMissing);
    const key = newStorageKey();
    await storage.put(key, Buffer.from('discard me'));
    await storage.remove(key);
    await assert.rejects(storage.get(key), StoredObjectMissing);
    await storage.remove(key);
  });

  test(`${name}: two keys are two objects`, async () => {
    const storage = open();
    const [a, b] = [newStorageKey(), newStorageKey()];
    assert.notEqual(a, b);
    await storage.put(a, Buffer.from('a'));
    await storage.put(b, Buffer.from('b'));
    assert.equal((await bytesOf(await storage.get(a))).toString(), 'a');
    assert.equal((await bytesOf(await storage.get(b))).toString(), 'b');
  });

  test(`${name}: a key that is not one the portal made is refused before anything is written`, async () => {
    const storage = open();
    for (const key of ['../etc/passwd', 'ab/../../x', '/absolute', 'CV final.pdf', '']) {
      await assert.rejects(storage.put(key, Buffer.from('x')), /not a storage key/, key);
      await assert.rejects(storage.get(key), /not a storage key/, key);
    }
  });
}
