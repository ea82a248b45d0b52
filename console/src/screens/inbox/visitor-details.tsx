import type { ComponentChildren } from 'preact';
import type { ChannelType, ConversationDetail, Widget } from '../../api/types.ts';
import { ago, contactName, isWebChannel, statusWords, when } from '../../lib/format.ts';
import { Link } from '../../router.tsx';

function Field({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children ?? <span class="muted">unknown</span>}</dd>
    </>
  );
}

/** Links in visitor data open the visitor's page, never the console, and only for http(s). */
function Url({ href }: { href: string | undefined }) {
  if (!href) return null;
  return /^https?:\/\//i.test(href) ? (
    <a href={href} target="_blank" rel="noopener noreferrer" class="url">
      {href}
    </a>
  ) : (
    <span class="url">{href}</span>
  );
}

function Pairs({ title, values }: { title: string; values: Record<string, string> | undefined }) {
  const entries = Object.entries(values ?? {});
  if (entries.length === 0) return null;
  return (
    <section class="details-section">
      <h3>{title}</h3>
      <dl>
        {entries.map(([key, value]) => (
          <Field label={key}>{value}</Field>
        ))}
      </dl>
    </section>
  );
}

const channelKinds: Record<Exclude<ChannelType, 'web_widget'>, string> = { api: 'API inbox', external_chat_server: 'External chat server' };

/**
 * Everything known about the visitor: who, where on the site, with what, from where, and their other chats.
 * Contacts of other channels (an API inbox, an external chat server) come from a backend, not a browser:
 * for them the website and device sections, which would be all "unknown", give way to the channel.
 */
export function VisitorDetails({ detail, widget }: { detail: ConversationDetail; widget?: Widget | undefined }) {
  const { contact, conversation, previousConversations } = detail;
  const channelType = widget?.channelType;
  const context = conversation.visitorContext;
  return (
    <div class="visitor-details">
      <section class="details-section">
        <h3>Contact</h3>
        <dl>
          <Field label="Name">{contact?.name}</Field>
          <Field label="E-mail">{contact?.email && <a href={`mailto:${contact.email}`}>{contact.email}</a>}</Field>
          <Field label="Phone">{contact?.phone}</Field>
          {(!isWebChannel(channelType) || contact?.identifier) && <Field label="Identifier">{contact?.identifier && <code>{contact.identifier}</code>}</Field>}
        </dl>
        <p class="muted small">Type /name=, /email= or /phone= in the reply box to change these.</p>
      </section>
      {channelType === undefined || channelType === 'web_widget' ? (
        <WebsiteAndDevice detail={detail} />
      ) : (
        <section class="details-section">
          <h3>Channel</h3>
          <dl>
            <Field label={channelKinds[channelType]}>{widget?.name}</Field>
          </dl>
          <p class="muted small">Its backend passes on the contact's messages: no web page, browser or place is known.</p>
        </section>
      )}
      <Pairs title="Custom fields" values={context.customFields} />
      <Pairs title="JavaScript variables" values={context.jsVariables} />
      <section class="details-section">
        <h3>Previous conversations</h3>
        {previousConversations.length === 0 ? (
          <p class="muted">This is {contactName(contact, channelType)}'s first conversation.</p>
        ) : (
          <ul class="previous-list">
            {previousConversations.map((entry) => (
              <li>
                <Link href={`/history/${entry.conversation.id}`}>
                  #{entry.conversation.number} · {when(entry.conversation.createdAt)} · {statusWords[entry.conversation.status]}
                </Link>
                {entry.lastMessage && <p class="muted ellipsis">{entry.lastMessage.body}</p>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** A web visitor's page and browser: where on the site, with what, from where. */
function WebsiteAndDevice({ detail }: { detail: ConversationDetail }) {
  const { conversation, pageHistory } = detail;
  const context = conversation.visitorContext;
  const geo = [context.geo?.city, context.geo?.region, context.geo?.countryCode].filter(Boolean).join(', ');
  return (
    <>
      <section class="details-section">
        <h3>On the website</h3>
        <dl>
          <Field label="Current page">{context.pageUrl && <Url href={context.pageUrl} />}</Field>
          <Field label="Entry page">{context.entryUrl && <Url href={context.entryUrl} />}</Field>
          <Field label="Came from">{context.referrerUrl && <Url href={context.referrerUrl} />}</Field>
        </dl>
        {pageHistory.length > 0 && (
          <>
            <p class="muted small page-history-title">Pages visited during the chat</p>
            <ol class="page-history" aria-label="Pages visited during the chat">
              {pageHistory.map((view) => (
                <li>
                  <Url href={view.url} /> <span class="muted">{ago(view.viewedAt)}</span>
                </li>
              ))}
            </ol>
          </>
        )}
      </section>
      <section class="details-section">
        <h3>Device and place</h3>
        <dl>
          <Field label="Browser">{context.browser}</Field>
          <Field label="System">{context.os}</Field>
          <Field label="Location">{geo || undefined}</Field>
          <Field label="Language">{context.locale}</Field>
          <Field label="IP address">{context.ip}</Field>
        </dl>
      </section>
    </>
  );
}
