import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTransport, Transporter } from 'nodemailer';

export interface Mail {
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
}

/** Where e-mails go: an SMTP server, or a folder on the embedded default. */
/** SMTP connections kept open, and so messages a relay pass sends at once. */
export const RELAY_CONNECTIONS = 4;

export abstract class MailTransport {
  abstract send(mail: Mail): Promise<void>;

  /** Ends open connections at shutdown. */
  close(): void {}
}

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  pass?: string;
}

export class SmtpMailTransport extends MailTransport {
  private readonly transporter: Transporter;

  constructor(settings: SmtpSettings) {
    super();
    this.transporter = createTransport({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      auth: settings.user ? { user: settings.user, pass: settings.pass } : undefined,
      // Connections are kept and reused: a new one for every message made a few hundred alerts take minutes.
      pool: true,
      maxConnections: RELAY_CONNECTIONS,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
  }

  async send(mail: Mail): Promise<void> {
    await this.transporter.sendMail({ ...mail, messageId: mail.messageId });
  }

  override close(): void {
    this.transporter.close();
  }
}

/** With no SMTP server configured, each message becomes an .eml file a newcomer can open. */
export class FolderMailTransport extends MailTransport {
  private readonly transporter: Transporter;

  constructor(private readonly folder: string) {
    super();
    this.transporter = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(mail: Mail): Promise<void> {
    const info = await this.transporter.sendMail({ ...mail, messageId: mail.messageId });
    mkdirSync(this.folder, { recursive: true });
    const name = mail.messageId.replace(/[^A-Za-z0-9._-]/g, '_');
    writeFileSync(join(this.folder, `${name}.eml`), info.message as Buffer);
  }
}
