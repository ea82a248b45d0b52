import { Choice } from './choice.tsx';

/** A token the server never shows again: what the admin typed, and whether to remove the stored one. */
export interface TokenDraft {
  value: string;
  remove: boolean;
}

export const NO_TOKEN_TYPED: TokenDraft = { value: '', remove: false };

/** The value to PATCH: undefined keeps the stored token (nothing typed), null removes it. */
export function tokenChange(draft: TokenDraft): string | null | undefined {
  if (draft.remove) return null;
  return draft.value || undefined;
}

interface WriteOnlyTokenFieldProps {
  id: string;
  /** Shown while no token is stored (adding, or editing one without a token). */
  label: string;
  /** Shown while one is stored: typing replaces it, an empty field keeps it. */
  replaceLabel: string;
  hasToken: boolean;
  draft: TokenDraft;
  onChange: (draft: TokenDraft) => void;
}

/** The password field for such a token, with "Remove the token" once one is stored. */
export function WriteOnlyTokenField({ id, label, replaceLabel, hasToken, draft, onChange }: WriteOnlyTokenFieldProps) {
  return (
    <>
      <label for={id}>{hasToken ? replaceLabel : label}</label>
      <input
        id={id}
        type="password"
        autocomplete="off"
        value={draft.value}
        maxLength={1024}
        disabled={draft.remove}
        onInput={(e) => onChange({ ...draft, value: e.currentTarget.value })}
      />
      {hasToken && <Choice label="Remove the token" checked={draft.remove} onChange={(remove) => onChange({ ...draft, remove })} />}
    </>
  );
}
