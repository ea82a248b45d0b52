/** A place held for the webhook and CRM settings that arrive with the integrations issue. */
export function IntegrationsScreen() {
  return (
    <div class="empty">
      <h2>Integrations</h2>
      <p>Outbound webhooks and other integrations will be configured here. Nothing to set up yet.</p>
    </div>
  );
}
