import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { CaughtMessage } from './caught-message';
import { startMailCatcher, type MailCatcher } from './start-mail-catcher';

async function sendTo(catcher: MailCatcher, mail: nodemailer.SendMailOptions) {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: catcher.smtpPort, secure: false });
  try {
    return await transport.sendMail({ from: 'sender@tripline.test', to: 'ann@example.com', ...mail });
  } finally {
    transport.close();
  }
}

describe('mail catcher', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tripline-mail-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('survives a client whose connection is reset mid-session (found by the worker-kill drill)', async () => {
    const catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const { connect } = await import('node:net');
      const socket = connect(catcher.smtpPort, '127.0.0.1');
      await new Promise<void>((resolve) => socket.once('data', () => resolve())); // the greeting
      socket.write('EHLO dying-worker\r\nMAIL FROM:<a@tripline.test>\r\nRCPT TO:<b@example.com>\r\nDATA\r\nSubject: half\r\n\r\nhalf a mess');
      await new Promise((resolve) => setTimeout(resolve, 100));
      socket.resetAndDestroy(); // what the kernel does for a process killed with SIGKILL: RST, not FIN
      await new Promise((resolve) => setTimeout(resolve, 100));

      // Heard and reported (unheard, the error event ended the process), and the next client is served.
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^mail catcher: a connection failed \(ECONNRESET\); still listening$/));
      await sendTo(catcher, { subject: 'After the reset', text: 'still here', messageId: '<after@test>' });
      expect(catcher.messages().map((m) => m.subject)).toEqual(['After the reset']);
    } finally {
      warn.mockRestore();
      await catcher.close();
    }
  });

  it('reports the real ports when given 0 and serves the messages as JSON', async () => {
    const catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
    try {
      expect(catcher.smtpPort).toBeGreaterThan(0);
      expect(catcher.httpPort).toBeGreaterThan(0);
      await sendTo(catcher, { subject: 'One', text: 'first', messageId: '<one@test>' });

      const response = await fetch(`http://127.0.0.1:${catcher.httpPort}/api/messages`);
      expect(response.headers.get('content-type')).toContain('application/json');
      const messages = (await response.json()) as CaughtMessage[];
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({ messageId: '<one@test>', subject: 'One', to: ['ann@example.com'], html: null });
      expect(messages[0]!.from).toContain('sender@tripline.test');
      expect(messages[0]!.text?.trim()).toBe('first');
      expect(typeof messages[0]!.id).toBe('string');
      expect(Number.isNaN(Date.parse(messages[0]!.receivedAt))).toBe(false);

      const deleted = await fetch(`http://127.0.0.1:${catcher.httpPort}/api/messages`, { method: 'DELETE' });
      expect(deleted.status).toBe(200);
      expect(catcher.messages()).toEqual([]);

      const missing = await fetch(`http://127.0.0.1:${catcher.httpPort}/nope`);
      expect(missing.status).toBe(404);
      const wrongMethod = await fetch(`http://127.0.0.1:${catcher.httpPort}/api/messages`, { method: 'PUT' });
      expect(wrongMethod.status).toBe(405);
    } finally {
      await catcher.close();
    }
  });

  it('keeps the mailbox across a restart when given a store file', async () => {
    const storeFile = join(dir, 'mail', 'messages.jsonl');
    const first = await startMailCatcher({ smtpPort: 0, httpPort: 0, storeFile });
    await sendTo(first, { subject: 'Kept', text: 'still here' });
    await first.close();

    const second = await startMailCatcher({ smtpPort: 0, httpPort: 0, storeFile });
    try {
      expect(second.messages().map((message) => message.subject)).toEqual(['Kept']);
      await sendTo(second, { subject: 'Also kept', text: 'x' });
      expect((await readFile(storeFile, 'utf8')).trim().split('\n')).toHaveLength(2);

      await second.clear();
      expect(await readFile(storeFile, 'utf8')).toBe('');
    } finally {
      await second.close();
    }
  });

  it('skips a corrupt line of the store file instead of refusing to start', async () => {
    const storeFile = join(dir, 'messages.jsonl');
    await writeFile(storeFile, '{"id":"a","subject":"ok"}\nnot json\n');
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0, storeFile });
    try {
      expect(catcher.messages().map((message) => message.subject)).toEqual(['ok']);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('skipping line 2'));
    } finally {
      warn.mockRestore();
      await catcher.close();
    }
  });

  it('escapes everything on the mailbox page', async () => {
    const catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
    try {
      await sendTo(catcher, {
        subject: '<script>alert("subject")</script>',
        text: 'Hi <script>alert(1)</script>',
        html: '<p onclick="x()">Hi</p><script>alert(2)</script>',
      });
      const response = await fetch(`http://127.0.0.1:${catcher.httpPort}/`);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      const page = await response.text();
      expect(page).not.toContain('<script>');
      expect(page).toContain('&lt;script&gt;alert(&quot;subject&quot;)&lt;/script&gt;');
      expect(page).toContain('Hi &lt;script&gt;alert(1)&lt;/script&gt;');
      expect(page).toContain('sandbox=""');
    } finally {
      await catcher.close();
    }
  });

  it('waitFor resolves on a later message and times out with a clear error', async () => {
    const catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
    try {
      const waiting = catcher.waitFor((message) => message.subject === 'Later', 5000);
      await sendTo(catcher, { subject: 'Later', text: 'x' });
      await expect(waiting).resolves.toMatchObject({ subject: 'Later' });
      await expect(catcher.waitFor((message) => message.subject === 'Never', 50)).rejects.toThrow(
        'No matching message arrived within 50 ms (1 in the mailbox)',
      );
    } finally {
      await catcher.close();
    }
  });
});
