import type { EventMap, WebhookFormat } from '../../kit.ts';
import { loadCase, type IntegrationCase } from './case.ts';
import { legacyXmlDate } from './dates.ts';

/** The case as JSON, in the reference's field order; `at`/`createdAt` are ours, for the XML only. */
export function caseJson(record: IntegrationCase): string {
  const { createdAt: _createdAt, transcripts, ...fields } = record;
  return JSON.stringify({ ...fields, transcripts: transcripts.map(({ at: _at, ...line }) => line) });
}

const cdata = (text: string) => `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
const escape = (text: string) => text.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!);
const tag = (name: string, content: string | number | undefined, attributes = '') =>
  content === undefined ? '' : `  <${name}${attributes}>${content}</${name}>\n`;
const list = (name: string, item: string, entries: Array<{ name: string; value: string }> | undefined) =>
  entries?.length
    ? `  <${name} type="array">\n${entries.map((e) => `    <${item}>\n      <name>${cdata(e.name)}</name>\n      <value>${cdata(e.value)}</value>\n    </${item}>\n`).join('')}  </${name}>\n`
    : '';

/**
 * The legacy XML case, element by element as the reference's sample (strings in CDATA,
 * `type` attributes on dates, integers and arrays). The XML never had widget_id, type,
 * requester_details, chat_ended_by or the transcript `sender`, so neither does this.
 */
export function caseXml(record: IntegrationCase): string {
  const transcripts = record.transcripts
    .map(
      (line) =>
        `    <transcript>\n      <id>${escape(line.id)}</id>\n      <date type="datetime">${legacyXmlDate(line.at)}</date>\n      <alias>${escape(line.alias)}</alias>\n      <message>${cdata(line.message)}</message>\n    </transcript>\n`,
    )
    .join('');
  const text = (value: string | undefined) => (value === undefined ? undefined : cdata(value));
  const plain = (value: string | undefined) => (value === undefined ? undefined : escape(value));
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<case>\n' +
    tag('id', cdata(record.id)) +
    tag('url', escape(record.url)) +
    tag('requested_by', text(record.requested_by)) +
    tag('description', text(record.description)) +
    tag('created_at', record.createdAt.toISOString(), ' type="datetime"') +
    tag('page_url', plain(record.page_url)) +
    tag('ip_address', plain(record.ip_address)) +
    tag('browser', plain(record.browser)) +
    tag('os', plain(record.os)) +
    tag('country_code', plain(record.country_code)) +
    tag('country', plain(record.country)) +
    tag('region', plain(record.region)) +
    tag('city', text(record.city)) +
    tag('latitude', record.latitude?.toFixed(6)) +
    tag('longitude', record.longitude?.toFixed(6)) +
    tag('source_id', record.source_id, ' type="integer"') +
    list('javascript_variables', 'javascript_variable', record.javascript_variables) +
    list('labels', 'label', record.labels) +
    `  <transcripts type="array">\n${transcripts}  </transcripts>\n` +
    tag('chat_waittime', record.chat_waittime, ' type="integer"') +
    tag('chat_duration', record.chat_duration, ' type="integer"') +
    tag('referrer_url', text(record.referrer_url)) +
    tag('entry_url', text(record.entry_url)) +
    '</case>\n'
  );
}

function integrationFormat(id: string, encoding: 'json' | 'xml'): WebhookFormat {
  return {
    id,
    description: `SnapEngage Integration API: the case as ${encoding.toUpperCase()} when a chat or offline message closes; e-mailed after the retries`,
    scope: 'widget',
    events: ['conversation.closed'],
    emailOnFailure: true,
    async build({ core, event, publicUrl }) {
      const { conversationId } = event.payload as EventMap['conversation.closed'];
      const record = await loadCase(core, event.organizationId, conversationId, publicUrl);
      if (!record) return undefined;
      return encoding === 'json'
        ? { body: caseJson(record), contentType: 'application/json', orderingKey: conversationId }
        : { body: caseXml(record), contentType: 'application/xml', orderingKey: conversationId };
    },
  };
}

export const integrationJsonFormat = integrationFormat('snapengage.integration', 'json');
/** For receivers built on the old XML ("contact support" in the reference). */
export const integrationXmlFormat = integrationFormat('snapengage.integration-xml', 'xml');
