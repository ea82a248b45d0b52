import { expect, it } from 'vitest';
import { useTestApp } from '../../test/test-app.ts';
import { authenticateApiKey, cachedApiKeyIds } from '../queries/authenticate-api-key.ts';

const { t, tenant } = useTestApp({ tenants: 1 });

/** A well-formed key whose id names no key: each one costs a lookup, and once was a cache entry for good. */
const unknownKey = (n: number) => `sbk_${n.toString(16).padStart(12, '0')}_${'A'.repeat(43)}`;

// 5,000 ids, five times the bound of unknown ids, show what 50,000 would (each costs a database lookup).
it('stays bounded when thousands of unknown key ids are presented, and keeps the real keys cached', async () => {
  expect(await authenticateApiKey(t.core, tenant.apiKey)).toBeDefined();
  const before = cachedApiKeyIds(t.core);

  for (let batch = 0; batch < 5_000; batch += 250) {
    const results = await Promise.all(Array.from({ length: 250 }, (_, i) => authenticateApiKey(t.core, unknownKey(batch + i))));
    expect(results.every((result) => result === undefined)).toBe(true);
  }

  const after = cachedApiKeyIds(t.core);
  expect(after.unknown).toBeLessThanOrEqual(1_000);
  // The flood of made-up ids did not push the real key out.
  expect(after.known).toBe(before.known);
  expect(await authenticateApiKey(t.core, tenant.apiKey)).toMatchObject({ organizationId: tenant.organizationId });
}, 120_000);
