import nodemailer, { type Transporter } from 'nodemailer';

let transport: Transporter | null | undefined;

/**
 * The SMTP server from SMTP_URL (e.g. smtp://user:pass@mail.example:587), read on first use.
 * Without it e-mail is off: main.ts says so once at start-up rather than failing every night.
 */
export function mailer(): Transporter | null {
  if (transport === undefined) {
    const url = process.env.SMTP_URL;
    transport = url ? nodemailer.createTransport(url) : null;
  }
  return transport;
}

/** For tests that start their own SMTP server: forget the transport built from an earlier SMTP_URL. */
export function resetMailer(): void {
  transport?.close();
  transport = undefined;
}

export const mailFrom = () => process.env.SMTP_FROM ?? 'TreEm Hub <no-reply@treem.invalid>';
