import type { AddressInfo } from 'node:net';
import { createTenant, createTestApp, type TestApp, type TestTenant } from '../../server/test/test-app.ts';

export interface LiveServer extends TestApp {
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  tenant: TestTenant;
}

/**
 * The real app on a fresh test database, listening on a free loopback port, so a browser
 * and WebSocket clients reach it exactly as they would a deployed server.
 */
export async function startLiveServer(env: Record<string, string> = {}): Promise<LiveServer> {
  const testApp = await createTestApp(env);
  await testApp.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = testApp.app.server.address() as AddressInfo;
  const tenant = await createTenant(testApp.core);
  return { ...testApp, baseUrl: `http://127.0.0.1:${port}`, tenant };
}
