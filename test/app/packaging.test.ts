// The packaging config (electron-builder.yml): the Electron fuses that close the usual ways to run other code in
// the app's process are set, with keys electron-builder knows (a misspelt key would be ignored at build time).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const config = parse(readFileSync('electron-builder.yml', 'utf8')) as { asar?: boolean; electronFuses?: Record<string, boolean> };
const schema = JSON.parse(readFileSync('node_modules/app-builder-lib/scheme.json', 'utf8')) as {
  properties: Record<string, unknown>;
  definitions: { FuseOptionsV1: { properties: Record<string, { type: string }> } };
};

describe('electron-builder.yml', () => {
  it('sets each fuse', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // Loading the app only from an asar needs the app packed into one.
    expect(config.asar).toBe(true);
  });

  it('uses only keys and value types of electron-builder\'s own schema', () => {
    expect(Object.keys(schema.properties)).toContain('electronFuses');
    const known = schema.definitions.FuseOptionsV1.properties;
    for (const [key, value] of Object.entries(config.electronFuses ?? {})) {
      expect(known, key).toHaveProperty(key);
      expect(typeof value, key).toBe(known[key]!.type);
    }
  });

  it('pins the Electron the lock file installs', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { devDependencies: Record<string, string> };
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { version: string }> };
    expect(pkg.devDependencies.electron).toMatch(/^\d+\.\d+\.\d+$/);
    expect(lock.packages['node_modules/electron']!.version).toBe(pkg.devDependencies.electron);
  });
});
