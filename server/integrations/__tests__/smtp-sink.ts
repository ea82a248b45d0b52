import net from 'node:net';

export interface SmtpMessage {
  from: string;
  to: string[];
  data: string;
}

export interface SmtpSink {
  url: string;
  messages: SmtpMessage[];
  close(): Promise<void>;
}

/**
 * Just enough SMTP (RFC 5321 without extensions) for nodemailer to hand over a message:
 * greets, accepts EHLO/MAIL/RCPT/DATA/QUIT and keeps what it was given. Tests use it instead
 * of a real relay, so nothing leaves the machine.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: SmtpMessage[] = [];
  const server = net.createServer((socket) => {
    let buffer = '';
    let inData = false;
    let current: SmtpMessage = { from: '', to: [], data: '' };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 sink ESMTP');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      while (true) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          current.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          messages.push(current);
          current = { from: '', to: [], data: '' };
          reply('250 queued');
          continue;
        }
        const lineEnd = buffer.indexOf('\r\n');
        if (lineEnd < 0) return;
        const line = buffer.slice(0, lineEnd);
        buffer = buffer.slice(lineEnd + 2);
        const address = () => line.slice(line.indexOf(':') + 1).replace(/[<>]/g, '').trim();
        switch (line.slice(0, 4).toUpperCase()) {
          case 'MAIL':
            current.from = address();
            break;
          case 'RCPT':
            current.to.push(address());
            break;
          case 'DATA':
            inData = true;
            reply('354 go ahead');
            continue;
          case 'QUIT':
            reply('221 bye');
            socket.end();
            return;
        }
        reply('250 ok');
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
