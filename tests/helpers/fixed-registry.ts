import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { createRegistryClient, RegistryError, type RegistryClient } from '../../electron/services/registry';

/**
 * A registry on loopback that answers every call with the JSON the test last set, and a client of
 * it with no retries: for hostile answers at the client's boundary (shapes the sandbox never sends).
 */
export async function fixedAnswerRegistry(): Promise<{
  client: RegistryClient;
  answer(body: unknown): void;
  close(): Promise<void>;
}> {
  let body: unknown;
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  const client = createRegistryClient({
    baseUrl: `http://127.0.0.1:${port}/`,
    appKey: 'k',
    appSecret: 's',
    retries: { max: 0 },
  });
  return {
    client,
    answer: (b) => (body = b),
    async close() {
      client.close();
      await new Promise((r) => server.close(r));
    },
  };
}

/**
 * The code of the RegistryError a call fails with; fails the test if it succeeds, throws anything
 * else, or words the error too briefly to say what to do.
 */
export async function registryErrorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(RegistryError);
    expect((e as RegistryError).message.length).toBeGreaterThan(20);
    return (e as RegistryError).code;
  }
  throw new Error('expected a RegistryError');
}
