// Runs in a worker thread (see sqlite-checkpointer.ts): copies committed WAL pages back into the
// SQLite database file with its own connection, so the API thread's commits never stop to do it.
// PASSIVE checkpoints never block the writer or readers; they copy what they can and try again later.
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');

const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');

function checkpoint() {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ type: 'checkpointed', walFrames: result.log, copiedFrames: result.checkpointed });
  } catch (error) {
    parentPort.postMessage({ type: 'failed', message: String(error && error.message ? error.message : error) });
  }
}

const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'checkpoint') checkpoint();
  if (message === 'close') {
    clearInterval(timer);
    checkpoint();
    db.close();
    parentPort.close();
  }
});
