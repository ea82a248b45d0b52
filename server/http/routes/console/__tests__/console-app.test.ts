import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleApp } from '../index.ts';

/** The static handler on its own, over a throwaway dist folder, so it needs no build. */
let folder: string;
let built: FastifyInstance;
let unbuilt: FastifyInstance;

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'console-dist-'));
  await mkdir(path.join(folder, 'assets'));
  await writeFile(path.join(folder, 'index.html'), '<!doctype html><div id="app"></div>');
  await writeFile(path.join(folder, 'assets', 'main-abc123.js'), 'console.log(1)');
  built = Fastify();
  await built.register(consoleApp, { distFolder: folder });
  unbuilt = Fastify();
  await unbuilt.register(consoleApp, { distFolder: path.join(folder, 'missing') });
});
afterAll(async () => {
  await built.close();
  await unbuilt.close();
  await rm(folder, { recursive: true, force: true });
});

describe('console app', () => {
  it('serves index.html at /console with a content security policy that forbids framing the console', async () => {
    const response = await built.inject('/console');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.body).toContain('<div id="app">');
  });

  it('answers client routes with index.html (deep links survive a reload)', async () => {
    for (const url of ['/console/', '/console/chats/7f3a', '/console/admin/widgets']) {
      const response = await built.inject(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.body).toContain('<div id="app">');
    }
  });

  it('serves hashed assets as immutable and missing files as 404', async () => {
    const asset = await built.inject('/console/assets/main-abc123.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await built.inject('/console/assets/gone.js')).statusCode).toBe(404);
  });

  it('never serves files outside the dist folder', async () => {
    for (const url of ['/console/../package.json', '/console/%2e%2e/%2e%2e/package.json', '/console/%E0%A4%A']) {
      const response = await built.inject(url);
      expect(response.body, url).not.toContain('"name"');
    }
  });

  it('says in words how to build when the build is missing', async () => {
    const response = await unbuilt.inject('/console');
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain('npm run build');
  });
});
