/** What the last save of a form came to: shown beside its button and announced to screen readers. */
export interface SaveOutcome {
  error: boolean;
  text: string;
}

/** A form's submit button with the outcome of its last save; `sticky` keeps it in view below a long form. */
export function SaveBar({ label, outcome, sticky = false }: { label: string; outcome: SaveOutcome | null; sticky?: boolean }) {
  return (
    <div class={sticky ? 'sticky-save' : 'inline-form'}>
      <button type="submit" class="primary">
        {label}
      </button>
      {outcome && (
        <span class={outcome.error ? 'error' : 'success'} role="status">
          {outcome.text}
        </span>
      )}
    </div>
  );
}
