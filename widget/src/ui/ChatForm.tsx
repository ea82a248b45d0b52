import { useRef, useState } from 'preact/hooks';
import type { WidgetState } from '../chat/state.ts';
import type { MessageKey } from '../i18n/index.ts';
import { useWidget } from './context.ts';

type FieldName = 'name' | 'email' | 'message';

interface FieldRule {
  name: FieldName;
  label: MessageKey;
  required: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Which fields the form asks for: the widget's rules for the prechat form; an offline message needs a way back. */
function fieldsFor(kind: 'prechat' | 'offline', state: WidgetState): FieldRule[] {
  const config = state.config!;
  const offline = kind === 'offline';
  return [
    { name: 'name', label: 'fieldName', required: !offline && config.settings.prechat.nameRequired },
    { name: 'email', label: 'fieldEmail', required: offline || config.emailRequired },
    { name: 'message', label: 'fieldMessage', required: offline || config.messageRequired },
  ];
}

/** The prechat form (online) or the offline form; required fields follow the widget's settings. */
export function ChatForm({ kind, state }: { kind: 'prechat' | 'offline'; state: WidgetState }) {
  const { controller, t } = useWidget();
  const { prefill } = state;
  const [values, setValues] = useState<Record<FieldName, string>>({ name: prefill.name, email: prefill.email, message: prefill.message });
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const fields = fieldsFor(kind, state);

  const validate = () => {
    const found: Partial<Record<FieldName, string>> = {};
    for (const field of fields) {
      const value = values[field.name].trim();
      if (field.required && !value) found[field.name] = t('errorRequired', { field: t(field.label) });
      else if (field.name === 'email' && value && !EMAIL.test(value)) found.email = t('errorEmail');
    }
    return found;
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    const firstInvalid = fields.find((field) => found[field.name]);
    if (firstInvalid) return form.current?.querySelector<HTMLElement>(`[name=${firstInvalid.name}]`)?.focus();
    setBusy(true);
    await controller.startChat(values);
    setBusy(false);
  };

  return (
    <form class="card" ref={form} noValidate onSubmit={(event) => void submit(event)} aria-label={kind === 'offline' ? t('offlineTitle') : t('title')}>
      <p class="intro">{kind === 'offline' ? t('offlineIntro') : t('prechatIntro')}</p>
      {fields.map((field) => {
        const error = errors[field.name];
        const Input = field.name === 'message' ? 'textarea' : 'input';
        return (
          <label key={field.name}>
            <span>
              {t(field.label)} {!field.required && <span class="opt">({t('optional')})</span>}
            </span>
            <Input
              name={field.name}
              type={field.name === 'email' ? 'email' : 'text'}
              autocomplete={field.name === 'message' ? 'off' : field.name}
              value={values[field.name]}
              readOnly={field.name === 'email' && prefill.emailLocked}
              required={field.required}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={error ? `${field.name}-error` : undefined}
              onInput={(event: Event) => {
                setValues({ ...values, [field.name]: (event.currentTarget as HTMLInputElement).value });
                if (error) setErrors({ ...errors, [field.name]: undefined });
              }}
            />
            {error && (
              <span class="field-error" id={`${field.name}-error`}>
                {error}
              </span>
            )}
          </label>
        );
      })}
      <button type="submit" class="primary" disabled={busy}>
        {kind === 'offline' ? t('sendOffline') : t('startChat')}
      </button>
    </form>
  );
}
