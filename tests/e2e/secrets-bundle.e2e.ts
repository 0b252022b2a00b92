import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { FAKE_API_KEYS, leakedKeys } from '../../relay/access/fake-api-keys.ts';

/**
 * The client bundle holds no API key even when the keys sit in the environment and in a .env file
 * of the build: the app is built here with both, and every emitted file (source maps included) is
 * searched. The relay's side (responses, streams, logs, audit) is relay/access/secrets-exposure.test.ts.
 */
const workDir = mkdtempSync(join(tmpdir(), 'portal-bundle-secrets-'));
const savedEnv = { ...process.env };

afterAll(() => {
  for (const name of Object.keys(FAKE_API_KEYS)) delete process.env[name];
  Object.assign(process.env, savedEnv);
  rmSync(workDir, { recursive: true, force: true });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('client bundle', () => {
  it('built with the keys in the environment and in .env, contains none of them', async () => {
    Object.assign(process.env, FAKE_API_KEYS);
    const envDir = join(workDir, 'env');
    const outDir = join(workDir, 'dist');
    const dotenv = Object.entries(FAKE_API_KEYS).map(([name, value]) => `${name}=${value}`).join('\n');
    mkdirSync(envDir);
    writeFileSync(join(envDir, '.env'), `${dotenv}\n`);
    await build({ configFile: 'vite.config.ts', envDir, logLevel: 'error', build: { outDir, emptyOutDir: true } });

    const files = filesUnder(outDir);
    expect(files.some((f) => f.endsWith('index.html'))).toBe(true);
    expect(files.filter((f) => f.endsWith('.js')).length).toBeGreaterThan(1);
    expect(files.some((f) => f.endsWith('.js.map'))).toBe(true);
    const leaks = files.map((file) => ({ file, leaked: leakedKeys(readFileSync(file, 'latin1')) })).filter(({ leaked }) => leaked.length > 0);
    expect(leaks).toEqual([]);
  });
});
