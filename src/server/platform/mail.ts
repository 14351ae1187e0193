/**
 * Sending e-mails within MailApp's daily quota: the remaining quota is read once (only when
 * there is something to send), a message past it is counted, not attempted, and an address
 * that fails is reported while the others still go out.
 * https://developers.google.com/apps-script/reference/mail/mail-app#getRemainingDailyQuota()
 */
export interface Mail {
  to: string;
  subject: string;
  body: string;
  htmlBody?: string;
  /** A text file sent with the message (MailApp's `attachments`, up to 25 MB in all). */
  attachment?: { name: string; mimeType: string; text: string };
}

export interface MailReport {
  sent: number;
  /** Messages not sent because the daily quota ran out. */
  overQuota: number;
  failed: { to: string; error: string }[];
}

/** Sends `mails` and adds what happened to `report`. */
export function sendWithinQuota(mails: readonly Mail[], report: MailReport): void {
  if (mails.length === 0) return;
  let quota = MailApp.getRemainingDailyQuota();
  for (const mail of mails) {
    if (quota <= 0) {
      report.overQuota++;
      continue;
    }
    try {
      const options: GoogleAppsScript.Mail.MailAdvancedParameters = {};
      if (mail.htmlBody) options.htmlBody = mail.htmlBody;
      if (mail.attachment)
        options.attachments = [
          Utilities.newBlob(mail.attachment.text, mail.attachment.mimeType, mail.attachment.name),
        ];
      if (mail.htmlBody || mail.attachment)
        MailApp.sendEmail(mail.to, mail.subject, mail.body, options);
      else MailApp.sendEmail(mail.to, mail.subject, mail.body);
      report.sent++;
      quota--;
    } catch (e) {
      report.failed.push({ to: mail.to, error: e instanceof Error ? e.message : String(e) });
    }
  }
}
