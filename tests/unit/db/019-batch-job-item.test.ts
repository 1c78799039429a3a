import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/services/db/migrate';
import { migrations } from '../../../electron/services/db/migrations';

describe('019 batch-job-item', () => {
  const db = new Database(':memory:');
  migrate(db, migrations, 18);
  const job = (id: string, item?: string) =>
    db
      .prepare(
        `INSERT INTO batch_jobs(id, item_code, reason, clerk_id, source, mapping, created_at${item !== undefined ? ', item' : ''}) VALUES (?, 'senior-card', '批量核验', 'c1', x'00', '{}', 't'${item !== undefined ? ', ?' : ''})`,
      )
      .run(id, ...(item !== undefined ? [item] : []));
  job('B-018');
  migrate(db, migrations, 19);
  const item = (id: string) => db.prepare('SELECT item FROM batch_jobs WHERE id = ?').pluck().get(id);

  it('leaves a job from before 019 without an item (it reads with the catalog of today)', () => {
    expect(db.pragma('user_version', { simple: true })).toBe(19);
    expect(item('B-018')).toBeNull();
  });

  it("keeps a new job's item as JSON, and refuses anything else", () => {
    job('B-019', JSON.stringify({ code: 'senior-card', rules: [] }));
    expect(JSON.parse(item('B-019') as string)).toEqual({ code: 'senior-card', rules: [] });
    expect(() => job('B-BAD', 'not json')).toThrow(/CHECK/);
  });

  it("never changes a job's item once kept, while the job's state still moves", () => {
    expect(() => db.prepare("UPDATE batch_jobs SET item = '{}' WHERE id = 'B-019'").run()).toThrow(
      /keeps the item it was started with/,
    );
    expect(() => db.prepare('UPDATE batch_jobs SET item = NULL WHERE id = ?').run('B-019')).toThrow(/keeps the item/);
    expect(() => db.prepare("UPDATE batch_jobs SET item = '{}' WHERE id = 'B-018'").run()).toThrow(/keeps the item/);
    db.prepare("UPDATE batch_jobs SET state = 'paused', total = 3 WHERE id = 'B-019'").run();
    expect(item('B-019')).not.toBeNull();
  });
});
