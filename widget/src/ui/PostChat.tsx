import { useState } from 'preact/hooks';
import type { WidgetState } from '../chat/state.ts';
import { useWidget } from './context.ts';
import { Icon } from './icons.tsx';

function RatingPrompt({ state }: { state: WidgetState }) {
  const { controller, t } = useWidget();
  const [hover, setHover] = useState(0);
  const star = state.config?.settings.rating.scale !== 'NUMBER';
  const options = Array.from({ length: star ? 5 : 10 }, (_, i) => i + 1);
  return (
    <div class="post" role="group" aria-labelledby="rate-title">
      <h2 id="rate-title">{t('ratePrompt')}</h2>
      <div class={star ? 'scale' : 'scale numbers'} onMouseLeave={() => setHover(0)}>
        {options.map((n) => (
          <button
            type="button"
            key={n}
            class={star ? `star${n <= hover ? ' on' : ''}` : 'num'}
            aria-label={t(star ? 'rateStar' : 'rateNumber', { n })}
            onMouseEnter={() => setHover(n)}
            onFocus={() => setHover(n)}
            onClick={() => void controller.rate(n)}
          >
            {star ? <Icon name="star" filled /> : n}
          </button>
        ))}
      </div>
    </div>
  );
}

function Survey() {
  const { controller, t } = useWidget();
  const [comment, setComment] = useState('');
  return (
    <form
      class="post"
      onSubmit={(event) => {
        event.preventDefault();
        void controller.sendSurvey(comment);
      }}
    >
      <label>
        {t('surveyPrompt')}
        <textarea value={comment} maxLength={5000} onInput={(event) => setComment(event.currentTarget.value)} />
      </label>
      <button type="submit" class="primary">
        {t('surveySend')}
      </button>
      <button type="button" class="link" onClick={() => void controller.sendSurvey('')}>
        {t('skip')}
      </button>
    </form>
  );
}

function Finished({ state }: { state: WidgetState }) {
  const { controller, t } = useWidget();
  const [email, setEmail] = useState(state.prefill.email);
  // The server sends a transcript only to the address given for the chat: once known, it is the one shown.
  const given = state.prefill.email !== '';
  const rated = state.config?.settings.rating.enabled;
  return (
    <div class="post">
      {rated && <p class="ok">{t('thanks')}</p>}
      {/* Once asked, the server's notice in the conversation confirms the request. */}
      {state.config?.settings.transcript.enabled && !state.transcriptSentTo && (
        <form
          class="inline"
          aria-label={t('transcriptAsk')}
          onSubmit={(event) => {
            event.preventDefault();
            void controller.requestTranscript(email);
          }}
        >
          <input
            type="email"
            value={email}
            readOnly={given}
            placeholder={t('transcriptAsk')}
            aria-label={t('transcriptAsk')}
            onInput={(event) => setEmail(event.currentTarget.value)}
          />
          <button type="submit" class="secondary">
            {t('transcriptSend')}
          </button>
        </form>
      )}
      <button type="button" class="primary" onClick={() => controller.newChat()}>
        {t('newChat')}
      </button>
    </div>
  );
}

/** After the chat closed: rating, then survey, then thanks with the transcript offer. */
export function PostChat({ state }: { state: WidgetState }) {
  if (state.postChat === 'rating') return <RatingPrompt state={state} />;
  if (state.postChat === 'survey') return <Survey />;
  if (state.postChat === 'done') return <Finished state={state} />;
  return null;
}
