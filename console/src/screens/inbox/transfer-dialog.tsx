import { useState } from 'preact/hooks';
import type { Conversation, TransferTarget, Widget } from '../../api/types.ts';
import { Dialog } from '../../components/dialog.tsx';
import { errorText } from '../../lib/format.ts';
import { chatActions } from '../../state/actions.ts';
import { teamDirectory, useLookup, widgetDirectory } from '../../state/directory.ts';
import { currentUser } from '../../state/session.ts';

type Kind = TransferTarget['kind'];
const KIND_WORDS: Record<Kind, string> = { agent: 'A colleague', widget: 'Another widget', tags: 'Agents with tags' };
const PRESENCE_WORDS = { online: 'online', pause: 'paused', offline: 'offline' };

const tagsOf = (widget: Widget | undefined) => [...new Set(widget?.members.flatMap((member) => member.tags) ?? [])].sort();

/**
 * SnapEngage's transfers: to a named agent, to another widget (its routing picks the
 * agent; "humans only" skips its bots), or to the members of a widget carrying tags.
 */
export function TransferDialog({ conversation, onClose }: { conversation: Conversation; onClose: () => void }) {
  const team = useLookup(teamDirectory);
  const widgets = useLookup(widgetDirectory);
  const [kind, setKind] = useState<Kind>('agent');
  const [userId, setUserId] = useState('');
  const [widgetId, setWidgetId] = useState(conversation.widgetId);
  const [humanOnly, setHumanOnly] = useState(true);
  const [tags, setTags] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const colleagues = (team ?? []).filter((mate) => mate.id !== currentUser().id);
  const widget = widgets?.find((w) => w.id === widgetId);

  const target = (): TransferTarget | string => {
    if (kind === 'agent') return userId ? { kind, userId } : 'Choose a colleague.';
    if (kind === 'widget') return widgetId ? { kind, widgetId, humanOnly } : 'Choose a widget.';
    return tags.length ? { kind, widgetId, tags } : 'Choose at least one tag.';
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const chosen = target();
    if (typeof chosen === 'string') return setError(chosen);
    try {
      await chatActions.transfer(conversation.id, chosen);
      onClose();
    } catch (failure) {
      setError(errorText(failure));
    }
  };

  return (
    <Dialog title="Transfer this chat" onClose={onClose}>
      <form class="stack" onSubmit={submit}>
        <div class="segmented" role="radiogroup" aria-label="Transfer to">
          {(Object.keys(KIND_WORDS) as Kind[]).map((option) => (
            <button type="button" role="radio" aria-checked={kind === option} class={kind === option ? 'selected' : ''} onClick={() => setKind(option)}>
              {KIND_WORDS[option]}
            </button>
          ))}
        </div>
        {kind === 'agent' &&
          (colleagues.length === 0 ? (
            <p class="muted">{team ? 'There is nobody else in your team yet.' : 'Loading your colleagues…'}</p>
          ) : (
            <div class="choice-list" role="radiogroup" aria-label="Colleague">
              {colleagues.map((mate) => (
                <label class="choice">
                  <input type="radio" name="colleague" checked={userId === mate.id} onChange={() => setUserId(mate.id)} />
                  <span class={`dot presence-${mate.presence}`} aria-hidden="true" />
                  {mate.alias ?? mate.name} <span class="muted">({PRESENCE_WORDS[mate.presence]})</span>
                </label>
              ))}
            </div>
          ))}
        {kind !== 'agent' && (
          <>
            <label for="transfer-widget">Widget</label>
            <select id="transfer-widget" value={widgetId} onChange={(e) => (setWidgetId(e.currentTarget.value), setTags([]))}>
              {(widgets ?? []).map((w) => (
                <option value={w.id}>{w.name}</option>
              ))}
            </select>
          </>
        )}
        {kind === 'widget' && (
          <label class="choice">
            <input type="checkbox" checked={humanOnly} onChange={(e) => setHumanOnly(e.currentTarget.checked)} />
            Only to a person (skip the widget's bots)
          </label>
        )}
        {kind === 'tags' &&
          (tagsOf(widget).length === 0 ? (
            <p class="muted">No member of this widget has tags. Admins set them under Admin → Widgets → Members.</p>
          ) : (
            <div class="chips" role="group" aria-label="Tags">
              {tagsOf(widget).map((tag) => (
                <label class="chip">
                  <input type="checkbox" checked={tags.includes(tag)} onChange={(e) => setTags(e.currentTarget.checked ? [...tags, tag] : tags.filter((t) => t !== tag))} />
                  {tag}
                </label>
              ))}
            </div>
          ))}
        <p class="error" role="alert">{error}</p>
        <div class="dialog-actions">
          <button type="button" class="secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" class="primary">
            Transfer
          </button>
        </div>
      </form>
    </Dialog>
  );
}
