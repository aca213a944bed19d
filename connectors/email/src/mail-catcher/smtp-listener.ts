import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { toCaughtMessage } from './caught-message';
import type { MessageStore } from './message-store';

const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

/**
 * A real SMTP server for development: no TLS, any login accepted (or none), every message parsed
 * and kept. It listens on loopback only; it is a catcher, not a relay.
 */
export function createSmtpListener(store: MessageStore): SMTPServer {
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    size: MAX_MESSAGE_BYTES,
    logger: false,
    banner: 'Tripline mail catcher',
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'anonymous' });
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (parsed) => {
          if ((stream as { sizeExceeded?: boolean }).sizeExceeded) {
            const error = Object.assign(new Error('Message exceeds the fixed maximum message size'), { responseCode: 552 });
            return callback(error);
          }
          const envelopeTo = session.envelope.rcptTo.map((recipient) => recipient.address);
          await store.add(toCaughtMessage(parsed, envelopeTo, new Date()));
          callback();
        })
        .catch((error: Error) => {
          callback(Object.assign(new Error(`Could not store the message: ${error.message}`), { responseCode: 451 }));
        });
    },
  });
  // smtp-server re-emits every connection's socket error on the server; unheard, a client that dies
  // mid-session (a worker SIGKILLed while sending: ECONNRESET) took the catcher and `npm start` down.
  server.on('error', (error: NodeJS.ErrnoException) => {
    console.warn(`mail catcher: a connection failed (${error.code ?? error.message}); still listening`);
  });
  return server;
}
