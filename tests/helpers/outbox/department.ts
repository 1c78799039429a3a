/** The sandbox department for outbox tests: started in process, inspected and steered through its admin API. */
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../../sandbox/server';
import { APP } from './driver';

/** The sandbox with a tiny population (the department needs none), on a free loopback port. */
export function startDepartment(opts: SandboxOptions = {}): Promise<SandboxHandle> {
  return startSandbox({ residents: 20, ...APP, ...opts, port: 0 });
}

export async function received(
  url: string,
): Promise<{ totals: Record<string, number>; submissions: { submissionId: string; posts: number; status: string }[] }> {
  const r = await fetch(new URL('admin/department/received', url), { headers: { 'x-admin-secret': APP.adminSecret } });
  if (!r.ok) throw new Error(`department admin: ${r.status}`);
  return (await r.json()) as never;
}

export async function setDepartment(url: string, body: unknown): Promise<void> {
  const r = await fetch(new URL('admin/department', url), {
    method: 'POST',
    headers: { 'x-admin-secret': APP.adminSecret, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`department admin: ${r.status} ${await r.text()}`);
}
