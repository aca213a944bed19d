// Console output of the scripts: one "tripline" voice, colours only on a terminal.
const useColour =
  process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0'
    ? true
    : !process.env.NO_COLOR && Boolean(process.stdout.isTTY);

const paint = (code) => (text) => (useColour ? `\x1b[${code}m${text}\x1b[0m` : String(text));

export const colours = {
  bold: paint('1'),
  dim: paint('2'),
  red: paint('31'),
  green: paint('32'),
  yellow: paint('33'),
  blue: paint('34'),
  magenta: paint('35'),
  cyan: paint('36'),
  grey: paint('90'),
};

/** Colours handed out to child processes in turn, so each one's log prefix is recognisable. */
export const prefixColours = [colours.magenta, colours.cyan, colours.green, colours.yellow, colours.blue];

export const say = (message) => console.log(`${colours.bold('tripline')} ${message}`);
export const warn = (message) => console.warn(`${colours.bold('tripline')} ${colours.yellow(message)}`);
export const fail = (message) => console.error(`${colours.bold('tripline')} ${colours.red(message)}`);

/** An error whose message is meant for the user as is (no stack trace). */
export class UserFacingError extends Error {}
