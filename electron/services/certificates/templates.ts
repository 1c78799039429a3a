import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CertificateError, describeIssues } from './errors';
import { resourcesDir } from './resources';
import { templateSchema, type CertificateTemplate } from './template-schema';

const cache = new Map<string, CertificateTemplate>();

/** Validates template data from anywhere (file, test, admin tool) into the engine's shape. */
export function parseTemplate(raw: unknown, origin = 'template'): CertificateTemplate {
  const parsed = templateSchema.safeParse(raw);
  if (!parsed.success) {
    throw new CertificateError(
      'CERT_TEMPLATE_INVALID',
      `${origin} is not a valid certificate template (${describeIssues(parsed.error.issues)}). Fix the JSON against template-schema.ts.`,
    );
  }
  return parsed.data;
}

/** Loads resources/templates/<id>.json once per process. */
export function loadTemplate(id: string): CertificateTemplate {
  const hit = cache.get(id);
  if (hit) return hit;
  if (!/^[a-z0-9-]+$/.test(id)) {
    throw new CertificateError(
      'CERT_TEMPLATE_NOT_FOUND',
      `Template id "${id}" is not valid; ids are lower-case letters, digits and dashes.`,
    );
  }
  const file = join(resourcesDir(), 'templates', `${id}.json`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new CertificateError(
      'CERT_TEMPLATE_NOT_FOUND',
      `No certificate template "${id}" at ${file}. Check the service catalog's template id or reinstall the app's resources.`,
      { cause },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new CertificateError('CERT_TEMPLATE_INVALID', `${file} is not valid JSON: ${(cause as Error).message}.`, {
      cause,
    });
  }
  const template = parseTemplate(json, file);
  if (template.id !== id) {
    throw new CertificateError(
      'CERT_TEMPLATE_INVALID',
      `${file} declares id "${template.id}"; the file name and id must match.`,
    );
  }
  cache.set(id, template);
  return template;
}

export function listTemplateIds(): string[] {
  return readdirSync(join(resourcesDir(), 'templates'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}
