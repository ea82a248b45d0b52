import { expect, it } from 'vitest';
import { updateWidget } from '../commands/update-widget.ts';
import { displayNameOf } from '../display-name.ts';
import { createAgent, createWidgetWith, insertBot } from '../../test/factories.ts';
import { useTestApp } from '../../test/test-app.ts';

const { t, tenant } = useTestApp({ tenants: 1 });

it('names an agent by the alias of its widget membership, else by its own alias or name', async () => {
  const org = tenant.organizationId;
  const agent = await createAgent(t.core, org);
  const botId = await insertBot(t.core, org);
  const widget = await createWidgetWith(t.core, org, [{ userId: agent.id }]);
  const elsewhere = await createWidgetWith(t.core, org, []);
  await updateWidget(t.core, org, widget.id, { members: [{ userId: agent.id, alias: 'Sam from Support' }, { botId, alias: 'Helper' }] });

  expect(await displayNameOf(t.core.db, org, widget.id, { type: 'user', id: agent.id })).toBe('Sam from Support');
  expect(await displayNameOf(t.core.db, org, widget.id, { type: 'bot', id: botId })).toBe('Helper');
  expect(await displayNameOf(t.core.db, org, elsewhere.id, { type: 'user', id: agent.id })).toBe(agent.name);
  expect(await displayNameOf(t.core.db, org, elsewhere.id, { type: 'bot', id: botId })).toMatch(/^Bot \d+$/);
  expect(await displayNameOf(t.core.db, org, widget.id, { type: 'user', id: '00000000-0000-4000-8000-000000000000' })).toBe('');
});
