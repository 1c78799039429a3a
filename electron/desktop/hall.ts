import { utilityProcess } from 'electron';
import { join } from 'node:path';
import type { HallLauncher } from '../services/training/hall-child';

/** The training hall server in an Electron utility process (it starts its embedded PostgreSQL). */
export const utilityHallLauncher: HallLauncher = (args, env) => {
  const child = utilityProcess.fork(join(__dirname, 'hall.js'), args, {
    // A utility process has no stdin to watch; Electron ends it with the app.
    env: { ...process.env, ...env, HALL_EXIT_WITH_STDIN: '0' },
    stdio: 'pipe',
    serviceName: 'training-hall',
  });
  return {
    stdout: child.stdout,
    stderr: child.stderr,
    kill: () => child.kill(),
    once: (_e, fn) => child.once('exit', fn),
  };
};
