import { useEffect, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { api } from '../../api/http.ts';
import type { Bot, Schedule, User, Widget } from '../../api/types.ts';
import { Choice } from '../../components/choice.tsx';
import { SaveBar, type SaveOutcome } from '../../components/save-bar.tsx';
import { errorText } from '../../lib/format.ts';
import { useResource } from '../../lib/use-resource.ts';
import { Link, navigate } from '../../router.tsx';
import { widgetDirectory } from '../../state/directory.ts';
import { AppearanceEditor } from './appearance-editor.tsx';
import { HubLinksEditor } from './hub-links-editor.tsx';
import { MembersEditor, toDraft, type MemberDraft } from './members-editor.tsx';
import { ScheduleEditor } from './schedule-editor.tsx';
import { Snippet } from './snippet.tsx';

interface Draft {
  name: string;
  destinationEmail: string;
  emailRequired: boolean;
  messageRequired: boolean;
  conversationsEnabled: boolean;
  proactiveEnabled: boolean;
  schedule: Schedule | null;
  members: MemberDraft[];
  allowedDomains: string;
  blockedIps: string;
}

const toDraftWidget = (w: Widget): Draft => ({
  name: w.name,
  destinationEmail: w.destinationEmail ?? '',
  emailRequired: w.emailRequired,
  messageRequired: w.messageRequired,
  conversationsEnabled: w.conversationsEnabled,
  proactiveEnabled: w.proactiveEnabled,
  schedule: w.schedule,
  members: w.members.map(toDraft),
  allowedDomains: w.allowedDomains.join('\n'),
  blockedIps: w.blockedIps.join('\n'),
});

const lines = (text: string) => text.split('\n').map((line) => line.trim()).filter(Boolean);

function Panel({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section class="card panel">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** Every setting of one widget on one page; "Save" sends them in one PATCH (agent links and the snippet stand apart). */
export function WidgetEditor({ widgetId }: { widgetId: string }) {
  const { resource } = useResource(
    () =>
      Promise.all([api.get<{ widget: Widget }>(`/widgets/${widgetId}`), api.get<{ users: User[] }>('/users'), api.get<{ bots: Bot[] }>('/bots')]).then(([w, u, b]) => ({
        widget: w.widget,
        users: u.users,
        bots: b.bots,
      })),
    [widgetId],
  );
  const [draft, setDraft] = useState<Draft | null>(null);
  const [message, setMessage] = useState<SaveOutcome | null>(null);
  useEffect(() => {
    if (resource.status === 'ready') setDraft(toDraftWidget(resource.value.widget));
  }, [resource]);

  if (resource.status === 'loading' || (resource.status === 'ready' && !draft)) return <p aria-busy="true">Loading the widget…</p>;
  if (resource.status === 'error') {
    return (
      <div class="empty">
        <h2>This widget could not be opened</h2>
        <p>{resource.message}</p>
        <Link href="/admin/widgets">All widgets</Link>
      </div>
    );
  }
  const d = draft!;
  const set = (change: Partial<Draft>) => {
    setDraft({ ...d, ...change });
    setMessage(null);
  };

  const save = async (event: Event) => {
    event.preventDefault();
    try {
      const { widget } = await api.patch<{ widget: Widget }>(`/widgets/${widgetId}`, {
        name: d.name.trim(),
        destinationEmail: d.destinationEmail.trim() || null,
        emailRequired: d.emailRequired,
        messageRequired: d.messageRequired,
        conversationsEnabled: d.conversationsEnabled,
        proactiveEnabled: d.proactiveEnabled,
        schedule: d.schedule,
        members: d.members.map((m) => ({ ...m, alias: m.alias.trim() })),
        allowedDomains: lines(d.allowedDomains),
        blockedIps: lines(d.blockedIps),
      });
      setDraft(toDraftWidget(widget));
      widgetDirectory.refresh();
      setMessage({ error: false, text: 'Saved.' });
    } catch (failure) {
      setMessage({ error: true, text: `Not saved: ${errorText(failure)}` });
    }
  };

  const remove = async () => {
    if (!confirm(`Delete the widget "${d.name}"? Its snippet stops working; past conversations are kept.`)) return;
    try {
      await api.delete(`/widgets/${widgetId}`);
      widgetDirectory.refresh();
      navigate('/admin/widgets');
    } catch (failure) {
      setMessage({ error: true, text: errorText(failure) });
    }
  };

  return (
    <div class="admin-page">
      <p>
        <Link href="/admin/widgets">← All widgets</Link>
      </p>
      <h1>{resource.value.widget.name}</h1>
      <form onSubmit={save} class="stack">
        <Panel title="Settings">
          <label for="widget-name">Name</label>
          <input id="widget-name" value={d.name} maxLength={200} onInput={(e) => set({ name: e.currentTarget.value })} />
          <label for="widget-email">Offline messages go to (e-mail)</label>
          <input id="widget-email" type="email" value={d.destinationEmail} onInput={(e) => set({ destinationEmail: e.currentTarget.value })} />
          <Choice label="Accept chats" checked={d.conversationsEnabled} onChange={(v) => set({ conversationsEnabled: v })} hint="Off: the widget only takes offline messages." />
          <Choice label="Visitors must give their e-mail" checked={d.emailRequired} onChange={(v) => set({ emailRequired: v })} />
          <Choice label="Visitors must write a first message" checked={d.messageRequired} onChange={(v) => set({ messageRequired: v })} />
        </Panel>
        <Panel title="Proactive chat">
          <Choice label="Invite visitors to chat" checked={d.proactiveEnabled} onChange={(v) => set({ proactiveEnabled: v })} hint="The widget may open with a greeting instead of waiting for the visitor." />
        </Panel>
        <Panel title="Opening hours">
          <ScheduleEditor schedule={d.schedule} onChange={(schedule) => set({ schedule })} />
        </Panel>
        <Panel title="Agents">
          <MembersEditor members={d.members} users={resource.value.users} bots={resource.value.bots} onChange={(members) => set({ members })} />
        </Panel>
        <Panel title="Where the widget may run">
          <label for="widget-domains">Allowed domains, one per line (*.example.com for subdomains; empty allows any)</label>
          <textarea id="widget-domains" rows={3} value={d.allowedDomains} onInput={(e) => set({ allowedDomains: e.currentTarget.value })} />
          <label for="widget-ips">Blocked IP addresses or ranges, one per line (e.g. 203.0.113.0/24)</label>
          <textarea id="widget-ips" rows={3} value={d.blockedIps} onInput={(e) => set({ blockedIps: e.currentTarget.value })} />
        </Panel>
        <SaveBar label="Save widget" outcome={message} sticky />
      </form>
      <Panel title="Appearance and behaviour">
        <AppearanceEditor widgetId={widgetId} />
      </Panel>
      <Panel title="Agent links (Hub SDK)">
        <HubLinksEditor widgetId={widgetId} />
      </Panel>
      <Panel title="Snippet">
        <Snippet widgetId={widgetId} />
      </Panel>
      <Panel title="Delete">
        <button type="button" class="danger" onClick={() => void remove()}>
          Delete this widget
        </button>
      </Panel>
    </div>
  );
}
