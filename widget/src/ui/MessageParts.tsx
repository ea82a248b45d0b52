import { useEffect, useState } from 'preact/hooks';
import type { MessageContent, WireMessage } from '../chat/protocol.ts';
import { safeHttpUrl } from './Avatar.tsx';
import { useWidget } from './context.ts';
import { Icon } from './icons.tsx';

type Attachment = NonNullable<MessageContent['attachment']>;

function formatSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * A file sent in the chat. Downloads need the visitor's token in a header, which `<img src>`
 * cannot send, so the bytes are fetched and shown from a blob: URL (released on unmount).
 */
export function AttachmentView({ attachment }: { attachment: Attachment }) {
  const { controller, t } = useWidget();
  const [url, setUrl] = useState<string>();
  const isImage = /^image\/(png|jpeg|gif|webp)$/.test(attachment.mimeType);

  useEffect(() => {
    if (!isImage) return;
    let objectUrl: string | undefined;
    controller.attachment(attachment.id).then(
      (blob) => setUrl((objectUrl = URL.createObjectURL(blob))),
      () => setUrl(undefined),
    );
    return () => objectUrl && URL.revokeObjectURL(objectUrl);
  }, [attachment.id]);

  const download = async (event: Event) => {
    // Read before the await: the event's currentTarget is gone once the handler yields.
    const doc = (event.currentTarget as HTMLElement).ownerDocument;
    const blob = await controller.attachment(attachment.id);
    const link = doc.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = attachment.fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  };

  // The picture arrives after its line was drawn: keep the end of the conversation in view.
  if (isImage && url) return <img class="thumb" src={url} alt={attachment.fileName} onLoad={(event) => event.currentTarget.scrollIntoView({ block: 'nearest' })} />;
  return (
    <button type="button" class="file" onClick={download} aria-label={t('download', { name: attachment.fileName })}>
      <Icon name="file" />
      <span>
        {attachment.fileName}
        <br />
        <small>{formatSize(attachment.size)}</small>
      </span>
    </button>
  );
}

/** Bot quick replies: clicking one sends its text as the visitor's answer. */
export function Buttons({ message }: { message: WireMessage }) {
  const { controller } = useWidget();
  return (
    <div class="buttons">
      {message.content!.buttons!.map((button) => (
        <button type="button" class="choice" key={button.id ?? button.text} onClick={() => void controller.clickButton(message, button)}>
          {button.text}
        </button>
      ))}
    </div>
  );
}

/** Bot cards (title, excerpt, link), stacked or in a row as the bot asked. */
export function Cards({ cards }: { cards: NonNullable<MessageContent['cards']> }) {
  return (
    <div class={cards.layout === 'HORIZONTAL' ? 'cards horizontal' : 'cards'}>
      {cards.items.map((card, i) => {
        const link = safeHttpUrl(card.link);
        return (
          <div class="c" key={i}>
            <strong>{card.title}</strong>
            {card.excerpt && <p>{card.excerpt}</p>}
            {link && (
              <a href={link} target="_blank" rel="noopener noreferrer">
                {new URL(link).hostname}
              </a>
            )}
          </div>
        );
      })}
    </div>
  );
}
