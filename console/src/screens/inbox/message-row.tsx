import type { ChannelType, Message } from '../../api/types.ts';
import { clock, day, isWebChannel } from '../../lib/format.ts';

interface AttachmentContent {
  id: string;
  fileName: string;
  mimeType: string;
  size: number;
}

const attachmentOf = (message: Message) => (message.kind === 'attachment' ? (message.content as unknown as AttachmentContent | null) : null);

function Body({ message }: { message: Message }) {
  const attachment = attachmentOf(message);
  if (!attachment) return <p class="message-body">{message.body}</p>;
  const url = `/native/v1/attachments/${attachment.id}`;
  return (
    <p class="message-body">
      <a href={url} target="_blank" rel="noopener">
        📎 {attachment.fileName}
      </a>{' '}
      <span class="muted">({Math.ceil(attachment.size / 1024)} KB)</span>
    </p>
  );
}

/**
 * One line of the transcript: visitor left, agents and bots right, internal notes marked, system lines centred.
 * A nameless sender is the "Visitor" of a web widget, the "Contact" of other channels.
 */
export function MessageRow({ message, previous, channelType }: { message: Message; previous: Message | undefined; channelType?: ChannelType | undefined }) {
  const newDay = !previous || day(previous.createdAt) !== day(message.createdAt);
  const sameSender = previous && !newDay && previous.senderType === message.senderType && previous.senderId === message.senderId && previous.private === message.private;
  const side = message.senderType === 'visitor' ? 'from-visitor' : message.senderType === 'system' ? 'from-system' : 'from-agent';
  return (
    <div class={`message ${side}${message.private ? ' note' : ''}${sameSender ? ' continued' : ''}`}>
      {newDay && <div class="day-divider">{day(message.createdAt)}</div>}
      {!sameSender && message.senderType !== 'system' && (
        <div class="message-meta">
          {message.private ? 'Internal note · ' : ''}
          {message.senderName ?? (message.senderType === 'visitor' ? (isWebChannel(channelType) ? 'Visitor' : 'Contact') : 'Agent')}
        </div>
      )}
      <div class="bubble" title={new Date(message.createdAt).toLocaleString()}>
        <Body message={message} />
        <time class="message-time" dateTime={message.createdAt}>
          {clock(message.createdAt)}
        </time>
      </div>
    </div>
  );
}
