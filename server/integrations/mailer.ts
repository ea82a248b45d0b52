import nodemailer from 'nodemailer';

export interface Mailer {
  send(message: { to: string; subject: string; text: string; attachment?: { filename: string; content: string; contentType: string } }): Promise<void>;
  close(): void;
}

/** SMTP through nodemailer; `undefined` when no SMTP_URL is configured (the e-mail fallback is then off). */
export function createMailer(smtpUrl: string | undefined, from: string): Mailer | undefined {
  if (!smtpUrl) return undefined;
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send({ to, subject, text, attachment }) {
      await transport.sendMail({ from, to, subject, text, ...(attachment && { attachments: [attachment] }) });
    },
    close: () => transport.close(),
  };
}
