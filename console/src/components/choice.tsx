/** A labelled checkbox, with an optional line saying what it changes. */
export function Choice({ label, checked, onChange, hint }: { label: string; checked: boolean; onChange: (value: boolean) => void; hint?: string }) {
  return (
    <label class="choice">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />
      <span>
        {label}
        {hint && <span class="muted small block">{hint}</span>}
      </span>
    </label>
  );
}
