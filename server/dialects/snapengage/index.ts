import type { Dialect } from '../kit.ts';
import { snapEngageBotProtocol } from './bot/protocol.ts';
import { snapEngageErrorHandler } from './errors.ts';
import { snapEngageWebhookFormats } from './outbound/index.ts';
import { agentStatusRoutes } from './routes/agent-status.ts';
import { provisioningUserRoutes } from './routes/provisioning-users.ts';
import { provisioningWidgetRoutes } from './routes/provisioning-widgets.ts';
import { publicWidgetAvailabilityRoutes, visitorChatAvailabilityRoutes } from './routes/widget-availability.ts';
import { visitorChatRoutes } from './routes/visitor-chat.ts';

/** SnapEngage's developer APIs. Routes are left out of our OpenAPI document: the vendor documents them. */
export const snapengage: Dialect = {
  id: 'snapengage',
  async routes(app, options) {
    app.setErrorHandler(snapEngageErrorHandler);
    app.addHook('onRoute', (route) => {
      route.schema = { ...route.schema, hide: true };
    });
    await app.register(provisioningUserRoutes, options);
    await app.register(provisioningWidgetRoutes, options);
    await app.register(agentStatusRoutes, options);
    await app.register(publicWidgetAvailabilityRoutes, options);
    await app.register(visitorChatAvailabilityRoutes, options);
    await app.register(visitorChatRoutes, options);
  },
  webhookFormats: snapEngageWebhookFormats,
  botProtocol: snapEngageBotProtocol,
};
