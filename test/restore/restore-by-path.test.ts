// `restore --backup PATH`: the channels take a record's id only, so the CLI opens the app over the record's own
// folder (not the default one under HOME) and asks for the id. A kubeconfig the app created is previewed, then removed.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRestoreCommand } from '../../electron/cli/restore.js';

describe('restore --backup PATH', () => {
  it('reads the record from its own folder: previews, then restores', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'restore-home-'));
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'restore-records-'));
    const file = path.join(home, 'created-config');
    writeFileSync(file, 'apiVersion: v1\n');
    const id = 'web-prod-us-east-1-2026-12-07T10-00-00-000Z-abc123';
    const record = {
      id, target: file, writePath: file, backupPath: null, mode: 0o600, writtenAt: '2026-12-07T10:00:00.000Z',
      previousHash: 'absent', writtenHash: createHash('sha256').update(readFileSync(file)).digest('hex'),
    };
    writeFileSync(path.join(elsewhere, `${id}.json`), JSON.stringify({ version: 1, kind: 'kubeconfig', id, time: record.writtenAt, record }));
    const restore = (args: string[]) => runRestoreCommand(args, { env: { HOME: home } });

    const preview = await restore(['--backup', path.join(elsewhere, `${id}.json`), '--json']);
    expect(preview.exitCode, preview.stderr).toBe(0);
    expect(JSON.parse(preview.stdout)).toMatchObject({ backup: id, kind: 'kubeconfig', restored: false, problems: [], steps: [{ title: `Remove ${file}, which did not exist before the write` }] });
    expect(existsSync(file)).toBe(true);
    // By id alone, the default folder under HOME has no such record.
    expect((await restore(['--backup', id])).stderr).toBe(`error: there is no backup ${id} in ${path.join(home, '.eks-access-doctor', 'backups')}\n`);

    const done = await restore(['--backup', path.join(elsewhere, `${id}.json`), '--yes']);
    expect(done.exitCode, done.stderr).toBe(0);
    expect(done.stdout).toBe(`Removed ${file}, which did not exist before the update\n`);
    expect(existsSync(file)).toBe(false);
  });
});
