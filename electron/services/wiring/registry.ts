import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { AppError } from '../errors';
import { CACHE_POLICY_FILE, loadCachePolicy, newestCachedAt, purgeCache } from '../cache';
import type { Core } from '../core/core';
import { LicenseService } from '../licenses';
import { createRegistryClient, isRegistryError } from '../registry';
import { loadPinnedIssuers } from '../registry/pinned';
import { startSandboxChild, type SandboxLauncher } from '../training/sandbox-child';

/**
 * Registry client (the real platform, or the training sandbox started as a child) behind the
 * encrypted cache. Status changes go to the status bar at once, so the clerk sees "offline".
 */
export async function wireRegistry(core: Core, launchSandbox: SandboxLauncher): Promise<void> {
  const cipher = core.services.cipher;
  if (!cipher) return;
  let conn = core.config.registry;
  if (!conn && core.training) {
    const dir = join(core.opts.dataDir, 'training');
    mkdirSync(dir, { recursive: true });
    const sandbox = await startSandboxChild(launchSandbox, dir);
    core.services.sandbox = sandbox;
    core.onClose(() => sandbox.stop());
    conn = { url: sandbox.url, appKey: sandbox.appKey, appSecret: sandbox.appSecret, timeoutMs: 3000 };
    core.log(`training registry: ${sandbox.url}`);
  }
  if (!conn) {
    core.status.setRegistry({ state: 'unavailable', code: 'REGISTRY_NOT_CONFIGURED' });
    return;
  }
  let pinned: Map<string, string> | undefined;
  try {
    pinned = 'pinnedIssuers' in conn && conn.pinnedIssuers ? loadPinnedIssuers(conn.pinnedIssuers) : undefined;
  } catch (err) {
    // Fail closed, and say so where the clerk and the administrator look.
    const e =
      err instanceof AppError
        ? err
        : new AppError('CONFIG_INVALID', 'registry.pinnedIssuers is unreadable', {
            params: { field: 'registry.pinnedIssuers' },
          });
    core.status.setRegistry({ state: 'unavailable', code: e.code, ...(e.params ? { params: e.params } : {}) });
    throw err;
  }
  if (pinned) core.log(`registry: ${pinned.size} pinned issuer key(s); any other key in the trust list is refused`);
  else if (!core.training)
    core.log(
      "registry: issuer keys are taken from the registry's own trust list; set registry.pinnedIssuers to pin them",
    );
  const client = createRegistryClient({
    baseUrl: conn.url,
    appKey: conn.appKey,
    appSecret: conn.appSecret,
    timeouts: { connectMs: 1500, totalMs: conn.timeoutMs },
    ...(pinned
      ? {
          trust: {
            pinned,
            onRefused: (i) =>
              core.log(
                `registry: issuer ${i.issuerCode} refused: its key is not pinned, so its licenses stay unverified. If the issuer changed its key, update the pinned file from the key it published`,
              ),
          },
        }
      : {}),
  });
  core.onClose(() => client.close());
  const policy = loadCachePolicy(join(core.resourcesDir, CACHE_POLICY_FILE));
  const licenses = new LicenseService({
    registry: client,
    db: core.db,
    cipher,
    policy,
    timeoutMs: conn.timeoutMs,
    isOnline: () => client.state() !== 'open',
    // A refusal (bad credentials, missing usage element) is an answer, not an outage: no cache fallback.
    isUnreachable: (err) => !isRegistryError(err) || err.offline,
  });
  core.services.registry = client;
  core.services.licenses = licenses;
  const publish = () => {
    const s = licenses.getStatus();
    const online = s.online && client.state() !== 'open';
    if (online) core.status.setRegistry({ state: core.training ? 'training' : 'online' });
    else {
      const cacheAsOf = newestCachedAt(core.db);
      core.status.setRegistry({
        state: 'offline',
        since: s.offlineSince ?? new Date().toISOString(),
        ...(cacheAsOf ? { cacheAsOf } : {}),
      });
    }
  };
  licenses.onStatusChange(publish);
  client.onState(publish);
  publish();
  // The issuers' keys are fetched and their points precomputed (~40 ms of CPU each) now, in the
  // background, not on the first card, where they cost ~400 ms while the screen was being drawn.
  void client
    .trustList()
    .catch((err: unknown) =>
      core.log(
        `trust list not loaded at start (${err instanceof Error ? err.message : String(err)}); it is fetched with the first license`,
      ),
    );
  try {
    const r = purgeCache(core.db, policy, { vacuum: 'auto' });
    if (r.deleted) core.log(`cache purge: ${r.deleted} expired entries removed`);
  } catch (err) {
    core.log(`cache purge failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
