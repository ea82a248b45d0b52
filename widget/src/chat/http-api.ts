import type { PublicWidgetConfig } from './state.ts';
import { RequestError } from './protocol.ts';

const TOKEN_HEADER = 'x-visitor-token';

/** The widget's HTTP calls (server/http/routes/widget): configuration, transcript, notes, files. */
export class WidgetHttpApi {
  constructor(private readonly baseUrl: string) {}

  async widget(widgetId: string): Promise<PublicWidgetConfig> {
    const body = await this.call<{ widget: PublicWidgetConfig }>(`/native/v1/public/widgets/${encodeURIComponent(widgetId)}`);
    return body.widget;
  }

  requestTranscript(conversationId: string, token: string, email: string): Promise<unknown> {
    return this.post(`/native/v1/public/conversations/${conversationId}/transcript`, token, { email });
  }

  /** sendTextToChat(text): a note only the agents see. */
  noteForAgents(conversationId: string, token: string, text: string): Promise<unknown> {
    return this.post(`/native/v1/public/conversations/${conversationId}/notes`, token, { text });
  }

  upload(conversationId: string, token: string, file: File): Promise<unknown> {
    const query = `?fileName=${encodeURIComponent(file.name)}`;
    return this.call(`/native/v1/public/conversations/${conversationId}/attachments${query}`, {
      method: 'POST',
      headers: { [TOKEN_HEADER]: token, 'content-type': file.type || 'application/octet-stream' },
      body: file,
    });
  }

  /** The bytes of a file sent in the chat: downloads need the token header, which an <img src> cannot send. */
  async attachment(attachmentId: string, token: string): Promise<Blob> {
    const response = await fetch(`${this.baseUrl}/native/v1/public/attachments/${attachmentId}`, { headers: { [TOKEN_HEADER]: token } });
    if (!response.ok) throw new RequestError('http', `download failed (${response.status})`);
    return response.blob();
  }

  private post(path: string, token: string, body: unknown): Promise<unknown> {
    return this.call(path, { method: 'POST', headers: { [TOKEN_HEADER]: token, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  }

  private async call<T>(path: string, init?: RequestInit): Promise<T> {
    const response = await fetch(this.baseUrl + path, init);
    const body = (await response.json().catch(() => ({}))) as T & { error?: { code: string; message: string; field?: string } };
    if (!response.ok) throw new RequestError(body.error?.code ?? 'http', body.error?.message ?? `HTTP ${response.status}`, body.error?.field);
    return body;
  }
}
