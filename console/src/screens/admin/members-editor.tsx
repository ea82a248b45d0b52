import type { Bot, User, WidgetMember } from '../../api/types.ts';

/** A member as the PATCH body takes it: exactly one of userId or botId, plus how the visitor sees them. */
export interface MemberDraft {
  userId?: string;
  botId?: string;
  alias: string;
  avatarUrl: string | null;
  memberType: string;
  tags: string[];
}

export const toDraft = (member: WidgetMember): MemberDraft => ({
  ...(member.botId ? { botId: member.botId } : { userId: member.userId ?? '' }),
  alias: member.alias,
  avatarUrl: member.avatarUrl,
  memberType: member.memberType,
  tags: member.tags,
});

const MEMBER_TYPES = ['webclient', 'google', 'skype'];

/** Who answers this widget's chats, under which alias and avatar, with tags for tag transfers. */
export function MembersEditor({ members, users, bots, onChange }: { members: MemberDraft[]; users: User[]; bots: Bot[]; onChange: (members: MemberDraft[]) => void }) {
  const set = (index: number, change: Partial<MemberDraft>) => onChange(members.map((m, i) => (i === index ? { ...m, ...change } : m)));
  const unused = users.filter((user) => !user.disabled && !members.some((m) => m.userId === user.id));
  const unusedBots = bots.filter((bot) => !members.some((m) => m.botId === bot.id));
  const who = (member: MemberDraft) => {
    if (!member.botId) return users.find((u) => u.id === member.userId)?.email ?? 'Unknown user';
    return (
      <>
        <span class="badge">Bot</span> {bots.find((b) => b.id === member.botId)?.name ?? member.botId.slice(0, 8)}
      </>
    );
  };
  return (
    <div class="stack">
      {members.length === 0 && <p class="muted">Nobody answers this widget yet: add an agent below.</p>}
      {members.length > 0 && (
        <table class="table members">
          <thead>
            <tr>
              <th>Agent</th>
              <th>Alias shown to visitors</th>
              <th>Avatar URL</th>
              <th>Type</th>
              <th>Tags (comma separated)</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {members.map((member, index) => (
              <tr>
                <td class="member-who">{who(member)}</td>
                <td>
                  <input aria-label="Alias" value={member.alias} maxLength={200} onInput={(e) => set(index, { alias: e.currentTarget.value })} />
                </td>
                <td>
                  <input aria-label="Avatar URL" type="url" placeholder="https://…" value={member.avatarUrl ?? ''} onInput={(e) => set(index, { avatarUrl: e.currentTarget.value.trim() || null })} />
                </td>
                <td>
                  <select aria-label="Type" value={member.memberType} onChange={(e) => set(index, { memberType: e.currentTarget.value })}>
                    {[...new Set([member.memberType, ...MEMBER_TYPES])].map((type) => (
                      <option value={type}>{type}</option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    aria-label="Tags"
                    value={member.tags.join(', ')}
                    onInput={(e) => set(index, { tags: e.currentTarget.value.split(',').map((t) => t.trim()).filter(Boolean) })}
                  />
                </td>
                <td>
                  <button type="button" class="link-button" onClick={() => onChange(members.filter((_, i) => i !== index))}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AddMemberPicker
        label="Add an agent"
        choices={unused.map((user) => ({ id: user.id, text: `${user.name} (${user.email})` }))}
        onPick={(id) => {
          const user = users.find((u) => u.id === id);
          if (user) onChange([...members, { userId: user.id, alias: user.alias ?? user.name, avatarUrl: user.avatarUrl, memberType: 'webclient', tags: [] }]);
        }}
      />
      <AddMemberPicker
        label="Add a bot"
        choices={unusedBots.map((bot) => ({ id: bot.id, text: `${bot.name}${bot.presence === 'offline' ? ' (offline)' : ''}` }))}
        onPick={(id) => {
          const bot = bots.find((b) => b.id === id);
          if (bot) onChange([...members, { botId: bot.id, alias: bot.name, avatarUrl: null, memberType: 'webclient', tags: [] }]);
        }}
      />
    </div>
  );
}

/** A select that adds the chosen person or bot; hidden when there is nobody left to add. */
function AddMemberPicker({ label, choices, onPick }: { label: string; choices: Array<{ id: string; text: string }>; onPick: (id: string) => void }) {
  if (choices.length === 0) return null;
  return (
    <label class="inline-form">
      <span>{label}</span>
      <select aria-label={label} value="" onChange={(e) => onPick(e.currentTarget.value)}>
        <option value="">Choose…</option>
        {choices.map((choice) => (
          <option value={choice.id}>{choice.text}</option>
        ))}
      </select>
    </label>
  );
}
