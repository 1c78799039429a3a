import type { EconSourcesView } from './api-types';
import type { MeansConfig } from './config';
import { MeansError } from './errors';
import type { SourceKey } from './keys';

export type { EconSourcesView };

interface SandboxAdmin {
  url: string;
  adminSecret: string;
}

type Faults = { latencyMs?: number; sources?: Partial<Record<SourceKey, Record<string, unknown>>> };

async function admin(s: SandboxAdmin, body?: Faults): Promise<Faults> {
  let r: Response;
  try {
    r = await fetch(new URL('/admin/econ', s.url), {
      method: body ? 'POST' : 'GET',
      headers: { 'x-admin-secret': s.adminSecret, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(3000),
    });
  } catch (e) {
    throw new MeansError('MEANS_TRAINING_SANDBOX', `The training sandbox did not answer: ${String(e)}`);
  }
  if (!r.ok) throw new MeansError('MEANS_TRAINING_SANDBOX', `The training sandbox refused: HTTP ${r.status}`);
  return ((await r.json()) as { faults: Faults }).faults;
}

/**
 * The sandbox's economic-source faults as the trainer's panel shows them, and one switch: a source
 * down (its checks become unknown, the run names it missing) or back up. Only the sandbox this
 * terminal started has its admin secret; a registry named in the config has none here.
 */
export async function econSources(
  sandbox: SandboxAdmin | undefined,
  cfg: MeansConfig,
  set?: { source: SourceKey; down: boolean },
): Promise<EconSourcesView> {
  if (!sandbox)
    throw new MeansError(
      'MEANS_TRAINING_SANDBOX',
      'The source switches need the training sandbox this terminal starts.',
    );
  let f = await admin(sandbox);
  if (set) {
    // Keep the other switches (latency, broken signatures) as they are.
    const sources = { ...(f.sources ?? {}) };
    sources[set.source] = { ...(sources[set.source] ?? {}), down: set.down };
    f = await admin(sandbox, { ...f, sources });
  }
  return {
    sources: cfg.sources.map((s) => ({
      key: s.key,
      name: { zh: s.issuerZh, en: s.issuerEn },
      down: f.sources?.[s.key]?.down === true,
    })),
  };
}
