/**
 * The foot of an add-or-edit form: the last error (announced), the submit button, and Cancel
 * while editing.
 */
export function FormActions({ error, submitLabel, onCancel }: { error: string | null; submitLabel: string; onCancel?: () => void }) {
  return (
    <>
      <p class="error" role="alert">
        {error}
      </p>
      <div class="row-actions">
        <button type="submit" class="primary">
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" class="secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </>
  );
}
