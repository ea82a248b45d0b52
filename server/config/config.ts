import path from 'node:path';
import { SUPPORTED_ATTACHMENT_TYPES } from '../core/attachments.ts';
import type { TranscriptLimits } from '../core/commands/visitor-requests.ts';
import { DEFAULT_PASSWORD_HASHING } from '../core/security/passwords.ts';

/** Everything the server reads from the environment, typed and defaulted so a bare `npm start` runs. */
export interface Config {
  host: string;
  port: number;
  /** Public base URL printed and used in snippets; defaults to http://localhost:<port>. */
  publicUrl: string;
  /** postgres://… selects PostgreSQL; empty selects embedded PGlite in dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: string;
  bodyLimitBytes: number;
  /** A request, headers and body, must arrive within this long (REQUEST_TIMEOUT_MS); slower ones get 408 and are closed. */
  requestTimeoutMs: number;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  /** Requests per minute per client IP. */
  rateLimitPerMinute: number;
  /** Requests per minute per client IP for requests with a verified credential (API key or console session). */
  apiRateLimitPerMinute: number;
  /** Sign-in attempts per minute: per client IP and e-mail (guessing one password), and per client IP across e-mails (spraying). */
  loginLimits: { perIpAndEmailPerMinute: number; perIpPerMinute: number };
  /** scrypt derivations (32 MiB, ~0.1 s each) run at once and waiting; a caller beyond the queue gets 503 at once. */
  passwordHashing: { concurrency: number; maxWaiting: number };
  shutdownTimeoutMs: number;
  /** Believe X-Forwarded-For (client IPs for rate limits and bans) only behind a known proxy. */
  trustProxy: boolean;
  /** How often the realtime gateway pings each socket; a socket that has not answered the previous ping is dropped. */
  wsHeartbeatMs: number;
  /** How long a new realtime socket may take to send its auth frame. */
  wsAuthTimeoutMs: number;
  /** An agent whose last console socket closed is set offline after this long without reconnecting. */
  agentOfflineGraceMs: number;
  /** One visitor's messages per minute, across their sockets and the widget's HTTP endpoints (VISITOR_MESSAGES_PER_MINUTE). */
  visitorMessagesPerMinute: number;
  /** Visitor messages per minute in one conversation, whatever the entry point (CONVERSATION_MESSAGES_PER_MINUTE). */
  conversationMessagesPerMinute: number;
  /** Realtime sockets one client IP may hold open, not counting those authenticated as agents (WS_VISITOR_SOCKETS_PER_IP). */
  wsVisitorSocketsPerIp: number;
  /** Widget contacts with no chat and no name, e-mail, phone or attributes are deleted after this many days (ANONYMOUS_CONTACT_RETENTION_DAYS). */
  anonymousContactRetentionDays: number;
  /** Largest file accepted in a chat (ATTACHMENT_MAX_BYTES). */
  attachmentMaxBytes: number;
  /** File types accepted in chats (ATTACHMENT_TYPES); a subset of the types whose content the server checks. */
  attachmentTypes: string[];
  /** Transcript e-mails visitors may ask for: per chat, and per visitor, client IP and organization per hour (TRANSCRIPTS_PER_*). */
  transcripts: TranscriptLimits;
  /** Conversation clocks: idle chats close, waiting visitors get notices, then give up. */
  conversationTimers: { idleTimeoutMs: number; queueNoticeIntervalMs: number; queueTimeoutMs: number };
  /** Outbound webhooks: per-attempt timeout, retry schedule, e-mail fallback (docs/webhooks.md). */
  webhooks: WebhookConfig;
}

export interface WebhookConfig {
  /** One POST may take this long (WEBHOOK_TIMEOUT_MS); bots answer within it too. */
  timeoutMs: number;
  /** First retry delay (WEBHOOK_RETRY_BASE_MS); it doubles per attempt, with jitter. */
  retryBaseMs: number;
  /** Longest delay between two attempts (WEBHOOK_RETRY_MAX_MS). */
  retryMaxMs: number;
  /** Retries stop this long after the first attempt (WEBHOOK_RETRY_WINDOW_MS). */
  retryWindowMs: number;
  /** How often idle workers look for due retries (WEBHOOK_POLL_MS); new events wake them at once. */
  pollMs: number;
  /** Requests in flight at once (WEBHOOK_CONCURRENCY). */
  concurrency: number;
  /** smtp://… or smtps://… for the e-mail fallback (SMTP_URL); unset disables it. */
  smtpUrl: string | undefined;
  /** Sender address of those e-mails (MAIL_FROM). */
  mailFrom: string;
  /** Settled deliveries and their attempts are deleted after this many days (WEBHOOK_LOG_RETENTION_DAYS). */
  logRetentionDays: number;
  /** Webhooks and bots may reach loopback, private and link-local addresses (ALLOW_PRIVATE_WEBHOOK_TARGETS); otherwise only public ones. */
  allowPrivateTargets: boolean;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const port = integer(env, 'PORT', 3000, 0, 65_535);
  const host = env.HOST || '0.0.0.0';
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  return {
    host,
    port,
    publicUrl: (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, ''),
    databaseUrl,
    dataDir: path.resolve(env.DATA_DIR || './data'),
    logLevel: env.LOG_LEVEL || 'info',
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 1_048_576, 1_024, 100 * 1_048_576),
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 60_000, 1_000, 3_600_000),
    adminEmail: env.ADMIN_EMAIL?.trim().toLowerCase() || undefined,
    adminPassword: env.ADMIN_PASSWORD || undefined,
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000),
    apiRateLimitPerMinute: integer(env, 'API_RATE_LIMIT_PER_MINUTE', 12_000, 1, 10_000_000),
    loginLimits: {
      perIpAndEmailPerMinute: integer(env, 'LOGIN_ATTEMPTS_PER_MINUTE', 10, 1, 1_000_000),
      perIpPerMinute: integer(env, 'LOGIN_ATTEMPTS_PER_IP_PER_MINUTE', 20, 1, 1_000_000),
    },
    passwordHashing: {
      concurrency: integer(env, 'PASSWORD_HASH_CONCURRENCY', DEFAULT_PASSWORD_HASHING.concurrency, 1, 64),
      maxWaiting: integer(env, 'PASSWORD_HASH_QUEUE', DEFAULT_PASSWORD_HASHING.maxWaiting, 0, 10_000),
    },
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    trustProxy: flag(env, 'TRUST_PROXY', false),
    wsHeartbeatMs: integer(env, 'WS_HEARTBEAT_MS', 25_000, 10, 600_000),
    wsAuthTimeoutMs: integer(env, 'WS_AUTH_TIMEOUT_MS', 10_000, 10, 600_000),
    agentOfflineGraceMs: integer(env, 'AGENT_OFFLINE_GRACE_MS', 30_000, 0, 86_400_000),
    visitorMessagesPerMinute: integer(env, 'VISITOR_MESSAGES_PER_MINUTE', 60, 1, 10_000_000),
    conversationMessagesPerMinute: integer(env, 'CONVERSATION_MESSAGES_PER_MINUTE', 60, 1, 10_000_000),
    wsVisitorSocketsPerIp: integer(env, 'WS_VISITOR_SOCKETS_PER_IP', 100, 1, 10_000_000),
    anonymousContactRetentionDays: integer(env, 'ANONYMOUS_CONTACT_RETENTION_DAYS', 30, 1, 3_650),
    attachmentMaxBytes: integer(env, 'ATTACHMENT_MAX_BYTES', 10 * 1_048_576, 1, 100 * 1_048_576),
    attachmentTypes: attachmentTypes(env),
    transcripts: {
      perConversation: integer(env, 'TRANSCRIPTS_PER_CONVERSATION', 3, 0, 1_000),
      perVisitorPerHour: integer(env, 'TRANSCRIPTS_PER_VISITOR_PER_HOUR', 5, 0, 1_000_000),
      perIpPerHour: integer(env, 'TRANSCRIPTS_PER_IP_PER_HOUR', 10, 0, 1_000_000),
      perOrganizationPerHour: integer(env, 'TRANSCRIPTS_PER_ORGANIZATION_PER_HOUR', 200, 0, 1_000_000),
    },
    conversationTimers: {
      idleTimeoutMs: integer(env, 'CONVERSATION_IDLE_TIMEOUT_MS', 30 * 60_000, 1_000, 7 * 24 * 3_600_000),
      queueNoticeIntervalMs: integer(env, 'QUEUE_NOTICE_INTERVAL_MS', 60_000, 1_000, 3_600_000),
      queueTimeoutMs: integer(env, 'QUEUE_TIMEOUT_MS', 10 * 60_000, 1_000, 24 * 3_600_000),
    },
    webhooks: {
      timeoutMs: integer(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 10, 120_000),
      retryBaseMs: integer(env, 'WEBHOOK_RETRY_BASE_MS', 30_000, 1, 3_600_000),
      retryMaxMs: integer(env, 'WEBHOOK_RETRY_MAX_MS', 15 * 60_000, 1, 24 * 3_600_000),
      retryWindowMs: integer(env, 'WEBHOOK_RETRY_WINDOW_MS', 2 * 3_600_000, 0, 7 * 24 * 3_600_000),
      pollMs: integer(env, 'WEBHOOK_POLL_MS', 1_000, 5, 60_000),
      concurrency: integer(env, 'WEBHOOK_CONCURRENCY', 64, 1, 1_024),
      smtpUrl: smtpUrl(env),
      mailFrom: env.MAIL_FROM || 'switchboard@localhost',
      logRetentionDays: integer(env, 'WEBHOOK_LOG_RETENTION_DAYS', 30, 1, 3_650),
      allowPrivateTargets: flag(env, 'ALLOW_PRIVATE_WEBHOOK_TARGETS', false),
    },
  };
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function attachmentTypes(env: Env): string[] {
  const raw = env.ATTACHMENT_TYPES?.trim();
  if (!raw) return [...SUPPORTED_ATTACHMENT_TYPES];
  const types = [...new Set(raw.split(',').map((type) => type.trim().toLowerCase()).filter(Boolean))];
  const unknown = types.filter((type) => !SUPPORTED_ATTACHMENT_TYPES.includes(type));
  if (unknown.length > 0 || types.length === 0) {
    throw new ConfigError(`ATTACHMENT_TYPES must list types from ${SUPPORTED_ATTACHMENT_TYPES.join(', ')}; got "${env.ATTACHMENT_TYPES}"`);
  }
  return types;
}

function smtpUrl(env: Env): string | undefined {
  const raw = env.SMTP_URL || undefined;
  if (raw && !/^smtps?:\/\//.test(raw)) throw new ConfigError('SMTP_URL must start with smtp:// or smtps://');
  return raw;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${env[name]}"`);
}
