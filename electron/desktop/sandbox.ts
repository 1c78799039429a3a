import { utilityProcess } from 'electron';
import { join } from 'node:path';
import type { SandboxLauncher } from '../services/training/sandbox-child';

/** The training registry in an Electron utility process: works with the RunAsNode fuse off. */
export const utilitySandboxLauncher: SandboxLauncher = (args, env) => {
  const child = utilityProcess.fork(join(__dirname, 'sandbox.js'), args, {
    env: { ...process.env, ...env },
    stdio: 'pipe',
    serviceName: 'training-registry',
  });
  return {
    stdout: child.stdout,
    stderr: child.stderr,
    kill: () => child.kill(),
    once: (_e, fn) => child.once('exit', fn),
  };
};
