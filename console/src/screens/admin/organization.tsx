import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/http.ts';
import type { Organization } from '../../api/types.ts';
import { Choice } from '../../components/choice.tsx';
import { SaveBar, type SaveOutcome } from '../../components/save-bar.tsx';
import { errorText } from '../../lib/format.ts';
import { useResource } from '../../lib/use-resource.ts';

type Draft = Pick<Organization, 'name' | 'transcriptsEnabled'>;

/** The organization's own settings: its name, and whether visitors may e-mail themselves the chat transcript. */
export function OrganizationScreen() {
  const { resource } = useResource(() => api.get<{ organization: Organization }>('/organization').then((r) => r.organization));
  const [draft, setDraft] = useState<Draft | null>(null);
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null);
  useEffect(() => {
    if (resource.status === 'ready') setDraft({ name: resource.value.name, transcriptsEnabled: resource.value.transcriptsEnabled });
  }, [resource]);

  if (resource.status === 'error') return <p class="error">Could not load the organization: {resource.message}</p>;
  if (resource.status === 'loading' || !draft) return <p aria-busy="true">Loading the organization…</p>;
  const set = (change: Partial<Draft>) => {
    setDraft({ ...draft, ...change });
    setOutcome(null);
  };

  const save = async (event: Event) => {
    event.preventDefault();
    try {
      const { organization } = await api.patch<{ organization: Organization }>('/organization', { name: draft.name.trim(), transcriptsEnabled: draft.transcriptsEnabled });
      setDraft({ name: organization.name, transcriptsEnabled: organization.transcriptsEnabled });
      setOutcome({ error: false, text: 'Saved.' });
    } catch (failure) {
      setOutcome({ error: true, text: `Not saved: ${errorText(failure)}` });
    }
  };

  return (
    <div class="admin-page">
      <h1>Organization</h1>
      <form onSubmit={save} class="stack">
        <section class="card panel">
          <h2>Settings</h2>
          <label for="organization-name">Name</label>
          <input id="organization-name" value={draft.name} maxLength={200} onInput={(e) => set({ name: e.currentTarget.value })} />
          <p class="muted small">Account number {resource.value.accountNumber} (SnapEngage's organization id).</p>
          <Choice
            label="Visitors may e-mail themselves the chat transcript"
            checked={draft.transcriptsEnabled}
            onChange={(transcriptsEnabled) => set({ transcriptsEnabled })}
            hint="Only ever to the address the visitor gave for the chat, within the server's limits. Off: no widget offers it, and transcripts not sent yet are not sent."
          />
        </section>
        <SaveBar label="Save" outcome={outcome} />
      </form>
    </div>
  );
}
