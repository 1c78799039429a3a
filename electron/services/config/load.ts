import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../errors';
import { configSchema, trainingConfig, type CounterConfig } from './schema';

export interface LoadedConfig {
  config: CounterConfig;
  dataDir: string;
  /** Where the config came from, for the log line at start-up. */
  source: string;
}

/** The OS user-data folder, matching what Electron's app.getPath('userData') gives for this app. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const app = 'counter-terminal';
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), app);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', app);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), app);
}

/** Reads COUNTER_CONFIG; a bad file fails with CONFIG_INVALID naming the field, never a silent fallback. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  const dataDir = env.COUNTER_DATA_DIR || defaultDataDir(env);
  const file = env.COUNTER_CONFIG;
  if (!file) return { config: trainingConfig, dataDir, source: 'no COUNTER_CONFIG: training mode' };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const why = err instanceof SyntaxError ? `it is not valid JSON (${err.message})` : 'it cannot be read';
    throw new AppError(
      'CONFIG_UNREADABLE',
      `Config file ${file}: ${why}. Fix the file or unset COUNTER_CONFIG to run in training mode.`,
    );
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || '(root)';
    throw new AppError('CONFIG_INVALID', `Config file ${file}: field "${field}": ${issue.message}.`, {
      field,
      params: { field },
    });
  }
  return { config: parsed.data, dataDir, source: file };
}
